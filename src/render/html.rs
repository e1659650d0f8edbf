//! Markdown → HTML: the bulletin's body, the article with its date and source line,
//! the standalone page and the fragment a content system pastes into a page of its
//! own.

use std::sync::LazyLock;

use pulldown_cmark::{Alignment, CowStr, Event, Tag, TagEnd};
use tera::{Context, Tera, Value};

use crate::core::markdown::{escape_xml, events};
use crate::core::table::{Place, Step, Walker};
use crate::render::builtin::{Escape, built_in, render_built_in};
use crate::render::{breaks, signature};

/// Markdown → the HTML of a page's body.
pub fn to_html(markdown: &str) -> String {
    let mut body = String::with_capacity(markdown.len() * 3 / 2);
    let events = crate::render::chart::drawn(events(markdown), "html", &|chart| Event::Html(chart.html().into()));
    let events = signature::drawn(events, &|signature| Event::Html(signature.html().into()));
    let events = breaks::kept(events);
    let mut table = TableHtml { walker: Walker::new(&events), ..TableHtml::default() };
    let events = events.into_iter().filter_map(|event| match event {
        // A block set apart (`> `) is a note beside the text, the correction note above
        // all: an `<aside>`, which a page styles and a reader's tools announce as such.
        Event::Start(Tag::BlockQuote(_)) => Some(Event::Html("<aside class=\"bulletin-note\">\n".into())),
        Event::End(TagEnd::BlockQuote(_)) => Some(Event::Html("</aside>\n".into())),
        event => table.html(event),
    });
    pulldown_cmark::html::push_html(&mut body, events);
    body
}

/// A table whose least width ([`Shape::least_width`](crate::core::table::Shape::least_width),
/// in half-ems) is more than this is shown row by row on a phone (each cell under the
/// name of its column), since its columns could not all be read side by side: a
/// phone's text column, 390 px less the page's margins, in the table's 15 px text.
const STACKED_ABOVE: usize = 44;

/// Writes a table's tags in place of pulldown-cmark's: inside a box that scrolls
/// sideways on a narrow screen, and with a column's alignment (`---:`) as a class
/// (`align-right`) for the stylesheet, where pulldown-cmark would write an inline
/// style the stylesheet could not change. Header rows and spanned cells as
/// [`Walker`] reads them; a wide table's cells carry their column's name, and a cell
/// spanning rows is repeated, hidden, in each later row, for a phone's stacked rows.
#[derive(Default)]
struct TableHtml {
    walker: Walker,
    alignments: Vec<Alignment>,
    /// Shown row by row on a phone.
    stacked: bool,
    /// Whether `<tbody>` is open: a table of a header alone has none.
    body: bool,
}

impl TableHtml {
    /// The event itself, the HTML that stands for a table's tag, or nothing (the
    /// marker row, a spanned cell).
    fn html<'a>(&mut self, event: Event<'a>) -> Option<Event<'a>> {
        let html: CowStr<'a> = match self.walker.step(&event) {
            Step::Pass => return Some(event),
            Step::Skip => return None,
            Step::Table { alignments, .. } => {
                self.stacked = self.walker.shape().is_some_and(|shape| shape.least_width(&alignments) > STACKED_ABOVE);
                self.alignments = alignments;
                self.body = false;
                let class = if self.stacked { " bulletin-table-stacked" } else { "" };
                format!("<div class=\"bulletin-table-wrap{class}\">\n<table>\n").into()
            }
            Step::Row { head: true, first } => if first { "<thead>\n<tr>" } else { "<tr>" }.into(),
            Step::Row { head: false, first } => {
                self.body = true;
                if first { "<tbody>\n<tr>" } else { "<tr>" }.into()
            }
            Step::RowEnd { head: true, last: true } => "</tr>\n</thead>\n".into(),
            Step::RowEnd { .. } => "</tr>\n".into(),
            Step::Cell { head, place, .. } => self.cell(head, &place)?.into(),
            // What a figure lacks of its column's places, as spaces of a figure's and a
            // point's width: the column's figures line up on their decimal points.
            Step::CellEnd { head, place: Place::Cell { pad, .. } } => {
                let pad: String = pad.chars().map(|c| if c == '.' { '\u{2008}' } else { '\u{2007}' }).collect();
                format!("{pad}</{}>", if head { "th" } else { "td" }).into()
            }
            Step::CellEnd { .. } => return None,
            Step::TableEnd => {
                let close = if self.body { "</tbody>\n" } else { "" };
                format!("{close}</table>\n</div>\n").into()
            }
        };
        Some(Event::Html(html))
    }

    /// A cell's opening tag; a spanned cell, whole, where a phone shows it again.
    fn cell(&self, head: bool, place: &Place) -> Option<String> {
        let tag = if head { "th" } else { "td" };
        let class = |column: usize| match self.alignments.get(column) {
            Some(Alignment::Left) => " class=\"bulletin-align-left\"",
            Some(Alignment::Center) => " class=\"bulletin-align-center\"",
            Some(Alignment::Right) => " class=\"bulletin-align-right\"",
            Some(Alignment::None) | None => "",
        };
        let label = |label: &str| {
            if self.stacked && !head { format!(" data-label=\"{}\"", escape_xml(label)) } else { String::new() }
        };
        match place {
            Place::Cell { column, rows, columns, label: name, .. } => {
                let class = if head && *columns > 1 { " class=\"bulletin-align-center\"" } else { class(*column) };
                let rows = if *rows > 1 { format!(" rowspan=\"{rows}\"") } else { String::new() };
                let columns = if *columns > 1 { format!(" colspan=\"{columns}\"") } else { String::new() };
                Some(format!("<{tag}{class}{rows}{columns}{}>", label(name)))
            }
            Place::Covered { continues: Some(cell) } if self.stacked && !head => Some(format!(
                "<td hidden class=\"bulletin-repeated\"{}>{}</td>",
                label(&cell.label),
                escape_xml(&cell.text)
            )),
            Place::Covered { .. } | Place::Marker => None,
        }
    }
}

