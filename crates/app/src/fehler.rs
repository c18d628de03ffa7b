//! What a use case can answer instead of a result. The messages of every variant but `Intern`
//! are German and reach the user; an internal fault reaches the user only as "interner Fehler"
//! with a request id, its context chain goes to the log (web maps each variant to one status).

use std::fmt::Display;

use vierphasen_domain::Befund;
use vierphasen_store::StoreFehler;

#[derive(Debug, thiserror::Error)]
pub enum AppFehler {
    #[error("Nicht angemeldet oder die Sitzung ist abgelaufen. Bitte erneut anmelden.")]
    NichtAngemeldet,
    /// Also the answer for a case the user may not see: a denial reveals nothing (D1).
    #[error("{0} wurde nicht gefunden.")]
    NichtGefunden(&'static str),
    #[error("{0}")]
    Verboten(String),
    /// D1 break-the-glass: the case is not in the user's caseload, team or stand-ins; she may open
    /// it after stating a reason (`POST …/ausnahmezugriff`), which is logged and reported.
    #[error(
        "Dieser Fall gehört nicht zu Ihrem Bestand, Ihrem Team oder Ihren Vertretungen. Sie können ihn öffnen, \
         wenn Sie einen Grund angeben; der Grund wird protokolliert und dem Datenschutz gemeldet (D1)."
    )]
    BegruendungNoetig { kunde_id: i64 },
    /// A `fehler` finding refuses the change; the findings name their rule ids.
    #[error("Die Änderung verstößt gegen Regeln des 4-Phasen-Modells: {}", regeln(.0))]
    Regelverstoss(Vec<Befund>),
    /// `warnung` findings need an explicit confirmation (`bestaetigt: true`).
    #[error("Bitte bestätigen: {}", regeln(.0))]
    BestaetigungNoetig(Vec<Befund>),
    #[error("Feld `{feld}`: {meldung}")]
    Ungueltig { feld: String, meldung: String },
    /// Several fields refused at once, each with its message (a form reports all its mistakes).
    #[error("{}", felder(.0))]
    UngueltigeFelder(Vec<(String, String)>),
    /// The state of what the user acts on does not allow the step (already done, immutable,
    /// taken). The message tells the user what to do instead.
    #[error("{0}")]
    Konflikt(String),
    /// The database is briefly unreachable; nothing was changed, the same request may succeed.
    #[error("Der Speicher ist gerade nicht erreichbar; nichts wurde geändert. Bitte gleich noch einmal versuchen.")]
    NichtVerfuegbar(#[source] StoreFehler),
    /// A fault of ours (unreadable stored data, catalogue, document, SQL, index). Never shown.
    #[error("Interner Fehler")]
    Intern(#[source] Intern),
}

/// An internal fault with its context chain, outermost first ("Fall 17 laden: Gespeicherter
/// Eintrag profiling/3 ist unlesbar: …"). The chain names tables, ids and operations, never
/// personal data.
#[derive(Debug)]
pub struct Intern {
    kontext: Vec<String>,
    ursache: Box<dyn std::error::Error + Send + Sync>,
}

impl Display for Intern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for k in self.kontext.iter().rev() {
            write!(f, "{k}: ")?;
        }
        write!(f, "{}", self.ursache)?;
        let mut quelle = self.ursache.source();
        while let Some(q) = quelle {
            write!(f, ": {q}")?;
            quelle = q.source();
        }
        Ok(())
    }
}

impl std::error::Error for Intern {}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct Meldung(String);

fn felder(fehler: &[(String, String)]) -> String {
    fehler.iter().map(|(feld, meldung)| format!("Feld `{feld}`: {meldung}")).collect::<Vec<_>>().join("; ")
}

fn regeln(befunde: &[Befund]) -> String {
    befunde.iter().map(|b| format!("{} ({})", b.meldung, b.regel)).collect::<Vec<_>>().join("; ")
}

impl AppFehler {
    pub fn ungueltig(feld: impl Into<String>, meldung: impl Into<String>) -> Self {
        AppFehler::Ungueltig { feld: feld.into(), meldung: meldung.into() }
    }

    /// The refusals of independent checks as one answer: none, the one, or all fields together
    /// (anything other than a refused field is answered alone, it is not the user's to correct).
    pub fn alle(fehler: Vec<AppFehler>) -> Result<(), AppFehler> {
        let mut felder = Vec::new();
        for f in fehler {
            match f {
                AppFehler::Ungueltig { feld, meldung } => felder.push((feld, meldung)),
                AppFehler::UngueltigeFelder(mehr) => felder.extend(mehr),
                andere => return Err(andere),
            }
        }
        match felder.len() {
            0 => Ok(()),
            1 => {
                let (feld, meldung) = felder.remove(0);
                Err(AppFehler::Ungueltig { feld, meldung })
            }
            _ => Err(AppFehler::UngueltigeFelder(felder)),
        }
    }

