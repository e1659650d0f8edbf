//! `bulletin serve`: a live preview. A local web server shows each figure file's web
//! page beside its PDF, rebuilds in the same warm process (fonts, templates and
//! Typst's caches kept) only what a saved file affects, and tells the browser to
//! reload through server-sent events.
//!
//! The preview lives in memory: it writes nothing into the project, and serves only
//! the outputs it holds, looked up by name, so no request can reach a file. Every name
//! it shows is escaped for where it goes: HTML text and attributes by the pages'
//! templates, links and event payloads percent-encoded ([`link`]).

mod events;
mod http;

use std::collections::{BTreeMap, BTreeSet};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use tera::{Context, Tera, Value};

use crate::diag::{self, Diagnostic};
use crate::i18n::{self, t};
use crate::input::project::{FigureFile, SHARED};
use crate::pipeline::formats::{self, Format};
use crate::pipeline::{Job, Workspace};
use crate::render::builtin::{Escape, built_in, render_built_in};
use crate::render::typst::compile::{Layout, evict};
use crate::serve::events::{HEARTBEAT, Streams};
use crate::serve::http::{Request, Responder, Server, TEXT};

/// The preview pages' own styles.
const STYLE: &str = include_str!("assets/preview.css");

/// The viewer's script: on each event for its file, show the error or reload both
/// panes, keeping the web page's scroll position and the PDF's page.
const SCRIPT: &str = include_str!("assets/viewer.js");

/// The preview's pages: the list of files and a file's viewer.
static PAGES: LazyLock<Tera> = LazyLock::new(|| {
    built_in(
        &[("index.html", include_str!("assets/index.html")), ("viewer.html", include_str!("assets/viewer.html"))],
        Escape::Html,
    )
});

/// How long the file system must be quiet after a change before the rebuild: an
/// editor's save is often several events (a temporary file, a rename).
const QUIET: Duration = Duration::from_millis(10);

/// What a path segment in a link escapes: everything but unreserved characters, so a
/// link is safe in any attribute, in a script and in an event, and a browser reads
/// it as it was written (it would take a backslash for a slash).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The preview of one figure file: its last good outputs and its current error.
struct Entry {
    file: FigureFile,
    /// The last good outputs.
    outputs: BTreeMap<Format, Arc<[u8]>>,
    /// The diagnostics of the last build, as `check` prints them, if it failed.
    error: Option<String>,
    /// The warnings of the last good build.
    warnings: String,
    /// A hash of each page of the last good PDF, one a line.
    pages: String,
    /// The last good PDF's pages as laid out, drawn as SVG when the page asks.
    layout: Option<Layout>,
    /// The edition asked for on the page, if one was.
    asked: Option<String>,
    /// The series' editions (language tags) and the one shown.
    editions: Vec<String>,
    shown: String,
}

/// Everything the server shows, kept up to date by the watcher.
struct Preview {
    workspace: Workspace,
    /// What the preview makes of each file (the format table's `preview`).
    formats: Vec<Format>,
    /// The files named on the command line; `None`: every figure file, as they come
    /// and go.
    named: Option<Vec<FigureFile>>,
    entries: Mutex<BTreeMap<String, Entry>>,
    /// Why the figure files could not be listed, if they could not.
    listing: Mutex<Option<String>>,
    /// The open pages' event streams.
    streams: Streams,
}

