//! The JSON API under /api/v1: routes collected with their OpenAPI description (utoipa).

mod aufbewahrung;
pub mod auftraege;
pub mod betrieb;
mod dokument;
pub mod kunden;
pub mod phasen;
pub mod totp;
pub mod uebergaben;
pub mod vermittlung;
pub mod verwaltung;

use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::anmeldung;
use crate::zustand::Zustand;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "vierphasen",
        description = "4-Phasen-Modell der Integrationsarbeit: Fälle, Profiling, Ziele, Strategien, \
                       Eingliederungsvereinbarungen, Beratungsvermerke, Folgegespräche. Fehler als RFC 9457 \
                       problem+json mit deutschem `detail` und den Regel-IDs (DOMAIN.md).",
        license(name = "EUPL-1.2")
    ),
    modifiers(&Sicherheit),
    security(("sitzung" = []), ("token" = [])),
    tags(
        (name = "Anmeldung", description = "Sitzung (Cookie), zweiter Faktor (TOTP) und API-Tokens"),
        (name = "Kunden", description = "Kunden und Fallakte"),
        (name = "Phasen", description = "Profiling, Ziel, Strategien, Eingliederungsvereinbarung, Beratungsvermerke, Gespräche"),
        (name = "Betrieb", description = "Einwilligungen, Termine, Export, Auskunft und Zugriffsprotokoll"),
        (name = "Fachdienste", description = "Aufträge an Ärztlichen Dienst, Berufspsychologischen Service, Technischen Beratungsdienst, BiZ und ZAV: Erteilung, Posteingang, Bearbeitungsschritte und Ergebnis (U2–U8)"),
        (name = "Übergabe", description = "Rechtskreiswechsel und Übergabe SGB III → SGB II an das Jobcenter mit Übergabepaket, Übernahme und örtlichem Übergabestandard (U1)"),
        (name = "Verwaltung", description = "Zuständigkeit, Sperre, Dienststelle, Teams, Benutzer und Vertretungen"),
        (name = "Datenschutz", description = "Aufbewahrungsfristen, Aufbewahrungsanordnungen, Löschanträge (Art. 17 DSGVO) und Löschläufe"),
        (name = "Matching", description = "Stellenangebote, Matching in beide Richtungen, Vermittlungsvorschläge, BAC (§8.4)"),
    )
)]
struct ApiDoc;

struct Sicherheit;

impl Modify for Sicherheit {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let c = openapi.components.get_or_insert_with(Default::default);
        c.add_security_scheme("sitzung", SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("__Host-vierphasen"))));
        c.add_security_scheme("token", SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()));
    }
}

/// The API's routes and its OpenAPI document (completed by [`dokument::vervollstaendigen`]).
pub fn teile() -> (axum::Router<Zustand>, utoipa::openapi::OpenApi) {
    let (routen, dok) = router().split_for_parts();
    (routen, dokument::vervollstaendigen(dok))
}

fn router() -> OpenApiRouter<Zustand> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(anmeldung::anmelden))
        .routes(routes!(anmeldung::abmelden))
        .routes(routes!(anmeldung::ich))
        .routes(routes!(anmeldung::tokens, anmeldung::token_erstellen))
        .routes(routes!(totp::status, totp::starten, totp::entfernen))
        .routes(routes!(totp::bestaetigen))
        .routes(routes!(anmeldung::token_widerrufen))
        .routes(routes!(kunden::anlegen, kunden::liste))
        .routes(routes!(kunden::lesen))
        .routes(routes!(kunden::meldung))
        .routes(routes!(kunden::abmeldung))
        .routes(routes!(kunden::erwerbstaetigkeit))
        .routes(routes!(phasen::profiling))
        .routes(routes!(phasen::profillage_vorschlag))
        .routes(routes!(phasen::ziel))
        .routes(routes!(phasen::strategie))
        .routes(routes!(phasen::strategie_anpassen))
        .routes(routes!(phasen::strategie_abschliessen))
        .routes(routes!(phasen::ev_entwerfen))
        .routes(routes!(phasen::ev_bearbeiten))
        .routes(routes!(phasen::ev_abschliessen))
        .routes(routes!(phasen::ev_aushaendigen))
        .routes(routes!(phasen::vorbefuellung))
        .routes(routes!(phasen::vermerk))
        .routes(routes!(phasen::nachtrag))
        .routes(routes!(phasen::gespraech))
        .routes(routes!(phasen::aktivitaet))
        .routes(routes!(phasen::werdegang))
        .routes(routes!(phasen::werdegang_entfernen))
        .routes(routes!(betrieb::einwilligung))
        .routes(routes!(betrieb::einwilligung_widerrufen))
        .routes(routes!(betrieb::bg_einwilligung))
        .routes(routes!(auftraege::erteilen))
        .routes(routes!(auftraege::posteingang))
        .routes(routes!(auftraege::lesen))
        .routes(routes!(auftraege::schritt))
        .routes(routes!(betrieb::termine))
        .routes(routes!(betrieb::termin))
        .routes(routes!(betrieb::termin_erledigt))
        .routes(routes!(betrieb::export))
        .routes(routes!(betrieb::auskunft))
        .routes(routes!(betrieb::protokoll))
        .routes(routes!(betrieb::ausnahmezugriff))
        .routes(routes!(betrieb::zugriffsbericht))
        .routes(routes!(betrieb::zugriffsprotokoll))
        .routes(routes!(verwaltung::zustaendigkeit))
        .routes(routes!(verwaltung::sperre))
        .routes(routes!(verwaltung::vertretungen, verwaltung::vertretung_eintragen))
        .routes(routes!(verwaltung::vertretung_beenden))
        .routes(routes!(uebergaben::rechtskreiswechsel))
        .routes(routes!(uebergaben::senden))
        .routes(routes!(uebergaben::liste))
        .routes(routes!(uebergaben::lesen))
        .routes(routes!(uebergaben::uebernehmen))
        .routes(routes!(uebergaben::zurueckziehen))
        .routes(routes!(uebergaben::standards, uebergaben::standard_setzen))
        .routes(routes!(aufbewahrung::ansicht))
        .routes(routes!(aufbewahrung::anordnen))
        .routes(routes!(aufbewahrung::aufheben))
        .routes(routes!(aufbewahrung::loeschantrag))
        .routes(routes!(aufbewahrung::loeschlaeufe))
        .routes(routes!(verwaltung::konfiguration, verwaltung::konfiguration_setzen))
        .routes(routes!(verwaltung::teams))
        .routes(routes!(verwaltung::benutzer, verwaltung::benutzer_anlegen))
        .routes(routes!(verwaltung::benutzer_deaktivieren))
        .routes(routes!(vermittlung::stellen, vermittlung::stelle_anlegen))
        .routes(routes!(vermittlung::stelle, vermittlung::stelle_aendern))
        .routes(routes!(vermittlung::bewerber))
        .routes(routes!(vermittlung::treffer))
        .routes(routes!(vermittlung::vorschlag))
        .routes(routes!(vermittlung::vorschlag_aendern))
        .routes(routes!(vermittlung::vermittlungsangaben))
        .routes(routes!(vermittlung::bac))
}
