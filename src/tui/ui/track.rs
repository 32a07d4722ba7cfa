//! Tracking on screen: status symbols, progress bars, the status menu and
//! the notice shown when tracking is read-only.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::track::Status;
use crate::tui::app::{App, MenuPurpose, entry_label};
use crate::tui::text;

/// A status as one cell, told apart by shape so monochrome reads it too.
pub fn symbol(status: Status) -> &'static str {
    match status {
        Status::NotRated => "·",
        Status::Planned => "○",
        Status::InProgress => "◐",
        Status::Done => "●",
        Status::Stalled => "‖",
        Status::Dropped => "✗",
    }
}

/// Counts of the statuses that make a bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub total: usize,
    pub done: usize,
    pub in_progress: usize,
}

impl Counts {
    pub fn of(statuses: impl IntoIterator<Item = Status>) -> Counts {
        let mut c = Counts::default();
        for s in statuses {
            c.total += 1;
            match s {
                Status::Done => c.done += 1,
                Status::InProgress => c.in_progress += 1,
                _ => {}
            }
        }
        c
    }
}

/// The cells of a bar `cells` wide: (done, in progress, rest). Each part is
/// rounded, but a part that is not zero keeps at least one cell and the bar
/// is full only when everything is done, so a small bar never hides a
/// change nor overstates one.
pub fn bar_cells(c: Counts, cells: usize) -> (usize, usize, usize) {
    if c.total == 0 || cells == 0 {
        return (0, 0, cells);
    }
    let scale = |n: usize| (n * cells * 2 + c.total) / (c.total * 2);
    let started_n = c.done + c.in_progress;
    // Cells kept back for the parts after "done" that must show.
    let need_going = usize::from(c.in_progress > 0);
    let need_rest = usize::from(started_n < c.total);
    let mut done = scale(c.done);
    if c.done > 0 {
        done = done.max(1);
    }
    done = done.min(cells.saturating_sub(need_going + need_rest));
    let low = done + need_going;
    let high = cells.saturating_sub(need_rest).max(low);
    let started = scale(started_n).clamp(low, high).min(cells);
    let done = done.min(started);
    (done, started - done, cells - started)
}

/// The bar as styled spans: `█` done, `▒` in progress, `·` the rest.
pub fn bar(app: &App, c: Counts, cells: usize) -> Vec<Span<'static>> {
    let p = &app.palette;
    let (done, going, rest) = bar_cells(c, cells);
    vec![
        Span::styled("█".repeat(done), p.status(Status::Done)),
        Span::styled("▒".repeat(going), p.status(Status::InProgress)),
        Span::styled("·".repeat(rest), p.muted),
    ]
}

// ---- the status menu ----

pub fn menu_area(app: &App, screen: Rect) -> Rect {
    let rows = app.menu.entries().len() as u16;
    super::overlay(screen, 34, rows + 2)
}

