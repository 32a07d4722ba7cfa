//! Every parser rule is linear: for each hostile shape, parsing sixteen times
//! the text costs about sixteen times as much.
//!
//! Each shape is a generator of `n` repetitions. It is parsed at `n` and at
//! `16 n`, three times each, and the least thread CPU time of each size is
//! kept (CPU time of this thread, so that the other tests and the other
//! programs of a busy machine do not count; the least of three, so that a
//! page fault or a cache flush in one run does not either). A linear rule
//! gives a ratio near 16; `RATIO_BOUND` leaves room for noise, and a rule
//! that rescans its clause for each token gives 256 and fails by far. The
//! sizes are chosen so that the whole file runs in a few seconds of a debug
//! build while the small size still costs milliseconds, well above the
//! per-document constant (taxonomy ranking of the document's themes). The
//! text the document holds is compared the same way, exactly.

use deltascope::model::Document;
use deltascope::parse;
use deltascope::taxonomy::Taxonomy;
use std::fmt::Write as _;
use std::sync::OnceLock;
use std::time::Duration;

/// The ratio of the cost at 16 n to the cost at n that fails the test:
/// 2.5 times linear, a sixth of quadratic.
const RATIO_BOUND: f64 = 40.0;
const GROWTH: usize = 16;
const RUNS: usize = 3;

fn taxonomy() -> &'static Taxonomy {
    static T: OnceLock<Taxonomy> = OnceLock::new();
    T.get_or_init(Taxonomy::embedded)
}

/// CPU time this thread has used so far.
fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant
    // every Linux and macOS knows.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// The least CPU time of `RUNS` parses of `text`, and the bytes of text
/// the document holds.
fn cost(text: &str) -> (Duration, usize) {
    let mut held = 0;
    let least = (0..RUNS)
        .map(|_| {
            let before = thread_cpu_time();
            let doc = parse::parse(text, Some("shape.txt"), taxonomy());
            let spent = thread_cpu_time() - before;
            held = held_bytes(&doc);
            // Freed outside the timing: dropping is not parsing.
            drop(doc);
            spent
        })
        .min()
        .unwrap_or_default();
    (least, held)
}

/// The text a document holds: every string in it, and every list's items
/// (counted as a word each). Unlike time this is exact, and it catches a
/// rule that copies a growing text into each of a growing number of
/// commitments, which costs little time per copy but memory without end.
fn held_bytes(doc: &Document) -> usize {
    let strings = |v: &[String]| v.iter().map(|s| s.len() + 8).sum::<usize>();
    let paragraphs: usize = doc
        .iter_paragraphs()
        .map(|p| p.text.len() + strings(p.themes) + 8 * (p.commitments.len() + p.sentences.len()))
        .sum();
    let commitments: usize = doc
        .commitments
        .iter()
        .map(|c| {
            c.actor.len()
                + c.modality.len()
                + c.text.len()
                + strings(&c.themes)
                + strings(&c.entities)
        })
        .sum();
    let entities: usize = doc
        .entities
        .iter()
        .map(|e| e.name.len() + 8 * e.commitments.len())
        .sum();
    let themes: usize = doc.themes.iter().map(|t| 8 * t.commitments.len()).sum();
    paragraphs + commitments + entities + themes
}

/// Parse `shape(n)` and `shape(16 n)`, and fail when the cost or the text
/// held grew by more than `RATIO_BOUND`. A time ratio over the bound is
/// measured once more before it fails, so that one burst of load on the
/// machine cannot fail the test; a rule that rescans fails both times.
fn assert_linear(name: &str, n: usize, shape: impl Fn(usize) -> String) {
    // Warm the lexicon and taxonomy tables, built on first use.
    cost(&shape(1));
    let small = shape(n);
    let large = shape(n * GROWTH);
    let mut ratio = f64::INFINITY;
    let mut held = (0, 0);
    for _ in 0..2 {
        let ((small_cost, small_held), (large_cost, large_held)) = (cost(&small), cost(&large));
        held = (small_held, large_held);
        let this = large_cost.as_secs_f64() / small_cost.as_secs_f64().max(1e-6);
        eprintln!(
            "{name}: {} bytes {small_cost:?}, {} bytes {large_cost:?}, ratio {this:.1}",
            small.len(),
            large.len()
        );
        ratio = ratio.min(this);
        if ratio < RATIO_BOUND {
            break;
        }
    }
    assert!(
        ratio < RATIO_BOUND,
        "{name}: {GROWTH} times the text ({} bytes) cost {ratio:.0} times as much; \
         a linear rule costs about {GROWTH} times",
        large.len()
    );
    let held_ratio = held.1 as f64 / held.0.max(1) as f64;
    assert!(
        held_ratio < RATIO_BOUND,
        "{name}: {GROWTH} times the text ({} bytes) made a document holding \
         {held_ratio:.0} times as much ({} -> {} bytes)",
        large.len(),
        held.0,
        held.1
    );
}

