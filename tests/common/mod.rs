//! The integration-test harness: a copy of a project in a temporary folder, the real
//! `bulletin` binary run on it, and the PDF read back with poppler's tools. A test that
//! only reads what a build wrote shares one built copy with the other tests of its
//! binary ([`built`]); a test that edits, publishes or builds again makes its own.

#![allow(dead_code, reason = "each test binary uses a different part of the harness")]

pub mod cdp;
pub mod chromium;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, OnceLock, PoisonError};

/// The repository root, whose `templates/` and `data/` are the shipped project.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The font files every test typesets with: the Noto CJK faces of Debian's
/// `fonts-noto-cjk` (README's prerequisites), these four files and nothing else the
/// machine has, so installing another font (or more weights of these) changes no
/// test.
pub const TEST_FONT_FILES: [&str; 4] = [
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
];

/// A folder holding links to [`TEST_FONT_FILES`] and nothing else, made once per
/// test process.
#[track_caller]
pub fn test_fonts() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        remove_at_exit(dir.path());
        for file in TEST_FONT_FILES {
            let file = Path::new(file);
            assert!(file.is_file(), "the tests typeset with {}: `apt-get install fonts-noto-cjk`", file.display());
            std::os::unix::fs::symlink(file, dir.path().join(file.file_name().expect("name"))).expect("link");
        }
        dir
    })
    .path()
}

/// The environment that pins a run of `bulletin` to [`TEST_FONT_FILES`] and keeps
/// its caches in `cache`.
#[track_caller]
pub fn pinned(command: &mut Command, cache: &Path) {
    command
        .env("BULLETIN_FONT_PATHS", test_fonts())
        .env("BULLETIN_IGNORE_SYSTEM_FONTS", "true")
        .env("BULLETIN_LANG", "en")
        .env("XDG_CACHE_HOME", cache)
        .env_remove("BULLETIN_FAULT")
        .env_remove("SOURCE_DATE_EPOCH");
}

/// A project copied into a temporary folder.
pub struct Fixture {
    dir: tempfile::TempDir,
    cache: tempfile::TempDir,
}

impl Fixture {
    /// The shipped project: `templates/` and `data/` of this repository.
    #[must_use]
    pub fn shipped() -> Self {
        let fixture = Self::empty();
        copy_dir(&repo().join("templates"), &fixture.path().join("templates"));
        copy_dir(&repo().join("data"), &fixture.path().join("data"));
        fixture
    }

    /// A project from `tests/fixtures/<name>/`.
    #[must_use]
    pub fn named(name: &str) -> Self {
        let fixture = Self::empty();
        copy_dir(&repo().join("tests/fixtures").join(name), fixture.path());
        fixture
    }

    fn empty() -> Self {
        Self { dir: tempfile::tempdir().expect("temp dir"), cache: tempfile::tempdir().expect("temp dir") }
    }

    /// Removes the project's folders when the test process exits, for a fixture kept
    /// in a `static` (which is never dropped).
    pub fn remove_at_exit(&self) {
        remove_at_exit(self.dir.path());
        remove_at_exit(self.cache.path());
    }

    /// The project root.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A file in the project.
    pub fn file(&self, relative: &str) -> PathBuf {
        self.path().join(relative)
    }

