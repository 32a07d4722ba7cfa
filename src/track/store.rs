//! The tracker file on disk: its JSON shape, reading with precise errors,
//! and the atomic, locked write.

use super::matching::{Identity, normalise};
use super::time::Timestamp;
use super::{Evidence, Record, Status, TrackError};
use crate::load::display_path;
pub(crate) use crate::regular_file::io_reason;
use crate::regular_file::{self, OpenError};
use crate::text::escape_controls;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

/// The format version this build reads and writes.
pub const VERSION: u32 = 1;

/// Far beyond any real tracker; stops a wrong path (a disk image, `/dev/zero`)
/// from being read whole.
const MAX_TRACKER_BYTES: u64 = 64 * 1024 * 1024;

/// A save holds the lock for milliseconds; this long means something is stuck.
const LOCK_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TrackerFile {
    pub version: u32,
    #[serde(default, deserialize_with = "documents")]
    pub documents: BTreeMap<String, FileDocument>,
}

impl Default for TrackerFile {
    fn default() -> TrackerFile {
        TrackerFile {
            version: VERSION,
            documents: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FileDocument {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub commitments: Vec<Entry>,
}

/// One tracked commitment as stored. `key` is written for people and tools
/// reading the file; on reading it is recomputed from `text`, so a hand edit
/// of the text is all it takes to re-point an entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Entry {
    pub text: String,
    #[serde(default)]
    pub key: String,
    #[serde(default = "first", skip_serializing_if = "is_first")]
    pub occurrence: u32,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Timestamp>,
}

fn first() -> u32 {
    1
}

fn is_first(n: &u32) -> bool {
    *n == 1
}

impl Entry {
    pub fn new(text: &str, identity: &Identity, record: &Record) -> Entry {
        Entry {
            text: text.to_string(),
            key: identity.key.clone(),
            occurrence: identity.occurrence,
            status: record.status,
            note: record.note.clone(),
            evidence: record.evidence.clone(),
            updated: record.updated,
        }
    }

    pub fn identity(&self) -> Identity {
        Identity {
            key: self.key.clone(),
            occurrence: self.occurrence,
        }
    }

    pub fn record(&self) -> Record {
        Record {
            status: self.status,
            note: self.note.clone(),
            evidence: self.evidence.clone(),
            updated: self.updated,
        }
    }
}

/// The file's contents, `None` when it does not exist yet. Anything but a
/// regular file under its name is refused unopened (a FIFO would block the
/// read for ever, `/dev/null` would read as an empty file); an empty or
/// all-blank regular file is an empty tracker.
pub(crate) fn read(path: &Path) -> Result<Option<TrackerFile>, TrackError> {
    let unreadable = |reason: String| TrackError::Unreadable {
        path: display_path(path),
        reason,
    };
    let file = match regular_file::open(path) {
        Ok(Some(f)) => f,
        Ok(None) => return Ok(None),
        Err(OpenError::NotRegular { kind }) => {
            return Err(TrackError::NotRegular {
                path: display_path(path),
                kind,
            });
        }
        Err(OpenError::Io(e)) => return Err(unreadable(io_reason(&e))),
    };
    let bytes = regular_file::read_capped(file, MAX_TRACKER_BYTES)
        .map_err(|e| unreadable(io_reason(&e)))?;
    if !fits(&bytes) {
        return Err(unreadable(format!(
            "too large for a tracker file (over {MAX_TRACKER_MIB} MiB)"
        )));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Some(TrackerFile::default()));
    }
    parse(&bytes, path).map(Some)
}

/// Whether `bytes` can be saved: a file over the read limit could never be
/// read back, and tracking would be read-only from then on.
pub(crate) fn fits(bytes: &[u8]) -> bool {
    bytes.len() as u64 <= MAX_TRACKER_BYTES
}

/// The read limit, in MiB, for messages.
pub(crate) const MAX_TRACKER_MIB: u64 = MAX_TRACKER_BYTES / (1024 * 1024);

/// Parse a tracker file; any problem is a `Corrupt` error with the line and
/// column where it was found when there is one.
pub(crate) fn parse(bytes: &[u8], path: &Path) -> Result<TrackerFile, TrackError> {
    let corrupt = |position: Option<(usize, usize)>, reason: String| TrackError::Corrupt {
        path: display_path(path),
        position,
        reason,
    };
    // Syntax first, then the version, and only then the shape: a file from a
    // newer deltascope should say so, not complain about a field it added.
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| corrupt(position(&e), json_reason(&e)))?;
    match value.get("version") {
        None if value.is_object() => {
            return Err(corrupt(None, "has no \"version\" field".into()));
        }
        None => return Err(corrupt(None, "is not a JSON object".into())),
        Some(v) => match v.as_u64() {
            Some(1) => {}
            Some(n) if n > u64::from(VERSION) => {
                return Err(TrackError::Newer {
                    path: display_path(path),
                    version: n,
                });
            }
            _ => {
                let v = escape_controls(&v.to_string()).into_owned();
                return Err(corrupt(None, format!("has an unknown format version {v}")));
            }
        },
    }
    let mut file: TrackerFile =
        serde_json::from_slice(bytes).map_err(|e| corrupt(position(&e), json_reason(&e)))?;
    for (key, doc) in &mut file.documents {
        for entry in &mut doc.commitments {
            entry.key = normalise(&entry.text);
            entry.occurrence = entry.occurrence.max(1);
        }
        merge_duplicates(key, doc).map_err(|reason| corrupt(None, reason))?;
        sort_entries(&mut doc.commitments);
    }
    Ok(file)
}

