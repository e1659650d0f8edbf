async function show(link) {
  const html = document.getElementById("html"), pdf = document.getElementById("pdf");
  const error = document.getElementById("error"), warnings = document.getElementById("warnings");
  // The web page's scroll position, kept while an error hides it.
  let y = 0;
  html.onload = () => html.contentWindow.scrollTo(0, y);
  async function text(what) {
    return await (await fetch("/" + what + "/" + link + "?t=" + Date.now(), {cache: "no-store"})).text();
  }
  // Each page drawn, by the hash of its layout (`/pages/`, one a line): a page whose
  // hash is the same looks the same and is kept as drawn; only the others are asked
  // for, each an SVG image of the page as the PDF lays it out (`/page-<n>/`).
  let drawnAs = [];
  async function render(i, hash) {
    const image = new Image();
    image.alt = "";
    image.src = "/page-" + i + "/" + link + "?h=" + hash;
    // Put in place even if it cannot be decoded ahead (it then shows as it loads).
    await image.decode().catch(() => {});
    return image;
  }
  async function draw(list) {
    const hashes = (list ?? await text("pages")).split("\n").filter((hash) => hash);
    const drawn = await Promise.all(hashes.map((hash, i) =>
      hash !== drawnAs[i] || !pdf.children[i] ? render(i, hash) : null));
    // Swapped in at once, at the same scroll position.
    const top = pdf.scrollTop;
    drawn.forEach((image, i) => {
      if (!image) return;
      if (pdf.children[i]) pdf.children[i].replaceWith(image); else pdf.appendChild(image);
    });
    while (pdf.children.length > hashes.length) pdf.lastElementChild.remove();
    pdf.scrollTop = top;
    drawnAs = hashes;
    document.body.dataset.pages = hashes.length;
  }
  // The web page's new body put in place of the old one, in the same document: no
  // reload, so nothing flashes, the scroll position stays and the faces stay loaded.
  async function update() {
    const page = new DOMParser().parseFromString(await text("html"), "text/html");
    const frame = html.contentDocument;
    if (!frame || !frame.body || html.hidden || frame.head.innerHTML !== page.head.innerHTML) {
      // A new address, not a reload: the browser restores a reloaded frame's scroll
      // position after `onload`, and while an error hid the frame that was the top.
      html.src = "/html/" + link + "?t=" + Date.now();
      return;
    }
    frame.body.replaceWith(frame.importNode(page.body, true));
  }
  // When a pane shows the new text (`web`: the web page; the PDF's pages then follow),
  // after the next frame is painted.
  function painted(what = "painted") {
    return new Promise((done) => requestAnimationFrame(() => setTimeout(() => {
      document.body.dataset[what] = Date.now();
      done();
    })));
  }
  async function refresh() {
    if (!html.hidden && html.contentWindow) y = html.contentWindow.scrollY;
    const [problem, notes] = await Promise.all([text("error"), text("warnings")]);
    error.textContent = problem;
    error.hidden = !problem;
    warnings.textContent = notes;
    warnings.hidden = !notes;
    if (problem) {
      html.hidden = true;
      return painted();
    }
    // The web page first, painted before the pages are drawn: it is quick to show,
    // and drawing the pages would hold up its paint; their hashes are asked meanwhile.
    const hashes = text("pages");
    await update();
    // Not held up for longer than a frame or so: a hidden page paints no frames.
    await Promise.race([painted("web"), new Promise((done) => setTimeout(done, 50))]);
    await draw(await hashes);
    html.hidden = false;
    painted();
  }
  // One refresh at a time; a save during one is shown by the next.
  let running = null, again = false;
  const next = async () => {
    if (running) { again = true; return; }
    running = refresh().catch((problem) => console.error(problem));
    await running;
    running = null;
    if (again) { again = false; next(); }
  };
  // `?still`, for a screenshot in virtual time (which runs while the network rests):
  // no live reload.
  if (!location.search.includes("still")) {
    const events = new EventSource("/events");
    events.onmessage = (event) => { if (event.data === link) next(); };
    // Saves from now on are shown (a save before the stream opened is not announced).
    events.onopen = () => { document.body.dataset.listening = Date.now(); };
  }
  await draw();
  painted();
}

// The file this page shows, as a link (percent-encoded, as events name it too), from
// the page's own attribute: no name is written into this script, so none can end it.
await show(document.body.dataset.link);
