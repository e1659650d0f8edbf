//! The GB/T 9704 grid at the standard's full precision (issue 14), measured on the
//! built reference bulletin as a reader with a ruler would: every full line fills the
//! 28-cell line, page 1's lines sit on the grid of the other pages, the page-number
//! dashes are 7 mm below the block, no paragraph ends in one character, no widow or
//! orphan, numbers stay with their units, and the title breaks at natural points.
//!
//! Every measurement is made on both editions' PDFs (Traditional and Simplified) of two
//! builds: with the tests' pinned Noto CJK faces, and with the free faces that make the
//! page look official on Linux added (cwTeX 仿宋 for the body, AR PL UKai for 楷). Each
//! build is made once per process and shared by the tests.
//!
//! `/DisplayDocTitle` and the PDF/A conformance level are checked in tests/pipeline.rs
//! and tests/archive.rs.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::{Fixture, attr, poppler};

/// Points in a millimetre.
const MM: f64 = 72.0 / 25.4;
/// The text block: left 28 mm, top 37 mm, 156 × 225 mm.
const LEFT: f64 = 28.0 * MM;
const TOP: f64 = 37.0 * MM;
const WIDTH: f64 = 156.0 * MM;
const HEIGHT: f64 = 225.0 * MM;
const BOTTOM: f64 = TOP + HEIGHT;
/// One cell of the 28-cell line, and the pitch of 22 lines of 16 pt in the block.
const CELL: f64 = WIDTH / 28.0;
const PITCH: f64 = (HEIGHT - 16.0) / 21.0;
/// How far a measured position may be from where it belongs.
const TOLERANCE: f64 = 0.3;

const TITLE: &str = "陝西省打擊食品、藥品、環境犯罪工作情況通報";
/// The editions' files: (stem, language).
const EDITIONS: [(&str, &str); 2] = [("2019-11-15", "zh-Hant"), ("2019-11-15.zh-Hans", "zh-Hans")];

/// The font setups every measurement is made with.
#[derive(Clone, Copy)]
enum Faces {
    /// The tests' pinned Noto CJK files only (`common::TEST_FONT_FILES`).
    Noto,
    /// The same, with the free 仿宋 and 楷 of Debian (README's official-looking faces).
    Free,
}

impl Faces {
    const BOTH: [Self; 2] = [Self::Noto, Self::Free];

    fn name(self) -> &'static str {
        match self {
            Self::Noto => "Noto faces",
            Self::Free => "free 仿宋 and 楷 added",
        }
    }

    /// `bulletin` with these arguments in the project, with this setup's fonts.
    fn command(self, project: &Fixture, args: &[&str]) -> Result<Command, String> {
        let mut command = project.command(args);
        if let Self::Free = self {
            command.env("BULLETIN_FONT_PATHS", free_fonts()?);
        }
        Ok(command)
    }
}

/// The free faces, by the Debian package that installs each.
const FREE_FONT_FILES: [(&str, &str); 2] = [
    ("/usr/share/fonts/truetype/cwtex/cwfs.ttf", "fonts-cwtex-fs"),
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", "fonts-arphic-ukai"),
];

/// A folder of links to the Noto files and the free faces, made once per process.
fn free_fonts() -> Result<&'static Path, String> {
    static DIR: OnceLock<Result<tempfile::TempDir, String>> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let noto = common::TEST_FONT_FILES.map(|file| (file, "fonts-noto-cjk"));
        let files: Vec<(&str, &str)> = noto.into_iter().chain(FREE_FONT_FILES).collect();
        let missing: Vec<&str> = files.iter().filter(|(file, _)| !Path::new(file).is_file()).map(|f| f.1).collect();
        if !missing.is_empty() {
            return Err(format!("the free faces are not installed: `apt-get install {}`", missing.join(" ")));
        }
        let dir = tempfile::tempdir().expect("temp dir");
        common::remove_at_exit(dir.path());
        for (file, _) in files {
            let file = Path::new(file);
            std::os::unix::fs::symlink(file, dir.path().join(file.file_name().expect("name"))).expect("link");
        }
        Ok(dir)
    });
    dir.as_ref().map(tempfile::TempDir::path).map_err(Clone::clone)
}

/// A line of text, as pdftotext measures it, with its glyphs' origins from pdftocairo.
#[derive(Debug)]
struct Line {
    x_min: f64,
    y_min: f64,
    x_max: f64,
    y_max: f64,
    text: String,
    /// The baseline, up to an offset that is the same on every page (see [`place_glyphs`]).
    baseline: Option<f64>,
    /// Each glyph's origin, left to right: one per character of `text` on a line of CJK
    /// text and figures.
    glyphs: Vec<f64>,
    /// Each glyph's font, as pdftocairo names it (a bold figure is wider than a regular one).
    faces: Vec<String>,
}

impl Line {
    /// Reaches the right edge of the block (a justified line, or a last line that fills it).
    fn full(&self) -> bool {
        self.x_max >= LEFT + WIDTH - CELL / 2.0
    }

    /// Cells before the first character: 0 at the left edge, 2 for a paragraph's indent
    /// (an opening mark at the start of a line is set half-width, half a cell early).
    fn indent(&self) -> Option<f64> {
        let cells = (self.x_min - LEFT) / CELL;
        [0.0, 2.0].into_iter().find(|indent| (cells - indent).abs() <= 0.6)
    }

    /// Indented: a paragraph's first line, or a heading.
    fn starts_paragraph(&self) -> bool {
        self.x_min > LEFT + 0.75 * CELL
    }

    fn chars(&self) -> Vec<char> {
        self.text.chars().collect()
    }

    /// The distance from each glyph's origin to the next one's, and from the last one's to
    /// the right edge of the block: the width each character is set in.
    fn gaps(&self) -> Vec<f64> {
        let ends = self.glyphs.iter().skip(1).chain(Some(&(LEFT + WIDTH)).filter(|_| self.full()));
        self.glyphs.iter().zip(ends).map(|(x, end)| end - x).collect()
    }
}

/// One edition's PDF of one build, read back.
struct Pdf {
    /// Which edition and which faces, for the messages.
    label: String,
    path: PathBuf,
    pages: Vec<Vec<Line>>,
    /// The document's title, as pdfinfo prints it.
    title: String,
    /// The headings, from the Markdown built beside the PDF.
    headings: Vec<String>,
    /// The bold lead sentences that open paragraphs (`**一是…。**`), from the Markdown.
    leads: Vec<String>,
    /// The advance of each ASCII character (figures) in each font: the least distance
    /// from its origin to the next glyph's anywhere in the PDF, its natural width on the
    /// line, tracking included, where a line sets it unopened (figures are opened with
    /// the characters of their line; a bold figure is wider than a regular one).
    advances: HashMap<(char, String), f64>,
}

impl Pdf {
    fn read(project: &Fixture, stem: &str, label: String) -> Self {
        let path = project.file(&format!("out/shiyaohuan/{stem}.pdf"));
        Self::at(path, &project.read(&format!("out/shiyaohuan/{stem}.md")), label)
    }

    /// A PDF anywhere (an archived version's), with the Markdown it was made from.
    fn at(path: PathBuf, markdown: &str, label: String) -> Self {
        let pages = read_pages(&path);
        let info = poppler("pdfinfo", &[path.to_str().expect("path")]);
        let title = info.lines().find_map(|l| l.strip_prefix("Title:")).map_or("", str::trim).to_string();
        let headings = markdown
            .lines()
            .filter(|line| line.starts_with("##"))
            .map(|line| line.trim_start_matches('#').trim().replace(['*', '`'], ""))
            .collect();
        let leads =
            markdown.lines().filter_map(|line| line.strip_prefix("**")?.split_once("**")).map(|l| l.0.into()).collect();
        let mut advances = HashMap::new();
        for line in pages.iter().flatten().filter(|line| line.glyphs.len() == line.text.chars().count()) {
            for ((c, pair), face) in line.text.chars().zip(line.glyphs.windows(2)).zip(&line.faces) {
                if c.is_ascii() {
                    let advance = advances.entry((c, face.clone())).or_insert(f64::INFINITY);
                    *advance = f64::min(*advance, pair[1] - pair[0]);
                }
            }
        }
        Self { label, path, pages, title, headings, leads, advances }
    }

    /// The lines of the text block on a page: not the title (22 pt), not the page number.
    fn body(page: &[Line]) -> impl Iterator<Item = &Line> {
        page.iter().filter(|line| line.y_max - line.y_min < 19.0 && line.y_min < BOTTOM)
    }

