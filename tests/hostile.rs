//! Hostile statements the parser must survive: shapes whose size the input
//! sets (runs of `and`, of stops, of colons, of `would`, of entity codes).
//! Parsed in process on a thread with a small stack, so that any rule
//! recursing once per token overflows it here rather than in a user's
//! explorer, and through the real binary, at sizes that overflowed its stack
//! or took many seconds while a rule rescanned the clause for each token.

use deltascope::load::{self, Loaded};
use deltascope::model::Document;
use deltascope::parse;
use deltascope::taxonomy::Taxonomy;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A quarter of a default thread's stack: a rule whose depth the input sets
/// overflows it long before the 200,000 repetitions below end.
const SMALL_STACK: usize = 512 * 1024;

fn parse_on_small_stack(text: String) -> Document {
    std::thread::Builder::new()
        .stack_size(SMALL_STACK)
        .spawn(move || parse::parse(&text, None, &Taxonomy::embedded()))
        .expect("spawn a parse thread")
        .join()
        .expect("the parse thread ended normally")
}

fn repeat(head: &str, unit: &str, times: usize, tail: &str) -> String {
    format!("{head}{}{tail}", unit.repeat(times))
}

#[test]
fn a_long_run_of_and_parses_without_recursion() {
    let doc = parse_on_small_stack(repeat(
        "The city will build roads ",
        "and ",
        200_000,
        "parks.",
    ));
    // A sentence is cut into pieces of at most 16 KiB: the first holds the
    // head and the one commitment, whose `and`s lead to nothing in it.
    assert_eq!(doc.commitments.len(), 1);
    assert_eq!(doc.commitments[0].text, "build roads");
    assert_eq!(doc.commitments[0].actor, "The city");
}

#[test]
fn a_long_chain_of_coordinated_verbs_parses_without_recursion() {
    // `build and build and … build roads`: every verb shares the object.
    let doc = parse_on_small_stack(repeat(
        "The city will ",
        "build and ",
        200_000,
        "build roads.",
    ));
    assert!(!doc.commitments.is_empty());
    assert_eq!(doc.commitments[0].actor, "The city");
}

#[test]
fn a_long_run_of_stops_before_the_head_parses_without_recursion() {
    // The subject is looked for before the last stop that has words after it.
    // Cut into pieces of at most 16 KiB, the sentence keeps its head and
    // its action in the last piece; the subject is pieces away.
    let doc = parse_on_small_stack(repeat("The city ", ") ", 200_000, "will build roads."));
    assert_eq!(doc.commitments.len(), 1);
    assert_eq!(doc.commitments[0].text, "build roads");
    // Short enough to stay one sentence, the subject is found.
    let doc = parse_on_small_stack(repeat("The city ", ") ", 4_000, "will build roads."));
    assert_eq!(doc.commitments.len(), 1);
    assert_eq!(doc.commitments[0].actor, "The city");
}

/// The explorer parses on the loader's threads, which have a default stack:
/// a hostile file among good ones is delivered like the others, and the
/// files after it too.
#[test]
fn the_loader_survives_a_hostile_file_in_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let files = vec![
        write("a.txt", "Anhui will build ports.\n"),
        write(
            "b.txt",
            &repeat("The city will build roads ", "and ", 150_000, "parks.\n"),
        ),
        write(
            "c.txt",
            &repeat("The city will ", "build and ", 150_000, "build roads.\n"),
        ),
        write("d.txt", "Jiangsu will open a lab.\n"),
    ];
    let (tx, rx) = mpsc::channel();
    let handle = load::spawn_loader(files.clone(), Taxonomy::embedded(), 2, move |l| {
        tx.send(l).is_ok()
    })
    .unwrap();
    let got: Vec<Loaded> = rx.iter().collect();
    handle.join().unwrap();
    assert_eq!(got.len(), files.len());
    for (loaded, file) in got.iter().zip(&files) {
        let doc = loaded.as_ref().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.path.as_deref(), file.to_str());
        assert!(!doc.commitments.is_empty(), "{}", file.display());
    }
}

/// Longer than any of the runs below takes on a loaded machine in a debug
/// build (about a second each), and a small part of what the rules that
/// rescanned the clause took on them (minutes; seconds in a release build
/// at a quarter of the size).
const DEADLINE: Duration = Duration::from_secs(40);

/// `deltascope ARGS` on a file holding `text`, killed at `DEADLINE`; its
/// exit code and stdout.
fn run_on(text: &str, args: &[&str]) -> (i32, Vec<u8>, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hostile.txt");
    std::fs::write(&file, text).unwrap();
    run_binary(args, &file)
}

