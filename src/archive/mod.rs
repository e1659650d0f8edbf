//! Published versions: `archive/<series>/<as_of>/v<N>/` holds one published version:
//! its outputs, from v2 on its correction notice, a copy of every input (laid out as
//! a project, so the version can be rebuilt from it alone) and `manifest.json` with
//! the SHA-256 of every file ([`manifest`]). A version is written into a temporary
//! folder and renamed into place whole ([`publish`]); nothing writes into a version
//! folder after that, and [`verify`] reads it back.
//!
//! The only writer of `archive/`. May use: `pipeline` (to render a version, through
//! its one render entry), `input`, `core`, `diag`, and `io` for the disk.

pub mod manifest;
pub mod publish;
pub mod verify;

use std::path::{Path, PathBuf};

use crate::diag::{self, Diagnostic};
use crate::i18n::t;
use crate::input::project::{FigureFile, Project};
use crate::io::{self, Kind};

pub use manifest::{MANIFEST, Manifest, Record, VersionProject};
pub use publish::{Published, Request, now};

use manifest::{read_manifest, version_number, version_project};

/// What the archive says when a folder of it is a link.
/// The help for a link in the archive.
pub(crate) fn tampered() -> String {
    format!("help: {}", t!("archive-tampered"))
}

/// The archive of one project.
pub struct Archive {
    project: Project,
}

impl Archive {
    /// The archive of `project`.
    pub fn new(project: Project) -> Self {
        Self { project }
    }

    /// The project.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Whether the project has an archive folder (or something in its place).
    pub fn exists(&self) -> bool {
        io::kind(&self.root()).is_some()
    }

    /// The archive's folder.
    fn root(&self) -> PathBuf {
        self.project.root.join("archive")
    }

    /// The folder of a period's versions.
    fn period_dir(&self, file: &FigureFile) -> PathBuf {
        self.root().join(&file.series).join(&file.stem)
    }

    /// The published versions of a period, oldest first. A version that is a link
    /// instead of a folder is refused.
    pub fn versions(&self, file: &FigureFile) -> diag::Result<Vec<(u32, Manifest)>> {
        let dir = self.period_dir(file);
        self.refuse_links(&dir)?;
        let entries = match io::entries(&dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
            Err(err) => return Diagnostic::io("read", &self.project.shown(&dir), &err).into_err(),
        };
        let mut numbers = vec![];
        for entry in entries {
            let Some(number) = version_number(&entry.name) else { continue };
            if entry.kind != Kind::Dir {
                return Diagnostic::error(t!("snapshot-not-a-folder", path = self.project.shown(&entry.path)))
                    .help(t!("archive-version-not-folder-help"))
                    .into_err();
            }
            numbers.push(number);
        }
        numbers.sort_unstable();
        numbers.into_iter().map(|n| Ok((n, read_manifest(&dir.join(format!("v{n}")), &self.project)?))).collect()
    }

    /// The latest published version's inputs as a project, and the figure file in it.
    pub fn latest_inputs(&self, file: &FigureFile) -> diag::Result<Option<VersionProject>> {
        let versions = self.versions(file)?;
        Ok(versions.last().map(|(number, _)| version_project(&self.period_dir(file).join(format!("v{number}")), file)))
    }

    /// Refuses to publish into an archive whose folders are links: the version would
    /// be written wherever they point.
    fn refuse_links(&self, period: &Path) -> diag::Result<()> {
        io::refuse_links_below(&self.project.root, period, &|dir| self.project.shown(dir), &tampered())
    }
}

/// What the archive says of a period a build is about to build.
pub struct PeriodState {
    /// Its published versions, oldest first.
    pub versions: Vec<(u32, Manifest)>,
    /// Whether its inputs (the figure file and every template file its latest version
    /// read) are no longer those that version was made from: a build of them is a
    /// draft of a correction.
    pub changed: bool,
}

impl Archive {
    /// A period's published versions and whether its inputs changed since the latest;
    /// `None` for a period never published.
    pub fn state(&self, file: &FigureFile) -> diag::Result<Option<PeriodState>> {
        let versions = self.versions(file)?;
        let Some((_, latest)) = versions.last() else { return Ok(None) };
        let changed = latest.record.inputs.iter().any(|input| {
            let path = self.project.root.join(&input.path);
            let read =
                io::read_regular(&path, Path::new(&input.path), manifest::MAX_ARCHIVED_BYTES, &t!("what-input").text);
            read.map_or(true, |bytes| crate::input::snapshot::sha256(&bytes) != input.sha256)
        });
        Ok(Some(PeriodState { versions, changed }))
    }

    /// A published period's first edition as a plain build of its latest version's
    /// own archived inputs renders it: the text a draft of a correction is compared
    /// with. `None` for a period never published.
    pub fn published_markdown(&self, file: &FigureFile) -> diag::Result<Option<(u32, String)>> {
        let versions = self.versions(file)?;
        let Some((number, _)) = versions.last() else { return Ok(None) };
        let before = publish::published_render(&self.period_dir(file).join(format!("v{number}")), file)?;
        Ok(Some((*number, before.markdown)))
    }
}
