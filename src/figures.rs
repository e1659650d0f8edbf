//! Reads one figure file (`data/<series>/<as_of>.yaml`) and validates it against its
//! series' schema, reporting every problem in the file with its line and column.
//!
//! The result holds integers only: a count or an amount of yuan never passes through
//! floating point on its way into a sentence.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use crate::diag::{self, Diagnostic, Source};
use crate::series::{FieldKind, Level, Series};
use crate::yaml::{self, Key, Kind, Node};

/// A validated period's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    /// The date the figures are counted up to.
    pub as_of: Date,
    /// Group name → field name → value.
    pub groups: BTreeMap<String, BTreeMap<String, u64>>,
}

impl Figures {
    /// One figure, if the file gives it.
    pub fn get(&self, group: &str, field: &str) -> Option<u64> {
        self.groups.get(group)?.get(field).copied()
    }
}

/// A calendar date that exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// The year.
    pub year: u16,
    /// The month, 1–12.
    pub month: u8,
    /// The day of the month, starting at 1.
    pub day: u8,
}

impl Date {
    /// Reads `YYYY-MM-DD`, saying what is wrong with a date that does not exist.
    pub fn parse(text: &str) -> Result<Self, String> {
        let parts: Vec<&str> = text.split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(format!("`{text}` is not a date"));
        };
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
            return Err(format!("`{text}` is not a date"));
        }
        let (year, month, day): (u16, u8, u8) =
            (y.parse().unwrap_or(0), m.parse().unwrap_or(0), d.parse().unwrap_or(0));
        let Ok(calendar_month) = time::Month::try_from(month) else {
            return Err(format!("`{text}` is not a date: there is no month {month}"));
        };
        let days = calendar_month.length(i32::from(year));
        if day == 0 || day > days {
            return Err(format!("`{text}` is not a date: month {month} of {year} has {days} days"));
        }
        Ok(Self { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A validated file and the warnings raised while validating it.
#[derive(Debug)]
pub struct Checked {
    /// The figures.
    pub figures: Figures,
    /// Broken rules of warning level.
    pub warnings: Vec<Diagnostic>,
}

/// Validates a figure file's text against `series`; `stem` is the file name without
/// `.yaml`, which `as_of` must equal.
pub fn check(source: &Arc<Source>, series: &Series, stem: &str) -> Result<Checked, Vec<Diagnostic>> {
    let root = yaml::parse(source).map_err(|errors| diag::cap(errors, &source.path))?;
    let mut v = Validator { source, errors: vec![], warnings: vec![] };
    let figures = v.root(&root, series, stem);
    match figures {
        Some(figures) if v.errors.is_empty() => Ok(Checked { figures, warnings: diag::cap(v.warnings, &source.path) }),
        _ => {
            v.errors.extend(v.warnings);
            Err(diag::cap(v.errors, &source.path))
        }
    }
}

struct Validator<'a> {
    source: &'a Arc<Source>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

impl Validator<'_> {
    fn error(&mut self, diagnostic: Diagnostic) {
        self.errors.push(diagnostic);
    }

    fn root(&mut self, root: &Node, series: &Series, stem: &str) -> Option<Figures> {
        let entries = self.map(root, "expected `as_of:` and `figures:`")?;
        let known = ["as_of", "figures"];
        let mut as_of = None;
        let mut groups = None;
        for (key, value) in entries {
            match key.name.as_str() {
                "as_of" => as_of = self.as_of(value, stem),
                "figures" => groups = self.groups(key, value, series),
                _ => {
                    self.unknown(key, "top-level key", &known, None);
                }
            }
        }
        let end = self.source.text.len();
        for (name, found, example) in [
            ("as_of", entries.iter().any(|(k, _)| k.name == "as_of"), "as_of: 2019-11-15"),
            ("figures", entries.iter().any(|(k, _)| k.name == "figures"), "figures:"),
        ] {
            if !found {
                self.error(Diagnostic::error(format!("missing `{name}`")).at(
                    self.source,
                    end..end,
                    format!("expected a line `{example}`"),
                ));
            }
        }
        let mut figures = Figures { as_of: as_of?, groups: groups? };
        self.rules(&mut figures, entries, series);
        Some(figures)
    }

    fn as_of(&mut self, value: &Node, stem: &str) -> Option<Date> {
        let Kind::Scalar { text, .. } = &value.kind else {
            self.error(Diagnostic::error("`as_of` must be a date").at(
                self.source,
                value.span.clone(),
                format!("expected a date such as 2019-11-15, found {}", value.describe()),
            ));
            return None;
        };
        let date = match Date::parse(text) {
            Ok(date) => date,
            Err(message) => {
                self.error(Diagnostic::error(message).at(
                    self.source,
                    value.span.clone(),
                    "expected a real date, as YYYY-MM-DD",
                ));
                return None;
            }
        };
        if date.to_string() != stem {
            self.error(
                Diagnostic::error(format!("`as_of` is {date} but the file is named {stem}.yaml"))
                    .at(self.source, value.span.clone(), format!("expected {stem}, the date in the file name"))
                    .note("help: a figure file is named after its `as_of` date; correct one of the two"),
            );
        }
        Some(date)
    }

    fn groups(&mut self, key: &Key, value: &Node, series: &Series) -> Option<BTreeMap<String, BTreeMap<String, u64>>> {
        let entries = self.map(value, "expected one group per line, such as `food: {cases: 186, …}`")?;
        let names: Vec<&str> = series.groups.keys().map(String::as_str).collect();
        let mut groups = BTreeMap::new();
        let mut ok = true;
        // A misspelt name is reported once, as unknown with a suggestion, not again
        // as the missing name it was meant to be.
        let mut suggested_groups = vec![];
        for (group_key, group) in entries {
            let Some(spec) = series.groups.get(&group_key.name) else {
                suggested_groups.extend(self.unknown(group_key, "group", &names, None));
                ok = false;
                continue;
            };
            let Some(fields) = self.map(group, "expected the group's fields, such as `{cases: 186, suspects: 306}`")
            else {
                ok = false;
                continue;
            };
            let field_names: Vec<&str> = spec.fields.keys().map(String::as_str).collect();
            let mut values = BTreeMap::new();
            let mut suggested = vec![];
            for (field_key, field) in fields {
                let Some(field_spec) = spec.fields.get(&field_key.name) else {
                    suggested.extend(self.unknown(field_key, "field", &field_names, Some(&group_key.name)));
                    ok = false;
                    continue;
                };
                match self.number(field, field_spec.kind, &field_key.name) {
                    Some(n) => {
                        values.insert(field_key.name.clone(), n);
                    }
                    None => ok = false,
                }
            }
            for (name, field_spec) in &spec.fields {
                if field_spec.required
                    && !fields.iter().any(|(k, _)| &k.name == name)
                    && !suggested.contains(&name.as_str())
                {
                    self.error(Diagnostic::error(format!("missing field `{name}` in group `{}`", group_key.name)).at(
                        self.source,
                        group_key.span.clone(),
                        format!("this group needs `{name}` ({})", field_spec.kind),
                    ));
                    ok = false;
                }
            }
            groups.insert(group_key.name.clone(), values);
        }
        for (name, spec) in &series.groups {
            let present = entries.iter().any(|(k, _)| &k.name == name);
            if !spec.optional && !present && !suggested_groups.contains(&name.as_str()) {
                self.error(Diagnostic::error(format!("missing group `{name}`")).at(
                    self.source,
                    key.span.clone(),
                    format!("expected a group `{name}:` under `figures`"),
                ));
                ok = false;
            }
        }
        ok.then_some(groups)
    }

    /// A count or an amount of yuan: a whole, non-negative number that fits in 64 bits.
    fn number(&mut self, node: &Node, kind: FieldKind, field: &str) -> Option<u64> {
        let what = match kind {
            FieldKind::Count => "a count",
            FieldKind::Money => "an amount of money",
        };
        let expected = match kind {
            FieldKind::Count => "expected a whole number such as 186",
            FieldKind::Money => "expected whole yuan such as 1350000000",
        };
        let fail = |message: String| Diagnostic::error(message);
        let text = match &node.kind {
            Kind::Scalar { text, quoted: false } if !node.is_null() => text.as_str(),
            Kind::Scalar { text, quoted: true } => {
                self.error(fail(format!("`{field}` is {what}, not text")).at(
                    self.source,
                    node.span.clone(),
                    format!("{expected}, found the text \"{text}\""),
                ));
                return None;
            }
            _ => {
                self.error(fail(format!("`{field}` is {what}")).at(
                    self.source,
                    node.span.clone(),
                    format!("{expected}, found {}", node.describe()),
                ));
                return None;
            }
        };
        if text.bytes().all(|b| b.is_ascii_digit()) {
            return match text.parse::<u64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    self.error(fail(format!("`{field}` is too large to hold")).at(
                        self.source,
                        node.span.clone(),
                        format!("expected at most {}", u64::MAX),
                    ));
                    None
                }
            };
        }
        let number_like = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        if is_grouped_digits(text) {
            let plain: String = text.chars().filter(|&c| c != ',').collect();
            self.error(
                fail(format!("`{field}` is written with commas"))
                    .at(self.source, node.span.clone(), format!("{expected}, found `{text}`"))
                    .note(format!("help: write digits without commas: {plain}")),
            );
            return None;
        }
        let message = match text.strip_prefix('-') {
            Some(rest) if number_like(rest) => format!("`{field}` cannot be negative"),
            _ if number_like(text) => match kind {
                FieldKind::Count => format!("`{field}` must be a whole number"),
                FieldKind::Money => format!("`{field}` must be whole yuan"),
            },
            _ => format!("`{field}` is {what}"),
        };
        self.error(fail(message).at(self.source, node.span.clone(), format!("{expected}, found `{text}`")));
        None
    }

    /// Applies the series' consistency rules to each group that has both fields.
    fn rules(&mut self, figures: &mut Figures, entries: &[(Key, Node)], series: &Series) {
        for rule in &series.rules {
            for (group, values) in &figures.groups {
                let (Some(&left), Some(&right)) = (values.get(&rule.check.left), values.get(&rule.check.right)) else {
                    continue;
                };
                if rule.check.holds(left, right) {
                    continue;
                }
                let span = field_span(entries, group, &rule.check.left).unwrap_or(0..0);
                let message = format!("in group `{group}`, `{}` does not hold", rule.check);
                let label = format!("{} is {left}, {} is {right}", rule.check.left, rule.check.right);
                let diagnostic = match rule.level {
                    Level::Error => Diagnostic::error(message),
                    Level::Warning => Diagnostic::warning(message),
                };
                let diagnostic = diagnostic
                    .at(self.source, span, label)
                    .note(format!("note: the rule is declared in `{}`", series.path.display()));
                match rule.level {
                    Level::Error => self.errors.push(diagnostic),
                    Level::Warning => self.warnings.push(diagnostic),
                }
            }
        }
    }

    fn map<'n>(&mut self, node: &'n Node, expected: &str) -> Option<&'n [(Key, Node)]> {
        match &node.kind {
            Kind::Map(entries) => Some(entries),
            _ => {
                self.error(Diagnostic::error(format!("expected a mapping, found {}", node.describe())).at(
                    self.source,
                    node.span.clone(),
                    expected.to_string(),
                ));
                None
            }
        }
    }

    /// Reports an unknown name; returns the name suggested instead, if any.
    fn unknown<'k>(&mut self, key: &Key, what: &str, known: &[&'k str], group: Option<&str>) -> Option<&'k str> {
        let within = group.map(|g| format!(" in group `{g}`")).unwrap_or_default();
        let mut diagnostic = Diagnostic::error(format!("unknown {what} `{}`{within}", key.name));
        let suggestion = closest(&key.name, known);
        if !key.name.is_empty() && key.name.bytes().all(|b| b.is_ascii_digit()) {
            diagnostic = diagnostic.note("help: a number written with commas? write digits without commas");
        }
        if let Some(best) = suggestion {
            diagnostic = diagnostic.note(format!("help: did you mean `{best}`?"));
        }
        diagnostic = diagnostic.note(format!("note: expected one of {}", list(known)));
        self.error(diagnostic.at(self.source, key.span.clone(), format!("not a {what} of this series")));
        suggestion
    }
}

