//! The explorer in a real terminal: the binary runs inside tmux on a private
//! socket (`-S`, in a temporary folder), keys go in with `send-keys`, the screen comes back with
//! `capture-pane`. Waits poll the screen for text instead of sleeping.
//!
//! Without tmux these tests fail under CI (`CI=true`) and are skipped locally.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_deltascope");
const TIMEOUT: Duration = Duration::from_secs(20);

fn tmux_available() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!(
                "tmux is not installed; the explorer's end-to-end tests need it (apt-get install tmux)"
            );
        }
        eprintln!("skipping: tmux is not installed");
    }
    found
}

/// A tmux server of our own, on a socket in a temporary folder; killed on
/// drop (also when a test fails), and the folder with it. Its programs see a
/// data folder of their own there too, so no test reads or writes the real
/// tracking files.
struct Tmux {
    socket: PathBuf,
    dir: tempfile::TempDir,
}

impl Tmux {
    /// Start `shell_command` in a detached session of the given size.
    fn start(shell_command: &str, width: u16, height: u16) -> Tmux {
        let dir = tempfile::tempdir().expect("temp dir");
        let tmux = Tmux {
            socket: dir.path().join("tmux.sock"),
            dir,
        };
        let (w, h) = (width.to_string(), height.to_string());
        let out = tmux.command(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            &w,
            "-y",
            &h,
            shell_command,
        ]);
        assert!(
            out.status.success(),
            "tmux new-session: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        tmux
    }

    fn command(&self, args: &[&str]) -> Output {
        // The server takes its environment from the command that starts it.
        Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .env_remove("TMUX")
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .output()
            .expect("run tmux")
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.command(&["capture-pane", "-p", "-t", "t"]).stdout)
            .into_owned()
    }

    fn display(&self, format: &str) -> String {
        let out = self.command(&["display-message", "-p", "-t", "t", format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Keys by tmux name (`Enter`, `Escape`, `j`).
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        assert!(self.command(&args).status.success());
    }

    /// Literal text, typed.
    fn type_text(&self, text: &str) {
        assert!(
            self.command(&["send-keys", "-t", "t", "-l", text])
                .status
                .success()
        );
    }

    fn resize(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        assert!(
            self.command(&["resize-window", "-t", "t", "-x", &w, "-y", &h])
                .status
                .success()
        );
    }

    /// Poll until the screen satisfies `ok`; fail with the last screen.
    fn wait(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; the screen was:\n{s}");
            }
            sleep(Duration::from_millis(40));
        }
    }

    fn wait_for(&self, text: &str) -> String {
        self.wait(&format!("{text:?}"), |s| s.contains(text))
    }

    fn wait_display(&self, format: &str, want: &str) {
        let start = Instant::now();
        while self.display(format) != want {
            if start.elapsed() > TIMEOUT {
                panic!(
                    "{format} stayed {:?}, wanted {want:?}",
                    self.display(format)
                );
            }
            sleep(Duration::from_millis(40));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command(&["kill-server"]);
    }
}

/// The shell line that runs the explorer and then reports its exit status, so
/// the pane survives it and the test can look at the restored terminal.
fn explorer(args: &str, pid_file: Option<&Path>) -> String {
    let run = match pid_file {
        // `exec` keeps the pid written, so a signal reaches the explorer itself.
        Some(p) => format!(
            "sh -c 'echo $$ > \"{}\"; exec \"{BIN}\" {args}'",
            p.display()
        ),
        None => format!("'{BIN}' {args}"),
    };
    // Inside the outer double quotes, `"` and `$` belong to the inner command.
    let run = run.replace('"', "\\\"").replace('$', "\\$");
    format!("sh -c \"{run}; echo EXITED \\$?; sleep 60\"")
}

/// The embedded statement as the binary parses it.
fn embedded() -> serde_json::Value {
    let out = Command::new(BIN)
        .arg("export")
        .output()
        .expect("run export");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("export is JSON");
    v["documents"][0].clone()
}

