//! Named entities: places, programmes, institutions, events, people and
//! codes, found as runs of capitalised words (with `of`, `and`, `for` inside
//! names) and codes like `G60` or `5G`.

use super::tokens::{Kind, SentenceTokens, Tok};
use crate::model::{Commitment, Entity, EntityKind, Paragraphs, Span};
use std::sync::OnceLock;

/// Head nouns, by the kind of name they end.
const EVENT_HEADS: &[&str] = &[
    "expo",
    "symposium",
    "forum",
    "summit",
    "conference",
    "congress",
    "games",
    "fair",
    "olympics",
    "meeting",
    "session",
    "plenum",
    "exhibition",
    "dialogue",
    "festival",
    "week",
];
const INSTITUTION_HEADS: &[&str] = &[
    "committee",
    "ministry",
    "council",
    "commission",
    "party",
    "center",
    "centre",
    "bank",
    "university",
    "academy",
    "institute",
    "office",
    "bureau",
    "department",
    "government",
    "alliance",
    "association",
    "organization",
    "organisation",
    "court",
    "agency",
    "fund",
    "corporation",
    "group",
    "company",
    "administration",
    "federation",
    "union",
    "laboratory",
    "assembly",
    "secretariat",
    "authority",
];
const PROGRAMME_HEADS: &[&str] = &[
    "corridor",
    "zone",
    "plan",
    "initiative",
    "programme",
    "program",
    "project",
    "strategy",
    "belt",
    "hub",
    "network",
    "cluster",
    "platform",
    "mechanism",
    "road",
    "scheme",
    "list",
    "park",
    "community",
    "agenda",
    "framework",
    "pilot",
    "act",
    "law",
    "policy",
    "vision",
    "outline",
];
const PLACE_HEADS: &[&str] = &[
    "river",
    "lake",
    "basin",
    "delta",
    "province",
    "city",
    "county",
    "district",
    "sea",
    "bay",
    "island",
    "islands",
    "mountain",
    "mountains",
    "region",
    "port",
    "ocean",
    "valley",
    "town",
    "village",
    "prefecture",
    "municipality",
    "canal",
    "strait",
    "area",
    "plateau",
    "coast",
];

/// Well-known places, so that a single word is recognised even where it opens
/// a sentence (`Jiangsu, Zhejiang, …`).
const GAZETTEER: &[&str] = &[
    "africa",
    "america",
    "anhui",
    "asia",
    "australia",
    "beijing",
    "brazil",
    "britain",
    "canada",
    "changchun",
    "changsha",
    "changzhou",
    "chengdu",
    "china",
    "chongqing",
    "dalian",
    "dongguan",
    "egypt",
    "europe",
    "foshan",
    "france",
    "fujian",
    "fuzhou",
    "gansu",
    "germany",
    "guangdong",
    "guangxi",
    "guangzhou",
    "guiyang",
    "guizhou",
    "haikou",
    "hainan",
    "hangzhou",
    "harbin",
    "hebei",
    "hefei",
    "heilongjiang",
    "henan",
    "hohhot",
    "hong kong",
    "hongqiao",
    "hubei",
    "huizhou",
    "hunan",
    "huzhou",
    "india",
    "indonesia",
    "italy",
    "japan",
    "jiangmen",
    "jiangsu",
    "jiangxi",
    "jiaxing",
    "jilin",
    "jinan",
    "kazakhstan",
    "korea",
    "kunming",
    "lanzhou",
    "lhasa",
    "liaoning",
    "lingang",
    "macao",
    "macau",
    "malaysia",
    "mexico",
    "nanchang",
    "nanjing",
    "nanning",
    "nantong",
    "ningbo",
    "ningxia",
    "pakistan",
    "philippines",
    "pudong",
    "qingdao",
    "qinghai",
    "russia",
    "shaanxi",
    "shandong",
    "shanghai",
    "shanxi",
    "shaoxing",
    "shenyang",
    "shenzhen",
    "sichuan",
    "singapore",
    "spain",
    "suzhou",
    "taiwan",
    "taiyuan",
    "thailand",
    "tianjin",
    "tibet",
    "urumqi",
    "vietnam",
    "wenzhou",
    "wuhan",
    "wuhu",
    "wuxi",
    "xi'an",
    "xiamen",
    "xining",
    "xinjiang",
    "xiongan",
    "yinchuan",
    "yunnan",
    "zhangjiang",
    "zhaoqing",
    "zhejiang",
    "zhengzhou",
    "zhongshan",
    "zhuhai",
];

