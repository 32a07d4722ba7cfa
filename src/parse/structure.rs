//! Body lines to paragraphs, paragraphs to sentences.

use crate::model::{Paragraphs, Span};

/// Body paragraphs, added to `out` with their sentences: blocks separated by
/// blank lines, and within a block one paragraph per line, except that a
/// hard-wrapped line (long, not ending a sentence) runs on into the next.
/// Each paragraph is written straight into the store: a file of millions of
/// short lines makes no string per line or per paragraph.
pub fn paragraphs<'a>(lines: impl IntoIterator<Item = &'a str>, out: &mut Paragraphs) {
    let mut open = false;
    let mut prev_line = "";
    for raw in lines {
        let line = raw.trim();
        if line.is_empty() {
            if open && !out.push_written(sentences) {
                return;
            }
            open = false;
            continue;
        }
        if open && runs_on(prev_line) && !starts_list_item(line) {
            out.text_mut().push(' ');
        } else if open && !out.push_written(sentences) {
            return;
        }
        // `We commit to: (a) build …; (b) fund …`: items run together on one
        // line become paragraphs of their own, as if each began a line.
        let starts = inline_item_starts(line);
        let mut from = 0;
        for &at in &starts {
            push_collapsed(out.text_mut(), line[from..at].trim_end());
            if !out.push_written(sentences) {
                return;
            }
            from = at;
        }
        let line = &line[from..];
        push_collapsed(out.text_mut(), line);
        open = true;
        prev_line = line;
    }
    if open {
        out.push_written(sentences);
    }
}

/// Where the items of a list run together on one line start, after a
/// lead-in's colon: `… to: (a) X; (b) Y`, `1) X 2) Y`, `(i) X (ii) Y`, or
/// bullets (`•`, `▪`, `--`, `—`) repeated. Two items at least, labels in
/// sequence, each after a space; none, for any other line.
fn inline_item_starts(line: &str) -> Vec<usize> {
    let Some(colon) = line.find([':', '：']) else {
        return Vec::new();
    };
    // `:` or `:-`, then spaces.
    let colon_end = colon + line[colon..].chars().next().map_or(1, char::len_utf8);
    let after = line[colon_end..]
        .strip_prefix('-')
        .unwrap_or(&line[colon_end..]);
    let trimmed = after.trim_start_matches(' ');
    if trimmed.len() == after.len() {
        return Vec::new();
    }
    let first = line.len() - trimmed.len();
    // The first item's label fixes the sequence the rest must follow.
    let rest = &line[first..];
    let mut starts = Vec::new();
    if let Some(bullet) = ["•", "▪", "--", "—", "·"]
        .iter()
        .find(|b| rest.starts_with(**b))
    {
        let needle = format!(" {bullet} ");
        starts.push(first);
        // Each search starts past the bullet found last (a bullet may be
        // several bytes: `•`).
        let mut from = first + bullet.len();
        while let Some(i) = line[from..].find(&needle) {
            let at = from + i + 1;
            starts.push(at);
            from = at + bullet.len();
        }
    } else {
        let mut n = 0;
        let mut at = first;
        while let Some(len) = label_at(&line[at..], n) {
            starts.push(at);
            n += 1;
            // The next label of the sequence, after a space.
            let bytes = line.as_bytes();
            let next = (at + len..line.len())
                .filter(|&i| {
                    bytes[i - 1] == b' ' && (bytes[i] == b'(' || bytes[i].is_ascii_alphanumeric())
                })
                .find(|&i| label_at(&line[i..], n).is_some());
            match next {
                Some(i) => at = i,
                None => break,
            }
        }
    }
    if starts.len() < 2 {
        return Vec::new();
    }
    starts
}

/// Roman numerals as item labels, in order: one list for every marker rule.
const ROMAN: &[&str] = &[
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
    "xvi", "xvii", "xviii", "xix", "xx",
];

