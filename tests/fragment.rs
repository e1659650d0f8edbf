//! The CMS fragment is legible on any host page: pasted into a plain white page and
//! read in headless Chromium (Debian's `chromium`) with the reader's system in light
//! mode and in dark mode, every piece of its text has a contrast of at least 4.5:1
//! (WCAG AA) with what is behind it.

mod common;

/// The host page: white, black text, the fragment pasted in, and a script that writes
/// the lowest contrast of any text of the article into the page's title.
fn host(fragment: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>-</title>
<style>html, body {{ background: #fff; color: #000; margin: 0; }}</style></head>
<body><main class="site-content">{fragment}</main>
<script>
function rgba(text) {{
  const [r, g, b, a] = text.match(/[\d.]+/g).map(Number);
  return {{ r, g, b, a: a === undefined ? 1 : a }};
}}
function luminance({{ r, g, b }}) {{
  const channel = c => (c /= 255) <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}}
// What is behind an element: the first background of it or its ancestors that is not
// transparent (the page is white).
function behind(element) {{
  for (let e = element; e; e = e.parentElement) {{
    const c = rgba(getComputedStyle(e).backgroundColor);
    if (c.a > 0) return c;
  }}
  return {{ r: 255, g: 255, b: 255, a: 1 }};
}}
let lowest = Infinity, where = "";
for (const element of document.querySelectorAll(".bulletin-article, .bulletin-article *")) {{
  const text = [...element.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  const style = getComputedStyle(element);
  if (!text || style.display === "none" || style.visibility === "hidden" || element.closest(".bulletin-chart-data")) continue;
  const [a, b] = [luminance(rgba(style.color)), luminance(behind(element))];
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  if (ratio < lowest) {{ lowest = ratio; where = element.tagName + "." + element.className; }}
}}
document.title = lowest.toFixed(2) + " " + where;
</script></body></html>"#
    )
}

/// The lowest contrast of the fragment's text in a white host page, with the reader's
/// system in dark mode or not, as Chromium computes the styles.
fn lowest_contrast(fragment: &str, dark: bool) -> (f64, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("host.html");
    std::fs::write(&page, host(fragment)).expect("write");
    let scheme = if dark { "0" } else { "1" };
    let output = common::chromium::command(&dir.path().join("profile"))
        .args(["--virtual-time-budget=2000", "--dump-dom"])
        .arg(format!("--blink-settings=preferredColorScheme={scheme}"))
        .args(if dark { &["--force-dark-mode"][..] } else { &[][..] })
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap_or_else(|err| panic!("could not run chromium ({err}): `apt-get install chromium` (README)"));
    let dom = String::from_utf8_lossy(&output.stdout);
    let title = dom.split("<title>").nth(1).and_then(|t| t.split("</title>").next()).unwrap_or_default();
    let (ratio, element) = title.split_once(' ').unwrap_or((title, ""));
    let ratio = ratio.parse().unwrap_or_else(|_| panic!("no contrast measured: {dom}"));
    (ratio, element.to_string())
}

#[test]
fn the_fragment_is_legible_on_a_white_page_in_light_and_dark_mode() {
    let project = common::built(common::SHIPPED, &["build"]);
    for edition in ["2019-11-15", "2019-11-15.zh-Hans"] {
        let fragment = project.read(&format!("out/shiyaohuan/{edition}.fragment.html"));
        for dark in [false, true] {
            let (ratio, element) = lowest_contrast(&fragment, dark);
            assert!(ratio >= 4.5, "{edition}, dark {dark}: contrast {ratio} at {element}");
        }
    }
}
