//! The command line through the real binary: bad input, exit codes, export
//! and search output shapes, colour and broken pipes.

use serde_json::Value;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const SEED: &str = include_str!("../assets/yangtze-river-delta-2023.txt");

fn deltascope(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_deltascope"));
    cmd.args(args)
        // A panic would print its backtrace; the tests check none ever does.
        .env("RUST_BACKTRACE", "1")
        .env_remove("NO_COLOR")
        // `export` reads tracking data from the data folder: never the real one.
        .env(
            "XDG_DATA_HOME",
            std::env::temp_dir().join("deltascope-cli-tests-no-tracking"),
        )
        .stdin(Stdio::null());
    cmd
}

fn run(args: &[&str]) -> Output {
    deltascope(args).output().expect("run deltascope")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

/// Stderr lines, after checking they are all ours, one line per problem, and
/// free of panics and escape bytes.
fn stderr_lines(out: &Output) -> Vec<String> {
    let err = String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("RUST_BACKTRACE"), "{err}");
    assert!(!err.contains("stack backtrace"), "{err}");
    assert!(!err.contains('\x1b'), "{err:?}");
    let lines: Vec<String> = err.lines().map(str::to_string).collect();
    for line in &lines {
        assert!(
            line.starts_with("deltascope: "),
            "not one of our one-line errors: {line:?}\n{err}"
        );
    }
    lines
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited, not killed")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

/// Run with one bad path; expect exit 2, nothing on stdout, and exactly one
/// error line naming the path and containing `needle`.
fn assert_bad_input(path: &str, needle: &str) -> String {
    for args in [vec!["export", path], vec!["search", "port", path]] {
        let out = run(&args);
        let lines = stderr_lines(&out);
        assert_eq!(code(&out), 2, "{args:?}: {lines:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(
            lines[0].starts_with(&format!("deltascope: {path}: ")),
            "{lines:?}"
        );
        assert!(lines[0].contains(needle), "{:?} lacks {needle:?}", lines[0]);
    }
    let out = run(&["export", path]);
    stderr_lines(&out).remove(0)
}

#[test]
fn missing_path() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.txt");
    assert_bad_input(s(&missing), "no such file or folder");
}

#[test]
fn path_through_a_file_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "file.txt", b"Anhui will act.");
    assert_bad_input(s(&file.join("x")), "a part of the path is a file");
}

#[cfg(unix)]
#[test]
fn permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "locked.txt", b"Anhui will act.");
    fs::set_permissions(&file, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&file).is_ok() {
        // Running as root: permissions do not apply, so there is nothing to check.
        eprintln!("skipped: this user can read mode-000 files");
        return;
    }
    assert_bad_input(s(&file), "permission denied");
}

#[test]
fn folder_without_statements() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes.pdf", b"%PDF-1.4");
    fs::create_dir(dir.path().join("sub")).unwrap();
    write(&dir.path().join("sub"), "deep.txt", b"Anhui will act.");
    assert_bad_input(s(dir.path()), "no .txt or .md statements");
}

#[test]
fn empty_and_whitespace_files() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.txt", b"");
    assert_bad_input(s(&empty), "empty");
    let blank = write(dir.path(), "blank.txt", b"  \n\r\n\t\n");
    assert_bad_input(s(&blank), "only whitespace");
}

