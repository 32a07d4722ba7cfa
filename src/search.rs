//! Fuzzy search over commitments, sentences, themes and entities of one or
//! more documents. The explorer calls `SearchIndex::search` on every keystroke.
//!
//! The index is word based so a keystroke costs work proportional to the
//! posting lists of the words the query names, not to the size of the text:
//! every searchable unit is tokenized once into lower-cased words; each
//! distinct word gets an id (ids follow sorted order, so all words with a
//! given prefix form one id range) and a posting list of the units holding it.
//! A query word is matched against the vocabulary only (exact, prefix, infix,
//! or fuzzy within one word), never against whole sentences, so scattered
//! letters across a long sentence can never make a hit.

use crate::model::Document;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::Serialize;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HitKind {
    Commitment,
    Sentence,
    Theme,
    Entity,
}

impl HitKind {
    pub fn label(self) -> &'static str {
        match self {
            HitKind::Commitment => "commitment",
            HitKind::Sentence => "sentence",
            HitKind::Theme => "theme",
            HitKind::Entity => "entity",
        }
    }

    /// Preference among hits of equal match quality (higher first).
    fn rank(self) -> i64 {
        match self {
            HitKind::Commitment => 3,
            HitKind::Entity => 2,
            HitKind::Theme => 1,
            HitKind::Sentence => 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Index of the document in the slice the index was built from.
    pub document: usize,
    pub kind: HitKind,
    /// Commitment id, paragraph id (for a sentence), theme's 1-based position
    /// in `Document::themes`, or entity's 1-based position in `Document::entities`.
    pub id: usize,
    /// For a sentence hit: index into the paragraph's `sentences`.
    pub sentence: Option<usize>,
    /// Higher is better; only comparable within one query.
    pub score: i64,
    /// The text that matched (commitment text, sentence, theme name, entity name).
    pub text: String,
    /// Matched positions in `text`, as char indices, ascending.
    pub matches: Vec<usize>,
}

/// Words beyond this many in one query are ignored; it bounds per-keystroke
/// work and keeps every score component inside its bit field.
pub const MAX_QUERY_WORDS: usize = 32;

// How a vocabulary word relates to a query word. Packed with a 0..=255
// quality into a u16 (`tier << 8 | quality`), so `max` picks the best tier
// first, then the best quality; 0 means "no match".
const FUZZY: u16 = 1;
const INFIX: u16 = 2;
const PREFIX: u16 = 3;
const EXACT: u16 = 4;

fn tier(packed: u16) -> u16 {
    packed >> 8
}

fn quality(packed: u16) -> u16 {
    packed & 0xff
}

fn pack(tier: u16, quality: u16) -> u16 {
    tier << 8 | quality.min(255)
}

/// Quality of a prefix or infix match: the fewer letters the word adds to the
/// query word, the closer the match.
fn closeness(extra_chars: usize) -> u16 {
    255u16.saturating_sub(u16::try_from(extra_chars.saturating_mul(8)).unwrap_or(u16::MAX))
}

/// How many letters longer than the query word a fuzzy match may be, so a
/// three-letter query cannot fuzzy-match a fifteen-letter word.
fn fuzzy_slack(query_chars: usize) -> usize {
    match query_chars {
        0..=4 => 1,
        5..=8 => 2,
        _ => 3,
    }
}

/// Lower-case one char to one char, so char indices in folded text equal char
/// indices in the original (chars whose lower case is several chars stay as
/// they are).
fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

fn fold_into(s: &str, out: &mut String) {
    out.clear();
    out.extend(s.chars().map(fold));
}

/// A word of a text: byte range and char range in that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Token {
    start: usize,
    end: usize,
    char_start: usize,
    chars: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '&'
}

/// Runs of letters, digits and `&` (so `R&D`, `5G` and `G60` stay whole),
/// with `&` trimmed from either end of a run.
fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut run: Option<Token> = None;
    for (char_index, (byte, c)) in text.char_indices().enumerate() {
        if is_word_char(c) {
            let t = run.get_or_insert(Token {
                start: byte,
                end: byte,
                char_start: char_index,
                chars: 0,
            });
            t.end = byte + c.len_utf8();
            t.chars += 1;
        } else if let Some(t) = run.take() {
            push_trimmed(text, t, &mut out);
        }
    }
    if let Some(t) = run {
        push_trimmed(text, t, &mut out);
    }
    out
}

fn push_trimmed(text: &str, mut t: Token, out: &mut Vec<Token>) {
    let word = &text[t.start..t.end];
    let lead = word.len() - word.trim_start_matches('&').len();
    let trimmed = word.trim_matches('&');
    // `&` is one byte and one char, so byte counts are char counts here.
    t.start += lead;
    t.char_start += lead;
    t.end = t.start + trimmed.len();
    t.chars = t.chars.saturating_sub(word.len() - trimmed.len());
    if !trimmed.is_empty() {
        out.push(t);
    }
}

fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut hay = hay.chars();
    needle.chars().all(|n| hay.any(|h| h == n))
}

/// One word of a query, folded, with what it may match.
#[derive(Debug, Clone)]
struct QueryWord {
    text: String,
    chars: usize,
    /// Infix matches only for words long enough to be specific (or non-ASCII,
    /// since CJK text has no spaces and every word is a long run).
    infix: bool,
    /// The word's fuzzy score against itself; fuzzy matches must reach a share
    /// of it. `None` when the word is too short to match fuzzily.
    self_score: Option<i64>,
}

/// A parsed query: its words, folded, in the order typed.
#[derive(Debug, Clone)]
struct Query {
    words: Vec<QueryWord>,
}

