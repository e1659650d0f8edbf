//! The site: `out/index.html` (every series' periods, newest first), a page per
//! series (`out/<series>/index.html`) and an Atom feed per series
//! (`out/<series>/feed.xml`).
//!
//! What is listed comes from `archive/`: each period's latest version, its title read
//! from its Markdown, its dates and reason from its manifest. The links point at the
//! files `publish` put into `out/<series>/`, each checked against the manifest's
//! SHA-256 first, so a web server serving `out/` serves the site and exactly the
//! published files (a later build of a draft in their place is refused, not linked).
//! With drafts, the periods built into `out/` but never published are listed too,
//! marked as drafts (never in a feed). Nothing reads the clock: the same archive
//! gives the same bytes, and a file whose bytes would not change is not written.

mod feed;
mod pages;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::archive::{self, Archive};
use crate::core::date::Date;
use crate::core::markdown;
use crate::core::time::chinese_date;
use crate::diag::{self, Diagnostic};
use crate::i18n::t;
use crate::input::project::{FigureFile, Project};
use crate::input::schema;
use crate::input::snapshot::{SeriesFiles, sha256};
use crate::io::{self, Kind, LOCK_FILE};
use crate::pipeline::formats::Format;

/// The page of a series and the site's index, in their folders.
pub const INDEX: &str = "index.html";

/// The Atom feed of a series, in its folder.
pub const FEED: &str = "feed.xml";

/// The largest output read back to be checked (a PDF with its fonts), as the archive
/// reads it.
const MAX_OUTPUT_BYTES: u64 = 512 * 1024 * 1024;

/// The rank of a file the site does not list: after every listed one.
const UNLISTED: u8 = u8::MAX;

/// A series as the site shows it.
struct Series {
    /// Its folder name.
    name: String,
    /// Its page's heading: series.yaml's `title`, or when that is a template (a title
    /// with the year in it) the office's name and 通報.
    heading: String,
    /// The issuing office.
    author: String,
    /// Its language tag (the first edition's).
    lang: String,
    /// Its periods, newest first.
    periods: Vec<Period>,
}

/// A period as the site lists it.
struct Period {
    /// Its date, `2019-11-15`.
    as_of: String,
    /// The bulletin's title, in the first edition.
    title: String,
    /// Published, or a draft.
    state: State,
    /// The files to link to, in the order shown.
    files: Vec<Output>,
}

/// Whether a period is published.
enum State {
    /// Its latest version.
    Published {
        /// The version number.
        version: u32,
        /// When v1 was published (`2019-11-16T02:00:00Z`).
        first: String,
        /// When this version was published.
        latest: String,
        /// Why this version was published.
        reason: Option<String>,
    },
    /// Built into `out/`, never published.
    Draft,
}

/// An output's name read: which document, which edition, which format.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Output {
    /// The correction notice of a version (`-correction-v2`; 0 for one named before
    /// notices carried their version, `-correction`) rather than the bulletin.
    notice: Option<u32>,
    /// The edition's tag (`zh-Hans`); `None` for the first edition.
    edition: Option<String>,
    /// Its place among a period's links (the format table's `site`); [`UNLISTED`]
    /// for a file the site does not list.
    rank: u8,
    /// The extension.
    ext: String,
    /// The file name in `out/<series>/`.
    name: String,
    /// A notice's day of correction, in words (empty for the bulletin).
    day: String,
}

