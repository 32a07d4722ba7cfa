use super::*;
use crate::model::{Commitment, Span, ThemeSummary};
use std::sync::{Arc, Barrier};
use std::thread;

/// A document whose commitments have `texts`, the odd ones in theme `a`, the
/// even ones in `b`, and every one also in `all`.
fn doc(title: &str, texts: &[&str]) -> Document {
    let commitments: Vec<Commitment> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Commitment {
            id: i + 1,
            paragraph: 1,
            sentence: 0,
            actor: "Anhui".into(),
            modality: "will".into(),
            text: t.to_string(),
            span: Span::new(0, t.len()),
            themes: vec![if i % 2 == 0 { "a" } else { "b" }.into(), "all".into()],
            entities: vec![],
        })
        .collect();
    let theme = |id: &str, keep: &dyn Fn(usize) -> bool| ThemeSummary {
        id: id.into(),
        name: id.to_uppercase(),
        commitments: (1..=texts.len()).filter(|&i| keep(i)).collect(),
    };
    Document {
        title: title.into(),
        published: None,
        source: None,
        path: None,
        paragraphs: Default::default(),
        themes: vec![
            theme("a", &|i| i % 2 == 1),
            theme("b", &|i| i % 2 == 0),
            theme("all", &|_| true),
        ],
        commitments,
        entities: vec![],
    }
}

const TEXTS: [&str; 4] = [
    "build world-class port clusters",
    "unify the cross-regional drug catalog",
    "jointly organize the fifth China International Import Expo",
    "promote the integration of medical insurance",
];

fn delta() -> Document {
    doc("Delta Plan 2023", &TEXTS)
}

fn file_in(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("tracker.json")
}

fn open(path: &Path) -> Tracker {
    Tracker::open(&[delta()], Location::File(path.to_path_buf()))
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

#[test]
fn a_new_tracker_is_empty_and_writable_without_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    let t = open(&path);
    assert!(!t.is_read_only() && t.problem().is_none());
    assert_eq!(t.record(0, 1), None);
    assert_eq!(t.status(0, 1), Status::NotRated);
    assert!(!path.exists(), "opening writes nothing");
    assert_eq!(t.document_key(0), Some("delta-plan-2023"));
}

#[test]
fn each_edit_saves_at_once_in_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    let mut t = open(&path);
    let before = Timestamp::now();
    t.set_status(0, 3, Status::InProgress).unwrap();
    t.set_note(0, 3, "Expo held\r\n in Nov.\x1b[31m  \n")
        .unwrap();
    t.add_evidence(
        0,
        3,
        Evidence::new(
            "https://example.org/expo",
            "2022-11-05",
            " opened  \n on time",
        )
        .unwrap(),
    )
    .unwrap();
    t.set_status(0, 1, Status::Done).unwrap();

    let v = json(&path);
    assert_eq!(v["version"], 1);
    let d = &v["documents"]["delta-plan-2023"];
    assert_eq!(d["title"], "Delta Plan 2023");
    let entries = d["commitments"].as_array().unwrap();
    // Sorted by normalised text, whatever the order of the edits.
    let keys: Vec<&str> = entries.iter().map(|e| e["key"].as_str().unwrap()).collect();
    assert_eq!(
        keys,
        [
            "build world class port clusters",
            "jointly organize the fifth china international import expo"
        ]
    );
    let expo = &entries[1];
    assert_eq!(expo["text"], TEXTS[2]);
    assert_eq!(expo["status"], "in-progress");
    assert_eq!(expo["note"], "Expo held\n in Nov.[31m");
    assert_eq!(
        expo["evidence"],
        serde_json::json!([{"source": "https://example.org/expo", "date": "2022-11-05", "quote": "opened on time"}])
    );
    let updated = Timestamp::parse(expo["updated"].as_str().unwrap()).unwrap();
    assert!(updated >= before && updated <= Timestamp::now());
    assert!(
        expo.get("occurrence").is_none(),
        "first occurrences are not written"
    );

    // Another tracker sees exactly that.
    let again = open(&path);
    let r = again.record(0, 3).unwrap();
    assert_eq!(
        (r.status, r.note.as_str(), r.evidence.len()),
        (Status::InProgress, "Expo held\n in Nov.[31m", 1)
    );
    assert_eq!(again.status(0, 1), Status::Done);
    assert_eq!(again.status(0, 2), Status::NotRated);
}

#[test]
fn unchanged_values_do_not_touch_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    let mut t = open(&path);
    t.set_status(0, 1, Status::NotRated).unwrap();
    t.set_note(0, 1, "   ").unwrap();
    t.remove_evidence(0, 1, 0).unwrap();
    assert!(!path.exists());
    t.set_status(0, 1, Status::Done).unwrap();
    let bytes = fs::read(&path).unwrap();
    t.set_status(0, 1, Status::Done).unwrap();
    assert_eq!(fs::read(&path).unwrap(), bytes);
}

