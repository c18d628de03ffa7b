//! Importing a whole case from a Fallakte (another system, an archive, the demo): the customer's
//! master data plus every entry of the Fallakte as rows, in the caseload of the importing VFK.
//!
//! What is imported and what is not:
//! - every list of the Fallakte becomes one row per entry (`inhalt` = the entry's JSON);
//!   Vermerk addenda become `nachtrag` rows (the Vermerk is stored without them, V3);
//! - the Fallakte's `dienststelle` object is not imported: configuration belongs to the
//!   Dienststelle, so the case must be valid with the importing Dienststelle's configuration
//!   (local strategies it names must exist there, S11);
//! - entries are written by the same row functions as every use case (`speicher`);
//! - Bedarfsgemeinschaft members are references to other customers and are not imported; the
//!   Bedarfsgemeinschaft itself is (found or created by its number, P10);
//! - the Kundennummer is assigned anew (the one in the file belongs to the other system);
//! - referrals are imported as open (`erledigt = false`);
//! - Vermittlungsvorschläge are not imported: they name postings of the other system, which
//!   are not here (new proposals follow from this system's matching).
//!
//! Rule findings do not refuse an import: the case is taken over as it stands and its findings
//! show up like those of any other case (the Fallprüfung of `fall_lesen`).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vierphasen_domain::Fallakte;
use vierphasen_domain::KundeId;
use vierphasen_domain::fallakte::{Dienststelle, pruefen_und_aufloesen};
use vierphasen_domain::zugriff::{Akteur, Aktion, Entscheidung, pruefen};
use vierphasen_store::Tx;

use super::kunde::{bg_finden, name_pruefen};
use super::{
    Eintrag, Eintragsart, Kopf, NeuerKundeZeile, Verlaufsaktion, als_text, auftrag_einfuegen, dienststelle_laden, json,
    kunde_einfuegen, nachtrag_einfuegen, neue_kundennummer, verlauf_schreiben, wiedervorlagen_anstossen,
};
use crate::plz::plz_optional;
use crate::{App, AppFehler};

/// The master data of an imported customer (the Fallakte itself is pseudonymous).
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportStamm {
    pub vorname: String,
    pub nachname: String,
    /// Five digits.
    #[serde(default)]
    pub plz: Option<String>,
}

impl App {
    /// Imports a Fallakte as a new case in the caseload (and team) of `wer`. Returns the new
    /// customer id. The Fallakte must be readable (`pruefen_und_aufloesen`) as given and with the
    /// configuration of `wer`'s Dienststelle, and its Rechtskreis must be the Dienststelle's.
    pub async fn fall_importieren(
        &self,
        wer: &Akteur,
        stamm: ImportStamm,
        akte: Fallakte,
    ) -> Result<KundeId, AppFehler> {
        let mut tx = self.db.begin().await?;
        let id = self.fall_importieren_in(&mut tx, wer, stamm, akte).await?;
        tx.commit().await?;
        let mut tx = self.db.begin().await?;
        self.matching.profil_neu_laden(&mut tx, self.katalog, id, self.heute()).await?;
        Ok(id)
    }

