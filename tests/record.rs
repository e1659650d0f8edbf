//! What the public sees is exactly what was published, dated and signed as a press
//! office would: a template edit never rewrites a published bulletin, corrections
//! accumulate, one date per fact, the 落款 of GB/T 9704, guards that stop a
//! publication, the series' own language, keyed lists, a fragment legible on any host
//! page, and the smaller promises of the archive's commands.
//!
//! Each test runs the real binary; `BULLETIN_TEST_BINARY=<an earlier build>` runs it
//! against another build.

mod common;

use std::path::Path;

use common::{Fixture, poppler};

const FILE: &str = "data/shiyaohuan/2019-11-15.yaml";

/// 2019-11-16 10:00 in Beijing, the first release; then the corrections' days.
const V1: &str = "1573869600";
const V2: &str = "1574042400";
const V3: &str = "1574215200";

/// Publishes `file` at `epoch` (seconds since 1970) with `args`.
#[track_caller]
fn publish(project: &Fixture, file: &str, epoch: &str, args: &[&str]) -> common::Run {
    let mut command = project.command(&[&["publish", file][..], args].concat());
    command.env("SOURCE_DATE_EPOCH", epoch).output().expect("run").into()
}

#[test]
fn a_template_edit_never_rewrites_a_published_bulletin() {
    let project = Fixture::shipped();
    publish(&project, FILE, V1, &[]).success();
    let published = common::folder(&project.file("out/shiyaohuan"));
    project.edit("templates/shiyaohuan/bulletin.md", "全力維護了民生領域安全穩定", "全力維護了民生領域的安全穩定");
    let run = project.run(&["build"]).success();
    assert_eq!(common::folder(&project.file("out/shiyaohuan")), published, "the published files stay as published");
    let draft = project.read("out/shiyaohuan/drafts/2019-11-15.md");
    assert!(draft.contains("全力維護了民生領域的安全穩定"), "{draft}");
    let stderr = run.stderr();
    assert!(stderr.contains("warning: `data/shiyaohuan/2019-11-15.yaml` is published (v1) and its inputs changed since: the draft is in `out/shiyaohuan/drafts/`; `out/shiyaohuan/` still holds v1"), "{stderr}");
    assert!(
        stderr.contains("+ ") && stderr.contains("全力維護了民生領域的安全穩定"),
        "the sentences it changes: {stderr}"
    );
    // What its help says: `diff` shows the change, the site lists the published
    // files; a publish without a
    // reason is refused with the sentences; one with a reason is a textual correction.
    let diff = project.run(&["diff", FILE]).success().stdout();
    assert!(diff.contains("+ ") && diff.contains("全力維護了民生領域的安全穩定"), "{diff}");
    project.run(&["site"]).success();
    let refused = publish(&project, FILE, V2, &[]).failure();
    assert!(refused.stderr().contains("reads differently from v1, but no reason says why"), "{}", refused.stderr());
    publish(&project, FILE, V2, &["--reason", "文字更正"]).success();
    assert!(project.read("out/shiyaohuan/2019-11-15.md").contains("全力維護了民生領域的安全穩定"));
    assert!(!project.file("out/shiyaohuan/drafts").exists(), "the draft is the published version now");
    // A file of out/ replaced by hand is put back by a build, as the site's help says.
    std::fs::write(project.file("out/shiyaohuan/2019-11-15.html"), "hand-edited").expect("write");
    let site = project.run(&["site"]).failure();
    assert!(
        site.stderr().contains("help: `bulletin build data/shiyaohuan/2019-11-15.yaml` puts the published files back"),
        "{}",
        site.stderr()
    );
    project.run(&["build", FILE]).success();
    project.run(&["site"]).success();
}

