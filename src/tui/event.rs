//! The event loop: draw, block for the next message (input, a loaded
//! document, search hits, a tracking answer), turn it into an `Action`,
//! update, hand the commands it leaves to the search worker and the
//! tracking requests to the tracking thread, repeat. Nothing wakes it but
//! messages, so an idle explorer uses no CPU.

use std::io;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Mutex, PoisonError};
use std::thread;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event, KeyEventKind,
    MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use super::app::{self, Action, App};
use super::tracking::TrackWorker;
use super::worker::SearchWorker;
use super::{keys, ui};

/// Most queued events applied between two frames.
const MAX_BATCH: usize = 64;

/// The action an input event means now, if any. Key releases and repeats
/// (reported by some terminals) are ignored: only presses act.
pub fn translate(ev: &Event, app: &App) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => keys::action_for(k, app.mode, app.focus),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollDown => Some(Action::Wheel {
                column: m.column,
                row: m.row,
                down: true,
            }),
            MouseEventKind::ScrollUp => Some(Action::Wheel {
                column: m.column,
                row: m.row,
                down: false,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        // A bracketed paste arrives whole; where nothing is typed it means nothing.
        Event::Paste(text) if app.mode.takes_text() => Some(Action::Paste(text.clone())),
        _ => None,
    }
}

/// What wakes the event loop: input from the terminal, or an action from
/// the loader or the search worker. All come down one channel, so the loop
/// blocks on it and an idle explorer uses no CPU.
#[derive(Debug)]
pub enum Msg {
    Input(Event),
    Action(Action),
    /// The terminal could not be read; the explorer stops with this error.
    InputFailed(io::Error),
    /// A terminating signal: stop as on `q`, without questions, so saves
    /// already asked for still reach the disk.
    Signal,
    /// The process continued after a stop (`fg`): the terminal is raw and on
    /// the alternate screen again, and the whole frame must be drawn anew.
    Resumed,
}

/// How long the input thread lets crossterm look for events it has already
/// read before it blocks in its own wait.
const HELD_EVENTS_WAIT: std::time::Duration = std::time::Duration::from_millis(1);

/// Read terminal input on a thread of its own, forwarding each event. The
/// thread blocks between events and ends once the explorer has stopped
/// listening (at the next event after that) or the terminal hangs up.
pub fn spawn_input(events: Sender<Msg>) -> io::Result<()> {
    let wakeup = ResizeWakeup::new()?;
    thread::Builder::new()
        .name("deltascope-input".into())
        .spawn(move || {
            loop {
                // Events crossterm has already read come first; only then
                // block, in our own wait, which also sees a hang-up. Its poll
                // looks at what it has read only when given time to wait,
                // so a zero timeout would leave the rest of a burst behind.
                let ready = match event::poll(HELD_EVENTS_WAIT) {
                    Ok(ready) => ready,
                    Err(e) => {
                        let _ = events.send(Msg::InputFailed(e));
                        break;
                    }
                };
                if !ready && wakeup.terminal_hung_up() {
                    let gone = io::Error::new(io::ErrorKind::BrokenPipe, "the terminal hung up");
                    let _ = events.send(Msg::InputFailed(gone));
                    break;
                }
                let (msg, last) = match event::read() {
                    Ok(ev) => (Msg::Input(ev), false),
                    Err(e) => (Msg::InputFailed(e), true),
                };
                if events.send(msg).is_err() || last {
                    break;
                }
            }
        })?;
    Ok(())
}

/// Our own wait for terminal input. crossterm cannot be trusted with a
/// hang-up: its reader then spins on end-of-file for ever. So the input
/// thread first waits here, on standard input and on a pipe that SIGWINCH
/// writes to (a resize must still wake it, for crossterm to report).
struct ResizeWakeup {
    read: std::os::unix::net::UnixStream,
    registration: Option<signal_hook::SigId>,
}

