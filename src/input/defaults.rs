//! The printed layout and the web stylesheets a series uses when its folder has none of
//! its own: the shipped series' files, built into the program, so that a new series
//! is `series.yaml` and `bulletin.md` and nothing copied.
//!
//! Every snapshot holds them under `templates/_default/`, where a series' own file may
//! take them up and change a part (`#import "/templates/_default/layout.typ"` in
//! `layout.typ`; `@import "../_default/style.css";` as a line of `style.css`), and,
//! for each one the series' folder lacks, in its folder too. Only what a build reads
//! is recorded in its stamp and archived with a published version, so a version keeps
//! the defaults it was made with.

/// The folder the defaults are found in, beside the series' folders: no series may
/// take this name.
pub const DEFAULTS: &str = "_default";

/// Each default file: its name in a series' folder, and its text.
pub const FILES: [(&str, &str); 3] = [
    ("layout.typ", include_str!("../../templates/shiyaohuan/layout.typ")),
    ("style.css", include_str!("../../templates/shiyaohuan/style.css")),
    ("page.css", include_str!("../../templates/shiyaohuan/page.css")),
];

/// The line of a series' stylesheet that stands for the default one of the same name.
pub fn css_import(name: &str) -> String {
    format!("@import \"../{DEFAULTS}/{name}\";")
}
