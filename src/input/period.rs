//! Starting a period: a new figure file made from the series' latest one, with its
//! `as_of` set and the prior-year figures filled in from the figure file of the same
//! date a year earlier, ready for the office to type this period's figures into.
//!
//! The new file is the latest one's text with only those values replaced, so its
//! groups, comments and layout are kept exactly.

use std::ops::Range;
use std::sync::Arc;

use crate::diag::{self, Diagnostic, Source};
use crate::figures::{self, Date, Figures};
use crate::series::Series;

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