#[test]
fn an_entry_back_to_nothing_is_removed_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    let mut t = open(&path);
    t.set_status(0, 1, Status::Planned).unwrap();
    t.add_evidence(0, 1, Evidence::new("minutes", "", "").unwrap())
        .unwrap();
    t.set_status(0, 2, Status::Stalled).unwrap();
    t.set_status(0, 1, Status::NotRated).unwrap();
    assert_eq!(
        json(&path)["documents"]["delta-plan-2023"]["commitments"]
            .as_array()
            .unwrap()
            .len(),
        2,
        "still has evidence"
    );
    t.remove_evidence(0, 1, 0).unwrap();
    t.set_status(0, 2, Status::NotRated).unwrap();
    assert_eq!(t.record(0, 1), None);
    assert_eq!(
        json(&path),
        serde_json::json!({"version": 1, "documents": {}})
    );
}

#[test]
fn bad_input_is_refused_without_saving() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    let mut t = open(&path);
    assert_eq!(
        t.set_status(0, 0, Status::Done),
        Err(TrackError::NoSuchCommitment { document: 0, id: 0 })
    );
    assert!(t.set_status(0, 5, Status::Done).is_err());
    assert!(t.set_status(1, 1, Status::Done).is_err());
    let no_source = Evidence {
        source: " \n".into(),
        ..Evidence::default()
    };
    let err = t.add_evidence(0, 1, no_source).unwrap_err();
    assert!(err.to_string().contains("needs a source"), "{err}");
    let bad_date = Evidence {
        source: "x".into(),
        date: "last May".into(),
        quote: String::new(),
    };
    assert!(matches!(
        t.add_evidence(0, 1, bad_date),
        Err(TrackError::Invalid(_))
    ));
    assert!(!path.exists());
}

#[test]
fn progress_counts_each_theme_and_the_whole_document() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = open(&file_in(&dir));
    t.set_status(0, 1, Status::Done).unwrap();
    t.set_status(0, 3, Status::InProgress).unwrap();
    t.set_status(0, 2, Status::Dropped).unwrap();
    let a = t.progress(0, "a");
    assert_eq!((a.total, a.done, a.in_progress, a.not_rated), (2, 1, 1, 0));
    let b = t.progress(0, "b");
    assert_eq!((b.total, b.dropped, b.not_rated), (2, 1, 1));
    let all = t.document_progress(0);
    assert_eq!(all, t.progress(0, "all"));
    assert_eq!(
        Status::ALL.map(|s| all.count(s)),
        [1, 0, 1, 1, 0, 1],
        "not rated, planned, in progress, done, stalled, dropped"
    );
    assert_eq!(t.progress(0, "nope"), Progress::default());
}

#[test]
fn statuses_follow_a_reparsed_or_redownloaded_statement() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    let mut t = open(&path);
    for id in 1..=4 {
        t.set_status(0, id, Status::Done).unwrap();
    }
    t.set_note(0, 1, "ports note").unwrap();

    // Another copy: other quotes and case, a longer cut of commitment 1, one
    // commitment gone, the rest reordered and a new one.
    let copy = doc(
        "DELTA plan, 2023",
        &[
            "Promote the integration of “medical insurance”",
            "build world-class port clusters and airport clusters",
            "start major rail projects",
            "Jointly organize the fifth China International Import Expo.",
        ],
    );
    let mut t = Tracker::open(std::slice::from_ref(&copy), Location::File(path.clone()));
    assert_eq!(t.document_key(0), Some("delta-plan-2023"));
    assert_eq!(t.status(0, 1), Status::Done);
    assert_eq!(t.record(0, 2).unwrap().note, "ports note");
    assert_eq!(t.status(0, 3), Status::NotRated);
    assert_eq!(t.status(0, 4), Status::Done);
    let orphans: Vec<&str> = t.orphans(0).iter().map(|o| o.text.as_str()).collect();
    assert_eq!(orphans, [TEXTS[1]]);

    // Editing the longer cut re-files its entry under the new text; the
    // orphan stays in the file.
    t.set_note(0, 2, "both clusters").unwrap();
    let texts: Vec<String> = json(&path)["documents"]["delta-plan-2023"]["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        texts,
        [
            "build world-class port clusters and airport clusters",
            "jointly organize the fifth China International Import Expo",
            "promote the integration of medical insurance",
            "unify the cross-regional drug catalog",
        ]
    );
    let again = Tracker::open(&[copy], Location::File(path));
    assert_eq!(again.record(0, 2).unwrap().note, "both clusters");
    assert_eq!(again.orphans(0).len(), 1);
}

