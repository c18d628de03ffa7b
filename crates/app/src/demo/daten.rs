//! Fixed material of the demo: occupations (KldB 2010 codes of the shipped catalogue), postcodes
//! of the fictional region Musterstadt, staff, strengths and short texts.

/// An occupation a demo customer aims at.
#[derive(Debug, Clone, Copy)]
pub(super) struct Beruf {
    pub kldb: &'static str,
    /// How the conversation names it ("als …").
    pub bezeichnung: &'static str,
    /// Professional strengths of someone from this occupation.
    pub staerken: [&'static str; 2],
    /// A related occupation (KldB) for `alternativberufe`.
    pub alternative: &'static str,
    /// Helper level (Helfer-/Anlerntätigkeiten).
    pub helfer: bool,
}

const fn b(
    kldb: &'static str,
    bezeichnung: &'static str,
    staerken: [&'static str; 2],
    alternative: &'static str,
    helfer: bool,
) -> Beruf {
    Beruf { kldb, bezeichnung, staerken, alternative, helfer }
}

pub(super) const BERUFE: &[Beruf] = &[
    b(
        "26212",
        "Elektroniker/in für Energie- und Gebäudetechnik",
        ["Elektroinstallation im Wohnungsbau", "Prüfung nach DIN VDE 0100"],
        "26252",
        false,
    ),
    b(
        "51312",
        "Fachkraft für Lagerlogistik",
        ["Warenannahme und Bestandsführung im Warenwirtschaftssystem", "Staplerschein"],
        "51311",
        false,
    ),
    b(
        "52122",
        "Berufskraftfahrer/in im Güterverkehr",
        ["Führerschein Klasse CE mit Modul 95", "Ladungssicherung"],
        "51322",
        false,
    ),
    b("62102", "Verkäufer/in im Einzelhandel", ["Kundenberatung und Verkauf", "Kassenabrechnung"], "62112", false),
    b(
        "63302",
        "Restaurantfachfrau/-mann",
        ["Service à la carte und Bankett", "Getränke- und Weinkunde"],
        "63222",
        false,
    ),
    b(
        "29302",
        "Koch/Köchin",
        ["Zubereitung regionaler und saisonaler Gerichte", "HACCP-Hygienestandards"],
        "29301",
        false,
    ),
    b("81302", "Pflegefachfrau/-mann", ["Grund- und Behandlungspflege", "Pflegedokumentation"], "82102", false),
    b(
        "82102",
        "Altenpflegefachkraft",
        ["Pflege und Betreuung demenziell erkrankter Menschen", "Pflegedokumentation"],
        "81302",
        false,
    ),
    b("83112", "Erzieher/in", ["Sprachförderung im Kita-Alltag", "Elternarbeit"], "83112", false),
    b("72212", "Buchhalter/in", ["Finanzbuchhaltung mit DATEV", "Zahlungsverkehr und Mahnwesen"], "72213", false),
    b(
        "71402",
        "Kaufmann/-frau für Büromanagement",
        ["MS Office (Word, Excel)", "Terminkoordination und Korrespondenz"],
        "73202",
        false,
    ),
    b("43412", "Softwareentwickler/in", ["Java und SQL", "Agile Methoden (Scrum)"], "43102", false),
    b("24412", "Metallbauer/in", ["Schweißen (MAG, WIG)", "Lesen technischer Zeichnungen"], "25102", false),
    b("25212", "Kfz-Mechatroniker/in", ["Fahrzeugdiagnose", "Wartung und Inspektion"], "25102", false),
    b(
        "34212",
        "Anlagenmechaniker/in für Sanitär-, Heizungs- und Klimatechnik",
        ["Installation von Heizungsanlagen", "Wartung von Wärmepumpen"],
        "34201",
        false,
    ),
    b(
        "53112",
        "Fachkraft für Schutz und Sicherheit",
        ["Sachkundeprüfung nach § 34a GewO", "Objekt- und Streifendienst"],
        "53112",
        false,
    ),
    b(
        "73202",
        "Verwaltungsfachangestellte/r",
        ["Sachbearbeitung nach Verwaltungsverfahrensrecht", "Bürgerberatung"],
        "71402",
        false,
    ),
    b(
        "52112",
        "Fahrer/in in der Personenbeförderung",
        ["Personenbeförderungsschein", "Ortskenntnis Musterstadt und Umland"],
        "52122",
        false,
    ),
    b("51311", "Lagerhelfer/in", ["Kommissionierung mit Handscanner", "Staplerschein"], "51312", true),
    b("62101", "Verkaufshilfe", ["Warenverräumung und Regalpflege", "Kassentätigkeit"], "54101", true),
    b(
        "63301",
        "Servicekraft in der Gastronomie",
        ["Service im Frühstücks- und Mittagsgeschäft", "Belastbarkeit im Schichtbetrieb"],
        "29301",
        true,
    ),
    b("29301", "Küchenhilfe", ["Vorbereitung von Speisen", "Spülküche und Hygieneplan"], "63301", true),
    b(
        "82101",
        "Pflegehelfer/in in der Altenpflege",
        ["Unterstützung bei der Grundpflege", "Alltagsbegleitung"],
        "82102",
        true,
    ),
    b("54101", "Reinigungskraft", ["Unterhaltsreinigung", "Umgang mit Reinigungsmaschinen"], "62101", true),
    b(
        "12101",
        "Helfer/in im Garten- und Landschaftsbau",
        ["Pflanz- und Pflegearbeiten", "Bedienung von Kleinmaschinen"],
        "54101",
        true,
    ),
    b("25101", "Produktionshelfer/in", ["Maschinenbedienung", "Sicht- und Qualitätskontrolle"], "51311", true),
];

/// Cross-cutting strengths (P2).
pub(super) const UEBERFACHLICH: &[&str] = &[
    "Zuverlässigkeit und Pünktlichkeit",
    "Teamfähigkeit",
    "Kundenorientierung",
    "Führerschein Klasse B und eigener Pkw",
    "Belastbarkeit im Schichtdienst",
    "Englisch im Berufsalltag",
    "Sorgfalt und Genauigkeit",
    "Organisationstalent",
    "Freundliches, sicheres Auftreten",
    "Hohe Lernbereitschaft",
    "Handwerkliches Geschick",
    "Umgang mit Office-Anwendungen",
];

/// Postcodes of the fictional region around Musterstadt (five digits, plausible for one area).
pub(super) const PLZ: &[&str] = &[
    "34117", "34119", "34121", "34123", "34125", "34127", "34128", "34130", "34131", "34132", "34134", "34225",
    "34233", "34246", "34253", "34260", "34266", "34270", "34277", "34281", "34292", "34311", "34317", "34320",
];

/// Reasons a task of the EV was not done (F2 step 1).
pub(super) const GRUENDE_NICHT_ERLEDIGT: &[&str] = &[
    "Termin beim Träger musste wegen Erkrankung verschoben werden (AU-Bescheinigung liegt vor).",
    "Unterlagen sind angefordert, liegen aber noch nicht vor.",
    "Kinderbetreuung fiel in der Woche aus; neuer Termin ist vereinbart.",
    "Nur zwei statt der vereinbarten Bewerbungen; Gründe besprochen, Unterstützung beim Anschreiben vereinbart.",
];

/// Staff per Dienststelle: four VFKs (two per team), two team leads, Fachdienst, Admin, Datenschutz.
pub(super) const PERSONAL: [[&str; 11]; 2] = [
    [
        "Sabine Krüger",
        "Tobias Lehmann",
        "Aylin Demir",
        "Markus Hoffmann",
        "Claudia Berger",
        "Stefan Wolf",
        "Dr. Jana Vogt",
        "Lena Brandt",
        "Oliver Sommer",
        "Frank Richter",
        "Ingrid Hahn",
    ],
    [
        "Katrin Schulz",
        "Daniel Becker",
        "Mehmet Yılmaz",
        "Julia Neumann",
        "Andreas Keller",
        "Birgit Fuchs",
        "Dr. Thomas Braun",
        "Sevgi Aksoy",
        "Rainer Kühn",
        "Nicole Schröder",
        "Werner Graf",
    ],
];
