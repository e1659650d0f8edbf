//! Every input is read once, through one bounded reader, into a snapshot that all
//! outputs of a build or a publish come from: links, special files, ambiguous or
//! hidden content are refused with a clear message, and a file edited mid-way
//! cannot make the outputs disagree.

mod common;

use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use common::{Fixture, poppler};

const FILE: &str = "data/traffic/2020-01-31.yaml";

/// Runs `bulletin check` and returns its stderr, asserting that it failed.
#[track_caller]
fn check_fails(project: &Fixture) -> String {
    project.run(&["check"]).failure().stderr()
}

#[test]
fn a_file_rewritten_during_publish_cannot_split_a_version() {
    for round in 0..10 {
        let project = Fixture::named("traffic");
        let versions = [project.read(FILE), project.read(FILE).replace("cases: 1520", "cases: 1529")];
        // While the publish runs, the figure file is saved again and again, each save
        // whole (a new file renamed over the old, as editors save).
        let stop = AtomicBool::new(false);
        let output = std::thread::scope(|scope| {
            scope.spawn(|| {
                for i in 0.. {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    project.write("saving.yaml", &versions[i % 2]);
                    std::fs::rename(project.file("saving.yaml"), project.file(FILE)).expect("save");
                }
            });
            let output = project.command(&["publish", FILE]).output().expect("run");
            stop.store(true, Ordering::Relaxed);
            output
        });
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        // Text, archived copy and attachment all come from one reading of the file.
        let v1 = "archive/traffic/2020-01-31/v1";
        let archived = project.read(&format!("{v1}/inputs/{FILE}"));
        let cases = if archived == versions[0] { "1520" } else { "1529" };
        assert!(versions.contains(&archived), "round {round}: the archived copy is neither version");
        assert!(project.read(&format!("{v1}/2020-01-31.md")).contains(&format!("超速{cases}起")), "round {round}");
        let pdf = project.file(&format!("{v1}/2020-01-31.pdf"));
        let out = tempfile::tempdir().expect("temp dir");
        let save = format!("{}/", out.path().display());
        poppler("pdfdetach", &["-saveall", "-o", &save, pdf.to_str().expect("path")]);
        let attached = std::fs::read_to_string(out.path().join("2020-01-31.yaml")).expect("attachment");
        assert_eq!(attached, archived, "round {round}");
        // … and the version rebuilds from its archived inputs to the same bytes.
        project.run(&["verify", "--rebuild"]).success();
    }
}

#[test]
fn links_in_templates_are_refused() {
    let project = Fixture::named("traffic");
    project.run(&["build"]).success();
    let before = project.read("out/traffic/2020-01-31.md");
    // A layout that would put /etc/passwd into the PDF through a link.
    std::os::unix::fs::symlink("/etc/passwd", project.file("templates/traffic/passwd")).expect("link");
    project.edit("templates/traffic/layout.typ", "  body\n}", "  body\n  read(\"passwd\")\n}");
    let stderr = project.run(&["build"]).failure().stderr();
    assert!(
        stderr.starts_with("error: `templates/traffic/passwd` is a symbolic link, not a template file\n"),
        "{stderr}"
    );
    assert!(!stderr.contains("root:"), "{stderr}");
    assert_eq!(project.read("out/traffic/2020-01-31.md"), before, "the earlier outputs stay");
    // A linked folder, and a series folder that is a link, likewise.
    std::fs::remove_file(project.file("templates/traffic/passwd")).expect("rm");
    std::os::unix::fs::symlink("/etc", project.file("templates/traffic/etc")).expect("link");
    let stderr = check_fails(&project);
    assert!(stderr.starts_with("error: `templates/traffic/etc` is a symbolic link, not a template file\n"), "{stderr}");
    std::fs::remove_file(project.file("templates/traffic/etc")).expect("rm");
    std::fs::rename(project.file("templates/traffic"), project.file("elsewhere")).expect("mv");
    std::os::unix::fs::symlink(project.file("elsewhere"), project.file("templates/traffic")).expect("link");
    let stderr = check_fails(&project);
    assert!(stderr.starts_with("error: `templates/traffic` is not a folder\n"), "{stderr}");
}

