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

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text, WriteConfig};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha2::{Digest, Sha256};

use crate::archive::{self, Archive};
use crate::build::{Builder, LOCK_FILE};
use crate::diag::{self, Diagnostic};
use crate::figures::Date;
use crate::fonts::Fonts;
use crate::format::{self, DateStyle, Script};
use crate::fsio::{self, Staged};
use crate::markdown::escape_html;
use crate::project::{FigureFile, Project};
use crate::series::Language;
use crate::snapshot::sha256;

/// The page of a series and the site's index, in their folders.
pub const INDEX: &str = "index.html";

/// The Atom feed of a series, in its folder.
pub const FEED: &str = "feed.xml";

/// The largest output read back to be checked (a PDF with its fonts), as the archive
/// reads it.
const MAX_OUTPUT_BYTES: u64 = 512 * 1024 * 1024;

/// The formats a draft's files are listed in, as a published version's are; the
/// order a period's links are shown in.
const FORMATS: [&str; 5] = ["html", "pdf", "docx", "md", "fragment.html"];

/// What a path segment of a link escapes: everything but letters, digits and `-._~`.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

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
    /// The correction notice rather than the bulletin.
    notice: bool,
    /// The edition's tag (`zh-Hans`); `None` for the first edition.
    edition: Option<String>,
    /// The position of the format in [`FORMATS`] (others after).
    rank: usize,
    /// The extension.
    ext: String,
    /// The file name in `out/<series>/`.
    name: String,
}

impl Output {
    /// Reads `2019-11-15.zh-Hans.pdf` or `2019-11-15-correction.html`, the names
    /// `build` and `publish` give the outputs of the period `as_of`.
    fn parse(as_of: &str, name: &str) -> Option<Self> {
        let rest = name.strip_prefix(as_of)?;
        let (notice, rest) = match rest.strip_prefix("-correction") {
            Some(rest) => (true, rest),
            None => (false, rest),
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
        let rank = FORMATS.iter().position(|format| *format == ext).unwrap_or(FORMATS.len());
        Some(Self { notice, edition, rank, ext: ext.to_string(), name: name.to_string() })
    }
}

/// Writes the site into `out/` from the archive (and with `drafts`, the periods
/// built into `out/` and never published) and returns the files written: none when
/// every file already holds these bytes. Holds the lock of `out/` and of every
/// series' output folder meanwhile, so no build or publish changes the files listed.
pub fn write(project: &Project, drafts: bool) -> diag::Result<Vec<PathBuf>> {
    let builder = Builder::new(project.clone(), Arc::new(Fonts::none()));
    let archive = Archive::new(&builder);
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
        return Diagnostic::error("nothing to list: no period of any series is published")
            .note("help: publish one with `bulletin publish FILE`, or list the drafts with `bulletin site --drafts`")
            .into_err();
    }
    let mut all = vec![];
    for (name, mut periods) in found {
        periods.sort_by(|a, b| b.as_of.cmp(&a.as_of));
        all.push(describe(project, &builder, &archive, name, periods)?);
    }
    let mut files = vec![];
    for series in &all {
        let dir = project.out().join(&series.name);
        files.push((dir.join(INDEX), series_page(series).into_bytes()));
        if let Some(feed) = feed(series)? {
            files.push((dir.join(FEED), feed));
        }
    }
    files.push((project.out().join(INDEX), index_page(&all).into_bytes()));
    // Only the files whose bytes change are written, together or not at all. One
    // that cannot be read back (missing, or a link planted there) is replaced: the
    // rename puts a file in the link's place, never writes through it.
    let mut staged = Staged::default();
    for (path, bytes) in &files {
        let shown = project.shown(path);
        if fsio::read_regular(path, &shown, MAX_OUTPUT_BYTES, "a page of the site").ok().as_ref() != Some(bytes) {
            staged.add(path, bytes)?;
        }
    }
    staged.commit()
}

