//! The parsed form of a policy statement. Everything downstream (search, export,
//! explorer) reads these types; only `parse` builds them.

use serde::{Deserialize, Serialize};

/// Byte offsets `[start, end)` into a paragraph's `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub title: String,
    /// ISO `YYYY-MM-DDTHH:MM:SS` or `YYYY-MM-DD`.
    pub published: Option<String>,
    pub source: Option<String>,
    /// `None` for the embedded statement.
    pub path: Option<String>,
    /// The body, read through `paragraph`, `paragraph_at` and
    /// `iter_paragraphs`, which add each paragraph's commitments.
    pub paragraphs: Paragraphs,
    pub themes: Vec<ThemeSummary>,
    /// In reading order: by paragraph, then by place in it.
    pub commitments: Vec<Commitment>,
    pub entities: Vec<Entity>,
}

/// The paragraphs of a document, stored so that one costs a few dozen bytes
/// beyond its text: a file of millions of one-word lines must not take
/// gigabytes. Their texts stand one after another in one string, their
/// sentences in one list, and the theme lists they share are kept once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraphs {
    text: String,
    records: Vec<Record>,
    /// Spans of each paragraph's own text, paragraph after paragraph.
    sentences: Vec<Span>,
    /// Distinct theme lists, primary first; `Record::themes` indexes them.
    theme_lists: Vec<Box<[String]>>,
}

/// Where a paragraph ends in `Paragraphs::text` and `Paragraphs::sentences`
/// (it starts where the one before ends), and which theme list is its.
/// Offsets are 32-bit: statements are read up to 32 MiB, and the store
/// refuses text past 4 GiB rather than wrap.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Record {
    text_end: u32,
    sentences_end: u32,
    themes: u32,
}

/// The theme list of a paragraph nothing has ranked yet.
const NO_THEMES: &[String] = &[];

impl Paragraphs {
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Adds a paragraph with its sentences (spans of `text`) and no themes
    /// yet. Returns false, adding nothing, once the store holds 4 GiB.
    pub fn push(&mut self, text: &str, sentences: impl IntoIterator<Item = Span>) -> bool {
        self.text.push_str(text);
        self.close(sentences)
    }

    /// Adds a paragraph whose text has been written to the end of the store's
    /// text already (by `text_mut`), computing its sentences with `split`.
    pub(crate) fn push_written(&mut self, split: impl FnOnce(&str) -> Vec<Span>) -> bool {
        let start = self.records.last().map_or(0, |r| r.text_end as usize);
        let sentences = split(&self.text[start..]);
        self.close(sentences)
    }

    /// Ends the paragraph written past the last one with its sentences
    /// (those inside its text); past 4 GiB, takes it back and adds nothing.
    fn close(&mut self, sentences: impl IntoIterator<Item = Span>) -> bool {
        let start = self.records.last().map_or(0, |r| r.text_end as usize);
        let len = self.text.len() - start;
        let before = self.sentences.len();
        self.sentences.extend(
            sentences
                .into_iter()
                .filter(|s| s.start <= s.end && s.end <= len),
        );
        let (Ok(text_end), Ok(sentences_end)) = (
            u32::try_from(self.text.len()),
            u32::try_from(self.sentences.len()),
        ) else {
            self.text.truncate(start);
            self.sentences.truncate(before);
            return false;
        };
        self.records.push(Record {
            text_end,
            sentences_end,
            themes: u32::MAX,
        });
        true
    }

    /// The text the next `push_written` paragraph is written into: whatever
    /// stands past the last paragraph belongs to the next one.
    pub(crate) fn text_mut(&mut self) -> &mut String {
        &mut self.text
    }

    /// Sets the themes of paragraph `index`; lists equal to one already held
    /// share it (most paragraphs of a statement carry one of a few lists).
    pub fn set_themes(&mut self, index: usize, themes: Vec<String>, interned: &mut ThemeLists) {
        let Some(record) = self.records.get_mut(index) else {
            return;
        };
        let id = match interned.ids.get(&themes) {
            Some(&id) => id,
            None => {
                self.theme_lists.push(themes.clone().into_boxed_slice());
                interned.ids.insert(themes, self.theme_lists.len() - 1);
                self.theme_lists.len() - 1
            }
        };
        record.themes = u32::try_from(id).unwrap_or(u32::MAX);
    }