/// The length of the `n`-th label (0-based) of a sequence at the start of
/// `text`, with the space after it: `(a) `/`a) `, `(1) `/`1) `, `(i) `/`i) `.
fn label_at(text: &str, n: usize) -> Option<usize> {
    let open = usize::from(text.starts_with('('));
    let body = &text[open..];
    let len = body.bytes().take_while(u8::is_ascii_alphanumeric).count();
    if len == 0 || len > 4 || !body[len..].starts_with(") ") {
        return None;
    }
    let label = &body[..len];
    let letter = label.len() == 1 && usize::from(label.as_bytes()[0].wrapping_sub(b'a')) == n;
    let number = label.parse::<usize>().is_ok_and(|v| v == n + 1);
    let roman = ROMAN.get(n) == Some(&label);
    (letter || number || roman).then_some(open + len + 2)
}

/// Appends `line` with each run of spaces and tabs made one space.
fn push_collapsed(out: &mut String, line: &str) {
    if !line.contains("  ") && !line.contains('\t') {
        out.push_str(line);
        return;
    }
    for (i, w) in line
        .split([' ', '\t'])
        .filter(|w| !w.is_empty())
        .enumerate()
    {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
}

/// A line that does not finish its sentence and is long enough to have been
/// wrapped continues on the next line.
fn runs_on(line: &str) -> bool {
    line.chars().count() >= 40 && !ends_sentence(line)
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(CLOSERS).ends_with(TERMINALS)
}

const TERMINALS: &[char] = &['.', '!', '?', '。', '！', '？', ':', '：', ';', '；'];
const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '）', '」', '*'];

/// `1.`, `2)`, `(3)`, `-`, `*`, `•`, `一、` …
pub fn starts_list_item(line: &str) -> bool {
    list_marker_len(line) > 0
}

/// Byte length of a leading list marker and the spaces after it, or 0.
pub fn list_marker_len(line: &str) -> usize {
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    let marker = if let Some(rest) = trimmed
        .strip_prefix("--")
        .or_else(|| trimmed.strip_prefix(['-', '*', '•', '·', '▪', '—', '–', '◦', '●', '■']))
    {
        rest.starts_with(' ').then_some(trimmed.len() - rest.len())
    } else if let Some(n) = letter_marker(trimmed) {
        Some(n)
    } else if let Some(rest) = trimmed
        .strip_prefix('(')
        .or_else(|| trimmed.strip_prefix('（'))
    {
        let n = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let after = &rest[n..];
        (n > 0 && n <= 3 && after.starts_with([')', '）']))
            .then(|| trimmed.len() - after.len() + after.chars().next().map_or(0, char::len_utf8))
    } else {
        let n: usize = trimmed
            .chars()
            .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
            .map(char::len_utf8)
            .sum();
        let after = &trimmed[n..];
        let sep = after.chars().next();
        match sep {
            Some('.' | ')' | '、') if n > 0 && n <= 9 => {
                let rest = &after[sep.map_or(0, char::len_utf8)..];
                // "2023. " is a year ending a sentence fragment, "1.5" a number.
                (rest.starts_with(' ') || sep == Some('、')).then(|| trimmed.len() - rest.len())
            }
            _ => None,
        }
    };
    match marker {
        Some(m) => {
            let rest = &trimmed[m..];
            lead + m + (rest.len() - rest.trim_start().len())
        }
        None => 0,
    }
}

/// The style of a line's list marker: `1` for numbers, `a` for letters,
/// `i` for roman numerals, else the bullet itself (`-`, `•`, `—`, `*` …);
/// `None` when the line opens no item.
pub fn marker_style(line: &str) -> Option<char> {
    let len = list_marker_len(line);
    if len == 0 {
        return None;
    }
    let marker = line[..len].trim().trim_start_matches(['(', '（']);
    let first = marker.chars().next()?;
    Some(
        if first.is_ascii_digit() || "一二三四五六七八九十".contains(first) {
            '1'
        } else if letter_marker(marker).is_some() || first.is_ascii_alphabetic() {
            let label: String = marker
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .collect();
            let roman = ROMAN.contains(&label.to_ascii_lowercase().as_str());
            // A lone `i` opens a roman list (`(i)`, then `(ii)`); a lettered
            // list that reaches `(i)` is let through by `continues`.
            if roman && (label.len() > 1 || label.eq_ignore_ascii_case("i")) {
                'i'
            } else {
                'a'
            }
        } else {
            first
        },
    )
}

