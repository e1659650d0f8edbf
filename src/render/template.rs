//! The Tera instance of a series and the filters that turn figures into words
//! (萬/億 amounts, dates, changes, Chinese numerals; the words themselves are
//! `format`'s); figures → Markdown.
//!
//! All arithmetic here is exact: a figure never passes through floating point on its
//! way into a sentence, and a template that divides or writes a decimal number is
//! refused when it is loaded.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use rust_decimal::Decimal;
use tera::{Context, Kwargs, State, Tera, Value};

use crate::chart::Chart;
use crate::diag::{self, Diagnostic, Source};
use crate::figures::{Date, Figure, Figures};
use crate::format::{self, DateStyle, NumberStyle, Script, Unit};
use crate::series::Series;
use crate::snapshot::SeriesFiles;

/// The name under which a templated title is kept.
const TITLE_TEMPLATE: &str = "series.yaml (title)";

/// The template of a series that renders the bulletin's Markdown.
pub const BULLETIN_TEMPLATE: &str = "bulletin.md";

/// The template of a series that renders a correction note.
pub const CORRECTION_TEMPLATE: &str = "correction.md";

/// What a correction note says, besides its changes.
pub struct Correction<'a> {
    /// The bulletin's title, to cite it by.
    pub title: &'a str,
    /// The issuing office.
    pub office: &'a str,
    /// The day of this correction (`2019年11月20日`).
    pub date: &'a str,
    /// The version corrected: its number and the day it was published.
    pub previous: (u32, &'a str),
    /// Why (for a textual correction: what).
    pub reason: Option<&'a str>,
}

/// A series' parsed templates, ready to render any number of periods.
pub struct Renderer {
    tera: Tera,
    /// Template sources by name, to show template errors with their lines.
    sources: BTreeMap<String, Arc<Source>>,
    /// Whether the title is a template (else it is the text of series.yaml).
    title_template: bool,
    /// Numbers the prose means to write (series.yaml's `literals`).
    literals: Vec<String>,
    /// The title's template text when it stands inside series.yaml: the schema
    /// blanked out but for the title, so offsets are series.yaml's.
    title_text: Option<String>,
}

impl Renderer {
    /// Parses every `*.md` template of a series folder once, and the title when it is
    /// a template; the filters write in the series' script.
    pub fn load(files: &SeriesFiles, series: &Series) -> diag::Result<Self> {
        let mut tera = Tera::default();
        register_filters(&mut tera, series.language().script);
        let mut sources = BTreeMap::new();
        for name in files.own_files().filter(|name| name.ends_with(".md")) {
            sources.insert(name.to_string(), files.text(name)?);
        }
        if !sources.contains_key(BULLETIN_TEMPLATE) {
            return Diagnostic::error(format!("the series has no `{BULLETIN_TEMPLATE}` template"))
                .note(format!("help: create `{}/{BULLETIN_TEMPLATE}`", files.dir()))
                .into_err();
        }
        let title_template = series.title_is_template();
        // A plain title is scanned for typed numbers too.
        let (title, title_text) = title_source(files, series)?;
        sources.insert(TITLE_TEMPLATE.to_string(), title);
        let mut renderer = Self { tera, sources, title_template, literals: series.literals.clone(), title_text };
        let templates: Vec<(String, String)> = renderer
            .scanned()
            .filter(|(source, _)| title_template || !Arc::ptr_eq(source, &renderer.sources[TITLE_TEMPLATE]))
            .map(|(source, text)| (renderer.name_of(source), text.to_string()))
            .collect();
        // Tera's syntax errors first: the check below reads tags Tera could parse.
        let tera = &mut renderer.tera;
        tera.add_raw_templates(templates).map_err(|err| vec![template_error(&err, &renderer.sources, None)])?;
        let inexact: Vec<Diagnostic> =
            renderer.scanned().flat_map(|(source, text)| inexact_arithmetic(source, text)).collect();
        if !inexact.is_empty() {
            return Err(inexact);
        }
        Ok(renderer)
    }

    /// Each template with the text its checks read: its own, or for the title the
    /// schema blanked out but for the title.
    fn scanned(&self) -> impl Iterator<Item = (&Arc<Source>, &str)> {
        self.sources.iter().map(|(name, source)| match (name.as_str(), &self.title_text) {
            (TITLE_TEMPLATE, Some(text)) => (source, text.as_str()),
            _ => (source, source.text.as_str()),
        })
    }

    /// A template's name in Tera.
    fn name_of(&self, source: &Arc<Source>) -> String {
        self.sources.iter().find(|(_, s)| Arc::ptr_eq(s, source)).map(|(name, _)| name.clone()).unwrap_or_default()
    }

