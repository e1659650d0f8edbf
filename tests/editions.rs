//! Editions: the reference series issues a Simplified edition from its Traditional
//! templates and one figure file. Its text is checked against an independent
//! converter (Debian's `opencc` command, a different implementation and dictionary
//! release from the one compiled in), its PDF and web page against their language.

mod common;

use std::process::Command;

use common::{Fixture, SHIPPED, listing, pdf_text, poppler, squeeze};

const HANT: &str = "out/shiyaohuan/2019-11-15.md";
const HANS: &str = "out/shiyaohuan/2019-11-15.zh-Hans.md";

/// Runs the `opencc` command with a configuration on a text.
fn opencc(config: &str, text: &str) -> String {
    let dir = tempfile::tempdir().expect("temp");
    let (input, output) = (dir.path().join("in.md"), dir.path().join("out.md"));
    std::fs::write(&input, text).expect("write");
    let status = Command::new("opencc")
        .args(["-c", config, "-i"])
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .status()
        .unwrap_or_else(|err| panic!("could not run `opencc` ({err}); install the `opencc` package (see README)"));
    assert!(status.success(), "opencc failed");
    std::fs::read_to_string(output).expect("read")
}

/// The terms the reference series protects (series.yaml, `conversion.protect`).
const PROTECTED: [&str; 1] = ["胡明朗"];

#[test]
fn the_simplified_edition_is_the_traditional_one_converted_by_phrase() {
    let project = common::built(SHIPPED, &["build"]);
    let (hant, hans) = (project.read(HANT), project.read(HANS));
    // Paragraph by paragraph, the same as OpenCC's own conversion from Taiwan-standard
    // Traditional (the standard the reference text is written in: 著 for the particle).
    let independent = opencc("tw2s.json", &hant);
    let ours: Vec<&str> = hans.split("\n\n").collect();
    let theirs: Vec<&str> = independent.split("\n\n").collect();
    assert_eq!(ours.len(), theirs.len(), "paragraph count");
    for (i, (ours, theirs)) in ours.iter().zip(&theirs).enumerate() {
        // A protected term would be written as in the Traditional edition.
        let mut theirs = theirs.to_string();
        for term in PROTECTED {
            theirs = theirs.replace(&opencc("tw2s.json", term), term);
        }
        assert_eq!(*ours, theirs, "paragraph {}", i + 1);
    }
    for term in PROTECTED {
        assert!(hans.contains(term), "{term} is kept");
    }
    assert!(!hans.contains('鬍'), "the surname 胡 never becomes 鬍");
    // OpenCC's general Traditional standard (t2s) would leave 著 as it is where this
    // text means the particle: exactly there the editions differ from it.
    let general = opencc("t2s.json", &hant);
    let differences: Vec<(char, char)> = general.chars().zip(hans.chars()).filter(|(a, b)| a != b).collect();
    assert_eq!(differences, [('著', '着'), ('著', '着')], "關係著 → 关系着, 著力 → 着力");

    // Every amount in 万 and 亿, every heading and bold lead kept.
    for unit in ['萬', '億'] {
        assert!(!hans.contains(unit), "{unit} in the Simplified edition");
    }
    assert_eq!(hant.matches("億元").count(), hans.matches("亿元").count());
    assert!(hans.contains("涉案金额16.7亿元"), "{hans}");
    assert_eq!(hant.matches("\n## ").count(), hans.matches("\n## ").count());
    assert_eq!(hant.matches("**").count(), hans.matches("**").count());
}

#[test]
fn each_edition_has_its_language_faces_and_title() {
    let project = common::built(SHIPPED, &["build"]);
    let html = project.read("out/shiyaohuan/2019-11-15.zh-Hans.html");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-Hans\">"), "{html}");
    assert!(html.contains("<title>陕西省打击食品、药品、环境犯罪工作情况通报</title>"), "{html}");

    let pdf = project.file("out/shiyaohuan/2019-11-15.zh-Hans.pdf");
    let path = pdf.to_str().expect("path");
    let info = poppler("pdfinfo", &[path]);
    assert!(info.contains("Title:           陕西省打击食品、药品、环境犯罪工作情况通报\n"), "{info}");
    assert!(info.contains("Author:          陕西省公安厅\n"), "{info}");
    let bytes = std::fs::read(&pdf).expect("read");
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(has(b"/Lang(zh-CN)"), "the Simplified PDF says zh-CN");
    assert!(!has(b"/Lang(zh-TW)"));
    // Set in Simplified faces: every CJK font in it is an SC one.
    let fonts = poppler("pdffonts", &[path]);
    let cjk: Vec<&str> = fonts.lines().filter(|line| line.contains("CJK")).collect();
    assert!(!cjk.is_empty() && cjk.iter().all(|line| line.contains("CJKsc")), "{fonts}");
    let traditional = poppler("pdffonts", &[project.file("out/shiyaohuan/2019-11-15.pdf").to_str().expect("path")]);
    assert!(traditional.lines().filter(|l| l.contains("CJK")).all(|l| l.contains("CJKtc")), "{traditional}");
    // The text of the PDF is the edition's.
    let md = project.read(HANS);
    let text = squeeze(&pdf_text(&pdf));
    assert!(text.starts_with("陕西省打击食品、药品、环境犯罪工作情况通报今年以来，"), "{text}");
    assert!(md.contains("截止11月15日，全省共破获食品、药品、环境领域犯罪案件956起"));
}

