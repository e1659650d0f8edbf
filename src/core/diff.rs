//! What changed between two versions of a period: each figure (the derived totals
//! included) and each sentence of the bulletin.

use similar::{ChangeTag, TextDiff};

use crate::core::figure::{Figure, Figures};
use crate::core::format::{self, Word};
use crate::core::schema::Series;

/// One figure whose value differs between two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The group, or `totals` for a headline figure.
    pub group: String,
    /// The field.
    pub field: String,
    /// The earlier value (`None`: not given).
    pub old: Option<Figure>,
    /// The later value.
    pub new: Option<Figure>,
}

/// A period's figures with their derived totals.
pub struct Period<'a> {
    /// The figures as given.
    pub figures: &'a Figures,
    /// The totals derived from them.
    pub totals: &'a std::collections::BTreeMap<String, u64>,
}

/// Every figure that differs, headline totals first, then the groups in the order
/// the series declares them.
pub fn figures(series: &Series, old: &Period<'_>, new: &Period<'_>) -> Vec<Change> {
    let mut changes = vec![];
    if let Some(totals) = &series.totals {
        for field in &totals.fields {
            let total = |period: &Period<'_>| period.totals.get(field).copied().map(Figure::Whole);
            let (a, b) = (total(old), total(new));
            if a != b {
                changes.push(Change { group: "totals".into(), field: field.clone(), old: a, new: b });
            }
        }
    }
    for (group, spec) in &series.groups {
        for field in spec.fields.keys() {
            let (a, b) = (old.figures.figure(group, field).cloned(), new.figures.figure(group, field).cloned());
            if a != b {
                changes.push(Change { group: group.clone(), field: field.clone(), old: a, new: b });
            }
        }
    }
    changes
}

/// A change as a reader of the bulletin sees it: the figure's name and both values
/// as printed (`食品類破獲案件數`, `186起`, `188起`).
pub type Shown = (String, String, String);

/// What a reader sees change, in the order a correction lists it: each figure of the
/// groups that changed as printed, then the headline totals, then the year-on-year
/// results (declared by `prior_year`) that changed with them. A change that does not
/// show at the printed precision (one yuan in 16.7億元) is left out.
pub fn visible(series: &Series, old: &Period<'_>, new: &Period<'_>) -> Vec<Shown> {
    let script = series.language().script;
    let changes = figures(series, old, new);
    let (totals, groups): (Vec<&Change>, Vec<&Change>) = changes.iter().partition(|c| c.group == "totals");
    let mut shown: Vec<Shown> = groups.into_iter().chain(totals).map(|change| change.describe(series)).collect();
    for (group, spec) in &series.groups {
        for (prior, field) in series.prior_year.iter().filter(|(prior, _)| spec.fields.contains_key(*prior)) {
            let words = |period: &Period<'_>| {
                let number = |field: &str| period.figures.figure(group, field).and_then(Figure::number);
                let change = format::change(number(field)?, number(prior)?, 1).ok()?;
                Some(year_on_year_words(&change, script))
            };
            let (label, _) = series.label(group, field);
            let none = || script.word(Word::NoComparison).to_string();
            let year_on_year = script.word(Word::YearOnYear);
            shown.push((
                format!("{label}{year_on_year}"),
                words(old).unwrap_or_else(none),
                words(new).unwrap_or_else(none),
            ));
        }
    }
    shown.retain(|(_, old, new)| old != new);
    shown
}

/// A year-on-year result as a bulletin words it: `上升19.8%`, `下降5.0%`, `持平`.
fn year_on_year_words(change: &format::Change, script: format::Script) -> String {
    let amount = change.percent.as_ref().map_or_else(|| change.diff.to_string(), |percent| format!("{percent}%"));
    match change.change {
        1 => format!("{}{amount}", script.word(Word::Up)),
        -1 => format!("{}{amount}", script.word(Word::Down)),
        _ => script.word(Word::Same).to_string(),
    }
}

impl Change {
    /// The figure's name and both values in words: (`食品類破獲案件數`, `186起`, `188起`).
    pub fn describe(&self, series: &Series) -> (String, String, String) {
        let (label, _) = series.label(&self.group, &self.field);
        let words = |value: Option<&Figure>| series.show(&self.group, &self.field, value);
        (label, words(self.old.as_ref()), words(self.new.as_ref()))
    }

    /// `food.cases: 186 → 188`.
    pub fn plain(&self) -> String {
        let value = |v: &Option<Figure>| v.as_ref().map_or_else(|| "(none)".to_string(), Figure::to_string);
        format!("{}.{}: {} → {}", self.group, self.field, value(&self.old), value(&self.new))
    }
}

/// The sentences of two bulletins that differ, as a text diff: one sentence a line,
/// `-` for the old and `+` for the new; unchanged sentences are left out.
pub fn sentences(old: &str, new: &str) -> String {
    let (old, new) = (split_sentences(old), split_sentences(new));
    let diff = TextDiff::from_slices(&old, &new);
    let mut out = String::new();
    for change in diff.iter_all_changes() {
        let sign = match change.tag() {
            ChangeTag::Delete => '-',
            ChangeTag::Insert => '+',
            ChangeTag::Equal => continue,
        };
        out.push(sign);
        out.push(' ');
        out.push_str(change.value());
        out.push('\n');
    }
    out
}

/// A Markdown document cut into sentences (after 。！？；) and lines.
fn split_sentences(text: &str) -> Vec<&str> {
    let mut sentences = vec![];
    for line in text.lines().filter(|line| !line.trim().is_empty()) {
        let mut start = 0;
        for (i, c) in line.char_indices() {
            if matches!(c, '。' | '！' | '？' | '；') {
                let end = i + c.len_utf8();
                sentences.push(&line[start..end]);
                start = end;
            }
        }
        if start < line.len() {
            sentences.push(&line[start..]);
        }
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_sentences_are_shown() {
        let old = "# 標題\n\n共破案件956起。抓獲1440人。\n";
        let new = "# 標題\n\n共破案件958起。抓獲1440人。\n";
        assert_eq!(sentences(old, new), "- 共破案件956起。\n+ 共破案件958起。\n");
        assert_eq!(sentences(old, old), "");
    }
}
