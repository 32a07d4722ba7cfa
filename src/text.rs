//! Small text helpers shared by the parser, the classifier, search and every
//! place text from a document or a file is shown: the one test of what must
//! never reach a terminal, and the two ways of making text safe from it.

use std::borrow::Cow;

/// English month names, lower-case, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Characters that must never reach a terminal as they are: control
/// characters (escape sequences, carriage returns, C1 controls such as CSI)
/// and the bidirectional overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069), which reorder what is shown so a line can read as
/// something other than what it holds.
pub fn is_terminal_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text for a message (a path, an error quoting a file): each character
/// `is_terminal_control` finds is written as its Rust escape (`\u{1b}`,
/// `\n`), so the message stays one line and says exactly what the file holds.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_terminal_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_terminal_control(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text for display (tables, listings, panes): each character
/// `is_terminal_control` finds becomes one space, one for one, so a line stays
/// one line, columns do not shift and char positions still point at the same
/// characters. `keep` names controls to leave as they are (a CSV cell keeps
/// its line feeds).
pub fn blank_controls<'a>(text: &'a str, keep: &[char]) -> Cow<'a, str> {
    let unsafe_char = |c: char| is_terminal_control(c) && !keep.contains(&c);
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if unsafe_char(c) { ' ' } else { c })
            .collect(),
    )
}

/// Letters, digits and `&` (so `R&D` and `5G` stay whole): what the parser,
/// the theme matcher and the search index all count as inside a word.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '&'
}

/// The char starting at byte `i` of `text` (a char boundary) and its length
/// in bytes; ASCII, nearly all of a statement, is taken without decoding.
/// `None` past the end.
pub fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some((char::from(b), 1)),
        _ => text
            .get(i..)
            .and_then(|rest| rest.chars().next())
            .map(|c| (c, c.len_utf8())),
    }
}

/// A lower-cased copy of `text` with the same byte offsets: a character whose
/// lower case would change its length (rare outside ASCII) is kept as it is.
/// Offsets found in the copy are therefore offsets in the original.
pub fn lower_aligned(text: &str) -> String {
    let mut out = text.to_ascii_lowercase();
    // Only characters outside ASCII are left; each starts at a byte from 0xC0.
    let mut at = 0;
    while let Some(skip) = text.as_bytes()[at..].iter().position(|&b| b >= 0xC0) {
        let i = at + skip;
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        at = i + c.len_utf8();
        let mut lower = c.to_lowercase();
        if let (Some(l), None) = (lower.next(), lower.next())
            && l != c
            && l.len_utf8() == c.len_utf8()
        {
            out.replace_range(i..at, l.encode_utf8(&mut [0; 4]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{blank_controls, escape_controls, is_terminal_control, lower_aligned};

    #[test]
    fn controls_and_bidi_overrides_are_caught() {
        for c in [
            '\x1b', '\n', '\r', '\u{7f}', '\u{9b}', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}',
        ] {
            assert!(is_terminal_control(c), "{c:?}");
        }
        for c in ['a', ' ', '发', '\u{2029}', '\u{2065}', '\u{200f}', '’'] {
            assert!(!is_terminal_control(c), "{c:?}");
        }
    }

    #[test]
    fn escaping_keeps_one_line_and_shows_what_is_there() {
        assert_eq!(escape_controls("plain 发布"), "plain 发布");
        assert_eq!(
            escape_controls("a\x1b]0;x\x07b\n\u{202e}c"),
            "a\\u{1b}]0;x\\u{7}b\\n\\u{202e}c"
        );
        // Escaping twice changes nothing more: an escape holds no control.
        let once = escape_controls("\x1b[2J").into_owned();
        assert_eq!(escape_controls(&once), once);
    }

    #[test]
    fn blanking_is_one_for_one() {
        let text = "a\x1b[2Jb\nc\u{9b}\u{2067}d";
        let blank = blank_controls(text, &[]);
        assert_eq!(blank, "a [2Jb c  d");
        assert_eq!(blank.chars().count(), text.chars().count());
        assert_eq!(blank_controls("x\ny\tz", &['\n']), "x\ny z");
    }

    #[test]
    fn keeps_byte_offsets() {
        for s in ["Taihu LAKE", "发布时间 ÄÖ", "İstanbul ẞ Σ", "people’s G60"] {
            let l = lower_aligned(s);
            assert_eq!(l.len(), s.len());
            assert!(s.char_indices().all(|(i, _)| l.is_char_boundary(i)));
        }
        assert_eq!(lower_aligned("Taihu LAKE"), "taihu lake");
        assert_eq!(lower_aligned("ÄÖ G60"), "äö g60");
    }

    #[test]
    fn lowers_every_char_that_keeps_its_length() {
        let reference = |s: &str| -> String {
            s.chars()
                .map(|c| {
                    let mut lower = c.to_lowercase();
                    match (lower.next(), lower.next()) {
                        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                        _ => c,
                    }
                })
                .collect()
        };
        for s in [
            "ÀÉÎÕÜ Ÿ ΑΒΓ ДЖЯ",
            "İ K Å ẞ ǅ",
            "People’s “Belt” 发布 ＡＢＣ 😀 X",
            "",
            "plain ASCII ONLY",
        ] {
            assert_eq!(lower_aligned(s), reference(s), "{s:?}");
        }
    }
}