#[test]
fn explore_search_help_resize_and_quit_in_a_real_terminal() {
    if !tmux_available() {
        return;
    }
    let doc = embedded();
    let theme = |i: usize| {
        doc["themes"][i]["name"]
            .as_str()
            .expect("theme name")
            .to_string()
    };
    let g60 = doc["commitments"]
        .as_array()
        .expect("commitments")
        .iter()
        .find(|c| c["text"].as_str().is_some_and(|t| t.contains("G60")))
        .expect("a G60 commitment");
    let g60_head = format!("#{} · paragraph {}", g60["id"], g60["paragraph"]);

    let t = Tmux::start(&explorer("", None), 120, 40);
    t.wait_for("Themes");
    t.wait_for("Statement · All");
    t.wait_display("#{alternate_on}", "1");
    t.wait_display("#{mouse_all_flag}", "1");

    // Walk the themes: the statement pane follows.
    t.keys(&["j"]);
    t.wait_for(&format!("Statement · {}", theme(0)));
    t.keys(&["Down"]);
    t.wait_for(&format!("Statement · {}", theme(1)));
    t.keys(&["Enter"]);
    t.wait_for("j/k commitment");

    // Search as you type, then jump.
    t.keys(&["/"]);
    t.wait_for("Search");
    t.type_text("G60");
    t.wait_for("G60 Science and Technology Innovation Corridor");
    t.keys(&["Enter"]);
    let s = t.wait_for(&g60_head);
    assert!(!s.contains("┌ Search"), "the overlay closed:\n{s}");
    // The detail pane (right third at 120 columns) shows the corridor.
    let detail: String = s
        .lines()
        .map(|l| l.chars().skip(80).collect::<String>())
        .collect();
    assert!(detail.contains("G60 Science and"), "{s}");

    // Help, and Esc back.
    t.keys(&["?"]);
    t.wait_for("Keys · Esc closes");
    t.keys(&["Escape"]);
    t.wait("help closed", |s| !s.contains("Keys · Esc closes"));

    // Tiny and back.
    t.resize(20, 5);
    t.wait_for("too small");
    t.resize(120, 40);
    t.wait_for(&g60_head);

    t.keys(&["q"]);
    t.wait_for("EXITED 0");
    t.wait_display("#{alternate_on}", "0");
    t.wait_display("#{mouse_all_flag}", "0");
    t.wait_display("#{cursor_flag}", "1");
}

#[test]
fn input_typed_in_one_burst_arrives_whole_without_another_key() {
    // A paste the terminal does not bracket comes as keys, thousands at
    // once: all of it must be read, not only what fits one read, without
    // waiting for a key that may never come.
    if !tmux_available() {
        return;
    }
    let t = Tmux::start(&explorer("", None), 120, 40);
    t.wait_for("Themes");
    t.keys(&["/"]);
    t.wait_for("Search");
    let typed = format!("{}last words", "taihu lake ".repeat(360));
    for chunk in typed.as_bytes().chunks(2000) {
        t.type_text(std::str::from_utf8(chunk).expect("ASCII"));
    }
    t.wait_for("lake taihu lake last words");
}

#[test]
fn a_huge_bracketed_paste_into_search_is_cut_and_the_explorer_stays_quick() {
    // 240 KB in one paste: the query keeps what it holds, the footer says
    // how much was dropped, and the next key answers at once.
    if !tmux_available() {
        return;
    }
    let t = Tmux::start(&explorer("", None), 120, 40);
    t.wait_for("Themes");
    t.keys(&["/"]);
    t.wait_for("Search");
    let pasted = "taihu lake ".repeat(240_000 / 11);
    let buffer = t.dir.path().join("paste.txt");
    std::fs::write(&buffer, &pasted).expect("write the paste");
    let path = buffer.display().to_string();
    assert!(t.command(&["load-buffer", &path]).status.success());
    assert!(
        t.command(&["paste-buffer", "-p", "-t", "t"])
            .status
            .success()
    );
    let dropped = pasted.len() - 4096;
    t.wait_for(&format!("{dropped} chars dropped"));
    t.keys(&["BSpace"]);
    t.type_text("Z");
    let kept = format!("{}Z", &pasted[4080..4095]);
    t.wait_for(&kept);
    t.keys(&["Escape"]);
    t.wait("the search closed", |s| !s.contains("┌ Search"));
    t.keys(&["q"]);
    t.wait_for("EXITED 0");
}

