//! Markdown events → a complete Typst document that applies the series' layout, all
//! escaping in one place: no character of a bulletin's text can act as markup.
//!
//! The generated markup imports the series' `layout.typ` by its path from the project
//! root, so the same file compiles with the `typst` command-line tool given
//! `--root <project>`.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use pulldown_cmark::{Alignment, Event, HeadingLevel, Tag, TagEnd};
use regex::Regex;

use crate::core::date::Date;
use crate::core::language::is_han;
use crate::core::table::{Place, Step, Walker};
use crate::core::time::Moment;
use crate::input::fonts::Role;

/// The layout file a series provides, imported by every generated document.
pub const LAYOUT_FILE: &str = "layout.typ";

/// What the generated document tells the layout besides its body.
#[derive(Clone, Copy)]
pub struct Head<'a> {
    /// The series folder name, to find `templates/<series>/layout.typ`.
    pub series: &'a str,
    /// The document title (PDF metadata), one line.
    pub title: &'a str,
    /// The lines the printed title breaks into, where the series marks them (empty:
    /// the layout balances the title, breaking only between words).
    pub title_lines: &'a [String],
    /// The lines bulletin breaks the printed title into ([`crate::render::breaks::title_lines`],
    /// as the Word file's), which the layout takes where each fits its block (empty:
    /// the layout balances the title itself, measuring each candidate line).
    pub title_breaks: &'a [String],
    /// The issuing office (PDF metadata).
    pub author: &'a str,
    /// The date the figures are counted up to: the PDF's date for a draft.
    pub date: Date,
    /// When the document was published: the PDF's date (`None` for a draft).
    pub moment: Option<Moment>,
    /// A draft, not a published version: the layout marks it outside the block.
    pub draft: bool,
    /// The region whose typographic conventions the text follows (`cn`, `tw`, `hk`),
    /// from series.yaml's `lang`: it places the punctuation and gives the PDF's
    /// language (`zh-CN`).
    pub region: &'a str,
    /// Files carried inside the PDF (PDF/A-3), such as the figure file it was made from.
    pub attachments: &'a [Attachment],
    /// The families each font role resolved to, handed to the layout as `fonts`
    /// (empty: the layout's own choice).
    pub fonts: &'a [Role],
    /// The arguments the series' layout takes (read once per series, see
    /// [`Accepts::of`]): a layout written before an argument existed keeps working.
    pub accepts: &'a Accepts,
}

/// A file embedded in the PDF.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// The file name shown by PDF readers.
    pub name: String,
    /// The file's exact text.
    pub text: String,
    /// Its MIME type.
    pub mime: &'static str,
    /// What it is, in words.
    pub description: String,
}

/// The named arguments a layout's `bulletin` function takes, read from its source
/// (`#let bulletin(…) = …` or `#let bulletin = (…) => …`): any, when it takes a sink
/// (`..args`); only those every layout has always been given (and `fonts`, given
/// since font roles exist) when it is not defined there (imported from a file a
/// series shares), so an older layout is never given one it does not take.
pub enum Accepts {
    /// The named arguments `bulletin` declares.
    Named(Vec<String>),
    /// Any argument (it declares a sink).
    Any,
    /// Not known (imported): what layouts have always been given.
    Unknown,
}

impl Accepts {
    /// Reads a layout file's source.
    pub fn of(layout: &str) -> Self {
        use typst::syntax::ast::{self, Expr, LetBindingKind, Pattern};
        let root = typst::syntax::parse(layout);
        let Some(markup) = root.cast::<ast::Markup>() else { return Self::Unknown };
        let closure = markup.exprs().find_map(|expr| {
            let Expr::LetBinding(binding) = expr else { return None };
            let named = match binding.kind() {
                LetBindingKind::Closure(name) => name.as_str() == "bulletin",
                LetBindingKind::Normal(Pattern::Normal(Expr::Ident(name))) => name.as_str() == "bulletin",
                LetBindingKind::Normal(_) => false,
            };
            match binding.init() {
                Some(Expr::Closure(closure)) if named => Some(closure),
                _ => None,
            }
        });
        let Some(closure) = closure else { return Self::Unknown };
        let mut named = vec![];
        for param in closure.params().children() {
            match param {
                ast::Param::Named(param) => named.push(param.name().as_str().to_string()),
                ast::Param::Spread(_) => return Self::Any,
                ast::Param::Pos(_) => {}
            }
        }
        Self::Named(named)
    }

