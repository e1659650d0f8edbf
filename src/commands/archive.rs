//! The archive's commands: `publish` the next version of a period, `verify` the
//! archive, a period's `history`, and `diff` two figure files or a file and its
//! latest published version.

use std::collections::BTreeSet;
use std::sync::Arc;

use bulletin::archive::{self, Archive, Published, Request};
use bulletin::core::diff;
use bulletin::core::time::{local_time, printable};
use bulletin::diag::{self, Diagnostic};
use bulletin::i18n::t;
use bulletin::input::fonts::Fonts;
use bulletin::input::project::Project;
use bulletin::pipeline::{Input, Workspace};

use crate::cli::{DiffArgs, HistoryArgs, PublishArgs, VerifyArgs};
use crate::commands::build::{markdown_of, punctuation_warnings};
use crate::commands::{discover_fonts, say};

/// `bulletin publish`: the next version of a period into the archive.
pub fn publish(project: Project, args: &PublishArgs, diagnostics: &mut Vec<Diagnostic>) -> diag::Result<bool> {
    let file = project.figure_file(&args.file)?;
    let workspace = Workspace::new(project.clone(), discover_fonts(&project, &args.fonts));
    let adopt =
        |input: &Input, read: &BTreeSet<String>, files: &[(String, Vec<u8>)]| workspace.adopt(input, read, files);
    let archive = Archive::new(project);
    // A malformed SOURCE_DATE_EPOCH is said before any work.
    archive::now()?;
    let request = Request { reason: args.reason.as_deref(), accept: &args.accept };
    let published = diag::isolate(&file.shown, || archive.publish(&workspace, &file, &request, &adopt))?;
    match published {
        Published::New { version, files, upload, mut warnings, accepted } => {
            diagnostics.append(&mut warnings);
            for warning in accepted {
                diagnostics.push(Diagnostic::info(t!("publish-accepted", warning = warning.message())));
            }
            diagnostics.extend(punctuation_warnings(&workspace, std::slice::from_ref(&file)));
            for path in files {
                say!("{}", t!("wrote", path = &path));
            }
            if upload.is_empty() {
                // `out/` could not be updated: the warnings say why and what to run.
                say!("{}", t!("publish-published", file = &file.shown, version = version));
            } else {
                say!("{}", t!("publish-published-upload", file = &file.shown, version = version));
            }
            for path in upload {
                say!("  {}", path.display());
            }
        }
        Published::Unchanged { version, upload } => {
            say!("{}", t!("publish-unchanged", file = &file.shown, version = version));
            for path in upload {
                say!("  {}", path.display());
            }
        }
        Published::Invisible { version, changes } => {
            say!("{}", t!("publish-invisible", version = version));
            for (figure, exact, shown) in changes {
                say!("  {}", t!("publish-invisible-change", figure = figure, exact = exact, shown = shown));
            }
        }
    }
    Ok(true)
}

