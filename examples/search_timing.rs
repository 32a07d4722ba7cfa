//! Rough per-keystroke timing of the search index at the target scale
//! (1,000 documents, ~100k sentences). Not a test: run it in release,
//! `cargo run --release --example search_timing`, and read the numbers.

use deltascope::model::{
    Commitment, Document, Entity, EntityKind, Paragraphs, Span, ThemeLists, ThemeSummary,
};
use deltascope::parse::EMBEDDED_TEXT;
use deltascope::search::SearchIndex;
use std::time::{Duration, Instant};

/// Deterministic pseudo-random numbers (xorshift), so runs are comparable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A pronounceable made-up word, so the vocabulary grows the way it would
/// with many different statements.
fn made_up_word(rng: &mut Rng) -> String {
    const SYL: [&str; 24] = [
        "ka", "lo", "mi", "ren", "tu", "sha", "qi", "an", "zh", "ong", "bei", "xu", "po", "li",
        "de", "ya", "ng", "hu", "wen", "ta", "ji", "ro", "se", "vin",
    ];
    (0..2 + rng.below(3))
        .map(|_| SYL[rng.below(SYL.len() as u64) as usize])
        .collect()
}

fn varied(text: &str, rng: &mut Rng, pool: &[String]) -> String {
    text.split(' ')
        .map(|w| {
            if rng.below(100) < 15 && w.chars().all(char::is_alphabetic) {
                pool[rng.below(pool.len() as u64) as usize].clone()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn synthetic_doc(rng: &mut Rng, pool: &[String]) -> Document {
    let body: Vec<&str> = EMBEDDED_TEXT
        .lines()
        .skip(3)
        .filter(|l| !l.trim().is_empty())
        .collect();
    let mut paragraphs = Paragraphs::default();
    let mut lists = ThemeLists::default();
    let mut commitments = Vec::new();
    for (pi, line) in body.iter().enumerate() {
        // Clauses as sentences, to reach ~100 short sentences per document.
        let clauses: Vec<String> = line.split(", ").map(|c| varied(c, rng, pool)).collect();
        let text = clauses.join(". ");
        let mut sentences = Vec::new();
        let mut from = 0;
        for (si, c) in clauses.iter().enumerate() {
            let span = Span::new(from, from + c.len());
            from = span.end + 2;
            if si % 2 == 0 && c.split(' ').count() > 3 {
                commitments.push(Commitment {
                    id: commitments.len() + 1,
                    paragraph: pi + 1,
                    sentence: si,
                    actor: "they".into(),
                    modality: "will".into(),
                    text: c.clone(),
                    span,
                    themes: vec!["green".into()],
                    entities: vec![],
                });
            }
            sentences.push(span);
        }
        paragraphs.push(&text, sentences);
        paragraphs.set_themes(pi, vec!["green".into()], &mut lists);
    }
    let themes = [
        "Innovation",
        "Industry",
        "Transport",
        "Digital",
        "Opening up",
        "Green development",
    ]
    .iter()
    .map(|n| ThemeSummary {
        id: n.to_lowercase(),
        name: n.to_string(),
        commitments: vec![],
    })
    .collect();
    let entities = [
        "Taihu Lake",
        "Hongqiao International Open Hub",
        "Anhui",
        "Hefei",
    ]
    .iter()
    .map(|n| Entity {
        name: n.to_string(),
        kind: EntityKind::Place,
        mentions: 1,
        commitments: vec![],
    })
    .chain((0..5).map(|_| Entity {
        name: made_up_word(rng),
        kind: EntityKind::Other,
        mentions: 1,
        commitments: vec![],
    }))
    .collect();
    Document {
        title: "synthetic".into(),
        published: None,
        source: None,
        path: None,
        paragraphs,
        themes,
        commitments,
        entities,
    }
}

fn main() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let pool: Vec<String> = (0..60_000).map(|_| made_up_word(&mut rng)).collect();
    let docs: Vec<Document> = (0..1000).map(|_| synthetic_doc(&mut rng, &pool)).collect();
    let bytes: usize = docs.iter().map(|d| d.paragraphs.all_text().len()).sum();
    let sentences: usize = docs
        .iter()
        .flat_map(|d| d.iter_paragraphs())
        .map(|p| p.sentences.len())
        .sum();
    let commitments: usize = docs.iter().map(|d| d.commitments.len()).sum();

    let t = Instant::now();
    let index = SearchIndex::new(&docs);
    println!(
        "{} docs, {:.1} MB paragraph text, {sentences} sentences, {commitments} commitments, {} units; build {:?}",
        docs.len(),
        bytes as f64 / 1e6,
        index.len(),
        t.elapsed()
    );

    // Every prefix of each query, as if typed.
    let queries = [
        "Taihu",
        "taihu lke",
        "G60",
        "fishing ban",
        "Hongqiao",
        "medcal insurance",
        "the",
        "of the",
        "the of",
        "and the development",
        "integrated development of the yangtze river delta",
        "pro co re",
        "长江三角洲",
        "zzzzqqq",
        "kalomi",
        "the and of to in a",
        "a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f",
        "strengthen the ecological protection of the Yangtze River and a new round of comprehensive cleanup of the Taihu Lake water environment",
    ];
    let mut all = Vec::new();
    for q in queries {
        let mut worst = (Duration::ZERO, "");
        for end in (1..=q.len()).filter(|&i| q.is_char_boundary(i)) {
            let typed = &q[..end];
            // Once per keystroke, as typed: the word cache then holds what it
            // would hold for a real user (earlier words, not this one).
            let t = Instant::now();
            let hits = index.search(typed, 100);
            let e = t.elapsed();
            std::hint::black_box(hits);
            all.push(e);
            if e > worst.0 {
                worst = (e, typed);
            }
        }
        let hits = index.search(q, 3);
        println!(
            "{q:>52}: worst keystroke {:>9.3?} ({:?}); top: {:?}",
            worst.0,
            worst.1,
            hits.first()
                .map(|h| (h.kind.label(), h.text.chars().take(50).collect::<String>()))
        );
    }
    all.sort();
    let pct = |p: f64| all[((all.len() as f64 * p) as usize).min(all.len() - 1)];
    println!(
        "{} keystrokes: p50 {:?}, p90 {:?}, p99 {:?}, max {:?}",
        all.len(),
        pct(0.5),
        pct(0.9),
        pct(0.99),
        all[all.len() - 1]
    );
}