    /// The bulletin's title for a period: series.yaml's `title`, rendered when it is a
    /// template (`{{ as_of | date(style="year") }}…`).
    pub fn title(
        &self,
        series: &Series,
        figures: &Figures,
        totals: &BTreeMap<String, u64>,
        figure_file: &Path,
    ) -> diag::Result<String> {
        if !self.title_template {
            return Ok(series.title.clone());
        }
        let context = context(series, figures, totals, &series.title);
        let title = self
            .tera
            .render(TITLE_TEMPLATE, &context)
            .map_err(|err| vec![template_error(&err, &self.sources, Some(figure_file))])?;
        let title = title.trim().to_string();
        if title.is_empty() || title.contains(['\n', '\r']) {
            let diagnostic =
                Diagnostic::error(format!("the title of `{}` is empty or more than one line", figure_file.display()));
            let at = self.title_text.as_deref().and_then(|text| text.find(|c: char| !c.is_whitespace()));
            return match at {
                Some(at) => diagnostic.at(&self.sources[TITLE_TEMPLATE], at..at + 1, "this title"),
                None => diagnostic.note(format!("note: the title is declared in `{}`", series.path.display())),
            }
            .into_err();
        }
        Ok(title)
    }

    /// Warnings about the templates' prose (Tera tags are left alone): every number
    /// typed into it rather than taken from the figures (except the series'
    /// `literals`), and punctuation that GB/T 15834 writes full-width: a half-width
    /// `,` `;` `:` `(` `)` `!` `?` between Chinese characters, and a space between
    /// Chinese characters.
    pub fn prose_warnings(&self) -> Vec<Diagnostic> {
        let mut warnings = self.typed_numbers();
        for (source, text) in self.scanned() {
            let chars: Vec<(usize, char)> = outside_tags(text).collect();
            for window in chars.windows(3) {
                let [(_, before), (at, c), (_, after)] = window else { continue };
                // Only characters adjacent in the file count as "between".
                if !(is_chinese(*before) && is_chinese(*after)) || window[2].0 != at + c.len_utf8() {
                    continue;
                }
                let full = match c {
                    ',' => '，',
                    ';' => '；',
                    ':' => '：',
                    '(' => '（',
                    ')' => '）',
                    '!' => '！',
                    '?' => '？',
                    ' ' => {
                        warnings.push(Diagnostic::warning("a space between Chinese characters").at(
                            source,
                            *at..at + 1,
                            "remove it (GB/T 15834)",
                        ));
                        continue;
                    }
                    _ => continue,
                };
                warnings.push(Diagnostic::warning(format!("half-width `{c}` between Chinese characters")).at(
                    source,
                    *at..at + 1,
                    format!("write `{full}` (GB/T 15834)"),
                ));
            }
        }
        warnings
    }

    /// Numbers typed into the prose: right in one period, wrong in the next.
    fn typed_numbers(&self) -> Vec<Diagnostic> {
        let mut warnings = vec![];
        for (source, text) in self.scanned() {
            // Where the literals the series means stand.
            let meant: Vec<Range<usize>> = self
                .literals
                .iter()
                .filter(|literal| !literal.is_empty())
                .flat_map(|literal| text.match_indices(literal.as_str()).map(|(at, l)| at..at + l.len()))
                .collect();
            // The prose, and the text of string literals in tags (`{{ "2021年" }}`).
            let mut chars: Vec<(usize, char)> = outside_tags(text).collect();
            chars.extend(string_literals(text));
            chars.sort_unstable();
            let mut runs = number_runs(text, &chars);
            runs.retain(|range| !is_entity(text, range));
            for range in runs {
                if meant.iter().any(|m| m.start <= range.start && range.end <= m.end) {
                    continue;
                }
                let number = &text[range.clone()];
                let mut warning = Diagnostic::warning(format!("the number {number} is typed into the template")).at(
                    source,
                    range.clone(),
                    "right in one period, wrong in the next",
                );
                if number.len() == 4 && text[range.end..].starts_with('年') {
                    warning = warning.note("help: take the year from the period: `{{ as_of | date(style=\"year\") }}`");
                } else {
                    warning = warning.note(format!(
                        "help: take it from the figure file, or if the prose means it, list it in series.yaml: `literals: [\"{}\"]`",
                        surrounding(text, range)
                    ));
                }
                warnings.push(warning);
            }
        }
        warnings
    }

