//! How well the parser reads the statements in a folder against what a
//! careful reader marks in them: `quality DIR` compares each statement with
//! `DIR/expected/NAME.tsv` (theme, actor, modality, text, and optionally the
//! deadline's year and the figures' values, per line) and prints recall,
//! precision, primary-theme, deadline and figure accuracy per file and in total.
//! `scripts/quality.sh` runs it over `tests/fixtures`; `tests/quality.rs`
//! holds the totals to their floor.

use deltascope::parse;
use deltascope::taxonomy::Taxonomy;
use std::path::Path;

/// One commitment as a reader marks it.
#[derive(Debug, Clone, PartialEq)]
pub struct Marked {
    pub theme: String,
    pub actor: String,
    pub modality: String,
    pub text: String,
    /// The deadline's year (`None`: none) and the figures' values, when the
    /// file has those columns.
    pub when: Option<(Option<i32>, Vec<f64>)>,
}

/// What one statement scores.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    pub expected: usize,
    pub found: usize,
    pub matched: usize,
    /// Of the matched, how many have the reader's primary theme.
    pub theme_right: usize,
    /// Of the matched that carry deadline and figure columns: how many, and
    /// how many have the reader's deadline year and figure values.
    pub dated: usize,
    pub deadline_right: usize,
    pub figures_right: usize,
}

impl Score {
    pub fn add(&mut self, o: &Score) {
        self.expected += o.expected;
        self.found += o.found;
        self.matched += o.matched;
        self.theme_right += o.theme_right;
        self.dated += o.dated;
        self.deadline_right += o.deadline_right;
        self.figures_right += o.figures_right;
    }

    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.expected)
    }

    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.found)
    }

    pub fn theme_accuracy(&self) -> f64 {
        ratio(self.theme_right, self.matched)
    }

    pub fn deadline_accuracy(&self) -> f64 {
        ratio(self.deadline_right, self.dated)
    }

    pub fn figure_accuracy(&self) -> f64 {
        ratio(self.figures_right, self.dated)
    }
}

/// `n / d`, and 1 when there is nothing to find (a statement with no
/// commitments read as having none is read right).
fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 1.0 } else { n as f64 / d as f64 }
}

/// Texts compared without case, surrounding punctuation or doubled spaces.
fn norm(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

pub fn read_expected(path: &Path) -> Result<Vec<Marked>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let bad = || {
                format!(
                    "{}: not four or six tab-separated fields: {l}",
                    path.display()
                )
            };
            let (when, [theme, actor, modality, text]) = (match f.as_slice() {
                [a, b, c, d] => Some((None, [a, b, c, d])),
                [a, b, c, d, year, figures] => {
                    let year = match year.trim() {
                        "" => None,
                        y => Some(y.parse::<i32>().map_err(|_| bad())?),
                    };
                    let values = figures
                        .split(';')
                        .map(str::trim)
                        .filter(|v| !v.is_empty())
                        .map(|v| v.parse::<f64>().map_err(|_| bad()))
                        .collect::<Result<Vec<f64>, String>>()?;
                    Some((Some((year, values)), [a, b, c, d]))
                }
                _ => None,
            })
            .ok_or_else(bad)?;
            Ok(Marked {
                theme: theme.to_string(),
                actor: actor.to_string(),
                modality: modality.to_string(),
                text: text.to_string(),
                when,
            })
        })
        .collect()
}

/// Scores the parse of `statement` against `expected`: each found
/// commitment matches at most one marked one with the same text.
pub fn score(statement: &Path, expected: &[Marked]) -> Result<Score, String> {
    let text =
        std::fs::read_to_string(statement).map_err(|e| format!("{}: {e}", statement.display()))?;
    let doc = parse::parse(&text, statement.to_str(), &Taxonomy::embedded());
    let mut left: Vec<&Marked> = expected.iter().collect();
    let mut s = Score {
        expected: expected.len(),
        found: doc.commitments.len(),
        ..Score::default()
    };
    for c in &doc.commitments {
        if let Some(i) = left.iter().position(|m| norm(&m.text) == norm(&c.text)) {
            let m = left.remove(i);
            s.matched += 1;
            s.theme_right += usize::from(c.themes.first() == Some(&m.theme));
            if let Some((year, values)) = &m.when {
                s.dated += 1;
                let found = doc.deadline_of(c).and_then(|d| d.year);
                s.deadline_right += usize::from(found == *year);
                let mut got: Vec<f64> = parse::figures(&c.text).iter().map(|f| f.value).collect();
                let mut want = values.clone();
                got.sort_by(f64::total_cmp);
                want.sort_by(f64::total_cmp);
                let same = got.len() == want.len()
                    && got
                        .iter()
                        .zip(&want)
                        .all(|(a, b)| (a - b).abs() <= 1e-6 * b.abs().max(1.0));
                s.figures_right += usize::from(same);
            }
        }
    }
    Ok(s)
}

/// Every statement of `dir` that has an expected file, with its score.
pub fn score_dir(dir: &Path) -> Result<Vec<(String, Score)>, String> {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    names.sort();
    let mut out = Vec::new();
    for statement in names {
        let Some(stem) = statement.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let expected = dir.join("expected").join(format!("{stem}.tsv"));
        if !expected.exists() {
            continue;
        }
        let marked = read_expected(&expected)?;
        let name = statement
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        out.push((name, score(&statement, &marked)?));
    }
    Ok(out)
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tests/fixtures".to_string());
    let scores = match score_dir(Path::new(&dir)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("quality: {e}");
            std::process::exit(2);
        }
    };
    let pct = |x: f64| format!("{:5.1} %", 100.0 * x);
    // Files marked without deadline and figure columns show a dash there.
    let dated = |s: &Score, x: f64| {
        if s.dated == 0 {
            "-".to_string()
        } else {
            pct(x)
        }
    };
    println!(
        "{:<34} {:>8} {:>5} {:>7} {:>9} {:>11} {:>7} {:>9} {:>8}",
        "statement",
        "expected",
        "found",
        "matched",
        "recall",
        "precision",
        "theme",
        "deadline",
        "figures"
    );
    let mut total = Score::default();
    for (name, s) in &scores {
        total.add(s);
        println!(
            "{:<34} {:>8} {:>5} {:>7} {:>9} {:>11} {:>7} {:>9} {:>8}",
            name,
            s.expected,
            s.found,
            s.matched,
            pct(s.recall()),
            pct(s.precision()),
            pct(s.theme_accuracy()),
            dated(s, s.deadline_accuracy()),
            dated(s, s.figure_accuracy())
        );
    }
    println!(
        "{:<34} {:>8} {:>5} {:>7} {:>9} {:>11} {:>7} {:>9} {:>8}",
        "total",
        total.expected,
        total.found,
        total.matched,
        pct(total.recall()),
        pct(total.precision()),
        pct(total.theme_accuracy()),
        dated(&total, total.deadline_accuracy()),
        dated(&total, total.figure_accuracy())
    );
}
