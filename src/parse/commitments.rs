//! Commitments: the single actions a statement commits someone to.
//!
//! A clause commits when it has a committing head: a modal (`will`, `must`,
//! `shall`, `should`), `is/are to`, a committing verb with an infinitive
//! (`agreed to`, `pledged to`), or `it is necessary to`. What follows the head
//! is split into coordinated verb phrases (`accelerate X, deepen and improve
//! Y, and jointly create Z`); the subject before it is the actor. Passives
//! (`X will be established`) keep their subject in the text, since it is what
//! the action is done to; `Efforts will be made to do …` is an active
//! commitment of the statement's own actors. Attributions (`, said the
//! statement`) are cut off first.

use super::lexicon::{Class, class_of};
use super::structure::list_marker_len;
use super::tokens::{Kind, Tok};
use crate::model::Span;

#[derive(Debug, Clone, PartialEq)]
pub struct RawCommitment {
    pub sentence: usize,
    /// The explicit subject; `None` means the statement's own actors.
    pub actor: Option<String>,
    pub modality: String,
    pub span: Span,
    /// For a list item, the paragraph (index) of its lead-in, whose themes
    /// an item that names none takes.
    pub lead_in: Option<usize>,
}

/// What a lead-in (`We commit to:`, `Member States must urgently:`, `The
/// main targets for 2025 are as follows:`) gives the list items after it:
/// their actor and modality.
#[derive(Debug, Clone, PartialEq)]
pub struct ListFrame {
    /// `None`: the statement's own actors.
    pub actor: Option<String>,
    pub modality: String,
}

/// How a sentence is read: as prose, as a list item with no lead-in before
/// it (an item opening with a verb is a directive), or as an item of a
/// lead-in's list (every item commits, whatever its form: an imperative, a
/// gerund, a noun phrase naming a target).
#[derive(Debug, Clone, Copy)]
pub enum Reading<'a> {
    Prose,
    Item,
    Framed(&'a ListFrame),
}

/// Nouns that name the items of a list to come: `the following measures:`,
/// `three tasks:`.
const FRAME_NOUNS: &[&str] = &[
    "measures",
    "tasks",
    "steps",
    "actions",
    "priorities",
    "areas",
    "points",
    "efforts",
    "initiatives",
    "goals",
    "targets",
    "objectives",
    "commitments",
    "principles",
    "things",
    "aspects",
];

/// Words of a lead-in that names targets: its items are targets.
const TARGET_WORDS: &[&str] = &["target", "targets", "goals", "objectives", "indicators"];

/// Words of a lead-in that lists what a plan holds: `The action plan
/// includes:`, `Key measures:`.
const INCLUDE_WORDS: &[&str] = &[
    "include",
    "includes",
    "including",
    "covers",
    "comprises",
    "contains",
    "following",
    "follows",
    "measures",
    "tasks",
    "actions",
    "priorities",
    "steps",
];

/// Does sentence `s` end in a colon (`:`, `:-`, `：`, `: —`)?
fn ends_in_colon(text: &str, s: Span) -> bool {
    text.get(s.start..s.end).is_some_and(|t| {
        t.trim_end()
            .trim_end_matches(['-', '—', '–'])
            .trim_end()
            .ends_with([':', '：'])
    })
}

/// The frame a sentence ending in a colon sets for the list items after it,
/// if it is a lead-in: it has a committing head (`We will:`, `We commit
/// to:`, `The city will take the following measures:`), or it names targets
/// or what a plan includes. `toks` are the sentence's tokens.
pub fn lead_in(text: &str, toks: &[Tok], s: Span) -> Option<ListFrame> {
    if !ends_in_colon(text, s) {
        return None;
    }
    // The last clause only (`…; the Council agrees to:`), past a list
    // marker (`2. The Council agrees to:`).
    let marker_end = s.start + list_marker_len(&text[s.start..s.end]);
    let from = toks
        .iter()
        .rposition(|t| t.kind == Kind::Stop && text[t.start..].starts_with([';', '；']))
        .map_or(0, |i| i + 1)
        .max(toks.partition_point(|t| t.start < marker_end));
    let toks = &toks[from..];
    let words_end = toks
        .iter()
        .rposition(|t| t.kind == Kind::Word)
        .map_or(0, |i| i + 1);
    let mut seen = false;
    for i in 0..words_end {
        let t = &toks[i];
        let mut k = i + 1;
        while k < words_end && class_at(toks, k).has(Class::ADVERB) {
            k += 1;
        }
        // `We will:`, `Member States must urgently:`, `We commit to:`: a head
        // with nothing after it but the colon.
        let bare_modal = t.class.has(Class::MODAL) && !is_noun_context(toks, i) && k == words_end;
        let bare_commit = t.class.has(Class::COMMIT_VERB)
            && t.lowercase
            && word_at(toks, i + 1) == "to"
            && i + 2 == words_end;
        let head = if bare_modal {
            Some((i, t.lower.to_string(), false))
        } else if bare_commit {
            Some((i, format!("{} to", t.lower), false))
        } else {
            head_at(toks, i, seen).map(|h| (h.at, h.modality, h.dummy_subject))
        };
        seen |= is_reporting_verb(t);
        if let Some((at, modality, dummy)) = head {
            let actor = if dummy {
                None
            } else {
                subject(text, &toks[..at]).map(|s| s.text)
            };
            return Some(ListFrame { actor, modality });
        }
    }
    let has = |list: &[&str]| toks[..words_end].iter().any(|t| list.contains(&t.lower));
    if has(TARGET_WORDS) {
        return Some(ListFrame {
            actor: None,
            modality: "target".to_string(),
        });
    }
    // `The plan includes:`, `the following tasks:`: its items are the
    // plan's measures, directives as a bare list's are.
    has(INCLUDE_WORDS).then(|| ListFrame {
        actor: None,
        modality: "directive".to_string(),
    })
}

/// An item that is a heading within a list of measures (`3. Key figures`):
/// a few words, with no verb and no figure. Under a target's or a head's
/// lead-in a noun phrase is the commitment itself (`-- a jobless rate of
/// 5.5 percent`, `We commit to: - a fleet of 200 buses`).
fn is_heading(toks: &[Tok], frame: &ListFrame) -> bool {
    let words: Vec<&Tok> = toks.iter().filter(|t| t.kind == Kind::Word).collect();
    frame.modality == "directive"
        && words.len() <= 4
        && !words.iter().any(|t| {
            is_verb(t) || t.class.has(Class::GERUND) || t.lower.bytes().any(|b| b.is_ascii_digit())
        })
}

/// A lead-in's own action that only announces its list (`take the
/// following measures`, `focus on three tasks`): no commitment once the
/// items are there.
pub fn only_announces(text: &str) -> bool {
    let lower = text.to_lowercase();
    let last = lower
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    lower.contains("following") || lower.contains("as follows") || FRAME_NOUNS.contains(&last)
}

/// A statement's own verbs: the words that follow its modals (`will
/// build`), on top of the genre lexicon.
#[derive(Default)]
pub struct Verbs {
    learned: foldhash::HashSet<String>,
}

impl Verbs {
    #[cfg(test)]
    pub fn learn<'a, 'b: 'a>(
        paragraphs: impl IntoIterator<Item = (&'a str, &'a [Tok<'b>])>,
    ) -> Verbs {
        let mut verbs = Verbs::default();
        for (text, toks) in paragraphs {
            verbs.learn_from(text, toks);
        }
        verbs
    }

    /// Learn the verbs one paragraph uses after a modal; all paragraphs are
    /// learnt from before any is marked.
    pub fn learn_from(&mut self, text: &str, toks: &[Tok]) {
        for i in 0..toks.len() {
            // `resolved to end hunger`: the word after a committing verb's
            // `to` is a verb as the one after a modal is.
            let commit_to = toks[i].class.has(Class::COMMIT_VERB) && word_at(toks, i + 1) == "to";
            if !(toks[i].class.has(Class::MODAL) || commit_to) || is_noun_context(toks, i) {
                continue;
            }
            let mut k = i + 1 + usize::from(commit_to);
            while k < toks.len() && toks[k].class.has(Class::ADVERB) {
                k += 1;
            }
            if let Some(t) = toks.get(k) {
                let w = t.lower;
                // `Should we do more?`: a pronoun after a modal asks.
                let plain = t.kind == Kind::Word
                    && text[t.start..].starts_with(|c: char| c.is_ascii_lowercase())
                    && !matches!(
                        w,
                        "be" | "have"
                            | "not"
                            | "we"
                            | "you"
                            | "they"
                            | "it"
                            | "he"
                            | "she"
                            | "i"
                            | "there"
                            | "this"
                            | "that"
                    )
                    && !t.class.has(Class::FUNCTION_WORD);
                if plain && !self.learned.contains(w) {
                    self.learned.insert(w.to_string());
                }
            }
        }
    }

    /// Mark the learned verbs, and the -ing forms of all known verbs, on
    /// the tokens, so that the rules need only the tokens.
    pub fn mark(&self, toks: &mut [Tok]) {
        for t in toks.iter_mut().filter(|t| t.kind == Kind::Word) {
            // The lexicon's own verbs are known already.
            if !t.class.has(Class::ACTION_VERB) && self.learned.contains(t.lower) {
                t.class |= Class::LEARNED_VERB;
            }
            if t.lower.ends_with("ing") && self.is_gerund(t.lower) {
                t.class |= Class::GERUND;
            }
        }
    }

    fn contains(&self, w: &str) -> bool {
        class_of(w).has(Class::ACTION_VERB) || self.learned.contains(w)
    }

    /// `deepening`, `building`, `sharing`, `planning`: the -ing form of a
    /// known verb.
    fn is_gerund(&self, w: &str) -> bool {
        let Some(stem) = w.strip_suffix("ing") else {
            return false;
        };
        if stem.len() < 2 {
            return false;
        }
        let undoubled =
            stem.len() >= 3 && stem.as_bytes()[stem.len() - 1] == stem.as_bytes()[stem.len() - 2];
        self.contains(stem)
            || self.contains(&format!("{stem}e"))
            || (undoubled && self.contains(&stem[..stem.len() - 1]))
    }
}

/// A known verb of the lexicon or of the statement.
fn is_verb(t: &Tok) -> bool {
    t.class.has(Class::KNOWN_VERB)
}

/// A verb that is hardly ever a noun, so `X and improve Y` splits even
/// without a comma.
fn is_clear_verb(t: &Tok) -> bool {
    t.class.has(Class::ACTION_VERB) && !t.class.has(Class::NOUN_LIKE_VERB)
}

fn word_at<'a>(toks: &[Tok<'a>], i: usize) -> &'a str {
    toks.get(i).map_or("", |t| t.lower)
}

