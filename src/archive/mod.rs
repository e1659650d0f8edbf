//! Published versions: the archive folder, manifests, publishing, verifying, history.
//!
//! `archive/<series>/<as_of>/v<N>/` holds one published version: its outputs, from v2
//! on its correction note as a document of its own, a copy of every input (laid out
//! as a project, so the version can be rebuilt from it alone) and `manifest.json`
//! with the SHA-256 of every file. A version is written into a temporary folder and
//! renamed into place whole; nothing writes into a version folder after that, and
//! `build` never writes under `archive/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use time::{Month, OffsetDateTime, PrimitiveDateTime, UtcOffset};
use walkdir::WalkDir;

use crate::build::{self, Builder, Format, Input, LOCK_FILE, Publication, Rendered};
use crate::diag::{self, Diagnostic};
use crate::diff::{self, Period};
use crate::figures::{Figure, Figures};
use crate::fonts::Fonts;
use crate::fsio;
use crate::markdown;
use crate::project::{FigureFile, Project};
use crate::render::Correction;
use crate::series::Series;
use crate::snapshot::{sha256, slash_path};
use crate::typeset::{Attachment, Head};

/// Files by name (relative to a version folder), with their bytes.
type Files = Vec<(String, Vec<u8>)>;

/// The manifest file of a version.
pub const MANIFEST: &str = "manifest.json";

/// The folder, inside a version, that holds the copies of its inputs.
const INPUTS: &str = "inputs";

/// The largest archived file read back (a PDF with its fonts).
const MAX_ARCHIVED_BYTES: u64 = 512 * 1024 * 1024;

/// The tool and version that publishes.
const TOOL: &str = concat!("bulletin ", env!("CARGO_PKG_VERSION"));

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

/// What `publish` did.
pub enum Published {
    /// A new version was written.
    New {
        /// Its number.
        version: u32,
        /// The files written, as shown.
        files: Vec<PathBuf>,
        /// The version's outputs, put into `out/` to be uploaded, as shown.
        upload: Vec<PathBuf>,
        /// Warnings about the figure file.
        warnings: Vec<Diagnostic>,
    },
    /// The inputs are those of the latest version: nothing was published (the
    /// version's outputs were put back into `out/`).
    Unchanged {
        /// The latest version.
        version: u32,
        /// Its outputs in `out/`, to be uploaded, as shown.
        upload: Vec<PathBuf>,
    },
    /// What changed does not show in the bulletin, and no reason asks for a textual
    /// correction: nothing was written.
    Invisible {
        /// The latest version.
        version: u32,
        /// The exact changes, none of which shows.
        changes: Vec<ChangeRecord>,
    },
}

/// The archive of one project.
pub struct Archive<'a> {
    builder: &'a Builder,
}

impl<'a> Archive<'a> {
    /// The archive of the builder's project.
    pub fn new(builder: &'a Builder) -> Self {
        Self { builder }
    }

    fn project(&self) -> &Project {
        self.builder.project()
    }

    /// The folder of a period's versions.
    fn period_dir(&self, file: &FigureFile) -> PathBuf {
        self.project().root.join("archive").join(&file.series).join(&file.stem)
    }

