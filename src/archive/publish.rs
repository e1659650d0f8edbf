//! Publishing: the next version of a period, unless its inputs are the latest
//! version's; from v2 on, a correction with its note and notice. What a reader sees
//! change is worked out from the figures as printed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use time::OffsetDateTime;

use crate::archive::Archive;
use crate::archive::manifest::{
    ChangeRecord, CorrectionRecord, FileHash, FontRecord, INPUTS, MANIFEST, MAX_ARCHIVED_BYTES, Manifest,
    PreviousRecord, Record, ShownChange, TOOL, hash_all, manifest_bytes, version_project,
};
use crate::core::diff::{self, Period};
use crate::core::figure::{Figure, Figures};
use crate::core::schema::Series;
use crate::diag::{self, Diagnostic};
use crate::i18n::t;
use crate::input::fonts::Fonts;
use crate::input::project::FigureFile;
use crate::input::snapshot::sha256;
use crate::io::{self, LOCK_FILE};
use crate::pipeline::formats::{self, Format};
use crate::pipeline::render::is_loose;
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
        /// The guards accepted (`--accept`), each as its warning.
        accepted: Vec<Diagnostic>,
    },
    /// The inputs are those of the latest version: nothing was published (the
    /// version's outputs were put back into `out/`).
    Unchanged {
        /// The latest version.
        version: u32,
        /// Its outputs in `out/`, to be uploaded, as shown.
        upload: Vec<PathBuf>,
    },
    /// Neither a figure as printed nor a sentence changed, and no reason asks for a
    /// textual correction: nothing was written.
    Invisible {
        /// The latest version.
        version: u32,
        /// The exact changes, none of which shows, each as printed.
        changes: Vec<(String, String, String)>,
    },
}

/// What a publication asks for besides its figure file.
pub struct Request<'a> {
    /// Why (for a correction: what was wrong).
    pub reason: Option<&'a str>,
    /// The guards the user accepts by name (`--accept food.cases`).
    pub accept: &'a [String],
}

