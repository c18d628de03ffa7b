//! §8.4 on the case: the postings that match the Bewerberprofil (explained per factor, new ones
//! since the last look, F3), Vermittlungsvorschläge with their lifecycle and the employer's
//! feedback (F1, F2 step 3), and "skill gap → measure" (PK1). S12: matching is never blocked by
//! open strategies; a profile whose Handlungsbedarfe stand against applications is marked only.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use vierphasen_domain::datum::de;
use vierphasen_domain::zugriff::{Akteur, Aktion};
use vierphasen_domain::{Katalog, Rechtskreis};
use vierphasen_matching::{Bewerberprofil, Erklaerung, Tag, Umkreis, gewichte};
use vierphasen_store::protokoll::Zugriff;
use vierphasen_store::{Tx, sql};

use super::kenntnisluecke::Kenntnisart;
use super::lesezweck;
use super::vorschlag::{Vorschlag, VorschlagStatus, vorschlaege_laden};
use crate::stellen::{Stelle, stelle_laden};
use crate::{App, AppFehler};
use vierphasen_domain::KundeId;

/// Purpose logged when a case's matches are shown on their own (API).
pub const ZWECK_MATCHING: &str = "Matching (§8.4)";
/// Purpose logged for each candidate shown for a posting.
pub const ZWECK_BEWERBERSUCHE: &str = "Bewerbersuche zur Stelle (§8.4)";
/// A match from this score on with missing skills suggests strategies to close the gap (PK1).
pub const QUALIFIZIERUNG_AB_PUNKTEN: u32 = 600;
/// Matches shown per case.
pub const TREFFER_JE_FALL: usize = 20;

/// One factor of a score, in words.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Faktor {
    pub name: &'static str,
    pub punkte: u32,
    pub hoechstens: u32,
    pub text: String,
}

/// The score of a match explained per factor (§8.4).
pub fn faktoren(e: &Erklaerung, s: &Stelle, heute: NaiveDate) -> Vec<Faktor> {
    let f = |name, punkte, hoechstens, text: String| Faktor { name, punkte, hoechstens, text };
    let eintritt = match s.eintritt {
        Some(d) if d > heute => format!("Eintritt zum {}", de(d)),
        _ => "Eintritt ab sofort".into(),
    };
    vec![
        f("Beruf", e.beruf_punkte, gewichte::BERUF_GLEICH, e.beruf.label().to_string()),
        f("Entfernung", e.entfernung_punkte, gewichte::ENTFERNUNG, format!("{:.0} km", e.entfernung_km)),
        f(
            "Arbeitszeit",
            e.arbeitszeit_punkte,
            gewichte::ARBEITSZEIT,
            if e.arbeitszeit_punkte > 0 { "passt".into() } else { "passt nicht".into() },
        ),
        f(
            "Kenntnisse",
            e.faehigkeiten_punkte,
            gewichte::FAEHIGKEITEN,
            if e.faehigkeiten_benoetigt == 0 {
                "keine verlangt".into()
            } else {
                format!("{} von {} vorhanden", e.faehigkeiten_vorhanden, e.faehigkeiten_benoetigt)
            },
        ),
        f("Eintritt", e.eintritt_punkte, gewichte::EINTRITT, eintritt),
        f(
            "Aktualität",
            e.aktualitaet_punkte,
            gewichte::AKTUALITAET,
            format!("veröffentlicht am {}", de(s.veroeffentlicht)),
        ),
    ]
}

/// PK1: a skill gap in a good match suggests a strategy by the kind of the missing skills
/// (language, driving licence, professional; see [`Kenntnisart`]) and its products.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Qualifizierungsvorschlag {
    /// The missing skills this strategy addresses.
    pub kenntnisse: Vec<String>,
    pub strategie: String,
    pub strategie_label: String,
    /// (product id, label) recommended for the strategy in the customer's Rechtskreis.
    pub produkte: Vec<(String, String)>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Stellentreffer {
    pub stelle: Stelle,
    pub punkte: u32,
    pub faktoren: Vec<Faktor>,
    pub fehlende_kenntnisse: Vec<String>,
    /// The skills asked for that the customer has, in her words where they differ
    /// ([`crate::stellen::Matching::vorhandene_kenntnisse`]).
    pub vorhandene_kenntnisse: Vec<String>,
    /// F3: arrived since the user last looked at this customer's matches.
    pub neu: bool,
    pub vorschlag: Option<VorschlagStatus>,
    /// PK1: one strategy per kind of missing skill (empty below [`QUALIFIZIERUNG_AB_PUNKTEN`]).
    pub qualifizierung: Vec<Qualifizierungsvorschlag>,
}

