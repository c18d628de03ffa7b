//! `vierphasen pruefen`, `katalog` and `beruf` as a user runs them: the real binary on the
//! shipped examples (examples/*.json) at a fixed Stichtag.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test should panic

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const STICHTAG: &str = "2026-11-24";

fn vierphasen() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vierphasen"))
}

fn beispiel(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples").join(format!("{name}.json"))
}

fn beispiel_json(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(beispiel(name)).unwrap()).unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// `vierphasen pruefen FILE --stichtag 2026-11-24`.
fn pruefen_datei(name: &str) -> Output {
    vierphasen().arg("pruefen").arg(beispiel(name)).args(["--stichtag", STICHTAG]).output().unwrap()
}

/// `vierphasen pruefen - --stichtag 2026-11-24` with `eingabe` on stdin.
fn pruefen_stdin(eingabe: &[u8]) -> Output {
    let mut kind = vierphasen()
        .args(["pruefen", "-", "--stichtag", STICHTAG])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    kind.stdin.take().unwrap().write_all(eingabe).unwrap();
    kind.wait_with_output().unwrap()
}

/// Parses stdout as JSON; on failure shows stdout and stderr.
fn ausgabe(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout ist kein JSON ({e}):\n{}\nstderr:\n{}", text(&o.stdout), text(&o.stderr)))
}

fn befunde(v: &Value) -> &Vec<Value> {
    v["befunde"].as_array().unwrap()
}

fn anzahl(v: &Value, schwere: &str) -> usize {
    befunde(v).iter().filter(|b| b["schwere"] == schwere).count()
}

// ---------------------------------------------------------------------------------------------
// Snapshots of the whole output

#[test]
fn snapshot_foerderprofil_sgb3() {
    let o = pruefen_datei("foerderprofil_sgb3");
    insta::assert_json_snapshot!("foerderprofil_sgb3", ausgabe(&o));
}

#[test]
fn snapshot_entwicklungsprofil_sgb2() {
    let o = pruefen_datei("entwicklungsprofil_sgb2");
    insta::assert_json_snapshot!("entwicklungsprofil_sgb2", ausgabe(&o));
}

#[test]
fn snapshot_regelverstoesse() {
    let o = pruefen_datei("regelverstoesse");
    insta::assert_json_snapshot!("regelverstoesse", ausgabe(&o));
}

// ---------------------------------------------------------------------------------------------
// What a user notices

fn ohne_fehler(name: &str) {
    let o = pruefen_datei(name);
    let v = ausgabe(&o);
    assert_eq!(o.status.code(), Some(0), "{name}: Exit-Code\n{}", text(&o.stdout));
    assert_eq!(v["zusammenfassung"]["fehler"], 0, "{name}: zusammenfassung.fehler");
    assert_eq!(anzahl(&v, "fehler"), 0, "{name}: Befunde mit Schwere fehler: {:#?}", befunde(&v));
    assert!(o.stderr.is_empty(), "{name}: stderr: {}", text(&o.stderr));
}

#[test]
fn foerderprofil_sgb3_hat_keine_fehler() {
    ohne_fehler("foerderprofil_sgb3");
    let v = ausgabe(&pruefen_datei("foerderprofil_sgb3"));
    assert_eq!(v["rechtskreis"], "SGB_III");
    assert_eq!(v["profillage"]["gewaehlt"], "foerderprofil");
    assert_eq!(v["profillage"]["vorschlag"], "foerderprofil");
}

#[test]
fn entwicklungsprofil_sgb2_hat_keine_fehler() {
    ohne_fehler("entwicklungsprofil_sgb2");
    let v = ausgabe(&pruefen_datei("entwicklungsprofil_sgb2"));
    assert_eq!(v["rechtskreis"], "SGB_II");
    let gewaehlt = v["profillage"]["gewaehlt"].clone();
    assert_eq!(gewaehlt, "entwicklungsprofil");
    assert!(v["profillage"]["zulaessig"].as_array().unwrap().contains(&gewaehlt), "Wahl liegt im zulässigen Satz");
}

