//! Hostile statements the parser must survive: shapes whose size the input
//! sets (runs of `and`, of stops, of colons) parsed on a thread with a small
//! stack, so that any rule recursing once per token overflows it here
//! rather than in a user's explorer.

use deltascope::model::Document;
use deltascope::parse;
use deltascope::taxonomy::Taxonomy;

/// A quarter of a default thread's stack: a rule whose depth the input sets
/// overflows it long before the 200,000 repetitions below end.
const SMALL_STACK: usize = 512 * 1024;

fn parse_on_small_stack(text: String) -> Document {
    std::thread::Builder::new()
        .stack_size(SMALL_STACK)
        .spawn(move || parse::parse(&text, None, &Taxonomy::embedded()))
        .expect("spawn a parse thread")
        .join()
        .expect("the parse thread ended normally")
}

fn repeat(head: &str, unit: &str, times: usize, tail: &str) -> String {
    format!("{head}{}{tail}", unit.repeat(times))
}

#[test]
fn a_long_run_of_and_parses_without_recursion() {
    let doc = parse_on_small_stack(repeat(
        "The city will build roads ",
        "and ",
        200_000,
        "parks.",
    ));
    assert_eq!(doc.commitments.len(), 1);
    assert!(doc.commitments[0].text.starts_with("build roads and and"));
}

#[test]
fn a_long_chain_of_coordinated_verbs_parses_without_recursion() {
    // `build and build and … build roads`: every verb shares the object.
    let doc = parse_on_small_stack(repeat(
        "The city will ",
        "build and ",
        200_000,
        "build roads.",
    ));
    assert!(!doc.commitments.is_empty());
    assert_eq!(doc.commitments[0].actor, "The city");
}

#[test]
fn a_long_run_of_stops_before_the_head_parses_without_recursion() {
    // The subject is looked for before the last stop that has words after it.
    let doc = parse_on_small_stack(repeat("The city ", ") ", 200_000, "will build roads."));
    assert_eq!(doc.commitments.len(), 1);
    assert_eq!(doc.commitments[0].actor, "The city");
}