    /// Whether the layout names the argument itself: a sink takes any argument
    /// without doing anything with it, so what changes the text (`joined`) is
    /// written only for a layout that says it sets it.
    fn declares(&self, name: &str) -> bool {
        matches!(self, Self::Named(named) if named.iter().any(|n| n == name))
    }

    fn has(&self, name: &str) -> bool {
        match self {
            Self::Named(named) => named.iter().any(|n| n == name),
            Self::Any => true,
            Self::Unknown => name == "fonts",
        }
    }
}

/// A title cut into the pieces a line may break between: its words, by the
/// dictionary of ICU's word segmenter (so `環境犯罪` breaks only as `環境｜犯罪`), each
/// with the marks that follow it (a line never starts with `、`) and the opening
/// marks before it (nor ends with `（`).
pub fn title_words(title: &str) -> Vec<String> {
    use icu_segmenter::WordSegmenter;
    use icu_segmenter::options::WordBreakInvariantOptions;
    const OPENING: &str = "“‘（《〈「『【〔〖［｛([{";
    let segmenter = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
    let bounds: Vec<usize> = segmenter.segment_str(title).collect();
    let mut words: Vec<String> = vec![];
    // Opening marks waiting for the word they open.
    let mut opening = String::new();
    for pair in bounds.windows(2) {
        let piece = &title[pair[0]..pair[1]];
        let (closing, opens) = piece.split_at(piece.find(|c: char| OPENING.contains(c)).unwrap_or(piece.len()));
        let marks = piece.chars().all(|c| !c.is_alphanumeric());
        match words.last_mut() {
            // Marks: those that close go with the word before, those that open
            // with the word after.
            Some(last) if marks && opening.is_empty() => {
                last.push_str(closing);
                opening.push_str(opens);
            }
            _ if marks => opening.push_str(piece),
            _ => words.push(std::mem::take(&mut opening) + piece),
        }
    }
    if !opening.is_empty() {
        words.push(opening);
    }
    words
}

/// Markdown events → a complete Typst document that applies the series' layout.
pub fn markup(head: &Head<'_>, events: &[Event<'_>]) -> String {
    let mut out = String::with_capacity(4096);
    preamble(&mut out, head, events);
    // Charts drawn in the PDF become Typst drawing, the others nothing; a signature
    // its two lines.
    let drawn;
    let events = if events.iter().any(|e| matches!(e, Event::Start(Tag::CodeBlock(_)))) {
        let charts = crate::render::chart::drawn(events.to_vec(), "pdf", &|c| Event::Html(c.typst(&string).into()));
        drawn = crate::render::signature::drawn(charts, &|s| Event::Html(s.typst(&string).into()));
        drawn.as_slice()
    } else {
        events
    };
    // Figures joined to their units where the layout sets the joiners (`joined`), in
    // each run of text whole (the events have it in one, see `core::markdown`).
    let joined = head.accepts.declares("joined");
    let mut body = Body { out, lists: vec![], code: None, table: TableTypst::new(events) };
    // Inside the title (the level-1 heading), which the layout sets from its words.
    let mut title = false;
    let mut events = events.iter().peekable();
    while let Some(event) = events.next() {
        match body.table.walker.step(event) {
            Step::Pass => {}
            Step::Skip => continue,
            step => {
                body.table.write(step, &mut body.out);
                continue;
            }
        }
        let join = joined && !title;
        match event {
            Event::Start(tag) => {
                title |= matches!(tag, Tag::Heading { level: HeadingLevel::H1, .. });
                body.start(tag)
            }
            Event::End(tag) => {
                title &= !matches!(tag, TagEnd::Heading(HeadingLevel::H1));
                body.end(*tag)
            }
            Event::Text(text) => body.text(text, ends_paragraph(events.clone()), join),
            Event::Code(text) => body.out.push_str(&format!("#raw({})", string(text))),
            // Only a chart's drawing arrives as markup (raw HTML is text by now).
            Event::Html(markup) => body.out.push_str(markup),
            Event::SoftBreak => body.out.push('\n'),
            Event::HardBreak => body.out.push_str("\\\n"),
            Event::Rule => body.out.push_str("#line(length: 100%)\n\n"),
            _ => {}
        }
    }
    body.out
}