impl Query {
    fn parse(query: &str, matcher: &SkimMatcherV2) -> Query {
        let mut folded = String::new();
        fold_into(query, &mut folded);
        let words = tokenize(&folded)
            .into_iter()
            .take(MAX_QUERY_WORDS)
            .map(|t| {
                let text = folded[t.start..t.end].to_string();
                let self_score = if t.chars >= 3 {
                    matcher.fuzzy_match(&text, &text)
                } else {
                    None
                };
                QueryWord {
                    infix: t.chars >= 3 || !text.is_ascii(),
                    chars: t.chars,
                    self_score,
                    text,
                }
            })
            .collect();
        Query { words }
    }
}

/// How `word` (folded, `word_chars` chars) matches query word `q`, packed
/// with `pack`; 0 for no match. Index and highlighter both use this, so what
/// is highlighted is exactly what matched.
fn relate(word: &str, word_chars: usize, q: &QueryWord, matcher: &SkimMatcherV2) -> u16 {
    if word == q.text {
        return pack(EXACT, 255);
    }
    if word.len() <= q.text.len() {
        return 0;
    }
    let extra = word_chars.saturating_sub(q.chars);
    if word.starts_with(&q.text) {
        return pack(PREFIX, closeness(extra));
    }
    if q.infix && word.contains(&q.text) {
        return pack(INFIX, closeness(extra));
    }
    fuzzy_relate(word, word_chars, q, matcher).map_or(0, |(packed, _)| packed)
}

/// A fuzzy match of the query word inside one word (typos by omission), with
/// the matched char indices inside `word`.
fn fuzzy_relate(
    word: &str,
    word_chars: usize,
    q: &QueryWord,
    matcher: &SkimMatcherV2,
) -> Option<(u16, Vec<usize>)> {
    let own = q.self_score?;
    if word_chars <= q.chars || word_chars > q.chars + fuzzy_slack(q.chars) {
        return None;
    }
    // Cheap reject before the matcher's dynamic programme.
    if !is_subsequence(&q.text, word) {
        return None;
    }
    let (score, indices) = matcher.fuzzy_indices(word, &q.text)?;
    if own <= 0 || score.saturating_mul(4) < own.saturating_mul(3) {
        return None;
    }
    let q255 = u16::try_from(score.saturating_mul(255) / own).unwrap_or(255);
    Some((pack(FUZZY, q255), indices))
}

