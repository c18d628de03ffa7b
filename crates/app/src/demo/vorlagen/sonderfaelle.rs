//! The demo cases without a plan: newly registered (Erstgespräch to come), Profillage N (waiting
//! for the Zweitgespräch, P8) and Z (profiling not needed, PL3).

use chrono::NaiveDate;
use vierphasen_domain::datum::de;
use vierphasen_domain::fallakte::*;
use vierphasen_domain::{MerkmalStatus, Segment};

use super::{Bau, DemoTermin, OffenerPunkt, tag, tage_zwischen};

impl Bau<'_> {
    pub(super) fn neu_gemeldet(&mut self) -> (Fallakte, Vec<DemoTermin>) {
        let meldung = tag(self.heute, -self.zahl(1, 6));
        let akte = self.leere_akte(Segment::AV, meldung);
        let in_tagen = self.zahl(2, 12);
        let datum = self.termintag(tag(self.heute, in_tagen));
        let termin = DemoTermin { datum, text: "Erstgespräch".into(), regel: None };
        (akte, vec![termin])
    }

    pub(super) fn noch_nicht_festgelegt(&mut self, punkt: Option<OffenerPunkt>) -> (Fallakte, Vec<DemoTermin>) {
        let h = self.heute;
        let e = if punkt == Some(OffenerPunkt::ZweitgespraechUeberfaellig) {
            tag(h, -self.zahl(32, 40))
        } else {
            tag(h, -self.zahl(1, 10))
        };
        let t = if punkt.is_some() { tag(e, 14) } else { tag(e, self.zahl(tage_zwischen(e, h) + 1, 14).max(7)) };
        let t = self.termintag(t);
        let meldung = tag(e, -self.zahl(3, 14));
        let mut akte = self.leere_akte(Segment::AV, meldung);
        let vorlaeufig = self.ja(0.5);
        let staerken = self.staerken().into_iter().take(2).collect();
        let mut merkmale = Vec::new();
        let zu_klaeren =
            self.eins(&["gesundheitliche_einschraenkungen", "berufliche_qualifikation", "familiaere_situation"]);
        for m in [
            "schulische_qualifikation",
            "berufserfahrung",
            "sprachkenntnisse",
            "eigeninitiative_arbeitshaltung",
            zu_klaeren,
        ] {
            if m == zu_klaeren {
                let kommentar = match m {
                    "gesundheitliche_einschraenkungen" => {
                        "Hinweise auf gesundheitliche Einschränkungen; ärztliche Unterlagen werden bis zum Zweitgespräch vorgelegt."
                    }
                    "berufliche_qualifikation" => {
                        "Abschlusszeugnis und Arbeitszeugnisse fehlen noch; werden zum Zweitgespräch mitgebracht."
                    }
                    _ => "Betreuungssituation der Kinder ab dem Sommer ungeklärt; Rückmeldung der Kita steht aus.",
                };
                merkmale.push(MerkmalBewertung {
                    merkmal: m.into(),
                    status: MerkmalStatus::ZuKlaeren,
                    kommentar: Some(kommentar.into()),
                });
            } else {
                merkmale.push(MerkmalBewertung {
                    merkmal: m.into(),
                    status: MerkmalStatus::KeinHandlungsbedarf,
                    kommentar: None,
                });
            }
        }
        akte.profiling.push(ProfilingVersion {
            gespeichert_am: e,
            zielberuf: (!vorlaeufig).then(|| self.beruf.kldb.to_string()),
            zielberuf_bezeichnung: (!vorlaeufig).then(|| self.beruf.bezeichnung.to_string()),
            alternativberufe: Vec::new(),
            vorlaeufig,
            staerken,
            merkmale,
            verdichtung: Vec::new(),
            schwerpunkt: None,
            standortbestimmung: None,
            z_grund: None,
            i_grund: None,
            profillage: Some(ProfillageWahl { wert: "N".into(), begruendung: None }),
        });
        let aufgaben = vec![
            Aufgabe {
                text: format!("Sie bringen Lebenslauf, Schul- und Arbeitszeugnisse zum Zweitgespräch am {} mit.", de(t)),
                verantwortlich: Verantwortlich::Kunde,
                frist: Some(t),
            },
            Aufgabe {
                text: "Sie erstellen im Berufsinformationszentrum ein Profil in der Jobbörse und notieren drei passende Stellenangebote.".into(),
                verantwortlich: Verantwortlich::Kunde,
                frist: Some(tag(t, -1)),
            },
            Aufgabe {
                text: "Zugang zur Jobbörse einrichten und Unterlagen für das Zweitgespräch vorbereiten.".into(),
                verantwortlich: Verantwortlich::Vfk,
                frist: Some(tag(e, 3)),
            },
        ];
        akte.eingliederungsvereinbarungen.push(self.ev(e, aufgaben, true));
        akte.gespraeche.push(Gespraech {
            datum: e,
            art: Gespraechsart::Erstgespraech,
            mit_bedarfsgemeinschaft: false,
            folgegespraech: None,
            naechster_termin: Some(t),
        });
        let ziel_text = if vorlaeufig {
            "Zielberuf noch offen (vorläufiges Profiling, P1a)".to_string()
        } else {
            format!("Zielberuf vorläufig: {} ({})", self.beruf_titel(self.beruf.kldb), self.beruf.kldb)
        };
        akte.vermerke.push(Beratungsvermerk {
            datum: e,
            art: Vermerkart::Erstgespraech,
            text: format!(
                "Erstgespräch. {ziel_text}. Stärken- und Potenzialanalyse begonnen; „{}“ ist zu klären. Noch keine Standortbestimmung, Profillage N: Noch nicht festgelegt. Zweitgespräch am {} vereinbart. {} mit Aufgaben bis zum Zweitgespräch unterschrieben und ausgehändigt.",
                self.merkmal_label(zu_klaeren),
                de(t),
                self.vereinbarung()
            ),
            nachtraege: Vec::new(),
        });
        let termin =
            DemoTermin { datum: t, text: "Zweitgespräch zur Festlegung der Profillage".into(), regel: Some("P8") };
        (akte, vec![termin])
    }

    pub(super) fn zuordnung_nicht_erforderlich(&mut self) -> (Fallakte, Vec<DemoTermin>) {
        let h = self.heute;
        let alter = self.alter(h);
        let gruende: &[&'static str] = match (self.sgb2(), alter >= 60) {
            (false, true) => &["a", "b_252", "c"],
            (false, false) => &["a", "a", "c"],
            (true, _) if alter <= 42 => &["a", "d"],
            (true, _) => &["a"],
        };
        let grund = self.eins(gruende);
        let e = tag(h, -self.zahl(3, 25));
        let meldung = tag(e, -self.zahl(5, 20));
        let mut akte = self.leere_akte(Segment::AV, meldung);
        let (ende, text, termin_tag): (Option<NaiveDate>, String, NaiveDate) = match grund {
            "a" => {
                let start = tag(h, self.zahl(7, 40).min(tage_zwischen(h, tag(e, 58))));
                (
                    Some(start),
                    format!("Arbeitsvertrag als {} ab {} liegt vor; die Arbeitslosigkeit endet mit der Arbeitsaufnahme.", self.beruf.bezeichnung, de(start)),
                    tag(start, -2),
                )
            }
            "b_252" => (
                None,
                "Altersrente ist beantragt; die Kundin bzw. der Kunde nimmt § 252 SGB VI in Anspruch.".into(),
                tag(e, self.zahl(90, 150)),
            ),
            "c" => (
                None,
                "Leistungsvermögen laut Gutachten des Ärztlichen Dienstes unter sechs Monaten gemindert; Nahtlosigkeitsregelung nach § 145 SGB III, Antrag auf Erwerbsminderungsrente gestellt.".into(),
                tag(e, self.zahl(60, 120)),
            ),
            _ => (
                None,
                "Betreut das eigene Kind unter drei Jahren (§ 10 Abs. 1 Nr. 3 SGB II); eine Arbeitsaufnahme ist bis zum Ende der Betreuungszeit nicht zumutbar und wird derzeit nicht angestrebt.".into(),
                tag(e, self.zahl(90, 150)),
            ),
        };
        let termin_tag = self.termintag(termin_tag.max(tag(h, 1)));
        akte.profiling.push(ProfilingVersion {
            gespeichert_am: e,
            zielberuf: Some(self.beruf.kldb.into()),
            zielberuf_bezeichnung: Some(self.beruf.bezeichnung.into()),
            alternativberufe: Vec::new(),
            vorlaeufig: false,
            staerken: self.staerken().into_iter().take(2).collect(),
            merkmale: Vec::new(),
            verdichtung: Vec::new(),
            schwerpunkt: None,
            standortbestimmung: None,
            z_grund: Some(ZGrundAngabe {
                grund: grund.into(),
                ende_datum: ende,
                // PL3 d): no progress until the next agreed conversation (within 6 months).
                kein_fortschritt_bis: (grund == "d").then_some(termin_tag),
                integration_angestrebt: false,
            }),
            i_grund: None,
            profillage: Some(ProfillageWahl { wert: "Z".into(), begruendung: None }),
        });
        akte.gespraeche.push(Gespraech {
            datum: e,
            art: Gespraechsart::Erstgespraech,
            mit_bedarfsgemeinschaft: false,
            folgegespraech: None,
            naechster_termin: Some(termin_tag),
        });
        akte.vermerke.push(Beratungsvermerk {
            datum: e,
            art: Vermerkart::Erstgespraech,
            text: format!(
                "Erstgespräch. {text} Ein Profiling ist nicht erforderlich, Profillage Z: Zuordnung nicht erforderlich (Grund {grund}). Keine Eingliederungsvereinbarung. Nächster Kontakt am {}.",
                de(termin_tag)
            ),
            nachtraege: Vec::new(),
        });
        let termin_text = if grund == "a" {
            "Rückmeldung zur Arbeitsaufnahme (Abmeldung)"
        } else {
            "Beratungsgespräch (Profillage Z)"
        };
        (akte, vec![DemoTermin { datum: termin_tag, text: termin_text.into(), regel: Some("K1") }])
    }
}
