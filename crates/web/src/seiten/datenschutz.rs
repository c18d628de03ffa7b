//! Datenschutz views of one case (D3): the access log with who read the case and why, and the
//! Art. 15 DSGVO Auskunft as a print-friendly page (what is stored about the customer, the
//! history of changes, when and why the file was read — not by whom).

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use vierphasen_app::fall::Auskunft;
use vierphasen_domain::KundeId;
use vierphasen_domain::fallakte::Eingliederungsvereinbarung;
use vierphasen_domain::{Katalog, MerkmalStatus};

use super::akte::Strategiezeile;
use super::anzeige::{
    aktivitaet_text, beruf_name, datum_text, einwilligung_text, merkmal_name, segment_text, strategie_name,
    strategie_status, vermerkart, werdegang_text, zeit_text,
};
use super::{FallPfad, Rahmen, SeitenBenutzer, SeitenErgebnis, html};
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new().route("/kunden/{id}/protokoll", get(protokoll)).route("/kunden/{id}/auskunft", get(auskunft))
}

pub struct Protokollzeile {
    pub zeit: String,
    pub benutzer: String,
    pub benutzer_id: i64,
    pub zweck: String,
}

#[derive(Template)]
#[template(path = "protokoll.html")]
struct Protokollseite {
    rahmen: Rahmen,
    id: KundeId,
    kundennummer: String,
    zeilen: Vec<Protokollzeile>,
    fenster_minuten: i64,
}

/// D3: the access log of a case, newest first (Datenschutz).
pub async fn protokoll(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
) -> SeitenErgebnis {
    let p = z.app.protokoll_mit_namen(&b.akteur, id).await?;
    let zeilen = p
        .eintraege
        .into_iter()
        .rev()
        .map(|(e, name)| Protokollzeile {
            zeit: zeit_text(e.zeitpunkt),
            benutzer: name.unwrap_or_else(|| "unbekanntes Konto".to_owned()),
            benutzer_id: e.benutzer_id,
            zweck: e.zweck,
        })
        .collect();
    Ok(html(&Protokollseite {
        rahmen: Rahmen::neu(&b, "kunden"),
        id,
        kundennummer: p.kundennummer,
        zeilen,
        fenster_minuten: vierphasen_app::protokollierer::FENSTER_MINUTEN,
    }))
}

pub struct Profilingzeile {
    pub am: String,
    pub profillage: String,
    pub zielberuf: String,
    pub staerken: String,
    pub handlungsbedarf: String,
    pub vorlaeufig: bool,
}

pub struct Evzeile {
    pub art: &'static str,
    pub erstellt: String,
    pub stand: String,
    pub aufgaben: Vec<String>,
}

pub struct Vermerkzeile {
    pub datum: String,
    pub art: &'static str,
    pub text: String,
    pub nachtraege: Vec<String>,
}

/// A dated line (Verlauf, access, conversation).
pub struct Zeitzeile {
    pub zeit: String,
    pub text: String,
}

#[derive(Template)]
#[template(path = "auskunft.html")]
struct Auskunftsseite {
    rahmen: Rahmen,
    kunde_id: i64,
    erstellt: String,
    name: String,
    kundennummer: String,
    geburtsdatum: String,
    rechtskreis: &'static str,
    segment: &'static str,
    plz: String,
    bedarfsgemeinschaft: String,
    meldungen: Vec<String>,
    profiling: Vec<Profilingzeile>,
    ziele: Vec<String>,
    strategien: Vec<Strategiezeile>,
    evs: Vec<Evzeile>,
    gespraeche: Vec<Zeitzeile>,
    /// F4, oldest first.
    aktivitaeten: Vec<String>,
    /// The Werdegang, oldest first.
    werdegang: Vec<String>,
    vermerke: Vec<Vermerkzeile>,
    auftraege: Vec<String>,
    einwilligungen: Vec<String>,
    verlauf: Vec<Zeitzeile>,
    /// Reads per day and purpose: (day, purpose, how often).
    zugriffe: Vec<(String, String, u32)>,
    unterzeichnet_von: Option<String>,
}

fn profilingzeile(k: &Katalog, p: &vierphasen_domain::fallakte::ProfilingVersion) -> Profilingzeile {
    let bedarf: Vec<String> = p
        .merkmale
        .iter()
        .filter(|m| m.status == MerkmalStatus::Handlungsbedarf)
        .map(|m| merkmal_name(k, &m.merkmal))
        .collect();
    Profilingzeile {
        am: datum_text(p.gespeichert_am),
        profillage: p
            .profillage
            .as_ref()
            .map(|w| k.finde_profillage(&w.wert).map(|l| l.label().to_owned()).unwrap_or_else(|| w.wert.clone()))
            .unwrap_or_else(|| "noch nicht festgelegt".to_owned()),
        zielberuf: p.zielberuf.as_deref().map(|c| beruf_name(k, c)).unwrap_or_default(),
        staerken: p.staerken.iter().map(|s| s.bezeichnung.as_str()).collect::<Vec<_>>().join(", "),
        handlungsbedarf: if bedarf.is_empty() { "keiner".to_owned() } else { bedarf.join(", ") },
        vorlaeufig: p.vorlaeufig,
    }
}

