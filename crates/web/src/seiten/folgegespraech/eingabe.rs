//! The submitted Folgegespräch form read into the use case's input: the F1 checklist, the four
//! F2 steps and the next appointment (K1). What the form itself can check (dates, an answer for
//! every EV task, a text for every agreement) is reported per field; the rules (F2, Z7, P4, K1,
//! P10) are the use case's.

use chrono::NaiveDate;
use vierphasen_app::AppFehler;
use vierphasen_app::fall::{GespraechEingabe, HOECHSTENS_EINTRAEGE};
use vierphasen_app::grenzen;
use vierphasen_domain::fallakte::{
    Aufgabe, Aufgabenpruefung, Folgegespraech, Gespraechsart, Schritt1, Schritt2, Schritt3, Schritt4, Verantwortlich,
    Vorbereitung,
};

use crate::fehlerart::einordnen;
use crate::seiten::Formular;
use crate::seiten::formular::{Feldfehler, feld_id};

/// More rows than any conversation has; guards against crafted indices.
const MAX_ZEILEN: usize = HOECHSTENS_EINTRAEGE;
/// Free texts of an agreement (like a task of the EV).
const MAX_TEXT: usize = grenzen::KURZTEXT;

/// The F1 checklist: field name and the seed's wording.
pub const VORBEREITUNG: [(&str, &str); 6] = [
    ("profil_gesichtet", "Stärken- und Potenzialprofil gesichtet"),
    ("standortbestimmung_gesichtet", "Standortbestimmung gesichtet"),
    ("ev_gesichtet", "Eingliederungsvereinbarung gesichtet"),
    ("unterlagen_ausgewertet", "Eingereichte Unterlagen ausgewertet (z. B. Eigenbemühungen, Bewerbungsunterlagen)"),
    ("rueckmeldungen_gesichtet", "Rückmeldungen zu anhängigen Vermittlungsvorschlägen bzw. von Trägern gesichtet"),
    ("suchlauf_durchgefuehrt", "Bewerberorientierten Suchlauf durchgeführt"),
];

/// One row of step 4 as typed (also for showing it again).
#[derive(Debug, Clone, Default)]
pub struct Zeile {
    /// Index of the row in the submitted form.
    pub roh: usize,
    pub text: String,
    pub verantwortlich: String,
    pub frist: String,
}

impl Zeile {
    fn leer(&self) -> bool {
        self.text.is_empty() && self.frist.is_empty()
    }
}

/// How many rows of a repeated group (`name[0].x`, `name[1].x`, …) the form sent.
fn zeilenzahl(f: &Formular, gruppe: &str) -> usize {
    f.0.iter()
        .filter_map(|(n, _)| n.strip_prefix(gruppe)?.strip_prefix('[')?.split(']').next()?.parse::<usize>().ok())
        .filter(|j| *j < MAX_ZEILEN)
        .map(|j| j + 1)
        .max()
        .unwrap_or(0)
}

/// The agreements of step 4 as typed; `ohne_leere` drops untouched rows (the rows the use case
/// gets, so that rule references like `vereinbarungen[1]` point at the row shown as second).
pub fn vereinbarungen(f: &Formular, ohne_leere: bool) -> Vec<Zeile> {
    (0..zeilenzahl(f, "schritt4.vereinbarungen"))
        .map(|j| {
            let n = |feld: &str| f.text(&format!("schritt4.vereinbarungen[{j}].{feld}"));
            Zeile { roh: j, text: n("text"), verantwortlich: n("verantwortlich"), frist: n("frist") }
        })
        .filter(|z| !(ohne_leere && z.leer()))
        .collect()
}

fn verantwortlich(wert: &str) -> Verantwortlich {
    match wert {
        "vfk" => Verantwortlich::Vfk,
        "dritte" => Verantwortlich::Dritte,
        _ => Verantwortlich::Kunde,
    }
}

fn optional(f: &Formular, name: &str) -> Option<String> {
    f.wert(name).map(str::to_owned)
}

/// Collects the field errors instead of stopping at the first.
#[derive(Default)]
struct Fehlerliste(Vec<Feldfehler>);

impl Fehlerliste {
    fn neu(&mut self, feld: &str, meldung: String) {
        self.0.push(Feldfehler { id: feld_id(feld), meldung });
    }

    /// A date, its error reported under `feld` (the name the row is shown with again).
    fn datum(&mut self, feld: &str, r: Result<Option<NaiveDate>, AppFehler>) -> Option<NaiveDate> {
        match r {
            Ok(d) => d,
            Err(AppFehler::Ungueltig { meldung, .. }) => {
                self.neu(feld, meldung);
                None
            }
            Err(e) => {
                self.neu("inhalt", einordnen(&e).text);
                None
            }
        }
    }
}

