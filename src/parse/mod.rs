//! Text to `Document`: cleaning, header, paragraphs, sentences, commitments,
//! entities and themes.

mod clean;
mod header;
mod structure;

pub use clean::clean;

use crate::model::{Document, Paragraph};
use crate::taxonomy::Taxonomy;

/// The embedded default statement, byte for byte the seed file.
pub const EMBEDDED_TEXT: &str = include_str!("../../assets/yangtze-river-delta-2023.txt");
pub const EMBEDDED_NAME: &str = "yangtze-river-delta-2023.txt";

/// Parse a statement. `path` is where it came from (`None` for the embedded one);
/// its file name is the title when the text has no headline.
pub fn parse(raw: &str, path: Option<&str>, taxonomy: &Taxonomy) -> Document {
    let text = clean(raw);
    let lines: Vec<&str> = text.lines().collect();
    let head = header::parse_header(&lines);
    let body = structure::paragraphs(&lines[head.body_start.min(lines.len())..]);
    let paragraphs: Vec<Paragraph> = body
        .into_iter()
        .enumerate()
        .map(|(i, text)| Paragraph {
            id: i + 1,
            themes: taxonomy.classify(&text, ""),
            sentences: structure::sentences(&text),
            commitments: Vec::new(),
            text,
        })
        .collect();
    let title = head.title.unwrap_or_else(|| title_from_path(path));
    Document {
        title,
        published: head.published,
        source: head.source,
        path: path.map(str::to_string),
        paragraphs,
        themes: Vec::new(),
        commitments: Vec::new(),
        entities: Vec::new(),
    }
}

fn title_from_path(path: Option<&str>) -> String {
    path.and_then(|p| std::path::Path::new(p).file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "Untitled statement".to_string())
}

/// The embedded statement, parsed.
pub fn embedded(taxonomy: &Taxonomy) -> Document {
    parse(EMBEDDED_TEXT, None, taxonomy)
}