#[test]
fn regelverstoesse_zeigt_jede_regel() {
    let o = pruefen_datei("regelverstoesse");
    let v = ausgabe(&o);
    assert_eq!(o.status.code(), Some(1), "Exit-Code bei Befunden mit Schwere fehler");
    assert!(o.stderr.is_empty(), "stderr: {}", text(&o.stderr));
    let erwartet = [
        ("S1", "fehler"),   // Handlungsbedarf Örtliche Mobilität ohne Strategie
        ("S2", "fehler"),   // Berufsabschluss erwerben ohne Absolventenmanagement
        ("S5", "fehler"),   // Verfügbarkeit überprüfen (nur SGB III) im SGB II
        ("PL1", "fehler"),  // Aktivierungsprofil außerhalb des zulässigen Satzes, ohne Begründung
        ("U6", "fehler"),   // BPS-Auftrag zur Eignungsfeststellung ohne Einwilligung
        ("F2", "fehler"),   // unvollständiges Folgegespräch
        ("E3", "warnung"),  // überfälliger Kooperationsplan
        ("U2", "fehler"),   // Managementvermittlung ohne aktuelle Führungserfahrung
        ("PL3", "hinweis"), // § 10 SGB II: beide Bedingungen nicht erfüllt
    ];
    for (regel, schwere) in erwartet {
        assert!(
            befunde(&v).iter().any(|b| b["regel"] == regel && b["schwere"] == schwere),
            "kein Befund {regel} mit Schwere {schwere} in {:#?}",
            befunde(&v)
        );
    }
    let z = &v["zusammenfassung"];
    assert_eq!(z["fehler"], anzahl(&v, "fehler"));
    assert_eq!(z["warnungen"], anzahl(&v, "warnung"));
    assert_eq!(z["hinweise"], anzahl(&v, "hinweis"));
    assert!(anzahl(&v, "fehler") >= 6);
}

/// PL3 d) and U2 in `regelverstoesse`: each unmet condition of § 10 SGB II on its own; the ZAV
/// finding names the Zielposition, the non-current leadership experience and the threshold used.
#[test]
fn regelverstoesse_nennt_bedingungen_einzeln() {
    let v = ausgabe(&pruefen_datei("regelverstoesse"));
    let meldungen = |regel: &str| -> Vec<String> {
        befunde(&v).iter().filter(|b| b["regel"] == regel).map(|b| b["meldung"].as_str().unwrap().to_owned()).collect()
    };
    let pl3 = meldungen("PL3");
    assert_eq!(pl3.len(), 2, "{pl3:#?}");
    assert!(pl3[0].contains("spätestens innerhalb von 6 Monaten") && pl3[0].contains("01.12.2026"), "{pl3:#?}");
    assert!(pl3[1].contains("tatsächlich nicht angestrebt"), "{pl3:#?}");
    let u2 = meldungen("U2");
    assert_eq!(u2.len(), 1, "{u2:#?}");
    assert!(u2[0].contains("Zielposition: Betriebsleitung Logistik"), "{}", u2[0]);
    assert!(u2[0].contains("Führungserfahrung muss aktuell sein"), "{}", u2[0]);
    // The salary (52.000 €) is above the threshold, so the threshold is not among the unmet.
    assert!(!u2[0].contains("Jahresgehalt"), "{}", u2[0]);
}

/// V1/V2 and Z6 on the command line: the Beratungsvermerk prefill of the latest Erstgespräch or
/// Folgegespräch up to the Stichtag, and the search horizon of the agreed Zieloption.
#[test]
fn vermerk_vorbefuellung_und_suchhorizont() {
    // Stichtag after the Folgegespräch of 27.10.2026: V2 (changes of that day and the day before).
    let v = ausgabe(&pruefen_datei("foerderprofil_sgb3"));
    let vb = &v["vermerk_vorbefuellung"];
    assert_eq!(
        (vb["regel"].as_str(), vb["gespraech"].as_str(), vb["datum"].as_str()),
        (Some("V2"), Some("folgegespraech"), Some("2026-10-27")),
        "{vb:#}"
    );
    let h = &v["suchhorizont"];
    assert_eq!(h["regel"], "Z6");
    assert_eq!(h["zieloption"], "beschaeftigung_lokal");
    assert_eq!(h["stufen"], serde_json::json!(["lokal"]));
    assert_eq!(h["text"], "Suchhorizont: Tagespendelbereich (TPB)");

    // Stichtag between Erstgespräch and Folgegespräch: V1 with the sections of the seed.
    let o = vierphasen()
        .arg("pruefen")
        .arg(beispiel("foerderprofil_sgb3"))
        .args(["--stichtag", "2026-09-15"])
        .output()
        .unwrap();
    let v = ausgabe(&o);
    let vb = &v["vermerk_vorbefuellung"];
    assert_eq!((vb["regel"].as_str(), vb["datum"].as_str()), (Some("V1"), Some("2026-09-01")), "{vb:#}");
    let titel: Vec<&str> = vb["abschnitte"].as_array().unwrap().iter().map(|a| a["titel"].as_str().unwrap()).collect();
    assert_eq!(
        titel,
        [
            "Zielberuf/Zieltätigkeit",
            "Vermittlungsrelevante Handlungsbedarfe",
            "Besondere Stärken",
            "Fazit der Standortbestimmung",
            "Profillage",
            "Vereinbarte Zieloption"
        ]
    );

    // International goal: matching still uses local and überregional chances.
    let mut akte = beispiel_json("foerderprofil_sgb3");
    akte["ziele"][0]["zieloption"] = "beschaeftigung_international".into();
    let v = ausgabe(&pruefen_stdin(akte.to_string().as_bytes()));
    assert_eq!(v["suchhorizont"]["horizont"], "international");
    assert_eq!(v["suchhorizont"]["stufen"], serde_json::json!(["lokal", "ueberregional", "international"]));
    // Without conversations and goals both are left out.
    akte["gespraeche"] = serde_json::json!([]);
    akte["ziele"] = serde_json::json!([]);
    let v = ausgabe(&pruefen_stdin(akte.to_string().as_bytes()));
    assert!(v.get("vermerk_vorbefuellung").is_none() && v.get("suchhorizont").is_none(), "{v:#}");
}

