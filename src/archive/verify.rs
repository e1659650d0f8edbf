//! Verifying the archive: every file against its manifest, each period's versions
//! from v1 without a gap and nothing else, the hash chain between them, and with
//! `--rebuild` each version made again from its archived inputs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::archive::manifest::{
    INPUTS, MANIFEST, MAX_ARCHIVED_BYTES, Manifest, Record, TOOL, manifest_bytes, read_manifest, version_number,
};
use crate::archive::publish::render_version;
use crate::archive::{Archive, tampered};
use crate::diag::{self, Diagnostic};
use crate::i18n::t;
use crate::input::fonts::Fonts;
use crate::input::project::{FigureFile, Project};
use crate::input::snapshot::{sha256, slash_path};
use crate::io::{self, Kind, LOCK_FILE};
use crate::pipeline::formats::{self, Format};
use crate::pipeline::{Input, Workspace};

impl Archive {
    /// Every version of every period in the archive; a link where a series, period
    /// or version folder should be is listed too, for [`Archive::verify`] to refuse.
    pub fn all_versions(&self) -> diag::Result<Vec<PathBuf>> {
        let root = self.root();
        match io::kind(&root) {
            Some(Kind::Link) => return Ok(vec![root]),
            Some(Kind::Dir) => {}
            _ => return Ok(vec![]),
        }
        let mut dirs = vec![];
        for entry in io::walk(&root, 1, Some(3)) {
            let entry = entry
                .map_err(|(_, err)| vec![Diagnostic::error(t!("verify-cannot-read", reason = err.to_string()))])?;
            let is_version = entry.depth == 3 && version_number(&entry.name).is_some();
            if entry.kind == Kind::Link || (is_version && entry.kind == Kind::Dir) {
                dirs.push(entry.path);
            }
        }
        Ok(dirs)
    }

    /// What the archive holds outside its period folders (a file in `archive/` or in
    /// a series folder): each is a problem, for nothing but folders belongs there.
    pub fn strays(&self) -> Vec<Diagnostic> {
        let root = self.root();
        if io::kind(&root) != Some(Kind::Dir) {
            return vec![];
        }
        let entries = io::walk(&root, 1, Some(2)).into_iter().filter_map(Result::ok);
        entries
            .filter(|entry| entry.kind != Kind::Dir && !io::is_temporary(&entry.name))
            .map(|entry| {
                let shown = self.project.shown(&entry.path);
                Diagnostic::error(t!("verify-stray", path = &shown)).noting(t!("verify-stray-note"))
            })
            .collect()
    }

    /// The period folders of the archive (`archive/<series>/<as_of>`), in order.
    pub fn periods(&self) -> Vec<PathBuf> {
        let root = self.root();
        if io::kind(&root) != Some(Kind::Dir) {
            return vec![];
        }
        let entries = io::walk(&root, 2, Some(2)).into_iter().filter_map(Result::ok);
        entries.filter(|entry| entry.kind == Kind::Dir).map(|entry| entry.path).collect()
    }

    /// Whether no version was ever published: no period folder holds anything but the
    /// lock a publish takes (one that was refused leaves it).
    pub fn is_empty(&self) -> bool {
        self.periods().iter().all(|period| io::entries(period).unwrap_or_default().iter().all(|e| e.name == LOCK_FILE))
    }

    /// Checks what a period's folder holds as a whole: versions from v1 without a
    /// gap, nothing else, and each version's record of the manifest before it
    /// matching that manifest (the hash chain).
    pub fn verify_period(&self, period: &Path) -> Vec<Diagnostic> {
        let shown = |path: &Path| self.project.shown(path).display().to_string();
        let mut problems = vec![];
        let mut numbers = vec![];
        for entry in io::entries(period).unwrap_or_default() {
            let name = entry.name.as_str();
            match version_number(name) {
                _ if name == LOCK_FILE => {}
                // A version being written when its publish was killed: never a version.
                _ if io::is_temporary(name) => {
                    problems.push(Diagnostic::warning(t!("verify-interrupted", path = shown(&entry.path))));
                }
                Some(number) => numbers.push(number),
                None => problems.push(
                    Diagnostic::error(t!("verify-stray", path = shown(&entry.path)))
                        .noting(t!("verify-stray-in-period-note")),
                ),
            }
        }
        numbers.sort_unstable();
        if let Some(missing) = (1..).zip(&numbers).find(|(expected, number)| expected != *number).map(|(e, _)| e) {
            let path = period.join(format!("v{missing}"));
            problems.push(
                Diagnostic::error(t!("verify-version-missing", path = shown(&path)))
                    .noting(t!("verify-version-missing-note")),
            );
        }
        for pair in numbers.windows(2).filter(|pair| pair[1] == pair[0] + 1) {
            let (before, after) = (period.join(format!("v{}", pair[0])), period.join(format!("v{}", pair[1])));
            let (Ok(bytes), Ok(manifest)) =
                (manifest_bytes(&before, &self.project), read_manifest(&after, &self.project))
            else {
                continue; // An unreadable manifest is reported with its version.
            };
            let recorded = manifest.record.previous.and_then(|previous| previous.manifest_sha256);
            let actual = sha256(&bytes);
            if recorded.as_deref() != Some(actual.as_str()) {
                let recorded = recorded.unwrap_or_else(|| t!("verify-nothing").text);
                let message = t!("verify-chain", manifest = shown(&before.join(MANIFEST)), later = shown(&after));
                problems.push(
                    Diagnostic::error(message)
                        .noting(t!("verify-chain-note", actual = actual, version = pair[1], recorded = recorded))
                        .help(t!("verify-chain-help")),
                );
            }
        }
        problems
    }

