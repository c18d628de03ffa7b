//! The notice after a save: the POST redirects with `?gespeichert=<schlüssel>` (or `?erledigt=` in
//! the administration and the profile), the page shows the fixed text of that key (nothing from
//! the URL is echoed; an unknown key shows nothing).

use std::fmt::Display;

use serde::{Deserialize, Deserializer};

/// A notice key in the URL: the fixed text of a variant (nothing from the URL is echoed).
pub trait Notiz: Sized + Copy {
    fn aus(schluessel: &str) -> Option<Self>;
}

macro_rules! notizen {
    ($name:ident, $parameter:literal, $doku:literal, {
        $($variante:ident = $schluessel:literal => $text:literal,)*
    }) => {
        #[doc = $doku]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($variante,)*
        }

        impl $name {
            /// The value in the URL.
            pub fn schluessel(self) -> &'static str {
                match self {
                    $($name::$variante => $schluessel,)*
                }
            }

            /// The address to redirect to: `pfad?<parameter>=<schlüssel>`.
            pub fn nach(self, pfad: impl Display) -> String {
                format!("{pfad}?{}={}", $parameter, self.schluessel())
            }

            pub fn aus(schluessel: &str) -> Option<$name> {
                match schluessel {
                    $($schluessel => Some($name::$variante),)*
                    _ => None,
                }
            }

            /// The German notice.
            pub fn text(self) -> &'static str {
                match self {
                    $($name::$variante => $text,)*
                }
            }
        }

        impl Notiz for $name {
            fn aus(schluessel: &str) -> Option<$name> {
                $name::aus(schluessel)
            }
        }
    };
}

notizen! { Gespeichert, "gespeichert", "What was just saved in a case or a list (`?gespeichert=`).", {
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
    Erwerbstaetigkeit = "erwerbstaetigkeit" => "Die Erwerbstätigkeit wurde gespeichert.",
    EvAusgehaendigt = "ausgehaendigt" => "Die Aushändigung der Ausfertigung wurde erfasst (E5).",
    Vermerk = "vermerk" => "Der Beratungsvermerk wurde gespeichert.",
    Nachtrag = "nachtrag" => "Der Nachtrag wurde gespeichert.",
    Gespraech = "gespraech" => "Das Folgegespräch wurde gespeichert. Jetzt den Folgevermerk (V2) prüfen und speichern.",
    Aktivitaet = "aktivitaet" => "Die Aktivität wurde gespeichert.",
    Werdegang = "werdegang" => "Der Abschnitt wurde in den Werdegang übernommen.",
    WerdegangEntfernt = "werdegang_entfernt" => "Der Abschnitt wurde aus dem Werdegang entfernt.",
    Einwilligung = "einwilligung" => "Die Einwilligung wurde gespeichert.",
    Auftrag = "auftrag" => "Der Auftrag wurde erteilt. Der Fachdienst findet ihn in seinem Posteingang.",
    Auftragsschritt = "auftragsschritt" => "Der Auftrag wurde aktualisiert.",
    Vertretung = "vertretung" => "Die Vertretung wurde eingetragen.",
    Rechtskreiswechsel = "rechtskreiswechsel" => "Der Rechtskreiswechsel wurde gespeichert. Gruppeninformation, Abschlussgespräch und Übergabe erscheinen als Wiedervorlagen (U1).",
    Uebergabe = "uebergabe" => "Die Übergabe wurde an das Jobcenter gesendet. Es findet sie in seinem Eingang; Sie sehen hier, wann es sie übernimmt.",
    UebergabeZurueckgezogen = "uebergabe_zurueckgezogen" => "Die Übergabe wurde zurückgezogen.",
    Uebernommen = "uebernommen" => "Die Übergabe wurde übernommen. Profiling, Ziel und Strategien der Agentur gelten in diesem Fall weiter; das Erstgespräch SGB II steht als Wiedervorlage an (U1).",
    VertretungBeendet = "vertretung_beendet" => "Die Vertretung wurde beendet.",
    Widerruf = "widerruf" => "Der Widerruf der Einwilligung wurde gespeichert.",
    BgEinwilligung = "bg_einwilligung" => "Die Einwilligung zum Gespräch mit der Bedarfsgemeinschaft wurde gespeichert.",
    Termin = "termin" => "Der Termin wurde gespeichert.",
    TerminErledigt = "termin_erledigt" => "Der Eintrag wurde als erledigt markiert.",
    Vorschlag = "vorschlag" => "Der Vermittlungsvorschlag wurde angelegt (Status: vorgeschlagen).",
    VorschlagStatus = "vorschlag_status" => "Der Vermittlungsvorschlag wurde aktualisiert.",
    Vermittlungsangaben = "vermittlungsangaben" => "Die Angaben für das Matching wurden gespeichert.",
    Stelle = "stelle" => "Das Stellenangebot wurde gespeichert; es nimmt ab sofort am Matching teil.",
    Abmeldung = "abmeldung" => "Die Abmeldung wurde gespeichert. Die Kundin / der Kunde nimmt nicht mehr am Matching teil.",
    Wiedermeldung = "wiedermeldung" => "Die Meldung wurde gespeichert.",
    Anordnung = "anordnung" => "Die Aufbewahrungsanordnung wurde gespeichert. Solange sie gilt, wird nichts aus diesem Fall gelöscht; was fällig wird, wird eingeschränkt.",
    AnordnungAufgehoben = "anordnung_aufgehoben" => "Die Aufbewahrungsanordnung wurde aufgehoben. Der nächste Löschlauf löscht, was fällig ist.",
    Loeschantrag = "loeschantrag" => "Der Löschantrag wurde erfasst. Der nächste Löschlauf setzt ihn um, wie unten beschrieben.",
    WiedermeldungC1 = "wiedermeldung_c1" => "Die Wiedermeldung wurde gespeichert: Reaktivierungskunde (C1). Das letzte Profiling und die Profillage gelten weiter; bitte im Gespräch prüfen, ob sich etwas geändert hat.",
    WiedermeldungC2 = "wiedermeldung_c2" => "Die Wiedermeldung wurde gespeichert: nach mehr als sechs Monaten wie eine Neukundin / ein Neukunde (C2). Die Profillage ist „noch nicht festgelegt“ (N); im SGB III sind noch offene Handlungsstrategien automatisch erledigt. Bitte ein neues Profiling durchführen.",
}}

