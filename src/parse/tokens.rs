//! Word and punctuation tokens of a paragraph, shared by the commitment and
//! entity rules.

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
}

impl<'a> Tok<'a> {
    pub fn lower(&self, _text: &str) -> &'a str {
        self.lower
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '&'
}

/// Words (letters and digits, with inner hyphens and apostrophes) and the
/// punctuation that matters for phrase structure.
/// Tokens of a whole paragraph; `lower` is its `lower_aligned` copy.
pub fn tokenize_paragraph<'a>(text: &str, lower: &'a str) -> Vec<Tok<'a>> {
    tokenize(text, lower, 0, text.len())
}

fn tokenize<'a>(text: &str, lower: &'a str, from: usize, to: usize) -> Vec<Tok<'a>> {
    let mut toks = Vec::new();
    let s = &text[from..to];
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if is_word_char(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    iter.next();
                } else if matches!(d, '-' | '\'' | '’') {
                    // Inner hyphen or apostrophe only: `co-construction`, `China's`.
                    let mut look = iter.clone();
                    look.next();
                    match look.peek() {
                        Some(&(_, e)) if is_word_char(e) => {
                            iter.next();
                        }
                        _ => break,
                    }
                } else {
                    break;
                }
            }
            toks.push(Tok {
                start: from + i,
                end: from + end,
                kind: Kind::Word,
                lower: &lower[from + i..from + end],
            });
        } else if c == ',' || c == '，' {
            toks.push(Tok {
                start: from + i,
                end: from + i + c.len_utf8(),
                kind: Kind::Comma,
                lower: "",
            });
        } else if matches!(
            c,
            ';' | '；' | ':' | '：' | '(' | ')' | '（' | '）' | '—' | '–'
        ) {
            toks.push(Tok {
                start: from + i,
                end: from + i + c.len_utf8(),
                kind: Kind::Stop,
                lower: "",
            });
        }
    }
    toks
}
