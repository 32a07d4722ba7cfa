//! Fuzz the explorer's state machine: a session of keys, typing, pastes,
//! resizes, clicks, wheel turns and documents arriving, each applied as the
//! event loop applies it, searches and tracking answered in line, and the
//! screen drawn into a `TestBackend` after every step. No step may panic and
//! no cell of any frame may hold a control character.

#![no_main]

use arbitrary::Arbitrary;
use deltascope::load::LoadError;
use deltascope::model::Document;
use deltascope::parse::{embedded, parse};
use deltascope::search::{SearchIndex, Session};
use deltascope::taxonomy::Taxonomy;
use deltascope::track::Location;
use deltascope::tui::app::{self, Action, App, Command};
use deltascope::tui::event::translate;
use deltascope::tui::palette::Palette;
use deltascope::tui::tracking::TrackerHost;
use deltascope::tui::ui;
use deltascope::tui::worker::{SharedIndex, run_query};
use deltascope_fuzz::{control_char, folder};
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// Steps of one session beyond this are dropped, to keep a run quick.
const MAX_STEPS: usize = 120;
/// The largest screen tried; the smallest is 1x1.
const MAX_WIDTH: u16 = 300;
const MAX_HEIGHT: u16 = 100;

#[derive(Arbitrary, Debug)]
struct Input {
    /// A second document, parsed from this text, open from the start.
    statement: Option<String>,
    /// What the tracker file holds when the explorer opens, if it exists.
    tracker: Option<Vec<u8>>,
    width: u16,
    height: u16,
    monochrome: bool,
    mouse: bool,
    steps: Vec<Step>,
}

#[derive(Arbitrary, Debug)]
enum Step {
    /// A printable ASCII key (the byte folded into range), as most typing is.
    Ascii(u8),
    /// Any character as a key, control characters included.
    Char(char),
    Key(Key, u8),
    /// Characters typed one key press each.
    Typed(String),
    Paste(String),
    Resize(u16, u16),
    Click(u16, u16),
    Wheel(u16, u16, bool),
    /// The loader delivers a document parsed from this text.
    Loaded(String),
    /// The loader could not read the file at this path.
    Failed(String, String),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Key {
    Enter,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Esc,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    F(u8),
}

impl Key {
    fn code(self) -> KeyCode {
        match self {
            Key::Enter => KeyCode::Enter,
            Key::Tab => KeyCode::Tab,
            Key::BackTab => KeyCode::BackTab,
            Key::Backspace => KeyCode::Backspace,
            Key::Delete => KeyCode::Delete,
            Key::Esc => KeyCode::Esc,
            Key::Up => KeyCode::Up,
            Key::Down => KeyCode::Down,
            Key::Left => KeyCode::Left,
            Key::Right => KeyCode::Right,
            Key::Home => KeyCode::Home,
            Key::End => KeyCode::End,
            Key::PageUp => KeyCode::PageUp,
            Key::PageDown => KeyCode::PageDown,
            Key::F(n) => KeyCode::F(n % 13),
        }
    }
}

fn taxonomy() -> &'static Taxonomy {
    static TAXONOMY: OnceLock<Taxonomy> = OnceLock::new();
    TAXONOMY.get_or_init(Taxonomy::embedded)
}

fn seed_document() -> &'static Document {
    static DOC: OnceLock<Document> = OnceLock::new();
    DOC.get_or_init(|| embedded(taxonomy()))
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new_with_kind(
        code,
        modifiers,
        KeyEventKind::Press,
    ))
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

/// A screen size in range, from any two numbers.
fn size(width: u16, height: u16) -> (u16, u16) {
    (1 + width % MAX_WIDTH, 1 + height % MAX_HEIGHT)
}

/// The explorer with what its threads would do done in line: the search
/// worker's answers and the tracking thread's.
struct Explorer {
    app: App,
    host: TrackerHost,
    /// The search index of the documents open when it was built.
    index: Option<(usize, Arc<SearchIndex>)>,
    session: Session,
}

impl Explorer {
    /// As the event loop does: the event translated, the action applied,
    /// then the commands and requests it left carried out until none is left.
    fn input(&mut self, ev: &Event) {
        if let Some(action) = translate(ev, &self.app) {
            self.act(action);
        }
    }

    fn act(&mut self, action: Action) {
        app::update(&mut self.app, action);
        loop {
            let commands = self.app.take_commands();
            let requests = self.app.take_track_requests();
            if commands.is_empty() && requests.is_empty() {
                return;
            }
            for Command::Search { id, query } in commands {
                let index = self.index();
                let hits = run_query(&index, &mut self.session, &query);
                let documents = self.app.docs.len();
                app::update(
                    &mut self.app,
                    Action::SearchResults {
                        id,
                        query,
                        hits,
                        documents,
                        index: SharedIndex(index),
                    },
                );
            }
            for request in requests {
                let reply = self.host.handle(request);
                app::update(&mut self.app, Action::Tracked(Box::new(reply)));
            }
        }
    }

