//! Failure injection, so the tests can prove what happens when a step fails: a full
//! disk, a kill or a panic at an exact step, not at a moment chosen by a timer.
//!
//! `BULLETIN_FAULT=<point>#<n>=<action>` makes the `n`-th time this process reaches
//! `point` (counted from 1) fail with `action`:
//!
//! - points: `fs` (every step that prepares a change to the file system: a lock,
//!   a folder, a temporary file created, written or synced), `commit` (every step
//!   that makes prepared files visible: a rename, and the sync of its folder after),
//!   `compile` (each Typst compile);
//! - actions: `error` (an I/O error, "no space left on device"), `abort` (the
//!   process ends at once, as if killed), `panic`, `wait:<file>` (the process
//!   holds still there until `<file>` exists, so a test can act in between).
//!
//! Without the variable every point costs one relaxed atomic load.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The variable that arms a fault.
pub const VARIABLE: &str = "BULLETIN_FAULT";

/// One armed fault.
struct Fault {
    point: String,
    nth: usize,
    action: Action,
    reached: AtomicUsize,
}

enum Action {
    Error,
    Abort,
    Panic,
    Wait(PathBuf),
}

fn armed() -> Option<&'static Fault> {
    static FAULT: OnceLock<Option<Fault>> = OnceLock::new();
    FAULT
        .get_or_init(|| {
            let spec = std::env::var(VARIABLE).ok()?;
            let (target, action) = spec.split_once('=')?;
            let (point, nth) = target.split_once('#')?;
            let action = match action {
                "error" => Action::Error,
                "abort" => Action::Abort,
                "panic" => Action::Panic,
                _ => Action::Wait(PathBuf::from(action.strip_prefix("wait:")?)),
            };
            Some(Fault { point: point.to_string(), nth: nth.parse().ok()?, action, reached: AtomicUsize::new(0) })
        })
        .as_ref()
}

/// Marks that the process reached `point`; fails there if a fault is armed for it.
pub fn point(point: &str) -> std::io::Result<()> {
    let Some(fault) = armed() else { return Ok(()) };
    if fault.point != point || fault.reached.fetch_add(1, Ordering::SeqCst) + 1 != fault.nth {
        return Ok(());
    }
    match &fault.action {
        Action::Error => Err(std::io::Error::from_raw_os_error(libc::ENOSPC)),
        Action::Abort => std::process::abort(),
        Action::Panic => panic!("injected panic at {point} #{}", fault.nth),
        Action::Wait(file) => {
            while !file.exists() {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            Ok(())
        }
    }
}
