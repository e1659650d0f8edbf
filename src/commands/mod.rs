//! One function per subcommand: each takes the project and its arguments, does the
//! work through the library, prints what it wrote on stdout and hands its
//! diagnostics back to `main`, which prints them once.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use bulletin::archive::{self, Archive, Published};
use bulletin::build::{self, Builder, Format, Outcome};
use bulletin::diag::{self, Diagnostic};
use bulletin::diff;
use bulletin::fonts::Fonts;
use bulletin::fsio;
use bulletin::project::{FigureFile, Project};
use bulletin::typeset;

use crate::cli::{
    BuildArgs, CheckArgs, DiffArgs, ExtraFormat, FontArgs, FontsArgs, HistoryArgs, NewArgs, OptionalFormat,
    PublishArgs, ServeArgs, SiteArgs, VerifyArgs,
};

/// Prints a line on stdout; once stdout is closed (`bulletin build | head -1`),
/// prints nothing more and lets the work finish quietly.
macro_rules! say {
    ($($arg:tt)*) => { out(format_args!($($arg)*)) };
}

/// Whether stdout stopped taking lines.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// Why stdout failed, when it was not simply closed by its reader.
static FAILED: Mutex<Option<String>> = Mutex::new(None);

fn out(line: std::fmt::Arguments<'_>) {
    if CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut stdout = std::io::stdout().lock();
    if let Err(err) = stdout.write_fmt(line).and_then(|()| stdout.write_all(b"\n")).and_then(|()| stdout.flush()) {
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
    Some(Diagnostic::error(format!("could not write to standard output: {failed}")))
}

/// The fonts the arguments ask for, found lazily.
fn discover_fonts(project: &Project, args: &FontArgs) -> Arc<Fonts> {
    Arc::new(Fonts::discover(&project.fonts(), &args.font_paths, !args.ignore_system_fonts))
}

/// `bulletin build`: every file, in parallel, skipping the up-to-date ones.
pub fn build(project: Project, args: &BuildArgs, diagnostics: &mut Vec<Diagnostic>) -> diag::Result<bool> {
    let start = Instant::now();
    let files = figure_files(&project, &args.files)?;
    let mut formats = build::FORMATS.to_vec();
    if args.format.contains(&ExtraFormat::Typ) {
        formats.push(Format::Typ);
    }
    formats.retain(|format| {
        let left_out = match format {
            Format::Html => OptionalFormat::Html,
            Format::Fragment => OptionalFormat::Fragment,
            Format::Pdf => OptionalFormat::Pdf,
            Format::Docx => OptionalFormat::Docx,
            Format::Md | Format::Typ => return true,
        };
        !args.without.contains(&left_out)
    });
    let jobs = args.jobs.map_or_else(|| std::thread::available_parallelism().map_or(1, usize::from), usize::from);
    let options = build::Options { formats, jobs, force: args.force, editions: args.edition.clone() };
    let fonts = discover_fonts(&project, &args.fonts);
    let builder = Builder::new(project, fonts);
    check_editions(&builder, &files, &args.edition)?;
    let progress = Progress::new(files.len());
    let (outcomes, saved) = builder.build_all(&files, &options, &|done| progress.update(done))?;
    progress.finish();
    let (mut built, mut skipped, mut failed) = (0, 0, 0);
    for outcome in outcomes {
        match outcome {
            Outcome::Built { written, mut warnings } => {
                built += 1;
                for path in written {
                    say!("wrote {}", builder.project().shown(&path).display());
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
    // Without their stamps, the outputs written are only rebuilt next time.
    if let Err(mut errors) = saved {
        diagnostics.append(&mut errors);
    }
    diagnostics.extend(punctuation_warnings(&builder, &files));
    let seconds = start.elapsed().as_secs_f64();
    say!("built {built}, skipped {skipped}, failed {failed} in {seconds:.2} s");
    Ok(failed == 0 && diagnostics.iter().all(|d| !d.is_error()))
}

/// The templates' half-width punctuation between Chinese characters and numbers
/// typed into their prose, once per series of `files` whose templates load.
fn punctuation_warnings(builder: &Builder, files: &[FigureFile]) -> Vec<Diagnostic> {
    let names: BTreeSet<&str> = files.iter().map(|file| file.series.as_str()).collect();
    names.into_iter().filter_map(|name| builder.series(name).ok()).flat_map(|s| s.renderer.prose_warnings()).collect()
}

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
struct Progress {
    total: usize,
    shown: bool,
}

impl Progress {
    fn new(total: usize) -> Self {
        Self { total, shown: total > 1 && std::io::stderr().is_terminal() }
    }

    fn update(&self, done: usize) {
        if self.shown {
            let width = 30;
            let filled = done * width / self.total.max(1);
            let bar = format!("{}{}", "=".repeat(filled), " ".repeat(width - filled));
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "\r[{bar}] {done}/{}", self.total);
            let _ = stderr.flush();
        }
    }

    fn finish(&self) {
        if self.shown {
            let _ = write!(std::io::stderr().lock(), "\r{}\r", " ".repeat(50));
        }
    }
}

/// `bulletin check`: validate and render Markdown, write nothing.
pub fn check(project: Project, args: &CheckArgs, diagnostics: &mut Vec<Diagnostic>) -> diag::Result<bool> {
    let files = figure_files(&project, &args.files)?;
    // Checking renders Markdown only, so it needs no fonts.
    let builder = Builder::new(project, Arc::new(Fonts::none()));
    let mut ok = true;
    let mut series: Vec<&str> = files.iter().map(|file| file.series.as_str()).collect();
    series.sort_unstable();
    series.dedup();
    // Templates first: a broken one is reported once, and its files are not
    // checked against it.
    let mut broken = vec![];
    for name in series {
        match builder.series(name) {
            Ok(loaded) => diagnostics.extend(loaded.renderer.prose_warnings()),
            Err(mut errors) => {
                ok = false;
                broken.push(name);
                diagnostics.append(&mut errors);
            }
        }
    }
    for file in files.iter().filter(|file| !broken.contains(&file.series.as_str())) {
        match markdown_of(&builder, file) {
            Ok(rendered) => {
                say!("ok {}", file.shown.display());
                // The terms each converted edition keeps as written or converts the
                // series' own way, so an office sees them before it publishes.
                if let Ok(series) = builder.series(&file.series) {
                    for (edition, converter) in series.editions.iter().skip(1) {
                        let terms = converter.protected_in(rendered.markdown());
                        if !terms.is_empty() {
                            say!("  {}: not converted by the dictionaries: {}", edition.tag, terms.join("、"));
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

/// `bulletin fonts`: what each font role resolved to, and why.
pub fn fonts(project: Project, args: &FontsArgs) -> diag::Result<bool> {
    let fonts = discover_fonts(&project, &args.fonts);
    let files = project.figure_files()?;
    let builder = Builder::new(project, Arc::clone(&fonts));
    let mut names: Vec<String> = std::fs::read_dir(builder.project().templates())
        .map_err(|err| vec![Diagnostic::io("read", &builder.project().templates(), &err)])?
        .filter_map(|entry| Some(entry.ok()?.file_name().to_str()?.to_string()))
        .filter(|name| name != bulletin::snapshot::SHARED && !name.starts_with('.'))
        .collect();
    names.sort();
    for name in names {
        let series = builder.series(&name)?;
        if series.editions.iter().all(|(edition, _)| edition.fonts.is_empty()) {
            say!("{name}: no font roles declared (the layout chooses)");
            continue;
        }
        let mds: Vec<String> = files
            .iter()
            .filter(|file| file.series == name)
            .map(|file| markdown_of(&builder, file).map(|rendered| rendered.markdown().to_string()))
            .collect::<diag::Result<_>>()?;
        for (i, (edition, converter)) in series.editions.iter().enumerate() {
            // The characters each role sets in this edition, over every period.
            let mut text: BTreeMap<&str, BTreeSet<char>> = BTreeMap::new();
            for md in &mds {
                let md = converter.markdown(md);
                for (role, chars) in typeset::role_text(&bulletin::markdown::events(&md)) {
                    text.entry(role).or_default().extend(chars);
                }
            }
            if i == 0 {
                say!("{name}:");
            } else {
                say!("{name} ({}):", edition.tag);
            }
            for (role, families) in &edition.fonts {
                let chars = text.get(role.as_str()).cloned().unwrap_or_default();
                let resolved = fonts.resolve(role, families, &edition.font_fallback, &chars);
                let chosen = resolved.family.as_deref().unwrap_or("(none installed)");
                let weight = match resolved.weight {
                    Some(weight) if resolved.weight_missing => {
                        format!(", weight {weight} (it has no such face: its nearest is used)")
                    }
                    Some(weight) => format!(", weight {weight}"),
                    None => String::new(),
                };
                // Bold text of a face without a bold is set in the heading face.
                let bold = if resolved.family.is_some() && !resolved.bold && role == "body" {
                    " (no bold: bold text in the heading face)"
                } else {
                    ""
                };
                say!("  {role:<12} {chosen}{weight}{bold}");
                for (family, why) in &resolved.passed {
                    say!("  {:<12}   passed over {family}: {why}", "");
                }
                if !resolved.missing.is_empty() {
                    let missing: String = resolved.missing.iter().collect();
                    say!("  {:<12}   no font has: {missing}", "");
                }
            }
            let fallback: Vec<&str> = edition.font_fallback.iter().map(String::as_str).collect();
            say!(
                "  {:<12} {}",
                "fallback",
                if fallback.is_empty() { "(none)".to_string() } else { fallback.join(", ") }
            );
        }
    }
    Ok(true)
}

/// `bulletin publish`: the next version of a period into the archive.
pub fn publish(project: Project, args: &PublishArgs, diagnostics: &mut Vec<Diagnostic>) -> diag::Result<bool> {
    let file = project.figure_file(&args.file)?;
    let builder = Builder::new(project.clone(), discover_fonts(&project, &args.fonts));
    let published =
        diag::isolate(&file.shown, || Archive::new(&builder).publish(&file, args.reason.as_deref(), &archive::now()))?;
    match published {
        Published::New { version, files, upload, mut warnings } => {
            diagnostics.append(&mut warnings);
            diagnostics.extend(punctuation_warnings(&builder, std::slice::from_ref(&file)));
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
    let builder = Builder::new(project, Arc::clone(&fonts));
    let archive = Archive::new(&builder);
    let mut ok = true;
    for period in archive.periods() {
        let mut problems = archive.verify_period(&period);
        ok &= problems.is_empty();
        diagnostics.append(&mut problems);
    }
    for dir in archive.all_versions()? {
        let mut problems = archive.verify(&dir);
        if args.rebuild && problems.is_empty() {
            let shown = builder.project().shown(&dir);
            problems = diag::isolate(&shown, || archive.rebuild(&dir, &fonts)).unwrap_or_else(|errors| errors);
        }
        if problems.is_empty() {
            say!("ok {}", builder.project().shown(&dir).display());
        } else {
            ok = false;
            diagnostics.append(&mut problems);
        }
    }
    if args.print_head {
        for period in archive.periods() {
            if let Some((version, hash)) = archive.head(&period) {
                say!("head {} v{version} {hash}", builder.project().shown(&period).display());
            }
        }
    }
    Ok(ok)
}

/// `bulletin diff`: the figures and sentences that changed.
pub fn diff(project: Project, args: &DiffArgs) -> diag::Result<bool> {
    let builder = Builder::new(project.clone(), Arc::new(Fonts::none()));
    let file = project.figure_file(&args.file)?;
    let (old, new) = match &args.other {
        Some(other) => {
            let other = project.figure_file(other)?;
            (markdown_of(&builder, &file)?, markdown_of(&builder, &other)?)
        }
        None => {
            let archive = Archive::new(&builder);
            let Some(latest) = archive.latest_inputs(&file)? else {
                return Diagnostic::error(format!("`{}` has not been published", file.shown.display()))
                    .note("help: name a second figure file to compare with")
                    .into_err();
            };
            let old_builder = Builder::new(latest.project.clone(), Arc::new(Fonts::none()));
            (markdown_of(&old_builder, &latest.file)?, markdown_of(&builder, &file)?)
        }
    };
    let series = builder.series(&file.series)?;
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

/// A figure file rendered to Markdown only, in its first edition.
fn markdown_of(builder: &Builder, file: &FigureFile) -> diag::Result<build::Rendered> {
    let input = builder.input(file)?;
    let first: Vec<String> = input.series.editions.iter().take(1).map(|(e, _)| e.tag.clone()).collect();
    builder.render(&input, &[Format::Md], &first, None)
}

/// Refuses `--edition` tags that no series of `files` issues.
fn check_editions(builder: &Builder, files: &[FigureFile], asked: &[String]) -> diag::Result<()> {
    if asked.is_empty() {
        return Ok(());
    }
    let names: BTreeSet<&str> = files.iter().map(|file| file.series.as_str()).collect();
    let mut known: Vec<String> = vec![];
    for name in names {
        // A series that does not load is reported with its files.
        if let Ok(series) = builder.series(name) {
            known.extend(series.editions.iter().map(|(edition, _)| edition.tag.clone()));
        }
    }
    known.sort();
    known.dedup();
    match asked.iter().find(|tag| !known.contains(tag)) {
        Some(tag) if !known.is_empty() => Diagnostic::error(format!("no series being built has the edition `{tag}`"))
            .note(format!("note: the editions are {}", known.join(", ")))
            .into_err(),
        _ => Ok(()),
    }
}

/// `bulletin history`: the published versions of a period.
pub fn history(project: Project, args: &HistoryArgs) -> diag::Result<bool> {
    let file = project.figure_file(&args.file)?;
    let builder = Builder::new(project, Arc::new(Fonts::none()));
    let versions = Archive::new(&builder).versions(&file)?;
    if versions.is_empty() {
        say!("{} has not been published", file.shown.display());
    }
    for (number, manifest) in versions {
        let reason = manifest.record.reason.as_deref().map_or_else(|| "-".to_string(), archive::printable);
        say!("v{number}  {}  {reason}", archive::local_time(&manifest.record.published_at));
    }
    Ok(true)
}

/// `bulletin serve`: the live preview, until the process is stopped.
pub fn serve(project: Project, args: &ServeArgs) -> diag::Result<bool> {
    let host = bulletin::serve::parse_host(&args.host)?;
    let named = if args.files.is_empty() { None } else { Some(figure_files(&project, &args.files)?) };
    if !host.is_loopback() {
        diag::emit(&[Diagnostic::warning(format!(
            "listening on {host}: other machines can see these drafts (the default is 127.0.0.1, this machine only)"
        ))]);
    }
    let builder = Builder::new(project.clone(), discover_fonts(&project, &args.fonts));
    bulletin::serve::serve(builder, named, host, args.port, |address| {
        say!("serving http://{address}/ (Ctrl-C stops)");
    })?;
    Ok(true)
}

/// `bulletin new`: a period's figure file, started from the series' latest one.
pub fn new(project: Project, args: &NewArgs, diagnostics: &mut Vec<Diagnostic>) -> diag::Result<bool> {
    let date = bulletin::figures::Date::parse(&args.date)
        .map_err(|message| vec![Diagnostic::error(message).note("help: give the date as YYYY-MM-DD")])?;
    let builder = Builder::new(project.clone(), Arc::new(Fonts::none()));
    let series = builder.series(&args.series)?;
    let dir = project.data().join(&args.series);
    // The latest period before the new one (a later one may exist already).
    let date_text = date.to_string();
    let latest = project
        .figure_files()?
        .into_iter()
        .filter(|file| file.series == args.series && file.stem < date_text)
        .max_by(|a, b| a.stem.cmp(&b.stem));
    let Some(latest) = latest else {
        return Diagnostic::error(format!(
            "the series `{}` has no figure file before {date} to start from",
            args.series
        ))
        .note(format!(
            "help: write the first one by hand, as `{}`",
            project.shown(&dir.join(format!("{date}.yaml"))).display()
        ))
        .into_err();
    };
    let from = builder.input(&latest)?;
    // Last year's figures, when last year's file of the same date is there and sound.
    let year_before = bulletin::figures::Date { year: date.year - 1, ..date };
    let earlier = ["yaml", "yml"]
        .iter()
        .map(|ext| dir.join(format!("{year_before}.{ext}")))
        .find(|path| path.is_file())
        .map(|path| project.figure_file(&path).and_then(|file| builder.check(&builder.input(&file)?)));
    let before = match earlier {
        Some(Ok(checked)) => Some(checked.figures),
        Some(Err(mut errors)) => {
            diagnostics.push(Diagnostic::warning(format!(
                "last year's figures ({year_before}) are not filled in: the file has errors"
            )));
            diagnostics.append(&mut errors);
            None
        }
        None => None,
    };
    let started = bulletin::period::start(&series.schema, &from.snapshot.figure, date, before.as_ref())?;
    for twin in ["yaml", "yml"].map(|ext| dir.join(format!("{date}.{ext}"))) {
        if twin.exists() {
            return Diagnostic::error(format!("`{}` exists already", project.shown(&twin).display()))
                .note("help: a period's figure file is started once; edit the one there")
                .into_err();
        }
    }
    let target = dir.join(format!("{date}.yaml"));
    fsio::write_new(&target, started.text.as_bytes(), &project.shown(&target))?;
    say!("wrote {} from {}", project.shown(&target).display(), latest.shown.display());
    for (figure, value) in &started.filled {
        say!("  {figure}: {value}, from {year_before}");
    }
    if before.is_none() && !series.schema.prior_year.is_empty() {
        let fields: Vec<&str> = series.schema.prior_year.keys().map(String::as_str).collect();
        say!("  {} kept as in {}: there is no figure file of {year_before}", fields.join(", "), latest.shown.display());
    }
    say!("now type this period's figures into it; `bulletin check` warns while they are the same as before");
    Ok(true)
}

/// `bulletin site`: the index, and each series' page and feed, written into `out/`
/// where their bytes changed.
pub fn site(project: Project, args: &SiteArgs) -> diag::Result<bool> {
    let written = bulletin::site::write(&project, args.drafts)?;
    if written.is_empty() {
        say!("site is up to date");
    }
    for path in written {
        say!("wrote {}", project.shown(&path).display());
    }
    Ok(true)
}
