//! D2: the Verlauf row of a change (same transaction), and the job that derives the case's
//! Wiedervorlagen afterwards.

use chrono::{DateTime, Utc};
use serde::Serialize;
use vierphasen_domain::KundeId;
use vierphasen_store::{Tx, sql};

use crate::AppFehler;
use crate::fall::VorschlagStatus;
use vierphasen_domain::fallakte::Auftragsstatus;

/// What a Verlauf row says was done (the text is what the timeline shows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verlaufsaktion {
    Angelegt,
    Importiert,
    Gespeichert,
    Vereinbart,
    /// Z1: the goal of the same day corrected.
    Korrigiert,
    Gewaehlt,
    Angepasst,
    Erledigt,
    Entworfen,
    Bearbeitet,
    Abgeschlossen,
    /// E5: the copy handed over after the signature.
    Ausgehaendigt,
    Ersetzt,
    Erfasst,
    /// A Werdegang stage removed (corrected by removing and adding anew).
    Entfernt,
    Erteilt,
    Widerrufen,
    /// A legal hold lifted (issue 17/6).
    Aufgehoben,
    Abgemeldet,
    Geaendert,
    /// C2: closed by a re-registration after a long absence.
    AutomatischErledigt,
    /// C2: the Profillage back to N.
    ProfillageZurueckgesetzt,
    ZustaendigkeitGeaendert,
    SperreGesetzt,
    SperreAufgehoben,
    BgEinwilligungErteilt,
    BgEinwilligungWiderrufen,
    /// E5/V3: a document kept as handed over (with its SHA-256).
    Festgehalten,
    /// A Vermittlungsvorschlag reached this step.
    Vorschlag(VorschlagStatus),
    /// A referral reached this state (issue 13/1).
    Auftrag(Auftragsstatus),
    /// U1: the handover packet sent to the Jobcenter, withdrawn, taken over (issue 13/5).
    Uebergeben,
    Zurueckgezogen,
    Uebernommen,
}

impl Verlaufsaktion {
    pub fn text(self) -> &'static str {
        match self {
            Verlaufsaktion::Angelegt => "angelegt",
            Verlaufsaktion::Importiert => "importiert",
            Verlaufsaktion::Gespeichert => "gespeichert",
            Verlaufsaktion::Vereinbart => "vereinbart",
            Verlaufsaktion::Korrigiert => "korrigiert",
            Verlaufsaktion::Gewaehlt => "gewählt",
            Verlaufsaktion::Angepasst => "angepasst",
            Verlaufsaktion::Erledigt => "erledigt",
            Verlaufsaktion::Entworfen => "entworfen",
            Verlaufsaktion::Bearbeitet => "bearbeitet",
            Verlaufsaktion::Abgeschlossen => "abgeschlossen",
            Verlaufsaktion::Ausgehaendigt => "ausgehändigt",
            Verlaufsaktion::Festgehalten => "als Dokument festgehalten",
            Verlaufsaktion::Ersetzt => "ersetzt",
            Verlaufsaktion::Erfasst => "erfasst",
            Verlaufsaktion::Entfernt => "entfernt",
            Verlaufsaktion::Erteilt => "erteilt",
            Verlaufsaktion::Widerrufen => "widerrufen",
            Verlaufsaktion::Aufgehoben => "aufgehoben",
            Verlaufsaktion::Abgemeldet => "abgemeldet",
            Verlaufsaktion::Geaendert => "geändert",
            Verlaufsaktion::AutomatischErledigt => "automatisch erledigt (C2)",
            Verlaufsaktion::ProfillageZurueckgesetzt => "Profillage zurückgesetzt (C2)",
            Verlaufsaktion::ZustaendigkeitGeaendert => "Zuständigkeit geändert",
            Verlaufsaktion::SperreGesetzt => "Sperre gesetzt (§ 35 SGB I)",
            Verlaufsaktion::SperreAufgehoben => "Sperre aufgehoben (§ 35 SGB I)",
            Verlaufsaktion::BgEinwilligungErteilt => "BG-Einwilligung erteilt (P10)",
            Verlaufsaktion::BgEinwilligungWiderrufen => "BG-Einwilligung widerrufen (P10)",
            Verlaufsaktion::Uebergeben => "an das Jobcenter gesendet (U1)",
            Verlaufsaktion::Zurueckgezogen => "zurückgezogen",
            Verlaufsaktion::Uebernommen => "vom Jobcenter übernommen (U1)",
            Verlaufsaktion::Vorschlag(s) => s.label(),
            Verlaufsaktion::Auftrag(s) => match s {
                Auftragsstatus::Beauftragt => "nach der Rückfrage erneut gesendet",
                Auftragsstatus::Angenommen => "angenommen",
                Auftragsstatus::InBearbeitung => "in Bearbeitung genommen",
                Auftragsstatus::Zurueckgegeben => "mit Rückfrage zurückgegeben",
                Auftragsstatus::ErgebnisMitgeteilt => "beantwortet (Ergebnis mitgeteilt)",
                Auftragsstatus::ZurKenntnisGenommen => "mit Ergebnis zur Kenntnis genommen",
                Auftragsstatus::Storniert => "storniert",
                Auftragsstatus::Gestoppt => "gestoppt: Einwilligung widerrufen (U6)",
            },
        }
    }
}

