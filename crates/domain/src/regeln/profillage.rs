//! PL1–PL4: deriving the Profillage from the profiling, and checking the VFK's choice.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use crate::befund::Befund;
use crate::fallakte::GepruefteFallakte;
use crate::grundtypen::{Gruppen, Profillage, Rechtskreis, Schluesselgruppe as G};
use crate::regel::Regel;

/// What PL2 reads.
#[derive(Debug, Clone, Default)]
pub struct ProfillageEingabe {
    pub rechtskreis: Option<Rechtskreis>,
    /// Number of Merkmale in need per Schlüsselgruppe (index = `Schluesselgruppe as usize`).
    pub bedarfe: [u8; 5],
    /// Groups the VFK marked as verdichtet (with comment).
    pub verdichtet_markiert: Gruppen,
    pub schwerpunkt_gewaehlt: Option<G>,
    /// None = no Standortbestimmung yet.
    pub prognose_monate: Option<u16>,
    /// PL2: set when the prognosis exceeds 12 months only because of an FbW.
    pub fbw: Option<FbwEingabe>,
    pub absolventenmanagement_laeuft: bool,
    pub heranfuehren_binnen_12: Option<bool>,
    pub z: Option<ZEingabe>,
    pub i_grund: bool,
}

/// PL2: the FbW (§ 81 SGB III) the prognosis exceeds 12 months for.
#[derive(Debug, Clone, Copy)]
pub struct FbwEingabe {
    /// Planned duration; none = not given.
    pub dauer_monate: Option<u16>,
    /// "von mehr als 9 Monaten" (`parameter.toml`).
    pub mehr_als_monate: u32,
}

/// PL3 facts.
#[derive(Debug, Clone)]
pub struct ZEingabe {
    pub grund: String,
    pub nur_ohne_integrationsabsicht: bool,
    pub integration_angestrebt: bool,
    pub nur_rechtskreis: Option<Rechtskreis>,
    pub ende_datum_erforderlich: bool,
    pub ende_datum: Option<NaiveDate>,
    /// Date of the profiling (for "i. d. R. innerhalb der nächsten 2 Monate").
    pub stand: NaiveDate,
    pub regel_monate: u32,
    /// d): the date up to which no progress is achievable is required.
    pub kein_fortschritt_bis_erforderlich: bool,
    pub kein_fortschritt_bis: Option<NaiveDate>,
    /// d): "spätestens aber bis zum Ablauf von 6 Monaten".
    pub kein_fortschritt_hoechstens_monate: u32,
}

impl ZEingabe {
    /// PL3: every condition of the reason that is not met, one German sentence each (the hint
    /// while deriving, the error when Z is chosen anyway). Empty = Z holds.
    pub fn nicht_erfuellt(&self, rechtskreis: Option<Rechtskreis>) -> Vec<String> {
        let mut m = Vec::new();
        let grund = &self.grund;
        if let (Some(nur), Some(rk)) = (self.nur_rechtskreis, rechtskreis)
            && nur != rk
        {
            m.push(format!("Der Z-Grund „{grund}“ gilt nur im {}.", nur.label()));
        }
        // a): "wenn das Ende … bereits zu einem konkreten Zeitpunkt feststeht".
        if self.ende_datum_erforderlich && self.ende_datum.is_none() {
            m.push(format!(
                "Z (Grund „{grund}“) nur, wenn das Ende der Arbeitslosigkeit bzw. Hilfebedürftigkeit zu einem konkreten Zeitpunkt feststeht: das Datum angeben."
            ));
        }
        // d), condition 1: "bis zum nächsten vereinbarten Beratungsgespräch, spätestens aber bis
        // zum Ablauf von 6 Monaten, keine Integrationsfortschritte erzielbar".
        if self.kein_fortschritt_bis_erforderlich {
            let hoechstens = crate::datum::plus_monate(self.stand, self.kein_fortschritt_hoechstens_monate);
            match self.kein_fortschritt_bis {
                None => m.push(format!(
                    "Z (Grund „{grund}“) nur, wenn bis zum nächsten vereinbarten Beratungsgespräch, spätestens innerhalb von {} Monaten, keine Integrationsfortschritte erzielbar sind: das Datum dieses Gesprächs angeben.",
                    self.kein_fortschritt_hoechstens_monate
                )),
                Some(bis) if bis <= self.stand => m.push(format!(
                    "Z (Grund „{grund}“): Das nächste vereinbarte Beratungsgespräch ({}) muss nach dem Profiling ({}) liegen.",
                    crate::datum::de(bis),
                    crate::datum::de(self.stand)
                )),
                Some(bis) if bis > hoechstens => m.push(format!(
                    "Z (Grund „{grund}“) nur, wenn spätestens innerhalb von {} Monaten keine Integrationsfortschritte erzielbar sind: Das nächste vereinbarte Beratungsgespräch ({}) liegt nach dem {}.",
                    self.kein_fortschritt_hoechstens_monate,
                    crate::datum::de(bis),
                    crate::datum::de(hoechstens)
                )),
                Some(_) => {}
            }
        }
        // b_440, d), condition 2: "sofern eine berufliche Eingliederung … tatsächlich nicht
        // angestrebt wird".
        if self.nur_ohne_integrationsabsicht && self.integration_angestrebt {
            m.push(format!(
                "Z (Grund „{grund}“) gilt nur, wenn eine berufliche Eingliederung tatsächlich nicht angestrebt wird."
            ));
        }
        m
    }
}

