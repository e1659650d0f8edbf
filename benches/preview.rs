//! Edit-to-event latency of the live preview: the reference bulletin is previewed by
//! the real `bulletin serve`, its figure file is saved N times (N = 50 by default),
//! and each time the clock runs from the save to the moment the reload event, sent
//! once the new HTML and PDF are ready, reaches a page's event stream on loopback.
//! Then the same edits in a live headless Chromium (when installed), from the save to
//! the page painted with the new figure in both panes (the web page put in place,
//! the PDF pages that changed drawn again, each an SVG image). Run with `cargo bench
//! --bench preview [-- N]`; `BULLETIN_TEST_BINARY=path` times another build of
//! bulletin.

#![allow(clippy::print_stderr, reason = "a benchmark reports on the terminal")]

#[path = "../tests/common/cdp.rs"]
mod cdp;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ID: &str = "shiyaohuan/2019-11-15";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--bench")).collect();
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(50);
    // Under target/, as the pipeline benchmark explains: /tmp is slow on these machines.
    let project = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
    let root = project.path();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["templates/shiyaohuan", "data/shiyaohuan"] {
        std::fs::create_dir_all(root.join(dir)).expect("mkdir");
        for entry in std::fs::read_dir(repo.join(dir)).expect("read") {
            let entry = entry.expect("entry");
            std::fs::copy(entry.path(), root.join(dir).join(entry.file_name())).expect("copy");
        }
    }
    let file = root.join("data/shiyaohuan/2019-11-15.yaml");
    let original = std::fs::read_to_string(&file).expect("read");

    // Another build of bulletin to time (as in the tests), to compare two side by side.
    let binary = std::env::var("BULLETIN_TEST_BINARY").unwrap_or_else(|_| env!("CARGO_BIN_EXE_bulletin").to_string());
    let mut child = Command::new(binary)
        .args(["serve", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn bulletin serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("read");
    let address = line.trim().strip_prefix("serving http://").and_then(|r| r.split_once('/')).expect("address").0;

    let stream = TcpStream::connect(address).expect("connect");
    let mut events = BufReader::new(stream.try_clone().expect("clone"));
    write!(&stream, "GET /events HTTP/1.1\r\nHost: {address}\r\n\r\n").expect("send");
    let mut head = String::new();
    while !head.ends_with("\r\n\r\n") {
        events.read_line(&mut head).expect("headers");
    }

    let mut latencies = vec![];
    for i in 0..=n {
        let text = original.replacen("food:        {cases: 186,", &format!("food:        {{cases: {},", 186 + i), 1);
        let saved = Instant::now();
        std::fs::write(&file, text).expect("save");
        // The event that counts is the one after which the page shows the new figure.
        let expected = format!("共破食品類案件{}起", 186 + i);
        loop {
            wait_for(&mut events, &stream);
            if get(address, &format!("/md/{ID}")).contains(&expected) {
                break;
            }
        }
        // The first edit warms the caches, as the office's first save would.
        if i > 0 {
            latencies.push(saved.elapsed());
        }
        // Let a save's trailing events (if any) arrive and drop them.
        std::thread::sleep(Duration::from_millis(100));
        drain(&mut events, &stream);
    }
    println!("{n} edits of the reference bulletin: {}", summary("save → reload event (HTML and PDF ready)", latencies));

    // The same edits seen in a browser: from the save to the page painted with the new
    // figure in both panes (the viewer stamps `data-painted` after the frame that
    // shows them).
    if Command::new("chromium").arg("--version").output().is_ok() {
        let mut browser = cdp::Browser::open(&format!("http://{address}/view/{ID}"), (1400, 1000));
        let frame = "document.getElementById('html').contentWindow.document.body.innerText";
        let start = Instant::now();
        while browser.eval("!!(document.body.dataset.listening && document.body.dataset.painted)") != true {
            assert!(start.elapsed() < Duration::from_secs(30), "the page never opened its event stream");
            std::thread::sleep(Duration::from_millis(10));
        }
        let (mut web, mut painted) = (vec![], vec![]);
        for i in 0..=n {
            let cases = 500 + i;
            let text = original.replacen("food:        {cases: 186,", &format!("food:        {{cases: {cases},"), 1);
            let saved = now_ms();
            std::fs::write(&file, text).expect("save");
            let expected = format!("共破食品類案件{cases}起");
            let check = format!(
                "{frame}.includes('{expected}') && +document.body.dataset.painted > {saved} ? \
                 [+document.body.dataset.web, +document.body.dataset.painted] : null"
            );
            let start = Instant::now();
            let stamps = loop {
                if let Some(stamps) = browser.eval(&check).as_array().cloned() {
                    break stamps;
                }
                assert!(
                    start.elapsed() < Duration::from_secs(30),
                    "not painted within 30 s: {} {}",
                    browser.eval("JSON.stringify(document.body.dataset)"),
                    browser.eval(&format!("{frame}.includes('{expected}')"))
                );
                std::thread::sleep(Duration::from_millis(2));
            };
            let since =
                |stamp: &serde_json::Value| Duration::from_secs_f64((stamp.as_f64().expect("ms") - saved) / 1000.0);
            if i > 0 {
                web.push(since(&stamps[0]));
                painted.push(since(&stamps[1]));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        println!("{n} edits in Chromium: {}", summary("save → new figure painted in the web page", web));
        println!("{n} edits in Chromium: {}", summary("save → the PDF's changed pages painted too", painted));
    } else {
        println!("chromium not found: `apt-get install chromium` to measure the save → painted time");
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Milliseconds since 1970, as the page's `Date.now()` counts them.
fn now_ms() -> f64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("after 1970").as_secs_f64() * 1000.0
}

/// The median, 95th percentile and largest of some latencies.
fn summary(what: &str, mut latencies: Vec<Duration>) -> String {
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q).round() as usize];
    format!("{what}: median {:.1} ms, 95th percentile {:.1} ms, max {:.1} ms", ms(at(0.5)), ms(at(0.95)), ms(at(1.0)))
}

/// A page's text, over a fresh connection.
fn get(address: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(address).expect("connect");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n").expect("send");
    let mut response = String::new();
    std::io::Read::read_to_string(&mut stream, &mut response).expect("read");
    response
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// Reads the event stream until this file's reload event.
fn wait_for(events: &mut BufReader<TcpStream>, stream: &TcpStream) {
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    let mut line = String::new();
    while line.trim_end() != format!("data: {ID}") {
        line.clear();
        events.read_line(&mut line).expect("an event within 30 s");
    }
}

/// Drops whatever events arrived since.
fn drain(events: &mut BufReader<TcpStream>, stream: &TcpStream) {
    stream.set_read_timeout(Some(Duration::from_millis(5))).expect("timeout");
    let mut line = String::new();
    while events.read_line(&mut line).is_ok_and(|read| read > 0) {
        line.clear();
    }
}
