//! The Word file: read back by an independent reader (pandoc) its text is the
//! Markdown's, paragraph by paragraph; its page set-up, styles, fonts and footers are
//! those of GB/T 9704 as Word users set them, checked in its XML; laid out by
//! LibreOffice it has 22 lines of 28 characters a page, as many pages as the PDF and
//! the title in the PDF's face; and it is the same bytes however often it is built.

mod common;

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

use pulldown_cmark::{Event, Tag, TagEnd};

use common::{Fixture, SHIPPED};

const STEM: &str = "out/shiyaohuan/2019-11-15";
const FILE: &str = "data/shiyaohuan/2019-11-15.yaml";

/// The parts of a `.docx`, by name, in the order the archive holds them.
#[track_caller]
fn parts(path: &Path) -> Vec<(String, String, zip::DateTime)> {
    let bytes = std::fs::read(path).unwrap_or_else(|err| panic!("read {}: {err}", path.display()));
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).expect("an entry");
            let mut text = String::new();
            entry.read_to_string(&mut text).expect("a text part");
            (entry.name().to_string(), text, entry.last_modified().expect("a time"))
        })
        .collect()
}

/// One part's text.
#[track_caller]
fn part(path: &Path, name: &str) -> String {
    let found = parts(path).into_iter().find(|(part, ..)| part == name);
    found.unwrap_or_else(|| panic!("{} has no {name}", path.display())).1
}

/// The XML of one style of styles.xml.
#[track_caller]
fn style<'a>(styles: &'a str, id: &str) -> &'a str {
    let start = styles.find(&format!("w:styleId=\"{id}\">")).unwrap_or_else(|| panic!("no style `{id}`"));
    let end = styles[start..].find("</w:style>").expect("the style's end");
    &styles[start..start + end]
}

/// The text of each paragraph-like block as pandoc reads the Word file (the title,
/// which it takes for the document's, first; a table's cells one by one), white
/// space normalised.
#[track_caller]
fn pandoc_blocks(path: &Path) -> Vec<String> {
    let output = Command::new("pandoc").args(["-f", "docx", "-t", "json"]).arg(path).output().unwrap_or_else(|err| {
        panic!("could not run pandoc ({err}): the tests read Word files with it, `apt-get install pandoc`")
    });
    assert!(output.status.success(), "pandoc failed: {}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("pandoc's JSON");
    let mut blocks = vec![];
    if let Some(title) = json.pointer("/meta/title/c") {
        blocks.push(inline_text(title));
    }
    collect_blocks(&json["blocks"], &mut blocks);
    blocks.into_iter().map(|text| normalise(&text)).filter(|text| !text.is_empty()).collect()
}

/// Every paragraph, heading and table cell of pandoc's document, in order.
fn collect_blocks(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Array(items) => items.iter().for_each(|item| collect_blocks(item, out)),
        serde_json::Value::Object(object) => match object.get("t").and_then(|t| t.as_str()) {
            Some("Para" | "Plain" | "Header") => out.push(inline_text(&object["c"])),
            _ => object.values().for_each(|item| collect_blocks(item, out)),
        },
        _ => {}
    }
}

/// The text of pandoc's inlines.
fn inline_text(value: &serde_json::Value) -> String {
    let mut text = String::new();
    fn walk(value: &serde_json::Value, text: &mut String) {
        match value {
            serde_json::Value::Array(items) => items.iter().for_each(|item| walk(item, text)),
            serde_json::Value::Object(object) => match object.get("t").and_then(|t| t.as_str()) {
                Some("Str") => text.push_str(object["c"].as_str().unwrap_or_default()),
                Some("Space" | "SoftBreak") => text.push(' '),
                // The title's lines are broken where the PDF breaks them: a break
                // between two Chinese characters is no space of the text.
                Some("LineBreak") => text.push('\u{2028}'),
                Some("Code") => text.push_str(object["c"][1].as_str().unwrap_or_default()),
                _ => object.get("c").into_iter().for_each(|item| walk(item, text)),
            },
            _ => {}
        }
    }
    walk(value, &mut text);
    let chars: Vec<char> = text.chars().collect();
    let chinese = |c: Option<&char>| c.is_some_and(|c| !c.is_ascii());
    (0..chars.len())
        .filter_map(|i| match chars[i] {
            '\u{2028}' if chinese(chars.get(i.wrapping_sub(1))) && chinese(chars.get(i + 1)) => None,
            '\u{2028}' => Some(' '),
            c => Some(c),
        })
        .collect()
}

/// The text of each paragraph, heading and table cell of the Markdown, as the one
/// parser of bulletin reads it.
fn markdown_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = vec![];
    let mut current: Option<String> = None;
    for event in bulletin::core::markdown::events(markdown) {
        match event {
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::TableCell) => current = Some(String::new()),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell) => {
                blocks.extend(current.take());
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(current) = &mut current {
                    current.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(current) = &mut current {
                    current.push(' ');
                }
            }
            _ => {}
        }
    }
    blocks.into_iter().map(|text| normalise(&text)).filter(|text| !text.is_empty()).collect()
}

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Asserts that the Word file and the Markdown beside it say the same, block by block.
#[track_caller]
fn same_text(project: &Fixture, stem: &str) {
    let docx = pandoc_blocks(&project.file(&format!("{stem}.docx")));
    let md = markdown_blocks(&project.read(&format!("{stem}.md")));
    assert!(md.len() > 3, "{stem}.md has text");
    for (i, (word, markdown)) in docx.iter().zip(&md).enumerate() {
        assert_eq!(word, markdown, "{stem}: block {i} differs");
    }
    assert_eq!(docx.len(), md.len(), "{stem}: as many blocks");
}

