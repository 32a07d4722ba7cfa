//! The footer: the keys that work here (from the keymap) and, on the right,
//! the status message or the match count.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::{App, Mode};
use crate::tui::keys;
use crate::tui::text;

/// What the right end of the footer says, and whether it is an error.
pub fn status(app: &App) -> Option<(String, bool)> {
    if let Some(s) = &app.status {
        return Some((s.text.clone(), s.error));
    }
    if app.mode == Mode::Search && app.search.pending() {
        return Some(("searching…".into(), false));
    }
    match app.match_count() {
        Some((_, 0)) => Some(("no matches".into(), true)),
        Some((i, n)) => Some((format!("{i}/{n}"), false)),
        None => None,
    }
}

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let p = &app.palette;
    let width = area.width as usize;
    let status = status(app).map(|(s, error)| {
        let s = text::truncate(&format!(" {s} "), width);
        (s, if error { p.error } else { p.title })
    });
    let status_w = status.as_ref().map_or(0, |(s, _)| text::width(s));
    let room = width.saturating_sub(status_w);
    let hints = keys::hints(
        app.mode,
        app.focus,
        keys::Situation {
            several_documents: app.several_documents(),
            searched: app.last_search.is_some(),
            skipped: !app.skipped.is_empty(),
            read_only: !app.tracking_problems().is_empty(),
        },
    );
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (k, words) in hints {
        // Whole hints only; a cut one would mislead.
        let w = text::width(k) + 1 + text::width(words) + 2;
        if used + w > room {
            break;
        }
        spans.push(Span::styled(k, p.key));
        spans.push(Span::raw(format!(" {words}  ")));
        used += w;
    }
    if let Some((s, style)) = status {
        spans.push(Span::raw(" ".repeat(room.saturating_sub(used))));
        spans.push(Span::styled(s, style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
