//! Hostile or broken input fails fast, in bounded memory, and never damages what was
//! built before; a build killed at any moment leaves every output whole.

#![allow(unsafe_code, reason = "getrusage is the one way to read a child's peak memory")]

mod common;

use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::time::{Duration, Instant};

use common::Fixture;

/// The most address space a check of a hostile file may use.
const MEMORY_LIMIT: u64 = 256 * 1024 * 1024;

/// Runs `bulletin check` on the figure file the closure writes; returns stderr,
/// asserting a failure within a second and within [`MEMORY_LIMIT`] of memory (set
/// as the child's address-space limit, so going over it is an allocation failure).
#[track_caller]
fn hostile(write: impl FnOnce(&Path)) -> String {
    hostile_to("check", write)
}

/// [`hostile`] with another subcommand.
#[track_caller]
fn hostile_to(subcommand: &str, write: impl FnOnce(&Path)) -> String {
    let project = Fixture::named("traffic");
    write(&project.file("data/traffic/2020-01-31.yaml"));
    let start = Instant::now();
    let mut command = project.command(&[subcommand]);
    // SAFETY: setrlimit is async-signal-safe and touches no memory of the parent.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit { rlim_cur: MEMORY_LIMIT, rlim_max: MEMORY_LIMIT };
            if libc::setrlimit(libc::RLIMIT_AS, &raw const limit) == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
    }
    let output = command.output().expect("run bulletin");
    let elapsed = start.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "bulletin check should fail cleanly:\n{stderr}");
    // A bound, not a benchmark: hostile inputs are refused in milliseconds.
    assert!(elapsed < Duration::from_secs(1), "took {elapsed:?}");
    stderr
}

/// Writes text to a file.
fn text(contents: impl AsRef<[u8]>) -> impl FnOnce(&Path) {
    move |path| std::fs::write(path, contents).expect("write")
}

#[test]
fn billion_laughs_is_refused() {
    let mut yaml = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (name, previous) in
        ["b", "c", "d", "e", "f", "g", "h", "i"].iter().zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        yaml.push_str(&format!("{name}: &{name} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous}]\n"));
    }
    let stderr = hostile(text(yaml));
    assert!(
        stderr.starts_with("error: aliases are not allowed in a figure file\n  --> data/traffic/2020-01-31.yaml:2:8\n"),
        "{stderr}"
    );
}

#[test]
fn a_hundred_megabyte_file_is_refused_unread() {
    for subcommand in ["check", "build"] {
        let stderr = hostile_to(subcommand, |path| {
            let mut file = std::fs::File::create(path).expect("create");
            file.write_all(b"as_of: 2020-01-31\nfigures:\n").expect("write");
            let comment = [b'#'; 1024 * 1024];
            for _ in 0..100 {
                file.write_all(&comment).expect("write");
            }
        });
        assert_eq!(
            stderr,
            "error: `data/traffic/2020-01-31.yaml` is 104857627 bytes, too large for a figure file (at most 1048576)\n\n",
            "{subcommand}"
        );
    }
}

#[test]
fn deep_nesting_is_refused() {
    let deep = format!("as_of: 2020-01-31\nfigures: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let stderr = hostile(text(deep));
    assert!(stderr.starts_with("error: the file nests too deeply\n"), "{stderr}");
    let deep = format!("as_of: 2020-01-31\nfigures: {}1{}\n", "{a: ".repeat(10_000), "}".repeat(10_000));
    let stderr = hostile(text(deep));
    assert!(stderr.starts_with("error: the file nests too deeply\n"), "{stderr}");
}

#[test]
fn invalid_utf8_is_reported() {
    let stderr = hostile(text(b"as_of: 2020-01-31\nfigures: \xff\n"));
    assert_eq!(
        stderr,
        "error: the file is not valid UTF-8\n  --> data/traffic/2020-01-31.yaml:2:10\n  |\n2 | figures: \u{fffd}\n  |          ^ this byte\n\n"
    );
}

/// Fails a build at each step of its write sequence in turn (`BULLETIN_FAULT`): a
/// write error (a full disk) at every step that prepares a file, and a kill at every
/// step, renames included. After a write error the outputs are the whole old set or
/// the whole new one; after a kill each output is the old file or the new one.
#[test]
fn a_failure_at_any_write_step_leaves_old_or_new_outputs() {
    let file = "data/traffic/2020-01-31.yaml";
    let outputs = ["md", "html", "pdf"].map(|ext| format!("out/traffic/2020-01-31.{ext}"));
    let read_all = |project: &Fixture| -> Vec<Vec<u8>> {
        outputs.iter().map(|out| std::fs::read(project.file(out)).expect("an output went missing")).collect()
    };
    let reference = Fixture::named("traffic");
    reference.edit(file, "cases: 1520", "cases: 1521");
    reference.run(&["build"]).success();
    let new = read_all(&reference);

    for (point, action) in [("fs", "error"), ("commit", "error"), ("fs", "abort"), ("commit", "abort")] {
        let project = Fixture::named("traffic");
        project.run(&["build"]).success();
        let old = read_all(&project);
        project.edit(file, "cases: 1520", "cases: 1521");
        let mut step = 1;
        loop {
            let fault = format!("{point}#{step}={action}");
            let output = project.command(&["build"]).env("BULLETIN_FAULT", &fault).output().expect("run");
            let now = read_all(&project);
            for ((out, now), (old, new)) in outputs.iter().zip(&now).zip(old.iter().zip(&new)) {
                assert!(now == old || now == new, "{out} is neither the old nor the new file after {fault}");
            }
            if output.status.success() {
                break; // The fault lay past the last step: the build went through.
            }
            if action == "error" {
                assert!(now == old || now == new, "after {fault} the outputs are a mix of old and new");
                let stderr = String::from_utf8_lossy(&output.stderr);
                assert!(stderr.contains("no space left on device"), "{fault}: {stderr}");
                let left: Vec<String> = std::fs::read_dir(project.file("out/traffic"))
                    .expect("read out/")
                    .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                    .filter(|name| name.ends_with(".tmp"))
                    .collect();
                assert!(left.is_empty(), "a failed build left temporaries: {left:?}");
            }
            step += 1;
            assert!(step < 50, "{point}: the build never got past its faults");
        }
        assert!(step > 3, "{point}: only {step} steps were tried; the fault points are not reached");
        // Whatever failed before, the next build completes and writes the new files.
        project.run(&["build"]).success();
        assert!(read_all(&project) == new, "{point}={action}: the last build did not write the new files");
    }
}
