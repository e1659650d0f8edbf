//! Font discovery, done at most once per process and shared by every compile.
//!
//! Fonts come from the project's `fonts/` folder (where an office drops its licensed
//! fonts), from `--font-path` and from the system, in that order of preference.
//! Discovery is lazy: a build that skips every file never scans a font, and a build
//! that compiles reuses the font index of an earlier run when no font file changed
//! (the index is cached under the user's cache folder, keyed by every font file's
//! path, size and modification time).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo, FontVariant, FontWeight};
use typst::utils::LazyHash;
use typst_kit::fonts::{FontPath, FontSource, FontStore};

use crate::core::schema::Face;
use crate::core::typeface::StandIn;
use crate::diag::{self, Diagnostic, Source};
use crate::i18n::t;
use crate::io;

/// The folders fontconfig searches by default on Linux, besides the user's.
const SYSTEM_DIRS: &[&str] = &["/usr/share/fonts", "/usr/local/share/fonts"];

/// Every font the compiler may use.
pub struct Fonts {
    /// The project's and the user's extra folders, searched first.
    dirs: Vec<PathBuf>,
    /// Whether to include the system's fonts.
    system: bool,
    store: OnceLock<FontStore>,
    fingerprint: OnceLock<String>,
    /// Resolutions already made: the periods of a series set nearly the same
    /// characters, and checking coverage character by character is not free.
    resolved: Mutex<HashMap<ResolveKey, Resolved>>,
    /// The faces [`Fonts::warm`] has started loading.
    warming: Mutex<BTreeSet<usize>>,
}

/// What a resolution depends on.
type ResolveKey = (String, Vec<Face>, Vec<String>, BTreeSet<char>);

/// One face in the cached index.
#[derive(Serialize, Deserialize)]
struct Entry {
    path: PathBuf,
    index: u32,
    info: FontInfo,
}

impl Fonts {
    /// The fonts of the project's `fonts/` folder, the extra paths and, if `system`,
    /// the system's; nothing is scanned until a font is needed.
    pub fn discover(project_fonts: &Path, extra: &[PathBuf], system: bool) -> Self {
        let mut dirs = vec![project_fonts.to_path_buf()];
        dirs.extend(extra.iter().cloned());
        Self::in_dirs(dirs, system)
    }

    /// No fonts at all, for commands that typeset nothing.
    pub fn none() -> Self {
        Self::in_dirs(vec![], false)
    }

    fn in_dirs(dirs: Vec<PathBuf>, system: bool) -> Self {
        Self {
            dirs,
            system,
            store: OnceLock::new(),
            fingerprint: OnceLock::new(),
            resolved: Mutex::default(),
            warming: Mutex::default(),
        }
    }

    /// Starts loading the face each role will be set in (its chosen family, at its
    /// weight), each on a thread of its own, so that a compile finds them loaded. A
    /// face is loaded from a file of 20 MB and more that Typst hashes whole (10 ms and
    /// more each): left to the compile, the files are loaded one after the other as
    /// it first sets each face, and an edition set beside it waits for them too.
    pub fn warm(self: &Arc<Self>, roles: &[Role]) {
        let book = self.book();
        let faces: BTreeSet<usize> = roles
            .iter()
            .filter_map(|role| {
                let family = role.families.first()?;
                let weight = FontWeight::from_number(role.weight.unwrap_or(400));
                book.select(&family.to_lowercase(), FontVariant { weight, ..FontVariant::default() })
            })
            .collect();
        let mut warming = self.warming.lock().unwrap_or_else(PoisonError::into_inner);
        for index in faces.into_iter().filter(|&index| warming.insert(index)) {
            let fonts = Arc::clone(self);
            std::thread::spawn(move || fonts.font(index));
        }
    }

    /// Metadata about all fonts, for the compiler.
    pub fn book(&self) -> &LazyHash<FontBook> {
        self.store().book()
    }

    /// The font at an index of the book, loaded on first use.
    pub fn font(&self, index: usize) -> Option<Font> {
        self.store().font(index)
    }

