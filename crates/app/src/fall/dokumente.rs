//! The case's documents as PDF (crates/documents): Eingliederungsvereinbarung / Kooperationsplan,
//! Beratungsvermerk, Art. 15 Auskunft. Opening the case for a document is a read logged with its
//! purpose (D3); the typesetting runs on a blocking thread. A signed agreement and a saved
//! Vermerk are kept as handed over (E5/V3): their download returns the kept bytes.

use chrono::Days;
use vierphasen_documents as dok;
use vierphasen_domain::Rechtskreis;
use vierphasen_domain::aufbewahrung::{Datenkategorie, Fristen, Protokollart};
use vierphasen_domain::datum::berlin_ortszeit;
use vierphasen_domain::fallakte::Kontaktangaben;
use vierphasen_domain::kalender::arbeitstag_ab;
use vierphasen_domain::zugriff::{Akteur, Aktion, Rolle};
use vierphasen_matching::Arbeitszeit;

use vierphasen_store::{Tx, sql};

use super::schreiben::Schreibvorgang;
use super::speicher::{
    DokumentZeile, Dokumentart, dokument_festhalten, dokument_laden, dokumente_ohne_pdf, pdf_festhalten, pdf_laden,
};
use super::vorschlag::vorschlaege_laden;
use super::{Fall, Stammdaten};
use crate::stellen::stelle_laden;
use crate::{App, AppFehler};
use vierphasen_domain::KundeId;

pub const ZWECK_DRUCK_EV: &str = "Druck Eingliederungsvereinbarung";
pub const ZWECK_DRUCK_VERMERK: &str = "Druck Beratungsvermerk";
pub const ZWECK_DRUCK_VORSCHLAG: &str = "Druck Vermittlungsvorschlag";

/// **Interpretation** (the seed fixes no deadlines for a Vermittlungsvorschlag): a week to apply,
/// two weeks to report the outcome, each moved to the next working day of the Dienststelle's Land.
pub const BEWERBEN_TAGE: u64 = 7;
pub const RUECKMELDUNG_TAGE: u64 = 14;

fn dokumentfehler(e: dok::DokumentFehler) -> AppFehler {
    AppFehler::intern("Dokument setzen", e)
}

async fn setzen<T, F>(f: F) -> Result<T, AppFehler>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, dok::DokumentFehler> + Send + 'static,
{
    tokio::task::spawn_blocking(f).await.map_err(|e| AppFehler::intern("Dokument setzen", e))?.map_err(dokumentfehler)
}

fn person(s: &Stammdaten) -> dok::Person {
    dok::Person {
        name: format!("{} {}", s.vorname, s.nachname),
        kundennummer: s.kundennummer.clone(),
        geburtsdatum: Some(s.geburtsdatum),
        anschrift: Vec::new(),
    }
}

/// Letterhead: the Dienststelle with its address, phone and e-mail (its configuration), and the
/// responsible VFK (or the user) as contact person.
async fn briefkopf(
    tx: &mut Tx,
    wer: &Akteur,
    s: &Stammdaten,
    kontakt: &Kontaktangaben,
) -> Result<dok::Briefkopf, AppFehler> {
    let (dienststelle,) = sql!(tx, zeile<(String,)> "SELECT name FROM dienststelle WHERE id = $1", s.dienststelle_id)?
        .ok_or(AppFehler::NichtGefunden("Die Dienststelle"))?;
    let ansprechperson = s.vfk_id.unwrap_or(wer.benutzer_id);
    let ansprechpartner = crate::konto::benutzername(tx, ansprechperson).await?.unwrap_or_default();
    Ok(dok::Briefkopf {
        dienststelle,
        anschrift: kontakt.anschrift.clone(),
        ansprechpartner,
        telefon: kontakt.telefon.clone(),
        email: kontakt.email.clone(),
    })
}

/// V3: who wrote the Vermerk and its Nachträge, and when it was saved.
async fn vermerk_kontext(tx: &mut Tx, vermerk_id: i64) -> Result<dok::VermerkKontext, AppFehler> {
    let (verfasst_von, gespeichert_um) = sql!(tx, zeile<(String, String, chrono::DateTime<chrono::Utc>)>
        "SELECT b.name, b.rolle, v.erstellt_um FROM vermerk v JOIN benutzer b ON b.id = v.erstellt_von WHERE v.id = $1",
        vermerk_id)?
    .map(|(name, rolle, um)| (format!("{name} ({})", rolle_text(&rolle)), Some(um)))
    .ok_or(AppFehler::NichtGefunden("Der Vermerk"))?;
    let nachtrag_verfasser = sql!(tx, zeilen<(String,)>
        "SELECT b.name FROM nachtrag n JOIN benutzer b ON b.id = n.erstellt_von WHERE n.vermerk_id = $1 ORDER BY n.id",
        vermerk_id)?
    .into_iter()
    .map(|(n,)| n)
    .collect();
    Ok(dok::VermerkKontext { verfasst_von, gespeichert_um, nachtrag_verfasser })
}

