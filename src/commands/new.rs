//! `bulletin new`: a period's figure file, started from the series' latest one.

use bulletin::core::date::Date;
use bulletin::core::schema::{Period, Series};
use bulletin::diag::{self, Diagnostic};
use bulletin::input::period;
use bulletin::input::project::{FigureFile, Project};
use bulletin::input::schema;
use bulletin::input::snapshot::{SeriesFiles, read_figure_file};

use crate::cli::NewArgs;
use crate::commands::say;

/// `bulletin new`: a period's figure file, started from the series' latest one.
pub fn new(project: Project, args: &NewArgs, diagnostics: &mut Vec<Diagnostic>) -> diag::Result<bool> {
    let given = match &args.date {
        Some(text) => Some(
            Date::parse(text)
                .map_err(|message| vec![Diagnostic::error(message).note("help: give the date as YYYY-MM-DD")])?,
        ),
        None => None,
    };
    let schema = schema::load(&SeriesFiles::read(&project, &args.series)?)?;
    let files: Vec<FigureFile> =
        project.figure_files()?.into_iter().filter(|file| file.series == args.series).collect();
    let (date, proposed) = match given {
        Some(date) => (date, None),
        None => proposal(&project, &schema, &args.series, &files)?,
    };
    // The latest period before the new one (a later one may exist already).
    let date_text = date.to_string();
    let Some(latest) = files.into_iter().filter(|file| file.stem < date_text).max_by(|a, b| a.stem.cmp(&b.stem)) else {
        return no_file_before(&project, &args.series, date);
    };
    let (from, _) = read_figure_file(&latest)?;
    // Last year's figures, when last year's file of the same period is there and sound.
    let year_before = schema.period.year_before(date);
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
    say!("  as_of: {date}{}", proposed.unwrap_or_default());
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

/// The date of the period after the series' latest, for a series that declares its
/// period, and how `new` says where it came from (` (the month after 2024-08-31)`).
fn proposal(
    project: &Project,
    schema: &Series,
    series: &str,
    files: &[FigureFile],
) -> diag::Result<(Date, Option<String>)> {
    let usage = format!("help: give the period's date: `bulletin new {series} YYYY-MM-DD`");
    if schema.period == Period::Date {
        return Diagnostic::error(format!("the series `{series}` declares no period, so `new` needs a date"))
            .note(usage)
            .note(format!(
                "help: or declare one in `{}` (`period: month`, `quarter` or `year`), and `new` starts the next",
                schema.path.display()
            ))
            .into_err();
    }
    let Some(latest) = files.iter().max_by(|a, b| a.stem.cmp(&b.stem)) else {
        return Diagnostic::error(format!("the series `{series}` has no figure file to start from"))
            .note(format!(
                "help: write the first one by hand, under `{}`",
                project.shown(&project.data().join(series)).display()
            ))
            .into_err();
    };
    let next = Date::parse(&latest.stem).ok().and_then(|date| schema.period.next(date));
    let Some(next) = next else {
        return Diagnostic::error(format!("no {} follows `{}`", schema.period, latest.shown.display()))
            .note(usage)
            .into_err();
    };
    Ok((next, Some(format!(" (the {} after {})", schema.period, latest.stem))))
}

/// The error of a period with no figure file before it to start from.
fn no_file_before(project: &Project, series: &str, date: Date) -> diag::Result<bool> {
    let dir = project.data().join(series);
    Diagnostic::error(format!("the series `{series}` has no figure file before {date} to start from"))
        .note(format!(
            "help: write the first one by hand, as `{}`",
            project.shown(&dir.join(format!("{date}.yaml"))).display()
        ))
        .into_err()
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