/// Reads the whole form; every problem the form can see is reported at once.
pub fn lesen(f: &Formular, heute: NaiveDate) -> Result<GespraechEingabe, Vec<Feldfehler>> {
    let mut fehler = Fehlerliste::default();
    let datum = fehler.datum("datum", f.datum_pflicht("datum", "Gespräch am").map(Some)).unwrap_or(heute);
    let naechster_termin = fehler.datum("naechster_termin", f.datum("naechster_termin", "Nächstes Folgegespräch"));

    let haken = |gruppe: &str, feld: &str| f.haken(&format!("{gruppe}.{feld}"));
    let vorbereitung = Vorbereitung {
        profil_gesichtet: haken("vorbereitung", "profil_gesichtet"),
        standortbestimmung_gesichtet: haken("vorbereitung", "standortbestimmung_gesichtet"),
        ev_gesichtet: haken("vorbereitung", "ev_gesichtet"),
        unterlagen_ausgewertet: haken("vorbereitung", "unterlagen_ausgewertet"),
        rueckmeldungen_gesichtet: haken("vorbereitung", "rueckmeldungen_gesichtet"),
        suchlauf_durchgefuehrt: haken("vorbereitung", "suchlauf_durchgefuehrt"),
    };

    // Step 1: each task of the valid EV, done or not (with the reason).
    let mut aufgaben = Vec::new();
    for j in 0..zeilenzahl(f, "schritt1.aufgaben") {
        let name = |feld: &str| format!("schritt1.aufgaben[{j}].{feld}");
        let Some(aufgabe) = optional(f, &name("aufgabe")) else { continue };
        let erledigt = match f.wert(&name("erledigt")) {
            Some("ja") => true,
            Some("nein") => false,
            _ => {
                fehler.neu(
                    &name("erledigt"),
                    format!("Schritt 1, Aufgabe {}: Bitte angeben, ob sie umgesetzt wurde.", j + 1),
                );
                false
            }
        };
        aufgaben.push(Aufgabenpruefung { aufgabe, erledigt, grund: optional(f, &name("grund")) });
    }
    let schritt1 = Schritt1 {
        aufgaben,
        sanktionstatbestand: f.haken("schritt1.sanktionstatbestand"),
        folgeschritte: optional(f, "schritt1.folgeschritte"),
        erfolge_misserfolge: optional(f, "schritt1.erfolge_misserfolge"),
    };
    let schritt2 = Schritt2 {
        profiling_geprueft: haken("schritt2", "profiling_geprueft"),
        ziel_besprochen: haken("schritt2", "ziel_besprochen"),
        strategien_geprueft: haken("schritt2", "strategien_geprueft"),
        anpassungen: optional(f, "schritt2.anpassungen"),
    };
    let schritt3 = Schritt3 {
        bewerbungsaktivitaeten: optional(f, "schritt3.bewerbungsaktivitaeten"),
        entfaellt_wegen: f.alle("schritt3.entfaellt_wegen").into_iter().map(str::to_owned).collect(),
        suchlauf_durchgefuehrt: haken("schritt3", "suchlauf_durchgefuehrt"),
    };

    // Step 4: the typed agreements, numbered as they are shown again.
    let mut vereinbarungen_neu = Vec::new();
    for (j, z) in vereinbarungen(f, true).into_iter().enumerate() {
        let name = |feld: &str| format!("schritt4.vereinbarungen[{j}].{feld}");
        let roh = format!("schritt4.vereinbarungen[{}].frist", z.roh);
        let frist = fehler.datum(&name("frist"), f.datum(&roh, &format!("Vereinbarung {}: Frist", j + 1)));
        if z.text.is_empty() {
            fehler.neu(&name("text"), format!("Vereinbarung {}: Bitte die Aktivität beschreiben.", j + 1));
        } else if z.text.chars().count() > MAX_TEXT {
            fehler.neu(&name("text"), format!("Vereinbarung {}: höchstens {MAX_TEXT} Zeichen.", j + 1));
        }
        vereinbarungen_neu.push(Aufgabe { text: z.text, verantwortlich: verantwortlich(&z.verantwortlich), frist });
    }
    let schritt4 = Schritt4 { vereinbarungen: vereinbarungen_neu, naechster_termin };

    if !fehler.0.is_empty() {
        return Err(fehler.0);
    }
    Ok(GespraechEingabe {
        datum,
        art: Gespraechsart::Folgegespraech,
        mit_bedarfsgemeinschaft: f.haken("mit_bedarfsgemeinschaft"),
        folgegespraech: Some(Folgegespraech {
            vorbereitung,
            schritt1: Some(schritt1),
            schritt2: Some(schritt2),
            schritt3: Some(schritt3),
            schritt4: Some(schritt4),
        }),
        naechster_termin: None,
        bestaetigt: f.bestaetigt(),
    })
}