/// A period's latest version as a plain build of its own archived inputs renders it:
/// its figures, totals and Markdown, the text a correction is compared with.
pub(crate) struct Before {
    figures: Figures,
    totals: BTreeMap<String, u64>,
    pub(crate) markdown: String,
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
        request: &Request<'_>,
        adopt: Adopt<'_>,
    ) -> diag::Result<Published> {
        let period = self.period_dir(file);
        let shown = self.project.shown(&period);
        self.refuse_links(&period)?;
        let waiting = t!("publish-waiting", file = &file.shown).text;
        let _lock = io::lock(&period.join(LOCK_FILE), &shown.join(LOCK_FILE), &waiting)?;
        // The time is taken under the lock, so versions are in the order of their times.
        let published_at = now()?;
        io::remove_temporaries(&period);
        let input = workspace.input(file)?;
        let probe = probe(workspace, &input)?;
        let figure = input.snapshot.figure_path.as_str();
        let inputs: Vec<(&str, &[u8])> =
            input.snapshot.inputs().filter(|(path, _)| *path == figure || probe.read.contains(*path)).collect();
        let hashes = hash_all(&inputs);
        let versions = self.versions(file)?;
        self.check_before_publishing(file, &versions)?;
        // The latest version as a plain build of its own archived inputs, read once.
        let before = versions.last().map(|(n, _)| published_render(&period.join(format!("v{n}")), file)).transpose()?;
        // Unchanged: the same tool, the same template files and the same figures
        // (a comment or a reformatted line in the figure file is no correction).
        if let Some((number, latest)) = versions.last()
            && latest.record.tool == TOOL
            && latest.record.inputs.get(1..) == hashes.get(1..)
            && before.as_ref().is_some_and(|before| before.figures == probe.figures)
        {
            // out/ may hold a later build of a draft: put the published files back.
            let files = self.published_files(file, &versions)?;
            let upload = self.upload(adopt, &input, &probe, &files)?;
            return Ok(Published::Unchanged { version: *number, upload });
        }
        let changed = before.as_ref().map(|before| changes(&input.series.schema, before, &probe)).unwrap_or_default();
        let reworded = before.as_ref().map(|before| diff::sentences(&before.markdown, probe.markdown()));
        let record = self.record(&input, &versions, changed, (request, &published_at), hashes)?;
        if let Some((number, _)) = versions.last()
            && let Some(outcome) = not_a_correction(file, *number, &input.series.schema, &record, reworded, request)
        {
            return outcome;
        }
        let accepted = guarded(file, &probe, request.accept)?;
        check_reason(request.reason, versions.last().map(|(n, _)| *n))?;
        check_time(&published_at, versions.last())?;
        let (version, listed, outputs, loose) = self.write_version(workspace, &input, record, &inputs)?;
        // The lines set loose are the version's and its notice's (the probe's build
        // has no correction note, so its pages are not the published ones).
        let warnings =
            probe.warnings.iter().filter(|w| !is_loose(w) && !accepted.iter().any(|a| a.message() == w.message()));
        let mut warnings: Vec<Diagnostic> = warnings.cloned().chain(loose).collect();
        let upload = self.upload_published(adopt, &input, &probe, (version, outputs), &versions, &mut warnings);
        Ok(Published::New { version, files: listed, upload, warnings, accepted })
    }

    /// Puts a version just archived into `out/` with the notices before it, and gives
    /// the files as shown. The version is archived and on the disk: it is published,
    /// whatever happens to `out/` now, which a build of the file puts right; a failure
    /// here is a warning that says so.
    fn upload_published(
        &self,
        adopt: Adopt<'_>,
        input: &Input,
        probe: &Rendered,
        (version, outputs): (u32, Files),
        versions: &[(u32, Manifest)],
        warnings: &mut Vec<Diagnostic>,
    ) -> Vec<PathBuf> {
        let upload = self.published_files(&input.file, versions).and_then(|mut files| {
            files.retain(|(name, _)| name.contains("-correction"));
            files.extend(outputs);
            self.upload(adopt, input, probe, &files)
        });
        upload.unwrap_or_else(|errors| {
            let count = errors.len();
            warnings.extend(errors.into_iter().enumerate().map(|(i, error)| {
                let error = error.as_warning();
                if i + 1 < count {
                    return error;
                }
                error.note(format!(
                    "help: v{version} is published and archived, but its files are not in `out/`; \
                     put them there with `bulletin build {}` once the cause is fixed",
                    input.file.shown.display()
                ))
            }));
            vec![]
        })
    }

    /// Puts a period's files into `out/` (`adopt`), and gives them as shown.
    fn upload(&self, adopt: Adopt<'_>, input: &Input, probe: &Rendered, files: &Files) -> diag::Result<Vec<PathBuf>> {
        let upload = adopt(input, &probe.read, files)?;
        Ok(upload.iter().map(|path| self.project.shown(path)).collect())
    }

    /// The files of a period's latest version and the notices of every version
    /// before it: what `out/` holds of a published period, by file name.
    pub fn published_files(&self, file: &FigureFile, versions: &[(u32, Manifest)]) -> diag::Result<Files> {
        let period = self.period_dir(file);
        let mut files = vec![];
        for (i, (number, manifest)) in versions.iter().enumerate() {
            let latest = i + 1 == versions.len();
            for output in manifest.outputs.iter().filter(|output| latest || output.path.contains("-correction")) {
                let path = period.join(format!("v{number}")).join(&output.path);
                let bytes = io::read_regular(
                    &path,
                    &self.project.shown(&path),
                    MAX_ARCHIVED_BYTES,
                    &t!("what-archived-file").text,
                )?;
                files.push((output.path.clone(), bytes));
            }
        }
        // The earlier notices first, then the latest version's files.
        files.sort_by_key(|(name, _)| !name.contains("-correction"));
        Ok(files)
    }

    /// Renders and writes a new version: its outputs, its manifest and a copy of its
    /// inputs, into a folder renamed into place whole. Returns its number, the files
    /// written (as shown), its outputs and the lines its PDFs set loose.
    fn write_version(
        &self,
        workspace: &Workspace,
        input: &Input,
        record: Record,
        inputs: &[(&str, &[u8])],
    ) -> diag::Result<(u32, Vec<PathBuf>, Files, Vec<Diagnostic>)> {
        let period = self.period_dir(&input.file);
        let shown = self.project.shown(&period);
        let (outputs, fonts, loose) = render_version(workspace, input, &record, &shown, &formats::defaults())?;
        let version = record.version;
        let manifest = Manifest { record, fonts, outputs: hash_all(&outputs) };
        let json = serde_json::to_string_pretty(&manifest).map_err(|err| vec![Diagnostic::error(err.to_string())])?;
        let json = json + "\n";
        let mut files: Vec<(String, &[u8])> = outputs.iter().map(|(name, bytes)| (name.clone(), &bytes[..])).collect();
        files.push((MANIFEST.to_string(), json.as_bytes()));
        let listed: Vec<PathBuf> = files.iter().map(|(name, _)| shown.join(format!("v{version}")).join(name)).collect();
        files.extend(inputs.iter().map(|(path, bytes)| (format!("{INPUTS}/{path}"), *bytes)));
        io::write_once_dir(&period.join(format!("v{version}")), &files)?;
        Ok((version, listed, outputs, loose))
    }

    /// The record of the next version: its number, what it corrects and how.
    fn record(
        &self,
        input: &Input,
        versions: &[(u32, Manifest)],
        (changes, shown): (Vec<ChangeRecord>, Vec<ShownChange>),
        (request, published_at): (&Request<'_>, &str),
        inputs: Vec<FileHash>,
    ) -> diag::Result<Record> {
        let latest = versions.last();
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
        let version = match latest {
            None => 1,
            Some((n, _)) => n.checked_add(1).ok_or_else(|| vec![Diagnostic::error(t!("publish-no-version-left"))])?,
        };
        // Every correction before this one, from each version's own record, and this one.
        let mut corrections: Vec<CorrectionRecord> = versions
            .iter()
            .filter(|(n, _)| *n > 1)
            .map(|(n, manifest)| CorrectionRecord {
                version: *n,
                published_at: manifest.record.published_at.clone(),
                reason: manifest.record.reason.clone(),
                shown: manifest.record.shown.clone(),
            })
            .collect();
        if version > 1 {
            let reason = request.reason.map(str::to_string);
            let published_at = published_at.to_string();
            corrections.push(CorrectionRecord { version, published_at, reason, shown: shown.clone() });
        }
        let accept = request.accept.iter().filter(|name| !name.is_empty()).cloned();
        Ok(Record {
            series: input.file.series.clone(),
            as_of: input.file.stem.clone(),
            version,
            published_at: published_at.to_string(),
            reason: request.reason.map(str::to_string),
            previous,
            tool: TOOL.to_string(),
            inputs,
            changes,
            shown,
            accepted: accept.collect(),
            corrections,
        })
    }
}