#[test]
fn templates_saved_with_a_byte_order_mark_build_as_without_one() {
    // An editor on Windows may save UTF-8 with a byte order mark (U+FEFF) at the
    // start. Templates are refused an invisible character (it would reach the text
    // unseen), but this one is the editor's, not the office's: it is left out, as it is
    // from figure files, and the bulletin is the same.
    let project = Fixture::named("traffic");
    project.run(&["build"]).success();
    let before = project.read("out/traffic/2020-01-31.md");
    for file in ["templates/traffic/bulletin.md", "templates/traffic/series.yaml"] {
        project.write(file, &format!("\u{feff}{}", project.read(file)));
    }
    project.run(&["build", "--force"]).success();
    assert_eq!(project.read("out/traffic/2020-01-31.md"), before);
    // Anywhere else it is refused where it is.
    project.edit("templates/traffic/bulletin.md", "全市", "全\u{feff}市");
    let stderr = check_fails(&project);
    assert!(
        stderr.starts_with("error: templates/traffic/bulletin.md holds the invisible character U+FEFF\n"),
        "{stderr}"
    );
}

#[test]
fn links_and_special_files_in_data_are_refused() {
    let project = Fixture::named("traffic");
    std::fs::rename(project.file(FILE), project.file("real.yaml")).expect("mv");
    std::os::unix::fs::symlink(project.file("real.yaml"), project.file(FILE)).expect("link");
    let stderr = check_fails(&project);
    assert!(stderr.starts_with("error: `data/traffic/2020-01-31.yaml` is a symbolic link\n"), "{stderr}");
    let stderr = project.run(&["build", FILE]).failure().stderr();
    assert!(
        stderr.starts_with("error: `data/traffic/2020-01-31.yaml` is a symbolic link, not a figure file\n"),
        "{stderr}"
    );

    // A FIFO would hang a reader that waits for a writer; it is refused at once.
    std::fs::remove_file(project.file(FILE)).expect("rm");
    let status = std::process::Command::new("mkfifo").arg(project.file(FILE)).status().expect("mkfifo");
    assert!(status.success());
    // A reader that waited would hang: give it ten seconds, then stop it.
    let mut child = project.command(&["check"]).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("spawn");
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().expect("wait").is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "check hung on the FIFO or did not fail: {stderr}");
    assert!(stderr.starts_with("error: `data/traffic/2020-01-31.yaml` is a FIFO, not a figure file\n"), "{stderr}");
}

#[test]
fn a_period_has_one_figure_file() {
    let project = Fixture::named("traffic");
    project.write("data/traffic/2020-01-31.yml", &project.read(FILE));
    let stderr = check_fails(&project);
    assert_eq!(
        stderr,
        "error: two figure files for the period 2020-01-31: `data/traffic/2020-01-31.yaml` and `data/traffic/2020-01-31.yml`\n \
         = help: keep one of them; a period has one figure file\n\n"
    );
    // Named on the command line, either one is refused the same way.
    let stderr = project.run(&["build", "data/traffic/2020-01-31.yml"]).failure().stderr();
    assert!(stderr.starts_with("error: two figure files for the period 2020-01-31"), "{stderr}");
}

#[test]
fn nothing_in_a_figure_file_is_hidden_from_validation() {
    let project = Fixture::named("traffic");
    project.write(FILE, "as_of: 2020-01-31\nfigures:\n  speeding:\n    cases: 15\u{0}20\n");
    let stderr = check_fails(&project);
    assert!(
        stderr.starts_with("error: the file contains a NUL character\n  --> data/traffic/2020-01-31.yaml:4:14\n"),
        "{stderr}"
    );
}

