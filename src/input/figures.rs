//! Reads one figure file (`data/<series>/<as_of>.yaml`) and validates it against its
//! series' schema, reporting every problem in the file with its line and column.
//!
//! The result is exact: counts and yuan are integers, decimals and percentages are
//! read from the file's text as decimals; no figure passes through floating point on
//! its way into a sentence.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use indexmap::IndexMap;
use rust_decimal::Decimal;

use crate::core::date::Date;
use crate::core::figure::{Figure, Figures};
use crate::core::schema::{FieldKind, FieldSpec, Level, ListSpec, Series};
use crate::diag::{self, Diagnostic, Source};
use crate::input::yaml::{self, Key, Kind, Node};

/// A validated file and the warnings raised while validating it.
#[derive(Debug)]
pub struct Checked {
    /// The figures.
    pub figures: Figures,
    /// Broken rules of warning level.
    pub warnings: Vec<Diagnostic>,
    /// Figures that look like a slip against the period before (a zero added or
    /// dropped, a file copied and not edited): warnings that stop `publish` unless the
    /// user accepts them by name.
    pub guards: Vec<Guard>,
}

/// A warning that stops publication until accepted: `publish --accept NAME`.
#[derive(Debug, Clone)]
pub struct Guard {
    /// What `--accept` names: `group.field`, or `unchanged` for a copied file.
    pub name: String,
    /// The warning.
    pub warning: Diagnostic,
}