/// The first family of each font role of an edition (0: the series' own, 1: the
/// second edition), as series.yaml lists them.
fn roles(project: &Fixture, edition: usize) -> Vec<(String, Vec<String>)> {
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&project.read("templates/shiyaohuan/series.yaml")).expect("series.yaml");
    let fonts = match edition {
        0 => &yaml["fonts"],
        n => &yaml["editions"][n]["fonts"],
    };
    let mapping = fonts.as_mapping().expect("font roles");
    mapping
        .iter()
        .map(|(role, families)| {
            let families = families.as_sequence().expect("families").iter();
            (
                role.as_str().expect("a role").to_string(),
                // A family's name, or `{family, weight}`.
                families.map(|f| f.as_str().or_else(|| f["family"].as_str()).expect("a family").to_string()).collect(),
            )
        })
        .collect()
}

#[test]
fn the_word_file_says_what_the_markdown_says() {
    let project = common::built(SHIPPED, &["build"]);
    same_text(project, STEM);
    same_text(project, &format!("{STEM}.zh-Hans"));
    // The lead sentences keep their own character style.
    let document = part(&project.file(&format!("{STEM}.docx")), "word/document.xml");
    assert!(
        document.contains(
            "<w:rStyle w:val=\"LeadSentence\" /></w:rPr><w:t xml:space=\"preserve\">一是強化打擊危害食品安全犯罪。</w:t>"
        ),
        "{document}"
    );
}

#[test]
fn the_word_file_is_laid_out_after_gb_t_9704() {
    let project = common::built(SHIPPED, &["build"]);
    let path = project.file(&format!("{STEM}.docx"));
    let document = part(&path, "word/document.xml");
    // A4; 37 mm at the top and 28 mm at the left, as Word stores 3.7 cm and 2.8 cm.
    assert!(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\" />"), "{document}");
    assert!(document.contains("<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1985\" w:left=\"1588\""));
    // The text block is 156 × 225 mm, to within Word's rounding.
    let mm = |twips: i32| f64::from(twips) * 25.4 / 1440.0;
    let block = (11906 - 1588 - 1474, 16838 - 2098 - 1985);
    assert!((mm(block.0) - 156.0).abs() < 0.1 && (mm(block.1) - 225.0).abs() < 0.1, "{block:?}");
    // 22 lines a page on an exact pitch, on a grid of lines; 28 characters a line, each
    // of 三號 drawn a quarter point closer to the next (LibreOffice measures the lines).
    assert!(document.contains("<w:docGrid w:type=\"lines\" w:linePitch=\"579\" />"), "{document}");
    assert!(22 * 579 <= block.1 && 23 * 579 > block.1);
    let cell = 16.0 - 5.0 / 20.0; // points
    assert!(28.0 * cell <= f64::from(block.0) / 20.0 && 29.0 * cell > f64::from(block.0) / 20.0);
    // Odd pages' footer at the right, even pages' at the left, each `— N —`.
    assert!(document.contains("<w:footerReference w:type=\"default\" r:id=\"rIdFooter1\" />"));
    assert!(document.contains("<w:footerReference w:type=\"even\" r:id=\"rIdFooter2\" />"));
    assert!(part(&path, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));
    for (footer, side) in [("word/footer1.xml", "right"), ("word/footer2.xml", "left")] {
        let footer = part(&path, footer);
        assert!(footer.contains(&format!("<w:jc w:val=\"{side}\" />")), "{footer}");
        let field = "<w:fldChar w:fldCharType=\"begin\" w:dirty=\"false\" /><w:instrText>PAGE</w:instrText>";
        assert!(footer.contains(field), "{footer}");
        let (before, after) = footer.split_once("<w:instrText>PAGE").expect("the field");
        assert!(before.contains(">— </w:t>") && after.contains("> —</w:t>"), "{footer}");
    }

    // The named styles, each in its role's face: East Asian from the role, Latin
    // from the `latin` role.
    let styles = part(&path, "word/styles.xml");
    let roles = roles(project, 0);
    let face = |role: &str| roles.iter().find(|(r, _)| r == role).map(|(_, f)| f[0].clone()).expect("a role");
    let fonts = |role: &str| {
        let latin = face("latin");
        format!(
            "<w:rFonts w:ascii=\"{latin}\" w:hAnsi=\"{latin}\" w:cs=\"{latin}\" w:eastAsia=\"{}\" w:hint=\"eastAsia\" />",
            face(role)
        )
    };
    let body = style(&styles, "Normal");
    assert!(styles.contains("<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"), "{styles}");
    assert_eq!(styles.matches("w:styleId=\"Normal\"").count(), 1, "one body style");
    for expected in [
        "<w:name w:val=\"Normal\" />".to_string(),
        "<w:sz w:val=\"32\" />".to_string(),
        "<w:spacing w:val=\"-5\" />".to_string(),
        fonts("body"),
        "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"579\" w:lineRule=\"exact\" />".to_string(),
        "<w:jc w:val=\"both\" />".to_string(),
        "w:firstLine=\"632\"".to_string(),
    ] {
        assert!(body.contains(&expected), "Normal lacks {expected}: {body}");
    }
    let title = style(&styles, "Title");
    for expected in ["<w:name w:val=\"Title\" />".to_string(), "<w:sz w:val=\"44\" />".to_string(), fonts("title")] {
        assert!(title.contains(&expected), "Title lacks {expected}: {title}");
    }
    assert!(title.contains("<w:jc w:val=\"center\" />"), "{title}");
    // Its lines one pitch apart, not snapped to two of the grid's; no punctuation hangs
    // past the block anywhere.
    assert!(title.contains("<w:snapToGrid w:val=\"false\" />"), "{title}");
    assert!(styles.contains("<w:pPrDefault><w:pPr><w:overflowPunct w:val=\"0\" />"), "{styles}");
    for (id, name, role) in [("Heading1", "heading 1", "heading"), ("Heading2", "heading 2", "kai")] {
        let heading = style(&styles, id);
        assert!(heading.contains(&format!("<w:name w:val=\"{name}\" />")), "{heading}");
        assert!(heading.contains(&fonts(role)), "{id} lacks the {role} face: {heading}");
        assert!(heading.contains("<w:basedOn w:val=\"Normal\" />"), "{heading}");
    }
    let lead = style(&styles, "LeadSentence");
    assert!(styles.contains("<w:style w:type=\"character\" w:styleId=\"LeadSentence\">"));
    assert!(lead.contains("<w:name w:val=\"Lead Sentence\" />") && lead.contains("<w:b />"), "{lead}");
    let footer = style(&styles, "Footer");
    assert!(footer.contains(&fonts("page_number")) && footer.contains("<w:sz w:val=\"28\" />"), "{footer}");
    // The font table names each face, with the next family of its role beside it.
    let table = part(&path, "word/fontTable.xml");
    for (_, families) in &roles {
        let entry = format!("<w:font w:name=\"{}\"><w:altName w:val=\"{}\"/>", families[0], families[1]);
        assert!(table.contains(&entry), "{entry}: {table}");
    }

    // The document properties, dated by the figures.
    let core = part(&path, "docProps/core.xml");
    for expected in [
        "<dc:title>陝西省打擊食品、藥品、環境犯罪工作情況通報</dc:title>",
        "<dc:creator>陝西省公安廳</dc:creator>",
        "<dc:language>zh-TW</dc:language>",
        "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2019-11-15T00:00:00Z</dcterms:created>",
        "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2019-11-15T00:00:00Z</dcterms:modified>",
    ] {
        assert!(core.contains(expected), "{expected}: {core}");
    }
}

