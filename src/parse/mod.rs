//! Text to `Document`: cleaning, header, paragraphs, sentences, commitments,
//! entities and themes.

mod budget;
mod clean;
mod commitments;
mod entities;
mod figures;
mod header;
mod lexicon;
mod structure;
mod tokens;

pub use budget::{Budget, OverBudget};
pub use clean::clean;
pub use figures::{deadline, figures};

use crate::model::{Commitment, Document, Paragraphs, Span, ThemeLists, ThemeSummary};
use crate::taxonomy::{PhraseMatch, Taxonomy};
use crate::text::lower_aligned;
use std::collections::HashMap;

/// The embedded default statement, byte for byte the seed file.
pub const EMBEDDED_TEXT: &str = include_str!("../../assets/yangtze-river-delta-2023.txt");
pub const EMBEDDED_NAME: &str = "yangtze-river-delta-2023.txt";

/// Who acts when a statement names nobody: passives and `Efforts will be made`
/// in a text that has no explicit actor anywhere.
const UNNAMED_ACTORS: &str = "the statement's parties";

/// Parse a statement. `path` is where it came from (`None` for the embedded one);
/// its file name is the title when the text has no headline.
pub fn parse(raw: &str, path: Option<&str>, taxonomy: &Taxonomy) -> Document {
    parse_cleaned(&clean(raw), path, taxonomy)
}

/// `parse` of text that has been through `clean` already: the same document
/// as `parse` of the raw text, without cleaning it a second time.
pub fn parse_cleaned(text: &str, path: Option<&str>, taxonomy: &Taxonomy) -> Document {
    // No limit, so no error: the default is never taken.
    parse_cleaned_within(text, path, taxonomy, &Budget::unlimited()).unwrap_or_default()
}