/// Takes the lock of `out/` (the site's own, for the index) and then of each
/// series' output folder, in name order as `build` does, so neither waits on the
/// other crosswise; clears what killed writers left there.
fn lock(project: &Project, names: &BTreeSet<String>) -> diag::Result<Vec<fsio::Lock>> {
    let out = project.out();
    let dirs: Vec<PathBuf> = std::iter::once(out.clone()).chain(names.iter().map(|name| out.join(name))).collect();
    let mut locks = vec![];
    for dir in dirs {
        if std::fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
            return Diagnostic::error(format!("`{}` is a symbolic link", project.shown(&dir).display()))
                .note("help: the site is written into a real `out/` folder of the project only")
                .into_err();
        }
        let shown = project.shown(&dir);
        let waiting = format!("another build or site of `{}`", shown.display());
        locks.push(fsio::lock(&dir.join(LOCK_FILE), &shown.join(LOCK_FILE), &waiting)?);
        fsio::remove_temporaries(&dir);
    }
    Ok(locks)
}

/// A period's latest published version, its files checked in `out/<series>/`;
/// `None` for a period folder without a version.
fn published(project: &Project, archive: &Archive<'_>, series: &str, as_of: &str) -> diag::Result<Option<Period>> {
    let versions = archive.versions(&figure_file(project, series, as_of))?;
    let (Some((_, first)), Some((version, latest))) = (versions.first(), versions.last()) else { return Ok(None) };
    let dir = project.out().join(series);
    let archived = project.shown(&project.root.join("archive").join(series).join(as_of).join(format!("v{version}")));
    let mut files = vec![];
    let (mut changed, mut missing) = (vec![], vec![]);
    let mut title = None;
    for output in &latest.outputs {
        let path = dir.join(&output.path);
        let shown = project.shown(&path);
        let Some(parsed) = Output::parse(as_of, &output.path).filter(|_| !output.path.contains(['/', '\\'])) else {
            return Diagnostic::error(format!(
                "`{}` lists `{}`, which is not an output of the period",
                archived.join(archive::MANIFEST).display(),
                output.path
            ))
            .note("help: `bulletin verify` checks the archive")
            .into_err();
        };
        let bytes = match fsio::read_regular(&path, &shown, MAX_OUTPUT_BYTES, "a published file") {
            Ok(bytes) => bytes,
            Err(_) if std::fs::symlink_metadata(&path).is_err() => {
                missing.push(format!("`{}`", shown.display()));
                continue;
            }
            Err(errors) => return Err(errors),
        };
        if sha256(&bytes) != output.sha256 {
            changed.push(format!("`{}`", shown.display()));
            continue;
        }
        if !parsed.notice && parsed.edition.is_none() && parsed.ext == "md" {
            title = markdown_title(&String::from_utf8_lossy(&bytes));
        }
        files.push(parsed);
    }
    let record = &latest.record;
    if !changed.is_empty() || !missing.is_empty() {
        let mut error =
            Diagnostic::error(format!("out/ does not hold the files published as `{}`", archived.display()));
        if !changed.is_empty() {
            error = error.note(format!("note: replaced since: {}", changed.join(", ")));
        }
        if !missing.is_empty() {
            error = error.note(format!("note: missing: {}", missing.join(", ")));
        }
        let figure = record.inputs.first().map_or_else(|| format!("data/{series}/{as_of}.yaml"), |f| f.path.clone());
        return error
            .note("note: the site links to the files publish put into out/, as a web server serving out/ finds them")
            .note(format!(
                "help: `bulletin publish {figure}` puts them back while the figure file is as published (after a build of an edit, say)"
            ))
            .into_err();
    }
    files.sort();
    Ok(Some(Period {
        as_of: as_of.to_string(),
        title: title.unwrap_or_else(|| as_of.to_string()),
        state: State::Published {
            version: *version,
            first: first.record.published_at.clone(),
            latest: record.published_at.clone(),
            reason: record.reason.clone(),
        },
        files,
    }))
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
            .filter(|output| !output.notice && output.rank < FORMATS.len())
            .collect();
        files.sort();
        let path = dir.join(format!("{stem}.md"));
        let md = fsio::read_regular(&path, &project.shown(&path), MAX_OUTPUT_BYTES, "a built file")?;
        let title = markdown_title(&String::from_utf8_lossy(&md)).unwrap_or_else(|| stem.to_string());
        periods.push(Period { as_of: stem.to_string(), title, state: State::Draft, files });
    }
    Ok(periods)
}

