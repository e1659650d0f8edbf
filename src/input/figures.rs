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
use crate::core::schema::{Check, FieldKind, FieldSpec, Level, ListSpec, Series};
use crate::diag::{self, Diagnostic, Source, is_invisible};
use crate::i18n::{Text, t};
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

impl Checked {
    /// Every warning a build says: the broken rules of warning level, then the guards'.
    pub fn all_warnings(&self) -> Vec<Diagnostic> {
        self.warnings.iter().cloned().chain(self.guards.iter().map(|g| g.warning.clone())).collect()
    }
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
        let entries = self.map(root, t!("expected-as-of-and-figures"))?;
        let known = ["as_of", "figures"];
        let mut as_of = None;
        let mut groups = None;
        for (key, value) in entries {
            match key.name.as_str() {
                "as_of" => as_of = self.as_of(value, stem),
                "figures" => groups = self.groups(key, value, series),
                _ => {
                    self.unknown(key, Unknown::TopLevelKey, &known, None);
                }
            }
        }
        let end = self.source.text.len();
        for (name, found, example) in [
            ("as_of", entries.iter().any(|(k, _)| k.name == "as_of"), "as_of: 2019-11-15"),
            ("figures", entries.iter().any(|(k, _)| k.name == "figures"), "figures:"),
        ] {
            if !found {
                self.error(Diagnostic::error(t!("figures-missing-top", name = name)).at(
                    self.source,
                    end..end,
                    t!("figures-expected-line", example = example),
                ));
            }
        }
        if let (Some(date), Some((_, value))) = (as_of, entries.iter().find(|(k, _)| k.name == "as_of")) {
            self.period_end(value.span.clone(), date, series);
        }
        let mut figures = Figures { as_of: as_of?, groups: groups? };
        self.rules(&mut figures, root, series);
        self.totals(&figures, root, series);
        Some(figures)
    }

    fn as_of(&mut self, value: &Node, stem: &str) -> Option<Date> {
        let Kind::Scalar { text, .. } = &value.kind else {
            self.error(Diagnostic::error(t!("figures-as-of-not-date")).at(
                self.source,
                value.span.clone(),
                t!("figures-expected-date-found", found = value.describe()),
            ));
            return None;
        };
        let date = match Date::parse(text) {
            Ok(date) => date,
            Err(message) => {
                self.error(Diagnostic::error(message).at(
                    self.source,
                    value.span.clone(),
                    t!("figures-expected-real-date"),
                ));
                return None;
            }
        };
        if date.to_string() != stem {
            self.error(
                Diagnostic::error(t!("figures-as-of-mismatch", date = date.to_string(), stem = stem))
                    .at(self.source, value.span.clone(), t!("figures-as-of-mismatch-label", stem = stem))
                    .help(t!("figures-as-of-mismatch-help")),
            );
        }
        Some(date)
    }

    /// Warns of a date that is not its period's last day, for a series that declares
    /// its period (a monthly release dated the 15th): `new` and the comparisons with
    /// last year take a period to end on it.
    fn period_end(&mut self, span: Range<usize>, date: Date, series: &Series) {
        let Some(end) = series.period.end(date).filter(|&end| end != date) else { return };
        let (date, end, period) = (date.to_string(), end.to_string(), series.period.to_string());
        self.warnings.push(
            Diagnostic::warning(t!("figures-as-of-not-period-end", date = &date, period = &period))
                .at(self.source, span, t!("figures-as-of-not-period-end-label", end = &end))
                .help(t!("figures-as-of-not-period-end-help", end = &end)),
        );
    }

    fn groups(
        &mut self,
        key: &Key,
        value: &Node,
        series: &Series,
    ) -> Option<BTreeMap<String, BTreeMap<String, Figure>>> {
        let entries = self.map(value, t!("figures-expected-groups"))?;
        let names: Vec<&str> = series.groups.keys().map(String::as_str).collect();
        let mut groups = BTreeMap::new();
        let mut ok = true;
        // A misspelt name is reported once, as unknown with a suggestion, not again
        // as the missing name it was meant to be.
        let mut suggested_groups = vec![];
        for (group_key, group) in entries {
            let Some(spec) = series.groups.get(&group_key.name) else {
                suggested_groups.extend(self.unknown(group_key, Unknown::Group, &names, None));
                ok = false;
                continue;
            };
            let Some(fields) = self.map(group, t!("figures-expected-group-fields")) else {
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
                let message = match &spec.label {
                    Some(label) => t!("figures-missing-group-labelled", name = name, label = label),
                    None => t!("figures-missing-group", name = name),
                };
                self.error(Diagnostic::error(message).at(
                    self.source,
                    key.span.clone(),
                    t!("figures-expected-group", name = name),
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
                suggested.extend(self.unknown(field_key, Unknown::Field, &field_names, Some(&place.owner())));
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
                let (what, kind) = (place.bare(name), field_spec.kind.to_string());
                let label = match place {
                    Place::Group { .. } => t!("figures-group-needs", name = name, kind = kind),
                    Place::Record { .. } => t!("figures-record-needs", name = name, kind = kind),
                };
                self.error(Diagnostic::error(t!("figures-missing-field", what = what, owner = place.owner())).at(
                    self.source,
                    owner.span.clone(),
                    label,
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
        let text = self.scalar(node, field, &t!("figures-a-date"), &t!("figures-expected-date"))?;
        match Date::parse(text) {
            Ok(date) => Some(date),
            Err(message) => {
                self.error(Diagnostic::error(t!("figures-field-problem", field = field, problem = message)).at(
                    self.source,
                    node.span.clone(),
                    t!("figures-expected-real-date"),
                ));
                None
            }
        }
    }

    /// A list of records, as many as the list allows, each checked.
    fn list(&mut self, node: &Node, list: &ListSpec, field: &str) -> Option<Vec<IndexMap<String, Figure>>> {
        let Kind::Seq(items) = &node.kind else {
            self.error(Diagnostic::error(t!("figures-is-a-list", field = field)).at(
                self.source,
                node.span.clone(),
                t!("figures-expected-records", found = node.describe()),
            ));
            return None;
        };
        if items.len() < list.min || items.len() > list.max {
            let label = if list.min == list.max {
                t!("figures-records-exactly", count = list.min)
            } else {
                t!("figures-records-between", min = list.min, max = list.max)
            };
            self.error(Diagnostic::error(t!("figures-holds-records", field = field, count = items.len())).at(
                self.source,
                node.span.clone(),
                label,
            ));
            return None;
        }
        let mut records = vec![];
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let Some(entries) = self.map(item, t!("figures-expected-record")) else {
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
                self.error(
                    Diagnostic::error(t!("figures-duplicate-record", field = field, key = key, value = value)).at(
                        self.source,
                        item.span.clone(),
                        t!("figures-duplicate-record-label", key = key),
                    ),
                );
                ok = false;
            }
        }
        ok
    }

    /// A count or an amount of yuan: a whole, non-negative number that fits in 64 bits.
    fn number(&mut self, node: &Node, kind: &FieldKind, field: &str) -> Option<u64> {
        let (what, expected) = match kind {
            FieldKind::Money => (t!("figures-an-amount"), t!("figures-expected-yuan")),
            _ => (t!("figures-a-count"), t!("figures-expected-whole")),
        };
        let text = self.scalar(node, field, &what, &expected)?;
        if self.leading_zero(node, text, field) || self.unusual_digits(node, text, field, &expected) {
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
        if self.grouped(node, text, field, &expected) {
            return None;
        }
        let number_like = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        let message = match text.strip_prefix('-') {
            Some(rest) if number_like(rest) => t!("figures-negative", field = field),
            _ if number_like(text) => match kind {
                FieldKind::Money => t!("figures-whole-yuan", field = field),
                _ => t!("figures-whole-number", field = field),
            },
            _ => t!("figures-is-what", field = field, what = what),
        };
        self.error(Diagnostic::error(message).at(
            self.source,
            node.span.clone(),
            t!("found-text", expected = expected, text = text),
        ));
        None
    }

    /// A whole number that may be negative.
    fn signed(&mut self, node: &Node, field: &str) -> Option<i64> {
        let expected = t!("figures-expected-signed");
        let text = self.scalar(node, field, &t!("figures-a-whole-number"), &expected)?;
        let digits = text.strip_prefix('-').unwrap_or(text);
        if self.leading_zero(node, digits, field) || self.unusual_digits(node, text, field, &expected) {
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
        if !self.grouped(node, digits, field, &expected) {
            self.error(Diagnostic::error(t!("figures-whole-number", field = field)).at(
                self.source,
                node.span.clone(),
                t!("found-text", expected = &expected, text = text),
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
        let what = if percent { t!("figures-a-percentage") } else { t!("figures-a-decimal") };
        let expected = t!("figures-expected-decimal", what = &what, places = places, example = &example);
        let text = self.scalar(node, field, &what, &expected)?;
        if (percent && self.percent_sign(node, text, field, &expected))
            || self.unusual_digits(node, text, field, &expected)
        {
            return None;
        }
        let unsigned = text.strip_prefix('-').unwrap_or(text);
        let (whole, fraction) = unsigned.split_once('.').map_or((unsigned, ""), |(w, f)| (w, f));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        let well_formed =
            !whole.is_empty() && digits(whole) && digits(fraction) && !(unsigned.contains('.') && fraction.is_empty());
        if !well_formed {
            if !self.grouped(node, unsigned, field, &expected) {
                self.error(Diagnostic::error(t!("figures-is-what", field = field, what = &what)).at(
                    self.source,
                    node.span.clone(),
                    t!("found-text", expected = &expected, text = text),
                ));
            }
            return None;
        }
        if self.leading_zero(node, unsigned, field) {
            return None;
        }
        if fraction.len() > places as usize {
            self.error(
                Diagnostic::error(t!(
                    "figures-too-many-places",
                    field = field,
                    count = fraction.len(),
                    places = places
                ))
                .at(self.source, node.span.clone(), t!("figures-at-most-places", places = places, example = example))
                .noting(t!("figures-declared-as", kind = kind.to_string())),
            );
            return None;
        }
        match Decimal::from_str_exact(text) {
            Ok(value) => Some(value),
            Err(_) => {
                self.too_large(node, field, &t!("figures-28-digits").text);
                None
            }
        }
    }

    /// Reports a percentage written with its `%` (the kind says it is one); whether it did.
    fn percent_sign(&mut self, node: &Node, text: &str, field: &str, expected: &Text) -> bool {
        let Some(bare) = text.strip_suffix('%') else { return false };
        self.error(
            Diagnostic::error(t!("figures-percent-sign", field = field))
                .at(self.source, node.span.clone(), t!("found-text", expected = expected, text = text))
                .help(t!("figures-percent-sign-help", bare = bare)),
        );
        true
    }

    /// One paragraph of prose of at most `length` characters.
    fn text(&mut self, node: &Node, length: usize, field: &str) -> Option<String> {
        let Kind::Scalar { text, .. } = &node.kind else {
            self.error(Diagnostic::error(t!("figures-is-text", field = field)).at(
                self.source,
                node.span.clone(),
                t!("figures-expected-paragraph-found", found = node.describe()),
            ));
            return None;
        };
        let trimmed = text.trim();
        let count = trimmed.chars().count();
        let problem = if node.is_null() || trimmed.is_empty() {
            Some((t!("figures-text-empty", field = field), t!("figures-expected-paragraph")))
        } else if trimmed.contains(['\n', '\r', '\u{2028}', '\u{2029}']) {
            Some((t!("figures-text-lines", field = field), t!("figures-text-lines-label")))
        } else if count > length {
            Some((
                t!("figures-text-long", field = field, count = count),
                t!("figures-text-long-label", length = length),
            ))
        } else if let Some(c) = trimmed.chars().find(|&c| is_invisible(c)) {
            let code = format!("U+{:04X}", u32::from(c));
            Some((t!("figures-text-invisible", field = field, code = code), t!("figures-text-invisible-label")))
        } else if trimmed.contains('|') {
            Some((t!("figures-text-bar", field = field), t!("figures-text-bar-label")))
        } else {
            inline_problem(trimmed).map(|problem| {
                (t!("figures-text-problem", field = field, problem = problem), t!("figures-text-prose-label"))
            })
        };
        if let Some((message, label)) = problem {
            self.error(Diagnostic::error(message).at(self.source, node.span.clone(), label));
            return None;
        }
        Some(trimmed.to_string())
    }

    /// A plain scalar's text, or an error saying what the field is.
    fn scalar<'n>(&mut self, node: &'n Node, field: &str, what: &Text, expected: &Text) -> Option<&'n str> {
        match &node.kind {
            Kind::Scalar { text, quoted: false } if !node.is_null() => Some(text.as_str()),
            Kind::Scalar { text, quoted: true } => {
                self.error(Diagnostic::error(t!("figures-not-text", field = field, what = what)).at(
                    self.source,
                    node.span.clone(),
                    t!("found-quoted", expected = expected, text = text),
                ));
                None
            }
            _ => {
                self.error(Diagnostic::error(t!("figures-is-what", field = field, what = what)).at(
                    self.source,
                    node.span.clone(),
                    t!("found-node", expected = expected, found = node.describe()),
                ));
                None
            }
        }
    }

    /// Reports digits grouped by commas; whether it did.
    fn grouped(&mut self, node: &Node, text: &str, field: &str, expected: &Text) -> bool {
        let whole = text.split('.').next().unwrap_or(text);
        if !is_grouped_digits(whole) {
            return false;
        }
        let plain: String = text.chars().filter(|&c| c != ',').collect();
        self.error(
            Diagnostic::error(t!("figures-commas", field = field))
                .at(self.source, node.span.clone(), t!("found-text", expected = expected, text = text))
                .help(t!("figures-commas-help", plain = plain)),
        );
        true
    }

    /// Reports a number typed the way a person writes it and the file cannot read:
    /// full-width digits (`１９５`), or a count of 萬 or 億 (`13.62億`), with the
    /// digits meant; whether it did.
    fn unusual_digits(&mut self, node: &Node, text: &str, field: &str, expected: &Text) -> bool {
        let help = if let Some(plain) = half_width(text) {
            (Diagnostic::error(t!("figures-full-width", field = field)), t!("figures-full-width-help", plain = plain))
        } else if let Some(exact) = in_myriads(text) {
            (
                Diagnostic::error(t!("figures-myriads", field = field)),
                t!("figures-myriads-help", text = text, exact = exact),
            )
        } else {
            return false;
        };
        let (diagnostic, help) = help;
        self.error(
            diagnostic
                .at(self.source, node.span.clone(), t!("found-text", expected = expected, text = text))
                .help(help),
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
            Diagnostic::error(t!("figures-leading-zero", field = field))
                .at(self.source, node.span.clone(), t!("figures-leading-zero-label"))
                .help(t!("figures-leading-zero-help", plain = plain)),
        );
        true
    }

    fn too_large(&mut self, node: &Node, field: &str, limit: &str) {
        self.error(Diagnostic::error(t!("figures-too-large", field = field)).at(
            self.source,
            node.span.clone(),
            t!("figures-at-most", limit = limit),
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
                    self.error(
                        Diagnostic::error(t!("figures-total-too-large", field = field))
                            .at(self.source, span, t!("figures-total-too-large-label"))
                            .help(t!("figures-total-too-large-help")),
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
                let message = broken_rule(series, group, values, &rule.check);
                let label = t!(
                    "rule-broken-label",
                    left = &rule.check.left,
                    left_value = left.to_string(),
                    right = &rule.check.right,
                    right_value = right.to_string()
                );
                let diagnostic = match rule.level {
                    Level::Error => Diagnostic::error(message),
                    Level::Warning => Diagnostic::warning(message),
                };
                let diagnostic =
                    diagnostic.at(self.source, span, label).noting(t!("rule-declared-in", path = &series.path));
                match rule.level {
                    Level::Error => self.errors.push(diagnostic),
                    Level::Warning => self.warnings.push(diagnostic),
                }
            }
        }
    }

    fn map<'n>(&mut self, node: &'n Node, expected: Text) -> Option<&'n [(Key, Node)]> {
        match &node.kind {
            Kind::Map(entries) => Some(entries),
            _ => {
                self.error(Diagnostic::error(t!("figures-expected-mapping", found = node.describe())).at(
                    self.source,
                    node.span.clone(),
                    expected,
                ));
                None
            }
        }
    }

    /// Reports an unknown name (`within` a group or record); returns the name
    /// suggested instead, if any.
    fn unknown<'k>(&mut self, key: &Key, what: Unknown, known: &[&'k str], within: Option<&str>) -> Option<&'k str> {
        let name = &key.name;
        let (message, label) = match (what, within) {
            (Unknown::TopLevelKey, _) => {
                (t!("figures-unknown-top-level-key", name = name), t!("figures-not-a-top-level-key"))
            }
            (Unknown::Group, _) => (t!("figures-unknown-group", name = name), t!("figures-not-a-group")),
            (Unknown::Field, Some(within)) => {
                (t!("figures-unknown-field-in", name = name, within = within), t!("figures-not-a-field"))
            }
            (Unknown::Field, None) => (t!("figures-unknown-field", name = name), t!("figures-not-a-field")),
        };
        let mut diagnostic = Diagnostic::error(message);
        let suggestion = closest(name, known);
        if !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()) {
            diagnostic = diagnostic.help(t!("figures-unknown-commas-help"));
        }
        if let Some(best) = suggestion {
            diagnostic = diagnostic.help(t!("did-you-mean", name = best));
        }
        // `cases 74`, `organized   {cases`: a known name whose `:` was left out, so
        // YAML read the name and what follows as one key.
        if let Some((first, rest)) = name.split_once(' ').filter(|(first, _)| known.contains(first)) {
            let rest = rest.trim();
            let meant = if rest.contains('{') { format!("{first}:") } else { format!("{first}: {rest}") };
            diagnostic = diagnostic.help(t!("did-you-mean", name = meant));
        }
        diagnostic = diagnostic.noting(t!("expected-one-of", names = list(known)));
        self.error(diagnostic.at(self.source, key.span.clone(), label));
        suggestion
    }
}

/// What kind of name [`Validator::unknown`] reports.
#[derive(Clone, Copy)]
enum Unknown {
    TopLevelKey,
    Group,
    Field,
}

/// A broken rule in the office's words, with the labels and the series' printing of
/// the values: `食品類：刑事拘留人數（250人）不應多於抓獲犯罪嫌疑人數（240人）`.
fn broken_rule(series: &Series, group: &str, values: &BTreeMap<String, Figure>, check: &Check) -> Text {
    let op = match check.op.as_str() {
        "<=" => "le",
        "<" => "lt",
        ">=" => "ge",
        ">" => "gt",
        _ => "eq",
    };
    let shown = |field: &str| series.show(group, field, values.get(field));
    t!(
        "rule-broken",
        group = series.group_label(group).unwrap_or_else(|| group.to_string()),
        left = series.field_label(group, &check.left).0,
        left_value = shown(&check.left),
        op = op,
        right = series.field_label(group, &check.right).0,
        right_value = shown(&check.right)
    )
}

/// Full-width digits (`１９５`, `４８７．５９`) as the half-width ones the file needs,
/// if the text is a number written so.
fn half_width(text: &str) -> Option<String> {
    let wide = text.chars().any(|c| ('０'..='９').contains(&c));
    let plain: Option<String> = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
            '．' => Some('.'),
            '－' => Some('-'),
            '0'..='9' | '.' | '-' => Some(c),
            _ => None,
        })
        .collect();
    plain.filter(|_| wide)
}

