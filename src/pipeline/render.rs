//! "Render this input": a figure file's outputs in memory, as a plain build or as a
//! published version. The one entry every command goes through (build, check, diff,
//! fonts, the preview, publish and verify), so none of them can make a bulletin
//! differently.
//!
//! The Markdown is rendered once, in the templates' own language; then each edition's
//! copy is converted and the formats are made from it: HTML and its fragment, Typst
//! → PDF, Word. A published version from v2 on opens with its correction note and
//! carries the notice issued on its own.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use typst::text::Font;

use crate::core::figure::Figures;
use crate::core::format::{self as words, DateStyle, Word};
use crate::core::markdown;
use crate::core::schema::Edition;
use crate::diag::{self, Diagnostic};
use crate::io::fault;
use crate::pipeline::formats::{self, Format};
use crate::pipeline::series::{LoadedSeries, selected};
use crate::pipeline::workspace::{Input, Workspace};
use crate::render::edition::Converter;
use crate::render::html::{self, PageMeta};
use crate::render::template::CorrectionWords;
use crate::render::typst::compile::Archival;
use crate::render::typst::markup::{self, Attachment, Head};
use crate::render::{chart, docx};

/// Each output's bytes, by edition (its suffix: empty for the first edition,
/// `.zh-Hans` for another) and format.
pub type Outputs = BTreeMap<(String, Format), Vec<u8>>;

/// What to render of an input.
pub struct Job<'a> {
    /// The formats.
    pub formats: &'a [Format],
    /// The editions, by language tag (empty: every one).
    pub editions: &'a [String],
    /// The published version this is, if it is one.
    pub version: Option<&'a Version>,
}

/// What makes a published version differ from a plain build.
pub struct Version {
    /// The version number, from 1.
    pub number: u32,
    /// What its correction note says, from v2 on.
    pub correction: Option<Correction>,
    /// Files embedded in the PDF.
    pub attachments: Vec<Attachment>,
    /// Where the version lives, as shown (also the PDF's identifier).
    pub ident: PathBuf,
}

/// What a correction note says, rendered by the series' `correction.md`.
pub struct Correction {
    /// The day the corrected release was first published, in words.
    pub released: String,
    /// The day of this correction, in words.
    pub today: String,
    /// The version corrected.
    pub previous: u32,
    /// Why (for a textual correction: what), as the user wrote it.
    pub reason: Option<String>,
    /// Each change a reader sees: label, as printed before, as printed now.
    pub changes: Vec<(String, String, String)>,
}

/// A figure file's outputs, in memory.
pub struct Rendered {
    /// The period's figures, validated.
    pub figures: Figures,
    /// The headline totals derived from them.
    pub totals: BTreeMap<String, u64>,
    /// The bulletin's title for this period.
    pub title: String,
    /// Each output's bytes, by edition and format.
    pub outputs: Outputs,
    /// A corrected version's notice, issued on its own: by edition (in the series'
    /// order) and format.
    pub notice: Vec<(String, Format, Vec<u8>)>,
    /// The fonts the PDFs' text is set in (empty without a PDF).
    pub fonts: Vec<Font>,
    /// Warnings raised on the way.
    pub warnings: Vec<Diagnostic>,
    /// The template files read, by path from the project root.
    pub read: BTreeSet<String>,
}

impl Rendered {
    /// The Markdown of the first edition, when it was asked for.
    pub fn markdown(&self) -> &str {
        self.outputs
            .get(&(String::new(), Format::Md))
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .unwrap_or_default()
    }

    /// Every output by file name, the bulletin's then the notice's
    /// (`2019-11-15-correction.pdf`), as a version archives them.
    pub fn files(self, stem: &str) -> Vec<(String, Vec<u8>)> {
        let notice = format!("{stem}-correction");
        let bulletin = self
            .outputs
            .into_iter()
            .map(|((suffix, format), bytes)| (formats::file_name(stem, &suffix, format), bytes));
        let notice = self
            .notice
            .into_iter()
            .map(|(suffix, format, bytes)| (formats::file_name(&notice, &suffix, format), bytes));
        bulletin.chain(notice).collect()
    }
}

/// Outputs made from one edition's Markdown, with what making them used.
#[derive(Default)]
struct Made {
    outputs: BTreeMap<Format, Vec<u8>>,
    fonts: Vec<Font>,
    warnings: Vec<Diagnostic>,
    read: BTreeSet<String>,
}

/// One edition's document to make: its Markdown, head and identifier.
struct Document<'a> {
    md: &'a str,
    head: Head<'a>,
    ident: PathBuf,
    links: Vec<(String, String)>,
}

