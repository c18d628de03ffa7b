//! The catalogue of the model (`catalog/*.toml`) plus the KldB occupations, loaded and checked.

mod berufe;
mod berufsformen;
mod berufssuche;
pub mod daten;
pub mod kenntnisse;
pub mod normalisieren;
mod pruefen;

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

pub use berufe::{Beruf, Berufe, Berufsbeispiel, Berufstreffer, KldbCode, Zuordnungsfehler};
pub use berufsformen::formen as berufsformen;
pub use berufssuche::Herkunft as Benennungsherkunft;
pub use daten::*;
use normalisieren::schluessel;

use crate::grundtypen::{Profillage, Schluesselgruppe};

/// Index of a Merkmal in [`Katalog::merkmale`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MerkmalRef(pub(crate) u8);

/// Index of a strategy in [`Katalog::strategien`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StrategieRef(pub(crate) u16);

/// The text of every catalogue file, so a test can load a broken one.
#[derive(Debug, Clone, Copy)]
pub struct KatalogTexte<'a> {
    pub schluesselgruppen: &'a str,
    pub profillagen: &'a str,
    pub strategien: &'a str,
    pub zieloptionen: &'a str,
    pub fachdienste: &'a str,
    pub produkte: &'a str,
    pub kontaktdichte: &'a str,
    pub parameter: &'a str,
    pub kldb_csv: &'a str,
    pub berufsbenennungen_csv: &'a str,
    pub kenntnisse: &'a str,
}

impl KatalogTexte<'static> {
    /// The catalogue shipped with this build (embedded, so the binary needs no files).
    pub fn eingebaut() -> Self {
        KatalogTexte {
            schluesselgruppen: include_str!("../../../../catalog/schluesselgruppen.toml"),
            profillagen: include_str!("../../../../catalog/profillagen.toml"),
            strategien: include_str!("../../../../catalog/strategien.toml"),
            zieloptionen: include_str!("../../../../catalog/zieloptionen.toml"),
            fachdienste: include_str!("../../../../catalog/fachdienste.toml"),
            produkte: include_str!("../../../../catalog/produkte.toml"),
            kontaktdichte: include_str!("../../../../catalog/kontaktdichte.toml"),
            parameter: include_str!("../../../../catalog/parameter.toml"),
            kldb_csv: include_str!("../../../../data/kldb2010/KldB_2010_V2020_Gliederung_mit_Erlaeuterung.csv"),
            berufsbenennungen_csv: include_str!("../../../../catalog/berufsbenennungen.csv"),
            kenntnisse: include_str!("../../../../catalog/kenntnisse.toml"),
        }
    }
}

/// A catalogue file could not be loaded or is inconsistent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Katalog `{datei}`: {meldung}")]
pub struct KatalogFehler {
    pub datei: &'static str,
    pub meldung: String,
}

/// Everything the seed fixes as tables, checked at load.
#[derive(Debug, Clone, Serialize)]
pub struct Katalog {
    pub schluesselgruppen: Vec<SchluesselgruppeEintrag>,
    pub merkmale: Vec<Merkmal>,
    pub profillagen: Vec<ProfillageEintrag>,
    pub z_gruende: Vec<ZGrund>,
    pub i_gruende: Vec<IGrund>,
    pub strategien: Vec<Strategie>,
    pub zielgruppen: Vec<Zielgruppe>,
    pub zieloptionen: Vec<Zieloption>,
    pub dienste: Vec<Dienst>,
    pub leistungen: Vec<Leistung>,
    pub tbd_formen: Vec<TbdForm>,
    pub kuenstlerbereiche: Vec<Kuenstlerbereich>,
    /// U2: Branchen and Regionen of the salary threshold, and the thresholds (ids resolved).
    pub zav_branchen: Vec<ZavAuswahl>,
    pub zav_regionen: Vec<ZavAuswahl>,
    pub zav_mindestgehaelter: Vec<ZavMindestgehalt>,
    pub produkte: Vec<Produkt>,
    pub kontaktdichte: Kontaktdichte,
    pub parameter: Parameter,
    #[serde(skip)]
    pub berufe: Berufe,
    /// §8.4: the skill vocabulary (`catalog/kenntnisse.toml`).
    #[serde(skip)]
    pub kenntnisse: kenntnisse::Kenntnisse,
    #[serde(skip)]
    index: Index,
}

/// K1: days to the next Folgegespräch per Profillage, standard and under 25.
#[derive(Debug, Clone, Serialize)]
pub struct Kontaktdichte {
    pub standard: [u32; 9],
    pub unter_25: [u32; 9],
}

impl Kontaktdichte {
    pub fn tage(&self, profillage: Profillage, unter_25: bool) -> u32 {
        let i = profillage as usize;
        if unter_25 { self.unter_25[i].min(self.standard[i]) } else { self.standard[i] }
    }
}

#[derive(Debug, Clone, Default)]
struct Index {
    merkmale: HashMap<String, MerkmalRef>,
    strategien: HashMap<String, StrategieRef>,
    zieloptionen: HashMap<String, usize>,
    leistungen: HashMap<String, usize>,
    kuenstlerbereiche: HashMap<String, usize>,
    zav_branchen: HashMap<String, usize>,
    zav_regionen: HashMap<String, usize>,
    produkte: HashMap<String, usize>,
    z_gruende: HashMap<String, usize>,
    i_gruende: HashMap<String, usize>,
    profillagen: HashMap<String, Profillage>,
    gruppen: HashMap<String, Schluesselgruppe>,
}

