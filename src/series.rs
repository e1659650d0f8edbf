//! A series' declared schema (`templates/<series>/series.yaml`) and the figures derived
//! from a period's figures: the headline totals.
//!
//! Everything that differs between kinds of bulletin lives in that file, not here: a new
//! series needs a template folder, never a change to this module.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use indexmap::IndexMap;
use serde::Deserialize;

use crate::diag::{self, Diagnostic, Source};
use crate::figures::Figures;
use crate::snapshot::SeriesFiles;

/// The name of the schema file inside a series' template folder.
pub const SCHEMA_FILE: &str = "series.yaml";

/// A series' schema, as declared in its `series.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    /// The bulletin's title, printed as its first heading and in the PDF metadata.
    pub title: String,
    /// The issuing office, for the PDF metadata.
    pub author: String,
    /// The language tag of the text (`zh-Hant`, `zh-Hans`).
    pub lang: String,
    /// The groups a figure file holds, by name, in the order a reader expects them.
    pub groups: IndexMap<String, GroupSpec>,
    /// Which fields of which groups add up into the headline totals.
    #[serde(default)]
    pub totals: Option<TotalsSpec>,
    /// Consistency checks applied to every group that has the fields they name.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Font roles (`title`, `body`, `heading`, `kai`, `page_number`, `latin`), each a
    /// list of families in order of preference: the first installed family that
    /// covers the text wins.
    #[serde(default)]
    pub fonts: IndexMap<String, Vec<String>>,
    /// Whether the figures count everything since a start (`year`: since 1 January,
    /// as 截止11月15日 does): then a period is checked against the one before it.
    #[serde(default)]
    pub cumulative: Option<Cumulative>,
    /// How a correction is labelled and titled.
    #[serde(default)]
    pub correction: CorrectionSpec,
    /// Fields that hold last year's figure of another field (`cases_prior_year:
    /// cases`): `bulletin new` fills them from the figure file of a year before.
    #[serde(default)]
    pub prior_year: IndexMap<String, String>,
    /// Families any role falls back on for characters its own family lacks.
    #[serde(default)]
    pub font_fallback: Vec<String>,
    /// How fields are named in a sentence (`cases: [破獲案件數, 起]`: name and unit;
    /// money needs no unit), for correction notes.
    #[serde(default)]
    pub field_labels: BTreeMap<String, Vec<String>>,
    /// Where the schema was read from, as shown to the user.
    #[serde(skip)]
    pub path: PathBuf,
}

/// One group of figures (a category of cases, say).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    /// Whether a figure file may leave the group out.
    #[serde(default)]
    pub optional: bool,
    /// The group's fields, by name.
    pub fields: IndexMap<String, FieldSpec>,
    /// The group's name in a sentence (`食品類`), for correction notes.
    #[serde(default)]
    pub label: Option<String>,
}

/// A field's kind and whether it must be present, written `count`, `money?` ….
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct FieldSpec {
    /// What the number counts.
    pub kind: FieldKind,
    /// Whether a figure file must give it.
    pub required: bool,
}

/// What a figure is: both are whole numbers, never fractions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A number of cases, people, operations ….
    Count,
    /// An amount of money in whole yuan.
    Money,
}

impl fmt::Display for FieldKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Count => "count",
            Self::Money => "money",
        })
    }
}

impl TryFrom<String> for FieldSpec {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        let (name, required) = match text.strip_suffix('?') {
            Some(name) => (name, false),
            None => (text.as_str(), true),
        };
        let kind = match name {
            "count" => FieldKind::Count,
            "money" => FieldKind::Money,
            _ => {
                return Err(format!("unknown field kind `{text}`, expected `count` or `money` (with `?` if optional)"));
            }
        };
        Ok(Self { kind, required })
    }
}

/// The words around a correction note (its sentences are `correction.md`'s).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CorrectionSpec {
    /// The note's heading in the corrected bulletin.
    pub heading: String,
    /// The title of the correction notice issued on its own; `{title}` stands for
    /// the bulletin's title.
    pub notice_title: String,
}

impl Default for CorrectionSpec {
    fn default() -> Self {
        Self { heading: "更正說明".into(), notice_title: "關於《{title}》的更正說明".into() }
    }
}

/// What cumulative figures count from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Cumulative {
    /// From 1 January: a period is compared with the latest earlier one of its year.
    Year,
}

/// The headline totals: each field summed over the listed groups.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TotalsSpec {
    /// The groups that add up.
    pub groups: Vec<String>,
    /// The totals' name in a sentence (`全省`), for correction notes.
    #[serde(default)]
    pub label: Option<String>,
    /// The fields summed.
    pub fields: Vec<String>,
    /// Fields summed although some of the groups may lack them (an optional field,
    /// or one a group does not have): the total counts what the groups give. A
    /// total over such a field that is not listed here is refused.
    #[serde(default)]
    pub partial: Vec<String>,
}

/// A consistency check between two fields of a group, such as `detained <= suspects`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The comparison.
    pub check: Check,
    /// Whether a broken rule stops the build or only warns.
    pub level: Level,
}

/// Whether a broken rule is an error or a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The file is not built.
    Error,
    /// The file is built and the problem reported.
    Warning,
}

/// `left op right`, both field names.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct Check {
    /// The field on the left.
    pub left: String,
    /// The comparison operator as written (`<=`, `<`, `>=`, `>`, `==`).
    pub op: String,
    /// The field on the right.
    pub right: String,
}

impl TryFrom<String> for Check {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        let parts: Vec<&str> = text.split_whitespace().collect();
        match parts.as_slice() {
            [left, op @ ("<=" | "<" | ">=" | ">" | "=="), right] => {
                Ok(Self { left: (*left).to_string(), op: (*op).to_string(), right: (*right).to_string() })
            }
            _ => Err(format!("cannot read check `{text}`, expected `field <= field` (or <, >=, >, ==)")),
        }
    }
}