/// A Verlauf row in words, for the Zeitleiste and the Art. 15 Auskunft (issue 15/5):
/// "Beratungsvermerk erfasst" instead of "vermerk: erfasst". An action that names its own
/// subject ("Zuständigkeit geändert") stands alone.
pub fn verlauf_satz(entitaet: &str, aktion: &str) -> String {
    if aktion.starts_with(char::is_uppercase) {
        return aktion.to_owned();
    }
    let was = match entitaet {
        "kunde" => "Kundendaten",
        "meldung" => "Arbeitsuchendmeldung",
        "profiling" => "Profiling",
        "ziel" => "Ziel",
        "strategie" => "Handlungsstrategie",
        "eingliederungsvereinbarung" => "Vereinbarung",
        "gespraech" => "Gespräch",
        "vermerk" => "Beratungsvermerk",
        "nachtrag" => "Nachtrag zum Beratungsvermerk",
        "auftrag" => "Auftrag an einen Fachdienst",
        "einwilligung" => "Einwilligung",
        "aktivitaet" => "Aktivität",
        "werdegang" => "Werdegang",
        "termin" => "Termin",
        "erwerbstaetigkeit" => "Erwerbstätigkeit",
        "rechtskreiswechsel" => "Rechtskreiswechsel",
        "uebergabe" => "Übergabe",
        "vermittlungsangaben" => "Vermittlungsangaben",
        "vermittlungsvorschlag" => "Vermittlungsvorschlag",
        "dokument" => "Dokument",
        "fall" => "Fallakte",
        "loeschantrag" => "Löschantrag (Art. 17 DSGVO)",
        "aufbewahrungsanordnung" => "Aufbewahrungsanordnung",
        andere => andere,
    };
    format!("{was} {aktion}")
}

pub(crate) struct Eintrag<'a, V: Serialize, N: Serialize> {
    pub kunde_id: KundeId,
    pub benutzer_id: i64,
    pub zeitpunkt: DateTime<Utc>,
    pub entitaet: &'a str,
    pub entitaet_id: Option<i64>,
    pub aktion: Verlaufsaktion,
    pub vorher: Option<&'a V>,
    pub nachher: Option<&'a N>,
}

fn als_json<T: Serialize>(wert: Option<&T>) -> Result<Option<String>, AppFehler> {
    wert.map(|w| serde_json::to_string(w).map_err(|e| AppFehler::intern("Verlauf als JSON", e))).transpose()
}

pub(crate) async fn verlauf_schreiben<V: Serialize, N: Serialize>(
    tx: &mut Tx,
    e: Eintrag<'_, V, N>,
) -> Result<(), AppFehler> {
    sql!(tx, ausfuehren
        "INSERT INTO verlauf (kunde_id, benutzer_id, zeitpunkt, entitaet, entitaet_id, aktion, vorher, nachher)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        e.kunde_id.0, e.benutzer_id, e.zeitpunkt, e.entitaet, e.entitaet_id, e.aktion.text(), als_json(e.vorher)?,
        als_json(e.nachher)?)?;
    Ok(())
}

/// The worker's job that derives a case's Wiedervorlagen.
pub(crate) const JOB_WIEDERVORLAGEN: &str = "wiedervorlagen";

/// Asks the worker to (re)derive the case's Wiedervorlagen; one waiting job per case is enough.
pub(crate) async fn wiedervorlagen_anstossen(
    tx: &mut Tx,
    kunde_id: KundeId,
    jetzt: DateTime<Utc>,
) -> Result<(), AppFehler> {
    job_anstossen(tx, JOB_WIEDERVORLAGEN, kunde_id, jetzt).await
}

/// Enqueues a job of this kind for the case unless one is waiting already.
pub(crate) async fn job_anstossen(
    tx: &mut Tx,
    art: &str,
    kunde_id: KundeId,
    jetzt: DateTime<Utc>,
) -> Result<(), AppFehler> {
    // One statement (one round trip in every change's transaction).
    sql!(tx, ausfuehren
        "INSERT INTO job (art, kunde_id, faellig_um, versuche, erstellt_um)
         SELECT $1, $2, $3, 0, $3
         WHERE NOT EXISTS (SELECT 1 FROM job WHERE art = $1 AND kunde_id = $2 AND versuche = 0)",
        art, kunde_id.0, jetzt)?;
    Ok(())
}