#[test]
fn repeated_commitments_keep_their_own_entries() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    let twice = doc("Twice", &["build ports", "build roads", "Build ports."]);
    let mut t = Tracker::open(std::slice::from_ref(&twice), Location::File(path.clone()));
    t.set_status(0, 3, Status::Stalled).unwrap();
    let entry = &json(&path)["documents"]["twice"]["commitments"][0];
    assert_eq!(entry["occurrence"], 2);
    let t = Tracker::open(&[twice], Location::File(path));
    assert_eq!(t.status(0, 1), Status::NotRated);
    assert_eq!(t.status(0, 3), Status::Stalled);
}

#[test]
fn one_file_holds_several_documents_and_keeps_unknown_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    let other = doc("Other statement", &["plant trees along the river"]);
    let mut both = Tracker::open(&[delta(), other.clone()], Location::File(path.clone()));
    both.set_status(1, 1, Status::Planned).unwrap();
    // Opened with only the first document, saving keeps the second's data.
    let mut one = open(&path);
    one.set_status(0, 1, Status::Done).unwrap();
    let v = json(&path);
    let keys: Vec<&String> = v["documents"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["delta-plan-2023", "other-statement"]);
    let t = Tracker::open(&[other], Location::File(path));
    assert_eq!(t.status(0, 1), Status::Planned);
}

#[test]
fn documents_added_one_by_one_read_as_if_opened_together() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    let other = doc("Other statement", &["plant trees along the river"]);
    let mut both = Tracker::open(&[delta(), other.clone()], Location::File(path.clone()));
    both.set_status(0, 2, Status::Done).unwrap();
    both.set_status(1, 1, Status::Planned).unwrap();
    // Saved under the first text: the same key twice shares its entries.
    let mut growing = Tracker::open(&[delta()], Location::File(path.clone()));
    assert_eq!(growing.add_document(&other), 1);
    assert_eq!(growing.add_document(&delta()), 2);
    assert_eq!(growing.status(0, 2), Status::Done);
    assert_eq!(growing.status(1, 1), Status::Planned);
    assert_eq!(growing.status(2, 2), Status::Done);
    assert_eq!(growing.document_key(1), Some("other-statement"));
    assert_eq!(growing.file(1), Some(path.as_path()));
    // An added document is editable and saved into the same file.
    growing.set_note(1, 1, "added later").unwrap();
    let t = Tracker::open(&[other], Location::File(path.clone()));
    assert_eq!(t.record(0, 1).unwrap().note, "added later");
    // In the data folder, an added document reads its own file.
    let data = tempfile::tempdir().unwrap();
    let mut per_doc = Tracker::open(&[], Location::File(path));
    per_doc.location = Location::DataDir;
    per_doc.data = Some(data.path().to_path_buf());
    let i = per_doc.add_document(&delta());
    per_doc.set_status(i, 1, Status::Stalled).unwrap();
    assert!(data.path().join("delta-plan-2023.json").exists());
    // A corrupt file met by an added document makes it read-only, not the others.
    fs::write(data.path().join("other-statement.json"), b"{").unwrap();
    let j = per_doc.add_document(&doc("Other statement", &["x"]));
    assert!(per_doc.document_problem(j).is_some());
    assert!(per_doc.document_problem(i).is_none());
    assert!(per_doc.set_status(j, 1, Status::Done).is_err());
    assert_eq!(
        fs::read(data.path().join("other-statement.json")).unwrap(),
        b"{"
    );
}

#[test]
fn two_trackers_on_one_file_keep_each_others_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    let mut a = open(&path);
    let mut b = open(&path);
    a.set_status(0, 1, Status::Done).unwrap();
    b.set_status(0, 2, Status::Stalled).unwrap();
    a.set_note(0, 3, "from a").unwrap();
    // b's save merged a's first change in; a's save merged b's.
    assert_eq!(b.status(0, 1), Status::Done);
    assert_eq!(a.status(0, 2), Status::Stalled);
    b.reload();
    assert_eq!(b.record(0, 3).unwrap().note, "from a");
    let fresh = open(&path);
    assert_eq!(
        (fresh.status(0, 1), fresh.status(0, 2)),
        (Status::Done, Status::Stalled)
    );
}