/// Entries in the order a save writes them (by key, then occurrence, then
/// time), so a file read shows its orphans in the order it will hold them
/// after the next save: a save never reorders what a reader lists.
pub(crate) fn sort_entries(entries: &mut [Entry]) {
    entries
        .sort_by(|a, b| (&a.key, a.occurrence, a.updated).cmp(&(&b.key, b.occurrence, b.updated)));
}

/// Entries of one commitment (one identity) that appear more than once, as
/// a merge of two branches can leave them: copies with the same tracking are
/// one entry; copies that differ cannot be merged without dropping one, so
/// the file is corrupt and says which commitment to settle by hand.
fn merge_duplicates(key: &str, doc: &mut FileDocument) -> Result<(), String> {
    let mut first: HashMap<Identity, usize> = HashMap::new();
    let mut keep = vec![true; doc.commitments.len()];
    for (i, entry) in doc.commitments.iter().enumerate() {
        let Some(&j) = first.get(&entry.identity()) else {
            first.insert(entry.identity(), i);
            continue;
        };
        if entry.record() != doc.commitments[j].record() {
            let occurrence = match entry.occurrence {
                1 => String::new(),
                n => format!(" (occurrence {n})"),
            };
            return Err(format!(
                "has two different entries for the commitment \"{}\"{occurrence} of document \"{}\" (a merge?); keep one of them",
                escape_controls(&entry.text),
                escape_controls(key)
            ));
        }
        keep[i] = false;
    }
    let mut keep = keep.into_iter();
    doc.commitments.retain(|_| keep.next().unwrap_or(true));
    Ok(())
}