/// PL2/S3: whether strategy `i` of the case is an Absolventenmanagement running on `stichtag`
/// (open and begun). Seed 2.1.1: "Auch nach absolvierter Förderung ist eine Kundin bzw. ein Kunde
/// im Rahmen der Handlungsstrategie „Absolventenmanagement“ immer noch als Förderprofil zu führen."
pub fn absolventenmanagement_laeuft(f: &GepruefteFallakte<'_>, i: usize, stichtag: NaiveDate) -> bool {
    let w = &f.akte.strategien[i];
    w.ergebnis.is_none()
        && w.beginn.unwrap_or(w.gewaehlt_am) <= stichtag
        && f.nationale_strategie(i).is_some_and(|s| s.id == super::strategien::ABSOLVENTENMANAGEMENT)
}

/// PL1: the engine's answer.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfillageErgebnis {
    /// Always a member of `zulaessig` when present.
    pub vorschlag: Option<Profillage>,
    /// Choices that need no Begründung.
    pub zulaessig: Vec<Profillage>,
    /// False when the profiling fits no Profillage; then every choice needs a Begründung.
    pub konsistent: bool,
    /// When inconsistent: the Profillage that comes nearest.
    pub naechstliegend: Option<Profillage>,
    /// The Schwerpunkt used (chosen or default).
    pub schwerpunkt: Option<G>,
    /// The VFK must pick the Schwerpunkt (L and R tie for a complex profile).
    pub schwerpunkt_waehlen: bool,
    pub hinweise: Vec<Befund>,
}

impl ProfillageErgebnis {
    fn eindeutig(p: Profillage) -> Self {
        Self::mit(Some(p), vec![p])
    }
    fn mit(vorschlag: Option<Profillage>, zulaessig: Vec<Profillage>) -> Self {
        ProfillageErgebnis {
            vorschlag,
            zulaessig,
            konsistent: true,
            naechstliegend: None,
            schwerpunkt: None,
            schwerpunkt_waehlen: false,
            hinweise: Vec::new(),
        }
    }
    fn inkonsistent(naechstliegend: Option<Profillage>, hinweis: Befund) -> Self {
        ProfillageErgebnis {
            vorschlag: None,
            zulaessig: Vec::new(),
            konsistent: false,
            naechstliegend,
            schwerpunkt: None,
            schwerpunkt_waehlen: false,
            hinweise: vec![hinweis],
        }
    }
}

const BEZUG: &str = "profiling";
const FBW_BEZUG: &str = "profiling.standortbestimmung.fbw_dauer_monate";

