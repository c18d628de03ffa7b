//! Tests of `crates/web/src/drossel.rs`: its internal pieces, tested from here (the crate has no unit-test build).
//! The file is compiled into this test too, so that its `pub(crate)` state is visible here without
//! being public API of the web crate (the tests look into the tables and poison the lock).

use std::net::IpAddr;
use std::time::{Duration, Instant};

#[path = "../src/drossel.rs"]
#[allow(dead_code)]
mod quelle;

use quelle::*;

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
