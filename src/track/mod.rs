//! What becomes of each commitment: a status, a note and evidence per
//! commitment, kept in a versioned JSON file beside the parsed documents (the
//! model stays untouched) and saved so that nothing is ever lost — atomic
//! writes, a lock around read-merge-write, a per-commitment merge by last
//! change time, and a bad file left exactly as it is.
//!
//! The explorer opens a `Tracker` for its documents and calls `set_status`,
//! `set_note` and `add_evidence`, each of which saves at once; the command
//! line only reads (`status`, `export`).

mod matching;
mod store;
mod table;
mod time;

pub use matching::{document_key, normalise};
pub use table::status_table;
pub use time::{Timestamp, is_evidence_date};

use crate::load::display_path;
use crate::model::Document;
use matching::Identity;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use store::{Entry, FileDocument, TrackerFile};

/// Where a commitment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    #[default]
    NotRated,
    Planned,
    InProgress,
    Done,
    Stalled,
    Dropped,
}

impl Status {
    /// Every status, in the order menus and tables list them.
    pub const ALL: [Status; 6] = [
        Status::NotRated,
        Status::Planned,
        Status::InProgress,
        Status::Done,
        Status::Stalled,
        Status::Dropped,
    ];

    /// The id used in files and exports: `not-rated`, `in-progress`, …
    pub fn id(self) -> &'static str {
        match self {
            Status::NotRated => "not-rated",
            Status::Planned => "planned",
            Status::InProgress => "in-progress",
            Status::Done => "done",
            Status::Stalled => "stalled",
            Status::Dropped => "dropped",
        }
    }

    /// The words shown to people: `not rated`, `in progress`, …
    pub fn label(self) -> &'static str {
        match self {
            Status::NotRated => "not rated",
            Status::Planned => "planned",
            Status::InProgress => "in progress",
            Status::Done => "done",
            Status::Stalled => "stalled",
            Status::Dropped => "dropped",
        }
    }

    pub fn from_id(id: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// A source backing a status: where (a URL or a reference), when, and what it says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub source: String,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or empty when unknown.
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub quote: String,
}

impl Evidence {
    /// Evidence from what a person typed: each field on one line with its
    /// whitespace collapsed and control characters gone; the source must not
    /// be empty and the date must be a date (or empty).
    pub fn new(source: &str, date: &str, quote: &str) -> Result<Evidence, TrackError> {
        let evidence = Evidence {
            source: one_line(source),
            date: one_line(date),
            quote: one_line(quote),
        };
        evidence.check()?;
        Ok(evidence)
    }

    fn check(&self) -> Result<(), TrackError> {
        if self.source.trim().is_empty() {
            return Err(TrackError::Invalid(
                "evidence needs a source (a URL or a reference)".into(),
            ));
        }
        if !is_evidence_date(self.date.trim()) {
            return Err(TrackError::Invalid(format!(
                "`{}` is not a date like 2024-05-01, 2024-05 or 2024",
                self.date.escape_default()
            )));
        }
        Ok(())
    }
}

/// The tracking data of one commitment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    pub status: Status,
    pub note: String,
    pub evidence: Vec<Evidence>,
    /// The last change, `None` only for entries written by hand without one.
    pub updated: Option<Timestamp>,
}

impl Record {
    /// Nothing worth storing: not rated, no note, no evidence.
    pub fn is_empty(&self) -> bool {
        self.status == Status::NotRated && self.note.trim().is_empty() && self.evidence.is_empty()
    }
}

/// A stored entry that no commitment of its document matches any more (the
/// statement or the parser changed). Kept in the file, never dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Orphan {
    /// The commitment's text when the entry was saved.
    pub text: String,
    pub record: Record,
}

/// How far a set of commitments has come: one count per status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub total: usize,
    pub not_rated: usize,
    pub planned: usize,
    pub in_progress: usize,
    pub done: usize,
    pub stalled: usize,
    pub dropped: usize,
}

impl Progress {
    pub fn count(&self, status: Status) -> usize {
        match status {
            Status::NotRated => self.not_rated,
            Status::Planned => self.planned,
            Status::InProgress => self.in_progress,
            Status::Done => self.done,
            Status::Stalled => self.stalled,
            Status::Dropped => self.dropped,
        }
    }

