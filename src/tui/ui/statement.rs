//! The statement pane: numbered paragraphs wrapped to the pane, the selected
//! theme's commitments highlighted in place, the selected one marked, each
//! rated commitment's status as a symbol in the gutter on its first row, and
//! paragraphs without any of them dimmed.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::ops::Range;
use std::rc::Rc;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::model::{Commitment, Document};
use crate::tui::app::{App, Pane, ThemeList};
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

/// Paragraphs whose rows `StatementLayout` keeps wrapped, most recent last:
/// the ones on screen, so a long paragraph is not wrapped at every frame.
const WRAPPED_KEPT: usize = 32;

/// The statement wrapped to a width: what the pane draws and what scrolling
/// and clicks are computed against. It holds where each paragraph's rows
/// start, from one pass over the document when it is made; the rows of a
/// paragraph are wrapped when asked for (those on screen), so a keystroke
/// or a frame costs what is shown, not the whole document.
/// One paragraph's wrapped rows, cached by paragraph index.
type WrappedParagraph = (usize, Rc<[Range<usize>]>);

#[derive(Debug)]
pub struct StatementLayout {
    /// The first row of each paragraph, by index, then the number of rows.
    starts: Vec<usize>,
    /// Columns before the text: marker, number, space, status, space.
    pub gutter: usize,
    /// Columns the text wraps to.
    text_width: usize,
    wrapped: RefCell<VecDeque<WrappedParagraph>>,
}

/// How many rows `text` takes at `width`: one when its bytes fit (a char
/// never takes more columns than bytes), else what wrapping gives.
fn row_count(text: &str, width: usize) -> usize {
    if text.len() <= width {
        1
    } else {
        text::wrap(text, width).len()
    }
}

pub fn layout(doc: &Document, width: u16) -> StatementLayout {
    // Ids are places: the last is the widest.
    let number_width = doc.paragraphs.len().to_string().len();
    let gutter = number_width + 4;
    let text_width = (width as usize).saturating_sub(gutter).max(1);
    let mut starts = Vec::with_capacity(doc.paragraphs.len() + 1);
    let mut rows = 0;
    for (i, p) in doc.iter_paragraphs().enumerate() {
        // A blank row between two paragraphs.
        rows += usize::from(i > 0);
        starts.push(rows);
        rows += row_count(p.text, text_width);
    }
    starts.push(rows);
    StatementLayout {
        starts,
        gutter,
        text_width,
        wrapped: RefCell::new(VecDeque::new()),
    }
}

