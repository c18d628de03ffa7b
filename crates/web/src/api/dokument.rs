//! The OpenAPI document as the server answers: every operation lists the refusals the layers in
//! front of its handler can send (401 without login, 403 CSRF or role, 404 for an id, 413/415/422
//! for a body, 500/503), every refusal as `application/problem+json`, and the server's base path.

use utoipa::openapi::path::Operation;
use utoipa::openapi::response::Response;
use utoipa::openapi::schema::Ref;
use utoipa::openapi::server::Server;
use utoipa::openapi::{Content, OpenApi, RefOr};

const PROBLEM: &str = "application/problem+json";

/// Completes the document collected from the handlers' annotations.
pub fn vervollstaendigen(mut dok: OpenApi) -> OpenApi {
    dok.servers = Some(vec![Server::new("/api/v1")]);
    for (pfad, eintrag) in dok.paths.paths.iter_mut() {
        let mit_id = pfad.contains('{');
        let anmeldung = pfad == "/anmeldung";
        let operationen = [
            eintrag.get.as_mut(),
            eintrag.put.as_mut(),
            eintrag.post.as_mut(),
            eintrag.delete.as_mut(),
            eintrag.patch.as_mut(),
        ];
        for op in operationen.into_iter().flatten() {
            ergaenzen(op, mit_id, anmeldung);
        }
    }
    dok
}

fn ergaenzen(op: &mut Operation, mit_id: bool, anmeldung: bool) {
    let mit_koerper = op.request_body.is_some();
    let mit_abfrage = op.parameters.as_ref().is_some_and(|p| !p.is_empty());
    let moeglich: [(&str, bool, &str); 9] = [
        ("401", !anmeldung, "Nicht angemeldet oder Sitzung abgelaufen"),
        ("403", true, "Nicht erlaubt (Rolle, Zuständigkeit) oder von fremder Seite (CSRF)"),
        ("404", mit_id, "Nicht gefunden (auch ein Fall, den die Benutzerin nicht sehen darf)"),
        ("413", mit_koerper, "Anfrage zu groß (höchstens 1 MiB)"),
        ("415", mit_koerper, "Falscher Medientyp (application/json erwartet)"),
        ("422", mit_koerper || mit_abfrage, "Ungültige Eingabe oder Regelverstoß"),
        ("429", anmeldung, "Zu viele Anmeldeversuche (Retry-After)"),
        ("500", true, "Interner Fehler (mit Anfragenummer)"),
        ("503", true, "Speicher vorübergehend nicht erreichbar"),
    ];
    for (status, gilt, text) in moeglich {
        if gilt {
            op.responses.responses.entry(status.to_string()).or_insert_with(|| RefOr::T(Response::new(text)));
        }
    }
    for (status, antwort) in op.responses.responses.iter_mut() {
        let RefOr::T(antwort) = antwort else { continue };
        if !status.starts_with('4') && !status.starts_with('5') {
            continue;
        }
        let schema = antwort
            .content
            .shift_remove("application/json")
            .and_then(|c| match c {
                RefOr::T(c) => c.schema,
                RefOr::Ref(_) => None,
            })
            .unwrap_or_else(|| RefOr::Ref(Ref::from_schema_name("Problem")));
        antwort.content.insert(PROBLEM.to_string(), RefOr::T(Content::new(Some(schema))));
    }
}
