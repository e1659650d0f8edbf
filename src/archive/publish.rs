//! Publishing: the next version of a period, unless its inputs are the latest
//! version's; from v2 on, a correction with its note and notice. What a reader sees
//! change is worked out from the figures as printed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use crate::archive::Archive;
use crate::archive::manifest::{
    ChangeRecord, FileHash, FontRecord, INPUTS, MANIFEST, MAX_ARCHIVED_BYTES, Manifest, PreviousRecord, Record,
    ShownChange, TOOL, hash_all, manifest_bytes, version_project,
};
use crate::core::diff::{self, Period};
use crate::core::figure::{Figure, Figures};
use crate::core::schema::Series;
use crate::core::time::chinese_date;
use crate::diag::{self, Diagnostic};
use crate::input::figures;
use crate::input::project::FigureFile;
use crate::input::schema;
use crate::input::snapshot::{SeriesFiles, read_figure_file, sha256};
use crate::io::{self, LOCK_FILE};
use crate::pipeline::formats::{self, Format};
use crate::pipeline::{Correction, Input, Job, Rendered, Version, Workspace};
use crate::render::typst::markup::Attachment;

/// Files by name (relative to a version folder), with their bytes.
type Files = Vec<(String, Vec<u8>)>;

/// What puts a published version's files into `out/` as the files to upload (the
/// pipeline's, handed in by the command): called with the input, the template files
/// the bulletin read and the files, while the period is still locked.
pub type Adopt<'a> = &'a dyn Fn(&Input, &BTreeSet<String>, &[(String, Vec<u8>)]) -> diag::Result<Vec<PathBuf>>;

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

impl Archive {
    /// Publishes a figure file as the next version of its period, unless its inputs
    /// are those of the latest version. One publish of a period at a time: the
    /// period's lock is held from reading the inputs to putting the version's files
    /// into `out/` (`adopt`).
    pub fn publish(
        &self,
        workspace: &Workspace,
        file: &FigureFile,
        reason: Option<&str>,
        published_at: &str,
        adopt: Adopt<'_>,
    ) -> diag::Result<Published> {
        let period = self.period_dir(file);
        let shown = self.project.shown(&period);
        self.refuse_links(&period)?;
        let waiting = format!("another publish of `{}`", file.shown.display());
        let _lock = io::lock(&period.join(LOCK_FILE), &shown.join(LOCK_FILE), &waiting)?;
        io::remove_temporaries(&period);
        let input = workspace.input(file)?;
        // A plain build first, to learn which template files the bulletin reads: only
        // those (and the figure file) are the version's inputs, so a note dropped into
        // the template folder publishes nothing.
        let probe = workspace.render(&input, &Job { formats: &[Format::Pdf], editions: &[], version: None })?;
        let figure = input.snapshot.figure_path.as_str();
        let inputs: Vec<(&str, &[u8])> =
            input.snapshot.inputs().filter(|(path, _)| *path == figure || probe.read.contains(*path)).collect();
        let hashes = hash_all(&inputs);
        let versions = self.versions(file)?;
        // The latest version's figures, by its own archived schema, read once.
        let before = versions.last().map(|(n, _)| figures_of(&period.join(format!("v{n}")), file)).transpose()?;
        // Unchanged: the same tool, the same template files and the same figures
        // (a comment or a reformatted line in the figure file is no correction).
        if let Some((number, latest)) = versions.last()
            && latest.record.tool == TOOL
            && latest.record.inputs.get(1..) == hashes.get(1..)
            && before.as_ref().is_some_and(|(figures, _)| *figures == probe.figures)
        {
            // out/ may hold a later build of a draft: put the published files back.
            let files = self.archived_outputs(&period.join(format!("v{number}")), latest)?;
            let upload = adopt(&input, &probe.read, &files)?;
            let upload = upload.iter().map(|path| self.project.shown(path)).collect();
            return Ok(Published::Unchanged { version: *number, upload });
        }
        let changed = before.as_ref().map(|before| changes(&input.series.schema, before, &probe)).unwrap_or_default();
        let record = self.record(&input, versions.last(), changed, reason, published_at, hashes)?;
        // Nothing a reader sees changed (one yuan in 16.7億元, a comma in the prose):
        // no correction unless the reason says what the textual correction is.
        if let Some((number, _)) = versions.last()
            && record.shown.is_empty()
            && reason.is_none()
        {
            return Ok(Published::Invisible { version: *number, changes: record.changes });
        }
        check_reason(reason, versions.last().map(|(n, _)| *n))?;
        let (version, listed, outputs) = self.write_version(workspace, &input, record, &inputs)?;
        let upload = adopt(&input, &probe.read, &outputs)?;
        let upload = upload.iter().map(|path| self.project.shown(path)).collect();
        Ok(Published::New { version, files: listed, upload, warnings: probe.warnings })
    }

