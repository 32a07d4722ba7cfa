//! What the benchmarks share: the 1,000-statement corpus on disk and parsed,
//! and the typing sequences of the issue.

use deltascope::model::Document;
use deltascope::{corpus, load, taxonomy::Taxonomy};
use std::path::PathBuf;

/// Statements in the benchmark corpus (about 7.7 MB).
pub const CORPUS_SIZE: usize = 1000;

/// The queries typed letter by letter; every prefix is one keystroke.
pub const TYPED: [&str; 3] = ["Taihu", "G60", "medical insurance"];

/// Hits on the first screen, the ones highlighted per keystroke.
pub const SCREEN_HITS: usize = 40;

/// Hits a search asks for (the explorer's limit).
pub const SEARCH_LIMIT: usize = 200;

/// The corpus written as files into a temporary folder (removed on drop).
pub struct CorpusDir {
    dir: tempfile::TempDir,
}

impl CorpusDir {
    pub fn write(n: usize) -> CorpusDir {
        let dir = tempfile::tempdir().expect("temporary folder");
        for i in 0..n {
            std::fs::write(dir.path().join(corpus::file_name(i)), corpus::generate(i))
                .expect("write statement");
        }
        CorpusDir { dir }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    /// Read and parse every statement, as the command line does.
    pub fn load(&self) -> Vec<Document> {
        let (docs, errors) = load::load_paths(&[self.path()], &Taxonomy::embedded());
        assert!(errors.is_empty(), "{errors:?}");
        docs
    }
}

/// Every prefix of `text`, as typed.
pub fn typing(text: &str) -> Vec<&str> {
    (1..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .map(|i| &text[..i])
        .collect()
}
