//! The invariants of a parsed `Document`: spans inside their paragraph and on
//! char boundaries, each commitment's text equal to its span and inside its
//! sentence, ids that point where they say, themes never empty, and no
//! control character in any string.

use crate::assert_no_control;
use deltascope::model::{Document, Span};

/// Panics with what is wrong when `doc` breaks an invariant.
pub fn check(doc: &Document) {
    assert_no_control("the title", &doc.title);
    for (what, field) in [("published", &doc.published), ("source", &doc.source)] {
        if let Some(text) = field {
            assert_no_control(what, text);
        }
    }
    for (i, p) in doc.iter_paragraphs().enumerate() {
        assert_eq!(p.id, i + 1, "paragraph ids are 1-based and in order");
        assert_no_control("a paragraph", p.text);
        assert!(!p.themes.is_empty(), "paragraph {} has no theme", p.id);
        let mut previous_end = 0;
        for s in p.sentences {
            check_span(p.text, *s, "a sentence");
            assert!(
                s.start >= previous_end,
                "sentences of paragraph {} overlap or are out of order: {:?}",
                p.id,
                p.sentences
            );
            previous_end = s.end;
        }
        for c in p.commitments {
            assert_eq!(
                c.paragraph, p.id,
                "commitment {} is listed by another paragraph",
                c.id
            );
        }
    }
    for (i, c) in doc.commitments.iter().enumerate() {
        assert_eq!(c.id, i + 1, "commitment ids are 1-based and in order");
        let p = doc
            .paragraph(c.paragraph)
            .unwrap_or_else(|| panic!("commitment {} in missing paragraph {}", c.id, c.paragraph));
        assert!(
            p.commitments.iter().any(|k| k.id == c.id),
            "paragraph {} does not list its commitment {}",
            p.id,
            c.id
        );
        check_span(p.text, c.span, "a commitment");
        assert_eq!(
            &p.text[c.span.start..c.span.end],
            c.text,
            "commitment {} is not its span",
            c.id
        );
        let sentence = p
            .sentences
            .get(c.sentence)
            .unwrap_or_else(|| panic!("commitment {} in missing sentence {}", c.id, c.sentence));
        assert!(
            sentence.contains(c.span),
            "commitment {} ({:?}) outside its sentence {:?}",
            c.id,
            c.span,
            sentence
        );
        assert!(!c.themes.is_empty(), "commitment {} has no theme", c.id);
        for (what, text) in [
            ("an actor", &c.actor),
            ("a modality", &c.modality),
            ("a commitment", &c.text),
        ] {
            assert_no_control(what, text);
        }
        for e in &c.entities {
            assert_no_control("an entity of a commitment", e);
        }
    }
    for t in &doc.themes {
        assert_no_control("a theme name", &t.name);
        for &id in &t.commitments {
            let c = doc
                .commitment(id)
                .unwrap_or_else(|| panic!("theme {} lists missing commitment {id}", t.id));
            assert!(
                c.themes.contains(&t.id),
                "theme {} lists commitment {id}, which is not in it",
                t.id
            );
        }
    }
    for e in &doc.entities {
        assert_no_control("an entity", &e.name);
        for &id in &e.commitments {
            assert!(
                doc.commitment(id).is_some(),
                "entity {} lists missing commitment {id}",
                e.name
            );
        }
    }
}

/// A span is inside `text`, not reversed, and both ends fall on char
/// boundaries (slicing there would panic otherwise).
fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} span {span:?} outside a paragraph of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} span {span:?} not on char boundaries of {text:?}"
    );
}
