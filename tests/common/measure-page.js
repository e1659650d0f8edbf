// Measures a bulletin's web page as Chromium laid it out, and writes what it found as
// JSON into the page (`<pre id="measured">`), where `--dump-dom` shows it, and posts
// it to the page around it when it is shown in a frame (a frame is as wide as asked,
// where a headless window is at least 500 px):
//
// - `blocks`: each block of the article's text (title, paragraphs, headings, list
//   items, table cells) as the lines it was broken into, each line the text of the
//   characters whose boxes share a line;
// - `chart_labels`: the size each chart label is drawn at, in CSS px (its computed
//   font size times the SVG's scale on screen);
// - `fonts`: the computed font-family of the title, the body and a heading;
// - `tables`: each table's box (its width, and how wide it scrolls) and its cells:
//   their text, box, whether shown, and the name a phone shows before them.
(() => {
  const article = document.querySelector(".bulletin-article");
  const skipped = "svg, style, script, .bulletin-chart-data";
  // The lines of a block: its characters grouped by the line box each sits on.
  function lines(block) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
      acceptNode: n => (n.parentElement.closest(skipped) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    const out = [];
    let middle = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent;
      for (let i = 0; i < text.length; ) {
        const code = text.codePointAt(i);
        const width = code > 0xffff ? 2 : 1;
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + width);
        const rect = [...range.getClientRects()].find(r => r.width > 0 && r.height > 0);
        const char = text.slice(i, i + width);
        i += width;
        if (!rect || /\s/.test(char)) continue;
        const mid = (rect.top + rect.bottom) / 2;
        if (middle === null || Math.abs(mid - middle) > rect.height / 2) {
          out.push("");
          middle = mid;
        }
        out[out.length - 1] += char;
      }
    }
    return out;
  }
  const blocks = [...article.querySelectorAll("h1, h2, h3, p, li, th, td")]
    .filter(b => !b.closest(skipped) && !b.querySelector("p, li"))
    .map(b => ({ tag: b.tagName.toLowerCase(), class: b.className, lines: lines(b) }));
  const chart_labels = [...article.querySelectorAll("svg text")].map(t => {
    const matrix = t.getScreenCTM();
    return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(matrix.a, matrix.b);
  });
  const family = selector => {
    const e = article.querySelector(selector);
    return e ? getComputedStyle(e).fontFamily : "";
  };
  const fonts = { title: family("h1"), body: family("p:not([class])"), heading: family("h2") };
  const tables = [...article.querySelectorAll(".bulletin-table-wrap")].map(wrap => ({
    client_width: wrap.clientWidth,
    scroll_width: wrap.scrollWidth,
    cells: [...wrap.querySelectorAll("th, td")].map(cell => {
      const rect = cell.getBoundingClientRect();
      const style = getComputedStyle(cell);
      const label = getComputedStyle(cell, "::before").content;
      return {
        tag: cell.tagName.toLowerCase(),
        row: cell.parentElement.rowIndex,
        text: cell.textContent.trim(),
        shown: style.display !== "none" && style.visibility !== "hidden" && rect.width > 0,
        left: rect.left,
        right: rect.right,
        top: rect.top,
        bottom: rect.bottom,
        label: label === "none" || label === "normal" ? "" : label.replace(/^"|"$/g, ""),
        lines: lines(cell),
      };
    }),
  }));
  const measured = JSON.stringify({ width: window.innerWidth, blocks, chart_labels, fonts, tables });
  if (window.parent !== window) window.parent.postMessage(measured, "*");
  const pre = document.createElement("pre");
  pre.id = "measured";
  pre.textContent = measured;
  document.body.append(pre);
})();
