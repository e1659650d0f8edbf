//! `bulletin build` and `bulletin check`: every figure file (or the named ones)
//! built into `out/`, or validated and rendered to Markdown without writing anything.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Instant;

use bulletin::archive::{Archive, PeriodState};
use bulletin::core::diff;
use bulletin::core::typeface::StandIn;
use bulletin::diag::{self, Diagnostic};
use bulletin::i18n::t;
use bulletin::input::fonts::Fonts;
use bulletin::input::project::{FigureFile, Project};
use bulletin::pipeline::formats::{self, Format};
use bulletin::pipeline::{DRAFTS, Job, Options, Outcome, Rendered, Workspace};

use crate::cli::{BuildArgs, CheckArgs};
use crate::commands::{Progress, discover_fonts, figure_files, say};

/// `bulletin build`: every file, in parallel, skipping the up-to-date ones. A
/// published period's files in `out/` are never replaced by a build: they stay (and
/// are put back where they went missing), and a build of changed inputs is a draft in
/// `out/<series>/drafts/`, reported with what it changes.
pub fn build(project: Project, args: &BuildArgs, diagnostics: &mut Vec<Diagnostic>) -> diag::Result<bool> {
    let start = Instant::now();
    let files = figure_files(&project, &args.files, diagnostics)?;
    let mut formats = formats::defaults();
    for format in &args.format {
        if !formats.contains(format) {
            formats.push(*format);
        }
    }
    formats.retain(|format| !args.without.contains(format));
    let jobs = args.jobs.map_or_else(|| std::thread::available_parallelism().map_or(1, usize::from), usize::from);
    let archive = Archive::new(project.clone());
    let states = published_states(&archive, &files)?;
    let drafts = states.iter().filter(|(_, state)| state.changed).map(|(file, _)| id(file)).collect();
    let options = Options { formats, jobs, force: args.force, editions: args.edition.clone(), drafts };
    // Formats a publication does not make (the Typst source): a published period's
    // are made from its latest version's archived inputs.
    let extra: Vec<Format> = options.formats.iter().filter(|f| !formats::defaults().contains(f)).copied().collect();
    let fonts = discover_fonts(&project, &args.fonts);
    let workspace = Workspace::new(project, Arc::clone(&fonts));
    check_editions(&workspace, &files, &args.edition)?;
    // A period published and unchanged since is not built again: out/ holds its
    // published files.
    let (settled, building): (Vec<FigureFile>, Vec<FigureFile>) =
        files.iter().cloned().partition(|file| states.iter().any(|(f, state)| id(f) == id(file) && !state.changed));
    let progress = Progress::new(building.len());
    let (outcomes, saved) = workspace.build_all(&building, &options, &|done| progress.update(done))?;
    progress.finish();
    let (built, skipped, failed, stand_ins) = report(&workspace, outcomes, diagnostics);
    // Without their stamps, the outputs written are only rebuilt next time.
    if let Err(mut errors) = saved {
        diagnostics.append(&mut errors);
    }
    for (file, state) in &states {
        let mut files = archive.published_files(file, &state.versions)?;
        if !state.changed {
            files.extend(archive.published_formats(file, &state.versions, &extra, &fonts)?);
        }
        for path in workspace.settle(file, &files, state.changed)? {
            say!("{}", t!("wrote", path = workspace.project().shown(&path)));
        }
        if state.changed {
            diagnostics.push(drafted(&archive, &workspace, file)?);
        }
    }
    diagnostics.extend(punctuation_warnings(&workspace, &files));
    let seconds = format!("{:.2}", start.elapsed().as_secs_f64());
    let skipped = skipped + settled.len();
    say!("{}", t!("build-summary", built = built, skipped = skipped, failed = failed, seconds = seconds));
    if let Some(line) = stand_in_line(&stand_ins) {
        say!("{line}");
    }
    Ok(failed == 0 && diagnostics.iter().all(|d| !d.is_error()))
}