/// The Bewerberprofil as the VFK reads it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Profilangaben {
    pub zielberuf: String,
    pub alternativberufe: Vec<String>,
    pub umkreis: String,
    pub arbeitszeit: String,
    pub verfuegbar_ab: NaiveDate,
    /// F2 step 3: open Handlungsbedarfe stand against applications (marked, S12).
    pub bewerbung_entgegen: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Fallmatching {
    pub profil: Option<Profilangaben>,
    /// Why the case takes no part in matching (P9, Z6, master data).
    pub ohne_profil: Option<String>,
    pub treffer: Vec<Stellentreffer>,
    pub vorschlaege: Vec<Vorschlag>,
}

fn umkreis_text(u: Umkreis) -> String {
    match u {
        Umkreis::Km(k) => format!("{k} km um den Wohnort (Tagespendelbereich, Z6)"),
        Umkreis::Inland => "bundesweit (überregional, Z6)".into(),
        Umkreis::InlandUndAusland => "bundesweit und im Ausland (international, Z6)".into(),
    }
}

/// PK1: the missing skills grouped by the strategy their kind calls for, in the order of the
/// skills, each strategy with its products in the customer's Rechtskreis.
fn qualifizierung(katalog: &Katalog, rechtskreis: Rechtskreis, fehlende: &[String]) -> Vec<Qualifizierungsvorschlag> {
    let mut vorschlaege: Vec<Qualifizierungsvorschlag> = Vec::new();
    for kenntnis in fehlende {
        let id = Kenntnisart::aus_name(kenntnis).strategie();
        if let Some(v) = vorschlaege.iter_mut().find(|v| v.strategie == id) {
            v.kenntnisse.push(kenntnis.clone());
            continue;
        }
        let Some(r) = katalog.finde_strategie(id) else { continue };
        let s = katalog.strategie(r);
        let produkte = katalog.produkte_fuer(&s.id, rechtskreis).map(|p| (p.id.clone(), p.label.clone())).collect();
        vorschlaege.push(Qualifizierungsvorschlag {
            kenntnisse: vec![kenntnis.clone()],
            strategie: s.id.clone(),
            strategie_label: s.label.clone(),
            produkte,
        });
    }
    vorschlaege
}

impl App {
    fn profilangaben(&self, p: &Bewerberprofil) -> Profilangaben {
        let titel = |c: vierphasen_domain::katalog::KldbCode| {
            self.katalog.berufe.get(c).map_or(c.as_str().to_string(), |b| format!("{} {}", c.as_str(), b.titel))
        };
        Profilangaben {
            zielberuf: titel(p.zielberuf),
            alternativberufe: p.alternativberufe.iter().map(|c| titel(*c)).collect(),
            umkreis: umkreis_text(p.umkreis),
            arbeitszeit: p.arbeitszeit.text(),
            verfuegbar_ab: p.verfuegbar_ab.datum(),
            bewerbung_entgegen: p.bewerbung_entgegen,
        }
    }

    /// Why a case has no Bewerberprofil.
    pub(super) fn ohne_profil_grund(&self, fall: &super::Fall) -> String {
        let plz_ok = fall.stamm.plz.as_deref().is_some_and(|p| self.matching.daten.plz.ort(p).is_some());
        if !plz_ok {
            "Ohne gültige Postleitzahl in den Stammdaten lässt sich kein Umkreis bestimmen (§8.4).".into()
        } else if fall.akte.meldungen.last().is_none_or(|m| m.ende.is_some()) {
            "Der Kunde ist nicht arbeitsuchend gemeldet.".into()
        } else if fall.akte.profiling.is_empty() {
            "Noch kein Profiling: matchingfähig wird das Profil nach der Stärken- und Potenzialanalyse (P9).".into()
        } else {
            "Das Profil ist nicht matchingfähig (P9: Stärken- und Potenzialanalyse vollständig, Zielberuf \
             angegeben) oder die Zieloption sieht keine Stellensuche vor (Z6)."
                .into()
        }
    }