pub fn render_menu(frame: &mut Frame, app: &App, screen: Rect) {
    let area = menu_area(app, screen);
    let (title, now) = match app.menu.purpose {
        MenuPurpose::SetStatus { doc, id } => (
            format!("Status of #{id}"),
            Some(
                app.tracking
                    .docs
                    .get(doc)
                    .and_then(Option::as_ref)
                    .map_or(Status::NotRated, |t| t.status(id)),
            ),
        ),
        MenuPurpose::Filter => ("Show only".to_string(), app.filter),
    };
    let Some(inner) = super::overlay_box(frame, app, area, title, true) else {
        return;
    };
    let p = &app.palette;
    let width = inner.width as usize;
    let entries = app.menu.entries();
    // Keep the cursor in view when the box is cut short.
    let h = inner.height as usize;
    let first = super::first_shown(app.menu.cursor, h);
    let lines: Vec<Line> = entries
        .iter()
        .enumerate()
        .skip(first)
        .take(h)
        .map(|(i, &entry)| {
            let number = match entry {
                None => 0,
                Some(s) => Status::ALL
                    .iter()
                    .position(|&x| x == s)
                    .map_or(0, |k| k + 1),
            };
            let (sym, style) = match entry {
                Some(s) => (symbol(s), p.status(s)),
                None => (" ", Style::new()),
            };
            let label = entry_label(entry);
            let mark = if entry == now { "now " } else { "" };
            let used = 2 + 2 + text::width(label) + text::width(mark);
            let pad = width.saturating_sub(used + 1);
            let line = Line::from(vec![
                Span::styled(format!(" {number}"), p.key),
                Span::raw(" "),
                Span::styled(sym, style),
                Span::raw(format!(" {label}")),
                Span::raw(" ".repeat(pad)),
                Span::styled(mark, p.muted),
            ]);
            if i == app.menu.cursor {
                line.style(p.cursor)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

// ---- removing evidence ----

pub fn render_removal(frame: &mut Frame, app: &App, screen: Rect) {
    let Some(r) = app.removal else { return };
    let Some(record) = app
        .tracking
        .docs
        .get(r.doc)
        .and_then(Option::as_ref)
        .and_then(|t| t.record(r.id))
    else {
        return;
    };
    let n = record.evidence.len().min(usize::from(u16::MAX - 2)) as u16;
    let area = super::overlay(screen, 76, n + 2);
    let Some(inner) = super::overlay_box(
        frame,
        app,
        area,
        format!("Remove evidence of #{}", r.id),
        true,
    ) else {
        return;
    };
    let p = &app.palette;
    let width = inner.width as usize;
    let h = inner.height as usize;
    let first = super::first_shown(r.cursor, h);
    let lines: Vec<Line> = record
        .evidence
        .iter()
        .enumerate()
        .skip(first)
        .take(h)
        .map(|(i, e)| {
            let mut words = e.source.clone();
            if !e.date.is_empty() {
                words.push_str(&format!(" · {}", e.date));
            }
            if !e.quote.is_empty() {
                words.push_str(&format!(" · “{}”", e.quote));
            }
            let number = format!(" {}. ", i + 1);
            let room = width.saturating_sub(text::width(&number));
            let line = Line::from(vec![
                Span::styled(number, p.key),
                Span::raw(text::truncate(&words, room)),
            ]);
            if i == r.cursor {
                line.style(p.cursor)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

// ---- the read-only notice ----

pub fn notice_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let p = &app.palette;
    let width = width.max(1);
    let mut out = Vec::new();
    let wrapped = |s: &str, style: Style, out: &mut Vec<Line<'static>>| {
        let s = text::clean(s);
        for r in text::wrap(&s, width) {
            out.push(Line::styled(s[r].to_string(), style));
        }
    };
    for problem in app.tracking_problems() {
        wrapped(&problem.to_string(), p.error, &mut out);
    }
    out.push(Line::default());
    wrapped(
        "Statuses, notes and evidence are shown as last read; changes are refused until this is put right.",
        Style::new(),
        &mut out,
    );
    out.push(Line::default());
    if app.can_move_aside() {
        wrapped(
            "y  move the bad file aside (renamed NAME.corrupt-DATE beside it, nothing deleted) and start a fresh tracker",
            p.key,
            &mut out,
        );
        wrapped(
            "n  keep it as it is; tracking stays read-only (T shows this again)",
            p.muted,
            &mut out,
        );
    } else {
        wrapped(
            "Put the file or folder right and start deltascope again, or choose another file with --tracker FILE. T shows this again.",
            p.muted,
            &mut out,
        );
    }
    out
}

pub fn notice_area(app: &App, screen: Rect) -> Rect {
    let w = screen.width.saturating_sub(4).min(84);
    let lines = notice_lines(app, w.saturating_sub(4) as usize).len() as u16;
    super::overlay(screen, 84, lines + 2)
}

pub fn render_notice(frame: &mut Frame, app: &App, screen: Rect) {
    let area = notice_area(app, screen);
    frame.render_widget(Clear, area);
    let block = super::pane_block(app, "Tracking is read-only".into(), true);
    // A column of air each side, as in the detail pane.
    let inner = area.inner(Margin::new(2, 1));
    frame.render_widget(block, area);
    if inner.is_empty() {
        return;
    }
    let lines = notice_lines(app, inner.width as usize);
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(total: usize, done: usize, in_progress: usize) -> Counts {
        Counts {
            total,
            done,
            in_progress,
        }
    }

    #[test]
    fn bars_show_every_part_and_are_full_only_when_all_is_done() {
        assert_eq!(bar_cells(c(0, 0, 0), 8), (0, 0, 8));
        assert_eq!(bar_cells(c(2, 1, 1), 8), (4, 4, 0));
        assert_eq!(bar_cells(c(4, 4, 0), 8), (8, 0, 0));
        assert_eq!(bar_cells(c(4, 1, 1), 8), (2, 2, 4));
        // One of 54 still shows; 53 of 54 is not full.
        assert_eq!(bar_cells(c(54, 1, 0), 8), (1, 0, 7));
        assert_eq!(bar_cells(c(54, 0, 1), 6), (0, 1, 5));
        assert_eq!(bar_cells(c(54, 53, 0), 8), (7, 0, 1));
        assert_eq!(bar_cells(c(54, 53, 1), 8), (7, 1, 0));
        assert_eq!(bar_cells(c(3, 1, 0), 0), (0, 0, 0));
        for total in 1..30 {
            for done in 0..=total {
                for going in 0..=total - done {
                    let (d, g, r) = bar_cells(c(total, done, going), 6);
                    assert_eq!(d + g + r, 6, "{total} {done} {going}");
                    assert_eq!(d > 0, done > 0);
                    assert_eq!(g > 0, going > 0, "{total} {done} {going}");
                    assert_eq!(r == 0, done + going == total);
                }
            }
        }
    }

    #[test]
    fn counts_take_done_and_in_progress() {
        let n = Counts::of([
            Status::Done,
            Status::Planned,
            Status::InProgress,
            Status::Done,
        ]);
        assert_eq!(n, c(4, 2, 1));
    }

    #[test]
    fn symbols_are_one_column_and_distinct() {
        let all: Vec<&str> = Status::ALL.iter().map(|&s| symbol(s)).collect();
        for (i, s) in all.iter().enumerate() {
            assert_eq!(text::width(s), 1, "{s}");
            assert!(!all[i + 1..].contains(s), "{s} twice");
        }
    }
}
