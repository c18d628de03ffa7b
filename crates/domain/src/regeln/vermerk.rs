//! V1/V2: what the Beratungsvermerk is prefilled with (a pure function of the profiling versions).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use crate::datum::de;
use crate::fallakte::{Folgegespraech, GepruefteFallakte, Gespraechsart};
use crate::grundtypen::{MerkmalStatus, Schluesselgruppe};
use crate::katalog::Katalog;
use crate::regel::Regel;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Vorbefuellung {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub regel: Regel,
    /// Sections in order; each one editable before saving.
    pub abschnitte: Vec<Abschnitt>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Abschnitt {
    pub titel: String,
    pub text: String,
    /// Where it came from (e.g. `profiling vom 03.02.2026`).
    pub quelle: String,
}

/// V1: after an Erstgespräch — Zielberuf, Handlungsbedarfe and besondere Stärken, Fazit,
/// Profillage, agreed Zieloption (from the state on `datum`).
pub fn erstgespraech(f: &GepruefteFallakte<'_>, datum: NaiveDate) -> Vorbefuellung {
    let k = f.katalog;
    let mut abschnitte = Vec::new();
    if let Some((v, s)) = f.profiling_am(datum) {
        let quelle = format!("Profiling vom {}", de(v.gespeichert_am));
        // The job title it was chosen by (issue 15/5: not the KldB class title), with its code.
        let beruf = match (v.zielberuf_name(&k.berufe), s.zielberuf) {
            (Some(name), Some(c)) => format!("{name} (KldB {c})"),
            _ => "noch nicht festgelegt".to_string(),
        };
        abschnitte.push(Abschnitt { titel: "Zielberuf/Zieltätigkeit".into(), text: beruf, quelle: quelle.clone() });
        let bedarfe: Vec<String> =
            s.mit_bedarf().map(|m| format!("{}: {}", k.merkmal(m).gruppe.label(), k.merkmal(m).label)).collect();
        abschnitte.push(Abschnitt {
            titel: "Vermittlungsrelevante Handlungsbedarfe".into(),
            text: if bedarfe.is_empty() { "keine".into() } else { bedarfe.join("\n") },
            quelle: quelle.clone(),
        });
        let staerken: Vec<&str> = v.staerken.iter().filter(|x| x.besondere).map(|x| x.bezeichnung.as_str()).collect();
        abschnitte.push(Abschnitt {
            titel: "Besondere Stärken".into(),
            text: if staerken.is_empty() { "keine besonders markiert".into() } else { staerken.join(", ") },
            quelle: quelle.clone(),
        });
        if let Some(sb) = &v.standortbestimmung {
            abschnitte.push(Abschnitt {
                titel: "Fazit der Standortbestimmung".into(),
                text: format!("{} (Integrationsprognose: {} Monate)", sb.fazit, sb.prognose_monate),
                quelle: format!("Standortbestimmung vom {}", de(sb.datum)),
            });
        }
        if let Some(p) = s.profillage {
            abschnitte.push(Abschnitt { titel: "Profillage".into(), text: p.label().into(), quelle });
        }
    }
    if let Some((z, o)) = f.akte.ziele.iter().zip(&f.ziele).rfind(|(z, _)| z.vereinbart_am <= datum) {
        abschnitte.push(Abschnitt {
            titel: "Vereinbarte Zieloption".into(),
            text: o.label.clone(),
            quelle: format!("Ziel vom {}", de(z.vereinbart_am)),
        });
    }
    Vorbefuellung { regel: Regel::V1, abschnitte }
}

/// V2: after a Folgegespräch — its four steps as recorded (F2: tasks done and not done with the
/// reasons, the review, applications, agreements and the next appointment; issue 15/4), then
/// every change to Person (Q, L, M), Umfeld (R, A) and Standortbestimmung saved on `datum` or
/// the day before (a Merkmal assessed for the first time without need is no change worth a line).
pub fn folgegespraech(f: &GepruefteFallakte<'_>, datum: NaiveDate) -> Vorbefuellung {
    let k = f.katalog;
    let vortag = datum.pred_opt().unwrap_or(datum);
    let versionen: Vec<_> = f.akte.profiling.iter().zip(&f.profiling).collect();
    let mut abschnitte = Vec::new();
    if let Some(g) = f.akte.gespraeche.iter().rfind(|g| g.datum == datum && g.art == Gespraechsart::Folgegespraech)
        && let Some(fg) = &g.folgegespraech
    {
        abschnitte.extend(gespraechsschritte(k, fg, g.naechster_termin, &format!("Folgegespräch vom {}", de(g.datum))));
    }
    for (n, (v, s)) in versionen.iter().enumerate() {
        if v.gespeichert_am < vortag || v.gespeichert_am > datum {
            continue;
        }
        let quelle = format!("Profiling vom {}", de(v.gespeichert_am));
        let vorher = n.checked_sub(1).map(|i| versionen[i]);
        let mut person = Vec::new();
        let mut umfeld = Vec::new();
        for m in k.merkmal_refs() {
            let alt = vorher.and_then(|(_, ps)| ps.status(m));
            let neu = s.status(m);
            if alt == neu || (alt.is_none() && neu == Some(MerkmalStatus::KeinHandlungsbedarf)) {
                continue;
            }
            let zeile = format!("{}: {} → {}", k.merkmal(m).label, status_text(alt), status_text(neu));
            if matches!(
                k.merkmal(m).gruppe,
                Schluesselgruppe::Rahmenbedingungen | Schluesselgruppe::Arbeitsmarktbedingungen
            ) {
                umfeld.push(zeile);
            } else {
                person.push(zeile);
            }
        }
        if !person.is_empty() {
            abschnitte.push(Abschnitt {
                titel: "Änderungen Person".into(),
                text: person.join("\n"),
                quelle: quelle.clone(),
            });
        }
        if !umfeld.is_empty() {
            abschnitte.push(Abschnitt {
                titel: "Änderungen Umfeld".into(),
                text: umfeld.join("\n"),
                quelle: quelle.clone(),
            });
        }
        let sb_alt = vorher.and_then(|(pv, _)| pv.standortbestimmung.as_ref());
        let lage_alt = vorher.and_then(|(_, ps)| ps.profillage);
        let mut standort = Vec::new();
        if let Some(sb) = &v.standortbestimmung {
            if sb_alt.map(|a| a.prognose_monate) != Some(sb.prognose_monate) {
                standort.push(format!("Integrationsprognose: {} Monate", sb.prognose_monate));
            }
            if sb_alt.map(|a| a.fazit.as_str()) != Some(sb.fazit.as_str()) {
                standort.push(format!("Fazit: {}", sb.fazit));
            }
            let fbw = |s: &crate::fallakte::Standortbestimmung| (s.fbw_dauer_monate, s.prognose_nur_wegen_fbw);
            if sb_alt.map(fbw).unwrap_or_default() != fbw(sb) {
                standort.push(fbw_text(sb));
            }
        }
        if s.profillage != lage_alt
            && let Some(p) = s.profillage
        {
            standort.push(format!("Profillage: {} → {}", lage_alt.map_or("–", |x| x.label()), p.label()));
        }
        if !standort.is_empty() {
            abschnitte.push(Abschnitt {
                titel: "Änderungen Standortbestimmung".into(),
                text: standort.join("\n"),
                quelle,
            });
        }
    }
    Vorbefuellung { regel: Regel::V2, abschnitte }
}

/// F2 steps 1–4 of a Folgegespräch as sections of the Vermerk.
fn gespraechsschritte(
    k: &Katalog,
    g: &Folgegespraech,
    naechster_termin: Option<NaiveDate>,
    quelle: &str,
) -> Vec<Abschnitt> {
    let ja = |b: bool| if b { "ja" } else { "nein" };
    let mut aus = Vec::new();
    let mut abschnitt = |titel: &str, zeilen: Vec<String>| {
        if !zeilen.is_empty() {
            aus.push(Abschnitt { titel: titel.into(), text: zeilen.join("\n"), quelle: quelle.to_string() });
        }
    };
    if let Some(s) = &g.schritt1 {
        let mut z: Vec<String> = s
            .aufgaben
            .iter()
            .map(|a| match (a.erledigt, a.grund.as_deref()) {
                (true, _) => format!("{}: erledigt", a.aufgabe),
                (false, Some(grund)) => format!("{}: nicht erledigt – {grund}", a.aufgabe),
                (false, None) => format!("{}: nicht erledigt", a.aufgabe),
            })
            .collect();
        if let Some(t) = s.erfolge_misserfolge.as_deref().filter(|t| !t.trim().is_empty()) {
            z.push(format!("Erfolge und Misserfolge: {t}"));
        }
        if s.sanktionstatbestand {
            z.push(format!(
                "Sperrzeit- bzw. Sanktionstatbestand liegt vor; eingeleitet: {}",
                s.folgeschritte.as_deref().unwrap_or("–")
            ));
        }
        abschnitt("Schritt 1: Vereinbarte Aufgaben", z);
    }
    if let Some(s) = &g.schritt2 {
        let mut z = vec![
            format!("Profiling überprüft: {}", ja(s.profiling_geprueft)),
            format!("Ziel besprochen: {}", ja(s.ziel_besprochen)),
            format!("Handlungsstrategien überprüft: {}", ja(s.strategien_geprueft)),
        ];
        if let Some(t) = s.anpassungen.as_deref().filter(|t| !t.trim().is_empty()) {
            z.push(format!("Anpassungen: {t}"));
        }
        abschnitt("Schritt 2: Überprüfung von Profiling, Ziel und Strategien", z);
    }
    if let Some(s) = &g.schritt3 {
        let mut z = Vec::new();
        if !s.entfaellt_wegen.is_empty() {
            let merkmale: Vec<&str> = s
                .entfaellt_wegen
                .iter()
                .map(|m| k.finde_merkmal(m).map_or(m.as_str(), |r| k.merkmal(r).label.as_str()))
                .collect();
            z.push(format!("Entfällt wegen Handlungsbedarf: {}", merkmale.join(", ")));
        }
        if let Some(t) = s.bewerbungsaktivitaeten.as_deref().filter(|t| !t.trim().is_empty()) {
            z.push(t.to_string());
        }
        if s.suchlauf_durchgefuehrt {
            z.push("Suchlauf nach passenden Stellen durchgeführt".into());
        }
        abschnitt("Schritt 3: Bewerbungsaktivitäten und Rückmeldungen", z);
    }
    let mut z: Vec<String> = g
        .schritt4
        .iter()
        .flat_map(|s| &s.vereinbarungen)
        .map(|a| {
            let frist = a.frist.map(|d| format!(" bis {}", de(d))).unwrap_or_default();
            format!("{} ({}{frist})", a.text, a.verantwortlich.label())
        })
        .collect();
    if let Some(d) = g.schritt4.as_ref().and_then(|s| s.naechster_termin).or(naechster_termin) {
        z.push(format!("Nächster Termin: {}", de(d)));
    }
    abschnitt("Schritt 4: Vereinbarungen und nächster Termin", z);
    aus
}

fn status_text(s: Option<MerkmalStatus>) -> &'static str {
    s.map_or("nicht bewertet", MerkmalStatus::label)
}

/// PL2: the FbW facts of a Standortbestimmung as one line.
fn fbw_text(sb: &crate::fallakte::Standortbestimmung) -> String {
    let dauer = sb.fbw_dauer_monate.map_or("keine Dauer angegeben".to_string(), |d| format!("geplant {d} Monate"));
    let nur = if sb.prognose_nur_wegen_fbw { "; Prognose über 12 Monate allein wegen der FbW" } else { "" };
    format!("FbW (§ 81 SGB III): {dauer}{nur}")
}
