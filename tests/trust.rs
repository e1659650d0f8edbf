//! Trusting nothing unverified: a publish checks the versions it builds on, says it
//! published once the version is archived, and the archive tells an interrupted
//! publish's leftovers from tampering. Each test is a finding of an attack on the
//! tool, through the real binary.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::Fixture;

const FILE: &str = "data/traffic/2020-01-31.yaml";
const PERIOD: &str = "archive/traffic/2020-01-31";

/// Runs `bulletin` with a fixed publication time (SOURCE_DATE_EPOCH).
fn run_at(project: &Fixture, epoch: &str, args: &[&str]) -> common::Run {
    common::Run::from(project.command(args).env("SOURCE_DATE_EPOCH", epoch).output().expect("run bulletin"))
}

/// The traffic fixture with its period published once, as v1.
fn published() -> Fixture {
    let project = Fixture::named("traffic");
    run_at(&project, "1580500000", &["publish", FILE]).success();
    project
}

/// Edits an archived file as an intruder would, every `from` in it: makes it and its
/// folder writable first (the archive's files and folders are read-only).
fn tamper(project: &Fixture, relative: &str, from: &str, to: &str) {
    let path = project.file(relative);
    for dir in path.ancestors().skip(1).take_while(|dir| dir.starts_with(project.file(PERIOD))) {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let text = project.read(relative);
    assert!(text.contains(from), "`{from}` is not in {relative}");
    project.write(relative, &text.replace(from, to));
}

/// The SHA-256 of bytes, in hex, as a manifest records it.
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).expect("read").map(|e| e.expect("entry").file_name().to_string_lossy().into()).collect();
    names.sort();
    names
}

/// The correction the tests try to publish on top of the tampered v1.
fn correct(project: &Fixture) -> common::Run {
    project.edit(FILE, "cases: 1520", "cases: 1521");
    run_at(project, "1580600000", &["publish", FILE, "--reason", "案件數錄入有誤"])
}

#[test]
fn a_correction_is_not_built_on_an_edited_figure_file() {
    let project = published();
    tamper(&project, &format!("{PERIOD}/v1/inputs/{FILE}"), "cases: 1520", "cases: 100");
    let stderr = correct(&project).failure().stderr();
    assert!(stderr.contains(&format!("error: `{PERIOD}/v1/inputs/{FILE}` does not match its manifest")), "{stderr}");
    assert!(stderr.contains(&format!("error: nothing was published: `{PERIOD}` no longer holds what was published")));
    assert_eq!(names(&project.file(PERIOD)), [".lock", "v1"]);
}

#[test]
fn a_correction_is_not_built_on_an_edited_record() {
    let project = published();
    // The time of day only: no page shows it, the Word file's metadata does.
    tamper(&project, &format!("{PERIOD}/v1/manifest.json"), "\"2020-01-31T19:46:40Z\"", "\"2020-01-31T10:00:00Z\"");
    let stderr = correct(&project).failure().stderr();
    assert!(
        stderr.contains(&format!(
            "error: `{PERIOD}/v1/2020-01-31.docx` is not what its version's record and inputs make"
        )),
        "{stderr}"
    );
    assert_eq!(names(&project.file(PERIOD)), [".lock", "v1"]);
    // Plain `verify`, without fonts, finds it too.
    let verify = project.run(&["verify"]).failure().stderr();
    assert!(verify.contains(&format!("error: `{PERIOD}/v1/2020-01-31.docx` is not what")), "{verify}");
}

#[test]
fn a_correction_is_not_built_on_an_edited_input_whose_hash_was_edited_too() {
    let project = published();
    let figure = format!("{PERIOD}/v1/inputs/{FILE}");
    let old = sha256_hex(&std::fs::read(project.file(&figure)).expect("read"));
    tamper(&project, &figure, "cases: 1520", "cases: 100");
    let new = sha256_hex(&std::fs::read(project.file(&figure)).expect("read"));
    tamper(&project, &format!("{PERIOD}/v1/manifest.json"), &old, &new);
    let stderr = correct(&project).failure().stderr();
    assert!(stderr.contains(&format!("error: `{PERIOD}/v1/2020-01-31.md` is not what its")), "{stderr}");
    assert_eq!(names(&project.file(PERIOD)), [".lock", "v1"]);
    // Untouched, the same correction goes through.
    let clean = published();
    correct(&clean).success();
}

