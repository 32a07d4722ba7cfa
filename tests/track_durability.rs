//! Nothing lost: saves survive SIGKILL at any moment, two writers keep each
//! other's changes, a corrupt tracker is never written to.
//!
//! The writer processes are this test binary run again with an environment
//! variable that turns one of the `helper_*` functions below into a save loop;
//! without the variable those functions return at once.

use deltascope::model::{Commitment, Document, Span, ThemeSummary};
use deltascope::track::{Location, Status, Tracker};
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const SAVE_LOOP: &str = "DELTASCOPE_TEST_SAVE_LOOP";
const WRITER: &str = "DELTASCOPE_TEST_WRITER";
const WRITER_ID: &str = "DELTASCOPE_TEST_WRITER_ID";

/// Commitments per test document.
const COMMITMENTS: usize = 12;

/// A note long enough that a save writes several kilobytes, so a kill often
/// lands in the middle of writing it.
fn padding() -> String {
    "evidence of progress ".repeat(200)
}

fn document() -> Document {
    let commitments = (1..=COMMITMENTS)
        .map(|id| {
            let text = format!("carry out joint project number {id}");
            Commitment {
                id,
                paragraph: 1,
                sentence: 0,
                actor: "Anhui".into(),
                modality: "will".into(),
                span: Span::new(0, text.len()),
                text,
                themes: vec!["work".into()],
                entities: vec![],
            }
        })
        .collect();
    Document {
        title: "Durability test statement".into(),
        published: None,
        source: None,
        path: None,
        paragraphs: Default::default(),
        themes: vec![ThemeSummary {
            id: "work".into(),
            name: "Work".into(),
            commitments: (1..=COMMITMENTS).collect(),
        }],
        commitments,
        entities: vec![],
    }
}

fn open(path: &Path) -> Tracker {
    Tracker::open(&[document()], Location::File(path.to_path_buf()))
}

/// The counter the save loop last saved: the first line of commitment 1's note.
fn counter(tracker: &Tracker) -> u64 {
    tracker
        .record(0, 1)
        .and_then(|r| r.note.lines().next().and_then(|l| l.parse().ok()))
        .unwrap_or(0)
}

/// A child running `helper` from this binary with `env` set.
fn spawn_helper(helper: &str, env: &[(&str, &str)]) -> Child {
    let mut cmd = Command::new(std::env::current_exe().expect("own test binary"));
    cmd.args([helper, "--exact", "--nocapture", "--test-threads=1", "-q"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.spawn().expect("spawn the helper process")
}

/// Child side of `sigkill_at_random_moments_never_tears_the_file`: announce
/// each counter on stdout (`saving N`), save it, confirm it (`saved N`), forever.
#[test]
fn helper_save_loop() {
    let Some(path) = std::env::var_os(SAVE_LOOP) else {
        return;
    };
    let mut tracker = open(Path::new(&path));
    assert!(!tracker.is_read_only(), "{:?}", tracker.problem());
    let mut n = counter(&tracker);
    let padding = padding();
    let mut stdout = std::io::stdout();
    loop {
        n += 1;
        writeln!(stdout, "saving {n}").unwrap();
        stdout.flush().unwrap();
        tracker.set_note(0, 1, &format!("{n}\n{padding}")).unwrap();
        let status = if n.is_multiple_of(2) {
            Status::InProgress
        } else {
            Status::Done
        };
        // A second entry, so the file holds more than one changing record.
        tracker.set_status(0, 2, status).unwrap();
        writeln!(stdout, "saved {n}").unwrap();
        stdout.flush().unwrap();
    }
}

/// A tiny xorshift generator: random enough to spread the kills, no crate needed.
struct XorShift(u64);

impl XorShift {
    fn from_time() -> XorShift {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64);
        XorShift(nanos | 1)
    }

    fn below(&mut self, n: u64) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x % n
    }
}

#[cfg(unix)]
#[test]
fn sigkill_at_random_moments_never_tears_the_file() {
    const KILLS: usize = 200;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tracker.json");
    let path_str = path.to_str().unwrap().to_string();
    let mut rng = XorShift::from_time();
    let mut previous = 0u64;
    // Kills that left a temporary file behind: they came in the middle of a save.
    let mut mid_write = 0;
    for round in 0..KILLS {
        let mut child = spawn_helper("helper_save_loop", &[(SAVE_LOOP, &path_str)]);
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut announced: Option<u64> = None;
        let mut confirmed: Option<u64> = None;
        let read = |line: &str, announced: &mut Option<u64>, confirmed: &mut Option<u64>| {
            let number = |prefix: &str| line.trim().strip_prefix(prefix)?.parse::<u64>().ok();
            if let Some(n) = number("saving ") {
                *announced = Some(n);
            }
            if let Some(n) = number("saved ") {
                *confirmed = Some(n);
            }
        };
        // Wait for one completed save (slow disks included), then let the
        // loop run on for a random moment.
        let mut line = String::new();
        while confirmed.is_none() {
            line.clear();
            if out.read_line(&mut line).unwrap() == 0 {
                let mut err = String::new();
                child
                    .stderr
                    .take()
                    .unwrap()
                    .read_to_string(&mut err)
                    .unwrap();
                panic!("round {round}: the helper ended early: {err}");
            }
            read(&line, &mut announced, &mut confirmed);
        }
        std::thread::sleep(Duration::from_micros(rng.below(6000)));
        child.kill().unwrap();
        child.wait().unwrap();
        let mut rest = String::new();
        out.read_to_string(&mut rest).unwrap();
        for l in rest.lines() {
            read(l, &mut announced, &mut confirmed);
        }
        let (last, confirmed) = (announced.unwrap(), confirmed.unwrap());

        // The file parses as JSON on its own terms, and as a tracker.
        let bytes = fs::read(&path).unwrap();
        serde_json::from_slice::<serde_json::Value>(&bytes).unwrap_or_else(|e| {
            panic!(
                "round {round}: torn file ({e}): {}",
                String::from_utf8_lossy(&bytes)
            )
        });
        let tracker = open(&path);
        assert!(
            !tracker.is_read_only(),
            "round {round}: {:?}",
            tracker.problem()
        );
        let saved = counter(&tracker);
        // What was being saved when the kill came, or the last one completed;
        // never older than a confirmed save, never one not yet begun.
        assert!(
            saved == last || saved + 1 == last,
            "round {round}: file holds {saved}, the child last announced {last}"
        );
        assert!(
            saved >= confirmed && saved > previous,
            "round {round}: file holds {saved}, but {confirmed} was saved (and {previous} before this run)"
        );
        let note = &tracker.record(0, 1).unwrap().note;
        assert_eq!(note, &format!("{saved}\n{}", padding().trim_end()));
        // A save writes `.tracker.json.tmp-RANDOM`; one left over means the
        // kill came while it was being written.
        let left_over = fs::read_dir(dir.path()).unwrap().flatten().any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".tracker.json.tmp-")
        });
        if left_over {
            mid_write += 1;
        }
        previous = saved;
    }
    eprintln!("{mid_write} of {KILLS} kills came mid-save; the counter reached {previous}");
    // The kills must land while saves are happening for the test to mean anything.
    assert!(mid_write > 0, "no kill came in the middle of a save");
}

