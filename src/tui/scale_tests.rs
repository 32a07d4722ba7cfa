//! Explorer work in proportion to what is on screen, not to the size of a
//! query, a note or a document. Where a test must look at time, it compares
//! a small and a large case, each the fastest of several runs, against a
//! bound far above what work in proportion to the screen gives and far below
//! what work in proportion to the size gives; otherwise it counts.

use std::time::{Duration, Instant};

use super::app::{self, Action, App, EvidenceForm, MAX_QUERY_CHARS, Mode, NoteEdit};
use super::editor::Editor;
use super::fixture;
use super::tests::{app_at, render, screen};

/// The fastest of `runs` runs of `f`.
fn fastest(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// How much longer the large case takes than the small one.
fn ratio(small: Duration, large: Duration) -> f64 {
    large.as_secs_f64() / small.as_secs_f64().max(1e-6)
}

fn searching(query: &str) -> App {
    let mut a = app_at(vec![fixture::doc()], 120, 40);
    app::update(&mut a, Action::OpenSearch);
    // Past the cap on purpose: drawing must not depend on the cap.
    a.search.query = query.to_string();
    a
}

#[test]
fn a_huge_paste_is_cut_to_what_a_query_holds_and_the_footer_says_so() {
    let pasted = "taihu lake ".repeat(24_000);
    for open in [Action::OpenSearch, Action::OpenDocuments] {
        let mut a = app_at(vec![fixture::doc(), fixture::second()], 120, 40);
        app::update(&mut a, open.clone());
        app::update(&mut a, Action::Paste(pasted.clone()));
        let query = if open == Action::OpenSearch {
            &a.search.query
        } else {
            &a.doc_list.query
        };
        assert_eq!(query.chars().count(), MAX_QUERY_CHARS, "{open:?}");
        assert!(pasted.starts_with(query.as_str()));
        let dropped = pasted.chars().count() - MAX_QUERY_CHARS;
        let s = screen(&a);
        assert!(
            s.contains(&format!("{dropped} chars dropped")),
            "{open:?}:\n{s}"
        );
        // Typing on is refused the same way; Backspace makes room again.
        app::update(&mut a, Action::Input('x'));
        assert!(screen(&a).contains("1 char dropped"));
        app::update(&mut a, Action::InputBackspace);
        app::update(&mut a, Action::Input('x'));
        let query = if open == Action::OpenSearch {
            &a.search.query
        } else {
            &a.doc_list.query
        };
        assert!(query.ends_with('x') && query.chars().count() == MAX_QUERY_CHARS);
    }
}

#[test]
fn drawing_a_long_query_costs_what_the_box_shows() {
    // 16 times the text: the same frame when only what shows is measured,
    // 256 times the work when each char trimmed measures the rest again.
    let small = searching(&"taihu ".repeat(170));
    let large = searching(&"taihu ".repeat(170 * 16));
    let draw = |a: &App| {
        fastest(5, || {
            render(a);
        })
    };
    let (s, l) = (draw(&small), draw(&large));
    assert!(ratio(s, l) < 6.0, "{s:?} then {l:?}");
    // The end of the query shows, and the cursor stands after it.
    let t = render(&large);
    let row: String = super::tests::rows(&t)[3].clone();
    assert!(row.contains("taihu taihu"), "{row}");
}

#[test]
fn a_long_evidence_field_is_drawn_in_the_time_of_what_shows() {
    let form = |chars: usize, at_start: bool| {
        let mut a = app_at(vec![fixture::doc()], 120, 40);
        let mut source = Editor::new(&"x".repeat(chars), false);
        if at_start {
            source.line_start();
        }
        a.form = Some(EvidenceForm {
            doc: 0,
            id: 1,
            fields: [source, Editor::new("", false), Editor::new("", false)],
            focus: 0,
            error: None,
        });
        a.mode = Mode::Evidence;
        a
    };
    for at_start in [false, true] {
        let (small, large) = (form(1_000, at_start), form(16_000, at_start));
        let draw = |a: &App| {
            fastest(5, || {
                render(a);
            })
        };
        let (s, l) = (draw(&small), draw(&large));
        assert!(ratio(s, l) < 6.0, "at start {at_start}: {s:?} then {l:?}");
    }
}

#[test]
fn a_keystroke_in_a_long_note_costs_what_the_box_shows() {
    // A small screen, so the frame itself is cheap next to the note's text.
    let note = |chars: usize| {
        let mut a = app_at(vec![fixture::doc()], 60, 16);
        let text = "word ".repeat(chars / 5);
        a.note = Some(NoteEdit {
            doc: 0,
            id: 1,
            editor: Editor::new(&text, true),
            original: String::new(),
            scroll: 0,
        });
        a.mode = Mode::Note;
        app::update(&mut a, Action::LineEnd);
        a
    };
    // Type at the end, drawing each keystroke, as a typed paste does.
    let typing = |mut a: App| {
        fastest(3, || {
            for c in "more words ".chars().cycle().take(40) {
                app::update(&mut a, Action::Input(c));
                render(&a);
            }
        })
    };
    // 128 times the text: as fast when the work is what the box shows,
    // about 20 times slower when each keystroke wraps the whole line.
    let (s, l) = (typing(note(2_000)), typing(note(256_000)));
    assert!(ratio(s, l) < 6.0, "{s:?} then {l:?}");
}
