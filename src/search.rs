//! Fuzzy search over commitments, sentences, themes and entities of one or
//! more documents. The explorer searches on every keystroke; the command line
//! builds an index to answer one query.
//!
//! The index is word based so a keystroke costs work proportional to the
//! posting lists of the words the query names, not to the size of the text:
//! every searchable unit is tokenized once into lower-cased words; each
//! distinct word gets an id (ids follow sorted order, so all words with a
//! given prefix form one id range) and a posting list of the units holding it.
//! A query word is matched against the vocabulary only (exact, prefix, infix,
//! or fuzzy within one word), never against whole sentences, so scattered
//! letters across a long sentence can never make a hit.
//!
//! Score floor: a fuzzy vocabulary match must reach `FUZZY_FLOOR` (three
//! quarters) of the query word's fuzzy score against itself, and may be only
//! a letter or three longer than the query word (`fuzzy_slack`). A unit must
//! match every query word; exact, prefix and infix matches always outrank
//! fuzzy ones (see `Shard::score`).
//!
//! Scale: the documents are split into shards of consecutive documents, built
//! and searched in parallel, and their top hits merged. A unit's score
//! depends only on the query and the unit itself (never on corpus-wide
//! statistics), and ties fall back to document order, so the hits are the
//! same whatever the number of shards.
//!
//! While a query is typed, `search_within` with a `Session` narrows the
//! previous query's candidates instead of starting over, whenever the new
//! query's words can only match a subset of what the old ones matched.
//!
//! Documents can also be indexed in runs as they are parsed (`IndexPart`,
//! joined by `SearchIndex::from_parts` or added by `SearchIndex::extended`),
//! and a one-shot search can skip parsing statements that cannot hold a hit
//! (`Prefilter`).

use crate::model::Document;
use crate::text::{char_at, is_word_char};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

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

/// A query word is cut to this many chars. Fuzzy scoring costs the square
/// of a word's length (a 40,000-char word took seconds), and no vocabulary
/// word a person types is this long; a longer one still finds the words it
/// starts (as a prefix match), so cutting loses no hit.
pub const MAX_QUERY_WORD_CHARS: usize = 128;

/// A fuzzy match must score at least `FUZZY_FLOOR.0 / FUZZY_FLOOR.1` of the
/// query word's score against itself, so `lke` finds `lake` but a scatter of
/// the same letters in a longer word does not count.
const FUZZY_FLOOR: (i64, i64) = (3, 4);

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

/// Lower-case one char to one char of the same UTF-8 length that is a word
/// char exactly when the original is, so folded text has the same byte and
/// char offsets and the same words as the original (any other char stays as
/// it is). Text and queries are folded by this one function, so they agree.
fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() && is_word_char(l) == is_word_char(c) => l,
        _ => c,
    }
}

/// `word` folded, borrowed when folding changes nothing (the usual case).
fn fold_word<'a>(word: &'a str, buf: &'a mut String) -> &'a str {
    let unchanged = if word.is_ascii() {
        !word.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        word.chars().all(|c| fold(c) == c)
    };
    if unchanged {
        return word;
    }
    fold_into(word, buf);
    buf
}

fn fold_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        out.push_str(s);
        out.make_ascii_lowercase();
    } else {
        out.extend(s.chars().map(fold));
    }
}

/// A word of a text: byte range and char range in that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Token {
    start: usize,
    end: usize,
    char_start: usize,
    chars: usize,
}

/// Runs of letters, digits and `&` (so `R&D`, `5G` and `G60` stay whole),
/// with `&` trimmed from either end of a run.
fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, &mut out);
    out
}

/// `tokenize` into a reused buffer (cleared first).
fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    out.clear();
    scan_words(text, |t| out.push(t));
}

/// The tokenizer: call `emit` with each word of `text` in order. Index
/// building runs this over all text; `char_at` decodes only non-ASCII chars.
fn scan_words(text: &str, mut emit: impl FnMut(Token)) {
    let bytes = text.as_bytes();
    // Byte and char offsets of the current run's first char.
    let mut run: Option<(usize, usize)> = None;
    let (mut i, mut char_index) = (0, 0);
    while let Some((c, len)) = char_at(text, i) {
        if is_word_char(c) {
            run.get_or_insert((i, char_index));
        } else if let Some((start, char_start)) = run.take() {
            emit_trimmed(
                bytes,
                start,
                i,
                char_start,
                char_index - char_start,
                &mut emit,
            );
        }
        i += len;
        char_index += 1;
    }
    if let Some((start, char_start)) = run {
        emit_trimmed(
            bytes,
            start,
            i,
            char_start,
            char_index - char_start,
            &mut emit,
        );
    }
}

