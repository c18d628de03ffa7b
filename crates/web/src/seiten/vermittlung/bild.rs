//! What the pages show of §8.4 for one case: the Bewerberprofil, the matching postings with the
//! reason for each score, Vermittlungsvorschläge with their lifecycle and the employer's feedback,
//! and the inputs for matching — filled with what was typed after a refused form.

use chrono::NaiveDate;
use vierphasen_app::fall::{
    Akte, Faktor, Fallmatching, Stellentreffer, Vermittlungsangaben, Vorschlag, VorschlagStatus,
};

use vierphasen_matching::Arbeitszeit;

use crate::seiten::anzeige::{datum_text, tag_text};
use crate::seiten::formular::Rueckmeldung;
use crate::seiten::{Formular, beschriften};

/// One working-time checkbox; the first one's id is `arbeitszeit` (target of the error link).
#[derive(Debug, Clone)]
pub struct Arbeitszeitwahl {
    pub id: String,
    pub wert: &'static str,
    pub label: &'static str,
    pub an: bool,
}

pub fn arbeitszeitwahl(gewaehlt: &[&str]) -> Vec<Arbeitszeitwahl> {
    Arbeitszeit::ARTEN
        .iter()
        .enumerate()
        .map(|(i, (wert, label, _))| Arbeitszeitwahl {
            id: if i == 0 { "arbeitszeit".to_owned() } else { format!("arbeitszeit-{wert}") },
            wert,
            label,
            an: gewaehlt.contains(wert),
        })
        .collect()
}

/// The Bewerberprofil as the VFK reads it (§8.4).
#[derive(Debug, Clone)]
pub struct Profilbild {
    pub zielberuf: String,
    pub alternativberufe: String,
    pub umkreis: String,
    pub arbeitszeit: String,
    pub verfuegbar_ab: String,
    /// F2 step 3: Handlungsbedarfe stand against applications (a note, matches stay, S12).
    pub bewerbung_entgegen: bool,
}

/// A matching posting on the case.
#[derive(Debug, Clone)]
pub struct Trefferzeile {
    pub stelle_id: i64,
    pub titel: String,
    pub arbeitgeber: String,
    pub ort: String,
    pub punkte: u32,
    /// F3: arrived since the user's last look.
    pub neu: bool,
    pub faktoren: Vec<Faktor>,
    pub fehlende: Vec<String>,
    pub vorhandene: Vec<String>,
    /// PK1: "Kenntnislücke „…“ → Strategie … mit Produkten …", one per kind of missing skill.
    pub qualifizierung: Option<String>,
    /// The status label when the posting was already proposed.
    pub vorschlag: Option<&'static str>,
}

/// A status the next-step form offers.
#[derive(Debug, Clone)]
pub struct Statuswahl {
    pub id: &'static str,
    pub label: String,
    pub gewaehlt: bool,
}

#[derive(Debug, Clone)]
pub struct Vorschlagzeile {
    pub id: i64,
    pub stelle_id: i64,
    pub titel: String,
    pub arbeitgeber: String,
    pub ort: String,
    pub status: &'static str,
    /// Eingestellt or abgelehnt: no further step.
    pub abgeschlossen: bool,
    pub punkte: u32,
    pub vorgeschlagen_am: String,
    pub geaendert_am: String,
    pub rueckmeldung: String,
    pub ablehnungsgrund: String,
    /// The form of this row (`vorschlag-{id}`), prefix of its input ids.
    pub form: String,
    pub id_status: String,
    pub id_rueckmeldung: String,
    pub id_grund: String,
    /// The current status (feedback only) and the allowed next ones.
    pub wahl: Vec<Statuswahl>,
    /// What the inputs show: stored or typed.
    pub eingabe_rueckmeldung: String,
    pub eingabe_grund: String,
}

/// The inputs of "Angaben für das Matching".
#[derive(Debug, Clone)]
pub struct Angabenbild {
    pub arbeitszeit: Vec<Arbeitszeitwahl>,
    pub verfuegbar_ab: String,
    pub umkreis_km: String,
}

/// §8.4 on the Kundenakte.
#[derive(Debug, Clone)]
pub struct Vermittlungsbild {
    pub profil: Option<Profilbild>,
    pub ohne_profil: String,
    pub treffer: Vec<Trefferzeile>,
    pub neue: usize,
    pub vorschlaege: Vec<Vorschlagzeile>,
    pub angaben: Angabenbild,
    /// Which form the feedback belongs to: `treffer`, `vorschlag-{id}`, `angaben` or empty.
    pub ort: String,
    pub rueckmeldung: Rueckmeldung,
}

/// A refused form of this section: where it was, what it says, what was typed.
#[derive(Debug, Clone, Default)]
pub struct Abgelehnt {
    pub ort: String,
    pub rueckmeldung: Rueckmeldung,
    pub f: Formular,
}

fn qualifizierung_text(t: &Stellentreffer) -> Option<String> {
    let teile: Vec<String> = t
        .qualifizierung
        .iter()
        .map(|q| {
            let produkte: Vec<&str> = q.produkte.iter().map(|(_, l)| l.as_str()).collect();
            let luecke = format!("Kenntnislücke „{}“ → Strategie „{}“", q.kenntnisse.join("“, „"), q.strategie_label);
            if produkte.is_empty() { luecke } else { format!("{luecke} mit Produkten: {}", produkte.join(", ")) }
        })
        .collect();
    (!teile.is_empty()).then(|| format!("{} (PK1)", teile.join("; ")))
}

