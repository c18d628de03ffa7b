//! The Auskunft nach Art. 15 DSGVO (D1–D3): what is stored about the customer, the case content,
//! the history of changes (D2), every read of the file with its purpose (D3), and the information
//! Art. 15 Abs. 1 DSGVO requires (purposes, recipients, storage period, rights, complaint).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use vierphasen_domain::fallakte::{Einwilligungsumfang, Fallakte, Niveau, Vereinbarungsart};
use vierphasen_domain::{Katalog, Rechtskreis};

use crate::DokumentFehler;
use crate::eingabe::{Briefkopf, KopfDaten, Person, de, de_zeit};
use crate::namen::{self, absaetze};
use crate::welt::{Vorlage, setzen};

/// One stored master-data item, as label and value ("Geburtsdatum", "22.05.1991").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Angabe {
    pub bezeichnung: String,
    pub wert: String,
}

impl Angabe {
    pub fn neu(bezeichnung: impl Into<String>, wert: impl Into<String>) -> Self {
        Angabe { bezeichnung: bezeichnung.into(), wert: wert.into() }
    }
}

/// D2: one change of the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerlaufEintrag {
    pub zeitpunkt: DateTime<Utc>,
    /// Role and/or name of who made the change, e.g. "Vermittlungsfachkraft M. Beispiel".
    pub wer: String,
    /// What changed, e.g. "Eingliederungsvereinbarung abgeschlossen".
    pub was: String,
}

/// D3: the reads of the case file on one day for one purpose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zugriffstag {
    pub tag: NaiveDate,
    pub zweck: String,
    pub anzahl: u32,
}

/// Art. 15 Abs. 1 lit. a, c, d, f DSGVO: texts of the Dienststelle. [`Rechtsinformationen::standard`]
/// gives defaults for an Agentur für Arbeit (SGB III) or a gemeinsame Einrichtung (SGB II).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rechtsinformationen {
    pub zwecke: Vec<String>,
    pub empfaenger: Vec<String>,
    pub speicherdauer: String,
    /// Where the data come from (Art. 15 Abs. 1 lit. g DSGVO).
    pub herkunft: String,
    /// Contact of the data protection officer, if to be printed.
    pub datenschutzbeauftragter: Option<String>,
    /// The supervisory authority for complaints (Art. 77 DSGVO), with address.
    pub aufsichtsbehoerde: String,
}

impl Rechtsinformationen {
    pub fn standard(rechtskreis: Rechtskreis) -> Self {
        let (gesetz, grundlage) = match rechtskreis {
            Rechtskreis::SgbIII => (
                "SGB\u{a0}III",
                "Art.\u{a0}6 Abs.\u{a0}1 Buchst. c und e DSGVO i. V. m. §\u{a0}394 SGB\u{a0}III und §§\u{a0}67a ff. SGB\u{a0}X",
            ),
            Rechtskreis::SgbII => (
                "SGB\u{a0}II",
                "Art.\u{a0}6 Abs.\u{a0}1 Buchst. c und e DSGVO i. V. m. §§\u{a0}50 ff. SGB\u{a0}II und §§\u{a0}67a ff. SGB\u{a0}X",
            ),
        };
        Rechtsinformationen {
            zwecke: vec![
                format!("Beratung, Vermittlung und Förderung Ihrer beruflichen Eingliederung nach dem {gesetz} (Rechtsgrundlage: {grundlage})"),
                "Profiling, Zielfestlegung, Handlungsstrategien und deren Nachhaltung (4-Phasen-Modell der Integrationsarbeit)".into(),
                "Dokumentation der Gespräche in Beratungsvermerken und der getroffenen Vereinbarungen".into(),
                "Protokollierung jedes Zugriffs auf Ihre Fallakte zur Datenschutzkontrolle".into(),
            ],
            empfaenger: vec![
                "Fachdienste (Ärztlicher Dienst, Berufspsychologischer Service, Technischer Beratungsdienst), nur im Rahmen eines Auftrags und, wo erforderlich, mit Ihrer Einwilligung (§\u{a0}32 SGB\u{a0}III)".into(),
                "Träger von Maßnahmen, an denen Sie teilnehmen, im erforderlichen Umfang".into(),
                "Arbeitgeber im Rahmen von Vermittlungsvorschlägen (Bewerberprofil, keine Gesundheitsdaten)".into(),
                "bei einem Wechsel des Rechtskreises die dann zuständige Stelle (Agentur für Arbeit oder Jobcenter)".into(),
            ],
            speicherdauer: "Ihre Daten werden gespeichert, solange sie für die Aufgaben der Dienststelle erforderlich sind, \
und danach nach den Aufbewahrungsfristen gelöscht (§\u{a0}84 Abs.\u{a0}2 SGB\u{a0}X). Beratungsvermerke und abgeschlossene \
Vereinbarungen werden nicht verändert; Berichtigungen werden als Nachtrag ergänzt."
                .into(),
            herkunft: "Die Daten stammen aus Ihren eigenen Angaben in den Gesprächen und Unterlagen sowie aus der \
Bearbeitung Ihres Anliegens durch die Dienststelle."
                .into(),
            datenschutzbeauftragter: None,
            aufsichtsbehoerde: "Die oder der Bundesbeauftragte für den Datenschutz und die Informationsfreiheit (BfDI), \
Graurheindorfer Straße 153, 53117 Bonn"
                .into(),
        }
    }
}

