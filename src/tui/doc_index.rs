//! Lookups into an open document that its lists would answer only by a
//! walk: an entity by its name. Built once
//! when the document opens, so the panes look things up per key and per
//! frame without walking lists the size of the document.

use crate::model::{Document, Entity};

#[derive(Debug, Clone, Default)]
pub struct DocIndex {
    /// Entity indices in the order of their names.
    entities: Vec<u32>,
}

impl DocIndex {
    pub fn new(doc: &Document) -> DocIndex {
        let n = u32::try_from(doc.entities.len()).unwrap_or(u32::MAX);
        let mut entities: Vec<u32> = (0..n).collect();
        // Stable, so of two entities with one name the first is found.
        entities.sort_by(|&a, &b| {
            doc.entities[a as usize]
                .name
                .cmp(&doc.entities[b as usize].name)
        });
        DocIndex { entities }
    }

    /// The index in `doc.paragraphs` of the paragraph with id `id`: ids are
    /// places, 1-based, in every document.
    pub fn paragraph(&self, doc: &Document, id: usize) -> Option<usize> {
        id.checked_sub(1).filter(|&i| i < doc.paragraphs.len())
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
        let doc = fixture::doc();
        let index = DocIndex::new(&doc);
        for c in &doc.commitments {
            let walked = doc.iter_paragraphs().position(|p| p.id == c.paragraph);
            assert_eq!(index.paragraph(&doc, c.paragraph), walked);
        }
        assert_eq!(index.paragraph(&doc, 0), None);
        assert_eq!(index.paragraph(&doc, 99), None);
        for e in &doc.entities {
            assert_eq!(index.entity(&doc, &e.name).map(|f| &f.name), Some(&e.name));
        }
        assert!(index.entity(&doc, "nowhere").is_none());
    }
}
