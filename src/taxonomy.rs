//! Themes and their weighted key phrases, read from `assets/themes.json` or a
//! user's own file, and the classifier that scores text against them.

use crate::model::Span;
use crate::text::{char_at, is_word_char};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};

const EMBEDDED_THEMES: &str = include_str!("../assets/themes.json");
const EMBEDDED_CAP: &str = include_str!("../assets/themes-cap.json");

/// The taxonomies built into the binary, by the name `--themes` takes.
pub const BUILT_IN: [&str; 2] = ["default", "cap"];

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub id: String,
    pub name: String,
    pub description: String,
    phrases: Vec<(Vec<String>, f32)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Taxonomy {
    pub themes: Vec<Theme>,
    /// The theme given to text that matches no phrase at all.
    pub fallback: String,
    /// The phrases by their first word.
    index: PhraseIndex,
}

/// How a text's word finds the phrases it may start: whole first words by
/// their forms in a hash map, stems in an open-addressing table from
/// `long_key` to the stems with that key (four slots per key, so most words
/// are turned away by the first slot they probe).
#[derive(Debug, Clone, PartialEq)]
struct PhraseIndex {
    /// (key, range of `phrases`); key 0 marks an empty slot, as no word
    /// starts with a NUL byte.
    slots: Vec<(u32, u32, u32)>,
    /// Grouped by key, in theme then phrase order within a key.
    phrases: Vec<IndexedPhrase>,
    /// `slots.len()` is `1 << bits`.
    bits: u32,
    /// Phrases whose first word is a whole word, not a stem: every form
    /// `token_matches` allows of that word (`policy`, `policies`), exactly,
    /// to the phrases it starts. A text's word is one hash look-up away from
    /// its candidates, which have no first word left to compare.
    forms: foldhash::HashMap<String, Vec<u32>>,
    whole: Vec<IndexedPhrase>,
    /// One bit per `form_bit` of every key of `forms`: most words of a text
    /// (`the`, `and`, `of`) start no phrase and are turned away by one bit
    /// test instead of a hash of the whole word.
    form_bits: Vec<u64>,
}

/// A 16-bit digest of a word from its first two bytes, last byte and length.
fn form_bit(word: &str) -> usize {
    let b = word.as_bytes();
    let (first, second, last) = (
        b.first().copied().unwrap_or(0),
        b.get(1).copied().unwrap_or(0),
        b.last().copied().unwrap_or(0),
    );
    let key = u32::from_le_bytes([first, second, last, b.len().min(255) as u8]);
    (key.wrapping_mul(0x9E37_79B9) >> 16) as usize
}

/// The forms of a phrase word that `token_matches` accepts.
fn forms_of(word: &str) -> Vec<String> {
    let mut forms = vec![word.to_string()];
    if word.len() >= 4 {
        for suffix in ["s", "es", "ed", "d", "ing", "al"] {
            forms.push(format!("{word}{suffix}"));
        }
        if let Some(stem) = word.strip_suffix('y') {
            forms.push(format!("{stem}ies"));
        }
    }
    forms
}

/// A phrase with all that matching it needs, so that a look-up reads one
/// record rather than following theme and phrase lists.
#[derive(Debug, Clone, PartialEq)]
struct IndexedPhrase {
    theme: usize,
    weight: f32,
    first: String,
    later: Vec<String>,
}

