//! The site's pages: the index of every series and a page per series, standalone
//! HTML in the series' language, every text escaped.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use tera::{Context, Tera};

use crate::core::date::Date;
use crate::core::format::{self, DateStyle, Script};
use crate::core::language::Language;
use crate::core::time::chinese_date;
use crate::pipeline::formats::{Format, SiteLabel};
use crate::render::builtin::{Escape, built_in, render_built_in};
use crate::site::{FEED, INDEX, Output, Period, Series, State};

/// What a path segment of a link escapes: everything but letters, digits and `-._~`.
pub(super) const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The words the site writes itself, in one script.
#[derive(Serialize)]
pub(super) struct Words {
    pub(super) bulletins: &'static str,
    pub(super) columns: &'static str,
    pub(super) latest: &'static str,
    pub(super) published: &'static str,
    pub(super) corrected: &'static str,
    pub(super) reason: &'static str,
    pub(super) notice: &'static str,
    pub(super) draft: &'static str,
    pub(super) unpublished: &'static str,
    pub(super) full_text: &'static str,
    pub(super) web_page: &'static str,
    pub(super) subscribe: &'static str,
    pub(super) all: &'static str,
    pub(super) count: &'static str,
    pub(super) periods: &'static str,
}

/// The site's words in Traditional characters.
const HANT: Words = Words {
    bulletins: "通報",
    columns: "欄目",
    latest: "最新發布",
    published: "發布",
    corrected: "更正",
    reason: "更正原因",
    notice: "更正說明",
    draft: "草稿",
    unpublished: "未發布",
    full_text: "全文",
    web_page: "網頁",
    subscribe: "Atom訂閱",
    all: "全部通報",
    count: "共",
    periods: "期",
};

/// The site's words in Simplified characters.
const HANS: Words = Words {
    bulletins: "通报",
    columns: "栏目",
    latest: "最新发布",
    published: "发布",
    corrected: "更正",
    reason: "更正原因",
    notice: "更正说明",
    draft: "草稿",
    unpublished: "未发布",
    full_text: "全文",
    web_page: "网页",
    subscribe: "Atom订阅",
    all: "全部通报",
    count: "共",
    periods: "期",
};

/// The script a language tag is written in (Traditional when it is not one the
/// tool reads).
pub(super) fn script(lang: &str) -> Script {
    Language::parse(lang).map_or(Script::Hant, |language| language.script)
}

/// The site's words in a script.
pub(super) fn words_in(script: Script) -> &'static Words {
    match script {
        Script::Hant => &HANT,
        Script::Hans => &HANS,
    }
}

/// An edition's name in its own script, as a language menu writes it.
pub(super) fn edition_name(tag: &str) -> String {
    match Language::parse(tag).map(|language| language.script) {
        Ok(Script::Hant) => "繁體".to_string(),
        Ok(Script::Hans) => "简体".to_string(),
        Err(_) => tag.to_string(),
    }
}

/// A period's date in words: `2019年11月15日`.
pub(super) fn period_date(as_of: &str, script: Script) -> String {
    Date::parse(as_of).map_or_else(|_| as_of.to_string(), |date| format::date(date, DateStyle::Full, false, script))
}

/// A file's link target, relative to the folder linking to it.
pub(super) fn href(segments: &[&str]) -> String {
    let encoded: Vec<String> = segments.iter().map(|s| utf8_percent_encode(s, SEGMENT).to_string()).collect();
    encoded.join("/")
}

/// The media type of an output, by its extension.
pub(super) fn media_type(ext: &str) -> Option<&'static str> {
    let spec = Format::of_extension(ext)?.spec();
    spec.site.map(|_| spec.media_type)
}

/// How a format is named on a link.
pub(super) fn format_name(ext: &str, words: &Words) -> String {
    match Format::of_extension(ext).and_then(|format| format.spec().site).map(|(_, label)| label) {
        Some(SiteLabel::WebPage) => words.web_page.to_string(),
        Some(SiteLabel::WebPageForCms) => format!("{}（CMS）", words.web_page),
        Some(SiteLabel::Fixed(name)) => name.to_string(),
        None => ext.to_ascii_uppercase(),
    }
}

/// The site's templates.
static TEMPLATES: LazyLock<Tera> = LazyLock::new(|| {
    built_in(
        &[
            ("page.html", include_str!("assets/page.html")),
            ("meta.html", include_str!("assets/meta.html")),
            ("series.html", include_str!("assets/series.html")),
            ("index.html", include_str!("assets/index.html")),
        ],
        Escape::Html,
    )
});

/// A feed a page points a browser or feed reader to.
#[derive(Serialize)]
struct FeedLink {
    href: String,
    title: String,
}