    /// The published versions of a period, oldest first. A version that is a link
    /// instead of a folder is refused.
    pub fn versions(&self, file: &FigureFile) -> diag::Result<Vec<(u32, Manifest)>> {
        let dir = self.period_dir(file);
        self.refuse_links(&dir)?;
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
            Err(err) => return Diagnostic::io("read", &self.project().shown(&dir), &err).into_err(),
        };
        let mut numbers = vec![];
        for entry in entries.filter_map(Result::ok) {
            let Some(number) = entry.file_name().to_str().and_then(version_number) else { continue };
            if entry.file_type().is_ok_and(|kind| !kind.is_dir()) {
                return Diagnostic::error(format!(
                    "`{}` is not a folder",
                    self.project().shown(&entry.path()).display()
                ))
                .note("help: a published version is a folder; the archive may have been tampered with")
                .into_err();
            }
            numbers.push(number);
        }
        numbers.sort_unstable();
        numbers.into_iter().map(|n| Ok((n, read_manifest(&dir.join(format!("v{n}")), self.project())?))).collect()
    }

    /// The latest published version's inputs as a project, and the figure file in it.
    pub fn latest_inputs(&self, file: &FigureFile) -> diag::Result<Option<VersionProject>> {
        let versions = self.versions(file)?;
        Ok(versions.last().map(|(number, _)| version_project(&self.period_dir(file).join(format!("v{number}")), file)))
    }

    /// Publishes a figure file as the next version of its period, unless its inputs
    /// are those of the latest version. One publish of a period at a time: the
    /// period's lock is held from reading the versions to renaming the new one.
    pub fn publish(&self, file: &FigureFile, reason: Option<&str>, published_at: &str) -> diag::Result<Published> {
        let period = self.period_dir(file);
        let shown = self.project().shown(&period);
        self.refuse_links(&period)?;
        let waiting = format!("another publish of `{}`", file.shown.display());
        let _lock = fsio::lock(&period.join(LOCK_FILE), &shown.join(LOCK_FILE), &waiting)?;
        fsio::remove_temporaries(&period);
        let input = self.builder.input(file)?;
        // A plain build first, to learn which template files the bulletin reads: only
        // those (and the figure file) are the version's inputs, so a note dropped into
        // the template folder publishes nothing.
        let probe = self.builder.render(&input, &[Format::Pdf], &[], None)?;
        let figure = input.snapshot.figure_path.as_str();
        let inputs: Vec<(&str, &[u8])> =
            input.snapshot.inputs().filter(|(path, _)| *path == figure || probe.read.contains(*path)).collect();
        let hashes = hash_all(&inputs);
        let versions = self.versions(file)?;
        // The latest version's figures, by its own archived schema, read once.
        let before = versions.last().map(|(n, _)| self.figures_of(&period.join(format!("v{n}")), file)).transpose()?;
        // Unchanged: the same tool, the same template files and the same figures
        // (a comment or a reformatted line in the figure file is no correction).
        if let Some((number, latest)) = versions.last()
            && latest.record.tool == TOOL
            && latest.record.inputs.get(1..) == hashes.get(1..)
            && before.as_ref().is_some_and(|(figures, _)| *figures == probe.figures)
        {
            // out/ may hold a later build of a draft: put the published files back.
            let dir = period.join(format!("v{number}"));
            let mut files = vec![];
            for output in &latest.outputs {
                let path = dir.join(&output.path);
                let shown = self.project().shown(&path);
                files.push((
                    output.path.clone(),
                    fsio::read_regular(&path, &shown, MAX_ARCHIVED_BYTES, "an archived file")?,
                ));
            }
            let upload = self.builder.adopt(&input, &probe.read, &files)?;
            let upload = upload.iter().map(|path| self.project().shown(path)).collect();
            return Ok(Published::Unchanged { version: *number, upload });
        }
        let changed = before.as_ref().map(|before| changes(&input.series.schema, before, &probe)).unwrap_or_default();
        let record = self.record(&input, versions.last(), changed, reason, published_at, hashes)?;
        let warnings = probe.warnings;
        // Nothing a reader sees changed (one yuan in 16.7億元, a comma in the prose):
        // no correction unless the reason says what the textual correction is.
        if let Some((number, _)) = versions.last()
            && record.shown.is_empty()
            && reason.is_none()
        {
            return Ok(Published::Invisible { version: *number, changes: record.changes });
        }
        check_reason(reason, versions.last().map(|(n, _)| *n))?;
        let (outputs, fonts) = render_version(self.builder, &input, &record, &shown)?;
        let version = record.version;
        let manifest = Manifest { record, fonts, outputs: hash_all(&outputs) };
        let json = serde_json::to_string_pretty(&manifest).map_err(|err| vec![Diagnostic::error(err.to_string())])?;
        let json = json + "\n";
        let mut files: Vec<(String, &[u8])> = outputs.iter().map(|(name, bytes)| (name.clone(), &bytes[..])).collect();
        files.push((MANIFEST.to_string(), json.as_bytes()));
        let listed: Vec<PathBuf> = files.iter().map(|(name, _)| shown.join(format!("v{version}")).join(name)).collect();
        files.extend(inputs.iter().map(|(path, bytes)| (format!("{INPUTS}/{path}"), *bytes)));
        fsio::write_once_dir(&period.join(format!("v{version}")), &files)?;
        let upload = self.builder.adopt(&input, &probe.read, &outputs)?;
        let upload = upload.iter().map(|path| self.project().shown(path)).collect();
        Ok(Published::New { version, files: listed, upload, warnings })
    }

    /// The record of the next version: its number, what it corrects and how.
    fn record(
        &self,
        input: &Input,
        latest: Option<&(u32, Manifest)>,
        (changes, shown): (Vec<ChangeRecord>, Vec<ShownChange>),
        reason: Option<&str>,
        published_at: &str,
        inputs: Vec<FileHash>,
    ) -> diag::Result<Record> {
        let previous = match latest {
            Some((number, manifest)) => {
                let dir = self.period_dir(&input.file).join(format!("v{number}"));
                let first = manifest.record.previous.as_ref().and_then(|p| p.first_published_at.clone());
                let previous = PreviousRecord {
                    version: *number,
                    published_at: manifest.record.published_at.clone(),
                    first_published_at: Some(first.unwrap_or_else(|| manifest.record.published_at.clone())),
                    manifest_sha256: Some(sha256(&manifest_bytes(&dir, self.project())?)),
                };
                Some(previous)
            }
            None => None,
        };
        Ok(Record {
            series: input.file.series.clone(),
            as_of: input.file.stem.clone(),
            version: match latest {
                None => 1,
                Some((n, _)) => n.checked_add(1).ok_or_else(|| vec![Diagnostic::error("no version number is left")])?,
            },
            published_at: published_at.to_string(),
            reason: reason.map(str::to_string),
            previous,
            tool: TOOL.to_string(),
            inputs,
            changes,
            shown,
        })
    }

    /// Refuses to publish into an archive whose folders are links: the version would
    /// be written wherever they point.
    fn refuse_links(&self, period: &Path) -> diag::Result<()> {
        let root = &self.project().root;
        for dir in period.ancestors().take_while(|dir| dir.starts_with(root) && *dir != root) {
            if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
                return Diagnostic::error(format!("`{}` is a symbolic link", self.project().shown(dir).display()))
                    .note("help: the archive holds real folders only; it may have been tampered with")
                    .into_err();
            }
        }
        Ok(())
    }

    /// The figures of an archived version and their totals, by its own archived schema.
    fn figures_of(&self, version_dir: &Path, file: &FigureFile) -> diag::Result<(Figures, BTreeMap<String, u64>)> {
        let old = version_project(version_dir, file);
        let old_builder = Builder::new(old.project.clone(), Arc::new(Fonts::none()));
        let old_input = old_builder.input(&old.file)?;
        let figures = old_builder.check(&old_input)?.figures;
        let totals = old_input.series.schema.totals(&figures).map_err(|m| vec![Diagnostic::error(m)])?;
        Ok((figures, totals))
    }

    /// Every version of every period in the archive; a link where a series, period
    /// or version folder should be is listed too, for [`Archive::verify`] to refuse.
    pub fn all_versions(&self) -> diag::Result<Vec<PathBuf>> {
        let root = self.project().root.join("archive");
        if std::fs::symlink_metadata(&root).is_ok_and(|m| m.file_type().is_symlink()) {
            return Ok(vec![root]);
        }
        if !root.is_dir() {
            return Ok(vec![]);
        }
        let mut dirs = vec![];
        for entry in WalkDir::new(&root).min_depth(1).max_depth(3).sort_by_file_name() {
            let entry = entry.map_err(|err| vec![Diagnostic::error(format!("could not read the archive: {err}"))])?;
            let is_version = entry.depth() == 3 && entry.file_name().to_str().is_some_and(|n| n.starts_with('v'));
            if entry.path_is_symlink() || (is_version && entry.file_type().is_dir()) {
                dirs.push(entry.into_path());
            }
        }
        Ok(dirs)
    }

    /// The period folders of the archive (`archive/<series>/<as_of>`), in order.
    pub fn periods(&self) -> Vec<PathBuf> {
        let root = self.project().root.join("archive");
        if !std::fs::symlink_metadata(&root).is_ok_and(|m| m.is_dir()) {
            return vec![];
        }
        let entries = WalkDir::new(&root).min_depth(2).max_depth(2).sort_by_file_name().into_iter();
        entries.filter_map(Result::ok).filter(|e| e.file_type().is_dir()).map(walkdir::DirEntry::into_path).collect()
    }

    /// Checks what a period's folder holds as a whole: versions from v1 without a
    /// gap, nothing else, and each version's record of the manifest before it
    /// matching that manifest (the hash chain).
    pub fn verify_period(&self, period: &Path) -> Vec<Diagnostic> {
        let shown = |path: &Path| self.project().shown(path).display().to_string();
        let mut problems = vec![];
        let mut numbers = vec![];
        for entry in std::fs::read_dir(period).into_iter().flatten().filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            match version_number(&name) {
                _ if name == LOCK_FILE => {}
                Some(number) => numbers.push(number),
                // A link or a misnamed folder is reported by the version checks.
                None if name.starts_with('v') && entry.file_type().is_ok_and(|t| t.is_dir() || t.is_symlink()) => {}
                None => problems.push(
                    Diagnostic::error(format!("`{}` does not belong in the archive", shown(&entry.path())))
                        .note("note: a period's folder holds its versions, v1, v2, … and nothing else"),
                ),
            }
        }
        numbers.sort_unstable();
        if let Some(missing) = (1..).zip(&numbers).find(|(expected, number)| expected != *number).map(|(e, _)| e) {
            let path = period.join(format!("v{missing}"));
            problems.push(
                Diagnostic::error(format!("`{}` is missing", shown(&path)))
                    .note("note: versions run from v1 without a gap; one was deleted or renamed"),
            );
        }
        for pair in numbers.windows(2).filter(|pair| pair[1] == pair[0] + 1) {
            let (before, after) = (period.join(format!("v{}", pair[0])), period.join(format!("v{}", pair[1])));
            let (Ok(bytes), Ok(manifest)) =
                (manifest_bytes(&before, self.project()), read_manifest(&after, self.project()))
            else {
                continue; // An unreadable manifest is reported with its version.
            };
            let recorded = manifest.record.previous.and_then(|previous| previous.manifest_sha256);
            let actual = sha256(&bytes);
            if recorded.as_deref() != Some(actual.as_str()) {
                let recorded = recorded.unwrap_or_else(|| "nothing".to_string());
                problems.push(
                    Diagnostic::error(format!(
                        "`{}` does not match what `{}` recorded of it",
                        shown(&before.join(MANIFEST)),
                        shown(&after)
                    ))
                    .note(format!("note: its SHA-256 is {actual}; v{} recorded {recorded}", pair[1]))
                    .note("help: the earlier version's record was changed after the later one was published"),
                );
            }
        }
        problems
    }

    /// The latest version of a period and the SHA-256 of its manifest: the head of
    /// its hash chain, for the office to record elsewhere.
    pub fn head(&self, period: &Path) -> Option<(u32, String)> {
        let entries = std::fs::read_dir(period).ok()?.filter_map(Result::ok);
        let latest = entries.filter_map(|e| version_number(&e.file_name().to_string_lossy())).max()?;
        let bytes = manifest_bytes(&period.join(format!("v{latest}")), self.project()).ok()?;
        Some((latest, sha256(&bytes)))
    }

    /// Re-hashes a version's files against its manifest; returns the problems found.
    pub fn verify(&self, dir: &Path) -> Vec<Diagnostic> {
        let shown_dir = self.project().shown(dir);
        if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
            return vec![
                Diagnostic::error(format!("`{}` is a symbolic link", shown_dir.display()))
                    .note("help: the archive holds real folders only; it may have been tampered with"),
            ];
        }
        let manifest = match read_manifest(dir, self.project()) {
            Ok(manifest) => manifest,
            Err(errors) => return errors,
        };
        // The folder is where its manifest says: a copied or renamed version is not.
        let record = &manifest.record;
        let home = self.project().root.join("archive").join(&record.series).join(&record.as_of);
        let home = home.join(format!("v{}", record.version));
        if dir != home {
            return vec![
                Diagnostic::error(format!(
                    "`{}` holds the manifest of `{}`",
                    shown_dir.display(),
                    self.project().shown(&home).display()
                ))
                .note("help: a version folder is never copied or renamed; the archive may have been tampered with"),
            ];
        }
        let mut expected: BTreeMap<String, String> =
            manifest.outputs.iter().map(|f| (f.path.clone(), f.sha256.clone())).collect();
        for input in &manifest.record.inputs {
            expected.insert(format!("{INPUTS}/{}", input.path), input.sha256.clone());
        }
        let mut problems = vec![];
        for entry in WalkDir::new(dir).min_depth(1).sort_by_file_name().into_iter().filter_map(Result::ok) {
            let relative = slash_path(entry.path().strip_prefix(dir).unwrap_or(entry.path()));
            if (entry.file_type().is_dir() && !entry.path_is_symlink()) || relative == MANIFEST {
                continue;
            }
            let shown = self.project().shown(entry.path());
            let Some(recorded) = expected.remove(&relative) else {
                problems.push(Diagnostic::error(format!("`{}` is not in its manifest", shown.display())));
                continue;
            };
            match fsio::read_regular(entry.path(), &shown, MAX_ARCHIVED_BYTES, "an archived file") {
                Ok(bytes) if sha256(&bytes) == recorded => {}
                Ok(bytes) => problems.push(
                    Diagnostic::error(format!("`{}` does not match its manifest", shown.display()))
                        .note(format!("note: its SHA-256 is {}, the manifest records {recorded}", sha256(&bytes))),
                ),
                Err(mut errors) => problems.append(&mut errors),
            }
        }
        for path in expected.keys() {
            let shown = self.project().shown(&dir.join(path));
            problems.push(Diagnostic::error(format!("`{}` is missing from the archive", shown.display())));
        }
        problems
    }

    /// Rebuilds a version from its archived inputs and compares the outputs with the
    /// archived ones, byte for byte.
    pub fn rebuild(&self, dir: &Path, fonts: &Arc<Fonts>) -> diag::Result<Vec<Diagnostic>> {
        let manifest = read_manifest(dir, self.project())?;
        let record = &manifest.record;
        let Some(figure_path) = record.inputs.first().map(|input| input.path.clone()) else {
            return Diagnostic::error("the manifest lists no figure file").into_err();
        };
        let inputs = Project { root: dir.join(INPUTS) };
        let file = FigureFile {
            path: inputs.root.join(&figure_path),
            shown: PathBuf::from(&figure_path),
            series: record.series.clone(),
            stem: record.as_of.clone(),
        };
        let builder = Builder::new(inputs, Arc::clone(fonts));
        let input = builder.input(&file)?;
        let ident = self.project().shown(dir.parent().unwrap_or(dir));
        let (outputs, fonts) = render_version(&builder, &input, record, &ident)?;
        // The usual cause of a difference: the fonts on this machine are not those
        // the version was set in.
        let changed_fonts: Vec<String> = manifest
            .fonts
            .iter()
            .filter(|recorded| !fonts.contains(recorded))
            .map(|recorded| recorded.family.clone())
            .collect();
        let mut problems = vec![];
        for (name, bytes) in outputs {
            let shown = self.project().shown(&dir.join(&name));
            let archived = fsio::read_regular(&dir.join(&name), &shown, MAX_ARCHIVED_BYTES, "an archived file");
            if archived.ok() != Some(bytes) {
                let mut problem = Diagnostic::error(format!(
                    "rebuilding `{}` from its inputs gives different bytes",
                    shown.display()
                ));
                if !changed_fonts.is_empty() {
                    problem = problem.note(format!(
                        "note: these fonts are not the files the version was set in: {}",
                        changed_fonts.join(", ")
                    ));
                }
                problems.push(problem);
            }
        }
        Ok(problems)
    }
}