/// Does an item of marker style `style` (`marker_style(line)`) go on a list
/// whose first item had style `first`? The ninth letter, `(i)`, reads as a
/// roman one, so a lettered list takes it too.
pub fn continues(first: char, style: char, line: &str) -> bool {
    first == style
        || (first == 'a' && style == 'i' && {
            let marker = line[..list_marker_len(line)]
                .trim()
                .trim_start_matches(['(', '（']);
            marker.starts_with(['i', 'I'])
                && !marker[1..].starts_with(|c: char| c.is_ascii_alphabetic())
        })
}

/// `a)`, `B)`, `iv)`, `b.`, `iii.` and the space after: a lettered or
/// roman-numbered item. A capital letter with a full stop is an initial
/// (`A. Smith`), not an item.
fn letter_marker(line: &str) -> Option<usize> {
    let n = line.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (label, rest) = line.split_at(n);
    let roman = ROMAN.contains(&label.to_ascii_lowercase().as_str());
    let letter = n == 1;
    let after = rest
        .strip_prefix(')')
        .map(|r| (r, true))
        .or_else(|| rest.strip_prefix('.').map(|r| (r, false)))?;
    let (r, paren) = after;
    let lower = label.bytes().all(|b| b.is_ascii_lowercase());
    ((letter || roman) && (paren || lower) && r.starts_with(' ')).then(|| line.len() - r.len())
}

/// The bytes a sentence terminal can start with, looked up in one load:
/// `.`, `!`, `?`, and the leads of `。` (E3) and of `！` and `？` (EF).
static TERMINAL_START: [bool; 256] = {
    let mut table = [false; 256];
    table[b'.' as usize] = true;
    table[b'!' as usize] = true;
    table[b'?' as usize] = true;
    table[0xE3] = true;
    table[0xEF] = true;
    table
};

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vs", "etc", "e.g", "i.e", "inc", "ltd",
    "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "gov", "dept", "art", "para", "fig", "u.s", "u.k", "u.n", "p.m", "a.m", "approx", "vol",
    "gen", "sen", "rep", "jr", "sr",
];

/// Sentence spans of a paragraph, leading spaces excluded, final punctuation
/// (and closing quotes) included.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    let mut skip_to = 0;
    let bytes = text.as_bytes();
    for pos in 0..bytes.len() {
        // Bytes that start no terminal, nearly all, are turned away first.
        if !TERMINAL_START[usize::from(bytes[pos])] || pos < skip_to {
            continue;
        }
        let c = match bytes[pos] {
            b'.' => '.',
            b'!' => '!',
            b'?' => '?',
            _ => match text[pos..].chars().next() {
                Some(c @ ('。' | '！' | '？')) => c,
                _ => continue,
            },
        };
        let cjk_end = !c.is_ascii();
        let after = &text[pos + c.len_utf8()..];
        let closers = after.len() - after.trim_start_matches(CLOSERS).len();
        let end = pos + c.len_utf8() + closers;
        let rest = &text[end..];
        let at_end = rest.is_empty();
        let followed_by_space = rest.starts_with(char::is_whitespace);
        let next_starts = rest.trim_start().chars().next().is_some_and(|n| {
            n.is_uppercase() || n.is_ascii_digit() || "\"“‘'(（[".contains(n) || !n.is_ascii()
        });
        let boundary = at_end
            || cjk_end
            || (followed_by_space && next_starts && !(c == '.' && is_abbreviation(text, pos)));
        if boundary {
            push_trimmed(&mut spans, text, start, end);
            start = end;
            skip_to = end;
        }
    }
    push_trimmed(&mut spans, text, start, text.len());
    spans
}