#[test]
fn the_simplified_edition_is_set_in_its_own_faces() {
    let project = common::built(SHIPPED, &["build"]);
    let path = project.file(&format!("{STEM}.zh-Hans.docx"));
    let styles = part(&path, "word/styles.xml");
    let table = part(&path, "word/fontTable.xml");
    let roles = roles(project, 1);
    for (role, families) in &roles {
        let id = match role.as_str() {
            "title" => "Title",
            "body" => "Normal",
            "heading" => "Heading1",
            "kai" => "Heading2",
            "page_number" => "Footer",
            _ => continue,
        };
        assert!(style(&styles, id).contains(&format!("w:eastAsia=\"{}\"", families[0])), "{role}");
        let entry = format!("<w:font w:name=\"{}\"><w:altName w:val=\"{}\"/>", families[0], families[1]);
        assert!(table.contains(&entry), "{entry}: {table}");
    }
    // The Simplified faces, not the Traditional edition's.
    assert!(table.contains("方正小标宋简体") && !table.contains("方正小標宋簡體"), "{table}");
    assert!(styles.contains("w:eastAsia=\"zh-CN\""), "the text's language");
    let core = part(&path, "docProps/core.xml");
    assert!(core.contains("<dc:title>陕西省打击食品、药品、环境犯罪工作情况通报</dc:title>"), "{core}");
    assert!(
        core.contains("<dc:creator>陕西省公安厅</dc:creator>") && core.contains("<dc:language>zh-CN</dc:language>")
    );
}

#[test]
fn the_word_file_is_the_same_bytes_when_rebuilt() {
    let project = Fixture::shipped();
    project.run(&["build"]).success();
    let first = std::fs::read(project.file(&format!("{STEM}.docx"))).expect("built");
    project.run(&["build", "--force", "--jobs", "1"]).success();
    assert!(std::fs::read(project.file(&format!("{STEM}.docx"))).expect("rebuilt") == first, "same bytes");
    // Another project, another process and another thread: the same bytes.
    let other = common::built(SHIPPED, &["build", "--jobs", "2"]);
    assert!(std::fs::read(other.file(&format!("{STEM}.docx"))).expect("built") == first, "same bytes elsewhere");
    // Parts in a fixed order, each dated with the bulletin's date.
    let parts = parts(&project.file(&format!("{STEM}.docx")));
    let names: Vec<&str> = parts.iter().map(|(name, ..)| name.as_str()).collect();
    assert_eq!(names[..3], ["[Content_Types].xml", "_rels/.rels", "docProps/app.xml"]);
    for (name, _, time) in &parts {
        assert_eq!((time.year(), time.month(), time.day(), time.hour(), time.minute()), (2019, 11, 15, 0, 0), "{name}");
    }
}