/// `bulletin verify`: re-hash (and with `--rebuild`, rebuild) every archived version.
pub fn verify(project: Project, args: &VerifyArgs, diagnostics: &mut Vec<Diagnostic>) -> diag::Result<bool> {
    let fonts = if args.rebuild { discover_fonts(&project, &args.fonts) } else { Arc::new(Fonts::none()) };
    let archive = Archive::new(project);
    let mut ok = true;
    let versions = archive.all_versions()?;
    let mut strays = archive.strays();
    if versions.is_empty() && archive.is_empty() && strays.is_empty() {
        match archive.exists() {
            true => say!("{}", t!("verify-nothing-empty")),
            false => say!("{}", t!("verify-nothing-no-folder")),
        }
        return Ok(true);
    }
    ok &= strays.is_empty();
    diagnostics.append(&mut strays);
    for period in archive.periods() {
        let mut problems = archive.verify_period(&period);
        ok &= !problems.iter().any(Diagnostic::is_error);
        diagnostics.append(&mut problems);
    }
    for dir in versions {
        let mut problems = archive.verify(&dir);
        if args.rebuild && problems.is_empty() {
            let shown = archive.project().shown(&dir);
            problems = diag::isolate(&shown, || archive.rebuild(&dir, &fonts)).unwrap_or_else(|errors| errors);
            // What could not be rebuilt (another version of the tool made it) is said, not failed.
            let (notes, errors): (Vec<Diagnostic>, Vec<Diagnostic>) = problems.into_iter().partition(|d| !d.is_error());
            diagnostics.extend(notes);
            problems = errors;
        }
        if problems.is_empty() {
            say!("{}", t!("check-ok", file = archive.project().shown(&dir)));
        } else {
            ok = false;
            diagnostics.append(&mut problems);
        }
    }
    if args.print_head {
        for period in archive.periods() {
            if let Some((version, hash)) = archive.head(&period) {
                say!(
                    "{}",
                    t!("verify-head", period = archive.project().shown(&period), version = version, hash = hash)
                );
            }
        }
    }
    Ok(ok)
}

/// `bulletin history`: the published versions of a period.
pub fn history(project: Project, args: &HistoryArgs) -> diag::Result<bool> {
    let file = project.figure_file(&args.file)?;
    let versions = Archive::new(project).versions(&file)?;
    if versions.is_empty() {
        say!("{}", t!("history-not-published", file = &file.shown));
    }
    for (number, manifest) in versions {
        let reason = manifest.record.reason.as_deref().map_or_else(|| "-".to_string(), printable);
        say!("v{number}  {}  {reason}", local_time(&manifest.record.published_at));
    }
    Ok(true)
}

/// `bulletin diff`: the figures and sentences that changed.
pub fn diff(project: Project, args: &DiffArgs) -> diag::Result<bool> {
    let workspace = Workspace::new(project.clone(), Arc::new(Fonts::none()));
    let file = project.figure_file(&args.file)?;
    let (old, new) = match &args.other {
        Some(other) => {
            let other = project.figure_file(other)?;
            if other.series != file.series {
                let message = t!(
                    "diff-two-series",
                    file = &file.shown,
                    other = &other.shown,
                    series = &file.series,
                    other_series = &other.series
                );
                return Diagnostic::error(message).help(t!("diff-two-series-help")).into_err();
            }
            (markdown_of(&workspace, &file)?, markdown_of(&workspace, &other)?)
        }
        None => {
            let archive = Archive::new(project);
            let Some(latest) = archive.latest_inputs(&file)? else {
                // As `history` and `verify` say it: not published is no failure.
                say!("{}", t!("diff-not-published", file = &file.shown));
                say!("{}", t!("diff-not-published-other", file = &file.shown));
                return Ok(true);
            };
            let old = Workspace::new(latest.project.clone(), Arc::new(Fonts::none()));
            (markdown_of(&old, &latest.file)?, markdown_of(&workspace, &file)?)
        }
    };
    let series = workspace.series(&file.series)?;
    let changes = diff::figures(
        &series.schema,
        &diff::Period { figures: &old.figures, totals: &old.totals },
        &diff::Period { figures: &new.figures, totals: &new.totals },
    );
    let sentences = diff::sentences(old.markdown(), new.markdown());
    if changes.is_empty() {
        say!("{}", t!("diff-no-figure"));
    } else {
        say!("{}", t!("diff-figures"));
        for change in &changes {
            // Exactly, then as the series prints it (`5314.53万元 → 5313.63万元`).
            let (label, old, new) = change.describe(&series.schema);
            say!("  {}  ({label}: {old} → {new})", change.plain());
        }
    }
    if sentences.is_empty() {
        say!("{}", t!("diff-no-sentence"));
    } else {
        say!("{}", t!("diff-sentences"));
        for line in sentences.lines() {
            say!("{line}");
        }
    }
    Ok(true)
}
