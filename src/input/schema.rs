//! Reads a series' schema (`templates/<series>/series.yaml`) and checks it: every
//! group, field, rule, total, edition, font role and chart it names must exist and be
//! of a kind that fits, each problem reported at its own line and column.
//!
//! The file is read once into the spanned tree (for locations) and deserialized once
//! into the typed [`Series`].

use std::ops::Range;
use std::sync::Arc;

use crate::core::format;
use crate::core::language::Language;
use crate::core::schema::{FONT_ROLES, FieldKind, FieldSpec, SCHEMA_FILE, Series, Show};
use crate::diag::{self, Diagnostic, Source};
use crate::i18n::t;
use crate::input::snapshot::SeriesFiles;
use crate::input::yaml::{self, Node};

/// Reads and checks `series.yaml` from a series' template folder.
pub fn load(files: &SeriesFiles) -> diag::Result<Series> {
    let source = files.text(SCHEMA_FILE)?;
    let invisible = diag::invisible(&source, &source.text);
    if !invisible.is_empty() {
        return Err(invisible);
    }
    // The spanned reader first: a duplicate key or a syntax error is shown at its
    // own line (serde_yaml stops at the first with less to say).
    let tree = yaml::parse(&source)?;
    let series: Series = serde_yaml::from_str(&source.text).map_err(|err| {
        let at = err.location().map_or(0, |location| location.index());
        vec![Diagnostic::error(t!("schema-invalid", message = schema_message(&err))).at(
            &source,
            at..at + 1,
            t!("yaml-here"),
        )]
    })?;
    let schema = Schema { series: &series, source: &source, tree: &tree };
    let errors = schema.errors();
    if !errors.is_empty() {
        return Err(errors);
    }
    // A plain title may mark where the printed title breaks with line breaks
    // (`title: |` and a line each); everywhere else it is one line.
    let (title, title_lines) = if series.title_is_template() {
        (series.title.clone(), vec![])
    } else {
        let lines: Vec<String> =
            series.title.lines().map(str::trim).filter(|line| !line.is_empty()).map(str::to_string).collect();
        if lines.len() > 1 { (lines.concat(), lines) } else { (series.title.trim().to_string(), vec![]) }
    };
    let title_at = tree.locate(&["title"]);
    let notice_title_at = tree.locate(&["correction", "notice_title"]);
    // The notice's title is a template like the others (`{{ title }}`); `{title}`,
    // the placeholder it once had, still stands for the title in series written for it.
    let mut correction = series.correction;
    let legacy = correction.notice_title.as_deref().is_some_and(|t| t.contains("{title}") && !t.contains("{{"));
    if legacy {
        correction.notice_title = correction.notice_title.map(|t| t.replace("{title}", "{{ title }}"));
    }
    let notice_title_at = if legacy { None } else { notice_title_at };
    Ok(Series { path: source.path.clone(), title, title_lines, title_at, notice_title_at, correction, ..series })
}

/// A schema being checked, with the file it was read from.
struct Schema<'a> {
    series: &'a Series,
    source: &'a Arc<Source>,
    tree: &'a Node,
}

