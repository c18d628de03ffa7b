//! §8.4 Stellenangebote: entry and editing (API/UI), import from files, the matching index the
//! application owns, and the BAC (P6). Postings carry no personal data; reading them needs a
//! login, changing them the roles that place people (VFK, Teamleitung) or the operator (Admin).

mod eingabe;
mod index;
mod speichern;

use serde::{Deserialize, Serialize};
use utoipa::IntoParams;
use vierphasen_domain::katalog::KldbCode;
pub use vierphasen_domain::stellen::{CSV_SPALTEN, Eintraege, Fundstelle, Importfehler, StellenEingabe};
use vierphasen_domain::zugriff::{Akteur, Rolle};
use vierphasen_matching::{Bac, Region, Tag, bac};

pub use eingabe::{LAUFZEIT_TAGE, Stelle, arbeitszeit_pruefen, beruf_zuordnen};
pub(crate) use index::Profilquelle;
pub use index::{BAC_MONATE, Matching};
use speichern::{Schreibart, stelle_schreiben, stellen_liste, zeile_nach_id, zeile_nach_refnr};
pub(crate) use speichern::{stelle_aus_json, stelle_laden};

use crate::{App, AppFehler};

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Importbericht {
    pub neu: usize,
    pub geaendert: usize,
    pub unveraendert: usize,
    /// The problems of the entries left out (only a partial import leaves any out).
    pub abgewiesen: Vec<Importfehler>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct Stellensuche {
    /// KldB code or its first digits.
    pub beruf: Option<String>,
    /// Also expired postings.
    #[serde(default)]
    pub alle: bool,
}

fn darf_stellen_pflegen(wer: &Akteur) -> Result<(), AppFehler> {
    match wer.rolle {
        Rolle::Vfk | Rolle::Teamleitung | Rolle::Admin => Ok(()),
        _ => Err(AppFehler::Verboten("Stellenangebote pflegen Vermittlung, Teamleitung und Administration.".into())),
    }
}

fn darf_stellen_sehen(wer: &Akteur) -> Result<(), AppFehler> {
    match wer.rolle {
        Rolle::Datenschutz => Err(AppFehler::Verboten("Stellenangebote gehören nicht zu Ihrer Rolle.".into())),
        _ => Ok(()),
    }
}

impl App {
    fn stelle_aus(&self, e: &StellenEingabe) -> Result<Stelle, AppFehler> {
        eingabe::stelle_pruefen(e, &self.katalog.berufe, &self.matching.daten.plz, self.heute())
    }

    /// Enters a posting (a new reference number) or changes one (`id` given, same or new number).
    pub async fn stelle_speichern(
        &self,
        wer: &Akteur,
        id: Option<i64>,
        eingabe: StellenEingabe,
    ) -> Result<Stelle, AppFehler> {
        darf_stellen_pflegen(wer)?;
        let stelle = self.stelle_aus(&eingabe)?;
        let mut tx = self.schreiber.beginnen().await?;
        let bisher = match id {
            Some(id) => Some(zeile_nach_id(tx.as_mut(), id).await?.ok_or(AppFehler::NichtGefunden("Die Stelle"))?),
            None => None,
        };
        if let Some(andere) = zeile_nach_refnr(tx.as_mut(), &stelle.refnr).await?
            && Some(andere.id) != id
        {
            return Err(AppFehler::ungueltig(
                "refnr",
                format!("Die Referenznummer {} gehört schon zu Stelle {}", stelle.refnr, andere.id),
            ));
        }
        // An edit keeps where the posting came from.
        let quelle = match &bisher {
            Some(z) => stelle_aus_json(z.id, &z.inhalt)?.quelle,
            None => "erfasst".to_string(),
        };
        let (neu, erstellt_um, _) =
            stelle_schreiben(tx.as_mut(), bisher, &Stelle { quelle, ..stelle }, self.jetzt()).await?;
        tx.festschreiben().await?;
        self.matching.stelle_setzen(&neu, erstellt_um);
        Ok(neu)
    }

    pub async fn stelle_lesen(&self, wer: &Akteur, id: i64) -> Result<Stelle, AppFehler> {
        darf_stellen_sehen(wer)?;
        let mut tx = self.db.begin().await?;
        Ok(stelle_laden(&mut tx, id).await?.ok_or(AppFehler::NichtGefunden("Die Stelle"))?.0)
    }

    /// Newest first, at most 200.
    pub async fn stellen_suchen(&self, wer: &Akteur, suche: &Stellensuche) -> Result<Vec<Stelle>, AppFehler> {
        darf_stellen_sehen(wer)?;
        let praefix = suche.beruf.as_deref().map(str::trim).unwrap_or_default();
        if !praefix.bytes().all(|b| b.is_ascii_digit()) || praefix.len() > 5 {
            return Err(AppFehler::ungueltig("beruf", "erwartet einen KldB-Schlüssel oder seine ersten Ziffern"));
        }
        let mut tx = self.db.begin().await?;
        stellen_liste(&mut tx, praefix, (!suche.alle).then(|| self.heute()), 200).await
    }

    /// `vierphasen import stellen FILE`: every entry checked first; any error imports nothing and
    /// every problem of every bad entry is returned with its line. Re-importing updates by
    /// reference number.
    pub async fn stellen_importieren(&self, name: &str, text: &str) -> Result<Importbericht, Vec<Importfehler>> {
        self.stellen_uebernehmen(vierphasen_domain::stellen::lesen(name, text).map_err(|e| vec![e])?).await
    }

    /// Imports the valid entries of a posting file and reports the others in
    /// `Importbericht::abgewiesen` (`vierphasen import stellen --teilweise`). Only a file that
    /// cannot be read at all, or a storage error, imports nothing.
    pub async fn stellen_teilweise_importieren(
        &self,
        name: &str,
        text: &str,
    ) -> Result<Importbericht, Vec<Importfehler>> {
        self.uebernehmen(vierphasen_domain::stellen::lesen(name, text).map_err(|e| vec![e])?, true).await
    }

    /// The import of entries read elsewhere (numbered like lines); all or nothing.
    pub async fn stellen_uebernehmen(&self, eintraege: Eintraege) -> Result<Importbericht, Vec<Importfehler>> {
        self.uebernehmen(eintraege, false).await
    }

    async fn uebernehmen(&self, eintraege: Eintraege, teilweise: bool) -> Result<Importbericht, Vec<Importfehler>> {
        let mut fehler = Vec::new();
        let mut stellen: Vec<(usize, Stelle)> = Vec::with_capacity(eintraege.len());
        for (fundstelle, e) in eintraege {
            match e.and_then(|e| {
                self.stelle_aus(&e)
                    .map(|s| Stelle { quelle: "import".into(), ..s })
                    .map_err(|f| vec![importfehler(&fundstelle, f)])
            }) {
                Ok(s) => match stellen.iter().find(|(_, a)| a.refnr == s.refnr) {
                    Some((erste, _)) => fehler.push(
                        fundstelle.fehler("refnr", format!("Referenznummer {} steht schon in Zeile {erste}", s.refnr)),
                    ),
                    None => stellen.push((fundstelle.zeile, s)),
                },
                Err(mut f) => fehler.append(&mut f),
            }
        }
        if !fehler.is_empty() && !teilweise {
            return Err(fehler);
        }
        let speicherfehler =
            |e: AppFehler| vec![Importfehler { zeile: 0, feld: String::new(), meldung: e.to_string() }];
        let mut tx = self.schreiber.beginnen().await.map_err(speicherfehler)?;
        let jetzt = self.jetzt();
        let mut bericht = Importbericht { abgewiesen: fehler, ..Importbericht::default() };
        let mut gespeichert = Vec::with_capacity(stellen.len());
        for (_, s) in &stellen {
            let bisher = zeile_nach_refnr(tx.as_mut(), &s.refnr).await.map_err(speicherfehler)?;
            let (s, erstellt_um, art) =
                stelle_schreiben(tx.as_mut(), bisher, s, jetzt).await.map_err(speicherfehler)?;
            match art {
                Schreibart::Neu => bericht.neu += 1,
                Schreibart::Geaendert => bericht.geaendert += 1,
                Schreibart::Unveraendert => bericht.unveraendert += 1,
            }
            gespeichert.push((s, erstellt_um));
        }
        tx.festschreiben().await.map_err(speicherfehler)?;
        for (s, erstellt_um) in &gespeichert {
            self.matching.stelle_setzen(s, *erstellt_um);
        }
        Ok(bericht)
    }

    /// P6: the BAC for an occupation around a postcode (Tagespendelbereich, Z6) or nationwide.
    pub fn bac(&self, wer: &Akteur, beruf: &str, plz: Option<&str>) -> Result<Bac, AppFehler> {
        darf_stellen_sehen(wer)?;
        let code = KldbCode::parse(beruf.trim())
            .ok_or_else(|| AppFehler::ungueltig("beruf", "erwartet einen fünfstelligen KldB-Schlüssel"))?;
        let region = match crate::plz::plz_optional(&self.matching.daten.plz, "plz", plz)? {
            Some(p) => Region::Umkreis {
                ort: p.ort(),
                km: u16::try_from(self.katalog.parameter.matching.tagespendelbereich_km).unwrap_or(u16::MAX),
            },
            None => Region::Bundesweit,
        };
        let m = &self.matching;
        bac(&m.stellen, &m.meldungen, code, region, Tag::aus_datum(self.heute()), BAC_MONATE)
            .ok_or_else(|| AppFehler::ungueltig("beruf", format!("{beruf} ist keine Berufsgattung der KldB 2010")))
    }
}

/// A problem the application finds in an entry, where the file has that field.
fn importfehler(fundstelle: &Fundstelle, f: AppFehler) -> Importfehler {
    match f {
        AppFehler::Ungueltig { feld, meldung } => fundstelle.fehler(&feld, meldung),
        anders => Importfehler { zeile: fundstelle.zeile, feld: String::new(), meldung: anders.to_string() },
    }
}
