//! The third series (tests/fixtures/zhian): a city bureau's year-end summary in
//! Simplified Chinese that uses every figure kind and filter. Its Markdown, web page
//! and PDF text are compared with golden files (tests/golden/zhian/, checked by hand
//! when they were made), and it is published twice, the second time correcting a
//! percentage and an amount. Its layout and styles are the shipped series' own (the
//! fixture's layout.typ, style.css and page.css link to templates/shiyaohuan/).
//!
//! The web page's golden file is the page without its stylesheet: the text of each
//! `<style>` element is left out (`<style></style>`) of the built page before it is
//! compared (or blessed), so that an edit of the shipped CSS changes no golden file;
//! the test checks apart that the page's `<style>` holds the series' page.css and
//! style.css, whole.
//!
//! `BULLETIN_BLESS=1 cargo test --release --test zhian` rewrites the golden files from
//! the current outputs; review the diff before committing it.

mod common;

use common::{Fixture, pdf_text, poppler, repo, squeeze, without_page_numbers};

const FILE: &str = "data/zhian/2021-12-31.yaml";

/// Compares an output with its golden file (or rewrites it when blessing).
#[track_caller]
fn golden(name: &str, actual: &str) {
    let path = repo().join("tests/golden/zhian").join(name);
    if std::env::var_os("BULLETIN_BLESS").is_some() {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("read {}: {err}", path.display()));
    assert!(actual == expected, "{name} differs from its golden file:\n{actual}");
}

/// The text of each `<style>` element of a page, in order.
fn styles(html: &str) -> Vec<&str> {
    html.split("<style>").skip(1).map(|rest| &rest[..rest.find("</style>").expect("</style>")]).collect()
}

/// A page with the text of each `<style>` element left out: `<style></style>`.
fn without_styles(html: &str) -> String {
    styles(html)
        .into_iter()
        .fold(html.to_string(), |page, css| page.replacen(&format!("<style>{css}</style>"), "<style></style>", 1))
}

/// Run with a fixed publication time (SOURCE_DATE_EPOCH).
fn run_at(project: &Fixture, epoch: &str, args: &[&str]) -> common::Run {
    common::Run::from(project.command(args).env("SOURCE_DATE_EPOCH", epoch).output().expect("run bulletin"))
}

#[test]
fn every_output_matches_its_golden_file() {
    let (project, run) = common::built_with_run("zhian", &["build"]);
    // One line of this series' dense paragraphs no breaking sets within 5 % of a cell
    // (tests/grid.rs measures it): the build names it, and says nothing else.
    let said = run.stderr();
    let loose = "“与网格员联勤联动，全年接报各类警情186,437起，同比增加”";
    assert!(said.starts_with("warning: ") && said.contains(loose), "the loose line is named: {said}");
    assert_eq!(said.matches("warning: ").count(), 1, "the series builds without another warning: {said}");
    golden("2021-12-31.md", &project.read("out/zhian/2021-12-31.md"));
    let html = project.read("out/zhian/2021-12-31.html");
    golden("2021-12-31.html", &without_styles(&html));
    // The stylesheet left out of the golden file: the series' own, inline and whole,
    // the page's (page.css) and then the article's (style.css).
    let series = repo().join("tests/fixtures/zhian/templates/zhian");
    let css =
        |name: &str| std::fs::read_to_string(series.join(name)).unwrap_or_else(|err| panic!("read {name}: {err}"));
    let inline = styles(&html);
    assert_eq!(inline.len(), 1, "one <style> element: {inline:?}");
    let article_css = inline[0]
        .trim_start()
        .strip_prefix(css("page.css").as_str())
        .unwrap_or_else(|| panic!("the page's <style> does not open with page.css:\n{}", inline[0]));
    assert_eq!(article_css.trim_start(), css("style.css"), "the page's <style> holds page.css, then style.css");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-Hans\">"), "{html}");
    assert!(html.contains("<title>2021年临江市公安局社会治安工作情况通报</title>"));
    let pdf = project.file("out/zhian/2021-12-31.pdf");
    let text = pdf_text(&pdf);
    golden("2021-12-31.pdf.txt", &text);
    let squeezed = without_page_numbers(&squeeze(&text));
    assert!(squeezed.starts_with("2021年临江市公安局社会治安工作情况通报2021年，临江市公安局"), "{squeezed}");
    assert!(squeezed.contains("张某某等人制售假药案临江区487.59万元"), "a table row reads across: {squeezed}");

    let info = poppler("pdfinfo", &["-isodates", pdf.to_str().expect("path")]);
    assert!(info.contains("Title:           2021年临江市公安局社会治安工作情况通报\n"), "{info}");
    assert!(info.contains("Author:          临江市公安局\n"), "{info}");
    // The PDF's language follows series.yaml's `lang`.
    let raw = std::fs::read(&pdf).expect("read pdf");
    let lang = b"/Lang(zh-CN)";
    assert!(raw.windows(lang.len()).any(|w| w == lang), "the PDF's language is zh-CN");

    // The year before has no prior-year figures and no typical case: those clauses
    // are left out, and the title takes its own year.
    let earlier = project.read("out/zhian/2020-12-31.md");
    assert!(earlier.starts_with("# 2020年临江市公安局社会治安工作情况通报\n"), "{earlier}");
    assert!(earlier.contains("共立案刑事案件5791起；刑事案件发案率"), "no year-on-year clause: {earlier}");
    assert!(!earlier.contains("诈骗窝点"), "no typical case: {earlier}");
}

