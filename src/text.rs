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

/// A lower-cased copy of `text` with the same byte offsets: a character whose
/// lower case would change its length (rare outside ASCII) is kept as it is.
/// Offsets found in the copy are therefore offsets in the original.
pub fn lower_aligned(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => out.push(l),
            _ => out.push(c),
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
}
