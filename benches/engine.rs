//! `cargo bench --bench engine`: the engine's costs at corpus scale, medians
//! by criterion. Targets (issue "corpus scale and speed"): parse the embedded
//! statement < 0.5 ms; load and index 1,000 statements < 150 ms; a keystroke
//! (search, highlight the first screen) well under 16 ms; one 200x60 frame
//! with the search overlay < 2 ms. See BENCHMARKS.md for the numbers.

mod common;

use common::{CORPUS_SIZE, CorpusDir, SCREEN_HITS, SEARCH_LIMIT, TYPED, typing};
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use deltascope::search::{SearchIndex, Session};
use deltascope::taxonomy::Taxonomy;
use deltascope::tui::app::{self, Action, App, Command};
use deltascope::tui::palette::Palette;
use deltascope::tui::ui;
use deltascope::tui::worker::{SharedIndex, run_query};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::hint::black_box;
use std::time::Duration;

fn parse(c: &mut Criterion) {
    let taxonomy = Taxonomy::embedded();
    c.bench_function("parse/embedded", |b| {
        b.iter(|| deltascope::parse::embedded(black_box(&taxonomy)))
    });
}

fn load_and_index(c: &mut Criterion) {
    let corpus = CorpusDir::write(CORPUS_SIZE);
    let docs = corpus.load();
    let mut g = c.benchmark_group("corpus-1000");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    // What was built is freed outside the timing: a user waits for loading,
    // not for the memory of the previous run to be given back.
    g.bench_function("load", |b| b.iter_with_large_drop(|| corpus.load()));
    g.bench_function("index", |b| {
        b.iter_with_large_drop(|| SearchIndex::new(black_box(&docs)))
    });
    g.bench_function("load+index", |b| {
        b.iter_with_large_drop(|| {
            let docs = corpus.load();
            let index = SearchIndex::new(&docs);
            (docs, index)
        })
    });
    g.finish();
}

/// One keystroke as the explorer sees it: the search (nothing cached for the
/// word being typed, earlier words cached as typing leaves them), then
/// highlight positions for the first screen of hits.
fn keystrokes(c: &mut Criterion) {
    let docs = CorpusDir::write(CORPUS_SIZE).load();
    let index = SearchIndex::new(&docs);
    let mut g = c.benchmark_group("keystroke");
    g.warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for text in TYPED {
        let prefixes = typing(text);
        for (i, &typed) in prefixes.iter().enumerate() {
            let id = BenchmarkId::new(text, format!("{typed:?}"));
            g.bench_with_input(id, typed, |b, typed| {
                b.iter_batched(
                    || {
                        index.clear_cache();
                        for earlier in &prefixes[..i] {
                            index.search_unhighlighted(earlier, 1);
                        }
                    },
                    |()| {
                        let mut hits = index.search_unhighlighted(typed, SEARCH_LIMIT);
                        let shown = hits.len().min(SCREEN_HITS);
                        index.highlight(&mut hits[..shown], typed);
                        hits
                    },
                    BatchSize::PerIteration,
                )
            });
        }
    }
    g.finish();
}

/// A frame of the explorer at 200x60 over the corpus, drawn into a test
/// backend: the search overlay open on "Taihu", and the plain view.
fn render(c: &mut Criterion) {
    let docs = CorpusDir::write(CORPUS_SIZE).load();
    let screen = Rect::new(0, 0, 200, 60);
    let mut app = App::new(docs, Palette::color(), false, screen);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test backend");
    let mut g = c.benchmark_group("frame-200x60");
    g.bench_function("plain", |b| {
        b.iter(|| terminal.draw(|f| ui::render(f, &app)).map(|_| ()))
    });
    // Type the query, answering each search as the worker would.
    let index = SharedIndex::new(SearchIndex::new(&app.docs));
    app::update(&mut app, Action::OpenSearch);
    for ch in "Taihu".chars() {
        app::update(&mut app, Action::Input(ch));
        for command in app.take_commands() {
            let Command::Search { id, query } = command;
            let answer = Action::SearchResults {
                id,
                hits: run_query(&index.0, &mut Session::new(), &query),
                query,
                documents: app.docs.len(),
                index: index.clone(),
            };
            app::update(&mut app, answer);
        }
    }
    assert!(!app.search.hits.is_empty(), "the overlay shows hits");
    g.bench_function("search-overlay", |b| {
        b.iter(|| terminal.draw(|f| ui::render(f, &app)).map(|_| ()))
    });
    g.finish();
}

criterion_group!(benches, parse, load_and_index, keystrokes, render);
criterion_main!(benches);