/// The `documents` object, read so that a key given twice (two branches that
/// each tracked the document, merged) is never silently cut to its last
/// block: the blocks' entries are put together (`merge_duplicates` then
/// settles entries of one commitment), and two different titles are an error
/// at the second block.
fn documents<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, FileDocument>, D::Error> {
    struct Documents;
    impl<'de> Visitor<'de> for Documents {
        type Value = BTreeMap<String, FileDocument>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object of documents by key")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out: BTreeMap<String, FileDocument> = BTreeMap::new();
            while let Some(key) = map.next_key::<String>()? {
                let doc: FileDocument = map.next_value()?;
                let Some(earlier) = out.get_mut(&key) else {
                    out.insert(key, doc);
                    continue;
                };
                let (a, b) = (earlier.title.trim(), doc.title.trim());
                if !a.is_empty() && !b.is_empty() && a != b {
                    return Err(de::Error::custom(format!(
                        "document \"{}\" appears twice with different titles (a merge?); keep one block",
                        escape_controls(&key)
                    )));
                }
                if a.is_empty() {
                    earlier.title = doc.title;
                }
                earlier.commitments.extend(doc.commitments);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(Documents)
}

fn position(e: &serde_json::Error) -> Option<(usize, usize)> {
    (e.line() > 0).then(|| (e.line(), e.column()))
}

/// serde_json's message without its ` at line L column C` tail (the position
/// is reported separately), in words a person editing the file can act on.
fn json_reason(e: &serde_json::Error) -> String {
    if e.classify() == serde_json::error::Category::Eof {
        return if e.line() == 1 && e.column() == 0 {
            "the file is empty".into()
        } else {
            "the file ends too early (cut off?)".into()
        };
    }
    let text = e.to_string();
    let text = match text.rfind(" at line ") {
        Some(i) => &text[..i],
        None => &text,
    };
    // serde quotes the file's own strings ("unknown variant `…`"): they may
    // hold escape sequences, which must not reach a terminal.
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    escape_controls(&text).into_owned()
}

/// Pretty JSON with a final newline. Documents are keyed in a sorted map and
/// entries are kept sorted by key, so the same state is always the same bytes.
pub(crate) fn to_bytes(file: &TrackerFile) -> Vec<u8> {
    // Serializing plain structs and maps of strings cannot fail.
    let mut bytes = serde_json::to_vec_pretty(file).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Replace `path` with `bytes` so that a crash at any moment leaves either
/// the old file or the new one: write a temporary file in the same folder,
/// fsync it, rename it over `path`, fsync the folder. The new file keeps the
/// old one's permissions and, where allowed, its owner and group.
///
/// The temporary file has a random name and is created exclusively, never
/// through a link: in a shared folder someone may have planted a link under
/// any fixed name, and writing through it would overwrite whatever it points
/// to. Only the lock holder writes, so temporary files of this tracker that
/// are already there were left by a killed process and are removed.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    remove_stale_temporaries(path);
    let (tmp, mut f) = create_temporary(path)?;
    let written = (|| {
        keep_ownership(path, &f);
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        // Best effort: the temporary file is ours and useless now.
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    sync_folder(path)
}

/// The start of the name of every temporary file of `path`.
fn temporary_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(|| "tracker".into(), |n| n.to_string_lossy());
    format!(".{name}.tmp-")
}

/// A new, empty temporary file beside `path`: `.NAME.tmp-RANDOM`.
fn create_temporary(path: &Path) -> io::Result<(PathBuf, File)> {
    let prefix = temporary_prefix(path);
    let mut tries = 0;
    loop {
        let tmp = folder_of(path).join(format!("{prefix}{:016x}", random()));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            // Private until `keep_ownership` gives it the old file's mode; a
            // first save gets the usual mode for new files (0666 less umask).
            let mode = if path.exists() { 0o600 } else { 0o666 };
            options.mode(mode).custom_flags(libc::O_NOFOLLOW);
        }
        match options.open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries < 8 => tries += 1,
            Err(e) => return Err(e),
        }
    }
}

/// 64 random bits, from the random keys the standard library seeds its hash
/// maps with (enough to make a name nobody can guess in advance; a crate for
/// it would be one more dependency for one call).
fn random() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.write_u32(std::process::id());
    h.finish()
}

fn remove_stale_temporaries(path: &Path) {
    let prefix = temporary_prefix(path);
    let Ok(entries) = fs::read_dir(folder_of(path)) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            // Unlinking never follows a link; failing (not ours) is harmless.
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Give the new file `f` the permissions of the file it replaces (a 0600
/// tracker stays private), and its owner and group where this user may
/// (the group usually, the owner only as root).
fn keep_ownership(path: &Path, f: &File) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt, fchown};
        // A new tracker (no old file) was created with the usual mode already.
        if let Ok(old) = fs::metadata(path) {
            // Refused (EPERM) when the owner is someone else, or the group
            // one we are not in: then the file is simply ours.
            if fchown(f, Some(old.uid()), Some(old.gid())).is_err() {
                let _ = fchown(f, None, Some(old.gid()));
            }
            // After chown, which may clear set-id bits.
            let _ = f.set_permissions(fs::Permissions::from_mode(old.mode() & 0o7777));
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (path, f);
    }
}

/// Make a rename in `path`'s folder durable.
fn sync_folder(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(folder_of(path))?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A hidden file beside `path`: `.NAME.suffix`.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "tracker".into(), |n| n.to_string_lossy());
    folder_of(path).join(format!(".{name}.{suffix}"))
}