impl Schema<'_> {
    /// Every problem, in the order a reader meets the parts of the file they name.
    fn errors(&self) -> Vec<Diagnostic> {
        let mut errors = self.field_names();
        errors.extend(self.total_kinds());
        errors.extend(self.rule_kinds());
        errors.extend(self.total_groups());
        if let Err(message) = Language::parse(&self.series.lang) {
            errors.push(self.error(message, &["lang"], t!("schema-expected-lang")));
        }
        errors.extend(self.editions());
        errors.extend(self.conversion());
        errors.extend(self.partial_and_labels());
        errors.extend(self.font_roles(&self.series.fonts, &["fonts"]));
        errors.extend(self.charts());
        if self.series.groups.contains_key("totals") {
            errors.push(self.error(t!("schema-group-totals"), &["groups", "totals"], t!("schema-group-totals-label")));
        }
        errors.extend(self.shows());
        errors
    }

    /// An error at the place a path of keys names (the file's start when it names none).
    fn error(&self, message: impl Into<crate::i18n::Text>, path: &[&str], label: impl Into<String>) -> Diagnostic {
        Diagnostic::error(message).at(self.source, self.at(path), label)
    }

    fn at(&self, path: &[&str]) -> Range<usize> {
        self.tree.locate(path).unwrap_or(0..1)
    }

    /// A field's declaration in the first group that has it.
    fn spec_of(&self, field: &str) -> Option<&FieldSpec> {
        self.series.groups.values().find_map(|group| group.fields.get(field))
    }

    /// The fields that totals, rules and `prior_year` name: declared, and numbers
    /// (whole numbers for a total).
    fn field_names(&self) -> Vec<Diagnostic> {
        let mut errors = vec![];
        let mut check = |path: &[&str], name: &str, whole_only: bool| {
            let problem = match self.spec_of(name) {
                None => Some((t!("schema-unknown-field", name = name), t!("schema-no-such-field"))),
                Some(spec) if whole_only && !matches!(spec.kind, FieldKind::Count | FieldKind::Money) => Some((
                    t!("schema-cannot-sum", name = name, kind = spec.kind.to_string()),
                    t!("schema-totals-add-up"),
                )),
                Some(spec) if !spec.kind.is_number() => Some((
                    t!("schema-not-a-number", name = name, kind = spec.kind.to_string()),
                    t!("schema-expected-number"),
                )),
                Some(_) => None,
            };
            if let Some((message, label)) = problem {
                errors.push(self.error(message, path, label));
            }
        };
        if let Some(totals) = &self.series.totals {
            for (i, field) in totals.fields.iter().enumerate() {
                check(&["totals", "fields", &i.to_string()], field, true);
            }
        }
        for (i, rule) in self.series.rules.iter().enumerate() {
            check(&["rules", &i.to_string(), "check"], &rule.check.left, false);
            check(&["rules", &i.to_string(), "check"], &rule.check.right, false);
        }
        for (prior, field) in &self.series.prior_year {
            check(&["prior_year", prior], prior, false);
            check(&["prior_year", prior], field, false);
        }
        errors
    }

    /// A total sums counts and money in each group it sums: each group's own
    /// declaration counts (a field may be a count in one group and text in another).
    fn total_kinds(&self) -> Vec<Diagnostic> {
        let Some(totals) = &self.series.totals else { return vec![] };
        let kind_in =
            |group: &str, field: &str| self.series.groups.get(group).and_then(|g| g.fields.get(field)).map(|f| &f.kind);
        let mut errors = vec![];
        for (i, field) in totals.fields.iter().enumerate() {
            for group in &totals.groups {
                if let Some(kind) = kind_in(group, field).filter(|k| !matches!(k, FieldKind::Count | FieldKind::Money))
                {
                    errors.push(self.error(
                        t!("schema-total-kind", field = field, group = group, kind = kind.to_string()),
                        &["totals", "fields", &i.to_string()],
                        t!("schema-totals-add-up"),
                    ));
                }
            }
        }
        errors
    }

    /// A rule compares numbers in every group that has both its fields.
    fn rule_kinds(&self) -> Vec<Diagnostic> {
        let mut errors = vec![];
        for (i, rule) in self.series.rules.iter().enumerate() {
            for (group, spec) in &self.series.groups {
                let (Some(left), Some(right)) = (spec.fields.get(&rule.check.left), spec.fields.get(&rule.check.right))
                else {
                    continue;
                };
                if let Some(side) = [left, right].into_iter().find(|f| !f.kind.is_number()) {
                    errors.push(self.error(
                        t!(
                            "schema-rule-kind",
                            rule = rule.check.to_string(),
                            kind = side.kind.to_string(),
                            group = group
                        ),
                        &["rules", &i.to_string(), "check"],
                        t!("schema-rules-compare-numbers"),
                    ));
                }
            }
        }
        errors
    }

    /// The groups a total sums exist, and have the field unless `partial` says the
    /// total counts what they give.
    fn total_groups(&self) -> Vec<Diagnostic> {
        let Some(totals) = &self.series.totals else { return vec![] };
        let groups = &self.series.groups;
        let mut errors = vec![];
        for (i, group) in totals.groups.iter().enumerate() {
            if !groups.contains_key(group) {
                errors.push(self.error(
                    t!("schema-unknown-group", group = group),
                    &["totals", "groups", &i.to_string()],
                    t!("schema-no-such-group"),
                ));
            }
        }
        let summed = totals.fields.iter().enumerate();
        for (i, field) in summed.filter(|(_, field)| !totals.partial.contains(field) && self.spec_of(field).is_some()) {
            let lacking = totals.groups.iter().find(|group| {
                let spec = groups.get(*group).and_then(|g| g.fields.get(field));
                let optional = groups.get(*group).is_some_and(|g| g.optional);
                groups.contains_key(*group) && (optional || !spec.is_some_and(|spec| spec.required))
            });
            if let Some(group) = lacking {
                errors.push(
                    self.error(
                        t!("schema-total-may-lack", field = field, group = group),
                        &["totals", "fields", &i.to_string()],
                        t!("schema-in-these-totals"),
                    )
                    .help(t!("schema-partial-help", field = field)),
                );
            }
        }
        errors
    }

    /// `editions`: known tags, each once, the first the templates' own, another
    /// script with faces of its own.
    fn editions(&self) -> Vec<Diagnostic> {
        let series = self.series;
        let mut errors = vec![];
        for (i, spec) in series.editions.iter().enumerate() {
            let index = i.to_string();
            let mut path = vec!["editions", index.as_str()];
            if !spec.fonts.is_empty() || spec.font_fallback.is_some() {
                path.push("lang");
            }
            if let Some(message) = self.edition_problem(i) {
                let needs_fonts = message.key == Some("schema-edition-no-fonts");
                let mut diagnostic = self.error(message, &path, t!("schema-in-this-edition"));
                if needs_fonts {
                    diagnostic = diagnostic.help(t!("schema-edition-fonts-help", lang = &spec.lang));
                }
                errors.push(diagnostic);
            }
            errors.extend(self.font_roles(&spec.fonts, &["editions", &index, "fonts"]));
        }
        errors
    }

    /// What is wrong with the edition at `i`, if anything.
    fn edition_problem(&self, i: usize) -> Option<crate::i18n::Text> {
        let series = self.series;
        let spec = &series.editions[i];
        let language = Language::parse(&spec.lang);
        if let Err(message) = language {
            return Some(message.into());
        }
        if i == 0 && spec.lang != series.lang {
            return Some(t!("schema-first-edition", lang = &series.lang, edition = &spec.lang));
        }
        let same = |earlier: &&crate::core::schema::EditionSpec| {
            earlier.lang.eq_ignore_ascii_case(&spec.lang) || Language::parse(&earlier.lang) == language
        };
        if let Some(earlier) = series.editions[..i].iter().find(same) {
            return Some(t!("schema-edition-twice", edition = &spec.lang, earlier = &earlier.lang));
        }
        let other_script = language.map(|l| l.script) != Ok(series.language().script);
        (i > 0 && spec.fonts.is_empty() && !series.fonts.is_empty() && other_script)
            .then(|| t!("schema-edition-no-fonts", edition = &spec.lang, lang = &series.lang))
    }

    /// A layout may set font roles of its own; a near miss of a shipped one is a typo.
    fn font_roles(
        &self,
        roles: &indexmap::IndexMap<String, Vec<crate::core::schema::Face>>,
        at: &[&str],
    ) -> Vec<Diagnostic> {
        let mut errors = vec![];
        for role in roles.keys().filter(|role| !FONT_ROLES.contains(&role.as_str())) {
            if let Some(meant) = FONT_ROLES.iter().find(|known| strsim::levenshtein(role, known) <= 2) {
                let mut path = at.to_vec();
                path.push(role);
                errors.push(self.error(
                    t!("schema-unknown-role", role = role),
                    &path,
                    t!("did-you-mean", name = *meant),
                ));
            }
        }
        errors
    }

    /// `conversion`: no term converted to nothing (it would take words out of the
    /// converted text), none both protected and overridden, no empty protected term.
    fn conversion(&self) -> Vec<Diagnostic> {
        let conversion = &self.series.conversion;
        let mut errors = vec![];
        for (term, printed) in &conversion.overrides {
            let problem = if term.trim().is_empty() {
                Some(t!("schema-override-nothing", term = term))
            } else if printed.trim().is_empty() {
                Some(t!("schema-override-to-nothing", term = term))
            } else if conversion.protect.contains(term) {
                Some(t!("schema-protected-and-overridden", term = term))
            } else {
                None
            };
            if let Some(problem) = problem {
                errors.push(self.error(problem, &["conversion", "overrides", term], t!("schema-override-label")));
            }
        }
        for (i, term) in conversion.protect.iter().enumerate() {
            if term.trim().is_empty() {
                errors.push(self.error(
                    t!("schema-empty-protected"),
                    &["conversion", "protect", &i.to_string()],
                    t!("schema-empty-protected-label"),
                ));
            }
        }
        errors
    }

    /// `partial` names fields the totals sum; `field_labels` names declared fields.
    fn partial_and_labels(&self) -> Vec<Diagnostic> {
        let mut errors = vec![];
        if let Some(totals) = &self.series.totals {
            for (i, field) in totals.partial.iter().enumerate() {
                if !totals.fields.contains(field) {
                    errors.push(self.error(
                        t!("schema-partial-not-summed", field = field),
                        &["totals", "partial", &i.to_string()],
                        t!("schema-partial-label"),
                    ));
                }
            }
        }
        for field in self.series.field_labels.keys().filter(|field| self.spec_of(field).is_none()) {
            errors.push(self.error(
                t!("schema-label-unknown-field", field = field),
                &["field_labels", field],
                t!("schema-no-such-field"),
            ));
        }
        errors
    }

    /// A chart draws a count or money of groups that exist, in `html` or `pdf`.
    fn charts(&self) -> Vec<Diagnostic> {
        let groups = &self.series.groups;
        let mut errors = vec![];
        for (name, chart) in &self.series.charts {
            let spec = chart.groups.iter().find_map(|g| groups.get(g).and_then(|g| g.fields.get(&chart.field)));
            let problem = if let Some(group) = chart.groups.iter().find(|g| !groups.contains_key(*g)) {
                Some((t!("schema-chart-unknown-group", name = name, group = group), "groups"))
            } else if !spec.is_some_and(|s| matches!(s.kind, FieldKind::Count | FieldKind::Money)) {
                Some((t!("schema-chart-field", name = name, field = &chart.field), "field"))
            } else {
                let output = chart.outputs.iter().find(|o| !matches!(o.as_str(), "html" | "pdf"));
                output.map(|output| (t!("schema-chart-output", output = output), "outputs"))
            };
            if let Some((message, key)) = problem {
                errors.push(self.error(message, &["charts", name.as_str(), key], t!("schema-in-this-chart")));
            }
        }
        errors
    }

    /// Every field's `show` (a list's records' too) fits its kind.
    fn shows(&self) -> Vec<Diagnostic> {
        let mut errors = vec![];
        for (group, spec) in &self.series.groups {
            for (field, field_spec) in &spec.fields {
                let mut checks = vec![(vec!["groups", group.as_str(), "fields", field.as_str(), "show"], field_spec)];
                if let FieldKind::List(list) = &field_spec.kind {
                    for (name, record_field) in &list.fields {
                        let path =
                            vec!["groups", group.as_str(), "fields", field.as_str(), "list", name.as_str(), "show"];
                        checks.push((path, record_field));
                    }
                }
                for (path, checked) in checks {
                    if let Err(message) = check_show(checked) {
                        errors.push(self.error(message, &path, t!("schema-in-this-show")));
                    }
                }
            }
        }
        errors
    }
}

