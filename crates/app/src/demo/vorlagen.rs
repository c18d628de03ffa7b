//! The demo cases: a handful of archetypes (one per Profillage, with variants), whose dates are laid
//! out backwards from `heute` and whose details come from a seeded random generator. The same
//! `heute` gives the same demo.
//!
//! How the dates are chosen so that the rules hold (without a deliberate open point):
//! - the last conversation lies less than one Kontaktdichte interval before `heute` and agreed the
//!   next appointment within that interval (K1), in the coming weeks;
//! - earlier conversations are one interval apart, every Folgegespräch records the four steps (F2);
//! - the Eingliederungsvereinbarung is renewed at a Folgegespräch before it runs out (E2/E3);
//! - open strategies end after `heute` (S8), complex plans within 24 months (S7), qualifying
//!   measures end in the future (S13) and are followed by the Absolventenmanagement (S2).

use chrono::{NaiveDate, TimeDelta};
use fake::Fake;
use fake::faker::name::raw::{FirstName, LastName};
use fake::locales::DE_DE;
use fake::rand::rngs::ChaCha8Rng;
use fake::rand::{RngExt, SeedableRng};
use vierphasen_domain::datum::{de, jahre_zwischen, minus_monate, plus_monate};
use vierphasen_domain::fallakte::*;
use vierphasen_domain::kalender::{Bundesland, arbeitstag_ab, arbeitstag_bis};
use vierphasen_domain::regeln::kontaktdichte::tage_fuer;
use vierphasen_domain::{Katalog, MerkmalStatus, Profillage, Rechtskreis, Segment};

use super::daten::{BERUFE, Beruf, GRUENDE_NICHT_ERLEDIGT, PLZ, UEBERFACHLICH};
use crate::fall::ImportStamm;

mod archetypen;
mod sonderfaelle;
mod werdegang;

type Zufall = ChaCha8Rng;

/// The seed of the demo: the same every time.
const SAAT: u64 = 0x4_5048_4153_454e;

/// Which of the two demo Dienststellen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DemoDienststelle {
    /// Agentur für Arbeit (SGB III).
    Agentur,
    /// Jobcenter (SGB II).
    Jobcenter,
}

/// The Land of both demo Dienststellen (its holidays close them).
const DEMO_LAND: Bundesland = Bundesland::NW;

impl DemoDienststelle {
    pub const BEIDE: [DemoDienststelle; 2] = [DemoDienststelle::Agentur, DemoDienststelle::Jobcenter];

    pub fn name(self) -> &'static str {
        match self {
            DemoDienststelle::Agentur => "Agentur für Arbeit Musterstadt",
            DemoDienststelle::Jobcenter => "Jobcenter Musterstadt",
        }
    }

    /// Part of the logins (`vfk.agentur1`, `admin.jobcenter`).
    pub fn kurz(self) -> &'static str {
        match self {
            DemoDienststelle::Agentur => "agentur",
            DemoDienststelle::Jobcenter => "jobcenter",
        }
    }

    pub fn rechtskreis(self) -> Rechtskreis {
        match self {
            DemoDienststelle::Agentur => Rechtskreis::SgbIII,
            DemoDienststelle::Jobcenter => Rechtskreis::SgbII,
        }
    }

    pub fn teams(self) -> [&'static str; 2] {
        match self {
            DemoDienststelle::Agentur => ["Team Arbeitsvermittlung 1", "Team Arbeitsvermittlung 2"],
            DemoDienststelle::Jobcenter => ["Team Integration 1", "Team Integration 2"],
        }
    }

    /// The Dienststelle's configuration (S11 local strategy, K1 local Kontaktdichtekonzept).
    pub fn konfiguration(self) -> Dienststelle {
        match self {
            DemoDienststelle::Agentur => Dienststelle {
                name: Some(self.name().into()),
                bundesland: Some(DEMO_LAND),
                lokale_strategien: vec![LokaleStrategie {
                    id: "lokal_pendlernetz".into(),
                    bezeichnung:
                        "Pendlernetz Musterkreis: Fahrgemeinschaften und Jobticket für Arbeitsaufnahmen im Umland"
                            .into(),
                    merkmal: Some("oertliche_mobilitaet".into()),
                }],
                kontaktdichte_tage: Default::default(),
                kontaktdichte_tage_unter_25: Default::default(),
                gespraechsdauer: Gespraechsdauer { erstgespraech_minuten: Some(60), folgegespraech_minuten: Some(30) },
                kontakt: Kontaktangaben {
                    anschrift: vec!["Bahnhofstraße 12".into(), "12345 Musterstadt".into()],
                    telefon: Some("01234 567-0".into()),
                    email: Some("musterstadt@arbeitsagentur.example".into()),
                    ort: Some("Musterstadt".into()),
                    datenschutzbeauftragter: Some(
                        "Datenschutzbeauftragte der Agentur für Arbeit Musterstadt, Bahnhofstraße 12, 12345 Musterstadt, datenschutz.musterstadt@arbeitsagentur.example"
                            .into(),
                    ),
                },
            },
            DemoDienststelle::Jobcenter => Dienststelle {
                name: Some(self.name().into()),
                bundesland: Some(DEMO_LAND),
                lokale_strategien: vec![LokaleStrategie {
                    id: "lokal_kita_lotsen".into(),
                    bezeichnung: "Kita-Lotsen: Betreuungsplatz gemeinsam mit dem Familienbüro Musterstadt sichern"
                        .into(),
                    merkmal: Some("familiaere_situation".into()),
                }],
                kontaktdichte_tage: [("entwicklungsprofil".to_string(), 49), ("stabilisierungsprofil".to_string(), 56)]
                    .into_iter()
                    .collect(),
                // K1 per customer group: young people in the Entwicklungsprofil every four weeks.
                kontaktdichte_tage_unter_25: [("entwicklungsprofil".to_string(), 28)].into_iter().collect(),
                gespraechsdauer: Gespraechsdauer { erstgespraech_minuten: Some(90), folgegespraech_minuten: Some(45) },
                kontakt: Kontaktangaben {
                    anschrift: vec!["Rathausplatz 3".into(), "12345 Musterstadt".into()],
                    telefon: Some("01234 890-0".into()),
                    email: Some("jobcenter-musterstadt@jobcenter-ge.example".into()),
                    ort: Some("Musterstadt".into()),
                    datenschutzbeauftragter: Some(
                        "Datenschutzbeauftragter des Jobcenters Musterstadt, Rathausplatz 3, 12345 Musterstadt, datenschutz@jobcenter-ge.example"
                            .into(),
                    ),
                },
            },
        }
    }
}

/// A typical open point a demo case shows on purpose (so that worklists and KPIs have content).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OffenerPunkt {
    /// E3 (warning): the signed EV is older than its validity and was not renewed.
    EvUeberfaellig,
    /// E1 (warning): the EV of a new case is still a draft, not signed.
    EvEntwurf,
    /// K1 (warning): the agreed Folgegespräch date has passed without a conversation.
    FolgegespraechUeberfaellig,
    /// P4 (open item): a Merkmal stays "zu klären" (with comment) until the next Folgegespräch.
    ZuKlaeren,
    /// S8 (warning): a strategy is open beyond its time window.
    StrategieUeberZeitfenster,
    /// P8/K1 (deadline, warning): Profillage N longer than the Zweitgespräch allows.
    ZweitgespraechUeberfaellig,
    /// S1 (fehler): a Handlungsbedarf found in the last Folgegespräch has no strategy yet.
    BedarfOhneStrategie,
}

