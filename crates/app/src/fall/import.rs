//! Importing a whole case from a Fallakte (another system, an archive, the demo): the customer's
//! master data plus every entry of the Fallakte as rows, in the caseload of the importing VFK.
//!
//! What is imported and what is not:
//! - every list of the Fallakte becomes one row per entry (`inhalt` = the entry's JSON);
//!   Vermerk addenda become `nachtrag` rows (the Vermerk is stored without them, V3);
//! - the Fallakte's `dienststelle` object is not imported: configuration belongs to the
//!   Dienststelle, so the case must be valid with the importing Dienststelle's configuration
//!   (local strategies it names must exist there, S11);
//! - Bedarfsgemeinschaft members are references to other customers and are not imported; the
//!   Bedarfsgemeinschaft itself is (found or created by its number, P10);
//! - the Kundennummer is assigned anew (the one in the file belongs to the other system);
//! - referrals are imported as open (`erledigt = false`).
//!
//! Rule findings do not refuse an import: the case is taken over as it stands and its findings
//! show up like those of any other case (the Fallprüfung of `fall_lesen`).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vierphasen_domain::fallakte::{Beratungsvermerk, Dienststelle, pruefen_und_aufloesen};
use vierphasen_domain::zugriff::{Akteur, Aktion, Entscheidung, pruefen};
use vierphasen_domain::{Fallakte, Rechtskreis};
use vierphasen_store::{Tx, sql};

use super::kunde::text_pruefen;
use super::schreiben::json;
use super::spalten::{als_text, neue_kundennummer};
use super::{Eintrag, verlauf_schreiben, wiedervorlagen_anstossen};
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

fn ev_status(ev: &vierphasen_domain::fallakte::Eingliederungsvereinbarung) -> &'static str {
    if ev.ersetzt_am.is_some() {
        "ersetzt"
    } else if ev.abgeschlossen_am.is_some() {
        "abgeschlossen"
    } else {
        "entwurf"
    }
}