#[test]
fn corrections_accumulate() {
    let project = Fixture::shipped();
    publish(&project, FILE, V1, &[]).success();
    project.edit(FILE, "food:        {cases: 186,", "food:        {cases: 188,");
    publish(&project, FILE, V2, &["--reason", "食品類案件數錄入有誤"]).success();
    project.edit(FILE, "amount_yuan: 65884000", "amount_yuan: 65984000");
    publish(&project, FILE, V3, &["--reason", "藥品類涉案金額錄入有誤"]).success();
    let md = project.read("out/shiyaohuan/2019-11-15.md");
    assert!(md.contains("本廳2019年11月16日發布的"), "cites the first release: {md}");
    assert!(md.contains("11月18日更正：因食品類案件數錄入有誤，食品類破獲案件數186起應為188起"), "{md}");
    assert!(md.contains("11月20日更正：因藥品類涉案金額錄入有誤，藥品類涉案金額6588.4萬元應為6598.4萬元"), "{md}");
    // Each correction's notice keeps its own files, and the site lists both.
    for version in ["v2", "v3"] {
        for ext in common::OUTPUTS {
            let name = format!("out/shiyaohuan/2019-11-15-correction-{version}.{ext}");
            assert!(project.file(&name).exists(), "{name}");
        }
    }
    assert!(project.read("out/shiyaohuan/2019-11-15-correction-v2.md").contains("186起應為188起"));
    project.run(&["site"]).success();
    let page = project.read("out/shiyaohuan/index.html");
    assert!(page.contains("2019-11-15-correction-v2.pdf") && page.contains("2019-11-15-correction-v3.pdf"), "{page}");
    assert!(page.contains("更正說明（2019年11月18日）") && page.contains("更正說明（2019年11月20日）"), "{page}");
    let feed = project.read("out/shiyaohuan/feed.xml");
    assert!(feed.contains("2019-11-15-correction-v2.pdf") && feed.contains("2019-11-15-correction-v3.pdf"));
    // Every correction's reason, by its day, on the site and in the feed.
    let reasons = "更正原因：2019年11月18日：食品類案件數錄入有誤；2019年11月20日：藥品類涉案金額錄入有誤";
    assert!(feed.contains(reasons), "{feed}");
    let page = project.read("out/shiyaohuan/index.html");
    assert!(page.contains(reasons), "{page}");
}

#[test]
fn one_date_per_fact() {
    let project = Fixture::shipped();
    project.run(&["build"]).success();
    // A draft says it is one: its page, its PDF (above the block) and its Word file.
    let draft = project.read("out/shiyaohuan/2019-11-15.html");
    assert!(draft.contains("<span>發布時間：草稿，尚未發布</span>") && !draft.contains("PubDate"), "{draft}");
    // Every page of the draft's PDF is marked above the block, and the block holds
    // the bulletin alone.
    let draft_pdf = project.file("out/shiyaohuan/2019-11-15.pdf");
    let marks = common::pdf_header(&draft_pdf);
    let pages = poppler("pdfinfo", &[draft_pdf.to_str().expect("path")]);
    let pages: usize = pages.lines().find_map(|l| l.strip_prefix("Pages:")).expect("pages").trim().parse().expect("n");
    assert_eq!(marks.split('\u{c}').filter(|page| page.trim() == "草稿").count(), pages, "{marks:?}");
    assert!(!common::pdf_text(&draft_pdf).contains("草稿"));
    assert!(docx_part(&project.file("out/shiyaohuan/2019-11-15.docx"), "word/header1.xml").contains("草稿"));
    publish(&project, FILE, V1, &[]).success();
    project.edit(FILE, "food:        {cases: 186,", "food:        {cases: 188,");
    publish(&project, FILE, V2, &["--reason", "食品類案件數錄入有誤"]).success();
    // The bulletin: published on 16 November, whatever its period or its correction.
    let page = project.read("out/shiyaohuan/2019-11-15.html");
    assert!(page.contains("<span>發布時間：2019年11月16日</span>"), "{page}");
    assert!(page.contains("<meta name=\"PubDate\" content=\"2019-11-16\">"), "{page}");
    assert!(common::pdf_header(&project.file("out/shiyaohuan/2019-11-15.pdf")).trim().is_empty());
    // The notice: its own day, its own title, in its page and its properties.
    let notice = project.read("out/shiyaohuan/2019-11-15-correction-v2.html");
    assert!(notice.contains("<span>發布時間：2019年11月18日</span>"), "{notice}");
    let pdf = project.file("out/shiyaohuan/2019-11-15-correction-v2.pdf");
    let info = poppler("pdfinfo", &[pdf.to_str().expect("path")]);
    assert!(info.contains("Title:           關於《陝西省打擊食品、藥品、環境犯罪工作情況通報》的更正說明\n"), "{info}");
    assert!(info.contains("CreationDate:    Mon Nov 18 02:00:00 2019 UTC") || info.contains("2019-11-18"), "{info}");
    assert!(
        !info.contains("第2版") && !info.contains("Subject:") && !info.contains("Keywords:"),
        "no version number: {info}"
    );
    let core = docx_part(&project.file("out/shiyaohuan/2019-11-15-correction-v2.docx"), "docProps/core.xml");
    assert!(
        core.contains("<dc:title>關於《陝西省打擊食品、藥品、環境犯罪工作情況通報》的更正說明</dc:title>"),
        "{core}"
    );
    assert!(core.contains(">2019-11-18T02:00:00Z</dcterms:created>") && !core.contains("版"), "{core}");
    // The public never sees a version number.
    project.run(&["site"]).success();
    for page in ["out/index.html", "out/shiyaohuan/index.html", "out/shiyaohuan/feed.xml"] {
        let text = project.read(page);
        assert!(!text.contains("第2版") && !text.contains("版，"), "{page}: {text}");
    }
}

