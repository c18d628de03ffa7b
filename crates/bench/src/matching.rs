//! `vierphasen bench matching`: B0, B1, B2 and B5 (BENCHMARKS.md) on one generated workload,
//! with tantivy 0.27 and PostgreSQL as peers (same data, same filters, same ranking) and a
//! brute-force oracle for recall. Peers run on samples of the queries (printed), because they
//! are one to two orders of magnitude slower.

use std::ops::Bound;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{FAST, Field, INDEXED, IndexRecordOption, Schema};
use tantivy::{Index, IndexReader, IndexWriter, SegmentReader, TantivyDocument, Term};
use vierphasen_matching::erzeugen::{self, Lastprofil, Zufall};
use vierphasen_matching::{
    Bewerberprofil, ERDRADIUS_KM, Profilindex, Stammdaten, Stellenangebot, Stellenindex, Tag, Treffer, Umkreis,
    aktualitaet_punkte, arbeitszeit_punkte, berufsplan, einheitsvektor, eintritt_punkte, entfernung_km,
    entfernung_punkte, faehigkeiten_punkte, im_umkreis, orakel, umkreis_km, vor,
};

#[derive(Debug, clap::Args)]
pub struct MatchingOptionen {
    /// Größe relativ zum Bundesgebiet: 1 = 1 Mio. Stellenangebote und 4,5 Mio. Bewerberprofile.
    #[arg(long, default_value_t = 0.1)]
    scale: f64,
    /// Startwert des Generators (gleiche Zahl, gleiche Daten).
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// PostgreSQL-URL für den Vergleich; legt das Schema `vp_bench_matching` an und löscht es danach.
    #[arg(long)]
    database: Option<String>,
    /// Anfragen je Richtung an die Engine (B1: Profile, B2: offene Stellen).
    #[arg(long, default_value_t = 10_000)]
    anfragen: usize,
}

const K_B1: usize = 20;
const K_B2: usize = 50;
const AUSLAND_BIT: u64 = 0x80;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The p-quantile (0..=1) of durations in ms.
fn quantil(werte: &mut [f64], p: f64) -> f64 {
    if werte.is_empty() {
        return f64::NAN;
    }
    werte.sort_by(f64::total_cmp);
    werte[((werte.len() - 1) as f64 * p).round() as usize]
}

fn stichtag() -> Result<Tag, String> {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 24).map(Tag::aus_datum).ok_or_else(|| "Datum".to_string())
}

/// Found share of the expected ids over all queries.
fn recall(paare: &[(Vec<u64>, Vec<u64>)]) -> f64 {
    let erwartet: usize = paare.iter().map(|(_, e)| e.len()).sum();
    if erwartet == 0 {
        return 1.0;
    }
    let gefunden: usize = paare.iter().map(|(g, e)| e.iter().filter(|id| g.contains(id)).count()).sum();
    gefunden as f64 / erwartet as f64
}

/// Runs every query once, timed; returns the times (ms) and the answers' ids, in query order.
fn messen<Q>(
    anfragen: &[Q],
    mut suchen: impl FnMut(&Q) -> Result<Vec<u64>, String>,
) -> Result<(Vec<f64>, Vec<Vec<u64>>), String> {
    let mut zeiten = Vec::with_capacity(anfragen.len());
    let mut antworten = Vec::with_capacity(anfragen.len());
    for q in anfragen {
        let t = Instant::now();
        antworten.push(suchen(q)?);
        zeiten.push(ms(t.elapsed()));
    }
    Ok((zeiten, antworten))
}

/// (answer, oracle) for the queries the oracle answered (the first ones).
fn paare(antworten: &[Vec<u64>], orakel: &[Vec<u64>]) -> Vec<(Vec<u64>, Vec<u64>)> {
    antworten.iter().zip(orakel).map(|(a, o)| (a.clone(), o.clone())).collect()
}

fn prozent(r: f64) -> String {
    if r >= 1.0 { "100%".into() } else { format!("{:.2}%", r * 100.0) }
}

fn ids(t: &[Treffer]) -> Vec<u64> {
    t.iter().map(|t| t.id).collect()
}

