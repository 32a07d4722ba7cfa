//! Tracking, kept off the UI thread: the `Tracker` lives on a thread of its
//! own, because every change is saved at once (a lock that another explorer
//! may hold for seconds, an fsync). The explorer keeps a copy of what it
//! shows (`DocTracking`, one per document), changes that copy as soon as the
//! reader acts, and sends a `TrackRequest`; the answer, a `TrackReply` with
//! the tracker's own view, comes back as `Action::Tracked` and replaces it.
//!
//! Requests are carried out one at a time in the order sent, so a document
//! is always known to the tracker before any change to it arrives.

use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::load::display_path;
use crate::model::Document;
use crate::track::{Evidence, Location, Record, Status, TrackError, Tracker};

use super::app::Action;

/// One change to one commitment's tracking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Status(Status),
    Note(String),
    AddEvidence(Evidence),
    /// The evidence entry at this index (0-based).
    RemoveEvidence(usize),
}

impl Edit {
    /// What was saved, for the footer: "status: done", "note", …
    pub fn describe(&self) -> String {
        match self {
            Edit::Status(s) => format!("status {}", s.label()),
            Edit::Note(n) if n.trim().is_empty() => "note removed".into(),
            Edit::Note(_) => "note".into(),
            Edit::AddEvidence(_) => "evidence added".into(),
            Edit::RemoveEvidence(_) => "evidence removed".into(),
        }
    }
}

/// What the explorer asks of the tracker. Documents are numbered as in
/// `App::docs`; `seq` comes back in the reply.
#[derive(Debug, Clone, PartialEq)]
pub enum TrackRequest {
    /// A document joined the explorer (it becomes the next index).
    Open { seq: u64, doc: Box<Document> },
    /// Change a commitment (by 1-based id) and save.
    Edit {
        seq: u64,
        doc: usize,
        id: usize,
        edit: Edit,
    },
    /// Move every corrupt tracker file aside and start afresh.
    MoveAside { seq: u64 },
}

/// The tracking of one document as the explorer shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocTracking {
    /// By commitment id - 1; `None` for a commitment never tracked.
    pub records: Vec<Option<Record>>,
    /// Why changes to this document are refused, if they are.
    pub problem: Option<TrackError>,
    /// The tracker file, for messages; `None` without a data folder.
    pub file: Option<String>,
    /// Stored entries no commitment matches any more.
    pub orphans: usize,
}

impl DocTracking {
    pub fn record(&self, id: usize) -> Option<&Record> {
        self.records.get(id.checked_sub(1)?)?.as_ref()
    }

    pub fn status(&self, id: usize) -> Status {
        self.record(id).map_or(Status::NotRated, |r| r.status)
    }

    /// Apply a change the way the tracker will, so it shows before the
    /// tracker has saved it. `false` when there is no such commitment.
    pub fn apply(&mut self, id: usize, edit: &Edit) -> bool {
        let Some(slot) = id.checked_sub(1).and_then(|i| self.records.get_mut(i)) else {
            return false;
        };
        let record = slot.get_or_insert_with(Record::default);
        match edit {
            Edit::Status(s) => record.status = *s,
            Edit::Note(n) => record.note = n.trim_end().to_string(),
            Edit::AddEvidence(e) => record.evidence.push(e.clone()),
            Edit::RemoveEvidence(i) => {
                if *i < record.evidence.len() {
                    record.evidence.remove(*i);
                }
            }
        }
        true
    }
}

/// How a request ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A document's tracking was read (its view may carry a problem).
    Opened,
    /// The change to commitment `id` was saved, and with it any earlier one
    /// a failed save kept.
    Saved { id: usize, edit: Edit },
    /// The change was refused, or kept in memory but not saved.
    Failed(TrackError),
    /// Bad tracker files moved aside to these paths (none: nothing to move).
    MovedAside(Vec<String>),
}

/// The tracker's answer to the request with the same `seq`: the fresh view
/// of every document the request touched, and how it went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackReply {
    pub seq: u64,
    /// The document the request was about (`None`: all of them).
    pub doc: Option<usize>,
    pub docs: Vec<(usize, DocTracking)>,
    pub outcome: Outcome,
}

/// The tracker and what it needs to answer requests: how many commitments
/// each document has, to build views. Used by the tracking thread, and
/// directly by tests.
#[derive(Debug)]
pub struct TrackerHost {
    tracker: Tracker,
    commitments: Vec<usize>,
}

