//! The pipeline end to end on real files: the shipped figure file and templates
//! produce the reference bulletin as Markdown, HTML and PDF.

mod common;

use common::{Fixture, SHIPPED, listing, pdf_text, poppler, repo, squeeze, without_page_numbers};

const REFERENCE: &str = "tests/fixtures/reference/bulletin-2019-11-15.txt";

/// The reference bulletin's paragraphs: the web copy without its duplicated title
/// and share widgets, with the one known conversion error (鬍明朗) corrected.
fn reference_paragraphs() -> Vec<String> {
    let path = repo().join(REFERENCE);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("read {}: {err}", path.display()));
    let mut paragraphs: Vec<&str> = text.lines().map(str::trim).filter(|line| !line.is_empty()).collect();
    let title = paragraphs[0];
    // The title is repeated above the body (the third paragraph).
    assert_eq!(paragraphs[2], title);
    paragraphs.remove(2);
    assert_eq!(paragraphs.pop(), Some("相關文章:"));
    assert_eq!(paragraphs.pop(), Some("分享到:"));
    paragraphs.iter().map(|p| normalize(&p.replace("鬍明朗", "胡明朗"))).collect()
}

/// Compares text by its characters: no spaces, and half- and full-width forms of a
/// punctuation mark taken as the same.
fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            ',' => '，',
            '(' => '（',
            ')' => '）',
            ':' => '：',
            ';' => '；',
            '!' => '！',
            '?' => '？',
            c => c,
        })
        .collect()
}

/// A Markdown document's paragraphs with the Markdown markers removed.
fn markdown_paragraphs(markdown: &str) -> Vec<String> {
    markdown
        .split("\n\n")
        .map(|block| block.trim())
        .filter(|block| !block.is_empty())
        .map(|block| normalize(block.trim_start_matches('#').replace("**", "").as_str()))
        .collect()
}

#[test]
fn markdown_reproduces_the_reference_bulletin() {
    let (project, run) = common::built_with_run(SHIPPED, &["build"]);
    assert_eq!(
        run.build_stdout(),
        (
            listing("wrote out/shiyaohuan/", &["2019-11-15", "2019-11-15.zh-Hans"], "\n"),
            "built 1, skipped 0, failed 0".to_string()
        )
    );
    let ours = markdown_paragraphs(&project.read("out/shiyaohuan/2019-11-15.md"));
    let reference = reference_paragraphs();
    for (i, (ours, theirs)) in ours.iter().zip(&reference).enumerate() {
        assert_eq!(ours, theirs, "paragraph {} differs", i + 1);
    }
    assert_eq!(ours.len(), reference.len(), "paragraph count");
}

#[test]
fn markdown_structure_and_punctuation() {
    let project = common::built(SHIPPED, &["build"]);
    let md = project.read("out/shiyaohuan/2019-11-15.md");
    assert!(md.starts_with("# 陝西省打擊食品、藥品、環境犯罪工作情況通報\n\n今年以來，"), "{md}");
    assert!(md.contains("\n## 一、採取的措施和打擊成效\n"));
    assert!(md.contains("\n## 二、下一步工作\n"));
    assert!(md.contains("\n**一是強化打擊危害食品安全犯罪。**食品安全"));
    assert!(md.contains("\n**四是不斷加強隊伍建設。**堅持"));
    assert_eq!(md.matches("\n**").count(), 12, "eight measures and four next steps, each with a bold lead");
    assert!(md.contains("胡明朗") && !md.contains("鬍"));
    // Chinese text takes full-width punctuation; the web copy's half-width marks are gone.
    for mark in [',', '(', ')', ':', ';'] {
        assert!(!md.contains(mark), "half-width `{mark}` in the Markdown");
    }
    assert!(md.contains("截止11月15日，全省共破獲食品、藥品、環境領域犯罪案件956起，抓獲犯罪嫌疑人1440人，刑事拘留993人，涉案金額16.7億元。公安部督辦7起，省廳督辦44起，發起全國集群戰役3起。"));
    assert!(md.contains("省廳督辦案件7起（除野生動物刑事案件）。"));
    assert!(md.contains("比去年增加21起，打擊效能同比提升19.8%。"));
}

