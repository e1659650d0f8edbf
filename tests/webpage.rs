//! The web page as a government site takes it: the standalone page with the metadata
//! such sites read, a date and source line and links to the other formats, and the
//! article alone for a content system, whose stylesheet touches nothing outside it;
//! and the page as headless Chromium lays it out at 390 px and 1280 px and prints it
//! (`common::chromium`): where its lines break, its chart's labels, its faces. (The
//! pictures of it in docs/ are `scripts/page-screenshots.sh`'s.)

mod common;

use common::SHIPPED;

#[test]
fn the_page_carries_the_metadata_and_the_lines_a_government_site_shows() {
    // Published on 16 November 2019, 10:00 in Beijing: its page gives that day.
    let project = common::Fixture::shipped();
    let publish = project
        .command(&["publish", "data/shiyaohuan/2019-11-15.yaml"])
        .env("SOURCE_DATE_EPOCH", "1573869600")
        .output();
    common::Run::from(publish.expect("run bulletin")).success();
    let html = project.read("out/shiyaohuan/2019-11-15.html");
    let meta = |name: &str, content: &str| format!("<meta name=\"{name}\" content=\"{content}\">\n");
    assert!(html.contains(&meta("ArticleTitle", "陝西省打擊食品、藥品、環境犯罪工作情況通報")), "{html}");
    assert!(html.contains(&meta("PubDate", "2019-11-16")));
    assert!(html.contains(&meta("ContentSource", "陝西省公安廳")));
    assert!(html.contains(&meta("Keywords", "食品安全,藥品安全,環境犯罪,崑崙行動")));
    assert!(html.contains(
        "<meta name=\"Description\" content=\"今年以來，全省各級公安機關堅持以習近平新時代中國特色社會主義思想為指導，"
    ));
    assert!(html.contains("<meta property=\"og:title\" content=\"陝西省打擊食品、藥品、環境犯罪工作情況通報\">\n"));
    assert!(html.contains(
        "</h1>\n<p class=\"bulletin-byline\"><span>發布時間：2019年11月16日</span><span>來源：陝西省公安廳</span></p>\n"
    ));
    assert!(
        html.contains(
            "<p class=\"bulletin-downloads\">下載：<a href=\"2019-11-15.pdf\">PDF</a> <a href=\"2019-11-15.docx\">Word</a></p>"
        ),
        "{html}"
    );
    for name in ["2019-11-15.pdf", "2019-11-15.docx"] {
        assert!(project.file(&format!("out/shiyaohuan/{name}")).is_file(), "the link to {name} resolves");
    }

    // The Simplified edition's page in its own words, linking to its own PDF.
    let hans = project.read("out/shiyaohuan/2019-11-15.zh-Hans.html");
    assert!(hans.contains("<span>发布时间：2019年11月16日</span><span>来源：陕西省公安厅</span>"), "{hans}");
    assert!(hans.contains("<a href=\"2019-11-15.zh-Hans.pdf\">PDF</a>"), "{hans}");
    assert!(hans.contains("<meta name=\"Keywords\" content=\"食品安全,药品安全,环境犯罪,昆仑行动\">"), "{hans}");

    // Printed: A4 with the standard's margins, sizes in points, headings never
    // smaller than the body, no links on paper; dark mode on screen.
    assert!(html.contains("@page {\n  size: A4;\n  margin: 37mm 26mm 35mm 28mm;\n}"));
    for rule in [
        "    font-size: 16pt;",
        ".bulletin-article h1 { font-size: 22pt; }",
        ".bulletin-article h2, .bulletin-article h3 { font-size: 16pt;",
        ".bulletin-article .bulletin-downloads { display: none; }",
        "@media (prefers-color-scheme: dark)",
        "font-synthesis: none;",
    ] {
        assert!(html.contains(rule), "{rule}");
    }
}