/// The longest sentence kept whole, in bytes (some 2,500 words; the longest
/// sentences of real statements run to a few hundred). A longer run without
/// a sentence end is text no reader wrote as one sentence (a table turned
/// to text, a hostile file): it is cut at a space, so that every rule works
/// on a bounded piece and a file of one endless sentence costs what a file
/// of many short ones does.
pub const MAX_SENTENCE: usize = 16 * 1024;

fn push_trimmed(spans: &mut Vec<Span>, text: &str, mut start: usize, end: usize) {
    loop {
        let piece = &text[start..end];
        let lead = piece.len() - piece.trim_start().len();
        let trail = piece.len() - piece.trim_end().len();
        if lead + trail >= piece.len() {
            return;
        }
        let (from, to) = (start + lead, end - trail);
        if to - from <= MAX_SENTENCE {
            spans.push(Span::new(from, to));
            return;
        }
        // In the second half of the bound: after the last clause mark
        // (`;` `:` `,`) that a space follows, else at the last space, else
        // at the last char boundary.
        let boundary_before = |mut at: usize| {
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            at
        };
        let limit = boundary_before(from + MAX_SENTENCE);
        let half = boundary_before(from + MAX_SENTENCE / 2);
        let window = &text[half..limit];
        let cut = window
            .rfind([';', ':', ','])
            .filter(|&i| window[i + 1..].starts_with(' '))
            .map(|i| half + i + 1)
            .or_else(|| window.rfind(' ').map(|i| half + i))
            .unwrap_or(limit);
        spans.push(Span::new(from, cut));
        start = cut;
    }
}