impl ProfillageEingabe {
    /// G: groups among Q, L, M, R with at least one Handlungsbedarf (A never counts).
    pub fn g(&self) -> Gruppen {
        [G::Qualifikation, G::Leistungsfaehigkeit, G::Motivation, G::Rahmenbedingungen]
            .into_iter()
            .filter(|g| self.bedarfe[*g as usize] > 0)
            .collect()
    }

    /// PL2 Interpretation: ≥ 2 Merkmale in need, or marked by the VFK.
    pub fn verdichtung(&self, g: G) -> bool {
        self.bedarfe[g as usize] >= 2 || self.verdichtet_markiert.enthaelt(g)
    }

    /// PL2: default Schwerpunkt — the group of F with most needs, ties R before L before Q;
    /// an L/R tie in a complex profile has no default. Returns (Schwerpunkt, must choose).
    pub fn schwerpunkt(&self, komplex: bool) -> (Option<G>, bool) {
        let f = self.g().schnitt(Gruppen::foerdergruppen());
        if let Some(s) = self.schwerpunkt_gewaehlt.filter(|s| f.enthaelt(*s)) {
            return (Some(s), false);
        }
        let max = f.iter().map(|g| self.bedarfe[g as usize]).max();
        let Some(max) = max else { return (None, false) };
        let spitze: Gruppen = f.iter().filter(|g| self.bedarfe[*g as usize] == max).collect();
        if komplex && spitze.enthaelt(G::Leistungsfaehigkeit) && spitze.enthaelt(G::Rahmenbedingungen) {
            return (None, true);
        }
        let s =
            [G::Rahmenbedingungen, G::Leistungsfaehigkeit, G::Qualifikation].into_iter().find(|g| spitze.enthaelt(*g));
        (s, false)
    }
}

/// PL1/PL2/PL2a: suggestion, admissible set and hints.
pub fn ableiten(e: &ProfillageEingabe) -> ProfillageErgebnis {
    let mut vorab = Vec::new();

    // PL2a: Z before I before the derived Profillagen.
    if let Some(z) = &e.z {
        let fehlt = z.nicht_erfuellt(e.rechtskreis);
        if fehlt.is_empty() {
            let mut erg = ProfillageErgebnis::eindeutig(Profillage::Z);
            if let Some(ende) = z.ende_datum
                && ende > crate::datum::plus_monate(z.stand, z.regel_monate)
            {
                erg.hinweise.push(Befund::hinweis(
                    Regel::PL3,
                    BEZUG,
                    format!(
                        "Das Ende ({}) liegt mehr als {} Monate nach dem Profiling; Z nach a) gilt i. d. R. nur innerhalb der nächsten {} Monate.",
                        crate::datum::de(ende),
                        z.regel_monate,
                        z.regel_monate
                    ),
                ));
            }
            return erg;
        }
        // Decision: while a condition is not met, the Profillage is derived as if there were no
        // Z-Grund (I, N or PL2); each hint says what is missing for Z.
        for m in fehlt {
            vorab.push(Befund::hinweis(
                Regel::PL3,
                BEZUG,
                format!("{m} Bis dahin wird die Profillage aus dem Profiling abgeleitet."),
            ));
        }
    }
    if e.i_grund {
        if e.rechtskreis == Some(Rechtskreis::SgbIII) {
            vorab.push(Befund::hinweis(Regel::PL4, BEZUG, "Die Profillage I gibt es nur im SGB II."));
        } else {
            let mut erg = ProfillageErgebnis::eindeutig(Profillage::I);
            erg.hinweise = vorab;
            return erg;
        }
    }
    let Some(p) = e.prognose_monate else {
        let mut erg = ProfillageErgebnis::eindeutig(Profillage::N);
        erg.hinweise = vorab;
        erg.hinweise.push(Befund::hinweis(
            Regel::PL2a,
            BEZUG,
            "Ohne Standortbestimmung bleibt die Profillage N: Noch nicht festgelegt.",
        ));
        return erg;
    };
    let mut erg = abgeleitet(e, p);
    vorab.append(&mut erg.hinweise);
    erg.hinweise = vorab;
    erg
}

