//! What every handler shares.

use std::sync::Arc;

use vierphasen_app::App;

use crate::drossel::Drossel;

#[derive(Debug, Clone)]
pub struct Einstellungen {
    /// `__Host-` cookie with `Secure`; off only for plain-http localhost.
    pub cookie_sicher: bool,
}

#[derive(Debug, Clone)]
pub struct Zustand {
    pub app: App,
    pub einstellungen: Einstellungen,
    /// Failed logins per account and address: back-off, never a lockout (identical answers for
    /// known and unknown accounts).
    pub drossel: Arc<Drossel>,
}

impl Zustand {
    pub fn neu(app: App, einstellungen: Einstellungen) -> Zustand {
        Zustand { app, einstellungen, drossel: Arc::new(Drossel::neu()) }
    }

    pub fn cookie_name(&self) -> &'static str {
        if self.einstellungen.cookie_sicher { "__Host-vierphasen" } else { "vierphasen" }
    }
}
