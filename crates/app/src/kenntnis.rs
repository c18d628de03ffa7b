//! D1 need-to-know beyond the own cases (break-the-glass) and D3 for lists: a VFK opens a case
//! outside her caseload, team and stand-ins after stating a reason; every customer list and search
//! is logged with what was searched and how many were found; the Datenschutz reads both.

use chrono::{DateTime, SubsecRound, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vierphasen_domain::KundeId;
use vierphasen_domain::zugriff::{AUSNAHME_GUELTIG_STUNDEN, Akteur, Aktion, Ausnahmegrund, Entscheidung, pruefen};
use vierphasen_store::protokoll::Zugriff;
use vierphasen_store::sql;

use crate::fall::{als_text, stammdaten_laden, text_opt};
use crate::grenzen;
use crate::{App, AppFehler};

/// Rows of each table of the report at most (the newest).
const BERICHT_ZEILEN: i64 = 500;

/// The reason a VFK states to open a case outside her own (D1).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Ausnahmeangabe {
    pub grund: Ausnahmegrund,
    /// Required for `sonstiges`.
    #[serde(default)]
    pub erlaeuterung: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Ausnahmefreigabe {
    pub kunde_id: i64,
    pub gueltig_bis: DateTime<Utc>,
}

/// One exceptional read permission with the reads made under it.
#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Ausnahmezeile {
    pub kunde_id: i64,
    pub erstellt_um: DateTime<Utc>,
    pub gueltig_bis: DateTime<Utc>,
    pub benutzer: String,
    pub kundennummer: String,
    pub grund: String,
    pub erlaeuterung: Option<String>,
    /// Access-log rows of this user for this case while the permission held.
    pub lesezugriffe: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Suchzeile {
    pub zeitpunkt: DateTime<Utc>,
    pub benutzer: String,
    /// What was searched (`null`: the list without a search term).
    pub suche: Option<String>,
    pub nur_eigene: bool,
    pub treffer: i64,
}

/// For the Datenschutz: exceptional reads and customer searches of her Dienststelle, newest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Zugriffsbericht {
    pub ausnahmen: Vec<Ausnahmezeile>,
    pub suchen: Vec<Suchzeile>,
}

impl App {
    /// D1 break-the-glass: opens a case of the own Dienststelle outside the caseload, team and
    /// stand-ins for reading, for [`AUSNAHME_GUELTIG_STUNDEN`] hours, to this user only. The
    /// reason goes into the access log (hash chain) and into the Datenschutz report.
    pub async fn ausnahmezugriff(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        angabe: Ausnahmeangabe,
    ) -> Result<Ausnahmefreigabe, AppFehler> {
        let erlaeuterung = text_opt("erlaeuterung", angabe.erlaeuterung.as_deref(), grenzen::KURZTEXT)?;
        if angabe.grund == Ausnahmegrund::Sonstiges && erlaeuterung.is_none() {
            return Err(AppFehler::ungueltig("erlaeuterung", "Bei „Sonstiger Grund“ bitte den Grund erläutern."));
        }
        // Microseconds, as the access log stores its times: the report compares both (SQLite as text).
        let jetzt = self.jetzt().trunc_subsecs(6);
        let gueltig_bis = jetzt + TimeDelta::hours(AUSNAHME_GUELTIG_STUNDEN);
        let mut tx = self.db.begin().await?;
        let Some((_, bezug)) = stammdaten_laden(&mut tx, kunde_id).await? else {
            return Err(AppFehler::NichtGefunden("Der Fall"));
        };
        drop(tx);
        match pruefen(wer, Aktion::FallLesen, Some(&bezug)) {
            Entscheidung::NurMitBegruendung => {}
            Entscheidung::Erlaubt => {
                return Err(AppFehler::Konflikt(
                    "Diesen Fall dürfen Sie ohnehin lesen; ein Grund ist nicht nötig.".into(),
                ));
            }
            Entscheidung::Unsichtbar => return Err(AppFehler::NichtGefunden("Der Fall")),
            Entscheidung::Verboten => {
                return Err(AppFehler::Verboten("Ein Grund öffnet Fälle nur Vermittlungsfachkräften (D1).".into()));
            }
        }
        // The reason enters the keyed access log first (fail closed: no grant without it).
        let zugriff = Zugriff {
            zeitpunkt: jetzt,
            benutzer_id: wer.benutzer_id,
            kunde_id: kunde_id.0,
            zweck: format!("Ausnahmezugriff: {}", angabe.grund.label()),
        };
        self.protokoll.protokollieren(zugriff).await?;
        let mut tx = self.schreiber.beginnen().await?;
        sql!(tx.as_mut(), ausfuehren
            "INSERT INTO ausnahmezugriff (dienststelle_id, benutzer_id, kunde_id, grund, erlaeuterung, erstellt_um, gueltig_bis)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            wer.dienststelle_id, wer.benutzer_id, kunde_id.0, als_text(&angabe.grund), erlaeuterung.as_deref(), jetzt,
            gueltig_bis)?;
        tx.festschreiben().await?;
        Ok(Ausnahmefreigabe { kunde_id: kunde_id.0, gueltig_bis })
    }

