//! Search over a folder of statements through the real binary: the corpus the
//! benchmarks use, small enough for a test. The index is split into one shard
//! per thread, so the same search with different thread counts must print
//! the same hits.

mod common;

use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// 100 statements (about 770 kB): enough text for three shards.
fn write_corpus(dir: &Path) {
    for i in 0..100 {
        let path = dir.join(deltascope::corpus::file_name(i));
        std::fs::write(path, deltascope::corpus::generate(i)).expect("write statement");
    }
}

fn search_json(dir: &Path, query: &str, threads: usize) -> Vec<Value> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_deltascope"));
    command
        .env("RAYON_NUM_THREADS", threads.to_string())
        .args(["search", "--format", "json", "--limit", "60", query])
        .arg(dir);
    common::search_hits(&mut command, query)
}

#[test]
fn hits_do_not_depend_on_the_number_of_threads() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_corpus(dir.path());
    for query in ["Taihu", "G60 corridor", "medical insurance", "medcal", "t"] {
        let one = search_json(dir.path(), query, 1);
        assert_eq!(one.len(), 60, "{query:?}");
        for threads in [2, 3] {
            assert_eq!(
                search_json(dir.path(), query, threads),
                one,
                "{query:?} on {threads} threads"
            );
        }
        // Best first, and hits come from many files, not just the first.
        let scores: Vec<i64> = one.iter().filter_map(|h| h["score"].as_i64()).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{query:?}");
    }
    let hits = search_json(dir.path(), "Poyang Lake", 2);
    let files: std::collections::BTreeSet<&str> =
        hits.iter().filter_map(|h| h["document"].as_str()).collect();
    assert!(files.len() > 5, "{files:?}");
    assert!(files.iter().all(|f| f.ends_with(".txt")));
}

/// The command line's search reads files in parts, skips statements the query
/// cannot match before parsing them, and keeps only the documents with hits.
/// Its hits must be exactly those of one index over every document.
#[test]
fn search_in_parts_equals_one_index_over_every_document() {
    use deltascope::load;
    use deltascope::search::SearchIndex;
    use deltascope::taxonomy::Taxonomy;

    let dir = tempfile::tempdir().expect("temp dir");
    // 150 statements: several parts of 32 files, the last one part full.
    for i in 0..150 {
        let path = dir.path().join(deltascope::corpus::file_name(i));
        std::fs::write(path, deltascope::corpus::generate(i)).expect("write statement");
    }
    let taxonomy = Taxonomy::embedded();
    let paths = vec![dir.path().to_path_buf()];
    let (all, errors) = load::load_paths(&paths, &taxonomy);
    assert!(errors.is_empty());
    let index = SearchIndex::new(&all);
    let key = |doc: &deltascope::model::Document, h: &deltascope::search::Hit| {
        (
            doc.path.clone(),
            h.kind,
            h.id,
            h.sentence,
            h.score,
            h.text.clone(),
            h.matches.clone(),
        )
    };
    for query in [
        "Taihu",
        "G60 corridor",
        "medical insurance",
        "taihu lke",
        "t",
        "Chaohu",
        "nothing-like-this",
    ] {
        let whole: Vec<_> = index
            .search(query, 40)
            .iter()
            .map(|h| key(&all[h.document], h))
            .collect();
        let found = load::search_paths(&paths, &taxonomy, query, 40);
        assert!(found.errors.is_empty() && found.read_any);
        let parts: Vec<_> = found
            .hits
            .iter()
            .map(|h| key(&found.docs[h.document], h))
            .collect();
        assert_eq!(parts, whole, "{query:?}");
        // Only documents with hits are kept.
        assert!(found.docs.len() <= found.hits.len().max(1));
    }
}