    /// Gives back the room a store grown by pushing holds beyond its contents.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.records.shrink_to_fit();
        self.sentences.shrink_to_fit();
        self.theme_lists.shrink_to_fit();
    }

    /// Every paragraph's text, one after another, without separators.
    pub fn all_text(&self) -> &str {
        &self.text
    }

    /// Byte range of paragraph `index` in `all_text`.
    pub fn range(&self, index: usize) -> Option<std::ops::Range<usize>> {
        let end = self.records.get(index)?.text_end as usize;
        let start = match index.checked_sub(1) {
            Some(i) => self.records.get(i)?.text_end as usize,
            None => 0,
        };
        Some(start..end)
    }

    /// The text of paragraph `index` (0-based).
    pub fn text(&self, index: usize) -> Option<&str> {
        self.text.get(self.range(index)?)
    }

    /// The sentences of paragraph `index`, as spans of its text.
    pub fn sentences(&self, index: usize) -> Option<&[Span]> {
        let end = self.records.get(index)?.sentences_end as usize;
        self.sentences.get(self.first_sentence(index)..end)
    }

    /// The place in the document of paragraph `index`'s first sentence.
    pub fn first_sentence(&self, index: usize) -> usize {
        index
            .checked_sub(1)
            .and_then(|i| self.records.get(i))
            .map_or(0, |r| r.sentences_end as usize)
    }

    /// The themes of paragraph `index`, primary first.
    pub fn themes(&self, index: usize) -> Option<&[String]> {
        let record = self.records.get(index)?;
        Some(
            self.theme_lists
                .get(record.themes as usize)
                .map_or(NO_THEMES, |l| &l[..]),
        )
    }
}

/// The theme lists a `Paragraphs` holds, by content, while it is built.
#[derive(Debug, Default)]
pub struct ThemeLists {
    ids: std::collections::HashMap<Vec<String>, usize>,
}

/// One paragraph of a document, as `Document` hands it out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paragraph<'a> {
    /// 1-based.
    pub id: usize,
    pub text: &'a str,
    /// Theme ids, primary first; never empty in a parsed document.
    pub themes: &'a [String],
    /// The commitments made in this paragraph, in reading order.
    pub commitments: &'a [Commitment],
    /// The paragraph's sentences as spans of `text`, in order.
    pub sentences: &'a [Span],
}

impl Serialize for Paragraph<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Ids<'a>(&'a [Commitment]);
        impl Serialize for Ids<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.iter().map(|c| c.id))
            }
        }
        let mut st = s.serialize_struct("Paragraph", 5)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("text", self.text)?;
        st.serialize_field("themes", self.themes)?;
        st.serialize_field("commitments", &Ids(self.commitments))?;
        st.serialize_field("sentences", self.sentences)?;
        st.end()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Commitment {
    /// 1-based within the document.
    pub id: usize,
    /// Id of the paragraph the commitment stands in.
    pub paragraph: usize,
    /// Index into that paragraph's `sentences`.
    pub sentence: usize,
    /// Who commits: the explicit subject, or the statement's own actors.
    pub actor: String,
    /// The modal or commitment verb: `will`, `must`, `shall`, `should`, `agreed to`, …
    pub modality: String,
    /// Exactly as it stands in the paragraph: `paragraph.text[span]`.
    pub text: String,
    pub span: Span,
    /// Theme ids, primary first; never empty.
    pub themes: Vec<String>,
    /// Names of the entities mentioned in `text`.
    pub entities: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeSummary {
    pub id: String,
    pub name: String,
    /// Ids of the commitments whose themes include this one.
    pub commitments: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityKind {
    Place,
    Person,
    Programme,
    Institution,
    Event,
    Code,
    Other,
}

impl EntityKind {
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Place => "place",
            EntityKind::Person => "person",
            EntityKind::Programme => "programme",
            EntityKind::Institution => "institution",
            EntityKind::Event => "event",
            EntityKind::Code => "code",
            EntityKind::Other => "other",
        }
    }
}

/// A quantity a commitment names: "around 5 percent", "over 12 million new
/// urban jobs". Found in the commitment's text by `parse::figures`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// As it stands in the text, modifier included.
    pub text: String,
    /// Scaled: "12 million" is 12000000.
    pub value: f64,
    /// `percent`, a currency (`USD`, `EUR`, `CNY`, `GBP`), or the noun
    /// phrase after the number ("new urban jobs", "yuan"); empty if none.
    pub unit: String,
    pub modifier: Modifier,
}

/// How a figure bounds its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Modifier {
    Around,
    Over,
    AtLeast,
    AtMost,
    UpTo,
    Range,
    Exact,
}

