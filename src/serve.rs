//! `bulletin serve`: a live preview. A local web server shows each figure file's web
//! page beside its PDF, rebuilds in the same warm process (fonts, templates and
//! Typst's caches kept) only what a saved file affects, and tells the browser to
//! reload through server-sent events.
//!
//! The preview lives in memory: it writes nothing into the project, and serves only
//! the outputs it holds, looked up by name, so no request can reach a file.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher};
use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use tiny_http::{Header, Request, Response, Server};

use crate::build::{Builder, Format};
use crate::diag::{self, Diagnostic};
use crate::markdown::escape_html;
use crate::project::FigureFile;
use crate::snapshot::SHARED;
use crate::typeset;

/// How long the file system must be quiet after a change before the rebuild: an
/// editor's save is often several events (a temporary file, a rename).
const QUIET: Duration = Duration::from_millis(10);

/// What a path segment in a link escapes (everything but unreserved characters).
const SEGMENT: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'#').add(b'%').add(b'/').add(b'?').add(b'<').add(b'>');

/// The preview of one figure file: its last good outputs and its current error.
struct Entry {
    file: FigureFile,
    md: Option<Arc<[u8]>>,
    html: Option<Arc<[u8]>>,
    pdf: Option<Arc<[u8]>>,
    /// The diagnostics of the last build, as `check` prints them, if it failed.
    error: Option<String>,
}

/// Everything the server shows, kept up to date by the watcher.
struct Preview {
    builder: Builder,
    /// The files named on the command line; `None`: every figure file, as they come
    /// and go.
    named: Option<Vec<FigureFile>>,
    entries: Mutex<BTreeMap<String, Entry>>,
    /// Why the figure files could not be listed, if they could not.
    listing: Mutex<Option<String>>,
    /// One sender per open event stream.
    listeners: Mutex<Vec<Sender<String>>>,
}

/// Starts the preview of `named` (or of every figure file) on `host:port`, calls
/// `ready` with the address once it listens, and serves until the process ends.
pub fn serve(
    builder: Builder,
    named: Option<Vec<FigureFile>>,
    host: IpAddr,
    port: u16,
    ready: impl FnOnce(SocketAddr),
) -> diag::Result<()> {
    let server = Server::http(SocketAddr::new(host, port)).map_err(|err| {
        let port_note = if port == 0 { String::new() } else { format!(" (another `bulletin serve` on port {port}?)") };
        vec![
            Diagnostic::error(format!("cannot listen on {host}:{port}: {err}{port_note}"))
                .note("help: choose another port with `--port`, or leave it out to take a free one"),
        ]
    })?;
    let root = builder.project().root.clone();
    let preview = Arc::new(Preview {
        builder,
        named,
        entries: Mutex::default(),
        listing: Mutex::default(),
        listeners: Mutex::default(),
    });
    preview.refresh(&[], true);
    let (sender, changes) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender)
        .map_err(|err| vec![Diagnostic::error(format!("cannot watch the project: {err}"))])?;
    for dir in [root.join("data"), root.join("templates")] {
        if dir.is_dir() {
            watcher
                .watch(&dir, RecursiveMode::Recursive)
                .map_err(|err| vec![Diagnostic::error(format!("cannot watch `{}`: {err}", dir.display()))])?;
        }
    }
    let watched = Arc::clone(&preview);
    std::thread::spawn(move || watched.watch(&changes));
    if let Some(address) = server.server_addr().to_ip() {
        ready(address);
    }
    for request in server.incoming_requests() {
        preview.respond(request);
    }
    Ok(())
}

impl Preview {
    /// Rebuilds after every burst of changes, once the file system has been quiet for
    /// [`QUIET`], until the watcher stops.
    fn watch(&self, events: &Receiver<notify::Result<notify::Event>>) {
        while let Ok(first) = events.recv() {
            let mut paths = changed(first);
            while let Ok(next) = events.recv_timeout(QUIET) {
                paths.extend(changed(next));
            }
            if !paths.is_empty() {
                self.refresh(&paths, false);
            }
        }
    }

