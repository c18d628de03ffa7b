//! The Fallprüfung: all rules over one case at a date (what `vierphasen pruefen` prints).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use crate::befund::{Befund, Schwere};
use crate::datum::{de, plus_tage};
use crate::fallakte::{GepruefteFallakte, Gespraechsart};
use crate::grundtypen::{Profillage, Rechtskreis};
use crate::katalog::Suchhorizont;
use crate::regel::Regel;
use crate::regeln::frist::Frist;
use crate::regeln::profillage::{
    FbwEingabe, ProfillageEingabe, ProfillageErgebnis, Wahl, ZEingabe, ableiten, absolventenmanagement_laeuft,
    wahl_pruefen,
};
use crate::regeln::vermerk::{self, Vorbefuellung};
use crate::regeln::{
    ev, fachdienst, folgegespraech, geltungsbereich, kontaktdichte, lebenslauf, profiling, strategien, uebergabe,
    vermittlung, ziel,
};

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Pruefergebnis {
    pub stichtag: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kundennummer: Option<String>,
    pub rechtskreis: Rechtskreis,
    pub profillage: ProfillageAusgabe,
    /// P9
    pub matchingfaehig: bool,
    pub befunde: Vec<Befund>,
    pub fristen: Vec<Frist>,
    /// V1/V2: the Beratungsvermerk prefill after the latest Erstgespräch or Folgegespräch up to
    /// the Stichtag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vermerk_vorbefuellung: Option<VermerkVorbefuellung>,
    /// Z6: how far matching searches for the agreed Zieloption.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suchhorizont: Option<SuchhorizontAusgabe>,
    pub zusammenfassung: Zusammenfassung,
}

/// V1/V2: the prefill a Vermerk of that conversation gets.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VermerkVorbefuellung {
    pub gespraech: Gespraechsart,
    pub datum: NaiveDate,
    #[serde(flatten)]
    pub vorbefuellung: Vorbefuellung,
}

/// Z6: the search horizon of the current goal; matching also uses the narrower levels.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SuchhorizontAusgabe {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub regel: Regel,
    /// Zieloption id.
    pub zieloption: String,
    pub horizont: Suchhorizont,
    /// The levels matching searches, narrowest first.
    pub stufen: Vec<Suchhorizont>,
    pub text: String,
}

/// V1 after an Erstgespräch (also the Erstgespräch SGB II), V2 after a Folgegespräch: the prefill
/// for the latest such conversation on or before `stichtag`.
pub fn vermerk_vorbefuellung(f: &GepruefteFallakte<'_>, stichtag: NaiveDate) -> Option<VermerkVorbefuellung> {
    f.akte.gespraeche.iter().filter(|g| g.datum <= stichtag).rev().find_map(|g| {
        let vorbefuellung = match g.art {
            Gespraechsart::Erstgespraech | Gespraechsart::ErstgespraechSgb2 => vermerk::erstgespraech(f, g.datum),
            Gespraechsart::Folgegespraech => vermerk::folgegespraech(f, g.datum),
            _ => return None,
        };
        Some(VermerkVorbefuellung { gespraech: g.art, datum: g.datum, vorbefuellung })
    })
}

/// Z6: the search horizon of the current goal (none without a goal).
pub fn suchhorizont(f: &GepruefteFallakte<'_>) -> Option<SuchhorizontAusgabe> {
    f.aktuelles_ziel().map(|(_, o)| SuchhorizontAusgabe {
        regel: Regel::Z6,
        zieloption: o.id.clone(),
        horizont: o.suchhorizont,
        stufen: ziel::suchhorizont_stufen(o.suchhorizont).to_vec(),
        text: ziel::suchhorizont_text(o.suchhorizont).to_owned(),
    })
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfillageAusgabe {
    /// The Profillage chosen in the current profiling.
    pub gewaehlt: Option<Profillage>,
    #[serde(flatten)]
    pub ergebnis: ProfillageErgebnis,
}

#[derive(Debug, Clone, Copy, Default, Serialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Zusammenfassung {
    pub fehler: usize,
    pub warnungen: usize,
    pub hinweise: usize,
    /// Findings of phases not reached yet while today's work goes on (issue 15/3).
    pub naechste_schritte: usize,
}

impl Pruefergebnis {
    pub fn hat_fehler(&self) -> bool {
        self.zusammenfassung.fehler > 0
    }
}

/// PL2's input from the current profiling.
pub fn profillage_eingabe(f: &GepruefteFallakte<'_>, stichtag: NaiveDate) -> ProfillageEingabe {
    let k = f.katalog;
    let mut e = ProfillageEingabe { rechtskreis: Some(f.akte.kunde.rechtskreis), ..Default::default() };
    let Some((v, s)) = f.aktuelles_profiling() else { return e };
    for m in s.mit_bedarf() {
        e.bedarfe[k.merkmal(m).gruppe as usize] += 1;
    }
    e.verdichtet_markiert = s.verdichtet;
    e.schwerpunkt_gewaehlt = s.schwerpunkt;
    if let Some(sb) = &v.standortbestimmung {
        e.prognose_monate = Some(sb.prognose_monate);
        e.fbw = sb.prognose_nur_wegen_fbw.then_some(FbwEingabe {
            dauer_monate: sb.fbw_dauer_monate,
            mehr_als_monate: k.parameter.profiling.fbw_mehr_als_monate,
        });
        e.heranfuehren_binnen_12 = sb.heranfuehren_binnen_12_monaten;
    }
    e.absolventenmanagement_laeuft = (0..f.akte.strategien.len()).any(|i| absolventenmanagement_laeuft(f, i, stichtag));
    if let (Some(zi), Some(za)) = (s.z_grund, &v.z_grund) {
        let g = &k.z_gruende[zi];
        e.z = Some(ZEingabe {
            grund: g.id.clone(),
            nur_ohne_integrationsabsicht: g.nur_ohne_integrationsabsicht,
            integration_angestrebt: za.integration_angestrebt,
            nur_rechtskreis: g.nur_rechtskreis,
            ende_datum_erforderlich: g.ende_datum_erforderlich,
            ende_datum: za.ende_datum,
            stand: v.gespeichert_am,
            regel_monate: k.parameter.profiling.z_a_regel_monate,
            kein_fortschritt_bis_erforderlich: g.kein_fortschritt_bis_erforderlich,
            kein_fortschritt_bis: za.kein_fortschritt_bis,
            kein_fortschritt_hoechstens_monate: k.parameter.profiling.z_d_hoechstens_monate,
        });
    }
    e.i_grund = s.i_grund.is_some();
    e
}