fn evzeile(e: &Eingliederungsvereinbarung) -> Evzeile {
    let stand = match (e.abgeschlossen_am, e.ersetzt_am) {
        (_, Some(d)) => format!("ersetzt am {}", datum_text(d)),
        (Some(d), None) => format!(
            "abgeschlossen am {}{}",
            datum_text(d),
            e.gueltig_bis.map(|g| format!(", gültig bis {}", datum_text(g))).unwrap_or_default()
        ),
        (None, None) => "Entwurf".to_owned(),
    };
    Evzeile {
        art: e.art.label(),
        erstellt: datum_text(e.erstellt_am),
        stand,
        aufgaben: e
            .aufgaben
            .iter()
            .map(|a| format!("{}{}", a.text, a.frist.map(|f| format!(" (bis {})", datum_text(f))).unwrap_or_default()))
            .collect(),
    }
}

fn auskunftsseite(rahmen: Rahmen, a: Auskunft, k: &Katalog, heute: chrono::NaiveDate) -> Auskunftsseite {
    let s = a.stammdaten;
    let f = a.fallakte;
    Auskunftsseite {
        rahmen,
        kunde_id: s.id,
        erstellt: zeit_text(a.erstellt_am),
        name: format!("{} {}", s.vorname, s.nachname),
        kundennummer: s.kundennummer,
        geburtsdatum: datum_text(s.geburtsdatum),
        rechtskreis: s.rechtskreis.label(),
        segment: segment_text(s.segment),
        plz: s.plz.unwrap_or_default(),
        bedarfsgemeinschaft: s.bedarfsgemeinschaft.unwrap_or_default(),
        meldungen: f
            .meldungen
            .iter()
            .map(|m| match m.ende {
                Some(e) => format!("{} bis {}", datum_text(m.beginn), datum_text(e)),
                None => format!("seit {}", datum_text(m.beginn)),
            })
            .collect(),
        profiling: f.profiling.iter().rev().map(|p| profilingzeile(k, p)).collect(),
        ziele: f
            .ziele
            .iter()
            .rev()
            .map(|z| {
                let ziel =
                    k.finde_zieloption(&z.zieloption).map(|o| o.label.clone()).unwrap_or_else(|| z.zieloption.clone());
                format!("{ziel} (vereinbart am {})", datum_text(z.vereinbart_am))
            })
            .collect(),
        strategien: f
            .strategien
            .iter()
            .map(|w| Strategiezeile {
                name: strategie_name(k, &w.strategie),
                merkmal: w.merkmal.as_deref().map(|m| merkmal_name(k, m)).unwrap_or_default(),
                zeitraum: w.zeitfenster_text(" – "),
                status: strategie_status(w, heute),
            })
            .collect(),
        evs: f.eingliederungsvereinbarungen.iter().rev().map(evzeile).collect(),
        gespraeche: f
            .gespraeche
            .iter()
            .rev()
            .map(|g| Zeitzeile { zeit: datum_text(g.datum), text: g.art.label().to_owned() })
            .collect(),
        aktivitaeten: f.aktivitaeten.iter().map(aktivitaet_text).collect(),
        werdegang: f.kunde.werdegang.iter().map(|w| werdegang_text(k, w)).collect(),
        vermerke: f
            .vermerke
            .iter()
            .rev()
            .map(|v| Vermerkzeile {
                datum: datum_text(v.datum),
                art: vermerkart(v.art),
                text: v.text.clone(),
                nachtraege: v
                    .nachtraege
                    .iter()
                    .map(|n| format!("Nachtrag vom {}: {}", datum_text(n.datum), n.text))
                    .collect(),
            })
            .collect(),
        auftraege: f
            .auftraege
            .iter()
            .map(|u| {
                let leistung =
                    k.finde_leistung(&u.leistung).map(|l| l.label.clone()).unwrap_or_else(|| u.leistung.clone());
                format!("{leistung} (erteilt am {}): {}", datum_text(u.datum), u.status.label())
            })
            .collect(),
        einwilligungen: f
            .einwilligungen
            .iter()
            .map(|e| {
                format!(
                    "{}: erteilt am {}{}",
                    einwilligung_text(e.umfang),
                    datum_text(e.erteilt_am),
                    e.widerrufen_am.map(|d| format!(", widerrufen am {}", datum_text(d))).unwrap_or_default()
                )
            })
            .collect(),
        verlauf: a
            .verlauf
            .iter()
            .rev()
            .map(|v| Zeitzeile {
                zeit: zeit_text(v.zeitpunkt),
                text: vierphasen_app::fall::verlauf_satz(&v.entitaet, &v.aktion),
            })
            .collect(),
        zugriffe: a.zugriffe.iter().rev().map(|z| (datum_text(z.tag), z.zweck.clone(), z.anzahl)).collect(),
        unterzeichnet_von: a.unterzeichnet_von,
    }
}

/// Art. 15 DSGVO: the Auskunft for the customer (Datenschutz, or the responsible VFK); the
/// creation itself is logged as "Auskunft Art. 15".
pub async fn auskunft(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
) -> SeitenErgebnis {
    let a = z.app.auskunft_art15(&b.akteur, id).await?;
    Ok(html(&auskunftsseite(Rahmen::neu(&b, "kunden"), a, z.app.katalog, z.app.heute())))
}