fn class_at(toks: &[Tok], i: usize) -> Class {
    toks.get(i).map_or(Class::NONE, |t| t.class)
}

/// `the will of the people`, `political will`: `will` as a noun.
fn is_noun_context(toks: &[Tok], i: usize) -> bool {
    i > 0
        && matches!(
            word_at(toks, i - 1),
            "the"
                | "a"
                | "political"
                | "good"
                | "free"
                | "ill"
                | "its"
                | "their"
                | "whose"
                | "his"
                | "her"
                | "our"
                | "people's"
                | "people’s"
        )
}

#[derive(Debug)]
struct Head {
    /// Token index where the head starts (end of the subject).
    at: usize,
    /// First token after the head.
    after: usize,
    modality: String,
    dummy_subject: bool,
}

/// `Corporate pledges to reach net zero were restated`: `pledges to` was a
/// noun with its infinitive, the subject of a verb that follows before any
/// comma. A few words ahead are looked at, no more.
fn plural_noun_subject(toks: &[Tok], from: usize) -> bool {
    toks[from.min(toks.len())..]
        .iter()
        .take(14)
        .take_while(|t| t.kind == Kind::Word)
        .any(|t| matches!(t.lower, "were" | "are" | "remain" | "remained"))
}

/// Is there a committing head at token `i`?
/// `reported`: a reporting verb came earlier in the sentence than token `i`
/// (before `toks`, or in `toks[..i]`). Callers track it as they walk, so
/// that no `would` looks back over the clause again.
fn head_at(toks: &[Tok], i: usize, reported: bool) -> Option<Head> {
    let t = &toks[i];
    // Only words classed as possible heads go on; a new kind of head below
    // needs its word in `lexicon::OTHER_HEAD_WORDS`.
    if t.kind != Kind::Word || !t.class.has(Class::HEAD_WORD) {
        return None;
    }
    let w = t.lower;
    let prev = if i > 0 { word_at(toks, i - 1) } else { "" };
    if matches!(prev, "that" | "which" | "who" | "whom") {
        return None; // a relative clause inside a noun phrase
    }
    let next = word_at(toks, i + 1);
    let verb_after = |k: usize| {
        let mut k = k;
        while k < toks.len() && class_at(toks, k).has(Class::ADVERB) {
            k += 1;
        }
        toks.get(k).is_some_and(|t| {
            t.kind == Kind::Word && (matches!(t.lower, "be" | "have") || is_verb(t))
        })
    };
    // `would` is the future of reported speech: `the statement said the
    // region would …`, `they agreed that they would …`.
    let reported_would = w == "would" && reported;
    // `No family should have to choose …`: a norm for anyone, not an act;
    // `will not be easy`: a forecast.
    // `Should demand keep growing, emissions could …`: a clause-initial
    // `Should` is a condition (or a question), not an obligation.
    if w == "should" && !t.lowercase && toks[..i].iter().all(|t| t.kind != Kind::Word) {
        return None;
    }
    if t.class.has(Class::MODAL)
        && ((next == "have" && word_at(toks, i + 2) == "to")
            || (next == "not" && word_at(toks, i + 2) == "have" && word_at(toks, i + 3) == "to")
            || (next == "not"
                && word_at(toks, i + 2) == "be"
                && !class_at(toks, i + 3).has(Class::PAST_PARTICIPLE)))
    {
        return None;
    }
    if t.class.has(Class::MODAL) || reported_would {
        if is_noun_context(toks, i) {
            return None;
        }
        let mut k = i + 1;
        while k < toks.len() && class_at(toks, k).has(Class::ADVERB) {
            k += 1;
        }
        let t = toks.get(k)?;
        let after_word = t.lower;
        let ok = t.kind == Kind::Word
            && !matches!(after_word, "of" | "the" | "a" | "an" | "and" | "or" | "to");
        return ok.then(|| Head {
            at: i,
            after: i + 1,
            modality: w.to_string(),
            dummy_subject: false,
        });
    }
    if matches!(w, "is" | "are") && next == "to" && verb_after(i + 2) {
        return Some(Head {
            at: i,
            after: i + 2,
            modality: format!("{w} to"),
            dummy_subject: false,
        });
    }
    if t.class.has(Class::COMMIT_VERB)
        && t.lowercase
        // `donors had pledged to double …`: a past promise reported.
        && prev != "had"
        && !prev.ends_with("'s")
        && !prev.ends_with("’s")
        && next == "to"
        && !matches!(
            prev,
            "the" | "a" | "an" | "this" | "its" | "their" | "our" | "his" | "her"
                // `is committed to`: the adjective, handled below.
                | "is" | "are" | "be" | "was" | "were" | "remain" | "remains"
        )
        && (verb_after(i + 2)
            || (w.starts_with("commit") && class_at(toks, i + 2).has(Class::GERUND)))
        && !(w.ends_with('s') && plural_noun_subject(toks, i + 2))
    {
        return Some(Head {
            at: i,
            after: i + 2,
            modality: format!("{w} to"),
            dummy_subject: false,
        });
    }
    // `Each district is required to appoint …`
    if w == "required" && next == "to" && matches!(prev, "is" | "are" | "be") && verb_after(i + 2) {
        return Some(Head {
            at: i - 1,
            after: i + 2,
            modality: "required to".to_string(),
            dummy_subject: false,
        });
    }
    // `Old mains have to be replaced`, `The county has to publish …`.
    if matches!(w, "has" | "have")
        && next == "to"
        && t.lowercase
        && !class_at(toks, i.wrapping_sub(1)).has(Class::MODAL)
        && verb_after(i + 2)
    {
        return Some(Head {
            at: i,
            after: i + 2,
            modality: format!("{w} to"),
            dummy_subject: false,
        });
    }
    // `More efforts are needed to attract …`, `Investment is needed to …`.
    if w == "needed" && next == "to" && matches!(prev, "is" | "are") && verb_after(i + 2) {
        // `More efforts are needed`: efforts name no actor.
        let efforts = toks[..i - 1].iter().all(|t| {
            matches!(
                t.lower,
                "more" | "greater" | "further" | "stronger" | "efforts" | "effort"
            )
        });
        return Some(Head {
            at: i - 1,
            after: i + 2,
            modality: "need to".to_string(),
            dummy_subject: efforts,
        });
    }
    // `The ministry requires local governments to publish …`: what a body
    // requires of others, as what it calls for.
    if matches!(w, "requires" | "require")
        && t.lowercase
        && !matches!(prev, "the" | "a" | "this" | "to" | "that" | "which")
        && toks
            .get(i + 1)
            .is_some_and(|t| t.kind == Kind::Word && !t.lower.eq("that"))
        && to_verb_within(toks, i + 2, 7, &verb_after).is_some()
    {
        return Some(Head {
            at: i,
            after: i + 1,
            modality: "requires".to_string(),
            dummy_subject: false,
        });
    }
    // `The Commission calls on the Parliament to endorse …`: the same call.
    if t.lowercase
        && matches!(w, "called" | "calls" | "call")
        && matches!(next, "on" | "upon")
        && !matches!(prev, "the" | "a" | "this" | "to" | "is" | "was" | "be")
        && to_verb_within(toks, i + 3, 13, &verb_after).is_some()
    {
        return Some(Head {
            at: i,
            after: i + 2,
            modality: "calls for".to_string(),
            dummy_subject: false,
        });
    }
    // `The Council underlines the need to shorten permitting …`: a need the
    // body states is its own; `The meeting stressed efforts to expand …`:
    // the efforts it asks for are its call.
    if matches!(w, "need" | "efforts")
        && next == "to"
        && verb_after(i + 2)
        && i >= 2
        && (w == "efforts" || prev == "the")
        && matches!(
            word_at(toks, if w == "need" { i - 2 } else { i - 1 }),
            "underlines"
                | "underlined"
                | "stresses"
                | "stressed"
                | "emphasises"
                | "emphasized"
                | "emphasised"
                | "emphasizes"
                | "highlights"
                | "highlighted"
                | "recognises"
                | "recognizes"
                | "stress"
                | "underline"
        )
    {
        // The subject is the one before the stating verb.
        return Some(Head {
            at: if w == "need" { i - 2 } else { i - 1 },
            after: i + 2,
            modality: if w == "need" { "need to" } else { "calls for" }.to_string(),
            dummy_subject: false,
        });
    }
    // `3. Decides to establish …`, `4. Requests the Secretariat to …`: a
    // resolution's operative clause opens with its verb, the body that
    // speaks named once in the preamble.
    if let Some(head) = operative_clause(toks, i, verb_after) {
        return Some(head);
    }
    // `The ministry has agreed with the two plants to raise output …`.
    if t.lowercase
        && matches!(w, "agreed" | "agrees" | "agree")
        && next == "with"
        && prev != "had"
        && let Some(to) = to_verb_within(toks, i + 3, 11, &verb_after)
        && toks[i + 2..to].iter().all(|t| t.kind == Kind::Word)
    {
        return Some(Head {
            at: i,
            after: to + 1,
            modality: "agreed to".to_string(),
            dummy_subject: false,
        });
    }
    // `The meeting called for stronger coordination`, `The forum urged
    // members to share data`: what a body asks of others is its commitment.
    if t.lowercase
        && ((matches!(w, "called" | "calls" | "call") && next == "for")
            || matches!(w, "urged" | "urges" | "urge")
            // `We encourage all members to share …`
            || (matches!(
                w,
                "encourage" | "encourages" | "encouraged" | "invite" | "invites" | "invited"
            )
                && to_verb_within(toks, i + 2, 6, &verb_after).is_some()))
        && !matches!(prev, "the" | "a" | "this" | "to" | "is" | "was" | "be")
        && toks
            .get(i + 1 + usize::from(next == "for"))
            .is_some_and(|t| t.kind == Kind::Word)
    {
        return Some(Head {
            at: i,
            after: i + 1 + usize::from(next == "for"),
            modality: "calls for".to_string(),
            dummy_subject: false,
        });
    }
    // `China stands ready to work with …`
    if w == "ready"
        && next == "to"
        && matches!(
            prev,
            "is" | "are" | "stand" | "stands" | "remain" | "remains" | "be"
        )
        && verb_after(i + 2)
    {
        return Some(Head {
            at: i - 1,
            after: i + 2,
            modality: "ready to".to_string(),
            dummy_subject: false,
        });
    }
    // `X is committed to building …`
    // `We are determined to halve …`.
    // After `determined to` comes a verb, known or not (`halve`).
    if w == "determined"
        && next == "to"
        && matches!(prev, "is" | "are" | "remain" | "remains")
        && toks.get(i + 2).is_some_and(|t| {
            t.kind == Kind::Word
                && t.lowercase
                && !matches!(t.lower, "the" | "a" | "an" | "this" | "that" | "be")
        })
    {
        return Some(Head {
            at: i - 1,
            after: i + 2,
            modality: "determined to".to_string(),
            dummy_subject: false,
        });
    }
    if matches!(w, "committed" | "dedicated")
        && next == "to"
        && matches!(prev, "is" | "are" | "remain" | "remains" | "be")
        && word_at(toks, i + 2).ends_with("ing")
    {
        return Some(Head {
            at: i - 1,
            after: i + 2,
            modality: format!("{w} to"),
            dummy_subject: false,
        });
    }
    if w == "it"
        && matches!(next, "is" | "was")
        && class_at(toks, i + 2).has(Class::NECESSITY)
        && word_at(toks, i + 3) == "to"
        && verb_after(i + 4)
    {
        let modality = word_at(toks, i + 2);
        return Some(Head {
            at: i,
            after: i + 4,
            modality: modality.to_string(),
            dummy_subject: true,
        });
    }
    None
}