    /// Every font file that may be used, with its size and modification time: the
    /// key of the cached index and of incremental builds.
    pub fn fingerprint(&self) -> &str {
        self.fingerprint.get_or_init(|| {
            let mut hasher = Sha256::new();
            for dir in self.search_dirs() {
                for (path, size, modified) in io::files_under(&dir) {
                    hasher.update(path.as_os_str().as_encoded_bytes());
                    hasher.update(size.to_le_bytes());
                    hasher.update(modified.map_or(0, |d| d.as_nanos()).to_le_bytes());
                }
            }
            format!("{:x}", hasher.finalize())
        })
    }

    /// The folders searched, in order of preference.
    fn search_dirs(&self) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = self.dirs.iter().filter(|d| io::is_dir(d)).cloned().collect();
        if self.system {
            if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
                dirs.push(home.join(".local/share/fonts"));
                dirs.push(home.join(".fonts"));
            }
            dirs.extend(SYSTEM_DIRS.iter().map(PathBuf::from));
        }
        dirs
    }

    fn store(&self) -> &FontStore {
        self.store.get_or_init(|| {
            let entries = self.cached_index().unwrap_or_else(|| {
                let entries = self.scan();
                self.save_index(&entries);
                entries
            });
            let mut store = FontStore::new();
            let mut files: HashMap<PathBuf, Arc<OnceLock<Option<Bytes>>>> = HashMap::new();
            for entry in entries {
                let file = files.entry(entry.path.clone()).or_default().clone();
                store.push((Mapped { path: entry.path, index: entry.index, file }, entry.info));
            }
            store
        })
    }

    /// Scans every folder: the project's and the extra ones first, then the system's.
    fn scan(&self) -> Vec<Entry> {
        let mut found: Vec<(FontPath, FontInfo)> = vec![];
        for dir in self.dirs.iter().filter(|d| io::is_dir(d)) {
            found.extend(typst_kit::fonts::scan(dir));
        }
        if self.system {
            found.extend(typst_kit::fonts::system());
        }
        found.into_iter().map(|(path, info)| Entry { path: path.path, index: path.index, info }).collect()
    }

    fn index_path(&self) -> Option<PathBuf> {
        let cache = std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))?;
        Some(cache.join("bulletin").join(format!("fonts-{}.json", self.fingerprint())))
    }

    /// The index saved by an earlier run with the same font files, if any.
    fn cached_index(&self) -> Option<Vec<Entry>> {
        serde_json::from_slice(&io::read_cache(&self.index_path()?)?).ok()
    }

    /// Saves the index for later runs; a cache that cannot be written is only slower.
    fn save_index(&self, entries: &[Entry]) {
        let Some(path) = self.index_path() else { return };
        let Ok(json) = serde_json::to_vec(entries) else { return };
        io::write_cache(&path, &json);
    }
}

/// A face of a font file, loaded when first used from the file mapped into memory
/// (not read whole: a build touches a few tables and the glyphs it sets of files of
/// 20 MB and more), one mapping shared by every face of a collection.
struct Mapped {
    path: PathBuf,
    index: u32,
    file: Arc<OnceLock<Option<Bytes>>>,
}

impl FontSource for Mapped {
    fn load(&self) -> Option<Font> {
        let bytes = self.file.get_or_init(|| io::map(&self.path).map(hashed)).clone()?;
        Font::new(bytes, self.index)
    }
}

/// A font file's bytes with Typst's hash of them taken at once, while the file's
/// other users wait: Typst keys its caches by a hash of the whole file, taken when
/// first needed, and two editions set side by side would each take it (a fifth of a
/// one-file build's time went to hashing the same files twice).
fn hashed(file: memmap2::Mmap) -> Bytes {
    let bytes = Bytes::new(file);
    typst::utils::hash128(&bytes);
    bytes
}

/// How one font role resolved for a text: the family chosen, the declared
/// fallbacks, why earlier families were passed over, and any character no font of
/// the role has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The role (`body`, `title`, …).
    pub role: String,
    /// The first installed family that covers the text (or, when none covers all of
    /// it, the first installed one).
    pub family: Option<String>,
    /// Installed fallback families, for characters the chosen family lacks.
    pub fallbacks: Vec<String>,
    /// The weight the chosen family is set in, when its role names one.
    pub weight: Option<u16>,
    /// Whether the chosen family lacks a face of that weight (its nearest is used).
    pub weight_missing: bool,
    /// Whether the chosen family has a bold face (a weight at least 200 heavier
    /// than its own): without one, bold text must be set otherwise (the layout sets
    /// it in the heading face), never silently in the regular face.
    pub bold: bool,
    /// Families passed over, each with the reason.
    pub passed: Vec<(String, String)>,
    /// Characters neither the chosen family nor a fallback has.
    pub missing: BTreeSet<char>,
}

