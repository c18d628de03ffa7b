//! What every handler shares.

use std::sync::Arc;
use std::time::Duration;

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
    /// Login attempts per client address and per account (identical answers for both).
    pub drossel_ip: Arc<Drossel>,
    pub drossel_konto: Arc<Drossel>,
}

impl Zustand {
    pub fn neu(app: App, einstellungen: Einstellungen) -> Zustand {
        Zustand {
            app,
            einstellungen,
            drossel_ip: Arc::new(Drossel::neu(30, Duration::from_secs(60))),
            drossel_konto: Arc::new(Drossel::neu(10, Duration::from_secs(15 * 60))),
        }
    }

    pub fn cookie_name(&self) -> &'static str {
        if self.einstellungen.cookie_sicher { "__Host-vierphasen" } else { "vierphasen" }
    }
}
