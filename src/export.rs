//! Parsed documents out to files: JSON for programs, Markdown for people, CSV
//! for spreadsheets. Each format is one arm of `Format` and one writer
//! function. Every format carries the tracking data (status, note, evidence,
//! last change) when a tracker is given; without one every commitment reads
//! as not rated.

use crate::model::{Commitment, Deadline, Document, Entity, Figure, ParagraphsOut, ThemeSummary};
use crate::track::{self, Evidence, Orphan, Record, Status, Timestamp, Tracker};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Pretty-printed JSON: a `documents` array, fields as in the document
    /// model, each commitment with its tracking fields
    Json,
    /// A readable brief per document: themes, commitments by theme with their
    /// status, note and evidence, entities
    Markdown,
    /// One row per commitment: document, id, theme, actor, text, status, note,
    /// updated, evidence
    Csv,
}

/// Write `docs` in `format`, with `tracker`'s data if given. Errors are the
/// writer's (a closed pipe included).
pub fn write(
    out: &mut dyn Write,
    docs: &[Document],
    tracker: Option<&Tracker>,
    format: Format,
) -> io::Result<()> {
    match format {
        Format::Json => write_json(out, docs, tracker),
        Format::Markdown => out.write_all(to_markdown(docs, tracker).as_bytes()),
        Format::Csv => out.write_all(to_csv(docs, tracker).as_bytes()),
    }
}

/// A commitment's tracking record, if the tracker has one.
fn record_of(tracker: Option<&Tracker>, doc: usize, id: usize) -> Option<&Record> {
    tracker.and_then(|t| t.record(doc, id))
}

fn orphans_of(tracker: Option<&Tracker>, doc: usize) -> &[Orphan] {
    tracker.map_or(&[], |t| t.orphans(doc))
}

#[derive(Serialize)]
struct JsonExport<'a> {
    documents: Vec<JsonDocument<'a>>,
}

/// A document as in the model, commitments with tracking fields, plus the
/// document's `tracking` summary. The model's fields are listed one by one
/// to keep their order; a unit test checks none is missing.
#[derive(Serialize)]
struct JsonDocument<'a> {
    title: &'a str,
    published: &'a Option<String>,
    source: &'a Option<String>,
    path: &'a Option<String>,
    paragraphs: ParagraphsOut<'a>,
    themes: &'a [ThemeSummary],
    commitments: Vec<JsonCommitment<'a>>,
    entities: &'a [Entity],
    tracking: JsonTracking<'a>,
}

#[derive(Serialize)]
struct JsonCommitment<'a> {
    #[serde(flatten)]
    commitment: &'a Commitment,
    /// Read from the commitment's text (and the statement's year).
    deadline: Option<Deadline>,
    figures: Vec<Figure>,
    #[serde(flatten)]
    tracking: JsonRecord<'a>,
}

#[derive(Serialize)]
struct JsonRecord<'a> {
    status: Status,
    note: &'a str,
    evidence: &'a [Evidence],
    updated: Option<Timestamp>,
}

impl<'a> JsonRecord<'a> {
    fn new(record: Option<&'a Record>) -> JsonRecord<'a> {
        JsonRecord {
            status: record.map_or(Status::NotRated, |r| r.status),
            note: record.map_or("", |r| r.note.as_str()),
            evidence: record.map_or(&[], |r| r.evidence.as_slice()),
            updated: record.and_then(|r| r.updated),
        }
    }
}

#[derive(Serialize)]
struct JsonTracking<'a> {
    /// The key the document is filed under in tracker files.
    key: String,
    /// Saved entries no commitment of this document matches any more.
    orphans: Vec<JsonOrphan<'a>>,
}

#[derive(Serialize)]
struct JsonOrphan<'a> {
    text: &'a str,
    #[serde(flatten)]
    tracking: JsonRecord<'a>,
}