#[test]
fn a_correction_sets_its_note_apart_and_is_issued_as_a_word_file() {
    let project = Fixture::shipped();
    let publish = |epoch: &str, args: &[&str]| {
        let mut command = project.command(&[&["publish", FILE][..], args].concat());
        common::Run::from(command.env("SOURCE_DATE_EPOCH", epoch).output().expect("run bulletin")).success()
    };
    publish("1573869600", &[]);
    project.edit(FILE, "food:        {cases: 186,", "food:        {cases: 188,");
    publish("1573956000", &["--reason", "食品類案件數統計有誤"]);
    for stem in
        [STEM, &format!("{STEM}.zh-Hans"), &format!("{STEM}-correction-v2"), &format!("{STEM}-correction-v2.zh-Hans")]
    {
        same_text(&project, stem);
    }
    let path = project.file(&format!("{STEM}.docx"));
    let document = part(&path, "word/document.xml");
    let heading = document.find("<w:pStyle w:val=\"NoteHeading\" />").expect("the note's heading");
    let note = document.find("<w:pStyle w:val=\"Note\" />").expect("the note");
    assert!(heading < note && note < document.find("<w:pStyle w:val=\"Normal\" />").expect("the body"));
    // Ruled all round: the heading and the text share one box.
    let styles = part(&path, "word/styles.xml");
    for id in ["Note", "NoteHeading"] {
        let style = style(&styles, id);
        for side in ["top", "left", "bottom", "right"] {
            assert!(style.contains(&format!("<w:{side} w:val=\"single\" w:space=\"4\" w:sz=\"5\"")), "{id} {side}");
        }
    }
    // No version number for the public; the moment of publication, and the notice's
    // own title in its own file.
    let core = part(&path, "docProps/core.xml");
    assert!(!core.contains("第2版") && !core.contains("<dc:description>"), "{core}");
    assert!(
        core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2019-11-17T02:00:00Z</dcterms:created>"),
        "{core}"
    );
    let notice = part(&project.file(&format!("{STEM}-correction-v2.docx")), "docProps/core.xml");
    assert!(
        notice.contains("<dc:title>關於《陝西省打擊食品、藥品、環境犯罪工作情況通報》的更正說明</dc:title>"),
        "{notice}"
    );
    // The archive holds the Word files and rebuilds them to the byte.
    assert!(project.file("archive/shiyaohuan/2019-11-15/v2/2019-11-15-correction-v2.docx").is_file());
    project.run(&["verify", "--rebuild"]).success();
}

#[test]
fn tables_become_word_tables() {
    let project = common::built("zhian", &["build"]);
    let stem = "out/zhian/2021-12-31";
    same_text(project, stem);
    let document = part(&project.file(&format!("{stem}.docx")), "word/document.xml");
    let (start, end) = (document.find("<w:tbl>").expect("a table"), document.find("</w:tbl>").expect("its end"));
    let table = &document[start..end];
    // A three-line table: heavy rules above and below, a light one under the header.
    assert!(table.contains(
        "<w:tblBorders><w:top w:val=\"single\" w:sz=\"12\" w:space=\"0\" w:color=\"000000\" />\
         <w:bottom w:val=\"single\" w:sz=\"12\" w:space=\"0\" w:color=\"000000\" /></w:tblBorders>"
    ));
    let header = &table[..table.find("</w:tr>").expect("a row")];
    assert_eq!(header.matches("<w:pStyle w:val=\"TableHeading\" />").count(), 3, "{header}");
    assert_eq!(header.matches("<w:bottom w:val=\"single\" w:sz=\"6\"").count(), 3, "{header}");
    assert!(!header.contains("<w:left "), "no vertical rules: {header}");
    // The amount column is right-aligned, as the Markdown asks (`---:`).
    let rows = table.matches("<w:tr>").count();
    assert_eq!(table.matches("<w:jc w:val=\"right\" />").count(), rows, "{table}");
}

/// The GB/T 9704 text block, in points from the page's top left: 28 mm in, 156 mm
/// wide, 37 mm down, 225 mm high.
const BLOCK_LEFT: f64 = 28.0 * 72.0 / 25.4;
const BLOCK_RIGHT: f64 = (28.0 + 156.0) * 72.0 / 25.4;
const BLOCK_BOTTOM: f64 = (37.0 + 225.0) * 72.0 / 25.4;
/// Its grid: 22 lines 28.95 pt apart (579 twips), 28 cells of 156 mm / 28.
const PITCH: f64 = 579.0 / 20.0;
const CELL: f64 = 156.0 / 28.0 * 72.0 / 25.4;
/// The marks that may hang past a line's end.
const CLOSING: &str = "，。、；：？！”’」』）》〉】";

/// Whether LibreOffice's `soffice` is installed (`.ci/run` installs it).
fn soffice_installed() -> bool {
    Command::new("soffice").arg("--version").output().is_ok_and(|output| output.status.success())
}

/// Each font role's families as series.yaml lists them for an edition (0: the
/// series' own, 1: the second), with the weight asked of each.
fn role_faces(project: &Fixture, series: &str, edition: usize) -> Vec<Vec<(String, Option<String>)>> {
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&project.read(&format!("templates/{series}/series.yaml"))).expect("series.yaml");
    let fonts = match edition {
        0 => &yaml["fonts"],
        n => &yaml["editions"][n]["fonts"],
    };
    let face = |f: &serde_yaml::Value| match f.as_str() {
        Some(family) => (family.to_string(), None),
        None => (f["family"].as_str().expect("a family").to_string(), f["weight"].as_str().map(str::to_string)),
    };
    let roles = fonts.as_mapping().expect("font roles").values();
    roles.map(|families| families.as_sequence().expect("families").iter().map(face).collect()).collect()
}

/// The language of a Word file's text, as fontconfig writes it (`zh-tw`).
fn docx_lang(path: &Path) -> String {
    let styles = part(path, "word/styles.xml");
    let lang = styles.split("<w:lang ").nth(1).and_then(|tag| tag.split("w:eastAsia=\"").nth(1));
    lang.and_then(|rest| rest.split('"').next()).expect("the text's language").to_lowercase()
}