impl PhraseIndex {
    fn new(themes: &[Theme]) -> PhraseIndex {
        let mut by_key: BTreeMap<u32, Vec<IndexedPhrase>> = BTreeMap::new();
        let mut forms: foldhash::HashMap<String, Vec<u32>> = foldhash::HashMap::default();
        let mut whole = Vec::new();
        for (theme, t) in themes.iter().enumerate() {
            for (words, weight) in &t.phrases {
                let Some(first) = words.first() else { continue };
                let phrase = IndexedPhrase {
                    theme,
                    weight: *weight,
                    first: first.clone(),
                    later: words[1..].to_vec(),
                };
                if first.ends_with('*') {
                    by_key.entry(long_key(first)).or_default().push(phrase);
                } else {
                    for form in forms_of(first) {
                        forms.entry(form).or_default().push(whole.len() as u32);
                    }
                    whole.push(phrase);
                }
            }
        }
        let bits = (by_key.len() * 4)
            .next_power_of_two()
            .max(16)
            .trailing_zeros();
        let mut form_bits = vec![0u64; (1 << 16) / 64];
        for form in forms.keys() {
            let bit = form_bit(form);
            form_bits[bit / 64] |= 1 << (bit % 64);
        }
        let mut index = PhraseIndex {
            slots: vec![(0, 0, 0); 1 << bits],
            phrases: Vec::new(),
            bits,
            forms,
            whole,
            form_bits,
        };
        for (key, phrases) in by_key {
            let from = index.phrases.len() as u32;
            index.phrases.extend(phrases);
            let mut slot = index.home(key);
            while index.slots[slot].0 != 0 {
                slot = (slot + 1) & (index.slots.len() - 1);
            }
            index.slots[slot] = (key, from, index.phrases.len() as u32);
        }
        index
    }

    /// Fibonacci hashing: the top bits of the key times 2^32 / phi.
    fn home(&self, key: u32) -> usize {
        (key.wrapping_mul(0x9E37_79B9) >> (32 - self.bits)) as usize
    }