/// Makes a version's files: the bulletin (with its correction note from v2 on, and
/// the figure file and record attached to the PDF) and the note as a document of its
/// own. The same function serves publishing and rebuilding, so they cannot differ.
fn render_version(
    builder: &Builder,
    input: &Input,
    record: &Record,
    period: &Path,
) -> diag::Result<(Files, Vec<FontRecord>)> {
    let series = &input.series;
    let (title, _) = builder.title(input)?;
    let correction = correction_note(input, record, &title)?;
    let note = correction.as_ref().map(|(block, _)| block.clone());
    let json = serde_json::to_string_pretty(record).map_err(|err| vec![Diagnostic::error(err.to_string())])? + "\n";
    let attachments = vec![
        Attachment {
            name: format!("{}.yaml", input.file.stem),
            // The exact text of the snapshot, never through a lossy conversion.
            text: input.snapshot.raw.clone(),
            mime: "application/yaml",
            description: "the figure file this bulletin was made from".into(),
        },
        Attachment {
            name: MANIFEST.into(),
            text: json,
            mime: "application/json",
            description: "what this version was made from, when and why".into(),
        },
    ];
    let ident = period.join(format!("v{}", record.version));
    let publication =
        Publication { version: record.version, correction: note.clone(), attachments, ident: ident.clone() };
    let formats = build::FORMATS;
    // Every edition of the version, published together.
    let rendered = builder.render(input, &formats, &[], Some(&publication))?;
    let mut fonts = rendered.fonts;
    let stem = &input.file.stem;
    let mut outputs: Files = rendered
        .outputs
        .into_iter()
        .map(|((suffix, format), bytes)| (build::file_name(stem, &suffix, format), bytes))
        .collect();
    if let Some((_, md)) = correction {
        let notice = format!("{stem}-correction");
        for pair @ (edition, converter) in &series.editions {
            let (title, author, title_lines) = series.head_texts(converter, &title);
            let head = Head {
                series: &series.name,
                title: &title,
                title_lines: &title_lines,
                author: &author,
                date: rendered.figures.as_of,
                region: edition.language.region,
                version: Some(record.version),
                attachments: &[],
                fonts: &[],
                accepts: &series.accepts,
            };
            let ident = build::with_suffix(&ident.join("correction"), &edition.suffix);
            let links = build::links(&notice, &edition.suffix, &formats);
            let made = builder.outputs(series, pair, &md, &head, &ident, &formats, &links)?;
            for (format, bytes) in made.outputs {
                outputs.push((build::file_name(&notice, &edition.suffix, format), bytes));
            }
            fonts.extend(made.fonts.into_iter().filter(|f| !fonts.contains(f)).collect::<Vec<_>>());
        }
    }
    let fonts = fonts
        .iter()
        .map(|font| FontRecord { family: font.info().family.clone(), sha256: sha256(font.data()) })
        .collect();
    Ok((outputs, fonts))
}