    /// Where a character is first written in the templates' text (outside Tera
    /// tags and comments), if it is.
    pub fn find(&self, c: char) -> Option<(Arc<Source>, Range<usize>)> {
        self.scanned().find_map(|(source, text)| {
            let (at, _) = outside_tags(text).find(|&(_, found)| found == c)?;
            Some((Arc::clone(source), at..at + c.len_utf8()))
        })
    }

    /// Renders the correction note of a version from `correction.md`: what the
    /// earlier version was, why it is corrected and each changed figure in words.
    pub fn correction(&self, note: &Correction<'_>, changes: &[(String, String, String)]) -> diag::Result<String> {
        if !self.sources.contains_key(CORRECTION_TEMPLATE) {
            return Diagnostic::error(format!(
                "the series has no `{CORRECTION_TEMPLATE}` template for correction notes"
            ))
            .note("help: a corrected version needs one; see templates/shiyaohuan/correction.md")
            .into_err();
        }
        let mut context = Context::new();
        let mut earlier = tera::Map::new();
        earlier.insert("version".into(), Value::from(note.previous.0));
        earlier.insert("date".into(), Value::from(note.previous.1));
        context.insert_value("previous", Value::from(earlier));
        context.insert_value("title", Value::from(note.title));
        context.insert_value("office", Value::from(note.office));
        context.insert_value("date", Value::from(note.date));
        context.insert_value("reason", note.reason.map_or(Value::none(), Value::from));
        let changes: Vec<Value> = changes
            .iter()
            .map(|(label, old, new)| {
                let mut change = tera::Map::new();
                change.insert("label".into(), Value::from(label.as_str()));
                change.insert("old".into(), Value::from(old.as_str()));
                change.insert("new".into(), Value::from(new.as_str()));
                Value::from(change)
            })
            .collect();
        context.insert_value("changes", Value::from(changes));
        let note = self
            .tera
            .render(CORRECTION_TEMPLATE, &context)
            .map_err(|err| vec![template_error(&err, &self.sources, None)])?;
        Ok(note.trim().to_string())
    }

    /// Renders the bulletin's Markdown for one period, under its `title`.
    pub fn markdown(
        &self,
        series: &Series,
        figures: &Figures,
        totals: &BTreeMap<String, u64>,
        title: &str,
        correction: Option<&str>,
        figure_file: &Path,
    ) -> diag::Result<String> {
        let mut context = context(series, figures, totals, title);
        context.insert_value("correction", correction.map_or(Value::none(), Value::from));
        self.tera
            .render(BULLETIN_TEMPLATE, &context)
            .map_err(|err| vec![template_error(&err, &self.sources, Some(figure_file))])
    }
}

