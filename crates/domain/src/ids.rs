//! Ids of stored things as their own types, so that a customer id is never passed where a
//! user's or a posting's is meant. The number is the database row id; whether the row exists
//! (and may be seen) is the store's and the access rules' question, not the type's.

use serde::{Deserialize, Serialize};

macro_rules! id_typ {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl From<i64> for $name {
            fn from(id: i64) -> Self {
                $name(id)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_typ!(
    /// A customer and her case (`kunde.id`).
    KundeId
);
id_typ!(
    /// A staff account (`benutzer.id`).
    BenutzerId
);
id_typ!(
    /// An Agentur or Jobcenter (`dienststelle.id`).
    DienststelleId
);
id_typ!(
    /// A Stellenangebot (`stellenangebot.id`).
    StelleId
);
