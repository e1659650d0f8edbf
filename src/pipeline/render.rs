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
use crate::core::format::Word;
use crate::core::markdown;
use crate::core::schema::Edition;
use crate::core::time::{self, Moment};
use crate::core::typeface::StandIn;
use crate::diag::{self, Diagnostic};
use crate::i18n::t;
use crate::input::figures::Guard;
use crate::input::fonts::Roles;
use crate::io::fault;
use crate::pipeline::formats::{self, Format};
use crate::pipeline::series::{LoadedSeries, selected};
use crate::pipeline::workspace::{Input, Workspace};
use crate::render::breaks::{self, Marks};
use crate::render::edition::Converter;
use crate::render::html::{self, PageMeta};
use crate::render::signature::{self, Signature};
use crate::render::template::{CorrectionDay, CorrectionWords, ShownChange};
use crate::render::typst::compile::{Archival, Layout};
use crate::render::typst::loose::Loose;
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
    /// Make the editions side by side, each on a thread of its own: when a core is
    /// free for it (one file built alone, a version published).
    pub parallel: bool,
}

/// What makes a published version differ from a plain build (a draft).
pub struct Version {
    /// The version number, from 1.
    pub number: u32,
    /// When it was published, UTC (`2019-11-18T02:00:00Z`): the date its documents'
    /// properties carry, and the day of its correction notice.
    pub published_at: String,
    /// When the period was first published: the day its pages give as 發布時間 and
    /// its correction note cites the release by.
    pub first_published_at: String,
    /// What its correction note says, from v2 on.
    pub correction: Option<Correction>,
    /// Files embedded in the PDF.
    pub attachments: Vec<Attachment>,
    /// Where the version lives, as shown (also the PDF's identifier).
    pub ident: PathBuf,
}

/// What a correction note says, rendered by the series' `correction.md`.
pub struct Correction {
    /// The version corrected.
    pub previous: u32,
    /// Why (for a textual correction: what), as the user wrote it.
    pub reason: Option<String>,
    /// Each change a reader sees: label, as printed before, as printed now.
    pub changes: Vec<ShownChange>,
    /// Every correction of the release so far, this one last: when it was published
    /// (UTC), why, and what a reader saw change.
    pub history: Vec<(String, Option<String>, Vec<ShownChange>)>,
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
    /// Warnings raised on the way (the guards' among them).
    pub warnings: Vec<Diagnostic>,
    /// The figures that look like a slip against the period before, which stop
    /// `publish` until accepted.
    pub guards: Vec<Guard>,
    /// The template files read, by path from the project root.
    pub read: BTreeSet<String>,
    /// The font roles set in a face of another style than the layout asks for (仿宋 →
    /// 宋), by edition tag.
    pub stand_ins: BTreeSet<(String, StandIn)>,
    /// A hash of each page of each edition's PDF, by the edition's suffix (see
    /// [`Typeset::pages`](crate::render::typst::compile::Typeset)).
    pub pages: BTreeMap<String, Vec<String>>,
    /// Each edition's pages as laid out, by its suffix: to draw them again.
    pub layouts: BTreeMap<String, Layout>,
}

impl Rendered {
    /// Nothing made yet of a checked figure file.
    fn new(
        figures: Figures,
        totals: BTreeMap<String, u64>,
        title: String,
        warnings: Vec<Diagnostic>,
        guards: Vec<Guard>,
    ) -> Self {
        let (outputs, notice, fonts, read, stand_ins, pages, layouts) = Default::default();
        Self { figures, totals, title, outputs, notice, fonts, warnings, guards, read, stand_ins, pages, layouts }
    }

    /// The Markdown of the first edition, when it was asked for.
    pub fn markdown(&self) -> &str {
        self.outputs
            .get(&(String::new(), Format::Md))
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .unwrap_or_default()
    }