impl StatementLayout {
    /// Rows in all.
    pub fn len(&self) -> usize {
        self.starts.last().copied().unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The rows of paragraph `i` (index into `Document::paragraphs`).
    pub fn para_rows(&self, i: usize) -> Option<Range<usize>> {
        let start = *self.starts.get(i)?;
        let next = *self.starts.get(i + 1)?;
        // The gap before the next paragraph is not this one's.
        let end = if i + 2 < self.starts.len() {
            next - 1
        } else {
            next
        };
        Some(start..end)
    }

    /// The paragraph whose rows or gap hold row `row`.
    fn paragraph_of_row(&self, row: usize) -> Option<usize> {
        if row >= self.len() {
            return None;
        }
        Some(self.starts.partition_point(|&s| s <= row).saturating_sub(1))
    }

    /// The first paragraph with a row at or after `row`, and the paragraph
    /// indices from it while their rows start before `end`.
    pub fn paragraphs_in(&self, rows: Range<usize>) -> Range<usize> {
        let n = self.starts.len().saturating_sub(1);
        let first = self.paragraph_of_row(rows.start).unwrap_or(n);
        // Up to the paragraph starting at `end`, whose gap row comes before.
        let last = self.starts[..n].partition_point(|&s| s <= rows.end);
        first..last.max(first)
    }

    /// Byte ranges of the rows of paragraph `i` of `doc`.
    fn wrapped(&self, doc: &Document, i: usize) -> Rc<[Range<usize>]> {
        let mut kept = self.wrapped.borrow_mut();
        if let Some(at) = kept.iter().position(|(p, _)| *p == i) {
            let hit = kept
                .remove(at)
                .map(|(_, r)| r)
                .unwrap_or_else(|| Rc::from([]));
            kept.push_back((i, Rc::clone(&hit)));
            return hit;
        }
        let rows: Rc<[Range<usize>]> = doc
            .paragraphs
            .text(i)
            .map_or_else(
                || std::iter::once(0..0).collect(),
                |t| text::wrap(t, self.text_width),
            )
            .into();
        if kept.len() >= WRAPPED_KEPT {
            kept.pop_front();
        }
        kept.push_back((i, Rc::clone(&rows)));
        rows
    }

    /// The rows `rows` (as far as there are), each with its number.
    pub fn rows(&self, doc: &Document, rows: Range<usize>) -> Vec<(usize, Row)> {
        let mut out = Vec::new();
        for i in self.paragraphs_in(rows.clone()) {
            let Some(own) = self.para_rows(i) else {
                continue;
            };
            if i > 0 && rows.contains(&(own.start - 1)) {
                let gap = Row {
                    paragraph: None,
                    range: 0..0,
                    first: false,
                };
                out.push((own.start - 1, gap));
            }
            let wrapped = self.wrapped(doc, i);
            for (k, range) in wrapped.iter().enumerate() {
                let r = own.start + k;
                if rows.contains(&r) {
                    out.push((
                        r,
                        Row {
                            paragraph: Some(i),
                            range: range.clone(),
                            first: k == 0,
                        },
                    ));
                }
            }
        }
        out
    }

    /// Row `row`, if there is one.
    pub fn row(&self, doc: &Document, row: usize) -> Option<Row> {
        self.rows(doc, row..row + 1).pop().map(|(_, r)| r)
    }

    /// The rows a commitment's text covers; `para` is the index of its
    /// paragraph (`DocIndex::paragraph`).
    pub fn commitment_rows(
        &self,
        doc: &Document,
        para: usize,
        c: &Commitment,
    ) -> Option<Range<usize>> {
        let rows = self.para_rows(para)?;
        let wrapped = self.wrapped(doc, para);
        let span = c.span;
        let mut hit = wrapped.iter().enumerate().filter(|(_, range)| {
            (span.start < range.end && range.start < span.end)
                || (span.is_empty() && range.start <= span.start && span.start <= range.end)
        });
        match hit.next() {
            Some((first, _)) => {
                let last = hit.next_back().map_or(first, |(k, _)| k);
                Some(rows.start + first..rows.start + last + 1)
            }
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
    let position = st.selected.and_then(|id| list.position(id));
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
    let layout = app.layout_at(inner.width);
    let h = inner.height as usize;
    let scroll = st.scroll.min(layout.len().saturating_sub(h));
    let selected_rows = app
        .selected_commitment()
        .and_then(|c| app.commitment_rows(&layout, c))
        .unwrap_or(0..0);
    // Filtered or narrowed to a theme, paragraphs with none of the
    // commitments shown fade.
    let narrowed = app.theme_id().is_some() || app.filter.is_some();
    let number_width = layout.gutter - 4;
    let p = &app.palette;
    let symbols = status_symbols(app, &layout, &list, scroll..scroll + h);
    let lines: Vec<Line> = layout
        .rows(doc, scroll..scroll + h)
        .into_iter()
        .map(|(r, row)| {
            let Some(para) = row.paragraph.and_then(|i| doc.paragraph_at(i)) else {
                return Line::default();
            };
            let listed: Vec<&Commitment> = para
                .commitments
                .iter()
                .filter(|c| list.contains(c.id))
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
                para.text,
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
    super::scrollbar(frame, app, area, layout.len(), h, scroll);
}

/// The status to show in the gutter of each row in `rows`: that of a listed,
/// rated commitment starting on the row (the selected one first).
fn status_symbols(
    app: &App,
    layout: &StatementLayout,
    list: &ThemeList,
    rows: Range<usize>,
) -> HashMap<usize, crate::track::Status> {
    let mut out = HashMap::new();
    let Some(tracking) = app.doc_tracking() else {
        return out;
    };
    let doc = app.doc();
    let selected = app.state().selected;
    // Only the paragraphs on screen are looked at.
    for i in layout.paragraphs_in(rows) {
        let Some(para) = doc.paragraph_at(i) else {
            continue;
        };
        for c in para.commitments.iter().filter(|c| list.contains(c.id)) {
            let status = tracking.status(c.id);
            if status == crate::track::Status::NotRated {
                continue;
            }
            let Some(start) = layout.commitment_rows(doc, i, c).map(|r| r.start) else {
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
