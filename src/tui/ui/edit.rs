//! The note editor, the evidence form and the "discard the changes?"
//! question. The terminal cursor stands where typing goes.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::tui::app::{App, EvidenceForm, Mode};
use crate::tui::editor::Editor;
use crate::tui::text;

pub fn note_area(screen: Rect) -> Rect {
    super::overlay(screen, 80, 20)
}

/// The rows of the note editor inside its border: the commitment on top
/// and the cursor's line and column at the bottom when there is room.
struct NoteLayout {
    inner: Rect,
    head: Option<Rect>,
    text: Rect,
    foot: Option<Rect>,
}

fn note_layout(screen: Rect) -> NoteLayout {
    let inner = super::inner(note_area(screen));
    let roomy = inner.height >= 6;
    let (top, bottom) = if roomy { (2, 1) } else { (0, 0) };
    // A column each side: air on the left, the cursor's place on the right
    // when it stands after a full row.
    let x = inner.x + 1.min(inner.width);
    let width = inner.width.saturating_sub(2);
    NoteLayout {
        inner,
        head: roomy.then(|| Rect::new(x, inner.y, width, 1)),
        text: Rect::new(
            x,
            inner.y + top,
            width,
            inner.height.saturating_sub(top + bottom),
        ),
        foot: roomy.then(|| Rect::new(x, inner.y + inner.height - 1, width, 1)),
    }
}

/// Where the note's text goes; its width is what the text wraps to.
pub fn note_text_area(screen: Rect) -> Rect {
    note_layout(screen).text
}

/// "#5 · the commitment's text…", cut to `width`.
fn commitment_line(app: &App, doc: usize, id: usize, width: usize) -> Line<'static> {
    let words = app
        .docs
        .get(doc)
        .and_then(|d| d.commitment(id))
        .map_or(String::new(), |c| c.text.clone());
    Line::styled(
        text::truncate(&format!("#{id} · {words}"), width),
        app.palette.muted,
    )
}

pub fn render_note(frame: &mut Frame, app: &App, screen: Rect) {
    let Some(note) = &app.note else { return };
    let area = note_area(screen);
    frame.render_widget(Clear, area);
    let block = super::pane_block(app, "Note".into(), app.mode == Mode::Note);
    frame.render_widget(block, area);
    let l = note_layout(screen);
    if l.inner.is_empty() {
        return;
    }
    if let Some(head) = l.head {
        frame.render_widget(
            Paragraph::new(commitment_line(app, note.doc, note.id, head.width as usize)),
            head,
        );
    }
    let width = l.text.width as usize;
    let h = l.text.height as usize;
    // The editor keeps these rows wrapped (see `follow_note_cursor`).
    let rows = note.editor.rows_through(width, note.scroll + h);
    // Text deleted since the view last followed the cursor can leave it past the end.
    let scroll = note.scroll.min(rows.len().saturating_sub(h));
    let text = note.editor.text();
    let lines: Vec<Line> = rows
        .iter()
        .skip(scroll)
        .take(h)
        .map(|r| Line::raw(text::clean(&text[r.range.clone()]).into_owned()))
        .collect();
    if text.is_empty() && h > 0 {
        frame.render_widget(
            Paragraph::new(Line::styled(
                text::truncate("What became of it? Sources go in evidence (v).", width),
                app.palette.muted,
            )),
            l.text,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), l.text);
    }
    let (row, col) = note.editor.cursor_at(&rows);
    if let Some(foot) = l.foot {
        let (line, column) = note.editor.line_column();
        let lines = note.editor.line_count();
        let changed = if note.changed() { " · changed" } else { "" };
        frame.render_widget(
            Paragraph::new(Line::styled(
                text::truncate(
                    &format!("line {line} of {lines}, column {column}{changed}"),
                    foot.width as usize,
                ),
                app.palette.muted,
            )),
            foot,
        );
    }
    if app.mode == Mode::Note && row >= scroll && row < scroll + h {
        let col = col.min((l.text.width as usize).max(1));
        // The column after a full row is inside the box: one was kept for it.
        let x = l.text.x + col as u16;
        if x < l.inner.x + l.inner.width {
            frame.set_cursor_position(Position::new(x, l.text.y + (row - scroll) as u16));
        }
    }
}

// ---- the evidence form ----

pub fn form_area(screen: Rect) -> Rect {
    super::overlay(screen, 80, 10)
}

/// Columns before a field's text.
const LABEL_WIDTH: usize = 8;

