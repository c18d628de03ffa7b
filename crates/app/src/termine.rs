//! The calendar of a staff member: appointments and the Wiedervorlagen the worker derives from the
//! rules' due dates (E2, U1, K1, S13, P4, P8).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Timelike, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use vierphasen_domain::datum::berlin_ortszeit;
use vierphasen_domain::kalender::kein_arbeitstag_text;
use vierphasen_domain::zugriff::{Akteur, Aktion, Entscheidung, pruefen};
use vierphasen_store::sql;

use crate::fall::{
    Aenderung, Eintrag, Tor, Verlaufsaktion, stammdaten_laden, text_opt, text_pruefen, verlauf_schreiben,
};
use crate::grenzen;
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
    /// A working day of the Dienststelle (no weekend, no public holiday of its Land).
    #[serde(deserialize_with = "vierphasen_domain::datum::serde_strikt::datum")]
    pub datum: NaiveDate,
    pub text: String,
    /// Time of day `HH:MM` (German time), 06:00 to 19:59.
    #[serde(default)]
    pub uhrzeit: Option<String>,
    /// 5 to 480 minutes.
    #[serde(default)]
    pub dauer_minuten: Option<i64>,
    #[serde(default)]
    pub kanal: Option<Kanal>,
    /// Room, for an appointment on site (at most 100 characters).
    #[serde(default)]
    pub raum: Option<String>,
}

/// How an appointment is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kanal {
    VorOrt,
    Telefon,
    Video,
}

impl Kanal {
    pub const ALLE: [Kanal; 3] = [Kanal::VorOrt, Kanal::Telefon, Kanal::Video];

    /// As stored and sent (`vor_ort`).
    pub fn id(self) -> &'static str {
        match self {
            Kanal::VorOrt => "vor_ort",
            Kanal::Telefon => "telefon",
            Kanal::Video => "video",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kanal::VorOrt => "vor Ort",
            Kanal::Telefon => "Telefon",
            Kanal::Video => "Video",
        }
    }

    pub fn aus_id(text: &str) -> Option<Kanal> {
        Kanal::ALLE.into_iter().find(|k| k.id() == text)
    }
}

/// When and how an appointment is held; Wiedervorlagen (and appointments made without) have
/// none of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terminzeit {
    /// `HH:MM`.
    pub uhrzeit: Option<String>,
    pub dauer_minuten: Option<i64>,
    pub kanal: Option<Kanal>,
    pub raum: Option<String>,
}

impl Terminzeit {
    /// "09:30–10:00 Uhr · vor Ort, Raum 1.03"; empty when nothing is known.
    pub fn text(&self) -> String {
        [self.wann(), self.wie()].into_iter().filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" · ")
    }

    /// "09:30–10:00 Uhr", "30 Minuten" without a time, or empty.
    pub fn wann(&self) -> String {
        match (&self.uhrzeit, self.dauer_minuten) {
            (Some(u), d) => format!("{} Uhr", zeitspanne(u, d)),
            (None, Some(d)) => format!("{d} Minuten"),
            (None, None) => String::new(),
        }
    }

    /// "vor Ort, Raum 1.03", "Telefon", or empty.
    pub fn wie(&self) -> String {
        match (self.kanal, &self.raum) {
            (Some(Kanal::VorOrt) | None, Some(r)) => format!("vor Ort, {r}"),
            (Some(k), _) => k.label().to_owned(),
            (None, None) => String::new(),
        }
    }
}

/// Earliest and latest start of an appointment.
const FRUEHESTENS: &str = "06:00";
const SPAETESTENS: &str = "19:59";
/// Minutes an appointment without a duration occupies (for the overlap check).
const DAUER_OHNE_ANGABE: i64 = 30;

/// `9:30` or `09:30` → `09:30`.
fn uhrzeit_lesen(text: &str) -> Option<String> {
    let (h, m) = text.split_once(':')?;
    let ziffern = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if !(1..=2).contains(&h.len()) || m.len() != 2 || !ziffern(h) || !ziffern(m) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then(|| format!("{h:02}:{m:02}"))
}