/// Runs `f` over `eingaben` on `threads` threads, keeping the order.
fn parallel<T: Sync, R: Send>(eingaben: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let stueck = eingaben.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|s| {
        let griffe: Vec<_> =
            eingaben.chunks(stueck).map(|c| s.spawn(|| c.iter().map(&f).collect::<Vec<R>>())).collect();
        griffe.into_iter().flat_map(|g| g.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

pub fn ausfuehren(o: MatchingOptionen) -> Result<ExitCode, String> {
    if !(o.scale > 0.0 && o.scale <= 4.0) {
        return Err("--scale muss zwischen 0 und 4 liegen".into());
    }
    println!("{}", b0()?);
    let daten = Stammdaten::eingebaut().map_err(|e| e.to_string())?;
    let last = Lastprofil { skala: o.scale, seed: o.seed, stichtag: stichtag()? };
    let st = last.stichtag;
    let t = Instant::now();
    let stellen = erzeugen::stellenangebote(&daten, &last);
    let profile = erzeugen::bewerberprofile(&daten, &last);
    let offen = stellen.iter().filter(|s| s.offen(st)).count();
    println!(
        "Daten: scale {} → {} Stellenangebote ({} offen), {} Bewerberprofile, erzeugt in {:.1} s",
        o.scale,
        stellen.len(),
        offen,
        profile.len(),
        t.elapsed().as_secs_f64()
    );

    let t = Instant::now();
    let stellenindex = Stellenindex::aufbauen(daten.clone(), &stellen).map_err(|e| e.to_string())?;
    let aufbau_stellen = t.elapsed();
    let t = Instant::now();
    let profilindex = Profilindex::aufbauen(daten.clone(), &profile).map_err(|e| e.to_string())?;
    let aufbau_profile = t.elapsed();
    let (ms_stellen, ms_profile) =
        (stellenindex.speicher_bytes() as f64 / 1e6, profilindex.speicher_bytes() as f64 / 1e6);
    println!(
        "Speicher: Stellenindex {ms_stellen:.0} MB + Profilindex {ms_profile:.0} MB = {:.0} MB (Ziel bei scale 1: ≤ 2000 MB) | Aufbau {:.2} s + {:.2} s",
        ms_stellen + ms_profile,
        aufbau_stellen.as_secs_f64(),
        aufbau_profile.as_secs_f64()
    );

    // The peers' z band for B2 uses the largest finite radius of any profile (the engine keeps
    // one band per radius run).
    let max_radius = profile.iter().map(|p| umkreis_km(p.umkreis)).filter(|r| r.is_finite()).fold(0.0f32, f32::max);
    let t = Instant::now();
    let tantivy_stellen = TantivyStellen::aufbauen(&daten, &stellen)?;
    let aufbau_tantivy = t.elapsed();
    let tantivy_profile = TantivyProfile::aufbauen(&daten, &profile, max_radius)?;
    println!(
        "tantivy: Stellen {:.2} s, Profile (für B2) {:.2} s",
        aufbau_tantivy.as_secs_f64(),
        t.elapsed().as_secs_f64() - aufbau_tantivy.as_secs_f64()
    );

    let mut pg = match &o.database {
        Some(url) => Some(Pg::laden(url, &stellen, &profile, max_radius)?),
        None => None,
    };

    // B1: Zipf-drawn profiles (the generator draws occupations by Zipf) → top 20 postings.
    let schritt = (profile.len() / o.anfragen.max(1)).max(1);
    let b1_anfragen: Vec<&Bewerberprofil> = profile.iter().step_by(schritt).take(o.anfragen).collect();
    let (mut zeiten, b1_ergebnisse) = messen(&b1_anfragen, |p| Ok(ids(&stellenindex.suchen(p, st, K_B1))))?;
    let b1_p50 = quantil(&mut zeiten, 0.5);
    let b1_p99 = quantil(&mut zeiten, 0.99);
    let n_orakel = 400.min(b1_anfragen.len());
    let orakel_b1: Vec<Vec<u64>> =
        parallel(&b1_anfragen[..n_orakel], 2, |p| ids(&orakel::stellen_fuer(p, &stellen, st, K_B1)));
    let b1_recall = recall(&paare(&b1_ergebnisse, &orakel_b1));

    let n_tantivy = 2000.min(b1_anfragen.len());
    let (mut tz, antworten) = messen(&b1_anfragen[..n_tantivy], |p| tantivy_stellen.suchen(&daten, p, st, K_B1))?;
    let t_p50 = quantil(&mut tz, 0.5);
    let mut zeile =
        format!("B1 p50 {b1_p50:.3} ms p99 {b1_p99:.2} ms | tantivy p50 {t_p50:.2} ms ({:.1}x)", t_p50 / b1_p50);
    let mut peers = format!("tantivy {} (n={n_tantivy})", prozent(recall(&paare(&antworten, &orakel_b1))));
    if let Some(pg) = pg.as_mut() {
        let n_pg = 200.min(b1_anfragen.len());
        let (mut pz, antworten) = messen(&b1_anfragen[..n_pg], |p| pg.b1(&daten, p, st))?;
        let p50 = quantil(&mut pz, 0.5);
        zeile.push_str(&format!(" | postgres p50 {p50:.2} ms ({:.0}x)", p50 / b1_p50));
        peers.push_str(&format!(", postgres {} (n={n_pg})", prozent(recall(&paare(&antworten, &orakel_b1)))));
    }
    println!(
        "{zeile} | recall@20 {} | {} Anfragen, Orakel n={n_orakel}; Peers gegen Orakel: {peers}",
        prozent(b1_recall),
        b1_anfragen.len()
    );

    // B2: open postings → top 50 profiles.
    let offene: Vec<&Stellenangebot> = stellen.iter().filter(|s| s.offen(st)).collect();
    let schritt = (offene.len() / o.anfragen.max(1)).max(1);
    let b2_anfragen: Vec<&Stellenangebot> = offene.iter().step_by(schritt).take(o.anfragen).copied().collect();
    let (mut zeiten, b2_ergebnisse) = messen(&b2_anfragen, |s| Ok(ids(&profilindex.suchen(s, st, K_B2))))?;
    let b2_p50 = quantil(&mut zeiten, 0.5);
    let b2_p99 = quantil(&mut zeiten, 0.99);
    let n_orakel = 100.min(b2_anfragen.len());
    let orakel_b2: Vec<Vec<u64>> =
        parallel(&b2_anfragen[..n_orakel], 2, |s| ids(&orakel::profile_fuer(s, &profile, st, K_B2)));
    let b2_recall = recall(&paare(&b2_ergebnisse, &orakel_b2));
    let n_tantivy = 1000.min(b2_anfragen.len());
    let (mut tz, antworten) = messen(&b2_anfragen[..n_tantivy], |s| tantivy_profile.suchen(&daten, s, st, K_B2))?;
    let t_p50 = quantil(&mut tz, 0.5);
    let mut zeile =
        format!("B2 p50 {b2_p50:.3} ms p99 {b2_p99:.2} ms | tantivy p50 {t_p50:.2} ms ({:.1}x)", t_p50 / b2_p50);
    let mut peers = format!("tantivy {} (n={n_tantivy})", prozent(recall(&paare(&antworten, &orakel_b2))));
    if let Some(pg) = pg.as_mut() {
        let n_pg = 100.min(b2_anfragen.len());
        let (mut pz, antworten) = messen(&b2_anfragen[..n_pg], |s| pg.b2(&daten, s, st))?;
        let p50 = quantil(&mut pz, 0.5);
        zeile.push_str(&format!(" | postgres p50 {p50:.2} ms ({:.0}x)", p50 / b2_p50));
        peers.push_str(&format!(", postgres {} (n={n_pg})", prozent(recall(&paare(&antworten, &orakel_b2)))));
    }
    // Nightly run: every matchingfähige profile against all postings (B1 per profile), 2 threads.
    let stichprobe: Vec<&Bewerberprofil> = profile.iter().step_by((profile.len() / 4000).max(1)).take(4000).collect();
    let t = Instant::now();
    let treffer: usize = parallel(&stichprobe, 2, |p| stellenindex.suchen(p, st, K_B1).len()).iter().sum();
    let je_profil = t.elapsed().as_secs_f64() / stichprobe.len().max(1) as f64;
    let nacht_min = je_profil * profile.len() as f64 / 60.0;
    println!(
        "{zeile} | recall@50 {} | Nachtlauf {} Profile geschätzt {nacht_min:.1} min auf 2 Threads (Ziel ≤ 60 min; Stichprobe {}, Ø {:.1} Treffer) | {} Anfragen, Orakel n={n_orakel}; Peers gegen Orakel: {peers}",
        prozent(b2_recall),
        profile.len(),
        stichprobe.len(),
        treffer as f64 / stichprobe.len().max(1) as f64,
        b2_anfragen.len()
    );

    // B5: build against tantivy; then 50 updates/s while B1 runs again.
    let aktualisiert = b5_updates(&daten, &last, &stellenindex, &b1_anfragen)?;
    println!(
        "B5 Aufbau {} Stellen {:.2} s | tantivy {:.2} s ({:.1}x) | {} | B1 p99 {b1_p99:.2} → {:.2} ms ({:+.0}%), p50 {b1_p50:.3} → {:.3} ms",
        stellen.len(),
        aufbau_stellen.as_secs_f64(),
        aufbau_tantivy.as_secs_f64(),
        aufbau_tantivy.as_secs_f64() / aufbau_stellen.as_secs_f64(),
        aktualisiert.zeile,
        aktualisiert.p99,
        (aktualisiert.p99 / b1_p99 - 1.0) * 100.0,
        aktualisiert.p50,
    );

    if let Some(pg) = pg {
        pg.aufraeumen()?;
    }
    Ok(if b1_recall >= 1.0 && b2_recall >= 1.0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// B0: sequential read bandwidth (1 and 2 threads) and fsync latency of a temp file.
fn b0() -> Result<String, String> {
    use std::io::Write;
    let n = 64usize << 20; // 512 MiB of u64
    let v: Vec<u64> = (0..n as u64).collect();
    let summe = |s: &[u64]| s.iter().fold(0u64, |a, b| a.wrapping_add(*b));
    let mut best1 = f64::MAX;
    let mut best2 = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        std::hint::black_box(summe(&v));
        best1 = best1.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let teile: Vec<u64> = parallel(&[&v[..n / 2], &v[n / 2..]], 2, |s| summe(s));
        std::hint::black_box(teile);
        best2 = best2.min(t.elapsed().as_secs_f64());
    }
    let bytes = (n * 8) as f64;
    drop(v);
    let pfad = std::env::temp_dir().join(format!("vierphasen-b0-{}.tmp", std::process::id()));
    let mut datei = std::fs::File::create(&pfad).map_err(|e| format!("{}: {e}", pfad.display()))?;
    let block = [7u8; 4096];
    let mut fsync = Vec::new();
    for _ in 0..100 {
        let t = Instant::now();
        datei.write_all(&block).map_err(|e| e.to_string())?;
        datei.sync_data().map_err(|e| e.to_string())?;
        fsync.push(ms(t.elapsed()));
    }
    let _ = std::fs::remove_file(&pfad);
    let p50 = quantil(&mut fsync, 0.5);
    let last = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let last = last.split_whitespace().next().unwrap_or("?");
    Ok(format!(
        "B0 Speicherbandbreite {:.1} GB/s (1 Thread), {:.1} GB/s (2 Threads) | fsync 4 KiB p50 {p50:.2} ms ({:.0}/s) | Last (loadavg 1 min) {last} auf {} Kernen",
        bytes / best1 / 1e9,
        bytes / best2 / 1e9,
        1e3 / p50,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    ))
}

struct B5Ergebnis {
    zeile: String,
    p50: f64,
    p99: f64,
}

/// 50 updates/s (changed postings, as an import would send them) on a second thread while B1
/// runs; each update is searchable when `einfuegen` returns — measured by searching for it.
fn b5_updates(
    daten: &Arc<Stammdaten>,
    last: &Lastprofil,
    index: &Stellenindex,
    anfragen: &[&Bewerberprofil],
) -> Result<B5Ergebnis, String> {
    let st = last.stichtag;
    let fertig = AtomicBool::new(false);
    let n = last.stellen() as u64;
    let (zeiten, sichtbar, nicht_gefunden) = std::thread::scope(|s| {
        let schreiber = s.spawn(|| {
            let mut z = Zufall::neu(last.seed, 0x5B5);
            let mut sichtbar = Vec::new();
            let mut nicht_gefunden = 0usize;
            let mut runde = 0u64;
            let start = Instant::now();
            while !fertig.load(Ordering::Relaxed) {
                // Paced at 50/s.
                let soll = start + Duration::from_millis(20 * runde);
                if let Some(warten) = soll.checked_duration_since(Instant::now()) {
                    std::thread::sleep(warten);
                }
                runde += 1;
                let neu = erzeugen::aenderung(daten, last, 1 + z.bis(n), runde);
                let t = Instant::now();
                if index.einfuegen(&neu).is_err() {
                    nicht_gefunden += 1;
                    continue;
                }
                // Search as a job seeker next door would.
                let mut p = Bewerberprofil {
                    id: 0,
                    zielberuf: neu.beruf,
                    alternativberufe: Vec::new(),
                    faehigkeiten: neu.faehigkeiten.clone(),
                    arbeitszeit: neu.arbeitszeit,
                    verfuegbar_ab: st,
                    ort: neu.ort,
                    umkreis: Umkreis::Km(1),
                    bewerbung_entgegen: false,
                };
                if neu.ort.ausland {
                    p.umkreis = Umkreis::InlandUndAusland;
                }
                let gefunden = index.suchen(&p, st, 1000).iter().any(|t| t.id == neu.id);
                sichtbar.push(ms(t.elapsed()));
                nicht_gefunden += usize::from(!gefunden);
            }
            (sichtbar, nicht_gefunden)
        });
        let mut zeiten = Vec::with_capacity(anfragen.len());
        let start = Instant::now();
        // At least 5 s of load, so that a few hundred updates land during the queries.
        while zeiten.len() < anfragen.len() || start.elapsed() < Duration::from_secs(5) {
            let p = anfragen[zeiten.len() % anfragen.len()];
            let t = Instant::now();
            std::hint::black_box(index.suchen(p, st, K_B1));
            zeiten.push(ms(t.elapsed()));
        }
        fertig.store(true, Ordering::Relaxed);
        let (sichtbar, nicht_gefunden) = schreiber.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        (zeiten, sichtbar, nicht_gefunden)
    });
    let mut zeiten = zeiten;
    let mut sichtbar = sichtbar;
    let anzahl = sichtbar.len();
    let max = sichtbar.iter().copied().fold(0.0, f64::max);
    let zeile = format!(
        "{anzahl} Änderungen bei 50/s: suchbar nach p50 {:.2} ms, max {max:.1} ms (Ziel ≤ 1000 ms){}",
        quantil(&mut sichtbar, 0.5),
        if nicht_gefunden > 0 { format!(", {nicht_gefunden} NICHT gefunden") } else { String::new() }
    );
    Ok(B5Ergebnis { zeile, p50: quantil(&mut zeiten, 0.5), p99: quantil(&mut zeiten, 0.99) })
}

// ---------------------------------------------------------------------------------------------
// tantivy: the same rows as documents with fast fields; the occupation set and the date/band
// filters as queries; the ranking in a collector that computes the same points.

/// The best k (points, id) in ranking order.
#[derive(Debug, Default)]
struct Beste {
    k: usize,
    v: Vec<(u32, u64)>,
}

impl Beste {
    fn rein(&mut self, punkte: u32, id: u64) {
        if self.v.len() >= self.k && self.v.last().is_some_and(|l| !vor((punkte, id), *l)) {
            return;
        }
        let i = self.v.partition_point(|x| vor(*x, (punkte, id)));
        self.v.insert(i, (punkte, id));
        self.v.truncate(self.k);
    }
    fn koennte(&self, punkte: u32) -> bool {
        self.v.len() < self.k || self.v.last().is_some_and(|l| punkte >= l.0)
    }
}

fn tantivy_fehler(e: tantivy::TantivyError) -> String {
    format!("tantivy: {e}")
}

fn neuer_writer(index: &Index) -> Result<IndexWriter, String> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    index.writer_with_num_threads(threads, threads * 200_000_000).map_err(tantivy_fehler)
}

/// Commit, then merge into one segment (so queries see the best case of tantivy).
fn abschliessen(index: &Index, mut writer: IndexWriter) -> Result<IndexReader, String> {
    writer.commit().map_err(tantivy_fehler)?;
    let segmente = index.searchable_segment_ids().map_err(tantivy_fehler)?;
    if segmente.len() > 1 {
        writer.merge(&segmente).wait().map_err(tantivy_fehler)?;
    }
    writer.wait_merging_threads().map_err(tantivy_fehler)?;
    let reader = index.reader().map_err(tantivy_fehler)?;
    reader.reload().map_err(tantivy_fehler)?;
    Ok(reader)
}

fn term_u64(f: Field, v: u64) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_u64(f, v), IndexRecordOption::Basic))
}