impl Output {
    /// Reads `2019-11-15.zh-Hans.pdf` or `2019-11-15-correction-v2.html`, the names
    /// `build` and `publish` give the outputs of the period `as_of`.
    fn parse(as_of: &str, name: &str) -> Option<Self> {
        let rest = name.strip_prefix(as_of)?;
        let (notice, rest) = match rest.strip_prefix("-correction") {
            Some(rest) => match rest.strip_prefix("-v") {
                Some(versioned) => {
                    let digits = versioned.bytes().take_while(u8::is_ascii_digit).count();
                    (Some(versioned[..digits].parse().ok().filter(|n| *n > 1)?), &versioned[digits..])
                }
                None => (Some(0), rest),
            },
            None => (None, rest),
        };
        // The article alone for a content system: `.fragment.html`, one extension.
        let (rest, fragment) = match rest.strip_suffix(".fragment.html") {
            Some(rest) => (format!("{rest}.fragment"), true),
            None => (rest.to_string(), false),
        };
        let parts: Vec<&str> = rest.strip_prefix('.')?.split('.').collect();
        let (edition, ext) = match parts.as_slice() {
            [ext] => (None, *ext),
            [tag, ext] => (Some((*tag).to_string()), *ext),
            _ => return None,
        };
        let ext = if fragment { "fragment.html" } else { ext };
        if ext.is_empty() || edition.as_deref() == Some("") {
            return None;
        }
        let rank = Format::of_extension(ext).and_then(|format| format.spec().site).map_or(UNLISTED, |(rank, _)| rank);
        Some(Self { notice, edition, rank, ext: ext.to_string(), name: name.to_string(), day: String::new() })
    }
}

