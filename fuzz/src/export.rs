//! Every export format of a set of documents is well-formed: the JSON parses
//! and gives the documents back, the Markdown has one line per commitment and
//! no heading but its own, the CSV reads back as one full row per commitment.

use crate::control_char;
use deltascope::export::{self, CSV_COLUMNS, Format};
use deltascope::model::Document;
use deltascope::track::Tracker;

/// Panics with what is wrong when an export of `docs` is not well-formed.
pub fn check(docs: &[Document], tracker: Option<&Tracker>) {
    check_json(docs, tracker);
    check_markdown(docs, tracker);
    check_csv(docs, tracker);
}

fn written(docs: &[Document], tracker: Option<&Tracker>, format: Format) -> String {
    let mut out = Vec::new();
    if let Err(e) = export::write(&mut out, docs, tracker, format) {
        panic!("{format:?} export into memory failed: {e}");
    }
    match String::from_utf8(out) {
        Ok(text) => text,
        Err(e) => panic!("{format:?} export is not UTF-8: {e}"),
    }
}

/// Control characters but line breaks in `text`, which no format needs.
fn assert_only_line_breaks(format: Format, text: &str) {
    let mut rest = text;
    while let Some((i, c)) = control_char(rest) {
        assert!(
            c == '\n' || (c == '\r' && rest[i + 1..].starts_with('\n')),
            "{format:?} export holds control character {c:?}"
        );
        rest = &rest[i + c.len_utf8()..];
    }
}

fn check_json(docs: &[Document], tracker: Option<&Tracker>) {
    let text = written(docs, tracker, Format::Json);
    assert_only_line_breaks(Format::Json, &text);
    let value: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => panic!("JSON export does not parse: {e}"),
    };
    let documents = value["documents"].as_array().map_or(&[][..], Vec::as_slice);
    assert_eq!(
        documents.len(),
        docs.len(),
        "JSON export has other documents"
    );
    for (doc, json) in docs.iter().zip(documents) {
        assert_eq!(json["title"], doc.title.as_str(), "JSON title differs");
        let back: Document = match serde_json::from_value(json.clone()) {
            Ok(d) => d,
            Err(e) => panic!("JSON document does not read back: {e}"),
        };
        assert!(
            back.iter_paragraphs().eq(doc.iter_paragraphs()),
            "JSON paragraphs differ"
        );
        let commitments = json["commitments"]
            .as_array()
            .map_or(&[][..], Vec::as_slice);
        assert_eq!(
            commitments.len(),
            doc.commitments.len(),
            "JSON commitments differ"
        );
        for (c, j) in doc.commitments.iter().zip(commitments) {
            assert_eq!(
                j["text"],
                c.text.as_str(),
                "JSON commitment {} differs",
                c.id
            );
            assert_eq!(j["span"]["start"], c.span.start, "JSON span differs");
            assert_eq!(j["span"]["end"], c.span.end, "JSON span differs");
        }
    }
}

fn check_markdown(docs: &[Document], tracker: Option<&Tracker>) {
    let text = written(docs, tracker, Format::Markdown);
    assert_only_line_breaks(Format::Markdown, &text);
    let lines: Vec<&str> = text.lines().collect();
    let titles = lines.iter().filter(|l| l.starts_with("# ")).count();
    assert_eq!(
        titles,
        docs.len(),
        "Markdown has a title per document, no more"
    );
    for line in lines.iter().filter(|l| l.starts_with('#')) {
        let known = line.starts_with("# ")
            || line.starts_with("### ")
            || matches!(
                *line,
                "## Themes" | "## Commitments" | "## Orphaned tracking entries" | "## Entities"
            );
        assert!(known, "Markdown heading the export did not write: {line:?}");
    }
    for doc in docs {
        for c in &doc.commitments {
            let lead = format!("- **#{}** (¶{}) ", c.id, c.paragraph);
            let shown = export::md_inline(&c.text);
            let found = lines
                .iter()
                .filter(|l| l.starts_with(&lead) && l.contains(&shown))
                .count();
            assert!(found >= 1, "Markdown has no line for commitment {}", c.id);
        }
    }
}

fn check_csv(docs: &[Document], tracker: Option<&Tracker>) {
    let text = written(docs, tracker, Format::Csv);
    assert_only_line_breaks(Format::Csv, &text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_string).collect(),
        Err(e) => panic!("CSV header does not read: {e}"),
    };
    assert_eq!(header, CSV_COLUMNS, "CSV header differs");
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => rows.push(r),
            Err(e) => panic!("CSV row does not read: {e}"),
        }
    }
    let commitments: Vec<_> = docs.iter().flat_map(|d| &d.commitments).collect();
    assert_eq!(
        rows.len(),
        commitments.len(),
        "CSV has a row per commitment"
    );
    let text_column = CSV_COLUMNS.iter().position(|c| *c == "text").unwrap_or(4);
    for (c, row) in commitments.iter().zip(&rows) {
        let cell = row.get(text_column).unwrap_or_default();
        // A cell a spreadsheet would run as a formula is shown with a `'`.
        let unguarded = cell
            .strip_prefix('\'')
            .filter(|t| t.starts_with(['=', '+', '-', '@']));
        assert_eq!(
            unguarded.unwrap_or(cell),
            c.text,
            "CSV text of commitment {}",
            c.id
        );
    }
}
