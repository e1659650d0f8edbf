//! The one place the Markdown parser is configured, and Markdown → HTML.
//!
//! Both the HTML page and the Typst markup are made from the events produced here,
//! so the two outputs cannot disagree about what the Markdown says.

use std::ops::Range;

use pulldown_cmark::{Alignment, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The text of the first level-1 heading (a bulletin's printed title), if any:
/// escapes undone, inline markup left out.
pub fn title(events: &[Event<'_>]) -> Option<String> {
    let start = events.iter().position(|e| matches!(e, Event::Start(Tag::Heading { level: HeadingLevel::H1, .. })))?;
    let mut text = String::new();
    for event in &events[start + 1..] {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            _ => {}
        }
    }
    Some(text)
}

/// Parses Markdown into events, with emphasis that works in Chinese text (see
/// [`cjk_strong`]). Raw HTML is kept as text, so the web page shows exactly what
/// the PDF shows and no markup reaches the published page unescaped.
pub fn events(text: &str) -> Vec<Event<'_>> {
    let parsed: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(text, options())
        .into_offset_iter()
        .map(|(event, range)| match event {
            Event::Html(html) | Event::InlineHtml(html) => (Event::Text(html), range),
            event => (event, range),
        })
        .collect();
    cjk_strong(text, parsed)
}

/// The parser with this module's options, for a pass over a document's own text
/// (the conversion of an edition).
pub fn parser(text: &str) -> Parser<'_> {
    Parser::new_ext(text, options())
}

/// The parser options: CommonMark with GitHub's tables (a table of figures in a
/// template). Smart punctuation stays off, since it would replace the text's own
/// quotation marks.
fn options() -> Options {
    Options::ENABLE_TABLES
}

/// Pairs up `**` runs that CommonMark leaves as literal text because of Chinese
/// punctuation.
///
/// CommonMark only closes emphasis on a delimiter run that is "right-flanking"; a run
/// after `。` and before a Chinese character (`**一是……。**截止…`) is not, since the
/// rules assume words are separated by spaces. Within one block, unmatched `**` runs
/// are paired in order at the same nesting depth and become strong emphasis, as long
/// as the opener is not followed and the closer not preceded by white space.
/// Escaped asterisks (`\*\*`) are never delimiters.
fn cjk_strong<'a>(text: &str, parsed: Vec<(Event<'a>, Range<usize>)>) -> Vec<Event<'a>> {
    let star = |i: usize| match parsed.get(i) {
        Some((Event::Text(t), range)) if t.as_ref() == "*" && text.get(range.clone()) == Some("*") => {
            let escaped = range.start > 0 && text.as_bytes()[range.start - 1] == b'\\';
            (!escaped).then_some(range.clone())
        }
        _ => None,
    };
    let mut events: Vec<Event<'a>> = Vec::with_capacity(parsed.len());
    // Open `**` runs: (inline depth, index in `events`).
    let mut open: Vec<(usize, usize)> = vec![];
    let mut depth = 0usize;
    let mut i = 0;
    while i < parsed.len() {
        // A run of exactly two unescaped asterisks, left as text by the parser.
        if let (Some(first), Some(second)) = (star(i), star(i + 1))
            && first.end == second.start
            && star(i + 2).is_none_or(|third| third.start != second.end)
            && !(i > 0 && star(i - 1).is_some_and(|before| before.end == first.start))
        {
            let before = text[..first.start].chars().next_back().is_none_or(char::is_whitespace);
            let after = text[second.end..].chars().next().is_none_or(char::is_whitespace);
            match open.last() {
                Some(&(d, index)) if d == depth && !before => {
                    open.pop();
                    events[index] = Event::Start(Tag::Strong);
                    events.push(Event::End(TagEnd::Strong));
                    i += 2;
                    continue;
                }
                _ if !after => {
                    open.push((depth, events.len()));
                    events.push(Event::Text("**".into()));
                    i += 2;
                    continue;
                }
                _ => {}
            }
        }
        let event = parsed[i].0.clone();
        match &event {
            Event::Start(tag) if is_block(tag) => {
                open.clear();
                depth = 0;
            }
            Event::Start(_) => depth += 1,
            Event::End(end) if is_block_end(end) => open.clear(),
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        events.push(event);
        i += 1;
    }
    merge_text(events)
}