/// Writes the site into `out/` from the archive (and with `drafts`, the periods
/// built into `out/` and never published) and returns the files written: none when
/// every file already holds these bytes. Holds the lock of `out/` and of every
/// series' output folder meanwhile, so no build or publish changes the files listed.
pub fn write(project: &Project, drafts: bool) -> diag::Result<Vec<PathBuf>> {
    let archive = Archive::new(project.clone());
    let periods = archive.periods();
    let mut names: BTreeSet<String> = periods.iter().filter_map(|period| Some(folder_name(period.parent()?))).collect();
    if drafts {
        names.extend(subfolders(&project.out()));
    }
    let _locks = lock(project, &names)?;
    let mut found: BTreeMap<String, Vec<Period>> = BTreeMap::new();
    let mut errors = vec![];
    for dir in &periods {
        let Some(series) = dir.parent().map(folder_name) else { continue };
        match published(project, &archive, &series, &folder_name(dir)) {
            Ok(Some(period)) => found.entry(series).or_default().push(period),
            Ok(None) => {}
            Err(mut more) => errors.append(&mut more),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if drafts {
        for name in &names {
            let known: BTreeSet<String> =
                found.get(name).into_iter().flatten().map(|period| period.as_of.clone()).collect();
            let listed = unpublished(project, name, &known)?;
            if !listed.is_empty() {
                found.entry(name.clone()).or_default().extend(listed);
            }
        }
    }
    if found.is_empty() {
        return Diagnostic::error(t!("site-nothing")).help(t!("site-nothing-help")).into_err();
    }
    let mut all = vec![];
    for (name, mut periods) in found {
        periods.sort_by(|a, b| b.as_of.cmp(&a.as_of));
        all.push(describe(project, &archive, name, periods)?);
    }
    write_changed(project, &all)
}

/// The pages and feeds of every series and the index, written where their bytes
/// change.
fn write_changed(project: &Project, all: &[Series]) -> diag::Result<Vec<PathBuf>> {
    let mut files = vec![];
    for series in all {
        let dir = project.out().join(&series.name);
        files.push((dir.join(INDEX), pages::series_page(series).into_bytes()));
        if let Some(feed) = feed::feed(series)? {
            files.push((dir.join(FEED), feed));
        }
    }
    files.push((project.out().join(INDEX), pages::index_page(all).into_bytes()));
    // Only the files whose bytes change are written, together or not at all. One
    // that cannot be read back (missing, or a link planted there) is replaced: the
    // rename puts a file in the link's place, never writes through it.
    let mut staged = io::Staged::default();
    for (path, bytes) in &files {
        let shown = project.shown(path);
        if io::read_regular(path, &shown, MAX_OUTPUT_BYTES, &t!("what-site-page").text).ok().as_ref() != Some(bytes) {
            staged.add(path, bytes)?;
        }
    }
    staged.commit()
}

/// Takes the lock of `out/` (the site's own, for the index) and then of each
/// series' output folder, in name order as `build` does, so neither waits on the
/// other crosswise; clears what killed writers left there.
fn lock(project: &Project, names: &BTreeSet<String>) -> diag::Result<Vec<io::Lock>> {
    let out = project.out();
    let dirs: Vec<PathBuf> = std::iter::once(out.clone()).chain(names.iter().map(|name| out.join(name))).collect();
    let mut locks = vec![];
    for dir in dirs {
        let shown = project.shown(&dir);
        io::refuse_link(&dir, &shown, &format!("help: {}", t!("build-out-real-folder")))?;
        let waiting = t!("site-waiting", path = &shown).text;
        locks.push(io::lock(&dir.join(LOCK_FILE), &shown.join(LOCK_FILE), &waiting)?);
        io::remove_temporaries(&dir);
    }
    Ok(locks)
}

/// A period's latest published version and the notices of every correction, its
/// files checked in `out/<series>/`; `None` for a period folder without a version.
fn published(project: &Project, archive: &Archive, series: &str, as_of: &str) -> diag::Result<Option<Period>> {
    let versions = archive.versions(&figure_file(project, series, as_of))?;
    let (Some((_, first)), Some((version, latest))) = (versions.first(), versions.last()) else { return Ok(None) };
    let mut checked = Checked { files: vec![], changed: vec![], missing: vec![], title: None };
    for (number, manifest) in &versions {
        // The latest version whole, the notices of the ones before (a notice named
        // before notices carried their version is the latest's).
        let earlier = *number != *version;
        for output in &manifest.outputs {
            let named_again = latest.outputs.iter().any(|later| later.path == output.path);
            if earlier && (!output.path.contains("-correction") || named_again) {
                continue;
            }
            check_published(project, (series, as_of, *number), manifest, output, &mut checked)?;
        }
    }
    let record = &latest.record;
    if !checked.changed.is_empty() || !checked.missing.is_empty() {
        let archived =
            project.shown(&project.root.join("archive").join(series).join(as_of).join(format!("v{version}")));
        let figure = record.inputs.first().map_or_else(|| format!("data/{series}/{as_of}.yaml"), |f| f.path.clone());
        return Err(vec![not_as_published(&archived, &checked.changed, &checked.missing, &figure)]);
    }
    let mut files = checked.files;
    files.sort();
    Ok(Some(Period {
        as_of: as_of.to_string(),
        title: checked.title.unwrap_or_else(|| as_of.to_string()),
        state: State::Published {
            version: *version,
            first: first.record.published_at.clone(),
            latest: record.published_at.clone(),
            reason: reasons(record),
        },
        files,
    }))
}

/// Why a period was corrected: the latest correction's reason, or, when it was
/// corrected more than once, every correction's by its day (`2019年11月18日：…；
/// 2019年11月20日：…`), as the bulletin's own note lists them.
fn reasons(record: &archive::manifest::Record) -> Option<String> {
    let given: Vec<(&str, &str)> =
        record.corrections.iter().filter_map(|c| Some((c.published_at.as_str(), c.reason.as_deref()?))).collect();
    match given.as_slice() {
        [] | [_] => record.reason.clone(),
        several => Some(
            several.iter().map(|(at, reason)| format!("{}：{reason}", chinese_date(at))).collect::<Vec<_>>().join("；"),
        ),
    }
}

/// A period's files as `published` checks them.
struct Checked {
    files: Vec<Output>,
    changed: Vec<String>,
    missing: Vec<String>,
    /// The first edition's title, from its Markdown.
    title: Option<String>,
}

/// One published file, `output` of the version `(series, as_of, number)`: in
/// `out/<series>/` with the bytes its manifest records, else listed as changed or
/// missing.
fn check_published(
    project: &Project,
    (series, as_of, number): (&str, &str, u32),
    manifest: &archive::Manifest,
    output: &archive::manifest::FileHash,
    checked: &mut Checked,
) -> diag::Result<()> {
    let path = project.out().join(series).join(&output.path);
    let shown = project.shown(&path);
    let Some(mut parsed) = Output::parse(as_of, &output.path).filter(|_| !output.path.contains(['/', '\\'])) else {
        let archived = project.shown(&project.root.join("archive").join(series).join(as_of).join(format!("v{number}")));
        let manifest = archived.join(archive::MANIFEST);
        return Diagnostic::error(t!("site-not-an-output", manifest = &manifest, path = &output.path))
            .help(t!("site-verify-help"))
            .into_err();
    };
    let bytes = match io::read_regular(&path, &shown, MAX_OUTPUT_BYTES, &t!("what-published-file").text) {
        Ok(bytes) => bytes,
        Err(_) if !io::exists(&path) => {
            checked.missing.push(format!("`{}`", shown.display()));
            return Ok(());
        }
        Err(errors) => return Err(errors),
    };
    if sha256(&bytes) != output.sha256 {
        checked.changed.push(format!("`{}`", shown.display()));
        return Ok(());
    }
    if parsed.notice.is_none() && parsed.edition.is_none() && parsed.ext == "md" {
        checked.title = markdown_title(&String::from_utf8_lossy(&bytes));
    }
    if parsed.notice.is_some() {
        parsed.day = chinese_date(&manifest.record.published_at);
    }
    checked.files.push(parsed);
    Ok(())
}

/// The error for an `out/` that does not hold a version's files as published:
/// those `changed` since and those `missing`.
fn not_as_published(archived: &Path, changed: &[String], missing: &[String], figure: &str) -> Diagnostic {
    let mut error = Diagnostic::error(t!("site-not-as-published", path = archived));
    if !changed.is_empty() {
        error = error.noting(t!("site-replaced", files = changed.join(", ")));
    }
    if !missing.is_empty() {
        error = error.noting(t!("site-missing", files = missing.join(", ")));
    }
    error.noting(t!("site-links-note")).help(t!("site-build-help", figure = figure))
}

/// The periods of a series built into `out/<series>/` (its `<as_of>.md` is there)
/// and not among `known`: drafts, with the files a build wrote for them.
fn unpublished(project: &Project, series: &str, known: &BTreeSet<String>) -> diag::Result<Vec<Period>> {
    let dir = project.out().join(series);
    let names = file_names(&dir);
    let mut periods = vec![];
    for stem in names.iter().filter_map(|name| name.strip_suffix(".md")) {
        if Date::parse(stem).is_err() || known.contains(stem) {
            continue;
        }
        let mut files: Vec<Output> = names
            .iter()
            .filter_map(|name| Output::parse(stem, name))
            .filter(|output| output.notice.is_none() && output.rank != UNLISTED)
            .collect();
        files.sort();
        let path = dir.join(format!("{stem}.md"));
        let md = io::read_regular(&path, &project.shown(&path), MAX_OUTPUT_BYTES, &t!("what-built-file").text)?;
        let title = markdown_title(&String::from_utf8_lossy(&md)).unwrap_or_else(|| stem.to_string());
        periods.push(Period { as_of: stem.to_string(), title, state: State::Draft, files });
    }
    Ok(periods)
}

/// A series' name, office and language: from its latest published version's
/// series.yaml (what the listed files were made from), or for a series of drafts
/// only, from `templates/`.
fn describe(project: &Project, archive: &Archive, name: String, periods: Vec<Period>) -> diag::Result<Series> {
    let newest = periods.iter().find(|period| matches!(period.state, State::Published { .. }));
    let archived = match newest {
        Some(period) => archive.latest_inputs(&figure_file(project, &name, &period.as_of))?,
        None => None,
    };
    let files = match archived {
        Some(version) => SeriesFiles::read(&version.project, &name)?,
        None => SeriesFiles::read(project, &name)?,
    };
    let schema = &schema::load(&files)?;
    // A title that is a template names one period (`2021年…通報`), not the series.
    let templated = ["{{", "{%", "{#"].iter().any(|tag| schema.title.contains(tag));
    let heading = if templated {
        format!("{}{}", schema.author, pages::words_in(pages::script(&schema.lang)).bulletins)
    } else {
        schema.title.clone()
    };
    Ok(Series { name, heading, author: schema.author.clone(), lang: schema.lang.clone(), periods })
}

/// A figure file's description for the archive, which finds a period's versions
/// by its series and date.
fn figure_file(project: &Project, series: &str, as_of: &str) -> FigureFile {
    let shown = Path::new("data").join(series).join(format!("{as_of}.yaml"));
    FigureFile { path: project.root.join(&shown), shown, series: series.to_string(), stem: as_of.to_string() }
}

/// The title of a bulletin: its Markdown's first level-1 heading.
fn markdown_title(md: &str) -> Option<String> {
    markdown::title(&markdown::events(md)).filter(|title| !title.is_empty())
}

/// A folder's own name.
fn folder_name(dir: &Path) -> String {
    dir.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The names of the files of a folder, in order (none when it cannot be read).
fn file_names(dir: &Path) -> Vec<String> {
    let entries = io::entries(dir).unwrap_or_default();
    entries.into_iter().filter(|e| e.kind == Kind::File && !e.name.starts_with('.')).map(|e| e.name).collect()
}

/// The folders of a folder (not links, not hidden), by name.
fn subfolders(dir: &Path) -> Vec<String> {
    let entries = io::entries(dir).unwrap_or_default();
    entries.into_iter().filter(|e| e.kind == Kind::Dir && !e.name.starts_with('.')).map(|e| e.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names_read_as_build_and_publish_write_them() {
        let read = |name| Output::parse("2019-11-15", name).map(|o| (o.notice, o.edition, o.ext));
        assert_eq!(read("2019-11-15.pdf"), Some((None, None, "pdf".into())));
        assert_eq!(read("2019-11-15.zh-Hans.html"), Some((None, Some("zh-Hans".into()), "html".into())));
        assert_eq!(read("2019-11-15-correction.md"), Some((Some(0), None, "md".into())));
        assert_eq!(read("2019-11-15-correction-v3.md"), Some((Some(3), None, "md".into())));
        assert_eq!(read("2019-11-15-correction-v1.md"), None, "v1 corrects nothing");
        assert_eq!(read("2019-11-15.fragment.html"), Some((None, None, "fragment.html".into())));
        assert_eq!(
            read("2019-11-15.zh-Hans.fragment.html"),
            Some((None, Some("zh-Hans".into()), "fragment.html".into()))
        );
        assert_eq!(read("2019-11-15-correction.zh-Hans.docx"), Some((Some(0), Some("zh-Hans".into()), "docx".into())));
        assert_eq!(
            read("2019-11-15-correction-v12.zh-Hans.docx"),
            Some((Some(12), Some("zh-Hans".into()), "docx".into()))
        );
        assert_eq!(read("2019-11-150.pdf"), None);
        assert_eq!(read("2019-11-15.a.b.pdf"), None);
        assert_eq!(read("2019-11-15."), None);
        assert_eq!(read("index.html"), None);
    }

    #[test]
    fn titles_are_read_from_the_markdown_heading() {
        assert_eq!(markdown_title("# 標題\n\n正文\n# 又一\n").as_deref(), Some("標題"));
        assert_eq!(markdown_title("# a \\<b\\> \\\\\\* c\\d\n").as_deref(), Some("a <b> \\* c\\d"));
        assert_eq!(markdown_title("## 不是\n"), None);
    }
}