    /// The import inside a transaction the caller owns (the demo imports all its cases in one).
    pub(crate) async fn fall_importieren_in(
        &self,
        tx: &mut Tx,
        wer: &Akteur,
        stamm: ImportStamm,
        akte: Fallakte,
    ) -> Result<KundeId, AppFehler> {
        if pruefen(wer, Aktion::KundeAnlegen, None) != Entscheidung::Erlaubt {
            return Err(AppFehler::Verboten("Fälle importiert eine Vermittlungsfachkraft in ihren Bestand.".into()));
        }
        let vorname = name_pruefen("vorname", &stamm.vorname)?;
        let nachname = name_pruefen("nachname", &stamm.nachname)?;
        let plz = plz_optional(&self.matching.daten.plz, "plz", stamm.plz.as_deref())?;
        let heute = self.heute();
        let geburtsdatum = akte.kunde.geburtsdatum;
        if geburtsdatum > heute || vierphasen_domain::datum::jahre_zwischen(geburtsdatum, heute) > 120 {
            return Err(AppFehler::ungueltig(
                "kunde.geburtsdatum",
                "liegt in der Zukunft oder mehr als 120 Jahre zurück",
            ));
        }
        pruefen_und_aufloesen(akte.clone(), self.katalog)?;

        let dst = dienststelle_laden(tx, wer.dienststelle_id).await?;
        let rechtskreis = akte.kunde.rechtskreis;
        if dst.rechtskreis != als_text(&rechtskreis) {
            return Err(AppFehler::ungueltig(
                "kunde.rechtskreis",
                format!(
                    "Die Fallakte ist im {}, die Dienststelle arbeitet im Rechtskreis {}",
                    rechtskreis.label(),
                    dst.rechtskreis.replace('_', " ")
                ),
            ));
        }
        let dienststelle: Dienststelle = serde_json::from_str(&dst.konfiguration)
            .map_err(|e| crate::fehler::unlesbar("Konfiguration der Dienststelle", &e))?;

        // The case as it will be stored and read back.
        let mut gespeichert = akte;
        gespeichert.dienststelle = dienststelle;
        if let Some(bg) = &mut gespeichert.kunde.bedarfsgemeinschaft {
            bg.mitglieder.clear();
        }
        gespeichert.vermittlungsvorschlaege.clear();
        let kundennummer = neue_kundennummer();
        gespeichert.kunde.kundennummer = Some(kundennummer.clone());
        // Referral rows carry the catalogue id of the service (the Fallakte may use the label).
        let leistungen: Vec<String> = pruefen_und_aufloesen(gespeichert.clone(), self.katalog)
            .map_err(|e| {
                AppFehler::ungueltig(e.feld, format!("{} (mit der Konfiguration dieser Dienststelle)", e.meldung))
            })?
            .auftraege
            .iter()
            .map(|l| l.id.clone())
            .collect();

        let k = &gespeichert.kunde;
        let felder = ("kunde.bedarfsgemeinschaft", "kunde.bedarfsgemeinschaft.nummer");
        let bg_id = match &k.bedarfsgemeinschaft {
            Some(bg) => Some(bg_finden(tx, wer, rechtskreis, &bg.nummer, felder).await?),
            None => None,
        };
        let jetzt = self.jetzt();
        let zeile = NeuerKundeZeile {
            kundennummer: &kundennummer,
            dienststelle_id: wer.dienststelle_id,
            team_id: wer.team_id,
            vfk_id: wer.benutzer_id,
            vorname: &vorname,
            nachname: &nachname,
            geburtsdatum: k.geburtsdatum,
            rechtskreis,
            segment: k.segment,
            plz: plz.as_ref(),
            bedarfsgemeinschaft_id: bg_id,
            arbeitslos_seit: k.arbeitslos_seit,
            erwerbstaetigkeit: k.erwerbstaetigkeit,
            rechtskreiswechsel: k.rechtskreiswechsel.as_ref().map(json).transpose()?,
        };
        let kunde_id = kunde_einfuegen(tx, &zeile, jetzt).await?;
        let kopf = Kopf { kunde_id, von: wer.benutzer_id, jetzt, katalog: self.katalog };
        let a = &gespeichert;
        for m in &a.meldungen {
            m.einfuegen(tx, kopf).await?;
        }
        for p in &a.profiling {
            p.einfuegen(tx, kopf).await?;
        }
        for z in &a.ziele {
            z.einfuegen(tx, kopf).await?;
        }
        for s in &a.strategien {
            s.einfuegen(tx, kopf).await?;
        }
        for e in &a.eingliederungsvereinbarungen {
            e.einfuegen(tx, kopf).await?;
        }
        for g in &a.gespraeche {
            g.einfuegen(tx, kopf).await?;
        }
        for t in &a.aktivitaeten {
            t.einfuegen(tx, kopf).await?;
        }
        for w in &a.kunde.werdegang {
            w.einfuegen(tx, kopf).await?;
        }
        for v in &a.vermerke {
            let vermerk_id = v.einfuegen(tx, kopf).await?;
            for n in &v.nachtraege {
                nachtrag_einfuegen(tx, kopf, vermerk_id, n).await?;
            }
        }
        for (auftrag, leistung) in a.auftraege.iter().zip(&leistungen) {
            auftrag_einfuegen(tx, kopf, auftrag, leistung).await?;
        }
        for e in &a.einwilligungen {
            e.einfuegen(tx, kopf).await?;
        }
        verlauf_schreiben(
            tx,
            Eintrag::<(), _> {
                kunde_id,
                benutzer_id: wer.benutzer_id,
                zeitpunkt: jetzt,
                entitaet: "fall",
                entitaet_id: Some(kunde_id.0),
                aktion: Verlaufsaktion::Importiert,
                vorher: None,
                nachher: Some(&gespeichert),
            },
        )
        .await?;
        wiedervorlagen_anstossen(tx, kunde_id, jetzt).await?;
        Ok(kunde_id)
    }
}
