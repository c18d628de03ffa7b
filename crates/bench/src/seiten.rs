//! `vierphasen bench seiten` — issue 4: every page type of the web UI renders in ≤ 50 ms p95 on
//! the demo data. The server runs in this process against a fresh SQLite file with the demo
//! data; one demo VFK requests each page type over her own cases, one request at a time (render
//! time, not throughput). Times are taken at the client, so they include HTTP on loopback.

use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use hyper::Method;
use vierphasen_app::App;
use vierphasen_store::Db;
use vierphasen_web::Einstellungen;

use super::http::Ziel;
use super::http::last::{anmelden, json_holen, klient, kurz, senden};
use crate::laufzeit;

const ZIEL_P95_MS: f64 = 50.0;

/// Every page type; `{id}` is replaced by one of the VFK's cases in turn, `{stelle}` by one of
/// the demo postings.
const SEITEN: &[(&str, &str)] = &[
    ("Arbeitsliste", "/"),
    ("Kundensuche", "/kunden?suche=a&abgeschickt=1"),
    ("Kundenakte", "/kunden/{id}"),
    ("Profiling", "/kunden/{id}/profiling"),
    ("Ziel", "/kunden/{id}/ziel"),
    ("Strategien", "/kunden/{id}/strategien"),
    ("Eingliederungsvereinbarung", "/kunden/{id}/ev"),
    ("Beratungsvermerk", "/kunden/{id}/vermerk"),
    ("Folgegespräch", "/kunden/{id}/folgegespraech"),
    ("Werdegang", "/kunden/{id}/werdegang"),
    ("Aktivitäten", "/kunden/{id}/aktivitaeten"),
    ("Einwilligungen", "/kunden/{id}/einwilligungen"),
    ("Termine des Falls", "/kunden/{id}/termine"),
    ("Terminkalender", "/termine"),
    ("Profil", "/profil"),
    ("Stellenangebote", "/stellen"),
    ("Bewerber zur Stelle", "/stellen/{stelle}"),
];

#[derive(Debug, Args)]
pub struct SeitenOptionen {
    /// Gemessene Anfragen je Seitenart (nach 10 zum Aufwärmen).
    #[arg(long, default_value_t = 200)]
    anzahl: usize,
}

pub fn ausfuehren(o: SeitenOptionen) -> Result<ExitCode, String> {
    let ziel = Ziel::bestimmen(None)?;
    let ergebnis = laufzeit()?.block_on(lauf(&o, ziel.url()));
    ziel.aufraeumen();
    ergebnis
}

fn perzentil(sortiert: &[f64], p: f64) -> f64 {
    let i = ((sortiert.len() as f64 - 1.0) * p).round() as usize;
    sortiert.get(i).copied().unwrap_or(f64::NAN)
}

async fn lauf(o: &SeitenOptionen, url: &str) -> Result<ExitCode, String> {
    let db = Db::verbinden(url).await.map_err(|e| format!("{url}: {e}"))?;
    let app = App::starten(db).await.map_err(|e| e.to_string())?;
    let demo = vierphasen_app::demo::einrichten(&app, app.heute()).await.map_err(|e| format!("Demo-Daten: {e}"))?;
    let (adresse, server) = vierphasen_web::starten(
        app.clone(),
        "127.0.0.1:0".parse().map_err(|e| format!("{e}"))?,
        Einstellungen { cookie_sicher: false },
    )
    .await
    .map_err(|e| format!("Server: {e}"))?;
    let k = klient(None);
    let login = "vfk.agentur1";
    let cookie = anmelden(&k, adresse, login, &demo.passwort).await?;
    let faelle = json_holen(&k, adresse, "/api/v1/kunden?meine=true", &cookie).await?;
    let ids: Vec<i64> = faelle.as_array().into_iter().flatten().filter_map(|f| f["id"].as_i64()).collect();
    if ids.is_empty() {
        return Err(format!("{login} hat keine Fälle"));
    }
    let stellen = json_holen(&k, adresse, "/api/v1/stellen", &cookie).await?;
    let stellen: Vec<i64> = stellen.as_array().into_iter().flatten().filter_map(|s| s["id"].as_i64()).collect();
    if stellen.is_empty() {
        return Err("die Demo-Daten haben keine Stellenangebote".into());
    }
    println!(
        "Seiten-Renderzeit: {login}, {} eigene Fälle, {} Anfragen je Seitenart, eine nach der anderen",
        ids.len(),
        o.anzahl
    );
    println!("{:<28} {:>9} {:>9} {:>9}  Ziel p95 ≤ {ZIEL_P95_MS} ms", "Seite", "p50 ms", "p95 ms", "max ms");
    let mut alle_erreicht = true;
    let mut fehler = 0;
    for (name, muster) in SEITEN {
        let mut zeiten = Vec::with_capacity(o.anzahl);
        for i in 0..o.anzahl + 10 {
            let pfad = muster
                .replace("{id}", &ids[i % ids.len()].to_string())
                .replace("{stelle}", &stellen[i % stellen.len()].to_string());
            let t = Instant::now();
            let a = senden(&k, adresse, Method::GET, &pfad, Some(&cookie), None).await?;
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            if !a.status.is_success() {
                fehler += 1;
                println!("{name}: GET {pfad} → {} {}", a.status, kurz(&a.koerper));
                break;
            }
            if i >= 10 {
                zeiten.push(ms);
            }
        }
        if zeiten.is_empty() {
            alle_erreicht = false;
            continue;
        }
        zeiten.sort_by(f64::total_cmp);
        let p95 = perzentil(&zeiten, 0.95);
        let erreicht = p95 <= ZIEL_P95_MS;
        alle_erreicht &= erreicht;
        println!(
            "{name:<28} {:>9.2} {:>9.2} {:>9.2}  {}",
            perzentil(&zeiten, 0.5),
            p95,
            zeiten.last().copied().unwrap_or(f64::NAN),
            if erreicht { "erreicht" } else { "VERFEHLT" }
        );
    }
    server.abort();
    app.db.schliessen().await;
    println!("Seiten: {}", if alle_erreicht { "alle p95 ≤ 50 ms" } else { "Ziel VERFEHLT" });
    Ok(if fehler == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
