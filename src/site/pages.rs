//! The site's pages: the index of every series and a page per series, standalone
//! HTML in the series' language, every text escaped.

use std::collections::BTreeSet;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::core::date::Date;
use crate::core::format::{self, DateStyle, Script};
use crate::core::language::Language;
use crate::core::markdown::escape_html;
use crate::core::time::chinese_date;
use crate::pipeline::formats::{Format, SiteLabel};
use crate::site::{FEED, INDEX, Output, Period, Series, State};

/// What a path segment of a link escapes: everything but letters, digits and `-._~`.
pub(super) const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The words the site writes itself, in one script.
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
    escape_html(&encoded.join("/"))
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

/// A standalone page of the site: language, charset, viewport, its own stylesheet.
fn page(lang: &str, title: &str, head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n{head}<style>\n{}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        include_str!("style.css"),
        lang = escape_html(lang),
        title = escape_html(title),
    )
}

/// The `lang` attribute of an element whose language differs from the page's.
fn lang_attr(lang: &str, page: &str) -> String {
    if lang == page { String::new() } else { format!(" lang=\"{}\"", escape_html(lang)) }
}

/// A period's date, publication and mark, as one line; on the index, with its
/// series (`link`) when the title does not already say it.
fn meta(series: &Series, period: &Period, words: &Words, link: Option<&str>) -> String {
    let script = script(&series.lang);
    let mut meta = format!(
        "<p class=\"meta\"><time datetime=\"{}\">{}</time>",
        escape_html(&period.as_of),
        escape_html(&period_date(&period.as_of, script))
    );
    if let Some(link) = link.filter(|_| period.title != series.heading) {
        meta.push_str(&format!("<a href=\"{link}\">{}</a>", escape_html(&series.heading)));
    }
    match &period.state {
        State::Published { version, first, latest, .. } => {
            meta.push_str(&format!("<span>{}{}</span>", escape_html(&chinese_date(first)), words.published));
            if *version > 1 {
                meta.push_str(&format!(
                    "<span class=\"correction\"><span class=\"mark\">{}</span>第{version}版，{}{}</span>",
                    words.corrected,
                    escape_html(&chinese_date(latest)),
                    words.corrected
                ));
            }
        }
        State::Draft => {
            meta.push_str(&format!(
                "<span class=\"correction\"><span class=\"mark draft\">{}</span>{}</span>",
                words.draft, words.unpublished
            ));
        }
    }
    meta.push_str("</p>\n");
    meta
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

/// The first edition's web page of a period, which its title links to.
fn web_page(period: &Period) -> Option<&Output> {
    period.files.iter().find(|file| !file.notice && file.edition.is_none() && file.ext == "html")
}

/// Whether a series has a feed: a period published.
pub(super) fn has_feed(series: &Series) -> bool {
    series.periods.iter().any(|period| matches!(period.state, State::Published { .. }))
}

/// The page of one series: its periods, newest first, each with its mark and the
/// links to every format and edition of its latest version.
pub(super) fn series_page(series: &Series) -> String {
    let words = words_in(script(&series.lang));
    let mut body = format!(
        "<header>\n<nav><a href=\"../{INDEX}\">{}</a></nav>\n<h1>{}</h1>\n<p class=\"office\"><span>{}</span>",
        words.all,
        escape_html(&series.heading),
        escape_html(&series.author)
    );
    if has_feed(series) {
        body.push_str(&format!("<a href=\"{FEED}\">{}</a>", words.subscribe));
    }
    body.push_str("</p>\n</header>\n<main>\n<ol class=\"periods\">\n");
    for period in &series.periods {
        body.push_str(&format!("<li class=\"period{}\" id=\"p{}\">\n", class(period), escape_html(&period.as_of)));
        let title = escape_html(&period.title);
        match web_page(period) {
            Some(page) => body.push_str(&format!("<h2><a href=\"{}\">{title}</a></h2>\n", href(&[&page.name]))),
            None => body.push_str(&format!("<h2>{title}</h2>\n")),
        }
        body.push_str(&meta(series, period, words, None));
        if let State::Published { version: 2.., reason: Some(reason), .. } = &period.state {
            body.push_str(&format!("<p class=\"reason\">{}：{}</p>\n", words.reason, escape_html(reason)));
        }
        body.push_str(&files(series, period, words));
        body.push_str("</li>\n");
    }
    body.push_str("</ol>\n</main>\n");
    let head = if has_feed(series) { feed_link(FEED, &series.heading) } else { String::new() };
    let title = format!("{} - {}", series.heading, series.author);
    page(&series.lang, &title, &head, &body)
}

/// The `<link>` that lets a browser or feed reader find a feed.
fn feed_link(href: &str, title: &str) -> String {
    format!("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"{href}\" title=\"{}\">\n", escape_html(title))
}

/// Whether a period's files come in several editions.
pub(super) fn several_editions(period: &Period) -> bool {
    period.files.iter().any(|file| file.edition.is_some())
}

/// What a row of a period's links is: the bulletin in an edition, or the notice.
pub(super) fn row_label(series: &Series, file: &Output, several: bool, words: &Words) -> (String, String) {
    let tag = file.edition.as_deref().unwrap_or(&series.lang);
    let name = edition_name(tag);
    match (file.notice, several) {
        (false, true) => (name, String::new()),
        (false, false) => (words.full_text.to_string(), String::new()),
        (true, true) => (words.notice.to_string(), name),
        (true, false) => (words.notice.to_string(), String::new()),
    }
}

/// A period's links: one row per edition of the bulletin, then of the notice.
fn files(series: &Series, period: &Period, words: &Words) -> String {
    let several = several_editions(period);
    let mut html = String::from("<dl class=\"files\">\n");
    let mut last = None;
    for file in &period.files {
        let tag = file.edition.as_deref().unwrap_or(&series.lang);
        let key = (file.notice, file.edition.as_deref());
        if last != Some(key) {
            if last.is_some() {
                html.push_str("</dd>\n");
            }
            let (label, edition) = row_label(series, file, several, words);
            // An edition's name is in its own script and says so.
            let own = |name: &str| match lang_attr(tag, &series.lang) {
                attr if attr.is_empty() => escape_html(name),
                attr => format!("<span{attr}>{}</span>", escape_html(name)),
            };
            let edition = if edition.is_empty() { String::new() } else { format!("·{}", own(&edition)) };
            let label = if label == edition_name(tag) { own(&label) } else { escape_html(&label) };
            html.push_str(&format!("<dt>{label}{edition}</dt>\n<dd>"));
            last = Some(key);
        } else {
            html.push(' ');
        }
        let kind = media_type(&file.ext).map(|t| format!(" type=\"{t}\"")).unwrap_or_default();
        html.push_str(&format!(
            "<a href=\"{}\" hreflang=\"{}\"{kind}>{}</a>",
            href(&[&file.name]),
            escape_html(tag),
            escape_html(&format_name(&file.ext, words))
        ));
    }
    if last.is_some() {
        html.push_str("</dd>\n");
    }
    html.push_str("</dl>\n");
    html
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
    let mut head = String::new();
    let mut body = format!("<header>\n<h1>{}</h1>\n</header>\n<main>\n", escape_html(&heading));
    body.push_str(&format!("<h2>{}</h2>\n<ul class=\"series\">\n", words.columns));
    for series in all {
        let own = words_in(script(&series.lang));
        body.push_str(&format!(
            "<li{}><a class=\"name\" href=\"{}\">{}</a>\n<p class=\"office\"><span>{}</span><span>{}{}{}</span>",
            lang_attr(&series.lang, &lang),
            href(&[&series.name, INDEX]),
            escape_html(&series.heading),
            escape_html(&series.author),
            own.count,
            series.periods.len(),
            own.periods
        ));
        if has_feed(series) {
            let feed = href(&[&series.name, FEED]);
            body.push_str(&format!("<a href=\"{feed}\">{}</a>", own.subscribe));
            head.push_str(&feed_link(&feed, &series.heading));
        }
        body.push_str("</p></li>\n");
    }
    body.push_str(&format!("</ul>\n<h2>{}</h2>\n<ol class=\"periods\">\n", words.latest));
    let mut periods: Vec<(&Series, &Period)> =
        all.iter().flat_map(|series| series.periods.iter().map(move |period| (series, period))).collect();
    periods.sort_by(|(a, p), (b, q)| q.as_of.cmp(&p.as_of).then_with(|| a.name.cmp(&b.name)));
    for (series, period) in periods {
        let own = words_in(script(&series.lang));
        body.push_str(&format!("<li class=\"period{}\"{}>\n", class(period), lang_attr(&series.lang, &lang)));
        let title = escape_html(&period.title);
        match web_page(period) {
            Some(page) => {
                body.push_str(&format!("<h3><a href=\"{}\">{title}</a></h3>\n", href(&[&series.name, &page.name])));
            }
            None => body.push_str(&format!("<h3>{title}</h3>\n")),
        }
        let series_link = format!("{}#p{}", href(&[&series.name, INDEX]), escape_html(&period.as_of));
        body.push_str(&meta(series, period, own, Some(&series_link)));
        body.push_str("</li>\n");
    }
    body.push_str("</ol>\n</main>\n");
    page(&lang, &heading, &head, &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_escape_their_segments() {
        assert_eq!(href(&["治安 <x>", "index.html"]), "%E6%B2%BB%E5%AE%89%20%3Cx%3E/index.html");
    }
}