/// Ids are already keys (lower case, no white space): look them up without folding first.
fn finde<'a, V>(index: &'a HashMap<String, V>, text: &str) -> Option<&'a V> {
    index.get(text).or_else(|| index.get(&schluessel(text)))
}

static STANDARD: OnceLock<Result<Katalog, KatalogFehler>> = OnceLock::new();

impl Katalog {
    /// The embedded catalogue, loaded once per process.
    pub fn standard() -> Result<&'static Katalog, KatalogFehler> {
        STANDARD.get_or_init(|| Katalog::laden(KatalogTexte::eingebaut())).as_ref().map_err(Clone::clone)
    }

    /// Loads and checks a catalogue from its texts.
    pub fn laden(texte: KatalogTexte<'_>) -> Result<Katalog, KatalogFehler> {
        pruefen::laden(texte)
    }

    pub fn merkmal(&self, r: MerkmalRef) -> &Merkmal {
        &self.merkmale[r.0 as usize]
    }
    pub fn strategie(&self, r: StrategieRef) -> &Strategie {
        &self.strategien[r.0 as usize]
    }
    pub fn merkmal_refs(&self) -> impl Iterator<Item = MerkmalRef> + '_ {
        (0..self.merkmale.len()).map(|i| MerkmalRef(i as u8))
    }
    pub fn strategie_refs(&self) -> impl Iterator<Item = StrategieRef> + '_ {
        (0..self.strategien.len()).map(|i| StrategieRef(i as u16))
    }

    /// Finds by id, label or alias (the seed's spellings).
    pub fn finde_merkmal(&self, text: &str) -> Option<MerkmalRef> {
        finde(&self.index.merkmale, text).copied()
    }
    pub fn finde_strategie(&self, text: &str) -> Option<StrategieRef> {
        finde(&self.index.strategien, text).copied()
    }
    pub fn finde_zieloption(&self, text: &str) -> Option<&Zieloption> {
        finde(&self.index.zieloptionen, text).map(|i| &self.zieloptionen[*i])
    }
    pub fn finde_leistung(&self, text: &str) -> Option<&Leistung> {
        finde(&self.index.leistungen, text).map(|i| &self.leistungen[*i])
    }
    pub fn finde_produkt(&self, text: &str) -> Option<&Produkt> {
        finde(&self.index.produkte, text).map(|i| &self.produkte[*i])
    }
    /// Position in `z_gruende`.
    pub fn finde_z_grund(&self, text: &str) -> Option<usize> {
        finde(&self.index.z_gruende, text).copied()
    }
    /// Position in `i_gruende`.
    pub fn finde_i_grund(&self, text: &str) -> Option<usize> {
        finde(&self.index.i_gruende, text).copied()
    }
    pub fn finde_profillage(&self, text: &str) -> Option<Profillage> {
        finde(&self.index.profillagen, text).copied()
    }
    pub fn finde_gruppe(&self, text: &str) -> Option<Schluesselgruppe> {
        finde(&self.index.gruppen, text).copied()
    }
    pub fn dienst(&self, id: &str) -> Option<&Dienst> {
        self.dienste.iter().find(|d| d.id == id)
    }
    /// The service a referral to `leistung` (id or label) is addressed to.
    pub fn dienst_der_leistung(&self, leistung: &str) -> Option<&Dienst> {
        self.finde_leistung(leistung).and_then(|l| self.dienst(&l.dienst))
    }
    /// U4: the formats the service chooses for a referral to `leistung_id` (the Begutachtung's).
    pub fn formate<'a>(&'a self, leistung_id: &'a str) -> impl Iterator<Item = &'a Leistung> + 'a {
        self.leistungen.iter().filter(move |l| l.format_von.as_deref() == Some(leistung_id))
    }
    pub fn kuenstlerbereich(&self, text: &str) -> Option<&Kuenstlerbereich> {
        finde(&self.index.kuenstlerbereiche, text).map(|i| &self.kuenstlerbereiche[*i])
    }
    /// U2: a Branche by id, label or alias.
    pub fn zav_branche(&self, text: &str) -> Option<&ZavAuswahl> {
        finde(&self.index.zav_branchen, text).map(|i| &self.zav_branchen[*i])
    }
    /// U2: a Region by id, label or alias.
    pub fn zav_region(&self, text: &str) -> Option<&ZavAuswahl> {
        finde(&self.index.zav_regionen, text).map(|i| &self.zav_regionen[*i])
    }

    /// PK1: products recommended for a strategy in a Rechtskreis.
    pub fn produkte_fuer<'a>(
        &'a self,
        strategie: &'a str,
        rechtskreis: crate::Rechtskreis,
    ) -> impl Iterator<Item = &'a Produkt> {
        self.produkte.iter().filter(move |p| {
            p.rechtskreise.contains(&rechtskreis) && p.empfohlene_strategien.iter().any(|s| s == strategie)
        })
    }
}