    /// The case's matches, in a transaction that already passed the access decision.
    pub(crate) async fn fallmatching(&self, tx: &mut Tx, fall: &super::Fall) -> Result<Fallmatching, AppFehler> {
        let kunde_id = fall.stamm.id;
        let vorschlaege = vorschlaege_laden(tx, KundeId(kunde_id)).await?;
        let Some(profil) = self.matching.profil(KundeId(kunde_id)) else {
            let ohne = self.ohne_profil_grund(fall);
            return Ok(Fallmatching { profil: None, ohne_profil: Some(ohne), treffer: Vec::new(), vorschlaege });
        };
        let heute = self.heute();
        let m = &self.matching;
        let staerken = fall.akte.profiling.last().map(|p| p.staerken.as_slice()).unwrap_or_default();
        let bestand = m.staerkenbestand(staerken);
        let mut treffer = Vec::new();
        for t in m.stellen.suchen(&profil, Tag::aus_datum(heute), TREFFER_JE_FALL) {
            let Some((stelle, _)) = stelle_laden(tx, t.id as i64).await? else { continue };
            let fehlende: Vec<String> = t.erklaerung.fehlende_faehigkeiten.iter().map(|f| m.faehigkeit(*f)).collect();
            let vorhandene = m.angebot(&stelle).map(|a| m.vorhandene_kenntnisse(&bestand, &a)).unwrap_or_default();
            let qualifizierung = if t.punkte >= QUALIFIZIERUNG_AB_PUNKTEN {
                qualifizierung(self.katalog, fall.stamm.rechtskreis, &fehlende)
            } else {
                Vec::new()
            };
            treffer.push(Stellentreffer {
                faktoren: faktoren(&t.erklaerung, &stelle, heute),
                vorschlag: vorschlaege.iter().find(|v| v.stelle_id == stelle.id).map(|v| v.status),
                stelle,
                punkte: t.punkte,
                fehlende_kenntnisse: fehlende,
                vorhandene_kenntnisse: vorhandene,
                neu: false,
                qualifizierung,
            });
        }
        Ok(Fallmatching { profil: Some(self.profilangaben(&profil)), ohne_profil: None, treffer, vorschlaege })
    }

    /// F3: marks which matches arrived since the user's last look, then records this look.
    pub(crate) async fn treffer_gesehen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        matching: &mut Fallmatching,
    ) -> Result<(), AppFehler> {
        let mut tx = self.schreiber.beginnen().await?;
        let zuletzt = sql!(&mut tx, zeile<(DateTime<Utc>,)>
            "SELECT gesehen_um FROM treffer_gesehen WHERE benutzer_id = $1 AND kunde_id = $2", wer.benutzer_id, kunde_id.0)?
        .map(|(z,)| z);
        for t in &mut matching.treffer {
            t.neu = zuletzt.is_none_or(|z| self.matching.eingang(t.stelle.id as u64).is_some_and(|e| e > z));
        }
        sql!(&mut tx, ausfuehren
            "INSERT INTO treffer_gesehen (benutzer_id, kunde_id, gesehen_um) VALUES ($1, $2, $3)
             ON CONFLICT (benutzer_id, kunde_id) DO UPDATE SET gesehen_um = excluded.gesehen_um",
            wer.benutzer_id, kunde_id.0, self.jetzt())?;
        tx.festschreiben().await
    }

    /// The case's matches (a logged read of the case, D3) and its Vermittlungsvorschläge.
    pub async fn treffer_lesen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        zweck: Option<&str>,
    ) -> Result<Fallmatching, AppFehler> {
        let zweck = match zweck {
            Some(_) => lesezweck(wer, zweck)?,
            None => ZWECK_MATCHING.to_string(),
        };
        let mut tx = self.db.begin().await?;
        let fall = super::fall_laden(&mut tx, wer, kunde_id, Aktion::FallLesen, self.jetzt()).await?;
        let mut matching = self.fallmatching(&mut tx, &fall).await?;
        drop(tx);
        self.protokoll
            .protokollieren(Zugriff {
                zeitpunkt: self.jetzt(),
                benutzer_id: wer.benutzer_id,
                kunde_id: kunde_id.0,
                zweck,
            })
            .await?;
        self.treffer_gesehen(wer, kunde_id, &mut matching).await?;
        Ok(matching)
    }
}
