//! A series as its builds use it: the schema, the parsed templates, the stylesheets,
//! the editions with their converters, loaded once per process from one snapshot of
//! its template files.

use std::sync::Arc;

use crate::core::schema::{Edition, SCHEMA_FILE, Series};
use crate::diag;
use crate::input::defaults;
use crate::input::schema;
use crate::input::snapshot::SeriesFiles;
use crate::render::edition::Converter;
use crate::render::template::Renderer;
use crate::render::typst::markup::{Accepts, LAYOUT_FILE};

/// The stylesheet of a series' web article (the page's and the fragment's).
pub const STYLE_FILE: &str = "style.css";

/// The stylesheet of the standalone web page around the article (optional).
pub const PAGE_STYLE_FILE: &str = "page.css";

/// A series' schema and templates, loaded once per process from one snapshot of its
/// template files.
pub struct LoadedSeries {
    /// The folder name.
    pub name: String,
    /// The template files, as read.
    pub files: Arc<SeriesFiles>,
    /// The schema from `series.yaml`.
    pub schema: Series,
    /// The parsed Tera templates.
    pub renderer: Renderer,
    /// The editions, the first in the templates' own language, each with the
    /// converter of its text.
    pub editions: Vec<(Edition, Converter)>,
    /// The web article's stylesheet.
    pub css: String,
    /// The standalone page's own stylesheet (may be empty).
    pub page_css: String,
    /// The arguments its layout's `bulletin` function takes.
    pub accepts: Accepts,
    /// The files every build of the series reads: the schema, the Tera templates,
    /// the stylesheet.
    pub(crate) read: Vec<String>,
}

impl LoadedSeries {
    /// Loads a series from its template files: the schema, the Tera templates, the
    /// stylesheets, what its layout takes and a converter per edition.
    pub fn load(files: SeriesFiles) -> diag::Result<Self> {
        let schema = schema::load(&files)?;
        let renderer = Renderer::load(&files, &schema)?;
        let mut taken = vec![];
        let css = stylesheet(&files, STYLE_FILE, &mut taken)?;
        let page_css = stylesheet(&files, PAGE_STYLE_FILE, &mut taken)?;
        // The series' layout, or the built-in one (input::defaults).
        let accepts = files.text(LAYOUT_FILE).map_or(Accepts::Unknown, |source| Accepts::of(&source.text));
        let own = schema.language();
        let overrides: Vec<(String, String)> =
            schema.conversion.overrides.iter().map(|(from, to)| (from.clone(), to.clone())).collect();
        let editions = schema
            .editions()
            .into_iter()
            .map(|edition| {
                let converter = Converter::new(own, edition.language, &schema.conversion.protect, &overrides);
                (edition, converter)
            })
            .collect();
        let always =
            |name: &str| name == SCHEMA_FILE || name == STYLE_FILE || name == PAGE_STYLE_FILE || name.ends_with(".md");
        let read = files
            .own_files()
            .filter(|name| always(name))
            .map(|name| format!("{}/{name}", files.dir()))
            .chain(taken)
            .collect();
        Ok(Self {
            name: files.name.clone(),
            files: Arc::new(files),
            schema,
            renderer,
            editions,
            css,
            page_css,
            accepts,
            read,
        })
    }

    /// A bulletin's title (rendered for its period), the issuing office and the lines
    /// the series breaks the title into, in an edition's script: what its head says.
    pub fn head_texts(&self, converter: &Converter, title: &str) -> (String, String, Vec<String>) {
        let lines = self.schema.title_lines.iter().map(|line| converter.text(line)).collect();
        (converter.text(title), converter.text(&self.schema.author), lines)
    }
}

/// A stylesheet of the series (its own, or the default one where it has none), with
/// the line that takes up the default one (`@import "../_default/style.css";`)
/// replaced by it; `taken` gets the default's path when it is.
fn stylesheet(files: &SeriesFiles, name: &str, taken: &mut Vec<String>) -> diag::Result<String> {
    let css = files.text(name)?.text.clone();
    let import = defaults::css_import(name);
    if !css.lines().any(|line| line.trim() == import) {
        return Ok(css);
    }
    let default = defaults::FILES.iter().find(|(file, _)| *file == name).map_or("", |(_, text)| text);
    taken.push(format!("templates/{}/{name}", defaults::DEFAULTS));
    Ok(css.lines().map(|line| if line.trim() == import { default } else { line }).collect::<Vec<_>>().join("\n"))
}

/// The editions of `editions` (every one when it is empty), in the series' order.
pub fn selected<'a>(
    series: &'a LoadedSeries,
    editions: &'a [String],
) -> impl Iterator<Item = &'a (Edition, Converter)> {
    series.editions.iter().filter(move |(edition, _)| editions.is_empty() || editions.contains(&edition.tag))
}