    fn add(&mut self, status: Status) {
        self.total += 1;
        match status {
            Status::NotRated => self.not_rated += 1,
            Status::Planned => self.planned += 1,
            Status::InProgress => self.in_progress += 1,
            Status::Done => self.done += 1,
            Status::Stalled => self.stalled += 1,
            Status::Dropped => self.dropped += 1,
        }
    }
}

/// Where tracking data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// One file per document, `<data dir>/<document key>.json`.
    DataDir,
    /// One file for all documents (`--tracker FILE`), e.g. kept in git.
    File(PathBuf),
}

impl Location {
    /// `--tracker FILE` if given, else the data folder.
    pub fn from_flag(file: Option<PathBuf>) -> Location {
        file.map_or(Location::DataDir, Location::File)
    }
}

/// `$XDG_DATA_HOME/deltascope`, else `~/.local/share/deltascope`; `None`
/// when neither variable gives an absolute path.
pub fn data_dir() -> Option<PathBuf> {
    data_dir_from(std::env::var_os("XDG_DATA_HOME"), std::env::var_os("HOME"))
}

fn data_dir_from(xdg: Option<OsString>, home: Option<OsString>) -> Option<PathBuf> {
    // The XDG spec says a relative XDG_DATA_HOME is invalid and to be ignored.
    let absolute = |v: Option<OsString>| v.map(PathBuf::from).filter(|p| p.is_absolute());
    absolute(xdg)
        .or_else(|| absolute(home).map(|h| h.join(".local").join("share")))
        .map(|base| base.join("deltascope"))
}

/// Why tracking data could not be read, saved or changed. `Display` is one
/// line, paths with control characters escaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrackError {
    /// Neither `XDG_DATA_HOME` nor `HOME` names a folder and no `--tracker FILE` was given.
    NoDataDir,
    /// The tracker file does not parse (hand-edited, cut off, another
    /// version). It is never written to; `Tracker::move_aside` sets it aside.
    Corrupt {
        path: String,
        /// 1-based line and column, when the problem has a place.
        position: Option<(usize, usize)>,
        reason: String,
    },
    /// The tracker file exists but cannot be read (permissions, too large,
    /// …). `Tracker::move_aside` sets it aside too.
    Unreadable { path: String, reason: String },
    /// Something other than a regular file has the tracker's (or its lock's)
    /// name: a device, a FIFO, a folder. Never opened, written or moved.
    NotRegular { path: String, kind: &'static str },
    /// The file is a later format version than this build reads: read-only,
    /// and never moved aside (a newer deltascope reads it fine).
    Newer { path: String, version: u64 },
    /// A change was not applied because the file holds a later change to
    /// the same commitment (by 1-based id), made at `when`.
    Conflict { id: usize, when: Timestamp },
    /// A save was refused because the file would grow past what can be read
    /// back; the change is dropped.
    TooLarge { path: String },
    /// A save failed; the change is kept in memory and retried on the next save.
    Write { path: String, reason: String },
    /// Another deltascope held the tracker's lock for too long.
    Busy { path: String },
    /// A change was refused because tracking is read-only, for this reason.
    ReadOnly(Box<TrackError>),
    /// No such document index or commitment id.
    NoSuchCommitment { document: usize, id: usize },
    /// A value a person typed is not acceptable (evidence without a source, a bad date).
    Invalid(String),
}

impl TrackError {
    /// A tracker file that exists but cannot be used: the command line stops
    /// on these rather than show a tracking state it could not read.
    pub fn is_bad_file(&self) -> bool {
        matches!(
            self,
            TrackError::Corrupt { .. }
                | TrackError::Unreadable { .. }
                | TrackError::NotRegular { .. }
                | TrackError::Newer { .. }
        )
    }

    /// A bad file that `Tracker::move_aside` will rename: one that does not
    /// parse or cannot be read. Never a device or FIFO, never a file from a
    /// newer version.
    pub fn can_move_aside(&self) -> bool {
        matches!(
            self,
            TrackError::Corrupt { .. } | TrackError::Unreadable { .. }
        )
    }

    /// Whether the change that met this error is kept in memory and saved
    /// with the next change (rather than refused or dropped).
    pub fn keeps_change(&self) -> bool {
        self.is_bad_file() || matches!(self, TrackError::Write { .. } | TrackError::Busy { .. })
    }
}

