//! Published versions: the archive folder, manifests, publishing, verifying, history.
//!
//! `archive/<series>/<as_of>/v<N>/` holds one published version: its outputs, from v2
//! on its correction note as a document of its own, a copy of every input (laid out
//! as a project, so the version can be rebuilt from it alone) and `manifest.json`
//! with the SHA-256 of every file. A version is written into a temporary folder and
//! renamed into place whole; nothing writes into a version folder after that, and
//! `build` never writes under `archive/`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use walkdir::WalkDir;

use crate::build::{Builder, Format, Publication, write_durable};
use crate::diag::{self, Diagnostic};
use crate::diff::{self, Change, Period};
use crate::fonts::Fonts;
use crate::markdown;
use crate::project::{FigureFile, Project};
use crate::render::Previous;
use crate::typeset::{Attachment, Head};

/// Files by name (relative to a version folder), with their bytes.
type Files = Vec<(String, Vec<u8>)>;

/// The manifest file of a version.
pub const MANIFEST: &str = "manifest.json";

/// The folder, inside a version, that holds the copies of its inputs.
const INPUTS: &str = "inputs";

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
    /// Each figure that differs from the previous version.
    pub changes: Vec<ChangeRecord>,
}

/// The version a correction corrects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreviousRecord {
    /// Its number.
    pub version: u32,
    /// When it was published.
    pub published_at: String,
}