/// A series' name, office and language: from its latest published version's
/// series.yaml (what the listed files were made from), or for a series of drafts
/// only, from `templates/`.
fn describe(
    project: &Project,
    builder: &Builder,
    archive: &Archive<'_>,
    name: String,
    periods: Vec<Period>,
) -> diag::Result<Series> {
    let newest = periods.iter().find(|period| matches!(period.state, State::Published { .. }));
    let archived = match newest {
        Some(period) => archive.latest_inputs(&figure_file(project, &name, &period.as_of))?,
        None => None,
    };
    let loaded = match archived {
        Some(version) => Builder::new(version.project, Arc::new(Fonts::none())).series(&name)?,
        None => builder.series(&name)?,
    };
    let schema = &loaded.schema;
    // A title that is a template names one period (`2021年…通報`), not the series.
    let templated = ["{{", "{%", "{#"].iter().any(|tag| schema.title.contains(tag));
    let heading = if templated {
        format!("{}{}", schema.author, words_in(script(&schema.lang)).bulletins)
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
    crate::markdown::title(&crate::markdown::events(md)).filter(|title| !title.is_empty())
}

/// The words the site writes itself, in one script.
struct Words {
    bulletins: &'static str,
    columns: &'static str,
    latest: &'static str,
    published: &'static str,
    corrected: &'static str,
    reason: &'static str,
    notice: &'static str,
    draft: &'static str,
    unpublished: &'static str,
    full_text: &'static str,
    web_page: &'static str,
    subscribe: &'static str,
    all: &'static str,
    count: &'static str,
    periods: &'static str,
}

/// The site's words in Traditional characters.
const HANT: Words = Words {
    bulletins: "通報",
    columns: "欄目",
    latest: "最新發布",
    published: "發布",
    corrected: "更正",
    reason: "更正原因",
    notice: "更正說明",
    draft: "草稿",
    unpublished: "未發布",
    full_text: "全文",
    web_page: "網頁",
    subscribe: "Atom訂閱",
    all: "全部通報",
    count: "共",
    periods: "期",
};

/// The site's words in Simplified characters.
const HANS: Words = Words {
    bulletins: "通报",
    columns: "栏目",
    latest: "最新发布",
    published: "发布",
    corrected: "更正",
    reason: "更正原因",
    notice: "更正说明",
    draft: "草稿",
    unpublished: "未发布",
    full_text: "全文",
    web_page: "网页",
    subscribe: "Atom订阅",
    all: "全部通报",
    count: "共",
    periods: "期",
};

/// The script a language tag is written in (Traditional when it is not one the
/// tool reads).
fn script(lang: &str) -> Script {
    Language::parse(lang).map_or(Script::Hant, |language| language.script)
}

/// The site's words in a script.
fn words_in(script: Script) -> &'static Words {
    match script {
        Script::Hant => &HANT,
        Script::Hans => &HANS,
    }
}

/// An edition's name in its own script, as a language menu writes it.
fn edition_name(tag: &str) -> String {
    match Language::parse(tag).map(|language| language.script) {
        Ok(Script::Hant) => "繁體".to_string(),
        Ok(Script::Hans) => "简体".to_string(),
        Err(_) => tag.to_string(),
    }
}

/// A period's date in words: `2019年11月15日`.
fn period_date(as_of: &str, script: Script) -> String {
    Date::parse(as_of).map_or_else(|_| as_of.to_string(), |date| format::date(date, DateStyle::Full, false, script))
}

