//! Tracking in the explorer without a terminal: keys in, then the explorer's
//! state, the screen and the tracker file (in a temporary folder) checked.
//! The tracking thread's work is done in line by a `TrackerHost`, as the
//! search worker's is by `tests::answer`.

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use serde_json::Value;

use super::app::{self, Action, App, Mode, Pane};
use super::event::translate;
use super::fixture;
use super::palette::Palette;
use super::tests::{answer, app_at, region, render, rows, screen};
use super::tracking::TrackerHost;
use super::ui;
use crate::model::Document;
use crate::track::{Location, Status, TrackError};

/// An explorer with its tracker on a file in a temporary folder.
struct Session {
    app: App,
    host: TrackerHost,
    path: PathBuf,
    dir: tempfile::TempDir,
}

impl Session {
    fn new(w: u16, h: u16) -> Session {
        Session::open(vec![fixture::doc()], None, w, h)
    }

    /// With `contents` in the tracker file before the explorer opens.
    fn open(docs: Vec<Document>, contents: Option<&[u8]>, w: u16, h: u16) -> Session {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("tracker.json");
        if let Some(bytes) = contents {
            std::fs::write(&path, bytes).expect("write tracker");
        }
        let host = TrackerHost::open(&docs, Location::File(path.clone()));
        let mut app = app_at(docs, w, h);
        app.attach_tracking(host.views());
        Session {
            app,
            host,
            path,
            dir,
        }
    }

    fn press(&mut self, code: KeyCode, mods: KeyModifiers) {
        let ev = Event::Key(KeyEvent::new_with_kind(code, mods, KeyEventKind::Press));
        if let Some(a) = translate(&ev, &self.app) {
            app::update(&mut self.app, a);
        }
        self.settle();
    }

    fn ctrl(&mut self, c: char) {
        self.press(KeyCode::Char(c), KeyModifiers::CONTROL);
    }

    /// Type as a user would: `\n` Enter, `\t` Tab, `\x1b` Esc, `\x08` Backspace.
    fn keys(&mut self, typed: &str) {
        for c in typed.chars() {
            let code = match c {
                '\n' => KeyCode::Enter,
                '\t' => KeyCode::Tab,
                '\x1b' => KeyCode::Esc,
                '\x08' => KeyCode::Backspace,
                c => KeyCode::Char(c),
            };
            self.press(code, KeyModifiers::NONE);
        }
    }

    fn act(&mut self, action: Action) {
        app::update(&mut self.app, action);
        self.settle();
    }

    /// Carry out what `update` left: searches, and tracking requests in order.
    fn settle(&mut self) {
        loop {
            let commands = self.app.take_commands();
            let requests = self.app.take_track_requests();
            if commands.is_empty() && requests.is_empty() {
                return;
            }
            for c in commands {
                let a = answer(&self.app, c);
                app::update(&mut self.app, a);
            }
            for r in requests {
                let reply = self.host.handle(r);
                app::update(&mut self.app, Action::Tracked(Box::new(reply)));
            }
        }
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&std::fs::read(&self.path).expect("tracker file")).expect("JSON")
    }

    /// The stored entry of the commitment with this id in document 0.
    fn entry(&self, id: usize) -> Value {
        let text = self.app.docs[0]
            .commitment(id)
            .expect("commitment")
            .text
            .clone();
        let v = self.json();
        let doc = v["documents"]
            .as_object()
            .and_then(|d| d.values().next())
            .cloned()
            .expect("a document in the file");
        doc["commitments"]
            .as_array()
            .and_then(|cs| cs.iter().find(|c| c["text"] == text.as_str()).cloned())
            .unwrap_or(Value::Null)
    }

    fn status_text(&self) -> String {
        self.app
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }

    fn screen(&self) -> String {
        screen(&self.app)
    }
}

/// Select commitment `id` from "All", the statement pane focused.
fn select(s: &mut Session, id: usize) {
    s.keys("hhhglg");
    assert_eq!(s.app.focus, Pane::Statement);
    while s.app.state().selected != Some(id) {
        let before = s.app.state().selected;
        s.keys("j");
        assert_ne!(
            s.app.state().selected,
            before,
            "commitment {id} not reached"
        );
    }
}

// ---- the status menu ----