/// The correction of a version after the first, rendered by the series'
/// `correction.md`: the note that opens the corrected bulletin (a block set apart,
/// under its heading) and the notice issued on its own (its own title, the note, the
/// issuing office and the day of the correction).
fn correction_note(input: &Input, record: &Record, title: &str) -> diag::Result<Option<(String, String)>> {
    let Some(previous) = &record.previous else { return Ok(None) };
    let schema = &input.series.schema;
    let changes: Vec<(String, String, String)> =
        record.shown.iter().map(|c| (c.label.clone(), c.old.clone(), c.new.clone())).collect();
    let first = previous.first_published_at.as_deref().unwrap_or(&previous.published_at);
    let (released, today) = (chinese_date(first), chinese_date(&record.published_at));
    // The note ends its own sentence: a reason's closing mark would double it.
    let trimmed = |r: &str| r.trim().trim_end_matches(['。', '；', '，', '.', ';', ',']).to_string();
    let reason = record.reason.as_deref().map(|r| markdown::escape(&trimmed(r)));
    let words = Correction {
        title,
        office: &schema.author,
        date: &today,
        previous: (previous.version, &released),
        reason: reason.as_deref(),
    };
    let note = input.series.renderer.correction(&words, &changes)?;
    let quoted: String = note.lines().map(|line| format!("> {line}\n")).collect();
    let block = format!("> ## {}\n>\n{quoted}", schema.correction.heading);
    let title = schema.correction.notice_title.replace("{title}", title);
    let notice = format!("# {title}\n\n{note}\n\n{}\n\n{today}\n", schema.author);
    Ok(Some((block, notice)))
}

