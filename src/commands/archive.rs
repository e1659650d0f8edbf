//! The archive's commands: `publish` the next version of a period, `verify` the
//! archive, a period's `history`, and `diff` two figure files or a file and its
//! latest published version.

use std::collections::BTreeSet;
use std::sync::Arc;

use bulletin::archive::{self, Archive, Published};
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
    let published = diag::isolate(&file.shown, || {
        archive.publish(&workspace, &file, args.reason.as_deref(), &archive::now(), &adopt)
    })?;
    match published {
        Published::New { version, files, upload, mut warnings } => {
            diagnostics.append(&mut warnings);
            diagnostics.extend(punctuation_warnings(&workspace, std::slice::from_ref(&file)));
            for path in files {
                say!("wrote {}", path.display());
            }
            say!("published {} as v{version}; to upload:", file.shown.display());
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
            for change in changes {
                let value = |v: &Option<serde_json::Value>| match v {
                    None => "(none)".to_string(),
                    Some(serde_json::Value::String(text)) => text.clone(),
                    Some(other) => other.to_string(),
                };
                say!("  {}: {} → {} (the same as printed)", change.figure, value(&change.old), value(&change.new));
            }
            say!("to publish a textual correction, say what it corrects with --reason");
        }
    }
    Ok(true)
}

/// `bulletin verify`: re-hash (and with `--rebuild`, rebuild) every archived version.
pub fn verify(project: Project, args: &VerifyArgs, diagnostics: &mut Vec<Diagnostic>) -> diag::Result<bool> {
    let fonts = if args.rebuild { discover_fonts(&project, &args.fonts) } else { Arc::new(Fonts::none()) };
    let archive = Archive::new(project);
    let mut ok = true;
    for period in archive.periods() {
        let mut problems = archive.verify_period(&period);
        ok &= problems.is_empty();
        diagnostics.append(&mut problems);
    }
    for dir in archive.all_versions()? {
        let mut problems = archive.verify(&dir);
        if args.rebuild && problems.is_empty() {
            let shown = archive.project().shown(&dir);
            problems = diag::isolate(&shown, || archive.rebuild(&dir, &fonts)).unwrap_or_else(|errors| errors);
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
            (markdown_of(&workspace, &file)?, markdown_of(&workspace, &other)?)
        }
        None => {
            let archive = Archive::new(project);
            let Some(latest) = archive.latest_inputs(&file)? else {
                return Diagnostic::error(format!("`{}` has not been published", file.shown.display()))
                    .note("help: name a second figure file to compare with")
                    .into_err();
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
