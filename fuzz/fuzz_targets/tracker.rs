//! Fuzz the tracker file's reader and save path: any bytes in the file are
//! read or refused; a refused file stays byte for byte as it was, whatever
//! is attempted; a file that reads keeps every entry through a save, its own
//! document's and every other document's.

#![no_main]

use deltascope::model::Document;
use deltascope::parse::parse;
use deltascope::taxonomy::Taxonomy;
use deltascope::track::{Evidence, Location, Orphan, Record, Status, Tracker, document_key};
use deltascope_fuzz::{assert_no_control, export, folder};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The statement tracked: three commitments, two with the same text, so
/// that entries with an `occurrence` have something to match.
const STATEMENT: &str = "Harbour towns agree on a shared coast plan\n\n\
The towns will dredge the old harbour. The towns will dredge the old harbour.\n\n\
The councils must publish water quality figures every month.\n";

/// Most other documents' keys opened beside ours, to keep a run quick.
const MAX_OTHERS: usize = 8;

fn statement() -> &'static Document {
    static DOC: OnceLock<Document> = OnceLock::new();
    DOC.get_or_init(|| parse(STATEMENT, Some("harbour.txt"), &Taxonomy::embedded()))
}

/// A document with no commitments under `key`: every entry filed under it
/// is then an orphan, which is how a reader sees all of them.
fn holder(key: &str) -> Document {
    Document {
        title: key.to_string(),
        ..Document::default()
    }
}

/// Each document key in the file and its number of entries, from the JSON as
/// written.
fn entry_counts(bytes: &[u8]) -> Vec<(String, usize)> {
    let value: Value = serde_json::from_slice(bytes).unwrap_or(Value::Null);
    let Some(documents) = value.get("documents").and_then(Value::as_object) else {
        return Vec::new();
    };
    documents
        .iter()
        .map(|(k, d)| {
            let n = d
                .get("commitments")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            (k.clone(), n)
        })
        .collect()
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("tracker file unreadable: {e}"))
}

struct Snapshot {
    records: Vec<Option<Record>>,
    orphans: Vec<Vec<Orphan>>,
}

fn snapshot(tracker: &Tracker, docs: &[Document]) -> Snapshot {
    let ours = &docs[0];
    Snapshot {
        records: (1..=ours.commitments.len())
            .map(|id| tracker.record(0, id).cloned())
            .collect(),
        orphans: (0..docs.len())
            .map(|d| tracker.orphans(d).to_vec())
            .collect(),
    }
}

fuzz_target!(|data: &[u8]| {
    let path: PathBuf = folder().join("tracker.json");
    if let Err(e) = std::fs::write(&path, data) {
        panic!("cannot write the tracker file: {e}");
    }
    let ours = statement();
    let our_key = document_key(&ours.title);
    let mut docs = vec![ours.clone()];
    // Keys a title can have (a title's key is itself) can be opened.
    for (key, _) in entry_counts(data) {
        if docs.len() > MAX_OTHERS {
            break;
        }
        if key != our_key && document_key(&key) == key {
            docs.push(holder(&key));
        }
    }
    let mut tracker = Tracker::open(&docs, Location::File(path.clone()));
    if let Some(problem) = tracker.problem() {
        assert!(problem.is_bad_file(), "opening gave {problem:?}");
        let said = problem.to_string();
        assert!(
            !said.contains('\n'),
            "an error of more than one line: {said:?}"
        );
        assert_no_control("a tracker error", &said);
        // Every change is refused, and nothing touches the file.
        assert!(tracker.set_status(0, 1, Status::Done).is_err());
        assert!(tracker.set_note(0, 1, "a note").is_err());
        let evidence = Evidence::new("example.org", "2024-05-01", "a quote");
        if let Ok(e) = evidence {
            assert!(tracker.add_evidence(0, 1, e).is_err());
        }
        tracker.reload();
        assert_eq!(read(&path), data, "a bad tracker file was changed");
        return;
    }
    export::check(&docs, Some(&tracker));

    let before = snapshot(&tracker, &docs);
    let id = 1 + data.len() % ours.commitments.len().max(1);
    let old = tracker.status(0, id);
    let new = Status::ALL
        .into_iter()
        .find(|&s| s != old && s != Status::NotRated)
        .unwrap_or(Status::Done);
    if let Err(e) = tracker.set_status(0, id, new) {
        panic!("saving to a good tracker file failed: {e}");
    }
    let saved = read(&path);

    // Read back from the file alone: the change is there, all else as before.
    let again = Tracker::open(&docs, Location::File(path.clone()));
    if let Some(problem) = again.problem() {
        panic!("a saved tracker file does not read back: {problem}");
    }
    let after = snapshot(&again, &docs);
    for (i, (b, a)) in before.records.iter().zip(&after.records).enumerate() {
        if i + 1 == id {
            let b = b.clone().unwrap_or_default();
            let a = a
                .clone()
                .unwrap_or_else(|| panic!("the saved status of #{id} is gone"));
            assert_eq!(a.status, new, "the saved status of #{id} did not read back");
            assert_eq!(
                (&a.note, &a.evidence),
                (&b.note, &b.evidence),
                "#{id} lost its note or evidence"
            );
        } else {
            assert_eq!(a, b, "commitment #{} changed by a save of #{id}", i + 1);
        }
    }
    assert_eq!(
        after.orphans, before.orphans,
        "orphaned entries changed by a save"
    );
    // Keys no title can have are kept too, with all their entries.
    let counts = entry_counts(&saved);
    for (key, n) in entry_counts(data) {
        let kept = counts.iter().find(|(k, _)| *k == key).map(|(_, n)| *n);
        if key == our_key {
            // Plus the entry the change may have added.
            assert!(
                kept >= Some(n),
                "entries of the saved document were dropped"
            );
        } else {
            assert_eq!(
                kept,
                Some(n),
                "the entries of `{key}` did not survive a save"
            );
        }
    }
});
