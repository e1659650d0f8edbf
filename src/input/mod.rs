//! Reading and validating what the office wrote: the project's folders, a snapshot
//! of a figure file and its series' templates, YAML with positions, the series'
//! schema, the figures, the fonts installed, and a period's figures against the
//! period before.
//!
//! May use: `core`, `diag`, and `io` for the disk.

pub mod compare;
pub mod defaults;
pub mod figures;
pub mod fonts;
pub mod period;
pub mod project;
pub mod schema;
pub mod snapshot;
pub mod yaml;