/// Whether `show` fits the kind: a unit only for numbers, places within reach.
fn check_show(spec: &FieldSpec) -> Result<(), String> {
    if let Some(unit) = &spec.show.unit {
        format::Unit::parse(unit)?;
        if !matches!(spec.kind, FieldKind::Count | FieldKind::Money | FieldKind::Signed | FieldKind::Decimal(_)) {
            return Err(t!("schema-show-unit", kind = spec.kind.to_string()).text);
        }
    }
    if spec.show.places.is_some_and(|places| places > format::MAX_PLACES) {
        return Err(t!("schema-show-places", max = format::MAX_PLACES).text);
    }
    if spec.show != Show::default() && !spec.kind.is_number() {
        return Err(t!("schema-show-style", kind = spec.kind.to_string()).text);
    }
    Ok(())
}

/// serde_yaml's message without its trailing "at line … column …" (we show the
/// position), in the user's language: the mistakes serde names (an unknown or missing
/// field, a value of the wrong type …) are said from the catalogue with the path to
/// the value in front. serde's words are English: in English they are kept as they are.
fn schema_message(err: &serde_yaml::Error) -> String {
    let text = err.to_string();
    let text = text.find(" at line ").map_or(text.as_str(), |end| &text[..end]);
    if crate::i18n::lang() == crate::i18n::Lang::En {
        return text.to_string();
    }
    // `groups.food.fields.cases: …`: where the value is, then what is wrong with it.
    let (path, said) = match text.split_once(": ") {
        Some((path, said)) if !path.is_empty() && path.chars().all(|c| c.is_alphanumeric() || "._-[]".contains(c)) => {
            (Some(path), said)
        }
        _ => (None, text),
    };
    let said = serde_words(said).unwrap_or_else(|| said.to_string());
    match path {
        Some(path) => t!("schema-at", path = path, message = said).text,
        None => said,
    }
}