    /// Every body line in reading order, with its page number (from 1): not a table's
    /// rows (cells apart by more than two cells' width).
    fn flow(&self) -> Vec<(usize, &Line)> {
        let row = |line: &Line| line.glyphs.windows(2).any(|pair| pair[1] - pair[0] > 2.0 * CELL);
        self.pages
            .iter()
            .enumerate()
            .flat_map(|(i, page)| Self::body(page).filter(move |line| !row(line)).map(move |line| (i + 1, line)))
            .collect()
    }

    /// The title's lines: the 22 pt lines at the top of page 1.
    fn title_lines(&self) -> Vec<&Line> {
        self.pages[0].iter().take_while(|line| line.y_max - line.y_min > 19.0).collect()
    }

    /// The natural width of each character of a line, as the grid sets it: a CJK character
    /// or mark one cell, a figure its advance, and half a cell a mark that takes half: one
    /// the next glyph follows within ¾ of a cell (adjacent marks compressed, GB/T 15834),
    /// or that ends a line within ¾ of a cell of the right edge (a mainland ，。、 at the end
    /// of a line, set half-width by Typst).
    fn widths(&self, line: &Line) -> Vec<f64> {
        let chars = line.chars();
        let gaps: Vec<f64> = line.gaps();
        let aligned = line.glyphs.len() == chars.len();
        chars
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let gap = gaps.get(i).filter(|_| aligned).copied();
                if c.is_ascii() {
                    let face = line.faces.get(i).cloned().unwrap_or_default();
                    self.advances.get(&(c, face)).copied().filter(|a| a.is_finite()).or(gap).unwrap_or(f64::NAN)
                } else if let Some(gap) = gap.filter(|_| is_mark(c)) {
                    // A mark is set in half a cell to a whole one: compressed beside
                    // another mark, or to keep a figure with its unit on the line.
                    gap.clamp(CELL / 2.0, CELL)
                } else if let Some(gap) = gap.filter(|_| chars.get(i + 1).is_some_and(|&next| is_mark(next))) {
                    // A centred mark compressed on both sides moves its glyph's origin
                    // left by up to a quarter of a cell: the character before it seems
                    // narrower by that much.
                    gap.clamp(0.75 * CELL, CELL)
                } else {
                    CELL
                }
            })
            .collect()
    }

    /// The most a character of a full line other than a mark is set wider than its width
    /// on the grid (justification), in points.
    fn opening(&self, line: &Line) -> f64 {
        let chars = line.chars();
        (chars.iter().zip(line.gaps()).zip(self.widths(line)))
            .filter(|((c, _), _)| !is_mark(**c))
            .map(|((_, gap), width)| gap - width)
            .fold(f64::NEG_INFINITY, f64::max)
    }

    /// The opening of the full line whose text is `text`, if there is one.
    fn opened(&self, text: &str) -> Option<f64> {
        let line = self.flow().into_iter().map(|(_, line)| line).find(|line| line.text == text)?;
        (line.full() && line.glyphs.len() == line.chars().len()).then(|| self.opening(line))
    }

    /// The first piece of a line that cannot be broken, and its natural width: its first
    /// character with the closing marks after it (a closing mark never starts a line), the
    /// character after an opening mark (which never ends one), a whole run of ASCII (a
    /// number), and the unit or 月/日 after a number (issue 14).
    fn first_unit(&self, line: &Line) -> (String, f64) {
        let chars = line.chars();
        let mut end = 1;
        while let (Some(&prev), Some(&c)) = (chars.get(end - 1), chars.get(end)) {
            let joined = closing(c)
                || opening(prev)
                || (prev.is_ascii() && c.is_ascii())
                || (prev.is_ascii_digit() && !c.is_ascii() && !is_mark(c))
                || (prev == c && "—…".contains(c));
            if !joined {
                break;
            }
            end += 1;
        }
        (chars[..end.min(chars.len())].iter().collect(), self.widths(line).iter().take(end).sum())
    }
}

/// The punctuation of CJK text, and ASCII's.
fn is_mark(c: char) -> bool {
    c.is_ascii_punctuation() || "，。、；：？！“”‘’（）《》〈〉「」『』【】〔〕…—·～".contains(c)
}

/// Marks that never start a line (GB/T 15834, clreq).
fn closing(c: char) -> bool {
    "，。、；：？！”’）》〉」』】〕…".contains(c)
}

/// Marks that never end a line.
fn opening(c: char) -> bool {
    "“‘（《〈「『【〔".contains(c)
}

/// Every page's lines, from `pdftotext -bbox-layout`, with their glyphs from
/// `pdftocairo -svg`.
fn read_pages(pdf: &Path) -> Vec<Vec<Line>> {
    let svg = poppler("pdftocairo", &["-svg", pdf.to_str().expect("path"), "-"]);
    let svg_pages: Vec<&str> =
        if svg.contains("<pageSet>") { svg.split("<page>").skip(1).collect() } else { vec![svg.as_str()] };
    common::text_lines(pdf)
        .into_iter()
        .enumerate()
        .map(|(i, page)| {
            let mut lines: Vec<Line> = page
                .into_iter()
                .map(|line| Line {
                    x_min: line.x_min,
                    y_min: line.y_min,
                    x_max: line.x_max,
                    y_max: line.y_max,
                    text: line.text,
                    baseline: None,
                    glyphs: Vec::new(),
                    faces: Vec::new(),
                })
                .collect();
            place_glyphs(&mut lines, svg_pages.get(i).copied().unwrap_or(""));
            lines
        })
        .collect()
}

/// Gives each line its glyphs' origins and baseline. pdftotext gives a box per line
/// only (a line of CJK text has no space, so it is one word); pdftocairo's SVG draws
/// each glyph as `<use xlink:href="#glyph…" x=… y=…/>` at its origin on the baseline.
/// The SVG's coordinates are the page's scaled by a factor a little under 1 (0.99879,
/// which is 595.2756 / 596: the page's width in whole points) and its baselines are
/// moved by a fraction of a point; the factor is measured on each page, as the ratio of
/// each row's first glyph to the left of pdftotext's box, so that positions come out in
/// the PDF's points. Only differences of baselines are used.
fn place_glyphs(lines: &mut [Line], svg: &str) {
    let mut rows: Vec<(f64, Vec<(f64, String)>)> = Vec::new();
    for tag in svg.split("<use ").skip(1).filter(|tag| tag.starts_with("xlink:href=\"#glyph")) {
        let tag = &tag[..tag.find("/>").expect("tag end")];
        let (x, y) = (attr(tag, "x"), attr(tag, "y"));
        // `#glyph3-12`: glyph 12 of the third font.
        let face = tag["xlink:href=\"#glyph".len()..].split('-').next().unwrap_or_default().to_string();
        match rows.iter_mut().find(|(row, _)| (row - y).abs() < 0.5) {
            Some((_, xs)) => xs.push((x, face)),
            None => rows.push((y, vec![(x, face)])),
        }
    }
    let pairs: Vec<(usize, usize)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| rows.iter().position(|(y, _)| (line.y_min..=line.y_max).contains(y)).map(|r| (i, r)))
        .collect();
    let mut ratios: Vec<f64> = pairs
        .iter()
        .map(|&(i, r)| rows[r].1.iter().map(|g| g.0).fold(f64::INFINITY, f64::min) / lines[i].x_min)
        .collect();
    ratios.sort_by(f64::total_cmp);
    let Some(&scale) = ratios.get(ratios.len() / 2) else { return };
    for (i, r) in pairs {
        let mut glyphs: Vec<(f64, String)> = rows[r].1.iter().map(|(x, face)| (x / scale, face.clone())).collect();
        glyphs.sort_by(|a, b| a.0.total_cmp(&b.0));
        (lines[i].glyphs, lines[i].faces) = glyphs.into_iter().unzip();
        lines[i].baseline = Some(rows[r].0 / scale);
    }
}

/// One build of the shipped project with one font setup, read back.
struct Build {
    _project: Fixture,
    pdfs: Vec<Pdf>,
    /// Why this build does not measure what it should (the free 仿宋 not used).
    problem: Option<String>,
}

fn built(faces: Faces) -> Result<&'static Build, String> {
    static NOTO: OnceLock<Result<Build, String>> = OnceLock::new();
    static FREE: OnceLock<Result<Build, String>> = OnceLock::new();
    let cell = match faces {
        Faces::Noto => &NOTO,
        Faces::Free => &FREE,
    };
    cell.get_or_init(|| build(faces)).as_ref().map_err(Clone::clone)
}