pub fn write_json(
    out: &mut dyn Write,
    docs: &[Document],
    tracker: Option<&Tracker>,
) -> io::Result<()> {
    let documents = docs
        .iter()
        .enumerate()
        .map(|(d, doc)| JsonDocument {
            title: &doc.title,
            published: &doc.published,
            source: &doc.source,
            path: &doc.path,
            paragraphs: ParagraphsOut(doc),
            themes: &doc.themes,
            commitments: doc
                .commitments
                .iter()
                .map(|c| JsonCommitment {
                    commitment: c,
                    deadline: doc.deadline_of(c),
                    figures: crate::parse::figures(&c.text),
                    tracking: JsonRecord::new(record_of(tracker, d, c.id)),
                })
                .collect(),
            entities: &doc.entities,
            tracking: JsonTracking {
                key: track::document_key(&doc.title),
                orphans: orphans_of(tracker, d)
                    .iter()
                    .map(|o| JsonOrphan {
                        text: &o.text,
                        tracking: JsonRecord::new(Some(&o.record)),
                    })
                    .collect(),
            },
        })
        .collect();
    write_pretty_json(out, &JsonExport { documents })
}

/// `value` as pretty JSON and a line break, with every character
/// `text::is_terminal_control` finds written as a `\uXXXX` escape. serde_json
/// escapes only C0 controls, so DEL, C1 controls and bidi overrides from a
/// document or a note would otherwise reach a terminal that shows the output
/// raw; the escaped form reads back as the same string. Streamed: a large
/// export is never held whole in memory.
pub fn write_pretty_json<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, SafeFormatter::default());
    // serde_json hands an underlying io::Error back unchanged, so a broken
    // pipe still reads as one to the caller.
    value.serialize(&mut ser).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// serde_json's pretty layout, with string contents (keys included) escaped
/// in `write_string_fragment`. Every other method is the pretty formatter's.
#[derive(Default)]
struct SafeFormatter(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut run = 0;
        for (i, c) in fragment.char_indices() {
            // serde_json has escaped every C0 control before this point.
            if crate::text::is_terminal_control(c) {
                writer.write_all(&fragment.as_bytes()[run..i])?;
                // Every such character is in the Basic Multilingual Plane.
                write!(writer, "\\u{:04x}", u32::from(c))?;
                run = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[run..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// The Markdown brief for all documents, separated by rules.
pub fn to_markdown(docs: &[Document], tracker: Option<&Tracker>) -> String {
    let mut out = String::new();
    for (i, doc) in docs.iter().enumerate() {
        if i > 0 {
            out.push_str("\n---\n\n");
        }
        markdown_document(&mut out, doc, &Tracking { tracker, doc: i });
    }
    out
}

/// The tracking data of one document, for the Markdown writers.
struct Tracking<'a> {
    tracker: Option<&'a Tracker>,
    doc: usize,
}

impl Tracking<'_> {
    fn record(&self, id: usize) -> Option<&Record> {
        record_of(self.tracker, self.doc, id)
    }

    /// `2 done, 1 in progress` for the rated statuses of a theme, if any.
    fn theme_summary(&self, theme_id: &str) -> Option<String> {
        let p = self.tracker?.progress(self.doc, theme_id);
        let parts: Vec<String> = Status::ALL
            .into_iter()
            .filter(|&s| s != Status::NotRated && p.count(s) > 0)
            .map(|s| format!("{} {}", p.count(s), s.label()))
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

fn markdown_document(out: &mut String, doc: &Document, tracking: &Tracking) {
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
                "- **{}** — {}",
                md_inline(&t.name),
                count(t.commitments.len(), "commitment")
            ));
            if let Some(summary) = tracking.theme_summary(&t.id) {
                out.push_str(&format!(" · {summary}"));
            }
            out.push('\n');
        }
        out.push('\n');
    }

    out.push_str("## Commitments\n\n");
    if doc.commitments.is_empty() {
        out.push_str("*No commitments found.*\n\n");
    } else {
        markdown_commitments(out, doc, tracking);
    }

    let orphans = orphans_of(tracking.tracker, tracking.doc);
    if !orphans.is_empty() {
        out.push_str("## Orphaned tracking entries\n\n");
        out.push_str("*Saved for commitments no longer found in this statement.*\n\n");
        for o in orphans {
            out.push_str(&format!("- {}", md_inline(&o.text)));
            markdown_record(out, Some(&o.record));
        }
        out.push('\n');
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
fn markdown_commitments(out: &mut String, doc: &Document, tracking: &Tracking) {
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
            markdown_commitment(out, doc, c, tracking.record(c.id));
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
            markdown_commitment(out, doc, c, tracking.record(c.id));
        }
        out.push('\n');
    }
}