/// What a web page says about its bulletin besides the text: the metadata Chinese
/// government websites read (`ArticleTitle`, `PubDate`, `ContentSource`, `Keywords`,
/// `Description`), Open Graph's, and the lines a reader sees.
pub struct PageMeta<'a> {
    /// The language tag (`zh-Hant`).
    pub lang: &'a str,
    /// The bulletin's title.
    pub title: &'a str,
    /// The issuing office: the source line and `ContentSource`.
    pub office: &'a str,
    /// The day it was published, in words for the date line (`2019年11月16日`) and
    /// for `PubDate` (`2019-11-16`); `None` for a draft, whose date line says so.
    pub published: Option<(&'a str, &'a str)>,
    /// `發布時間`, `來源`, `下載` and a draft's `草稿，尚未發布`, in the edition's script.
    pub words: [&'a str; 4],
    /// Keywords, from series.yaml.
    pub keywords: &'a [String],
    /// A sentence or two that sums the bulletin up (its opening).
    pub description: &'a str,
    /// The other formats of the same bulletin: (label, file name).
    pub links: &'a [(String, String)],
}

/// The tool's templates of a web page and of its article.
static TEMPLATES: LazyLock<Tera> = LazyLock::new(|| {
    built_in(
        &[("article.html", include_str!("assets/article.html")), ("page.html", include_str!("assets/page.html"))],
        Escape::Html,
    )
});

/// The bulletin as an `<article>`: its text (`body`, from [`to_html`]) with a date and
/// source line under the title and the links to the other formats after it, and
/// `css` inside it when the article travels alone. Every class is prefixed
/// `bulletin-`.
fn article(meta: &PageMeta<'_>, body: &str, css: Option<&str>) -> String {
    // The date and source line goes under the title, when the text opens with one.
    let (before, after) = body.find("</h1>\n").map_or(("", body), |end| body.split_at(end + 6));
    let [published, source, download, not_published] = meta.words;
    let links: Vec<Value> = meta
        .links
        .iter()
        .map(|(label, href)| {
            let mut link = tera::Map::new();
            link.insert("label".into(), Value::from(label.as_str()));
            link.insert("href".into(), Value::from(href.as_str()));
            Value::from(link)
        })
        .collect();
    let mut context = Context::new();
    context.insert("lang", meta.lang);
    context.insert("alone", &css.is_some());
    context.insert("css", css.unwrap_or_default());
    context.insert("before", before);
    context.insert("after", after);
    context.insert("published", published);
    context.insert("source", source);
    context.insert("download", download);
    context.insert("published_on", &meta.published.map(|(words, _)| words));
    context.insert("not_published", not_published);
    context.insert("office", meta.office);
    context.insert_value("links", Value::from(links));
    render_built_in(&TEMPLATES, "article.html", &context)
}

/// A complete, standalone HTML page: language, charset, viewport, title, the metadata,
/// the page's own stylesheet (`page_css`: the page around the article, its printing)
/// and the article's (`css`), inline, so the file can be published or archived on its
/// own.
pub fn page(meta: &PageMeta<'_>, page_css: &str, css: &str, body: &str) -> String {
    let mut context = Context::new();
    context.insert("lang", meta.lang);
    context.insert("title", meta.title);
    context.insert("pub_date", &meta.published.map(|(_, iso)| iso));
    context.insert("office", meta.office);
    context.insert("keywords", &meta.keywords.join(","));
    context.insert("description", meta.description);
    context.insert("page_css", page_css);
    context.insert("css", css);
    context.insert("article", &article(meta, body, None));
    render_built_in(&TEMPLATES, "page.html", &context)
}