#[test]
fn a_version_archived_is_reported_published_even_when_out_cannot_be_updated() {
    let project = Fixture::named("traffic");
    let elsewhere = tempfile::tempdir().expect("temp dir");
    std::os::unix::fs::symlink(elsewhere.path(), project.file("out")).expect("link");
    let run = run_at(&project, "1580500000", &["publish", FILE]).success();
    assert!(run.stdout().ends_with("published data/traffic/2020-01-31.yaml as v1\n"), "{}", run.stdout());
    let stderr = run.stderr();
    assert!(stderr.starts_with("warning: `out` is a symbolic link"), "{stderr}");
    assert!(
        stderr.contains(
            "help: v1 is published and archived, but its files are not in `out/`; \
             put them there with `bulletin build data/traffic/2020-01-31.yaml` once the cause is fixed"
        ),
        "{stderr}"
    );
    assert_eq!(names(&project.file(PERIOD)), [".lock", "v1"]);
    assert_eq!(std::fs::read_dir(elsewhere.path()).expect("read").count(), 0, "nothing written through the link");
    // Once `out` is a folder again, the build the message names puts the files there.
    std::fs::remove_file(project.file("out")).expect("unlink");
    project.run(&["build", FILE]).success();
    let published = std::fs::read(project.file(&format!("{PERIOD}/v1/2020-01-31.pdf"))).expect("read");
    assert!(std::fs::read(project.file("out/traffic/2020-01-31.pdf")).expect("read") == published);
    project.run(&["verify"]).success();
}

/// Fails a publish at each step that prepares a change to the disk in turn (a full
/// disk): whenever the version is in the archive, whole, the publish says it
/// published it and succeeds; whenever it is not, it fails and says nothing was
/// published.
#[test]
fn publish_says_published_exactly_when_the_version_is_archived() {
    let project = Fixture::named("traffic");
    let mut archived_at = vec![];
    for step in 1.. {
        let fault = format!("fs#{step}=error");
        let run = common::Run::from(
            project
                .command(&["publish", FILE])
                .env("SOURCE_DATE_EPOCH", "1580500000")
                .env("BULLETIN_FAULT", &fault)
                .output()
                .expect("run"),
        );
        let archived = project.file(&format!("{PERIOD}/v1")).exists();
        let said = run.stdout().contains("published data/traffic/2020-01-31.yaml as v1");
        assert_eq!(said, archived, "{fault}: said {said}, archived {archived}\n{}{}", run.stdout(), run.stderr());
        assert_eq!(run.stderr().starts_with("error"), !archived, "{fault}: {}", run.stderr());
        if !archived {
            continue;
        }
        project.run(&["verify"]).success();
        archived_at.push(step);
        if !run.stderr().contains("no space left on device") {
            break; // The fault lay past the last step.
        }
        // Start again without the version.
        for entry in walkdir::WalkDir::new(project.file("archive")) {
            let entry = entry.expect("walk");
            if entry.file_type().is_dir() {
                std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
            }
        }
        std::fs::remove_dir_all(project.file("archive")).expect("remove archive");
        assert!(step < 200, "the publish never got past its faults");
    }
    // Some faults fell after the version was archived (putting it into `out/`).
    assert!(archived_at.len() > 2, "faults after archiving: {archived_at:?}");
}