impl fmt::Display for TrackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrackError::NoDataDir => write!(
                f,
                "no data folder for tracking: set XDG_DATA_HOME or HOME, or use --tracker FILE"
            ),
            TrackError::Corrupt {
                path,
                position: Some((line, column)),
                reason,
            } => write!(
                f,
                "{path}: not a valid tracker file at line {line}, column {column}: {reason} (left untouched)"
            ),
            TrackError::Corrupt {
                path,
                position: None,
                reason,
            } => write!(
                f,
                "{path}: not a valid tracker file: it {reason} (left untouched)"
            ),
            TrackError::Unreadable { path, reason } => {
                write!(f, "{path}: cannot read the tracker file: {reason}")
            }
            TrackError::NotRegular { path, kind } => write!(
                f,
                "{path}: not a regular file ({kind}): refused as a tracker file, nothing is read or written there"
            ),
            TrackError::Newer { path, version } => write!(
                f,
                "{path}: written by a newer deltascope (format version {version}; this one reads version {}): left untouched",
                store::VERSION
            ),
            TrackError::Conflict { id, when } => write!(
                f,
                "not applied: a newer change to #{id} from {} is in the tracker file",
                when.date()
            ),
            TrackError::TooLarge { path } => write!(
                f,
                "{path}: not saved: the tracker file would grow over {} MiB, more than deltascope reads back",
                store::MAX_TRACKER_MIB
            ),
            TrackError::Write { path, reason } => {
                write!(f, "{path}: not saved: {reason}")
            }
            TrackError::Busy { path } => write!(
                f,
                "{path}: not saved: another deltascope has held the tracker locked for over 5 seconds"
            ),
            TrackError::ReadOnly(why) => write!(f, "tracking is read-only: {why}"),
            TrackError::NoSuchCommitment { document, id } => {
                write!(f, "no commitment #{id} in document {}", document + 1)
            }
            TrackError::Invalid(reason) => write!(f, "{reason}"),
        }
    }
}

impl std::error::Error for TrackError {}

/// Tracking state for a set of open documents.
#[derive(Debug)]
pub struct Tracker {
    location: Location,
    /// The data folder, found once when tracking lives there.
    data: Option<PathBuf>,
    stores: Vec<Store>,
    docs: Vec<DocState>,
}

/// One tracker file and what we know of it.
#[derive(Debug)]
struct Store {
    /// Where reads and writes go (a symlink resolved, so a save replaces
    /// the target rather than the link); `None` without a data folder.
    path: Option<PathBuf>,
    /// The file as last read or written, with `pending` applied.
    content: TrackerFile,
    /// Changes not yet on disk because a save failed; retried on the next save.
    pending: Vec<Change>,
    /// Why this file is read-only.
    problem: Option<TrackError>,
}

#[derive(Debug)]
struct DocState {
    key: String,
    title: String,
    store: usize,
    /// Per commitment (index = id - 1).
    texts: Vec<String>,
    ids: Vec<Identity>,
    records: Vec<Option<Record>>,
    /// The stored entry each commitment took, which may be under an older text.
    origins: Vec<Option<Identity>>,
    /// Theme id and the ids of its commitments, in the document's order.
    themes: Vec<(String, Vec<usize>)>,
    orphans: Vec<Orphan>,
}

/// One edit of one commitment, as merged into the file.
#[derive(Debug, Clone)]
struct Change {
    /// The commitment's 1-based id, for messages.
    id: usize,
    doc_key: String,
    title: String,
    text: String,
    identity: Identity,
    /// The entry this one supersedes when the commitment was matched under an
    /// older text: saving re-files it under the current text.
    replaces: Option<Identity>,
    record: Record,
}

impl Tracker {
    /// Read the tracking data of `docs`. Never fails: a file that cannot be
    /// read makes its documents read-only for tracking, with the reason in
    /// `problem()`; a file that does not exist yet is empty.
    pub fn open(docs: &[Document], location: Location) -> Tracker {
        let mut tracker = Tracker {
            data: match &location {
                Location::DataDir => data_dir(),
                Location::File(_) => None,
            },
            location,
            stores: Vec::new(),
            docs: Vec::with_capacity(docs.len()),
        };
        for doc in docs {
            tracker.add_states(doc);
        }
        for s in 0..tracker.stores.len() {
            tracker.rematch(s, None);
        }
        tracker
    }

    /// Read the tracking data of one more document, as `open` would have;
    /// returns its index. The explorer opens on its first document while the
    /// rest are still being parsed, so documents join one by one. Only the
    /// new document's entries are matched again, so adding many stays linear.
    pub fn add_document(&mut self, doc: &Document) -> usize {
        let store = self.add_states(doc);
        let key = self.docs[self.docs.len() - 1].key.clone();
        self.rematch(store, Some(&key));
        self.docs.len() - 1
    }

