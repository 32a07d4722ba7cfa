//! The theme pane: "All" first, then each theme with its commitment count.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::{App, Pane};
use crate::tui::text;

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let block = super::pane_block(app, "Themes".into(), super::has_focus(app, Pane::Themes));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.is_empty() {
        return;
    }
    let doc = app.doc();
    let st = app.state();
    let rows = std::iter::once(("All", doc.commitments.len())).chain(
        doc.themes
            .iter()
            .map(|t| (t.name.as_str(), t.commitments.len())),
    );
    let width = inner.width as usize;
    let lines: Vec<Line> = rows
        .enumerate()
        .skip(st.theme_scroll)
        .take(inner.height as usize)
        .map(|(i, (name, count))| {
            let count = count.to_string();
            // Name left, count right, one space between at least.
            let room = width.saturating_sub(count.len() + 2);
            let name = text::truncate(name, room);
            let pad = width.saturating_sub(text::width(&name) + count.len() + 1);
            let style = super::row_style(app, Pane::Themes, i == st.theme);
            Line::from(vec![
                Span::raw(" "),
                Span::raw(name),
                Span::raw(" ".repeat(pad)),
                Span::styled(
                    count,
                    if i == st.theme {
                        style
                    } else {
                        app.palette.muted
                    },
                ),
            ])
            .style(style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    let rows = doc.themes.len() + 1;
    super::scrollbar(
        frame,
        app,
        area,
        rows,
        inner.height as usize,
        st.theme_scroll,
    );
}
