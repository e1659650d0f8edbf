//! Per-file orchestration: figure file → validated figures → Markdown → HTML and
//! Typst → PDF, then atomic writes into `out/`.
//!
//! Every output of a file is produced in memory before the first one is written, so a
//! file that fails at any stage leaves its earlier outputs exactly as they were.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use pulldown_cmark::Event;
use sha2::{Digest, Sha256};
use typst::text::Font;

use crate::diag::{self, Diagnostic, Source};
use crate::figures::{self, Figures};
use crate::fonts::{Fonts, Resolved};
use crate::markdown;
use crate::project::{FigureFile, Project};
use crate::render::Renderer;
use crate::series::Series;
use crate::typeset::{self, Archival, Attachment, Compiler, Head};

/// The file, in each series' output folder, that records what its outputs were built
/// from.
pub const STAMPS_FILE: &str = ".stamps";

/// The stylesheet of a series' HTML pages.
pub const STYLE_FILE: &str = "style.css";

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
}

impl Format {
    /// The file extension of this output.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Md => "md",
            Self::Html => "html",
            Self::Pdf => "pdf",
            Self::Typ => "typ",
        }
    }
}

/// Each output's bytes, by format.
pub type Outputs = BTreeMap<Format, Vec<u8>>;

/// A series' schema and templates, loaded once per process.
pub struct LoadedSeries {
    /// The folder name.
    pub name: String,
    /// The schema from `series.yaml`.
    pub schema: Series,
    /// The parsed Tera templates.
    pub renderer: Renderer,
    /// The HTML stylesheet.
    pub css: String,
    /// The SHA-256 of every file in the template folder: what "the templates
    /// changed" means for an incremental build.
    pub fingerprint: String,
}

/// A figure file's outputs, in memory.
pub struct Rendered {
    /// The period's figures, validated.
    pub figures: Figures,
    /// The headline totals derived from them.
    pub totals: BTreeMap<String, u64>,
    /// Each output's bytes, by format.
    pub outputs: Outputs,
    /// The fonts the PDF's text is set in (empty without a PDF).
    pub fonts: Vec<Font>,
    /// Warnings raised on the way.
    pub warnings: Vec<Diagnostic>,
}

impl Rendered {
    /// The Markdown, when it was asked for.
    pub fn markdown(&self) -> &str {
        self.outputs.get(&Format::Md).and_then(|bytes| std::str::from_utf8(bytes).ok()).unwrap_or_default()
    }
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
    compiler: Compiler,
    /// Series loaded so far; `None` for one whose templates failed to load (its
    /// errors are reported once, with the first file that needed it).
    series: Mutex<HashMap<String, Option<Arc<LoadedSeries>>>>,
    /// Each series' output stamps, as read and as updated by this build (with
    /// whether this build changed them).
    stamps: Mutex<HashMap<String, SeriesStamps>>,
}

/// A series' stamps by period, and whether this build changed them.
type SeriesStamps = (BTreeMap<String, String>, bool);

