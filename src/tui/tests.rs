//! Explorer tests without a terminal: key sequences through the keymap and
//! `update`, then the state or a `TestBackend` frame checked.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

use super::app::{self, Action, App, Command, LastSearch, Mode, Pane};
use super::event::translate;
use super::fixture;
use super::palette::Palette;
use super::ui;
use super::worker::{SharedIndex, run_query};
use crate::model::Document;
use crate::search::{Hit, HitKind, SearchIndex, Session};

pub(super) fn app_at(docs: Vec<Document>, w: u16, h: u16) -> App {
    App::new(docs, Palette::color(), true, Rect::new(0, 0, w, h))
}

fn app() -> App {
    app_at(vec![fixture::doc()], 120, 40)
}

fn key(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    let ev = Event::Key(KeyEvent::new_with_kind(code, mods, KeyEventKind::Press));
    if let Some(a) = translate(&ev, app) {
        app::update(app, a);
    }
    settle(app);
}

/// Do what the event loop and the search worker would: carry out the
/// commands `update` left, answering each search over every open document.
fn settle(app: &mut App) {
    loop {
        let commands = app.take_commands();
        if commands.is_empty() {
            return;
        }
        for c in commands {
            app::update(app, answer(app, c));
        }
    }
}

/// The search worker's answer to a command, over all open documents.
pub(super) fn answer(app: &App, c: Command) -> Action {
    let Command::Search { id, query } = c;
    let index = SearchIndex::new(&app.docs);
    Action::SearchResults {
        id,
        hits: run_query(&index, &mut Session::new(), &query),
        query,
        documents: app.docs.len(),
        index: SharedIndex::new(index),
    }
}

/// Type keys as a user would: each char a key press, `\n` Enter, `\t` Tab,
/// `\x1b` Esc.
fn keys(app: &mut App, typed: &str) {
    for c in typed.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            '\x1b' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        key(app, code, KeyModifiers::NONE);
    }
}

pub(super) fn render(app: &App) -> Terminal<TestBackend> {
    let mut t =
        Terminal::new(TestBackend::new(app.screen.width, app.screen.height)).expect("test backend");
    t.draw(|f| ui::render(f, app)).expect("draw");
    t
}

pub(super) fn rows(t: &Terminal<TestBackend>) -> Vec<String> {
    let b = t.backend().buffer();
    (0..b.area.height)
        .map(|y| (0..b.area.width).map(|x| b[(x, y)].symbol()).collect())
        .collect()
}

pub(super) fn screen(app: &App) -> String {
    rows(&render(app)).join("\n")
}