/// An exclusive lock on the tracker, held until dropped. The lock is taken on
/// a hidden `.NAME.lock` file beside it, because the tracker itself is
/// replaced by rename on every save and a lock on the old file would guard
/// nothing.
pub(crate) struct Lock {
    file: File,
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Closing the file releases the lock anyway; unlocking first just
        // makes the release immediate and explicit.
        let _ = self.file.unlock();
    }
}

/// The lock file is refused if anything but a regular file has its name: it
/// is opened without following a link (a planted one would create or lock
/// any file the user can write) and without blocking (a FIFO).
pub(crate) fn lock(path: &Path) -> Result<Lock, TrackError> {
    let lock_path = sibling(path, "lock");
    // A lock that cannot be taken is a failed save (the change is kept and
    // retried), not a bad tracker: the tracker itself may be fine.
    let refused = |e: OpenError| match e {
        OpenError::NotRegular { kind } => TrackError::Write {
            path: display_path(&lock_path),
            reason: format!("the lock file is not a regular file ({kind}); nothing was written"),
        },
        OpenError::Io(e) => TrackError::Write {
            path: display_path(&lock_path),
            reason: io_reason(&e),
        },
    };
    regular_file::check_not_special(&lock_path).map_err(refused)?;
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options
        .open(&lock_path)
        .map_err(|e| refused(OpenError::Io(e)))?;
    let meta = file.metadata().map_err(|e| refused(OpenError::Io(e)))?;
    if !meta.is_file() {
        return Err(refused(OpenError::NotRegular {
            kind: regular_file::kind_of(&meta),
        }));
    }
    let deadline = Instant::now() + LOCK_TIMEOUT;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Lock { file }),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                thread::sleep(Duration::from_millis(2));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(TrackError::Busy {
                    path: display_path(path),
                });
            }
            Err(TryLockError::Error(e)) => {
                return Err(TrackError::Write {
                    path: display_path(&lock_path),
                    reason: format!("cannot lock: {}", io_reason(&e)),
                });
            }
        }
    }
}

