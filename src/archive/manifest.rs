//! A version's manifest (`manifest.json`): its record (what it was made from, when
//! and why, what it corrects), the fonts its PDFs are set in and the SHA-256 of every
//! output. Each record holds the hash of the manifest before it, so a period's
//! versions form a chain.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diag::{self, Diagnostic};
use crate::i18n::t;
use crate::input::project::{FigureFile, Project};
use crate::input::snapshot::sha256;
use crate::io;

/// The manifest file of a version.
pub const MANIFEST: &str = "manifest.json";

/// The folder, inside a version, that holds the copies of its inputs.
pub const INPUTS: &str = "inputs";

/// The largest archived file read back (a PDF with its fonts).
pub const MAX_ARCHIVED_BYTES: u64 = 512 * 1024 * 1024;

/// The tool and version that publishes.
pub const TOOL: &str = concat!("bulletin ", env!("CARGO_PKG_VERSION"));

/// What a version was made from and why: attached to its PDF, and the first part of
/// its manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The series.
    pub series: String,
    /// The period.
    pub as_of: String,
    /// The version number, from 1.
    pub version: u32,
    /// When it was published, UTC (`2026-11-28T10:15:00Z`).
    pub published_at: String,
    /// Why it was published (for a correction: what was wrong).
    pub reason: Option<String>,
    /// The version it corrects.
    pub previous: Option<PreviousRecord>,
    /// The tool that made it.
    pub tool: String,
    /// The figure file and every template file, with their SHA-256.
    pub inputs: Vec<FileHash>,
    /// Each figure that differs from the previous version, exactly.
    pub changes: Vec<ChangeRecord>,
    /// What a reader sees change, as the correction note lists it (figures as
    /// printed, then totals and year-on-year results); empty for a textual
    /// correction.
    #[serde(default)]
    pub shown: Vec<ShownChange>,
    /// The guards the user accepted (`--accept`): figures that looked like a slip
    /// against the period before and were published as they are.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<String>,
    /// Every correction of the period up to this version, oldest first: what its
    /// correction note lists, grouped by the day of each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<CorrectionRecord>,
}

/// One correction of a period, as later notes list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectionRecord {
    /// The version it made.
    pub version: u32,
    /// When it was published, UTC.
    pub published_at: String,
    /// Why.
    pub reason: Option<String>,
    /// What a reader saw change.
    pub shown: Vec<ShownChange>,
}

/// A change as the correction note prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShownChange {
    /// The figure's name in words (`食品類破獲案件數`).
    pub label: String,
    /// As printed before (`186起`).
    pub old: String,
    /// As printed now.
    pub new: String,
}

/// The version a correction corrects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreviousRecord {
    /// Its number.
    pub version: u32,
    /// When it was published.
    pub published_at: String,
    /// When the period was first published (v1): the release a correction cites.
    #[serde(default)]
    pub first_published_at: Option<String>,
    /// The SHA-256 of its `manifest.json`: each version vouches for the one before,
    /// so the versions form a chain that no earlier record can leave unnoticed.
    #[serde(default)]
    pub manifest_sha256: Option<String>,
}

/// A changed figure: `food.cases`, 186 → 188.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeRecord {
    /// `group.field`, or `totals.field` for a headline figure.
    pub figure: String,
    /// The value in the previous version (a number, or the text of a decimal, a
    /// date or a paragraph, or a list of records).
    pub old: Option<serde_json::Value>,
    /// The value in this version.
    pub new: Option<serde_json::Value>,
}

/// A file and its SHA-256, the path relative to the version folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileHash {
    /// The path, with `/` separators.
    pub path: String,
    /// Lowercase hex.
    pub sha256: String,
}

/// A font the version's PDFs are set in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FontRecord {
    /// The family name.
    pub family: String,
    /// The SHA-256 of the font file.
    pub sha256: String,
}

/// A version's manifest: the record, the fonts used and every output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// What the version was made from and why.
    pub record: Record,
    /// The fonts its PDFs use.
    pub fonts: Vec<FontRecord>,
    /// Every output file, with its SHA-256.
    pub outputs: Vec<FileHash>,
}

/// A version's inputs seen as a project, and its figure file in it.
pub struct VersionProject {
    /// The version's `inputs/` folder as a project.
    pub project: Project,
    /// The figure file in it.
    pub file: FigureFile,
}

/// The inputs of the version in `dir` seen as a project, with `file` in it.
pub fn version_project(dir: &Path, file: &FigureFile) -> VersionProject {
    let project = Project { root: dir.join(INPUTS) };
    let path = project.root.join(&file.shown);
    VersionProject { file: FigureFile { path, shown: file.shown.clone(), ..file.clone() }, project }
}

/// The number of a version folder's name, `v<N>` written as the tool writes it
/// (`v01` and `v1x` are not versions).
pub fn version_number(name: &str) -> Option<u32> {
    let number = name.strip_prefix('v')?.parse::<u32>().ok()?;
    // Versions are numbered from 1: `v0` is none.
    (number > 0 && name == format!("v{number}")).then_some(number)
}

/// The bytes of a version's manifest.
pub fn manifest_bytes(dir: &Path, project: &Project) -> diag::Result<Vec<u8>> {
    let path = dir.join(MANIFEST);
    io::read_regular(&path, &project.shown(&path), MAX_ARCHIVED_BYTES, &t!("what-manifest").text)
}

/// A version's manifest, read and parsed; an error points at the place in it.
pub fn read_manifest(dir: &Path, project: &Project) -> diag::Result<Manifest> {
    let shown = project.shown(&dir.join(MANIFEST));
    let bytes = manifest_bytes(dir, project)?;
    let text = String::from_utf8(bytes).map_err(|_| vec![Diagnostic::error(t!("manifest-not-utf8", path = &shown))])?;
    serde_json::from_str(&text).map_err(|err| {
        let source = diag::Source::new(shown.clone(), text.clone());
        let line_start: usize = text.split_inclusive('\n').take(err.line().saturating_sub(1)).map(str::len).sum();
        let at = line_start + err.column().saturating_sub(1);
        vec![Diagnostic::error(t!("manifest-invalid", path = &shown)).at(&source, at..at + 1, err.to_string())]
    })
}

/// The SHA-256 of each file, by path.
pub fn hash_all<P: AsRef<str>, B: AsRef<[u8]>>(files: &[(P, B)]) -> Vec<FileHash> {
    files
        .iter()
        .map(|(path, bytes)| FileHash { path: path.as_ref().to_string(), sha256: sha256(bytes.as_ref()) })
        .collect()
}
