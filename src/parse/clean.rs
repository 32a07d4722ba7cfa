//! Text normalisation, done once at load so every later stage (and the
//! terminal) sees the same safe text.

/// BOM dropped, CRLF and lone CR read as LF, a straight `"` between two letters
/// (`people"s`) read as an apostrophe, terminal escape sequences dropped whole
/// and every other control character but newline and tab removed.
pub fn clean(raw: &str) -> String {
    let text = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // Runs of ordinary text are copied whole; only the few special bytes
    // (CR, `"`, C0 and C1 controls, DEL) are looked at one by one.
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !MAYBE_SPECIAL[usize::from(b)] {
            i += 1;
            continue;
        }
        let c1 = b == 0xC2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n));
        if b == 0xC2 && !c1 {
            // Another character led by 0xC2, such as `°`.
            i += 1;
            continue;
        }
        out.push_str(&text[run..i]);
        i += match b {
            b'\r' => {
                if bytes.get(i + 1) != Some(&b'\n') {
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
            0x1B => 1 + escape_sequence_len(&text[i + 1..]),
            _ if c1 => 2,
            _ => 1,
        };
        run = i;
    }
    out.push_str(&text[run..]);
    out
}

/// Bytes that may need more than copying, looked up in one load: C0
/// controls but newline and tab, `"`, DEL, and 0xC2, which leads the C1
/// controls (and other characters).
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
    table
};

/// Bytes after an ESC that belong to its sequence: a CSI (`[ … final`), an
/// OSC/DCS/APC/PM/SOS string (up to BEL or ST), or the one character of a
/// two-byte escape, so that no fragment like `[31m` is left in the text.
fn escape_sequence_len(rest: &str) -> usize {
    let mut chars = rest.char_indices();
    match chars.next() {
        Some((_, '[')) => chars
            .find(|(_, c)| ('\u{40}'..='\u{7e}').contains(c))
            .map_or(rest.len(), |(i, c)| i + c.len_utf8()),
        Some((_, ']' | 'P' | '_' | '^' | 'X')) => {
            for (i, c) in chars {
                if c == '\u{7}' || c == '\u{9c}' {
                    return i + c.len_utf8();
                }
                if c == '\u{1b}' {
                    return if rest[i + 1..].starts_with('\\') {
                        i + 2
                    } else {
                        i + 1
                    };
                }
            }
            rest.len()
        }
        Some((_, c)) if !c.is_control() => c.len_utf8(),
        _ => 0,
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
        assert_eq!(cleaned, "ared bcd".to_string() + "ef\tg");
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
            "\u{9c}", "\u{85}", "\u{7f}", "\u{0}", "发", "’", "\\", "P", "\u{feff}",
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
    fn unicode_is_kept() {
        assert_eq!(
            clean("发布时间:2023 — “quoted” ’s"),
            "发布时间:2023 — “quoted” ’s"
        );
    }
}