fn build(faces: Faces) -> Result<Build, String> {
    let project = Fixture::shipped();
    // Kept in a static, so never dropped.
    project.remove_at_exit();
    run(faces.command(&project, &["build"])?)?;
    let pdfs: Vec<Pdf> =
        EDITIONS.iter().map(|(stem, lang)| Pdf::read(&project, stem, format!("{lang}, {}", faces.name()))).collect();
    // The free build must have set the body in cwTeX 仿宋 (pdffonts: `ABCDEF+cwTeXFangSong`).
    // Only the Traditional edition: cwTeX 仿宋 is a Traditional face, without 211 of the
    // Simplified edition's characters, so `bulletin fonts` passes it over there.
    let fonts = poppler("pdffonts", &[pdfs[0].path.to_str().expect("path")]);
    let names: Vec<&str> = fonts.lines().skip(2).filter_map(|row| row.split_whitespace().next()).collect();
    let problem = (matches!(faces, Faces::Free) && !names.iter().any(|name| name.contains("cwTeX"))).then(|| {
        format!("the body is not set in cwTeX 仿宋 (series.yaml's fonts.body should list cwTeXFangSong), so the free face was not measured: pdffonts lists {}", names.join(", "))
    });
    Ok(Build { _project: project, pdfs, problem })
}

/// Runs bulletin; what it said on stderr (its warnings) when it succeeded.
fn run(mut command: Command) -> Result<String, String> {
    let output = command.output().expect("run bulletin");
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stderr).into_owned())
    } else {
        Err(format!("bulletin failed: {}", String::from_utf8_lossy(&output.stderr)))
    }
}

/// Measures each edition's PDF of each build and fails with every finding.
#[track_caller]
fn check(measure: impl Fn(&Pdf) -> Vec<String>) {
    let failures = findings(measure);
    assert!(failures.is_empty(), "{} finding(s):\n{}", failures.len(), failures.join("\n"));
}

/// What a measurement finds on each edition's PDF of each build, each finding prefixed
/// with the edition and the faces.
fn findings(measure: impl Fn(&Pdf) -> Vec<String>) -> Vec<String> {
    let mut failures = Vec::new();
    for faces in Faces::BOTH {
        match built(faces) {
            Ok(build) => {
                failures.extend(build.problem.iter().map(|problem| format!("{}: {problem}", faces.name())));
                for pdf in &build.pdfs {
                    failures.extend(measure(pdf).into_iter().map(|failure| format!("{}: {failure}", pdf.label)));
                }
            }
            Err(err) => failures.push(format!("{}: {err}", faces.name())),
        }
    }
    failures
}

#[test]
fn every_full_line_fills_the_28_cell_grid() {
    // GB/T 9704: 28 characters a line. Lines are filled greedily and every mark keeps its
    // cell, so a line reaching the right edge is as full as the next line's first
    // unbreakable piece allows: its natural width (a cell for each character, the indent's
    // two, a figure's advance) falls short of the block by less than that piece. For a
    // line wholly in Chinese this is 28 characters, or 27 when the 28th moved down with a
    // closing mark (or is an opening mark, which cannot end a line). The first lines of
    // the paragraphs opening with a bold lead sentence are such lines (issue 14: they
    // held 27, the tracking lost at the bold/regular boundary).
    //
    // A line with figures is measured on its glyphs: pdftotext gives only a box per line,
    // and justification hides any shortfall by stretching the line to the block, so the
    // stretch is the block's width less the natural width, each figure's natural width
    // its advance (see `Pdf::advances`). A figure run that loses a cell shows as a line
    // stretched by more than the next piece, which would have fitted. And no character
    // is set in less than its cell (a face's run that loses its spacing, say): each
    // glyph's distance to the next glyph is at least its width on the grid, less half a
    // point (the last glyph's cell ends at the right edge, whatever its advance).
    check(|pdf| {
        let flow = pdf.flow();
        let mut failures = Vec::new();
        let mut measured = Vec::new();
        for (k, &(page, line)) in flow.iter().enumerate() {
            let Some(indent) = line.indent().filter(|_| line.full()) else { continue };
            let (text, chars, widths) = (&line.text, line.chars(), pdf.widths(line));
            if widths.iter().any(|w| w.is_nan()) {
                failures.push(format!("page {page}: cannot pair glyphs with characters: {line:?}"));
                continue;
            }
            measured.push(text.as_str());
            let stretch = WIDTH - indent * CELL - widths.iter().sum::<f64>();
            let cells = ((WIDTH - stretch) / CELL * 2.0).round() / 2.0;
            let mut squeezed: Vec<(char, f64, f64)> =
                (chars.iter().zip(line.glyphs.windows(2).map(|pair| pair[1] - pair[0])).zip(&widths))
                    .filter(|((c, gap), width)| !c.is_ascii() && *gap < *width - 0.5)
                    .map(|((&c, gap), &width)| (c, gap, width))
                    .collect();
            squeezed.sort_by(|a, b| (a.1 - a.2).total_cmp(&(b.1 - b.2)));
            let squeezed = squeezed.first().filter(|_| chars.len() == line.glyphs.len()).map(|(c, gap, width)| {
                format!(
                    "{} of its characters set in less than a cell, “{c}” in {gap:.2} pt of {width:.2}",
                    squeezed.len()
                )
            });
            // Each character a hair under its cell (so that rounding never pushes the 28th
            // off the line: up to 0.07 pt in cwTeX 仿宋) adds up to a point or two over
            // the block on a line that holds more than 28 characters, its marks compressed.
            if stretch < -0.1 * chars.len() as f64 {
                let squeezed = squeezed.map_or(String::new(), |squeezed| format!(" ({squeezed})"));
                failures.push(format!(
                    "page {page}: {cells} cells, {:.2} pt wider than the block{squeezed}: “{text}”",
                    -stretch
                ));
            } else if let Some(squeezed) = squeezed {
                failures.push(format!("page {page}: {squeezed}: “{text}”"));
            }
            let next = flow.get(k + 1).map_or("", |(_, next)| next.text.as_str());
            let (unit, mut room) = flow.get(k + 1).map_or((String::new(), CELL), |(_, next)| pdf.first_unit(next));
            // A mark that ends the line in half a cell takes its whole cell back when the
            // next piece follows it.
            if text.ends_with(closing) {
                room += CELL - widths.last().copied().unwrap_or(CELL);
            }
            // Lines are broken for the paragraph as a whole (Typst's optimized breaking):
            // a line may end one character early when a pair that cannot be parted below
            // it (國”, a figure and its unit) would otherwise overfill a line; its
            // characters then open by under 5 % of a cell (the next test). Two would not.
            if stretch < room + CELL - 0.05 {
                continue;
            }
            let halves = widths.iter().filter(|&&width| width == CELL / 2.0).count();
            failures.push(if text.chars().any(|c| c.is_ascii()) {
                format!(
                    "page {page}: stretched by {stretch:.2} pt ({:.2} cells) over its natural width, yet the next line's “{unit}” ({room:.1} pt) would have fitted: “{text}” / “{next}”",
                    stretch / CELL
                )
            } else {
                format!(
                    "page {page}: {cells} cells ({} characters{}{}), not 28 (27 only when the 28th moved down with a closing mark): “{text}” / “{next}”",
                    chars.len(),
                    if indent > 0.0 { " after the indent" } else { "" },
                    if halves > 0 { format!(", {halves} marks in half a cell") } else { String::new() },
                )
            });
        }
        // The first line of each paragraph opening with a bold lead sentence was measured.
        for lead in &pdf.leads {
            let start: String = lead.chars().take(6).collect();
            if !measured.iter().any(|text| text.starts_with(&start)) {
                failures.push(format!("the first line of the paragraph opening with “{lead}” is not a full line"));
            }
        }
        println!("{}: {} full lines measured, {} lead sentences", pdf.label, measured.len(), pdf.leads.len());
        failures
    });
}

#[test]
fn no_line_is_stretched_more_than_5_percent_of_a_cell() {
    // Issue 24: where a number kept with its unit did not fit at the end of a line, the
    // line was stretched by up to 16.9 % of a cell, and only between the characters
    // outside the number. clreq's order: compress adjacent marks, take the space from the
    // marks of the line, and only then open every character (figures included) evenly,
    // each by at most 5 % of a cell. Measured on every full line of every page: each
    // character's distance to the next glyph, less its width on the grid (a mark may
    // take more: the space is taken from the marks first).
    check(stretched);
}

