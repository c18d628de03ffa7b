//! Customers: register (with Bedarfsgemeinschaft), open the case file (logged with purpose, D3),
//! list the visible ones, re-registration (C1/C2) and deregistration.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use vierphasen_domain::fallakte::{Abmeldegrund, Erwerbstaetigkeit, Meldung, StrategieErgebnis, pruefen_und_aufloesen};
use vierphasen_domain::regeln::lebenslauf::{Wiedermeldung, reaktivieren};
use vierphasen_domain::zugriff::{Akteur, Aktion, Entscheidung, FallBezug, pruefen, standardzweck};
use vierphasen_domain::{Pruefergebnis, Rechtskreis, Segment};
use vierphasen_store::protokoll::Zugriff;
use vierphasen_store::sql;

use super::schreiben::nicht_vor;
use super::{
    Eintragsart, Kopf, NeuerKundeZeile, Tor, Verlaufsaktion, bedarfsgemeinschaft, dienststelle_laden, json,
    kunde_einfuegen,
};
use super::{Fall, FallIds, Stammdaten, fall_laden, freigaben};
use super::{als_text, aus_text, neue_kundennummer};
use crate::grenzen;
use crate::plz::plz_optional;
use crate::{App, AppFehler};
use vierphasen_domain::KundeId;
use vierphasen_matching::Plz;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NeuerKunde {
    pub vorname: String,
    pub nachname: String,
    #[serde(deserialize_with = "vierphasen_domain::datum::serde_strikt::datum")]
    pub geburtsdatum: NaiveDate,
    pub rechtskreis: Rechtskreis,
    #[serde(default)]
    pub segment: Segment,
    /// A known German PLZ (five digits).
    pub plz: Option<String>,
    /// SGB II: number of the Bedarfsgemeinschaft (created when new).
    pub bedarfsgemeinschaft: Option<String>,
    #[serde(default, deserialize_with = "vierphasen_domain::datum::serde_strikt::datum_opt")]
    pub arbeitslos_seit: Option<NaiveDate>,
    /// Z2: works beside the benefit (SGB II).
    #[serde(default)]
    pub erwerbstaetigkeit: Option<Erwerbstaetigkeit>,
    /// Start of the registration (default: today).
    #[serde(default, deserialize_with = "vierphasen_domain::datum::serde_strikt::datum_opt")]
    pub meldung_am: Option<NaiveDate>,
    /// A person with the same name (in any spelling) and birth date is registered in the
    /// Dienststelle already, and this is another one (without it such a registration is refused).
    #[serde(default)]
    pub bestaetigt: bool,
}

/// The case file as the UI and the API show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Fallansicht {
    pub stammdaten: Stammdaten,
    pub fallakte: vierphasen_domain::Fallakte,
    pub ids: FallIds,
    pub pruefung: Pruefergebnis,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Kundenzeile {
    pub id: i64,
    pub kundennummer: String,
    pub vorname: String,
    pub nachname: String,
    pub geburtsdatum: NaiveDate,
    pub rechtskreis: Rechtskreis,
    pub vfk_id: Option<i64>,
    /// D1: outside the user's caseload, team and stand-ins; opened only with a stated reason.
    pub nur_mit_begruendung: bool,
}

/// D1: a search this long also finds cases outside the own ones (a shorter one would list the
/// whole Dienststelle).
pub const SUCHE_AUSSERHALB_AB: usize = 3;

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct Kundensuche {
    /// Name words in any order and spelling (Müller, Mueller, Muller), the birth date
    /// (TT.MM.JJJJ) or part of the Kundennummer.
    pub suche: Option<String>,
    /// Only my caseload.
    #[serde(default)]
    pub meine: bool,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Datumsangabe {
    #[serde(deserialize_with = "vierphasen_domain::datum::serde_strikt::datum")]
    pub datum: NaiveDate,
}

/// C1/C2: the end of a registration episode and why.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Abmeldung {
    #[serde(deserialize_with = "vierphasen_domain::datum::serde_strikt::datum")]
    pub datum: NaiveDate,
    pub grund: Abmeldegrund,
}

