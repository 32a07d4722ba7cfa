//! Search ranking through the real binary: `deltascope search --format json`
//! on the built-in statement.

mod common;

use serde_json::Value;
use std::process::Command;

fn search(query: &str, limit: usize) -> Vec<Value> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_deltascope"));
    command.args([
        "search",
        "--format",
        "json",
        "--limit",
        &limit.to_string(),
        query,
    ]);
    common::search_hits(&mut command, query)
}

fn kind(h: &Value) -> &str {
    h["kind"].as_str().unwrap()
}

fn text(h: &Value) -> &str {
    h["text"].as_str().unwrap()
}

/// The chars of the hit's text at its `matches`.
fn marked(h: &Value) -> String {
    let chars: Vec<char> = text(h).chars().collect();
    h["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| chars[i.as_u64().unwrap() as usize])
        .collect()
}

#[test]
fn the_four_reference_queries_rank_their_commitment_first() {
    let hits = search("Taihu", 5);
    for h in &hits[..2] {
        assert_eq!(kind(h), "commitment");
        assert!(text(h).contains("Taihu Lake"), "{h}");
        assert_eq!(marked(h), "Taihu");
    }
    let cases = [
        ("G60", "G60 Science and Technology Innovation Corridor"),
        ("fishing ban", "ten-year fishing ban"),
        ("Hongqiao", "Hongqiao International Open Hub"),
        ("medcal insurance", "medical insurance"),
    ];
    for (q, want) in cases {
        let hits = search(q, 3);
        assert_eq!(kind(&hits[0]), "commitment", "{q}: {hits:?}");
        assert!(text(&hits[0]).contains(want), "{q}: {hits:?}");
    }
}

#[test]
fn scores_descend_and_limit_holds() {
    let hits = search("the", 7);
    assert_eq!(hits.len(), 7);
    let scores: Vec<i64> = hits.iter().map(|h| h["score"].as_i64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn scattered_letters_are_no_hit() {
    // "tgcm" runs through many sentences letter by letter but is no word's
    // start, infix or near-spelling.
    assert!(search("tgcm", 10).is_empty());
}

#[test]
fn odd_queries_do_not_crash() {
    for q in [
        "*",
        "(",
        "[a-z]+",
        "🙂",
        "长江",
        "r&d",
        "\u{1b}[31m",
        "ß",
        "a\u{301}",
        &"x ".repeat(300),
    ] {
        let hits = search(q, 5);
        for h in &hits {
            let n = text(h).chars().count() as u64;
            assert!(
                h["matches"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|i| i.as_u64().unwrap() < n),
                "{q:?}: {h}"
            );
        }
    }
}
