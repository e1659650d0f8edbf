//! A project being built: its fonts, its series (read and loaded once per process,
//! shared by all their periods) and the Typst compiler, made on first use; and a
//! figure file read with everything its build reads.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use crate::core::figure::Figures;
use crate::diag::{self, Diagnostic, Source};
use crate::i18n::t;
use crate::input::compare;
use crate::input::figures::Checked;
use crate::input::fonts::Fonts;
use crate::input::project::{FigureFile, Periods, Project};
use crate::input::snapshot::{self, SeriesFiles, Snapshot};
use crate::pipeline::series::LoadedSeries;
use crate::pipeline::stamps::Stamps;
use crate::render::typst::compile::Compiler;

/// A project with what its builds share: fonts, loaded series, the compiler.
pub struct Workspace {
    project: Project,
    fonts: Arc<Fonts>,
    /// Made on first use: commands that typeset nothing never build Typst's library.
    compiler: OnceLock<Arc<Compiler>>,
    /// Series loaded so far, or the errors of one whose templates failed to load (a
    /// build reports them once, with the first file that needed it).
    series: Mutex<HashMap<String, Result<Arc<LoadedSeries>, diag::Diagnostics>>>,
    /// What each output was built from.
    pub(crate) stamps: Stamps,
    /// The periods of each series' folder, listed once while a batch is built
    /// ([`Workspace::listing_once`]); `None` otherwise, when a folder is listed
    /// whenever asked (a preview's files come and go).
    periods: Mutex<Option<HashMap<PathBuf, Arc<Periods>>>>,
}

/// While held, each series' folder is listed once; dropped, listed whenever asked.
pub struct Listing<'a>(&'a Workspace);

impl Drop for Listing<'_> {
    fn drop(&mut self) {
        *self.0.periods.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }
}

/// A figure file with its snapshot and its series: everything a build reads.
pub struct Input {
    /// Where the figure file is.
    pub file: FigureFile,
    /// The figure file and templates, as read.
    pub snapshot: Snapshot,
    /// The series, loaded from the same template files.
    pub series: Arc<LoadedSeries>,
    /// For a cumulative series, the latest earlier period of the same year, which
    /// the file is checked against.
    pub earlier: Option<Earlier>,
}

/// The earlier period a figure file is checked against, as read with it.
pub struct Earlier {
    /// Its date.
    pub stem: String,
    /// Its text, as validated.
    pub source: Arc<Source>,
    /// The SHA-256 of its exact bytes, for the build's stamp.
    pub sha256: String,
    /// Whether it is of the same year (else the last period of the year before).
    pub same_year: bool,
}

impl Workspace {
    /// A workspace for `project` using `fonts` (discovered lazily by the caller).
    pub fn new(project: Project, fonts: Arc<Fonts>) -> Self {
        let stamps = Stamps::new(project.out());
        Self { project, fonts, compiler: OnceLock::new(), series: Mutex::default(), stamps, periods: Mutex::default() }
    }

    /// The project.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// The fonts.
    pub fn fonts(&self) -> &Arc<Fonts> {
        &self.fonts
    }

    pub(crate) fn compiler(&self) -> &Arc<Compiler> {
        self.compiler.get_or_init(|| Arc::new(Compiler::new(Arc::clone(&self.fonts))))
    }

    /// A series' templates, read and loaded on first use; a series whose templates
    /// failed is reported in full the first time, in one line after.
    pub fn series(&self, name: &str) -> diag::Result<Arc<LoadedSeries>> {
        match self.series_or_errors(name) {
            (Ok(loaded), _) => Ok(loaded),
            (Err(errors), true) => Err(errors),
            (Err(_), false) => Diagnostic::error(t!("workspace-series-skipped", series = name)).into_err(),
        }
    }

    /// A series' templates, or all their errors however often asked (for a preview,
    /// where every page shows them in full).
    pub fn series_report(&self, name: &str) -> diag::Result<Arc<LoadedSeries>> {
        self.series_or_errors(name).0
    }

    /// The series, loaded on first use, and whether this call loaded it.
    fn series_or_errors(&self, name: &str) -> (diag::Result<Arc<LoadedSeries>>, bool) {
        let lock = || self.series.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(loaded) = lock().get(name) {
            return (loaded.clone(), false);
        }
        let loaded = SeriesFiles::read(&self.project, name).and_then(LoadedSeries::load).map(Arc::new);
        lock().insert(name.to_string(), loaded.clone());
        (loaded, true)
    }

    /// Forgets a loaded series (or every one), so the next use reads its template
    /// files again: for a preview, after a template was saved.
    pub fn reload(&self, series: Option<&str>) {
        let mut loaded = self.series.lock().unwrap_or_else(PoisonError::into_inner);
        match series {
            Some(name) => {
                loaded.remove(name);
            }
            None => loaded.clear(),
        }
    }

    /// Reads a figure file into a snapshot with its series' templates (and, for a
    /// cumulative series, the earlier period it is checked against).
    pub fn input(&self, file: &FigureFile) -> diag::Result<Input> {
        let series = self.series(&file.series)?;
        let snapshot = Snapshot::read(file, Arc::clone(&series.files))?;
        // One that cannot be read is reported when it is built itself.
        let earlier = series.schema.cumulative.and_then(|_| self.earlier_period(file));
        let earlier = earlier.and_then(|(earlier, same_year)| {
            let (source, raw) = snapshot::read_figure_file(&earlier).ok()?;
            Some(Earlier { stem: earlier.stem, source, sha256: snapshot::sha256(raw.as_bytes()), same_year })
        });
        Ok(Input { file: file.clone(), snapshot, series, earlier })
    }
}

impl Workspace {
    /// Lists each series' folder once until the returned guard is dropped: a batch
    /// of 10,000 periods would otherwise list its folder 10,000 times.
    pub fn listing_once(&self) -> Listing<'_> {
        *self.periods.lock().unwrap_or_else(PoisonError::into_inner) = Some(HashMap::new());
        Listing(self)
    }

    /// The earlier period `file` is checked against, from the folder's listing.
    fn earlier_period(&self, file: &FigureFile) -> Option<(FigureFile, bool)> {
        let dir = file.path.parent()?;
        let mut guard = self.periods.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(listed) = guard.as_mut() else {
            drop(guard);
            return self.project.earlier_period(file);
        };
        let periods = Arc::clone(listed.entry(dir.to_path_buf()).or_insert_with(|| Arc::new(Project::periods(dir))));
        drop(guard);
        self.project.earlier_among(file, &periods)
    }
}

impl Input {
    /// Validates the figure file against its series, and, for a cumulative series,
    /// against the latest earlier period of its year.
    pub fn check(&self) -> diag::Result<Checked> {
        let earlier = self.earlier.as_ref().map(|earlier| compare::Earlier {
            source: &earlier.source,
            stem: &earlier.stem,
            same_year: earlier.same_year,
        });
        compare::check(&self.series.schema, &self.snapshot.figure, &self.file.stem, earlier.as_ref())
    }

    /// The figures with their headline totals.
    pub fn totals(&self, figures: &Figures) -> diag::Result<std::collections::BTreeMap<String, u64>> {
        self.series.schema.totals(figures).map_err(|message| vec![Diagnostic::error(message)])
    }
}