    /// The phrases whose first word has this key.
    fn get(&self, key: u32) -> &[IndexedPhrase] {
        let mut slot = self.home(key);
        loop {
            let (k, from, to) = self.slots[slot];
            if k == key {
                return &self.phrases[from as usize..to as usize];
            }
            if k == 0 {
                return &[];
            }
            slot = (slot + 1) & (self.slots.len() - 1);
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTaxonomy {
    #[serde(default)]
    #[allow(dead_code)]
    version: Option<u32>,
    #[serde(default)]
    fallback: Option<String>,
    themes: Vec<RawTheme>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    id: String,
    name: String,
    #[serde(default)]
    description: String,
    phrases: Vec<RawPhrase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhrase {
    phrase: String,
    weight: f32,
}

/// Lower-cased word tokens: runs of letters, digits and `&` (so `R&D` and `5G`
/// stay whole, while hyphenated compounds split into their parts).
pub fn tokens(lower: &str) -> Vec<&str> {
    token_spans(lower)
        .into_iter()
        .map(|(s, e)| &lower[s..e])
        .collect()
}

/// A phrase's words; a word directly followed by `*` keeps the star, which
/// makes it a stem of at least four letters.
fn phrase_words(lower: &str) -> Result<Vec<String>, String> {
    token_spans(lower)
        .into_iter()
        .map(|(s, e)| {
            let word = &lower[s..e];
            if lower[e..].starts_with('*') {
                if word.chars().count() < 4 {
                    return Err(format!("has a stem `{word}*` shorter than four letters"));
                }
                Ok(format!("{word}*"))
            } else {
                Ok(word.to_string())
            }
        })
        .collect()
}

fn token_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some((s, e)) = next_token(text, at) {
        out.push((s, e));
        at = e;
    }
    out
}

/// The byte span of the first token starting at or after `from` (a char
/// boundary). A lone `&` is no token.
fn next_token(text: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = from;
    loop {
        let start = loop {
            match bytes.get(i).map(|&b| BYTE_CLASS[usize::from(b)]) {
                None => return None,
                Some(ASCII_WORD) => break i,
                Some(ASCII_OTHER) => i += 1,
                Some(_) => match char_at(text, i) {
                    Some((c, _)) if is_word_char(c) => break i,
                    Some((_, len)) => i += len,
                    None => return None,
                },
            }
        };
        loop {
            match bytes.get(i).map(|&b| BYTE_CLASS[usize::from(b)]) {
                Some(ASCII_WORD) => i += 1,
                Some(NOT_ASCII) => match char_at(text, i) {
                    Some((c, len)) if is_word_char(c) => i += len,
                    _ => break,
                },
                _ => break,
            }
        }
        if &text[start..i] != "&" {
            return Some((start, i));
        }
    }
}

/// Token bytes: ASCII is decided by its byte, by table so that the tokeniser
/// runs through plain English with one load per byte; anything else is
/// decoded.
const ASCII_WORD: u8 = 0;
const ASCII_OTHER: u8 = 1;
const NOT_ASCII: u8 = 2;
static BYTE_CLASS: [u8; 256] = {
    let mut table = [NOT_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_alphanumeric() || byte == b'&' {
            ASCII_WORD
        } else {
            ASCII_OTHER
        };
        b += 1;
    }
    table
};

/// A phrase of a theme found in a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PhraseMatch {
    pub span: Span,
    pub theme: usize,
    pub weight: f32,
}

/// Does a text token stand for a phrase token, allowing plain inflections
/// (`vaccine` ~ `vaccines`, `strategy` ~ `strategies`)?
/// A phrase token ending in `*` is a stem: it matches every word it begins
/// (`innovat*` ~ `innovative`).
fn token_matches(text: &str, phrase: &str) -> bool {
    if let Some(stem) = phrase.strip_suffix('*') {
        return text.starts_with(stem);
    }
    // Every form allowed is at most three bytes longer: most words are
    // turned away here without comparing bytes.
    if text.len().wrapping_sub(phrase.len()) > 3 {
        return false;
    }
    if text == phrase {
        return true;
    }
    if phrase.len() < 4 {
        return false;
    }
    if let Some(rest) = text.strip_prefix(phrase) {
        return matches!(rest, "s" | "es" | "ed" | "d" | "ing" | "al");
    }
    if let Some(stem) = phrase.strip_suffix('y') {
        return text.strip_prefix(stem) == Some("ies");
    }
    false
}

impl Taxonomy {
    /// The taxonomy shipped in the binary.
    pub fn embedded() -> Taxonomy {
        match Taxonomy::from_json(EMBEDDED_THEMES) {
            Ok(t) => t,
            // The embedded file is checked by a unit test; reaching this is a build defect.
            Err(e) => panic!("embedded assets/themes.json is invalid: {e}"),
        }
    }

    /// A taxonomy built into the binary by name (`BUILT_IN`): `default`, or
    /// `cap`, the Comparative Agendas Project's 21 major topics with their
    /// numeric codes as ids.
    pub fn built_in(name: &str) -> Option<Taxonomy> {
        let json = match name {
            "default" => EMBEDDED_THEMES,
            "cap" => EMBEDDED_CAP,
            _ => return None,
        };
        match Taxonomy::from_json(json) {
            Ok(t) => Some(t),
            // Both files are checked by a unit test; reaching this is a build defect.
            Err(e) => panic!("built-in taxonomy `{name}` is invalid: {e}"),
        }
    }

    /// Parse and validate a taxonomy; the error is one line saying what and
    /// where. It quotes the file (ids, phrases, serde's words for an unknown
    /// field), so every control character in it is escaped.
    pub fn from_json(text: &str) -> Result<Taxonomy, String> {
        Taxonomy::from_json_unescaped(text)
            .map_err(|e| crate::text::escape_controls(&e).into_owned())
    }

    fn from_json_unescaped(text: &str) -> Result<Taxonomy, String> {
        let raw: RawTaxonomy =
            serde_json::from_str(text).map_err(|e| format!("not a valid taxonomy: {e}"))?;
        if raw.themes.is_empty() {
            return Err("not a valid taxonomy: `themes` is empty".into());
        }
        let mut seen = HashSet::new();
        let mut themes = Vec::with_capacity(raw.themes.len());
        for (i, t) in raw.themes.into_iter().enumerate() {
            let id = t.id.trim().to_string();
            if id.is_empty() {
                return Err(format!(
                    "not a valid taxonomy: theme {} has an empty `id`",
                    i + 1
                ));
            }
            if id.chars().any(crate::text::is_terminal_control) {
                return Err(format!(
                    "not a valid taxonomy: theme id `{id}` holds a control character"
                ));
            }
            if !seen.insert(id.clone()) {
                return Err(format!(
                    "not a valid taxonomy: theme id `{id}` appears twice"
                ));
            }
            if t.phrases.is_empty() {
                return Err(format!("not a valid taxonomy: theme `{id}` has no phrases"));
            }
            let mut phrases = Vec::with_capacity(t.phrases.len());
            for p in t.phrases {
                if !(p.weight.is_finite() && p.weight > 0.0) {
                    return Err(format!(
                        "not a valid taxonomy: phrase `{}` of theme `{id}` needs a positive weight",
                        p.phrase
                    ));
                }
                let lower = p.phrase.to_lowercase();
                let toks = phrase_words(&lower).map_err(|e| {
                    format!(
                        "not a valid taxonomy: phrase `{}` of theme `{id}` {e}",
                        p.phrase
                    )
                })?;
                if toks.is_empty() {
                    return Err(format!(
                        "not a valid taxonomy: theme `{id}` has a phrase with no words"
                    ));
                }
                phrases.push((toks, p.weight));
            }
            // Names and descriptions are shown in panes, tables and exports:
            // a control character in them is a space, as in document text.
            let name = if t.name.trim().is_empty() {
                id.clone()
            } else {
                crate::text::blank_controls(&t.name, &[]).into_owned()
            };
            let description = crate::text::blank_controls(&t.description, &[]).into_owned();
            themes.push(Theme {
                id,
                name,
                description,
                phrases,
            });
        }
        let fallback = match raw.fallback {
            Some(f) if seen.contains(f.as_str()) => f,
            Some(f) => {
                return Err(format!(
                    "not a valid taxonomy: fallback `{f}` is not a theme id"
                ));
            }
            None => themes[0].id.clone(),
        };
        let index = PhraseIndex::new(&themes);
        Ok(Taxonomy {
            themes,
            fallback,
            index,
        })
    }

    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id == id)
    }

