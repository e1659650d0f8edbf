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
    for (figure, value) in &started.filled {
        say!("  {figure}: {value}, from {year_before}");
    }
    if before.is_none() && !schema.prior_year.is_empty() {
        let fields: Vec<&str> = schema.prior_year.keys().map(String::as_str).collect();
        say!("  {} kept as in {}: there is no figure file of {year_before}", fields.join(", "), latest.shown.display());
    }
    say!("now type this period's figures into it; `bulletin check` warns while they are the same as before");
    Ok(true)
}
