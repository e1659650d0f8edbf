//! `bulletin serve`: the real binary serving on loopback, a figure file saved while a
//! page listens for events, and the new content (or the diagnostic) read back over
//! HTTP.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::Fixture;

const FILE: &str = "data/traffic/2020-01-31.yaml";
const ID: &str = "traffic/2020-01-31";

/// A running preview, stopped when dropped.
struct Serving {
    child: Child,
    address: String,
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `bulletin serve` with these arguments and waits for its address.
#[track_caller]
fn serve(project: &Fixture, args: &[&str]) -> Serving {
    let mut command = project.command(&[&["serve"], args].concat());
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("read");
    let address = line
        .strip_prefix("serving http://")
        .and_then(|rest| rest.split_once('/'))
        .map(|(address, _)| address.to_string())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    Serving { child, address }
}

/// A GET over a fresh connection: (status, body).
fn get(address: &str, path: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(address).expect("connect");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n").expect("send");
    let mut response = vec![];
    stream.read_to_end(&mut response).expect("read");
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").expect("headers end");
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("status");
    let mut body = response[split + 4..].to_vec();
    if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        body = unchunk(&body);
    }
    (status, body)
}

fn unchunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = vec![];
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n").expect("chunk size");
        let size = usize::from_str_radix(std::str::from_utf8(&data[..line_end]).expect("hex").trim(), 16).expect("hex");
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[line_end + 2..line_end + 2 + size]);
        data = &data[line_end + 2 + size + 2..];
    }
}

fn text(address: &str, path: &str) -> String {
    let (status, body) = get(address, path);
    assert_eq!(status, 200, "GET {path}");
    String::from_utf8(body).expect("utf-8")
}

/// An open event stream, as a page's EventSource holds it.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn open(address: &str) -> Self {
        let mut stream = TcpStream::connect(address).expect("connect");
        write!(stream, "GET /events HTTP/1.1\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n").expect("send");
        stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
        let mut reader = BufReader::new(stream);
        let mut head = String::new();
        while !head.ends_with("\r\n\r\n") {
            reader.read_line(&mut head).expect("headers");
        }
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(head.to_ascii_lowercase().contains("content-type: text/event-stream"), "{head}");
        let mut events = Self { reader };
        assert_eq!(events.next_line(), ": connected");
        events
    }

    fn next_line(&mut self) -> String {
        let mut line = String::new();
        while line.trim().is_empty() {
            line.clear();
            self.reader.read_line(&mut line).expect("an event before the timeout");
        }
        line.trim_end().to_string()
    }

    /// Asserts that no event comes for a while.
    #[track_caller]
    fn quiet_for(&mut self, duration: Duration) {
        self.reader.get_ref().set_read_timeout(Some(duration)).expect("timeout");
        let mut line = String::new();
        while self.reader.read_line(&mut line).is_ok() {
            assert!(line.trim().is_empty(), "an event came with no change: {line:?}");
            line.clear();
        }
        self.reader.get_ref().set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    }

    /// Waits for events saying this file was rebuilt until `done` holds (a save can
    /// arrive as more than one batch of changes, each announced).
    #[track_caller]
    fn until(&mut self, id: &str, done: impl Fn() -> bool) {
        for _ in 0..10 {
            assert_eq!(self.next_line(), format!("data: {id}"));
            if done() {
                return;
            }
        }
        panic!("ten events for {id} and still not rebuilt as expected");
    }
}

#[test]
fn a_saved_figure_file_is_rebuilt_and_announced() {
    let project = Fixture::named("traffic");
    let serving = serve(&project, &[]);
    let address = &serving.address;
    assert!(address.starts_with("127.0.0.1:"), "loopback by default: {address}");
    assert!(text(address, "/").contains("href=\"/view/traffic/2020-01-31\""));
    assert!(text(address, "/view/traffic/2020-01-31").contains("new EventSource(\"/events\")"));
    assert!(common::unkept(&text(address, &format!("/html/{ID}"))).contains("超速1520起"));
    let (status, pdf) = get(address, &format!("/pdf/{ID}"));
    assert_eq!(status, 200);
    assert!(pdf.starts_with(b"%PDF-"));

    let mut events = Events::open(address);
    // Reading the files to build them is no change: nothing happens until a save.
    events.quiet_for(Duration::from_millis(800));
    project.edit(FILE, "cases: 1520", "cases: 1533");
    events.until(ID, || common::unkept(&text(address, &format!("/html/{ID}"))).contains("超速1533起"));
    let (_, new_pdf) = get(address, &format!("/pdf/{ID}"));
    assert!(new_pdf != pdf, "the PDF was rebuilt too");
    assert_eq!(text(address, &format!("/error/{ID}")), "");

    // A template: every file of its series.
    project.edit("templates/traffic/bulletin.md", "超速", "超速駕駛");
    events.until(ID, || common::unkept(&text(address, &format!("/html/{ID}"))).contains("超速駕駛1533起"));
    assert!(!project.file("out").exists(), "the preview writes nothing into the project");
}