struct TantivyStellen {
    reader: IndexReader,
    beruf: Field,
    z: Field,
    veroeff: Field,
    ablauf: Field,
}

impl TantivyStellen {
    fn aufbauen(daten: &Stammdaten, stellen: &[Stellenangebot]) -> Result<TantivyStellen, String> {
        let mut sb = Schema::builder();
        let beruf = sb.add_u64_field("beruf", INDEXED | FAST);
        let id = sb.add_u64_field("id", FAST);
        let x = sb.add_f64_field("x", FAST);
        let y = sb.add_f64_field("y", FAST);
        let z = sb.add_f64_field("z", FAST);
        let flags = sb.add_u64_field("flags", FAST);
        let eintritt = sb.add_u64_field("eintritt", FAST);
        let veroeff = sb.add_u64_field("veroeff", FAST);
        let ablauf = sb.add_u64_field("ablauf", FAST);
        let faeh = sb.add_u64_field("faeh", FAST);
        let index = Index::create_in_ram(sb.build());
        let writer = neuer_writer(&index)?;
        for s in stellen {
            let mut d = TantivyDocument::new();
            let xyz = einheitsvektor(s.ort);
            d.add_u64(beruf, u64::from(daten.berufe.index(s.beruf).unwrap_or(u16::MAX)));
            d.add_u64(id, s.id);
            d.add_f64(x, f64::from(xyz[0]));
            d.add_f64(y, f64::from(xyz[1]));
            d.add_f64(z, f64::from(xyz[2]));
            d.add_u64(flags, u64::from(s.arbeitszeit.0) | if s.ort.ausland { AUSLAND_BIT } else { 0 });
            d.add_u64(eintritt, u64::from(s.eintritt.0));
            d.add_u64(veroeff, u64::from(s.veroeffentlicht.0));
            d.add_u64(ablauf, u64::from(s.ablauf.0));
            for f in &s.faehigkeiten {
                d.add_u64(faeh, u64::from(f.0));
            }
            writer.add_document(d).map_err(tantivy_fehler)?;
        }
        let reader = abschliessen(&index, writer)?;
        Ok(TantivyStellen { reader, beruf, z, veroeff, ablauf })
    }