/// The figure changes from an archived version (`before`: its figures and totals)
/// to the bulletin being published: every one exactly, and what a reader sees.
fn changes(
    schema: &Series,
    before: &(Figures, BTreeMap<String, u64>),
    now: &Rendered,
) -> (Vec<ChangeRecord>, Vec<ShownChange>) {
    let old = Period { figures: &before.0, totals: &before.1 };
    let new = Period { figures: &now.figures, totals: &now.totals };
    let changes = diff::figures(schema, &old, &new)
        .into_iter()
        .map(|c| ChangeRecord {
            figure: format!("{}.{}", c.group, c.field),
            old: c.old.as_ref().map(Figure::to_json),
            new: c.new.as_ref().map(Figure::to_json),
        })
        .collect();
    let shown = diff::visible(schema, &old, &new)
        .into_iter()
        .map(|(label, old, new)| ShownChange { label, old, new })
        .collect();
    (changes, shown)
}

/// A reason is one line of text without control characters (a terminal's escape
/// codes among them), and from v2 on there must be one: a correction says what was
/// wrong.
fn check_reason(reason: Option<&str>, latest: Option<u32>) -> diag::Result<()> {
    let problem = match reason {
        None if latest.is_some() => "a correction needs a reason: say what was wrong with `--reason`",
        None => return Ok(()),
        Some(text) if text.trim().is_empty() => "the reason is empty",
        Some(text) if text.contains(['\n', '\r']) => "the reason is more than one line",
        Some(text) if text.chars().any(|c| c.is_control() || is_layout_mark(c)) => {
            "the reason holds a control character"
        }
        Some(_) => return Ok(()),
    };
    Diagnostic::error(problem)
        .note("help: one line, such as `--reason \"食品類案件數錄入有誤\"`; it is printed in the correction note")
        .into_err()
}

