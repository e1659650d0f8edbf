//! The Tera instance of a series and the filters that turn figures into words
//! (萬/億 amounts, dates, year-on-year changes); figures → Markdown.
//!
//! All arithmetic here is on integers: a figure never passes through floating point
//! on its way into a sentence.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use tera::{Context, Kwargs, State, Tera, Value};

use crate::diag::{self, Diagnostic, Source};
use crate::figures::{Date, Figures};
use crate::series::Series;
use crate::snapshot::SeriesFiles;

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
}

impl Renderer {
    /// Parses every `*.md` template of a series folder once.
    pub fn load(files: &SeriesFiles) -> diag::Result<Self> {
        let mut tera = Tera::default();
        register_filters(&mut tera);
        let mut sources = BTreeMap::new();
        for name in files.own_files().filter(|name| name.ends_with(".md")) {
            sources.insert(name.to_string(), files.text(name)?);
        }
        if !sources.contains_key(BULLETIN_TEMPLATE) {
            return Diagnostic::error(format!("the series has no `{BULLETIN_TEMPLATE}` template"))
                .note(format!("help: create `{}/{BULLETIN_TEMPLATE}`", files.dir()))
                .into_err();
        }
        let templates = sources.iter().map(|(name, source)| (name.as_str(), source.text.as_str()));
        tera.add_raw_templates(templates).map_err(|err| vec![template_error(&err, &sources, None)])?;
        Ok(Self { tera, sources })
    }

