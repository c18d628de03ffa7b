//! Login throttling that cannot lock people out (issue 17 item 3): exponential back-off instead
//! of a fixed lockout, kept per (account, address) pair and per address. After `FREI_PAAR`
//! failures of a pair the next attempt of that pair waits 1 s, then 2 s, 4 s … at most 15 min;
//! an address failing across accounts likewise after `FREI_ADRESSE`. The right password from
//! another address is not slowed down by an attacker elsewhere, unless the account itself is
//! under a broad attack (failures from at least `BREIT_AB` addresses within `VERGESSEN`): then
//! the whole account backs off too, and the Administration sees it (`angriffe`).
//!
//! IPv6 addresses count per /64 (one host owns a whole /64). Refused attempts do not count as
//! failures, so waiting always helps. In memory per instance; a record is forgotten
//! `VERGESSEN` after its last failure.

use std::collections::{HashMap, HashSet};
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Failures of one (account, address) pair before the back-off starts.
pub const FREI_PAAR: u32 = 5;
/// Failures of one address (all accounts) before the back-off starts.
pub const FREI_ADRESSE: u32 = 20;
/// Distinct failing addresses that make an attack on an account "broad".
pub const BREIT_AB: usize = 10;
/// Longest wait.
pub const HOECHSTENS: Duration = Duration::from_secs(15 * 60);
/// A record without a new failure for this long is dropped.
pub const VERGESSEN: Duration = Duration::from_secs(60 * 60);
/// Addresses remembered per account (enough to tell a broad attack).
const ADRESSEN_JE_KONTO: usize = 1024;
/// Every this many calls, forgotten records are dropped.
const AUFRAEUMEN_ALLE: u32 = 1024;

#[derive(Debug, Clone, Copy)]
struct Serie {
    fehler: u32,
    letzter: Instant,
}

#[derive(Debug, Clone)]
struct Konto {
    fehler: u32,
    adressen: HashSet<IpAddr>,
    seit: Instant,
    letzter: Instant,
}

#[derive(Debug, Default)]
struct Zustand {
    paare: HashMap<(String, IpAddr), Serie>,
    adressen: HashMap<IpAddr, Serie>,
    konten: HashMap<String, Konto>,
    aufrufe: u32,
}

/// An account with failed logins, for the Administration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Angriff {
    pub konto: String,
    pub fehlversuche: u32,
    pub adressen: usize,
    /// How long ago the first failure of this series was.
    pub seit: Duration,
    /// Failures from at least `BREIT_AB` addresses: the account backs off as a whole.
    pub breit: bool,
    /// How long the account as a whole still waits.
    pub wartet: Duration,
}

#[derive(Debug, Default)]
pub struct Drossel {
    zustand: Mutex<Zustand>,
}

/// 1 s after `frei` failures, doubling with each further failure, at most `HOECHSTENS`.
fn wartezeit(fehler: u32, frei: u32) -> Duration {
    if fehler < frei {
        return Duration::ZERO;
    }
    let stufe = (fehler - frei).min(20);
    Duration::from_secs(1u64 << stufe).min(HOECHSTENS)
}

/// How long from `jetzt` until `letzter + warten`.
fn rest(letzter: Instant, warten: Duration, jetzt: Instant) -> Duration {
    if warten.is_zero() {
        return Duration::ZERO;
    }
    (letzter + warten).saturating_duration_since(jetzt)
}

/// The key of an address: IPv4 as is, IPv6 by its /64 prefix.
fn netz(adresse: IpAddr) -> IpAddr {
    match adresse {
        IpAddr::V4(_) => adresse,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6((u128::from(v6) & (u128::MAX << 64)).into()),
        },
    }
}

impl Konto {
    fn breit(&self) -> bool {
        self.adressen.len() >= BREIT_AB
    }

    fn warten(&self) -> Duration {
        if self.breit() { wartezeit(self.fehler, BREIT_AB as u32) } else { Duration::ZERO }
    }
}

impl Drossel {
    pub fn neu() -> Self {
        Self::default()
    }

