//! Referrals to the Fachdienste and the ZAV (U2–U8): consent (U6), prior conversation (U4) and the
//! ZAV admission criteria (U2) are checked by the rule gate. Issue 13/1: a referral is addressed
//! to a service and goes through its lifecycle (`Auftragsstatus::nach`); the steps of the service
//! are taken by a user of that service, the others by the responsible VFK.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;
use vierphasen_domain::fallakte::{
    Aktenteil, Auftrag, Auftragsergebnis, Auftragsschritt, Auftragsstatus, Einschraenkungsdauer, Einwilligungsumfang,
    Fragestellung, Leistungsbild, ZavAngaben,
};
use vierphasen_domain::katalog::{Katalog, Leistung};
use vierphasen_domain::regeln::fachdienst::einwilligung_gilt;
use vierphasen_domain::zugriff::{Akteur, Aktion, Rolle};

use super::Aenderung;
use super::kunde::{text_opt, text_pruefen};
use super::schreiben::Schreibvorgang;
use super::{Fall, Tor, Verlaufsaktion};
use crate::grenzen;
use crate::konto::benutzername;
use crate::{App, AppFehler};
use vierphasen_domain::KundeId;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AuftragEingabe {
    #[serde(deserialize_with = "vierphasen_domain::datum::serde_strikt::datum")]
    pub datum: NaiveDate,
    /// Service id or label from the catalogue (`fachdienste.toml`). For the Ärztlicher Dienst
    /// `aed_sozialmedizinische_beratung` or `aed_begutachtung`: the doctor chooses the format (U4).
    pub leistung: String,
    #[serde(default)]
    pub fragestellung: Fragestellung,
    /// The case-specific question to the service.
    #[serde(default)]
    pub anliegen: Option<String>,
    /// The parts of the case file the service may read with the referral.
    #[serde(default)]
    pub freigabe: Vec<Aktenteil>,
    /// U2: facts for the ZAV admission criteria.
    #[serde(default)]
    pub zav: Option<ZavAngaben>,
    #[serde(default)]
    pub bestaetigt: bool,
}

/// A step in the lifecycle of a referral, with what the step needs.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AuftragsschrittEingabe {
    pub schritt: Auftragsschritt,
    /// `zurueckgeben`: the question back; `erneut_senden`: the VFK's answer; `stornieren`: why.
    #[serde(default)]
    pub text: Option<String>,
    /// `bearbeiten`: an appointment of the service with the customer (optional).
    #[serde(default, deserialize_with = "vierphasen_domain::datum::serde_strikt::datum_opt")]
    pub termin: Option<NaiveDate>,
    /// `ergebnis_mitteilen`: the result.
    #[serde(default)]
    pub ergebnis: Option<ErgebnisEingabe>,
}

/// The result of a referral as the service enters it.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErgebnisEingabe {
    /// U4: the format of the Begutachtung (catalogue id), chosen by the doctor.
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub leistungsbild: Option<Leistungsbild>,
    #[serde(default)]
    pub einschraenkungen: Option<String>,
    #[serde(default)]
    pub dauer: Option<Einschraenkungsdauer>,
    /// Deutsch-Test: A1, A2, B1, B2, C1 or C2.
    #[serde(default)]
    pub ger_niveau: Option<String>,
    /// The Merkmal of the profiling the result concerns (id or label).
    #[serde(default)]
    pub merkmal: Option<String>,
    pub text: String,
}

/// GER levels (Gemeinsamer Europäischer Referenzrahmen).
pub const GER_NIVEAUS: [&str; 6] = ["A1", "A2", "B1", "B2", "C1", "C2"];

