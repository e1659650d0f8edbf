//! `bulletin`: figure file → validated figures → template context → Markdown →
//! (HTML | Typst markup → PDF).
//!
//! This file parses the command line, dispatches, prints diagnostics once and turns
//! the outcome into the exit code.

mod cli;
mod commands;

use std::path::Path;
use std::process::ExitCode;

use bulletin::diag::{self, Diagnostic};
use bulletin::i18n::{self, Lang};
use bulletin::input::project::Project;

use crate::cli::{Cli, Command, SeriesCommand};

fn main() -> ExitCode {
    diag::install_panic_hook();
    i18n::set(language(std::env::args_os()));
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(mistyped) => {
            diag::show_keys(std::env::args_os().any(|arg| arg == "--show-keys"));
            diag::emit(&[mistyped]);
            return ExitCode::from(2);
        }
    };
    diag::show_keys(cli.show_keys);
    bulletin::render::budget::set(bulletin::render::budget::Limits {
        time: std::time::Duration::from_secs(cli.time_limit),
        ..Default::default()
    });
    let mut diagnostics = vec![];
    let mut ok = match run(&cli, &mut diagnostics) {
        Ok(ok) => ok,
        Err(mut errors) => {
            diagnostics.append(&mut errors);
            false
        }
    };
    if let Some(failure) = commands::stdout_failure() {
        diagnostics.push(failure);
        ok = false;
    }
    diag::emit(&diagnostics);
    if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// The language of this run, known before the command line is parsed so that its
/// help and its errors speak it too: `--lang`, else the environment's.
fn language(args: impl Iterator<Item = std::ffi::OsString>) -> Lang {
    let args: Vec<String> = args.map(|arg| arg.to_string_lossy().into_owned()).collect();
    let given = args.iter().enumerate().find_map(|(i, arg)| match arg.strip_prefix("--lang") {
        Some("") => args.get(i + 1).cloned(),
        Some(rest) => rest.strip_prefix('=').map(str::to_string),
        None => None,
    });
    given.as_deref().and_then(Lang::named).unwrap_or_else(|| Lang::from_env(|name| std::env::var(name).ok()))
}

/// Runs a command; `Ok(false)` means some files failed (their diagnostics are in
/// `diagnostics`), `Err` that the command could not run at all.
fn run(cli: &Cli, diagnostics: &mut Vec<Diagnostic>) -> diag::Result<bool> {
    let project = match &cli.root {
        Some(root) => Project::at(root)?,
        None => Project::find(Path::new("."))?,
    };
    match &cli.command {
        Command::Build(args) => commands::build::build(project, args, diagnostics),
        Command::Check(args) => commands::build::check(project, args, diagnostics),
        Command::Publish(args) => commands::archive::publish(project, args, diagnostics),
        Command::Verify(args) => commands::archive::verify(project, args, diagnostics),
        Command::Diff(args) => commands::archive::diff(project, args),
        Command::History(args) => commands::archive::history(project, args),
        Command::Fonts(args) => commands::fonts::fonts(project, args),
        Command::Serve(args) => commands::serve::serve(project, args),
        Command::New(args) => commands::new::new(project, args, diagnostics),
        Command::Site(args) => commands::site::site(project, args),
        Command::Series(SeriesCommand::New(args)) => commands::series::new(project, args),
    }
}