impl App {
    /// E5: keeps the data of the agreement at `i` as signed and handed over, in the signing
    /// transaction (the PDF follows from exactly this data).
    pub(super) async fn ev_festhalten(
        &self,
        s: &mut Schreibvorgang<'_>,
        wer: &Akteur,
        i: usize,
    ) -> Result<(), AppFehler> {
        let akte = &s.fall.akte;
        let kopf = briefkopf(s.tx.as_mut(), wer, &s.fall.stamm, &akte.dienststelle.kontakt).await?;
        let kontext = dok::EvKontext::aus_fallakte(akte, self.katalog, s.heute);
        let ev = &akte.eingliederungsvereinbarungen[i];
        let satz = dok::vereinbarung_satzdaten(&kopf, &person(&s.fall.stamm), ev, &kontext, self.katalog)
            .map_err(dokumentfehler)?;
        let ev_id = s.fall.ids.eingliederungsvereinbarungen[i];
        let k = s.kopf();
        dokument_festhalten(s.tx.as_mut(), k, Dokumentart::Eingliederungsvereinbarung, ev_id, &satz).await
    }

    /// V3: keeps the data of the Vermerk at `i` as saved (again after each Nachtrag).
    pub(super) async fn vermerk_festhalten(
        &self,
        s: &mut Schreibvorgang<'_>,
        wer: &Akteur,
        i: usize,
    ) -> Result<(), AppFehler> {
        let vermerk_id = s.fall.ids.vermerke[i];
        let kopf = briefkopf(s.tx.as_mut(), wer, &s.fall.stamm, &s.fall.akte.dienststelle.kontakt).await?;
        let kontext = vermerk_kontext(s.tx.as_mut(), vermerk_id).await?;
        let satz = dok::vermerk_satzdaten(&kopf, &person(&s.fall.stamm), &s.fall.akte.vermerke[i], &kontext)
            .map_err(dokumentfehler)?;
        let k = s.kopf();
        dokument_festhalten(s.tx.as_mut(), k, Dokumentart::Vermerk, vermerk_id, &satz).await
    }

    /// The PDF of a kept document: the kept bytes, or made once from the kept data and kept.
    async fn festgehaltenes_pdf(&self, d: DokumentZeile) -> Result<Vec<u8>, AppFehler> {
        if let Some(pdf) = d.pdf {
            return Ok(pdf);
        }
        let satz = d.satzdaten();
        let pdf = setzen(move || dok::setzen_aus(&satz)).await?;
        let mut tx = self.schreiber.beginnen().await?;
        if pdf_festhalten(tx.as_mut(), &d, &pdf, self.jetzt()).await? {
            tx.festschreiben().await?;
            return Ok(pdf);
        }
        // Kept by the worker or another instance meanwhile: those are the bytes.
        pdf_laden(tx.as_mut(), d.id).await?.ok_or(AppFehler::NichtGefunden("Das Dokument"))
    }

    /// The worker's job: the PDFs of the case's kept documents that have none yet.
    pub(crate) async fn dokumente_setzen(&self, kunde_id: KundeId) -> Result<(), AppFehler> {
        let mut tx = self.db.begin().await?;
        let offen = dokumente_ohne_pdf(&mut tx, kunde_id).await?;
        drop(tx);
        for d in offen {
            self.festgehaltenes_pdf(d).await?;
        }
        Ok(())
    }