impl App {
    /// Refers the customer to a Fachdienst or the ZAV.
    pub async fn auftrag_erteilen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        eingabe: AuftragEingabe,
    ) -> Result<Aenderung, AppFehler> {
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        let leistung = self.katalog.finde_leistung(eingabe.leistung.trim()).ok_or_else(|| {
            AppFehler::ungueltig("leistung", format!("unbekannte Leistung „{}“", eingabe.leistung.trim()))
        })?;
        // U8: a BiZ order is a task of the customer in the EV, checked in the Folgegespräch.
        if leistung.ev_aufgabe.is_some() {
            return Err(AppFehler::ungueltig(
                "leistung",
                format!(
                    "„{}“ ist ein Auftrag an die Kundin bzw. den Kunden zur Nutzung des BiZ: er wird als Aufgabe mit Frist in der Eingliederungsvereinbarung bzw. im Kooperationsplan vereinbart (U8), nicht als Auftrag an einen Fachdienst.",
                    leistung.label
                ),
            ));
        }
        if let Some(von) = leistung.format_von.as_deref().and_then(|v| self.katalog.finde_leistung(v)) {
            return Err(AppFehler::ungueltig(
                "leistung",
                format!(
                    "Das Format „{}“ wählt der {} selbst (U4). Beauftragen Sie „{}“.",
                    leistung.label,
                    self.katalog.dienst(&leistung.dienst).map_or("Fachdienst", |d| d.label.as_str()),
                    von.label
                ),
            ));
        }
        if eingabe.datum > s.heute {
            return Err(AppFehler::ungueltig(
                "datum",
                "liegt in der Zukunft; ein Auftrag wird mit dem Tag der Erteilung erfasst",
            ));
        }
        let zav = match eingabe.zav {
            Some(z) => Some(self.zav_angaben(z)?),
            None => None,
        };
        let mut freigabe = eingabe.freigabe;
        freigabe.sort_by_key(|t| Aktenteil::ALLE.iter().position(|a| a == t));
        freigabe.dedup();
        let auftrag = Auftrag {
            zav,
            anliegen: text_opt("anliegen", eingabe.anliegen.as_deref(), grenzen::ABSATZ)?,
            freigabe,
            ..Auftrag::neu(eingabe.datum, leistung.id.clone(), eingabe.fragestellung)
        };
        let (id, _) = s.anfuegen(auftrag, Verlaufsaktion::Erteilt).await?;
        let befunde = s.abschliessen(Tor::pruefen(eingabe.bestaetigt)).await?;
        Ok(Aenderung { id, befunde })
    }

    /// U2: the ZAV facts as stored: Branche and Region by id (an unknown one stays as entered, so
    /// the Fallakte check names it), the Zielposition as a checked text.
    fn zav_angaben(&self, z: ZavAngaben) -> Result<ZavAngaben, AppFehler> {
        let k = self.katalog;
        Ok(ZavAngaben {
            zielposition: text_opt("zav.zielposition", z.zielposition.as_deref(), grenzen::BEZEICHNUNG)?,
            branche: z.branche.as_deref().map(str::trim).map(|t| k.zav_branche(t).map_or(t, |x| &x.id).to_owned()),
            region: z.region.as_deref().map(str::trim).map(|t| k.zav_region(t).map_or(t, |x| &x.id).to_owned()),
            ..z
        })
    }

    /// Issue 13/1: one step of a referral's lifecycle. The steps of the service need a user of
    /// the service the referral is addressed to (any other sees neither case nor referral); the
    /// others the responsible VFK. A step the current state does not allow is refused with the
    /// state named.
    pub async fn auftrag_schritt(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        auftrag_id: i64,
        eingabe: AuftragsschrittEingabe,
    ) -> Result<Aenderung, AppFehler> {
        let schritt = eingabe.schritt;
        if schritt == Auftragsschritt::Stoppen {
            return Err(AppFehler::ungueltig(
                "schritt",
                "Ein Auftrag wird gestoppt, wenn die Einwilligung widerrufen wird (U6); stornieren Sie ihn sonst.",
            ));
        }
        let aktion = if schritt.durch_fachdienst() { Aktion::AuftragBearbeiten } else { Aktion::FallBearbeiten };
        let mut s = self.aendern(wer, kunde_id, aktion).await?;
        let i = auftrag_des_akteurs(&s.fall, wer, auftrag_id, self.katalog)?;
        let vorher = s.fall.akte.auftraege[i].clone();
        let status = vorher.status.nach(schritt).map_err(AppFehler::Konflikt)?;
        let text = |feld: &str| text_pruefen(feld, eingabe.text.as_deref().unwrap_or(""), grenzen::ABSATZ);
        let mut nachher = Auftrag { status, ..vorher.clone() };
        match schritt {
            Auftragsschritt::Annehmen => {
                nachher.bearbeitet_von = benutzername(s.tx.as_mut(), wer.benutzer_id).await?;
            }
            Auftragsschritt::Bearbeiten => {
                if let Some(t) = eingabe.termin
                    && t < s.heute
                {
                    return Err(AppFehler::ungueltig("termin", "liegt in der Vergangenheit"));
                }
                nachher.termin = eingabe.termin;
            }
            Auftragsschritt::Zurueckgeben => {
                nachher.rueckfrage = Some(text("text")?);
                nachher.antwort = None;
            }
            Auftragsschritt::ErneutSenden => nachher.antwort = Some(text("text")?),
            Auftragsschritt::ErgebnisMitteilen => {
                let e =
                    eingabe.ergebnis.ok_or_else(|| AppFehler::ungueltig("ergebnis", "Bitte das Ergebnis angeben."))?;
                let leistung = self.katalog.finde_leistung(&vorher.leistung);
                nachher.ergebnis = Some(self.ergebnis_pruefen(e, leistung, s.heute)?);
            }
            Auftragsschritt::Stornieren => nachher.abbruchgrund = Some(text("text")?),
            Auftragsschritt::ZurKenntnisNehmen | Auftragsschritt::Stoppen => {}
        }
        s.ueberschreiben(i, nachher, Verlaufsaktion::Auftrag(status)).await?;
        let befunde = s.abschliessen(Tor::pruefen(false)).await?;
        Ok(Aenderung { id: auftrag_id, befunde })
    }

    /// The result as stored: U4 — a Begutachtung names the format the doctor chose (one of its
    /// formats) and the Leistungsbild; a Deutsch-Test its GER level; a Merkmal by its id.
    fn ergebnis_pruefen(
        &self,
        e: ErgebnisEingabe,
        leistung: Option<&Leistung>,
        heute: NaiveDate,
    ) -> Result<Auftragsergebnis, AppFehler> {
        let mut fehler = Vec::new();
        let text = text_pruefen("ergebnis.text", &e.text, grenzen::LANGTEXT).map_err(|f| fehler.push(f)).ok();
        let formate: Vec<&Leistung> = leistung.map(|l| self.katalog.formate(&l.id).collect()).unwrap_or_default();
        let begutachtung = !formate.is_empty();
        let format = match e.format.as_deref().map(str::trim).filter(|f| !f.is_empty()) {
            Some(f) => match self.katalog.finde_leistung(f) {
                Some(l) if formate.iter().any(|x| x.id == l.id) => Some(l.id.clone()),
                _ => {
                    fehler.push(AppFehler::ungueltig(
                        "ergebnis.format",
                        format!("„{f}“ ist kein Format dieser Leistung"),
                    ));
                    None
                }
            },
            None if begutachtung => {
                fehler.push(AppFehler::ungueltig(
                    "ergebnis.format",
                    "Bitte das gewählte Format der Begutachtung angeben (U4).",
                ));
                None
            }
            None => None,
        };
        if begutachtung && e.leistungsbild.is_none() {
            fehler.push(AppFehler::ungueltig("ergebnis.leistungsbild", "Bitte das Leistungsbild angeben."));
        }
        let ger_niveau = match e.ger_niveau.as_deref().map(str::trim).filter(|g| !g.is_empty()) {
            Some(g) => match GER_NIVEAUS.iter().find(|n| n.eq_ignore_ascii_case(g)) {
                Some(n) => Some((*n).to_owned()),
                None => {
                    fehler.push(AppFehler::ungueltig("ergebnis.ger_niveau", "A1, A2, B1, B2, C1 oder C2"));
                    None
                }
            },
            None => None,
        };
        let merkmal = match e.merkmal.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
            Some(m) => match self.katalog.finde_merkmal(m) {
                Some(r) => Some(self.katalog.merkmal(r).id.clone()),
                None => {
                    fehler.push(AppFehler::ungueltig("ergebnis.merkmal", format!("unbekanntes Merkmal „{m}“")));
                    None
                }
            },
            None => None,
        };
        let einschraenkungen = text_opt("ergebnis.einschraenkungen", e.einschraenkungen.as_deref(), grenzen::ABSATZ)
            .map_err(|f| fehler.push(f))
            .ok()
            .flatten();
        AppFehler::alle(fehler)?;
        Ok(Auftragsergebnis {
            datum: heute,
            format,
            leistungsbild: e.leistungsbild,
            einschraenkungen,
            dauer: e.dauer,
            ger_niveau,
            merkmal,
            text: text.unwrap_or_default(),
        })
    }
}

