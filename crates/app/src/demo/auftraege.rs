//! Issue 13/1, so that every Fachdienst of the demo has something true to do: earlier referrals
//! of the generated cases carry the service's result; for the first VFK, referrals are made today
//! through the use cases, as she and the services would: one answered by the Ärztlicher Dienst
//! (a result waiting for her), one the BPS has taken with an appointment, and new ones in the
//! inboxes of ÄD and TBD.

use chrono::NaiveDate;
use vierphasen_domain::KundeId;
use vierphasen_domain::fallakte::{
    Aktenteil, Auftrag, Auftragsergebnis, Auftragsschritt, Auftragsstatus, Einschraenkungsdauer, Einwilligungsumfang,
    Fragestellung, Leistungsbild,
};
use vierphasen_domain::zugriff::Akteur;

use super::vorlagen::{DemoDienststelle, Demofall};
use crate::fall::{AuftragEingabe, AuftragsschrittEingabe, EinwilligungEingabe, ErgebnisEingabe};
use crate::{App, AppFehler};

/// A referral of a generated case older than this many days has been answered and read.
pub(super) const BEANTWORTET_NACH_TAGEN: i64 = 45;

/// The answered state of a generated referral: the result a service of its kind gives.
pub(super) fn beantwortet(a: &mut Auftrag, antwort_am: NaiveDate) {
    let ergebnis = |text: &str| Auftragsergebnis {
        datum: antwort_am,
        format: None,
        leistungsbild: None,
        einschraenkungen: None,
        dauer: None,
        ger_niveau: None,
        merkmal: None,
        text: text.into(),
    };
    let e = match a.leistung.as_str() {
        "aed_begutachtung" => Auftragsergebnis {
            format: Some("aed_gutachten_aktenlage".into()),
            leistungsbild: Some(Leistungsbild::Vollschichtig),
            einschraenkungen: Some("Keine Tätigkeiten mit Heben und Tragen über 10 kg, keine Nachtschicht.".into()),
            dauer: Some(Einschraenkungsdauer::LaengerAlsSechsMonate),
            merkmal: Some("gesundheitliche_einschraenkungen".into()),
            ..ergebnis(
                "Leichte bis mittelschwere Tätigkeiten sind vollschichtig möglich, überwiegend im Sitzen oder im Wechsel.",
            )
        },
        "bps_deutsch_test" => Auftragsergebnis {
            ger_niveau: Some("B1".into()),
            merkmal: Some("sprachkenntnisse".into()),
            ..ergebnis("Deutschkenntnisse auf Niveau B1: Arbeitsanweisungen werden verstanden, schriftlich unsicher.")
        },
        _ => ergebnis("Stellungnahme liegt vor und wurde besprochen."),
    };
    a.ergebnis = Some(e);
    a.bearbeitet_von = Some("Fachdienst der Dienststelle".into());
    a.status = Auftragsstatus::ZurKenntnisGenommen;
}

