//! Two processes at once: builds of one series take turns on its output folder, and
//! publishes of one period take turns on its archive, so nothing is torn or mixed.

mod common;

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
    for round in 0..5 {
        // The first build starts on one version; the file is saved as the other and
        // a second build starts at once.
        let (first, second) = if round % 2 == 0 { (0, 1) } else { (1, 0) };
        let cases = ["cases: 1520", "cases: 1777"];
        project.write(FILE, &project.read(FILE).replace(cases[second], cases[first]));
        let a = spawn(&project, &["build", "--force"]);
        project.write(FILE, &project.read(FILE).replace(cases[first], cases[second]));
        let b = spawn(&project, &["build", "--force"]);
        finish(a);
        finish(b);
        // Whichever took the lock last read the file last: the set is that version's, whole.
        assert!(outputs(&project) == versions[second], "round {round}: the outputs are torn or mixed");
        let stamps = project.read("out/traffic/.stamps");
        assert!(serde_json::from_str::<serde_json::Value>(&stamps).is_ok(), "round {round}: stamps torn: {stamps}");
    }
}

#[test]
fn a_planted_link_at_a_temporary_name_is_never_followed() {
    let project = Fixture::named("traffic");
    project.write("victim.txt", "keep me\n");
    std::fs::create_dir_all(project.file("out/traffic")).expect("mkdir");
    for name in [".2020-01-31.md.tmp", ".stamps.tmp", ".lock.tmp"] {
        std::os::unix::fs::symlink(project.file("victim.txt"), project.file(&format!("out/traffic/{name}")))
            .expect("link");
    }
    project.run(&["build"]).success();
    assert_eq!(project.read("victim.txt"), "keep me\n");
    assert!(project.read("out/traffic/2020-01-31.md").contains("1520"));
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
        assert_eq!(said.matches(&format!("as v{version}\n")).count(), 1, "round {round}: {said}");
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