/// Titles before a person's name; they are dropped from the name.
const TITLES: &[&str] = &[
    "general",
    "secretary",
    "president",
    "premier",
    "comrade",
    "chairman",
    "vice",
    "minister",
    "governor",
    "mayor",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "professor",
    "director",
    "chief",
];

/// Capitalised words that are not names (besides the months).
const NOT_NAMES: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "internet",
    "i",
    "the",
    "a",
    "an",
    "this",
    "these",
    "those",
    "it",
    "we",
    "they",
    "he",
    "she",
    "our",
    "its",
    "their",
    "in",
    "on",
    "at",
    "by",
    "for",
    "to",
    "with",
    "and",
    "but",
    "as",
    "all",
    "both",
    "each",
    "every",
    "efforts",
];

/// What the word lists say about one lower-cased word (or name).
#[derive(Clone, Copy, Default)]
struct Facts {
    /// In `NOT_NAMES` or a month.
    not_name: bool,
    /// In `TITLES`.
    title: bool,
    /// In `GAZETTEER`.
    place: bool,
    /// The kind a name ending in this head noun has.
    head: Option<EntityKind>,
}

// SipHash costs more than the rest of a lookup of a short word.
type WordMap<K, V> = foldhash::HashMap<K, V>;
type WordSet<K> = foldhash::HashSet<K>;

/// The longest word in any list: a longer ASCII word is in none.
const LONGEST_LISTED: usize = 16;

/// Every listed word with its facts, built once.
fn listed() -> &'static WordMap<&'static str, Facts> {
    static TABLE: OnceLock<WordMap<&'static str, Facts>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: WordMap<&'static str, Facts> = WordMap::default();
        for &w in NOT_NAMES.iter().chain(&crate::text::MONTH_NAMES) {
            t.entry(w).or_default().not_name = true;
        }
        for &w in TITLES {
            t.entry(w).or_default().title = true;
        }
        for &w in GAZETTEER {
            t.entry(w).or_default().place = true;
        }
        // Earlier lists win where a head appears twice.
        for (list, kind) in [
            (EVENT_HEADS, EntityKind::Event),
            (INSTITUTION_HEADS, EntityKind::Institution),
            (PROGRAMME_HEADS, EntityKind::Programme),
            (PLACE_HEADS, EntityKind::Place),
        ] {
            for &w in list {
                t.entry(w).or_default().head.get_or_insert(kind);
            }
        }
        t
    })
}

fn facts_of_lower(lower: &str) -> Facts {
    listed().get(lower).copied().unwrap_or_default()
}

/// The facts of `word`, looked up by `word.to_lowercase()` without
/// allocating for ASCII words.
fn facts(word: &str) -> Facts {
    if !word.is_ascii() {
        // Rare; lower-casing may change the length here.
        return facts_of_lower(&word.to_lowercase());
    }
    if word.len() > LONGEST_LISTED {
        return Facts::default();
    }
    let mut buf = [0u8; LONGEST_LISTED];
    for (l, b) in buf.iter_mut().zip(word.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..word.len()]).map_or(Facts::default(), facts_of_lower)
}

struct Word<'a> {
    /// Where `text` starts in the paragraph.
    start: usize,
    text: &'a str,
    /// `is_capitalised`.
    capitalised: bool,
    /// `is_code`.
    code: bool,
    /// Ended by a possessive `'s`, which ends a name.
    possessive: bool,
    /// Only spaces between this word and the next.
    joined_to_next: bool,
    sentence_initial: bool,
}

impl Word<'_> {
    fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// A word that can stand in a name.
    fn name_like(&self) -> bool {
        self.capitalised || self.code
    }
}

/// Entity words from the paragraph's tokens, appended to `out`: a trailing
/// `'s` ends a name, and only spaces may stand between two words of one name.
fn words<'a>(text: &'a str, toks: &[Tok], sentences: &[Span], out: &mut Vec<Word<'a>>) {
    // The sentence we are in, and whether a letter came before in it.
    let mut sentence = 0;
    let mut letters_before = false;
    for (k, t) in toks.iter().enumerate() {
        if t.kind != Kind::Word {
            continue;
        }
        let raw = &text[t.start..t.end];
        let (word, possessive) = match raw.strip_suffix("'s").or_else(|| raw.strip_suffix("’s")) {
            Some(w) => (w, true),
            None => (raw, false),
        };
        let joined_to_next = toks.get(k + 1).is_some_and(|n| {
            n.kind == Kind::Word
                && n.start > t.end
                && text.as_bytes()[t.end..n.start].iter().all(|&b| b == b' ')
        });
        while sentences.get(sentence).is_some_and(|s| s.end <= t.start) {
            sentence += 1;
            letters_before = false;
        }
        let sentence_initial = !letters_before;
        if !letters_before {
            letters_before = raw.chars().any(char::is_alphabetic);
        }
        let capitalised = is_capitalised(word);
        out.push(Word {
            start: t.start,
            text: word,
            capitalised,
            // Most words have no digit, which settles them without a call.
            code: word.bytes().any(|b| b.is_ascii_digit()) && is_code(word),
            possessive,
            joined_to_next,
            sentence_initial,
        });
    }
}