/// The article alone, for a website's content system to paste into a page of its own:
/// its stylesheet (`css`, whose every selector is under a `bulletin-` class) travels
/// inside it, and nothing in it styles the page around it.
pub fn fragment(meta: &PageMeta<'_>, css: &str, body: &str) -> String {
    article(meta, body, Some(css))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::markdown::tests::SAMPLE;

    #[test]
    fn tables_have_a_header_and_aligned_columns() {
        assert_eq!(
            to_html("| 地區 | 案件數 | 說明 |\n|---|---:|:-:|\n| 甲 | 1520 | <b>x</b> |\n| 乙 | 85 |\n"),
            "<div class=\"bulletin-table-wrap\">\n<table>\n\
             <thead>\n<tr><th>地區</th><th class=\"bulletin-align-right\">案件數</th><th class=\"bulletin-align-center\">說明</th></tr>\n</thead>\n\
             <tbody>\n\
             <tr><td>甲</td><td class=\"bulletin-align-right\">1520</td><td class=\"bulletin-align-center\">&lt;b&gt;x&lt;/b&gt;</td></tr>\n\
             <tr><td>乙</td><td class=\"bulletin-align-right\">85</td><td class=\"bulletin-align-center\"></td></tr>\n\
             </tbody>\n</table>\n</div>\n"
        );
        assert_eq!(
            to_html("| 地區 |\n|---|\n"),
            "<div class=\"bulletin-table-wrap\">\n<table>\n<thead>\n<tr><th>地區</th></tr>\n</thead>\n</table>\n</div>\n"
        );
    }

    fn meta<'a>(links: &'a [(String, String)], keywords: &'a [String]) -> PageMeta<'a> {
        PageMeta {
            lang: "zh-Hant",
            title: "標題 <1>",
            office: "陝西省公安廳",
            published: Some(("2019年11月16日", "2019-11-16")),
            words: ["發布時間", "來源", "下載", "草稿，尚未發布"],
            keywords,
            description: "今年以來，“四個最嚴”。",
            links,
        }
    }

    #[test]
    fn pages_are_standalone_and_say_where_they_come_from() {
        let links = [("PDF".to_string(), "2019-11-15.pdf".to_string())];
        let keywords = ["食品安全".to_string(), "環境".to_string()];
        let html = page(&meta(&links, &keywords), "@page{}\n", "body{}\n", "<h1>標題</h1>\n<p>x</p>\n");
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-Hant\">"));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.contains("<title>標題 &lt;1&gt;</title>"));
        assert!(html.contains("<meta name=\"ArticleTitle\" content=\"標題 &lt;1&gt;\">\n"));
        assert!(html.contains("<meta name=\"PubDate\" content=\"2019-11-16\">\n"));
        assert!(html.contains("<meta name=\"ContentSource\" content=\"陝西省公安廳\">\n"));
        assert!(html.contains("<meta name=\"Keywords\" content=\"食品安全,環境\">\n"));
        assert!(html.contains("<meta property=\"og:description\" content=\"今年以來，“四個最嚴”。\">\n"));
        assert!(html.contains(
            "<h1>標題</h1>\n<p class=\"bulletin-byline\"><span>發布時間：2019年11月16日</span><span>來源：陝西省公安廳</span></p>\n<p>x</p>\n"
        ));
        assert!(
            html.contains("<p class=\"bulletin-downloads\">下載：<a href=\"2019-11-15.pdf\">PDF</a></p>\n</article>")
        );
    }

    #[test]
    fn a_fragment_is_the_article_alone() {
        let html = fragment(&meta(&[], &[]), ".bulletin-article{}\n", "<p>x</p>\n");
        assert!(
            html.starts_with(
                "<article class=\"bulletin-article\" lang=\"zh-Hant\">\n<style>\n.bulletin-article{}\n</style>\n"
            ),
            "{html}"
        );
        assert!(html.ends_with("</article>\n") && !html.contains("<body") && !html.contains("<meta"));
    }

    #[test]
    fn sample_to_html() {
        insta::assert_snapshot!(to_html(SAMPLE));
    }

    #[test]
    fn strong_closes_after_chinese_punctuation() {
        assert_eq!(
            to_html("**一是強化打擊危害食品安全犯罪。**食品安全關係千家萬戶。\n"),
            "<p><strong>一是強化打擊危害食品安全犯罪。</strong>食品安全關係千家<span class=\"bulletin-keep\">萬戶。</span></p>\n"
        );
    }

    #[test]
    fn ordinary_emphasis_and_escapes_are_untouched() {
        assert_eq!(to_html("**a** b\n"), "<p><strong>a</strong> b</p>\n");
        assert_eq!(to_html("\\*\\*a\\*\\* b\n"), "<p>**a** b</p>\n");
        assert_eq!(to_html("a ** b\n"), "<p>a ** b</p>\n");
    }
}
