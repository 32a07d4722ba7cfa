//! Text normalisation, done once at load so every later stage (and the
//! terminal) sees the same safe text.

/// BOM dropped, CRLF and lone CR read as LF, a straight `"` between two letters
/// (`people"s`) read as an apostrophe, terminal escape sequences dropped whole
/// and every other control character but newline and tab removed. The
/// controls that break lines are read as breaks, not deleted, so words and
/// sentences either side stay apart: a form feed (a PDF converter's page
/// break) is a space between words and nothing at a line's start; vertical
/// tab (a word processor's manual line break), NEL and U+2028 are a line
/// break, U+2029 a paragraph break (a blank line).
pub fn clean(raw: &str) -> String {
    let text = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // Runs of ordinary text are copied whole; only the few special bytes
    // (CR, `"`, C0 and C1 controls, DEL, the lead byte of U+2028/9) are
    // looked at one by one.
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !MAYBE_SPECIAL[usize::from(b)] {
            i += 1;
            continue;
        }
        let next = bytes.get(i + 1).copied();
        let c1 = b == 0xC2 && next.is_some_and(|n| (0x80..=0x9F).contains(&n));
        let separator =
            b == 0xE2 && next == Some(0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9));
        if (b == 0xC2 && !c1) || (b == 0xE2 && !separator) {
            // Another character led by 0xC2 (`°`) or 0xE2 (`—`, `“`).
            i += 1;
            continue;
        }
        out.push_str(&text[run..i]);
        i += match b {
            b'\r' => {
                if next != Some(b'\n') {
                    out.push('\n');
                }
                1
            }
            b'"' => {
                let between_letters = out.chars().next_back().is_some_and(char::is_alphabetic)
                    && text[i + 1..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphabetic);
                out.push(if between_letters { '\'' } else { '"' });
                1
            }
            // A manual line break ends the line.
            0x0B => {
                out.push('\n');
                1
            }
            // A page break between words is a space; one at a line's start
            // (pdftotext writes `\n\f`) adds nothing, so a sentence running
            // across the page still runs on.
            0x0C => {
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push(' ');
                }
                1
            }
            0x1B => 1 + escape_sequence_len(&text[i + 1..]),
            // NEL
            0xC2 if next == Some(0x85) => {
                out.push('\n');
                2
            }
            _ if c1 => 2,
            0xE2 => {
                out.push_str(if bytes[i + 2] == 0xA9 { "\n\n" } else { "\n" });
                3
            }
            _ => 1,
        };
        run = i;
    }
    out.push_str(&text[run..]);
    out
}

/// Bytes that may need more than copying, looked up in one load: C0
/// controls but newline and tab, `"`, DEL, 0xC2, which leads the C1
/// controls (and other characters), and 0xE2, which leads U+2028 and U+2029
/// (and dashes and curly quotes).
static MAYBE_SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b != b'\n' as usize && b != b'\t' as usize;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[0x7F] = true;
    table[0xC2] = true;
    table[0xE2] = true;
    table
};

/// Longest OSC, DCS, APC, PM or SOS string taken as one: a title or a
/// hyperlink fits many times over, and a lone `ESC ]` in a document then
/// costs at most this much looking, never the rest of the text.
const MAX_STRING_SEQUENCE: usize = 512;