/// Each full line whose characters (not its marks) are opened by more than 5 % of a cell.
fn stretched(pdf: &Pdf) -> Vec<String> {
    let mut failures = Vec::new();
    let mut worst: f64 = 0.0;
    for (page, line) in pdf.flow() {
        let chars = line.chars();
        if !line.full() || chars.len() != line.glyphs.len() {
            continue;
        }
        let opened = pdf.opening(line);
        worst = worst.max(opened);
        if opened > 0.05 * CELL + 0.05 {
            failures.push(format!(
                "page {page}: a character opened by {:.1} % of a cell: “{}”",
                opened / CELL * 100.0,
                line.text
            ));
        }
    }
    println!("{}: the most a character is opened: {:.2} % of a cell", pdf.label, worst / CELL * 100.0);
    failures
}

#[test]
fn extracted_text_has_no_spaces_the_source_lacks() {
    // Issue 24: `pdftotext` read the letter-spaced lines as `食 品 、 藥 品`. The bulletin's
    // text has no space beside a Chinese character or mark, so none may come out.
    //
    // With cwTeX 仿宋, pdftotext takes a gap of 0.1 em (1.6 pt) between glyphs for a
    // space, and cwTeX's ideographs are 0.92 em wide in a 0.99 em cell, so 1.07 pt of
    // every cell is already a gap: a line opened by more than half a point (3 % of a
    // cell) reads spaced, and a line of 27 characters always does.
    //
    // One such line was known, in the Traditional edition with the free faces:
    // `責”的職責使命，進一步提升打擊環食藥犯罪的效能和治理水`, 27 characters opened by 0.6 pt.
    // It could take `平，` only by giving up a cell from its marks, and it had `，` twice
    // (half a cell each) and `”`, which that face sets apart in a rigid cell (cwTeX's own
    // quotes are narrow Latin ones): Typst's breaker rated the opened line better. A
    // closing quote of such a face now comes from the next family, full width and not
    // boxed, so Typst compresses it as it compresses `，`, and the line takes `平，`.
    check(spaced);
}

#[test]
fn extracted_text_has_no_invisible_characters() {
    // Issue 25: bulletin writes a word joiner (U+2060) into the Typst source wherever
    // figures meet their unit (`1440`, a joiner, `人`), and the layout sets each as a run of its own
    // (a zero-width no-break space, U+FEFF) that Typst shapes into no glyph. Copied out
    // of the PDF or searched, `1440人` must read as it is written: no joiner, no
    // zero-width character of any kind comes out.
    check(|pdf| {
        let text = poppler("pdftotext", &[pdf.path.to_str().expect("path"), "-"]);
        text.lines()
            .filter(|line| {
                line.chars().any(|c| matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'))
            })
            .map(|line| format!("an invisible character in the text: “{}”", line.escape_unicode()))
            .collect()
    });
}

/// Each line pdftotext reads with a space the text does not have (see the test).
fn spaced(pdf: &Pdf) -> Vec<String> {
    let text = poppler("pdftotext", &[pdf.path.to_str().expect("path"), "-"]);
    text.lines()
        .filter(|line| {
            let chars: Vec<char> = line.chars().collect();
            chars.windows(3).any(|w| w[1] == ' ' && (!w[0].is_ascii() || !w[2].is_ascii()))
        })
        .map(|line| format!("a space the text does not have: “{line}”"))
        .collect()
}

#[test]
fn page_one_lines_sit_on_the_grid_of_the_other_pages() {
    // GB/T 9704: 22 lines a page. The title block takes a whole number of pitches, so
    // page 1's lines sit on the grid of every other page and its last line on theirs
    // (issue 14: it ended 8.3 mm above). Measured on the baselines, whatever the faces'
    // ascents, against page 2's first line and the full pages' last.
    check(|pdf| {
        let baselines: Vec<Vec<f64>> =
            pdf.pages.iter().map(|page| Pdf::body(page).filter_map(|line| line.baseline).collect()).collect();
        let Some(&origin) = baselines.get(1).and_then(|page| page.first()) else {
            return vec!["no page 2 to compare with".to_string()];
        };
        let mut failures = Vec::new();
        for (i, page) in baselines.iter().enumerate() {
            let offs: Vec<f64> = page
                .iter()
                .map(|baseline| {
                    let pitches = (baseline - origin) / PITCH;
                    (pitches - pitches.round()) * PITCH
                })
                .filter(|off| off.abs() > TOLERANCE)
                .collect();
            if !offs.is_empty() {
                let (low, high) =
                    offs.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &o| (l.min(o), h.max(o)));
                failures.push(format!(
                    "page {}: {} of its {} lines off page 2's grid, by {low:+.2} to {high:+.2} pt",
                    i + 1,
                    offs.len(),
                    page.len()
                ));
            }
        }
        // A page may end a line early so that no paragraph leaves a line alone (tested
        // below); the full pages end on the block's last line.
        let last = |page: &Vec<f64>| page.last().copied().unwrap_or(f64::NAN);
        let lowest = baselines[1..baselines.len().saturating_sub(1).max(2)].iter().map(last).fold(f64::NAN, f64::max);
        println!("{}: page 1's last baseline {:.2} pt, the full pages' {lowest:.2} pt", pdf.label, last(&baselines[0]));
        if (last(&baselines[0]) - lowest).abs() > TOLERANCE {
            failures.push(format!(
                "page 1's last line's baseline at {:.2} pt, the full pages' at {lowest:.2} pt ({:.1} mm above; page 1 has {} lines)",
                last(&baselines[0]),
                (lowest - last(&baselines[0])) / MM,
                baselines[0].len()
            ));
        }
        failures
    });
}

#[test]
fn page_number_dashes_are_7_mm_below_the_block() {
    // GB/T 9704 7.5: the page number's one-em dashes 7 mm below the block's lower edge
    // (一字线上距版心下边缘7mm), measured on the ink of the first dash as a reader with a
    // ruler would: the page rendered at 600 dpi, the topmost dark row under the block in
    // the dash's columns (the number's box, its first 14 pt).
    check(|pdf| {
        let mut failures = Vec::new();
        for (i, page) in pdf.pages.iter().enumerate() {
            let Some(number) = page.iter().find(|line| line.y_min > BOTTOM && line.text.starts_with('—')) else {
                failures.push(format!("page {}: no page number", i + 1));
                continue;
            };
            let top = ink_top(&pdf.path, i + 1, (number.x_min, number.x_min + 14.0), (BOTTOM, number.y_max + 2.0));
            println!(
                "{}: page {}: dash ink {:.2} mm below the block",
                pdf.label,
                i + 1,
                top.map_or(f64::NAN, |top| (top - BOTTOM) / MM)
            );
            match top {
                Some(top) if ((top - BOTTOM) / MM - 7.0).abs() <= 0.3 => {}
                Some(top) => failures.push(format!(
                    "page {}: the dash's ink is {:.2} mm below the block, not 7.0 ± 0.3 mm",
                    i + 1,
                    (top - BOTTOM) / MM
                )),
                None => failures.push(format!("page {}: no ink in the dash's columns", i + 1)),
            }
        }
        failures
    });
}

/// The top of the topmost ink (grey below 128) in a rectangle of a page (points), from
/// `pdftoppm -r 600 -gray` cropped to it, below any ink that reaches into the rectangle
/// from above (the tail of a mark on the block's last line, in the Simplified edition).
fn ink_top(pdf: &Path, page: usize, (left, right): (f64, f64), (top, bottom): (f64, f64)) -> Option<f64> {
    const DPI: f64 = 600.0;
    let px = |pt: f64| (pt * DPI / 72.0).floor() as i64;
    let (x, y) = (px(left), px(top));
    let page = page.to_string();
    let crop = [x, y, px(right) - x + 1, px(bottom) - y + 1].map(|n| n.to_string());
    let output = Command::new("pdftoppm")
        .args(["-r", "600", "-gray", "-f", &page, "-l", &page])
        .args(["-x", &crop[0], "-y", &crop[1], "-W", &crop[2], "-H", &crop[3]])
        .arg(pdf)
        .output()
        .expect("could not run pdftoppm; install poppler-utils (see README)");
    assert!(output.status.success(), "pdftoppm failed: {}", String::from_utf8_lossy(&output.stderr));
    // A binary PGM: `P5`, width, height and maximum as text, one white space, then a
    // byte a pixel, row by row.
    let bytes = output.stdout;
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        let start = at + bytes[at..].iter().position(|b| !b.is_ascii_whitespace()).expect("PGM header");
        at = start + bytes[start..].iter().position(u8::is_ascii_whitespace).expect("PGM header");
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P5", "pdftoppm -gray writes a binary PGM");
    let width: usize = fields[1].parse().expect("width");
    let dark: Vec<bool> = bytes[at + 1..].chunks(width).map(|row| row.iter().any(|&grey| grey < 128)).collect();
    let clear = dark.iter().position(|&dark| !dark)?;
    let row = clear + dark[clear..].iter().position(|&dark| dark)?;
    Some((y as f64 + row as f64) * 72.0 / DPI)
}

