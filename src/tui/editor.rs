//! A small text editor for the note (several lines) and the evidence fields
//! (one line each): the text, a cursor, and rows soft-wrapped to a width.
//! Rows cover the text without gaps (the blank at a break stays at the end
//! of its row), so every cursor position has a place on screen. Widths are
//! terminal columns: a CJK char takes two.
//!
//! The rows are kept between keystrokes, not wrapped afresh, and only as
//! far as they are needed (the cursor's row and the box below it). Where a
//! row breaks depends only on the text from its start, so an edit re-wraps
//! from the first row it can change until a row starts where an old one did
//! (the old rows from there on only move) or the rows reach past the
//! cursor; rows further on are wrapped when asked for. A keystroke then
//! costs a few rows of wrapping however long the note.

use std::borrow::Cow;
use std::ops::Range;

use super::text::char_width;

#[derive(Debug, Clone)]
pub struct Editor {
    text: String,
    /// Byte offset into `text`, always on a char boundary.
    cursor: usize,
    multiline: bool,
    /// The column kept while moving up and down through shorter rows.
    goal: Option<usize>,
    /// The first rows at one width, kept up to date by every edit; `None`
    /// until a width is asked for (one-line fields never are).
    layout: Option<Layout>,
    /// How many newlines `text` holds, kept by every edit.
    newlines: usize,
}

/// Two editors are equal when they hold the same text and cursor; the rows
/// they keep are only a cache of that.
impl PartialEq for Editor {
    fn eq(&self, other: &Editor) -> bool {
        (&self.text, self.cursor, self.multiline, self.goal)
            == (&other.text, other.cursor, other.multiline, other.goal)
    }
}

impl Eq for Editor {}

/// The rows of the text at `width` from the first on: all of them when
/// `complete`, else as many as were needed so far.
#[derive(Debug, Clone)]
struct Layout {
    width: usize,
    rows: Vec<Row>,
    complete: bool,
    /// Rows the last edit wrapped afresh, for tests of the work it took.
    #[cfg(test)]
    rewrapped: usize,
}

/// One screen row of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub range: Range<usize>,
    /// The row ends its line (a newline or the end of the text follows), so
    /// the cursor may stand just after it.
    pub line_end: bool,
    /// The line it belongs to, from 0.
    pub line: usize,
    /// Where the text that decided the row's end is: the char that did not
    /// fit, the newline, or the end of the text. An edit before it can
    /// change the row (and that can reach back more than one row: a blank
    /// hanging at a row's end can move down with a word and a wide char).
    decided: usize,
}