#[test]
fn s_opens_the_menu_and_enter_saves_the_chosen_status() {
    let mut s = Session::new(120, 40);
    s.keys("s");
    assert_eq!(s.app.mode, Mode::StatusMenu);
    assert_eq!(s.app.menu.cursor, 0, "on the current status: not rated");
    s.keys("jjj");
    assert!(!s.path.exists(), "nothing saved before Enter");
    s.keys("\n");
    assert_eq!(s.app.mode, Mode::Normal);
    assert_eq!(s.app.track_status(1), Status::Done);
    assert_eq!(s.entry(1)["status"], "done");
    assert!(s.entry(1)["updated"].is_string());
    assert_eq!(s.status_text(), "#1 saved: status done");
    // The menu opens on the status it has now; letters and digits choose.
    s.keys("s");
    assert_eq!(s.app.menu.cursor, 3);
    s.keys("d");
    assert_eq!(s.app.menu.cursor, 5, "d from done: dropped");
    s.keys("d");
    assert_eq!(s.app.menu.cursor, 3, "d again: done");
    s.keys("p");
    assert_eq!(s.app.menu.cursor, 1);
    s.keys("k");
    s.keys("k");
    assert_eq!(s.app.menu.cursor, 5, "k wraps to the last");
    s.keys("2\n");
    assert_eq!(s.entry(1)["status"], "planned");
    // Esc cancels: the file stays as it is.
    let before = std::fs::read(&s.path).expect("file");
    s.keys("s6\x1b");
    assert_eq!(s.app.mode, Mode::Normal);
    assert_eq!(s.app.track_status(1), Status::Planned);
    assert_eq!(std::fs::read(&s.path).expect("file"), before);
    // A letter no status starts with says so and moves nothing.
    s.keys("sz");
    assert_eq!(s.app.menu.cursor, 1);
    assert!(s.status_text().contains("no status"));
}

#[test]
fn the_statement_gutter_and_detail_pane_show_the_status() {
    let mut s = Session::new(120, 40);
    select(&mut s, 4);
    s.keys("s4\n");
    let a = s.app.areas().expect("areas");
    let inner = ui::inner(a.statement);
    let layout = s.app.statement_layout();
    let c4 = s.app.doc().commitment(4).expect("c4").clone();
    let first = s.app.commitment_rows(&layout, &c4).expect("rows").start;
    let t = render(&s.app);
    let row = &rows(&t)[(inner.y as usize) + first - s.app.state().scroll];
    let gutter: String = row
        .chars()
        .skip(inner.x as usize)
        .take(layout.gutter)
        .collect();
    assert!(gutter.contains('●'), "{gutter:?}");
    // Only the commitment's first row carries it, and unrated ones none.
    let all = region(&s.app, inner);
    assert_eq!(all.matches('●').count(), 1, "{all}");
    let detail = region(&s.app, a.detail);
    assert!(detail.contains("Status    ● done"), "{detail}");
    assert!(detail.contains("Updated   20"), "{detail}");
    assert!(detail.contains(" UTC"), "{detail}");
}

// ---- the note editor ----

#[test]
fn the_note_editor_takes_several_lines_and_ctrl_s_saves() {
    let mut s = Session::new(120, 40);
    s.keys("e");
    assert_eq!(s.app.mode, Mode::Note);
    s.keys("Berths opened\nairports: pending");
    assert_eq!(
        s.app.note.as_ref().map(|n| n.editor.text()),
        Some("Berths opened\nairports: pending"),
        "q, j, s and : are text here"
    );
    s.ctrl('s');
    assert_eq!(s.app.mode, Mode::Normal);
    assert_eq!(s.entry(1)["note"], "Berths opened\nairports: pending");
    let detail = region(&s.app, s.app.areas().expect("areas").detail);
    assert!(detail.contains("Note      Berths opened"), "{detail}");
    assert!(detail.contains("          airports: pending"), "{detail}");
    // Editing again starts from the saved note, cursor at its end.
    s.keys("e");
    assert_eq!(
        s.app.note.as_ref().map(|n| n.editor.line_column()),
        Some((2, 18))
    );
}