/// Z2/PL4: whether the customer works beside the benefit, as it changes (a Minijob taken up,
/// a self-employment ended).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErwerbstaetigkeitAngabe {
    /// None: neither employed nor self-employed.
    #[serde(default)]
    pub erwerbstaetigkeit: Option<Erwerbstaetigkeit>,
}

/// U1: the planned change SGB III → SGB II (end of Alg I); none removes it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RechtskreiswechselAngabe {
    #[serde(default)]
    pub rechtskreiswechsel: Option<vierphasen_domain::fallakte::Rechtskreiswechsel>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Wiedermeldungsergebnis {
    pub meldung_id: i64,
    /// C1 Reaktivierungskunde / C2 Neukunde (`null` for a first registration).
    pub art: Option<Wiedermeldung>,
    pub automatisch_erledigte_strategien: usize,
    pub profiling_zurueckgesetzt: bool,
}

/// D3: why a case file is opened — the purpose given (checked like any text) or the role's default.
pub(crate) fn lesezweck(wer: &Akteur, zweck: Option<&str>) -> Result<String, AppFehler> {
    match zweck {
        Some(z) => text_pruefen("zweck", z, grenzen::ZEILE),
        None => Ok(standardzweck(wer.rolle).to_string()),
    }
}

/// An optional text: empty is `None`, anything else is checked like [`text_pruefen`].
pub(crate) fn text_opt(feld: &str, wert: Option<&str>, max: usize) -> Result<Option<String>, AppFehler> {
    match wert.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => text_pruefen(feld, t, max).map(Some),
    }
}

pub(crate) fn text_pruefen(feld: &str, wert: &str, max: usize) -> Result<String, AppFehler> {
    let t = wert.trim();
    if t.is_empty() {
        return Err(AppFehler::ungueltig(feld, "darf nicht leer sein"));
    }
    if t.chars().count() > max {
        return Err(AppFehler::ungueltig(feld, format!("höchstens {max} Zeichen")));
    }
    if t.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(AppFehler::ungueltig(feld, "enthält Steuerzeichen"));
    }
    if t.chars().any(richtungszeichen) {
        return Err(AppFehler::ungueltig(feld, "enthält unsichtbare Zeichen zur Umkehr der Schreibrichtung"));
    }
    Ok(t.to_string())
}

/// A person's name: a text with at least one letter and without invisible characters (a name
/// of only zero-width spaces would be an empty line in every list and letter).
pub(crate) fn name_pruefen(feld: &str, wert: &str) -> Result<String, AppFehler> {
    let t = text_pruefen(feld, wert, grenzen::NAME)?;
    if t.chars().any(unsichtbar) {
        return Err(AppFehler::ungueltig(feld, "enthält unsichtbare Zeichen (z. B. Leerzeichen ohne Breite)"));
    }
    if !t.chars().any(char::is_alphabetic) {
        return Err(AppFehler::ungueltig(feld, "muss mindestens einen Buchstaben enthalten"));
    }
    // Names are written in Latin script, as in German documents (issue 15/7): no emoji, symbols
    // or other scripts. Digits stay allowed for generated names of test and load data.
    if let Some(c) = t.chars().find(|c| !im_namen(*c)) {
        return Err(AppFehler::ungueltig(
            feld,
            format!(
                "„{c}“ ist in Namen nicht möglich: bitte nur Buchstaben der lateinischen Schrift (auch mit Akzenten wie é, ł, ș), Leerzeichen, Bindestrich, Apostroph und Punkt"
            ),
        ));
    }
    Ok(t)
}

/// Latin letters with their diacritics (Basic Latin, Latin-1 Supplement, Extended-A/B and
/// Additional), combining accents, digits, space, hyphen, apostrophes and the period.
fn im_namen(c: char) -> bool {
    let lateinisch = matches!(c, 'A'..='Z' | 'a'..='z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}');
    (lateinisch && c.is_alphabetic()) || matches!(c, '\u{0300}'..='\u{036F}' | '0'..='9' | ' ' | '-' | '\'' | '’' | '.')
}

