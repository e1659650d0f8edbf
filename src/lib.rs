//! `bulletin` as a library: the layers of the pipeline, one folder each, used by the
//! command-line tool (`main.rs`, `commands/`) and by the benchmarks.
//!
//! figure file → validated figures ([`input`], against the schema of [`core`]) →
//! template context and Markdown ([`render`]) → HTML | Typst markup → PDF | Word
//! ([`render`]); [`pipeline`] runs those stages for each figure file and is the only
//! writer of `out/`, [`archive`] keeps published versions, [`site`] lists them and
//! [`serve`] previews drafts live. [`io`] is the only code that touches the disk.
//!
//! Arrows run down this list only: site | serve → archive → pipeline → render →
//! input → core → diag; `io` is used by input, pipeline, archive and site
//! (ARCHITECTURE.md; `tests/layers.rs` holds it).

pub mod archive;
pub mod core;
pub mod diag;
pub mod i18n;
pub mod input;
pub mod io;
pub mod pipeline;
pub mod render;
pub mod serve;
pub mod site;
