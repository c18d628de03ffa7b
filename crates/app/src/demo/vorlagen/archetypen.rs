//! The archetypes of the profiled demo cases: what a Marktprofil, Aktivierungsprofil, …
//! customer typically brings (needs with comments, Fazit, goal, strategies with catalogue
//! products, referrals). The dates are laid out by `Bau::profiliert`.

use fake::rand::RngExt;
use vierphasen_domain::fallakte::{Einwilligungsumfang, Fragestellung};
use vierphasen_domain::{MerkmalStatus, Profillage, Segment};

use super::{Bau, Bedarf, Plan, Spec, Vorgeschichte, plan};

impl Bau<'_> {
    /// Why a Merkmal stands in the way of integration into the Zielberuf (P3).
    pub(super) fn kommentar(&mut self, merkmal: &str) -> String {
        let beruf = self.beruf.bezeichnung;
        let texte: Vec<String> = match merkmal {
            "schulische_qualifikation" => vec![
                "Kein allgemeinbildender Schulabschluss (Schule nach Klasse 9 ohne Abschluss verlassen); Ausbildungsbetriebe im Tagespendelbereich setzen mindestens den Hauptschulabschluss voraus.".into(),
            ],
            "berufliche_qualifikation" => vec![
                format!("Keine abgeschlossene Berufsausbildung; Arbeitgeber verlangen für Tätigkeiten als {beruf} einen Abschluss oder eine zertifizierte Teilqualifikation."),
                format!("Berufsabschluss liegt lange zurück, seitdem fachfremd tätig; aktuelle Kenntnisse für Tätigkeiten als {beruf} fehlen."),
            ],
            "berufserfahrung" => vec![format!(
                "Ausbildung abgeschlossen, aber keine Berufspraxis als {beruf}; Arbeitgeber erwarten erste Erfahrung im Betrieb."
            )],
            "sprachkenntnisse" => vec![
                "Deutsch auf Niveau B1 (Zertifikat Integrationskurs); für die Tätigkeit im Zielberuf ist B2 mit Fachwortschatz erforderlich.".into(),
                "Mündlich sichere Verständigung, schriftliches Deutsch unter B1; Bewerbungsunterlagen und Dokumentation im Zielberuf gelingen noch nicht.".into(),
            ],
            "intellektuelle_leistungsfaehigkeit" => vec![
                "Schwierigkeiten beim Erfassen komplexer Arbeitsanweisungen; Leistungsbild ist durch den Berufspsychologischen Service zu klären.".into(),
            ],
            "gesundheitliche_einschraenkungen" => vec![
                "Wiederkehrende Rückenbeschwerden nach Bandscheibenvorfall; schweres Heben und Tragen nicht mehr möglich, Belastbarkeit ärztlich zu klären.".into(),
                "Chronische Erkrankung mit Einschränkungen bei Schicht- und Nachtarbeit; Leistungsbild laut Hausarzt für leichte bis mittelschwere Tätigkeiten.".into(),
            ],
            "arbeits_und_sozialverhalten" => vec![
                "Nach längerer Arbeitslosigkeit fehlende Tagesstruktur; Termine wurden mehrfach nicht pünktlich wahrgenommen.".into(),
            ],
            "eigeninitiative_arbeitshaltung" => vec![
                format!("Bewerbungsaktivitäten bisher gering; Vorbehalte gegenüber Tätigkeiten als {beruf} außerhalb des bisherigen Betriebs."),
                "Hält an einem unrealistischen Berufswunsch fest und lehnt Alternativen im Tagespendelbereich bisher ab.".into(),
            ],
            "lern_weiterbildungsbereitschaft" => vec![
                "Zurückhaltend gegenüber Weiterbildung („Schule liegt mir nicht“); ohne Qualifizierung sind die Chancen im Zielberuf deutlich geringer.".into(),
            ],
            "persoenliche_rahmenbedingungen" => vec![
                "Schwerbehinderung (GdB 50) mit Wettbewerbsnachteilen im Bewerbungsverfahren; Arbeitgeber sind zu Fördermöglichkeiten zu informieren.".into(),
            ],
            "oertliche_mobilitaet" => vec![
                "Kein Führerschein und kein Pkw; Arbeitgeber im Gewerbegebiet sind mit dem ÖPNV zu Schichtbeginn nicht erreichbar.".into(),
                "Wohnort im ländlichen Umland ohne Busanbindung am Wochenende; Arbeitsorte im Schichtbetrieb derzeit nicht erreichbar.".into(),
            ],
            "wohnsituation" => vec![
                "Räumungsklage wegen Mietrückständen anhängig; derzeit vorübergehend bei Bekannten untergebracht.".into(),
            ],
            "familiaere_situation" => vec![
                "Zwei Kinder (2 und 6 Jahre); für das jüngere Kind besteht noch kein Betreuungsplatz.".into(),
                "Alleinerziehend mit einem Kind im Grundschulalter; Betreuung am Nachmittag nicht gesichert.".into(),
            ],
            "finanzielle_situation" => vec![
                "Mehrere Forderungen von Inkassounternehmen, Kontopfändung; die Verschuldung belastet die Arbeitssuche erheblich.".into(),
            ],
            _ => vec!["Handlungsbedarf im Gespräch festgestellt.".into()],
        };
        texte[self.z.random_range(0..texte.len())].clone()
    }

    pub(super) fn vermittlung(&mut self) -> Plan {
        let produkte: &'static [&'static str] = match self.zahl(0, 2) {
            0 => &["stellenorientierte_vermittlung"],
            1 => &["vermittlungsbudget"],
            _ => &[],
        };
        plan("vermittlung", None, 0, self.zahl(120, 200), produkte)
    }

    pub(super) fn markt(&mut self) -> Spec {
        let p = self.zahl(2, 6) as u16;
        let beruf = self.beruf.bezeichnung;
        let selbststaendig = self.ja(0.08);
        let ziel = if selbststaendig {
            "selbststaendigkeit"
        } else {
            self.eins(&[
                "beschaeftigung_lokal",
                "beschaeftigung_lokal",
                "beschaeftigung_lokal",
                "beschaeftigung_ueberregional",
            ])
        };
        let mut s = Spec::neu(
            Profillage::Markt,
            p,
            ziel,
            format!(
                "Aktuelle Berufserfahrung als {beruf}, vollständige Unterlagen und gute Nachfrage im Tagespendelbereich. Keine vermittlungsrelevanten Handlungsbedarfe; Integration in etwa {p} Monaten realistisch."
            ),
        );
        s.bewerbungen = Some(self.eins(&[4, 5, 6, 8]));
        let v = self.vermittlung();
        s.plaene.push(v);
        if selbststaendig {
            let produkte: &'static [&'static str] =
                if self.sgb2() { &["einstiegsgeld"] } else { &["gruendungszuschuss"] };
            s.plaene.push(plan("uebergang_selbstaendigkeit", None, 7, 180, produkte));
            s.eigene_ziele =
                Some("Gründung eines eigenen Betriebs im erlernten Beruf; parallel Bewerbungen als Rückfalloption.");
        } else if self.ja(0.25) {
            let pruefen = if self.sgb2() { "mitwirkung_ueberpruefen" } else { "verfuegbarkeit_ueberpruefen" };
            s.plaene.push(plan(pruefen, None, 0, 60, &[]));
        }
        if self.ja(0.2) {
            // P5: unfavourable market conditions are a hint, never a strategy.
            s.bedarfe.push(Bedarf {
                merkmal: "arbeitsmarktbedingungen",
                status: MerkmalStatus::Handlungsbedarf,
                kommentar: "Wenige offene Stellen im Zielberuf im Tagespendelbereich; Alternativberuf und überregionale Suche besprochen."
                    .into(),
            });
        }
        if ziel == "beschaeftigung_lokal" && self.ja(0.1) {
            s.biz = Some("biz_bewerbungsunterlagen");
        }
        s
    }

    pub(super) fn markt_nach_foerderung(&mut self) -> Spec {
        let mut s = self.markt();
        s.ziel = "beschaeftigung_lokal";
        s.plaene.retain(|p| p.strategie == "vermittlung");
        s.eigene_ziele = None;
        let (merkmal, strategie, produkte): (&'static str, &'static str, &'static [&'static str]) =
            match self.zahl(0, 2) {
                0 => ("oertliche_mobilitaet", "mobilitaet_erhoehen", &["vermittlungsbudget"]),
                1 => ("berufserfahrung", "berufserfahrung_ermoeglichen", &["massnahmen_aktivierung_eingliederung"]),
                _ => ("familiaere_situation", "kinderbetreuung_schaffen", &[]),
            };
        let bedarf = self.bedarf(merkmal);
        let label = self.merkmal_label(merkmal);
        s.vorgeschichte = Some(Vorgeschichte {
            bedarf,
            plan: plan(strategie, Some(merkmal), 0, 75, produkte),
            prognose: 6,
            fazit: format!(
                "Gute fachliche Voraussetzungen; vor einer Integration ist der Handlungsbedarf „{label}“ zu beheben. Integration in etwa 6 Monaten realistisch."
            ),
        });
        s.fazit = format!(
            "Handlungsbedarf „{label}“ ist behoben (Strategie erfolgreich umgesetzt). Keine weiteren Handlungsbedarfe; Integration in etwa {} Monaten realistisch.",
            s.prognose
        );
        s.folge = (2, 3);
        s
    }

    pub(super) fn aktivierung(&mut self) -> Spec {
        let p = self.zahl(3, 6) as u16;
        let mut s = Spec::neu(
            Profillage::Aktivierung,
            p,
            "beschaeftigung_lokal",
            format!(
                "Fachlich gute Voraussetzungen als {}; die Integration hängt an der eigenen Aktivität. Mit verbindlichen Absprachen und engerer Kontaktdichte Integration in etwa {p} Monaten.",
                self.beruf.bezeichnung
            ),
        );
        let beide = self.ja(0.3);
        if beide || self.ja(0.6) {
            let b = self.bedarf("eigeninitiative_arbeitshaltung");
            s.bedarfe.push(b);
            s.plaene.push(plan("perspektiven_veraendern", None, 0, self.zahl(60, 90), &["coaching"]));
        }
        if beide || s.bedarfe.is_empty() {
            let b = self.bedarf("lern_weiterbildungsbereitschaft");
            s.bedarfe.push(b);
            s.plaene.push(plan(
                "lernbereitschaft_foerdern",
                None,
                0,
                self.zahl(45, 90),
                &["orientierungs_entscheidungsberatung"],
            ));
        }
        s.bewerbungen = Some(self.eins(&[5, 6, 8]));
        let v = self.vermittlung();
        s.plaene.push(v);
        if self.ja(0.5) {
            let pruefen = if self.sgb2() { "mitwirkung_ueberpruefen" } else { "verfuegbarkeit_ueberpruefen" };
            s.plaene.push(plan(pruefen, None, 0, 60, &[]));
        }
        if self.ja(0.3) {
            s.biz = Some("biz_bewerbungsunterlagen");
        }
        s
    }

    pub(super) fn foerder(&mut self) -> Spec {
        let beruf = self.beruf.bezeichnung;
        let variante = self.zahl(0, 7);
        let jung = self.alter(self.heute) <= 21;
        let mut s = Spec::neu(Profillage::Foerder, 8, "beschaeftigung_lokal", String::new());
        s.bewerbungen = Some(self.eins(&[3, 4, 5]));
        match variante {
            _ if jung && self.ja(0.5) => {
                // Ausbildungsvermittlung: young customer without a school-leaving certificate.
                s.segment = Segment::AusbV;
                s.prognose = self.zahl(9, 12) as u16;
                s.ziel = "ausbildung_lokal";
                let b = self.bedarf("schulische_qualifikation");
                s.bedarfe.push(b);
                s.plaene.push(plan(
                    "berufsausbildung_vorbereiten",
                    None,
                    14,
                    300,
                    &["berufsvorbereitende_bildungsmassnahme"],
                ));
                s.fazit = format!(
                    "Interesse am Beruf {beruf}, Praktikum positiv bewertet. Ohne Schulabschluss derzeit keine Ausbildungsstelle erreichbar; mit berufsvorbereitender Maßnahme Ausbildungsbeginn in etwa {} Monaten.",
                    s.prognose
                );
                s.bewerbungen = None;
            }
            0 | 1 => {
                s.prognose = self.zahl(7, 11) as u16;
                let b = self.bedarf("berufliche_qualifikation");
                s.bedarfe.push(b);
                let mut q = plan(
                    "berufliche_teilqualifikation_realisieren",
                    None,
                    self.zahl(21, 45),
                    self.zahl(120, 200),
                    &["foerderung_berufliche_weiterbildung"],
                );
                q.absolventen = true;
                s.plaene.push(q);
                s.fazit = format!(
                    "Solide Grundlage durch Berufserfahrung, aber ohne zertifizierte Qualifikation. Nach einer Teilqualifizierung gute Chancen als {beruf} im Tagespendelbereich; Integrationsprognose {} Monate.",
                    s.prognose
                );
                if self.ja(0.3) {
                    let m = self.bedarf("lern_weiterbildungsbereitschaft");
                    s.bedarfe.push(m);
                    s.plaene.push(plan("lernbereitschaft_foerdern", None, 0, 30, &[]));
                }
            }
            2 => {
                s.prognose = self.zahl(8, 12) as u16;
                let b = self.bedarf("sprachkenntnisse");
                s.bedarfe.push(b);
                s.plaene.push(plan(
                    "deutsche_sprachkenntnisse_erwerben",
                    None,
                    self.zahl(14, 30),
                    self.zahl(150, 240),
                    &["berufssprachkurse"],
                ));
                s.einwilligungen.push(Einwilligungsumfang::BerufspsychologischerService);
                s.auftraege.push(("bps_deutsch_test", Fragestellung::Sonstige));
                s.fazit = format!(
                    "Berufserfahrung als {beruf} im Herkunftsland, fachlich gut einsetzbar. Die Sprachkenntnisse reichen für den Zielberuf noch nicht; nach dem Berufssprachkurs Integration in etwa {} Monaten.",
                    s.prognose
                );
            }
            3 => {
                s.prognose = self.zahl(5, 9) as u16;
                let b = self.bedarf("gesundheitliche_einschraenkungen");
                s.bedarfe.push(b);
                s.plaene.push(plan(
                    "leistungsfaehigkeit_feststellen",
                    Some("gesundheitliche_einschraenkungen"),
                    0,
                    60,
                    &[],
                ));
                s.plaene.push(plan(
                    "gesundheitlich_angemessene_beschaeftigung",
                    Some("gesundheitliche_einschraenkungen"),
                    30,
                    150,
                    &["eingliederungszuschuss"],
                ));
                s.einwilligungen.push(Einwilligungsumfang::AerztlicherDienst);
                s.auftraege.push(("aed_begutachtung", Fragestellung::Eignungsfeststellung));
                s.fazit = format!(
                    "Erfahrung als {beruf}; gesundheitliche Einschränkungen schließen körperlich schwere Tätigkeiten aus. Nach Klärung des Leistungsbildes Integration in eine leidensgerechte Tätigkeit in etwa {} Monaten.",
                    s.prognose
                );
            }
            4 => {
                s.prognose = self.zahl(3, 6) as u16;
                let b = self.bedarf("oertliche_mobilitaet");
                s.bedarfe.push(b);
                let lokal = self.konf.lokale_strategien.iter().any(|l| l.id == "lokal_pendlernetz");
                if lokal && self.ja(0.5) {
                    s.plaene.push(plan("lokal_pendlernetz", None, 0, 90, &[]));
                } else {
                    s.plaene.push(plan("mobilitaet_erhoehen", None, 0, 120, &["vermittlungsbudget"]));
                }
                s.fazit = format!(
                    "Gefragte Erfahrung als {beruf}; Stellen im Umland sind derzeit nicht erreichbar. Mit Lösung der Mobilitätsfrage Integration in etwa {} Monaten.",
                    s.prognose
                );
            }
            5 => {
                s.prognose = self.zahl(4, 8) as u16;
                let b = self.bedarf("familiaere_situation");
                s.bedarfe.push(b);
                let lokal = self.konf.lokale_strategien.iter().any(|l| l.id == "lokal_kita_lotsen");
                if lokal && self.ja(0.5) {
                    s.plaene.push(plan("lokal_kita_lotsen", None, 0, 120, &[]));
                } else {
                    let produkte: &'static [&'static str] =
                        if self.sgb2() { &["kinderbetreuung_haeusliche_pflege"] } else { &[] };
                    s.plaene.push(plan("kinderbetreuung_schaffen", None, 0, 120, produkte));
                }
                s.fazit = format!(
                    "Berufserfahrung als {beruf}, motiviert für eine Teilzeit- oder Vollzeitstelle. Sobald die Kinderbetreuung gesichert ist, Integration in etwa {} Monaten.",
                    s.prognose
                );
            }
            6 if !self.sgb2() && !self.beruf.helfer => {
                // PL2: the prognosis exceeds 12 months only because of an FbW longer than 9 months.
                s.prognose = self.zahl(25, 28) as u16;
                s.fbw_monate = Some(24);
                let b = self.bedarf("berufliche_qualifikation");
                s.bedarfe.push(b);
                let mut q = plan(
                    "berufsabschluss_erwerben",
                    None,
                    self.zahl(30, 60),
                    700,
                    &["foerderung_berufliche_weiterbildung", "weiterbildungsgeld_praemie"],
                );
                q.absolventen = true;
                s.plaene.push(q);
                s.fazit = format!(
                    "Langjährig als Helfer/in tätig, ohne Berufsabschluss. Umschulung zum Beruf {beruf} (24 Monate) eröffnet gute Chancen; die Prognose von {} Monaten folgt allein aus der Dauer der Umschulung.",
                    s.prognose
                );
                s.bewerbungen = None;
            }
            _ => {
                s.prognose = self.zahl(5, 9) as u16;
                let b = self.bedarf("berufserfahrung");
                s.bedarfe.push(b);
                s.plaene.push(plan(
                    "berufserfahrung_ermoeglichen",
                    None,
                    14,
                    90,
                    &["massnahmen_aktivierung_eingliederung"],
                ));
                s.fazit = format!(
                    "Abschluss als {beruf} vorhanden, aber keine Praxis. Nach einer betrieblichen Erprobung gute Chancen; Integration in etwa {} Monaten.",
                    s.prognose
                );
            }
        }
        let v = self.vermittlung();
        s.plaene.push(v);
        if s.ziel == "beschaeftigung_lokal" && self.ja(0.2) {
            s.ziel = "beschaeftigung_ueberregional";
        }
        s
    }

    pub(super) fn entwicklung(&mut self) -> Spec {
        let beruf = self.beruf.bezeichnung;
        let p = self.zahl(14, 22) as u16;
        let mut s = Spec::neu(Profillage::Entwicklung, p, "beschaeftigung_lokal", String::new());
        s.horizont = Some(p.min(24));
        s.zweitgespraech = self.ja(0.4);
        match self.zahl(0, 3) {
            0 => {
                // Schwerpunkt Qualifikation (Sprache), further: family; foreign degree to clarify.
                s.schwerpunkt = Some("qualifikation");
                let sprache = self.bedarf("sprachkenntnisse");
                let familie = self.bedarf("familiaere_situation");
                s.bedarfe.push(sprache);
                s.bedarfe.push(familie);
                s.bedarfe.push(Bedarf {
                    merkmal: "berufliche_qualifikation",
                    status: MerkmalStatus::ZuKlaeren,
                    kommentar: "Im Ausland erworbener Abschluss; Zeugnisse und Übersetzungen werden beschafft, Termin bei der Anerkennungsberatung (IQ-Netzwerk) ist vereinbart. Ob ein qualifikatorischer Handlungsbedarf besteht, wird im nächsten Folgegespräch geklärt."
                        .into(),
                });
                let lokal = self.konf.lokale_strategien.iter().any(|l| l.id == "lokal_kita_lotsen");
                let kita = if lokal && self.ja(0.6) { "lokal_kita_lotsen" } else { "kinderbetreuung_schaffen" };
                s.plaene.push(plan(kita, None, 0, 120, &[]));
                s.plaene.push(plan(
                    "deutsche_sprachkenntnisse_erwerben",
                    None,
                    self.zahl(60, 120),
                    240,
                    &["berufssprachkurse"],
                ));
                s.einwilligungen.push(Einwilligungsumfang::BerufspsychologischerService);
                s.auftraege.push(("bps_deutsch_test", Fragestellung::Sonstige));
                s.fazit = format!(
                    "Berufserfahrung als {beruf} im Herkunftsland. Einer Integration stehen derzeit die fehlende Kinderbetreuung und Deutschkenntnisse unterhalb von B2 entgegen; Schwerpunkt Qualifikation (Sprache). Integration in den 1. Arbeitsmarkt in etwa {p} Monaten realistisch."
                );
                s.eigene_ziele = Some("Anerkennung des ausländischen Abschlusses.");
            }
            1 => {
                // Schwerpunkt Qualifikation (no vocational degree), further: motivation.
                s.schwerpunkt = Some("qualifikation");
                let q = self.bedarf("berufliche_qualifikation");
                let m = self.bedarf("eigeninitiative_arbeitshaltung");
                s.bedarfe.push(q);
                s.bedarfe.push(m);
                s.plaene.push(plan("perspektiven_veraendern", None, 0, 75, &["coaching"]));
                let mut umschulung = plan(
                    "berufsabschluss_erwerben",
                    None,
                    self.zahl(90, 120),
                    self.zahl(420, 480),
                    &["foerderung_berufliche_weiterbildung"],
                );
                umschulung.absolventen = true;
                s.plaene.push(umschulung);
                s.fazit = format!(
                    "Langjährig in wechselnden Helfertätigkeiten, ohne Berufsabschluss. Nach Klärung der beruflichen Perspektive ist eine Umschulung zum Beruf {beruf} realistisch; Integration in etwa {p} Monaten."
                );
            }
            2 => {
                // Schwerpunkt Leistungsfähigkeit, further: mobility.
                s.schwerpunkt = Some("leistungsfaehigkeit");
                let l = self.bedarf("gesundheitliche_einschraenkungen");
                let r = self.bedarf("oertliche_mobilitaet");
                s.bedarfe.push(l);
                s.bedarfe.push(r);
                s.plaene.push(plan("mobilitaet_erhoehen", None, 0, 150, &["vermittlungsbudget"]));
                s.plaene.push(plan(
                    "leistungsfaehigkeit_feststellen",
                    Some("gesundheitliche_einschraenkungen"),
                    7,
                    70,
                    &[],
                ));
                s.plaene.push(plan(
                    "gesundheitlich_angemessene_beschaeftigung",
                    Some("gesundheitliche_einschraenkungen"),
                    90,
                    240,
                    &[],
                ));
                s.einwilligungen.push(Einwilligungsumfang::AerztlicherDienst);
                s.auftraege.push(("aed_begutachtung", Fragestellung::Eignungsfeststellung));
                s.fazit = format!(
                    "Erfahrung als {beruf}, gesundheitlich nur noch für leichte Tätigkeiten einsetzbar; Arbeitsorte im Umland derzeit nicht erreichbar. Schwerpunkt Leistungsfähigkeit; Integration in etwa {p} Monaten."
                );
            }
            _ => {
                // Schwerpunkt Rahmenbedingungen (housing), further: work experience.
                s.schwerpunkt = Some("rahmenbedingungen");
                let r = self.bedarf("wohnsituation");
                let q = self.bedarf("berufserfahrung");
                s.bedarfe.push(r);
                s.bedarfe.push(q);
                s.entfaellt = Some("wohnsituation");
                s.plaene.push(plan("wohnsituation_stabilisieren", None, 0, 150, &[]));
                s.plaene.push(plan(
                    "berufserfahrung_ermoeglichen",
                    None,
                    120,
                    120,
                    &["massnahmen_aktivierung_eingliederung"],
                ));
                s.fazit = format!(
                    "Ausbildung zum Beruf {beruf}, aber keine Praxis; die drohende Wohnungslosigkeit hat Vorrang. Schwerpunkt Rahmenbedingungen; Integration in etwa {p} Monaten."
                );
            }
        }
        s.bewerbungen = if s.entfaellt.is_some() { None } else { Some(2) };
        s
    }

    pub(super) fn stabilisierung(&mut self) -> Spec {
        let beruf = self.beruf.bezeichnung;
        let p = self.zahl(18, 24) as u16;
        let ziel = if self.ja(0.6) { "beschaeftigung_lokal" } else { "jenseits_erster_arbeitsmarkt" };
        let mut s = Spec::neu(
            Profillage::Stabilisierung,
            p,
            ziel,
            format!(
                "Zuletzt vor mehreren Jahren als {beruf} tätig. Gesundheitliche Einschränkungen und fehlende Tagesstruktur stehen einer Arbeitsaufnahme entgegen; Heranführen an eine Erwerbstätigkeit binnen 12 Monaten ist wahrscheinlich. Integration in etwa {p} Monaten."
            ),
        );
        s.horizont = Some(self.zahl(18, 24) as u16);
        s.heranfuehren = Some(true);
        s.schwerpunkt = Some("leistungsfaehigkeit");
        s.zweitgespraech = self.ja(0.5);
        let g = self.bedarf("gesundheitliche_einschraenkungen");
        s.bedarfe.push(g);
        if self.ja(0.5) {
            // Verdichtung in L (two Merkmale in need).
            let a = self.bedarf("arbeits_und_sozialverhalten");
            s.bedarfe.push(a);
            s.plaene.push(plan("heranfuehren_arbeitsleben", None, 30, 180, &["massnahmen_aktivierung_eingliederung"]));
        } else {
            // L plus two further Schlüsselgruppen.
            let m = self.bedarf("eigeninitiative_arbeitshaltung");
            let r = self.bedarf("finanzielle_situation");
            s.bedarfe.push(m);
            s.bedarfe.push(r);
            let produkte: &'static [&'static str] = if self.sgb2() { &["schuldnerberatung"] } else { &[] };
            s.plaene.push(plan("finanzielle_situation_stabilisieren", None, 0, 240, produkte));
            s.plaene.push(plan("perspektiven_veraendern", None, 60, 90, &["coaching"]));
        }
        s.plaene.push(plan("leistungsfaehigkeit_feststellen", Some("gesundheitliche_einschraenkungen"), 0, 60, &[]));
        s.plaene.push(plan("leistungsfaehigkeit_foerdern", Some("gesundheitliche_einschraenkungen"), 60, 240, &[]));
        s.einwilligungen.push(Einwilligungsumfang::AerztlicherDienst);
        s.auftraege.push(("aed_begutachtung", Fragestellung::Eignungsfeststellung));
        if self.ja(0.4) {
            s.einwilligungen.push(Einwilligungsumfang::BerufspsychologischerService);
            s.auftraege.push(("bps_beratung", Fragestellung::Sonstige));
        }
        s.entfaellt = Some("gesundheitliche_einschraenkungen");
        s
    }

    pub(super) fn unterstuetzung(&mut self) -> Spec {
        let p = self.zahl(24, 36) as u16;
        let ziel = if self.ja(0.6) { "jenseits_erster_arbeitsmarkt" } else { "beschaeftigung_lokal" };
        let mut s = Spec::neu(
            Profillage::Unterstuetzung,
            p,
            ziel,
            format!(
                "Wohnungs- und Schuldenprobleme überlagern derzeit jede berufliche Planung. Schwerpunkt Rahmenbedingungen; ein Heranführen an Erwerbstätigkeit binnen 12 Monaten ist unwahrscheinlich, Ziel ist zunächst der Erhalt der Integrationsfähigkeit. Integration in etwa {p} Monaten."
            ),
        );
        s.horizont = Some(24);
        s.heranfuehren = Some(false);
        s.schwerpunkt = Some("rahmenbedingungen");
        s.zweitgespraech = self.ja(0.5);
        let w = self.bedarf("wohnsituation");
        s.bedarfe.push(w);
        let sgb2 = self.sgb2();
        s.plaene.push(plan("wohnsituation_stabilisieren", None, 0, 180, &[]));
        if self.ja(0.3) {
            // PL2 Interpretation: one Merkmal in need, marked as verdichtet by the VFK.
            s.verdichtung.push((
                "rahmenbedingungen",
                "Drohende Wohnungslosigkeit mit Folgeproblemen (keine Meldeadresse, Konto gekündigt, Hausrat eingelagert): die Rahmenbedingungen sind verdichtet.",
            ));
        } else {
            let f = self.bedarf("finanzielle_situation");
            s.bedarfe.push(f);
            s.plaene.push(plan(
                "finanzielle_situation_stabilisieren",
                None,
                30,
                300,
                if sgb2 { &["schuldnerberatung"] } else { &[] },
            ));
        }
        if self.ja(0.6) {
            let g = self.bedarf("gesundheitliche_einschraenkungen");
            s.bedarfe.push(g);
            s.plaene.push(plan(
                "leistungsfaehigkeit_foerdern",
                Some("gesundheitliche_einschraenkungen"),
                60,
                240,
                if sgb2 { &["psychosoziale_betreuung"] } else { &[] },
            ));
        }
        if self.ja(0.5) {
            let m = self.bedarf("eigeninitiative_arbeitshaltung");
            s.bedarfe.push(m);
            s.plaene.push(plan("perspektiven_veraendern", None, 120, 90, &[]));
        }
        if ziel == "jenseits_erster_arbeitsmarkt" && sgb2 {
            s.plaene.push(plan("heranfuehren_arbeitsleben", None, 90, 240, &["arbeitsgelegenheiten"]));
            s.bedarfe.push(Bedarf {
                merkmal: "arbeits_und_sozialverhalten",
                status: MerkmalStatus::Handlungsbedarf,
                kommentar: "Seit Jahren ohne geregelten Tagesablauf; eine Arbeitsgelegenheit soll Struktur geben."
                    .into(),
            });
        }
        s.entfaellt = Some("wohnsituation");
        s
    }

    pub(super) fn integriert(&mut self) -> Spec {
        let beruf = self.beruf.bezeichnung;
        type IVariante = (&'static str, &'static str, &'static [&'static str], String, &'static str);
        let (grund, strategie, produkte, text, aktivitaeten): IVariante = match self.zahl(0, 2) {
            0 => (
                "erwerbstaetig_im_rahmen_der_moeglichkeiten",
                "hilfebeduerftigkeit_beschaeftigte",
                &["foerderung_wegfall_hilfebeduerftigkeit"],
                format!(
                    "Arbeitet in Teilzeit (25 Stunden) als {beruf}, mehr ist wegen der Betreuung der Kinder derzeit nicht möglich; das Einkommen reicht für die Bedarfsgemeinschaft nicht."
                ),
                "Gespräch mit dem Arbeitgeber über eine Aufstockung der Arbeitszeit nach Sicherung der Kinderbetreuung geführt; zwei Bewerbungen auf Stellen mit 30 Wochenstunden.",
            ),
            1 => (
                "vollzeit_sozialversicherungspflichtig",
                "hilfebeduerftigkeit_beschaeftigte",
                &["stellenorientierte_vermittlung"],
                format!(
                    "Vollzeit sozialversicherungspflichtig als {beruf} beschäftigt; wegen der Größe der Bedarfsgemeinschaft weiter hilfebedürftig. Ziel ist eine besser vergütete Stelle."
                ),
                "Drei Bewerbungen auf besser vergütete Vollzeitstellen; Vermittlungsvorschläge mit höherem Tariflohn übergeben.",
            ),
            _ => (
                "selbstaendig_vollzeit",
                "hilfebeduerftigkeit_selbstaendige",
                &["eingliederung_selbstaendige"],
                format!(
                    "Seit zwei Jahren in Vollzeit selbständig (Dienstleistungen im Bereich {beruf}); die Einnahmen decken den Bedarf nicht. Tragfähigkeit wird geprüft."
                ),
                "Geschäftszahlen des letzten Quartals vorgelegt; die Beratung zur Tragfähigkeit läuft, parallel Angebote an zwei neue Auftraggeber.",
            ),
        };
        let p = self.zahl(6, 12) as u16;
        let mut s = Spec::neu(
            Profillage::I,
            p,
            "stabilisierung_beschaeftigung",
            format!("{text} Verringerung der Hilfebedürftigkeit in etwa {p} Monaten realistisch."),
        );
        s.i_grund = Some(grund);
        s.aktivitaeten = Some(aktivitaeten);
        s.plaene.push(plan(strategie, None, 0, 180, produkte));
        if grund == "erwerbstaetig_im_rahmen_der_moeglichkeiten" {
            let b = self.bedarf("familiaere_situation");
            s.bedarfe.push(b);
            s.plaene.push(plan("lokal_kita_lotsen", None, 0, 120, &[]));
        }
        s.folge = (1, 2);
        s
    }
}