#[test]
fn no_paragraph_ends_in_one_character() {
    // A paragraph's last line (one that stops short of the right edge) holds at least two
    // characters besides its marks: `障。` and `效。` alone on a line read as a mistake.
    check(|pdf| {
        pdf.flow()
            .into_iter()
            .filter(|(_, line)| !line.full() && line.text.chars().filter(|&c| !is_mark(c)).count() < 2)
            .map(|(page, line)| format!("page {page}: a paragraph ends with “{}” alone on its last line", line.text))
            .collect()
    });
}

#[test]
fn paragraphs_made_to_break_badly_do_not() {
    // Paragraphs written so that, filled greedily on the 28-cell grid, their last
    // character would stand alone on the last line: 26 characters after the indent,
    // then one (and its mark); 26 + 28, then one; and one more behind a closing quote;
    // and others below. The bulletin's own paragraphs may happen to break well; these
    // cannot.
    const HAN: &str = "天地玄黃宇宙洪荒日月盈昃辰宿列張寒來暑往秋收冬藏閏餘成歲律呂調陽雲騰致雨露結為霜金生麗水玉出崑岡劍號巨闕珠稱夜光";
    let han: Vec<char> = HAN.chars().collect();
    let paragraphs = [
        format!("{}。", han[..27].iter().collect::<String>()),
        format!("{}。", han[..55].iter().collect::<String>()),
        format!("{}“{}”。", han[..20].iter().collect::<String>(), han[20..25].iter().collect::<String>()),
        // And a date whose 日 would not fit beside its figure: 25 characters, `5`, `日`.
        format!("{}5日{}。", han[..25].iter().collect::<String>(), han[25..30].iter().collect::<String>()),
        // A paragraph ending in bold.
        format!("{}**{}。**", han[..20].iter().collect::<String>(), han[20..27].iter().collect::<String>()),
    ]
    .into_iter()
    // Marks a line may not start with (；： after a figure, after a quote) or end
    // with (「), at every offset a line's end may fall on.
    .chain((18..=26).map(|k| {
        format!(
            "{}15起；抓獲20人：其中“兩河”；另有“青山”：他說：「這是」。",
            han[30..30 + k].iter().collect::<String>()
        )
    }))
    // A paragraph ending in a date or an amount, whose last two characters
    // (`15日。`, `億元。`) are kept together: never `11月｜15日。` nor `16.7｜億元。`.
    .chain((16..=26).flat_map(|k| {
        let han: String = han[..k].iter().collect();
        [format!("{han}截至2019年11月15日。"), format!("{han}涉案金額16.7億元。")]
    }))
    .collect::<Vec<_>>();
    for faces in [Faces::Noto, Faces::Free] {
        let project = Fixture::shipped();
        append(&project, "shiyaohuan/bulletin.md", &paragraphs.join("\n\n"));
        let said = run(faces.command(&project, &["build"]).expect("fonts")).expect("build");
        // Some of these cannot be set within 5 % of a cell: a paragraph of two lines
        // ending in a date that stays whole opens its first line by up to half a cell,
        // and only rewording avoids that. bulletin says so, naming each line it set
        // loose: exactly those this measurement finds (the shipped bulletin's own
        // lines, in the same build, none).
        let markdown = project.read("out/shiyaohuan/2019-11-15.md");
        let pdf = Pdf::at(project.file("out/shiyaohuan/2019-11-15.pdf"), &markdown, faces.name().to_string());
        let measured: Vec<String> = stretched(&pdf).iter().filter_map(|finding| quoted(finding)).collect();
        let named: Vec<String> =
            named_loose(&said).into_iter().filter(|line| line.contains("zh-Hant PDF")).filter_map(quoted).collect();
        assert_eq!(named, measured, "{}: the lines bulletin says it set loose are those measured so", faces.name());
        assert!(!named.is_empty(), "{}: these paragraphs have lines no breaking sets within 5 %", faces.name());
        let pages = read_pages(&project.file("out/shiyaohuan/2019-11-15.pdf"));
        let lines: Vec<&str> = pages.iter().flat_map(|page| Pdf::body(page)).map(|line| line.text.as_str()).collect();
        // They are the last paragraphs, in this order.
        let mut next = 0;
        for paragraph in &paragraphs.iter().map(|p| p.replace("**", "")).collect::<Vec<_>>() {
            // The paragraph's lines: from the one it starts on, until they spell it.
            let start: String = paragraph.chars().take(4).collect();
            let first = next + lines[next..].iter().position(|line| line.starts_with(&start)).expect("printed");
            let (mut text, mut last) = (String::new(), "");
            for (i, line) in lines[first..].iter().enumerate() {
                text.push_str(line);
                last = line;
                next = first + i + 1;
                if text.len() >= paragraph.len() {
                    break;
                }
            }
            assert_eq!(&text, paragraph, "{}: the paragraph reads back whole", faces.name());
            let han_on_last = last.chars().filter(|&c| !is_mark(c)).count();
            assert!(han_on_last >= 2, "{}: “{paragraph}” ends with “{last}” alone", faces.name());
            for line in &lines[first..next] {
                let wrong = line.starts_with(closing) || line.ends_with(opening);
                assert!(
                    !wrong,
                    "{}: a line starts or ends with the wrong mark: “{line}” in “{paragraph}”",
                    faces.name()
                );
            }
            for pair in lines[first..next].windows(2) {
                let split = pair[0].ends_with(|c: char| c.is_ascii_digit())
                    && pair[1].starts_with(|c: char| !c.is_ascii() && !is_mark(c));
                assert!(!split, "{}: a figure split from its unit: “{}” / “{}”", faces.name(), pair[0], pair[1]);
                let date = pair[0].ends_with(['年', '月']) && pair[1].starts_with(|c: char| c.is_ascii_digit());
                assert!(!date, "{}: a date split: “{}” / “{}”", faces.name(), pair[0], pair[1]);
            }
        }
    }
}

/// Appends paragraphs to one of the project's templates (`shiyaohuan/bulletin.md`).
fn append(project: &Fixture, template: &str, text: &str) {
    let path = format!("templates/{template}");
    let before = project.read(&path);
    project.write(&path, &format!("{before}\n\n{text}\n"));
}

/// The warnings of what bulletin said that name a line its PDFs set loose.
fn named_loose(said: &str) -> Vec<&str> {
    said.lines().filter(|line| line.contains(" PDF, page ")).collect()
}

/// The line a finding or a warning quotes: from its `: “` to its last `”`.
fn quoted(said: &str) -> Option<String> {
    let start = said.find(": “")? + ": “".len();
    let end = said.rfind('”')?;
    (start <= end).then(|| said[start..end].to_string())
}

/// The body lines' baselines of each page.
fn baselines(pages: &[Vec<Line>]) -> Vec<Vec<f64>> {
    pages.iter().map(|page| Pdf::body(page).filter_map(|line| line.baseline).collect()).collect()
}

/// Every page but the last ends on the block's 22nd line (GB/T 9704: 22 lines a page,
/// the block filled; official practice moves no line for a widow or an orphan). Only a
/// heading moves down with its first line, so a page followed by one that opens with a
/// heading may end one line short. `headings`: the headings' texts.
fn short_pages(pages: &[Vec<Line>], headings: &[String]) -> Vec<String> {
    let baselines = baselines(pages);
    let Some(&origin) = baselines.get(1).and_then(|page| page.first()) else {
        return vec!["no page 2 to compare with".to_string()];
    };
    let last_line = origin + 21.0 * PITCH;
    let mut failures = Vec::new();
    for (i, page) in baselines.iter().enumerate().take(baselines.len() - 1) {
        let last = page.last().copied().unwrap_or(f64::NAN);
        let short = ((last_line - last) / PITCH).round();
        let next =
            pages[i + 1].iter().find(|line| line.y_max - line.y_min < 19.0).map_or("", |line| line.text.as_str());
        let heading_next = headings.iter().any(|heading| heading == next);
        println!("page {}: {} lines, {short} short of the block's last", i + 1, page.len());
        if short > 0.0 && !(short == 1.0 && heading_next) {
            failures.push(format!(
                "page {} ends {short} line(s) short of the block's 22nd ({:.1} mm of white above the folio); page {} opens with “{next}”",
                i + 1,
                (last_line - last) / MM,
                i + 2
            ));
        }
    }
    failures
}

