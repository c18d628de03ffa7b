//! The Dienststelle's letterhead and data protection officer (Administration): refused input
//! keeps what was typed, the saved values show to the Administration and (read-only) to others,
//! and a document made afterwards carries them.

use hyper::StatusCode;

use crate::gemeinsam::{konten, spawn_apps};

#[tokio::test]
async fn briefkopf_und_datenschutzbeauftragte() {
    for t in spawn_apps().await {
        konten(&t).await;
        let admin = t.anmelden("admin").await;
        let pfad = "/verwaltung/briefkopf";
        let s = t.seite(pfad, &admin).await;
        assert_eq!(s.status, StatusCode::OK);
        assert!(s.text.contains(r#"<textarea class="kern-form-input__input" id="anschrift""#), "{}", s.text);

        let felder = [
            ("anschrift", "Friedrich-Ebert-Straße 10\r\n34117 Kassel"),
            ("telefon", "0561 701-0"),
            ("email", "kassel.at.arbeitsagentur"),
            ("ort", "Kassel"),
            ("datenschutzbeauftragter", "Frau Dr. Weber, datenschutz.kassel@arbeitsagentur.example"),
        ];
        let s = t.absenden(pfad, &felder, &admin).await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(s.sichtbar().contains("E-Mail: keine E-Mail-Adresse"), "{}", s.sichtbar());
        assert!(s.text.contains(r#"value="kassel.at.arbeitsagentur""#) && s.text.contains("34117 Kassel</textarea>"));

        let mut felder = felder;
        felder[2].1 = "kassel@arbeitsagentur.example";
        let s = t.absenden(pfad, &felder, &admin).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER);
        assert_eq!(s.weiter(), "/verwaltung/briefkopf?erledigt=briefkopf");
        let text = t.seite(s.weiter(), &admin).await.sichtbar();
        assert!(text.contains("Briefkopf und Datenschutzangaben wurden gespeichert."), "{text}");

        // Others see the values, without a form.
        let vfk = t.anmelden("vfk").await;
        let s = t.seite(pfad, &vfk).await;
        assert!(!s.text.contains("<form method=\"post\" action=\"/verwaltung/briefkopf\""));
        let text = s.sichtbar();
        assert!(text.contains("Friedrich-Ebert-Straße 10") && text.contains("Frau Dr. Weber"), "{text}");
        t.aufraeumen().await;
    }
}