/// `Twelve months ago`, `last year`, `previously`, `earlier this year`
/// before a head: what follows is told as past.
fn told_as_past(toks: &[Tok]) -> bool {
    toks.iter().enumerate().any(|(j, t)| match t.lower {
        "ago" | "previously" | "formerly" => true,
        "last" | "earlier" => matches!(
            word_at(toks, j + 1),
            "year" | "month" | "week" | "summer" | "spring" | "autumn" | "winter" | "this"
        ),
        _ => false,
    })
}

/// The first `to` with a verb after it among the `span` tokens from `from`
/// (`requires local governments to publish`, `Calls upon donors to fund`):
/// where a demand on someone names the act it asks for.
fn to_verb_within(
    toks: &[Tok],
    from: usize,
    span: usize,
    verb_after: &impl Fn(usize) -> bool,
) -> Option<usize> {
    (from..toks.len().min(from + span)).find(|&j| word_at(toks, j) == "to" && verb_after(j + 1))
}

/// `Decides (also) to …`, `Requests X to …`, `Calls upon X to …` opening a
/// clause, capitalised: the operative paragraphs of a resolution.
fn operative_clause(toks: &[Tok], i: usize, verb_after: impl Fn(usize) -> bool) -> Option<Head> {
    let t = &toks[i];
    if t.lowercase || toks[..i].iter().any(|t| t.kind == Kind::Word) {
        return None;
    }
    let (after, modality) = match t.lower {
        "decides" | "resolves" | "agrees" => {
            let mut k = i + 1;
            while matches!(word_at(toks, k), "also" | "further" | "therefore") {
                k += 1;
            }
            if word_at(toks, k) != "to" || !verb_after(k + 1) {
                return None;
            }
            let modality = match t.lower {
                "decides" => "decided to",
                "resolves" => "resolve to",
                _ => "agree to",
            };
            (k + 1, modality)
        }
        "requests" | "urges" | "encourages" | "invites" | "instructs" | "directs" => {
            to_verb_within(toks, i + 2, 16, &verb_after)?;
            (i + 1, "calls for")
        }
        "calls" if matches!(word_at(toks, i + 1), "upon" | "on") => {
            to_verb_within(toks, i + 3, 16, &verb_after)?;
            (i + 2, "calls for")
        }
        _ => return None,
    };
    Some(Head {
        at: i,
        after,
        modality: modality.to_string(),
        dummy_subject: true,
    })
}

/// The sentence minus its final punctuation, a leading list marker or quote,
/// and a trailing attribution (`, said the statement`).
fn core(text: &str, s: Span, first_in_paragraph: bool) -> Span {
    let closers: &[char] = &['"', '\'', '”', '’', ')', ']', '）'];
    let mut start = s.start;
    if first_in_paragraph {
        start += list_marker_len(&text[s.start..s.end]);
    }
    let body = &text[start..s.end];
    start += body.len() - body.trim_start_matches(['"', '“', '‘', '\'']).len();
    let mut end_text = text[start..s.end]
        .trim_end()
        .trim_end_matches(closers)
        .trim_end_matches(['.', '!', '?', '。', '！', '？'])
        .trim_end_matches(closers)
        .trim_end();
    // The attribution may hold commas of its own (`, said Li Ming, deputy
    // director of the bureau`): the last few commas are tried, the first
    // from the left that starts one wins.
    let commas: Vec<usize> = end_text
        .rmatch_indices([',', '，'])
        .map(|(i, _)| i)
        .take(3)
        .collect();
    if let Some(&comma) = commas
        .iter()
        .rev()
        .find(|&&c| is_attribution(end_text[c..].trim_start_matches([',', '，'])))
    {
        end_text = end_text[..comma].trim_end_matches(closers).trim_end();
    }
    Span::new(start, start + end_text.len())
}

/// The saying verbs that end an attribution (`, the ministry said`).
const SAYS: &[&str] = &[
    "said",
    "says",
    "noted",
    "stated",
    "added",
    "stressed",
    "announced",
    "declared",
    "reads",
    "read",
    "wrote",
    "reported",
    "emphasized",
    "emphasised",
    "explained",
    "concluded",
];

fn is_attribution(tail: &str) -> bool {
    let tail = tail.trim().trim_start_matches(['”', '"', '’', '\'']).trim();
    // Every test below looks at 20 words at most: a longer tail is read no
    // further (and nothing is copied), since this runs for the last commas
    // of every sentence.
    // Every test needs `according`, a saying verb among the first words or
    // as the last, or `pointed out`: most tails have none, and are turned
    // away after reading six words and the last.
    // The tests below compare whole words as they stand, so this may too.
    let says_word = |w: &str| {
        // Length and first letter of every word compared below (`and`,
        // `the`, `development` go no further).
        let first = w.as_bytes().first().map_or(0, |b| b | 0x20);
        matches!(
            (w.len(), first),
            (3, b'o')
                | (4, b's' | b'r')
                | (5, b'n' | b'a' | b'r' | b'w')
                | (6, b's')
                | (8, b's' | b'd' | b'r')
                | (9, b'a' | b'e' | b'c')
                | (10, b'e')
        ) && (SAYS.iter().any(|s| s.eq_ignore_ascii_case(w))
            || w.eq_ignore_ascii_case("according")
            || w.eq_ignore_ascii_case("out"))
    };
    let last_word = tail
        .rsplit(|c: char| c.is_ascii_whitespace())
        .next()
        .unwrap_or("");
    if !says_word(last_word) && !tail.split_ascii_whitespace().take(6).any(says_word) {
        return false;
    }
    let mut words: [&str; 21] = [""; 21];
    let mut n = 0;
    for w in tail.split_ascii_whitespace().take(21) {
        words[n] = w;
        n += 1;
    }
    let words = &words[..n];
    let Some(&first) = words.first() else {
        return false;
    };
    let last = words.last().copied().unwrap_or("");
    let is = |w: &str, list: &[&str]| list.iter().any(|s| s.eq_ignore_ascii_case(w));
    // `he said on Monday`, `Premier Li said at a press conference`: the
    // saying verb after a subject of a few words.
    let says_after_subject = words
        .iter()
        .take(5)
        .position(|w| is(w, SAYS))
        .is_some_and(|p| p > 0 && words.len() <= p + 6)
        && !is(first, &["and", "but", "while", "which", "who", "as", "it"]);
    (first.eq_ignore_ascii_case("according")
        && words.get(1).is_some_and(|w| w.eq_ignore_ascii_case("to"))
        && words.len() <= 12)
        || (is(first, SAYS) && words.len() <= 20)
        || (is(last, SAYS) && words.len() <= 8)
        || says_after_subject
        || (words.len() >= 2
            && words.len() <= 8
            && last.eq_ignore_ascii_case("out")
            && words[words.len() - 2].eq_ignore_ascii_case("pointed"))
}

/// Extract the commitments of one paragraph from its tokens.
#[cfg(test)]
pub fn extract(text: &str, all: &[Tok], sentences: &[Span]) -> Vec<RawCommitment> {
    let mut out = Vec::new();
    let reading = if list_marker_len(text) > 0 {
        Reading::Item
    } else {
        Reading::Prose
    };
    for (si, s) in sentences.iter().enumerate() {
        let lo = all.partition_point(|t| t.start < s.start);
        let hi = all.partition_point(|t| t.end <= s.end);
        extract_sentence(text, &all[lo..hi.max(lo)], si, *s, reading, &mut out);
    }
    out
}

/// The commitments of sentence `si` of a paragraph (its span `s`, its
/// tokens `all`), appended to `out`; `reading` says whether the paragraph is
/// a list item, and of which lead-in.
pub fn extract_sentence(
    text: &str,
    all: &[Tok],
    si: usize,
    s: Span,
    reading: Reading,
    out: &mut Vec<RawCommitment>,
) {
    // `Will that change?`, `Should we do more?`: a question commits no one.
    if text[s.start..s.end]
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with(['?', '？'])
    {
        return;
    }
    let c = core(text, s, si == 0);
    let before = out.len();
    // Clauses joined by semicolons commit separately.
    let mut from = c.start;
    for piece in semicolon_pieces(&text[c.start..c.end]) {
        let to = from + piece.len();
        let clause_end = from + piece.trim_end_matches([';', '；']).trim_end().len();
        let lo = all.partition_point(|t| t.start < from);
        let hi = all.partition_point(|t| t.end <= clause_end);
        let toks = &all[lo..hi.max(lo)];
        // An item is its first sentence: unframed, only up to its first
        // `;`; framed, every clause of it commits.
        let item = match reading {
            Reading::Item if si == 0 && from == c.start => Reading::Item,
            Reading::Framed(frame) if si == 0 => Reading::Framed(frame),
            _ => Reading::Prose,
        };
        let mut rest = toks;
        let mut next = clause(text, rest, si, item, None, false, out);
        while let Some(n) = next {
            // Always forward, so the walk ends.
            rest = &rest[n.at.clamp(1, rest.len())..];
            next = clause(
                text,
                rest,
                si,
                Reading::Prose,
                n.inherited.as_deref(),
                n.reported,
                out,
            );
        }
        from = to;
    }
    // `must concentrate on three major tasks.`, then `The first task is
    // to …`: an action that only counts what comes is no commitment.
    let mut k = before;
    while k < out.len() {
        if counts_what_comes(&text[out[k].span.start..out[k].span.end]) {
            out.remove(k);
        } else {
            k += 1;
        }
    }
}