/// What a one-line field shows at `width` columns: the part around the
/// cursor, and the cursor's column in it. Only the chars shown are looked
/// at, however long the field.
fn field_view(e: &Editor, width: usize) -> (String, usize) {
    let t = e.text();
    let before = &t[..e.cursor()];
    let room = width.saturating_sub(1).max(1);
    // As much before the cursor as fits, then what follows it up to the
    // width (and a char more, so a cut end shows as cut).
    let (start, col) = super::tail_fitting(before, room);
    let mut end = e.cursor();
    let mut used = col;
    for (i, c) in t[end..].char_indices() {
        used += text::char_width(c);
        end = e.cursor() + i + c.len_utf8();
        if used > width {
            break;
        }
    }
    (text::truncate(&t[start..end], width), col)
}

pub fn render_form(frame: &mut Frame, app: &App, screen: Rect) {
    let Some(form) = &app.form else { return };
    let area = form_area(screen);
    let Some(inner) = super::overlay_box(
        frame,
        app,
        area,
        "Evidence".into(),
        app.mode == Mode::Evidence,
    ) else {
        return;
    };
    let p = &app.palette;
    let x = inner.x + 1.min(inner.width);
    let width = inner.width.saturating_sub(2) as usize;
    let h = inner.height as usize;
    // Optional rows give way first when the box is short.
    let roomy = h >= 8;
    let mut lines: Vec<Line> = Vec::new();
    if roomy {
        lines.push(commitment_line(app, form.doc, form.id, width));
        lines.push(Line::default());
    }
    let field_width = width.saturating_sub(LABEL_WIDTH);
    let mut cursor = None;
    for (i, e) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let label = format!("{:<LABEL_WIDTH$}", EvidenceForm::LABELS[i]);
        let (shown, col) = field_view(e, field_width);
        if focused {
            cursor = Some((LABEL_WIDTH + col, lines.len()));
        }
        lines.push(Line::from(vec![
            Span::styled(
                text::truncate(&label, width),
                if focused { p.key } else { p.label },
            ),
            Span::raw(shown),
        ]));
        if i == 1 && roomy {
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(LABEL_WIDTH)),
                Span::styled(
                    text::truncate("YYYY-MM-DD, YYYY-MM, YYYY or empty", field_width),
                    p.muted,
                ),
            ]));
        }
    }
    if roomy {
        lines.push(Line::default());
    }
    match &form.error {
        Some(e) => lines.push(Line::styled(text::truncate(e, width), p.error)),
        None => lines.push(Line::styled(
            text::truncate("Enter adds it · Tab next field · Esc cancels", width),
            p.muted,
        )),
    }
    let body = Rect::new(x, inner.y, width as u16, inner.height);
    frame.render_widget(Paragraph::new(lines), body);
    if app.mode == Mode::Evidence
        && let Some((col, row)) = cursor
        && row < h
        && col < inner.width.saturating_sub(1) as usize
    {
        frame.set_cursor_position(Position::new(x + col as u16, inner.y + row as u16));
    }
}

// ---- the discard question ----

pub fn render_discard(frame: &mut Frame, app: &App, screen: Rect) {
    let Some(d) = app.discard else { return };
    let area = super::overlay(screen, 52, 4);
    let title = if d.then_quit {
        "Quit without saving?"
    } else {
        "Discard the changes?"
    };
    let Some(inner) = super::overlay_box(frame, app, area, title.into(), true) else {
        return;
    };
    let p = &app.palette;
    let what = if d.from == Mode::Note {
        "The note has changes that are not saved."
    } else {
        "The evidence typed is not added yet."
    };
    let w = inner.width as usize;
    let lines = vec![
        Line::raw(text::truncate(what, w)),
        Line::from(vec![
            Span::styled("y", p.key),
            Span::raw(text::truncate(" discards · ", w.saturating_sub(1))),
            Span::styled("n", p.key),
            Span::raw(text::truncate(" keeps editing", w.saturating_sub(13))),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_field_scrolls_to_keep_the_cursor_in_view() {
        let e = Editor::new("https://example.org/a/very/long/path/to/a/report", false);
        let (shown, col) = field_view(&e, 20);
        assert!(text::width(&shown) <= 20, "{shown}");
        assert!(shown.ends_with("report"), "{shown}");
        assert_eq!(col, 19);
        let mut start = e.clone();
        start.line_start();
        let (shown, col) = field_view(&start, 20);
        assert!(
            shown.starts_with("https://") && shown.ends_with('…'),
            "{shown}"
        );
        assert_eq!(col, 0);
        // Wide chars: the cursor column counts two per char.
        let w = Editor::new("发布时间", false);
        assert_eq!(field_view(&w, 20), ("发布时间".to_string(), 8));
    }

    #[test]
    fn the_note_text_area_fits_any_screen() {
        for (w, h) in [(0, 0), (1, 1), (10, 4), (40, 10), (80, 24), (200, 60)] {
            let t = note_text_area(Rect::new(0, 0, w, h));
            let a = note_area(Rect::new(0, 0, w, h));
            assert!(t.x + t.width <= a.x + a.width && t.y + t.height <= a.y + a.height);
        }
    }
}
