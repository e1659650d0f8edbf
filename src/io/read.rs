//! Reading: the one bounded reader of regular files, and what a folder holds, never
//! through a link.

use std::fs::OpenOptions;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

use crate::diag::{self, Diagnostic};
use crate::i18n::t;

/// Reads a regular file of at most `limit` bytes; `what` names it in messages ("a
/// figure file"). A symbolic link, a folder, a FIFO, a socket or a device is refused
/// without being opened for reading.
pub fn read_regular(path: &Path, shown: &Path, limit: u64, what: &str) -> diag::Result<Vec<u8>> {
    let io = |err: std::io::Error| vec![Diagnostic::io("read", shown, &err)];
    let metadata = std::fs::symlink_metadata(path).map_err(io)?;
    refuse_special(&metadata.file_type(), shown, what)?;
    let too_large = |size: u64| {
        Diagnostic::error(t!("io-too-large", path = shown, size = size, what = what, limit = limit)).into_err()
    };
    if metadata.len() > limit {
        return too_large(metadata.len());
    }
    // O_NOFOLLOW and O_NONBLOCK: a file swapped for a link or a FIFO since the look
    // above fails or returns at once instead of being followed or waited on.
    let file =
        OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK).open(path).map_err(io)?;
    refuse_special(&file.metadata().map_err(io)?.file_type(), shown, what)?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return too_large(bytes.len() as u64);
    }
    Ok(bytes)
}

/// Refuses anything but a regular file, saying what it is instead.
fn refuse_special(kind: &std::fs::FileType, shown: &Path, what: &str) -> diag::Result<()> {
    let is = match () {
        () if kind.is_file() => return Ok(()),
        () if kind.is_symlink() => t!("io-a-link"),
        () if kind.is_dir() => t!("io-a-folder"),
        () if kind.is_fifo() => t!("io-a-fifo"),
        () if kind.is_socket() => t!("io-a-socket"),
        () if kind.is_block_device() || kind.is_char_device() => t!("io-a-device"),
        () => t!("io-not-regular"),
    };
    Diagnostic::error(t!("io-special", path = shown, is = is, what = what)).help(t!("project-link-help")).into_err()
}

/// What is at a path, looked at without following a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A regular file.
    File,
    /// A folder.
    Dir,
    /// A symbolic link.
    Link,
    /// A FIFO, a socket or a device.
    Other,
}

impl Kind {
    fn of(kind: std::fs::FileType) -> Self {
        if kind.is_symlink() {
            Self::Link
        } else if kind.is_dir() {
            Self::Dir
        } else if kind.is_file() {
            Self::File
        } else {
            Self::Other
        }
    }
}

/// What is at `path` (a link is a link, not what it points at); `None` when nothing
/// is, or it cannot be looked at.
pub fn kind(path: &Path) -> Option<Kind> {
    std::fs::symlink_metadata(path).ok().map(|metadata| Kind::of(metadata.file_type()))
}

/// Whether `path` is a symbolic link.
pub fn is_link(path: &Path) -> bool {
    kind(path) == Some(Kind::Link)
}

/// Whether `path` is a folder, or a link to one (as the user's `--font-path` may be).
pub fn is_dir(path: &Path) -> bool {
    path.is_dir()
}

/// Whether anything is at `path`, a dangling link included.
pub fn exists(path: &Path) -> bool {
    kind(path).is_some()
}

/// Refuses a symbolic link at `path`: nothing is read through one or written where
/// one points. `help` says what belongs there instead.
pub fn refuse_link(path: &Path, shown: &Path, help: &str) -> diag::Result<()> {
    if is_link(path) {
        return Diagnostic::error(t!("project-link", path = shown)).note(help).into_err();
    }
    Ok(())
}

/// Refuses a symbolic link at `path` or at any folder between it and `root` (`root`
/// itself may be reached through one).
pub fn refuse_links_below(root: &Path, path: &Path, shown: &dyn Fn(&Path) -> PathBuf, help: &str) -> diag::Result<()> {
    for dir in path.ancestors().take_while(|dir| dir.starts_with(root) && *dir != root) {
        refuse_link(dir, &shown(dir), help)?;
    }
    Ok(())
}

/// An entry of a folder.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its path.
    pub path: PathBuf,
    /// Its name, as text (a name that is not UTF-8 is shown with replacement
    /// characters).
    pub name: String,
    /// What it is, not following a link.
    pub kind: Kind,
    /// How deep below the folder listed (1: in it).
    pub depth: usize,
}