/// `G60`, `5G`, `C919`: digits with at least one capital letter.
fn is_code(w: &str) -> bool {
    if !w.bytes().any(|b| b.is_ascii_digit()) || !w.bytes().any(|b| b.is_ascii_uppercase()) {
        return false;
    }
    let digits = w.chars().filter(char::is_ascii_digit).count();
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    let ordinal = ["st", "nd", "rd", "th"].iter().any(|s| w.ends_with(s))
        && w.trim_end_matches(char::is_alphabetic)
            .chars()
            .all(|c| c.is_ascii_digit());
    digits > 0 && letters > 0 && !ordinal && !w.contains('&')
}

fn is_capitalised(w: &str) -> bool {
    w.starts_with(char::is_uppercase) && !w.bytes().any(|b| b == b'&')
}

/// `name_facts` are `facts(name)`.
fn in_gazetteer(name: &str, name_facts: Facts) -> bool {
    name.len() <= 16 && name_facts.place
}

/// The head noun of a word: its last part after any hyphen.
fn head(w: &str) -> &str {
    w.rsplit('-').next().unwrap_or(w)
}

fn joins_with_of(h: &str) -> bool {
    matches!(
        facts(h).head,
        Some(EntityKind::Institution | EntityKind::Programme | EntityKind::Event)
    )
}

struct Run<'a> {
    span: Span,
    name: &'a str,
    kind: EntityKind,
}

/// Maximal name runs in one paragraph.
fn runs<'a>(text: &'a str, ws: &[Word<'_>], known_mid_sentence: &WordSet<&str>) -> Vec<Run<'a>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let w = &ws[i];
        if !w.name_like() {
            i += 1;
            continue;
        }
        let start_facts = facts(w.text);
        if start_facts.not_name {
            i += 1;
            continue;
        }
        let mut last = i;
        let mut has_of = false;
        while ws[last].joined_to_next && !ws[last].possessive && last + 1 < ws.len() {
            let next = &ws[last + 1];
            if next.name_like() {
                last += 1;
                continue;
            }
            let conn = next.text;
            let after = |k: usize| ws.get(k).filter(|_| ws[k - 1].joined_to_next);
            if matches!(conn, "of" | "for" | "on") && joins_with_of(head(ws[last].text)) {
                let mut k = last + 2;
                if after(k).is_some_and(|x| x.text == "the") {
                    k += 1;
                }
                if after(k).is_some_and(|x| x.capitalised) {
                    has_of = true;
                    last = k;
                    continue;
                }
            }
            if conn == "and" {
                // `Science and Technology Innovation Corridor`, `Ministry of
                // Science and Technology`, but not `Shanghai and Anhui`.
                let caps_after = (last + 2..ws.len())
                    .take_while(|&k| ws[k].capitalised && ws[k - 1].joined_to_next)
                    .count();
                // A name that already ends in its head (`Yangtze River`) is
                // complete: `… and Taihu Lake` is a second name.
                let complete =
                    kind_of(ws[last].text, facts(ws[last].text)) != EntityKind::Other && !has_of;
                if !complete && (caps_after >= 2 || (has_of && caps_after >= 1)) {
                    last += 1 + caps_after;
                    continue;
                }
            }
            break;
        }
        let mut first = i;
        let mut first_facts = start_facts;
        let mut person = false;
        while first < last && first_facts.title {
            first += 1;
            first_facts = facts(ws[first].text);
            person = true;
        }
        let span = Span::new(ws[first].start, ws[last].end());
        let name = &text[span.start..span.end];
        let single = first == last;
        let name_facts = if single { first_facts } else { facts(name) };
        let keep = !single
            || ws[first].code
            || in_gazetteer(name, name_facts)
            || !ws[first].sentence_initial
            || known_mid_sentence.contains(name);
        if keep && !name_facts.not_name {
            let kind = if person {
                EntityKind::Person
            } else {
                kind_of(name, name_facts)
            };
            out.push(Run { span, name, kind });
        }
        i = last + 1;
    }
    out
}

