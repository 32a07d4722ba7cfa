//! The header line: title, published date and source, and which document of
//! several this is.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::App;
use crate::tui::text;

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let doc = app.doc();
    let p = &app.palette;
    let right = if app.docs.len() > 1 {
        format!(" document {} of {} ", app.current + 1, app.docs.len())
    } else {
        String::new()
    };
    let right_w = (text::width(&right) as u16).min(area.width);
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
        frame.render_widget(Paragraph::new(Span::styled(right, p.key)), right_area);
    }
}
