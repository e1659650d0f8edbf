//! Building figure files into `out/<series>/`: every output of a file produced in
//! memory before the first one is written, all renamed into place only when every one
//! was written whole, so a file that fails at any stage leaves its earlier outputs
//! exactly as they were. A panic while building one file becomes that file's error;
//! the others are built. Files whose inputs did not change are skipped (`stamps`).

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use crate::core::typeface::StandIn;
use crate::diag::{self, Diagnostic};
use crate::i18n::t;
use crate::input::project::FigureFile;
use crate::io::{self, LOCK_FILE};
use crate::pipeline::formats::{self, Format};
use crate::pipeline::render::Job;
use crate::pipeline::series::selected;
use crate::pipeline::stamps::{self, Stamp};
use crate::pipeline::workspace::{Input, Workspace};
use crate::render::typst::compile::evict;

/// How `build` runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// The outputs to write.
    pub formats: Vec<Format>,
    /// The editions to write, by language tag (empty: every one).
    pub editions: Vec<String>,
    /// How many files to build at once.
    pub jobs: usize,
    /// Rebuild files whose inputs did not change.
    pub force: bool,
    /// The files (`series/stem`) of published periods whose inputs changed: built as
    /// drafts into `out/<series>/drafts/`, never over the published files.
    pub drafts: BTreeSet<String>,
}

/// The folder under a series' outputs that holds the drafts of published periods.
pub const DRAFTS: &str = "drafts";

/// What became of one figure file.
#[derive(Debug)]
pub enum Outcome {
    /// Its outputs were written.
    Built {
        /// The files written.
        written: Vec<PathBuf>,
        /// Warnings raised on the way.
        warnings: Vec<Diagnostic>,
        /// The font roles set in a face of another style, by edition tag.
        stand_ins: BTreeSet<(String, StandIn)>,
    },
    /// Its figure file, templates, fonts and the tool are those its outputs were
    /// built from: nothing to do.
    Skipped,
    /// It could not be built; its earlier outputs are untouched.
    Failed(Vec<Diagnostic>),
}

impl Workspace {
    /// Where an output of a figure file goes: `out/<series>/<as_of><suffix>.<ext>`.
    pub fn output_path(&self, file: &FigureFile, suffix: &str, format: Format) -> PathBuf {
        self.project().out().join(&file.series).join(formats::file_name(&file.stem, suffix, format))
    }

    /// Where an output goes, in `drafts/` for a draft of a published period.
    fn target_path(&self, file: &FigureFile, suffix: &str, format: Format, draft: bool) -> PathBuf {
        let dir = self.project().out().join(&file.series);
        let dir = if draft { dir.join(DRAFTS) } else { dir };
        dir.join(formats::file_name(&file.stem, suffix, format))
    }

    /// The outputs a build of `input` writes: for each edition of `editions` (every
    /// one when empty) each format, by name in the stamps (`zh-Hans.pdf`) and path.
    fn targets(&self, input: &Input, formats: &[Format], editions: &[String], draft: bool) -> Vec<Target> {
        let mut targets = vec![];
        for (edition, _) in selected(&input.series, editions) {
            for format in formats {
                let name = format!("{}.{}", edition.suffix, format.extension());
                targets.push(Target {
                    name: name.trim_start_matches('.').to_string(),
                    edition: edition.tag.clone(),
                    suffix: edition.suffix.clone(),
                    format: *format,
                    path: self.target_path(&input.file, &edition.suffix, *format, draft),
                });
            }
        }
        targets
    }