/// The title as a template of its own whose errors point into series.yaml: the
/// schema's text with everything but the title blanked out (lines kept), so Tera's
/// lines and columns are series.yaml's. A title written with escapes (`\"`) cannot
/// be found in the text as it reads; it stands on its own then.
fn title_source(files: &SeriesFiles, series: &Series) -> diag::Result<(Arc<Source>, Option<String>)> {
    let schema = files.text(crate::series::SCHEMA_FILE)?;
    let span = crate::yaml::parse(&schema).ok().and_then(|root| root.locate(&["title"]));
    let start = span.and_then(|span| {
        let text = &schema.text;
        [span.start, span.start + 1]
            .into_iter()
            .find(|&at| text.get(at..at + series.title.len()) == Some(&series.title))
    });
    let Some(start) = start else {
        return Ok((Source::new(format!("{}/{TITLE_TEMPLATE}", files.dir()), series.title.clone()), None));
    };
    let title = start..start + series.title.len();
    // Every byte outside the title a space (line ends kept), so offsets stay.
    let mut blank = String::with_capacity(schema.text.len());
    for (i, c) in schema.text.char_indices() {
        if title.contains(&i) || c == '\n' {
            blank.push(c);
        } else {
            blank.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
    Ok((schema, Some(blank)))
}

/// The variables a template sees: `title`, `series` (title, author), `lang`, `as_of`,
/// `figures.<group>.<field>` (absent optional figures are `none`), `totals.<field>`,
/// `labels.<group>`, `field_labels.<field>`, `units.<field>` and `correction` (the
/// correction note of a corrected version, else `none`). Groups and fields are in
/// schema order, so a loop over them gives the same text on every run.
fn context(series: &Series, figures: &Figures, totals: &BTreeMap<String, u64>, title: &str) -> Context {
    let mut groups = tera::Map::new();
    let mut labels = tera::Map::new();
    let mut field_labels = tera::Map::new();
    let mut units = tera::Map::new();
    for (name, spec) in &series.groups {
        let mut fields = tera::Map::new();
        for field in spec.fields.keys() {
            let value = figures.figure(name, field).map_or(Value::none(), figure_value);
            fields.insert(field.clone().into(), value);
            let (label, unit) = series.field_label(name, field);
            field_labels.entry(field.clone().into()).or_insert_with(|| Value::from(label));
            units.entry(field.clone().into()).or_insert_with(|| Value::from(unit));
        }
        groups.insert(name.clone().into(), Value::from(fields));
        labels.insert(name.clone().into(), series.group_label(name).map_or(Value::none(), Value::from));
    }
    if series.totals.is_some() {
        labels.insert("totals".into(), series.group_label("totals").map_or(Value::none(), Value::from));
    }
    let mut sums = tera::Map::new();
    if let Some(spec) = &series.totals {
        for field in &spec.fields {
            sums.insert(field.clone().into(), totals.get(field).map_or(Value::none(), |v| Value::from(*v)));
        }
    }
    let mut meta = tera::Map::new();
    meta.insert("title".into(), Value::from(title));
    meta.insert("author".into(), Value::from(series.author.as_str()));
    let mut context = Context::new();
    context.insert_value("series", Value::from(meta));
    context.insert_value("title", Value::from(title));
    context.insert_value("lang", Value::from(series.lang.as_str()));
    context.insert("as_of", &figures.as_of.to_string());
    context.insert_value("figures", Value::from(groups));
    context.insert_value("totals", Value::from(sums));
    context.insert_value("labels", Value::from(labels));
    context.insert_value("field_labels", Value::from(field_labels));
    context.insert_value("units", Value::from(units));
    let mut charts = tera::Map::new();
    for (name, spec) in &series.charts {
        let chart = Chart {
            title: spec.title.clone(),
            unit: series.field_label(spec.groups.first().map_or("", String::as_str), &spec.field).1,
            outputs: spec.outputs.clone(),
            bars: spec
                .groups
                .iter()
                .filter_map(|group| {
                    let value = figures.get(group, &spec.field)?;
                    Some((series.group_label(group).unwrap_or_else(|| group.clone()), value))
                })
                .collect(),
        };
        charts.insert(name.clone().into(), Value::from(chart.block()));
    }
    context.insert_value("charts", Value::from(charts));
    context
}

/// A figure as a template holds it: counts and yuan as integers, decimals and dates
/// as their exact text, a list as records.
fn figure_value(figure: &Figure) -> Value {
    match figure {
        Figure::Whole(n) => Value::from(*n),
        Figure::Signed(n) => Value::from(*n),
        Figure::Decimal(d) => Value::from(d.to_string()),
        Figure::Text(text) => Value::from(text.as_str()),
        Figure::Date(date) => Value::from(date.to_string()),
        Figure::List(records) => Value::from(
            records
                .iter()
                .map(|record| {
                    let mut map = tera::Map::new();
                    for (name, value) in record {
                        map.insert(name.clone().into(), figure_value(value));
                    }
                    Value::from(map)
                })
                .collect::<Vec<_>>(),
        ),
    }
}

fn register_filters(tera: &mut Tera, script: Script) {
    tera.register_filter("amount", move |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
        allow_kwargs("amount", &kwargs, &["unit", "places"])?;
        let yuan =
            value.as_u64().ok_or_else(|| expected("amount", "whole yuan such as `figures.food.amount_yuan`", value))?;
        let unit = match kwargs.get::<&str>("unit")? {
            Some(unit) => Unit::parse(unit).map_err(tera::Error::message)?,
            None => Unit::Auto,
        };
        Ok(format::amount(yuan, script, unit, places(&kwargs)?))
    });
    tera.register_filter("number", move |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
        allow_kwargs("number", &kwargs, &["group", "unit", "places"])?;
        let number = exact(value).ok_or_else(|| expected("number", "a number", value))?;
        let unit = match kwargs.get::<&str>("unit")? {
            Some(unit) => match Unit::parse(unit).map_err(tera::Error::message)? {
                Unit::Auto => {
                    return Err(tera::Error::message(
                        "the `number` filter takes `unit=\"萬\"` or `\"億\"`, not `auto`",
                    ));
                }
                unit => unit,
            },
            None => Unit::One,
        };
        let group = kwargs.get::<bool>("group")?.unwrap_or(false);
        Ok(format::number(number, script, NumberStyle { group, unit, places: places(&kwargs)? }))
    });
    tera.register_filter("percent", |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
        allow_kwargs("percent", &kwargs, &["places", "abs"])?;
        let number = exact(value).ok_or_else(|| expected("percent", "a percentage such as `figures.x.rate`", value))?;
        Ok(format::percent(number, places(&kwargs)?, kwargs.get::<bool>("abs")?.unwrap_or(false)))
    });
    tera.register_filter("change", |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
        allow_kwargs("change", &kwargs, &["prior", "places"])?;
        change(value, &kwargs, "change", places(&kwargs)?.unwrap_or(1))
    });
    tera.register_filter("year_on_year", |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
        allow_kwargs("year_on_year", &kwargs, &["prior"])?;
        change(value, &kwargs, "year_on_year", 1)
    });
    tera.register_filter("date", move |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
        allow_kwargs("date", &kwargs, &["style", "numerals"])?;
        let date = date_value("date", value)?;
        let style = match kwargs.get::<&str>("style")? {
            Some(style) => DateStyle::parse(style).map_err(tera::Error::message)?,
            None => DateStyle::Full,
        };
        let chinese = match kwargs.get::<&str>("numerals")? {
            None | Some("arabic") => false,
            Some("chinese") => true,
            Some(other) => {
                return Err(tera::Error::message(format!(
                    "unknown numerals `{other}`, expected `arabic` or `chinese`"
                )));
            }
        };
        Ok(format::date(date, style, chinese, script))
    });
    tera.register_filter("month_day", move |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
        allow_kwargs("month_day", &kwargs, &[])?;
        Ok(format::date(date_value("month_day", value)?, DateStyle::MonthDay, false, script))
    });
    tera.register_filter("chinese", move |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
        allow_kwargs("chinese", &kwargs, &["style"])?;
        let n = value
            .as_u64()
            .filter(|&n| n <= format::MAX_NUMERAL)
            .ok_or_else(|| expected("chinese", "a whole number from 0 to 999999999999", value))?;
        match kwargs.get::<&str>("style")? {
            None | Some("number") => Ok(format::numeral(n, script)),
            Some("ordinal") => Ok(format::ordinal(n, script)),
            Some("digits") => Ok(format::digits(n)),
            Some(other) => {
                Err(tera::Error::message(format!("unknown style `{other}`, expected `number`, `ordinal` or `digits`")))
            }
        }
    });
    // Tera's own `abs` works on floats; this one is exact, on decimals as well.
    tera.register_filter("abs", |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
        allow_kwargs("abs", &kwargs, &[])?;
        let number = exact(value).ok_or_else(|| expected("abs", "a number", value))?;
        Ok(exact_value(number.abs()))
    });
    // Tera's `int` reads a decimal through a float: this one is exact.
    tera.register_filter("int", |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
        allow_kwargs("int", &kwargs, &[])?;
        let number = exact(value).ok_or_else(|| expected("int", "a number", value))?;
        if !number.fract().is_zero() {
            return Err(tera::Error::message(format!(
                "`{number}` is not a whole number; round it with `number(places=0)`"
            )));
        }
        Ok(exact_value(number.trunc()))
    });
    for name in ["float", "round"] {
        tera.register_filter(name, move |_: &Value, _: Kwargs, _: &State| -> tera::TeraResult<Value> {
            Err(tera::Error::message(format!(
                "the `{name}` filter would pass a figure through floating point; use `number`, `percent` or `amount` with `places`"
            )))
        });
    }
    for (name, sign) in [("negative", -1), ("positive", 1), ("zero", 0)] {
        tera.register_test(name, move |value: &Value, _: Kwargs, _: &State| -> tera::TeraResult<bool> {
            let number = exact(value).ok_or_else(|| expected(name, "a number", value))?;
            Ok(match sign {
                -1 => number.is_sign_negative() && !number.is_zero(),
                1 => number.is_sign_positive() && !number.is_zero(),
                _ => number.is_zero(),
            })
        });
    }
}

