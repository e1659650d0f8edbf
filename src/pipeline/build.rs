//! Per-file orchestration: snapshot the inputs → validated figures → Markdown → HTML,
//! Typst → PDF and Word, then one atomic set of writes into `out/`.
//!
//! Every output of a file is produced in memory before the first one is written, and
//! all of them are renamed into place only when every one was written whole, so a
//! file that fails at any stage leaves its earlier outputs exactly as they were. A
//! panic while building one file becomes that file's error; the others are built.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use typst::text::Font;

use crate::compare;
use crate::diag::{self, Diagnostic, Source};
use crate::docx;
use crate::edition::Converter;
use crate::figures::{self, Figures};
use crate::fonts::Fonts;
use crate::format::{self, DateStyle, Word};
use crate::fsio::{self, Staged};
use crate::markdown::{self, PageMeta};
use crate::project::{FigureFile, Project};
use crate::render::Renderer;
use crate::series::{Edition, SCHEMA_FILE, Series};
use crate::snapshot::{self, SeriesFiles, Snapshot};
use crate::stamps::{self, Stamp, Stamps};
use crate::typeset::{self, Accepts, Archival, Attachment, Compiler, Head};

/// The stylesheet of a series' web article (the page's and the fragment's).
pub const STYLE_FILE: &str = "style.css";

/// The stylesheet of the standalone web page around the article (optional).
pub const PAGE_STYLE_FILE: &str = "page.css";

/// The lock file, in each series' output folder, that one build at a time holds.
pub const LOCK_FILE: &str = ".lock";

/// The kinds of output a build writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// The bulletin as Markdown.
    Md,
    /// A standalone web page.
    Html,
    /// The archival PDF.
    Pdf,
    /// The generated Typst source, for typesetters.
    Typ,
    /// The web page's article alone, for a website's content system.
    Fragment,
    /// A Word file in official-document style, for the office's staff and the press.
    Docx,
}

impl Format {
    /// The file extension of this output.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Md => "md",
            Self::Html => "html",
            Self::Pdf => "pdf",
            Self::Typ => "typ",
            Self::Fragment => "fragment.html",
            Self::Docx => "docx",
        }
    }
}

/// What `build` writes and `publish` archives of each edition (besides `--format typ`).
pub const FORMATS: [Format; 5] = [Format::Md, Format::Html, Format::Fragment, Format::Pdf, Format::Docx];

/// Each output's bytes, by edition (its suffix: empty for the first edition,
/// `.zh-Hans` for another) and format.
pub type Outputs = BTreeMap<(String, Format), Vec<u8>>;

/// An output's file name: `2019-11-15.pdf`, `2019-11-15.zh-Hans.pdf`.
pub fn file_name(stem: &str, suffix: &str, format: Format) -> String {
    format!("{stem}{suffix}.{}", format.extension())
}

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
    read: Vec<String>,
}