/// The referrals of today (see the module documentation) in cases of `vfk`, the first VFK of
/// the Agentur, that have a Beratungsvermerk (U4) and no open referral.
pub(super) async fn vorfuehren(
    app: &App,
    vfk: &Akteur,
    fachdienste: &[Akteur],
    faelle: &[Demofall],
    kunden: &[KundeId],
    heute: NaiveDate,
) -> Result<(), AppFehler> {
    let dienst = |id: &str| fachdienste.iter().find(|a| a.fachdienst.as_deref() == Some(id));
    let (Some(aed), Some(bps)) = (dienst("aerztlicher_dienst"), dienst("berufspsychologischer_service")) else {
        return Ok(());
    };
    let mut passend = faelle.iter().zip(kunden).filter(|(f, _)| {
        f.dienststelle == DemoDienststelle::BEIDE[0]
            && f.vfk == 0
            && !f.akte.vermerke.is_empty()
            && f.akte.auftraege.iter().all(|a| !a.status.offen())
    });
    let eingabe = |datum, leistung: &str, fragestellung, anliegen: &str, freigabe: Vec<Aktenteil>| AuftragEingabe {
        datum,
        leistung: leistung.into(),
        fragestellung,
        anliegen: Some(anliegen.into()),
        freigabe,
        zav: None,
        bestaetigt: true,
    };
    let schritt = |schritt, termin, ergebnis| AuftragsschrittEingabe { schritt, text: None, termin, ergebnis };

    // ÄD: referred, taken, answered — the result waits for the VFK.
    if let Some((_, &kunde)) = passend.next() {
        let e = eingabe(
            heute,
            "aed_begutachtung",
            Fragestellung::VerfuegbarkeitErwerbsfaehigkeit,
            "Besteht für Tätigkeiten im Lager und in der Produktion ein vollschichtiges Leistungsvermögen?",
            vec![Aktenteil::Profiling, Aktenteil::Beratungsvermerke],
        );
        let id = app.auftrag_erteilen(vfk, kunde, e).await?.id;
        app.auftrag_schritt(aed, kunde, id, schritt(Auftragsschritt::Annehmen, None, None)).await?;
        let ergebnis = ErgebnisEingabe {
            format: Some("aed_gutachten_aktenlage".into()),
            leistungsbild: Some(Leistungsbild::UnterSechsStunden),
            einschraenkungen: Some(
                "Kein Heben und Tragen über 5 kg, keine Zwangshaltungen, keine Nachtschicht.".into(),
            ),
            dauer: Some(Einschraenkungsdauer::LaengerAlsSechsMonate),
            ger_niveau: None,
            merkmal: Some("gesundheitliche_einschraenkungen".into()),
            text: "Nach Aktenlage leichte Tätigkeiten 3 bis unter 6 Stunden täglich, überwiegend im Sitzen.".into(),
        };
        app.auftrag_schritt(aed, kunde, id, schritt(Auftragsschritt::ErgebnisMitteilen, None, Some(ergebnis))).await?;
    }
    // BPS: with the customer's consent (U6), taken, an appointment for the test.
    if let Some((_, &kunde)) = passend.next() {
        let einwilligung =
            EinwilligungEingabe { umfang: Einwilligungsumfang::BerufspsychologischerService, erteilt_am: heute };
        app.einwilligung_erteilen(vfk, kunde, einwilligung).await?;
        let e = eingabe(
            heute,
            "bps_deutsch_test",
            Fragestellung::Sonstige,
            "Welches Sprachniveau liegt vor? Reicht es für einen Integrationskurs mit Berufsbezug?",
            vec![Aktenteil::Profiling, Aktenteil::Werdegang],
        );
        let id = app.auftrag_erteilen(vfk, kunde, e).await?.id;
        app.auftrag_schritt(bps, kunde, id, schritt(Auftragsschritt::Annehmen, None, None)).await?;
        let termin = heute + chrono::Days::new(7);
        app.auftrag_schritt(bps, kunde, id, schritt(Auftragsschritt::Bearbeiten, Some(termin), None)).await?;
    }
    // Waiting in the inboxes of the ÄD (past its service level: referred 25 days ago, after the
    // Vermerk U4 asks for) and of the TBD (new).
    if let Some((f, &kunde)) = passend.next() {
        let erster_vermerk = f.akte.vermerke.iter().map(|v| v.datum).min().unwrap_or(heute);
        let e = eingabe(
            (heute - chrono::Days::new(25)).max(erster_vermerk),
            "aed_sozialmedizinische_beratung",
            Fragestellung::VerfuegbarkeitErwerbsfaehigkeit,
            "Rückenbeschwerden seit einem Jahr: Welche Tätigkeiten sind möglich?",
            vec![Aktenteil::Profiling, Aktenteil::Beratungsvermerke],
        );
        app.auftrag_erteilen(vfk, kunde, e).await?;
    }
    if let Some((_, &kunde)) = passend.next() {
        let e = eingabe(
            heute,
            "tbd_kompensation",
            Fragestellung::Sonstige,
            "Hörminderung: Welche technischen Hilfen am Arbeitsplatz im Büro kommen in Frage?",
            vec![Aktenteil::Werdegang, Aktenteil::ZielUndStrategien],
        );
        app.auftrag_erteilen(vfk, kunde, e).await?;
    }
    Ok(())
}
