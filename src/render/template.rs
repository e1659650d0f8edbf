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
use crate::core::format::{Script, Word};
use crate::core::markdown;
use crate::core::schema::Series;
use crate::diag::{self, Diagnostic, Source};
use crate::i18n::{Text, t};
use crate::input::snapshot::SeriesFiles;
use crate::render::chart::Chart;
use crate::render::{budget, filters, lints, tera_words};

/// The name under which a templated title is kept.
const TITLE_TEMPLATE: &str = "series.yaml (title)";

/// The template of a series that renders the bulletin's Markdown.
pub const BULLETIN_TEMPLATE: &str = "bulletin.md";

/// The template of a series that renders a correction note.
pub const CORRECTION_TEMPLATE: &str = "correction.md";

/// The name under which the title of a correction notice issued on its own is kept
/// (series.yaml's `correction.notice_title`, or the default of the series' script).
const NOTICE_TITLE_TEMPLATE: &str = "series.yaml (correction.notice_title)";

/// A change as a correction note prints it: the figure's name, as printed before, as
/// printed now.
pub type ShownChange = (String, String, String);

/// What a correction note says.
pub struct CorrectionWords<'a> {
    /// The bulletin's title, to cite it by.
    pub title: &'a str,
    /// The issuing office.
    pub office: &'a str,
    /// The day of this correction (`2019年11月20日`).
    pub date: &'a str,
    /// The release corrected: the number of the version before and the day the
    /// period was first published (the release a correction cites).
    pub previous: (u32, &'a str),
    /// Why this correction (for a textual correction: what).
    pub reason: Option<&'a str>,
    /// What a reader sees change in this correction.
    pub changes: &'a [ShownChange],
    /// Every correction of the release so far, this one last.
    pub corrections: &'a [CorrectionDay],
}

/// One correction of a release, as a later note lists it.
#[derive(Debug, Clone)]
pub struct CorrectionDay {
    /// Its day in words (`2019年11月18日`).
    pub date: String,
    /// Its day as a list of several names it (`11月18日`).
    pub day: String,
    /// Why.
    pub reason: Option<String>,
    /// What a reader saw change.
    pub changes: Vec<ShownChange>,
}