#[test]
fn every_full_page_has_22_lines() {
    // Issue 24: page 2 had 21 lines in every build (10.6 mm of white above the folio),
    // a corrected version's page 5 had 20: the rule against widows and orphans moved
    // lines to the next page. GB/T 9704 fills the block with 22 lines on every full page.
    check(|pdf| short_pages(&pdf.pages, &pdf.headings));
}

#[test]
fn a_heading_is_never_the_last_line_of_a_page() {
    // A heading moves with its first line; the page before is then the only one allowed
    // to end short (`every_full_page_has_22_lines`). Made to happen: lines added before
    // the section 一 heading one at a time, so that at one of the offsets the heading
    // falls on the block's last line.
    const HAN: &str = "天地玄黃宇宙洪荒日月盈昃辰宿列張寒來暑往秋收冬藏閏餘成歲律呂調陽雲騰致雨露結為霜";
    let mut seen_moved = false;
    for lines in 0..22 {
        let project = Fixture::shipped();
        let template = project.read("templates/shiyaohuan/bulletin.md");
        let filler: String =
            (0..lines).map(|_| format!("{}。\n\n", HAN.chars().take(20).collect::<String>())).collect();
        project
            .write("templates/shiyaohuan/bulletin.md", &template.replacen("## 一、", &format!("{filler}## 一、"), 1));
        run(project.command(&[
            "build",
            "--without",
            "docx",
            "--without",
            "html",
            "--without",
            "fragment",
            "--edition",
            "zh-Hant",
        ]))
        .expect("build");
        let pages = read_pages(&project.file("out/shiyaohuan/2019-11-15.pdf"));
        let headings = ["一、採取的措施和打擊成效".to_string(), "二、下一步工作".to_string()];
        for (i, page) in pages.iter().enumerate() {
            let body: Vec<&Line> = Pdf::body(page).collect();
            if let Some(last) = body.last() {
                assert!(
                    !headings.contains(&last.text),
                    "{lines} lines added: page {} ends with the heading “{}”",
                    i + 1,
                    last.text
                );
            }
            let first = body.first().map_or("", |line| line.text.as_str());
            // The page before ends short of the line page 2's first line is 21 pitches above.
            let all = baselines(&pages);
            let last_line = all.get(1).and_then(|page| page.first()).map_or(f64::NAN, |first| first + 21.0 * PITCH);
            let short = i > 0 && all[i - 1].last().is_some_and(|last| *last < last_line - PITCH / 2.0);
            seen_moved |= first == headings[0] && short;
        }
        assert_eq!(short_pages(&pages, &headings), Vec::<String>::new(), "{lines} lines added");
    }
    assert!(seen_moved, "at no offset did the heading open a page: the test measured nothing");
}

#[test]
fn numbers_stay_with_their_units_and_dates() {
    // `1440人`, `15日`, `19.8%`: no line ends with a figure whose unit, 月 or 日 starts the
    // next line.
    check(split);
}

/// What issue 24 measures on any PDF beside the reference bulletin's: lines opened by
/// more than 5 %, spaces pdftotext reads that the text lacks, split numbers and dates.
fn justified_badly(pdf: &Pdf) -> Vec<String> {
    [stretched(pdf), spaced(pdf), split(pdf)].concat()
}

/// Each line end that splits a number from its unit, or a date.
fn split(pdf: &Pdf) -> Vec<String> {
    pdf.flow()
        .windows(2)
        .filter_map(|pair| {
            let ((page, line), (next_page, next)) = (pair[0], pair[1]);
            let end = line.text.chars().last()?;
            let start = next.text.chars().next()?;
            let split = end.is_ascii_digit() && (!start.is_ascii() || start == '%') && !next.starts_paragraph();
            // And a date stays whole: `截止11月｜15日` (issue 24).
            let digits_before = |text: &str, c: char| {
                text.strip_suffix(c).is_some_and(|rest| rest.ends_with(|c: char| c.is_ascii_digit()))
            };
            let date = (digits_before(&line.text, '月') || digits_before(&line.text, '年'))
                && start.is_ascii_digit()
                && !next.starts_paragraph();
            (split || date).then(|| {
                let tail: String = line.text.chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
                let head: String = next.text.chars().take(6).collect();
                let what = if date { "a date" } else { "a number from its unit" };
                format!("page {page}: “…{tail}｜{head}…” (page {next_page}) splits {what}")
            })
        })
        .collect()
}

#[test]
fn the_title_breaks_at_natural_points() {
    // GB/T 9704 7.3.3: a title too long for a line is broken where its meaning allows,
    // in a trapezoid or diamond, each line centred. Never right after an enumeration
    // comma (`食品、藥品、｜環境犯罪`, issue 14) when a better balanced break exists.
    let mut failures = findings(|pdf| {
        let lines = pdf.title_lines();
        let mut failures = title_failures(&lines, &pdf.title);
        if pdf.label.starts_with("zh-Hant") && pdf.title != TITLE {
            failures.push(format!("the PDF's title is “{}”", pdf.title));
        }
        failures.extend(
            lines
                .iter()
                .filter(|line| line.text.ends_with('、'))
                .map(|line| format!("the title breaks inside its enumeration, after “{}”", line.text)),
        );
        failures
    });

    // A series may say where its title breaks: a newline in series.yaml's `title`. The
    // title breaks there and nowhere else, and is one line everywhere else: the PDF's
    // metadata and the web page's <title>.
    let (upper, lower) = ("陝西省打擊食品、藥品、環境犯罪", "工作情況通報");
    for faces in Faces::BOTH {
        let project = Fixture::shipped();
        let series = project.read("templates/shiyaohuan/series.yaml");
        let series: String = series
            .lines()
            .map(|line| if line.starts_with("title:") { format!("title: \"{upper}\\n{lower}\"") } else { line.into() })
            .map(|line| line + "\n")
            .collect();
        project.write("templates/shiyaohuan/series.yaml", &series);
        if let Err(err) = faces.command(&project, &["build"]).and_then(run) {
            failures.push(format!("{}: {err}", faces.name()));
            continue;
        }
        for (stem, lang) in EDITIONS {
            let pdf = Pdf::read(&project, stem, format!("{lang}, {}, title broken in series.yaml", faces.name()));
            let lines = pdf.title_lines();
            let mut found = title_failures(&lines, &pdf.title);
            let counts: Vec<usize> = lines.iter().map(|line| line.text.chars().count()).collect();
            // The Simplified edition's title is converted character by character here.
            if counts != [upper.chars().count(), lower.chars().count()] {
                found.push(format!("the title's lines are {:?}, not broken after “{upper}”", texts(&lines)));
            }
            // pdfinfo prints a title with a line break on two lines, the second not read.
            if pdf.title.chars().count() != TITLE.chars().count()
                || lang == "zh-Hant" && (pdf.title != TITLE || texts(&lines) != [upper, lower])
            {
                found.push(format!("the PDF's title is “{}”, its lines {:?}", pdf.title, texts(&lines)));
            }
            let html = project.read(&format!("out/shiyaohuan/{stem}.html"));
            let html_title = html.split_once("<title>").and_then(|(_, rest)| rest.split_once("</title>"));
            if html_title.map(|(title, _)| title) != Some(pdf.title.as_str()) {
                found.push(format!("the web page's <title> is {:?}, not the PDF's", html_title.map(|t| t.0)));
            }
            failures.extend(found.into_iter().map(|failure| format!("{}: {failure}", pdf.label)));
        }
    }
    assert!(failures.is_empty(), "{} finding(s):\n{}", failures.len(), failures.join("\n"));
}

fn texts<'a>(lines: &[&'a Line]) -> Vec<&'a str> {
    lines.iter().map(|line| line.text.as_str()).collect()
}