/// A part of a Word file, as text.
fn docx_part(path: &Path, name: &str) -> String {
    let bytes = std::fs::read(path).expect("read");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_name(name).expect("the part"), &mut text).expect("text");
    text
}

#[test]
fn the_notice_is_signed_as_gb_t_9704_places_it() {
    let project = Fixture::shipped();
    publish(&project, FILE, V1, &[]).success();
    project.edit(FILE, "food:        {cases: 186,", "food:        {cases: 188,");
    publish(&project, FILE, V2, &["--reason", "食品類案件數錄入有誤"]).success();
    let html = project.read("out/shiyaohuan/2019-11-15-correction-v2.html");
    assert!(html.contains("<div class=\"bulletin-signature\">\n<p class=\"bulletin-signature-office\">陝西省公安廳</p>\n<p class=\"bulletin-signature-date\">2019年11月18日</p>\n</div>"), "{html}");
    // In the PDF: the day ends four characters in from the block's right, the office
    // is centred over it, a line below the text.
    let pdf = project.file("out/shiyaohuan/2019-11-15-correction-v2.pdf");
    let lines: Vec<common::TextLine> = common::text_lines(&pdf).into_iter().flatten().collect();
    let line =
        |text: &str| lines.iter().find(|l| l.text == text).unwrap_or_else(|| panic!("{text}: {lines:#?}")).clone();
    let (office, date) = (line("陝西省公安廳"), line("2019年11月18日"));
    let cell = 156.0 / 28.0 * 72.0 / 25.4;
    let block_right = (28.0 + 156.0) * 72.0 / 25.4;
    assert!((block_right - 4.0 * cell - date.x_max).abs() < 2.0, "the day ends 4 cells in: {date:?}");
    let centre = |l: &common::TextLine| (l.x_min + l.x_max) / 2.0;
    assert!((centre(&office) - centre(&date)).abs() < 2.0, "the office over the day: {office:?} {date:?}");
    assert!(date.y_min > office.y_max, "the day under the office");
    let text = common::squeeze(&common::pdf_text(&pdf));
    assert!(text.contains("現予更正。陝西省公安廳2019年11月18日"), "{text}");
    // In the Word file: both right-aligned, the day four cells in.
    let document = docx_part(&project.file("out/shiyaohuan/2019-11-15-correction-v2.docx"), "word/document.xml");
    assert!(document.contains("<w:pStyle w:val=\"Signature\" />"), "{document}");
    assert!(
        document.contains(
            "<w:ind w:left=\"0\" w:right=\"1264\" /></w:pPr><w:r><w:rPr /><w:t xml:space=\"preserve\">2019年11月18日"
        ),
        "the day four cells (4 × 316 twips) in: {document}"
    );
    // A bulletin whose series asks for one ends with it too.
    project.edit("templates/shiyaohuan/series.yaml", "author: 陝西省公安廳", "author: 陝西省公安廳\nsignature: true");
    project.edit(FILE, "food:        {cases: 188,", "food:        {cases: 190,");
    publish(&project, FILE, V3, &["--reason", "食品類案件數錄入有誤"]).success();
    let md = project.read("out/shiyaohuan/2019-11-15.md");
    assert!(md.trim_end().ends_with("陝西省公安廳\n\n2019年11月16日"), "{md}");
}

