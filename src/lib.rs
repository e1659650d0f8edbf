//! `bulletin` as a library: the pipeline stages, one module each, used by the
//! command-line tool and by the benchmark.
//!
//! figure file → validated figures ([`figures`], against [`series`]) → template
//! context and Markdown ([`render`]) → HTML ([`markdown`]) | Typst markup → PDF
//! ([`typeset`]); [`build`] runs the stages per file and writes `out/`, [`archive`]
//! keeps published versions.

pub mod archive;
pub mod build;
pub mod diag;
pub mod diff;
pub mod figures;
pub mod fonts;
pub mod markdown;
pub mod project;
pub mod render;
pub mod series;
pub mod typeset;
pub mod yaml;
