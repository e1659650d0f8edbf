//! Incremental and parallel builds: a file is rebuilt exactly when its figure file,
//! its series' templates, the fonts or the tool changed, and the number of jobs never
//! changes a byte of the outputs.

mod common;

use std::path::Path;

use common::Fixture;

/// The shipped project plus the test series, with `n` more periods of the reference
/// series whose figures vary.
fn project_with_periods(n: u32) -> Fixture {
    let project = Fixture::shipped();
    let traffic = Fixture::named("traffic");
    for dir in ["templates/traffic", "data/traffic"] {
        for entry in std::fs::read_dir(traffic.file(dir)).expect("read") {
            let entry = entry.expect("entry");
            std::fs::create_dir_all(project.file(dir)).expect("mkdir");
            std::fs::copy(entry.path(), project.file(dir).join(entry.file_name())).expect("copy");
        }
    }
    let reference = project.read("data/shiyaohuan/2019-11-15.yaml");
    for month in 1..=n {
        let date = format!("2019-{month:02}-28");
        let text = reference
            .replace("2019-11-15", &date)
            // Figures that grow month by month up to the reference's of 2019-11-15, as a
            // cumulative series' figures do.
            .replace("cases: 186,", &format!("cases: {},", 150 + month * 5))
            .replace(
                "amount_yuan: 65884000,",
                &format!("amount_yuan: {},", 65_884_000 - u64::from(12 - month) * 1_234_567),
            );
        project.write(&format!("data/shiyaohuan/{date}.yaml"), &text);
    }
    project
}

fn counts(project: &Fixture, args: &[&str]) -> String {
    project.run(args).success().build_stdout().1
}

#[test]
fn unchanged_files_are_skipped_and_changed_ones_rebuilt() {
    let project = project_with_periods(2);
    assert_eq!(counts(&project, &["build"]), "built 4, skipped 0, failed 0");
    assert_eq!(counts(&project, &["build"]), "built 0, skipped 4, failed 0");

    // A figure file: that file, and the next period of the series, which is checked
    // against it (the series is cumulative).
    project.edit("data/shiyaohuan/2019-01-28.yaml", "cases: 155,", "cases: 156,");
    let run = project.run(&["build"]).success();
    let (written, summary) = run.build_stdout();
    assert_eq!(summary, "built 2, skipped 2, failed 0");
    assert!(written.contains("wrote out/shiyaohuan/2019-01-28.pdf\n"), "{written}");
    // The next period is checked again, but its outputs come out the same: nothing
    // of it is written (issue 25).
    assert!(!written.contains("2019-02-28"), "{written}");
    // The last period of the year: that file only.
    project.edit("data/shiyaohuan/2019-11-15.yaml", "cases: 186,", "cases: 187,");
    assert_eq!(counts(&project, &["build"]), "built 1, skipped 3, failed 0");

    // A template: every file of its series, and nothing else.
    project.edit("templates/traffic/bulletin.md", "超速", "超速駕駛");
    assert_eq!(counts(&project, &["build"]), "built 1, skipped 3, failed 0");
    assert!(project.read("out/traffic/2020-01-31.md").contains("超速駕駛1520起"));
    project.edit("templates/shiyaohuan/layout.typ", "#let lines = 22", "#let lines = 22 // 行數");
    assert_eq!(counts(&project, &["build"]), "built 3, skipped 1, failed 0");

    // Only content counts, not times.
    let layout = project.file("templates/shiyaohuan/layout.typ");
    let text = std::fs::read(&layout).expect("read");
    std::fs::write(&layout, text).expect("rewrite");
    assert_eq!(counts(&project, &["build"]), "built 0, skipped 4, failed 0");

    // A missing or damaged output: that file.
    std::fs::remove_file(project.file("out/shiyaohuan/2019-02-28.html")).expect("remove");
    assert_eq!(counts(&project, &["build"]), "built 1, skipped 3, failed 0");

    // --force: everything.
    assert_eq!(counts(&project, &["build", "--force"]), "built 4, skipped 0, failed 0");
}

