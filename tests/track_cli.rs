//! Tracking through the real binary: `status`, and `export` in JSON, Markdown
//! and CSV carrying what the library saved; bad trackers are one-line errors
//! and stay untouched. Tracker files are written through the library API; the
//! binary always gets a temporary XDG_DATA_HOME, never the real one.

use deltascope::model::Document;
use deltascope::taxonomy::Taxonomy;
use deltascope::track::{self, Evidence, Location, Status, Tracker};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn embedded() -> Document {
    deltascope::parse::embedded(&Taxonomy::embedded())
}

/// The binary with `data` as its data home (and home, so nothing can fall
/// back to the real one).
fn run(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deltascope"))
        .args(args)
        .env("XDG_DATA_HOME", data)
        .env("HOME", data)
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run deltascope")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 stdout")
}

/// Stderr as lines, checked to be ours: one line each, no panic, no escapes.
fn stderr_lines(out: &Output) -> Vec<String> {
    let err = String::from_utf8(out.stderr.clone()).expect("UTF-8 stderr");
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );
    assert!(!err.contains('\x1b'), "{err:?}");
    let lines: Vec<String> = err.lines().map(str::to_string).collect();
    for l in &lines {
        assert!(l.starts_with("deltascope: "), "{l:?}");
    }
    lines
}

/// Where the binary keeps the embedded statement's tracking under `data`.
fn data_file(data: &Path, doc: &Document) -> PathBuf {
    data.join("deltascope")
        .join(format!("{}.json", track::document_key(&doc.title)))
}

/// Numbers of a status-table row: total, done, in progress, planned,
/// stalled, dropped, not rated.
fn row(table: &str, name: &str) -> [usize; 7] {
    let line = table
        .lines()
        .find(|l| {
            l.strip_prefix(name)
                .is_some_and(|rest| rest.starts_with("  "))
        })
        .unwrap_or_else(|| panic!("no row {name:?} in\n{table}"));
    let tokens: Vec<&str> = line[name.len()..].split_whitespace().collect();
    assert_eq!(tokens.len(), 9, "{line}");
    let mut n = [0; 7];
    for (slot, t) in n.iter_mut().zip(&tokens) {
        *slot = t.parse().unwrap();
    }
    n
}

/// Statuses given to the embedded statement's first commitments.
const GIVEN: [(usize, Status); 5] = [
    (1, Status::Done),
    (2, Status::Done),
    (3, Status::InProgress),
    (4, Status::Stalled),
    (5, Status::Dropped),
];

fn track_some(path: &Path, doc: &Document) -> Tracker {
    let mut t = Tracker::open(
        std::slice::from_ref(doc),
        Location::File(path.to_path_buf()),
    );
    for (id, status) in GIVEN {
        t.set_status(0, id, status).unwrap();
    }
    t.set_note(0, 1, "=cmd|' /C calc'!A0, said \"done\"")
        .unwrap();
    t.add_evidence(
        0,
        1,
        Evidence::new("https://example.org/report", "2024-03-01", "work began").unwrap(),
    )
    .unwrap();
    t
}

#[test]
fn status_counts_each_theme_from_the_data_folder() {
    let data = tempfile::tempdir().unwrap();
    let doc = embedded();
    let file = data_file(data.path(), &doc);
    track_some(&file, &doc);

    let out = run(data.path(), &["status"]);
    assert_eq!(out.status.code(), Some(0), "{:?}", stderr_lines(&out));
    assert!(stderr_lines(&out).is_empty());
    let table = stdout(&out);
    assert!(table.starts_with(&format!("{}\ntracker:   {}\n", doc.title, file.display())));

    // Expected counts worked out from the document, independently of the tracker.
    let count = |ids: &[usize], status: Status| {
        GIVEN
            .iter()
            .filter(|(id, s)| *s == status && ids.contains(id))
            .count()
    };
    let mut shown = 0;
    for theme in doc.themes.iter().filter(|t| !t.commitments.is_empty()) {
        let ids = &theme.commitments;
        let rated = GIVEN.iter().filter(|(id, _)| ids.contains(id)).count();
        assert_eq!(
            row(&table, &theme.name),
            [
                ids.len(),
                count(ids, Status::Done),
                count(ids, Status::InProgress),
                0,
                count(ids, Status::Stalled),
                count(ids, Status::Dropped),
                ids.len() - rated,
            ],
            "{}",
            theme.name
        );
        shown += 1;
    }
    assert!(shown >= 2, "the seed spreads over several themes");
    let n = doc.commitments.len();
    assert_eq!(row(&table, "all commitments"), [n, 2, 1, 0, 1, 1, n - 5]);
    assert!(!table.contains("orphaned"));
}