fn abgeleitet(e: &ProfillageEingabe, p: u16) -> ProfillageErgebnis {
    let g = e.g();
    let f = g.schnitt(Gruppen::foerdergruppen());
    let nur_motivation = g == Gruppen::leer().mit(G::Motivation);

    if p <= 12 {
        // PL2: a running Absolventenmanagement keeps the Förderprofil even when no need in Q, L or
        // R is left (seed: "immer noch als Förderprofil zu führen"); Motivation may be present.
        if f.ist_leer() && e.absolventenmanagement_laeuft {
            let mut erg = ProfillageErgebnis::eindeutig(Profillage::Foerder);
            erg.hinweise.push(Befund::hinweis(
                Regel::PL2,
                BEZUG,
                "Absolventenmanagement läuft: Auch nach absolvierter Förderung ist die Kundin bzw. der Kunde weiter als Förderprofil zu führen.",
            ));
            return erg;
        }
        if g.ist_leer() {
            let mut erg = ProfillageErgebnis::eindeutig(Profillage::Markt);
            if p > 6 {
                erg.hinweise.push(Befund::hinweis(
                    Regel::PL2,
                    BEZUG,
                    format!("Marktprofil: Integrationsprognose in der Regel bis 6 Monate, hier {p} Monate."),
                ));
            }
            return erg;
        }
        if nur_motivation {
            if p <= 6 {
                return ProfillageErgebnis::eindeutig(Profillage::Aktivierung);
            }
            return ProfillageErgebnis::inkonsistent(
                Some(Profillage::Aktivierung),
                Befund::hinweis(
                    Regel::PL2,
                    BEZUG,
                    format!(
                        "Handlungsbedarf nur in Motivation, aber Prognose {p} Monate: Das Aktivierungsprofil setzt bis 6 Monate voraus. Prognose prüfen; Aktivierungsprofil nur mit Begründung."
                    ),
                ),
            );
        }
        // F ≠ ∅ here (G has more than Motivation).
        let mut erg = ProfillageErgebnis::eindeutig(Profillage::Foerder);
        if f.anzahl() >= 2 {
            let namen: Vec<&str> = f.iter().map(G::label).collect();
            erg.hinweise.push(Befund::hinweis(
                Regel::PL2,
                BEZUG,
                format!("Handlungsbedarfe in {} Schlüsselgruppen ({}); das Förderprofil nennt eine. Prognose bis 12 Monate prüfen.", f.anzahl(), namen.join(", ")),
            ));
        }
        return erg;
    }

    // p > 12: komplex.
    if f.ist_leer() {
        let naechst = if g.ist_leer() { Profillage::Markt } else { Profillage::Aktivierung };
        return ProfillageErgebnis::inkonsistent(
            Some(naechst),
            Befund::hinweis(
                Regel::PL2,
                BEZUG,
                format!(
                    "Prognose {p} Monate, aber kein Handlungsbedarf in Qualifikation, Leistungsfähigkeit oder Rahmenbedingungen: Prognose oder Potenzialanalyse prüfen."
                ),
            ),
        );
    }
    let (schwerpunkt, waehlen) = e.schwerpunkt(true);
    let mut erg = match schwerpunkt {
        Some(s) => komplex_mit_schwerpunkt(e, g, s, p),
        None => {
            // L and R tie: the VFK must pick; offer what either choice allows.
            let mut z = Vec::new();
            for s in [G::Leistungsfaehigkeit, G::Rahmenbedingungen] {
                for x in komplex_mit_schwerpunkt(e, g, s, p).zulaessig {
                    if !z.contains(&x) {
                        z.push(x);
                    }
                }
            }
            z.sort();
            let mut erg = ProfillageErgebnis::mit(None, z);
            erg.hinweise.push(Befund::hinweis(
                Regel::PL2,
                BEZUG,
                "Leistungsfähigkeit und Rahmenbedingungen haben gleich viele Handlungsbedarfe: Bitte den Schwerpunkt wählen.",
            ));
            erg
        }
    };
    erg.schwerpunkt = schwerpunkt;
    erg.schwerpunkt_waehlen = waehlen;
    if let (Some(vorschlag), Some(wahrscheinlich)) = (erg.vorschlag, e.heranfuehren_binnen_12) {
        if vorschlag == Profillage::Unterstuetzung && wahrscheinlich {
            erg.hinweise.push(Befund::hinweis(Regel::PL2, BEZUG, "Heranführen binnen 12 Monaten gilt als wahrscheinlich – das spricht eher für ein Stabilisierungsprofil. Schwerpunkt prüfen."));
        }
        if vorschlag == Profillage::Stabilisierung && !wahrscheinlich {
            erg.hinweise.push(Befund::hinweis(Regel::PL2, BEZUG, "Heranführen binnen 12 Monaten gilt als unwahrscheinlich – das spricht eher für ein Unterstützungsprofil. Schwerpunkt prüfen."));
        }
    }
    erg
}

