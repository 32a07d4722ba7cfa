//! `deltascope search` done in parts: read 64 files at a time on all cores,
//! skip those that cannot hold a hit (`Prefilter`), parse and index the rest,
//! drop their documents, join the parts and search. Same hits as
//! `SearchIndex::new` over every document, with only the index kept in
//! memory, so peak memory stays a small multiple of the corpus, and no time
//! spent parsing statements the query cannot match.
//!
//! `cargo run --release --example search_in_parts -- QUERY PATH... [--limit N]`
//! prints `file  kind  text` per hit. BENCHMARKS.md measures it.

use deltascope::load::{self, LoadError};
use deltascope::parse;
use deltascope::search::{IndexPart, Prefilter, SearchIndex};
use deltascope::taxonomy::Taxonomy;
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;

/// Files per part: enough text for the part to index efficiently, few
/// enough that the documents in flight stay small.
const PART_FILES: usize = 64;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut limit = 20;
    let mut rest = Vec::new();
    while let Some(a) = args.next() {
        if a == "--limit" {
            match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => limit = n,
                None => {
                    eprintln!("search_in_parts: --limit needs a whole number");
                    return ExitCode::from(2);
                }
            }
        } else {
            rest.push(a);
        }
    }
    let Some((query, paths)) = rest.split_first() else {
        eprintln!("usage: search_in_parts QUERY PATH... [--limit N]");
        return ExitCode::from(2);
    };
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let taxonomy = Taxonomy::embedded();
    let (files, mut errors) = load::statement_files(&paths);
    let filter = Prefilter::new(query, taxonomy.themes.iter().map(|t| t.name.as_str()));

    // Each part numbers its documents from its first file's position, so a
    // file that fails to load leaves a gap instead of shifting later parts.
    let parts: Vec<(IndexPart, Vec<String>, Vec<LoadError>)> = files
        .par_chunks(PART_FILES)
        .enumerate()
        .map(|(k, chunk)| {
            let mut docs = Vec::with_capacity(chunk.len());
            let mut names = Vec::with_capacity(chunk.len());
            let mut errors = Vec::new();
            for file in chunk {
                match load::read_text(file) {
                    // What `load::load_file` does, after the filter.
                    Ok(text) if filter.may_match(&parse::clean(&text)) => {
                        let shown = file.to_string_lossy();
                        docs.push(parse::parse(&text, Some(&shown), &taxonomy));
                        names.push(load::display_path(file));
                    }
                    Ok(_) => {}
                    Err(e) => errors.push(e),
                }
            }
            (IndexPart::new(&docs, k * PART_FILES), names, errors)
        })
        .collect();
    let mut names: Vec<Vec<String>> = Vec::with_capacity(parts.len());
    let mut index_parts = Vec::with_capacity(parts.len());
    for (part, part_names, part_errors) in parts {
        index_parts.push(part);
        names.push(part_names);
        errors.extend(part_errors);
    }
    for e in &errors {
        eprintln!("search_in_parts: {e}");
    }
    let index = SearchIndex::from_parts(index_parts);
    for hit in index.search(query, limit) {
        let name = names
            .get(hit.document / PART_FILES)
            .and_then(|n| n.get(hit.document % PART_FILES))
            .map_or("?", String::as_str);
        // Control characters from a file must not reach the terminal.
        let text: String = hit
            .text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        println!("{name}  {}  {text}", hit.kind.label());
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