impl TrackerHost {
    /// Read the tracking of `docs` (never fails: problems are in the views).
    pub fn open(docs: &[Document], location: Location) -> TrackerHost {
        TrackerHost {
            tracker: Tracker::open(docs, location),
            commitments: docs.iter().map(|d| d.commitments.len()).collect(),
        }
    }

    /// The view of every open document, in order.
    pub fn views(&self) -> Vec<DocTracking> {
        (0..self.commitments.len()).map(|d| self.view(d)).collect()
    }

    fn view(&self, doc: usize) -> DocTracking {
        let n = self.commitments.get(doc).copied().unwrap_or(0);
        DocTracking {
            records: (1..=n)
                .map(|id| self.tracker.record(doc, id).cloned())
                .collect(),
            problem: self.tracker.document_problem(doc).cloned(),
            file: self.tracker.file(doc).map(display_path),
            orphans: self.tracker.orphans(doc).len(),
        }
    }

    /// Carry out one request.
    pub fn handle(&mut self, request: TrackRequest) -> TrackReply {
        match request {
            TrackRequest::Open { seq, doc } => {
                let i = self.tracker.add_document(&doc);
                self.commitments.push(doc.commitments.len());
                TrackReply {
                    seq,
                    doc: Some(i),
                    docs: vec![(i, self.view(i))],
                    outcome: Outcome::Opened,
                }
            }
            TrackRequest::Edit { seq, doc, id, edit } => {
                let result = match &edit {
                    Edit::Status(s) => self.tracker.set_status(doc, id, *s),
                    Edit::Note(n) => self.tracker.set_note(doc, id, n),
                    Edit::AddEvidence(e) => self.tracker.add_evidence(doc, id, e.clone()),
                    Edit::RemoveEvidence(i) => self.tracker.remove_evidence(doc, id, *i),
                };
                // A save merges what is on disk, which may change any
                // document kept in the same file.
                let file = self.tracker.file(doc).map(|p| p.to_path_buf());
                let docs = (0..self.commitments.len())
                    .filter(|&d| {
                        d == doc || (file.is_some() && self.tracker.file(d) == file.as_deref())
                    })
                    .map(|d| (d, self.view(d)))
                    .collect();
                TrackReply {
                    seq,
                    doc: Some(doc),
                    docs,
                    outcome: match result {
                        Ok(()) => Outcome::Saved { id, edit },
                        Err(e) => Outcome::Failed(e),
                    },
                }
            }
            TrackRequest::MoveAside { seq } => {
                let outcome = match self.tracker.move_aside() {
                    Ok(paths) => {
                        Outcome::MovedAside(paths.iter().map(|p| display_path(p)).collect())
                    }
                    Err(e) => Outcome::Failed(e),
                };
                TrackReply {
                    seq,
                    doc: None,
                    docs: self.views().into_iter().enumerate().collect(),
                    outcome,
                }
            }
        }
    }
}

/// The tracking thread, as the event loop sees it.
pub struct TrackWorker {
    requests: Option<Sender<TrackRequest>>,
    thread: Option<JoinHandle<()>>,
    progress: Arc<Progress>,
}

/// What the tracking thread has yet to save, kept where the event loop can
/// read it even while the thread is stuck waiting for a lock.
#[derive(Default)]
struct Progress {
    /// Requests sent and not yet carried out.
    queued: AtomicUsize,
    /// Changes whose save failed, as the tracker counts them.
    unsaved: AtomicUsize,
    /// Why the last save failed, if one did.
    last_failure: Mutex<Option<String>>,
}

/// Changes the explorer could not save before it ended.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Unsaved {
    pub changes: usize,
    /// Why, when a save said so.
    pub reason: Option<String>,
}

impl Unsaved {
    /// The line for stderr, or `None` when everything was saved.
    pub fn message(&self) -> Option<String> {
        if self.changes == 0 {
            return None;
        }
        let what = match self.changes {
            1 => "1 tracking change was".to_string(),
            n => format!("{n} tracking changes were"),
        };
        Some(match &self.reason {
            Some(reason) => format!("{what} not saved: {reason}"),
            None => format!("{what} not saved: the explorer stopped before the save finished"),
        })
    }
}