/// The document's head: the layout imported and applied with the title, author,
/// date and region, and what else the layout takes; then the files attached.
fn preamble(out: &mut String, head: &Head<'_>, events: &[Event<'_>]) {
    out.push_str("// Generated by bulletin. Edit the figure file or the template, not this file.\n");
    out.push_str(&format!("#import {}: bulletin\n", string(&format!("/templates/{}/{LAYOUT_FILE}", head.series))));
    let date = match head.moment {
        Some(Moment { date, hour, minute, second }) => format!(
            "datetime(year: {}, month: {}, day: {}, hour: {hour}, minute: {minute}, second: {second})",
            date.year, date.month, date.day
        ),
        None => format!("datetime(year: {}, month: {}, day: {})", head.date.year, head.date.month, head.date.day),
    };
    out.push_str(&format!(
        "#show: bulletin.with(\n  title: {},\n  author: {},\n  date: {date},\n  region: {},\n",
        string(head.title),
        string(head.author),
        string(head.region)
    ));
    if head.draft && head.accepts.has("draft") {
        out.push_str("  draft: true,\n");
    }
    layout_arguments(out, head, events);
    out.push_str(")\n\n");
    for attachment in head.attachments {
        out.push_str(&format!(
            "#pdf.attach({}, bytes({}), relationship: \"source\", mime-type: {}, description: {})\n",
            // Rooted, so the name in the PDF is the bare file name.
            string(&format!("/{}", attachment.name)),
            string(&attachment.text),
            string(attachment.mime),
            string(&attachment.description)
        ));
    }
    if !head.attachments.is_empty() {
        out.push('\n');
    }
}

/// The arguments the layout takes beyond title, author, date and region: where the
/// title may break, the faces of each font role, their weights and bolds.
fn layout_arguments(out: &mut String, head: &Head<'_>, events: &[Event<'_>]) {
    let accepts = head.accepts;
    // Where the printed title may break: the series' own lines, when the printed
    // title is the series' (a correction notice prints another), or its words.
    let heading = crate::core::markdown::title(events).unwrap_or_else(|| head.title.to_string());
    let (key, pieces) = if !head.title_lines.is_empty() && head.title_lines.concat() == heading {
        ("title-lines", head.title_lines.to_vec())
    } else {
        ("title-words", title_words(&heading))
    };
    if accepts.has(key) {
        let pieces: Vec<String> = pieces.iter().map(|piece| string(piece)).collect();
        out.push_str(&format!("  {key}: ({},),\n", pieces.join(", ")));
    }
    if key == "title-words" && accepts.has("title-breaks") && head.title_breaks.concat() == heading {
        let lines: Vec<String> = head.title_breaks.iter().map(|line| string(line)).collect();
        out.push_str(&format!("  title-breaks: ({},),\n", lines.join(", ")));
    }
    if accepts.declares("joined") {
        out.push_str("  joined: true,\n");
    }
    if head.fonts.is_empty() || !accepts.has("fonts") {
        return;
    }
    out.push_str("  fonts: (\n");
    for role in head.fonts {
        let list: Vec<String> = role.families.iter().map(|f| string(f)).collect();
        out.push_str(&format!("    {}: ({},),\n", string(&role.role), list.join(", ")));
    }
    // The weight a role's face is set in, where series.yaml names one (a free
    // face standing in for a heavier one), and whether its face has a bold.
    out.push_str("  ),\n");
    let weights: Vec<String> =
        head.fonts.iter().filter_map(|role| Some(format!("{}: {}", string(&role.role), role.weight?))).collect();
    if accepts.has("weights") {
        let weights = if weights.is_empty() { ":".to_string() } else { weights.join(", ") + "," };
        out.push_str(&format!("  weights: ({weights}),\n"));
    }
    if accepts.has("bold") {
        let bold: Vec<String> =
            head.fonts.iter().map(|role| format!("{}: {}", string(&role.role), role.bold)).collect();
        out.push_str(&format!("  bold: ({},),\n", bold.join(", ")));
    }
}

/// The document's body being written.
struct Body {
    out: String,
    /// The open lists, each with its start (`None`: bullets).
    lists: Vec<Option<u64>>,
    /// The text of the code block being read, if any: written whole as one string.
    code: Option<String>,
    /// The tables.
    table: TableTypst,
}

