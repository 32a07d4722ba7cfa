//! The detail pane: everything about the selected commitment (its tracking
//! first: status, last change, note, evidence), its sentence with the
//! commitment in it, and the other commitments that share an entity.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::{App, Pane};
use crate::tui::text;

/// Text runs wrapped to `width` with every row indented by `indent` (the
/// first by `first_indent` instead, which may hold a label).
fn wrap_runs(
    runs: &[(String, Style)],
    width: usize,
    first: Vec<Span<'static>>,
    indent: usize,
) -> Vec<Line<'static>> {
    let mut all = String::new();
    let mut bounds = Vec::with_capacity(runs.len());
    for (s, style) in runs {
        let start = all.len();
        all.push_str(s);
        bounds.push((start..all.len(), *style));
    }
    let rows = text::wrap(&all, width.saturating_sub(indent).max(1));
    let mut first = Some(first);
    rows.into_iter()
        .map(|row| {
            let mut spans = first
                .take()
                .unwrap_or_else(|| vec![Span::raw(" ".repeat(indent))]);
            for (b, style) in &bounds {
                let (a, z) = (b.start.max(row.start), b.end.min(row.end));
                if a < z
                    && let Some(piece) = all.get(a..z)
                {
                    spans.push(text::span(piece, *style));
                }
            }
            Line::from(spans)
        })
        .collect()
}

/// A `label  value` field, the value wrapped under itself.
fn field(label: &str, value: &str, width: usize, app: &App) -> Vec<Line<'static>> {
    let indent = 10.min(width / 3);
    let label = text::truncate(label, indent.saturating_sub(1));
    let pad = indent.saturating_sub(text::width(&label));
    let first = vec![
        Span::styled(label, app.palette.label),
        Span::raw(" ".repeat(pad)),
    ];
    wrap_runs(&[(value.to_string(), Style::new())], width, first, indent)
}

/// Lines under a label: the first beside it, the rest (and every wrapped
/// row) indented under the value.
fn labelled(
    label: &str,
    lines: &[Vec<(String, Style)>],
    width: usize,
    app: &App,
) -> Vec<Line<'static>> {
    let indent = 10.min(width / 3);
    let mut out = Vec::new();
    for (i, runs) in lines.iter().enumerate() {
        let first = if i == 0 {
            let label = text::truncate(label, indent.saturating_sub(1));
            let pad = indent.saturating_sub(text::width(&label));
            vec![
                Span::styled(label, app.palette.label),
                Span::raw(" ".repeat(pad)),
            ]
        } else {
            vec![Span::raw(" ".repeat(indent))]
        };
        out.extend(wrap_runs(runs, width, first, indent));
    }
    out
}

/// The commitment's tracking: status and last change, note, evidence.
fn tracking_lines(app: &App, id: usize, width: usize) -> Vec<Line<'static>> {
    let p = &app.palette;
    if !app.tracking.attached() {
        return Vec::new();
    }
    let Some(t) = app.doc_tracking() else {
        return field("Status", "(reading the tracking file…)", width, app);
    };
    let record = t.record(id);
    let status = t.status(id);
    let head = vec![(
        format!("{} {}", super::track::symbol(status), status.label()),
        p.status(status),
    )];
    let mut out = labelled("Status", &[head], width, app);
    if let Some(when) = record.and_then(|r| r.updated) {
        // To the minute: `2024-05-02 09:30 UTC`.
        let when = when.to_string();
        let when = format!("{} {} UTC", &when[..10], &when[11..16]);
        out.extend(labelled("Updated", &[vec![(when, p.muted)]], width, app));
    }
    if t.problem.is_some() {
        out.extend(labelled(
            "",
            &[vec![("read-only: T says why".to_string(), p.error)]],
            width,
            app,
        ));
    }
    if let Some(r) = record {
        if !r.note.trim().is_empty() {
            let lines: Vec<Vec<(String, Style)>> = r
                .note
                .split('\n')
                .map(|l| vec![(l.to_string(), Style::new())])
                .collect();
            out.extend(labelled("Note", &lines, width, app));
        }
        if !r.evidence.is_empty() {
            let indent = 10.min(width / 3);
            // Each entry's rows hang past its number.
            let hang = indent + 3;
            for (i, e) in r.evidence.iter().enumerate() {
                let label = text::truncate(
                    if i == 0 { "Evidence" } else { "" },
                    indent.saturating_sub(1),
                );
                let pad = indent.saturating_sub(text::width(&label));
                let number = format!("{:<3}", format!("{}.", i + 1));
                let first = vec![
                    Span::styled(label, p.label),
                    Span::raw(" ".repeat(pad)),
                    Span::styled(number, p.muted),
                ];
                out.extend(wrap_runs(
                    &[(e.source.clone(), Style::new())],
                    width,
                    first,
                    hang,
                ));
                let mut more = Vec::new();
                if !e.date.is_empty() {
                    more.push((e.date.clone(), p.muted));
                }
                if !e.quote.is_empty() {
                    let sep = if more.is_empty() { "" } else { " · " };
                    more.push((format!("{sep}“{}”", e.quote), p.muted));
                }
                if !more.is_empty() {
                    out.extend(wrap_runs(
                        &more,
                        width,
                        vec![Span::raw(" ".repeat(hang))],
                        hang,
                    ));
                }
            }
        }
    }
    out.push(Line::default());
    out
}

