//! Tests of `crates/domain/src/tor.rs`: its internal pieces, tested from here (the crate has no unit-test build).

use vierphasen_domain::Befund;
use vierphasen_domain::Regel;
use vierphasen_domain::tor::*;

#[test]
fn nur_neue_befunde_entscheiden_und_s1_verweigert_nie() {
    let s2 = Befund::fehler(Regel::S2, "strategien[0]", "x");
    let s1 = Befund::fehler(Regel::S1, "profiling", "x");
    let z1 = Befund::warnung(Regel::Z1, "ziele", "x");
    // S2 existed before (other wording): not the change's.
    let alt = Befund::fehler(Regel::S2, "strategien[0]", "anders");
    assert_eq!(
        entscheiden(std::slice::from_ref(&alt), vec![s2.clone(), s1.clone()], false),
        Torentscheid::Durchgelassen(vec![s1.clone()])
    );
    assert_eq!(entscheiden(&[], vec![s2.clone()], true), Torentscheid::Verweigert(vec![s2]));
    assert_eq!(entscheiden(&[], vec![z1.clone()], false), Torentscheid::BestaetigungNoetig(vec![z1.clone()]));
    assert_eq!(entscheiden(&[], vec![z1.clone()], true), Torentscheid::Durchgelassen(vec![z1]));
}