/// Starts the preview of `named` (or of every figure file) on `host:port`, calls
/// `ready` with the address once it listens, and serves until the process ends.
pub fn serve(
    workspace: Workspace,
    named: Option<Vec<FigureFile>>,
    host: IpAddr,
    port: u16,
    ready: impl FnOnce(SocketAddr),
) -> diag::Result<()> {
    let server = Server::bind(SocketAddr::new(host, port)).map_err(|err| {
        let address = format!("{host}:{port}");
        let message = if port == 0 {
            t!("serve-cannot-listen", address = address, reason = err.to_string())
        } else {
            t!("serve-cannot-listen-port", address = address, reason = err.to_string(), port = port)
        };
        vec![Diagnostic::error(message).help(t!("serve-cannot-listen-help"))]
    })?;
    let root = workspace.project().root.clone();
    let preview = Arc::new(Preview {
        workspace,
        formats: formats::previewed(),
        named,
        entries: Mutex::default(),
        listing: Mutex::default(),
        streams: Streams::default(),
    });
    // Watching starts before the first build, so a save during it is not lost.
    let (sender, changes) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender)
        .map_err(|err| vec![Diagnostic::error(t!("serve-cannot-watch-project", reason = err.to_string()))])?;
    // The root itself only for `data/` or `templates/` appearing; those two whole.
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|err| vec![Diagnostic::error(t!("serve-cannot-watch", path = &root, reason = err.to_string()))])?;
    watch_inputs(&mut watcher, &root);
    preview.refresh(&[], true);
    let watched = Arc::clone(&preview);
    std::thread::spawn(move || watched.watch(&mut watcher, &changes));
    let stopped = |err: std::io::Error| vec![Diagnostic::error(t!("serve-stopped", reason = err.to_string()))];
    let address = server.address().map_err(stopped)?;
    ready(address);
    let beating = Arc::clone(&preview);
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(HEARTBEAT);
            beating.streams.heartbeat();
        }
    });
    server.run(move |request, responder| preview.respond(&request, responder, address)).map_err(stopped)
}

/// Watches `data/` and `templates/`, whichever exist, whole.
fn watch_inputs(watcher: &mut notify::RecommendedWatcher, root: &Path) {
    for dir in [root.join("data"), root.join("templates")] {
        // Not there yet, watched already, or gone again: nothing more to do.
        let _ = watcher.watch(&dir, RecursiveMode::Recursive);
    }
}

impl Preview {
    /// Rebuilds after every burst of changes, once the file system has been quiet for
    /// [`QUIET`], until the watcher stops.
    fn watch(&self, watcher: &mut notify::RecommendedWatcher, events: &Receiver<notify::Result<notify::Event>>) {
        let root = self.workspace.project().root.clone();
        let inputs = [root.join("data"), root.join("templates")];
        while let Ok(first) = events.recv() {
            let mut burst = vec![first];
            while let Ok(next) = events.recv_timeout(QUIET) {
                burst.push(next);
            }
            // Events lost (the kernel's queue overflowed) or a watch error: rebuild all.
            let everything = burst.iter().any(|event| event.as_ref().map_or(true, |e| e.need_rescan()));
            let paths: Vec<PathBuf> = burst
                .into_iter()
                .flat_map(changed)
                .filter(|path| inputs.iter().any(|dir| path.starts_with(dir)))
                .collect();
            if paths.iter().any(|path| inputs.contains(path)) {
                watch_inputs(watcher, &root);
            }
            if everything || !paths.is_empty() {
                self.refresh(&paths, everything || paths.iter().any(|path| inputs.contains(path)));
            }
        }
    }

    /// Rebuilds what the changed paths affect (everything, at start) and tells
    /// every open page which files changed.
    fn refresh(&self, changed: &[PathBuf], everything: bool) {
        let root = &self.workspace.project().root;
        let mut series = BTreeSet::new();
        let mut files = BTreeSet::new();
        let mut all = everything;
        for path in changed {
            let parts: Vec<String> = path
                .strip_prefix(root)
                .unwrap_or(path)
                .iter()
                .map(|part| part.to_string_lossy().into_owned())
                .collect();
            match parts.as_slice() {
                [templates, shared, ..] if templates == "templates" && shared == SHARED => all = true,
                [templates, name, ..] if templates == "templates" => {
                    series.insert(name.clone());
                }
                [data, name, file] if data == "data" => {
                    let stem = file.strip_suffix(".yaml").or_else(|| file.strip_suffix(".yml"));
                    files.extend(stem.map(|stem| format!("{name}/{stem}")));
                }
                _ => {}
            }
        }
        if all {
            self.workspace.reload(None);
        }
        for name in &series {
            self.workspace.reload(Some(name.as_str()));
        }
        let listing_before = self.listing.lock().unwrap_or_else(PoisonError::into_inner).clone();
        let listed = self.list();
        let listing_changed = *self.listing.lock().unwrap_or_else(PoisonError::into_inner) != listing_before;
        let mut entries = self.lock_entries();
        let gone: Vec<String> = entries.keys().filter(|id| !listed.contains_key(*id)).cloned().collect();
        for id in &gone {
            entries.remove(id);
        }
        drop(entries);
        let mut updated = gone;
        if listing_changed {
            updated.push(String::new()); // The index's own event: its list changed.
        }
        for (id, file) in listed {
            let known = self.lock_entries().contains_key(&id);
            if all || !known || files.contains(&id) || series.contains(&file.series) {
                self.update(&id, file);
                updated.push(id);
            }
        }
        for id in &updated {
            self.streams.announce(&link(id));
        }
    }

