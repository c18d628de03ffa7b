//! The case's documents as PDF (crates/documents): Eingliederungsvereinbarung / Kooperationsplan,
//! Beratungsvermerk, Art. 15 Auskunft. Opening the case for a document is a read logged with its
//! purpose (D3); the typesetting runs on a blocking thread.

use vierphasen_documents as dok;
use vierphasen_domain::zugriff::{Akteur, Aktion, Rolle};
use vierphasen_store::sql;

use super::{Fall, Stammdaten};
use crate::{App, AppFehler};
use vierphasen_domain::KundeId;

pub const ZWECK_DRUCK_EV: &str = "Druck Eingliederungsvereinbarung";
pub const ZWECK_DRUCK_VERMERK: &str = "Druck Beratungsvermerk";

fn dokumentfehler(e: dok::DokumentFehler) -> AppFehler {
    AppFehler::intern("Dokument setzen", e)
}

async fn setzen<F>(f: F) -> Result<Vec<u8>, AppFehler>
where
    F: FnOnce() -> Result<Vec<u8>, dok::DokumentFehler> + Send + 'static,
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

impl App {
    /// Letterhead: the Dienststelle and the responsible VFK (or the user) as contact person.
    async fn briefkopf(&self, wer: &Akteur, s: &Stammdaten) -> Result<dok::Briefkopf, AppFehler> {
        let mut tx = self.db.begin().await?;
        let (dienststelle,) =
            sql!(&mut tx, zeile<(String,)> "SELECT name FROM dienststelle WHERE id = $1", s.dienststelle_id)?
                .ok_or(AppFehler::NichtGefunden("Die Dienststelle"))?;
        let kontakt = s.vfk_id.unwrap_or(wer.benutzer_id);
        let ansprechpartner = sql!(&mut tx, zeile<(String,)> "SELECT name FROM benutzer WHERE id = $1", kontakt)?
            .map(|(n,)| n)
            .unwrap_or_default();
        Ok(dok::Briefkopf { dienststelle, anschrift: Vec::new(), ansprechpartner, telefon: None, email: None })
    }

    /// E4/E6: the agreement (or the SGB II Kooperationsplan) as it was agreed or drafted.
    pub async fn ev_pdf(&self, wer: &Akteur, kunde_id: KundeId, ev_id: i64) -> Result<Vec<u8>, AppFehler> {
        let Fall { stamm, akte, ids } =
            self.fall_oeffnen(wer, kunde_id, Aktion::FallLesen, ZWECK_DRUCK_EV.into()).await?;
        let i = ids
            .eingliederungsvereinbarungen
            .iter()
            .position(|x| *x == ev_id)
            .ok_or(AppFehler::NichtGefunden("Die Vereinbarung"))?;
        let kopf = self.briefkopf(wer, &stamm).await?;
        let (katalog, heute) = (self.katalog, self.heute());
        setzen(move || {
            let kontext = dok::EvKontext::aus_fallakte(&akte, katalog, heute);
            dok::vereinbarung_pdf(&kopf, &person(&stamm), &akte.eingliederungsvereinbarungen[i], &kontext, katalog)
        })
        .await
    }

    /// V3: a Beratungsvermerk with its Nachträge and their authors.
    pub async fn vermerk_pdf(&self, wer: &Akteur, kunde_id: KundeId, vermerk_id: i64) -> Result<Vec<u8>, AppFehler> {
        let Fall { stamm, akte, ids } =
            self.fall_oeffnen(wer, kunde_id, Aktion::FallLesen, ZWECK_DRUCK_VERMERK.into()).await?;
        let i = ids.vermerke.iter().position(|x| *x == vermerk_id).ok_or(AppFehler::NichtGefunden("Der Vermerk"))?;
        let kopf = self.briefkopf(wer, &stamm).await?;
        let mut tx = self.db.begin().await?;
        let (verfasst_von, gespeichert_um) = sql!(&mut tx, zeile<(String, String, chrono::DateTime<chrono::Utc>)>
            "SELECT b.name, b.rolle, v.erstellt_um FROM vermerk v JOIN benutzer b ON b.id = v.erstellt_von WHERE v.id = $1",
            vermerk_id)?
        .map(|(name, rolle, um)| (format!("{name} ({})", rolle_text(&rolle)), Some(um)))
        .ok_or(AppFehler::NichtGefunden("Der Vermerk"))?;
        let nachtrag_verfasser = sql!(&mut tx, zeilen<(String,)>
            "SELECT b.name FROM nachtrag n JOIN benutzer b ON b.id = n.erstellt_von WHERE n.vermerk_id = $1 ORDER BY n.id",
            vermerk_id)?
        .into_iter()
        .map(|(n,)| n)
        .collect();
        drop(tx);
        let kontext = dok::VermerkKontext { verfasst_von, gespeichert_um, nachtrag_verfasser };
        setzen(move || dok::vermerk_pdf(&kopf, &person(&stamm), &akte.vermerke[i], &kontext)).await
    }

    /// Art. 15 DSGVO: the Auskunft as a document; who changed the case is named by role only.
    pub async fn auskunft_pdf(&self, wer: &Akteur, kunde_id: KundeId) -> Result<Vec<u8>, AppFehler> {
        let a = self.auskunft_art15(wer, kunde_id).await?;
        let kopf = self.briefkopf(wer, &a.stammdaten).await?;
        let mut tx = self.db.begin().await?;
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
                was: format!("{}: {}", v.entitaet, v.aktion),
            })
            .collect();
        let zugriffe =
            a.zugriffe.iter().map(|z| dok::ZugriffEintrag { zeitpunkt: z.zeitpunkt, zweck: z.zweck.clone() }).collect();
        let dokument = dok::AuskunftDokument {
            erstellt_am: a.erstellt_am,
            stammdaten,
            rechtsinformationen: dok::Rechtsinformationen::standard(s.rechtskreis),
            fallakte: a.fallakte,
            verlauf,
            zugriffe,
        };
        let person = person(&a.stammdaten);
        let katalog = self.katalog;
        setzen(move || dok::auskunft_pdf(&kopf, &person, &dokument, katalog)).await
    }
}

fn rolle_text(rolle: &str) -> &'static str {
    rolle.parse::<Rolle>().map(Rolle::label).unwrap_or("Dienststelle")
}