/// The entries of a folder, by name.
pub fn entries(dir: &Path) -> std::io::Result<Vec<Entry>> {
    let mut entries = vec![];
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let Ok(kind) = entry.file_type() else { continue };
        let name = entry.file_name().to_string_lossy().into_owned();
        entries.push(Entry { path: entry.path(), name, kind: Kind::of(kind), depth: 1 });
    }
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(entries)
}

/// Every entry below a folder from `min` to `max` levels deep (`None`: any), in name
/// order, never following a link; an entry that could not be read is an error naming
/// its path.
pub fn walk(dir: &Path, min: usize, max: Option<usize>) -> Vec<Result<Entry, (PathBuf, String)>> {
    let walker = walkdir::WalkDir::new(dir).min_depth(min).max_depth(max.unwrap_or(usize::MAX)).sort_by_file_name();
    walker
        .into_iter()
        .map(|entry| match entry {
            Ok(entry) => {
                let kind = if entry.path_is_symlink() { Kind::Link } else { Kind::of(entry.file_type()) };
                let name = entry.file_name().to_string_lossy().into_owned();
                Ok(Entry { depth: entry.depth(), path: entry.into_path(), name, kind })
            }
            Err(err) => Err((err.path().unwrap_or(dir).to_path_buf(), err.to_string())),
        })
        .collect()
}

/// Every file below a folder, through links as a font scanner goes, with its size and
/// modification time: what says that a set of fonts changed.
pub fn files_under(dir: &Path) -> Vec<(PathBuf, u64, Option<Duration>)> {
    let walker = walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name();
    let mut files = vec![];
    for entry in walker.into_iter().filter_map(Result::ok) {
        let Ok(metadata) = entry.metadata() else { continue };
        if metadata.is_file() {
            let modified = metadata.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok());
            files.push((entry.into_path(), metadata.len(), modified));
        }
    }
    files
}

/// A file's size and modification time (nanoseconds since 1970), not following a
/// link: how a build knows an output is the one it wrote.
pub fn identity(path: &Path) -> Option<(u64, u128)> {
    let metadata = std::fs::symlink_metadata(path).ok()?;
    let modified = metadata.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some((metadata.len(), modified.as_nanos()))
}

/// The folder `path` names, with every link and `..` resolved.
pub fn canonical_dir(path: &Path) -> std::io::Result<PathBuf> {
    path.canonicalize()
}

/// A cache file's bytes, if it can be read: a cache that cannot is only slower.
pub fn read_cache(path: &Path) -> Option<Vec<u8>> {
    std::fs::read(path).ok()
}

/// Whether `path` is a regular file holding exactly `bytes`: an output that need not be
/// written again.
pub fn holds(path: &Path, bytes: &[u8]) -> bool {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => std::fs::read(path).is_ok_and(|b| b == bytes),
        _ => false,
    }
}

/// A read-only mapping of a file's bytes (a font file): the pages are read as they are
/// touched. `None` when the file cannot be opened or mapped.
///
/// A file shortened while mapped would fault on access; font files are installed,
/// not written in place, so this is the risk every font library takes (fontdb too).
#[allow(unsafe_code, reason = "mapping a file is unsafe in Rust's terms; see above")]
pub fn map(path: &Path) -> Option<memmap2::Mmap> {
    let file = std::fs::File::open(path).ok()?;
    // SAFETY: the mapping is read-only and the file is not written by this process;
    // see above for a file changed by another.
    unsafe { memmap2::Mmap::map(&file) }.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_refuses_links_folders_and_large_files() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        std::fs::write(&file, "12345").unwrap();
        std::os::unix::fs::symlink(&file, dir.path().join("link")).unwrap();
        let read = |name: &str, limit| {
            read_regular(&dir.path().join(name), Path::new(name), limit, "a test file")
                .map_err(|errors| errors[0].to_string().lines().next().unwrap_or_default().to_string())
        };
        assert_eq!(read("f", 5), Ok(b"12345".to_vec()));
        assert_eq!(read("f", 4), Err("error: `f` is 5 bytes, too large for a test file (at most 4)".into()));
        assert_eq!(read("link", 5), Err("error: `link` is a symbolic link, not a test file".into()));
        assert_eq!(read(".", 5), Err("error: `.` is a folder, not a test file".into()));
        let device = read_regular(Path::new("/dev/zero"), Path::new("/dev/zero"), 5, "a test file");
        assert!(device.unwrap_err()[0].to_string().starts_with("error: `/dev/zero` is a device, not a test file"));
    }
}
