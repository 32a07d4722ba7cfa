//! Text measuring, cleaning, wrapping and snippets for the panes. Widths are
//! terminal columns (CJK counts two); byte ranges only ever fall on char
//! boundaries found by walking chars, never on byte counts.

use std::borrow::Cow;
use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_width::UnicodeWidthChar;

/// Columns a char takes once `clean` has run (a control char becomes a space).
pub fn char_width(c: char) -> usize {
    if crate::text::is_terminal_control(c) {
        1
    } else {
        c.width().unwrap_or(0)
    }
}

pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Document text for a cell: any control char (tab, newline, escape) or
/// bidi override becomes a space so it can neither drive the terminal nor
/// shift columns.
pub fn clean(s: &str) -> Cow<'_, str> {
    crate::text::blank_controls(s, &[])
}

/// A cleaned, owned span.
pub fn span(s: &str, style: Style) -> Span<'static> {
    Span::styled(clean(s).into_owned(), style)
}

/// Break `text` into rows of at most `width` columns, at whitespace where
/// possible; a word wider than a row is cut between chars. Returns each row's
/// byte range; blanks between words on a row stay, blanks at a break go.
/// Always at least one row, so an empty paragraph still takes a line.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut rows = Vec::new();
    // The row being filled: byte range and its width.
    let mut row: Option<(usize, usize, usize)> = None;
    for (ws, we) in words(text) {
        let word = &text[ws..we];
        let w = self::width(word);
        if let Some((start, end, row_w)) = row {
            let gap = self::width(&text[end..ws]);
            if row_w + gap + w <= width {
                row = Some((start, we, row_w + gap + w));
                continue;
            }
            rows.push(start..end);
        }
        if w <= width {
            row = Some((ws, we, w));
            continue;
        }
        // Too long for any row: cut it, always taking at least one char so a
        // double-width char in a one-column pane still makes progress.
        let mut start = ws;
        let mut acc = 0;
        for (i, c) in word.char_indices() {
            let cw = char_width(c);
            let at = ws + i;
            if acc + cw > width && at > start {
                rows.push(start..at);
                start = at;
                acc = 0;
            }
            acc += cw;
        }
        row = Some((start, we, acc));
    }
    if let Some((start, end, _)) = row {
        rows.push(start..end);
    }
    if rows.is_empty() {
        rows.push(0..0);
    }
    rows
}

/// Byte ranges of the whitespace-separated words of `text`.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace() || c.is_control(), start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// The byte offset of the char under column `col` of `text` (the end when
/// `col` is past it).
pub fn byte_at_column(text: &str, col: usize) -> usize {
    let mut acc = 0;
    for (i, c) in text.char_indices() {
        let w = char_width(c);
        if col < acc + w.max(1) {
            return i;
        }
        acc += w;
    }
    text.len()
}

