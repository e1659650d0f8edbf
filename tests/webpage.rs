//! The web page as a government site takes it: the standalone page with the metadata
//! such sites read, a date and source line and links to the other formats, and the
//! article alone for a content system, whose stylesheet touches nothing outside it.
//! (How the page looks at 390 px, 1280 px, in dark mode and printed is checked by
//! `scripts/page-screenshots.sh`, whose pictures are in docs/.)

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
