//! Pure stages, bytes in and bytes out: Tera templates and their filters (figures →
//! Markdown), Markdown → HTML and where its lines may break, editions in another
//! script, charts, the Word file, and Typst markup → PDF.
//!
//! May use: `input` (a snapshot's files, the fonts), `core`, `diag`. Never `io`:
//! nothing here reads or writes the disk.

pub mod args;
pub mod breaks;
pub mod budget;
pub mod builtin;
pub mod chart;
pub mod docx;
pub mod edition;
pub mod filters;
pub mod html;
pub mod lints;
pub mod lists;
pub mod signature;
pub mod template;
pub mod tera_words;
pub mod typst;
