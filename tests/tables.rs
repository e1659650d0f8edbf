//! A Markdown table in a template, end to end: an HTML `<table>` with its header and
//! aligned columns on the web page, and a three-line table in the PDF whose rows read
//! back whole, whose numbers are right-aligned, and after which the text stays on the
//! GB/T 9704 line grid.

mod common;

use std::path::Path;

use common::{Fixture, poppler};

/// Points in a millimetre.
const MM: f64 = 72.0 / 25.4;
/// The GB/T 9704 text block of the shipped layout: left 28 mm, top 37 mm, 156 × 225 mm.
const LEFT: f64 = 28.0 * MM;
const TOP: f64 = 37.0 * MM;
const WIDTH: f64 = 156.0 * MM;
const HEIGHT: f64 = 225.0 * MM;
/// Baseline to baseline: 22 lines of 16 pt fill the block.
const PITCH: f64 = (HEIGHT - 16.0) / 21.0;

/// The test series with a table of its figures after its last paragraph (the figures
/// as they are, so the test does not depend on how a filter words them).
const TRAFFIC_TABLE: &str = "\n\n| 類別 | 案件數 | 罰款（元） |\n|---|---:|---:|\n\
    | 超速 | {{ figures.speeding.cases }} | {{ figures.speeding.fines_yuan }} |\n\
    | 酒後駕駛 | {{ figures.drink_driving.cases }} | {{ figures.drink_driving.fines_yuan }} |\n\
    | 合計 | {{ totals.cases }} | {{ totals.fines_yuan }} |\n";

/// The traffic fixture with [`TRAFFIC_TABLE`] appended to its bulletin, built.
#[track_caller]
fn traffic_with_table(args: &[&str]) -> Fixture {
    let project = Fixture::named("traffic");
    let template = "templates/traffic/bulletin.md";
    project.write(template, &format!("{}{TRAFFIC_TABLE}", project.read(template).trim_end()));
    let run = project.run(args).success();
    assert_eq!(run.stderr(), "", "the bulletin builds with no warning");
    project
}

#[test]
fn a_table_is_an_html_table_with_its_header_and_numbers_right_aligned() {
    let project = traffic_with_table(&["build"]);
    let html = project.read("out/traffic/2020-01-31.html");
    let table = "<div class=\"bulletin-table-wrap\">\n<table>\n\
        <thead>\n<tr><th>類別</th><th class=\"bulletin-align-right\">案件數</th><th class=\"bulletin-align-right\">罰款（元）</th></tr>\n</thead>\n\
        <tbody>\n\
        <tr><td>超速</td><td class=\"bulletin-align-right\">1520</td><td class=\"bulletin-align-right\">304000</td></tr>\n\
        <tr><td>酒後駕駛</td><td class=\"bulletin-align-right\">85</td><td class=\"bulletin-align-right\">170000</td></tr>\n\
        <tr><td>合計</td><td class=\"bulletin-align-right\">1605</td><td class=\"bulletin-align-right\">474000</td></tr>\n\
        </tbody>\n</table>\n</div>\n";
    assert!(html.contains(table), "{html}");
    assert!(!html.contains("style=\""), "no inline style: the stylesheet aligns the columns");
    // The series' stylesheet has the rules the markup's classes call for.
    assert!(
        html.contains(".bulletin-align-right { text-align: right;")
            && html.contains(".bulletin-table-wrap { overflow-x: auto;")
    );
}

#[test]
fn a_table_reads_back_from_the_pdf_row_by_row() {
    let project = traffic_with_table(&["build", "--format", "typ"]);
    let pdf = project.file("out/traffic/2020-01-31.pdf");
    let text = poppler("pdftotext", &["-layout", "-enc", "UTF-8", pdf.to_str().expect("path"), "-"]);
    let rows = [
        ["類別", "案件數", "罰款（元）"],
        ["超速", "1520", "304000"],
        ["酒後駕駛", "85", "170000"],
        ["合計", "1605", "474000"],
    ];
    let mut lines = text.lines();
    for row in rows {
        // Each row is one line, its cells in order (apart by more than a space: this
        // layout spaces Latin from Chinese, `1 月`), the rows one after another.
        let line =
            lines.find(|line| line.trim_start().starts_with(row[0])).unwrap_or_else(|| panic!("{row:?}:\n{text}"));
        let cells: Vec<String> = line.split("  ").filter(|cell| !cell.trim().is_empty()).map(common::squeeze).collect();
        assert_eq!(cells, row, "{text}");
    }
    // The prose before the table is all there, before it.
    let squeezed = common::squeeze(&text);
    let before = squeezed.find("行政拘留12人。").expect("the last paragraph");
    assert!(before < squeezed.find("類別案件數罰款（元）").expect("the header"), "{text}");

    // The written source compiles as written too, with no warning (and with the
    // typst tool, where one is installed).
    let source = project.file("out/traffic/2020-01-31.typ");
    let (_, warnings) = common::typst_compile(project.path(), &source, common::test_fonts())
        .unwrap_or_else(|errors| panic!("the written source does not compile: {errors:?}"));
    assert_eq!(warnings, Vec::<String>::new(), "typst warned");
    common::typst_cli_compile(project.path(), &source, &project.file("out/cli.pdf"));
}