fn minuten(uhrzeit: &str) -> i64 {
    uhrzeit.split_once(':').map_or(0, |(h, m)| h.parse::<i64>().unwrap_or(0) * 60 + m.parse::<i64>().unwrap_or(0))
}

/// `09:30–10:00`, or only the start without a duration.
pub fn zeitspanne(uhrzeit: &str, dauer_minuten: Option<i64>) -> String {
    match dauer_minuten {
        Some(d) => {
            let ende = minuten(uhrzeit) + d;
            format!("{uhrzeit}–{:02}:{:02}", (ende / 60) % 24, ende % 60)
        }
        None => uhrzeit.to_owned(),
    }
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
    /// `HH:MM`, if the appointment has a time.
    pub uhrzeit: Option<String>,
    pub dauer_minuten: Option<i64>,
    pub kanal: Option<Kanal>,
    pub raum: Option<String>,
    /// The rule that produced it (e.g. `K1`, `E2`, `P4`).
    pub regel: Option<String>,
    pub text: String,
    pub erledigt_um: Option<DateTime<Utc>>,
    /// Issue 13/6: the entry belongs to the VFK the user stands in for today (her name).
    pub vertretung_fuer: Option<String>,
}

impl Terminzeile {
    pub fn zeit(&self) -> Terminzeit {
        Terminzeit {
            uhrzeit: self.uhrzeit.clone(),
            dauer_minuten: self.dauer_minuten,
            kanal: self.kanal,
            raum: self.raum.clone(),
        }
    }
}

/// Far enough in the future for "no upper bound" on both backends.
fn ohne_grenze() -> NaiveDate {
    NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX)
}

type Zeile = (
    i64,
    i64,
    String,
    String,
    String,
    String,
    NaiveDate,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    Option<DateTime<Utc>>,
    Option<i64>,
    Option<String>,
);

/// Checks time of day, duration, channel and room of a new appointment (`jetzt`: German time).
fn terminzeit_pruefen(e: &TerminEingabe, jetzt: chrono::NaiveDateTime) -> Result<Terminzeit, AppFehler> {
    let uhrzeit = match e.uhrzeit.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        None => None,
        Some(u) => {
            let u = uhrzeit_lesen(u)
                .ok_or_else(|| AppFehler::ungueltig("uhrzeit", "bitte als Stunden:Minuten angeben, z. B. 09:30"))?;
            if u.as_str() < FRUEHESTENS || u.as_str() > SPAETESTENS {
                return Err(AppFehler::ungueltig("uhrzeit", "Termine beginnen zwischen 06:00 und 19:59 Uhr"));
            }
            if e.datum == jetzt.date() && minuten(&u) < i64::from(jetzt.hour() * 60 + jetzt.minute()) {
                return Err(AppFehler::ungueltig("uhrzeit", "liegt in der Vergangenheit"));
            }
            Some(u)
        }
    };
    if let Some(d) = e.dauer_minuten
        && !(5..=480).contains(&d)
    {
        return Err(AppFehler::ungueltig("dauer_minuten", "5 bis 480 Minuten"));
    }
    let raum = text_opt("raum", e.raum.as_deref(), grenzen::ZEILE)?;
    let kanal = match (e.kanal, &raum) {
        (Some(k), Some(_)) if k != Kanal::VorOrt => {
            return Err(AppFehler::ungueltig(
                "raum",
                format!("ein Raum gehört zu einem Termin vor Ort; bei {} bitte leer lassen", k.label()),
            ));
        }
        (None, Some(_)) => Some(Kanal::VorOrt),
        (k, _) => k,
    };
    Ok(Terminzeit { uhrzeit, dauer_minuten: e.dauer_minuten, kanal, raum })
}