    /// Every phrase occurrence in `lower` (text already lower-cased with
    /// `text::lower_aligned`), as byte spans. A longer phrase claims its words
    /// first, so `business environment` does not also count as
    /// `environment`; phrases of one length share words.
    pub fn phrase_matches(&self, lower: &str) -> Vec<PhraseMatch> {
        // Candidates in text order, with the index of their first token and
        // their length in tokens.
        let mut found: Vec<(usize, usize, PhraseMatch)> = Vec::new();
        // Every word once: a thousand phrases give most content words a
        // candidate or two, whose later words are then compared, not read
        // again.
        let mut words: Vec<(usize, usize)> = Vec::with_capacity(lower.len() / 6 + 1);
        let mut at = 0;
        while let Some((start, end)) = next_token(lower, at) {
            words.push((start, end));
            at = end;
        }
        let token_count = words.len();
        for (first, &(start, end)) in words.iter().enumerate() {
            let word = &lower[start..end];
            let stems: &[IndexedPhrase] = if word.len() >= 4 {
                self.index.get(long_key(word))
            } else {
                &[]
            };
            let bit = form_bit(word);
            let exact = if self.index.form_bits[bit / 64] & (1 << (bit % 64)) != 0 {
                self.index.forms.get(word).map_or(&[][..], Vec::as_slice)
            } else {
                &[]
            };
            let candidates = exact
                .iter()
                .map(|&p| &self.index.whole[p as usize])
                .chain(stems.iter().filter(|p| token_matches(word, &p.first)));
            for phrase in candidates {
                let after = &words[first + 1..];
                let fits = phrase.later.len() <= after.len()
                    && phrase
                        .later
                        .iter()
                        .zip(after)
                        .all(|(p, &(s, e))| token_matches(&lower[s..e], p));
                if fits {
                    let last = phrase
                        .later
                        .len()
                        .checked_sub(1)
                        .map_or(end, |l| after[l].1);
                    let span = Span::new(start, last);
                    found.push((
                        first,
                        1 + phrase.later.len(),
                        PhraseMatch {
                            span,
                            theme: phrase.theme,
                            weight: phrase.weight,
                        },
                    ));
                }
            }
        }
        let longest = found.iter().map(|f| f.1).max().unwrap_or(0);
        let mut taken = vec![false; token_count];
        let mut out = Vec::with_capacity(found.len());
        let mut claims = Vec::new();
        // Longest phrases first; phrases of one length share words, so each
        // is checked against the words of longer phrases only.
        for len in (1..=longest).rev() {
            for &(first, _, m) in found.iter().filter(|f| f.1 == len) {
                let words = first..first + len;
                if !taken[words.clone()].contains(&true) {
                    out.push(m);
                    claims.push(words);
                }
            }
            for words in claims.drain(..) {
                taken[words].fill(true);
            }
        }
        out
    }