/// A standalone page of the site: language, charset, viewport, its own stylesheet,
/// the feeds it points to, and `body`.
fn page(lang: &str, title: &str, feeds: &[FeedLink], body: &str) -> String {
    let mut context = Context::new();
    context.insert("lang", lang);
    context.insert("title", title);
    context.insert("feeds", feeds);
    context.insert("style", include_str!("assets/style.css"));
    context.insert("body", body);
    render_built_in(&TEMPLATES, "page.html", &context)
}

/// The `lang` of an element whose language differs from the page's (else empty).
fn lang_attr(lang: &str, page: &str) -> String {
    if lang == page { String::new() } else { lang.to_string() }
}

/// A period as a page lists it: its date, title and link, the day it was published
/// and its mark, and the links to its files.
#[derive(Serialize)]
struct PeriodView {
    class: &'static str,
    as_of: String,
    date_words: String,
    title: String,
    /// The first edition's web page, which the title links to (empty: none).
    href: String,
    /// The period's language, where it differs from the page's (the index).
    lang: String,
    /// The series, on the index, when the title does not already say it.
    series_link: Option<SeriesLink>,
    published: Option<Day>,
    corrected: Option<Corrected>,
    draft: Option<Draft>,
    reason: Option<String>,
    rows: Vec<Row>,
}

#[derive(Serialize)]
struct SeriesLink {
    href: String,
    heading: String,
}

#[derive(Serialize)]
struct Day {
    first: String,
    word: &'static str,
}

#[derive(Serialize)]
struct Corrected {
    mark: &'static str,
    latest: String,
    word: &'static str,
}

#[derive(Serialize)]
struct Draft {
    mark: &'static str,
    unpublished: &'static str,
}

/// A row of a period's links: the bulletin in an edition, or the notice.
#[derive(Serialize)]
struct Row {
    label: String,
    /// The label's language, when it is an edition's name in its own script.
    label_lang: String,
    edition: String,
    edition_lang: String,
    links: Vec<FileLink>,
}

#[derive(Serialize)]
struct FileLink {
    href: String,
    lang: String,
    #[serde(rename = "type")]
    kind: String,
    text: String,
}

/// A period's date, publication and mark, its title's link and its files; `prefix`
/// is the way from the page to the series' folder.
fn period_view(series: &Series, period: &Period, words: &Words, prefix: &[&str]) -> PeriodView {
    let script = script(&series.lang);
    let web_page =
        period.files.iter().find(|file| file.notice.is_none() && file.edition.is_none() && file.ext == "html");
    let mut view = PeriodView {
        class: class(period),
        as_of: period.as_of.clone(),
        date_words: period_date(&period.as_of, script),
        title: period.title.clone(),
        href: web_page.map(|page| href(&[prefix, &[page.name.as_str()]].concat())).unwrap_or_default(),
        lang: String::new(),
        series_link: None,
        published: None,
        corrected: None,
        draft: None,
        reason: None,
        rows: rows(series, period, words),
    };
    match &period.state {
        State::Published { version, first, latest, reason } => {
            view.published = Some(Day { first: chinese_date(first), word: words.published });
            if *version > 1 {
                let latest = chinese_date(latest);
                view.corrected = Some(Corrected { mark: words.corrected, latest, word: words.corrected });
                view.reason.clone_from(reason);
            }
        }
        State::Draft => view.draft = Some(Draft { mark: words.draft, unpublished: words.unpublished }),
    }
    view
}

/// The class of a period's entry: how the stylesheet and a reader's tools tell a
/// corrected or draft period.
fn class(period: &Period) -> &'static str {
    match period.state {
        State::Draft => " draft",
        State::Published { version, .. } if version > 1 => " corrected",
        State::Published { .. } => "",
    }
}

/// Whether a series has a feed: a period published.
pub(super) fn has_feed(series: &Series) -> bool {
    series.periods.iter().any(|period| matches!(period.state, State::Published { .. }))
}

/// The page of one series: its periods, newest first, each with its mark and the
/// links to every format and edition of its latest version.
pub(super) fn series_page(series: &Series) -> String {
    let words = words_in(script(&series.lang));
    let periods: Vec<PeriodView> =
        series.periods.iter().map(|period| period_view(series, period, words, &[])).collect();
    let mut context = Context::new();
    context.insert("words", words);
    context.insert("heading", &series.heading);
    context.insert("author", &series.author);
    context.insert("feed", &has_feed(series));
    context.insert("periods", &periods);
    let body = render_built_in(&TEMPLATES, "series.html", &context);
    let feeds = if has_feed(series) {
        vec![FeedLink { href: FEED.to_string(), title: series.heading.clone() }]
    } else {
        vec![]
    };
    page(&series.lang, &format!("{} - {}", series.heading, series.author), &feeds, &body)
}

/// Whether a period's files come in several editions.
pub(super) fn several_editions(period: &Period) -> bool {
    period.files.iter().any(|file| file.edition.is_some())
}