fn markdown_commitment(out: &mut String, doc: &Document, c: &Commitment, record: Option<&Record>) {
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
    if let Some(d) = doc.deadline_of(c) {
        out.push_str(&format!(" · due {}", md_inline(&d.text)));
    }
    let figures: Vec<String> = crate::parse::figures(&c.text)
        .iter()
        .map(|f| md_inline(&f.text))
        .collect();
    if !figures.is_empty() {
        out.push_str(&format!(" · figures: {}", figures.join("; ")));
    }
    markdown_record(out, record);
}

/// The end of a commitment's line: its status when rated and the date of the
/// last change, then the note and each piece of evidence as sub-items.
fn markdown_record(out: &mut String, record: Option<&Record>) {
    let Some(r) = record else {
        out.push('\n');
        return;
    };
    if r.status != Status::NotRated {
        out.push_str(&format!(" · **{}**", r.status.label()));
    }
    if let Some(t) = r.updated {
        out.push_str(&format!(" · updated {}", t.date()));
    }
    out.push('\n');
    if !r.note.trim().is_empty() {
        out.push_str(&format!("  - Note: {}\n", md_inline(&r.note)));
    }
    for e in &r.evidence {
        let mut line = format!("  - Evidence: {}", md_inline(&e.source));
        if !e.date.is_empty() {
            line.push_str(&format!(" ({})", md_inline(&e.date)));
        }
        if !e.quote.is_empty() {
            line.push_str(&format!(" — “{}”", md_inline(&e.quote)));
        }
        out.push_str(&line);
        out.push('\n');
    }
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

/// Text made safe for one line of Markdown: whitespace runs (newlines too),
/// control characters and bidi overrides become one space, and characters that would start
/// emphasis, code, links, HTML, headings' closing marks or strike-through are
/// backslash-escaped.
pub fn md_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() || crate::text::is_terminal_control(c) {
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

/// The columns of the CSV export, in order.
pub const CSV_COLUMNS: [&str; 11] = [
    "document", "id", "theme", "actor", "text", "status", "note", "updated", "evidence",
    "deadline", "figures",
];

/// One row per commitment under a header row, RFC 4180: fields with a comma,
/// quote or line break are quoted, quotes doubled, rows end in CRLF. The
/// document is its path as given, or its title for the built-in statement;
/// `theme` is the primary theme id; `evidence` lists each entry as
/// `date — source — quote` on its own line within the cell; `deadline` is
/// its text (`by 2025`), `figures` their texts joined by `; `.
pub fn to_csv(docs: &[Document], tracker: Option<&Tracker>) -> String {
    let mut out = String::new();
    csv_row(&mut out, CSV_COLUMNS.iter().map(|c| c.to_string()));
    for (d, doc) in docs.iter().enumerate() {
        let name = doc.path.as_deref().unwrap_or(&doc.title);
        for c in &doc.commitments {
            let r = record_of(tracker, d, c.id);
            let evidence: Vec<String> = r
                .map_or(&[][..], |r| r.evidence.as_slice())
                .iter()
                .map(|e| {
                    [&e.date, &e.source, &e.quote]
                        .into_iter()
                        .filter(|f| !f.is_empty())
                        .map(String::as_str)
                        .collect::<Vec<_>>()
                        .join(" — ")
                })
                .collect();
            csv_row(
                &mut out,
                [
                    name.to_string(),
                    c.id.to_string(),
                    c.themes.first().cloned().unwrap_or_default(),
                    c.actor.clone(),
                    c.text.clone(),
                    r.map_or(Status::NotRated, |r| r.status).id().to_string(),
                    r.map_or_else(String::new, |r| r.note.clone()),
                    r.and_then(|r| r.updated)
                        .map_or_else(String::new, |t| t.to_string()),
                    evidence.join("\n"),
                    doc.deadline_of(c).map_or_else(String::new, |d| d.text),
                    crate::parse::figures(&c.text)
                        .into_iter()
                        .map(|f| f.text)
                        .collect::<Vec<_>>()
                        .join("; "),
                ],
            );
        }
    }
    out
}

fn csv_row(out: &mut String, fields: impl IntoIterator<Item = String>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&csv_field(&field));
    }
    out.push_str("\r\n");
}