    /// Theme ids from phrase matches, primary first: every theme scoring at
    /// least a third of the best, at most three; empty when nothing matched.
    pub fn rank<'m>(&self, matches: impl IntoIterator<Item = &'m PhraseMatch>) -> Vec<String> {
        let mut matches = matches.into_iter().peekable();
        if matches.peek().is_none() {
            return Vec::new();
        }
        let mut scores = vec![0f32; self.themes.len()];
        for m in matches {
            scores[m.theme] += m.weight;
        }
        // The best score left, three times at most: the first theme wins a tie.
        let mut ranked = Vec::new();
        let mut best = None;
        while ranked.len() < 3 {
            let top = scores.iter().enumerate().filter(|(_, s)| **s > 0.0).fold(
                None,
                |top: Option<(usize, f32)>, (i, &s)| match top {
                    Some((_, t)) if t.total_cmp(&s).is_ge() => top,
                    _ => Some((i, s)),
                },
            );
            let Some((theme, score)) = top else {
                break;
            };
            if score * 3.0 < *best.get_or_insert(score) {
                break;
            }
            ranked.push(self.themes[theme].id.clone());
            scores[theme] = 0.0;
        }
        ranked
    }

    /// The theme ids for a piece of text, primary first: every theme scoring at
    /// least a third of the best, at most three. Falls back to `context` (the
    /// surrounding sentence or paragraph), then to the taxonomy's fallback, so
    /// the result is never empty.
    pub fn classify(&self, text: &str, context: &str) -> Vec<String> {
        let own = self.rank(&self.phrase_matches(&crate::text::lower_aligned(text)));
        if !own.is_empty() {
            return own;
        }
        let around = self.rank(&self.phrase_matches(&crate::text::lower_aligned(context)));
        self.or_fallback(around)
    }

    /// Never empty: the taxonomy's fallback theme stands in for no match.
    pub fn or_fallback(&self, themes: Vec<String>) -> Vec<String> {
        if themes.is_empty() {
            vec![self.fallback.clone()]
        } else {
            themes
        }
    }
}

