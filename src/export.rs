//! Parsed documents out to files: JSON for programs, Markdown for people.
//! Each format is one arm of `Format` and one writer function.

use crate::model::{Commitment, Document};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Pretty-printed JSON: a `documents` array, fields as in the document model.
    Json,
    /// A readable brief per document: themes, commitments by theme, entities.
    Markdown,
}

#[derive(Serialize)]
struct JsonExport<'a> {
    documents: &'a [Document],
}

/// Write `docs` in `format`. Errors are the writer's (a closed pipe included).
pub fn write(out: &mut dyn Write, docs: &[Document], format: Format) -> io::Result<()> {
    match format {
        Format::Json => write_json(out, docs),
        Format::Markdown => out.write_all(to_markdown(docs).as_bytes()),
    }
}

pub fn write_json(out: &mut dyn Write, docs: &[Document]) -> io::Result<()> {
    // serde_json hands an underlying io::Error back unchanged, so a broken
    // pipe still reads as one to the caller.
    serde_json::to_writer_pretty(&mut *out, &JsonExport { documents: docs })?;
    out.write_all(b"\n")
}

/// The Markdown brief for all documents, separated by rules.
pub fn to_markdown(docs: &[Document]) -> String {
    let mut out = String::new();
    for (i, doc) in docs.iter().enumerate() {
        if i > 0 {
            out.push_str("\n---\n\n");
        }
        markdown_document(&mut out, doc);
    }
    out
}