/// One CSV field, safe for spreadsheets: control characters other than line
/// feeds, and bidi overrides, become spaces (so no cell carries an escape
/// sequence, a stray carriage return or reordered text); a field a
/// spreadsheet would run as a formula gets a leading `'`; then RFC 4180
/// quoting.
pub fn csv_field(text: &str) -> String {
    let mut cell = crate::text::blank_controls(text, &['\n']).into_owned();
    if runs_as_formula(&cell) {
        cell.insert(0, '\'');
    }
    if cell.contains([',', '"', '\n']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

/// Whether a spreadsheet would take the cell for a formula: its first
/// character after any leading blanks (spreadsheets skip them, and line
/// feeds) is `=`, `+`, `-` or `@`, or their full-width forms, which some
/// spreadsheets fold to ASCII.
fn runs_as_formula(cell: &str) -> bool {
    cell.trim_start_matches(|c: char| c.is_whitespace() || c.is_control())
        .starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, EntityKind, Paragraphs, Span, ThemeLists, ThemeSummary};

    fn commitment(id: usize, themes: &[&str], text: &str) -> Commitment {
        Commitment {
            id,
            paragraph: 1,
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
            paragraphs: {
                let mut p = Paragraphs::default();
                p.push("Jiangsu and Anhui will build ports.", [Span::new(0, 35)]);
                p.set_themes(0, vec!["transport".into()], &mut ThemeLists::default());
                p
            },
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

    fn keys(v: &serde_json::Value) -> Vec<String> {
        let mut keys: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        keys.sort_unstable();
        keys
    }

    #[test]
    fn json_has_the_documents_array_with_model_fields() {
        let mut out = Vec::new();
        write(&mut out, &[sample()], None, Format::Json).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let doc = &v["documents"][0];
        // Every field of the model, plus `tracking`; and every commitment
        // field plus the four tracking fields.
        let model = serde_json::to_value(sample()).unwrap();
        let mut expected = keys(&model);
        expected.push("tracking".into());
        expected.sort_unstable();
        assert_eq!(keys(doc), expected);
        let mut expected = keys(&model["commitments"][0]);
        expected.extend(
            [
                "deadline", "figures", "status", "note", "evidence", "updated",
            ]
            .map(String::from),
        );
        expected.sort_unstable();
        assert_eq!(keys(&doc["commitments"][0]), expected);
        assert_eq!(doc["commitments"][0]["status"], "not-rated");
        assert_eq!(doc["commitments"][0]["updated"], serde_json::Value::Null);
        assert_eq!(
            doc["tracking"],
            serde_json::json!({"key": "delta-integrated-plan", "orphans": []})
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
        let md = to_markdown(&[sample()], None);
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
            "- **#3** (¶1) *Jiangsu and Anhui* — will — green the shipping lanes *(also: Green development)*\n"
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
        let md = to_markdown(&[doc], None);
        assert!(md.contains("*No commitments found.*"));
        assert!(md.contains("*No themes found.*"));
        assert!(md.contains("0 commitments · 0 entities"));
    }

    #[test]
    fn several_documents_are_separated_by_rules() {
        let md = to_markdown(&[sample(), sample()], None);
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

    /// `sample()` tracked in a temporary file: #1 done with a note and
    /// evidence, #3 in progress, and an orphan.
    fn tracked() -> (tempfile::TempDir, Tracker) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.json");
        let mut gone = sample();
        gone.commitments[3].text = "close the old canal".into();
        let mut t = Tracker::open(&[gone], track::Location::File(path.clone()));
        t.set_status(0, 4, Status::Stalled).unwrap();
        let mut t = Tracker::open(&[sample()], track::Location::File(path));
        t.set_status(0, 1, Status::Done).unwrap();
        t.set_note(0, 1, "Berths *opened*\nin May").unwrap();
        t.add_evidence(
            0,
            1,
            Evidence::new("https://example.org/a_b", "2024-05", "first ship docked").unwrap(),
        )
        .unwrap();
        t.set_status(0, 3, Status::InProgress).unwrap();
        (dir, t)
    }

    #[test]
    fn json_escapes_every_terminal_control_and_reads_back() {
        let (_dir, mut t) = tracked();
        let note = "del\u{7f} c1\u{9b}31m nel\u{85} bidi\u{202e}txt \u{2066}iso";
        t.set_note(0, 1, note).unwrap();
        let mut out = Vec::new();
        write(&mut out, &[sample()], Some(&t), Format::Json).unwrap();
        let text = String::from_utf8(out).unwrap();
        let raw = text
            .chars()
            .find(|&c| c != '\n' && crate::text::is_terminal_control(c));
        assert_eq!(raw, None, "a raw control in {text}");
        assert!(text.contains("bidi\\u202etxt \\u2066iso"), "{text}");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let kept = v["documents"][0]["commitments"][0]["note"]
            .as_str()
            .unwrap();
        assert!(kept.ends_with("bidi\u{202e}txt \u{2066}iso"), "{kept}");
        // What a tracker file read from disk may still hold, written directly.
        let mut out = Vec::new();
        write_pretty_json(&mut out, &[note]).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("del\\u007f c1\\u009b31m nel\\u0085"),
            "{text}"
        );
        let back: Vec<String> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, [note]);
    }

    #[test]
    fn json_carries_status_note_evidence_and_orphans() {
        let (_dir, t) = tracked();
        let mut out = Vec::new();
        write(&mut out, &[sample()], Some(&t), Format::Json).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let c = &v["documents"][0]["commitments"];
        assert_eq!(c[0]["status"], "done");
        assert_eq!(c[0]["note"], "Berths *opened*\nin May");
        assert_eq!(
            c[0]["evidence"],
            serde_json::json!([{"source": "https://example.org/a_b", "date": "2024-05", "quote": "first ship docked"}])
        );
        let updated = c[0]["updated"].as_str().unwrap();
        assert!(Timestamp::parse(updated).is_some(), "{updated}");
        assert_eq!(c[1]["status"], "not-rated");
        assert_eq!(c[2]["status"], "in-progress");
        let orphans = &v["documents"][0]["tracking"]["orphans"];
        assert_eq!(orphans.as_array().unwrap().len(), 1);
        assert_eq!(orphans[0]["text"], "close the old canal");
        assert_eq!(orphans[0]["status"], "stalled");
        // Still a model document underneath.
        let back: Document = serde_json::from_value(v["documents"][0].clone()).unwrap();
        assert_eq!(back, sample());
    }

    #[test]
    fn markdown_shows_status_note_evidence_and_orphans() {
        let (_dir, t) = tracked();
        let md = to_markdown(&[sample()], Some(&t));
        let today = Timestamp::now().date();
        assert!(
            md.contains(&format!(
                "- **#1** (¶1) *Jiangsu and Anhui* — will — build world-class port clusters · **done** · updated {today}\n  - Note: Berths \\*opened\\* in May\n  - Evidence: https://example.org/a\\_b (2024-05) — “first ship docked”\n"
            )),
            "{md}"
        );
        assert!(
            md.contains("shipping lanes *(also: Green development)* · **in progress** · updated")
        );
        // Untracked commitments keep their plain line.
        assert!(
            md.contains("— protect the Taihu\\_Lake \\[basin\\]\n"),
            "{md}"
        );
        assert!(
            md.contains("- **Transport** — 2 commitments · 1 in progress, 1 done\n"),
            "{md}"
        );
        assert!(md.contains("- **Green development** — 2 commitments · 1 in progress\n"));
        let orphans = md.find("## Orphaned tracking entries").unwrap();
        assert!(orphans < md.find("## Entities").unwrap());
        assert!(md.contains("- close the old canal · **stalled** · updated"));
    }

    #[test]
    fn csv_has_one_row_per_commitment_with_tracking() {
        let (_dir, t) = tracked();
        let csv = to_csv(&[sample()], Some(&t));
        let rows: Vec<&str> = csv.split_terminator("\r\n").collect();
        assert_eq!(rows.len(), 5);
        assert_eq!(
            rows[0],
            "document,id,theme,actor,text,status,note,updated,evidence,deadline,figures"
        );
        let updated = t.record(0, 1).unwrap().updated.unwrap().to_string();
        assert_eq!(
            rows[1],
            format!(
                "statements/delta.txt,1,transport,Jiangsu and Anhui,build world-class port clusters,done,\"Berths *opened*\nin May\",{updated},2024-05 — https://example.org/a_b — first ship docked,,"
            )
        );
        assert_eq!(
            rows[2],
            "statements/delta.txt,2,green,Jiangsu and Anhui,protect the Taihu_Lake [basin],not-rated,,,,,"
        );
        assert!(rows[3].starts_with("statements/delta.txt,3,transport,Jiangsu and Anhui,\"green the\nshipping lanes\",in-progress,,"));
        assert!(csv.ends_with("\r\n"));
        // Without a path the document column is the title.
        let mut doc = sample();
        doc.path = None;
        assert!(to_csv(&[doc], None).contains("\r\nDelta *integrated* plan,1,"));
    }

    #[test]
    fn deadlines_and_figures_in_every_format() {
        let mut doc = sample();
        doc.commitments[0].text = "build 3 berths with over 40 percent of the cost by 2026".into();
        let csv = to_csv(std::slice::from_ref(&doc), None);
        let row = csv.split_terminator("\r\n").nth(1).unwrap();
        assert!(row.ends_with(",by 2026,3 berths; over 40 percent"), "{row}");
        let md = to_markdown(std::slice::from_ref(&doc), None);
        assert!(
            md.contains(" · due by 2026 · figures: 3 berths; over 40 percent"),
            "{md}"
        );
        let mut out = Vec::new();
        write(&mut out, &[doc], None, Format::Json).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let c = &v["documents"][0]["commitments"][0];
        assert_eq!(
            c["deadline"],
            serde_json::json!({"text": "by 2026", "year": 2026})
        );
        assert_eq!(
            c["figures"][1],
            serde_json::json!({"text": "over 40 percent", "value": 40.0, "unit": "percent", "modifier": "over"})
        );
        assert_eq!(
            v["documents"][0]["commitments"][1]["deadline"],
            serde_json::Value::Null
        );
    }

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(csv_field("plain text"), "plain text");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("+1"), "'+1");
        assert_eq!(csv_field("-5%"), "'-5%");
        // Spreadsheets skip leading blanks and fold full-width signs.
        assert_eq!(csv_field("  =1+1"), "'  =1+1");
        assert_eq!(csv_field("\t@SUM(A1)"), "' @SUM(A1)");
        assert_eq!(csv_field("\x1b=cmd"), "' =cmd");
        assert_eq!(csv_field("\n=2"), "\"'\n=2\"");
        assert_eq!(csv_field("＝1+1"), "'＝1+1");
        assert_eq!(csv_field("＋1"), "'＋1");
        assert_eq!(csv_field("a=1"), "a=1");
        assert_eq!(csv_field("x\u{202e}y"), "x y");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("a-b = c"), "a-b = c");
        assert_eq!(csv_field("esc\x1b[2J\r\n"), "\"esc [2J \n\"");
        assert_eq!(csv_field(""), "");
    }
}
