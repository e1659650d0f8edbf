//! A Markdown table in a template, end to end: an HTML `<table>` with its header and
//! aligned columns on the web page, and a three-line table in the PDF whose rows read
//! back whole, whose numbers are right-aligned, and after which the text stays on the
//! GB/T 9704 line grid. Wide tables: the fourth test series (a real release's ranking
//! table, two header rows, tied ranks over their rows) built cell for cell, every cell
//! inside the block, no row split between pages and no figure between lines, the size
//! stepped down and the page turned where a table needs it; on the web every column
//! shown at 390 px and 1280 px and printed on A4; in the Word file the spans and the
//! repeated header.

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
#[derive(Debug, Clone)]
struct Word {
    page: usize,
    x_min: f64,
    x_max: f64,
    y_min: f64,
    y_max: f64,
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
            words.push(Word {
                page,
                x_min: attr(tag, "xMin"),
                x_max: attr(tag, "xMax"),
                y_min: attr(tag, "yMin"),
                y_max: attr(tag, "yMax"),
                text: body.to_string(),
            });
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

/// The fourth test series: 泰州市生态环境局's ranking of August 2024 (README.md of
/// `tests/fixtures/taizhou/`).
const TAIZHOU: &str = "taizhou";
/// Its PDF, web page and Word file, from the built fixture.
const TAIZHOU_STEM: &str = "out/taizhou/2024-08-31";

/// The body cells of `published.md`'s table, row by row, as published (a tied rank
/// printed once stands as `^^` in the rows it spans; an empty cell is empty).
fn published_rows(markdown: &str) -> Vec<Vec<String>> {
    let rows: Vec<Vec<String>> = markdown
        .lines()
        .filter(|line| line.starts_with('|'))
        .map(|line| line.trim_matches('|').split('|').map(|cell| cell.trim().to_string()).collect())
        .collect();
    // After the header, its delimiter, the second header row and the marker row.
    rows[4..].to_vec()
}

#[test]
fn the_fourth_series_builds_the_published_release_cell_for_cell() {
    let (project, run) = common::built_with_run(TAIZHOU, &["build"]);
    assert_eq!(run.stderr(), "", "no warning: no typed figure, no lint");
    let published = project.read("published.md");
    assert_eq!(project.read(&format!("{TAIZHOU_STEM}.md")), published);
    // Ties, decimals, signed changes, empty cells: what the table is there to show.
    let rows = published_rows(&published);
    assert_eq!((rows.len(), rows[0].len()), (6, 12));
    assert_eq!(rows.iter().filter(|row| row[0] == "^^").count(), 2, "tied ranks");
    // The template: made from `series new`, without the tricks issue 22 found.
    let template = project.read("templates/taizhou/bulletin.md");
    for trick in ["set_global", "split", "change(prior"] {
        assert!(!template.contains(trick), "the template uses {trick}");
    }
    assert!(template.lines().count() < 60, "{} lines", template.lines().count());
    for file in ["layout.typ", "style.css", "page.css", "correction.md"] {
        assert!(!project.file(&format!("templates/taizhou/{file}")).exists(), "{file} is the built-in one");
    }
}

/// A month of the fourth series with figures of this test's own, not a release's: the
/// stored copy of the release's second table (January–August) is cut off after its
/// third row, so no published month has both a table whole and prose that names the
/// only district unchanged and the largest changes. Its rows are ordered as the
/// published table lists the districts its copy has.
const TAIZHOU_OWN_MONTH: &str = "\
as_of: 2024-09-30
figures:
  air:
    districts:
      - {name: 泰兴市, pm25: 33, pm25_prior: 31, pm25_change: 6.5, good_rate: 74.1, good_rate_prior: 76.0, good_rate_change: -1.9}
      - {name: 海陵区, pm25: 34, pm25_prior: 34, pm25_change: 0.0, good_rate: 77.9, good_rate_prior: 75.3, good_rate_change: 2.6}
      - {name: 医药高新区（高港区）, pm25: 34, pm25_prior: 31, pm25_change: 9.7, good_rate: 77.0, good_rate_prior: 79.4, good_rate_change: -2.4}
      - {name: 靖江市, pm25: 34, pm25_prior: 31, pm25_change: 9.7, good_rate: 73.0, good_rate_prior: 80.2, good_rate_change: -7.2}
      - {name: 姜堰区, pm25: 35, pm25_prior: 32, pm25_change: 9.4, good_rate: 75.0, good_rate_prior: 78.2, good_rate_change: -3.2}
      - {name: 兴化市, pm25: 34, pm25_prior: 30, pm25_change: 13.3, good_rate: 79.5, good_rate_prior: 74.5, good_rate_change: 5.0}
    note: PM2.5浓度排名来源于江苏省空气质量APP，按保留1位小数排名。
";

#[test]
fn the_prose_names_the_only_district_unchanged_and_the_largest_changes() {
    let project = Fixture::named(TAIZHOU);
    project.write("data/taizhou/2024-09-30.yaml", TAIZHOU_OWN_MONTH);
    let run = project.run(&["build", "--without", "pdf,docx", "data/taizhou/2024-09-30.yaml"]).success();
    assert_eq!(run.stderr(), "", "no warning");
    // The wording of the release's paragraph on January–August (its stored copy), from
    // this month's figures: one district unchanged, the others' rises and the largest;
    // two gains listed with their points, the others' falls and the largest, signed.
    let markdown = project.read("out/taizhou/2024-09-30.md");
    let paragraph = markdown.lines().nth(2).expect("the paragraph");
    assert_eq!(
        paragraph,
        "2024年9月，各市（区）PM2.5浓度介于33~35μg/m3，仅海陵区同比持平，其他5市（区）均同比上升，\
         升幅介于6.5%~13.3%之间，兴化市升幅最大；各市（区）环境空气优良天数比率介于73.0%~79.5%之间，\
         海陵区、兴化市分别同比上升2.6、5.0个百分点，其他4市（区）同比下降，靖江市同比降幅最大-7.2个百分点。具体见表1。"
    );
    // Two unchanged: no 仅, both named; one gain: no 分别.
    project.edit(
        "data/taizhou/2024-09-30.yaml",
        "pm25: 33, pm25_prior: 31, pm25_change: 6.5",
        "pm25: 33, pm25_prior: 33, pm25_change: 0.0",
    );
    project.edit(
        "data/taizhou/2024-09-30.yaml",
        "good_rate_prior: 75.3, good_rate_change: 2.6",
        "good_rate_prior: 78.3, good_rate_change: -0.4",
    );
    project.run(&["build", "--without", "pdf,docx", "data/taizhou/2024-09-30.yaml"]).success();
    let markdown = project.read("out/taizhou/2024-09-30.md");
    let paragraph = markdown.lines().nth(2).expect("the paragraph");
    assert!(
        paragraph.contains(
            "μg/m3，泰兴市、海陵区同比持平，其他4市（区）均同比上升，升幅介于9.4%~13.3%之间，兴化市升幅最大；"
        ),
        "{paragraph}"
    );
    assert!(
        paragraph.contains("之间，兴化市同比上升5.0个百分点，其他5市（区）同比下降，靖江市同比降幅最大-7.2个百分点。"),
        "{paragraph}"
    );
}

/// The words of a PDF's table: from the first word `first` to the word before one
/// that starts with `after` (or to the end), in reading order.
fn table_words<'a>(words: &'a [Word], first: &str, after: Option<&str>) -> &'a [Word] {
    let start = words.iter().position(|w| w.text == first).unwrap_or_else(|| panic!("no `{first}`: {words:?}"));
    let end = after.map_or(words.len(), |after| {
        start + words[start..].iter().position(|w| w.text.starts_with(after)).expect("the text after the table")
    });
    &words[start..end]
}

