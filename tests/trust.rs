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

/// Edits an archived file as an intruder would: makes it and its folder writable
/// first (the archive's files and folders are read-only).
fn tamper(project: &Fixture, relative: &str, from: &str, to: &str) {
    let path = project.file(relative);
    for dir in path.ancestors().skip(1).take_while(|dir| dir.starts_with(project.file(PERIOD))) {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    project.edit(relative, from, to);
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