    /// The document's state, and its store (read now if it is a new file).
    fn add_states(&mut self, doc: &Document) -> usize {
        let key = document_key(&doc.title);
        let path = match &self.location {
            Location::File(p) => Some(resolve_link(p)),
            // A tracker in the data folder may be a link as well (into a
            // synced folder, say): saves must go on reaching what it links to.
            Location::DataDir => self
                .data
                .as_ref()
                .map(|d| resolve_link(&d.join(format!("{key}.json")))),
        };
        let store = match self.stores.iter().position(|s| s.path == path) {
            Some(s) => s,
            None => {
                self.stores.push(Store::load(path));
                self.stores.len() - 1
            }
        };
        let n = doc.commitments.len();
        self.docs.push(DocState {
            key,
            title: doc.title.clone(),
            store,
            texts: doc.commitments.iter().map(|c| c.text.clone()).collect(),
            ids: matching::identities(doc.commitments.iter().map(|c| c.text.as_str())),
            records: vec![None; n],
            origins: vec![None; n],
            themes: doc
                .themes
                .iter()
                .map(|t| (t.id.clone(), t.commitments.clone()))
                .collect(),
            orphans: Vec::new(),
        });
        store
    }

    /// The tracking data of a commitment (by 1-based id), `None` when it has none.
    pub fn record(&self, doc: usize, id: usize) -> Option<&Record> {
        let state = self.docs.get(doc)?;
        state.records.get(id.checked_sub(1)?)?.as_ref()
    }

    /// A commitment's status; `NotRated` when it has no data or does not exist.
    pub fn status(&self, doc: usize, id: usize) -> Status {
        self.record(doc, id).map_or(Status::NotRated, |r| r.status)
    }

    /// Set a commitment's status and save. Setting the status it already has
    /// changes nothing and saves nothing.
    pub fn set_status(&mut self, doc: usize, id: usize, status: Status) -> Result<(), TrackError> {
        self.edit(doc, id, |r| {
            let changed = r.status != status;
            r.status = status;
            changed
        })
    }

    /// Replace a commitment's note and save. Control characters other than
    /// newlines and tabs are dropped and trailing whitespace trimmed.
    pub fn set_note(&mut self, doc: usize, id: usize, note: &str) -> Result<(), TrackError> {
        let note = clean_note(note);
        if note.len() > MAX_NOTE_BYTES {
            return Err(TrackError::Invalid(format!(
                "not saved: a note can be up to {} KiB, this one is {} KiB",
                MAX_NOTE_BYTES / 1024,
                note.len().div_ceil(1024)
            )));
        }
        self.edit(doc, id, |r| {
            let changed = r.note != note;
            r.note = note;
            changed
        })
    }

    /// Add evidence to a commitment and save; it is checked as `Evidence::new` does.
    pub fn add_evidence(
        &mut self,
        doc: usize,
        id: usize,
        evidence: Evidence,
    ) -> Result<(), TrackError> {
        let evidence = Evidence::new(&evidence.source, &evidence.date, &evidence.quote)?;
        self.edit(doc, id, |r| {
            r.evidence.push(evidence);
            true
        })
    }

    /// Remove a commitment's evidence entry at `index` (0-based) and save.
    pub fn remove_evidence(
        &mut self,
        doc: usize,
        id: usize,
        index: usize,
    ) -> Result<(), TrackError> {
        self.edit(doc, id, |r| {
            if index < r.evidence.len() {
                r.evidence.remove(index);
                true
            } else {
                false
            }
        })
    }

    /// Progress of one theme of a document: its commitments counted by status.
    pub fn progress(&self, doc: usize, theme_id: &str) -> Progress {
        let mut p = Progress::default();
        let Some(state) = self.docs.get(doc) else {
            return p;
        };
        if let Some((_, ids)) = state.themes.iter().find(|(t, _)| t == theme_id) {
            for &id in ids {
                p.add(self.status(doc, id));
            }
        }
        p
    }

    /// Progress of all of a document's commitments, each counted once.
    pub fn document_progress(&self, doc: usize) -> Progress {
        let mut p = Progress::default();
        if let Some(state) = self.docs.get(doc) {
            for id in 1..=state.ids.len() {
                p.add(self.status(doc, id));
            }
        }
        p
    }