#[test]
fn the_later_change_of_one_commitment_wins() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    let mut a = open(&path);
    let mut b = open(&path);
    a.set_status(0, 1, Status::Done).unwrap();
    b.set_status(0, 1, Status::Stalled).unwrap();
    assert_eq!(open(&path).status(0, 1), Status::Stalled);

    // A change stamped a little in the future (a colleague's clock runs a
    // few minutes ahead) beats an older one, and an edit made on top of it
    // still wins after it.
    let ahead = Timestamp::from_unix(Timestamp::now().unix() + 120);
    let mut text = fs::read_to_string(&path).unwrap();
    let stamp = json(&path)["documents"]["delta-plan-2023"]["commitments"][0]["updated"]
        .as_str()
        .unwrap()
        .to_string();
    text = text.replace(&stamp, &ahead.to_string());
    fs::write(&path, text).unwrap();
    a.set_note(0, 2, "unrelated").unwrap();
    assert_eq!(
        a.status(0, 1),
        Status::Stalled,
        "the newer entry on file won"
    );
    a.set_status(0, 1, Status::Dropped).unwrap();
    let r = open(&path).record(0, 1).cloned().unwrap();
    assert_eq!(r.status, Status::Dropped);
    assert_eq!(
        r.updated,
        Some(ahead),
        "a tie goes to the change being saved"
    );
}

