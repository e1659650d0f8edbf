//! Publishing, corrections and the archive: every issued version kept byte for byte,
//! every correction explained, every file re-hashable against its manifest.

mod common;

use std::path::Path;

use common::{Fixture, listing, pdf_text, poppler, squeeze};

const FILE: &str = "data/shiyaohuan/2019-11-15.yaml";
const V1: &str = "archive/shiyaohuan/2019-11-15/v1";
const V2: &str = "archive/shiyaohuan/2019-11-15/v2";

/// Runs `bulletin` with a fixed publication time (SOURCE_DATE_EPOCH).
fn run_at(project: &Fixture, epoch: &str, args: &[&str]) -> common::Run {
    common::Run::from(project.command(args).env("SOURCE_DATE_EPOCH", epoch).output().expect("run bulletin"))
}

/// Every file under a folder, with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().display().to_string(), std::fs::read(e.path()).expect("read")))
        .collect();
    files.sort();
    files
}

#[test]
fn a_correction_is_a_new_version_that_says_what_changed() {
    let project = Fixture::shipped();
    // 2019-11-16 10:00 in Beijing.
    let run = run_at(&project, "1573869600", &["publish", FILE, "--reason", "首次發布"]).success();
    let both = ["2019-11-15", "2019-11-15.zh-Hans"];
    assert_eq!(
        run.stdout(),
        format!(
            "{}wrote archive/shiyaohuan/2019-11-15/v1/manifest.json\n\
             published data/shiyaohuan/2019-11-15.yaml as v1; to upload:\n{}",
            listing("wrote archive/shiyaohuan/2019-11-15/v1/", &both, "\n"),
            listing("  out/shiyaohuan/", &both, "\n")
        )
    );
    let v1 = snapshot(&project.file(V1));

    // Publishing the same inputs again is a no-op that says so.
    let again = run_at(&project, "1573873200", &["publish", FILE]).success();
    assert_eq!(
        again.stdout(),
        format!(
            "data/shiyaohuan/2019-11-15.yaml is unchanged since v1; nothing published; to upload:\n{}",
            listing("  out/shiyaohuan/", &both, "\n")
        )
    );

    // The office corrects one figure.
    project.edit(FILE, "food:        {cases: 186,", "food:        {cases: 188,");
    let diff = project.run(&["diff", FILE]).success();
    assert_eq!(
        diff.stdout(),
        "figures:\n  totals.cases: 956 → 958  (全省破獲案件數: 956起 → 958起)\n  \
         food.cases: 186 → 188  (食品類破獲案件數: 186起 → 188起)\nsentences:\n\
         - 截止11月15日，全省共破獲食品、藥品、環境領域犯罪案件956起，抓獲犯罪嫌疑人1440人，刑事拘留993人，涉案金額16.7億元。\n\
         + 截止11月15日，全省共破獲食品、藥品、環境領域犯罪案件958起，抓獲犯罪嫌疑人1440人，刑事拘留993人，涉案金額16.7億元。\n\
         - 截止11月15日，共破食品類案件186起，抓獲犯罪嫌疑人306人，刑事拘留234人，涉案金額13.5億元。\n\
         + 截止11月15日，共破食品類案件188起，抓獲犯罪嫌疑人306人，刑事拘留234人，涉案金額13.5億元。\n"
    );
    let run = run_at(&project, "1573956000", &["publish", FILE, "--reason", "食品類案件數統計有誤"]).success();
    assert!(
        run.stdout().ends_with(&format!(
            "published data/shiyaohuan/2019-11-15.yaml as v2; to upload:\n{}",
            listing(
                "  out/shiyaohuan/",
                &["2019-11-15", "2019-11-15.zh-Hans", "2019-11-15-correction-v2", "2019-11-15-correction-v2.zh-Hans"],
                "\n"
            )
        )),
        "{}",
        run.stdout()
    );
    // out/ holds exactly the published version's files, and a build keeps them.
    for name in ["2019-11-15.md", "2019-11-15.pdf", "2019-11-15.docx", "2019-11-15-correction-v2.html"] {
        let published = std::fs::read(project.file(&format!("{V2}/{name}"))).expect("archived");
        assert!(std::fs::read(project.file(&format!("out/shiyaohuan/{name}"))).expect("out") == published, "{name}");
    }
    assert_eq!(project.run(&["build"]).success().build_stdout().1, "built 0, skipped 1, failed 0");
    assert!(project.read("out/shiyaohuan/2019-11-15.md").contains("更正說明"));

    // v1 is untouched, byte for byte.
    assert!(snapshot(&project.file(V1)) == v1, "v1 changed when v2 was published");

    // v2 carries the new figures in the headline and the food sentence …
    let md = project.read(&format!("{V2}/2019-11-15.md"));
    assert!(md.contains("全省共破獲食品、藥品、環境領域犯罪案件958起"));
    assert!(md.contains("共破食品類案件188起"));
    // … and opens with a correction note, in a block of its own, citing the release by
    // its date and title and listing exactly what a reader sees change: food cases
    // first, then the headline cases derived from them, then why.
    let note = "本廳2019年11月16日發布的《陝西省打擊食品、藥品、環境犯罪工作情況通報》因食品類案件數統計有誤，\
                食品類破獲案件數186起應為188起；全省破獲案件數956起應為958起。現予更正。";
    assert!(
        md.starts_with(&format!("# 陝西省打擊食品、藥品、環境犯罪工作情況通報\n\n> ## 更正說明\n>\n> {note}\n\n")),
        "{md}"
    );
    // On the web, an <aside> with its heading; in the PDF, a ruled block.
    let html = common::unkept(&project.read(&format!("{V2}/2019-11-15.html")));
    assert!(
        html.contains(&format!("<aside class=\"bulletin-note\">\n<h2>更正說明</h2>\n<p>{note}</p>\n</aside>")),
        "{html}"
    );
    assert!(html.contains(".bulletin-article .bulletin-note {\n  border: 1px solid var(--bulletin-rule);"));
    let pdf = project.file(&format!("{V2}/2019-11-15.pdf"));
    assert!(squeeze(&pdf_text(&pdf)).contains(&format!("更正說明{note}")));
    // The notice issued on its own: its own title, the note, the office and the day.
    assert_eq!(
        project.read(&format!("{V2}/2019-11-15-correction-v2.md")),
        format!(
            "# 關於《陝西省打擊食品、藥品、環境犯罪工作情況通報》的更正說明\n\n{note}\n\n陝西省公安廳\n\n2019年11月17日\n"
        )
    );
    let notice = squeeze(&pdf_text(&project.file(&format!("{V2}/2019-11-15-correction-v2.pdf"))));
    assert!(notice.ends_with("現予更正。陝西省公安廳2019年11月17日—1—"), "{notice}");

    // The Simplified edition carries the same correction, converted, in its
    // bulletin and as a notice of its own.
    let simplified = "本厅2019年11月16日发布的《陕西省打击食品、药品、环境犯罪工作情况通报》因食品类案件数统计有误，\
                      食品类破获案件数186起应为188起；全省破获案件数956起应为958起。现予更正。";
    let hans = project.read(&format!("{V2}/2019-11-15.zh-Hans.md"));
    assert!(
        hans.starts_with(&format!(
            "# 陕西省打击食品、药品、环境犯罪工作情况通报\n\n> ## 更正说明\n>\n> {simplified}\n\n"
        )),
        "{hans}"
    );
    assert!(hans.contains("全省共破获食品、药品、环境领域犯罪案件958起"), "{hans}");
    assert_eq!(
        project.read(&format!("{V2}/2019-11-15-correction-v2.zh-Hans.md")),
        format!(
            "# 关于《陕西省打击食品、药品、环境犯罪工作情况通报》的更正说明\n\n{simplified}\n\n陕西省公安厅\n\n2019年11月17日\n"
        )
    );
    let hans_pdf = project.file(&format!("{V2}/2019-11-15.zh-Hans.pdf"));
    assert!(squeeze(&pdf_text(&hans_pdf)).contains(&format!("更正说明{simplified}")));
    let hans_path = hans_pdf.to_str().expect("path");
    assert_eq!(poppler("pdfdetach", &["-list", hans_path]), "2 embedded files\n1: 2019-11-15.yaml\n2: manifest.json\n");

    // The PDF is PDF/A-3a and PDF/UA-1, says which version it is, and carries the exact
    // figure file.
    let path = pdf.to_str().expect("path");
    let xmp = poppler("pdfinfo", &["-meta", path]);
    assert!(xmp.contains("<pdfaid:part>3</pdfaid:part>") && xmp.contains("<pdfaid:conformance>A</pdfaid:conformance>"));
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xmp}");
    let info = poppler("pdfinfo", &[path]);
    // The public never sees a version number; the PDF carries the moment this version
    // was published (issue 21).
    assert!(!info.contains("Subject:") && !info.contains("Keywords:"), "{info}");
    assert!(info.contains("CreationDate:    Sun Nov 17 02:00:00 2019 UTC\n"), "{info}");
    let notice_info =
        poppler("pdfinfo", &[project.file(&format!("{V2}/2019-11-15-correction-v2.pdf")).to_str().expect("path")]);
    assert!(
        notice_info.contains("Title:           關於《陝西省打擊食品、藥品、環境犯罪工作情況通報》的更正說明\n"),
        "{notice_info}"
    );
    assert_eq!(poppler("pdfdetach", &["-list", path]), "2 embedded files\n1: 2019-11-15.yaml\n2: manifest.json\n");
    let dir = tempfile::tempdir().expect("temp");
    let attached = dir.path().join("figures.yaml");
    poppler("pdfdetach", &["-save", "1", "-o", attached.to_str().expect("path"), path]);
    assert_eq!(std::fs::read(&attached).expect("read"), std::fs::read(project.file(FILE)).expect("read"));
    let manifest = dir.path().join("manifest.json");
    poppler("pdfdetach", &["-save", "2", "-o", manifest.to_str().expect("path"), path]);
    let manifest = std::fs::read_to_string(manifest).expect("read");
    assert!(manifest.contains("\"reason\": \"食品類案件數統計有誤\""), "{manifest}");
    assert!(manifest.contains("\"figure\": \"food.cases\",\n      \"old\": 186,\n      \"new\": 188"), "{manifest}");

    // The history lists both versions in Beijing time.
    let history = project.run(&["history", FILE]).success();
    assert_eq!(
        history.stdout(),
        "v1  2019-11-16 10:00 (UTC+8)  首次發布\nv2  2019-11-17 10:00 (UTC+8)  食品類案件數統計有誤\n"
    );

    // The archive verifies, and each version rebuilds from its inputs to the same bytes.
    let verify = project.run(&["verify", "--rebuild"]).success();
    assert_eq!(verify.stdout(), format!("ok {V1}\nok {V2}\n"));

    // A build never writes into the archive.
    project.run(&["build"]).success();
    assert!(snapshot(&project.file(V1)) == v1);
}