/// Whether a word is a page number (`—1—`) or one of its parts.
fn page_number(word: &Word) -> bool {
    word.y_min > TOP + HEIGHT
}

#[test]
fn a_wide_table_fits_the_block_with_every_figure_whole_on_one_line() {
    let project = common::built(TAIZHOU, &["build"]);
    let words = words(&project.file(&format!("{TAIZHOU_STEM}.pdf")));
    let table: Vec<Word> =
        table_words(&words, "全市", Some("注")).iter().filter(|w| !page_number(w)).cloned().collect();
    // Every cell's text inside the 156 mm of the block (as printed, not turned).
    for word in &table {
        assert!(word.x_min >= LEFT - 0.5 && word.x_max <= LEFT + WIDTH + 0.5, "{word:?} is outside the block");
        assert!(word.y_max <= TOP + HEIGHT + 0.5, "{word:?} is below the block");
    }
    // Every figure of the published table is one word, whole (a figure broken between
    // lines would be two), and each row's on one line of one page.
    let rows = published_rows(&project.read("published.md"));
    let mut rest: Vec<&Word> = table.iter().collect();
    for (i, row) in rows.iter().enumerate() {
        let figure = |c: &&String| c.starts_with(|c: char| c.is_ascii_digit() || c == '-');
        // A tied rank spans its rows: it stands between them, whole.
        let spanning = |c: usize| rows.get(i + 1).is_some_and(|next| next[c] == "^^");
        // The others on one line of one page, in order, each whole.
        let needed: Vec<&String> =
            row.iter().enumerate().filter(|(c, cell)| figure(cell) && !spanning(*c)).map(|(_, cell)| cell).collect();
        let line = rest.iter().filter(|w| &&w.text == needed.first().expect("a figure")).find_map(|first| {
            let mut on_line: Vec<&Word> =
                rest.iter().copied().filter(|w| w.page == first.page && (w.y_min - first.y_min).abs() < 1.0).collect();
            on_line.sort_by(|a, b| a.x_min.total_cmp(&b.x_min));
            let texts: Vec<&String> = on_line.iter().map(|w| &w.text).filter(|t| needed.contains(t)).collect();
            (texts == needed).then_some(on_line)
        });
        let line = line.unwrap_or_else(|| panic!("{row:?} is not whole on one line: {rest:?}"));
        rest.retain(|w| !line.iter().any(|l| std::ptr::eq(*l, *w)));
        for (_, cell) in row.iter().enumerate().filter(|(c, cell)| figure(cell) && spanning(*c)) {
            let at =
                rest.iter().position(|w| &w.text == cell).unwrap_or_else(|| panic!("{cell} is not whole: {rest:?}"));
            rest.remove(at);
        }
    }
    println!("the table's words span {:.1} to {:.1} pt", table.iter().map(|w| w.x_min).fold(f64::MAX, f64::min), {
        table.iter().map(|w| w.x_max).fold(0.0, f64::max)
    });
}