/// The kind follows the head noun: the last word, or the word before `of`
/// (`Ministry of Commerce`, `Plan for …`). `name_facts` are `facts(name)`.
fn kind_of(name: &str, name_facts: Facts) -> EntityKind {
    // The word before the first inner ` of `, ` for ` or ` on `, else the last.
    let mut before = None;
    let mut words = name.split(' ').peekable();
    while let Some(w) = words.next() {
        if let Some(b) = before
            && matches!(w, "of" | "for" | "on")
            && words.peek().is_some()
        {
            return kind_from_head(name, name_facts, b);
        }
        before = Some(w);
    }
    kind_from_head(name, name_facts, before.unwrap_or(name))
}

fn kind_from_head(name: &str, name_facts: Facts, head_word: &str) -> EntityKind {
    let h = head(head_word);
    // `h` is part of `name`: of the same length, it is the whole name.
    let head_facts = if h.len() == name.len() {
        name_facts
    } else {
        facts(h)
    };
    match head_facts.head {
        Some(kind) => kind,
        None if in_gazetteer(name, name_facts) => EntityKind::Place,
        None if !name.contains(' ') && is_code(name) => EntityKind::Code,
        None => EntityKind::Other,
    }
}

/// The entity words of sentence `s` of `text` into `ws`, cleared first. No
/// name runs past its sentence (the words of one are joined by spaces only),
/// so a sentence at a time finds what the whole paragraph would.
fn sentence_words<'a, 'l>(
    text: &'a str,
    lower: &'l str,
    (k, s): (usize, Span),
    toks: &mut SentenceTokens<'l>,
    ws: &mut Vec<Word<'a>>,
) {
    ws.clear();
    let toks = toks.of(k, text, lower, s);
    words(text, toks, std::slice::from_ref(&s), ws);
}

/// Paragraph `i`'s text, its lower-cased copy and its sentences.
fn paragraph<'a, 'l>(
    paragraphs: &'a Paragraphs,
    lower: &'l str,
    i: usize,
) -> Option<(&'a str, &'l str, &'a [Span])> {
    Some((
        paragraphs.text(i)?,
        lower.get(paragraphs.range(i)?)?,
        paragraphs.sentences(i)?,
    ))
}