/// Cut `s` to `width` columns, ending in `…` when something was dropped.
pub fn truncate(s: &str, width: usize) -> String {
    if self::width(s) <= width {
        return clean(s).into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut acc = 0;
    for c in s.chars() {
        let w = char_width(c);
        if acc + w > width - 1 {
            break;
        }
        out.push(if crate::text::is_terminal_control(c) {
            ' '
        } else {
            c
        });
        acc += w;
    }
    out.push('…');
    out
}

/// A window of `text` at most `width` columns wide that shows its first
/// matched char (char indices in `matches`) with some context before it.
/// Returns `(piece, matched)` runs; `…` marks cut ends.
pub fn snippet(text: &str, matches: &[usize], width: usize) -> Vec<(String, bool)> {
    let chars: Vec<char> = text.chars().collect();
    if width == 0 || chars.is_empty() {
        return Vec::new();
    }
    let total: usize = chars.iter().map(|&c| char_width(c)).sum();
    let (mut from, mut to) = (0, chars.len());
    if total > width {
        let first = matches.first().copied().unwrap_or(0).min(chars.len() - 1);
        // Keep about a quarter of the row as lead-in before the first match.
        let lead = width / 4;
        from = first;
        let mut acc = 0;
        while from > 0 && acc + char_width(chars[from - 1]) <= lead {
            from -= 1;
            acc += char_width(chars[from]);
        }
        // Near the end, start earlier so the row is used up to the last char.
        let mut tail = chars.len();
        let mut tail_w = 0;
        while tail > 0 && tail_w + char_width(chars[tail - 1]) < width {
            tail -= 1;
            tail_w += char_width(chars[tail]);
        }
        from = from.min(tail);
        let budget = width.saturating_sub(usize::from(from > 0));
        let mut used = 0;
        to = from;
        while to < chars.len() && used + char_width(chars[to]) <= budget {
            used += char_width(chars[to]);
            to += 1;
        }
        if to < chars.len() {
            // Room for the closing ellipsis.
            while to > from && used + 1 > budget {
                to -= 1;
                used -= char_width(chars[to]);
            }
        }
    }
    let mut runs: Vec<(String, bool)> = Vec::new();
    if from > 0 {
        runs.push(("…".into(), false));
    }
    for (i, &c) in chars.iter().enumerate().take(to).skip(from) {
        let hit = matches.binary_search(&i).is_ok();
        let c = if crate::text::is_terminal_control(c) {
            ' '
        } else {
            c
        };
        match runs.last_mut() {
            Some((s, m)) if *m == hit && !(s == "…" && i == from) => s.push(c),
            _ => runs.push((c.to_string(), hit)),
        }
    }
    if to < chars.len() {
        runs.push(("…".into(), false));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, w: usize) -> Vec<&str> {
        wrap(text, w).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(rows("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(rows("the quick brown fox", 9), ["the quick", "brown fox"]);
        assert_eq!(
            rows("the quick brown fox", 8),
            ["the", "quick", "brown", "fox"]
        );
    }

    #[test]
    fn cuts_long_words_and_never_loops() {
        assert_eq!(rows("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(rows("ab", 0), ["a", "b"]);
        // Two-column chars in a one-column pane: one per row, no endless loop.
        assert_eq!(rows("发布时间", 1), ["发", "布", "时", "间"]);
    }

    #[test]
    fn measures_cjk_as_two_columns() {
        assert_eq!(width("发布时间:2023"), 13);
        assert_eq!(rows("发布时间 来源", 8), ["发布时间", "来源"]);
        for r in wrap("发布时间:2023-06-07 16:36:13 来源:ourjiangsu.com", 11) {
            assert!(width(&"发布时间:2023-06-07 16:36:13 来源:ourjiangsu.com"[r]) <= 11);
        }
    }

    #[test]
    fn empty_text_is_one_empty_row() {
        assert_eq!(wrap("", 10), vec![0..0]);
        assert_eq!(wrap("   ", 10), vec![0..0]);
    }

    #[test]
    fn cleaning_removes_control_chars() {
        assert_eq!(clean("a\x1b[31mb\tc"), "a [31mb c");
        assert!(matches!(clean("plain"), Cow::Borrowed(_)));
        assert_eq!(width("a\tb"), 3);
    }

    #[test]
    fn column_to_byte() {
        assert_eq!(byte_at_column("abc", 1), 1);
        assert_eq!(byte_at_column("发布x", 1), 0);
        assert_eq!(byte_at_column("发布x", 2), 3);
        assert_eq!(byte_at_column("发布x", 4), 6);
        assert_eq!(byte_at_column("abc", 9), 3);
    }

    #[test]
    fn truncates_with_ellipsis() {
        assert_eq!(truncate("hello world", 5), "hell…");
        assert_eq!(truncate("hello", 5), "hello");
        assert_eq!(truncate("发布时间", 5), "发布…");
        assert_eq!(truncate("hello", 0), "");
    }

    #[test]
    fn snippet_shows_the_first_match_in_context() {
        let text = "promote the construction of the G60 Science and Technology Innovation Corridor";
        let g = text.find("G60").unwrap_or(0);
        let runs = snippet(text, &[g, g + 1, g + 2], 20);
        let joined: String = runs.iter().map(|(s, _)| s.as_str()).collect();
        assert!(width(&joined) <= 20, "{joined}");
        assert!(joined.starts_with('…') && joined.ends_with('…'), "{joined}");
        assert!(runs.iter().any(|(s, m)| *m && s == "G60"), "{runs:?}");
        // A match near the end: the window runs to the end, filling the row.
        let end = "a long sentence that ends with the word Taihu";
        let runs = snippet(end, &[40, 41, 42, 43, 44], 20);
        let joined: String = runs.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(joined, "…with the word Taihu");
        // Short text: untouched.
        let runs = snippet("G60", &[0, 1], 20);
        assert_eq!(
            runs,
            vec![("G6".to_string(), true), ("0".to_string(), false)]
        );
    }
}
