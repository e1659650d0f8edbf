//! What the user asked, one file per command group, composed from the library's
//! layers: each command takes the project and its arguments, does the work, prints
//! what it wrote on stdout and hands its diagnostics back to `main`, which prints
//! them once.
//!
//! May use every layer of the library but `io`: the disk is reached through them.

pub mod archive;
pub mod build;
pub mod fonts;
pub mod new;
pub mod series;
pub mod serve;
pub mod site;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use bulletin::diag::{self, Diagnostic};
use bulletin::i18n::t;
use bulletin::input::fonts::Fonts;
use bulletin::input::project::{FigureFile, Project};

use crate::cli::FontArgs;

/// Prints a line on stdout; once stdout is closed (`bulletin build | head -1`),
/// prints nothing more and lets the work finish quietly.
macro_rules! say {
    ($($arg:tt)*) => { $crate::commands::out(format_args!($($arg)*)) };
}
pub(crate) use say;

/// Whether stdout stopped taking lines.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// Why stdout failed, when it was not simply closed by its reader.
static FAILED: Mutex<Option<String>> = Mutex::new(None);

pub(crate) fn out(line: std::fmt::Arguments<'_>) {
    if CLOSED.load(Ordering::Relaxed) {
        return;
    }
    // A name with a terminal's escape in it (a folder's) is printed as its code.
    let line = diag::printable(&line.to_string());
    let mut stdout = std::io::stdout().lock();
    if let Err(err) =
        stdout.write_all(line.as_bytes()).and_then(|()| stdout.write_all(b"\n")).and_then(|()| stdout.flush())
    {
        CLOSED.store(true, Ordering::Relaxed);
        if err.kind() != std::io::ErrorKind::BrokenPipe {
            *FAILED.lock().unwrap_or_else(PoisonError::into_inner) = Some(err.to_string());
        }
    }
}

/// The error for a standard output that could not be written (a full disk, say);
/// one closed by its reader (`| head -1`) is no error.
pub fn stdout_failure() -> Option<Diagnostic> {
    let failed = FAILED.lock().unwrap_or_else(PoisonError::into_inner).clone()?;
    Some(Diagnostic::error(t!("stdout-failed", reason = failed)))
}

/// The fonts the arguments ask for, found lazily.
pub(crate) fn discover_fonts(project: &Project, args: &FontArgs) -> Arc<Fonts> {
    Arc::new(Fonts::discover(&project.fonts(), &args.font_paths, !args.ignore_system_fonts))
}

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
pub(crate) struct Progress {
    total: usize,
    shown: bool,
}

impl Progress {
    pub(crate) fn new(total: usize) -> Self {
        Self { total, shown: total > 1 && std::io::stderr().is_terminal() }
    }

    pub(crate) fn update(&self, done: usize) {
        if self.shown {
            let width = 30;
            let filled = done * width / self.total.max(1);
            let bar = format!("{}{}", "=".repeat(filled), " ".repeat(width - filled));
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "\r[{bar}] {done}/{}", self.total);
            let _ = stderr.flush();
        }
    }

    pub(crate) fn finish(&self) {
        if self.shown {
            let _ = write!(std::io::stderr().lock(), "\r{}\r", " ".repeat(50));
        }
    }
}

/// The files named on the command line, or every figure file under `data/`; what
/// the listing left out is said in `diagnostics` (an error among it fails the run).
pub(crate) fn figure_files(
    project: &Project,
    named: &[PathBuf],
    diagnostics: &mut Vec<Diagnostic>,
) -> diag::Result<Vec<FigureFile>> {
    if named.is_empty() {
        let (files, mut problems) = project.listing()?;
        diagnostics.append(&mut problems);
        return Ok(files);
    }
    let mut files = vec![];
    let mut errors = vec![];
    for path in named {
        match project.figure_file(Path::new(path)) {
            Ok(file) => files.push(file),
            Err(mut more) => errors.append(&mut more),
        }
    }
    if errors.is_empty() { Ok(files) } else { Err(errors) }
}
