//! Font discovery, done once per process and shared by every compile.
//!
//! Fonts come from the system, from the project's `fonts/` folder (where an office
//! drops its licensed fonts) and from `--font-path`. Earlier sources win when a family
//! appears twice, so a project's own font overrides the system's copy.

use std::path::{Path, PathBuf};

use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst_kit::fonts::FontStore;

/// Every font the compiler may use.
pub struct Fonts {
    store: FontStore,
}

impl Fonts {
    /// Scans the project's `fonts/` folder, the extra paths and the system.
    pub fn discover(project_fonts: &Path, extra: &[PathBuf]) -> Self {
        let mut store = FontStore::new();
        if project_fonts.is_dir() {
            store.extend(typst_kit::fonts::scan(project_fonts));
        }
        for path in extra {
            store.extend(typst_kit::fonts::scan(path));
        }
        store.extend(typst_kit::fonts::system());
        Self { store }
    }

    /// No fonts at all, for commands that typeset nothing.
    pub fn none() -> Self {
        Self { store: FontStore::new() }
    }

    /// Metadata about all fonts, for the compiler.
    pub fn book(&self) -> &LazyHash<FontBook> {
        self.store.book()
    }

    /// The font at an index of the book, loaded on first use.
    pub fn font(&self, index: usize) -> Option<Font> {
        self.store.font(index)
    }
}
