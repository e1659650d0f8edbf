//! The command line: clap types whose doc comments are the `--help` text.

use std::path::PathBuf;

use bulletin::diag::Diagnostic;
use bulletin::i18n::{Lang, Text, t};
use bulletin::pipeline::Format;
use bulletin::pipeline::formats::{TABLE, Written};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, Parser, Subcommand};

/// Produces a publicity office's press bulletins (Markdown, HTML and archival PDF)
/// from figure files and templates.
#[derive(Debug, Parser)]
#[command(name = "bulletin", version, about)]
pub struct Cli {
    /// The project folder (holding `data/` and `templates/`); default: the nearest
    /// folder with `templates/`, going up from the current one.
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// How long one template may take to render one bulletin, in seconds; a render
    /// past it is stopped and reported as that figure file's error.
    #[arg(long, global = true, value_name = "SECONDS", env = "BULLETIN_TIME_LIMIT", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub time_limit: u64,

    /// The language the tool speaks: `zh-Hans`, `zh-Hant` or `en` (default: the
    /// locale's, from LC_ALL, LC_MESSAGES or LANG: zh_CN and zh_SG are Simplified,
    /// zh_TW, zh_HK and zh_MO Traditional, any other English).
    #[arg(long, global = true, value_name = "LANG", env = "BULLETIN_LANG", value_parser = ui_lang)]
    pub lang: Option<Lang>,

    /// Print each diagnostic's key after its severity (`error[rule-broken]`), the same
    /// in every language.
    #[arg(long, global = true)]
    pub show_keys: bool,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// A `--lang` value: a tag the tool speaks or a locale naming one.
fn ui_lang(value: &str) -> Result<Lang, String> {
    Lang::named(value).ok_or_else(|| t!("cli-lang-values").text)
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build figure files into out/<series>/<as_of>.md, .html and .pdf.
    Build(BuildArgs),
    /// Validate figure files and templates without writing anything.
    Check(CheckArgs),
    /// Publish a figure file as the next version of its period in archive/.
    Publish(PublishArgs),
    /// Re-hash the archive and report every file that no longer matches its manifest.
    Verify(VerifyArgs),
    /// Show the figures and sentences that differ between two figure files, or between
    /// a figure file and its latest published version.
    Diff(DiffArgs),
    /// List the published versions of a period.
    History(HistoryArgs),
    /// Show which font family each role of each series resolved to, and why the
    /// families before it were passed over.
    Fonts(FontsArgs),
    /// Preview figure files in the browser, rebuilding as their files are saved.
    Serve(ServeArgs),
    /// Start a period: write data/<SERIES>/<DATE>.yaml from the series' latest figure
    /// file, with `as_of` set and last year's figures filled in.
    New(NewArgs),
    /// Start a new series: templates/<NAME>/series.yaml and bulletin.md, commented, with
    /// the built-in layout and stylesheets, and a first figure file to build.
    #[command(subcommand)]
    Series(SeriesCommand),
    /// Write the site into out/: an index of every series, and for each series a page
    /// and an Atom feed listing the latest published version of each period.
    Site(SiteArgs),
}

/// `bulletin series …`.
#[derive(Debug, Subcommand)]
pub enum SeriesCommand {
    /// Write templates/<NAME>/series.yaml and bulletin.md (commented) and a first figure
    /// file data/<NAME>/<DATE>.yaml; the layout and stylesheets are the built-in ones.
    New(SeriesNewArgs),
}

/// Arguments of `bulletin series new`.
#[derive(Debug, Args)]
pub struct SeriesNewArgs {
    /// The series' name: its folder under templates/ and data/ (small ASCII letters,
    /// digits, `-` and `_`).
    pub name: String,

    /// The script its templates are written in; the other script is its second
    /// edition.
    #[arg(long, value_enum, default_value = "zh-Hans")]
    pub script: SeriesLang,
}

/// The language of a new series' templates.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum SeriesLang {
    /// Simplified Chinese.
    #[value(name = "zh-Hans")]
    Hans,
    /// Traditional Chinese.
    #[value(name = "zh-Hant")]
    Hant,
}

