//! The parser's recall, precision and primary-theme accuracy over our own
//! statements (`tests/fixtures`, each with what a careful reader marks in
//! `tests/fixtures/expected/`) and over twenty more written and marked by
//! helpers who never saw the parser (`tests/heldout`), held to floors so that
//! no rule change makes them worse unnoticed. `scripts/quality.sh [DIR]`
//! prints the figures.

#[allow(dead_code)]
#[path = "../examples/quality.rs"]
mod quality;

use std::path::Path;

fn scores_of(dir: &str) -> Vec<(String, quality::Score)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    quality::score_dir(&dir).expect("statements and their expected files read")
}

fn scores() -> Vec<(String, quality::Score)> {
    scores_of("tests/fixtures")
}

fn total_of(scores: &[(String, quality::Score)]) -> quality::Score {
    let mut total = quality::Score::default();
    for (_, s) in scores {
        total.add(s);
    }
    total
}

/// Recall, precision, theme, deadline and figure accuracy of `total`, each
/// at least its floor.
fn assert_floors(total: &quality::Score, floors: [f64; 5]) {
    let figures = [
        ("recall", total.recall()),
        ("precision", total.precision()),
        ("theme", total.theme_accuracy()),
        ("deadline", total.deadline_accuracy()),
        ("figures", total.figure_accuracy()),
    ];
    for ((what, got), floor) in figures.into_iter().zip(floors) {
        assert!(got >= floor, "{what} {got:.3} is under its floor {floor}");
    }
}

/// The held-out statements were first scored before any rule saw them
/// (README, "How well it reads"); rules were then fixed on what they missed,
/// so these floors guard against losing that ground, not a held-out figure.
#[test]
fn the_helpers_statements_stay_read() {
    let scores = scores_of("tests/heldout");
    assert!(scores.len() >= 20, "{} statements scored", scores.len());
    assert_floors(&total_of(&scores), [0.90, 0.93, 0.65, 0.75, 0.90]);
    let none: Vec<_> = scores.iter().filter(|(_, s)| s.expected == 0).collect();
    assert!(
        none.len() >= 3,
        "{} statements without commitments",
        none.len()
    );
    for (name, s) in none {
        assert_eq!(s.found, 0, "{name}");
    }
}

#[test]
fn every_statement_of_ours_is_marked_and_scored() {
    let scores = scores();
    assert!(scores.len() >= 22, "{} statements scored", scores.len());
    // Floors under today's figures (`scripts/quality.sh`): raise them as
    // the parser gets better, never lower them to let a change through.
    assert_floors(&total_of(&scores), [0.95, 0.95, 0.85, 0.95, 0.95]);
}

#[test]
fn statements_with_no_commitments_yield_none() {
    let scores = scores();
    assert!(scores.iter().filter(|(_, s)| s.expected == 0).count() >= 2);
    for (name, s) in scores {
        if s.expected == 0 {
            assert_eq!(s.found, 0, "{name}");
        }
    }
}
