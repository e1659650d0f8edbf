//! Where things are: the project root with its `data/`, `templates/`, `fonts/` and
//! `out/` folders, and the figure files under `data/`.

use std::path::{Path, PathBuf};

use crate::core::date::Date;
use crate::diag::{self, Diagnostic};
use crate::i18n::t;
use crate::input::defaults::DEFAULTS;
use crate::io::{self, Kind};

/// The folder under `templates/` whose files every series may use.
pub const SHARED: &str = "_shared";

/// The figure files of a series' folder whose names are dates, by date, with their
/// file names.
pub type Periods = Vec<(Date, String)>;

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
        let root = io::canonical_dir(root).map_err(|err| vec![Diagnostic::io("open", root, &err)])?;
        if io::is_dir(&root.join("templates")) {
            return Ok(Self { root });
        }
        Diagnostic::error(t!("project-not-a-project", path = &root)).help(t!("project-not-a-project-help")).into_err()
    }

    /// Finds the project containing `start`: the nearest folder, going up, that has a
    /// `templates/` folder.
    pub fn find(start: &Path) -> diag::Result<Self> {
        let start = io::canonical_dir(start).map_err(|err| vec![Diagnostic::io("open", start, &err)])?;
        for dir in start.ancestors() {
            if io::is_dir(&dir.join("templates")) {
                return Ok(Self { root: dir.to_path_buf() });
            }
        }
        Diagnostic::error(t!("project-none", path = &start)).help(t!("project-none-help")).into_err()
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

    /// Every figure file under `data/`, in a stable order; what [`Project::listing`]
    /// leaves out is left out quietly.
    pub fn figure_files(&self) -> diag::Result<Vec<FigureFile>> {
        self.listing().map(|(files, _)| files)
    }

    /// Every `*.yaml` (or `*.yml`) under `data/`, in a stable order, and what was left
    /// out and why: a file outside a series folder or with its extension in capitals
    /// (a warning: it is no period's), a link or two files for one period (an error:
    /// that period is not built). Either way the other files are. `Err` only when
    /// `data/` itself cannot be read.
    pub fn listing(&self) -> diag::Result<(Vec<FigureFile>, Vec<Diagnostic>)> {
        let data = self.data();
        if io::is_link(&data) {
            return Err(vec![link_refused(&self.shown(&data))]);
        }
        if !io::is_dir(&data) {
            return Ok((vec![], vec![]));
        }
        let mut files = vec![];
        let mut problems = vec![];
        for entry in io::walk(&data, 0, None) {
            let entry = match entry {
                Ok(entry) => entry,
                Err((path, err)) => {
                    let reason = err.to_string();
                    problems.push(Diagnostic::error(t!("io-read", path = self.shown(&path), reason = reason)));
                    continue;
                }
            };
            // Hidden files are an editor's (`.#2019-11-15.yaml`, Emacs' lock), not
            // the office's figures.
            if entry.depth > 0 && entry.name.starts_with('.') {
                continue;
            }
            self.list(&entry, &mut files, &mut problems);
        }
        Ok((files, problems))
    }

    /// Files one entry of `data/` under the figure files or the problems.
    fn list(&self, entry: &io::Entry, files: &mut Vec<FigureFile>, problems: &mut Vec<Diagnostic>) {
        let shown = self.shown(&entry.path);
        let named_as_figures = has_figure_extension(&entry.path) || has_capital_extension(&entry.path);
        if entry.kind == Kind::Link && entry.depth == 1 {
            // A series folder that is a link: none of its files is read.
            problems.push(left_out(link_refused(&shown)));
            return;
        }
        if entry.kind == Kind::Dir || !named_as_figures {
            return;
        }
        if entry.depth != 2 {
            // Outside a series folder: no period's, and nothing to build.
            let stray = Diagnostic::warning(t!("project-not-a-figure-file", path = &shown));
            problems.push(left_out(stray.help(t!("project-figure-files-live"))));
        } else if has_capital_extension(&entry.path) {
            problems.push(
                Diagnostic::warning(t!("project-capital-extension", path = &shown))
                    .help(t!("project-rename", path = shown.with_extension("yaml"))),
            );
        } else if entry.kind == Kind::Link {
            problems.push(left_out(link_refused(&shown)));
        } else if entry.path.extension().is_some_and(|ext| ext == "yml")
            && io::exists(&entry.path.with_extension("yaml"))
        {
            // Of `<as_of>.yaml` and `<as_of>.yml`, the first reports both.
        } else {
            match self.figure_file(&entry.path) {
                Ok(file) => files.push(file),
                Err(mut more) => problems.append(&mut more),
            }
        }
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
        let folder = io::canonical_dir(folder).map_err(|err| vec![Diagnostic::io("read", path, &err)])?;
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
            return Diagnostic::error(t!("project-backslash", series = series))
                .help(t!("project-backslash-help"))
                .into_err();
        }
        for step in [self.data(), self.data().join(series)] {
            if io::is_link(&step) {
                return Err(vec![link_refused(&self.shown(&step))]);
            }
        }
        let twins: Vec<PathBuf> = ["yaml", "yml"]
            .iter()
            .map(|ext| self.data().join(series).join(format!("{stem}.{ext}")))
            .filter(|twin| io::kind(twin).is_some_and(|kind| kind != Kind::Dir))
            .collect();
        if twins.len() > 1 {
            let [yaml, yml] = [&twins[0], &twins[1]].map(|twin| self.shown(twin).display().to_string());
            return Diagnostic::error(t!("project-twins", stem = stem, yaml = yaml, yml = yml))
                .help(t!("project-twins-help"))
                .into_err();
        }
        Ok(FigureFile { path: absolute, shown, series: series.clone(), stem: stem.to_string() })
    }
}

