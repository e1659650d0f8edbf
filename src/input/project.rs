//! Where things are: the project root with its `data/`, `templates/`, `fonts/` and
//! `out/` folders, and the figure files under `data/`.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{self, Diagnostic};

/// A bulletin project on disk.
#[derive(Debug, Clone)]
pub struct Project {
    /// The folder holding `data/` and `templates/`.
    pub root: PathBuf,
}

/// A figure file and what its place under `data/` says about it.
#[derive(Debug, Clone)]
pub struct FigureFile {
    /// The path on disk.
    pub path: PathBuf,
    /// The path relative to the project root, as shown to the user.
    pub shown: PathBuf,
    /// The series: the folder name under `data/`.
    pub series: String,
    /// The file name without `.yaml`: the period's date.
    pub stem: String,
}

impl Project {
    /// The project at `root` exactly (from `--root`): it must have `templates/`.
    pub fn at(root: &Path) -> diag::Result<Self> {
        let root = root.canonicalize().map_err(|err| vec![Diagnostic::io("open", root, &err)])?;
        if root.join("templates").is_dir() {
            return Ok(Self { root });
        }
        Diagnostic::error(format!("`{}` is not a bulletin project: it has no `templates/` folder", root.display()))
            .note("help: pass the folder that holds `templates/` and `data/`")
            .into_err()
    }

    /// Finds the project containing `start`: the nearest folder, going up, that has a
    /// `templates/` folder.
    pub fn find(start: &Path) -> diag::Result<Self> {
        let start = start.canonicalize().map_err(|err| vec![Diagnostic::io("open", start, &err)])?;
        for dir in start.ancestors() {
            if dir.join("templates").is_dir() {
                return Ok(Self { root: dir.to_path_buf() });
            }
        }
        Diagnostic::error(format!("no bulletin project at `{}` or above it", start.display()))
            .note("help: run bulletin inside a folder with `templates/` and `data/`, or pass `--root`")
            .into_err()
    }

    /// The figure files: `data/<series>/<date>.yaml`.
    pub fn data(&self) -> PathBuf {
        self.root.join("data")
    }

    /// The template folders: `templates/<series>/`.
    pub fn templates(&self) -> PathBuf {
        self.root.join("templates")
    }

    /// The project's own fonts, searched before the system's.
    pub fn fonts(&self) -> PathBuf {
        self.root.join("fonts")
    }

    /// Where builds write.
    pub fn out(&self) -> PathBuf {
        self.root.join("out")
    }

    /// A path relative to the project root, for messages.
    pub fn shown(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
    }

    /// Every `*.yaml` (or `*.yml`) under `data/`, in a stable order. Links, special
    /// files and two files for one period are refused.
    pub fn figure_files(&self) -> diag::Result<Vec<FigureFile>> {
        let data = self.data();
        if std::fs::symlink_metadata(&data).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(vec![link_refused(&self.shown(&data))]);
        }
        if !data.is_dir() {
            return Ok(vec![]);
        }
        let mut files = vec![];
        let mut errors = vec![];
        for entry in WalkDir::new(&data).sort_by_file_name() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let path = err.path().unwrap_or(&data).to_path_buf();
                    errors.push(Diagnostic::error(format!("could not read `{}`: {err}", self.shown(&path).display())));
                    continue;
                }
            };
            // Hidden files are an editor's (`.#2019-11-15.yaml`, Emacs' lock), not
            // the office's figures.
            if entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if entry.path_is_symlink() {
                errors.push(link_refused(&self.shown(entry.path())));
            } else if has_figure_extension(entry.path()) && !entry.file_type().is_dir() {
                // Of `<as_of>.yaml` and `<as_of>.yml`, the first reports both.
                if entry.path().extension().is_some_and(|ext| ext == "yml")
                    && entry.path().with_extension("yaml").exists()
                {
                    continue;
                }
                match self.figure_file(entry.path()) {
                    Ok(file) => files.push(file),
                    Err(mut more) => errors.append(&mut more),
                }
            }
        }
        if errors.is_empty() { Ok(files) } else { Err(errors) }
    }

    /// Describes a figure file given on the command line (relative to the current
    /// directory) or found under `data/`: it must be `data/<series>/<as_of>.yaml`,
    /// reached through no link, and the only file of its period.
    pub fn figure_file(&self, path: &Path) -> diag::Result<FigureFile> {
        // The folder resolved (so `../data/…` and a project reached through a link
        // work), the file itself not: a link there is refused when it is read.
        let folder = match path.parent() {
            Some(folder) if !folder.as_os_str().is_empty() => folder,
            _ => Path::new("."),
        };
        let folder = folder.canonicalize().map_err(|err| vec![Diagnostic::io("read", path, &err)])?;
        let absolute = folder.join(path.file_name().unwrap_or_default());
        let shown = self.shown(&absolute);
        let parts: Vec<String> = shown.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        let [data, series, name] = parts.as_slice() else {
            return wrong_place(&shown);
        };
        let Some(stem) = name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml")) else {
            return wrong_place(&shown);
        };
        if data != "data" || absolute == shown {
            return wrong_place(&shown);
        }
        if series.contains('\\') {
            return Diagnostic::error(format!("the series `{series}` has a backslash in its name"))
                .note("help: Typst paths cannot hold one; rename the folders `data/<series>` and `templates/<series>`")
                .into_err();
        }
        for step in [self.data(), self.data().join(series)] {
            if std::fs::symlink_metadata(&step).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(vec![link_refused(&self.shown(&step))]);
            }
        }
        let twins: Vec<PathBuf> = ["yaml", "yml"]
            .iter()
            .map(|ext| self.data().join(series).join(format!("{stem}.{ext}")))
            .filter(|twin| std::fs::symlink_metadata(twin).is_ok_and(|m| !m.is_dir()))
            .collect();
        if twins.len() > 1 {
            let [yaml, yml] = [&twins[0], &twins[1]].map(|twin| self.shown(twin).display().to_string());
            return Diagnostic::error(format!("two figure files for the period {stem}: `{yaml}` and `{yml}`"))
                .note("help: keep one of them; a period has one figure file")
                .into_err();
        }
        Ok(FigureFile { path: absolute, shown, series: series.clone(), stem: stem.to_string() })
    }
}

fn has_figure_extension(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "yaml" || ext == "yml")
}

fn link_refused(shown: &Path) -> Diagnostic {
    Diagnostic::error(format!("`{}` is a symbolic link", shown.display()))
        .note("help: bulletin reads only regular files inside the project, never through a link")
}

fn wrong_place<T>(shown: &Path) -> diag::Result<T> {
    Diagnostic::error(format!("`{}` is not a figure file of this project", shown.display()))
        .note("help: figure files live at `data/<series>/<as_of>.yaml`")
        .into_err()
}