/// Child side of `two_writer_processes_lose_nothing`: wait for the go file,
/// then set notes on every other commitment, round after round.
#[test]
fn helper_writer() {
    let (Some(path), Some(id)) = (std::env::var_os(WRITER), std::env::var_os(WRITER_ID)) else {
        return;
    };
    let path = PathBuf::from(path);
    let w: usize = id.to_str().unwrap().parse().unwrap();
    let go = path.with_extension("go");
    let mut tracker = open(&path);
    println!("ready");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !go.exists() {
        assert!(Instant::now() < deadline, "never told to go");
        std::thread::sleep(Duration::from_millis(1));
    }
    for round in 1..=ROUNDS {
        for id in (1 + w..=COMMITMENTS).step_by(2) {
            tracker
                .set_note(0, id, &format!("writer {w} round {round}"))
                .unwrap();
            let status = if round.is_multiple_of(2) {
                Status::Planned
            } else {
                Status::Stalled
            };
            tracker.set_status(0, id, status).unwrap();
        }
    }
}

const ROUNDS: usize = 15;

#[test]
fn two_writer_processes_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tracker.json");
    let path_str = path.to_str().unwrap().to_string();
    let mut children: Vec<Child> = (0..2)
        .map(|w| {
            let id = w.to_string();
            spawn_helper("helper_writer", &[(WRITER, &path_str), (WRITER_ID, &id)])
        })
        .collect();
    for child in &mut children {
        // Past libtest's own header lines to the helper's word.
        let mut out = BufReader::new(child.stdout.as_mut().unwrap());
        let mut line = String::new();
        while line.trim() != "ready" {
            line.clear();
            assert!(out.read_line(&mut line).unwrap() > 0, "helper ended early");
        }
    }
    fs::write(path.with_extension("go"), b"").unwrap();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let tracker = open(&path);
    let last_status = if ROUNDS.is_multiple_of(2) {
        Status::Planned
    } else {
        Status::Stalled
    };
    for id in 1..=COMMITMENTS {
        let w = (id - 1) % 2;
        let r = tracker
            .record(0, id)
            .unwrap_or_else(|| panic!("#{id} lost"));
        assert_eq!(r.note, format!("writer {w} round {ROUNDS}"), "#{id}");
        assert_eq!(r.status, last_status, "#{id}");
    }
}

#[test]
fn a_corrupt_tracker_survives_everything_until_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tracker.json");
    let mut tracker = open(&path);
    tracker.set_status(0, 1, Status::Done).unwrap();
    // Cut off mid-file, as a crash of some other tool might leave it.
    let good = fs::read(&path).unwrap();
    let cut = &good[..good.len() / 2];
    fs::write(&path, cut).unwrap();

    let mut tracker = open(&path);
    assert!(tracker.is_read_only());
    let problem = tracker.problem().unwrap().to_string();
    assert!(
        problem.contains("line ") && problem.contains("column "),
        "{problem}"
    );
    for id in 1..=COMMITMENTS {
        assert!(tracker.set_status(0, id, Status::Dropped).is_err());
        assert!(tracker.set_note(0, id, "x").is_err());
    }
    let bin = env!("CARGO_BIN_EXE_deltascope");
    for args in [["status"], ["export"]] {
        let out = Command::new(bin)
            .args(args)
            .arg("--tracker")
            .arg(&path)
            .env("XDG_DATA_HOME", dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    assert_eq!(fs::read(&path).unwrap(), cut, "byte for byte");

    let moved = tracker.move_aside().unwrap();
    assert_eq!(moved.len(), 1);
    assert_eq!(fs::read(&moved[0]).unwrap(), cut);
    tracker.set_status(0, 3, Status::Planned).unwrap();
    let fresh = open(&path);
    assert!(!fresh.is_read_only());
    assert_eq!(fresh.status(0, 3), Status::Planned);
    assert_eq!(fresh.status(0, 1), Status::NotRated, "a fresh file");
}