/// A file's link target, relative to the folder linking to it.
fn href(segments: &[&str]) -> String {
    let encoded: Vec<String> = segments.iter().map(|s| utf8_percent_encode(s, SEGMENT).to_string()).collect();
    escape_html(&encoded.join("/"))
}

/// The media type of an output, by its extension.
fn media_type(ext: &str) -> Option<&'static str> {
    match ext {
        "html" | "fragment.html" => Some("text/html"),
        "pdf" => Some("application/pdf"),
        "docx" => Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        "md" => Some("text/markdown"),
        _ => None,
    }
}

/// How a format is named on a link.
fn format_name(ext: &str, words: &Words) -> String {
    match ext {
        "html" => words.web_page.to_string(),
        "pdf" => "PDF".to_string(),
        "docx" => "Word".to_string(),
        "md" => "Markdown".to_string(),
        "fragment.html" => format!("{}（CMS）", words.web_page),
        other => other.to_ascii_uppercase(),
    }
}

/// A standalone page of the site: language, charset, viewport, its own stylesheet.
fn page(lang: &str, title: &str, head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n{head}<style>\n{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        lang = escape_html(lang),
        title = escape_html(title),
    )
}

/// The `lang` attribute of an element whose language differs from the page's.
fn lang_attr(lang: &str, page: &str) -> String {
    if lang == page { String::new() } else { format!(" lang=\"{}\"", escape_html(lang)) }
}

/// A period's date, publication and mark, as one line; on the index, with its
/// series (`link`) when the title does not already say it.
fn meta(series: &Series, period: &Period, words: &Words, link: Option<&str>) -> String {
    let script = script(&series.lang);
    let mut meta = format!(
        "<p class=\"meta\"><time datetime=\"{}\">{}</time>",
        escape_html(&period.as_of),
        escape_html(&period_date(&period.as_of, script))
    );
    if let Some(link) = link.filter(|_| period.title != series.heading) {
        meta.push_str(&format!("<a href=\"{link}\">{}</a>", escape_html(&series.heading)));
    }
    match &period.state {
        State::Published { version, first, latest, .. } => {
            meta.push_str(&format!("<span>{}{}</span>", escape_html(&archive::chinese_date(first)), words.published));
            if *version > 1 {
                meta.push_str(&format!(
                    "<span class=\"correction\"><span class=\"mark\">{}</span>第{version}版，{}{}</span>",
                    words.corrected,
                    escape_html(&archive::chinese_date(latest)),
                    words.corrected
                ));
            }
        }
        State::Draft => {
            meta.push_str(&format!(
                "<span class=\"correction\"><span class=\"mark draft\">{}</span>{}</span>",
                words.draft, words.unpublished
            ));
        }
    }
    meta.push_str("</p>\n");
    meta
}

/// The class of a period's entry: how the stylesheet and a reader's tools tell a
/// corrected or draft period.
fn class(period: &Period) -> &'static str {
    match period.state {
        State::Draft => " draft",
        State::Published { version, .. } if version > 1 => " corrected",
        State::Published { .. } => "",
    }
}

/// The first edition's web page of a period, which its title links to.
fn web_page(period: &Period) -> Option<&Output> {
    period.files.iter().find(|file| !file.notice && file.edition.is_none() && file.ext == "html")
}

/// Whether a series has a feed: a period published.
fn has_feed(series: &Series) -> bool {
    series.periods.iter().any(|period| matches!(period.state, State::Published { .. }))
}