#[test]
fn a_corrected_figure_flows_into_every_sentence() {
    let project = Fixture::shipped();
    project.edit("data/shiyaohuan/2019-11-15.yaml", "food:        {cases: 186,", "food:        {cases: 203,");
    project.run(&["build"]).success();
    let md = project.read("out/shiyaohuan/2019-11-15.md");
    assert!(md.contains("全省共破獲食品、藥品、環境領域犯罪案件973起"), "{md}");
    assert!(md.contains("共破食品類案件203起"));
    assert!(!md.contains("956起") && !md.contains("186起"));
    let pdf = squeeze(&pdf_text(&project.file("out/shiyaohuan/2019-11-15.pdf")));
    assert!(pdf.contains("犯罪案件973起") && pdf.contains("食品類案件203起"));
}

#[test]
fn clauses_without_a_figure_are_left_out() {
    let project = Fixture::shipped();
    let file = "data/shiyaohuan/2019-11-15.yaml";
    project.edit(file, ", province_supervised: 13, cluster_campaigns: 1}", "}");
    project.edit(file, "amount_yuan: 65884000, ", "amount_yuan: 0, ");
    project.edit(file, "{cases: 127, cases_prior_year: 106}", "{cases: 90, cases_prior_year: 106}");
    project.run(&["build"]).success();
    let md = project.read("out/shiyaohuan/2019-11-15.md");
    assert!(
        md.contains("共破食品類案件186起，抓獲犯罪嫌疑人306人，刑事拘留234人，涉案金額13.5億元。\n\n**二是"),
        "{md}"
    );
    assert!(
        md.contains("共破藥品類案件74起，抓獲犯罪嫌疑人135人，刑事拘留101人。省廳督辦案件4起，發起全國集群戰役2起。")
    );
    assert!(md.contains("涉案金額16億元。公安部督辦7起，省廳督辦31起，發起全國集群戰役2起。"));
    assert!(md.contains("全省共破涉網食藥環案件90起，比去年減少16起，打擊效能同比下降15.1%。"));
    project.edit(file, "{cases: 90, cases_prior_year: 106}", "{cases: 106, cases_prior_year: 106}");
    project.run(&["build"]).success();
    assert!(project.read("out/shiyaohuan/2019-11-15.md").contains("全省共破涉網食藥環案件106起，與去年持平。"));
    project.edit(file, "{cases: 106, cases_prior_year: 106}", "{cases: 106}");
    project.run(&["build"]).success();
    assert!(project.read("out/shiyaohuan/2019-11-15.md").contains("全省共破涉網食藥環案件106起。"));
}

#[test]
fn html_is_a_standalone_page() {
    let project = common::built(SHIPPED, &["build"]);
    let html = project.read("out/shiyaohuan/2019-11-15.html");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-Hant\">\n<head>\n<meta charset=\"utf-8\">\n"));
    assert!(html.contains("<title>陝西省打擊食品、藥品、環境犯罪工作情況通報</title>"));
    assert!(html.contains("<style>\n") && html.contains("font-family"));
    assert!(common::unkept(&html).contains("<h1>陝西省打擊食品、藥品、環境犯罪工作情況通報</h1>"));
    assert!(html.contains("<h2>一、採取的措施和打擊成效</h2>"));
    assert!(html.contains("<p><strong>一是強化打擊危害食品安全犯罪。</strong>食品安全"));
    assert!(html.trim_end().ends_with("</html>"));
}

#[test]
fn pdf_carries_the_text_fonts_and_metadata() {
    let project = common::built(SHIPPED, &["build"]);
    let pdf = project.file("out/shiyaohuan/2019-11-15.pdf");
    let path = pdf.to_str().expect("path");

    // Every character of the bulletin, in order.
    let md = project.read("out/shiyaohuan/2019-11-15.md");
    let expected = squeeze(&markdown_paragraphs(&md).concat());
    let text = without_page_numbers(&squeeze(&pdf_text(&pdf)));
    assert!(text == expected, "the PDF's text differs from the Markdown's:\n{text}");

    let info = poppler("pdfinfo", &["-isodates", path]);
    let field = |name: &str| {
        info.lines()
            .find_map(|line| line.strip_prefix(&format!("{name}:")).map(|v| v.trim().to_string()))
            .unwrap_or_else(|| panic!("no {name} in pdfinfo:\n{info}"))
    };
    assert_eq!(field("Title"), "陝西省打擊食品、藥品、環境犯罪工作情況通報");
    assert_eq!(field("Author"), "陝西省公安廳");
    assert!(field("CreationDate").starts_with("2019-11-15"), "{info}");
    assert_eq!(field("Page size"), "595.276 x 841.89 pts (A4)");
    assert_eq!(field("Pages"), "7");

    // Archival and accessible: PDF/A-2a and PDF/UA-1, declared in the XMP metadata,
    // and a viewer shows the title, not the file name (`/DisplayDocTitle`).
    let xmp = poppler("pdfinfo", &["-meta", path]);
    assert!(
        xmp.contains("<pdfaid:part>2</pdfaid:part>") && xmp.contains("<pdfaid:conformance>A</pdfaid:conformance>"),
        "{xmp}"
    );
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xmp}");
    let bytes = std::fs::read(&pdf).expect("read");
    assert!(bytes.windows(20).any(|w| w == b"/DisplayDocTitle tru"), "the viewer shows the title");

    // CJK fonts, embedded (subset).
    let fonts = poppler("pdffonts", &[path]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.iter().any(|row| row.contains("NotoSerifCJK")), "{fonts}");
    assert!(rows.iter().all(|row| row.split_whitespace().rev().nth(3) == Some("yes")), "every font embedded:\n{fonts}");
}

