//! From paths on the command line to parsed documents: list the statement
//! files, read and validate each one, then parse it. Every problem becomes a
//! one-line `LoadError` naming the file, never a panic.

use crate::model::Document;
use crate::parse;
use crate::search::{Hit, HitKind, IndexPart, Prefilter, SearchIndex};
use crate::taxonomy::Taxonomy;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::fs::{self, File};
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// Statements are a few pages; anything far bigger is a wrong path, and the
/// cap also stops a read of `/dev/zero` or similar from running forever.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// File name extensions (compared without case) read from a folder.
pub const STATEMENT_EXTENSIONS: [&str; 2] = ["txt", "md"];

/// The longest one file's parse may take before the file is skipped with a
/// reason: six times what a legitimate 32 MiB statement takes on a slow
/// two-core machine (5 s), so it only ever stops text no rule foresaw.
pub const DEFAULT_PARSE_LIMIT: Duration = Duration::from_secs(30);

/// The environment variable that sets the parse limit, in seconds.
pub const PARSE_LIMIT_VAR: &str = "DELTASCOPE_PARSE_SECONDS";

/// The parse limit in force, in milliseconds; set once at start-up.
static PARSE_LIMIT_MS: AtomicU64 = AtomicU64::new(DEFAULT_PARSE_LIMIT.as_millis() as u64);

/// Use `limit` for every later parse of a file.
pub fn set_parse_limit(limit: Duration) {
    let ms = u64::try_from(limit.as_millis()).unwrap_or(u64::MAX);
    PARSE_LIMIT_MS.store(ms, Ordering::Relaxed);
}

/// The parse limit `DELTASCOPE_PARSE_SECONDS` asks for (`None` when unset),
/// or why its value is not one.
pub fn parse_limit_from_env() -> Result<Option<Duration>, String> {
    let Some(value) = std::env::var_os(PARSE_LIMIT_VAR) else {
        return Ok(None);
    };
    let text = value.to_string_lossy();
    match text.trim().parse::<f64>() {
        Ok(secs) if secs.is_finite() && secs >= 0.0 => Ok(Some(
            Duration::try_from_secs_f64(secs).unwrap_or(Duration::MAX),
        )),
        _ => Err(format!(
            "{PARSE_LIMIT_VAR}: expected a number of seconds, got `{}`",
            crate::text::escape_controls(&text)
        )),
    }
}

/// A fresh budget for one file's parse.
fn parse_budget() -> parse::Budget {
    parse::Budget::starting_now(Duration::from_millis(
        PARSE_LIMIT_MS.load(Ordering::Relaxed),
    ))
}

