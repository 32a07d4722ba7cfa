//! Statements that are not plain files: a FIFO named on the command line is
//! read (process substitution, `<(curl …)`, is a real use), but one that
//! merely sits in an opened folder is never opened, so nothing can block a
//! command that did not ask for it.

#![cfg(unix)]

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::thread;

const STATEMENT: &str = "Ports plan\n\nShanghai will build a deep-water port by 2026.\n\nAnhui will open a rail link.\n";

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

/// The binary under `timeout 20`, so a blocked open fails the test (exit
/// 124) instead of hanging the suite.
fn run(data: &Path, args: &[&str]) -> Output {
    Command::new("timeout")
        .arg("20")
        .arg(env!("CARGO_BIN_EXE_deltascope"))
        .args(args)
        .env("XDG_DATA_HOME", data)
        .env("HOME", data)
        .stdin(Stdio::null())
        .output()
        .expect("run deltascope")
}

#[test]
fn a_fifo_in_a_folder_is_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), STATEMENT).unwrap();
    mkfifo(&dir.path().join("b.txt"));
    let folder = dir.path().to_str().unwrap();
    for args in [
        vec!["export", "--format", "json", folder],
        vec!["search", "port", folder],
        vec!["status", folder],
    ] {
        let out = run(dir.path(), &args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("port"),
            "{args:?}"
        );
    }
}

#[test]
fn a_fifo_named_on_the_command_line_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("statement.txt");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        thread::spawn(move || {
            // Opening for writing waits for the reader, as a shell's process
            // substitution does.
            let mut f = fs::OpenOptions::new().write(true).open(&fifo).unwrap();
            f.write_all(STATEMENT.as_bytes()).unwrap();
        })
    };
    let out = run(
        dir.path(),
        &["export", "--format", "json", fifo.to_str().unwrap()],
    );
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let commitments = json["documents"][0]["commitments"].as_array().unwrap();
    assert_eq!(commitments.len(), 2, "{json}");
}
