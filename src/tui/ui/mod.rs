//! Rendering: each pane is a function of `&App` that draws into a frame and
//! never changes state. `areas` is the one place the screen is divided; the
//! state update uses it too, to scroll and to map mouse clicks.

pub mod detail;
pub mod documents;
pub mod edit;
pub mod footer;
pub mod header;
pub mod help;
pub mod search;
pub mod skipped;
pub mod statement;
pub mod themes;
pub mod track;

use ratatui::Frame;
use ratatui::layout::{Alignment, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Clear, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
};

use super::app::{App, Mode, Pane};
use super::text;

/// Under this the panes are replaced by a notice.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this width the detail pane sits right of the statement, not below it.
pub const WIDE: u16 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub themes: Rect,
    pub statement: Rect,
    pub detail: Rect,
    pub footer: Rect,
    /// Detail below the statement rather than beside it.
    pub stacked: bool,
}

impl Areas {
    pub fn pane(&self, pane: Pane) -> Rect {
        match pane {
            Pane::Themes => self.themes,
            Pane::Statement => self.statement,
            Pane::Detail => self.detail,
        }
    }
}

/// How the screen divides, or `None` when it is too small for panes.
pub fn areas(area: Rect) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let (x, y, w, h) = (area.x, area.y, area.width, area.height);
    let header = Rect::new(x, y, w, 1);
    let footer = Rect::new(x, y + h - 1, w, 1);
    let body_y = y + 1;
    let body_h = h - 2;
    if w >= WIDE {
        let themes_w = (w * 22 / 100).clamp(24, 34);
        let detail_w = (w * 34 / 100).clamp(34, 72);
        let statement_w = w - themes_w - detail_w;
        Some(Areas {
            header,
            themes: Rect::new(x, body_y, themes_w, body_h),
            statement: Rect::new(x + themes_w, body_y, statement_w, body_h),
            detail: Rect::new(x + themes_w + statement_w, body_y, detail_w, body_h),
            footer,
            stacked: false,
        })
    } else {
        let themes_w = (w / 4).clamp(16, 24);
        let right_w = w - themes_w;
        let statement_h = body_h * 3 / 5;
        Some(Areas {
            header,
            themes: Rect::new(x, body_y, themes_w, body_h),
            statement: Rect::new(x + themes_w, body_y, right_w, statement_h),
            detail: Rect::new(
                x + themes_w,
                body_y + statement_h,
                right_w,
                body_h - statement_h,
            ),
            footer,
            stacked: true,
        })
    }
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    r.inner(Margin::new(1, 1))
}

/// A centred box for an overlay, leaving header and footer visible.
pub fn overlay(area: Rect, max_width: u16, height: u16) -> Rect {
    let w = area.width.saturating_sub(4).min(max_width);
    let h = area.height.saturating_sub(4).min(height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + 2.min(area.height.saturating_sub(h)),
        w,
        h,
    )
}

/// Draw the whole screen from the state.
pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let Some(areas) = areas(area) else {
        too_small(frame, area, app);
        return;
    };
    header::render(frame, app, areas.header);
    themes::render(frame, app, areas.themes);
    statement::render(frame, app, areas.statement);
    detail::render(frame, app, areas.detail);
    footer::render(frame, app, areas.footer);
    match app.mode {
        Mode::Search => search::render(frame, app, area),
        Mode::Help => help::render(frame, app, area),
        Mode::Documents => documents::render(frame, app, area),
        Mode::Skipped => skipped::render(frame, app, area),
        Mode::StatusMenu => track::render_menu(frame, app, area),
        Mode::Note => edit::render_note(frame, app, area),
        Mode::Evidence => edit::render_form(frame, app, area),
        Mode::Discard => {
            // The question stands over the editor it is about.
            edit::render_note(frame, app, area);
            edit::render_form(frame, app, area);
            edit::render_discard(frame, app, area);
        }
        Mode::Tracking => track::render_notice(frame, app, area),
        Mode::Removal => track::render_removal(frame, app, area),
        Mode::Normal => {}
    }
}

fn too_small(frame: &mut Frame, area: Rect, app: &App) {
    if area.is_empty() {
        return;
    }
    let lines = vec![
        Line::from("terminal too small"),
        Line::styled(
            format!(
                "{}x{}, need {}x{}",
                area.width, area.height, MIN_WIDTH, MIN_HEIGHT
            ),
            app.palette.muted,
        ),
        Line::styled("q quits", app.palette.muted),
    ];
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    let rect = Rect::new(area.x, area.y + top, area.width, area.height - top);
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), rect);
}