    /// Builds many figure files, `options.jobs` at a time, holding the lock of each
    /// series' output folder, and saves the stamps that let the next build skip
    /// them; `done` is called after each file with the number finished so far.
    /// Outcomes are in the order of `files`, then whether the stamps were saved; an
    /// `Err` means nothing was built.
    pub fn build_all(
        &self,
        files: &[FigureFile],
        options: &Options,
        done: &(dyn Fn(usize) + Sync),
    ) -> diag::Result<(Vec<Outcome>, diag::Result<()>)> {
        let _locks = self.lock_outputs(files)?;
        let _listing = self.listing_once();
        // Series load in file order before the workers start, so a broken template
        // is reported in full with the first file that uses it, whatever the timing;
        // the others of that series say so in one line.
        let mut seen = BTreeSet::new();
        let failed: Vec<Option<Outcome>> = files
            .iter()
            .map(|file| seen.insert(&file.series).then(|| self.series(&file.series).err()).flatten())
            .map(|errors| errors.map(Outcome::Failed))
            .collect();
        let batch = Batch {
            workspace: self,
            files,
            options,
            slots: failed.into_iter().map(Mutex::new).collect(),
            finished: AtomicUsize::new(0),
            done,
            making: AtomicUsize::new(0),
        };
        claim(options.jobs, files.len(), |i| batch.take(i));
        let outcomes = batch
            .slots
            .into_iter()
            .map(|slot| slot.into_inner().unwrap_or_else(PoisonError::into_inner))
            .map(|outcome| {
                outcome.unwrap_or_else(|| Outcome::Failed(vec![Diagnostic::error(t!("build-thread-stopped"))]))
            })
            .collect();
        Ok((outcomes, self.stamps.save()))
    }

    /// Puts a published version's outputs (`files`: names and bytes, the bulletin's
    /// and its correction notice's) into `out/<series>/` in place of the built ones,
    /// so `out/` holds exactly what was published, and stamps them as the build of
    /// these inputs (`read`: the template files the bulletin read), so the next build
    /// keeps them until an input changes.
    pub fn adopt(
        &self,
        input: &Input,
        read: &BTreeSet<String>,
        files: &[(String, Vec<u8>)],
    ) -> diag::Result<Vec<PathBuf>> {
        let _lock = self.lock_outputs(std::slice::from_ref(&input.file))?;
        let dir = self.project().out().join(&input.file.series);
        let mut staged = io::Staged::default();
        for (name, bytes) in files {
            staged.add(&dir.join(name), bytes)?;
        }
        let written = staged.commit()?;
        // The draft of the change just published is the published version now.
        self.remove_drafts(&input.file)?;
        let targets = self.targets(input, &formats::defaults(), &[], false);
        let stamp = self.stamp_of(input, &targets, read.iter().cloned().collect(), None);
        self.stamps.set(&input.file.series, &input.file.stem, stamp);
        self.stamps.save()?;
        Ok(written)
    }

    /// Makes `out/<series>/` hold a published period's files (`files`: the latest
    /// version's and every notice, by name) where a file is missing or has been
    /// replaced, and, when `drafted` is false (its inputs are as published), takes its
    /// draft out of `drafts/`. Returns the files written.
    pub fn settle(&self, file: &FigureFile, files: &[(String, Vec<u8>)], drafted: bool) -> diag::Result<Vec<PathBuf>> {
        let _lock = self.lock_outputs(std::slice::from_ref(file))?;
        let dir = self.project().out().join(&file.series);
        let mut staged = io::Staged::default();
        for (name, bytes) in files {
            let path = dir.join(name);
            if !io::holds(&path, bytes) {
                staged.add(&path, bytes)?;
            }
        }
        let written = staged.commit()?;
        if !drafted {
            self.remove_drafts(file)?;
            self.stamps.save()?;
        }
        Ok(written)
    }

    /// Removes a period's draft from `out/<series>/drafts/`, if there is one.
    fn remove_drafts(&self, file: &FigureFile) -> diag::Result<()> {
        let dir = self.project().out().join(&file.series).join(DRAFTS);
        let prefix = format!("{}.", file.stem);
        for entry in io::entries(&dir).unwrap_or_default().into_iter().filter(|e| e.name.starts_with(&prefix)) {
            io::remove_file(&entry.path, &self.project().shown(&entry.path))?;
        }
        self.stamps.remove(&file.series, &format!("{DRAFTS}/{}", file.stem));
        // No empty drafts/ left to be uploaded with out/.
        io::remove_if_empty(&dir);
        Ok(())
    }

    /// Locks the output folder of every series among `files`, in name order (so
    /// two builds never wait on each other crosswise), and clears what killed
    /// builds left there.
    fn lock_outputs(&self, files: &[FigureFile]) -> diag::Result<Vec<io::Lock>> {
        let series: BTreeSet<&str> = files.iter().map(|file| file.series.as_str()).collect();
        series
            .into_iter()
            .map(|name| {
                let dir = self.project().out().join(name);
                for step in [self.project().out(), dir.clone()] {
                    let help = format!("help: {}", t!("build-out-real-folder"));
                    io::refuse_link(&step, &self.project().shown(&step), &help)?;
                }
                let waiting = t!("build-waiting", path = self.project().shown(&dir)).text;
                let lock = io::lock(&dir.join(LOCK_FILE), &self.project().shown(&dir.join(LOCK_FILE)), &waiting)?;
                io::remove_temporaries(&dir);
                Ok(lock)
            })
            .collect()
    }