impl LoadedSeries {
    fn load(files: SeriesFiles) -> diag::Result<Self> {
        let schema = Series::load(&files)?;
        let renderer = Renderer::load(&files, &schema)?;
        let css = files.text(STYLE_FILE)?.text.clone();
        let page_css = if files.own_files().any(|name| name == PAGE_STYLE_FILE) {
            files.text(PAGE_STYLE_FILE)?.text.clone()
        } else {
            String::new()
        };
        // A series without a layout is refused when its PDF is compiled, not here.
        let accepts = files.text(typeset::LAYOUT_FILE).map_or(Accepts::Unknown, |source| Accepts::of(&source.text));
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
        let read =
            files.own_files().filter(|name| always(name)).map(|name| format!("{}/{name}", files.dir())).collect();
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

/// A figure file with its snapshot and its series: everything a build reads.
pub struct Input {
    /// Where the figure file is.
    pub file: FigureFile,
    /// The figure file and templates, as read.
    pub snapshot: Snapshot,
    /// The series, loaded from the same template files.
    pub series: Arc<LoadedSeries>,
    /// For a cumulative series, the latest earlier period of the same year, which
    /// the file is checked against.
    pub earlier: Option<Earlier>,
}

/// The earlier period a figure file is checked against, as read with it.
pub struct Earlier {
    /// Its date.
    pub stem: String,
    /// Its text, as validated.
    pub source: Arc<Source>,
    /// The SHA-256 of its exact bytes, for the build's stamp.
    pub sha256: String,
}

/// A figure file's outputs, in memory.
pub struct Rendered {
    /// The period's figures, validated.
    pub figures: Figures,
    /// The headline totals derived from them.
    pub totals: BTreeMap<String, u64>,
    /// The bulletin's title for this period.
    pub title: String,
    /// Each output's bytes, by format.
    pub outputs: Outputs,
    /// The fonts the PDF's text is set in (empty without a PDF).
    pub fonts: Vec<Font>,
    /// Warnings raised on the way.
    pub warnings: Vec<Diagnostic>,
    /// The template files read, by path from the project root.
    pub read: BTreeSet<String>,
}

impl Rendered {
    /// The Markdown, when it was asked for.
    pub fn markdown(&self) -> &str {
        self.outputs
            .get(&(String::new(), Format::Md))
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .unwrap_or_default()
    }
}

/// Outputs made from Markdown, with what making them used.
#[derive(Default)]
pub struct Made {
    /// Each output's bytes, by format.
    pub outputs: BTreeMap<Format, Vec<u8>>,
    /// The fonts the PDF's text is set in.
    pub fonts: Vec<Font>,
    /// The compiler's warnings.
    pub warnings: Vec<Diagnostic>,
    /// The template files the compiler read.
    pub read: BTreeSet<String>,
}

/// What makes a published version differ from a plain build.
pub struct Publication {
    /// The version number, from 1.
    pub version: u32,
    /// The correction note (Markdown), for a version after the first.
    pub correction: Option<String>,
    /// Files embedded in the PDF.
    pub attachments: Vec<Attachment>,
    /// Where the version lives, as shown (also the PDF's identifier).
    pub ident: PathBuf,
}

/// Builds figure files of one project, sharing templates, fonts and the compiler.
pub struct Builder {
    project: Project,
    fonts: Arc<Fonts>,
    /// Made on first use: commands that typeset nothing never build Typst's library.
    compiler: OnceLock<Compiler>,
    /// Series loaded so far, or the errors of one whose templates failed to load (a
    /// build reports them once, with the first file that needed it).
    series: Mutex<HashMap<String, Result<Arc<LoadedSeries>, diag::Diagnostics>>>,
    stamps: Stamps,
}

/// How `build` runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// The outputs to write.
    pub formats: Vec<Format>,
    /// The editions to write, by language tag (empty: every one).
    pub editions: Vec<String>,
    /// How many files to build at once.
    pub jobs: usize,
    /// Rebuild files whose inputs did not change.
    pub force: bool,
}

/// What became of one figure file.
#[derive(Debug)]
pub enum Outcome {
    /// Its outputs were written.
    Built {
        /// The files written.
        written: Vec<PathBuf>,
        /// Warnings raised on the way.
        warnings: Vec<Diagnostic>,
    },
    /// Its figure file, templates, fonts and the tool are those its outputs were
    /// built from: nothing to do.
    Skipped,
    /// It could not be built; its earlier outputs are untouched.
    Failed(Vec<Diagnostic>),
}

impl Builder {
    /// A builder for `project` using `fonts` (discovered once by the caller).
    pub fn new(project: Project, fonts: Arc<Fonts>) -> Self {
        let stamps = Stamps::new(project.out());
        Self { project, fonts, compiler: OnceLock::new(), series: Mutex::default(), stamps }
    }

    /// The project being built.
    pub fn project(&self) -> &Project {
        &self.project
    }

    fn compiler(&self) -> &Compiler {
        self.compiler.get_or_init(|| Compiler::new(Arc::clone(&self.fonts)))
    }

    /// A series' templates, read and loaded on first use.
    pub fn series(&self, name: &str) -> diag::Result<Arc<LoadedSeries>> {
        match self.series_or_errors(name) {
            (Ok(loaded), _) => Ok(loaded),
            (Err(errors), true) => Err(errors),
            (Err(_), false) => {
                Diagnostic::error(format!("skipped: the templates of series `{name}` have errors (reported above)"))
                    .into_err()
            }
        }
    }