/// A figure file's id among the outputs: `series/stem`.
fn id(file: &FigureFile) -> String {
    format!("{}/{}", file.series, file.stem)
}

/// The periods among `files` that are published, each with what the archive says of it.
fn published_states(archive: &Archive, files: &[FigureFile]) -> diag::Result<Vec<(FigureFile, PeriodState)>> {
    let mut states = vec![];
    for file in files {
        if let Some(state) = archive.state(file)? {
            states.push((file.clone(), state));
        }
    }
    Ok(states)
}

/// The font roles a build set in a face of another style than the layout asks for,
/// said once for the whole build: `fonts: body 仿宋 → 宋 (Noto Serif CJK SC, zh-Hans), …`.
fn stand_in_line(stand_ins: &BTreeSet<(String, StandIn)>) -> Option<String> {
    // Each role and change of style, with the faces and editions it happened in.
    type Change<'a> = (&'a str, String, String);
    let mut roles: Vec<(Change, Vec<String>)> = vec![];
    for (tag, stand_in) in stand_ins {
        let key = (stand_in.role.as_str(), stand_in.wanted.name(), stand_in.style.name());
        let face = format!("{}, {tag}", stand_in.face);
        match roles.iter_mut().find(|(k, _)| *k == key) {
            Some((_, faces)) => faces.push(face),
            None => roles.push((key, vec![face])),
        }
    }
    let said: Vec<String> = roles
        .into_iter()
        .map(|((role, wanted, style), faces)| format!("{role} {wanted} → {style} ({})", faces.join("; ")))
        .collect();
    (!said.is_empty()).then(|| t!("build-stand-ins", roles = said.join(", ")).text)
}

/// What a build's outcomes came to: the numbers built, skipped and failed, and the
/// font roles set in a face of another style.
type Tally = (usize, usize, usize, BTreeSet<(String, StandIn)>);

/// Lists what each build wrote and gathers its diagnostics and font stand-ins.
fn report(workspace: &Workspace, outcomes: Vec<Outcome>, diagnostics: &mut Vec<Diagnostic>) -> Tally {
    let (mut built, mut skipped, mut failed) = (0, 0, 0);
    let mut stand_ins = BTreeSet::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Built { written, mut warnings, stand_ins: used } => {
                built += 1;
                stand_ins.extend(used);
                for path in written {
                    say!("{}", t!("wrote", path = workspace.project().shown(&path)));
                }
                diagnostics.append(&mut warnings);
            }
            Outcome::Skipped => skipped += 1,
            Outcome::Failed(mut errors) => {
                failed += 1;
                diagnostics.append(&mut errors);
            }
        }
    }
    (built, skipped, failed, stand_ins)
}

/// What a build says of a published period whose inputs changed: where its draft
/// is, which sentences it changes, and what to do.
fn drafted(archive: &Archive, workspace: &Workspace, file: &FigureFile) -> diag::Result<Diagnostic> {
    let (version, before) = archive.published_markdown(file)?.unwrap_or_default();
    let now = markdown_of(workspace, file).map(|rendered| rendered.markdown().to_string()).unwrap_or_default();
    let sentences = diff::sentences(&before, &now);
    let drafts = workspace.project().shown(&workspace.project().out().join(&file.series).join(DRAFTS));
    let out = workspace.project().shown(&workspace.project().out().join(&file.series));
    if sentences.is_empty() {
        // A comment in a template, a figure that is printed the same: no correction.
        return Ok(Diagnostic::info(t!(
            "build-published-unchanged",
            file = &file.shown,
            version = version,
            out = &out
        )));
    }
    let warning = Diagnostic::warning(t!(
        "build-published-changed",
        file = &file.shown,
        version = version,
        drafts = &drafts,
        out = &out
    ));
    Ok(warning
        .noting(t!("build-draft-sentences", sentences = sentences.trim_end()))
        .help(t!("build-draft-publish-help", file = &file.shown))
        .help(t!("build-draft-keep-help", file = &file.shown, version = version)))
}