/// `cleaned` (text through `parse::clean`) parsed within `budget`, started
/// before the cleaning; over it, an error for `path`.
fn parse_within(
    cleaned: &str,
    path: &Path,
    taxonomy: &Taxonomy,
    budget: &parse::Budget,
) -> Result<Document, LoadError> {
    let shown = path.to_string_lossy();
    parse::parse_cleaned_within(cleaned, Some(&shown), taxonomy, budget).map_err(|over| {
        LoadError::new(
            path,
            format!("{over} ({PARSE_LIMIT_VAR}); please report the file"),
        )
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The path as given, made safe to print (control characters escaped).
    pub path: String,
    /// What is wrong, one line.
    pub message: String,
}

impl LoadError {
    pub fn new(path: &Path, message: impl Into<String>) -> LoadError {
        LoadError {
            path: display_path(path),
            message: message.into(),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for LoadError {}

/// A path for messages: lossy UTF-8 with control characters escaped, because a
/// file name is as untrusted as file content and must not drive the terminal.
pub fn display_path(path: &Path) -> String {
    crate::text::escape_controls(&path.to_string_lossy()).into_owned()
}

/// Load what the command line names: no paths means the embedded statement.
/// Bad paths are reported and skipped, so one broken file does not hide the
/// rest; errors come in command-line order.
pub fn load_paths(paths: &[PathBuf], taxonomy: &Taxonomy) -> (Vec<Document>, Vec<LoadError>) {
    if paths.is_empty() {
        return (vec![parse::embedded(taxonomy)], Vec::new());
    }
    // Files are read and parsed on all cores; results keep the listed order.
    let results: Vec<Result<Document, LoadError>> = list_statements(paths)
        .into_par_iter()
        .map(|listed| listed.and_then(|file| load_file(&file, taxonomy)))
        .collect();
    let mut docs = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(doc) => docs.push(doc),
            Err(e) => errors.push(e),
        }
    }
    (docs, errors)
}

/// `spawn_loader`'s threads are named with this prefix, so a panic hook can
/// tell a parser failure (caught, and reported as a skipped file) from a
/// crash.
pub const PARSE_THREAD_PREFIX: &str = "deltascope-parse";

/// One statement file's outcome, as `spawn_loader` delivers it.
pub type Loaded = Result<Document, LoadError>;

/// Threads for background parsing: one per core.
pub fn default_threads() -> usize {
    thread::available_parallelism().map_or(2, |n| n.get())
}

/// Read and parse `files` on `threads` background threads, handing each
/// outcome to `deliver` in listed order as soon as it and every file before
/// it are done. Returns at once; the returned thread ends after the last
/// delivery. `deliver` returning `false` stops the loading early (its reader
/// has gone away).
///
/// Workers take the next file from a shared counter rather than from rayon's
/// split ranges, so files finish roughly in listed order and the in-order
/// hand-over holds back only a few at a time: the first document is ready
/// after one parse, not after half the folder.
pub fn spawn_loader<F>(
    files: Vec<PathBuf>,
    taxonomy: Taxonomy,
    threads: usize,
    mut deliver: F,
) -> io::Result<JoinHandle<()>>
where
    F: FnMut(Loaded) -> bool + Send + 'static,
{
    thread::Builder::new()
        .name(format!("{PARSE_THREAD_PREFIX}-order"))
        .spawn(move || {
            let next = AtomicUsize::new(0);
            let stop = AtomicBool::new(false);
            let (tx, rx) = mpsc::channel::<(usize, Loaded)>();
            let work = |tx: mpsc::Sender<(usize, Loaded)>| {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = files.get(i) else { break };
                    if tx.send((i, load_file_guarded(file, &taxonomy))).is_err() {
                        break;
                    }
                }
            };
            thread::scope(|scope| {
                let mut started = 0;
                for n in 0..threads.max(1) {
                    let tx = tx.clone();
                    let spawned = thread::Builder::new()
                        .name(format!("{PARSE_THREAD_PREFIX}-{n}"))
                        .spawn_scoped(scope, || work(tx));
                    started += usize::from(spawned.is_ok());
                }
                if started == 0 {
                    // No thread to be had: parse here, one file at a time.
                    work(tx.clone());
                }
                drop(tx);
                // Early finishers wait here for the files listed before them.
                let mut early: BTreeMap<usize, Loaded> = BTreeMap::new();
                let mut turn = 0;
                for (i, loaded) in &rx {
                    early.insert(i, loaded);
                    while let Some(loaded) = early.remove(&turn) {
                        turn += 1;
                        if !deliver(loaded) {
                            stop.store(true, Ordering::Relaxed);
                            return;
                        }
                    }
                }
            });
        })
}

/// Expand paths into the statement files to read, in command-line order.
/// A folder contributes its own `.txt` and `.md` files sorted by name; it is
/// not searched recursively and hidden files are skipped, so pointing at a
/// folder reads exactly the statements `ls` shows there. A file named
/// explicitly is read whatever its extension. A file reached twice is read once.
pub fn statement_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<LoadError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for listed in list_statements(paths) {
        match listed {
            Ok(file) => files.push(file),
            Err(e) => errors.push(e),
        }
    }
    (files, errors)
}

/// `statement_files` with files and errors interleaved as the paths came.
fn list_statements(paths: &[PathBuf]) -> Vec<Result<PathBuf, LoadError>> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut add = |file: PathBuf, out: &mut Vec<Result<PathBuf, LoadError>>| {
        let key = fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
        if seen.insert(key) {
            out.push(Ok(file));
        }
    };
    for path in paths {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                out.push(Err(LoadError::new(path, io_message(&e))));
                continue;
            }
        };
        if !meta.is_dir() {
            add(path.clone(), &mut out);
            continue;
        }
        match folder_statements(path) {
            Ok(found) if found.is_empty() => out.push(Err(LoadError::new(
                path,
                "folder has no .txt or .md statements (subfolders are not read)",
            ))),
            Ok(found) => {
                for file in found {
                    add(file, &mut out);
                }
            }
            Err(e) => out.push(Err(LoadError::new(
                path,
                format!("cannot list folder: {}", io_message(&e)),
            ))),
        }
    }
    out
}

