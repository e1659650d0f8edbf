//! The user-facing diagnostic: what went wrong, where (file, line, column, with the
//! offending line and a caret), what was expected, and how it prints.
//!
//! Every error the tool reports, from a YAML typo to a failed write, ends up here, so
//! there is exactly one way diagnostics look and one place that prints them.

use std::fmt;
use std::io::IsTerminal;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use codespan_reporting::term::{self, Chars, Config};

use crate::i18n::{Text, t};

/// The result of an operation that reports its failures as diagnostics.
pub type Result<T> = std::result::Result<T, Diagnostics>;

/// One or more diagnostics; an error value carries at least one.
pub type Diagnostics = Vec<Diagnostic>;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The file cannot be built.
    Error,
    /// The file is built, but a person should look at this.
    Warning,
    /// What the tool is doing (waiting for a lock, say).
    Info,
}

/// A source text kept for diagnostics: the path as the user knows it and its text.
#[derive(Debug)]
pub struct Source {
    /// The path as shown to the user (relative to the project where possible).
    pub path: PathBuf,
    /// The whole text of the file.
    pub text: String,
}

impl Source {
    /// Wraps a file's text for use in diagnostics.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Arc<Self> {
        Arc::new(Self { path: path.into(), text: text.into() })
    }
}

/// A highlighted range in a source, with a short label printed beside the caret.
#[derive(Debug, Clone)]
struct Span {
    source: Arc<Source>,
    range: Range<usize>,
    label: String,
}

/// The longest source line a diagnostic prints, in bytes (a long template paragraph
/// is some hundreds of characters).
const MAX_SHOWN_LINE: usize = 4096;

impl Span {
    /// `path:line:column` when the span's line is longer than [`MAX_SHOWN_LINE`].
    fn too_long_to_show(&self) -> Option<String> {
        let text = &self.source.text;
        let start = self.range.start;
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        if line_end - line_start <= MAX_SHOWN_LINE {
            return None;
        }
        let line = text[..line_start].matches('\n').count() + 1;
        let column = text[line_start..start].chars().count() + 1;
        Some(format!("{}:{line}:{column}", self.source.path.display()))
    }
}

/// A message for the user, optionally pointing into a file.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    severity: Severity,
    key: Option<&'static str>,
    message: String,
    spans: Vec<Span>,
    notes: Vec<String>,
}

impl Diagnostic {
    /// An error with a message (lowercase, no trailing period); a message from the
    /// catalogue ([`t!`](crate::i18n::t)) gives the diagnostic its key.
    #[must_use]
    pub fn error(message: impl Into<Text>) -> Self {
        let Text { key, text } = message.into();
        Self { severity: Severity::Error, key, message: text, spans: vec![], notes: vec![] }
    }

