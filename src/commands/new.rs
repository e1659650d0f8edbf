//! `bulletin new`: a period's figure file, started from the series' latest one.

use bulletin::core::date::Date;
use bulletin::core::schema::{Period, Series};
use bulletin::diag::{self, Diagnostic};
use bulletin::i18n::t;
use bulletin::input::period;
use bulletin::input::project::{FigureFile, Project};
use bulletin::input::schema;
use bulletin::input::snapshot::{SeriesFiles, read_figure_file};

use crate::cli::NewArgs;
use crate::commands::say;

/// `bulletin new`: a period's figure file, started from the series' latest one.
pub fn new(project: Project, args: &NewArgs, diagnostics: &mut Vec<Diagnostic>) -> diag::Result<bool> {
    let given = match &args.date {
        Some(text) => {
            Some(Date::parse(text).map_err(|message| vec![Diagnostic::error(message).help(t!("new-date-help"))])?)
        }
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
            diagnostics.push(Diagnostic::warning(t!("new-last-year-errors", date = year_before.to_string())));
            diagnostics.append(&mut errors);
            None
        }
        None => None,
    };
    let started = period::start(&schema, &from, date, before.as_ref())?;
    let target = period::create(&project, &args.series, date, &started.text)?;
    say!("{}", t!("new-wrote", path = project.shown(&target), from = &latest.shown));
    say!("  as_of: {date}{}", proposed.unwrap_or_default());
    let date_before = year_before.to_string();
    let missing = if before.is_some() {
        t!("new-missing-none", date = &date_before)
    } else if has_file {
        t!("new-missing-errors", date = &date_before)
    } else {
        t!("new-missing-no-file", date = &date_before)
    };
    tell_started(&started, &year_before, &missing.text);
    say!("  {}", t!("new-every-other", from = &latest.shown));
    say!("{}", t!("new-then-check", path = project.shown(&target)));
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
    let usage = t!("new-usage-help", series = series);
    if schema.period == Period::Date {
        return Diagnostic::error(t!("new-no-period", series = series))
            .help(usage)
            .help(t!("new-declare-period-help", path = &schema.path))
            .into_err();
    }
    let Some(latest) = files.iter().max_by(|a, b| a.stem.cmp(&b.stem)) else {
        return Diagnostic::error(t!("new-no-file", series = series))
            .help(t!("new-first-by-hand-under", path = project.shown(&project.data().join(series))))
            .into_err();
    };
    let next = Date::parse(&latest.stem).ok().and_then(|date| schema.period.next(date));
    let period = schema.period.to_string();
    let Some(next) = next else {
        return Diagnostic::error(t!("new-no-next", period = &period, file = &latest.shown)).help(usage).into_err();
    };
    Ok((next, Some(t!("new-proposed", period = &period, latest = &latest.stem).text)))
}

/// The error of a period with no figure file before it to start from.
fn no_file_before(project: &Project, series: &str, date: Date) -> diag::Result<bool> {
    let dir = project.data().join(series);
    Diagnostic::error(t!("new-no-file-before", series = series, date = date.to_string()))
        .help(t!("new-first-by-hand-as", path = project.shown(&dir.join(format!("{date}.yaml")))))
        .into_err()
}

/// What `new` filled with last year's figures, and what it left to type and why.
fn tell_started(started: &period::Started, year_before: &Date, missing: &str) {
    for (figure, value) in &started.filled {
        say!("  {}", t!("new-filled", figure = figure, value = value, date = year_before.to_string()));
    }
    for figure in &started.emptied {
        say!("  {}", t!("new-emptied", figure = figure, missing = missing));
    }
}
