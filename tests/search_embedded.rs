//! The search engine on the embedded statement, parsed by the real parser.

use deltascope::parse;
use deltascope::search::{Hit, HitKind, SearchIndex};
use deltascope::taxonomy::Taxonomy;

fn index() -> SearchIndex {
    SearchIndex::new(&[parse::embedded(&Taxonomy::embedded())])
}

/// The chars of a hit's text at its matched positions.
fn marked(h: &Hit) -> String {
    let chars: Vec<char> = h.text.chars().collect();
    h.matches.iter().map(|&i| chars[i]).collect()
}

fn assert_top_two_taihu_commitments(hits: &[Hit], query: &str) {
    assert!(hits.len() >= 2, "{query}: {hits:#?}");
    for h in &hits[..2] {
        assert_eq!(h.kind, HitKind::Commitment, "{query}: {h:#?}");
        assert!(h.text.contains("Taihu Lake"), "{query}: {h:#?}");
    }
    assert_ne!(hits[0].id, hits[1].id);
}

#[test]
fn taihu_puts_the_two_taihu_lake_commitments_first() {
    let idx = index();
    let hits = idx.search("Taihu", 10);
    assert_top_two_taihu_commitments(&hits, "Taihu");
    assert_eq!(marked(&hits[0]), "Taihu");
    assert_eq!(marked(&hits[1]), "Taihu");
    // Everything else that names Taihu ranks below them.
    assert!(
        hits[2..]
            .iter()
            .all(|h| h.text.contains("Taihu") && h.kind != HitKind::Commitment)
    );
}

#[test]
fn typing_taihu_keeps_the_commitments_on_top() {
    let idx = index();
    for q in [
        "Tai",
        "Taih",
        "taihu",
        "TAIHU",
        "taihu l",
        "taihu lake",
        "lake taihu",
        "taihu lke",
    ] {
        assert_top_two_taihu_commitments(&idx.search(q, 10), q);
    }
}

#[test]
fn g60_puts_the_corridor_commitment_first() {
    let hits = index().search("G60", 10);
    let top = &hits[0];
    assert_eq!(top.kind, HitKind::Commitment, "{hits:#?}");
    assert!(
        top.text
            .contains("G60 Science and Technology Innovation Corridor"),
        "{top:#?}"
    );
    assert_eq!(marked(top), "G60");
}

#[test]
fn fishing_ban_finds_the_ten_year_ban_commitment() {
    let hits = index().search("fishing ban", 10);
    let top = &hits[0];
    assert_eq!(top.kind, HitKind::Commitment, "{hits:#?}");
    assert!(top.text.contains("ten-year fishing ban"), "{top:#?}");
    assert_eq!(marked(top), "fishingban");
}

#[test]
fn hongqiao_puts_the_open_hub_commitment_first() {
    let hits = index().search("Hongqiao", 10);
    let top = &hits[0];
    assert_eq!(top.kind, HitKind::Commitment, "{hits:#?}");
    assert!(
        top.text.contains("Hongqiao International Open Hub"),
        "{top:#?}"
    );
}

#[test]
fn a_typo_by_omission_still_finds_medical_insurance() {
    let hits = index().search("medcal insurance", 10);
    let top = &hits[0];
    assert_eq!(top.kind, HitKind::Commitment, "{hits:#?}");
    assert!(top.text.contains("medical insurance"), "{top:#?}");
    assert_eq!(marked(top), "medcalinsurance");
    assert!(hits.iter().all(|h| h.text.contains("medical insurance")));
}

#[test]
fn every_word_of_the_statement_finds_itself_first() {
    let idx = index();
    // The body: everything after the headline and the date/source line.
    let body: Vec<&str> = parse::EMBEDDED_TEXT.lines().skip(2).collect();
    let body = body.join("\n");
    let mut words: Vec<&str> = body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_unstable();
    words.dedup();
    assert!(words.len() > 200);
    for w in words {
        let hits = idx.search(w, 5);
        let top = hits.first().unwrap_or_else(|| panic!("{w}: no hit"));
        let lower = w.to_lowercase();
        let text: Vec<char> = top.text.chars().collect();
        assert!(top.matches.iter().all(|&i| i < text.len()), "{w}: {top:#?}");
        assert!(top.matches.windows(2).all(|p| p[0] < p[1]), "{w}: {top:#?}");
        assert!(marked(top).to_lowercase().contains(&lower), "{w}: {top:#?}");
    }
}
