//! U1: the Jobcenter takes a handover over. The SGB II case continues the SGB III work: the
//! profiling (with its Profillage), the goal, the open strategies available in SGB II and the
//! Werdegang come along, the Beratungsvermerke of the packet too; the Erstgespräch SGB II falls
//! due under the pair's standard. A case of the same person the Jobcenter already has (same
//! name and birth date) is linked instead of a second one being opened.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vierphasen_domain::datum::plus_tage;
use vierphasen_domain::fallakte::{Meldung, Rechtskreiswechsel};
use vierphasen_domain::zugriff::{Akteur, Rolle};
use vierphasen_domain::{Fallakte, Katalog, KundeId, Rechtskreis};
use vierphasen_store::{Tx, sql};

use super::standard::Uebergabestandard;
use super::{Uebergabepaket, Uebergabestatus, vermittlung};
use crate::fall::{
    Eintrag, Eintragsart, ImportStamm, Kopf, Verlaufsaktion, als_text, json, verlauf_schreiben,
    wiedervorlagen_anstossen,
};
use crate::{App, AppFehler};

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UebernahmeEingabe {
    /// The Jobcenter's VFK who continues the case; without it the user herself (a VFK). The
    /// Teamleitung names one of her Dienststelle.
    #[serde(default)]
    pub vfk_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Uebernahmeergebnis {
    /// The SGB II case.
    pub kunde_id: i64,
    /// The Jobcenter had a case of the person already; the handover was linked to it.
    pub verknuepft: bool,
    /// The Erstgespräch SGB II is due by this day (the pair's standard).
    pub erstgespraech_bis: NaiveDate,
    /// Strategies of the packet not continued (only in SGB III, or a local strategy of the
    /// Agentur, S5/S11), by name.
    pub nicht_fortgefuehrt: Vec<String>,
}

/// U1 under the local standard: the Erstgespräch SGB II within the standard's days after the
/// Rechtskreiswechsel, or after the Übernahme when that came later.
pub(crate) fn erstgespraech_bis(wechsel: NaiveDate, uebernommen_am: NaiveDate, s: &Uebergabestandard) -> NaiveDate {
    plus_tage(wechsel.max(uebernommen_am), s.erstgespraech_tage)
}

/// S5/S11: a national strategy not restricted to SGB III goes on in the SGB II case; a local
/// strategy of the Agentur does not exist at the Jobcenter.
fn im_sgb2(strategie: &str, katalog: &Katalog) -> bool {
    katalog
        .finde_strategie(strategie)
        .is_some_and(|r| katalog.strategie(r).nur_rechtskreis != Some(Rechtskreis::SgbIII))
}

/// The open strategies of a packet the SGB II case will not continue, by name.
pub(crate) fn nicht_fortgefuehrt(akte: &Fallakte, katalog: &Katalog) -> Vec<String> {
    akte.strategien
        .iter()
        .filter(|s| !im_sgb2(&s.strategie, katalog))
        .map(|s| {
            katalog.finde_strategie(&s.strategie).map_or(s.strategie.clone(), |r| katalog.strategie(r).label.clone())
        })
        .collect()
}

/// The SGB II case as it continues the packet, and the strategies left behind (S5, S11).
fn sgb2_akte(paket: &Uebergabepaket, katalog: &Katalog, heute: NaiveDate, bis: NaiveDate) -> (Fallakte, Vec<String>) {
    let mut a = paket.akte.clone();
    let wechsel = a.kunde.rechtskreiswechsel.clone();
    a.kunde.rechtskreis = Rechtskreis::SgbII;
    a.kunde.kundennummer = None;
    a.kunde.rechtskreiswechsel = wechsel.map(|w| Rechtskreiswechsel {
        datum: w.datum,
        antrag_sgb2_erwartet: w.antrag_sgb2_erwartet,
        erfolgt: true,
        erstgespraech_bis: Some(bis),
    });
    // Registered with the Jobcenter from the Übernahme; the Agentur's episodes stay there.
    a.meldungen = vec![Meldung { beginn: heute, ende: None, abmeldegrund: None }];
    // A Kooperationsplan is agreed anew in SGB II (E1); the EV stays readable in the packet.
    a.eingliederungsvereinbarungen.clear();
    let nicht = nicht_fortgefuehrt(&a, katalog);
    a.strategien.retain(|s| im_sgb2(&s.strategie, katalog));
    (a, nicht)
}

impl App {
    /// A VFK (into her caseload) or the Teamleitung (naming a VFK) of the Jobcenter takes a
    /// waiting handover over.
    pub async fn uebergabe_uebernehmen(
        &self,
        wer: &Akteur,
        id: i64,
        e: UebernahmeEingabe,
    ) -> Result<Uebernahmeergebnis, AppFehler> {
        vermittlung(wer)?;
        let mut tx = self.schreiber.beginnen().await?;
        let (g, paket) = self.uebergabe_laden(tx.as_mut(), wer, id).await?;
        if !g.uebergabe.eingang {
            return Err(AppFehler::Verboten("Die Übergabe übernimmt das Jobcenter, an das sie gesendet wurde.".into()));
        }
        if g.uebergabe.status != Uebergabestatus::Gesendet {
            return Err(AppFehler::Konflikt(format!("Die Übergabe ist {}.", g.uebergabe.status.label())));
        }
        let standard = g
            .standard
            .ok_or_else(|| AppFehler::Konflikt("Für diese Agentur fehlt der Übergabestandard (U1).".into()))?;
        let vfk = self.fortfuehrende_vfk(tx.as_mut(), wer, e.vfk_id).await?;
        let heute = self.heute();
        let bis = erstgespraech_bis(g.uebergabe.rechtskreiswechsel, heute, &standard);
        let (akte, nicht_fortgefuehrt) = sgb2_akte(&paket, self.katalog, heute, bis);
        let jetzt = self.jetzt();
        let vorhanden = sql!(tx.as_mut(), zeile<(i64,)>
            "SELECT id FROM kunde
             WHERE dienststelle_id = $1 AND geburtsdatum = $2 AND LOWER(vorname) = LOWER($3) AND LOWER(nachname) = LOWER($4)
             ORDER BY id LIMIT 1",
            wer.dienststelle_id, paket.akte.kunde.geburtsdatum, &paket.vorname, &paket.nachname)?;
        let (kunde_id, verknuepft) = match vorhanden {
            Some((k,)) => {
                verknuepfen(
                    tx.as_mut(),
                    KundeId(k),
                    &akte,
                    Kopf { kunde_id: KundeId(k), von: wer.benutzer_id, jetzt, katalog: self.katalog },
                )
                .await?;
                (KundeId(k), true)
            }
            None => {
                let stamm = ImportStamm {
                    vorname: paket.vorname.clone(),
                    nachname: paket.nachname.clone(),
                    plz: paket.plz.clone(),
                };
                (self.fall_importieren_in(tx.as_mut(), &vfk, stamm, akte).await?, false)
            }
        };
        sql!(tx.as_mut(), ausfuehren
            "UPDATE uebergabe SET status = $1, uebernommen_von = $2, uebernommen_am = $3, neuer_kunde_id = $4 WHERE id = $5",
            als_text(&Uebergabestatus::Uebernommen), wer.benutzer_id, heute, kunde_id.0, id)?;
        // Both cases record it: the Agentur's VFK sees when the Jobcenter took over.
        let v = serde_json::json!({ "uebergabe_id": id, "erstgespraech_bis": bis });
        for fall in [kunde_id, KundeId(g.agentur_fall)] {
            verlauf_schreiben(
                tx.as_mut(),
                Eintrag::<(), _> {
                    kunde_id: fall,
                    benutzer_id: wer.benutzer_id,
                    zeitpunkt: jetzt,
                    entitaet: "uebergabe",
                    entitaet_id: Some(id),
                    aktion: Verlaufsaktion::Uebernommen,
                    vorher: None,
                    nachher: Some(&v),
                },
            )
            .await?;
        }
        tx.festschreiben().await?;
        let mut tx = self.db.begin().await?;
        self.matching.profil_neu_laden(&mut tx, self.katalog, kunde_id, heute).await?;
        Ok(Uebernahmeergebnis { kunde_id: kunde_id.0, verknuepft, erstgespraech_bis: bis, nicht_fortgefuehrt })
    }

    /// Who continues the case: the user (a VFK), or the active VFK of the Jobcenter the
    /// Teamleitung names. A VFK takes over into her own caseload only.
    async fn fortfuehrende_vfk(&self, tx: &mut Tx, wer: &Akteur, vfk_id: Option<i64>) -> Result<Akteur, AppFehler> {
        let id = match (wer.rolle, vfk_id) {
            (Rolle::Vfk, None) => wer.benutzer_id,
            (Rolle::Vfk, Some(v)) if v != wer.benutzer_id => {
                return Err(AppFehler::Verboten(
                    "Eine Vermittlungsfachkraft übernimmt in den eigenen Bestand; an andere verteilt die Teamleitung."
                        .into(),
                ));
            }
            (_, Some(v)) => v,
            (_, None) => {
                return Err(AppFehler::ungueltig(
                    "vfk_id",
                    "Bitte die Vermittlungsfachkraft wählen, die den Fall fortführt",
                ));
            }
        };
        let Some((team_id,)) = sql!(tx, zeile<(Option<i64>,)>
            "SELECT team_id FROM benutzer WHERE id = $1 AND dienststelle_id = $2 AND rolle = 'vfk' AND aktiv = TRUE",
            id, wer.dienststelle_id)?
        else {
            return Err(AppFehler::ungueltig("vfk_id", "keine aktive Vermittlungsfachkraft dieses Jobcenters"));
        };
        Ok(Akteur {
            benutzer_id: id,
            rolle: Rolle::Vfk,
            dienststelle_id: wer.dienststelle_id,
            team_id,
            vertritt: Vec::new(),
            fachdienst: None,
        })
    }
}

/// The Jobcenter knows the person already: its case takes the Rechtskreiswechsel with the
/// deadline, and the packet's profiling when it has none of its own (it keeps its own work).
async fn verknuepfen(tx: &mut Tx, kunde_id: KundeId, akte: &Fallakte, kopf: Kopf) -> Result<(), AppFehler> {
    sql!(tx, ausfuehren "UPDATE kunde SET rechtskreiswechsel = $1 WHERE id = $2",
        akte.kunde.rechtskreiswechsel.as_ref().map(json).transpose()?, kunde_id.0)?;
    let (profile,) =
        sql!(tx, zeile<(i64,)> "SELECT COUNT(*) FROM profiling WHERE kunde_id = $1", kunde_id.0)?.unwrap_or((0,));
    if profile == 0
        && let Some(p) = akte.profiling.last()
    {
        p.einfuegen(tx, kopf).await?;
    }
    wiedervorlagen_anstossen(tx, kunde_id, kopf.jetzt).await
}