/// A table of `columns` columns of six-digit figures, `rows` rows: 类别 and its
/// figures (`甲01 …`), each cell's text unique.
fn figures_table(columns: usize, rows: usize, label: &str) -> String {
    let mut table =
        format!("\n\n| 类别 |{}\n|---|{}\n", (1..columns).map(|c| format!(" 栏{c} |")).collect::<String>(), {
            "---:|".repeat(columns - 1)
        });
    for r in 1..=rows {
        table.push_str(&format!("| {label}{r:02} |"));
        for c in 1..columns {
            table.push_str(&format!(" {} |", 100_000 + r * 1000 + c));
        }
        table.push('\n');
    }
    table
}

/// The fourth series (the built-in GB/T 9704 layout) with `table` after its text,
/// built.
#[track_caller]
fn taizhou_with(table: &str) -> Fixture {
    let project = Fixture::named(TAIZHOU);
    let template = "templates/taizhou/bulletin.md";
    project.write(template, &format!("{}{table}", project.read(template).trim_end()));
    // (It warns of the figures typed into the template: they stand for any.)
    project.run(&["build"]).success();
    project
}

/// The height of a table's figures as pdftotext measures them (a face's box: its size).
fn figure_size(words: &[Word]) -> f64 {
    let figure = words.iter().find(|w| w.text.len() == 6 && w.text.starts_with("10")).expect("a figure");
    figure.y_max - figure.y_min
}