#[test]
fn esc_with_changes_asks_before_discarding() {
    let mut s = Session::new(120, 40);
    s.keys("eFirst draft");
    s.ctrl('s');
    let saved = std::fs::read(&s.path).expect("saved");
    // Unchanged: Esc just closes.
    s.keys("e\x1b");
    assert_eq!(s.app.mode, Mode::Normal);
    // Changed: Esc asks; n goes back to the text as it was.
    s.keys("e, more");
    s.keys("\x1b");
    assert_eq!(s.app.mode, Mode::Discard);
    assert!(s.screen().contains("Discard the changes?"));
    s.keys("n");
    assert_eq!(s.app.mode, Mode::Note);
    assert_eq!(
        s.app.note.as_ref().map(|n| n.editor.text()),
        Some("First draft, more")
    );
    // y discards; nothing is written.
    s.keys("\x1by");
    assert_eq!(s.app.mode, Mode::Normal);
    assert!(s.app.note.is_none());
    assert_eq!(std::fs::read(&s.path).expect("file"), saved);
    assert_eq!(s.entry(1)["note"], "First draft");
    // Ctrl-S without a change saves nothing.
    s.keys("e");
    s.ctrl('s');
    assert_eq!(s.status_text(), "note unchanged");
    assert_eq!(std::fs::read(&s.path).expect("file"), saved);
}

#[test]
fn ctrl_c_in_a_changed_note_asks_before_quitting() {
    let mut s = Session::new(80, 24);
    s.keys("eunsaved");
    s.ctrl('c');
    assert!(!s.app.quit);
    assert_eq!(s.app.mode, Mode::Discard);
    assert!(s.screen().contains("Quit without saving?"));
    s.keys("n");
    assert_eq!(s.app.mode, Mode::Note);
    s.ctrl('c');
    s.keys("y");
    assert!(s.app.quit);
    assert!(!s.path.exists(), "nothing was saved");
    // Ctrl-C again at the question is a yes, but still waits for saves.
    let mut t = Session::new(80, 24);
    t.keys("s4\n");
    app::update(&mut t.app, Action::OpenNote);
    app::update(&mut t.app, Action::Input('x'));
    app::update(&mut t.app, Action::Quit);
    assert_eq!(t.app.mode, Mode::Discard);
    app::update(&mut t.app, Action::Quit);
    assert!(t.app.quit);
    let mut u = Session::new(80, 24);
    for a in [
        Action::OpenStatusMenu,
        Action::Input('4'),
        Action::Enter,
        Action::OpenNote,
        Action::Input('x'),
        Action::Quit,
        Action::Quit,
    ] {
        app::update(&mut u.app, a);
    }
    assert!(!u.app.quit, "the status is still being saved");
    u.settle();
    assert!(u.app.quit);
    assert_eq!(u.entry(1)["status"], "done");
}

#[test]
fn a_paste_of_many_chars_goes_in_whole_either_way() {
    let text: String = (0..400)
        .map(|i| format!("line {i} 发布 “quoted”"))
        .collect::<Vec<_>>()
        .join("\n");
    // Bracketed paste: one event.
    let mut s = Session::new(100, 30);
    s.keys("e");
    s.act(Action::Paste(text.replace('\n', "\r\n")));
    s.ctrl('s');
    assert_eq!(s.entry(1)["note"].as_str(), Some(text.as_str()));
    // Without it, key by key (a newline is Enter).
    let mut k = Session::new(100, 30);
    k.keys("e");
    let typed: String = text.chars().take(3000).collect();
    k.keys(&typed);
    k.ctrl('s');
    assert_eq!(k.entry(1)["note"].as_str(), Some(typed.as_str()));
    // The cursor's row stays in view at the end of it all.
    k.keys("e");
    let note = k.app.note.clone().expect("editor");
    let area = ui::edit::note_text_area(k.app.screen);
    let rows = note.editor.rows(area.width as usize);
    let (row, _) = note.editor.cursor_at(&rows);
    assert!(row >= note.scroll && row < note.scroll + area.height as usize);
}

#[test]
fn the_editor_cursor_follows_wide_chars_and_wrapping() {
    let mut s = Session::new(80, 24);
    s.keys("e发布时间 ");
    let area = ui::edit::note_text_area(s.app.screen);
    let t = render(&s.app);
    assert!(t.backend().cursor_visible());
    assert_eq!(
        t.backend().cursor_position(),
        ratatui::layout::Position::new(area.x + 9, area.y)
    );
    // A line longer than the box wraps at a blank; Up keeps the column.
    let long = "word ".repeat(40);
    s.keys(&long);
    let rows = s
        .app
        .note
        .as_ref()
        .map(|n| n.editor.rows(area.width as usize).len())
        .expect("editor");
    assert!(rows > 2, "{rows} rows");
    s.press(KeyCode::Up, KeyModifiers::NONE);
    s.press(KeyCode::Home, KeyModifiers::NONE);
    assert_eq!(s.app.note.as_ref().map(|n| n.editor.cursor()), Some(0));
    s.press(KeyCode::Down, KeyModifiers::NONE);
    s.press(KeyCode::Delete, KeyModifiers::NONE);
    let text = s.app.note.as_ref().map(|n| n.editor.text().to_string());
    assert!(text.is_some_and(|t| t.starts_with("发布时间 word") && t.len() == 13 + long.len() - 1));
}

