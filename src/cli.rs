//! The command line: clap types whose doc comments are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Produces a publicity office's press bulletins (Markdown, HTML and archival PDF)
/// from figure files and templates.
#[derive(Debug, Parser)]
#[command(name = "bulletin", version, about)]
pub struct Cli {
    /// The project folder (holding `data/` and `templates/`); default: the nearest
    /// folder with `templates/`, going up from the current one.
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build figure files into out/<series>/<as_of>.md, .html and .pdf.
    Build(BuildArgs),
    /// Validate figure files and templates without writing anything.
    Check(CheckArgs),
}

/// Arguments of `bulletin build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Figure files to build (default: every *.yaml under data/).
    pub files: Vec<PathBuf>,

    /// Also write these outputs (`typ`: the generated Typst source, beside the PDF).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "FORMAT")]
    pub format: Vec<ExtraFormat>,

    /// More folders to search for fonts, before the system's.
    #[arg(long = "font-path", value_name = "DIR")]
    pub font_paths: Vec<PathBuf>,
}

/// Arguments of `bulletin check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Figure files to check (default: every *.yaml under data/).
    pub files: Vec<PathBuf>,
}

/// Outputs written on request, besides Markdown, HTML and PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtraFormat {
    /// The generated Typst source.
    Typ,
}
