//! The load of B3: logging in the demo VFKs, learning their caseloads, and the client tasks that
//! run the seeded request mix, with per-request latencies (send → body read completely).

use crate::zufall::Zufall;
use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::header::{CONTENT_TYPE, COOKIE, SET_COOKIE};
use hyper::{Method, Request, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};

type Klient = Client<HttpConnector, Full<Bytes>>;

/// Logins per client address: the server allows 30 attempts per address and minute.
const ANMELDUNGEN_JE_ADRESSE: usize = 25;
/// Distinct error bodies printed.
const BEISPIELE: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Art {
    Uebersicht,
    Vermerk,
    Strategie,
    Ev,
}

impl Art {
    pub const ALLE: [Art; 4] = [Art::Uebersicht, Art::Vermerk, Art::Strategie, Art::Ev];

    pub fn name(self) -> &'static str {
        match self {
            Art::Uebersicht => "Fallübersicht",
            Art::Vermerk => "Vermerk",
            Art::Strategie => "Strategie",
            Art::Ev => "EV",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

#[derive(Debug, Clone)]
pub struct Fall {
    pub id: i64,
    /// The open strategies (without `ergebnis`) whose end can move 3–6 months ahead.
    pub offene_strategien: Vec<Verschiebbar>,
    /// The open EV draft: the next EV request concludes it, the one after drafts anew.
    pub ev_entwurf: Option<i64>,
}

/// An open strategy and the ends the benchmark may give it.
#[derive(Debug, Clone, Copy)]
pub struct Verschiebbar {
    pub id: i64,
    /// Earliest new end.
    von: NaiveDate,
    /// Latest new end = `von` + `tage`.
    tage: u64,
}

/// Strategy i's new ends: 3–6 months after today (or after its start, when that is later), but
/// not past the start of a strategy of the case that starts later (S2: the Absolventenmanagement
/// follows the Qualifizierung), so every update is valid. `None` when no such end exists.
fn verschiebbar(id: i64, beginn: &[Option<NaiveDate>], i: usize, heute: NaiveDate) -> Option<Verschiebbar> {
    let b = beginn[i]?;
    let basis = b.max(heute);
    let von = basis.checked_add_days(Days::new(91))?;
    let mut bis = basis.checked_add_days(Days::new(183))?;
    if let Some(folgende) = beginn.iter().flatten().filter(|x| **x > b).min() {
        bis = bis.min(*folgende);
    }
    let tage = u64::try_from((bis - von).num_days()).ok()?;
    Some(Verschiebbar { id, von, tage })
}

/// One logged-in VFK and her caseload.
#[derive(Debug)]
pub struct Sitzung {
    pub login: String,
    pub cookie: String,
    pub faelle: Vec<Fall>,
}

#[derive(Debug, Clone)]
pub struct Auftrag {
    pub adresse: SocketAddr,
    pub heute: NaiveDate,
    pub aufwaermen: Duration,
    /// Measured duration; `None`: until `anfragen` measured requests.
    pub dauer: Option<Duration>,
    pub anfragen: Option<u64>,
    pub seed: u64,
}

pub(crate) struct Antwort {
    pub status: StatusCode,
    pub kopf: hyper::HeaderMap,
    pub koerper: Bytes,
}

/// The error with its causes (hyper's own text is only "client error (Connect)").
fn kette(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut quelle = e.source();
    while let Some(q) = quelle {
        text.push_str(": ");
        text.push_str(&q.to_string());
        quelle = q.source();
    }
    text
}

pub(crate) fn klient(lokal: Option<IpAddr>) -> Klient {
    let mut verbinder = HttpConnector::new();
    verbinder.set_nodelay(true);
    verbinder.set_local_address(lokal);
    Client::builder(TokioExecutor::new()).build(verbinder)
}

/// One request as the browser page sends it: session cookie, `Sec-Fetch-Site` (CSRF check), JSON.
pub(crate) async fn senden(
    k: &Klient,
    adresse: SocketAddr,
    methode: Method,
    pfad: &str,
    cookie: Option<&str>,
    koerper: Option<String>,
) -> Result<Antwort, String> {
    let mut req = Request::builder()
        .method(methode)
        .uri(format!("http://{adresse}{pfad}"))
        .header("sec-fetch-site", "same-origin");
    if let Some(c) = cookie {
        req = req.header(COOKIE, c);
    }
    if koerper.is_some() {
        req = req.header(CONTENT_TYPE, "application/json");
    }
    let req = req.body(Full::new(Bytes::from(koerper.unwrap_or_default()))).map_err(|e| kette(&e))?;
    let antwort = k.request(req).await.map_err(|e| kette(&e))?;
    let (teile, body) = antwort.into_parts();
    let koerper = body.collect().await.map_err(|e| kette(&e))?.to_bytes();
    Ok(Antwort { status: teile.status, kopf: teile.headers, koerper })
}

pub(crate) fn kurz(koerper: &[u8]) -> String {
    let text = String::from_utf8_lossy(koerper);
    let mut kurz: String = text.chars().take(300).collect();
    if kurz.len() < text.len() {
        kurz.push('…');
    }
    kurz
}

pub(crate) async fn json_holen(k: &Klient, adresse: SocketAddr, pfad: &str, cookie: &str) -> Result<Value, String> {
    let a = senden(k, adresse, Method::GET, pfad, Some(cookie), None).await?;
    if !a.status.is_success() {
        return Err(format!("GET {pfad}: {} {}", a.status, kurz(&a.koerper)));
    }
    serde_json::from_slice(&a.koerper).map_err(|e| format!("GET {pfad}: kein JSON: {e}"))
}

/// Logs one VFK in; returns the cookie to send (`name=value`).
pub(crate) async fn anmelden(k: &Klient, adresse: SocketAddr, login: &str, passwort: &str) -> Result<String, String> {
    let daten = json!({"login": login, "passwort": passwort}).to_string();
    let a = senden(k, adresse, Method::POST, "/api/v1/anmeldung", None, Some(daten)).await?;
    if !a.status.is_success() {
        return Err(format!("Anmeldung {login}: {} {}", a.status, kurz(&a.koerper)));
    }
    a.kopf
        .get(SET_COOKIE)
        .and_then(|c| c.to_str().ok())
        .and_then(|c| c.split(';').next())
        .map(str::to_string)
        .ok_or_else(|| format!("Anmeldung {login}: kein Set-Cookie"))
}

fn fehlt(v: &Value, feld: &str) -> bool {
    v.get(feld).is_none_or(Value::is_null)
}

/// Lists her caseload and opens each case once to learn its open strategies.
async fn faelle_lernen(
    adresse: SocketAddr,
    heute: NaiveDate,
    login: String,
    cookie: String,
) -> Result<Sitzung, String> {
    let k = klient(None);
    let liste = json_holen(&k, adresse, "/api/v1/kunden?meine=true", &cookie).await?;
    let ids: Vec<i64> = liste
        .as_array()
        .ok_or("GET /api/v1/kunden: keine Liste")?
        .iter()
        .filter_map(|z| z.get("id").and_then(Value::as_i64))
        .collect();
    let mut faelle = Vec::with_capacity(ids.len());
    for id in ids {
        let v = json_holen(&k, adresse, &format!("/api/v1/kunden/{id}?zweck=Beratung"), &cookie).await?;
        let leer = Vec::new();
        let sids = v.pointer("/ids/strategien").and_then(Value::as_array).unwrap_or(&leer);
        let wahl = v.pointer("/fallakte/strategien").and_then(Value::as_array).unwrap_or(&leer);
        let beginn: Vec<Option<NaiveDate>> = wahl
            .iter()
            .map(|w| {
                w.get("beginn").and_then(Value::as_str).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            })
            .collect();
        let offene_strategien = (0..sids.len().min(wahl.len()))
            .filter(|i| fehlt(&wahl[*i], "ergebnis"))
            .filter_map(|i| verschiebbar(sids[i].as_i64()?, &beginn, i, heute))
            .collect();
        let evids = v.pointer("/ids/eingliederungsvereinbarungen").and_then(Value::as_array).unwrap_or(&leer);
        let evs = v.pointer("/fallakte/eingliederungsvereinbarungen").and_then(Value::as_array).unwrap_or(&leer);
        let ev_entwurf = evids
            .iter()
            .zip(evs)
            .filter(|(_, e)| fehlt(e, "abgeschlossen_am") && fehlt(e, "ersetzt_am"))
            .find_map(|(evid, _)| evid.as_i64());
        faelle.push(Fall { id, offene_strategien, ev_entwurf });
    }
    Ok(Sitzung { login, cookie, faelle })
}

/// Logs every VFK in (one after the other: set-up, not measured), then learns all caseloads in
/// parallel. More than 25 logins come from further loopback addresses (127.0.0.2, …), as from
/// several workstations, so the per-address login limit (30 a minute) does not stop the set-up.
pub async fn vorbereiten(
    adresse: SocketAddr,
    heute: NaiveDate,
    vfk: &[String],
    passwort: &str,
) -> Result<Vec<Sitzung>, String> {
    let mut cookies = Vec::with_capacity(vfk.len());
    let mut k = klient(None);
    for (i, login) in vfk.iter().enumerate() {
        if vfk.len() > ANMELDUNGEN_JE_ADRESSE && i % ANMELDUNGEN_JE_ADRESSE == 0 {
            let gruppe = u8::try_from(2 + (i / ANMELDUNGEN_JE_ADRESSE) % 250).unwrap_or(2);
            k = klient(Some(IpAddr::V4(Ipv4Addr::new(127, 0, 0, gruppe))));
        }
        cookies.push((login.clone(), anmelden(&k, adresse, login, passwort).await?));
    }
    let aufgaben: Vec<_> =
        cookies.into_iter().map(|(login, cookie)| tokio::spawn(faelle_lernen(adresse, heute, login, cookie))).collect();
    let mut sitzungen = Vec::with_capacity(aufgaben.len());
    for a in aufgaben {
        let s = a.await.map_err(|e| e.to_string())??;
        if s.faelle.is_empty() {
            println!("Hinweis: {} hat keine Fälle und arbeitet nicht mit", s.login);
        } else {
            sitzungen.push(s);
        }
    }
    if sitzungen.is_empty() {
        return Err("Keine Vermittlungsfachkraft mit Fällen in den Demo-Daten".into());
    }
    Ok(sitzungen)
}

/// What one client task saw in the measured window.
#[derive(Debug, Default)]
struct Teil {
    latenzen: [Vec<u64>; 4],
    erfolgreich: [u64; 4],
    /// (kind, status; 0 = no HTTP answer) → count.
    fehler: BTreeMap<(Art, u16), u64>,
    beispiele: Vec<(Art, u16, String)>,
    aufwaermen: u64,
    umgeleitet: u64,
    ev_entwuerfe: u64,
    ev_abschluesse: u64,
    letztes_ende: Option<Instant>,
}

impl Teil {
    fn fehler(&mut self, art: Art, status: u16, text: String) {
        *self.fehler.entry((art, status)).or_default() += 1;
        if self.beispiele.len() < BEISPIELE
            && !self.beispiele.iter().any(|(a, s, t)| *a == art && *s == status && *t == text)
        {
            self.beispiele.push((art, status, text));
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Statistik {
    pub anzahl: u64,
    pub erfolgreich: u64,
    pub fehler: u64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

impl Statistik {
    /// Exact nearest-rank percentiles of all latencies (nanoseconds), sorted in place.
    fn aus(latenzen: &mut [u64], erfolgreich: u64) -> Statistik {
        latenzen.sort_unstable();
        let n = latenzen.len();
        let rang = |q: f64| -> f64 {
            if n == 0 {
                return 0.0;
            }
            let i = ((q * n as f64).ceil() as usize).clamp(1, n) - 1;
            latenzen[i] as f64 / 1e6
        };
        Statistik {
            anzahl: n as u64,
            erfolgreich,
            fehler: n as u64 - erfolgreich.min(n as u64),
            p50_ms: rang(0.50),
            p99_ms: rang(0.99),
            max_ms: rang(1.0),
        }
    }
}

#[derive(Debug)]
pub struct Messung {
    /// From the start of the measured window to the last measured answer.
    pub dauer: Duration,
    pub aufwaerm_anfragen: u64,
    /// Strategy draws on cases without an open strategy, done (and counted) as Fallübersicht.
    pub umgeleitet: u64,
    /// Successful EV requests: new drafts, and drafts concluded.
    pub ev_entwuerfe: u64,
    pub ev_abschluesse: u64,
    arten: [Statistik; 4],
    gesamt: Statistik,
    fehler: BTreeMap<(Art, u16), u64>,
    /// „Art Status: Körper“, the first distinct ones.
    pub beispiele: Vec<String>,
}

impl Messung {
    pub fn art(&self, a: Art) -> &Statistik {
        &self.arten[a.index()]
    }

    pub fn alle(&self) -> &Statistik {
        &self.gesamt
    }

    /// Successful requests: each committed a durable row (reads write the access log).
    pub fn erfolgreich(&self) -> u64 {
        self.gesamt.erfolgreich
    }

    pub fn fehler_gesamt(&self) -> u64 {
        self.gesamt.fehler
    }

    pub fn fehler_text(&self) -> String {
        let teile: Vec<String> = self
            .fehler
            .iter()
            .map(|((art, status), n)| format!("{} {}: {n}", art.name(), status_text(*status)))
            .collect();
        teile.join(", ")
    }
}

fn status_text(status: u16) -> String {
    if status == 0 { "Verbindung".to_string() } else { status.to_string() }
}

/// The shared clock of all client tasks.
#[derive(Debug, Clone, Copy)]
struct Fenster {
    beginn: Instant,
    ende: Option<Instant>,
}

/// The share of her caseload client task `nr` works on: the tasks of one VFK split her cases, so
/// no two tasks write the same case (a second EV draft would be refused, 409, by design).
fn anteil(nr: usize, verbindungen: usize, sitzungen: &[Sitzung]) -> (&Sitzung, Vec<Fall>) {
    let n = sitzungen.len();
    let s = &sitzungen[nr % n];
    let rang = nr / n;
    let tasks = verbindungen / n + usize::from(nr % n < verbindungen % n);
    let meine: Vec<Fall> = s.faelle.iter().skip(rang).step_by(tasks.max(1)).cloned().collect();
    if meine.is_empty() { (s, s.faelle.clone()) } else { (s, meine) }
}

fn tag(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

async fn client(
    nr: usize,
    verbindungen: usize,
    auftrag: Arc<Auftrag>,
    sitzungen: Arc<Vec<Sitzung>>,
    fenster: Fenster,
    rest: Option<Arc<AtomicU64>>,
) -> Teil {
    let k = klient(None);
    let (s, mut faelle) = anteil(nr, verbindungen, &sitzungen);
    let mut z = Zufall::strom(auftrag.seed, nr as u64);
    let heute = tag(auftrag.heute);
    let mut t = Teil::default();
    let mut laufende = 0u64;
    loop {
        let jetzt = Instant::now();
        if fenster.ende.is_some_and(|e| jetzt >= e) {
            break;
        }
        let gemessen = jetzt >= fenster.beginn;
        if gemessen
            && let Some(r) = &rest
            && r.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1)).is_err()
        {
            break;
        }
        laufende += 1;
        let f = z.bis(faelle.len() as u64) as usize;
        let fall = &faelle[f];
        let wurf = z.bis(100);
        let id = fall.id;
        let uebersicht = || (Art::Uebersicht, Method::GET, format!("/api/v1/kunden/{id}?zweck=Beratung"), None);
        let mut abschluss = false;
        let (art, methode, pfad, koerper) = if wurf < 60 {
            uebersicht()
        } else if wurf < 85 {
            let text = format!(
                "Telefonat: Rückfrage zu den Bewerbungsbemühungen, nächster Termin vereinbart ({nr}/{laufende})."
            );
            let koerper = json!({"datum": heute, "art": "sonstiges", "text": text});
            (Art::Vermerk, Method::POST, format!("/api/v1/kunden/{id}/vermerke"), Some(koerper.to_string()))
        } else if wurf < 95 {
            if fall.offene_strategien.is_empty() {
                t.umgeleitet += u64::from(gemessen);
                uebersicht()
            } else {
                let st = fall.offene_strategien[z.bis(fall.offene_strategien.len() as u64) as usize];
                let ende = st.von.checked_add_days(Days::new(z.bis(st.tage + 1))).unwrap_or(st.von);
                let koerper = json!({"ende": tag(ende), "bestaetigt": true});
                let pfad = format!("/api/v1/kunden/{id}/strategien/{}", st.id);
                (Art::Strategie, Method::PATCH, pfad, Some(koerper.to_string()))
            }
        } else if let Some(evid) = fall.ev_entwurf {
            // Signed and handed over today; replaces the version in force (multi-row).
            abschluss = true;
            let koerper = json!({"abgeschlossen_am": heute, "ausgehaendigt_am": heute, "bestaetigt": true});
            (Art::Ev, Method::POST, format!("/api/v1/kunden/{id}/ev/{evid}/abschluss"), Some(koerper.to_string()))
        } else {
            (Art::Ev, Method::POST, format!("/api/v1/kunden/{id}/ev"), Some(json!({"bestaetigt": true}).to_string()))
        };
        let t0 = Instant::now();
        let antwort = senden(&k, auftrag.adresse, methode, &pfad, Some(&s.cookie), koerper).await;
        let ende = Instant::now();
        if art == Art::Ev
            && let Ok(a) = &antwort
            && a.status.is_success()
        {
            faelle[f].ev_entwurf = if abschluss {
                None
            } else {
                serde_json::from_slice::<Value>(&a.koerper).ok().and_then(|v| v.get("id").and_then(Value::as_i64))
            };
            if gemessen {
                *if abschluss { &mut t.ev_abschluesse } else { &mut t.ev_entwuerfe } += 1;
            }
        }
        if !gemessen {
            t.aufwaermen += 1;
            continue;
        }
        t.latenzen[art.index()].push(u64::try_from((ende - t0).as_nanos()).unwrap_or(u64::MAX));
        t.letztes_ende = Some(ende);
        match antwort {
            Ok(a) if a.status.is_success() => t.erfolgreich[art.index()] += 1,
            Ok(a) => t.fehler(art, a.status.as_u16(), kurz(&a.koerper)),
            Err(e) => t.fehler(art, 0, e),
        }
    }
    t
}

/// Runs `verbindungen` client tasks (task i works as VFK i mod n) and merges what they measured.
pub async fn messen(auftrag: Auftrag, sitzungen: Arc<Vec<Sitzung>>, verbindungen: usize) -> Result<Messung, String> {
    let auftrag = Arc::new(auftrag);
    let beginn = Instant::now() + auftrag.aufwaermen;
    let fenster = Fenster { beginn, ende: auftrag.dauer.map(|d| beginn + d) };
    let rest = auftrag.anfragen.map(|n| Arc::new(AtomicU64::new(n)));
    let aufgaben: Vec<_> = (0..verbindungen)
        .map(|nr| tokio::spawn(client(nr, verbindungen, auftrag.clone(), sitzungen.clone(), fenster, rest.clone())))
        .collect();
    let mut alle = Teil::default();
    for a in aufgaben {
        let t = a.await.map_err(|e| format!("Client-Task: {e}"))?;
        for i in 0..4 {
            alle.latenzen[i].extend_from_slice(&t.latenzen[i]);
            alle.erfolgreich[i] += t.erfolgreich[i];
        }
        for (schluessel, n) in t.fehler {
            *alle.fehler.entry(schluessel).or_default() += n;
        }
        for (art, status, text) in t.beispiele {
            if alle.beispiele.len() < BEISPIELE
                && !alle.beispiele.iter().any(|(a, s, x)| *a == art && *s == status && *x == text)
            {
                alle.beispiele.push((art, status, text));
            }
        }
        alle.aufwaermen += t.aufwaermen;
        alle.umgeleitet += t.umgeleitet;
        alle.ev_entwuerfe += t.ev_entwuerfe;
        alle.ev_abschluesse += t.ev_abschluesse;
        alle.letztes_ende = alle.letztes_ende.max(t.letztes_ende);
    }
    let mut gesamt: Vec<u64> = alle.latenzen.iter().flatten().copied().collect();
    let gesamt = Statistik::aus(&mut gesamt, alle.erfolgreich.iter().sum());
    let mut arten = [Statistik::default(); 4];
    for art in Art::ALLE {
        let i = art.index();
        arten[i] = Statistik::aus(&mut alle.latenzen[i], alle.erfolgreich[i]);
    }
    if gesamt.anzahl == 0 {
        return Err("Keine Anfrage im Messfenster (--dauer bzw. --anfragen zu klein?)".into());
    }
    Ok(Messung {
        dauer: alle.letztes_ende.map_or(Duration::ZERO, |e| e.saturating_duration_since(beginn)),
        aufwaerm_anfragen: alle.aufwaermen,
        umgeleitet: alle.umgeleitet,
        ev_entwuerfe: alle.ev_entwuerfe,
        ev_abschluesse: alle.ev_abschluesse,
        arten,
        gesamt,
        fehler: alle.fehler,
        beispiele: alle
            .beispiele
            .into_iter()
            .map(|(art, status, text)| format!("{} {}: {text}", art.name(), status_text(status)))
            .collect(),
    })
}