fn komplex_mit_schwerpunkt(e: &ProfillageEingabe, g: Gruppen, s: G, p: u16) -> ProfillageErgebnis {
    let weitere = g.ohne(s).anzahl();
    let verdichtet = e.verdichtung(s);
    if weitere == 0 && !verdichtet {
        if e.absolventenmanagement_laeuft {
            return ProfillageErgebnis::eindeutig(Profillage::Foerder);
        }
        // PL2: "Übersteigt die Integrationsprognose allein deshalb zwölf Monate, weil die Kundin bzw.
        // der Kunde eine Maßnahme zur Förderung der beruflichen Weiterbildung (FbW) nach § 81 SGB III
        // … von mehr als 9 Monaten durchlaufen soll, ist der Fall dem Förderprofil zuzuordnen."
        let fbw_hinweis = match e.fbw {
            None => None,
            Some(FbwEingabe { dauer_monate: Some(d), mehr_als_monate }) if u32::from(d) > mehr_als_monate => {
                return ProfillageErgebnis::eindeutig(Profillage::Foerder);
            }
            Some(FbwEingabe { dauer_monate: Some(d), mehr_als_monate }) => Some(format!(
                "Eine FbW von höchstens {mehr_als_monate} Monaten (geplant: {d} Monate) begründet kein Förderprofil bei einer Prognose über 12 Monate; das gilt nur bei einer FbW von mehr als {mehr_als_monate} Monaten."
            )),
            Some(FbwEingabe { dauer_monate: None, mehr_als_monate }) => Some(format!(
                "Prognose über 12 Monate allein wegen einer FbW: bitte die geplante Dauer der FbW in Monaten angeben (Förderprofil nur bei mehr als {mehr_als_monate} Monaten)."
            )),
        };
        let mut erg = ProfillageErgebnis::inkonsistent(
            Some(Profillage::Foerder),
            Befund::hinweis(
                Regel::PL2,
                BEZUG,
                format!(
                    "Prognose {p} Monate bei Handlungsbedarf nur in {} ohne Verdichtung: Förderprofil nur als gesondert begründete, komplexe Förderprofillage (Begründung) – oder Prognose prüfen.",
                    s.label()
                ),
            ),
        );
        if let Some(h) = fbw_hinweis {
            erg.hinweise.push(Befund::hinweis(Regel::PL2, FBW_BEZUG, h));
        }
        return erg;
    }
    match s {
        G::Leistungsfaehigkeit if weitere >= 2 || verdichtet => ProfillageErgebnis::mit(
            Some(Profillage::Stabilisierung),
            vec![Profillage::Entwicklung, Profillage::Stabilisierung],
        ),
        G::Rahmenbedingungen if weitere >= 2 || verdichtet => ProfillageErgebnis::mit(
            Some(Profillage::Unterstuetzung),
            vec![Profillage::Entwicklung, Profillage::Unterstuetzung],
        ),
        _ => ProfillageErgebnis::eindeutig(Profillage::Entwicklung),
    }
}