/// `parse_cleaned` that gives up once `budget` is spent.
pub fn parse_cleaned_within(
    text: &str,
    path: Option<&str>,
    taxonomy: &Taxonomy,
    budget: &Budget,
) -> Result<Document, OverBudget> {
    let head = header::parse_header(text.lines());
    let mut paragraphs = Paragraphs::default();
    structure::paragraphs(text.lines().skip(head.body_start), &mut paragraphs);
    paragraphs.shrink_to_fit();
    budget.check()?;
    let count = paragraphs.len();
    // The clock is read once every so many paragraphs: most are short.
    let check_at = |i: usize| {
        if i.is_multiple_of(64) {
            budget.check()
        } else {
            Ok(())
        }
    };

    // All text is lower-cased once; tokens are made from it a sentence at a
    // time (`SentenceTokens`: kept between passes for a small document, made
    // again in each for a large one, where they would take several times the
    // room of the text), and the taxonomy's matches are kept, in text order,
    // so that commitments rank the matches in their span.
    let lower = lower_aligned(paragraphs.all_text());
    let mut phrase_matches: Vec<PhraseMatch> = Vec::new();
    let mut match_ends: Vec<u32> = Vec::with_capacity(count);
    let mut lists = ThemeLists::default();
    for i in 0..count {
        check_at(i)?;
        let lower = paragraphs.range(i).and_then(|r| lower.get(r)).unwrap_or("");
        let mut m = taxonomy.phrase_matches(lower);
        m.sort_by_key(|m| m.span.start);
        paragraphs.set_themes(i, taxonomy.or_fallback(taxonomy.rank(&m)), &mut lists);
        phrase_matches.extend(m);
        match_ends.push(u32::try_from(phrase_matches.len()).unwrap_or(u32::MAX));
    }
    let matches_of = |i: usize| {
        let from = i.checked_sub(1).map_or(0, |k| match_ends[k] as usize);
        let to = match_ends.get(i).map_or(from, |&e| e as usize);
        phrase_matches.get(from..to).unwrap_or(&[])
    };
    let lower_of = |i: usize| paragraphs.range(i).and_then(|r| lower.get(r)).unwrap_or("");
    let text_of = |i: usize| paragraphs.text(i).unwrap_or("");

    // Tokens one sentence at a time: no rule looks past its sentence.
    let mut toks = tokens::SentenceTokens::new(paragraphs.all_text().len());
    let mut verbs = commitments::Verbs::default();
    for i in 0..count {
        check_at(i)?;
        let first = paragraphs.first_sentence(i);
        for (si, &s) in paragraphs.sentences(i).unwrap_or(&[]).iter().enumerate() {
            // A paragraph may be millions of sentences.
            check_at(si + 1)?;
            let toks = toks.of(first + si, text_of(i), lower_of(i), s);
            verbs.learn_from(text_of(i), toks);
        }
    }
    let mut raw: Vec<(usize, commitments::RawCommitment)> = Vec::new();
    let mut found = Vec::new();
    // The lead-in whose list the paragraphs are reading (`We commit to:`
    // and the items after it), with where its own commitments start in
    // `raw`, until the first item has cleared those that only announce it.
    let mut frame: Option<OpenList> = None;
    for i in 0..count {
        check_at(i)?;
        let text = text_of(i);
        // A frame reads the items of one style (`1.`, `(a)`, `•`): another
        // style, or prose, ends its list.
        let style = structure::marker_style(text);
        let item = style.is_some();
        if let Some(OpenList {
            style: first_style, ..
        }) = &mut frame
        {
            match first_style {
                None if item => *first_style = style,
                Some(s) if !style.is_some_and(|now| structure::continues(*s, now, text)) => {
                    frame = None
                }
                _ => {}
            }
        }
        if !item {
            frame = None;
        }
        if let Some(OpenList {
            announced: announced @ Some(_),
            ..
        }) = &mut frame
            && let Some(from) = announced.take()
        {
            // Only the lead-in's own commitments are looked at: a statement
            // of many lists costs each list its lead-in, not all before it.
            let lead_in = raw.split_off(from.min(raw.len()));
            raw.extend(
                lead_in.into_iter().filter(|entry| {
                    !commitments::only_announces(&text_of_span(&paragraphs, entry))
                }),
            );
        }
        let sentences = paragraphs.sentences(i).unwrap_or(&[]);
        let first = paragraphs.first_sentence(i);
        let mut next_frame = None;
        for (si, &s) in sentences.iter().enumerate() {
            check_at(si + 1)?;
            let toks = toks.of(first + si, text, lower_of(i), s);
            verbs.mark(toks);
            let lead = (si + 1 == sentences.len())
                .then(|| commitments::lead_in(text, toks, s))
                .flatten();
            // An item that is itself a lead-in (`3. Member States must:`)
            // commits through its own items, not its frame's.
            let reading = match (&frame, item) {
                (Some(open), true) if lead.is_none() => commitments::Reading::Framed(&open.frame),
                (_, true) => commitments::Reading::Item,
                _ => commitments::Reading::Prose,
            };
            let before = raw.len();
            commitments::extract_sentence(text, toks, si, s, reading, &mut found);
            let lead_in = match reading {
                commitments::Reading::Framed(_) => frame.as_ref().map(|open| open.paragraph),
                _ => None,
            };
            raw.extend(found.drain(..).map(|mut c| {
                c.lead_in = lead_in;
                (i + 1, c)
            }));
            if let Some(f) = lead {
                next_frame = Some(OpenList {
                    frame: f,
                    announced: Some(before),
                    style: None,
                    paragraph: i,
                });
            }
        }
        if next_frame.is_some() {
            frame = next_frame;
        }
    }
    let own_actors = match own_actors(raw.iter().map(|(_, c)| c)) {
        unnamed if unnamed == UNNAMED_ACTORS => speaker(&paragraphs).unwrap_or(unnamed),
        named => named,
    };

    let mut commitments: Vec<Commitment> = Vec::with_capacity(raw.len());
    // `They`, `it`, `he`, `she` stand for the last actor named before them.
    let mut last_named: Option<String> = None;
    let mut sentence_themes: (Option<(usize, usize)>, Vec<String>) = (None, Vec::new());
    let title_themes = head
        .title
        .as_deref()
        .map(|t| taxonomy.rank(&taxonomy.phrase_matches(&crate::text::lower_aligned(t))))
        .unwrap_or_default();
    for (paragraph, c) in raw {
        let actor = match c.actor {
            Some(a) if is_third_person_pronoun(&a) => last_named.clone().unwrap_or(a),
            Some(a) => {
                if !is_pronoun(&a) {
                    last_named = Some(a.clone());
                }
                a
            }
            None => own_actors.clone(),
        };
        let matches = matches_of(paragraph - 1);
        let sentences = paragraphs.sentences(paragraph - 1).unwrap_or(&[]);
        let within = |s: Span| {
            let from = matches.partition_point(|m| m.span.start < s.start);
            let to = matches.partition_point(|m| m.span.start < s.end);
            matches[from..to.max(from)]
                .iter()
                .filter(move |m| s.contains(m.span))
        };
        let mut themes = taxonomy.rank(within(c.span));
        if themes.is_empty()
            && let Some(&sentence) = sentences.get(c.sentence)
        {
            // Several commitments of one sentence may fall back on it: rank
            // the sentence once.
            if sentence_themes.0 != Some((paragraph, c.sentence)) {
                sentence_themes = (
                    Some((paragraph, c.sentence)),
                    taxonomy.rank(within(sentence)),
                );
            }
            themes = sentence_themes.1.clone();
        }
        // `Map every basement flat …` under `To cut the harm floods do, the
        // bureau will:`: an item with no theme words of its own takes its
        // lead-in's.
        if themes.is_empty()
            && let Some(l) = c.lead_in
        {
            // Its own words, not the paragraph's themes: those fall back on
            // the catch-all when the lead-in names no theme.
            themes = taxonomy.rank(matches_of(l).iter());
        }
        // `Member States must notify the Council …` in conclusions on port
        // safety: with no theme words near it, the statement's title says
        // what it is about better than the taxonomy's catch-all.
        if themes.is_empty() {
            themes = title_themes.clone();
        }
        let id = commitments.len() + 1;
        if id.is_multiple_of(256) {
            budget.check()?;
        }
        commitments.push(Commitment {
            id,
            paragraph,
            sentence: c.sentence,
            actor,
            modality: c.modality,
            text: text_of(paragraph - 1)
                .get(c.span.start..c.span.end)
                .unwrap_or("")
                .to_string(),
            span: c.span,
            themes: taxonomy.or_fallback(themes),
            entities: Vec::new(),
        });
    }

    budget.check()?;
    let entities = entities::find(&paragraphs, &lower, &mut commitments, &mut toks);
    budget.check()?;
    let themes = taxonomy
        .themes
        .iter()
        .map(|t| ThemeSummary {
            id: t.id.clone(),
            name: t.name.clone(),
            commitments: commitments
                .iter()
                .filter(|c| c.themes.contains(&t.id))
                .map(|c| c.id)
                .collect(),
        })
        .collect();

    Ok(Document {
        // Header lines keep their tabs (clean leaves them for the text);
        // a title or a source is one line, shown in cells and headings.
        title: head
            .title
            .map(|t| one_line(&t))
            .unwrap_or_else(|| title_from_path(path)),
        published: head.published,
        source: head.source.map(|s| one_line(&s)),
        path: path.map(str::to_string),
        paragraphs,
        themes,
        commitments,
        entities,
    })
}

