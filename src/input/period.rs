//! Starting a period: a new figure file made from the series' latest one, with its
//! `as_of` set and the prior-year figures filled in from the figure file of the same
//! date a year earlier, ready for the office to type this period's figures into.
//!
//! The new file is the latest one's text with only those values replaced, so its
//! groups, comments and layout are kept exactly.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::core::date::Date;
use crate::core::figure::Figures;
use crate::core::schema::Series;
use crate::diag::{self, Diagnostic, Source};
use crate::i18n::t;
use crate::input::compare;
use crate::input::figures::{self, Checked};
use crate::input::project::{FigureFile, Project};
use crate::input::snapshot::read_figure_file;
use crate::io;

/// A figure file's text for a new period, and what was filled in, in words.
pub struct Started {
    /// The new file's text.
    pub text: String,
    /// Each prior-year figure filled in: (`group.field`, value).
    pub filled: Vec<(String, u64)>,
    /// Each prior-year figure left empty, there being no file a year before: an
    /// error until typed (`group.field`).
    pub emptied: Vec<String>,
}

/// The text of the period `date`, from `latest` (the series' latest figure file) and
/// the figures of a year before `date`, if there is such a file.
pub fn start(
    series: &Series,
    latest: &Arc<Source>,
    date: Date,
    year_before: Option<&Figures>,
) -> diag::Result<Started> {
    let mut edits: Vec<(Range<usize>, String)> = vec![];
    let Some(as_of) = figures::as_of_span(latest) else {
        return Diagnostic::error(t!("period-no-as-of")).at(latest, 0..0, t!("period-expected-as-of")).into_err();
    };
    edits.push((as_of, date.to_string()));
    let (mut filled, mut emptied) = (vec![], vec![]);
    for (group, spec) in &series.groups {
        for (field, source) in series.prior_year.iter().filter(|(field, _)| spec.fields.contains_key(*field)) {
            let Some(span) = figures::value_span(latest, group, field) else { continue };
            match year_before.map(|before| before.get(group, source)) {
                Some(Some(value)) => {
                    edits.push((span, value.to_string()));
                    filled.push((format!("{group}.{field}"), value));
                }
                // Last year's figure is not this year's: without a file of a year
                // before, the field is left empty, an error until it is typed.
                None => {
                    edits.push((span, String::new()));
                    emptied.push(format!("{group}.{field}"));
                }
                Some(None) => {}
            }
        }
    }
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut text = latest.text.clone();
    for (range, value) in edits {
        text.replace_range(range, &value);
    }
    Ok(Started { text, filled, emptied })
}
/// A period's figure file validated as a build validates it (against the latest
/// earlier period of its year, for a cumulative series).
pub fn checked(project: &Project, series: &Series, file: &FigureFile) -> diag::Result<Checked> {
    let (source, _) = read_figure_file(file)?;
    let earlier = series.cumulative.and_then(|_| project.earlier_period(file));
    let earlier =
        earlier.and_then(|(earlier, same_year)| Some((read_figure_file(&earlier).ok()?.0, earlier.stem, same_year)));
    let earlier =
        earlier.as_ref().map(|(source, stem, same_year)| compare::Earlier { source, stem, same_year: *same_year });
    compare::check(series, &source, &file.stem, earlier.as_ref())
}

/// Writes a new period's figure file, `data/<series>/<date>.yaml`, refusing to
/// replace one that exists for the period (as `.yaml` or `.yml`).
pub fn create(project: &Project, series: &str, date: Date, text: &str) -> diag::Result<PathBuf> {
    let dir = project.data().join(series);
    for twin in ["yaml", "yml"].map(|ext| dir.join(format!("{date}.{ext}"))) {
        if io::exists(&twin) {
            return Diagnostic::error(t!("exists-already", path = project.shown(&twin)))
                .help(t!("period-exists-help"))
                .into_err();
        }
    }
    let target = dir.join(format!("{date}.yaml"));
    io::write_new(&target, text.as_bytes(), &project.shown(&target))?;
    Ok(target)
}
