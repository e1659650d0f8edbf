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

use tera::{Context, Tera, Value};

use crate::core::figure::{Figure, Figures};
use crate::core::schema::Series;
use crate::diag::{self, Diagnostic, Source};
use crate::input::snapshot::SeriesFiles;
use crate::render::chart::Chart;
use crate::render::{filters, lints};

/// The name under which a templated title is kept.
const TITLE_TEMPLATE: &str = "series.yaml (title)";

/// The template of a series that renders the bulletin's Markdown.
pub const BULLETIN_TEMPLATE: &str = "bulletin.md";

/// The template of a series that renders a correction note.
pub const CORRECTION_TEMPLATE: &str = "correction.md";

/// What a correction note says, besides its changes.
pub struct CorrectionWords<'a> {
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
        filters::register(&mut tera, series.language().script);
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
            renderer.scanned().flat_map(|(source, text)| lints::inexact_arithmetic(source, text)).collect();
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
    /// `literals`), and punctuation that GB/T 15834 writes full-width.
    pub fn prose_warnings(&self) -> Vec<Diagnostic> {
        let scanned: Vec<(&Arc<Source>, &str)> = self.scanned().collect();
        lints::prose(&scanned, &self.literals)
    }

    /// Where a character is first written in the templates' text (outside Tera
    /// tags and comments), if it is.
    pub fn find(&self, c: char) -> Option<(Arc<Source>, Range<usize>)> {
        self.scanned().find_map(|(source, text)| {
            let (at, _) = lints::outside_tags(text).find(|&(_, found)| found == c)?;
            Some((Arc::clone(source), at..at + c.len_utf8()))
        })
    }

    /// Renders the correction note of a version from `correction.md`: what the
    /// earlier version was, why it is corrected and each changed figure in words.
    pub fn correction(&self, note: &CorrectionWords<'_>, changes: &[(String, String, String)]) -> diag::Result<String> {
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
    let schema = files.text(crate::core::schema::SCHEMA_FILE)?;
    let start = series.title_at.clone().and_then(|span| {
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

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
