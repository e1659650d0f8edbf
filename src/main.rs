//! `bulletin`: figure file → validated figures → template context → Markdown →
//! (HTML | Typst markup → PDF).
//!
//! This file parses the command line, dispatches, prints diagnostics once and turns
//! the outcome into the exit code.

mod build;
mod cli;
mod diag;
mod figures;
mod fonts;
mod markdown;
mod project;
mod render;
mod series;
mod typeset;
mod yaml;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;

use crate::build::{Builder, Format};
use crate::cli::{BuildArgs, CheckArgs, Cli, Command, ExtraFormat};
use crate::diag::Diagnostic;
use crate::fonts::Fonts;
use crate::project::{FigureFile, Project};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut diagnostics = vec![];
    let ok = match run(&cli, &mut diagnostics) {
        Ok(ok) => ok,
        Err(mut errors) => {
            diagnostics.append(&mut errors);
            false
        }
    };
    diag::emit(&diagnostics);
    if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// Runs a command; `Ok(false)` means some files failed (their diagnostics are in
/// `diagnostics`), `Err` that the command could not run at all.
fn run(cli: &Cli, diagnostics: &mut Vec<Diagnostic>) -> diag::Result<bool> {
    let start = cli.root.clone().unwrap_or_else(|| PathBuf::from("."));
    let project = Project::find(&start)?;
    match &cli.command {
        Command::Build(args) => build(project, args, diagnostics),
        Command::Check(args) => check(project, args, diagnostics),
    }
}

fn build(project: Project, args: &BuildArgs, diagnostics: &mut Vec<Diagnostic>) -> diag::Result<bool> {
    let files = figure_files(&project, &args.files)?;
    let mut formats = vec![Format::Md, Format::Html, Format::Pdf];
    if args.format.contains(&ExtraFormat::Typ) {
        formats.push(Format::Typ);
    }
    let fonts = Arc::new(Fonts::discover(&project.fonts(), &args.font_paths));
    let builder = Builder::new(project, fonts);
    let mut ok = true;
    for file in &files {
        match builder.build(file, &formats) {
            Ok((written, mut warnings)) => {
                for path in written {
                    println!("wrote {}", builder.project().shown(&path).display());
                }
                diagnostics.append(&mut warnings);
            }
            Err(mut errors) => {
                ok = false;
                diagnostics.append(&mut errors);
            }
        }
    }
    Ok(ok)
}

fn check(project: Project, args: &CheckArgs, diagnostics: &mut Vec<Diagnostic>) -> diag::Result<bool> {
    let files = figure_files(&project, &args.files)?;
    // Checking renders Markdown only, so it needs no fonts.
    let builder = Builder::new(project, Arc::new(Fonts::none()));
    let mut ok = true;
    for file in &files {
        match builder.render(file, &[Format::Md]) {
            Ok(rendered) => {
                println!("ok {}", file.shown.display());
                diagnostics.extend(rendered.warnings);
            }
            Err(mut errors) => {
                ok = false;
                diagnostics.append(&mut errors);
            }
        }
    }
    Ok(ok)
}

/// The files named on the command line, or every figure file under `data/`.
fn figure_files(project: &Project, named: &[PathBuf]) -> diag::Result<Vec<FigureFile>> {
    if named.is_empty() {
        return project.figure_files();
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
