//! The `o` overlay: every open document, one row each (number, date, title,
//! file name), narrowed by a fuzzy filter typed at the top.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::model::Document;
use crate::tui::app::{App, count, file_name};
use crate::tui::text;

/// Most columns the file name column takes.
const FILE_WIDTH: usize = 28;
/// `YYYY-MM-DD`.
const DATE_WIDTH: usize = 10;

pub fn area(screen: Rect) -> Rect {
    super::overlay(screen, 120, u16::MAX)
}

/// Rows of documents that fit under the filter and its rule.
pub fn visible_rows(screen: Rect) -> usize {
    (super::inner(area(screen)).height as usize).saturating_sub(2)
}

fn title(app: &App) -> String {
    let n = app.docs.len();
    let shown = app.doc_list.rows.len();
    let mut t = if app.doc_list.query.trim().is_empty() {
        format!("Documents · {n}")
    } else {
        format!("Documents · {shown} of {n}")
    };
    if app.loading.active() {
        t.push_str(&format!(
            " · loading {}/{}",
            app.loading.delivered, app.loading.listed
        ));
    }
    t
}

pub fn render(frame: &mut Frame, app: &App, screen: Rect) {
    let area = area(screen);
    let Some(inner) = super::overlay_box(frame, app, area, title(app), true) else {
        return;
    };
    let p = &app.palette;
    let width = inner.width as usize;
    let query = text::clean(&app.doc_list.query);
    let mut lines = vec![super::input_line(frame, app, inner, "o ", &query)];
    lines.push(Line::styled("─".repeat(width), p.border));

    let rows = &app.doc_list.rows;
    let room = visible_rows(screen).max(1);
    let first = super::first_shown(app.doc_list.selected, room);
    if rows.is_empty() {
        let s = format!("No document matches “{query}”.");
        lines.push(Line::styled(text::truncate(&s, width), p.muted));
    } else {
        let sel = app.doc_list.selected;
        let number_width = app.docs.len().to_string().len();
        for (i, &d) in rows.iter().enumerate().skip(first).take(room) {
            if let Some(doc) = app.docs.get(d) {
                lines.push(row(app, d, doc, number_width, width, i == sel));
            }
        }
    }
    // The skipped files are part of the answer to "what is open?".
    if !app.skipped.is_empty() && lines.len() < inner.height as usize {
        let s = format!(
            "{} skipped: ! lists {}",
            count(app.skipped.len(), "file"),
            if app.skipped.len() == 1 { "it" } else { "them" }
        );
        let at = inner.height as usize - 1;
        lines.resize(at, Line::default());
        lines.push(Line::styled(text::truncate(&s, width), p.error));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    super::scrollbar(frame, app, area, rows.len(), room, first);
}

/// `  12  2021-03-04  Title of the statement …      statement-0012.txt`
fn row(
    app: &App,
    index: usize,
    doc: &Document,
    number_width: usize,
    width: usize,
    chosen: bool,
) -> Line<'static> {
    let p = &app.palette;
    let mark = if index == app.current { "●" } else { " " };
    let number = format!("{mark}{:>number_width$}  ", index + 1);
    let date = doc
        .published
        .as_deref()
        .map(|d| d.split('T').next().unwrap_or(d))
        .map_or_else(String::new, |d| text::truncate(&text::clean(d), DATE_WIDTH));
    let date = format!("{date:<DATE_WIDTH$}  ");
    let file = text::truncate(&text::clean(&file_name(doc)), FILE_WIDTH);
    let fixed = text::width(&number) + text::width(&date);
    let file_w = if file.is_empty() {
        0
    } else {
        text::width(&file) + 2
    };
    let title_room = width.saturating_sub(fixed + file_w);
    let title = text::truncate(&text::clean(&doc.title), title_room);
    let pad = title_room.saturating_sub(text::width(&title));
    let mut spans = vec![
        Span::styled(number, p.key),
        Span::styled(date, p.muted),
        Span::raw(title),
        Span::raw(" ".repeat(pad)),
    ];
    if file_w > 0 && fixed + file_w <= width {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(file, p.muted));
    }
    let line = Line::from(spans);
    if chosen { line.style(p.cursor) } else { line }
}