fn markdown_document(out: &mut String, doc: &Document) {
    out.push_str(&format!("# {}\n\n", md_inline(&doc.title)));

    let mut facts = Vec::new();
    if let Some(p) = &doc.published {
        facts.push(format!(
            "*Published* {}",
            md_inline(&p.replacen('T', " ", 1))
        ));
    }
    if let Some(s) = &doc.source {
        facts.push(format!("*Source* {}", md_inline(s)));
    }
    if let Some(p) = &doc.path {
        facts.push(format!("*File* {}", md_inline(p)));
    }
    if !facts.is_empty() {
        out.push_str(&facts.join(" · "));
        out.push_str("\n\n");
    }
    out.push_str(&format!(
        "{} · {} · {}\n\n",
        count(doc.paragraphs.len(), "paragraph"),
        count(doc.commitments.len(), "commitment"),
        count(doc.entities.len(), "entity")
    ));

    out.push_str("## Themes\n\n");
    if doc.themes.is_empty() {
        out.push_str("*No themes found.*\n\n");
    } else {
        for t in &doc.themes {
            out.push_str(&format!(
                "- **{}** — {}\n",
                md_inline(&t.name),
                count(t.commitments.len(), "commitment")
            ));
        }
        out.push('\n');
    }

    out.push_str("## Commitments\n\n");
    if doc.commitments.is_empty() {
        out.push_str("*No commitments found.*\n\n");
    } else {
        markdown_commitments(out, doc);
    }

    out.push_str("## Entities\n\n");
    if doc.entities.is_empty() {
        out.push_str("*No entities found.*\n");
    } else {
        for e in &doc.entities {
            let mut line = format!(
                "- **{}** — {} · {}",
                md_inline(&e.name),
                e.kind.label(),
                count(e.mentions, "mention")
            );
            if !e.commitments.is_empty() {
                let ids: Vec<String> = e.commitments.iter().map(|id| format!("#{id}")).collect();
                line.push_str(&format!(" · commitments {}", ids.join(", ")));
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
}

/// Commitments grouped under their primary theme, themes in the document's
/// order; any whose primary theme the document does not list come last.
fn markdown_commitments(out: &mut String, doc: &Document) {
    let primary = |c: &Commitment| c.themes.first().cloned().unwrap_or_default();
    for theme in &doc.themes {
        let group: Vec<&Commitment> = doc
            .commitments
            .iter()
            .filter(|c| primary(c) == theme.id)
            .collect();
        if group.is_empty() {
            continue;
        }
        out.push_str(&format!("### {}\n\n", md_inline(&theme.name)));
        for c in group {
            markdown_commitment(out, doc, c);
        }
        out.push('\n');
    }
    let others: Vec<&Commitment> = doc
        .commitments
        .iter()
        .filter(|c| !doc.themes.iter().any(|t| t.id == primary(c)))
        .collect();
    if !others.is_empty() {
        out.push_str("### Other\n\n");
        for c in others {
            markdown_commitment(out, doc, c);
        }
        out.push('\n');
    }
}

fn markdown_commitment(out: &mut String, doc: &Document, c: &Commitment) {
    out.push_str(&format!(
        "- **#{}** (¶{}) *{}* — {} — {}",
        c.id,
        c.paragraph,
        md_inline(&c.actor),
        md_inline(&c.modality),
        md_inline(&c.text)
    ));
    let also: Vec<String> = c
        .themes
        .iter()
        .skip(1)
        .map(|id| md_inline(theme_name(doc, id)))
        .collect();
    if !also.is_empty() {
        out.push_str(&format!(" *(also: {})*", also.join(", ")));
    }
    out.push('\n');
}

fn theme_name<'a>(doc: &'a Document, id: &'a str) -> &'a str {
    doc.themes
        .iter()
        .find(|t| t.id == id)
        .map_or(id, |t| t.name.as_str())
}

fn count(n: usize, noun: &str) -> String {
    match (n, noun) {
        (1, _) => format!("1 {noun}"),
        (_, "entity") => format!("{n} entities"),
        _ => format!("{n} {noun}s"),
    }
}

/// Text made safe for one line of Markdown: whitespace runs (newlines too) and
/// control characters become one space, and characters that would start
/// emphasis, code, links, HTML, headings' closing marks or strike-through are
/// backslash-escaped.
pub fn md_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() || c.is_control() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '~' | '|' => true,
            '&' => starts_entity(&chars[i + 1..]),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Would `&` followed by `rest` read as an HTML entity (`&amp;`, `&#39;`)?
fn starts_entity(rest: &[char]) -> bool {
    let body: Vec<&char> = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .collect();
    !body.is_empty() && rest.get(body.len()) == Some(&';')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, EntityKind, Paragraph, Span, ThemeSummary};

    fn commitment(id: usize, themes: &[&str], text: &str) -> Commitment {
        Commitment {
            id,
            paragraph: 2,
            sentence: 0,
            actor: "Jiangsu and Anhui".into(),
            modality: "will".into(),
            text: text.into(),
            span: Span::new(0, text.len()),
            themes: themes.iter().map(|s| s.to_string()).collect(),
            entities: vec![],
        }
    }

    fn sample() -> Document {
        Document {
            title: "Delta *integrated* plan".into(),
            published: Some("2023-06-07T16:36:13".into()),
            source: Some("ourjiangsu.com".into()),
            path: Some("statements/delta.txt".into()),
            paragraphs: vec![Paragraph {
                id: 2,
                text: "Jiangsu and Anhui will build ports.".into(),
                themes: vec!["transport".into()],
                commitments: vec![1, 2, 3],
                sentences: vec![Span::new(0, 35)],
            }],
            themes: vec![
                ThemeSummary {
                    id: "transport".into(),
                    name: "Transport".into(),
                    commitments: vec![1, 3],
                },
                ThemeSummary {
                    id: "green".into(),
                    name: "Green development".into(),
                    commitments: vec![2, 3],
                },
            ],
            commitments: vec![
                commitment(1, &["transport"], "build world-class port clusters"),
                commitment(2, &["green"], "protect the Taihu_Lake [basin]"),
                commitment(3, &["transport", "green"], "green the\nshipping lanes"),
                commitment(4, &["unknown"], "do something else"),
            ],
            entities: vec![Entity {
                name: "Taihu Lake".into(),
                kind: EntityKind::Place,
                mentions: 1,
                commitments: vec![2],
            }],
        }
    }

    #[test]
    fn json_has_the_documents_array_with_model_fields() {
        let mut out = Vec::new();
        write(&mut out, &[sample()], Format::Json).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let doc = &v["documents"][0];
        let mut keys: Vec<&str> = doc
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "commitments",
                "entities",
                "paragraphs",
                "path",
                "published",
                "source",
                "themes",
                "title"
            ]
        );
        assert_eq!(doc["themes"][1]["commitments"], serde_json::json!([2, 3]));
        assert_eq!(doc["entities"][0]["kind"], "place");
        assert_eq!(
            doc["paragraphs"][0]["sentences"][0],
            serde_json::json!({"start": 0, "end": 35})
        );
        assert!(out.ends_with(b"}\n"));
        // Round-trips into the model unchanged.
        let back: Document = serde_json::from_value(doc.clone()).unwrap();
        assert_eq!(back, sample());
    }

    #[test]
    fn markdown_groups_commitments_by_primary_theme() {
        let md = to_markdown(&[sample()]);
        assert!(md.starts_with("# Delta \\*integrated\\* plan\n"), "{md}");
        assert!(md.contains("*Published* 2023-06-07 16:36:13 · *Source* ourjiangsu.com"));
        assert!(md.contains("- **Transport** — 2 commitments\n"));
        let transport = md.find("### Transport").unwrap();
        let green = md.find("### Green development").unwrap();
        let other = md.find("### Other").unwrap();
        let c1 = md.find("**#1**").unwrap();
        let c2 = md.find("**#2**").unwrap();
        let c3 = md.find("**#3**").unwrap();
        let c4 = md.find("**#4**").unwrap();
        assert!(transport < c1 && c1 < c3 && c3 < green && green < c2 && c2 < other && other < c4);
        assert!(md.contains(
            "- **#3** (¶2) *Jiangsu and Anhui* — will — green the shipping lanes *(also: Green development)*\n"
        ));
        assert!(md.contains("protect the Taihu\\_Lake \\[basin\\]"));
        assert!(md.contains("- **Taihu Lake** — place · 1 mention · commitments #2\n"));
    }

    #[test]
    fn markdown_of_an_empty_document_says_so() {
        let mut doc = sample();
        doc.commitments.clear();
        doc.themes.clear();
        doc.entities.clear();
        let md = to_markdown(&[doc]);
        assert!(md.contains("*No commitments found.*"));
        assert!(md.contains("*No themes found.*"));
        assert!(md.contains("0 commitments · 0 entities"));
    }

    #[test]
    fn several_documents_are_separated_by_rules() {
        let md = to_markdown(&[sample(), sample()]);
        assert_eq!(md.matches("\n---\n").count(), 1);
        assert_eq!(md.matches("# Delta").count(), 2);
    }

    #[test]
    fn inline_markdown_escaping() {
        assert_eq!(md_inline("a*b_c`d"), "a\\*b\\_c\\`d");
        assert_eq!(md_inline("  two\n\nlines\t "), "two lines");
        assert_eq!(
            md_inline("R&D and &amp; and &#39;"),
            "R&D and \\&amp; and \\&\\#39;"
        );
        assert_eq!(
            md_inline("<script> ~~x~~ # 1"),
            "\\<script\\> \\~\\~x\\~\\~ \\# 1"
        );
        assert_eq!(md_inline("bell\u{7}esc\u{1b}[2J"), "bell esc \\[2J");
    }
}
