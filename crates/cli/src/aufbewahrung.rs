//! `vierphasen retention run|fristen` (issue 17/6): the deletion run on a Stichtag, and the
//! periods with their legal bases.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Subcommand;
use vierphasen_app::App;
use vierphasen_app::aufbewahrung::{Loeschbericht, anzahl};
use vierphasen_domain::aufbewahrung::{Datenkategorie, Fristen, Protokollart};
use vierphasen_domain::datum::{de, parse_strikt};
use vierphasen_domain::{Rechtskreis, datum};
use vierphasen_store::Db;

use crate::datenbank::{DbArg, laufzeit};
use crate::protokollsicherung::anker_setzen;

#[derive(Debug, Subcommand)]
pub enum Retention {
    /// Löscht, was nach den Aufbewahrungsfristen fällig ist, schränkt ein, was wegen einer
    /// Aufbewahrungsanordnung oder -pflicht bleiben muss, kürzt die Protokolle und berichtet.
    Run {
        #[command(flatten)]
        db: DbArg,
        /// Probelauf: berichtet, was gelöscht würde, und ändert nichts.
        #[arg(long)]
        dry_run: bool,
        /// Stichtag JJJJ-MM-TT (Standard: heute in Deutschland).
        #[arg(long)]
        stichtag: Option<String>,
        /// Fristen-Datei (TOML, wie `vierphasen retention fristen --toml` sie ausgibt); Standard:
        /// die mitgelieferten Fristen.
        #[arg(long)]
        fristen: Option<PathBuf>,
        /// Bericht als JSON.
        #[arg(long)]
        json: bool,
    },
    /// Zeigt die Aufbewahrungsfristen mit ihrer Rechtsgrundlage.
    Fristen {
        #[arg(long)]
        fristen: Option<PathBuf>,
        /// Die mitgelieferte Datei zum Anpassen ausgeben.
        #[arg(long)]
        toml: bool,
    },
}

fn fristen_laden(pfad: Option<&PathBuf>) -> Result<Fristen, String> {
    match pfad {
        None => Ok(Fristen::standard()),
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| format!("„{}“ nicht lesbar: {e}", p.display()))?;
            Fristen::aus_toml(&text).map_err(|e| format!("„{}“: {e}", p.display()))
        }
    }
}

pub fn ausfuehren(was: Retention) -> Result<ExitCode, String> {
    match was {
        Retention::Fristen { fristen, toml } => {
            if toml {
                print!("{}", vierphasen_domain::aufbewahrung::STANDARD_TOML);
                return Ok(ExitCode::SUCCESS);
            }
            fristen_ausgeben(&fristen_laden(fristen.as_ref())?);
            Ok(ExitCode::SUCCESS)
        }
        Retention::Run { db: arg, dry_run, stichtag, fristen, json } => {
            let fristen = fristen_laden(fristen.as_ref())?;
            let stichtag = match stichtag {
                Some(t) => parse_strikt(&t).ok_or_else(|| format!("--stichtag „{t}“: erwartet JJJJ-MM-TT"))?,
                None => datum::berlin_datum(chrono::Utc::now()),
            };
            laufzeit()?.block_on(async {
                let url = arg.url();
                // The key must exist: a new one could not continue the chain.
                let schluessel = arg.protokoll.schluessel_laden(&url)?;
                let datei = arg.protokoll.anker_datei(&url, &schluessel);
                let db = Db::verbinden(&url).await.map_err(|e| e.to_string())?;
                let mut app = App::starten_mit(db.clone(), schluessel.clone()).await.map_err(|e| e.to_string())?;
                app.fristen = Arc::new(fristen);
                let bericht = app.loeschlauf(stichtag, dry_run).await.map_err(|e| e.to_string());
                // After a cut, an anchor pins the new beginning and head outside the database.
                let anker = match &bericht {
                    Ok(b) if !dry_run && b.zugriffsprotokoll_zeilen > 0 => {
                        Some(anker_setzen(&db, &schluessel, &datei).await)
                    }
                    _ => None,
                };
                db.schliessen().await;
                let bericht = bericht?;
                if let Some(a) = anker {
                    a?;
                }
                if json {
                    println!("{}", serde_json::to_string_pretty(&bericht).map_err(|e| e.to_string())?);
                } else {
                    bericht_ausgeben(&bericht);
                }
                Ok(ExitCode::SUCCESS)
            })
        }
    }
}

fn fristen_ausgeben(f: &Fristen) {
    println!("Aufbewahrungsfristen (Beginn: Ende des Kalenderjahres der Abmeldung bzw. des Eintrags)");
    for k in Datenkategorie::ALLE {
        println!("\n{}", k.label());
        for r in [Rechtskreis::SgbIII, Rechtskreis::SgbII] {
            let x = f.fuer(k, r);
            let art = if x.pflicht { "Aufbewahrungspflicht" } else { "solange erforderlich" };
            println!("  {}: {} Jahre ({art}) — {}", r.label(), x.jahre, x.rechtsgrundlage);
        }
    }
    for (art, name) in
        [(Protokollart::Zugriffsprotokoll, "Zugriffsprotokoll"), (Protokollart::Suchprotokoll, "Suchprotokoll")]
    {
        let x = f.protokoll(art);
        println!("\n{name}\n  {} Jahre — {}", x.jahre, x.rechtsgrundlage);
    }
}

fn bericht_ausgeben(b: &Loeschbericht) {
    let art = if b.trocken { "Probelauf, nichts wurde geändert" } else { "durchgeführt" };
    println!("Löschlauf zum Stichtag {} ({art})", de(b.stichtag));
    println!("  Fälle geprüft (nicht gemeldet oder eingeschränkt): {}", b.faelle_geprueft);
    println!("  Fälle vollständig gelöscht (mit Name und Meldungen): {}", b.faelle_geloescht);
    for k in &b.kategorien {
        println!("  {} gelöscht", k.text());
    }
    println!("  Zugriffsprotokoll: {} gelöscht", anzahl(b.zugriffsprotokoll_zeilen, "Eintrag", "Einträge"));
    println!("  Suchprotokoll: {} gelöscht", anzahl(b.suchprotokoll_zeilen, "Eintrag", "Einträge"));
    println!("  Löschanträge (Art. 17 DSGVO) vollständig erledigt: {}", b.loeschantraege_erledigt);
    println!("  Eingeschränkt statt gelöscht (Art. 18 DSGVO): {}", anzahl(b.faelle_eingeschraenkt, "Fall", "Fälle"));
    println!("  Einschränkungen aufgehoben: {}", b.einschraenkungen_aufgehoben);
}