#[test]
fn the_fragment_is_the_article_alone_and_styles_nothing_else() {
    let project = common::built(SHIPPED, &["build"]);
    let fragment = project.read("out/shiyaohuan/2019-11-15.fragment.html");
    assert!(fragment.starts_with("<article class=\"bulletin-article\" lang=\"zh-Hant\">\n<style>\n"), "{fragment}");
    assert!(fragment.ends_with("</article>\n"));
    for outside in ["<html", "<head", "<body", "<meta", "<title", "@page"] {
        assert!(!fragment.contains(outside), "{outside} in the fragment");
    }
    // The same text as the page's article.
    let page = project.read("out/shiyaohuan/2019-11-15.html");
    let page_article = &page[page.find("<article").expect("article")..page.find("</main>").expect("main")];
    let style = &fragment[fragment.find("<style>\n").expect("style")..fragment.find("</style>\n").expect("end") + 9];
    assert_eq!(fragment.replace(style, ""), page_article);

    // Every class it uses, and every selector of its stylesheet, under `bulletin-`.
    let classes: Vec<&str> = fragment.split("class=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect();
    assert!(!classes.is_empty());
    for class in classes.iter().flat_map(|c| c.split_whitespace()) {
        assert!(class.starts_with("bulletin-"), "class `{class}`");
    }
    let css = &fragment[fragment.find("<style>\n").expect("style") + 8..fragment.find("</style>").expect("end")];
    for selector in selectors(css) {
        assert!(selector.starts_with(".bulletin-"), "selector `{selector}` reaches outside the article");
    }
}

/// The selectors of a stylesheet, each of a comma-separated list on its own; at-rules'
/// own lines (`@media …`) are not selectors.
fn selectors(css: &str) -> Vec<String> {
    let mut text = String::new();
    let mut rest = css;
    // Comments out.
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start..].split_once("*/").map_or("", |(_, after)| after);
    }
    text.push_str(rest);
    let mut selectors = vec![];
    let mut depth = 0;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '{' => {
                let prelude = current.trim().to_string();
                if !prelude.starts_with('@') && depth < 2 && !prelude.is_empty() {
                    selectors.extend(prelude.split(',').map(|s| s.trim().to_string()));
                }
                depth += 1;
                current.clear();
            }
            '}' => {
                depth -= 1;
                current.clear();
            }
            ';' => current.clear(),
            c => current.push(c),
        }
    }
    selectors
}

#[test]
fn charts_are_drawn_where_their_series_asks() {
    // The reference series charts its cases by category on the web page only.
    let project = common::built(SHIPPED, &["build"]);
    let html = project.read("out/shiyaohuan/2019-11-15.html");
    assert!(html.contains(
        "<figure class=\"bulletin-chart\">\n<figcaption aria-hidden=\"true\">各類案件破獲數</figcaption>\n<svg"
    ));
    assert!(html.contains(">186起</text>") && html.contains(">330起</text>"), "the numbers on the bars");
    assert!(html.contains("<th scope=\"row\">食品類</th><td>186起</td>"), "the numbers as a table for screen readers");
    let hans = project.read("out/shiyaohuan/2019-11-15.zh-Hans.html");
    assert!(
        hans.contains("各类案件破获数") && hans.contains("<th scope=\"row\">食品类</th>"),
        "converted with the text"
    );
    let pdf = common::squeeze(&common::pdf_text(&project.file("out/shiyaohuan/2019-11-15.pdf")));
    assert!(!pdf.contains("各類案件破獲數"), "an official bulletin's PDF carries no chart");
    assert!(!project.read("out/shiyaohuan/2019-11-15.md").contains("chart"), "nor its Markdown");

    // The Simplified series draws its chart in the PDF too, from the same numbers.
    let zhian = common::built("zhian", &["build"]);
    let pdf = common::squeeze(&common::pdf_text(&zhian.file("out/zhian/2021-12-31.pdf")));
    assert!(pdf.contains("各地区破获刑事案件数临江区1482起东湖区1207起西山区863起南屏县519起"), "{pdf}");
    let html = zhian.read("out/zhian/2021-12-31.html");
    assert!(html.contains(">1482起</text>"), "{html}");
}

/// A reference bulletin published, then corrected: its pages and its notice's, each
/// with its title as a reader would break it (`｜` where a line may end).
fn published_and_corrected() -> (common::Fixture, [(&'static str, &'static str); 4]) {
    let project = common::Fixture::shipped();
    let file = "data/shiyaohuan/2019-11-15.yaml";
    let publish = |epoch: &str, reason: &str| {
        let run = project.command(&["publish", file, "--reason", reason]).env("SOURCE_DATE_EPOCH", epoch).output();
        common::Run::from(run.expect("run bulletin")).success();
    };
    publish("1573869600", "首次發布");
    project.edit(file, "food:        {cases: 186,", "food:        {cases: 188,");
    publish("1573956000", "食品類案件數統計有誤");
    let pages = [
        ("2019-11-15.html", "陝西省｜打擊｜食品、藥品、環境犯罪｜工作｜情況｜通報"),
        ("2019-11-15.zh-Hans.html", "陕西省｜打击｜食品、药品、环境犯罪｜工作｜情况｜通报"),
        (
            "2019-11-15-correction-v2.html",
            "關於｜《陝西省｜打擊｜食品、藥品、環境犯罪｜工作｜情況｜通報》｜的｜更正｜說明",
        ),
        (
            "2019-11-15-correction-v2.zh-Hans.html",
            "关于｜《陕西省｜打击｜食品、药品、环境犯罪｜工作｜情况｜通报》｜的｜更正｜说明",
        ),
    ];
    (project, pages)
}