    /// A warning with a message.
    #[must_use]
    pub fn warning(message: impl Into<Text>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(message) }
    }

    /// A message about what the tool is doing.
    #[must_use]
    pub fn info(message: impl Into<Text>) -> Self {
        Self { severity: Severity::Info, ..Self::error(message) }
    }

    /// A failed file-system operation on `path`.
    #[must_use]
    pub fn io(action: &str, path: &Path, err: &std::io::Error) -> Self {
        let reason = io_reason(err);
        let message = match action {
            "read" => t!("io-read", path = path, reason = reason),
            "write" => t!("io-write", path = path, reason = reason),
            "open" => t!("io-open", path = path, reason = reason),
            "create" => t!("io-create", path = path, reason = reason),
            "remove" => t!("io-remove", path = path, reason = reason),
            "lock" => t!("io-lock", path = path, reason = reason),
            _ => t!("io-sync", path = path, reason = reason),
        };
        Self::error(message)
    }

    /// Points the diagnostic at `range` of `source`; the first span is the primary one.
    #[must_use]
    pub fn at(mut self, source: &Arc<Source>, range: Range<usize>, label: impl Into<String>) -> Self {
        let range = clamp(&source.text, range);
        self.spans.push(Span { source: Arc::clone(source), range, label: label.into() });
        self
    }

    /// Adds a `= help:` or `= note:` line (the text carries its own prefix).
    #[must_use]
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Adds a `= help:` line: what the user can do.
    #[must_use]
    pub fn help(self, text: impl Into<String>) -> Self {
        let text = text.into();
        self.note(format!("help: {text}"))
    }

    /// Adds a `= note:` line: what else the user should know.
    #[must_use]
    pub fn noting(self, text: impl Into<String>) -> Self {
        let text = text.into();
        self.note(format!("note: {text}"))
    }

    /// The stable key of the message in the catalogues (`figure-fullwidth-digits`),
    /// whatever language it printed in; `None` for a message not yet in them.
    pub fn key(&self) -> Option<&'static str> {
        self.key
    }

    /// The same message as a warning: what went wrong after the work that counts was
    /// done (a version archived, its files not yet put into `out/`).
    #[must_use]
    pub fn as_warning(self) -> Self {
        Self { severity: Severity::Warning, ..self }
    }

    /// Whether this diagnostic stops a build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Where the diagnostic points first, if it points anywhere.
    pub fn primary(&self) -> Option<(&Arc<Source>, Range<usize>)> {
        self.spans.first().map(|span| (&span.source, span.range.clone()))
    }

    /// The message without location.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Turns this diagnostic into the error of a [`Result`].
    pub fn into_err<T>(self) -> Result<T> {
        Err(vec![self])
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buffer = term::termcolor::NoColor::new(Vec::new());
        self.write(&mut buffer).map_err(|_| fmt::Error)?;
        f.write_str(&String::from_utf8(buffer.into_inner()).map_err(|_| fmt::Error)?)
    }
}

impl Diagnostic {
    /// Writes the diagnostic in the style of rustc: `error: …`, ` --> file:line:col`,
    /// the offending line and a caret under the offending part.
    fn write(&self, out: &mut dyn term::termcolor::WriteColor) -> std::io::Result<()> {
        let config = Config { chars: Chars::ascii(), ..Config::default() };
        let severity = match self.severity {
            Severity::Error => ReportSeverity::Error,
            Severity::Warning => ReportSeverity::Warning,
            Severity::Info => ReportSeverity::Note,
        };
        let mut report = Report::new(severity).with_message(printable(&self.message));
        if let Some(key) = self.key.filter(|_| SHOW_KEYS.load(Ordering::Relaxed)) {
            report = report.with_code(key);
        }
        report.notes = self.notes.iter().map(|note| printable(note)).collect();
        // codespan renders labels of one file at a time; group spans by source so a
        // note that points into a second file (a template, say) still prints.
        let Some(first) = self.spans.first() else {
            return term::emit(out, &config, &SimpleFile::new("", ""), &report).map_err(std::io::Error::other);
        };
        // A line too long to print (a whole file on one line, say) is named, not shown,
        // so the report stays short whatever the file holds.
        if let Some(place) = first.too_long_to_show() {
            let note = t!("diag-line-too-long", place = place, label = &first.label);
            report.notes.insert(0, format!("note: {note}"));
            return term::emit(out, &config, &SimpleFile::new("", ""), &report).map_err(std::io::Error::other);
        }
        let text = shown_source(&first.source.text);
        let file = SimpleFile::new(printable(&first.source.path.display().to_string()), text.as_str());
        let (same, other): (Vec<&Span>, Vec<&Span>) =
            self.spans.iter().partition(|span| Arc::ptr_eq(&span.source, &first.source));
        report.labels = same
            .iter()
            .enumerate()
            .map(|(i, span)| {
                let label = if i == 0 {
                    Label::primary((), span.range.clone())
                } else {
                    Label::secondary((), span.range.clone())
                };
                label.with_message(printable(&span.label))
            })
            .collect();
        term::emit(out, &config, &file, &report).map_err(std::io::Error::other)?;
        for span in other {
            let text = shown_source(&span.source.text);
            let file = SimpleFile::new(printable(&span.source.path.display().to_string()), text.as_str());
            let note = Report::note()
                .with_message(printable(&span.label))
                .with_labels(vec![Label::secondary((), span.range.clone())]);
            term::emit(out, &config, &file, &note).map_err(std::io::Error::other)?;
        }
        Ok(())
    }
}