impl Workspace {
    /// Renders an input's outputs in memory: `job.formats` of `job.editions`, as a
    /// plain build or as the published version `job.version`.
    pub fn render(&self, input: &Input, job: &Job<'_>) -> diag::Result<Rendered> {
        let Input { file, series, .. } = input;
        let checked = input.check()?;
        let figures = checked.figures;
        let totals = input.totals(&figures)?;
        let title = series.renderer.title(&series.schema, &figures, &totals, &file.shown)?;
        let correction = match job.version.and_then(|version| version.correction.as_ref()) {
            Some(correction) => Some(self.correction(series, correction, &title)?),
            None => None,
        };
        let note = correction.as_ref().map(|(block, _)| block.as_str());
        let md = series.renderer.markdown(&series.schema, &figures, &totals, &title, note, &file.shown)?;
        let ident = match job.version {
            Some(version) => version.ident.clone(),
            None => self.project().shown(&self.output_path(file, "", Format::Typ)),
        };
        let mut rendered = Rendered {
            figures,
            totals,
            title: title.clone(),
            outputs: Outputs::new(),
            notice: vec![],
            fonts: vec![],
            warnings: checked.warnings,
            read: series.read.iter().cloned().collect(),
        };
        for pair @ (edition, converter) in selected(series, job.editions) {
            let (title, author, title_lines) = series.head_texts(converter, &title);
            let document = Document {
                md: &md,
                head: head(series, edition, &title, &title_lines, &author, &rendered.figures, job.version),
                ident: with_suffix(&ident, &edition.suffix),
                links: formats::links(&file.stem, &edition.suffix, job.formats),
            };
            let made = self.edition(series, pair, &document, job.formats).map_err(|errors| {
                // Which edition, when there are several.
                match series.editions.len() {
                    1 => errors,
                    _ => errors.into_iter().map(|e| e.note(format!("note: in the {} edition", edition.tag))).collect(),
                }
            })?;
            let suffix = edition.suffix.clone();
            rendered.outputs.extend(made.outputs.into_iter().map(|(format, bytes)| ((suffix.clone(), format), bytes)));
            rendered.add(made.fonts, made.warnings, made.read);
        }
        if let Some((_, notice)) = &correction {
            self.notice(input, &mut rendered, notice, &ident, job)?;
        }
        Ok(rendered)
    }

    /// The correction note that opens a corrected bulletin (a block set apart, under
    /// its heading) and the notice issued on its own (its own title, the note, the
    /// issuing office and the day of the correction), both Markdown.
    fn correction(
        &self,
        series: &LoadedSeries,
        correction: &Correction,
        title: &str,
    ) -> diag::Result<(String, String)> {
        let schema = &series.schema;
        // The note ends its own sentence: a reason's closing mark would double it.
        let trimmed = |r: &str| r.trim().trim_end_matches(['。', '；', '，', '.', ';', ',']).to_string();
        let reason = correction.reason.as_deref().map(|r| markdown::escape(&trimmed(r)));
        let words = CorrectionWords {
            title,
            office: &schema.author,
            date: &correction.today,
            previous: (correction.previous, &correction.released),
            reason: reason.as_deref(),
        };
        let note = series.renderer.correction(&words, &correction.changes)?;
        let quoted: String = note.lines().map(|line| format!("> {line}\n")).collect();
        let block = format!("> ## {}\n>\n{quoted}", schema.correction.heading);
        let notice_title = schema.correction.notice_title.replace("{title}", title);
        let notice = format!("# {notice_title}\n\n{note}\n\n{}\n\n{}\n", schema.author, correction.today);
        Ok((block, notice))
    }

    /// The notice of a corrected version, in every edition.
    fn notice(
        &self,
        input: &Input,
        rendered: &mut Rendered,
        md: &str,
        ident: &Path,
        job: &Job<'_>,
    ) -> diag::Result<()> {
        let series = &input.series;
        let stem = format!("{}-correction", input.file.stem);
        for pair @ (edition, converter) in &series.editions {
            let (title, author, title_lines) = series.head_texts(converter, &rendered.title);
            let document = Document {
                md,
                head: head(series, edition, &title, &title_lines, &author, &rendered.figures, job.version),
                ident: with_suffix(&ident.join("correction"), &edition.suffix),
                links: formats::links(&stem, &edition.suffix, job.formats),
            };
            let head = Head { attachments: &[], ..document.head };
            let made = self.edition(series, pair, &Document { head, ..document }, job.formats)?;
            for (format, bytes) in made.outputs {
                rendered.notice.push((edition.suffix.clone(), format, bytes));
            }
            rendered.add(made.fonts, vec![], BTreeSet::new());
        }
        Ok(())
    }

