//! The site: an index of every series, a page and an Atom feed per series, listing
//! the latest published version of each period with links to its files in `out/`;
//! the same archive gives the same bytes, and nothing is written when nothing changed.

mod common;

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use atom_syndication::Feed;
use common::Fixture;

const FILE: &str = "data/shiyaohuan/2019-11-15.yaml";
const V2: &str = "archive/shiyaohuan/2019-11-15/v2";

/// The files the site writes, in the order it writes them.
const SITE: [&str; 5] = [
    "out/shiyaohuan/index.html",
    "out/shiyaohuan/feed.xml",
    "out/traffic/index.html",
    "out/traffic/feed.xml",
    "out/index.html",
];

/// The title of the traffic series, with characters HTML and XML give meaning to.
const TRAFFIC_TITLE: &str = "市交通安全整治<情況>&通報";

/// Runs `bulletin` with a fixed publication time (SOURCE_DATE_EPOCH).
fn run_at(project: &Fixture, epoch: &str, args: &[&str]) -> common::Run {
    common::Run::from(project.command(args).env("SOURCE_DATE_EPOCH", epoch).output().expect("run bulletin"))
}

/// The shipped project with the traffic series added, its title holding `<&>`; the
/// reference period published and corrected, the traffic period published once.
fn published() -> Fixture {
    let project = Fixture::shipped();
    for folder in ["templates/traffic", "data/traffic"] {
        common::copy_dir(&common::repo().join("tests/fixtures/traffic").join(folder), &project.file(folder));
    }
    project.edit("templates/traffic/series.yaml", "title: 市交通安全整治情況通報", &format!("title: {TRAFFIC_TITLE}"));
    // 2019-11-16 10:00 and 2019-11-17 10:00 in Beijing.
    run_at(&project, "1573869600", &["publish", FILE, "--reason", "首次發布"]).success();
    project.edit(FILE, "food:        {cases: 186,", "food:        {cases: 188,");
    run_at(&project, "1573956000", &["publish", FILE, "--reason", "食品類案件數統計有誤"]).success();
    // 2020-02-01 08:00 in Beijing.
    run_at(&project, "1580515200", &["publish", "data/traffic/2020-01-31.yaml"]).success();
    project
}

/// Every link target of a page, as written.
fn hrefs(html: &str) -> Vec<String> {
    html.split(" href=\"").skip(1).map(|rest| rest[..rest.find('"').expect("closing quote")].to_string()).collect()
}

/// The file a link of the page at `page` points at.
fn target(page: &Path, href: &str) -> PathBuf {
    let href = href.split('#').next().unwrap_or_default();
    page.parent().expect("folder").join(href)
}

/// Each file's bytes and modification time.
fn state(project: &Fixture, files: &[&str]) -> Vec<(Vec<u8>, SystemTime)> {
    files
        .iter()
        .map(|file| {
            let path = project.file(file);
            (std::fs::read(&path).expect("read"), std::fs::metadata(&path).and_then(|m| m.modified()).expect("mtime"))
        })
        .collect()
}

/// The entries of a page's list of periods (`<li class="period…">`), as written.
fn periods(html: &str) -> Vec<&str> {
    html.split("<li class=\"period").skip(1).map(|rest| &rest[..rest.find("</li>").expect("closing tag")]).collect()
}