/// A series' parsed templates, ready to render any number of periods.
pub struct Renderer {
    tera: Arc<Tera>,
    /// Template sources by name, to show template errors with their lines.
    sources: BTreeMap<String, Arc<Source>>,
    /// Whether the title is a template (else it is the text of series.yaml).
    title_template: bool,
    /// Numbers the prose means to write (series.yaml's `literals`).
    literals: Vec<String>,
    /// The text of the templates that stand inside series.yaml (the title, the
    /// notice's title): the schema blanked out but for the template, so offsets are
    /// series.yaml's.
    blanked: BTreeMap<String, String>,
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
            return Diagnostic::error(t!("snapshot-no-file", name = BULLETIN_TEMPLATE))
                .help(t!("snapshot-create-file", path = format!("{}/{BULLETIN_TEMPLATE}", files.dir())))
                .into_err();
        }
        let script = series.language().script;
        if !sources.contains_key(CORRECTION_TEMPLATE) {
            // The series' language decides the wording where the series does not.
            let (name, text) = default_correction(script);
            sources.insert(CORRECTION_TEMPLATE.to_string(), Source::new(name, text));
        }
        let title_template = series.title_is_template();
        // A plain title is scanned for typed numbers too.
        let mut blanked = BTreeMap::new();
        let (title, title_text) = yaml_template(files, TITLE_TEMPLATE, &series.title, series.title_at.clone())?;
        sources.insert(TITLE_TEMPLATE.to_string(), title);
        blanked.extend(title_text.map(|text| (TITLE_TEMPLATE.to_string(), text)));
        let notice_title = series.correction.notice_title.as_deref().unwrap_or(script.word(Word::NoticeTitle));
        let at = series.correction.notice_title.as_ref().and(series.notice_title_at.clone());
        let (notice, notice_text) = yaml_template(files, NOTICE_TITLE_TEMPLATE, notice_title, at)?;
        sources.insert(NOTICE_TITLE_TEMPLATE.to_string(), notice);
        blanked.extend(notice_text.map(|text| (NOTICE_TITLE_TEMPLATE.to_string(), text)));
        let tera = Arc::new(tera);
        let mut renderer = Self { tera, sources, title_template, literals: series.literals.clone(), blanked };
        let templates: Vec<(String, String)> = renderer
            .scanned()
            .filter(|(source, _)| title_template || !Arc::ptr_eq(source, &renderer.sources[TITLE_TEMPLATE]))
            .map(|(source, text)| (renderer.name_of(source), text.to_string()))
            .collect();
        // Tera's syntax errors first: the check below reads tags Tera could parse.
        // The instance is not shared yet: no render has started.
        let Some(tera) = Arc::get_mut(&mut renderer.tera) else { unreachable!("a new Tera instance is not shared") };
        tera.add_raw_templates(templates).map_err(|err| vec![template_error(&err, &renderer.sources, None)])?;
        let refused: Vec<Diagnostic> = renderer
            .scanned()
            .flat_map(|(source, text)| {
                [diag::invisible(source, text), lints::inexact_arithmetic(source, text)].concat()
            })
            .collect();
        if !refused.is_empty() {
            return Err(refused);
        }
        renderer.trial()?;
        Ok(renderer)
    }

    /// Renders the correction note and the notice title once with every variable
    /// they see, one correction and several, so a variable they do not know is an
    /// error of `check`, at its line, rather than text printed in a published notice.
    fn trial(&self) -> diag::Result<()> {
        let change = ("甲".to_string(), "1".to_string(), "2".to_string());
        let day = |reason: Option<&str>| CorrectionDay {
            date: "2019年11月18日".into(),
            day: "11月18日".into(),
            reason: reason.map(str::to_string),
            changes: vec![change.clone()],
        };
        for (reason, corrections) in
            [(Some("原因"), vec![day(Some("原因"))]), (None, vec![day(None), day(Some("原因"))])]
        {
            let words = CorrectionWords {
                title: "標題",
                office: "機關",
                date: "2019年11月18日",
                previous: (1, "2019年11月16日"),
                reason,
                changes: std::slice::from_ref(&change),
                corrections: &corrections,
            };
            self.correction(&words)?;
        }
        self.notice_title("標題").map(drop)
    }

    /// Each template with the text its checks read: its own, or for the title the
    /// schema blanked out but for the title.
    fn scanned(&self) -> impl Iterator<Item = (&Arc<Source>, &str)> {
        self.sources.iter().map(|(name, source)| match self.blanked.get(name) {
            Some(text) => (source, text.as_str()),
            None => (source, source.text.as_str()),
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
        let title = self.render(TITLE_TEMPLATE, &context, Some(figure_file))?;
        let title = title.trim().to_string();
        if title.is_empty() || title.contains(['\n', '\r']) {
            let diagnostic = Diagnostic::error(t!("template-title", file = figure_file));
            let at = self.blanked.get(TITLE_TEMPLATE).and_then(|text| text.find(|c: char| !c.is_whitespace()));
            return match at {
                Some(at) => diagnostic.at(&self.sources[TITLE_TEMPLATE], at..at + 1, t!("template-this-title")),
                None => diagnostic.noting(t!("template-title-declared", path = &series.path)),
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

    /// Renders the correction note of a version from `correction.md`: the release it
    /// corrects, why, and each change a reader sees, with every earlier correction of
    /// the same release.
    pub fn correction(&self, note: &CorrectionWords<'_>) -> diag::Result<String> {
        let mut context = Context::new();
        let mut earlier = tera::Map::new();
        earlier.insert("version".into(), Value::from(note.previous.0));
        earlier.insert("date".into(), Value::from(note.previous.1));
        context.insert_value("previous", Value::from(earlier));
        context.insert_value("title", Value::from(note.title));
        context.insert_value("office", Value::from(note.office));
        context.insert_value("date", Value::from(note.date));
        context.insert_value("reason", note.reason.map_or(Value::none(), Value::from));
        context.insert_value("changes", changes(note.changes));
        let corrections: Vec<Value> = note
            .corrections
            .iter()
            .map(|day| {
                let mut map = tera::Map::new();
                map.insert("date".into(), Value::from(day.date.as_str()));
                map.insert("day".into(), Value::from(day.day.as_str()));
                map.insert("reason".into(), day.reason.as_deref().map_or(Value::none(), Value::from));
                map.insert("changes".into(), changes(&day.changes));
                Value::from(map)
            })
            .collect();
        context.insert_value("corrections", Value::from(corrections));
        let note = self.render(CORRECTION_TEMPLATE, &context, None)?;
        Ok(note.trim().to_string())
    }

    /// The title of the correction notice of a bulletin titled `title`.
    pub fn notice_title(&self, title: &str) -> diag::Result<String> {
        let mut context = Context::new();
        context.insert("title", title);
        let rendered = self.render(NOTICE_TITLE_TEMPLATE, &context, None)?;
        Ok(rendered.trim().to_string())
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
        self.render(BULLETIN_TEMPLATE, &context, Some(figure_file))
    }
}

impl Renderer {
    /// Renders one template within the limits of [`budget`]; its errors point into
    /// the template and name the figure file being rendered.
    fn render(&self, name: &str, context: &Context, figure_file: Option<&Path>) -> diag::Result<String> {
        let text = self.render_bounded(name, context, figure_file)?;
        let refused: Vec<Diagnostic> =
            markdown::refused_links(&text).iter().map(|target| self.refused_link(name, target)).collect();
        if refused.is_empty() { Ok(text) } else { Err(refused) }
    }

    /// The error for a link target a bulletin may not hold, at its line in the
    /// templates when it is written there.
    fn refused_link(&self, name: &str, target: &str) -> Diagnostic {
        let error = Diagnostic::error(t!("template-link-refused", target = target)).help(t!("link-help"));
        let written = self.sources.values().find_map(|source| Some((source, source.text.find(target)?)));
        match written {
            Some((source, at)) => error.at(source, at..at + target.len(), t!("template-this-link")),
            None => error.noting(t!("template-link-made-by", name = name)),
        }
    }

    /// Renders within the limits of [`budget`].
    fn render_bounded(&self, name: &str, context: &Context, figure_file: Option<&Path>) -> diag::Result<String> {
        budget::render(&self.tera, name, context).map_err(|(err, exceeded)| {
            let error = template_error(&err, &self.sources, figure_file);
            let Some(exceeded) = exceeded else { return vec![error] };
            let what = exceeded.describe();
            let stopped = Diagnostic::error(match figure_file {
                Some(path) => t!("template-stopped-rendering", name = name, file = path, what = what),
                None => t!("template-stopped", name = name, what = what),
            });
            let stopped = match error.primary() {
                Some((source, range)) => stopped.at(source, range, t!("template-stopped-here")),
                None => stopped,
            };
            vec![stopped.help(match exceeded {
                budget::Exceeded::Time(_) => t!("template-too-long-help"),
                budget::Exceeded::Output(_) => t!("template-too-much-help"),
            })]
        })
    }
}

/// A value of series.yaml that is a template (the title, the notice's title) as a
/// template of its own whose errors point into series.yaml: the schema's text with
/// everything but the value blanked out (lines kept), so Tera's lines and columns are
/// series.yaml's. A value written with escapes (`\"`), or not written at all (a
/// default), cannot be found in the text as it reads; it stands on its own then.
fn yaml_template(
    files: &SeriesFiles,
    name: &str,
    value: &str,
    at: Option<Range<usize>>,
) -> diag::Result<(Arc<Source>, Option<String>)> {
    let schema = files.text(crate::core::schema::SCHEMA_FILE)?;
    let start = at.and_then(|span| {
        let text = &schema.text;
        [span.start, span.start + 1].into_iter().find(|&at| text.get(at..at + value.len()) == Some(value))
    });
    let Some(start) = start else {
        return Ok((Source::new(format!("{}/{name}", files.dir()), value.to_string()), None));
    };
    let kept = start..start + value.len();
    // Every byte outside the value a space (line ends kept), so offsets stay.
    let mut blank = String::with_capacity(schema.text.len());
    for (i, c) in schema.text.char_indices() {
        if kept.contains(&i) || c == '\n' {
            blank.push(c);
        } else {
            blank.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
    Ok((schema, Some(blank)))
}

/// The correction note's template when the series has none: the default wording of
/// its script, and the name it is shown by.
fn default_correction(script: Script) -> (&'static str, &'static str) {
    match script {
        Script::Hant => ("correction.md (default, zh-Hant)", include_str!("assets/correction.zh-Hant.md")),
        Script::Hans => ("correction.md (default, zh-Hans)", include_str!("assets/correction.zh-Hans.md")),
    }
}

/// Changes as a template sees them: `label`, `old`, `new`.
fn changes(changes: &[ShownChange]) -> Value {
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
    Value::from(changes)
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
    let report = match err.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => Some(report),
        _ => None,
    };
    let Some(report) = report else {
        let text = err.to_string();
        if let Some(diagnostic) = parse_report(&text, sources, figure_file) {
            return diagnostic;
        }
        return template_diagnostic(&text, figure_file);
    };
    let diagnostic = template_diagnostic(report.message(), figure_file);
    match sources.get(report.filename()) {
        Some(source) => diagnostic.at(source, report.span().range.clone(), t!("template-here")),
        None => diagnostic.note(format!("note: {}", t!("template-in", name = report.filename()))),
    }
}

/// `template error: …` with Tera's message in the user's words, keeping the key of
/// the words (`tera-unknown-filter`) for `--show-keys`.
fn template_diagnostic(message: &str, figure_file: Option<&Path>) -> Diagnostic {
    let (said, notes) = tera_words::said(message).unwrap_or_else(|| (Text::from(lowercase_first(message)), vec![]));
    let key = said.key;
    let text = match figure_file {
        Some(file) => t!("template-error-rendering", file = file, message = said),
        None => t!("template-error", message = said),
    };
    let text = Text { key: key.or(text.key), text: text.text };
    notes.into_iter().fold(Diagnostic::error(text), Diagnostic::note)
}

/// Tera reports some errors (an unknown filter, test or component) only as text:
/// `error: …` then ` --> name:line:column` and a caret line. Reads the first back
/// into a diagnostic on our copy of the template.
fn parse_report(text: &str, sources: &BTreeMap<String, Arc<Source>>, figure_file: Option<&Path>) -> Option<Diagnostic> {
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
    Some(template_diagnostic(message, figure_file).at(source, range, t!("template-here")))
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