/// A fontconfig configuration (written in `dir`) that shows LibreOffice the test
/// fonts and nothing else, and in which each role's first family, the one the Word
/// file names, is found as the first of the role's families those fonts have, in
/// the weight the role asks, for text in the edition's language: a machine with every
/// face the Word files name, as an office's.
fn fontconfig(project: &Fixture, docx: &[PathBuf], dir: &Path) -> PathBuf {
    // The files' own folders, narrowed to the files: in a folder of links to them (as
    // `common::test_fonts`) LibreOffice finds no font at all.
    let files = common::TEST_FONT_FILES.map(Path::new);
    let mut conf = String::from("<?xml version=\"1.0\"?>\n<fontconfig>\n");
    for folder in files.iter().filter_map(|file| file.parent()).collect::<std::collections::BTreeSet<_>>() {
        conf.push_str(&format!("<dir>{}</dir>\n", folder.display()));
    }
    conf.push_str(&format!("<cachedir>{}</cachedir>\n", dir.join("cache").display()));
    let globs: String = files.iter().map(|file| format!("<glob>{}</glob>", file.display())).collect();
    conf.push_str(&format!(
        "<selectfont><acceptfont>{globs}</acceptfont><rejectfont><glob>*</glob></rejectfont></selectfont>\n"
    ));
    // The families those files hold, as fontconfig names them.
    let only = dir.join("test-fonts.conf");
    std::fs::write(&only, format!("{conf}</fontconfig>\n")).expect("write a fontconfig file");
    let listed = Command::new("fc-list").args(["--format", "%{family}\\n"]).env("FONTCONFIG_FILE", &only).output();
    let listed = listed.expect("fc-list (fontconfig, which LibreOffice uses)");
    let installed: Vec<String> =
        String::from_utf8_lossy(&listed.stdout).lines().flat_map(|line| line.split(',')).map(str::to_string).collect();
    for (edition, path) in docx.iter().enumerate() {
        let lang = docx_lang(path);
        let series = path.parent().and_then(Path::file_name).and_then(|name| name.to_str()).expect("out/<series>/");
        for families in role_faces(project, series, edition) {
            let Some((family, weight)) = families.iter().find(|(family, _)| installed.contains(family)) else {
                continue;
            };
            let weight = match weight.as_deref() {
                Some(weight) => format!("<edit name=\"weight\" mode=\"assign\"><const>{weight}</const></edit>"),
                None => String::new(),
            };
            conf.push_str(&format!(
                "<match target=\"pattern\"><test name=\"family\"><string>{}</string></test>\
                 <test name=\"lang\" compare=\"contains\"><string>{lang}</string></test>\
                 <edit name=\"family\" mode=\"assign\" binding=\"strong\"><string>{family}</string></edit>{weight}</match>\n",
                families[0].0
            ));
        }
    }
    let path = dir.join("fonts.conf");
    std::fs::write(&path, format!("{conf}</fontconfig>\n")).expect("write a fontconfig file");
    path
}

/// The Word files converted to PDF by LibreOffice, all in one run, with a profile
/// and fonts of its own (see [`fontconfig`]): the PDFs, in a folder that goes when
/// the returned guard does.
fn libreoffice_pdfs(project: &Fixture, stems: &[String]) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let docx: Vec<PathBuf> = stems.iter().map(|stem| project.file(&format!("{stem}.docx"))).collect();
    let fonts = fontconfig(project, &docx, dir.path());
    let output = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", dir.path().join("profile").display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .args(&docx)
        .env("FONTCONFIG_FILE", fonts)
        .output()
        .expect("run soffice");
    assert!(output.status.success(), "soffice failed: {}", String::from_utf8_lossy(&output.stderr));
    let pdfs =
        docx.iter().map(|path| dir.path().join(path.with_extension("pdf").file_name().expect("a name"))).collect();
    (dir, pdfs)
}

/// A page as LibreOffice laid it out: the lines of its text block, the lines below.
struct Page {
    block: Vec<common::TextLine>,
    below: Vec<common::TextLine>,
}

/// The pages of a PDF LibreOffice wrote.
fn pages(pdf: &Path) -> Vec<Page> {
    let pages = common::text_lines(pdf).into_iter();
    pages
        .map(|lines| {
            let (block, below) = lines.into_iter().partition(|line| line.y_max < BLOCK_BOTTOM + 1.0);
            Page { block, below }
        })
        .collect()
}

/// The line of the grid a line of text sits on, 1 to 22.
fn row(line: &common::TextLine) -> i64 {
    ((line.y_max - common::BLOCK_TOP) / PITCH).round() as i64
}

/// The cells of the grid a line of full-width characters takes, its indent
/// included, and whether it reaches the block's right edge; a closing mark hung past
/// that edge (LibreOffice reads `w:overflowPunct` inverted, docs/word.md) is not
/// counted. `None` for a line with half-width characters (figures).
fn cells(line: &common::TextLine) -> Option<(usize, bool)> {
    let mut text: Vec<char> = line.text.chars().filter(|c| !c.is_whitespace()).collect();
    if text.iter().any(char::is_ascii) {
        return None;
    }
    let hung = line.x_max > BLOCK_RIGHT + 1.0;
    if hung {
        let last = text.pop().expect("a character");
        assert!(CLOSING.contains(last), "only a closing mark may pass the block's edge: {}", line.text);
    }
    let indent = ((line.x_min - BLOCK_LEFT) / CELL).round() as usize;
    Some((indent + text.len(), hung || line.x_max > BLOCK_RIGHT - 2.0))
}