#[test]
fn the_site_lists_each_period_once_with_its_latest_version_and_links_to_every_file() {
    let project = published();
    let run = project.run(&["site"]).success();
    let wrote: String = SITE.iter().map(|file| format!("wrote {file}\n")).collect();
    assert_eq!(run.stdout(), wrote);
    assert_eq!(run.stderr(), "");

    // The index: every series, then every period, newest first; the reference period
    // once, as its v2, marked as corrected.
    let index = project.read("out/index.html");
    assert!(
        index.starts_with("<!DOCTYPE html>\n<html lang=\"zh-Hant\">\n<head>\n<meta charset=\"utf-8\">\n"),
        "{index}"
    );
    assert!(index.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
    assert!(index.contains("@media (prefers-color-scheme: dark)"));
    let listed = periods(&index);
    assert_eq!(listed.len(), 2, "{index}");
    assert!(listed[0].contains("<time datetime=\"2020-01-31\">2020年1月31日</time>"), "newest first: {index}");
    assert!(listed[1].starts_with(" corrected\">\n<h3><a href=\"shiyaohuan/2019-11-15.html\">陝西省打擊食品、藥品、環境犯罪工作情況通報</a></h3>"), "{index}");
    assert!(listed[1].contains("<time datetime=\"2019-11-15\">2019年11月15日</time><span>2019年11月16日發布</span>"));
    // Corrected on 17 November; the public never sees a version number (issue 21).
    assert!(listed[1].contains("<span class=\"mark\">更正</span>2019年11月17日更正"), "{index}");
    assert!(!index.contains("第2版"), "{index}");
    assert_eq!(index.matches("shiyaohuan/2019-11-15.html").count(), 1, "{index}");
    for href in hrefs(&index) {
        assert!(target(&project.file("out/index.html"), &href).is_file(), "`{href}` of the index resolves");
    }

    // The series page: the period once, v2 with the reason, a link to every file v2
    // published (both editions, the correction notice), each the archived file.
    let page = project.file("out/shiyaohuan/index.html");
    let html = project.read("out/shiyaohuan/index.html");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-Hant\">"), "{html}");
    assert!(html.contains("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"feed.xml\""));
    let listed = periods(&html);
    assert_eq!(listed.len(), 1, "{html}");
    assert!(listed[0].starts_with(" corrected\" id=\"p2019-11-15\">"), "{html}");
    assert!(!listed[0].contains("第2版") && listed[0].contains("2019年11月17日更正"), "{html}");
    assert!(listed[0].contains("<p class=\"reason\">更正原因：食品類案件數統計有誤</p>"), "{html}");
    assert!(listed[0].contains("<dt>更正說明（2019年11月17日）·<span lang=\"zh-Hans\">简体</span></dt>"), "{html}");
    let manifest: serde_json::Value = serde_json::from_str(&project.read(&format!("{V2}/manifest.json"))).unwrap();
    let mut published: Vec<String> =
        manifest["outputs"].as_array().unwrap().iter().map(|o| o["path"].as_str().unwrap().to_string()).collect();
    published.sort();
    assert_eq!(published.len(), 4 * common::OUTPUTS.len(), "two editions of the bulletin and of the notice");
    let mut linked: Vec<String> = hrefs(listed[0]);
    linked.sort();
    linked.dedup();
    assert_eq!(linked, published);
    for href in hrefs(&html) {
        let file = target(&page, &href);
        assert!(file.is_file(), "`{href}` of the series page resolves");
        if let Some(name) = published.iter().find(|name| **name == href) {
            let archived = std::fs::read(project.file(&format!("{V2}/{name}"))).unwrap();
            assert!(std::fs::read(&file).unwrap() == archived, "`{href}` is the published file");
        }
    }

    // The feed reads back as Atom: one entry for the period, its dates from the
    // record, its links to the published files.
    let feed = Feed::read_from(project.read("out/shiyaohuan/feed.xml").as_bytes()).expect("the feed parses");
    assert_eq!(feed.title.value, "陝西省打擊食品、藥品、環境犯罪工作情況通報");
    assert_eq!(feed.lang.as_deref(), Some("zh-Hant"));
    assert_eq!(feed.authors[0].name, "陝西省公安廳");
    assert_eq!(feed.updated.to_rfc3339(), "2019-11-17T02:00:00+00:00");
    assert!(feed.id.starts_with("urn:uuid:"), "{}", feed.id);
    let [entry] = feed.entries.as_slice() else { panic!("one entry: {:?}", feed.entries) };
    assert!(entry.id.starts_with("urn:uuid:") && entry.id != feed.id, "{}", entry.id);
    assert_eq!(entry.title.value, "陝西省打擊食品、藥品、環境犯罪工作情況通報");
    assert_eq!(entry.updated.to_rfc3339(), "2019-11-17T02:00:00+00:00");
    assert_eq!(entry.published.map(|p| p.to_rfc3339()).as_deref(), Some("2019-11-16T02:00:00+00:00"));
    let summary = &entry.summary.as_ref().expect("a summary").value;
    assert!(
        !summary.contains("第2版")
            && summary.contains("2019年11月17日更正")
            && summary.contains("食品類案件數統計有誤"),
        "{summary}"
    );
    let alternate = &entry.links[0];
    assert_eq!((alternate.rel.as_str(), alternate.href.as_str()), ("alternate", "2019-11-15.html"));
    assert_eq!(alternate.hreflang.as_deref(), Some("zh-Hant"));
    let mut feed_links: Vec<String> = entry.links.iter().map(|link| link.href.clone()).collect();
    feed_links.sort();
    assert_eq!(feed_links, published);
    for link in &entry.links {
        assert!(target(&project.file("out/shiyaohuan/feed.xml"), &link.href).is_file(), "{}", link.href);
        // One alternate per type and language (RFC 4287 §4.2.7.2): the CMS fragment,
        // an HTML file like the page, and the notices are related.
        let related = link.href.contains("-correction") || link.href.ends_with(".fragment.html");
        assert_eq!(link.rel, if related { "related" } else { "alternate" }, "{}", link.href);
    }
    let mut alternates: Vec<(Option<String>, Option<String>)> = entry
        .links
        .iter()
        .filter(|l| l.rel == "alternate")
        .map(|l| (l.mime_type.clone(), l.hreflang.clone()))
        .collect();
    let count = alternates.len();
    alternates.sort();
    alternates.dedup();
    assert_eq!(alternates.len(), count, "{alternates:?}");

    // A title with `<&>`: escaped in every page and in the feed, read back as written.
    let traffic = project.read("out/traffic/index.html");
    for html in [&index, &traffic] {
        assert!(html.contains("市交通安全整治&lt;情況&gt;&amp;通報"), "{html}");
        assert!(!html.contains("<情況>"), "{html}");
    }
    let xml = project.read("out/traffic/feed.xml");
    assert!(xml.contains("<title>市交通安全整治&lt;情況&gt;&amp;通報</title>"), "{xml}");
    let feed = Feed::read_from(xml.as_bytes()).expect("the feed parses");
    assert_eq!(feed.title.value, TRAFFIC_TITLE);
    assert_eq!(feed.entries[0].title.value, TRAFFIC_TITLE);
    assert_eq!(feed.entries[0].published.map(|p| p.to_rfc3339()).as_deref(), Some("2020-02-01T00:00:00+00:00"));

    // Nothing changed: nothing is written, not even touched.
    let before = state(&project, &SITE);
    let again = project.run(&["site"]).success();
    assert_eq!(again.stdout(), "site is up to date\n");
    assert!(state(&project, &SITE) == before, "a site that is up to date is left as it was");

    // The same archive elsewhere gives the same bytes.
    let elsewhere = tempfile::tempdir().unwrap();
    for folder in ["templates", "archive", "out"] {
        common::copy_dir(&project.file(folder), &elsewhere.path().join(folder));
    }
    for file in SITE {
        std::fs::remove_file(elsewhere.path().join(file)).unwrap();
    }
    let copied = project.command(&["site"]).current_dir(elsewhere.path()).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&copied.stdout), wrote);
    for (file, (bytes, _)) in SITE.iter().zip(&before) {
        assert!(std::fs::read(elsewhere.path().join(file)).unwrap() == *bytes, "{file} is the same");
    }
}

