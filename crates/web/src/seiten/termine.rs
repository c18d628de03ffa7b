//! Termine: the user's calendar (appointments and the Wiedervorlagen from the rules' deadlines),
//! grouped by day with a filter, and the open appointments of one case with a form to make one
//! (the Kontaktdichtekonzept's proposal as a hint, K1). "Erledigt" works on both.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Deserialize;
use vierphasen_app::AppFehler;
use vierphasen_app::fall::Akte;
use vierphasen_app::konto::Angemeldet;
use vierphasen_app::termine::{Kanal, TerminEingabe, TerminFilter, Terminzeile};
use vierphasen_domain::fallakte::Gespraechsdauer;
use vierphasen_domain::kalender::arbeitstag_ab;

use super::akte::Aktenbild;
use super::anzeige::{anlass, datum_text, tag_text};
use super::folgegespraech::{aufgeloest, k1_vorschlag};
use super::gespeichert::{self, Gespeichert, Hinweis};
use super::{
    FallPfad, Formular, Rahmen, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, beschriften, html, mit_status, nummer,
    weiter_zu,
};
use crate::zustand::Zustand;

/// Without a date the calendar shows the next four weeks (and everything overdue).
const STANDARD_TAGE: u64 = 28;

pub fn routen() -> Router<Zustand> {
    Router::new()
        .route("/termine", get(kalender))
        .route("/termine/{tid}/erledigt", post(erledigt))
        .route("/kunden/{id}/termine", get(kundentermine).post(anlegen))
}

#[derive(Debug, Deserialize)]
struct Kalenderparameter {
    bis: Option<String>,
    erledigte: Option<String>,
    #[serde(default, deserialize_with = "gespeichert::lesen")]
    gespeichert: Option<Gespeichert>,
}

struct Eintrag {
    id: i64,
    kunde_id: i64,
    name: String,
    kundennummer: String,
    anlass: String,
    regel: String,
    text: String,
    /// Set when done (then no button).
    erledigt_am: String,
    /// "09:30–10:00 Uhr"; "Uhrzeit offen" for an appointment without; empty for a Wiedervorlage.
    uhrzeit: String,
    /// "vor Ort, Raum 1.03", "Telefon"; for a K1 Folgegespräch without them the duration the
    /// Dienststelle sets (P11).
    wie: String,
}

struct Tag {
    id: String,
    titel: String,
    /// `heute`, `überfällig` or nothing.
    zusatz: &'static str,
    eintraege: Vec<Eintrag>,
}

#[derive(Template)]
#[template(path = "termine.html")]
struct Kalender {
    rahmen: Rahmen,
    gespeichert: Option<&'static str>,
    l: Liste,
}

/// The filter and the days; also the fragment htmx swaps in.
#[derive(Template)]
#[template(path = "teile/termine_liste.html")]
struct Liste {
    bis: String,
    bis_text: String,
    erledigte: bool,
    fehler: Option<String>,
    anzahl: usize,
    tage: Vec<Tag>,
    ansage: String,
    /// P11: the durations of the Dienststelle.
    dauer: String,
}

fn wochentag(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "Montag",
        Weekday::Tue => "Dienstag",
        Weekday::Wed => "Mittwoch",
        Weekday::Thu => "Donnerstag",
        Weekday::Fri => "Freitag",
        Weekday::Sat => "Samstag",
        Weekday::Sun => "Sonntag",
    }
}

/// What an entry is: an appointment (with its reason when a rule set it, K1) or a Wiedervorlage.
fn anlass_text(art: &str, regel: Option<&str>) -> String {
    match (art, regel) {
        ("termin", None) => "Termin".to_owned(),
        ("termin", Some(_)) => format!("Termin: {}", anlass(regel)),
        (_, _) => format!("Wiedervorlage: {}", anlass(regel)),
    }
}

fn eintrag(t: Terminzeile, d: &Gespraechsdauer) -> Eintrag {
    // Time, duration, channel as made; for a Folgegespräch set by K1 without them, the duration
    // the Dienststelle sets (P11).
    let zeit = t.zeit();
    let uhrzeit = match (t.art.as_str(), zeit.wann()) {
        ("termin", w) if w.is_empty() => "Uhrzeit offen".to_owned(),
        (_, w) => w,
    };
    let wie = match (t.art.as_str(), t.regel.as_deref(), d.folgegespraech_minuten, zeit.wie()) {
        ("termin", Some("K1"), Some(m), w) if zeit.dauer_minuten.is_none() && w.is_empty() => {
            format!("ca. {m} Minuten")
        }
        (_, _, _, w) => w,
    };
    Eintrag {
        uhrzeit,
        wie,
        id: t.id,
        kunde_id: t.kunde_id,
        name: format!("{}, {}", t.nachname, t.vorname),
        kundennummer: t.kundennummer,
        anlass: anlass_text(&t.art, t.regel.as_deref()),
        regel: t.regel.unwrap_or_default(),
        text: t.text,
        erledigt_am: t.erledigt_um.map(tag_text).unwrap_or_default(),
    }
}