fn folder_statements(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || !has_statement_extension(&name) {
            continue;
        }
        let path = entry.path();
        // Follow symlinks: a link to a statement is a statement.
        if fs::metadata(&path).is_ok_and(|m| m.is_file()) {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

fn has_statement_extension(name: &str) -> bool {
    Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| STATEMENT_EXTENSIONS.contains(&e.as_str()))
}

/// `load_file`, with a parser bug on one file becoming that file's error
/// instead of the end of the whole load.
fn load_file_guarded(path: &Path, taxonomy: &Taxonomy) -> Loaded {
    guarded(path, || load_file(path, taxonomy))
}

/// Run `load`, turning a panic into a `LoadError` for `path`.
fn guarded(path: &Path, load: impl FnOnce() -> Loaded) -> Loaded {
    panic::catch_unwind(AssertUnwindSafe(load)).unwrap_or_else(|cause| {
        let what = cause
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| cause.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".into());
        Err(LoadError::new(
            path,
            format!(
                "the parser failed on this file, please report it: {}",
                one_line(&what)
            ),
        ))
    })
}

/// Read, validate and parse one statement file.
pub fn load_file(path: &Path, taxonomy: &Taxonomy) -> Result<Document, LoadError> {
    let text = read_text(path)?;
    let budget = parse_budget();
    parse_within(&parse::clean(&text), path, taxonomy, &budget)
}

/// The theme taxonomy: the embedded one, or the user's `--themes FILE`.
pub fn load_taxonomy(path: Option<&Path>) -> Result<Taxonomy, LoadError> {
    let Some(path) = path else {
        return Ok(Taxonomy::embedded());
    };
    // A built-in name wins over a file of that name in the working folder,
    // which `./cap` still reaches.
    if let Some(t) = path.to_str().and_then(Taxonomy::built_in) {
        return Ok(t);
    }
    // A theme file is never a FIFO or a device: refused unopened, so start-up
    // cannot block on one or read a device as an empty taxonomy.
    let file = match crate::regular_file::open(path) {
        Ok(Some(f)) => f,
        Ok(None) => return Err(LoadError::new(path, "no such file or folder")),
        Err(e) => return Err(LoadError::new(path, e.to_string())),
    };
    let bytes = read_within_cap(file, "a theme file").map_err(|m| LoadError::new(path, m))?;
    let text = check_text(bytes, &display_path(path)).map_err(|m| LoadError::new(path, m))?;
    Taxonomy::from_json(&text).map_err(|e| LoadError::new(path, one_line(&e)))
}

/// A file's contents as text, or why it cannot be a statement.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let bytes = read_capped(path).map_err(|message| LoadError::new(path, message))?;
    let shown = display_path(path);
    check_text(bytes, &shown).map_err(|message| LoadError {
        path: shown,
        message,
    })
}

fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    let file = File::open(path).map_err(|e| io_message(&e))?;
    let meta = file.metadata().map_err(|e| io_message(&e))?;
    if meta.is_dir() {
        return Err("is a folder, not a file".into());
    }
    read_within_cap(file, "a statement")
}