#[test]
fn writers_in_threads_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    let texts: Vec<String> = (0..12).map(|i| format!("commitment number {i}")).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let many = doc("Many", &refs);
    let start = Arc::new(Barrier::new(2));
    let handles: Vec<_> = (0..2)
        .map(|w| {
            let (many, path, start) = (many.clone(), path.clone(), Arc::clone(&start));
            thread::spawn(move || {
                let mut t = Tracker::open(&[many], Location::File(path));
                start.wait();
                for round in 1..=10 {
                    for id in (1 + w..=12).step_by(2) {
                        t.set_note(0, id, &format!("writer {w} round {round}"))
                            .unwrap();
                    }
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let t = Tracker::open(&[many], Location::File(path));
    for id in 1..=12 {
        let w = (id - 1) % 2;
        assert_eq!(
            t.record(0, id).map(|r| r.note.as_str()),
            Some(format!("writer {w} round 10").as_str()),
            "commitment {id}"
        );
    }
}

#[test]
fn a_corrupt_file_is_read_only_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    let bad = b"{\n  \"version\": 1,\n  \"documents\": {\n    \"x\": {\"commitments\": [\n      {\"text\": \"a\", \"status\": \"done\",}\n";
    fs::write(&path, bad).unwrap();
    let mut t = open(&path);
    assert!(t.is_read_only());
    let problem = t.problem().unwrap().to_string();
    assert!(problem.contains("line 5, column"), "{problem}");
    assert!(problem.contains("left untouched"), "{problem}");
    assert!(!problem.contains('\n'));
    assert!(t.problem().unwrap().is_bad_file());
    let err = t.set_status(0, 1, Status::Done).unwrap_err();
    assert!(matches!(err, TrackError::ReadOnly(_)), "{err}");
    assert!(err.to_string().starts_with("tracking is read-only: "));
    t.reload();
    assert!(t.is_read_only());
    assert_eq!(fs::read(&path).unwrap(), bad);
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["tracker.json"], "no lock or temporary files either");

    let moved = t.move_aside().unwrap();
    assert_eq!(moved.len(), 1);
    let name = moved[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("tracker.json.corrupt-"), "{name}");
    assert_eq!(fs::read(&moved[0]).unwrap(), bad);
    assert!(!t.is_read_only());
    t.set_status(0, 1, Status::Done).unwrap();
    assert_eq!(open(&path).status(0, 1), Status::Done);
    assert_eq!(
        fs::read(&moved[0]).unwrap(),
        bad,
        "the copy stays as it was"
    );
}

#[test]
fn a_file_broken_while_open_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    let mut t = open(&path);
    t.set_status(0, 1, Status::Done).unwrap();
    fs::write(&path, b"{\"version\": 1, \"documents\": {").unwrap();
    let err = t.set_status(0, 2, Status::Done).unwrap_err();
    assert!(matches!(err, TrackError::Corrupt { .. }), "{err}");
    assert_eq!(
        fs::read(&path).unwrap(),
        b"{\"version\": 1, \"documents\": {"
    );
    assert!(t.is_read_only());
    // The change is still shown, a reload keeps the last good view, and the
    // change is saved once the file is set aside.
    assert_eq!(t.status(0, 2), Status::Done);
    t.reload();
    assert!(t.is_read_only());
    assert_eq!(
        (t.status(0, 1), t.status(0, 2)),
        (Status::Done, Status::Done)
    );
    t.move_aside().unwrap();
    let fresh = open(&path);
    assert_eq!(fresh.status(0, 2), Status::Done);
}

#[test]
fn move_aside_keeps_a_file_fixed_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    fs::write(&path, b"not json").unwrap();
    let mut t = open(&path);
    assert!(t.is_read_only());
    fs::write(&path, br#"{"version": 1}"#).unwrap();
    assert_eq!(t.move_aside().unwrap(), Vec::<PathBuf>::new());
    assert!(!t.is_read_only());
    assert_eq!(fs::read(&path).unwrap(), br#"{"version": 1}"#);
}

#[test]
fn a_newer_format_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    fs::write(&path, br#"{"version": 2, "documents": []}"#).unwrap();
    let mut t = open(&path);
    let problem = t.problem().unwrap().to_string();
    assert!(problem.contains("newer deltascope"), "{problem}");
    assert!(t.set_note(0, 1, "x").is_err());
    assert_eq!(
        fs::read(&path).unwrap(),
        br#"{"version": 2, "documents": []}"#
    );
}

#[test]
fn a_failed_save_is_kept_and_retried() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    // The lock cannot be taken while a folder has the lock file's name.
    let blocker = dir.path().join(".tracker.json.lock");
    fs::create_dir(&blocker).unwrap();
    let mut t = open(&path);
    let err = t.set_status(0, 1, Status::Done).unwrap_err();
    assert!(matches!(err, TrackError::Write { .. }), "{err}");
    assert!(err.to_string().contains("not saved"), "{err}");
    assert!(!path.exists());
    assert_eq!(t.status(0, 1), Status::Done, "shown while unsaved");
    assert!(!t.is_read_only(), "a failed write is not a bad file");
    fs::remove_dir(&blocker).unwrap();
    t.set_status(0, 2, Status::Planned).unwrap();
    let fresh = open(&path);
    assert_eq!(
        (fresh.status(0, 1), fresh.status(0, 2)),
        (Status::Done, Status::Planned)
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_tracker_is_updated_through_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("repo-tracker.json");
    fs::write(&real, br#"{"version": 1}"#).unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let mut t = open(&link);
    t.set_status(0, 1, Status::Done).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(open(&real).status(0, 1), Status::Done);
}

#[test]
fn without_a_data_folder_tracking_is_read_only() {
    // `open` with DataDir reads the real environment; the resolution itself
    // is tested through `data_dir_from`, and the integration tests set
    // XDG_DATA_HOME for the binary.
    assert_eq!(
        data_dir_from(Some("/x/data".into()), Some("/home/u".into())),
        Some(PathBuf::from("/x/data/deltascope"))
    );
    assert_eq!(
        data_dir_from(None, Some("/home/u".into())),
        Some(PathBuf::from("/home/u/.local/share/deltascope"))
    );
    assert_eq!(
        data_dir_from(Some("relative".into()), Some("/home/u".into())),
        Some(PathBuf::from("/home/u/.local/share/deltascope"))
    );
    assert_eq!(data_dir_from(Some("".into()), None), None);
    let mut store = Store::load(None);
    assert_eq!(store.problem, Some(TrackError::NoDataDir));
    assert!(
        TrackError::NoDataDir
            .to_string()
            .contains("XDG_DATA_HOME or HOME")
    );
    assert!(!TrackError::NoDataDir.is_bad_file());
    assert_eq!(store.flush(), Err(TrackError::NoDataDir));
}

#[test]
fn status_ids_and_labels() {
    for s in Status::ALL {
        assert_eq!(Status::from_id(s.id()), Some(s));
        assert_eq!(
            serde_json::to_value(s).unwrap(),
            serde_json::Value::from(s.id())
        );
    }
    assert_eq!(Status::InProgress.label(), "in progress");
    assert_eq!(Status::default(), Status::NotRated);
    assert_eq!(Status::from_id("finished"), None);
}

#[test]
fn the_status_table_shows_counts_bars_and_orphans() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    let mut t = open(&path);
    t.set_status(0, 1, Status::Done).unwrap();
    t.set_status(0, 2, Status::InProgress).unwrap();
    let mut changed = delta();
    changed.title = "Delta\x1b plan 2023".into();
    changed.commitments.truncate(1);
    changed.themes[1].commitments.clear();
    changed.themes[2].commitments = vec![1];
    changed.themes[0].commitments = vec![1];
    let t = Tracker::open(std::slice::from_ref(&changed), Location::File(path.clone()));
    let table = status_table(&changed, &t, 0);
    assert!(!table.contains('\x1b'), "{table:?}");
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines[0], "Delta  plan 2023");
    assert_eq!(lines[1], format!("tracker:   {}", path.display()));
    assert_eq!(
        lines[3],
        "theme            total  done  in progress  planned  stalled  dropped  not rated  progress"
    );
    assert_eq!(
        lines[4],
        "A                    1     1            0        0        0        0          0  ██████████ 100%"
    );
    // Theme b has no commitments left, so it has no row.
    assert!(lines[5].starts_with("ALL "), "{table}");
    assert!(
        lines[6].starts_with("all commitments      1     1"),
        "{table}"
    );
    assert_eq!(
        lines[8],
        "orphaned: 1 (saved for commitments no longer found in the statement)"
    );
    assert_eq!(lines[9], format!("  in progress  {}", TEXTS[1]));
}

// ---- files that are not what they seem, merges, clocks, limits (issue 9) ----

/// A tracker on the data folder `folder` with `delta()` added, and its index.
fn in_data_folder(folder: PathBuf) -> (Tracker, usize) {
    let mut t = Tracker::open(&[], Location::DataDir);
    t.data = Some(folder);
    let i = t.add_document(&delta());
    (t, i)
}

/// Run `f` on another thread and fail (rather than hang the suite) when it
/// has not returned within a few seconds: a FIFO opened blindly blocks.
fn within_seconds<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(std::time::Duration::from_secs(5))
        .expect("blocked: a FIFO was opened blindly")
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a node.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[cfg(unix)]
#[test]
fn a_link_to_a_device_is_refused_never_moved_and_nothing_is_created_beside_it() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("tracker.json");
    std::os::unix::fs::symlink("/dev/null", &link).unwrap();
    let mut t = open(&link);
    let problem = t.problem().cloned().unwrap();
    assert!(
        matches!(problem, TrackError::NotRegular { .. }),
        "{problem}"
    );
    assert!(
        problem
            .to_string()
            .contains("not a regular file (a character device)")
    );
    assert!(problem.is_bad_file() && !problem.can_move_aside());
    assert!(t.set_status(0, 1, Status::Done).is_err());
    assert_eq!(t.move_aside().unwrap(), Vec::<PathBuf>::new());
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let beside: Vec<_> = fs::read_dir("/dev")
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".null"))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
}

