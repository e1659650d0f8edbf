//! Locks: one process at a time in a folder, waiting and saying so when another holds
//! it, released by the system if the process dies.

use std::fs::{File, OpenOptions, TryLockError};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use crate::diag::{self, Diagnostic};
use crate::i18n::t;
use crate::io::fault;

/// The lock file a folder's writer holds (`out/<series>/.lock`,
/// `archive/<series>/<as_of>/.lock`).
pub const LOCK_FILE: &str = ".lock";

/// An exclusive lock on a file, held until dropped (and released by the system if
/// the process dies).
#[must_use = "the lock is released when dropped"]
pub struct Lock {
    _file: File,
}

/// Takes the lock at `path` (creating the file); when another process holds it,
/// says so on stderr (`waiting`: for what) and waits.
pub fn lock(path: &Path, shown: &Path, waiting: &str) -> diag::Result<Lock> {
    let fail = |err: std::io::Error| vec![Diagnostic::io("lock", shown, &err)];
    fault::point("fs").and_then(|()| std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))).map_err(fail)?;
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
        .map_err(fail)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            diag::emit(&[Diagnostic::info(t!("io-waiting", waiting = waiting, path = shown))]);
            file.lock().map_err(fail)?;
        }
        Err(TryLockError::Error(err)) => return Err(fail(err)),
    }
    Ok(Lock { _file: file })
}