/// A word on a page, as pdftotext measures it.
#[derive(Debug)]
struct Word {
    page: usize,
    x_max: f64,
    y_min: f64,
    text: String,
}

/// Every word of a PDF inside or below the text block (not a draft's mark above it),
/// from `pdftotext -bbox`.
fn words(pdf: &Path) -> Vec<Word> {
    let xml = poppler("pdftotext", &["-bbox", pdf.to_str().expect("path"), "-"]);
    let attr = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
        tag[start..start + tag[start..].find('"').expect("quote")].parse().expect("number")
    };
    let mut words = vec![];
    for (page, text) in xml.split("<page ").skip(1).enumerate() {
        for word in text.split("<word ").skip(1) {
            let tag = &word[..word.find('>').expect("tag end")];
            let body = &word[tag.len() + 1..word.find("</word>").expect("</word>")];
            if attr(tag, "yMax") < common::BLOCK_TOP {
                continue;
            }
            words.push(Word { page, x_max: attr(tag, "xMax"), y_min: attr(tag, "yMin"), text: body.to_string() });
        }
    }
    words
}

#[test]
fn a_table_spans_the_gb_t_9704_block_and_keeps_the_text_after_it_on_the_grid() {
    let project = Fixture::shipped();
    // After the paragraph that ends the first page, so the table and the text after it
    // share the second page, whose lines start on the grid at the top of the block.
    project.edit(
        "templates/shiyaohuan/bulletin.md",
        "\n\n**一是強化打擊危害食品安全犯罪。**",
        "\n\n| 類別 | 破獲案件 | 抓獲嫌疑人 |\n|---|---:|---:|\n\
         | 食品類 | {{ figures.food.cases }} | {{ figures.food.suspects }} |\n\
         | 藥品類 | {{ figures.drug.cases }} | {{ figures.drug.suspects }} |\n\
         | 合計 | {{ totals.cases }} | {{ totals.suspects }} |\n\n\
         **一是強化打擊危害食品安全犯罪。**",
    );
    let run = project.run(&["build"]).success();
    assert_eq!(run.stderr(), "", "the bulletin builds with no warning");
    let words = words(&project.file("out/shiyaohuan/2019-11-15.pdf"));
    let header = words.iter().find(|w| w.text == "類別").expect("the table's header");
    assert!(header.page > 0, "the first page's lines are not on the grid of the block's top (the title is taller)");
    let page: Vec<&Word> = words.iter().filter(|w| w.page == header.page && w.y_min < TOP + HEIGHT).collect();
    // A row: the words on the line of its first cell.
    let row = |label: &str| -> Vec<&Word> {
        let label = page.iter().find(|w| w.text == label).unwrap_or_else(|| panic!("no `{label}`: {page:?}"));
        page.iter().copied().filter(|w| (w.y_min - label.y_min).abs() < 0.5).collect()
    };
    let rows: Vec<Vec<&Word>> = ["類別", "食品類", "藥品類", "合計"].into_iter().map(row).collect();
    // Every row on one line, its cells in order.
    let texts: Vec<Vec<&str>> = rows.iter().map(|row| row.iter().map(|w| w.text.as_str()).collect()).collect();
    assert_eq!(
        texts,
        [
            ["類別", "破獲案件", "抓獲嫌疑人"],
            ["食品類", "186", "306"],
            ["藥品類", "74", "135"],
            ["合計", "956", "1440"]
        ]
    );

    // The numbers' columns are right-aligned, their headers too, and the last column
    // ends within half a character of the right edge of the text block: the table
    // spans it.
    for column in [1, 2] {
        let right = rows[0][column].x_max;
        for row in &rows[1..] {
            assert!(
                (row[column].x_max - right).abs() < 0.5,
                "{:?} is not aligned with {:?}",
                row[column],
                rows[0][column]
            );
        }
    }
    let char = WIDTH / 28.0;
    let right = rows[0][2].x_max;
    assert!(
        right > LEFT + WIDTH - char / 2.0 && right < LEFT + WIDTH + 0.5,
        "{:?} ends off the block's edge",
        rows[0][2]
    );

    // A line of the table is one pitch, set half a pitch down (the table stands half a
    // line inside its rules); every line of text on the page, before the table and
    // after it, is a whole number of pitches from the top of the block.
    let pitches = |w: &Word| (w.y_min - TOP) / PITCH;
    let table: Vec<&Word> = rows.iter().flatten().copied().collect();
    for word in &table {
        assert!((pitches(word).fract() - 0.5).abs() < 0.01, "{word:?} is {} pitches down", pitches(word));
    }
    let last = rows[3][0];
    let text: Vec<&&Word> = page.iter().filter(|w| !table.iter().any(|t| std::ptr::eq(*t, **w))).collect();
    assert!(text.iter().any(|w| w.y_min > last.y_min), "text after the table on its page");
    for word in text {
        let k = pitches(word);
        assert!((k - k.round()).abs() < 0.01, "{word:?} is {k} pitches down, off the grid");
    }
}
