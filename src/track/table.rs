//! The `status` summary: per document, a table of its themes' progress and
//! the orphaned entries. Plain text; nothing from a document or a tracker
//! file can reach the terminal as a control sequence.

use super::{Progress, Status, Tracker};
use crate::load::display_path;
use crate::model::Document;
use std::fmt::Write;

/// Width of the progress bar, in cells.
const BAR: usize = 10;

/// The summary of document `index` (its position in the slice the tracker
/// was opened with): title, tracker file, one row per theme that has
/// commitments plus an "all" row, then the orphans.
pub fn status_table(doc: &Document, tracker: &Tracker, index: usize) -> String {
    let mut out = String::new();
    out.push_str(&safe(&doc.title));
    out.push('\n');
    if let Some(path) = &doc.path {
        let _ = writeln!(out, "statement: {}", safe(path));
    }
    match tracker.file(index) {
        Some(file) if file.exists() => {
            let _ = writeln!(out, "tracker:   {}", display_path(file));
        }
        Some(file) => {
            let _ = writeln!(out, "tracker:   {} (not created yet)", display_path(file));
        }
        None => out.push_str("tracker:   none\n"),
    }
    out.push('\n');

    let mut rows: Vec<(String, Progress)> = doc
        .themes
        .iter()
        .filter(|t| !t.commitments.is_empty())
        .map(|t| (safe(&t.name), tracker.progress(index, &t.id)))
        .collect();
    if rows.is_empty() {
        out.push_str("no commitments found\n");
    } else {
        rows.push((
            "all commitments".to_string(),
            tracker.document_progress(index),
        ));
        table(&mut out, &rows);
    }

    let orphans = tracker.orphans(index);
    if !orphans.is_empty() {
        let _ = writeln!(
            out,
            "\norphaned: {} (saved for commitments no longer found in the statement)",
            orphans.len()
        );
        for o in orphans {
            let _ = writeln!(out, "  {:<11}  {}", o.record.status.label(), safe(&o.text));
        }
    }
    out
}

/// The order of the count columns.
const COLUMNS: [Status; 6] = [
    Status::Done,
    Status::InProgress,
    Status::Planned,
    Status::Stalled,
    Status::Dropped,
    Status::NotRated,
];

fn table(out: &mut String, rows: &[(String, Progress)]) {
    let name_width = rows
        .iter()
        .map(|(n, _)| n.chars().count())
        .chain(["theme".len()])
        .max()
        .unwrap_or(0);
    let pad = |s: &str, w: usize| " ".repeat(w.saturating_sub(s.chars().count()));
    let _ = write!(out, "theme{}  total", pad("theme", name_width));
    for s in COLUMNS {
        let _ = write!(out, "  {}", s.label());
    }
    out.push_str("  progress\n");
    for (name, p) in rows {
        let _ = write!(out, "{name}{}  {:>5}", pad(name, name_width), p.total);
        for s in COLUMNS {
            let _ = write!(out, "  {:>w$}", p.count(s), w = s.label().len());
        }
        let _ = writeln!(out, "  {} {:>3}%", bar(p), percent(p.done, p.total));
    }
}

/// `█` for done, `▒` for in progress, `·` for the rest, each rounded so the
/// two filled parts add up to the rounded filled share.
pub(crate) fn bar(p: &Progress) -> String {
    if p.total == 0 {
        return "·".repeat(BAR);
    }
    let cells = |n: usize| (n * BAR * 2 + p.total) / (p.total * 2);
    let done = cells(p.done);
    let started = cells(p.done + p.in_progress).max(done);
    format!(
        "{}{}{}",
        "█".repeat(done),
        "▒".repeat(started - done),
        "·".repeat(BAR - started)
    )
}

fn percent(part: usize, total: usize) -> usize {
    if total == 0 {
        0
    } else {
        (part * 200 + total) / (total * 2)
    }
}

/// One line of text with every control character and bidi override a space.
fn safe(text: &str) -> String {
    crate::text::blank_controls(text, &[]).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn progress(total: usize, done: usize, in_progress: usize) -> Progress {
        Progress {
            total,
            done,
            in_progress,
            not_rated: total - done - in_progress,
            ..Progress::default()
        }
    }

    #[test]
    fn bars_round_each_part() {
        assert_eq!(bar(&progress(0, 0, 0)), "··········");
        assert_eq!(bar(&progress(4, 4, 0)), "██████████");
        assert_eq!(bar(&progress(4, 1, 1)), "███▒▒·····");
        assert_eq!(bar(&progress(10, 2, 3)), "██▒▒▒·····");
        // 3 of 13 started is 2.3 cells: the one in progress rounds away.
        assert_eq!(bar(&progress(13, 2, 1)), "██········");
        assert_eq!(bar(&progress(54, 0, 1)), "··········");
        assert_eq!(bar(&progress(3, 1, 0)).chars().count(), BAR);
    }

    #[test]
    fn percentages_round_half_up() {
        assert_eq!(percent(1, 8), 13);
        assert_eq!(percent(2, 13), 15);
        assert_eq!(percent(0, 0), 0);
        assert_eq!(percent(3, 3), 100);
    }

    #[test]
    fn control_characters_become_spaces() {
        assert_eq!(safe("a\x1b[2Jb\nc\u{9b}"), "a [2Jb c ");
        assert_eq!(safe("x\u{202e}y\u{2066}z"), "x y z");
    }
}