#[test]
fn binary_files() {
    let dir = tempfile::tempdir().unwrap();
    let nul = write(dir.path(), "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let line = assert_bad_input(s(&nul), "binary");
    assert!(line.contains("offset 8"), "{line}");
    let controls: Vec<u8> = (1u8..32).cycle().take(600).collect();
    let ctl = write(dir.path(), "ctl.txt", &controls);
    assert_bad_input(s(&ctl), "binary");
}

#[test]
fn non_utf8_file_names_offset_and_conversion() {
    let dir = tempfile::tempdir().unwrap();
    // "Statement: 长江三角洲" in GB18030.
    let mut bytes = b"Statement: ".to_vec();
    bytes.extend_from_slice(&[0xB3, 0xA4, 0xBD, 0xAD, 0xC8, 0xFD, 0xBD, 0xC7, 0xD6, 0xDE]);
    let gb = write(dir.path(), "gb.txt", &bytes);
    let line = assert_bad_input(s(&gb), "not UTF-8");
    assert!(line.contains("byte offset 11"), "{line}");
    assert!(
        line.contains(&format!(
            "iconv -f GB18030 -t UTF-8 {} > {}.utf8",
            s(&gb),
            s(&gb)
        )),
        "{line}"
    );
}

#[test]
fn control_characters_in_file_names_are_escaped_in_errors() {
    let dir = tempfile::tempdir().unwrap();
    let evil = write(dir.path(), "evil\x1b[2J.txt", b"");
    let out = run(&["export", s(&evil)]);
    assert_eq!(code(&out), 2);
    let lines = stderr_lines(&out); // asserts no ESC byte
    assert!(lines[0].contains("evil\\u{1b}[2J.txt"), "{lines:?}");
}

#[test]
fn malformed_themes_file() {
    let dir = tempfile::tempdir().unwrap();
    let themes = write(dir.path(), "themes.json", br#"{"themes": [{"id": "x"}]}"#);
    let good = write(dir.path(), "good.txt", SEED.as_bytes());
    for args in [
        vec!["export", "--themes", s(&themes), s(&good)],
        vec!["--themes", s(&themes), "search", "port"],
        vec!["--themes", s(&themes), s(&good)],
    ] {
        let out = run(&args);
        let lines = stderr_lines(&out);
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(out.stdout.is_empty());
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(
            lines[0].starts_with(&format!("deltascope: {}: not a valid taxonomy", s(&themes))),
            "{lines:?}"
        );
    }
    let missing = dir.path().join("missing.json");
    let out = run(&["export", "--themes", s(&missing)]);
    assert_eq!(code(&out), 2);
    assert!(stderr_lines(&out)[0].contains("no such file or folder"));
}

#[test]
fn custom_themes_are_used_for_classification() {
    let dir = tempfile::tempdir().unwrap();
    let themes = write(
        dir.path(),
        "themes.json",
        br#"{"themes": [{"id": "ports", "name": "Ports", "phrases": [{"phrase": "port", "weight": 1}]}]}"#,
    );
    // The flag works before the command as well as after it.
    for args in [
        ["export", "--themes", s(&themes)],
        ["--themes", s(&themes), "export"],
    ] {
        let out = run(&args);
        assert_eq!(code(&out), 0, "{args:?}: {:?}", stderr_lines(&out));
        let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
        let paragraphs = v["documents"][0]["paragraphs"].as_array().unwrap();
        assert!(!paragraphs.is_empty());
        for p in paragraphs {
            assert_eq!(p["themes"], serde_json::json!(["ports"]), "{p}");
        }
    }
}

#[test]
fn mixed_good_and_bad_paths_report_each_and_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", SEED.as_bytes());
    let empty = write(dir.path(), "empty.txt", b"");
    let missing = dir.path().join("missing.txt");
    let binary = write(dir.path(), "bin.md", b"\0\0\0");

    // Reported in command-line order, whichever stage found the problem.
    let out = run(&["export", s(&empty), s(&missing), s(&good), s(&binary)]);
    assert_eq!(code(&out), 1);
    let lines = stderr_lines(&out);
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[0].starts_with(&format!("deltascope: {}: ", s(&empty))));
    assert!(lines[1].starts_with(&format!("deltascope: {}: ", s(&missing))));
    assert!(lines[2].starts_with(&format!("deltascope: {}: ", s(&binary))));
    let v: Value = serde_json::from_str(&stdout(&out)).expect("the good file is still exported");
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["path"], s(&good));

    let out = run(&["search", "--format", "json", "delta", s(&missing), s(&good)]);
    assert_eq!(code(&out), 1);
    assert_eq!(stderr_lines(&out).len(), 1);
    assert!(
        serde_json::from_str::<Value>(&stdout(&out))
            .unwrap()
            .is_array()
    );
}

#[test]
fn all_bad_paths_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.txt", b"");
    let missing = dir.path().join("missing.txt");
    let out = run(&["export", s(&empty), s(&missing)]);
    assert_eq!(code(&out), 2);
    assert_eq!(stderr_lines(&out).len(), 2);
    assert!(out.stdout.is_empty());
    // The explorer loads first too, so it fails the same way before touching the terminal.
    let out = run(&[s(&missing)]);
    assert_eq!(code(&out), 2);
    assert_eq!(stderr_lines(&out).len(), 1);
}

#[test]
fn folder_reads_its_statements_in_name_order() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "b.md",
        b"Second statement\n\nZhejiang will build ports.\n",
    );
    write(
        dir.path(),
        "a.txt",
        b"First statement\n\nAnhui will build roads.\n",
    );
    write(dir.path(), "skip.json", b"{}");
    let out = run(&["export", s(dir.path())]);
    assert_eq!(code(&out), 0, "{:?}", stderr_lines(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let paths: Vec<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [s(&dir.path().join("a.txt")), s(&dir.path().join("b.md"))]
    );
}

