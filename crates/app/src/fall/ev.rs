//! Phase 4, the Eingliederungsvereinbarung (E1–E6): a draft prefilled from the plan, edited while
//! a draft, concluded (then immutable, E5); concluding a new version replaces the previous one.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;
use vierphasen_domain::Rechtskreis;
use vierphasen_domain::datum::de;
use vierphasen_domain::fallakte::{
    Aufgabe, Eigenbemuehungen, Eingliederungsvereinbarung, GepruefteFallakte, Verantwortlich, Vereinbarungsart,
};
use vierphasen_domain::regeln::ev::regelende;
use vierphasen_domain::regeln::folgegespraech::vereinbarungen_ohne_ev;
use vierphasen_domain::zugriff::{Akteur, Aktion};

use super::Aenderung;
use super::aufloesen;
use super::kunde::text_pruefen;
use super::schreiben::{Schreibvorgang, nicht_vor};
use super::{Tor, Verlaufsaktion};
use crate::grenzen;
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

/// The editable content of a draft; replaces tasks, Eigenbemühungen, Zwischenziel and validity
/// as a whole.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EvBearbeitung {
    /// E4: concrete, checkable tasks.
    #[serde(default)]
    pub aufgaben: Vec<Aufgabe>,
    /// E4: Eigenbemühungen with number and period.
    #[serde(default)]
    pub eigenbemuehungen: Option<Eigenbemuehungen>,
    /// E4/S14: the next Zwischenziel (absent: the guidance of the first open strategy is printed).
    #[serde(default)]
    pub zwischenziel: Option<String>,
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
    /// The conclusion: for an EV the day of the later signature.
    #[serde(deserialize_with = "vierphasen_domain::datum::serde_strikt::datum")]
    pub abgeschlossen_am: NaiveDate,
    /// EV only; absent: signed on `abgeschlossen_am`.
    #[serde(default, deserialize_with = "vierphasen_domain::datum::serde_strikt::datum_opt")]
    pub unterschrift_kunde_am: Option<NaiveDate>,
    /// EV only; absent: signed on `abgeschlossen_am`.
    #[serde(default, deserialize_with = "vierphasen_domain::datum::serde_strikt::datum_opt")]
    pub unterschrift_fachkraft_am: Option<NaiveDate>,
    #[serde(default, deserialize_with = "vierphasen_domain::datum::serde_strikt::datum_opt")]
    pub ausgehaendigt_am: Option<NaiveDate>,
    #[serde(default)]
    pub bestaetigt: bool,
}

/// E5: the handover of the copy, recorded after the signature.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EvAushaendigung {
    #[serde(deserialize_with = "vierphasen_domain::datum::serde_strikt::datum")]
    pub ausgehaendigt_am: NaiveDate,
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
    // E2: a deadline from a longer strategy window ends with the agreement (issue 15: the
    // prefill ran past it); the next version carries the task on.
    let gueltig_bis = regelende(heute, f.akte.kunde.rechtskreis, f.alter_am(heute), &f.katalog.parameter.ev);
    let mut aufgaben: Vec<Aufgabe> = Vec::new();
    let mut dazu = |text: String, verantwortlich: Verantwortlich, frist: Option<NaiveDate>| {
        if !aufgaben.iter().any(|a| a.text == text) {
            aufgaben.push(Aufgabe { text, verantwortlich, frist: frist.map(|d| d.min(gueltig_bis)) });
        }
    };
    for i in offen {
        // A window already past gives no deadline to agree to, nor one that begins only after
        // this agreement ends (its task is carried on by the next version).
        let w = &f.akte.strategien[i];
        let frist = w.ende.filter(|e| *e >= heute && w.beginn.is_none_or(|b| b <= gueltig_bis));
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
    // P1a: "Möglichst zeitnah ist ein Folgegespräch zu terminieren, um dieses Profiling gemeinsam
    // mit der Kundin bzw. dem Kunden zu überprüfen und den Zielberuf … ggf. zu aktualisieren":
    // what she works out until then is her task, due at the next agreed appointment.
    if f.akte.profiling.last().is_some_and(|p| p.vorlaeufig) {
        let termin = f.akte.gespraeche.iter().rev().find_map(|g| g.naechster_termin).filter(|t| *t >= heute);
        dazu(
            "Bis zum nächsten Gespräch eigene Vorstellungen zum Zielberuf erarbeiten (welche Tätigkeiten, was dafür \
             mitgebracht wird); das vorläufige Profiling wird dann gemeinsam überprüft."
                .to_string(),
            Verantwortlich::Kunde,
            termin,
        );
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

/// E4: at least one application in a period that starts with the agreement at the earliest.
fn eigenbemuehungen_pruefen(
    e: Option<&Eigenbemuehungen>,
    erstellt_am: NaiveDate,
) -> Result<Option<Eigenbemuehungen>, AppFehler> {
    let Some(e) = e else { return Ok(None) };
    if !(1..=100).contains(&e.anzahl) {
        return Err(AppFehler::ungueltig("eigenbemuehungen.anzahl", "bitte eine Anzahl von 1 bis 100 angeben"));
    }
    if e.von < erstellt_am {
        return Err(AppFehler::ungueltig(
            "eigenbemuehungen.von",
            format!("liegt vor der Erstellung der Vereinbarung ({})", de(erstellt_am)),
        ));
    }
    if e.bis < e.von {
        return Err(AppFehler::ungueltig("eigenbemuehungen.bis", "liegt vor dem Beginn des Zeitraums"));
    }
    let nachweis = match e.nachweis.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => Some(text_pruefen("eigenbemuehungen.nachweis", t, grenzen::NOTIZ)?),
        _ => None,
    };
    Ok(Some(Eigenbemuehungen { nachweis, ..e.clone() }))
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
        geprueft.push(Aufgabe {
            text: text_pruefen(&format!("aufgaben[{j}].text"), &a.text, grenzen::ABSATZ)?,
            ..a.clone()
        });
    }
    Ok(geprueft)
}