    /// Builds one figure file unless its outputs are up to date, and writes them; a
    /// panic becomes this file's error. `parallel` is asked only when outputs are to
    /// be made: whether to make its editions side by side.
    fn build(&self, file: &FigureFile, options: &Options, parallel: impl FnOnce() -> bool) -> Outcome {
        match diag::isolate(&file.shown, || self.plan(file, options)) {
            Ok(Plan::Make(making)) => {
                let parallel = parallel();
                diag::isolate(&file.shown, || self.make(*making, options, parallel)).unwrap_or_else(Outcome::Failed)
            }
            Ok(Plan::Done(outcome)) => outcome,
            Err(errors) => Outcome::Failed(errors),
        }
    }

    /// What a build of `file` has to do: nothing when its outputs are those of its
    /// inputs, only the check when only the earlier period it is checked against
    /// changed, else make the outputs that are not up to date.
    fn plan(&self, file: &FigureFile, options: &Options) -> diag::Result<Plan> {
        let input = self.input(file)?;
        let draft = options.drafts.contains(&format!("{}/{}", file.series, file.stem));
        let targets = self.targets(&input, &options.formats, &options.editions, draft);
        let stem = if draft { format!("{DRAFTS}/{}", file.stem) } else { file.stem.clone() };
        // The outputs the last build of these same inputs left as they were are kept:
        // a build of one edition or one more format writes only what is missing.
        let previous = self
            .stamps
            .get(&file.series, &stem)
            .filter(|stamp| !options.force && stamp.key == self.stamp_key(&input, &stamp.inputs));
        let stale: Vec<Target> = targets
            .into_iter()
            .filter(|t| previous.as_ref().is_none_or(|stamp| !stamps::fresh(stamp, &t.name, &t.path)))
            .collect();
        let earlier = input.earlier.as_ref().map(|earlier| format!("{} {}", earlier.stem, earlier.sha256));
        if let Some(previous) = previous.as_ref().filter(|_| stale.is_empty()) {
            if previous.earlier == earlier {
                return Ok(Plan::Done(Outcome::Skipped));
            }
            // Only the earlier period changed: the check again, the outputs as they are.
            let warnings = input.check()?.all_warnings();
            self.stamps.set(&file.series, &stem, Stamp { earlier, ..previous.clone() });
            return Ok(Plan::Done(Outcome::Built { written: vec![], warnings, stand_ins: BTreeSet::new() }));
        }
        Ok(Plan::Make(Box::new(Making { input, draft, stem, stale, previous, earlier })))
    }

    /// Makes the outputs a plan found stale and writes those that changed.
    fn make(&self, making: Making, options: &Options, parallel: bool) -> diag::Result<Outcome> {
        let Making { input, draft, stem, stale, previous, earlier } = making;
        let file = &input.file;
        let mut editions: Vec<String> = stale.iter().map(|t| t.edition.clone()).collect();
        editions.dedup();
        let formats: Vec<Format> =
            options.formats.iter().copied().filter(|f| stale.iter().any(|t| t.format == *f)).collect();
        let rendered = self.render(&input, &Job { formats: &formats, editions: &editions, version: None, parallel })?;
        evict();
        let mut staged = io::Staged::default();
        for ((suffix, format), bytes) in &rendered.outputs {
            let path = self.target_path(file, suffix, *format, draft);
            // An output the same as the one in place is left as it is (its time too).
            if stale.iter().any(|t| &t.suffix == suffix && t.format == *format) && !io::holds(&path, bytes) {
                staged.add(&path, bytes)?;
            }
        }
        let written = staged.commit()?;
        let mut stamp = self.stamp_of(&input, &stale, rendered.read.into_iter().collect(), previous.as_ref());
        stamp.earlier = earlier;
        self.stamps.set(&file.series, &stem, stamp);
        Ok(Outcome::Built { written, warnings: rendered.warnings, stand_ins: rendered.stand_ins })
    }

