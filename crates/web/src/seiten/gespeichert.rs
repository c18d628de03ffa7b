//! The notice after a save: the POST redirects with `?gespeichert=<schlüssel>`, the page shows
//! the fixed text of that key (nothing from the URL is echoed; an unknown key shows nothing).

use std::fmt::Display;

use serde::{Deserialize, Deserializer};

macro_rules! gespeichert {
    ($($variante:ident = $schluessel:literal => $text:literal,)*) => {
        /// What was just saved.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Gespeichert {
            $($variante,)*
        }

        impl Gespeichert {
            /// The value in the URL.
            pub fn schluessel(self) -> &'static str {
                match self {
                    $(Gespeichert::$variante => $schluessel,)*
                }
            }

            pub fn aus(schluessel: &str) -> Option<Gespeichert> {
                match schluessel {
                    $($schluessel => Some(Gespeichert::$variante),)*
                    _ => None,
                }
            }

            /// The German notice.
            pub fn text(self) -> &'static str {
                match self {
                    $(Gespeichert::$variante => $text,)*
                }
            }
        }
    };
}

gespeichert! {
    Kunde = "kunde" => "Die Kundin / der Kunde wurde angelegt. Weiter mit dem Profiling.",
    Profiling = "profiling" => "Das Profiling wurde gespeichert.",
    Ziel = "ziel" => "Das Ziel wurde gespeichert.",
    Strategie = "strategie" => "Die Handlungsstrategie wurde gespeichert.",
    StrategieAngepasst = "strategie_angepasst" => "Die Handlungsstrategie wurde angepasst.",
    StrategieErfolgreich = "strategie_erfolgreich" => "Die Handlungsstrategie ist als „erfolgreich umgesetzt“ erledigt. Auswirkungen auf Merkmale und Profillage im Profiling prüfen (S8).",
    StrategieNichtErfolgreich = "strategie_nicht_erfolgreich" => "Die Handlungsstrategie ist als „nicht erfolgreich umgesetzt“ erledigt. Auswirkungen auf Merkmale und Profillage im Profiling prüfen (S8); eine neue Strategie folgt einer erneuten Standortbestimmung (S9).",
    StrategieStorniert = "strategie_storniert" => "Die Handlungsstrategie ist als „storniert“ erledigt. Eine neue Strategie folgt einer erneuten Standortbestimmung (S9).",
    EvEntwurf = "entwurf" => "Der Entwurf wurde aus Ziel und Handlungsstrategien erstellt (E6). Bitte die Aufgaben prüfen, konkretisieren und speichern.",
    EvBearbeitet = "gespeichert" => "Der Entwurf wurde gespeichert.",
    EvAbschluss = "abschluss" => "Abschluss und Aushändigung wurden erfasst. Diese Version ist jetzt gültig und unveränderlich (E5).",
    Vermerk = "vermerk" => "Der Beratungsvermerk wurde gespeichert.",
    Nachtrag = "nachtrag" => "Der Nachtrag wurde gespeichert.",
    Gespraech = "gespraech" => "Das Folgegespräch wurde gespeichert. Jetzt den Folgevermerk (V2) prüfen und speichern.",
    Einwilligung = "einwilligung" => "Die Einwilligung wurde gespeichert.",
    Widerruf = "widerruf" => "Der Widerruf der Einwilligung wurde gespeichert.",
    BgEinwilligung = "bg_einwilligung" => "Die Einwilligung zum Gespräch mit der Bedarfsgemeinschaft wurde gespeichert.",
    Termin = "termin" => "Der Termin wurde gespeichert.",
    TerminErledigt = "termin_erledigt" => "Der Eintrag wurde als erledigt markiert.",
    Vorschlag = "vorschlag" => "Der Vermittlungsvorschlag wurde angelegt (Status: vorgeschlagen).",
    VorschlagStatus = "vorschlag_status" => "Der Vermittlungsvorschlag wurde aktualisiert.",
    Vermittlungsangaben = "vermittlungsangaben" => "Die Angaben für das Matching wurden gespeichert.",
    Stelle = "stelle" => "Das Stellenangebot wurde gespeichert; es nimmt ab sofort am Matching teil.",
}

impl Gespeichert {
    /// The address to redirect to: `pfad?gespeichert=<schlüssel>`.
    pub fn nach(self, pfad: impl Display) -> String {
        format!("{pfad}?gespeichert={}", self.schluessel())
    }
}

/// The query of a page reached by the redirect after a save.
#[derive(Debug, Default, Deserialize)]
pub struct Hinweis {
    #[serde(default, deserialize_with = "lesen")]
    pub gespeichert: Option<Gespeichert>,
}

impl Hinweis {
    /// The notice to show, if any.
    pub fn text(&self) -> Option<&'static str> {
        self.gespeichert.map(Gespeichert::text)
    }
}

/// For `#[serde(deserialize_with)]` on a page's own query: an unknown key is no notice (never a
/// refused request).
pub fn lesen<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Gespeichert>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.as_deref().and_then(Gespeichert::aus))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schluessel_hin_und_zurueck() {
        for g in [Gespeichert::Kunde, Gespeichert::EvBearbeitet, Gespeichert::Stelle] {
            assert_eq!(Gespeichert::aus(g.schluessel()), Some(g));
        }
        assert_eq!(Gespeichert::aus("<script>"), None);
        assert_eq!(Gespeichert::Ziel.nach("/kunden/7"), "/kunden/7?gespeichert=ziel");
    }
}