/// The user's calendar up to `bis`, grouped by day.
async fn liste(
    z: &Zustand,
    b: &Angemeldet,
    bis: NaiveDate,
    erledigte: bool,
    fehler: Option<String>,
) -> Result<Liste, AppFehler> {
    let heute = z.app.heute();
    let dauer = z.app.konfiguration_lesen(&b.akteur).await?.gespraechsdauer;
    let mut tage: Vec<(NaiveDate, Tag)> = Vec::new();
    let mut anzahl = 0;
    for t in z.app.termine_liste(&b.akteur, &TerminFilter { bis: Some(bis), erledigte }).await? {
        let am = t.faellig_am;
        let offen = t.erledigt_um.is_none();
        anzahl += 1;
        if tage.last().is_none_or(|(d, _)| *d != am) {
            let zusatz = if am == heute { "heute" } else { "" };
            tage.push((
                am,
                Tag {
                    id: format!("tag-{am}"),
                    titel: format!("{}, {}", wochentag(am), datum_text(am)),
                    zusatz,
                    eintraege: Vec::new(),
                },
            ));
        }
        if let Some((_, tag)) = tage.last_mut() {
            if am < heute && offen {
                tag.zusatz = "überfällig";
            }
            tag.eintraege.push(eintrag(t, &dauer));
        }
    }
    let ansage = format!("{anzahl} Einträge bis {}", datum_text(bis));
    Ok(Liste {
        bis: bis.to_string(),
        bis_text: datum_text(bis),
        erledigte,
        fehler,
        anzahl,
        tage: tage.into_iter().map(|(_, t)| t).collect(),
        ansage,
        dauer: format!("Gesprächsdauer der Dienststelle (P11): {}.", dauer.text()),
    })
}

fn ist_htmx(kopf: &HeaderMap) -> bool {
    kopf.contains_key("hx-request") && !kopf.contains_key("hx-history-restore-request")
}

async fn kalender(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    kopf: HeaderMap,
    Query(p): Query<Kalenderparameter>,
) -> SeitenErgebnis {
    let standard = z.app.heute().checked_add_days(Days::new(STANDARD_TAGE)).unwrap_or(NaiveDate::MAX);
    let f = Formular(vec![("bis".to_owned(), p.bis.unwrap_or_default())]);
    let (bis, fehler) = match f.datum("bis", "Bis") {
        Ok(d) => (d.unwrap_or(standard), None),
        Err(AppFehler::Ungueltig { meldung, .. }) => (standard, Some(meldung)),
        Err(e) => return Err(e.into()),
    };
    let status = if fehler.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let l = liste(&z, &b, bis, p.erledigte.is_some(), fehler).await?;
    if ist_htmx(&kopf) {
        return Ok(mit_status(&l, status));
    }
    let gespeichert = p.gespeichert.map(Gespeichert::text);
    Ok(mit_status(&Kalender { rahmen: Rahmen::neu(&b, "termine"), gespeichert, l }, status))
}

/// Marks an entry done; back to the case's appointments (`kunde`) or to the calendar with its
/// filter (htmx gets the list itself).
async fn erledigt(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    kopf: HeaderMap,
    Path(tid): Path<String>,
    f: Formular,
) -> SeitenErgebnis {
    let tid = nummer(&tid, "Der Termin")?;
    match z.app.termin_erledigen(&b.akteur, tid).await {
        // Done twice (a second click, another tab): the result is the same.
        Ok(()) | Err(AppFehler::Konflikt(_)) => {}
        Err(e) => return Err(e.into()),
    }
    if let Some(kunde) = f.wert("kunde").and_then(|k| k.parse::<i64>().ok()) {
        return Ok(weiter_zu(&Gespeichert::TerminErledigt.nach(format!("/kunden/{kunde}/termine"))));
    }
    let bis = f.datum("bis", "Bis").ok().flatten();
    let erledigte = f.haken("erledigte");
    if ist_htmx(&kopf) {
        let standard = z.app.heute().checked_add_days(Days::new(STANDARD_TAGE)).unwrap_or(NaiveDate::MAX);
        let mut l = liste(&z, &b, bis.unwrap_or(standard), erledigte, None).await?;
        l.ansage = format!("Als erledigt markiert. {}", l.ansage);
        return Ok(html(&l));
    }
    let mut ziel = Gespeichert::TerminErledigt.nach("/termine");
    if let Some(d) = bis {
        ziel.push_str(&format!("&bis={d}"));
    }
    if erledigte {
        ziel.push_str("&erledigte=ja");
    }
    Ok(weiter_zu(&ziel))
}