/// A lead-in whose list the paragraphs are reading.
struct OpenList {
    frame: commitments::ListFrame,
    /// Where the lead-in's own commitments start in the raw list, until the
    /// first item has cleared those that only announce the list.
    announced: Option<usize>,
    /// The marker style of the list's first item (`1`, `a`, `•` …).
    style: Option<char>,
    /// The lead-in's paragraph (index).
    paragraph: usize,
}

/// The text of a raw commitment's span in its paragraph.
fn text_of_span(
    paragraphs: &Paragraphs,
    (paragraph, c): &(usize, commitments::RawCommitment),
) -> String {
    paragraphs
        .text(paragraph - 1)
        .and_then(|t| t.get(c.span.start..c.span.end))
        .unwrap_or("")
        .to_string()
}

/// The statement's own actors: the explicit subject that commits most often
/// (counted once per clause), first seen on a tie.
fn own_actors<'a>(raw: impl Iterator<Item = &'a commitments::RawCommitment>) -> String {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut last: Option<(&str, usize)> = None;
    for (order, c) in raw.enumerate() {
        let Some(actor) = c.actor.as_deref() else {
            continue;
        };
        if is_pronoun(actor) || last == Some((actor, c.sentence)) {
            continue;
        }
        last = Some((actor, c.sentence));
        counts.entry(actor).or_insert((0, order)).0 += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
        .map_or_else(|| UNNAMED_ACTORS.to_string(), |(a, _)| a.to_string())
}

/// `The Ministerial Conference,` on a line of its own near the top: the
/// body whose resolution follows, in clauses without a subject (`Decides
/// to …`).
fn speaker(paragraphs: &Paragraphs) -> Option<String> {
    (0..paragraphs.len().min(12)).find_map(|i| {
        let text = paragraphs.text(i)?.trim();
        let name = text.strip_suffix(',')?;
        let words = name.split_whitespace().count();
        ((2..=6).contains(&words)
            && name.starts_with(char::is_uppercase)
            && !name.contains([',', ';', ':'])
            && !name.chars().any(|c| c.is_ascii_digit()))
        .then(|| name.to_string())
    })
}

fn is_pronoun(actor: &str) -> bool {
    is_third_person_pronoun(actor)
        || ["we", "i", "you"]
            .iter()
            .any(|p| actor.eq_ignore_ascii_case(p))
}

fn is_third_person_pronoun(actor: &str) -> bool {
    ["they", "it", "he", "she"]
        .iter()
        .any(|p| actor.eq_ignore_ascii_case(p))
}

/// `text` with every control character (tabs, stray line breaks) a space.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The file name without its extension; a file name, too, may hold control
/// characters, and they go the way of the text's.
fn title_from_path(path: Option<&str>) -> String {
    path.and_then(|p| std::path::Path::new(p).file_stem())
        .map(|s| one_line(&clean(&s.to_string_lossy())))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "Untitled statement".to_string())
}

