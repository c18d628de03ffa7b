use chrono::NaiveDate;

use super::daten::*;
use crate::grundtypen::{Gruppen, MerkmalStatus, Profillage, Schluesselgruppe};
use crate::katalog::{Katalog, KldbCode, Leistung, MerkmalRef, Strategie, StrategieRef, Zieloption};

/// Input that cannot be a Fallakte, with the field it concerns (German message).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Feld `{feld}`: {meldung}")]
pub struct EingabeFehler {
    pub feld: String,
    pub meldung: String,
}

fn fehler(feld: impl Into<String>, meldung: impl Into<String>) -> EingabeFehler {
    EingabeFehler { feld: feld.into(), meldung: meldung.into() }
}

/// Parses JSON into a checked Fallakte.
pub fn einlesen<'k>(json: &[u8], katalog: &'k Katalog) -> Result<GepruefteFallakte<'k>, EingabeFehler> {
    // One UTF-8 check for the whole document lets serde_json skip it per string.
    let text = std::str::from_utf8(json)
        .map_err(|e| fehler("(Dokument)", format!("kein gültiges UTF-8 (ab Byte {})", e.valid_up_to())))?;
    let akte: Fallakte = match serde_json::from_str(text) {
        Ok(a) => a,
        Err(e) => return Err(json_fehler(text, e)),
    };
    pruefen_und_aufloesen(akte, katalog)
}

/// Re-reads with path tracking only on error, so the happy path stays fast.
fn json_fehler(json: &str, e: serde_json::Error) -> EingabeFehler {
    use serde_json::error::Category;
    let ort = format!("Zeile {}, Spalte {}", e.line(), e.column());
    match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => {
            fehler("(Dokument)", format!("kein gültiges JSON ({ort}): {}", uebersetzen(&e.to_string())))
        }
        Category::Data => {
            let mut de = serde_json::Deserializer::from_str(json);
            let pfad = match serde_path_to_error::deserialize::<_, Fallakte>(&mut de) {
                Err(pe) => pe.path().to_string(),
                Ok(_) => "(Dokument)".into(),
            };
            fehler(pfad, uebersetzen(&e.to_string()))
        }
    }
}

/// German wording for serde's messages (the technical detail stays in brackets).
fn uebersetzen(m: &str) -> String {
    let ohne_ort = m.split(" at line ").next().unwrap_or(m);
    if let Some(rest) = ohne_ort.strip_prefix("unknown field ") {
        let name = rest.split(',').next().unwrap_or(rest);
        return format!("unbekanntes Feld {name}");
    }
    if let Some(rest) = ohne_ort.strip_prefix("missing field ") {
        return format!("Pflichtfeld {rest} fehlt");
    }
    if ohne_ort.starts_with("kein gültiges Datum") || ohne_ort.starts_with("kein gültiger Monat") {
        return ohne_ort.to_string();
    }
    if ohne_ort.starts_with("unknown variant") {
        return format!("unbekannter Wert ({ohne_ort})");
    }
    if ohne_ort.starts_with("input contains invalid characters")
        || ohne_ort.starts_with("premature end of input")
        || ohne_ort.starts_with("input is out of range")
        || ohne_ort.starts_with("input is not enough for unique date")
        || ohne_ort.starts_with("trailing input")
        || ohne_ort.contains("no possible date")
    {
        return format!("kein gültiges Datum, erwartet JJJJ-MM-TT ({ohne_ort})");
    }
    if ohne_ort.starts_with("invalid type") || ohne_ort.starts_with("invalid value") {
        return format!("falscher Typ oder Wert ({ohne_ort})");
    }
    if ohne_ort.starts_with("EOF") {
        return "Dokument endet unerwartet".into();
    }
    format!("ungültige Eingabe ({ohne_ort})")
}

/// One profiling version with its catalogue references resolved.
#[derive(Debug, Clone)]
pub struct Profilingstand {
    /// Status per Merkmal (index = `MerkmalRef`); `None` = not assessed.
    pub status: Vec<Option<MerkmalStatus>>,
    pub verdichtet: Gruppen,
    pub schwerpunkt: Option<Schluesselgruppe>,
    pub profillage: Option<Profillage>,
    pub z_grund: Option<usize>,
    pub i_grund: Option<usize>,
    pub zielberuf: Option<KldbCode>,
}