/// Arguments of `bulletin site`.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// Also list the periods built into out/ but never published, marked as drafts
    /// (never in a feed).
    #[arg(long)]
    pub drafts: bool,
}

/// Arguments of `bulletin new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The series (its folder under templates/ and data/).
    pub series: String,

    /// The period's date, as YYYY-MM-DD (default: the end of the period after the
    /// latest, for a series that declares `period: month`, `quarter` or `year`).
    pub date: Option<String>,
}

/// Arguments of `bulletin serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Figure files to preview (default: every figure file under data/, as files come
    /// and go).
    pub files: Vec<PathBuf>,

    /// The port to listen on (default: a free one, printed at start).
    #[arg(long, default_value_t = 0)]
    pub port: u16,

    /// The address to listen on; anything but the default loopback address lets other
    /// machines see the drafts.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,

    /// Where to find fonts.
    #[command(flatten)]
    pub fonts: FontArgs,
}

/// Where fonts are searched: the project's `fonts/` folder, then these folders, then
/// (unless told not to) the system's.
#[derive(Debug, Args)]
pub struct FontArgs {
    /// More folders to search for fonts, before the system's.
    #[arg(long = "font-path", value_name = "DIR", env = "BULLETIN_FONT_PATHS", value_delimiter = ':')]
    pub font_paths: Vec<PathBuf>,

    /// Use only the project's `fonts/` folder and the `--font-path` folders, not the
    /// fonts installed on the system (so another installed font changes nothing).
    #[arg(long, env = "BULLETIN_IGNORE_SYSTEM_FONTS")]
    pub ignore_system_fonts: bool,
}

/// Arguments of `bulletin fonts`.
#[derive(Debug, Args)]
pub struct FontsArgs {
    /// Where to find fonts.
    #[command(flatten)]
    pub fonts: FontArgs,
}

/// Arguments of `bulletin publish`.
#[derive(Debug, Args)]
pub struct PublishArgs {
    /// The figure file to publish.
    pub file: PathBuf,

    /// Why this version is published (for a correction: what was wrong).
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,

    /// Publish although these figures look like a slip against the period before
    /// (`food.cases` ten times larger, say; `unchanged` for a file whose every figure
    /// is the period before's): recorded in the version's manifest.
    #[arg(long, value_delimiter = ',', value_name = "FIELD")]
    pub accept: Vec<String>,

    /// Where to find fonts.
    #[command(flatten)]
    pub fonts: FontArgs,
}

/// Arguments of `bulletin verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Also rebuild every version from its archived inputs and compare the bytes.
    #[arg(long)]
    pub rebuild: bool,

    /// Print each period's head: its latest version and the SHA-256 of that
    /// version's manifest, to record elsewhere (a register, a signed email) and
    /// compare later, so a rewritten history shows.
    #[arg(long)]
    pub print_head: bool,

    /// Where to find fonts (with --rebuild).
    #[command(flatten)]
    pub fonts: FontArgs,
}

/// Arguments of `bulletin diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier figure file (or the only one, compared with its latest published version).
    pub file: PathBuf,

    /// The later figure file.
    pub other: Option<PathBuf>,
}

/// Arguments of `bulletin history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// A figure file of the period.
    pub file: PathBuf,
}

/// Arguments of `bulletin build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Figure files to build (default: every *.yaml under data/).
    pub files: Vec<PathBuf>,

    /// Also write these outputs (`typ`: the generated Typst source, beside the PDF).
    #[arg(long, value_parser = formats(Written::OnRequest), value_delimiter = ',', value_name = "FORMAT")]
    pub format: Vec<Format>,

    /// Leave these outputs out (`docx`, `fragment`, `html`, `pdf`; the Markdown is
    /// always written).
    #[arg(long, value_parser = formats(Written::ByDefault), value_delimiter = ',', value_name = "FORMAT")]
    pub without: Vec<Format>,

    /// Where to find fonts.
    #[command(flatten)]
    pub fonts: FontArgs,

    /// How many files to build at once (default: one per core).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Rebuild every file, even those whose inputs did not change.
    #[arg(long)]
    pub force: bool,

    /// Build only these editions (language tags from series.yaml's `editions`,
    /// such as `zh-Hans`); default: every one.
    #[arg(long, value_delimiter = ',', value_name = "LANG")]
    pub edition: Vec<String>,
}