#[test]
fn a_font_change_rebuilds_the_pdfs() {
    let project = project_with_periods(1);
    assert_eq!(counts(&project, &["build"]), "built 3, skipped 0, failed 0");
    // A font dropped into the project's fonts/ folder.
    let font = common::repo().join("tests/fixtures/fonts/DejaVuSans-ASCII.ttf");
    std::fs::create_dir_all(project.file("fonts")).expect("mkdir");
    std::fs::copy(font, project.file("fonts/DejaVuSans-ASCII.ttf")).expect("copy font");
    assert_eq!(counts(&project, &["build"]), "built 3, skipped 0, failed 0");
    assert_eq!(counts(&project, &["build"]), "built 0, skipped 3, failed 0");
}

#[test]
fn the_number_of_jobs_changes_no_byte() {
    let one = project_with_periods(6);
    let four = project_with_periods(6);
    assert_eq!(counts(&one, &["build", "--jobs", "1"]), "built 8, skipped 0, failed 0");
    assert_eq!(counts(&four, &["build", "--jobs", "4"]), "built 8, skipped 0, failed 0");
    let outputs = |root: &Path| -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(root.join("out"))
            .into_iter()
            .filter_map(Result::ok)
            // The outputs, not the build's own records (stamps hold times, the lock nothing).
            .filter(|e| e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| {
                let name = e.path().strip_prefix(root).expect("prefix").display().to_string();
                (name, std::fs::read(e.path()).expect("read"))
            })
            .collect();
        files.sort();
        files
    };
    let same = |when: &str| {
        let (a, b) = (outputs(one.path()), outputs(four.path()));
        let per_edition = common::OUTPUTS.len();
        assert_eq!(a.len(), 7 * 2 * per_edition + per_edition, "two editions of the reference series, one of traffic");
        for ((name_a, bytes_a), (name_b, bytes_b)) in a.iter().zip(&b) {
            assert_eq!(name_a, name_b);
            assert!(bytes_a == bytes_b, "{when}: {name_a} differs between --jobs 1 and --jobs 4");
        }
    };
    same("built from nothing");
    // One file edited among eight up to date: with four jobs it is one of the first two
    // made with its editions side by side (issue 25), with one job in turn.
    for project in [&one, &four] {
        project.edit("data/shiyaohuan/2019-03-28.yaml", "cases: 165,", "cases: 164,");
    }
    assert_eq!(counts(&one, &["build", "--jobs", "1"]), "built 2, skipped 6, failed 0");
    assert_eq!(counts(&four, &["build", "--jobs", "4"]), "built 2, skipped 6, failed 0");
    same("one file edited");
}

