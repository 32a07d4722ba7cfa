//! Rough timing of parse and index for a quick look; `cargo bench` holds the real benchmarks.
use deltascope::{parse, search::SearchIndex, taxonomy::Taxonomy};
use std::time::Instant;

fn main() {
    let tax = Taxonomy::embedded();
    let t = Instant::now();
    let n = 2000;
    for _ in 0..n {
        std::hint::black_box(parse::embedded(&tax));
    }
    println!(
        "parse embedded: {:.3} ms",
        t.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/corpus".into());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let t = Instant::now();
    let docs: Vec<_> = texts
        .iter()
        .map(|s| parse::parse(s, Some("x"), &tax))
        .collect();
    println!(
        "parse {} docs: {:.1} ms",
        docs.len(),
        t.elapsed().as_secs_f64() * 1000.0
    );
    let t = Instant::now();
    let idx = SearchIndex::new(&docs);
    println!(
        "index: {:.1} ms ({} units)",
        t.elapsed().as_secs_f64() * 1000.0,
        idx.len()
    );
}