impl Check {
    /// Whether the rule holds for these two values.
    pub fn holds(&self, left: u64, right: u64) -> bool {
        match self.op.as_str() {
            "<=" => left <= right,
            "<" => left < right,
            ">=" => left >= right,
            ">" => left > right,
            _ => left == right,
        }
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.left, self.op, self.right)
    }
}

impl Series {
    /// Reads and checks `series.yaml` from a series' template folder.
    pub fn load(files: &SeriesFiles) -> diag::Result<Self> {
        let source = files.text(SCHEMA_FILE)?;
        let series: Self = serde_yaml::from_str(&source.text).map_err(|err| {
            let at = err.location().map_or(0, |location| location.index());
            vec![Diagnostic::error(format!("invalid series schema: {}", schema_message(&err))).at(
                &source,
                at..at + 1,
                "here",
            )]
        })?;
        series.check(&source)?;
        Ok(Series { path: source.path.clone(), ..series })
    }

    /// Checks that totals and rules name groups and fields that exist.
    fn check(&self, source: &Arc<Source>) -> diag::Result<()> {
        let mut errors = vec![];
        let fields: Vec<&String> = self.groups.values().flat_map(|group| group.fields.keys()).collect();
        let mut unknown = |what: &str, name: &str, known: bool| {
            if !known {
                let at = source.text.find(name).unwrap_or(0);
                errors.push(Diagnostic::error(format!("the series schema names an unknown {what} `{name}`")).at(
                    source,
                    at..at + name.len(),
                    format!("no {what} of this name is declared"),
                ));
            }
        };
        if let Some(totals) = &self.totals {
            for group in &totals.groups {
                unknown("group", group, self.groups.contains_key(group));
            }
            for field in &totals.fields {
                unknown("field", field, fields.contains(&field));
            }
        }
        for rule in &self.rules {
            unknown("field", &rule.check.left, fields.contains(&&rule.check.left));
            unknown("field", &rule.check.right, fields.contains(&&rule.check.right));
        }
        if let Some(totals) = &self.totals {
            for field in totals.fields.iter().filter(|field| !totals.partial.contains(field)) {
                let lacking = totals.groups.iter().find(|group| {
                    let spec = self.groups.get(*group).and_then(|g| g.fields.get(field));
                    let optional = self.groups.get(*group).is_some_and(|g| g.optional);
                    self.groups.contains_key(*group) && (optional || !spec.is_some_and(|spec| spec.required))
                });
                if let Some(group) = lacking {
                    let at = source.text.find("\ntotals:").map_or(0, |at| at + 1);
                    errors.push(
                        Diagnostic::error(format!("the total of `{field}` sums group `{group}`, which may lack it"))
                            .at(source, at..at + "totals".len(), "in these totals")
                            .note(format!(
                                "help: if the total counts what the groups give, say so: `partial: [{field}]` under `totals`"
                            )),
                    );
                }
            }
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    /// The headline totals of a period: each total field summed over the total groups,
    /// counting an absent figure as zero.
    pub fn totals(&self, figures: &Figures) -> Result<BTreeMap<String, u64>, String> {
        let Some(spec) = &self.totals else { return Ok(BTreeMap::new()) };
        let mut totals = BTreeMap::new();
        for field in &spec.fields {
            let mut sum: u64 = 0;
            for group in &spec.groups {
                let value = figures.get(group, field).unwrap_or(0);
                sum = sum.checked_add(value).ok_or_else(|| format!("the total of `{field}` is too large to hold"))?;
            }
            totals.insert(field.clone(), sum);
        }
        Ok(totals)
    }
}

/// What a figure is called in a correction note: `食品類破獲案件數`.
impl Series {
    /// The words for `group.field` (or `totals.field`) and the unit its counts take.
    pub fn label(&self, group: &str, field: &str) -> (String, String) {
        let group_label = match (group, &self.totals) {
            ("totals", Some(totals)) => totals.label.clone(),
            _ => self.groups.get(group).and_then(|g| g.label.clone()),
        };
        let words = self.field_labels.get(field);
        let field_label = words.and_then(|w| w.first()).cloned().unwrap_or_else(|| field.to_string());
        let unit = words.and_then(|w| w.get(1)).cloned().unwrap_or_default();
        (format!("{}{field_label}", group_label.unwrap_or_else(|| format!("{group}."))), unit)
    }

    /// The kind of a field, wherever it is declared.
    pub fn kind(&self, field: &str) -> FieldKind {
        self.groups.values().find_map(|g| g.fields.get(field)).map_or(FieldKind::Count, |spec| spec.kind)
    }
}

/// serde_yaml's message without its trailing "at line … column …" (we show the position).
fn schema_message(err: &serde_yaml::Error) -> String {
    let text = err.to_string();
    match text.find(" at line ") {
        Some(end) => text[..end].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_specs_read_kind_and_optional_mark() {
        assert_eq!(FieldSpec::try_from("count".to_string()), Ok(FieldSpec { kind: FieldKind::Count, required: true }));
        assert_eq!(
            FieldSpec::try_from("money?".to_string()),
            Ok(FieldSpec { kind: FieldKind::Money, required: false })
        );
        assert!(FieldSpec::try_from("float".to_string()).is_err());
    }

    #[test]
    fn checks_compare_as_written() {
        let check = Check::try_from("detained <= suspects".to_string()).unwrap();
        assert!(check.holds(3, 3));
        assert!(!check.holds(4, 3));
        assert!(Check::try_from("detained =< suspects".to_string()).is_err());
    }
}