/// What a row of a period's links is: the bulletin in an edition, or the notice.
pub(super) fn row_label(series: &Series, file: &Output, several: bool, words: &Words) -> (String, String) {
    let tag = file.edition.as_deref().unwrap_or(&series.lang);
    let name = edition_name(tag);
    // A notice is named by its day: a period corrected twice has two.
    let notice = || format!("{}（{}）", words.notice, file.day);
    match (file.notice.is_some(), several) {
        (false, true) => (name, String::new()),
        (false, false) => (words.full_text.to_string(), String::new()),
        (true, true) => (notice(), name),
        (true, false) => (notice(), String::new()),
    }
}

/// A period's links: one row per edition of the bulletin, then of the notice.
fn rows(series: &Series, period: &Period, words: &Words) -> Vec<Row> {
    let several = several_editions(period);
    let mut rows: Vec<Row> = vec![];
    let mut last = None;
    for file in &period.files {
        let tag = file.edition.as_deref().unwrap_or(&series.lang);
        let key = (file.notice, file.edition.as_deref());
        if last != Some(key) {
            let (label, edition) = row_label(series, file, several, words);
            // An edition's name is in its own script and says so.
            let own = lang_attr(tag, &series.lang);
            let label_lang = if label == edition_name(tag) { own.clone() } else { String::new() };
            let edition_lang = if edition.is_empty() { String::new() } else { own };
            rows.push(Row { label, label_lang, edition, edition_lang, links: vec![] });
            last = Some(key);
        }
        let link = FileLink {
            href: href(&[&file.name]),
            lang: tag.to_string(),
            kind: media_type(&file.ext).unwrap_or_default().to_string(),
            text: format_name(&file.ext, words),
        };
        if let Some(row) = rows.last_mut() {
            row.links.push(link);
        }
    }
    rows
}

/// A series as the index lists it.
#[derive(Serialize)]
struct SeriesView {
    lang: String,
    href: String,
    heading: String,
    author: String,
    count: String,
    feed: String,
    subscribe: &'static str,
}

/// The site's index: its series, then every period of every series, newest first.
pub(super) fn index_page(all: &[Series]) -> String {
    let langs: BTreeSet<&str> = all.iter().map(|series| series.lang.as_str()).collect();
    let lang = match langs.iter().collect::<Vec<_>>().as_slice() {
        [one] => (*one).to_string(),
        _ => "zh".to_string(),
    };
    let words = words_in(all.first().map_or(Script::Hant, |series| script(&series.lang)));
    let authors: BTreeSet<&str> = all.iter().map(|series| series.author.as_str()).collect();
    let heading = match authors.iter().collect::<Vec<_>>().as_slice() {
        [one] => format!("{one}{}", words.bulletins),
        _ => words.bulletins.to_string(),
    };
    let series: Vec<SeriesView> = all.iter().map(|series| series_view(series, &lang)).collect();
    let feeds: Vec<FeedLink> = series
        .iter()
        .filter(|view| !view.feed.is_empty())
        .map(|view| FeedLink { href: view.feed.clone(), title: view.heading.clone() })
        .collect();
    let mut periods: Vec<(&Series, &Period)> =
        all.iter().flat_map(|series| series.periods.iter().map(move |period| (series, period))).collect();
    periods.sort_by(|(a, p), (b, q)| q.as_of.cmp(&p.as_of).then_with(|| a.name.cmp(&b.name)));
    let periods: Vec<PeriodView> = periods
        .into_iter()
        .map(|(series, period)| {
            let mut view = period_view(series, period, words_in(script(&series.lang)), &[&series.name]);
            view.lang = lang_attr(&series.lang, &lang);
            if period.title != series.heading {
                let href = format!("{}#p{}", href(&[&series.name, INDEX]), period.as_of);
                view.series_link = Some(SeriesLink { href, heading: series.heading.clone() });
            }
            view
        })
        .collect();
    let mut context = Context::new();
    context.insert("words", words);
    context.insert("heading", &heading);
    context.insert("all", &series);
    context.insert("periods", &periods);
    page(&lang, &heading, &feeds, &render_built_in(&TEMPLATES, "index.html", &context))
}

/// A series on the index: its page, office, number of periods and feed.
fn series_view(series: &Series, lang: &str) -> SeriesView {
    let own = words_in(script(&series.lang));
    SeriesView {
        lang: lang_attr(&series.lang, lang),
        href: href(&[&series.name, INDEX]),
        heading: series.heading.clone(),
        author: series.author.clone(),
        count: format!("{}{}{}", own.count, series.periods.len(), own.periods),
        feed: if has_feed(series) { href(&[&series.name, FEED]) } else { String::new() },
        subscribe: own.subscribe,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_escape_their_segments() {
        assert_eq!(href(&["治安 <x>", "index.html"]), "%E6%B2%BB%E5%AE%89%20%3Cx%3E/index.html");
    }
}
