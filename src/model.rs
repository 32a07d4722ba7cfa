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

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub title: String,
    /// ISO `YYYY-MM-DDTHH:MM:SS` or `YYYY-MM-DD`.
    pub published: Option<String>,
    pub source: Option<String>,
    /// `None` for the embedded statement.
    pub path: Option<String>,
    pub paragraphs: Vec<Paragraph>,
    pub themes: Vec<ThemeSummary>,
    pub commitments: Vec<Commitment>,
    pub entities: Vec<Entity>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// 1-based.
    pub id: usize,
    pub text: String,
    /// Theme ids, primary first; never empty.
    pub themes: Vec<String>,
    /// Ids of the commitments made in this paragraph, in reading order.
    pub commitments: Vec<usize>,
    /// The paragraph's sentences as spans of `text`, in order.
    pub sentences: Vec<Span>,
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub name: String,
    pub kind: EntityKind,
    /// How many times the name occurs in the body paragraphs.
    pub mentions: usize,
    /// Ids of the commitments whose text names it.
    pub commitments: Vec<usize>,
}

impl Document {
    pub fn paragraph(&self, id: usize) -> Option<&Paragraph> {
        id.checked_sub(1).and_then(|i| self.paragraphs.get(i))
    }

    pub fn commitment(&self, id: usize) -> Option<&Commitment> {
        id.checked_sub(1).and_then(|i| self.commitments.get(i))
    }

    /// The sentence a commitment stands in, with the commitment's span
    /// re-based onto that sentence.
    pub fn sentence_of(&self, c: &Commitment) -> Option<(&str, Span)> {
        let p = self.paragraph(c.paragraph)?;
        let s = *p.sentences.get(c.sentence)?;
        let text = p.text.get(s.start..s.end)?;
        Some((
            text,
            Span::new(
                c.span.start.saturating_sub(s.start),
                c.span.end.saturating_sub(s.start),
            ),
        ))
    }

    /// A short label for lists and headers: the title, else the file name.
    pub fn label(&self) -> &str {
        &self.title
    }
}
