//! The interactive explorer: a full-screen terminal view of one or more
//! documents, their themes, paragraphs and commitments, with search.
//!
//! Data flows one way: input, loaded documents, search and tracking answers
//! become `Action`s; `app::update` is the only code that changes state; `ui`
//! draws from `&App`. Parsing (`load::spawn_loader`), indexing and searching
//! (`worker`) and saving tracking data (`tracking`) run on threads of their
//! own and report back through the event loop's channel, so the explorer
//! opens on the first document of a large folder, typing never waits for
//! matching, and a save never freezes the screen.

pub mod app;
pub mod doc_index;
pub mod editor;
pub mod event;
pub mod keys;
pub mod palette;
pub mod text;
pub mod tracking;
pub mod ui;
pub mod worker;

#[cfg(test)]
mod fixture;
#[cfg(test)]
mod scale_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod track_tests;

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::layout::Rect;
use signal_hook::consts::signal::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::{Handle, Signals};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::Duration;

use crate::load::{self, LoadError};
use crate::model::Document;
use crate::taxonomy::Taxonomy;
use crate::track::Location;
use app::{Action, App};
use event::{Msg, Workers};
use palette::Palette;
use tracking::{TrackWorker, TrackerHost};
use worker::SearchWorker;

/// How the explorer starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Capture the mouse (click, wheel). `m` toggles it while running.
    pub mouse: bool,
    /// No colours: emphasis by bold, dim, underline and reverse video. Also
    /// on when `NO_COLOR` is set and non-empty.
    pub monochrome: bool,
    /// Where statuses, notes and evidence are kept (`--tracker FILE`, else
    /// the data folder).
    pub tracker: Location,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            mouse: true,
            monochrome: false,
            tracker: Location::DataDir,
        }
    }
}

/// How a session of the explorer on files ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Whether the explorer opened: `false` when not one file could be read.
    pub opened: bool,
    /// The paths that could not be read, in the order they were found. Files
    /// the loader had not reached when the user quit are not among them.
    pub skipped: Vec<LoadError>,
}

/// Open the explorer on `docs` and return when the user quits. The terminal
/// is restored on return, on error, on panic and on SIGTERM/SIGHUP/SIGINT/
/// SIGQUIT (then the process exits with 128 + the signal number).
pub fn run(docs: Vec<Document>, options: Options) -> io::Result<()> {
    if docs.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "no document to explore",
        ));
    }
    let (events, inbox) = mpsc::channel();
    let (for_index, index_docs) = mpsc::channel();
    for doc in &docs {
        // The indexer is not started yet, so it cannot have gone away.
        let _ = for_index.send(doc.clone());
    }
    drop(for_index);
    // The terminal is checked first: without one, no tracker file is read.
    let app = new_app(docs, &options)?;
    let host = TrackerHost::open(&app.docs, options.tracker.clone());
    explore(app, host, events, &inbox, index_docs).map(|_| ())
}

