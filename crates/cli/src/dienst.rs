//! `vierphasen serve` (HTTP server, worker, optional demo data) and `vierphasen user add`.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Subcommand};
use vierphasen_app::konto::NeuerBenutzer;
use vierphasen_domain::zugriff::Rolle;
use vierphasen_web::Einstellungen;

use crate::datenbank::{DbArg, app, laufzeit};
use crate::protokollsicherung::{Ankertakt, anker_setzen, anker_starten};

#[derive(Debug, Args)]
pub struct Serve {
    /// Adresse und Port.
    #[arg(long, default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    #[command(flatten)]
    db: DbArg,
    /// Demo-Dienststellen, -Benutzer und -Kunden anlegen, wenn die Datenbank leer ist.
    #[arg(long)]
    demo: bool,
    /// Wird über HTTPS ausgeliefert (z. B. hinter einem Reverse Proxy): sicheres `__Host-`-Cookie auch
    /// auf einer Loopback-Adresse. Ohne Loopback-Adresse ist das Cookie immer sicher.
    #[arg(long)]
    https: bool,
    #[command(flatten)]
    takt: Ankertakt,
    /// Gültigkeit neuer API-Tokens in Tagen (Tokens brauchen keinen zweiten Faktor, laufen aber ab).
    #[arg(long, default_value_t = 90, value_parser = clap::value_parser!(u16).range(1..=3650))]
    token_tage: u16,
}

#[derive(Debug, Subcommand)]
pub enum User {
    /// Legt ein Benutzerkonto an (Passwort aus VIERPHASEN_PASSWORT oder von der Standardeingabe).
    Add {
        #[arg(long)]
        login: String,
        #[arg(long)]
        name: String,
        /// vfk, teamleitung, fachdienst, admin, datenschutz
        #[arg(long)]
        rolle: String,
        #[arg(long)]
        dienststelle: i64,
        #[arg(long)]
        team: Option<i64>,
        /// Nur für die Rolle fachdienst: aerztlicher_dienst, berufspsychologischer_service oder
        /// technischer_beratungsdienst
        #[arg(long)]
        fachdienst: Option<String>,
        #[command(flatten)]
        db: DbArg,
    },
}

fn protokollierung() {
    // Logs carry no personal data: ids and rule ids at most (Privacy by default).
    let filter = tracing_subscriber::EnvFilter::try_from_env("VIERPHASEN_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let farbe = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_ansi(farbe)
        .with_writer(std::io::stderr)
        .try_init();
}

pub fn serve(s: Serve) -> Result<ExitCode, String> {
    protokollierung();
    laufzeit()?.block_on(async {
        let mut app = app(&s.db).await?;
        app.token_gueltigkeit = chrono::TimeDelta::days(i64::from(s.token_tage));
        let zugaenge = if s.demo {
            match vierphasen_app::demo::einrichten(&app, app.heute()).await {
                Ok(z) => Some(z),
                // Started before with --demo (or a real database): keep what is there.
                Err(vierphasen_app::AppFehler::Konflikt(_)) => {
                    println!(
                        "Die Datenbank enthält bereits Daten; Demo-Daten werden nicht erneut angelegt \
                         (Demo-Anmeldungen wie beim ersten Start, Passwort: {}).",
                        vierphasen_app::demo::PASSWORT
                    );
                    None
                }
                Err(e) => return Err(e.to_string()),
            }
        } else {
            None
        };
        let arbeiter = vierphasen_app::arbeiter::arbeiter_starten(app.clone(), Duration::from_secs(5));
        // Issue 17/4: checkpoints of the access log outside the database, and one at shutdown.
        let url = s.db.url();
        let schluessel = s.db.protokoll.schluessel_anlegen(&url)?;
        let ankerdatei = s.db.protokoll.anker_datei(&url, &schluessel);
        let ankerschreiber = anker_starten(app.db.clone(), schluessel.clone(), ankerdatei.clone(), s.takt);
        let einstellungen = Einstellungen { cookie_sicher: s.https || !s.bind.ip().is_loopback() };
        let (adresse, lauf) = vierphasen_web::starten(app.clone(), s.bind, einstellungen)
            .await
            .map_err(|e| format!("{}: {e}", s.bind))?;
        println!("vierphasen läuft: http://{adresse}/  (API: http://{adresse}/api/v1/docs)");
        if let Some(z) = zugaenge {
            zugaenge_ausgeben(&z);
        }
        println!("Beenden mit Strg+C.");
        let ergebnis = lauf.await.map_err(|e| e.to_string())?;
        arbeiter.abort();
        ankerschreiber.abort();
        if let Err(e) = anker_setzen(&app.db, &schluessel, &ankerdatei).await {
            eprintln!("Abschlussanker nicht geschrieben: {e}");
        }
        app.db.schliessen().await;
        ergebnis.map_err(|e| e.to_string())?;
        Ok(ExitCode::SUCCESS)
    })
}

fn zugaenge_ausgeben(z: &vierphasen_app::demo::DemoZugaenge) {
    println!("Demo-Daten: {} Kunden. Anmeldungen (Passwort für alle: {}):", z.kunden, z.passwort);
    for (login, rolle, dienststelle) in &z.logins {
        println!("  {login:<26} {rolle:<22} {dienststelle}");
    }
    println!(
        "Zweiter Faktor: in den Demo-Dienststellen nicht vorgeschrieben (Anmeldung nur mit Passwort); \
         einrichten unter „Mein Profil“, vorschreiben als Administration unter „Verwaltung“."
    );
}

/// `vierphasen demo`: the demo Dienststellen, users and customers in an empty database.
pub fn demo(db: DbArg) -> Result<ExitCode, String> {
    laufzeit()?.block_on(async {
        let app = app(&db).await?;
        let z = vierphasen_app::demo::einrichten(&app, app.heute()).await.map_err(|e| e.to_string())?;
        zugaenge_ausgeben(&z);
        Ok(ExitCode::SUCCESS)
    })
}

pub fn user(u: User) -> Result<ExitCode, String> {
    let User::Add { login, name, rolle, dienststelle, team, fachdienst, db } = u;
    let rolle: Rolle =
        rolle.parse().map_err(|e| format!("--rolle: {e} (vfk, teamleitung, fachdienst, admin, datenschutz)"))?;
    let passwort = match std::env::var("VIERPHASEN_PASSWORT") {
        Ok(p) => p,
        Err(_) => {
            let mut zeile = String::new();
            std::io::stdin().read_line(&mut zeile).map_err(|e| e.to_string())?;
            zeile.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    laufzeit()?.block_on(async {
        let app = app(&db).await?;
        let id = app
            .benutzer_anlegen(
                None,
                dienststelle,
                NeuerBenutzer { login, name, rolle, team_id: team, passwort, fachdienst },
            )
            .await
            .map_err(|e| e.to_string())?;
        println!("Benutzer {id} angelegt.");
        Ok(ExitCode::SUCCESS)
    })
}
