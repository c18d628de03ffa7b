//! Phase 4, the Eingliederungsvereinbarung (E1–E6): a draft prefilled from the plan, edited while
//! a draft, concluded (then immutable, E5); concluding a new version replaces the previous one.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;
use vierphasen_domain::Rechtskreis;
use vierphasen_domain::datum::de;
use vierphasen_domain::fallakte::{
    Aufgabe, Eingliederungsvereinbarung, GepruefteFallakte, Verantwortlich, Vereinbarungsart,
};
use vierphasen_domain::regeln::folgegespraech::vereinbarungen_ohne_ev;
use vierphasen_domain::zugriff::{Akteur, Aktion};

use super::Aenderung;
use super::aufloesen;
use super::kunde::text_pruefen;
use super::schreiben::{Schreibvorgang, nicht_vor};
use super::{Tor, Verlaufsaktion};
use crate::{App, AppFehler};
use vierphasen_domain::KundeId;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EvEntwurf {
    /// Default: Kooperationsplan in SGB II (since 1 July 2023), Eingliederungsvereinbarung in SGB III.
    #[serde(default)]
    pub art: Option<Vereinbarungsart>,
    #[serde(default)]
    pub bestaetigt: bool,
}

/// The editable content of a draft; replaces tasks and validity as a whole.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EvBearbeitung {
    /// E4: concrete, checkable tasks.
    #[serde(default)]
    pub aufgaben: Vec<Aufgabe>,
    /// E2: explicit end of validity (absent: by Rechtskreis and age).
    #[serde(default, deserialize_with = "vierphasen_domain::datum::serde_strikt::datum_opt")]
    pub gueltig_bis: Option<NaiveDate>,
    #[serde(default)]
    pub bestaetigt: bool,
}

/// E5: signature (EV) or agreement (Kooperationsplan), and handover of the copy.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EvAbschluss {
    #[serde(deserialize_with = "vierphasen_domain::datum::serde_strikt::datum")]
    pub abgeschlossen_am: NaiveDate,
    #[serde(default, deserialize_with = "vierphasen_domain::datum::serde_strikt::datum_opt")]
    pub ausgehaendigt_am: Option<NaiveDate>,
    #[serde(default)]
    pub bestaetigt: bool,
}

pub(crate) const UNVERAENDERLICH: &str =
    "Eine abgeschlossene Eingliederungsvereinbarung ist unveränderlich (E5); bitte eine neue Version erstellen.";

/// Start of the Kooperationsplan (§ 15 SGB II in the version of 1 July 2023).
fn kooperationsplan_ab() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2023, 7, 1)
}

/// E6: the chosen open strategies in the order of work (S10), each with its guidance (S14): the
/// EV text block as the customer's task until the end of the window, and the VFK's activities;
/// then the agreements of the last Folgegespräch not yet in the valid agreement (F2 step 4).
fn vorbefuellen(f: &GepruefteFallakte<'_>, heute: NaiveDate) -> Vec<Aufgabe> {
    let mut offen: Vec<usize> =
        (0..f.akte.strategien.len()).filter(|i| f.akte.strategien[*i].ergebnis.is_none()).collect();
    offen.sort_by_key(|i| {
        let w = &f.akte.strategien[*i];
        (w.reihenfolge.unwrap_or(u8::MAX), w.beginn.unwrap_or(NaiveDate::MAX), *i)
    });
    let mut aufgaben: Vec<Aufgabe> = Vec::new();
    let mut dazu = |text: String, verantwortlich: Verantwortlich, frist: Option<NaiveDate>| {
        if !aufgaben.iter().any(|a| a.text == text) {
            aufgaben.push(Aufgabe { text, verantwortlich, frist });
        }
    };
    for i in offen {
        // A window already past gives no deadline to agree to.
        let frist = f.akte.strategien[i].ende.filter(|e| *e >= heute);
        match f.nationale_strategie(i) {
            Some(st) => {
                dazu(st.leitfaden.ev_textbaustein.clone(), Verantwortlich::Kunde, frist);
                for a in &st.leitfaden.aktivitaeten_vfk {
                    dazu(a.clone(), Verantwortlich::Vfk, None);
                }
            }
            // S11: local strategies carry no guidance; the VFK words the task.
            None => dazu(
                format!("Umsetzung der Handlungsstrategie „{}“ (bitte konkretisieren).", f.strategie_label(i)),
                Verantwortlich::Kunde,
                frist,
            ),
        }
    }
    // F2 step 4: what the last Folgegespräch agreed and the valid agreement does not hold yet.
    for a in vereinbarungen_ohne_ev(f, heute) {
        dazu(a.text, a.verantwortlich, a.frist.filter(|d| *d >= heute));
    }
    aufgaben
}

/// The position of a draft of this case; a concluded one is immutable (E5).
fn entwurf(s: &Schreibvorgang<'_>, ev_id: i64) -> Result<(usize, Eingliederungsvereinbarung), AppFehler> {
    let i = s
        .fall
        .ids
        .eingliederungsvereinbarungen
        .iter()
        .position(|x| *x == ev_id)
        .ok_or(AppFehler::NichtGefunden("Die Eingliederungsvereinbarung"))?;
    let ev = s.fall.akte.eingliederungsvereinbarungen[i].clone();
    if ev.abgeschlossen_am.is_some() || ev.ersetzt_am.is_some() {
        return Err(AppFehler::Konflikt(UNVERAENDERLICH.into()));
    }
    Ok((i, ev))
}