/// The templates' half-width punctuation between Chinese characters and numbers
/// typed into their prose, once per series of `files` whose templates load.
pub(crate) fn punctuation_warnings(workspace: &Workspace, files: &[FigureFile]) -> Vec<Diagnostic> {
    let names: BTreeSet<&str> = files.iter().map(|file| file.series.as_str()).collect();
    names.into_iter().filter_map(|name| workspace.series(name).ok()).flat_map(|s| s.renderer.prose_warnings()).collect()
}

/// `bulletin check`: validate and render Markdown, write nothing.
pub fn check(project: Project, args: &CheckArgs, diagnostics: &mut Vec<Diagnostic>) -> diag::Result<bool> {
    let files = figure_files(&project, &args.files, diagnostics)?;
    // Checking renders Markdown only, so it needs no fonts.
    let workspace = Workspace::new(project, Arc::new(Fonts::none()));
    let mut ok = true;
    let mut series: Vec<&str> = files.iter().map(|file| file.series.as_str()).collect();
    series.sort_unstable();
    series.dedup();
    // Templates first: a broken one is reported once, and its files are not
    // checked against it.
    let mut broken = vec![];
    for name in series {
        match workspace.series(name) {
            Ok(loaded) => diagnostics.extend(loaded.renderer.prose_warnings()),
            Err(mut errors) => {
                ok = false;
                broken.push(name);
                diagnostics.append(&mut errors);
            }
        }
    }
    for file in files.iter().filter(|file| !broken.contains(&file.series.as_str())) {
        match markdown_of(&workspace, file) {
            Ok(rendered) => {
                say!("{}", t!("check-ok", file = &file.shown));
                // The terms each converted edition keeps as written or converts the
                // series' own way, so an office sees them before it publishes.
                if let Ok(series) = workspace.series(&file.series) {
                    for (edition, converter) in series.editions.iter().skip(1) {
                        let terms = converter.protected_in(rendered.markdown());
                        if !terms.is_empty() {
                            let terms = terms.join("、");
                            say!("  {}", t!("check-not-converted", edition = &edition.tag, terms = terms));
                        }
                    }
                }
                diagnostics.extend(rendered.warnings);
            }
            Err(mut errors) => {
                ok = false;
                diagnostics.append(&mut errors);
            }
        }
    }
    Ok(ok && diagnostics.iter().all(|d| !d.is_error()))
}

/// A figure file rendered to Markdown only, in its first edition.
pub(crate) fn markdown_of(workspace: &Workspace, file: &FigureFile) -> diag::Result<Rendered> {
    let input = workspace.input(file)?;
    let first: Vec<String> = input.series.editions.iter().take(1).map(|(e, _)| e.tag.clone()).collect();
    workspace.render(&input, &Job { formats: &[Format::Md], editions: &first, version: None, parallel: false })
}

/// Refuses `--edition` tags that no series of `files` issues.
fn check_editions(workspace: &Workspace, files: &[FigureFile], asked: &[String]) -> diag::Result<()> {
    if asked.is_empty() {
        return Ok(());
    }
    let names: BTreeSet<&str> = files.iter().map(|file| file.series.as_str()).collect();
    let mut known: Vec<String> = vec![];
    for name in names {
        // A series that does not load is reported with its files.
        if let Ok(series) = workspace.series(name) {
            known.extend(series.editions.iter().map(|(edition, _)| edition.tag.clone()));
        }
    }
    known.sort();
    known.dedup();
    match asked.iter().find(|tag| !known.contains(tag)) {
        Some(tag) if !known.is_empty() => Diagnostic::error(t!("build-unknown-edition", tag = tag))
            .noting(t!("build-editions-are", editions = known.join(", ")))
            .into_err(),
        _ => Ok(()),
    }
}
