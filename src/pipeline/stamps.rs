//! What each output was built from, so a build can skip the files whose inputs did
//! not change: `out/<series>/.stamps`, one JSON record per period.
//!
//! A period's record lists the snapshot entries its build read (the schema, the
//! Tera templates, the stylesheet and every file the Typst compiler opened, a file
//! of `templates/_shared/` included), a key hashing those entries' contents with
//! the figure file, the tool, the formats and the fonts, and each output's size.
//! The record is up to date when the same entries of today's snapshot give the same
//! key and every output is there at its size.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::diag;
use crate::i18n::t;
use crate::input::snapshot::SeriesFiles;
use crate::io;

/// The file, in each series' output folder, that records what its outputs were built
/// from.
pub const STAMPS_FILE: &str = ".stamps";

/// The largest stamps file read: some hundred bytes a period.
const MAX_STAMPS_BYTES: u64 = 64 * 1024 * 1024;

/// One period's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// The hash of everything the outputs depend on.
    pub key: String,
    /// The template files read, by path from the project root.
    pub inputs: Vec<String>,
    /// Each output's size and modification time (nanoseconds since 1970), by
    /// extension: a file replaced since (by a build stopped half-way through its
    /// renames, say) is noticed even at the same size.
    pub outputs: BTreeMap<String, (u64, u128)>,
    /// For a period of a cumulative series, the earlier period it was checked against
    /// (its stem and the hash of its figure file): a change there calls for the check
    /// again, not for new outputs, which depend on the period's own figures only.
    #[serde(default)]
    pub earlier: Option<String>,
}

/// The records of every series built, read on first use and saved at the end.
pub struct Stamps {
    out: PathBuf,
    /// By series: the records by period, and whether this build changed them.
    series: Mutex<HashMap<String, (Records, bool)>>,
}

/// A series' records, by period.
type Records = BTreeMap<String, Stamp>;

impl Stamps {
    /// The records under `out`.
    pub fn new(out: PathBuf) -> Self {
        Self { out, series: Mutex::default() }
    }

    fn with<R>(&self, series: &str, f: impl FnOnce(&mut Records, &mut bool) -> R) -> R {
        let mut all = self.series.lock().unwrap_or_else(PoisonError::into_inner);
        let (records, changed) = all.entry(series.to_string()).or_insert_with(|| {
            // A missing or unreadable file (an older format, a link) only means rebuilding.
            let path = self.out.join(series).join(STAMPS_FILE);
            let bytes =
                io::read_regular(&path, &path, MAX_STAMPS_BYTES, &t!("what-stamps-file").text).unwrap_or_default();
            (serde_json::from_slice(&bytes).unwrap_or_default(), false)
        });
        f(records, changed)
    }

    /// A period's record, if any.
    pub fn get(&self, series: &str, stem: &str) -> Option<Stamp> {
        self.with(series, |records, _| records.get(stem).cloned())
    }

    /// Records a period's new stamp, to be saved when the build is over.
    pub fn set(&self, series: &str, stem: &str, stamp: Stamp) {
        self.with(series, |records, changed| {
            records.insert(stem.to_string(), stamp);
            *changed = true;
        });
    }

    /// Forgets a period's record (a draft taken out), to be saved with the others.
    pub fn remove(&self, series: &str, stem: &str) {
        self.with(series, |records, changed| {
            *changed |= records.remove(stem).is_some();
        });
    }

    /// Writes the records of every series this build changed. A build stopped before
    /// this is simply redone next time.
    pub fn save(&self) -> diag::Result<()> {
        let all = self.series.lock().unwrap_or_else(PoisonError::into_inner);
        for (series, (records, _)) in all.iter().filter(|(_, (_, changed))| *changed) {
            let json = serde_json::to_vec_pretty(records).unwrap_or_default();
            io::write_atomic(&self.out.join(series).join(STAMPS_FILE), &json)?;
        }
        Ok(())
    }
}

/// The key of a build: `base` (the tool, the formats, the fonts), the figure file and
/// the listed template files as they are in `files` (a file gone counts as a change).
pub fn key(base: &str, figure: &[u8], files: &SeriesFiles, inputs: &[String]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(base);
    hasher.update(Sha256::digest(figure));
    for path in inputs {
        hasher.update(path);
        hasher.update(files.hash(path).unwrap_or("missing"));
    }
    format!("{:x}", hasher.finalize())
}

/// Whether an output (`name`, at `path`) is still the file a record describes.
pub fn fresh(stamp: &Stamp, name: &str, path: &Path) -> bool {
    let actual = io::identity(path);
    actual.is_some() && stamp.outputs.get(name).copied() == actual
}
