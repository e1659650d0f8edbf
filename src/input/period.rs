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
        return Diagnostic::error("the latest figure file has no `as_of` to start from")
            .at(latest, 0..0, "expected `as_of: …`")
            .into_err();
    };
    edits.push((as_of, date.to_string()));
    let mut filled = vec![];
    if let Some(before) = year_before {
        for (group, spec) in &series.groups {
            for (field, source) in &series.prior_year {
                let (Some(value), Some(span)) = (before.get(group, source), figures::value_span(latest, group, field))
                else {
                    continue;
                };
                if spec.fields.contains_key(field) {
                    edits.push((span, value.to_string()));
                    filled.push((format!("{group}.{field}"), value));
                }
            }
        }
    }
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut text = latest.text.clone();
    for (range, value) in edits {
        text.replace_range(range, &value);
    }
    Ok(Started { text, filled })
}
/// A period's figure file validated as a build validates it (against the latest
/// earlier period of its year, for a cumulative series).
pub fn checked(project: &Project, series: &Series, file: &FigureFile) -> diag::Result<Checked> {
    let (source, _) = read_figure_file(file)?;
    let earlier = series.cumulative.and_then(|_| project.earlier_in_year(file));
    let earlier = earlier.and_then(|earlier| Some((read_figure_file(&earlier).ok()?.0, earlier.stem)));
    compare::check(series, &source, &file.stem, earlier.as_ref().map(|(source, stem)| (source, stem.as_str())))
}

/// Writes a new period's figure file, `data/<series>/<date>.yaml`, refusing to
/// replace one that exists for the period (as `.yaml` or `.yml`).
pub fn create(project: &Project, series: &str, date: Date, text: &str) -> diag::Result<PathBuf> {
    let dir = project.data().join(series);
    for twin in ["yaml", "yml"].map(|ext| dir.join(format!("{date}.{ext}"))) {
        if io::exists(&twin) {
            return Diagnostic::error(format!("`{}` exists already", project.shown(&twin).display()))
                .note("help: a period's figure file is started once; edit the one there")
                .into_err();
        }
    }
    let target = dir.join(format!("{date}.yaml"));
    io::write_new(&target, text.as_bytes(), &project.shown(&target))?;
    Ok(target)
}