#[test]
fn failures_are_counted_and_do_not_stop_the_others() {
    let project = project_with_periods(2);
    project.edit("data/shiyaohuan/2019-02-28.yaml", "cases: 160,", "cases: x,");
    let run = project.run(&["build", "--jobs", "2"]).failure();
    assert_eq!(run.build_stdout().1, "built 3, skipped 0, failed 1");
    assert!(
        run.stderr()
            .starts_with("error: `cases` (食品類 破獲案件數) is a count\n  --> data/shiyaohuan/2019-02-28.yaml:3:24\n"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_broken_template_is_reported_once() {
    let project = project_with_periods(3);
    project.edit("templates/shiyaohuan/bulletin.md", "{{ figures.organized.cases }}", "{{ figures.organized.cases }");
    let run = project.run(&["build", "--jobs", "2"]).failure();
    assert_eq!(
        run.build_stdout(),
        (common::listing("wrote out/traffic/", &["2020-01-31"], "\n"), "built 1, skipped 0, failed 4".to_string())
    );
    let stderr = run.stderr();
    assert_eq!(stderr.matches("error: template error: found `}` but expected }}.").count(), 1, "{stderr}");
    assert_eq!(
        stderr.matches("error: skipped: the templates of series `shiyaohuan` have errors (reported above)").count(),
        3,
        "{stderr}"
    );
    assert!(stderr.starts_with("error: template error"), "the full report comes first:\n{stderr}");
}

#[test]
fn a_build_killed_between_renames_is_redone_even_after_a_revert() {
    let project = Fixture::named("traffic");
    let file = "data/traffic/2020-01-31.yaml";
    project.run(&["build"]).success();
    let before = project.read("out/traffic/2020-01-31.html");
    // 1520 → 1521 keeps every output's size: only what the stamp records of each
    // file can tell the new Markdown from the old.
    project.edit(file, "cases: 1520", "cases: 1521");
    let killed = project.command(&["build"]).env("BULLETIN_FAULT", "commit#2=abort").output().expect("run");
    assert!(!killed.status.success());
    assert!(project.read("out/traffic/2020-01-31.md").contains("1521"), "the kill fell between the renames");
    project.edit(file, "cases: 1521", "cases: 1520");
    assert_eq!(counts(&project, &["build"]), "built 1, skipped 0, failed 0");
    assert!(project.read("out/traffic/2020-01-31.md").contains("1520"));
    assert_eq!(project.read("out/traffic/2020-01-31.html"), before);
}

#[test]
fn an_output_that_comes_out_the_same_is_not_written_again() {
    // Issue 25: no output is written that has not changed, so its time stays, and
    // whatever watches the folder (the site, the office's CMS) sees no change.
    let project = Fixture::shipped();
    project.run(&["build"]).success();
    let times = || -> Vec<(String, std::time::SystemTime)> {
        let mut times: Vec<_> = std::fs::read_dir(project.file("out/shiyaohuan"))
            .expect("out")
            .map(|entry| entry.expect("entry"))
            .filter(|entry| !entry.file_name().to_string_lossy().starts_with('.'))
            .map(|entry| {
                (
                    entry.file_name().to_string_lossy().into_owned(),
                    entry.metadata().expect("meta").modified().expect("time"),
                )
            })
            .collect();
        times.sort();
        times
    };
    let before = times();
    assert!(before.len() >= 10, "{before:?}");
    let (written, summary) = project.run(&["build", "--force"]).success().build_stdout();
    assert_eq!((written.as_str(), summary.as_str()), ("", "built 1, skipped 0, failed 0"));
    assert_eq!(times(), before);
    // A change to the web page's stylesheet rewrites the web pages only.
    project.edit(
        "templates/shiyaohuan/style.css",
        "output) without restyling anything around it;",
        "output) without restyling anything around it (an office's note);",
    );
    let (written, _) = project.run(&["build"]).success().build_stdout();
    let names: Vec<&str> = written.lines().map(|line| line.trim_start_matches("wrote out/shiyaohuan/")).collect();
    assert_eq!(
        names,
        ["2019-11-15.html", "2019-11-15.fragment.html", "2019-11-15.zh-Hans.html", "2019-11-15.zh-Hans.fragment.html"]
    );
}

#[test]
fn a_change_to_the_earlier_period_checks_the_next_again_without_setting_it() {
    // Issue 25: a cumulative period is checked against the one before it; when only
    // that one changed, its outputs (made from its own figures) are kept as they are,
    // but the check runs again and still stops a figure that fell.
    let project = project_with_periods(2);
    project.run(&["build"]).success();
    let pdf = project.file("out/shiyaohuan/2019-02-28.pdf");
    let time = std::fs::metadata(&pdf).expect("pdf").modified().expect("time");
    // January above February: February's food cases now fall.
    project.edit("data/shiyaohuan/2019-01-28.yaml", "cases: 155,", "cases: 165,");
    let run = project.run(&["build"]);
    let stderr = run.stderr();
    assert!(stderr.contains("2019-02-28.yaml"), "{stderr}");
    assert_eq!(run.failure().build_stdout().1, "built 1, skipped 2, failed 1");
    assert_eq!(std::fs::metadata(&pdf).expect("pdf").modified().expect("time"), time, "February's PDF kept");
    // Another January below February: February is checked again and passes, and is
    // not set again.
    project.edit("data/shiyaohuan/2019-01-28.yaml", "cases: 165,", "cases: 157,");
    let (written, summary) = project.run(&["build"]).success().build_stdout();
    assert_eq!(summary, "built 2, skipped 2, failed 0");
    assert!(!written.contains("2019-02-28"), "{written}");
    assert_eq!(std::fs::metadata(&pdf).expect("pdf").modified().expect("time"), time, "February's PDF kept");
}