#[test]
fn an_empty_regular_file_is_an_empty_tracker() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    for empty in [&b""[..], b"  \n"] {
        fs::write(&path, empty).unwrap();
        let mut t = open(&path);
        assert!(t.problem().is_none(), "{:?}", t.problem());
        t.set_status(0, 1, Status::Done).unwrap();
        assert_eq!(open(&path).status(0, 1), Status::Done);
        fs::remove_file(&path).unwrap();
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_tracker_is_refused_without_blocking_also_in_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = file_in(&dir);
    mkfifo(&fifo);
    let path = fifo.clone();
    let problem = within_seconds(move || open(&path).problem().cloned());
    assert!(
        matches!(problem, Some(TrackError::NotRegular { kind: "a FIFO", .. })),
        "{problem:?}"
    );
    // A FIFO named like a document's key in the data folder.
    let data = tempfile::tempdir().unwrap();
    mkfifo(&data.path().join("delta-plan-2023.json"));
    let folder = data.path().to_path_buf();
    let problem = within_seconds(move || {
        let (mut t, i) = in_data_folder(folder);
        let e = t.set_status(i, 1, Status::Done).unwrap_err();
        (t.document_problem(i).cloned(), e)
    });
    assert!(
        matches!(problem.0, Some(TrackError::NotRegular { .. })),
        "{problem:?}"
    );
}

#[test]
fn a_document_key_given_twice_keeps_both_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    let block = |text: &str, status: &str| {
        format!(
            r#""delta-plan-2023": {{"title": "Delta Plan 2023", "commitments": [{{"text": "{text}", "status": "{status}"}}]}}"#
        )
    };
    fs::write(
        &path,
        format!(
            "{{\"version\": 1, \"documents\": {{{}, {}}}}}",
            block(TEXTS[0], "done"),
            block(TEXTS[1], "stalled")
        ),
    )
    .unwrap();
    let mut t = open(&path);
    assert!(t.problem().is_none(), "{:?}", t.problem());
    assert_eq!(t.status(0, 1), Status::Done, "the first block is read");
    assert_eq!(t.status(0, 2), Status::Stalled);
    t.set_note(0, 3, "x").unwrap();
    let saved = json(&path);
    let entries = saved["documents"]["delta-plan-2023"]["commitments"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(entries, 3, "neither block was dropped at the save");
}