    /// Rebuilds what the changed paths affect (everything, at start) and tells
    /// every open page which files changed.
    fn refresh(&self, changed: &[PathBuf], everything: bool) {
        let root = &self.builder.project().root;
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
            self.builder.reload(None);
        }
        for name in &series {
            self.builder.reload(Some(name.as_str()));
        }
        let listed = self.list();
        let mut entries = self.lock_entries();
        let gone: Vec<String> = entries.keys().filter(|id| !listed.contains_key(*id)).cloned().collect();
        for id in &gone {
            entries.remove(id);
        }
        drop(entries);
        let mut updated = gone;
        for (id, file) in listed {
            let known = self.lock_entries().contains_key(&id);
            if all || !known || files.contains(&id) || series.contains(&file.series) {
                self.update(&id, file);
                updated.push(id);
            }
        }
        let mut listeners = self.listeners.lock().unwrap_or_else(PoisonError::into_inner);
        listeners.retain(|listener| updated.iter().all(|id| listener.send(id.clone()).is_ok()));
    }

    /// The figure files to preview, by id (`<series>/<as_of>`).
    fn list(&self) -> BTreeMap<String, FigureFile> {
        let files = match &self.named {
            Some(named) => Ok(named.clone()),
            None => self.builder.project().figure_files(),
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
        let formats = [Format::Md, Format::Html, Format::Pdf];
        let rendered = diag::isolate(&file.shown, || {
            let input = self.builder.input(&file)?;
            self.builder.render(&input, &formats, None)
        });
        typeset::evict();
        let mut entries = self.lock_entries();
        let entry =
            entries.entry(id.to_string()).or_insert(Entry { file, md: None, html: None, pdf: None, error: None });
        match rendered {
            Ok(mut rendered) => {
                entry.md = rendered.outputs.remove(&Format::Md).map(Arc::from);
                entry.html = rendered.outputs.remove(&Format::Html).map(Arc::from);
                entry.pdf = rendered.outputs.remove(&Format::Pdf).map(Arc::from);
                entry.error = None;
            }
            Err(errors) => entry.error = Some(errors.iter().map(ToString::to_string).collect()),
        }
    }

    fn lock_entries(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Entry>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Answers one request; only the preview's own pages and outputs exist.
    fn respond(&self, request: Request) {
        let Some(path) = clean_path(request.url()) else {
            let _ = request.respond(Response::from_string("refused: not a path of this preview").with_status_code(400));
            return;
        };
        let entry = |prefix: &str| {
            let id = path.strip_prefix(prefix)?;
            let entries = self.lock_entries();
            let entry = entries.get(id)?;
            Some((id.to_string(), entry.md.clone(), entry.html.clone(), entry.pdf.clone(), entry.error.clone()))
        };
        let (body, kind): (Vec<u8>, &str) = if path == "/" {
            (self.index().into_bytes(), "text/html; charset=utf-8")
        } else if path == "/events" {
            self.stream(request);
            return;
        } else if let Some((id, .., error)) = entry("/view/") {
            (viewer(&id, error.as_deref()).into_bytes(), "text/html; charset=utf-8")
        } else if let Some((_, Some(md), ..)) = entry("/md/") {
            (md.to_vec(), "text/markdown; charset=utf-8")
        } else if let Some((_, _, Some(html), ..)) = entry("/html/") {
            (html.to_vec(), "text/html; charset=utf-8")
        } else if let Some((_, _, _, Some(pdf), _)) = entry("/pdf/") {
            (pdf.to_vec(), "application/pdf")
        } else if let Some((.., error)) = entry("/error/") {
            (error.unwrap_or_default().into_bytes(), "text/plain; charset=utf-8")
        } else {
            let _ = request.respond(Response::from_string("not found").with_status_code(404));
            return;
        };
        let response = Response::from_data(body).with_header(header("Content-Type", kind));
        let _ = request.respond(response.with_header(header("Cache-Control", "no-store")));
    }

    /// Hands the connection to a thread that sends `data: <id>` whenever that file
    /// was rebuilt. The response has no length: the stream lasts as long as the page.
    fn stream(&self, request: Request) {
        let (sender, receiver) = std::sync::mpsc::channel::<String>();
        // tiny_http buffers a streamed body in 8 KiB chunks; an upgraded connection
        // is ours to write and flush event by event (an `Upgrade` header on a 200
        // response only advertises, and the body runs until the connection closes).
        let response = Response::empty(200)
            .with_header(header("Content-Type", "text/event-stream"))
            .with_header(header("Cache-Control", "no-store"));
        let mut stream = request.upgrade("bulletin-events", response);
        self.listeners.lock().unwrap_or_else(PoisonError::into_inner).push(sender);
        std::thread::spawn(move || {
            let mut send = |text: &str| stream.write_all(text.as_bytes()).and_then(|()| stream.flush());
            if send(": connected\n\n").is_err() {
                return;
            }
            while let Ok(id) = receiver.recv() {
                if send(&format!("data: {id}\n\n")).is_err() {
                    return;
                }
            }
        });
    }

    /// The list of figure files, each with its state.
    fn index(&self) -> String {
        let mut items = String::new();
        for (id, entry) in self.lock_entries().iter() {
            let state = if entry.error.is_some() { " <strong>(has errors)</strong>" } else { "" };
            let shown = escape_html(&entry.file.shown.display().to_string());
            items.push_str(&format!("<li><a href=\"/view/{}\">{shown}</a>{state}</li>\n", link(id)));
        }
        let listing = self.listing.lock().unwrap_or_else(PoisonError::into_inner).clone();
        let problem = listing.map(|text| format!("<pre class=\"error\">{}</pre>\n", escape_html(&text)));
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>bulletin preview</title>\n\
             <style>{STYLE}</style>\n</head>\n<body>\n<h1>bulletin preview</h1>\n{}<ul>\n{items}</ul>\n\
             <script>new EventSource(\"/events\").onmessage = () => location.reload();</script>\n</body>\n</html>\n",
            problem.unwrap_or_default()
        )
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
fn viewer(id: &str, error: Option<&str>) -> String {
    let json = serde_json::to_string(id).unwrap_or_default();
    let (link, title) = (link(id), escape_html(id));
    let (shown, hidden) = match error {
        Some(error) => (escape_html(error), " hidden"),
        None => (String::new(), ""),
    };
    let (error_hidden, source) =
        if error.is_some() { ("", String::new()) } else { (" hidden", format!(" src=\"/html/{link}\"")) };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title} · bulletin preview</title>\n\
         <style>{STYLE}</style>\n</head>\n<body class=\"viewer\">\n<header><a href=\"/\">all files</a> · {title} · \
         PDF page <input id=\"page\" type=\"number\" min=\"1\" value=\"1\"> · <a href=\"/pdf/{link}\">last good PDF</a> · \
         <a href=\"/md/{link}\">Markdown</a></header>\n\
         <main>\n<pre id=\"error\" class=\"error\"{error_hidden}>{shown}</pre>\n\
         <iframe id=\"html\" title=\"web page\"{source}{hidden}></iframe>\n\
         <iframe id=\"pdf\" title=\"PDF\" src=\"/pdf/{link}\"></iframe>\n</main>\n<script>\n{SCRIPT}\nshow({json}, \"{link}\");\n</script>\n</body>\n</html>\n"
    )
}

/// The viewer's script: on each event for its file, show the error or reload both
/// panes, keeping the web page's scroll position and the PDF's page.
const SCRIPT: &str = r##"function show(id, link) {
  const html = document.getElementById("html"), pdf = document.getElementById("pdf");
  const error = document.getElementById("error"), page = document.getElementById("page");
  async function refresh() {
    const text = await (await fetch("/error/" + link, {cache: "no-store"})).text();
    error.textContent = text;
    error.hidden = !text;
    html.hidden = !!text;
    if (text) return;
    const y = html.contentWindow ? html.contentWindow.scrollY : 0;
    html.onload = () => html.contentWindow.scrollTo(0, y);
    html.src = "/html/" + link + "?t=" + Date.now();
    pdf.src = "/pdf/" + link + "?t=" + Date.now() + "#page=" + (page.value || 1);
  }
  page.onchange = refresh;
  new EventSource("/events").onmessage = (event) => { if (event.data === id) refresh(); };
}"##;