    /// The figure files to preview, by id (`<series>/<as_of>`).
    fn list(&self) -> BTreeMap<String, FigureFile> {
        let files = match &self.named {
            Some(named) => Ok(named.clone()),
            None => self.workspace.project().figure_files(),
        };
        let mut listing = self.listing.lock().unwrap_or_else(PoisonError::into_inner);
        match files {
            Ok(files) => {
                *listing = None;
                files.into_iter().map(|file| (format!("{}/{}", file.series, file.stem), file)).collect()
            }
            Err(errors) => {
                *listing = Some(errors.iter().map(ToString::to_string).collect());
                self.lock_entries().iter().map(|(id, entry)| (id.clone(), entry.file.clone())).collect()
            }
        }
    }

    /// Builds one file in memory; a failure keeps the last good outputs.
    fn update(&self, id: &str, file: FigureFile) {
        let asked = self.lock_entries().get(id).and_then(|entry| entry.asked.clone());
        let rendered = diag::isolate(&file.shown, || {
            // Every page of a series with broken templates shows their errors in full.
            self.workspace.series_report(&file.series)?;
            let input = self.workspace.input(&file)?;
            let tags: Vec<String> = input.series.editions.iter().map(|(e, _)| e.tag.clone()).collect();
            let shown = edition(&tags, asked.as_deref());
            let editions = std::slice::from_ref(&shown);
            let job = Job { formats: &self.formats, editions, version: None, parallel: false };
            Ok((self.workspace.render(&input, &job)?, tags, shown))
        });
        evict();
        let text = |diagnostics: Vec<Diagnostic>| {
            diag::cap(diagnostics, &file.shown).iter().map(ToString::to_string).collect()
        };
        let mut entries = self.lock_entries();
        let blank = Entry {
            file: file.clone(),
            outputs: BTreeMap::new(),
            error: None,
            warnings: String::new(),
            pages: String::new(),
            layout: None,
            asked: None,
            editions: vec![],
            shown: String::new(),
        };
        let entry = entries.entry(id.to_string()).or_insert(blank);
        match rendered {
            Ok((rendered, editions, shown)) => {
                // One edition is rendered: every output is its.
                entry.outputs =
                    rendered.outputs.into_iter().map(|((_, format), bytes)| (format, Arc::from(bytes))).collect();
                entry.warnings = text(rendered.warnings);
                entry.pages = rendered.pages.values().next().map(|pages| pages.join("\n")).unwrap_or_default();
                entry.layout = rendered.layouts.into_values().next();
                entry.error = None;
                entry.editions = editions;
                entry.shown = shown;
            }
            Err(errors) => entry.error = Some(text(errors)),
        }
    }