/// Everything an Art. 15 Auskunft shows. The app fills it from its own `Auskunft` (Stammdaten,
/// Fallakte, Verlauf, Zugriffsprotokoll).
#[derive(Debug, Clone)]
pub struct AuskunftDokument {
    pub erstellt_am: DateTime<Utc>,
    /// The stored master data, in the order to print.
    pub stammdaten: Vec<Angabe>,
    pub fallakte: Fallakte,
    pub verlauf: Vec<VerlaufEintrag>,
    pub zugriffe: Vec<Zugriffstag>,
    pub rechtsinformationen: Rechtsinformationen,
    /// The Datenschutz user who issues the Auskunft; none: a line to sign by hand.
    pub unterzeichnet_von: Option<String>,
}

/// A block of a section: the template lays each kind out.
#[derive(Debug, Serialize)]
#[serde(tag = "art", rename_all = "snake_case")]
enum Block {
    Text {
        absaetze: Vec<Vec<String>>,
    },
    Liste {
        punkte: Vec<String>,
    },
    /// Label/value pairs (a two-column table without header row).
    Angaben {
        paare: Vec<[String; 2]>,
    },
    /// `breiten`: relative column widths, 0 = as wide as the content.
    Tabelle {
        spalten: Vec<&'static str>,
        breiten: Vec<u8>,
        zeilen: Vec<Vec<String>>,
    },
}

#[derive(Debug, Serialize)]
struct Abschnitt {
    titel: String,
    bloecke: Vec<Block>,
    unter: Vec<Abschnitt>,
}

impl Abschnitt {
    fn neu(titel: impl Into<String>, bloecke: Vec<Block>) -> Self {
        Abschnitt { titel: titel.into(), bloecke, unter: Vec::new() }
    }
}

#[derive(Debug, Serialize)]
struct AuskunftDaten<'a> {
    kopf: KopfDaten<'a>,
    erstellt_um: String,
    abschnitte: Vec<Abschnitt>,
    aufsichtsbehoerde: &'a str,
    unterzeichnet_von: Option<&'a str>,
}

fn text(t: &str) -> Block {
    Block::Text { absaetze: absaetze(t) }
}

fn keine(was: &str) -> Block {
    text(&format!("Keine {was} gespeichert."))
}

fn opt_de(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "–".to_string(), de)
}