/// Emit the run `start..end` (bytes) with `&` trimmed from either end.
fn emit_trimmed(
    bytes: &[u8],
    mut start: usize,
    mut end: usize,
    mut char_start: usize,
    mut chars: usize,
    emit: &mut impl FnMut(Token),
) {
    // `&` is one byte and one char, so byte steps are char steps here.
    while start < end && bytes[start] == b'&' {
        start += 1;
        char_start += 1;
        chars -= 1;
    }
    while end > start && bytes[end - 1] == b'&' {
        end -= 1;
        chars -= 1;
    }
    if start < end {
        emit(Token {
            start,
            end,
            char_start,
            chars,
        });
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
    /// The word's fuzzy score against itself; fuzzy matches must reach
    /// `FUZZY_FLOOR` of it. `None` when the word is too short to match fuzzily.
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
                let word = &folded[t.start..t.end];
                let (text, chars) = match word.char_indices().nth(MAX_QUERY_WORD_CHARS) {
                    Some((cut, _)) => (word[..cut].to_string(), MAX_QUERY_WORD_CHARS),
                    None => (word.to_string(), t.chars),
                };
                let self_score = if chars >= 3 {
                    matcher.fuzzy_match(&text, &text)
                } else {
                    None
                };
                QueryWord {
                    infix: chars >= 3 || !text.is_ascii(),
                    chars,
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
    if own <= 0 || score.saturating_mul(FUZZY_FLOOR.1) < own.saturating_mul(FUZZY_FLOOR.0) {
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

/// `Unit::sentence` of a unit that is not a sentence.
const NO_SENTENCE: u32 = u32::MAX;

/// One searchable piece of text. Offsets are u32 to keep 100k+ units small;
/// a shard stops indexing before any of them would overflow.
#[derive(Debug, Clone, Copy)]
struct Unit {
    /// Index of the document in the slice the whole index was built from.
    document: u32,
    id: u32,
    sentence: u32,
    /// Byte range of the text in `Shard::text`.
    text: (u32, u32),
    chars: u32,
    /// Range in `Shard::tokens`.
    tokens: (u32, u32),
    kind: HitKind,
}

impl Unit {
    fn token_range(&self) -> std::ops::Range<usize> {
        self.tokens.0 as usize..self.tokens.1 as usize
    }
}

/// Per-unit state while scoring one query.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    unit: u32,
    nonfuzzy: u32,
    tier_sum: u32,
    quality_sum: u32,
    /// Earliest word position (in tokens, saturated) at which any query word matched.
    position: u8,
    /// Every word but the last matched exactly and the last at least by
    /// prefix: only then can the query stand in the unit as a phrase.
    phrase_possible: bool,
}

impl Candidate {
    fn new(unit: u32) -> Candidate {
        Candidate {
            unit,
            nonfuzzy: 0,
            tier_sum: 0,
            quality_sum: 0,
            position: u8::MAX,
            phrase_possible: true,
        }
    }
}

/// Per-unit scratch for one query word, valid when `stamp` equals the word's
/// stamp (saves clearing a units-long array between words).
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    stamp: u32,
    best: u16,
    position: u8,
}

/// Token positions beyond 255 only count as "late" in the score, so postings
/// keep one byte.
fn position8(pos: usize) -> u8 {
    u8::try_from(pos).unwrap_or(u8::MAX)
}

/// A vocabulary match of one query word in one shard: the matched word ids
/// (ascending) with packed scores, the exact word's id and the prefix id range.
#[derive(Debug)]
struct WordMatches {
    ids: Vec<(u32, u16)>,
    exact: Option<u32>,
    prefix: (u32, u32),
    postings: usize,
}

impl WordMatches {
    /// Every word id matched here is also matched in `wider`.
    fn is_within(&self, wider: &WordMatches) -> bool {
        let mut outer = wider.ids.iter().map(|&(id, _)| id);
        self.ids
            .iter()
            .all(|&(id, _)| outer.by_ref().any(|other| other == id))
    }
}

/// How many query words' vocabulary matches `WordCache` keeps per shard.
const WORD_CACHE_SIZE: usize = 128;

#[derive(Default)]
struct WordCache {
    map: HashMap<String, Arc<WordMatches>>,
    /// Insertion order, oldest first, for eviction.
    order: VecDeque<String>,
}

/// For a one-shot search over many statements: tells from a statement's
/// cleaned text (`parse::clean`) whether its parsed document could hold any
/// hit for the query, so statements that cannot are not parsed at all.
///
/// It never rules out a document with a hit, given what the parser
/// promises: sentences, commitments and entity names are pieces of the
/// paragraphs, paragraphs are the cleaned lines with only whitespace
/// changed, and theme names come from the taxonomy (given here). So every
/// word of a searchable unit is a piece of a word of the cleaned text or of
/// a theme name. A query word can match such a piece only if it stands in
/// the word (exact, prefix, infix) or its letters do, in order (fuzzy); the
/// filter asks just that of the whole text, for every query word.
pub struct Prefilter {
    words: Vec<QueryWord>,
    /// Query words some theme name may match: every document has them.
    in_themes: Vec<bool>,
}

impl Prefilter {
    pub fn new<'a>(query: &str, theme_names: impl IntoIterator<Item = &'a str>) -> Prefilter {
        let matcher = SkimMatcherV2::default().ignore_case();
        let words = Query::parse(query, &matcher).words;
        let mut in_themes = vec![false; words.len()];
        let mut folded = String::new();
        for name in theme_names {
            fold_into(name, &mut folded);
            for (w, seen) in words.iter().zip(in_themes.iter_mut()) {
                *seen |= may_hold(&folded, w);
            }
        }
        Prefilter { words, in_themes }
    }

    /// False only when no unit of the document parsed from `cleaned` can
    /// match the query. An empty query matches nothing.
    pub fn may_match(&self, cleaned: &str) -> bool {
        if self.words.is_empty() {
            return false;
        }
        let mut folded = String::new();
        fold_into(cleaned, &mut folded);
        self.words
            .iter()
            .zip(&self.in_themes)
            .all(|(w, &seen)| seen || may_hold(&folded, w))
    }
}

/// Could a piece of some word of `folded` text match query word `w`?
fn may_hold(folded: &str, w: &QueryWord) -> bool {
    if folded.contains(w.text.as_str()) {
        return true;
    }
    if w.self_score.is_none() {
        return false;
    }
    let mut found = false;
    scan_words(folded, |t| {
        found = found || is_subsequence(&w.text, &folded[t.start..t.end]);
    });
    found
}

/// Sources of `SearchIndex::id`, so a `Session` can tell indexes apart.
static NEXT_INDEX_ID: AtomicU64 = AtomicU64::new(1);

/// Below this much text per shard, splitting costs more than it saves.
const MIN_SHARD_BYTES: usize = 256 * 1024;

pub struct SearchIndex {
    /// Consecutive runs of documents, in document order; shared with the
    /// indexes `extended` makes.
    shards: Vec<Arc<Shard>>,
    matcher: SkimMatcherV2,
    units: usize,
    id: u64,
}

/// The index of a run of consecutive documents, built on its own (for
/// instance right after they are parsed, so they can be dropped before the
/// rest are read) and joined with others by `SearchIndex::from_parts`.
pub struct IndexPart {
    first_document: usize,
    shard: Shard,
}

impl IndexPart {
    /// Index `docs`, which are documents `first_document..` of the whole
    /// collection (the numbers `Hit::document` will carry).
    pub fn new(docs: &[Document], first_document: usize) -> IndexPart {
        IndexPart {
            first_document,
            shard: Shard::build(docs, first_document),
        }
    }

    /// Number of searchable units in this part.
    pub fn len(&self) -> usize {
        self.shard.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shard.units.is_empty()
    }
}

/// Remembers the last query of `SearchIndex::search_within` and the units it
/// matched, so the next keystroke can narrow them instead of starting over.
#[derive(Debug, Default)]
pub struct Session {
    /// `SearchIndex::id` of the index the state belongs to; 0 for none.
    index: u64,
    /// Per shard: the last query's word matches and every unit that matched.
    shards: Vec<ShardState>,
    /// Shards the last search narrowed from the previous candidates (for tests).
    narrowed: usize,
}

#[derive(Debug, Default)]
struct ShardState {
    matches: Vec<Arc<WordMatches>>,
    /// Every unit that matched, in no particular order.
    candidates: Vec<u32>,
}

impl Session {
    pub fn new() -> Session {
        Session::default()
    }

    /// Forget the last query: the next search starts from scratch.
    pub fn reset(&mut self) {
        self.index = 0;
        self.shards.clear();
        self.narrowed = 0;
    }
}

impl SearchIndex {
    pub fn new(docs: &[Document]) -> SearchIndex {
        let bytes: usize = docs.iter().map(doc_weight).sum();
        let shards = rayon::current_num_threads()
            .min(bytes / MIN_SHARD_BYTES)
            .max(1);
        SearchIndex::with_shards(docs, shards)
    }

    /// Join separately built parts into one index. Parts that cover the
    /// documents in runs, in any order, give the same hits as `new` over all
    /// of them. Each part is searched on its own (in parallel), so a few
    /// large parts search faster than many small ones: a few hundred kB of
    /// text per part is a good size.
    pub fn from_parts(mut parts: Vec<IndexPart>) -> SearchIndex {
        // Ties between hits fall back to part order, so keep document order.
        parts.sort_by_key(|p| p.first_document);
        SearchIndex::of_shards(parts.into_iter().map(|p| Arc::new(p.shard)).collect())
    }

    /// This index with `more` added after its documents, sharing what is
    /// already built: for indexing documents as they arrive without building
    /// the earlier ones again. `more` should start where this index's
    /// documents end; its hits rank after equal hits of this index.
    pub fn extended(&self, more: IndexPart) -> SearchIndex {
        let mut shards = self.shards.clone();
        shards.push(Arc::new(more.shard));
        SearchIndex::of_shards(shards)
    }

    fn of_shards(shards: Vec<Arc<Shard>>) -> SearchIndex {
        SearchIndex {
            units: shards.iter().map(|s| s.units.len()).sum(),
            shards,
            matcher: SkimMatcherV2::default().ignore_case(),
            id: NEXT_INDEX_ID.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// The index split into (at most) `shards` parts of about equal text.
    fn with_shards(docs: &[Document], shards: usize) -> SearchIndex {
        let ranges = split_evenly(docs, shards);
        let part = |r: std::ops::Range<usize>| IndexPart::new(&docs[r.clone()], r.start);
        // One part needs no thread pool (a single statement, most tests).
        let parts: Vec<IndexPart> = if ranges.len() == 1 {
            ranges.into_iter().map(part).collect()
        } else {
            ranges.into_par_iter().map(part).collect()
        };
        SearchIndex::from_parts(parts)
    }

    /// Number of searchable units (commitments, sentences, themes, entities).
    pub fn len(&self) -> usize {
        self.units
    }

    pub fn is_empty(&self) -> bool {
        self.units == 0
    }

    /// Best hits first, at most `limit`. An empty or blank query gives no hits.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let q = Query::parse(query, &self.matcher);
        let mut hits = self.ranked(&q, limit, None);
        for h in &mut hits {
            h.matches = highlight(&h.text, &q, &self.matcher);
        }
        hits
    }

    /// As `search`, but every hit's `matches` is left empty, so a caller can
    /// highlight only the hits it shows (see `positions` and `highlight`).
    pub fn search_unhighlighted(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.ranked(&Query::parse(query, &self.matcher), limit, None)
    }

    /// As `search_unhighlighted`, with the same hits, but reusing the work of
    /// the session's previous query: when every word of `query` can only
    /// match words the previous query's words matched (the usual case while a
    /// query is typed letter by letter, or a word is added), only the units
    /// the previous query matched are examined. Otherwise it searches afresh.
    /// Either way the session then remembers `query`.
    pub fn search_within(&self, session: &mut Session, query: &str, limit: usize) -> Vec<Hit> {
        if session.index != self.id || session.shards.len() != self.shards.len() {
            session.reset();
            session.index = self.id;
            session.shards = self.shards.iter().map(|_| ShardState::default()).collect();
        }
        self.ranked(&Query::parse(query, &self.matcher), limit, Some(session))
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

    /// Forget the cached vocabulary matches of earlier query words, so the
    /// next search costs what a first one does (for benchmarks).
    pub fn clear_cache(&self) {
        for s in &self.shards {
            let mut cache = s.cache.lock().unwrap_or_else(|e| e.into_inner());
            cache.map.clear();
            cache.order.clear();
        }
    }

    fn ranked(&self, q: &Query, limit: usize, session: Option<&mut Session>) -> Vec<Hit> {
        let empty = q.words.is_empty() || limit == 0;
        let mut session = session;
        if empty {
            if let Some(s) = session.as_deref_mut() {
                s.shards
                    .iter_mut()
                    .for_each(|st| *st = ShardState::default());
                s.narrowed = 0;
            }
            return Vec::new();
        }
        let keep = session.is_some();
        let mut states: Vec<Option<&mut ShardState>> = match session.as_deref_mut() {
            Some(s) => s.shards.iter_mut().map(Some).collect(),
            None => self.shards.iter().map(|_| None).collect(),
        };
        let run = |(shard, state): (&Arc<Shard>, &mut Option<&mut ShardState>)| {
            let within = state
                .as_deref()
                .filter(|st| shard.narrows(q, &self.matcher, st))
                .map(|st| st.candidates.as_slice());
            let narrowed = within.is_some();
            let r = shard.ranked_with(q, &self.matcher, limit, within, keep, true);
            if let Some(st) = state.as_deref_mut() {
                st.matches = r.matches;
                st.candidates = r.candidates;
            }
            (r.top, narrowed)
        };
        let results: Vec<(Vec<(i64, u32)>, bool)> = match search_pool() {
            Some(pool) if self.shards.len() > 1 => pool.install(|| {
                self.shards
                    .par_iter()
                    .zip(states.par_iter_mut())
                    .map(run)
                    .collect()
            }),
            _ => self.shards.iter().zip(states.iter_mut()).map(run).collect(),
        };
        if let Some(s) = session {
            s.narrowed = results.iter().filter(|r| r.1).count();
        }
        // Shards hold consecutive documents, so (shard, unit) is index order.
        let mut all: Vec<(i64, usize, u32)> = results
            .iter()
            .enumerate()
            .flat_map(|(si, (top, _))| top.iter().map(move |&(score, u)| (score, si, u)))
            .collect();
        let better = |a: &(i64, usize, u32), b: &(i64, usize, u32)| {
            b.0.cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2)))
        };
        if all.len() > limit {
            all.select_nth_unstable_by(limit - 1, better);
            all.truncate(limit);
        }
        all.sort_unstable_by(better);
        all.into_iter()
            .map(|(score, si, u)| self.shards[si].hit(u, score))
            .collect()
    }
}