#[test]
fn a_table_too_wide_at_16_pt_is_set_smaller_before_a_figure_wraps() {
    // Nine columns of six-digit figures: too wide for the block at 16 pt and at 14 pt,
    // where the figures would wrap; whole at 12 pt (小四).
    let project = taizhou_with(&figures_table(9, 3, "甲"));
    let read = words(&project.file("out/taizhou/2024-08-31.pdf"));
    let table = table_words(&read, "类别", None);
    let size = figure_size(table);
    assert!((size - 12.0).abs() < 0.6, "the figures are {size:.2} pt");
    for word in table {
        assert!(word.x_max <= LEFT + WIDTH + 0.5, "{word:?} is outside the block");
    }
    for r in 1..=3 {
        let row: Vec<&Word> = table.iter().filter(|w| w.text.starts_with(&format!("1{r:02}"))).collect();
        assert_eq!(row.len(), 8, "row {r}: every figure whole: {table:?}");
        assert!(row.iter().all(|w| (w.y_min - row[0].y_min).abs() < 1.0), "row {r} on one line: {row:?}");
    }
    // A table that fits keeps the body's size (三號, 16 pt).
    let project = taizhou_with(&figures_table(4, 2, "乙"));
    let size = figure_size(&words(&project.file("out/taizhou/2024-08-31.pdf")));
    assert!((size - 16.0).abs() < 0.6, "the figures are {size:.2} pt");
}

#[test]
fn a_table_too_wide_at_the_smallest_size_turns_on_a_page_of_its_own() {
    // Fourteen columns of six-digit figures: too wide for 156 mm even at 10.5 pt.
    let project = taizhou_with(&format!("{}\n\n表后的段落。\n", figures_table(14, 4, "丙")));
    let pdf = project.file("out/taizhou/2024-08-31.pdf");
    let words = words(&pdf);
    let header = words.iter().find(|w| w.text == "类别").expect("the header");
    let table: Vec<&Word> = words.iter().filter(|w| w.page == header.page && !page_number(w)).collect();
    // The page holds the table alone: the text before it ends a page before, the
    // paragraph after it starts the next.
    let before = words.iter().find(|w| w.text.starts_with("注")).expect("the text before");
    let after = words.iter().find(|w| w.text.starts_with("表后的段落")).expect("the text after");
    assert_eq!((before.page + 1, after.page), (header.page, header.page + 1));
    // Turned a quarter: each word runs down the page (taller than wide), the header's
    // words to the left of every row's (GB/T 9704: the table's head to the binding on
    // an odd page, to the outer edge on an even one, the left of the sheet both).
    let numbers: Vec<&&Word> = table.iter().filter(|w| w.text.starts_with("10")).collect();
    assert_eq!(numbers.len(), 13 * 4, "every figure whole: {table:?}");
    for word in &table {
        if word.text.chars().count() > 1 {
            assert!(word.y_max - word.y_min > word.x_max - word.x_min, "{word:?} is not turned");
        }
        assert!(
            word.x_min >= LEFT - 0.5 && word.x_max <= LEFT + WIDTH + 0.5 && word.y_max <= TOP + HEIGHT + 0.5,
            "{word:?} is outside the block"
        );
    }
    assert!(numbers.iter().all(|w| w.x_min > header.x_max), "the head is not on the left");
    // The page number where every page of that parity has it: below the block, at the
    // right on an odd page, at the left on an even one, upright.
    let text = poppler(
        "pdftotext",
        &[
            "-f",
            &format!("{}", header.page + 1),
            "-l",
            &format!("{}", header.page + 1),
            "-bbox",
            pdf.to_str().expect("path"),
            "-",
        ],
    );
    let number = text
        .split("<word ")
        .skip(1)
        .map(|w| (common::attr(w, "xMin"), common::attr(w, "yMin"), w.contains(">—")))
        .find(|w| w.2 && w.1 > TOP + HEIGHT)
        .expect("the page number");
    let odd = (header.page + 1) % 2 == 1;
    assert!(if odd { number.0 > LEFT + WIDTH / 2.0 } else { number.0 < LEFT + WIDTH / 2.0 }, "{number:?}");
}

