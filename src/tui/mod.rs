//! The interactive explorer: a full-screen terminal view of one or more
//! documents, their themes, paragraphs and commitments, with search.
//!
//! Data flows one way: documents -> search index -> `App` state -> frame.
//! `event` turns input into `Action`s, `app::update` is the only code that
//! changes state, and `ui` draws from `&App`.

pub mod app;
pub mod event;
pub mod keys;
pub mod palette;
pub mod text;
pub mod ui;

#[cfg(test)]
mod fixture;
#[cfg(test)]
mod tests;

use std::io::{self, IsTerminal};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::DisableMouseCapture;
use ratatui::crossterm::execute;
use ratatui::layout::Rect;
use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::{Handle, Signals};

use crate::model::Document;
use app::App;
use palette::Palette;

/// How the explorer starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Capture the mouse (click, wheel). `m` toggles it while running.
    pub mouse: bool,
    /// No colours: emphasis by bold, dim, underline and reverse video. Also
    /// on when `NO_COLOR` is set and non-empty.
    pub monochrome: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            mouse: true,
            monochrome: false,
        }
    }
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
    if !io::stdout().is_terminal() {
        return Err(io::Error::other(
            "the explorer needs a terminal: standard output is not one",
        ));
    }
    let monochrome =
        options.monochrome || palette::no_color_requested(std::env::var_os("NO_COLOR").as_deref());
    let (width, height) = ratatui::crossterm::terminal::size()?;
    // Built before the screen changes, so a slow index never shows a blank screen.
    let mut app = App::new(
        docs,
        Palette::new(monochrome),
        options.mouse,
        Rect::new(0, 0, width, height),
    );

    let draw_lock = Arc::new(Mutex::new(()));
    let _signals = SignalGuard::watch(Arc::clone(&draw_lock))?;
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            restore();
            return Err(e);
        }
    };
    install_panic_hook();
    let result = event::run_loop(&mut terminal, &mut app, &draw_lock);
    let _guard = draw_lock.lock().unwrap_or_else(PoisonError::into_inner);
    restore();
    result
}

/// Put the terminal back: mouse capture off, cursor shown, raw mode off, main
/// screen. Safe to call more than once and when nothing was changed.
pub fn restore() {
    // Errors here have nowhere better to go than the screen being restored.
    let _ = execute!(io::stdout(), DisableMouseCapture, Show);
    ratatui::restore();
}

/// ratatui's panic hook leaves the alternate screen and raw mode but knows
/// nothing of mouse capture; run ours first, then theirs (which also prints
/// the panic on the restored screen).
fn install_panic_hook() {
    let inner = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture, Show);
        inner(info);
    }));
}

/// A thread that restores the terminal and exits when a terminating signal
/// arrives. signal-hook (already used by crossterm) runs the handler safely
/// outside signal context; the loop itself keeps blocking on input. Dropping
/// the guard stops the thread and unregisters the handlers.
struct SignalGuard {
    handle: Handle,
    thread: Option<JoinHandle<()>>,
}

impl SignalGuard {
    fn watch(draw_lock: Arc<Mutex<()>>) -> io::Result<SignalGuard> {
        let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
        let handle = signals.handle();
        let thread = std::thread::Builder::new()
            .name("deltascope-signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    // Wait out a frame being drawn, then restore and go.
                    let _guard = draw_lock.lock().unwrap_or_else(PoisonError::into_inner);
                    restore();
                    std::process::exit(128 + signal);
                }
            })?;
        Ok(SignalGuard {
            handle,
            thread: Some(thread),
        })
    }
}

impl Drop for SignalGuard {
    fn drop(&mut self) {
        self.handle.close();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