struct Kundentermin {
    id: i64,
    datum: String,
    /// Time, duration, channel ("09:30–10:00 Uhr · Telefon").
    zeit: String,
    ueberfaellig: bool,
    anlass: String,
    regel: String,
    text: String,
}

#[derive(Template)]
#[template(path = "kundentermine.html")]
struct Kundenterminseite {
    rahmen: Rahmen,
    a: Aktenbild,
    gespeichert: Option<&'static str>,
    termine: Vec<Kundentermin>,
    /// K1: when the next Folgegespräch is due by the Kontaktdichtekonzept.
    k1: String,
    /// The form as proposed or as typed into the refused form.
    f: Formular,
    kanaele: [Kanal; 3],
    rueckmeldung: Rueckmeldung,
}

fn kundenseite(
    b: &Angemeldet,
    z: &Zustand,
    akte: &Akte,
    getippt: Option<Formular>,
    rueckmeldung: Rueckmeldung,
    gespeichert: Option<&'static str>,
) -> SeitenErgebnis {
    let heute = z.app.heute();
    let katalog = z.app.katalog;
    // K1: the deadline after the last conversation, or the interval from today without one.
    let (k1, vorschlag) = match akte.ansicht.pruefung.fristen.iter().find(|f| f.regel == "K1") {
        Some(f) => {
            (format!("Kontaktdichtekonzept (K1): {}, fällig am {}", f.bezeichnung, datum_text(f.datum)), f.datum)
        }
        None => {
            let v = k1_vorschlag(&aufgeloest(akte, katalog)?, akte, heute);
            (v.text(), v.datum)
        }
    };
    // The proposal: the K1 date (a working day) or the next working day, a Folgegespräch as
    // long as the Dienststelle sets it (P11), on site.
    let land = akte.ansicht.fallakte.dienststelle.bundesland;
    let tag = if vorschlag > heute { vorschlag } else { arbeitstag_ab(heute, land) };
    let dauer = akte.ansicht.fallakte.dienststelle.gespraechsdauer.folgegespraech_minuten;
    let f = getippt.unwrap_or_else(|| {
        Formular(vec![
            ("datum".to_owned(), tag.to_string()),
            ("dauer_minuten".to_owned(), dauer.map(|d| d.to_string()).unwrap_or_default()),
            ("kanal".to_owned(), Kanal::VorOrt.id().to_owned()),
        ])
    });
    let termine = akte
        .termine
        .iter()
        .map(|t| Kundentermin {
            id: t.id,
            datum: datum_text(t.faellig_am),
            zeit: t.zeit().text(),
            ueberfaellig: t.faellig_am < heute,
            anlass: anlass_text(&t.art, t.regel.as_deref()),
            regel: t.regel.clone().unwrap_or_default(),
            text: t.text.clone(),
        })
        .collect();
    let status = rueckmeldung.status();
    Ok(mit_status(
        &Kundenterminseite {
            rahmen: Rahmen::neu(b, "kunden"),
            a: Aktenbild::aus(akte, katalog, heute),
            gespeichert,
            termine,
            k1,
            f,
            kanaele: Kanal::ALLE,
            rueckmeldung,
        },
        status,
    ))
}

async fn kundentermine(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    Query(p): Query<Hinweis>,
) -> SeitenErgebnis {
    let akte = z.app.akte_lesen(&b.akteur, id, None).await?;
    kundenseite(&b, &z, &akte, None, Rueckmeldung::default(), p.text())
}

async fn anlegen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    f: Formular,
) -> SeitenErgebnis {
    let eingabe = || -> Result<TerminEingabe, AppFehler> {
        Ok(TerminEingabe {
            datum: f.datum_pflicht("datum", "Datum")?,
            text: f.text("text"),
            uhrzeit: f.wert("uhrzeit").map(str::to_owned),
            dauer_minuten: f.zahl("dauer_minuten", "Dauer")?,
            kanal: f.wert("kanal").and_then(Kanal::aus_id),
            raum: f.wert("raum").map(str::to_owned),
        })
    };
    let ergebnis = match eingabe() {
        Ok(e) => z.app.termin_anlegen(&b.akteur, id, e).await.map(|_| ()),
        Err(e) => Err(e),
    };
    match ergebnis {
        Ok(()) => Ok(weiter_zu(&Gespeichert::Termin.nach(format!("/kunden/{id}/termine")))),
        Err(e) => {
            let r = beschriften(
                Rueckmeldung::aus(e)?,
                &[
                    ("datum", "Datum"),
                    ("uhrzeit", "Uhrzeit"),
                    ("dauer_minuten", "Dauer"),
                    ("raum", "Raum"),
                    ("text", "Anlass"),
                ],
            );
            let akte = z.app.akte_lesen(&b.akteur, id, None).await?;
            kundenseite(&b, &z, &akte, Some(f), r, None)
        }
    }
}
