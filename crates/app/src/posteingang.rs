//! Issue 13/1: the inbox of a Fachdienst (its open referrals, oldest first, with their age
//! against the service level) and a referral as its page shows it — to the service only the
//! parts of the case file the referral opens (D1 need-to-know), each read logged with purpose.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;
use vierphasen_domain::KundeId;
use vierphasen_domain::datum::de;
use vierphasen_domain::fallakte::{Aktenteil, Auftrag, Auftragsstatus};
use vierphasen_domain::zugriff::{Akteur, Aktion, Rolle};
use vierphasen_store::sql;

use crate::fall::{auftrag_des_akteurs, lesezweck};
use crate::konto::benutzername;
use crate::{App, AppFehler};

/// An open referral in the inbox of a service.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Posteingangszeile {
    pub kunde_id: i64,
    pub auftrag_id: i64,
    pub kundennummer: String,
    pub name: String,
    /// The day of the referral.
    pub datum: NaiveDate,
    /// The service asked for (label).
    pub leistung: String,
    pub status: Auftragsstatus,
    /// Days since the referral.
    pub alter_tage: i64,
    /// The service level in days; the referral is late beyond it.
    pub sla_tage: Option<u32>,
    pub vfk: Option<String>,
}

impl Posteingangszeile {
    pub fn verspaetet(&self) -> bool {
        self.sla_tage.is_some_and(|s| self.alter_tage > i64::from(s))
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Posteingang {
    /// The service of the user (label).
    pub dienst: String,
    pub sla_tage: Option<u32>,
    pub zeilen: Vec<Posteingangszeile>,
}

/// A part of the case file as the referral shows it: its lines in words.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Aktenauszug {
    pub teil: Aktenteil,
    pub titel: String,
    pub zeilen: Vec<String>,
}

/// A referral with what it opens of the case.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Auftragsakte {
    pub kunde_id: i64,
    pub auftrag_id: i64,
    pub kundennummer: String,
    pub name: String,
    pub geburtsdatum: NaiveDate,
    pub vfk_id: Option<i64>,
    pub vfk: Option<String>,
    pub dienst: String,
    pub leistung: String,
    pub auftrag: Auftrag,
    pub alter_tage: i64,
    pub sla_tage: Option<u32>,
    pub auszuege: Vec<Aktenauszug>,
}

impl App {
    /// The open referrals to the user's service in her Dienststelle, oldest first. Only for a
    /// Fachdienst user with a service; restricted cases (§35 SGB I, Art. 18) are not listed.
    pub async fn posteingang(&self, wer: &Akteur) -> Result<Posteingang, AppFehler> {
        let dienst = match (wer.rolle, wer.fachdienst.as_deref().and_then(|d| self.katalog.dienst(d))) {
            (Rolle::Fachdienst, Some(d)) => d,
            (Rolle::Fachdienst, None) => {
                return Err(AppFehler::Verboten(
                    "Ihrem Konto ist kein Fachdienst zugeordnet; die Administration ordnet ihn zu.".into(),
                ));
            }
            _ => return Err(AppFehler::Verboten("Der Posteingang gehört zu den Fachdiensten.".into())),
        };
        let heute = self.heute();
        let mut tx = self.db.begin().await?;
        type Zeile = (i64, i64, String, String, String, NaiveDate, String, String, Option<String>);
        let zeilen = sql!(&mut tx, zeilen<Zeile>
            "SELECT k.id, a.id, k.kundennummer, k.vorname, k.nachname, a.datum, a.leistung, a.status, b.name
             FROM auftrag a JOIN kunde k ON k.id = a.kunde_id LEFT JOIN benutzer b ON b.id = k.vfk_id
             WHERE a.dienst = $1 AND a.erledigt = FALSE AND k.dienststelle_id = $2
               AND k.gesperrt = FALSE AND k.eingeschraenkt_seit IS NULL
             ORDER BY a.datum, a.id LIMIT 1000",
            &dienst.id, wer.dienststelle_id)?;
        let zeilen = zeilen
            .into_iter()
            .map(|(kunde_id, auftrag_id, kundennummer, vorname, nachname, datum, leistung, status, vfk)| {
                Posteingangszeile {
                    kunde_id,
                    auftrag_id,
                    kundennummer,
                    name: format!("{vorname} {nachname}"),
                    datum,
                    leistung: self.katalog.finde_leistung(&leistung).map_or(leistung, |l| l.label.clone()),
                    status: Auftragsstatus::aus_id(&status).unwrap_or_default(),
                    alter_tage: (heute - datum).num_days(),
                    sla_tage: dienst.sla_tage,
                    vfk,
                }
            })
            .collect::<Vec<_>>();
        drop(tx);
        // D3: a list of customers is logged like a search (who, when, how many).
        self.suche_protokollieren(wer, Some("Posteingang"), true, zeilen.len()).await?;
        Ok(Posteingang { dienst: dienst.label.clone(), sla_tage: dienst.sla_tage, zeilen })
    }