impl OffenerPunkt {
    /// The rule id the point concerns.
    pub fn regel(self) -> &'static str {
        match self {
            OffenerPunkt::EvUeberfaellig => "E3",
            OffenerPunkt::EvEntwurf => "E1",
            OffenerPunkt::FolgegespraechUeberfaellig => "K1",
            OffenerPunkt::ZuKlaeren => "P4",
            OffenerPunkt::StrategieUeberZeitfenster => "S8",
            OffenerPunkt::ZweitgespraechUeberfaellig => "P8",
            OffenerPunkt::BedarfOhneStrategie => "S1",
        }
    }

    pub fn beschreibung(self) -> &'static str {
        match self {
            OffenerPunkt::EvUeberfaellig => "Eingliederungsvereinbarung überfällig (nicht fortgeschrieben)",
            OffenerPunkt::EvEntwurf => "Eingliederungsvereinbarung nur als Entwurf, noch nicht unterschrieben",
            OffenerPunkt::FolgegespraechUeberfaellig => "Folgegespräch überfällig (Termin verstrichen)",
            OffenerPunkt::ZuKlaeren => "Merkmal „zu klären“ offen bis zum nächsten Folgegespräch",
            OffenerPunkt::StrategieUeberZeitfenster => "Strategie über ihr Zeitfenster hinaus offen",
            OffenerPunkt::ZweitgespraechUeberfaellig => "Profillage N länger als bis zum Zweitgespräch vorgesehen",
            OffenerPunkt::BedarfOhneStrategie => "Handlungsbedarf ohne Handlungsstrategie (Regelfehler S1)",
        }
    }
}

/// An appointment of the case in the VFK's calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoTermin {
    pub datum: NaiveDate,
    pub text: String,
    /// The rule it serves (K1 next Folgegespräch, P8 Zweitgespräch), if any.
    pub regel: Option<&'static str>,
}

/// One demo case, ready for `fall_importieren`.
#[derive(Debug, Clone)]
pub struct Demofall {
    pub dienststelle: DemoDienststelle,
    /// Index of the responsible VFK in the Dienststelle (0, 1 in team 1; 2, 3 in team 2).
    pub vfk: usize,
    pub stamm: ImportStamm,
    /// With the Dienststelle's configuration as `dienststelle`, as it reads back after the import.
    pub akte: Fallakte,
    pub termine: Vec<DemoTermin>,
    pub offener_punkt: Option<OffenerPunkt>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Art {
    Markt,
    MarktNachFoerderung,
    Aktivierung,
    Foerder,
    Entwicklung,
    Stabilisierung,
    Unterstuetzung,
    N,
    Z,
    I,
    /// Registered, the Erstgespräch is still to come (no profiling yet).
    Neu,
}

/// Cases per Dienststelle (120 each).
fn verteilung(d: DemoDienststelle) -> Vec<(Art, usize)> {
    match d {
        DemoDienststelle::Agentur => vec![
            (Art::Markt, 22),
            (Art::MarktNachFoerderung, 6),
            (Art::Aktivierung, 12),
            (Art::Foerder, 30),
            (Art::Entwicklung, 14),
            (Art::Stabilisierung, 6),
            (Art::Unterstuetzung, 4),
            (Art::N, 12),
            (Art::Z, 10),
            (Art::Neu, 4),
        ],
        DemoDienststelle::Jobcenter => vec![
            (Art::Markt, 7),
            (Art::MarktNachFoerderung, 3),
            (Art::Aktivierung, 10),
            (Art::Foerder, 22),
            (Art::Entwicklung, 22),
            (Art::Stabilisierung, 12),
            (Art::Unterstuetzung, 12),
            (Art::N, 10),
            (Art::Z, 8),
            (Art::I, 10),
            (Art::Neu, 4),
        ],
    }
}

/// The deliberate open points per Dienststelle: (kind of case, point), given to the first cases of
/// that kind.
fn offene_punkte(d: DemoDienststelle) -> Vec<(Art, OffenerPunkt)> {
    use OffenerPunkt::*;
    let zweit = match d {
        DemoDienststelle::Agentur => (Art::Markt, EvUeberfaellig),
        DemoDienststelle::Jobcenter => (Art::Entwicklung, EvUeberfaellig),
    };
    let k1 = match d {
        DemoDienststelle::Agentur => (Art::Entwicklung, FolgegespraechUeberfaellig),
        DemoDienststelle::Jobcenter => (Art::Stabilisierung, FolgegespraechUeberfaellig),
    };
    vec![
        (Art::Foerder, EvUeberfaellig),
        zweit,
        (Art::Foerder, EvEntwurf),
        (Art::Aktivierung, EvEntwurf),
        (Art::Markt, FolgegespraechUeberfaellig),
        k1,
        (Art::Entwicklung, ZuKlaeren),
        (Art::Entwicklung, ZuKlaeren),
        (Art::Aktivierung, StrategieUeberZeitfenster),
        (Art::N, ZweitgespraechUeberfaellig),
        (Art::Entwicklung, BedarfOhneStrategie),
    ]
}

/// All demo cases for `heute`: 240, half per Dienststelle.
pub fn faelle(katalog: &Katalog, heute: NaiveDate) -> Vec<Demofall> {
    let mut z = Zufall::seed_from_u64(SAAT);
    let mut alle = Vec::new();
    for d in DemoDienststelle::BEIDE {
        let mut arten: Vec<Art> = verteilung(d).into_iter().flat_map(|(a, n)| std::iter::repeat_n(a, n)).collect();
        mischen(&mut z, &mut arten);
        let mut punkte = offene_punkte(d);
        let konf = d.konfiguration();
        let mut faelle: Vec<Demofall> = Vec::with_capacity(arten.len());
        for (i, art) in arten.iter().copied().enumerate() {
            let punkt = punkte.iter().position(|(a, _)| *a == art).map(|p| punkte.remove(p).1);
            let mut c = Bau::neu(katalog, &mut z, heute, d, &konf, art);
            let (akte, termine) = c.fall(art, punkt);
            let stamm = c.stamm();
            faelle.push(Demofall { dienststelle: d, vfk: i % 4, stamm, akte, termine, offener_punkt: punkt });
        }
        if d == DemoDienststelle::Agentur {
            rechtskreiswechsel(&mut z, &mut faelle, heute);
        } else {
            bedarfsgemeinschaften(&mut faelle);
        }
        alle.extend(faelle);
    }
    alle
}

fn mischen<T>(z: &mut Zufall, liste: &mut [T]) {
    for i in (1..liste.len()).rev() {
        let j = z.random_range(0..=i);
        liste.swap(i, j);
    }
}

fn tag(d: NaiveDate, n: i64) -> NaiveDate {
    d + TimeDelta::days(n)
}

fn tage_zwischen(von: NaiveDate, bis: NaiveDate) -> i64 {
    (bis - von).num_days()
}

/// U1: some SGB III customers reach the end of their Arbeitslosengeld in the coming months; those
/// whose Gruppeninformation window has begun had it.
fn rechtskreiswechsel(z: &mut Zufall, faelle: &mut [Demofall], heute: NaiveDate) {
    let mut anzahl = 0;
    for f in faelle.iter_mut() {
        if anzahl >= 8 || f.offener_punkt.is_some() || f.akte.profiling.is_empty() || f.akte.gespraeche.len() < 2 {
            continue;
        }
        let Some(beginn) = f.akte.meldungen.last().map(|m| m.beginn) else { continue };
        let lage = f.akte.profiling.last().and_then(|p| p.profillage.as_ref()).map(|p| p.wert.clone());
        if !matches!(lage.as_deref(), Some("marktprofil" | "foerderprofil" | "entwicklungsprofil")) {
            continue;
        }
        // Anspruchsdauer 6 or 12 months from the start of unemployment.
        let Some(datum) = [6, 12]
            .into_iter()
            .map(|m| plus_monate(beginn, m))
            .find(|d| tage_zwischen(heute, *d) >= 35 && tage_zwischen(heute, *d) <= 150)
        else {
            continue;
        };
        f.akte.kunde.arbeitslos_seit = Some(beginn);
        f.akte.kunde.rechtskreiswechsel = Some(Rechtskreiswechsel {
            datum,
            antrag_sgb2_erwartet: z.random_bool(0.6),
            erfolgt: false,
            erstgespraech_bis: None,
        });
        let fenster = minus_monate(datum, 4);
        let letztes = f.akte.gespraeche.last().map_or(heute, |g| g.datum);
        let am = tag(fenster.max(letztes), 1);
        if fenster < heute && am <= heute {
            f.akte.gespraeche.push(Gespraech {
                datum: am,
                art: Gespraechsart::Gruppeninformation,
                mit_bedarfsgemeinschaft: false,
                folgegespraech: None,
                naechster_termin: None,
            });
            f.akte.vermerke.push(Beratungsvermerk {
                datum: am,
                art: Vermerkart::Sonstiges,
                text: format!(
                    "Gruppeninformation zum Ende des Arbeitslosengeldes am {} und zum Übergang ins SGB II: Integrationsmöglichkeiten vor dem Rechtskreiswechsel, Antragstellung beim Jobcenter Musterstadt, Unterlagen für das Erstgespräch SGB II.",
                    de(datum)
                ),
                nachtraege: Vec::new(),
            });
        }
        anzahl += 1;
    }
}

/// P10: every SGB II customer belongs to a Bedarfsgemeinschaft; a few couples share one (same VFK).
fn bedarfsgemeinschaften(faelle: &mut [Demofall]) {
    let mut i = 0;
    while i < faelle.len() {
        let nummer = format!("34101BG{:07}", 4711 + i);
        faelle[i].akte.kunde.bedarfsgemeinschaft =
            Some(Bedarfsgemeinschaft { nummer: nummer.clone(), mitglieder: Vec::new() });
        if i % 10 == 3 && i + 1 < faelle.len() {
            let vfk = faelle[i].vfk;
            let partner = &mut faelle[i + 1];
            partner.vfk = vfk;
            partner.akte.kunde.bedarfsgemeinschaft = Some(Bedarfsgemeinschaft { nummer, mitglieder: Vec::new() });
            i += 2;
        } else {
            i += 1;
        }
    }
}

/// A need in the Potenzialanalyse (P3).
#[derive(Debug, Clone)]
struct Bedarf {
    merkmal: &'static str,
    status: MerkmalStatus,
    kommentar: String,
}

/// A strategy to choose (S7 window relative to the profiling date).
#[derive(Debug, Clone)]
struct Plan {
    strategie: &'static str,
    merkmal: Option<&'static str>,
    /// Days after the profiling the window begins.
    start: i64,
    /// Planned length in days.
    dauer: i64,
    produkte: &'static [&'static str],
    /// S2: followed by the Absolventenmanagement.
    absolventen: bool,
}