    fn suchen(&self, daten: &Stammdaten, p: &Bewerberprofil, st: Tag, k: usize) -> Result<Vec<u64>, String> {
        let plan = berufsplan(&daten.berufe, p);
        let mut stufen = vec![0u32; daten.berufe.anzahl()];
        for (ci, bz) in &plan {
            stufen[usize::from(*ci)] = bz.punkte();
        }
        let berufe: Vec<(Occur, Box<dyn Query>)> =
            plan.iter().map(|(ci, _)| (Occur::Should, term_u64(self.beruf, u64::from(*ci)))).collect();
        let xyz = einheitsvektor(p.ort);
        let radius = umkreis_km(p.umkreis);
        let mut teile: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, Box::new(BooleanQuery::new(berufe))),
            (
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_u64(self.ablauf, u64::from(st.0))),
                    Bound::Unbounded,
                )),
            ),
            (
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Unbounded,
                    Bound::Included(Term::from_field_u64(self.veroeff, u64::from(st.0))),
                )),
            ),
        ];
        if radius.is_finite() {
            let band = f64::from(radius / ERDRADIUS_KM + 1e-4);
            teile.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_f64(self.z, f64::from(xyz[2]) - band)),
                    Bound::Included(Term::from_field_f64(self.z, f64::from(xyz[2]) + band)),
                )),
            ));
        }
        let mut faehigkeiten: Vec<u64> = p.faehigkeiten.iter().map(|f| u64::from(f.0)).collect();
        faehigkeiten.sort_unstable();
        let sammler = StellenSammler {
            k,
            stufen: Arc::new(stufen),
            xyz,
            umkreis: p.umkreis,
            radius,
            arbeitszeit: p.arbeitszeit.0,
            verfuegbar: p.verfuegbar_ab.0,
            st: st.0,
            faehigkeiten: Arc::new(faehigkeiten),
        };
        let r = self.reader.searcher().search(&BooleanQuery::new(teile), &sammler).map_err(tantivy_fehler)?;
        Ok(r.into_iter().map(|(_, id)| id).collect())
    }
}

