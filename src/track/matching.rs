//! Finding a commitment again: documents by a key made from the title,
//! commitments by their normalised text. Keys survive a re-downloaded copy
//! (other path, other quotes and spacing); the tolerant match survives a
//! parser that now cuts a verb phrase a little longer or shorter.

use std::collections::{HashMap, HashSet};

/// Longest document key, in bytes: keys become file names.
const MAX_KEY_BYTES: usize = 100;

/// Word-set similarity (Jaccard) at or above which two texts are one commitment.
const SIMILAR: f64 = 0.8;

/// A text must have this many words before another text containing it counts
/// as the same commitment; shorter ones ("implement projects") are too common.
const MIN_CONTAINED_WORDS: usize = 3;

/// A commitment's text for matching: lower case, quotes and apostrophes
/// dropped (`people’s`, `people's` and `people"s` all read `peoples`), every
/// other run of punctuation or whitespace one space.
pub fn normalise(text: &str) -> String {
    fold(text, ' ')
}

/// A document's key: its title in lower case, alphanumerics and single dashes
/// (`yangtze-river-delta-poised-for-further-integrated-development`), at most
/// 100 bytes, `untitled` when the title has no letters or digits at all.
pub fn document_key(title: &str) -> String {
    let mut key = fold(title, '-');
    if key.len() > MAX_KEY_BYTES {
        let mut end = MAX_KEY_BYTES;
        while !key.is_char_boundary(end) {
            end -= 1;
        }
        key.truncate(end);
        let trimmed = key.trim_end_matches('-').len();
        key.truncate(trimmed);
    }
    if key.is_empty() {
        key.push_str("untitled");
    }
    key
}

fn fold(text: &str, separator: char) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending && !out.is_empty() {
                out.push(separator);
            }
            pending = false;
            out.extend(c.to_lowercase());
        } else if !is_quote(c) {
            pending = true;
        }
    }
    out
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '\'' | '"'
            | '`'
            | '´'
            | '‘'
            | '’'
            | '‚'
            | '‛'
            | '“'
            | '”'
            | '„'
            | '‟'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '「'
            | '」'
            | '『'
            | '』'
            | 'ʼ'
    )
}

/// Which commitment a stored entry belongs to: the normalised text and, when
/// a document says the same thing more than once, which time (1-based).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Identity {
    pub key: String,
    pub occurrence: u32,
}

/// Identities of texts in document order: the second commitment with the same
/// normalised text is occurrence 2, and so on.
pub fn identities<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<Identity> {
    let mut seen: HashMap<String, u32> = HashMap::new();
    texts
        .into_iter()
        .map(|text| {
            let key = normalise(text);
            let n = seen.entry(key.clone()).or_insert(0);
            *n += 1;
            Identity {
                key,
                occurrence: *n,
            }
        })
        .collect()
}

/// For each commitment, the index of the stored entry that belongs to it; each
/// entry goes to at most one commitment. In order of trust: the same text and
/// occurrence; the same text; then the most similar remaining pairs, where
/// similar means one text contains the other as whole words or their word
/// sets overlap by at least 80%.
pub fn assign(commitments: &[Identity], entries: &[Identity]) -> Vec<Option<usize>> {
    let mut out: Vec<Option<usize>> = vec![None; commitments.len()];
    let mut used = vec![false; entries.len()];

    let mut exact: HashMap<&Identity, Vec<usize>> = HashMap::new();
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if e.key.is_empty() {
            continue;
        }
        exact.entry(e).or_default().push(i);
        by_key.entry(&e.key).or_default().push(i);
    }
    // Within one key, lower occurrences first, so leftovers pair up in order.
    for list in by_key.values_mut() {
        list.sort_by_key(|&i| (entries[i].occurrence, i));
    }

    for (c, id) in commitments.iter().enumerate() {
        if let Some(&i) = exact.get(id).and_then(|l| l.iter().find(|&&i| !used[i])) {
            out[c] = Some(i);
            used[i] = true;
        }
    }
    for (c, id) in commitments.iter().enumerate() {
        if out[c].is_some() {
            continue;
        }
        if let Some(&i) = by_key
            .get(id.key.as_str())
            .and_then(|l| l.iter().find(|&&i| !used[i]))
        {
            out[c] = Some(i);
            used[i] = true;
        }
    }

    let open_entries: Vec<usize> = (0..entries.len())
        .filter(|&i| !used[i] && !entries[i].key.is_empty())
        .collect();
    if open_entries.is_empty() {
        return out;
    }
    let entry_words: HashMap<usize, Words> = open_entries
        .iter()
        .map(|&i| (i, Words::new(&entries[i].key)))
        .collect();
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (c, id) in commitments.iter().enumerate() {
        if out[c].is_some() || id.key.is_empty() {
            continue;
        }
        let words = Words::new(&id.key);
        for &i in &open_entries {
            if let Some(score) = similarity(&words, &entry_words[&i]) {
                candidates.push((score, c, i));
            }
        }
    }
    // Best pairs first; ties go to the earlier commitment, then the earlier entry.
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, c, i) in candidates {
        if out[c].is_none() && !used[i] {
            out[c] = Some(i);
            used[i] = true;
        }
    }
    out
}

struct Words<'a> {
    text: &'a str,
    count: usize,
    set: HashSet<&'a str>,
}

