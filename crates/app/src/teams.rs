//! Teams of the user's Dienststelle created from the Administration page: the access check in
//! front of the setup step `team_anlegen` (only the Administration manages the organisation).

use vierphasen_domain::zugriff::{Akteur, Aktion, Entscheidung, pruefen};

use crate::{App, AppFehler};

impl App {
    /// A new team in the user's own Dienststelle (Administration).
    pub async fn team_anlegen_als(&self, wer: &Akteur, name: &str) -> Result<i64, AppFehler> {
        if pruefen(wer, Aktion::BenutzerVerwalten, None) != Entscheidung::Erlaubt {
            return Err(AppFehler::Verboten("Teams legt die Administration der Dienststelle an.".into()));
        }
        self.team_anlegen(wer.dienststelle_id, name).await
    }
}
