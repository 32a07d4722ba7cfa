//! Checks shared by the fuzz targets: what must hold of any parsed document
//! and of its exports, whatever text it came from.

pub mod document;
pub mod export;

use std::path::Path;
use std::sync::OnceLock;

/// A folder of our own for the whole run, for tracker files; in memory when
/// `/dev/shm` is there, since every save syncs the file and its folder.
pub fn folder() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let shm = Path::new("/dev/shm");
        let made = if shm.is_dir() {
            tempfile::tempdir_in(shm)
        } else {
            tempfile::tempdir()
        };
        made.unwrap_or_else(|e| panic!("no temporary folder: {e}"))
    })
    .path()
}

/// The first control character in `text`, with its byte offset. Nothing the
/// parser or the explorer puts out may hold one: a terminal would act on it.
pub fn control_char(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|(_, c)| c.is_control())
}

/// Panics, naming `what`, when `text` holds a control character.
pub fn assert_no_control(what: &str, text: &str) {
    if let Some((i, c)) = control_char(text) {
        panic!("control character {c:?} at byte {i} of {what}: {text:?}");
    }
}