#[test]
fn duplicates_that_disagree_are_a_corrupt_file_with_a_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    // Two blocks of one key with different titles.
    fs::write(
        &path,
        "{\"version\": 1, \"documents\": {\n\"k\": {\"title\": \"A\", \"commitments\": []},\n\"k\": {\"title\": \"B\", \"commitments\": []}}}",
    )
    .unwrap();
    let t = open(&path);
    match t.problem() {
        Some(TrackError::Corrupt {
            position, reason, ..
        }) => {
            assert!(position.is_some_and(|(line, _)| line == 3), "{position:?}");
            assert!(reason.contains("appears twice"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    // Two entries of one commitment with different tracking.
    let entry = |status: &str| format!(r#"{{"text": "{}", "status": "{status}"}}"#, TEXTS[0]);
    let text = format!(
        r#"{{"version": 1, "documents": {{"delta-plan-2023": {{"title": "Delta Plan 2023", "commitments": [{}, {}]}}}}}}"#,
        entry("done"),
        entry("dropped")
    );
    fs::write(&path, &text).unwrap();
    let mut t = open(&path);
    let problem = t.problem().map(ToString::to_string).unwrap_or_default();
    assert!(problem.contains("two different entries"), "{problem}");
    assert!(t.set_status(0, 1, Status::Planned).is_err());
    assert_eq!(fs::read_to_string(&path).unwrap(), text, "left as it was");
    // Identical copies are one entry.
    fs::write(&path, text.replace("dropped", "done")).unwrap();
    assert_eq!(open(&path).status(0, 1), Status::Done);
}

/// Re-date every entry of the tracker at `path` to `at`.
fn redate(path: &Path, at: Timestamp) {
    let mut value = json(path);
    for doc in value["documents"].as_object_mut().unwrap().values_mut() {
        for e in doc["commitments"].as_array_mut().unwrap() {
            e["updated"] = serde_json::Value::String(at.to_string());
        }
    }
    fs::write(path, serde_json::to_vec(&value).unwrap()).unwrap();
}

#[test]
fn a_change_that_loses_to_a_later_one_is_reported_not_called_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    let mut a = open(&path);
    let mut b = open(&path);
    b.set_status(0, 1, Status::Stalled).unwrap();
    // A colleague's clock runs a few minutes ahead: their change is later.
    let ahead = Timestamp::from_unix(Timestamp::now().unix() + 300);
    redate(&path, ahead);
    let err = a.set_status(0, 1, Status::Done).unwrap_err();
    assert!(matches!(err, TrackError::Conflict { id: 1, .. }), "{err}");
    assert_eq!(
        err.to_string(),
        format!(
            "not applied: a newer change to #1 from {} is in the tracker file",
            ahead.date()
        )
    );
    assert_eq!(a.status(0, 1), Status::Stalled, "shows what is on file");
    assert_eq!(open(&path).status(0, 1), Status::Stalled);
}

#[test]
fn a_time_far_in_the_future_does_not_win_for_ever() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    open(&path).set_status(0, 1, Status::Stalled).unwrap();
    // A clock a year ahead: beyond any plausible skew.
    redate(
        &path,
        Timestamp::from_unix(Timestamp::now().unix() + 365 * 86_400),
    );
    let mut t = open(&path);
    t.set_status(0, 1, Status::Done).unwrap();
    let r = open(&path).record(0, 1).cloned().unwrap();
    assert_eq!(r.status, Status::Done);
    assert!(r.updated.unwrap().unix() <= Timestamp::now().unix() + 1);
}

#[test]
fn a_note_has_a_size_limit_and_a_save_too_large_to_read_back_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    let mut t = open(&path);
    let long = "x".repeat(MAX_NOTE_BYTES + 1);
    let err = t.set_note(0, 1, &long).unwrap_err();
    assert!(err.to_string().contains("a note can be up to"), "{err}");
    assert!(!path.exists());
    // A file just under the read limit (a huge note written by hand): one
    // more note would push it over, so that save is refused and the file
    // stays readable.
    let big = "y".repeat(store::MAX_TRACKER_MIB as usize * 1024 * 1024 - 4096);
    let text = format!(
        r#"{{"version": 1, "documents": {{"delta-plan-2023": {{"title": "Delta Plan 2023", "commitments": [{{"text": "{}", "note": "{big}"}}]}}}}}}"#,
        TEXTS[0]
    );
    fs::write(&path, &text).unwrap();
    let mut t = open(&path);
    assert!(t.problem().is_none(), "{:?}", t.problem());
    let err = t.set_note(0, 2, &"z".repeat(MAX_NOTE_BYTES)).unwrap_err();
    assert!(matches!(err, TrackError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("would grow over"), "{err}");
    assert_eq!(fs::read(&path).unwrap().len(), text.len(), "left as it was");
    assert!(open(&path).problem().is_none());
}

#[test]
fn an_unreadable_oversized_file_can_be_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    let size = (store::MAX_TRACKER_MIB + 1) * 1024 * 1024;
    let f = fs::File::create(&path).unwrap();
    f.set_len(size).unwrap();
    let mut t = open(&path);
    let problem = t.problem().cloned().unwrap();
    assert!(problem.can_move_aside(), "{problem}");
    let moved = t.move_aside().unwrap();
    assert_eq!(moved.len(), 1);
    assert_eq!(fs::metadata(&moved[0]).unwrap().len(), size);
    assert!(t.problem().is_none());
    t.set_status(0, 1, Status::Done).unwrap();
}

#[test]
fn a_newer_version_tracker_is_read_only_and_never_offered_for_moving() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    fs::write(&path, br#"{"version": 9, "documents": {}}"#).unwrap();
    let mut t = open(&path);
    let problem = t.problem().cloned().unwrap();
    assert!(
        matches!(problem, TrackError::Newer { version: 9, .. }),
        "{problem}"
    );
    assert!(problem.is_bad_file() && !problem.can_move_aside());
    assert!(t.move_aside().unwrap().is_empty());
    assert_eq!(
        fs::read(&path).unwrap(),
        br#"{"version": 9, "documents": {}}"#
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_tracker_in_the_data_folder_stays_a_link() {
    let data = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let real = elsewhere.path().join("shared.json");
    fs::write(&real, br#"{"version": 1}"#).unwrap();
    let link = data.path().join("delta-plan-2023.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let (mut t, i) = in_data_folder(data.path().to_path_buf());
    t.set_status(i, 1, Status::Done).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(open(&real).status(0, 1), Status::Done);
}

#[cfg(unix)]
#[test]
fn a_save_keeps_the_files_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    open(&path).set_status(0, 1, Status::Done).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    open(&path).set_status(0, 2, Status::Done).unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    open(&path).set_status(0, 3, Status::Done).unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[cfg(unix)]
#[test]
fn planted_links_for_the_temporary_and_the_lock_are_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, b"precious").unwrap();
    // Every name a save ever wrote through: the old fixed temporary, and a
    // guess at the new pattern.
    std::os::unix::fs::symlink(&victim, dir.path().join(".tracker.json.tmp")).unwrap();
    std::os::unix::fs::symlink(&victim, dir.path().join(".tracker.json.tmp-0")).unwrap();
    open(&path).set_status(0, 1, Status::Done).unwrap();
    assert_eq!(fs::read(&victim).unwrap(), b"precious");
    assert!(
        fs::symlink_metadata(&path).unwrap().is_file(),
        "a real file"
    );
    assert_eq!(open(&path).status(0, 1), Status::Done);
    // A planted lock link: refused, and the file it names is not created.
    let other = tempfile::tempdir().unwrap();
    let path = file_in(&other);
    let target = other.path().join("created-through-link");
    std::os::unix::fs::symlink(&target, other.path().join(".tracker.json.lock")).unwrap();
    let err = open(&path).set_status(0, 1, Status::Done).unwrap_err();
    assert!(err.to_string().contains("not saved"), "{err}");
    assert!(!target.exists());
}

#[test]
fn messages_quoting_a_tracker_file_carry_no_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    let hostile = [
        r#"{"version": 1, "documents": {"d": {"title": "t", "commitments": [{"text": "x", "status": "\u001b]0;pwned\u0007"}]}}}"#,
        r#"{"version": 1, "documents": {"d": {"title": "t", "\u001b[2J\u007f": 1}}}"#,
        r#"{"version": "\u001b]0;x\u0007"}"#,
        r#"{"version": 1, "documents": {"k": {"title": "A"}, "k": {"title": "B\u202e"}}, "x": 1}"#,
    ];
    for text in hostile {
        fs::write(&path, text).unwrap();
        let problem = open(&path).problem().map(ToString::to_string).unwrap();
        assert!(
            !problem.chars().any(crate::text::is_terminal_control),
            "{problem:?}"
        );
    }
}

#[test]
fn orphans_keep_their_order_through_a_save() {
    // Written by hand (or by another tool) in an order no save would write.
    let dir = tempfile::tempdir().unwrap();
    let path = file_in(&dir);
    fs::write(
        &path,
        r#"{"version":1,"documents":{"delta-plan-2023":{"commitments":[
            {"text":"widen the old canal","status":"stalled"},
            {"text":"close the coal plant","status":"done"}]}}}"#,
    )
    .unwrap();
    let texts =
        |t: &Tracker| -> Vec<String> { t.orphans(0).iter().map(|o| o.text.clone()).collect() };
    let mut t = open(&path);
    let before = texts(&t);
    assert_eq!(before, ["close the coal plant", "widen the old canal"]);
    t.set_status(0, 1, Status::Done).unwrap();
    assert_eq!(texts(&open(&path)), before);
}