/// The preview pages' own styles.
const STYLE: &str = "body{font-family:sans-serif;margin:0}h1,ul{margin:1rem}\
    .viewer main{display:flex;height:calc(100vh - 2.5rem)}iframe{flex:1;border:0;border-left:1px solid #ccc}\
    header{padding:.5rem 1rem;border-bottom:1px solid #ccc}#page{width:4em}\
    .error{flex:1;margin:0;padding:1rem;background:#fff4f4;color:#600;overflow:auto;white-space:pre}";

/// A response header; every one this module sends is plain ASCII.
fn header(name: &'static str, value: &'static str) -> Header {
    Header::from_bytes(name, value).expect("an ASCII header")
}

/// An id as a link path: each segment percent-encoded.
fn link(id: &str) -> String {
    id.split('/').map(|segment| utf8_percent_encode(segment, SEGMENT).to_string()).collect::<Vec<_>>().join("/")
}

/// The decoded path of a request URL without its query, or `None` for one that
/// tries to leave the preview: `..` or `.` segments, encoded slashes or
/// backslashes, empty segments, anything not UTF-8.
fn clean_path(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let lower = path.to_ascii_lowercase();
    if !path.starts_with('/') || path.contains('\\') || lower.contains("%2f") || lower.contains("%5c") {
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
    host.parse().map_err(|_| {
        vec![Diagnostic::error(format!("`{host}` is not an IP address")).note("help: such as 127.0.0.1 or ::1")]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_preview_are_refused() {
        assert_eq!(clean_path("/html/shiyaohuan/2019-11-15?t=1").as_deref(), Some("/html/shiyaohuan/2019-11-15"));
        assert_eq!(clean_path("/view/%E6%B8%AC/2019").as_deref(), Some("/view/測/2019"));
        assert_eq!(clean_path("/").as_deref(), Some("/"));
        for hostile in [
            "/html/../../etc/passwd",
            "/html/%2e%2e/%2e%2e/etc/passwd",
            "/html/shiyaohuan%2F2019-11-15",
            "/html/shiyaohuan%5c2019",
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
    }
}
