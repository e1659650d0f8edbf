//! A new series from two files (issue 22): `bulletin series new` writes a commented
//! `series.yaml` and `bulletin.md` and a first figure file, the layout and stylesheets
//! are the built-in ones, and a series may take up a default file and change a part.

mod common;

use common::Fixture;

/// The shipped project with a new series beside it (`series new NAME …`).
fn with_new_series(args: &[&str]) -> Fixture {
    let project = Fixture::shipped();
    let mut command = vec!["series", "new"];
    command.extend_from_slice(args);
    project.run(&command).success();
    project
}

/// The files directly in a folder of the project, by name.
fn names(project: &Fixture, dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(project.file(dir))
        .expect("folder")
        .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.'))
        .collect();
    names.sort();
    names
}

#[test]
fn a_new_series_is_two_files_and_builds_every_output_of_both_editions() {
    for (lang, other) in [("zh-Hans", "zh-Hant"), ("zh-Hant", "zh-Hans")] {
        let project = with_new_series(&["city", "--script", lang]);
        assert_eq!(names(&project, "templates/city"), ["bulletin.md", "series.yaml"], "{lang}");
        let data = names(&project, "data/city");
        assert_eq!(data.len(), 1, "one figure file: {data:?}");
        let stem = data[0].trim_end_matches(".yaml").to_string();
        let run = project.run(&["build", &format!("data/city/{stem}.yaml")]).success();
        assert_eq!(run.stderr(), "", "{lang}: builds without a warning");
        let mut expected: Vec<String> = vec![];
        for suffix in ["", &format!(".{other}")] {
            for ext in ["md", "html", "fragment.html", "pdf", "docx"] {
                expected.push(format!("{stem}{suffix}.{ext}"));
            }
        }
        expected.sort();
        assert_eq!(names(&project, "out/city"), expected, "{lang}");
        // Set in the built-in layout: the GB/T 9704 page, its number at the foot.
        let text = common::pdf_text(&project.file(&format!("out/city/{stem}.pdf")));
        assert!(text.contains("一、") && text.contains("— 1 —"), "{lang}: {text}");
        // Its prose from its figures, with no digit typed into the template.
        let check = project.run(&["check", &format!("data/city/{stem}.yaml")]).success();
        assert_eq!(check.stderr(), "", "{lang}");
    }
}

#[test]
fn a_name_taken_or_unfit_is_refused_and_nothing_is_written() {
    let project = with_new_series(&["city"]);
    let again = project.run(&["series", "new", "city"]).failure().stderr();
    assert!(again.starts_with("error: `templates/city` exists already\n"), "{again}");
    for name in ["City", "_default", "../x", "城市"] {
        let stderr = project.run(&["series", "new", name]).failure().stderr();
        assert!(stderr.starts_with(&format!("error: `{name}` cannot name a series\n")), "{stderr}");
    }
    assert_eq!(names(&project, "templates"), ["city", "shiyaohuan"]);
}

#[test]
fn a_series_takes_up_a_default_file_and_changes_one_rule() {
    let project = with_new_series(&["city"]);
    // One rule of the web stylesheet, the rest the default's.
    project.write(
        "templates/city/style.css",
        "@import \"../_default/style.css\";\n.bulletin-city-rule { color: #123456; }\n",
    );
    // And one rule of the printed layout: headings in red, the rest the default's.
    project.write(
        "templates/city/layout.typ",
        "#import \"/templates/_default/layout.typ\": bulletin as base\n\
         #let bulletin(..args, body) = base(..args, { show heading.where(level: 2): set text(fill: rgb(\"#c00000\")); body })\n",
    );
    let stem = names(&project, "data/city")[0].trim_end_matches(".yaml").to_string();
    let run = project.run(&["build", &format!("data/city/{stem}.yaml"), "--format", "typ"]).success();
    assert_eq!(run.stderr(), "");
    let html = project.read(&format!("out/city/{stem}.html"));
    assert!(html.contains(".bulletin-city-rule { color: #123456; }"), "the series' rule");
    let default_css = std::fs::read_to_string(common::repo().join("templates/shiyaohuan/style.css")).expect("css");
    let first_rule = default_css.lines().find(|line| line.contains('{')).expect("a rule");
    assert!(html.contains(first_rule), "the default's rules too");
    assert!(!html.contains("@import"), "the import is replaced by the stylesheet");
    // The PDF's headings in red: pdftocairo's SVG fills with the colour.
    let svg = common::poppler(
        "pdftocairo",
        &["-svg", project.file(&format!("out/city/{stem}.pdf")).to_str().expect("path"), "-"],
    );
    assert!(svg.contains("fill:rgb(75.29"), "a red heading");
}