/// Renders the Auskunft nach Art. 15 DSGVO as PDF/UA-1, dated with `erstellt_am` (Berlin date).
pub fn auskunft_pdf(
    kopf: &Briefkopf,
    person: &Person,
    auskunft: &AuskunftDokument,
    katalog: &Katalog,
) -> Result<Vec<u8>, DokumentFehler> {
    let r = &auskunft.rechtsinformationen;
    let datum = vierphasen_domain::datum::berlin_datum(auskunft.erstellt_am);
    let mut speicherung =
        Abschnitt::neu("7. Speicherdauer und Herkunft der Daten", vec![text(&r.speicherdauer), text(&r.herkunft)]);
    if let Some(dsb) = &r.datenschutzbeauftragter {
        speicherung.bloecke.push(Block::Angaben { paare: vec![["Datenschutzbeauftragte Person".into(), dsb.clone()]] });
    }
    let abschnitte = vec![
        Abschnitt::neu(
            "1. Gespeicherte Stammdaten",
            vec![Block::Angaben {
                paare: auskunft.stammdaten.iter().map(|a| [a.bezeichnung.clone(), a.wert.clone()]).collect(),
            }],
        ),
        fallinhalt(&auskunft.fallakte, katalog),
        Abschnitt::neu(
            "3. Verlauf: Änderungen an Ihrer Fallakte",
            vec![if auskunft.verlauf.is_empty() {
                keine("Änderungen")
            } else {
                Block::Tabelle {
                    spalten: vec!["Zeitpunkt", "Wer", "Was"],
                    breiten: vec![0, 1, 2],
                    zeilen: auskunft
                        .verlauf
                        .iter()
                        .map(|v| vec![de_zeit(v.zeitpunkt), v.wer.clone(), v.was.clone()])
                        .collect(),
                }
            }],
        ),
        Abschnitt::neu(
            "4. Zugriffe auf Ihre Fallakte",
            vec![
                text(
                    "Jeder Zugriff auf Ihre Fallakte wird mit Zeitpunkt und Zweck protokolliert. Hier steht, an \
welchem Tag zu welchem Zweck und wie oft Ihre Fallakte geöffnet wurde.",
                ),
                if auskunft.zugriffe.is_empty() {
                    keine("Zugriffe")
                } else {
                    Block::Tabelle {
                        spalten: vec!["Tag", "Zweck", "Zugriffe"],
                        breiten: vec![0, 1, 0],
                        zeilen: auskunft
                            .zugriffe
                            .iter()
                            .map(|z| vec![de(z.tag), z.zweck.clone(), z.anzahl.to_string()])
                            .collect(),
                    }
                },
            ],
        ),
        Abschnitt::neu("5. Zwecke der Verarbeitung", vec![Block::Liste { punkte: r.zwecke.clone() }]),
        Abschnitt::neu("6. Empfänger", vec![Block::Liste { punkte: r.empfaenger.clone() }]),
        speicherung,
    ];
    let daten = AuskunftDaten {
        kopf: KopfDaten::neu("Auskunft nach Art. 15 DSGVO", datum, kopf, person),
        erstellt_um: de_zeit(auskunft.erstellt_am),
        abschnitte,
        aufsichtsbehoerde: &r.aufsichtsbehoerde,
        unterzeichnet_von: auskunft.unterzeichnet_von.as_deref(),
    };
    setzen(Vorlage::Auskunft, &daten)
}