/// The threads that search shards in parallel: a pool of their own, so a
/// keystroke never queues behind an index being built on rayon's global pool
/// (as the explorer does while statements load). `None` if it cannot be
/// started; shards are then searched one after another.
fn search_pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("deltascope-search-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}

/// Text weight of a document, for splitting work evenly.
fn doc_weight(d: &Document) -> usize {
    d.paragraphs.all_text().len() + 64
}

/// Split `docs` into at most `parts` consecutive ranges of about equal weight.
fn split_evenly(docs: &[Document], parts: usize) -> Vec<std::ops::Range<usize>> {
    let parts = parts.clamp(1, docs.len().max(1));
    let total: usize = docs.iter().map(doc_weight).sum();
    let mut out = Vec::with_capacity(parts);
    let (mut start, mut acc) = (0, 0);
    for (i, d) in docs.iter().enumerate() {
        acc += doc_weight(d);
        // Close a part once it reaches its share of the running total, or
        // when each part still to come needs one of the documents left.
        let closed = out.len() + 1;
        if closed < parts
            && (acc * parts >= total * closed || docs.len() - (i + 1) == parts - closed)
        {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < docs.len() || out.is_empty() {
        out.push(start..docs.len());
    }
    out
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

/// Counts here are capped at `u32::MAX` by `ShardBuilder`.
fn id32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// What one shard's ranking returns.
struct Ranked {
    /// Best `limit` units, best first.
    top: Vec<(i64, u32)>,
    /// The query words' vocabulary matches (empty if the query matched nothing).
    matches: Vec<Arc<WordMatches>>,
    /// Every unit that matched, in no particular order, when asked for.
    candidates: Vec<u32>,
}

/// The index of a run of consecutive documents.
struct Shard {
    units: Vec<Unit>,
    /// Unit texts: each paragraph once (sentences and commitments are ranges
    /// of it), then texts that stand alone (names, stray commitments).
    text: String,
    /// Word ids of the text's tokens; a unit's tokens are one range of it.
    tokens: Vec<u32>,
    /// Vocabulary in sorted order: word `i` is `words[word_start[i]..word_start[i + 1]]`.
    words: String,
    word_start: Vec<u32>,
    word_chars: Vec<u32>,
    /// Postings of word `i` are entries `post_start[i]..post_start[i + 1]` of
    /// `post_unit` (ascending unit indices) and `post_pos` (first token
    /// position of the word in that unit, saturated).
    post_start: Vec<usize>,
    post_unit: Vec<u32>,
    post_pos: Vec<u8>,
    /// Vocabulary matches of recent query words: while a query is typed only
    /// its last word changes, so the others come from here.
    cache: Mutex<WordCache>,
}

impl Shard {
    fn build(docs: &[Document], first_document: usize) -> Shard {
        ShardBuilder::new(docs, first_document).finish()
    }

    fn word(&self, id: usize) -> &str {
        &self.words[self.word_start[id] as usize..self.word_start[id + 1] as usize]
    }

    fn vocab_len(&self) -> usize {
        self.word_chars.len()
    }

    fn postings(&self, id: u32) -> (&[u32], &[u8]) {
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

    fn match_word_cached(&self, q: &QueryWord, matcher: &SkimMatcherV2) -> Arc<WordMatches> {
        // A poisoned lock only means another search panicked mid-update of a
        // cache entry; the map itself is still consistent.
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(m) = cache.map.get(&q.text) {
            return Arc::clone(m);
        }
        let m = Arc::new(self.match_word(q, matcher));
        if cache.order.len() >= WORD_CACHE_SIZE
            && let Some(old) = cache.order.pop_front()
        {
            cache.map.remove(&old);
        }
        cache.order.push_back(q.text.clone());
        cache.map.insert(q.text.clone(), Arc::clone(&m));
        m
    }

    fn match_word(&self, q: &QueryWord, matcher: &SkimMatcherV2) -> WordMatches {
        let (lo, hi) = self.prefix_range(&q.text);
        let mut ids: Vec<(u32, u16)> = Vec::new();
        let mut exact = None;
        let mut relate_id = |id: u32, ids: &mut Vec<(u32, u16)>| {
            let word = self.word(id as usize);
            let r = relate(word, self.word_chars[id as usize] as usize, q, matcher);
            if tier(r) == EXACT {
                exact = Some(id);
            }
            if r > 0 {
                ids.push((id, r));
            }
        };
        if q.infix || q.self_score.is_some() {
            // Infix and fuzzy matches can be anywhere in the vocabulary.
            for id in 0..lo {
                if self.word(id as usize).len() > q.text.len() {
                    relate_id(id, &mut ids);
                }
            }
        }
        for id in lo..hi {
            relate_id(id, &mut ids);
        }
        if q.infix || q.self_score.is_some() {
            for id in hi..id32(self.vocab_len()) {
                if self.word(id as usize).len() > q.text.len() {
                    relate_id(id, &mut ids);
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

    /// Can `q` match only units the session's last query matched here? True
    /// when `q` has every earlier word (and perhaps more) and each of those
    /// words matches a subset of the vocabulary the earlier one matched.
    fn narrows(&self, q: &Query, matcher: &SkimMatcherV2, state: &ShardState) -> bool {
        if state.matches.is_empty() || q.words.len() < state.matches.len() {
            return false;
        }
        q.words
            .iter()
            .zip(&state.matches)
            .all(|(w, old)| self.match_word_cached(w, matcher).is_within(old))
    }

    /// Score and select the top `limit` units. `within`: only these units
    /// can match, so start from them. `keep`: also return every
    /// matching unit. `allow_scan: false` forces the posting-list path for
    /// every word, so tests can check both paths agree.
    fn ranked_with(
        &self,
        q: &Query,
        matcher: &SkimMatcherV2,
        limit: usize,
        within: Option<&[u32]>,
        keep: bool,
        allow_scan: bool,
    ) -> Ranked {
        let mut out = Ranked {
            top: Vec::new(),
            matches: Vec::new(),
            candidates: Vec::new(),
        };
        if q.words.is_empty() || limit == 0 || self.units.is_empty() {
            return out;
        }
        let matches: Vec<Arc<WordMatches>> = q
            .words
            .iter()
            .map(|w| self.match_word_cached(w, matcher))
            .collect();
        if matches.iter().any(|m| m.ids.is_empty()) {
            out.matches = matches;
            return out;
        }
        // Rarest word first: it bounds the candidate set the others filter.
        let mut order: Vec<usize> = (0..matches.len()).collect();
        order.sort_by_key(|&i| (matches[i].postings, i));

        let n = q.words.len();
        let last = n - 1;
        let mut slots = vec![Slot::default(); self.units.len()];
        // Word id -> packed score of the current word, for the token-scan path.
        let mut lookup: Vec<u16> = Vec::new();
        let mut candidates: Vec<Candidate> = within
            .map(|units| units.iter().map(|&u| Candidate::new(u)).collect())
            .unwrap_or_default();
        let seeded = within.is_some();
        for (step, &wi) in order.iter().enumerate() {
            if seeded && candidates.is_empty() {
                break;
            }
            let stamp = id32(step + 1);
            let m = &matches[wi];
            let filtering = step > 0 || seeded;
            let scan_cost: usize = candidates
                .iter()
                .map(|c| self.units[c.unit as usize].token_range().len())
                .sum();
            if allow_scan && filtering && scan_cost < m.postings {
                // Few candidates left: reading their words is cheaper than
                // walking this word's (long) posting lists.
                if lookup.is_empty() {
                    lookup = vec![0; self.vocab_len()];
                }
                for &(id, packed) in &m.ids {
                    lookup[id as usize] = packed;
                }
                for c in &candidates {
                    let range = self.units[c.unit as usize].token_range();
                    let mut slot = Slot {
                        stamp,
                        best: 0,
                        position: u8::MAX,
                    };
                    for (pos, &w) in self.tokens[range].iter().enumerate() {
                        let packed = lookup[w as usize];
                        if packed > 0 {
                            slot.best = slot.best.max(packed);
                            slot.position = slot.position.min(position8(pos));
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
                        if !filtering {
                            candidates.push(Candidate::new(u));
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
                break;
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
        if keep {
            out.candidates = candidates.iter().map(|c| c.unit).collect();
        }
        out.matches = matches;
        // Best score first; equal scores in index order (document order).
        let better = |a: &(i64, u32), b: &(i64, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if scored.len() > limit {
            scored.select_nth_unstable_by(limit - 1, better);
            scored.truncate(limit);
        }
        scored.sort_unstable_by(better);
        out.top = scored;
        out
    }

    /// Does the unit hold the query words consecutively: the exact words
    /// `firsts`, then a word in the id range `last` (the last query word, which
    /// may still be being typed)?
    fn holds_phrase(&self, unit: u32, firsts: &[u32], last: (u32, u32)) -> bool {
        let toks = &self.tokens[self.units[unit as usize].token_range()];
        let len = firsts.len() + 1;
        toks.windows(len)
            .any(|w| w[..firsts.len()] == *firsts && (last.0..last.1).contains(&w[firsts.len()]))
    }

    /// Pack the ranking into one integer, most significant first: words that
    /// matched without fuzzing, whole query as a phrase, tier sum, match
    /// quality, kind, shortness, earliest match position. It reads only the
    /// unit and the query, never other units, so shards agree with one index.
    fn score(&self, c: &Candidate, phrase: bool) -> i64 {
        let u = &self.units[c.unit as usize];
        let shortness = 0xffff - i64::from(u.chars.min(0xffff));
        let early = 0xff - i64::from(c.position);
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
            document: u.document as usize,
            kind: u.kind,
            id: u.id as usize,
            sentence: (u.sentence != NO_SENTENCE).then_some(u.sentence as usize),
            score,
            text: self.text[u.text.0 as usize..u.text.1 as usize].to_string(),
            matches: Vec::new(),
        }
    }
}

/// A shard's text stops growing at this size, which keeps every offset and
/// posting count well inside u32.
const MAX_SHARD_TEXT: usize = 1 << 30;

// Vocabulary keys are short: SipHash would cost more than the rest of a
// look-up on the build's hottest loop.
type FastMap<K> = foldhash::HashMap<K, u32>;

/// Word -> id in order of first appearance. Most words fit in 15 bytes and
/// are keyed by their bytes and length packed in a u128, which hashes and
/// compares without touching memory elsewhere.
struct Interner {
    short: FastMap<u128>,
    long: FastMap<Box<str>>,
    /// Every word, by id.
    words: Vec<Box<str>>,
}

impl Interner {
    fn new() -> Interner {
        Interner {
            short: FastMap::with_capacity_and_hasher(1 << 12, Default::default()),
            long: FastMap::default(),
            words: Vec::new(),
        }
    }

    fn id(&mut self, word: &str) -> u32 {
        let next = id32(self.words.len());
        let id = if word.len() < 16 {
            let mut key = [0u8; 16];
            key[..word.len()].copy_from_slice(word.as_bytes());
            // The length byte tells `a` from `a\0`.
            key[15] = word.len() as u8;
            *self.short.entry(u128::from_le_bytes(key)).or_insert(next)
        } else {
            match self.long.get(word) {
                Some(&id) => id,
                None => {
                    self.long.insert(word.into(), next);
                    next
                }
            }
        };
        if id == next {
            self.words.push(word.into());
        }
        id
    }
}

/// A unit whose token range is not known yet: until `finish` sets the
/// range, `tokens.0` holds the segment its text lies in. The units are built
/// in place, so that a shard of millions of sentences does not hold two
/// lists of them at once.
type Pending = Unit;

/// Builds a shard: copy the unit texts (each paragraph once), tokenize each
/// paragraph once (a sentence or commitment is a
/// range of its paragraph's tokens), intern words, then sort the vocabulary
/// and lay out posting lists.
struct ShardBuilder {
    text: String,
    /// Byte ranges of `text` that are tokenized on their own: paragraphs and
    /// stand-alone texts.
    segments: Vec<(u32, u32)>,
    pending: Vec<Pending>,
    /// Per document: its segments and its pending units.
    docs: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)>,
}

impl ShardBuilder {
    fn new(docs: &[Document], first_document: usize) -> ShardBuilder {
        let bytes: usize = docs
            .iter()
            .map(|d| {
                doc_weight(d)
                    + d.themes.iter().map(|t| t.name.len()).sum::<usize>()
                    + d.entities.iter().map(|e| e.name.len()).sum::<usize>()
            })
            .sum();
        let units: usize = docs
            .iter()
            .map(|d| {
                d.commitments.len()
                    + d.iter_paragraphs()
                        .map(|p| p.sentences.len())
                        .sum::<usize>()
                    + d.themes.len()
                    + d.entities.len()
            })
            .sum();
        let mut b = ShardBuilder {
            text: String::with_capacity(bytes.min(MAX_SHARD_TEXT)),
            segments: Vec::new(),
            pending: Vec::with_capacity(units),
            docs: Vec::with_capacity(docs.len()),
        };
        for (i, doc) in docs.iter().enumerate() {
            let Ok(document) = u32::try_from(first_document + i) else {
                break;
            };
            let (segments, units) = (b.segments.len(), b.pending.len());
            let complete = b.add_document(doc, document);
            b.docs
                .push((segments..b.segments.len(), units..b.pending.len()));
            if !complete {
                break;
            }
        }
        b
    }

    /// A new segment holding `text`, or `None` when the shard is full.
    fn segment(&mut self, text: &str) -> Option<u32> {
        if self.text.len() + text.len() > MAX_SHARD_TEXT || self.segments.len() >= u32::MAX as usize
        {
            return None;
        }
        let start = id32(self.text.len());
        self.text.push_str(text);
        self.segments.push((start, id32(self.text.len())));
        Some(id32(self.segments.len() - 1))
    }

    fn unit(
        &mut self,
        document: u32,
        kind: HitKind,
        id: usize,
        sentence: Option<usize>,
        segment: u32,
        range: (u32, u32),
    ) {
        let sentence = sentence.map_or(Some(NO_SENTENCE), |s| u32::try_from(s).ok());
        let (Ok(id), Some(sentence)) = (u32::try_from(id), sentence) else {
            // An id beyond u32 is no real document; leave that unit out.
            return;
        };
        if self.pending.len() >= u32::MAX as usize - 1 {
            return;
        }
        let text = &self.text[range.0 as usize..range.1 as usize];
        self.pending.push(Unit {
            document,
            id,
            sentence,
            text: range,
            chars: id32(text.chars().count()),
            tokens: (segment, 0),
            kind,
        });
    }

    /// Units in index order: commitments, sentences, themes, entities.
    /// False when the shard filled up.
    fn add_document(&mut self, doc: &Document, document: u32) -> bool {
        let mut paragraphs = Vec::with_capacity(doc.paragraphs.len());
        for p in doc.iter_paragraphs() {
            match self.segment(p.text) {
                Some(s) => paragraphs.push(s),
                None => return false,
            }
        }
        for c in &doc.commitments {
            // A commitment is normally a span of its paragraph; if the parser
            // says otherwise, index its text on its own.
            let in_paragraph = c.paragraph.checked_sub(1).and_then(|i| {
                let seg = *paragraphs.get(i)?;
                let text = doc.paragraphs.text(i)?;
                (text.get(c.span.start..c.span.end)? == c.text).then_some(seg)
            });
            let (segment, range) = match in_paragraph {
                Some(seg) => {
                    let base = self.segments[seg as usize].0;
                    (seg, (base + id32(c.span.start), base + id32(c.span.end)))
                }
                None => match self.segment(&c.text) {
                    Some(seg) => (seg, self.segments[seg as usize]),
                    None => return false,
                },
            };
            self.unit(document, HitKind::Commitment, c.id, None, segment, range);
        }
        for (p, &seg) in doc.iter_paragraphs().zip(&paragraphs) {
            let base = self.segments[seg as usize].0;
            for (si, s) in p.sentences.iter().enumerate() {
                // A span that does not fall on char boundaries is a parser
                // defect; skip the sentence rather than panic.
                if p.text.get(s.start..s.end).is_some() {
                    let range = (base + id32(s.start), base + id32(s.end));
                    self.unit(document, HitKind::Sentence, p.id, Some(si), seg, range);
                }
            }
        }
        for (i, t) in doc.themes.iter().enumerate() {
            let Some(seg) = self.segment(&t.name) else {
                return false;
            };
            self.unit(
                document,
                HitKind::Theme,
                i + 1,
                None,
                seg,
                self.segments[seg as usize],
            );
        }
        for (i, e) in doc.entities.iter().enumerate() {
            let Some(seg) = self.segment(&e.name) else {
                return false;
            };
            self.unit(
                document,
                HitKind::Entity,
                i + 1,
                None,
                seg,
                self.segments[seg as usize],
            );
        }
        true
    }

    fn finish(mut self) -> Shard {
        let mut units = std::mem::take(&mut self.pending);
        let text = &self.text;
        let mut vocab = Interner::new();
        let mut tokens: Vec<u32> = Vec::with_capacity(text.len() / 6);
        let mut seg_tokens = vec![(0u32, 0u32); self.segments.len()];
        // Byte offsets (in `text`) where the current document's tokens
        // start, parallel to its stretch of `tokens`.
        let mut starts: Vec<u32> = Vec::new();
        let mut fold_buf = String::new();
        for (segs, pend) in &self.docs {
            let doc_base = tokens.len();
            starts.clear();
            for si in segs.clone() {
                let (a, b) = self.segments[si];
                let seg_text = &text[a as usize..b as usize];
                let first = id32(tokens.len());
                scan_words(seg_text, |t| {
                    let word = fold_word(&seg_text[t.start..t.end], &mut fold_buf);
                    tokens.push(vocab.id(word));
                    starts.push(a + id32(t.start));
                });
                seg_tokens[si] = (first, id32(tokens.len()));
            }
            for unit in &mut units[pend.clone()] {
                let segment = unit.tokens.0 as usize;
                let seg = self.segments[segment];
                let (first, end) = seg_tokens[segment];
                unit.tokens = if unit.text == seg {
                    (first, end)
                } else if on_word_boundary(text, unit.text.0) && on_word_boundary(text, unit.text.1)
                {
                    // Every word of the paragraph lies wholly inside or
                    // outside the range: take the ones inside.
                    let local = &starts[first as usize - doc_base..end as usize - doc_base];
                    let lo = local.partition_point(|&s| s < unit.text.0);
                    let hi = local.partition_point(|&s| s < unit.text.1);
                    (first + id32(lo), first + id32(hi))
                } else {
                    // The range cuts through a word: its first or last word
                    // differs from the paragraph's, so tokenize it alone.
                    let own = &text[unit.text.0 as usize..unit.text.1 as usize];
                    let first = id32(tokens.len());
                    scan_words(own, |t| {
                        let word = fold_word(&own[t.start..t.end], &mut fold_buf);
                        tokens.push(vocab.id(word));
                    });
                    (first, id32(tokens.len()))
                };
            }
        }

        // Renumber words in sorted order so a prefix is an id range.
        let mut sorted: Vec<(Box<str>, u32)> = vocab
            .words
            .into_iter()
            .enumerate()
            .map(|(id, w)| (w, id32(id)))
            .collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut remap = vec![0u32; sorted.len()];
        let mut words = String::with_capacity(sorted.iter().map(|w| w.0.len()).sum());
        let mut word_start = Vec::with_capacity(sorted.len() + 1);
        let mut word_chars = Vec::with_capacity(sorted.len());
        for (new, (w, old)) in sorted.iter().enumerate() {
            remap[*old as usize] = id32(new);
            word_start.push(id32(words.len()));
            words.push_str(w);
            word_chars.push(id32(w.chars().count()));
        }
        word_start.push(id32(words.len()));
        for t in &mut tokens {
            *t = remap[*t as usize];
        }
        drop(sorted);

        // Postings: count distinct units per word, then fill in unit order.
        let nwords = word_chars.len();
        let mut last_seen = vec![u32::MAX; nwords];
        let mut counts = vec![0usize; nwords];
        for (ui, u) in units.iter().enumerate() {
            for &w in &tokens[u.token_range()] {
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
        let mut fill = counts;
        fill.copy_from_slice(&post_start[..nwords]);
        let mut post_unit = vec![0u32; total];
        let mut post_pos = vec![0u8; total];
        last_seen.fill(u32::MAX);
        for (ui, u) in units.iter().enumerate() {
            for (pos, &w) in tokens[u.token_range()].iter().enumerate() {
                let w = w as usize;
                if last_seen[w] != id32(ui) {
                    last_seen[w] = id32(ui);
                    post_unit[fill[w]] = id32(ui);
                    post_pos[fill[w]] = position8(pos);
                    fill[w] += 1;
                }
            }
        }
        let mut text = self.text;
        text.shrink_to_fit();
        tokens.shrink_to_fit();
        Shard {
            units,
            text,
            tokens,
            words,
            word_start,
            word_chars,
            post_start,
            post_unit,
            post_pos,
            cache: Mutex::new(WordCache::default()),
        }
    }
}

/// Is byte offset `at` of `text` outside any run of word chars (so a range
/// starting or ending there has the same words as the text around it)?
fn on_word_boundary(text: &str, at: u32) -> bool {
    let at = at as usize;
    let before = text.get(..at).and_then(|t| t.chars().next_back());
    let after = text.get(at..).and_then(|t| t.chars().next());
    !(before.is_some_and(is_word_char) && after.is_some_and(is_word_char))
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Commitment, Entity, EntityKind, Paragraphs, Span, ThemeLists, ThemeSummary,
    };

    /// A document from plain strings: paragraphs as lists of sentences (joined
    /// by a space), commitments as `(paragraph id, text found in it)`.
    fn doc(
        paragraphs: &[&[&str]],
        commitments: &[(usize, &str)],
        themes: &[&str],
        entities: &[&str],
    ) -> Document {
        let mut paras = Paragraphs::default();
        let mut lists = ThemeLists::default();
        for (i, sentences) in paragraphs.iter().enumerate() {
            let text = sentences.join(" ");
            let mut from = 0;
            let spans: Vec<Span> = sentences
                .iter()
                .map(|s| {
                    let start = from + text[from..].find(s).unwrap();
                    from = start + s.len();
                    Span::new(start, from)
                })
                .collect();
            paras.push(&text, spans);
            paras.set_themes(i, vec!["t".into()], &mut lists);
        }
        let commitments = commitments
            .iter()
            .enumerate()
            .map(|(i, &(pid, text))| {
                let ptext = paras.text(pid - 1).unwrap();
                let start = ptext.find(text).unwrap();
                let span = Span::new(start, start + text.len());
                let sentence = paras
                    .sentences(pid - 1)
                    .unwrap()
                    .iter()
                    .position(|s| s.contains(span))
                    .unwrap();
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
    fn a_long_query_word_is_cut_and_still_finds_the_word_it_starts() {
        let latin = "x".repeat(300);
        let cjk = "长".repeat(300);
        let d = doc(
            &[&[&format!("The plan names {latin} and {cjk} once.")]],
            &[],
            &[],
            &[],
        );
        let idx = SearchIndex::new(&[d]);
        // Scoring a word costs the square of its length: the cap bounds it.
        for (word, fill) in [("a".repeat(1000), 'a'), ("发".repeat(1000), '发')] {
            let q = Query::parse(&word, &idx.matcher);
            assert_eq!(q.words.len(), 1);
            assert_eq!(q.words[0].chars, MAX_QUERY_WORD_CHARS);
            assert_eq!(
                q.words[0].text,
                fill.to_string().repeat(MAX_QUERY_WORD_CHARS)
            );
        }
        // Words longer than the cap still find themselves, and are marked.
        for word in [&latin, &cjk] {
            let hits = idx.search(word, 5);
            assert_eq!(hits.len(), 1, "{hits:?}");
            hits.iter().for_each(assert_positions_valid);
            let head: String = word.chars().take(MAX_QUERY_WORD_CHARS).collect();
            assert!(marked(&hits[0]).starts_with(&head), "{hits:?}");
        }
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
            let shard = &idx.shards[0];
            let scan = shard.ranked_with(&parsed, &idx.matcher, 1000, None, false, true);
            let walk = shard.ranked_with(&parsed, &idx.matcher, 1000, None, false, false);
            assert_eq!(scan.top, walk.top, "{q}");
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

    /// Statements of the benchmark corpus and the embedded one, parsed by
    /// the real parser.
    fn corpus(n: usize) -> Vec<Document> {
        let tax = crate::taxonomy::Taxonomy::embedded();
        let mut docs: Vec<Document> = (0..n)
            .map(|i| crate::parse::parse(&crate::corpus::generate(i), Some("x"), &tax))
            .collect();
        docs.push(crate::parse::embedded(&tax));
        docs
    }

    /// Every prefix of `text`, as typed.
    fn typing(text: &str) -> Vec<&str> {
        (1..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .map(|i| &text[..i])
            .collect()
    }

    const QUERIES: &[&str] = &[
        "t",
        "ta",
        "taihu",
        "Taihu Lake",
        "g",
        "g60",
        "G60 corridor",
        "medical insurance",
        "medcal insurance",
        "the",
        "of the",
        "lake taihu",
        "integrated development of the",
        "pro co re",
        "长江",
        "r&d",
        "5g",
        "zzzz",
    ];

    #[test]
    fn shards_give_the_same_hits_as_one_index() {
        let docs = corpus(24);
        let one = SearchIndex::with_shards(&docs, 1);
        assert_eq!(one.shards.len(), 1);
        // The corpus repeats paragraphs, so many hits tie across shards and
        // only document order can break the ties.
        let hits = one.search("taihu", 100);
        assert!(hits.windows(2).any(|w| w[0].score == w[1].score));
        for n in [2, 3, 7] {
            let many = SearchIndex::with_shards(&docs, n);
            assert_eq!(many.shards.len(), n);
            assert_eq!(many.len(), one.len());
            for q in QUERIES {
                for limit in [1, 7, 40, usize::MAX] {
                    let want = one.search(q, limit);
                    assert_eq!(many.search(q, limit), want, "{n} shards, {q:?}, {limit}");
                }
            }
        }
        assert!(one.search("medical insurance", 10).len() == 10);
    }

    #[test]
    fn parts_built_apart_and_joined_give_the_same_hits() {
        let docs = corpus(24);
        let one = SearchIndex::with_shards(&docs, 1);
        // Built out of order, as parallel parsing may finish them.
        let mut parts = vec![
            IndexPart::new(&docs[10..], 10),
            IndexPart::new(&docs[..3], 0),
            IndexPart::new(&docs[3..10], 3),
        ];
        assert!(parts.iter().all(|p| !p.is_empty()));
        assert_eq!(parts.iter().map(IndexPart::len).sum::<usize>(), one.len());
        parts.swap(0, 2);
        let joined = SearchIndex::from_parts(parts);
        for q in QUERIES {
            for limit in [5, usize::MAX] {
                assert_eq!(joined.search(q, limit), one.search(q, limit), "{q:?}");
            }
        }
        let hits = joined.search("taihu", usize::MAX);
        assert!(hits.iter().any(|h| h.document >= 10) && hits.iter().any(|h| h.document < 3));
    }

    #[test]
    fn an_index_extended_part_by_part_equals_one_built_at_once() {
        let docs = corpus(12);
        let one = SearchIndex::with_shards(&docs, 1);
        let mut grown = SearchIndex::new(&docs[..1]);
        for (start, end) in [(1, 4), (4, 9), (9, docs.len())] {
            let before = grown.search("taihu", usize::MAX);
            let next = grown.extended(IndexPart::new(&docs[start..end], start));
            // The old index is untouched and still answers for its documents.
            assert_eq!(grown.search("taihu", usize::MAX), before);
            assert!(next.len() > grown.len());
            grown = next;
        }
        assert_eq!(grown.shards.len(), 4);
        for q in QUERIES {
            assert_eq!(grown.search(q, 30), one.search(q, 30), "{q:?}");
        }
    }

    #[test]
    fn session_search_equals_a_fresh_search_keystroke_by_keystroke() {
        let docs = corpus(24);
        let idx = SearchIndex::with_shards(&docs, 3);
        let mut session = Session::new();
        let mut sequence: Vec<&str> = typing("Taihu");
        sequence.extend(["Taih", "Tai", "Ta", "T", "", "  "]);
        sequence.extend(typing("G60 corridor"));
        sequence.extend(typing("medical insurance"));
        sequence.extend([
            "medical insurance x",
            "medical insurance",
            "insurance medical",
            "lake",
            "lak",
            "lke",
            "like",
            "taihu lke",
            "taihu lake",
        ]);
        sequence.extend(typing("integrated development of the yangtze"));
        let mut narrowed = 0;
        for (i, q) in sequence.iter().enumerate() {
            // Alternate limits: candidates beyond the first page must carry over.
            let limit = if i % 2 == 0 { 3 } else { 200 };
            let got = idx.search_within(&mut session, q, limit);
            assert_eq!(got, idx.search_unhighlighted(q, limit), "{q:?}");
            narrowed += session.narrowed;
        }
        assert!(narrowed >= 40, "narrowed only {narrowed} times");
    }

    #[test]
    fn session_searches_afresh_when_a_longer_word_matches_more() {
        let d = doc(
            &[&["Sustainable growth.", "Take the train.", "Taxes rise."]],
            &[],
            &[],
            &[],
        );
        let idx = SearchIndex::new(&[d]);
        let mut session = Session::new();
        let hits = idx.search_within(&mut session, "ta", 10);
        assert_eq!(texts(&hits), ["Take the train.", "Taxes rise."]);
        // Three letters may match inside a word: `sustainable` is new.
        let hits = idx.search_within(&mut session, "tai", 10);
        assert_eq!(session.narrowed, 0);
        assert_eq!(texts(&hits), ["Sustainable growth."]);
        // Four letters may fuzzily match a five-letter word: `train` is new.
        let hits = idx.search_within(&mut session, "tain", 10);
        assert_eq!(session.narrowed, 0);
        assert_eq!(texts(&hits), ["Sustainable growth.", "Take the train."]);
        let hits = idx.search_within(&mut session, "taina", 10);
        assert_eq!(session.narrowed, 1);
        assert_eq!(texts(&hits), ["Sustainable growth."]);
        // A word added narrows; a word removed does not.
        assert!(idx.search_within(&mut session, "taina x", 10).is_empty());
        assert_eq!(session.narrowed, 1);
        assert_eq!(idx.search_within(&mut session, "taina", 10).len(), 1);
        assert_eq!(session.narrowed, 0);
    }

    #[test]
    fn a_session_moved_to_another_index_starts_over() {
        let a = SearchIndex::new(&[doc(&[&["Taihu Lake."]], &[], &[], &[])]);
        let b = SearchIndex::new(&[doc(&[&["Other words.", "Taihu town."]], &[], &[], &[])]);
        let mut session = Session::new();
        assert_eq!(a.search_within(&mut session, "tai", 10).len(), 1);
        let hits = b.search_within(&mut session, "taihu", 10);
        assert_eq!(session.narrowed, 0);
        assert_eq!(texts(&hits), ["Taihu town."]);
        session.reset();
        assert_eq!(b.search_within(&mut session, "taihu", 10), hits);
    }

    #[test]
    fn folding_keeps_lengths_and_word_chars_for_every_char() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            let f = fold(c);
            assert_eq!(f.len_utf8(), c.len_utf8(), "{c:?}");
            assert_eq!(is_word_char(f), is_word_char(c), "{c:?}");
        }
        assert_eq!(fold('T'), 't');
        assert_eq!(fold('Ä'), 'ä');
        assert_eq!(fold('Σ'), 'σ');
        // Lower case is two chars: kept.
        assert_eq!(fold('İ'), 'İ');
        let mut buf = String::new();
        assert_eq!(fold_word("ÄRGER", &mut buf), "ärger");
        assert_eq!(fold_word("taihu", &mut buf), "taihu");
    }

    /// The tokenizer as first written, char by char, to check the byte walk.
    fn reference_tokens(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut run: Option<Token> = None;
        let flush = |t: Token, out: &mut Vec<Token>| {
            let word = &text[t.start..t.end];
            let lead = word.len() - word.trim_start_matches('&').len();
            let trimmed = word.trim_matches('&');
            if !trimmed.is_empty() {
                out.push(Token {
                    start: t.start + lead,
                    end: t.start + lead + trimmed.len(),
                    char_start: t.char_start + lead,
                    chars: t.chars - (word.len() - trimmed.len()),
                });
            }
        };
        for (ci, (b, c)) in text.char_indices().enumerate() {
            if is_word_char(c) {
                let t = run.get_or_insert(Token {
                    start: b,
                    end: b,
                    char_start: ci,
                    chars: 0,
                });
                t.end = b + c.len_utf8();
                t.chars += 1;
            } else if let Some(t) = run.take() {
                flush(t, &mut out);
            }
        }
        if let Some(t) = run {
            flush(t, &mut out);
        }
        out
    }

    #[test]
    fn byte_tokenizer_agrees_with_a_char_by_char_one() {
        let alphabet = [
            "a", "Z", "7", "&", " ", "-", "é", "长", "’", "\u{301}", "ǅ", "İ", "🙂", "\n", "&&",
        ];
        let mut samples: Vec<String> = vec![
            crate::parse::EMBEDDED_TEXT.to_string(),
            "R&D, 5G & G60; &x& Shanghai-Nanjing".into(),
            "&&&".into(),
            String::new(),
        ];
        // A fixed linear congruential walk through the alphabet.
        let mut state: u64 = 7;
        for _ in 0..3000 {
            let len = (state >> 33) % 24;
            let mut s = String::new();
            for _ in 0..len {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push_str(alphabet[(state >> 33) as usize % alphabet.len()]);
            }
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
            samples.push(s);
        }
        for s in &samples {
            assert_eq!(tokenize(s), reference_tokens(s), "{s:?}");
        }
    }

    #[test]
    fn every_unit_holds_the_words_of_its_own_text() {
        let mut d = doc(
            &[
                &["They will build the port in ÄLMHULT.", "R&D grows."],
                &["Plain words here."],
            ],
            &[
                (1, "build the port"),
                // Cuts through `build`: must not take the paragraph's `build`.
                (1, "uild the"),
                // Starts inside `R&D`, after the `&`.
                (1, "D grows"),
                (2, "words here"),
            ],
            &["Green development"],
            &["Älmhult"],
        );
        // A commitment whose text is not its span is indexed as written.
        d.commitments[3].text = "Something else entirely".into();
        // A sentence span off a char boundary is skipped, not a panic.
        let mut rebuilt = Paragraphs::default();
        let mut lists = ThemeLists::default();
        for (i, p) in d.iter_paragraphs().enumerate() {
            let extra = (i == 0).then_some(Span::new(33, 34));
            rebuilt.push(p.text, p.sentences.iter().copied().chain(extra));
            rebuilt.set_themes(i, p.themes.to_vec(), &mut lists);
        }
        d.paragraphs = rebuilt;
        let mut docs = corpus(3);
        docs.push(d);
        let idx = SearchIndex::with_shards(&docs, 2);
        let mut checked = 0;
        for shard in &idx.shards {
            for u in &shard.units {
                let text = &shard.text[u.text.0 as usize..u.text.1 as usize];
                let mut folded = String::new();
                fold_into(text, &mut folded);
                let want: Vec<&str> = tokenize(&folded)
                    .iter()
                    .map(|t| &folded[t.start..t.end])
                    .collect();
                let got: Vec<&str> = shard.tokens[u.token_range()]
                    .iter()
                    .map(|&w| shard.word(w as usize))
                    .collect();
                assert_eq!(got, want, "{text:?}");
                assert_eq!(u.chars as usize, text.chars().count());
                checked += 1;
            }
        }
        assert_eq!(checked, idx.len());
        let last = docs.len() - 1;
        let hits = idx.search("something", 10);
        assert_eq!(
            (hits[0].document, hits[0].kind, hits[0].id),
            (last, HitKind::Commitment, 4)
        );
        let hits = idx.search("älmhult", 10);
        assert_eq!(
            texts(&hits),
            ["Älmhult", "They will build the port in ÄLMHULT."]
        );
        assert!(
            idx.search("d grows", 10)
                .iter()
                .any(|h| h.text == "D grows")
        );
    }

    #[test]
    fn documents_split_into_consecutive_even_parts() {
        let small = doc(&[&["a b c"]], &[], &[], &[]);
        let big = doc(&[&[LONG, LONG, LONG, LONG]], &[], &[], &[]);
        for n in 0..9 {
            let docs: Vec<Document> = (0..n)
                .map(|i| {
                    if i % 3 == 0 {
                        big.clone()
                    } else {
                        small.clone()
                    }
                })
                .collect();
            for parts in 1..12 {
                let ranges = split_evenly(&docs, parts);
                assert!(!ranges.is_empty() && ranges.len() <= parts.max(1));
                assert_eq!(ranges[0].start, 0);
                assert_eq!(ranges[ranges.len() - 1].end, n);
                assert!(ranges.windows(2).all(|w| w[0].end == w[1].start));
                assert!(n == 0 || ranges.iter().all(|r| !r.is_empty()));
                if parts <= n {
                    assert_eq!(ranges.len(), parts, "{n} docs, {parts} parts");
                }
            }
        }
    }

    #[test]
    fn the_prefilter_never_rules_out_a_document_with_a_hit() {
        let tax = crate::taxonomy::Taxonomy::embedded();
        let themes = || tax.themes.iter().map(|t| t.name.as_str());
        let mut texts: Vec<String> = (0..40).map(crate::corpus::generate).collect();
        texts.push(crate::parse::EMBEDDED_TEXT.to_string());
        for f in [
            "bilateral.txt",
            "circular.txt",
            "communique.txt",
            "delta-meeting.txt",
        ] {
            let path = format!("{}/tests/fixtures/{f}", env!("CARGO_MANIFEST_DIR"));
            texts.push(std::fs::read_to_string(path).unwrap());
        }
        // Words split by escapes, codes, marks and a wrapped line.
        texts.push(
            "Joint plan\n\nThey will fund R&D in Tai\u{1b}[1mhu and the G60-corridor.\n\
             Anhui will also build the \u{201c}Ports\u{201d} of NINGBO-Zhoushan over\n\
             the next five years of work on medical insurance."
                .into(),
        );
        let queries = [
            "taihu",
            "Taihu",
            "tai",
            "t",
            "g60",
            "g60 corridor",
            "corridor g6",
            "poyang lake",
            "medical insurance",
            "medcal insurance",
            "insur",
            "r&d",
            "d",
            "ningbo zhoushan",
            "ports",
            "hongze",
            "lke",
            "green",
            "innovation",
            "xyzzy",
            "长江",
            "chaohu lake",
        ];
        let parsed: Vec<(String, SearchIndex)> = texts
            .iter()
            .map(|t| {
                let doc = crate::parse::parse(t, Some("t.txt"), &tax);
                (crate::parse::clean(t), SearchIndex::new(&[doc]))
            })
            .collect();
        let (mut skipped, mut kept) = (0, 0);
        for q in queries {
            let filter = Prefilter::new(q, themes());
            for (cleaned, index) in &parsed {
                let hits = index.search(q, 1);
                let may = filter.may_match(cleaned);
                assert!(
                    may || hits.is_empty(),
                    "{q:?} ruled out a document with {hits:?}"
                );
                if may {
                    kept += 1;
                } else {
                    skipped += 1;
                }
            }
        }
        // It does rule out documents, or it would be no use.
        assert!(skipped > kept / 2, "skipped {skipped}, kept {kept}");
        let filter = Prefilter::new("poyang lake", themes());
        let poyang = texts.iter().filter(|t| filter.may_match(t)).count();
        assert!(poyang > 0 && poyang < texts.len() / 2, "{poyang}");
        assert!(!Prefilter::new("", themes()).may_match("anything"));
        assert!(!Prefilter::new("   ", themes()).may_match("anything"));
    }

    #[test]
    fn the_prefilter_counts_theme_names_as_in_every_document() {
        let filter = Prefilter::new("ecological", ["Ecological protection", "Trade"]);
        assert!(filter.may_match("Nothing about it."));
        let filter = Prefilter::new("trad ecolgical", ["Ecological protection", "Trade"]);
        assert!(filter.may_match("Nothing about it."));
        let filter = Prefilter::new("taihu", ["Ecological protection", "Trade"]);
        assert!(!filter.may_match("Nothing about it."));
        assert!(filter.may_match("Clean up TAIHU."));
        // Letters in order within one word, for a fuzzy match.
        let filter = Prefilter::new("thu", ["Trade"]);
        assert!(filter.may_match("Clean up Taihu."));
        assert!(!filter.may_match("Take the hut up."));
    }

    #[test]
    fn searches_do_not_wait_for_the_global_thread_pool() {
        use std::sync::atomic::{AtomicBool, AtomicUsize};
        use std::time::{Duration, Instant};
        let docs = corpus(8);
        let idx = Arc::new(SearchIndex::with_shards(&docs, 2));
        // Keep every thread of rayon's global pool busy, as an index build does.
        let workers = rayon::current_num_threads();
        let busy = Arc::new(AtomicUsize::new(0));
        let release = Arc::new(AtomicBool::new(false));
        for _ in 0..workers {
            let (busy, release) = (Arc::clone(&busy), Arc::clone(&release));
            rayon::spawn(move || {
                busy.fetch_add(1, Ordering::SeqCst);
                while !release.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(1));
                }
            });
        }
        let start = Instant::now();
        while busy.load(Ordering::SeqCst) < workers && start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(1));
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let searcher = Arc::clone(&idx);
        std::thread::spawn(move || {
            let _ = tx.send(searcher.search("taihu", 10).len());
        });
        let answered = rx.recv_timeout(Duration::from_secs(10));
        release.store(true, Ordering::SeqCst);
        assert_eq!(
            answered,
            Ok(10),
            "the search waited for the busy global pool"
        );
    }
}
