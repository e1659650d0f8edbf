//! The whole-catalogue benchmark: generates N figure files of the reference series
//! (varied figures, N = 200 by default) and measures, on this machine:
//!
//! - the full pipeline: `bulletin build --force` (Markdown, HTML, PDF of each, in
//!   both editions of the reference series, Traditional and Simplified), and the
//!   same for the first edition only (`--edition zh-Hant`);
//! - the floor: Typst compile-and-export alone (the PDF written to disk, as `typst
//!   compile` ends), in process, of the same Typst sources;
//! - a separate `typst compile` process per bulletin on the same sources, the same
//!   number at a time (when the `typst` command is installed);
//! - a no-op rebuild, and an edit of one figure file followed by a rebuild.
//!
//! Wall time, time per bulletin and peak memory (of the process doing the work) are
//! reported. Run with `cargo bench --bench pipeline [-- N [JOBS]]`; `cargo bench --bench
//! pipeline -- scale 1000 10000` builds each number of files once instead (time per
//! bulletin and peak memory as the number grows).

#![allow(unsafe_code, reason = "wait4 is the one way to read a child's own peak memory")]
#![allow(clippy::print_stderr, reason = "a benchmark reports on the terminal")]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use bulletin::core::date::Date;
use bulletin::input::fonts::Fonts;
use bulletin::input::project::Project;
use bulletin::input::snapshot::SeriesFiles;
use bulletin::render::typst::compile::{Archival, Compiler};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--bench")).collect();
    if args.first().map(String::as_str) == Some("floor") {
        floor(Path::new(&args[1]), args[2].parse().expect("jobs"));
        return;
    }
    if args.first().map(String::as_str) == Some("scale") {
        let sizes: Vec<u32> = args[1..].iter().map(|a| a.parse().expect("a number of files")).collect();
        scale(&sizes);
        return;
    }
    let n: u32 = args.first().and_then(|a| a.parse().ok()).unwrap_or(200);
    let jobs: usize = args
        .get(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    // Under target/, where cargo keeps benchmark files: on this project's machines
    // creating a file in a new folder under /tmp costs about 1 ms (against 30 µs
    // under /work), which would measure the sandbox rather than bulletin.
    let project = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
    let root = project.path();
    setup(root, n);
    let bulletin = env!("CARGO_BIN_EXE_bulletin");
    println!("{n} bulletins, {jobs} jobs, {} cores", std::thread::available_parallelism().map_or(1, usize::from));

    // Warm the font index and the page cache, as an office's second run would be, and
    // keep the Typst sources for the floor and the separate processes.
    measure(
        Command::new(bulletin)
            .args(["build", "--force", "--format", "typ", "--jobs", &jobs.to_string()])
            .current_dir(root),
    );
    std::fs::create_dir_all(root.join("typ")).expect("mkdir");
    for source in typst_sources(&root.join("out/shiyaohuan")) {
        std::fs::rename(&source, root.join("typ").join(source.file_name().expect("name"))).expect("move");
    }

    // The pipeline and the floor alternate, RUNS times each, and the medians are
    // compared: a single compile of 200 bulletins varies by about a tenth between runs.
    let (mut pipelines, mut floors, mut firsts) = (vec![], vec![], vec![]);
    for _ in 0..RUNS {
        std::fs::remove_dir_all(root.join("out")).expect("clear out/");
        firsts.push(measure(
            Command::new(bulletin)
                .args(["build", "--force", "--edition", "zh-Hant", "--jobs", &jobs.to_string()])
                .current_dir(root),
        ));
        // A full build writes every output afresh.
        std::fs::remove_dir_all(root.join("out")).expect("clear out/");
        pipelines.push(measure(
            Command::new(bulletin).args(["build", "--force", "--jobs", &jobs.to_string()]).current_dir(root),
        ));
        floors.push(measure(Command::new(std::env::current_exe().expect("exe")).args([
            "floor",
            root.to_str().expect("path"),
            &jobs.to_string(),
        ])));
    }
    // What each output costs: the full build against builds leaving one out, run
    // alternately, medians compared.
    let leave_out = ["docx", "fragment", "html", "pdf"];
    let mut without: Vec<Vec<Measured>> = leave_out.iter().map(|_| vec![]).collect();
    for _ in 0..RUNS {
        for (i, format) in leave_out.iter().enumerate() {
            std::fs::remove_dir_all(root.join("out")).expect("clear out/");
            without[i].push(measure(
                Command::new(bulletin)
                    .args(["build", "--force", "--without", format, "--jobs", &jobs.to_string()])
                    .current_dir(root),
            ));
        }
    }
    let (pipeline, floor, first) = (median(pipelines), median(floors), median(firsts));
    report(&format!("pipeline (every output), two editions, median of {RUNS}"), n, &pipeline);
    report(&format!("pipeline, first edition only, median of {RUNS}"), n, &first);
    println!("  two editions / one: {:.2}", pipeline.wall.as_secs_f64() / first.wall.as_secs_f64());
    for (format, runs) in leave_out.iter().zip(without) {
        let run = median(runs);
        report(&format!("pipeline without {format}, median of {RUNS}"), n, &run);
        println!(
            "  {format} costs {:.1} % of the rest ({:.3} s)",
            (pipeline.wall.as_secs_f64() / run.wall.as_secs_f64() - 1.0) * 100.0,
            pipeline.wall.as_secs_f64() - run.wall.as_secs_f64()
        );
    }
    report(&format!("typst compile + export, in process (floor), median of {RUNS}"), n, &floor);
    println!("  pipeline / floor: {:.2}", pipeline.wall.as_secs_f64() / floor.wall.as_secs_f64());

    let typst = std::env::var("TYPST").unwrap_or_else(|_| "typst".to_string());
    if Command::new(&typst).arg("--version").stdout(Stdio::null()).status().is_ok_and(|s| s.success()) {
        let separate = separate_processes(&typst, root, jobs);
        report(&format!("`{typst} compile`, one process per bulletin"), n, &separate);
        println!("  separate processes / pipeline: {:.2}", separate.wall.as_secs_f64() / pipeline.wall.as_secs_f64());
    } else {
        println!("`{typst}` not found: install typst-cli 0.15.1 (or set TYPST) to compare with separate processes");
    }

    // The last build measured left some outputs out: a full build first, so the
    // no-op finds every output in place.
    measure(Command::new(bulletin).args(["build", "--jobs", &jobs.to_string()]).current_dir(root));
    let noop = measure(Command::new(bulletin).args(["build"]).current_dir(root));
    report("no-op rebuild", n, &noop);

    // Font discovery in a one-file build: a cold font index (every font file scanned)
    // against the cached one.
    let one = root.join("data/shiyaohuan/2015-01-02.yaml");
    let one = one.to_str().expect("path");
    let cold_cache = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp");
    for state in ["cold", "cached"] {
        let mut command = Command::new(bulletin);
        command.args(["build", "--force", one]).env("XDG_CACHE_HOME", cold_cache.path()).current_dir(root);
        report(&format!("one-file build, font index {state}"), 1, &measure(&mut command));
    }

    one_file(root, bulletin, one, &typst);

    // An edited figure file, rebuilt: every output of both editions. One fewer food
    // case in the first period, then back (no later period falls below it).
    let first = root.join("data/shiyaohuan/2015-01-01.yaml");
    let text = std::fs::read_to_string(&first).expect("read");
    against_typst(root, first.to_str().expect("path"), &typst, "one figure file edited, rebuild", |i| {
        let cases = if i % 2 == 0 { "{cases: 149," } else { "{cases: 150," };
        std::fs::write(&first, text.replacen("{cases: 150,", cases, 1)).expect("edit");
        measure(Command::new(bulletin).args(["build"]).current_dir(root))
    });
}

