//! The header line: title, published date and source, and which document of
//! several this is.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::App;
use crate::tui::text;

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let doc = app.doc();
    let p = &app.palette;
    // Which document, how far the loading is, and what was skipped.
    let mut pieces: Vec<(String, Style)> = Vec::new();
    if app.several_documents() {
        pieces.push((
            format!("document {} of {}", app.current + 1, app.docs.len()),
            p.key,
        ));
    }
    if app.loading.active() {
        pieces.push((
            format!("loading {}/{}", app.loading.delivered, app.loading.listed),
            p.muted,
        ));
    }
    if !app.skipped.is_empty() {
        pieces.push((format!("{} skipped", app.skipped.len()), p.error));
    }
    if app.doc_tracking().is_some_and(|t| t.problem.is_some()) {
        pieces.push(("tracking read-only (T)".into(), p.error));
    } else if app.tracking.saving > 0 {
        pieces.push(("saving…".into(), p.muted));
    } else if !app.tracking.unsaved.is_empty() {
        pieces.push(("not saved".into(), p.error));
    }
    let mut right: Vec<(String, Style)> = Vec::new();
    for (i, piece) in pieces.into_iter().enumerate() {
        right.push(((if i == 0 { " " } else { " · " }).into(), p.muted));
        right.push(piece);
    }
    if !right.is_empty() {
        right.push((" ".into(), Style::new()));
    }
    let right_text: String = right.iter().map(|(s, _)| s.as_str()).collect();
    let right_w = (text::width(&right_text) as u16).min(area.width);
    let left_area = Rect {
        width: area.width - right_w,
        ..area
    };
    let mut meta = Vec::new();
    if let Some(date) = &doc.published {
        // `2023-06-07T16:36:13` reads better as `2023-06-07 16:36:13`.
        meta.push(date.replacen('T', " ", 1));
    }
    if let Some(source) = &doc.source {
        meta.push(source.clone());
    }
    let room = left_area.width as usize;
    let title = text::truncate(&format!(" {}", doc.title), room);
    let mut spans = vec![Span::styled(title.clone(), p.title)];
    let mut used = text::width(&title);
    for m in meta {
        let piece = format!(" · {m}");
        if used >= room {
            break;
        }
        let piece = text::truncate(&piece, room - used);
        used += text::width(&piece);
        spans.push(Span::styled(piece, p.muted));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), left_area);
    if right_w > 0 {
        let right_area = Rect {
            x: area.x + area.width - right_w,
            width: right_w,
            ..area
        };
        let spans: Vec<Span> = right
            .into_iter()
            .map(|(s, style)| Span::styled(s, style))
            .collect();
        frame.render_widget(Paragraph::new(Line::from(spans)), right_area);
    }
}