impl Profilingstand {
    pub fn status(&self, m: MerkmalRef) -> Option<MerkmalStatus> {
        self.status[m.0 as usize]
    }
    pub fn mit_bedarf(&self) -> impl Iterator<Item = MerkmalRef> + '_ {
        self.status
            .iter()
            .enumerate()
            .filter(|(_, s)| **s == Some(MerkmalStatus::Handlungsbedarf))
            .map(|(i, _)| MerkmalRef(i as u8))
    }
}

/// What a chosen strategy is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrategieArt {
    National(StrategieRef),
    /// Index into `dienststelle.lokale_strategien` (S11).
    Lokal(usize),
}

#[derive(Debug, Clone)]
pub struct StrategieGeprueft {
    pub art: StrategieArt,
    /// The Merkmale this entry addresses (empty = übergreifend).
    pub merkmale: Vec<MerkmalRef>,
    pub gruppe: Option<Schluesselgruppe>,
}

/// A Fallakte whose references all resolve: the rules only ever see this.
#[derive(Debug, Clone)]
pub struct GepruefteFallakte<'k> {
    pub akte: Fallakte,
    pub katalog: &'k Katalog,
    /// Parallel to `akte.profiling` (oldest first).
    pub profiling: Vec<Profilingstand>,
    /// Parallel to `akte.strategien`.
    pub strategien: Vec<StrategieGeprueft>,
    /// Parallel to `akte.ziele` (oldest first).
    pub ziele: Vec<&'k Zieloption>,
    /// Parallel to `akte.auftraege`.
    pub auftraege: Vec<&'k Leistung>,
}

impl<'k> GepruefteFallakte<'k> {
    pub fn aktuelles_profiling(&self) -> Option<(&ProfilingVersion, &Profilingstand)> {
        self.akte.profiling.last().zip(self.profiling.last())
    }
    /// The profiling version in force on `datum` (the last one saved on or before it).
    pub fn profiling_am(&self, datum: NaiveDate) -> Option<(&ProfilingVersion, &Profilingstand)> {
        self.akte.profiling.iter().zip(&self.profiling).rfind(|(v, _)| v.gespeichert_am <= datum)
    }
    /// The last profiling version saved before `datum`.
    pub fn profiling_vor(&self, datum: NaiveDate) -> Option<(&ProfilingVersion, &Profilingstand)> {
        datum.pred_opt().and_then(|vortag| self.profiling_am(vortag))
    }
    /// The integration work of `stichtag` is still going on: the current profiling or goal was
    /// saved that day (the Erstgespräch, or a Folgegespräch that re-profiled), so the phases
    /// after it are next steps, not gaps (issue 15/3).
    pub fn in_arbeit_am(&self, stichtag: NaiveDate) -> bool {
        self.akte.profiling.last().is_some_and(|v| v.gespeichert_am == stichtag)
            || self.akte.ziele.last().is_some_and(|z| z.vereinbart_am == stichtag)
    }
    pub fn aktuelles_ziel(&self) -> Option<(&Ziel, &'k Zieloption)> {
        self.akte.ziele.last().zip(self.ziele.last().copied())
    }
    /// Age in whole years at a date.
    pub fn alter_am(&self, datum: NaiveDate) -> i32 {
        crate::datum::jahre_zwischen(self.akte.kunde.geburtsdatum, datum)
    }
    /// The catalogue entry of a chosen strategy (`None` for a local one).
    pub fn nationale_strategie(&self, i: usize) -> Option<&'k Strategie> {
        match self.strategien[i].art {
            StrategieArt::National(r) => Some(self.katalog.strategie(r)),
            StrategieArt::Lokal(_) => None,
        }
    }
    /// The label of a chosen strategy (a local strategy's own name, S11).
    pub fn strategie_label(&self, i: usize) -> &str {
        match self.strategien[i].art {
            StrategieArt::National(r) => &self.katalog.strategie(r).label,
            StrategieArt::Lokal(l) => &self.akte.dienststelle.lokale_strategien[l].bezeichnung,
        }
    }
}

fn datum_folge(feld: String, von: NaiveDate, bis: NaiveDate, was: &str) -> Result<(), EingabeFehler> {
    if bis < von {
        return Err(fehler(feld, format!("{was} ({bis}) liegt vor dem Beginn ({von})")));
    }
    Ok(())
}

fn chronologisch(liste: &str, daten: impl Iterator<Item = NaiveDate>, feld: &str) -> Result<(), EingabeFehler> {
    let mut vorher: Option<NaiveDate> = None;
    for (i, d) in daten.enumerate() {
        if vorher.is_some_and(|v| d < v) {
            return Err(fehler(
                format!("{liste}[{i}].{feld}"),
                "liegt vor dem vorherigen Eintrag: Einträge in zeitlicher Reihenfolge angeben (ältester zuerst)",
            ));
        }
        vorher = Some(d);
    }
    Ok(())
}