/// Each number of files built once (every output of both editions, one job per
/// core): time per bulletin and peak memory, to see both stay flat as the number grows.
fn scale(sizes: &[u32]) {
    let bulletin = env!("CARGO_BIN_EXE_bulletin");
    for &n in sizes {
        let project = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
        setup(project.path(), n);
        // The font index warmed, as in every other measure.
        let one = project.path().join("data/shiyaohuan/2015-01-01.yaml");
        measure(Command::new(bulletin).args(["build", one.to_str().expect("path")]).current_dir(project.path()));
        let built = measure(Command::new(bulletin).args(["build", "--force"]).current_dir(project.path()));
        report(&format!("{n} bulletins, built once"), n, &built);
    }
}

/// How many pairs a paired comparison of one file takes.
const PAIRS: usize = 11;

/// One file, every output of both editions (`build --force`), against one `typst
/// compile` of one edition's generated source with the same fonts, run in turn, and
/// the ratio taken pair by pair.
fn one_file(root: &Path, bulletin: &str, file: &str, typst: &str) {
    let what = "one-file build --force (both editions, every output)";
    against_typst(root, file, typst, what, |_| {
        measure(Command::new(bulletin).args(["build", "--force", file]).current_dir(root))
    });
}

/// `run(i)` for each of [`PAIRS`] pairs, each in turn with one `typst compile` of
/// `file`'s generated source (when typst-cli is installed): the medians of both, and
/// the median of the pairs' ratios, which holds however fast the machine is that day.
fn against_typst(root: &Path, file: &str, typst: &str, what: &str, mut run: impl FnMut(usize) -> Measured) {
    let source =
        root.join("typ").join(format!("{}.typ", Path::new(file).file_stem().and_then(|s| s.to_str()).expect("stem")));
    let has_typst = Command::new(typst).arg("--version").stdout(Stdio::null()).status().is_ok_and(|s| s.success());
    let (mut runs, mut compiles, mut ratios) = (vec![], vec![], vec![]);
    for i in 0..PAIRS {
        let measured = run(i);
        if has_typst {
            let target = root.join("one.pdf");
            let compile = measure(typst_compile(typst, root, &source, &target).stderr(Stdio::null()));
            ratios.push(measured.wall.as_secs_f64() / compile.wall.as_secs_f64());
            compiles.push(compile);
        }
        runs.push(measured);
    }
    report(&format!("{what}, median of {PAIRS}"), 1, &median(runs));
    if has_typst {
        report(&format!("`{typst} compile` of one edition's source, median of {PAIRS}"), 1, &median(compiles));
        ratios.sort_by(f64::total_cmp);
        println!("  {what} / typst compile, median of the pairs' ratios: {:.2}", ratios[PAIRS / 2]);
    }
}

