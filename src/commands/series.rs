//! `bulletin series new NAME`: a new series as two files (`series.yaml` and
//! `bulletin.md`, commented), its layout and stylesheets the built-in ones, and a
//! first figure file to build it from.

use bulletin::archive::publish::now;
use bulletin::core::date::Date;
use bulletin::core::time::beijing_day;
use bulletin::diag::{self, Diagnostic};
use bulletin::i18n::t;
use bulletin::input::project::Project;
use bulletin::io;

use crate::cli::{SeriesLang, SeriesNewArgs};
use crate::commands::say;

/// The skeleton's files in each language: (file name, text).
fn skeleton(lang: SeriesLang) -> [(&'static str, &'static str); 3] {
    match lang {
        SeriesLang::Hans => [
            ("series.yaml", include_str!("assets/series/zh-Hans.series.yaml")),
            ("bulletin.md", include_str!("assets/series/zh-Hans.bulletin.md")),
            ("figures.yaml", include_str!("assets/series/zh-Hans.figures.yaml")),
        ],
        SeriesLang::Hant => [
            ("series.yaml", include_str!("assets/series/zh-Hant.series.yaml")),
            ("bulletin.md", include_str!("assets/series/zh-Hant.bulletin.md")),
            ("figures.yaml", include_str!("assets/series/zh-Hant.figures.yaml")),
        ],
    }
}

/// `bulletin series new NAME`: writes `templates/NAME/` and a first figure file, dated
/// the last day of the month before this one, and says what to do next.
pub fn new(project: Project, args: &SeriesNewArgs) -> diag::Result<bool> {
    let name = &args.name;
    check_name(name)?;
    let templates = project.templates().join(name);
    let data = project.data().join(name);
    for dir in [&templates, &data] {
        if io::exists(dir) {
            return Diagnostic::error(t!("exists-already", path = project.shown(dir)))
                .help(t!("series-exists-help"))
                .into_err();
        }
    }
    let today = beijing_day(&now()?).ok_or_else(|| vec![Diagnostic::error(t!("series-no-clock"))])?;
    let date = last_month_end(today);
    let [series, bulletin, figures] = skeleton(args.script).map(|(file, text)| (file, text.replace("NAME", name)));
    let figures = (format!("{date}.yaml"), figures.1.replace("DATE", &date.to_string()));
    io::create_dir(&templates, &project.shown(&templates))?;
    io::create_dir(&data, &project.shown(&data))?;
    let files = [
        (templates.join(series.0), series.1),
        (templates.join(bulletin.0), bulletin.1),
        (data.join(&figures.0), figures.1),
    ];
    for (path, text) in files {
        io::write_new(&path, text.as_bytes(), &project.shown(&path))?;
        say!("{}", t!("wrote", path = project.shown(&path)));
    }
    say!("{}", t!("series-built-in"));
    Ok(true)
}

/// A series' name is a folder name in `templates/` and `data/` and a part of web
/// addresses: small ASCII letters, digits, `-` and `_`, starting with a letter.
fn check_name(name: &str) -> diag::Result<()> {
    let fits = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    // (So never `_shared` nor `_default`, the folders beside the series'.)
    if fits {
        return Ok(());
    }
    Diagnostic::error(t!("series-bad-name", name = name)).help(t!("series-bad-name-help")).into_err()
}

/// The last day of the month before `day`'s.
fn last_month_end(day: Date) -> Date {
    let (year, month) = if day.month == 1 { (day.year - 1, 12) } else { (day.year, day.month - 1) };
    Date::last_of_month(year, month)
}