/// Find the entities of a document, count their mentions and link them to
/// the commitments whose text names them.
pub fn find<'l>(
    paragraphs: &Paragraphs,
    lower: &'l str,
    commitments: &mut [Commitment],
    toks: &mut SentenceTokens<'l>,
) -> Vec<Entity> {
    // A small document's words are kept between the two passes; a large
    // one's are made again (a file of millions of short words would hold
    // its words several times over).
    let keep = toks.keeps();
    // About one word in six bytes: reserved once, not grown through copies.
    let mut kept: Vec<Word<'_>> = Vec::with_capacity(if keep { lower.len() / 6 } else { 0 });
    let mut kept_ends: Vec<usize> = Vec::new();
    let mut ws: Vec<Word<'_>> = Vec::new();
    // Single capitalised words seen inside a sentence are names wherever they stand.
    let is_known = |w: &&Word<'_>| !w.sentence_initial && w.capitalised;
    let mut known: WordSet<&str> = WordSet::default();
    for i in 0..paragraphs.len() {
        let Some((text, lower, sentences)) = paragraph(paragraphs, lower, i) else {
            continue;
        };
        let first = paragraphs.first_sentence(i);
        for (si, &s) in sentences.iter().enumerate() {
            sentence_words(text, lower, (first + si, s), toks, &mut ws);
            known.extend(ws.iter().filter(is_known).map(|w| w.text));
            if keep {
                kept.append(&mut ws);
                kept_ends.push(kept.len());
            }
        }
    }
    let mut entities: Vec<Entity> = Vec::new();
    let mut by_name: WordMap<&str, usize> = WordMap::default();
    // The names each commitment records already, by commitment id: a
    // look-up, not a scan of its list, so a commitment naming many entities
    // costs as much per name as one naming a few. (Never cleared: clearing
    // costs the set's capacity, once per paragraph.)
    let mut recorded: WordSet<(usize, &str)> = WordSet::default();
    // Commitments are in reading order: each paragraph's are the next run.
    let mut rest: &mut [Commitment] = commitments;
    for i in 0..paragraphs.len() {
        let id = i + 1;
        let skip = rest.partition_point(|c| c.paragraph < id);
        let n = rest[skip..].partition_point(|c| c.paragraph <= id);
        let (mine, after) = std::mem::take(&mut rest)[skip..].split_at_mut(n);
        rest = after;
        let Some((text, lower, sentences)) = paragraph(paragraphs, lower, i) else {
            continue;
        };
        let first = paragraphs.first_sentence(i);
        for (si, &s) in sentences.iter().enumerate() {
            let k = first + si;
            let words = match kept_ends.get(k) {
                Some(&to) if keep => &kept[k.checked_sub(1).map_or(0, |j| kept_ends[j])..to],
                _ => {
                    sentence_words(text, lower, (k, s), toks, &mut ws);
                    &ws[..]
                }
            };
            for run in runs(text, words, &known) {
                let idx = *by_name.entry(run.name).or_insert_with(|| {
                    entities.push(Entity {
                        name: run.name.to_string(),
                        kind: run.kind,
                        mentions: 0,
                        commitments: Vec::new(),
                    });
                    entities.len() - 1
                });
                let e = &mut entities[idx];
                e.mentions += 1;
                // The paragraph's commitments are in text order: the one that can
                // hold this name is the last starting at or before it.
                let starts_before = mine.partition_point(|c| c.span.start <= run.span.start);
                for c in mine[..starts_before].iter_mut().rev().take(2) {
                    if c.span.contains(run.span) {
                        if e.commitments.last() != Some(&c.id) {
                            e.commitments.push(c.id);
                        }
                        if recorded.insert((c.id, run.name)) {
                            c.entities.push(run.name.to_string());
                        }
                    }
                }
            }
        }
    }
    entities
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::structure::sentences;

    fn names(text: &str) -> Vec<(String, EntityKind)> {
        let lower = crate::text::lower_aligned(text);
        let toks = crate::parse::tokens::tokenize_paragraph(text, &lower);
        let mut ws = Vec::new();
        words(text, &toks, &sentences(text), &mut ws);
        runs(text, &ws, &WordSet::default())
            .into_iter()
            .map(|r| (r.name.to_string(), r.kind))
            .collect()
    }

    #[test]
    fn listed_words_are_lower_case_and_short() {
        for w in listed().keys() {
            assert_eq!(*w, w.to_lowercase());
            assert!(w.len() <= LONGEST_LISTED, "{w}");
        }
    }

    #[test]
    fn facts_follow_to_lowercase() {
        assert!(facts("Hong Kong").place);
        assert!(facts("MONDAY").not_name);
        assert!(facts("Dr").title);
        assert_eq!(facts("Sub-Committee").head, None);
        assert_eq!(
            facts(head("Sub-Committee")).head,
            Some(EntityKind::Institution)
        );
        assert_eq!(facts("Administration").head, Some(EntityKind::Institution));
        // The Kelvin sign lower-cases to an ASCII `k`.
        assert!(facts("\u{212A}orea").place);
        assert!(!facts("Administrations").not_name);
    }

    #[test]
    fn multi_word_names_with_connectors() {
        let got = names(
            "They will build the G60 Science and Technology Innovation Corridor near Taihu Lake.",
        );
        assert_eq!(
            got,
            [
                (
                    "G60 Science and Technology Innovation Corridor".to_string(),
                    EntityKind::Programme
                ),
                ("Taihu Lake".to_string(), EntityKind::Place)
            ]
        );
    }

    #[test]
    fn lists_of_places_are_separate_names() {
        let got = names("Jiangsu, Zhejiang, Shanghai and Anhui will act.");
        let got: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(got, ["Jiangsu", "Zhejiang", "Shanghai", "Anhui"]);
    }

    #[test]
    fn of_joins_only_after_a_head_noun() {
        let got = names(
            "It met the Ministry of Commerce in Zhangjiang of Shanghai and the National Congress of the Communist Party of China.",
        );
        let got: Vec<(&str, EntityKind)> = got.iter().map(|g| (g.0.as_str(), g.1)).collect();
        assert_eq!(
            got,
            [
                ("Ministry of Commerce", EntityKind::Institution),
                ("Zhangjiang", EntityKind::Place),
                ("Shanghai", EntityKind::Place),
                (
                    "National Congress of the Communist Party of China",
                    EntityKind::Event
                )
            ]
        );
    }

    #[test]
    fn people_codes_and_non_names() {
        let got = names(
            "Efforts follow General Secretary Xi Jinping's call on Monday to roll out 5G in the 14th plan.",
        );
        let got: Vec<(&str, EntityKind)> = got.iter().map(|g| (g.0.as_str(), g.1)).collect();
        assert_eq!(
            got,
            [("Xi Jinping", EntityKind::Person), ("5G", EntityKind::Code)]
        );
    }
}