/// The embedded statement, parsed.
pub fn embedded(taxonomy: &Taxonomy) -> Document {
    parse(EMBEDDED_TEXT, None, taxonomy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_and_a_source_are_one_line_without_control_characters() {
        let text =
            "A\tplan\rfor ports\n\nSource:\tXinhua\x0b agency\n\nShanghai will build a port.\n";
        let doc = parse(text, None, &Taxonomy::embedded());
        assert!(!doc.title.chars().any(char::is_control), "{:?}", doc.title);
        assert!(doc.title.starts_with("A plan"), "{:?}", doc.title);
        if let Some(source) = &doc.source {
            assert!(!source.chars().any(char::is_control), "{source:?}");
        }
    }

    #[test]
    fn a_resolutions_clauses_belong_to_the_body_named_above_them() {
        let text = "Resolution 4/1 on wells\n\nThe Regional Water Assembly,\n\n\
                    Noting the drought of last summer,\n\n\
                    1. Decides to drill forty new wells by 2027;\n\n\
                    2. Requests the Secretariat to map the aquifers.\n";
        let doc = parse(text, None, &Taxonomy::embedded());
        assert_eq!(doc.commitments.len(), 2, "{:?}", doc.commitments);
        for c in &doc.commitments {
            assert_eq!(c.actor, "The Regional Water Assembly", "{c:?}");
        }
    }

    fn primary_themes(text: &str) -> Vec<(String, String)> {
        parse(text, None, &Taxonomy::embedded())
            .commitments
            .iter()
            .map(|c| (c.text.clone(), c.themes[0].clone()))
            .collect()
    }

    #[test]
    fn an_item_without_theme_words_takes_its_lead_ins_then_the_titles() {
        let text = "Notes of the lakeside meeting\n\n\
                    To guard the farms against drought, the county will:\n\
                    - map every well;\n\
                    - report twice a year.\n\n\
                    Townships must also:\n\
                    - keep a register of volunteers.\n";
        let themes = primary_themes(text);
        assert_eq!(themes.len(), 3, "{themes:?}");
        // `farms` in the lead-in: agriculture, not the catch-all.
        assert_eq!(themes[0].1, "agriculture", "{themes:?}");
        assert_eq!(themes[1].1, "agriculture", "{themes:?}");
        // Neither the item nor its lead-in names a theme, and the title
        // does not either: the catch-all.
        assert_eq!(themes[2].1, "guidance", "{themes:?}");
        let titled = text.replace("lakeside meeting", "port safety meeting");
        let themes = primary_themes(&titled);
        assert_ne!(themes[2].1, "guidance", "{themes:?}");
    }
}