#[test]
fn guards_stop_a_publication_until_accepted() {
    let project = Fixture::shipped();
    let november = project.read(FILE);
    // October's figures, a little smaller; then November with a zero added.
    let october =
        november.replace("2019-11-15", "2019-10-31").replace("food:        {cases: 186,", "food:        {cases: 150,");
    project.write("data/shiyaohuan/2019-10-31.yaml", &october);
    project.edit(FILE, "food:        {cases: 186,", "food:        {cases: 1860,");
    let refused = publish(&project, FILE, V1, &[]).failure();
    let stderr = refused.stderr();
    assert!(stderr.contains("食品類破獲案件數 went from 150起 to 1860起, ten times or more"), "{stderr}");
    assert!(stderr.contains("is not published: it may hold a typing slip (the warning above)"), "{stderr}");
    assert!(
        stderr.contains(
            "help: correct the figure file; or, if every figure is right, publish with `--accept food.cases`"
        ),
        "{stderr}"
    );
    assert!(!project.file("archive/shiyaohuan/2019-11-15/v1").exists(), "nothing was published");
    assert_eq!(
        project.run(&["verify"]).success().stdout(),
        "nothing to verify: no period has been published (archive/ is empty)\n"
    );
    publish(&project, FILE, V1, &["--accept", "food.cases"]).success();
    let manifest = project.read("archive/shiyaohuan/2019-11-15/v1/manifest.json");
    assert!(manifest.contains("\"accepted\": [\n      \"food.cases\"\n    ]"), "{manifest}");
}

#[test]
fn the_first_period_of_a_year_is_compared_with_the_year_before() {
    let project = Fixture::shipped();
    let december = project.read(FILE).replace("2019-11-15", "2019-12-31");
    project.write("data/shiyaohuan/2019-12-31.yaml", &december);
    // January copied from December and not edited: a guard, not a decrease error.
    project.write("data/shiyaohuan/2020-01-31.yaml", &december.replace("2019-12-31", "2020-01-31"));
    let check = project.run(&["check", "data/shiyaohuan/2020-01-31.yaml"]).success();
    assert!(
        check.stderr().contains("warning: every figure is the same as in `data/shiyaohuan/2019-12-31.yaml`"),
        "{}",
        check.stderr()
    );
    let refused = publish(&project, "data/shiyaohuan/2020-01-31.yaml", V1, &[]).failure();
    assert!(refused.stderr().contains("publish with `--accept unchanged`"), "{}", refused.stderr());
    let accepted = publish(&project, "data/shiyaohuan/2020-01-31.yaml", V1, &["--accept", "unchanged"]).success();
    assert!(project.file("archive/shiyaohuan/2020-01-31/v1/manifest.json").is_file(), "{}", accepted.stdout());
    // A January figure smaller than December's is the new year's count, not an error.
    let smaller =
        december.replace("2019-12-31", "2020-01-31").replace("food:        {cases: 186,", "food:        {cases: 12,");
    project.write("data/shiyaohuan/2020-01-31.yaml", &smaller);
    let check = project.run(&["check", "data/shiyaohuan/2020-01-31.yaml"]).success();
    assert!(!check.stderr().contains("fell"), "{}", check.stderr());
}

#[test]
fn a_new_period_without_last_years_file_leaves_last_years_figures_to_type() {
    let project = Fixture::shipped();
    let run = project.run(&["new", "shiyaohuan", "2019-11-30"]).success();
    let stdout = run.stdout();
    assert!(stdout.contains("  as_of: 2019-11-30\n"), "{stdout}");
    assert!(
        stdout.contains(
            "  online.cases_prior_year: left empty (there is no figure file of 2018-11-30): type last year's figure\n"
        ),
        "{stdout}"
    );
    let text = project.read("data/shiyaohuan/2019-11-30.yaml");
    assert!(text.contains("online:      {cases: 127, cases_prior_year: }"), "{text}");
    let check = project.run(&["check", "data/shiyaohuan/2019-11-30.yaml"]).failure();
    assert!(check.stderr().contains("data/shiyaohuan/2019-11-30.yaml:"), "{}", check.stderr());
    assert!(check.stderr().contains("cases_prior_year"), "{}", check.stderr());
}

