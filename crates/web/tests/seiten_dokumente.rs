//! The documents as PDF downloads on the demo data: the Eingliederungsvereinbarung, a
//! Beratungsvermerk and the Art. 15 Auskunft come as PDF/UA files; each print is in the access log
//! with its purpose (D3); another Dienststelle's VFK gets the same 404 as for a missing case.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::gemeinsam;

use crate::gemeinsam::{TestApp, spawn_apps};
use hyper::{Method, StatusCode};

async fn anmelden(t: &TestApp, login: &str, passwort: &str) -> String {
    let s = t.absenden("/anmelden", &[("login", login), ("passwort", passwort), ("weiter", "/")], "").await;
    assert_eq!(s.status, StatusCode::SEE_OTHER, "{}", s.sichtbar());
    s.kopf.get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_string()
}

fn ist_pdf_ua(s: &gemeinsam::Seite) {
    assert_eq!(s.status, StatusCode::OK, "{}", s.text.chars().take(300).collect::<String>());
    assert_eq!(s.kopf.get("content-type").unwrap(), "application/pdf");
    assert!(s.kopf.get("content-disposition").unwrap().to_str().unwrap().starts_with("attachment"));
    assert!(s.text.starts_with("%PDF-"));
    assert!(s.text.contains("pdfuaid:part"), "PDF/UA-Kennung fehlt");
}

async fn zwecke(t: &TestApp, kunde_id: i64) -> Vec<String> {
    let mut tx = t.db().begin().await.unwrap();
    vierphasen_store::sql!(&mut tx, zeilen<(String,)> "SELECT zweck FROM zugriffsprotokoll WHERE kunde_id = $1 ORDER BY id", kunde_id)
        .unwrap()
        .into_iter()
        .map(|(z,)| z)
        .collect()
}

#[tokio::test]
async fn vereinbarung_vermerk_und_auskunft_als_pdf() {
    for t in spawn_apps().await {
        let demo = vierphasen_app::demo::einrichten(&t.app, t.app.heute()).await.unwrap();
        let cookie = anmelden(&t, "vfk.agentur1", &demo.passwort).await;
        let liste = t.anfrage(Method::GET, "/api/v1/kunden?meine=true", None, Some(&cookie)).await;
        // A case of hers with a signed EV and a Vermerk.
        let mut gefunden = None;
        for k in liste.json.as_array().unwrap() {
            let id = k["id"].as_i64().unwrap();
            let akte = t.anfrage(Method::GET, &format!("/api/v1/kunden/{id}"), None, Some(&cookie)).await.json;
            let ev = akte["ids"]["eingliederungsvereinbarungen"].as_array().unwrap().last().and_then(|v| v.as_i64());
            let vermerk = akte["ids"]["vermerke"].as_array().unwrap().first().and_then(|v| v.as_i64());
            if let (Some(ev), Some(vermerk)) = (ev, vermerk) {
                gefunden = Some((id, ev, vermerk));
                break;
            }
        }
        let (id, ev, vermerk) = gefunden.expect("Demo-Fall mit EV und Vermerk");

        ist_pdf_ua(&t.seite(&format!("/kunden/{id}/ev/{ev}/pdf"), &cookie).await);
        ist_pdf_ua(&t.seite(&format!("/kunden/{id}/vermerk/{vermerk}/pdf"), &cookie).await);
        ist_pdf_ua(&t.seite(&format!("/kunden/{id}/auskunft/pdf"), &cookie).await);
        let z = zwecke(&t, id).await;
        for zweck in ["Druck Eingliederungsvereinbarung", "Druck Beratungsvermerk", "Auskunft Art. 15"] {
            assert!(z.iter().any(|x| x == zweck), "{}: {zweck} fehlt in {z:?}", t.name);
        }
        // An EV id of another case, and a case of another Dienststelle: not found.
        assert_eq!(t.seite(&format!("/kunden/{id}/ev/999999/pdf"), &cookie).await.status, StatusCode::NOT_FOUND);
        let fremd = anmelden(&t, "vfk.jobcenter1", &demo.passwort).await;
        let fremde = t.seite(&format!("/kunden/{id}/ev/{ev}/pdf"), &fremd).await;
        let fehlend = t.seite(&format!("/kunden/999999/ev/{ev}/pdf"), &fremd).await;
        assert_eq!(fremde.status, StatusCode::NOT_FOUND);
        assert_eq!(fremde.text, fehlend.text);
        t.aufraeumen().await;
    }
}
