//! The start page of a VFK: today's appointments, due and overdue Wiedervorlagen (derived from
//! the rules' deadlines: E3 EV review, K1 Folgegespräch, U1 Übergabe steps, P4 "zu klären",
//! P8 N-Profillage, S13), what comes in the next two weeks, and the customers with new matching
//! postings since the last look (F3).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chrono::{Days, NaiveDate};
use vierphasen_app::fall::NeueTreffer;
use vierphasen_app::termine::{TerminFilter, Terminzeile};
use vierphasen_domain::zugriff::Rolle;

use super::anzeige::{datum_text, termin_anlass};
use super::{Rahmen, SeitenBenutzer, SeitenErgebnis, html, weiter_zu};
use crate::zustand::Zustand;

#[derive(Debug)]
pub struct Eintrag {
    pub kunde_id: i64,
    pub name: String,
    pub kundennummer: String,
    pub datum: String,
    /// Time, duration, channel of an appointment ("09:30–10:00 Uhr · Telefon").
    pub zeit: String,
    pub ueberfaellig_tage: i64,
    pub anlass: &'static str,
    pub regel: String,
    pub text: String,
}

#[derive(Template)]
#[template(path = "start.html")]
struct Arbeitsliste {
    rahmen: Rahmen,
    heute: String,
    termine_heute: Vec<Eintrag>,
    faellig: Vec<Eintrag>,
    demnaechst: Vec<Eintrag>,
    /// F3: own customers with new matches, those with the strategy "Vermittlung" first.
    neue_treffer: Vec<NeueTreffer>,
}

fn eintrag(t: Terminzeile, heute: NaiveDate) -> Eintrag {
    let zeit = t.zeit().text();
    Eintrag {
        kunde_id: t.kunde_id,
        name: format!("{}, {}", t.nachname, t.vorname),
        kundennummer: t.kundennummer,
        datum: datum_text(t.faellig_am),
        zeit,
        ueberfaellig_tage: (heute - t.faellig_am).num_days(),
        anlass: termin_anlass(&t.art, t.regel.as_deref()),
        regel: t.regel.unwrap_or_default(),
        // Issue 13/6: an entry of the colleague she stands in for says so.
        text: match t.vertretung_fuer {
            Some(name) => format!("{} (Vertretung für {name})", t.text),
            None => t.text,
        },
    }
}

/// Where a role starts (issue 15/8): the VFK her Arbeitsliste; the Teamleitung her team's cases;
/// a Fachdienst its inbox of referrals (issue 13/1); Administration and Datenschutz their
/// administration page.
fn startseite(rolle: Rolle) -> Option<&'static str> {
    match rolle {
        Rolle::Vfk => None,
        Rolle::Teamleitung => Some("/kunden"),
        Rolle::Fachdienst => Some("/auftraege"),
        Rolle::Admin | Rolle::Datenschutz => Some("/verwaltung"),
    }
}

pub async fn arbeitsliste(State(z): State<Zustand>, SeitenBenutzer(b): SeitenBenutzer) -> SeitenErgebnis {
    if let Some(ziel) = startseite(b.rolle) {
        return Ok(weiter_zu(ziel));
    }
    let heute = z.app.heute();
    let bis = heute.checked_add_days(Days::new(14)).unwrap_or(heute);
    let filter = TerminFilter { bis: Some(bis), erledigte: false };
    let mut termine_heute = Vec::new();
    let mut faellig = Vec::new();
    let mut demnaechst = Vec::new();
    for t in z.app.termine_liste(&b.akteur, &filter).await? {
        let ist_termin = t.art == "termin";
        let am = t.faellig_am;
        let e = eintrag(t, heute);
        if ist_termin && am == heute {
            termine_heute.push(e);
        } else if am <= heute {
            faellig.push(e);
        } else {
            demnaechst.push(e);
        }
    }
    let neue_treffer = z.app.neue_treffer(&b.akteur).await?;
    let seite = Arbeitsliste {
        rahmen: Rahmen::neu(&b, "start"),
        heute: datum_text(heute),
        termine_heute,
        faellig,
        demnaechst,
        neue_treffer,
    };
    Ok::<Response, _>(html(&seite))
}