#[test]
fn a_simplified_series_words_its_correction_in_simplified() {
    let project = Fixture::named("zhian");
    // No correction block of its own and no correction.md: its script's defaults.
    let schema = project.read("templates/zhian/series.yaml");
    let start = schema.find("correction:\n").expect("the block");
    let end = start + schema[start..].find("\n\n").expect("its end");
    project.write("templates/zhian/series.yaml", &format!("{}{}", &schema[..start], &schema[end + 2..]));
    std::fs::remove_file(project.file("templates/zhian/correction.md")).expect("remove");
    let file = "data/zhian/2021-12-31.yaml";
    publish(&project, file, V1, &[]).success();
    let text = project.read(file);
    project.write(file, &text.replacen("amount_yuan: 4875900", "amount_yuan: 4875990", 1));
    publish(&project, file, V2, &["--reason", "数据录入有误"]).success();
    let md = project.read("out/zhian/2021-12-31.md");
    assert!(md.contains("> ## 更正说明"), "{md}");
    assert!(!md.contains("說") && !md.contains("應為"), "no Traditional wording: {md}");
    let notice = project.read("out/zhian/2021-12-31-correction-v2.md");
    assert!(notice.starts_with("# 关于《"), "{notice}");
    assert!(notice.contains("》的更正说明\n"), "{notice}");
}

#[test]
fn a_correction_template_with_an_unknown_variable_is_a_check_error() {
    let project = Fixture::shipped();
    project.edit("templates/shiyaohuan/correction.md", "{{ previous.date }}", "{{ previous.day }}");
    let check = project.run(&["check"]).failure();
    let stderr = check.stderr();
    assert!(stderr.contains("--> templates/shiyaohuan/correction.md:"), "{stderr}");
    project.edit("templates/shiyaohuan/correction.md", "{{ previous.day }}", "{{ previous.date }}");
    project.edit(
        "templates/shiyaohuan/series.yaml",
        "author: 陝西省公安廳",
        "author: 陝西省公安廳\ncorrection: {notice_title: \"關於《{{ titel }}》的更正\"}",
    );
    let stderr = project.run(&["check"]).failure().stderr();
    assert!(stderr.contains("--> templates/shiyaohuan/series.yaml:"), "{stderr}");
}

#[test]
fn a_corrected_list_names_the_record_and_the_field() {
    let project = Fixture::named("zhian");
    let file = "data/zhian/2021-12-31.yaml";
    publish(&project, file, V1, &[]).success();
    let text = project.read(file);
    project.write(file, &text.replacen("amount_yuan: 1230000}", "amount_yuan: 1320000}", 1));
    let diff = project.run(&["diff", file]).success().stdout();
    assert!(diff.contains("campaign.cases_list[王某某非法经营案].amount_yuan: 1230000 → 1320000"), "{diff}");
    assert!(diff.contains("(王某某非法经营案涉案金额: 123.00万元 → 132.00万元)"), "{diff}");
    assert!(!diff.contains("张某某"), "the other records are not printed: {diff}");
    publish(&project, file, V2, &["--reason", "金额录入有误"]).success();
    let md = project.read("out/zhian/2021-12-31.md");
    assert!(md.contains("王某某非法经营案涉案金额123.00万元应为132.00万元"), "{md}");
    assert!(!md.contains("张某某等人制售假药案，"), "never a whole list: {md}");
}

#[test]
fn the_archives_commands_agree_on_what_is_not_published() {
    let project = Fixture::shipped();
    let verify = project.run(&["verify"]).success();
    assert_eq!(verify.stdout(), "nothing to verify: no period has been published (there is no archive/ folder)\n");
    let history = project.run(&["history", FILE]).success();
    assert_eq!(history.stdout(), "data/shiyaohuan/2019-11-15.yaml has not been published\n");
    let diff = project.run(&["diff", FILE]).success();
    assert!(diff.stdout().starts_with("data/shiyaohuan/2019-11-15.yaml has not been published"), "{}", diff.stdout());
}