impl Project {
    /// The series with a template folder, by name (`templates/_shared/` and hidden
    /// folders are not series).
    pub fn series_names(&self) -> diag::Result<Vec<String>> {
        let templates = self.templates();
        let entries = io::entries(&templates).map_err(|err| vec![Diagnostic::io("read", &templates, &err)])?;
        Ok(entries
            .into_iter()
            .map(|entry| entry.name)
            .filter(|name| name != SHARED && name != DEFAULTS && !name.starts_with('.'))
            .collect())
    }

    /// The figure file of the latest period before `file`'s in its series, if it is
    /// of the same year or the year before, and whether it is of the same year.
    pub fn earlier_period(&self, file: &FigureFile) -> Option<(FigureFile, bool)> {
        self.earlier_among(file, &Self::periods(file.path.parent()?))
    }

    /// The figure files of a series' folder whose names are dates, by date: what
    /// [`Self::earlier_among`] looks in.
    pub fn periods(dir: &Path) -> Periods {
        let mut periods: Periods = io::entries(dir)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|entry| {
                let stem = entry.name.strip_suffix(".yaml").or_else(|| entry.name.strip_suffix(".yml"))?;
                Some((Date::parse(stem).ok()?, entry.name))
            })
            .collect();
        periods.sort();
        periods
    }

    /// [`Self::earlier_period`] among the `periods` of its folder, as listed by
    /// [`Self::periods`] (a build lists each folder once, not once per file).
    pub fn earlier_among(&self, file: &FigureFile, periods: &[(Date, String)]) -> Option<(FigureFile, bool)> {
        let dir = file.path.parent()?;
        let date = Date::parse(&file.stem).ok()?;
        let before = periods.partition_point(|(other, _)| *other < date);
        let (earlier, name) = periods[..before].last().filter(|(other, _)| other.year + 1 >= date.year)?;
        Some((self.figure_file(&dir.join(name)).ok()?, earlier.year == date.year))
    }

    /// The figure file of a period of a series, `data/<series>/<date>.yaml` or
    /// `.yml`, if there is one.
    pub fn period_file(&self, series: &str, date: &str) -> Option<PathBuf> {
        let dir = self.data().join(series);
        ["yaml", "yml"]
            .iter()
            .map(|ext| dir.join(format!("{date}.{ext}")))
            .find(|path| matches!(io::kind(path), Some(Kind::File | Kind::Link)))
    }
}

/// `2019-11-16.YAML`, `.Yml`: a figure file's name in the wrong case, which
/// would otherwise be passed over without a word.
fn has_capital_extension(path: &Path) -> bool {
    path.extension().and_then(|ext| ext.to_str()).is_some_and(|ext| {
        let lower = ext.to_ascii_lowercase();
        (lower == "yaml" || lower == "yml") && ext != lower
    })
}

/// A file of `data/` that is not built: the other files are.
fn left_out(problem: Diagnostic) -> Diagnostic {
    problem.noting(t!("project-left-out"))
}

fn has_figure_extension(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "yaml" || ext == "yml")
}

fn link_refused(shown: &Path) -> Diagnostic {
    Diagnostic::error(t!("project-link", path = shown)).help(t!("project-link-help"))
}

fn wrong_place<T>(shown: &Path) -> diag::Result<T> {
    Diagnostic::error(t!("project-not-a-figure-file", path = shown)).help(t!("project-figure-files-live")).into_err()
}