    /// Renders and writes a new version: its outputs, its manifest and a copy of its
    /// inputs, into a folder renamed into place whole. Returns its number, the files
    /// written (as shown) and its outputs.
    fn write_version(
        &self,
        workspace: &Workspace,
        input: &Input,
        record: Record,
        inputs: &[(&str, &[u8])],
    ) -> diag::Result<(u32, Vec<PathBuf>, Files)> {
        let period = self.period_dir(&input.file);
        let shown = self.project.shown(&period);
        let (outputs, fonts) = render_version(workspace, input, &record, &shown)?;
        let version = record.version;
        let manifest = Manifest { record, fonts, outputs: hash_all(&outputs) };
        let json = serde_json::to_string_pretty(&manifest).map_err(|err| vec![Diagnostic::error(err.to_string())])?;
        let json = json + "\n";
        let mut files: Vec<(String, &[u8])> = outputs.iter().map(|(name, bytes)| (name.clone(), &bytes[..])).collect();
        files.push((MANIFEST.to_string(), json.as_bytes()));
        let listed: Vec<PathBuf> = files.iter().map(|(name, _)| shown.join(format!("v{version}")).join(name)).collect();
        files.extend(inputs.iter().map(|(path, bytes)| (format!("{INPUTS}/{path}"), *bytes)));
        io::write_once_dir(&period.join(format!("v{version}")), &files)?;
        Ok((version, listed, outputs))
    }

    /// The outputs a version archived, read back.
    fn archived_outputs(&self, dir: &Path, manifest: &Manifest) -> diag::Result<Files> {
        let mut files = vec![];
        for output in &manifest.outputs {
            let path = dir.join(&output.path);
            let shown = self.project.shown(&path);
            files.push((output.path.clone(), io::read_regular(&path, &shown, MAX_ARCHIVED_BYTES, "an archived file")?));
        }
        Ok(files)
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
                    manifest_sha256: Some(sha256(&manifest_bytes(&dir, &self.project)?)),
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
}

/// The figures of an archived version and their totals, by its own archived schema.
fn figures_of(version_dir: &Path, file: &FigureFile) -> diag::Result<(Figures, BTreeMap<String, u64>)> {
    let old = version_project(version_dir, file);
    let files = SeriesFiles::read(&old.project, &old.file.series)?;
    let schema = schema::load(&files)?;
    let (source, _) = read_figure_file(&old.file)?;
    let figures = figures::check(&source, &schema, &old.file.stem)?.figures;
    let totals = schema.totals(&figures).map_err(|m| vec![Diagnostic::error(m)])?;
    Ok((figures, totals))
}

/// Makes a version's files: the bulletin (with its correction note from v2 on, and
/// the figure file and record attached to the PDF) and the note as a document of its
/// own. The same function serves publishing and rebuilding, so they cannot differ.
pub(crate) fn render_version(
    workspace: &Workspace,
    input: &Input,
    record: &Record,
    period: &Path,
) -> diag::Result<(Files, Vec<FontRecord>)> {
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
    let correction = record.previous.as_ref().map(|previous| {
        let first = previous.first_published_at.as_deref().unwrap_or(&previous.published_at);
        Correction {
            released: chinese_date(first),
            today: chinese_date(&record.published_at),
            previous: previous.version,
            reason: record.reason.clone(),
            changes: record.shown.iter().map(|c| (c.label.clone(), c.old.clone(), c.new.clone())).collect(),
        }
    });
    let ident = period.join(format!("v{}", record.version));
    let version = Version { number: record.version, correction, attachments, ident };
    // Every edition of the version, published together.
    let job = Job { formats: &formats::defaults(), editions: &[], version: Some(&version) };
    let rendered = workspace.render(input, &job)?;
    let fonts = rendered
        .fonts
        .iter()
        .map(|font| FontRecord { family: font.info().family.clone(), sha256: sha256(font.data()) })
        .collect();
    Ok((rendered.files(&input.file.stem), fonts))
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