#[test]
fn the_first_edition_is_unchanged_by_the_others() {
    // The same project with one edition: the Traditional outputs are byte for byte
    // the same.
    let two = common::built(SHIPPED, &["build"]);
    let one = Fixture::shipped();
    let schema = one.read("templates/shiyaohuan/series.yaml");
    let start = schema.find("\neditions:").expect("editions");
    let end = schema[start..].find("\n# Never converted").expect("end") + start;
    one.write("templates/shiyaohuan/series.yaml", &format!("{}{}", &schema[..start], &schema[end..]));
    one.run(&["build"]).success();
    assert!(!one.file(HANS).exists());
    for ext in ["md", "html", "pdf"] {
        let name = format!("out/shiyaohuan/2019-11-15.{ext}");
        assert!(
            std::fs::read(one.file(&name)).expect("read") == std::fs::read(two.file(&name)).expect("read"),
            "{name}"
        );
    }
}

#[test]
fn a_build_may_ask_for_some_editions() {
    let project = Fixture::shipped();
    let run = project.run(&["build", "--edition", "zh-Hans"]).success();
    assert_eq!(run.build_stdout().0, listing("wrote out/shiyaohuan/", &["2019-11-15.zh-Hans"], "\n"));
    assert!(!project.file(HANT).exists());
    // A later build of every edition writes the others.
    let run = project.run(&["build"]).success();
    assert_eq!(run.build_stdout().1, "built 1, skipped 0, failed 0");
    assert!(project.file(HANT).exists());
    let stderr = project.run(&["build", "--edition", "zh-HK"]).failure().stderr();
    assert_eq!(
        stderr,
        "error: no series being built has the edition `zh-HK`\n = note: the editions are zh-Hans, zh-Hant\n\n"
    );
}

#[test]
fn check_lists_the_protected_terms_and_fonts_are_checked_per_edition() {
    let project = Fixture::shipped();
    let out = project.run(&["check"]).success().stdout();
    assert_eq!(out, "ok data/shiyaohuan/2019-11-15.yaml\n  zh-Hans: not converted by the dictionaries: 胡明朗\n");

    // A Simplified edition whose faces lack its text fails alone, saying which.
    let font = common::repo().join("tests/fixtures/fonts/DejaVuSans-ASCII.ttf");
    std::fs::create_dir_all(project.file("fonts")).expect("mkdir");
    std::fs::copy(font, project.file("fonts/DejaVuSans-ASCII.ttf")).expect("copy font");
    project.edit(
        "templates/shiyaohuan/series.yaml",
        "    font_fallback: [Noto Serif CJK SC, Noto Serif CJK TC]",
        "    font_fallback: []",
    );
    project.edit(
        "templates/shiyaohuan/series.yaml",
        "      body: [FangSong_GB2312, 仿宋_GB2312, FangSong, 仿宋, Noto Serif CJK SC]",
        "      body: [DejaVu Sans]",
    );
    let stderr = project.run(&["build"]).failure().stderr();
    assert!(stderr.starts_with("error: no font has "), "{stderr}");
    assert!(stderr.contains("= note: in the zh-Hans edition\n"), "{stderr}");
}