/// A stem (`vaccinat*`, four bytes or more by the taxonomy's rules) is
/// filed under its first four bytes, which every word it matches shares.
fn long_key(token: &str) -> u32 {
    let b = token.as_bytes();
    (0..4).fold(0, |key, i| {
        key << 8 | u32::from(b.get(i).copied().unwrap_or(0))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_ids_carry_no_control_characters() {
        let t = Taxonomy::from_json(
            r#"{"themes": [{"id": "a", "name": "Sci\u001b]0;x\u0007ence", "description": "d\u009b2J", "phrases": [{"phrase": "p", "weight": 1}]}]}"#,
        )
        .unwrap();
        assert_eq!(t.themes[0].name, "Sci ]0;x ence");
        assert_eq!(t.themes[0].description, "d 2J");
        let err = Taxonomy::from_json(
            r#"{"themes": [{"id": "a\u001b", "name": "A", "phrases": [{"phrase": "p", "weight": 1}]}]}"#,
        )
        .err()
        .unwrap_or_default();
        assert!(err.contains("control character"), "{err}");
    }

    #[test]
    fn errors_quoting_the_file_carry_no_control_characters() {
        for text in [
            r#"{"themes": [{"id": "a", "phrases": [], "\u001b]0;x\u0007": 1}]}"#,
            r#"{"themes": [{"id": "a\u001b[2J", "phrases": []}]}"#,
            r#"{"themes": [{"id": "a", "phrases": [{"phrase": "p\u0007", "weight": -1}]}]}"#,
            r#"{"themes": [{"id": "a", "phrases": [{"phrase": "p", "weight": 1}]}], "fallback": "\u009b2J\u202e"}"#,
        ] {
            let err = Taxonomy::from_json(text).err().unwrap_or_default();
            assert!(err.starts_with("not a valid taxonomy"), "{err}");
            assert!(
                !err.chars().any(crate::text::is_terminal_control),
                "{err:?}"
            );
        }
    }

    #[test]
    fn embedded_taxonomy_has_the_thirteen_themes() {
        let t = Taxonomy::embedded();
        let ids: Vec<&str> = t.themes.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "innovation",
                "industry",
                "transport",
                "digital",
                "opening-up",
                "green",
                "public-services",
                "public-health",
                "finance",
                "agriculture",
                "security",
                "reform",
                "guidance"
            ]
        );
        assert_eq!(t.fallback, "guidance");
    }

    #[test]
    fn cap_taxonomy_has_the_21_major_topics_by_code() {
        let t = Taxonomy::built_in("cap").unwrap();
        let ids: Vec<&str> = t.themes.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "12", "13", "14", "15", "16",
                "17", "18", "19", "20", "21", "23"
            ]
        );
        assert_eq!(t.fallback, "20");
        assert_eq!(
            t.classify("raise the minimum wage for farm workers", "")[0],
            "5"
        );
        assert_eq!(t.classify("cut tariffs on imported machinery", "")[0], "18");
        assert_eq!(Taxonomy::built_in("default"), Some(Taxonomy::embedded()));
        assert_eq!(Taxonomy::built_in("nope"), None);
    }

    #[test]
    fn classifies_by_weighted_phrases() {
        let t = Taxonomy::embedded();
        assert_eq!(
            t.classify(
                "accelerate innovation-oriented breakthroughs in vaccines and drugs",
                ""
            )[0],
            "public-health"
        );
        assert_eq!(
            t.classify(
                "carry out the ten-year fishing ban in the Yangtze River",
                ""
            )[0],
            "green"
        );
        assert_eq!(
            t.classify("build world-class port clusters and airport clusters", "")[0],
            "transport"
        );
    }

    #[test]
    fn longer_phrases_claim_their_words() {
        let t = Taxonomy::embedded();
        assert_eq!(
            t.classify("continuously optimize the business environment", ""),
            ["opening-up"]
        );
    }

    #[test]
    fn falls_back_to_context_then_default() {
        let t = Taxonomy::embedded();
        assert_eq!(
            t.classify("give full play to their advantages", "digital data"),
            ["digital"]
        );
        assert_eq!(
            t.classify("give full play to their advantages", "nothing here"),
            ["guidance"]
        );
    }

    /// Phrase matching done the plain way: every phrase tried at every
    /// token, then claimed longest first.
    fn reference_matches(t: &Taxonomy, lower: &str) -> Vec<PhraseMatch> {
        let toks = token_spans(lower);
        let mut found = Vec::new();
        for start in 0..toks.len() {
            for (theme, th) in t.themes.iter().enumerate() {
                for (words, weight) in &th.phrases {
                    let fits = toks.len() - start >= words.len()
                        && toks[start..]
                            .iter()
                            .zip(words)
                            .all(|(&(s, e), w)| token_matches(&lower[s..e], w));
                    if fits {
                        found.push((start, words.len(), theme, *weight));
                    }
                }
            }
        }
        found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut taken = vec![false; toks.len()];
        let mut out = Vec::new();
        for group in found.chunk_by(|a, b| a.1 == b.1) {
            let before = taken.clone();
            for &(start, len, theme, weight) in group {
                if !before[start..start + len].contains(&true) {
                    let span = Span::new(toks[start].0, toks[start + len - 1].1);
                    out.push(PhraseMatch {
                        span,
                        theme,
                        weight,
                    });
                    taken[start..start + len].fill(true);
                }
            }
        }
        out
    }

    #[test]
    fn indexed_matching_agrees_with_the_plain_way() {
        let t = Taxonomy::embedded();
        let mut texts: Vec<String> = crate::parse::EMBEDDED_TEXT
            .lines()
            .map(crate::text::lower_aligned)
            .collect();
        texts.extend(
            [
                "& && r&d 5g, the business environment's Business-Environment",
                "industrial parks and industrial park clusters; strategies, strategy",
                "发布 “green” développement ÄÖ vaccines-and-drugs port portfolio",
                "",
                "&",
            ]
            .map(crate::text::lower_aligned),
        );
        for text in &texts {
            assert_eq!(
                t.phrase_matches(text),
                reference_matches(&t, text),
                "{text}"
            );
        }
        // Words matching two phrases' first words, and phrases of one length
        // overlapping.
        let small = Taxonomy::from_json(
            r#"{"themes": [
                {"id": "a", "name": "A", "phrases": [{"phrase": "port", "weight": 1},
                    {"phrase": "ports area", "weight": 2}, {"phrase": "area plan", "weight": 1}]},
                {"id": "b", "name": "B", "phrases": [{"phrase": "ports", "weight": 1},
                    {"phrase": "port areas", "weight": 3}, {"phrase": "area", "weight": 1},
                    {"phrase": "r&d", "weight": 1}, {"phrase": "x", "weight": 1},
                    {"phrase": "innov* hub", "weight": 2}, {"phrase": "innovat*", "weight": 1}]}]}"#,
        )
        .unwrap();
        for text in [
            "ports area plan and port areas, ports; the area plans",
            "x & r&d port area port",
            "innovative hubs, an innovation hub, innovators, innov hub",
        ] {
            assert_eq!(
                small.phrase_matches(text),
                reference_matches(&small, text),
                "{text}"
            );
        }
    }

    #[test]
    fn inflections_match_but_prefixes_do_not() {
        assert!(token_matches("vaccines", "vaccine"));
        assert!(token_matches("strategies", "strategy"));
        assert!(!token_matches("portfolio", "port"));
        assert!(!token_matches("reformulate", "reform"));
        assert!(token_matches("innovative", "innovat*"));
        assert!(token_matches("innovat", "innovat*"));
        assert!(!token_matches("renovate", "innovat*"));
    }

    #[test]
    fn malformed_taxonomies_are_rejected_with_a_reason() {
        let cases = [
            ("{", "not a valid taxonomy"),
            (r#"{"themes": []}"#, "empty"),
            (
                r#"{"themes": [{"id": "a", "name": "A", "phrases": []}]}"#,
                "no phrases",
            ),
            (
                r#"{"themes": [{"id": "a", "name": "A", "phrases": [{"phrase": "x", "weight": 1}]},
                              {"id": "a", "name": "B", "phrases": [{"phrase": "y", "weight": 1}]}]}"#,
                "twice",
            ),
            (
                r#"{"themes": [{"id": "a", "name": "A", "phrases": [{"phrase": "x", "weight": -1}]}]}"#,
                "positive",
            ),
            (
                r#"{"themes": [{"id": "a", "name": "A", "phrases": [{"phrase": "eco*", "weight": 1}]}]}"#,
                "shorter than four",
            ),
            (
                r#"{"fallback": "zz", "themes": [{"id": "a", "name": "A", "phrases": [{"phrase": "x", "weight": 1}]}]}"#,
                "fallback",
            ),
        ];
        for (json, needle) in cases {
            let err = Taxonomy::from_json(json).unwrap_err();
            assert!(err.contains(needle), "{json}: {err}");
            assert!(!err.contains('\n'));
        }
    }
}