    /// A series' templates, or all their errors however often asked (for a preview,
    /// where every page shows them in full).
    pub fn series_report(&self, name: &str) -> diag::Result<Arc<LoadedSeries>> {
        self.series_or_errors(name).0
    }

    /// The series, loaded on first use, and whether this call loaded it.
    fn series_or_errors(&self, name: &str) -> (diag::Result<Arc<LoadedSeries>>, bool) {
        let lock = || self.series.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(loaded) = lock().get(name) {
            return (loaded.clone(), false);
        }
        let loaded = SeriesFiles::read(&self.project, name).and_then(LoadedSeries::load).map(Arc::new);
        lock().insert(name.to_string(), loaded.clone());
        (loaded, true)
    }

    /// Forgets a loaded series (or every one), so the next use reads its template
    /// files again: for a preview, after a template was saved.
    pub fn reload(&self, series: Option<&str>) {
        let mut loaded = self.series.lock().unwrap_or_else(PoisonError::into_inner);
        match series {
            Some(name) => {
                loaded.remove(name);
            }
            None => loaded.clear(),
        }
    }

    /// Reads a figure file into a snapshot with its series' templates (and, for a
    /// cumulative series, the earlier period it is checked against).
    pub fn input(&self, file: &FigureFile) -> diag::Result<Input> {
        let series = self.series(&file.series)?;
        let snapshot = Snapshot::read(file, Arc::clone(&series.files))?;
        // One that cannot be read is reported when it is built itself.
        let earlier = self.earlier_file(&series, file).and_then(|earlier| {
            let (source, raw) = snapshot::read_figure_file(&earlier).ok()?;
            Some(Earlier { stem: earlier.stem, source, sha256: snapshot::sha256(raw.as_bytes()) })
        });
        Ok(Input { file: file.clone(), snapshot, series, earlier })
    }

    /// Validates a figure file against its series without producing anything, and,
    /// for a cumulative series, against the latest earlier period of its year.
    pub fn check(&self, input: &Input) -> diag::Result<figures::Checked> {
        let mut checked = figures::check(&input.snapshot.figure, &input.series.schema, &input.file.stem)?;
        if input.series.schema.cumulative.is_none() {
            return Ok(checked);
        }
        // An earlier period that does not validate is reported when it is built itself.
        let Some(earlier) = &input.earlier else { return Ok(checked) };
        let Ok(before) = figures::check(&earlier.source, &input.series.schema, &earlier.stem) else {
            return Ok(checked);
        };
        let now = compare::Period { source: &input.snapshot.figure, figures: &checked.figures };
        let earlier = compare::Period { source: &earlier.source, figures: &before.figures };
        let found = compare::cumulative(&input.series.schema, &now, &earlier);
        checked.warnings.extend(found.warnings);
        if found.errors.is_empty() {
            Ok(checked)
        } else {
            Err(found.errors.into_iter().chain(checked.warnings).collect())
        }
    }

    /// The bulletin's title for a figure file's period (series.yaml's `title`, which
    /// may be a template), with the figures it is rendered from.
    pub fn title(&self, input: &Input) -> diag::Result<(String, Figures)> {
        let figures = self.check(input)?.figures;
        let schema = &input.series.schema;
        let totals = schema.totals(&figures).map_err(|message| vec![Diagnostic::error(message)])?;
        let title = input.series.renderer.title(schema, &figures, &totals, &input.file.shown)?;
        Ok((title, figures))
    }

