//! Headless Chromium (Debian's `chromium`) as a reader's browser: a page laid out at
//! a phone's or a desktop's width and measured by a script in it, or printed to PDF
//! as the browser's print does.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The script that measures a page's lines, chart labels and faces
/// (`measure-page.js`: what it writes is said there).
const MEASURE: &str = include_str!("measure-page.js");

/// Chromium, headless, with a profile of its own in `profile` and nothing of the
/// network, updates or sync; `--dump-dom` and `--print-to-pdf` are the caller's.
pub fn command(profile: &Path) -> Command {
    let mut command = Command::new("chromium");
    command
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"])
        .args(["--disable-component-update", "--disable-sync", "--hide-scrollbars"])
        .arg(format!("--user-data-dir={}", profile.display()));
    command
}

/// Runs a Chromium command, or says how to install it.
fn output(command: &mut Command) -> std::process::Output {
    command.output().unwrap_or_else(|err| panic!("could not run chromium ({err}): `apt-get install chromium` (README)"))
}

/// What `measure-page.js` measured of a page (`html`, a whole document) laid out
/// `width` px wide: the page is shown in a frame that wide, since a headless
/// window is never narrower than 500 px, and its script posts what it measured to
/// the page around it.
#[track_caller]
pub fn measure(html: &str, width: u32) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = html.replacen("</body>", &format!("<script>\n{MEASURE}</script>\n</body>"), 1);
    std::fs::write(dir.path().join("page.html"), page).expect("write the page");
    let host = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>-</title></head><body style=\"margin: 0\">\n\
         <iframe src=\"page.html\" style=\"border: 0; width: {width}px; height: 3000px\"></iframe>\n\
         <script>addEventListener(\"message\", event => {{ const pre = document.createElement(\"pre\"); \
         pre.id = \"measured\"; pre.textContent = event.data; document.body.append(pre); }});</script>\n\
         </body></html>\n"
    );
    let host_file = dir.path().join("host.html");
    std::fs::write(&host_file, host).expect("write the host page");
    let out = output(
        command(&dir.path().join("profile"))
            .args(["--window-size=1400,3000", "--virtual-time-budget=5000", "--dump-dom"])
            .arg(format!("file://{}", host_file.display())),
    );
    let dom = String::from_utf8_lossy(&out.stdout);
    let measured = dom
        .split("<pre id=\"measured\">")
        .nth(1)
        .and_then(|rest| rest.split("</pre>").next())
        .unwrap_or_else(|| panic!("nothing measured at {width} px: {dom}"));
    let json = measured.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u{a0}").replace("&amp;", "&");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|err| panic!("{err}: {json}"));
    assert_eq!(value["width"], width, "the frame is {width} px wide");
    value
}

/// The page (`html`) printed to a PDF in `dir`, as the browser's print does: the
/// paper and margins of its `@page`, no header or footer.
#[track_caller]
pub fn print(html: &str, dir: &Path) -> PathBuf {
    let page = dir.join("print.html");
    let pdf = dir.join("print.pdf");
    std::fs::write(&page, html).expect("write the page");
    output(
        command(&dir.join("profile"))
            .args(["--no-pdf-header-footer", "--virtual-time-budget=5000"])
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", page.display())),
    );
    assert!(pdf.is_file(), "chromium printed no PDF of {}", page.display());
    pdf
}
