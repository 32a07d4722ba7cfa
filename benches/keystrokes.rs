//! `cargo bench --bench keystrokes`: per-keystroke latency percentiles over
//! the 1,000-statement corpus while "Taihu", "G60" and "medical insurance"
//! are typed letter by letter, each run from an empty word cache. A keystroke
//! is the search (200 hits) plus highlight positions for the first 40. Two
//! ways: a fresh `search_unhighlighted` per keystroke, and `search_within`
//! with a `Session` that narrows the previous keystroke's candidates.
//! Prints a Markdown table (criterion reports medians, not p99).

mod common;

use common::{CORPUS_SIZE, CorpusDir, SCREEN_HITS, SEARCH_LIMIT, TYPED, typing};
use deltascope::search::{Hit, SearchIndex, Session};
use std::time::{Duration, Instant};

/// Times each sequence is typed per way.
const RUNS: usize = 30;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument skips this harness
    // unless it names it, as criterion's harness would.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    if filter.is_some_and(|f| !"keystrokes".contains(&f)) {
        return;
    }
    let corpus = CorpusDir::write(CORPUS_SIZE);
    let docs = corpus.load();
    let index = SearchIndex::new(&docs);
    println!(
        "{} statements, {} searchable units, {} threads, {RUNS} runs per sequence\n",
        docs.len(),
        index.len(),
        rayon::current_num_threads()
    );
    println!("| way | keystrokes | p50 ms | p90 ms | p99 ms | max ms | slowest keystroke |");
    println!("|---|---|---|---|---|---|---|");
    for way in ["fresh search", "session"] {
        let mut times: Vec<(Duration, &str)> = Vec::new();
        for _ in 0..RUNS {
            for text in TYPED {
                index.clear_cache();
                let mut session = Session::new();
                for typed in typing(text) {
                    let start = Instant::now();
                    let mut hits: Vec<Hit> = if way == "session" {
                        index.search_within(&mut session, typed, SEARCH_LIMIT)
                    } else {
                        index.search_unhighlighted(typed, SEARCH_LIMIT)
                    };
                    let shown = hits.len().min(SCREEN_HITS);
                    index.highlight(&mut hits[..shown], typed);
                    times.push((start.elapsed(), typed));
                    std::hint::black_box(hits);
                }
            }
        }
        times.sort();
        let sorted: Vec<Duration> = times.iter().map(|t| t.0).collect();
        let (worst, worst_query) = times[times.len() - 1];
        println!(
            "| {way} | {} | {} | {} | {} | {} | {worst_query:?} |",
            sorted.len(),
            ms(percentile(&sorted, 0.5)),
            ms(percentile(&sorted, 0.9)),
            ms(percentile(&sorted, 0.99)),
            ms(worst),
        );
    }
}