/// E5: both sign an EV ("von Kundin bzw. Kunde und Vermittlungsfachkraft zu unterschreiben"),
/// each on a day between the draft and the conclusion, which is the later signature; a
/// Kooperationsplan is agreed, not signed.
fn unterschriften(
    e: &EvAbschluss,
    entwurf: &Eingliederungsvereinbarung,
    heute: NaiveDate,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>), AppFehler> {
    if entwurf.art == Vereinbarungsart::Kooperationsplan {
        if e.unterschrift_kunde_am.is_some() || e.unterschrift_fachkraft_am.is_some() {
            return Err(AppFehler::ungueltig(
                "unterschrift_kunde_am",
                "ein Kooperationsplan wird gemeinsam erstellt, nicht unterschrieben (§ 15 SGB II)",
            ));
        }
        return Ok((None, None));
    }
    let kunde = e.unterschrift_kunde_am.unwrap_or(e.abgeschlossen_am);
    let fachkraft = e.unterschrift_fachkraft_am.unwrap_or(e.abgeschlossen_am);
    for (feld, am) in [("unterschrift_kunde_am", kunde), ("unterschrift_fachkraft_am", fachkraft)] {
        if am > heute {
            return Err(AppFehler::ungueltig(feld, "liegt in der Zukunft"));
        }
        if am < entwurf.erstellt_am {
            return Err(AppFehler::ungueltig(
                feld,
                format!("liegt vor der Erstellung des Entwurfs ({})", de(entwurf.erstellt_am)),
            ));
        }
        if am > e.abgeschlossen_am {
            return Err(AppFehler::ungueltig(
                feld,
                "liegt nach dem Abschluss; abgeschlossen ist die Vereinbarung mit der letzten Unterschrift",
            ));
        }
    }
    if kunde.max(fachkraft) != e.abgeschlossen_am {
        return Err(AppFehler::ungueltig(
            "abgeschlossen_am",
            format!("abgeschlossen ist die Vereinbarung mit der letzten Unterschrift ({})", de(kunde.max(fachkraft))),
        ));
    }
    Ok((Some(kunde), Some(fachkraft)))
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
            eigenbemuehungen: None,
            zwischenziel: None,
            unterschrift_kunde_am: None,
            unterschrift_fachkraft_am: None,
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
        nachher.eigenbemuehungen = eigenbemuehungen_pruefen(eingabe.eigenbemuehungen.as_ref(), vorher.erstellt_am)?;
        nachher.zwischenziel = match eingabe.zwischenziel.as_deref().map(str::trim) {
            Some(t) if !t.is_empty() => Some(text_pruefen("zwischenziel", t, grenzen::KURZTEXT)?),
            _ => None,
        };
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
        let (unterschrift_kunde, unterschrift_fachkraft) = unterschriften(&eingabe, &vorher, s.heute)?;
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
        nachher.unterschrift_kunde_am = unterschrift_kunde;
        nachher.unterschrift_fachkraft_am = unterschrift_fachkraft;
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

    /// E5: records the handover of a concluded agreement in force when it was not recorded with
    /// the signature. Nothing else changes: the kept document stays the one that was signed.
    pub async fn ev_aushaendigen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        ev_id: i64,
        eingabe: EvAushaendigung,
    ) -> Result<Aenderung, AppFehler> {
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        let i = s
            .fall
            .ids
            .eingliederungsvereinbarungen
            .iter()
            .position(|x| *x == ev_id)
            .ok_or(AppFehler::NichtGefunden("Die Eingliederungsvereinbarung"))?;
        let vorher = s.fall.akte.eingliederungsvereinbarungen[i].clone();
        let Some(abgeschlossen) = vorher.abgeschlossen_am.filter(|_| vorher.ersetzt_am.is_none()) else {
            return Err(AppFehler::Konflikt("Ausgehändigt wird nur die abgeschlossene, gültige Fassung (E5).".into()));
        };
        if let Some(bisher) = vorher.ausgehaendigt_am {
            return Err(AppFehler::Konflikt(format!("Die Aushändigung ist bereits am {} vermerkt.", de(bisher))));
        }
        let am = eingabe.ausgehaendigt_am;
        if am > s.heute {
            return Err(AppFehler::ungueltig("ausgehaendigt_am", "liegt in der Zukunft"));
        }
        if am < abgeschlossen {
            return Err(AppFehler::ungueltig(
                "ausgehaendigt_am",
                format!("liegt vor dem Abschluss ({})", de(abgeschlossen)),
            ));
        }
        let nachher = Eingliederungsvereinbarung { ausgehaendigt_am: Some(am), ..vorher };
        s.ueberschreiben(i, nachher, Verlaufsaktion::Ausgehaendigt).await?;
        let tor = Tor::pruefen(eingabe.bestaetigt).fuer(format!("eingliederungsvereinbarungen[{i}]."));
        let befunde = s.abschliessen(tor).await?;
        Ok(Aenderung { id: ev_id, befunde })
    }
}