    /// A referral with the parts of the case file it opens. A Fachdienst user reads it only
    /// while a referral to her service is open (else: not found, D1), and only this one if it is
    /// hers; the VFK reads it like the case. The read is logged with the role's purpose (D3).
    pub async fn auftrag_lesen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        auftrag_id: i64,
    ) -> Result<Auftragsakte, AppFehler> {
        let aktion = if wer.rolle == Rolle::Fachdienst { Aktion::AuftragBearbeiten } else { Aktion::FallLesen };
        let fall = self.fall_oeffnen(wer, kunde_id, aktion, lesezweck(wer, None)?).await?;
        let i = auftrag_des_akteurs(&fall, wer, auftrag_id, self.katalog)?;
        let auftrag = fall.akte.auftraege[i].clone();
        let leistung = self.katalog.finde_leistung(&auftrag.leistung);
        let dienst = self.katalog.dienst_der_leistung(&auftrag.leistung);
        let vfk = match fall.stamm.vfk_id {
            Some(id) => benutzername(&mut self.db.begin().await?, id).await?,
            None => None,
        };
        let auszuege = auftrag.freigabe.iter().map(|t| self.auszug(&fall.akte, *t)).collect();
        Ok(Auftragsakte {
            kunde_id: kunde_id.0,
            auftrag_id,
            kundennummer: fall.stamm.kundennummer.clone(),
            name: format!("{} {}", fall.stamm.vorname, fall.stamm.nachname),
            geburtsdatum: fall.stamm.geburtsdatum,
            vfk_id: fall.stamm.vfk_id,
            vfk,
            dienst: dienst.map_or_else(String::new, |d| d.label.clone()),
            leistung: leistung.map_or_else(|| auftrag.leistung.clone(), |l| l.label.clone()),
            alter_tage: (self.heute() - auftrag.datum).num_days(),
            sla_tage: dienst.and_then(|d| d.sla_tage),
            auftrag,
            auszuege,
        })
    }

    /// One part of the case file in words (labels from the catalogue).
    pub(crate) fn auszug(&self, akte: &vierphasen_domain::Fallakte, teil: Aktenteil) -> Aktenauszug {
        let k = self.katalog;
        let merkmal = |m: &str| k.finde_merkmal(m).map_or_else(|| m.to_owned(), |r| k.merkmal(r).label.clone());
        let zeilen = match teil {
            Aktenteil::Profiling => match akte.profiling.last() {
                None => vec!["Kein Profiling erfasst.".into()],
                Some(p) => {
                    let mut z = vec![format!("Profiling vom {}", de(p.gespeichert_am))];
                    if let Some(beruf) = p.zielberuf_name(&k.berufe) {
                        z.push(format!("Zielberuf: {beruf}"));
                    }
                    for m in &p.merkmale {
                        let kommentar = m.kommentar.as_deref().map(|c| format!(" – {c}")).unwrap_or_default();
                        z.push(format!("{}: {}{kommentar}", merkmal(&m.merkmal), m.status.label()));
                    }
                    for s in &p.staerken {
                        z.push(format!("Stärke: {}", s.bezeichnung));
                    }
                    z
                }
            },
            Aktenteil::Werdegang => {
                let z: Vec<String> = akte
                    .kunde
                    .werdegang
                    .iter()
                    .map(|w| format!("{}: {} ({})", w.zeitraum_text(), w.bezeichnung, w.art.label()))
                    .collect();
                if z.is_empty() { vec!["Kein Werdegang erfasst.".into()] } else { z }
            }
            Aktenteil::ZielUndStrategien => {
                let mut z = Vec::new();
                if let Some(ziel) = akte.ziele.last() {
                    let label =
                        k.finde_zieloption(&ziel.zieloption).map_or(ziel.zieloption.as_str(), |o| o.label.as_str());
                    z.push(format!("Ziel seit {}: {label}", de(ziel.vereinbart_am)));
                }
                for s in akte.strategien.iter().filter(|s| s.erledigt_am.is_none()) {
                    let label =
                        k.finde_strategie(&s.strategie).map_or(s.strategie.as_str(), |r| k.strategie(r).label.as_str());
                    z.push(format!("Strategie: {label}"));
                }
                if z.is_empty() { vec!["Kein Ziel und keine Strategie erfasst.".into()] } else { z }
            }
            Aktenteil::Beratungsvermerke => {
                let z: Vec<String> =
                    akte.vermerke.iter().rev().take(5).map(|v| format!("{}: {}", de(v.datum), v.text)).collect();
                if z.is_empty() { vec!["Kein Beratungsvermerk erfasst.".into()] } else { z }
            }
        };
        Aktenauszug { teil, titel: teil.label().to_owned(), zeilen }
    }
}
