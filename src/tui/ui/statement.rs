//! The statement pane: numbered paragraphs wrapped to the pane, the selected
//! theme's commitments highlighted in place, the selected one marked, each
//! rated commitment's status as a symbol in the gutter on its first row, and
//! paragraphs without any of them dimmed.

use std::collections::HashMap;
use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::model::{Commitment, Document};
use crate::tui::app::{App, Pane};
use crate::tui::text;

/// One screen row of the statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Index into `Document::paragraphs`; `None` for the gap between two.
    pub paragraph: Option<usize>,
    /// Bytes of the paragraph text on this row.
    pub range: Range<usize>,
    /// The paragraph's first row, which carries its number.
    pub first: bool,
}

/// The statement wrapped to a width: what the pane draws and what scrolling
/// and clicks are computed against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLayout {
    pub rows: Vec<Row>,
    /// Rows of each paragraph, by paragraph index.
    pub para_rows: Vec<Range<usize>>,
    /// Columns before the text: marker, number, space, status, space.
    pub gutter: usize,
}

pub fn layout(doc: &Document, width: u16) -> StatementLayout {
    let number_width = doc
        .paragraphs
        .iter()
        .map(|p| p.id)
        .max()
        .unwrap_or(0)
        .to_string()
        .len();
    let gutter = number_width + 4;
    let text_width = (width as usize).saturating_sub(gutter).max(1);
    let mut rows = Vec::new();
    let mut para_rows = Vec::with_capacity(doc.paragraphs.len());
    for (i, p) in doc.paragraphs.iter().enumerate() {
        if i > 0 {
            rows.push(Row {
                paragraph: None,
                range: 0..0,
                first: false,
            });
        }
        let start = rows.len();
        for (k, range) in text::wrap(&p.text, text_width).into_iter().enumerate() {
            rows.push(Row {
                paragraph: Some(i),
                range,
                first: k == 0,
            });
        }
        para_rows.push(start..rows.len());
    }
    StatementLayout {
        rows,
        para_rows,
        gutter,
    }
}

impl StatementLayout {
    /// The rows a commitment's text covers.
    pub fn commitment_rows(&self, doc: &Document, c: &Commitment) -> Option<Range<usize>> {
        let idx = doc.paragraphs.iter().position(|p| p.id == c.paragraph)?;
        let rows = self.para_rows.get(idx)?.clone();
        let span = c.span;
        let mut hit = rows.clone().filter(|&r| {
            let range = &self.rows[r].range;
            (span.start < range.end && range.start < span.end)
                || (span.is_empty() && range.start <= span.start && span.start <= range.end)
        });
        match hit.next() {
            Some(first) => Some(first..hit.next_back().unwrap_or(first) + 1),
            // A span that fits no row still points at its paragraph.
            None => Some(rows.start..rows.start + 1),
        }
    }
}

