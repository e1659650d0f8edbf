//! A month of an office's work, step by step, with `out/` checked after each step file
//! by file against what should be uploaded: a draft, v1, two corrections, a template
//! edit for the next period, a new period in January, the site.

mod common;

use std::collections::BTreeMap;

use common::Fixture;

const FILE: &str = "data/shiyaohuan/2019-11-15.yaml";
const JANUARY: &str = "data/shiyaohuan/2020-01-31.yaml";

/// What `out/shiyaohuan/` should hold of the November period once versions `1..=latest`
/// are published: the latest version's files and every version's notice, each with
/// the bytes its version archived.
fn published(project: &Fixture, latest: u32) -> BTreeMap<String, Vec<u8>> {
    let mut expected = BTreeMap::new();
    for version in 1..=latest {
        let dir = project.file(&format!("archive/shiyaohuan/2019-11-15/v{version}"));
        for (name, bytes) in common::folder(&dir).into_iter().filter(|(name, _)| name != "manifest.json") {
            if version == latest || name.contains("-correction-") {
                expected.insert(name, bytes);
            }
        }
    }
    expected
}

/// The files of one period in `out/shiyaohuan/`.
fn period(project: &Fixture, stem: &str) -> BTreeMap<String, Vec<u8>> {
    common::folder(&project.file("out/shiyaohuan")).into_iter().filter(|(name, _)| name.starts_with(stem)).collect()
}

/// The names of the ten outputs of one bulletin (five formats, two editions), sorted.
fn outputs(stem: &str) -> Vec<String> {
    let mut names: Vec<String> =
        common::listing("", &[stem, &format!("{stem}.zh-Hans")], "\n").lines().map(str::to_string).collect();
    names.sort();
    names
}

#[track_caller]
fn publish(project: &Fixture, epoch: &str, args: &[&str]) {
    let mut command = project.command(&[&["publish", FILE][..], args].concat());
    let run: common::Run = command.env("SOURCE_DATE_EPOCH", epoch).output().expect("run").into();
    run.success();
}

#[test]
fn a_month_of_work_leaves_out_holding_what_to_upload() {
    let project = Fixture::shipped();
    // A draft: the ten outputs, each saying it is one.
    project.run(&["build"]).success();
    let draft = period(&project, "2019-11-15");
    assert_eq!(draft.keys().cloned().collect::<Vec<_>>(), outputs("2019-11-15"));
    assert!(project.read("out/shiyaohuan/2019-11-15.html").contains("草稿，尚未發布"));

    // v1: out/ holds exactly what was published.
    publish(&project, "1573869600", &[]);
    assert_eq!(period(&project, "2019-11-15"), published(&project, 1));
    // A build changes nothing of it.
    project.run(&["build"]).success();
    assert_eq!(period(&project, "2019-11-15"), published(&project, 1));

    // Two corrections: the corrected bulletin and both notices.
    project.edit(FILE, "food:        {cases: 186,", "food:        {cases: 188,");
    publish(&project, "1574042400", &["--reason", "食品類案件數錄入有誤"]);
    assert_eq!(period(&project, "2019-11-15"), published(&project, 2));
    project.edit(FILE, "amount_yuan: 65884000", "amount_yuan: 65984000");
    publish(&project, "1574215200", &["--reason", "藥品類涉案金額錄入有誤"]);
    let after_corrections = published(&project, 3);
    assert_eq!(after_corrections.len(), 30, "{:?}", after_corrections.keys());
    assert_eq!(period(&project, "2019-11-15"), after_corrections);

    // A template edit for the next period: out/ keeps November as published, the
    // draft of what the edit would change goes to drafts/.
    project.edit("templates/shiyaohuan/bulletin.md", "全力維護了民生領域安全穩定", "全力維護了民生領域的安全穩定");
    project.run(&["build"]).success();
    assert_eq!(period(&project, "2019-11-15"), after_corrections);
    let drafts = common::folder(&project.file("out/shiyaohuan/drafts"));
    assert_eq!(drafts.keys().cloned().collect::<Vec<_>>(), outputs("2019-11-15"));

    // A new period in January: last year's figures left to type (there is no file of
    // January 2019), the new figures typed, a draft built beside November's.
    project.run(&["new", "shiyaohuan", "2020-01-31"]).success();
    let started = project.read(JANUARY);
    project.write(
        JANUARY,
        &started
            .replace("cases_prior_year: }", "cases_prior_year: 8}")
            .replace("food:        {cases: 188,", "food:        {cases: 12,")
            .replace("online:      {cases: 127,", "online:      {cases: 9,"),
    );
    project.run(&["build"]).success();
    assert_eq!(period(&project, "2020-01-31").keys().cloned().collect::<Vec<_>>(), outputs("2020-01-31"));
    assert_eq!(period(&project, "2019-11-15"), after_corrections);

    // The site: every file it links to is in out/, as published.
    project.run(&["site"]).success();
    let page = project.read("out/shiyaohuan/index.html");
    for name in after_corrections.keys() {
        if !name.ends_with(".fragment.html") || page.contains(name.as_str()) {
            assert!(page.contains(&format!("href=\"{name}\"")), "{name} is linked: {page}");
        }
    }
    assert!(!page.contains("2020-01-31"), "a draft is not on the site");
}