/// One of serde's messages from the catalogue; `None` for words it does not know
/// (the schema's own messages are the catalogue's already).
fn serde_words(said: &str) -> Option<String> {
    let quoted =
        |text: &str| -> Vec<String> { text.split('`').skip(1).step_by(2).map(|name| format!("`{name}`")).collect() };
    let first = |text: &str| text.split('`').nth(1).unwrap_or_default().to_string();
    let list = |text: &str| quoted(text).join(&t!("cli-value-separator").text);
    let text = if let Some(rest) = said.strip_prefix("unknown field ") {
        let (name, expected) = rest.split_once(", ").unwrap_or((rest, ""));
        t!("serde-unknown-field", field = first(name), expected = list(expected))
    } else if let Some(rest) = said.strip_prefix("unknown variant ") {
        let (name, expected) = rest.split_once(", ").unwrap_or((rest, ""));
        t!("serde-unknown-variant", variant = first(name), expected = list(expected))
    } else if let Some(rest) = said.strip_prefix("missing field ") {
        t!("serde-missing-field", field = first(rest))
    } else if let Some(rest) = said.strip_prefix("duplicate field ") {
        t!("serde-duplicate-field", field = first(rest))
    } else if let Some((found, expected)) =
        said.strip_prefix("invalid type: ").and_then(|r| r.split_once(", expected "))
    {
        t!("serde-invalid-type", found = serde_found(found), expected = serde_expected(expected))
    } else if let Some((found, expected)) =
        said.strip_prefix("invalid value: ").and_then(|r| r.split_once(", expected "))
    {
        t!("serde-invalid-value", found = serde_found(found), expected = serde_expected(expected))
    } else if let Some((length, expected)) =
        said.strip_prefix("invalid length ").and_then(|r| r.split_once(", expected "))
    {
        t!("serde-invalid-length", length = length, expected = serde_expected(expected))
    } else {
        return None;
    };
    Some(text.text)
}

