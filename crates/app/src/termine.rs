//! The calendar of a staff member: appointments and the Wiedervorlagen the worker derives from the
//! rules' due dates (E2, U1, K1, S13, P4, P8).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use vierphasen_domain::zugriff::{Akteur, Aktion, Entscheidung, pruefen};
use vierphasen_store::sql;

use crate::fall::{Aenderung, Eintrag, Tor, Verlaufsaktion, stammdaten_laden, text_pruefen, verlauf_schreiben};
use crate::{App, AppFehler};
use vierphasen_domain::KundeId;

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct TerminFilter {
    /// Only entries due on or before this date.
    #[serde(default, deserialize_with = "vierphasen_domain::datum::serde_strikt::datum_opt")]
    pub bis: Option<NaiveDate>,
    /// Include entries already marked done.
    #[serde(default)]
    pub erledigte: bool,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TerminEingabe {
    #[serde(deserialize_with = "vierphasen_domain::datum::serde_strikt::datum")]
    pub datum: NaiveDate,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Terminzeile {
    pub id: i64,
    pub kunde_id: i64,
    pub kundennummer: String,
    pub vorname: String,
    pub nachname: String,
    /// `termin` or `wiedervorlage`.
    pub art: String,
    pub faellig_am: NaiveDate,
    /// The rule that produced it (e.g. `K1`, `E2`, `P4`).
    pub regel: Option<String>,
    pub text: String,
    pub erledigt_um: Option<DateTime<Utc>>,
}

/// Far enough in the future for "no upper bound" on both backends.
fn ohne_grenze() -> NaiveDate {
    NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX)
}

type Zeile = (i64, i64, String, String, String, String, NaiveDate, Option<String>, String, Option<DateTime<Utc>>);

impl App {
    /// The user's own appointments and Wiedervorlagen, for the cases she may still read.
    pub async fn termine_liste(&self, wer: &Akteur, filter: &TerminFilter) -> Result<Vec<Terminzeile>, AppFehler> {
        let bis = filter.bis.unwrap_or_else(ohne_grenze);
        let mut tx = self.db.begin().await?;
        let zeilen: Vec<Zeile> = sql!(&mut tx, zeilen<Zeile>
            "SELECT t.id, t.kunde_id, k.kundennummer, k.vorname, k.nachname, t.art, t.faellig_am, t.regel, t.text, t.erledigt_um
             FROM termin t JOIN kunde k ON k.id = t.kunde_id
             WHERE t.benutzer_id = $1 AND t.faellig_am <= $2 AND ($3 = TRUE OR t.erledigt_um IS NULL)
             ORDER BY t.faellig_am, t.id LIMIT 2000",
            wer.benutzer_id, bis, filter.erledigte)?;
        let mut darf: HashMap<i64, bool> = HashMap::new();
        let mut liste = Vec::with_capacity(zeilen.len());
        for (id, kunde_id, kundennummer, vorname, nachname, art, faellig_am, regel, text, erledigt_um) in zeilen {
            let erlaubt = match darf.get(&kunde_id) {
                Some(e) => *e,
                None => {
                    let e = match stammdaten_laden(&mut tx, KundeId(kunde_id)).await? {
                        Some((_, bezug)) => pruefen(wer, Aktion::FallLesen, Some(&bezug)) == Entscheidung::Erlaubt,
                        None => false,
                    };
                    darf.insert(kunde_id, e);
                    e
                }
            };
            if erlaubt {
                liste.push(Terminzeile {
                    id,
                    kunde_id,
                    kundennummer,
                    vorname,
                    nachname,
                    art,
                    faellig_am,
                    regel,
                    text,
                    erledigt_um,
                });
            }
        }
        Ok(liste)
    }

    /// An appointment in the calendar of the case's VFK.
    pub async fn termin_anlegen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        eingabe: TerminEingabe,
    ) -> Result<Aenderung, AppFehler> {
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        let text = text_pruefen("text", &eingabe.text, 500)?;
        if eingabe.datum < s.heute {
            return Err(AppFehler::ungueltig("datum", "liegt in der Vergangenheit"));
        }
        let benutzer_id = s.fall.stamm.vfk_id.unwrap_or(s.benutzer_id);
        let id = s.termin_anlegen(Some(benutzer_id), eingabe.datum, None, &text).await?;
        let befunde = s.abschliessen(Tor::pruefen(false)).await?;
        Ok(Aenderung { id, befunde })
    }

    /// Marks an appointment or Wiedervorlage done: her own (in a case she may still read) or one
    /// of a case she may edit.
    pub async fn termin_erledigen(&self, wer: &Akteur, termin_id: i64) -> Result<(), AppFehler> {
        let jetzt = self.jetzt();
        let mut tx = self.db.begin().await?;
        let Some((kunde_id, benutzer_id, erledigt_um)) = sql!(&mut tx, zeile<(i64, Option<i64>, Option<DateTime<Utc>>)>
            "SELECT kunde_id, benutzer_id, erledigt_um FROM termin WHERE id = $1", termin_id)?
        else {
            return Err(AppFehler::NichtGefunden("Der Termin"));
        };
        let Some((_, bezug)) = stammdaten_laden(&mut tx, KundeId(kunde_id)).await? else {
            return Err(AppFehler::NichtGefunden("Der Termin"));
        };
        let lesen = pruefen(wer, Aktion::FallLesen, Some(&bezug));
        let bearbeiten = pruefen(wer, Aktion::FallBearbeiten, Some(&bezug));
        let eigener = benutzer_id == Some(wer.benutzer_id);
        if !(bearbeiten == Entscheidung::Erlaubt || eigener && lesen == Entscheidung::Erlaubt) {
            return Err(if lesen == Entscheidung::Erlaubt {
                AppFehler::Verboten("Diesen Termin erledigt die zuständige Vermittlungsfachkraft.".into())
            } else {
                AppFehler::NichtGefunden("Der Termin")
            });
        }
        if erledigt_um.is_some() {
            return Err(AppFehler::Konflikt("Der Termin ist bereits erledigt.".into()));
        }
        let n = sql!(&mut tx, ausfuehren
            "UPDATE termin SET erledigt_um = $1 WHERE id = $2 AND erledigt_um IS NULL", jetzt, termin_id)?;
        if n == 0 {
            return Err(AppFehler::Konflikt("Der Termin ist bereits erledigt.".into()));
        }
        verlauf_schreiben(
            &mut tx,
            Eintrag::<(), _> {
                kunde_id: KundeId(kunde_id),
                benutzer_id: wer.benutzer_id,
                zeitpunkt: jetzt,
                entitaet: "termin",
                entitaet_id: Some(termin_id),
                aktion: Verlaufsaktion::Erledigt,
                vorher: None,
                nachher: Some(&serde_json::json!({ "erledigt_um": jetzt })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