/// A bordered pane with its title; the focused one stands out.
/// The first row of a typing overlay: `prompt`, then as much of the end of
/// `query` (already cleaned) as fits, since the end is where the typing
/// happens; the terminal cursor is put after it.
pub fn input_line(
    frame: &mut Frame,
    app: &App,
    inner: Rect,
    prompt: &'static str,
    query: &str,
) -> Line<'static> {
    let width = inner.width as usize;
    let (start, shown_width) = tail_fitting(query, width.saturating_sub(3));
    let shown = &query[start..];
    let cursor_x = inner.x + (2 + shown_width).min(width.saturating_sub(1)) as u16;
    frame.set_cursor_position(ratatui::layout::Position::new(cursor_x, inner.y));
    Line::from(vec![
        Span::styled(prompt, app.palette.key),
        Span::raw(shown.to_string()),
    ])
}

/// Where the longest end of `s` that fits in `room` columns starts, and its
/// width. One pass back from the end that stops at the first char that does
/// not fit, so the work is in proportion to what is shown, however long `s`.
pub fn tail_fitting(s: &str, room: usize) -> (usize, usize) {
    let mut start = s.len();
    let mut used = 0;
    for (i, c) in s.char_indices().rev() {
        let w = text::char_width(c);
        if used + w > room {
            break;
        }
        used += w;
        start = i;
    }
    (start, used)
}

/// The first row to show of a list `room` rows high so that row `cursor`
/// is in view: the list scrolls no more than that needs.
pub fn first_shown(cursor: usize, room: usize) -> usize {
    (cursor + 1).saturating_sub(room)
}

/// An overlay's frame: `area` cleared and boxed under `title`. Returns the
/// inside of the box, or `None` when there is no room inside.
pub fn overlay_box(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    title: String,
    focused: bool,
) -> Option<Rect> {
    frame.render_widget(Clear, area);
    let block = pane_block(app, title, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    (!inner.is_empty()).then_some(inner)
}

pub fn pane_block(app: &App, title: String, focused: bool) -> Block<'static> {
    let p = &app.palette;
    let border = if focused { p.border_focused } else { p.border };
    let title_style = if focused {
        p.border_focused.patch(p.title)
    } else {
        p.muted
    };
    Block::new()
        .borders(Borders::ALL)
        .border_style(border)
        .title(Span::styled(format!(" {title} "), title_style))
}

/// A document's name where space is short: its file name, or the title of
/// the built-in statement, cut to `width` columns.
pub fn short_name(doc: &crate::model::Document, width: usize) -> String {
    let name = super::app::file_name(doc);
    let name = if name.is_empty() {
        doc.title.as_str()
    } else {
        name.as_str()
    };
    super::text::truncate(&super::text::clean(name), width)
}

/// Whether keys go to `pane` (not while an overlay is open).
pub fn has_focus(app: &App, pane: Pane) -> bool {
    app.focus == pane && app.mode == Mode::Normal
}

/// The style of a list row, given whether it is under the cursor.
pub fn row_style(app: &App, pane: Pane, is_cursor: bool) -> Style {
    match (is_cursor, has_focus(app, pane)) {
        (false, _) => Style::new(),
        (true, true) => app.palette.cursor,
        (true, false) => app.palette.cursor_unfocused,
    }
}

/// A scrollbar on a pane's right border when its `rows` do not fit the
/// `viewport`; `top` is the first row shown.
pub fn scrollbar(
    frame: &mut Frame,
    app: &App,
    pane: Rect,
    rows: usize,
    viewport: usize,
    top: usize,
) {
    if rows <= viewport || pane.height < 3 {
        return;
    }
    let track = pane.inner(Margin::new(0, 1));
    // Positions run 0..=rows-viewport, so the thumb is viewport/rows of the track.
    let mut state = ScrollbarState::new(rows - viewport + 1)
        .position(top.min(rows - viewport))
        .viewport_content_length(viewport);
    let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .track_symbol(None)
        .thumb_symbol("┃")
        .thumb_style(app.palette.border_focused);
    frame.render_stateful_widget(bar, track, &mut state);
}