/// Open the explorer on statement files, parsed in the background on all
/// cores: it opens as soon as the first document is in, shows the loading
/// progress, and takes the rest as they come, in listed order. `skipped`
/// holds paths already found bad while listing; files that fail to load join
/// them and are listed by `!`. Returns without opening anything when no file
/// can be read (`Outcome::opened` is `false`; report `Outcome::skipped`).
pub fn run_files(
    files: Vec<PathBuf>,
    taxonomy: Taxonomy,
    mut skipped: Vec<LoadError>,
    options: Options,
) -> io::Result<Outcome> {
    let listed = files.len();
    let not_opened = |skipped| {
        Ok(Outcome {
            opened: false,
            skipped,
        })
    };
    if listed == 0 {
        return not_opened(skipped);
    }
    let (events, inbox) = mpsc::channel();
    let (for_index, index_docs) = mpsc::channel::<Document>();
    let loader_events = events.clone();
    load::spawn_loader(files, taxonomy, load::default_threads(), move |loaded| {
        let action = match loaded {
            Ok(doc) => {
                // The indexer keeps its own copy: the index is built from a
                // slice of documents, off the UI thread.
                let _ = for_index.send(doc.clone());
                Action::DocumentLoaded(Box::new(doc))
            }
            Err(e) => Action::LoadFailed(e),
        };
        loader_events.send(Msg::Action(action)).is_ok()
    })?;
    // Wait for the first good document (a parse or two): a lone bad file is
    // then one line on the command line, not an explorer that opens on nothing.
    let mut delivered = 0;
    let first = loop {
        if delivered == listed {
            return not_opened(skipped);
        }
        match inbox.recv() {
            Ok(Msg::Action(Action::DocumentLoaded(doc))) => {
                delivered += 1;
                break *doc;
            }
            Ok(Msg::Action(Action::LoadFailed(e))) => {
                delivered += 1;
                skipped.push(e);
            }
            Ok(_) => {}
            Err(_) => return not_opened(skipped),
        }
    };
    let mut app = new_app(vec![first], &options)?;
    let host = TrackerHost::open(&app.docs, options.tracker.clone());
    app.begin_loading(listed, delivered, skipped);
    let app = explore(app, host, events, &inbox, index_docs)?;
    Ok(Outcome {
        opened: true,
        skipped: app.skipped,
    })
}

/// The explorer's state for the terminal as it is now.
fn new_app(docs: Vec<Document>, options: &Options) -> io::Result<App> {
    if !io::stdout().is_terminal() {
        return Err(io::Error::other(
            "the explorer needs a terminal: standard output is not one",
        ));
    }
    let monochrome =
        options.monochrome || palette::no_color_requested(std::env::var_os("NO_COLOR").as_deref());
    let (width, height) = ratatui::crossterm::terminal::size()?;
    Ok(App::new(
        docs,
        Palette::new(monochrome),
        options.mouse,
        Rect::new(0, 0, width, height),
    ))
}

/// Start the search worker, the indexer and the tracking thread, take over
/// the terminal, run the event loop, and put the terminal back. `events`
/// feeds `inbox`; `docs` brings the indexer every document, in the order
/// `app` gets them; `host` has read the tracking of the documents `app` has.
fn explore(
    mut app: App,
    host: TrackerHost,
    events: Sender<Msg>,
    inbox: &Receiver<Msg>,
    docs: Receiver<Document>,
) -> io::Result<App> {
    let replies = events.clone();
    let worker = SearchWorker::spawn(move |answer| replies.send(Msg::Action(answer)).is_ok())?;
    worker.spawn_indexer(docs)?;
    app.attach_tracking(host.views());
    let tracked = events.clone();
    let tracking = TrackWorker::spawn(host, move |answer| {
        tracked.send(Msg::Action(answer)).is_ok()
    })?;

    let draw_lock = Arc::new(Mutex::new(()));
    let _signals = SignalGuard::watch(Arc::clone(&draw_lock), events.clone())?;
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            restore();
            return Err(e);
        }
    };
    install_panic_hook(Arc::clone(&draw_lock));
    // Pasted text then arrives whole, so a line break in it cannot act as
    // Enter (adding evidence half typed, say). Not every terminal does it;
    // without it a paste is typed key by key, which works too.
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let workers = Workers {
        search: &worker,
        tracking: &tracking,
    };
    let result = event::spawn_input(events)
        .and_then(|()| event::run_loop(&mut terminal, &mut app, inbox, &workers, &draw_lock));
    {
        let _guard = draw_lock.lock().unwrap_or_else(PoisonError::into_inner);
        restore();
        LOOP_ENDED.store(true, Ordering::SeqCst);
    }
    // Quitting waits for saves already; this covers an explorer stopped by
    // an error or a signal, so that no change sent is lost. After a signal
    // the wait is bounded: whoever sent it wants the process gone.
    let signal = SIGNALLED.load(Ordering::SeqCst);
    let unsaved = if signal != 0 {
        tracking.finish_within(SAVE_GRACE)
    } else {
        tracking.finish()
    };
    if let Some(message) = unsaved.message() {
        say(&message);
    }
    if signal != 0 {
        std::process::exit(128 + signal);
    }
    result.map(|()| app)
}