#[test]
fn sigterm_restores_the_terminal() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let pid_file = dir.path().join("pid");
    let t = Tmux::start(&explorer("", Some(&pid_file)), 100, 30);
    t.wait_for("Themes");
    t.wait_display("#{mouse_all_flag}", "1");
    let pid = std::fs::read_to_string(&pid_file).expect("pid file");
    let killed = Command::new("kill")
        .args(["-TERM", pid.trim()])
        .status()
        .expect("kill");
    assert!(killed.success());
    t.wait_for("EXITED 143");
    t.wait_display("#{alternate_on}", "0");
    t.wait_display("#{mouse_all_flag}", "0");
    t.wait_display("#{cursor_flag}", "1");
}

#[test]
fn a_terminal_that_goes_away_takes_the_explorer_with_it() {
    // Closing the terminal (here: the whole tmux server) must end the
    // explorer, not leave it spinning on a dead terminal.
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let pid_file = dir.path().join("pid");
    let t = Tmux::start(&explorer("", Some(&pid_file)), 100, 30);
    t.wait_for("Themes");
    let pid = std::fs::read_to_string(&pid_file).expect("pid file");
    let proc_dir = Path::new("/proc").join(pid.trim());
    drop(t);
    let gone_by = std::time::Instant::now() + std::time::Duration::from_secs(10);
    // A zombie (state Z) has ended too; only its parent has not looked yet.
    let running = || {
        std::fs::read_to_string(proc_dir.join("stat")).is_ok_and(|stat| {
            stat.rsplit(')')
                .next()
                .is_some_and(|s| !s.trim_start().starts_with('Z'))
        })
    };
    while running() && std::time::Instant::now() < gone_by {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(
        !running(),
        "the explorer (pid {}) outlived its terminal",
        pid.trim()
    );
}

#[test]
fn no_mouse_leaves_the_mouse_to_the_terminal_until_m() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start(&explorer("--no-mouse", None), 100, 30);
    t.wait_for("Themes");
    assert_eq!(t.display("#{mouse_all_flag}"), "0");
    t.keys(&["m"]);
    t.wait_for("mouse capture on");
    t.wait_display("#{mouse_all_flag}", "1");
    t.keys(&["m"]);
    t.wait_display("#{mouse_all_flag}", "0");
    t.keys(&["C-c"]);
    t.wait_for("EXITED 0");
    t.wait_display("#{alternate_on}", "0");
}