/// The position of referral `auftrag_id` in the case, if the user may act on it: a Fachdienst
/// user only on an open referral to her own service (any other answers like a missing one).
pub(crate) fn auftrag_des_akteurs(fall: &Fall, wer: &Akteur, auftrag_id: i64, k: &Katalog) -> Result<usize, AppFehler> {
    let nicht_gefunden = || AppFehler::NichtGefunden("Der Auftrag");
    let i = fall.ids.auftraege.iter().position(|a| *a == auftrag_id).ok_or_else(nicht_gefunden)?;
    let a = &fall.akte.auftraege[i];
    let eigener_dienst =
        || k.dienst_der_leistung(&a.leistung).is_some_and(|d| Some(d.id.as_str()) == wer.fachdienst.as_deref());
    if wer.rolle == Rolle::Fachdienst && !(a.status.offen() && eigener_dienst()) {
        return Err(nicht_gefunden());
    }
    Ok(i)
}

/// U6: a revoked consent stops at once the open referrals that depend on it (those to its
/// service whose question is not Verfügbarkeit/Erwerbsfähigkeit), unless another consent of the
/// same scope still holds.
pub(super) async fn auftraege_stoppen(
    s: &mut Schreibvorgang<'_>,
    umfang: Einwilligungsumfang,
) -> Result<(), AppFehler> {
    if einwilligung_gilt(&s.fall.akte.einwilligungen, umfang, s.heute) {
        return Ok(());
    }
    let katalog = s.app.katalog;
    for i in 0..s.fall.akte.auftraege.len() {
        let a = &s.fall.akte.auftraege[i];
        let betroffen = a.status.offen()
            && a.fragestellung != Fragestellung::VerfuegbarkeitErwerbsfaehigkeit
            && katalog.dienst_der_leistung(&a.leistung).and_then(|d| Einwilligungsumfang::fuer_dienst(&d.id))
                == Some(umfang);
        if betroffen {
            let nachher = Auftrag {
                status: Auftragsstatus::Gestoppt,
                abbruchgrund: Some("Die Einwilligung (§ 32 SGB III) wurde widerrufen (U6).".into()),
                ..a.clone()
            };
            s.ueberschreiben(i, nachher, Verlaufsaktion::Auftrag(Auftragsstatus::Gestoppt)).await?;
        }
    }
    Ok(())
}