impl App {
    /// Imports a Fallakte as a new case in the caseload (and team) of `wer`. Returns the new
    /// customer id. The Fallakte must be readable (`pruefen_und_aufloesen`) as given and with the
    /// configuration of `wer`'s Dienststelle, and its Rechtskreis must be the Dienststelle's.
    pub async fn fall_importieren(&self, wer: &Akteur, stamm: ImportStamm, akte: Fallakte) -> Result<i64, AppFehler> {
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
    ) -> Result<i64, AppFehler> {
        if pruefen(wer, Aktion::KundeAnlegen, None) != Entscheidung::Erlaubt {
            return Err(AppFehler::Verboten("Fälle importiert eine Vermittlungsfachkraft in ihren Bestand.".into()));
        }
        let vorname = text_pruefen("vorname", &stamm.vorname, 100)?;
        let nachname = text_pruefen("nachname", &stamm.nachname, 100)?;
        if let Some(p) = &stamm.plz
            && (p.len() != 5 || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(AppFehler::ungueltig("plz", "fünf Ziffern"));
        }
        let heute = self.heute();
        let geburtsdatum = akte.kunde.geburtsdatum;
        if geburtsdatum > heute || vierphasen_domain::datum::jahre_zwischen(geburtsdatum, heute) > 120 {
            return Err(AppFehler::ungueltig(
                "kunde.geburtsdatum",
                "liegt in der Zukunft oder mehr als 120 Jahre zurück",
            ));
        }
        pruefen_und_aufloesen(akte.clone(), self.katalog)?;

        let (rechtskreis_dst, konfiguration) = sql!(tx, zeile<(String, String)>
            "SELECT rechtskreis, konfiguration FROM dienststelle WHERE id = $1", wer.dienststelle_id)?
        .ok_or(AppFehler::NichtGefunden("Die Dienststelle"))?;
        let rechtskreis = akte.kunde.rechtskreis;
        if rechtskreis_dst != als_text(&rechtskreis) {
            return Err(AppFehler::ungueltig(
                "kunde.rechtskreis",
                format!(
                    "Die Fallakte ist im {}, die Dienststelle arbeitet im Rechtskreis {}",
                    rechtskreis.label(),
                    rechtskreis_dst.replace('_', " ")
                ),
            ));
        }
        let dienststelle: Dienststelle = serde_json::from_str(&konfiguration)
            .map_err(|e| crate::fehler::unlesbar("Konfiguration der Dienststelle", &e))?;

        // The case as it will be stored and read back.
        let mut gespeichert = akte;
        gespeichert.dienststelle = dienststelle;
        if let Some(bg) = &mut gespeichert.kunde.bedarfsgemeinschaft {
            bg.mitglieder.clear();
        }
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
        let bg_id = match &k.bedarfsgemeinschaft {
            Some(_) if rechtskreis != Rechtskreis::SgbII => {
                return Err(AppFehler::ungueltig("kunde.bedarfsgemeinschaft", "gibt es nur im SGB II (P10)"));
            }
            Some(bg) => {
                let nummer = text_pruefen("kunde.bedarfsgemeinschaft.nummer", &bg.nummer, 30)?;
                match sql!(tx, zeile<(i64,)>
                    "SELECT id FROM bedarfsgemeinschaft WHERE dienststelle_id = $1 AND nummer = $2", wer.dienststelle_id, &nummer)?
                {
                    Some((id,)) => Some(id),
                    None => Some(sql!(tx, wert<i64>
                        "INSERT INTO bedarfsgemeinschaft (dienststelle_id, nummer) VALUES ($1, $2) RETURNING id",
                        wer.dienststelle_id, &nummer)?),
                }
            }
            None => None,
        };
        let rechtskreiswechsel = k.rechtskreiswechsel.as_ref().map(json).transpose()?;
        let jetzt = self.jetzt();
        let von = wer.benutzer_id;
        let kunde_id = sql!(tx, wert<i64>
            "INSERT INTO kunde (kundennummer, dienststelle_id, team_id, vfk_id, vorname, nachname, geburtsdatum, rechtskreis,
                                segment, plz, bedarfsgemeinschaft_id, arbeitslos_seit, rechtskreiswechsel, gesperrt,
                                erstellt_um, geaendert_um)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, FALSE, $14, $14) RETURNING id",
            &kundennummer, wer.dienststelle_id, wer.team_id, von, &vorname, &nachname, k.geburtsdatum,
            als_text(&rechtskreis), als_text(&k.segment), &stamm.plz, bg_id, k.arbeitslos_seit, rechtskreiswechsel, jetzt)?;

        for m in &gespeichert.meldungen {
            sql!(tx, ausfuehren "INSERT INTO meldung (kunde_id, beginn, ende) VALUES ($1, $2, $3)", kunde_id, m.beginn, m.ende)?;
        }
        for p in &gespeichert.profiling {
            sql!(tx, ausfuehren
                "INSERT INTO profiling (kunde_id, gespeichert_am, erstellt_von, erstellt_um, inhalt) VALUES ($1, $2, $3, $4, $5)",
                kunde_id, p.gespeichert_am, von, jetzt, json(p)?)?;
        }
        for z in &gespeichert.ziele {
            sql!(tx, ausfuehren
                "INSERT INTO ziel (kunde_id, vereinbart_am, erstellt_von, erstellt_um, inhalt) VALUES ($1, $2, $3, $4, $5)",
                kunde_id, z.vereinbart_am, von, jetzt, json(z)?)?;
        }
        for s in &gespeichert.strategien {
            sql!(tx, ausfuehren
                "INSERT INTO strategie (kunde_id, gewaehlt_am, erledigt, erstellt_von, erstellt_um, geaendert_um, inhalt)
                 VALUES ($1, $2, $3, $4, $5, $5, $6)",
                kunde_id, s.gewaehlt_am, s.ergebnis.is_some(), von, jetzt, json(s)?)?;
        }
        for e in &gespeichert.eingliederungsvereinbarungen {
            sql!(tx, ausfuehren
                "INSERT INTO eingliederungsvereinbarung (kunde_id, erstellt_am, status, erstellt_von, erstellt_um, inhalt)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                kunde_id, e.erstellt_am, ev_status(e), von, jetzt, json(e)?)?;
        }
        for g in &gespeichert.gespraeche {
            sql!(tx, ausfuehren
                "INSERT INTO gespraech (kunde_id, datum, art, erstellt_von, erstellt_um, inhalt) VALUES ($1, $2, $3, $4, $5, $6)",
                kunde_id, g.datum, als_text(&g.art), von, jetzt, json(g)?)?;
        }
        for v in &gespeichert.vermerke {
            // V3: the Vermerk is stored as written; its addenda are rows of their own.
            let ohne_nachtraege = Beratungsvermerk { nachtraege: Vec::new(), ..v.clone() };
            let vermerk_id = sql!(tx, wert<i64>
                "INSERT INTO vermerk (kunde_id, datum, erstellt_von, erstellt_um, inhalt) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                kunde_id, v.datum, von, jetzt, json(&ohne_nachtraege)?)?;
            for n in &v.nachtraege {
                sql!(tx, ausfuehren
                    "INSERT INTO nachtrag (vermerk_id, datum, text, erstellt_von, erstellt_um) VALUES ($1, $2, $3, $4, $5)",
                    vermerk_id, n.datum, &n.text, von, jetzt)?;
            }
        }
        for (a, leistung) in gespeichert.auftraege.iter().zip(&leistungen) {
            sql!(tx, ausfuehren
                "INSERT INTO auftrag (kunde_id, datum, leistung, erledigt, erstellt_von, erstellt_um, inhalt)
                 VALUES ($1, $2, $3, FALSE, $4, $5, $6)",
                kunde_id, a.datum, leistung, von, jetzt, json(a)?)?;
        }
        for e in &gespeichert.einwilligungen {
            sql!(tx, ausfuehren
                "INSERT INTO einwilligung (kunde_id, umfang, erteilt_am, widerrufen_am, erstellt_von, erstellt_um)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                kunde_id, als_text(&e.umfang), e.erteilt_am, e.widerrufen_am, von, jetzt)?;
        }

        verlauf_schreiben(
            tx,
            Eintrag::<(), _> {
                kunde_id,
                benutzer_id: von,
                zeitpunkt: jetzt,
                entitaet: "fall",
                entitaet_id: Some(kunde_id),
                aktion: "importiert",
                vorher: None,
                nachher: Some(&gespeichert),
            },
        )
        .await?;
        wiedervorlagen_anstossen(tx, kunde_id, jetzt).await?;
        Ok(kunde_id)
    }
}