    /// Every output by file name, the bulletin's then the notice of version `version`
    /// (`2019-11-15-correction-v2.pdf`), as a version archives them.
    pub fn files(self, stem: &str, version: u32) -> Vec<(String, Vec<u8>)> {
        let notice = notice_stem(stem, version);
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
    pages: Vec<String>,
    layout: Option<Layout>,
    stand_ins: Vec<StandIn>,
    fonts: Vec<Font>,
    warnings: Vec<Diagnostic>,
    loose: Vec<Loose>,
    read: BTreeSet<String>,
}

/// `f` of each item, in order: each on a thread of its own when `parallel` (nothing
/// but the fonts and the compiler's library is shared between editions, and those are
/// made for sharing); a panic on a thread goes on in the caller.
fn side_by_side<T: Sync, R: Send>(items: &[T], parallel: bool, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if !parallel || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    std::thread::scope(|scope| {
        let threads: Vec<_> = items.iter().map(|item| scope.spawn(|| f(item))).collect();
        let joined = threads.into_iter().map(|thread| thread.join());
        joined.map(|made| made.unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    })
}

/// The name a correction notice's files start with: `2019-11-15-correction-v2`.
pub fn notice_stem(stem: &str, version: u32) -> String {
    format!("{stem}-correction-v{version}")
}

/// One edition's document to make: its Markdown, head, identifier, the links its
/// page offers and the day its page gives as published, in words and as
/// `YYYY-MM-DD` (`None`: a draft).
struct Document<'a> {
    md: &'a str,
    head: Head<'a>,
    ident: PathBuf,
    links: Vec<(String, String)>,
    published: Option<(&'a str, &'a str)>,
}

/// When a document was published: the UTC time of its properties, and its day in
/// words for its page.
#[derive(Clone, Copy)]
struct Published<'a> {
    at: &'a str,
    first: &'a str,
}

/// The bulletin's Markdown, signed (the office and the day, GB/T 9704's 落款) when
/// its series asks for it: the first release's day, or the words of a draft.
fn signed(series: &LoadedSeries, md: String, byline: Option<&(String, String)>) -> String {
    if !series.schema.signature {
        return md;
    }
    let script = series.schema.language().script;
    let date = byline.map_or_else(|| script.word(Word::NotPublished).to_string(), |(words, _)| words.clone());
    format!("{}\n{}", md.trim_end(), Signature { office: series.schema.author.clone(), date }.block())
}

impl Workspace {
    /// Renders an input's outputs in memory: `job.formats` of `job.editions`, as a
    /// plain build or as the published version `job.version`.
    pub fn render(&self, input: &Input, job: &Job<'_>) -> diag::Result<Rendered> {
        let Input { file, series, .. } = input;
        let checked = input.check()?;
        let warnings = checked.all_warnings();
        let figures = checked.figures;
        let totals = input.totals(&figures)?;
        let title = series.renderer.title(&series.schema, &figures, &totals, &file.shown)?;
        let correction = match job.version.and_then(|version| Some((version, version.correction.as_ref()?))) {
            Some((version, correction)) => Some(self.correction(series, version, correction, &title)?),
            None => None,
        };
        let note = correction.as_ref().map(|(block, _)| block.as_str());
        let md = series.renderer.markdown(&series.schema, &figures, &totals, &title, note, &file.shown)?;
        let published = job.version.map(|v| Published { at: &v.published_at, first: &v.first_published_at });
        // The byline's day: the first release's, for every version of a bulletin.
        let byline = published.map(|p| day_of(p.first));
        let md = signed(series, md, byline.as_ref());
        let ident = match job.version {
            Some(version) => version.ident.clone(),
            None => self.project().shown(&self.output_path(file, "", Format::Typ)),
        };
        let mut rendered = Rendered::new(figures, totals, title.clone(), warnings, checked.guards);
        rendered.read = series.read.iter().cloned().collect();
        let make = |pair @ (edition, converter): &(Edition, Converter)| {
            let (title, author, title_lines) = series.head_texts(converter, &title);
            let mut head = head(series, edition, &title, &title_lines, &author, &rendered.figures, job.version);
            head.moment = published.and_then(|p| Moment::parse(p.at));
            let document = Document {
                md: &md,
                head,
                ident: with_suffix(&ident, &edition.suffix),
                links: formats::links(&file.stem, &edition.suffix, job.formats),
                published: byline.as_ref().map(|(words, iso)| (words.as_str(), iso.as_str())),
            };
            // Which edition, when there are several.
            self.edition(series, pair, &document, job.formats).map_err(|errors| match series.editions.len() {
                1 => errors,
                _ => errors.into_iter().map(|e| e.noting(t!("render-in-edition", edition = &edition.tag))).collect(),
            })
        };
        let pairs: Vec<&(Edition, Converter)> = selected(series, job.editions).collect();
        let made = side_by_side(&pairs, job.parallel, |&pair| make(pair));
        for ((edition, _), made) in pairs.into_iter().zip(made) {
            let made = made?;
            let suffix = edition.suffix.clone();
            rendered.pages.insert(suffix.clone(), made.pages);
            rendered.layouts.extend(made.layout.map(|layout| (suffix.clone(), layout)));
            rendered.stand_ins.extend(made.stand_ins.into_iter().map(|stand_in| (edition.tag.clone(), stand_in)));
            rendered.outputs.extend(made.outputs.into_iter().map(|(format, bytes)| ((suffix.clone(), format), bytes)));
            let loose = made.loose.iter().map(|line| loose_warning(&file.shown, &edition.tag, line));
            rendered.add(made.fonts, made.warnings.into_iter().chain(loose).collect(), made.read);
        }
        if let (Some((_, notice)), Some(version)) = (&correction, job.version) {
            self.notice(input, &mut rendered, notice, &ident, (job, version))?;
        }
        Ok(rendered)
    }