#[test]
fn a_bad_path_is_one_line_and_no_explorer() {
    // Not tmux-bound: the explorer never starts, so no terminal is touched.
    let out = Command::new(BIN)
        .arg("/no/such/statement.txt")
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        out.stdout.is_empty(),
        "nothing drawn: {:?}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn without_a_terminal_the_explorer_says_so() {
    // stdout is a pipe here: a clear error, no escape sequences, no panic.
    let out = Command::new(BIN).output().expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("terminal"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(out.stdout.is_empty());
}

/// A folder of `n` generated statements plus one binary file, which the
/// explorer must skip and report.
fn corpus_dir(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..n {
        let path = dir.path().join(deltascope::corpus::file_name(i));
        std::fs::write(path, deltascope::corpus::generate(i)).expect("write statement");
    }
    std::fs::write(dir.path().join("broken.txt"), b"PK\x03\x04\0\0binary").expect("write");
    dir
}

/// The command line's best hit for `query` in `dir`: (file name, text).
fn top_hit(query: &str, dir: &Path) -> Option<(String, String)> {
    let out = Command::new(BIN)
        .args(["search", "--format", "json", "--limit", "1", query])
        .arg(dir)
        .output()
        .expect("run search");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON hits");
    let hit = v.get(0)?;
    let file = Path::new(hit["document"].as_str()?)
        .file_name()?
        .to_string_lossy()
        .into_owned();
    Some((file, hit["text"].as_str()?.to_string()))
}

#[test]
fn a_folder_of_fifty_statements_loads_searches_lists_and_reports_the_bad_file() {
    if !tmux_available() {
        return;
    }
    let dir = corpus_dir(50);
    // A query whose best hit is not in the first document, so Enter must
    // switch documents.
    let (query, (file, text)) = ["Dongting Lake", "Poyang Lake", "Hongze Lake", "Chaohu Lake"]
        .into_iter()
        .find_map(|q| {
            top_hit(q, dir.path())
                .filter(|(file, _)| file != "statement-0000.txt")
                .map(|h| (q, h))
        })
        .expect("a lake whose best hit is past the first statement");
    let number: usize = file
        .trim_start_matches("statement-")
        .trim_end_matches(".txt")
        .parse()
        .expect("generated file name");

    let t = Tmux::start(
        &explorer(&format!("'{}'", dir.path().display()), None),
        120,
        40,
    );
    t.wait_for("Themes");
    // Everything loads; the bad file is counted, not fatal.
    t.wait_for("document 1 of 50 · 1 skipped");
    let s = t.screen();
    assert!(!s.contains("loading"), "{s}");

    // Search spans every document; each hit names its file.
    t.keys(&["/"]);
    t.wait_for("Search");
    t.type_text(query);
    let s = t.wait_for(&format!("{file} · "));
    let snippet: String = text.chars().take(20).collect();
    assert!(s.contains(&snippet) || s.contains(query), "{s}");
    t.keys(&["Enter"]);
    t.wait_for(&format!("document {} of 50", number + 1));

    // The document list: filter by file name, Enter opens.
    t.keys(&["o"]);
    t.wait_for("Documents · 50");
    t.type_text("0042");
    t.wait_for("o 0042");
    t.keys(&["Enter"]);
    let s = t.wait_for("document 43 of 50");
    assert!(!s.contains("┌ Documents"), "{s}");

    // The skipped file and why.
    t.keys(&["!"]);
    let s = t.wait_for("1 file skipped · Esc closes");
    assert!(s.contains("broken.txt") && s.contains("binary file"), "{s}");
    t.keys(&["Escape"]);
    t.wait("the list closed", |s| !s.contains("Esc closes"));

    // Quitting reports the skipped file on the restored screen; exit 1 says
    // something was skipped.
    t.keys(&["q"]);
    let s = t.wait_for("EXITED 1");
    assert!(
        s.lines()
            .any(|l| l.starts_with("deltascope: ") && l.contains("broken.txt: binary file")),
        "{s}"
    );
    t.wait_display("#{alternate_on}", "0");
}

#[test]
fn a_folder_of_only_bad_files_is_reported_without_opening() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.txt"), b"").expect("write");
    std::fs::write(dir.path().join("b.txt"), b"\0\0\0").expect("write");
    let out = Command::new(BIN).arg(dir.path()).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines[0].contains("a.txt: the file is empty"), "{err}");
    assert!(lines[1].contains("b.txt: binary file"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_good_folder_without_a_terminal_says_so() {
    let dir = corpus_dir(3);
    let out = Command::new(BIN).arg(dir.path()).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(out.stdout.is_empty());
}

/// The tracker file's one document and its commitments.
fn tracked(path: &Path) -> Vec<serde_json::Value> {
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path).expect("tracker file")).expect("JSON");
    let docs = v["documents"].as_object().expect("documents");
    assert_eq!(docs.len(), 1, "{v}");
    docs.values().next().expect("a document")["commitments"]
        .as_array()
        .expect("commitments")
        .clone()
}

#[test]
fn a_status_and_note_set_in_the_explorer_are_saved_for_the_command_line() {
    if !tmux_available() {
        return;
    }
    let doc = embedded();
    let first = doc["commitments"][0]["text"]
        .as_str()
        .expect("commitment text")
        .to_string();
    let dir = tempfile::tempdir().expect("temp dir");
    let tracker = dir.path().join("tracker.json");
    let t = Tmux::start(
        &explorer(&format!("--tracker '{}'", tracker.display()), None),
        120,
        40,
    );
    t.wait_for("Themes");
    t.keys(&["s"]);
    t.wait_for("Status of #1");
    t.keys(&["4", "Enter"]);
    t.wait_for("#1 saved: status done");
    t.keys(&["e"]);
    t.wait_for("line 1 of 1, column 1");
    t.type_text("Seen in the 2024 work plan");
    t.keys(&["Enter"]);
    t.type_text("长三角 follow-up: q, j and s are text here");
    t.wait_for("line 2 of 2");
    t.keys(&["C-s"]);
    let s = t.wait_for("#1 saved: note");
    assert!(s.contains("Status    ● done"), "{s}");
    assert!(s.contains("Note      Seen in the 2024 work plan"), "{s}");
    // A paste arrives whole (bracketed), so its line break is not Enter:
    // the form stays open until Enter is pressed.
    t.keys(&["v"]);
    t.wait_for("Enter adds it");
    t.command(&["set-buffer", "https://example.org/plan\n2024"]);
    t.command(&["paste-buffer", "-p", "-t", "t"]);
    t.wait_for("Source  https://example.org/plan 2024");
    assert!(t.screen().contains("Enter adds it"));
    t.keys(&["Enter"]);
    t.wait_for("#1 saved: evidence added");
    t.keys(&["q"]);
    t.wait_for("EXITED 0");
    t.wait_display("#{alternate_on}", "0");

    let entries = tracked(&tracker);
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["text"], first.as_str());
    assert_eq!(entries[0]["status"], "done");
    assert_eq!(
        entries[0]["note"],
        "Seen in the 2024 work plan\n长三角 follow-up: q, j and s are text here"
    );
    assert!(entries[0]["updated"].is_string());
    assert_eq!(
        entries[0]["evidence"][0]["source"],
        "https://example.org/plan 2024"
    );

    let out = Command::new(BIN)
        .args(["status", "--tracker"])
        .arg(&tracker)
        .output()
        .expect("run status");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = String::from_utf8_lossy(&out.stdout);
    let all: Vec<&str> = table
        .lines()
        .find(|l| l.starts_with("all commitments"))
        .expect("an all-commitments row")
        .split_whitespace()
        .collect();
    // all commitments, total, done, in progress, …
    assert_eq!(all[3], "1", "{table}");
    assert_eq!(all[4], "0", "{table}");
}

