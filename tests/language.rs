//! The tool speaks the office's language: a month of work on the reference series
//! (build, a typo in a figure file, a broken rule, `new`, `publish`, a correction,
//! `verify`, `site`, `fonts`, `serve` and its pages, `--help`) run through the real
//! binary under `LANG=zh_CN.UTF-8`, `zh_TW.UTF-8` and `C`: in Chinese no English
//! sentence is printed, in every language the diagnostics keep their keys and places.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

use common::Fixture;

const FILE: &str = "data/shiyaohuan/2019-11-15.yaml";

/// The reference series' schema and template.
const SCHEMA: &str = "templates/shiyaohuan/series.yaml";
const TEMPLATE: &str = "templates/shiyaohuan/bulletin.md";
const LAYOUT: &str = "templates/shiyaohuan/layout.typ";

/// Every command of the tool, as typed after `bulletin`.
const COMMANDS: [&str; 12] =
    ["build", "check", "publish", "verify", "diff", "history", "fonts", "serve", "new", "series", "series new", "site"];

/// A run of `bulletin` under a locale, as an office's terminal would set it: no
/// `BULLETIN_LANG`, only `LANG`.
fn command(project: &Fixture, locale: &str, args: &[&str]) -> Command {
    let mut command = project.command(args);
    command.env_remove("BULLETIN_LANG").env_remove("LC_ALL").env_remove("LC_MESSAGES").env("LANG", locale);
    command
}

/// Runs a command; its stdout and stderr together, and whether it succeeded.
#[track_caller]
fn run(project: &Fixture, locale: &str, args: &[&str]) -> (String, bool) {
    let output = command(project, locale, args).env("SOURCE_DATE_EPOCH", "1573869600").output().expect("run");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (text, output.status.success())
}

/// The English in a text: runs of two or more words of ASCII letters (at least one of
/// them lowercase: a font's name, `Noto Serif CJK SC`, is no sentence), and a heading
/// before a colon (`[default: 10]`, `Usage:`) but a diagnostic's `error:`, `warning:`,
/// `note:` and `help:`. Left out: what backticks quote, paths, the lines of a file a
/// diagnostic shows, and the words of a command line (`bulletin build`).
fn english(text: &str) -> Vec<String> {
    let mut found = vec![];
    for line in text.lines() {
        let trimmed = line.trim_start();
        let excerpt = trimmed.split_once(" |").is_some_and(|(number, _)| number.bytes().all(|b| b.is_ascii_digit()));
        if excerpt || trimmed.starts_with('|') {
            continue;
        }
        // What a backtick quotes is a name, a path or a command to type.
        let mut plain = String::new();
        for (i, part) in line.split('`').enumerate() {
            if i % 2 == 0 {
                plain.push_str(part);
            }
            plain.push(' ');
        }
        let mut run: Vec<&str> = vec![];
        let flush = |run: &mut Vec<&str>, found: &mut Vec<String>| {
            if run.len() >= 2 && run.iter().any(|w| w.len() > 1 && w.chars().all(|c| c.is_ascii_lowercase())) {
                found.push(run.join(" "));
            }
            run.clear();
        };
        for token in plain.split(|c: char| c.is_whitespace() || !c.is_ascii()) {
            let word = token.trim_matches(|c: char| ",;:()[]!?\"'".contains(c));
            let is_word = !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic());
            // `Usage:`, `[default: 10]`; a series' name before a colon is no English.
            let heading = token.starts_with('[') || word.starts_with(|c: char| c.is_ascii_uppercase());
            if is_word && heading && token.ends_with(':') && !DIAGNOSTIC.contains(&word) {
                found.push(format!("{word}:"));
            }
            let name = COMMAND_WORDS.contains(&word) || DIAGNOSTIC.contains(&word);
            if is_word && !token.contains(['/', '.', '<']) && !name {
                run.push(word);
            } else {
                flush(&mut run, &mut found);
            }
        }
        flush(&mut run, &mut found);
    }
    found
}

/// The words of a diagnostic's shape, the same in every language.
const DIAGNOSTIC: [&str; 4] = ["error", "warning", "note", "help"];