#[test]
fn a_second_yaml_document_is_refused() {
    let project = Fixture::named("traffic");
    let original = project.read(FILE);
    for (separator, line) in [("---\n", 11), ("...\n", 12)] {
        project.write(FILE, &format!("{original}{separator}figures:\n  speeding: {{cases: -1}}\n"));
        let stderr = check_fails(&project);
        assert!(stderr.starts_with("error: the file holds a second YAML document\n"), "{separator:?}: {stderr}");
        assert!(stderr.contains(&format!("--> data/traffic/2020-01-31.yaml:{line}:1\n")), "{separator:?}: {stderr}");
    }
}

#[test]
fn thousands_of_problems_are_reported_fifty_at_a_time() {
    let project = Fixture::named("traffic");
    let mut text =
        String::from("as_of: 2020-01-31\nfigures:\n  drink_driving: {cases: 1}\n  speeding:\n    cases: 1\n");
    for i in 0..4000 {
        text.push_str(&format!("    unknown_{i}: 1\n"));
    }
    project.write(FILE, &text);
    let start = Instant::now();
    let stderr = check_fails(&project);
    assert!(start.elapsed() < Duration::from_secs(5), "took {:?}", start.elapsed());
    assert_eq!(stderr.matches("error: unknown field").count(), 50, "{stderr}");
    assert!(stderr.ends_with("error: 3950 more problems in `data/traffic/2020-01-31.yaml` not shown\n\n"), "{stderr}");
    assert!(stderr.len() < 50_000, "{} bytes of diagnostics", stderr.len());
}

