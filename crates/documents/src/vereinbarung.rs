//! Phase 4: the Eingliederungsvereinbarung (E1–E6) and its SGB II successor, the Kooperationsplan
//! (DOMAIN.md §7.1, note), from the same plan data. `Eingliederungsvereinbarung::art` chooses the
//! template; the app decides it by Rechtskreis and date when the draft is made.
//!
//! Reading of the note in §7.1 for the Kooperationsplan (§ 15 SGB II since 1 July 2023):
//! - plain language, about one page: the six rubrics of the note as headings (Berufsziel,
//!   kurzfristiges Zwischenziel, nächste Schritte, Unterstützung durch das Jobcenter,
//!   Unterstützung durch andere Stellen, was sonst noch wichtig ist), addressed with "Sie";
//! - not signed: no signature fields; the status says "gemeinsam erstellt am …" instead;
//! - no Rechtsfolgenbelehrung: none is printed, even if the caller passes one. Eigenbemühungen
//!   appear as an ordinary next step. A sentence says that binding requests with a
//!   Rechtsfolgenbelehrung would come separately in writing (§ 15 Abs. 5 SGB II);
//! - Schlichtungsverfahren: the plan names it (§ 15a SGB II) under "Was sonst noch wichtig ist";
//! - review: at the latest after six months (§ 15 Abs. 3 SGB II), the same E2/E3 date as the EV.

use chrono::NaiveDate;
use serde::Serialize;
use vierphasen_domain::datum::{jahre_zwischen, plus_monate};
use vierphasen_domain::fallakte::{
    Eingliederungsvereinbarung, Fallakte, LokaleStrategie, StrategieWahl, Verantwortlich, Vereinbarungsart, Ziel,
};
use vierphasen_domain::regeln::ev::ueberpruefung_bis;
use vierphasen_domain::{Katalog, Rechtskreis};

use crate::eingabe::{Briefkopf, KopfDaten, Person, de};
use crate::namen;
use crate::welt::{Satzdaten, Vorlage, satzdaten, setzen_aus};
use crate::{DokumentFehler, namen::absaetze};

/// E4: the default Rechtsfolgenbelehrung of an EV in SGB III (Sperrzeit bei unzureichenden
/// Eigenbemühungen). The Dienststelle may pass its own text in [`EvKontext::rechtsfolgenbelehrung`].
pub const RECHTSFOLGENBELEHRUNG_SGB3: &str = "Weisen Sie die in dieser Eingliederungsvereinbarung festgelegten \
Eigenbemühungen ohne wichtigen Grund nicht oder nicht rechtzeitig nach, tritt eine Sperrzeit bei unzureichenden \
Eigenbemühungen von zwei Wochen ein (§\u{a0}159 Abs.\u{a0}1 Satz 2 Nr. 3, Abs.\u{a0}6 SGB\u{a0}III). Während der Sperrzeit ruht Ihr \
Anspruch auf Arbeitslosengeld; die Anspruchsdauer mindert sich um die Tage der Sperrzeit (§\u{a0}148 Abs.\u{a0}1 Nr. 3 SGB\u{a0}III). \
Haben Sie insgesamt Anlass für Sperrzeiten mit einer Dauer von mindestens 21 Wochen gegeben, erlischt Ihr Anspruch \
(§\u{a0}161 Abs.\u{a0}1 Nr. 2 SGB\u{a0}III).\n\nEine Sperrzeit tritt nicht ein, wenn Sie für Ihr Verhalten einen wichtigen Grund \
haben. Die für die Beurteilung eines wichtigen Grundes maßgebenden Tatsachen haben Sie darzulegen und nachzuweisen, \
wenn diese Tatsachen in Ihrer Sphäre oder in Ihrem Verantwortungsbereich liegen (§\u{a0}159 Abs.\u{a0}1 Satz 3 SGB\u{a0}III).";

/// E4: the default Rechtsfolgenbelehrung of an EV in SGB II (agreements concluded before the
/// Kooperationsplan replaced the EV on 1 July 2023 are still printed with it).
pub const RECHTSFOLGENBELEHRUNG_SGB2: &str = "Kommen Sie den in dieser Eingliederungsvereinbarung festgelegten \
Pflichten, insbesondere den Eigenbemühungen, ohne wichtigen Grund nicht nach, kann das Bürgergeld nach §§\u{a0}31, 31a \
und 31b SGB\u{a0}II gemindert werden. Eine Minderung tritt nicht ein, wenn Sie einen wichtigen Grund für Ihr Verhalten \
darlegen und nachweisen.";