impl Editor {
    /// An editor holding `text`, the cursor at its end.
    pub fn new(text: &str, multiline: bool) -> Editor {
        let mut e = Editor {
            text: String::new(),
            cursor: 0,
            multiline,
            goal: None,
            layout: None,
            newlines: 0,
        };
        e.insert_str(text);
        e
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Type a char. In one line a newline becomes a space; other control
    /// chars but tab are dropped, so nothing typed or pasted can reach the
    /// terminal as a control sequence.
    pub fn insert(&mut self, c: char) {
        let c = match c {
            '\n' | '\r' if !self.multiline => ' ',
            '\r' => '\n',
            c => c,
        };
        if c.is_control() && c != '\n' && c != '\t' {
            return;
        }
        let at = self.cursor;
        self.text.insert(at, c);
        self.cursor += c.len_utf8();
        self.newlines += usize::from(c == '\n');
        self.edited(at, 0, c.len_utf8());
    }

    /// Insert pasted text; Windows and old Mac line ends become newlines.
    pub fn insert_str(&mut self, s: &str) {
        let s = s.replace("\r\n", "\n");
        let mut clean = String::with_capacity(s.len());
        for c in s.chars() {
            match c {
                '\n' | '\r' if !self.multiline => clean.push(' '),
                '\r' => clean.push('\n'),
                c if c.is_control() && c != '\n' && c != '\t' => {}
                c => clean.push(c),
            }
        }
        let at = self.cursor;
        self.text.insert_str(at, &clean);
        self.cursor += clean.len();
        self.newlines += newlines_in(&clean);
        self.edited(at, 0, clean.len());
    }

    pub fn backspace(&mut self) {
        if let Some(prev) = self.prev_boundary() {
            let removed = self.cursor - prev;
            self.newlines -= newlines_in(&self.text[prev..self.cursor]);
            self.text.replace_range(prev..self.cursor, "");
            self.cursor = prev;
            self.edited(prev, removed, 0);
        }
        self.goal = None;
    }

    pub fn delete(&mut self) {
        if let Some(next) = self.next_boundary() {
            let at = self.cursor;
            self.newlines -= newlines_in(&self.text[at..next]);
            self.text.replace_range(at..next, "");
            self.edited(at, next - at, 0);
        }
        self.goal = None;
    }

    pub fn left(&mut self) {
        if let Some(p) = self.prev_boundary() {
            self.cursor = p;
        }
        self.goal = None;
    }

    pub fn right(&mut self) {
        if let Some(n) = self.next_boundary() {
            self.cursor = n;
        }
        self.goal = None;
    }

    /// To the start of the line (after the previous newline).
    pub fn line_start(&mut self) {
        self.cursor = self.line_start_of(self.cursor);
        self.goal = None;
    }

    /// To the end of the line (before the next newline).
    pub fn line_end(&mut self) {
        self.cursor = self.text[self.cursor..]
            .find('\n')
            .map_or(self.text.len(), |i| self.cursor + i);
        self.goal = None;
    }

    /// Delete from the start of the line to the cursor (Ctrl-U).
    pub fn clear_to_line_start(&mut self) {
        let start = self.line_start_of(self.cursor);
        let removed = self.cursor - start;
        self.newlines -= newlines_in(&self.text[start..self.cursor]);
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
        self.edited(start, removed, 0);
        self.goal = None;
    }

    /// After `removed` bytes at `at` were replaced by `inserted` bytes:
    /// forget the goal column and bring the kept rows up to date.
    fn edited(&mut self, at: usize, removed: usize, inserted: usize) {
        self.goal = None;
        if removed == 0 && inserted == 0 {
            return;
        }
        if let Some(layout) = self.layout.as_mut() {
            layout.rewrap(&self.text, at, removed, inserted, self.cursor);
        }
    }

    fn line_start_of(&self, at: usize) -> usize {
        if !self.multiline {
            return 0;
        }
        self.text[..at].rfind('\n').map_or(0, |i| i + 1)
    }

    fn prev_boundary(&self) -> Option<usize> {
        self.text[..self.cursor]
            .char_indices()
            .next_back()
            .map(|(i, _)| i)
    }

    fn next_boundary(&self) -> Option<usize> {
        self.text[self.cursor..]
            .chars()
            .next()
            .map(|c| self.cursor + c.len_utf8())
    }

    /// The rows kept at `width` (none yet when the width is new), extended
    /// until `enough` says so or the text ends.
    fn layout_until(&mut self, width: usize, enough: impl Fn(&[Row]) -> bool) -> &[Row] {
        if self.layout.as_ref().is_none_or(|l| l.width != width) {
            self.layout = Some(Layout {
                width,
                rows: Vec::new(),
                complete: false,
                #[cfg(test)]
                rewrapped: 0,
            });
        }
        match &mut self.layout {
            Some(layout) => {
                layout.extend(&self.text, enough);
                &layout.rows
            }
            None => &[],
        }
    }

    /// Keep the rows wrapped through row `count` (or the end): the rows the
    /// note's box shows, so drawing it needs no wrapping.
    pub fn prepare_rows(&mut self, width: usize, count: usize) {
        self.layout_until(width, |rows| rows.len() >= count);
    }

    /// Keep the rows wrapped past the cursor's and `more` after it.
    fn rows_past_cursor(&mut self, width: usize, more: usize) -> &[Row] {
        let cursor = self.cursor;
        self.layout_until(width, |rows| {
            let past = rows.len() - rows.partition_point(|r| r.range.start <= cursor);
            past > more
        })
    }

    /// The first `count` rows at `width` (all when there are fewer): the kept
    /// ones when they reach that far.
    pub fn rows_through(&self, width: usize, count: usize) -> Cow<'_, [Row]> {
        match &self.layout {
            Some(l) if l.width == width && (l.complete || l.rows.len() >= count) => {
                Cow::Borrowed(&l.rows)
            }
            Some(l) if l.width == width => {
                let mut more = l.clone();
                more.extend(&self.text, |rows| rows.len() >= count);
                Cow::Owned(more.rows)
            }
            _ => {
                let mut rows = Vec::new();
                wrap_from(&self.text, 0, 0, width, |row| {
                    rows.push(row);
                    rows.len() < count
                });
                Cow::Owned(rows)
            }
        }
    }