/// Runs every rule over the case.
pub fn pruefen(f: &GepruefteFallakte<'_>, stichtag: NaiveDate) -> Pruefergebnis {
    let mut befunde = Vec::new();
    let mut fristen = Vec::new();

    let eingabe = profillage_eingabe(f, stichtag);
    let ergebnis = ableiten(&eingabe);
    let aktuell = f.aktuelles_profiling();
    let gewaehlt = aktuell.and_then(|(_, s)| s.profillage);
    if let Some((v, s)) = aktuell {
        let wahl = Wahl {
            profillage: s.profillage,
            begruendung: v.profillage.as_ref().and_then(|p| p.begruendung.as_deref()),
            schwerpunkt_gewaehlt: s.schwerpunkt,
        };
        befunde.extend(wahl_pruefen(&eingabe, &ergebnis, wahl));
    }
    befunde.extend(ergebnis.hinweise.iter().cloned());
    let wirksam = gewaehlt.or(ergebnis.vorschlag).or(aktuell.map(|_| Profillage::N));

    befunde.extend(profiling::profiling_pruefen(f));
    befunde.extend(geltungsbereich::geltungsbereich_pruefen(f));
    befunde.extend(ziel::ziel_pruefen(f, wirksam, stichtag));
    befunde.extend(strategien::plan_pruefen(f, wirksam, stichtag));
    let (fr, b) = strategien::massnahme_gespraeche(f, stichtag);
    fristen.extend(fr);
    befunde.extend(b);
    let (fr, b) = ev::ev_pruefen(f, wirksam, stichtag);
    fristen.extend(fr);
    befunde.extend(b);
    befunde.extend(folgegespraech::folgegespraeche_pruefen(f));
    befunde.extend(folgegespraech::schritt4_in_ev_pruefen(f, stichtag));
    if let Some(p) = wirksam {
        let (fr, b) = kontaktdichte::folgegespraech_frist(f, p, stichtag);
        fristen.extend(fr);
        befunde.extend(b);
    }
    befunde.extend(lebenslauf::lebenslauf_pruefen(f));
    let (fr, b) = uebergabe::uebergabe_fristen(f, stichtag);
    fristen.extend(fr);
    befunde.extend(b);
    befunde.extend(fachdienst::auftraege_pruefen(f));
    befunde.extend(vermittlung::vermittlung_pruefen(f, stichtag));

    // P8/OF1: an N profile waits for its Zweitgespräch.
    if let (Some(Profillage::N), Some((v, _))) = (wirksam, aktuell) {
        let bis = plus_tage(v.gespeichert_am, f.katalog.parameter.profiling.n_zweitgespraech_tage);
        let spaeter = f.akte.gespraeche.iter().any(|g| g.datum > v.gespeichert_am && g.datum <= stichtag);
        fristen.push(Frist {
            regel: Regel::P8,
            art: "zweitgespraech",
            bezeichnung: format!(
                "Zweitgespräch zur Festlegung der Profillage (Profiling vom {})",
                de(v.gespeichert_am)
            ),
            datum: bis,
            spaetestens: bis,
            status: Frist::status(stichtag, bis, bis, spaeter),
            bezug: "profiling".into(),
        });
    }

    befunde.sort_by_key(|b| b.schwere);
    fristen.sort_by(|a, b| a.datum.cmp(&b.datum).then(a.art.cmp(b.art)));
    let zusammenfassung = Zusammenfassung {
        fehler: befunde.iter().filter(|b| b.schwere == Schwere::Fehler).count(),
        warnungen: befunde.iter().filter(|b| b.schwere == Schwere::Warnung).count(),
        hinweise: befunde.iter().filter(|b| b.schwere == Schwere::Hinweis).count(),
        naechste_schritte: befunde.iter().filter(|b| b.schwere == Schwere::NaechsterSchritt).count(),
    };
    let matchingfaehig = aktuell.is_some_and(|(v, s)| profiling::matchingfaehig(v, &s.status));
    Pruefergebnis {
        stichtag,
        kundennummer: f.akte.kunde.kundennummer.clone(),
        rechtskreis: f.akte.kunde.rechtskreis,
        profillage: ProfillageAusgabe { gewaehlt, ergebnis },
        matchingfaehig,
        befunde,
        fristen,
        vermerk_vorbefuellung: vermerk_vorbefuellung(f, stichtag),
        suchhorizont: suchhorizont(f),
        zusammenfassung,
    }
}