    /// Stored entries of this document that no commitment matches any more.
    pub fn orphans(&self, doc: usize) -> &[Orphan] {
        self.docs.get(doc).map_or(&[], |s| &s.orphans)
    }

    /// The key the document is filed under in the tracker.
    pub fn document_key(&self, doc: usize) -> Option<&str> {
        self.docs.get(doc).map(|s| s.key.as_str())
    }

    /// The tracker file holding this document's data.
    pub fn file(&self, doc: usize) -> Option<&Path> {
        let state = self.docs.get(doc)?;
        self.stores[state.store].path.as_deref()
    }

    /// Whether any document's tracking cannot be saved.
    pub fn is_read_only(&self) -> bool {
        self.stores.iter().any(|s| s.problem.is_some())
    }

    /// Changes made but not yet saved (their save failed; the next one
    /// tries them again), over every tracker file.
    pub fn unsaved(&self) -> usize {
        self.stores.iter().map(|s| s.pending.len()).sum()
    }

    /// Why tracking is read-only (the first reason if there are several).
    pub fn problem(&self) -> Option<&TrackError> {
        self.stores.iter().find_map(|s| s.problem.as_ref())
    }

    /// Every distinct reason tracking is read-only, one per tracker file.
    pub fn problems(&self) -> Vec<&TrackError> {
        self.stores
            .iter()
            .filter_map(|s| s.problem.as_ref())
            .collect()
    }

    /// Why this document's tracking is read-only, if it is.
    pub fn document_problem(&self, doc: usize) -> Option<&TrackError> {
        let state = self.docs.get(doc)?;
        self.stores[state.store].problem.as_ref()
    }

    /// Re-read every tracker file, picking up what other explorers saved.
    /// Changes not yet saved stay on top. A file that became unreadable makes
    /// its documents read-only; one that became readable again clears that.
    pub fn reload(&mut self) {
        for s in 0..self.stores.len() {
            self.stores[s].reload();
            self.rematch(s, None);
        }
    }

    /// Rename every corrupt tracker file to `NAME.corrupt-YYYYMMDDTHHMMSS`
    /// beside it, so tracking starts afresh and becomes writable; returns the
    /// new names. A file that parses by now (fixed by hand meanwhile) is kept
    /// and simply read. Changes made meanwhile are saved into the new file.
    pub fn move_aside(&mut self) -> Result<Vec<PathBuf>, TrackError> {
        let mut moved = Vec::new();
        for s in 0..self.stores.len() {
            let result = self.stores[s].move_aside();
            self.rematch(s, None);
            if let Some(path) = result? {
                moved.push(path);
            }
        }
        Ok(moved)
    }

    fn edit(
        &mut self,
        doc: usize,
        id: usize,
        change: impl FnOnce(&mut Record) -> bool,
    ) -> Result<(), TrackError> {
        let missing = TrackError::NoSuchCommitment { document: doc, id };
        let state = self.docs.get(doc).ok_or(missing.clone())?;
        let i = id
            .checked_sub(1)
            .filter(|&i| i < state.ids.len())
            .ok_or(missing)?;
        let store = state.store;
        if let Some(problem) = &self.stores[store].problem {
            return Err(TrackError::ReadOnly(Box::new(problem.clone())));
        }
        let mut record = state.records[i].clone().unwrap_or_default();
        if !change(&mut record) {
            return Ok(());
        }
        // A change must win the merge against the state it was made from, even
        // when that state's time came from a clock running a little ahead of
        // ours: a tie goes to the change being saved. A time beyond the skew
        // allowed is a wrong clock; carrying it on would let it win for ever.
        let now = Timestamp::now();
        record.updated = Some(counts_as(record.updated, now).map_or(now, |before| before.max(now)));
        let identity = state.ids[i].clone();
        let change = Change {
            id,
            doc_key: state.key.clone(),
            title: state.title.clone(),
            text: state.texts[i].clone(),
            replaces: state.origins[i].clone().filter(|o| *o != identity),
            identity,
            record,
        };
        let result = self.stores[store].save(change);
        self.rematch(store, None);
        result
    }