/// Section 2: the content of the case file, summarised per phase, with every text in full.
fn fallinhalt(akte: &Fallakte, katalog: &Katalog) -> Abschnitt {
    let lokale = &akte.dienststelle.lokale_strategien;
    let mut unter = Vec::new();

    // P1–P8: the current profiling in full; earlier versions are counted.
    let mut profiling = Vec::new();
    match akte.profiling.last() {
        None => profiling.push(keine("Profilingdaten")),
        Some(p) => {
            let mut paare = vec![["Stand".to_string(), de(p.gespeichert_am)]];
            if akte.profiling.len() > 1 {
                paare.push(["Frühere Fassungen".into(), format!("{}", akte.profiling.len() - 1)]);
            }
            if let Some(z) = &p.zielberuf {
                paare.push(["Zielberuf".into(), namen::beruf(katalog, z)]);
            }
            if !p.alternativberufe.is_empty() {
                let liste: Vec<String> = p.alternativberufe.iter().map(|c| namen::beruf(katalog, c)).collect();
                paare.push(["Alternativberufe".into(), liste.join("; ")]);
            }
            if p.vorlaeufig {
                paare.push(["Vorläufiges Profiling".into(), "ja".into()]);
            }
            if let Some(pl) = &p.profillage {
                paare.push(["Profillage".into(), namen::profillage(katalog, &pl.wert)]);
                if let Some(b) = &pl.begruendung {
                    paare.push(["Begründung der Profillage".into(), b.clone()]);
                }
            }
            if let Some(s) = &p.standortbestimmung {
                paare.push(["Standortbestimmung".into(), de(s.datum)]);
                paare.push(["Integrationsprognose".into(), format!("{} Monate", s.prognose_monate)]);
                if let Some(m) = s.fbw_dauer_monate {
                    let nur = if s.prognose_nur_wegen_fbw {
                        "; die Prognose liegt allein deshalb über 12 Monaten"
                    } else {
                        ""
                    };
                    paare.push(["Geplante berufliche Weiterbildung".into(), format!("{m} Monate{nur}")]);
                }
                paare.push(["Fazit".into(), s.fazit.clone()]);
            }
            profiling.push(Block::Angaben { paare });
            if !p.staerken.is_empty() {
                profiling.push(Block::Tabelle {
                    spalten: vec!["Stärke", "Niveau", "Besondere Stärke"],
                    breiten: vec![3, 0, 0],
                    zeilen: p
                        .staerken
                        .iter()
                        .map(|s| {
                            let niveau = match s.niveau {
                                Niveau::Grundkenntnisse => "Grundkenntnisse",
                                Niveau::Erweitert => "Erweitert",
                                Niveau::Experte => "Experte",
                            };
                            vec![s.bezeichnung.clone(), niveau.into(), if s.besondere { "ja" } else { "nein" }.into()]
                        })
                        .collect(),
                });
            }
            if !p.merkmale.is_empty() {
                profiling.push(Block::Tabelle {
                    spalten: vec!["Merkmal", "Bewertung", "Kommentar"],
                    breiten: vec![2, 0, 3],
                    zeilen: p
                        .merkmale
                        .iter()
                        .map(|m| {
                            vec![
                                namen::merkmal(katalog, &m.merkmal),
                                m.status.label().into(),
                                m.kommentar.clone().unwrap_or_default(),
                            ]
                        })
                        .collect(),
                });
            }
        }
    }
    // The Werdegang of the Stärken- und Potenzialanalyse (independent of the profiling versions).
    if !akte.kunde.werdegang.is_empty() {
        profiling.push(Block::Tabelle {
            spalten: vec!["Werdegang", "Art", "Zeitraum", "Beruf"],
            breiten: vec![3, 0, 0, 2],
            zeilen: akte
                .kunde
                .werdegang
                .iter()
                .map(|w| {
                    vec![
                        w.bezeichnung.clone(),
                        w.art.label().into(),
                        w.zeitraum_text(),
                        w.beruf.as_deref().map(|c| namen::beruf(katalog, c)).unwrap_or_default(),
                    ]
                })
                .collect(),
        });
    }
    unter.push(Abschnitt::neu("2.1 Profiling und Werdegang", profiling));

    // Z1: the current goal and the history.
    unter.push(Abschnitt::neu(
        "2.2 Ziel",
        vec![if akte.ziele.is_empty() {
            keine("Ziele")
        } else {
            Block::Tabelle {
                spalten: vec!["Zieloption", "Vereinbart am", "Eigene weitere Ziele"],
                breiten: vec![2, 0, 2],
                zeilen: akte
                    .ziele
                    .iter()
                    .map(|z| {
                        vec![
                            namen::zieloption(katalog, &z.zieloption),
                            de(z.vereinbart_am),
                            z.eigene_ziele.clone().unwrap_or_default(),
                        ]
                    })
                    .collect(),
            }
        }],
    ));

    // S7/S8: every strategy with window and status.
    unter.push(Abschnitt::neu(
        "2.3 Handlungsstrategien",
        vec![if akte.strategien.is_empty() {
            keine("Handlungsstrategien")
        } else {
            Block::Tabelle {
                spalten: vec!["Handlungsstrategie", "Zeitraum", "Status"],
                breiten: vec![3, 0, 2],
                zeilen: akte
                    .strategien
                    .iter()
                    .map(|w| {
                        vec![
                            namen::strategie(katalog, lokale, &w.strategie),
                            w.zeitfenster_text(" bis "),
                            namen::strategie_status(w),
                        ]
                    })
                    .collect(),
            }
        }],
    ));

    // E1–E5: every version with its tasks.
    let mut evs = Vec::new();
    if akte.eingliederungsvereinbarungen.is_empty() {
        evs.push(keine("Eingliederungsvereinbarungen oder Kooperationspläne"));
    }
    for ev in &akte.eingliederungsvereinbarungen {
        let art = ev.art.label();
        let status = match (ev.abgeschlossen_am, ev.ersetzt_am) {
            (_, Some(r)) => format!("ersetzt am {}", de(r)),
            (Some(a), None) => format!("abgeschlossen am {}", de(a)),
            (None, None) => "Entwurf".into(),
        };
        let mut paare = vec![
            ["Vereinbarung".into(), format!("{art}, erstellt am {}", de(ev.erstellt_am))],
            ["Status".into(), status],
        ];
        if ev.art == Vereinbarungsart::Eingliederungsvereinbarung && ev.abgeschlossen_am.is_some() {
            paare.push(["Ihre Unterschrift am".into(), opt_de(ev.unterschrift_kunde_am)]);
            paare.push(["Unterschrift der Fachkraft am".into(), opt_de(ev.unterschrift_fachkraft_am)]);
        }
        paare.push(["Ausgehändigt am".into(), opt_de(ev.ausgehaendigt_am)]);
        if let Some(z) = &ev.zwischenziel {
            paare.push(["Zwischenziel".into(), z.clone()]);
        }
        if let Some(e) = &ev.eigenbemuehungen {
            paare.push(["Eigenbemühungen".into(), e.text()]);
        }
        evs.push(Block::Angaben { paare });
        if !ev.aufgaben.is_empty() {
            evs.push(Block::Tabelle {
                spalten: vec!["Aufgabe", "Zuständig", "Frist"],
                breiten: vec![1, 0, 0],
                zeilen: ev
                    .aufgaben
                    .iter()
                    .map(|a| {
                        let wer = match a.verantwortlich {
                            vierphasen_domain::fallakte::Verantwortlich::Kunde => "Sie",
                            vierphasen_domain::fallakte::Verantwortlich::Vfk => "Fachkraft",
                            vierphasen_domain::fallakte::Verantwortlich::Dritte => "Dritte",
                        };
                        vec![a.text.clone(), wer.into(), opt_de(a.frist)]
                    })
                    .collect(),
            });
        }
    }
    unter.push(Abschnitt::neu("2.4 Eingliederungsvereinbarungen und Kooperationspläne", evs));

    // V1–V3: every Vermerk in full, with its Nachträge.
    let mut vermerke = Vec::new();
    if akte.vermerke.is_empty() {
        vermerke.push(keine("Beratungsvermerke"));
    }
    for v in &akte.vermerke {
        vermerke.push(Block::Angaben {
            paare: vec![["Beratungsvermerk".into(), format!("{} vom {}", namen::vermerkart(v.art), de(v.datum))]],
        });
        vermerke.push(text(&v.text));
        for n in &v.nachtraege {
            vermerke.push(Block::Angaben { paare: vec![["Nachtrag".into(), format!("vom {}", de(n.datum))]] });
            vermerke.push(text(&n.text));
        }
    }
    unter.push(Abschnitt::neu("2.5 Beratungsvermerke", vermerke));

    // Conversations, referrals (U2–U8) and consents (U6).
    let mut weiteres = Vec::new();
    if !akte.gespraeche.is_empty() {
        weiteres.push(Block::Tabelle {
            spalten: vec!["Gespräch am", "Art", "Nächster Termin"],
            breiten: vec![0, 1, 0],
            zeilen: akte
                .gespraeche
                .iter()
                .map(|g| vec![de(g.datum), g.art.label().into(), opt_de(g.naechster_termin)])
                .collect(),
        });
    }
    if !akte.vermittlungsvorschlaege.is_empty() {
        weiteres.push(Block::Tabelle {
            spalten: vec!["Vermittlungsvorschlag am", "Stelle", "Stand", "Rückmeldung des Arbeitgebers"],
            breiten: vec![0, 1, 0, 1],
            zeilen: akte
                .vermittlungsvorschlaege
                .iter()
                .map(|v| {
                    let stelle = match &v.titel {
                        Some(t) => format!("{t} ({})", v.stelle),
                        None => v.stelle.clone(),
                    };
                    let stand = match v.geaendert_am {
                        Some(d) => format!("{} am {}", v.status.label(), de(d)),
                        None => v.status.label().to_owned(),
                    };
                    let rueckmeldung = [v.ablehnungsgrund.as_deref(), v.rueckmeldung.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" – ");
                    vec![de(v.datum), stelle, stand, rueckmeldung]
                })
                .collect(),
        });
    }
    // F4: activities beside the Folgegespräche.
    if !akte.aktivitaeten.is_empty() {
        weiteres.push(Block::Tabelle {
            spalten: vec!["Aktivität am", "Art", "Beschreibung", "Träger"],
            breiten: vec![0, 1, 2, 1],
            zeilen: akte
                .aktivitaeten
                .iter()
                .map(|a| {
                    vec![
                        de(a.datum),
                        a.art.label().into(),
                        a.beschreibung.clone(),
                        a.traeger.clone().unwrap_or_else(|| "–".into()),
                    ]
                })
                .collect(),
        });
    }
    if !akte.auftraege.is_empty() {
        weiteres.push(Block::Tabelle {
            spalten: vec!["Auftrag an Fachdienst am", "Leistung"],
            breiten: vec![0, 1],
            zeilen: akte.auftraege.iter().map(|a| vec![de(a.datum), namen::leistung(katalog, &a.leistung)]).collect(),
        });
    }
    if !akte.einwilligungen.is_empty() {
        weiteres.push(Block::Tabelle {
            spalten: vec!["Einwilligung", "Erteilt am", "Widerrufen am"],
            breiten: vec![1, 0, 0],
            zeilen: akte
                .einwilligungen
                .iter()
                .map(|e| {
                    let umfang = match e.umfang {
                        Einwilligungsumfang::AerztlicherDienst => "Ärztlicher Dienst",
                        Einwilligungsumfang::BerufspsychologischerService => "Berufspsychologischer Service",
                    };
                    vec![umfang.into(), de(e.erteilt_am), opt_de(e.widerrufen_am)]
                })
                .collect(),
        });
    }
    if !akte.meldungen.is_empty() {
        weiteres.push(Block::Tabelle {
            spalten: vec!["Meldung ab", "bis", "Grund der Abmeldung"],
            breiten: vec![0, 0, 1],
            zeilen: akte
                .meldungen
                .iter()
                .map(|m| vec![de(m.beginn), opt_de(m.ende), m.abmeldegrund.map_or("–", |g| g.label()).into()])
                .collect(),
        });
    }
    if weiteres.is_empty() {
        weiteres.push(keine("Gespräche, Aktivitäten, Vermittlungsvorschläge, Aufträge, Einwilligungen oder Meldungen"));
    }
    unter.push(Abschnitt::neu(
        "2.6 Gespräche, Aktivitäten, Vermittlungsvorschläge, Aufträge an Fachdienste, Einwilligungen, Meldungen",
        weiteres,
    ));

    Abschnitt { titel: "2. Inhalt Ihrer Fallakte".into(), bloecke: Vec::new(), unter }
}