/// The words typed on a command line: the tool's name, its commands.
const COMMAND_WORDS: [&str; 15] = [
    "bulletin", "build", "check", "publish", "verify", "diff", "history", "fonts", "serve", "new", "series", "site",
    "OPTIONS", "COMMAND", "FILES",
];

/// The page of the preview at `path`, asked for as a browser would, without its
/// script and stylesheet (code, not words for the reader).
fn fetch(address: &str, path: &str) -> String {
    let response = String::from_utf8(fetch_bytes(address, path)).expect("a page");
    let body = response.as_str();
    let mut page = String::new();
    let mut rest = body;
    while let Some(start) = rest.find("<s") {
        let tag = if rest[start..].starts_with("<script") { "</script>" } else { "</style>" };
        if !rest[start..].starts_with("<script") && !rest[start..].starts_with("<style") {
            page.push_str(&rest[..start + 2]);
            rest = &rest[start + 2..];
            continue;
        }
        page.push_str(&rest[..start]);
        rest = rest[start..].find(tag).map_or("", |end| &rest[start + end + tag.len()..]);
    }
    page.push_str(rest);
    page
}

/// The bytes of an output of the preview at `path`.
fn fetch_bytes(address: &str, path: &str) -> Vec<u8> {
    let response = fetch_raw(address, path);
    let start = response.windows(4).position(|w| w == b"\r\n\r\n").map_or(0, |at| at + 4);
    response[start..].to_vec()
}

/// The whole response to a request for `path`, its status line first.
fn fetch_raw(address: &str, path: &str) -> Vec<u8> {
    let mut stream = std::net::TcpStream::connect(address).expect("connect");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n").expect("request");
    let mut response = vec![];
    stream.read_to_end(&mut response).expect("response");
    response
}

/// The text of a PDF's bytes, as poppler reads it.
fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("preview.pdf");
    std::fs::write(&path, bytes).expect("write");
    common::pdf_text(&path)
}

/// A running preview of the reference period under a locale, and its address.
struct Preview(std::process::Child, String);

