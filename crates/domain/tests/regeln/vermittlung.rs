//! S12 with F3: placement has priority over carrying out strategies (DOMAIN §5, §7.3).

use serde_json::{Value, json};
use vierphasen_domain::Schwere;

use super::basis::*;

// S12: "Über allen Umsetzungsfahrplänen steht immer die Devise, dass bestehende Möglichkeiten
// einer situationsangemessenen, passgenauen Vermittlung Vorrang vor der Durchführung einer
// Handlungsstrategie bzw. eines Handlungsstrategie-Bündels haben." F3: "Dieses Vorgehen richtet
// sich insbesondere an Kundinnen und Kunden, bei denen die übergreifende Strategie „Vermittlung“
// vereinbart wurde." The basis case has "Vermittlung" since 10.03. (strategien[2]) and a
// matchingfähig profile; 90 days without a Vermittlungsvorschlag bring a hint to check.
#[test]
fn s12_vermittlung_without_proposal_for_long_is_a_hint() {
    let vorschlag = |datum: &str| json!({ "datum": datum, "stelle": "R-1", "status": "vorgeschlagen" });
    // (case, change to the basis case, hint expected)
    type Fall = (&'static str, Box<dyn Fn(&mut Value)>, bool);
    let faelle: Vec<Fall> = vec![
        ("nie ein Vorschlag", Box::new(|_| {}), true),
        (
            "Vorschlag vor 54 Tagen",
            Box::new(move |a| a["vermittlungsvorschlaege"] = json!([vorschlag("2026-10-01")])),
            false,
        ),
        (
            "Vorschlag vor 115 Tagen",
            Box::new(move |a| a["vermittlungsvorschlaege"] = json!([vorschlag("2026-08-01")])),
            true,
        ),
        ("Vermittlung erst seit 54 Tagen", Box::new(|a| a["strategien"][2]["beginn"] = json!("2026-10-01")), false),
        (
            "Vermittlung erledigt",
            Box::new(|a| {
                a["strategien"][2]["ergebnis"] = json!("storniert");
                a["strategien"][2]["erledigt_am"] = json!("2026-06-01");
            }),
            false,
        ),
        ("abgemeldet", Box::new(|a| a["meldungen"][0]["ende"] = json!("2026-11-01")), false),
        ("nicht matchingfähig (P9)", Box::new(|a| a["profiling"][0]["staerken"] = json!([])), false),
        ("Ziel ohne Stellensuche (Z6)", Box::new(|a| a["ziele"][0]["zieloption"] = json!("selbststaendigkeit")), false),
    ];
    for (fall, aendern, erwartet) in faelle {
        let mut akte = basis();
        aendern(&mut akte);
        let e = pruefe(&akte, STICHTAG);
        let s12 = befunde(&e, "S12");
        assert_eq!(!s12.is_empty(), erwartet, "{fall}: {:#?}", e.befunde);
        assert!(s12.iter().all(|b| b.0 == Schwere::Hinweis && b.1.contains("Vermittlung hat Vorrang")), "{fall}");
        assert!(e.befunde.iter().filter(|b| b.regel == "S12").all(|b| b.bezug == "strategien[2]"));
    }
}