/// Resolves every catalogue reference and checks dates; the result is what the rules read.
pub fn pruefen_und_aufloesen(akte: Fallakte, katalog: &Katalog) -> Result<GepruefteFallakte<'_>, EingabeFehler> {
    if akte.format != 1 {
        return Err(fehler("format", format!("Formatversion {} wird nicht unterstützt (erwartet 1)", akte.format)));
    }
    // Histories are kept in the order they happened, so that every path in a message names
    // the entry as it stands in the file.
    chronologisch("profiling", akte.profiling.iter().map(|p| p.gespeichert_am), "gespeichert_am")?;
    chronologisch("ziele", akte.ziele.iter().map(|z| z.vereinbart_am), "vereinbart_am")?;
    chronologisch("meldungen", akte.meldungen.iter().map(|m| m.beginn), "beginn")?;
    chronologisch("vermittlungsvorschlaege", akte.vermittlungsvorschlaege.iter().map(|v| v.datum), "datum")?;

    chronologisch("kunde.werdegang", akte.kunde.werdegang.iter().map(|w| w.von.erster_tag()), "von")?;
    for (i, w) in akte.kunde.werdegang.iter().enumerate() {
        let feld = |f: &str| format!("kunde.werdegang[{i}].{f}");
        if let Some(bis) = w.bis
            && bis < w.von
        {
            return Err(fehler(feld("bis"), format!("Ende ({bis}) liegt vor dem Beginn ({})", w.von)));
        }
        if w.bezeichnung.trim().is_empty() {
            return Err(fehler(feld("bezeichnung"), "darf nicht leer sein"));
        }
        if let Some(b) = &w.beruf {
            kldb(feld("beruf"), b, katalog)?;
        }
    }
    for (i, a) in akte.aktivitaeten.iter().enumerate() {
        if a.beschreibung.trim().is_empty() {
            return Err(fehler(format!("aktivitaeten[{i}].beschreibung"), "darf nicht leer sein"));
        }
    }

    for (i, m) in akte.meldungen.iter().enumerate() {
        if let Some(ende) = m.ende {
            datum_folge(format!("meldungen[{i}].ende"), m.beginn, ende, "Abmeldung")?;
        }
    }

    let mut lokale_merkmale = Vec::with_capacity(akte.dienststelle.lokale_strategien.len());
    for (i, l) in akte.dienststelle.lokale_strategien.iter().enumerate() {
        if katalog.finde_strategie(&l.id).is_some() {
            return Err(fehler(
                format!("dienststelle.lokale_strategien[{i}].id"),
                format!("`{}` ist bereits eine bundesweite Strategie", l.id),
            ));
        }
        let m = match &l.merkmal {
            Some(t) => Some(katalog.finde_merkmal(t).ok_or_else(|| {
                fehler(format!("dienststelle.lokale_strategien[{i}].merkmal"), format!("unbekanntes Merkmal „{t}“"))
            })?),
            None => None,
        };
        lokale_merkmale.push(m);
    }
    for (tabelle, name) in [
        (&akte.dienststelle.kontaktdichte_tage, "kontaktdichte_tage"),
        (&akte.dienststelle.kontaktdichte_tage_unter_25, "kontaktdichte_tage_unter_25"),
    ] {
        for k in tabelle.keys() {
            if katalog.finde_profillage(k).is_none() {
                return Err(fehler(format!("dienststelle.{name}.{k}"), "unbekannte Profillage"));
            }
        }
    }

    let mut profiling = Vec::with_capacity(akte.profiling.len());
    for (i, p) in akte.profiling.iter().enumerate() {
        profiling.push(profiling_aufloesen(i, p, katalog)?);
    }

    let mut ziele = Vec::with_capacity(akte.ziele.len());
    for (i, z) in akte.ziele.iter().enumerate() {
        ziele.push(katalog.finde_zieloption(&z.zieloption).ok_or_else(|| {
            fehler(format!("ziele[{i}].zieloption"), format!("unbekannte Zieloption „{}“", z.zieloption))
        })?);
    }

    let mut strategien = Vec::with_capacity(akte.strategien.len());
    for (i, s) in akte.strategien.iter().enumerate() {
        let feld = |f: &str| format!("strategien[{i}].{f}");
        // S7: a missing window is a finding of the rules, not bad input.
        if let Some((beginn, ende)) = s.zeitfenster() {
            datum_folge(feld("ende"), beginn, ende, "Ende des Zeitfensters")?;
        }
        if let Some(g) = s.geaendert_am {
            datum_folge(feld("geaendert_am"), s.gewaehlt_am, g, "Änderung")?;
        }
        if s.ergebnis.is_some() != s.erledigt_am.is_some() {
            return Err(fehler(feld("erledigt_am"), "Ergebnis und Erledigungsdatum gehören zusammen (S8)"));
        }
        if let Some(e) = s.erledigt_am {
            datum_folge(feld("erledigt_am"), s.gewaehlt_am, e, "Erledigung")?;
        }
        for (j, p) in s.produkte.iter().enumerate() {
            if katalog.finde_produkt(p).is_none() {
                return Err(fehler(format!("strategien[{i}].produkte[{j}]"), format!("unbekanntes Produkt „{p}“")));
            }
        }
        let (art, alle_merkmale, gruppe): (StrategieArt, Vec<MerkmalRef>, Option<Schluesselgruppe>) =
            if let Some(r) = katalog.finde_strategie(&s.strategie) {
                let st = katalog.strategie(r);
                let refs = st.merkmale.iter().filter_map(|m| katalog.finde_merkmal(m)).collect();
                (StrategieArt::National(r), refs, st.gruppe)
            } else if let Some(l) = akte.dienststelle.lokale_strategien.iter().position(|l| l.id == s.strategie) {
                let m: Vec<MerkmalRef> = lokale_merkmale[l].into_iter().collect();
                let g = m.first().map(|r| katalog.merkmal(*r).gruppe);
                (StrategieArt::Lokal(l), m, g)
            } else {
                return Err(fehler(
                    feld("strategie"),
                    format!("unbekannte Handlungsstrategie „{}“ (weder bundesweit noch lokal)", s.strategie),
                ));
            };
        let merkmale = match &s.merkmal {
            None => alle_merkmale,
            Some(t) => {
                let m = katalog
                    .finde_merkmal(t)
                    .ok_or_else(|| fehler(feld("merkmal"), format!("unbekanntes Merkmal „{t}“")))?;
                if !alle_merkmale.contains(&m) {
                    return Err(fehler(
                        feld("merkmal"),
                        format!("„{}“ gehört nicht zur Zeile dieser Strategie (§5)", katalog.merkmal(m).label),
                    ));
                }
                vec![m]
            }
        };
        strategien.push(StrategieGeprueft { art, merkmale, gruppe });
    }

    for (i, e) in akte.eingliederungsvereinbarungen.iter().enumerate() {
        if let Some(a) = e.abgeschlossen_am {
            datum_folge(format!("eingliederungsvereinbarungen[{i}].abgeschlossen_am"), e.erstellt_am, a, "Abschluss")?;
        }
        if let (Some(a), Some(g)) = (e.abgeschlossen_am.or(Some(e.erstellt_am)), e.gueltig_bis) {
            datum_folge(format!("eingliederungsvereinbarungen[{i}].gueltig_bis"), a, g, "Gültigkeitsende")?;
        }
    }

    let mut auftraege = Vec::with_capacity(akte.auftraege.len());
    for (i, a) in akte.auftraege.iter().enumerate() {
        let l = katalog.finde_leistung(&a.leistung).ok_or_else(|| {
            fehler(format!("auftraege[{i}].leistung"), format!("unbekannte Leistung „{}“", a.leistung))
        })?;
        if let Some(b) = a.zav.as_ref().and_then(|z| z.kuenstlerbereich.as_ref())
            && katalog.kuenstlerbereich(b).is_none()
        {
            return Err(fehler(format!("auftraege[{i}].zav.kuenstlerbereich"), format!("unbekannter Bereich „{b}“")));
        }
        if let Some(b) = a.zav.as_ref().and_then(|z| z.branche.as_ref())
            && katalog.zav_branche(b).is_none()
        {
            return Err(fehler(format!("auftraege[{i}].zav.branche"), format!("unbekannte Branche „{b}“")));
        }
        if let Some(r) = a.zav.as_ref().and_then(|z| z.region.as_ref())
            && katalog.zav_region(r).is_none()
        {
            return Err(fehler(format!("auftraege[{i}].zav.region"), format!("unbekannte Region „{r}“")));
        }
        auftraege.push(l);
    }

    for (i, e) in akte.einwilligungen.iter().enumerate() {
        if let Some(w) = e.widerrufen_am {
            datum_folge(format!("einwilligungen[{i}].widerrufen_am"), e.erteilt_am, w, "Widerruf")?;
        }
    }

    for (i, v) in akte.vermittlungsvorschlaege.iter().enumerate() {
        if let Some(g) = v.geaendert_am {
            datum_folge(format!("vermittlungsvorschlaege[{i}].geaendert_am"), v.datum, g, "Änderung")?;
        }
    }

    Ok(GepruefteFallakte { akte, katalog, profiling, strategien, ziele, auftraege })
}