    /// The figure file of the latest earlier period of the same year, for a
    /// cumulative series.
    fn earlier_file(&self, series: &LoadedSeries, file: &FigureFile) -> Option<FigureFile> {
        series.schema.cumulative?;
        let dir = file.path.parent()?;
        let stem = file.stem.as_str();
        let year = stem.get(..5)?;
        let (_, name) = std::fs::read_dir(dir)
            .ok()?
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter_map(|name| {
                Some((name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml"))?.to_string(), name))
            })
            .filter(|(other, _)| {
                other.starts_with(year) && other.as_str() < stem && figures::Date::parse(other).is_ok()
            })
            .max()?;
        self.project.figure_file(&dir.join(name)).ok()
    }

    /// Produces the outputs of one figure file in memory, as a plain build or as a
    /// published version: the Markdown once, in the templates' own language, then for
    /// each edition (those of `editions`, or every one when it is empty) its text
    /// converted and the formats made from it.
    pub fn render(
        &self,
        input: &Input,
        formats: &[Format],
        editions: &[String],
        publication: Option<&Publication>,
    ) -> diag::Result<Rendered> {
        let Input { file, series, .. } = input;
        let checked = self.check(input)?;
        let figures = checked.figures;
        let totals = series.schema.totals(&figures).map_err(|message| vec![Diagnostic::error(message)])?;
        let correction = publication.and_then(|p| p.correction.as_deref());
        let title = series.renderer.title(&series.schema, &figures, &totals, &file.shown)?;
        let md = series.renderer.markdown(&series.schema, &figures, &totals, &title, correction, &file.shown)?;
        let ident = match publication {
            Some(publication) => publication.ident.clone(),
            None => self.project.shown(&self.output_path(file, "", Format::Typ)),
        };
        let mut rendered = Rendered {
            figures,
            totals,
            title: title.clone(),
            outputs: Outputs::new(),
            fonts: vec![],
            warnings: checked.warnings,
            read: series.read.iter().cloned().collect(),
        };
        for pair @ (edition, converter) in selected(series, editions) {
            let (title, author, title_lines) = series.head_texts(converter, &title);
            let head = Head {
                series: &series.name,
                title: &title,
                title_lines: &title_lines,
                author: &author,
                date: rendered.figures.as_of,
                region: edition.language.region,
                version: publication.map(|p| p.version),
                attachments: publication.map_or(&[], |p| p.attachments.as_slice()),
                fonts: &[],
                accepts: &series.accepts,
            };
            let ident = with_suffix(&ident, &edition.suffix);
            let links = links(&file.stem, &edition.suffix, formats);
            let made = self.outputs(series, pair, &md, &head, &ident, formats, &links).map_err(|errors| {
                // Which edition, when there are several.
                match series.editions.len() {
                    1 => errors,
                    _ => errors.into_iter().map(|e| e.note(format!("note: in the {} edition", edition.tag))).collect(),
                }
            })?;
            rendered
                .outputs
                .extend(made.outputs.into_iter().map(|(format, bytes)| ((edition.suffix.clone(), format), bytes)));
            rendered
                .fonts
                .extend(made.fonts.into_iter().filter(|font| !rendered.fonts.contains(font)).collect::<Vec<_>>());
            rendered.warnings.extend(made.warnings);
            rendered.read.extend(made.read);
        }
        Ok(rendered)
    }

    /// An edition's Markdown → the requested formats, in memory; `links` are the other
    /// formats the web page offers (label, file name).
    #[allow(clippy::too_many_arguments, reason = "the parts of one output set, each used once")]
    pub fn outputs(
        &self,
        series: &LoadedSeries,
        (edition, converter): &(Edition, Converter),
        md: &str,
        head: &Head<'_>,
        ident: &Path,
        formats: &[Format],
        links: &[(String, String)],
    ) -> diag::Result<Made> {
        let md = converter.markdown(md);
        let mut made = Made::default();
        if formats.contains(&Format::Html) || formats.contains(&Format::Fragment) {
            let body = markdown::to_html(&md);
            let script = edition.language.script;
            let (date_words, date) = (format::date(head.date, DateStyle::Full, false, script), head.date.to_string());
            let keywords: Vec<String> = series.schema.keywords.iter().map(|k| converter.text(k)).collect();
            let description = markdown::description(&md);
            let meta = PageMeta {
                lang: &edition.tag,
                title: head.title,
                office: head.author,
                date_words: &date_words,
                date: &date,
                words: [Word::PublishedAt, Word::Source, Word::Download].map(|w| script.word(w)),
                keywords: &keywords,
                description: &description,
                links,
            };
            if formats.contains(&Format::Html) {
                let page = markdown::page(&meta, &series.page_css, &series.css, &body);
                made.outputs.insert(Format::Html, page.into_bytes());
            }
            if formats.contains(&Format::Fragment) {
                made.outputs.insert(Format::Fragment, markdown::fragment(&meta, &series.css, &body).into_bytes());
            }
        }
        let typesets = formats.contains(&Format::Pdf) || formats.contains(&Format::Typ);
        let events = (typesets || formats.contains(&Format::Docx)).then(|| markdown::events(&md));
        if let Some(events) = events.as_deref()
            && typesets
        {
            let text = typeset::role_text(events);
            let roles = self.fonts.resolve_roles(
                &edition.fonts,
                &edition.font_fallback,
                &text,
                &|c| series.renderer.find(c),
                &md,
            )?;
            let head = Head { fonts: &roles, ..*head };
            let typ = typeset::markup(&head, events);
            if formats.contains(&Format::Pdf) {
                let archival = if head.attachments.is_empty() { Archival::A2a } else { Archival::A3a };
                let typeset = self.compiler().pdf(&series.files, ident, typ.clone(), head.date, archival)?;
                made.outputs.insert(Format::Pdf, typeset.pdf);
                made.fonts = typeset.fonts;
                made.warnings = typeset.warnings;
                made.read = typeset.read;
            }
            if formats.contains(&Format::Typ) {
                made.outputs.insert(Format::Typ, typ.into_bytes());
            }
        }
        if let Some(events) = events.as_deref()
            && formats.contains(&Format::Docx)
        {
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
            made.outputs.insert(Format::Md, crate::chart::without_blocks(&md).into_bytes());
        }
        Ok(made)
    }

    /// Where an output of a figure file goes: `out/<series>/<as_of><suffix>.<ext>`.
    pub fn output_path(&self, file: &FigureFile, suffix: &str, format: Format) -> PathBuf {
        self.project.out().join(&file.series).join(file_name(&file.stem, suffix, format))
    }

    /// The outputs a build of `input` writes: for each edition of `editions` (every
    /// one when empty) each format, by name in the stamps (`zh-Hans.pdf`) and path.
    fn targets(&self, input: &Input, formats: &[Format], editions: &[String]) -> Vec<Target> {
        let mut targets = vec![];
        for (edition, _) in selected(&input.series, editions) {
            for format in formats {
                let name = format!("{}.{}", edition.suffix, format.extension());
                targets.push(Target {
                    name: name.trim_start_matches('.').to_string(),
                    edition: edition.tag.clone(),
                    suffix: edition.suffix.clone(),
                    format: *format,
                    path: self.output_path(&input.file, &edition.suffix, *format),
                });
            }
        }
        targets
    }

    /// Builds many figure files, `options.jobs` at a time, holding the lock of each
    /// series' output folder, and saves the stamps that let the next build skip
    /// them; `done` is called after each file with the number finished so far.
    /// Outcomes are in the order of `files`, then whether the stamps were saved; an
    /// `Err` means nothing was built.
    pub fn build_all(
        &self,
        files: &[FigureFile],
        options: &Options,
        done: &(dyn Fn(usize) + Sync),
    ) -> diag::Result<(Vec<Outcome>, diag::Result<()>)> {
        let _locks = self.lock_outputs(files)?;
        // Series load in file order before the workers start, so a broken template
        // is reported in full with the first file that uses it, whatever the timing;
        // the others of that series say so in one line.
        let mut seen = BTreeSet::new();
        let failed: Vec<Option<Outcome>> = files
            .iter()
            .map(|file| seen.insert(&file.series).then(|| self.series(&file.series).err()).flatten())
            .map(|errors| errors.map(Outcome::Failed))
            .collect();
        // Exactly `jobs` threads, each taking the next file when done with one. A rayon
        // pool was measured slower (1.42 × the floor against 1.08) and four times
        // the memory (489 MiB): a worker waiting inside Typst's own parallel work
        // steals and starts another whole bulletin, so many are in flight at once.
        let slots: Vec<Mutex<Option<Outcome>>> = failed.into_iter().map(Mutex::new).collect();
        let (next, finished) = (AtomicUsize::new(0), AtomicUsize::new(0));
        std::thread::scope(|scope| {
            for _ in 0..options.jobs.clamp(1, files.len().max(1)) {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let (Some(slot), Some(file)) = (slots.get(i), files.get(i)) else { break };
                        let mut slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
                        if slot.is_none() {
                            *slot = Some(self.build(file, options));
                        }
                        drop(slot);
                        done(finished.fetch_add(1, Ordering::Relaxed) + 1);
                    }
                });
            }
        });
        let outcomes = slots
            .into_iter()
            .map(|slot| slot.into_inner().unwrap_or_else(PoisonError::into_inner))
            .map(|outcome| {
                outcome.unwrap_or_else(|| Outcome::Failed(vec![Diagnostic::error("a build thread stopped early")]))
            })
            .collect();
        Ok((outcomes, self.stamps.save()))
    }