/// Validates a figure file's text against `series`; `stem` is the file name without
/// `.yaml`, which `as_of` must equal.
pub fn check(source: &Arc<Source>, series: &Series, stem: &str) -> Result<Checked, Vec<Diagnostic>> {
    let root = yaml::parse(source).map_err(|errors| diag::cap(errors, &source.path))?;
    let mut v = Validator { source, errors: vec![], warnings: vec![] };
    let figures = v.root(&root, series, stem);
    match figures {
        Some(figures) if v.errors.is_empty() => {
            Ok(Checked { figures, warnings: diag::cap(v.warnings, &source.path), guards: vec![] })
        }
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
        self.rules(&mut figures, root, series);
        self.totals(&figures, root, series);
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

    fn groups(
        &mut self,
        key: &Key,
        value: &Node,
        series: &Series,
    ) -> Option<BTreeMap<String, BTreeMap<String, Figure>>> {
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
            let place = Place::Group { series, group: &group_key.name };
            match self.record(fields, &spec.fields, group_key, &place) {
                Some(values) => {
                    groups.insert(group_key.name.clone(), values.into_iter().collect());
                }
                None => ok = false,
            }
        }
        for (name, spec) in &series.groups {
            let present = entries.iter().any(|(k, _)| &k.name == name);
            if !spec.optional && !present && !suggested_groups.contains(&name.as_str()) {
                let label = spec.label.as_ref().map(|l| format!(" ({l})")).unwrap_or_default();
                self.error(Diagnostic::error(format!("missing group `{name}`{label}")).at(
                    self.source,
                    key.span.clone(),
                    format!("expected a group `{name}:` under `figures`"),
                ));
                ok = false;
            }
        }
        ok.then_some(groups)
    }

    /// The fields of a group or of a list's record, checked against their specs;
    /// `owner` is the key (or list item) they belong to.
    fn record(
        &mut self,
        fields: &[(Key, Node)],
        specs: &IndexMap<String, FieldSpec>,
        owner: &Key,
        place: &Place<'_>,
    ) -> Option<IndexMap<String, Figure>> {
        let field_names: Vec<&str> = specs.keys().map(String::as_str).collect();
        let mut values = IndexMap::new();
        let mut ok = true;
        let mut suggested = vec![];
        for (field_key, field) in fields {
            let Some(field_spec) = specs.get(&field_key.name) else {
                suggested.extend(self.unknown(field_key, "field", &field_names, Some(&place.owner())));
                ok = false;
                continue;
            };
            match self.value(field, field_spec, &place.named(&field_key.name)) {
                Some(value) => {
                    values.insert(field_key.name.clone(), value);
                }
                None => ok = false,
            }
        }
        for (name, field_spec) in specs {
            if field_spec.required
                && !fields.iter().any(|(k, _)| &k.name == name)
                && !suggested.contains(&name.as_str())
            {
                let what = place.bare(name);
                self.error(Diagnostic::error(format!("missing field {what} in {}", place.owner())).at(
                    self.source,
                    owner.span.clone(),
                    format!("this {} needs `{name}` ({})", place.noun(), field_spec.kind),
                ));
                ok = false;
            }
        }
        // Schema order, whatever order the file writes them in.
        let ordered = specs.keys().filter_map(|name| Some((name.clone(), values.swap_remove(name)?))).collect();
        ok.then_some(ordered)
    }

    /// One value, checked against its kind.
    fn value(&mut self, node: &Node, spec: &FieldSpec, field: &str) -> Option<Figure> {
        match &spec.kind {
            FieldKind::Count | FieldKind::Money => self.number(node, &spec.kind, field).map(Figure::Whole),
            FieldKind::Signed => self.signed(node, field).map(Figure::Signed),
            FieldKind::Decimal(places) | FieldKind::Percent(places) => {
                self.decimal(node, &spec.kind, *places, field).map(Figure::Decimal)
            }
            FieldKind::Text(length) => self.text(node, *length, field).map(Figure::Text),
            FieldKind::Date => self.date(node, field).map(Figure::Date),
            FieldKind::List(list) => self.list(node, list, field).map(Figure::List),
        }
    }

    /// A date that exists, as `YYYY-MM-DD`.
    fn date(&mut self, node: &Node, field: &str) -> Option<Date> {
        let text = self.scalar(node, field, "a date", "expected a date such as 2021-12-31")?;
        match Date::parse(text) {
            Ok(date) => Some(date),
            Err(message) => {
                self.error(Diagnostic::error(format!("{field}: {message}")).at(
                    self.source,
                    node.span.clone(),
                    "expected a real date, as YYYY-MM-DD",
                ));
                None
            }
        }
    }

    /// A list of records, as many as the list allows, each checked.
    fn list(&mut self, node: &Node, list: &ListSpec, field: &str) -> Option<Vec<IndexMap<String, Figure>>> {
        let Kind::Seq(items) = &node.kind else {
            self.error(Diagnostic::error(format!("{field} is a list")).at(
                self.source,
                node.span.clone(),
                format!("expected a list of records, one `- {{…}}` a line; found {}", node.describe()),
            ));
            return None;
        };
        if items.len() < list.min || items.len() > list.max {
            let bounds = if list.min == list.max {
                format!("exactly {}", list.min)
            } else {
                format!("from {} to {}", list.min, list.max)
            };
            self.error(Diagnostic::error(format!("{field} holds {} records", items.len())).at(
                self.source,
                node.span.clone(),
                format!("expected {bounds} records"),
            ));
            return None;
        }
        let mut records = vec![];
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let Some(entries) = self.map(item, "expected a record such as `{name: …, amount_yuan: …}`") else {
                ok = false;
                continue;
            };
            let owner = Key { name: String::new(), span: item.span.clone() };
            let place = Place::Record { list: field, index: i, fields: &list.fields };
            match self.record(entries, &list.fields, &owner, &place) {
                Some(record) => records.push(record),
                None => ok = false,
            }
        }
        if ok && let Some(key) = &list.key {
            ok = self.unique_keys(&records, items, key, field);
        }
        ok.then_some(records)
    }

    /// Whether every record of a list has its own key (a correction names a record by
    /// it); an error at the record that repeats one.
    fn unique_keys(&mut self, records: &[IndexMap<String, Figure>], items: &[Node], key: &str, field: &str) -> bool {
        let mut seen = std::collections::BTreeSet::new();
        let mut ok = true;
        for (record, item) in records.iter().zip(items) {
            let Some(value) = record.get(key).map(Figure::to_string) else { continue };
            if !seen.insert(value.clone()) {
                self.error(Diagnostic::error(format!("two records of {field} have the {key} {value}")).at(
                    self.source,
                    item.span.clone(),
                    format!("`{key}` names a record: each record needs its own"),
                ));
                ok = false;
            }
        }
        ok
    }

    /// A count or an amount of yuan: a whole, non-negative number that fits in 64 bits.
    fn number(&mut self, node: &Node, kind: &FieldKind, field: &str) -> Option<u64> {
        let (what, expected) = match kind {
            FieldKind::Money => ("an amount of money", "expected whole yuan such as 1350000000"),
            _ => ("a count", "expected a whole number such as 186"),
        };
        let text = self.scalar(node, field, what, expected)?;
        if self.leading_zero(node, text, field) {
            return None;
        }
        if text.bytes().all(|b| b.is_ascii_digit()) {
            return match text.parse::<u64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    self.too_large(node, field, &u64::MAX.to_string());
                    None
                }
            };
        }
        if self.grouped(node, text, field, expected) {
            return None;
        }
        let number_like = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        let message = match text.strip_prefix('-') {
            Some(rest) if number_like(rest) => format!("{field} cannot be negative"),
            _ if number_like(text) => match kind {
                FieldKind::Money => format!("{field} must be whole yuan"),
                _ => format!("{field} must be a whole number"),
            },
            _ => format!("{field} is {what}"),
        };
        self.error(Diagnostic::error(message).at(
            self.source,
            node.span.clone(),
            format!("{expected}, found `{text}`"),
        ));
        None
    }

    /// A whole number that may be negative.
    fn signed(&mut self, node: &Node, field: &str) -> Option<i64> {
        let expected = "expected a whole number such as -16";
        let text = self.scalar(node, field, "a whole number", expected)?;
        let digits = text.strip_prefix('-').unwrap_or(text);
        if self.leading_zero(node, digits, field) {
            return None;
        }
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            return match text.parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    self.too_large(node, field, &i64::MAX.to_string());
                    None
                }
            };
        }
        if !self.grouped(node, digits, field, expected) {
            self.error(Diagnostic::error(format!("{field} must be a whole number")).at(
                self.source,
                node.span.clone(),
                format!("{expected}, found `{text}`"),
            ));
        }
        None
    }

    /// A decimal or a percentage with at most `places` places, read from its text.
    fn decimal(&mut self, node: &Node, kind: &FieldKind, places: u32, field: &str) -> Option<Decimal> {
        let percent = matches!(kind, FieldKind::Percent(_));
        let example = match (percent, places) {
            (true, 0) => "8".to_string(),
            (true, n) => format!("8.{}", "37".chars().cycle().take(n as usize).collect::<String>()),
            (false, 0) => "3".to_string(),
            (false, n) => format!("-0.{}", "5".repeat(n as usize)),
        };
        let what = if percent { "a percentage" } else { "a decimal" };
        let expected = format!("expected {what} with at most {places} places, such as {example}");
        let text = self.scalar(node, field, what, &expected)?;
        if percent && let Some(bare) = text.strip_suffix('%') {
            self.error(
                Diagnostic::error(format!("{field} is written with `%`"))
                    .at(self.source, node.span.clone(), format!("{expected}, found `{text}`"))
                    .note(format!("help: the kind says it is a percentage; write {bare}")),
            );
            return None;
        }
        let unsigned = text.strip_prefix('-').unwrap_or(text);
        let (whole, fraction) = unsigned.split_once('.').map_or((unsigned, ""), |(w, f)| (w, f));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        let well_formed =
            !whole.is_empty() && digits(whole) && digits(fraction) && !(unsigned.contains('.') && fraction.is_empty());
        if !well_formed {
            if !self.grouped(node, unsigned, field, &expected) {
                self.error(Diagnostic::error(format!("{field} is {what}")).at(
                    self.source,
                    node.span.clone(),
                    format!("{expected}, found `{text}`"),
                ));
            }
            return None;
        }
        if self.leading_zero(node, unsigned, field) {
            return None;
        }
        if fraction.len() > places as usize {
            let places_word = if places == 1 { "place".to_string() } else { "places".to_string() };
            self.error(
                Diagnostic::error(format!("{field} has {} decimal places, more than {places}", fraction.len()))
                    .at(
                        self.source,
                        node.span.clone(),
                        format!("expected at most {places} {places_word}, such as {example}"),
                    )
                    .note(format!("note: the series declares it `{kind}`")),
            );
            return None;
        }
        match Decimal::from_str_exact(text) {
            Ok(value) => Some(value),
            Err(_) => {
                self.too_large(node, field, "28 digits");
                None
            }
        }
    }

    /// One paragraph of prose of at most `length` characters.
    fn text(&mut self, node: &Node, length: usize, field: &str) -> Option<String> {
        let Kind::Scalar { text, .. } = &node.kind else {
            self.error(Diagnostic::error(format!("{field} is text")).at(
                self.source,
                node.span.clone(),
                format!("expected one paragraph of text, found {}", node.describe()),
            ));
            return None;
        };
        let trimmed = text.trim();
        let count = trimmed.chars().count();
        let problem = if node.is_null() || trimmed.is_empty() {
            Some(("is empty".to_string(), "expected a paragraph of text".to_string()))
        } else if trimmed.contains(['\n', '\r', '\u{2028}', '\u{2029}']) {
            Some(("is more than one line".to_string(), "a text field is one paragraph on one line".to_string()))
        } else if count > length {
            Some((format!("is {count} characters long"), format!("expected at most {length} characters")))
        } else if let Some(c) = trimmed.chars().find(|&c| is_invisible(c)) {
            Some((format!("holds the invisible character U+{:04X}", u32::from(c)), "remove it".to_string()))
        } else if trimmed.contains('|') {
            Some((
                "holds `|`, which would split a table's cell".to_string(),
                "write the full-width `｜` instead".to_string(),
            ))
        } else {
            inline_problem(trimmed)
                .map(|problem| (problem, "a text field is prose with **bold** or *italic* at most".to_string()))
        };
        if let Some((message, label)) = problem {
            self.error(Diagnostic::error(format!("{field} {message}")).at(self.source, node.span.clone(), label));
            return None;
        }
        Some(trimmed.to_string())
    }

    /// A plain scalar's text, or an error saying what the field is.
    fn scalar<'n>(&mut self, node: &'n Node, field: &str, what: &str, expected: &str) -> Option<&'n str> {
        match &node.kind {
            Kind::Scalar { text, quoted: false } if !node.is_null() => Some(text.as_str()),
            Kind::Scalar { text, quoted: true } => {
                self.error(Diagnostic::error(format!("{field} is {what}, not text")).at(
                    self.source,
                    node.span.clone(),
                    format!("{expected}, found the text \"{text}\""),
                ));
                None
            }
            _ => {
                self.error(Diagnostic::error(format!("{field} is {what}")).at(
                    self.source,
                    node.span.clone(),
                    format!("{expected}, found {}", node.describe()),
                ));
                None
            }
        }
    }

    /// Reports digits grouped by commas; whether it did.
    fn grouped(&mut self, node: &Node, text: &str, field: &str, expected: &str) -> bool {
        let whole = text.split('.').next().unwrap_or(text);
        if !is_grouped_digits(whole) {
            return false;
        }
        let plain: String = text.chars().filter(|&c| c != ',').collect();
        self.error(
            Diagnostic::error(format!("{field} is written with commas"))
                .at(self.source, node.span.clone(), format!("{expected}, found `{text}`"))
                .note(format!("help: write digits without commas: {plain}")),
        );
        true
    }

    /// Reports a whole part written with leading zeros (`0123`, which YAML 1.1 reads
    /// as octal); whether it did.
    fn leading_zero(&mut self, node: &Node, digits: &str, field: &str) -> bool {
        let whole = digits.split('.').next().unwrap_or(digits);
        if whole.len() < 2 || !whole.starts_with('0') || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        let plain = digits.trim_start_matches('0');
        let plain = if plain.is_empty() || plain.starts_with('.') { format!("0{plain}") } else { plain.to_string() };
        self.error(
            Diagnostic::error(format!("{field} is written with a leading zero"))
                .at(self.source, node.span.clone(), "other readers take a leading zero for an octal number")
                .note(format!("help: write {plain}")),
        );
        true
    }

    fn too_large(&mut self, node: &Node, field: &str, limit: &str) {
        self.error(Diagnostic::error(format!("{field} is too large to hold")).at(
            self.source,
            node.span.clone(),
            format!("expected at most {limit}"),
        ));
    }

    /// Reports a headline total too large to hold, at the figure that makes it so.
    fn totals(&mut self, figures: &Figures, root: &Node, series: &Series) {
        let Some(spec) = &series.totals else { return };
        for field in &spec.fields {
            let mut sum: u64 = 0;
            for group in &spec.groups {
                let value = figures.get(group, field).unwrap_or(0);
                let Some(more) = sum.checked_add(value) else {
                    let span = root.locate(&["figures", group, field]).unwrap_or(0..0);
                    let label = "with this figure the total is more than a figure can hold";
                    self.error(
                        Diagnostic::error(format!("the total of `{field}` is too large to hold"))
                            .at(self.source, span, label)
                            .note("help: a figure has digits too many; check it against the source"),
                    );
                    break;
                };
                sum = more;
            }
        }
    }

    /// Applies the series' consistency rules to each group that has both fields.
    fn rules(&mut self, figures: &mut Figures, root: &Node, series: &Series) {
        for rule in &series.rules {
            for (group, values) in &figures.groups {
                let number = |field: &str| values.get(field).and_then(Figure::number);
                let (Some(left), Some(right)) = (number(&rule.check.left), number(&rule.check.right)) else {
                    continue;
                };
                if rule.check.holds(left, right) {
                    continue;
                }
                let span = root.locate(&["figures", group, &rule.check.left]).unwrap_or(0..0);
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

    /// Reports an unknown name (`within` a group or record); returns the name
    /// suggested instead, if any.
    fn unknown<'k>(&mut self, key: &Key, what: &str, known: &[&'k str], within: Option<&str>) -> Option<&'k str> {
        let within = within.map(|w| format!(" in {w}")).unwrap_or_default();
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

/// Where a field stands, to name it in a message.
enum Place<'a> {
    /// In a group of the figures.
    Group { series: &'a Series, group: &'a str },
    /// In a record of a list field (`list` is the list as named).
    Record { list: &'a str, index: usize, fields: &'a IndexMap<String, FieldSpec> },
}

