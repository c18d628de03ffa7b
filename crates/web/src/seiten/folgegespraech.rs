//! The Folgegespräch as a guided form: preparation (F1) and the four steps (F2) on one page with
//! a step overview, the EV tasks of the case in step 1 and the next appointment proposed by the
//! Kontaktdichtekonzept (K1) in step 4. Without JavaScript it is one long form with one submit.
//! After saving, the Beratungsvermerk page follows (the Folgevermerk is prefilled there, V2).

mod ansicht;
mod eingabe;

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use chrono::NaiveDate;
use vierphasen_app::AppFehler;
use vierphasen_app::fall::Akte;
use vierphasen_app::konto::Angemeldet;
use vierphasen_domain::fallakte::{GepruefteFallakte, pruefen_und_aufloesen};
use vierphasen_domain::regeln::kontaktdichte;
use vierphasen_domain::{Katalog, KundeId, Profillage};

pub(crate) use self::ansicht::K1Vorschlag;
use self::ansicht::{Formularbild, Kontext, Modus};
use super::akte::Aktenbild;
use super::gespeichert::Gespeichert;
use super::vermittlung::bild::Gespraechsbild;
use super::{
    FallPfad, Formular, Rahmen, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, beschriften, mit_status, weiter_zu,
};
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new().route("/kunden/{id}/folgegespraech", get(formular).post(speichern))
}

/// Where the VFK goes after saving: the Beratungsvermerk, prefilled as Folgevermerk (V2).
fn nach_dem_speichern(id: KundeId) -> String {
    Gespeichert::Gespraech.nach(format!("/kunden/{id}/vermerk"))
}

/// K1: the next Folgegespräch after a conversation on `am`, by the Dienststelle's
/// Kontaktdichtekonzept (or the catalogue's default) for the case's Profillage — the same
/// computation the use case makes when no date is agreed.
pub(crate) fn k1_vorschlag(gf: &GepruefteFallakte<'_>, akte: &Akte, am: NaiveDate) -> K1Vorschlag {
    let p = &akte.ansicht.pruefung.profillage;
    let profillage = p.gewaehlt.or(p.ergebnis.vorschlag).unwrap_or(Profillage::N);
    let tage = kontaktdichte::intervall_tage(gf, profillage, am);
    K1Vorschlag { datum: kontaktdichte::naechster_termin(gf, profillage, am), tage, profillage: profillage.label() }
}

/// The case resolved against the catalogue (for the EV in force and the K1 interval).
pub(crate) fn aufgeloest<'k>(akte: &Akte, katalog: &'k Katalog) -> Result<GepruefteFallakte<'k>, AppFehler> {
    Ok(pruefen_und_aufloesen(akte.ansicht.fallakte.clone(), katalog)?)
}

#[derive(Template)]
#[template(path = "folgegespraech.html")]
struct Folgeseite {
    rahmen: Rahmen,
    a: Aktenbild,
    rueckmeldung: Rueckmeldung,
    f: Formularbild,
    /// F1, F2 step 3: Vermittlungsvorschläge with the employer's feedback, current matches (§8.4).
    vermittlung: Gespraechsbild,
}

fn seite(
    b: &Angemeldet,
    z: &Zustand,
    akte: &Akte,
    form: &Formular,
    rueckmeldung: Rueckmeldung,
    modus: Modus,
) -> SeitenErgebnis {
    let katalog = z.app.katalog;
    let heute = z.app.heute();
    let gf = aufgeloest(akte, katalog)?;
    let k1 = k1_vorschlag(&gf, akte, heute);
    let f = ansicht::bauen(&Kontext { akte, gf: &gf, katalog, heute, k1: &k1 }, form, &rueckmeldung, modus);
    let status = rueckmeldung.status();
    let a = Aktenbild::aus(akte, katalog, heute);
    let vermittlung = Gespraechsbild::aus(&akte.matching);
    Ok(mit_status(&Folgeseite { rahmen: Rahmen::neu(b, "kunden"), a, f, rueckmeldung, vermittlung }, status))
}

async fn formular(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
) -> SeitenErgebnis {
    let akte = z.app.akte_lesen(&b.akteur, id, None).await?;
    let heute = z.app.heute();
    let k1 = k1_vorschlag(&aufgeloest(&akte, z.app.katalog)?, &akte, heute);
    let vorgabe =
        Formular(vec![("datum".to_owned(), heute.to_string()), ("naechster_termin".to_owned(), k1.datum.to_string())]);
    seite(&b, &z, &akte, &vorgabe, Rueckmeldung::default(), Modus::Neu)
}

async fn speichern(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    f: Formular,
) -> SeitenErgebnis {
    // "Weitere Zeile" in step 4: the same form again with one more row, nothing saved.
    if f.wert("aktion") == Some("zeile") {
        let akte = z.app.akte_lesen(&b.akteur, id, None).await?;
        return seite(&b, &z, &akte, &f, Rueckmeldung::default(), Modus::WeitereZeile);
    }
    let rueckmeldung = match eingabe::lesen(&f, z.app.heute()) {
        Ok(e) => match z.app.gespraech_erfassen(&b.akteur, id, e).await {
            Ok(_) => return Ok(weiter_zu(&nach_dem_speichern(id))),
            Err(fehler) => beschriften(
                ansicht::ids_angleichen(Rueckmeldung::aus(fehler)?),
                &[("datum", "Gespräch am"), ("naechster_termin", "Nächstes Folgegespräch")],
            ),
        },
        Err(fehler) => Rueckmeldung { fehler, ..Rueckmeldung::default() },
    };
    let akte = z.app.akte_lesen(&b.akteur, id, None).await?;
    seite(&b, &z, &akte, &f, rueckmeldung, Modus::Korrektur)
}