/// All of `file` if it is at most `MAX_FILE_BYTES`, else why not; `what`
/// names the kind of file for the message.
fn read_within_cap(file: File, what: &str) -> Result<Vec<u8>, String> {
    let bytes =
        crate::regular_file::read_capped(file, MAX_FILE_BYTES).map_err(|e| io_message(&e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "too large for {what} (over {} MiB)",
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    Ok(bytes)
}

/// Decide whether bytes are a text statement. `shown` is the path as it
/// appears in messages, used to spell out the conversion command.
pub fn check_text(bytes: Vec<u8>, shown: &str) -> Result<String, String> {
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(format!(
            "UTF-16 text, not UTF-8; convert it with: {}",
            iconv_command("UTF-16", shown)
        ));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(format!(
            "binary file, not text (NUL byte at byte offset {at})"
        ));
    }
    if looks_binary(&bytes) {
        return Err("binary file, not text (mostly control bytes)".into());
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            if is_encoded_surrogate(&bytes[at..]) {
                return Err(format!(
                    "not valid UTF-8: a UTF-16 surrogate written as UTF-8 (bytes 0x{:02X} 0x{:02X} at byte offset {at}, CESU-8 or WTF-8, as some Java and JavaScript tools write); save it again as plain UTF-8 from the program that made it",
                    bytes[at],
                    bytes[at + 1]
                ));
            }
            let encoding = guess_legacy_encoding(bytes);
            return Err(format!(
                "not UTF-8 (invalid byte 0x{:02X} at byte offset {at}); it looks like {encoding}, convert it with: {}",
                bytes[at],
                iconv_command(encoding, shown)
            ));
        }
    };
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err("the file is empty (only whitespace)".into());
    }
    Ok(text)
}

/// `ED A0..BF xx` opens a surrogate (U+D800..U+DFFF) encoded as if it were
/// a character: UTF-8 in every other way, so no legacy encoding is the cause.
fn is_encoded_surrogate(rest: &[u8]) -> bool {
    matches!(rest, [0xED, 0xA0..=0xBF, 0x80..=0xBF, ..])
}

/// Control bytes other than tab, newline, form feed and carriage return are
/// rare in any text encoding; when they are more than a tenth of the file it
/// is not a statement.
fn looks_binary(bytes: &[u8]) -> bool {
    let control = bytes
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F)
        .count();
    control * 10 > bytes.len()
}

/// A best guess at the encoding of text that is not UTF-8, for the hint in the
/// error. In GB18030/GBK Chinese text the non-ASCII bytes come in runs of two
/// or more; in Western single-byte encodings an accented letter usually stands
/// alone between ASCII letters.
pub fn guess_legacy_encoding(bytes: &[u8]) -> &'static str {
    let (mut runs, mut lone) = (0usize, 0usize);
    for run in bytes.split(|b| b.is_ascii()).filter(|r| !r.is_empty()) {
        if std::str::from_utf8(run).is_ok() {
            continue;
        }
        if run.len() >= 2 {
            runs += 1;
        } else {
            lone += 1;
        }
    }
    if runs >= lone {
        "GB18030"
    } else {
        "WINDOWS-1252"
    }
}

fn iconv_command(encoding: &str, shown: &str) -> String {
    let file = shell_quote(shown);
    let out = shell_quote(&format!("{shown}.utf8"));
    format!("iconv -f {encoding} -t UTF-8 {file} > {out}")
}