/// Whether a text is digits grouped by commas (`1,362,000,000`).
pub fn is_grouped_digits(text: &str) -> bool {
    let mut groups = text.split(',');
    let first = groups.next().unwrap_or_default();
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    text.contains(',') && digits(first) && first.len() <= 3 && groups.all(|g| g.len() == 3 && digits(g))
}

/// Where the value of `as_of` stands in a figure file.
pub fn as_of_span(source: &Arc<Source>) -> Option<Range<usize>> {
    let root = yaml::parse(source).ok()?;
    let Kind::Map(entries) = &root.kind else { return None };
    Some(find(entries, "as_of")?.span.clone())
}

/// Where the value of `group.field` stands in a figure file, for a diagnostic.
pub fn value_span(source: &Arc<Source>, group: &str, field: &str) -> Option<Range<usize>> {
    let root = yaml::parse(source).ok()?;
    let Kind::Map(entries) = &root.kind else { return None };
    field_span(entries, group, field)
}

/// Where the value of `group.field` stands.
fn field_span(entries: &[(Key, Node)], group: &str, field: &str) -> Option<Range<usize>> {
    let Kind::Map(groups) = &find(entries, "figures")?.kind else { return None };
    let Kind::Map(fields) = &find(groups, group)?.kind else { return None };
    Some(find(fields, field)?.span.clone())
}