    /// The text in rows of at most `width` columns (blanks at a break hang
    /// past it).
    pub fn rows(&self, width: usize) -> Cow<'_, [Row]> {
        self.rows_through(width, usize::MAX)
    }

    /// The cursor's row and column among `rows` (the rows of this text, or
    /// the first of them as far as past the cursor's).
    pub fn cursor_at(&self, rows: &[Row]) -> (usize, usize) {
        // Row starts only grow, and the cursor belongs to the last row that
        // starts at or before it (at the end of a wrapped row it is already
        // at the start of the next).
        let i = rows
            .partition_point(|r| r.range.start <= self.cursor)
            .saturating_sub(1);
        match rows.get(i) {
            Some(r) if r.range.start <= self.cursor => {
                (i, columns(&self.text[r.range.start..self.cursor]))
            }
            _ => (rows.len().saturating_sub(1), 0),
        }
    }

    /// The cursor's row at `width`, as `cursor_at(&rows(width))` gives it.
    pub fn cursor_row(&mut self, width: usize) -> usize {
        self.rows_past_cursor(width, 0);
        let rows = self.layout.as_ref().map_or(&[][..], |l| &l.rows);
        self.cursor_at(rows).0
    }

    /// Move a row up (or down) at `width`, keeping the column; past the
    /// first (last) row, to the start (end) of the text.
    pub fn vertical(&mut self, down: bool, width: usize) {
        self.rows_past_cursor(width, 1);
        let rows = self.layout.as_ref().map_or(&[][..], |l| &l.rows);
        let (row, col) = self.cursor_at(rows);
        let goal = self.goal.unwrap_or(col);
        let target = if down {
            row + 1
        } else {
            match row.checked_sub(1) {
                Some(r) => r,
                None => {
                    self.cursor = 0;
                    return;
                }
            }
        };
        let Some(r) = rows.get(target) else {
            self.cursor = self.text.len();
            return;
        };
        let mut at = r.range.start;
        let mut acc = 0;
        for (i, c) in self.text[r.range.clone()].char_indices() {
            let w = char_width(c);
            if acc + w > goal {
                break;
            }
            acc += w;
            at = r.range.start + i + c.len_utf8();
        }
        // The end of a wrapped row is the start of the next: stay before it.
        if at == r.range.end
            && !r.line_end
            && let Some((i, _)) = self.text[r.range.clone()].char_indices().next_back()
        {
            at = r.range.start + i;
        }
        self.cursor = at;
        self.goal = Some(goal);
    }

    /// 1-based line and column (in chars) of the cursor, for people. With
    /// the rows kept past the cursor, the line comes from them and only the
    /// cursor's line is read.
    pub fn line_column(&self) -> (usize, usize) {
        let kept = self
            .layout
            .as_ref()
            .filter(|l| l.complete || l.rows.last().is_some_and(|r| r.range.start > self.cursor));
        let (line, start) = match kept {
            Some(l) if !l.rows.is_empty() => {
                let row = self.cursor_at(&l.rows).0;
                let line = l.rows[row].line;
                let first = l.rows.partition_point(|r| r.line < line);
                (line + 1, l.rows[first].range.start)
            }
            _ => {
                let before = &self.text[..self.cursor];
                (newlines_in(before) + 1, self.line_start_of(self.cursor))
            }
        };
        (line, self.text[start..self.cursor].chars().count() + 1)
    }

    /// How many lines the text has (an empty text has one).
    pub fn line_count(&self) -> usize {
        self.newlines + 1
    }
}

