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
    run_at(&project, "1580600000", &["publish", FILE, "--reason", "案件數錄入有誤"])
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
