//! Loading the catalogue files and checking that they fit together.

use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;

use super::normalisieren::schluessel;
use super::*;

fn toml_lesen<T: DeserializeOwned>(datei: &'static str, text: &str) -> Result<T, KatalogFehler> {
    toml::from_str(text).map_err(|e| KatalogFehler { datei, meldung: format!("nicht lesbar: {e}") })
}

fn fehler(datei: &'static str, meldung: impl Into<String>) -> KatalogFehler {
    KatalogFehler { datei, meldung: meldung.into() }
}

/// Registers id, label and aliases of one entry; a key used twice is an error.
fn eintragen<V: Copy>(
    datei: &'static str,
    index: &mut HashMap<String, V>,
    wert: V,
    id: &str,
    label: &str,
    aliase: &[String],
) -> Result<(), KatalogFehler> {
    let mut eigene = HashSet::new();
    for name in std::iter::once(id).chain(std::iter::once(label)).chain(aliase.iter().map(String::as_str)) {
        let k = schluessel(name);
        if !eigene.insert(k.clone()) {
            continue;
        }
        if index.insert(k, wert).is_some() {
            return Err(fehler(datei, format!("„{name}“ ist mehrfach vergeben (Eintrag `{id}`)")));
        }
    }
    Ok(())
}

pub(super) fn laden(t: KatalogTexte<'_>) -> Result<Katalog, KatalogFehler> {
    let sg: SchluesselgruppenDatei = toml_lesen("schluesselgruppen.toml", t.schluesselgruppen)?;
    let pl: ProfillagenDatei = toml_lesen("profillagen.toml", t.profillagen)?;
    let st: StrategienDatei = toml_lesen("strategien.toml", t.strategien)?;
    let zo: ZieloptionenDatei = toml_lesen("zieloptionen.toml", t.zieloptionen)?;
    let fd: FachdiensteDatei = toml_lesen("fachdienste.toml", t.fachdienste)?;
    let pr: ProdukteDatei = toml_lesen("produkte.toml", t.produkte)?;
    let kd: KontaktdichteDatei = toml_lesen("kontaktdichte.toml", t.kontaktdichte)?;
    let parameter: Parameter = toml_lesen("parameter.toml", t.parameter)?;
    let berufe = Berufe::aus_csv(t.kldb_csv, t.berufsbenennungen_csv).map_err(|m| fehler("kldb2010.csv", m))?;
    let kenntnisse = kenntnisse::Kenntnisse::aus_toml(t.kenntnisse).map_err(|m| fehler("kenntnisse.toml", m))?;

    let mut index = Index::default();

    // Schlüsselgruppen: exactly the five of the model.
    for g in Schluesselgruppe::ALLE {
        if !sg.schluesselgruppe.iter().any(|e| e.id == g) {
            return Err(fehler("schluesselgruppen.toml", format!("Schlüsselgruppe `{}` fehlt", g.id())));
        }
    }
    for e in &sg.schluesselgruppe {
        let mut namen = e.aliase.clone();
        namen.push(e.kurz.clone());
        eintragen("schluesselgruppen.toml", &mut index.gruppen, e.id, e.id.id(), &e.label, &namen)?;
    }
    if sg.merkmal.len() > u8::MAX as usize {
        return Err(fehler("schluesselgruppen.toml", "zu viele Merkmale"));
    }
    for (i, m) in sg.merkmal.iter().enumerate() {
        eintragen("schluesselgruppen.toml", &mut index.merkmale, MerkmalRef(i as u8), &m.id, &m.label, &m.aliase)?;
    }

    // Profillagen: all nine of §4.
    for p in Profillage::ALLE {
        if !pl.profillage.iter().any(|e| e.id == p) {
            return Err(fehler("profillagen.toml", format!("Profillage `{}` fehlt", p.id())));
        }
    }
    for e in &pl.profillage {
        eintragen("profillagen.toml", &mut index.profillagen, e.id, e.id.id(), &e.label, &e.aliase)?;
    }
    for (i, z) in pl.z_grund.iter().enumerate() {
        eintragen("profillagen.toml", &mut index.z_gruende, i, &z.id, &z.label, &[])?;
    }
    for (i, g) in pl.i_grund.iter().enumerate() {
        eintragen("profillagen.toml", &mut index.i_gruende, i, &g.id, &g.label, &g.aliase)?;
    }

    // Strategien: Merkmale resolve, übergreifend ⇔ no Merkmal, one Schlüsselgruppe each.
    let mut strategien = st.strategie;
    for (i, s) in strategien.iter_mut().enumerate() {
        eintragen("strategien.toml", &mut index.strategien, StrategieRef(i as u16), &s.id, &s.label, &s.aliase)?;
        if s.uebergreifend != s.merkmale.is_empty() {
            return Err(fehler(
                "strategien.toml",
                format!(
                    "Strategie `{}`: übergreifende Strategien haben keine Merkmale, alle anderen mindestens eines",
                    s.id
                ),
            ));
        }
        let mut gruppe = None;
        for m in &s.merkmale {
            let r =
                index.merkmale.get(&schluessel(m)).copied().ok_or_else(|| {
                    fehler("strategien.toml", format!("Strategie `{}`: unbekanntes Merkmal `{m}`", s.id))
                })?;
            let g = sg.merkmal[r.0 as usize].gruppe;
            if gruppe.is_some_and(|x| x != g) {
                return Err(fehler(
                    "strategien.toml",
                    format!("Strategie `{}`: Merkmale aus verschiedenen Schlüsselgruppen", s.id),
                ));
            }
            gruppe = Some(g);
        }
        if gruppe == Some(Schluesselgruppe::Arbeitsmarktbedingungen) {
            return Err(fehler(
                "strategien.toml",
                format!("Strategie `{}`: Arbeitsmarktbedingungen führen zu keiner Strategie (P5)", s.id),
            ));
        }
        s.gruppe = gruppe;
        let l = &s.leitfaden;
        if l.dauer_monate_von > l.dauer_monate_bis || l.schritte.is_empty() {
            return Err(fehler(
                "strategien.toml",
                format!("Strategie `{}`: Leitfaden unvollständig (Schritte, Dauer von ≤ bis)", s.id),
            ));
        }
    }
    if strategien.iter().filter(|s| s.erfordert_absolventenmanagement).count() > 0
        && !index.strategien.contains_key("absolventenmanagement")
    {
        return Err(fehler("strategien.toml", "Strategie `absolventenmanagement` fehlt (S2)"));
    }
    // S1 must be satisfiable: every Merkmal except A has a strategy of its row.
    for m in &sg.merkmal {
        if m.gruppe != Schluesselgruppe::Arbeitsmarktbedingungen
            && !strategien.iter().any(|s| s.merkmale.contains(&m.id))
        {
            return Err(fehler("strategien.toml", format!("Merkmal `{}` hat keine Handlungsstrategie (S1)", m.id)));
        }
    }

    let mut zielgruppen = HashMap::new();
    for (i, g) in zo.gruppe.iter().enumerate() {
        eintragen("zieloptionen.toml", &mut zielgruppen, i, &g.id, &g.label, &g.aliase)?;
    }
    for (i, z) in zo.zieloption.iter().enumerate() {
        if !zo.gruppe.iter().any(|g| g.id == z.gruppe) {
            return Err(fehler(
                "zieloptionen.toml",
                format!("Zieloption `{}`: unbekannte Gruppe `{}`", z.id, z.gruppe),
            ));
        }
        eintragen("zieloptionen.toml", &mut index.zieloptionen, i, &z.id, &z.label, &z.aliase)?;
    }

    for (i, l) in fd.leistung.iter().enumerate() {
        if !fd.dienst.iter().any(|d| d.id == l.dienst) {
            return Err(fehler("fachdienste.toml", format!("Leistung `{}`: unbekannter Dienst `{}`", l.id, l.dienst)));
        }
        eintragen("fachdienste.toml", &mut index.leistungen, i, &l.id, &l.label, &l.aliase)?;
    }

    for (i, b) in fd.kuenstlerbereich.iter().enumerate() {
        eintragen("fachdienste.toml", &mut index.kuenstlerbereiche, i, &b.id, &b.label, &[])?;
    }

    for (i, b) in fd.zav_branche.iter().enumerate() {
        eintragen("fachdienste.toml", &mut index.zav_branchen, i, &b.id, &b.label, &b.aliase)?;
    }
    for (i, r) in fd.zav_region.iter().enumerate() {
        eintragen("fachdienste.toml", &mut index.zav_regionen, i, &r.id, &r.label, &r.aliase)?;
    }
    // U2: each threshold names a known Branche and/or Region, lies in the seed's range, and no
    // pair is given twice.
    let (von, bis) =
        (parameter.zav.management_mindestgehalt_euro, parameter.zav.management_mindestgehalt_hoechstens_euro);
    let mut paare = HashSet::new();
    for g in &fd.zav_mindestgehalt {
        let wer = format!("zav_mindestgehalt (Branche {:?}, Region {:?})", g.branche, g.region);
        if g.branche.is_none() && g.region.is_none() {
            return Err(fehler("fachdienste.toml", format!("{wer}: Branche oder Region angeben")));
        }
        if let Some(b) = &g.branche
            && !fd.zav_branche.iter().any(|x| &x.id == b)
        {
            return Err(fehler("fachdienste.toml", format!("{wer}: unbekannte Branche `{b}`")));
        }
        if let Some(r) = &g.region
            && !fd.zav_region.iter().any(|x| &x.id == r)
        {
            return Err(fehler("fachdienste.toml", format!("{wer}: unbekannte Region `{r}`")));
        }
        if g.euro < von || g.euro > bis {
            return Err(fehler(
                "fachdienste.toml",
                format!("{wer}: {} € liegt nicht zwischen {von} € und {bis} €", g.euro),
            ));
        }
        if !paare.insert((g.branche.clone(), g.region.clone())) {
            return Err(fehler("fachdienste.toml", format!("{wer}: doppelt angegeben")));
        }
    }

    for (i, p) in pr.produkt.iter().enumerate() {
        eintragen("produkte.toml", &mut index.produkte, i, &p.id, &p.label, &[])?;
        for s in &p.empfohlene_strategien {
            if !strategien.iter().any(|x| &x.id == s) {
                return Err(fehler("produkte.toml", format!("Produkt `{}`: unbekannte Strategie `{s}`", p.id)));
            }
        }
        if p.rechtskreise.is_empty() {
            return Err(fehler("produkte.toml", format!("Produkt `{}`: kein Rechtskreis", p.id)));
        }
    }

    let tabelle = |name: &str, werte: &std::collections::BTreeMap<String, u32>| -> Result<[u32; 9], KatalogFehler> {
        let mut aus = [0u32; 9];
        for p in Profillage::ALLE {
            let tage = *werte
                .get(p.id())
                .ok_or_else(|| fehler("kontaktdichte.toml", format!("[{name}]: Profillage `{}` fehlt", p.id())))?;
            if tage == 0 {
                return Err(fehler(
                    "kontaktdichte.toml",
                    format!("[{name}]: Abstand für `{}` muss mindestens 1 Tag sein", p.id()),
                ));
            }
            aus[p as usize] = tage;
        }
        if let Some(k) = werte.keys().find(|k| Profillage::ALLE.iter().all(|p| p.id() != k.as_str())) {
            return Err(fehler("kontaktdichte.toml", format!("[{name}]: unbekannte Profillage `{k}`")));
        }
        Ok(aus)
    };
    let kontaktdichte =
        Kontaktdichte { standard: tabelle("standard", &kd.standard)?, unter_25: tabelle("unter_25", &kd.unter_25)? };

    Ok(Katalog {
        schluesselgruppen: sg.schluesselgruppe,
        merkmale: sg.merkmal,
        profillagen: pl.profillage,
        z_gruende: pl.z_grund,
        i_gruende: pl.i_grund,
        strategien,
        zielgruppen: zo.gruppe,
        zieloptionen: zo.zieloption,
        dienste: fd.dienst,
        leistungen: fd.leistung,
        tbd_formen: fd.tbd_form,
        kuenstlerbereiche: fd.kuenstlerbereich,
        zav_branchen: fd.zav_branche,
        zav_regionen: fd.zav_region,
        zav_mindestgehaelter: fd.zav_mindestgehalt,
        produkte: pr.produkt,
        kontaktdichte,
        parameter,
        berufe,
        kenntnisse,
        index,
    })
}