/// The value of a key in a mapping.
fn find<'n>(entries: &'n [(Key, Node)], name: &str) -> Option<&'n Node> {
    entries.iter().find(|(k, _)| k.name == name).map(|(_, v)| v)
}

/// The known name nearest to a misspelt one, if any is near enough to be meant.
fn closest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    let near = |distance: usize, candidate: &str| {
        distance <= (candidate.len() / 3).max(2) || (name.len() >= 3 && candidate.starts_with(name))
    };
    known
        .iter()
        .map(|candidate| (strsim::levenshtein(name, candidate), *candidate))
        .filter(|(distance, candidate)| near(*distance, candidate))
        .min()
        .map(|(_, candidate)| candidate)
}

/// `a`, `b` and `c`.
fn list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.join(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert_eq!(Date::parse("2019-11-15"), Ok(Date { year: 2019, month: 11, day: 15 }));
        assert_eq!(Date::parse("2020-02-29").map(|d| d.day), Ok(29));
        assert_eq!(Date::parse("2019-02-29"), Err("`2019-02-29` is not a date: month 2 of 2019 has 28 days".into()));
        assert_eq!(Date::parse("2019-13-45"), Err("`2019-13-45` is not a date: there is no month 13".into()));
        assert_eq!(Date::parse("2019-1-5"), Err("`2019-1-5` is not a date".into()));
    }

    #[test]
    fn suggests_the_nearest_name() {
        let known = ["cases", "suspects", "detained", "amount_yuan"];
        assert_eq!(closest("suspect", &known), Some("suspects"));
        assert_eq!(closest("amount", &known), Some("amount_yuan"));
        assert_eq!(closest("total", &known), None);
        assert_eq!(closest("detianed", &known), Some("detained"));
    }
}
