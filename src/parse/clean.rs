//! Text normalisation, done once at load so every later stage (and the
//! terminal) sees the same safe text.

/// BOM dropped, CRLF and lone CR read as LF, a straight `"` between two letters
/// (`people"s`) read as an apostrophe, terminal escape sequences dropped whole
/// and every other control character but newline and tab removed.
pub fn clean(raw: &str) -> String {
    let text = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                    prev = Some('\n');
                }
            }
            '\u{1b}' => skip_escape_sequence(&mut chars),
            '"' if prev.is_some_and(char::is_alphabetic)
                && chars.peek().is_some_and(|n| n.is_alphabetic()) =>
            {
                out.push('\'');
                prev = Some('\'');
            }
            '\n' | '\t' => {
                out.push(c);
                prev = Some(c);
            }
            c if c.is_control() => {}
            c => {
                out.push(c);
                prev = Some(c);
            }
        }
    }
    out
}

/// After an ESC: drop a CSI (`ESC [ … final`), an OSC/DCS/APC/PM/SOS string
/// (up to BEL or ST), or the single character of a two-byte escape, so that
/// no fragment like `[31m` is left in the text.
fn skip_escape_sequence(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            for c in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    break;
                }
            }
        }
        Some(']' | 'P' | '_' | '^' | 'X') => {
            chars.next();
            while let Some(c) = chars.next() {
                if c == '\u{7}' || c == '\u{9c}' {
                    break;
                }
                if c == '\u{1b}' {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    break;
                }
            }
        }
        Some(c) if !c.is_control() && c != '\n' => {
            chars.next();
        }
        _ => {}
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
    fn unicode_is_kept() {
        assert_eq!(
            clean("发布时间:2023 — “quoted” ’s"),
            "发布时间:2023 — “quoted” ’s"
        );
    }
}