#[test]
fn drafts_are_listed_on_request_and_a_rebuilt_published_file_is_refused() {
    let project = published();
    project.run(&["site"]).success();
    let before = state(&project, &SITE);

    // A period built and not published: listed with --drafts, marked, never in a feed.
    let draft = "data/shiyaohuan/2019-12-15.yaml";
    project.write(draft, &project.read(FILE).replace("as_of: 2019-11-15", "as_of: 2019-12-15"));
    project.run(&["build", draft]).success();
    let run = project.run(&["site", "--drafts"]).success();
    assert_eq!(run.stdout(), "wrote out/shiyaohuan/index.html\nwrote out/index.html\n");
    let page = project.file("out/shiyaohuan/index.html");
    let html = project.read("out/shiyaohuan/index.html");
    let listed = periods(&html);
    assert_eq!(listed.len(), 2, "{html}");
    assert!(listed[0].starts_with(" draft\" id=\"p2019-12-15\">"), "the draft is the newest: {html}");
    assert!(listed[0].contains("<span class=\"mark draft\">草稿</span>未發布"), "{html}");
    assert!(listed[1].starts_with(" corrected\""), "{html}");
    let mut links = hrefs(listed[0]);
    links.sort();
    links.dedup();
    assert_eq!(links.len(), 2 * common::OUTPUTS.len(), "both editions' outputs: {links:?}");
    for href in links {
        assert!(target(&page, &href).is_file(), "`{href}` of the draft resolves");
    }
    let index = project.read("out/index.html");
    assert!(periods(&index)[1].starts_with(" draft\""), "{index}");
    assert!(state(&project, &SITE[1..2]) == before[1..2], "the feed lists no draft");

    // Without --drafts the pages are as before, byte for byte.
    let run = project.run(&["site"]).success();
    assert_eq!(run.stdout(), "wrote out/shiyaohuan/index.html\nwrote out/index.html\n");
    let after = state(&project, &SITE);
    assert!(after.iter().zip(&before).all(|((a, _), (b, _))| a == b), "the same archive gives the same site");

    // A build of an edit never replaces the published files (it is a draft in
    // drafts/): the site is still current.
    project.edit(FILE, "food:        {cases: 188,", "food:        {cases: 189,");
    project.run(&["build", FILE]).success();
    assert!(project.file("out/shiyaohuan/drafts/2019-11-15.pdf").is_file());
    assert_eq!(project.run(&["site"]).success().stdout(), "site is up to date\n");
    // A published file replaced by hand: the site would link to what was never
    // published, and refuses, naming the command that puts it back.
    project.write("out/shiyaohuan/2019-11-15.md", "# 陝西省打擊食品、藥品、環境犯罪工作情況通報\n");
    std::fs::remove_file(project.file("out/shiyaohuan/2019-11-15.zh-Hans.pdf")).expect("remove");
    let refused = project.run(&["site"]).failure();
    assert_eq!(
        refused.stderr(),
        format!(
            "error: out/ does not hold the files published as `{V2}`\n \
             = note: replaced since: `out/shiyaohuan/2019-11-15.md`\n \
             = note: missing: `out/shiyaohuan/2019-11-15.zh-Hans.pdf`\n \
             = note: the site links to the files publish put into out/, as a web server serving out/ finds them\n \
             = help: `bulletin build {FILE}` puts the published files back (a draft of an edit goes to `drafts/`)\n\n"
        )
    );
    assert!(state(&project, &SITE) == after, "a refused site writes nothing");
    // The help does what it says: the published files are back and the site is current.
    project.run(&["build", FILE]).success();
    assert_eq!(project.run(&["site"]).success().stdout(), "site is up to date\n");
}