/// Bidi controls (U+202A–U+202E, U+2066–U+2069): they reverse how a text is shown, so that what
/// a reader sees is not what is stored ("Trojan Source").
fn richtungszeichen(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Zero-width and other invisible characters (U+200B–U+200F, U+2060–U+2064, U+FEFF).
fn unsichtbar(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Youngest age at registration in the Allgemeine Vermittlung and in the SGB II.
const MINDESTALTER: i32 = 15;

/// A birth date in the past, at most 120 years ago; the Allgemeine Vermittlung and the SGB II
/// (§ 7 Abs. 1 SGB II) begin at 15, younger people are advised by the Berufsberatung
/// (Ausbildungsvermittlung).
fn geburtsdatum_pruefen(neu: &NeuerKunde, heute: NaiveDate) -> Result<(), AppFehler> {
    if neu.geburtsdatum > heute || vierphasen_domain::datum::jahre_zwischen(neu.geburtsdatum, heute) > 120 {
        return Err(AppFehler::ungueltig("geburtsdatum", "liegt in der Zukunft oder mehr als 120 Jahre zurück"));
    }
    let alter = vierphasen_domain::datum::jahre_zwischen(neu.geburtsdatum, neu.meldung_am.unwrap_or(heute));
    if alter < MINDESTALTER && (neu.segment == Segment::AV || neu.rechtskreis == Rechtskreis::SgbII) {
        return Err(AppFehler::ungueltig(
            "geburtsdatum",
            format!(
                "die Person ist {alter} Jahre alt; die Allgemeine Vermittlung und das SGB II beginnen mit 15 Jahren (Jüngere berät die Berufsberatung)"
            ),
        ));
    }
    Ok(())
}

/// P10: the Bedarfsgemeinschaft of this number in the user's Dienststelle (created when new);
/// there is none outside the SGB II.
pub(crate) async fn bg_finden(
    tx: &mut vierphasen_store::Tx,
    wer: &Akteur,
    rechtskreis: Rechtskreis,
    nummer: &str,
    (feld, feld_nummer): (&str, &str),
) -> Result<i64, AppFehler> {
    if rechtskreis != Rechtskreis::SgbII {
        return Err(AppFehler::ungueltig(feld, "gibt es nur im SGB II (P10)"));
    }
    let nummer = text_pruefen(feld_nummer, nummer, grenzen::BG_NUMMER)?;
    bedarfsgemeinschaft(tx, wer.dienststelle_id, &nummer).await
}

impl App {
    /// A registration's names and PLZ as checked, or every refusal of them (a form whose other
    /// fields are unreadable still reports these, issue 15/7).
    pub fn stammdaten_vorpruefen(
        &self,
        vorname: &str,
        nachname: &str,
        plz: Option<&str>,
    ) -> Result<(String, String, Option<Plz>), Vec<AppFehler>> {
        match (
            name_pruefen("vorname", vorname),
            name_pruefen("nachname", nachname),
            plz_optional(&self.matching.daten.plz, "plz", plz),
        ) {
            (Ok(v), Ok(n), Ok(p)) => Ok((v, n, p)),
            (v, n, p) => Err([v.err(), n.err(), p.err()].into_iter().flatten().collect()),
        }
    }

    /// Registers a customer in the caseload of the VFK who registers her.
    pub async fn kunde_anlegen(&self, wer: &Akteur, neu: NeuerKunde) -> Result<KundeId, AppFehler> {
        if pruefen(wer, Aktion::KundeAnlegen, None) != Entscheidung::Erlaubt {
            return Err(AppFehler::Verboten("Kunden legt eine Vermittlungsfachkraft an.".into()));
        }
        let heute = self.heute();
        // Every mistake of the form at once (issue 15/7); then the checked values.
        let stamm = self.stammdaten_vorpruefen(&neu.vorname, &neu.nachname, neu.plz.as_deref());
        let (vorname, nachname, plz) = match (stamm, geburtsdatum_pruefen(&neu, heute)) {
            (Ok(stamm), Ok(())) => stamm,
            (stamm, datum) => {
                let mut fehler = stamm.err().unwrap_or_default();
                fehler.extend(datum.err());
                AppFehler::alle(fehler)?;
                return Err(AppFehler::intern_meldung("Anlage ohne Fehler abgewiesen"));
            }
        };
        let meldung_am = neu.meldung_am.unwrap_or(heute);
        let jetzt = self.jetzt();
        let mut tx = self.schreiber.beginnen().await?;
        let dienststelle = dienststelle_laden(tx.as_mut(), wer.dienststelle_id).await?;
        if dienststelle.rechtskreis != als_text(&neu.rechtskreis) {
            return Err(AppFehler::ungueltig(
                "rechtskreis",
                format!("Die Dienststelle arbeitet im Rechtskreis {}", dienststelle.rechtskreis.replace('_', " ")),
            ));
        }
        // The same person twice (issue 15/7): a name in any spelling with the same birth date.
        if !neu.bestaetigt {
            let vorhanden = sql!(tx.as_mut(), zeilen<(String,)>
                "SELECT kundennummer FROM kunde WHERE dienststelle_id = $1 AND suchname = $2 AND geburtsdatum = $3
                 ORDER BY id LIMIT 3",
                wer.dienststelle_id, super::namenssuche::suchname(&vorname, &nachname), neu.geburtsdatum)?;
            if !vorhanden.is_empty() {
                let nummern: Vec<String> = vorhanden.into_iter().map(|(n,)| n).collect();
                return Err(AppFehler::ungueltig(
                    "bestaetigt",
                    format!(
                        "Eine Person mit diesem Namen und Geburtsdatum ist bereits gemeldet (Kundennummer {}). Bitte die bestehende Akte über die Kundensuche öffnen; ist es eine andere Person, das bestätigen und erneut anlegen.",
                        nummern.join(", ")
                    ),
                ));
            }
        }
        let felder = ("bedarfsgemeinschaft", "bedarfsgemeinschaft");
        let bg_id = match &neu.bedarfsgemeinschaft {
            Some(nummer) => Some(bg_finden(tx.as_mut(), wer, neu.rechtskreis, nummer, felder).await?),
            None => None,
        };
        let kundennummer = neue_kundennummer();
        let zeile = NeuerKundeZeile {
            kundennummer: &kundennummer,
            dienststelle_id: wer.dienststelle_id,
            team_id: wer.team_id,
            vfk_id: wer.benutzer_id,
            vorname: &vorname,
            nachname: &nachname,
            geburtsdatum: neu.geburtsdatum,
            rechtskreis: neu.rechtskreis,
            segment: neu.segment,
            plz: plz.as_ref(),
            bedarfsgemeinschaft_id: bg_id,
            arbeitslos_seit: neu.arbeitslos_seit,
            erwerbstaetigkeit: neu.erwerbstaetigkeit,
            rechtskreiswechsel: None,
        };
        let id = kunde_einfuegen(tx.as_mut(), &zeile, jetzt).await?;
        let kopf = Kopf { kunde_id: id, von: wer.benutzer_id, jetzt, katalog: self.katalog };
        let meldung_id =
            Meldung { beginn: meldung_am, ende: None, abmeldegrund: None }.einfuegen(tx.as_mut(), kopf).await?;
        let nachher = serde_json::json!({
            "kundennummer": kundennummer, "vorname": vorname, "nachname": nachname, "geburtsdatum": neu.geburtsdatum,
            "rechtskreis": neu.rechtskreis, "segment": neu.segment, "plz": plz.as_ref().map(Plz::as_str),
            "bedarfsgemeinschaft": neu.bedarfsgemeinschaft, "meldung": { "id": meldung_id, "beginn": meldung_am },
        });
        super::verlauf_schreiben(
            tx.as_mut(),
            super::Eintrag::<(), _> {
                kunde_id: id,
                benutzer_id: wer.benutzer_id,
                zeitpunkt: jetzt,
                entitaet: "kunde",
                entitaet_id: Some(id.0),
                aktion: Verlaufsaktion::Angelegt,
                vorher: None,
                nachher: Some(&nachher),
            },
        )
        .await?;
        super::wiedervorlagen_anstossen(tx.as_mut(), id, jetzt).await?;
        tx.festschreiben().await?;
        Ok(id)
    }

    /// Every read of a case file: access decision, load, then the access-log row with its purpose,
    /// durable before anything is shown (D3, fail closed).
    pub(crate) async fn fall_oeffnen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        aktion: Aktion,
        zweck: String,
    ) -> Result<Fall, AppFehler> {
        let mut tx = self.db.begin().await?;
        let fall = fall_laden(&mut tx, wer, kunde_id, aktion, self.jetzt()).await?;
        drop(tx);
        self.protokoll
            .protokollieren(Zugriff {
                zeitpunkt: self.jetzt(),
                benutzer_id: wer.benutzer_id,
                kunde_id: kunde_id.0,
                zweck,
            })
            .await?;
        Ok(fall)
    }

    /// Opens a case file: access decision, then the access-log row (durable before the answer,
    /// fail closed), then the content with the Fallprüfung of today.
    pub async fn fall_lesen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        zweck: Option<&str>,
    ) -> Result<Fallansicht, AppFehler> {
        let zweck = lesezweck(wer, zweck)?;
        let fall = self.fall_oeffnen(wer, kunde_id, Aktion::FallLesen, zweck).await?;
        self.ansicht(fall)
    }

    /// The case as it is shown: with the Fallprüfung of today.
    pub(crate) fn ansicht(&self, Fall { stamm, akte, ids }: Fall) -> Result<Fallansicht, AppFehler> {
        let pruefung = vierphasen_domain::pruefen(&pruefen_und_aufloesen(akte.clone(), self.katalog)?, self.heute());
        Ok(Fallansicht { stammdaten: stamm, fallakte: akte, ids, pruefung })
    }

    /// The cases the user may see (names only; opening one is what is logged). D1: a VFK's list
    /// holds her caseload, her team's and her stand-ins' cases; a search of at least
    /// [`SUCHE_AUSSERHALB_AB`] characters also finds the other cases of her Dienststelle, marked
    /// as opened only with a stated reason. D3: every list is logged (who, what, how many).
    pub async fn kunden_liste(&self, wer: &Akteur, suche: &Kundensuche) -> Result<Vec<Kundenzeile>, AppFehler> {
        let begriff = match suche.suche.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => Some(text_pruefen("suche", s, grenzen::ZEILE)?),
            None => None,
        };
        let muster = match &begriff {
            Some(s) => format!("%{}%", s.to_lowercase().replace(['%', '_'], "")),
            None => "%".to_string(),
        };
        // Name words in any order and spelling, and a birth date (issue 15/7).
        let name = begriff.as_deref().map(super::namenssuche::lesen).unwrap_or_default();
        let mit_name = begriff.is_none() || !name.woerter.is_empty() || name.geburtsdatum.is_some();
        let [w1, w2, w3, w4] = std::array::from_fn(|i| name.woerter.get(i).map_or("%".into(), |w| format!("%{w}%")));
        // Unused without a date; any value both backends can bind.
        let geburtsdatum = name.geburtsdatum.unwrap_or_default();
        let auch_ausserhalb = begriff.as_ref().is_some_and(|s| s.chars().count() >= SUCHE_AUSSERHALB_AB);
        let mut tx = self.db.begin().await?;
        // What the access decision needs comes with the row (one query, not one per case).
        type Zeile = (i64, String, String, String, NaiveDate, String, Option<i64>, Option<i64>, bool, bool);
        let zeilen: Vec<Zeile> = sql!(&mut tx, zeilen<Zeile>
            "SELECT k.id, k.kundennummer, k.vorname, k.nachname, k.geburtsdatum, k.rechtskreis, k.vfk_id, k.team_id, k.gesperrt,
                    k.eingeschraenkt_seit IS NOT NULL
             FROM kunde k
             WHERE k.dienststelle_id = $1
               AND (LOWER(k.kundennummer) LIKE $2
                    OR ($5 = TRUE AND k.suchname LIKE $6 AND k.suchname LIKE $7 AND k.suchname LIKE $8
                        AND k.suchname LIKE $9 AND ($10 = FALSE OR k.geburtsdatum = $11)))
               AND ($3 = FALSE OR k.vfk_id = $4)
             ORDER BY k.nachname, k.vorname, k.id LIMIT 500",
            wer.dienststelle_id, &muster, suche.meine, wer.benutzer_id, mit_name, &w1, &w2, &w3, &w4,
            name.geburtsdatum.is_some(), geburtsdatum)?;
        let mut liste = Vec::with_capacity(zeilen.len());
        for (
            id,
            kundennummer,
            vorname,
            nachname,
            geburtsdatum,
            rechtskreis,
            vfk_id,
            team_id,
            gesperrt,
            eingeschraenkt,
        ) in zeilen
        {
            let bezug = FallBezug {
                dienststelle_id: wer.dienststelle_id,
                team_id,
                vfk_id,
                gesperrt,
                freigegeben_fuer: if gesperrt { freigaben(&mut tx, KundeId(id)).await? } else { Vec::new() },
                // The list opens no case through a referral (the Fachdienst has its inbox).
                offene_auftraege_an: Vec::new(),
                ausnahme_fuer: Vec::new(),
                eingeschraenkt,
            };
            let nur_mit_begruendung = match pruefen(wer, Aktion::FallLesen, Some(&bezug)) {
                Entscheidung::Erlaubt => false,
                Entscheidung::NurMitBegruendung if auch_ausserhalb => true,
                _ => continue,
            };
            let rechtskreis = aus_text("rechtskreis", &rechtskreis)?;
            liste.push(Kundenzeile {
                id,
                kundennummer,
                vorname,
                nachname,
                geburtsdatum,
                rechtskreis,
                vfk_id,
                nur_mit_begruendung,
            });
        }
        drop(tx);
        self.suche_protokollieren(wer, begriff.as_deref(), suche.meine, liste.len()).await?;
        Ok(liste)
    }

    /// C1/C2: a new registration episode. After a deregistration of more than the configured
    /// months the Profillage goes back to N (a new profiling version without it); in SGB III the
    /// customer is a Neukunde: open strategies are closed `automatisch_erledigt` and the whole
    /// profiling is reset.
    pub async fn meldung_anlegen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        beginn: NaiveDate,
    ) -> Result<Wiedermeldungsergebnis, AppFehler> {
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        if s.fall.akte.meldungen.last().is_some_and(|m| m.ende.is_none()) {
            return Err(AppFehler::Konflikt("Der Kunde ist bereits gemeldet; zuerst die Abmeldung erfassen.".into()));
        }
        nicht_vor("datum", beginn, s.fall.akte.meldungen.last().and_then(|m| m.ende))?;
        let gepruefte = pruefen_und_aufloesen(s.fall.akte.clone(), self.katalog)?;
        let reaktivierung = reaktivieren(&gepruefte, beginn);
        let mut erledigt = 0;
        let mut zurueckgesetzt = false;
        if let Some(r) = &reaktivierung {
            for &i in &r.automatisch_erledigen {
                let mut w = s.fall.akte.strategien[i].clone();
                w.ergebnis = Some(StrategieErgebnis::AutomatischErledigt);
                w.erledigt_am = Some(beginn);
                s.ueberschreiben(i, w, Verlaufsaktion::AutomatischErledigt).await?;
                erledigt += 1;
            }
            // C2/PL2a: in SGB III the whole profiling, in both Rechtskreise the Profillage.
            if let Some(neu) = s.fall.akte.profiling.last().and_then(|l| r.zurueckgesetzte_version(l, beginn)) {
                s.anfuegen(neu, Verlaufsaktion::ProfillageZurueckgesetzt).await?;
                zurueckgesetzt = true;
            }
        }
        let (meldung_id, _) =
            s.anfuegen(Meldung { beginn, ende: None, abmeldegrund: None }, Verlaufsaktion::Angelegt).await?;
        // C1/C2: a registration is a fact; what it causes is shown in the case, never refused.
        s.abschliessen(Tor::melden()).await?;
        Ok(Wiedermeldungsergebnis {
            meldung_id,
            art: reaktivierung.map(|r| r.art),
            automatisch_erledigte_strategien: erledigt,
            profiling_zurueckgesetzt: zurueckgesetzt,
        })
    }

    /// Z2/PL4: records a change of the customer's work beside the benefit. A fact: never
    /// refused; what it means for goal and Profillage shows as findings.
    pub async fn erwerbstaetigkeit_setzen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        angabe: ErwerbstaetigkeitAngabe,
    ) -> Result<Vec<vierphasen_domain::Befund>, AppFehler> {
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        let vorher = ErwerbstaetigkeitAngabe { erwerbstaetigkeit: s.fall.akte.kunde.erwerbstaetigkeit };
        sql!(&mut s.tx, ausfuehren "UPDATE kunde SET erwerbstaetigkeit = $1 WHERE id = $2",
            angabe.erwerbstaetigkeit.as_ref().map(als_text), kunde_id.0)?;
        s.fall.akte.kunde.erwerbstaetigkeit = angabe.erwerbstaetigkeit;
        s.verlauf("erwerbstaetigkeit", None, Verlaufsaktion::Geaendert, Some(&vorher), Some(&angabe)).await?;
        s.abschliessen(Tor::melden()).await
    }

    /// U1: the Rechtskreiswechsel (end of Alg I) as it becomes known, changed or removed. A
    /// fact: never refused by the rules; its dates show as Fristen and Wiedervorlagen. The
    /// SGB III side cannot mark it done: the Übernahme by the Jobcenter does (issue 13/5).
    pub async fn rechtskreiswechsel_setzen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        angabe: RechtskreiswechselAngabe,
    ) -> Result<Vec<vierphasen_domain::Befund>, AppFehler> {
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        if let Some(w) = &angabe.rechtskreiswechsel
            && s.fall.akte.kunde.rechtskreis == Rechtskreis::SgbIII
            && (w.erfolgt || w.erstgespraech_bis.is_some())
        {
            return Err(AppFehler::ungueltig(
                "erfolgt",
                "Im SGB III wird der Wechsel nicht als erfolgt erfasst: er ist vollzogen, wenn das Jobcenter die Übergabe übernimmt",
            ));
        }
        let vorher = RechtskreiswechselAngabe { rechtskreiswechsel: s.fall.akte.kunde.rechtskreiswechsel.clone() };
        sql!(&mut s.tx, ausfuehren "UPDATE kunde SET rechtskreiswechsel = $1 WHERE id = $2",
            angabe.rechtskreiswechsel.as_ref().map(json).transpose()?, kunde_id.0)?;
        s.fall.akte.kunde.rechtskreiswechsel.clone_from(&angabe.rechtskreiswechsel);
        s.verlauf("rechtskreiswechsel", None, Verlaufsaktion::Geaendert, Some(&vorher), Some(&angabe)).await?;
        s.abschliessen(Tor::melden()).await
    }

    /// Ends the current registration episode, with the reason.
    pub async fn abmelden_kunde(&self, wer: &Akteur, kunde_id: KundeId, abmeldung: Abmeldung) -> Result<(), AppFehler> {
        let Abmeldung { datum: ende, grund } = abmeldung;
        if ende > self.heute() {
            return Err(AppFehler::ungueltig("datum", "liegt in der Zukunft: abgemeldet wird, wer abgegangen ist"));
        }
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        let Some(m) = s.fall.akte.meldungen.last().cloned() else {
            return Err(AppFehler::Konflikt("Der Kunde hat keine Meldung.".into()));
        };
        if m.ende.is_some() {
            return Err(AppFehler::Konflikt("Der Kunde ist bereits abgemeldet.".into()));
        }
        nicht_vor("datum", ende, Some(m.beginn))?;
        let letzte = s.fall.akte.meldungen.len() - 1;
        let abgemeldet = Meldung { beginn: m.beginn, ende: Some(ende), abmeldegrund: Some(grund) };
        s.ueberschreiben(letzte, abgemeldet, Verlaufsaktion::Abgemeldet).await?;
        s.abschliessen(Tor::melden()).await?;
        Ok(())
    }
}