/// The face a PDF sets the start of a text in on its first page: its PostScript name
/// without the subset tag, the encoding and the region of a CJK collection's face
/// (`NotoSerifCJK-Bold`), so that two writers' names of one face compare equal.
fn face_of(pdf: &Path, text: &str) -> String {
    let path = pdf.to_str().expect("a path");
    let xml = common::poppler("pdftohtml", &["-xml", "-i", "-stdout", "-f", "1", "-l", "1", path]);
    let start: String = text.chars().take(2).collect();
    let found = xml.split("<text ").skip(1).find(|element| {
        let content = element.split('>').skip(1).collect::<Vec<_>>().join(">");
        let content: String = content.split('<').map(|piece| piece.rsplit('>').next().unwrap_or(piece)).collect();
        common::squeeze(&content).starts_with(&start)
    });
    let element = found.unwrap_or_else(|| panic!("{}: no text starts with {start}: {xml}", pdf.display()));
    let id = element.split("font=\"").nth(1).and_then(|rest| rest.split('"').next()).expect("a font");
    let spec = xml.split("<fontspec ").find(|spec| spec.starts_with(&format!("id=\"{id}\""))).expect("its fontspec");
    let family = spec.split("family=\"").nth(1).and_then(|rest| rest.split('"').next()).expect("a family");
    let tag = family.split('+').next().expect("a subset tag");
    let fonts = common::poppler("pdffonts", &[path]);
    let name = fonts.lines().find_map(|line| line.strip_prefix(&format!("{tag}+"))).expect("the font in pdffonts");
    let mut name = name.split_whitespace().next().expect("a name").to_string();
    for suffix in ["-Identity-H", "-VKana"] {
        name = name.replace(suffix, "");
    }
    for region in ["jp", "kr", "sc", "tc", "hk"] {
        name = name.replace(&format!("CJK{region}"), "CJK");
    }
    name
}

/// The lines of page 1 a PDF sets `title` in, read from the first that begins it.
fn title_lines(pdf: &Path, title: &str) -> Vec<String> {
    let first = common::text_lines(pdf).into_iter().next().expect("a page");
    let mut lines: Vec<String> = vec![];
    for line in first.iter().map(|line| common::squeeze(&line.text)).skip_while(|l| !title.starts_with(l)) {
        if lines.concat().len() >= title.len() {
            break;
        }
        lines.push(line);
    }
    lines
}

#[test]
fn libreoffice_breaks_a_hostile_title_where_the_pdf_breaks_it() {
    if !soffice_installed() {
        println!("skipped: LibreOffice's soffice is not installed (`apt-get install libreoffice-writer-nogui`)");
        return;
    }
    // Brackets the layout keeps on one line when another break fits (the Word file
    // broke inside them, 15 and 15), and one-character words the web page keeps
    // together and the layout does not (it broke `…31日全省｜打擊…`).
    let titles = [
        "全省公安機關（食品藥品環境犯罪偵查部門）專項行動工作情況通報",
        "2019年11月15日至2020年12月31日全省打擊環境犯罪工作情況通報",
    ];
    for title in titles {
        let project = Fixture::shipped();
        project.edit(
            "templates/shiyaohuan/series.yaml",
            "title: 陝西省打擊食品、藥品、環境犯罪工作情況通報",
            &format!("title: {title}"),
        );
        project.run(&["build"]).success();
        let stems = [STEM.to_string(), format!("{STEM}.zh-Hans")];
        let (_dir, pdfs) = libreoffice_pdfs(&project, &stems);
        for (stem, pdf) in stems.iter().zip(&pdfs) {
            let core = part(&project.file(&format!("{stem}.docx")), "docProps/core.xml");
            let title = core.split("<dc:title>").nth(1).and_then(|rest| rest.split('<').next()).expect("a title");
            let printed = title_lines(&project.file(&format!("{stem}.pdf")), title);
            assert!(printed.len() == 2 && printed.concat() == title, "{stem}: the PDF's title: {printed:?}");
            assert_eq!(title_lines(pdf, title), printed, "{stem}: the title's lines in LibreOffice");
        }
    }
}