impl TrackWorker {
    /// Start the thread; `reply` gets each answer as an `Action::Tracked`
    /// and returns `false` once nobody listens (requests are still carried
    /// out: they are saves).
    pub fn spawn<F>(mut host: TrackerHost, mut reply: F) -> io::Result<TrackWorker>
    where
        F: FnMut(Action) -> bool + Send + 'static,
    {
        let (requests, inbox) = mpsc::channel::<TrackRequest>();
        let progress = Arc::new(Progress::default());
        let seen = Arc::clone(&progress);
        let thread = thread::Builder::new()
            .name("deltascope-track".into())
            .spawn(move || {
                let mut listening = true;
                for request in inbox {
                    let answer = host.handle(request);
                    seen.unsaved.store(host.tracker.unsaved(), Ordering::SeqCst);
                    if let Outcome::Failed(e) = &answer.outcome {
                        *seen
                            .last_failure
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner) = Some(e.to_string());
                    }
                    seen.queued.fetch_sub(1, Ordering::SeqCst);
                    if listening {
                        listening = reply(Action::Tracked(Box::new(answer)));
                    }
                }
            })?;
        Ok(TrackWorker {
            requests: Some(requests),
            thread: Some(thread),
            progress,
        })
    }

    pub fn send(&self, request: TrackRequest) {
        // A send fails only when the thread is gone (it panicked, which ends
        // the process); nothing more can be done here.
        if let Some(r) = &self.requests {
            self.progress.queued.fetch_add(1, Ordering::SeqCst);
            if r.send(request).is_err() {
                self.progress.queued.fetch_sub(1, Ordering::SeqCst);
            }
        }
    }

    /// Wait until every request sent so far has been carried out, so no
    /// change is lost by the process ending.
    pub fn finish(self) -> Unsaved {
        self.finish_within(Duration::MAX)
    }

    /// `finish`, giving up after `limit` (a save waits for another
    /// explorer's lock for seconds, and a signal must not wait for ever).
    /// What is left unsaved then, or was never saved, is counted.
    pub fn finish_within(mut self, limit: Duration) -> Unsaved {
        self.requests = None;
        if let Some(t) = self.thread.take() {
            match Instant::now().checked_add(limit) {
                // No instant that far off: wait for as long as it takes.
                None => {
                    let _ = t.join();
                }
                Some(deadline) => {
                    while !t.is_finished() && Instant::now() < deadline {
                        thread::sleep(Duration::from_millis(5));
                    }
                    if t.is_finished() {
                        let _ = t.join();
                    }
                    // Else the thread is left to the process's exit.
                }
            }
        }
        let p = &self.progress;
        Unsaved {
            changes: p.queued.load(Ordering::SeqCst) + p.unsaved.load(Ordering::SeqCst),
            reason: p
                .last_failure
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone()
                .filter(|_| p.unsaved.load(Ordering::SeqCst) > 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::fixture;

    fn host(dir: &tempfile::TempDir) -> TrackerHost {
        TrackerHost::open(&[fixture::doc()], Location::File(dir.path().join("t.json")))
    }

    #[test]
    fn a_view_has_a_slot_per_commitment_and_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let h = host(&dir);
        let views = h.views();
        assert_eq!(views.len(), 1);
        assert_eq!(views[0].records.len(), fixture::doc().commitments.len());
        assert!(views[0].records.iter().all(Option::is_none));
        assert!(
            views[0]
                .file
                .as_deref()
                .is_some_and(|f| f.ends_with("t.json"))
        );
        assert_eq!(views[0].problem, None);
    }

    #[test]
    fn edits_are_saved_and_answered_with_the_new_view() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut h = host(&dir);
        let reply = h.handle(TrackRequest::Edit {
            seq: 7,
            doc: 0,
            id: 3,
            edit: Edit::Status(Status::Done),
        });
        assert_eq!(reply.seq, 7);
        assert_eq!(
            reply.outcome,
            Outcome::Saved {
                id: 3,
                edit: Edit::Status(Status::Done)
            }
        );
        assert_eq!(reply.docs[0].1.status(3), Status::Done);
        assert!(
            reply.docs[0]
                .1
                .record(3)
                .is_some_and(|r| r.updated.is_some())
        );
        let bad = h.handle(TrackRequest::Edit {
            seq: 8,
            doc: 0,
            id: 99,
            edit: Edit::Note("x".into()),
        });
        assert!(matches!(
            bad.outcome,
            Outcome::Failed(TrackError::NoSuchCommitment { .. })
        ));
    }

    #[test]
    fn an_opened_document_takes_the_next_index_and_its_stored_data() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("t.json");
        let mut first = TrackerHost::open(&[fixture::second()], Location::File(path.clone()));
        first.handle(TrackRequest::Edit {
            seq: 1,
            doc: 0,
            id: 1,
            edit: Edit::Status(Status::Planned),
        });
        let mut h = TrackerHost::open(&[fixture::doc()], Location::File(path));
        let reply = h.handle(TrackRequest::Open {
            seq: 2,
            doc: Box::new(fixture::second()),
        });
        assert_eq!(reply.docs.len(), 1);
        assert_eq!(reply.docs[0].0, 1);
        assert_eq!(reply.docs[0].1.status(1), Status::Planned);
        assert_eq!(h.views().len(), 2);
    }

    #[test]
    fn applying_an_edit_to_a_view_matches_the_tracker() {
        let mut v = DocTracking {
            records: vec![None, None],
            ..DocTracking::default()
        };
        assert!(v.apply(2, &Edit::Note("line\nnext  ".into())));
        assert!(v.apply(2, &Edit::AddEvidence(Evidence::default())));
        assert!(
            v.apply(2, &Edit::RemoveEvidence(5)),
            "out of range: no change"
        );
        assert_eq!(
            v.record(2).map(|r| (r.note.as_str(), r.evidence.len())),
            Some(("line\nnext", 1))
        );
        assert!(!v.apply(3, &Edit::Status(Status::Done)));
        assert!(!v.apply(0, &Edit::Status(Status::Done)));
    }

    #[test]
    fn the_worker_answers_in_order_and_finish_waits_for_the_saves() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("t.json");
        let (tx, rx) = mpsc::channel();
        let worker = TrackWorker::spawn(host(&dir), move |a| tx.send(a).is_ok()).expect("thread");
        for (seq, id) in [(1, 1), (2, 2), (3, 3)] {
            worker.send(TrackRequest::Edit {
                seq,
                doc: 0,
                id,
                edit: Edit::Status(Status::Stalled),
            });
        }
        worker.finish();
        let seqs: Vec<u64> = rx
            .try_iter()
            .map(|a| match a {
                Action::Tracked(r) => r.seq,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(seqs, [1, 2, 3]);
        let v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(path).expect("saved")).expect("JSON");
        let doc = v["documents"]
            .as_object()
            .and_then(|d| d.values().next())
            .expect("a document");
        assert_eq!(doc["commitments"].as_array().map(Vec::len), Some(3));
    }

    /// The tracker's lock, taken as another explorer saving would hold it.
    fn hold_lock(dir: &tempfile::TempDir) -> std::fs::File {
        let lock = std::fs::File::create(dir.path().join(".t.json.lock")).expect("lock file");
        lock.lock().expect("lock");
        lock
    }

    /// A worker on `dir`'s tracker asked to mark each of `ids` done.
    fn worker_marking_done(dir: &tempfile::TempDir, ids: &[usize]) -> TrackWorker {
        let worker = TrackWorker::spawn(host(dir), |_| true).expect("thread");
        for &id in ids {
            worker.send(TrackRequest::Edit {
                seq: id as u64,
                doc: 0,
                id,
                edit: Edit::Status(Status::Done),
            });
        }
        worker
    }

    #[test]
    fn finishing_within_a_limit_counts_what_a_held_lock_kept_unsaved() {
        let dir = tempfile::tempdir().expect("temp dir");
        // Held for longer than we wait.
        let _lock = hold_lock(&dir);
        let worker = worker_marking_done(&dir, &[1, 2]);
        let started = Instant::now();
        let unsaved = worker.finish_within(Duration::from_millis(300));
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(unsaved.changes, 2, "{unsaved:?}");
        let message = unsaved.message().expect("a message");
        assert!(
            message.starts_with("2 tracking changes were not saved"),
            "{message}"
        );
        assert!(!dir.path().join("t.json").exists());
    }

    #[test]
    fn a_failed_save_is_reported_with_its_reason_and_a_clean_finish_with_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let lock = hold_lock(&dir);
        // The save gives up on the lock after its own timeout.
        let unsaved = worker_marking_done(&dir, &[1]).finish();
        assert_eq!(unsaved.changes, 1, "{unsaved:?}");
        let message = unsaved.message().expect("a message");
        assert!(
            message.starts_with("1 tracking change was not saved: "),
            "{message}"
        );
        assert!(message.contains("t.json"), "{message}");
        drop(lock);

        let unsaved = worker_marking_done(&dir, &[1]).finish();
        assert_eq!(unsaved, Unsaved::default());
        assert_eq!(unsaved.message(), None);
    }
}
