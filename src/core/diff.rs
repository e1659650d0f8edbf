//! What changed between two versions of a period: each figure (the derived totals
//! included) and each sentence of the bulletin.

use similar::{ChangeTag, TextDiff};

use crate::core::figure::{Figure, Figures};
use crate::core::format::{self, Word};
use crate::core::schema::{FieldKind, ListSpec, Series};

/// One figure whose value differs between two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The group, or `totals` for a headline figure.
    pub group: String,
    /// The field.
    pub field: String,
    /// Where in a list whose records have a key the change is; `None` for a figure
    /// (or a list without a key, compared whole).
    pub within: Option<Within>,
    /// The earlier value (`None`: not given).
    pub old: Option<Figure>,
    /// The later value.
    pub new: Option<Figure>,
}

/// A record of a list, named by its key (`兴化市`), and the field of it that changed
/// (`None`: the record was added or taken out whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Within {
    /// The record's key, as written.
    pub key: String,
    /// The record's field.
    pub field: Option<String>,
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
                changes.push(Change { group: "totals".into(), field: field.clone(), within: None, old: a, new: b });
            }
        }
    }
    for (group, spec) in &series.groups {
        for (field, field_spec) in &spec.fields {
            let (a, b) = (old.figures.figure(group, field).cloned(), new.figures.figure(group, field).cloned());
            if a == b {
                continue;
            }
            match (&field_spec.kind, &a, &b) {
                (FieldKind::List(ListSpec { key: Some(key), .. }), Some(Figure::List(a)), Some(Figure::List(b))) => {
                    changes.extend(records(group, field, key, a, b));
                }
                _ => changes.push(Change { group: group.clone(), field: field.clone(), within: None, old: a, new: b }),
            }
        }
    }
    changes
}

/// The changes between two versions of a list whose records have a key: each field
/// of a record that changed, each record added, each taken out, in the later list's
/// order and then the earlier's.
fn records(group: &str, field: &str, key: &str, old: &[Record], new: &[Record]) -> Vec<Change> {
    // A record is named by its key as printed: a name without quotes.
    let key_of = |record: &Record| match record.get(key) {
        Some(Figure::Text(text)) => text.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let find = |records: &[Record], name: &str| records.iter().find(|record| key_of(record) == name).cloned();
    let change = |name: String, sub: Option<&String>, old, new| Change {
        group: group.to_string(),
        field: field.to_string(),
        within: Some(Within { key: name, field: sub.cloned() }),
        old,
        new,
    };
    let mut changes = vec![];
    for record in new {
        let name = key_of(record);
        match find(old, &name) {
            Some(before) => {
                for (sub, value) in record.iter().filter(|(sub, value)| before.get(*sub) != Some(*value)) {
                    changes.push(change(name.clone(), Some(sub), before.get(sub).cloned(), Some(value.clone())));
                }
                for (sub, value) in before.iter().filter(|(sub, _)| !record.contains_key(*sub)) {
                    changes.push(change(name.clone(), Some(sub), Some(value.clone()), None));
                }
            }
            None => changes.push(change(name, None, None, Some(Figure::List(vec![record.clone()])))),
        }
    }
    for record in old.iter().filter(|record| find(new, &key_of(record)).is_none()) {
        changes.push(change(key_of(record), None, Some(Figure::List(vec![record.clone()])), None));
    }
    changes
}

/// A record of a list: its fields by name.
type Record = indexmap::IndexMap<String, Figure>;

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
    /// The figure's name and both values in words: (`食品類破獲案件數`, `186起`, `188起`);
    /// for a record of a keyed list, the record's key and its field's name
    /// (`兴化市PM2.5浓度`, `20`, `19`).
    pub fn describe(&self, series: &Series) -> (String, String, String) {
        let Some(within) = &self.within else {
            let (label, _) = series.label(&self.group, &self.field);
            let words = |value: Option<&Figure>| series.show(&self.group, &self.field, value);
            return (label, words(self.old.as_ref()), words(self.new.as_ref()));
        };
        let sub = within.field.as_deref();
        let Some(sub) = sub else {
            // A record added or taken out: named by its key, shown without it.
            let script = series.language().script;
            let record = |value: Option<&Figure>, absent: Word| match value {
                Some(value) => series.show_record(&self.group, &self.field, value),
                None => script.word(absent).to_string(),
            };
            let (old, new) =
                (record(self.old.as_ref(), Word::RecordAdded), record(self.new.as_ref(), Word::RecordRemoved));
            return (within.key.clone(), old, new);
        };
        let label = format!("{}{}", within.key, series.record_field_label(&self.group, &self.field, sub));
        let words = |value: Option<&Figure>| series.show_in_list(&self.group, &self.field, Some(sub), value);
        (label, words(self.old.as_ref()), words(self.new.as_ref()))
    }

    /// What the change is, as the figure file writes it: `food.cases`, or for a record
    /// of a keyed list `cities[兴化市].pm25`.
    pub fn figure(&self) -> String {
        match &self.within {
            None => format!("{}.{}", self.group, self.field),
            Some(Within { key, field: Some(sub) }) => format!("{}.{}[{key}].{sub}", self.group, self.field),
            Some(Within { key, field: None }) => format!("{}.{}[{key}]", self.group, self.field),
        }
    }

    /// `food.cases: 186 → 188`.
    pub fn plain(&self) -> String {
        let value = |v: &Option<Figure>| v.as_ref().map_or_else(|| "(none)".to_string(), Figure::to_string);
        format!("{}: {} → {}", self.figure(), value(&self.old), value(&self.new))
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