/// Arguments of `bulletin check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Figure files to check (default: every *.yaml under data/).
    pub files: Vec<PathBuf>,
}

/// The names of the formats a build writes `written` (the format table's), each with
/// its help, for `--format` and `--without`.
fn formats(written: Written) -> impl TypedValueParser<Value = Format> {
    let values = TABLE.iter().filter(move |spec| spec.written == written);
    let names = values.map(|spec| {
        PossibleValue::new(spec.name).help(format_help(spec.name).map_or_else(String::new, |help| help.text))
    });
    PossibleValuesParser::new(names).map(|name| Format::named(&name).unwrap_or(Format::Md))
}

/// The command line of this run, its help in the chosen language; a mistyped one is
/// a diagnostic in that language (clap's own words are English only). `--help` and
/// `--version` print and exit here.
pub fn parse() -> Result<Cli, Diagnostic> {
    use clap::{CommandFactory, FromArgMatches};
    let command = localise(Cli::command(), "bulletin");
    let matches = match command.try_get_matches() {
        Ok(matches) => matches,
        Err(err) if err.use_stderr() => return Err(mistyped(&err)),
        Err(err) => err.exit(),
    };
    Cli::from_arg_matches(&matches).map_err(|err| mistyped(&err))
}

/// What clap found wrong with a command line, said from the catalogue: the kinds of
/// mistake are named by [`ErrorKind`], their words (the argument, the value, the
/// suggestion) are clap's context.
fn mistyped(err: &clap::Error) -> Diagnostic {
    let said = |kind: ContextKind| match err.get(kind) {
        Some(ContextValue::String(text)) => text.clone(),
        Some(ContextValue::Strings(texts)) => texts.join(&t!("cli-value-separator").text),
        Some(ContextValue::StyledStr(text)) => text.to_string(),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let (arg, value) = (said(ContextKind::InvalidArg), said(ContextKind::InvalidValue));
    let mut diagnostic = match err.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            Diagnostic::error(t!("cli-error-invalid-value", value = &value, arg = &arg))
        }
        ErrorKind::UnknownArgument => Diagnostic::error(t!("cli-error-unknown-argument", arg = &arg)),
        ErrorKind::InvalidSubcommand => {
            Diagnostic::error(t!("cli-error-unknown-command", command = said(ContextKind::InvalidSubcommand)))
        }
        ErrorKind::MissingRequiredArgument => Diagnostic::error(t!("cli-error-missing", args = &arg)),
        ErrorKind::ArgumentConflict => {
            Diagnostic::error(t!("cli-error-conflict", arg = &arg, other = said(ContextKind::PriorArg)))
        }
        ErrorKind::MissingSubcommand => Diagnostic::error(t!("cli-error-no-command")),
        // The rarer kinds (a value where none is taken, bytes that are not UTF-8)
        // keep clap's words as a note.
        _ => Diagnostic::error(t!("cli-error-other")).noting(err.render().to_string().trim().to_string()),
    };
    for suggestion in [said(ContextKind::SuggestedArg), said(ContextKind::SuggestedSubcommand)] {
        if !suggestion.is_empty() {
            diagnostic = diagnostic.help(t!("did-you-mean", name = suggestion));
        }
    }
    if let Some(ContextValue::Strings(valid)) = err.get(ContextKind::ValidValue) {
        let valid: Vec<String> = valid.iter().map(|value| format!("`{value}`")).collect();
        diagnostic =
            diagnostic.help(t!("cli-error-valid-values", values = valid.join(&t!("cli-value-separator").text)));
    }
    if let Some(help) = validation(err) {
        diagnostic = diagnostic.help(help);
    }
    let usage = said(ContextKind::Usage);
    if let Some((_, usage)) = usage.split_once(": ") {
        diagnostic = diagnostic.noting(format!("{}{}", t!("cli-usage"), usage.trim()));
    }
    diagnostic.help(t!("cli-error-more"))
}