/// Rename a bad tracker file to `NAME.corrupt-YYYYMMDDTHHMMSS` (with `-2`,
/// `-3`, … if that exists) beside it; returns the new path. Only a regular
/// file is ever renamed: a device or FIFO under the name is not ours to move.
pub(crate) fn move_aside(path: &Path, now: Timestamp) -> io::Result<PathBuf> {
    let meta = fs::symlink_metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::other(format!(
            "not a regular file ({})",
            regular_file::kind_of(&meta)
        )));
    }
    let name = path
        .file_name()
        .map_or_else(|| "tracker".into(), |n| n.to_string_lossy());
    let base = format!("{name}.corrupt-{}", now.compact());
    let folder = folder_of(path);
    let mut target = folder.join(&base);
    let mut n = 2;
    while fs::symlink_metadata(&target).is_ok() {
        target = folder.join(format!("{base}-{n}"));
        n += 1;
    }
    fs::rename(path, &target)?;
    sync_folder(path)?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corrupt_parts(err: TrackError) -> (Option<(usize, usize)>, String) {
        match err {
            TrackError::Corrupt {
                position, reason, ..
            } => (position, reason),
            other => panic!("not a corrupt-file error: {other:?}"),
        }
    }

    fn parse_err(text: &str) -> (Option<(usize, usize)>, String) {
        corrupt_parts(parse(text.as_bytes(), Path::new("t.json")).unwrap_err())
    }

    #[test]
    fn a_minimal_file_parses_with_defaults() {
        let file = parse(
            br#"{"version": 1, "documents": {"d": {"commitments": [{"text": "Build  PORTS", "status": "done"}]}}}"#,
            Path::new("t.json"),
        )
        .unwrap();
        let e = &file.documents["d"].commitments[0];
        assert_eq!(e.key, "build ports");
        assert_eq!(e.occurrence, 1);
        assert_eq!(e.status, Status::Done);
        assert!(e.note.is_empty() && e.evidence.is_empty() && e.updated.is_none());
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let (pos, reason) = parse_err("{\n  \"version\": 1,\n  \"documents\": {,}\n}");
        assert_eq!(pos, Some((3, 17)));
        assert!(reason.contains("key must be a string"), "{reason}");
        assert!(!reason.contains("at line"), "{reason}");

        let (pos, reason) = parse_err("{\"version\": 1, \"documents\": {\"d\": {\"comm");
        assert!(pos.is_some());
        assert_eq!(reason, "the file ends too early (cut off?)");
        assert_eq!(parse_err("").1, "the file is empty");
    }

    #[test]
    fn shape_errors_carry_line_and_column_too() {
        let text = "{\"version\": 1, \"documents\": {\"d\": {\"commitments\": [\n  {\"text\": \"x\", \"status\": \"finished\"}]}}}";
        let (pos, reason) = parse_err(text);
        assert_eq!(pos.map(|p| p.0), Some(2));
        assert!(reason.contains("finished"), "{reason}");
        // A typo in a field name is caught rather than silently dropped.
        let (_, reason) = parse_err(
            r#"{"version": 1, "documents": {"d": {"commitments": [{"text": "x", "stauts": "done"}]}}}"#,
        );
        assert!(reason.contains("stauts"), "{reason}");
        let (_, reason) = parse_err(
            r#"{"version": 1, "documents": {"d": {"commitments": [{"text": "x", "updated": "May 1"}]}}}"#,
        );
        assert!(reason.contains("not a time"), "{reason}");
    }

    #[test]
    fn versions_are_checked_before_the_shape() {
        let newer = parse(
            br#"{"version": 2, "documents": [1, 2, 3]}"#,
            Path::new("t.json"),
        );
        assert!(
            matches!(newer, Err(TrackError::Newer { version: 2, .. })),
            "{newer:?}"
        );
        assert!(
            parse_err(r#"{"documents": {}}"#)
                .1
                .contains("no \"version\"")
        );
        assert!(
            parse_err(r#"{"version": "one"}"#)
                .1
                .contains("unknown format version")
        );
        assert!(parse_err("[1]").1.contains("not a JSON object"));
    }

    #[test]
    fn bytes_are_stable_pretty_json_ending_in_newline() {
        let mut file = TrackerFile::default();
        file.documents.insert(
            "d".into(),
            FileDocument {
                title: "D".into(),
                commitments: vec![Entry {
                    text: "Build ports".into(),
                    key: "build ports".into(),
                    occurrence: 1,
                    status: Status::InProgress,
                    note: "n".into(),
                    evidence: vec![],
                    updated: Timestamp::parse("2024-05-01T09:30:00Z"),
                }],
            },
        );
        let text = String::from_utf8(to_bytes(&file)).unwrap();
        assert_eq!(
            text,
            r#"{
  "version": 1,
  "documents": {
    "d": {
      "title": "D",
      "commitments": [
        {
          "text": "Build ports",
          "key": "build ports",
          "status": "in-progress",
          "note": "n",
          "evidence": [],
          "updated": "2024-05-01T09:30:00Z"
        }
      ]
    }
  }
}
"#
        );
        assert_eq!(parse(text.as_bytes(), Path::new("t")).unwrap(), file);
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["t.json"]);
    }

    #[test]
    fn a_second_lock_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.json");
        let held = lock(&path).unwrap();
        let started = Instant::now();
        let waiter = thread::spawn(move || {
            let _second = lock(&path).unwrap();
            started.elapsed()
        });
        thread::sleep(Duration::from_millis(150));
        drop(held);
        let waited = waiter.join().unwrap();
        assert!(waited >= Duration::from_millis(140), "{waited:?}");
    }

    #[test]
    fn moving_aside_never_overwrites_an_earlier_copy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.json");
        let now = Timestamp::parse("2024-05-01T09:30:00Z").unwrap();
        fs::write(&path, "first").unwrap();
        let a = move_aside(&path, now).unwrap();
        fs::write(&path, "second").unwrap();
        let b = move_aside(&path, now).unwrap();
        assert_eq!(
            a.file_name().unwrap().to_string_lossy(),
            "t.json.corrupt-20240501T093000"
        );
        assert_eq!(
            b.file_name().unwrap().to_string_lossy(),
            "t.json.corrupt-20240501T093000-2"
        );
        assert_eq!(fs::read_to_string(a).unwrap(), "first");
        assert_eq!(fs::read_to_string(b).unwrap(), "second");
        assert!(!path.exists());
    }
}