impl Layout {
    /// Wrap more rows after the kept ones until `enough` or the text's end.
    fn extend(&mut self, text: &str, enough: impl Fn(&[Row]) -> bool) {
        if self.complete || enough(&self.rows) {
            return;
        }
        let (from, line) = match self.rows.last() {
            None => (0, 0),
            Some(r) if !r.line_end => (r.range.end, r.line),
            Some(r) if r.range.end < text.len() => (r.range.end + 1, r.line + 1),
            Some(_) => {
                self.complete = true;
                return;
            }
        };
        let rows = &mut self.rows;
        let mut stopped = false;
        wrap_from(text, from, line, self.width, |row| {
            rows.push(row);
            stopped = enough(rows);
            !stopped
        });
        self.complete = !stopped || self.rows.last().is_some_and(|r| r.decided == text.len());
    }

    /// Bring the rows up to date after `removed` bytes at `at` became
    /// `inserted` bytes of `text` (the text as it is now), the cursor at
    /// `cursor`.
    fn rewrap(&mut self, text: &str, at: usize, removed: usize, inserted: usize, cursor: usize) {
        let rows = &mut self.rows;
        // The first row whose end depends on text at or after the edit; the
        // rows before it stay as they are. `decided` never falls row to row.
        let first = rows.partition_point(|r| r.decided < at);
        let Some(from) = rows.get(first).map(|r| (r.range.start, r.line)) else {
            // The edit is past the rows kept, which it cannot change.
            return;
        };
        let new_end = at + inserted;
        let mut fresh: Vec<Row> = Vec::new();
        // Where the fresh rows meet the old ones: (old row, line shift).
        let mut meet: Option<(usize, isize)> = None;
        let mut look_from = first;
        // Rows wrapped past the cursor's while looking for a meeting: a few,
        // since the rows of a reflowed paragraph may never meet the old ones.
        let mut past_cursor = 0;
        let mut reached_end = true;
        wrap_from(text, from.0, from.1, self.width, |row| {
            let start = row.range.start;
            if start >= new_end {
                // The text from here on is the old text from `old`: where an
                // old row started there, every row from it on is as it was.
                let old = start - inserted + removed;
                let k = look_from + rows[look_from..].partition_point(|r| r.range.start < old);
                look_from = k;
                if let Some(r) = rows.get(k).filter(|r| r.range.start == old) {
                    meet = Some((k, row.line as isize - r.line as isize));
                    reached_end = false;
                    return false;
                }
            }
            if start > cursor {
                past_cursor += 1;
                if past_cursor > LOOK_AHEAD {
                    reached_end = false;
                    return false;
                }
            }
            fresh.push(row);
            true
        });
        #[cfg(test)]
        {
            self.rewrapped = fresh.len();
        }
        match meet {
            Some((k, lines)) => {
                let moved = first + fresh.len();
                rows.splice(first..k, fresh);
                for r in &mut rows[moved..] {
                    r.range = shift(r.range.start, inserted, removed)
                        ..shift(r.range.end, inserted, removed);
                    r.decided = shift(r.decided, inserted, removed);
                    r.line = r.line.saturating_add_signed(lines);
                }
            }
            None => {
                rows.truncate(first);
                rows.extend(fresh);
                self.complete = reached_end;
            }
        }
    }
}