/// What a value refused by its parser should be: the range of a number (clap says
/// `0 is not in 1..=65535`), or the words a parser of ours gave.
fn validation(err: &clap::Error) -> Option<String> {
    use std::error::Error;
    if err.kind() != ErrorKind::ValueValidation {
        return None;
    }
    let source = err.source()?.to_string();
    let Some((_, range)) = source.split_once(" is not in ") else { return Some(source) };
    let (low, high) = range.split_once("..")?;
    let high = high.trim_start_matches('=');
    Some(if high.is_empty() || high == "65535" || high == u64::MAX.to_string() {
        t!("cli-error-at-least", low = low).text
    } else {
        t!("cli-error-range", low = low, high = high).text
    })
}

/// A command (and its subcommands) with every description from the catalogue: the
/// doc comments above are the code's own account, the catalogue what the user reads.
fn localise(command: clap::Command, name: &str) -> clap::Command {
    use clap::{Arg, ArgAction};
    let mut command = command
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help(t!("cli-help").text));
    if name == "bulletin" {
        command = command.disable_version_flag(true).arg(
            Arg::new("version").short('V').long("version").action(ArgAction::Version).help(t!("cli-version").text),
        );
    }
    let template = help_template(&command);
    command = command.help_template(template);
    if let Some(about) = about(name) {
        command = command.about(about.text).long_about(None::<&str>);
    }
    command = command.mut_args(|arg| {
        let help = arg_help(name, arg.get_id().as_str()).map(|help| help.text + &details(&arg));
        // clap would say `[default: …]`, `[env: …]` and `Possible values` in English:
        // the help says them in the catalogue's words instead.
        let arg = arg.hide_default_value(true).hide_env(true).hide_possible_values(true);
        match help {
            Some(help) => arg.help(help).long_help(None::<&str>),
            None => arg,
        }
    });
    let names: Vec<String> = command.get_subcommands().map(|sub| sub.get_name().to_string()).collect();
    for sub in names {
        let full = if name == "bulletin" { sub.clone() } else { format!("{name} {sub}") };
        command = command.mut_subcommand(&sub, |sub| localise(sub, &full));
    }
    command
}

/// The layout of a command's help with its headings from the catalogue (clap's
/// `{all-args}` would write `Options:` and `Arguments:`).
fn help_template(command: &clap::Command) -> String {
    let mut template = format!("{{before-help}}{{about-with-newline}}\n{}{{usage}}\n", t!("cli-usage"));
    if command.has_subcommands() {
        template.push_str(&format!("\n{}\n{{subcommands}}\n", t!("cli-commands")));
    }
    if command.get_positionals().next().is_some() {
        template.push_str(&format!("\n{}\n{{positionals}}\n", t!("cli-arguments")));
    }
    template.push_str(&format!("\n{}\n{{options}}{{after-help}}", t!("cli-options")));
    template
}

/// An argument's values, default and environment variable, as its help says them.
/// The script's values and the port's default are in their help already, in words
/// clap does not have.
fn details(arg: &clap::Arg) -> String {
    let mut details = String::new();
    let separator = t!("cli-value-separator").text;
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|value| !value.is_hide_set())
        .map(|value| match value.get_help() {
            Some(help) => {
                let help = help.to_string();
                let help = help.trim_end_matches(['。', '.']);
                t!("cli-possible-value", name = value.get_name(), help = help).text
            }
            None => format!("`{}`", value.get_name()),
        })
        .collect();
    // A flag's `true` and `false` are not typed: it is there or not.
    if !values.is_empty() && arg.get_id() != "script" && arg.get_action().takes_values() {
        details.push_str(&t!("cli-possible-values", values = values.join(&separator)).text);
    }
    let defaults: Vec<String> =
        arg.get_default_values().iter().map(|value| value.to_string_lossy().into_owned()).collect();
    // The port's default, 0, is "a free one", as its help says.
    if !defaults.is_empty() && arg.get_action().takes_values() && arg.get_id() != "port" {
        details.push_str(&t!("cli-default", value = defaults.join(&separator)).text);
    }
    if let Some(env) = arg.get_env() {
        details.push_str(&t!("cli-env", name = env.to_string_lossy()).text);
    }
    details
}