/// What the agreement shows beyond the `Eingliederungsvereinbarung` record: the plan it is made
/// from and the Dienststelle's own texts. [`EvKontext::aus_fallakte`] fills the plan part.
#[derive(Debug, Clone)]
pub struct EvKontext<'a> {
    pub rechtskreis: Rechtskreis,
    /// P1: the Zielberuf as it is to be printed (see [`EvKontext::aus_fallakte`]).
    pub zielberuf: Option<String>,
    /// Z1: the agreed Zieloption.
    pub ziel: Option<&'a Ziel>,
    /// E6: the chosen strategies; only open ones are printed, in the order of work (S10).
    pub strategien: &'a [StrategieWahl],
    /// S11: local strategies of the Dienststelle, to name them.
    pub lokale_strategien: &'a [LokaleStrategie],
    /// E4: the agency's services (in addition to tasks of the VFK and the products of the strategies).
    pub leistungen: Vec<String>,
    /// E4: replaces the default Rechtsfolgenbelehrung of the EV (not used for the Kooperationsplan).
    pub rechtsfolgenbelehrung: Option<String>,
    /// E2/E3: date of the review; default: computed by the domain rule from the conclusion (or,
    /// for a draft, the creation) and the customer's age.
    pub ueberpruefung_bis: Option<NaiveDate>,
    /// Place for the signature line ("Musterstadt").
    pub ort: Option<String>,
    /// Date printed on the document.
    pub stand: NaiveDate,
}

impl<'a> EvKontext<'a> {
    /// The plan part from a case: Rechtskreis, latest goal, strategies, local strategies and the
    /// Zielberuf of the latest profiling, and the place of signing of the Dienststelle. The
    /// Dienststelle's own services stay empty.
    pub fn aus_fallakte(akte: &'a Fallakte, katalog: &Katalog, stand: NaiveDate) -> Self {
        let zielberuf = akte.profiling.last().and_then(|p| p.zielberuf_name(&katalog.berufe));
        EvKontext {
            rechtskreis: akte.kunde.rechtskreis,
            zielberuf,
            ziel: akte.ziele.last(),
            strategien: &akte.strategien,
            lokale_strategien: &akte.dienststelle.lokale_strategien,
            leistungen: Vec::new(),
            rechtsfolgenbelehrung: None,
            ueberpruefung_bis: None,
            ort: akte.dienststelle.kontakt.ort.clone(),
            stand,
        }
    }
}

#[derive(Debug, Serialize)]
struct ZielDaten {
    zieloption: String,
    vereinbart_am: String,
    horizont: Option<String>,
    eigene_ziele: Option<Vec<Vec<String>>>,
}

#[derive(Debug, Serialize)]
struct StrategieDaten {
    bezeichnung: String,
    zeitraum: String,
}

#[derive(Debug, Serialize)]
struct AufgabeDaten {
    nr: usize,
    text: Vec<Vec<String>>,
    /// None: no deadline (the template prints "fortlaufend" in tables).
    frist: Option<String>,
}

#[derive(Debug, Serialize)]
struct EigenbemuehungenDaten {
    anzahl: u32,
    turnus: &'static str,
    von: String,
    bis: String,
    nachweis: Option<String>,
}

#[derive(Debug, Serialize)]
struct VereinbarungDaten<'a> {
    kopf: KopfDaten<'a>,
    rechtskreis: &'static str,
    /// "Agentur für Arbeit" or "Jobcenter".
    traeger: &'static str,
    /// "der Agentur für Arbeit" / "des Jobcenters".
    traeger_genitiv: &'static str,
    /// "der Agentur für Arbeit" / "dem Jobcenter".
    traeger_dativ: &'static str,
    /// "Vermittlungsfachkraft" (SGB III) or "Integrationsfachkraft" (SGB II).
    fachkraft: &'static str,
    entwurf: bool,
    status: String,
    zielberuf: Option<String>,
    ziel: Option<ZielDaten>,
    zwischenziel: Option<String>,
    strategien: Vec<StrategieDaten>,
    aufgaben_kunde: Vec<AufgabeDaten>,
    aufgaben_dritte: Vec<AufgabeDaten>,
    leistungen: Vec<String>,
    eigenbemuehungen: Option<EigenbemuehungenDaten>,
    rechtsfolgenbelehrung: Vec<Vec<String>>,
    gueltig_ab: String,
    gueltig_bis: String,
    ueberpruefung_bis: String,
    ort_datum: String,
}

