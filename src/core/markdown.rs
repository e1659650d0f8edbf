//! The one place the Markdown parser is configured, and Markdown → HTML.
//!
//! Both the HTML page and the Typst markup are made from the events produced here,
//! so the two outputs cannot disagree about what the Markdown says.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

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

/// The targets of the links and images of a Markdown text that a bulletin may not
/// hold: anything but a web address (`http:`, `https:`), an e-mail address
/// (`mailto:`) or a path on the same site. A `javascript:` or `data:` target would
/// run or show whatever it holds in a reader's browser or PDF viewer.
pub fn refused_links(text: &str) -> Vec<String> {
    Parser::new_ext(text, options())
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .filter(|target| !is_allowed_link(target))
        .collect()
}

/// Whether a link target is a web or e-mail address or a path on the same site.
/// Browsers ignore tabs, line breaks and leading control characters and spaces in a
/// target (`java\tscript:`), and read `\\` as `//`: so does this.
pub fn is_allowed_link(target: &str) -> bool {
    let target: String =
        target.trim_start_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let target = target.replace('\\', "/");
    // A character lost in decoding (`&#0;` becomes U+FFFD) hides what a reader makes
    // of the rest.
    if target.starts_with("//") || target.contains('\u{FFFD}') {
        return false; // Another host, without a scheme.
    }
    let scheme_end = target.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')));
    match scheme_end.map(|end| (&target[..end], &target[end..])) {
        Some((scheme, rest)) if !scheme.is_empty() && rest.starts_with(':') => {
            ["http", "https", "mailto"].iter().any(|allowed| scheme.eq_ignore_ascii_case(allowed))
        }
        _ => true,
    }
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
    escape_entities(text, true)
}

/// Text for XML: the characters markup gives meaning to, as entities (an apostrophe
/// is left as it is: XML attributes here are in double quotes).
pub fn escape_xml(text: &str) -> String {
    escape_entities(text, false)
}

/// `&`, `<`, `>` and `"` as entities, and `'` too when `apostrophe`.
fn escape_entities(text: &str, apostrophe: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' if apostrophe => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

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
    fn only_web_mail_and_site_links_are_allowed() {
        for allowed in [
            "https://www.gov.cn/",
            "HTTP://a.b/c",
            "mailto:office@gov.cn",
            "/2019/11.html",
            "a/b.pdf",
            "#top",
            "?q=1",
            "./x:y",
        ] {
            assert!(is_allowed_link(allowed), "{allowed}");
        }
        for refused in [
            "javascript:alert(4)",
            "JavaScript:x",
            " javascript:x",
            "java\tscript:x",
            "data:text/html,<b>",
            "vbscript:x",
            "file:///etc/passwd",
            "//evil.example/",
            "\\\\evil.example",
            "\u{FFFD}javascript:alert(1)",
            "\u{1}javascript:x",
        ] {
            assert!(!is_allowed_link(refused), "{refused:?}");
        }
        assert_eq!(
            refused_links("[a](javascript:alert(4)) ![b](data:image/png;base64,AA) [c](https://x.cn) <vbscript:y>"),
            ["javascript:alert(4)", "data:image/png;base64,AA", "vbscript:y"]
        );
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
