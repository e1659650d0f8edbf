//! The build: for each figure file, read it with its series ([`workspace`]), render
//! every output in memory ([`render`], the one entry every command uses) and write
//! them into `out/<series>/` together ([`build`]), skipping files whose inputs did not
//! change ([`stamps`]). What an output format is lives in one table ([`formats`]).
//!
//! The only writer of `out/<series>/`. May use: `render`, `input`, `core`, `diag`,
//! and `io` for the disk.

pub mod build;
pub mod formats;
pub mod render;
pub mod series;
pub mod stamps;
pub mod workspace;

pub use build::{DRAFTS, Options, Outcome};
pub use formats::Format;
pub use render::{Correction, Job, Rendered, Version};
pub use series::LoadedSeries;
pub use workspace::{Input, Workspace};