    /// D3: a list or search of customers (names, birth dates) — who searched what, how many hits.
    /// Durable before the list is shown (fail closed, like a case read).
    pub(crate) async fn suche_protokollieren(
        &self,
        wer: &Akteur,
        suche: Option<&str>,
        nur_eigene: bool,
        treffer: usize,
    ) -> Result<(), AppFehler> {
        let mut tx = self.schreiber.beginnen().await?;
        sql!(tx.as_mut(), ausfuehren
            "INSERT INTO suchprotokoll (dienststelle_id, benutzer_id, zeitpunkt, suche, nur_eigene, treffer)
             VALUES ($1, $2, $3, $4, $5, $6)",
            wer.dienststelle_id, wer.benutzer_id, self.jetzt(), suche, nur_eigene, treffer as i64)?;
        tx.festschreiben().await
    }

    /// D1/D3 for the Datenschutz: the exceptional reads (with the reads made under each) and the
    /// customer searches of her Dienststelle, newest first.
    pub async fn zugriffsbericht(&self, wer: &Akteur) -> Result<Zugriffsbericht, AppFehler> {
        if pruefen(wer, Aktion::Zugriffsbericht, None) != Entscheidung::Erlaubt {
            return Err(AppFehler::Verboten("Den Bericht der Ausnahmezugriffe sieht der Datenschutz ein (D3).".into()));
        }
        let mut tx = self.db.begin().await?;
        let ausnahmen = sql!(&mut tx, zeilen<Ausnahmezeile>
            "SELECT a.kunde_id, a.erstellt_um, a.gueltig_bis, b.name AS benutzer, k.kundennummer, a.grund, a.erlaeuterung,
                    (SELECT COUNT(*) FROM zugriffsprotokoll z
                     WHERE z.benutzer_id = a.benutzer_id AND z.kunde_id = a.kunde_id
                       AND z.zeitpunkt >= a.erstellt_um AND z.zeitpunkt <= a.gueltig_bis
                       AND z.zweck NOT LIKE 'Ausnahmezugriff:%') AS lesezugriffe
             FROM ausnahmezugriff a JOIN benutzer b ON b.id = a.benutzer_id JOIN kunde k ON k.id = a.kunde_id
             WHERE a.dienststelle_id = $1 ORDER BY a.id DESC LIMIT $2", wer.dienststelle_id, BERICHT_ZEILEN)?;
        let suchen = sql!(&mut tx, zeilen<Suchzeile>
            "SELECT s.zeitpunkt, b.name AS benutzer, s.suche, s.nur_eigene, s.treffer
             FROM suchprotokoll s JOIN benutzer b ON b.id = s.benutzer_id
             WHERE s.dienststelle_id = $1 ORDER BY s.id DESC LIMIT $2", wer.dienststelle_id, BERICHT_ZEILEN)?;
        Ok(Zugriffsbericht { ausnahmen, suchen })
    }
}