/// The text inside a rect of the screen, row by row.
pub(super) fn region(app: &App, r: Rect) -> String {
    let all = rows(&render(app));
    all.iter()
        .skip(r.y as usize)
        .take(r.height as usize)
        .map(|row| {
            row.chars()
                .skip(r.x as usize)
                .take(r.width as usize)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn hit(kind: HitKind, id: usize, sentence: Option<usize>, text: &str) -> Hit {
    Hit {
        document: 0,
        kind,
        id,
        sentence,
        score: 1,
        text: text.into(),
        matches: vec![0, 1],
    }
}

/// The selected commitment's rows are all inside the statement's viewport.
fn assert_selection_visible(app: &App) {
    let Some(c) = app.selected_commitment() else {
        return;
    };
    let Some(a) = app.areas() else { return };
    let h = ui::inner(a.statement).height as usize;
    let rows = app
        .commitment_rows(&app.statement_layout(), c)
        .expect("rows");
    let top = app.state().scroll;
    // One taller than the pane shows from its start.
    let fits = rows.end <= top + h || (rows.len() >= h && rows.start == top);
    assert!(
        top <= rows.start && fits,
        "commitment {} rows {rows:?} outside view {top}..{}",
        c.id,
        top + h
    );
}

// ---- state ----

#[test]
fn starts_at_the_top_on_all_with_the_first_commitment() {
    let a = app();
    assert_eq!(
        (a.state().theme, a.state().selected, a.state().scroll),
        (0, Some(1), 0)
    );
    assert_eq!((a.focus, a.mode), (Pane::Themes, Mode::Normal));
    assert_eq!(a.theme_commitments().ids(), [1, 2, 3, 4, 5, 6, 7]);
}

#[test]
fn walking_themes_follows_with_the_selection() {
    let mut a = app();
    keys(&mut a, "j");
    assert_eq!(
        (a.state().theme, a.state().selected),
        (1, Some(1)),
        "1 is in innovation: kept"
    );
    keys(&mut a, "j");
    assert_eq!(
        (a.state().theme, a.state().selected),
        (2, Some(4)),
        "ecology starts at 4"
    );
    keys(&mut a, "j");
    assert_eq!(
        a.theme_commitments().ids(),
        [2, 6, 7],
        "transport, reading order"
    );
    assert_eq!(a.state().selected, Some(2));
    keys(&mut a, "jj");
    assert_eq!(a.state().theme, 3, "stops at the last theme");
    keys(&mut a, "g");
    assert_eq!(a.state().theme, 0);
    keys(&mut a, "G");
    assert_eq!(a.state().theme, 3);
}

#[test]
fn enter_on_a_theme_goes_to_its_first_commitment_and_j_k_step_within_it() {
    let mut a = app();
    keys(&mut a, "jj\n");
    assert_eq!((a.focus, a.state().selected), (Pane::Statement, Some(4)));
    keys(&mut a, "j");
    assert_eq!(a.state().selected, Some(5));
    keys(&mut a, "j");
    assert_eq!(a.state().selected, Some(5), "no wrap past the theme's last");
    assert!(a.status.as_ref().is_some_and(|s| s.text.contains("last")));
    keys(&mut a, "k");
    assert_eq!(a.state().selected, Some(4));
    assert!(a.status.is_none(), "a key clears the message");
    keys(&mut a, "\n");
    assert_eq!(a.focus, Pane::Detail);
}

#[test]
fn statement_steps_through_all_commitments_in_reading_order_and_keeps_them_in_view() {
    let mut a = app_at(vec![fixture::doc()], 80, 24);
    keys(&mut a, "\t");
    assert_eq!(a.focus, Pane::Statement);
    let mut seen = vec![a.state().selected];
    for _ in 0..6 {
        keys(&mut a, "j");
        assert_selection_visible(&a);
        seen.push(a.state().selected);
    }
    assert_eq!(seen, (1..=7).map(Some).collect::<Vec<_>>());
    assert!(
        a.state().scroll > 0,
        "the last paragraphs are below the first screen at 80x24"
    );
    keys(&mut a, "g");
    assert_eq!((a.state().selected, a.state().scroll), (Some(1), 0));
    keys(&mut a, "G");
    assert_eq!(a.state().selected, Some(7));
    assert_selection_visible(&a);
}

#[test]
fn page_down_scrolls_and_selects_the_first_commitment_in_view() {
    let mut a = app_at(vec![fixture::doc()], 80, 24);
    keys(&mut a, "\t");
    key(&mut a, KeyCode::PageDown, KeyModifiers::NONE);
    let sel = a.state().selected.expect("something selected");
    assert!(sel > 1, "moved on from the first commitment, got {sel}");
    assert_selection_visible(&a);
    for _ in 0..5 {
        key(&mut a, KeyCode::PageDown, KeyModifiers::NONE);
    }
    assert_eq!(
        a.state().selected,
        Some(7),
        "at the end a page down reaches the last"
    );
    key(&mut a, KeyCode::Home, KeyModifiers::NONE);
    assert_eq!(a.state().selected, Some(1));
}

#[test]
fn focus_moves_with_tab_backtab_and_h_l() {
    let mut a = app();
    keys(&mut a, "\t");
    assert_eq!(a.focus, Pane::Statement);
    keys(&mut a, "\t");
    assert_eq!(a.focus, Pane::Detail);
    keys(&mut a, "\t");
    assert_eq!(a.focus, Pane::Themes);
    key(&mut a, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(a.focus, Pane::Detail);
    keys(&mut a, "hhh");
    assert_eq!(a.focus, Pane::Themes, "h stops at the left");
    keys(&mut a, "l");
    key(&mut a, KeyCode::Right, KeyModifiers::NONE);
    key(&mut a, KeyCode::Right, KeyModifiers::NONE);
    assert_eq!(a.focus, Pane::Detail);
    key(&mut a, KeyCode::Left, KeyModifiers::NONE);
    assert_eq!(a.focus, Pane::Statement);
}

#[test]
fn q_quits_but_is_a_letter_in_search_and_ctrl_c_always_quits() {
    let mut a = app();
    keys(&mut a, "/q");
    assert_eq!(
        (a.mode, a.search.query.as_str(), a.quit),
        (Mode::Search, "q", false)
    );
    key(&mut a, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(a.quit);
    let mut a = app();
    keys(&mut a, "q");
    assert!(a.quit);
    let mut a = app();
    keys(&mut a, "?");
    key(&mut a, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(a.quit);
}

#[test]
fn key_releases_and_repeats_do_nothing() {
    let a = app();
    for kind in [KeyEventKind::Release, KeyEventKind::Repeat] {
        let ev = Event::Key(KeyEvent::new_with_kind(
            KeyCode::Char('q'),
            KeyModifiers::NONE,
            kind,
        ));
        assert_eq!(translate(&ev, &a), None);
    }
    assert_eq!(translate(&Event::FocusGained, &a), None);
    assert_eq!(
        translate(&Event::Resize(30, 7), &a),
        Some(Action::Resize {
            width: 30,
            height: 7
        })
    );
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut a = app_at(vec![fixture::doc()], 80, 24);
    keys(&mut a, "?");
    assert_eq!(a.mode, Mode::Help);
    keys(&mut a, "jj");
    assert_eq!(a.help_scroll, 2, "the key list is longer than 24 rows");
    keys(&mut a, "G");
    let bottom = a.help_scroll;
    keys(&mut a, "j");
    assert_eq!(a.help_scroll, bottom, "no scrolling past the end");
    keys(&mut a, "\x1b");
    assert_eq!(a.mode, Mode::Normal);
    keys(&mut a, "??");
    assert_eq!(a.mode, Mode::Normal, "? toggles");
}

#[test]
fn esc_leaves_search_where_you_were() {
    let mut a = app();
    keys(&mut a, "jj\nj");
    let (states, focus) = (a.states.clone(), a.focus);
    keys(&mut a, "/Taihu");
    assert_eq!((a.mode, a.search.query.as_str()), (Mode::Search, "Taihu"));
    key(&mut a, KeyCode::Backspace, KeyModifiers::NONE);
    assert_eq!(a.search.query, "Taih");
    key(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(a.search.query, "");
    keys(&mut a, "zzqx\x1b");
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!((a.states.clone(), a.focus), (states, focus));
}

#[test]
fn enter_on_a_blank_search_just_closes_it() {
    let mut a = app();
    keys(&mut a, "/  \n");
    assert_eq!(a.mode, Mode::Normal);
    assert!(a.last_search.is_none());
}

#[test]
fn search_hits_are_chosen_with_arrows_and_ctrl_n_p_and_taken_with_enter() {
    let mut a = app();
    keys(&mut a, "/x");
    // Hits as the index would give them; the jump logic is what is tested.
    a.search.hits = vec![
        hit(HitKind::Commitment, 6, None, "promote the construction"),
        hit(HitKind::Entity, 2, None, "Taihu Lake"),
        hit(HitKind::Theme, 3, None, "Transport & infrastructure"),
    ];
    key(&mut a, KeyCode::Down, KeyModifiers::NONE);
    key(&mut a, KeyCode::Char('n'), KeyModifiers::CONTROL);
    key(&mut a, KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(a.search.selected, 2, "stops at the last hit");
    key(&mut a, KeyCode::Char('p'), KeyModifiers::CONTROL);
    assert_eq!(a.match_count(), Some((2, 3)));
    keys(&mut a, "\n");
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(
        a.state().selected,
        Some(4),
        "the first commitment naming Taihu Lake"
    );
    assert_eq!(a.status.as_ref().map(|s| s.text.as_str()), Some("2/3"));
    // n and N walk the same hits, wrapping.
    keys(&mut a, "n");
    assert_eq!((a.state().theme, a.focus), (3, Pane::Themes));
    keys(&mut a, "n");
    assert_eq!(a.state().selected, Some(6));
    assert_eq!(a.status.as_ref().map(|s| s.text.as_str()), Some("1/3"));
    keys(&mut a, "N");
    assert_eq!(a.last_search.as_ref().map(|l| l.position), Some(2));
}

#[test]
fn enter_without_hits_stays_in_search_and_says_so() {
    let mut a = app();
    keys(&mut a, "/x");
    a.search.hits.clear();
    keys(&mut a, "\n");
    assert_eq!(a.mode, Mode::Search);
    assert!(a.status.as_ref().is_some_and(|s| s.error));
}

#[test]
fn a_commitment_hit_outside_the_theme_switches_to_its_primary_theme() {
    let mut a = app();
    keys(&mut a, "jj");
    assert_eq!(a.state().theme, 2);
    a.jump(&hit(HitKind::Commitment, 2, None, ""));
    assert_eq!(
        a.state().theme,
        1,
        "innovation is commitment 2's primary theme"
    );
    assert_eq!((a.state().selected, a.focus), (Some(2), Pane::Statement));
    // On "All" the theme stays.
    keys(&mut a, "hg");
    a.jump(&hit(HitKind::Commitment, 7, None, ""));
    assert_eq!((a.state().theme, a.state().selected), (0, Some(7)));
    assert_selection_visible(&a);
}

#[test]
fn a_sentence_hit_marks_the_sentence_and_selects_its_first_commitment() {
    let mut a = app_at(vec![fixture::doc()], 80, 24);
    a.jump(&hit(HitKind::Sentence, 3, Some(1), ""));
    assert_eq!(a.state().selected, Some(5));
    assert_eq!(a.state().mark, Some((3, 1)));
    assert_selection_visible(&a);
    // A sentence without commitments: nothing selected, its paragraph shown.
    a.jump(&hit(HitKind::Sentence, 5, Some(0), ""));
    assert_eq!(a.state().selected, None);
    let layout = a.statement_layout();
    let para5 = layout.para_rows(4).expect("paragraph 5");
    let h = ui::inner(a.areas().expect("areas").statement).height as usize;
    let top = a.state().scroll;
    assert!(
        top <= para5.start && para5.end <= top + h,
        "{para5:?} not in view from {top}"
    );
    keys(&mut a, "\x1b");
    assert_eq!(a.state().mark, None, "Esc clears the mark");
}

#[test]
fn an_entity_hit_without_commitments_shows_its_first_mention() {
    let mut a = app();
    a.jump(&hit(HitKind::Entity, 4, None, "Hefei"));
    assert_eq!(a.state().selected, None);
    assert!(a.status.as_ref().is_some_and(|s| s.text.contains("Hefei")));
}

#[test]
fn bad_hits_are_reported_not_panicked_on() {
    let mut a = app();
    for h in [
        Hit {
            document: 9,
            ..hit(HitKind::Commitment, 1, None, "")
        },
        hit(HitKind::Commitment, 99, None, ""),
        hit(HitKind::Entity, 0, None, ""),
        hit(HitKind::Theme, 42, None, ""),
        hit(HitKind::Sentence, 77, Some(9), ""),
    ] {
        a.status = None;
        a.jump(&h);
        let _ = screen(&a);
    }
    assert!(a.status.is_some() || a.state().mark.is_some());
}

#[test]
fn n_without_a_search_says_how_to_search() {
    let mut a = app();
    keys(&mut a, "n");
    assert!(
        a.status
            .as_ref()
            .is_some_and(|s| s.error && s.text.contains('/'))
    );
    a.last_search = Some(LastSearch {
        hits: Vec::new(),
        position: 0,
    });
    keys(&mut a, "nN");
}

#[test]
fn brackets_switch_documents_and_each_keeps_its_place() {
    let mut a = app_at(vec![fixture::doc(), fixture::second()], 120, 40);
    keys(&mut a, "jj");
    assert_eq!(a.state().theme, 2);
    keys(&mut a, "]");
    assert_eq!(
        (a.current, a.state().theme, a.state().selected),
        (1, 0, Some(1))
    );
    assert!(screen(&a).contains("document 2 of 2"));
    keys(&mut a, "]");
    assert_eq!(
        (a.current, a.state().theme),
        (0, 2),
        "wraps, and the place is kept"
    );
    keys(&mut a, "[");
    assert_eq!(a.current, 1);
    let mut single = app();
    keys(&mut single, "]");
    assert_eq!(single.current, 0);
    assert!(
        single
            .status
            .as_ref()
            .is_some_and(|s| s.text.contains("one document"))
    );
}

#[test]
fn m_toggles_mouse_capture() {
    let mut a = app();
    assert!(a.mouse);
    keys(&mut a, "m");
    assert!(!a.mouse);
    assert!(screen(&a).contains("mouse capture off"));
    keys(&mut a, "m");
    assert!(a.mouse);
}

#[test]
fn clicks_select_themes_and_commitments() {
    let mut a = app();
    let areas = a.areas().expect("areas");
    let themes = ui::inner(areas.themes);
    app::update(
        &mut a,
        Action::Click {
            column: themes.x + 2,
            row: themes.y + 2,
        },
    );
    assert_eq!((a.focus, a.state().theme), (Pane::Themes, 2));
    // Back to All, then click on commitment 6's first character.
    app::update(
        &mut a,
        Action::Click {
            column: themes.x + 2,
            row: themes.y,
        },
    );
    let layout = a.statement_layout();
    let c6 = a.doc().commitment(6).expect("c6").clone();
    let row = a.commitment_rows(&layout, &c6).expect("rows").start;
    let r = &layout.row(a.doc(), row).expect("row");
    let para = a
        .doc()
        .paragraph_at(r.paragraph.expect("paragraph row"))
        .expect("paragraph");
    let col = super::text::width(&para.text[r.range.start..c6.span.start]) + layout.gutter;
    let inner = ui::inner(areas.statement);
    let screen_row = inner.y + (row - a.state().scroll) as u16;
    app::update(
        &mut a,
        Action::Click {
            column: inner.x + col as u16,
            row: screen_row,
        },
    );
    assert_eq!((a.focus, a.state().selected), (Pane::Statement, Some(6)));
    app::update(
        &mut a,
        Action::Click {
            column: areas.detail.x + 3,
            row: areas.detail.y + 3,
        },
    );
    assert_eq!(a.focus, Pane::Detail);
    // Header, footer and borders are harmless.
    app::update(&mut a, Action::Click { column: 0, row: 0 });
    app::update(
        &mut a,
        Action::Click {
            column: 500,
            row: 500,
        },
    );
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    let mut a = app_at(vec![fixture::doc()], 80, 24);
    let s = a.areas().expect("areas").statement;
    app::update(
        &mut a,
        Action::Wheel {
            column: s.x + 5,
            row: s.y + 3,
            down: true,
        },
    );
    assert_eq!(a.state().scroll, 3);
    app::update(
        &mut a,
        Action::Wheel {
            column: s.x + 5,
            row: s.y + 3,
            down: false,
        },
    );
    app::update(
        &mut a,
        Action::Wheel {
            column: s.x + 5,
            row: s.y + 3,
            down: false,
        },
    );
    assert_eq!(a.state().scroll, 0);
    for _ in 0..100 {
        app::update(
            &mut a,
            Action::Wheel {
                column: s.x + 5,
                row: s.y + 3,
                down: true,
            },
        );
    }
    let max = a.statement_layout().len() - ui::inner(s).height as usize;
    assert_eq!(a.state().scroll, max, "stops at the end");
    // j after wheeling away picks up from the selection and brings it back.
    keys(&mut a, "\tj");
    assert_selection_visible(&a);
}

#[test]
fn detail_pane_scrolls_within_bounds() {
    let mut a = app_at(vec![fixture::doc()], 80, 24);
    keys(&mut a, "\t\t");
    assert_eq!(a.focus, Pane::Detail);
    keys(&mut a, "j");
    assert_eq!(a.state().detail_scroll, 1);
    keys(&mut a, "G");
    let bottom = a.state().detail_scroll;
    assert!(bottom > 1);
    keys(&mut a, "j");
    assert_eq!(a.state().detail_scroll, bottom);
    keys(&mut a, "g");
    assert_eq!(a.state().detail_scroll, 0);
}

#[test]
fn resizing_to_nothing_and_back_keeps_the_selection_in_view() {
    let mut a = app_at(vec![fixture::doc()], 120, 40);
    keys(&mut a, "\tGk");
    for (w, h) in [
        (1, 1),
        (0, 0),
        (20, 5),
        (39, 9),
        (40, 10),
        (80, 24),
        (120, 40),
    ] {
        app::update(
            &mut a,
            Action::Resize {
                width: w,
                height: h,
            },
        );
        let _ = screen(&a);
        assert_selection_visible(&a);
        keys(&mut a, "jk");
    }
    assert_eq!(a.state().selected, Some(6));
}

// ---- rendering ----

#[test]
fn detail_pane_shows_the_commitment_in_full() {
    let mut a = app();
    keys(&mut a, "jj\nj");
    assert_eq!(a.state().selected, Some(5));
    let detail = region(&a, a.areas().expect("areas").detail);
    // Wrapped rows joined back into running text.
    let flat = detail
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '│' || c.is_whitespace()))
        .collect::<Vec<_>>()
        .join(" ");
    for want in [
        "#5 · paragraph 3 · sentence 2",
        fixture::ACTOR,
        "Modality  will",
        "Ecology & environment",
        "Taihu Lake (place)",
        "Sentence",
        "They will jointly explore",
        "Shares an entity with",
        "#4 · paragraph 3 · via Taihu Lake",
    ] {
        assert!(flat.contains(want), "{want:?} not in\n{detail}");
    }
}

#[test]
fn header_shows_title_date_and_source() {
    let a = app();
    let header = &rows(&render(&a))[0];
    assert!(header.contains(fixture::TITLE), "{header}");
    assert!(header.contains("2023-06-07 16:36:13") && header.contains("ourjiangsu.com"));
    assert!(!header.contains("document 1 of"));
}

#[test]
fn themes_pane_lists_all_first_with_counts() {
    let a = app();
    let pane = region(&a, a.areas().expect("areas").themes);
    let lines: Vec<&str> = pane.lines().collect();
    assert!(lines[1].contains("All") && lines[1].trim_end_matches('│').trim_end().ends_with('7'));
    assert!(lines[2].contains("Science & technology") && lines[2].contains(" 3"));
    assert!(lines[4].contains("Transport") && lines[4].contains(" 3"));
}

#[test]
fn footer_shows_the_keys_of_the_pane_and_mode() {
    let mut a = app();
    let footer = |a: &App| rows(&render(a)).last().cloned().unwrap_or_default();
    assert!(footer(&a).contains("j/k theme") && footer(&a).contains("q quit"));
    keys(&mut a, "\t");
    assert!(footer(&a).contains("j/k commitment"));
    keys(&mut a, "/");
    let f = footer(&a);
    assert!(f.contains("Esc back") && !f.contains("q quit"), "{f}");
    keys(&mut a, "\x1b?");
    assert!(footer(&a).contains("Esc close"));
}

#[test]
fn help_lists_every_binding() {
    let mut a = app_at(vec![fixture::doc()], 200, 60);
    keys(&mut a, "?");
    // Page through it all.
    let mut s = screen(&a);
    for _ in 0..10 {
        key(&mut a, KeyCode::PageDown, KeyModifiers::NONE);
        s.push_str(&screen(&a));
    }
    for b in super::keys::BINDINGS {
        assert!(s.contains(b.help), "help is missing {:?}", b.help);
    }
}

#[test]
fn too_small_terminals_get_a_notice() {
    for (w, h) in [(39, 24), (80, 9), (39, 9), (20, 5)] {
        let a = app_at(vec![fixture::doc()], w, h);
        let s = screen(&a);
        assert!(s.contains("too small"), "{w}x{h}:\n{s}");
        assert!(!s.contains("Themes"));
    }
    let a = app_at(vec![fixture::doc()], 40, 10);
    assert!(screen(&a).contains("Themes"));
}

#[test]
fn no_size_panics_in_any_mode() {
    let widths = [
        0, 1, 2, 3, 5, 10, 20, 39, 40, 41, 57, 80, 99, 100, 101, 133, 260,
    ];
    let heights = [0, 1, 2, 3, 4, 5, 9, 10, 11, 13, 24, 40, 70];
    for &w in &widths {
        for &h in &heights {
            let mut a = app_at(vec![fixture::doc(), fixture::second()], w, h);
            let _ = screen(&a);
            keys(&mut a, "\tGjj?");
            let _ = screen(&a);
            keys(&mut a, "G\x1b/Ta");
            a.search.hits = vec![hit(
                HitKind::Commitment,
                4,
                None,
                "strengthen the ecological protection",
            )];
            let _ = screen(&a);
            keys(&mut a, "\n]");
            let _ = screen(&a);
        }
    }
}

#[test]
fn document_text_never_reaches_the_terminal_as_control_characters() {
    let mut a = app_at(vec![fixture::doc(), fixture::second()], 120, 40);
    keys(&mut a, "]");
    let s = screen(&a);
    assert!(
        s.contains("Second [2J statement notes"),
        "{}",
        &rows(&render(&a))[0]
    );
    assert!(!s.chars().any(|c| c.is_control() && c != '\n'));
}

#[test]
fn wide_characters_keep_their_columns() {
    let mut a = app_at(vec![fixture::doc(), fixture::second()], 80, 24);
    keys(&mut a, "]");
    let t = render(&a);
    let b = t.backend().buffer();
    let s = a.areas().expect("areas").statement;
    let right = s.x + s.width - 1;
    let mut found = false;
    for y in s.y + 1..s.y + s.height - 1 {
        let row: String = (s.x..right).map(|x| b[(x, y)].symbol()).collect();
        if row.contains('发') {
            found = true;
        }
        assert_eq!(
            b[(right, y)].symbol(),
            "│",
            "border moved on row {y}: {row}"
        );
    }
    assert!(found, "the CJK line is shown");
}

#[test]
fn colours_mark_the_selection_and_dim_the_context() {
    let mut a = app();
    keys(&mut a, "jj\n");
    let t = render(&a);
    let b = t.backend().buffer();
    let (sel_cell, context_cell) = cells(&a, 4);
    assert_eq!(b[sel_cell].bg, Color::Yellow, "selected commitment");
    assert_eq!(
        b[context_cell].fg,
        Color::DarkGray,
        "paragraph 1 has no ecology commitment"
    );

    let mut m = App::new(
        vec![fixture::doc()],
        Palette::mono(),
        true,
        Rect::new(0, 0, 120, 40),
    );
    keys(&mut m, "jj\n");
    let t = render(&m);
    let b = t.backend().buffer();
    assert!(b[sel_cell].modifier.contains(Modifier::REVERSED));
    assert!(b[context_cell].modifier.contains(Modifier::DIM));
    for y in 0..40 {
        for x in 0..120 {
            assert_eq!(
                (b[(x, y)].fg, b[(x, y)].bg),
                (Color::Reset, Color::Reset),
                "colour at {x},{y}"
            );
        }
    }
}

/// Screen cells of commitment `id`'s first char and of paragraph 1's first char.
fn cells(a: &App, id: usize) -> ((u16, u16), (u16, u16)) {
    let layout = a.statement_layout();
    let inner = ui::inner(a.areas().expect("areas").statement);
    let c = a.doc().commitment(id).expect("commitment");
    let row = a.commitment_rows(&layout, c).expect("rows").start;
    let r = &layout.row(a.doc(), row).expect("row");
    let para = a
        .doc()
        .paragraph_at(r.paragraph.expect("text row"))
        .expect("paragraph");
    let col = super::text::width(&para.text[r.range.start..c.span.start]) + layout.gutter;
    let top = a.state().scroll;
    let sel = (inner.x + col as u16, inner.y + (row - top) as u16);
    let p1 = layout.para_rows(0).expect("paragraph 1").start;
    assert!(p1 >= top, "paragraph 1 in view");
    (
        sel,
        (inner.x + layout.gutter as u16, inner.y + (p1 - top) as u16),
    )
}

// ---- snapshots ----

fn snapshot_app(w: u16, h: u16) -> App {
    let mut a = app_at(vec![fixture::doc()], w, h);
    keys(&mut a, "jj\nj");
    a
}

#[test]
fn snapshot_80x24() {
    insta::assert_snapshot!(render(&snapshot_app(80, 24)).backend());
}

#[test]
fn snapshot_120x40() {
    insta::assert_snapshot!(render(&snapshot_app(120, 40)).backend());
}

#[test]
fn snapshot_200x60() {
    insta::assert_snapshot!(render(&snapshot_app(200, 60)).backend());
}

#[test]
fn snapshot_tiny() {
    for (w, h) in [(1, 1), (20, 5), (39, 9)] {
        let name = format!("tiny_{w}x{h}");
        insta::assert_snapshot!(name, render(&snapshot_app(w, h)).backend());
    }
}

#[test]
fn snapshot_search_overlay() {
    let mut a = snapshot_app(80, 24);
    keys(&mut a, "/taihu");
    // ASCII texts: byte offsets are char indices.
    let on = |kind, id, sentence, text: &str| {
        let at = text.find("Taihu").expect("Taihu in text");
        Hit {
            matches: (at..at + 5).collect(),
            ..hit(kind, id, sentence, text)
        }
    };
    a.search.hits = vec![
        on(
            HitKind::Commitment,
            4,
            None,
            "strengthen the ecological protection of the Yangtze River and a new round of comprehensive cleanup of the Taihu Lake water environment",
        ),
        on(HitKind::Entity, 2, None, "Taihu Lake"),
        on(
            HitKind::Sentence,
            3,
            Some(1),
            "They will jointly explore the inter-provincial ecological protection compensation mechanism in the Taihu Lake Basin, the statement said.",
        ),
    ];
    a.search.selected = 1;
    insta::assert_snapshot!(render(&a).backend());
}

#[test]
fn snapshot_help_overlay() {
    let mut a = snapshot_app(80, 24);
    keys(&mut a, "?");
    insta::assert_snapshot!(render(&a).backend());
}

// ---- the embedded statement, through the real parser and search ----

fn embedded_at(w: u16, h: u16) -> App {
    let doc = crate::parse::embedded(&crate::taxonomy::Taxonomy::embedded());
    app_at(vec![doc], w, h)
}

fn detail_text(a: &App) -> String {
    region(a, a.areas().expect("areas").detail)
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '│' || c.is_whitespace()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn embedded_themes_walk_and_counts() {
    let mut a = embedded_at(120, 40);
    let n = a.doc().themes.len();
    assert!(n >= 5, "the statement spans many themes");
    let pane = region(&a, a.areas().expect("areas").themes);
    let all = pane
        .lines()
        .nth(1)
        .unwrap_or_default()
        .trim_matches(|c: char| c == '│' || c == ' ');
    assert!(all.starts_with("All"), "{all}");
    assert!(
        all.ends_with(&a.doc().commitments.len().to_string()),
        "{all}"
    );
    for t in 1..=n {
        keys(&mut a, "j");
        assert_eq!(a.state().theme, t);
        let theme = &a.doc().themes[t - 1];
        // A theme of the taxonomy the statement never touches (`finance`)
        // is listed with 0 and selects nothing.
        let Some(sel) = a.state().selected else {
            assert!(
                theme.commitments.is_empty(),
                "theme {} has commitments",
                theme.id
            );
            continue;
        };
        assert!(
            theme.commitments.contains(&sel),
            "theme {} selects its own",
            theme.id
        );
        assert!(screen(&a).contains(&format!("1/{}", theme.commitments.len())));
        assert_selection_visible(&a);
    }
}

#[test]
fn embedded_search_g60_shows_the_corridor_commitment() {
    let mut a = embedded_at(120, 40);
    keys(&mut a, "/G60");
    assert!(!a.search.hits.is_empty(), "the search index finds G60");
    keys(&mut a, "\n");
    let c = a.selected_commitment().expect("a commitment is selected");
    assert!(
        c.text
            .contains("G60 Science and Technology Innovation Corridor"),
        "{}",
        c.text
    );
    assert_eq!(a.focus, Pane::Statement);
    assert_selection_visible(&a);
    let detail = detail_text(&a);
    assert!(
        detail.contains("G60 Science and Technology Innovation Corridor"),
        "{detail}"
    );
    assert!(detail.contains(&format!("paragraph {}", c.paragraph)));
    insta::assert_snapshot!(render(&a).backend());
}

#[test]
fn embedded_search_taihu_then_n_walks_the_hits() {
    let mut a = embedded_at(120, 40);
    keys(&mut a, "/Taihu");
    let total = a.search.hits.len();
    assert!(total >= 2, "Taihu is in two commitments");
    insta::assert_snapshot!(render(&a).backend());
    keys(&mut a, "\n");
    assert!(
        a.selected_commitment()
            .is_some_and(|c| c.text.contains("Taihu"))
    );
    let mut seen = Vec::new();
    for _ in 0..total {
        keys(&mut a, "n");
        seen.push(a.last_search.as_ref().map(|l| l.position));
    }
    assert_eq!(seen.last(), Some(&Some(0)), "n wraps back to the first hit");
}

#[test]
fn embedded_statement_at_80x24_and_200x60() {
    let mut a = embedded_at(80, 24);
    keys(&mut a, "\tjjj");
    insta::assert_snapshot!("embedded_80x24", render(&a).backend());
    let mut a = embedded_at(200, 60);
    keys(&mut a, "jjjjjj\nj");
    insta::assert_snapshot!("embedded_200x60", render(&a).backend());
}

// ---- the README's key table ----

#[test]
fn readme_key_table_matches_the_keymap() {
    const START: &str = "<!-- keys:start";
    const END: &str = "<!-- keys:end -->";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let start = readme.find(START).expect("start marker");
    let start = start + readme[start..].find('\n').expect("marker line") + 1;
    let end = readme.find(END).expect("end marker");
    let table = super::keys::markdown_table();
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{table}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).expect("write README.md");
        return;
    }
    assert_eq!(
        &readme[start..end],
        table,
        "the key table is stale: UPDATE_README=1 cargo test readme"
    );
}

#[test]
fn snapshot_overlays_at_every_size() {
    for (w, h) in [(120, 40), (200, 60), (39, 9)] {
        let mut a = embedded_at(w, h);
        keys(&mut a, "?");
        insta::assert_snapshot!(format!("help_{w}x{h}"), render(&a).backend());
        keys(&mut a, "\x1b/hongqiao");
        insta::assert_snapshot!(format!("search_{w}x{h}"), render(&a).backend());
    }
}

// ---- many documents: loading, the document list, the search worker ----

/// Statement `i` of the generated corpus, parsed, as if read from `corpus/`.
fn corpus_doc(i: usize) -> Document {
    let path = format!("corpus/{}", crate::corpus::file_name(i));
    crate::parse::parse(
        &crate::corpus::generate(i),
        Some(&path),
        &crate::taxonomy::Taxonomy::embedded(),
    )
}

fn header(a: &App) -> String {
    rows(&render(a))[0].clone()
}

fn footer_row(a: &App) -> String {
    rows(&render(a)).last().cloned().unwrap_or_default()
}

fn load_error(path: &str, message: &str) -> crate::load::LoadError {
    crate::load::LoadError {
        path: path.into(),
        message: message.into(),
    }
}

/// An explorer opened on the first of `listed` files, as `run_files` does.
fn loading_app(listed: usize) -> App {
    let mut a = app_at(vec![corpus_doc(0)], 120, 40);
    a.begin_loading(listed, 1, Vec::new());
    a
}

fn deliver(a: &mut App, doc: Document) {
    app::update(a, Action::DocumentLoaded(Box::new(doc)));
    settle(a);
}

#[test]
fn the_first_document_is_usable_while_the_rest_load() {
    let mut a = loading_app(4);
    assert!(a.loading.active());
    assert!(
        header(&a).contains("document 1 of 1 · loading 1/4"),
        "{}",
        header(&a)
    );
    // Keys work on the first document at once.
    keys(&mut a, "j\n");
    assert_eq!((a.focus, a.state().theme), (Pane::Statement, 1));
    let selected = a.state().selected;
    assert!(selected.is_some());
    keys(&mut a, "j");
    assert_ne!(a.state().selected, selected);
    // A message stays while documents arrive; the next key clears it.
    keys(&mut a, "m");
    deliver(&mut a, corpus_doc(1));
    assert!(a.status.as_ref().is_some_and(|s| s.text.contains("mouse")));
    assert!(header(&a).contains("document 1 of 2 · loading 2/4"));
    // The reader stays where they were; the new one opens at its top.
    assert_eq!(
        (a.current, a.focus, a.state().theme),
        (0, Pane::Statement, 1)
    );
    keys(&mut a, "]");
    assert_eq!((a.current, a.state().theme), (1, 0));
    assert_eq!(
        a.state().selected,
        a.docs[1].commitments.first().map(|c| c.id)
    );
    deliver(&mut a, corpus_doc(2));
    deliver(&mut a, corpus_doc(3));
    assert!(!a.loading.active());
    assert!(!header(&a).contains("loading"), "{}", header(&a));
    assert_eq!(
        a.status.as_ref().map(|s| s.text.as_str()),
        Some("loaded 4 documents")
    );
    assert!(header(&a).contains("document 2 of 4"));
}

#[test]
fn progress_counts_failures_and_they_are_listed_by_bang() {
    let mut a = loading_app(3);
    assert!(!footer_row(&a).contains("! skipped"));
    app::update(
        &mut a,
        Action::LoadFailed(load_error("corpus/bad\\u{1b}.txt", "the file is empty")),
    );
    assert!(
        header(&a).contains("loading 2/3 · 1 skipped"),
        "{}",
        header(&a)
    );
    assert!(footer_row(&a).contains("! skipped"));
    deliver(&mut a, corpus_doc(2));
    assert!(!a.loading.active());
    assert_eq!(a.docs.len(), 2);
    let status = a.status.clone().expect("a message on finishing");
    assert!(status.error);
    assert_eq!(status.text, "1 file skipped: ! lists it");
    keys(&mut a, "!");
    assert_eq!(a.mode, Mode::Skipped);
    let s = screen(&a);
    assert!(s.contains("1 file skipped · Esc closes"), "{s}");
    assert!(s.contains("corpus/bad\\u{1b}.txt"), "{s}");
    assert!(s.contains("the file is empty"), "{s}");
    keys(&mut a, "!");
    assert_eq!(a.mode, Mode::Normal);
    keys(&mut a, "!\x1b");
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn paths_bad_before_the_explorer_opened_are_listed_too() {
    let mut a = app_at(vec![corpus_doc(0)], 100, 30);
    // Three files listed: one missing before listing even finished, one
    // unreadable before the first good one, then the first document.
    a.begin_loading(
        2,
        2,
        vec![
            load_error("gone/", "no such file or folder"),
            load_error("a.txt", "binary file, not text (NUL byte at byte offset 3)"),
        ],
    );
    assert!(!a.loading.active());
    assert_eq!(
        a.status.as_ref().map(|s| s.text.as_str()),
        Some("2 files skipped: ! lists them")
    );
    keys(&mut a, "!");
    let s = screen(&a);
    assert!(
        s.contains("gone/") && s.contains("NUL byte at byte offset 3"),
        "{s}"
    );
    let mut clean = app();
    keys(&mut clean, "!");
    assert_eq!(clean.mode, Mode::Normal);
    assert!(
        clean
            .status
            .as_ref()
            .is_some_and(|s| s.text.contains("no file was skipped"))
    );
}

#[test]
fn a_long_skipped_list_scrolls_within_bounds() {
    let mut a = app_at(vec![corpus_doc(0)], 80, 24);
    let errors: Vec<_> = (0..40)
        .map(|i| load_error(&format!("f{i}.txt"), "the file is empty"))
        .collect();
    a.begin_loading(1, 1, errors);
    keys(&mut a, "!G");
    let bottom = a.skipped_scroll;
    assert!(bottom > 0);
    assert!(screen(&a).contains("f39.txt"));
    keys(&mut a, "j");
    assert_eq!(a.skipped_scroll, bottom, "no scrolling past the end");
    keys(&mut a, "g");
    assert_eq!(a.skipped_scroll, 0);
    assert!(screen(&a).contains("f0.txt"));
}

#[test]
fn the_document_list_filters_opens_and_closes() {
    let docs: Vec<Document> = (0..6).map(corpus_doc).collect();
    let mut a = app_at(docs, 120, 40);
    keys(&mut a, "]]");
    assert_eq!(a.current, 2);
    keys(&mut a, "o");
    assert_eq!(a.mode, Mode::Documents);
    assert_eq!(a.doc_list.rows, [0, 1, 2, 3, 4, 5]);
    assert_eq!(
        a.doc_list.selected, 2,
        "the list opens on the current document"
    );
    let s = screen(&a);
    assert!(s.contains("Documents · 6"), "{s}");
    assert!(s.contains("statement-0005.txt"), "{s}");
    let title: String = a.docs[4].title.chars().take(30).collect();
    assert!(s.contains(&title), "{s}");
    // Letters are the filter here, not keys: `j` types.
    keys(&mut a, "j");
    assert_eq!((a.mode, a.doc_list.query.as_str()), (Mode::Documents, "j"));
    key(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    // By file name.
    keys(&mut a, "0004");
    assert_eq!(a.doc_list.rows.first(), Some(&4), "{:?}", a.doc_list.rows);
    assert!(screen(&a).contains("Documents · 1 of 6"), "{}", screen(&a));
    keys(&mut a, "\n");
    assert_eq!((a.mode, a.current), (Mode::Normal, 4));
    assert!(header(&a).contains("document 5 of 6"));
    // By date: every document whose date has the year.
    let year = a.docs[1].published.clone().expect("a date")[..4].to_string();
    keys(&mut a, "o");
    keys(&mut a, &year);
    // Exact occurrences rank first.
    let first = &a.docs[a.doc_list.rows[0]];
    assert!(
        first.title.contains(&year)
            || first
                .published
                .as_deref()
                .is_some_and(|d| d.starts_with(&year)),
        "{year}: {:?}",
        first.published
    );
    assert!(a.doc_list.rows.contains(&1));
    // Esc leaves the current document as it was.
    keys(&mut a, "\x1b");
    assert_eq!((a.mode, a.current), (Mode::Normal, 4));
    // A filter that keeps nothing says so, and Enter does not leave.
    keys(&mut a, "ozzzzqqq");
    assert!(a.doc_list.rows.is_empty());
    assert!(screen(&a).contains("No document matches"));
    keys(&mut a, "\n");
    assert_eq!(a.mode, Mode::Documents);
    assert!(a.status.as_ref().is_some_and(|s| s.error));
}

#[test]
fn the_document_list_moves_with_keys_and_wheel() {
    let docs: Vec<Document> = (0..5).map(corpus_doc).collect();
    let mut a = app_at(docs, 100, 30);
    keys(&mut a, "o");
    key(&mut a, KeyCode::Down, KeyModifiers::NONE);
    key(&mut a, KeyCode::Char('n'), KeyModifiers::CONTROL);
    assert_eq!(a.doc_list.selected, 2);
    key(&mut a, KeyCode::End, KeyModifiers::NONE);
    assert_eq!(a.doc_list.selected, 4);
    key(&mut a, KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(a.doc_list.selected, 4, "stops at the last");
    app::update(
        &mut a,
        Action::Wheel {
            column: 10,
            row: 10,
            down: false,
        },
    );
    assert_eq!(a.doc_list.selected, 3);
    key(&mut a, KeyCode::Home, KeyModifiers::NONE);
    keys(&mut a, "\n");
    assert_eq!(a.current, 0);
}

#[test]
fn documents_loaded_while_the_list_is_open_join_it_in_place() {
    let mut a = loading_app(5);
    keys(&mut a, "o");
    assert!(screen(&a).contains("loading 1/5"));
    deliver(&mut a, corpus_doc(1));
    assert_eq!(a.doc_list.rows, [0, 1], "no filter: listed order");
    assert_eq!(a.doc_list.selected, 0);
    // With a filter, only the documents it keeps join, ranked.
    keys(&mut a, "statement-0003");
    let before = a.doc_list.rows.clone();
    deliver(&mut a, corpus_doc(2));
    deliver(&mut a, corpus_doc(3));
    assert_eq!(a.doc_list.rows.first(), Some(&3), "{:?}", a.doc_list.rows);
    assert!(a.doc_list.rows.len() > before.len());
    // The list is what filtering all of them from scratch gives.
    let incremental = a.doc_list.rows.clone();
    key(&mut a, KeyCode::Backspace, KeyModifiers::NONE);
    keys(&mut a, "3");
    assert_eq!(a.doc_list.rows, incremental);
}

#[test]
fn stale_search_answers_are_ignored() {
    let mut a = app();
    keys(&mut a, "/");
    // Type without the worker answering.
    app::update(&mut a, Action::Input('T'));
    let first = a.take_commands();
    app::update(&mut a, Action::Input('a'));
    let second = a.take_commands();
    let (Some(Command::Search { id: old, .. }), Some(Command::Search { id: new, query })) =
        (first.first(), second.first())
    else {
        panic!("each keystroke asks for a search: {first:?} {second:?}");
    };
    assert!(new > old);
    assert_eq!(query, "Ta");
    assert!(a.search.pending());
    assert_eq!(a.match_count(), None);
    assert!(footer_row(&a).contains("searching…"));
    // The answer to "T" comes late: dropped.
    let late = answer(&a, first[0].clone());
    app::update(&mut a, late);
    assert!(a.search.hits.is_empty());
    assert!(a.search.pending());
    // The answer to "Ta" is taken.
    let current = answer(&a, second[0].clone());
    app::update(&mut a, current);
    assert!(!a.search.pending());
    assert!(!a.search.hits.is_empty());
    assert!(
        a.search
            .hits
            .iter()
            .all(|h| h.text.to_lowercase().contains("ta"))
    );
    // An answer after the overlay closed changes nothing either.
    keys(&mut a, "\x1b");
    let hits_before = a.last_search.is_none();
    let repeat = answer(&a, second[0].clone());
    app::update(&mut a, repeat);
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.last_search.is_none(), hits_before);
}

#[test]
fn enter_before_the_answer_jumps_when_it_comes() {
    let mut a = embedded_at(120, 40);
    keys(&mut a, "/");
    for c in "G60".chars() {
        app::update(&mut a, Action::Input(c));
    }
    app::update(&mut a, Action::Enter);
    assert_eq!(a.mode, Mode::Search, "nothing to jump to yet");
    let commands = a.take_commands();
    let last = commands.last().cloned().expect("search commands");
    let answered = answer(&a, last);
    app::update(&mut a, answered);
    assert_eq!(a.mode, Mode::Normal);
    assert!(
        a.selected_commitment()
            .is_some_and(|c| c.text.contains("G60"))
    );
}

#[test]
fn a_growing_index_answers_again_and_keeps_the_chosen_hit() {
    let mut a = loading_app(3);
    keys(&mut a, "/ecological");
    let n1 = a.search.hits.len();
    assert!(n1 >= 2);
    assert_eq!(a.search.answered.as_ref().map(|x| x.documents), Some(1));
    // Not every document is searched yet: the overlay says so.
    assert!(
        screen(&a).contains("1 of 3 documents searched"),
        "{}",
        screen(&a)
    );
    key(&mut a, KeyCode::Down, KeyModifiers::NONE);
    let chosen = a.search.hits[1].clone();
    // Documents arrive; the worker answers the same query over more of them.
    app::update(&mut a, Action::DocumentLoaded(Box::new(corpus_doc(1))));
    let again = answer(
        &a,
        Command::Search {
            id: a.search.id,
            query: "ecological".into(),
        },
    );
    app::update(&mut a, again);
    assert!(a.search.hits.len() > n1);
    let now = &a.search.hits[a.search.selected];
    assert_eq!(
        (now.document, now.kind, now.id, now.sentence),
        (chosen.document, chosen.kind, chosen.id, chosen.sentence)
    );
    assert!(screen(&a).contains("2 of 3 documents searched"));
}

#[test]
fn hits_name_their_document_and_enter_switches_to_it() {
    let docs: Vec<Document> = (0..3).map(corpus_doc).collect();
    let lake = docs[2]
        .entities
        .iter()
        .find(|e| e.name.ends_with(" Lake"))
        .map(|e| e.name.clone())
        .expect("a lake in statement 2");
    let mut a = app_at(docs, 120, 40);
    keys(&mut a, &format!("/{lake}"));
    let s = screen(&a);
    assert!(s.contains("statement-0002.txt · "), "{s}");
    let at = a
        .search
        .hits
        .iter()
        .position(|h| h.document == 2)
        .expect("a hit in statement 2");
    for _ in 0..at {
        key(&mut a, KeyCode::Down, KeyModifiers::NONE);
    }
    keys(&mut a, "\n");
    assert_eq!((a.mode, a.current), (Mode::Normal, 2));
    assert!(header(&a).contains("document 3 of 3"));
}

#[test]
fn only_the_hits_on_screen_are_highlighted() {
    let docs: Vec<Document> = (0..4).map(corpus_doc).collect();
    let mut a = app_at(docs, 100, 24);
    keys(&mut a, "/the");
    let n = a.search.hits.len();
    let room = ui::search::visible_hits(a.screen);
    assert!(n > room * 2, "{n} hits, {room} rows");
    // Hits are lit up to the last one shown, none beyond.
    let lit_up_to = |a: &App, end: usize| {
        let hits = &a.search.hits;
        assert!(hits[..end].iter().all(|h| !h.matches.is_empty()));
        assert!(hits[end..].iter().all(|h| h.matches.is_empty()));
    };
    lit_up_to(&a, room);
    key(&mut a, KeyCode::PageDown, KeyModifiers::NONE);
    key(&mut a, KeyCode::PageDown, KeyModifiers::NONE);
    assert_eq!(a.search.selected, room * 2);
    lit_up_to(&a, room * 2 + 1);
    // What is highlighted is what a full search gives.
    let full = SearchIndex::new(&a.docs).search("the", app::SEARCH_LIMIT);
    for (h, f) in a.search.hits.iter().zip(&full).take(room * 2 + 1) {
        assert_eq!(h.matches, f.matches);
    }
}

#[test]
fn esc_after_documents_arrived_during_a_search_goes_back_to_the_same_place() {
    let mut a = loading_app(3);
    keys(&mut a, "jj\tj");
    let (theme, selected) = (a.state().theme, a.state().selected);
    keys(&mut a, "/taihu");
    deliver(&mut a, corpus_doc(1));
    keys(&mut a, "\x1b");
    assert_eq!(
        (a.current, a.state().theme, a.state().selected, a.focus),
        (0, theme, selected, Pane::Statement)
    );
    assert_eq!(a.states.len(), 2);
}

#[test]
fn detail_pane_shows_a_deadline_and_the_figures() {
    let text = "Port plan\n\nPublished: 2024-03-01\n\nThe port will add over 12 million tonnes of capacity within three years.\n";
    let doc = crate::parse::parse(text, None, &crate::taxonomy::Taxonomy::embedded());
    assert_eq!(doc.commitments.len(), 1);
    let mut a = app_at(vec![doc], 120, 40);
    keys(&mut a, "\n");
    let detail = region(&a, a.areas().expect("areas").detail);
    for want in [
        "Deadline  within three years (2027)",
        "Figures   over 12 million tonnes",
    ] {
        assert!(detail.contains(want), "{want:?} not in\n{detail}");
    }
}
