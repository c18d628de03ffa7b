//! Issue 13/5, so that both sides of the Übergabe SGB III → SGB II have something true to do:
//! the Agentur and the Jobcenter Musterstadt have agreed a local standard; of the Agentur's
//! cases whose Arbeitslosengeld ends soon, one was sent four days ago and taken over today by
//! the Jobcenter's first VFK, one waits for nine days (escalated to the Teamleitung) and one was
//! sent today. All through the use cases; only the sending days are set back.

use chrono::Days;
use vierphasen_domain::KundeId;
use vierphasen_domain::zugriff::{Akteur, Rolle};
use vierphasen_store::sql;

use super::vorlagen::{DemoDienststelle, Demofall};
use crate::uebergabe::{UebergabeEingabe, UebergabestandardEingabe, UebernahmeEingabe};
use crate::{App, AppFehler};

const NOTIZEN: [&str; 3] = [
    "Profiling und Ziel sind aktuell. Bewerbungen laufen über die vereinbarten Strategien; ein Vorstellungsgespräch steht noch aus. Abschlussgespräch geführt, Hinweis auf die Antragsausgabe gegeben.",
    "Der Kunde sucht weiter im erlernten Beruf; die Weiterbildung ist beantragt, aber noch nicht bewilligt. Bitte im Erstgespräch SGB II die Förderung weiterverfolgen.",
    "Gruppeninformation besucht. Die Kundin ist gut vermittelbar; Mobilität innerhalb von 50 km vereinbart.",
];

/// Days ago the three handovers were sent (see the module documentation).
const GESENDET_VOR_TAGEN: [u64; 3] = [4, 9, 0];

/// Returns the number of SGB II cases the Übernahme opened.
pub(super) async fn vorfuehren(
    app: &App,
    agentur: &[Akteur],
    jobcenter: &[Akteur],
    faelle: &[Demofall],
    kunden: &[KundeId],
) -> Result<usize, AppFehler> {
    let (Some(erste), Some(jc_vfk)) = (agentur.first(), jobcenter.first()) else { return Ok(0) };
    let verwaltung = Akteur { rolle: Rolle::Admin, ..erste.clone() };
    app.uebergabestandard_setzen(
        &verwaltung,
        UebergabestandardEingabe {
            jobcenter_id: jc_vfk.dienststelle_id,
            uebernahme_tage: 5,
            erstgespraech_tage: 14,
            antragsausgabe: "Die Agentur vereinbart im Abschlussgespräch telefonisch einen Termin in der Eingangszone des Jobcenters (Mo–Fr 8–12 Uhr, Tel. 0800 4 5555 00) und gibt den Antrag mit.".into(),
        },
    )
    .await?;
    let mit_wechsel = faelle
        .iter()
        .zip(kunden)
        .filter(|(f, _)| f.dienststelle == DemoDienststelle::Agentur && f.akte.kunde.rechtskreiswechsel.is_some());
    let heute = app.heute();
    let mut neue_faelle = 0;
    for (((f, kunde), notiz), tage) in mit_wechsel.zip(NOTIZEN).zip(GESENDET_VOR_TAGEN) {
        let Some(vfk) = agentur.get(f.vfk) else { continue };
        let id = app
            .uebergabe_senden(
                vfk,
                *kunde,
                UebergabeEingabe { jobcenter_id: jc_vfk.dienststelle_id, notiz: notiz.into() },
            )
            .await?;
        let gesendet = heute.checked_sub_days(Days::new(tage)).unwrap_or(heute);
        let mut tx = app.db.begin().await?;
        sql!(&mut tx, ausfuehren "UPDATE uebergabe SET gesendet_um = $1 WHERE id = $2",
            gesendet.and_hms_opt(9, 30, 0).unwrap_or_default().and_utc(), id)?;
        tx.commit().await?;
        if tage == GESENDET_VOR_TAGEN[0]
            && !app.uebergabe_uebernehmen(jc_vfk, id, UebernahmeEingabe::default()).await?.verknuepft
        {
            neue_faelle += 1;
        }
    }
    Ok(neue_faelle)
}