impl Preview {
    fn start(project: &Fixture, locale: &str) -> (Self, String) {
        let mut child = command(project, locale, &["serve", FILE, "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("line");
        let address = line.split("http://").nth(1).and_then(|rest| rest.split('/').next()).unwrap_or_default();
        (Self(child, address.to_string()), line)
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_preview_shows_the_editors_edition_and_switches() {
    let project = Fixture::shipped();
    for (locale, shown, other, words, other_words) in
        [("zh_CN.UTF-8", "zh-Hans", "zh-Hant", "打击", "打擊"), ("zh_TW.UTF-8", "zh-Hant", "zh-Hans", "打擊", "打击")]
    {
        let (preview, _) = Preview::start(&project, locale);
        let address = &preview.1;
        let viewer = fetch(address, "/view/shiyaohuan/2019-11-15");
        assert!(viewer.contains(&format!("<strong lang=\"{shown}\">")), "{locale}: {viewer}");
        assert!(viewer.contains(&format!("href=\"/edition/{other}/shiyaohuan/2019-11-15\"")), "{viewer}");
        let page = fetch(address, "/html/shiyaohuan/2019-11-15");
        assert!(page.contains(&format!("<html lang=\"{shown}\"")), "{locale}: the web page's edition");
        let pdf = pdf_text(&fetch_bytes(address, "/pdf/shiyaohuan/2019-11-15"));
        assert!(pdf.contains(words) && !pdf.contains(other_words), "{locale}: the PDF's edition: {pdf}");
        // The switch: the other edition, its page and its PDF.
        let switched = fetch(address, &format!("/edition/{other}/shiyaohuan/2019-11-15"));
        assert!(switched.contains(&format!("<strong lang=\"{other}\">")), "{switched}");
        assert!(fetch(address, "/html/shiyaohuan/2019-11-15").contains(&format!("<html lang=\"{other}\"")));
        let pdf = pdf_text(&fetch_bytes(address, "/pdf/shiyaohuan/2019-11-15"));
        assert!(pdf.contains(other_words), "{locale}: switched PDF: {pdf}");
        // A tag the series does not issue is no page.
        assert!(fetch_raw(address, "/edition/en/shiyaohuan/2019-11-15").starts_with(b"HTTP/1.1 404"));
    }
}

/// What `serve` prints, and its two pages, while it runs.
fn preview(project: &Fixture, locale: &str) -> String {
    let (preview, line) = Preview::start(project, locale);
    let index = fetch(&preview.1, "/");
    let viewer = fetch(&preview.1, "/view/shiyaohuan/2019-11-15");
    let missing = fetch_raw(&preview.1, "/view/shiyaohuan/2019-12-15");
    assert!(missing.starts_with(b"HTTP/1.1 404"), "{}", String::from_utf8_lossy(&missing));
    let missing = fetch(&preview.1, "/view/shiyaohuan/2019-12-15");
    format!("{line}{index}{viewer}{missing}")
}

/// The whole month under one locale: everything the tool printed or showed.
fn month(locale: &str) -> String {
    let project = Fixture::shipped();
    let mut said = String::new();
    let mut step = |args: &[&str], ok: bool| {
        let (text, success) = run(&project, locale, args);
        assert_eq!(success, ok, "{locale} {args:?}:\n{text}");
        said.push_str(&text);
    };
    step(&["build"], true);
    step(&["check"], true);
    // The help of every command, and a command line mistyped.
    step(&["--help"], true);
    for command in COMMANDS {
        let mut args: Vec<&str> = command.split(' ').collect();
        args.push("--help");
        step(&args, true);
    }
    for mistyped in [
        &["biuld"][..],
        &["build", "--forse"],
        &["build", "--format", "xx"],
        &["build", "-j", "0"],
        &["new"],
        &["--lang", "xx", "check"],
        &["history", FILE, "extra"],
    ] {
        step(mistyped, false);
    }
    let good = project.read(FILE);
    // The common mistakes of YAML, one at a time.
    each_checked(
        &project,
        FILE,
        &mut step,
        &[
            ("\n  drug:", "\n   drug:"),
            ("\n  drug:", "\n\tdrug:"),
            ("as_of: 2019-11-15", "as_of: \"2019-11-15"),
            ("{cases: 87,", "{cases: \"87,"),
            ("\nfigures:", "\nfigures"),
            ("{cases: 74,", "{cases 74,"),
            ("{cases: 11}", "{cases: 11, cases: 12}"),
            ("{cases: 11}", "{cases: 十一}"),
            ("{cases: 11}", "{cases: 11, casez: 3}"),
            ("{cases: 11}", "{cases: [11]}"),
            ("{cases: 11}", "{cases: \"a\\qb\"}"),
        ],
    );
    // Typos: full-width digits, a figure in 億, a misspelt field, a bad date.
    project.write(
        FILE,
        &good
            .replace("cases: 186,", "cases: １８６,")
            .replace("amount_yuan: 1350000000", "amount_yuan: 13.5億")
            .replace("suspects: 135", "suspect: 135")
            .replace("as_of: 2019-11-15", "as_of: 2019-11-31"),
    );
    step(&["check"], false);
    // A YAML typo.
    project.write(FILE, &good.replace("drug:        {cases: 74,", "drug:        {cases: 74"));
    step(&["build"], false);
    // The fonts need only the series, whatever a figure file holds.
    step(&["fonts"], true);
    // A broken rule.
    project.write(FILE, &good.replace("detained: 234", "detained: 400"));
    step(&["build"], false);
    project.write(FILE, &good);
    step(&["publish", FILE], true);
    // A correction: first without a reason, then with one.
    project.edit(FILE, "food:        {cases: 186,", "food:        {cases: 188,");
    step(&["build"], true);
    step(&["publish", FILE], false);
    step(&["publish", FILE, "--reason", "食品類案件數錄入有誤"], true);
    step(&["history", FILE], true);
    step(&["diff", FILE], true);
    step(&["new", "shiyaohuan", "2020-01-31"], true);
    step(&["verify"], true);
    step(&["site"], true);
    series_mistakes(&project, &mut step);
    said.push_str(&preview(&project, locale));
    said
}

/// `check` after each edit of `file` (the first occurrence of `from` written `to`),
/// one at a time, each refused; the file as it was afterwards.
fn each_checked(project: &Fixture, file: &str, step: &mut impl FnMut(&[&str], bool), edits: &[(&str, &str)]) {
    let text = project.read(file);
    for (from, to) in edits {
        project.write(file, &text.replacen(from, to, 1));
        step(&["check", FILE], false);
    }
    project.write(file, &text);
}

/// The mistakes of whoever writes a series: in series.yaml (a kind, a key, a type,
/// a language, a value of a list of names), in the template (its syntax, a variable
/// or field not there, a filter unknown or given the wrong value or option, a unit,
/// an `if` never closed, a `range` too long), in the layout (a link refused, a loop
/// past the time limit); each refused.
fn series_mistakes(project: &Fixture, step: &mut impl FnMut(&[&str], bool)) {
    each_checked(
        project,
        SCHEMA,
        step,
        &[
            ("cases: count, cases_prior_year", "cases: cuont, cases_prior_year"),
            ("\nkeywords:", "\nkeywordz:"),
            ("\nlang: zh-Hant", "\nlang: [1]"),
            ("\nlang: zh-Hant", "\nlang: zh-XX"),
            ("\ntitle:", "\nperiod: monthly\ntitle:"),
        ],
    );
    each_checked(
        project,
        TEMPLATE,
        step,
        &[
            ("{{ series.title }}", "{{ series.title }"),
            ("{{ series.title }}", "{{ series.titel }}"),
            ("{{ series.title }}", "{{ serie.title }}"),
            ("{{ series.title }}", "{{ series.title | amonut }}"),
            ("{{ series.title }}", "{{ series.title | percent }}"),
            ("{{ series.title }}", "{{ series.title | amount }}"),
            ("{{ g.amount_yuan | amount }}", "{{ g.amount_yuan | amount(unit=\"x\") }}"),
            ("{{ series.title }}", "{% if series.title %}{{ series.title }}"),
            ("{{ series.title }}", "{% for i in range(end=100000) %}{% endfor %}{{ series.title }}"),
            ("{{ g.amount_yuan | amount }}", "{{ g.amount_yuan | amount(unti=\"萬\") }}"),
        ],
    );
    // The layout: a link it may not make, a loop that runs past the time limit.
    let layout = project.read(LAYOUT);
    project.write(
        LAYOUT,
        &layout.replacen("    let walk(it)", "    link(\"javascript:alert(1)\")[x]\n    let walk(it)", 1),
    );
    step(&["build", FILE], false);
    project.write(LAYOUT, &format!("{layout}\n#for i in range(100000) {{ for j in range(100000) {{ }} }}\n"));
    step(&["--time-limit", "1", "build", FILE], false);
    project.write(LAYOUT, &layout);
}

#[test]
fn a_month_in_simplified_chinese_says_nothing_in_english() {
    let said = month("zh_CN.UTF-8");
    assert_eq!(english(&said), Vec::<String>::new());
    for words in [
        "已写入 out/shiyaohuan/2019-11-15.pdf",
        "请用半角数字：186",
        "请写出确切数字：13.5億 → 1350000000",
        "食品類：刑事拘留人數（400人）不应多于抓獲犯罪嫌疑人數（306人）",
        "是否想写 `suspects`？",
        "已将 data/shiyaohuan/2019-11-15.yaml 发布为 v2",
        "用法：",
        "<html lang=\"zh-Hans\">",
        "全部文件",
        "选项：",
        "环境变量：`BULLETIN_TIME_LIMIT`",
        "没有 `biuld` 这个命令",
        "YAML 格式有误：引号没有闭合",
        "YAML 格式有误：键后面少了 `:`",
        "是否想写 `cases: 74`？",
        "`amount` 过滤器不接受 `unti`",
        "`range` 会生成 100000 个数字",
        "不允许链接到 `javascript:alert(1)`",
        "超过 1 秒，已停止",
    ] {
        assert!(said.contains(words), "{words}:\n{said}");
    }
}

#[test]
fn a_month_in_traditional_chinese_says_nothing_in_english() {
    let said = month("zh_TW.UTF-8");
    assert_eq!(english(&said), Vec::<String>::new());
    for words in [
        "已寫入 out/shiyaohuan/2019-11-15.pdf",
        "請用半角數字：186",
        "請寫出確切數字：13.5億 → 1350000000",
        "食品類：刑事拘留人數（400人）不應多於抓獲犯罪嫌疑人數（306人）",
        "已將 data/shiyaohuan/2019-11-15.yaml 發布為 v2",
        "<html lang=\"zh-Hant\">",
        "全部檔案",
        "選項：",
        "環境變數：`BULLETIN_TIME_LIMIT`",
        "沒有 `biuld` 這個命令",
        "YAML 格式有誤：引號沒有閉合",
        "不允許連結到 `javascript:alert(1)`",
        "超過 1 秒，已停止",
    ] {
        assert!(said.contains(words), "{words}:\n{said}");
    }
    for simplified in ["写入", "发布为", "数字文件", "请"] {
        assert!(!said.contains(simplified), "{simplified} in the Traditional month:\n{said}");
    }
}

#[test]
fn a_month_in_the_c_locale_is_in_english() {
    let said = month("C");
    for words in [
        "wrote out/shiyaohuan/2019-11-15.pdf",
        "write half-width digits: 186",
        "write the exact number: 13.5億 → 1350000000",
        "食品類: 刑事拘留人數 (400人) must not be more than 抓獲犯罪嫌疑人數 (306人)",
        "published data/shiyaohuan/2019-11-15.yaml as v2",
        "Usage:",
        "<html lang=\"en\">",
        "all files",
        "Options:",
        "Environment variable: `BULLETIN_TIME_LIMIT`",
        "unknown command `biuld`",
        "invalid YAML: a quote is never closed",
        "a link to `javascript:alert(1)` is refused",
        "took longer than 1 s; stopped",
    ] {
        assert!(said.contains(words), "{words}:\n{said}");
    }
}

#[test]
fn a_diagnostic_keeps_its_key_and_place_in_every_language() {
    let project = Fixture::shipped();
    let good = project.read(FILE);
    project.write(FILE, &good.replace("cases: 186,", "cases: １８６,"));
    let mut shown = vec![];
    for locale in ["zh_CN.UTF-8", "zh_TW.UTF-8", "C"] {
        let (text, ok) = run(&project, locale, &["--show-keys", "check", FILE]);
        assert!(!ok);
        let head: Vec<&str> = text.lines().take(2).collect();
        assert!(head[0].starts_with("error[figures-full-width]: "), "{locale}: {text}");
        assert_eq!(head[1], "  --> data/shiyaohuan/2019-11-15.yaml:3:24", "{locale}: {text}");
        assert!(text.contains("^^^"), "{locale}: a caret under the figure: {text}");
        shown.push(text);
    }
    assert!(shown[0] != shown[1] && shown[1] != shown[2], "three languages: {shown:?}");
    // `--lang` and `BULLETIN_LANG` choose over the locale.
    let (text, _) = run(&project, "zh_CN.UTF-8", &["--lang", "en", "check", FILE]);
    assert!(text.contains("write half-width digits: 186"), "{text}");
    let mut command = command(&project, "C", &["check", FILE]);
    let output = command.env("BULLETIN_LANG", "zh-Hant").output().expect("run");
    assert!(String::from_utf8_lossy(&output.stderr).contains("請用半角數字：186"));
}

#[test]
fn the_detector_finds_english_sentences_and_not_names() {
    assert_eq!(english("error: in group `drug`, it does not hold"), ["in group", "it does not hold"]);
    assert_eq!(english("字体：body 仿宋 → 宋 (Noto Serif CJK SC, zh-Hans)"), Vec::<String>::new());
    assert_eq!(english("已写入 out/shiyaohuan/2019-11-15.pdf"), Vec::<String>::new());
    assert_eq!(english("`bulletin publish data/x.yaml --reason \"…\"`"), Vec::<String>::new());
    assert_eq!(english("Possible values:"), ["Possible values"]);
    assert_eq!(english("用时 10 秒 [default: 10] [env: BULLETIN_TIME_LIMIT=]"), ["default:", "env:"]);
    assert_eq!(english("Usage: bulletin build [OPTIONS] [FILES]..."), ["Usage:"]);
    assert_eq!(english("用法：bulletin build [OPTIONS] [FILES]..."), Vec::<String>::new());
    assert_eq!(english("3 | figures:\n  |   ^ here is"), Vec::<String>::new());
}

#[test]
fn each_mistake_is_known_by_its_key_and_place() {
    let project = Fixture::shipped();
    let at = |file: &str, line: usize, column: usize| format!("{file}:{line}:{column}");
    let cases = [
        (FILE, "as_of: 2019-11-15", "as_of: \"2019-11-15", "yaml-quote", at(FILE, 1, 8)),
        (FILE, "\nfigures:", "\nfigures", "yaml-colon", at(FILE, 2, 1)),
        (FILE, "\n  drug:", "\n   drug:", "yaml-indentation", at(FILE, 4, 8)),
        (FILE, "\n  drug:", "\n\tdrug:", "yaml-tabs", at(FILE, 4, 1)),
        (FILE, "{cases: 11}", "{cases: 11, cases: 12}", "yaml-duplicate-key", at(FILE, 8, 28)),
        (FILE, "{cases: 11}", "{cases: \"a\\qb\"}", "yaml-escape", at(FILE, 8, 24)),
        (FILE, "{cases: 11}", "{cases: 十一}", "figures-is-what", at(FILE, 8, 24)),
        (FILE, "{cases: 74,", "{cases 74,", "figures-unknown-field-in", at(FILE, 4, 17)),
        (
            SCHEMA,
            "cases: count, cases_prior_year",
            "cases: cuont, cases_prior_year",
            "schema-invalid",
            at(SCHEMA, 38, 21),
        ),
        (TEMPLATE, "{{ series.title }}", "{{ series.title }", "tera-found-expected", at(TEMPLATE, 29, 19)),
        (TEMPLATE, "{{ series.title }}", "{{ series.titel }}", "tera-undefined-field", at(TEMPLATE, 29, 13)),
        (TEMPLATE, "{{ series.title }}", "{{ series.title | amonut }}", "tera-unknown-filter", at(TEMPLATE, 29, 21)),
        (
            TEMPLATE,
            "{{ series.title }}",
            "{{ series.title | percent }}",
            "template-error-rendering",
            at(TEMPLATE, 29, 21),
        ),
    ];
    for (file, from, to, key, locus) in cases {
        let good = project.read(file);
        project.edit(file, from, to);
        let (text, ok) = run(&project, "zh_CN.UTF-8", &["--show-keys", "check", FILE]);
        project.write(file, &good);
        assert!(!ok, "{to}: {text}");
        let mut lines = text.lines();
        let head = lines.next().unwrap_or_default();
        assert!(head.starts_with(&format!("error[{key}]: ")), "{to}: {text}");
        assert_eq!(lines.next().map(str::trim_start), Some(format!("--> {locus}").as_str()), "{to}: {text}");
        assert!(english(&text).is_empty(), "{to}: {text}");
    }
    // A mistyped command line is a diagnostic of the catalogue too.
    for (args, key) in [
        (&["--show-keys", "biuld"][..], "cli-error-unknown-command"),
        (&["--show-keys", "build", "--forse"], "cli-error-unknown-argument"),
        (&["--show-keys", "build", "-j", "0"], "cli-error-invalid-value"),
        (&["--show-keys", "new"], "cli-error-missing"),
    ] {
        let output = command(&project, "zh_CN.UTF-8", args).output().expect("run");
        let text = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {text}");
        assert!(text.starts_with(&format!("error[{key}]: ")), "{args:?}: {text}");
    }
}