    /// An internal fault caused by `ursache` while doing `was`.
    pub fn intern(was: impl Display, ursache: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        AppFehler::Intern(Intern { kontext: vec![was.to_string()], ursache: ursache.into() })
    }

    /// An internal fault without an underlying error (an invariant of ours does not hold).
    pub fn intern_meldung(meldung: impl Display) -> Self {
        AppFehler::Intern(Intern { kontext: Vec::new(), ursache: Box::new(Meldung(meldung.to_string())) })
    }

    /// The text for operators (log, job table): an internal fault with its whole chain.
    pub fn fuer_das_protokoll(&self) -> String {
        match self {
            AppFehler::Intern(i) => format!("Interner Fehler: {i}"),
            AppFehler::NichtVerfuegbar(e) => format!("{self} ({e})"),
            andere => andere.to_string(),
        }
    }

    /// Adds what was being done to an internal fault; user-facing answers pass unchanged.
    pub fn kontext(self, was: impl Display) -> Self {
        match self {
            AppFehler::Intern(mut i) => {
                i.kontext.push(was.to_string());
                AppFehler::Intern(i)
            }
            andere => andere,
        }
    }
}

/// `.kontext("…")` on results of use cases and `.intern("…")` on foreign errors.
pub trait Kontext<T> {
    fn kontext(self, was: impl Display) -> Result<T, AppFehler>;
}

impl<T> Kontext<T> for Result<T, AppFehler> {
    fn kontext(self, was: impl Display) -> Result<T, AppFehler> {
        self.map_err(|e| e.kontext(was))
    }
}

pub trait AlsIntern<T> {
    /// Any foreign error as an internal fault while doing `was`.
    fn intern(self, was: impl Display) -> Result<T, AppFehler>;
}

impl<T, E: Into<Box<dyn std::error::Error + Send + Sync>>> AlsIntern<T> for Result<T, E> {
    fn intern(self, was: impl Display) -> Result<T, AppFehler> {
        self.map_err(|e| AppFehler::intern(was, e))
    }
}

/// Stored JSON that does not read back: the position and kind of the fault, not the value
/// (serde's message may quote stored personal data).
pub(crate) fn unlesbar(was: impl Display, e: &serde_json::Error) -> AppFehler {
    AppFehler::intern_meldung(format!(
        "{was} ist unlesbar ({:?} in Zeile {}, Spalte {})",
        e.classify(),
        e.line(),
        e.column()
    ))
}

/// The one place where the store's answers become the user's: a unique key already taken is a
/// conflict the user can resolve (a race past the use case's own check), an unreachable database
/// is "try again", anything else is ours.
impl From<StoreFehler> for AppFehler {
    fn from(e: StoreFehler) -> Self {
        match e {
            StoreFehler::Eindeutig(schluessel) => match eindeutig_vergeben(&schluessel) {
                Some(meldung) => AppFehler::Konflikt(meldung.into()),
                None => AppFehler::intern("Speichern", StoreFehler::Eindeutig(schluessel)),
            },
            e if e.voruebergehend() => AppFehler::NichtVerfuegbar(e),
            e => AppFehler::intern("Datenbank", e),
        }
    }
}

/// What a taken unique key means to the user, per `tabelle.spalten` of the constraint.
fn eindeutig_vergeben(schluessel: &str) -> Option<&'static str> {
    Some(match schluessel {
        "benutzer.login" => "Diesen Benutzernamen gibt es schon.",
        "dienststelle.name" => "Diese Dienststelle gibt es schon.",
        "team.dienststelle_id_name" => "Dieses Team gibt es in der Dienststelle schon.",
        "bedarfsgemeinschaft.dienststelle_id_nummer" => {
            "Die Bedarfsgemeinschaft wurde gerade gleichzeitig angelegt; bitte noch einmal speichern."
        }
        "stellenangebot.refnr" => "Eine Stelle mit dieser Referenznummer gibt es schon.",
        "vermittlungsvorschlag.kunde_id_stellenangebot_id" => "Diese Stelle wurde dem Kunden bereits vorgeschlagen.",
        _ => return None,
    })
}

impl From<vierphasen_domain::EingabeFehler> for AppFehler {
    fn from(e: vierphasen_domain::EingabeFehler) -> Self {
        AppFehler::Ungueltig { feld: e.feld, meldung: e.meldung }
    }
}