/// A number a filter is given, exactly: an integer, or a decimal's text.
fn exact(value: &Value) -> Option<Decimal> {
    if let Some(n) = value.as_i128() {
        return Decimal::try_from_i128_with_scale(n, 0).ok();
    }
    if let Some(n) = value.as_u128() {
        return Decimal::try_from_i128_with_scale(i128::try_from(n).ok()?, 0).ok();
    }
    let text = value.as_str()?;
    let digits = text.strip_prefix('-').unwrap_or(text);
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
        .then(|| Decimal::from_str_exact(text).ok())
        .flatten()
}

/// A decimal back into a template: an integer when it is one, else its text.
fn exact_value(number: Decimal) -> Value {
    if number.scale() == 0
        && let Ok(n) = i64::try_from(number.mantissa())
    {
        return Value::from(n);
    }
    Value::from(number.to_string())
}

/// The `places` option: a whole number of decimal places.
fn places(kwargs: &Kwargs) -> tera::TeraResult<Option<u32>> {
    match kwargs.get::<u64>("places")? {
        None => Ok(None),
        Some(n) if n <= u64::from(format::MAX_PLACES) => Ok(Some(n as u32)),
        Some(n) => Err(tera::Error::message(format!("`places={n}`: at most {} places", format::MAX_PLACES))),
    }
}

