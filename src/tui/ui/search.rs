//! The search overlay: the query, then the hits, two rows each: kind and the
//! matched text (matched characters highlighted), then where it stands.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::model::Document;
use crate::search::{Hit, HitKind};
use crate::tui::app::{App, count};
use crate::tui::text;

/// Columns for the kind label in front of each hit.
const KIND_WIDTH: usize = 11;
/// Most columns a hit's document name takes.
const NAME_WIDTH: usize = 28;

pub fn area(screen: Rect) -> Rect {
    super::overlay(screen, 110, u16::MAX)
}

/// How many hits fit, for paging.
pub fn visible_hits(screen: Rect) -> usize {
    (super::inner(area(screen)).height as usize).saturating_sub(2) / 2
}

/// Indices of the hits on screen when hit `selected` of `total` is chosen:
/// the list scrolls just enough to keep the chosen one in view.
pub fn window(screen: Rect, selected: usize, total: usize) -> Range<usize> {
    let room = visible_hits(screen).max(1);
    let first = super::first_shown(selected, room);
    first..(first + room).min(total).max(first)
}

pub fn render(frame: &mut Frame, app: &App, screen: Rect) {
    let area = area(screen);
    let Some(inner) = super::overlay_box(frame, app, area, "Search".into(), true) else {
        return;
    };
    let p = &app.palette;
    let width = inner.width as usize;
    let query = text::clean(&app.search.query);
    let mut lines = vec![super::input_line(frame, app, inner, "/ ", &query)];
    lines.push(rule(app, width));

    let hits = &app.search.hits;
    if app.search.query.trim().is_empty() {
        for s in [
            "Type to search commitments, sentences, themes and entities,",
            "e.g. Taihu, G60, vaccines. Enter jumps to the hit; Esc goes back.",
        ] {
            lines.push(Line::styled(text::truncate(s, width), p.muted));
        }
    } else if hits.is_empty() {
        let s = if app.search.pending() {
            "Searching…".to_string()
        } else {
            format!("No matches for “{query}”.")
        };
        lines.push(Line::styled(text::truncate(&s, width), p.muted));
    } else {
        let sel = app.search.selected;
        let several = app.several_documents();
        for i in window(screen, sel, hits.len()) {
            lines.extend(hit_lines(app, &hits[i], width, several, i == sel));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A hit's two rows. The chosen one shows in its kind label only, so the
/// matched characters and the context keep their contrast.
fn hit_lines(
    app: &App,
    hit: &Hit,
    width: usize,
    several: bool,
    chosen: bool,
) -> [Line<'static>; 2] {
    let p = &app.palette;
    let prefix = format!("{:<KIND_WIDTH$}", hit.kind.label());
    let room = width.saturating_sub(text::width(&prefix));
    let label = if chosen { p.cursor } else { p.label };
    let mut top = vec![Span::styled(prefix.clone(), label)];
    for (piece, matched) in text::snippet(&hit.text, &hit.matches, room) {
        top.push(Span::styled(
            piece,
            if matched { p.matched } else { Style::new() },
        ));
    }
    let doc = app.docs.get(hit.document);
    let context = doc.map(|d| context(d, hit)).unwrap_or_default();
    let mut bottom = vec![Span::raw(" ".repeat(text::width(&prefix)))];
    let mut left = room;
    // With several documents, each hit says whose it is, first.
    if several && let Some(d) = doc {
        let name = super::short_name(d, NAME_WIDTH.min(left));
        left = left.saturating_sub(text::width(&name));
        bottom.push(Span::styled(name, p.key));
        if left > 3 {
            bottom.push(Span::styled(" · ", p.muted));
            left -= 3;
        } else {
            left = 0;
        }
    }
    bottom.push(Span::styled(text::truncate(&context, left), p.muted));
    [Line::from(top), Line::from(bottom)]
}

fn theme_name<'a>(doc: &'a Document, id: &'a str) -> &'a str {
    doc.themes
        .iter()
        .find(|t| t.id == id)
        .map_or(id, |t| t.name.as_str())
}

/// Where a hit stands: paragraph, theme, and a word more.
fn context(doc: &Document, hit: &Hit) -> String {
    match hit.kind {
        HitKind::Commitment => match doc.commitment(hit.id) {
            Some(c) => {
                let themes: Vec<&str> = c.themes.iter().map(|t| theme_name(doc, t)).collect();
                format!(
                    "paragraph {} · {} · {} {}",
                    c.paragraph,
                    themes.join(", "),
                    c.actor,
                    c.modality
                )
            }
            None => String::new(),
        },
        HitKind::Sentence => match doc.paragraph(hit.id) {
            Some(para) => format!(
                "paragraph {} · sentence {} · {}",
                para.id,
                hit.sentence.unwrap_or(0) + 1,
                para.themes.first().map_or("", |t| theme_name(doc, t))
            ),
            None => String::new(),
        },
        HitKind::Theme => match hit.id.checked_sub(1).and_then(|i| doc.themes.get(i)) {
            Some(t) => format!("theme · {}", count(t.commitments.len(), "commitment")),
            None => String::new(),
        },
        HitKind::Entity => match hit.id.checked_sub(1).and_then(|i| doc.entities.get(i)) {
            Some(e) => format!(
                "{} · {} · {}",
                e.kind.label(),
                count(e.mentions, "mention"),
                count(e.commitments.len(), "commitment")
            ),
            None => String::new(),
        },
    }
}

/// The rule under the query; while not every document is searched yet, it
/// says how many were.
fn rule(app: &App, width: usize) -> Line<'static> {
    let p = &app.palette;
    let searched = app
        .search
        .answered
        .as_ref()
        .filter(|_| !app.search.query.trim().is_empty())
        .map(|a| a.documents);
    // The open documents and those still to come.
    let expected = app.docs.len() + app.loading.listed.saturating_sub(app.loading.delivered);
    let note = match searched {
        Some(n) if n < expected => format!(" {n} of {expected} documents searched "),
        _ => String::new(),
    };
    let note = text::truncate(&note, width.saturating_sub(2));
    let fill = width.saturating_sub(text::width(&note) + 2);
    if note.is_empty() {
        return Line::styled("─".repeat(width), p.border);
    }
    Line::from(vec![
        Span::styled("──", p.border),
        Span::styled(note, p.muted),
        Span::styled("─".repeat(fill), p.border),
    ])
}