pub fn trefferzeile(t: &Stellentreffer) -> Trefferzeile {
    Trefferzeile {
        stelle_id: t.stelle.id,
        titel: t.stelle.titel.clone(),
        arbeitgeber: t.stelle.arbeitgeber.clone(),
        ort: t.stelle.arbeitsort(),
        punkte: t.punkte,
        neu: t.neu,
        faktoren: t.faktoren.clone(),
        fehlende: t.fehlende_kenntnisse.clone(),
        vorhandene: t.vorhandene_kenntnisse.clone(),
        qualifizierung: qualifizierung_text(t),
        vorschlag: t.vorschlag.map(VorschlagStatus::label),
    }
}

fn vorschlagzeile(v: &Vorschlag, a: &Abgelehnt) -> Vorschlagzeile {
    let form = format!("vorschlag-{}", v.id);
    let getippt = a.ort == form;
    let gewaehlt = if getippt { a.f.text("status") } else { v.status.id().to_owned() };
    let mut wahl = vec![Statuswahl {
        id: v.status.id(),
        label: format!("{} (unverändert, nur Rückmeldung)", v.status.label()),
        gewaehlt: gewaehlt == v.status.id(),
    }];
    wahl.extend(v.status.naechste().iter().map(|n| Statuswahl {
        id: n.id(),
        label: n.label().to_owned(),
        gewaehlt: gewaehlt == n.id(),
    }));
    Vorschlagzeile {
        id: v.id,
        stelle_id: v.stelle_id,
        titel: v.titel.clone(),
        arbeitgeber: v.arbeitgeber.clone(),
        ort: v.ort.clone(),
        status: v.status.label(),
        abgeschlossen: v.status.abgeschlossen(),
        punkte: v.punkte,
        vorgeschlagen_am: tag_text(v.erstellt_um),
        geaendert_am: tag_text(v.geaendert_um),
        rueckmeldung: v.rueckmeldung.clone().unwrap_or_default(),
        ablehnungsgrund: v.ablehnungsgrund.clone().unwrap_or_default(),
        eingabe_rueckmeldung: if getippt {
            a.f.text("rueckmeldung")
        } else {
            v.rueckmeldung.clone().unwrap_or_default()
        },
        eingabe_grund: if getippt { a.f.text("ablehnungsgrund") } else { String::new() },
        id_status: format!("{form}-status"),
        id_rueckmeldung: format!("{form}-rueckmeldung"),
        id_grund: format!("{form}-ablehnungsgrund"),
        form,
        wahl,
    }
}

/// F1 and F2 step 3 in the Folgegespräch: the proposals with the employer's feedback and the
/// current matches (read only; they are changed on the Kundenakte).
#[derive(Debug, Clone)]
pub struct Gespraechsbild {
    pub vorschlaege: Vec<Vorschlagzeile>,
    /// Proposals not yet eingestellt or abgelehnt.
    pub offene: usize,
    pub treffer: usize,
    pub neue: usize,
    /// Why the case takes no part in matching (empty when it does).
    pub ohne_profil: String,
}

impl Gespraechsbild {
    pub fn aus(m: &Fallmatching) -> Gespraechsbild {
        let vorschlaege: Vec<Vorschlagzeile> =
            m.vorschlaege.iter().map(|v| vorschlagzeile(v, &Abgelehnt::default())).collect();
        Gespraechsbild {
            offene: vorschlaege.iter().filter(|v| !v.abgeschlossen).count(),
            vorschlaege,
            treffer: m.treffer.len(),
            neue: m.treffer.iter().filter(|t| t.neu).count(),
            ohne_profil: m.ohne_profil.clone().unwrap_or_default(),
        }
    }
}

fn iso(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn angabenbild(g: &Vermittlungsangaben, a: &Abgelehnt) -> Angabenbild {
    if a.ort == "angaben" {
        return Angabenbild {
            arbeitszeit: arbeitszeitwahl(&a.f.alle("arbeitszeit")),
            verfuegbar_ab: a.f.text("verfuegbar_ab"),
            umkreis_km: a.f.text("umkreis_km"),
        };
    }
    let kuerzel: Vec<&str> = g.arbeitszeit.as_deref().unwrap_or_default().split(',').collect();
    Angabenbild {
        arbeitszeit: arbeitszeitwahl(&kuerzel),
        verfuegbar_ab: iso(g.verfuegbar_ab),
        umkreis_km: g.umkreis_km.map(|k| k.to_string()).unwrap_or_default(),
    }
}

impl Vermittlungsbild {
    pub fn aus(akte: &Akte, a: Abgelehnt) -> Vermittlungsbild {
        let m = &akte.matching;
        let profil = m.profil.as_ref().map(|p| Profilbild {
            zielberuf: p.zielberuf.clone(),
            alternativberufe: p.alternativberufe.join("; "),
            umkreis: p.umkreis.clone(),
            arbeitszeit: p.arbeitszeit.clone(),
            verfuegbar_ab: datum_text(p.verfuegbar_ab),
            bewerbung_entgegen: p.bewerbung_entgegen,
        });
        Vermittlungsbild {
            profil,
            ohne_profil: m.ohne_profil.clone().unwrap_or_default(),
            treffer: m.treffer.iter().map(trefferzeile).collect(),
            neue: m.treffer.iter().filter(|t| t.neu).count(),
            vorschlaege: m.vorschlaege.iter().map(|v| vorschlagzeile(v, &a)).collect(),
            angaben: angabenbild(&akte.vermittlungsangaben, &a),
            rueckmeldung: beschriften(
                a.rueckmeldung,
                &[("verfuegbar_ab", "Verfügbar ab"), ("umkreis_km", "Umkreis"), ("arbeitszeit", "Arbeitszeit")],
            ),
            ort: a.ort,
        }
    }
}
