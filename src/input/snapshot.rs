//! The inputs of a build, read once: a figure file and every template file its
//! series may use, in memory.
//!
//! Everything downstream (validation, Tera, the Typst world, the archive's copies,
//! the manifest's hashes, the PDF's attachment) reads from a snapshot and never from
//! the disk, so a file edited during a build or a publish cannot make one output
//! disagree with another. A series may use the files of its own folder,
//! `templates/<series>/`, and those of `templates/_shared/`, which several series
//! can import from. Files are read through [`io::read_regular`]: regular files
//! only, never through a link, within a size limit.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use sha2::{Digest, Sha256};
use typst::foundations::Bytes;

use crate::diag::{self, Diagnostic, Source};
use crate::i18n::t;
use crate::input::defaults::{self, DEFAULTS};
use crate::input::project::{FigureFile, Project, SHARED};
use crate::io::{self, Kind};

/// The largest template file read (a layout, a stylesheet, a logo).
pub const MAX_TEMPLATE_BYTES: u64 = 16 * 1024 * 1024;

/// The largest figure file read; the office's files are a few hundred bytes.
pub const MAX_FIGURE_BYTES: u64 = 1024 * 1024;

/// The template files a series may use, by path from the project root with `/`
/// separators (`templates/shiyaohuan/layout.typ`).
pub struct SeriesFiles {
    /// The series: its folder name.
    pub name: String,
    files: BTreeMap<String, Bytes>,
    hashes: OnceLock<BTreeMap<String, String>>,
}

impl SeriesFiles {
    /// Reads `templates/<name>/` and `templates/_shared/` whole.
    pub fn read(project: &Project, name: &str) -> diag::Result<Self> {
        let templates = project.templates();
        if io::is_link(&templates) {
            return Err(vec![not_a_folder(&project.shown(&templates))]);
        }
        let own = templates.join(name);
        let mut files = BTreeMap::new();
        let mut errors = vec![];
        for dir in [&own, &templates.join(SHARED)] {
            match io::kind(dir) {
                Some(Kind::Dir) => read_tree(project, dir, &mut files, &mut errors),
                Some(_) => errors.push(not_a_folder(&project.shown(dir))),
                None if dir != &own => {}
                None => {
                    let shown = project.shown(&own);
                    return Diagnostic::error(t!("snapshot-no-template-folder", series = name))
                        .help(t!("snapshot-create-folder", path = &shown))
                        .into_err();
                }
            }
        }
        // The built-in layout and stylesheets, for the series to take up or to use
        // where it has none of its own.
        for (file, text) in defaults::FILES {
            let bytes = Bytes::new(text.as_bytes().to_vec());
            files.entry(format!("templates/{name}/{file}")).or_insert_with(|| bytes.clone());
            files.insert(format!("templates/{DEFAULTS}/{file}"), bytes);
        }
        if errors.is_empty() {
            Ok(Self { name: name.to_string(), files, hashes: OnceLock::new() })
        } else {
            Err(errors)
        }
    }

    /// The series' own folder, `templates/<series>`.
    pub fn dir(&self) -> String {
        format!("templates/{}", self.name)
    }

    /// A file's bytes.
    pub fn get(&self, path: &str) -> Option<&Bytes> {
        self.files.get(path)
    }

    /// A file of the series' own folder as text, for diagnostics and templates:
    /// without the byte order mark an editor may write at its start (no editor shows
    /// it, so lines and columns count as the user sees them; the file's bytes, as
    /// archived, keep it).
    pub fn text(&self, name: &str) -> diag::Result<Arc<Source>> {
        let path = format!("{}/{name}", self.dir());
        let Some(bytes) = self.files.get(&path) else {
            return Diagnostic::error(t!("snapshot-no-file", name = name))
                .help(t!("snapshot-create-file", path = &path))
                .into_err();
        };
        source(&path, bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes).to_vec())
    }

    /// The names of the files directly in the series' own folder, in order.
    pub fn own_files(&self) -> impl Iterator<Item = &str> {
        let prefix = format!("{}/", self.dir());
        self.files.keys().filter_map(move |path| path.strip_prefix(&prefix).filter(|name| !name.contains('/')))
    }

    /// Every file, by path, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(path, bytes)| (path.as_str(), &bytes[..]))
    }

    /// The SHA-256 of a file, `None` if the series has no such file.
    pub fn hash(&self, path: &str) -> Option<&str> {
        let hashes =
            self.hashes.get_or_init(|| self.iter().map(|(path, bytes)| (path.to_string(), sha256(bytes))).collect());
        hashes.get(path).map(String::as_str)
    }
}

/// Reads every file of a folder into `files`, refusing links and special files.
fn read_tree(project: &Project, dir: &Path, files: &mut BTreeMap<String, Bytes>, errors: &mut diag::Diagnostics) {
    for entry in io::walk(dir, 0, None) {
        let entry = match entry {
            Ok(entry) => entry,
            Err((path, err)) => {
                let reason = err.to_string();
                errors.push(Diagnostic::error(t!("io-read", path = project.shown(&path), reason = reason)));
                continue;
            }
        };
        if entry.kind == Kind::Dir {
            continue;
        }
        let shown = project.shown(&entry.path);
        match io::read_regular(&entry.path, &shown, MAX_TEMPLATE_BYTES, &t!("what-template-file").text) {
            Ok(bytes) => {
                files.insert(slash_path(&shown), Bytes::new(bytes));
            }
            Err(mut more) => errors.append(&mut more),
        }
    }
}