/// The page of one series: its periods, newest first, each with its mark and the
/// links to every format and edition of its latest version.
fn series_page(series: &Series) -> String {
    let words = words_in(script(&series.lang));
    let mut body = format!(
        "<header>\n<nav><a href=\"../{INDEX}\">{}</a></nav>\n<h1>{}</h1>\n<p class=\"office\"><span>{}</span>",
        words.all,
        escape_html(&series.heading),
        escape_html(&series.author)
    );
    if has_feed(series) {
        body.push_str(&format!("<a href=\"{FEED}\">{}</a>", words.subscribe));
    }
    body.push_str("</p>\n</header>\n<main>\n<ol class=\"periods\">\n");
    for period in &series.periods {
        body.push_str(&format!("<li class=\"period{}\" id=\"p{}\">\n", class(period), escape_html(&period.as_of)));
        let title = escape_html(&period.title);
        match web_page(period) {
            Some(page) => body.push_str(&format!("<h2><a href=\"{}\">{title}</a></h2>\n", href(&[&page.name]))),
            None => body.push_str(&format!("<h2>{title}</h2>\n")),
        }
        body.push_str(&meta(series, period, words, None));
        if let State::Published { version: 2.., reason: Some(reason), .. } = &period.state {
            body.push_str(&format!("<p class=\"reason\">{}：{}</p>\n", words.reason, escape_html(reason)));
        }
        body.push_str(&files(series, period, words));
        body.push_str("</li>\n");
    }
    body.push_str("</ol>\n</main>\n");
    let head = if has_feed(series) { feed_link(FEED, &series.heading) } else { String::new() };
    let title = format!("{} - {}", series.heading, series.author);
    page(&series.lang, &title, &head, &body)
}

/// The `<link>` that lets a browser or feed reader find a feed.
fn feed_link(href: &str, title: &str) -> String {
    format!("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"{href}\" title=\"{}\">\n", escape_html(title))
}

/// Whether a period's files come in several editions.
fn several_editions(period: &Period) -> bool {
    period.files.iter().any(|file| file.edition.is_some())
}

/// What a row of a period's links is: the bulletin in an edition, or the notice.
fn row_label(series: &Series, file: &Output, several: bool, words: &Words) -> (String, String) {
    let tag = file.edition.as_deref().unwrap_or(&series.lang);
    let name = edition_name(tag);
    match (file.notice, several) {
        (false, true) => (name, String::new()),
        (false, false) => (words.full_text.to_string(), String::new()),
        (true, true) => (words.notice.to_string(), name),
        (true, false) => (words.notice.to_string(), String::new()),
    }
}

/// A period's links: one row per edition of the bulletin, then of the notice.
fn files(series: &Series, period: &Period, words: &Words) -> String {
    let several = several_editions(period);
    let mut html = String::from("<dl class=\"files\">\n");
    let mut last = None;
    for file in &period.files {
        let tag = file.edition.as_deref().unwrap_or(&series.lang);
        let key = (file.notice, file.edition.as_deref());
        if last != Some(key) {
            if last.is_some() {
                html.push_str("</dd>\n");
            }
            let (label, edition) = row_label(series, file, several, words);
            // An edition's name is in its own script and says so.
            let own = |name: &str| match lang_attr(tag, &series.lang) {
                attr if attr.is_empty() => escape_html(name),
                attr => format!("<span{attr}>{}</span>", escape_html(name)),
            };
            let edition = if edition.is_empty() { String::new() } else { format!("·{}", own(&edition)) };
            let label = if label == edition_name(tag) { own(&label) } else { escape_html(&label) };
            html.push_str(&format!("<dt>{label}{edition}</dt>\n<dd>"));
            last = Some(key);
        } else {
            html.push(' ');
        }
        let kind = media_type(&file.ext).map(|t| format!(" type=\"{t}\"")).unwrap_or_default();
        html.push_str(&format!(
            "<a href=\"{}\" hreflang=\"{}\"{kind}>{}</a>",
            href(&[&file.name]),
            escape_html(tag),
            escape_html(&format_name(&file.ext, words))
        ));
    }
    if last.is_some() {
        html.push_str("</dd>\n");
    }
    html.push_str("</dl>\n");
    html
}