/// `head`, `unit` `n` times, `tail`.
fn repeat(head: &str, unit: &str, n: usize, tail: &str) -> String {
    format!("{head}{}{tail}", unit.repeat(n))
}

/// `unit(i)` for `i` in `0..n`, between `head` and `tail`.
fn numbered(head: &str, n: usize, unit: impl Fn(&mut String, usize), tail: &str) -> String {
    let mut s = String::from(head);
    for i in 0..n {
        unit(&mut s, i);
    }
    s.push_str(tail);
    s
}

macro_rules! linear {
    ($name:ident, $n:expr, $shape:expr) => {
        #[test]
        fn $name() {
            assert_linear(stringify!($name), $n, $shape);
        }
    };
}

// Coordination: `and`/`or` runs, verbs sharing an object, comma lists.
linear!(runs_of_and, 2000, |n| repeat(
    "The city will build roads ",
    "and ",
    n,
    "parks."
));
linear!(runs_of_or_and_and, 1000, |n| repeat(
    "The city will build roads ",
    "or and ",
    n,
    "parks."
));
linear!(chains_of_coordinated_verbs, 1000, |n| repeat(
    "The city will ",
    "build and ",
    n,
    "build roads."
));
linear!(chains_of_infinitives, 800, |n| repeat(
    "We commit to deepening ties ",
    "and to building ",
    n,
    "roads."
));
linear!(comma_lists_of_nouns, 1000, |n| repeat(
    "The city will build ",
    "roads, ",
    n,
    "and parks."
));
linear!(comma_lists_of_actions, 600, |n| repeat(
    "The city will ",
    "build roads, ",
    n,
    "and open parks."
));
linear!(actions_joined_by_and, 600, |n| repeat(
    "The city will build roads",
    " and build roads",
    n,
    "."
));

// Heads: colons, `would`, modals, adverbs, the other committing verbs.
linear!(colons_after_a_head, 2000, |n| repeat(
    "The city will focus on ",
    "a: ",
    n,
    "roads."
));
linear!(colons_each_before_a_clause, 300, |n| repeat(
    "The city will focus on tasks",
    ": the town will build roads",
    n,
    "."
));
linear!(runs_of_would, 1500, |n| repeat(
    "",
    "would ",
    n,
    "build roads."
));
linear!(runs_of_would_after_a_reporting_verb, 1500, |n| repeat(
    "They said the region ",
    "would ",
    n,
    "build roads."
));
linear!(runs_of_reporting_verbs, 1500, |n| repeat(
    "The statement ",
    "said ",
    n,
    "the city would build roads."
));
linear!(runs_of_modals, 1500, |n| repeat(
    "The city ",
    "will ",
    n,
    "build roads."
));
linear!(runs_of_adverbs_after_modals, 300, |n| repeat(
    "The city ",
    "will also jointly further ",
    n,
    "build roads."
));
linear!(committing_verbs, 400, |n| repeat(
    "The city agreed to build roads",
    " and pledged to build roads",
    n,
    "."
));
linear!(runs_of_is_to, 800, |n| repeat(
    "The city ",
    "is to ",
    n,
    "build roads."
));

// Clauses and subjects: new clauses, semicolons, stops, long subjects.
linear!(clauses_with_their_own_subjects, 200, |n| repeat(
    "",
    "The city will build roads, and the town will open parks, ",
    n,
    "."
));
linear!(clauses_joined_by_semicolons, 300, |n| repeat(
    "The city will build roads",
    "; the town will open parks",
    n,
    "."
));
linear!(runs_of_stops_before_the_head, 2000, |n| repeat(
    "The city ",
    ") ",
    n,
    "will build roads."
));
linear!(runs_of_dashes_before_the_head, 1500, |n| repeat(
    "BEIJING ",
    "-- ",
    n,
    "The city will build roads."
));
linear!(runs_of_commas_before_the_head, 1500, |n| repeat(
    "This year",
    ", ",
    n,
    "the city will build roads."
));
linear!(long_subjects, 1500, |n| repeat(
    "The city ",
    "of roads ",
    n,
    "will build roads."
));
linear!(pronouns_after_a_long_subject, 200, |n| {
    // Each `They` stands for the last actor named.
    let subject = repeat("The city ", "of roads ", n, "");
    repeat(
        &format!("{subject}will build roads. "),
        "They will build roads. ",
        n,
        "",
    )
});
linear!(actions_of_a_long_subject, 200, |n| {
    let subject = repeat("The city ", "of roads ", n, "");
    repeat(
        &format!("{subject}will "),
        "build roads, ",
        n,
        "and open parks.",
    )
});

