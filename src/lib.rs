//! `bulletin` as a library: the pipeline stages, one module each, used by the
//! command-line tool and by the benchmark.
//!
//! figure file → validated figures ([`figures`], against [`series`]) → template
//! context and Markdown ([`render`]) → HTML ([`markdown`]) | Typst markup → PDF
//! ([`typeset`]) | Word ([`docx`]). [`snapshot`] reads a build's inputs once,
//! through the one bounded reader of [`fsio`], which also owns every write;
//! [`build`] runs the stages per file and writes `out/`, [`archive`] keeps published
//! versions, [`serve`] previews them live.

pub mod archive;
pub mod build;
pub mod chart;
pub mod compare;
pub mod diag;
pub mod diff;
pub mod docx;
pub mod edition;
pub mod fault;
pub mod figures;
pub mod fonts;
pub mod format;
pub mod fsio;
pub mod markdown;
pub mod period;
pub mod project;
pub mod render;
pub mod series;
pub mod serve;
pub mod site;
pub mod snapshot;
pub mod stamps;
pub mod typeset;
pub mod yaml;