/// When a commitment is due: "by 2025", "within three years". Found in the
/// commitment's text by `parse::deadline`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// As it stands in the text.
    pub text: String,
    /// The year it names, or counts to from the statement's date; `None`
    /// for a relative one in an undated statement.
    pub year: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub name: String,
    pub kind: EntityKind,
    /// How many times the name occurs in the body paragraphs.
    pub mentions: usize,
    /// Ids of the commitments whose text names it.
    pub commitments: Vec<usize>,
}

/// A document as its JSON export writes it: paragraphs as objects with their
/// own text, themes, commitment ids and sentences.
#[derive(Serialize)]
struct DocumentOut<'a> {
    title: &'a str,
    published: &'a Option<String>,
    source: &'a Option<String>,
    path: &'a Option<String>,
    paragraphs: ParagraphsOut<'a>,
    themes: &'a [ThemeSummary],
    commitments: &'a [Commitment],
    entities: &'a [Entity],
}

/// A document's paragraphs, written one at a time as they are handed out.
pub struct ParagraphsOut<'a>(pub &'a Document);

impl Serialize for ParagraphsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter_paragraphs())
    }
}

impl Serialize for Document {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        DocumentOut {
            title: &self.title,
            published: &self.published,
            source: &self.source,
            path: &self.path,
            paragraphs: ParagraphsOut(self),
            themes: &self.themes,
            commitments: &self.commitments,
            entities: &self.entities,
        }
        .serialize(s)
    }
}

#[derive(Deserialize)]
struct DocumentIn {
    title: String,
    published: Option<String>,
    source: Option<String>,
    path: Option<String>,
    paragraphs: Vec<ParagraphIn>,
    themes: Vec<ThemeSummary>,
    commitments: Vec<Commitment>,
    entities: Vec<Entity>,
}

#[derive(Deserialize)]
struct ParagraphIn {
    id: usize,
    text: String,
    themes: Vec<String>,
    commitments: Vec<usize>,
    sentences: Vec<Span>,
}

/// Reads what `Serialize` writes. What the store derives (a paragraph's
/// place, its commitments) must agree with what the file says, or the
/// file is refused: a document read back is the one written, or an error.
impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let doc = DocumentIn::deserialize(d)?;
        let mut out = Document {
            title: doc.title,
            published: doc.published,
            source: doc.source,
            path: doc.path,
            paragraphs: Paragraphs::default(),
            themes: doc.themes,
            commitments: doc.commitments,
            entities: doc.entities,
        };
        let mut lists = ThemeLists::default();
        for (i, p) in doc.paragraphs.into_iter().enumerate() {
            if p.id != i + 1 {
                return Err(D::Error::custom(format!(
                    "paragraph {} stands in place {}: ids are places, from 1",
                    p.id,
                    i + 1
                )));
            }
            let sentences = p.sentences.len();
            if !out.paragraphs.push(&p.text, p.sentences)
                || out.paragraphs.sentences(i).map(<[Span]>::len) != Some(sentences)
            {
                return Err(D::Error::custom(format!(
                    "paragraph {}: a sentence outside its text",
                    p.id
                )));
            }
            out.paragraphs.set_themes(i, p.themes, &mut lists);
            let held: Vec<usize> = out
                .paragraph_at(i)
                .map_or_else(Vec::new, |q| q.commitments.iter().map(|c| c.id).collect());
            if held != p.commitments {
                return Err(D::Error::custom(format!(
                    "paragraph {}: its commitments are not those in reading order",
                    p.id
                )));
            }
        }
        Ok(out)
    }
}

