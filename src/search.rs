//! Fuzzy search over commitments, sentences, themes and entities of one or
//! more documents. The explorer calls `SearchIndex::search` on every keystroke.

use crate::model::Document;
use serde::Serialize;

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

pub struct SearchIndex {
    _private: (),
}

impl SearchIndex {
    pub fn new(docs: &[Document]) -> SearchIndex {
        let _ = docs;
        SearchIndex { _private: () }
    }

    /// Best hits first, at most `limit`. An empty or blank query gives no hits.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let _ = (query, limit);
        Vec::new()
    }
}