    /// The stamp of a file's outputs (`targets`) as they now are on disk, with what a
    /// `previous` stamp of the same inputs recorded of the others; `inputs` are the
    /// template files the build read.
    fn stamp_of(&self, input: &Input, targets: &[Target], inputs: Vec<String>, previous: Option<&Stamp>) -> Stamp {
        let mut outputs = previous.map(|stamp| stamp.outputs.clone()).unwrap_or_default();
        let mut inputs = inputs;
        if let Some(previous) = previous {
            inputs.extend(previous.inputs.iter().cloned());
            inputs.sort();
            inputs.dedup();
        }
        for target in targets {
            match io::identity(&target.path) {
                Some(identity) => outputs.insert(target.name.clone(), identity),
                None => outputs.remove(&target.name),
            };
        }
        Stamp { key: self.stamp_key(input, &inputs), inputs, outputs, earlier: None }
    }

    /// The key of a build of `input` that read `inputs`: the tool, the fonts, the
    /// figure file and those template files (not the earlier period it is checked
    /// against: see [`Stamp::earlier`]). Which outputs were asked for is not part of
    /// it: each is recorded apart.
    fn stamp_key(&self, input: &Input, inputs: &[String]) -> String {
        let base = self.stamp_base();
        stamps::key(&base, input.snapshot.raw.as_bytes(), &input.series.files, inputs)
    }

    /// What every output of a build depends on besides its snapshot: the tool and
    /// the font files.
    fn stamp_base(&self) -> String {
        format!(concat!("bulletin ", env!("CARGO_PKG_VERSION"), " {}"), self.fonts().fingerprint())
    }
}

/// What a file's build has to do, found before anything is made.
enum Plan {
    /// Nothing more: this is what became of it.
    Done(Outcome),
    /// Outputs to make.
    Make(Box<Making>),
}

/// The outputs of a figure file to make, with what was found deciding it.
struct Making {
    input: Input,
    /// Built as a draft of a published period.
    draft: bool,
    /// Its name in the stamps (`drafts/<stem>` for a draft).
    stem: String,
    /// The outputs not up to date.
    stale: Vec<Target>,
    /// The stamp of the last build of the same inputs, if any.
    previous: Option<Stamp>,
    /// The earlier period it was checked against, for its stamp.
    earlier: Option<String>,
}

/// The files of one `build_all`, with what became of each so far.
struct Batch<'a> {
    workspace: &'a Workspace,
    files: &'a [FigureFile],
    options: &'a Options,
    /// What became of each file, in the order of `files`.
    slots: Vec<Mutex<Option<Outcome>>>,
    finished: AtomicUsize,
    done: &'a (dyn Fn(usize) + Sync),
    /// How many files were found to need making.
    making: AtomicUsize,
}

impl Batch<'_> {
    /// Builds file `i`, unless its series failed to load. The first files found to
    /// need making, one per two jobs, are made with their editions side by side, while
    /// the other jobs go on through the files: an edited file among 200 up to date is
    /// made as fast as a file built alone, and at once.
    fn take(&self, i: usize) {
        let mut slot = self.slots[i].lock().unwrap_or_else(PoisonError::into_inner);
        if slot.is_none() {
            let spare = || self.making.fetch_add(1, Ordering::Relaxed) < self.options.jobs / 2;
            *slot = Some(self.workspace.build(&self.files[i], self.options, spare));
        }
        drop(slot);
        (self.done)(self.finished.fetch_add(1, Ordering::Relaxed) + 1);
    }
}

/// Calls `f` with each of `0..n`, on `jobs` threads (at most `n`), each taking the
/// next number when done with one. A rayon pool was measured slower (1.42 × the
/// floor against 1.08) and four times the memory (489 MiB): a worker waiting inside
/// Typst's own parallel work steals and starts another whole bulletin, so many are
/// in flight at once; this keeps exactly `jobs`.
fn claim(jobs: usize, n: usize, f: impl Fn(usize) + Sync) {
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, n.max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    f(i);
                }
            });
        }
    });
}

/// One output a build is asked for.
#[derive(Debug, Clone)]
struct Target {
    /// Its name in the stamps: `pdf`, `zh-Hans.pdf`.
    name: String,
    /// Its edition's tag.
    edition: String,
    /// Its edition's suffix.
    suffix: String,
    /// Its format.
    format: Format,
    /// Where it is written.
    path: PathBuf,
}