    fn sperre(&self) -> std::sync::MutexGuard<'_, Zustand> {
        self.zustand.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether `konto` may try from `adresse` now; otherwise how long to wait (for `Retry-After`).
    pub fn pruefen(&self, konto: &str, adresse: IpAddr, jetzt: Instant) -> Result<(), Duration> {
        let adresse = netz(adresse);
        let mut z = self.sperre();
        z.aufrufe += 1;
        if z.aufrufe >= AUFRAEUMEN_ALLE {
            z.aufrufe = 0;
            let frisch = |letzter: Instant| jetzt.saturating_duration_since(letzter) < VERGESSEN;
            z.paare.retain(|_, s| frisch(s.letzter));
            z.adressen.retain(|_, s| frisch(s.letzter));
            z.konten.retain(|_, k| frisch(k.letzter));
        }
        let mut warten = Duration::ZERO;
        if let Some(s) = z.paare.get(&(konto.to_owned(), adresse)) {
            warten = warten.max(rest(s.letzter, wartezeit(s.fehler, FREI_PAAR), jetzt));
        }
        if let Some(s) = z.adressen.get(&adresse) {
            warten = warten.max(rest(s.letzter, wartezeit(s.fehler, FREI_ADRESSE), jetzt));
        }
        if let Some(k) = z.konten.get(konto) {
            warten = warten.max(rest(k.letzter, k.warten(), jetzt));
        }
        if warten.is_zero() { Ok(()) } else { Err(warten) }
    }

    /// Records a failed attempt (wrong password or code).
    pub fn fehlschlag(&self, konto: &str, adresse: IpAddr, jetzt: Instant) {
        let adresse = netz(adresse);
        let mut z = self.sperre();
        let erneuern = |s: &mut Serie| {
            if jetzt.saturating_duration_since(s.letzter) >= VERGESSEN {
                s.fehler = 0;
            }
            s.fehler = s.fehler.saturating_add(1);
            s.letzter = jetzt;
        };
        erneuern(z.paare.entry((konto.to_owned(), adresse)).or_insert(Serie { fehler: 0, letzter: jetzt }));
        erneuern(z.adressen.entry(adresse).or_insert(Serie { fehler: 0, letzter: jetzt }));
        let k = z.konten.entry(konto.to_owned()).or_insert_with(|| Konto {
            fehler: 0,
            adressen: HashSet::new(),
            seit: jetzt,
            letzter: jetzt,
        });
        if jetzt.saturating_duration_since(k.letzter) >= VERGESSEN {
            k.fehler = 0;
            k.adressen.clear();
            k.seit = jetzt;
        }
        k.fehler = k.fehler.saturating_add(1);
        k.letzter = jetzt;
        if k.adressen.len() < ADRESSEN_JE_KONTO {
            k.adressen.insert(adresse);
        }
    }

    /// A successful login ends the series of its pair (the account's attack record stays).
    pub fn erfolg(&self, konto: &str, adresse: IpAddr) {
        let adresse = netz(adresse);
        let mut z = self.sperre();
        z.paare.remove(&(konto.to_owned(), adresse));
        if let Some(s) = z.adressen.get_mut(&adresse) {
            s.fehler = s.fehler.saturating_sub(1);
        }
    }