/// Joins adjacent text events, so a paragraph's text reaches the writers whole.
fn merge_text(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut merged: Vec<Event<'_>> = Vec::with_capacity(events.len());
    for event in events {
        if let (Some(Event::Text(previous)), Event::Text(next)) = (merged.last_mut(), &event) {
            *previous = format!("{previous}{next}").into();
            continue;
        }
        merged.push(event);
    }
    merged
}

fn is_block(tag: &Tag<'_>) -> bool {
    matches!(tag, Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell | Tag::BlockQuote(_) | Tag::List(_))
}

fn is_block_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::BlockQuote(_)
            | TagEnd::List(_)
    )
}

/// Text as Markdown that reads back as exactly that text: every ASCII punctuation
/// mark, the only characters Markdown gives meaning to, is backslash-escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Markdown → the HTML of a page's body.
pub fn to_html(markdown: &str) -> String {
    let mut body = String::with_capacity(markdown.len() * 3 / 2);
    let mut table = TableHtml::default();
    let events = crate::chart::drawn(events(markdown), "html", &|chart| Event::Html(chart.html().into()));
    let events = events.into_iter().map(|event| match event {
        // A block set apart (`> `) is a note beside the text, the correction note above
        // all: an `<aside>`, which a page styles and a reader's tools announce as such.
        Event::Start(Tag::BlockQuote(_)) => Event::Html("<aside class=\"bulletin-note\">\n".into()),
        Event::End(TagEnd::BlockQuote(_)) => Event::Html("</aside>\n".into()),
        event => table.html(event),
    });
    pulldown_cmark::html::push_html(&mut body, events);
    body
}

/// Writes a table's tags in place of pulldown-cmark's: inside a box that scrolls
/// sideways on a narrow screen, and with a column's alignment (`---:`) as a class
/// (`align-right`) for the stylesheet, where pulldown-cmark would write an inline
/// style the stylesheet could not change.
#[derive(Default)]
struct TableHtml {
    alignments: Vec<Alignment>,
    /// In the header row (`<th>`) rather than the body (`<td>`).
    head: bool,
    /// Whether `<tbody>` is open: a table of a header alone has none.
    body: bool,
    /// The column of the next cell.
    column: usize,
}

impl TableHtml {
    /// The event itself, or the HTML that stands for a table's tag.
    fn html<'a>(&mut self, event: Event<'a>) -> Event<'a> {
        let html: CowStr<'a> = match event {
            Event::Start(Tag::Table(alignments)) => {
                *self = Self { alignments, ..Self::default() };
                "<div class=\"bulletin-table-wrap\">\n<table>\n".into()
            }
            Event::Start(Tag::TableHead) => {
                self.head = true;
                self.column = 0;
                "<thead>\n<tr>".into()
            }
            Event::End(TagEnd::TableHead) => {
                self.head = false;
                "</tr>\n</thead>\n".into()
            }
            Event::Start(Tag::TableRow) => {
                self.column = 0;
                let open = if self.body { "" } else { "<tbody>\n" };
                self.body = true;
                format!("{open}<tr>").into()
            }
            Event::End(TagEnd::TableRow) => "</tr>\n".into(),
            Event::Start(Tag::TableCell) => {
                let class = match self.alignments.get(self.column) {
                    Some(Alignment::Left) => " class=\"bulletin-align-left\"",
                    Some(Alignment::Center) => " class=\"bulletin-align-center\"",
                    Some(Alignment::Right) => " class=\"bulletin-align-right\"",
                    Some(Alignment::None) | None => "",
                };
                format!("<{}{class}>", self.cell()).into()
            }
            Event::End(TagEnd::TableCell) => {
                self.column += 1;
                format!("</{}>", self.cell()).into()
            }
            Event::End(TagEnd::Table) => {
                let close = if self.body { "</tbody>\n" } else { "" };
                format!("{close}</table>\n</div>\n").into()
            }
            event => return event,
        };
        Event::Html(html)
    }

    fn cell(&self) -> &'static str {
        if self.head { "th" } else { "td" }
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
    /// The date line, in words (`2019年11月15日`).
    pub date_words: &'a str,
    /// The date as `PubDate` gives it (`2019-11-15`).
    pub date: &'a str,
    /// `發布時間`, `來源`, `下載` in the edition's script.
    pub words: [&'a str; 3],
    /// Keywords, from series.yaml.
    pub keywords: &'a [String],
    /// A sentence or two that sums the bulletin up (its opening).
    pub description: &'a str,
    /// The other formats of the same bulletin: (label, file name).
    pub links: &'a [(String, String)],
}