/// A date given to a filter: a `date` figure or `as_of`.
fn date_value(filter: &str, value: &Value) -> tera::TeraResult<Date> {
    let text = value.as_str().ok_or_else(|| expected(filter, "a date such as `as_of`", value))?;
    Date::parse(text).map_err(tera::Error::message)
}

/// `change` and `year_on_year`: `none` without last year's figure.
fn change(value: &Value, kwargs: &Kwargs, filter: &str, places: u32) -> tera::TeraResult<Value> {
    let current = exact(value).ok_or_else(|| expected(filter, "a number such as `g.cases`", value))?;
    let prior: Option<Value> = kwargs.get("prior")?;
    let Some(prior) = prior.filter(|v| !v.is_none() && !v.is_undefined()) else { return Ok(Value::none()) };
    let prior = exact(&prior).ok_or_else(|| expected(filter, "`prior` to be a number", &prior))?;
    let change = format::change(current, prior, places).map_err(tera::Error::message)?;
    let mut map = tera::Map::new();
    map.insert("change".into(), Value::from(i64::from(change.change)));
    map.insert("diff".into(), exact_value(change.diff));
    map.insert("percent".into(), change.percent.map_or(Value::none(), Value::from));
    Ok(Value::from(map))
}

/// Division, powers and decimal literals inside a template's tags: each would make a
/// float.
fn inexact_arithmetic(source: &Arc<Source>, text: &str) -> Vec<Diagnostic> {
    let mut found = vec![];
    for (start, tag) in tags(text) {
        let bytes = tag.as_bytes();
        let mut quote: Option<u8> = None;
        let mut i = 0;
        let mut refuse = |range: Range<usize>, message: &str, label: &str, help: &str| {
            found.push(
                Diagnostic::error(message.to_string())
                    .at(source, start + range.start..start + range.end, label.to_string())
                    .note(format!("help: {help}")),
            );
        };
        while i < bytes.len() {
            let b = bytes[i];
            match quote {
                // A backslash escapes the next character inside a string.
                Some(_) if b == b'\\' => i += 1,
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None if matches!(b, b'"' | b'\'' | b'`') => quote = Some(b),
                // `<tally …/>` and `</tally>` close a component.
                None if b == b'/' && bytes.get(i + 1) != Some(&b'>') && (i == 0 || bytes[i - 1] != b'<') => {
                    let width = if bytes.get(i + 1) == Some(&b'/') { 2 } else { 1 };
                    refuse(
                        i..i + width,
                        "division in a template",
                        "this would make a float",
                        "a share or a change is worded by `percent` or `change(prior=…)`, exactly",
                    );
                    i += width;
                    continue;
                }
                None if b == b'*' && bytes.get(i + 1) == Some(&b'*') => {
                    refuse(
                        i..i + 2,
                        "a power in a template",
                        "a negative power would make a float",
                        "multiply by whole numbers, or put the figure in the figure file",
                    );
                    i += 2;
                    continue;
                }
                None if b.is_ascii_digit()
                    && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || matches!(bytes[i - 1], b'_' | b'.'))) =>
                {
                    let end = i + bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                    // `1.5`, `1.` and `1e3` are floats to Tera.
                    if matches!(bytes.get(end), Some(b'.' | b'e' | b'E')) {
                        let stop = end
                            + 1
                            + bytes[end + 1..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'.').count();
                        refuse(
                            i..stop,
                            "a decimal number in a template",
                            "Tera would hold this as a float",
                            "put the figure in the figure file as a `decimal:N` field",
                        );
                        i = stop;
                        continue;
                    }
                    i = end;
                    continue;
                }
                None => {}
            }
            i += 1;
        }
    }
    found
}