    /// The latest version of a period and the SHA-256 of its manifest: the head of
    /// its hash chain, for the office to record elsewhere.
    pub fn head(&self, period: &Path) -> Option<(u32, String)> {
        let latest = io::entries(period).ok()?.into_iter().filter_map(|e| version_number(&e.name)).max()?;
        let bytes = manifest_bytes(&period.join(format!("v{latest}")), &self.project).ok()?;
        Some((latest, sha256(&bytes)))
    }

    /// Re-hashes a version's files against its manifest, and makes again from its
    /// record and archived inputs, byte for byte, the outputs that need no fonts and
    /// link to no other (the Markdown, which has the text and its notes, and the Word
    /// file, which carries the record's exact time): a record or an input edited with
    /// its hash is found too. Returns the problems found.
    pub fn verify(&self, dir: &Path) -> Vec<Diagnostic> {
        let shown_dir = self.project.shown(dir);
        if io::is_link(dir) {
            return vec![Diagnostic::error(t!("project-link", path = &shown_dir)).note(tampered())];
        }
        let manifest = match read_manifest(dir, &self.project) {
            Ok(manifest) => manifest,
            Err(errors) => return errors,
        };
        // The folder is where its manifest says: a copied or renamed version is not.
        let record = &manifest.record;
        let home = self.root().join(&record.series).join(&record.as_of).join(format!("v{}", record.version));
        if dir != home {
            return vec![
                Diagnostic::error(t!("verify-moved", path = &shown_dir, home = self.project.shown(&home)))
                    .help(t!("verify-moved-help")),
            ];
        }
        let mut expected: BTreeMap<String, String> =
            manifest.outputs.iter().map(|f| (f.path.clone(), f.sha256.clone())).collect();
        for input in &manifest.record.inputs {
            expected.insert(format!("{INPUTS}/{}", input.path), input.sha256.clone());
        }
        let mut problems = self.hashes(dir, &mut expected);
        for path in expected.keys() {
            let shown = self.project.shown(&dir.join(path));
            problems.push(Diagnostic::error(t!("verify-file-missing", path = &shown)));
        }
        // Only what this version of the tool made can be made again.
        if problems.is_empty() && record.tool == TOOL {
            problems = self.rebuild_text(dir, record).unwrap_or_else(|errors| errors);
        }
        problems
    }

    /// Each file of a version folder against `expected` (path → SHA-256), taking out
    /// what it finds.
    fn hashes(&self, dir: &Path, expected: &mut BTreeMap<String, String>) -> Vec<Diagnostic> {
        let mut problems = vec![];
        for entry in io::walk(dir, 1, None).into_iter().filter_map(Result::ok) {
            let relative = slash_path(entry.path.strip_prefix(dir).unwrap_or(&entry.path));
            if entry.kind == Kind::Dir || relative == MANIFEST {
                continue;
            }
            let shown = self.project.shown(&entry.path);
            let Some(recorded) = expected.remove(&relative) else {
                problems.push(Diagnostic::error(t!("verify-not-in-manifest", path = &shown)));
                continue;
            };
            match io::read_regular(&entry.path, &shown, MAX_ARCHIVED_BYTES, &t!("what-archived-file").text) {
                Ok(bytes) if sha256(&bytes) == recorded => {}
                Ok(bytes) => problems.push(Diagnostic::error(t!("verify-mismatch", path = &shown)).noting(t!(
                    "verify-mismatch-note",
                    actual = sha256(&bytes),
                    recorded = recorded
                ))),
                Err(mut errors) => problems.append(&mut errors),
            }
        }
        problems
    }