#[test]
fn export_json_has_documents_with_model_fields() {
    let out = run(&["export"]);
    assert_eq!(code(&out), 0);
    assert!(stderr_lines(&out).is_empty());
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let docs = v["documents"].as_array().expect("documents array");
    assert_eq!(docs.len(), 1);
    let doc = docs[0].as_object().unwrap();
    let mut keys: Vec<&str> = doc.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "commitments",
            "entities",
            "paragraphs",
            "path",
            "published",
            "source",
            "themes",
            "title",
            "tracking"
        ]
    );
    assert_eq!(doc["path"], Value::Null);
    assert_eq!(
        doc["title"],
        "Yangtze River Delta poised for further integrated development"
    );
    assert_eq!(doc["published"], "2023-06-07T16:36:13");
    let paragraphs = doc["paragraphs"].as_array().unwrap();
    assert!(!paragraphs.is_empty());
    for (i, p) in paragraphs.iter().enumerate() {
        let mut keys: Vec<&str> = p.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["commitments", "id", "sentences", "text", "themes"]);
        assert_eq!(p["id"], i + 1);
    }
}

#[test]
fn export_markdown_has_the_title_and_sections() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "seed.txt", SEED.as_bytes());
    let out = run(&["export", "--format", "markdown", s(&file)]);
    assert_eq!(code(&out), 0);
    let md = stdout(&out);
    assert!(
        md.starts_with("# Yangtze River Delta poised for further integrated development\n"),
        "{md}"
    );
    assert!(md.contains("*Published* 2023-06-07 16:36:13 · *Source* ourjiangsu.com"));
    for section in ["\n## Themes\n", "\n## Commitments\n", "\n## Entities\n"] {
        assert!(md.contains(section), "{section}");
    }
}

#[test]
fn invalid_format_is_a_usage_error() {
    for args in [
        vec!["export", "--format", "pdf"],
        vec!["search", "--format", "xml", "port"],
    ] {
        let out = run(&args);
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("invalid value"), "{err}");
        assert!(!err.contains("panicked"));
    }
    let out = run(&["search"]);
    assert_eq!(code(&out), 2, "a missing query is a usage error");
    let out = run(&["search", "--limit", "0", "port"]);
    assert_eq!(code(&out), 2);
}

#[test]
fn blank_query_is_bad_input() {
    let out = run(&["search", "  "]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr_lines(&out),
        ["deltascope: the search query is empty"]
    );
}

#[test]
fn search_without_hits_succeeds() {
    let out = run(&["search", "qqqqxxxxzzzz"]);
    assert_eq!(code(&out), 0);
    assert!(out.stdout.is_empty());
    assert_eq!(stderr_lines(&out), ["deltascope: no hits"]);

    let out = run(&["search", "--format", "json", "qqqqxxxxzzzz"]);
    assert_eq!(code(&out), 0);
    assert!(stderr_lines(&out).is_empty());
    assert_eq!(
        serde_json::from_str::<Value>(&stdout(&out)).unwrap(),
        serde_json::json!([])
    );
}

#[test]
fn search_json_shape() {
    let out = run(&["search", "--format", "json", "--limit", "5", "delta"]);
    assert_eq!(code(&out), 0, "{:?}", stderr_lines(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let hits = v.as_array().expect("an array of hits");
    assert!(hits.len() <= 5);
    for h in hits {
        let mut keys: Vec<&str> = h.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "document", "id", "kind", "matches", "score", "sentence", "text"
            ]
        );
        assert_eq!(
            h["document"],
            "Yangtze River Delta poised for further integrated development"
        );
        assert!(
            ["commitment", "sentence", "theme", "entity"].contains(&h["kind"].as_str().unwrap())
        );
        let text_len = h["text"].as_str().unwrap().chars().count() as u64;
        for m in h["matches"].as_array().unwrap() {
            assert!(m.as_u64().unwrap() < text_len);
        }
    }
}

#[test]
fn no_escape_bytes_when_piped_or_no_color() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "seed.txt", SEED.as_bytes());
    for no_color in [None, Some("1")] {
        for args in [
            vec!["search", "delta", s(&file)],
            vec!["search", "--format", "json", "delta"],
            vec!["export", "--format", "markdown"],
            vec!["export"],
        ] {
            let mut cmd = deltascope(&args);
            if let Some(v) = no_color {
                cmd.env("NO_COLOR", v);
            }
            let out = cmd.output().unwrap();
            assert_eq!(code(&out), 0, "{args:?}");
            assert!(!out.stdout.contains(&0x1b), "{args:?} wrote an escape byte");
            stderr_lines(&out);
        }
    }
}