fn aufgaben_pruefen(aufgaben: &[Aufgabe], erstellt_am: NaiveDate) -> Result<Vec<Aufgabe>, AppFehler> {
    if aufgaben.len() > 200 {
        return Err(AppFehler::ungueltig("aufgaben", "höchstens 200 Aufgaben"));
    }
    let mut geprueft = Vec::with_capacity(aufgaben.len());
    for (j, a) in aufgaben.iter().enumerate() {
        if a.frist.is_some_and(|f| f < erstellt_am) {
            return Err(AppFehler::ungueltig(
                format!("aufgaben[{j}].frist"),
                format!("liegt vor der Erstellung der Vereinbarung ({})", de(erstellt_am)),
            ));
        }
        geprueft.push(Aufgabe { text: text_pruefen(&format!("aufgaben[{j}].text"), &a.text, 2000)?, ..a.clone() });
    }
    Ok(geprueft)
}

impl App {
    /// E1/E6: creates a draft dated today, prefilled from the open strategies and their guidance.
    pub async fn ev_entwerfen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        eingabe: EvEntwurf,
    ) -> Result<Aenderung, AppFehler> {
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        if s.fall
            .akte
            .eingliederungsvereinbarungen
            .iter()
            .any(|e| e.abgeschlossen_am.is_none() && e.ersetzt_am.is_none())
        {
            return Err(AppFehler::Konflikt(
                "Es gibt bereits einen Entwurf; bitte diesen bearbeiten und abschließen.".into(),
            ));
        }
        let art = eingabe.art.unwrap_or(
            if s.fall.akte.kunde.rechtskreis == Rechtskreis::SgbII
                && kooperationsplan_ab().is_some_and(|ab| s.heute >= ab)
            {
                Vereinbarungsart::Kooperationsplan
            } else {
                Vereinbarungsart::Eingliederungsvereinbarung
            },
        );
        let plan = aufloesen(s.fall.akte.clone(), self.katalog, "")?;
        let ev = Eingliederungsvereinbarung {
            art,
            erstellt_am: s.heute,
            abgeschlossen_am: None,
            ausgehaendigt_am: None,
            gueltig_bis: None,
            ersetzt_am: None,
            aufgaben: vorbefuellen(&plan, s.heute),
        };
        let (id, i) = s.anfuegen(ev, Verlaufsaktion::Entworfen).await?;
        let tor = Tor::pruefen(eingabe.bestaetigt).fuer(format!("eingliederungsvereinbarungen[{i}]."));
        let befunde = s.abschliessen(tor).await?;
        Ok(Aenderung { id, befunde })
    }

    /// E4: replaces tasks and validity of a draft; a concluded one is immutable (E5).
    pub async fn ev_bearbeiten(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        ev_id: i64,
        eingabe: EvBearbeitung,
    ) -> Result<Aenderung, AppFehler> {
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        let (i, vorher) = entwurf(&s, ev_id)?;
        let mut nachher = vorher.clone();
        nachher.aufgaben = aufgaben_pruefen(&eingabe.aufgaben, vorher.erstellt_am)?;
        nachher.gueltig_bis = eingabe.gueltig_bis;
        s.ueberschreiben(i, nachher, Verlaufsaktion::Bearbeitet).await?;
        let tor = Tor::pruefen(eingabe.bestaetigt).fuer(format!("eingliederungsvereinbarungen[{i}]."));
        let befunde = s.abschliessen(tor).await?;
        Ok(Aenderung { id: ev_id, befunde })
    }

    /// E5: concludes a draft (signed or agreed, handed over); from then on it is immutable. The
    /// version in force so far is replaced on that date.
    pub async fn ev_abschliessen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        ev_id: i64,
        eingabe: EvAbschluss,
    ) -> Result<Aenderung, AppFehler> {
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        let (i, vorher) = entwurf(&s, ev_id)?;
        let am = eingabe.abgeschlossen_am;
        if am > s.heute {
            return Err(AppFehler::ungueltig("abgeschlossen_am", "liegt in der Zukunft"));
        }
        if am < vorher.erstellt_am {
            return Err(AppFehler::ungueltig(
                "abgeschlossen_am",
                format!("liegt vor der Erstellung des Entwurfs ({})", de(vorher.erstellt_am)),
            ));
        }
        let ersetzt: Vec<usize> = (0..s.fall.akte.eingliederungsvereinbarungen.len())
            .filter(|j| {
                let e = &s.fall.akte.eingliederungsvereinbarungen[*j];
                *j != i && e.abgeschlossen_am.is_some() && e.ersetzt_am.is_none()
            })
            .collect();
        let zuletzt =
            ersetzt.iter().filter_map(|j| s.fall.akte.eingliederungsvereinbarungen[*j].abgeschlossen_am).max();
        nicht_vor("abgeschlossen_am", am, zuletzt)?;
        if let Some(a) = eingabe.ausgehaendigt_am {
            if a > s.heute {
                return Err(AppFehler::ungueltig("ausgehaendigt_am", "liegt in der Zukunft"));
            }
            if a < am {
                return Err(AppFehler::ungueltig("ausgehaendigt_am", "liegt vor dem Abschluss"));
            }
        }
        let mut nachher = vorher.clone();
        nachher.abgeschlossen_am = Some(am);
        nachher.ausgehaendigt_am = eingabe.ausgehaendigt_am;
        s.ueberschreiben(i, nachher, Verlaufsaktion::Abgeschlossen).await?;
        for j in ersetzt {
            let mut neu = s.fall.akte.eingliederungsvereinbarungen[j].clone();
            neu.ersetzt_am = Some(am);
            s.ueberschreiben(j, neu, Verlaufsaktion::Ersetzt).await?;
        }
        self.ev_festhalten(&mut s, wer, i).await?;
        let tor = Tor::pruefen(eingabe.bestaetigt).fuer(format!("eingliederungsvereinbarungen[{i}]."));
        let befunde = s.abschliessen(tor).await?;
        Ok(Aenderung { id: ev_id, befunde })
    }
}