/// The site's index: its series, then every period of every series, newest first.
fn index_page(all: &[Series]) -> String {
    let langs: BTreeSet<&str> = all.iter().map(|series| series.lang.as_str()).collect();
    let lang = match langs.iter().collect::<Vec<_>>().as_slice() {
        [one] => (*one).to_string(),
        _ => "zh".to_string(),
    };
    let words = words_in(all.first().map_or(Script::Hant, |series| script(&series.lang)));
    let authors: BTreeSet<&str> = all.iter().map(|series| series.author.as_str()).collect();
    let heading = match authors.iter().collect::<Vec<_>>().as_slice() {
        [one] => format!("{one}{}", words.bulletins),
        _ => words.bulletins.to_string(),
    };
    let mut head = String::new();
    let mut body = format!("<header>\n<h1>{}</h1>\n</header>\n<main>\n", escape_html(&heading));
    body.push_str(&format!("<h2>{}</h2>\n<ul class=\"series\">\n", words.columns));
    for series in all {
        let own = words_in(script(&series.lang));
        body.push_str(&format!(
            "<li{}><a class=\"name\" href=\"{}\">{}</a>\n<p class=\"office\"><span>{}</span><span>{}{}{}</span>",
            lang_attr(&series.lang, &lang),
            href(&[&series.name, INDEX]),
            escape_html(&series.heading),
            escape_html(&series.author),
            own.count,
            series.periods.len(),
            own.periods
        ));
        if has_feed(series) {
            let feed = href(&[&series.name, FEED]);
            body.push_str(&format!("<a href=\"{feed}\">{}</a>", own.subscribe));
            head.push_str(&feed_link(&feed, &series.heading));
        }
        body.push_str("</p></li>\n");
    }
    body.push_str(&format!("</ul>\n<h2>{}</h2>\n<ol class=\"periods\">\n", words.latest));
    let mut periods: Vec<(&Series, &Period)> =
        all.iter().flat_map(|series| series.periods.iter().map(move |period| (series, period))).collect();
    periods.sort_by(|(a, p), (b, q)| q.as_of.cmp(&p.as_of).then_with(|| a.name.cmp(&b.name)));
    for (series, period) in periods {
        let own = words_in(script(&series.lang));
        body.push_str(&format!("<li class=\"period{}\"{}>\n", class(period), lang_attr(&series.lang, &lang)));
        let title = escape_html(&period.title);
        match web_page(period) {
            Some(page) => {
                body.push_str(&format!("<h3><a href=\"{}\">{title}</a></h3>\n", href(&[&series.name, &page.name])));
            }
            None => body.push_str(&format!("<h3>{title}</h3>\n")),
        }
        let series_link = format!("{}#p{}", href(&[&series.name, INDEX]), escape_html(&period.as_of));
        body.push_str(&meta(series, period, own, Some(&series_link)));
        body.push_str("</li>\n");
    }
    body.push_str("</ol>\n</main>\n");
    page(&lang, &heading, &head, &body)
}