    /// Reads a project file as text.
    #[track_caller]
    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.file(relative)).unwrap_or_else(|err| panic!("read {relative}: {err}"))
    }

    /// Writes a project file.
    #[track_caller]
    pub fn write(&self, relative: &str, text: &str) {
        let path = self.file(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    /// Replaces exactly one occurrence of `from` in a project file.
    #[track_caller]
    pub fn edit(&self, relative: &str, from: &str, to: &str) {
        let text = self.read(relative);
        assert_eq!(text.matches(from).count(), 1, "`{from}` should occur once in {relative}");
        self.write(relative, &text.replacen(from, to, 1));
    }

    /// The Markdown, HTML and PDF built for a figure file (`out/<series>/<stem>.*`).
    #[track_caller]
    pub fn outputs(&self, series_and_stem: &str) -> Vec<(&'static str, Vec<u8>)> {
        ["md", "html", "pdf"]
            .into_iter()
            .map(|ext| {
                let path = self.file(&format!("out/{series_and_stem}.{ext}"));
                (ext, std::fs::read(&path).unwrap_or_else(|err| panic!("read {}: {err}", path.display())))
            })
            .collect()
    }

    /// Runs `bulletin` with these arguments in the project folder.
    #[must_use]
    pub fn run(&self, args: &[&str]) -> Run {
        let output = self.command(args).output().expect("run bulletin");
        Run { output }
    }

    /// The command that runs `bulletin` with these arguments in the project folder,
    /// with the fonts pinned, to add to before running.
    #[must_use]
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(binary());
        command.args(args).current_dir(self.path()).env("NO_COLOR", "1");
        pinned(&mut command, self.cache.path());
        command
    }
}

/// The binary the tests run: this build's, or another named by
/// `BULLETIN_TEST_BINARY` (an earlier build, to see a test fail where it should).
pub fn binary() -> PathBuf {
    std::env::var_os("BULLETIN_TEST_BINARY")
        .map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_bulletin")), PathBuf::from)
}

/// The name [`built`] gives the shipped project (`templates/` and `data/` of this
/// repository); any other name is a folder of `tests/fixtures/`.
pub const SHIPPED: &str = "shipped";

/// A project built once per test process and shared by every test that asks for the
/// same fixture built with the same arguments: the first to ask copies and builds it
/// (asserting that the build succeeds), the others wait for it and read the same
/// folder. Only for tests that read what the build wrote and nothing more: a test
/// that edits a file, runs a command that writes, or adds a file of its own to the
/// project makes its own [`Fixture`].
#[track_caller]
pub fn built(name: &str, args: &[&str]) -> &'static Fixture {
    &built_with_run(name, args).0
}

/// [`built`], with the run that built it (for what it printed that is the same on
/// every build: no warning, the files it wrote).
#[track_caller]
pub fn built_with_run(name: &str, args: &[&str]) -> &'static (Fixture, Run) {
    type Builds = BTreeMap<(String, Vec<String>), &'static OnceLock<(Fixture, Run)>>;
    static BUILDS: Mutex<Builds> = Mutex::new(BTreeMap::new());
    let key = (name.to_string(), args.iter().map(|arg| (*arg).to_string()).collect());
    // The map is held only to find the build's cell: builds of different keys run
    // side by side, and one key's second asker waits on its cell alone. A build that
    // fails leaves its cell empty, so each test that asks fails with the build's
    // message.
    let cell =
        *BUILDS.lock().unwrap_or_else(PoisonError::into_inner).entry(key).or_insert_with(|| Box::leak(Box::default()));
    cell.get_or_init(|| {
        let project = if name == SHIPPED { Fixture::shipped() } else { Fixture::named(name) };
        let run = project.run(args).success();
        project.remove_at_exit();
        (project, run)
    })
}

/// Removes a folder when the test process exits. A `static` is never dropped, so a
/// temporary folder that lives as long as the process (the pinned fonts, a shared
/// build) would otherwise be left in the system's temporary folder after every run.
#[allow(unsafe_code, reason = "atexit is the one hook that runs once the last test is done")]
pub fn remove_at_exit(folder: &Path) {
    static FOLDERS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    static HOOK: std::sync::Once = std::sync::Once::new();
    extern "C" fn remove_all() {
        // Nothing may unwind into C: a poisoned list or a folder that cannot be
        // removed is left as it is.
        if let Ok(folders) = FOLDERS.lock() {
            for folder in folders.iter() {
                let _ = std::fs::remove_dir_all(folder);
            }
        }
    }
    FOLDERS.lock().unwrap_or_else(PoisonError::into_inner).push(folder.to_path_buf());
    HOOK.call_once(|| {
        // SAFETY: `remove_all` is a plain function that never unwinds; libtest returns
        // from main or calls `exit` after the last test, and both run the hook.
        let registered = unsafe { libc::atexit(remove_all) };
        assert_eq!(registered, 0, "atexit could not register the clean-up");
    });
}