    /// Attach the stored entries of a file to the commitments of its
    /// documents (only those filed under `key`, when given: entries are
    /// matched within a key, so the others would come out the same).
    fn rematch(&mut self, store: usize, key: Option<&str>) {
        let content = &self.stores[store].content;
        let mut used: HashMap<String, HashSet<usize>> = HashMap::new();
        let empty = FileDocument::default();
        let entries_of = |key: &str| &content.documents.get(key).unwrap_or(&empty).commitments;
        let chosen = |d: &DocState| d.store == store && key.is_none_or(|k| d.key == k);
        for state in self.docs.iter_mut().filter(|d| chosen(d)) {
            let entries = entries_of(&state.key);
            let identities: Vec<Identity> = entries.iter().map(Entry::identity).collect();
            let taken = matching::assign(&state.ids, &identities);
            let seen = used.entry(state.key.clone()).or_default();
            for (i, t) in taken.iter().enumerate() {
                state.records[i] = t.map(|e| entries[e].record());
                state.origins[i] = t.map(|e| identities[e].clone());
                seen.extend(*t);
            }
        }
        // Documents open twice under one key share their entries: an entry is
        // an orphan only when neither copy takes it.
        for state in self.docs.iter_mut().filter(|d| chosen(d)) {
            let entries = entries_of(&state.key);
            let seen = used.get(state.key.as_str());
            state.orphans = entries
                .iter()
                .enumerate()
                .filter(|(i, _)| !seen.is_some_and(|s| s.contains(i)))
                .map(|(_, e)| Orphan {
                    text: e.text.clone(),
                    record: e.record(),
                })
                .collect();
        }
    }
}

impl Store {
    fn load(path: Option<PathBuf>) -> Store {
        let mut store = Store {
            path,
            content: TrackerFile::default(),
            pending: Vec::new(),
            problem: None,
        };
        store.reload();
        store
    }

    fn reload(&mut self) {
        let Some(path) = &self.path else {
            self.problem = Some(TrackError::NoDataDir);
            return;
        };
        match store::read(path) {
            Ok(found) => {
                self.content = found.unwrap_or_default();
                self.problem = None;
            }
            // Keep showing what was last read: the file on disk is not ours
            // to judge further, and the view should not go blank.
            Err(e) => self.problem = Some(e),
        }
        // Applying a change twice gives the same result, so changes already
        // in a kept view are harmless.
        let now = Timestamp::now();
        for change in &self.pending {
            apply(&mut self.content, change, now);
        }
    }

    /// Show the change at once, then save it (with any earlier unsaved ones).
    fn save(&mut self, change: Change) -> Result<(), TrackError> {
        apply(&mut self.content, &change, Timestamp::now());
        self.pending.push(change);
        self.flush()
    }

    /// Under the lock: read what is on disk now, merge our unsaved changes
    /// into it, write the result atomically. Others' changes to other
    /// commitments survive because we start from their file, not ours. A
    /// change that meets a later one to the same commitment is dropped and
    /// reported (`Conflict`); one that would make the file too large to read
    /// back is dropped and reported (`TooLarge`).
    fn flush(&mut self) -> Result<(), TrackError> {
        let Some(path) = self.path.clone() else {
            return Err(TrackError::NoDataDir);
        };
        let write_error = |e: std::io::Error| TrackError::Write {
            path: display_path(&path),
            reason: store::io_reason(&e),
        };
        // Before anything is created beside it (a folder, the lock file).
        if let Err(crate::regular_file::OpenError::NotRegular { kind }) =
            crate::regular_file::check_not_special(&path)
        {
            let e = TrackError::NotRegular {
                path: display_path(&path),
                kind,
            };
            self.problem = Some(e.clone());
            return Err(e);
        }
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(folder).map_err(|e| TrackError::Write {
                path: display_path(folder),
                reason: format!("cannot create the folder: {}", store::io_reason(&e)),
            })?;
        }
        let _lock = store::lock(&path)?;
        let mut merged = match store::read(&path) {
            Ok(found) => found.unwrap_or_default(),
            Err(e) => {
                // Someone broke the file since we read it: never write over it.
                self.problem = Some(e.clone());
                return Err(e);
            }
        };
        let now = Timestamp::now();
        let mut conflict = None;
        let mut applied = 0;
        for change in &self.pending {
            match apply(&mut merged, change, now) {
                Applied::Yes => applied += 1,
                Applied::Newer(when) => {
                    conflict = Some(TrackError::Conflict {
                        id: change.id,
                        when,
                    });
                }
            }
        }
        if applied > 0 {
            let bytes = store::to_bytes(&merged);
            if !store::fits(&bytes) {
                // The change that tipped it over is dropped; earlier unsaved
                // ones stay for the next save, as after any failed save.
                self.pending.pop();
                drop(_lock);
                self.reload();
                return Err(TrackError::TooLarge {
                    path: display_path(&path),
                });
            }
            store::write_atomic(&path, &bytes).map_err(write_error)?;
        }
        self.content = merged;
        self.pending.clear();
        conflict.map_or(Ok(()), Err)
    }

    fn move_aside(&mut self) -> Result<Option<PathBuf>, TrackError> {
        if !self
            .problem
            .as_ref()
            .is_some_and(TrackError::can_move_aside)
        {
            return Ok(None);
        }
        let Some(path) = self.path.clone() else {
            return Ok(None);
        };
        let moved = {
            let _lock = store::lock(&path)?;
            match store::read(&path) {
                Err(e) if e.can_move_aside() => {
                    Some(store::move_aside(&path, Timestamp::now()).map_err(|e| {
                        TrackError::Write {
                            path: display_path(&path),
                            reason: format!("cannot move aside: {}", store::io_reason(&e)),
                        }
                    })?)
                }
                _ => None,
            }
        };
        self.reload();
        if self.problem.is_none() && !self.pending.is_empty() {
            self.flush()?;
        }
        Ok(moved)
    }
}