#[test]
fn verify_fails_after_one_byte_of_the_archive_changes() {
    let project = Fixture::shipped();
    run_at(&project, "1573869600", &["publish", FILE]).success();
    project.run(&["verify"]).success();

    let pdf = project.file(&format!("{V1}/2019-11-15.pdf"));
    let mut permissions = std::fs::metadata(&pdf).expect("stat").permissions();
    assert!(permissions.readonly(), "published files are read-only");
    #[allow(clippy::permissions_set_readonly_false, reason = "the test plays someone tampering with the archive")]
    permissions.set_readonly(false);
    std::fs::set_permissions(&pdf, permissions).expect("chmod");
    let mut bytes = std::fs::read(&pdf).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    std::fs::write(&pdf, bytes).expect("write");

    let run = project.run(&["verify"]).failure();
    assert_eq!(run.stdout(), "");
    let stderr = run.stderr();
    assert!(
        stderr.starts_with("error: `archive/shiyaohuan/2019-11-15/v1/2019-11-15.pdf` does not match its manifest\n"),
        "{stderr}"
    );
    assert!(stderr.contains("the manifest records"), "{stderr}");
}

#[test]
fn history_of_an_unpublished_period() {
    let project = Fixture::shipped();
    assert_eq!(
        project.run(&["history", FILE]).success().stdout(),
        "data/shiyaohuan/2019-11-15.yaml has not been published\n"
    );
    // `diff` agrees with `history` (and `verify`): not published is no failure, said on
    // stdout, with a command that compares it with something else.
    assert_eq!(
        project.run(&["diff", FILE]).success().stdout(),
        "data/shiyaohuan/2019-11-15.yaml has not been published: there is no version to compare it with\n\
         to compare it with another figure file: bulletin diff data/shiyaohuan/2019-11-15.yaml OTHER\n"
    );
}