#[test]
fn a_turned_table_longer_than_a_page_runs_onto_turned_pages_with_its_header() {
    // Fourteen columns (turned) of forty rows: more than one turned page holds.
    let project = taizhou_with(&format!("{}\n\n表后的段落。\n", figures_table(14, 40, "戊")));
    let words = words(&project.file("out/taizhou/2024-08-31.pdf"));
    let first = words.iter().find(|w| w.text == "戊01").expect("the first row");
    let last = words.iter().find(|w| w.text == "戊40").expect("the last row");
    assert!(last.page > first.page, "the table runs onto another page");
    let after = words.iter().find(|w| w.text.starts_with("表后的段落")).expect("the text after");
    assert_eq!(after.page, last.page + 1, "the text after starts the page after the table's last");
    for page in first.page..=last.page {
        let on_page: Vec<&Word> = words.iter().filter(|w| w.page == page && !page_number(w)).collect();
        assert!(on_page.iter().any(|w| w.text == "类别"), "no header on page {}", page + 1);
        for word in &on_page {
            if word.text.chars().count() > 1 {
                assert!(word.y_max - word.y_min > word.x_max - word.x_min, "{word:?} is not turned");
            }
            assert!(
                word.x_min >= LEFT - 0.5
                    && word.x_max <= LEFT + WIDTH + 0.5
                    && word.y_min >= TOP - 0.5
                    && word.y_max <= TOP + HEIGHT + 0.5,
                "{word:?} is outside the block"
            );
        }
    }
    // Every row whole on one page, every figure whole.
    for r in 1..=40 {
        let label = words.iter().find(|w| w.text == format!("戊{r:02}")).expect("a row");
        let figures: Vec<&Word> = words.iter().filter(|w| w.text.starts_with(&format!("1{r:02}"))).collect();
        assert_eq!(figures.len(), 13, "row {r}: every figure whole");
        assert!(figures.iter().all(|w| w.page == label.page), "row {r} is split");
    }
}

#[test]
fn a_long_table_repeats_its_header_and_never_splits_a_row() {
    // Rows of three lines each (a long name in a narrow first column), more than a page.
    let name = "某某街道某某社区某某路段交通事故多发点位综合治理专项行动";
    let mut table = String::from("\n\n| 类别 | 说明 | 案件数 |\n|---|---|---:|\n");
    for r in 1..=24 {
        table.push_str(&format!("| 丁{r:02} | {name}{name} | {} |\n", 1000 + r));
    }
    let project = taizhou_with(&table);
    let words = words(&project.file("out/taizhou/2024-08-31.pdf"));
    let first = words.iter().find(|w| w.text == "丁01").expect("the first row");
    let last = words.iter().find(|w| w.text == "丁24").expect("the last row");
    assert!(last.page > first.page, "the table runs onto another page");
    for page in first.page..=last.page {
        assert!(words.iter().any(|w| w.page == page && w.text == "类别"), "no header on page {}", page + 1);
    }
    // Each row whole on one page: its label and its figure on the same page, and each
    // page's text the whole text of the rows whose labels it holds.
    for r in 1..=24 {
        let label = words.iter().find(|w| w.text == format!("丁{r:02}")).expect("a row");
        let figure = words.iter().find(|w| w.text == format!("{}", 1000 + r)).expect("its figure");
        assert_eq!(label.page, figure.page, "row {r} is split");
    }
    for page in first.page..=last.page {
        let rows = words.iter().filter(|w| w.page == page && w.text.starts_with('丁')).count();
        let text: usize =
            words.iter().filter(|w| w.page == page && w.text.contains("某某")).map(|w| w.text.chars().count()).sum();
        assert_eq!(text, rows * 2 * name.chars().count(), "page {} holds part of a row", page + 1);
    }
}