#[test]
fn a_site_of_nothing_published_says_so() {
    let project = Fixture::shipped();
    let run = project.run(&["site"]).failure();
    assert_eq!(
        run.stderr(),
        "error: nothing to list: no period of any series is published\n \
         = help: publish one with `bulletin publish FILE`, or list the drafts with `bulletin site --drafts`\n\n"
    );
    assert!(!project.file("out/index.html").exists());
    // What the help says: a build's drafts are listed with --drafts.
    project.run(&["build"]).success();
    project.run(&["site", "--drafts"]).success();
    assert!(project.read("out/shiyaohuan/index.html").contains("2019-11-15.html"));
}

/// A series folder whose name holds what HTML, URLs and scripts give meaning to: the
/// site prints it as text and links to it percent-encoded, and the links resolve.
#[test]
fn a_series_named_like_markup_stays_text_and_its_links_resolve() {
    let project = Fixture::named("traffic");
    let name = "x\"' &<img src=x onerror=alert(1)>";
    for folder in ["templates", "data"] {
        std::fs::rename(project.file(&format!("{folder}/traffic")), project.file(&format!("{folder}/{name}")))
            .expect("rename");
    }
    run_at(&project, "1580500000", &["publish", &format!("data/{name}/2020-01-31.yaml")]).success();
    project.run(&["site"]).success();
    for page in ["out/index.html".to_string(), format!("out/{name}/index.html")] {
        let html = project.read(&page);
        assert!(!html.contains("<img"), "{page}: {html}");
        assert!(!html.contains("onerror=alert"), "{page}: {html}");
        for href in hrefs(&html) {
            assert!(!href.contains(['<', '>', '"', '\'', ' ']), "{page}: {href}");
            if !href.contains("://") {
                let decoded = percent_encoding::percent_decode_str(&href).decode_utf8().expect("UTF-8");
                assert!(target(&project.file(&page), &decoded).exists(), "{page}: {href} does not resolve");
            }
        }
    }
    let feed = std::fs::read(project.file(&format!("out/{name}/feed.xml"))).expect("feed");
    Feed::read_from(&feed[..]).expect("the feed is well-formed");
}