/// The title's lines joined are the document's title (one line in pdfinfo), each
/// centred on the block.
fn title_failures(lines: &[&Line], title: &str) -> Vec<String> {
    let mut failures = Vec::new();
    let joined: String = lines.iter().map(|line| line.text.as_str()).collect();
    if lines.is_empty() || joined != title {
        failures.push(format!("the title's lines {:?} are not the PDF's title “{title}”", texts(lines)));
    }
    // (A mark ending a line is set in half its cell in the Simplified edition, and
    // pdftotext's box holds the whole: such a line is reported for its mark instead.)
    for line in lines.iter().filter(|line| !line.text.ends_with(closing)) {
        let off = (line.x_min + line.x_max) / 2.0 - (LEFT + WIDTH / 2.0);
        if off.abs() > 1.5 {
            failures.push(format!("the title's line “{}” is {off:+.1} pt off the block's centre", line.text));
        }
    }
    failures
}

/// The body's first line on page 1 and every wholly Chinese line of page 1 sit on the
/// grid: a whole number of pitches below the block's top.
fn page_one_off_grid(pdf: &Path) -> Vec<String> {
    let pages = read_pages(pdf);
    Pdf::body(&pages[0])
        .filter(|line| !line.text.chars().any(|c| c.is_ascii()) && (line.y_max - line.y_min - 16.0).abs() < 0.5)
        .filter_map(|line| {
            let k = (line.y_min - TOP) / PITCH;
            ((k - k.round()).abs() * PITCH > TOLERANCE)
                .then(|| format!("“{}” at {:.2} pitches below the top", line.text, k))
        })
        .collect()
}

#[test]
fn other_titles_break_well_and_keep_page_one_on_the_grid() {
    // Titles the shipped one does not exercise: ASCII marks (escaped in the generated
    // markup), a bracket that must not end a line, four lines shared out evenly.
    let titles = [
        "陝西省打擊“互聯網+”食品犯罪工作情況通報",
        "陝西省公安廳關於開展（食品藥品犯罪）專項打擊工作的通報",
        "陝西省公安廳關於全省各級公安機關深入開展打擊食品、藥品、環境犯罪和侵權假冒、野生動物資源破壞違法犯罪專項行動工作情況的通報",
    ];
    for title in titles {
        let project = Fixture::shipped();
        let series = project.read("templates/shiyaohuan/series.yaml");
        let series: String = series
            .lines()
            .map(|line| if line.starts_with("title:") { format!("title: '{title}'\n") } else { format!("{line}\n") })
            .collect();
        project.write("templates/shiyaohuan/series.yaml", &series);
        run(project.command(&["build"])).expect("build");
        let pdf = Pdf::read(&project, "2019-11-15", title.to_string());
        let lines: Vec<String> = pdf.title_lines().iter().map(|line| line.text.clone()).collect();
        assert_eq!(lines.concat(), title, "the title reads back whole");
        assert!(!lines.iter().any(|line| line.ends_with(['（', '“', '、'])), "{lines:?}");
        // A trapezoid: the upper line no shorter; three lines or more, nearly equal.
        let counts: Vec<usize> = lines.iter().map(|line| line.chars().count()).collect();
        let (most, least) = (counts.iter().max().expect("a line"), counts.iter().min().expect("a line"));
        assert!(counts.last() <= counts.first() && (counts.len() < 3 || most - least <= 5), "{lines:?}");
        assert_eq!(page_one_off_grid(&pdf.path), Vec::<String>::new(), "{title}: page 1 on the grid");
    }
}

#[test]
fn a_corrected_version_and_its_notice_keep_the_grid() {
    // Version 2 opens with a ruled correction note; the notice's title (關於《…》的
    // 更正說明) is not the series' title, and breaks between its words too.
    let project = Fixture::shipped();
    let figures = "data/shiyaohuan/2019-11-15.yaml";
    project.run(&["publish", figures]).success();
    project.edit(figures, "cases: 186", "cases: 188");
    project.run(&["publish", "--reason", "統計有誤", figures]).success();
    let version = project.file("archive/shiyaohuan/2019-11-15/v2/2019-11-15.pdf");
    assert_eq!(page_one_off_grid(&version), Vec::<String>::new(), "version 2's page 1 on the grid");
    let notice = project.file("archive/shiyaohuan/2019-11-15/v2/2019-11-15-correction-v2.pdf");
    assert_eq!(page_one_off_grid(&notice), Vec::<String>::new(), "the notice's page 1 on the grid");
    // Issue 24: the corrected version's page 5 had 20 lines.
    let headings = ["一、採取的措施和打擊成效".to_string(), "二、下一步工作".to_string()];
    assert_eq!(short_pages(&read_pages(&version), &headings), Vec::<String>::new(), "version 2");
    // And the other measures of issue 24, on the version and its notice.
    let archived = "archive/shiyaohuan/2019-11-15/v2";
    for stem in ["2019-11-15", "2019-11-15-correction-v2"] {
        let markdown = project.read(&format!("{archived}/{stem}.md"));
        let pdf = Pdf::at(project.file(&format!("{archived}/{stem}.pdf")), &markdown, stem.to_string());
        assert_eq!(justified_badly(&pdf), Vec::<String>::new(), "{stem}");
    }
    let pages = read_pages(&notice);
    let title: Vec<&str> =
        pages[0].iter().take_while(|line| line.y_max - line.y_min > 19.0).map(|line| line.text.as_str()).collect();
    assert_eq!(title, ["關於《陝西省打擊食品、藥品、環境犯罪", "工作情況通報》的更正說明"]);
}

#[test]
fn with_the_free_faces_only_the_simplified_body_stands_in() {
    // cwTeX 仿宋 has the Traditional edition's characters, not 211 of the Simplified
    // one's: its body is set in a 宋 face, and the build says so once (issue 24); the
    // 楷 of both editions is AR PL UKai, so not said.
    let project = Fixture::shipped();
    let output = Faces::Free.command(&project, &["build"]).expect("fonts").output().expect("run");
    let out = String::from_utf8_lossy(&output.stdout);
    let said: Vec<&str> = out.lines().filter(|line| line.starts_with("fonts:")).collect();
    assert_eq!(said.len(), 1, "{out}");
    assert!(said[0].contains("body 仿宋 → 宋 (Noto Serif CJK SC, zh-Hans), "), "{out}");
    assert!(!said[0].contains("kai "), "{out}");
}

#[test]
fn a_new_series_is_measured_too() {
    // The skeleton `bulletin series new` writes: short paragraphs, where keeping a
    // paragraph's last two characters with a number (`下降1.1%。`) left the line before
    // opened by 16.5 % (issue 24).
    let project = Fixture::shipped();
    project.run(&["series", "new", "city"]).success();
    project.run(&["build"]).success();
    let stem = std::fs::read_dir(project.file("out/city"))
        .expect("out/city")
        .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
        .find_map(|name| name.strip_suffix(".zh-Hant.pdf").map(str::to_string))
        .expect("a PDF");
    for suffix in ["", ".zh-Hant"] {
        let markdown = project.read(&format!("out/city/{stem}{suffix}.md"));
        let pdf = Pdf::at(project.file(&format!("out/city/{stem}{suffix}.pdf")), &markdown, format!("city{suffix}"));
        assert_eq!(justified_badly(&pdf), Vec::<String>::new(), "city{suffix}");
    }
}

#[test]
fn the_free_faces_serve_both_editions_kai_role() {
    // Debian's UKai CN face is named `AR PL UKai` where Typst reads it.
    let project = Fixture::shipped();
    let output = Faces::Free.command(&project, &["fonts"]).expect("fonts").output().expect("run");
    let out = String::from_utf8_lossy(&output.stdout);
    let kai: Vec<&str> = out.lines().filter(|line| line.starts_with("  kai ")).collect();
    assert_eq!(kai.len(), 2, "{out}");
    assert!(kai[0].contains("AR PL UKai TW") && kai[1].contains("AR PL UKai"), "{out}");
    // And the body's missing bold is said.
    assert!(out.contains("cwTeXFangSong (no bold: bold text in the heading face)"), "{out}");
}

