//! Word and punctuation tokens of a paragraph, shared by the commitment and
//! entity rules.

use super::lexicon::{Class, class_of};
use crate::model::Span;
use crate::text::{char_at, is_word_char};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Word,
    Comma,
    /// Other punctuation that ends a phrase: `;` `:` `(` `)` dashes.
    Stop,
}

#[derive(Debug, Clone, Copy)]
pub struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// The word lower-cased (empty for punctuation), borrowed from the
    /// paragraph's lower-cased copy so that comparing words allocates nothing.
    pub lower: &'a str,
    /// What the lexicon says about the word (none for punctuation).
    pub class: Class,
    /// The word starts with a lower-case letter or a digit: a common word
    /// rather than a name or a sentence opener.
    pub lowercase: bool,
}

/// Where the word starting at `i` ends: letters and digits, with inner
/// hyphens and apostrophes (`co-construction`, `China's`).
fn word_end(text: &str, i: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = i;
    while end < bytes.len() {
        let b = bytes[end];
        if b.is_ascii_alphanumeric() || b == b'&' {
            end += 1;
            continue;
        }
        let Some((d, len)) = char_at(text, end) else {
            break;
        };
        let inner_joiner = matches!(d, '-' | '\'' | '’')
            && char_at(text, end + len).is_some_and(|(next, _)| is_word_char(next));
        if !(is_word_char(d) || inner_joiner) {
            break;
        }
        end += len;
    }
    end
}

/// Words and the punctuation that matters for phrase structure, of a whole
/// paragraph; `lower` is its `lower_aligned` copy.
#[cfg(test)]
pub fn tokenize_paragraph<'a>(text: &str, lower: &'a str) -> Vec<Tok<'a>> {
    let mut toks = Vec::new();
    tokenize_into(text, lower, &mut toks);
    toks
}

/// The tokens of one sentence `s` of a paragraph into `toks`, cleared
/// first, with offsets in the paragraph. No rule looks past its sentence, so
/// a paragraph's tokens are never all held at once.
pub fn tokenize_span<'a>(text: &str, lower: &'a str, s: Span, toks: &mut Vec<Tok<'a>>) {
    let (Some(piece), Some(piece_lower)) = (text.get(s.start..s.end), lower.get(s.start..s.end))
    else {
        toks.clear();
        return;
    };
    tokenize_into(piece, piece_lower, toks);
    for t in toks.iter_mut() {
        t.start += s.start;
        t.end += s.start;
    }
}

/// `tokenize_paragraph` into `toks`, cleared first: one buffer serves every
/// paragraph in turn, since no rule needs two paragraphs' tokens at once.
pub fn tokenize_into<'a>(text: &str, lower: &'a str, toks: &mut Vec<Tok<'a>>) {
    toks.clear();
    let punctuation = |start: usize, end: usize, kind: Kind| Tok {
        start,
        end,
        kind,
        lower: "",
        class: Class::NONE,
        lowercase: false,
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Spaces and letters first: they are most of the text.
        if bytes[i] == b' ' {
            i += 1;
            continue;
        }
        let Some((c, len)) = char_at(text, i) else {
            break;
        };
        if is_word_char(c) {
            let end = word_end(text, i);
            let word = &lower[i..end];
            toks.push(Tok {
                start: i,
                end,
                kind: Kind::Word,
                lower: word,
                class: class_of(word),
                lowercase: c.is_lowercase() || c.is_ascii_digit(),
            });
            i = end;
            continue;
        }
        // `--` stands for a dash, as in a dateline `BEIJING -- …`.
        if c == '-' && bytes.get(i + 1) == Some(&b'-') {
            let run = bytes[i..].iter().take_while(|&&b| b == b'-').count();
            toks.push(punctuation(i, i + run, Kind::Stop));
            i += run;
            continue;
        }
        let kind = match c {
            ',' | '，' => Some(Kind::Comma),
            ';' | '；' | ':' | '：' | '(' | ')' | '（' | '）' | '—' | '–' => {
                Some(Kind::Stop)
            }
            _ => None,
        };
        if let Some(kind) = kind {
            toks.push(punctuation(i, i + len, kind));
        }
        i += len;
    }
}