impl ResizeWakeup {
    fn new() -> io::Result<ResizeWakeup> {
        let (read, write) = std::os::unix::net::UnixStream::pair()?;
        read.set_nonblocking(true)?;
        let registration =
            signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, write)?;
        Ok(ResizeWakeup {
            read,
            registration: Some(registration),
        })
    }

    /// Block until standard input has something to read, has hung up, or
    /// the terminal was resized; true on a hang-up. Where standard input is
    /// not the terminal (crossterm then reads /dev/tty), there is nothing to
    /// watch and crossterm waits alone.
    fn terminal_hung_up(&self) -> bool {
        use std::io::{IsTerminal, Read};
        use std::os::fd::AsRawFd;
        if !io::stdin().is_terminal() {
            return false;
        }
        let mut fds = [
            libc::pollfd {
                fd: 0,
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: self.read.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        // SAFETY: `fds` is an array of two valid pollfds and the count says two.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, -1) };
        if fds[1].revents != 0 {
            let mut drain = [0u8; 64];
            while matches!((&self.read).read(&mut drain), Ok(k) if k > 0) {}
        }
        // Interrupted, or a resize: hand over to crossterm, whose own wait
        // has the resize too.
        n > 0 && fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
    }
}

impl Drop for ResizeWakeup {
    fn drop(&mut self) {
        if let Some(id) = self.registration.take() {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// The threads the event loop hands work to.
pub struct Workers<'a> {
    pub search: &'a SearchWorker,
    pub tracking: &'a TrackWorker,
}

/// Apply one message; `Ok(true)` when it changed something worth a frame.
fn apply(msg: Msg, app: &mut App, workers: &Workers) -> io::Result<bool> {
    let action = match msg {
        Msg::Input(ev) => translate(&ev, app),
        Msg::Action(a) => Some(a),
        Msg::InputFailed(e) => return Err(e),
        Msg::Signal => {
            app.quit = true;
            return Ok(false);
        }
        // The loop has noted it and draws the whole frame next.
        Msg::Resumed => return Ok(true),
    };
    let Some(action) = action else {
        return Ok(false);
    };
    app::update(app, action);
    for command in app.take_commands() {
        workers.search.dispatch(command);
    }
    for request in app.take_track_requests() {
        workers.tracking.send(request);
    }
    Ok(true)
}

/// Run until the user quits. `draw_lock` is held while the screen is written,
/// so a signal handler restoring the terminal never interleaves with a frame.
pub fn run_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    events: &Receiver<Msg>,
    workers: &Workers,
    draw_lock: &Mutex<()>,
) -> io::Result<()> {
    let mut mouse_captured = false;
    let mut resumed = false;
    while !app.quit {
        if std::mem::take(&mut app.suspend) {
            // The signal thread gives the terminal back and stops the
            // process, as for `kill -TSTP`; `Resumed` follows the `fg`.
            // SAFETY: raise only sends this process a signal.
            unsafe { libc::raise(libc::SIGTSTP) };
        }
        {
            let _guard = draw_lock.lock().unwrap_or_else(PoisonError::into_inner);
            if std::mem::take(&mut resumed) {
                // Whatever the shell drew is on the main screen; the
                // alternate one is blank, so every cell is drawn again, and
                // the modes the shell does not know of are switched back on.
                // Not `terminal.clear()`: it asks the terminal where the
                // cursor is, and the input thread would take the answer.
                // Two swaps leave both of ratatui's buffers blank, so the
                // next draw writes every cell that is not blank.
                execute!(
                    terminal.backend_mut(),
                    ratatui::crossterm::terminal::Clear(
                        ratatui::crossterm::terminal::ClearType::All
                    )
                )?;
                terminal.swap_buffers();
                terminal.swap_buffers();
                mouse_captured = false;
                let _ = execute!(terminal.backend_mut(), EnableBracketedPaste);
            }
            let size = terminal.size()?;
            if (size.width, size.height) != (app.screen.width, app.screen.height) {
                app::update(
                    app,
                    Action::Resize {
                        width: size.width,
                        height: size.height,
                    },
                );
            }
            if app.mouse != mouse_captured {
                if app.mouse {
                    execute!(terminal.backend_mut(), EnableMouseCapture)?;
                } else {
                    execute!(terminal.backend_mut(), DisableMouseCapture)?;
                }
                mouse_captured = app.mouse;
            }
            terminal.draw(|frame| ui::render(frame, app))?;
        }
        // Block for the next message; those that mean nothing do not redraw.
        loop {
            let msg = events
                .recv()
                .map_err(|_| io::Error::other("the terminal input stopped"))?;
            resumed |= matches!(msg, Msg::Resumed);
            // A quit (a signal) ends the wait even though it draws nothing.
            if apply(msg, app, workers)? || app.quit {
                break;
            }
        }
        // Take whatever else is already waiting (a held-down key, a burst of
        // loaded documents) before drawing again, so the screen keeps up
        // instead of replaying frames.
        let mut taken = 0;
        while !app.quit && taken < MAX_BATCH {
            let Ok(msg) = events.try_recv() else { break };
            resumed |= matches!(msg, Msg::Resumed);
            apply(msg, app, workers)?;
            taken += 1;
        }
    }
    Ok(())
}