/// A publish killed just before its version's folder is renamed into place leaves
/// the folder it was writing: `verify` names it as an interrupted publish's (not as
/// tampering) and the next publish removes it.
#[test]
fn an_interrupted_publish_is_told_from_tampering_and_cleared() {
    let project = Fixture::named("traffic");
    let go = project.file("go");
    let mut child = project
        .command(&["publish", FILE])
        .env("BULLETIN_FAULT", format!("commit#1=wait:{}", go.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let period = project.file(PERIOD);
    let started = std::time::Instant::now();
    let leftover = loop {
        let temporary = std::fs::read_dir(&period).ok().into_iter().flatten().find_map(|entry| {
            let name = entry.expect("entry").file_name().to_string_lossy().into_owned();
            name.starts_with(".v1.").then_some(name)
        });
        if let Some(name) = temporary {
            break name;
        }
        assert!(started.elapsed().as_secs() < 30, "the publish never reached the rename");
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    child.kill().expect("kill");
    child.wait().expect("wait");
    let verify = project.run(&["verify"]).success();
    assert_eq!(
        verify.stderr(),
        format!(
            "warning: an interrupted publish left `{PERIOD}/{leftover}`; the next publish of the period removes it\n\n"
        )
    );
    run_at(&project, "1580500000", &["publish", FILE]).success();
    assert_eq!(names(&period), [".lock", "v1"]);
    let verify = project.run(&["verify"]).success();
    assert_eq!(verify.stderr(), "");
}

/// Appends a line to a template of the traffic fixture.
fn append(project: &Fixture, template: &str, line: &str) {
    let relative = format!("templates/traffic/{template}");
    let text = project.read(&relative);
    project.write(&relative, &format!("{text}\n{line}\n"));
}

/// Builds with a one-second time limit; returns the run and how long it took.
fn build_limited(project: &Fixture) -> (common::Run, std::time::Duration) {
    let started = std::time::Instant::now();
    let run = common::Run::from(project.command(&["build", "--time-limit", "1"]).output().expect("run"));
    (run.failure(), started.elapsed())
}

#[test]
fn a_template_loop_that_runs_too_long_is_stopped_at_the_time_limit() {
    for (label, line) in [
        // Stopped by the render itself: `range` checks the time.
        (
            "nested ranges",
            "{% for i in range(end=1000) %}{% for j in range(end=1000) %}{% for k in range(end=1000) %}{% endfor %}{% endfor %}{% endfor %}",
        ),
        // Calling a filter of ours: each checks it.
        (
            "a filter",
            "{% set r = range(end=10000) %}{% for i in r %}{% for j in r %}{% set x = j | abs %}{% endfor %}{% endfor %}",
        ),
        // Neither: the build stops waiting for it.
        (
            "empty loops over one list",
            "{% set r = range(end=10000) %}{% for i in r %}{% for j in r %}{% for k in r %}{% endfor %}{% endfor %}{% endfor %}",
        ),
    ] {
        let project = Fixture::named("traffic");
        append(&project, "bulletin.md", line);
        let (run, took) = build_limited(&project);
        let stderr = run.stderr();
        assert!(
            stderr.contains(
                "error: template `bulletin.md` rendering `data/traffic/2020-01-31.yaml` took longer than 1 s; stopped"
            ),
            "{label}: {stderr}"
        );
        assert!(took.as_secs_f64() < 4.0, "{label}: took {took:?}");
        assert!(!project.file("out/traffic/2020-01-31.md").exists(), "{label}");
    }
    // A range too long to loop over is refused at once, at its line.
    let project = Fixture::named("traffic");
    append(
        &project,
        "bulletin.md",
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}",
    );
    let (run, took) = build_limited(&project);
    assert!(run.stderr().contains("`range` would make 100000 numbers; a template loops over at most 10000\n   --> templates/traffic/bulletin.md:10:13\n"), "{}", run.stderr());
    assert!(took.as_secs_f64() < 1.0, "took {took:?}");
}

#[test]
fn a_template_that_writes_too_much_is_stopped() {
    let project = Fixture::named("traffic");
    append(
        &project,
        "bulletin.md",
        "{% for i in range(end=10000) %}{% for j in range(end=10000) %}很長的一句話，很長的一句話。{% endfor %}{% endfor %}",
    );
    let run = project.run(&["build"]).failure();
    assert!(
        run.stderr().contains("took longer than 10 s; stopped")
            || run.stderr().contains("wrote more than 16 MB; stopped"),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("wrote more than 16 MB; stopped"), "{}", run.stderr());
}

#[test]
fn a_layout_loop_that_runs_too_long_is_stopped_at_the_time_limit() {
    let project = Fixture::named("traffic");
    append(&project, "layout.typ", "#for i in range(100000) { for j in range(100000) { } }");
    let (run, took) = build_limited(&project);
    assert!(run.stderr().contains("took longer than 1 s; stopped\n"), "{}", run.stderr());
    assert!(run.stderr().contains("help: a loop in the series' `layout.typ` runs too long"), "{}", run.stderr());
    assert!(took.as_secs_f64() < 4.0, "took {took:?}");
}

#[test]
fn links_that_would_run_script_are_refused_at_their_template_line() {
    for target in ["javascript:alert(4)", "data:text/html;base64,PHNjcmlwdD4=", "JaVaScRiPt:alert(1)"] {
        let project = Fixture::named("traffic");
        append(&project, "bulletin.md", &format!("詳見[說明]({target})。"));
        let run = project.run(&["build"]).failure();
        let stderr = run.stderr();
        assert!(
            stderr
                .starts_with(&format!("error: a link to `{target}` is refused\n   --> templates/traffic/bulletin.md:")),
            "{stderr}"
        );
        assert!(!project.file("out/traffic/2020-01-31.pdf").exists());
    }
    // Web, e-mail and site links are kept.
    let project = Fixture::named("traffic");
    append(
        &project,
        "bulletin.md",
        "詳見[說明](https://www.gov.cn/)、[信箱](mailto:office@example.cn)、[上期](2019-12-31.html)。",
    );
    project.run(&["build"]).success();
    let html = project.read("out/traffic/2020-01-31.html");
    assert!(
        html.contains("href=\"https://www.gov.cn/\"") && html.contains("href=\"mailto:office@example.cn\""),
        "{html}"
    );
}

#[test]
fn a_stray_or_misnamed_file_under_data_holds_up_no_other() {
    let project = Fixture::named("traffic");
    project.write("data/stray.yaml", "as_of: 2020-01-31\n");
    project.write("data/traffic/2020-02-29.YAML", &project.read(FILE));
    let run = project.run(&["build"]).success();
    assert_eq!(run.build_stdout().1, "built 1, skipped 0, failed 0");
    assert!(project.file("out/traffic/2020-01-31.pdf").exists());
    assert_eq!(
        run.stderr(),
        "warning: `data/stray.yaml` is not a figure file of this project\n \
         = help: figure files live at `data/<series>/<as_of>.yaml`\n \
         = note: it is left out; the other figure files are not held up by it\n\n\
         warning: `data/traffic/2020-02-29.YAML` is not read: a figure file's name ends in `.yaml`\n \
         = help: rename it to `data/traffic/2020-02-29.yaml`\n\n"
    );
    // A link where a figure file should be is an error of its own: the rest is built.
    std::fs::remove_file(project.file("data/traffic/2020-02-29.YAML")).expect("remove");
    std::os::unix::fs::symlink("/nonexistent", project.file("data/traffic/2020-02-29.yaml")).expect("link");
    project.edit(FILE, "cases: 1520", "cases: 1521");
    let run = project.run(&["build"]).failure();
    assert_eq!(run.build_stdout().1, "built 1, skipped 0, failed 0");
    assert!(
        run.stderr().contains(
            "error: `data/traffic/2020-02-29.yaml` is a symbolic link\n \
             = help: bulletin reads only regular files inside the project, never through a link\n \
             = note: it is left out; the other figure files are not held up by it\n"
        ),
        "{}",
        run.stderr()
    );
    std::fs::remove_file(project.file("data/traffic/2020-02-29.yaml")).expect("remove");
    // Two files for one period stay an error, and the rest is still built.
    project.write("data/traffic/2020-02-29.yaml", &project.read(FILE).replace("2020-01-31", "2020-02-29"));
    project.write("data/traffic/2020-02-29.yml", &project.read(FILE).replace("2020-01-31", "2020-02-29"));
    let run = project.run(&["build"]).failure();
    assert!(run.stderr().contains("error: two figure files for the period 2020-02-29"), "{}", run.stderr());
    assert!(run.stdout().contains("built 0, skipped 1, failed 0"), "{}", run.stdout());
}

#[test]
fn source_date_epoch_is_a_time_or_an_error_and_never_goes_back() {
    let project = Fixture::named("traffic");
    let run = run_at(&project, "yesterday", &["publish", FILE]).failure();
    assert_eq!(
        run.stderr(),
        "error: SOURCE_DATE_EPOCH is `yesterday`, not a time\n \
         = help: it is the time of publication in seconds since 1970 (`SOURCE_DATE_EPOCH=1573869600`); \
         or unset it to publish at the time now\n\n"
    );
    assert!(!project.file(PERIOD).join("v1").exists());
    run_at(&project, "1580500000", &["publish", FILE]).success();
    project.edit(FILE, "cases: 1520", "cases: 1521");
    let run = run_at(&project, "1580400000", &["publish", FILE, "--reason", "案件數錄入有誤"]).failure();
    assert_eq!(
        run.stderr(),
        "error: the time of publication, 2020-01-30T16:00:00Z, is before v1's, 2020-01-31T19:46:40Z\n \
         = help: check the machine's clock, or `SOURCE_DATE_EPOCH` if it is set\n\n"
    );
    assert_eq!(names(&project.file(PERIOD)), [".lock", "v1"]);
}

#[test]
fn a_reason_is_a_sentence_not_a_document() {
    let project = Fixture::named("traffic");
    run_at(&project, "1580500000", &["publish", FILE]).success();
    project.edit(FILE, "cases: 1520", "cases: 1521");
    let long = "錄入有誤".repeat(51);
    let run = run_at(&project, "1580600000", &["publish", FILE, "--reason", &long]).failure();
    assert!(run.stderr().starts_with("error: the reason is longer than 200 characters\n"), "{}", run.stderr());
    run_at(&project, "1580600000", &["publish", FILE, "--reason", &"錄入有誤".repeat(50)]).success();
}

#[test]
fn a_control_character_in_a_recorded_reason_leaves_the_feed_readable() {
    let project = Fixture::named("traffic");
    run_at(&project, "1580500000", &["publish", FILE]).success();
    project.edit(FILE, "cases: 1520", "cases: 1521");
    run_at(&project, "1580600000", &["publish", FILE, "--reason", "案件數錄入有誤"]).success();
    // A record written before reasons were checked, or by hand.
    tamper(
        &project,
        &format!("{PERIOD}/v2/manifest.json"),
        "\"reason\": \"案件數錄入有誤\"",
        "\"reason\": \"案件數\\u0001錄入有誤\"",
    );
    project.run(&["site"]).success();
    let feed = std::fs::read(project.file("out/traffic/feed.xml")).expect("feed");
    let parsed = atom_syndication::Feed::read_from(&feed[..]).expect("feed.xml is well-formed Atom");
    let summary = parsed.entries()[0].summary().expect("summary").value.clone();
    assert!(summary.contains("案件數錄入有誤"), "{summary}");
}

#[test]
fn diff_compares_periods_of_one_series() {
    let project = Fixture::shipped();
    let other = "data/traffic/2020-01-31.yaml";
    common::copy_dir(
        &common::repo().join("tests/fixtures/traffic/templates/traffic"),
        &project.file("templates/traffic"),
    );
    project.write(
        other,
        &std::fs::read_to_string(common::repo().join("tests/fixtures/traffic").join(FILE)).expect("read"),
    );
    let run = project.run(&["diff", "data/shiyaohuan/2019-11-15.yaml", other]).failure();
    assert_eq!(
        run.stderr(),
        "error: `data/shiyaohuan/2019-11-15.yaml` and `data/traffic/2020-01-31.yaml` are of two series, `shiyaohuan` and `traffic`\n \
         = help: `diff` compares two figure files of one series (or a file with its published version)\n\n"
    );
}

#[test]
fn verify_names_what_does_not_belong_and_says_when_there_is_nothing() {
    let project = Fixture::named("traffic");
    assert_eq!(
        project.run(&["verify"]).success().stdout(),
        "nothing to verify: no period has been published (there is no archive/ folder)\n"
    );
    std::fs::create_dir(project.file("archive")).expect("mkdir");
    assert_eq!(
        project.run(&["verify"]).success().stdout(),
        "nothing to verify: no period has been published (archive/ is empty)\n"
    );
    run_at(&project, "1580500000", &["publish", FILE]).success();
    project.write("archive/notes.txt", "");
    project.write("archive/traffic/notes.txt", "");
    std::fs::set_permissions(project.file(PERIOD), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    std::fs::create_dir(project.file(&format!("{PERIOD}/v0"))).expect("mkdir");
    let stderr = project.run(&["verify"]).failure().stderr();
    for stray in ["archive/notes.txt", "archive/traffic/notes.txt", &format!("{PERIOD}/v0")] {
        assert!(stderr.contains(&format!("error: `{stray}` does not belong in the archive\n")), "{stderr}");
    }
    assert!(!stderr.contains("is missing"), "{stderr}");
}

#[test]
fn figure_file_errors_point_where_the_problem_is() {
    let project = Fixture::named("traffic");
    let max = u64::MAX.to_string();
    project.edit(FILE, "fines_yuan: 304000", &format!("fines_yuan: {max}"));
    project.edit(FILE, "fines_yuan: 170000", &format!("fines_yuan: {max}"));
    let stderr = project.run(&["check"]).failure().stderr();
    assert!(
        stderr.starts_with(&format!("error: the total of `fines_yuan` is too large to hold\n  --> {FILE}:9:17\n")),
        "{stderr}"
    );
    let project = Fixture::named("traffic");
    project.write(FILE, "as_of: 2020-01-31\nfigures:\n  speeding: {cases: 1520,\n    fines_yuan: 304000\n  drink_driving:\n    cases: 85\n");
    let stderr = project.run(&["check"]).failure().stderr();
    assert_eq!(
        stderr,
        format!(
            "error: invalid YAML: unclosed `{{`\n  --> {FILE}:3:13\n  |\n\
             3 |   speeding: {{cases: 1520,\n  |             ^ this `{{` is never closed\n\
             4 |     fines_yuan: 304000\n\
             5 |   drink_driving:\n  |                - expected `,` or `}}` before here\n\n"
        )
    );
}

#[test]
fn a_link_the_layout_makes_is_refused_too() {
    let project = Fixture::named("traffic");
    project.edit("templates/traffic/layout.typ", "  body\n}", "  link(\"javascript:alert(1)\")[x]\n  body\n}");
    let stderr = project.run(&["build"]).failure().stderr();
    assert!(
        stderr.starts_with(
            "error: a link to `javascript:alert(1)` is refused\n \
             = note: the link is made by the series' layout (`layout.typ`)\n"
        ),
        "{stderr}"
    );
    assert!(!project.file("out/traffic/2020-01-31.pdf").exists());
}

#[test]
fn control_characters_are_refused_in_files_and_never_reach_the_terminal() {
    // In a comment: invisible, and refused by other YAML readers.
    let project = Fixture::named("traffic");
    project.edit(FILE, "# 一月份", "# \u{3} 一月份");
    let stderr = project.run(&["check"]).failure().stderr();
    assert!(
        stderr.starts_with(&format!(
            "error: the file contains a control character (U+0003)\n  --> {FILE}:1:3\n  |\n1 | # ? 一月份\n  |   ^ here, invisible\n"
        )),
        "{stderr}"
    );
    // In a name: a terminal's escape is printed as its code, on both streams.
    let project = Fixture::named("traffic");
    for folder in ["data", "templates"] {
        let from = project.file(&format!("{folder}/traffic"));
        std::fs::rename(from, project.file(&format!("{folder}/\u{1b}[2Ktraffic"))).expect("rename");
    }
    let run = project.run(&["check"]).success();
    assert_eq!(run.stdout(), "ok data/\\u{1b}[2Ktraffic/2020-01-31.yaml\n");
    std::fs::rename(project.file("templates/\u{1b}[2Ktraffic"), project.file("templates/elsewhere")).expect("rename");
    let stderr = project.run(&["check"]).failure().stderr();
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(stderr.starts_with("error: the series `\\u{1b}[2Ktraffic` has no template folder\n"), "{stderr}");
}