/// One line on stderr, after the terminal is restored. Ignored when it
/// fails: with stderr gone there is nowhere left to say it.
fn say(message: &str) {
    use std::io::Write;
    let _ = writeln!(
        io::stderr(),
        "deltascope: {}",
        crate::text::escape_controls(message)
    );
}

/// Switch off what the explorer switched on in the terminal, except the
/// screen and raw mode: mouse capture, bracketed paste; and show the cursor.
fn reset_modes() {
    // Errors here have nowhere better to go than the screen being restored.
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        Show
    );
}

/// Put the terminal back: mouse capture and bracketed paste off, cursor
/// shown, raw mode off, main screen. Safe to call more than once and when
/// nothing was changed.
pub fn restore() {
    reset_modes();
    // Not `ratatui::restore`: it prints a failure to stderr, and printing to a
    // terminal that has hung up panics, which must not happen while restoring.
    let _ = ratatui::try_restore();
}

/// ratatui's panic hook leaves the alternate screen and raw mode but knows
/// nothing of mouse capture; run ours first, then theirs (which also prints
/// the panic on the restored screen). A panic on a worker thread (search,
/// index, input) would otherwise leave the explorer drawing over the restored
/// screen with that work gone, so it ends the process as a UI panic would.
/// The lock if it comes free within half a second; `None` otherwise.
fn lock_briefly(lock: &Mutex<()>) -> Option<std::sync::MutexGuard<'_, ()>> {
    for _ in 0..50 {
        match lock.try_lock() {
            Ok(guard) => return Some(guard),
            Err(std::sync::TryLockError::Poisoned(p)) => return Some(p.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) => {
                thread::sleep(std::time::Duration::from_millis(10));
            }
        }
    }
    None
}

fn install_panic_hook(draw_lock: Arc<Mutex<()>>) {
    let ui_thread = thread::current().id();
    let inner = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // A parser failing on one file is caught and listed as a skipped
        // file; it must not take the screen down or print over it.
        let parsing = thread::current()
            .name()
            .is_some_and(|n| n.starts_with(load::PARSE_THREAD_PREFIX));
        if parsing {
            return;
        }
        let thread_name = thread::current().name().unwrap_or("a worker").to_string();
        let report = |info: &std::panic::PanicHookInfo<'_>| {
            if wants_backtrace() {
                inner(info);
            } else {
                say(&panic_line(&thread_name, info));
            }
        };
        if thread::current().id() == ui_thread {
            restore();
            report(info);
            return;
        }
        // Wait out a frame being drawn (the UI thread may hold the lock,
        // which is why this is not done for its own panics), but not for
        // ever: the panicking thread may hold it itself (the signal thread
        // restoring the screen).
        let _guard = lock_briefly(&draw_lock);
        restore();
        report(info);
        std::process::exit(101);
    }));
}

/// `RUST_BACKTRACE` set (and not `0`): whoever runs us wants the whole
/// panic report, so the default hook prints it.
fn wants_backtrace() -> bool {
    std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0")
}

/// A panic as one line: where and what, and that it is ours to fix. The
/// terminal has just been restored; a backtrace would scroll the reader's
/// screen for a message meant for us (`RUST_BACKTRACE` still gives one to
/// whoever asks, through the default hook: see `wants_backtrace`).
fn panic_line(thread_name: &str, info: &std::panic::PanicHookInfo<'_>) -> String {
    let what = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown cause".into());
    let place = info
        .location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    let what: String = what
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!("internal error in {thread_name}{place}: {what}; please report it")
}

/// The terminating signal received, or 0.
static SIGNALLED: AtomicI32 = AtomicI32::new(0);

/// Set once the event loop has ended and the terminal is restored: from then
/// on the main thread finishes the saves and exits.
static LOOP_ENDED: AtomicBool = AtomicBool::new(false);