    /// An edition's Markdown → the requested formats, in memory.
    fn edition(
        &self,
        series: &LoadedSeries,
        (edition, converter): &(Edition, Converter),
        document: &Document<'_>,
        formats: &[Format],
    ) -> diag::Result<Made> {
        let md = converter.markdown(document.md);
        let mut made = Made::default();
        if formats.contains(&Format::Html) || formats.contains(&Format::Fragment) {
            self.web(series, (edition, converter), &md, document, formats, &mut made);
        }
        let typesets = formats.contains(&Format::Pdf) || formats.contains(&Format::Typ);
        let events = (typesets || formats.contains(&Format::Docx)).then(|| markdown::events(&md));
        if let Some(events) = events.as_deref()
            && typesets
        {
            self.typeset(series, edition, &md, events, document, formats, &mut made)?;
        }
        if let Some(events) = events.as_deref()
            && formats.contains(&Format::Docx)
        {
            let head = &document.head;
            let lang = format!("zh-{}", head.region.to_ascii_uppercase());
            let properties = docx::Properties {
                title: head.title,
                author: head.author,
                date: head.date,
                lang: &lang,
                version: head.version,
            };
            made.outputs.insert(Format::Docx, docx::document(&properties, &edition.fonts, events)?);
        }
        // The events borrow the Markdown, which the last output takes.
        drop(events);
        if formats.contains(&Format::Md) {
            made.outputs.insert(Format::Md, chart::without_blocks(&md).into_bytes());
        }
        Ok(made)
    }

    /// The web page and its fragment.
    fn web(
        &self,
        series: &LoadedSeries,
        (edition, converter): (&Edition, &Converter),
        md: &str,
        document: &Document<'_>,
        formats: &[Format],
        made: &mut Made,
    ) {
        let head = &document.head;
        let body = html::to_html(md);
        let script = edition.language.script;
        let (date_words, date) = (words::date(head.date, DateStyle::Full, false, script), head.date.to_string());
        let keywords: Vec<String> = series.schema.keywords.iter().map(|k| converter.text(k)).collect();
        let description = markdown::description(md);
        let meta = PageMeta {
            lang: &edition.tag,
            title: head.title,
            office: head.author,
            date_words: &date_words,
            date: &date,
            words: [Word::PublishedAt, Word::Source, Word::Download].map(|w| script.word(w)),
            keywords: &keywords,
            description: &description,
            links: &document.links,
        };
        if formats.contains(&Format::Html) {
            made.outputs.insert(Format::Html, html::page(&meta, &series.page_css, &series.css, &body).into_bytes());
        }
        if formats.contains(&Format::Fragment) {
            made.outputs.insert(Format::Fragment, html::fragment(&meta, &series.css, &body).into_bytes());
        }
    }

    /// The Typst source and the PDF set from it, in the faces each font role resolved to.
    #[allow(clippy::too_many_arguments, reason = "the parts of one edition's document, each used once")]
    fn typeset(
        &self,
        series: &LoadedSeries,
        edition: &Edition,
        md: &str,
        events: &[pulldown_cmark::Event<'_>],
        document: &Document<'_>,
        formats: &[Format],
        made: &mut Made,
    ) -> diag::Result<()> {
        let text = markup::role_text(events);
        let find = |c| series.renderer.find(c);
        let roles = self.fonts().resolve_roles(&edition.fonts, &edition.font_fallback, &text, &find, md)?;
        let head = Head { fonts: &roles, ..document.head };
        let typ = markup::markup(&head, events);
        if formats.contains(&Format::Pdf) {
            let archival = if head.attachments.is_empty() { Archival::A2a } else { Archival::A3a };
            fault::point("compile").map_err(|err| vec![Diagnostic::error(format!("typst: {err}"))])?;
            let typeset = self.compiler().pdf(&series.files, &document.ident, typ.clone(), head.date, archival)?;
            made.outputs.insert(Format::Pdf, typeset.pdf);
            made.fonts = typeset.fonts;
            made.warnings = typeset.warnings;
            made.read = typeset.read;
        }
        if formats.contains(&Format::Typ) {
            made.outputs.insert(Format::Typ, typ.into_bytes());
        }
        Ok(())
    }
}

impl Rendered {
    /// Adds what making an edition used: fonts not yet listed, warnings, files read.
    fn add(&mut self, fonts: Vec<Font>, warnings: Vec<Diagnostic>, read: BTreeSet<String>) {
        let new: Vec<Font> = fonts.into_iter().filter(|font| !self.fonts.contains(font)).collect();
        self.fonts.extend(new);
        self.warnings.extend(warnings);
        self.read.extend(read);
    }
}

/// What a document tells its layout and its metadata besides its text.
fn head<'a>(
    series: &'a LoadedSeries,
    edition: &'a Edition,
    title: &'a str,
    title_lines: &'a [String],
    author: &'a str,
    figures: &Figures,
    version: Option<&'a Version>,
) -> Head<'a> {
    Head {
        series: &series.name,
        title,
        title_lines,
        author,
        date: figures.as_of,
        region: edition.language.region,
        version: version.map(|v| v.number),
        attachments: version.map_or(&[], |v| v.attachments.as_slice()),
        fonts: &[],
        accepts: &series.accepts,
    }
}

/// A version's identifier for one edition: `…/v2` and `…/v2.zh-Hans`.
pub fn with_suffix(ident: &Path, suffix: &str) -> PathBuf {
    let mut name = ident.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