fn not_a_folder(shown: &Path) -> Diagnostic {
    Diagnostic::error(t!("snapshot-not-a-folder", path = shown)).help(t!("snapshot-not-a-folder-help"))
}

/// One figure file and the templates of its series, as read at one moment.
pub struct Snapshot {
    /// The figure file's text, as validated: without a byte order mark, so lines and
    /// columns are those an editor shows.
    pub figure: Arc<Source>,
    /// The figure file's exact text (a byte order mark kept): what is archived and
    /// attached.
    pub raw: String,
    /// Its path from the project root, with `/` separators.
    pub figure_path: String,
    /// The series' template files.
    pub series: Arc<SeriesFiles>,
}

impl Snapshot {
    /// Reads a figure file (the series' files are read once per process and shared).
    pub fn read(file: &FigureFile, series: Arc<SeriesFiles>) -> diag::Result<Self> {
        let (figure, raw) = read_figure_file(file)?;
        Ok(Self { figure, raw, figure_path: slash_path(&file.shown), series })
    }

    /// Every input, the figure file first, by path from the project root: what a
    /// published version copies and hashes.
    pub fn inputs(&self) -> impl Iterator<Item = (&str, &[u8])> {
        std::iter::once((self.figure_path.as_str(), self.raw.as_bytes())).chain(self.series.iter())
    }
}

/// Reads a figure file: its text as validated (without a byte order mark) and its
/// exact text. A file in UTF-16 is refused, saying so.
pub fn read_figure_file(file: &FigureFile) -> diag::Result<(Arc<Source>, String)> {
    let bytes = io::read_regular(&file.path, &file.shown, MAX_FIGURE_BYTES, &t!("what-figure-file").text)?;
    let path = slash_path(&file.shown);
    if let Some(utf16) = utf16(&bytes) {
        return Diagnostic::error(t!("snapshot-utf16", path = &path, encoding = utf16))
            .help(t!("snapshot-save-utf8"))
            .into_err();
    }
    let figure = source(&path, bytes)?;
    let raw = figure.text.clone();
    let figure = match raw.strip_prefix('\u{feff}') {
        Some(text) => Source::new(&path, text),
        None => figure,
    };
    Ok((figure, raw))
}

/// Decodes a file as UTF-8 text without NUL characters, pointing at the first byte
/// that is neither.
pub fn source(path: &str, bytes: Vec<u8>) -> diag::Result<Arc<Source>> {
    let text = String::from_utf8(bytes).map_err(|err| {
        let at = err.utf8_error().valid_up_to();
        let gbk = looks_like_gbk(err.as_bytes());
        let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
        let mut diagnostic = Diagnostic::error(t!("snapshot-not-utf8")).at(
            &Source::new(path, text),
            at..at + 1,
            t!("snapshot-this-byte"),
        );
        if gbk {
            diagnostic = diagnostic.noting(t!("snapshot-gbk")).help(t!("snapshot-save-utf8"));
        }
        vec![diagnostic]
    })?;
    if let Some(at) = text.find('\0') {
        let source = Source::new(path, text);
        return Diagnostic::error(t!("snapshot-nul"))
            .at(&source, at..at + 1, t!("yaml-here"))
            .help(t!("snapshot-nul-help"))
            .into_err();
    }
    // Invisible, refused by other YAML readers, and able to rewrite a terminal's
    // screen when a message quotes them.
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
        let source = Source::new(path, text);
        return Diagnostic::error(t!("snapshot-control", code = format!("U+{:04X}", u32::from(c))))
            .at(&source, at..at + c.len_utf8(), t!("snapshot-invisible-here"))
            .help(t!("snapshot-control-help"))
            .into_err();
    }
    Ok(Source::new(path, text))
}

/// The name of the UTF-16 encoding a file is in, by its byte order mark or by the
/// zero bytes its ASCII characters bring.
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] | [_, 0, _, 0, ..] => Some("UTF-16 (little-endian)"),
        [0xFE, 0xFF, ..] | [0, _, 0, _, ..] => Some("UTF-16 (big-endian)"),
        _ => None,
    }
}

/// Whether bytes that are not UTF-8 read as GBK: ASCII, and pairs of a lead byte
/// 0x81–0xFE and a trail byte 0x40–0xFE other than 0x7F.
fn looks_like_gbk(bytes: &[u8]) -> bool {
    let mut pairs = 0;
    let mut rest = bytes;
    while let Some((&first, tail)) = rest.split_first() {
        rest = match (first, tail.first()) {
            (0x00..=0x7F, _) => tail,
            (0x81..=0xFE, Some(&trail)) if (0x40..=0xFE).contains(&trail) && trail != 0x7F => {
                pairs += 1;
                &tail[1..]
            }
            _ => return false,
        };
    }
    pairs > 0
}

/// A path with `/` separators.
pub fn slash_path(path: &Path) -> String {
    path.iter().map(|part| part.to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Lowercase hex SHA-256.
pub fn sha256(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_lowercase_hex() {
        assert_eq!(sha256(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn nul_characters_are_refused_where_they_are() {
        let errors = source("t.yaml", b"as_of: 1\nfig\0ures:\n".to_vec()).unwrap_err();
        assert!(errors[0].to_string().contains("t.yaml:2:4"), "{}", errors[0]);
    }
}
