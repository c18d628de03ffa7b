//! Seeded generator of realistic cases for the benchmark (no randomness crate needed).

use chrono::{Days, NaiveDate};
use vierphasen_domain::fallakte::*;
use vierphasen_domain::{Katalog, MerkmalStatus, Rechtskreis, Segment, einlesen};

use super::zufall::Zufall;

pub fn faelle(anzahl: usize, seed: u64, k: &Katalog, stichtag: NaiveDate) -> Result<Vec<Vec<u8>>, String> {
    let mut z = Zufall::neu(seed);
    let berufe: Vec<String> = k.berufe.alle().iter().map(|b| b.kldb.to_string()).collect();
    let mut aus = Vec::with_capacity(anzahl);
    for n in 0..anzahl {
        let akte = fall(&mut z, n, k, &berufe, stichtag);
        let json = serde_json::to_vec(&akte).map_err(|e| e.to_string())?;
        if n < 100 {
            einlesen(&json, k).map_err(|e| format!("Fall {n}: {e}"))?;
        }
        aus.push(json);
    }
    Ok(aus)
}

fn tage(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(d)
}

fn fall(z: &mut Zufall, n: usize, k: &Katalog, berufe: &[String], stichtag: NaiveDate) -> Fallakte {
    let rechtskreis = if z.chance(65) { Rechtskreis::SgbII } else { Rechtskreis::SgbIII };
    let beginn = stichtag.checked_sub_days(Days::new(30 + z.bis(400))).unwrap_or(stichtag);
    let geburt =
        NaiveDate::from_ymd_opt(1960 + z.bis(45) as i32, 1 + z.bis(12) as u32, 1 + z.bis(28) as u32).unwrap_or(beginn);
    let erst = tage(beginn, z.bis(14));

    let mut merkmale = Vec::new();
    for m in &k.merkmale {
        let r = z.bis(100);
        let status = if r < 12 {
            MerkmalStatus::Handlungsbedarf
        } else if r < 15 {
            MerkmalStatus::ZuKlaeren
        } else {
            MerkmalStatus::KeinHandlungsbedarf
        };
        let kommentar = (status == MerkmalStatus::ZuKlaeren).then(|| "Ärztliches Gutachten angefordert".to_string());
        merkmale.push(MerkmalBewertung { merkmal: m.id.clone(), status, kommentar });
    }
    let bedarfe: Vec<&str> =
        merkmale.iter().filter(|m| m.status == MerkmalStatus::Handlungsbedarf).map(|m| m.merkmal.as_str()).collect();
    let prognose = (3 + z.bis(22)) as u16;
    let profiling = ProfilingVersion {
        gespeichert_am: erst,
        zielberuf: Some(berufe[z.bis(berufe.len() as u64) as usize].clone()),
        zielberuf_bezeichnung: None,
        alternativberufe: vec![berufe[z.bis(berufe.len() as u64) as usize].clone()],
        vorlaeufig: false,
        staerken: vec![
            Staerke { bezeichnung: "Kundenorientierung".into(), niveau: Niveau::Erweitert, besondere: z.chance(40) },
            Staerke { bezeichnung: "Führerschein Klasse B".into(), niveau: Niveau::Experte, besondere: false },
        ],
        merkmale: merkmale.clone(),
        verdichtung: Vec::new(),
        schwerpunkt: None,
        standortbestimmung: Some(Standortbestimmung {
            datum: erst,
            prognose_monate: prognose,
            fazit: "Gute Chancen im Zielberuf nach Abbau der festgestellten Handlungsbedarfe.".into(),
            fbw_dauer_monate: None,
            prognose_nur_wegen_fbw: false,
            heranfuehren_binnen_12_monaten: None,
        }),
        z_grund: None,
        i_grund: None,
        profillage: None,
    };

    // Strategies for each need, mostly from the catalogue row; sometimes one is missing (S1).
    let mut strategien = Vec::new();
    for m in &bedarfe {
        if z.chance(8) {
            continue;
        }
        let zeile: Vec<&str> = k
            .strategien
            .iter()
            .filter(|s| s.merkmale.iter().any(|x| x == m) && s.nur_segmente.is_none())
            .map(|s| s.id.as_str())
            .collect();
        if zeile.is_empty() {
            continue;
        }
        let id = zeile[z.bis(zeile.len() as u64) as usize];
        let ende = tage(erst, 60 + z.bis(300));
        strategien.push(StrategieWahl {
            strategie: id.into(),
            merkmal: Some((*m).into()),
            gewaehlt_am: erst,
            beginn: Some(erst),
            ende: Some(ende),
            geaendert_am: None,
            ergebnis: None,
            erledigt_am: None,
            reihenfolge: None,
            produkte: Vec::new(),
        });
        if id == "berufsabschluss_erwerben" || id == "berufliche_teilqualifikation_realisieren" {
            strategien.push(StrategieWahl {
                strategie: "absolventenmanagement".into(),
                merkmal: None,
                gewaehlt_am: erst,
                beginn: Some(ende),
                ende: Some(tage(ende, 90)),
                geaendert_am: None,
                ergebnis: None,
                erledigt_am: None,
                reihenfolge: None,
                produkte: Vec::new(),
            });
        }
    }
    strategien.push(StrategieWahl {
        strategie: "vermittlung".into(),
        merkmal: None,
        gewaehlt_am: erst,
        beginn: Some(erst),
        ende: Some(tage(erst, 180)),
        geaendert_am: None,
        ergebnis: None,
        erledigt_am: None,
        reihenfolge: None,
        produkte: Vec::new(),
    });

    let ev = Eingliederungsvereinbarung {
        art: if rechtskreis == Rechtskreis::SgbII {
            Vereinbarungsart::Kooperationsplan
        } else {
            Vereinbarungsart::Eingliederungsvereinbarung
        },
        erstellt_am: erst,
        abgeschlossen_am: Some(erst),
        ausgehaendigt_am: Some(erst),
        gueltig_bis: None,
        ersetzt_am: None,
        eigenbemuehungen: None,
        zwischenziel: None,
        unterschrift_kunde_am: (rechtskreis == Rechtskreis::SgbIII).then_some(erst),
        unterschrift_fachkraft_am: (rechtskreis == Rechtskreis::SgbIII).then_some(erst),
        aufgaben: vec![
            Aufgabe {
                text: "Monatlich mindestens 6 Bewerbungen nachweisen".into(),
                verantwortlich: Verantwortlich::Kunde,
                frist: Some(tage(erst, 30)),
            },
            Aufgabe {
                text: "Vermittlungsvorschläge unterbreiten".into(),
                verantwortlich: Verantwortlich::Vfk,
                frist: None,
            },
        ],
    };
    let folge = tage(erst, 40 + z.bis(30));
    let mut gespraeche = vec![Gespraech {
        datum: erst,
        art: Gespraechsart::Erstgespraech,
        mit_bedarfsgemeinschaft: false,
        folgegespraech: None,
        naechster_termin: Some(tage(erst, 42)),
    }];
    if folge <= stichtag {
        gespraeche.push(Gespraech {
            datum: folge,
            art: Gespraechsart::Folgegespraech,
            mit_bedarfsgemeinschaft: false,
            folgegespraech: Some(Folgegespraech {
                vorbereitung: Vorbereitung {
                    profil_gesichtet: true,
                    standortbestimmung_gesichtet: true,
                    ev_gesichtet: true,
                    unterlagen_ausgewertet: true,
                    rueckmeldungen_gesichtet: true,
                    suchlauf_durchgefuehrt: true,
                },
                schritt1: Some(Schritt1 {
                    aufgaben: vec![Aufgabenpruefung {
                        aufgabe: "Bewerbungen".into(),
                        erledigt: z.chance(70),
                        grund: Some("Krankheit".into()),
                    }],
                    sanktionstatbestand: false,
                    folgeschritte: None,
                    erfolge_misserfolge: None,
                }),
                schritt2: Some(Schritt2 {
                    profiling_geprueft: true,
                    ziel_besprochen: z.chance(90),
                    strategien_geprueft: true,
                    anpassungen: Some("keine".into()),
                }),
                schritt3: Some(Schritt3 {
                    bewerbungsaktivitaeten: Some("Drei Vorstellungsgespräche".into()),
                    entfaellt_wegen: Vec::new(),
                    suchlauf_durchgefuehrt: true,
                }),
                schritt4: Some(Schritt4 {
                    vereinbarungen: vec![Aufgabe {
                        text: "Bewerbung bei Firma nachreichen".into(),
                        verantwortlich: Verantwortlich::Kunde,
                        frist: Some(tage(folge, 14)),
                    }],
                    naechster_termin: Some(tage(folge, 42)),
                }),
            }),
            naechster_termin: None,
        });
    }
    Fallakte {
        format: 1,
        kunde: Kunde {
            kundennummer: Some(format!("K{n:08}")),
            geburtsdatum: geburt,
            rechtskreis,
            segment: Segment::AV,
            bedarfsgemeinschaft: None,
            rechtskreiswechsel: None,
            arbeitslos_seit: Some(beginn),
            erwerbstaetigkeit: None,
            werdegang: Vec::new(),
        },
        dienststelle: Dienststelle::default(),
        meldungen: vec![Meldung { beginn, ende: None, abmeldegrund: None }],
        profiling: vec![profiling],
        ziele: vec![Ziel {
            zieloption: "beschaeftigung_lokal".into(),
            vereinbart_am: erst,
            horizont_monate: Some(12),
            beendet_arbeitslosigkeit_oder_verringert_hilfebeduerftigkeit: false,
            eigene_ziele: None,
        }],
        strategien,
        eingliederungsvereinbarungen: vec![ev],
        gespraeche,
        aktivitaeten: Vec::new(),
        vermerke: vec![Beratungsvermerk {
            datum: erst,
            art: Vermerkart::Erstgespraech,
            text: "Erstgespräch geführt.".into(),
            nachtraege: Vec::new(),
        }],
        auftraege: Vec::new(),
        einwilligungen: Vec::new(),
        vermittlungsvorschlaege: Vec::new(),
    }
}