    /// E4/E6: the agreement (or the SGB II Kooperationsplan): a signed one exactly as kept at
    /// signing (E5), a draft as it stands today.
    pub async fn ev_pdf(&self, wer: &Akteur, kunde_id: KundeId, ev_id: i64) -> Result<Vec<u8>, AppFehler> {
        let Fall { stamm, akte, ids } =
            self.fall_oeffnen(wer, kunde_id, Aktion::FallLesen, ZWECK_DRUCK_EV.into()).await?;
        let i = ids
            .eingliederungsvereinbarungen
            .iter()
            .position(|x| *x == ev_id)
            .ok_or(AppFehler::NichtGefunden("Die Vereinbarung"))?;
        let mut tx = self.db.begin().await?;
        if let Some(d) = dokument_laden(&mut tx, kunde_id, Dokumentart::Eingliederungsvereinbarung, ev_id).await? {
            drop(tx);
            return self.festgehaltenes_pdf(d).await;
        }
        let kopf = briefkopf(&mut tx, wer, &stamm, &akte.dienststelle.kontakt).await?;
        drop(tx);
        let (katalog, heute) = (self.katalog, self.heute());
        setzen(move || {
            let kontext = dok::EvKontext::aus_fallakte(&akte, katalog, heute);
            dok::vereinbarung_pdf(&kopf, &person(&stamm), &akte.eingliederungsvereinbarungen[i], &kontext, katalog)
        })
        .await
    }

    /// V3: a Beratungsvermerk with its Nachträge and their authors, as kept when last saved.
    pub async fn vermerk_pdf(&self, wer: &Akteur, kunde_id: KundeId, vermerk_id: i64) -> Result<Vec<u8>, AppFehler> {
        let Fall { stamm, akte, ids } =
            self.fall_oeffnen(wer, kunde_id, Aktion::FallLesen, ZWECK_DRUCK_VERMERK.into()).await?;
        let i = ids.vermerke.iter().position(|x| *x == vermerk_id).ok_or(AppFehler::NichtGefunden("Der Vermerk"))?;
        let mut tx = self.db.begin().await?;
        if let Some(d) = dokument_laden(&mut tx, kunde_id, Dokumentart::Vermerk, vermerk_id).await? {
            drop(tx);
            return self.festgehaltenes_pdf(d).await;
        }
        let kopf = briefkopf(&mut tx, wer, &stamm, &akte.dienststelle.kontakt).await?;
        let kontext = vermerk_kontext(&mut tx, vermerk_id).await?;
        drop(tx);
        setzen(move || dok::vermerk_pdf(&kopf, &person(&stamm), &akte.vermerke[i], &kontext)).await
    }

    /// §8.4: the letter of a Vermittlungsvorschlag to the customer (the posting, how to apply,
    /// the deadlines, the Rechtsfolgenbelehrung of her Rechtskreis), dated with the proposal.
    pub async fn vorschlag_pdf(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        vorschlag_id: i64,
    ) -> Result<Vec<u8>, AppFehler> {
        let Fall { stamm, akte, .. } =
            self.fall_oeffnen(wer, kunde_id, Aktion::FallLesen, ZWECK_DRUCK_VORSCHLAG.into()).await?;
        let mut tx = self.db.begin().await?;
        let vorschlag = vorschlaege_laden(&mut tx, kunde_id)
            .await?
            .into_iter()
            .find(|v| v.id == vorschlag_id)
            .ok_or(AppFehler::NichtGefunden("Der Vermittlungsvorschlag"))?;
        let (stelle, _) =
            stelle_laden(&mut tx, vorschlag.stelle_id).await?.ok_or(AppFehler::NichtGefunden("Die Stelle"))?;
        let kopf = briefkopf(&mut tx, wer, &stamm, &akte.dienststelle.kontakt).await?;
        drop(tx);
        let am = berlin_ortszeit(vorschlag.erstellt_um).date();
        let land = akte.dienststelle.bundesland;
        let brief = dok::VorschlagBrief {
            stelle: dok::VorgeschlageneStelle {
                arbeitsort: stelle.arbeitsort(),
                arbeitszeit: Arbeitszeit::parse(&stelle.arbeitszeit).map_or(stelle.arbeitszeit.clone(), |a| a.text()),
                refnr: stelle.refnr,
                titel: stelle.titel,
                arbeitgeber: stelle.arbeitgeber,
                befristet: stelle.befristet,
                eintritt: stelle.eintritt,
                verguetung: stelle.verguetung,
                beschreibung: stelle.beschreibung,
            },
            rechtskreis: stamm.rechtskreis,
            vorgeschlagen_am: am,
            bewerben_bis: arbeitstag_ab(am + Days::new(BEWERBEN_TAGE), land),
            rueckmeldung_bis: arbeitstag_ab(am + Days::new(RUECKMELDUNG_TAGE), land),
        };
        setzen(move || dok::vorschlag_pdf(&kopf, &person(&stamm), &brief)).await
    }