/// Renders an Eingliederungsvereinbarung or, when `ev.art` says so, a Kooperationsplan as
/// PDF/UA-1.
pub fn vereinbarung_pdf(
    kopf: &Briefkopf,
    person: &Person,
    ev: &Eingliederungsvereinbarung,
    kontext: &EvKontext<'_>,
    katalog: &Katalog,
) -> Result<Vec<u8>, DokumentFehler> {
    setzen_aus(&vereinbarung_satzdaten(kopf, person, ev, kontext, katalog)?)
}

/// The data [`vereinbarung_pdf`] sets (E5: kept at signing, set later with [`crate::setzen_aus`]).
pub fn vereinbarung_satzdaten(
    kopf: &Briefkopf,
    person: &Person,
    ev: &Eingliederungsvereinbarung,
    kontext: &EvKontext<'_>,
    katalog: &Katalog,
) -> Result<Satzdaten, DokumentFehler> {
    let (vorlage, titel) = match ev.art {
        Vereinbarungsart::Eingliederungsvereinbarung => {
            (Vorlage::Eingliederungsvereinbarung, "Eingliederungsvereinbarung")
        }
        Vereinbarungsart::Kooperationsplan => (Vorlage::Kooperationsplan, "Kooperationsplan"),
    };
    let daten = daten(titel, kopf, person, ev, kontext, katalog);
    satzdaten(vorlage, &daten)
}