    /// Warnings for punctuation that GB/T 15834 writes full-width: a half-width
    /// `,` `;` `:` `(` `)` `!` `?` between Chinese characters, and a space between
    /// Chinese characters, in the templates' text (Tera tags are left alone).
    pub fn punctuation_warnings(&self) -> Vec<Diagnostic> {
        let mut warnings = vec![];
        for source in self.sources.values() {
            let text = &source.text;
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

    /// Where a character is first written in the templates' text (outside Tera
    /// tags and comments), if it is.
    pub fn find(&self, c: char) -> Option<(Arc<Source>, std::ops::Range<usize>)> {
        self.sources.values().find_map(|source| {
            let (at, _) = outside_tags(&source.text).find(|&(_, found)| found == c)?;
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

    /// Renders the bulletin's Markdown for one period.
    pub fn markdown(
        &self,
        series: &Series,
        figures: &Figures,
        totals: &BTreeMap<String, u64>,
        correction: Option<&str>,
        figure_file: &Path,
    ) -> diag::Result<String> {
        let mut context = context(series, figures, totals);
        context.insert_value("correction", correction.map_or(Value::none(), Value::from));
        self.tera
            .render(BULLETIN_TEMPLATE, &context)
            .map_err(|err| vec![template_error(&err, &self.sources, Some(figure_file))])
    }
}

/// The variables a template sees: `series`, `as_of`, `figures.<group>.<field>` (absent
/// optional figures are `none`), `totals.<field>` and `correction` (the correction
/// note of a corrected version, else `none`).
fn context(series: &Series, figures: &Figures, totals: &BTreeMap<String, u64>) -> Context {
    let mut groups = tera::Map::new();
    for (name, spec) in &series.groups {
        let mut fields = tera::Map::new();
        for field in spec.fields.keys() {
            let value = figures.get(name, field).map_or(Value::none(), Value::from);
            fields.insert(field.clone().into(), value);
        }
        groups.insert(name.clone().into(), Value::from(fields));
    }
    let mut sums = tera::Map::new();
    for (field, value) in totals {
        sums.insert(field.clone().into(), Value::from(*value));
    }
    let mut meta = tera::Map::new();
    meta.insert("title".into(), Value::from(series.title.as_str()));
    meta.insert("author".into(), Value::from(series.author.as_str()));
    let mut context = Context::new();
    context.insert_value("series", Value::from(meta));
    context.insert("as_of", &figures.as_of.to_string());
    context.insert_value("figures", Value::from(groups));
    context.insert_value("totals", Value::from(sums));
    context
}

fn register_filters(tera: &mut Tera) {
    tera.register_filter("amount", |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
        allow_kwargs("amount", &kwargs, &[])?;
        let yuan =
            value.as_u64().ok_or_else(|| expected("amount", "whole yuan such as `figures.food.amount_yuan`", value))?;
        Ok(amount(yuan))
    });
    tera.register_filter("month_day", |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
        allow_kwargs("month_day", &kwargs, &[])?;
        let text = value.as_str().ok_or_else(|| expected("month_day", "a date such as `as_of`", value))?;
        Ok(month_day(Date::parse(text).map_err(tera::Error::message)?))
    });
    tera.register_filter("year_on_year", |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
        allow_kwargs("year_on_year", &kwargs, &["prior"])?;
        let current = value.as_u64().ok_or_else(|| expected("year_on_year", "a count such as `g.cases`", value))?;
        // Without last year's figure (absent: `none`) there is nothing to compare.
        let prior: Option<Value> = kwargs.get("prior")?;
        let Some(prior) = prior.filter(|v| !v.is_none() && !v.is_undefined()) else { return Ok(Value::none()) };
        let prior = prior.as_u64().ok_or_else(|| expected("year_on_year", "`prior` to be a count", &prior))?;
        Ok(year_on_year(current, prior).into_value())
    });
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

/// An amount of yuan in words: `16.7億元`, `6588.4萬元`, `9000元`.
///
/// 萬 is yuan/10⁴ rounded half-up to one decimal; from 10000萬 on the amount is given
/// in 億 (yuan/10⁸, rounded the same way), below 1萬 in whole yuan. A trailing `.0` is
/// dropped.
pub fn amount(yuan: u64) -> String {
    let yuan = u128::from(yuan);
    let wan_tenths = (yuan + 500) / 1_000;
    if wan_tenths >= 100_000 {
        let yi_tenths = (yuan + 5_000_000) / 10_000_000;
        format!("{}億元", tenths(yi_tenths))
    } else if wan_tenths >= 10 {
        format!("{}萬元", tenths(wan_tenths))
    } else {
        format!("{yuan}元")
    }
}

/// A number of tenths as a decimal, without a trailing `.0`.
fn tenths(n: u128) -> String {
    match n % 10 {
        0 => format!("{}", n / 10),
        d => format!("{}.{d}", n / 10),
    }
}

/// A date as the bulletin writes it: `11月15日`.
pub fn month_day(date: Date) -> String {
    format!("{}月{}日", date.month, date.day)
}

/// The change from last year's figure to this year's.
#[derive(Debug, PartialEq, Eq)]
pub struct YearOnYear {
    /// -1 fewer, 0 the same, 1 more.
    pub change: i8,
    /// How many more or fewer, as a positive number.
    pub diff: u64,
    /// |diff| / prior in percent, rounded half-up to one decimal and always printed
    /// with it (`19.8`, `20.0`); `None` when last year's figure is zero.
    pub percent: Option<String>,
}

impl YearOnYear {
    fn into_value(self) -> Value {
        let mut map = tera::Map::new();
        map.insert("change".into(), Value::from(i64::from(self.change)));
        map.insert("diff".into(), Value::from(self.diff));
        map.insert("percent".into(), self.percent.map_or(Value::none(), Value::from));
        Value::from(map)
    }
}

/// Compares this year's figure with last year's.
pub fn year_on_year(current: u64, prior: u64) -> YearOnYear {
    let change = match current.cmp(&prior) {
        std::cmp::Ordering::Less => -1,
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => 1,
    };
    let diff = current.abs_diff(prior);
    let percent = (prior > 0).then(|| {
        let (diff, prior) = (u128::from(diff), u128::from(prior));
        // Tenths of a percent, rounded half-up: (diff * 1000 / prior) + ½.
        let tenths = (diff * 2000 + prior) / (2 * prior);
        format!("{}.{}", tenths / 10, tenths % 10)
    });
    YearOnYear { change, diff, percent }
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
    fn amounts_switch_units_at_the_boundaries() {
        assert_eq!(amount(1_665_884_000), "16.7億元");
        assert_eq!(amount(1_350_000_000), "13.5億元");
        assert_eq!(amount(65_884_000), "6588.4萬元");
        assert_eq!(amount(250_000_000), "2.5億元");
        assert_eq!(amount(12_345), "1.2萬元");
        // 9999.99萬 rounds to 10000.0萬, which is written as 億.
        assert_eq!(amount(99_999_999), "1億元");
        assert_eq!(amount(99_949_999), "9995萬元");
        assert_eq!(amount(99_949_000), "9994.9萬元");
        assert_eq!(amount(99_950_000), "9995萬元");
        assert_eq!(amount(99_999_499), "9999.9萬元");
        assert_eq!(amount(99_999_500), "1億元");
        assert_eq!(amount(100_000_000), "1億元");
        assert_eq!(amount(104_999_999), "1億元");
        assert_eq!(amount(105_000_000), "1.1億元");
        // Half-up, not half-even.
        assert_eq!(amount(12_350), "1.2萬元");
        assert_eq!(amount(12_450), "1.2萬元");
        assert_eq!(amount(12_550), "1.3萬元");
        // Below 1萬 after rounding: whole yuan.
        assert_eq!(amount(9_499), "9499元");
        assert_eq!(amount(9_500), "1萬元");
        assert_eq!(amount(10_000), "1萬元");
        assert_eq!(amount(0), "0元");
        assert_eq!(amount(u64::MAX), "184467440737.1億元");
    }

    #[test]
    fn dates_drop_leading_zeros() {
        assert_eq!(month_day(Date { year: 2019, month: 11, day: 15 }), "11月15日");
        assert_eq!(month_day(Date { year: 2020, month: 1, day: 5 }), "1月5日");
    }

    #[test]
    fn year_on_year_rounds_half_up_and_keeps_one_decimal() {
        let up = year_on_year(127, 106);
        assert_eq!(up, YearOnYear { change: 1, diff: 21, percent: Some("19.8".into()) });
        let down = year_on_year(90, 106);
        assert_eq!(down, YearOnYear { change: -1, diff: 16, percent: Some("15.1".into()) });
        assert_eq!(year_on_year(106, 106), YearOnYear { change: 0, diff: 0, percent: Some("0.0".into()) });
        assert_eq!(year_on_year(12, 10).percent.as_deref(), Some("20.0"));
        // 1/8 = 12.5% exactly; 1/16 = 6.25% rounds up to 6.3.
        assert_eq!(year_on_year(9, 8).percent.as_deref(), Some("12.5"));
        assert_eq!(year_on_year(17, 16).percent.as_deref(), Some("6.3"));
        assert_eq!(year_on_year(5, 0), YearOnYear { change: 1, diff: 5, percent: None });
        assert_eq!(year_on_year(u64::MAX, 1).diff, u64::MAX - 1);
    }
}
