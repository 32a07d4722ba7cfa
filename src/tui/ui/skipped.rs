//! The `!` overlay: the files that could not be read, each with why.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::tui::app::{App, count};
use crate::tui::text;

pub fn area(screen: Rect) -> Rect {
    super::overlay(screen, 110, u16::MAX)
}

/// Each file's path, then the reason, wrapped and indented under it.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let p = &app.palette;
    let mut out = Vec::new();
    for (i, e) in app.skipped.iter().enumerate() {
        if i > 0 {
            out.push(Line::default());
        }
        // Load errors escape control characters already; `clean` is the
        // explorer's own guarantee.
        out.push(Line::styled(
            text::truncate(&text::clean(&e.path), width),
            p.label,
        ));
        let message = text::clean(&e.message);
        let room = width.saturating_sub(2).max(1);
        for r in text::wrap(&message, room) {
            out.push(Line::raw(format!("  {}", message[r].trim_end())));
        }
    }
    out
}

pub fn render(frame: &mut Frame, app: &App, screen: Rect) {
    let area = area(screen);
    let title = format!("{} skipped · Esc closes", count(app.skipped.len(), "file"));
    let Some(inner) = super::overlay_box(frame, app, area, title, true) else {
        return;
    };
    let lines = lines(app, inner.width as usize);
    let (total, h) = (lines.len(), inner.height as usize);
    let scroll = app.skipped_scroll.min(total.saturating_sub(h));
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(h).collect();
    frame.render_widget(Paragraph::new(visible), inner);
    super::scrollbar(frame, app, area, total, h, scroll);
}
