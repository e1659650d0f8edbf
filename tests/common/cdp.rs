//! A live headless Chromium (Debian's `chromium`) driven over the DevTools protocol on
//! a pipe (`--remote-debugging-pipe`: JSON messages each ended by a NUL byte, read by
//! the browser on its descriptor 3 and written on its descriptor 4), so a test or a
//! benchmark can read a page's state while it runs: what the live preview shows
//! after a save, and when.
//!
//! Self-contained (std, libc and serde_json), so the preview benchmark includes it too.

use std::io::{BufRead, BufReader, PipeReader, PipeWriter, Write};
use std::os::fd::AsRawFd;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

/// A browser showing one page.
pub struct Browser {
    child: Child,
    to: PipeWriter,
    from: BufReader<PipeReader>,
    next: u64,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Chromium, headless, its window `width` × `height`, showing `url`.
    pub fn open(url: &str, (width, height): (u32, u32)) -> Self {
        let profile = tempfile::tempdir().expect("temp dir");
        let (theirs_in, to) = std::io::pipe().expect("pipe");
        let (from, theirs_out) = std::io::pipe().expect("pipe");
        let mut command = Command::new("chromium");
        command
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"])
            .args(["--disable-component-update", "--disable-sync", "--remote-debugging-pipe"])
            .arg(format!("--window-size={width},{height}"))
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let fds = (theirs_in.as_raw_fd(), theirs_out.as_raw_fd());
        // SAFETY: between fork and exec only async-signal-safe calls (fcntl, dup2).
        #[allow(unsafe_code, reason = "the browser's descriptors 3 and 4 are set between fork and exec")]
        unsafe {
            command.pre_exec(move || place_descriptors(fds));
        }
        let child = command
            .spawn()
            .unwrap_or_else(|err| panic!("could not run chromium ({err}): `apt-get install chromium` (README)"));
        drop((theirs_in, theirs_out));
        let mut browser =
            Self { child, to, from: BufReader::new(from), next: 0, session: String::new(), _profile: profile };
        let target = browser.call(None, "Target.createTarget", json!({ "url": url }))["targetId"].clone();
        let attached = browser.call(None, "Target.attachToTarget", json!({ "targetId": target, "flatten": true }));
        browser.session = attached["sessionId"].as_str().expect("a session").to_string();
        browser
    }

    /// Sends one command (to the page when `session` is set) and returns its result,
    /// passing over the events that arrive meanwhile.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next += 1;
        let mut message = json!({ "id": self.next, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message).expect("json");
        bytes.push(0);
        self.to.write_all(&bytes).expect("write to chromium");
        loop {
            let mut reply = vec![];
            self.from.read_until(0, &mut reply).expect("read from chromium");
            assert!(reply.pop() == Some(0), "chromium closed its pipe");
            let reply: Value = serde_json::from_slice(&reply).expect("a message");
            if reply["id"] == json!(self.next) {
                assert!(reply.get("error").is_none(), "{method}: {reply}");
                return reply["result"].clone();
            }
        }
    }

    /// The value of a script's expression in the page (a promise awaited); `null` when
    /// it throws.
    pub fn eval(&mut self, expression: &str) -> Value {
        let session = self.session.clone();
        let params = json!({ "expression": expression, "returnByValue": true, "awaitPromise": true });
        self.call(Some(&session), "Runtime.evaluate", params)["result"]["value"].clone()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Puts the browser's end of the command pipe on descriptor 3 and of the reply pipe
/// on 4 (first moved above both, so neither is overwritten by the other's move, and
/// the copies do not close on exec).
fn place_descriptors((commands, replies): (i32, i32)) -> std::io::Result<()> {
    let check = |result: i32| if result < 0 { Err(std::io::Error::last_os_error()) } else { Ok(result) };
    // SAFETY: plain descriptor calls on descriptors this process owns.
    #[allow(unsafe_code, reason = "fcntl and dup2 on the pipes' descriptors")]
    unsafe {
        let high = (check(libc::fcntl(commands, libc::F_DUPFD, 10))?, check(libc::fcntl(replies, libc::F_DUPFD, 10))?);
        check(libc::dup2(high.0, 3))?;
        check(libc::dup2(high.1, 4))?;
    }
    Ok(())
}