/// What a publication of a period already published comes to when no figure a reader
/// sees changed: nothing, when no sentence changed either (one yuan in 16.7億元, a
/// comment in a template), whatever reason is given; an error, when the text reads
/// differently and no reason says why. `None`: a correction, to be published.
fn not_a_correction(
    file: &FigureFile,
    version: u32,
    schema: &Series,
    record: &Record,
    reworded: Option<String>,
    request: &Request<'_>,
) -> Option<diag::Result<Published>> {
    if !record.shown.is_empty() {
        return None;
    }
    match reworded.filter(|sentences| !sentences.is_empty()) {
        None => Some(Ok(Published::Invisible { version, changes: invisible(schema, record) })),
        Some(sentences) if request.reason.is_none() => Some(reworded_error(file, version, &sentences)),
        // A textual correction, with its reason.
        Some(_) => None,
    }
}

/// The guards a publication accepts (as their warnings), or the error that stops it:
/// the figures that look like a slip against the period before, not accepted by name.
fn guarded(file: &FigureFile, probe: &Rendered, accept: &[String]) -> diag::Result<Vec<Diagnostic>> {
    // A name that names no warning of this file is a slip of its own: never recorded.
    let unknown: Vec<&str> =
        accept.iter().filter(|name| !probe.guards.iter().any(|g| &g.name == *name)).map(String::as_str).collect();
    if !unknown.is_empty() {
        let names: Vec<&str> = probe.guards.iter().map(|guard| guard.name.as_str()).collect();
        let help = match names.as_slice() {
            [] => t!("publish-accept-none-help"),
            names => t!("publish-accept-known-help", names = names.join(", ")),
        };
        return Diagnostic::error(t!("publish-accept-unknown", names = unknown.join(","), file = &file.shown))
            .help(help)
            .into_err();
    }
    let (accepted, stopping): (Vec<_>, Vec<_>) = probe.guards.iter().partition(|guard| accept.contains(&guard.name));
    if stopping.is_empty() {
        return Ok(accepted.into_iter().map(|guard| guard.warning.clone()).collect());
    }
    let names: Vec<&str> = stopping.iter().map(|guard| guard.name.as_str()).collect();
    let mut errors: Vec<Diagnostic> = stopping.iter().map(|guard| guard.warning.clone()).collect();
    errors.push(
        Diagnostic::error(t!("publish-guarded", file = &file.shown, count = names.len()))
            .noting(t!("publish-guarded-note"))
            .help(t!("publish-guarded-help", names = names.join(","))),
    );
    Err(errors)
}

