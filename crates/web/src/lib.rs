//! The HTTP side of vierphasen: JSON API under /api/v1 (OpenAPI 3.1, Swagger UI), login with
//! sessions and tokens, CSRF protection, security headers, /health and /metrics.

pub mod anfrage;
pub mod anmeldung;
pub mod api;
pub mod csrf;
pub mod drossel;
pub mod eingabe;
pub mod fehler;
pub mod fehlerart;
pub mod kopfzeilen;
pub mod seiten;

/// The length of each free text (issue 15/7), for the templates' `maxlength`.
pub use vierphasen_app::grenzen;
pub mod server;
pub mod zustand;

pub use server::{openapi, router, starten};
pub use zustand::Einstellungen;
