//! Word and punctuation tokens of a paragraph, shared by the commitment and
//! entity rules.

use super::lexicon::{Class, class_of};

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

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '&'
}

/// Words (letters and digits, with inner hyphens and apostrophes) and the
/// punctuation that matters for phrase structure, of a whole paragraph;
/// `lower` is its `lower_aligned` copy.
pub fn tokenize_paragraph<'a>(text: &str, lower: &'a str) -> Vec<Tok<'a>> {
    let mut toks = Vec::with_capacity(text.len() / 6);
    let char_at = |i: usize| text[i..].chars().next().unwrap_or(' ');
    let punctuation = |start: usize, end: usize, kind: Kind| Tok {
        start,
        end,
        kind,
        lower: "",
        class: Class::NONE,
        lowercase: false,
    };
    let mut i = 0;
    while i < text.len() {
        let c = char_at(i);
        let len = c.len_utf8();
        if is_word_char(c) {
            let mut end = i + len;
            while end < text.len() {
                let d = char_at(end);
                if is_word_char(d) {
                    end += d.len_utf8();
                } else if matches!(d, '-' | '\'' | '’')
                    && end + d.len_utf8() < text.len()
                    && is_word_char(char_at(end + d.len_utf8()))
                {
                    // Inner hyphen or apostrophe only: `co-construction`, `China's`.
                    end += d.len_utf8();
                } else {
                    break;
                }
            }
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
        if c == '-' && text[i + 1..].starts_with('-') {
            let run = text[i..].len() - text[i..].trim_start_matches('-').len();
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
    toks
}
