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
    let mut toks = Vec::with_capacity((to - from) / 6);
    let s = &text[from..to];
    let char_at = |i: usize| s[i..].chars().next().unwrap_or(' ');
    let mut i = 0;
    while i < s.len() {
        let c = char_at(i);
        let len = c.len_utf8();
        if is_word_char(c) {
            let mut end = i + len;
            while end < s.len() {
                let d = char_at(end);
                if is_word_char(d) {
                    end += d.len_utf8();
                } else if matches!(d, '-' | '\'' | '’')
                    && end + d.len_utf8() < s.len()
                    && is_word_char(char_at(end + d.len_utf8()))
                {
                    // Inner hyphen or apostrophe only: `co-construction`, `China's`.
                    end += d.len_utf8();
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
            i = end;
            continue;
        }
        // `--` stands for a dash, as in a dateline `BEIJING -- …`.
        if c == '-' && s[i + 1..].starts_with('-') {
            let run = s[i..].len() - s[i..].trim_start_matches('-').len();
            toks.push(Tok {
                start: from + i,
                end: from + i + run,
                kind: Kind::Stop,
                lower: "",
            });
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
            toks.push(Tok {
                start: from + i,
                end: from + i + len,
                kind,
                lower: "",
            });
        }
        i += len;
    }
    toks
}