    /// Puts a published version's outputs (`files`: names and bytes, the bulletin's
    /// and its correction notice's) into `out/<series>/` in place of the built ones,
    /// so `out/` holds exactly what was published, and stamps them as the build of
    /// these inputs (`read`: the template files the bulletin read), so the next build
    /// keeps them until an input changes.
    pub fn adopt(
        &self,
        input: &Input,
        read: &BTreeSet<String>,
        files: &[(String, Vec<u8>)],
    ) -> diag::Result<Vec<PathBuf>> {
        let _lock = self.lock_outputs(std::slice::from_ref(&input.file))?;
        let dir = self.project.out().join(&input.file.series);
        let mut staged = Staged::default();
        for (name, bytes) in files {
            staged.add(&dir.join(name), bytes)?;
        }
        let written = staged.commit()?;
        let targets = self.targets(input, &FORMATS, &[]);
        let stamp = self.stamp_of(input, &targets, read.iter().cloned().collect(), None);
        self.stamps.set(&input.file.series, &input.file.stem, stamp);
        self.stamps.save()?;
        Ok(written)
    }

    /// Locks the output folder of every series among `files`, in name order (so
    /// two builds never wait on each other crosswise), and clears what killed
    /// builds left there.
    fn lock_outputs(&self, files: &[FigureFile]) -> diag::Result<Vec<fsio::Lock>> {
        let series: BTreeSet<&str> = files.iter().map(|file| file.series.as_str()).collect();
        series
            .into_iter()
            .map(|name| {
                let dir = self.project.out().join(name);
                for step in [self.project.out(), dir.clone()] {
                    if std::fs::symlink_metadata(&step).is_ok_and(|m| m.file_type().is_symlink()) {
                        return Diagnostic::error(format!(
                            "`{}` is a symbolic link",
                            self.project.shown(&step).display()
                        ))
                        .note("help: outputs are written into a real `out/` folder of the project only")
                        .into_err();
                    }
                }
                let waiting = format!("another build of `{}`", self.project.shown(&dir).display());
                let lock = fsio::lock(&dir.join(LOCK_FILE), &self.project.shown(&dir.join(LOCK_FILE)), &waiting)?;
                fsio::remove_temporaries(&dir);
                Ok(lock)
            })
            .collect()
    }