/// A series' Atom feed: an entry per published period (drafts are never in it),
/// its `updated` the latest publication, so the same archive gives the same feed.
/// `None` for a series with drafts only.
fn feed(series: &Series) -> diag::Result<Option<Vec<u8>>> {
    let script = script(&series.lang);
    let words = words_in(script);
    let time = |text: &str| {
        FixedDateTime::parse_from_rfc3339(text).map_err(|err| {
            vec![Diagnostic::error(format!(
                "the publication time `{text}` of series `{}` is not a time: {err}",
                series.name
            ))]
        })
    };
    let mut entries = vec![];
    let mut updated: Option<FixedDateTime> = None;
    for period in &series.periods {
        let State::Published { version, first, latest, reason } = &period.state else { continue };
        let at = time(latest)?;
        updated = updated.max(Some(at));
        let mut summary =
            format!("{} · {}{}", period_date(&period.as_of, script), archive::chinese_date(first), words.published);
        if *version > 1 {
            summary.push_str(&format!(" · 第{version}版，{}{}", archive::chinese_date(latest), words.corrected));
            if let Some(reason) = reason {
                summary.push_str(&format!(" · {}：{reason}", words.reason));
            }
        }
        let several = several_editions(period);
        let links = period
            .files
            .iter()
            .map(|file| Link {
                href: utf8_percent_encode(&file.name, SEGMENT).to_string(),
                rel: if file.notice { "related" } else { "alternate" }.to_string(),
                hreflang: Some(file.edition.clone().unwrap_or_else(|| series.lang.clone())),
                mime_type: media_type(&file.ext).map(str::to_string),
                title: Some(link_title(series, file, several, words)),
                length: None,
            })
            .collect();
        entries.push(Entry {
            title: Text::plain(&period.title),
            id: urn(&[&series.name, &period.as_of]),
            updated: at,
            published: Some(time(first)?),
            summary: Some(Text::plain(summary)),
            links,
            ..Entry::default()
        });
    }
    let Some(updated) = updated else { return Ok(None) };
    let feed = Feed {
        title: Text::plain(&series.heading),
        id: urn(&[&series.name]),
        updated,
        authors: vec![Person { name: series.author.clone(), ..Person::default() }],
        links: vec![
            Link {
                href: FEED.to_string(),
                rel: "self".to_string(),
                mime_type: Some("application/atom+xml".to_string()),
                ..Link::default()
            },
            Link { href: INDEX.to_string(), mime_type: Some("text/html".to_string()), ..Link::default() },
        ],
        entries,
        lang: Some(series.lang.clone()),
        ..Feed::default()
    };
    let config = WriteConfig { write_document_declaration: true, indent_size: Some(2) };
    let mut bytes = feed
        .write_with_config(Vec::new(), config)
        .map_err(|err| vec![Diagnostic::error(format!("could not write the feed of `{}`: {err}", series.name))])?;
    bytes.push(b'\n');
    Ok(Some(bytes))
}

/// A link's title in a feed: `更正說明 简体 PDF`.
fn link_title(series: &Series, file: &Output, several: bool, words: &Words) -> String {
    let (label, edition) = row_label(series, file, several, words);
    let format = format_name(&file.ext, words);
    [label.as_str(), edition.as_str(), format.as_str()]
        .iter()
        .filter(|part| !part.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A permanent identifier for a feed or an entry, from its names alone: a UUID
/// (RFC 9562, version 8) made of their SHA-256, so it is the same on every run and
/// needs no domain the office may not have.
fn urn(names: &[&str]) -> String {
    let mut hash = Sha256::new();
    hash.update(b"bulletin site");
    for name in names {
        hash.update([0]);
        hash.update(name.as_bytes());
    }
    let mut bytes: [u8; 16] = hash.finalize()[..16].try_into().unwrap_or_default();
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("urn:uuid:{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// A folder's own name.
fn folder_name(dir: &Path) -> String {
    dir.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The names of the files of a folder, in order (none when it cannot be read).
fn file_names(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return vec![] };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| !name.starts_with('.'))
        .collect();
    names.sort();
    names
}

/// The folders of a folder (not links, not hidden), by name.
fn subfolders(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return vec![] };
    entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_dir()))
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| !name.starts_with('.'))
        .collect()
}