/// A number counted in 萬 or 億 (`13.62億`, `1362万`) as the exact whole number it
/// means (`1362000000`), if it means a whole one.
fn in_myriads(text: &str) -> Option<String> {
    let (number, power) = [("億", 8), ("亿", 8), ("萬", 4), ("万", 4)]
        .iter()
        .find_map(|(word, power)| Some((text.strip_suffix(word)?, *power)))?;
    let number = half_width(number).unwrap_or_else(|| number.to_string());
    let value = Decimal::from_str_exact(&number).ok()?.checked_mul(Decimal::from(10u64.pow(power)))?.normalize();
    (value.fract().is_zero() && value >= Decimal::ZERO).then(|| value.trunc().to_string())
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
                Some(label) => {
                    t!("place-record-field-labelled", field = field, label = label, record = index + 1, list = *list)
                        .text
                }
                None => t!("place-record-field", field = field, record = index + 1, list = *list).text,
            },
        }
    }

    /// A field as named beside its owner (`missing field … in record 2 of …`).
    fn bare(&self, field: &str) -> String {
        match self {
            Self::Group { .. } => self.named(field),
            Self::Record { fields, .. } => match fields.get(field).and_then(|f| f.label.as_ref()) {
                Some(label) => t!("place-field-labelled", field = field, label = label).text,
                None => t!("place-field", field = field).text,
            },
        }
    }

    /// What holds the field: group `food` (食品類), record 2 of `cases`.
    fn owner(&self) -> String {
        match self {
            Self::Group { series, group } => match series.group_label(group) {
                Some(label) => t!("place-group-labelled", group = *group, label = label).text,
                None => t!("place-group", group = *group).text,
            },
            Self::Record { list, index, .. } => t!("place-record", record = index + 1, list = *list).text,
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
            Event::Start(Tag::Link { .. }) => Some(t!("text-link")),
            Event::Start(Tag::Image { .. }) => Some(t!("text-image")),
            Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::HtmlBlock) => Some(t!("text-html")),
            Event::Start(Tag::Heading { .. }) => Some(t!("text-heading")),
            Event::Start(Tag::List(_) | Tag::Item) => Some(t!("text-list")),
            Event::Start(Tag::BlockQuote(_)) => Some(t!("text-quote")),
            Event::Start(Tag::CodeBlock(_)) => Some(t!("text-code-block")),
            Event::Start(Tag::Table(_)) => Some(t!("text-table")),
            Event::Rule => Some(t!("text-rule")),
            _ => Some(t!("text-not-prose")),
        };
        if let Some(problem) = problem {
            return Some(problem.text);
        }
    }
    // A link definition (`[注]: …`) parses to nothing at all.
    (paragraphs != 1).then(|| t!("text-not-a-paragraph").text)
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

/// `a`, `b` or `c`.
fn list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            t!("names-or", names = rest.join(&t!("names-separator").text), last = last).text
        }
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
