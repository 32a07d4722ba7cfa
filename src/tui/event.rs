//! The event loop: draw, block for the next input, turn it into an `Action`,
//! update, repeat. Nothing wakes it but input, resizes and signals, so an idle
//! explorer uses no CPU.

use std::io;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use super::app::{self, Action, App};
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
        _ => None,
    }
}

/// Run until the user quits. `draw_lock` is held while the screen is written,
/// so a signal handler restoring the terminal never interleaves with a frame.
pub fn run_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    draw_lock: &Mutex<()>,
) -> io::Result<()> {
    let mut mouse_captured = false;
    while !app.quit {
        {
            let _guard = draw_lock.lock().unwrap_or_else(PoisonError::into_inner);
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
        // Block for input; events that mean nothing do not redraw.
        loop {
            if let Some(action) = translate(&event::read()?, app) {
                app::update(app, action);
                break;
            }
        }
        // Take whatever else is already waiting (a held-down key) before
        // drawing again, so the screen keeps up instead of replaying frames.
        let mut taken = 0;
        while !app.quit && taken < MAX_BATCH && event::poll(Duration::ZERO)? {
            if let Some(action) = translate(&event::read()?, app) {
                app::update(app, action);
            }
            taken += 1;
        }
    }
    Ok(())
}
