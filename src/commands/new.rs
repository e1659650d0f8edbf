//! `bulletin new`: a period's figure file, started from the series' latest one.

use bulletin::core::date::Date;
use bulletin::diag::{self, Diagnostic};
use bulletin::input::period;
use bulletin::input::project::Project;
use bulletin::input::schema;
use bulletin::input::snapshot::{SeriesFiles, read_figure_file};

use crate::cli::NewArgs;
use crate::commands::say;

/// `bulletin new`: a period's figure file, started from the series' latest one.
pub fn new(project: Project, args: &NewArgs, diagnostics: &mut Vec<Diagnostic>) -> diag::Result<bool> {
    let date = Date::parse(&args.date)
        .map_err(|message| vec![Diagnostic::error(message).note("help: give the date as YYYY-MM-DD")])?;
    let schema = schema::load(&SeriesFiles::read(&project, &args.series)?)?;
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
    let (from, _) = read_figure_file(&latest)?;
    // Last year's figures, when last year's file of the same date is there and sound.
    let year_before = Date { year: date.year - 1, ..date };
    let earlier = project
        .period_file(&args.series, &year_before.to_string())
        .map(|path| project.figure_file(&path).and_then(|file| period::checked(&project, &schema, &file)));
    let has_file = earlier.is_some();
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
    let started = period::start(&schema, &from, date, before.as_ref())?;
    let target = period::create(&project, &args.series, date, &started.text)?;
    say!("wrote {} from {}", project.shown(&target).display(), latest.shown.display());
    say!("  as_of: {date}");
    let missing = if before.is_some() {
        format!("the file of {year_before} has none")
    } else if has_file {
        format!("the file of {year_before} has errors")
    } else {
        format!("there is no figure file of {year_before}")
    };
    tell_started(&started, &year_before, &missing);
    say!("  every other figure: as in {}, until you type this period's", latest.shown.display());
    say!("then `bulletin check {}` says what is still to do", project.shown(&target).display());
    Ok(true)
}

/// What `new` filled with last year's figures, and what it left to type and why.
fn tell_started(started: &period::Started, year_before: &Date, missing: &str) {
    for (figure, value) in &started.filled {
        say!("  {figure}: {value}, last year's figure from the file of {year_before}");
    }
    for figure in &started.emptied {
        say!("  {figure}: left empty ({missing}): type last year's figure");
    }
}