/// `typst compile` of one source with the fonts the binary is told to use.
fn typst_compile(typst: &str, root: &Path, source: &Path, target: &Path) -> Command {
    let (extra, system) = font_setting();
    let mut command = Command::new(typst);
    command.arg("compile");
    for path in &extra {
        command.arg("--font-path").arg(path);
    }
    if !system {
        command.arg("--ignore-system-fonts");
    }
    command.arg("--root").arg(root).arg(source).arg(target);
    command
}

/// A project with the shipped templates and `n` periods of varied figures.
fn setup(root: &Path, n: u32) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in walkdir::WalkDir::new(repo.join("templates")).into_iter().filter_map(Result::ok) {
        let target = root.join(entry.path().strip_prefix(repo).expect("prefix"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
    let reference = std::fs::read_to_string(repo.join("data/shiyaohuan/2019-11-15.yaml")).expect("reference");
    std::fs::create_dir_all(root.join("data/shiyaohuan")).expect("mkdir");
    let mut date = Date { year: 2015, month: 1, day: 1 };
    for i in 0..n {
        // Figures that grow day by day, as the reference series' cumulative figures do;
        // each replaced after its key, so no figure is replaced inside another.
        let vary = |text: String, key: &str, from: &str, base: u64, step: u64| {
            text.replacen(&format!("{key}{from}"), &format!("{key}{}", base + u64::from(i) * step), 1)
        };
        let text = reference.replace("2019-11-15", &date.to_string());
        let text = vary(text, "food:        {cases: ", "186", 150, 3);
        let text = vary(text, "amount_yuan: ", "1350000000", 1_200_000_000, 7_654_321);
        let text = vary(text, "online:      {cases: ", "127", 100, 1);
        let text = vary(text, "operations: ", "3873", 3000, 11);
        std::fs::write(root.join(format!("data/shiyaohuan/{date}.yaml")), text).expect("write");
        date = next_day(date);
    }
}

fn next_day(date: Date) -> Date {
    let next = Date { day: date.day + 1, ..date };
    if Date::parse(&next.to_string()).is_ok() {
        return next;
    }
    if date.month == 12 {
        Date { year: date.year + 1, month: 1, day: 1 }
    } else {
        Date { month: date.month + 1, day: 1, ..date }
    }
}

/// The Typst sources in a folder, in order.
fn typst_sources(dir: &Path) -> Vec<PathBuf> {
    let mut sources: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("out")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "typ"))
        .collect();
    sources.sort();
    sources
}