/// A Chinese character.
fn han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// Where a title's lines end, in characters, when `title` marks with `｜` where a
/// line may end: what is wrong, if anything.
fn title_broken(lines: &[String], title: &str) -> Option<String> {
    let mut allowed = vec![];
    let mut at = 0;
    for piece in title.split('｜') {
        at += piece.chars().count();
        allowed.push(at);
    }
    let mut end = 0;
    for line in &lines[..lines.len().saturating_sub(1)] {
        end += line.chars().count();
        if !allowed.contains(&end) {
            return Some(format!("title broken inside a word: {}", lines.join("｜")));
        }
    }
    (lines.concat() != title.replace('｜', "")).then(|| format!("title lines {lines:?} are not the title {title}"))
}

/// Where consecutive lines split a number from its unit (`21｜起`, `16.7億｜元`), a
/// number (`13｜077`) or a date (`11月｜15日`).
fn split_between(line: &str, next: &str) -> bool {
    let before: Vec<char> = line.chars().rev().take(2).collect();
    let (Some(&last), Some(first)) = (before.first(), next.chars().next()) else { return false };
    let after_digit = before.get(1).is_some_and(char::is_ascii_digit);
    let number_ends = last.is_ascii_digit() || (".,%％".contains(last) && after_digit);
    (number_ends && (first.is_ascii_digit() || han(first)))
        || ("萬万億亿".contains(last) && after_digit && han(first))
        || ("年月".contains(last) && after_digit && first.is_ascii_digit())
}

/// The characters of a line, its marks not counted: Chinese characters and digits, as
/// the PDF's `no_paragraph_ends_in_one_character` counts them (`1.1%。` is three).
fn characters(line: &str) -> usize {
    line.chars().filter(|&c| han(c) || c.is_ascii_digit()).count()
}

/// What is wrong with a page's lines as measured (`blocks` of measure-page.js): a
/// title broken inside a word, a number split from its unit or a date split, a
/// paragraph whose last line has one character alone. Also the number of lines.
fn badly_broken(measured: &serde_json::Value, title: &str) -> (Vec<String>, usize) {
    let mut wrong = vec![];
    let mut count = 0;
    for block in measured["blocks"].as_array().expect("blocks") {
        let lines: Vec<String> =
            block["lines"].as_array().expect("lines").iter().map(|l| l.as_str().expect("text").to_string()).collect();
        count += lines.len();
        if block["tag"] == "h1" {
            wrong.extend(title_broken(&lines, title));
        }
        for pair in lines.windows(2) {
            if split_between(&pair[0], &pair[1]) {
                wrong.push(format!("split: {}｜{}", pair[0], pair[1]));
            }
        }
        let last = lines.last().map_or(2, |line| characters(line));
        if block["tag"] == "p" && block["class"] == "" && lines.len() > 1 && last < 2 {
            wrong.push(format!("one character alone: {}｜{}", lines[lines.len() - 2], lines[lines.len() - 1]));
        }
    }
    (wrong, count)
}