impl Place<'_> {
    /// The field as a message names it: `cases` (食品類 破獲案件數).
    fn named(&self, field: &str) -> String {
        match self {
            Self::Group { series, group } => series.named(group, field),
            Self::Record { list, index, fields } => match fields.get(field).and_then(|f| f.label.as_ref()) {
                Some(label) => format!("`{field}` ({label}) of record {} of {list}", index + 1),
                None => format!("`{field}` of record {} of {list}", index + 1),
            },
        }
    }

    /// A field as named beside its owner (`missing field … in record 2 of …`).
    fn bare(&self, field: &str) -> String {
        match self {
            Self::Group { .. } => self.named(field),
            Self::Record { fields, .. } => match fields.get(field).and_then(|f| f.label.as_ref()) {
                Some(label) => format!("`{field}` ({label})"),
                None => format!("`{field}`"),
            },
        }
    }

    /// `group` or `record`.
    fn noun(&self) -> &'static str {
        match self {
            Self::Group { .. } => "group",
            Self::Record { .. } => "record",
        }
    }

    /// What holds the field: group `food` (食品類), record 2 of `cases`.
    fn owner(&self) -> String {
        match self {
            Self::Group { series, group } => match series.group_label(group) {
                Some(label) => format!("group `{group}` ({label})"),
                None => format!("group `{group}`"),
            },
            Self::Record { list, index, .. } => format!("record {} of {list}", index + 1),
        }
    }
}