impl Resolved {
    /// The chosen family, when it is of another style than the role's first family
    /// (`families`, as series.yaml lists them).
    pub fn stand_in(&self, families: &[Face]) -> Option<StandIn> {
        StandIn::of(&self.role, &families.first()?.family, self.family.as_deref()?)
    }

    /// The families to set the role in, chosen one first.
    pub fn families(&self) -> Vec<String> {
        let mut families: Vec<String> = vec![];
        for family in self.family.iter().chain(&self.fallbacks) {
            if !families.contains(family) {
                families.push(family.clone());
            }
        }
        families
    }
}

impl Fonts {
    /// Chooses a role's family for a text: the first of `families` that is installed
    /// and covers every character, else the first installed one with `fallback`
    /// families for what it lacks.
    pub fn resolve(&self, role: &str, families: &[Face], fallback: &[String], text: &BTreeSet<char>) -> Resolved {
        let key = (role.to_string(), families.to_vec(), fallback.to_vec(), text.clone());
        let lock = || self.resolved.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(resolved) = lock().get(&key) {
            return resolved.clone();
        }
        let resolved = self.resolve_uncached(role, families, fallback, text);
        lock().insert(key, resolved.clone());
        resolved
    }

    fn resolve_uncached(&self, role: &str, families: &[Face], fallback: &[String], text: &BTreeSet<char>) -> Resolved {
        let book = self.book();
        let faces = |family: &str| -> Vec<usize> { book.select_family(&family.to_lowercase()).collect() };
        let covers = |faces: &[usize], c: char| {
            faces.iter().any(|&i| book.info(i).is_some_and(|info| info.coverage.contains(u32::from(c))))
        };
        let mut passed = vec![];
        let mut first_installed = None;
        let mut family = None;
        for face in families {
            let name = &face.family;
            let ids = faces(name);
            if ids.is_empty() {
                passed.push((name.clone(), t!("fonts-not-installed").text));
                continue;
            }
            let lacking: Vec<char> = text.iter().copied().filter(|&c| !covers(&ids, c)).collect();
            if lacking.is_empty() {
                family = Some(face);
                break;
            }
            first_installed.get_or_insert(face);
            let sample: String = lacking.iter().take(5).collect();
            let why = if lacking.len() <= 5 {
                t!("fonts-lacks", sample = sample)
            } else {
                t!("fonts-lacks-many", count = lacking.len(), sample = sample)
            }
            .text;
            passed.push((name.clone(), why));
        }
        let face = family.or(first_installed);
        let weight = face.and_then(|face| face.weight);
        // The weights the chosen family has.
        let weights: Vec<u16> = face.map_or_else(Vec::new, |face| {
            faces(&face.family)
                .iter()
                .filter_map(|&i| book.info(i))
                .map(|info| info.variant.weight.to_number())
                .collect()
        });
        let bold = weights.iter().any(|&w| w >= weight.unwrap_or(400) + 200);
        let weight_missing = weight.is_some_and(|weight| !weights.iter().any(|&w| w.abs_diff(weight) < 100));
        let family = face.map(|face| face.family.clone());
        let fallbacks: Vec<String> = fallback.iter().filter(|f| !faces(f).is_empty()).cloned().collect();
        let chosen: Vec<Vec<usize>> = family.iter().chain(&fallbacks).map(|f| faces(f)).collect();
        let missing = text.iter().copied().filter(|&c| !chosen.iter().any(|ids| covers(ids, c))).collect();
        Resolved { role: role.to_string(), family, fallbacks, weight, weight_missing, bold, passed, missing }
    }
}

/// What one font role resolved to for a text, to hand to the layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// The role (`body`, `title`, …).
    pub role: String,
    /// The families to set it in, chosen one first, then the fallbacks.
    pub families: Vec<String>,
    /// The weight to set it in, if its role names one.
    pub weight: Option<u16>,
    /// Whether the chosen family has a bold face.
    pub bold: bool,
    /// The face, when it is of another style than the role's first family (仿宋 → 宋).
    pub stand_in: Option<StandIn>,
}