    /// The correction note that opens a corrected bulletin (a block set apart, under
    /// its heading) and the notice issued on its own (its own title, the note, the
    /// issuing office and the day of the correction), both Markdown.
    fn correction(
        &self,
        series: &LoadedSeries,
        version: &Version,
        correction: &Correction,
        title: &str,
    ) -> diag::Result<(String, String)> {
        let schema = &series.schema;
        let (released, today) =
            (time::chinese_date(&version.first_published_at), time::chinese_date(&version.published_at));
        let year = time::beijing_day(&version.first_published_at).map_or(0, |day| day.year);
        let history: Vec<CorrectionDay> = correction
            .history
            .iter()
            .map(|(at, reason, changes)| CorrectionDay {
                date: time::chinese_date(at),
                day: time::chinese_day(at, year),
                reason: reason.as_deref().map(quoted_reason),
                changes: changes.clone(),
            })
            .collect();
        let reason = correction.reason.as_deref().map(quoted_reason);
        let words = CorrectionWords {
            title,
            office: &schema.author,
            date: &today,
            previous: (correction.previous, &released),
            reason: reason.as_deref(),
            changes: &correction.changes,
            corrections: &history,
        };
        let note = series.renderer.correction(&words)?;
        let quoted: String = note.lines().map(|line| format!("> {line}\n")).collect();
        let block = format!("> ## {}\n>\n{quoted}", schema.correction_heading());
        let notice_title = series.renderer.notice_title(title)?;
        let signature = Signature { office: schema.author.clone(), date: today };
        let notice = format!("# {notice_title}\n\n{note}\n\n{}", signature.block());
        Ok((block, notice))
    }

