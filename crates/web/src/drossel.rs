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
pub(crate) const AUFRAEUMEN_ALLE: u32 = 1024;

#[derive(Debug, Clone, Copy)]
pub(crate) struct Serie {
    fehler: u32,
    letzter: Instant,
}

#[derive(Debug, Clone)]
pub(crate) struct Konto {
    fehler: u32,
    adressen: HashSet<IpAddr>,
    seit: Instant,
    letzter: Instant,
}

#[derive(Debug, Default)]
pub(crate) struct Zustand {
    pub(crate) paare: HashMap<(String, IpAddr), Serie>,
    pub(crate) adressen: HashMap<IpAddr, Serie>,
    pub(crate) konten: HashMap<String, Konto>,
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
    pub(crate) zustand: Mutex<Zustand>,
}

/// 1 s after `frei` failures, doubling with each further failure, at most `HOECHSTENS`.
pub(crate) fn wartezeit(fehler: u32, frei: u32) -> Duration {
    if fehler < frei {
        return Duration::ZERO;
    }
    let stufe = (fehler - frei).min(20);
    Duration::from_secs(1u64 << stufe).min(HOECHSTENS)
}

/// How long from `jetzt` until `letzter + warten`.
pub(crate) fn rest(letzter: Instant, warten: Duration, jetzt: Instant) -> Duration {
    if warten.is_zero() {
        return Duration::ZERO;
    }
    (letzter + warten).saturating_duration_since(jetzt)
}

/// The key of an address: IPv4 as is, IPv6 by its /64 prefix.
pub(crate) fn netz(adresse: IpAddr) -> IpAddr {
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

    pub(crate) fn sperre(&self) -> std::sync::MutexGuard<'_, Zustand> {
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
