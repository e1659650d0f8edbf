//! The Typst compiler over a snapshot of a series' templates: the `World` a
//! generated document compiles in, and compile → PDF/A (and PDF/UA).
//!
//! The compiler reads only the snapshot (the series' own folder and
//! `templates/_shared/`): whatever the text of a bulletin says, it cannot reach
//! anything else, and what it read is recorded.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::core::date::Date;
use crate::core::markdown;
use crate::core::time::Moment;
use crate::diag::{self, Diagnostic};
use crate::i18n::t;
use crate::input::fonts::Fonts;
use crate::input::snapshot::SeriesFiles;
use crate::render::budget;
use crate::render::typst::loose::{self, Loose};

/// What every compile shares: the standard library and the fonts.
pub struct Compiler {
    library: LazyHash<Library>,
    fonts: Arc<Fonts>,
}

impl Compiler {
    /// A compiler using `fonts`.
    pub fn new(fonts: Arc<Fonts>) -> Self {
        Self { library: LazyHash::new(Library::builder().build()), fonts }
    }

    /// Compiles a generated document (`shown` is its path under the project, used for
    /// its id, its PDF identifier and in diagnostics) to PDF/A-2a, or 3a when the
    /// document carries attachments, and PDF/UA-1. The compiler reads only `files`, a snapshot of
    /// the series' templates, and reports which of them it read.
    ///
    /// Typst cannot be stopped from outside: the compile runs on a thread of its own,
    /// and one that takes longer than the time limit ([`budget`]) is reported as an
    /// error and left to finish on its own.
    pub fn pdf(
        self: &Arc<Self>,
        files: &Arc<SeriesFiles>,
        shown: &Path,
        markup: String,
        date: Date,
        moment: Option<Moment>,
        archival: Archival,
    ) -> diag::Result<Typeset> {
        let (compiler, files, path) = (Arc::clone(self), Arc::clone(files), shown.to_path_buf());
        let limit = budget::limits().time;
        budget::within(limit, move || compiler.pdf_here(&files, &path, markup, date, moment, archival)).unwrap_or_else(
            |_| {
                Diagnostic::error(t!("typst-too-long", file = shown, seconds = limit.as_secs()))
                    .help(t!("typst-too-long-help"))
                    .into_err()
            },
        )
    }

    /// Compiles on this thread.
    fn pdf_here(
        &self,
        files: &SeriesFiles,
        shown: &Path,
        markup: String,
        date: Date,
        moment: Option<Moment>,
        archival: Archival,
    ) -> diag::Result<Typeset> {
        let path = shown.to_string_lossy().replace('\\', "/");
        let vpath = VirtualPath::new(format!("/{path}")).map_err(|err| {
            vec![Diagnostic::error(t!("typst-cannot-compile", path = &path, reason = format!("{err:?}")))]
        })?;
        let id = RootedPath::new(VirtualRoot::Project, vpath).intern();
        let world = BulletinWorld {
            compiler: self,
            files,
            main: Source::new(id, markup),
            sources: Mutex::default(),
            read: Mutex::default(),
        };
        let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
        let document = output.map_err(|errors| world.diagnostics(&errors))?;
        refuse_links(&document)?;
        let warnings = world.diagnostics(&warnings);
        // A published document's own time; a draft's, the day its figures count to.
        let timestamp = match moment {
            Some(Moment { date, hour, minute, second }) => {
                Datetime::from_ymd_hms(i32::from(date.year), date.month, date.day, hour, minute, second)
            }
            None => Datetime::from_ymd(i32::from(date.year), date.month, date.day),
        }
        .map(Timestamp::new_utc);
        let standard = match archival {
            Archival::A2a => PdfStandard::A_2a,
            Archival::A3a => PdfStandard::A_3a,
        };
        let standards = PdfStandards::new(&[standard, PdfStandard::Ua_1])
            .map_err(|err| vec![Diagnostic::error(t!("typst-pdf-standard", reason = err.message().to_string()))])?;
        let options = PdfOptions {
            // A fixed identifier and timestamp make the same inputs give the same bytes.
            ident: Smart::Custom(path.clone()),
            timestamp,
            standards,
            ..PdfOptions::default()
        };
        let pdf = typst_pdf::pdf(&document, &options).map_err(|errors| world.diagnostics(&errors))?;
        let read = world.read.into_inner().unwrap_or_else(PoisonError::into_inner);
        let pages =
            document.pages().iter().map(|page| format!("{:032x}", typst::utils::hash128(&page.frame))).collect();
        let (fonts, loose) = (fonts_used(&document), loose::lines(&document));
        Ok(Typeset { pdf, fonts, warnings, loose, read, pages, layout: Layout(Arc::new(document)) })
    }
}

