//! Issue 15/7: the `maxlength` of a text field drawn by the shared templates (`teile/feld.html`,
//! the macros of `teile/verwaltung_felder.html` and `teile/folgegespraech_felder.html`), by the
//! field's name. The numbers are those the use cases check (`vierphasen_app::grenzen`); 0: not a
//! free text (a date, a number, a password with its own policy).

use vierphasen_app::grenzen as g;

/// The limit of the field `feld` (a name like `kontakt.ort`, `aufgaben[2].grund` or the id
/// `schritt1-aufgaben-0-grund`: its last word decides).
pub fn hoechstlaenge(feld: &str) -> usize {
    let wort = feld
        .rsplit(['.', '-', '[', ']'])
        .find(|t| !t.is_empty() && !t.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or(feld);
    match wort {
        "vorname" | "nachname" => g::NAME,
        "bedarfsgemeinschaft" => g::BG_NUMMER,
        "kundennummer" | "suche" | "zweck" | "raum" | "land" | "telefon" => g::ZEILE,
        "name" | "team_name" | "bezeichnung" | "ls_bezeichnung" | "aktenzeichen" | "traeger" | "email" | "ort" => {
            g::BEZEICHNUNG
        }
        "login" => g::LOGIN,
        "refnr" => g::STELLE_REFNR,
        "titel" | "arbeitgeber" | "verguetung" => g::STELLE_TEXT,
        // An agreement of the Folgegespräch (`schritt4.vereinbarungen[i].text`).
        "text" if feld.contains("vereinbarungen") => g::KURZTEXT,
        // An activity (F4); a posting's description is a text area of its own.
        "beschreibung" => g::KURZTEXT,
        "nachweis" | "grund" => g::NOTIZ,
        "aufgabe" | "erfolge_misserfolge" | "folgeschritte" | "anpassungen" | "bewerbungsaktivitaeten" => g::ABSATZ,
        _ => 0,
    }
}
