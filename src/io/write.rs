//! Writing: sets of files renamed into place together, new files that never replace
//! one, write-once folders, and the clean-up of what a killed writer left.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::diag::{self, Diagnostic};
use crate::i18n::t;
use crate::io::fault;

/// Files written to temporaries, to be renamed into place together.
#[derive(Default)]
pub struct Staged {
    files: Vec<(NamedTempFile, PathBuf)>,
}

impl Staged {
    /// Writes `bytes` to a new temporary file beside `path`, readable by all (as a
    /// file the web server of the office may serve).
    pub fn add(&mut self, path: &Path, bytes: &[u8]) -> diag::Result<()> {
        let fail = |err: std::io::Error| vec![Diagnostic::io("write", path, &err)];
        let dir = parent(path);
        fault::point("fs").and_then(|()| std::fs::create_dir_all(dir)).map_err(fail)?;
        fault::point("fs").map_err(fail)?;
        let mut temp = tempfile::Builder::new()
            .prefix(&prefix(path))
            .suffix(".tmp")
            .permissions(std::fs::Permissions::from_mode(0o644))
            .tempfile_in(dir)
            .map_err(fail)?;
        fault::point("fs").and_then(|()| temp.write_all(bytes)).map_err(fail)?;
        self.files.push((temp, path.to_path_buf()));
        Ok(())
    }

    /// Renames every file into place, in the order added: the set changes whole or
    /// not at all. Each existing target is first kept under a second name (a hard
    /// link), so that if a rename fails the ones before it are put back. Until this
    /// is called nothing at the targets has changed; dropping the set removes the
    /// temporaries.
    pub fn commit(self) -> diag::Result<Vec<PathBuf>> {
        let mut backups = vec![];
        for (_, path) in &self.files {
            let backup = fault::point("fs").and_then(|()| keep_old(path));
            backups.push(backup.map_err(|err| vec![Diagnostic::io("write", path, &err)])?);
        }
        let mut renamed: Vec<PathBuf> = vec![];
        for (temp, path) in self.files {
            let result = fault::point("commit").and_then(|()| temp.persist(&path).map(drop).map_err(|e| e.error));
            if let Err(err) = result {
                for (done, backup) in renamed.iter().zip(&backups) {
                    let _ = match backup {
                        Some(old) => std::fs::rename(old.path(), done),
                        None => std::fs::remove_file(done),
                    };
                }
                return Err(vec![Diagnostic::io("write", &path, &err)]);
            }
            renamed.push(path);
        }
        Ok(renamed)
    }
}

/// A second name for the file at `path`, if there is one, removed when dropped.
fn keep_old(path: &Path) -> std::io::Result<Option<NamedTempFile<()>>> {
    match std::fs::symlink_metadata(path) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(err),
        Ok(_) => tempfile::Builder::new()
            .prefix(&prefix(path))
            .suffix(".tmp")
            .make_in(parent(path), |backup| std::fs::hard_link(path, backup))
            .map(Some),
    }
}

/// The start of a temporary name beside `path`: `.<name>.`, then random letters and
/// `.tmp`, as [`remove_temporaries`] recognises.
fn prefix(path: &Path) -> String {
    format!(".{}.", path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default())
}

/// Whether a name is that of a temporary file or folder a writer makes beside its
/// target (`.<name>.….tmp`): one that is still there after its writer ended was left
/// by a writer killed on the way.
pub fn is_temporary(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp")
}

/// Removes the temporary files and folders (`.<name>.….tmp`) that killed writers
/// left in a folder: they are never the result of a finished write. Call it only while holding the folder's lock, so
/// no writer is still at work there.
pub fn remove_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if is_temporary(&name) {
            let _ = match entry.file_type() {
                Ok(kind) if kind.is_dir() => {
                    make_writable(&entry.path()).and_then(|()| std::fs::remove_dir_all(entry.path()))
                }
                _ => std::fs::remove_file(entry.path()),
            };
        }
    }
}

/// Gives the folders of a tree their write permission back (a killed write-once
/// folder's are read-only), so the tree can be removed.
fn make_writable(dir: &Path) -> std::io::Result<()> {
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_dir() {
            std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(0o755))?;
        }
    }
    Ok(())
}

/// Writes a new file whole, refusing to replace one that exists (or appears
/// meanwhile).
pub fn write_new(path: &Path, bytes: &[u8], shown: &Path) -> diag::Result<()> {
    let fail = |err: std::io::Error| vec![Diagnostic::io("write", shown, &err)];
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix(path))
        .suffix(".tmp")
        .permissions(std::fs::Permissions::from_mode(0o644))
        .tempfile_in(parent(path))
        .map_err(fail)?;
    temp.write_all(bytes).map_err(fail)?;
    temp.persist_noclobber(path).map(drop).map_err(|err| {
        if err.error.kind() == std::io::ErrorKind::AlreadyExists {
            vec![Diagnostic::error(t!("exists-already", path = shown)).help(t!("period-exists-help"))]
        } else {
            fail(err.error)
        }
    })
}

/// Makes a new folder (and the folders above it that are missing), refusing one that
/// exists.
pub fn create_dir(path: &Path, shown: &Path) -> diag::Result<()> {
    std::fs::create_dir_all(parent(path)).map_err(|err| vec![Diagnostic::io("create", shown, &err)])?;
    std::fs::create_dir(path).map_err(|err| {
        if err.kind() == std::io::ErrorKind::AlreadyExists {
            vec![Diagnostic::error(t!("exists-already", path = shown))]
        } else {
            vec![Diagnostic::io("create", shown, &err)]
        }
    })
}