/// The bulletin as an `<article>`: its text (`body`, from [`to_html`]) with a date and
/// source line under the title and the links to the other formats after it. Every
/// class is prefixed `bulletin-`.
fn article(meta: &PageMeta<'_>, body: &str) -> String {
    let [published, source, download] = meta.words.map(escape_html);
    let byline = format!(
        "<p class=\"bulletin-byline\"><span>{published}：{}</span><span>{source}：{}</span></p>\n",
        escape_html(meta.date_words),
        escape_html(meta.office)
    );
    // Under the title, when the text opens with one.
    let body = match body.find("</h1>\n") {
        Some(end) => format!("{}{byline}{}", &body[..end + 6], &body[end + 6..]),
        None => format!("{byline}{body}"),
    };
    let mut links = String::new();
    if !meta.links.is_empty() {
        links.push_str(&format!("<p class=\"bulletin-downloads\">{download}："));
        let anchors: Vec<String> = meta
            .links
            .iter()
            .map(|(label, href)| format!("<a href=\"{}\">{}</a>", escape_html(href), escape_html(label)))
            .collect();
        links.push_str(&anchors.join(" "));
        links.push_str("</p>\n");
    }
    format!("<article class=\"bulletin-article\" lang=\"{}\">\n{body}{links}</article>\n", escape_html(meta.lang))
}

/// A complete, standalone HTML page: language, charset, viewport, title, the metadata,
/// the page's own stylesheet (`page_css`: the page around the article, its printing)
/// and the article's (`css`), inline, so the file can be published or archived on its
/// own.
pub fn page(meta: &PageMeta<'_>, page_css: &str, css: &str, body: &str) -> String {
    let name = |name: &str, content: &str| format!("<meta name=\"{name}\" content=\"{}\">\n", escape_html(content));
    let property = |property: &str, content: &str| {
        format!("<meta property=\"{property}\" content=\"{}\">\n", escape_html(content))
    };
    let mut head = String::new();
    head.push_str(&name("ArticleTitle", meta.title));
    head.push_str(&name("PubDate", meta.date));
    head.push_str(&name("ContentSource", meta.office));
    if !meta.keywords.is_empty() {
        head.push_str(&name("Keywords", &meta.keywords.join(",")));
    }
    head.push_str(&name("Description", meta.description));
    head.push_str(&property("og:type", "article"));
    head.push_str(&property("og:title", meta.title));
    head.push_str(&property("og:description", meta.description));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n{head}<style>\n{page_css}{css}</style>\n</head>\n\
         <body class=\"bulletin-page\">\n<main>\n{article}</main>\n</body>\n</html>\n",
        lang = escape_html(meta.lang),
        title = escape_html(meta.title),
        article = article(meta, body),
    )
}

/// The article alone, for a website's content system to paste into a page of its own:
/// its stylesheet (`css`, whose every selector is under a `bulletin-` class) travels
/// inside it, and nothing in it styles the page around it.
pub fn fragment(meta: &PageMeta<'_>, css: &str, body: &str) -> String {
    let article = article(meta, body);
    let open = article.find('>').map_or(0, |i| i + 2);
    format!("{}<style>\n{css}</style>\n{}", &article[..open], &article[open..])
}