#[test]
fn the_other_test_series_are_measured_too() {
    // Issue 24 asks every line of every page in the tests measured. The zhian series's
    // paragraphs are dense with wide figures (`186,437起，`, four cells and more, one
    // after another). (The traffic series sets its own plain layout, not GB/T 9704's
    // grid, so there is nothing of this to measure in it.)
    //
    // One line no breaking of its paragraph sets within 5 %, `社会治安防控体系不断完善。
    // 全市公安机关深化社区民警与网格员联勤联动，全年接报各类警情186,437起，同比增加
    // 13,532起，…` (measured with the layout's own spacing, in cells): the first line
    // ends after 民 (25.97 of 28, its characters opened by 8.7 %), 民警 (26.97) or 警与
    // (27.97); the second, from 与, holds up to 同比增加 (26.47: opened by 1.53 cells
    // over its 27 characters and figures, 5.3 %), never `13,532起，` too (30.94, and its
    // three ，give at most 1.5); from 网, up to 同比增加 (25.47) or, with `13,532起，`,
    // 29.94. The best breaking opens that second line by 5.3 % (5.5 % measured on its
    // figures).
    let exempt = ("zhian 2021-12-31", "与网格员联勤联动，全年接报各类警情186,437起，同比增加", 0.056 * CELL);
    let mut failures = vec![];
    for name in ["zhian"] {
        let project = Fixture::named(name);
        project.remove_at_exit();
        run(project.command(&["build"])).unwrap_or_else(|err| panic!("{name}: {err}"));
        let mut stems: Vec<String> = std::fs::read_dir(project.file(&format!("out/{name}")))
            .expect("out")
            .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
            .filter_map(|file| file.strip_suffix(".pdf").map(str::to_string))
            .collect();
        stems.sort();
        assert!(!stems.is_empty(), "{name}: no PDF built");
        for stem in stems {
            let markdown = project.read(&format!("out/{name}/{stem}.md"));
            let pdf = Pdf::at(project.file(&format!("out/{name}/{stem}.pdf")), &markdown, format!("{name} {stem}"));
            let excepted = |failure: &String| {
                pdf.label == exempt.0
                    && failure.contains("opened by")
                    && failure.ends_with(&format!("“{}”", exempt.1))
                    && pdf.opened(exempt.1).is_some_and(|opened| opened <= exempt.2)
            };
            let found = justified_badly(&pdf).into_iter().filter(|failure| !excepted(failure));
            failures.extend(found.map(|failure| format!("{name} {stem}: {failure}")));
        }
    }
    assert!(failures.is_empty(), "{} finding(s):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn figures_in_a_heading_or_a_bold_lead_follow_its_own_spacing() {
    // With the free faces the body (cwTeX 仿宋) is opened out to its cell and a heading
    // (Noto Sans) is not: the run before a figure gives back what it lost at its end,
    // which is the heading's spacing in a heading, not the body's (it gave 1.28 pt more:
    // `二、` then `2019` set apart from it). So the character before a figure takes the
    // width its neighbours take, in a heading and in a bold lead set in the heading face.
    let project = Fixture::shipped();
    let added = "## 三、2019年11月工作安排\n\n**截止11月15日共破案件186起。**其後各地持續開展打擊行動。";
    append(&project, "shiyaohuan/bulletin.md", added);
    for faces in Faces::BOTH {
        run(faces.command(&project, &["build"]).expect("fonts")).expect("build");
        let markdown = project.read("out/shiyaohuan/2019-11-15.md");
        let pdf = Pdf::at(project.file("out/shiyaohuan/2019-11-15.pdf"), &markdown, faces.name().to_string());
        for (start, before) in [("三、2019", '、'), ("截止11", '止')] {
            let (_, line) = pdf.flow().into_iter().find(|(_, line)| line.text.starts_with(start)).expect("printed");
            let (chars, gaps) = (line.chars(), line.gaps());
            let at = chars.iter().position(|&c| c == before).expect("the character");
            assert!(
                (gaps[at] - gaps[at - 1]).abs() < 0.05,
                "{}: in “{}”, “{before}” before the figure takes {:.2} pt, the character before it {:.2} pt",
                faces.name(),
                line.text,
                gaps[at],
                gaps[at - 1]
            );
        }
    }
}

#[test]
fn a_publication_names_the_lines_it_sets_loose_once() {
    // The build before publishing names them (the probe), and so does the version's own
    // render, which also sets the correction notice: each line is said once.
    let project = Fixture::shipped();
    let loose = "天地玄黃宇宙洪荒日月盈昃辰宿列張寒來暑往截至2019年11月15日。";
    append(&project, "shiyaohuan/bulletin.md", loose);
    let said = run(project.command(&["publish", "data/shiyaohuan/2019-11-15.yaml"])).expect("publish");
    let named = named_loose(&said);
    assert_eq!(named.len(), 2, "one line in each edition: {said}");
    assert!(
        named[0].contains("zh-Hant PDF") && named[0].contains("“天地玄黃宇宙洪荒日月盈昃辰宿列張寒來暑往截至”"),
        "{said}"
    );
    assert!(
        named[1].contains("zh-Hans PDF") && named[1].contains("“天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往截至”"),
        "{said}"
    );
    // A correction whose note holds such a paragraph: the note in the bulletin, in a
    // ruled block a cell in from each side, and the notice of a page or less are
    // measured too (each against its own lines at rest, not only the page's edge).
    let figures = "data/shiyaohuan/2019-11-15.yaml";
    project.edit(figures, "cases: 186", "cases: 188");
    append(&project, "shiyaohuan/correction.md", loose);
    let said = run(project.command(&["publish", "--reason", "統計有誤", figures])).expect("publish");
    let named = named_loose(&said);
    let line = "“天地玄黃宇宙洪荒日月盈昃辰宿列張寒來暑往截至”";
    // Each edition: the note on page 1, the paragraph on page 7, the notice.
    for which in ["in the zh-Hant PDF, page 1,", "in the zh-Hant PDF, page 7,", "in the zh-Hant correction notice PDF"]
    {
        assert!(named.iter().any(|said| said.contains(which) && said.contains(line)), "{which}: {said}");
    }
    assert_eq!(named.len(), 6, "each line once: {said}");
}

#[test]
fn faces_of_other_widths_are_not_taken_for_loose_lines() {
    // A layout off the grid: the body in cwTeX 仿宋 (0.92 em) and bold in Noto Sans
    // (1 em), each at its own width. A bold run beside the body is not a line opened:
    // each face is measured against its own characters at rest.
    let project = Fixture::named("traffic");
    let layout = project.read("templates/traffic/layout.typ").replace(
        r#"set text(font: ("Noto Serif CJK SC",), size: 16pt"#,
        r#"show strong: set text(font: "Noto Sans CJK TC")
  set text(font: ("cwTeXFangSong", "Noto Serif CJK TC"), size: 16pt"#,
    );
    project.write("templates/traffic/layout.typ", &layout);
    let template = project.read("templates/traffic/bulletin.md");
    let lead = "**一是強化道路交通安全管理工作。**全市各級公安交管部門堅持以人民為中心的發展思想，深入開展道路交通安全隱患排查整治，嚴厲打擊各類交通違法行為，切實維護全市道路交通安全形勢持續平穩。";
    project.write("templates/traffic/bulletin.md", &format!("{template}\n\n{lead}\n\n{lead}\n"));
    let said = run(Faces::Free.command(&project, &["build"]).expect("fonts")).expect("build");
    let pdf = project.file("out/traffic/2020-01-31.pdf");
    let faces = poppler("pdffonts", &[pdf.to_str().expect("path")]);
    assert!(faces.contains("cwTeXFangSong") && faces.contains("NotoSansCJK"), "both faces set: {faces}");
    assert_eq!(named_loose(&said), Vec::<&str>::new(), "no line named loose: {said}");
}

#[test]
fn a_table_set_sideways_hides_no_loose_line() {
    // A table too wide for the block is set turned on its page; its glyphs are not the
    // page's lines and must not change how the page's lines are measured.
    let project = Fixture::shipped();
    let loose = "天地玄黃宇宙洪荒日月盈昃辰宿列張寒來暑往截至2019年11月15日。";
    let cell = "陝西省西安市碑林區";
    let head: String = (0..14).map(|i| format!("|欄目名稱第{i}列")).collect::<String>() + "|";
    let rule = "|---".repeat(14) + "|";
    let row = format!("|{cell}").repeat(14) + "|";
    let rows = vec![row; 12].join("\n");
    // A paragraph at rest beside it: what the loose line is measured against.
    let plain = "今年以來，全省各級公安機關堅持以人民為中心的發展理念，認真貫徹落實食品安全重要批示指示精神。";
    let body = format!("# {{{{ series.title }}}}\n\n{loose}\n\n{plain}\n\n{head}\n{rule}\n{rows}\n");
    project.write("templates/shiyaohuan/bulletin.md", &body);
    let said = run(project.command(&["build"])).expect("build");
    let named = named_loose(&said);
    assert_eq!(named.len(), 2, "the loose line, in each edition: {said}");
    assert!(named[0].contains("“天地玄黃宇宙洪荒日月盈昃辰宿列張寒來暑往截至”"), "{said}");
}