/// Bytes after an ESC that belong to its sequence: a CSI (`[`, parameter and
/// intermediate bytes, one final byte), an OSC/DCS/APC/PM/SOS string (up to
/// BEL or ST, on one line and within `MAX_STRING_SEQUENCE` bytes), or the one
/// character of a two-byte escape, so that no fragment like `[31m` is left in
/// the text. A sequence that is not well formed is 0: only the ESC goes and
/// the text after it stays, since it is a document's words, not a command.
fn escape_sequence_len(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    match bytes.first() {
        Some(b'[') => {
            let body = &bytes[1..];
            let params = body
                .iter()
                .take_while(|b| (0x30..=0x3F).contains(*b))
                .count();
            let inter = body[params..]
                .iter()
                .take_while(|b| (0x20..=0x2F).contains(*b))
                .count();
            match body.get(params + inter) {
                Some(0x40..=0x7E) => 1 + params + inter + 1,
                _ => 0,
            }
        }
        Some(b']' | b'P' | b'_' | b'^' | b'X') => {
            let window = &rest[1..];
            for (i, c) in window.char_indices() {
                if i >= MAX_STRING_SEQUENCE || c == '\n' {
                    return 0;
                }
                if c == '\u{7}' || c == '\u{9c}' {
                    return 1 + i + c.len_utf8();
                }
                if c == '\u{1b}' {
                    return if window[i + 1..].starts_with('\\') {
                        1 + i + 2
                    } else {
                        // Another escape begins: this string ends here.
                        1 + i
                    };
                }
            }
            0
        }
        Some(_) => match rest.chars().next() {
            Some(c) if !c.is_control() && !c.is_whitespace() => c.len_utf8(),
            _ => 0,
        },
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn line_endings_and_bom_read_as_lf() {
        assert_eq!(clean("\u{feff}a\r\nb\rc\n"), "a\nb\nc\n");
    }

    #[test]
    fn straight_quote_between_letters_is_an_apostrophe() {
        assert_eq!(clean("people\"s well-being"), "people's well-being");
        assert_eq!(
            clean("the \"Belt and Road\" plan"),
            "the \"Belt and Road\" plan"
        );
    }

    #[test]
    fn control_characters_and_escape_sequences_are_removed() {
        let dirty = "a\u{1b}[31mred\u{1b}[0m b\u{7}\u{8}\u{0}c\u{7f}\u{85}\u{9b}d\u{1b}]0;title\u{7}e\u{1b}cf\tg";
        let cleaned = clean(dirty);
        assert_eq!(cleaned, "ared bc\ndef\tg");
        assert!(
            cleaned
                .chars()
                .all(|c| !c.is_control() || c == '\n' || c == '\t')
        );
    }

    #[test]
    fn no_mix_of_tricky_characters_leaves_a_control_character() {
        let pieces = [
            "a", "\"", "\r", "\n", "\t", "\u{1b}", "[", "]", "0", ";", "m", "\u{7}", "\u{9b}",
            "\u{9c}", "\u{85}", "\u{7f}", "\u{0}", "发", "’", "\\", "P", "\u{feff}", "\u{c}",
            "\u{b}", "\u{2028}", "\u{2029}", "—",
        ];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..5000 {
            let mut s = String::new();
            for _ in 0..(seed % 12) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            let cleaned = clean(&s);
            assert!(
                cleaned
                    .chars()
                    .all(|c| !c.is_control() || c == '\n' || c == '\t'),
                "{s:?} -> {cleaned:?}"
            );
        }
    }

    #[test]
    fn line_breaking_controls_keep_words_and_sentences_apart() {
        // A page break inside a line, and pdftotext's `\n\f` at a page's start.
        assert_eq!(clean("plant\u{c}trees"), "plant trees");
        assert_eq!(clean("to the\n\u{c}coast."), "to the\ncoast.");
        assert_eq!(clean("\u{c}Title"), "Title");
        assert_eq!(clean("one\u{b}two"), "one\ntwo");
        assert_eq!(clean("one\u{85}two"), "one\ntwo");
        assert_eq!(clean("one\u{2028}two"), "one\ntwo");
        assert_eq!(clean("one.\u{2029}Two."), "one.\n\nTwo.");
        // Their neighbours in UTF-8 are left alone.
        assert_eq!(clean("a — “b” ’c ° d"), "a — “b” ’c ° d");
    }

    #[test]
    fn an_unterminated_escape_string_drops_only_the_escape() {
        let text = "Start.\u{1b}]0;no end here\n\nThe regions will build a port.\n";
        assert_eq!(
            clean(text),
            "Start.]0;no end here\n\nThe regions will build a port.\n"
        );
        // Too long to be a title: the text after it is a document's.
        let long = format!("a\u{1b}]{}\u{7}b", "x".repeat(600));
        assert_eq!(clean(&long), format!("a]{}b", "x".repeat(600)));
        // Terminated within its line and bound: dropped whole.
        assert_eq!(clean("a\u{1b}]8;;https://x.org\u{1b}\\link"), "alink");
        assert_eq!(clean("a\u{1b}P1$r\u{9c}b"), "ab");
        // A CSI broken by a character no CSI holds leaves the text.
        assert_eq!(clean("a\u{1b}[12\nwords"), "a[12\nwords");
        assert_eq!(clean("a\u{1b}[3发展"), "a[3发展");
        assert_eq!(clean("a\u{1b}[1;31mred"), "ared");
        assert_eq!(clean("end\u{1b}"), "end");
    }

    #[test]
    fn unicode_is_kept() {
        assert_eq!(
            clean("发布时间:2023 — “quoted” ’s"),
            "发布时间:2023 — “quoted” ’s"
        );
    }
}
