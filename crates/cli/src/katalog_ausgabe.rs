//! `vierphasen katalog`: the catalogue as readable German text.

use std::fmt::Write;

use vierphasen_domain::Katalog;
use vierphasen_domain::katalog::Produktkategorie;

pub fn text(k: &Katalog) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Schlüsselgruppen und Merkmale (P3)");
    for g in &k.schluesselgruppen {
        let _ = writeln!(s, "  {} ({})", g.label, g.kurz);
        for m in k.merkmale.iter().filter(|m| m.gruppe == g.id) {
            let _ = writeln!(s, "    - {} [{}]", m.label, m.id);
        }
    }
    let _ = writeln!(s, "\nProfillagen (§4)");
    for p in &k.profillagen {
        let _ = writeln!(s, "  {} [{}]: {}", p.label, p.id.id(), p.beschreibung);
    }
    let _ = writeln!(s, "\nHandlungsstrategien (§5)");
    for st in &k.strategien {
        let wo = match st.gruppe {
            Some(g) => g.label().to_string(),
            None => "übergreifend".to_string(),
        };
        let _ = writeln!(
            s,
            "  {} [{}] – {wo}, {}–{} Monate",
            st.label, st.id, st.leitfaden.dauer_monate_von, st.leitfaden.dauer_monate_bis
        );
    }
    let _ = writeln!(s, "\nZieloptionen (§6)");
    for g in &k.zielgruppen {
        let _ = writeln!(s, "  {}", g.label);
        for z in k.zieloptionen.iter().filter(|z| z.gruppe == g.id) {
            let _ = writeln!(s, "    ► {} [{}]", z.label, z.id);
        }
    }
    let _ = writeln!(s, "\nFachdienste (§8.2)");
    for d in &k.dienste {
        let _ = writeln!(s, "  {} ({})", d.label, d.kurz);
        for l in k.leistungen.iter().filter(|l| l.dienst == d.id) {
            let _ = writeln!(s, "    - {} [{}]", l.label, l.id);
        }
    }
    let _ = writeln!(s, "\nProduktkatalog (PK1)");
    for p in &k.produkte {
        let kat = match p.kategorie {
            Produktkategorie::BeratungVermittlung => "Beratung/Vermittlung",
            Produktkategorie::IndividuelleIntegrationshilfe => "individuelle Integrationshilfe",
            Produktkategorie::LeistungDritter => "Leistung Dritter",
            Produktkategorie::OeffentlichGefoerderteBeschaeftigung => "öffentlich geförderte Beschäftigung",
        };
        let _ = writeln!(s, "  {} – {} ({kat})", p.label, p.rechtsgrundlage);
    }
    let _ = writeln!(
        s,
        "\nBerufe: {} Berufsgattungen der KldB 2010 (Fassung 2020). Quelle: Statistik der Bundesagentur für Arbeit.",
        k.berufe.anzahl()
    );
    s
}