/// What a command does, as its help says.
fn about(command: &str) -> Option<Text> {
    Some(match command {
        "bulletin" => t!("cli-about"),
        "build" => t!("cli-build"),
        "check" => t!("cli-check"),
        "publish" => t!("cli-publish"),
        "verify" => t!("cli-verify"),
        "diff" => t!("cli-diff"),
        "history" => t!("cli-history"),
        "fonts" => t!("cli-fonts"),
        "serve" => t!("cli-serve"),
        "new" => t!("cli-new"),
        "series" => t!("cli-series"),
        "series new" => t!("cli-series-new"),
        "site" => t!("cli-site"),
        _ => return None,
    })
}

/// What an argument of a command means, as its help says.
fn arg_help(command: &str, arg: &str) -> Option<Text> {
    Some(match (command, arg) {
        (_, "root") => t!("cli-root"),
        (_, "time_limit") => t!("cli-time-limit"),
        (_, "lang") => t!("cli-lang"),
        (_, "show_keys") => t!("cli-show-keys"),
        (_, "font_paths") => t!("cli-font-paths"),
        (_, "ignore_system_fonts") => t!("cli-ignore-system-fonts"),
        ("build", "files") => t!("cli-build-files"),
        ("build", "format") => t!("cli-build-format"),
        ("build", "without") => t!("cli-build-without"),
        ("build", "jobs") => t!("cli-build-jobs"),
        ("build", "force") => t!("cli-build-force"),
        ("build", "edition") => t!("cli-build-edition"),
        ("check", "files") => t!("cli-check-files"),
        ("publish", "file") => t!("cli-publish-file"),
        ("publish", "reason") => t!("cli-publish-reason"),
        ("publish", "accept") => t!("cli-publish-accept"),
        ("verify", "rebuild") => t!("cli-verify-rebuild"),
        ("verify", "print_head") => t!("cli-verify-print-head"),
        ("diff", "file") => t!("cli-diff-file"),
        ("diff", "other") => t!("cli-diff-other"),
        ("history", "file") => t!("cli-history-file"),
        ("serve", "files") => t!("cli-serve-files"),
        ("serve", "port") => t!("cli-serve-port"),
        ("serve", "host") => t!("cli-serve-host"),
        ("new", "series") => t!("cli-new-series"),
        ("new", "date") => t!("cli-new-date"),
        ("series new", "name") => t!("cli-series-new-name"),
        ("series new", "script") => t!("cli-series-new-script"),
        ("site", "drafts") => t!("cli-site-drafts"),
        _ => return None,
    })
}

/// What an output format is, as `--format` and `--without` list it.
fn format_help(name: &str) -> Option<Text> {
    Some(match name {
        "md" => t!("cli-format-md"),
        "html" => t!("cli-format-html"),
        "fragment" => t!("cli-format-fragment"),
        "pdf" => t!("cli-format-pdf"),
        "docx" => t!("cli-format-docx"),
        "typ" => t!("cli-format-typ"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    /// Every command and every argument of the command line has its words in the
    /// catalogue: none is left to its English doc comment.
    #[test]
    fn every_command_and_argument_is_described_by_the_catalogue() {
        fn walk(command: &clap::Command, name: &str, missing: &mut Vec<String>) {
            if about(name).is_none() {
                missing.push(name.to_string());
            }
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                if !["help", "version"].contains(&id) && arg_help(name, id).is_none() {
                    missing.push(format!("{name} {id}"));
                }
            }
            for sub in command.get_subcommands() {
                let full =
                    if name == "bulletin" { sub.get_name().to_string() } else { format!("{name} {}", sub.get_name()) };
                walk(sub, &full, missing);
            }
        }
        let mut missing = vec![];
        walk(&Cli::command(), "bulletin", &mut missing);
        missing.extend(TABLE.iter().filter(|spec| format_help(spec.name).is_none()).map(|spec| spec.name.to_string()));
        assert!(missing.is_empty(), "no words in the catalogue for {missing:?}");
    }
}