// Sentences and paragraphs.
linear!(sentences_without_a_terminal, 2000, |n| repeat(
    "The city will build ",
    "roads ",
    n,
    ""
));
linear!(many_short_sentences, 1000, |n| repeat(
    "",
    "The city will build a road. ",
    n,
    ""
));
linear!(runs_of_abbreviations, 1500, |n| repeat(
    "The city will build roads with ",
    "Dr. ",
    n,
    "Li."
));
linear!(runs_of_dots, 2000, |n| repeat(
    "The city will build roads",
    ". a",
    n,
    "."
));
linear!(tiny_paragraphs, 3000, |n| repeat("", "a\n\n", n, ""));
linear!(short_paragraphs, 600, |n| repeat(
    "",
    "The city will build a road.\n\n",
    n,
    ""
));
linear!(hard_wrapped_lines, 500, |n| repeat(
    "",
    "The city will build a cross-border industrial park and\n",
    n,
    "."
));
linear!(list_items, 800, |n| repeat(
    "Measures:\n",
    "1. Build roads\n",
    n,
    ""
));
linear!(one_long_line_of_list_markers, 1500, |n| repeat(
    "",
    "1. ",
    n,
    "Build roads."
));

// Brackets, quotes, punctuation, other scripts.
linear!(nested_brackets, 2000, |n| format!(
    "The city will build {}roads{}.",
    "(".repeat(n),
    ")".repeat(n)
));
linear!(runs_of_quotes, 2000, |n| repeat(
    "The city will build ",
    "\"",
    n,
    "roads."
));
linear!(quotes_between_letters, 1500, |n| repeat(
    "The city will build ",
    "a\"b ",
    n,
    "roads."
));
linear!(chinese_text, 1000, |n| repeat(
    "长三角",
    "将推进一体化发展。",
    n,
    ""
));
linear!(capitals_outside_ascii, 1500, |n| repeat(
    "The city will build ",
    "ÄÖÜ ",
    n,
    "roads."
));

// Entities: codes, long names, names joined by `of` and `and`, mentions.
linear!(entity_codes_in_one_commitment, 1000, |n| numbered(
    "The city will build ",
    n,
    |s, i| {
        let _ = write!(s, "G{i}, ");
    },
    "and roads."
));
linear!(one_long_name, 2000, |n| repeat(
    "The city will build the ",
    "Great ",
    n,
    "Corridor."
));
linear!(names_joined_by_of, 800, |n| repeat(
    "The city will build the Ministry",
    " of Trade Office",
    n,
    "."
));
linear!(names_joined_by_and, 800, |n| repeat(
    "The city will build the ",
    "Science and Technology ",
    n,
    "Corridor."
));
linear!(a_complete_name_before_and, 600, |n| repeat(
    "The city will build ",
    "Taihu Lake and ",
    n,
    "Great Corridor."
));
linear!(many_distinct_names, 600, |n| numbered(
    "",
    n,
    |s, i| {
        let _ = write!(s, "The city will build Port{i} Zone. ");
    },
    ""
));

// Cleaning: escape sequences, controls, line endings.
linear!(unterminated_operating_system_commands, 2000, |n| repeat(
    "The city will build roads ",
    "\u{1b}]0;t",
    n,
    "."
));
linear!(unterminated_control_sequences, 2000, |n| repeat(
    "The city will build roads ",
    "\u{1b}[0;",
    n,
    "."
));
linear!(control_characters, 2000, |n| repeat(
    "The city will build roads ",
    "\u{7}\r\u{c}\u{85}",
    n,
    "."
));
linear!(carriage_returns_between_lines, 1000, |n| repeat(
    "",
    "The city will build roads\r\n",
    n,
    ""
));

// Lists: each lead-in clears only its own announcement, and items run
// together after a colon are found in one pass.
linear!(many_lists_each_with_a_lead_in, 200, |n| repeat(
    "Plan\n\n",
    "The city will take the following measures:\n- Build a road.\n\n",
    n,
    ""
));
linear!(items_run_together_on_one_line, 200, |n| numbered(
    "We commit to:",
    n,
    |s, i| s.push_str(&format!(" ({}) build road {i};", i + 1)),
    "."
));