/// A character that changes how text around it is laid out without being seen: a
/// line or paragraph separator, or a bidirectional embedding, override or isolate.
fn is_layout_mark(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text from a record, safe to print on a terminal: control characters (an escape
/// code written into an archive by hand) are shown as `\u{…}`.
pub fn printable(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { c.escape_unicode().to_string() } else { c.to_string() }).collect()
}

/// The number of a version folder's name, `v<N>` written as the tool writes it
/// (`v01` and `v1x` are not versions).
fn version_number(name: &str) -> Option<u32> {
    let number = name.strip_prefix('v')?.parse::<u32>().ok()?;
    (name == format!("v{number}")).then_some(number)
}

/// A version's inputs seen as a project, and its figure file in it.
pub struct VersionProject {
    /// The version's `inputs/` folder as a project.
    pub project: Project,
    /// The figure file in it.
    pub file: FigureFile,
}

fn version_project(dir: &Path, file: &FigureFile) -> VersionProject {
    let project = Project { root: dir.join(INPUTS) };
    let path = project.root.join(&file.shown);
    VersionProject { file: FigureFile { path, shown: file.shown.clone(), ..file.clone() }, project }
}

fn manifest_bytes(dir: &Path, project: &Project) -> diag::Result<Vec<u8>> {
    let path = dir.join(MANIFEST);
    fsio::read_regular(&path, &project.shown(&path), MAX_ARCHIVED_BYTES, "a manifest")
}

fn read_manifest(dir: &Path, project: &Project) -> diag::Result<Manifest> {
    let shown = project.shown(&dir.join(MANIFEST));
    let bytes = manifest_bytes(dir, project)?;
    let text =
        String::from_utf8(bytes).map_err(|_| vec![Diagnostic::error(format!("`{}` is not UTF-8", shown.display()))])?;
    serde_json::from_str(&text).map_err(|err| {
        let source = diag::Source::new(shown.clone(), text.clone());
        let line_start: usize = text.split_inclusive('\n').take(err.line().saturating_sub(1)).map(str::len).sum();
        let at = line_start + err.column().saturating_sub(1);
        vec![Diagnostic::error(format!("`{}` is not a valid manifest", shown.display())).at(
            &source,
            at..at + 1,
            err.to_string(),
        )]
    })
}

fn hash_all<P: AsRef<str>, B: AsRef<[u8]>>(files: &[(P, B)]) -> Vec<FileHash> {
    files
        .iter()
        .map(|(path, bytes)| FileHash { path: path.as_ref().to_string(), sha256: sha256(bytes.as_ref()) })
        .collect()
}

/// The time now as `2026-11-28T10:15:00Z`, or `SOURCE_DATE_EPOCH` when set (the
/// reproducible-builds convention), so a publication can be repeated exactly.
pub fn now() -> String {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok());
    let time = epoch.and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok()).unwrap_or_else(OffsetDateTime::now_utc);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        time.year(),
        u8::from(time.month()),
        time.day(),
        time.hour(),
        time.minute(),
        time.second()
    )
}