#[test]
fn libreoffice_lays_the_word_file_out_on_the_gb_t_9704_grid() {
    if !soffice_installed() {
        println!("skipped: LibreOffice's soffice is not installed (`apt-get install libreoffice-writer-nogui`)");
        return;
    }
    let project = common::built(SHIPPED, &["build"]);
    let stems = [STEM.to_string(), format!("{STEM}.zh-Hans")];
    let (_dir, pdfs) = libreoffice_pdfs(project, &stems);
    for (stem, pdf) in stems.iter().zip(&pdfs) {
        let built = project.file(&format!("{stem}.pdf"));
        let built_pages = common::poppler("pdfinfo", &[built.to_str().expect("a path")])
            .lines()
            .find_map(|line| line.strip_prefix("Pages:"))
            .and_then(|count| count.trim().parse::<usize>().ok())
            .expect("a page count");
        let pages = pages(pdf);
        assert!(pages.len().abs_diff(built_pages) <= 1, "{stem}: {} pages, the PDF {built_pages}", pages.len());
        for (i, page) in pages.iter().enumerate() {
            let number = i + 1;
            // `— N —` under the block, at the right of odd pages and the left of even ones.
            let folio = page.below.iter().find(|line| common::squeeze(&line.text) == format!("—{number}—"));
            let folio = folio.unwrap_or_else(|| panic!("{stem}: page {number} has no number"));
            let right = (folio.x_min + folio.x_max) / 2.0 > (BLOCK_LEFT + BLOCK_RIGHT) / 2.0;
            assert_eq!(right, number % 2 == 1, "{stem}: page {number}'s number is on the wrong side");
            // One line to a row of the grid, the last on the 22nd but on the last page.
            let rows: Vec<i64> = page.block.iter().map(row).collect();
            assert!(rows.windows(2).all(|pair| pair[0] < pair[1]), "{stem}: page {number}'s rows {rows:?}");
            assert!(rows.iter().all(|row| (1..=22).contains(row)), "{stem}: page {number}'s rows {rows:?}");
            if number < pages.len() {
                assert_eq!(rows.last(), Some(&22), "{stem}: page {number} ends short: rows {rows:?}");
                if number > 1 {
                    assert_eq!(rows.len(), 22, "{stem}: page {number} has {} lines", rows.len());
                }
            }
        }
        // 28 cells to a line: every full line of full-width characters fills them, but
        // for one that ends before a figure the line could not take whole.
        let all: Vec<&common::TextLine> = pages.iter().flat_map(|page| &page.block).collect();
        let mut full = 0;
        for (i, line) in all.iter().enumerate() {
            let Some((cells, reaches)) = cells(line) else { continue };
            assert!(cells <= 28, "{stem}: {cells} cells: {}", line.text);
            let before_a_figure = all.get(i + 1).is_some_and(|next| next.text.starts_with(|c: char| c.is_ascii()));
            if reaches && !before_a_figure {
                assert_eq!(cells, 28, "{stem}: a full line of {cells} cells: {}", line.text);
                full += 1;
            }
        }
        assert!(full * 2 > all.len(), "{stem}: only {full} of {} lines are full lines of 28 characters", all.len());
        // The title in the title role's face, the one the PDF sets it in.
        let core = part(&project.file(&format!("{stem}.docx")), "docProps/core.xml");
        let title = core.split("<dc:title>").nth(1).and_then(|rest| rest.split('<').next()).expect("a title");
        assert_eq!(face_of(pdf, title), face_of(&built, title), "{stem}: the title's face");
        // And broken where the PDF breaks it, between words, the upper line longer (it
        // broke as `…工作情況通｜報`, one character alone, before issue 24).
        let printed = title_lines(&built, title);
        assert!(printed.len() > 1, "{stem}: the PDF's title is on one line: {printed:?}");
        assert_eq!(printed.concat(), title, "{stem}: the PDF's title");
        assert_eq!(title_lines(pdf, title), printed, "{stem}: the title's lines in LibreOffice");
        println!("{stem}: {} pages (the PDF {built_pages}), {full} full lines of {}", pages.len(), all.len());
    }
}

#[test]
fn a_wide_tables_header_repeats_and_its_spanned_cells_are_merged() {
    // The fourth test series' ranking: two header rows, headings over four columns and
    // over both header rows, tied ranks over their rows.
    let project = common::built("taizhou", &["build"]);
    let stem = "out/taizhou/2024-08-31";
    let document = part(&project.file(&format!("{stem}.docx")), "word/document.xml");
    let table = &document[document.find("<w:tbl>").expect("a table")..document.find("</w:tbl>").expect("its end")];
    let rows: Vec<&str> = table.split("<w:tr>").skip(1).collect();
    assert_eq!(rows.len(), 8, "two header rows and six");
    // The header rows repeat on each page; no row breaks across pages.
    assert!(rows[..2].iter().all(|row| row.contains("<w:cantSplit /><w:tblHeader />")), "{table}");
    assert!(rows[2..].iter().all(|row| !row.contains("<w:tblHeader />")), "{table}");
    assert!(rows.iter().all(|row| row.contains("<w:cantSplit />")), "{table}");
    // 8月PM2.5浓度 over four columns; 全市排名 and 市（区） over both header rows; a
    // tied rank over its two rows.
    assert_eq!(rows[0].matches("<w:gridSpan w:val=\"4\" />").count(), 2, "{}", rows[0]);
    assert_eq!(rows[0].matches("<w:vMerge w:val=\"restart\" />").count(), 4, "{}", rows[0]);
    assert_eq!(rows[1].matches("<w:vMerge w:val=\"continue\" />").count(), 4, "{}", rows[1]);
    assert_eq!(rows[3].matches("<w:vMerge w:val=\"continue\" />").count(), 1, "{}", rows[3]);
    // LibreOffice reads it back: every cell's text, each once.
    if !soffice_installed() {
        println!("skipped: LibreOffice's soffice is not installed (`apt-get install libreoffice-writer-nogui`)");
        return;
    }
    let (_dir, pdfs) = libreoffice_pdfs(project, &[stem.to_string()]);
    let raw = common::pdf_text(&pdfs[0]);
    let text = common::squeeze(&raw);
    let published = project.read("published.md");
    // Set small enough (10.5 pt) that every figure stays whole on its line.
    let words: Vec<&str> = raw.split_whitespace().collect();
    for figure in published.lines().skip_while(|line| !line.starts_with("| 1 ")).flat_map(|line| line.split('|')) {
        let figure = figure.trim();
        if figure.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
            assert!(words.contains(&figure), "{figure} is broken: {raw}");
        }
    }
    for line in published.lines().filter(|line| line.starts_with("| ") && !line.contains("---")) {
        let cells: Vec<&str> =
            line.trim_matches('|').split('|').map(str::trim).filter(|c| !["^^", "<<", ""].contains(c)).collect();
        let row = cells.concat();
        assert!(text.contains(&row), "{row} is not a row of {text}");
    }
}