/// The cells of the page's first table as Chromium laid it out at `width` px, with
/// what its box measured.
#[track_caller]
fn laid_out(html: &str, width: u32) -> (serde_json::Value, Vec<serde_json::Value>) {
    let measured = common::chromium::measure(html, width);
    let table = measured["tables"][0].clone();
    let cells = table["cells"].as_array().expect("cells").clone();
    (table, cells)
}

#[test]
fn on_the_web_every_column_shows_on_a_phone_and_a_desktop() {
    let project = common::built(TAIZHOU, &["build"]);
    let html = project.read(&format!("{TAIZHOU_STEM}.html"));
    let rows = published_rows(&project.read("published.md"));
    for width in [390, 1280] {
        let (table, cells) = laid_out(&html, width);
        let px = |v: &serde_json::Value| v.as_f64().expect("a number");
        // Nothing hidden behind a sideways scroll, nothing off the window.
        assert!(
            px(&table["scroll_width"]) <= px(&table["client_width"]) + 1.0,
            "at {width} px the table scrolls: {table}"
        );
        let body: Vec<&serde_json::Value> = cells.iter().filter(|c| c["tag"] == "td" && c["shown"] == true).collect();
        for cell in &body {
            assert!(px(&cell["left"]) >= 0.0 && px(&cell["right"]) <= f64::from(width), "at {width} px: {cell}");
        }
        // Every cell of every row shown, in order (a rank spanning rows shown again in
        // each of them on a phone), and no figure broken between lines.
        let shown: Vec<&str> = body.iter().map(|c| c["text"].as_str().expect("text")).collect();
        let expected: Vec<&str> = if width == 390 {
            let mut ranks = ["", ""];
            rows.iter()
                .flat_map(|row| {
                    for (i, at) in [0, 6].into_iter().enumerate() {
                        if row[at] != "^^" {
                            ranks[i] = row[at].as_str();
                        }
                    }
                    let ranks = ranks;
                    row.iter().enumerate().map(move |(c, cell)| match (c, cell.as_str()) {
                        (0, "^^") => ranks[0],
                        (6, "^^") => ranks[1],
                        (_, cell) => cell,
                    })
                })
                .collect()
        } else {
            rows.iter().flatten().filter(|c| *c != "^^").map(String::as_str).collect()
        };
        assert_eq!(shown, expected, "at {width} px");
        for cell in &body {
            let lines = cell["lines"].as_array().expect("lines");
            if cell["text"].as_str().is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit() || c == '-')) {
                assert!(lines.len() <= 1, "at {width} px a figure is broken: {cell}");
            }
        }
        if width == 390 {
            // A row at a time, each cell under its column's name.
            for cell in &body {
                assert!(!cell["label"].as_str().unwrap_or_default().is_empty(), "no name: {cell}");
            }
            let ranks: Vec<&&serde_json::Value> = body.iter().filter(|c| c["label"] == "全市排名").collect();
            assert_eq!(ranks.len(), 12, "each row's two ranks");
            assert!(body.iter().any(|c| c["label"] == "8月PM2.5浓度（μg/m3） 同比（%）"), "a name of two header rows");
        } else {
            // Side by side: each row's cells on one line of the screen.
            for cell in &body {
                let first = body.iter().find(|c| c["row"] == cell["row"]).expect("its row");
                assert!((px(&cell["top"]) - px(&first["top"])).abs() < 1.0, "at 1280 px: {cell} {first}");
            }
        }
    }
}