/// `text` cut after each `;` or `；`, the marks kept: `split_inclusive` by
/// bytes, since this runs on every sentence and both marks are easy to see
/// in UTF-8 (`；` is EF BC 9B).
fn semicolon_pieces(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let b = rest.as_bytes();
        let cut = b
            .iter()
            .enumerate()
            .find_map(|(i, &c)| match c {
                b';' => Some(i + 1),
                0xEF if b.get(i + 1..i + 3) == Some(&[0xBC, 0x9B]) => Some(i + 3),
                _ => None,
            })
            .unwrap_or(b.len());
        let (piece, tail) = rest.split_at(cut);
        rest = tail;
        Some(piece)
    })
}

/// A short action ending in a frame noun it counts: `focus on three
/// tasks`, `pursue five priorities`.
fn counts_what_comes(action: &str) -> bool {
    // Runs on every commitment: count no further than needed, copy nothing.
    if action.split_ascii_whitespace().nth(8).is_some() {
        return false;
    }
    let last = action
        .split_ascii_whitespace()
        .next_back()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
    last.is_some_and(|l| FRAME_NOUNS.iter().any(|f| f.eq_ignore_ascii_case(l)))
        && !super::figures::figures(action).is_empty()
}

/// One clause: find its head, its subject (or the `inherited` one of a
/// shared-subject predicate: `X will do A and is committed to B`) and its
/// actions.
#[allow(clippy::too_many_arguments)]
fn clause(
    text: &str,
    toks: &[Tok],
    sentence: usize,
    reading: Reading,
    inherited: Option<&str>,
    reported: bool,
    out: &mut Vec<RawCommitment>,
) -> Option<NextClause> {
    let mut seen = reported;
    let head = toks.iter().enumerate().find_map(|(i, t)| {
        let head = head_at(toks, i, seen);
        seen |= is_reporting_verb(t);
        head
    });
    let Some(head) = head else {
        // `1. Strengthen regional cooperation …` in a list of measures.
        let opens_with_verb = toks.first().is_some_and(|t| {
            t.kind == Kind::Word && text[t.start..].starts_with(char::is_uppercase) && is_verb(t)
        });
        let (actor, modality) = match reading {
            Reading::Item if opens_with_verb => (None, "directive"),
            Reading::Framed(frame) if !is_heading(toks, frame) => {
                (frame.actor.clone(), frame.modality.as_str())
            }
            _ => return None,
        };
        // Past any opening stops.
        let start = toks.iter().position(|t| t.kind == Kind::Word)?;
        return split_actions(
            text, toks, start, sentence, actor, modality, None, reported, out,
        );
    };
    // `…, of which no fewer than 40% will be for social rent`, `…, which
    // will …`: a relative clause describes, it does not commit.
    let clause_from = toks[..head.at]
        .iter()
        .rposition(|t| t.kind != Kind::Word)
        .map_or(0, |c| c + 1);
    if matches!(
        (word_at(toks, clause_from), word_at(toks, clause_from + 1)),
        ("of" | "in" | "for", "which" | "whom") | ("which" | "who" | "whose", _)
    ) && clause_from > 0
    {
        return None;
    }
    // `The plan sets out how the city will cope …`: an embedded question
    // tells what a text covers, not what anyone commits to.
    let from = head.at.saturating_sub(MAX_SUBJECT_TOKENS);
    if toks[from..head.at]
        .iter()
        .any(|t| matches!(t.lower, "how" | "why" | "whether"))
    {
        return None;
    }
    // `Retail sales will likely grow …`: a forecast, not a promise.
    if matches!(
        word_at(toks, head.after),
        "likely" | "probably" | "possibly" | "perhaps" | "surely" | "certainly"
    ) {
        return None;
    }
    // `Twelve months ago I said we would …`, `Last year the council decided
    // to …`: a past decision or promise, told again, is not this statement's.
    let past_head = head.modality == "would"
        || head
            .modality
            .split(' ')
            .next()
            .is_some_and(|m| m.ends_with("ed") && m != "required" && m != "needed");
    if past_head && told_as_past(&toks[from..head.at]) {
        return None;
    }
    // `38% of manufacturers said they planned to …`: a survey's finding.
    if toks[from..head.at].windows(2).any(|w| {
        let share = w[0]
            .lower
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit())
            && text[w[0].end..].starts_with('%');
        (share || w[0].lower == "percent") && w[1].lower == "of"
    }) {
        return None;
    }
    // `This Council believes that X must …`: a view, not an act.
    if toks[from..head.at].windows(2).any(|w| {
        matches!(
            w[0].lower,
            "believes" | "believe" | "considers" | "consider" | "feels"
        ) && w[1].lower == "that"
    }) {
        return None;
    }
    let subject = if head.dummy_subject {
        None
    } else {
        subject(text, &toks[..head.at]).or_else(|| {
            inherited.map(|s| Subject {
                text: s.to_string(),
                first_tok: head.at,
            })
        })
    };
    // Skip adverbs after the head; keep the ones that change the promise.
    let mut k = head.after;
    while k < toks.len() && class_at(toks, k).has(Class::ADVERB) {
        k += 1;
    }
    let mut start = (head.after..k)
        .find(|&j| !class_at(toks, j).has(Class::DISCOURSE_ONLY))
        .unwrap_or(k);
    if start >= toks.len() {
        return None;
    }
    let mut actor = subject.as_ref().map(|s| s.text.clone());
    let mut passive_from = None;
    if word_at(toks, k) == "be" {
        let mut m = k + 1;
        while m < toks.len() && class_at(toks, m).has(Class::ADVERB) {
            m += 1;
        }
        let to_at = if word_at(toks, m + 1) == "up" {
            m + 2
        } else {
            m + 1
        };
        if class_at(toks, m).has(Class::EFFORT_PARTICIPLE)
            && word_at(toks, to_at) == "to"
            && to_at + 1 < toks.len()
        {
            // `Efforts will be made to do …`: the statement's own actors act.
            let mut j = to_at + 1;
            while j < toks.len() && class_at(toks, j).has(Class::DISCOURSE_ONLY) {
                j += 1;
            }
            start = j;
            actor = None;
        } else if class_at(toks, m).has(Class::PAST_PARTICIPLE)
            && ((head.after..k).any(|j| word_at(toks, j) == "not")
                || matches!(word_at(toks, m), "held" | "convened" | "hosted"))
        {
            // `Sloppy work will not be tolerated`: a warning, not a promise;
            // `The forum will be held in May`: a date, not a promise.
            return None;
        } else if class_at(toks, m).has(Class::PAST_PARTICIPLE) {
            // `Two clusters will be established in …`: what is done, to what.
            passive_from = Some(m + 1);
            actor = None;
            start = subject.as_ref().map_or(head.at, |s| s.first_tok);
        }
    }
    if start >= toks.len() {
        return None;
    }
    // `The next meeting will take place in Nanning`: a date, not a promise;
    // `the choices we make will shape the future`: a consequence, not an act.
    // `decided to hold next year's symposium in Shanghai`: the same.
    // `Some of you will say yes`, `Others will argue …`: what people will
    // say or think is a forecast of them, not an act.
    if matches!(
        word_at(toks, start),
        "say" | "think" | "believe" | "wonder" | "argue" | "claim" | "feel"
    ) {
        return None;
    }
    // `When the downturn comes, and it will come, …`: a bare verb with
    // nothing after it names no act that could be checked.
    if passive_from.is_none() && toks.get(start + 1).is_none_or(|t| t.kind != Kind::Word) {
        return None;
    }
    let schedules_next = matches!(word_at(toks, start), "hold" | "host" | "convene")
        && (start + 1..toks.len().min(start + 4)).any(|j| word_at(toks, j).starts_with("next"));
    if schedules_next
        || (word_at(toks, start) == "take" && word_at(toks, start + 1) == "place")
        || matches!(
            word_at(toks, start),
            "shape" | "determine" | "affect" | "influence" | "define"
        )
        // `Meeting it will require redoubled efforts`: what a goal takes, not
        // an act; `will require banks to disclose …` asks something of
        // someone, and stays.
        || (word_at(toks, start) == "require"
            && !(start + 2..toks.len().min(start + 10)).any(|j| word_at(toks, j) == "to"))
        // `The next decade will decide whether …`: a forecast.
        || (word_at(toks, start) == "decide"
            && matches!(word_at(toks, start + 1), "whether" | "if"))
    {
        return None;
    }
    split_actions(
        text,
        toks,
        start,
        sentence,
        actor,
        &head.modality,
        passive_from,
        reported,
        out,
    )
}

/// Where the next clause of a sentence starts (`…, and Zhejiang will …`),
/// and the subject it shares with the clause before, if any. Clauses are
/// walked in a loop, not by recursion, so a paragraph of any length is safe.
struct NextClause {
    at: usize,
    inherited: Option<String>,
    /// A reporting verb came before it, so `would` commits there too.
    reported: bool,
}

/// The longest actor taken from the words before a head, in tokens and in
/// bytes: more than twice the longest the statements we know name (ten
/// words, 82 bytes: `the Yangtze River Delta Ecological Green Integrated
/// Development Demonstration Zone`).
const MAX_SUBJECT_TOKENS: usize = 24;
const MAX_SUBJECT_BYTES: usize = 240;

struct Subject {
    text: String,
    first_tok: usize,
}

/// The actor: the words before the head, less an introductory phrase
/// (`Driven by X, `), a reporting frame (`The statement said that`), linking
/// words and trailing adverbs.
fn subject(text: &str, toks: &[Tok]) -> Option<Subject> {
    // `We reaffirm X and will Y`: the second predicate shares the subject of
    // the first, which ends at its verb. (The call recurses at most once:
    // no verb stands before that first one, so the inner call stops there.)
    if matches!(toks.last().map(|t| t.lower), Some("and" | "but")) {
        let first_verb = (1..toks.len()).find(|&f| {
            toks[f].lowercase
                && (is_verb(&toks[f])
                    || toks[f].class.has(Class::STATEMENT_VERB)
                    || toks[f].lower.ends_with("ed"))
        });
        return first_verb.and_then(|f| subject(text, &toks[..f]));
    }
    let mut from = 0;
    loop {
        let first = word_at(toks, from);
        let comma = (from..toks.len()).find(|&j| toks[j].kind == Kind::Comma);
        // `Driven by X,` but not `Liaoning, Jilin and …`: a participle opens
        // a phrase of more than one word.
        let participle = first.len() > 4
            && (first.ends_with("ing") || class_at(toks, from).has(Class::PAST_PARTICIPLE))
            && comma.is_some_and(|c| c > from + 1);
        match comma {
            Some(c) if class_at(toks, from).has(Class::INTRO_OPENER) || participle => from = c + 1,
            _ => break,
        }
    }
    // `This year, we will`: a comma-set opener before the subject. A
    // coordinated list (`Jiangsu, Zhejiang and Anhui`) keeps its commas, and
    // an apposition (`The delta, a hub, will`) keeps its head.
    let commas: Vec<usize> = (from..toks.len())
        .filter(|&j| toks[j].kind == Kind::Comma)
        .collect();
    if let Some(&last_comma) = commas.last() {
        let tail_words = toks.len() - last_comma - 1;
        let coordinated =
            (last_comma + 1..toks.len()).any(|j| matches!(word_at(toks, j), "and" | "or"));
        if tail_words == 0 {
            return subject_from(text, &toks[..commas[0]], from);
        }
        if !coordinated {
            from = last_comma + 1;
        }
    }
    subject_from(text, toks, from)
}

