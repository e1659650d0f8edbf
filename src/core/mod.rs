//! Plain data and text rules, with no I/O: dates, figures, the schema's types, how a
//! figure is named and printed, Chinese number wording, Markdown parsing (and the
//! header rows and spans of its tables), what changed between two periods, the styles
//! of typefaces.
//!
//! May use: `diag`. Never the disk, never a layer above.

pub mod date;
pub mod diff;
pub mod figure;
pub mod format;
pub mod labels;
pub mod language;
pub mod markdown;
pub mod schema;
pub mod table;
pub mod time;
pub mod typeface;