#[test]
fn a_broken_file_shows_its_diagnostic_until_fixed() {
    let project = Fixture::named("traffic");
    let serving = serve(&project, &[FILE]);
    let address = &serving.address;
    let (_, good_pdf) = get(address, &format!("/pdf/{ID}"));
    let mut events = Events::open(address);

    project.edit(FILE, "cases: 1520", "cases: x1520");
    events.until(ID, || !text(address, &format!("/error/{ID}")).is_empty());
    let error = text(address, &format!("/error/{ID}"));
    // Exactly as `check` prints it.
    let checked = project.run(&["check", FILE]).failure().stderr();
    assert_eq!(error, checked);
    assert!(error.starts_with("error: `cases` is a count\n  --> data/traffic/2020-01-31.yaml:5:12\n"), "{error}");
    // The last good PDF stays one click away.
    assert_eq!(get(address, &format!("/pdf/{ID}")).1, good_pdf);

    project.edit(FILE, "cases: x1520", "cases: 1521");
    events.until(ID, || text(address, &format!("/error/{ID}")).is_empty());
    assert!(common::unkept(&text(address, &format!("/html/{ID}"))).contains("超速1521起"));
}

#[test]
fn only_the_previews_own_pages_are_served() {
    let project = Fixture::named("traffic");
    let serving = serve(&project, &[]);
    let address = &serving.address;
    for path in [
        "/html/../../../../etc/passwd",
        "/html/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/html/traffic%2F2020-01-31",
        "//etc/passwd",
        "/html/traffic/..%2f..%2fdata",
    ] {
        let (status, body) = get(address, path);
        assert_eq!(status, 400, "{path}: {}", String::from_utf8_lossy(&body));
    }
    for path in ["/etc/passwd", "/data/traffic/2020-01-31.yaml", "/templates/traffic/layout.typ", "/html/traffic"] {
        let (status, body) = get(address, path);
        assert_eq!(status, 404, "{path}: {}", String::from_utf8_lossy(&body));
    }
}

#[test]
fn a_second_preview_on_the_same_port_says_so() {
    let project = Fixture::named("traffic");
    let first = serve(&project, &[]);
    let port = first.address.rsplit_once(':').map(|(_, port)| port.to_string()).expect("port");
    let second = project.run(&["serve", "--port", &port]).failure();
    let stderr = second.stderr();
    assert!(stderr.starts_with(&format!("error: cannot listen on 127.0.0.1:{port}: ")), "{stderr}");
    assert!(stderr.contains(&format!("(another `bulletin serve` on port {port}?)")), "{stderr}");
    assert!(stderr.contains("= help: choose another port with `--port`"), "{stderr}");
}

#[test]
fn another_host_is_allowed_with_a_warning() {
    let project = Fixture::named("traffic");
    let mut command = project.command(&["serve", "--host", "0.0.0.0"]);
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("read");
    assert!(line.starts_with("serving http://0.0.0.0:"), "{line}");
    child.kill().expect("kill");
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("warning: listening on 0.0.0.0: other machines can see these drafts"), "{stderr}");
}

