//! The rule ids of DOMAIN.md as a type: a finding, a due date or a prefill names its rule by
//! one of these, never by free text. Serialized as the id (`"S2"`, `"PL2a"`).

use schemars::JsonSchema;
use serde::{Serialize, Serializer};

macro_rules! regeln {
    ($($r:ident),* $(,)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Regel {
            $($r),*
        }

        impl Regel {
            pub const ALLE: &[Regel] = &[$(Regel::$r),*];

            /// The id as DOMAIN.md writes it.
            pub fn id(self) -> &'static str {
                match self {
                    $(Regel::$r => stringify!($r)),*
                }
            }
        }
    };
}

regeln!(
    P1, P4, P5, P8, P10, PL1, PL2, PL2a, PL3, PL4, Z1, Z2, Z3, Z4, Z5, Z6, Z7, S1, S1a, S2, S3, S4, S5, S6, S7, S8, S9,
    S10, S12, S13, E1, E2, E3, E5, V1, V2, F1, F2, C2, U1, U2, U4, U5, U6, U7, U8, K1,
    // G1: scope (seed 2.1), not yet numbered in DOMAIN.md.
    G1,
);

impl Regel {
    /// The rule of an id (`"S2"` → `S2`).
    pub fn aus_id(id: &str) -> Option<Regel> {
        Regel::ALLE.iter().copied().find(|r| r.id() == id)
    }

    /// S1 (a Handlungsbedarf without strategy) is reported, never refused: strategies follow the
    /// profiling, so saving a profiling or closing a strategy leaves a need open until the VFK
    /// chooses the next one. It stays visible in every Fallprüfung.
    pub fn verweigert_nie(self) -> bool {
        self == Regel::S1
    }
}

impl std::fmt::Display for Regel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Regel {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// In schemas a rule id is a string, as before the type existed.
impl JsonSchema for Regel {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "String".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(g)
    }
}

impl PartialEq<str> for Regel {
    fn eq(&self, other: &str) -> bool {
        self.id() == other
    }
}

impl PartialEq<&str> for Regel {
    fn eq(&self, other: &&str) -> bool {
        self.id() == *other
    }
}

impl PartialEq<Regel> for &str {
    fn eq(&self, other: &Regel) -> bool {
        *self == other.id()
    }
}