#[test]
fn a_corrupt_tracker_is_explained_and_moved_aside_on_request() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let tracker = dir.path().join("tracker.json");
    let bad = b"{\"version\": 1, \"documents\": {\"x\": {\"commitments\": [{\"text\": \"a\", \"status\": \"finished\"}]}}}\n";
    std::fs::write(&tracker, bad).expect("write");
    let t = Tmux::start(
        &explorer(&format!("--tracker '{}'", tracker.display()), None),
        120,
        40,
    );
    let s = t.wait_for("Tracking is read-only");
    assert!(
        s.contains("line 1, column") && s.contains("finished"),
        "{s}"
    );
    // Closed, tracking stays read-only and the file as it was.
    t.keys(&["Escape"]);
    t.wait("the notice closed", |s| {
        !s.contains("Tracking is read-only")
    });
    t.keys(&["s"]);
    t.wait_for("tracking is read-only");
    assert_eq!(std::fs::read(&tracker).expect("file"), bad);
    // T, y: moved aside, and a change now saves into a fresh file.
    t.keys(&["T"]);
    t.wait_for("Tracking is read-only");
    t.keys(&["y"]);
    t.wait_for("moved aside to");
    t.keys(&["s", "2", "Enter"]);
    t.wait_for("#1 saved: status planned");
    t.keys(&["q"]);
    t.wait_for("EXITED 0");
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("tracker.json.corrupt-")
        })
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(std::fs::read(aside[0].path()).expect("moved"), bad);
    assert_eq!(tracked(&tracker)[0]["status"], "planned");
}

/// Start the explorer on a tracker in `dir`, wait for it, and hold the
/// tracker's lock as another explorer saving would; returns the session, the
/// explorer's pid, the tracker path and the held lock.
fn explorer_with_held_lock(dir: &Path) -> (Tmux, String, PathBuf, std::fs::File) {
    let pid_file = dir.join("pid");
    let tracker = dir.join("tracker.json");
    let t = Tmux::start(
        &explorer(
            &format!("--tracker '{}'", tracker.display()),
            Some(&pid_file),
        ),
        120,
        40,
    );
    t.wait_for("Themes");
    let pid = std::fs::read_to_string(&pid_file).expect("pid file");
    let lock = std::fs::File::create(dir.join(".tracker.json.lock")).expect("lock file");
    lock.lock().expect("take the lock");
    (t, pid.trim().to_string(), tracker, lock)
}

fn signal(pid: &str, name: &str) {
    let sent = Command::new("kill")
        .args([&format!("-{name}"), pid])
        .status()
        .expect("kill");
    assert!(sent.success());
}