    /// Accounts with at least `FREI_PAAR` failures in the current series, most addresses first.
    pub fn angriffe(&self, jetzt: Instant) -> Vec<Angriff> {
        let z = self.sperre();
        let mut liste: Vec<Angriff> = z
            .konten
            .iter()
            .filter(|(_, k)| k.fehler >= FREI_PAAR && jetzt.saturating_duration_since(k.letzter) < VERGESSEN)
            .map(|(konto, k)| Angriff {
                konto: konto.clone(),
                fehlversuche: k.fehler,
                adressen: k.adressen.len(),
                seit: jetzt.saturating_duration_since(k.seit),
                breit: k.breit(),
                wartet: rest(k.letzter, k.warten(), jetzt),
            })
            .collect();
        liste.sort_by(|a, b| b.adressen.cmp(&a.adressen).then(b.fehlversuche.cmp(&a.fehlversuche)));
        liste
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    const S: Duration = Duration::from_secs(1);

    fn ip(n: u8) -> IpAddr {
        IpAddr::from([10, 0, 0, n])
    }

    #[test]
    fn rueckstellung_waechst_bis_zur_obergrenze() {
        assert_eq!(wartezeit(4, 5), Duration::ZERO);
        assert_eq!(wartezeit(5, 5), S);
        assert_eq!(wartezeit(6, 5), 2 * S);
        assert_eq!(wartezeit(7, 5), 4 * S);
        assert_eq!(wartezeit(14, 5), 512 * S);
        assert_eq!(wartezeit(15, 5), HOECHSTENS);
        assert_eq!(wartezeit(u32::MAX, 5), HOECHSTENS);
    }

    #[test]
    fn paar_wartet_zunehmend() {
        let d = Drossel::neu();
        let t0 = Instant::now();
        for _ in 0..FREI_PAAR {
            assert_eq!(d.pruefen("anna", ip(1), t0), Ok(()));
            d.fehlschlag("anna", ip(1), t0);
        }
        assert_eq!(d.pruefen("anna", ip(1), t0), Err(S));
        assert_eq!(d.pruefen("anna", ip(1), t0 + S), Ok(()));
        d.fehlschlag("anna", ip(1), t0 + S);
        assert_eq!(d.pruefen("anna", ip(1), t0 + S), Err(2 * S));
        // refused attempts do not prolong the wait
        assert!(d.pruefen("anna", ip(1), t0 + 2 * S).is_err());
        assert_eq!(d.pruefen("anna", ip(1), t0 + 3 * S), Ok(()));
        d.fehlschlag("anna", ip(1), t0 + 3 * S);
        assert_eq!(d.pruefen("anna", ip(1), t0 + 3 * S), Err(4 * S));
    }

    #[test]
    fn angreifer_an_a_sperrt_nutzerin_an_b_nicht_aus() {
        let d = Drossel::neu();
        let t0 = Instant::now();
        for i in 0..200u32 {
            let t = t0 + i * 10 * S;
            if d.pruefen("anna", ip(1), t).is_ok() {
                d.fehlschlag("anna", ip(1), t);
            }
        }
        let t = t0 + 2000 * S;
        assert!(d.pruefen("anna", ip(1), t).is_err(), "the attacker waits");
        assert_eq!(d.pruefen("anna", ip(2), t), Ok(()), "the user at another address does not");
        assert_eq!(d.pruefen("bert", ip(1), t), Ok(()));
    }

    #[test]
    fn breiter_angriff_bremst_das_konto_und_ist_sichtbar() {
        let d = Drossel::neu();
        let t0 = Instant::now();
        for n in 0..(BREIT_AB as u8 + 2) {
            d.fehlschlag("anna", ip(n), t0);
        }
        let a = d.angriffe(t0);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].konto, "anna");
        assert_eq!(a[0].adressen, BREIT_AB + 2);
        assert!(a[0].breit);
        // a fresh address waits too, but not forever
        let warten = d.pruefen("anna", ip(200), t0).unwrap_err();
        assert_eq!(warten, 4 * S);
        assert_eq!(d.pruefen("anna", ip(200), t0 + warten), Ok(()));
        assert_eq!(d.pruefen("bert", ip(200), t0), Ok(()));
    }

    #[test]
    fn adresse_ueber_viele_konten() {
        let d = Drossel::neu();
        let t0 = Instant::now();
        for n in 0..FREI_ADRESSE {
            d.fehlschlag(&format!("k{n}"), ip(9), t0);
        }
        assert_eq!(d.pruefen("neu", ip(9), t0), Err(S));
        assert_eq!(d.pruefen("neu", ip(8), t0), Ok(()));
    }

    #[test]
    fn ipv6_je_64er_netz() {
        let a: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(netz(a), netz(b));
        assert_ne!(netz(a), netz(c));
        assert_eq!(netz("::ffff:10.0.0.1".parse().unwrap()), ip(1));
    }

    #[test]
    fn erfolg_beendet_die_serie_und_vergessen() {
        let d = Drossel::neu();
        let t0 = Instant::now();
        for _ in 0..FREI_PAAR {
            d.fehlschlag("anna", ip(1), t0);
        }
        assert!(d.pruefen("anna", ip(1), t0).is_err());
        d.erfolg("anna", ip(1));
        assert_eq!(d.pruefen("anna", ip(1), t0), Ok(()));
        for _ in 0..FREI_PAAR {
            d.fehlschlag("bert", ip(1), t0);
        }
        // after VERGESSEN a new failure starts a new series
        d.fehlschlag("bert", ip(1), t0 + VERGESSEN);
        assert_eq!(d.pruefen("bert", ip(1), t0 + VERGESSEN), Ok(()));
        assert!(d.angriffe(t0 + VERGESSEN).is_empty());
    }

    #[test]
    fn speicher_bleibt_begrenzt() {
        let d = Drossel::neu();
        let t0 = Instant::now();
        for i in 0..2000u32 {
            d.fehlschlag(&format!("k{i}"), IpAddr::from(i.to_be_bytes()), t0);
        }
        let spaeter = t0 + VERGESSEN;
        for _ in 0..AUFRAEUMEN_ALLE {
            let _ = d.pruefen("neu", ip(1), spaeter);
        }
        let z = d.sperre();
        assert!(z.paare.is_empty() && z.adressen.is_empty() && z.konten.is_empty());
    }

    #[test]
    fn vergiftetes_mutex() {
        let d = std::sync::Arc::new(Drossel::neu());
        let d2 = d.clone();
        let _ = std::thread::spawn(move || {
            let _g = d2.zustand.lock().unwrap();
            panic!("vergiften");
        })
        .join();
        assert!(d.zustand.is_poisoned());
        assert_eq!(d.pruefen("anna", ip(1), Instant::now()), Ok(()));
    }
}
