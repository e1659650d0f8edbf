//! Two processes at once: builds of one series take turns on its output folder, and
//! publishes of one period take turns on its archive, so nothing is torn or mixed.

mod common;

use std::ops::Not;
use std::process::{Child, Stdio};

use common::Fixture;

const FILE: &str = "data/traffic/2020-01-31.yaml";
const OUTPUTS: [&str; 3] = ["out/traffic/2020-01-31.md", "out/traffic/2020-01-31.html", "out/traffic/2020-01-31.pdf"];

fn spawn(project: &Fixture, args: &[&str]) -> Child {
    project.command(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn")
}

#[track_caller]
fn finish(child: Child) -> String {
    let output = child.wait_with_output().expect("wait");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn outputs(project: &Fixture) -> Vec<Vec<u8>> {
    OUTPUTS.iter().map(|path| std::fs::read(project.file(path)).expect("read output")).collect()
}

#[test]
fn two_builds_at_once_take_turns() {
    // The outputs of two versions of the figure file, made apart.
    let versions: Vec<Vec<Vec<u8>>> = ["cases: 1520", "cases: 1777"]
        .iter()
        .map(|cases| {
            let reference = Fixture::named("traffic");
            reference.edit(FILE, "cases: 1520", cases);
            reference.run(&["build"]).success();
            outputs(&reference)
        })
        .collect();
    let project = Fixture::named("traffic");
    // The first build holds still with its outputs made, before it renames them;
    // the file is saved as the other version and a second build starts.
    let go = project.file("go");
    let first = project
        .command(&["build"])
        .env("BULLETIN_FAULT", format!("commit#1=wait:{}", go.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    while !project.file("out/traffic").join(".lock").exists() || !has_temporaries(&project) {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    project.write("saving.yaml", &project.read(FILE).replace("cases: 1520", "cases: 1777"));
    std::fs::rename(project.file("saving.yaml"), project.file(FILE)).expect("save");
    let mut second = spawn(&project, &["build"]);
    // The second waits for the first, and says so.
    let mut stderr = std::io::BufReader::new(second.stderr.take().expect("stderr"));
    let mut line = String::new();
    std::io::BufRead::read_line(&mut stderr, &mut line).expect("read");
    assert_eq!(line, "note: waiting for another build of `out/traffic` (`out/traffic/.lock` is locked)\n");
    assert!(outputs_exist(&project).not(), "nothing was renamed while the first build held still");
    std::fs::write(&go, "").expect("go");
    finish(first);
    finish(second);
    // The second read the file after the first was done: the set is its version, whole.
    assert!(outputs(&project) == versions[1], "the outputs are torn or mixed");
    let stamps = project.read("out/traffic/.stamps");
    assert!(serde_json::from_str::<serde_json::Value>(&stamps).is_ok(), "stamps torn: {stamps}");
}

fn has_temporaries(project: &Fixture) -> bool {
    std::fs::read_dir(project.file("out/traffic"))
        .map(|entries| entries.filter_map(Result::ok).any(|e| e.file_name().to_string_lossy().ends_with(".tmp")))
        .unwrap_or(false)
}

fn outputs_exist(project: &Fixture) -> bool {
    OUTPUTS.iter().any(|path| project.file(path).exists())
}

#[test]
fn links_planted_in_out_are_never_followed() {
    let project = Fixture::named("traffic");
    project.write("victim.txt", "keep me\n");
    std::fs::create_dir_all(project.file("out/traffic")).expect("mkdir");
    let plant = |name: &str| {
        std::os::unix::fs::symlink(project.file("victim.txt"), project.file(&format!("out/traffic/{name}")))
            .expect("link");
    };
    // At the stamps file and at an output: replaced, never written through.
    plant(".stamps");
    plant("2020-01-31.md");
    project.run(&["build"]).success();
    assert_eq!(project.read("victim.txt"), "keep me\n");
    assert!(project.read("out/traffic/2020-01-31.md").contains("1520"));
    assert!(!std::fs::symlink_metadata(project.file("out/traffic/.stamps")).expect("stamps").is_symlink());
    // At the lock: refused.
    std::fs::remove_file(project.file("out/traffic/.lock")).expect("rm");
    plant(".lock");
    let stderr = project.run(&["build", "--force"]).failure().stderr();
    assert!(stderr.starts_with("error: could not lock `out/traffic/.lock`: "), "{stderr}");
    assert_eq!(project.read("victim.txt"), "keep me\n");
    // And `out/` itself as a link.
    std::fs::remove_dir_all(project.file("out")).expect("rm");
    std::fs::create_dir(project.file("elsewhere")).expect("mkdir");
    std::os::unix::fs::symlink(project.file("elsewhere"), project.file("out")).expect("link");
    let stderr = project.run(&["build"]).failure().stderr();
    assert!(stderr.starts_with("error: `out` is a symbolic link\n"), "{stderr}");
    assert_eq!(std::fs::read_dir(project.file("elsewhere")).expect("read").count(), 0);
}

#[test]
fn two_publishes_at_once_make_contiguous_whole_versions() {
    let project = Fixture::named("traffic");
    for round in 0..4 {
        if round > 0 {
            project.edit(FILE, &format!("cases: {}", 1519 + round), &format!("cases: {}", 1520 + round));
        }
        let reason = format!("更正{round}");
        let a = spawn(&project, &["publish", FILE, "--reason", &reason]);
        let b = spawn(&project, &["publish", FILE, "--reason", &reason]);
        let said = [finish(a), finish(b)].concat();
        let version = round + 1;
        assert_eq!(said.matches(&format!("as v{version}; to upload:\n")).count(), 1, "round {round}: {said}");
        assert_eq!(said.matches(&format!("unchanged since v{version}")).count(), 1, "round {round}: {said}");
    }
    let period = project.file("archive/traffic/2020-01-31");
    let mut names: Vec<String> = std::fs::read_dir(&period)
        .expect("read archive")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name != ".lock")
        .collect();
    names.sort();
    assert_eq!(names, ["v1", "v2", "v3", "v4"], "contiguous versions and no leftover temporaries");
    let verify = project.run(&["verify"]).success().stdout();
    assert_eq!(verify.lines().count(), 4, "{verify}");
}
