//! Named entities: places, programmes, institutions, events, people and
//! codes, found as runs of capitalised words (with `of`, `and`, `for` inside
//! names) and codes like `G60` or `5G`.

use super::tokens::{Kind, Tok};
use crate::model::{Commitment, Entity, EntityKind, Paragraph, Span};
use std::collections::{HashMap, HashSet};

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

fn is_not_name(lower: &str) -> bool {
    NOT_NAMES.contains(&lower) || crate::text::MONTH_NAMES.contains(&lower)
}

struct Word<'a> {
    span: Span,
    text: &'a str,
    /// Ended by a possessive `'s`, which ends a name.
    possessive: bool,
    /// Only spaces between this word and the next.
    joined_to_next: bool,
    sentence_initial: bool,
}

/// Entity words from the paragraph's tokens: a trailing `'s` ends a name,
/// and only spaces may stand between two words of one name.
fn words<'a>(text: &'a str, toks: &[Tok], sentences: &[Span]) -> Vec<Word<'a>> {
    let mut out: Vec<Word<'a>> = Vec::with_capacity(toks.len());
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
        letters_before |= raw.chars().any(char::is_alphabetic);
        out.push(Word {
            span: Span::new(t.start, t.start + word.len()),
            text: word,
            possessive,
            joined_to_next,
            sentence_initial,
        });
    }
    out
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
    w.starts_with(char::is_uppercase) && !w.contains('&')
}

/// Sorted, for binary search (checked by a test).
fn in_gazetteer(name: &str) -> bool {
    name.len() <= 16
        && GAZETTEER
            .binary_search(&name.to_lowercase().as_str())
            .is_ok()
}

fn head(w: &str) -> String {
    w.rsplit('-').next().unwrap_or(w).to_lowercase()
}

fn joins_with_of(h: &str) -> bool {
    matches!(
        head_kind(h),
        Some(EntityKind::Institution | EntityKind::Programme | EntityKind::Event)
    )
}

struct Run {
    span: Span,
    name: String,
    kind: EntityKind,
}

/// Maximal name runs in one paragraph.
fn runs(text: &str, ws: &[Word<'_>], known_mid_sentence: &HashSet<&str>) -> Vec<Run> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let w = &ws[i];
        let starts =
            (is_capitalised(w.text) || is_code(w.text)) && !is_not_name(&w.text.to_lowercase());
        if !starts {
            i += 1;
            continue;
        }
        let mut last = i;
        let mut has_of = false;
        while ws[last].joined_to_next && !ws[last].possessive && last + 1 < ws.len() {
            let next = &ws[last + 1];
            if is_capitalised(next.text) || is_code(next.text) {
                last += 1;
                continue;
            }
            let conn = next.text;
            let after = |k: usize| ws.get(k).filter(|_| ws[k - 1].joined_to_next);
            if matches!(conn, "of" | "for" | "on") && joins_with_of(&head(ws[last].text)) {
                let mut k = last + 2;
                if after(k).is_some_and(|x| x.text == "the") {
                    k += 1;
                }
                if after(k).is_some_and(|x| is_capitalised(x.text)) {
                    has_of = true;
                    last = k;
                    continue;
                }
            }
            if conn == "and" {
                // `Science and Technology Innovation Corridor`, `Ministry of
                // Science and Technology`, but not `Shanghai and Anhui`.
                let caps_after = (last + 2..ws.len())
                    .take_while(|&k| is_capitalised(ws[k].text) && ws[k - 1].joined_to_next)
                    .count();
                // A name that already ends in its head (`Yangtze River`) is
                // complete: `… and Taihu Lake` is a second name.
                let complete = kind_of(ws[last].text) != EntityKind::Other && !has_of;
                if !complete && (caps_after >= 2 || (has_of && caps_after >= 1)) {
                    last += 1 + caps_after;
                    continue;
                }
            }
            break;
        }
        let mut first = i;
        let mut person = false;
        while first < last && TITLES.contains(&ws[first].text.to_lowercase().as_str()) {
            first += 1;
            person = true;
        }
        let span = Span::new(ws[first].span.start, ws[last].span.end);
        let name = text[span.start..span.end].to_string();
        let single = first == last;
        let lower = name.to_lowercase();
        let keep = !single
            || is_code(&name)
            || in_gazetteer(&name)
            || !ws[first].sentence_initial
            || known_mid_sentence.contains(name.as_str());
        if keep && !is_not_name(&lower) {
            let kind = if person {
                EntityKind::Person
            } else {
                kind_of(&name)
            };
            out.push(Run { span, name, kind });
        }
        i = last + 1;
    }
    out
}