/// Whether diagnostics print their key (`error[rule-broken]: …`).
static SHOW_KEYS: AtomicBool = AtomicBool::new(false);

/// Makes every diagnostic print its key after its severity (`--show-keys`), so a
/// script or a test can tell which one it is in any language.
pub fn show_keys(on: bool) {
    SHOW_KEYS.store(on, Ordering::Relaxed);
}

/// Prints diagnostics to stderr, in colour when stderr is a terminal.
pub fn emit(diagnostics: &[Diagnostic]) {
    let choice = if std::io::stderr().is_terminal() { ColorChoice::Auto } else { ColorChoice::Never };
    let stream = StandardStream::stderr(choice);
    let mut lock = stream.lock();
    for diagnostic in diagnostics {
        // A failure to write to stderr leaves nowhere to report it.
        let _ = diagnostic.write(&mut lock);
    }
}

/// The most diagnostics reported for one file: past that, more lines only bury the
/// first ones, and a hostile file could make the output grow without bound.
pub const MAX_PER_FILE: usize = 50;

/// Keeps the first [`MAX_PER_FILE`] diagnostics about `what` and says in one more
/// how many were left out.
pub fn cap(mut diagnostics: Diagnostics, what: &Path) -> Diagnostics {
    if diagnostics.len() > MAX_PER_FILE {
        let more = diagnostics.len() - MAX_PER_FILE;
        diagnostics.truncate(MAX_PER_FILE);
        let is_error = diagnostics.iter().any(Diagnostic::is_error);
        let message = t!("diag-more-not-shown", count = more, path = what);
        diagnostics.push(if is_error { Diagnostic::error(message) } else { Diagnostic::warning(message) });
    }
    diagnostics
}

thread_local! {
    /// Whether a panic on this thread is caught by [`isolate`], and the panic's
    /// message and place once it happened.
    static ISOLATED: std::cell::RefCell<Option<Option<String>>> = const { std::cell::RefCell::new(None) };
}

/// Makes panics inside [`isolate`] silent (they become that call's error) and
/// leaves every other panic to the default hook. Called once, by `main`.
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let caught = ISOLATED.with_borrow_mut(|slot| match slot {
            Some(message) => {
                let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
                let text = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic".to_string());
                *message = Some(format!("{text}{place}"));
                true
            }
            None => false,
        });
        if !caught {
            default(info);
        }
    }));
}

/// Runs `f`; a panic inside becomes an error about `what` (`internal error while
/// building …, please report it`), so one bad file cannot end a batch.
pub fn isolate<T>(what: &Path, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let outer = ISOLATED.with_borrow_mut(|slot| slot.replace(None));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    let message = ISOLATED.with_borrow_mut(|slot| std::mem::replace(slot, outer)).flatten();
    result.unwrap_or_else(|payload| {
        let text = message
            .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_string()))
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string());
        Diagnostic::error(t!("diag-internal-error", path = what, text = text))
            .help(t!("diag-internal-error-help"))
            .into_err()
    })
}

/// Runs `f` on a thread of its own's behalf: a panic inside is caught silently and
/// returned as its message, for the thread that waits for the result to raise again
/// with [`std::panic::resume_unwind`] (where [`isolate`] reports it).
pub fn catch<T>(f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    let outer = ISOLATED.with_borrow_mut(|slot| slot.replace(None));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    let message = ISOLATED.with_borrow_mut(|slot| std::mem::replace(slot, outer)).flatten();
    result.map_err(|payload| {
        message
            .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_string()))
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string())
    })
}

/// Characters a reader cannot see: controls, direction marks and overrides, zero
/// widths (a word joiner among them), the byte-order mark, the soft hyphen.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
}

