//! Opening a file that must be a regular file (a tracker, a taxonomy): a
//! FIFO, a device, a socket or a folder under that name is refused, never
//! opened blindly, so it can neither block a read for ever nor be taken for
//! an empty file.

use std::fmt;
use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// Why a path could not be opened as a regular file.
#[derive(Debug)]
pub enum OpenError {
    /// Something else has the name: a FIFO, a device, a socket, a folder.
    NotRegular {
        kind: &'static str,
    },
    Io(io::Error),
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::NotRegular { kind } => write!(f, "not a regular file ({kind})"),
            OpenError::Io(e) => write!(f, "{}", io_reason(e)),
        }
    }
}

/// What a file type is called in messages.
pub fn kind_of(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    if t.is_symlink() {
        return "a symbolic link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a file"
}

/// `path` (links followed) opened for reading if it is a regular file;
/// `None` when nothing has that name. The type is checked before opening,
/// and again on the opened file, which is opened without blocking: a FIFO
/// swapped in between the two is still never waited on.
pub fn open(path: &Path) -> Result<Option<File>, OpenError> {
    match fs::metadata(path) {
        Ok(m) if !m.is_file() => return Err(OpenError::NotRegular { kind: kind_of(&m) }),
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(OpenError::Io(e)),
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Non-blocking: opening a FIFO for reading would otherwise wait for a
        // writer. No controlling terminal: a tty swapped in must not become one.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(OpenError::Io(e)),
    };
    let meta = file.metadata().map_err(OpenError::Io)?;
    if !meta.is_file() {
        return Err(OpenError::NotRegular {
            kind: kind_of(&meta),
        });
    }
    Ok(Some(file))
}

/// At most `max + 1` bytes of `file`, so a caller can tell "over `max`".
pub fn read_capped(file: File, max: u64) -> io::Result<Vec<u8>> {
    let hint = file.metadata().map_or(0, |m| m.len()).min(max);
    let mut bytes = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    file.take(max + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Refuse `path` if something other than a regular file has its name (a
/// link is not followed: it counts as itself). Nothing there is fine.
pub fn check_not_special(path: &Path) -> Result<(), OpenError> {
    match fs::symlink_metadata(path) {
        Ok(m) if !m.is_file() => Err(OpenError::NotRegular { kind: kind_of(&m) }),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(OpenError::Io(e)),
    }
}

/// The OS's words for an I/O error, without the `(os error N)` suffix.
pub fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::IsADirectory => "is a folder, not a file".into(),
        io::ErrorKind::NotADirectory => "a part of the path is a file, not a folder".into(),
        _ if e.raw_os_error() == Some(libc::ELOOP) => {
            "is a symbolic link (refused: it is not followed)".into()
        }
        _ => {
            let text = e.to_string();
            let text = text
                .find(" (os error")
                .map_or(text.as_str(), |i| &text[..i]);
            text.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;

    pub(crate) fn mkfifo(path: &Path) {
        let c = CString::new(path.as_os_str().as_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only creates a node.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    }

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("f");
        mkfifo(&fifo);
        let err = open(&fifo).unwrap_err();
        assert_eq!(err.to_string(), "not a regular file (a FIFO)");
        assert!(matches!(
            check_not_special(&fifo),
            Err(OpenError::NotRegular { kind: "a FIFO" })
        ));
    }

    #[test]
    fn devices_folders_and_links_to_them_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("null");
        std::os::unix::fs::symlink("/dev/null", &link).unwrap();
        assert_eq!(
            open(&link).unwrap_err().to_string(),
            "not a regular file (a character device)"
        );
        assert_eq!(
            open(dir.path()).unwrap_err().to_string(),
            "not a regular file (a folder)"
        );
        assert!(matches!(
            check_not_special(&link),
            Err(OpenError::NotRegular {
                kind: "a symbolic link"
            })
        ));
    }

    #[test]
    fn regular_files_open_and_missing_ones_are_none() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t");
        assert!(open(&path).unwrap().is_none());
        check_not_special(&path).unwrap();
        fs::write(&path, b"abcdef").unwrap();
        let file = open(&path).unwrap().unwrap();
        assert_eq!(read_capped(file, 4).unwrap(), b"abcde");
        check_not_special(&path).unwrap();
    }
}
