//! The skill vocabulary (§8.4, P2; `catalog/kenntnisse.toml`, Issue 15/2): what a posting asks
//! for and what a Stärke gives, as a placement officer would count it.

use vierphasen_domain::Katalog;
use vierphasen_domain::fallakte::Niveau;
use vierphasen_domain::katalog::kenntnisse::Kenntnisse;

fn k() -> &'static Kenntnisse {
    &Katalog::standard().unwrap().kenntnisse
}

/// Whether someone with the Stärke `staerke` has everything the requirement `verlangt` names.
fn hat(staerke: &str, niveau: Niveau, verlangt: &str) -> bool {
    let bestand = k().bestand(staerke, niveau);
    let anforderung = k().anforderung(verlangt);
    !anforderung.is_empty() && anforderung.iter().all(|a| bestand.contains(a))
}

#[test]
fn ms_office_umfasst_textverarbeitung_und_tabellenkalkulation() {
    // The case: Experte "MS Office (Word, Excel)" against the posting's words.
    assert_eq!(
        k().anforderung("Textverarbeitung und Tabellenkalkulation"),
        ["Textverarbeitung", "Tabellenkalkulation"]
    );
    assert!(hat("MS Office (Word, Excel)", Niveau::Experte, "Textverarbeitung und Tabellenkalkulation"));
    assert!(hat("MS-Office-Kenntnisse", Niveau::Erweitert, "Excelkenntnisse"));
    assert!(hat("Microsoft 365", Niveau::Erweitert, "PowerPoint"));
    assert!(hat("Excel", Niveau::Erweitert, "PC-Kenntnisse"));
    // A broader term is asked for as such: Word alone is not MS Office.
    assert!(!hat("Word", Niveau::Experte, "MS Office"));
    assert!(!hat("Excel", Niveau::Experte, "Textverarbeitung"));
}

#[test]
fn fuehrerscheinklassen_nach_fev() {
    assert!(hat("Führerschein Klasse CE mit Modul 95", Niveau::Experte, "Führerschein Klasse B"));
    assert!(hat("Führerschein Klasse CE mit Modul 95", Niveau::Experte, "Fahrerlaubnis C"));
    assert!(hat("Führerschein Klasse CE mit Modul 95", Niveau::Experte, "Schlüsselzahl 95"));
    assert!(hat("FS Kl. CE", Niveau::Experte, "Führerschein BE"));
    assert!(hat("Pkw-Führerschein", Niveau::Experte, "Führerschein Klasse B"));
    assert!(hat("Führerschein", Niveau::Experte, "Führerschein Klasse B"), "ohne Klasse: B");
    assert!(hat("Führerschein Klasse 3", Niveau::Experte, "Führerschein C1"), "alte Klasse 3");
    assert!(!hat("Führerschein Klasse B", Niveau::Experte, "Führerschein Klasse C"));
    assert!(!hat("Führerschein Klasse C", Niveau::Experte, "Führerschein CE"));
    // "C/CE" asks for the lower class.
    assert_eq!(k().anforderung("Führerschein C/CE"), ["Führerschein Klasse C"]);
    assert!(hat("Führerschein Klasse C", Niveau::Experte, "Führerschein C/CE"));
    // A forklift licence is no driving licence.
    assert_eq!(k().anforderung("Gabelstaplerführerschein"), ["Staplerschein"]);
    assert!(!hat("Staplerschein", Niveau::Experte, "Führerschein Klasse B"));
}

#[test]
fn sprachen_mit_niveau_nach_ger() {
    assert_eq!(k().anforderung("Deutschkenntnisse mindestens B2"), ["Deutsch B2"]);
    assert_eq!(k().anforderung("Englischkenntnisse"), ["Englisch"]);
    // The BA's levels as the importer keeps them.
    assert_eq!(k().anforderung("Deutsch (Erweiterte Kenntnisse)"), ["Deutsch B2"]);
    assert_eq!(k().anforderung("Englisch (Grundkenntnisse)"), ["Englisch A2"]);
    assert!(hat("Deutsch C1", Niveau::Grundkenntnisse, "Deutsch B2"), "the stated level wins");
    assert!(!hat("Deutsch B1", Niveau::Experte, "Deutsch B2"));
    assert!(hat("Englisch", Niveau::Grundkenntnisse, "Englischkenntnisse"), "any level");
    assert!(!hat("Englisch", Niveau::Grundkenntnisse, "Englisch B2"), "Grundkenntnisse are A2");
    assert!(hat("Englisch", Niveau::Experte, "gute Englischkenntnisse"), "Experte is C1, gut B2");
    assert!(hat("Deutsch (Muttersprache)", Niveau::Erweitert, "Deutsch C1"));
    assert!(hat("Englisch verhandlungssicher", Niveau::Grundkenntnisse, "sehr gute Englischkenntnisse"));
    // Two languages, each with its own level.
    let b = k().bestand("Deutsch C1, Englisch A2", Niveau::Erweitert);
    assert!(b.contains(&"Deutsch C1".to_string()) && b.contains(&"Englisch A2".to_string()), "{b:?}");
    assert!(!b.contains(&"Englisch B1".to_string()), "{b:?}");
    // "Deutschland" is no language.
    assert!(k().anforderung("Deutschlandweite Montage").is_empty());
}

#[test]
fn auslassungen_synonyme_und_unbekanntes() {
    assert_eq!(k().anforderung("Grund- und Behandlungspflege"), ["Grundpflege", "Behandlungspflege"]);
    assert_eq!(k().anforderung("Lohn- und Gehaltsabrechnung"), ["Lohnbuchhaltung"]);
    assert!(hat("Schweißen (MAG, WIG)", Niveau::Experte, "Schweißkenntnisse"));
    assert!(hat("Sachkundeprüfung nach § 34a GewO", Niveau::Experte, "Unterrichtung nach § 34a GewO"));
    assert!(!hat("Unterrichtung nach § 34a GewO", Niveau::Experte, "Sachkundeprüfung § 34a"));
    assert!(hat("Finanzbuchhaltung mit DATEV", Niveau::Experte, "DATEV-Kenntnisse"));
    assert!(hat("PostgreSQL", Niveau::Experte, "SQL"));
    // What the vocabulary does not know is compared by its words.
    assert!(k().anforderung("Sprachförderung im Kita-Alltag").is_empty());
    assert!(k().bestand("Getränke- und Weinkunde", Niveau::Experte).is_empty());
}

#[test]
fn kaputte_datei_wird_mit_grund_abgelehnt() {
    let doppelt = "[[kenntnis]]\nname = \"A\"\nbegriffe = [\"X\"]\n[[kenntnis]]\nname = \"B\"\nbegriffe = [\"x\"]\n";
    let e = Kenntnisse::aus_toml(doppelt).unwrap_err();
    assert!(e.contains("„x“ steht bei „A“ und bei „B“"), "{e}");
    let unbekannt = "[[kenntnis]]\nname = \"A\"\numfasst = [\"Z\"]\n";
    assert!(Kenntnisse::aus_toml(unbekannt).unwrap_err().contains("unbekanntes „Z“"));
}