#[test]
fn a_feed_entry_has_one_alternate_per_type_and_language() {
    let project = Fixture::shipped();
    publish(&project, FILE, V1, &[]).success();
    project.run(&["site"]).success();
    let feed = project.read("out/shiyaohuan/feed.xml");
    let mut seen = std::collections::BTreeSet::new();
    for link in feed.split("<link ").skip(1).map(|l| &l[..l.find('>').expect("end")]) {
        if link.contains("rel=\"alternate\"") {
            let attr = |name: &str| {
                link.split(&format!("{name}=\"")).nth(1).map(|r| r[..r.find('"').expect("quote")].to_string())
            };
            assert!(seen.insert((attr("type"), attr("hreflang"))), "a second alternate: {link}");
        }
    }
    assert!(seen.len() >= 4, "{feed}");
}

#[test]
fn a_reason_alone_is_no_correction() {
    // Found by a hostile try: `--reason` published a dated correction of nothing.
    let project = Fixture::shipped();
    publish(&project, FILE, V1, &[]).success();
    // One yuan more, printed 16.7億元 and 13.5億元 either way; a comment in a template.
    project.edit(FILE, "amount_yuan: 1350000000,", "amount_yuan: 1350000001,");
    project.edit(
        "templates/shiyaohuan/bulletin.md",
        "全力維護了民生領域安全穩定",
        "全力維護了民生領域安全穩定{# 註 #}",
    );
    let build = project.run(&["build"]).success();
    let stderr = build.stderr();
    assert!(stderr.contains("but no sentence reads differently: there is nothing to correct"), "{stderr}");
    assert!(!stderr.contains("--reason"), "no help to publish a correction of nothing: {stderr}");
    let run = publish(&project, FILE, V2, &["--reason", "測試"]).success();
    assert!(run.stdout().starts_with("nothing a reader sees changed since v1; nothing published"), "{}", run.stdout());
    assert!(!project.file("archive/shiyaohuan/2019-11-15/v2").exists());
    assert!(!project.file("out/shiyaohuan/2019-11-15-correction-v2.md").exists());
}

#[test]
fn an_accepted_name_must_name_a_warning_of_the_file() {
    // Found by a hostile try: a misspelt `--accept` was recorded in the manifest.
    let project = Fixture::shipped();
    let october = project.read(FILE).replace("2019-11-15", "2019-10-31");
    project.write(
        "data/shiyaohuan/2019-10-31.yaml",
        &october.replace("food:        {cases: 186,", "food:        {cases: 150,"),
    );
    project.edit(FILE, "food:        {cases: 186,", "food:        {cases: 1860,");
    let refused = publish(&project, FILE, V1, &["--accept", "food.cases,bogus.thing"]).failure();
    let stderr = refused.stderr();
    assert!(
        stderr.contains("error: `--accept bogus.thing`: no such warning for `data/shiyaohuan/2019-11-15.yaml`"),
        "{stderr}"
    );
    assert!(stderr.contains("help: the warnings this file raises: food.cases"), "{stderr}");
    assert!(!project.file("archive/shiyaohuan/2019-11-15/v1").exists());
}

#[test]
fn a_record_taken_out_or_added_is_named_as_such() {
    let project = Fixture::named("zhian");
    let file = "data/zhian/2021-12-31.yaml";
    publish(&project, file, V1, &[]).success();
    let text = project.read(file);
    let row = "      - {name: 李某某等人开设赌场案, district: 西山区, amount_yuan: 36804449}\n";
    assert!(text.contains(row), "{text}");
    project.write(file, &text.replacen(row, "", 1));
    let diff = project.run(&["diff", file]).success().stdout();
    assert!(diff.contains("(李某某等人开设赌场案: “西山区”，3680.44万元 → （删去）)"), "{diff}");
    publish(&project, file, V2, &["--reason", "案件表录入有误"]).success();
    let notice = project.read("out/zhian/2021-12-31-correction-v2.md");
    assert!(notice.contains("因案件表录入有误，删去李某某等人开设赌场案一项。现予更正。"), "{notice}");
    // Put back: an added record, with what it holds.
    project.write(file, &text);
    publish(&project, file, V3, &["--reason", "误删案件"]).success();
    let md = project.read("out/zhian/2021-12-31.md");
    assert!(md.contains("增补李某某等人开设赌场案一项：“西山区”，3680.44万元"), "{md}");
}
