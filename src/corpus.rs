//! A deterministic corpus of statement-shaped documents, for benchmarks,
//! scale tests and `examples/make-corpus.rs`.
//!
//! Each document recombines the paragraphs of the embedded statement: it keeps
//! a headline and a metadata line, draws its paragraphs in a varied order, and
//! varies years, places and ordinals, so that the same index always gives the
//! same bytes on every machine.

use std::fmt::Write as _;
use std::sync::OnceLock;

const SEED: &str = crate::parse::EMBEDDED_TEXT;

const PLACES: &[&str] = &[
    "Jiangsu",
    "Zhejiang",
    "Shanghai",
    "Anhui",
    "Fujian",
    "Guangdong",
    "Shandong",
    "Hubei",
    "Hunan",
    "Sichuan",
    "Chongqing",
    "Henan",
    "Hebei",
    "Tianjin",
    "Beijing",
    "Jiangxi",
    "Guangxi",
    "Yunnan",
    "Shaanxi",
    "Liaoning",
];
const CITIES: &[&str] = &[
    "Hefei",
    "Nanjing",
    "Hangzhou",
    "Suzhou",
    "Wuhan",
    "Chengdu",
    "Xiamen",
    "Qingdao",
    "Changsha",
    "Zhengzhou",
    "Jinan",
    "Kunming",
    "Fuzhou",
    "Nanchang",
    "Ningbo",
    "Wuxi",
];
const REGIONS: &[&str] = &[
    "Yangtze River Delta",
    "Pearl River Delta",
    "Bohai Rim",
    "Chengdu-Chongqing Economic Circle",
    "Central Plains",
    "Beibu Gulf",
    "Huaihe River Economic Belt",
    "Greater Bay Area",
];
const LAKES: &[&str] = &[
    "Taihu Lake",
    "Chaohu Lake",
    "Dongting Lake",
    "Poyang Lake",
    "Hongze Lake",
];
const CORRIDORS: &[&str] = &["G60", "G42", "G15", "G50", "G2"];
const ORDINALS: &[&str] = &["third", "fourth", "fifth", "sixth", "seventh", "eighth"];
const SOURCES: &[&str] = &[
    "ourjiangsu.com",
    "shine.cn",
    "Xinhua",
    "China Daily",
    "people.cn",
];
const HEADLINES: &[&str] = &[
    "{region} poised for further integrated development",
    "Leaders of the {region} agree on joint plan for {year}",
    "{region} symposium sets out cooperation priorities",
    "{city} meeting charts course for {region} integration",
];

/// SplitMix64: tiny, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

fn seed_paragraphs() -> Vec<&'static str> {
    SEED.lines()
        .skip(2)
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

fn document(index: usize, paragraphs: &[&str]) -> String {
    let mut rng = Rng(index as u64 ^ 0x5EED_0000_D0C5);
    let year = 2018 + rng.below(12);
    let region = rng.pick(REGIONS);
    let city = rng.pick(CITIES);
    // Four provinces in the seed's actor list, renamed consistently per document.
    let four: Vec<&str> = (0..4).map(|_| rng.pick(PLACES)).collect();
    let lake = rng.pick(LAKES);
    let corridor = rng.pick(CORRIDORS);
    let ordinal = rng.pick(ORDINALS);
    let substitute = |text: &str| {
        text.replace("Yangtze River Delta", region)
            .replace("Jiangsu", four[0])
            .replace("Zhejiang", four[1])
            .replace("Shanghai", four[2])
            .replace("Anhui", four[3])
            .replace("Hefei", city)
            .replace("Taihu Lake", lake)
            .replace("G60", corridor)
            .replace("fifth", ordinal)
            .replace("2024", &(year + 1).to_string())
            .replace("2023", &year.to_string())
            .replace("2022", &(year - 1).to_string())
    };
    let mut out = String::with_capacity(9000);
    let headline = rng
        .pick(HEADLINES)
        .replace("{region}", region)
        .replace("{city}", city)
        .replace("{year}", &year.to_string());
    let _ = writeln!(out, "{headline}");
    let _ = writeln!(
        out,
        "发布时间:{year}-{:02}-{:02} {:02}:{:02}:{:02} 来源:{}\n",
        1 + rng.below(12),
        1 + rng.below(28),
        rng.below(24),
        rng.below(60),
        rng.below(60),
        rng.pick(SOURCES)
    );
    // Context first, then the commitment paragraphs in a shuffled order,
    // some dropped and some repeated from another document's draw.
    let (context, body) = paragraphs.split_at(7.min(paragraphs.len()));
    let mut chosen: Vec<&str> = context
        .iter()
        .copied()
        .filter(|_| rng.below(4) != 0)
        .collect();
    let mut rest: Vec<&str> = body.to_vec();
    for i in (1..rest.len()).rev() {
        rest.swap(i, rng.below(i + 1));
    }
    let extra = rng.below(4);
    for i in 0..extra {
        rest.push(body[(index + i * 7) % body.len()]);
    }
    chosen.extend(rest);
    for p in chosen {
        let _ = writeln!(out, "{}\n", substitute(p));
    }
    out
}

/// Statement number `index` of the corpus: the same bytes for the same index,
/// everywhere.
pub fn generate(index: usize) -> String {
    static PARAGRAPHS: OnceLock<Vec<&'static str>> = OnceLock::new();
    document(index, PARAGRAPHS.get_or_init(seed_paragraphs))
}

/// The file name `make-corpus` gives statement `index`; sorts in index order.
pub fn file_name(index: usize) -> String {
    format!("statement-{index:04}.txt")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_index_same_text_and_indices_differ() {
        assert_eq!(generate(7), generate(7));
        assert_ne!(generate(7), generate(8));
    }

    #[test]
    fn documents_look_like_statements() {
        for i in 0..20 {
            let text = generate(i);
            let mut lines = text.lines();
            let headline = lines.next().unwrap_or_default();
            assert!(!headline.trim().is_empty(), "{i}");
            assert!(
                lines.next().is_some_and(|l| l.starts_with("发布时间:")),
                "{i}"
            );
            assert!(text.matches("\n\n").count() >= 5, "{i}: paragraphs");
            assert!(text.len() > 2000, "{i}");
        }
    }

    #[test]
    fn file_names_sort_in_index_order() {
        let names: Vec<String> = [2, 10, 999].into_iter().map(file_name).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        assert_eq!(file_name(3), "statement-0003.txt");
    }
}