/// What each font role of a series resolved to for a text.
pub type Roles = Vec<Role>;

impl Fonts {
    /// Resolves a series' font roles for the characters each sets (`text`), and
    /// refuses a text with a character no font of its role has: no missing glyph
    /// ever reaches a PDF. `locate` finds where a character is written in the
    /// templates; `md` is the text, for one not written there.
    pub fn resolve_roles(
        &self,
        fonts: &IndexMap<String, Vec<Face>>,
        font_fallback: &[String],
        text: &BTreeMap<&str, BTreeSet<char>>,
        locate: &dyn Fn(char) -> Option<(Arc<Source>, Range<usize>)>,
        md: &str,
    ) -> diag::Result<Roles> {
        let mut roles = vec![];
        let mut errors = vec![];
        for (role, families) in fonts {
            let chars = text.get(role.as_str()).cloned().unwrap_or_default();
            let resolved = self.resolve(role, families, font_fallback, &chars);
            if !resolved.missing.is_empty() {
                errors.push(resolved.missing_glyphs(locate, md));
            }
            roles.push(Role {
                role: role.clone(),
                families: resolved.families(),
                weight: resolved.weight,
                bold: resolved.bold,
                stand_in: resolved.stand_in(families),
            });
        }
        if errors.is_empty() { Ok(roles) } else { Err(errors) }
    }
}

impl Resolved {
    /// The error for the characters no font of the role has, pointing at where the
    /// first few are written in the templates.
    fn missing_glyphs(&self, locate: &dyn Fn(char) -> Option<(Arc<Source>, Range<usize>)>, md: &str) -> Diagnostic {
        let named = |c: char| format!("`{c}` (U+{:04X})", u32::from(c));
        let first = self.missing.iter().copied().next().unwrap_or(' ');
        let message = match self.missing.len() {
            1 => t!("fonts-no-font-has", character = named(first), role = &self.role),
            n => t!("fonts-no-font-has-many", count = n, role = &self.role, character = named(first)),
        };
        let mut tried: Vec<String> =
            self.passed.iter().map(|(family, why)| t!("fonts-tried-one", family = family, why = why).text).collect();
        for family in &self.fallbacks {
            if !self.passed.iter().any(|(passed, _)| passed == family) {
                tried.push(t!("fonts-fallback-lacks", family = family).text);
            }
        }
        let mut diagnostic = Diagnostic::error(message);
        for c in self.missing.iter().copied().take(3) {
            match locate(c) {
                Some((source, range)) => {
                    diagnostic = diagnostic.at(&source, range, t!("fonts-is-here", character = named(c)));
                }
                None => {
                    let line = md.lines().find(|line| line.contains(c)).unwrap_or_default();
                    diagnostic = diagnostic.noting(t!("fonts-in-the-text", character = named(c), line = line));
                }
            }
        }
        if self.missing.len() > 3 {
            let all: String = self.missing.iter().take(40).collect();
            let more = if self.missing.len() > 40 { "…" } else { "" };
            diagnostic = diagnostic.noting(t!("fonts-all-of-them", all = format!("{all}{more}")));
        }
        let tried = if tried.is_empty() { t!("fonts-none").text } else { tried.join(", ") };
        diagnostic.noting(t!("fonts-tried", tried = tried)).help(t!("fonts-install-help"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts_in(dir: &Path) -> Fonts {
        Fonts::in_dirs(vec![dir.to_path_buf()], false)
    }

    #[test]
    fn the_fingerprint_follows_the_font_files() {
        let dir = tempfile::tempdir().unwrap();
        let empty = fonts_in(dir.path()).fingerprint().to_string();
        assert_eq!(fonts_in(dir.path()).fingerprint(), empty, "same files, same fingerprint");
        std::fs::write(dir.path().join("a.otf"), b"not really a font").unwrap();
        let one = fonts_in(dir.path()).fingerprint().to_string();
        assert_ne!(one, empty);
        std::fs::write(dir.path().join("a.otf"), b"a font of another size").unwrap();
        assert_ne!(fonts_in(dir.path()).fingerprint(), one);
    }
}
