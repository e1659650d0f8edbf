//! The archive's commands: `publish` the next version of a period, `verify` the
//! archive, a period's `history`, and `diff` two figure files or a file and its
//! latest published version.

use std::collections::BTreeSet;
use std::sync::Arc;

use bulletin::archive::{self, Archive, Published, Request};
use bulletin::core::diff;
use bulletin::core::time::{local_time, printable};
use bulletin::diag::{self, Diagnostic};
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
                diagnostics.push(Diagnostic::info(format!("accepted: {}", warning.message())));
            }
            diagnostics.extend(punctuation_warnings(&workspace, std::slice::from_ref(&file)));
            for path in files {
                say!("wrote {}", path.display());
            }
            if upload.is_empty() {
                // `out/` could not be updated: the warnings say why and what to run.
                say!("published {} as v{version}", file.shown.display());
            } else {
                say!("published {} as v{version}; to upload:", file.shown.display());
            }
            for path in upload {
                say!("  {}", path.display());
            }
        }
        Published::Unchanged { version, upload } => {
            say!("{} is unchanged since v{version}; nothing published; to upload:", file.shown.display());
            for path in upload {
                say!("  {}", path.display());
            }
        }
        Published::Invisible { version, changes } => {
            say!("nothing a reader sees changed since v{version}; nothing published");
            for (figure, exact, shown) in changes {
                say!("  {figure}: {exact} (printed {shown} either way)");
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
            true => say!("nothing to verify: no period has been published (archive/ is empty)"),
            false => say!("nothing to verify: no period has been published (there is no archive/ folder)"),
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
            say!("ok {}", archive.project().shown(&dir).display());
        } else {
            ok = false;
            diagnostics.append(&mut problems);
        }
    }
    if args.print_head {
        for period in archive.periods() {
            if let Some((version, hash)) = archive.head(&period) {
                say!("head {} v{version} {hash}", archive.project().shown(&period).display());
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
        say!("{} has not been published", file.shown.display());
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
                return Diagnostic::error(format!(
                    "`{}` and `{}` are of two series, `{}` and `{}`",
                    file.shown.display(),
                    other.shown.display(),
                    file.series,
                    other.series
                ))
                .note("help: `diff` compares two figure files of one series (or a file with its published version)")
                .into_err();
            }
            (markdown_of(&workspace, &file)?, markdown_of(&workspace, &other)?)
        }
        None => {
            let archive = Archive::new(project);
            let Some(latest) = archive.latest_inputs(&file)? else {
                // As `history` and `verify` say it: not published is no failure.
                say!("{} has not been published: there is no version to compare it with", file.shown.display());
                say!("to compare it with another figure file: bulletin diff {} OTHER", file.shown.display());
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
        say!("no figure changed");
    } else {
        say!("figures:");
        for change in &changes {
            // Exactly, then as the series prints it (`5314.53万元 → 5313.63万元`).
            let (label, old, new) = change.describe(&series.schema);
            say!("  {}  ({label}: {old} → {new})", change.plain());
        }
    }
    if sentences.is_empty() {
        say!("no sentence changed");
    } else {
        say!("sentences:");
        for line in sentences.lines() {
            say!("{line}");
        }
    }
    Ok(true)
}