/// Longest note kept, in bytes of UTF-8: pages of text, far beyond any real
/// note, and small enough that notes cannot push a tracker past what can be
/// read back.
pub const MAX_NOTE_BYTES: usize = 64 * 1024;

/// How far ahead of this machine's clock a change may be dated and still
/// count as later than one made now: clocks of machines sharing a tracker
/// disagree by seconds, rarely minutes. Beyond this the clock was wrong,
/// and its change must not outrank every change made until that date comes.
const CLOCK_SKEW_SECS: i64 = 10 * 60;

/// A time later than `now` by more than clocks plausibly disagree.
fn is_future(t: Timestamp, now: Timestamp) -> bool {
    t.unix() > now.unix().saturating_add(CLOCK_SKEW_SECS)
}

/// The time a stored entry counts as changed at when merging at `now`: its
/// own, unless that is in the future beyond the skew allowed, when it counts
/// as older than any change (as an entry without a time does).
fn counts_as(t: Option<Timestamp>, now: Timestamp) -> Option<Timestamp> {
    t.filter(|&t| !is_future(t, now))
}

/// What became of a change merged into a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Applied {
    Yes,
    /// The file holds a later change to the commitment, made then.
    Newer(Timestamp),
}

/// Merge one change into a file's contents at time `now`. The entry on file
/// wins only if it changed later than ours (someone else edited the same
/// commitment since), and not by a time in the future beyond the skew allowed.
fn apply(file: &mut TrackerFile, change: &Change, now: Timestamp) -> Applied {
    let doc = file
        .documents
        .entry(change.doc_key.clone())
        .or_insert_with(|| FileDocument {
            title: change.title.clone(),
            commitments: Vec::new(),
        });
    if doc.title.trim().is_empty() {
        doc.title = change.title.clone();
    }
    let when = change.record.updated;
    let newer_on_file = doc
        .commitments
        .iter()
        .filter(|e| e.identity() == change.identity && counts_as(e.updated, now) > when)
        .find_map(|e| e.updated);
    if let Some(at) = newer_on_file {
        return Applied::Newer(at);
    }
    doc.commitments.retain(|e| {
        let id = e.identity();
        let superseded = change.replaces.as_ref() == Some(&id) && counts_as(e.updated, now) <= when;
        id != change.identity && !superseded
    });
    if !change.record.is_empty() {
        doc.commitments
            .push(Entry::new(&change.text, &change.identity, &change.record));
    }
    store::sort_entries(&mut doc.commitments);
    if doc.commitments.is_empty() {
        file.documents.remove(&change.doc_key);
    }
    Applied::Yes
}

/// A tracker path with a symlink resolved, so saving replaces the file the
/// link points to (kept in a repository, say) instead of the link.
fn resolve_link(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// One line: whitespace runs (newlines too) one space, controls dropped, trimmed.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A note keeps its lines and tabs; other control characters (escape
/// sequences, carriage returns) are dropped and trailing whitespace trimmed.
fn clean_note(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect();
    kept.trim_end().to_string()
}

#[cfg(test)]
mod tests;