    fn lock_entries(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Entry>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Answers one request; only the preview's own pages and outputs exist, asked for
    /// under the address the preview was opened at.
    fn respond(&self, request: &Request, responder: Responder, address: SocketAddr) {
        // A page of another site may not read the drafts through a name that it
        // points at this address (DNS rebinding).
        if !request.host.as_deref().is_some_and(|host| allowed_host(host, address)) {
            return responder.send(403, TEXT, t!("preview-refused-host").text.as_bytes());
        }
        let Some(path) = clean_path(&request.target) else {
            return responder.send(400, TEXT, t!("preview-refused-path").text.as_bytes());
        };
        if path == "/events" {
            return self.streams.open(responder);
        }
        match self.page(&path) {
            Some((kind, body)) => responder.send(200, &kind, &body),
            None => responder.send(404, TEXT, t!("preview-not-found").text.as_bytes()),
        }
    }

    /// The media type and bytes of one of the preview's own pages or outputs.
    fn page(&self, path: &str) -> Option<(String, Vec<u8>)> {
        let html = Format::Html.content_type();
        if path == "/" {
            return Some((html, self.index().into_bytes()));
        }
        let (what, id) = path.strip_prefix('/')?.split_once('/')?;
        if what == "edition" {
            return self.switch(id).map(|page| (html, page.into_bytes()));
        }
        let entries = self.lock_entries();
        let entry = entries.get(id)?;
        match what {
            "view" => Some((html, viewer(id, entry).into_bytes())),
            "error" => Some((TEXT.to_string(), entry.error.clone().unwrap_or_default().into_bytes())),
            "warnings" => Some((TEXT.to_string(), entry.warnings.clone().into_bytes())),
            "pages" => Some((TEXT.to_string(), entry.pages.clone().into_bytes())),
            _ if what.starts_with("page-") => {
                let index: usize = what.strip_prefix("page-")?.parse().ok()?;
                let layout = entry.layout.clone()?;
                // Drawn outside the lock: the other pages' requests are not held up.
                drop(entries);
                Some(("image/svg+xml".to_string(), layout.svg(index)?.into_bytes()))
            }
            _ => {
                let format = self.formats.iter().find(|format| format.extension() == what)?;
                Some((format.content_type(), entry.outputs.get(format)?.to_vec()))
            }
        }
    }

    /// Shows a file in another of its editions (`/edition/<tag>/<id>`): rebuilt in it,
    /// every open page of the file told, and its viewer.
    fn switch(&self, path: &str) -> Option<String> {
        let (tag, id) = path.split_once('/')?;
        let file = {
            let mut entries = self.lock_entries();
            let entry = entries.get_mut(id)?;
            // Only a tag the series issues is taken: nothing else reaches the render.
            if !entry.editions.iter().any(|edition| edition == tag) {
                return None;
            }
            entry.asked = Some(tag.to_string());
            entry.file.clone()
        };
        self.update(id, file);
        self.streams.announce(&link(id));
        let entries = self.lock_entries();
        Some(viewer(id, entries.get(id)?))
    }

    /// The list of figure files, each with its state.
    fn index(&self) -> String {
        let files: Vec<Value> = self
            .lock_entries()
            .iter()
            .map(|(id, entry)| {
                let mut file = tera::Map::new();
                file.insert("link".into(), Value::from(link(id)));
                file.insert("shown".into(), Value::from(entry.file.shown.display().to_string()));
                file.insert("broken".into(), Value::from(entry.error.is_some()));
                Value::from(file)
            })
            .collect();
        let listing = self.listing.lock().unwrap_or_else(PoisonError::into_inner).clone();
        let mut context = Context::new();
        context.insert("style", STYLE);
        context.insert("lang", i18n::lang().tag());
        context.insert_value("text", page_text());
        context.insert("problem", &listing.unwrap_or_default());
        context.insert_value("files", Value::from(files));
        render_built_in(&PAGES, "index.html", &context)
    }
}

/// The paths an event changed. Opening and reading a file are events too, and the
/// preview's own rebuild reads every file it depends on: those are no change, or
/// each rebuild would set off the next.
fn changed(event: notify::Result<notify::Event>) -> Vec<PathBuf> {
    match event {
        Ok(event) => match event.kind {
            EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => event.paths,
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => event.paths,
            _ => vec![],
        },
        Err(_) => vec![],
    }
}

/// The page of one figure file: its web page beside its PDF, reloaded in place when
/// the file is rebuilt, with the diagnostics where the bulletin was while it fails.
/// The page starts in the file's current state, so it shows without waiting for its
/// script.
fn viewer(id: &str, entry: &Entry) -> String {
    let mut context = Context::new();
    context.insert("style", STYLE);
    context.insert("lang", i18n::lang().tag());
    context.insert_value("text", page_text());
    context.insert("script", SCRIPT);
    context.insert("id", id);
    context.insert("link", &link(id));
    context.insert("error", entry.error.as_deref().unwrap_or_default());
    context.insert("warnings", &entry.warnings);
    let editions: Vec<Value> = entry
        .editions
        .iter()
        .map(|tag| {
            let mut edition = tera::Map::new();
            edition.insert("tag".into(), Value::from(tag.as_str()));
            edition.insert("name".into(), Value::from(t!("preview-edition", tag = tag).text));
            edition.insert("shown".into(), Value::from(*tag == entry.shown));
            Value::from(edition)
        })
        .collect();
    context.insert_value("editions", Value::from(editions));
    render_built_in(&PAGES, "viewer.html", &context)
}

/// The edition a file is previewed in: the one asked for on its page, else the one in
/// the language the tool speaks (a Simplified editor sees the Simplified text and
/// PDF), else the series' first.
fn edition(tags: &[String], asked: Option<&str>) -> String {
    let ui = i18n::lang().tag();
    asked
        .and_then(|asked| tags.iter().find(|tag| *tag == asked))
        .or_else(|| tags.iter().find(|tag| *tag == ui))
        .or(tags.first())
        .cloned()
        .unwrap_or_default()
}

/// The preview pages' own words, in the user's language.
fn page_text() -> Value {
    let mut text = tera::Map::new();
    for (name, words) in [
        ("title", t!("preview-title")),
        ("has_errors", t!("preview-has-errors")),
        ("all_files", t!("preview-all-files")),
        ("pdf_note", t!("preview-pdf-note")),
        ("typst_source", t!("preview-typst-source")),
        ("web_page", t!("preview-web-page")),
        ("edition", t!("preview-edition-label")),
    ] {
        text.insert(name.into(), Value::from(words.text));
    }
    Value::from(text)
}

/// Whether a request's `Host` names the address the preview listens on. On a
/// loopback address only the names of that address are; a preview opened to the
/// network (`--host` naming another address) answers to any name.
fn allowed_host(host: &str, address: SocketAddr) -> bool {
    let port = address.port();
    !address.ip().to_canonical().is_loopback()
        || host == address.to_string()
        || host == format!("localhost:{port}")
        || host == format!("127.0.0.1:{port}")
        || host == format!("[::1]:{port}")
}

/// An id as a link path: each segment percent-encoded.
fn link(id: &str) -> String {
    id.split('/').map(|segment| utf8_percent_encode(segment, SEGMENT).to_string()).collect::<Vec<_>>().join("/")
}

/// The decoded path of a request URL without its query, or `None` for one that
/// tries to leave the preview: `..` or `.` segments, encoded slashes, backslashes
/// (which a browser sends only encoded, from a name), empty segments, anything not
/// UTF-8.
fn clean_path(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') || path.contains('\\') || path.to_ascii_lowercase().contains("%2f") {
        return None;
    }
    let decoded = percent_decode_str(path).decode_utf8().ok()?;
    let segments: Vec<&str> = decoded.split('/').skip(1).collect();
    let bad = |s: &&str| s.is_empty() || *s == "." || *s == ".." || s.contains('\0');
    if decoded != "/" && segments.iter().any(bad) {
        return None;
    }
    Some(decoded.into_owned())
}

