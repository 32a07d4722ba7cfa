//! The theme pane: "All" first, then each theme with its commitment count
//! and, once tracking is read, a bar of how far its commitments have come.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::track::{self, Counts};
use crate::tui::app::{App, Pane};
use crate::tui::text;

/// Bar widths tried, widest first, each with the columns its theme names
/// must keep: the bar narrows, then goes, before names give up more.
const BARS: [(usize, usize); 3] = [(8, 14), (6, 10), (4, 8)];

/// Cells of the bar at a pane width, given the widest count; 0 for none.
pub fn bar_width(width: usize, count_width: usize) -> usize {
    // " name bar count": a blank before the name, the bar and the count.
    let room = width.saturating_sub(count_width + 3);
    BARS.into_iter()
        .find(|&(bar, name)| room >= bar + name)
        .map_or(0, |(bar, _)| bar)
}

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let block = super::pane_block(app, "Themes".into(), super::has_focus(app, Pane::Themes));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.is_empty() {
        return;
    }
    let doc = app.doc();
    let st = app.state();
    // Counted once per change to the tracking, not at every frame.
    let counts = app.theme_counts();
    let progress = |row: usize| counts.as_ref().and_then(|c| c.get(row).copied());
    let rows: Vec<(&str, usize, Option<Counts>)> =
        std::iter::once(("All", doc.commitments.len(), progress(0)))
            .chain(
                doc.themes
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (t.name.as_str(), t.commitments.len(), progress(i + 1))),
            )
            .collect();
    let width = inner.width as usize;
    let count_width = rows
        .iter()
        .map(|(_, n, _)| n.to_string().len())
        .max()
        .unwrap_or(1);
    let cells = if counts.is_some() {
        bar_width(width, count_width)
    } else {
        0
    };
    let lines: Vec<Line> = rows
        .into_iter()
        .enumerate()
        .skip(st.theme_scroll)
        .take(inner.height as usize)
        .map(|(i, (name, n, progress))| {
            let count = n.to_string();
            let bar_room = if cells > 0 { cells + 1 } else { 0 };
            // Name left, bar and count right, one space between at least.
            let room = width.saturating_sub(count.len() + 2 + bar_room);
            let name = text::truncate(name, room);
            let pad = width.saturating_sub(text::width(&name) + count.len() + 1 + bar_room);
            let style = super::row_style(app, Pane::Themes, i == st.theme);
            let mut spans = vec![Span::raw(" "), Span::raw(name), Span::raw(" ".repeat(pad))];
            if let (true, Some(c)) = (cells > 0, progress) {
                spans.extend(track::bar(app, c, cells));
                spans.push(Span::raw(" "));
            }
            spans.push(Span::styled(
                count,
                if i == st.theme {
                    style
                } else {
                    app.palette.muted
                },
            ));
            Line::from(spans).style(style)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_narrows_then_goes_before_the_name_is_squeezed() {
        assert_eq!(bar_width(32, 2), 8);
        assert_eq!(bar_width(27, 2), 8);
        assert_eq!(bar_width(26, 2), 6);
        assert_eq!(bar_width(21, 2), 6);
        assert_eq!(bar_width(20, 2), 4);
        assert_eq!(bar_width(17, 2), 4);
        assert_eq!(bar_width(16, 2), 0);
        assert_eq!(bar_width(0, 1), 0);
    }
}