// ---- the evidence form ----

#[test]
fn evidence_is_checked_then_added() {
    let mut s = Session::new(120, 40);
    s.keys("v");
    assert_eq!(s.app.mode, Mode::Evidence);
    s.keys("https://example.org/port-report\t2024-13\tfour new berths entered service\n");
    // A bad date: the form stays, says why and goes back to the date.
    assert_eq!(s.app.mode, Mode::Evidence);
    let form = s.app.form.clone().expect("form");
    assert_eq!(form.focus, 1);
    assert!(
        form.error
            .as_deref()
            .is_some_and(|e| e.contains("not a date")),
        "{:?}",
        form.error
    );
    assert!(
        s.screen().contains("is not a date like 2024-05-01"),
        "{}",
        s.screen()
    );
    assert!(!s.path.exists());
    s.keys("\x08\x0805\n");
    assert_eq!(s.app.mode, Mode::Normal);
    let e = &s.entry(1)["evidence"];
    assert_eq!(e[0]["source"], "https://example.org/port-report");
    assert_eq!(e[0]["date"], "2024-05");
    assert_eq!(e[0]["quote"], "four new berths entered service");
    let detail = region(&s.app, s.app.areas().expect("areas").detail);
    let flat: String = detail
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect();
    assert!(
        flat.contains(
            "Evidence1.https://example.org/port-report2024-05·“fournewberthsenteredservice”"
        ),
        "{detail}"
    );
    // No source: refused, back to the source field; an untouched form closes at once.
    s.keys("v\t\t2023\n");
    let form = s.app.form.clone().expect("form");
    assert_eq!(form.focus, 0);
    assert!(
        form.error
            .as_deref()
            .is_some_and(|e| e.contains("needs a source"))
    );
    s.keys("\x1b");
    assert_eq!(s.app.mode, Mode::Discard, "something was typed: asks");
    s.keys("y");
    s.keys("v\x1b");
    assert_eq!(s.app.mode, Mode::Normal);
    // Shift-Tab and the arrows move between fields too.
    s.keys("v");
    s.press(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(s.app.form.as_ref().map(|f| f.focus), Some(2));
    s.press(KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(s.app.form.as_ref().map(|f| f.focus), Some(0));
}

#[test]
fn x_removes_a_chosen_evidence_entry() {
    let mut s = Session::new(120, 40);
    s.keys("x");
    assert_eq!(s.app.mode, Mode::Normal);
    assert_eq!(s.status_text(), "#1 has no evidence to remove");
    s.keys("vfirst report\t2023\n");
    s.keys("vsecond report\t\tquoted\n");
    s.keys("x");
    assert_eq!(s.app.mode, Mode::Removal);
    assert!(
        s.screen().contains("2. second report · “quoted”"),
        "{}",
        s.screen()
    );
    s.keys("9");
    assert_eq!(s.status_text(), "no entry 9: choose 1 to 2");
    s.keys("j\x1b");
    assert_eq!(s.app.mode, Mode::Normal);
    assert_eq!(s.entry(1)["evidence"].as_array().map(Vec::len), Some(2));
    s.keys("x2\n");
    let left = s.entry(1)["evidence"].clone();
    assert_eq!(left.as_array().map(Vec::len), Some(1));
    assert_eq!(left[0]["source"], "first report");
    assert_eq!(s.status_text(), "#1 saved: evidence removed");
}

// ---- the filter ----

#[test]
fn the_filter_shows_only_one_status_and_j_k_step_through_it() {
    let mut s = Session::new(120, 40);
    for (id, digit) in [(2, '4'), (5, '4'), (6, '3')] {
        select(&mut s, id);
        s.keys(&format!("s{digit}\n"));
    }
    s.keys("F");
    assert_eq!(s.app.mode, Mode::StatusMenu);
    assert_eq!(s.app.menu.cursor, 0, "all statuses");
    s.keys("4\n");
    assert_eq!(s.app.filter, Some(Status::Done));
    assert_eq!(s.app.theme_commitments().ids(), [2, 5]);
    assert!(
        s.screen().contains("Statement · All · only done"),
        "{}",
        s.screen()
    );
    s.keys("g");
    assert_eq!(s.app.state().selected, Some(2));
    s.keys("j");
    assert_eq!(s.app.state().selected, Some(5));
    s.keys("j");
    assert_eq!(s.app.state().selected, Some(5), "the last done one");
    // A status changed under the filter: the selection stays, j/k go on from it.
    s.keys("s2\n");
    assert_eq!(s.app.theme_commitments().ids(), [2]);
    assert_eq!(s.app.state().selected, Some(5));
    s.keys("k");
    assert_eq!(s.app.state().selected, Some(2));
    // Within a theme too: transport has 2, 6, 7.
    s.keys("F3\n");
    s.keys("hjjj");
    assert_eq!(s.app.theme_commitments().ids(), [6]);
    // Nothing matching says so; 0 shows all again.
    s.keys("F6\n");
    assert!(s.app.theme_commitments().is_empty());
    assert!(s.app.status.as_ref().is_some_and(|m| m.error));
    s.keys("F0\n");
    assert_eq!(s.app.filter, None);
    assert_eq!(s.app.theme_commitments().ids(), [2, 6, 7]);
}

// ---- the theme pane ----

#[test]
fn the_theme_pane_shows_each_themes_progress() {
    let mut s = Session::new(120, 40);
    select(&mut s, 4);
    s.keys("s4\n");
    select(&mut s, 5);
    s.keys("s3\n");
    let pane = region(&s.app, s.app.areas().expect("areas").themes);
    let line = |name: &str| {
        pane.lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} in\n{pane}"))
            .to_string()
    };
    // Ecology: 4 done, 5 in progress of 2.
    assert!(line("Ecology").contains("███▒▒▒ 2"), "{pane}");
    // All: 1 done and 1 in progress of 7.
    assert!(line("All").contains("█▒···· 7"), "{pane}");
    assert!(line("Science").contains("······ 3"), "{pane}");
    // Narrow: the bar shrinks, then goes, before the names give way.
    s.act(Action::Resize {
        width: 80,
        height: 24,
    });
    let pane = region(&s.app, s.app.areas().expect("areas").themes);
    assert!(pane.contains("██▒▒ 2"), "{pane}");
    s.act(Action::Resize {
        width: 60,
        height: 24,
    });
    let pane = region(&s.app, s.app.areas().expect("areas").themes);
    assert!(!pane.contains('·') && pane.contains("Ecology"), "{pane}");
}

// ---- a bad tracker file ----

const CORRUPT: &[u8] = b"{\n  \"version\": 1,\n  \"documents\": {,}\n}\n";

#[test]
fn a_corrupt_tracker_is_explained_left_untouched_and_can_be_moved_aside() {
    let mut s = Session::open(vec![fixture::doc()], Some(CORRUPT), 120, 40);
    assert_eq!(s.app.mode, Mode::Tracking, "the notice opens by itself");
    let text = s.screen();
    assert!(text.contains("Tracking is read-only"), "{text}");
    assert!(text.contains("line 3, column 17"), "{text}");
    assert!(text.contains("y  move the bad file aside"), "{text}");
    s.keys("\x1b");
    assert_eq!(s.app.mode, Mode::Normal);
    assert!(rows(&render(&s.app))[0].contains("tracking read-only (T)"));
    assert!(
        rows(&render(&s.app))
            .last()
            .is_some_and(|f| f.contains("T read-only"))
    );
    // Every change is refused, with the reason.
    for k in ["s", "e", "v"] {
        s.keys(k);
        assert_eq!(s.app.mode, Mode::Normal, "{k}");
        let m = s.status_text();
        assert!(
            m.contains("read-only") && m.contains("line 3, column 17"),
            "{k}: {m}"
        );
    }
    // The filter still works: reading is fine.
    s.keys("F1\n");
    assert_eq!(s.app.theme_commitments().len(), 7);
    assert_eq!(std::fs::read(&s.path).expect("file"), CORRUPT);
    // T and y: moved aside, a fresh tracker, writable again.
    s.keys("Ty");
    assert_eq!(s.app.mode, Mode::Normal);
    assert!(s.tracking_is_writable());
    assert!(
        s.status_text().contains("moved aside to"),
        "{}",
        s.status_text()
    );
    let aside: Vec<PathBuf> = std::fs::read_dir(s.dir.path())
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| name(p).starts_with("tracker.json.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(std::fs::read(&aside[0]).expect("moved"), CORRUPT);
    assert!(!s.path.exists());
    s.keys("s4\n");
    assert_eq!(s.entry(1)["status"], "done");
}

#[test]
fn n_keeps_a_corrupt_file_and_a_readable_problem_offers_no_move() {
    let mut s = Session::open(vec![fixture::doc()], Some(CORRUPT), 80, 24);
    s.keys("n");
    assert_eq!(s.app.mode, Mode::Normal);
    assert_eq!(std::fs::read(&s.path).expect("file"), CORRUPT);
    // A folder where the file should be cannot be moved aside: no offer.
    let dir = tempfile::tempdir().expect("temp dir");
    let host = TrackerHost::open(&[fixture::doc()], Location::File(dir.path().to_path_buf()));
    let mut app = app_at(vec![fixture::doc()], 100, 30);
    app.attach_tracking(host.views());
    assert_eq!(app.mode, Mode::Tracking);
    let text = screen(&app);
    assert!(text.contains("not a regular file (a folder)"), "{text}");
    assert!(!text.contains("move the bad file aside"), "{text}");
    let before = app.take_track_requests();
    assert!(before.is_empty());
    app::update(&mut app, Action::Confirm);
    assert!(app.take_track_requests().is_empty(), "nothing to move");
}

impl Session {
    fn tracking_is_writable(&self) -> bool {
        self.app.tracking_problems().is_empty()
    }
}

fn name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

// ---- saving: failures, quitting, documents arriving ----

#[test]
fn a_failed_save_is_shown_kept_and_quitting_asks_first() {
    let mut s = Session::new(120, 40);
    // The lock file cannot be opened when a folder stands in its place.
    let lock = s.dir.path().join(".tracker.json.lock");
    std::fs::create_dir(&lock).expect("dir");
    s.keys("s4\n");
    assert!(s.status_text().contains("not saved"), "{}", s.status_text());
    assert!(s.app.status.as_ref().is_some_and(|m| m.error));
    assert_eq!(s.app.track_status(1), Status::Done, "kept in memory");
    assert!(rows(&render(&s.app))[0].contains("not saved"));
    s.keys("q");
    assert!(!s.app.quit, "the first q warns");
    assert!(s.status_text().contains("q again"), "{}", s.status_text());
    // The next change saves both.
    std::fs::remove_dir(&lock).expect("rmdir");
    select(&mut s, 2);
    s.keys("s2\n");
    assert_eq!(s.entry(1)["status"], "done");
    assert_eq!(s.entry(2)["status"], "planned");
    assert!(s.app.tracking.unsaved.is_empty());
    s.keys("q");
    assert!(s.app.quit);

    // Quitting for good without it.
    let mut t = Session::new(80, 24);
    std::fs::create_dir(t.dir.path().join(".tracker.json.lock")).expect("dir");
    t.keys("s4\nqq");
    assert!(t.app.quit);
}

#[test]
fn a_file_broken_while_open_keeps_the_change_until_it_is_moved_aside() {
    let mut s = Session::new(120, 40);
    s.keys("s2\n");
    std::fs::write(&s.path, CORRUPT).expect("break the file");
    s.keys("s4\n");
    let m = s.status_text();
    assert!(m.contains("line 3, column 17") && m.contains("kept"), "{m}");
    assert!(rows(&render(&s.app))[0].contains("tracking read-only (T)"));
    assert_eq!(s.app.track_status(1), Status::Done, "shown as changed");
    assert_eq!(
        std::fs::read(&s.path).expect("file"),
        CORRUPT,
        "never written over"
    );
    s.keys("q");
    assert!(!s.app.quit && s.status_text().contains("q again"));
    s.keys("Ty");
    assert!(s.app.tracking.unsaved.is_empty());
    assert_eq!(s.entry(1)["status"], "done", "saved into the fresh file");
    s.keys("q");
    assert!(s.app.quit);
}

#[test]
fn quitting_waits_for_saves_under_way() {
    let mut s = Session::new(80, 24);
    // Keys without the tracker answering yet.
    for a in [
        Action::OpenStatusMenu,
        Action::Input('4'),
        Action::Enter,
        Action::Quit,
    ] {
        app::update(&mut s.app, a);
    }
    assert!(!s.app.quit, "a save is under way");
    assert!(s.status_text().contains("saving"));
    s.settle();
    assert!(s.app.quit);
    assert_eq!(s.entry(1)["status"], "done");
}

#[test]
fn documents_loaded_later_are_tracked_too() {
    let mut s = Session::new(120, 40);
    s.app.begin_loading(2, 1, Vec::new());
    s.act(Action::DocumentLoaded(Box::new(fixture::second())));
    assert_eq!(s.app.tracking.docs.len(), 2);
    assert!(s.app.tracking.docs[1].is_some(), "read by the tracker");
    s.keys("]s3\n");
    assert_eq!(s.app.current, 1);
    let v = s.json();
    let docs = v["documents"].as_object().expect("documents");
    let second = docs
        .values()
        .find(|d| d["title"].as_str().is_some_and(|t| t.starts_with("Second")))
        .expect("the second document's entry");
    assert_eq!(second["commitments"][0]["status"], "in-progress");
}

#[test]
fn an_answer_older_than_a_change_shown_does_not_take_it_back() {
    let mut s = Session::new(80, 24);
    app::update(&mut s.app, Action::OpenStatusMenu);
    app::update(&mut s.app, Action::Input('4'));
    app::update(&mut s.app, Action::Enter);
    let first = s.app.take_track_requests();
    app::update(&mut s.app, Action::OpenNote);
    app::update(&mut s.app, Action::Input('x'));
    app::update(&mut s.app, Action::Save);
    let second = s.app.take_track_requests();
    // The first answer comes: the note typed since stays shown.
    let reply = s.host.handle(first[0].clone());
    app::update(&mut s.app, Action::Tracked(Box::new(reply)));
    let shown = |s: &Session| s.app.doc_tracking().and_then(|t| t.record(1)).cloned();
    assert_eq!(shown(&s).map(|r| r.note), Some("x".to_string()));
    let reply = s.host.handle(second[0].clone());
    app::update(&mut s.app, Action::Tracked(Box::new(reply)));
    let r = shown(&s).expect("record");
    assert_eq!((r.status, r.note.as_str()), (Status::Done, "x"));
    assert!(r.updated.is_some(), "the tracker's own record now");
}

#[test]
fn without_a_tracker_tracking_keys_say_so() {
    let mut a = app_at(vec![fixture::doc()], 80, 24);
    for action in [
        Action::OpenStatusMenu,
        Action::OpenNote,
        Action::OpenEvidence,
    ] {
        app::update(&mut a, action);
        assert_eq!(a.mode, Mode::Normal);
        assert!(
            a.status
                .as_ref()
                .is_some_and(|s| s.text.contains("not open"))
        );
    }
    assert!(a.take_track_requests().is_empty());
    // Loading a document asks the tracker nothing either.
    app::update(&mut a, Action::DocumentLoaded(Box::new(fixture::second())));
    assert!(a.take_track_requests().is_empty());
}

// ---- rendering ----

/// A frame as text with each `YYYY-MM-DD hh:mm UTC` (a last change, which
/// is now) written as a fixed time of the same width.
fn frame(app: &App) -> String {
    let text = render(app).backend().to_string();
    let chars: Vec<char> = text.chars().collect();
    let shape = "0000-00-00 00:00 UTC";
    let fits = |at: usize| {
        shape.chars().enumerate().all(|(k, want)| {
            chars.get(at + k).is_some_and(|&c| {
                if want == '0' {
                    c.is_ascii_digit()
                } else {
                    c == want
                }
            })
        })
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if fits(i) {
            out.push_str("2024-05-02 09:30 UTC");
            i += shape.chars().count();
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn frames_show_times_fixed() {
    let mut s = Session::new(120, 40);
    s.keys("s4\n");
    let f = frame(&s.app);
    assert!(f.contains("Status    ● done"), "{f}");
    assert!(f.contains("Updated   2024-05-02 09:30 UTC"), "{f}");
}

fn monochrome(mut s: Session) -> Session {
    s.app.palette = Palette::mono();
    s
}

#[test]
fn snapshot_status_menu() {
    let mut s = Session::new(80, 24);
    select(&mut s, 5);
    s.keys("s3\ns");
    insta::assert_snapshot!(frame(&s.app));
}

#[test]
fn snapshot_note_editor() {
    let mut s = Session::new(80, 24);
    select(&mut s, 4);
    s.keys("eTaihu cleanup: second round under way since 2023.\n\n");
    s.act(Action::Paste(
        "长三角 water quality report, table 3: a long line that has to wrap inside the box".into(),
    ));
    insta::assert_snapshot!(frame(&s.app));
}

#[test]
fn snapshot_evidence_form() {
    let mut s = Session::new(80, 24);
    s.keys("vhttps://example.org/a/rather/long/address/of/the/report/2024\t24-05\tberths");
    s.keys("\n");
    insta::assert_snapshot!(frame(&s.app));
}

#[test]
fn snapshot_read_only_notice() {
    let s = Session::open(vec![fixture::doc()], Some(CORRUPT), 80, 24);
    // The folder is a temporary one, of any length: name it the same each run.
    let mut views = s.host.views();
    if let Some(TrackError::Corrupt { path, .. }) = views[0].problem.as_mut() {
        *path = "statements/tracker.json".into();
    }
    let mut app = app_at(vec![fixture::doc()], 80, 24);
    app.attach_tracking(views);
    insta::assert_snapshot!(frame(&app));
}

#[test]
fn snapshot_theme_bars() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut s = monochrome(Session::new(w, h));
        for (id, digit) in [(1, '4'), (2, '3'), (4, '4'), (5, '4'), (6, '2'), (7, '5')] {
            select(&mut s, id);
            s.keys(&format!("s{digit}\n"));
        }
        s.keys("\x1b");
        insta::assert_snapshot!(format!("theme_bars_{w}x{h}"), frame(&s.app));
    }
}

#[test]
fn statuses_have_colours_and_monochrome_has_none() {
    use ratatui::style::{Color, Modifier};
    let mut s = Session::new(120, 40);
    select(&mut s, 4);
    s.keys("s4\n");
    let cell_of_symbol = |s: &Session| {
        let t = render(&s.app);
        let b = t.backend().buffer().clone();
        let inner = ui::inner(s.app.areas().expect("areas").statement);
        let at = (inner.x..inner.x + inner.width)
            .flat_map(|x| (inner.y..inner.y + inner.height).map(move |y| (x, y)))
            .find(|&xy| b[xy].symbol() == "●")
            .expect("the done symbol in the statement");
        b[at].clone()
    };
    assert_eq!(cell_of_symbol(&s).fg, Color::Green);
    s.app.palette = Palette::mono();
    let cell = cell_of_symbol(&s);
    assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
    assert!(cell.modifier.contains(Modifier::BOLD));
    s.keys("s");
    let t = render(&s.app);
    let b = t.backend().buffer();
    for y in 0..40 {
        for x in 0..120 {
            assert_eq!(
                (b[(x, y)].fg, b[(x, y)].bg),
                (Color::Reset, Color::Reset),
                "{x},{y}"
            );
        }
    }
}

#[test]
fn no_size_panics_with_tracking_overlays_open() {
    let sizes = [
        (0, 0),
        (1, 1),
        (3, 2),
        (10, 4),
        (20, 5),
        (39, 9),
        (40, 10),
        (45, 12),
        (80, 24),
    ];
    for (w, h) in sizes {
        let mut s = Session::open(vec![fixture::doc(), fixture::second()], None, w, h);
        s.keys("s");
        let _ = s.screen();
        s.keys("\x1bF");
        let _ = s.screen();
        s.keys("\x1bewide 发布 text\nand a second line that is long enough to wrap");
        let _ = s.screen();
        s.keys("\x1b");
        let _ = s.screen();
        s.keys("y");
        s.keys("vsource\t2024\tquote");
        let _ = s.screen();
        s.keys("\x1b");
        let _ = s.screen();
        s.keys("y");
        s.keys("vsource\n");
        s.keys("x");
        let _ = s.screen();
        s.keys("\x1b");
        for (w2, h2) in [(1, 1), (w, h)] {
            s.act(Action::Resize {
                width: w2,
                height: h2,
            });
            let _ = s.screen();
        }
        let mut bad = Session::open(vec![fixture::doc()], Some(CORRUPT), w, h);
        let _ = bad.screen();
        bad.keys("\x1bT");
        let _ = bad.screen();
    }
}

#[test]
fn nothing_typed_reaches_the_terminal_as_control_characters() {
    let mut s = Session::new(100, 30);
    s.keys("e");
    s.act(Action::Paste(
        "bell\u{7} esc\u{1b}[2J csi\u{9b}31m\ttab".into(),
    ));
    let shown = s.screen();
    assert!(
        !shown.chars().any(|c| c.is_control() && c != '\n'),
        "{shown}"
    );
    s.ctrl('s');
    let note = s.entry(1)["note"]
        .as_str()
        .map(str::to_string)
        .expect("note");
    assert!(
        !note.chars().any(|c| c.is_control() && c != '\t'),
        "{note:?}"
    );
    let detail = region(&s.app, s.app.areas().expect("areas").detail);
    assert!(!detail.chars().any(|c| c.is_control() && c != '\n'));
    let _ = Rect::default();
}