fn plan(
    strategie: &'static str,
    merkmal: Option<&'static str>,
    start: i64,
    dauer: i64,
    produkte: &'static [&'static str],
) -> Plan {
    Plan { strategie, merkmal, start, dauer, produkte, absolventen: false }
}

/// Markt after a successful Förder strategy: the earlier need and its strategy.
#[derive(Debug, Clone)]
struct Vorgeschichte {
    bedarf: Bedarf,
    plan: Plan,
    prognose: u16,
    fazit: String,
}

/// The content of a profiled case; the dates are laid out by [`Bau::profiliert`].
#[derive(Debug, Clone)]
struct Spec {
    lage: Profillage,
    bedarfe: Vec<Bedarf>,
    schwerpunkt: Option<&'static str>,
    verdichtung: Vec<(&'static str, &'static str)>,
    prognose: u16,
    /// PL2: the prognosis exceeds 12 months only because of an FbW of this many months.
    fbw_monate: Option<u16>,
    heranfuehren: Option<bool>,
    i_grund: Option<&'static str>,
    fazit: String,
    ziel: &'static str,
    horizont: Option<u16>,
    eigene_ziele: Option<&'static str>,
    plaene: Vec<Plan>,
    /// Applications per month agreed in the EV.
    bewerbungen: Option<u8>,
    auftraege: Vec<(&'static str, Fragestellung)>,
    /// U8: a BiZ order (catalogue id of the service) agreed as a task in the EV.
    biz: Option<&'static str>,
    einwilligungen: Vec<Einwilligungsumfang>,
    /// F2 step 3 is skipped because of this need.
    entfaellt: Option<&'static str>,
    /// F2 step 3 when it is not about applications in general (I: working customers).
    aktivitaeten: Option<&'static str>,
    /// Complex profile finished in a Zweitgespräch (E1, P8).
    zweitgespraech: bool,
    vorgeschichte: Option<Vorgeschichte>,
    folge: (usize, usize),
    segment: Segment,
}

impl Spec {
    fn neu(lage: Profillage, prognose: u16, ziel: &'static str, fazit: String) -> Spec {
        Spec {
            lage,
            bedarfe: Vec::new(),
            schwerpunkt: None,
            verdichtung: Vec::new(),
            prognose,
            fbw_monate: None,
            heranfuehren: None,
            i_grund: None,
            fazit,
            ziel,
            horizont: None,
            eigene_ziele: None,
            plaene: Vec::new(),
            bewerbungen: None,
            auftraege: Vec::new(),
            biz: None,
            einwilligungen: Vec::new(),
            entfaellt: None,
            aktivitaeten: None,
            zweitgespraech: false,
            vorgeschichte: None,
            folge: (0, 3),
            segment: Segment::AV,
        }
    }
}

/// Builds one case.
struct Bau<'a> {
    k: &'a Katalog,
    z: &'a mut Zufall,
    heute: NaiveDate,
    konf: &'a Dienststelle,
    rk: Rechtskreis,
    geburtsdatum: NaiveDate,
    beruf: Beruf,
    vorname: String,
    nachname: String,
    plz: &'static str,
}

fn name(z: &mut Zufall, vor: bool) -> String {
    loop {
        let n: String = if vor { FirstName(DE_DE).fake_with_rng(z) } else { LastName(DE_DE).fake_with_rng(z) };
        // The locale carries the sample names of ID cards and a test name with combining marks.
        let muster = ["Mustermann", "Musterfrau", "Meikäläinen", "Lærke", "Rudaí"];
        if !muster.contains(&n.as_str()) && !n.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c)) {
            return n;
        }
    }
}