#[test]
fn rebuilding_gives_the_same_bytes() {
    let project = Fixture::shipped();
    project.run(&["build"]).success();
    let first = project.outputs("shiyaohuan/2019-11-15");
    project.run(&["build", "--force", "data/shiyaohuan/2019-11-15.yaml"]).success();
    for ((ext, before), (_, after)) in first.iter().zip(project.outputs("shiyaohuan/2019-11-15")) {
        assert!(*before == after, "{ext} differs between two builds");
    }
}

#[test]
fn a_second_series_needs_only_a_template_folder() {
    let (project, run) = common::built_with_run("traffic", &["build"]);
    assert!(run.stdout().contains("wrote out/traffic/2020-01-31.pdf"));
    let md = project.read("out/traffic/2020-01-31.md");
    assert_eq!(
        md,
        "# 市交通安全整治情況通報\n\n截至1月31日，全市共查處交通違法行為1605起，罰款47.4萬元。\n\n\
         ## 一、主要數據\n\n超速1520起；酒後駕駛85起，行政拘留12人。\n"
    );
    let pdf = squeeze(&pdf_text(&project.file("out/traffic/2020-01-31.pdf")));
    assert!(pdf.contains("全市共查處交通違法行為1605起，罰款47.4萬元。"), "{pdf}");
}

#[test]
fn diff_compares_two_figure_files() {
    let project = Fixture::shipped();
    let corrected =
        project.read("data/shiyaohuan/2019-11-15.yaml").replace("amount_yuan: 250000000", "amount_yuan: 260000000");
    project.write("data/shiyaohuan/2019-11-16.yaml", &corrected.replace("2019-11-15", "2019-11-16"));
    let run = project.run(&["diff", "data/shiyaohuan/2019-11-15.yaml", "data/shiyaohuan/2019-11-16.yaml"]).success();
    let stdout = run.stdout();
    let (figures, sentences) = stdout.split_once("sentences:\n").expect("two sections");
    assert_eq!(
        figures,
        "figures:\n  totals.amount_yuan: 1665884000 → 1675884000  (全省涉案金額: 16.7億元 → 16.8億元)\n  \
         counterfeit.amount_yuan: 250000000 → 260000000  (侵權假冒涉案金額: 2.5億元 → 2.6億元)\n"
    );
    // Every sentence with the date changes; these two change in their figures too.
    assert!(sentences.contains("\n+ 截止11月16日，全省共破獲食品、藥品、環境領域犯罪案件956起，抓獲犯罪嫌疑人1440人，刑事拘留993人，涉案金額16.8億元。\n"));
    assert!(
        sentences
            .contains("\n+ 截止11月16日，共破侵權假冒案件87起，抓獲犯罪嫌疑人122人，刑事拘留81人，涉案金額2.6億元。\n")
    );
    assert!(sentences.lines().all(|line| line.starts_with("- ") || line.starts_with("+ ")), "{sentences}");
}

#[test]
fn typ_source_is_written_on_request() {
    let (project, run) = common::built_with_run(SHIPPED, &["build", "--format", "typ"]);
    assert!(run.stdout().contains("wrote out/shiyaohuan/2019-11-15.typ\n"));
    let typ = project.read("out/shiyaohuan/2019-11-15.typ");
    assert!(typ.contains("#import \"/templates/shiyaohuan/layout.typ\": bulletin\n"));
    assert!(typ.contains("#strong[一是強化打擊危害食品安全犯罪。]食品安全"));
    assert!(typ.contains("互聯網\\+"));
}