    fn index(&mut self) -> Arc<SearchIndex> {
        let open = self.app.docs.len();
        match &self.index {
            Some((n, index)) if *n == open => Arc::clone(index),
            _ => {
                let index = Arc::new(SearchIndex::new(&self.app.docs));
                self.index = Some((open, Arc::clone(&index)));
                self.session = Session::new();
                index
            }
        }
    }

    /// Draw a frame the size of the screen and check every cell.
    fn draw(&self) {
        let (w, h) = (self.app.screen.width.max(1), self.app.screen.height.max(1));
        let mut terminal = match Terminal::new(TestBackend::new(w, h)) {
            Ok(t) => t,
            Err(e) => panic!("no test terminal: {e}"),
        };
        if let Err(e) = terminal.draw(|frame| ui::render(frame, &self.app)) {
            panic!("drawing failed: {e}");
        }
        let buffer = terminal.backend().buffer();
        for (i, cell) in buffer.content().iter().enumerate() {
            if let Some((_, c)) = control_char(cell.symbol()) {
                let (x, y) = (i as u16 % w, i as u16 / w);
                panic!("control character {c:?} drawn at column {x}, row {y}");
            }
        }
    }
}

fuzz_target!(|input: Input| {
    let mut docs = vec![seed_document().clone()];
    if let Some(text) = &input.statement {
        docs.push(parse(text, Some("fuzzed.txt"), taxonomy()));
    }
    let path: PathBuf = folder().join("tracker.json");
    let _ = std::fs::remove_file(&path);
    if let Some(bytes) = &input.tracker
        && let Err(e) = std::fs::write(&path, bytes)
    {
        panic!("cannot write the tracker file: {e}");
    }
    let (w, h) = size(input.width, input.height);
    let palette = if input.monochrome {
        Palette::mono()
    } else {
        Palette::color()
    };
    let host = TrackerHost::open(&docs, Location::File(path));
    let mut app = App::new(docs, palette, input.mouse, Rect::new(0, 0, w, h));
    app.attach_tracking(host.views());
    let steps = &input.steps[..input.steps.len().min(MAX_STEPS)];
    let arriving = steps
        .iter()
        .filter(|s| matches!(s, Step::Loaded(_) | Step::Failed(..)))
        .count();
    let open = app.docs.len();
    app.begin_loading(open + arriving, open, Vec::new());
    let mut explorer = Explorer {
        app,
        host,
        index: None,
        session: Session::new(),
    };
    explorer.draw();
    for step in steps {
        match step {
            Step::Ascii(b) => {
                let c = char::from(b' ' + b % 95);
                explorer.input(&key(KeyCode::Char(c), KeyModifiers::NONE));
            }
            Step::Char(c) => explorer.input(&key(KeyCode::Char(*c), KeyModifiers::NONE)),
            Step::Key(k, mods) => {
                explorer.input(&key(k.code(), KeyModifiers::from_bits_truncate(*mods)));
            }
            Step::Typed(text) => {
                for c in text.chars().take(64) {
                    explorer.input(&key(KeyCode::Char(c), KeyModifiers::NONE));
                }
            }
            Step::Paste(text) => explorer.input(&Event::Paste(text.clone())),
            Step::Resize(width, height) => {
                let (w, h) = size(*width, *height);
                explorer.input(&Event::Resize(w, h));
            }
            Step::Click(x, y) => {
                let kind = MouseEventKind::Down(MouseButton::Left);
                explorer.input(&mouse(kind, *x % (MAX_WIDTH + 8), *y % (MAX_HEIGHT + 8)));
            }
            Step::Wheel(x, y, down) => {
                let kind = if *down {
                    MouseEventKind::ScrollDown
                } else {
                    MouseEventKind::ScrollUp
                };
                explorer.input(&mouse(kind, *x % (MAX_WIDTH + 8), *y % (MAX_HEIGHT + 8)));
            }
            Step::Loaded(text) => {
                let doc = parse(text, Some("arrived.txt"), taxonomy());
                explorer.act(Action::DocumentLoaded(Box::new(doc)));
            }
            Step::Failed(name, reason) => {
                let error = LoadError::new(Path::new(name), reason.as_str());
                explorer.act(Action::LoadFailed(error));
            }
        }
        explorer.draw();
        if explorer.app.quit {
            break;
        }
    }
});