impl<'a> Bau<'a> {
    fn neu(
        k: &'a Katalog,
        z: &'a mut Zufall,
        heute: NaiveDate,
        dst: DemoDienststelle,
        konf: &'a Dienststelle,
        art: Art,
    ) -> Bau<'a> {
        let (von, bis) = match art {
            Art::Markt | Art::MarktNachFoerderung => (21, 58),
            Art::Aktivierung => (19, 45),
            Art::Foerder => (19, 55),
            Art::Entwicklung | Art::I => (22, 55),
            Art::Stabilisierung => (25, 60),
            Art::Unterstuetzung => (28, 63),
            Art::N | Art::Neu => (18, 60),
            Art::Z => (20, 63),
        };
        let alter = z.random_range(von..=bis);
        let geburtsdatum = tag(minus_monate(heute, 12 * alter), -z.random_range(0..=360));
        let komplex =
            matches!(art, Art::Stabilisierung | Art::Unterstuetzung) || (art == Art::Entwicklung && z.random_bool(0.5));
        let beruf = loop {
            let b = BERUFE[z.random_range(0..BERUFE.len())];
            if b.helfer == komplex || z.random_bool(0.25) {
                break b;
            }
        };
        let vorname = name(z, true);
        let nachname = name(z, false);
        let plz = PLZ[z.random_range(0..PLZ.len())];
        Bau { k, z, heute, konf, rk: dst.rechtskreis(), geburtsdatum, beruf, vorname, nachname, plz }
    }

    fn stamm(&self) -> ImportStamm {
        ImportStamm { vorname: self.vorname.clone(), nachname: self.nachname.clone(), plz: Some(self.plz.to_string()) }
    }

    fn zahl(&mut self, von: i64, bis: i64) -> i64 {
        if bis <= von { von } else { self.z.random_range(von..=bis) }
    }

    fn ja(&mut self, p: f64) -> bool {
        self.z.random_bool(p)
    }

    /// Appointments fall on the Dienststelle's working days: the last one up to `d`; a date ahead
    /// that would so slip into the past moves to the first working day from today.
    fn termintag(&self, d: NaiveDate) -> NaiveDate {
        let land = self.konf.bundesland;
        let t = arbeitstag_bis(d, land);
        if d > self.heute && t < self.heute { arbeitstag_ab(self.heute, land) } else { t }
    }

    fn eins<T: Copy>(&mut self, liste: &[T]) -> T {
        liste[self.z.random_range(0..liste.len())]
    }

    fn alter(&self, am: NaiveDate) -> i32 {
        jahre_zwischen(self.geburtsdatum, am)
    }

    fn sgb2(&self) -> bool {
        self.rk == Rechtskreis::SgbII
    }

    /// K1 interval in days, never longer than the rule allows at any date of the case.
    fn intervall(&self, lage: Profillage) -> i64 {
        let jung = self.alter(self.heute) < 27;
        let standard = self.k.kontaktdichte.tage(lage, jung);
        i64::from(tage_fuer(self.konf, self.k, lage, jung).min(standard))
    }

    /// E2: days an EV concluded at `am` holds (a little less than the months).
    fn gueltig_tage(&self, am: NaiveDate) -> i64 {
        if self.rk == Rechtskreis::SgbIII && self.alter(am) < 26 { 89 } else { 181 }
    }

    fn merkmal_label(&self, id: &str) -> String {
        self.k.finde_merkmal(id).map_or(id.to_string(), |m| self.k.merkmal(m).label.clone())
    }

    fn strategie_label(&self, id: &str) -> String {
        if let Some(r) = self.k.finde_strategie(id) {
            return self.k.strategie(r).label.clone();
        }
        self.konf.lokale_strategien.iter().find(|l| l.id == id).map_or(id.to_string(), |l| l.bezeichnung.clone())
    }

    /// The job title of a code, as the Vermerke name it (not the KldB class title).
    fn beruf_titel(&self, code: &str) -> String {
        self.k.berufe.bezeichnung(code)
    }

    fn vereinbarung(&self) -> &'static str {
        if self.sgb2() { "Kooperationsplan" } else { "Eingliederungsvereinbarung" }
    }

    /// "Aufgaben des Kooperationsplans" / "Aufgaben der Eingliederungsvereinbarung".
    fn vereinbarung_genitiv(&self) -> &'static str {
        if self.sgb2() { "des Kooperationsplans" } else { "der Eingliederungsvereinbarung" }
    }

    fn staerken(&mut self) -> Vec<Staerke> {
        let mut s = vec![
            Staerke { bezeichnung: self.beruf.staerken[0].into(), niveau: Niveau::Erweitert, besondere: false },
            Staerke { bezeichnung: self.beruf.staerken[1].into(), niveau: Niveau::Experte, besondere: self.ja(0.4) },
        ];
        let a = self.z.random_range(0..UEBERFACHLICH.len());
        let b = (a + 1 + self.z.random_range(0..UEBERFACHLICH.len() - 1)) % UEBERFACHLICH.len();
        s.push(Staerke { bezeichnung: UEBERFACHLICH[a].into(), niveau: Niveau::Experte, besondere: true });
        if self.ja(0.6) {
            s.push(Staerke { bezeichnung: UEBERFACHLICH[b].into(), niveau: Niveau::Erweitert, besondere: false });
        }
        s
    }

    /// Every Merkmal of the catalogue assessed (P9), the needs as given.
    fn merkmale(&self, bedarfe: &[Bedarf]) -> Vec<MerkmalBewertung> {
        self.k
            .merkmale
            .iter()
            .map(|m| match bedarfe.iter().find(|b| b.merkmal == m.id) {
                Some(b) => {
                    MerkmalBewertung { merkmal: m.id.clone(), status: b.status, kommentar: Some(b.kommentar.clone()) }
                }
                None => MerkmalBewertung {
                    merkmal: m.id.clone(),
                    status: MerkmalStatus::KeinHandlungsbedarf,
                    kommentar: None,
                },
            })
            .collect()
    }

    fn bedarf(&mut self, merkmal: &'static str) -> Bedarf {
        Bedarf { merkmal, status: MerkmalStatus::Handlungsbedarf, kommentar: self.kommentar(merkmal) }
    }

    // ---------------------------------------------------------------- archetypes

    fn fall(&mut self, art: Art, punkt: Option<OffenerPunkt>) -> (Fallakte, Vec<DemoTermin>) {
        match art {
            Art::Neu => self.neu_gemeldet(),
            Art::N => self.noch_nicht_festgelegt(punkt),
            Art::Z => self.zuordnung_nicht_erforderlich(),
            _ => {
                let spec = match art {
                    Art::Markt => self.markt(),
                    Art::MarktNachFoerderung => self.markt_nach_foerderung(),
                    Art::Aktivierung => self.aktivierung(),
                    Art::Foerder => self.foerder(),
                    Art::Entwicklung => self.entwicklung(),
                    Art::Stabilisierung => self.stabilisierung(),
                    Art::Unterstuetzung => self.unterstuetzung(),
                    _ => self.integriert(),
                };
                self.profiliert(spec, punkt)
            }
        }
    }

    // ---------------------------------------------------------------- the skeleton of every case

    fn kunde(&mut self, segment: Segment, meldung: NaiveDate) -> Kunde {
        let arbeitslos_seit =
            if self.sgb2() { self.ja(0.7).then(|| tag(meldung, -self.zahl(60, 900))) } else { Some(meldung) };
        Kunde {
            kundennummer: None,
            geburtsdatum: self.geburtsdatum,
            rechtskreis: self.rk,
            segment,
            bedarfsgemeinschaft: None,
            rechtskreiswechsel: None,
            arbeitslos_seit,
            erwerbstaetigkeit: None,
            werdegang: self.werdegang(meldung),
        }
    }

    fn leere_akte(&mut self, segment: Segment, meldung: NaiveDate) -> Fallakte {
        let mut meldungen = Vec::new();
        if !self.sgb2() && self.ja(0.12) {
            // C1: a Reaktivierungskunde (deregistered less than six months before).
            let ende = tag(meldung, -self.zahl(20, 120));
            meldungen.push(Meldung {
                beginn: tag(ende, -self.zahl(90, 300)),
                ende: Some(ende),
                abmeldegrund: Some(Abmeldegrund::Arbeitsaufnahme),
            });
        }
        meldungen.push(Meldung { beginn: meldung, ende: None, abmeldegrund: None });
        Fallakte {
            format: 1,
            kunde: self.kunde(segment, meldung),
            dienststelle: self.konf.clone(),
            meldungen,
            profiling: Vec::new(),
            ziele: Vec::new(),
            strategien: Vec::new(),
            eingliederungsvereinbarungen: Vec::new(),
            gespraeche: Vec::new(),
            aktivitaeten: Vec::new(),
            vermerke: Vec::new(),
            auftraege: Vec::new(),
            einwilligungen: Vec::new(),
            vermittlungsvorschlaege: Vec::new(),
        }
    }

    // ---------------------------------------------------------------- the timeline

    fn ev(&self, am: NaiveDate, aufgaben: Vec<Aufgabe>, abgeschlossen: bool) -> Eingliederungsvereinbarung {
        // E5: an EV is signed by both on the day; the Kooperationsplan is not signed.
        let unterschrift = (abgeschlossen && !self.sgb2()).then_some(am);
        Eingliederungsvereinbarung {
            art: if self.sgb2() {
                Vereinbarungsart::Kooperationsplan
            } else {
                Vereinbarungsart::Eingliederungsvereinbarung
            },
            erstellt_am: am,
            abgeschlossen_am: abgeschlossen.then_some(am),
            ausgehaendigt_am: abgeschlossen.then_some(am),
            gueltig_bis: None,
            ersetzt_am: None,
            aufgaben,
            // E4: Eigenbemühungen with number and period, as agreed for six months.
            eigenbemuehungen: Some(Eigenbemuehungen {
                anzahl: 4,
                turnus: Turnus::Monat,
                von: am,
                bis: plus_monate(am, 6),
                nachweis: Some("Legen Sie die Nachweise jeweils zum Folgegespräch vor.".into()),
            }),
            zwischenziel: None,
            unterschrift_kunde_am: unterschrift,
            unterschrift_fachkraft_am: unterschrift,
        }
    }

    /// The EV tasks at `am` for the strategies open then (E4, E6: the catalogue's text blocks).
    fn aufgaben(
        &self,
        am: NaiveDate,
        strategien: &[StrategieWahl],
        bewerbungen: Option<u8>,
        biz: Option<&str>,
        bis: NaiveDate,
    ) -> Vec<Aufgabe> {
        let mut liste = Vec::new();
        let mut vfk = None;
        for w in strategien.iter().filter(|w| w.gewaehlt_am <= am && w.erledigt_am.is_none_or(|e| e > am)) {
            if w.strategie == "vermittlung" && bewerbungen.is_some() {
                continue;
            }
            let Some(r) = self.k.finde_strategie(&w.strategie) else {
                let label = self.strategie_label(&w.strategie);
                liste.push(Aufgabe {
                    text: format!(
                        "Sie nehmen das Angebot „{label}“ wahr und berichten im nächsten Gespräch über das Ergebnis."
                    ),
                    verantwortlich: Verantwortlich::Kunde,
                    frist: Some(bis),
                });
                continue;
            };
            let st = self.k.strategie(r);
            if liste.iter().any(|a: &Aufgabe| a.text == st.leitfaden.ev_textbaustein) {
                continue;
            }
            liste.push(Aufgabe {
                text: st.leitfaden.ev_textbaustein.clone(),
                verantwortlich: Verantwortlich::Kunde,
                frist: Some(bis),
            });
            if vfk.is_none() {
                vfk = st.leitfaden.aktivitaeten_vfk.first().cloned();
            }
        }
        if let Some(n) = bewerbungen {
            liste.push(Aufgabe {
                text: format!(
                    "Sie bewerben sich monatlich auf mindestens {n} sozialversicherungspflichtige Stellen als {} und legen die Nachweise im nächsten Gespräch vor.",
                    self.beruf.bezeichnung
                ),
                verantwortlich: Verantwortlich::Kunde,
                frist: Some(bis),
            });
        }
        if let Some(text) = biz.and_then(|id| self.k.finde_leistung(id)).and_then(|l| l.ev_aufgabe.clone()) {
            liste.push(Aufgabe { text, verantwortlich: Verantwortlich::Kunde, frist: Some(tag(am, 28).min(bis)) });
        }
        let vfk = vfk
            .unwrap_or_else(|| "Führt regelmäßig Matchingläufe durch und unterbreitet Vermittlungsvorschläge".into());
        liste.push(Aufgabe { text: format!("{vfk}."), verantwortlich: Verantwortlich::Vfk, frist: Some(tag(am, 7)) });
        liste
    }

    fn profiliert(&mut self, s: Spec, punkt: Option<OffenerPunkt>) -> (Fallakte, Vec<DemoTermin>) {
        use OffenerPunkt::*;
        let h = self.heute;
        let mut iv = self.intervall(s.lage);
        if s.vorgeschichte.is_some() {
            iv = iv.min(self.intervall(Profillage::Foerder));
        }
        let zweit = s.zweitgespraech && !matches!(punkt, Some(EvEntwurf | EvUeberfaellig));
        let mut n = self.zahl(s.folge.0 as i64, s.folge.1 as i64) as usize;
        match punkt {
            Some(EvEntwurf) => n = 0,
            Some(StrategieUeberZeitfenster | BedarfOhneStrategie | FolgegespraechUeberfaellig) => n = n.max(1),
            _ => {}
        }
        if zweit || s.vorgeschichte.is_some() {
            n = n.max(if s.vorgeschichte.is_some() { 2 } else { 1 });
        }

        // Conversation dates, backwards from the last one.
        let bis_termin = iv - self.zahl(0, 2);
        let mut x = if punkt == Some(FolgegespraechUeberfaellig) {
            bis_termin + self.zahl(5, 20)
        } else if punkt == Some(EvEntwurf) {
            self.zahl(1, 5.min(bis_termin - 1))
        } else {
            self.zahl(1, bis_termin - 1)
        };
        // The next appointment is ahead on a working day before the K1 deadline: when the days
        // between today and the planned date are all closed, the last conversation moves later.
        while punkt != Some(FolgegespraechUeberfaellig)
            && x > 1
            && arbeitstag_bis(tag(h, bis_termin - x), self.konf.bundesland) <= h
        {
            x -= 1;
        }
        let letztes = tag(h, -x);
        let mut daten = vec![letztes];
        for i in 0..n {
            let abstand = if zweit && i + 1 == n { self.zahl(7, 13) } else { iv - self.zahl(0, (iv / 6).min(5)) };
            daten.insert(0, tag(daten[0], -abstand));
        }
        if punkt == Some(EvUeberfaellig) {
            while tage_zwischen(daten[0], h) < self.gueltig_tage(daten[0]) + 20 && daten.len() < 9 {
                let abstand = iv - self.zahl(0, (iv / 6).min(5));
                daten.insert(0, tag(daten[0], -abstand));
            }
        }
        let termin = self.termintag(tag(letztes, bis_termin));
        let e = daten[0];
        let p = if zweit { daten[1] } else { e };
        let erster_folge = if zweit { 2 } else { 1 };
        let meldung = tag(e, -self.zahl(5, 25));
        let mut akte = self.leere_akte(s.segment, meldung);
        akte.aktivitaeten = self.aktivitaeten(&daten);

        // Profiling versions (P1–P8).
        let staerken = self.staerken();
        let alternativ = if self.beruf.alternative != self.beruf.kldb {
            vec![self.beruf.alternative.to_string()]
        } else {
            Vec::new()
        };
        let version = |b: &Bau<'_>, am: NaiveDate, bedarfe: &[Bedarf], lage: Profillage, prognose: u16, fazit: &str| {
            ProfilingVersion {
                gespeichert_am: am,
                zielberuf: Some(b.beruf.kldb.to_string()),
                zielberuf_bezeichnung: Some(b.beruf.bezeichnung.to_string()),
                alternativberufe: alternativ.clone(),
                vorlaeufig: false,
                staerken: staerken.clone(),
                merkmale: b.merkmale(bedarfe),
                verdichtung: s
                    .verdichtung
                    .iter()
                    .map(|(g, k)| Verdichtung { gruppe: (*g).into(), kommentar: (*k).into() })
                    .collect(),
                schwerpunkt: s.schwerpunkt.map(str::to_string),
                standortbestimmung: Some(Standortbestimmung {
                    datum: am,
                    prognose_monate: prognose,
                    fazit: fazit.to_string(),
                    fbw_dauer_monate: s.fbw_monate,
                    prognose_nur_wegen_fbw: s.fbw_monate.is_some(),
                    heranfuehren_binnen_12_monaten: s.heranfuehren,
                }),
                z_grund: None,
                i_grund: s.i_grund.map(str::to_string),
                profillage: Some(ProfillageWahl { wert: lage.id().into(), begruendung: None }),
            }
        };
        let mut bedarfe = s.bedarfe.clone();
        if punkt == Some(ZuKlaeren) && !bedarfe.iter().any(|b| b.status == MerkmalStatus::ZuKlaeren) {
            let frei = [
                "intellektuelle_leistungsfaehigkeit",
                "persoenliche_rahmenbedingungen",
                "lern_weiterbildungsbereitschaft",
            ]
            .into_iter()
            .find(|m| !bedarfe.iter().any(|b| b.merkmal == *m))
            .unwrap_or("persoenliche_rahmenbedingungen");
            bedarfe.push(Bedarf {
                merkmal: frei,
                status: MerkmalStatus::ZuKlaeren,
                kommentar: "Hinweise im Gespräch; Unterlagen und Stellungnahme des Fachdienstes sind angefordert. Ergebnis wird im nächsten Folgegespräch plausibilisiert."
                    .into(),
            });
        }
        if zweit {
            let mut v = version(self, e, &bedarfe, Profillage::N, s.prognose, "");
            v.merkmale.retain(|m| m.status != MerkmalStatus::KeinHandlungsbedarf);
            v.standortbestimmung = None;
            v.verdichtung.clear();
            v.schwerpunkt = None;
            akte.profiling.push(v);
        }
        let mut anpassung: Vec<(NaiveDate, String)> = Vec::new();
        if let Some(vg) = &s.vorgeschichte {
            let mut frueher = bedarfe.clone();
            frueher.push(vg.bedarf.clone());
            akte.profiling.push(version(self, e, &frueher, Profillage::Foerder, vg.prognose, &vg.fazit));
            akte.profiling.push(version(self, daten[1], &bedarfe, s.lage, s.prognose, &s.fazit));
            anpassung.push((
                daten[1],
                format!(
                    "„{}“ erfolgreich umgesetzt, der Handlungsbedarf „{}“ ist behoben. Neue Standortbestimmung: Profillage jetzt {}; {} fortgeschrieben.",
                    self.strategie_label(vg.plan.strategie),
                    self.merkmal_label(vg.bedarf.merkmal),
                    s.lage.label(),
                    self.vereinbarung()
                ),
            ));
        } else {
            akte.profiling.push(version(self, p, &bedarfe, s.lage, s.prognose, &s.fazit));
        }
        // Later versions: "zu klären" resolved in the next Folgegespräch (P4), or a Fortschreibung.
        if let Some(i) = bedarfe.iter().position(|b| b.status == MerkmalStatus::ZuKlaeren)
            && punkt != Some(ZuKlaeren)
            && daten.len() > erster_folge
        {
            let am = daten[erster_folge];
            let label = self.merkmal_label(bedarfe[i].merkmal);
            bedarfe.remove(i);
            let fazit = format!(
                "{} Fortschreibung {}: „{label}“ geklärt, kein Handlungsbedarf (Abschluss anerkannt).",
                s.fazit,
                de(am)
            );
            akte.profiling.push(version(self, am, &bedarfe, s.lage, s.prognose, &fazit));
            anpassung.push((am, format!("„{label}“ geklärt: Der ausländische Abschluss ist als gleichwertig anerkannt, kein Handlungsbedarf. Profiling fortgeschrieben, Profillage und Strategien bleiben.")));
        } else if daten.len() > erster_folge && s.vorgeschichte.is_none() && self.ja(0.3) {
            let k = self.zahl(erster_folge as i64, daten.len() as i64 - 1) as usize;
            let am = daten[k];
            let fazit = format!("{} Fortschreibung {}: Fortschritte bestätigt, Prognose unverändert.", s.fazit, de(am));
            akte.profiling.push(version(self, am, &bedarfe, s.lage, s.prognose, &fazit));
            anpassung.push((am, "Profiling fortgeschrieben (Stärken und Standortbestimmung aktualisiert); Profillage, Zieloption und Strategien bleiben.".into()));
        }
        if punkt == Some(BedarfOhneStrategie) {
            let neu = if bedarfe.iter().any(|b| b.merkmal == "finanzielle_situation") {
                "wohnsituation"
            } else {
                "finanzielle_situation"
            };
            let b = self.bedarf(neu);
            bedarfe.push(b);
            let label = self.merkmal_label(neu);
            let fazit = format!("{} Fortschreibung {}: neuer Handlungsbedarf „{label}“.", s.fazit, de(letztes));
            let v = version(self, letztes, &bedarfe, s.lage, s.prognose, &fazit);
            if akte.profiling.last().is_some_and(|l| l.gespeichert_am == letztes) {
                akte.profiling.pop();
            }
            akte.profiling.push(v);
            anpassung.push((letztes, format!("Neuer Handlungsbedarf „{label}“ festgestellt; die passende Strategie wird im nächsten Gespräch ausgewählt.")));
        }

        // Goal (Z1) on the day of the (final) profiling.
        let ziel_am = if s.vorgeschichte.is_some() { e } else { p };
        akte.ziele.push(Ziel {
            zieloption: s.ziel.into(),
            vereinbart_am: ziel_am,
            horizont_monate: s.horizont,
            beendet_arbeitslosigkeit_oder_verringert_hilfebeduerftigkeit: false,
            eigene_ziele: s.eigene_ziele.map(str::to_string),
        });

        // Strategies (S1–S13).
        let grenze = if s.lage.ist_komplex() { tag(plus_monate(p, 24), -1) } else { tag(h, 3650) };
        let mut strategien: Vec<StrategieWahl> = Vec::new();
        if let Some(vg) = &s.vorgeschichte {
            let erledigt = daten[1];
            strategien.push(StrategieWahl {
                strategie: vg.plan.strategie.into(),
                merkmal: vg.plan.merkmal.map(str::to_string),
                gewaehlt_am: e,
                beginn: Some(e),
                ende: Some(tag(e, vg.plan.dauer).max(erledigt)),
                geaendert_am: None,
                ergebnis: Some(StrategieErgebnis::ErfolgreichUmgesetzt),
                erledigt_am: Some(erledigt),
                reihenfolge: Some(1),
                produkte: vg.plan.produkte.iter().map(|x| x.to_string()).collect(),
            });
        }
        let gewaehlt = ziel_am;
        for pl in &s.plaene {
            let beginn = tag(gewaehlt, pl.start);
            let mut ende = tag(beginn, pl.dauer);
            if ende < tag(h, 20) {
                ende = tag(h, self.zahl(20, 120));
            }
            ende = ende.min(grenze).max(tag(beginn, 14));
            strategien.push(StrategieWahl {
                strategie: pl.strategie.into(),
                merkmal: pl.merkmal.map(str::to_string),
                gewaehlt_am: gewaehlt,
                beginn: Some(beginn),
                ende: Some(ende),
                geaendert_am: None,
                ergebnis: None,
                erledigt_am: None,
                reihenfolge: None,
                produkte: pl.produkte.iter().map(|x| x.to_string()).collect(),
            });
            if pl.absolventen {
                strategien.push(StrategieWahl {
                    strategie: "absolventenmanagement".into(),
                    merkmal: None,
                    gewaehlt_am: gewaehlt,
                    beginn: Some(ende),
                    ende: Some(plus_monate(ende, 3).min(grenze).max(tag(ende, 14))),
                    geaendert_am: None,
                    ergebnis: None,
                    erledigt_am: None,
                    reihenfolge: None,
                    produkte: vec!["stellenorientierte_vermittlung".into()],
                });
            }
        }
        if punkt == Some(StrategieUeberZeitfenster)
            && let Some(w) = strategien.iter_mut().find(|w| w.ergebnis.is_none() && w.strategie != "vermittlung")
        {
            let ende = tag(h, -self.zahl(3, 12));
            w.ende = Some(ende);
            w.beginn = w.beginn.map(|b| b.min(tag(ende, -30)).max(w.gewaehlt_am));
        }
        self.reihenfolge(&mut strategien);
        akte.strategien = strategien;

        // Consents and referrals (U4, U6) right after the profiling.
        for u in &s.einwilligungen {
            akte.einwilligungen.push(Einwilligung { umfang: *u, erteilt_am: p, widerrufen_am: None });
        }
        let mut nachtraege = Vec::new();
        for (leistung, frage) in &s.auftraege {
            let am = tag(p, self.zahl(0, 4)).min(h);
            let mut auftrag = Auftrag::neu(am, (*leistung).into(), *frage);
            if tage_zwischen(am, h) > super::auftraege::BEANTWORTET_NACH_TAGEN {
                super::auftraege::beantwortet(&mut auftrag, tag(am, 21));
            }
            akte.auftraege.push(auftrag);
            let label = self.k.finde_leistung(leistung).map_or(leistung.to_string(), |l| l.label.clone());
            nachtraege.push(Nachtrag { datum: am, text: format!("Auftrag „{label}“ an den Fachdienst erteilt.") });
        }
        akte.auftraege.sort_by_key(|a| a.datum);
        nachtraege.sort_by_key(|n| n.datum);

        // EV versions (E1–E3): at the first profiling, at the Zweitgespräch, after a Profillage
        // change, and at a Folgegespräch before the current one runs out.
        let naechstes = |d: NaiveDate| daten.iter().copied().find(|x| *x > d).unwrap_or(termin);
        let mut ev_daten = vec![e];
        if zweit {
            ev_daten.push(daten[1]);
        }
        if s.vorgeschichte.is_some() {
            ev_daten.push(daten[1]);
        }
        for (i, d) in daten.iter().copied().enumerate().skip(erster_folge) {
            let letzte = *ev_daten.last().unwrap_or(&e);
            if ev_daten.contains(&d) || punkt == Some(EvUeberfaellig) {
                continue;
            }
            let erneuern = self.gueltig_tage(letzte) - 14 - iv - 3;
            if tage_zwischen(letzte, d) >= erneuern.max(21)
                || (i + 1 == daten.len() && tage_zwischen(letzte, h) >= erneuern.max(21))
            {
                ev_daten.push(d);
            }
        }
        ev_daten.dedup();
        for (j, d) in ev_daten.iter().copied().enumerate() {
            let bis = naechstes(d);
            let aufgaben = if zweit && j == 0 {
                vec![
                    Aufgabe {
                        text: format!(
                            "Sie bringen ärztliche Unterlagen, Zeugnisse und Nachweise zu Ihrer Wohn- und Familiensituation zum Zweitgespräch am {} mit.",
                            de(bis)
                        ),
                        verantwortlich: Verantwortlich::Kunde,
                        frist: Some(bis),
                    },
                    Aufgabe {
                        text: "Termin für das Zweitgespräch vorbereiten und Unterlagen sichten.".into(),
                        verantwortlich: Verantwortlich::Vfk,
                        frist: Some(tag(d, 3)),
                    },
                ]
            } else {
                self.aufgaben(d, &akte.strategien, s.bewerbungen, s.biz, bis)
            };
            let abgeschlossen = !(punkt == Some(EvEntwurf) && j + 1 == ev_daten.len());
            let mut ev = self.ev(d, aufgaben, abgeschlossen);
            ev.ersetzt_am = ev_daten.get(j + 1).copied();
            akte.eingliederungsvereinbarungen.push(ev);
        }

        // Conversations and Vermerke (F1/F2, V1/V2).
        let vereinbarung = self.vereinbarung();
        for (i, d) in daten.iter().copied().enumerate() {
            let next = naechstes(d);
            let art = if i == 0 {
                Gespraechsart::Erstgespraech
            } else if zweit && i == 1 {
                Gespraechsart::Zweitgespraech
            } else {
                Gespraechsart::Folgegespraech
            };
            let mut folge = None;
            let mut text;
            if art == Gespraechsart::Folgegespraech {
                let vorher = akte
                    .eingliederungsvereinbarungen
                    .iter()
                    .rfind(|x| x.abgeschlossen_am.is_some_and(|a| a < d))
                    .map(|x| x.aufgaben.clone())
                    .unwrap_or_default();
                let mut pruefung = Vec::new();
                let mut erledigt = 0;
                for a in &vorher {
                    let ok = a.verantwortlich != Verantwortlich::Kunde || self.ja(0.85);
                    erledigt += usize::from(ok);
                    pruefung.push(Aufgabenpruefung {
                        aufgabe: a.text.clone(),
                        erledigt: ok,
                        grund: (!ok).then(|| self.eins(GRUENDE_NICHT_ERLEDIGT).to_string()),
                    });
                }
                let anpassungen = anpassung
                    .iter()
                    .find(|(am, _)| *am == d)
                    .map(|(_, t)| t.clone())
                    .unwrap_or_else(|| {
                        if punkt == Some(ZuKlaeren) {
                            "Profiling überprüft; das Merkmal „zu klären“ bleibt offen, bis die angeforderten Unterlagen vorliegen. Zieloption und Strategien bleiben.".into()
                        } else {
                            "Keine Änderungen: Profillage, Zieloption und Strategien bleiben bestehen.".into()
                        }
                    });
                let schritt3 = match (s.entfaellt, s.aktivitaeten) {
                    (Some(m), _) => Schritt3 {
                        bewerbungsaktivitaeten: None,
                        entfaellt_wegen: vec![m.into()],
                        suchlauf_durchgefuehrt: false,
                    },
                    (None, Some(a)) => Schritt3 {
                        bewerbungsaktivitaeten: Some(a.into()),
                        entfaellt_wegen: Vec::new(),
                        suchlauf_durchgefuehrt: true,
                    },
                    (None, None) => {
                        let n = self.zahl(2, 9);
                        let v = self.zahl(0, 2);
                        Schritt3 {
                            bewerbungsaktivitaeten: Some(format!(
                                "{n} Bewerbungen seit dem letzten Gespräch, {v} Vorstellungsgespräch(e); Bewerbungsunterlagen aktualisiert, Vermittlungsvorschläge übergeben."
                            )),
                            entfaellt_wegen: Vec::new(),
                            suchlauf_durchgefuehrt: true,
                        }
                    }
                };
                let bewerbung_text = schritt3.bewerbungsaktivitaeten.clone();
                let kunde_aufgabe = match s.bewerbungen {
                    Some(b) => format!("Mindestens {b} Bewerbungen bis zum nächsten Gespräch und Rückmeldung zu den Vermittlungsvorschlägen."),
                    None => "Vereinbarte Termine beim Träger bzw. der Beratungsstelle wahrnehmen und Bescheinigungen mitbringen.".into(),
                };
                folge = Some(Folgegespraech {
                    vorbereitung: Vorbereitung {
                        profil_gesichtet: true,
                        standortbestimmung_gesichtet: true,
                        ev_gesichtet: true,
                        unterlagen_ausgewertet: true,
                        rueckmeldungen_gesichtet: true,
                        suchlauf_durchgefuehrt: s.entfaellt.is_none(),
                    },
                    schritt1: Some(Schritt1 {
                        aufgaben: pruefung,
                        sanktionstatbestand: false,
                        folgeschritte: None,
                        erfolge_misserfolge: Some(format!("{erledigt} von {} Aufgaben umgesetzt.", vorher.len())),
                    }),
                    schritt2: Some(Schritt2 { profiling_geprueft: true, ziel_besprochen: true, strategien_geprueft: true, anpassungen: Some(anpassungen.clone()) }),
                    schritt3: Some(schritt3),
                    schritt4: Some(Schritt4 {
                        vereinbarungen: vec![
                            Aufgabe { text: kunde_aufgabe, verantwortlich: Verantwortlich::Kunde, frist: Some(tag(next, -1).max(tag(d, 1))) },
                            Aufgabe {
                                text: "Matchinglauf durchführen und passende Stellen als Vermittlungsvorschläge übermitteln.".into(),
                                verantwortlich: Verantwortlich::Vfk,
                                frist: Some(tag(d, 7)),
                            },
                        ],
                        naechster_termin: Some(next),
                    }),
                });
                text = format!(
                    "Folgegespräch. {erledigt} von {} Aufgaben {} umgesetzt. Profiling, Zieloption und Strategien überprüft. {anpassungen} ",
                    vorher.len(),
                    self.vereinbarung_genitiv()
                );
                match bewerbung_text {
                    Some(b) => text.push_str(&b),
                    None => text.push_str(&format!(
                        "Bewerbungsaktivitäten ruhen wegen des Handlungsbedarfs „{}“.",
                        self.merkmal_label(s.entfaellt.unwrap_or_default())
                    )),
                }
                if ev_daten.contains(&d) {
                    text.push_str(&format!(" {vereinbarung} fortgeschrieben, unterschrieben und ausgehändigt."));
                }
                text.push_str(&format!(" Nächster Termin: {}.", de(next)));
            } else {
                text = self.erstvermerk(&akte, d, art, next, &s, punkt);
            }
            akte.gespraeche.push(Gespraech {
                datum: d,
                art,
                mit_bedarfsgemeinschaft: false,
                folgegespraech: folge,
                naechster_termin: Some(next),
            });
            let vermerkart = match art {
                Gespraechsart::Erstgespraech => Vermerkart::Erstgespraech,
                Gespraechsart::Folgegespraech => Vermerkart::Folgegespraech,
                _ => Vermerkart::Sonstiges,
            };
            let nachtraege = if d == p { std::mem::take(&mut nachtraege) } else { Vec::new() };
            akte.vermerke.push(Beratungsvermerk { datum: d, art: vermerkart, text, nachtraege });
        }

        // Some cases already have the next EV in preparation (a draft beside the signed one).
        if punkt.is_none() && self.ja(0.08) {
            let am = tag(h, -self.zahl(0, 2)).max(letztes).max(*ev_daten.last().unwrap_or(&e));
            let aufgaben = self.aufgaben(am, &akte.strategien, s.bewerbungen, s.biz, termin);
            akte.eingliederungsvereinbarungen.push(self.ev(am, aufgaben, false));
        }

        let text = match punkt {
            Some(FolgegespraechUeberfaellig) => "Folgegespräch (Termin nicht wahrgenommen, neu vereinbaren)",
            _ => "Folgegespräch",
        };
        (akte, vec![DemoTermin { datum: termin, text: text.into(), regel: Some("K1") }])
    }

    /// V1: the Vermerk of the Erstgespräch (or Zweitgespräch) prefilled from the profiling.
    fn erstvermerk(
        &self,
        akte: &Fallakte,
        d: NaiveDate,
        art: Gespraechsart,
        next: NaiveDate,
        s: &Spec,
        punkt: Option<OffenerPunkt>,
    ) -> String {
        let vereinbarung = self.vereinbarung();
        let Some(v) = akte.profiling.iter().rfind(|v| v.gespeichert_am <= d) else {
            return format!("{}. Nächster Termin: {}.", art.label(), de(next));
        };
        let lage = v.profillage.as_ref().and_then(|p| self.k.finde_profillage(&p.wert)).unwrap_or(Profillage::N);
        let bedarfe: Vec<String> = v
            .merkmale
            .iter()
            .filter(|m| m.status == MerkmalStatus::Handlungsbedarf)
            .map(|m| self.merkmal_label(&m.merkmal))
            .collect();
        let offen: Vec<String> = v
            .merkmale
            .iter()
            .filter(|m| m.status == MerkmalStatus::ZuKlaeren)
            .map(|m| self.merkmal_label(&m.merkmal))
            .collect();
        let besondere: Vec<&str> = v.staerken.iter().filter(|x| x.besondere).map(|x| x.bezeichnung.as_str()).collect();
        let mut t =
            format!("{}. Zielberuf: {} (KldB {}).", art.label(), self.beruf_titel(self.beruf.kldb), self.beruf.kldb);
        if bedarfe.is_empty() {
            t.push_str(" Keine vermittlungsrelevanten Handlungsbedarfe.");
        } else {
            t.push_str(&format!(" Handlungsbedarfe: {}.", bedarfe.join(", ")));
        }
        if !offen.is_empty() {
            t.push_str(&format!(" Zu klären: {}.", offen.join(", ")));
        }
        if !besondere.is_empty() {
            t.push_str(&format!(" Besondere Stärken: {}.", besondere.join(", ")));
        }
        match &v.standortbestimmung {
            Some(sb) => {
                t.push_str(&format!(" Fazit der Standortbestimmung: {} Profillage: {}.", sb.fazit, lage.label()))
            }
            None => t.push_str(&format!(
                " Profiling im Zweitgespräch am {} abschließen; bis dahin Profillage {}.",
                de(next),
                lage.label()
            )),
        }
        if v.standortbestimmung.is_some()
            && let Some(option) = self.k.finde_zieloption(s.ziel)
        {
            t.push_str(&format!(" Vereinbarte Zieloption: {}.", option.label));
        }
        if !s.einwilligungen.is_empty() && v.standortbestimmung.is_some() {
            t.push_str(" Einwilligung für die Einschaltung des Fachdienstes erteilt.");
        }
        if punkt == Some(OffenerPunkt::EvEntwurf) {
            t.push_str(&format!(
                " Entwurf der {vereinbarung} besprochen und mitgegeben; Unterschrift nach Bedenkzeit."
            ));
        } else {
            t.push_str(&format!(" {vereinbarung} unterschrieben und ausgehändigt."));
        }
        t.push_str(&format!(" Nächster Termin: {}.", de(next)));
        t
    }

    /// S10: the recommended order R → L → M → Q for strategies of a Schlüsselgruppe.
    fn reihenfolge(&self, strategien: &mut [StrategieWahl]) {
        let gruppe = |w: &StrategieWahl| -> Option<vierphasen_domain::Schluesselgruppe> {
            match self.k.finde_strategie(&w.strategie) {
                Some(r) => self.k.strategie(r).gruppe,
                None => self
                    .konf
                    .lokale_strategien
                    .iter()
                    .find(|l| l.id == w.strategie)
                    .and_then(|l| l.merkmal.as_deref())
                    .and_then(|m| self.k.finde_merkmal(m))
                    .map(|m| self.k.merkmal(m).gruppe),
            }
        };
        let mut offen: Vec<(usize, u8, NaiveDate)> = strategien
            .iter()
            .enumerate()
            .filter(|(_, w)| w.ergebnis.is_none())
            .filter_map(|(i, w)| gruppe(w).map(|g| (i, g.empfohlener_rang(), w.beginn.unwrap_or(w.gewaehlt_am))))
            .collect();
        offen.sort_by_key(|(_, rang, beginn)| (*rang, *beginn));
        let start = u8::from(strategien.iter().any(|w| w.ergebnis.is_some()));
        for (n, (i, _, _)) in offen.into_iter().enumerate() {
            strategien[i].reihenfolge = Some(start + 1 + n as u8);
        }
    }
}