#[test]
fn status_with_a_tracker_file_lists_orphans() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("team.json");
    let doc = embedded();
    let mut older = doc.clone();
    older.commitments[0].text = "abolish all ports along the coast".into();
    Tracker::open(&[older], Location::File(file.clone()))
        .set_status(0, 1, Status::Planned)
        .unwrap();
    track_some(&file, &doc);

    let out = run(
        data.path(),
        &["status", "--tracker", file.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{:?}", stderr_lines(&out));
    let table = stdout(&out);
    assert!(table.contains(&format!("tracker:   {}\n", file.display())));
    assert_eq!(row(&table, "all commitments")[1], 2);
    assert!(
        table.contains(
            "\norphaned: 1 (saved for commitments no longer found in the statement)\n  planned      abolish all ports along the coast\n"
        ),
        "{table}"
    );
    // Nothing was written under the data folder.
    assert!(!data.path().join("deltascope").exists());
}

#[test]
fn export_carries_tracking_in_every_format() {
    let data = tempfile::tempdir().unwrap();
    let doc = embedded();
    let t = track_some(&data_file(data.path(), &doc), &doc);
    let updated = t.record(0, 1).unwrap().updated.unwrap().to_string();

    let out = run(data.path(), &["export"]);
    assert_eq!(out.status.code(), Some(0), "{:?}", stderr_lines(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let commitments = v["documents"][0]["commitments"].as_array().unwrap();
    assert_eq!(commitments.len(), doc.commitments.len());
    for (id, status) in GIVEN {
        assert_eq!(commitments[id - 1]["status"], status.id());
    }
    assert_eq!(commitments[5]["status"], "not-rated");
    assert_eq!(commitments[0]["updated"], updated.as_str());
    assert_eq!(commitments[0]["evidence"][0]["date"], "2024-03-01");

    let out = run(data.path(), &["export", "--format", "markdown"]);
    assert_eq!(out.status.code(), Some(0));
    let md = stdout(&out);
    assert!(md.contains(" · **done** · updated "), "{md}");
    assert!(md.contains("  - Evidence: https://example.org/report (2024-03-01) — “work began”\n"));

    let out = run(data.path(), &["export", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0));
    let csv = stdout(&out);
    let rows: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(rows.len(), doc.commitments.len() + 1);
    assert_eq!(
        rows[0],
        "document,id,theme,actor,text,status,note,updated,evidence,deadline,figures"
    );
    let c1 = &doc.commitments[0];
    assert_eq!(
        rows[1],
        format!(
            "{},1,{},\"{}\",{},done,\"'=cmd|' /C calc'!A0, said \"\"done\"\"\",{updated},2024-03-01 — https://example.org/report — work began,,",
            doc.title, c1.themes[0], c1.actor, c1.text
        )
    );
    assert!(rows[6].contains(",not-rated,,,"), "{}", rows[6]);
}

#[test]
fn a_corrupt_tracker_is_a_one_line_error_and_left_untouched() {
    let data = tempfile::tempdir().unwrap();
    let doc = embedded();
    let in_data = data_file(data.path(), &doc);
    fs::create_dir_all(in_data.parent().unwrap()).unwrap();
    let bad = b"{\n  \"version\": 1,\n  \"documents\": {\n    \"x\": {\"commitments\": [\n      {\"text\": \"a\", \"status\": \"finished\"}\n    ]}\n  }\n}\n";
    fs::write(&in_data, bad).unwrap();
    let team = data.path().join("team\x1b[2J.json");
    fs::write(&team, bad).unwrap();
    let team_arg = team.to_str().unwrap();

    for args in [
        vec!["status"],
        vec!["export"],
        vec!["export", "--format", "csv"],
        vec!["status", "--tracker", team_arg],
        vec!["export", "--format", "markdown", "--tracker", team_arg],
    ] {
        let out = run(data.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let lines = stderr_lines(&out);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(
            lines[0].contains("not a valid tracker file at line 5, column"),
            "{lines:?}"
        );
        assert!(lines[0].contains("finished"), "{lines:?}");
        assert!(lines[0].contains("left untouched"), "{lines:?}");
    }
    assert_eq!(fs::read(&in_data).unwrap(), bad);
    assert_eq!(fs::read(&team).unwrap(), bad);
    // Not even a lock or temporary file beside them.
    assert_eq!(fs::read_dir(in_data.parent().unwrap()).unwrap().count(), 1);
    assert_eq!(fs::read_dir(data.path()).unwrap().count(), 2);
    // The escape in the file name is shown escaped.
    let out = run(data.path(), &["status", "--tracker", team_arg]);
    assert!(stderr_lines(&out)[0].contains("team\\u{1b}[2J.json"));
}

#[test]
fn a_newer_tracker_version_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("t.json");
    fs::write(&file, br#"{"version": 7, "documents": {}}"#).unwrap();
    let out = run(
        data.path(),
        &["status", "--tracker", file.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_lines(&out)[0].contains("newer deltascope"));
}

#[test]
fn a_missing_tracker_file_is_an_error_but_a_missing_data_file_is_not() {
    let data = tempfile::tempdir().unwrap();
    let missing = data.path().join("typo.json");
    for args in [
        vec!["status", "--tracker", missing.to_str().unwrap()],
        vec!["export", "--tracker", missing.to_str().unwrap()],
    ] {
        let out = run(data.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr_lines(&out)[0].contains("no such tracker file"));
    }
    let out = run(data.path(), &["status"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("(not created yet)"));
    assert!(
        !data.path().join("deltascope").exists(),
        "reading creates nothing"
    );
}

#[test]
fn without_any_data_folder_everything_reads_as_not_rated() {
    let out = Command::new(env!("CARGO_BIN_EXE_deltascope"))
        .args(["export", "--format", "csv"])
        .env_remove("XDG_DATA_HOME")
        .env_remove("HOME")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{:?}", stderr_lines(&out));
    let csv = stdout(&out);
    assert!(csv.lines().skip(1).all(|l| l.contains(",not-rated,")));
}

#[test]
fn statements_with_control_characters_print_safely() {
    let data = tempfile::tempdir().unwrap();
    let statement = data.path().join("s.txt");
    fs::write(
        &statement,
        "Evil\x1b]0;pwned\x07 statement\n\nShanghai will open a port\x1b[2J for ships.\n",
    )
    .unwrap();
    let out = run(data.path(), &["status", statement.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{:?}", stderr_lines(&out));
    let text = stdout(&out);
    assert!(!unsafe_for_terminal(&text), "{text:?}");
}

/// Whether `text` holds anything that could drive a terminal or reorder a
/// line: a control character other than a line feed, or a bidi override.
fn unsafe_for_terminal(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

#[test]
fn a_trackers_strings_quoted_in_errors_cannot_drive_the_terminal() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("t.json");
    // serde quotes an unknown status and an unknown field name raw.
    for text in [
        r#"{"version": 1, "documents": {"d": {"title": "t", "commitments": [{"text": "a", "status": "\u001b]0;pwned\u0007"}]}}}"#,
        r#"{"version": 1, "documents": {"d": {"title": "t", "\u001b]2;x\u0007\u007f": 1}}}"#,
    ] {
        fs::write(&file, text).unwrap();
        for args in [
            vec!["status", "--tracker", file.to_str().unwrap()],
            vec!["export", "--tracker", file.to_str().unwrap()],
        ] {
            let out = run(data.path(), &args);
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            let err = String::from_utf8(out.stderr.clone()).unwrap();
            assert!(!unsafe_for_terminal(&err), "{err:?}");
            assert!(err.contains("\\u{1b}"), "shown escaped: {err:?}");
        }
    }
}

#[test]
fn a_theme_files_strings_quoted_in_errors_cannot_drive_the_terminal() {
    let data = tempfile::tempdir().unwrap();
    let themes = data.path().join("themes.json");
    fs::write(
        &themes,
        r#"{"themes": [{"id": "a\u001b]0;x\u0007", "phrases": [{"phrase": "p", "weight": 1}], "\u001b[2J": 1}]}"#,
    )
    .unwrap();
    let out = run(
        data.path(),
        &["export", "--themes", themes.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert!(err.contains("not a valid taxonomy"), "{err}");
    assert!(!unsafe_for_terminal(&err), "{err:?}");
}

#[cfg(unix)]
#[test]
fn a_fifo_as_tracker_or_theme_file_is_refused_at_once() {
    let data = tempfile::tempdir().unwrap();
    let fifo = data.path().join("fifo");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    let fifo = fifo.to_str().unwrap();
    for args in [
        vec!["status", "--tracker", fifo],
        vec!["export", "--themes", fifo],
    ] {
        // No writer ever opens the FIFO: reading it blindly would block for
        // ever. `timeout` turns a hang into exit 124.
        let out = Command::new("timeout")
            .arg("10")
            .arg(env!("CARGO_BIN_EXE_deltascope"))
            .args(&args)
            .env("XDG_DATA_HOME", data.path())
            .env("HOME", data.path())
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let lines = stderr_lines(&out);
        assert!(
            lines[0].contains("not a regular file (a FIFO)"),
            "{lines:?}"
        );
    }
}

#[test]
fn bidi_overrides_never_reach_text_or_markdown_output() {
    let data = tempfile::tempdir().unwrap();
    let statement = data.path().join("s.txt");
    fs::write(
        &statement,
        "A \u{202e}reversed\u{202c} title\n\nShanghai will open a \u{2066}port\u{2069} for ships.\n",
    )
    .unwrap();
    let path = statement.to_str().unwrap();
    for args in [
        vec!["status", path],
        vec!["export", "--format", "markdown", path],
        vec!["export", "--format", "csv", path],
        vec!["search", "port", path],
    ] {
        let out = run(data.path(), &args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {:?}",
            stderr_lines(&out)
        );
        // CSV rows end in CRLF by the standard; nothing else may be there.
        let text = stdout(&out).replace("\r\n", "\n");
        assert!(!unsafe_for_terminal(&text), "{args:?}: {text:?}");
    }
}