/// Drops what recent compiles did not reuse from Typst's memo cache. Typst memoizes
/// across compiles (layouts, shaping, the layout module): what every bulletin shares
/// stays, and a long build's memory stays flat instead of growing with each file.
pub fn evict() {
    typst::comemo::evict(4);
}

/// Which PDF/A part to conform to; each is also PDF/UA-1 (accessible: tagged, its
/// title shown by viewers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Archival {
    /// PDF/A-2a: the built bulletins.
    A2a,
    /// PDF/A-3a: published versions, which carry their figure file and manifest.
    A3a,
}

/// A compiled PDF and the fonts its text is set in.
pub struct Typeset {
    /// The PDF file.
    pub pdf: Vec<u8>,
    /// Every font used, in the order first used.
    pub fonts: Vec<Font>,
    /// The compiler's warnings (an unknown font family, say).
    pub warnings: Vec<Diagnostic>,
    /// The lines set looser than a press accepts.
    pub loose: Vec<Loose>,
    /// The template files the compiler read, by path from the project root.
    pub read: BTreeSet<String>,
    /// A hash of each page as laid out: a page whose hash is the same looks the same
    /// (the live preview draws again only the others).
    pub pages: Vec<String>,
    /// The pages as laid out, to draw them (the live preview draws them as SVG).
    pub layout: Layout,
}

/// A document's pages as laid out: what its PDF shows, to draw again without the PDF.
#[derive(Clone)]
pub struct Layout(Arc<PagedDocument>);

impl Layout {
    /// Page `index` (from 0) drawn as an SVG image, its text as glyph outlines in the
    /// faces the PDF embeds; `None` past the last page.
    pub fn svg(&self, index: usize) -> Option<String> {
        let page = self.0.pages().get(index)?;
        Some(typst_svg::svg(page, &typst_svg::SvgOptions::default()))
    }
}

/// Refuses a document with a link other than to a web page, an e-mail address or a
/// path on the site: the layout (`layout.typ`) may make links of its own, which the
/// check of the templates' Markdown does not see.
fn refuse_links(document: &PagedDocument) -> diag::Result<()> {
    fn walk(frame: &typst::layout::Frame, refused: &mut Vec<String>) {
        for (_, item) in frame.items() {
            match item {
                typst::layout::FrameItem::Group(group) => walk(&group.frame, refused),
                typst::layout::FrameItem::Link(typst::model::Destination::Url(url), _)
                    if !markdown::is_allowed_link(url) && !refused.contains(&url.to_string()) =>
                {
                    refused.push(url.to_string());
                }
                _ => {}
            }
        }
    }
    let mut refused = vec![];
    for page in document.pages() {
        walk(&page.frame, &mut refused);
    }
    let errors: Vec<Diagnostic> = refused
        .iter()
        .map(|url| {
            Diagnostic::error(t!("template-link-refused", target = url))
                .noting(t!("typst-link-made-by"))
                .help(t!("link-help"))
        })
        .collect();
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// The fonts a document's text uses, each once, in the order first used.
fn fonts_used(document: &PagedDocument) -> Vec<Font> {
    fn walk(frame: &typst::layout::Frame, fonts: &mut Vec<Font>) {
        for (_, item) in frame.items() {
            match item {
                typst::layout::FrameItem::Group(group) => walk(&group.frame, fonts),
                typst::layout::FrameItem::Text(text) if !fonts.contains(text.font.font()) => {
                    fonts.push(text.font.font().clone());
                }
                _ => {}
            }
        }
    }
    let mut fonts = vec![];
    for page in document.pages() {
        walk(&page.frame, &mut fonts);
    }
    fonts
}

/// One document being compiled.
struct BulletinWorld<'a> {
    compiler: &'a Compiler,
    files: &'a SeriesFiles,
    main: Source,
    sources: Mutex<HashMap<FileId, FileResult<Source>>>,
    /// The snapshot's files this compile asked for.
    read: Mutex<BTreeSet<String>>,
}