#[test]
fn a_phone_stacks_a_table_by_its_width_not_its_count_of_columns() {
    // Three columns too wide for a phone (long headers over long figures), and six too
    // narrow to need stacking (one-figure cells), after the series' own table.
    let wide = "\n\n| 地区 | 一般公共预算收入（元） | 其中税收收入（元） |\n|---|---:|---:|\n\
        | 医药高新区（高港区） | 1,234,567,890,123 | 987,654,321,098 |\n| 兴化市 | 2,345,678,901,234 | 876,543,210,987 |\n";
    let narrow = "\n\n| 区 | 甲 | 乙 | 丙 | 丁 | 戊 |\n|---|---:|---:|---:|---:|---:|\n| 东 | 1 | 2 | 3 | 4 | 5 |\n| 西 | 6 | 7 | 8 | 9 | 0 |\n";
    let project = taizhou_with(&format!("{wide}{narrow}"));
    let html = project.read("out/taizhou/2024-08-31.html");
    let measured = common::chromium::measure(&html, 390);
    let px = |v: &serde_json::Value| v.as_f64().expect("a number");
    for (index, stacked) in [(1, true), (2, false)] {
        let table = &measured["tables"][index];
        assert!(px(&table["scroll_width"]) <= px(&table["client_width"]) + 1.0, "table {index} scrolls: {table}");
        let cells = table["cells"].as_array().expect("cells");
        let body: Vec<&serde_json::Value> = cells.iter().filter(|c| c["tag"] == "td" && c["shown"] == true).collect();
        for cell in &body {
            assert!(px(&cell["left"]) >= 0.0 && px(&cell["right"]) <= 390.0, "table {index}: {cell}");
            if cell["text"].as_str().is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit())) {
                assert!(cell["lines"].as_array().expect("lines").len() <= 1, "a figure is broken: {cell}");
            }
        }
        // Stacked: a row's cells one under another, each under its column's name;
        // else side by side, on one line of the screen.
        let first_row: Vec<&&serde_json::Value> = body.iter().filter(|c| c["row"] == body[0]["row"]).collect();
        let one_line = first_row.iter().all(|c| (px(&c["top"]) - px(&first_row[0]["top"])).abs() < 1.0);
        assert_eq!(!one_line, stacked, "table {index}: {first_row:?}");
        if stacked {
            assert!(
                body.iter().all(|c| !c["label"].as_str().unwrap_or_default().is_empty()),
                "a cell without its name"
            );
        }
    }
}

#[test]
fn printed_from_the_browser_the_table_fits_a4() {
    let project = common::built(TAIZHOU, &["build"]);
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = common::chromium::print(&project.read(&format!("{TAIZHOU_STEM}.html")), dir.path());
    let words = words(&pdf);
    let table = table_words(&words, "全市", Some("注"));
    // The page's margins: 28 mm left and a 156 mm line.
    for word in table {
        assert!(word.x_min >= LEFT - 0.5 && word.x_max <= LEFT + WIDTH + 0.5, "{word:?} is off the 156 mm line");
    }
    for figure in published_rows(&project.read("published.md"))
        .iter()
        .flatten()
        .filter(|c| c.starts_with(|c: char| c.is_ascii_digit()))
    {
        assert!(table.iter().any(|w| &w.text == figure), "{figure} is not whole");
    }
}

#[test]
fn figures_of_different_places_line_up_on_their_decimal_points() {
    let project = taizhou_with("\n\n| 类别 | 数值 |\n|---|---:|\n| 甲 | 7.25 |\n| 乙 | 68.3 |\n| 丙 | 100 |\n");
    let words = words(&project.file("out/taizhou/2024-08-31.pdf"));
    let word = |text: &str| words.iter().find(|w| w.text == text).unwrap_or_else(|| panic!("no {text}"));
    let (a, b, c) = (word("7.25"), word("68.3"), word("100"));
    // 68.3 is set one figure left of 7.25, at both ends: their points line up (a
    // figure's width apart, not right-aligned); 100 ends before both points.
    let (left, right) = (a.x_min - b.x_min, a.x_max - b.x_max);
    assert!(right > 3.0 && (left - right).abs() < 0.5, "7.25 {a:?} and 68.3 {b:?} are not aligned on the point");
    assert!(c.x_max < a.x_min + right + 0.5, "100 {c:?} reaches past the point");
}