/// The texts of every commitment `export --format json` finds in `path`.
fn exported_commitments(path: &Path) -> Vec<String> {
    let out = run(&["export", "--format", "json", s(path)]);
    assert_eq!(code(&out), 0, "{:?}", stderr_lines(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    v["documents"][0]["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn page_and_line_break_controls_keep_words_and_sentences_apart() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Coastal towns plan\n\n\
        The towns will plant\u{c}trees along the sea wall.\u{b}\
        The port must publish its figures.\u{85}The pilots will log each berth.\u{2029}\
        The councils shall open a flood office across the whole coastal strip in\n\u{c}two counties.\n";
    let file = write(dir.path(), "breaks.txt", text.as_bytes());
    let found = exported_commitments(&file);
    assert!(found.iter().any(|c| c.contains("plant trees")), "{found:?}");
    assert!(
        found.iter().any(|c| c == "publish its figures"),
        "{found:?}"
    );
    assert!(found.iter().any(|c| c == "log each berth"), "{found:?}");
    // A page break at a line's start does not end the paragraph.
    assert!(
        found.iter().any(|c| c.ends_with("in two counties")),
        "{found:?}"
    );
    assert_eq!(found.len(), 4, "{found:?}");
}

#[test]
fn an_unterminated_escape_sequence_keeps_the_rest_of_the_statement() {
    let dir = tempfile::tempdir().unwrap();
    let text = "River plan\n\nThe city will dredge the channel.\u{1b}]0;never ended\n\n\
        The province will restore the wetlands.\n\nThe county will build two bridges.\n";
    let file = write(dir.path(), "osc.txt", text.as_bytes());
    let found = exported_commitments(&file);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found.iter().any(|c| c == "build two bridges"), "{found:?}");
}

#[test]
fn a_file_over_the_parse_limit_is_one_error_and_a_folder_skips_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "a.txt", SEED.as_bytes());
    write(
        dir.path(),
        "b.txt",
        b"Port plan\n\nThe port will open a berth.\n",
    );
    // A limit of nothing: every parse is over it, as a pathological one is.
    for args in [vec!["export", s(&file)], vec!["search", "delta", s(&file)]] {
        let out = deltascope(&args)
            .env("DELTASCOPE_PARSE_SECONDS", "0")
            .output()
            .unwrap();
        let lines = stderr_lines(&out);
        assert_eq!(code(&out), 2, "{args:?}: {lines:?}");
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(
            lines[0].contains("a.txt: parsing took longer than 0 s"),
            "{lines:?}"
        );
    }
    // In a folder each file over it is named and skipped.
    let out = deltascope(&["export", s(dir.path())])
        .env("DELTASCOPE_PARSE_SECONDS", "0")
        .output()
        .unwrap();
    let lines = stderr_lines(&out);
    assert_eq!(code(&out), 2, "{lines:?}");
    assert!(
        lines.iter().any(|l| l.contains("a.txt: parsing took")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.contains("b.txt: parsing took")),
        "{lines:?}"
    );
    // A generous limit parses as usual.
    let out = deltascope(&["export", s(dir.path())])
        .env("DELTASCOPE_PARSE_SECONDS", "120")
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{:?}", stderr_lines(&out));
}

#[test]
fn a_parse_limit_that_is_not_a_number_is_one_error() {
    for bad in ["soon", "-1", "NaN", "inf"] {
        let out = deltascope(&["export"])
            .env("DELTASCOPE_PARSE_SECONDS", bad)
            .output()
            .unwrap();
        let lines = stderr_lines(&out);
        assert_eq!(code(&out), 2, "{bad}: {lines:?}");
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].contains("DELTASCOPE_PARSE_SECONDS"), "{lines:?}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn broken_pipe_exits_quietly() {
    // Far more than a pipe buffer, so the writer must hit the closed pipe.
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        write(dir.path(), &format!("s{i:02}.txt"), SEED.as_bytes());
    }
    for format in ["json", "markdown"] {
        let mut child = deltascope(&["export", "--format", format, s(dir.path())])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut head = [0u8; 64];
        let mut pipe = child.stdout.take().unwrap();
        pipe.read_exact(&mut head).unwrap();
        drop(pipe); // like `| head -c 64`
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{format}: {err}");
        assert!(err.is_empty(), "{format}: {err}");
    }
}
