//! §8.4 on the case: a match becomes a Vermittlungsvorschlag, a proposal takes its next step with
//! the employer's feedback (F1, F2 step 3), and the inputs the Bewerberprofil needs beyond the
//! Fallakte. The section itself is part of the Kundenakte (`teile/treffer_akte.html`); a refused
//! form shows the Kundenakte again with the message in that form (422, input kept).

pub mod bild;

use axum::Router;
use axum::extract::State;
use axum::routing::post;
use vierphasen_app::AppFehler;
use vierphasen_app::fall::{Vermittlungsangaben, VorschlagAenderung, VorschlagEingabe, VorschlagStatus};
use vierphasen_app::konto::Angemeldet;
use vierphasen_domain::KundeId;

use self::bild::Abgelehnt;
use super::gespeichert::Gespeichert;
use super::{FallPfad, FallZeile, Formular, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, beschriften, weiter_zu};
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new()
        .route("/kunden/{id}/vorschlaege", post(vorschlagen))
        .route("/kunden/{id}/vorschlaege/{vid}", post(vorschlag_aendern))
        .route("/kunden/{id}/vermittlungsangaben", post(angaben))
}

/// The use case's field names as input ids of the form `form` (`status` → `vorschlag-3-status`).
fn ids_der_form(mut r: Rueckmeldung, form: &str) -> Rueckmeldung {
    for f in &mut r.fehler {
        f.id = format!("{form}-{}", f.id);
    }
    r
}

/// The Kundenakte again with the refusal in the form it came from.
async fn akte_mit(
    b: &Angemeldet,
    z: &Zustand,
    kunde: KundeId,
    fehler: AppFehler,
    ort: String,
    f: Formular,
) -> SeitenErgebnis {
    let rueckmeldung = Rueckmeldung::aus(fehler)?;
    let akte = z.app.akte_lesen(&b.akteur, kunde, None).await?;
    Ok(super::kunden::aktenseite(b, z, &akte, None, Abgelehnt { ort, rueckmeldung, f }))
}

/// A match becomes a Vermittlungsvorschlag (S12: open strategies never block it). From the
/// candidates of a posting (`von=stelle`) the browser returns there.
async fn vorschlagen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    f: Formular,
) -> SeitenErgebnis {
    let stelle_id = f.zahl::<i64>("stelle_id", "Stelle")?.ok_or(AppFehler::NichtGefunden("Die Stelle"))?;
    let von_stelle = f.wert("von") == Some("stelle");
    match z.app.vorschlag_anlegen(&b.akteur, id, VorschlagEingabe { stelle_id }).await {
        Ok(_) if von_stelle => {
            Ok(weiter_zu(&(Gespeichert::Vorschlag.nach(format!("/stellen/{stelle_id}")) + "#bewerber")))
        }
        Ok(_) => Ok(weiter_zu(&(Gespeichert::Vorschlag.nach(format!("/kunden/{id}")) + "#vorschlaege"))),
        Err(e) => {
            // The summary links to the button of this match.
            let mut r = Rueckmeldung::aus(e)?;
            let knopf = if von_stelle { format!("vorschlag-kunde-{id}") } else { format!("vorschlag-neu-{stelle_id}") };
            for fe in &mut r.fehler {
                fe.id = knopf.clone();
            }
            if von_stelle {
                return super::stellen::detail_mit(&b, &z, stelle_id, r).await;
            }
            let akte = z.app.akte_lesen(&b.akteur, id, None).await?;
            let a = Abgelehnt { ort: "treffer".into(), rueckmeldung: r, f };
            Ok(super::kunden::aktenseite(&b, &z, &akte, None, a))
        }
    }
}

/// The next step of a proposal (only the allowed ones: vorgeschlagen → beworben →
/// Vorstellungsgespräch → eingestellt, abgelehnt with a reason) or the employer's feedback.
async fn vorschlag_aendern(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallZeile(id, vid): FallZeile,
    f: Formular,
) -> SeitenErgebnis {
    let form = format!("vorschlag-{vid}");
    let ergebnis = match f.wert("status").and_then(VorschlagStatus::aus_id) {
        Some(status) => {
            let aenderung = VorschlagAenderung {
                status,
                ablehnungsgrund: f.wert("ablehnungsgrund").map(str::to_owned),
                rueckmeldung: f.wert("rueckmeldung").map(str::to_owned),
            };
            z.app.vorschlag_aendern(&b.akteur, id, vid, aenderung).await.map(|_| ())
        }
        None => Err(AppFehler::ungueltig("status", "Bitte einen Status aus der Liste wählen")),
    };
    match ergebnis {
        Ok(()) => Ok(weiter_zu(&(Gespeichert::VorschlagStatus.nach(format!("/kunden/{id}")) + "#vorschlaege"))),
        Err(e) => {
            let r = ids_der_form(Rueckmeldung::aus(e)?, &form);
            let namen = [
                (format!("{form}-status"), "Neuer Status"),
                (format!("{form}-ablehnungsgrund"), "Ablehnungsgrund"),
                (format!("{form}-rueckmeldung"), "Rückmeldung des Arbeitgebers"),
            ];
            let namen: Vec<(&str, &str)> = namen.iter().map(|(i, l)| (i.as_str(), *l)).collect();
            let r = beschriften(r, &namen);
            let akte = z.app.akte_lesen(&b.akteur, id, None).await?;
            Ok(super::kunden::aktenseite(&b, &z, &akte, None, Abgelehnt { ort: form, rueckmeldung: r, f }))
        }
    }
}

fn angaben_lesen(f: &Formular) -> Result<Vermittlungsangaben, AppFehler> {
    let arbeitszeit = f.alle("arbeitszeit").join(",");
    Ok(Vermittlungsangaben {
        arbeitszeit: (!arbeitszeit.is_empty()).then_some(arbeitszeit),
        verfuegbar_ab: f.datum("verfuegbar_ab", "Verfügbar ab")?,
        umkreis_km: f.zahl("umkreis_km", "Umkreis")?,
    })
}

/// Working time, availability and commuting radius of the Bewerberprofil (§8.4).
async fn angaben(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    f: Formular,
) -> SeitenErgebnis {
    let ergebnis = match angaben_lesen(&f) {
        Ok(a) => z.app.vermittlungsangaben_setzen(&b.akteur, id, a).await,
        Err(e) => Err(e),
    };
    match ergebnis {
        Ok(()) => Ok(weiter_zu(&(Gespeichert::Vermittlungsangaben.nach(format!("/kunden/{id}")) + "#vermittlung"))),
        Err(e) => akte_mit(&b, &z, id, e, "angaben".into(), f).await,
    }
}