impl Body {
    fn start(&mut self, tag: &Tag<'_>) {
        let out = &mut self.out;
        match tag {
            Tag::Heading { level, .. } => {
                out.push_str(&"=".repeat(heading_depth(*level)));
                out.push(' ');
            }
            Tag::Strong => out.push_str("#strong["),
            Tag::Emphasis => out.push_str("#emph["),
            Tag::Strikethrough => out.push_str("#strike["),
            // A block set apart (the correction note): ruled all round, the rules
            // in the spacing around it, so its lines keep the layout's grid.
            Tag::BlockQuote(_) => {
                out.push_str(
                    "#context block(width: 100%, stroke: 0.6pt, inset: (x: 1em), outset: (y: par.spacing / 2), \
                     above: par.spacing, below: par.spacing, breakable: true)[\n",
                );
            }
            Tag::Link { dest_url, .. } => out.push_str(&format!("#link({})[", string(dest_url))),
            Tag::List(start) => self.lists.push(*start),
            Tag::Item => {
                let indent = "  ".repeat(self.lists.len().saturating_sub(1));
                let marker = if matches!(self.lists.last(), Some(Some(_))) { "+ " } else { "- " };
                out.push_str(&indent);
                out.push_str(marker);
            }
            Tag::CodeBlock(_) => self.code = Some(String::new()),
            _ => {}
        }
    }