/// The error for a text that reads differently from the latest version while every
/// figure is printed as before: a textual correction needs a reason.
fn reworded_error<T>(file: &FigureFile, version: u32, sentences: &str) -> diag::Result<T> {
    Diagnostic::error(t!("publish-reworded", file = &file.shown, version = version))
        .noting(t!("build-draft-sentences", sentences = sentences.trim_end()))
        .help(t!("publish-reworded-help", file = &file.shown, version = version))
        .into_err()
}

/// The exact changes of a record, none of which shows, each as the series prints it:
/// `food.amount_yuan: 1350000000 → 1350000001 (13.5億元, the same as printed)`.
fn invisible(schema: &Series, record: &Record) -> Vec<(String, String, String)> {
    let shown = |figure: &str, value: &Option<serde_json::Value>| -> String {
        let (group, field) = figure.split_once('.').unwrap_or((figure, ""));
        schema.show_recorded(group, field, value.as_ref())
    };
    let raw = |value: &Option<serde_json::Value>| match value {
        None => "(none)".to_string(),
        Some(serde_json::Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    };
    record
        .changes
        .iter()
        .map(|c| (c.figure.clone(), format!("{} → {}", raw(&c.old), raw(&c.new)), shown(&c.figure, &c.new)))
        .collect()
}

/// A version as a plain build of its own archived inputs renders it (its own
/// schema and templates): its figures, totals and first edition's Markdown.
pub(crate) fn published_render(version_dir: &Path, file: &FigureFile) -> diag::Result<Before> {
    let old = version_project(version_dir, file);
    let workspace = Workspace::new(old.project, Arc::new(Fonts::none()));
    let input = workspace.input(&old.file)?;
    let first: Vec<String> = input.series.editions.first().map(|(e, _)| e.tag.clone()).into_iter().collect();
    let rendered =
        workspace.render(&input, &Job { formats: &[Format::Md], editions: &first, version: None, parallel: false })?;
    let markdown = rendered.markdown().to_string();
    Ok(Before { figures: rendered.figures, totals: rendered.totals, markdown })
}

/// A plain build first, to learn which template files the bulletin reads: only those
/// (and the figure file) are the version's inputs, so a note dropped into the template
/// folder publishes nothing. Its PDFs of every edition and its Markdown of the first
/// hold what a publication checks (the figures, the guards, the text).
fn probe(workspace: &Workspace, input: &Input) -> diag::Result<Rendered> {
    let first = input.series.editions.first().map(|(e, _)| e.tag.clone()).into_iter().collect::<Vec<_>>();
    let mut probe =
        workspace.render(input, &Job { formats: &[Format::Pdf], editions: &[], version: None, parallel: false })?;
    probe.outputs.extend(
        workspace
            .render(input, &Job { formats: &[Format::Md], editions: &first, version: None, parallel: false })?
            .outputs,
    );
    Ok(probe)
}

/// Makes a version's files: the bulletin (with its correction note from v2 on, and
/// the figure file and record attached to the PDF) and the note as a document of its
/// own, in `formats`. The same function serves publishing and rebuilding, so they
/// cannot differ.
pub(crate) fn render_version(
    workspace: &Workspace,
    input: &Input,
    record: &Record,
    period: &Path,
    formats: &[Format],
) -> diag::Result<(Files, Vec<FontRecord>, Vec<Diagnostic>)> {
    let first_published_at = match &record.previous {
        Some(previous) => previous.first_published_at.clone().unwrap_or_else(|| previous.published_at.clone()),
        None => record.published_at.clone(),
    };
    let version = Version {
        number: record.version,
        published_at: record.published_at.clone(),
        first_published_at,
        correction: correction(record),
        attachments: attachments(input, record)?,
        ident: period.join(format!("v{}", record.version)),
    };
    // Every edition of the version, published together.
    let job = Job { formats, editions: &[], version: Some(&version), parallel: true };
    let rendered = workspace.render(input, &job)?;
    let fonts = rendered
        .fonts
        .iter()
        .map(|font| FontRecord { family: font.info().family.clone(), sha256: sha256(font.data()) })
        .collect();
    // Of what the render says, what the build of the same figures does not: the lines
    // set loose in the version and its notice, which only a publication makes.
    let loose = rendered.warnings.iter().filter(|w| is_loose(w)).cloned().collect();
    Ok((rendered.files(&input.file.stem, record.version), fonts, loose))
}

/// The files a version's PDF carries: the figure file, exactly, and the record.
fn attachments(input: &Input, record: &Record) -> diag::Result<Vec<Attachment>> {
    let json = serde_json::to_string_pretty(record).map_err(|err| vec![Diagnostic::error(err.to_string())])? + "\n";
    Ok(vec![
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
    ])
}

/// A version's correction (none for v1): the version it corrects, why, what a reader
/// sees change, and every correction of the period so far.
fn correction(record: &Record) -> Option<Correction> {
    let shown = |changes: &[ShownChange]| -> Vec<(String, String, String)> {
        changes.iter().map(|c| (c.label.clone(), c.old.clone(), c.new.clone())).collect()
    };
    record.previous.as_ref().map(|previous| {
        // A record from before corrections were kept lists only its own.
        let own = CorrectionRecord {
            version: record.version,
            published_at: record.published_at.clone(),
            reason: record.reason.clone(),
            shown: record.shown.clone(),
        };
        let history = if record.corrections.is_empty() { vec![own] } else { record.corrections.clone() };
        Correction {
            previous: previous.version,
            reason: record.reason.clone(),
            changes: shown(&record.shown),
            history: history.iter().map(|c| (c.published_at.clone(), c.reason.clone(), shown(&c.shown))).collect(),
        }
    })
}

/// The figure changes from an archived version (`before`: its figures and totals)
/// to the bulletin being published: every one exactly, and what a reader sees.
fn changes(schema: &Series, before: &Before, now: &Rendered) -> (Vec<ChangeRecord>, Vec<ShownChange>) {
    let old = Period { figures: &before.figures, totals: &before.totals };
    let new = Period { figures: &now.figures, totals: &now.totals };
    let changes = diff::figures(schema, &old, &new)
        .into_iter()
        .map(|c| ChangeRecord {
            figure: c.figure(),
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
        None if latest.is_some() => t!("publish-reason-needed"),
        None => return Ok(()),
        Some(text) if text.trim().is_empty() => t!("publish-reason-empty"),
        Some(text) if text.contains(['\n', '\r']) => t!("publish-reason-lines"),
        Some(text) if text.chars().any(|c| c.is_control() || is_layout_mark(c)) => t!("publish-reason-control"),
        Some(text) if text.chars().count() > MAX_REASON => t!("publish-reason-long", max = MAX_REASON),
        Some(_) => return Ok(()),
    };
    Diagnostic::error(problem).help(t!("publish-reason-help")).into_err()
}

/// The longest reason, in characters: a correction note says in a sentence what was
/// wrong (40,000 characters made a notice of 66 pages).
const MAX_REASON: usize = 200;

/// A character that changes how text around it is laid out without being seen: a
/// line or paragraph separator, or a bidirectional embedding, override or isolate.
fn is_layout_mark(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The variable that sets the time of publication (the reproducible-builds
/// convention), so that a publication can be repeated exactly.
pub const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

/// The time now as `2026-11-28T10:15:00Z`, or `SOURCE_DATE_EPOCH` when set: a number
/// of seconds since 1970, or an error that says so (never the clock instead).
pub fn now() -> diag::Result<String> {
    let time = match std::env::var(SOURCE_DATE_EPOCH) {
        Err(_) => OffsetDateTime::now_utc(),
        Ok(value) => value
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|seconds| OffsetDateTime::from_unix_timestamp(seconds).ok())
            .filter(|time| (1970..=9999).contains(&time.year()))
            .ok_or_else(|| {
                vec![
                    Diagnostic::error(t!("publish-epoch-not-time", value = value.escape_debug().to_string()))
                        .help(t!("publish-epoch-help")),
                ]
            })?,
    };
    Ok(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        time.year(),
        u8::from(time.month()),
        time.day(),
        time.hour(),
        time.minute(),
        time.second()
    ))
}

/// A version is published after the one before it: a clock set back, or a
/// `SOURCE_DATE_EPOCH` from the past, would print a correction dated before the
/// release it corrects.
fn check_time(published_at: &str, latest: Option<&(u32, Manifest)>) -> diag::Result<()> {
    let Some((number, manifest)) = latest else { return Ok(()) };
    if published_at >= manifest.record.published_at.as_str() {
        return Ok(());
    }
    let message =
        t!("publish-time-before", time = published_at, version = number, before = &manifest.record.published_at);
    Diagnostic::error(message).help(t!("publish-time-help")).into_err()
}