    /// The notice of a corrected version, in every edition: its own title, dated the
    /// day of the correction.
    fn notice(
        &self,
        input: &Input,
        rendered: &mut Rendered,
        md: &str,
        ident: &Path,
        (job, version): (&Job<'_>, &Version),
    ) -> diag::Result<()> {
        let series = &input.series;
        let stem = notice_stem(&input.file.stem, version.number);
        let title = markdown::title(&markdown::events(md)).unwrap_or_default();
        let (today, iso) = day_of(&version.published_at);
        for pair @ (edition, converter) in &series.editions {
            let (title, author, _) = series.head_texts(converter, &title);
            let mut head = head(series, edition, &title, &[], &author, &rendered.figures, job.version);
            head.attachments = &[];
            head.moment = Moment::parse(&version.published_at);
            let document = Document {
                md,
                head,
                ident: with_suffix(&ident.join("correction"), &edition.suffix),
                links: formats::links(&stem, &edition.suffix, job.formats),
                published: Some((&today, &iso)),
            };
            let made = self.edition(series, pair, &document, job.formats)?;
            for (format, bytes) in made.outputs {
                rendered.notice.push((edition.suffix.clone(), format, bytes));
            }
            let which = t!("pdf-notice-of-edition", edition = &edition.tag).text;
            let loose = made.loose.iter().map(|line| loose_warning(&input.file.shown, &which, line)).collect();
            rendered.add(made.fonts, loose, BTreeSet::new());
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
        let typesets = formats.contains(&Format::Pdf) || formats.contains(&Format::Typ);
        let events = (typesets || formats.contains(&Format::Docx)).then(|| markdown::events(&md));
        // The faces are known first, and loaded while the web page and the Word file
        // are made.
        let roles = match events.as_deref() {
            Some(events) if typesets => {
                let text = markup::role_text(events);
                let find = |c| series.renderer.find(c);
                let roles = self.fonts().resolve_roles(&edition.fonts, &edition.font_fallback, &text, &find, &md)?;
                if formats.contains(&Format::Pdf) {
                    self.fonts().warm(&roles);
                }
                Some(roles)
            }
            _ => None,
        };
        if formats.contains(&Format::Html) || formats.contains(&Format::Fragment) {
            self.web(series, (edition, converter), &md, document, formats, &mut made);
        }
        // The printed title's lines, the Word file's and the PDF's alike (the layout
        // takes them where each fits its block).
        let head = &document.head;
        let title_breaks = (events.as_deref().and_then(markdown::title))
            .map(|title| breaks::title_lines(&title, head.title_lines, breaks::TITLE_BLOCK, Marks::of(head.region)))
            .unwrap_or_default();
        if let Some(events) = events.as_deref()
            && formats.contains(&Format::Docx)
        {
            let lang = format!("zh-{}", head.region.to_ascii_uppercase());
            let properties = docx::Properties {
                title: head.title,
                author: head.author,
                date: head.date,
                moment: head.moment,
                lang: &lang,
                draft: document.published.is_none(),
                title_lines: &title_breaks,
            };
            made.outputs.insert(Format::Docx, docx::document(&properties, &edition.fonts, events)?);
        }
        if let (Some(events), Some(roles)) = (events.as_deref(), roles) {
            self.typeset(series, roles, (events, &title_breaks), document, formats, &mut made)?;
        }
        // The events borrow the Markdown, which the last output takes.
        drop(events);
        if formats.contains(&Format::Md) {
            made.outputs.insert(Format::Md, chart::without_blocks(&signature::as_paragraphs(&md)).into_bytes());
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
        let keywords: Vec<String> = series.schema.keywords.iter().map(|k| converter.text(k)).collect();
        let description = markdown::description(md);
        let meta = PageMeta {
            lang: &edition.tag,
            title: head.title,
            office: head.author,
            published: document.published,
            words: [Word::PublishedAt, Word::Source, Word::Download, Word::NotPublished].map(|w| script.word(w)),
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

    /// The Typst source and the PDF set from it, in the faces each font role resolved to,
    /// the title proposed in the lines the Word file has (`title_breaks`).
    fn typeset(
        &self,
        series: &LoadedSeries,
        roles: Roles,
        (events, title_breaks): (&[pulldown_cmark::Event<'_>], &[String]),
        document: &Document<'_>,
        formats: &[Format],
        made: &mut Made,
    ) -> diag::Result<()> {
        made.stand_ins = roles.iter().filter_map(|role| role.stand_in.clone()).collect();
        let head = Head { fonts: &roles, title_breaks, ..document.head };
        let typ = markup::markup(&head, events);
        if formats.contains(&Format::Pdf) {
            let archival = if head.attachments.is_empty() { Archival::A2a } else { Archival::A3a };
            fault::point("compile").map_err(|err| vec![Diagnostic::error(format!("typst: {err}"))])?;
            let typeset =
                self.compiler().pdf(&series.files, &document.ident, typ.clone(), head.date, head.moment, archival)?;
            made.outputs.insert(Format::Pdf, typeset.pdf);
            made.fonts = typeset.fonts;
            made.warnings = typeset.warnings;
            made.loose = typeset.loose;
            made.read = typeset.read;
            made.pages = typeset.pages;
            made.layout = Some(typeset.layout);
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

/// Whether a warning is one of [`loose_warning`]'s.
pub fn is_loose(warning: &Diagnostic) -> bool {
    warning.key() == Some(LOOSE)
}

/// The catalogue's key of [`loose_warning`]'s message (`t!` takes only a literal).
const LOOSE: &str = "pdf-line-loose";

/// What a build says of a line its PDF sets loose (issue 24): where it is, and what
/// lets it close up.
fn loose_warning(file: &Path, edition: &str, line: &Loose) -> Diagnostic {
    let page = line.page.to_string();
    Diagnostic::warning(t!(
        "pdf-line-loose",
        file = file,
        edition = edition,
        page = page,
        percent = &line.percent,
        line = &line.text
    ))
    .help(t!("pdf-line-loose-help"))
}

/// A publication time's day in Beijing time, in words (`2019年11月16日`) and as
/// `2019-11-16`.
fn day_of(published_at: &str) -> (String, String) {
    let iso = time::beijing_day(published_at).map_or_else(|| published_at.to_string(), |day| day.to_string());
    (time::chinese_date(published_at), iso)
}

/// A reason as a note quotes it: escaped for Markdown and without a closing mark of
/// its own (the note ends its own sentence).
fn quoted_reason(reason: &str) -> String {
    markdown::escape(reason.trim().trim_end_matches(['。', '；', '，', '.', ';', ',']))
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
        title_breaks: &[],
        author,
        date: figures.as_of,
        region: edition.language.region,
        moment: None,
        draft: version.is_none(),
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