/// What is wrong with a text field as Markdown, if anything: it must read as one
/// paragraph of text with bold, italic or code at most, wherever a template puts
/// it (no heading, list, quote, table, link, image or HTML, which would change the
/// page around it or reach the reader unchecked).
fn inline_problem(text: &str) -> Option<String> {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let mut paragraphs = 0;
    for event in crate::core::markdown::parser(text) {
        let problem = match &event {
            Event::Start(Tag::Paragraph) => {
                paragraphs += 1;
                None
            }
            Event::Start(Tag::Strong | Tag::Emphasis) | Event::Text(_) | Event::Code(_) | Event::SoftBreak => None,
            Event::End(TagEnd::Paragraph | TagEnd::Strong | TagEnd::Emphasis) => None,
            Event::Start(Tag::Link { .. }) => Some("holds a link"),
            Event::Start(Tag::Image { .. }) => Some("holds an image"),
            Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::HtmlBlock) => Some("holds HTML"),
            Event::Start(Tag::Heading { .. }) => Some("would start a heading"),
            Event::Start(Tag::List(_) | Tag::Item) => Some("would start a list"),
            Event::Start(Tag::BlockQuote(_)) => Some("would start a quote"),
            Event::Start(Tag::CodeBlock(_)) => Some("would start a code block"),
            Event::Start(Tag::Table(_)) => Some("would start a table"),
            Event::Rule => Some("would draw a rule"),
            _ => Some("is not plain prose"),
        };
        if let Some(problem) = problem {
            return Some(problem.to_string());
        }
    }
    // A link definition (`[注]: …`) parses to nothing at all.
    (paragraphs != 1).then(|| "does not read as a paragraph of text".to_string())
}

/// Characters a reader cannot see: controls, direction marks and overrides, zero
/// widths, the byte-order mark.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
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
    yaml::parse(source).ok()?.locate(&["as_of"])
}

/// Where the value of `group.field` stands in a figure file, for a diagnostic.
pub fn value_span(source: &Arc<Source>, group: &str, field: &str) -> Option<Range<usize>> {
    yaml::parse(source).ok()?.locate(&["figures", group, field])
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
    fn suggests_the_nearest_name() {
        let known = ["cases", "suspects", "detained", "amount_yuan"];
        assert_eq!(closest("suspect", &known), Some("suspects"));
        assert_eq!(closest("amount", &known), Some("amount_yuan"));
        assert_eq!(closest("total", &known), None);
        assert_eq!(closest("detianed", &known), Some("detained"));
    }
}