fn daten<'a>(
    titel: &'a str,
    kopf: &'a Briefkopf,
    person: &'a Person,
    ev: &Eingliederungsvereinbarung,
    k: &EvKontext<'_>,
    katalog: &Katalog,
) -> VereinbarungDaten<'a> {
    let sgb2 = k.rechtskreis == Rechtskreis::SgbII;
    let kp = ev.art == Vereinbarungsart::Kooperationsplan;
    let offen = namen::offene_strategien(k.strategien);

    let aufgaben = |wer: Verantwortlich| -> Vec<AufgabeDaten> {
        ev.aufgaben
            .iter()
            .filter(|a| a.verantwortlich == wer)
            .enumerate()
            .map(|(i, a)| AufgabeDaten { nr: i + 1, text: absaetze(&a.text), frist: a.frist.map(de) })
            .collect()
    };

    // E4: the agency's services: what the Dienststelle lists, the VFK's tasks, the products of
    // the open strategies (PK1); each once. The same service from two strategies (issue 15:
    // "Bindet den Arbeitgeber-Service ein" twice) is one line with the earliest deadline.
    let mut eintraege: Vec<(String, Option<NaiveDate>)> = Vec::new();
    let mut dazu = |t: &str, frist: Option<NaiveDate>| {
        let t = t.trim();
        if t.is_empty() {
            return;
        }
        match eintraege.iter_mut().find(|(e, _)| e.to_lowercase() == t.to_lowercase()) {
            Some((_, f)) => *f = [*f, frist].into_iter().flatten().min(),
            None => eintraege.push((t.to_owned(), frist)),
        }
    };
    k.leistungen.iter().for_each(|l| dazu(l, None));
    ev.aufgaben.iter().filter(|a| a.verantwortlich == Verantwortlich::Vfk).for_each(|a| dazu(&a.text, a.frist));
    offen.iter().flat_map(|w| &w.produkte).for_each(|p| dazu(&namen::produkt(katalog, p), None));
    let leistungen: Vec<String> = eintraege
        .into_iter()
        .map(|(t, frist)| match frist {
            Some(f) => format!("{t} (bis {})", de(f)),
            None => t,
        })
        .collect();

    // E2/E3: validity and review. Without a birth date the shorter SGB III period is assumed
    // (a review that comes too early harms nobody).
    let ab = ev.abgeschlossen_am.unwrap_or(ev.erstellt_am);
    let p = &katalog.parameter.ev;
    let gueltig_bis = ev.gueltig_bis.unwrap_or_else(|| plus_monate(ab, p.gueltigkeit_monate));
    let alter = person.geburtsdatum.map_or(0, |g| jahre_zwischen(g, ab));
    let pruefung = k.ueberpruefung_bis.unwrap_or_else(|| ueberpruefung_bis(ev, ab, k.rechtskreis, alter, p));

    let status = match (ev.abgeschlossen_am, ev.ausgehaendigt_am, ev.ersetzt_am) {
        (_, _, Some(r)) => format!("Ersetzt am {} durch eine neuere Fassung – nicht mehr gültig", de(r)),
        (None, _, _) if kp => "Entwurf – noch nicht gemeinsam abgeschlossen".to_string(),
        (None, _, _) => "Entwurf – nicht unterschrieben".to_string(),
        (Some(a), aus, None) => {
            // E5: the signatures, each with its date when they were given on different days.
            let was = match (ev.unterschrift_kunde_am, ev.unterschrift_fachkraft_am) {
                _ if kp => format!("Gemeinsam erstellt am {}", de(a)),
                (Some(k), Some(f)) if k != f => format!(
                    "Unterschrieben von der Kundin bzw. dem Kunden am {} und {} am {}",
                    de(k),
                    if sgb2 { "von der Integrationsfachkraft" } else { "von der Vermittlungsfachkraft" },
                    de(f)
                ),
                _ => format!("Unterschrieben am {}", de(a)),
            };
            match aus {
                Some(h) => format!("{was}, ausgehändigt am {}", de(h)),
                None => was,
            }
        }
    };

    // E4/S14: the Zwischenziel agreed in the EV, else the guidance of the first open strategy.
    let zwischenziel = ev.zwischenziel.clone().or_else(|| {
        offen.first().map(|w| {
            namen::zwischenziel(katalog, &w.strategie, ev.art).unwrap_or_else(|| {
                let name = namen::strategie(katalog, k.lokale_strategien, &w.strategie);
                if kp {
                    format!("Sie nehmen am Angebot „{name}“ teil.")
                } else {
                    format!("Umsetzung der Handlungsstrategie „{name}“")
                }
            })
        })
    });

    let rechtsfolgen = if kp {
        // §7.1 note: the Kooperationsplan has no Rechtsfolgenbelehrung.
        Vec::new()
    } else {
        let standard = if sgb2 { RECHTSFOLGENBELEHRUNG_SGB2 } else { RECHTSFOLGENBELEHRUNG_SGB3 };
        absaetze(k.rechtsfolgenbelehrung.as_deref().unwrap_or(standard))
    };

    VereinbarungDaten {
        kopf: KopfDaten::neu(titel, k.stand, kopf, person),
        rechtskreis: k.rechtskreis.label(),
        traeger: if sgb2 { "Jobcenter" } else { "Agentur für Arbeit" },
        traeger_genitiv: if sgb2 { "des Jobcenters" } else { "der Agentur für Arbeit" },
        traeger_dativ: if sgb2 { "dem Jobcenter" } else { "der Agentur für Arbeit" },
        fachkraft: if sgb2 { "Integrationsfachkraft" } else { "Vermittlungsfachkraft" },
        entwurf: ev.abgeschlossen_am.is_none(),
        status,
        zielberuf: k.zielberuf.clone(),
        ziel: k.ziel.map(|z| ZielDaten {
            zieloption: namen::zieloption(katalog, &z.zieloption),
            vereinbart_am: de(z.vereinbart_am),
            horizont: z.horizont_monate.map(|m| format!("{m} Monate")),
            eigene_ziele: z.eigene_ziele.as_deref().map(absaetze),
        }),
        zwischenziel,
        strategien: offen
            .iter()
            .map(|w| StrategieDaten {
                bezeichnung: namen::strategie(katalog, k.lokale_strategien, &w.strategie),
                zeitraum: w.zeitfenster_text(" bis "),
            })
            .collect(),
        aufgaben_kunde: aufgaben(Verantwortlich::Kunde),
        aufgaben_dritte: aufgaben(Verantwortlich::Dritte),
        leistungen,
        eigenbemuehungen: ev.eigenbemuehungen.as_ref().map(|e| EigenbemuehungenDaten {
            anzahl: e.anzahl,
            turnus: e.turnus.label(),
            von: de(e.von),
            bis: de(e.bis),
            nachweis: e.nachweis.clone(),
        }),
        rechtsfolgenbelehrung: rechtsfolgen,
        gueltig_ab: de(ab),
        gueltig_bis: de(gueltig_bis),
        ueberpruefung_bis: de(pruefung),
        ort_datum: match (&k.ort, ev.abgeschlossen_am) {
            (Some(o), Some(a)) => format!("{o}, {}", de(a)),
            (Some(o), None) => format!("{o}, "),
            (None, Some(a)) => de(a),
            (None, None) => String::new(),
        },
    }
}
