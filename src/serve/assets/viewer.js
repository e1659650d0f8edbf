import * as pdfjs from "/pdfjs/pdf.min.mjs";
pdfjs.GlobalWorkerOptions.workerSrc = "/pdfjs/pdf.worker.min.mjs";

async function show(link) {
  const html = document.getElementById("html"), pdf = document.getElementById("pdf");
  const error = document.getElementById("error"), warnings = document.getElementById("warnings");
  // The web page's scroll position, kept while an error hides it.
  let y = 0;
  html.onload = () => html.contentWindow.scrollTo(0, y);
  async function text(what) {
    return await (await fetch("/" + what + "/" + link, {cache: "no-store"})).text();
  }
  // Every page drawn afresh, then swapped in at the same scroll position.
  async function draw() {
    const doc = await pdfjs.getDocument({url: "/pdf/" + link + "?t=" + Date.now()}).promise;
    const pages = document.createDocumentFragment();
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const width = page.getViewport({scale: 1}).width;
      const viewport = page.getViewport({scale: (pdf.clientWidth - 32) / width * devicePixelRatio});
      const canvas = document.createElement("canvas");
      canvas.width = viewport.width;
      canvas.height = viewport.height;
      canvas.style.width = (viewport.width / devicePixelRatio) + "px";
      await page.render({canvasContext: canvas.getContext("2d"), canvas, viewport}).promise;
      pages.appendChild(canvas);
    }
    const top = pdf.scrollTop;
    pdf.replaceChildren(pages);
    pdf.scrollTop = top;
    document.body.dataset.pages = doc.numPages;
  }
  async function refresh() {
    if (!html.hidden && html.contentWindow) y = html.contentWindow.scrollY;
    const [problem, notes] = [await text("error"), await text("warnings")];
    error.textContent = problem;
    error.hidden = !problem;
    html.hidden = !!problem;
    warnings.textContent = notes;
    warnings.hidden = !notes;
    if (problem) return;
    // A new address, not a reload: the browser restores a reloaded frame's scroll
    // position after `onload`, and while an error hid the frame that was the top.
    html.src = "/html/" + link + "?t=" + Date.now();
    await draw();
  }
  // `?still`, for a screenshot in virtual time (which runs while the network rests
  // and stalls a worker thread): no live reload, and pdf.js works on the page's own
  // thread.
  if (location.search.includes("still")) {
    globalThis.pdfjsWorker = await import("/pdfjs/pdf.worker.min.mjs");
  } else {
    new EventSource("/events").onmessage = (event) => { if (event.data === link) refresh(); };
  }
  return draw();
}

// The file this page shows, as a link (percent-encoded, as events name it too), from
// the page's own attribute: no name is written into this script, so none can end it.
await show(document.body.dataset.link);