#[test]
fn a_panic_fails_its_own_file_only() {
    let project = Fixture::named("traffic");
    project.write("data/traffic/2020-02-29.yaml", &project.read(FILE).replace("2020-01-31", "2020-02-29"));
    let output =
        project.command(&["build", "--jobs", "1"]).env("BULLETIN_FAULT", "compile#1=panic").output().expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with(
            "error: internal error while building `data/traffic/2020-01-31.yaml`: injected panic at compile #1 at src/io/fault.rs:"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("= help: this is a bug in bulletin, please report it"), "{stderr}");
    assert!(!stderr.contains("panicked"), "the panic is reported once, as an error: {stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("wrote out/traffic/2020-02-29.pdf\n"), "{stdout}");
    assert!(stdout.contains("built 1, skipped 0, failed 1"), "{stdout}");
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let project = Fixture::named("traffic");
    let mut child = project.command(&["build"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    drop(child.stdout.take()); // `bulletin build | head -0`
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stderr, "");
    assert!(project.file("out/traffic/2020-01-31.pdf").is_file(), "the work was done");
}

#[test]
fn names_with_quotes_reach_typst_escaped() {
    // A series folder with a `"` in its name.
    let project = Fixture::named("traffic");
    std::fs::rename(project.file("templates/traffic"), project.file("templates/tr\"affic")).expect("mv");
    std::fs::rename(project.file("data/traffic"), project.file("data/tr\"affic")).expect("mv");
    project.run(&["build"]).success();
    assert!(project.file("out/tr\"affic/2020-01-31.pdf").is_file());

    // A font role whose name has a `"`.
    let project = Fixture::shipped();
    project.edit(
        "templates/shiyaohuan/series.yaml",
        "\nfont_fallback:",
        "\n  'x\"y': [Noto Serif CJK TC]\nfont_fallback:",
    );
    project.run(&["build"]).success();
}

#[test]
fn a_layout_may_import_shared_files_which_are_tracked_and_archived() {
    let project = Fixture::named("traffic");
    project.write("templates/_shared/rule.typ", "#let rule = line(length: 100%)\n");
    project.edit(
        "templates/traffic/layout.typ",
        "// A plain A4",
        "#import \"/templates/_shared/rule.typ\": rule\n// A plain A4",
    );
    project.edit("templates/traffic/layout.typ", "  body\n}", "  body\n  rule\n}");
    let counts = |project: &Fixture| project.run(&["build"]).success().build_stdout().1;
    assert_eq!(counts(&project), "built 1, skipped 0, failed 0");
    assert_eq!(counts(&project), "built 0, skipped 1, failed 0");
    // The shared file is an input of the build …
    project.edit("templates/_shared/rule.typ", "100%", "50%");
    assert_eq!(counts(&project), "built 1, skipped 0, failed 0");
    // … and a shared file no build reads is not.
    project.write("templates/_shared/NOTES.txt", "notes\n");
    assert_eq!(counts(&project), "built 0, skipped 1, failed 0");
    // A published version carries it, and rebuilds from its archive alone.
    project.run(&["publish", FILE]).success();
    let copy = project.read("archive/traffic/2020-01-31/v1/inputs/templates/_shared/rule.typ");
    assert_eq!(copy, "#let rule = line(length: 50%)\n");
    std::fs::remove_dir_all(project.file("templates/_shared")).expect("rm");
    project.run(&["verify", "--rebuild"]).success();
}

#[test]
fn links_in_the_archive_are_refused() {
    let project = Fixture::named("traffic");
    std::fs::create_dir(project.file("elsewhere")).expect("mkdir");
    std::os::unix::fs::symlink(project.file("elsewhere"), project.file("archive")).expect("link");
    let stderr = project.run(&["publish", FILE]).failure().stderr();
    assert!(stderr.starts_with("error: `archive` is a symbolic link\n"), "{stderr}");
    assert_eq!(std::fs::read_dir(project.file("elsewhere")).expect("read").count(), 0, "nothing written through it");
    let stderr = project.run(&["history", FILE]).failure().stderr();
    assert!(stderr.starts_with("error: `archive` is a symbolic link\n"), "{stderr}");
    let stderr = project.run(&["verify"]).failure().stderr();
    assert!(stderr.starts_with("error: `archive` is a symbolic link\n"), "{stderr}");

    // A version folder replaced by a link, or copied under another number.
    std::fs::remove_file(project.file("archive")).expect("rm");
    project.run(&["publish", FILE]).success();
    let period = project.file("archive/traffic/2020-01-31");
    let status = std::process::Command::new("cp").arg("-a").arg(period.join("v1")).arg(period.join("v9")).status();
    assert!(status.expect("cp").success());
    let stderr = project.run(&["verify"]).failure().stderr();
    assert!(stderr.starts_with("error: `archive/traffic/2020-01-31/v2` is missing\n"), "{stderr}");
    assert!(
        stderr
            .contains("error: `archive/traffic/2020-01-31/v9` holds the manifest of `archive/traffic/2020-01-31/v1`\n"),
        "{stderr}"
    );
    std::fs::remove_dir_all(period.join("v9")).expect("rm");
    std::fs::rename(period.join("v1"), project.file("v1")).expect("mv");
    std::os::unix::fs::symlink(project.file("v1"), period.join("v1")).expect("link");
    let stderr = project.run(&["verify"]).failure().stderr();
    assert!(stderr.starts_with("error: `archive/traffic/2020-01-31/v1` is a symbolic link\n"), "{stderr}");
    let stderr = project.run(&["publish", FILE]).failure().stderr();
    assert!(stderr.starts_with("error: `archive/traffic/2020-01-31/v1` is not a folder\n"), "{stderr}");
}

#[test]
fn a_killed_publish_leaves_no_version_and_the_next_one_cleans_up() {
    let project = Fixture::named("traffic");
    let period = project.file("archive/traffic/2020-01-31");
    for step in 1.. {
        let fault = format!("commit#{step}=abort");
        let output = project.command(&["publish", FILE]).env("BULLETIN_FAULT", &fault).output().expect("run");
        let versions: Vec<String> = std::fs::read_dir(&period)
            .map(|entries| entries.map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        if output.status.success() {
            break;
        }
        // Killed before the rename: no version; after it: a whole one.
        if versions.iter().any(|name| name == "v1") {
            project.run(&["verify", "--rebuild"]).success();
        }
        assert!(step < 20, "publish never got past its commit steps");
    }
    project.run(&["verify", "--rebuild"]).success();
    let left: Vec<String> = std::fs::read_dir(&period)
        .expect("read")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "a killed publish's folder is cleared by the next one: {left:?}");
}