/// Move `i` back to a char boundary of `s` (spans from a bad file may not be on one).
fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let doc = app.doc();
    let st = app.state();
    let list = app.theme_commitments();
    let position = st
        .selected
        .and_then(|id| list.iter().position(|&c| c == id));
    let theme_name = app
        .theme_id()
        .and_then(|id| doc.themes.iter().find(|t| t.id == id))
        .map_or("All".to_string(), |t| text::clean(&t.name).into_owned());
    let filter = app
        .filter
        .map_or(String::new(), |s| format!(" · only {}", s.label()));
    let title = match position {
        Some(i) => format!(
            "Statement · {theme_name}{filter} · {}/{}",
            i + 1,
            list.len()
        ),
        None => format!("Statement · {theme_name}{filter} · {}", list.len()),
    };
    let block = super::pane_block(app, title, super::has_focus(app, Pane::Statement));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.is_empty() {
        return;
    }
    if doc.paragraphs.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(
                "This document has no paragraphs.",
                app.palette.muted,
            )),
            inner,
        );
        return;
    }
    let layout = layout(doc, inner.width);
    let h = inner.height as usize;
    let scroll = st.scroll.min(layout.rows.len().saturating_sub(h));
    let selected_rows = app
        .selected_commitment()
        .and_then(|c| layout.commitment_rows(doc, c))
        .unwrap_or(0..0);
    // Filtered or narrowed to a theme, paragraphs with none of the
    // commitments shown fade.
    let narrowed = app.theme_id().is_some() || app.filter.is_some();
    let number_width = layout.gutter - 4;
    let p = &app.palette;
    let symbols = status_symbols(app, &layout, &list, scroll..scroll + h);
    let lines: Vec<Line> = layout
        .rows
        .iter()
        .enumerate()
        .skip(scroll)
        .take(h)
        .map(|(r, row)| {
            let Some(para) = row.paragraph.and_then(|i| doc.paragraphs.get(i)) else {
                return Line::default();
            };
            let listed: Vec<&Commitment> = para
                .commitments
                .iter()
                .filter(|&&id| list.contains(&id))
                .filter_map(|&id| doc.commitment(id))
                .collect();
            let base = if narrowed && listed.is_empty() {
                p.context
            } else {
                Style::new()
            };
            let marker = if selected_rows.contains(&r) {
                "▌"
            } else {
                " "
            };
            let number = if row.first {
                para.id.to_string()
            } else {
                String::new()
            };
            let (symbol, symbol_style) = match symbols.get(&r) {
                Some(&status) => (super::track::symbol(status), p.status(status)),
                None => (" ", Style::new()),
            };
            let mut spans = vec![
                Span::styled(marker, p.marker),
                Span::styled(format!("{number:>number_width$} "), p.muted),
                Span::styled(symbol, symbol_style),
                Span::raw(" "),
            ];
            let mark = st
                .mark
                .filter(|&(pid, _)| pid == para.id)
                .and_then(|(_, s)| para.sentences.get(s))
                .map(|s| s.start..s.end);
            spans.extend(row_spans(
                &para.text,
                row.range.clone(),
                &listed,
                st.selected,
                mark,
                base,
                app,
            ));
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    super::scrollbar(frame, app, area, layout.rows.len(), h, scroll);
}

/// The status to show in the gutter of each row in `rows`: that of a listed,
/// rated commitment starting on the row (the selected one first).
fn status_symbols(
    app: &App,
    layout: &StatementLayout,
    list: &[usize],
    rows: Range<usize>,
) -> HashMap<usize, crate::track::Status> {
    let mut out = HashMap::new();
    let Some(tracking) = app.doc_tracking() else {
        return out;
    };
    let doc = app.doc();
    let selected = app.state().selected;
    // Only the paragraphs on screen are looked at.
    let paragraphs: Vec<usize> = layout
        .rows
        .get(rows.start.min(layout.rows.len())..rows.end.min(layout.rows.len()))
        .unwrap_or(&[])
        .iter()
        .filter_map(|r| r.paragraph)
        .collect();
    let mut seen = Vec::new();
    for i in paragraphs {
        if seen.contains(&i) {
            continue;
        }
        seen.push(i);
        let Some(para) = doc.paragraphs.get(i) else {
            continue;
        };
        for c in para
            .commitments
            .iter()
            .filter(|id| list.contains(id))
            .filter_map(|&id| doc.commitment(id))
        {
            let status = tracking.status(c.id);
            if status == crate::track::Status::NotRated {
                continue;
            }
            let Some(start) = layout.commitment_rows(doc, c).map(|r| r.start) else {
                continue;
            };
            if Some(c.id) == selected || !out.contains_key(&start) {
                out.insert(start, status);
            }
        }
    }
    out
}

/// The styled pieces of one row: plain text, highlighted commitments, the
/// selected one, and a search-marked sentence.
fn row_spans(
    text: &str,
    row: Range<usize>,
    listed: &[&Commitment],
    selected: Option<usize>,
    mark: Option<Range<usize>>,
    base: Style,
    app: &App,
) -> Vec<Span<'static>> {
    let p = &app.palette;
    let (start, end) = (
        floor_boundary(text, row.start),
        floor_boundary(text, row.end),
    );
    let mut cuts = vec![start, end];
    let ranges = listed
        .iter()
        .map(|c| c.span.start..c.span.end)
        .chain(mark.clone());
    for r in ranges {
        for x in [r.start, r.end] {
            if start < x && x < end {
                cuts.push(floor_boundary(text, x));
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter_map(|w| {
            let (a, b) = (w[0], w[1]);
            let piece = text.get(a..b)?;
            let mut style = base;
            if mark.as_ref().is_some_and(|m| m.start <= a && b <= m.end) {
                style = style.patch(p.found);
            }
            let covering = listed
                .iter()
                .filter(|c| c.span.start <= a && b <= c.span.end);
            let mut any = false;
            let mut chosen = false;
            for c in covering {
                any = true;
                chosen |= Some(c.id) == selected;
            }
            if any {
                style = style.patch(if chosen { p.selected } else { p.highlight });
            }
            Some(text::span(piece, style))
        })
        .collect()
}