/// The kind follows the head noun: the last word, or the word before `of`
/// (`Ministry of Commerce`, `Plan for …`).
fn kind_of(name: &str) -> EntityKind {
    let core = [" of ", " for ", " on "]
        .iter()
        .filter_map(|c| name.find(c))
        .min()
        .map_or(name, |i| &name[..i]);
    let h = head(core.rsplit(' ').next().unwrap_or(core));
    match head_kind(&h) {
        Some(kind) => kind,
        None if in_gazetteer(name) => EntityKind::Place,
        None if !name.contains(' ') && is_code(name) => EntityKind::Code,
        None => EntityKind::Other,
    }
}

/// The kind a head noun gives a name, from the head lists.
fn head_kind(h: &str) -> Option<EntityKind> {
    static TABLE: std::sync::OnceLock<Vec<(&'static str, EntityKind)>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t: Vec<(&str, EntityKind)> = Vec::new();
        // Earlier lists win where a head appears twice.
        for (list, kind) in [
            (EVENT_HEADS, EntityKind::Event),
            (INSTITUTION_HEADS, EntityKind::Institution),
            (PROGRAMME_HEADS, EntityKind::Programme),
            (PLACE_HEADS, EntityKind::Place),
        ] {
            for &w in list {
                if !t.iter().any(|(x, _)| *x == w) {
                    t.push((w, kind));
                }
            }
        }
        t.sort_by_key(|(w, _)| *w);
        t
    });
    table
        .binary_search_by_key(&h, |(w, _)| *w)
        .ok()
        .map(|i| table[i].1)
}

/// Find the entities of a document, count their mentions and link them to
/// the commitments whose text names them.
pub fn find(
    paragraphs: &[Paragraph],
    tokens: &[Vec<Tok>],
    commitments: &mut [Commitment],
) -> Vec<Entity> {
    // Single capitalised words seen inside a sentence are names wherever they stand.
    let paragraph_words: Vec<Vec<Word<'_>>> = paragraphs
        .iter()
        .zip(tokens)
        .map(|(p, t)| words(&p.text, t, &p.sentences))
        .collect();
    let known: HashSet<&str> = paragraph_words
        .iter()
        .flatten()
        .filter(|w| !w.sentence_initial && is_capitalised(w.text))
        .map(|w| w.text)
        .collect();
    let mut entities: Vec<Entity> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (p, ws) in paragraphs.iter().zip(&paragraph_words) {
        for run in runs(&p.text, ws, &known) {
            let idx = *by_name.entry(run.name.clone()).or_insert_with(|| {
                entities.push(Entity {
                    name: run.name.clone(),
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
            let starts_before = p.commitments.partition_point(|&id| {
                commitments
                    .get(id - 1)
                    .is_some_and(|c| c.span.start <= run.span.start)
            });
            for &id in p.commitments[..starts_before].iter().rev().take(2) {
                let Some(c) = commitments.get_mut(id - 1) else {
                    continue;
                };
                if c.span.contains(run.span) {
                    if e.commitments.last() != Some(&c.id) {
                        e.commitments.push(c.id);
                    }
                    if !c.entities.contains(&run.name) {
                        c.entities.push(run.name.clone());
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
        runs(text, &words(text, &toks, &sentences(text)), &HashSet::new())
            .into_iter()
            .map(|r| (r.name, r.kind))
            .collect()
    }

    #[test]
    fn gazetteer_is_sorted() {
        assert!(GAZETTEER.windows(2).all(|w| w[0] < w[1]));
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