#[test]
fn stdin_gibt_dasselbe_wie_die_datei() {
    let datei = pruefen_datei("regelverstoesse");
    let stdin = pruefen_stdin(&std::fs::read(beispiel("regelverstoesse")).unwrap());
    assert_eq!(stdin.status.code(), datei.status.code());
    assert_eq!(ausgabe(&stdin), ausgabe(&datei));
    assert!(stdin.stderr.is_empty(), "stderr: {}", text(&stdin.stderr));
}

// ---------------------------------------------------------------------------------------------
// Bad input: exit code 2, nothing on stdout, a German message naming the field

fn ungueltig(o: &Output, erwartet: &[&str]) {
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "Exit-Code; stderr: {err}");
    assert!(o.stdout.is_empty(), "stdout muss leer sein: {}", text(&o.stdout));
    assert!(err.starts_with("Fehler: "), "deutsche Meldung erwartet: {err}");
    for e in erwartet {
        assert!(err.contains(e), "stderr enthält nicht „{e}“: {err}");
    }
}

#[test]
fn kaputtes_json() {
    let pfad = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("vierphasen_kaputt.json");
    std::fs::write(&pfad, b"{\"format\": 1, \"kunde\": {").unwrap();
    let o = vierphasen().arg("pruefen").arg(&pfad).args(["--stichtag", STICHTAG]).output().unwrap();
    ungueltig(&o, &["kein gültiges JSON", "Zeile 1"]);
}

#[test]
fn unbekannte_strategie() {
    let mut akte = beispiel_json("foerderprofil_sgb3");
    akte["strategien"][0]["strategie"] = "zaubern_lernen".into();
    let o = pruefen_stdin(akte.to_string().as_bytes());
    ungueltig(&o, &["strategien[0].strategie", "unbekannte Handlungsstrategie", "zaubern_lernen"]);
}

#[test]
fn unmoegliches_datum() {
    let mut akte = beispiel_json("foerderprofil_sgb3");
    akte["kunde"]["geburtsdatum"] = "2026-02-30".into();
    let o = pruefen_stdin(akte.to_string().as_bytes());
    ungueltig(&o, &["kunde.geburtsdatum", "kein gültiges Datum", "JJJJ-MM-TT"]);
}

#[test]
fn unbekanntes_feld() {
    let mut akte = beispiel_json("entwicklungsprofil_sgb2");
    akte["kunde"]["vorname"] = "Erika".into();
    let o = pruefen_stdin(akte.to_string().as_bytes());
    ungueltig(&o, &["kunde.vorname", "unbekanntes Feld"]);
}

#[test]
fn ungueltiger_stichtag() {
    let o = vierphasen()
        .arg("pruefen")
        .arg(beispiel("foerderprofil_sgb3"))
        .args(["--stichtag", "2026-13-01"])
        .output()
        .unwrap();
    ungueltig(&o, &["--stichtag", "2026-13-01", "kein gültiges Datum"]);
}

// ---------------------------------------------------------------------------------------------
// katalog and beruf

#[test]
fn katalog_json_hat_29_strategien() {
    let o = vierphasen().args(["katalog", "--json"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "stderr: {}", text(&o.stderr));
    let v = ausgabe(&o);
    assert_eq!(v["strategien"].as_array().map(Vec::len), Some(29));
}

#[test]
fn katalog_text_nennt_absolventenmanagement() {
    let o = vierphasen().arg("katalog").output().unwrap();
    assert_eq!(o.status.code(), Some(0), "stderr: {}", text(&o.stderr));
    assert!(text(&o.stdout).contains("Absolventenmanagement"));
}

#[test]
fn beruf_fachinformatiker_findet_43412() {
    let o = vierphasen().args(["beruf", "Fachinformatiker"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "stderr: {}", text(&o.stderr));
    let aus = text(&o.stdout);
    assert!(aus.lines().any(|z| z.starts_with("43412 ")), "43412 fehlt in:\n{aus}");
}