/// The address a preview listens on, from `--host`.
pub fn parse_host(host: &str) -> diag::Result<IpAddr> {
    let host = if host == "localhost" { "127.0.0.1" } else { host };
    // `::ffff:127.0.0.1` is 127.0.0.1 written as IPv6: the same address, loopback.
    host.parse()
        .map(|ip: IpAddr| ip.to_canonical())
        .map_err(|_| vec![Diagnostic::error(t!("serve-not-an-ip", host = host)).help(t!("serve-not-an-ip-help"))])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_preview_are_refused() {
        assert_eq!(clean_path("/html/shiyaohuan/2019-11-15?t=1").as_deref(), Some("/html/shiyaohuan/2019-11-15"));
        assert_eq!(clean_path("/view/%E6%B8%AC/2019").as_deref(), Some("/view/測/2019"));
        assert_eq!(clean_path("/").as_deref(), Some("/"));
        assert_eq!(clean_path("/view/a%5Cb/2019").as_deref(), Some("/view/a\\b/2019"));
        for hostile in [
            "/html/../../etc/passwd",
            "/html/%2e%2e/%2e%2e/etc/passwd",
            "/html/shiyaohuan%2F2019-11-15",
            "//etc/passwd",
            "/html/./x",
            "etc/passwd",
            "/a\\b",
            "/%ff",
        ] {
            assert_eq!(clean_path(hostile), None, "{hostile}");
        }
    }

    #[test]
    fn links_escape_each_segment() {
        assert_eq!(link("tr\"affic/2020-01-31"), "tr%22affic/2020-01-31");
        assert_eq!(link("a b/c#d"), "a%20b/c%23d");
        assert_eq!(link("x<\n/a\\b(1)é"), "x%3C%0A/a%5Cb%281%29%C3%A9");
    }
}
