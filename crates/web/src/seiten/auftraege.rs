//! Issue 13/1: referrals to the Fachdienste as pages — the VFK refers from the Kundenakte, the
//! service works from its inbox (`/auftraege`), both act on the referral's page; each step is a
//! form of its own (`schritt`), refused input comes back to that form.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use vierphasen_app::AppFehler;
use vierphasen_app::fall::{AuftragEingabe, AuftragsschrittEingabe, ErgebnisEingabe, GER_NIVEAUS};
use vierphasen_app::konto::Angemeldet;
use vierphasen_app::posteingang::{Auftragsakte, Posteingangszeile};
use vierphasen_domain::KundeId;
use vierphasen_domain::fallakte::{Aktenteil, Auftragsschritt, Einschraenkungsdauer, Fragestellung, Leistungsbild};
use vierphasen_domain::zugriff::Rolle;

use super::anzeige::datum_text;
use super::gespeichert::{Gespeichert, Hinweis};
use super::verwaltung::Auswahl;
use super::{
    FallPfad, FallZeile, Formular, Rahmen, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, html, mit_status, weiter_zu,
};
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new()
        .route("/auftraege", get(posteingang))
        .route("/kunden/{id}/auftraege/neu", get(neu))
        .route("/kunden/{id}/auftraege", axum::routing::post(erteilen))
        .route("/kunden/{id}/auftraege/{aid}", get(ansehen).post(schritt))
}

#[derive(Template)]
#[template(path = "posteingang.html")]
struct Posteingangsseite {
    rahmen: Rahmen,
    gespeichert: Option<&'static str>,
    dienst: String,
    sla_tage: Option<u32>,
    zeilen: Vec<Posteingangszeile>,
}

async fn posteingang(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Query(h): Query<Hinweis>,
) -> SeitenErgebnis {
    let p = z.app.posteingang(&b.akteur).await?;
    Ok(html(&Posteingangsseite {
        rahmen: Rahmen::neu(&b, "auftraege"),
        gespeichert: h.text(),
        dienst: p.dienst,
        sla_tage: p.sla_tage,
        zeilen: p.zeilen,
    }))
}

/// A group of services in the referral form (one per Fachdienst).
struct Leistungsgruppe {
    dienst: String,
    leistungen: Vec<Auswahl>,
}