/// What serde found (`sequence`, `string "x"`, `integer `5``), in the user's words.
fn serde_found(found: &str) -> String {
    let value = |prefix: &str| found.strip_prefix(prefix).map(|rest| rest.trim_matches(['`', '"']).to_string());
    if let Some(text) = value("string ") {
        t!("serde-found-text", text = text).text
    } else if let Some(number) = value("integer ").or_else(|| value("floating point ")) {
        t!("serde-found-number", number = number).text
    } else if let Some(truth) = value("boolean ") {
        t!("serde-found-boolean", value = truth).text
    } else {
        match found {
            "sequence" => t!("yaml-list").text,
            "map" => t!("yaml-mapping").text,
            "unit value" | "Option value" => t!("yaml-nothing").text,
            other => other.to_string(),
        }
    }
}

/// What serde expected, in the user's words: Rust's names for text, numbers, lists
/// and mappings said plainly; the schema's own descriptions are the catalogue's.
fn serde_expected(expected: &str) -> String {
    let number = ["u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize", "u128", "i128"];
    if expected.starts_with("a string") || expected.starts_with("a borrowed string") || expected == "a character" {
        t!("serde-expected-text").text
    } else if number.contains(&expected) || expected.starts_with("an integer") {
        t!("serde-expected-whole-number").text
    } else if expected.starts_with("a boolean") {
        t!("serde-expected-boolean").text
    } else if expected.starts_with("a sequence") || expected.starts_with("a list") {
        t!("yaml-list").text
    } else if expected.starts_with("a map") || expected.starts_with("struct ") {
        t!("yaml-mapping").text
    } else {
        expected.to_string()
    }
}
