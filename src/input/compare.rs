//! A period's figures against the period before it, for a series whose figures are
//! cumulative (`cumulative: year`): what a reader of two bulletins in a row would
//! notice before the office does.
//!
//! Within a year a cumulative figure that falls is an error (a zero dropped among
//! them). A file whose every figure equals the earlier one's (copied and never
//! edited) and a figure ten times larger or more (a zero added) are guards: warnings
//! that stop `publish` until accepted by name. The first period of a year is compared
//! with the last of the year before for these, not for figures that fell.

use std::sync::Arc;

use crate::core::figure::{Figure, Figures};
use crate::core::schema::Series;
use crate::diag::{self, Diagnostic, Source};
use crate::i18n::t;
use crate::input::figures::{self, Checked, Guard};

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
    pub guards: Vec<Guard>,
}

/// The period a figure file is compared with: the latest earlier one of its year, or
/// for the first period of a year the last of the year before (`same_year` false),
/// which is compared for copied files and slips of a zero, not for figures that fell.
pub struct Earlier<'a> {
    /// Its text.
    pub source: &'a Arc<Source>,
    /// Its period (`2019-10-31`).
    pub stem: &'a str,
    /// Whether it is of the same year.
    pub same_year: bool,
}

/// Validates a figure file (`source`, of the period `stem`) against its series, and,
/// for a cumulative series, against the period before it (`earlier`), whose own
/// problems are reported when it is checked itself.
pub fn check(
    series: &Series,
    source: &Arc<Source>,
    stem: &str,
    earlier: Option<&Earlier<'_>>,
) -> diag::Result<Checked> {
    let mut checked = figures::check(source, series, stem)?;
    let Some(earlier) = earlier.filter(|_| series.cumulative.is_some()) else { return Ok(checked) };
    let Ok(before) = figures::check(earlier.source, series, earlier.stem) else { return Ok(checked) };
    let now = Period { source, figures: &checked.figures };
    let then = Period { source: earlier.source, figures: &before.figures };
    let found = cumulative(series, &now, &then, earlier.same_year);
    checked.guards.extend(found.guards);
    if found.errors.is_empty() {
        Ok(checked)
    } else {
        let guards = checked.guards.into_iter().map(|guard| guard.warning);
        Err(found.errors.into_iter().chain(checked.warnings).chain(guards).collect())
    }
}

/// Compares `now` with `earlier`, the period before it: within a year a figure that
/// fell is an error; a figure ten times larger and a file whose every figure is the
/// same are guards.
pub fn cumulative(series: &Series, now: &Period<'_>, earlier: &Period<'_>, same_year: bool) -> Found {
    let mut found = Found::default();
    let mut same = true;
    for (group, spec) in &series.groups {
        for field in spec.fields.keys() {
            let (before, after) = (earlier.figures.get(group, field), now.figures.get(group, field));
            same &= before == after;
            let (Some(before), Some(after)) = (before, after) else { continue };
            let at = |period: &Period<'_>| figures::value_span(period.source, group, field).unwrap_or(0..0);
            let shown = |value: u64| series.show(group, field, Some(&Figure::Whole(value)));
            let (label, _) = series.label(group, field);
            let (from, to) = (shown(before), shown(after));
            if after < before && same_year {
                found.errors.push(
                    Diagnostic::error(t!("compare-fell", label = &label, from = from, to = to))
                        .at(now.source, at(now), t!("compare-fell-here", group = group, field = field, after = after))
                        .at(earlier.source, at(earlier), t!("compare-fell-before", before = before))
                        .noting(t!("compare-fell-note"))
                        .help(t!("compare-fell-help")),
                );
                continue;
            }
            // Within a year a zero dropped is a figure that fell (above); a new year's
            // figures start again, far below December's: a zero added is the slip.
            if before > 0 && after >= before.saturating_mul(10) {
                let warning = Diagnostic::warning(t!("compare-tenfold", label = &label, from = from, to = to))
                    .at(now.source, at(now), t!("compare-tenfold-label"))
                    .at(earlier.source, at(earlier), t!("compare-earlier-period"))
                    .help(t!("compare-tenfold-help", group = group, field = field));
                found.guards.push(Guard { name: format!("{group}.{field}"), warning });
            }
        }
    }
    if same {
        let end = now.source.text.len().min(1);
        let warning = Diagnostic::warning(t!("compare-unchanged", path = &earlier.source.path))
            .at(now.source, 0..end, t!("compare-this-file"))
            .help(t!("compare-unchanged-copied-help"))
            .help(t!("compare-unchanged-accept-help"));
        found.guards.push(Guard { name: "unchanged".to_string(), warning });
    }
    found
}