#[test]
fn ctrl_c_stops_it_and_nothing_is_left() {
    use std::os::unix::process::ExitStatusExt;
    let project = Fixture::named("traffic");
    let mut serving = serve(&project, &[]);
    let pid = serving.child.id().to_string();
    assert!(std::process::Command::new("kill").args(["-INT", &pid]).status().expect("kill").success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = serving.child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "still serving after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.signal(), Some(2), "stopped by the interrupt, as Ctrl-C does");
    assert!(!project.file("out").exists() && !project.file("archive").exists(), "nothing written");
}

#[test]
fn every_output_is_linked_from_the_page() {
    let project = Fixture::named("traffic");
    let serving = serve(&project, &[]);
    let page = text(&serving.address, &format!("/view/{ID}"));
    for output in ["/pdf/", "/md/"] {
        assert!(page.contains(&format!("href=\"{output}{ID}\"")), "{output}: {page}");
    }
    assert!(text(&serving.address, &format!("/md/{ID}")).starts_with("# 市交通安全整治情況通報\n"));
    // The PDF pane shows each page as the PDF lays it out, an SVG image per page.
    let pages = text(&serving.address, &format!("/pages/{ID}")).lines().count();
    assert!(pages >= 1, "{pages}");
    for index in 0..pages {
        let (status, svg) = get(&serving.address, &format!("/page-{index}/{ID}"));
        assert_eq!(status, 200, "page {index}");
        assert!(String::from_utf8_lossy(&svg).starts_with("<svg"), "page {index}");
    }
    assert_eq!(get(&serving.address, &format!("/page-{pages}/{ID}")).0, 404, "no page past the last");
}

#[test]
fn every_page_of_a_broken_series_shows_the_whole_diagnostic() {
    let project = Fixture::named("traffic");
    project.write("data/traffic/2020-02-29.yaml", &project.read(FILE).replace("2020-01-31", "2020-02-29"));
    let serving = serve(&project, &[]);
    let address = &serving.address;
    let mut events = Events::open(address);
    project.edit("templates/traffic/bulletin.md", "{{ totals.cases }}", "{{ totals.cases ");
    events.until(ID, || !text(address, &format!("/error/{ID}")).is_empty());
    let checked = project.run(&["check", FILE]).failure().stderr();
    for id in [ID, "traffic/2020-02-29"] {
        let error = text(address, &format!("/error/{id}"));
        assert!(error.starts_with("error: template error"), "{id}: {error}");
        assert!(checked.starts_with(&error), "{id} shows what check prints:\n{error}\n---\n{checked}");
    }
}

#[test]
fn warnings_are_shown_beside_the_page() {
    let project = Fixture::named("traffic");
    project.edit("templates/traffic/layout.typ", "  body\n}", "  text(font: \"No Such Font\")[x]\n  body\n}");
    let serving = serve(&project, &[]);
    let warnings = text(&serving.address, &format!("/warnings/{ID}"));
    assert!(warnings.starts_with("warning: typst: unknown font family: no such font"), "{warnings}");
    assert!(text(&serving.address, &format!("/view/{ID}")).contains("unknown font family"));
    assert!(text(&serving.address, &format!("/typ/{ID}")).contains("#import \"/templates/traffic/layout.typ\""));
}

#[test]
fn other_sites_and_other_methods_are_refused() {
    let project = Fixture::named("traffic");
    let serving = serve(&project, &[]);
    let address = &serving.address;
    let ask = |request: &str| {
        let mut stream = TcpStream::connect(address).expect("connect");
        stream.write_all(request.as_bytes()).expect("send");
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("read");
        response
    };
    // A page of another site whose name points at this address (DNS rebinding).
    let response = ask(&format!("GET /md/{ID} HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n"));
    assert!(response.starts_with("HTTP/1.1 403"), "{response}");
    let response =
        ask(&format!("POST /md/{ID} HTTP/1.1\r\nHost: {address}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
    assert!(response.starts_with("HTTP/1.1 405"), "{response}");
    let port = address.rsplit_once(':').map(|(_, port)| port).expect("port");
    let response = ask(&format!("GET /md/{ID} HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n"));
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
}

#[test]
fn a_client_that_never_reads_holds_up_no_other() {
    let project = Fixture::named("traffic");
    let serving = serve(&project, &[]);
    let address = &serving.address;
    let mut greedy = TcpStream::connect(address).expect("connect");
    for _ in 0..40 {
        // The preview may close a connection that asks for more than it reads; the
        // requests after that cannot be sent (a broken pipe), which is no failure.
        if write!(greedy, "GET /pdf/{ID} HTTP/1.1\r\nHost: {address}\r\n\r\n").is_err() {
            break;
        }
    }
    std::thread::sleep(Duration::from_millis(200));
    assert!(text(address, "/").contains("2020-01-31"), "the index is served meanwhile");
    drop(greedy);
}

#[test]
fn figure_files_that_appear_later_are_previewed() {
    let project = Fixture::named("traffic");
    let figures = project.read(FILE);
    std::fs::remove_dir_all(project.file("data")).expect("rm");
    let serving = serve(&project, &[]);
    let address = &serving.address;
    let mut events = Events::open(address);
    // `data/` itself is made after the preview started, as in a new project.
    project.write(FILE, &figures);
    events.until(ID, || text(address, "/").contains("2020-01-31"));
    assert!(text(address, &format!("/md/{ID}")).contains("超速1520起"));
}

/// A valid series whose folder name is HTML, quotes and all, and a broken figure file
/// whose id (`x<` + `/` + its stem) closes a script and opens an image.
const HOSTILE_SERIES: &str = "x\"' &<img src=x onerror=alert(1)>";
const HOSTILE_BROKEN: &str = "x</script><img src=x onerror=alert(1)>";

/// The traffic fixture with the hostile names planted beside its file.
fn hostile_project() -> Fixture {
    let project = Fixture::named("traffic");
    let figures = project.read(FILE);
    let templates = project.file("templates/traffic");
    common::copy_dir(&templates, &project.file(&format!("templates/{HOSTILE_SERIES}")));
    project.write(&format!("data/{HOSTILE_SERIES}/2020-01-31.yaml"), &figures);
    // A file can hold no `/`: the series `x<` and the stem `script>…` make the id,
    // and the stem is no date, so the file is broken (its diagnostic names it).
    common::copy_dir(&templates, &project.file("templates/x<"));
    project.write(&format!("data/{HOSTILE_BROKEN}.yaml"), &figures);
    // A stem with line breaks, which an event stream must not pass on as they are.
    project.write("data/traffic/a\n\ndata: forged.yaml", &figures);
    project
}

/// Asserts that a page holds the planted names only escaped: no tag, attribute or
/// script from them, and every link to a planted file percent-encoded.
#[track_caller]
fn only_escaped(page: &str, scripts: usize) {
    assert_eq!(page.matches("<script").count(), scripts, "{page}");
    assert_eq!(page.matches("</script").count(), scripts, "{page}");
    assert!(!page.contains("<img"), "{page}");
    // The names as text and percent-encoded, and every link; once those are gone, no
    // `onerror` is left.
    let mut text = page
        .replace("&lt;img src=x onerror=alert(1)&gt;", "")
        .replace("%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E", "");
    for (raw, link) in links(page) {
        assert!(!link.contains(['<', '>', '"', '\'', ' ', '\n']), "{link} in {page}");
        text = text.replace(&format!("\"{raw}\""), "");
    }
    assert!(!text.contains("onerror"), "{page}");
}

/// Every `href` and `src` of a page: as written, and unescaped as the browser reads it.
fn links(page: &str) -> Vec<(String, String)> {
    page.split(" href=\"")
        .skip(1)
        .chain(page.split(" src=\"").skip(1))
        .filter_map(|rest| rest.split_once('"'))
        .map(|(raw, _)| (raw.to_string(), raw.replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&")))
        .filter(|(_, link)| link.starts_with('/'))
        .collect()
}

/// The DOM headless Chromium makes of a page of the preview.
fn dom(address: &str, path: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = std::process::Command::new("chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"])
        .args(["--disable-component-update", "--disable-sync", "--dump-dom"])
        .arg(format!("--user-data-dir={}", dir.path().join("profile").display()))
        .arg(format!("http://{address}{path}"))
        .output()
        .unwrap_or_else(|err| panic!("could not run chromium ({err}): `apt-get install chromium` (README)"));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn names_that_look_like_html_stay_text_in_every_page() {
    let project = hostile_project();
    let serving = serve(&project, &[]);
    let address = &serving.address;
    let index = text(address, "/");
    only_escaped(&index, 1);
    let views: Vec<String> =
        links(&index).into_iter().map(|(_, link)| link).filter(|link| link.contains("%3Cimg")).collect();
    assert_eq!(views.len(), 2, "both planted files are listed: {index}");
    for view in &views {
        let page = text(address, view);
        only_escaped(&page, 1);
        assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"), "the name is shown as text: {page}");
        let broken = view.contains("x%3C/script");
        // A broken file has no last good outputs yet; the links lead to its entry all
        // the same (its error, below, is found through the same link).
        for (_, link) in links(&page) {
            let (status, _) = get(address, &link);
            let output = link != "/";
            assert_eq!(status, if broken && output { 404 } else { 200 }, "{link} from {view}");
        }
        let error = text(address, &view.replacen("/view/", "/error/", 1));
        assert_eq!(broken, error.contains(&format!("--> data/{HOSTILE_BROKEN}.yaml:2:8")), "{error}");
        for path in ["/", view.as_str()] {
            let dom = dom(address, &format!("{path}?still"));
            assert!(dom.contains("bulletin preview</title>"), "{dom}");
            assert!(!dom.contains("onerror=\""), "an element of the name in the DOM of {path}: {dom}");
            assert!(dom.contains("&lt;img src=x onerror=alert(1)&gt;"), "the name as text in {path}: {dom}");
        }
    }
    let html = views.iter().find(|view| !view.contains("x%3C/script")).expect("the valid file");
    assert!(common::unkept(&text(address, &html.replacen("/view/", "/html/", 1))).contains("超速1520起"));
}

#[test]
fn event_streams_carry_names_only_percent_encoded() {
    let project = hostile_project();
    let serving = serve(&project, &[]);
    let mut events = Events::open(&serving.address);
    let figures = project.read(FILE);
    project.edit(&format!("data/{HOSTILE_SERIES}/2020-01-31.yaml"), "cases: 1520", "cases: 1533");
    project.write(&format!("data/{HOSTILE_BROKEN}.yaml"), &figures.replace("cases: 1520", "cases: 1534"));
    project.write("data/traffic/a\n\ndata: forged.yaml", &figures.replace("cases: 1520", "cases: 1535"));
    let safe = |c: char| c.is_ascii_alphanumeric() || "%-._~/".contains(c);
    let mut seen = vec![];
    while seen.len() < 3 {
        let line = events.next_line();
        let data = line.strip_prefix("data: ").unwrap_or_else(|| panic!("not an event: {line:?}"));
        assert!(data.chars().all(safe), "a name not percent-encoded in an event: {line:?}");
        if !seen.contains(&line) {
            seen.push(line);
        }
    }
    seen.sort();
    let expected = [
        "data: traffic/a%0A%0Adata%3A%20forged",
        "data: x%22%27%20%26%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E/2020-01-31",
        "data: x%3C/script%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E",
    ];
    assert_eq!(seen, expected);
}

/// The number of threads of a running process.
fn threads(pid: u32) -> usize {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    let line = status.lines().find_map(|line| line.strip_prefix("Threads:")).expect("Threads:");
    line.trim().parse().expect("a count")
}

/// Sends raw bytes (ignoring a connection closed while sending) and reads until the
/// preview closes the connection, for at most 20 s: the status it answered, if any,
/// and how long it took.
fn exchange(address: &str, request: &[u8]) -> (Option<u16>, Duration) {
    let started = Instant::now();
    let mut stream = TcpStream::connect(address).expect("connect");
    let _ = stream.write_all(request);
    let mut response = vec![];
    let mut chunk = [0; 4096];
    loop {
        let left = Duration::from_secs(20).checked_sub(started.elapsed()).expect("still open after 20 s");
        stream.set_read_timeout(Some(left)).expect("timeout");
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(read) => response.extend_from_slice(&chunk[..read]),
            // A reset after a refusal is a close too.
            Err(err) if err.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(err) => panic!("still open after 20 s ({err})"),
        }
    }
    let head = String::from_utf8_lossy(&response);
    (head.split(' ').nth(1).and_then(|status| status.parse().ok()), started.elapsed())
}

#[test]
fn idle_connections_take_no_threads() {
    let project = Fixture::named("traffic");
    let serving = serve(&project, &[]);
    let address = &serving.address;
    assert!(text(address, "/").contains("2020-01-31"));
    let before = threads(serving.child.id());
    let idle: Vec<TcpStream> = (0..300).map(|_| TcpStream::connect(address).expect("connect")).collect();
    std::thread::sleep(Duration::from_millis(500));
    let during = threads(serving.child.id());
    assert!(during <= before + 1 && during < 40, "{before} threads before 300 idle connections, {during} with them");
    let (status, took) = exchange(address, format!("GET / HTTP/1.1\r\nHost: {address}\r\n\r\n").as_bytes());
    assert_eq!(status, Some(200));
    assert!(took < Duration::from_secs(2), "a page took {took:?} beside 300 idle connections");
    drop(idle);
}

#[test]
fn a_request_sent_slowly_is_dropped_after_five_seconds() {
    let project = Fixture::named("traffic");
    let serving = serve(&project, &[]);
    let address = serving.address.clone();
    // Half a request, then nothing.
    let stalled = std::thread::spawn({
        let address = address.clone();
        move || exchange(&address, format!("GET / HTTP/1.1\r\nHost: {address}\r\n").as_bytes())
    });
    // A byte a second: each arrives in time, the whole never does.
    let mut dripping = TcpStream::connect(&address).expect("connect");
    let started = Instant::now();
    let request = format!("GET / HTTP/1.1\r\nHost: {address}\r\nX-Padding: {}\r\n\r\n", "a".repeat(100));
    let closed = request.bytes().any(|byte| {
        std::thread::sleep(Duration::from_millis(500));
        dripping.write_all(&[byte]).is_err() || started.elapsed() > Duration::from_secs(15)
    });
    assert!(closed && started.elapsed() < Duration::from_secs(9), "dripped for {:?}", started.elapsed());
    assert!(text(&address, "/").contains("2020-01-31"), "the preview answers meanwhile");
    let (status, took) = stalled.join().expect("stalled");
    assert!(status.is_none() || status == Some(408), "{status:?}");
    assert!(took > Duration::from_secs(4) && took < Duration::from_secs(8), "dropped after {took:?}");
}

#[test]
fn oversized_headers_and_bodies_are_refused() {
    let project = Fixture::named("traffic");
    let serving = serve(&project, &[]);
    let address = &serving.address;
    let padding = "a".repeat(64 * 1024);
    let close = "Connection: close\r\n";
    let (status, took) = exchange(
        address,
        format!("GET / HTTP/1.1\r\nHost: {address}\r\n{close}X-Padding: {padding}\r\n\r\n").as_bytes(),
    );
    assert!(status.is_none() || status == Some(431), "{status:?}");
    assert!(took < Duration::from_secs(2), "{took:?}");
    let many: String = (0..200).map(|n| format!("X-{n}: a\r\n")).collect();
    let (status, _) = exchange(address, format!("GET / HTTP/1.1\r\nHost: {address}\r\n{close}{many}\r\n").as_bytes());
    assert_eq!(status, Some(431));
    for body in ["Content-Length: 5\r\n\r\nhello", "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"] {
        let (status, _) = exchange(address, format!("GET / HTTP/1.1\r\nHost: {address}\r\n{close}{body}").as_bytes());
        assert_eq!(status, Some(413), "{body}");
    }
    assert_eq!(exchange(address, b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n").0, Some(400), "TLS");
    assert!(text(address, "/").contains("2020-01-31"), "still serving");
}

#[test]
fn event_streams_are_bounded_and_leave_the_workers_free() {
    let project = Fixture::named("traffic");
    let serving = serve(&project, &[]);
    let address = &serving.address;
    let mut open: Vec<Events> = (0..32).map(|_| Events::open(address)).collect();
    let (status, _) = exchange(address, format!("GET /events HTTP/1.1\r\nHost: {address}\r\n\r\n").as_bytes());
    assert_eq!(status, Some(503), "a 33rd page's event stream");
    let (status, took) = exchange(address, format!("GET / HTTP/1.1\r\nHost: {address}\r\n\r\n").as_bytes());
    assert_eq!(status, Some(200));
    assert!(took < Duration::from_secs(2), "a page took {took:?} beside 32 event streams");
    // A page closed makes room for another.
    open.pop();
    std::thread::sleep(Duration::from_millis(100));
    open.push(Events::open(address));
    project.edit(FILE, "cases: 1520", "cases: 1533");
    for events in &mut open {
        let event = std::iter::repeat_with(|| events.next_line()).find(|line| !line.starts_with(':'));
        assert_eq!(event, Some(format!("data: {ID}")));
    }
}

#[test]
fn mapped_loopback_is_loopback() {
    let project = Fixture::named("traffic");
    let mut serving = serve(&project, &["--host", "::ffff:127.0.0.1"]);
    let address = serving.address.clone();
    let port = address.rsplit_once(':').map(|(_, port)| port).expect("port");
    let ask = |host: &str| {
        exchange(&address, format!("GET /md/{ID} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes()).0
    };
    assert_eq!(ask("evil.example"), Some(403), "another site's name");
    assert_eq!(ask(&format!("evil.example:{port}")), Some(403), "another site's name");
    assert_eq!(ask(&format!("localhost:{port}")), Some(200));
    serving.child.kill().expect("kill");
    let mut stderr = String::new();
    serving.child.stderr.take().expect("stderr").read_to_string(&mut stderr).expect("read");
    assert_eq!(stderr, "", "no warning: this machine only");
}

/// A template saved with a loop that never ends in time: the preview stops it at the
/// time limit, shows the error, keeps the last good outputs, and still answers; the
/// template fixed, the page is new again.
#[test]
fn a_template_that_runs_too_long_is_stopped_and_the_last_good_page_stays() {
    let project = Fixture::named("traffic");
    let serving = serve(&project, &["--time-limit", "1", FILE]);
    let address = &serving.address;
    let (_, good_pdf) = get(address, &format!("/pdf/{ID}"));
    let mut events = Events::open(address);
    let template = "templates/traffic/bulletin.md";
    let original = project.read(template);
    let endless = "{% set r = range(end=10000) %}{% for i in r %}{% for j in r %}{% for k in r %}{% endfor %}{% endfor %}{% endfor %}";
    project.write(template, &format!("{original}\n{endless}\n"));
    let saved = Instant::now();
    events.until(ID, || !text(address, &format!("/error/{ID}")).is_empty());
    assert!(saved.elapsed() < Duration::from_secs(5), "the error took {:?}", saved.elapsed());
    let error = text(address, &format!("/error/{ID}"));
    assert!(error.contains("took longer than 1 s; stopped"), "{error}");
    assert_eq!(get(address, &format!("/pdf/{ID}")).1, good_pdf, "the last good PDF stays");
    // While that render may still run on, the preview answers at once.
    let asked = Instant::now();
    assert_eq!(get(address, "/").0, 200);
    assert!(asked.elapsed() < Duration::from_secs(1), "{:?}", asked.elapsed());
    project.write(template, &original.replace("全市", "全市範圍內"));
    events.until(ID, || text(address, &format!("/error/{ID}")).is_empty());
    assert!(text(address, &format!("/html/{ID}")).contains("全市範圍內"));
}

/// Waits until a script's expression in the page is true (20 s at most).
#[track_caller]
fn until_true(browser: &mut common::cdp::Browser, expression: &str) {
    let start = Instant::now();
    while browser.eval(expression) != serde_json::json!(true) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "never true: {expression}: {}",
            browser.eval("JSON.stringify(document.body.dataset)")
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn an_edit_is_shown_in_place_and_only_the_pages_it_changed_are_drawn_again() {
    // Issue 25: the page was reloaded whole on every save and every page of the PDF
    // drawn again. Now the web page's body is put in place in the same document and
    // only the PDF pages whose text changed are drawn; checked in a live Chromium.
    let project = Fixture::shipped();
    let serving = serve(&project, &[]);
    let url = format!("http://{}/view/shiyaohuan/2019-11-15", serving.address);
    let mut browser = common::cdp::Browser::open(&url, (1400, 1000));
    until_true(
        &mut browser,
        "!!document.body.dataset.painted && !!document.body.dataset.listening && document.querySelectorAll('#pdf img').length > 3",
    );
    let frame = "document.getElementById('html').contentWindow";
    browser.eval(&format!(
        "window.kept = 1; {frame}.kept = 1; document.querySelectorAll('#pdf img').forEach(p => p.kept = 1); \
         window.before = document.body.dataset.painted"
    ));
    project.edit("data/shiyaohuan/2019-11-15.yaml", "cases: 186,", "cases: 188,");
    until_true(
        &mut browser,
        &format!(
            "document.body.dataset.painted !== window.before && {frame}.document.body.innerText.includes('共破食品類案件188起')"
        ),
    );
    assert_eq!(browser.eval(&format!("[window.kept, {frame}.kept]")), serde_json::json!([1, 1]), "nothing reloaded");
    let drawn = browser.eval("[...document.querySelectorAll('#pdf img')].map(p => p.kept === 1)");
    let kept: Vec<bool> = serde_json::from_value(drawn).expect("pages");
    // Page 1 (the total, 958) and the food paragraph's page change; the last pages not.
    assert!(!kept[0] && kept.iter().any(|&k| k) && kept.iter().any(|&k| !k), "pages kept: {kept:?}");
    assert_eq!(browser.eval("document.body.dataset.pages"), serde_json::json!(kept.len().to_string()));
}