/// Is the word ending at this `.` an abbreviation or an initial?
fn is_abbreviation(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || "(\"“".contains(c))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    // `3. Build …`: a list number at the start of the paragraph.
    if before[..word_start].trim().is_empty()
        && !word.is_empty()
        && word.chars().all(|c| c.is_ascii_digit())
    {
        return true;
    }
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    if word.is_ascii() {
        ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a))
    } else {
        ABBREVIATIONS.contains(&word.to_lowercase().as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ninth_letter_and_the_first_roman_numeral() {
        // `(i)` opens a roman list that `(ii)` goes on.
        assert_eq!(marker_style("(i) phase down coal"), Some('i'));
        assert!(continues('i', 'i', "(ii) provide finance"));
        // A lettered list takes `(i)` after `(h)`, but not `(ii)`.
        assert!(continues('a', 'i', "(i) the ninth item"));
        assert!(!continues('a', 'i', "(ii) a roman item"));
        assert!(!continues('1', 'a', "a) a letter"));
    }

    fn paragraphs(lines: &[&str]) -> Vec<String> {
        let mut store = Paragraphs::default();
        super::paragraphs(lines.iter().copied(), &mut store);
        (0..store.len())
            .filter_map(|i| store.text(i).map(str::to_string))
            .collect()
    }

    fn texts(text: &str) -> Vec<&str> {
        sentences(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn blank_line_and_one_per_line_paragraphs() {
        let lines = ["First one.", "", "Second one.", "Third one.", "", ""];
        assert_eq!(
            paragraphs(&lines),
            ["First one.", "Second one.", "Third one."]
        );
    }

    #[test]
    fn hard_wrapped_lines_are_joined() {
        let lines = [
            "The two provinces will jointly build a cross-border",
            "industrial park and open a new rail line.",
            "Short heading",
            "Next paragraph.",
        ];
        assert_eq!(
            paragraphs(&lines),
            [
                "The two provinces will jointly build a cross-border industrial park and open a new rail line.",
                "Short heading",
                "Next paragraph."
            ]
        );
    }

    #[test]
    fn list_items_are_their_own_paragraphs() {
        let lines = [
            "The parties agreed on the following measures to be taken:",
            "1. Build roads",
            "2. Open ports",
        ];
        assert_eq!(paragraphs(&lines).len(), 3);
        assert_eq!(list_marker_len("1. Build roads"), 3);
        assert_eq!(list_marker_len("(2) Open ports"), 4);
        assert_eq!(list_marker_len("一、总则"), "一、".len());
        assert_eq!(list_marker_len("- item"), 2);
        assert_eq!(list_marker_len("2023 was a year."), 0);
        assert_eq!(list_marker_len("1.5 million people"), 0);
        assert_eq!(list_marker_len("-- GDP growth"), 3);
        assert_eq!(list_marker_len("— a fund"), "— ".len());
        assert_eq!(list_marker_len("a) Build"), 3);
        assert_eq!(list_marker_len("b. fund"), 3);
        assert_eq!(list_marker_len("iv) Open"), 4);
        assert_eq!(list_marker_len("iii. open"), 5);
        assert_eq!(list_marker_len("A. Smith said so."), 0);
        assert_eq!(list_marker_len("An open port."), 0);
        assert_eq!(list_marker_len("I) Build"), 3);
        assert_eq!(list_marker_len("civic. pride"), 0);
    }

    #[test]
    fn an_endless_sentence_is_cut_at_spaces_into_bounded_pieces() {
        let text = format!("The city will build {}roads.", "and ".repeat(10_000));
        let spans = sentences(&text);
        assert!(spans.len() >= 3, "{}", spans.len());
        let mut at = 0;
        for s in &spans {
            assert!(s.len() <= MAX_SENTENCE, "{s:?}");
            assert!(text[at..s.start].trim().is_empty(), "a gap before {s:?}");
            assert!(!text[s.start..s.end].starts_with(' ') && !text[s.start..s.end].ends_with(' '));
            at = s.end;
        }
        assert_eq!(at, text.len());
        // With no space at all, a cut falls on a char boundary.
        let text = "界".repeat(MAX_SENTENCE);
        let spans = sentences(&text);
        assert!(spans.len() >= 3);
        assert!(
            spans
                .iter()
                .all(|s| text.is_char_boundary(s.start) && text.is_char_boundary(s.end))
        );
        assert_eq!(spans.last().map(|s| s.end), Some(text.len()));
    }

    #[test]
    fn items_run_together_after_a_colon_become_paragraphs() {
        let got =
            paragraphs(&["We commit to: (a) build ports; (b) fund labs; and (c) train staff."]);
        assert_eq!(
            got,
            [
                "We commit to:",
                "(a) build ports;",
                "(b) fund labs; and",
                "(c) train staff."
            ]
        );
        let got = paragraphs(&["Targets: -- growth of 5 percent -- 12 million jobs"]);
        assert_eq!(
            got,
            ["Targets:", "-- growth of 5 percent", "-- 12 million jobs"]
        );
        let got = paragraphs(&["We will: • build ports • open labs • train staff"]);
        assert_eq!(
            got,
            ["We will:", "• build ports", "• open labs", "• train staff"]
        );
        let got = paragraphs(&["The plan: 1) roads 2) ports"]);
        assert_eq!(got, ["The plan:", "1) roads", "2) ports"]);
        // One label is no list; labels out of order, a time, a ratio: prose.
        for line in [
            "Note: (a) is the only option.",
            "The parts: (a) roads and (c) rail.",
            "At 10:30 (1) we met.",
            "The vote was 3:1 (a) record.",
        ] {
            assert_eq!(paragraphs(&[line]), [line]);
        }
    }

    #[test]
    fn sentence_splitting_respects_abbreviations_and_quotes() {
        assert_eq!(
            texts(
                "Dr. Li met U.S. officials. They agreed to talk. \"We will act.\" Then 3.5 percent rose!"
            ),
            [
                "Dr. Li met U.S. officials.",
                "They agreed to talk.",
                "\"We will act.\"",
                "Then 3.5 percent rose!"
            ]
        );
        assert_eq!(texts("一句话。第二句！"), ["一句话。", "第二句！"]);
        assert_eq!(texts("No final stop"), ["No final stop"]);
        assert_eq!(
            texts("3. Build roads. In 2023. Then"),
            ["3. Build roads.", "In 2023.", "Then"]
        );
        assert_eq!(
            texts("e.g. this one. And J. Smith said so."),
            ["e.g. this one.", "And J. Smith said so."]
        );
    }
}