fn subject_from<'t>(text: &str, mut toks: &'t [Tok<'t>], mut from: usize) -> Option<Subject> {
    // A dateline (`BEIJING --`) or a parenthesis before the subject: the
    // subject follows the last dash, unless nothing does, when the stop is
    // dropped and the one before it looked at (in a loop: a run of stops
    // may be of any length).
    while let Some(stop) = (from..toks.len())
        .rev()
        .find(|&j| toks[j].kind == Kind::Stop)
    {
        if (stop + 1..toks.len()).any(|j| toks[j].kind == Kind::Word) {
            from = stop + 1;
            break;
        }
        toks = &toks[..stop];
    }
    // `Article 6 Inspection records shall be kept …`: an article's number
    // heads the clause, it is no part of the subject.
    if matches!(word_at(toks, from), "article" | "section")
        && word_at(toks, from + 1)
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit())
    {
        from += 2;
    }
    // `By 2025 the city will`: a time phrase without its comma.
    if matches!(
        word_at(toks, from),
        "by" | "in" | "from" | "until" | "before" | "after"
    ) && word_at(toks, from + 1).bytes().all(|b| b.is_ascii_digit())
        && !word_at(toks, from + 1).is_empty()
    {
        from += 2;
    }
    // `Over the same period the districts will`, `In each county the
    // bureau will`: a prepositional phrase of a few words without its comma
    // ends where a second noun phrase (a determiner or a pronoun) begins.
    if class_at(toks, from).has(Class::INTRO_OPENER)
        && toks[from].kind == Kind::Word
        && let Some(second) = (from + 2..toks.len().min(from + 6)).find(|&j| {
            matches!(
                word_at(toks, j),
                "the" | "all" | "each" | "every" | "our" | "its" | "their" | "we" | "they"
            )
        })
    {
        from = second;
    }
    // `The plan sets out how the city will`: the subject is the clause's.
    if let Some(h) = (from..toks.len())
        .rev()
        .find(|&j| matches!(word_at(toks, j), "how" | "why" | "whether"))
    {
        from = h + 1;
    }
    if let Some(r) = (from..toks.len()).rev().find(|&j| {
        toks[j].kind == Kind::Word && toks[j].lowercase && toks[j].class.has(Class::REPORTING_VERB)
    }) {
        from = r + 1;
        if word_at(toks, from) == "out" {
            from += 1;
        }
    }
    while from < toks.len()
        && (toks[from].kind != Kind::Word
            || matches!(
                word_at(toks, from),
                "that" | "and" | "but" | "so" | "while" | "whereas"
            ))
    {
        from += 1;
    }
    // Trailing adverbs and auxiliaries: `The council also`, `The council has`.
    let mut to = toks.len();
    while to > from
        && (toks[to - 1].kind != Kind::Word
            || class_at(toks, to - 1).has(Class::ADVERB)
            || matches!(word_at(toks, to - 1), "has" | "have" | "had"))
    {
        to -= 1;
    }
    if to <= from {
        return None;
    }
    let s = text[toks[from].start..toks[to - 1].end].trim();
    // Whoever commits is named in a noun phrase of a few words; a longer
    // run before the head is not one, and its copy in every commitment of
    // the clause (and of every `they` after it) would grow with the square
    // of the text.
    if to - from > MAX_SUBJECT_TOKENS || s.len() > MAX_SUBJECT_BYTES {
        return None;
    }
    let lower = s.to_lowercase();
    if super::lexicon::is_dummy_subject(&lower) {
        return None;
    }
    // `The first is to build …; the second is to support …`: an ordinal
    // names a task, not who acts.
    const ORDINALS: &[&str] = &[
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "last", "next",
    ];
    if matches!(lower.as_str(), "the" | "a" | "an" | "this" | "that")
        || lower
            .strip_prefix("the ")
            .is_some_and(|rest| ORDINALS.contains(&rest))
    {
        return None;
    }
    Some(Subject {
        text: s.to_string(),
        first_tok: from,
    })
}

fn is_reporting_verb(t: &Tok) -> bool {
    t.lowercase && t.class.has(Class::REPORTING_VERB)
}

fn has_reporting_verb(toks: &[Tok]) -> bool {
    toks.iter().any(is_reporting_verb)
}

/// Does a new clause with its own subject and head start at token `j`
/// (`…, and Zhejiang will improve Y`)? `reported`: a reporting verb came
/// before token `j`.
fn new_clause_at(toks: &[Tok], j: usize, reported: bool) -> bool {
    let Some(first) = toks.get(j) else {
        return false;
    };
    // `…, of which 40% will be …`: a relative clause, not a new subject.
    if first.kind != Kind::Word
        || is_verb(first)
        || matches!(first.lower, "of" | "which" | "who" | "whose" | "whom")
    {
        return false;
    }
    // The subject may be long (`the comprehensive management of the Yangtze
    // River and Taihu Lake will`) or a list of short names (`Jiangsu,
    // Zhejiang and Anhui will`), but holds no verb of its own; a comma
    // after a longer chunk ends the search (`small and medium-sized firms,
    // and a platform will …` is not one subject).
    let mut chunk = 1;
    let mut crossed_comma = false;
    let mut reported = reported;
    for k in j + 1..toks.len().min(j + 18) {
        reported |= is_reporting_verb(&toks[k - 1]);
        match toks[k].kind {
            Kind::Stop => return false,
            Kind::Comma => {
                // `open, transparent and fair, and that we will …`: the new
                // clause starts at that later comma, not here.
                if chunk > 3 || matches!(word_at(toks, k + 1), "and" | "but" | "or" | "that") {
                    return false;
                }
                crossed_comma = true;
                chunk = 0;
                continue;
            }
            Kind::Word => {}
        }
        if head_at(toks, k, reported).is_some() {
            // A subject ends in a name, not in `and` (`X and Y, and urged Z`
            // is a second predicate of the clause's own subject).
            return (!crossed_comma || chunk <= 3) && !matches!(toks[k - 1].lower, "and" | "or");
        }
        if toks[k].lowercase && is_clear_verb(&toks[k]) {
            return false;
        }
        if !matches!(toks[k].lower, "and" | "or") {
            chunk += 1;
        }
    }
    false
}

/// A verb that opens a coordinated action must be followed by its object
/// (`, design, and transport` is a list of nouns, not of actions).
/// `deepen and improve Y`: a verb coordinated with a verb shares its object,
/// so the answer at `k` is the answer at `k + 2` when `and`/`or` follows;
/// such a chain is walked in a loop (no recursion, whatever its length), and
/// `chains` remembers the last one so that the walk from each of its `and`s
/// is not done again.
fn opens_action(toks: &[Tok], k: usize, gerunds: bool, chains: &mut Chain) -> bool {
    let from = k;
    let mut k = k;
    let result = loop {
        if let Some(known) = chains.answer(k) {
            break known;
        }
        let Some(t) = toks.get(k) else { break false };
        let verb_here = t.kind == Kind::Word
            && t.lowercase
            && !t.class.has(Class::FUNCTION_WORD)
            && (is_verb_here(toks, k)
                || (gerunds && (t.class.has(Class::GERUND) || looks_gerund(toks, k))));
        if !verb_here {
            break false;
        }
        match toks.get(k + 1) {
            Some(n) if n.kind == Kind::Word => match n.lower {
                "and" | "or" => k += 2,
                "nor" | "of" | "but" => break false,
                _ => break true,
            },
            _ => break false,
        }
    };
    chains.remember(from, k, result);
    result
}

/// A lowercase -ing word of six letters or more (`phasing`, `switching`):
/// after a gerund head, read as another.
fn looks_gerund(toks: &[Tok], k: usize) -> bool {
    toks.get(k).is_some_and(|t| {
        t.kind == Kind::Word
            && t.lowercase
            && t.lower.len() >= 6
            && t.lower.ends_with("ing")
            && !t.class.has(Class::FUNCTION_WORD)
    })
}

/// The last chain `opens_action` walked: the tokens `from`, `from + 2`, …
/// up to `to` all have the answer `result`.
#[derive(Default)]
struct Chain {
    from: usize,
    to: usize,
    result: Option<bool>,
}

impl Chain {
    fn answer(&self, k: usize) -> Option<bool> {
        let on = self.from <= k && k <= self.to && (k - self.from).is_multiple_of(2);
        self.result.filter(|_| on)
    }

    fn remember(&mut self, from: usize, to: usize, result: bool) {
        // A walk that ran into the remembered chain ends where it ends.
        let to = if self.answer(to).is_some() {
            self.to
        } else {
            to
        };
        *self = Chain {
            from,
            to,
            result: Some(result),
        };
    }
}

/// A known verb, or an unknown plain word directly followed by an object
/// marker (`retire the ferries`): nouns are rarely followed by `the`.
fn is_verb_here(toks: &[Tok], k: usize) -> bool {
    let w = word_at(toks, k);
    if class_at(toks, k).has(Class::KNOWN_VERB) {
        return true;
    }
    let plain = w.len() >= 3
        && w.chars().all(|c| c.is_ascii_lowercase())
        && !["ing", "ed", "ly", "s"]
            .iter()
            .any(|suffix| w.ends_with(suffix))
        && !class_at(toks, k).has(Class::FUNCTION_WORD);
    // `… and donate 500,000 doses`: a quantity opens an object too.
    plain
        && (class_at(toks, k + 1).has(Class::OBJECT_START)
            || word_at(toks, k + 1)
                .as_bytes()
                .first()
                .is_some_and(u8::is_ascii_digit))
}