    /// Builds one figure file unless its outputs are up to date, and writes them; a
    /// panic becomes this file's error.
    pub fn build(&self, file: &FigureFile, options: &Options) -> Outcome {
        match diag::isolate(&file.shown, || self.try_build(file, options)) {
            Ok(outcome) => outcome,
            Err(errors) => Outcome::Failed(errors),
        }
    }

    fn try_build(&self, file: &FigureFile, options: &Options) -> diag::Result<Outcome> {
        let input = self.input(file)?;
        let targets = self.targets(&input, &options.formats, &options.editions);
        // The outputs the last build of these same inputs left as they were are kept:
        // a build of one edition or one more format writes only what is missing, and
        // never replaces a published version's files with a plain build's.
        let previous = self
            .stamps
            .get(&file.series, &file.stem)
            .filter(|stamp| !options.force && stamp.key == self.stamp_key(&input, &stamp.inputs));
        let stale: Vec<&Target> = targets
            .iter()
            .filter(|t| previous.as_ref().is_none_or(|stamp| !stamps::fresh(stamp, &t.name, &t.path)))
            .collect();
        if stale.is_empty() {
            return Ok(Outcome::Skipped);
        }
        let mut editions: Vec<String> = stale.iter().map(|t| t.edition.clone()).collect();
        editions.dedup();
        let formats: Vec<Format> =
            options.formats.iter().copied().filter(|f| stale.iter().any(|t| t.format == *f)).collect();
        let rendered = self.render(&input, &formats, &editions, None)?;
        typeset::evict();
        let mut staged = Staged::default();
        for ((suffix, format), bytes) in &rendered.outputs {
            if stale.iter().any(|t| &t.suffix == suffix && t.format == *format) {
                staged.add(&self.output_path(file, suffix, *format), bytes)?;
            }
        }
        let written = staged.commit()?;
        let stale: Vec<Target> = stale.into_iter().cloned().collect();
        let stamp = self.stamp_of(&input, &stale, rendered.read.into_iter().collect(), previous.as_ref());
        self.stamps.set(&file.series, &file.stem, stamp);
        Ok(Outcome::Built { written, warnings: rendered.warnings })
    }