struct StellenSammler {
    k: usize,
    stufen: Arc<Vec<u32>>,
    xyz: [f32; 3],
    umkreis: Umkreis,
    radius: f32,
    arbeitszeit: u8,
    verfuegbar: u16,
    st: u16,
    faehigkeiten: Arc<Vec<u64>>,
}

struct StellenSegment {
    k: Beste,
    q: StellenSammlerDaten,
    beruf: Column<u64>,
    id: Column<u64>,
    x: Column<f64>,
    y: Column<f64>,
    z: Column<f64>,
    flags: Column<u64>,
    eintritt: Column<u64>,
    veroeff: Column<u64>,
    faeh: Column<u64>,
}

struct StellenSammlerDaten {
    stufen: Arc<Vec<u32>>,
    xyz: [f32; 3],
    umkreis: Umkreis,
    radius: f32,
    arbeitszeit: u8,
    verfuegbar: u16,
    st: u16,
    faehigkeiten: Arc<Vec<u64>>,
}

impl Collector for StellenSammler {
    type Fruit = Vec<(u32, u64)>;
    type Child = StellenSegment;

    fn for_segment(&self, _: u32, r: &SegmentReader) -> tantivy::Result<StellenSegment> {
        let ff = r.fast_fields();
        Ok(StellenSegment {
            k: Beste { k: self.k, v: Vec::new() },
            q: StellenSammlerDaten {
                stufen: self.stufen.clone(),
                xyz: self.xyz,
                umkreis: self.umkreis,
                radius: self.radius,
                arbeitszeit: self.arbeitszeit,
                verfuegbar: self.verfuegbar,
                st: self.st,
                faehigkeiten: self.faehigkeiten.clone(),
            },
            beruf: ff.u64("beruf")?,
            id: ff.u64("id")?,
            x: ff.f64("x")?,
            y: ff.f64("y")?,
            z: ff.f64("z")?,
            flags: ff.u64("flags")?,
            eintritt: ff.u64("eintritt")?,
            veroeff: ff.u64("veroeff")?,
            faeh: ff.u64("faeh")?,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, teile: Vec<Vec<(u32, u64)>>) -> tantivy::Result<Vec<(u32, u64)>> {
        Ok(beste_aus(self.k, teile))
    }
}

/// The best `k` of the segments' results (both collectors).
fn beste_aus(k: usize, teile: Vec<Vec<(u32, u64)>>) -> Vec<(u32, u64)> {
    let mut b = Beste { k, v: Vec::new() };
    for (p, id) in teile.into_iter().flatten() {
        b.rein(p, id);
    }
    b.v
}

impl SegmentCollector for StellenSegment {
    type Fruit = Vec<(u32, u64)>;

    fn collect(&mut self, doc: u32, _: f32) {
        let q = &self.q;
        let beruf = self.beruf.first(doc).unwrap_or(0) as usize;
        let stufe = q.stufen.get(beruf).copied().unwrap_or(0);
        let xyz = [
            self.x.first(doc).unwrap_or(0.0) as f32,
            self.y.first(doc).unwrap_or(0.0) as f32,
            self.z.first(doc).unwrap_or(0.0) as f32,
        ];
        let flags = self.flags.first(doc).unwrap_or(0);
        let d = entfernung_km(xyz, q.xyz);
        if stufe == 0 || !im_umkreis(q.umkreis, d, flags & AUSLAND_BIT != 0) {
            return;
        }
        let veroeff = self.veroeff.first(doc).unwrap_or(0) as u16;
        let basis = stufe
            + entfernung_punkte(d, q.radius)
            + arbeitszeit_punkte(q.arbeitszeit, flags as u8)
            + eintritt_punkte(self.eintritt.first(doc).unwrap_or(0) as u16, q.verfuegbar, q.st)
            + aktualitaet_punkte(veroeff, q.st);
        if !self.k.koennte(basis + vierphasen_matching::gewichte::FAEHIGKEITEN) {
            return;
        }
        let (mut benoetigt, mut treffer) = (0u32, 0u32);
        for f in self.faeh.values_for_doc(doc) {
            benoetigt += 1;
            treffer += u32::from(q.faehigkeiten.binary_search(&f).is_ok());
        }
        let id = self.id.first(doc).unwrap_or(0);
        self.k.rein(basis + faehigkeiten_punkte(treffer, benoetigt), id);
    }

    fn harvest(self) -> Vec<(u32, u64)> {
        self.k.v
    }
}

struct TantivyProfile {
    reader: IndexReader,
    max_radius: f32,
    ziel: Field,
    alts: Field,
    z: Field,
    radius: Field,
}

impl TantivyProfile {
    fn aufbauen(daten: &Stammdaten, profile: &[Bewerberprofil], max_radius: f32) -> Result<TantivyProfile, String> {
        let mut sb = Schema::builder();
        let ziel = sb.add_u64_field("ziel", INDEXED | FAST);
        let alts = sb.add_u64_field("alts", INDEXED | FAST);
        let id = sb.add_u64_field("id", FAST);
        let x = sb.add_f64_field("x", FAST);
        let y = sb.add_f64_field("y", FAST);
        let z = sb.add_f64_field("z", FAST);
        let radius = sb.add_f64_field("radius", FAST);
        let flags = sb.add_u64_field("flags", FAST);
        let verf = sb.add_u64_field("verf", FAST);
        let faeh = sb.add_u64_field("faeh", FAST);
        let index = Index::create_in_ram(sb.build());
        let writer = neuer_writer(&index)?;
        for p in profile {
            let mut d = TantivyDocument::new();
            let xyz = einheitsvektor(p.ort);
            d.add_u64(ziel, u64::from(daten.berufe.index(p.zielberuf).unwrap_or(u16::MAX)));
            for a in &p.alternativberufe {
                d.add_u64(alts, u64::from(daten.berufe.index(*a).unwrap_or(u16::MAX)));
            }
            d.add_u64(id, p.id);
            d.add_f64(x, f64::from(xyz[0]));
            d.add_f64(y, f64::from(xyz[1]));
            d.add_f64(z, f64::from(xyz[2]));
            // Without a radius: a large finite number (fast fields and range queries need order).
            let r = umkreis_km(p.umkreis);
            d.add_f64(radius, if r.is_finite() { f64::from(r) } else { 1e9 });
            let ausland = if p.umkreis == Umkreis::InlandUndAusland { AUSLAND_BIT } else { 0 };
            d.add_u64(flags, u64::from(p.arbeitszeit.0) | ausland);
            d.add_u64(verf, u64::from(p.verfuegbar_ab.0));
            for f in &p.faehigkeiten {
                d.add_u64(faeh, u64::from(f.0));
            }
            writer.add_document(d).map_err(tantivy_fehler)?;
        }
        let reader = abschliessen(&index, writer)?;
        Ok(TantivyProfile { reader, max_radius, ziel, alts, z, radius })
    }

    fn suchen(&self, daten: &Stammdaten, s: &Stellenangebot, st: Tag, k: usize) -> Result<Vec<u64>, String> {
        let b = &daten.berufe;
        let Some(ci) = b.index(s.beruf) else { return Ok(Vec::new()) };
        let mut berufe: Vec<(Occur, Box<dyn Query>)> =
            b.gruppe3(ci).map(|j| (Occur::Should, term_u64(self.ziel, u64::from(j)))).collect();
        berufe.push((Occur::Should, term_u64(self.alts, u64::from(ci))));
        let xyz = einheitsvektor(s.ort);
        // Profiles with a radius in the z band of the largest radius, or without a radius.
        let band = f64::from(self.max_radius / ERDRADIUS_KM + 1e-4);
        let ort: Vec<(Occur, Box<dyn Query>)> = vec![
            (
                Occur::Should,
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_f64(self.z, f64::from(xyz[2]) - band)),
                    Bound::Included(Term::from_field_f64(self.z, f64::from(xyz[2]) + band)),
                )),
            ),
            (
                Occur::Should,
                Box::new(RangeQuery::new(Bound::Included(Term::from_field_f64(self.radius, 1e8)), Bound::Unbounded)),
            ),
        ];
        let q = BooleanQuery::new(vec![
            (Occur::Must, Box::new(BooleanQuery::new(berufe)) as Box<dyn Query>),
            (Occur::Must, Box::new(BooleanQuery::new(ort))),
        ]);
        let mut f: Vec<u64> = s.faehigkeiten.iter().map(|f| u64::from(f.0)).collect();
        f.sort_unstable();
        f.dedup();
        let praefix4: Vec<bool> = (0..b.anzahl() as u16).map(|j| b.code(j).praefix(4) == s.beruf.praefix(4)).collect();
        let sammler = ProfilSammler {
            k,
            ci: u64::from(ci),
            praefix4: Arc::new(praefix4),
            xyz,
            ausland: s.ort.ausland,
            arbeitszeit: s.arbeitszeit.0,
            eintritt: s.eintritt.0,
            fest: aktualitaet_punkte(s.veroeffentlicht.0, st.0),
            faehigkeiten: Arc::new(f),
            st: st.0,
        };
        if !s.offen(st) {
            return Ok(Vec::new());
        }
        let r = self.reader.searcher().search(&q, &sammler).map_err(tantivy_fehler)?;
        Ok(r.into_iter().map(|(_, id)| id).collect())
    }
}