    /// A run of text: its figures joined to their units where `join`; a code block's
    /// text kept for the block.
    fn text(&mut self, text: &str, ends_paragraph: bool, join: bool) {
        let joined = |text| if join { join_figures(text) } else { Cow::Borrowed(text) };
        match self.code.as_mut() {
            Some(code) => code.push_str(text),
            // A paragraph never ends with one character alone on its last line: its
            // last two characters (with the marks after them) are kept together, so
            // they go down as one when the last would be alone. The label lets the
            // layout space the pair as it spaces the text. Where figures are joined,
            // with the number or date they end (`2019年11月15日。`, `16.7億元。`):
            // cut from it, its two pieces would be joined apart (`11月｜15日`).
            None if ends_paragraph => {
                let at = last_two(text);
                let at = if join { kept_start(text, at) } else { at };
                let (text, last) = text.split_at(at);
                escape_into(&mut self.out, &joined(text));
                if !last.is_empty() {
                    self.out.push_str("#box[");
                    escape_into(&mut self.out, &joined(last));
                    self.out.push_str("]<keep>");
                }
            }
            None => escape_into(&mut self.out, &joined(text)),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        let out = &mut self.out;
        match tag {
            TagEnd::Heading(_) | TagEnd::Paragraph => out.push_str("\n\n"),
            TagEnd::Strong | TagEnd::Emphasis | TagEnd::Strikethrough | TagEnd::Link => out.push(']'),
            TagEnd::BlockQuote(_) => out.push_str("]\n\n"),
            TagEnd::List(_) => {
                self.lists.pop();
                out.push('\n');
            }
            TagEnd::Item => out.push('\n'),
            TagEnd::CodeBlock => {
                let text = self.code.take().unwrap_or_default();
                out.push_str(&format!("#raw(block: true, {})\n\n", string(&text)));
            }
            _ => {}
        }
    }
}

/// A table's tags, as [`Walker`] reads them: only what the Markdown says, the number
/// of columns, the header rows, each cell's column and span and the alignment its
/// column asks for (`---:`; a heading over several columns is centred). Widths, rules,
/// faces and the size the table is set in are the layout's (`show table` in
/// layout.typ), which reads each cell's column (`x`) to measure the columns.
struct TableTypst {
    walker: Walker,
    alignments: Vec<Alignment>,
    /// Cells written in the header or in the row so far.
    written: usize,
}

impl TableTypst {
    fn new(events: &[Event<'_>]) -> Self {
        Self { walker: Walker::new(events), alignments: vec![], written: 0 }
    }

    fn write(&mut self, step: Step, out: &mut String) {
        match step {
            Step::Table { alignments, .. } => {
                out.push_str(&format!("#table(\n  columns: {},\n", alignments.len()));
                self.alignments = alignments;
            }
            Step::Row { head: true, first: true } => {
                self.written = 0;
                out.push_str("  table.header(");
            }
            Step::Row { head: false, .. } => {
                self.written = 0;
                out.push_str("  ");
            }
            // The rule under the header, which the layout styles (`set table.hline`).
            Step::RowEnd { head: true, last: true } => out.push_str(", table.hline()),\n"),
            Step::RowEnd { head: false, .. } => out.push_str(",\n"),
            Step::Cell { head, place: Place::Cell { column, rows, columns, .. }, .. } => {
                if self.written > 0 {
                    out.push_str(", ");
                }
                self.written += 1;
                let align = match self.alignments.get(column) {
                    _ if head && columns > 1 => ", align: center",
                    Some(Alignment::Left) => ", align: left",
                    Some(Alignment::Center) => ", align: center",
                    Some(Alignment::Right) => ", align: right",
                    Some(Alignment::None) | None => "",
                };
                let rows = if rows > 1 { format!(", rowspan: {rows}") } else { String::new() };
                let columns = if columns > 1 { format!(", colspan: {columns}") } else { String::new() };
                out.push_str(&format!("table.cell(x: {column}{align}{columns}{rows})["));
            }
            // What a figure lacks of its column's places, unseen: the column's figures
            // line up on their decimal points.
            Step::CellEnd { place: Place::Cell { pad, .. }, .. } => {
                if !pad.is_empty() {
                    out.push_str(&format!("#hide[{pad}]"));
                }
                out.push(']');
            }
            Step::TableEnd => out.push_str(")\n\n"),
            _ => {}
        }
    }
}

/// The characters each font role will set, as the layout assigns them: the title
/// (level-1 heading), `heading` (level 2 and a table's header row), `kai` (level 3),
/// `body` (everything else, a table's cells too), `page_number` (`— 1 —`), and
/// `latin` for ASCII letters, digits and marks.
pub fn role_text(events: &[Event<'_>]) -> BTreeMap<&'static str, BTreeSet<char>> {
    let mut roles: BTreeMap<&'static str, BTreeSet<char>> = BTreeMap::new();
    let mut role = "body";
    let mut tables = Walker::new(events);
    for event in events {
        // A table's header rows are set in the heading face, all of them.
        match tables.step(event) {
            Step::Row { head: true, .. } => role = "heading",
            Step::RowEnd { head: true, last: true } => role = "body",
            Step::Skip => continue,
            _ => {}
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                role = match level {
                    HeadingLevel::H1 => "title",
                    HeadingLevel::H2 => "heading",
                    HeadingLevel::H3 => "kai",
                    _ => "body",
                };
            }
            Event::End(TagEnd::Heading(_)) => role = "body",
            Event::Text(text) | Event::Code(text) => {
                for c in text.chars().filter(|c| !c.is_whitespace()) {
                    roles.entry(role).or_default().insert(c);
                    if c.is_ascii() {
                        roles.entry("latin").or_default().insert(c);
                    }
                }
            }
            _ => {}
        }
    }
    roles.entry("page_number").or_default().extend("—0123456789".chars());
    roles
}

fn heading_depth(level: HeadingLevel) -> usize {
    level as usize
}

/// Whether nothing but the ends of inline markup (`**…**`, `*…*`, links) comes
/// before the paragraph's end: the text just read is the paragraph's last.
pub(crate) fn ends_paragraph<'e>(rest: impl Iterator<Item = &'e Event<'e>>) -> bool {
    let mut rest = rest.skip_while(|e| {
        matches!(e, Event::End(TagEnd::Strong | TagEnd::Emphasis | TagEnd::Strikethrough | TagEnd::Link))
    });
    matches!(rest.next(), Some(Event::End(TagEnd::Paragraph)))
}

/// Where a paragraph's last two characters start in its last text, marks not counted,
/// or its end when it has fewer than two: a Chinese character counts one, a number
/// (`1.1%`, `2021`) as many as its digits, and never parts (issue 24: keeping
/// `下降1.1%。` whole, a number counted as nothing, left the line before it opened by
/// 16 %). `1.1%。` alone on a line is not one character alone.
pub(crate) fn last_two(text: &str) -> usize {
    let in_number = |c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | '%' | '％');
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let (mut counted, mut i) = (0, chars.len());
    while i > 0 {
        i -= 1;
        let (at, c) = chars[i];
        if is_han(c) {
            counted += 1;
        } else if c.is_ascii_digit() {
            // The whole number, from its first character.
            let mut start = i;
            while start > 0 && in_number(chars[start - 1].1) {
                start -= 1;
            }
            counted += chars[start..=i].iter().filter(|(_, c)| c.is_ascii_digit()).count();
            i = start;
            if counted >= 2 {
                return chars[start].0;
            }
            continue;
        }
        if counted >= 2 {
            return at;
        }
    }
    text.len()
}

/// The word joiner (U+2060): no line breaks at it, and it has no width.
pub const JOINER: char = '\u{2060}';

/// A number with its unit (`1440人`, `16.7億`, `25%的`) and a date (`11月15日`,
/// `2019年11月15日`), each with a `：` or `；` after it: the printed layout keeps each
/// on one line (issue 24). Found here, once, rather than by a show rule of the
/// layout's, which costs Typst a pass over every paragraph and a run of its own for
/// each match (issue 25).
static KEPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[0-9]+年)?[0-9]+月[0-9]+日[：；]*|[0-9][0-9.,]*[%％]?\p{Han}[：；]*").expect("a valid pattern")
});

