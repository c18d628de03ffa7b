//! Tests of `crates/app/src/totp.rs`: its internal pieces, tested from here (the crate has no unit-test build).

use vierphasen_app::totp::*;

/// The SHA-1 seed of RFC 6238 appendix B.
const RFC_GEHEIMNIS: &[u8] = b"12345678901234567890";

#[test]
fn rfc6238_anhang_b_sha1() {
    // (time, 8-digit TOTP) from RFC 6238 appendix B, mode SHA1.
    for (zeit, erwartet) in [
        (59, "94287082"),
        (1_111_111_109, "07081804"),
        (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"),
        (2_000_000_000, "69279037"),
        (20_000_000_000, "65353130"),
    ] {
        let s = u64::try_from(schritt(zeit)).unwrap();
        assert_eq!(hotp(RFC_GEHEIMNIS, s, 8), erwartet, "{zeit}");
        // the 6-digit code is the last six digits
        assert_eq!(code(RFC_GEHEIMNIS, zeit), erwartet[2..], "{zeit}");
    }
}

#[test]
fn rfc4226_anhang_d() {
    let erwartet = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
    for (i, e) in erwartet.iter().enumerate() {
        assert_eq!(hotp(RFC_GEHEIMNIS, i as u64, 6), *e, "{i}");
    }
}

#[test]
fn base32_rfc4648() {
    for (roh, text) in [
        ("", ""),
        ("f", "MY"),
        ("fo", "MZXQ"),
        ("foo", "MZXW6"),
        ("foob", "MZXW6YQ"),
        ("fooba", "MZXW6YTB"),
        ("foobar", "MZXW6YTBOI"),
    ] {
        assert_eq!(base32(roh.as_bytes()), text);
        assert_eq!(base32_lesen(text).unwrap(), roh.as_bytes());
    }
    assert_eq!(base32_lesen("mzxw 6ytb oi==").unwrap(), b"foobar");
    assert!(base32_lesen("MZ1").is_none());
    assert_eq!(base32(RFC_GEHEIMNIS), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
}

#[test]
fn toleranz_ein_schritt_und_keine_wiederverwendung() {
    let t = 1_234_567_890;
    let jetzt = code(RFC_GEHEIMNIS, t);
    let vorher = code(RFC_GEHEIMNIS, t - 30);
    let nachher = code(RFC_GEHEIMNIS, t + 30);
    let zu_alt = code(RFC_GEHEIMNIS, t - 60);
    let s = schritt(t);
    assert_eq!(pruefen(RFC_GEHEIMNIS, &jetzt, t, None), Some(s));
    assert_eq!(pruefen(RFC_GEHEIMNIS, &vorher, t, None), Some(s - 1));
    assert_eq!(pruefen(RFC_GEHEIMNIS, &nachher, t, None), Some(s + 1));
    assert_eq!(pruefen(RFC_GEHEIMNIS, &zu_alt, t, None), None);
    // a used step and older ones are refused
    assert_eq!(pruefen(RFC_GEHEIMNIS, &jetzt, t, Some(s)), None);
    assert_eq!(pruefen(RFC_GEHEIMNIS, &vorher, t, Some(s)), None);
    assert_eq!(pruefen(RFC_GEHEIMNIS, &nachher, t, Some(s)), Some(s + 1));
    // spaces are ignored, other input refused
    let mit_leer = format!("{} {}", &jetzt[..3], &jetzt[3..]);
    assert_eq!(pruefen(RFC_GEHEIMNIS, &mit_leer, t, None), Some(s));
    assert_eq!(pruefen(RFC_GEHEIMNIS, "12345", t, None), None);
    assert_eq!(pruefen(RFC_GEHEIMNIS, "abcdef", t, None), None);
}

#[test]
fn uri_fuer_apps() {
    assert_eq!(
        uri("vfk.mueller", "ABC"),
        "otpauth://totp/vierphasen:vfk.mueller?secret=ABC&issuer=vierphasen&algorithm=SHA1&digits=6&period=30"
    );
    assert!(uri("a b", "X").starts_with("otpauth://totp/vierphasen:a%20b?"));
}
