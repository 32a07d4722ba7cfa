//! deltascope: parse policy statements into themes, paragraphs and
//! commitments, search them, and explore them in the terminal.

pub mod corpus;
pub mod export;
pub mod load;
pub mod model;
pub mod parse;
pub mod regular_file;
pub mod search;
pub mod taxonomy;
pub mod text;
pub mod track;
pub mod tui;

/// Set here rather than in `main.rs` so that the benchmarks, tests and
/// examples run on the same allocator as the binary.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;