/// An occupation named by its KldB 2010 code (P1, Werdegang).
fn kldb(feld: String, t: &str, katalog: &Katalog) -> Result<KldbCode, EingabeFehler> {
    let c = KldbCode::parse(t)
        .ok_or_else(|| fehler(feld.clone(), format!("„{t}“ ist kein fünfstelliger KldB-2010-Code")))?;
    katalog
        .berufe
        .get(c)
        .map(|_| c)
        .ok_or_else(|| fehler(feld, format!("KldB-Code {t} gibt es nicht (KldB 2010, Fassung 2020)")))
}

fn profiling_aufloesen(i: usize, p: &ProfilingVersion, katalog: &Katalog) -> Result<Profilingstand, EingabeFehler> {
    let feld = |f: &str| format!("profiling[{i}].{f}");
    let mut status = vec![None; katalog.merkmale.len()];
    for (j, b) in p.merkmale.iter().enumerate() {
        let m = katalog.finde_merkmal(&b.merkmal).ok_or_else(|| {
            fehler(format!("profiling[{i}].merkmale[{j}].merkmal"), format!("unbekanntes Merkmal „{}“", b.merkmal))
        })?;
        if status[m.0 as usize].replace(b.status).is_some() {
            return Err(fehler(
                format!("profiling[{i}].merkmale[{j}].merkmal"),
                format!("„{}“ ist doppelt bewertet", katalog.merkmal(m).label),
            ));
        }
    }
    let gruppe = |f: String, t: &str| {
        katalog.finde_gruppe(t).ok_or_else(|| fehler(f, format!("unbekannte Schlüsselgruppe „{t}“")))
    };
    let mut verdichtet = Gruppen::leer();
    for (j, v) in p.verdichtung.iter().enumerate() {
        verdichtet = verdichtet.mit(gruppe(format!("profiling[{i}].verdichtung[{j}].gruppe"), &v.gruppe)?);
    }
    let schwerpunkt = p.schwerpunkt.as_deref().map(|t| gruppe(feld("schwerpunkt"), t)).transpose()?;
    let profillage = match &p.profillage {
        Some(w) => Some(
            katalog
                .finde_profillage(&w.wert)
                .ok_or_else(|| fehler(feld("profillage.wert"), format!("unbekannte Profillage „{}“", w.wert)))?,
        ),
        None => None,
    };
    let z_grund = p
        .z_grund
        .as_ref()
        .map(|z| {
            katalog.finde_z_grund(&z.grund).ok_or_else(|| {
                fehler(feld("z_grund.grund"), format!("unbekannter Grund „{}“ (a, b_252, b_440, c, d)", z.grund))
            })
        })
        .transpose()?;
    let i_grund = p
        .i_grund
        .as_deref()
        .map(|t| katalog.finde_i_grund(t).ok_or_else(|| fehler(feld("i_grund"), format!("unbekannter Grund „{t}“"))))
        .transpose()?;
    let zielberuf = p.zielberuf.as_deref().map(|t| kldb(feld("zielberuf"), t, katalog)).transpose()?;
    for (j, a) in p.alternativberufe.iter().enumerate() {
        kldb(format!("profiling[{i}].alternativberufe[{j}]"), a, katalog)?;
    }
    if let Some(s) = &p.standortbestimmung
        && s.prognose_monate > 240
    {
        return Err(fehler(
            feld("standortbestimmung.prognose_monate"),
            "Integrationsprognose über 240 Monate ist nicht plausibel",
        ));
    }
    if let Some(s) = &p.standortbestimmung
        && s.fbw_dauer_monate == Some(0)
    {
        return Err(fehler(
            feld("standortbestimmung.fbw_dauer_monate"),
            "Dauer der FbW: mindestens 1 Monat (ohne geplante FbW das Feld leer lassen)",
        ));
    }
    Ok(Profilingstand { status, verdichtet, schwerpunkt, profillage, z_grund, i_grund, zielberuf })
}