/// A changed figure: `food.cases`, 186 → 188.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeRecord {
    /// `group.field`, or `totals.field` for a headline figure.
    pub figure: String,
    /// The value in the previous version.
    pub old: Option<u64>,
    /// The value in this version.
    pub new: Option<u64>,
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
    },
    /// The inputs are those of the latest version: nothing was written.
    Unchanged {
        /// The latest version.
        version: u32,
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

    /// The published versions of a period, oldest first.
    pub fn versions(&self, file: &FigureFile) -> diag::Result<Vec<(u32, Manifest)>> {
        let dir = self.period_dir(file);
        let mut numbers: Vec<u32> = match std::fs::read_dir(&dir) {
            Ok(entries) => {
                entries.filter_map(|entry| entry.ok()?.file_name().to_str()?.strip_prefix('v')?.parse().ok()).collect()
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => vec![],
            Err(err) => return Diagnostic::io("read", &dir, &err).into_err(),
        };
        numbers.sort_unstable();
        numbers.into_iter().map(|n| Ok((n, read_manifest(&dir.join(format!("v{n}")), self.project())?))).collect()
    }

    /// The latest published version's inputs as a project, and the figure file in it.
    pub fn latest_inputs(&self, file: &FigureFile) -> diag::Result<Option<VersionProject>> {
        let versions = self.versions(file)?;
        Ok(versions.last().map(|(number, _)| version_project(&self.period_dir(file).join(format!("v{number}")), file)))
    }

    /// Publishes a figure file as the next version of its period, unless its inputs
    /// are those of the latest version.
    pub fn publish(&self, file: &FigureFile, reason: Option<&str>, published_at: &str) -> diag::Result<Published> {
        let inputs = self.inputs(file)?;
        let hashes: Vec<FileHash> =
            inputs.iter().map(|(path, bytes)| FileHash { path: path.clone(), sha256: sha256(bytes) }).collect();
        let versions = self.versions(file)?;
        if let Some((number, latest)) = versions.last()
            && latest.record.inputs == hashes
            && latest.record.tool == TOOL
        {
            return Ok(Published::Unchanged { version: *number });
        }
        let version = versions.last().map_or(1, |(n, _)| n + 1);
        let period = self.period_dir(file);
        let (previous, changes) = match versions.last() {
            Some((number, latest)) => {
                let previous = PreviousRecord { version: *number, published_at: latest.record.published_at.clone() };
                let changes = self.changes(&period.join(format!("v{number}")), file)?;
                (Some(previous), changes)
            }
            None => (None, vec![]),
        };
        let record = Record {
            series: file.series.clone(),
            as_of: file.stem.clone(),
            version,
            published_at: published_at.to_string(),
            reason: reason.map(str::to_string),
            previous,
            tool: TOOL.to_string(),
            inputs: hashes,
            changes,
        };
        // The exact text, attached to the PDF: never through a lossy conversion.
        let figure_bytes = inputs.first().map(|(_, bytes)| bytes.clone()).unwrap_or_default();
        let figure_text = String::from_utf8(figure_bytes)
            .map_err(|_| vec![Diagnostic::error(format!("`{}` is not valid UTF-8", file.shown.display()))])?;
        let (outputs, fonts) =
            render_version(self.builder, file, &record, &figure_text, &self.project().shown(&period))?;
        let manifest = Manifest { record, fonts, outputs: hash_all(&outputs) };

        // Everything goes into a temporary folder first, renamed into place whole.
        let target = period.join(format!("v{version}"));
        let temp = period.join(format!(".v{version}.tmp"));
        if temp.exists() {
            std::fs::remove_dir_all(&temp).map_err(|err| vec![Diagnostic::io("remove", &temp, &err)])?;
        }
        let mut files = vec![];
        let placed = outputs.iter().map(|(name, bytes)| (temp.join(name), bytes));
        let copies = inputs.iter().map(|(name, bytes)| (temp.join(INPUTS).join(name), bytes));
        for (path, bytes) in placed.chain(copies) {
            write_durable(&path, bytes)?;
            files.push(path);
        }
        let json =
            serde_json::to_string_pretty(&manifest).map_err(|err| vec![Diagnostic::error(err.to_string())])? + "\n";
        write_durable(&temp.join(MANIFEST), json.as_bytes())?;
        files.push(temp.join(MANIFEST));
        if target.exists() {
            return Diagnostic::error(format!("`{}` already exists", self.project().shown(&target).display()))
                .into_err();
        }
        for path in &files {
            set_read_only(path)?;
        }
        std::fs::rename(&temp, &target).map_err(|err| vec![Diagnostic::io("publish", &target, &err)])?;
        let shown = files
            .iter()
            .filter(|path| !path.starts_with(temp.join(INPUTS)))
            .map(|path| self.project().shown(&target.join(path.strip_prefix(&temp).unwrap_or(path))))
            .collect();
        Ok(Published::New { version, files: shown })
    }

    /// The figure changes from an archived version to the current figure file.
    fn changes(&self, version_dir: &Path, file: &FigureFile) -> diag::Result<Vec<ChangeRecord>> {
        let old = version_project(version_dir, file);
        let old_builder = Builder::new(old.project.clone(), Arc::new(Fonts::none()));
        let (old_series, old_checked) = old_builder.check(&old.file)?;
        let old_totals = old_series.schema.totals(&old_checked.figures).map_err(|m| vec![Diagnostic::error(m)])?;
        let (series, checked) = self.builder.check(file)?;
        let totals = series.schema.totals(&checked.figures).map_err(|m| vec![Diagnostic::error(m)])?;
        let changes = diff::figures(
            &series.schema,
            &Period { figures: &old_checked.figures, totals: &old_totals },
            &Period { figures: &checked.figures, totals: &totals },
        );
        Ok(changes
            .into_iter()
            .map(|c| ChangeRecord { figure: format!("{}.{}", c.group, c.field), old: c.old, new: c.new })
            .collect())
    }

    /// The figure file and every file of its series' template folder, as (path from
    /// the project root, bytes), the figure file first.
    fn inputs(&self, file: &FigureFile) -> diag::Result<Vec<(String, Vec<u8>)>> {
        let read = |path: &Path| std::fs::read(path).map_err(|err| vec![Diagnostic::io("read", path, &err)]);
        let mut inputs = vec![(slash_path(&file.shown), read(&file.path)?)];
        let templates = self.project().templates().join(&file.series);
        for entry in WalkDir::new(&templates).sort_by_file_name() {
            let entry = entry.map_err(|err| vec![Diagnostic::error(format!("could not read templates: {err}"))])?;
            if entry.file_type().is_file() {
                inputs.push((slash_path(&self.project().shown(entry.path())), read(entry.path())?));
            }
        }
        Ok(inputs)
    }

    /// Every version of every period in the archive.
    pub fn all_versions(&self) -> diag::Result<Vec<PathBuf>> {
        let root = self.project().root.join("archive");
        if !root.is_dir() {
            return Ok(vec![]);
        }
        let mut dirs = vec![];
        for entry in WalkDir::new(&root).min_depth(3).max_depth(3).sort_by_file_name() {
            let entry = entry.map_err(|err| vec![Diagnostic::error(format!("could not read the archive: {err}"))])?;
            let is_version = entry.file_name().to_str().is_some_and(|n| n.starts_with('v'));
            if entry.file_type().is_dir() && is_version {
                dirs.push(entry.into_path());
            }
        }
        Ok(dirs)
    }

    /// Re-hashes a version's files against its manifest; returns the problems found.
    pub fn verify(&self, dir: &Path) -> Vec<Diagnostic> {
        let manifest = match read_manifest(dir, self.project()) {
            Ok(manifest) => manifest,
            Err(errors) => return errors,
        };
        let mut expected: BTreeMap<String, String> =
            manifest.outputs.iter().map(|f| (f.path.clone(), f.sha256.clone())).collect();
        for input in &manifest.record.inputs {
            expected.insert(format!("{INPUTS}/{}", input.path), input.sha256.clone());
        }
        let mut problems = vec![];
        let mut found = vec![];
        for entry in WalkDir::new(dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
            if !entry.file_type().is_file() || entry.file_name() == MANIFEST {
                continue;
            }
            let relative = slash_path(entry.path().strip_prefix(dir).unwrap_or(entry.path()));
            let shown = self.project().shown(entry.path());
            let Some(recorded) = expected.get(&relative) else {
                problems.push(Diagnostic::error(format!("`{}` is not in its manifest", shown.display())));
                continue;
            };
            found.push(relative.clone());
            match std::fs::read(entry.path()) {
                Ok(bytes) if sha256(&bytes) == *recorded => {}
                Ok(bytes) => problems.push(
                    Diagnostic::error(format!("`{}` does not match its manifest", shown.display()))
                        .note(format!("note: its SHA-256 is {}, the manifest records {recorded}", sha256(&bytes))),
                ),
                Err(err) => problems.push(Diagnostic::io("read", &shown, &err)),
            }
        }
        for path in expected.keys().filter(|path| !found.contains(path)) {
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
        let stem = record.as_of.clone();
        let inputs = Project { root: dir.join(INPUTS) };
        let file = FigureFile {
            path: inputs.root.join(&figure_path),
            shown: PathBuf::from(&figure_path),
            series: record.series.clone(),
            stem,
        };
        let builder = Builder::new(inputs, Arc::clone(fonts));
        let figure_text =
            std::fs::read_to_string(&file.path).map_err(|err| vec![Diagnostic::io("read", &file.path, &err)])?;
        let ident = self.project().shown(dir.parent().unwrap_or(dir));
        let (outputs, fonts) = render_version(&builder, &file, record, &figure_text, &ident)?;
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
            let archived = std::fs::read(dir.join(&name)).unwrap_or_default();
            if archived != bytes {
                let shown = self.project().shown(&dir.join(&name));
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
    file: &FigureFile,
    record: &Record,
    figure_text: &str,
    period: &Path,
) -> diag::Result<(Files, Vec<FontRecord>)> {
    let series = builder.series(&file.series)?;
    let note = match &record.previous {
        None => None,
        Some(previous) => {
            let changes: Vec<(String, String, String)> = record
                .changes
                .iter()
                .map(|c| {
                    let (group, field) = c.figure.split_once('.').unwrap_or((&c.figure, ""));
                    let change = Change { group: group.into(), field: field.into(), old: c.old, new: c.new };
                    change.describe(&series.schema)
                })
                .collect();
            let date = chinese_date(&previous.published_at);
            let reason = record.reason.as_deref().map(markdown::escape);
            let previous = Previous { version: previous.version, date: &date };
            Some(series.renderer.correction(&previous, reason.as_deref(), &changes)?)
        }
    };
    let json = serde_json::to_string_pretty(record).map_err(|err| vec![Diagnostic::error(err.to_string())])? + "\n";
    let attachments = vec![
        Attachment {
            name: format!("{}.yaml", file.stem),
            text: figure_text.to_string(),
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
    let formats = [Format::Md, Format::Html, Format::Pdf];
    let rendered = builder.render(file, &formats, Some(&publication))?;
    let mut fonts = rendered.fonts;
    let mut outputs: Files = rendered
        .outputs
        .into_iter()
        .map(|(format, bytes)| (format!("{}.{}", file.stem, format.extension()), bytes))
        .collect();
    if let Some(note) = note {
        let md = format!("# {}\n\n{note}\n", series.schema.title);
        let head = Head {
            series: &series.name,
            title: &series.schema.title,
            author: &series.schema.author,
            date: rendered.figures.as_of,
            version: Some(record.version),
            attachments: &[],
            fonts: &[],
        };
        let (note_outputs, note_fonts, _) = builder.outputs(&series, md, &head, &ident.join("correction"), &formats)?;
        for (format, bytes) in note_outputs {
            outputs.push((format!("{}-correction.{}", file.stem, format.extension()), bytes));
        }
        fonts.extend(note_fonts.into_iter().filter(|f| !fonts.contains(f)).collect::<Vec<_>>());
    }
    let fonts = fonts
        .iter()
        .map(|font| FontRecord { family: font.info().family.clone(), sha256: sha256(font.data()) })
        .collect();
    Ok((outputs, fonts))
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

fn read_manifest(dir: &Path, project: &Project) -> diag::Result<Manifest> {
    let path = dir.join(MANIFEST);
    let shown = project.shown(&path);
    let text = std::fs::read_to_string(&path).map_err(|err| vec![Diagnostic::io("read", &shown, &err)])?;
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

fn hash_all(files: &Files) -> Vec<FileHash> {
    files.iter().map(|(path, bytes)| FileHash { path: path.clone(), sha256: sha256(bytes) }).collect()
}

/// Lowercase hex SHA-256.
pub fn sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

fn slash_path(path: &Path) -> String {
    path.iter().map(|part| part.to_string_lossy()).collect::<Vec<_>>().join("/")
}

fn set_read_only(path: &Path) -> diag::Result<()> {
    let mut permissions =
        std::fs::metadata(path).map_err(|err| vec![Diagnostic::io("read", path, &err)])?.permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(path, permissions).map_err(|err| vec![Diagnostic::io("protect", path, &err)])
}

/// The time now as `2026-11-28T10:15:00Z`, or `SOURCE_DATE_EPOCH` when set (the
/// reproducible-builds convention), so a publication can be repeated exactly.
pub fn now() -> String {
    let seconds =
        std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        });
    let (y, m, d) = civil_from_days(seconds.div_euclid(86_400));
    let rest = seconds.rem_euclid(86_400);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60)
}

/// A publication time as the office writes the day, in Beijing time (UTC+8):
/// `2026年11月28日`.
pub fn chinese_date(published_at: &str) -> String {
    let (date, hour) = parse_utc(published_at);
    let (y, m, d) = match (date, hour) {
        (Some((y, m, d)), Some(hour)) => {
            let days = days_from_civil(y, m, d) + i64::from(hour + 8 >= 24);
            civil_from_days(days)
        }
        _ => return published_at.to_string(),
    };
    format!("{y}年{m}月{d}日")
}

/// A publication time in Beijing time for listings: `2026-11-28 18:15 (UTC+8)`.
pub fn local_time(published_at: &str) -> String {
    let (Some((y, m, d)), Some(hour)) = parse_utc(published_at) else { return published_at.to_string() };
    let minute = published_at.get(14..16).unwrap_or("00");
    let (y, m, d) = civil_from_days(days_from_civil(y, m, d) + i64::from(hour + 8 >= 24));
    format!("{y:04}-{m:02}-{d:02} {:02}:{minute} (UTC+8)", (hour + 8) % 24)
}

fn parse_utc(text: &str) -> (Option<(i64, u32, u32)>, Option<u32>) {
    let date =
        (|| Some((text.get(0..4)?.parse().ok()?, text.get(5..7)?.parse().ok()?, text.get(8..10)?.parse().ok()?)))();
    let hour = text.get(11..13).and_then(|h| h.parse().ok());
    (date, hour)
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (Howard Hinnant's
/// algorithm, all integer).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// (year, month, day) → days since 1970-01-01.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let month = i64::from(month);
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_convert_both_ways() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(days_from_civil(2019, 11, 15)), (2019, 11, 15));
        assert_eq!(civil_from_days(days_from_civil(2000, 2, 29)), (2000, 2, 29));
        assert_eq!(days_from_civil(2026, 11, 28), 20_785);
    }

    #[test]
    fn publication_times_read_in_beijing_time() {
        assert_eq!(chinese_date("2019-11-16T02:00:00Z"), "2019年11月16日");
        assert_eq!(chinese_date("2019-11-15T16:30:00Z"), "2019年11月16日");
        assert_eq!(chinese_date("2019-12-31T20:00:00Z"), "2020年1月1日");
        assert_eq!(local_time("2019-11-15T16:30:00Z"), "2019-11-16 00:30 (UTC+8)");
    }

    #[test]
    fn hashes_are_lowercase_hex() {
        assert_eq!(sha256(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