/// Lets a test change an archived file (versions are read-only), as a tamperer would.
fn unlock(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    for dir in path.ancestors().skip(1).take(2) {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    if path.is_file() {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    }
}

#[test]
fn the_archive_proves_its_own_history() {
    use std::os::unix::fs::PermissionsExt;
    let project = Fixture::named("traffic");
    let file = "data/traffic/2020-01-31.yaml";
    let period = "archive/traffic/2020-01-31";
    run_at(&project, "1580000000", &["publish", file]).success();
    for (n, (from, to)) in [("cases: 1520", "cases: 1521"), ("cases: 1521", "cases: 1522")].into_iter().enumerate() {
        project.edit(file, from, to);
        run_at(&project, &format!("158000{n}000"), &["publish", file, "--reason", "錄入錯誤"]).success();
    }
    // Every folder of a version is read-only, and each version records the SHA-256
    // of the manifest before it.
    for dir in ["v1", "v1/inputs", "v1/inputs/templates/traffic", "v3"] {
        let mode = std::fs::metadata(project.file(&format!("{period}/{dir}"))).expect("dir").permissions().mode();
        assert_eq!(mode & 0o222, 0, "{dir} is writable: {mode:o}");
    }
    let v1 = std::fs::read(project.file(&format!("{period}/v1/manifest.json"))).expect("v1");
    let v2: serde_json::Value = serde_json::from_str(&project.read(&format!("{period}/v2/manifest.json"))).expect("v2");
    let hash = format!("{:x}", <sha2::Sha256 as sha2::Digest>::digest(&v1));
    assert_eq!(v2["record"]["previous"]["manifest_sha256"], serde_json::Value::String(hash));

    let heads = |project: &Fixture| {
        let out = project.run(&["verify", "--print-head"]).stdout();
        out.lines().filter(|l| l.starts_with("head ")).map(str::to_string).collect::<Vec<_>>()
    };
    let head = heads(&project);
    assert_eq!(head.len(), 1, "{head:?}");
    assert!(head[0].starts_with(&format!("head {period} v3 ")), "{head:?}");

    // An earlier record edited, its files' hashes untouched: the chain breaks there.
    let manifest = project.file(&format!("{period}/v1/manifest.json"));
    unlock(&manifest);
    let original = std::fs::read_to_string(&manifest).expect("read");
    std::fs::write(&manifest, original.replace("\"reason\": null", "\"reason\": \"改過\"")).expect("tamper");
    let stderr = project.run(&["verify"]).failure().stderr();
    assert!(
        stderr.starts_with(&format!(
            "error: `{period}/v1/manifest.json` does not match what `{period}/v2` recorded of it\n"
        )),
        "{stderr}"
    );
    std::fs::write(&manifest, &original).expect("restore");

    // The latest record edited: nothing after it vouches for it, but its head moves.
    let latest = project.file(&format!("{period}/v3/manifest.json"));
    unlock(&latest);
    let original = std::fs::read_to_string(&latest).expect("read");
    std::fs::write(&latest, original.replace("錄入錯誤", "筆誤")).expect("tamper");
    assert_ne!(heads(&project), head, "a rewritten latest record changes the head");
    std::fs::write(&latest, &original).expect("restore");
    assert_eq!(heads(&project), head);

    // A version taken away, and a stray file.
    std::fs::rename(project.file(&format!("{period}/v2")), project.file("v2")).expect("mv");
    let stderr = project.run(&["verify"]).failure().stderr();
    assert!(stderr.starts_with(&format!("error: `{period}/v2` is missing\n")), "{stderr}");
    std::fs::rename(project.file("v2"), project.file(&format!("{period}/v2"))).expect("mv");
    project.write(&format!("{period}/NOTES.txt"), "x");
    let stderr = project.run(&["verify"]).failure().stderr();
    assert!(stderr.starts_with(&format!("error: `{period}/NOTES.txt` does not belong in the archive\n")), "{stderr}");
    std::fs::remove_file(project.file(&format!("{period}/NOTES.txt"))).expect("rm");
    project.run(&["verify", "--rebuild"]).success();
}

#[test]
fn a_correction_needs_a_one_line_reason() {
    let project = Fixture::named("traffic");
    let file = "data/traffic/2020-01-31.yaml";
    project.run(&["publish", file]).success();
    project.edit(file, "cases: 1520", "cases: 1521");
    for (args, message) in [
        (vec![], "error: a correction needs a reason: say what was wrong with `--reason`\n"),
        (vec!["--reason", " "], "error: the reason is empty\n"),
        (vec!["--reason", "第一行\n第二行"], "error: the reason is more than one line\n"),
        (vec!["--reason", "錄入\u{1b}[31m錯誤"], "error: the reason holds a control character\n"),
        (vec!["--reason", "錄入\u{2028}錯誤"], "error: the reason holds a control character\n"),
        (vec!["--reason", "錄入\u{202e}誤錯"], "error: the reason holds a control character\n"),
    ] {
        let stderr = project.run(&[&["publish", file][..], &args].concat()).failure().stderr();
        assert!(stderr.starts_with(message), "{args:?}: {stderr}");
    }
    assert!(!project.file("archive/traffic/2020-01-31/v2").exists());
    project.run(&["publish", file, "--reason", "超速案件數錄入有誤"]).success();
    // A reason edited into a record by hand is shown, not obeyed, by history.
    let manifest = project.file("archive/traffic/2020-01-31/v2/manifest.json");
    unlock(&manifest);
    let text = std::fs::read_to_string(&manifest).expect("read");
    std::fs::write(&manifest, text.replacen("超速案件數錄入有誤", "\\u001b[2J", 1)).expect("tamper");
    let history = project.run(&["history", file]).success().stdout();
    assert!(history.contains("\\u{1b}[2J") && !history.contains('\u{1b}'), "{history}");
}

#[test]
fn a_comment_or_a_note_beside_the_templates_publishes_nothing() {
    let project = Fixture::named("traffic");
    let file = "data/traffic/2020-01-31.yaml";
    project.run(&["publish", file]).success();
    // A comment and a reformatted line in the figure file; a note in the template
    // folder that no build reads.
    project.edit(file, "# 一月份", "# 一月份（已核對）");
    project.edit(file, "cases: 1520", "cases:   1520   # 核對過");
    project.write("templates/traffic/NOTES.txt", "草稿\n");
    project.edit("templates/traffic/style.css", ".bulletin-note {", ".bulletin-note {\n  color: inherit;");
    project.run(&["build"]).success();
    project.edit("templates/traffic/style.css", ".bulletin-note {\n  color: inherit;", ".bulletin-note {");
    let out = project.run(&["publish", file]).success().stdout();
    assert!(
        out.starts_with("data/traffic/2020-01-31.yaml is unchanged since v1; nothing published; to upload:\n"),
        "{out}"
    );
    // A build of the commented draft went into out/; the published files are back.
    let published = project.read("archive/traffic/2020-01-31/v1/2020-01-31.md");
    assert_eq!(project.read("out/traffic/2020-01-31.md"), published);
    // A figure is a change.
    project.edit(file, "cases:   1520", "cases:   1522");
    project.run(&["publish", file, "--reason", "超速案件數錄入有誤"]).success();
    assert!(project.file("archive/traffic/2020-01-31/v2").is_dir());
}

#[test]
fn a_correction_lists_what_a_reader_sees_change() {
    let project = Fixture::shipped();
    let file = FILE;
    run_at(&project, "1573869600", &["publish", file]).success();
    // One yuan more: 16.7億元 and 13.5億元 either way. Nothing a reader sees changed.
    project.edit(file, "amount_yuan: 1350000000,", "amount_yuan: 1350000001,");
    let out = run_at(&project, "1573956000", &["publish", file]).success().stdout();
    assert_eq!(
        out,
        "nothing a reader sees changed since v1; nothing published\n  \
         totals.amount_yuan: 1665884000 → 1665884001 (printed 16.7億元 either way)\n  \
         food.amount_yuan: 1350000000 → 1350000001 (printed 13.5億元 either way)\n"
    );
    assert!(!project.file(V2).exists());
    // Last year's online cases corrected: the year-on-year result changes with it.
    project.edit(file, "cases_prior_year: 106", "cases_prior_year: 104");
    run_at(&project, "1573956000", &["publish", file, "--reason", "去年同期數據有誤"]).success();
    let md = project.read(&format!("{V2}/2019-11-15.md"));
    let note = md.lines().nth(4).expect("note");
    assert!(
        note.ends_with("》因去年同期數據有誤，涉網去年同期破獲案件數106起應為104起；涉網破獲案件數同比上升19.8%應為上升22.1%。現予更正。"),
        "{note}"
    );
    // The manifest still records the exact values, the invisible yuan included.
    let manifest: serde_json::Value =
        serde_json::from_str(&project.read(&format!("{V2}/manifest.json"))).expect("json");
    let figures: Vec<&str> = manifest["record"]["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter_map(|c| c["figure"].as_str())
        .collect();
    assert_eq!(figures, ["totals.amount_yuan", "food.amount_yuan", "online.cases_prior_year"]);
    project.run(&["verify", "--rebuild"]).success();
}