/// The inside of every `{{ … }}` and `{% … %}` tag, with its byte offset; a closing
/// delimiter inside a string does not end a tag, and a `{% raw %}` block's text is
/// not a tag.
fn tags(text: &str) -> Vec<(usize, &str)> {
    let mut tags = vec![];
    let mut at = 0;
    let mut raw = false;
    while let Some(open) = text[at..].find('{').map(|i| at + i) {
        let rest = &text[open..];
        let close = if rest.starts_with("{{") {
            "}}"
        } else if rest.starts_with("{%") {
            "%}"
        } else if rest.starts_with("{#") {
            "#}"
        } else {
            at = open + 1;
            continue;
        };
        let inner = open + 2;
        let Some(end) = tag_end(text, inner, close) else { break };
        let body = &text[inner..end];
        let words: Vec<&str> = body.trim_matches(['-', '+', ' ']).split_whitespace().collect();
        if close == "%}" && words.first() == Some(&"raw") {
            raw = true;
        } else if close == "%}" && words.first() == Some(&"endraw") {
            raw = false;
        } else if close != "#}" && !raw {
            tags.push((inner, body));
        }
        at = end + 2;
    }
    tags
}

/// Where a tag opened before `from` closes with `close`, outside its strings.
fn tag_end(text: &str, from: usize, close: &str) -> Option<usize> {
    if close == "#}" {
        return text[from..].find(close).map(|i| from + i);
    }
    let bytes = text.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = from;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            (Some(_), b'\\') => i += 1,
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b @ (b'"' | b'\'' | b'`')) => quote = Some(b),
            (None, _) if bytes[i..].starts_with(close.as_bytes()) => return Some(i),
            (None, _) => {}
        }
        i += 1;
    }
    None
}

/// Rejects keyword arguments a filter does not take, which Tera would otherwise ignore.
fn allow_kwargs(filter: &str, kwargs: &Kwargs, allowed: &[&str]) -> tera::TeraResult<()> {
    for (key, _) in kwargs.iter() {
        let key = key.to_string();
        if !allowed.contains(&key.as_str()) {
            let takes = match allowed {
                [] => "no arguments".to_string(),
                names => format!("only {}", names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")),
            };
            return Err(tera::Error::message(format!("the `{filter}` filter takes {takes}, not `{key}`")));
        }
    }
    Ok(())
}

fn expected(filter: &str, what: &str, found: &Value) -> tera::Error {
    let found = if found.is_none() { "none (an absent figure)" } else { found.name() };
    tera::Error::message(format!("the `{filter}` filter expects {what}, found {found}"))
}

/// A Tera error as a diagnostic pointing into the template, naming the figure file
/// being rendered.
fn template_error(
    err: &tera::Error,
    sources: &BTreeMap<String, Arc<Source>>,
    figure_file: Option<&Path>,
) -> Diagnostic {
    let rendering = figure_file.map(|path| format!(" while rendering `{}`", path.display())).unwrap_or_default();
    let report = match err.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => Some(report),
        _ => None,
    };
    let Some(report) = report else {
        let text = err.to_string();
        if let Some(diagnostic) = parse_report(&text, sources, &rendering) {
            return diagnostic;
        }
        return Diagnostic::error(format!("template error{rendering}: {}", lowercase_first(&text)));
    };
    let message = lowercase_first(report.message());
    let diagnostic = Diagnostic::error(format!("template error{rendering}: {message}"));
    match sources.get(report.filename()) {
        Some(source) => diagnostic.at(source, report.span().range.clone(), "here"),
        None => diagnostic.note(format!("note: in template `{}`", report.filename())),
    }
}

/// Tera reports some errors (an unknown filter, test or component) only as text:
/// `error: …` then ` --> name:line:column` and a caret line. Reads the first back
/// into a diagnostic on our copy of the template.
fn parse_report(text: &str, sources: &BTreeMap<String, Arc<Source>>, rendering: &str) -> Option<Diagnostic> {
    let mut lines = text.lines();
    let message = lines.next()?.strip_prefix("error: ")?;
    let locus = lines.next()?.trim_start().strip_prefix("--> ")?;
    let mut parts = locus.rsplitn(3, ':');
    let column: usize = parts.next()?.parse().ok()?;
    let line: usize = parts.next()?.parse().ok()?;
    let source = sources.get(parts.next()?)?;
    let width = lines.map(|l| l.matches('^').count()).max().unwrap_or(1).max(1);
    let line_start = source.text.split_inclusive('\n').take(line.checked_sub(1)?).map(str::len).sum::<usize>();
    let line_text = &source.text[line_start..];
    let byte = |chars: usize| line_text.char_indices().nth(chars).map_or(line_text.len(), |(i, _)| i);
    let range = line_start + byte(column.checked_sub(1)?)..line_start + byte(column - 1 + width);
    Some(
        Diagnostic::error(format!("template error{rendering}: {}", lowercase_first(message))).at(source, range, "here"),
    )
}