/// Where the number with its unit or the date that `at` falls inside starts (`at`
/// itself when it falls inside none), so that what is kept whole is not cut there.
fn kept_start(text: &str, at: usize) -> usize {
    KEPT.find_iter(text).find(|kept| kept.start() < at && at < kept.end()).map_or(at, |kept| kept.start())
}

/// The text with a word joiner wherever figures meet text inside a number with its
/// unit or a date (`1440|人`, `11|月|15|日`, each `|` a joiner), for the layout (`joined`), which sets each
/// as a run of its own: Typst shapes it into no glyph, so it is neither seen nor in
/// the PDF's text, and gives back the spacing the figures before it lost at the end
/// of their run.
pub fn join_figures(text: &str) -> Cow<'_, str> {
    if !KEPT.is_match(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for found in KEPT.find_iter(text) {
        out.push_str(&text[at..found.start()]);
        let mut ascii = None;
        for c in found.as_str().chars() {
            let now = c.is_ascii_graphic();
            if ascii.is_some_and(|was| was != now) {
                out.push(JOINER);
            }
            ascii = Some(now);
            out.push(c);
        }
        at = found.end();
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

/// Writes text so that no character of it acts as Typst markup: every ASCII
/// punctuation mark (the only characters markup gives meaning to, besides
/// whitespace) is preceded by a backslash, which Typst reads as "this character,
/// literally".
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
}

/// A Typst string literal.
fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn a_paragraph_keeps_its_last_two_characters_and_a_number_counts_as_its_own() {
        let kept = |text: &'static str| -> &'static str { &text[last_two(text)..] };
        assert_eq!(kept("与去年同期持平。"), "持平。");
        assert_eq!(kept("同比减少3起，下降1.1%。"), "1.1%。");
        assert_eq!(kept("共破获3起。"), "3起。");
        assert_eq!(kept("截至2021年。"), "2021年。");
        assert_eq!(kept("起。"), "", "fewer than two: nothing to keep");
    }

    #[test]
    fn escapes_every_markup_character() {
        let mut out = String::new();
        escape_into(&mut out, "#read(\"/etc/passwd\") $x$ <l> @r // c /* d */ \\ *b* _e_ `r` = - + 1. 互聯網+");
        assert_eq!(
            out,
            "\\#read\\(\\\"\\/etc\\/passwd\\\"\\) \\$x\\$ \\<l\\> \\@r \\/\\/ c \\/\\* d \\*\\/ \\\\ \\*b\\* \\_e\\_ \\`r\\` \\= \\- \\+ 1\\. 互聯網\\+"
        );
    }

    #[test]
    fn a_title_breaks_between_words_never_before_a_mark() {
        assert_eq!(
            title_words("陝西省打擊食品、藥品、環境犯罪工作情況通報"),
            ["陝西省", "打擊", "食品、", "藥品、", "環境", "犯罪", "工作", "情況", "通報"]
        );
        assert_eq!(title_words("2021年第4季度治安形势通报").concat(), "2021年第4季度治安形势通报");
        // Opening marks go with the word they open, closing ones with the word before.
        let words = title_words("關於開展（食品藥品犯罪）工作的通報");
        assert!(words.iter().any(|w| w.starts_with('（')) && !words.iter().any(|w| w.ends_with('（')), "{words:?}");
        assert!(words.iter().any(|w| w.ends_with('）')), "{words:?}");
        assert_eq!(words.concat(), "關於開展（食品藥品犯罪）工作的通報");
    }

    /// A role set in Noto Serif CJK TC, which has a bold.
    pub(crate) fn noto(role: &str) -> Role {
        Role {
            role: role.to_string(),
            families: vec!["Noto Serif CJK TC".to_string()],
            weight: None,
            bold: true,
            stand_in: None,
        }
    }

    pub(crate) const HEAD: Head<'static> = Head {
        series: "shiyaohuan",
        title_lines: &[],
        title_breaks: &[],
        title: "測試",
        author: "測試",
        date: Date { year: 2019, month: 11, day: 15 },
        region: "tw",
        moment: None,
        draft: false,
        attachments: &[],
        fonts: &[],
        accepts: &Accepts::Unknown,
    };

    #[test]
    fn a_layout_is_given_only_the_arguments_it_takes() {
        let old = Accepts::of("#let bulletin(title: none, region: \"tw\", body) = body");
        assert!(old.has("title") && old.has("region") && !old.has("title-words") && !old.has("bold"));
        assert!(Accepts::of("#let bulletin(title: none, ..rest, body) = body").has("bold"));
        let closure = Accepts::of("#let bulletin = (title: none, bold: (:), body) => body");
        assert!(closure.has("bold") && !closure.has("weights"));
        // Imported: only what layouts have always been given.
        let imported = Accepts::of("#import \"/templates/_shared/plain.typ\": bulletin");
        assert!(imported.has("fonts") && !imported.has("bold") && !imported.has("title-words"));
        let accepts = Accepts::of("#let bulletin(title: none, author: none, date: none, region: \"tw\", body) = body");
        let typ = markup(&Head { accepts: &accepts, ..HEAD }, &[]);
        assert!(!typ.contains("title-words"), "{typ}");
        let accepts = Accepts::of("#let bulletin(title: none, title-words: none, body) = body");
        let new = Head { accepts: &accepts, ..HEAD };
        assert!(markup(&new, &[]).contains("title-words: (\"測試\",)"));
    }

    #[test]
    fn figures_are_joined_to_their_units_and_a_date_is_whole() {
        let j = |text: &str| join_figures(text).replace(JOINER, "|");
        assert_eq!(j("破獲案件956起，抓獲1440人"), "破獲案件956|起，抓獲1440|人");
        assert_eq!(j("截止2019年11月15日：全省"), "截止2019|年|11|月|15|日：全省");
        assert_eq!(
            j("涉案金額16.7億元，同比提升19.8%的，下降3.5％。"),
            "涉案金額16.7|億元，同比提升19.8%|的，下降3.5％。"
        );
        assert_eq!(j("共1,234起；APP 12個"), "共1,234|起；APP 12|個");
        assert_eq!(j("沒有數字的句子。"), "沒有數字的句子。");
        assert!(matches!(join_figures("2019"), Cow::Borrowed(_)), "nothing to join: the text itself");
    }

    #[test]
    fn a_paragraphs_kept_end_takes_the_date_or_amount_it_would_cut() {
        let accepts = Accepts::of(include_str!("../../../templates/shiyaohuan/layout.typ"));
        let end = |text: &str| {
            let events = crate::core::markdown::events(text);
            let typ = markup(&Head { accepts: &accepts, ..HEAD }, &events).replace(JOINER, "|");
            typ.split_once("#box[").map(|(_, kept)| kept.split_once(']').expect("closed").0.to_string())
        };
        assert_eq!(end("截至2019年11月15日。\n").as_deref(), Some("2019|年|11|月|15|日。"));
        assert_eq!(end("涉案金額16.7億元。\n").as_deref(), Some("16\\.7|億元。"));
        assert_eq!(end("共破獲13起。\n").as_deref(), Some("13|起。"));
        assert_eq!(end("全省共破獲案件。\n").as_deref(), Some("案件。"));
    }

    #[test]
    fn the_title_is_not_joined_and_a_layout_that_takes_no_joiners_gets_none() {
        let events = crate::core::markdown::events("# 2019年11月工作通報\n\n破獲案件956起，抓獲嫌疑人。\n");
        let accepts = Accepts::of(include_str!("../../../templates/shiyaohuan/layout.typ"));
        let joined = markup(&Head { accepts: &accepts, ..HEAD }, &events);
        assert!(joined.contains("= 2019年11月工作通報"), "{joined}");
        assert!(joined.contains("破獲案件956\u{2060}起") && joined.contains("joined: true"), "{joined}");
        let older = Accepts::Named(vec!["fonts".into()]);
        let plain = markup(&Head { accepts: &older, ..HEAD }, &events);
        assert!(!plain.contains(JOINER) && !plain.contains("joined"), "{plain}");
        // A layout that takes any argument (`..args`) may not set them either.
        let sink = markup(&Head { accepts: &Accepts::Any, ..HEAD }, &events);
        assert!(!sink.contains(JOINER) && !sink.contains("joined"), "{sink}");
    }

    #[test]
    fn sample_to_typst() {
        let attachments = [Attachment {
            name: "2019-11-15.yaml".into(),
            text: "as_of: 2019-11-15\n".into(),
            mime: "application/yaml",
            description: "the figure file".into(),
        }];
        let fonts = [noto("body")];
        let accepts = Accepts::of(include_str!("../../../templates/shiyaohuan/layout.typ"));
        let moment = Moment::parse("2019-11-18T02:00:00Z");
        let head = Head { moment, attachments: &attachments, fonts: &fonts, accepts: &accepts, ..HEAD };
        insta::assert_snapshot!(markup(&head, &crate::core::markdown::events(crate::core::markdown::tests::SAMPLE)));
    }

    /// A Markdown table with every alignment and text that means something to Typst.
    pub(crate) const TABLE: &str =
        "| 地區 | 案件數 | 說明 |\n|---|---:|:-:|\n| #甲 | 1,520 | a * b $x$ |\n| 乙]、[ | 85 |\n";

    #[test]
    fn tables_become_typst_tables() {
        let markup = markup(&HEAD, &crate::core::markdown::events(TABLE));
        let (_, body) = markup.split_once(")\n\n").expect("the head");
        assert_eq!(
            body,
            "#table(\n  columns: 3,\n  \
             table.header(table.cell(x: 0)[地區], table.cell(x: 1, align: right)[案件數], \
             table.cell(x: 2, align: center)[說明], table.hline()),\n  \
             table.cell(x: 0)[\\#甲], table.cell(x: 1, align: right)[1\\,520], \
             table.cell(x: 2, align: center)[a \\* b \\$x\\$],\n  \
             table.cell(x: 0)[乙\\]、\\[], table.cell(x: 1, align: right)[85], table.cell(x: 2, align: center)[],\n\
             )\n\n"
        );
    }

    #[test]
    fn header_rows_and_spanned_cells_become_typst_cells() {
        let ranking = "| 排名 | 區 | PM2.5 | << |\n|---|---|---:|---:|\n| ^^ | ^^ | 2024年 | 同比 |\n\
            |---|---|---|---|\n| 1 | 甲 | 20 | 25.0 |\n| ^^ | 乙 | 20 | 5.3 |\n";
        let markup = markup(&HEAD, &crate::core::markdown::events(ranking));
        let (_, body) = markup.split_once(")\n\n").expect("the head");
        assert_eq!(
            body,
            "#table(\n  columns: 4,\n  \
             table.header(table.cell(x: 0, rowspan: 2)[排名], table.cell(x: 1, rowspan: 2)[區], \
             table.cell(x: 2, align: center, colspan: 2)[PM2\\.5], \
             table.cell(x: 2, align: right)[2024年], table.cell(x: 3, align: right)[同比], table.hline()),\n  \
             table.cell(x: 0, rowspan: 2)[1], table.cell(x: 1)[甲], table.cell(x: 2, align: right)[20], \
             table.cell(x: 3, align: right)[25\\.0],\n  \
             table.cell(x: 1)[乙], table.cell(x: 2, align: right)[20], table.cell(x: 3, align: right)[5\\.3],\n\
             )\n\n"
        );
        // The second header row is set in the heading face too.
        assert!(role_text(&crate::core::markdown::events(ranking))["heading"].contains(&'同'));
    }

    #[test]
    fn role_text_sets_a_tables_header_in_the_heading_face() {
        let roles = role_text(&crate::core::markdown::events(TABLE));
        assert!("地區案件數說明".chars().all(|c| roles["heading"].contains(&c)));
        assert!("#甲乙、1,520a*b$x".chars().all(|c| roles["body"].contains(&c)));
        assert!(!roles["body"].contains(&'地') && !roles["heading"].contains(&'甲'));
        assert!("#1,520*$x]".chars().all(|c| roles["latin"].contains(&c)));
    }

    #[test]
    fn strings_escape_quotes_and_backslashes() {
        assert_eq!(string("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
    }
}
