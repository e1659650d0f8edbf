//! The PDF a records office would accept, measured from the built file: GB/T 9704
//! page and text block, 22 lines a page, 28 characters a line, fonts by role, page
//! numbers, no missing glyph; and the Typst source that the `typst` tool compiles.

mod common;

use std::path::Path;

use common::{Fixture, TextLine as Line, poppler};

/// Points in a millimetre.
const MM: f64 = 72.0 / 25.4;
/// The text block: left 28 mm, top 37 mm, 156 × 225 mm.
const LEFT: f64 = 28.0 * MM;
const TOP: f64 = 37.0 * MM;
const WIDTH: f64 = 156.0 * MM;
const HEIGHT: f64 = 225.0 * MM;

/// Every page's lines.
fn pages(pdf: &Path) -> Vec<Vec<Line>> {
    common::text_lines(pdf)
}

/// The shipped project built (once, shared by the tests that read it) and its PDF.
fn built() -> (&'static Fixture, std::path::PathBuf) {
    let (project, run) = common::built_with_run(common::SHIPPED, &["build"]);
    assert_eq!(run.stderr(), "", "the reference bulletin builds with no warning");
    let pdf = project.file("out/shiyaohuan/2019-11-15.pdf");
    (project, pdf)
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

/// The bulletin's headings.
const HEADINGS: [&str; 2] = ["一、採取的措施和打擊成效", "二、下一步工作"];

#[test]
fn text_block_lines_and_characters_follow_gb_t_9704() {
    let (_project, pdf) = built();
    let pages = pages(&pdf);
    assert_eq!(pages.len(), 7);
    let footer = TOP + HEIGHT;
    let full_pages = &pages[1..pages.len() - 1];
    for (i, page) in full_pages.iter().enumerate() {
        let body: Vec<&Line> = page.iter().filter(|l| l.y_min < footer).collect();
        // 22 lines; 21 only when a heading moved to the next page with its first line
        // (issue 24: no line moves for a widow or an orphan).
        let next_opens_with_heading = pages[i + 2].first().is_some_and(|l| HEADINGS.contains(&l.text.as_str()));
        assert!(
            body.len() == 22 || (body.len() == 21 && next_opens_with_heading),
            "page {} has {} lines",
            i + 2,
            body.len()
        );
        // An exact pitch: the k-th line's box starts k pitches below the top margin,
        // so 22 lines of 16 pt fill the 225 mm block. Lines set wholly in Chinese are
        // measured (a Latin face's own ascent would move pdftotext's box).
        let pitch = (HEIGHT - 16.0) / 21.0;
        for (k, line) in body.iter().enumerate() {
            if !line.text.chars().any(|c| c.is_ascii()) {
                let expected = TOP + pitch * k as f64;
                assert!(close(line.y_min, expected, 0.3), "page {} line {k} at {} not {expected}", i + 2, line.y_min);
            }
        }
        assert!(close(TOP + 21.0 * pitch + 16.0, footer, 0.01));
        // Lines start at the left margin (or two characters in, a paragraph's first).
        // An opening mark at the start of a line is set half-width, its blank half
        // trimmed, so its box starts half a character early (its ink does not).
        let char = WIDTH / 28.0;
        for line in &body {
            let opening = line.text.starts_with(['“', '‘', '（', '《', '「']);
            let indent = line.x_min - LEFT + if opening { char / 2.0 } else { 0.0 };
            assert!(
                close(indent, 0.0, 0.5) || close(indent, 2.0 * char, 0.5),
                "line starts at {}: {}",
                line.x_min,
                line.text
            );
        }
    }

    // A heading is never the last line of a page: it moves on with its paragraph.
    for (i, page) in pages.iter().enumerate() {
        let body: Vec<&Line> = page.iter().filter(|l| l.y_min < footer).collect();
        let last = body.last().expect("a line");
        assert!(!HEADINGS.contains(&last.text.as_str()), "heading alone at the foot of page {}", i + 1);
    }

    // Characters per full line of Chinese text: 28 cells. A line holds more
    // characters only as its marks give up part of their cells (each at most half,
    // clreq's compression; issue 24), and 27 when its 28th character would have left
    // a closing mark to start the next line, or when the paragraph's breaking ends it
    // a character early (its characters then open by under 5 % of a cell: grid.rs).
    let closing = |c: char| "，。、；：？！”’）》…".contains(c);
    let lines: Vec<&Line> = full_pages.iter().flatten().filter(|l| l.y_min < footer).collect();
    let mut counts = std::collections::BTreeMap::new();
    for (k, line) in lines.iter().enumerate() {
        let full = close(line.x_min, LEFT, 0.5) && line.x_max >= LEFT + WIDTH - 1.0;
        if !full || line.text.chars().any(|c| c.is_ascii()) {
            continue;
        }
        let n = line.text.chars().count();
        *counts.entry(n).or_insert(0) += 1;
        let marks = line.text.chars().filter(|&c| closing(c) || "“‘（《「".contains(c)).count();
        assert!(n <= 28 + marks / 2, "{n} characters, {marks} marks: {}", line.text);
        if n < 28 {
            let next = lines.get(k + 1).map_or("", |l| l.text.as_str());
            assert!(n == 27, "{n} characters: {} / {next}", line.text);
        }
    }
    let total: i32 = counts.values().sum();
    let early = counts.get(&27).copied().unwrap_or(0);
    assert!(early * 100 <= total * 5, "a line ends a character early only rarely: {counts:?}");
}

#[test]
fn title_and_page_numbers_sit_where_gb_t_9704_puts_them() {
    let (_project, pdf) = built();
    let pages = pages(&pdf);
    // The title (22 pt, two balanced lines) is centred on the text block.
    let middle = LEFT + WIDTH / 2.0;
    for line in &pages[0][..2] {
        assert!(close((line.x_min + line.x_max) / 2.0, middle, 1.5), "title line {:?} is not centred", line.text);
        assert!(close(line.y_max - line.y_min, 22.0, 0.5), "title size");
    }
    assert_eq!(format!("{}{}", pages[0][0].text, pages[0][1].text), "陝西省打擊食品、藥品、環境犯罪工作情況通報");
    // Page numbers: — N — in 14 pt below the text block (tests/grid.rs measures
    // the dashes' ink at 7 mm), odd pages one character in from the right, even
    // pages one character in from the left.
    for (i, page) in pages.iter().enumerate() {
        let number = page.last().expect("page number");
        assert_eq!(number.text, format!("—{}—", i + 1));
        assert!(number.y_min > TOP + HEIGHT, "page number {} mm below", (number.y_min - TOP - HEIGHT) / MM);
        assert!(close(number.y_max - number.y_min, 14.0, 0.5));
        if (i + 1) % 2 == 1 {
            assert!(close(number.x_max, LEFT + WIDTH - 14.0, 1.0), "odd page number ends at {}", number.x_max);
        } else {
            assert!(close(number.x_min, LEFT + 14.0, 1.0), "even page number starts at {}", number.x_min);
        }
    }
}

#[test]
fn fonts_follow_their_roles() {
    // The fonts given: Noto CJK only (common::TEST_FONT_FILES); the roles' first choices
    // are not installed, so each falls to its Noto family.
    let (project, pdf) = built();
    // What each role resolved to on this machine …
    let roles = project.run(&["fonts"]).success().stdout();
    let chosen = |role: &str| -> String {
        let line =
            roles.lines().find(|l| l.starts_with(&format!("  {role} "))).unwrap_or_else(|| panic!("{role}: {roles}"));
        // `Noto Serif CJK TC, weight 700`: the family.
        let family = line[2 + role.len()..].split([',', '(']).next().unwrap_or_default();
        family.trim().replace(' ', "").to_lowercase()
    };
    // … is what the PDF's text is set in: body and title (with their bold for the lead
    // sentences), the 一、 headings, and the Latin face for the digits.
    let fonts = poppler("pdffonts", &[pdf.to_str().expect("path")]);
    let names: Vec<String> = fonts
        .lines()
        .skip(2)
        .filter_map(|row| row.split_whitespace().next())
        .map(|name| name.split_once('+').map_or(name, |(_, n)| n).to_lowercase())
        .collect();
    let uses = |family: &str| names.iter().any(|n| n.starts_with(family));
    for role in ["body", "title", "heading", "latin"] {
        assert!(uses(&chosen(role)), "{role} resolved to {} but the PDF has {names:?}", chosen(role));
    }
    let allowed = ["body", "title", "heading", "latin", "page_number"].map(chosen);
    for name in &names {
        assert!(allowed.iter().any(|family| name.starts_with(family.as_str())), "{name} belongs to no role: {names:?}");
    }
    assert!(
        names.iter().any(|n| n.starts_with(&chosen("body")) && n.contains("bold")),
        "bold lead sentences: {names:?}"
    );
}

#[test]
fn a_face_of_another_style_is_said_once_in_the_build_summary() {
    // Issue 24: with no 仿宋 installed, the body fell back to a 宋 face silently. The
    // tests' fonts are Noto CJK only: 仿宋, 楷 and 小标宋 all stand in as 宋, in both
    // editions; 黑 is Noto Sans, so the heading is not said.
    let project = Fixture::shipped();
    let out = project.run(&["build"]).success().stdout();
    let said: Vec<&str> = out.lines().filter(|line| line.starts_with("fonts:")).collect();
    assert_eq!(
        said,
        ["fonts: set in a face of another style: \
          body 仿宋 → 宋 (Noto Serif CJK SC, zh-Hans; Noto Serif CJK TC, zh-Hant), \
          kai 楷 → 宋 (Noto Serif CJK SC, zh-Hans; Noto Serif CJK TC, zh-Hant), \
          title 小标宋 → 宋 (Noto Serif CJK SC, zh-Hans; Noto Serif CJK TC, zh-Hant); \
          `bulletin fonts` names faces that would fill them"],
        "{out}"
    );
    assert!(out.lines().last().is_some_and(|line| line.starts_with("fonts:")), "after the summary: {out}");
    // And `bulletin fonts` names the faces that would fill the role, under it.
    let fonts = project.run(&["fonts"]).success().stdout();
    let body = "\n  body         Noto Serif CJK TC\n";
    let after = &fonts[fonts.find(body).expect("the body role") + body.len()..];
    let until_next_role = &after[..after.find("\n  heading").expect("the heading role")];
    assert!(until_next_role.contains("a 宋 face stands in for 仿宋; faces that would fill the role:"), "{fonts}");
    assert!(until_next_role.contains("cwTeX 仿宋 (free: apt-get install fonts-cwtex-fs; Traditional characters only)"));
    assert!(
        !fonts[fonts.find("\n  heading").expect("heading")..]
            .starts_with("\n  heading      Noto Sans CJK TC\n                 a ")
    );
}

#[test]
fn fonts_command_explains_each_role() {
    // The fonts given: Noto CJK only (common::TEST_FONT_FILES).
    let project = Fixture::shipped();
    let out = project.run(&["fonts"]).success().stdout();
    // The title's free face in the weight series.yaml gives it, standing in for 小標宋.
    assert!(out.starts_with("shiyaohuan:\n  title        Noto Serif CJK TC, weight 700\n"), "{out}");
    assert!(
        out.contains("\n  heading      Noto Sans CJK TC\n                 passed over SimHei: not installed\n"),
        "{out}"
    );
    assert!(out.contains("\n  fallback     Noto Serif CJK TC, Noto Serif CJK SC\n"), "{out}");
    // The Simplified edition in Simplified faces, its own fallback first.
    assert!(out.contains("\nshiyaohuan (zh-Hans):\n  title        Noto Serif CJK SC, weight 700\n"), "{out}");
    assert!(out.contains("\n  heading      Noto Sans CJK SC\n"), "{out}");
    assert!(out.ends_with("\n  fallback     Noto Serif CJK SC, Noto Serif CJK TC\n"), "{out}");

    // The fonts need only the series: a broken figure file is said, not a failure.
    let broken = Fixture::shipped();
    broken.edit("data/shiyaohuan/2019-11-15.yaml", "food:        {cases: 186,", "food:        {cases: x186,");
    let broken = broken.run(&["fonts"]).success().stdout();
    assert!(broken.starts_with("shiyaohuan:\n  title        Noto Serif CJK TC, weight 700\n"), "{broken}");
    assert!(
        broken.ends_with(
            "  (its text not counted: data/shiyaohuan/2019-11-15.yaml has errors, which `bulletin check` shows)\n"
        ),
        "{broken}"
    );

    // A weight the family has no face of is said to be stood in for.
    let project_black = Fixture::shipped();
    project_black.edit(
        "templates/shiyaohuan/series.yaml",
        "{family: Noto Serif CJK TC, weight: bold}",
        "{family: Noto Serif CJK TC, weight: black}",
    );
    let out = project_black.run(&["fonts"]).success().stdout();
    assert!(
        out.starts_with(
            "shiyaohuan:\n  title        Noto Serif CJK TC, weight 900 (it has no such face: its nearest is used)\n"
        ),
        "{out}"
    );

    // A family that is installed but lacks the text is passed over, saying so: the
    // test gives DejaVu Sans, reduced to ASCII, in the project's fonts/ folder.
    std::fs::create_dir_all(project.file("fonts")).expect("mkdir");
    let font = common::repo().join("tests/fixtures/fonts/DejaVuSans-ASCII.ttf");
    std::fs::copy(font, project.file("fonts/DejaVuSans-ASCII.ttf")).expect("copy font");
    project.edit("templates/shiyaohuan/series.yaml", "heading: [SimHei, 黑體,", "heading: [DejaVu Sans, SimHei, 黑體,");
    let out = project.run(&["fonts"]).success().stdout();
    assert!(out.contains("passed over DejaVu Sans: lacks 17 characters, such as 、一下二作"), "{out}");
}

#[test]
fn a_character_no_font_has_never_reaches_a_pdf() {
    let project = Fixture::shipped();
    project.run(&["build"]).success();
    let before = std::fs::read(project.file("out/shiyaohuan/2019-11-15.pdf")).expect("read");
    // U+1D11E, the G clef: no font installed here has it (`fc-list :charset=1d11e`).
    project.edit("templates/shiyaohuan/bulletin.md", "下一步，全省公安機關", "下一步，全省𝄞公安機關");
    let run = project.run(&["build"]).failure();
    let stderr = run.stderr();
    assert!(stderr.starts_with("error: no font has `𝄞` (U+1D11E), needed in the body text\n"), "{stderr}");
    assert!(stderr.contains("--> templates/shiyaohuan/bulletin.md:"), "{stderr}");
    assert!(stderr.contains("^ `𝄞` (U+1D11E) is here"), "{stderr}");
    assert!(stderr.contains("= note: fonts tried: FangSong_GB2312 (not installed), 仿宋_GB2312 (not installed), FangSong (not installed), 仿宋 (not installed), cwTeXFangSong (not installed), Noto Serif CJK TC (lacks 𝄞), Noto Serif CJK SC (fallback, lacks it too)\n"), "{stderr}");
    assert_eq!(
        std::fs::read(project.file("out/shiyaohuan/2019-11-15.pdf")).expect("read"),
        before,
        "the PDF was left alone"
    );
}

#[test]
fn the_typst_source_compiles_as_written() {
    let project = Fixture::shipped();
    project.run(&["build", "--format", "typ"]).success();
    let ours = common::pdf_text(&project.file("out/shiyaohuan/2019-11-15.pdf"));
    let source = project.file("out/shiyaohuan/2019-11-15.typ");
    // The written source and the layout it imports, read from the disk as the typst
    // tool reads them, with the same fonts as bulletin's (common::TEST_FONT_FILES).
    let (pdf, warnings) = common::typst_compile(project.path(), &source, common::test_fonts())
        .unwrap_or_else(|errors| panic!("the written source does not compile: {errors:?}"));
    assert_eq!(warnings, Vec::<String>::new(), "typst warned");
    let target = project.file("out/in-process.pdf");
    std::fs::write(&target, pdf).expect("write");
    assert_eq!(common::pdf_text(&target), ours, "the written source sets the same text");
    // And with the typst command-line tool itself, where one of the same version is
    // installed (`cargo install typst-cli --version 0.15.1 --locked`).
    let target = project.file("out/cli.pdf");
    if !common::typst_cli_compile(project.path(), &source, &target) {
        return;
    }
    assert_eq!(common::pdf_text(&target), ours, "the typst tool sets the same text");
}