/// A word of a PDF's page and its box: `(text, x_min, y_min, x_max, y_max)`.
type PageWord = (String, f64, f64, f64, f64);

/// The words of a PDF's page `page` (from 1).
fn page_words(pdf: &Path, page: usize) -> Vec<PageWord> {
    let page = page.to_string();
    let xml = common::poppler("pdftotext", &["-f", &page, "-l", &page, "-bbox", pdf.to_str().expect("path"), "-"]);
    xml.split("<word ")
        .skip(1)
        .map(|w| {
            let text = w[w.find('>').expect("a tag") + 1..w.find("</word>").expect("its end")].to_string();
            (text, common::attr(w, "xMin"), common::attr(w, "yMin"), common::attr(w, "xMax"), common::attr(w, "yMax"))
        })
        .collect()
}

#[test]
fn a_table_too_wide_for_the_block_turns_on_a_landscape_page_of_its_own() {
    // Fourteen columns of six-digit figures after the fourth series' text: too wide
    // for 156 mm even at 五號, as in the PDF.
    let project = Fixture::named("taizhou");
    let mut table = format!("\n\n| 类别 |{}\n|---|{}\n", (1..14).map(|c| format!(" 栏{c} |")).collect::<String>(), {
        "---:|".repeat(13)
    });
    for r in 1..=4 {
        table.push_str(&format!(
            "| 丙{r:02} |{}\n",
            (1..14).map(|c| format!(" {} |", 100_000 + r * 1000 + c)).collect::<String>()
        ));
    }
    let template = "templates/taizhou/bulletin.md";
    project.write(template, &format!("{}{table}\n表后的段落。\n", project.read(template).trim_end()));
    project.run(&["build", "--without", "pdf"]).success();
    let stem = "out/taizhou/2024-08-31";
    // The table is a section of its own, landscape, between two portrait ones.
    let document = part(&project.file(&format!("{stem}.docx")), "word/document.xml");
    let sections: Vec<&str> = document.split("<w:sectPr>").skip(1).collect();
    assert_eq!(sections.len(), 3, "{document}");
    let wide = document.rfind("<w:tbl>").expect("the table");
    let turned = document[wide..].find("<w:sectPr>").expect("its section") + wide;
    assert!(
        document[turned..].split("</w:sectPr>").next().is_some_and(|s| s.contains("<w:footerReference")),
        "its own footers"
    );
    assert!(
        sections[1].contains("w:w=\"16838\" w:h=\"11906\"") && sections[1].contains("w:orient=\"landscape\""),
        "{}",
        sections[1]
    );
    for portrait in [sections[0], sections[2]] {
        assert!(portrait.contains("w:w=\"11906\" w:h=\"16838\""), "{portrait}");
    }
    if !soffice_installed() {
        println!("skipped: LibreOffice's soffice is not installed (`apt-get install libreoffice-writer-nogui`)");
        return;
    }
    let (_dir, pdfs) = libreoffice_pdfs(&project, &[stem.to_string()]);
    let info = common::poppler("pdfinfo", &["-f", "1", "-l", "20", pdfs[0].to_str().expect("path")]);
    let sizes: Vec<&str> = info.lines().filter(|l| l.starts_with("Page") && l.contains(" size: ")).collect();
    let pages: Vec<Vec<PageWord>> = (1..=sizes.len()).map(|p| page_words(&pdfs[0], p)).collect();
    let at = pages.iter().position(|words| words.iter().any(|w| w.0 == "类别")).expect("the table's page");
    // LibreOffice lays the table's page out landscape, the others portrait; the text
    // before ends a page before it, the paragraph after starts the next.
    for (i, size) in sizes.iter().enumerate() {
        let landscape = size.contains("841.") && size.contains(" x 595.");
        assert_eq!(landscape, i == at, "page {}: {size}", i + 1);
    }
    assert!(pages[at + 1].iter().any(|w| w.0.starts_with("表后的段落")), "the text after is on the next page");
    // Every figure whole, inside the turned block: 37 mm from the right edge, 28 mm
    // from the top (the portrait page's top and left margins, turned).
    let figures: Vec<&PageWord> = pages[at].iter().filter(|w| w.0.len() == 6 && w.0.starts_with("10")).collect();
    assert_eq!(figures.len(), 13 * 4, "every figure whole: {:?}", pages[at]);
    let mm = 72.0 / 25.4;
    for w in &figures {
        assert!(w.1 >= 35.0 * mm - 1.0 && w.3 <= (297.0 - 37.0) * mm + 1.0 && w.2 >= 28.0 * mm - 1.0, "{w:?}");
    }
    // The page number where GB/T 9704 puts every page's: below the portrait block
    // (here 7 mm left of the turned one), upright when the sheet is held portrait
    // (running down the page), at the sheet's right on an odd page and left on an even one.
    let number = pages[at]
        .iter()
        .find(|w| w.0 == (at + 1).to_string() && w.3 < 35.0 * mm)
        .unwrap_or_else(|| panic!("no page number left of the block: {:?}", pages[at]));
    let odd = (at + 1) % 2 == 1;
    let middle = 105.0 * mm;
    assert!(if odd { number.2 > middle } else { number.4 < middle }, "{number:?} on page {}", at + 1);
    assert!(number.3 > (35.0 - 7.0 - 8.0) * mm, "{number:?} is not by the block");
}