#[allow(clippy::too_many_arguments)]
fn split_actions(
    text: &str,
    toks: &[Tok],
    start: usize,
    sentence: usize,
    actor: Option<String>,
    modality: &str,
    // For a passive, the text starts at the subject but coordination is
    // only looked for after the participle.
    passive_from: Option<usize>,
    reported: bool,
    out: &mut Vec<RawCommitment>,
) -> Option<NextClause> {
    let passive = passive_from.is_some();
    // Whether a reporting verb stands before the current token (`would`
    // after one commits); tracked as the scan moves on, never rescanned.
    let mut scanned = 0;
    let mut report_seen = reported;
    let mut seg_start = start;
    let mut i = passive_from.unwrap_or(start + 1);
    // `commit to deepening X and (to) building Y`: gerund actions.
    // An -ing word of an unknown verb (`switching`) counts as well.
    let gerunds = class_at(toks, start).has(Class::GERUND) || looks_gerund(toks, start);
    let mut chains = Chain::default();
    // The first head after a colon, found once for all the colons before it.
    let mut heads = NextHead::default();
    let push = |out: &mut Vec<RawCommitment>, from: usize, to: usize| {
        if let Some(mut span) = segment_span(toks, from, to) {
            // `by 8%`: the percent sign is no token, but the number's.
            if text[span.end..].starts_with(['%', '％']) {
                span.end += text[span.end..].chars().next().map_or(0, char::len_utf8);
            }
            out.push(RawCommitment {
                sentence,
                actor: actor.clone(),
                modality: modality.to_string(),
                span,
                lead_in: None,
            });
        }
    };
    while i < toks.len() {
        if scanned < i {
            report_seen |= has_reporting_verb(&toks[scanned..i]);
            scanned = i;
        }
        // `focus on three tasks: first, efforts will be made to …`: a colon
        // that introduces clauses of their own ends the action; one that
        // introduces a list (`three areas: science, trade and health`) not.
        let colon = toks[i].kind == Kind::Stop && text[toks[i].start..].starts_with([':', '：']);
        if colon && heads.after(toks, i) {
            push(out, seg_start, i);
            return Some(NextClause {
                at: i + 1,
                inherited: actor.clone(),
                reported: report_seen,
            });
        }
        let after_comma = toks[i].kind == Kind::Comma;
        // `…, the meeting said, and aims to …`: an attribution between
        // commas ends the clause; the next one shares its subject.
        if after_comma
            && let Some(c2) = (i + 2..toks.len().min(i + 9)).find(|&m| toks[m].kind == Kind::Comma)
            && matches!(word_at(toks, c2 + 1), "and" | "but")
            && is_attribution(&text[toks[i + 1].start..toks[c2].start])
        {
            push(out, seg_start, i);
            return Some(NextClause {
                at: c2 + 1,
                inherited: actor.clone(),
                reported: report_seen,
            });
        }
        // `as well as`, `along with`, `while also`: coordinators of three
        // or two words, read as `and`.
        let long_and = match (word_at(toks, i), word_at(toks, i + 1), word_at(toks, i + 2)) {
            ("as", "well", "as") => 3,
            ("along", "with", _) | ("while", "also", _) => 2,
            _ => 0,
        };
        let at_and = !after_comma && (word_at(toks, i) == "and" || long_and > 0);
        if !after_comma && !at_and {
            i += 1;
            continue;
        }
        let mut j = i + long_and.max(1);
        if after_comma && matches!(word_at(toks, j), "and" | "or") {
            j += 1;
        }
        let mut long = long_and > 0;
        if after_comma {
            let n = match (word_at(toks, j), word_at(toks, j + 1), word_at(toks, j + 2)) {
                ("as", "well", "as") => 3,
                ("along", "with", _) | ("while", "also", _) => 2,
                _ => 0,
            };
            j += n;
            long |= n > 0;
        }
        // `… and to build Y`: the infinitive marker repeats the head.
        let infinitive =
            word_at(toks, j) == "to" && opens_action(toks, j + 1, gerunds, &mut chains);
        // `…, funded from the fund, to work with parishes`: `, to V` with no
        // `and` is the purpose of the action before, part of it.
        if infinitive && after_comma && j == i + 1 {
            i += 1;
            continue;
        }
        if infinitive {
            j += 1;
        }

        // `… and is committed to B`, `… and will open C`: a second predicate
        // of the same subject.
        let finite = matches!(
            word_at(toks, j),
            "is" | "are"
                | "was"
                | "were"
                | "has"
                | "have"
                | "will"
                | "shall"
                | "must"
                | "should"
                | "remains"
                | "remain"
        );
        // `…, and urged operators to …`: a head of its own, same subject.
        // `will …, and strive to build B`: effort verbs go on the modal's
        // action rather than replacing its modality.
        let effort_verb = matches!(
            word_at(toks, j),
            "strive" | "seek" | "endeavour" | "endeavor"
        );
        let own_head = !finite
            && !effort_verb
            && j < toks.len()
            && head_at(toks, j, report_seen).is_some_and(|h| h.at == j);
        if (finite || own_head) && (after_comma || at_and) && j > i {
            push(out, seg_start, i);
            return Some(NextClause {
                at: j,
                inherited: actor.clone(),
                reported: report_seen,
            });
        }
        let reported_here = report_seen;
        // At most the three tokens `, and to` lie between `i` and `j`.
        if new_clause_at(toks, j, report_seen || has_reporting_verb(&toks[i..j])) {
            push(out, seg_start, i);
            // `…, while Jiangsu and Anhui will …`: the linking word is not
            // part of the new clause's subject.
            while matches!(word_at(toks, j), "while" | "whereas" | "but" | "and" | "or") {
                j += 1;
            }
            return Some(NextClause {
                at: j,
                inherited: None,
                reported: reported_here,
            });
        }
        if passive {
            i += 1;
            continue;
        }
        let mut k = j;
        while k < toks.len() && class_at(toks, k).has(Class::ADVERB) {
            k += 1;
        }
        let adverb = k > j;
        // `… and train 500 doctors`: a quantity opens an object as a
        // determiner does.
        // `… and phase out coal`: a particle after the word makes it a verb.
        let object_follows = class_at(toks, k + 1).has(Class::OBJECT_START)
            || toks.get(k + 1).is_some_and(|t| {
                t.kind == Kind::Word && t.lower.as_bytes().first().is_some_and(u8::is_ascii_digit)
            })
            || matches!(
                word_at(toks, k + 1),
                "two"
                    | "three"
                    | "four"
                    | "five"
                    | "six"
                    | "seven"
                    | "eight"
                    | "nine"
                    | "ten"
                    | "twelve"
                    | "twenty"
                    | "fifty"
                    | "hundred"
                    | "dozens"
                    | "several"
            )
            || matches!(word_at(toks, k + 1), "up" | "out" | "down" | "off");
        let left_has_object = i - seg_start >= 2;
        let clear_verb = toks.get(k).is_some_and(is_clear_verb);
        // `will upgrade X, along with training 200 wardens`: after a long
        // coordinator a gerund with its object is an action of its own,
        // whatever form the head's actions take.
        let while_also = word_at(toks, j.wrapping_sub(1)) == "also"
            && word_at(toks, j.wrapping_sub(2)) == "while";
        let gerund_after_long = long
            && (object_follows || while_also)
            && toks
                .get(k)
                .is_some_and(|t| t.kind == Kind::Word && t.lowercase && t.class.has(Class::GERUND));
        // `to study and apply the principles`: a bare verb before `and`
        // shares the object of the verb after it.
        let shared_object = at_and
            && long_and == 0
            && i > seg_start
            && toks.get(i - 1).is_some_and(is_verb)
            && (i - 1 == seg_start
                || word_at(toks, i - 2) == "to"
                || class_at(toks, i - 2).has(Class::ADVERB));
        // `committed to providing X for energy, clean transport and homes`:
        // after a gerund head a coordinated action is a gerund too.
        let breaks_parallel = after_comma
            && gerunds
            && !long
            && toks
                .get(k)
                .is_some_and(|t| !t.class.has(Class::GERUND) && !looks_gerund(toks, k));
        let splits = !shared_object
            && !breaks_parallel
            && (gerund_after_long
                || (opens_action(toks, k, gerunds, &mut chains)
                    && (after_comma
                        || infinitive
                        || (left_has_object && (adverb || object_follows || clear_verb)))));
        if splits {
            push(out, seg_start, i);
            seg_start = (j..k)
                .find(|&m| !class_at(toks, m).has(Class::DISCOURSE_ONLY))
                .unwrap_or(k);
            i = k + 1;
        } else {
            i += 1;
        }
    }
    push(out, seg_start, toks.len());
    None
}

/// Whether a head (`reported` taken as true: after a colon, `would` counts)
/// stands anywhere after a token. The first head found is remembered, so
/// that colons before it need no new search and a search begins where the
/// last one ended: each token is looked at once however many colons there
/// are.
#[derive(Default)]
struct NextHead {
    /// Tokens before this one have been searched.
    searched: usize,
    /// The first head at or after where the last search began.
    found: Option<usize>,
}

impl NextHead {
    fn after(&mut self, toks: &[Tok], i: usize) -> bool {
        match self.found {
            Some(h) if h > i => return true,
            None if self.searched > i => return false,
            _ => {}
        }
        let from = (i + 1).max(self.searched);
        self.found = (from..toks.len()).find(|&k| head_at(toks, k, true).is_some());
        self.searched = self.found.map_or(toks.len(), |h| h + 1);
        self.found.is_some()
    }
}

