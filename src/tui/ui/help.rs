//! The `?` overlay: every binding of the keymap, by where it works.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::tui::app::App;
use crate::tui::keys::{BINDINGS, SECTIONS};
use crate::tui::text;

const KEYS_WIDTH: usize = 16;

fn line_count() -> usize {
    SECTIONS.len() * 2 + BINDINGS.len()
}

pub fn area(screen: Rect) -> Rect {
    super::overlay(screen, 84, line_count() as u16 + 2)
}

pub fn lines(app: &App) -> Vec<Line<'static>> {
    let p = &app.palette;
    let mut out = Vec::with_capacity(line_count());
    for (i, ctx) in SECTIONS.into_iter().enumerate() {
        if i > 0 {
            out.push(Line::default());
        }
        out.push(Line::styled(ctx.title(), p.label));
        for b in BINDINGS.iter().filter(|b| b.context == ctx) {
            let keys = b.keys_label();
            let pad = KEYS_WIDTH.saturating_sub(text::width(&keys));
            out.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(keys, p.key),
                Span::raw(" ".repeat(pad)),
                Span::raw(b.help),
            ]));
        }
    }
    out.push(Line::default());
    out
}

pub fn render(frame: &mut Frame, app: &App, screen: Rect) {
    let area = area(screen);
    frame.render_widget(Clear, area);
    let block = super::pane_block(app, "Keys · Esc closes".into(), true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = lines(app);
    let (total, h) = (lines.len(), inner.height as usize);
    let scroll = app.help_scroll.min(total.saturating_sub(h));
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(h).collect();
    frame.render_widget(Paragraph::new(visible), inner);
    super::scrollbar(frame, app, area, total, h, scroll);
}