    /// Rebuilds a version from its archived inputs and compares the outputs with the
    /// archived ones, byte for byte.
    pub fn rebuild(&self, dir: &Path, fonts: &Arc<Fonts>) -> diag::Result<Vec<Diagnostic>> {
        let manifest = read_manifest(dir, &self.project)?;
        let record = &manifest.record;
        // Another version of the tool makes other bytes (a new layout rule, a new line
        // on the page): only what this one made can be made again.
        if record.tool != TOOL {
            let shown = self.project.shown(dir);
            return Ok(vec![Diagnostic::info(t!(
                "verify-other-tool",
                path = &shown,
                tool = &record.tool,
                this = TOOL
            ))]);
        }
        let (workspace, input) = self.version_input(dir, record, fonts)?;
        let ident = self.project.shown(dir.parent().unwrap_or(dir));
        let (outputs, fonts, _) = render_version(&workspace, &input, record, &ident, &formats::defaults())?;
        // The usual cause of a difference: the fonts on this machine are not those
        // the version was set in.
        let changed_fonts: Vec<String> = manifest
            .fonts
            .iter()
            .filter(|recorded| !fonts.contains(recorded))
            .map(|recorded| recorded.family.clone())
            .collect();
        let mut problems = vec![];
        for (name, bytes) in outputs {
            let shown = self.project.shown(&dir.join(&name));
            let archived =
                io::read_regular(&dir.join(&name), &shown, MAX_ARCHIVED_BYTES, &t!("what-archived-file").text);
            if archived.ok() != Some(bytes) {
                let mut problem = Diagnostic::error(t!("verify-rebuild-differs", path = &shown));
                if !changed_fonts.is_empty() {
                    problem = problem.noting(t!("verify-fonts-changed", fonts = changed_fonts.join(", ")));
                }
                problems.push(problem);
            }
        }
        Ok(problems)
    }

    /// Whether a period's archive can be built on: the chain of its versions holds
    /// and every version is whole ([`Archive::verify`]). A publish checks this before
    /// it writes the next version, which would otherwise repeat whatever was changed
    /// in the one before.
    pub fn check_before_publishing(&self, file: &FigureFile, versions: &[(u32, Manifest)]) -> diag::Result<()> {
        let period = self.period_dir(file);
        let mut problems = self.verify_period(&period);
        problems.retain(Diagnostic::is_error);
        for (number, _) in versions {
            problems.extend(self.verify(&period.join(format!("v{number}"))));
        }
        if problems.is_empty() {
            return Ok(());
        }
        let shown = self.project.shown(&period);
        problems.push(
            Diagnostic::error(t!("verify-before-publishing", path = &shown)).help(t!("verify-before-publishing-help")),
        );
        Err(problems)
    }

    /// Makes a version's outputs that need no fonts again from its record and archived
    /// inputs, and compares them with the archived files.
    fn rebuild_text(&self, dir: &Path, record: &Record) -> diag::Result<Vec<Diagnostic>> {
        let (workspace, input) = self.version_input(dir, record, &Arc::new(Fonts::none()))?;
        let ident = self.project.shown(dir.parent().unwrap_or(dir));
        let (outputs, ..) = render_version(&workspace, &input, record, &ident, &[Format::Md, Format::Docx])?;
        let mut problems = vec![];
        for (name, bytes) in outputs {
            let shown = self.project.shown(&dir.join(&name));
            let archived =
                io::read_regular(&dir.join(&name), &shown, MAX_ARCHIVED_BYTES, &t!("what-archived-file").text)?;
            if archived != bytes {
                problems.push(
                    Diagnostic::error(t!("verify-record-differs", path = &shown))
                        .noting(t!("verify-record-differs-note", manifest = self.project.shown(&dir.join(MANIFEST)))),
                );
            }
        }
        Ok(problems)
    }

    /// A published period's latest version in other formats than those published (the
    /// Typst source, say), made from its archived inputs as it was published: by file
    /// name. Empty when the version was made by another version of the tool, which
    /// alone could make the same text again.
    pub fn published_formats(
        &self,
        file: &FigureFile,
        versions: &[(u32, Manifest)],
        formats: &[Format],
        fonts: &Arc<Fonts>,
    ) -> diag::Result<Vec<(String, Vec<u8>)>> {
        let Some((number, latest)) = versions.last() else { return Ok(vec![]) };
        if formats.is_empty() || latest.record.tool != TOOL {
            return Ok(vec![]);
        }
        let period = self.period_dir(file);
        let (workspace, input) = self.version_input(&period.join(format!("v{number}")), &latest.record, fonts)?;
        Ok(render_version(&workspace, &input, &latest.record, &self.project.shown(&period), formats)?.0)
    }

    /// A workspace over a version's archived inputs, and its figure file's input.
    fn version_input(&self, dir: &Path, record: &Record, fonts: &Arc<Fonts>) -> diag::Result<(Workspace, Input)> {
        let Some(figure_path) = record.inputs.first().map(|input| input.path.clone()) else {
            return Diagnostic::error(t!("verify-no-figure-file")).into_err();
        };
        let inputs = Project { root: dir.join(INPUTS) };
        let file = FigureFile {
            path: inputs.root.join(&figure_path),
            shown: PathBuf::from(&figure_path),
            series: record.series.clone(),
            stem: record.as_of.clone(),
        };
        let workspace = Workspace::new(inputs, Arc::clone(fonts));
        let input = workspace.input(&file)?;
        Ok((workspace, input))
    }
}