fn run_binary(args: &[&str], file: &Path) -> (i32, Vec<u8>, String) {
    let out_path: PathBuf = file.with_extension("out");
    let err_path: PathBuf = file.with_extension("err");
    let mut child = Command::new(env!("CARGO_BIN_EXE_deltascope"))
        .args(args)
        .arg(file)
        .env("RUST_BACKTRACE", "1")
        .env(
            "XDG_DATA_HOME",
            std::env::temp_dir().join("deltascope-hostile-tests-no-tracking"),
        )
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("run deltascope");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{args:?} did not finish within {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = std::fs::read(&out_path).unwrap();
    let stderr = String::from_utf8_lossy(&std::fs::read(&err_path).unwrap()).into_owned();
    // Killed by a signal (a stack overflow aborts): no code.
    (status.code().unwrap_or(-1), stdout, stderr)
}

/// `export --format json` of `text`, which must succeed; its one document.
fn export(text: &str) -> Value {
    let (code, stdout, stderr) = run_on(text, &["export", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let mut json: Value = serde_json::from_slice(&stdout).expect("JSON on stdout");
    let docs = json["documents"].as_array_mut().expect("documents");
    assert_eq!(docs.len(), 1);
    docs.remove(0)
}

fn commitment_texts(doc: &Value) -> Vec<&str> {
    doc["commitments"]
        .as_array()
        .expect("commitments")
        .iter()
        .map(|c| c["text"].as_str().expect("text"))
        .collect()
}

/// `search` on the same file: it parses too, and must end normally.
fn search_succeeds(text: &str) {
    let (code, _, stderr) = run_on(text, &["search", "roads"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn export_and_search_survive_half_a_million_ands() {
    // 2 MB: the recursion over `and`s overflowed the main thread's stack.
    let text = repeat("The city will build roads ", "and ", 500_000, "parks.");
    let doc = export(&text);
    let texts = commitment_texts(&doc);
    assert_eq!(texts, ["build roads"]);
    search_succeeds(&text);
}

#[test]
fn export_and_search_survive_a_long_chain_of_coordinated_verbs() {
    // 3 MB; CSV, one row per commitment, is the cheapest output to check.
    let text = repeat("The city will ", "build and ", 300_000, "build roads.");
    let (code, stdout, stderr) = run_on(&text, &["export", "--format", "csv"]);
    assert_eq!(code, 0, "{stderr}");
    let csv = String::from_utf8(stdout).expect("UTF-8 CSV");
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.contains(",The city,")), "{}", rows[0]);
    search_succeeds(&text);
}

#[test]
fn colons_after_a_head_are_read_once() {
    // 960 KB. A colon followed by no head introduces a list, which stays in
    // its commitment; the search for a head after each colon rescanned the
    // rest of the clause.
    let text = repeat("The city will focus on ", "a: ", 320_000, "roads.");
    let doc = export(&text);
    let texts = commitment_texts(&doc);
    // Cut into pieces of at most 16 KiB after a colon: the first holds the
    // head and the one commitment.
    assert_eq!(texts.len(), 1);
    assert!(texts[0].starts_with("focus on a: a:") && texts[0].len() > 8 * 1024);
}

#[test]
fn colons_each_followed_by_a_clause_split_it() {
    // The opposite case: every colon has a head after it.
    let text = repeat(
        "The city will focus on tasks",
        ": the town will build roads",
        30_000,
        ".",
    );
    let doc = export(&text);
    let texts = commitment_texts(&doc);
    assert_eq!(texts.len(), 30_001);
    assert!(texts[1..].iter().all(|t| *t == "build roads"));
}

#[test]
fn a_run_of_would_is_read_once() {
    // 1.2 MB. Without a reporting verb `would` commits nobody; the check for
    // one looked back over the whole clause at each `would`.
    let text = repeat("", "would ", 200_000, "build roads.");
    let doc = export(&text);
    assert!(commitment_texts(&doc).is_empty());
    // After one, every `would` is a head: the first takes the clause.
    let text = repeat("They said the region ", "would ", 200_000, "build roads.");
    let doc = export(&text);
    let texts = commitment_texts(&doc);
    assert!(!texts.is_empty());
    assert!(texts[0].starts_with("would would"));
}

#[test]
fn many_entity_codes_in_one_commitment_are_recorded_once_each() {
    // 1.7 MB of distinct codes `G0, G1, …`: whether a commitment recorded a
    // name already was a scan of its list.
    let mut text = String::from("The city will build ");
    let count = 200_000;
    for i in 0..count {
        text.push_str(&format!("G{i}, "));
    }
    text.push_str("and roads.");
    let doc = export(&text);
    let commitments = doc["commitments"].as_array().unwrap();
    assert_eq!(commitments.len(), 1);
    // The sentence is cut into pieces of at most 16 KiB; the commitment, in
    // the first, names each code in its text once, in order.
    let names = commitments[0]["entities"].as_array().unwrap();
    let in_text = commitments[0]["text"]
        .as_str()
        .unwrap()
        .matches('G')
        .count();
    assert!(in_text > 1_000, "{in_text}");
    assert_eq!(names.len(), in_text);
    for (i, n) in names.iter().enumerate() {
        assert_eq!(n, &format!("G{i}"));
    }
    let entities = doc["entities"].as_array().unwrap();
    assert_eq!(entities.len(), count);
    assert!(entities.iter().all(|e| e["kind"] == "code"));
}