/// Byte span of tokens `[from, to)`, less trailing punctuation and conjunctions.
fn segment_span(toks: &[Tok], from: usize, to: usize) -> Option<Span> {
    let mut to = to.min(toks.len());
    while to > from
        && (toks[to - 1].kind != Kind::Word || matches!(word_at(toks, to - 1), "and" | "or"))
    {
        to -= 1;
    }
    (to > from).then(|| Span::new(toks[from].start, toks[to - 1].end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::structure::sentences;
    use crate::parse::tokens::tokenize_paragraph;
    use crate::text::lower_aligned;

    fn run(text: &str) -> Vec<(String, Option<String>, String)> {
        let lower = lower_aligned(text);
        let mut toks = tokenize_paragraph(text, &lower);
        Verbs::learn([(text, toks.as_slice())]).mark(&mut toks);
        extract(text, &toks, &sentences(text))
            .into_iter()
            .map(|c| {
                (
                    text[c.span.start..c.span.end].to_string(),
                    c.actor,
                    c.modality,
                )
            })
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        run(text).into_iter().map(|c| c.0).collect()
    }

    #[test]
    fn semicolon_pieces_split_as_split_inclusive_does() {
        for text in ["a; b；c", "", ";", "no mark", "x；", "；；", "é; ü"] {
            let ours: Vec<&str> = semicolon_pieces(text).collect();
            let std: Vec<&str> = text.split_inclusive([';', '；']).collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    #[test]
    fn a_resolutions_operative_clauses_commit_its_body() {
        let got = run("2. Decides also to open a regional seed bank by 2028;");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "open a regional seed bank by 2028");
        assert_eq!(got[0].2, "decided to");
        let got = run("5. Calls upon donor agencies to fund the river gauges;");
        assert_eq!(got[0].0, "donor agencies to fund the river gauges");
        assert_eq!(got[0].2, "calls for");
        let got = run("6. Requests the Bureau to report on the fund at the next session.");
        assert_eq!(
            got[0].0,
            "the Bureau to report on the fund at the next session"
        );
        // Capitalised mid-sentence or without `to`, nothing.
        assert!(texts("7. Takes note of the survey of wells;").is_empty());
        assert!(texts("8. Requests for funding rose sharply.").is_empty());
        let got = run("The Board calls on member banks to publish their lending data.");
        assert_eq!(got[0].0, "member banks to publish their lending data");
        assert_eq!(got[0].2, "calls for");
        let got = run("The agency has agreed with three mills to cut waste by half.");
        assert_eq!(got[0].0, "cut waste by half");
        assert_eq!(got[0].2, "agreed to");
    }

    #[test]
    fn questions_forecasts_and_past_promises_commit_nothing() {
        for text in [
            "Will the scheme change?",
            "Should we do more?",
            "Exports will likely grow at the same pace.",
            "Prices will probably ease next spring.",
            "Some of you will say the tax is too high.",
            "When the storm comes, and it will come, we hope to be ready.",
            "Two years ago we said we would repair the pier.",
            "Last year the board decided to close the depot.",
        ] {
            assert_eq!(texts(text), Vec::<String>::new(), "{text}");
        }
        // The same verbs as plain promises still count.
        assert_eq!(texts("We decided to close the depot."), ["close the depot"]);
        assert_eq!(
            texts("This year we will repair the pier."),
            ["repair the pier"]
        );
    }

    #[test]
    fn and_to_a_quantity_and_a_particle_split_actions() {
        assert_eq!(
            texts(
                "The two sides agreed to hold yearly talks between their ministries and to set up a trade panel."
            ),
            [
                "hold yearly talks between their ministries",
                "set up a trade panel"
            ]
        );
        assert_eq!(
            texts(
                "The city will send a team of 20 nurses to the islands next year and donate 5,000 test kits."
            ),
            [
                "send a team of 20 nurses to the islands next year",
                "donate 5,000 test kits"
            ]
        );
        assert_eq!(
            texts(
                "We commit to switching our fleet to electric vans by 2027 and phasing out diesel boilers by 2029."
            ),
            [
                "switching our fleet to electric vans by 2027",
                "phasing out diesel boilers by 2029"
            ]
        );
        // Noun coordination stays one action.
        assert_eq!(
            texts("We commit to expanding charging and parking stations."),
            ["expanding charging and parking stations"]
        );
    }

    #[test]
    fn every_saying_verb_ends_an_attribution() {
        for verb in SAYS {
            assert!(is_attribution(&format!("the ministry {verb}")), "{verb}");
            assert!(is_attribution(&format!("{verb} the minister")), "{verb}");
        }
        assert!(is_attribution("according to the plan"));
        assert!(is_attribution("as the mayor pointed out"));
        assert!(!is_attribution("and the ports will be dredged"));
    }

    #[test]
    fn conclusions_and_communique_forms() {
        // A call and an invitation in one sentence: two calls.
        let got = run(
            "The Board calls on banks to report losses and invites the regulator to publish a review.",
        );
        assert_eq!(
            texts_of(&got),
            [
                "banks to report losses",
                "the regulator to publish a review"
            ]
        );
        assert!(got.iter().all(|c| c.2 == "calls for"), "{got:?}");
        // A purpose after a comma stays in its action.
        assert_eq!(
            texts(
                "The county will create a housing post, paid from the levy, to work with parishes."
            ),
            ["create a housing post, paid from the levy, to work with parishes"]
        );
        // `while also` with a gerund: two actions.
        assert_eq!(
            texts("We will repair the levees, while also training local crews in flood response."),
            [
                "repair the levees",
                "training local crews in flood response"
            ]
        );
        // Two bare verbs share one object.
        assert_eq!(
            texts("The meeting urged officials to carefully study and apply the new rules."),
            ["officials to carefully study and apply the new rules"]
        );
        // `including` adds to an action, it opens none.
        assert_eq!(
            texts("The forum called for completing the grid, including by linking the islands."),
            ["completing the grid, including by linking the islands"]
        );
        // A list of adjectives before `, and that we will`.
        assert_eq!(
            texts(
                "We will keep ports open, safe and fair, and that we will refrain from new tolls."
            ),
            ["keep ports open, safe and fair", "refrain from new tolls"]
        );
        // The percent sign is the number's.
        assert_eq!(
            texts("The city aims to cut idle time by 8%."),
            ["cut idle time by 8%"]
        );
    }

    #[test]
    fn conditions_consequences_and_norms_commit_nothing() {
        for text in [
            "Should rainfall keep falling, the reservoir could overflow.",
            "Meeting the target will require great effort from every county.",
            "The coming decade will decide whether the river recovers.",
            "No pupil should not have to walk an hour to school.",
            "Patients should not have to wait a year for surgery.",
            "In the survey, 41% of shops said they planned to hire staff.",
            "Some 30 percent of farms say they will plant more maize.",
        ] {
            assert_eq!(texts(text), Vec::<String>::new(), "{text}");
        }
        // Requiring something of someone is still a commitment.
        assert_eq!(
            texts("The bureau will require all mills to publish their emissions."),
            ["require all mills to publish their emissions"]
        );
    }

    #[test]
    fn number_words_and_gerund_lists_keep_actions_apart_or_together() {
        assert_eq!(
            texts("The port will upgrade the north quay and open three new ferry routes."),
            ["upgrade the north quay", "open three new ferry routes"]
        );
        assert_eq!(
            texts(
                "We are committed to providing loans for solar farms, clean buses and warm homes."
            ),
            ["providing loans for solar farms, clean buses and warm homes"]
        );
    }

    #[test]
    fn a_stated_need_and_stressed_efforts_commit_the_body() {
        let got = run("The Council underlines the need to shorten permit procedures.");
        assert_eq!(texts_of(&got), ["shorten permit procedures"]);
        assert_eq!(got[0].1.as_deref(), Some("The Council"));
        assert_eq!(got[0].2, "need to");
        let got = run("The meeting stressed efforts to widen rural broadband.");
        assert_eq!(texts_of(&got), ["widen rural broadband"]);
        assert_eq!(got[0].2, "calls for");
        // The need as a topic commits no one.
        assert!(texts("The need to widen broadband is clear.").is_empty());
    }

    #[test]
    fn relative_clauses_and_beliefs_commit_nothing() {
        assert_eq!(
            texts("The council will build 900 homes, of which a third will be for rent."),
            ["build 900 homes, of which a third will be for rent"]
        );
        assert!(
            texts("This Council believes that roads and homes must be planned together.")
                .is_empty()
        );
        assert_eq!(
            texts("The Council agrees that the fund will be reviewed in May."),
            ["the fund will be reviewed in May"]
        );
    }

    #[test]
    fn an_article_number_is_no_part_of_the_subject() {
        let got = run("Article 6 Inspection logs shall be kept for five years.");
        assert_eq!(got[0].0, "Inspection logs shall be kept for five years");
        let got = run("Article 3 County offices shall register every boiler.");
        assert_eq!(got[0].1.as_deref(), Some("County offices"));
    }

    #[test]
    fn learned_verbs_and_their_gerunds_are_marked_everywhere() {
        // `weatherproof` is in no lexicon: the statement teaches it after `will`.
        let text = "Weatherproofing starts now. The city will weatherproof old homes and promote green ones.";
        let lower = lower_aligned(text);
        let mut toks = tokenize_paragraph(text, &lower);
        let class = |toks: &[Tok], w: &str| {
            toks.iter()
                .find(|t| t.lower == w)
                .map_or(Class::NONE, |t| t.class)
        };
        assert!(!class(&toks, "weatherproof").has(Class::KNOWN_VERB));
        Verbs::learn([(text, toks.as_slice())]).mark(&mut toks);
        assert!(class(&toks, "weatherproof").has(Class::LEARNED_VERB));
        assert!(class(&toks, "weatherproofing").has(Class::GERUND));
        assert!(class(&toks, "promote").has(Class::ACTION_VERB));
        assert!(!class(&toks, "homes").has(Class::KNOWN_VERB | Class::GERUND));
    }

    #[test]
    fn coordinated_actions_split_and_attribution_is_dropped() {
        let p = "Jiangsu, Zhejiang, Shanghai and Anhui will accelerate the promotion of industrial chain reinforcement actions, deepen and improve the cross-regional coordination mechanism of the industrial chain and supply chain, and jointly create a strategic emerging industry cluster with international competitiveness, according to the statement.";
        let got = run(p);
        assert_eq!(got.len(), 3);
        assert_eq!(
            got[0].0,
            "accelerate the promotion of industrial chain reinforcement actions"
        );
        assert_eq!(
            got[1].0,
            "deepen and improve the cross-regional coordination mechanism of the industrial chain and supply chain"
        );
        assert_eq!(
            got[2].0,
            "jointly create a strategic emerging industry cluster with international competitiveness"
        );
        assert!(got.iter().all(|c| c.1.as_deref()
            == Some("Jiangsu, Zhejiang, Shanghai and Anhui")
            && c.2 == "will"));
    }

    #[test]
    fn passive_future_is_one_commitment_with_its_subject() {
        let got =
            run("Two data center clusters will be established in the western provinces by 2025.");
        assert_eq!(
            got,
            [(
                "Two data center clusters will be established in the western provinces by 2025"
                    .to_string(),
                None,
                "will".to_string()
            )]
        );
    }

    #[test]
    fn efforts_will_be_made_is_the_statements_own_action() {
        let got = run(
            "Efforts will be made to expand green finance and improve carbon markets, the communique said.",
        );
        assert_eq!(
            texts_of(&got),
            ["expand green finance", "improve carbon markets"]
        );
        assert!(got.iter().all(|c| c.1.is_none()));
    }

    fn texts_of(v: &[(String, Option<String>, String)]) -> Vec<&str> {
        v.iter().map(|c| c.0.as_str()).collect()
    }

    #[test]
    fn obligations_without_will() {
        let got = run("Old water mains have to be replaced before the winter.");
        assert_eq!(
            texts_of(&got),
            ["Old water mains have to be replaced before the winter"]
        );
        assert_eq!(got[0].2, "have to");
        let got = run("Each county has to publish its budget online.");
        assert_eq!(
            (texts_of(&got), got[0].1.as_deref()),
            (vec!["publish its budget online"], Some("Each county"))
        );
        let got = run("More efforts are needed to attract private investment into care homes.");
        assert_eq!(
            texts_of(&got),
            ["attract private investment into care homes"]
        );
        assert_eq!((got[0].1.as_deref(), got[0].2.as_str()), (None, "need to"));
        let got = run("The ministry requires local governments to publish their budgets.");
        assert_eq!(
            texts_of(&got),
            ["local governments to publish their budgets"]
        );
        assert_eq!(
            (got[0].1.as_deref(), got[0].2.as_str()),
            (Some("The ministry"), "requires")
        );
        let got = run("We are determined to halve child poverty by 2030.");
        assert_eq!(
            (texts_of(&got), got[0].2.as_str()),
            (vec!["halve child poverty by 2030"], "determined to")
        );
        let got = run("The Government intends to introduce a housing bill.");
        assert_eq!(texts_of(&got), ["introduce a housing bill"]);
        let got = run("We encourage all members to share their data.");
        assert_eq!(
            (texts_of(&got), got[0].2.as_str()),
            (vec!["all members to share their data"], "calls for")
        );
        let got = run("The city aims to have electric buses on every route by 2027.");
        assert_eq!(
            texts_of(&got),
            ["have electric buses on every route by 2027"]
        );
    }

    #[test]
    fn norms_forecasts_and_past_pledges_are_not_commitments() {
        for text in [
            "No family should have to choose between heating and eating.",
            "The task will not be easy, and risks may emerge.",
            "Donors had pledged to double their support, but little came.",
            "Corporate pledges to reach net zero by 2050 were often restated.",
            "The province must concentrate on three major tasks.",
        ] {
            assert_eq!(run(text), [], "{text}");
        }
        // A passive with `not` is still a warning, a participle after
        // `will not be` is handled there.
        assert_eq!(run("Fraud will not be tolerated."), []);
    }

    #[test]
    fn attributions_with_appositives_and_mid_sentence_are_cut() {
        let got = run(
            "The city will open ten clinics this year, said Wang Li, deputy director of the city health commission.",
        );
        assert_eq!(texts_of(&got), ["open ten clinics this year"]);
        let got =
            run("We will keep the deficit at 3 percent, Premier Zhao said at a press conference.");
        assert_eq!(texts_of(&got), ["keep the deficit at 3 percent"]);
        let got = run("China will build roads, the meeting said, and aims to cut fees by 2027.");
        assert_eq!(texts_of(&got), ["build roads", "cut fees by 2027"]);
        assert_eq!(got[1].1.as_deref(), Some("China"));
        // Not an attribution: a clause of its own after the comma.
        let got = run("We will build roads, and the council said it would help.");
        assert_eq!(texts_of(&got)[0], "build roads");
    }

    #[test]
    fn a_gerund_after_a_long_coordinator_is_an_action() {
        let got = run(
            "The council will upgrade the warning system by 2025, along with training 200 flood wardens.",
        );
        assert_eq!(
            texts_of(&got),
            [
                "upgrade the warning system by 2025",
                "training 200 flood wardens"
            ]
        );
        // Without an object it is a noun: `training centres`.
        let got = run("We will build schools as well as training centres.");
        assert_eq!(
            texts_of(&got),
            ["build schools as well as training centres"]
        );
    }

    #[test]
    fn noun_lists_stay_in_one_commitment() {
        assert_eq!(
            texts(
                "The region will promote joint applications including 5G, industrial Internet, and data centers with high standards."
            ),
            [
                "promote joint applications including 5G, industrial Internet, and data centers with high standards"
            ]
        );
        assert_eq!(
            texts("The city will fund research, design, and transport."),
            ["fund research, design, and transport"]
        );
        assert_eq!(
            texts(
                "They will consolidate and optimize the joint prevention and control mechanism of the epidemic."
            ),
            ["consolidate and optimize the joint prevention and control mechanism of the epidemic"]
        );
    }

    #[test]
    fn context_is_not_a_commitment() {
        for p in [
            "Promoting the integrated development of the region is a major national strategy, said the statement.",
            "Discussions were made on strengthening cooperation, according to the statement.",
            "2023 is the beginning year for the comprehensive implementation of the plan.",
            "The leaders reviewed and adopted the Work Plan.",
            "It reflects the will of the people.",
        ] {
            assert!(run(p).is_empty(), "{p}");
        }
    }

    #[test]
    fn other_heads_and_shapes() {
        let got =
            run("The two sides agreed to jointly safeguard maritime security and expand trade.");
        assert_eq!(
            texts_of(&got),
            ["jointly safeguard maritime security", "expand trade"]
        );
        assert_eq!(got[0].1.as_deref(), Some("The two sides"));
        assert_eq!(got[0].2, "agreed to");

        let got = run(
            "By 2025, the province shall cut coal use by a fifth; the capital must close two plants.",
        );
        assert_eq!(
            texts_of(&got),
            ["cut coal use by a fifth", "close two plants"]
        );
        assert_eq!(got[0].1.as_deref(), Some("the province"));
        assert_eq!(got[1].1.as_deref(), Some("the capital"));

        let got = run("The statement said that the ministries will never seek to block exports.");
        assert_eq!(got[0].0, "never seek to block exports");
        assert_eq!(got[0].1.as_deref(), Some("the ministries"));

        let got = run(
            "Shanghai will build a fund that will support start-ups, and Zhejiang will open a lab.",
        );
        assert_eq!(
            texts_of(&got),
            ["build a fund that will support start-ups", "open a lab"]
        );
        assert_eq!(got[1].1.as_deref(), Some("Zhejiang"));

        let got = run("Driven by the new zone, Anhui and Jiangsu will form more highlights.");
        assert_eq!(got[0].1.as_deref(), Some("Anhui and Jiangsu"));
        assert!(
            run("It is the first year of the Five Year Plan to connect the past and the future.")
                .is_empty()
        );

        let got = run(
            "Liaoning, Jilin and Heilongjiang will upgrade the line, ban sand mining and retire diesel ferries, and phase the old plants out.",
        );
        assert_eq!(
            got[0].1.as_deref(),
            Some("Liaoning, Jilin and Heilongjiang")
        );
        assert_eq!(
            texts_of(&got),
            [
                "upgrade the line",
                "ban sand mining",
                "retire diesel ferries",
                "phase the old plants out"
            ]
        );
        let got = run(
            "The city will tighten rules, overhaul the grid and build schools, such as the new ones.",
        );
        assert_eq!(
            texts_of(&got),
            [
                "tighten rules",
                "overhaul the grid",
                "build schools, such as the new ones"
            ]
        );

        let got = run("This year, we will boost spending. Fourth, the city must act now.");
        assert_eq!(got[0].1.as_deref(), Some("we"));
        assert_eq!(got[1].1.as_deref(), Some("the city"));
        let got = run("The delta, a hub of trade, will open ports.");
        assert_eq!(got[0].1.as_deref(), Some("The delta"));

        let got = run(
            "The city is to complete the corridor by 2025 and is committed to building a green port, and will open two parks.",
        );
        assert_eq!(
            texts_of(&got),
            [
                "complete the corridor by 2025",
                "building a green port",
                "open two parks"
            ]
        );
        assert!(
            got.iter().all(|c| c.1.as_deref() == Some("The city")),
            "{got:?}"
        );
        assert_eq!(got[1].2, "committed to");
        assert!(run("The port is expected to grow and is likely to expand.").is_empty());

        let got = run(
            "We commit to deepening e-commerce cooperation and to building a logistics network by 2027.",
        );
        assert_eq!(
            texts_of(&got),
            [
                "deepening e-commerce cooperation",
                "building a logistics network by 2027"
            ]
        );
        assert_eq!(got[0].2, "commit to");
        let got = run(
            "We reaffirm our commitment to open trade and will work to cut tariffs, and improve customs clearance.",
        );
        assert_eq!(
            texts_of(&got),
            ["work to cut tariffs", "improve customs clearance"]
        );
        assert!(got.iter().all(|c| c.1.as_deref() == Some("We")));
        let got = run("The ministers held talks in Hanoi and agreed to open a hotline.");
        assert_eq!(got[0].1.as_deref(), Some("The ministers"));

        let got = run(
            "BEIJING -- The State Council has pledged to cut red tape. By 2025 the city will open a port. China stands ready to work with all parties.",
        );
        assert_eq!(got[0].1.as_deref(), Some("The State Council"));
        assert_eq!(got[1].1.as_deref(), Some("the city"));
        assert_eq!(
            (got[2].0.as_str(), got[2].1.as_deref(), got[2].2.as_str()),
            ("work with all parties", Some("China"), "ready to")
        );

        let got = run(
            "The statement said the four regions would jointly build a data hub. It would be costly.",
        );
        assert_eq!(texts_of(&got), ["jointly build a data hub"]);
        assert_eq!(
            (got[0].1.as_deref(), got[0].2.as_str()),
            (Some("the four regions"), "would")
        );
        let got = run("It is planned that the line will open in 2025.");
        assert_eq!(got[0].1.as_deref(), Some("the line"));
        let got = run(
            "The region will focus on two tasks: first, efforts will be made to build a platform; second, the port will be extended.",
        );
        assert_eq!(
            texts_of(&got),
            ["build a platform", "the port will be extended"]
        );
        let got = run("The region will focus on three areas: science, trade and health.");
        assert_eq!(
            texts_of(&got),
            ["focus on three areas: science, trade and health"]
        );
        let got = run(
            "It was agreed that the zone would pilot a land system, and that Shanghai and Zhejiang would develop the port area.",
        );
        assert_eq!(
            texts_of(&got),
            ["pilot a land system", "develop the port area"]
        );
        assert_eq!(got[1].1.as_deref(), Some("Shanghai and Zhejiang"));

        let got = run("It is necessary to deepen reform of state firms.");
        assert_eq!(got[0].0, "deepen reform of state firms");
        assert_eq!(got[0].1, None);

        let got = run("“We will open our markets wider,” the premier said.");
        assert_eq!(got[0].0, "open our markets wider");
        assert_eq!(got[0].1.as_deref(), Some("We"));
    }

    #[test]
    fn a_run_of_words_longer_than_a_noun_phrase_is_no_actor() {
        let named = format!("The city{} will build roads.", " of ports".repeat(5));
        assert_eq!(
            run(&named)[0].1.as_deref(),
            Some(&named[..named.len() - 18])
        );
        let long = format!("The city{} will build roads.", " of ports".repeat(20));
        assert_eq!(
            run(&long)[0],
            ("build roads".to_string(), None, "will".to_string())
        );
    }

    #[test]
    fn list_items_opening_with_a_verb_are_directives() {
        let got = run("3. Strengthen cross-border data flows and build a joint lab.");
        assert_eq!(
            texts_of(&got),
            ["Strengthen cross-border data flows", "build a joint lab"]
        );
        assert_eq!(got[0].2, "directive");
        assert!(run("Strengthen cross-border data flows.").is_empty());
    }
}