/// The opening of a bulletin as plain text, for a page's description: its first
/// paragraph after the title, cut after the sentence that reaches 60 characters, and
/// at 160 characters at most.
pub fn description(markdown: &str) -> String {
    let mut text = String::new();
    let mut in_paragraph = false;
    for event in events(markdown) {
        match event {
            Event::Start(Tag::Paragraph) if text.is_empty() => in_paragraph = true,
            Event::End(TagEnd::Paragraph) if in_paragraph => break,
            Event::Text(t) | Event::Code(t) if in_paragraph => text.push_str(&t),
            _ => {}
        }
    }
    let mut out = String::new();
    for (count, c) in text.chars().enumerate() {
        if count >= 160 {
            out.push('…');
            break;
        }
        out.push(c);
        if matches!(c, '。' | '！' | '？') && count >= 60 {
            break;
        }
    }
    out
}

/// Text for HTML: the five characters markup gives meaning to, as entities.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn strong_closes_after_chinese_punctuation() {
        assert_eq!(
            to_html("**一是強化打擊危害食品安全犯罪。**食品安全關係千家萬戶。\n"),
            "<p><strong>一是強化打擊危害食品安全犯罪。</strong>食品安全關係千家萬戶。</p>\n"
        );
    }

    #[test]
    fn ordinary_emphasis_and_escapes_are_untouched() {
        assert_eq!(to_html("**a** b\n"), "<p><strong>a</strong> b</p>\n");
        assert_eq!(to_html("\\*\\*a\\*\\* b\n"), "<p>**a** b</p>\n");
        assert_eq!(to_html("a ** b\n"), "<p>a ** b</p>\n");
    }

    /// A bulletin-shaped document exercising every construct the templates use.
    pub(crate) const SAMPLE: &str = "# 陝西省打擊食品、藥品、環境犯罪工作情況通報\n\n\
        **更正說明：**本通報2019年11月16日發布的第1版現更正如下。\n\n\
        今年以來，全省共破獲案件956起，涉案金額16.7億元，同比提升19.8%。\n\n\
        ## 一、採取的措施和打擊成效\n\n\
        **一是強化打擊危害食品安全犯罪。**在“互聯網+”新業態背景下（除野生動物刑事案件）。\n\n\
        ### （一）下一層\n\n\
        - 一項\n- 二項\n\n\
        文字中的 \\*星號\\* 與 <b>標記</b> 和 `code`。\n\n\
        ```\n#read(\"/etc/passwd\")\n第二行\n```\n";

    #[test]
    fn sample_to_html() {
        insta::assert_snapshot!(to_html(SAMPLE));
    }

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
            date_words: "2019年11月15日",
            date: "2019-11-15",
            words: ["發布時間", "來源", "下載"],
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
        assert!(html.contains("<meta name=\"PubDate\" content=\"2019-11-15\">\n"));
        assert!(html.contains("<meta name=\"ContentSource\" content=\"陝西省公安廳\">\n"));
        assert!(html.contains("<meta name=\"Keywords\" content=\"食品安全,環境\">\n"));
        assert!(html.contains("<meta property=\"og:description\" content=\"今年以來，“四個最嚴”。\">\n"));
        assert!(html.contains(
            "<h1>標題</h1>\n<p class=\"bulletin-byline\"><span>發布時間：2019年11月15日</span><span>來源：陝西省公安廳</span></p>\n<p>x</p>\n"
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
    fn the_description_is_the_opening_sentence() {
        let md = "# 標題\n\n今年以來，全省各級公安機關堅持以習近平新時代中國特色社會主義思想為指導，以黨的十九大精神為統領，認真貫徹落實。截止11月15日，共破案件956起。\n\n## 一\n";
        // The first sentence is shorter than 60 characters: the second is taken too.
        assert_eq!(
            description(md),
            "今年以來，全省各級公安機關堅持以習近平新時代中國特色社會主義思想為指導，以黨的十九大精神為統領，認真貫徹落實。截止11月15日，共破案件956起。"
        );
        let long = format!("# 標題\n\n{}。{}。\n", "很".repeat(70), "長".repeat(10));
        assert_eq!(description(&long), format!("{}。", "很".repeat(70)));
        assert_eq!(description(&format!("# 標題\n\n{}\n", "字".repeat(200))), format!("{}…", "字".repeat(160)));
        assert_eq!(description("# 標題\n\n短。短。\n"), "短。短。");
    }
}