#[test]
fn a_series_without_templates_is_an_error() {
    let project = Fixture::shipped();
    project.write("data/unknown/2019-11-15.yaml", "as_of: 2019-11-15\nfigures: {}\n");
    let run = project.run(&["build"]).failure();
    assert_eq!(
        run.stderr(),
        "error: the series `unknown` has no template folder\n \
         = help: create `templates/unknown/` with `series.yaml` and `bulletin.md`\n\n"
    );
    // The good file was still built.
    assert!(run.stdout().contains("wrote out/shiyaohuan/2019-11-15.pdf"));
}

#[test]
fn a_new_period_starts_from_the_latest_with_last_years_figures() {
    let project = Fixture::shipped();
    // Last year's file of the same date, with its own online cases.
    let reference = project.read("data/shiyaohuan/2019-11-15.yaml");
    let last_year =
        reference.replace("2019-11-15", "2018-11-30").replace("online:      {cases: 127,", "online:      {cases: 98,");
    project.write("data/shiyaohuan/2018-11-30.yaml", &last_year);
    let run = project.run(&["new", "shiyaohuan", "2019-11-30"]).success();
    assert_eq!(
        run.stdout(),
        "wrote data/shiyaohuan/2019-11-30.yaml from data/shiyaohuan/2019-11-15.yaml\n  \
         as_of: 2019-11-30\n  \
         online.cases_prior_year: 98, last year's figure from the file of 2018-11-30\n  \
         every other figure: as in data/shiyaohuan/2019-11-15.yaml, until you type this period's\n\
         then `bulletin check data/shiyaohuan/2019-11-30.yaml` says what is still to do\n"
    );
    // The latest file's text, with only as_of and the prior-year figure replaced.
    let expected =
        reference.replace("2019-11-15", "2019-11-30").replace("cases_prior_year: 106", "cases_prior_year: 98");
    assert_eq!(project.read("data/shiyaohuan/2019-11-30.yaml"), expected);
    // Never over an existing file; only real dates.
    let stderr = project.run(&["new", "shiyaohuan", "2019-11-30"]).failure().stderr();
    assert!(stderr.starts_with("error: `data/shiyaohuan/2019-11-30.yaml` exists already\n"), "{stderr}");
    let stderr = project.run(&["new", "shiyaohuan", "2019-02-30"]).failure().stderr();
    assert!(stderr.starts_with("error: `2019-02-30` is not a date: month 2 of 2019 has 28 days\n"), "{stderr}");
    // A period between two: started from the one before it, not the latest.
    project.write(
        "data/shiyaohuan/2019-12-31.yaml",
        &reference.replace("2019-11-15", "2019-12-31").replace("cases: 186,", "cases: 199,"),
    );
    let out = project.run(&["new", "shiyaohuan", "2019-12-15"]).success().stdout();
    assert!(
        out.contains(
            "  online.cases_prior_year: left empty (there is no figure file of 2018-12-15): type last year's figure\n"
        ),
        "{out}"
    );
    assert!(project.read("data/shiyaohuan/2019-12-15.yaml").contains("food:        {cases: 186,"));
    // The traffic series keeps its comments.
    let traffic = Fixture::named("traffic");
    traffic.run(&["new", "traffic", "2020-02-29"]).success();
    assert!(traffic.read("data/traffic/2020-02-29.yaml").starts_with("# 一月份\nas_of: 2020-02-29\n"));
}

#[test]
fn editions_made_side_by_side_are_those_made_one_after_the_other() {
    // One file built with a core to spare makes its two editions on two threads
    // (issue 25); with one job they are made in turn. Every output is the same.
    let project = Fixture::shipped();
    let read_all = || common::folder(&project.file("out/shiyaohuan"));
    project.run(&["build", "--jobs", "1"]).success();
    let in_turn = read_all();
    project.run(&["build", "--force", "--jobs", "2"]).success();
    let side_by_side = read_all();
    let names: Vec<&String> = in_turn.keys().collect();
    assert!(names.iter().any(|name| name.ends_with(".zh-Hans.pdf")) && names.len() >= 10, "{names:?}");
    for name in names {
        assert!(in_turn[name] == side_by_side[name], "{name} differs");
    }
}