    /// Art. 15 DSGVO: the Auskunft as a document; who changed the case is named by role only.
    pub async fn auskunft_pdf(&self, wer: &Akteur, kunde_id: KundeId) -> Result<Vec<u8>, AppFehler> {
        let a = self.auskunft_art15(wer, kunde_id).await?;
        let mut tx = self.db.begin().await?;
        let kopf = briefkopf(&mut tx, wer, &a.stammdaten, &a.fallakte.dienststelle.kontakt).await?;
        let rollen = sql!(&mut tx, zeilen<(String,)>
            "SELECT b.rolle FROM verlauf v JOIN benutzer b ON b.id = v.benutzer_id WHERE v.kunde_id = $1 ORDER BY v.id",
            kunde_id.0)?;
        drop(tx);
        let s = &a.stammdaten;
        let mut stammdaten = vec![
            dok::Angabe::neu("Name", format!("{} {}", s.vorname, s.nachname)),
            dok::Angabe::neu("Kundennummer", &s.kundennummer),
            dok::Angabe::neu("Geburtsdatum", s.geburtsdatum.format("%d.%m.%Y").to_string()),
            dok::Angabe::neu("Rechtskreis", s.rechtskreis.label()),
        ];
        if let Some(plz) = &s.plz {
            stammdaten.push(dok::Angabe::neu("Postleitzahl", plz));
        }
        if let Some(bg) = &s.bedarfsgemeinschaft {
            stammdaten.push(dok::Angabe::neu("Bedarfsgemeinschaft", bg));
        }
        let verlauf = a
            .verlauf
            .iter()
            .zip(rollen.iter().map(|(r,)| rolle_text(r)).chain(std::iter::repeat("Dienststelle")))
            .map(|(v, wer)| dok::VerlaufEintrag {
                zeitpunkt: v.zeitpunkt,
                wer: wer.to_owned(),
                was: super::verlauf_satz(&v.entitaet, &v.aktion),
            })
            .collect();
        let zugriffe = a
            .zugriffe
            .iter()
            .map(|z| dok::Zugriffstag { tag: z.tag, zweck: z.zweck.clone(), anzahl: z.anzahl })
            .collect();
        let dokument = dok::AuskunftDokument {
            erstellt_am: a.erstellt_am,
            stammdaten,
            rechtsinformationen: dok::Rechtsinformationen {
                datenschutzbeauftragter: a.fallakte.dienststelle.kontakt.datenschutzbeauftragter.clone(),
                speicherdauer: speicherdauer(&self.fristen, s.rechtskreis),
                ..dok::Rechtsinformationen::standard(s.rechtskreis)
            },
            fallakte: a.fallakte,
            verlauf,
            zugriffe,
            unterzeichnet_von: a.unterzeichnet_von,
        };
        let person = person(&a.stammdaten);
        let katalog = self.katalog;
        setzen(move || dok::auskunft_pdf(&kopf, &person, &dokument, katalog)).await
    }
}

/// Art. 15(1)(d): how long the data are kept, from the configured periods (issue 17/6), in the
/// customer's words.
fn speicherdauer(f: &Fristen, rechtskreis: Rechtskreis) -> String {
    let jahre = |k| f.fuer(k, rechtskreis).jahre;
    let protokoll = f.protokoll(Protokollart::Zugriffsprotokoll).jahre;
    format!(
        "Solange Sie arbeitsuchend gemeldet sind, werden Ihre Daten gebraucht und nicht gelöscht. Nach Ihrer Abmeldung \
beginnen die Fristen am Ende des Kalenderjahres; danach wird gelöscht: Profiling, Ziel, Strategien, Gespräche und \
Termine nach {} Jahren, Eingliederungsvereinbarungen bzw. Kooperationspläne nach {} Jahren, Beratungsvermerke nach {} \
Jahren, der Verlauf der Änderungen nach {} Jahren, die Ihnen ausgehändigten Schreiben nach {} Jahren \
(§\u{a0}84 SGB\u{a0}X). Jeder Eintrag im Zugriffsprotokoll wird nach {protokoll} Jahren gelöscht. Läuft ein \
Verfahren (z.\u{a0}B. ein Widerspruch), bleiben die Daten bis zu dessen Ende gesperrt erhalten. Beratungsvermerke \
und abgeschlossene Vereinbarungen werden nicht verändert; Berichtigungen werden als Nachtrag ergänzt.",
        jahre(Datenkategorie::Arbeitsdaten),
        jahre(Datenkategorie::Vereinbarungen),
        jahre(Datenkategorie::Vermerke),
        jahre(Datenkategorie::Verlauf),
        jahre(Datenkategorie::Dokumente),
    )
}

fn rolle_text(rolle: &str) -> &'static str {
    rolle.parse::<Rolle>().map(Rolle::label).unwrap_or("Dienststelle")
}