/// How long the explorer has to stop by itself after a terminating signal
/// before the signal thread restores the terminal and exits regardless.
const SIGNAL_GRACE: Duration = Duration::from_secs(3);

/// How long saves still queued may take after a terminating signal: one wait
/// for another explorer's lock (5 s) and the write.
const SAVE_GRACE: Duration = Duration::from_secs(6);

/// A thread that turns a terminating signal into an orderly stop: the event
/// loop is told, quits, restores the terminal and lets pending saves finish,
/// then the process exits with 128 + the signal. Should the loop not stop in
/// time, the thread restores the terminal and exits itself. signal-hook
/// (already used by crossterm) runs the handler safely outside signal
/// context. Dropping the guard stops the thread and unregisters the handlers.
struct SignalGuard {
    handle: Handle,
    thread: Option<JoinHandle<()>>,
}

impl SignalGuard {
    fn watch(draw_lock: Arc<Mutex<()>>, events: Sender<Msg>) -> io::Result<SignalGuard> {
        let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
        let handle = signals.handle();
        let thread = std::thread::Builder::new()
            .name("deltascope-signals".into())
            .spawn(move || {
                for signal in signals.forever() {
                    match signal {
                        SIGTSTP => suspend(&draw_lock, &events),
                        // Also after a SIGSTOP, which no one could catch: the
                        // shell may have put its own terminal modes back.
                        SIGCONT => resume(&draw_lock, &events),
                        _ => terminate(signal, &draw_lock, &events),
                    }
                }
            })?;
        Ok(SignalGuard {
            handle,
            thread: Some(thread),
        })
    }
}

/// A terminating signal: tell the loop, give it `SIGNAL_GRACE` to stop (then
/// the main thread finishes the saves and exits), and should it not, restore
/// the terminal and exit from here.
fn terminate(signal: i32, draw_lock: &Mutex<()>, events: &Sender<Msg>) {
    SIGNALLED.store(signal, Ordering::SeqCst);
    if events.send(Msg::Signal).is_ok() {
        let deadline = std::time::Instant::now() + SIGNAL_GRACE;
        while std::time::Instant::now() < deadline {
            if LOOP_ENDED.load(Ordering::SeqCst) {
                return;
            }
            thread::sleep(Duration::from_millis(10));
        }
    }
    let _guard = lock_briefly(draw_lock);
    restore();
    say(
        "stopped before the explorer could finish; changes made in the last seconds may not be saved",
    );
    std::process::exit(128 + signal);
}

/// Ctrl-Z or `kill -TSTP`: give the shell its terminal back, then stop as
/// the signal's default would. Holding the draw lock, so no frame is drawn
/// into the restored terminal; the process continues here after `fg`.
fn suspend(draw_lock: &Mutex<()>, events: &Sender<Msg>) {
    {
        let _guard = lock_briefly(draw_lock);
        if LOOP_ENDED.load(Ordering::SeqCst) {
            return;
        }
        restore();
        // Stops the whole process until SIGCONT.
        let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
    }
    // The SIGCONT that continued us resumes once more: entering raw mode
    // and the alternate screen twice is harmless, and resuming at once
    // leaves no moment for a frame to reach the cooked terminal.
    resume(draw_lock, events);
}

/// After `fg`: raw mode and the alternate screen again, then the loop redraws
/// the whole frame and switches its other modes back on.
fn resume(draw_lock: &Mutex<()>, events: &Sender<Msg>) {
    {
        let _guard = lock_briefly(draw_lock);
        if LOOP_ENDED.load(Ordering::SeqCst) {
            return;
        }
        let _ = ratatui::crossterm::terminal::enable_raw_mode();
        let _ = execute!(
            io::stdout(),
            ratatui::crossterm::terminal::EnterAlternateScreen,
            ratatui::crossterm::cursor::Hide
        );
    }
    let _ = events.send(Msg::Resumed);
}

impl Drop for SignalGuard {
    fn drop(&mut self) {
        self.handle.close();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