/// A publication time (`2019-11-15T16:30:00Z`) in Beijing time (UTC+8).
fn beijing(published_at: &str) -> Option<OffsetDateTime> {
    let number = |range: std::ops::Range<usize>| published_at.get(range)?.parse::<u16>().ok();
    let date = time::Date::from_calendar_date(
        i32::from(number(0..4)?),
        Month::try_from(u8::try_from(number(5..7)?).ok()?).ok()?,
        u8::try_from(number(8..10)?).ok()?,
    )
    .ok()?;
    let [hour, minute] = [number(11..13)?, number(14..16)?].map(|n| u8::try_from(n).unwrap_or(u8::MAX));
    let time = time::Time::from_hms(hour, minute, 0).ok()?;
    Some(PrimitiveDateTime::new(date, time).assume_utc().to_offset(UtcOffset::from_hms(8, 0, 0).ok()?))
}

/// A publication time as the office writes the day, in Beijing time (UTC+8):
/// `2026年11月28日`.
pub fn chinese_date(published_at: &str) -> String {
    beijing(published_at)
        .map_or_else(|| published_at.to_string(), |t| format!("{}年{}月{}日", t.year(), u8::from(t.month()), t.day()))
}

/// A publication time in Beijing time for listings: `2026-11-28 18:15 (UTC+8)`.
pub fn local_time(published_at: &str) -> String {
    beijing(published_at).map_or_else(
        || published_at.to_string(),
        |t| {
            format!(
                "{:04}-{:02}-{:02} {:02}:{:02} (UTC+8)",
                t.year(),
                u8::from(t.month()),
                t.day(),
                t.hour(),
                t.minute()
            )
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publication_times_read_in_beijing_time() {
        assert_eq!(chinese_date("2019-11-16T02:00:00Z"), "2019年11月16日");
        assert_eq!(chinese_date("2019-11-15T16:30:00Z"), "2019年11月16日");
        assert_eq!(chinese_date("2019-12-31T20:00:00Z"), "2020年1月1日");
        assert_eq!(chinese_date("2020-02-28T16:00:00Z"), "2020年2月29日");
        assert_eq!(local_time("2019-11-15T16:30:00Z"), "2019-11-16 00:30 (UTC+8)");
        assert_eq!(chinese_date("not a time"), "not a time");
    }
}