/// The VFK's choice against the engine's answer (PL1, PL2, PL2a, PL3, PL4).
#[derive(Debug, Clone, Copy)]
pub struct Wahl<'a> {
    pub profillage: Option<Profillage>,
    pub begruendung: Option<&'a str>,
    pub schwerpunkt_gewaehlt: Option<G>,
}

pub fn wahl_pruefen(e: &ProfillageEingabe, erg: &ProfillageErgebnis, wahl: Wahl<'_>) -> Vec<Befund> {
    let mut b = Vec::new();
    let begruendet = wahl.begruendung.is_some_and(|t| !t.trim().is_empty());
    if let Some(s) = wahl.schwerpunkt_gewaehlt
        && !e.g().schnitt(Gruppen::foerdergruppen()).enthaelt(s)
    {
        b.push(Befund::fehler(Regel::PL2, "profiling.schwerpunkt", format!("Schwerpunkt {} hat keinen Handlungsbedarf (Schwerpunkt nur unter Qualifikation, Leistungsfähigkeit, Rahmenbedingungen mit Bedarf).", s.label())));
    }
    let Some(p) = wahl.profillage else {
        if e.prognose_monate.is_some() {
            b.push(Befund::warnung(
                Regel::PL1,
                "profiling.profillage",
                "Standortbestimmung liegt vor, aber keine Profillage gewählt (P8).",
            ));
        }
        return b;
    };
    match p {
        Profillage::I if e.rechtskreis == Some(Rechtskreis::SgbIII) => {
            b.push(Befund::fehler(
                Regel::PL4,
                "profiling.profillage",
                "Die Profillage I: Integriert, aber weiter hilfebedürftig gibt es nur im SGB II.",
            ));
            return b;
        }
        Profillage::I if !e.i_grund => {
            b.push(Befund::fehler(Regel::PL4, "profiling.profillage", "Profillage I erfordert die Angabe, in welcher Form die Kundin bzw. der Kunde erwerbstätig ist (i_grund)."));
            return b;
        }
        Profillage::Z if e.z.is_none() => {
            b.push(Befund::fehler(Regel::PL3, "profiling.profillage", "Profillage Z erfordert einen Grund (a–d)."));
            return b;
        }
        Profillage::Z => {
            // PL3: each unmet condition of the reason refuses Z on its own.
            let fehlt = e.z.as_ref().map(|z| z.nicht_erfuellt(e.rechtskreis)).unwrap_or_default();
            if !fehlt.is_empty() {
                b.extend(fehlt.into_iter().map(|m| Befund::fehler(Regel::PL3, "profiling.profillage", m)));
                return b;
            }
        }
        Profillage::N if e.prognose_monate.is_some() => {
            b.push(Befund::warnung(Regel::PL2a, "profiling.profillage", "Standortbestimmung liegt vor, die Profillage ist aber noch N. Auch vorläufig eine Profillage festlegen (P8)."));
            return b;
        }
        x if e.prognose_monate.is_none() && !matches!(x, Profillage::N | Profillage::Z | Profillage::I) => {
            b.push(Befund::fehler(
                Regel::PL2a,
                "profiling.profillage",
                format!(
                    "{} ohne Standortbestimmung: Solange keine Standortbestimmung vorliegt, ist die Profillage N.",
                    x.label()
                ),
            ));
            return b;
        }
        _ => {}
    }
    if !erg.zulaessig.contains(&p) {
        if begruendet {
            b.push(Befund::hinweis(
                Regel::PL1,
                "profiling.profillage.begruendung",
                format!(
                    "{} weicht vom Regelwerk ab und ist begründet; die Abweichung wird in den Kennzahlen gezählt.",
                    p.label()
                ),
            ));
        } else {
            let zul: Vec<&str> = erg.zulaessig.iter().map(|x| x.label()).collect();
            let erlaubt = if zul.is_empty() { "keine ohne Begründung".to_string() } else { zul.join(", ") };
            b.push(Befund::fehler(Regel::PL1, "profiling.profillage.begruendung", format!("{} liegt außerhalb der zulässigen Profillagen ({erlaubt}) und braucht eine schriftliche Begründung.", p.label())));
        }
    }
    b
}
