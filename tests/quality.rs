//! The parser's recall, precision and primary-theme accuracy over our own
//! statements (`tests/fixtures`, each with what a careful reader marks in
//! `tests/fixtures/expected/`), held to a floor so that no rule change makes
//! them worse unnoticed. `scripts/quality.sh` prints the figures.

#[allow(dead_code)]
#[path = "../examples/quality.rs"]
mod quality;

use std::path::Path;

fn scores() -> Vec<(String, quality::Score)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    quality::score_dir(&dir).expect("fixtures and their expected files read")
}

#[test]
fn every_statement_of_ours_is_marked_and_scored() {
    let scores = scores();
    assert!(scores.len() >= 22, "{} statements scored", scores.len());
    let mut total = quality::Score::default();
    for (_, s) in &scores {
        total.add(s);
    }
    // Floors under today's figures (`scripts/quality.sh`): raise them as
    // the parser gets better, never lower them to let a change through.
    assert!(total.recall() >= 0.95, "recall {:.3}", total.recall());
    assert!(
        total.precision() >= 0.95,
        "precision {:.3}",
        total.precision()
    );
    assert!(
        total.theme_accuracy() >= 0.85,
        "theme {:.3}",
        total.theme_accuracy()
    );
    assert!(
        total.deadline_accuracy() >= 0.95,
        "deadline {:.3}",
        total.deadline_accuracy()
    );
    assert!(
        total.figure_accuracy() >= 0.95,
        "figures {:.3}",
        total.figure_accuracy()
    );
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
