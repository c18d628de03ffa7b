//! Issue 17/6 in the browser's and the API client's view: the Datenschutz reads a case's
//! retention plan with periods and legal bases, records an Art. 17 request and a legal hold
//! (bad input answered in German, what was typed kept), and reads the deletion runs; nobody
//! else reaches these pages.

use hyper::{Method, StatusCode};
use serde_json::json;

use crate::gemeinsam::{konten, spawn_apps};

#[tokio::test]
async fn datenschutz_verwaltet_aufbewahrung_und_loeschantrag() {
    for t in spawn_apps().await {
        konten(&t).await;
        let vfk = t.anmelden("vfk").await;
        let neu =
            json!({ "vorname": "Test", "nachname": "Lohmann", "geburtsdatum": "1980-05-05", "rechtskreis": "SGB_III" });
        let id = t.anfrage(Method::POST, "/api/v1/kunden", Some(neu), Some(&vfk)).await.json["id"].as_i64().unwrap();
        let ds = t.anmelden("datenschutz").await;
        let pfad = format!("/kunden/{id}/aufbewahrung");

        let seite = t.seite(&pfad, &ds).await;
        assert_eq!(seite.status, StatusCode::OK, "{}", t.name);
        let text = seite.sichtbar();
        assert!(
            text.contains("Beratungsvermerke mit Nachträgen") && text.contains("5 Jahre (Aufbewahrungspflicht)"),
            "{text}"
        );
        assert!(text.contains("gemeldet: die Frist läuft erst nach der Abmeldung"), "{text}");
        assert!(text.contains("§ 84 Abs. 2 SGB X"), "the legal basis is named: {text}");
        // The VFK does not reach the page (the Datenschutz manages retention).
        assert_eq!(t.seite(&pfad, &vfk).await.status, StatusCode::FORBIDDEN, "{}", t.name);

        // A request dated in the future, a hold without its proceedings: the page again, in German.
        let f = t.absenden(&format!("{pfad}/loeschantrag"), &[("eingegangen_am", "2999-01-01")], &ds).await;
        assert_eq!(f.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", t.name);
        assert!(f.sichtbar().contains("nicht in der Zukunft"), "{}", f.sichtbar());
        let f = t.absenden(&format!("{pfad}/anordnung"), &[("grund", "sonstiges")], &ds).await;
        assert!(f.sichtbar().contains("bitte das Verfahren benennen"), "{}", f.sichtbar());
        assert!(f.text.contains(r#"value="sonstiges" checked"#), "the choice is kept");

        let heute = chrono::Utc::now().date_naive().to_string();
        let ok = t.absenden(&format!("{pfad}/loeschantrag"), &[("eingegangen_am", heute.as_str())], &ds).await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", t.name);
        let ok = t
            .absenden(
                &format!("{pfad}/anordnung"),
                &[("grund", "klageverfahren"), ("aktenzeichen", "S 7 AL 12/26")],
                &ds,
            )
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER);
        let seite = t.seite(ok.weiter(), &ds).await;
        let text = seite.sichtbar();
        assert!(text.contains("Die Aufbewahrungsanordnung wurde gespeichert"), "{text}");
        assert!(text.contains("Klageverfahren vor dem Sozialgericht") && text.contains("S 7 AL 12/26"), "{text}");
        assert!(text.contains("Erfasste Anträge, eingegangen am"), "{text}");

        // The API answers the same plan; the runs list is the Datenschutz's.
        let plan = t.anfrage(Method::GET, &format!("/api/v1/kunden/{id}/aufbewahrung"), None, Some(&ds)).await;
        assert_eq!(plan.json["plan"][0]["verfuegung"]["stand"], "laeuft", "{}", plan.json);
        assert_eq!(plan.json["anordnungen"][0]["grund"], "klageverfahren");
        let laeufe = t.seite("/verwaltung/loeschlaeufe", &ds).await;
        assert!(laeufe.sichtbar().contains("Es hat noch kein Löschlauf stattgefunden."), "{}", laeufe.sichtbar());
        assert_eq!(t.seite("/verwaltung/loeschlaeufe", &vfk).await.status, StatusCode::FORBIDDEN);
        t.aufraeumen().await;
    }
}
