//! A small text editor for the note (several lines) and the evidence fields
//! (one line each): the text, a cursor, and rows soft-wrapped to a width.
//! Rows cover the text without gaps (the blank at a break stays at the end
//! of its row), so every cursor position has a place on screen. Widths are
//! terminal columns: a CJK char takes two.

use std::ops::Range;

use super::text::char_width;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    text: String,
    /// Byte offset into `text`, always on a char boundary.
    cursor: usize,
    multiline: bool,
    /// The column kept while moving up and down through shorter rows.
    goal: Option<usize>,
    /// How many rows the lines before the cursor's line take: (where that
    /// line starts, width, rows). Typing stays on one line, so a long note
    /// typed or pasted key by key is not wrapped whole at every key.
    rows_before: Option<(usize, usize, usize)>,
}

/// One screen row of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub range: Range<usize>,
    /// The row ends its line (a newline or the end of the text follows), so
    /// the cursor may stand just after it.
    pub line_end: bool,
}

impl Editor {
    /// An editor holding `text`, the cursor at its end.
    pub fn new(text: &str, multiline: bool) -> Editor {
        let mut e = Editor {
            text: String::new(),
            cursor: 0,
            multiline,
            goal: None,
            rows_before: None,
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
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
        self.edited(c == '\n');
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
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
        self.edited(clean.contains('\n'));
    }

    pub fn backspace(&mut self) {
        let mut joined = false;
        if let Some(prev) = self.prev_boundary() {
            joined = &self.text[prev..self.cursor] == "\n";
            self.text.replace_range(prev..self.cursor, "");
            self.cursor = prev;
        }
        self.edited(joined);
    }

    pub fn delete(&mut self) {
        if let Some(next) = self.next_boundary() {
            self.text.replace_range(self.cursor..next, "");
        }
        // Joining the next line on changes nothing before this one.
        self.edited(false);
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
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
        self.edited(false);
    }

    /// After a change at the cursor: forget the goal column, and the row
    /// count before the cursor's line unless it still holds (the change was
    /// on that very line and made or joined no line).
    fn edited(&mut self, lines_changed: bool) {
        self.goal = None;
        let here = self.line_start_of(self.cursor);
        if lines_changed || self.rows_before.is_some_and(|(start, ..)| start != here) {
            self.rows_before = None;
        }
    }

    fn line_start_of(&self, at: usize) -> usize {
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

    /// The text in rows of at most `width` columns (blanks at a break hang
    /// past it).
    pub fn rows(&self, width: usize) -> Vec<Row> {
        let mut out = Vec::new();
        let mut start = 0;
        for line in self.text.split('\n') {
            let rows = soft_wrap(line, width);
            let last = rows.len() - 1;
            for (i, r) in rows.into_iter().enumerate() {
                out.push(Row {
                    range: start + r.start..start + r.end,
                    line_end: i == last,
                });
            }
            start += line.len() + 1;
        }
        out
    }

    /// The cursor's row and column among `rows`.
    pub fn cursor_at(&self, rows: &[Row]) -> (usize, usize) {
        for (i, row) in rows.iter().enumerate() {
            let r = &row.range;
            if r.start <= self.cursor
                && (self.cursor < r.end || (self.cursor == r.end && row.line_end))
            {
                return (i, columns(&self.text[r.start..self.cursor]));
            }
        }
        (rows.len().saturating_sub(1), 0)
    }

    /// The cursor's row at `width`, as `cursor_at(&rows(width))` gives it,
    /// wrapping only the cursor's line when typing stays on it.
    pub fn cursor_row(&mut self, width: usize) -> usize {
        let start = self.line_start_of(self.cursor);
        let before = match self.rows_before {
            Some((s, w, n)) if s == start && w == width => n,
            _ => {
                let n = match start.checked_sub(1) {
                    Some(end) => self.text[..end]
                        .split('\n')
                        .map(|l| soft_wrap(l, width).len())
                        .sum(),
                    None => 0,
                };
                self.rows_before = Some((start, width, n));
                n
            }
        };
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let rows = soft_wrap(&self.text[start..end], width);
        let at = self.cursor - start;
        let last = rows.len() - 1;
        let within = rows
            .iter()
            .position(|r| at < r.end || r.end == rows[last].end)
            .unwrap_or(last);
        before + within
    }

    /// Move a row up (or down) at `width`, keeping the column; past the
    /// first (last) row, to the start (end) of the text.
    pub fn vertical(&mut self, down: bool, width: usize) {
        let rows = self.rows(width);
        let (row, col) = self.cursor_at(&rows);
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

    /// 1-based line and column (in chars) of the cursor, for people.
    pub fn line_column(&self) -> (usize, usize) {
        let before = &self.text[..self.cursor];
        let line = before.matches('\n').count() + 1;
        let start = self.line_start_of(self.cursor);
        (line, self.text[start..self.cursor].chars().count() + 1)
    }
}

fn columns(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Rows of one line (no newline in it), relative byte ranges covering it
/// whole: break after the last blank that fits, or inside a word longer than
/// a row. Always at least one row.
pub fn soft_wrap(line: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut start = 0;
    let mut col = 0;
    // Just after the last blank on the row being filled.
    let mut after_blank: Option<usize> = None;
    for (i, c) in line.char_indices() {
        let w = char_width(c);
        if !c.is_whitespace() && col + w > width && i > start {
            let cut = after_blank.filter(|&b| b > start).unwrap_or(i);
            rows.push(start..cut);
            col = columns(&line[cut..i]);
            start = cut;
            after_blank = None;
        }
        col += w;
        if c.is_whitespace() {
            after_blank = Some(i + c.len_utf8());
        }
    }
    rows.push(start..line.len());
    rows
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
    fn the_cursor_row_kept_while_typing_matches_a_full_wrap() {
        let mut e = Editor::new("", true);
        let check = |e: &mut Editor| {
            for w in [3, 7, 20] {
                let full = e.cursor_at(&e.rows(w)).0;
                assert_eq!(e.cursor_row(w), full, "{:?} at {w}", e.text());
            }
        };
        for c in "one two three\nfour five six seven\n\neight 发布时间 nine".chars() {
            e.insert(c);
            check(&mut e);
        }
        let ops: [fn(&mut Editor); 8] = [
            |e| e.left(),
            |e| e.backspace(),
            |e| e.vertical(false, 7),
            |e| e.insert('x'),
            |e| e.delete(),
            |e| e.insert_str("a b\nc d e f"),
            |e| e.line_start(),
            |e| e.clear_to_line_start(),
        ];
        for round in 0..40 {
            ops[round * 5 % ops.len()](&mut e);
            check(&mut e);
            ops[round % ops.len()](&mut e);
            check(&mut e);
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
        let rows = e.rows(5);
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