#[derive(Clone)]
struct ProfilSammler {
    k: usize,
    ci: u64,
    praefix4: Arc<Vec<bool>>,
    xyz: [f32; 3],
    ausland: bool,
    arbeitszeit: u8,
    eintritt: u16,
    fest: u32,
    faehigkeiten: Arc<Vec<u64>>,
    st: u16,
}

struct ProfilSegment {
    k: Beste,
    q: ProfilSammler,
    ziel: Column<u64>,
    alts: Column<u64>,
    id: Column<u64>,
    x: Column<f64>,
    y: Column<f64>,
    z: Column<f64>,
    radius: Column<f64>,
    flags: Column<u64>,
    verf: Column<u64>,
    faeh: Column<u64>,
}

impl Collector for ProfilSammler {
    type Fruit = Vec<(u32, u64)>;
    type Child = ProfilSegment;

    fn for_segment(&self, _: u32, r: &SegmentReader) -> tantivy::Result<ProfilSegment> {
        let ff = r.fast_fields();
        Ok(ProfilSegment {
            k: Beste { k: self.k, v: Vec::new() },
            q: self.clone(),
            ziel: ff.u64("ziel")?,
            alts: ff.u64("alts")?,
            id: ff.u64("id")?,
            x: ff.f64("x")?,
            y: ff.f64("y")?,
            z: ff.f64("z")?,
            radius: ff.f64("radius")?,
            flags: ff.u64("flags")?,
            verf: ff.u64("verf")?,
            faeh: ff.u64("faeh")?,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, teile: Vec<Vec<(u32, u64)>>) -> tantivy::Result<Vec<(u32, u64)>> {
        Ok(beste_aus(self.k, teile))
    }
}

impl SegmentCollector for ProfilSegment {
    type Fruit = Vec<(u32, u64)>;

    fn collect(&mut self, doc: u32, _: f32) {
        let q = &self.q;
        let ziel = self.ziel.first(doc).unwrap_or(u64::MAX);
        let stufe = if ziel == q.ci {
            vierphasen_matching::gewichte::BERUF_GLEICH
        } else if self.alts.values_for_doc(doc).any(|a| a == q.ci) {
            vierphasen_matching::gewichte::BERUF_ALTERNATIV
        } else if q.praefix4.get(ziel as usize).copied().unwrap_or(false) {
            vierphasen_matching::gewichte::BERUF_UNTERGRUPPE
        } else {
            vierphasen_matching::gewichte::BERUF_GRUPPE
        };
        let xyz = [
            self.x.first(doc).unwrap_or(0.0) as f32,
            self.y.first(doc).unwrap_or(0.0) as f32,
            self.z.first(doc).unwrap_or(0.0) as f32,
        ];
        let d = entfernung_km(xyz, q.xyz);
        let r = self.radius.first(doc).unwrap_or(0.0);
        let flags = self.flags.first(doc).unwrap_or(0);
        let umkreis = if r < 1e8 {
            Umkreis::Km(r as u16)
        } else if flags & AUSLAND_BIT != 0 {
            Umkreis::InlandUndAusland
        } else {
            Umkreis::Inland
        };
        if !im_umkreis(umkreis, d, q.ausland) {
            return;
        }
        let basis = stufe
            + q.fest
            + entfernung_punkte(d, umkreis_km(umkreis))
            + arbeitszeit_punkte(flags as u8, q.arbeitszeit)
            + eintritt_punkte(q.eintritt, self.verf.first(doc).unwrap_or(0) as u16, q.st);
        if !self.k.koennte(basis + vierphasen_matching::gewichte::FAEHIGKEITEN) {
            return;
        }
        let treffer = self.faeh.values_for_doc(doc).filter(|f| q.faehigkeiten.binary_search(f).is_ok()).count() as u32;
        let id = self.id.first(doc).unwrap_or(0);
        self.k.rein(basis + faehigkeiten_punkte(treffer, q.faehigkeiten.len() as u32), id);
    }

    fn harvest(self) -> Vec<(u32, u64)> {
        self.k.v
    }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: the same rows in two tables (COPY), a btree on (code, z) per side and a GIN index
// on the alternatives; the ranking as one SQL expression.

struct Pg {
    rt: tokio::runtime::Runtime,
    max_radius: f32,
    conn: sqlx::PgConnection,
}

const SCHEMA: &str = "vp_bench_matching";

const B1_SQL: &str = "SELECT s.id, (p.punkte
    + greatest(0, floor(150 * (1 - d.km / $9)))::int
    + CASE WHEN (s.flags & $10 & 31) <> 0 THEN 100 ELSE 0 END
    + CASE WHEN cardinality(s.faeh) = 0 THEN 200
           ELSE 200 * (SELECT count(*) FROM unnest(s.faeh) f WHERE f = ANY($11))::int / cardinality(s.faeh) END
    + 50 - least(60, greatest(0, $12 - greatest(s.eintritt, $13))) * 50 / 60
    + 100 - least(100, $13 - s.veroeff))::int AS punkte
  FROM unnest($1::int[], $2::int[]) AS p(beruf, punkte)
  JOIN stellen s ON s.beruf = p.beruf
  CROSS JOIN LATERAL (SELECT 6371 * sqrt((s.x - $3) * (s.x - $3) + (s.y - $4) * (s.y - $4) + (s.z - $5) * (s.z - $5)) AS km) d
  WHERE s.ablauf >= $13 AND s.veroeff <= $13 AND s.z BETWEEN $6 AND $7 AND d.km <= $8
    AND (s.flags & 128 = 0 OR $14)
  ORDER BY punkte DESC, s.id LIMIT 20";

const B2_SQL: &str = "SELECT p.id, (CASE WHEN p.ziel = $1 THEN 400 WHEN $1 = ANY(p.alts) THEN 300
             WHEN p.ziel = ANY($2) THEN 250 ELSE 150 END
    + greatest(0, floor(150 * (1 - d.km / CASE WHEN p.radius = 'Infinity' THEN 500 ELSE greatest(p.radius, 1) END)))::int
    + CASE WHEN (p.flags & $6 & 31) <> 0 THEN 100 ELSE 0 END
    + CASE WHEN $8 = 0 THEN 200
           ELSE 200 * (SELECT count(*) FROM unnest($7::int[]) f WHERE f = ANY(p.faeh))::int / $8 END
    + 50 - least(60, greatest(0, greatest(p.verf, $9) - $10)) * 50 / 60
    + $11)::int AS punkte
  FROM profile p
  CROSS JOIN LATERAL (SELECT 6371 * sqrt((p.x - $3) * (p.x - $3) + (p.y - $4) * (p.y - $4) + (p.z - $5) * (p.z - $5)) AS km) d
  WHERE (p.ziel = ANY($12) OR $1 = ANY(p.alts))
    AND (p.radius = 'Infinity' OR (p.z BETWEEN $13 AND $14 AND d.km <= p.radius))
    AND (NOT $15 OR (p.radius = 'Infinity' AND p.flags & 128 <> 0))
  ORDER BY punkte DESC, p.id LIMIT 50";

fn pg_fehler(e: sqlx::Error) -> String {
    format!("PostgreSQL: {e}")
}

fn feld(v: &[String]) -> String {
    format!("{{{}}}", v.join(","))
}

impl Pg {
    fn laden(url: &str, stellen: &[Stellenangebot], profile: &[Bewerberprofil], max_radius: f32) -> Result<Pg, String> {
        use sqlx::Connection;
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
        let daten = Stammdaten::eingebaut().map_err(|e| e.to_string())?;
        let t = Instant::now();
        let conn = rt.block_on(async {
            let mut c = sqlx::PgConnection::connect(url).await.map_err(pg_fehler)?;
            let ddl = format!(
                "DROP SCHEMA IF EXISTS {SCHEMA} CASCADE; CREATE SCHEMA {SCHEMA}; SET search_path = {SCHEMA};
                 CREATE UNLOGGED TABLE stellen (id bigint, beruf int, x real, y real, z real, flags int,
                   eintritt int, veroeff int, ablauf int, faeh int[]);
                 CREATE UNLOGGED TABLE profile (id bigint, ziel int, alts int[], x real, y real, z real,
                   radius real, flags int, verf int, faeh int[]);"
            );
            sqlx::raw_sql(sqlx::AssertSqlSafe(ddl)).execute(&mut c).await.map_err(pg_fehler)?;
            let mut puffer = String::with_capacity(8 << 20);
            let mut copy = c.copy_in_raw("COPY stellen FROM STDIN").await.map_err(pg_fehler)?;
            for s in stellen {
                let xyz = einheitsvektor(s.ort);
                let f: Vec<String> = s.faehigkeiten.iter().map(|f| f.0.to_string()).collect();
                let flags = u64::from(s.arbeitszeit.0) | if s.ort.ausland { AUSLAND_BIT } else { 0 };
                puffer.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\t{flags}\t{}\t{}\t{}\t{}\n",
                    s.id,
                    daten.berufe.index(s.beruf).unwrap_or(u16::MAX),
                    xyz[0],
                    xyz[1],
                    xyz[2],
                    s.eintritt.0,
                    s.veroeffentlicht.0,
                    s.ablauf.0,
                    feld(&f)
                ));
                if puffer.len() > 4 << 20 {
                    copy.send(std::mem::take(&mut puffer).into_bytes()).await.map_err(pg_fehler)?;
                }
            }
            copy.send(std::mem::take(&mut puffer).into_bytes()).await.map_err(pg_fehler)?;
            copy.finish().await.map_err(pg_fehler)?;
            let mut copy = c.copy_in_raw("COPY profile FROM STDIN").await.map_err(pg_fehler)?;
            for p in profile {
                let xyz = einheitsvektor(p.ort);
                let f: Vec<String> = p.faehigkeiten.iter().map(|f| f.0.to_string()).collect();
                let a: Vec<String> =
                    p.alternativberufe.iter().map(|a| daten.berufe.index(*a).unwrap_or(u16::MAX).to_string()).collect();
                let r = umkreis_km(p.umkreis);
                let radius = if r.is_finite() { r.to_string() } else { "Infinity".to_string() };
                let ausland = if p.umkreis == Umkreis::InlandUndAusland { AUSLAND_BIT } else { 0 };
                puffer.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{radius}\t{}\t{}\t{}\n",
                    p.id,
                    daten.berufe.index(p.zielberuf).unwrap_or(u16::MAX),
                    feld(&a),
                    xyz[0],
                    xyz[1],
                    xyz[2],
                    u64::from(p.arbeitszeit.0) | ausland,
                    p.verfuegbar_ab.0,
                    feld(&f)
                ));
                if puffer.len() > 4 << 20 {
                    copy.send(std::mem::take(&mut puffer).into_bytes()).await.map_err(pg_fehler)?;
                }
            }
            copy.send(std::mem::take(&mut puffer).into_bytes()).await.map_err(pg_fehler)?;
            copy.finish().await.map_err(pg_fehler)?;
            sqlx::raw_sql(
                "CREATE INDEX ON stellen (beruf, z); CREATE INDEX ON profile (ziel, z);
                 CREATE INDEX ON profile USING gin (alts); ANALYZE stellen; ANALYZE profile;",
            )
            .execute(&mut c)
            .await
            .map_err(pg_fehler)?;
            Ok::<_, String>(c)
        })?;
        println!("postgres: geladen (COPY, Indizes, ANALYZE) in {:.1} s", t.elapsed().as_secs_f64());
        Ok(Pg { rt, max_radius, conn })
    }

    fn b1(&mut self, daten: &Stammdaten, p: &Bewerberprofil, st: Tag) -> Result<Vec<u64>, String> {
        let plan = berufsplan(&daten.berufe, p);
        let codes: Vec<i32> = plan.iter().map(|(c, _)| i32::from(*c)).collect();
        let punkte: Vec<i32> = plan.iter().map(|(_, b)| b.punkte() as i32).collect();
        let xyz = einheitsvektor(p.ort);
        let radius = umkreis_km(p.umkreis);
        let (zlo, zhi) = if radius.is_finite() {
            let band = radius / ERDRADIUS_KM + 1e-4;
            (xyz[2] - band, xyz[2] + band)
        } else {
            (-2.0, 2.0)
        };
        let skala = if radius.is_finite() { radius.max(1.0) } else { 500.0 };
        let f: Vec<i32> = p.faehigkeiten.iter().map(|f| f.0 as i32).collect();
        let conn = &mut self.conn;
        let zeilen: Vec<(i64, i32)> = self
            .rt
            .block_on(
                sqlx::query_as(B1_SQL)
                    .bind(codes)
                    .bind(punkte)
                    .bind(xyz[0])
                    .bind(xyz[1])
                    .bind(xyz[2])
                    .bind(zlo)
                    .bind(zhi)
                    .bind(f64::from(radius))
                    .bind(f64::from(skala))
                    .bind(i32::from(p.arbeitszeit.0))
                    .bind(f)
                    .bind(i32::from(p.verfuegbar_ab.0.max(st.0)))
                    .bind(i32::from(st.0))
                    .bind(p.umkreis == Umkreis::InlandUndAusland)
                    .fetch_all(conn),
            )
            .map_err(pg_fehler)?;
        Ok(zeilen.into_iter().map(|(id, _)| id as u64).collect())
    }

    fn b2(&mut self, daten: &Stammdaten, s: &Stellenangebot, st: Tag) -> Result<Vec<u64>, String> {
        let b = &daten.berufe;
        let Some(ci) = b.index(s.beruf) else { return Ok(Vec::new()) };
        if !s.offen(st) {
            return Ok(Vec::new());
        }
        let gruppe: Vec<i32> = b.gruppe3(ci).map(i32::from).collect();
        let untergruppe: Vec<i32> =
            b.gruppe3(ci).filter(|j| b.code(*j).praefix(4) == s.beruf.praefix(4)).map(i32::from).collect();
        let xyz = einheitsvektor(s.ort);
        let band = self.max_radius / ERDRADIUS_KM + 1e-4;
        let mut f: Vec<i32> = s.faehigkeiten.iter().map(|f| f.0 as i32).collect();
        f.sort_unstable();
        f.dedup();
        let n = f.len() as i32;
        let conn = &mut self.conn;
        let zeilen: Vec<(i64, i32)> = self
            .rt
            .block_on(
                sqlx::query_as(B2_SQL)
                    .bind(i32::from(ci))
                    .bind(untergruppe)
                    .bind(xyz[0])
                    .bind(xyz[1])
                    .bind(xyz[2])
                    .bind(i32::from(s.arbeitszeit.0))
                    .bind(f)
                    .bind(n)
                    .bind(i32::from(st.0))
                    .bind(i32::from(s.eintritt.0.max(st.0)))
                    .bind(aktualitaet_punkte(s.veroeffentlicht.0, st.0) as i32)
                    .bind(gruppe)
                    .bind(xyz[2] - band)
                    .bind(xyz[2] + band)
                    .bind(s.ort.ausland)
                    .fetch_all(conn),
            )
            .map_err(pg_fehler)?;
        Ok(zeilen.into_iter().map(|(id, _)| id as u64).collect())
    }

    fn aufraeumen(mut self) -> Result<(), String> {
        let conn = &mut self.conn;
        self.rt
            .block_on(sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP SCHEMA {SCHEMA} CASCADE"))).execute(conn))
            .map_err(pg_fehler)?;
        Ok(())
    }
}