impl<'a> Words<'a> {
    fn new(text: &'a str) -> Words<'a> {
        let list: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
        Words {
            text,
            count: list.len(),
            set: list.into_iter().collect(),
        }
    }
}

/// The word-set similarity of two normalised texts when they count as the
/// same commitment, else `None`.
fn similarity(a: &Words, b: &Words) -> Option<f64> {
    let common = a.set.intersection(&b.set).count();
    let union = a.set.len() + b.set.len() - common;
    if union == 0 {
        return None;
    }
    let jaccard = common as f64 / union as f64;
    let (short, long) = if a.count <= b.count { (a, b) } else { (b, a) };
    let contained = short.count >= MIN_CONTAINED_WORDS
        && format!(" {} ", long.text).contains(&format!(" {} ", short.text));
    (jaccard >= SIMILAR || contained).then_some(jaccard)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(texts: &[&str]) -> Vec<Identity> {
        identities(texts.iter().copied())
    }

    #[test]
    fn normalised_text_ignores_case_quotes_punctuation_and_spacing() {
        assert_eq!(
            normalise("  Improve  People’s well-being,\n and “R&D”. "),
            "improve peoples well being and r d"
        );
        assert_eq!(normalise("people\"s"), normalise("People's"));
        assert_eq!(normalise("world-class"), normalise("world — class"));
        assert_eq!(normalise("长三角 一体化"), "长三角 一体化");
        assert_eq!(normalise("..."), "");
    }

    #[test]
    fn document_keys_are_file_name_safe() {
        assert_eq!(
            document_key("Yangtze River Delta poised for further integrated development"),
            "yangtze-river-delta-poised-for-further-integrated-development"
        );
        assert_eq!(
            document_key("  China’s ../../etc/passwd "),
            "chinas-etc-passwd"
        );
        assert_eq!(document_key("???"), "untitled");
        let long = document_key(&"word ".repeat(60));
        assert!(
            long.len() <= MAX_KEY_BYTES && !long.ends_with('-'),
            "{long}"
        );
        // Cutting never splits a character.
        let wide = document_key(&"长".repeat(60));
        assert!(wide.len() <= MAX_KEY_BYTES);
    }

    #[test]
    fn repeated_texts_get_occurrence_numbers() {
        let got = ids(&["Build ports", "build roads", "build PORTS."]);
        assert_eq!(
            got.iter()
                .map(|i| (i.key.as_str(), i.occurrence))
                .collect::<Vec<_>>(),
            [("build ports", 1), ("build roads", 1), ("build ports", 2)]
        );
    }

    #[test]
    fn exact_keys_match_first_and_each_entry_once() {
        let commitments = ids(&["build ports", "build roads", "build ports"]);
        // The stored second occurrence goes to the second "build ports".
        let entries = vec![
            Identity {
                key: "build ports".into(),
                occurrence: 2,
            },
            Identity {
                key: "build roads".into(),
                occurrence: 1,
            },
        ];
        assert_eq!(assign(&commitments, &entries), [None, Some(1), Some(0)]);
    }

    #[test]
    fn a_lost_occurrence_falls_back_to_the_same_text() {
        // The new parse finds the text once; the entry saved for its second
        // occurrence still belongs to it.
        let commitments = ids(&["build ports"]);
        let entries = vec![Identity {
            key: "build ports".into(),
            occurrence: 2,
        }];
        assert_eq!(assign(&commitments, &entries), [Some(0)]);
    }

    #[test]
    fn a_longer_or_shorter_cut_of_the_same_phrase_still_matches() {
        let commitments = ids(&[
            "build world-class port clusters and airport clusters",
            "jointly organize the fifth China International Import Expo",
        ]);
        let entries = ids(&[
            // The old parser stopped at the conjunction.
            "build world class port clusters",
            // And kept a leading adverb that the new one reads as the modality.
            "to jointly organize the fifth China International Import Expo",
        ]);
        assert_eq!(assign(&commitments, &entries), [Some(0), Some(1)]);
    }

    #[test]
    fn reworded_text_matches_by_word_overlap() {
        // Not contained either way; 9 shared words of 10 distinct: similarity 0.9.
        let commitments =
            ids(&["continuously improve accessibility of inter-provincial highways and roads"]);
        let entries =
            ids(&["continuously improve the accessibility of inter-provincial highways and roads"]);
        assert_eq!(assign(&commitments, &entries), [Some(0)]);
    }

    #[test]
    fn unrelated_or_too_short_texts_stay_unmatched() {
        let commitments = ids(&[
            "build world-class port clusters",
            "implement major projects in the delta",
        ]);
        // "major projects" stands in the second text but has only two words.
        let entries = ids(&["unify the drug catalog", "major projects"]);
        assert_eq!(assign(&commitments, &entries), [None, None]);
    }

    #[test]
    fn tolerant_matching_prefers_the_closest_pair() {
        let commitments = ids(&[
            "promote the construction of rail transit and several major airports and ports",
            "promote the construction of rail transit lines",
        ]);
        let entries = ids(&["promote the construction of rail transit"]);
        // Contained in the first (similarity 0.5), but closer to the second (6/7).
        assert_eq!(assign(&commitments, &entries), [None, Some(0)]);
    }

    #[test]
    fn empty_keys_never_match() {
        let commitments = ids(&["..."]);
        let entries = ids(&["—"]);
        assert_eq!(assign(&commitments, &entries), [None]);
    }
}
