//! A period's figures against the latest earlier period of the same year, for a
//! series whose figures are cumulative (`cumulative: year`): what a reader of two
//! bulletins in a row would notice before the office does.
//!
//! A cumulative figure that falls is an error; a file whose every figure equals the
//! earlier one's (copied and never edited) and a figure that moved by a factor of ten
//! or more (a zero dropped or added) are warnings.

use std::sync::Arc;

use crate::core::figure::Figures;
use crate::core::schema::Series;
use crate::diag::{self, Diagnostic, Source};
use crate::input::figures::{self, Checked};

/// A period as read: its file's text and its validated figures.
pub struct Period<'a> {
    /// The figure file.
    pub source: &'a Arc<Source>,
    /// Its figures.
    pub figures: &'a Figures,
}

/// What the comparison found.
#[derive(Default)]
pub struct Found {
    /// Cumulative figures that fell.
    pub errors: Vec<Diagnostic>,
    /// A copied file, figures that jumped.
    pub warnings: Vec<Diagnostic>,
}

/// Validates a figure file (`source`, of the period `stem`) against its series, and,
/// for a cumulative series, against `earlier`, the latest earlier period of its year
/// (its text and period), whose own problems are reported when it is checked itself.
pub fn check(
    series: &Series,
    source: &Arc<Source>,
    stem: &str,
    earlier: Option<(&Arc<Source>, &str)>,
) -> diag::Result<Checked> {
    let mut checked = figures::check(source, series, stem)?;
    let Some((earlier, earlier_stem)) = earlier.filter(|_| series.cumulative.is_some()) else { return Ok(checked) };
    let Ok(before) = figures::check(earlier, series, earlier_stem) else { return Ok(checked) };
    let now = Period { source, figures: &checked.figures };
    let earlier = Period { source: earlier, figures: &before.figures };
    let found = cumulative(series, &now, &earlier);
    checked.warnings.extend(found.warnings);
    if found.errors.is_empty() { Ok(checked) } else { Err(found.errors.into_iter().chain(checked.warnings).collect()) }
}

/// Compares `now` with `earlier`, the latest earlier period of the same year.
pub fn cumulative(series: &Series, now: &Period<'_>, earlier: &Period<'_>) -> Found {
    let mut found = Found::default();
    let mut same = true;
    for (group, spec) in &series.groups {
        for field in spec.fields.keys() {
            let (before, after) = (earlier.figures.get(group, field), now.figures.get(group, field));
            same &= before == after;
            let (Some(before), Some(after)) = (before, after) else { continue };
            let (label, unit) = series.label(group, field);
            let at = |period: &Period<'_>| figures::value_span(period.source, group, field).unwrap_or(0..0);
            if after < before {
                found.errors.push(
                    Diagnostic::error(format!("{label} fell from {before}{unit} to {after}{unit}"))
                        .at(now.source, at(now), format!("`{group}.{field}` is {after} here"))
                        .at(earlier.source, at(earlier), format!("and {before} in the earlier period"))
                        .note("note: the series counts from 1 January (`cumulative: year`), so no figure can fall")
                        .note("help: correct whichever of the two is wrong"),
                );
            } else if before > 0 && after >= before.saturating_mul(10) {
                found.warnings.push(
                    Diagnostic::warning(format!(
                        "{label} went from {before}{unit} to {after}{unit}, ten times or more"
                    ))
                    .at(now.source, at(now), "was a zero added?")
                    .at(earlier.source, at(earlier), "the earlier period"),
                );
            }
        }
    }
    if same {
        let end = now.source.text.len().min(1);
        found.warnings.push(
            Diagnostic::warning(format!("every figure is the same as in `{}`", earlier.source.path.display()))
                .at(now.source, 0..end, "this file")
                .note("help: was the file copied from the earlier period and not yet edited?"),
        );
    }
    found
}