/// Rows an edit wraps past the cursor's looking for old rows to meet.
const LOOK_AHEAD: usize = 4;

fn newlines_in(s: &str) -> usize {
    s.bytes().filter(|&b| b == b'\n').count()
}

/// A byte offset after an edit, moved by what the edit added and took.
fn shift(at: usize, inserted: usize, removed: usize) -> usize {
    at + inserted - removed
}

fn columns(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Every row of `text` at `width`.
#[cfg(test)]
fn wrap(text: &str, width: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    wrap_from(text, 0, 0, width, |row| {
        rows.push(row);
        true
    });
    rows
}

/// The rows of `text` from `from` (the start of a row, on line `line`) on,
/// handed to `emit` one by one until it returns false. A row breaks after
/// the last blank that fits, or inside a word longer than a row; blanks
/// hang past the width rather than start a row; every line has a row.
fn wrap_from(
    text: &str,
    from: usize,
    mut line: usize,
    width: usize,
    mut emit: impl FnMut(Row) -> bool,
) {
    let width = width.max(1);
    let mut start = from;
    let mut col = 0;
    // Just after the last blank on the row being filled.
    let mut after_blank: Option<usize> = None;
    for (i, c) in text[from..].char_indices() {
        let i = from + i;
        if c == '\n' {
            let row = Row {
                range: start..i,
                line_end: true,
                line,
                decided: i,
            };
            if !emit(row) {
                return;
            }
            line += 1;
            start = i + 1;
            col = 0;
            after_blank = None;
            continue;
        }
        let w = char_width(c);
        // Twice at most: a break after a blank carries the word's start to
        // the next row, where the word with this char may still not fit.
        while !c.is_whitespace() && col + w > width && i > start {
            let cut = after_blank.filter(|&b| b > start).unwrap_or(i);
            let row = Row {
                range: start..cut,
                line_end: false,
                line,
                decided: i,
            };
            if !emit(row) {
                return;
            }
            col = columns(&text[cut..i]);
            start = cut;
            after_blank = None;
        }
        col += w;
        if c.is_whitespace() {
            after_blank = Some(i + c.len_utf8());
        }
    }
    emit(Row {
        range: start..text.len(),
        line_end: true,
        line,
        decided: text.len(),
    });
}

/// Rows of one line (no newline in it), relative byte ranges covering it
/// whole. Always at least one row.
#[cfg(test)]
fn soft_wrap(line: &str, width: usize) -> Vec<Range<usize>> {
    wrap(line, width).into_iter().map(|r| r.range).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(line: &str, width: usize) -> Vec<&str> {
        soft_wrap(line, width)
            .into_iter()
            .map(|r| &line[r])
            .collect()
    }

    #[test]
    fn soft_wrap_breaks_after_blanks_and_inside_long_words() {
        assert_eq!(
            wrapped("the quick brown fox", 10),
            ["the quick ", "brown fox"]
        );
        assert_eq!(wrapped("ab cdefg", 4), ["ab ", "cdef", "g"]);
        assert_eq!(wrapped("", 5), [""]);
        assert_eq!(wrapped("abc", 0), ["a", "b", "c"]);
        // Wide chars: two columns each, never split, one per row at width 1.
        assert_eq!(wrapped("发布时间", 5), ["发布", "时间"]);
        assert_eq!(wrapped("发布", 1), ["发", "布"]);
        // Rows cover the line with no gap.
        let line = "a  b   c    d";
        assert_eq!(wrapped(line, 3).concat(), line);
    }

    #[test]
    fn typing_and_deleting_move_the_cursor_by_chars() {
        let mut e = Editor::new("", true);
        for c in "a发b".chars() {
            e.insert(c);
        }
        assert_eq!((e.text(), e.cursor()), ("a发b", 5));
        e.left();
        e.left();
        assert_eq!(e.cursor(), 1);
        e.delete();
        assert_eq!(e.text(), "ab");
        e.backspace();
        e.backspace();
        assert_eq!((e.text(), e.cursor()), ("b", 0));
        e.right();
        e.right();
        assert_eq!(e.cursor(), 1);
    }

    #[test]
    fn control_chars_are_dropped_and_line_ends_kept_only_when_multiline() {
        let mut note = Editor::new("", true);
        note.insert_str("one\r\ntwo\rthree\x1b[2J\tend");
        assert_eq!(note.text(), "one\ntwo\nthree[2J\tend");
        let mut field = Editor::new("", false);
        field.insert_str("one\ntwo");
        field.insert('\n');
        field.insert('\u{7}');
        assert_eq!(field.text(), "one two ");
    }

    #[test]
    fn home_end_and_ctrl_u_work_on_the_line() {
        let mut e = Editor::new("first\nsecond line", true);
        e.line_start();
        assert_eq!(e.cursor(), 6);
        assert_eq!(e.line_column(), (2, 1));
        e.line_end();
        assert_eq!(e.line_column(), (2, 12));
        e.left();
        e.left();
        e.clear_to_line_start();
        assert_eq!(e.text(), "first\nne");
        assert_eq!(e.line_column(), (2, 1));
    }

    #[test]
    fn the_cursor_has_a_place_on_every_row() {
        let e = Editor::new("the quick brown fox", true);
        let rows = e.rows(10);
        assert_eq!(rows.len(), 2);
        assert_eq!(e.cursor_at(&rows), (1, 9));
        let mut e = Editor::new("the quick brown fox", true);
        // Just after the break: the start of the second row, not the end of the first.
        e.cursor = 10;
        assert_eq!(e.cursor_at(&rows), (1, 0));
        let e = Editor::new("one\n", true);
        let rows = e.rows(10);
        assert_eq!(rows.len(), 2);
        assert_eq!(e.cursor_at(&rows), (1, 0), "after a final newline");
    }

    #[test]
    fn the_rows_kept_through_any_edits_match_a_fresh_wrap() {
        // Edits anywhere (words shortened so they move up a row, lines made
        // and joined, wide chars): the kept rows, cursor row, line and
        // column always equal those of the text wrapped from scratch.
        for width in [1, 3, 7, 20] {
            let mut e = Editor::new(
                "one two three\nfour five six seven\n\neight 发布时间 nine",
                true,
            );
            let mut seed: u64 = 0x5eed + width as u64;
            for step in 0..3000usize {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let pick = (seed >> 33) as usize;
                match pick % 13 {
                    0 => e.insert(['a', 'b', ' ', '\n', '发', 'x', '\t'][pick / 13 % 7]),
                    1 => e.insert('w'),
                    2 | 3 => e.backspace(),
                    4 => e.delete(),
                    5 => e.left(),
                    6 => e.right(),
                    7 => e.vertical((pick / 13).is_multiple_of(2), width),
                    8 => e.line_start(),
                    9 => e.line_end(),
                    10 => {
                        e.insert_str(["a b\nc d e f", "longerword ", "  ", "发布 x"][pick / 13 % 4])
                    }
                    11 => e.clear_to_line_start(),
                    _ => e.insert(' '),
                }
                e.cursor_row(width);
                if step.is_multiple_of(7) {
                    // Now and then every row kept, so edits meet old rows.
                    e.prepare_rows(width, usize::MAX);
                }
                let kept = e
                    .layout
                    .as_ref()
                    .map(|l| l.rows.clone())
                    .unwrap_or_default();
                let fresh = Editor {
                    layout: None,
                    ..e.clone()
                };
                let all = wrap(e.text(), width);
                assert_eq!(
                    kept,
                    all[..kept.len()],
                    "step {step} at {width}: {:?}",
                    e.text()
                );
                assert_eq!(e.rows(width), all.as_slice());
                assert_eq!(e.cursor_row(width), fresh.cursor_at(&fresh.rows(width)).0);
                assert_eq!(e.line_column(), fresh.line_column(), "step {step}");
                assert_eq!(e.line_count(), e.text().split('\n').count());
            }
        }
    }

    #[test]
    fn a_keystroke_in_a_long_note_wraps_a_few_rows_not_the_note() {
        // 100,000 chars: one paragraph, then the same as many short lines.
        for note in ["word ".repeat(20_000), "word\n".repeat(20_000)] {
            let mut e = Editor::new(&note, true);
            e.prepare_rows(40, usize::MAX);
            let rewrapped = |e: &Editor| e.layout.as_ref().map_or(usize::MAX, |l| l.rewrapped);
            // At the end, then in the middle: typing, a deletion that lets a
            // word move up, a line made and joined again, a paste.
            e.insert('x');
            assert!(rewrapped(&e) <= 3, "{}", rewrapped(&e));
            e.cursor = 50_000;
            for edit in [
                (|e: &mut Editor| e.insert('y')) as fn(&mut Editor),
                |e| e.backspace(),
                |e| e.backspace(),
                |e| e.insert('\n'),
                |e| e.backspace(),
                |e| e.insert_str("a few words pasted"),
            ] {
                edit(&mut e);
                assert!(rewrapped(&e) <= 3 + LOOK_AHEAD, "{}", rewrapped(&e));
                let row = e.cursor_row(40);
                let all = wrap(e.text(), 40);
                let fresh = Editor {
                    layout: None,
                    ..e.clone()
                };
                assert_eq!(row, fresh.cursor_at(&all).0);
                assert_eq!(e.rows(40), all.as_slice());
            }
        }
    }

    #[test]
    fn up_and_down_keep_the_column_through_short_rows() {
        let mut e = Editor::new("a long first line\nab\nanother long line", true);
        e.vertical(false, 40);
        e.vertical(false, 40);
        assert_eq!(e.line_column(), (1, 18));
        e.vertical(true, 40);
        assert_eq!(e.line_column(), (2, 3), "clamped to the short line");
        e.vertical(true, 40);
        assert_eq!(e.line_column(), (3, 18), "the column comes back");
        e.vertical(true, 40);
        assert_eq!(e.cursor(), e.text().len());
        e.vertical(false, 40);
        e.vertical(false, 40);
        e.vertical(false, 40);
        assert_eq!(e.cursor(), 0, "up from the first row goes to the start");
    }

    #[test]
    fn down_through_wrapped_rows_stays_on_each_row() {
        let mut e = Editor::new("aaaa bbbb cccc", true);
        e.line_start();
        let rows = e.rows(5).into_owned();
        assert_eq!(rows.len(), 3);
        e.vertical(true, 5);
        assert_eq!(e.cursor_at(&rows), (1, 0));
        e.line_end();
        e.vertical(false, 5);
        assert_eq!(e.cursor_at(&rows), (1, 4));
        e.vertical(false, 5);
        assert_eq!(
            e.cursor_at(&rows),
            (0, 4),
            "before the blank the row ends in"
        );
        // A goal at a full row's end stays on that row, before its last char.
        let mut full = Editor::new("xxxxxxxxxx", true);
        full.vertical(false, 5);
        assert_eq!(full.cursor_at(&full.rows(5)), (0, 4));
        // Wide chars: the goal column lands before a char it would split.
        let mut w = Editor::new("发布时间\nabcdef", true);
        w.vertical(false, 20);
        w.line_start();
        w.right();
        w.right();
        w.vertical(true, 20);
        assert_eq!(w.line_column(), (2, 5));
        w.left();
        w.vertical(false, 20);
        assert_eq!(
            w.line_column(),
            (1, 2),
            "column 3 falls inside 布: before it"
        );
    }
}