/// The fonts the binary is told to use (`BULLETIN_FONT_PATHS`,
/// `BULLETIN_IGNORE_SYSTEM_FONTS`, as with the tests' pinned Noto faces), so the floor
/// and the separate processes set the same faces: extra folders, and whether the
/// system's fonts count.
fn font_setting() -> (Vec<PathBuf>, bool) {
    let extra =
        std::env::var_os("BULLETIN_FONT_PATHS").map_or_else(Vec::new, |paths| std::env::split_paths(&paths).collect());
    let ignore = std::env::var("BULLETIN_IGNORE_SYSTEM_FONTS").is_ok_and(|v| v == "true");
    (extra, !ignore)
}

/// The floor: every generated Typst source compiled, exported and its PDF written,
/// in this process, fonts discovered once, `jobs` at a time, as the pipeline does it.
fn floor(root: &Path, jobs: usize) {
    let sources = typst_sources(&root.join("typ"));
    let _ = std::fs::remove_dir_all(root.join("floor"));
    std::fs::create_dir_all(root.join("floor")).expect("mkdir");
    let (extra, system) = font_setting();
    let fonts = Arc::new(Fonts::discover(&root.join("fonts"), &extra, system));
    let compiler = Arc::new(Compiler::new(fonts));
    let project = Project { root: root.to_path_buf() };
    let files = Arc::new(SeriesFiles::read(&project, "shiyaohuan").expect("templates"));
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                while let Some(path) = sources.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let markup = std::fs::read_to_string(path).expect("source");
                    let stem = path.file_stem().and_then(|s| s.to_str()).expect("stem");
                    // `2015-01-01` or `2015-01-01.zh-Hans`.
                    let date = Date::parse(stem.split('.').next().unwrap_or(stem)).expect("date");
                    let shown = path.strip_prefix(root).expect("prefix");
                    let typeset = compiler.pdf(&files, shown, markup, date, None, Archival::A2a).expect("compile");
                    // Export ends with the PDF on disk, as `typst compile` ends.
                    std::fs::write(
                        root.join("floor").join(path.with_extension("pdf").file_name().expect("name")),
                        typeset.pdf,
                    )
                    .expect("write");
                    bulletin::render::typst::compile::evict();
                }
            });
        }
    });
}

/// One `typst compile` process per bulletin, `jobs` running at a time.
fn separate_processes(typst: &str, root: &Path, jobs: usize) -> Measured {
    let sources = typst_sources(&root.join("typ"));
    let target = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp");
    let start = Instant::now();
    let mut running: Vec<Child> = vec![];
    let mut peak = 0;
    for (i, source) in sources.iter().enumerate() {
        if running.len() == jobs {
            let child = running.remove(0);
            peak = peak.max(wait(child).1);
        }
        let child = typst_compile(typst, root, source, &target.path().join(format!("{i}.pdf")))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn typst");
        running.push(child);
    }
    for child in running {
        peak = peak.max(wait(child).1);
    }
    Measured { wall: start.elapsed(), peak_kib: peak }
}

/// How many times the pipeline and the floor are measured.
const RUNS: usize = 5;

/// The run with the median wall time, with the highest peak memory of all runs.
fn median(mut runs: Vec<Measured>) -> Measured {
    let peak = runs.iter().map(|r| r.peak_kib).max().unwrap_or(0);
    runs.sort_by_key(|r| r.wall);
    let middle = runs.swap_remove(runs.len() / 2);
    Measured { wall: middle.wall, peak_kib: peak }
}

struct Measured {
    wall: Duration,
    peak_kib: i64,
}

fn measure(command: &mut Command) -> Measured {
    let start = Instant::now();
    let child = command.stdout(Stdio::null()).spawn().expect("spawn");
    let (status, peak_kib) = wait(child);
    assert_eq!(status, 0, "{command:?} failed");
    Measured { wall: start.elapsed(), peak_kib }
}

/// Waits for a child; returns its exit status and its own peak resident memory (KiB).
fn wait(child: Child) -> (i32, i64) {
    let mut status = 0;
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    let pid = libc::pid_t::try_from(child.id()).expect("pid");
    // SAFETY: wait4 writes the status and a complete rusage into valid pointers.
    let usage = unsafe {
        assert_eq!(libc::wait4(pid, &raw mut status, 0, usage.as_mut_ptr()), pid);
        usage.assume_init()
    };
    (libc::WEXITSTATUS(status), usage.ru_maxrss)
}

fn report(what: &str, n: u32, measured: &Measured) {
    let wall = measured.wall.as_secs_f64();
    println!(
        "{what}:\n  wall {wall:.3} s, {:.1} ms per bulletin, peak memory {} MiB",
        wall * 1000.0 / f64::from(n),
        measured.peak_kib / 1024
    );
}