impl BulletinWorld<'_> {
    /// A file of the snapshot; only `templates/` is there, so nothing else of the
    /// project, and nothing outside it, can be read.
    fn read(&self, id: FileId) -> FileResult<Bytes> {
        let rooted = id.get();
        let path = rooted.vpath().get_without_slash();
        if !matches!(rooted.root(), VirtualRoot::Project) || !path.starts_with("templates/") {
            return Err(FileError::AccessDenied);
        }
        self.read.lock().unwrap_or_else(PoisonError::into_inner).insert(path.to_string());
        self.files.get(path).cloned().ok_or_else(|| FileError::NotFound(PathBuf::from(path)))
    }
}

impl World for BulletinWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.compiler.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.compiler.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let mut sources = self.sources.lock().unwrap_or_else(PoisonError::into_inner);
        sources
            .entry(id)
            .or_insert_with(|| {
                let bytes = self.read(id)?;
                let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
                Ok(Source::new(id, text.to_string()))
            })
            .clone()
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        self.read(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.compiler.fonts.font(index)
    }

    fn today(&self, _: Option<Duration>) -> Option<Datetime> {
        // A bulletin is dated by its figures, never by the day it was built.
        None
    }
}

impl BulletinWorld<'_> {
    /// Typst's diagnostics as ours, pointing into the generated file or the layout.
    fn diagnostics(&self, errors: &[SourceDiagnostic]) -> Vec<Diagnostic> {
        errors
            .iter()
            .map(|error| {
                let message = t!("typst-said", message = error.message.as_str());
                let mut diagnostic = match error.severity {
                    Severity::Error => Diagnostic::error(message),
                    Severity::Warning => Diagnostic::warning(message),
                };
                let located = error.span.id().and_then(|id| Some((id, self.source(id).ok()?, self.range(error.span)?)));
                if let Some((id, source, range)) = located {
                    let shown = id.get().vpath().get_without_slash().to_string();
                    diagnostic = diagnostic.at(&diag::Source::new(shown, source.text()), range, t!("template-here"));
                }
                for hint in &error.hints {
                    diagnostic = diagnostic.note(format!("{}{}", t!("typst-hint"), hint.v));
                }
                diagnostic
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use proptest::prelude::Strategy;

    use super::*;
    use crate::input::fonts::Role;
    use crate::render::typst::markup::tests::TABLE;
    use crate::render::typst::markup::tests::{HEAD, noto};
    use crate::render::typst::markup::{Accepts, Head, markup};

    /// The fonts of the tests: links to the Noto CJK faces Debian's `fonts-noto-cjk`
    /// installs, and nothing else, so another installed font changes no result.
    static TEST_FONTS: LazyLock<tempfile::TempDir> = LazyLock::new(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        for name in ["NotoSerifCJK-Regular.ttc", "NotoSerifCJK-Bold.ttc", "NotoSansCJK-Regular.ttc"] {
            let file = Path::new("/usr/share/fonts/opentype/noto").join(name);
            std::os::unix::fs::symlink(file, dir.path().join(name)).expect("link");
        }
        dir
    });

    /// A compiler over the test fonts, shared by the tests as the binary shares one
    /// per process.
    static COMPILER: LazyLock<Arc<Compiler>> = LazyLock::new(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let fonts = Fonts::discover(&root.join("fonts"), &[TEST_FONTS.path().to_path_buf()], false);
        Arc::new(Compiler::new(Arc::new(fonts)))
    });

    /// The shipped series' templates.
    static FILES: LazyLock<Arc<SeriesFiles>> = LazyLock::new(|| {
        let project = crate::input::project::Project { root: PathBuf::from(env!("CARGO_MANIFEST_DIR")) };
        Arc::new(SeriesFiles::read(&project, "shiyaohuan").unwrap_or_else(|errors| panic!("{}", errors[0])))
    });

    /// Markdown → Typst → PDF → text, as pdftotext reads it back.
    fn round_trip(markdown: &str) -> Result<String, String> {
        let events = markdown::events(markdown);
        let markup = markup(&HEAD, &events);
        let pdf = COMPILER
            .pdf(&FILES, Path::new("out/test/round-trip.typ"), markup, HEAD.date, None, Archival::A2a)
            .map(|typeset| typeset.pdf)
            .map_err(|errors| errors.iter().map(ToString::to_string).collect::<String>())?;
        pdf_text(&pdf)
    }

    /// A PDF's text, as pdftotext reads it back.
    fn pdf_text(pdf: &[u8]) -> Result<String, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let path = dir.path().join("t.pdf");
        std::fs::write(&path, pdf).map_err(|e| e.to_string())?;
        let output = std::process::Command::new("pdftotext")
            .args(["-raw", "-enc", "UTF-8"])
            .arg(&path)
            .arg("-")
            .output()
            .map_err(|e| format!("pdftotext: {e}"))?;
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// The text without white space (pdftotext breaks lines where the page does) and
    /// without the layout's page number, `— 1 —`.
    fn squeeze(text: &str) -> String {
        let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        text.strip_suffix("—1—").map(str::to_string).unwrap_or(text)
    }

    /// Text fragments that mean something to Typst or Markdown.
    const HOSTILE: &[&str] = &[
        "#read(\"/etc/passwd\")",
        "#import \"/etc/x.typ\": *",
        "$x^2$",
        "<label>",
        "@ref",
        "// comment",
        "/* block */",
        "\\",
        "\\u{41}",
        "#{1 + 1}",
        "#set text(red)",
        "*strong* _emph_ `raw`",
        "**bold**",
        "[link](https://example.org)",
        "# heading",
        "- item",
        "+ item",
        "1. item",
        "/ term: x",
        "= heading",
        "```rust",
        "---",
        "...",
        "~",
        "'quote' \"quote\"",
        "&amp; &lt;",
        "<b>html</b>",
        "]",
        "[",
        "}",
        "互聯網+",
        "19.8%",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Whatever a template or figure puts in the text, the PDF shows exactly that
        /// text: no character acts as Typst markup.
        #[test]
        fn text_reaches_the_pdf_verbatim(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(HOSTILE).prop_map(str::to_string),
                    "[!-~]{1,6}",
                    "[一-龥，。、“”（）]{1,6}",
                    proptest::strategy::Just(" ".to_string()),
                ],
                1..12,
            )
        ) {
            let text = parts.concat();
            let text = text.trim();
            proptest::prop_assume!(!text.is_empty());
            let extracted = round_trip(&format!("{}\n", markdown::escape(text)));
            proptest::prop_assert_eq!(extracted.map(|t| squeeze(&t)), Ok(squeeze(text)));
        }
    }

    #[test]
    fn every_ascii_mark_survives() {
        let text: String = (b'!'..=b'~').map(char::from).filter(char::is_ascii_punctuation).collect();
        let extracted = round_trip(&format!("{}\n", markdown::escape(&text))).unwrap();
        assert_eq!(squeeze(&extracted), text);
        assert!(extracted.contains("—"), "the page number is there to be stripped");
    }

    #[test]
    fn the_compiler_reads_nothing_outside_templates() {
        let compile = |source: &str| {
            // A title, which an accessible PDF (PDF/UA-1) must have.
            let markup = format!("#set document(title: \"t\")\n#set text(lang: \"zh\")\n{source}\n");
            COMPILER.pdf(&FILES, Path::new("out/test/access.typ"), markup, HEAD.date, None, Archival::A2a).map(|_| ())
        };
        for path in
            ["/etc/passwd", "../../../../etc/passwd", "/data/shiyaohuan/2019-11-15.yaml", "/Cargo.toml", "/out/x"]
        {
            let errors = compile(&format!("#read(\"{path}\")")).unwrap_err();
            let message = errors[0].to_string();
            assert!(
                message.starts_with("error: typst: failed to load file (access denied)")
                    || message.starts_with("error: typst: cannot access file system from here")
                    || message.contains("would escape the project root"),
                "{path}: {message}"
            );
        }
        assert!(compile("#read(\"/templates/shiyaohuan/series.yaml\")").is_ok());
    }

    #[test]
    fn every_construct_compiles() {
        let roles = ["title", "body", "heading", "kai", "page_number", "latin"];
        let fonts: Vec<Role> = roles.iter().map(|role| noto(role)).collect();
        let head = Head { fonts: &fonts, ..HEAD };
        let markup = markup(&head, &markdown::events(markdown::tests::SAMPLE));
        let typeset = COMPILER.pdf(&FILES, Path::new("out/test/sample.typ"), markup, HEAD.date, None, Archival::A2a);
        let typeset =
            typeset.unwrap_or_else(|errors| panic!("{}", errors.iter().map(ToString::to_string).collect::<String>()));
        let warnings: Vec<String> = typeset.warnings.iter().map(ToString::to_string).collect();
        assert!(warnings.is_empty(), "{}", warnings.concat());
        assert!(typeset.pdf.starts_with(b"%PDF-"));
    }

    /// The printed title's lines, as pdftotext reads them, when bulletin proposes
    /// `breaks` for them.
    fn title_lines(breaks: &[String]) -> Vec<String> {
        let title = "陝西省打擊食品、藥品、環境犯罪工作情況通報";
        let accepts = Accepts::of(include_str!("../../../templates/shiyaohuan/layout.typ"));
        let head = Head { title_breaks: breaks, accepts: &accepts, ..HEAD };
        let markup = markup(&head, &markdown::events(&format!("# {title}\n\n正文。\n")));
        assert_eq!(markup.contains("title-breaks"), !breaks.is_empty(), "{markup}");
        let pdf = COMPILER.pdf(&FILES, Path::new("out/test/title.typ"), markup, HEAD.date, None, Archival::A2a);
        let pdf = pdf.unwrap_or_else(|errors| panic!("{}", errors.iter().map(ToString::to_string).collect::<String>()));
        let text = pdf_text(&pdf.pdf).expect("pdftotext");
        text.lines().take_while(|line| *line != "正文。").map(str::to_string).collect()
    }

    #[test]
    fn the_title_takes_the_lines_bulletin_proposes_where_they_fit() {
        // Issue 25: the layout measured every candidate break of the title (a twentieth
        // of a compile); bulletin now proposes the lines (the Word file's), and the
        // layout measures only those, balancing the title itself when one is too wide.
        let lines = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let proposed = lines(&["陝西省打擊食品、藥品、環境犯罪工作", "情況通報"]);
        assert_eq!(title_lines(&proposed), proposed, "taken as proposed");
        let balanced = lines(&["陝西省打擊食品、藥品、環境犯罪", "工作情況通報"]);
        assert_eq!(title_lines(&[]), balanced, "none proposed: the layout's own");
        let too_wide = lines(&["陝西省打擊食品、藥品、環境犯罪工作情況通報"]);
        assert_eq!(title_lines(&too_wide), balanced, "a line wider than the block is not taken");
    }

    #[test]
    fn tables_compile_and_read_back_in_order() {
        let roles = ["title", "body", "heading", "kai", "page_number", "latin"];
        let fonts: Vec<Role> = roles.iter().map(|role| noto(role)).collect();
        let head = Head { fonts: &fonts, ..HEAD };
        let markdown = format!("段落。\n\n{TABLE}\n表後。\n");
        let markup = markup(&head, &markdown::events(&markdown));
        let typeset = COMPILER.pdf(&FILES, Path::new("out/test/table.typ"), markup, HEAD.date, None, Archival::A2a);
        let typeset =
            typeset.unwrap_or_else(|errors| panic!("{}", errors.iter().map(ToString::to_string).collect::<String>()));
        let warnings: Vec<String> = typeset.warnings.iter().map(ToString::to_string).collect();
        assert!(warnings.is_empty(), "{}", warnings.concat());
        let text = squeeze(&round_trip(&markdown).expect("compiles"));
        assert_eq!(text, "段落。地區案件數說明#甲1,520a*b$x$乙]、[85表後。");
    }
}
