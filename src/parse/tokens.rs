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

/// Documents up to this much text keep their tokens between the passes of
/// the parse (a few megabytes of tokens at most); larger ones make them
/// again in each pass, since held all at once they take several times the
/// room of the text.
const KEEP_TOKENS_UP_TO: usize = 1 << 20;

/// The tokens of a document's sentences, handed out by the sentence's place
/// in the document (`Paragraphs::first_sentence` + its index). Every pass of
/// the parse walks the sentences in order; the first makes the tokens, the
/// later ones get them again, kept or made anew.
pub struct SentenceTokens<'l> {
    /// All sentences' tokens one after another, and where each sentence's
    /// end; `None` when the document is too large to keep them.
    kept: Option<(Vec<Tok<'l>>, Vec<usize>)>,
    buf: Vec<Tok<'l>>,
}

impl<'l> SentenceTokens<'l> {
    pub fn new(text_len: usize) -> Self {
        SentenceTokens {
            // About one token in five bytes: reserved once, not grown
            // through copies of all made so far.
            kept: (text_len <= KEEP_TOKENS_UP_TO).then(|| {
                (
                    Vec::with_capacity(text_len / 5),
                    Vec::with_capacity(text_len / 64),
                )
            }),
            buf: Vec::new(),
        }
    }

    /// Whether the document is small enough that what is made from its
    /// tokens may be kept between passes too.
    pub fn keeps(&self) -> bool {
        self.kept.is_some()
    }

    /// The tokens of sentence `s` of paragraph `text` (`lower` its
    /// lower-cased copy), the `k`-th sentence of the document.
    pub fn of(&mut self, k: usize, text: &str, lower: &'l str, s: Span) -> &mut [Tok<'l>] {
        let Some((all, ends)) = &mut self.kept else {
            tokenize_span(text, lower, s, &mut self.buf);
            return &mut self.buf;
        };
        if k == ends.len() {
            tokenize_span(text, lower, s, &mut self.buf);
            all.append(&mut self.buf);
            ends.push(all.len());
        }
        match ends.get(k) {
            Some(&to) => {
                let from = k.checked_sub(1).map_or(0, |j| ends[j]);
                &mut all[from..to]
            }
            // Asked out of order: made anew.
            None => {
                tokenize_span(text, lower, s, &mut self.buf);
                &mut self.buf
            }
        }
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
