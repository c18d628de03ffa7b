//! E5/V3: the documents kept as they were handed over (table `dokument`): the exact data at
//! signing or saving, the PDF made from it once, with its SHA-256 in the Verlauf.

use chrono::{DateTime, Utc};
use vierphasen_documents::Satzdaten;
use vierphasen_domain::KundeId;
use vierphasen_store::{Tx, sha256_hex, sql};

use super::eintraege::Kopf;
use super::verlauf::{Eintrag, Verlaufsaktion, job_anstossen, verlauf_schreiben};
use crate::AppFehler;

/// The worker's job that makes the PDFs of kept documents.
pub(crate) const JOB_DOKUMENTE: &str = "dokumente";

/// What a kept document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dokumentart {
    Eingliederungsvereinbarung,
    Vermerk,
}

impl Dokumentart {
    pub fn text(self) -> &'static str {
        match self {
            Dokumentart::Eingliederungsvereinbarung => "eingliederungsvereinbarung",
            Dokumentart::Vermerk => "vermerk",
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct DokumentZeile {
    pub id: i64,
    pub kunde_id: i64,
    pub art: String,
    pub bezug_id: i64,
    pub vorlage: String,
    pub daten: String,
    pub pdf: Option<Vec<u8>>,
    pub erstellt_von: i64,
}

impl DokumentZeile {
    pub fn satzdaten(&self) -> Satzdaten {
        Satzdaten { vorlage: self.vorlage.clone(), daten: self.daten.clone() }
    }
}

/// Keeps the data of the document of entry `bezug_id` (in the transaction of the change) and
/// asks the worker to make its PDF.
pub(crate) async fn dokument_festhalten(
    tx: &mut Tx,
    kopf: Kopf,
    art: Dokumentart,
    bezug_id: i64,
    satz: &Satzdaten,
) -> Result<(), AppFehler> {
    sql!(tx, ausfuehren
        "INSERT INTO dokument (kunde_id, art, bezug_id, vorlage, daten, erstellt_von, erstellt_um)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        kopf.kunde_id.0, art.text(), bezug_id, satz.vorlage.as_str(), satz.daten.as_str(), kopf.von, kopf.jetzt)?;
    job_anstossen(tx, JOB_DOKUMENTE, kopf.kunde_id, kopf.jetzt).await
}

/// The newest kept document of the entry, if there is one.
pub(crate) async fn dokument_laden(
    tx: &mut Tx,
    kunde_id: KundeId,
    art: Dokumentart,
    bezug_id: i64,
) -> Result<Option<DokumentZeile>, AppFehler> {
    Ok(sql!(tx, zeile<DokumentZeile>
        "SELECT id, kunde_id, art, bezug_id, vorlage, daten, pdf, erstellt_von FROM dokument
         WHERE kunde_id = $1 AND art = $2 AND bezug_id = $3 ORDER BY id DESC LIMIT 1",
        kunde_id.0, art.text(), bezug_id)?)
}

/// The case's kept documents still without PDF.
pub(crate) async fn dokumente_ohne_pdf(tx: &mut Tx, kunde_id: KundeId) -> Result<Vec<DokumentZeile>, AppFehler> {
    Ok(sql!(tx, zeilen<DokumentZeile>
        "SELECT id, kunde_id, art, bezug_id, vorlage, daten, pdf, erstellt_von FROM dokument
         WHERE kunde_id = $1 AND pdf IS NULL ORDER BY id",
        kunde_id.0)?)
}

/// Keeps the PDF of a kept document unless one is there already (then `false`); the Verlauf
/// row names its SHA-256, by the one who signed or saved it.
pub(crate) async fn pdf_festhalten(
    tx: &mut Tx,
    d: &DokumentZeile,
    pdf: &[u8],
    jetzt: DateTime<Utc>,
) -> Result<bool, AppFehler> {
    let sha256 = sha256_hex(pdf);
    let n = sql!(tx, ausfuehren
        "UPDATE dokument SET pdf = $1, pdf_sha256 = $2, gesetzt_um = $3 WHERE id = $4 AND pdf IS NULL",
        pdf, sha256.as_str(), jetzt, d.id)?;
    if n == 0 {
        return Ok(false);
    }
    let nachher = serde_json::json!({ "art": d.art, "sha256": sha256 });
    let e = Eintrag::<(), _> {
        kunde_id: KundeId(d.kunde_id),
        benutzer_id: d.erstellt_von,
        zeitpunkt: jetzt,
        entitaet: "dokument",
        entitaet_id: Some(d.bezug_id),
        aktion: Verlaufsaktion::Festgehalten,
        vorher: None,
        nachher: Some(&nachher),
    };
    verlauf_schreiben(tx, e).await?;
    Ok(true)
}

/// The PDF kept for a document (after another instance or the worker kept it first).
pub(crate) async fn pdf_laden(tx: &mut Tx, id: i64) -> Result<Option<Vec<u8>>, AppFehler> {
    Ok(sql!(tx, zeile<PdfZeile> "SELECT pdf FROM dokument WHERE id = $1", id)?.and_then(|z| z.pdf))
}

#[derive(sqlx::FromRow)]
struct PdfZeile {
    pdf: Option<Vec<u8>>,
}