#[test]
fn a_series_written_in_simplified_issues_a_traditional_edition() {
    let project = Fixture::named("zhian");
    // OpenCC's dictionaries leave 制售 (to make and sell) as it is; Traditional writes
    // 製售, which the series says with an override.
    project.edit(
        "templates/zhian/series.yaml",
        "lang: zh-Hans\n",
        "lang: zh-Hans\neditions: [zh-Hans, {lang: zh-Hant, fonts: {title: [Noto Serif CJK TC], body: [Noto Serif CJK TC], \
         heading: [Noto Sans CJK TC], kai: [Noto Serif CJK TC], page_number: [Noto Serif CJK TC], latin: [Noto Serif CJK TC]}}]\n\
         conversion: {overrides: {制售: 製售}}\n",
    );
    project.run(&["build", "data/zhian/2021-12-31.yaml"]).success();
    let hant = project.read("out/zhian/2021-12-31.zh-Hant.md");
    assert!(hant.starts_with("# 2021年臨江市公安局社會治安工作情況通報\n"), "{hant}");
    assert!(hant.contains("挽回經濟損失5314.53萬元"), "{hant}");
    // The table's syntax and figures pass unchanged; its words are converted.
    assert!(hant.contains("| 張某某等人製售假藥案 | 臨江區 | 487.59萬元 |"), "{hant}");
    let simplified = project.read("out/zhian/2021-12-31.md");
    assert_eq!(
        simplified,
        std::fs::read_to_string(common::repo().join("tests/golden/zhian/2021-12-31.md")).expect("golden")
    );
    let html = project.read("out/zhian/2021-12-31.zh-Hant.html");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-Hant\">"), "{html}");
    let bytes = std::fs::read(project.file("out/zhian/2021-12-31.zh-Hant.pdf")).expect("read");
    assert!(bytes.windows(12).any(|w| w == b"/Lang(zh-TW)"), "the Traditional PDF says zh-TW");
    let fonts = poppler("pdffonts", &[project.file("out/zhian/2021-12-31.zh-Hant.pdf").to_str().expect("path")]);
    assert!(fonts.lines().filter(|l| l.contains("CJK")).all(|l| l.contains("CJKtc")), "{fonts}");
}

#[test]
fn mistakes_in_editions_and_conversion_are_refused_where_written() {
    let schema = "templates/shiyaohuan/series.yaml";
    // Each error names the line that holds `at`.
    let refused = |from: &str, to: &str, at: &str| {
        let project = Fixture::shipped();
        project.edit(schema, from, to);
        let stderr = project.run(&["check"]).failure().stderr();
        let line = project.read(schema).lines().position(|l| l.contains(at)).expect("line") + 1;
        assert!(stderr.contains(&format!("--> {schema}:{line}:")), "{stderr}");
        stderr
    };
    // A slip that would delete the province's name from every Simplified title.
    let stderr = refused("  protect: [胡明朗]", "  protect: [胡明朗]\n  overrides: {陝西省: }", "overrides");
    assert!(stderr.starts_with("error: an override that converts a term to nothing: `陝西省`\n"), "{stderr}");
    let stderr = refused("  - zh-Hant\n  - lang: zh-Hans", "  - zh-Hant\n  - zh-CN\n  - lang: zh-Hans", "- zh-CN");
    assert!(
        stderr.contains("error: the edition `zh-CN` is in another script and names no fonts of its own"),
        "{stderr}"
    );
    let stderr = refused(
        "    font_fallback: [Noto Serif CJK SC, Noto Serif CJK TC]",
        "    font_fallback: [Noto Serif CJK SC]\n  - lang: zh-hans\n    fonts: {body: [x]}",
        "lang: zh-hans",
    );
    assert!(stderr.contains("error: the edition `zh-hans` is the same as `zh-Hans`"), "{stderr}");
}

#[test]
fn a_build_of_some_outputs_never_replaces_the_published_others() {
    let project = Fixture::shipped();
    let file = "data/shiyaohuan/2019-11-15.yaml";
    project.run(&["publish", file]).success();
    project.edit(file, "food:        {cases: 186,", "food:        {cases: 188,");
    project.run(&["publish", file, "--reason", "食品類案件數統計有誤"]).success();
    let published = |name: &str| {
        std::fs::read(project.file(&format!("archive/shiyaohuan/2019-11-15/v2/{name}"))).expect("archived")
    };
    let out = |name: &str| std::fs::read(project.file(&format!("out/shiyaohuan/{name}"))).expect("out");
    // One edition asked for: it is the published one, so nothing is built.
    let run = project.run(&["build", "--edition", "zh-Hans"]).success();
    assert_eq!(run.build_stdout().1, "built 0, skipped 1, failed 0");
    // One more format: only its files are written, those of the published version (its
    // correction note, no draft mark) and of its notice.
    let run = project.run(&["build", "--format", "typ"]).success();
    assert_eq!(
        run.build_stdout().0,
        "wrote out/shiyaohuan/2019-11-15.typ\nwrote out/shiyaohuan/2019-11-15.zh-Hans.typ\n\
         wrote out/shiyaohuan/2019-11-15-correction-v2.typ\nwrote out/shiyaohuan/2019-11-15-correction-v2.zh-Hans.typ\n"
    );
    let typ = project.read("out/shiyaohuan/2019-11-15.typ");
    assert!(typ.contains("更正說明") && !typ.contains("draft: true"), "{typ}");
    for name in ["2019-11-15.md", "2019-11-15.pdf", "2019-11-15.zh-Hans.html", "2019-11-15.zh-Hans.pdf"] {
        assert!(out(name) == published(name), "{name} is still the published file");
    }
    assert_eq!(project.run(&["build"]).success().build_stdout().1, "built 0, skipped 1, failed 0");
}