/// The outcome of one run of the binary.
pub struct Run {
    output: Output,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Self { output }
    }
}

impl Run {
    /// Standard output as text.
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    /// Standard output of `build` without its closing summary line, which is returned
    /// apart with the time left out: (`wrote …` lines, `built 1, skipped 0, failed 0`).
    /// The line after it that says which font roles stood in (`fonts: …`, tested in
    /// typesetting.rs) is left out.
    #[track_caller]
    pub fn build_stdout(&self) -> (String, String) {
        let stdout = self.stdout();
        let stdout = match stdout.trim_end().rsplit_once('\n') {
            Some((rest, last)) if last.starts_with("fonts: ") => format!("{rest}\n"),
            _ => stdout,
        };
        let (written, summary) = match stdout.trim_end().rsplit_once('\n') {
            Some((written, summary)) => (format!("{written}\n"), summary.to_string()),
            None => (String::new(), stdout.trim_end().to_string()),
        };
        let (counts, time) = summary.split_once(" in ").unwrap_or_else(|| panic!("no summary line in {stdout:?}"));
        assert!(time.ends_with(" s"), "summary {summary:?}");
        (written, counts.to_string())
    }

    /// Standard error as text.
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    /// Asserts the run succeeded and returns itself.
    #[track_caller]
    pub fn success(self) -> Self {
        assert!(
            self.output.status.success(),
            "bulletin failed:\nstdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }

    /// Asserts the run failed and returns itself.
    #[track_caller]
    pub fn failure(self) -> Self {
        assert!(!self.output.status.success(), "bulletin should have failed:\nstdout:\n{}", self.stdout());
        self
    }
}

/// Copies a folder's files into another, making its folders anew (so a copy of a
/// read-only archive is writable), through links.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let target = to.join(entry.path().strip_prefix(from).expect("prefix"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A line of text on a page, as `pdftotext -bbox-layout` measures it (points, from
/// the page's top left).
#[derive(Debug, Clone)]
pub struct TextLine {
    pub x_min: f64,
    pub y_min: f64,
    pub x_max: f64,
    pub y_max: f64,
    pub text: String,
}

/// The top of the GB/T 9704 text block, in points from the top of the page: 37 mm. A
/// draft's mark 草稿 is set above it, in the header (tests/record.rs checks it).
pub const BLOCK_TOP: f64 = 37.0 * 72.0 / 25.4;

/// Every page's lines inside or below the text block (not the draft mark above it),
/// from `pdftotext -bbox-layout`. A mark set in a half-width form
/// overlaps the box of the glyph before it, and pdftotext makes the rest of the line a
/// line of its own at the same height (its top a little higher when its face is
/// another, a quote set in Noto beside cwTeX 仿宋): such pieces are put back together,
/// in order, with the smaller of their boxes' heights (the body face's).
pub fn text_lines(pdf: &Path) -> Vec<Vec<TextLine>> {
    let xml = poppler("pdftotext", &["-bbox-layout", pdf.to_str().expect("path"), "-"]);
    xml.split("<page ")
        .skip(1)
        .map(|page| {
            let mut lines: Vec<TextLine> = Vec::new();
            for line in page.split("<line ").skip(1) {
                let tag = &line[..line.find('>').expect("tag end")];
                let text: String = line
                    .split("<word ")
                    .skip(1)
                    .map(|word| &word[word.find('>').expect(">") + 1..word.find("</word>").expect("</word>")])
                    .collect();
                if attr(tag, "yMax") < BLOCK_TOP {
                    continue;
                }
                let line = TextLine {
                    x_min: attr(tag, "xMin"),
                    y_min: attr(tag, "yMin"),
                    x_max: attr(tag, "xMax"),
                    y_max: attr(tag, "yMax"),
                    text,
                };
                let middle = |line: &TextLine| (line.y_min + line.y_max) / 2.0;
                match lines.iter_mut().find(|other| (middle(other) - middle(&line)).abs() < 2.0) {
                    Some(other) => {
                        if line.x_min < other.x_min {
                            other.text.insert_str(0, &line.text);
                        } else {
                            other.text.push_str(&line.text);
                        }
                        other.x_min = other.x_min.min(line.x_min);
                        other.x_max = other.x_max.max(line.x_max);
                        other.y_min = other.y_min.max(line.y_min);
                        other.y_max = other.y_max.min(line.y_max);
                    }
                    None => lines.push(line),
                }
            }
            lines
        })
        .collect()
}

/// A number attribute of an XML tag (`xMin="79.37"`).
#[track_caller]
pub fn attr(tag: &str, name: &str) -> f64 {
    let start = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
    tag[start..start + tag[start..].find('"').expect("quote")].parse().expect("number")
}

/// Runs a poppler tool (`pdftotext`, `pdfinfo`, `pdffonts`, …) and returns its output.
#[track_caller]
pub fn poppler(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|err| panic!("could not run `{tool}` ({err}); install poppler-utils (see README)"));
    assert!(output.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("utf-8")
}

/// The text of a PDF's pages from the top of the text block down, in the order it is
/// drawn (`-raw`: no layout guessing), UTF-8: a draft's mark above the block is left
/// out ([`pdf_header`] reads it).
pub fn pdf_text(path: &Path) -> String {
    pdf_area(path, BLOCK_TOP.floor(), 842.0)
}

/// The text above the text block of every page (an A4 page's top 37 mm), each page's on
/// a line of its own.
pub fn pdf_header(path: &Path) -> String {
    pdf_area(path, 0.0, BLOCK_TOP.floor())
}

/// The text of a band of every page, `top` to `bottom` points down from the page's top.
fn pdf_area(path: &Path, top: f64, bottom: f64) -> String {
    let (y, height) = (format!("{top}"), format!("{}", bottom - top));
    let args =
        ["-raw", "-enc", "UTF-8", "-x", "0", "-y", &y, "-W", "595", "-H", &height, path.to_str().expect("path"), "-"];
    poppler("pdftotext", &args)
}

/// A web page without the markup that only says where its lines may break: the
/// `<wbr>` of a title and the spans that keep a number with its unit on one line.
pub fn unkept(html: &str) -> String {
    const KEEP: &str = "<span class=\"bulletin-keep\">";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(KEEP) {
        out.push_str(&rest[..start]);
        rest = &rest[start + KEEP.len()..];
        let end = rest.find("</span>").expect("a kept span closes");
        out.push_str(&rest[..end]);
        rest = &rest[end + "</span>".len()..];
    }
    out.push_str(rest);
    out.replace("<wbr>", "")
}

/// Removes every kind of white space: PDF text extraction breaks lines where the
/// page does.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Text without the page numbers (`— 3 —`), which pdftotext puts where the footer is.
#[must_use]
pub fn without_page_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('—') {
        let after = &rest[start + '—'.len_utf8()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with('—') {
            out.push_str(&rest[..start]);
            rest = &after[digits + '—'.len_utf8()..];
        } else {
            out.push_str(&rest[..start + '—'.len_utf8()]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The extensions of one edition's outputs, in the order `build` and `publish` list
/// them.
pub const OUTPUTS: [&str; 5] = ["md", "html", "pdf", "fragment.html", "docx"];

/// `{prefix}{stem}.{ext}{end}` for each of the stems (`2019-11-15`,
/// `2019-11-15.zh-Hans`) and each output, concatenated: the lines `build` and
/// `publish` print.
#[must_use]
pub fn listing(prefix: &str, stems: &[&str], end: &str) -> String {
    stems.iter().flat_map(|stem| OUTPUTS.iter().map(move |ext| format!("{prefix}{stem}.{ext}{end}"))).collect()
}

/// Compiles a Typst file the build wrote, as `typst compile --root ROOT
/// --ignore-system-fonts --font-path FONTS SOURCE` does: in process, with the same
/// compiler version as the binary, reading every file it imports from the disk under
/// `root` (not from the binary's snapshot) and only the fonts in `fonts`. Returns the
/// PDF and the compiler's warnings, or its errors.
pub fn typst_compile(root: &Path, source: &Path, fonts: &Path) -> Result<(Vec<u8>, Vec<String>), Vec<String>> {
    use typst::diag::{FileError, FileResult, Warned};
    use typst::foundations::{Bytes, Datetime, Duration};
    use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
    use typst::text::{Font, FontBook};
    use typst::utils::LazyHash;
    use typst::{Library, LibraryExt, World};

    /// A project on disk, as the command-line tool sees it.
    struct Disk {
        root: PathBuf,
        main: FileId,
        library: LazyHash<Library>,
        fonts: typst_kit::fonts::FontStore,
    }

    impl Disk {
        fn read(&self, id: FileId) -> FileResult<Vec<u8>> {
            let path = self.root.join(id.get().vpath().get_without_slash());
            std::fs::read(&path).map_err(|err| FileError::from_io(err, &path))
        }
    }

    impl World for Disk {
        fn library(&self) -> &LazyHash<Library> {
            &self.library
        }
        fn book(&self) -> &LazyHash<FontBook> {
            self.fonts.book()
        }
        fn main(&self) -> FileId {
            self.main
        }
        fn source(&self, id: FileId) -> FileResult<Source> {
            let text = String::from_utf8(self.read(id)?).map_err(|_| FileError::InvalidUtf8)?;
            Ok(Source::new(id, text))
        }
        fn file(&self, id: FileId) -> FileResult<Bytes> {
            self.read(id).map(Bytes::new)
        }
        fn font(&self, index: usize) -> Option<Font> {
            self.fonts.font(index)
        }
        fn today(&self, _: Option<Duration>) -> Option<Datetime> {
            None
        }
    }

    let relative = source.strip_prefix(root).expect("the source is in the project");
    let vpath = VirtualPath::new(format!("/{}", relative.to_string_lossy())).expect("a virtual path");
    let mut fonts_found = typst_kit::fonts::FontStore::new();
    for found in typst_kit::fonts::scan(fonts) {
        fonts_found.push(found);
    }
    let world = Disk {
        root: root.to_path_buf(),
        main: RootedPath::new(VirtualRoot::Project, vpath).intern(),
        library: LazyHash::new(Library::builder().build()),
        fonts: fonts_found,
    };
    let messages = |diagnostics: &[typst::diag::SourceDiagnostic]| -> Vec<String> {
        diagnostics.iter().map(|d| d.message.to_string()).collect()
    };
    let Warned { output, warnings } = typst::compile::<typst_layout::PagedDocument>(&world);
    let document = output.map_err(|errors| messages(&errors))?;
    let pdf = typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).map_err(|errors| messages(&errors))?;
    Ok((pdf, messages(&warnings)))
}

/// The `typst` command-line tool of the embedded compiler's version, when one is
/// installed (`TYPST` names another than `typst` on the path): the tests then check
/// with it too.
pub fn typst_cli() -> Option<String> {
    let typst = std::env::var("TYPST").unwrap_or_else(|_| "typst".into());
    let version = Command::new(&typst).arg("--version").output().ok()?;
    String::from_utf8_lossy(&version.stdout).starts_with("typst 0.15.1").then_some(typst)
}

/// Compiles `source` into `target` with the typst command-line tool and the tests'
/// fonts, where one of the same version is installed ([`typst_cli`]), and asserts it
/// succeeds without a warning. Returns whether it ran.
#[track_caller]
pub fn typst_cli_compile(root: &Path, source: &Path, target: &Path) -> bool {
    let Some(typst) = typst_cli() else { return false };
    let output = Command::new(&typst)
        .args(["compile", "--ignore-system-fonts", "--font-path"])
        .arg(test_fonts())
        .arg("--root")
        .arg(root)
        .arg(source)
        .arg(target)
        .output()
        .expect("run typst");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "", "typst warned");
    true
}

/// Every file directly in a folder, by name, with its bytes (hidden files left out).
pub fn folder(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(dir) else { return BTreeMap::new() };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()) && !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).expect("read")))
        .collect()
}