    /// The stamp of a file's outputs (`targets`) as they now are on disk, with what a
    /// `previous` stamp of the same inputs recorded of the others; `inputs` are the
    /// template files the build read.
    fn stamp_of(&self, input: &Input, targets: &[Target], inputs: Vec<String>, previous: Option<&Stamp>) -> Stamp {
        let mut outputs = previous.map(|stamp| stamp.outputs.clone()).unwrap_or_default();
        let mut inputs = inputs;
        if let Some(previous) = previous {
            inputs.extend(previous.inputs.iter().cloned());
            inputs.sort();
            inputs.dedup();
        }
        for target in targets {
            match stamps::identity(&target.path) {
                Some(identity) => outputs.insert(target.name.clone(), identity),
                None => outputs.remove(&target.name),
            };
        }
        Stamp { key: self.stamp_key(input, &inputs), inputs, outputs }
    }

    /// The key of a build of `input` that read `inputs`: the tool, the fonts, the
    /// earlier period it is checked against, the figure file and those template
    /// files. Which outputs were asked for is not part of it: each is recorded apart.
    fn stamp_key(&self, input: &Input, inputs: &[String]) -> String {
        let mut base = self.stamp_base();
        if let Some(earlier) = &input.earlier {
            base.push_str(&format!(" {} {}", earlier.stem, earlier.sha256));
        }
        stamps::key(&base, input.snapshot.raw.as_bytes(), &input.series.files, inputs)
    }

    /// What every output of a build depends on besides its snapshot: the tool and
    /// the font files.
    fn stamp_base(&self) -> String {
        format!(concat!("bulletin ", env!("CARGO_PKG_VERSION"), " {}"), self.fonts.fingerprint())
    }
}

/// One output a build is asked for.
#[derive(Debug, Clone)]
struct Target {
    /// Its name in the stamps: `pdf`, `zh-Hans.pdf`.
    name: String,
    /// Its edition's tag.
    edition: String,
    /// Its edition's suffix.
    suffix: String,
    /// Its format.
    format: Format,
    /// Where it is written.
    path: PathBuf,
}

/// The editions of `editions` (every one when it is empty), in the series' order.
fn selected<'a>(series: &'a LoadedSeries, editions: &'a [String]) -> impl Iterator<Item = &'a (Edition, Converter)> {
    series.editions.iter().filter(move |(edition, _)| editions.is_empty() || editions.contains(&edition.tag))
}

/// A version's identifier for one edition: `…/v2` and `…/v2.zh-Hans`.
pub fn with_suffix(ident: &Path, suffix: &str) -> PathBuf {
    let mut name = ident.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The other formats a web page links to: the PDF (and those of `formats` a reader
/// downloads), by file name beside the page.
pub fn links(stem: &str, suffix: &str, formats: &[Format]) -> Vec<(String, String)> {
    formats
        .iter()
        .filter_map(|format| match format {
            Format::Pdf => Some(("PDF".to_string(), file_name(stem, suffix, *format))),
            Format::Docx => Some(("Word".to_string(), file_name(stem, suffix, *format))),
            _ => None,
        })
        .collect()
}