/// The characters of a template outside its `{{ … }}`, `{% … %}` and `{# … #}` tags,
/// with their byte offsets.
fn outside_tags(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut close: Option<&'static str> = None;
    let mut skip_to = 0;
    text.char_indices().filter(move |&(i, _)| {
        if i < skip_to {
            return false;
        }
        let rest = &text[i..];
        match close {
            Some(end) if rest.starts_with(end) => {
                close = None;
                skip_to = i + end.len();
                false
            }
            Some(_) => false,
            None => {
                for (open, end) in [("{{", "}}"), ("{%", "%}"), ("{#", "#}")] {
                    if rest.starts_with(open) {
                        close = Some(end);
                        skip_to = i + open.len();
                        return false;
                    }
                }
                true
            }
        }
    })
}

/// Runs of digits among `chars` (adjacent in the text), a decimal point inside a run
/// kept in it (`6.5`).
fn number_runs(text: &str, chars: &[(usize, char)]) -> Vec<Range<usize>> {
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let mut runs: Vec<Range<usize>> = vec![];
    let mut run: Option<Range<usize>> = None;
    for (i, &(at, c)) in chars.iter().enumerate() {
        let next_is_digit = chars.get(i + 1).is_some_and(|&(next, d)| next == at + 1 && is_digit(d));
        let joins = matches!(c, '.' | '．') && run.as_ref().is_some_and(|r| r.end == at) && next_is_digit;
        match &mut run {
            Some(r) if r.end == at && (is_digit(c) || joins) => r.end = at + c.len_utf8(),
            _ if is_digit(c) => runs.extend(run.replace(at..at + c.len_utf8())),
            _ => runs.extend(run.take()),
        }
    }
    runs.extend(run);
    runs.retain(|range| text[range.clone()].chars().any(is_digit));
    runs
}

/// Whether digits are a character reference such as `&#12288;`.
fn is_entity(text: &str, range: &Range<usize>) -> bool {
    text[..range.start].ends_with("&#") && text[range.end..].starts_with(';')
}

/// The characters inside the string literals of a template's tags, with their offsets.
fn string_literals(text: &str) -> Vec<(usize, char)> {
    let mut found = vec![];
    for (start, tag) in tags(text) {
        let mut quote: Option<char> = None;
        let mut escaped = false;
        for (i, c) in tag.char_indices() {
            match quote {
                Some(_) if escaped => escaped = false,
                Some(_) if c == '\\' => escaped = true,
                Some(q) if c == q => quote = None,
                Some(_) => found.push((start + i, c)),
                None if matches!(c, '"' | '\'' | '`') => quote = Some(c),
                None => {}
            }
        }
    }
    found
}

/// A number with the characters around it, as a literal to declare (`秦嶺6市`).
fn surrounding(text: &str, range: Range<usize>) -> String {
    let before: String = text[..range.start].chars().rev().take(2).take_while(|c| is_chinese(*c)).collect();
    let after: String = text[range.end..].chars().take(1).take_while(|c| is_chinese(*c)).collect();
    format!("{}{}{after}", before.chars().rev().collect::<String>(), &text[range])
}

/// Han characters and full-width CJK punctuation.
fn is_chinese(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3FFFF}' | '“' | '”' | '‘' | '’')
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn division_and_decimal_literals_are_refused() {
        let source = Source::new(
            "t.md",
            "{{ a / b }} {{ a // 2 }} {{ \"1/2\" }} {{ x * 1.5 }} {{ v2.5 }} {# 1/2 #} 3/4 {{ 10 % 3 }} {{ <tally g={x}/> }}",
        );
        let found: Vec<String> =
            inexact_arithmetic(&source, &source.text).iter().map(Diagnostic::message).map(str::to_string).collect();
        assert_eq!(found, ["division in a template", "division in a template", "a decimal number in a template"]);
    }

    #[test]
    fn exact_reads_integers_and_decimal_text() {
        assert_eq!(exact(&Value::from(12u64)), Some(Decimal::from(12)));
        assert_eq!(exact(&Value::from("-8.37")), Decimal::from_str_exact("-8.37").ok());
        assert_eq!(exact(&Value::from("abc")), None);
        assert_eq!(exact(&Value::from("1e5")), None);
        assert_eq!(exact_value(Decimal::from_str_exact("0.30").unwrap()), Value::from("0.30"));
        assert_eq!(exact_value(Decimal::from(21)), Value::from(21i64));
    }
}