/// How `build` runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// The outputs to write.
    pub formats: Vec<Format>,
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
        let compiler = Compiler::new(&project.root, Arc::clone(&fonts));
        Self { project, fonts, compiler, series: Mutex::default(), stamps: Mutex::default() }
    }

    /// The project being built.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// A series' templates, loaded on first use.
    pub fn series(&self, name: &str) -> diag::Result<Arc<LoadedSeries>> {
        match self.lock().get(name) {
            Some(Some(loaded)) => return Ok(Arc::clone(loaded)),
            Some(None) => {
                return Diagnostic::error(format!(
                    "skipped: the templates of series `{name}` have errors (reported above)"
                ))
                .into_err();
            }
            None => {}
        }
        let loaded = self.load_series(name);
        self.lock().insert(name.to_string(), loaded.as_ref().ok().map(Arc::clone));
        loaded
    }

    fn load_series(&self, name: &str) -> diag::Result<Arc<LoadedSeries>> {
        let dir = self.project.templates().join(name);
        let shown = self.project.shown(&dir);
        if !dir.is_dir() {
            return Diagnostic::error(format!("the series `{name}` has no template folder"))
                .note(format!("help: create `{}/` with `series.yaml` and `bulletin.md`", shown.display()))
                .into_err();
        }
        let schema = Series::load(&dir, &shown)?;
        let renderer = Renderer::load(&dir, &shown)?;
        let css_path = dir.join(STYLE_FILE);
        let css = std::fs::read_to_string(&css_path).map_err(|err| vec![Diagnostic::io("read", &css_path, &err)])?;
        let fingerprint = folder_fingerprint(&dir)?;
        Ok(Arc::new(LoadedSeries { name: name.to_string(), schema, renderer, css, fingerprint }))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Option<Arc<LoadedSeries>>>> {
        self.series.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Validates a figure file against its series without producing anything.
    pub fn check(&self, file: &FigureFile) -> diag::Result<(Arc<LoadedSeries>, figures::Checked)> {
        let series = self.series(&file.series)?;
        let source = figures::read(&file.path, &file.shown)?;
        let checked = figures::check(&source, &series.schema, &file.stem)?;
        Ok((series, checked))
    }

    /// Produces the outputs of one figure file in memory, as a plain build or as a
    /// published version.
    pub fn render(
        &self,
        file: &FigureFile,
        formats: &[Format],
        publication: Option<&Publication>,
    ) -> diag::Result<Rendered> {
        let series = self.series(&file.series)?;
        let source = figures::read(&file.path, &file.shown)?;
        self.render_source(file, &series, &source, formats, publication)
    }

    /// [`Builder::render`] of a figure file already read.
    fn render_source(
        &self,
        file: &FigureFile,
        series: &LoadedSeries,
        source: &Arc<Source>,
        formats: &[Format],
        publication: Option<&Publication>,
    ) -> diag::Result<Rendered> {
        let checked = figures::check(source, &series.schema, &file.stem)?;
        let figures = checked.figures;
        let totals = series.schema.totals(&figures).map_err(|message| vec![Diagnostic::error(message)])?;
        let correction = publication.and_then(|p| p.correction.as_deref());
        let md = series.renderer.markdown(&series.schema, &figures, &totals, correction, &file.shown)?;
        let ident = match publication {
            Some(publication) => publication.ident.clone(),
            None => self.project.shown(&self.output_path(file, Format::Typ)),
        };
        let head = Head {
            series: &series.name,
            title: &series.schema.title,
            author: &series.schema.author,
            date: figures.as_of,
            version: publication.map(|p| p.version),
            attachments: publication.map_or(&[], |p| p.attachments.as_slice()),
            fonts: &[],
        };
        let (outputs, fonts, mut warnings) = self.outputs(series, md, &head, &ident, formats)?;
        warnings.splice(0..0, checked.warnings);
        Ok(Rendered { figures, totals, outputs, fonts, warnings })
    }

    /// Markdown → the requested formats, in memory.
    pub fn outputs(
        &self,
        series: &LoadedSeries,
        md: String,
        head: &Head<'_>,
        ident: &Path,
        formats: &[Format],
    ) -> diag::Result<(Outputs, Vec<Font>, Vec<Diagnostic>)> {
        let mut outputs = BTreeMap::new();
        let mut fonts = vec![];
        let mut warnings = vec![];
        if formats.contains(&Format::Html) {
            let body = markdown::to_html(&md);
            let page = markdown::page(&series.schema.lang, head.title, &series.css, &body);
            outputs.insert(Format::Html, page.into_bytes());
        }
        if formats.contains(&Format::Pdf) || formats.contains(&Format::Typ) {
            let events = markdown::events(&md);
            let roles = self.resolve_fonts(series, &events, &md)?;
            let head = Head { fonts: &roles, ..*head };
            let typ = typeset::markup(&head, &events);
            if formats.contains(&Format::Pdf) {
                let archival = if head.attachments.is_empty() { Archival::A2b } else { Archival::A3b };
                let typeset = self.compiler.pdf(ident, typ.clone(), head.date, archival)?;
                outputs.insert(Format::Pdf, typeset.pdf);
                fonts = typeset.fonts;
                warnings = typeset.warnings;
            }
            if formats.contains(&Format::Typ) {
                outputs.insert(Format::Typ, typ.into_bytes());
            }
        }
        if formats.contains(&Format::Md) {
            outputs.insert(Format::Md, md.into_bytes());
        }
        Ok((outputs, fonts, warnings))
    }

    /// Resolves the series' font roles for the text they will set, and refuses a
    /// text with a character no font of its role has: no missing glyph ever reaches
    /// a PDF.
    fn resolve_fonts(
        &self,
        series: &LoadedSeries,
        events: &[Event<'_>],
        md: &str,
    ) -> diag::Result<Vec<(String, Vec<String>)>> {
        let text = typeset::role_text(events);
        let mut roles = vec![];
        let mut errors = vec![];
        for (role, families) in &series.schema.fonts {
            let chars = text.get(role.as_str()).cloned().unwrap_or_default();
            let resolved = self.fonts.resolve(role, families, &series.schema.font_fallback, &chars);
            if !resolved.missing.is_empty() {
                errors.push(self.missing_glyphs(series, &resolved, md));
            }
            roles.push((role.clone(), resolved.families()));
        }
        if errors.is_empty() { Ok(roles) } else { Err(errors) }
    }

    /// The error for the characters no font of a role has, pointing at where the
    /// first few are written in the templates.
    fn missing_glyphs(&self, series: &LoadedSeries, resolved: &Resolved, md: &str) -> Diagnostic {
        let named = |c: char| format!("`{c}` (U+{:04X})", u32::from(c));
        let first = resolved.missing.iter().copied().next().unwrap_or(' ');
        let message = match resolved.missing.len() {
            1 => format!("no font has {}, needed in the {} text", named(first), resolved.role),
            n => format!("no font has {n} characters needed in the {} text, such as {}", resolved.role, named(first)),
        };
        let mut tried: Vec<String> = resolved.passed.iter().map(|(family, why)| format!("{family} ({why})")).collect();
        for family in &resolved.fallbacks {
            if !resolved.passed.iter().any(|(passed, _)| passed == family) {
                tried.push(format!("{family} (fallback, lacks it too)"));
            }
        }
        let mut diagnostic = Diagnostic::error(message);
        for c in resolved.missing.iter().copied().take(3) {
            match series.renderer.find(c) {
                Some((source, range)) => diagnostic = diagnostic.at(&source, range, format!("{} is here", named(c))),
                None => {
                    let line = md.lines().find(|line| line.contains(c)).unwrap_or_default();
                    diagnostic = diagnostic.note(format!("note: {} is in the text: {line}", named(c)));
                }
            }
        }
        if resolved.missing.len() > 3 {
            let all: String = resolved.missing.iter().take(40).collect();
            let more = if resolved.missing.len() > 40 { "…" } else { "" };
            diagnostic = diagnostic.note(format!("note: all of them: {all}{more}"));
        }
        let tried = if tried.is_empty() { "none".to_string() } else { tried.join(", ") };
        diagnostic
            .note(format!("note: fonts tried: {tried}"))
            .note("help: install a font that has them, or list one under `font_fallback` in series.yaml")
    }

    /// Where an output of a figure file goes: `out/<series>/<as_of>.<ext>`.
    pub fn output_path(&self, file: &FigureFile, format: Format) -> PathBuf {
        self.project.out().join(&file.series).join(format!("{}.{}", file.stem, format.extension()))
    }

    /// Builds many figure files, `options.jobs` at a time; `done` is called after
    /// each file with the number finished so far. Outcomes are in the order of `files`.
    /// Call [`Builder::save_stamps`] afterwards, so the next build can skip them.
    pub fn build_all(&self, files: &[FigureFile], options: &Options, done: &(dyn Fn(usize) + Sync)) -> Vec<Outcome> {
        // Series load in file order before the workers start, so a broken template
        // is reported in full with the first file that uses it, whatever the timing;
        // the others of that series say so in one line.
        let mut outcomes: Vec<Mutex<Option<Outcome>>> = files
            .iter()
            .map(|file| {
                let first_use = !self.lock().contains_key(&file.series);
                let failed = if first_use { self.series(&file.series).err() } else { None };
                Mutex::new(failed.map(Outcome::Failed))
            })
            .collect();
        let next = AtomicUsize::new(0);
        let finished = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..options.jobs.clamp(1, files.len().max(1)) {
                scope.spawn(|| {
                    let claim = || {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        files.get(i).map(|file| (i, file))
                    };
                    while let Some((i, file)) = claim() {
                        let mut slot = outcomes[i].lock().unwrap_or_else(PoisonError::into_inner);
                        if slot.is_none() {
                            *slot = Some(self.build(file, options));
                        }
                        drop(slot);
                        done(finished.fetch_add(1, Ordering::Relaxed) + 1);
                    }
                });
            }
        });
        outcomes
            .iter_mut()
            .map(|slot| {
                let outcome = slot.get_mut().unwrap_or_else(PoisonError::into_inner).take();
                outcome.unwrap_or_else(|| Outcome::Failed(vec![Diagnostic::error("a build thread stopped early")]))
            })
            .collect()
    }

    /// Builds one figure file unless its outputs are up to date, and writes them.
    pub fn build(&self, file: &FigureFile, options: &Options) -> Outcome {
        match self.try_build(file, options) {
            Ok(outcome) => outcome,
            Err(errors) => Outcome::Failed(errors),
        }
    }

    fn try_build(&self, file: &FigureFile, options: &Options) -> diag::Result<Outcome> {
        let series = self.series(&file.series)?;
        // Read once, through the size limit, for both the stamp and the build.
        let source = figures::read(&file.path, &file.shown)?;
        let key = self.stamp_key(&series, source.text.as_bytes(), &options.formats);
        if !options.force && self.up_to_date(file, &key, &options.formats) {
            return Ok(Outcome::Skipped);
        }
        let rendered = self.render_source(file, &series, &source, &options.formats, None)?;
        typeset::evict();
        let mut written = vec![];
        let mut stamp = key;
        for (format, bytes) in &rendered.outputs {
            let path = self.output_path(file, *format);
            write_atomic(&path, bytes)?;
            stamp.push_str(&format!(" {}={}", format.extension(), bytes.len()));
            written.push(path);
        }
        self.set_stamp(&file.series, &file.stem, stamp);
        Ok(Outcome::Built { written, warnings: rendered.warnings })
    }

    /// A period's stamp: `<key> md=<size> …`.
    fn stamp(&self, series: &str, stem: &str) -> Option<String> {
        self.with_stamps(series, |entries, _| entries.get(stem).cloned())
    }

    /// Records a period's new stamp, to be saved when the build is over.
    fn set_stamp(&self, series: &str, stem: &str, stamp: String) {
        self.with_stamps(series, |entries, changed| {
            entries.insert(stem.to_string(), stamp);
            *changed = true;
        });
    }

    /// The stamps of a series' outputs (`out/<series>/.stamps`: one line a period,
    /// `<as_of> <key> md=<size> …`), read on first use, and whether this build
    /// changed them.
    fn with_stamps<R>(&self, series: &str, f: impl FnOnce(&mut BTreeMap<String, String>, &mut bool) -> R) -> R {
        let mut stamps = self.stamps.lock().unwrap_or_else(PoisonError::into_inner);
        let (entries, changed) = stamps.entry(series.to_string()).or_insert_with(|| {
            let path = self.project.out().join(series).join(STAMPS_FILE);
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let entries = text.lines().filter_map(|line| line.split_once(' '));
            (entries.map(|(stem, stamp)| (stem.to_string(), stamp.to_string())).collect(), false)
        });
        f(entries, changed)
    }

    /// Writes the stamps of every series built. Called once a build is over: a
    /// build stopped before this is simply redone next time.
    pub fn save_stamps(&self) -> diag::Result<()> {
        let stamps = self.stamps.lock().unwrap_or_else(PoisonError::into_inner);
        for (series, (entries, _)) in stamps.iter().filter(|(_, (_, changed))| *changed) {
            let text: String = entries.iter().map(|(stem, stamp)| format!("{stem} {stamp}\n")).collect();
            write_atomic(&self.project.out().join(series).join(STAMPS_FILE), text.as_bytes())?;
        }
        Ok(())
    }

    /// What the outputs of a file depend on: the tool, the formats, the series'
    /// templates, the fonts (for a PDF) and the figure file, by content.
    fn stamp_key(&self, series: &LoadedSeries, figure_bytes: &[u8], formats: &[Format]) -> String {
        let mut hasher = Sha256::new();
        hasher.update(concat!("bulletin ", env!("CARGO_PKG_VERSION"), "\n"));
        for format in formats {
            hasher.update(format.extension());
        }
        hasher.update(b"\n");
        hasher.update(&series.fingerprint);
        if formats.contains(&Format::Pdf) {
            hasher.update(self.fonts.fingerprint());
        }
        hasher.update(Sha256::digest(figure_bytes));
        hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Whether the file's stamp matches and every output is there at the size
    /// recorded.
    fn up_to_date(&self, file: &FigureFile, key: &str, formats: &[Format]) -> bool {
        let Some(stamp) = self.stamp(&file.series, &file.stem) else { return false };
        let mut parts = stamp.split(' ');
        if parts.next() != Some(key) {
            return false;
        }
        let sizes: HashMap<&str, u64> = parts
            .filter_map(|part| part.split_once('='))
            .filter_map(|(ext, size)| Some((ext, size.parse().ok()?)))
            .collect();
        formats.iter().all(|format| {
            let recorded = sizes.get(format.extension());
            let actual = std::fs::metadata(self.output_path(file, *format)).ok().map(|m| m.len());
            recorded.is_some() && recorded.copied() == actual
        })
    }
}

/// The SHA-256 of every file in a folder, names included, in a stable order.
fn folder_fingerprint(dir: &Path) -> diag::Result<String> {
    let mut hasher = Sha256::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry =
            entry.map_err(|err| vec![Diagnostic::error(format!("could not read `{}`: {err}", dir.display()))])?;
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).map_err(|err| vec![Diagnostic::io("read", entry.path(), &err)])?;
            hasher.update(entry.path().strip_prefix(dir).unwrap_or(entry.path()).as_os_str().as_encoded_bytes());
            hasher.update(Sha256::digest(&bytes));
        }
    }
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Writes a file so that, at any moment, it is either the old complete file or the
/// new complete file, whenever the process is stopped: the bytes go to a temporary
/// file in the same folder, which is then renamed over the target.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> diag::Result<()> {
    write_via_temp(path, bytes, false)
}

/// As [`write_atomic`], and the file reaches the disk before the rename, so it
/// survives a power cut too: for the archive, whose files are records.
pub fn write_durable(path: &Path, bytes: &[u8]) -> diag::Result<()> {
    write_via_temp(path, bytes, true)
}

fn write_via_temp(path: &Path, bytes: &[u8], sync: bool) -> diag::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|err| vec![Diagnostic::io("create", dir, &err)])?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // One fixed temporary name per output: a build killed mid-write leaves at most
    // this one stray file, which the next build of the same output overwrites.
    let temp = dir.join(format!(".{name}.tmp"));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        if sync {
            file.sync_all()?;
        }
        std::fs::rename(&temp, path)
    })();
    result.map_err(|err| {
        let _ = std::fs::remove_file(&temp);
        vec![Diagnostic::io("write", path, &err)]
    })
}