#[test]
fn lines_break_between_title_words_and_never_inside_a_number_or_a_date() {
    // On a phone and on a desktop, as Chromium lays the pages out: the bulletin's and
    // its correction notice's, in both editions.
    let (project, pages) = published_and_corrected();
    let mut wrong = vec![];
    for (page, title) in pages {
        let html = project.read(&format!("out/shiyaohuan/{page}"));
        for width in [390, 1280] {
            let measured = common::chromium::measure(&html, width);
            let (problems, lines) = badly_broken(&measured, title);
            println!("{page} at {width} px: {lines} lines, {} broken badly", problems.len());
            wrong.extend(problems.into_iter().map(|p| format!("{page} at {width} px: {p}")));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn chart_labels_are_at_least_12_px_on_a_phone() {
    let project = common::built(SHIPPED, &["build"]);
    let zhian = common::built("zhian", &["build"]);
    for (html, width) in [
        (project.read("out/shiyaohuan/2019-11-15.html"), 390),
        (project.read("out/shiyaohuan/2019-11-15.html"), 1280),
        (zhian.read("out/zhian/2021-12-31.html"), 390),
    ] {
        let measured = common::chromium::measure(&html, width);
        let sizes: Vec<f64> =
            measured["chart_labels"].as_array().expect("labels").iter().map(|s| s.as_f64().expect("px")).collect();
        let smallest = sizes.iter().copied().fold(f64::INFINITY, f64::min);
        println!("chart labels at {width} px: {} labels, the smallest {smallest:.2} px", sizes.len());
        assert!(sizes.len() >= 8 && smallest >= 12.0, "at {width} px: {sizes:?}");
    }
}

/// The families of a computed `font-family`, unquoted.
fn families(list: &serde_json::Value) -> Vec<String> {
    list.as_str().expect("font-family").split(',').map(|f| f.trim().trim_matches('"').to_string()).collect()
}

#[test]
fn each_edition_names_faces_of_its_own_script() {
    let project = common::built(SHIPPED, &["build"]);
    let hans = common::chromium::measure(&project.read("out/shiyaohuan/2019-11-15.zh-Hans.html"), 1280);
    let hant = common::chromium::measure(&project.read("out/shiyaohuan/2019-11-15.html"), 1280);
    let body = families(&hans["fonts"]["body"]);
    assert_eq!(body[0], "仿宋_GB2312", "{body:?}");
    for face in ["FangSong", "STFangsong", "Noto Serif CJK SC", "Noto Serif SC"] {
        assert!(body.contains(&face.to_string()), "{face} in {body:?}");
    }
    for role in ["title", "body", "heading"] {
        let (hans, hant) = (families(&hans["fonts"][role]), families(&hant["fonts"][role]));
        println!("{role}: zh-Hans {hans:?}, zh-Hant {hant:?}");
        assert!(hans.iter().all(|f| !f.ends_with(" TC") && !f.contains('體')), "zh-Hans {role}: {hans:?}");
        assert!(hans.iter().any(|f| f.ends_with(" SC")), "zh-Hans {role}: {hans:?}");
        assert!(hant.iter().all(|f| !f.ends_with(" SC")), "zh-Hant {role}: {hant:?}");
    }
}

/// A word of `pdftotext -bbox` (what follows `<word `): its text and its top.
fn word_box(word: &str) -> (&str, f64) {
    (word.split(['>', '<']).nth(1).unwrap_or_default().trim(), common::attr(word, "yMin"))
}

#[test]
fn printed_the_chart_stays_with_its_caption_and_lines_break_as_on_screen() {
    let project = common::built(SHIPPED, &["build"]);
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = common::chromium::print(&project.read("out/shiyaohuan/2019-11-15.html"), dir.path());
    let pdf = pdf.to_str().expect("path");
    let pages: usize = common::poppler("pdfinfo", &[pdf])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pages");
    let page_lines = |page: usize| -> Vec<String> {
        let page = page.to_string();
        let text = common::poppler("pdftotext", &["-f", &page, "-l", &page, pdf, "-"]);
        text.lines().map(common::squeeze).filter(|l| !l.is_empty()).collect()
    };
    let lines: Vec<Vec<String>> = (1..=pages).map(page_lines).collect();

    // The chart: its caption, then under it every label and number on the same page
    // (by pdftotext's word boxes: the order of its text runs across the drawing).
    let drawn = [
        "食品類",
        "藥品類",
        "侵權假冒",
        "野生動物",
        "環境類",
        "涉黑涉惡",
        "186起",
        "74起",
        "87起",
        "268起",
        "330起",
        "11起",
    ];
    let boxes = common::poppler("pdftotext", &["-bbox", pdf, "-"]);
    let words: Vec<Vec<(&str, f64)>> =
        boxes.split("<page ").skip(1).map(|page| page.split("<word ").skip(1).map(word_box).collect()).collect();
    let page = words.iter().position(|page| page.iter().any(|(w, _)| *w == "各類案件破獲數")).expect("the caption");
    let (_, caption) = words[page].iter().find(|(w, _)| *w == "各類案件破獲數").expect("the caption");
    let mut wrong: Vec<String> = drawn
        .iter()
        .filter(|text| !words[page].iter().any(|(w, y)| w == *text && y > caption))
        .map(|text| format!("{text} is not under the chart's caption on page {}", page + 1))
        .collect();

    // The title between its words, no number split from its unit, on a line or a
    // page, and no line of one character but the chart's numbers.
    let title: Vec<String> = lines[0].iter().take_while(|l| !l.starts_with("發布時間")).cloned().collect();
    wrong.extend(title_broken(&title, "陝西省｜打擊｜食品、藥品、環境犯罪｜工作｜情況｜通報"));
    let all: Vec<&String> = lines.iter().flatten().collect();
    for pair in all.windows(2) {
        if split_between(pair[0], pair[1]) {
            wrong.push(format!("split: {}｜{}", pair[0], pair[1]));
        }
    }
    for line in &all {
        if characters(line) < 2 && !drawn.iter().any(|text| line.ends_with(text)) {
            wrong.push(format!("one character alone: {line}"));
        }
    }
    println!("printed: {pages} pages, {} lines, the chart on page {}, the title {title:?}", all.len(), page + 1);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