/// Each invisible character of a file's text (`text`, laid over `source`'s offsets)
/// but line breaks and tabs, refused where it is: it would reach the bulletin unseen,
/// where a search or a copy meets it.
pub fn invisible(source: &Arc<Source>, text: &str) -> Vec<Diagnostic> {
    let file = source.path.display().to_string();
    text.char_indices()
        .filter(|&(_, c)| !matches!(c, '\n' | '\t' | '\r') && is_invisible(c))
        .map(|(at, c)| {
            let code = format!("U+{:04X}", u32::from(c));
            Diagnostic::error(t!("lint-invisible", file = file.as_str(), code = code)).at(
                source,
                at..at + c.len_utf8(),
                t!("lint-invisible-label"),
            )
        })
        .collect()
}

/// A message as printed: a control character (a terminal's escape, a carriage return)
/// or another invisible one quoted from a file is shown as its code (`\u{1b}`), never
/// sent to the terminal, where it could rewrite what is on the screen or pass unseen.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(
            |c| {
                if is_invisible(c) && !matches!(c, '\n' | '\t') {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            },
        )
        .collect()
}

/// A file's text as its lines are printed: each invisible character but line breaks
/// and tabs as `?`s of its length, so every offset into the text still holds and the
/// mark under it can be seen.
fn shown_source(text: &str) -> String {
    text.chars()
        .map(
            |c| {
                if is_invisible(c) && !matches!(c, '\n' | '\t' | '\r') {
                    "?".repeat(c.len_utf8())
                } else {
                    c.to_string()
                }
            },
        )
        .collect()
}

/// The part of an I/O error worth showing: its kind in words, without the `(os error N)`.
fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    // The system's own wording is English; the kinds a person meets are said in the
    // user's language, and an error the tool made itself keeps its text.
    let known = match err.raw_os_error().map(|_| err.kind()) {
        Some(ErrorKind::NotFound) => Some(t!("io-not-found")),
        Some(ErrorKind::PermissionDenied) => Some(t!("io-permission-denied")),
        Some(ErrorKind::AlreadyExists) => Some(t!("io-already-exists")),
        Some(ErrorKind::IsADirectory) => Some(t!("io-is-a-directory")),
        Some(ErrorKind::NotADirectory) => Some(t!("io-not-a-directory")),
        Some(ErrorKind::StorageFull) => Some(t!("io-storage-full")),
        Some(ErrorKind::ReadOnlyFilesystem) => Some(t!("io-read-only")),
        _ => None,
    };
    if let Some(known) = known {
        return known.text;
    }
    let text = err.to_string();
    match text.find(" (os error") {
        Some(end) => text[..end].to_lowercase(),
        None => text.to_lowercase(),
    }
}

/// Keeps a range inside the text and on character boundaries, so a stale or
/// approximate span never panics the printer.
fn clamp(text: &str, range: Range<usize>) -> Range<usize> {
    let mut start = range.start.min(text.len());
    let mut end = range.end.clamp(start, text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_file_line_column_and_caret() {
        let source = Source::new("data/x/2019-11-15.yaml", "as_of: 2019-11-15\nfigures: 12\n");
        let diagnostic = Diagnostic::error("`figures` must be a mapping")
            .at(&source, 27..29, "expected a mapping of groups")
            .note("help: write one group per line");
        let text = diagnostic.to_string();
        assert_eq!(
            text,
            "error: `figures` must be a mapping\n  \
             --> data/x/2019-11-15.yaml:2:10\n  \
             |\n\
             2 | figures: 12\n  \
             |          ^^ expected a mapping of groups\n  \
             |\n  \
             = help: write one group per line\n\n"
        );
    }

    #[test]
    fn clamps_ranges_to_char_boundaries() {
        let text = "今年";
        assert_eq!(clamp(text, 1..2), 0..3);
        assert_eq!(clamp(text, 5..99), 3..6);
    }
}
