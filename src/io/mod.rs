//! The disk, in one place: the one bounded reader every input goes through, listings
//! of folders that never follow a link, atomic and durable writes, write-once
//! folders, locks, and failure injection for the tests.
//!
//! Reads take regular files only, never through a symbolic link, and never more than
//! a size limit, so a FIFO, a device or a link out of the project cannot hang,
//! exhaust or leak. Writes go to a temporary file created exclusively (a unique
//! name, so two processes never share one and a planted link is never followed) in
//! the target's folder and are renamed into place only when every file of the set
//! is complete.
//!
//! May use: `diag`. Used by: `input`, `pipeline`, `archive`, `site`.

pub mod fault;
mod lock;
mod read;
mod write;

pub use lock::{LOCK_FILE, Lock, lock};
pub use read::{
    Entry, Kind, canonical_dir, entries, exists, files_under, holds, identity, is_dir, is_link, kind, map, read_cache,
    read_regular, refuse_link, refuse_links_below, walk,
};
pub use write::{
    Staged, create_dir, is_temporary, remove_file, remove_if_empty, remove_temporaries, write_atomic, write_cache,
    write_new, write_once_dir,
};