impl App {
    /// The user's own appointments and Wiedervorlagen, and those of the VFKs she stands in for
    /// today (issue 13/6, `Akteur::vertritt`), for the cases she may still read.
    pub async fn termine_liste(&self, wer: &Akteur, filter: &TerminFilter) -> Result<Vec<Terminzeile>, AppFehler> {
        let bis = filter.bis.unwrap_or_else(ohne_grenze);
        let mut tx = self.db.begin().await?;
        // Her own entries and those of the VFKs she stands in for today (`vertritt`, loaded
        // with her login for today's date).
        let mut zeilen: Vec<Zeile> = Vec::new();
        for benutzer_id in std::iter::once(wer.benutzer_id).chain(wer.vertritt.iter().copied()) {
            zeilen.extend(sql!(&mut tx, zeilen<Zeile>
                "SELECT t.id, t.kunde_id, k.kundennummer, k.vorname, k.nachname, t.art, t.faellig_am,
                        t.uhrzeit, t.dauer_minuten, t.kanal, t.raum, t.regel, t.text, t.erledigt_um, t.benutzer_id, b.name
                 FROM termin t JOIN kunde k ON k.id = t.kunde_id LEFT JOIN benutzer b ON b.id = t.benutzer_id
                 WHERE t.benutzer_id = $1 AND t.faellig_am <= $2 AND ($3 = TRUE OR t.erledigt_um IS NULL)
                 ORDER BY t.faellig_am, COALESCE(t.uhrzeit, ''), t.id LIMIT 2000",
                benutzer_id, bis, filter.erledigte)?);
        }
        if !wer.vertritt.is_empty() {
            zeilen.sort_by(|a, b| {
                (a.6, a.7.as_deref().unwrap_or(""), a.0).cmp(&(b.6, b.7.as_deref().unwrap_or(""), b.0))
            });
        }
        let mut darf: HashMap<i64, bool> = HashMap::new();
        let mut liste = Vec::with_capacity(zeilen.len());
        for (
            id,
            kunde_id,
            kundennummer,
            vorname,
            nachname,
            art,
            faellig_am,
            uhrzeit,
            dauer_minuten,
            kanal,
            raum,
            regel,
            text,
            erledigt_um,
            benutzer_id,
            benutzer_name,
        ) in zeilen
        {
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
                    uhrzeit,
                    dauer_minuten,
                    kanal: kanal.as_deref().and_then(Kanal::aus_id),
                    raum,
                    regel,
                    text,
                    erledigt_um,
                    vertretung_fuer: (benutzer_id != Some(wer.benutzer_id)).then_some(benutzer_name).flatten(),
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
        let text = text_pruefen("text", &eingabe.text, grenzen::KURZTEXT)?;
        if eingabe.datum < s.heute {
            return Err(AppFehler::ungueltig("datum", "liegt in der Vergangenheit"));
        }
        if let Some(m) = kein_arbeitstag_text(eingabe.datum, s.fall.akte.dienststelle.bundesland) {
            return Err(AppFehler::ungueltig("datum", m));
        }
        let zeit = terminzeit_pruefen(&eingabe, berlin_ortszeit(s.jetzt))?;
        let benutzer_id = s.fall.stamm.vfk_id.unwrap_or(s.benutzer_id);
        if let Some(beginn) = &zeit.uhrzeit {
            let von = minuten(beginn);
            let bis = von + zeit.dauer_minuten.unwrap_or(DAUER_OHNE_ANGABE);
            let belegt = sql!(s.tx.as_mut(), zeilen<(String, Option<i64>)>
                "SELECT uhrzeit, dauer_minuten FROM termin
                 WHERE benutzer_id = $1 AND faellig_am = $2 AND art = 'termin' AND erledigt_um IS NULL AND uhrzeit IS NOT NULL",
                benutzer_id, eingabe.datum)?;
            if let Some((u, d)) = belegt.iter().find(|(u, d)| {
                let v = minuten(u);
                v < bis && von < v + d.unwrap_or(DAUER_OHNE_ANGABE)
            }) {
                return Err(AppFehler::ungueltig(
                    "uhrzeit",
                    format!(
                        "überschneidet sich mit einem anderen Termin im Kalender der zuständigen Fachkraft ({} Uhr); bitte eine andere Uhrzeit wählen",
                        zeitspanne(u, Some(d.unwrap_or(DAUER_OHNE_ANGABE)))
                    ),
                ));
            }
        }
        let id = s.termin_anlegen(Some(benutzer_id), eingabe.datum, None, &text, &zeit).await?;
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
