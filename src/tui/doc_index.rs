//! Lookups into an open document that its lists would answer only by a
//! walk: a paragraph's place by its id, an entity by its name. Built once
//! when the document opens, so the panes look things up per key and per
//! frame without walking lists the size of the document.

use std::collections::HashMap;

use crate::model::{Document, Entity};

#[derive(Debug, Clone, Default)]
pub struct DocIndex {
    /// Paragraph id to index, only for a document whose paragraph ids are
    /// not simply their places (1, 2, 3, …), which every parsed one has.
    paragraphs: Option<HashMap<usize, usize>>,
    /// Entity indices in the order of their names.
    entities: Vec<u32>,
}

impl DocIndex {
    pub fn new(doc: &Document) -> DocIndex {
        let in_place = doc
            .paragraphs
            .iter()
            .enumerate()
            .all(|(i, p)| p.id == i + 1);
        let paragraphs = (!in_place).then(|| {
            let mut by_id = HashMap::with_capacity(doc.paragraphs.len());
            for (i, p) in doc.paragraphs.iter().enumerate() {
                // The first of two paragraphs with one id, as a walk finds.
                by_id.entry(p.id).or_insert(i);
            }
            by_id
        });
        let n = u32::try_from(doc.entities.len()).unwrap_or(u32::MAX);
        let mut entities: Vec<u32> = (0..n).collect();
        // Stable, so of two entities with one name the first is found.
        entities.sort_by(|&a, &b| {
            doc.entities[a as usize]
                .name
                .cmp(&doc.entities[b as usize].name)
        });
        DocIndex {
            paragraphs,
            entities,
        }
    }

    /// The index in `doc.paragraphs` of the paragraph with id `id`.
    pub fn paragraph(&self, doc: &Document, id: usize) -> Option<usize> {
        match &self.paragraphs {
            Some(by_id) => by_id.get(&id).copied(),
            None => id.checked_sub(1).filter(|&i| i < doc.paragraphs.len()),
        }
    }

    /// The entity named `name`.
    pub fn entity<'d>(&self, doc: &'d Document, name: &str) -> Option<&'d Entity> {
        let name_of = |i: u32| doc.entities.get(i as usize).map_or("", |e| e.name.as_str());
        let at = self.entities.partition_point(|&i| name_of(i) < name);
        let &i = self.entities.get(at)?;
        (name_of(i) == name).then(|| &doc.entities[i as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::fixture;

    #[test]
    fn finds_what_a_walk_finds() {
        let mut doc = fixture::doc();
        let index = DocIndex::new(&doc);
        for c in &doc.commitments {
            let walked = doc.paragraphs.iter().position(|p| p.id == c.paragraph);
            assert_eq!(index.paragraph(&doc, c.paragraph), walked);
        }
        assert_eq!(index.paragraph(&doc, 0), None);
        assert_eq!(index.paragraph(&doc, 99), None);
        for e in &doc.entities {
            assert_eq!(index.entity(&doc, &e.name).map(|f| &f.name), Some(&e.name));
        }
        assert!(index.entity(&doc, "nowhere").is_none());
        // Ids out of place (a hand-edited file): still found by id.
        doc.paragraphs.reverse();
        let index = DocIndex::new(&doc);
        for c in &doc.commitments {
            let walked = doc.paragraphs.iter().position(|p| p.id == c.paragraph);
            assert_eq!(index.paragraph(&doc, c.paragraph), walked);
        }
    }
}