/// The site's stylesheet: one column, readable on a phone and on a desktop, light or
/// dark as the reader's system is.
const STYLE: &str = r#":root {
  color-scheme: light dark;
  --text: #1b1b1b;
  --muted: #5c5c5c;
  --line: #dedede;
  --link: #0b4a8b;
  --mark: #9f1b1f;
  --mark-bg: #fbeaea;
  --draft: #6f4b00;
  --draft-bg: #fdf1d2;
  --bg: #ffffff;
}
@media (prefers-color-scheme: dark) {
  :root {
    --text: #e7e7e7;
    --muted: #a9a9a9;
    --line: #383838;
    --link: #8cb8ff;
    --mark: #ffa39e;
    --mark-bg: #43201f;
    --draft: #f3c76e;
    --draft-bg: #3d3014;
    --bg: #151515;
  }
}
html {
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}
body {
  margin: 0;
  padding: 0 1rem;
  color: var(--text);
  background: var(--bg);
  font-family: sans-serif;
  font-size: 1rem;
  line-height: 1.7;
  overflow-wrap: anywhere;
}
header, main {
  max-width: 46rem;
  margin: 0 auto;
}
header {
  padding: 1.5rem 0 0.75rem;
  border-bottom: 2px solid var(--text);
}
main {
  padding-bottom: 3rem;
}
h1 {
  font-size: 1.5rem;
  line-height: 1.4;
  margin: 0.25rem 0;
}
main > h2 {
  font-size: 1.125rem;
  margin: 1.5rem 0 0.25rem;
}
a {
  color: var(--link);
  text-underline-offset: 0.2em;
}
a:focus-visible {
  outline: 2px solid var(--link);
  outline-offset: 2px;
}
nav, .office, .meta, .files dt {
  color: var(--muted);
  font-size: 0.9375rem;
}
.office, .meta {
  margin: 0;
  display: flex;
  flex-wrap: wrap;
  align-items: baseline;
  gap: 0 1em;
}
.series, .periods {
  list-style: none;
  margin: 0;
  padding: 0;
}
.series li {
  padding: 0.5rem 0;
}
.series .name {
  font-weight: 700;
}
.period {
  padding: 1rem 0;
  border-bottom: 1px solid var(--line);
}
.period h2, .period h3 {
  font-size: 1.125rem;
  line-height: 1.5;
  margin: 0 0 0.25rem;
}
.correction {
  white-space: nowrap;
}
.mark {
  margin-right: 0.5em;
  padding: 0 0.5em;
  border-radius: 0.25em;
  font-size: 0.8125rem;
  font-weight: 700;
  color: var(--mark);
  background: var(--mark-bg);
}
.mark.draft {
  color: var(--draft);
  background: var(--draft-bg);
}
.reason {
  margin: 0.25rem 0 0;
}
.files {
  display: grid;
  grid-template-columns: max-content 1fr;
  gap: 0.25rem 1em;
  margin: 0.5rem 0 0;
  font-size: 0.9375rem;
}
.files dd {
  margin: 0;
}
.files a {
  margin-right: 0.75em;
  white-space: nowrap;
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names_read_as_build_and_publish_write_them() {
        let read = |name| Output::parse("2019-11-15", name).map(|o| (o.notice, o.edition, o.ext));
        assert_eq!(read("2019-11-15.pdf"), Some((false, None, "pdf".into())));
        assert_eq!(read("2019-11-15.zh-Hans.html"), Some((false, Some("zh-Hans".into()), "html".into())));
        assert_eq!(read("2019-11-15-correction.md"), Some((true, None, "md".into())));
        assert_eq!(read("2019-11-15.fragment.html"), Some((false, None, "fragment.html".into())));
        assert_eq!(
            read("2019-11-15.zh-Hans.fragment.html"),
            Some((false, Some("zh-Hans".into()), "fragment.html".into()))
        );
        assert_eq!(read("2019-11-15-correction.zh-Hans.docx"), Some((true, Some("zh-Hans".into()), "docx".into())));
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

    #[test]
    fn identifiers_are_stable_uuids() {
        let id = urn(&["shiyaohuan", "2019-11-15"]);
        assert_eq!(id, urn(&["shiyaohuan", "2019-11-15"]));
        assert_ne!(id, urn(&["shiyaohuan", "2019-11-16"]));
        assert_ne!(urn(&["a", "bc"]), urn(&["ab", "c"]));
        let uuid = id.strip_prefix("urn:uuid:").unwrap();
        let groups: Vec<usize> = uuid.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert!(uuid[14..15] == *"8", "version 8: {uuid}");
        assert!("89ab".contains(&uuid[19..20]), "RFC variant: {uuid}");
    }

    #[test]
    fn links_escape_their_segments() {
        assert_eq!(href(&["治安 <x>", "index.html"]), "%E6%B2%BB%E5%AE%89%20%3Cx%3E/index.html");
    }
}