#[test]
fn a_signal_lets_a_waiting_save_finish_then_exits_with_its_number() {
    if !tmux_available() {
        return;
    }
    for (name, number) in [("TERM", 15), ("HUP", 1), ("INT", 2), ("QUIT", 3)] {
        let dir = tempfile::tempdir().expect("temp dir");
        let (t, pid, tracker, lock) = explorer_with_held_lock(dir.path());
        t.keys(&["s"]);
        t.wait_for("Status of #1");
        t.keys(&["4", "Enter"]);
        // The menu closes when the key is handled, and the save is asked
        // for then: a signal sent sooner (on a busy machine) would find
        // nothing to save.
        t.wait("the status menu to close", |s| !s.contains("Status of #1"));
        // The save now waits for the lock; the signal comes, and the lock is
        // let go a moment later, within the time a save is given.
        signal(&pid, name);
        sleep(Duration::from_millis(700));
        drop(lock);
        let s = t.wait_for(&format!("EXITED {}", 128 + number));
        assert!(!s.contains("not saved"), "{name}: {s}");
        t.wait_display("#{alternate_on}", "0");
        let entries = tracked(&tracker);
        assert_eq!(entries.len(), 1, "{name}: {entries:?}");
        assert_eq!(entries[0]["status"], "done", "{name}");
    }
}

#[test]
fn a_signal_reports_a_save_that_could_not_finish() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let (t, pid, tracker, lock) = explorer_with_held_lock(dir.path());
    t.keys(&["s"]);
    t.wait_for("Status of #1");
    t.keys(&["4", "Enter"]);
    t.wait("the status menu to close", |s| !s.contains("Status of #1"));
    let sent = Instant::now();
    signal(&pid, "TERM");
    let s = t.wait_for("EXITED 143");
    // Bounded: one lock wait (5 s) and the write, not for ever.
    assert!(
        sent.elapsed() < Duration::from_secs(10),
        "{:?}",
        sent.elapsed()
    );
    assert!(
        s.contains("deltascope: 1 tracking change was not saved"),
        "{s}"
    );
    t.wait_display("#{alternate_on}", "0");
    t.wait_display("#{mouse_all_flag}", "0");
    drop(lock);
    assert!(!tracker.exists());
}

#[test]
fn suspend_gives_the_shell_its_terminal_and_fg_brings_the_explorer_back() {
    if !tmux_available() {
        return;
    }
    // An interactive shell, for job control: Ctrl-Z and `fg`.
    let t = Tmux::start("bash --norc --noprofile -i", 120, 40);
    t.wait("a prompt", |s| !s.trim().is_empty());
    // Alone on the line: bash goes on to the rest of a list once its job
    // stops.
    t.type_text(&format!("'{BIN}'"));
    t.keys(&["Enter"]);
    t.wait_for("Themes");
    t.wait_display("#{mouse_all_flag}", "1");
    for (round, how) in ["key", "kill"].into_iter().enumerate() {
        if how == "key" {
            t.keys(&["C-z"]);
        } else {
            let pid = t.display("#{pane_pid}");
            let out = Command::new("pgrep")
                .args(["-P", &pid, "-f", "deltascope"])
                .output()
                .expect("pgrep");
            let child = String::from_utf8_lossy(&out.stdout).trim().to_string();
            assert!(!child.is_empty(), "no explorer under the shell");
            signal(&child, "TSTP");
        }
        t.wait_for("Stopped");
        t.wait_display("#{alternate_on}", "0");
        t.wait_display("#{mouse_all_flag}", "0");
        t.wait_display("#{cursor_flag}", "1");
        // The shell echoes what is typed: the terminal is cooked again.
        t.type_text("echo back-at-the-shell");
        t.wait_for("echo back-at-the-shell");
        t.keys(&["Enter"]);
        t.wait(&format!("round {round}: the echo"), |s| {
            s.lines().any(|l| l.trim() == "back-at-the-shell")
        });
        t.type_text("fg");
        t.keys(&["Enter"]);
        t.wait_display("#{alternate_on}", "1");
        t.wait_for("Themes");
        t.wait_display("#{mouse_all_flag}", "1");
        // Raw again: `/` opens the search at once and a typed letter is the
        // query, not an echo on the shell's line.
        t.keys(&["/"]);
        t.type_text("Taihu");
        let s = t.wait_for("Taihu");
        assert!(!s.contains("back-at-the-shell"), "{s}");
        t.keys(&["Escape"]);
        t.wait(&format!("round {round}: search closed"), |s| {
            !s.contains("Esc back")
        });
    }
    t.keys(&["q"]);
    t.wait_display("#{alternate_on}", "0");
    t.type_text("echo EXITED $?");
    t.keys(&["Enter"]);
    t.wait_for("EXITED 0");
}