/// Char offsets inside `word` that a match of tier `t` covers.
fn word_positions(
    word: &str,
    word_chars: usize,
    q: &QueryWord,
    t: u16,
    matcher: &SkimMatcherV2,
) -> Vec<usize> {
    match t {
        EXACT => (0..word_chars).collect(),
        PREFIX => (0..q.chars).collect(),
        INFIX => word
            .match_indices(q.text.as_str())
            .flat_map(|(byte, _)| {
                let first = word[..byte].chars().count();
                first..first + q.chars
            })
            .collect(),
        FUZZY => fuzzy_relate(word, word_chars, q, matcher)
            .map(|(_, ix)| ix)
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Char positions in `text` to highlight for `query`: every occurrence of each
/// query word at exact, prefix or infix level, plus its fuzzy occurrences when
/// the text holds no closer one.
fn highlight(text: &str, query: &Query, matcher: &SkimMatcherV2) -> Vec<usize> {
    let mut folded = String::new();
    fold_into(text, &mut folded);
    // `fold` maps char to char, so the tokens' char indices hold for `text` too.
    let tokens = tokenize(&folded);
    let mut related: Vec<(usize, usize, u16)> = Vec::new();
    let mut best = vec![0u16; query.words.len()];
    for (ti, t) in tokens.iter().enumerate() {
        let word = &folded[t.start..t.end];
        for (qi, q) in query.words.iter().enumerate() {
            let r = relate(word, t.chars, q, matcher);
            if r > 0 {
                related.push((ti, qi, r));
                best[qi] = best[qi].max(tier(r));
            }
        }
    }
    let mut out = Vec::new();
    for (ti, qi, r) in related {
        let t = tokens[ti];
        if tier(r) == FUZZY && best[qi] != FUZZY {
            continue;
        }
        let word = &folded[t.start..t.end];
        out.extend(
            word_positions(word, t.chars, &query.words[qi], tier(r), matcher)
                .into_iter()
                .map(|p| t.char_start + p),
        );
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// One searchable piece of text.
#[derive(Debug, Clone)]
struct Unit {
    document: usize,
    kind: HitKind,
    id: usize,
    sentence: Option<usize>,
    /// Byte range of the text in `SearchIndex::text`.
    text: (usize, usize),
    chars: usize,
    /// Range in `SearchIndex::tokens`.
    tokens: (usize, usize),
}

/// Per-unit state while scoring one query.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    unit: u32,
    nonfuzzy: u32,
    tier_sum: u32,
    quality_sum: u32,
    /// Earliest word position (in tokens) at which any query word matched.
    position: u16,
    /// Every word but the last matched exactly and the last at least by
    /// prefix: only then can the query stand in the unit as a phrase.
    phrase_possible: bool,
}

/// Per-unit scratch for one query word, valid when `stamp` equals the word's
/// stamp (saves clearing a units-long array between words).
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    stamp: u32,
    best: u16,
    position: u16,
}

/// A vocabulary match of one query word: the matched word ids with packed
/// scores, the exact word's id and the prefix id range.
struct WordMatches {
    ids: Vec<(u32, u16)>,
    exact: Option<u32>,
    prefix: (u32, u32),
    postings: usize,
}

pub struct SearchIndex {
    units: Vec<Unit>,
    /// All unit texts back to back.
    text: String,
    /// Word ids of every unit's tokens back to back.
    tokens: Vec<u32>,
    /// Vocabulary in sorted order: word `i` is `words[word_start[i]..word_start[i + 1]]`.
    words: String,
    word_start: Vec<usize>,
    word_chars: Vec<u32>,
    /// Postings of word `i` are entries `post_start[i]..post_start[i + 1]` of
    /// `post_unit` (ascending unit indices) and `post_pos` (first token
    /// position of the word in that unit, saturated).
    post_start: Vec<usize>,
    post_unit: Vec<u32>,
    post_pos: Vec<u16>,
    matcher: SkimMatcherV2,
    /// Vocabulary matches of recent query words: while a query is typed only
    /// its last word changes, so the others come from here.
    cache: Mutex<WordCache>,
}

/// How many query words' vocabulary matches `WordCache` keeps.
const WORD_CACHE_SIZE: usize = 128;

#[derive(Default)]
struct WordCache {
    map: HashMap<String, Arc<WordMatches>>,
    /// Insertion order, oldest first, for eviction.
    order: VecDeque<String>,
}

impl SearchIndex {
    pub fn new(docs: &[Document]) -> SearchIndex {
        let mut b = Builder::default();
        for (di, doc) in docs.iter().enumerate() {
            for c in &doc.commitments {
                b.add(di, HitKind::Commitment, c.id, None, &c.text);
            }
            for p in &doc.paragraphs {
                for (si, s) in p.sentences.iter().enumerate() {
                    // A span that does not fall on char boundaries is a parser
                    // defect; skip the sentence rather than panic.
                    if let Some(text) = p.text.get(s.start..s.end) {
                        b.add(di, HitKind::Sentence, p.id, Some(si), text);
                    }
                }
            }
            for (i, t) in doc.themes.iter().enumerate() {
                b.add(di, HitKind::Theme, i + 1, None, &t.name);
            }
            for (i, e) in doc.entities.iter().enumerate() {
                b.add(di, HitKind::Entity, i + 1, None, &e.name);
            }
        }
        b.finish()
    }

    /// Number of searchable units (commitments, sentences, themes, entities).
    pub fn len(&self) -> usize {
        self.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// Best hits first, at most `limit`. An empty or blank query gives no hits.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let q = Query::parse(query, &self.matcher);
        let mut hits = self.ranked(&q, limit);
        for h in &mut hits {
            h.matches = highlight(&h.text, &q, &self.matcher);
        }
        hits
    }

    /// As `search`, but every hit's `matches` is left empty, so a caller can
    /// highlight only the hits it shows (see `positions` and `highlight`).
    pub fn search_unhighlighted(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.ranked(&Query::parse(query, &self.matcher), limit)
    }

    /// The char positions in `hit.text` that `query` matches, ascending: what
    /// `search` puts in `Hit::matches`.
    pub fn positions(&self, hit: &Hit, query: &str) -> Vec<usize> {
        highlight(
            &hit.text,
            &Query::parse(query, &self.matcher),
            &self.matcher,
        )
    }

    /// Fill `matches` of each hit for `query`, parsing the query once.
    pub fn highlight(&self, hits: &mut [Hit], query: &str) {
        let q = Query::parse(query, &self.matcher);
        for h in hits {
            h.matches = highlight(&h.text, &q, &self.matcher);
        }
    }

    fn word(&self, id: usize) -> &str {
        &self.words[self.word_start[id]..self.word_start[id + 1]]
    }

    fn vocab_len(&self) -> usize {
        self.word_chars.len()
    }

    fn postings(&self, id: u32) -> (&[u32], &[u16]) {
        let id = id as usize;
        let r = self.post_start[id]..self.post_start[id + 1];
        (&self.post_unit[r.clone()], &self.post_pos[r])
    }

    /// Ids of the vocabulary words starting with `prefix`.
    fn prefix_range(&self, prefix: &str) -> (u32, u32) {
        let n = self.vocab_len();
        let lo = partition(n, |i| self.word(i) < prefix);
        let hi = lo + partition(n - lo, |i| self.word(lo + i).starts_with(prefix));
        (id32(lo), id32(hi))
    }

    fn match_word_cached(&self, q: &QueryWord) -> Arc<WordMatches> {
        // A poisoned lock only means another search panicked mid-update of a
        // cache entry; the map itself is still consistent.
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(m) = cache.map.get(&q.text) {
            return Arc::clone(m);
        }
        let m = Arc::new(self.match_word(q));
        if cache.order.len() >= WORD_CACHE_SIZE
            && let Some(old) = cache.order.pop_front()
        {
            cache.map.remove(&old);
        }
        cache.order.push_back(q.text.clone());
        cache.map.insert(q.text.clone(), Arc::clone(&m));
        m
    }

    fn match_word(&self, q: &QueryWord) -> WordMatches {
        let (lo, hi) = self.prefix_range(&q.text);
        let mut ids: Vec<(u32, u16)> = Vec::new();
        let mut exact = None;
        for id in lo..hi {
            let r = relate(
                self.word(id as usize),
                self.word_chars[id as usize] as usize,
                q,
                &self.matcher,
            );
            if tier(r) == EXACT {
                exact = Some(id);
            }
            ids.push((id, r));
        }
        if q.infix || q.self_score.is_some() {
            // Infix and fuzzy matches can be anywhere in the vocabulary.
            for id in (0..lo).chain(hi..id32(self.vocab_len())) {
                let word = self.word(id as usize);
                if word.len() <= q.text.len() {
                    continue;
                }
                let r = relate(
                    word,
                    self.word_chars[id as usize] as usize,
                    q,
                    &self.matcher,
                );
                if r > 0 {
                    ids.push((id, r));
                }
            }
        }
        let postings = ids.iter().map(|&(id, _)| self.postings(id).0.len()).sum();
        WordMatches {
            ids,
            exact,
            prefix: (lo, hi),
            postings,
        }
    }

    /// Score and select the top `limit` units; hits come back without
    /// positions.
    fn ranked(&self, q: &Query, limit: usize) -> Vec<Hit> {
        self.ranked_with(q, limit, true)
    }

    /// `allow_scan: false` forces the posting-list path for every word, so
    /// tests can check both paths agree.
    fn ranked_with(&self, q: &Query, limit: usize, allow_scan: bool) -> Vec<Hit> {
        if q.words.is_empty() || limit == 0 || self.units.is_empty() {
            return Vec::new();
        }
        let matches: Vec<Arc<WordMatches>> =
            q.words.iter().map(|w| self.match_word_cached(w)).collect();
        if matches.iter().any(|m| m.ids.is_empty()) {
            return Vec::new();
        }
        // Rarest word first: it bounds the candidate set the others filter.
        let mut order: Vec<usize> = (0..matches.len()).collect();
        order.sort_by_key(|&i| (matches[i].postings, i));

        let n = q.words.len();
        let last = n - 1;
        let mut slots = vec![Slot::default(); self.units.len()];
        // Word id -> packed score of the current word, for the token-scan path.
        let mut lookup: Vec<u16> = Vec::new();
        let mut candidates: Vec<Candidate> = Vec::new();
        for (step, &wi) in order.iter().enumerate() {
            let stamp = u32::try_from(step + 1).unwrap_or(u32::MAX);
            let m = &matches[wi];
            let scan_cost: usize = candidates
                .iter()
                .map(|c| {
                    let t = self.units[c.unit as usize].tokens;
                    t.1 - t.0
                })
                .sum();
            if allow_scan && step > 0 && scan_cost < m.postings {
                // Few candidates left: reading their words is cheaper than
                // walking this word's (long) posting lists.
                if lookup.is_empty() {
                    lookup = vec![0; self.vocab_len()];
                }
                for &(id, packed) in &m.ids {
                    lookup[id as usize] = packed;
                }
                for c in &candidates {
                    let t = self.units[c.unit as usize].tokens;
                    let mut slot = Slot {
                        stamp,
                        best: 0,
                        position: u16::MAX,
                    };
                    for (pos, &w) in self.tokens[t.0..t.1].iter().enumerate() {
                        let packed = lookup[w as usize];
                        if packed > 0 {
                            slot.best = slot.best.max(packed);
                            slot.position =
                                slot.position.min(u16::try_from(pos).unwrap_or(u16::MAX));
                        }
                    }
                    if slot.best > 0 {
                        slots[c.unit as usize] = slot;
                    }
                }
                for &(id, _) in &m.ids {
                    lookup[id as usize] = 0;
                }
            } else {
                for &(id, packed) in &m.ids {
                    let (units, positions) = self.postings(id);
                    for (&u, &p) in units.iter().zip(positions) {
                        let s = &mut slots[u as usize];
                        if s.stamp == stamp {
                            s.best = s.best.max(packed);
                            s.position = s.position.min(p);
                            continue;
                        }
                        if step == 0 {
                            candidates.push(Candidate {
                                unit: u,
                                nonfuzzy: 0,
                                tier_sum: 0,
                                quality_sum: 0,
                                position: u16::MAX,
                                phrase_possible: true,
                            });
                        }
                        *s = Slot {
                            stamp,
                            best: packed,
                            position: p,
                        };
                    }
                }
            }
            candidates.retain_mut(|c| {
                let s = slots[c.unit as usize];
                if s.stamp != stamp {
                    return false;
                }
                let t = tier(s.best);
                c.nonfuzzy += u32::from(t >= INFIX);
                c.tier_sum += u32::from(t - 1);
                c.quality_sum += u32::from(quality(s.best));
                c.position = c.position.min(s.position);
                c.phrase_possible &= if wi == last { t >= PREFIX } else { t == EXACT };
                true
            });
            if candidates.is_empty() {
                return Vec::new();
            }
        }

        let exact_ids: Option<Vec<u32>> = matches[..last].iter().map(|m| m.exact).collect();
        let mut scored: Vec<(i64, u32)> = candidates
            .iter()
            .map(|c| {
                let phrase = c.phrase_possible
                    && (n == 1
                        || exact_ids.as_deref().is_some_and(|ids| {
                            self.holds_phrase(c.unit, ids, matches[last].prefix)
                        }));
                (self.score(c, phrase), c.unit)
            })
            .collect();
        // Best score first; equal scores in index order (document order).
        let better = |a: &(i64, u32), b: &(i64, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if scored.len() > limit {
            scored.select_nth_unstable_by(limit - 1, better);
            scored.truncate(limit);
        }
        scored.sort_unstable_by(better);
        scored
            .into_iter()
            .map(|(score, u)| self.hit(u, score))
            .collect()
    }

    /// Does the unit hold the query words consecutively: the exact words
    /// `firsts`, then a word in the id range `last` (the last query word, which
    /// may still be being typed)?
    fn holds_phrase(&self, unit: u32, firsts: &[u32], last: (u32, u32)) -> bool {
        let u = &self.units[unit as usize];
        let toks = &self.tokens[u.tokens.0..u.tokens.1];
        let len = firsts.len() + 1;
        toks.windows(len)
            .any(|w| w[..firsts.len()] == *firsts && (last.0..last.1).contains(&w[firsts.len()]))
    }

    /// Pack the ranking into one integer, most significant first: words that
    /// matched without fuzzing, whole query as a phrase, tier sum, match
    /// quality, kind, shortness, earliest match position.
    fn score(&self, c: &Candidate, phrase: bool) -> i64 {
        let u = &self.units[c.unit as usize];
        let shortness = 0xffff - u.chars.min(0xffff) as i64;
        let early = 0xff - i64::from(c.position.min(0xff));
        let mut s = i64::from(c.nonfuzzy); // <= 32: 6 bits
        s = s << 1 | i64::from(phrase);
        s = s << 7 | i64::from(c.tier_sum); // <= 96
        s = s << 13 | i64::from(c.quality_sum); // <= 32 * 255
        s = s << 2 | u.kind.rank();
        s = s << 16 | shortness;
        s << 8 | early
    }

    fn hit(&self, unit: u32, score: i64) -> Hit {
        let u = &self.units[unit as usize];
        Hit {
            document: u.document,
            kind: u.kind,
            id: u.id,
            sentence: u.sentence,
            score,
            text: self.text[u.text.0..u.text.1].to_string(),
            matches: Vec::new(),
        }
    }
}

/// Index of the first `i` in `0..n` for which `pred` is false, given `pred`
/// holds on a prefix of `0..n`.
fn partition(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Vocabulary and unit counts are capped at `u32::MAX` by `Builder::add`.
fn id32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

#[derive(Default)]
struct Builder {
    units: Vec<Unit>,
    text: String,
    /// Token word ids in first-seen numbering until `finish` sorts them.
    tokens: Vec<u32>,
    vocab: HashMap<String, u32>,
    folded: String,
}

impl Builder {
    fn add(
        &mut self,
        document: usize,
        kind: HitKind,
        id: usize,
        sentence: Option<usize>,
        text: &str,
    ) {
        // Unit indices live in u32 postings; beyond that, stop indexing.
        if self.units.len() >= u32::MAX as usize {
            return;
        }
        let start = self.text.len();
        self.text.push_str(text);
        fold_into(text, &mut self.folded);
        let tok_start = self.tokens.len();
        for t in tokenize(&self.folded) {
            let word = &self.folded[t.start..t.end];
            let next = id32(self.vocab.len());
            let wid = match self.vocab.get(word) {
                Some(&w) => w,
                None => {
                    self.vocab.insert(word.to_string(), next);
                    next
                }
            };
            self.tokens.push(wid);
        }
        self.units.push(Unit {
            document,
            kind,
            id,
            sentence,
            text: (start, self.text.len()),
            chars: text.chars().count(),
            tokens: (tok_start, self.tokens.len()),
        });
    }

    fn finish(self) -> SearchIndex {
        // Renumber words in sorted order so a prefix is an id range.
        let mut sorted: Vec<(String, u32)> = self.vocab.into_iter().collect();
        sorted.sort_unstable();
        let mut remap = vec![0u32; sorted.len()];
        let mut words = String::new();
        let mut word_start = Vec::with_capacity(sorted.len() + 1);
        let mut word_chars = Vec::with_capacity(sorted.len());
        for (new, (w, old)) in sorted.iter().enumerate() {
            remap[*old as usize] = id32(new);
            word_start.push(words.len());
            words.push_str(w);
            word_chars.push(u32::try_from(w.chars().count()).unwrap_or(u32::MAX));
        }
        word_start.push(words.len());
        let tokens: Vec<u32> = self.tokens.iter().map(|&t| remap[t as usize]).collect();

        // Postings: count distinct units per word, then fill in unit order.
        let nwords = sorted.len();
        let mut last_seen = vec![u32::MAX; nwords];
        let mut counts = vec![0usize; nwords];
        for (ui, u) in self.units.iter().enumerate() {
            for &w in &tokens[u.tokens.0..u.tokens.1] {
                if last_seen[w as usize] != id32(ui) {
                    last_seen[w as usize] = id32(ui);
                    counts[w as usize] += 1;
                }
            }
        }
        let mut post_start = Vec::with_capacity(nwords + 1);
        let mut total = 0;
        for c in &counts {
            post_start.push(total);
            total += c;
        }
        post_start.push(total);
        let mut fill = post_start.clone();
        let mut post_unit = vec![0u32; total];
        let mut post_pos = vec![0u16; total];
        last_seen.fill(u32::MAX);
        for (ui, u) in self.units.iter().enumerate() {
            for (pos, &w) in tokens[u.tokens.0..u.tokens.1].iter().enumerate() {
                let w = w as usize;
                if last_seen[w] != id32(ui) {
                    last_seen[w] = id32(ui);
                    post_unit[fill[w]] = id32(ui);
                    post_pos[fill[w]] = u16::try_from(pos).unwrap_or(u16::MAX);
                    fill[w] += 1;
                }
            }
        }
        SearchIndex {
            units: self.units,
            text: self.text,
            tokens,
            words,
            word_start,
            word_chars,
            post_start,
            post_unit,
            post_pos,
            matcher: SkimMatcherV2::default().ignore_case(),
            cache: Mutex::new(WordCache::default()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Commitment, Entity, EntityKind, Paragraph, Span, ThemeSummary};

    /// A document from plain strings: paragraphs as lists of sentences (joined
    /// by a space), commitments as `(paragraph id, text found in it)`.
    fn doc(
        paragraphs: &[&[&str]],
        commitments: &[(usize, &str)],
        themes: &[&str],
        entities: &[&str],
    ) -> Document {
        let mut paras: Vec<Paragraph> = paragraphs
            .iter()
            .enumerate()
            .map(|(i, sentences)| {
                let text = sentences.join(" ");
                let mut from = 0;
                let spans = sentences
                    .iter()
                    .map(|s| {
                        let start = from + text[from..].find(s).unwrap();
                        from = start + s.len();
                        Span::new(start, from)
                    })
                    .collect();
                Paragraph {
                    id: i + 1,
                    text,
                    themes: vec!["t".into()],
                    commitments: vec![],
                    sentences: spans,
                }
            })
            .collect();
        let commitments = commitments
            .iter()
            .enumerate()
            .map(|(i, &(pid, text))| {
                let p = &mut paras[pid - 1];
                let start = p.text.find(text).unwrap();
                let span = Span::new(start, start + text.len());
                let sentence = p.sentences.iter().position(|s| s.contains(span)).unwrap();
                p.commitments.push(i + 1);
                Commitment {
                    id: i + 1,
                    paragraph: pid,
                    sentence,
                    actor: "they".into(),
                    modality: "will".into(),
                    text: text.into(),
                    span,
                    themes: vec!["t".into()],
                    entities: vec![],
                }
            })
            .collect();
        Document {
            title: "test".into(),
            published: None,
            source: None,
            path: None,
            paragraphs: paras,
            themes: themes
                .iter()
                .map(|n| ThemeSummary {
                    id: n.to_lowercase(),
                    name: n.to_string(),
                    commitments: vec![],
                })
                .collect(),
            commitments,
            entities: entities
                .iter()
                .map(|n| Entity {
                    name: n.to_string(),
                    kind: EntityKind::Place,
                    mentions: 1,
                    commitments: vec![],
                })
                .collect(),
        }
    }

    fn texts(hits: &[Hit]) -> Vec<&str> {
        hits.iter().map(|h| h.text.as_str()).collect()
    }

    /// The matched chars of a hit, as a string.
    fn marked(h: &Hit) -> String {
        let chars: Vec<char> = h.text.chars().collect();
        h.matches.iter().map(|&i| chars[i]).collect()
    }

    fn assert_positions_valid(h: &Hit) {
        let n = h.text.chars().count();
        assert!(h.matches.iter().all(|&i| i < n), "{h:?}");
        assert!(
            h.matches.windows(2).all(|w| w[0] < w[1]),
            "not ascending: {h:?}"
        );
    }

    const LONG: &str =
        "The agency is highly usual in its approach to the regional plan for the delta.";

    #[test]
    fn empty_and_blank_queries_give_nothing() {
        let idx = SearchIndex::new(&[doc(&[&["Taihu Lake is big."]], &[], &[], &[])]);
        for q in ["", " ", "\t\n", "  ,.;  ", "&&&"] {
            assert!(idx.search(q, 10).is_empty(), "{q:?}");
        }
    }

    #[test]
    fn scattered_letters_across_a_sentence_are_not_a_hit() {
        let idx = SearchIndex::new(&[doc(&[&[LONG]], &[], &[], &[])]);
        // t…a…i…h…u are all in LONG, in order, but in no single word.
        assert!(is_subsequence("taihu", &LONG.to_lowercase()));
        assert!(idx.search("taihu", 10).is_empty());
        assert!(idx.search("Taihu", 10).is_empty());
    }

    #[test]
    fn a_word_match_outranks_any_fuzzy_match() {
        // The fuzzy candidate is a commitment (preferred kind) and shorter; the
        // exact one is a long sentence. The exact word must still win.
        let d = doc(
            &[
                &["Integrate medical insurance."],
                &[
                    "Review the medcal scheme that the province runs with its long list of partners.",
                ],
            ],
            &[(1, "Integrate medical insurance")],
            &[],
            &[],
        );
        let idx = SearchIndex::new(&[d]);
        let hits = idx.search("medcal", 10);
        assert!(hits.len() >= 3, "{hits:?}");
        assert!(hits[0].text.contains("medcal scheme"), "{hits:?}");
        assert!(hits[0].score > hits[1].score);
        assert!(hits[1..].iter().all(|h| h.text.contains("medical")));
    }

    #[test]
    fn tiers_rank_exact_then_prefix_then_infix() {
        let d = doc(
            &[&["The flake fell.", "The lakes froze.", "The lake froze."]],
            &[],
            &[],
            &[],
        );
        let idx = SearchIndex::new(&[d]);
        let hits = idx.search("lake", 10);
        assert_eq!(
            texts(&hits),
            ["The lake froze.", "The lakes froze.", "The flake fell."]
        );
        assert_eq!(marked(&hits[0]), "lake");
        assert_eq!(marked(&hits[1]), "lake");
        assert_eq!(marked(&hits[2]), "lake");
        assert_eq!(hits[2].matches, vec![5, 6, 7, 8]);
    }

    #[test]
    fn several_words_are_all_required_in_any_order() {
        let d = doc(
            &[&[
                "Protect Taihu Lake now.",
                "Lake works near Taihu.",
                "Taihu alone.",
                "A lake alone.",
            ]],
            &[],
            &[],
            &[],
        );
        let idx = SearchIndex::new(&[d]);
        for q in ["taihu lake", "lake taihu", "LAKE Taihu"] {
            let hits = idx.search(q, 10);
            let mut got = texts(&hits);
            got.sort();
            assert_eq!(
                got,
                ["Lake works near Taihu.", "Protect Taihu Lake now."],
                "{q}"
            );
        }
        // As typed, the phrase comes first even though the other is shorter.
        let hits = idx.search("taihu lake", 10);
        assert_eq!(hits[0].text, "Protect Taihu Lake now.");
        assert_eq!(marked(&hits[0]), "TaihuLake");
        // In the other order the phrase is not there; the shorter text wins.
        let hits = idx.search("lake taihu", 10);
        assert_eq!(hits[0].text, "Lake works near Taihu.");
    }

    #[test]
    fn phrase_across_punctuation_counts_as_a_phrase() {
        let d = doc(
            &[&[
                "Build the Shanghai-Nanjing route.",
                "Nanjing and Shanghai talk.",
            ]],
            &[],
            &[],
            &[],
        );
        let idx = SearchIndex::new(&[d]);
        let hits = idx.search("shanghai nanjing", 10);
        assert_eq!(
            texts(&hits),
            [
                "Build the Shanghai-Nanjing route.",
                "Nanjing and Shanghai talk."
            ]
        );
    }

    #[test]
    fn small_typos_by_omission_still_find_the_target() {
        let d = doc(
            &[
                &["Clean up the Taihu Lake water environment."],
                &["Promote the integration of medical insurance."],
                &["Unrelated lines about like-minded partners in Taihu town."],
            ],
            &[],
            &[],
            &[],
        );
        let idx = SearchIndex::new(&[d]);
        let hits = idx.search("taihu lke", 10);
        assert_eq!(hits[0].text, "Clean up the Taihu Lake water environment.");
        assert_eq!(marked(&hits[0]), "TaihuLke");
        // `like` is as close to `lke` as `lake` is, so that unit matches too.
        assert_eq!(hits.len(), 2);
        assert_eq!(marked(&hits[1]), "lkeTaihu");

        let hits = idx.search("medcal insurance", 10);
        assert_eq!(
            texts(&hits),
            ["Promote the integration of medical insurance."]
        );
        assert_eq!(marked(&hits[0]), "medcalinsurance");
    }

    #[test]
    fn fuzzy_matching_is_length_limited() {
        let d = doc(&[&["An internationalisation plan."]], &[], &[], &[]);
        let idx = SearchIndex::new(&[d]);
        // `itn` is a subsequence of the long word but far too short for it.
        assert!(idx.search("itn", 10).is_empty());
        assert!(idx.search("intrnationalisation", 10).len() == 1);
    }

    #[test]
    fn prefix_while_typing_finds_the_word_and_marks_the_typed_letters() {
        let d = doc(
            &[&["Improve the water of Taihu Lake.", "Tackle other work."]],
            &[],
            &[],
            &[],
        );
        let idx = SearchIndex::new(&[d]);
        let start = "Improve the water of ".chars().count();
        for n in 1..="Taihu".len() {
            let q = &"Taihu"[..n];
            let hits = idx.search(q, 10);
            let hit = hits
                .iter()
                .find(|h| h.text.contains("Taihu"))
                .unwrap_or_else(|| panic!("{q}: {hits:?}"));
            let want: Vec<usize> = (start..start + n).collect();
            // Single letters also mark other words starting with them.
            assert!(want.iter().all(|p| hit.matches.contains(p)), "{q}: {hit:?}");
            if n >= 3 {
                assert_eq!(hit.matches, want, "{q}");
                assert_eq!(hits[0].text, hit.text);
            }
        }
    }

    #[test]
    fn positions_are_char_indices_into_unicode_text() {
        let d = doc(
            &[&[
                "“Green” development of the 长江三角洲 region — Taihu’s lake.",
                "İstanbul ǅemal Taihu.",
            ]],
            &[],
            &[],
            &["太湖流域"],
        );
        let idx = SearchIndex::new(&[d]);
        let hits = idx.search("taihu", 10);
        assert_eq!(hits.len(), 2);
        for h in &hits {
            assert_positions_valid(h);
            assert_eq!(marked(h), "Taihu");
        }
        let hits = idx.search("三角", 10);
        assert_eq!(hits.len(), 1);
        assert_eq!(marked(&hits[0]), "三角");
        let hits = idx.search("太湖", 10);
        assert_eq!((hits[0].kind, hits[0].id), (HitKind::Entity, 1));
        assert_eq!(hits[0].matches, vec![0, 1]);
        let hits = idx.search("green", 10);
        assert_eq!(marked(&hits[0]), "Green");
    }

    #[test]
    fn odd_queries_never_panic() {
        let d = doc(
            &[&[
                "R&D in 5G and G60 — the “corridor” 长江 people's well-being.",
                LONG,
            ]],
            &[(1, "R&D in 5G and G60")],
            &["Green development"],
            &["G60 Science and Technology Innovation Corridor"],
        );
        let idx = SearchIndex::new(&[d]);
        let long = "taihu ".repeat(500);
        let many = (0..100)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let weird = [
            "*",
            ".*",
            "(",
            "[a-z]+",
            "\\",
            "^$",
            "?",
            "|",
            "🙂",
            "🙂🙂 g60",
            "\u{0}",
            "\u{1b}[31m",
            "&",
            "r&",
            "&d",
            "r&d",
            "İ",
            "ǅ",
            "ß",
            "长",
            "\u{301}",
            "a\u{301}",
            "  g  ",
            "'",
            "\"",
            "5",
            "5g",
            long.as_str(),
            many.as_str(),
            "g60 g60 g60",
        ];
        for q in weird {
            for limit in [0, 1, 5, 1000] {
                let hits = idx.search(q, limit);
                assert!(hits.len() <= limit);
                hits.iter().for_each(assert_positions_valid);
            }
        }
        assert_eq!(marked(&idx.search("r&d", 1)[0]), "R&D");
        assert_eq!(idx.search("5g", 1)[0].kind, HitKind::Commitment);
    }

    #[test]
    fn limit_is_respected_and_order_is_deterministic() {
        let sentences: Vec<String> = (0..40)
            .map(|i| format!("Plan number {i} for the delta."))
            .collect();
        let refs: Vec<&str> = sentences.iter().map(String::as_str).collect();
        let d = doc(&[&refs], &[], &[], &[]);
        let idx = SearchIndex::new(&[d.clone(), d]);
        assert_eq!(idx.search("delta", 7).len(), 7);
        assert!(idx.search("delta", 0).is_empty());
        assert_eq!(idx.search("delta", 1000).len(), 80);
        let a = idx.search("plan delta", 25);
        let b = idx.search("plan delta", 25);
        assert_eq!(a, b);
        // Equal scores fall back to document order.
        let all = idx.search("delta", 1000);
        let order: Vec<(usize, usize, Option<usize>)> =
            all.iter().map(|h| (h.document, h.id, h.sentence)).collect();
        // Shorter texts ("Plan number 0" to "9") first, each in document order.
        let short: Vec<_> = (0..10)
            .map(|i| (0, 1, Some(i)))
            .chain((0..10).map(|i| (1, 1, Some(i))))
            .collect();
        assert_eq!(order[..20], short);
        assert!(all.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn equal_matches_prefer_commitment_entity_theme_sentence() {
        let d = doc(
            &[&["Taihu Lake"]],
            &[(1, "Taihu Lake")],
            &["Taihu Lake"],
            &["Taihu Lake"],
        );
        let idx = SearchIndex::new(&[d]);
        let hits = idx.search("taihu", 10);
        let kinds: Vec<HitKind> = hits.iter().map(|h| h.kind).collect();
        assert_eq!(
            kinds,
            [
                HitKind::Commitment,
                HitKind::Entity,
                HitKind::Theme,
                HitKind::Sentence
            ]
        );
        assert_eq!(hits[3].sentence, Some(0));
        assert!(
            hits.iter()
                .all(|h| h.id == 1 && h.matches == vec![0, 1, 2, 3, 4])
        );
    }

    #[test]
    fn commitment_outranks_sentence_but_not_a_better_match() {
        let d = doc(
            &[&["They will build the Taihu corridor.", "Taihu Lake basin."]],
            &[(1, "build the Taihu corridor")],
            &[],
            &[],
        );
        let idx = SearchIndex::new(&[d]);
        let hits = idx.search("taihu", 10);
        assert_eq!(hits[0].kind, HitKind::Commitment);
        let hits = idx.search("taihu lake", 10);
        assert_eq!(hits[0].text, "Taihu Lake basin.");
        assert_eq!(hits.len(), 1);
    }

    #[test]
    fn ids_point_back_into_the_document() {
        let d = doc(
            &[
                &["First sentence.", "Second about ports."],
                &["Ports again here."],
            ],
            &[(2, "Ports again")],
            &["Transport", "Ports and shipping"],
            &["Ningbo", "Ningbo Port"],
        );
        let idx = SearchIndex::new(std::slice::from_ref(&d));
        for h in idx.search("port", 50) {
            let want = match h.kind {
                HitKind::Commitment => d.commitment(h.id).unwrap().text.clone(),
                HitKind::Sentence => {
                    let p = d.paragraph(h.id).unwrap();
                    let s = p.sentences[h.sentence.unwrap()];
                    p.text[s.start..s.end].to_string()
                }
                HitKind::Theme => d.themes[h.id - 1].name.clone(),
                HitKind::Entity => d.entities[h.id - 1].name.clone(),
            };
            assert_eq!(h.text, want);
        }
        // Two sentences, the commitment, a theme, an entity, and `Transport` by infix.
        assert_eq!(idx.search("port", 50).len(), 6);
    }

    #[test]
    fn unhighlighted_search_and_positions_agree_with_search() {
        let d = doc(
            &[&[
                "Clean up the Taihu Lake water environment.",
                "Lakes of Taihu.",
            ]],
            &[(1, "Clean up the Taihu Lake")],
            &[],
            &["Taihu Lake"],
        );
        let idx = SearchIndex::new(&[d]);
        for q in ["taihu lke", "Tai", "lake"] {
            let full = idx.search(q, 10);
            let mut bare = idx.search_unhighlighted(q, 10);
            assert!(bare.iter().all(|h| h.matches.is_empty()));
            for (f, b) in full.iter().zip(&bare) {
                assert_eq!(idx.positions(b, q), f.matches);
            }
            idx.highlight(&mut bare, q);
            assert_eq!(bare, full);
        }
    }

    #[test]
    fn scanning_candidates_agrees_with_walking_postings() {
        // Rare words next to very common ones: after the rare word, reading the
        // few candidates' words is cheaper than the common words' postings.
        let mut sentences: Vec<String> = (0..300)
            .map(|i| format!("The plan {i} of the delta and the river."))
            .collect();
        sentences.push("The Taihu Lake plan of the delta.".into());
        sentences.push("Lake the Taihu of plans.".into());
        sentences.push("Medical insurance for the delta.".into());
        let refs: Vec<&str> = sentences.iter().map(String::as_str).collect();
        let idx = SearchIndex::new(&[doc(&[&refs], &[(1, "Taihu Lake plan")], &[], &["Taihu"])]);
        let queries = [
            "taihu the",
            "the taihu",
            "taihu lake the",
            "the lake",
            "of the",
            "taihu pla",
            "lke taihu the",
            "medcal the",
            "the delta",
            "delta the",
            "plan the of",
            "the",
            "t",
        ];
        for q in queries {
            let parsed = Query::parse(q, &idx.matcher);
            let scan = idx.ranked_with(&parsed, 1000, true);
            let walk = idx.ranked_with(&parsed, 1000, false);
            assert_eq!(scan, walk, "{q}");
        }
        let hits = idx.search("taihu the", 10);
        assert_eq!(
            texts(&hits),
            [
                "Lake the Taihu of plans.",
                "The Taihu Lake plan of the delta."
            ]
        );
        let hits = idx.search("lake plan", 10);
        assert_eq!(
            texts(&hits),
            [
                "Taihu Lake plan",
                "The Taihu Lake plan of the delta.",
                "Lake the Taihu of plans."
            ]
        );
        assert_eq!(marked(&hits[2]), "Lakeplan");
    }

    #[test]
    fn tokenizer_keeps_codes_whole_and_trims_ampersands() {
        let text = "R&D, 5G & G60; &x& Shanghai-Nanjing";
        let words: Vec<&str> = tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect();
        assert_eq!(words, ["R&D", "5G", "G60", "x", "Shanghai", "Nanjing"]);
        let x = tokenize(text)[3];
        assert_eq!((x.char_start, x.chars), (16, 1));
    }

    #[test]
    fn index_can_be_shared_across_threads() {
        // The explorer may build or query the index off the UI thread.
        fn send_sync<T: Send + Sync>() {}
        send_sync::<SearchIndex>();
    }

    #[test]
    fn empty_index_is_harmless() {
        let idx = SearchIndex::new(&[]);
        assert!(idx.is_empty());
        assert!(idx.search("taihu", 10).is_empty());
    }
}