#[test]
fn a_correction_is_noted_in_simplified_with_the_series_formatting() {
    let project = Fixture::named("zhian");
    run_at(&project, "1641002400", &["publish", FILE]).success();
    project.edit(FILE, "incidence_change: -8.37", "incidence_change: -8.73");
    project.edit(FILE, "recovered_yuan: 18765432", "recovered_yuan: 18756432");
    let diff = project.run(&["diff", FILE]).success().stdout();
    assert!(
        diff.contains("  overview.incidence_change: -8.37 → -8.73  (全市刑事案件发案率同比: -8.37% → -8.73%)\n"),
        "{diff}"
    );
    assert!(
        diff.contains(
            "  linjiang.recovered_yuan: 18765432 → 18756432  (临江区挽回经济损失: 1876.54万元 → 1875.64万元)\n"
        ),
        "{diff}"
    );
    run_at(&project, "1641175200", &["publish", FILE, "--reason", "刑事案件发案率和临江区挽回经济损失录入有误"])
        .success();
    let note = "本局2022年1月1日发布的《2021年临江市公安局社会治安工作情况通报》因刑事案件发案率和临江区挽回经济损失录入有误，\
                全市刑事案件发案率同比-8.37%应为-8.73%；临江区挽回经济损失1876.54万元应为1875.64万元；\
                全市挽回经济损失5314.53万元应为5313.63万元。现予更正。";
    let v2 = project.read("archive/zhian/2021-12-31/v2/2021-12-31.md");
    assert!(
        v2.starts_with(&format!("# 2021年临江市公安局社会治安工作情况通报\n\n> ## 更正说明\n>\n> {note}\n")),
        "{v2}"
    );
    assert!(v2.contains("刑事案件发案率同比下降8.73%") && v2.contains("挽回经济损失5313.63万元"), "{v2}");
    let notice = project.read("archive/zhian/2021-12-31/v2/2021-12-31-correction-v2.md");
    assert_eq!(
        notice,
        format!(
            "# 关于《2021年临江市公安局社会治安工作情况通报》的更正说明\n\n{note}\n\n临江市公安局\n\n2022年1月3日\n"
        )
    );
    let manifest = project.read("archive/zhian/2021-12-31/v2/manifest.json");
    assert!(manifest.contains("\"old\": \"-8.37\"") && manifest.contains("\"new\": \"-8.73\""), "{manifest}");
    project.run(&["verify", "--rebuild"]).success();
}
