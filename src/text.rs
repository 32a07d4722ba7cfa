//! Small text helpers shared by the parser, the classifier and search.

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
    use super::lower_aligned;

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