#[derive(Template)]
#[template(path = "auftrag_neu.html")]
struct Neuseite {
    rahmen: Rahmen,
    kunde_id: i64,
    name: String,
    gruppen: Vec<Leistungsgruppe>,
    fragestellungen: Vec<(String, &'static str)>,
    teile: Vec<(String, &'static str, bool)>,
    leistung: String,
    fragestellung: String,
    anliegen: String,
    rueckmeldung: Rueckmeldung,
}

async fn neuseite(
    b: &Angemeldet,
    z: &Zustand,
    kunde: KundeId,
    f: Option<&Formular>,
    rueckmeldung: Rueckmeldung,
) -> SeitenErgebnis {
    // The name and who is responsible: the case, not the whole Kundenakte (matching, Verlauf …).
    let fall = z.app.fall_lesen(&b.akteur, kunde, None).await?;
    if !b.akteur.zustaendig_fuer_vfk(fall.stammdaten.vfk_id) {
        return Err(AppFehler::Verboten(
            "Aufträge erteilt die zuständige Vermittlungsfachkraft oder ihre Vertretung.".into(),
        )
        .into());
    }
    let k = z.app.katalog;
    // The services the VFK asks for: every service with an inbox, without the formats the service
    // chooses itself (U4). BiZ orders are tasks in the EV (U8), the ZAV has its own check (U2).
    let gruppen = k
        .dienste
        .iter()
        .filter(|d| d.mit_posteingang)
        .map(|d| Leistungsgruppe {
            dienst: d.label.clone(),
            leistungen: k
                .leistungen
                .iter()
                .filter(|l| l.dienst == d.id && l.format_von.is_none())
                .map(|l| Auswahl { wert: l.id.clone(), text: l.label.clone() })
                .collect(),
        })
        .collect();
    let gewaehlt: Vec<String> =
        f.map(|f| f.alle("freigabe").into_iter().map(str::to_owned).collect()).unwrap_or_default();
    let status = rueckmeldung.status();
    let s = &fall.stammdaten;
    Ok(mit_status(
        &Neuseite {
            rahmen: Rahmen::neu(b, "kunden"),
            kunde_id: kunde.0,
            name: format!("{} {}", s.vorname, s.nachname),
            gruppen,
            fragestellungen: Fragestellung::ALLE.iter().map(|f| (json_id(*f), f.label())).collect(),
            teile: Aktenteil::ALLE
                .iter()
                .map(|t| (json_id(*t), t.label(), f.is_none() || gewaehlt.iter().any(|g| *g == json_id(*t))))
                .collect(),
            leistung: f.map(|f| f.text("leistung")).unwrap_or_default(),
            fragestellung: f.map_or_else(|| "sonstige".into(), |f| f.text("fragestellung")),
            anliegen: f.map(|f| f.text("anliegen")).unwrap_or_default(),
            rueckmeldung,
        },
        status,
    ))
}

async fn neu(State(z): State<Zustand>, SeitenBenutzer(b): SeitenBenutzer, FallPfad(id): FallPfad) -> SeitenErgebnis {
    neuseite(&b, &z, id, None, Rueckmeldung::default()).await
}

async fn erteilen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    f: Formular,
) -> SeitenErgebnis {
    let fragestellung = Fragestellung::ALLE.into_iter().find(|x| f.wert("fragestellung") == Some(json_id(*x).as_str()));
    let freigabe =
        Aktenteil::ALLE.into_iter().filter(|t| f.alle("freigabe").contains(&json_id(*t).as_str())).collect::<Vec<_>>();
    let ergebnis = match (f.wert("leistung").filter(|l| !l.is_empty()), fragestellung) {
        (None, _) => Err(AppFehler::ungueltig("leistung", "Bitte die Leistung auswählen.")),
        (_, None) => Err(AppFehler::ungueltig("fragestellung", "Bitte die Fragestellung angeben.")),
        (Some(leistung), Some(fragestellung)) => {
            let eingabe = AuftragEingabe {
                datum: z.app.heute(),
                leistung: leistung.to_owned(),
                fragestellung,
                anliegen: f.wert("anliegen").map(str::to_owned),
                freigabe,
                zav: None,
                bestaetigt: f.bestaetigt(),
            };
            z.app.auftrag_erteilen(&b.akteur, id, eingabe).await
        }
    };
    match ergebnis {
        Ok(a) => Ok(weiter_zu(&Gespeichert::Auftrag.nach(format!("/kunden/{id}/auftraege/{}", a.id)))),
        Err(e) => neuseite(&b, &z, id, Some(&f), Rueckmeldung::aus(e)?).await,
    }
}

/// A step as the page offers it.
struct Schrittform {
    id: String,
    label: &'static str,
    /// The step needs a text (Rückfrage, answer, reason).
    text: Option<&'static str>,
    termin: bool,
    ergebnis: bool,
}

#[derive(Template)]
#[template(path = "auftrag.html")]
struct Auftragsseite {
    rahmen: Rahmen,
    gespeichert: Option<&'static str>,
    a: Auftragsakte,
    status: &'static str,
    fragestellung: &'static str,
    datum: String,
    termin: String,
    ergebnis: Vec<(&'static str, String)>,
    fachdienst: bool,
    schritte: Vec<Schrittform>,
    /// The form of the step that was refused, and its feedback.
    ort: String,
    rueckmeldung: Rueckmeldung,
    formate: Vec<Auswahl>,
    leistungsbilder: Vec<Auswahl>,
    dauern: Vec<Auswahl>,
    niveaus: Vec<Auswahl>,
    merkmale: Vec<Auswahl>,
    getippt: Getippt,
}

/// A refused step: its form (`ort`, the step's id), the feedback and what was typed.
#[derive(Default)]
struct Abgewiesen {
    ort: String,
    rueckmeldung: Rueckmeldung,
    getippt: Getippt,
}

/// What a refused step form keeps.
#[derive(Default)]
struct Getippt {
    text: String,
    termin: String,
    format: String,
    leistungsbild: String,
    dauer: String,
    ger_niveau: String,
    merkmal: String,
    einschraenkungen: String,
    ergebnis: String,
}

const SCHRITTE: [Auftragsschritt; 7] = [
    Auftragsschritt::Annehmen,
    Auftragsschritt::Bearbeiten,
    Auftragsschritt::ErgebnisMitteilen,
    Auftragsschritt::Zurueckgeben,
    Auftragsschritt::ZurKenntnisNehmen,
    Auftragsschritt::ErneutSenden,
    Auftragsschritt::Stornieren,
];

fn auswahl<T: Copy>(alle: &[T], id: impl Fn(T) -> String, label: impl Fn(T) -> &'static str) -> Vec<Auswahl> {
    alle.iter().map(|x| Auswahl { wert: id(*x), text: label(*x).to_owned() }).collect()
}

/// The id of a domain enum as in JSON and in the forms (`eignungsfeststellung`, `annehmen`).
fn json_id<T: serde::Serialize>(x: T) -> String {
    serde_json::to_value(x).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

async fn auftragsseite(
    b: &Angemeldet,
    z: &Zustand,
    kunde: KundeId,
    aid: i64,
    gespeichert: Option<&'static str>,
    abgewiesen: Abgewiesen,
) -> SeitenErgebnis {
    let Abgewiesen { ort, rueckmeldung, getippt } = abgewiesen;
    let a = z.app.auftrag_lesen(&b.akteur, kunde, aid).await?;
    let k = z.app.katalog;
    let fachdienst = b.rolle == Rolle::Fachdienst;
    // The VFK's steps only for the responsible VFK or her stand-in.
    let zustaendig = b.akteur.zustaendig_fuer_vfk(a.vfk_id);
    let status = a.auftrag.status;
    let schritte = SCHRITTE
        .into_iter()
        .filter(|s| status.nach(*s).is_ok() && s.durch_fachdienst() == fachdienst && (fachdienst || zustaendig))
        .map(|s| Schrittform {
            id: json_id(s),
            label: s.label(),
            text: match s {
                Auftragsschritt::Zurueckgeben => Some("Ihre Rückfrage an die Vermittlungsfachkraft"),
                Auftragsschritt::ErneutSenden => Some("Ihre Antwort auf die Rückfrage"),
                Auftragsschritt::Stornieren => Some("Grund der Stornierung"),
                _ => None,
            },
            termin: s == Auftragsschritt::Bearbeiten,
            ergebnis: s == Auftragsschritt::ErgebnisMitteilen,
        })
        .collect();
    let leistung_id = a.auftrag.leistung.clone();
    let formate = k.formate(&leistung_id).map(|l| Auswahl { wert: l.id.clone(), text: l.label.clone() }).collect();
    let ist_aed = k.dienst_der_leistung(&leistung_id).is_some_and(|d| d.id == "aerztlicher_dienst");
    let e = a.auftrag.ergebnis.as_ref();
    let mut ergebnis = Vec::new();
    if let Some(e) = e {
        ergebnis.push(("Mitgeteilt am", datum_text(e.datum)));
        if let Some(f) = e.format.as_deref() {
            ergebnis.push(("Gewähltes Format", k.finde_leistung(f).map_or_else(|| f.to_owned(), |l| l.label.clone())));
        }
        if let Some(l) = e.leistungsbild {
            ergebnis.push(("Leistungsbild", l.label().to_owned()));
        }
        if let Some(t) = &e.einschraenkungen {
            ergebnis.push(("Qualitative Einschränkungen", t.clone()));
        }
        if let Some(d) = e.dauer {
            ergebnis.push(("Voraussichtliche Dauer", d.label().to_owned()));
        }
        if let Some(n) = &e.ger_niveau {
            ergebnis.push(("Sprachniveau (GER)", n.clone()));
        }
        if let Some(m) = e.merkmal.as_deref() {
            let label = k.finde_merkmal(m).map_or_else(|| m.to_owned(), |r| k.merkmal(r).label.clone());
            ergebnis.push(("Betrifft das Merkmal", label));
        }
        ergebnis.push(("Ergebnis", e.text.clone()));
    }
    let status_label = status.label();
    let seite = Auftragsseite {
        rahmen: Rahmen::neu(b, if fachdienst { "auftraege" } else { "kunden" }),
        gespeichert,
        status: status_label,
        fragestellung: a.auftrag.fragestellung.label(),
        datum: datum_text(a.auftrag.datum),
        termin: a.auftrag.termin.map(datum_text).unwrap_or_default(),
        ergebnis,
        fachdienst,
        schritte,
        ort,
        rueckmeldung,
        formate,
        leistungsbilder: if ist_aed {
            auswahl(&Leistungsbild::ALLE, json_id, Leistungsbild::label)
        } else {
            Vec::new()
        },
        dauern: if ist_aed {
            auswahl(&Einschraenkungsdauer::ALLE, json_id, Einschraenkungsdauer::label)
        } else {
            Vec::new()
        },
        niveaus: if leistung_id == "bps_deutsch_test" {
            GER_NIVEAUS.iter().map(|n| Auswahl { wert: (*n).to_owned(), text: (*n).to_owned() }).collect()
        } else {
            Vec::new()
        },
        merkmale: k.merkmale.iter().map(|m| Auswahl { wert: m.id.clone(), text: m.label.clone() }).collect(),
        getippt,
        a,
    };
    let status = seite.rueckmeldung.status();
    Ok(mit_status(&seite, status))
}

async fn ansehen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallZeile(id, aid): FallZeile,
    Query(p): Query<Hinweis>,
) -> SeitenErgebnis {
    auftragsseite(&b, &z, id, aid, p.text(), Abgewiesen::default()).await
}

async fn schritt(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallZeile(id, aid): FallZeile,
    f: Formular,
) -> SeitenErgebnis {
    let gewaehlt = SCHRITTE.into_iter().find(|s| f.wert("schritt") == Some(json_id(*s).as_str()));
    let getippt = Getippt {
        text: f.text("text"),
        termin: f.text("termin"),
        format: f.text("format"),
        leistungsbild: f.text("leistungsbild"),
        dauer: f.text("dauer"),
        ger_niveau: f.text("ger_niveau"),
        merkmal: f.text("merkmal"),
        einschraenkungen: f.text("einschraenkungen"),
        ergebnis: f.text("ergebnis"),
    };
    let ergebnis = async {
        let schritt = gewaehlt.ok_or_else(|| AppFehler::ungueltig("schritt", "Unbekannter Schritt."))?;
        let termin = f.datum("termin", "Termin mit der Kundin bzw. dem Kunden")?;
        let ergebnis = (schritt == Auftragsschritt::ErgebnisMitteilen).then(|| ErgebnisEingabe {
            format: f.wert("format").map(str::to_owned),
            leistungsbild: Leistungsbild::ALLE
                .into_iter()
                .find(|l| f.wert("leistungsbild") == Some(json_id(*l).as_str())),
            einschraenkungen: f.wert("einschraenkungen").map(str::to_owned),
            dauer: Einschraenkungsdauer::ALLE.into_iter().find(|d| f.wert("dauer") == Some(json_id(*d).as_str())),
            ger_niveau: f.wert("ger_niveau").map(str::to_owned),
            merkmal: f.wert("merkmal").map(str::to_owned),
            text: f.text("ergebnis"),
        });
        let eingabe = AuftragsschrittEingabe { schritt, text: f.wert("text").map(str::to_owned), termin, ergebnis };
        z.app.auftrag_schritt(&b.akteur, id, aid, eingabe).await
    }
    .await;
    match ergebnis {
        // The service's part ends with the result or the question back: back to its inbox.
        Ok(_)
            if b.rolle == Rolle::Fachdienst
                && matches!(gewaehlt, Some(Auftragsschritt::ErgebnisMitteilen | Auftragsschritt::Zurueckgeben)) =>
        {
            Ok(weiter_zu(&Gespeichert::Auftragsschritt.nach("/auftraege")))
        }
        Ok(_) => Ok(weiter_zu(&Gespeichert::Auftragsschritt.nach(format!("/kunden/{id}/auftraege/{aid}")))),
        Err(e) => {
            let mut r = Rueckmeldung::aus(e)?;
            for fehler in &mut r.fehler {
                // The use case names the result's fields `ergebnis.x`; the form's inputs are `x`.
                fehler.id = match fehler.id.strip_prefix("ergebnis-") {
                    Some("text") => "ergebnis".into(),
                    Some(rest) => rest.to_owned(),
                    None => fehler.id.clone(),
                };
            }
            let ort = gewaehlt.map(json_id).unwrap_or_default();
            auftragsseite(&b, &z, id, aid, None, Abgewiesen { ort, rueckmeldung: r, getippt }).await
        }
    }
}