fn shell_quote(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || "._-/+,:@%=".contains(c));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// The OS's words for an I/O error, without the `(os error N)` suffix.
fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::NotADirectory => {
            "no such file or folder (a part of the path is a file, not a folder)".into()
        }
        io::ErrorKind::IsADirectory => "is a folder, not a file".into(),
        _ => {
            let text = e.to_string();
            let text = match text.find(" (os error") {
                Some(i) => &text[..i],
                None => &text,
            };
            one_line(&text.to_lowercase())
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Files read, parsed and indexed together by `search_paths`: enough text
/// for a part to index efficiently, few enough that the documents in flight
/// stay small (32 keeps a search that every statement matches under 5 times
/// the corpus in memory; 64 did not).
const SEARCH_PART_FILES: usize = 32;

/// What a one-shot search over files found: the hits, best first, with
/// `Hit::document` an index into `docs`, which holds just the documents that
/// have hits; and the files that could not be read.
pub struct FoundHits {
    pub docs: Vec<Document>,
    pub hits: Vec<Hit>,
    pub errors: Vec<LoadError>,
    /// Whether any statement could be read at all.
    pub read_any: bool,
}

/// Search statement files without holding them all: files are read on all
/// cores in parts, a statement whose text cannot hold a hit is skipped before
/// parsing (`Prefilter`), the rest are parsed, indexed and dropped, and the
/// one index answers. Only the documents with hits are parsed again, for
/// their details. The hits are the same as `SearchIndex::new` over every
/// document would give (see the test of that). No path: the embedded statement.
pub fn search_paths(
    paths: &[PathBuf],
    taxonomy: &Taxonomy,
    query: &str,
    limit: usize,
) -> FoundHits {
    if paths.is_empty() {
        let doc = parse::embedded(taxonomy);
        let hits = SearchIndex::new(std::slice::from_ref(&doc)).search(query, limit);
        return FoundHits {
            docs: vec![doc],
            hits,
            errors: Vec::new(),
            read_any: true,
        };
    }
    let (files, mut errors) = statement_files(paths);
    let filter = Prefilter::new(query, taxonomy.themes.iter().map(|t| t.name.as_str()));
    struct Part {
        index: IndexPart,
        /// The file of each document indexed, in document order.
        files: Vec<usize>,
        errors: Vec<LoadError>,
        /// Files read and usable (parsed, or certain to have no hit).
        read: usize,
    }
    let parts: Vec<Part> = files
        .par_chunks(SEARCH_PART_FILES)
        .enumerate()
        .map(|(k, chunk)| {
            let mut docs = Vec::new();
            let mut part = Part {
                index: IndexPart::new(&[], 0),
                files: Vec::new(),
                errors: Vec::new(),
                read: 0,
            };
            for (i, file) in chunk.iter().enumerate() {
                match read_text(file) {
                    Ok(text) => {
                        let budget = parse_budget();
                        let cleaned = parse::clean(&text);
                        if !filter.may_match(&cleaned) {
                            // Read, and certain to have no hit.
                            part.read += 1;
                        } else {
                            match parse_within(&cleaned, file, taxonomy, &budget) {
                                Ok(doc) => {
                                    part.read += 1;
                                    docs.push(doc);
                                    part.files.push(k * SEARCH_PART_FILES + i);
                                }
                                Err(e) => part.errors.push(e),
                            }
                        }
                    }
                    Err(e) => part.errors.push(e),
                }
            }
            // Documents are numbered from the part's first file, so parts
            // never overlap whatever each one skipped.
            part.index = IndexPart::new(&docs, k * SEARCH_PART_FILES);
            part
        })
        .collect();
    let mut read_any = false;
    let mut indexed_files: Vec<Vec<usize>> = Vec::with_capacity(parts.len());
    let mut index_parts = Vec::with_capacity(parts.len());
    for part in parts {
        read_any |= part.read > 0;
        errors.extend(part.errors);
        indexed_files.push(part.files);
        index_parts.push(part.index);
    }
    let mut hits = SearchIndex::from_parts(index_parts).search(query, limit);
    // Parse again only the documents that have hits, renumbered in hit order.
    let mut docs: Vec<Document> = Vec::new();
    let mut renumber: Vec<(usize, usize)> = Vec::new();
    hits.retain_mut(|hit| {
        let file = indexed_files
            .get(hit.document / SEARCH_PART_FILES)
            .and_then(|f| f.get(hit.document % SEARCH_PART_FILES))
            .and_then(|&f| files.get(f));
        let Some(file) = file else { return false };
        if let Some(&(_, at)) = renumber.iter().find(|(d, _)| *d == hit.document) {
            hit.document = at;
            return true;
        }
        // The file was read a moment ago; should it have changed or gone
        // since, its hits are dropped rather than shown against other text.
        match load_file(file, taxonomy) {
            Ok(doc) if unit_text(&doc, hit) == Some(hit.text.as_str()) => {
                renumber.push((hit.document, docs.len()));
                hit.document = docs.len();
                docs.push(doc);
                true
            }
            _ => false,
        }
    });
    FoundHits {
        docs,
        hits,
        errors,
        read_any,
    }
}

/// The text of the unit a hit names in a document, if the document has it.
fn unit_text<'d>(doc: &'d Document, hit: &Hit) -> Option<&'d str> {
    match hit.kind {
        HitKind::Commitment => doc.commitment(hit.id).map(|c| c.text.as_str()),
        HitKind::Sentence => {
            let p = doc.paragraph(hit.id)?;
            let s = p.sentences.get(hit.sentence?)?;
            p.text.get(s.start..s.end)
        }
        HitKind::Theme => doc
            .themes
            .get(hit.id.checked_sub(1)?)
            .map(|t| t.name.as_str()),
        HitKind::Entity => doc
            .entities
            .get(hit.id.checked_sub(1)?)
            .map(|e| e.name.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        let mut f = File::create(&path).unwrap();
        f.write_all(bytes).unwrap();
        path
    }

    #[test]
    fn plain_utf8_text_passes() {
        let text = check_text("Jiangsu will build.\n".as_bytes().to_vec(), "a.txt").unwrap();
        assert_eq!(text, "Jiangsu will build.\n");
    }

    #[test]
    fn empty_and_blank_files_are_rejected() {
        assert_eq!(
            check_text(Vec::new(), "a").unwrap_err(),
            "the file is empty"
        );
        let err = check_text(b" \n\t\r\n".to_vec(), "a").unwrap_err();
        assert!(err.contains("only whitespace"), "{err}");
        let err = check_text("\u{feff}\n".as_bytes().to_vec(), "a").unwrap_err();
        assert!(err.contains("only whitespace"), "{err}");
    }

    #[test]
    fn nul_bytes_mean_binary_with_offset() {
        let err = check_text(b"abc\0def".to_vec(), "a").unwrap_err();
        assert!(err.starts_with("binary file"), "{err}");
        assert!(err.contains("offset 3"), "{err}");
    }

    #[test]
    fn control_heavy_bytes_mean_binary() {
        let bytes: Vec<u8> = (1u8..=40).cycle().take(400).collect();
        let err = check_text(bytes, "a").unwrap_err();
        assert!(err.contains("control bytes"), "{err}");
        // A few stray controls in long text are the parser's to strip, not binary.
        let mut text = "word ".repeat(100).into_bytes();
        text.extend_from_slice(b"\x1b[31m");
        assert!(check_text(text, "a").is_ok());
    }

    #[test]
    fn utf16_is_named_as_such() {
        let err = check_text(vec![0xFF, 0xFE, b'a', 0], "f.txt").unwrap_err();
        assert!(
            err.contains("UTF-16") && err.contains("iconv -f UTF-16"),
            "{err}"
        );
    }

    #[test]
    fn non_utf8_reports_offset_and_conversion() {
        // "长三角" in GB18030 after 6 ASCII bytes.
        let mut bytes = b"Intro ".to_vec();
        bytes.extend_from_slice(&[0xB3, 0xA4, 0xC8, 0xFD, 0xBD, 0xC7]);
        let err = check_text(bytes, "my file.txt").unwrap_err();
        assert!(err.contains("byte offset 6"), "{err}");
        assert!(err.contains("0xB3"), "{err}");
        assert!(
            err.contains("iconv -f GB18030 -t UTF-8 'my file.txt' > 'my file.txt.utf8'"),
            "{err}"
        );
        assert!(!err.contains('\n'));
    }

    #[test]
    fn surrogates_in_utf8_are_named_not_taken_for_gb18030() {
        // "Port 😀" as CESU-8: the emoji's two surrogates, three bytes each.
        let mut bytes = "Port ".as_bytes().to_vec();
        bytes.extend_from_slice(&[0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80, b'.']);
        let err = check_text(bytes, "emoji.txt").unwrap_err();
        assert!(err.contains("surrogate"), "{err}");
        assert!(err.contains("byte offset 5"), "{err}");
        assert!(!err.contains("GB18030"), "{err}");
        // A lone ED that opens no surrogate is still a legacy-encoding guess.
        let err = check_text(b"caf\xed au lait".to_vec(), "f.txt").unwrap_err();
        assert!(!err.contains("surrogate"), "{err}");
    }

    #[test]
    fn latin1_is_guessed_as_western() {
        assert_eq!(
            guess_legacy_encoding(b"caf\xe9 cr\xe8me na\xefve"),
            "WINDOWS-1252"
        );
        assert_eq!(
            guess_legacy_encoding(&[0xD6, 0xD0, 0xB9, 0xFA, b' ', 0xC8, 0xCB]),
            "GB18030"
        );
        // Valid UTF-8 runs (the quotes) do not count towards either side.
        let mut mixed = "’’’".as_bytes().to_vec();
        mixed.extend_from_slice(b" caf\xe9");
        assert_eq!(guess_legacy_encoding(&mixed), "WINDOWS-1252");
    }

    #[test]
    fn shell_quoting() {
        assert_eq!(shell_quote("dir/a-b_c.txt"), "dir/a-b_c.txt");
        assert_eq!(shell_quote("it's.txt"), r"'it'\''s.txt'");
    }

    #[test]
    fn control_characters_in_paths_are_escaped() {
        let shown = display_path(Path::new("evil\x1b[2J.txt"));
        assert!(!shown.contains('\x1b'));
        assert!(shown.contains("\\u{1b}"), "{shown}");
    }

    #[test]
    fn folders_list_their_statements_sorted_and_flat() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "b.md", b"B will act.");
        write(dir.path(), "a.TXT", b"A will act.");
        write(dir.path(), "notes.pdf", b"%PDF");
        write(dir.path(), ".hidden.txt", b"hidden");
        fs::create_dir(dir.path().join("sub")).unwrap();
        write(&dir.path().join("sub"), "c.txt", b"C will act.");
        fs::create_dir(dir.path().join("folder.txt")).unwrap();

        let (files, errors) = statement_files(&[dir.path().to_path_buf()]);
        assert!(errors.is_empty(), "{errors:?}");
        let names: Vec<_> = files
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.TXT", "b.md"]);
    }

    #[test]
    fn a_file_named_twice_is_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let a = write(dir.path(), "a.txt", b"A will act.");
        let (files, errors) = statement_files(&[dir.path().to_path_buf(), a.clone()]);
        assert!(errors.is_empty());
        assert_eq!(files.len(), 1);
    }

    #[test]
    fn path_errors_name_the_path_and_keep_going() {
        let dir = tempfile::tempdir().unwrap();
        let good = write(dir.path(), "good.txt", b"Anhui will act.");
        let empty_dir = dir.path().join("empty");
        fs::create_dir(&empty_dir).unwrap();
        let missing = dir.path().join("missing.txt");
        let through_file = good.join("x");

        let (files, errors) = statement_files(&[
            missing.clone(),
            good.clone(),
            empty_dir.clone(),
            through_file,
        ]);
        assert_eq!(files, [good]);
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].starts_with(&display_path(&missing)));
        assert!(messages[0].ends_with("no such file or folder"));
        assert!(messages[1].contains("no .txt or .md statements"));
        assert!(
            messages[2].contains("a part of the path is a file"),
            "{}",
            messages[2]
        );
    }

    #[test]
    fn load_errors_keep_command_line_order() {
        let dir = tempfile::tempdir().unwrap();
        let empty = write(dir.path(), "empty.txt", b"");
        let good = write(dir.path(), "good.txt", b"Anhui will act.");
        let missing = dir.path().join("missing.txt");
        let (docs, errors) = load_paths(
            &[empty.clone(), good, missing.clone()],
            &Taxonomy::embedded(),
        );
        assert_eq!(docs.len(), 1);
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, [display_path(&empty), display_path(&missing)]);
    }

    fn collect_loaded(files: Vec<PathBuf>, threads: usize) -> Vec<Loaded> {
        let (tx, rx) = mpsc::channel();
        let handle = spawn_loader(files, Taxonomy::embedded(), threads, move |l| {
            tx.send(l).is_ok()
        })
        .unwrap();
        let got: Vec<Loaded> = rx.iter().collect();
        handle.join().unwrap();
        got
    }

    #[test]
    fn the_loader_delivers_in_listed_order_with_bad_files_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        for i in 0..40 {
            // Sizes vary so the threads finish out of order.
            let body = "Anhui will build ports. ".repeat(1 + (i * 37) % 200);
            let bytes = if i % 9 == 4 {
                Vec::new()
            } else {
                format!("Statement {i}\n\n{body}\n").into_bytes()
            };
            files.push(write(dir.path(), &format!("s{i:02}.txt"), &bytes));
        }
        for threads in [1, 3] {
            let got = collect_loaded(files.clone(), threads);
            assert_eq!(got.len(), files.len());
            for (i, (loaded, file)) in got.iter().zip(&files).enumerate() {
                match loaded {
                    Ok(doc) => {
                        assert_ne!(i % 9, 4, "{i} should have failed");
                        assert_eq!(doc.path.as_deref(), Some(file.to_string_lossy().as_ref()));
                        assert_eq!(doc.title, format!("Statement {i}"));
                    }
                    Err(e) => {
                        assert_eq!(i % 9, 4, "{i}: {e}");
                        assert_eq!(e.path, display_path(file));
                        assert!(e.message.contains("empty"), "{e}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_parser_panic_becomes_the_file_s_error() {
        let path = Path::new("odd.txt");
        let err = guarded(path, || panic!("index out of\nbounds")).unwrap_err();
        assert_eq!(err.path, "odd.txt");
        assert_eq!(
            err.message,
            "the parser failed on this file, please report it: index out of bounds"
        );
        let fine = guarded(path, || Err(LoadError::new(path, "the file is empty")));
        assert_eq!(fine.unwrap_err().message, "the file is empty");
    }

    #[test]
    fn the_loader_stops_when_told() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<PathBuf> = (0..30)
            .map(|i| write(dir.path(), &format!("s{i:02}.txt"), b"Anhui will act."))
            .collect();
        let (tx, rx) = mpsc::channel();
        let mut delivered = 0;
        let handle = spawn_loader(files, Taxonomy::embedded(), 2, move |l| {
            delivered += 1;
            tx.send(l).is_ok() && delivered < 3
        })
        .unwrap();
        handle.join().unwrap();
        assert_eq!(rx.iter().count(), 3);
    }

    #[test]
    fn the_loader_with_nothing_to_do_just_ends() {
        assert!(collect_loaded(Vec::new(), 2).is_empty());
    }

    #[test]
    fn load_file_parses_with_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            dir.path(),
            "s.txt",
            b"Title\n\nShanghai will open a port.\n",
        );
        let doc = load_file(&path, &Taxonomy::embedded()).unwrap();
        assert_eq!(doc.path.as_deref(), Some(path.to_string_lossy().as_ref()));
    }

    #[test]
    fn load_file_refuses_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let err = load_file(dir.path(), &Taxonomy::embedded()).unwrap_err();
        assert!(err.message.contains("is a folder"), "{err}");
    }

    #[test]
    fn no_paths_means_the_embedded_statement() {
        let (docs, errors) = load_paths(&[], &Taxonomy::embedded());
        assert!(errors.is_empty());
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].path, None);
    }

    #[test]
    fn taxonomy_errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let bad = write(dir.path(), "themes.json", b"{\"themes\": [");
        let err = load_taxonomy(Some(&bad)).unwrap_err();
        assert_eq!(err.path, display_path(&bad));
        assert!(err.message.contains("not a valid taxonomy"), "{err}");
        assert!(!err.to_string().contains('\n'));

        let good = write(
            dir.path(),
            "ok.json",
            br#"{"themes": [{"id": "ports", "name": "Ports", "phrases": [{"phrase": "port", "weight": 1}]}]}"#,
        );
        assert_eq!(load_taxonomy(Some(&good)).unwrap().themes[0].id, "ports");
        assert_eq!(load_taxonomy(None).unwrap(), Taxonomy::embedded());
    }
}