notizen! { Erledigt, "erledigt", "What was just done in the administration or one's own profile (`?erledigt=`).", {
    Benutzer = "benutzer" => "Der Benutzer wurde angelegt. Er kann sich jetzt mit dem vergebenen Passwort anmelden.",
    Deaktiviert = "deaktiviert" => "Der Benutzer wurde deaktiviert. Seine Sitzungen und API-Tokens sind beendet.",
    Konto = "konto" => "Rolle und Team wurden gespeichert. Hat sich die Rolle geändert, meldet sich der Benutzer neu an.",
    Bestand = "bestand" => "Der Fallbestand wurde übertragen. Offene Termine und Wiedervorlagen sind mitgegangen.",
    Team = "team" => "Das Team wurde angelegt.",
    Kontaktdichte = "kontaktdichte" => "Das Kontaktdichtekonzept wurde gespeichert.",
    Gespraechsdauer = "gespraechsdauer" => "Die Gesprächsdauer wurde gespeichert.",
    LokaleStrategien = "strategien" => "Die lokalen Strategien wurden gespeichert.",
    Uebergabestandard = "uebergabestandard" => "Der Übergabestandard wurde gespeichert. Das Jobcenter ist Partner für Übergaben (U1).",
    Briefkopf = "briefkopf" => "Briefkopf und Datenschutzangaben wurden gespeichert. Sie gelten für alle ab jetzt erstellten Dokumente.",
    Passwort = "passwort" => "Das Passwort wurde geändert. Ihre anderen Sitzungen wurden beendet.",
    Sitzung = "sitzung" => "Die Sitzung wurde beendet.",
    AndereSitzungen = "andere" => "Alle anderen Sitzungen wurden beendet.",
    TokenWiderrufen = "widerrufen" => "Das Token wurde widerrufen. Es kann nicht mehr verwendet werden.",
}}

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
pub fn lesen<'de, D: Deserializer<'de>, N: Notiz>(d: D) -> Result<Option<N>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.as_deref().and_then(N::aus))
}