/// The pane's lines at a width; the state update counts them to bound scrolling.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let p = &app.palette;
    let doc = app.doc();
    let Some(c) = app.selected_commitment() else {
        let msg = if doc.commitments.is_empty() {
            "This document has no commitments."
        } else if app.theme_commitments().is_empty() && app.filter.is_some() {
            "No commitment here has the status shown: F changes the filter."
        } else if app.theme_commitments().is_empty() {
            "No commitments in this theme."
        } else {
            "No commitment selected: j/k in the statement selects one."
        };
        return wrap_runs(&[(msg.to_string(), p.muted)], width, Vec::new(), 0);
    };
    let mut out = Vec::new();
    let sentence_no = c.sentence + 1;
    out.push(Line::styled(
        format!(
            "#{} · paragraph {} · sentence {sentence_no}",
            c.id, c.paragraph
        ),
        p.muted,
    ));
    out.extend(wrap_runs(
        &[(c.text.clone(), Style::new().add_modifier(Modifier::BOLD))],
        width,
        Vec::new(),
        0,
    ));
    out.push(Line::default());
    out.extend(tracking_lines(app, c.id, width));
    out.extend(field("Actor", &c.actor, width, app));
    out.extend(field("Modality", &c.modality, width, app));
    let themes: Vec<&str> = c
        .themes
        .iter()
        .map(|id| {
            doc.themes
                .iter()
                .find(|t| &t.id == id)
                .map_or(id.as_str(), |t| t.name.as_str())
        })
        .collect();
    out.extend(field("Themes", &themes.join(", "), width, app));
    let index = app.doc_index();
    let entities: Vec<String> = c
        .entities
        .iter()
        .map(|name| match index.entity(doc, name) {
            Some(e) => format!("{name} ({})", e.kind.label()),
            None => name.clone(),
        })
        .collect();
    let entities = if entities.is_empty() {
        "none".to_string()
    } else {
        entities.join("; ")
    };
    out.extend(field("Entities", &entities, width, app));
    // Read from the commitment's text, shown only when it names them.
    if let Some(d) = doc.deadline_of(c) {
        let value = match d.year {
            Some(y) if !d.text.contains(&y.to_string()) => format!("{} ({y})", d.text),
            _ => d.text,
        };
        out.extend(field("Deadline", &value, width, app));
    }
    let figures: Vec<String> = crate::parse::figures(&c.text)
        .into_iter()
        .map(|f| f.text)
        .collect();
    if !figures.is_empty() {
        out.extend(field("Figures", &figures.join("; "), width, app));
    }
    out.push(Line::default());

    if let Some((sentence, span)) = doc.sentence_of(c) {
        out.push(Line::styled("Sentence", p.label));
        let cut = |i: usize| {
            let mut i = i.min(sentence.len());
            while !sentence.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let (a, z) = (cut(span.start), cut(span.end));
        let runs = [
            (sentence[..a].to_string(), Style::new()),
            (sentence[a..z].to_string(), p.highlight),
            (sentence[z..].to_string(), Style::new()),
        ];
        out.extend(wrap_runs(&runs, width, Vec::new(), 0));
        out.push(Line::default());
    }

    // Other commitments naming an entity this one names, by id, merged from
    // the entities' lists (each in id order) and only as many as are shown:
    // an entity every commitment names must not cost the document per frame.
    let lists: Vec<(&str, &[usize])> = c
        .entities
        .iter()
        .filter_map(|name| {
            index
                .entity(doc, name)
                .map(|e| (name.as_str(), e.commitments.as_slice()))
        })
        .collect();
    let mut heads = vec![0; lists.len()];
    let mut shared: Vec<(usize, Vec<&str>)> = Vec::new();
    let mut more = false;
    while let Some(id) = lists
        .iter()
        .zip(&heads)
        .filter_map(|((_, list), &h)| list.get(h).copied())
        .min()
    {
        let mut via = Vec::new();
        for ((name, list), h) in lists.iter().zip(heads.iter_mut()) {
            if list.get(*h) == Some(&id) {
                via.push(*name);
                while list.get(*h) == Some(&id) {
                    *h += 1;
                }
            }
        }
        if id == c.id {
            continue;
        }
        if shared.len() == SHARED_SHOWN {
            more = true;
            break;
        }
        shared.push((id, via));
    }
    if !shared.is_empty() {
        out.push(Line::styled("Shares an entity with", p.label));
        for (id, via) in shared {
            let Some(other) = doc.commitment(id) else {
                continue;
            };
            let head = format!(
                "#{id} · paragraph {} · via {}",
                other.paragraph,
                via.join(", ")
            );
            out.extend(wrap_runs(&[(head, p.muted)], width, Vec::new(), 0));
            out.extend(wrap_runs(
                &[(other.text.clone(), Style::new())],
                width,
                vec![Span::raw("  ")],
                2,
            ));
        }
        if more {
            let rest = "and more: search (/) for an entity to see them all".to_string();
            out.extend(wrap_runs(&[(rest, p.muted)], width, Vec::new(), 0));
        }
    }
    out
}

/// Most other commitments listed as sharing an entity with the selected one.
const SHARED_SHOWN: usize = 50;

/// Inside the border, with a column of air each side.
pub fn text_area(area: Rect) -> Rect {
    area.inner(Margin::new(2, 1))
}

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let list = app.theme_commitments();
    let title = match app.state().selected.and_then(|id| list.position(id)) {
        Some(i) => format!("Commitment {} of {}", i + 1, list.len()),
        None => "Commitment".to_string(),
    };
    let block = super::pane_block(app, title, super::has_focus(app, Pane::Detail));
    let inner = text_area(area);
    frame.render_widget(block, area);
    if inner.is_empty() {
        return;
    }
    let lines = lines(app, inner.width as usize);
    let (total, h) = (lines.len(), inner.height as usize);
    let scroll = app.state().detail_scroll.min(total.saturating_sub(h));
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(h).collect();
    frame.render_widget(Paragraph::new(visible), inner);
    super::scrollbar(frame, app, area, total, h, scroll);
}