impl Document {
    /// The paragraph with 1-based id `id`.
    pub fn paragraph(&self, id: usize) -> Option<Paragraph<'_>> {
        self.paragraph_at(id.checked_sub(1)?)
    }

    /// The paragraph at 0-based `index`.
    pub fn paragraph_at(&self, index: usize) -> Option<Paragraph<'_>> {
        let id = index + 1;
        // Commitments are in reading order: a paragraph's are one run.
        let from = self.commitments.partition_point(|c| c.paragraph < id);
        let to = from + self.commitments[from..].partition_point(|c| c.paragraph <= id);
        self.view(index, &self.commitments[from..to])
    }

    fn view<'a>(&'a self, index: usize, commitments: &'a [Commitment]) -> Option<Paragraph<'a>> {
        let p = &self.paragraphs;
        Some(Paragraph {
            id: index + 1,
            text: p.text(index)?,
            themes: p.themes(index)?,
            commitments,
            sentences: p.sentences(index)?,
        })
    }

    /// Every paragraph in order, in one walk over the commitments.
    pub fn iter_paragraphs(&self) -> impl ExactSizeIterator<Item = Paragraph<'_>> + '_ {
        let mut rest = self.commitments.as_slice();
        (0..self.paragraphs.len()).map(move |index| {
            let id = index + 1;
            let skip = rest.partition_point(|c| c.paragraph < id);
            let n = rest[skip..].partition_point(|c| c.paragraph <= id);
            let (mine, after) = rest[skip..].split_at(n);
            rest = after;
            self.view(index, mine).unwrap_or(Paragraph {
                id,
                text: "",
                themes: NO_THEMES,
                commitments: mine,
                sentences: &[],
            })
        })
    }

    pub fn commitment(&self, id: usize) -> Option<&Commitment> {
        id.checked_sub(1).and_then(|i| self.commitments.get(i))
    }

    /// The sentence a commitment stands in, with the commitment's span
    /// re-based onto that sentence.
    pub fn sentence_of(&self, c: &Commitment) -> Option<(&str, Span)> {
        let index = c.paragraph.checked_sub(1)?;
        let text = self.paragraphs.text(index)?;
        let s = *self.paragraphs.sentences(index)?.get(c.sentence)?;
        let text = text.get(s.start..s.end)?;
        Some((
            text,
            Span::new(
                c.span.start.saturating_sub(s.start),
                c.span.end.saturating_sub(s.start),
            ),
        ))
    }

    /// The year the statement is dated, from `published`.
    pub fn year(&self) -> Option<i32> {
        let p = self.published.as_deref()?;
        p.get(..4)
            .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?
            .parse()
            .ok()
    }

    /// The deadline a commitment names (`by 2025`, `within three years`).
    pub fn deadline_of(&self, c: &Commitment) -> Option<Deadline> {
        crate::parse::deadline(&c.text, self.year())
    }

    /// A short label for lists and headers: the title, else the file name.
    pub fn label(&self) -> &str {
        &self.title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commitment(id: usize, paragraph: usize) -> Commitment {
        Commitment {
            id,
            paragraph,
            sentence: 0,
            actor: String::new(),
            modality: String::new(),
            text: String::new(),
            span: Span::new(0, 0),
            themes: Vec::new(),
            entities: Vec::new(),
        }
    }

    #[test]
    fn paragraphs_hand_out_their_text_sentences_themes_and_commitments() {
        let mut doc = Document::default();
        let mut lists = ThemeLists::default();
        assert!(
            doc.paragraphs
                .push("One. Two.", [Span::new(0, 4), Span::new(5, 9)])
        );
        assert!(doc.paragraphs.push("", []));
        assert!(doc.paragraphs.push("Three", [Span::new(0, 5)]));
        doc.paragraphs
            .set_themes(0, vec!["a".into(), "b".into()], &mut lists);
        doc.paragraphs
            .set_themes(2, vec!["a".into(), "b".into()], &mut lists);
        doc.commitments = vec![commitment(1, 1), commitment(2, 1), commitment(3, 3)];
        let all: Vec<Paragraph> = doc.iter_paragraphs().collect();
        assert_eq!(all.len(), 3);
        for (i, p) in all.iter().enumerate() {
            assert_eq!(Some(*p), doc.paragraph_at(i));
            assert_eq!(Some(*p), doc.paragraph(i + 1));
        }
        assert_eq!(all[0].text, "One. Two.");
        assert_eq!(all[0].sentences, [Span::new(0, 4), Span::new(5, 9)]);
        assert_eq!(
            all[0].commitments.iter().map(|c| c.id).collect::<Vec<_>>(),
            [1, 2]
        );
        assert_eq!(
            (all[1].text, all[1].sentences, all[1].themes),
            ("", &[][..], &[][..])
        );
        assert!(all[1].commitments.is_empty());
        assert_eq!(all[2].text, "Three");
        assert_eq!(all[2].themes, ["a", "b"]);
        assert_eq!(all[2].commitments[0].id, 3);
        // One list, shared.
        assert_eq!(doc.paragraphs.theme_lists.len(), 1);
        assert_eq!(doc.paragraph(0), None);
        assert_eq!(doc.paragraph(4), None);
        assert_eq!(doc.paragraphs.all_text(), "One. Two.Three");
    }

    #[test]
    fn a_sentence_outside_its_paragraph_is_not_kept() {
        let mut p = Paragraphs::default();
        p.push("Short", [Span::new(0, 5), Span::new(3, 9), Span::new(4, 2)]);
        assert_eq!(p.sentences(0), Some(&[Span::new(0, 5)][..]));
    }
}