/// Writes one file atomically: at every moment it is the old file or the new one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> diag::Result<()> {
    let mut staged = Staged::default();
    staged.add(path, bytes)?;
    staged.commit().map(drop)
}

/// Writes a folder that never changes after: `files` (paths relative to it) go into
/// a temporary folder beside `target`, each synced and made read-only, and the
/// folder is renamed to `target` whole, which must not exist yet. The caller holds
/// the lock that makes "not yet" true.
pub fn write_once_dir(target: &Path, files: &[(String, &[u8])]) -> diag::Result<()> {
    let parent = parent(target);
    let fail = |path: &Path, err: std::io::Error| vec![Diagnostic::io("write", path, &err)];
    // The folders about to be made, each to be synced into its own parent too.
    let created: Vec<PathBuf> = parent.ancestors().take_while(|dir| !dir.exists()).map(Path::to_path_buf).collect();
    fault::point("fs").and_then(|()| std::fs::create_dir_all(parent)).map_err(|err| fail(parent, err))?;
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempdir_in(parent)
        .map_err(|e| fail(parent, e))?;
    let mut dirs = vec![temp.path().to_path_buf()];
    for (relative, bytes) in files {
        let path = temp.path().join(relative);
        let dir = parent_of(&path);
        if !dirs.contains(&dir) {
            fault::point("fs").and_then(|()| std::fs::create_dir_all(&dir)).map_err(|err| fail(&dir, err))?;
            // The folders between, made on the way, are the version's too.
            let between = dir.ancestors().take_while(|d| !dirs.iter().any(|known| known == d));
            let between: Vec<PathBuf> = between.map(Path::to_path_buf).collect();
            dirs.extend(between);
        }
        let write = || -> std::io::Result<()> {
            fault::point("fs")?;
            let mut file = OpenOptions::new().write(true).create_new(true).open(&path)?;
            fault::point("fs")?;
            file.write_all(bytes)?;
            fault::point("fs")?;
            file.sync_all()?;
            let mut permissions = file.metadata()?.permissions();
            permissions.set_readonly(true);
            file.set_permissions(permissions)
        };
        write().map_err(|err| fail(&path, err))?;
    }
    // Children before parents, so each folder's entries are on disk before it is;
    // each folder is made read-only too, so nothing can be added to it.
    dirs.sort_by_key(|dir| std::cmp::Reverse(dir.components().count()));
    for dir in &dirs {
        sync_dir(dir, "fs")?;
        let read_only = std::fs::Permissions::from_mode(0o555);
        fault::point("fs").and_then(|()| std::fs::set_permissions(dir, read_only)).map_err(|err| fail(dir, err))?;
    }
    if std::fs::symlink_metadata(target).is_ok() {
        return Diagnostic::error(t!("exists-already", path = target)).into_err();
    }
    let kept = temp.keep();
    let renamed = fault::point("commit").and_then(|()| std::fs::rename(&kept, target));
    if let Err(err) = renamed {
        let _ = std::fs::remove_dir_all(&kept);
        return Err(fail(target, err));
    }
    sync_dir(parent, "commit")?;
    for dir in &created {
        sync_dir(self::parent(dir), "commit")?;
    }
    Ok(())
}

/// Flushes a folder's entries (a rename into it, say) to the disk.
fn sync_dir(dir: &Path, point: &str) -> diag::Result<()> {
    fault::point(point)
        .and_then(|()| File::open(dir))
        .and_then(|file| file.sync_all())
        .map_err(|err| vec![Diagnostic::io("sync", dir, &err)])
}

fn parent(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new("."))
}

fn parent_of(path: &Path) -> PathBuf {
    parent(path).to_path_buf()
}

/// Removes a file (never a folder, never through a link: a link is removed itself).
pub fn remove_file(path: &Path, shown: &Path) -> diag::Result<()> {
    fault::point("commit")
        .and_then(|()| std::fs::remove_file(path))
        .map_err(|err| vec![Diagnostic::io("remove", shown, &err)])
}

/// Removes a folder if it is empty (and leaves it, quietly, if it is not).
pub fn remove_if_empty(dir: &Path) {
    let _ = std::fs::remove_dir(dir);
}

/// Writes a cache file for later runs, as well as it can: a temporary name, then a
/// rename; a cache that cannot be written is only slower.
pub fn write_cache(path: &Path, bytes: &[u8]) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let temp = path.with_extension(format!("{}.tmp", std::process::id()));
    if std::fs::write(&temp, bytes).is_ok() {
        let _ = std::fs::rename(&temp, path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staged_files_appear_together_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.md"), dir.path().join("b.md"));
        std::fs::write(&a, "old").unwrap();
        let mut staged = Staged::default();
        staged.add(&a, b"new").unwrap();
        staged.add(&b, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "old");
        assert!(!b.exists());
        drop(staged);
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, vec![std::ffi::OsString::from("a.md")], "a dropped set leaves no temporary");
        let mut staged = Staged::default();
        staged.add(&a, b"new").unwrap();
        staged.add(&b, b"new").unwrap();
        staged.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "new");
        let mode = std::fs::metadata(&b).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644, "outputs are readable by all");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left.len(), 2, "no backup or temporary is left: {left:?}");
    }
}
