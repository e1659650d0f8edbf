//! Where the web page's lines may break, decided here rather than left to each
//! browser: a title only between its words (the segmentation its PDF breaks by), a
//! number never apart from its unit nor a date apart, a paragraph never ending in one
//! character alone on its last line. The Markdown stays as it is (it is the reference
//! text): only the HTML gets a `<wbr>` where a title may break and a
//! `<span class="bulletin-keep">`, which the stylesheet keeps on one line, around what
//! must stay together.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use crate::core::language::is_han;
use crate::render::typst::markup::{ends_paragraph, last_two, title_words};

/// Opens what stays on one line.
const KEEP: &str = "<span class=\"bulletin-keep\">";
/// Closes it.
const KEPT: &str = "</span>";
/// Where a title may break.
const BREAK: &str = "<wbr>";

/// The most characters of a title kept on one line for the sake of a better break:
/// a 320 px phone's line holds 13 of the title's characters.
const LONGEST_RUN: usize = 12;

/// What may follow a number as its unit's second character, after a magnitude
/// (`16.7億元`, `6588.4萬元`).
const MAGNITUDES: &str = "萬万億亿千百";

/// Opening and closing brackets and quotes: a title breaks inside them only when the
/// words they hold do not fit on one line.
const OPENING: &str = "（《「『“‘〈【〔";
const CLOSING: &str = "）》」』”’〉】〕";

/// The events with the title's break opportunities and the spans that keep numbers,
/// dates and a paragraph's last two characters on one line.
pub fn kept(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let events = merged(events);
    // Which texts end their paragraph, read before the events are taken apart.
    let last: Vec<bool> = (0..events.len())
        .map(|i| {
            let rest: &[Event<'_>] = &events[i + 1..];
            matches!(events[i], Event::Text(_)) && ends_paragraph(rest.iter())
        })
        .collect();
    let mut out = Vec::with_capacity(events.len() + events.len() / 4);
    let (mut title, mut code) = (false, false);
    for (event, last) in events.into_iter().zip(last) {
        match event {
            Event::Start(Tag::Heading { level: HeadingLevel::H1, .. }) => title = true,
            Event::End(TagEnd::Heading(HeadingLevel::H1)) => title = false,
            Event::Start(Tag::CodeBlock(_)) => code = true,
            Event::End(TagEnd::CodeBlock) => code = false,
            Event::Text(text) if title => {
                title_breaks(&text, &mut out);
                continue;
            }
            Event::Text(text) if !code => {
                wrapped(&text, &together(&text, last), &mut out);
                continue;
            }
            _ => {}
        }
        out.push(event);
    }
    out
}

/// The events with each run of texts in one: pulldown-cmark may hand a run over in
/// pieces (at an escape, an entity, markup taken as text), a number in one and its
/// unit in the next, and a title's words are found in the whole of it.
fn merged(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    for event in events {
        match (out.last_mut(), event) {
            (Some(Event::Text(before)), Event::Text(text)) => {
                *before = CowStr::from(format!("{before}{text}"));
            }
            (_, event) => out.push(event),
        }
    }
    out
}

/// A title's text, with `<wbr>` between the runs of words a line may break between
/// and a multi-word run kept on one line (a browser would break it after a comma).
fn title_breaks(title: &str, out: &mut Vec<Event<'_>>) {
    for (i, (run, words)) in title_runs(title).into_iter().enumerate() {
        if i > 0 {
            out.push(Event::Html(BREAK.into()));
        }
        if words > 1 {
            out.extend([Event::Html(KEEP.into()), Event::Text(run.into()), Event::Html(KEPT.into())]);
        } else {
            out.push(Event::Text(run.into()));
        }
    }
}

/// A title cut where a line may break, each run with the number of its words: the
/// words of [`title_words`], kept together where the PDF's title avoids a break
/// (after an enumeration comma, after the enumeration's last item, inside brackets)
/// and, more firmly, where no line should break (inside a number with its unit,
/// between words of one character, as the segmenter leaves a name it does not know:
/// `臨｜江｜市`), unless the run would be longer than [`LONGEST_RUN`].
fn title_runs(title: &str) -> Vec<(String, usize)> {
    let words = title_words(title);
    if words.concat() != title {
        return vec![(title.to_string(), 1)];
    }
    let poorness = poorness(title, &words);
    let mut runs = vec![];
    cut(&words, &poorness, 0..words.len(), 0, &mut runs);
    runs
}

/// How poor a break before each word is: one for each of a break after an
/// enumeration comma (`食品、｜藥品`), after an enumeration's last item, which shares
/// the words after it (`環境｜犯罪` of `食品、藥品、環境犯罪`), and inside brackets;
/// four more inside a number with its unit (`2021｜年`) or between two words of one
/// character.
fn poorness(title: &str, words: &[String]) -> Vec<usize> {
    let enumerated = |i: usize| words[i].ends_with('、');
    let single = |i: usize| words[i].chars().filter(|c| c.is_alphanumeric()).count() == 1;
    let numbers = numbers_with_units(title);
    let (mut depth, mut at) = (0usize, 0);
    let mut poorness = vec![0];
    for i in 1..words.len() {
        let before = &words[i - 1];
        at += before.len();
        depth = (depth + before.chars().filter(|c| OPENING.contains(*c)).count())
            .saturating_sub(before.chars().filter(|c| CLOSING.contains(*c)).count());
        let last_item = i >= 2 && enumerated(i - 2) && !enumerated(i - 1);
        let glued = (single(i - 1) && single(i)) || numbers.iter().any(|n| n.start < at && at < n.end);
        poorness.push(
            usize::from(enumerated(i - 1)) + usize::from(last_item) + usize::from(depth > 0) + 4 * usize::from(glued),
        );
    }
    poorness
}

/// The advance of each ASCII character from space to `~` in the printed title's Latin
/// face, in thousandths of an em: Times New Roman's (and Liberation Serif's, the same
/// metrics), the wider of regular and bold, as the title may be set in either.
const TIMES: [u16; 95] = [
    250, 334, 556, 500, 500, 1000, 834, 278, 334, 334, 500, 570, 250, 334, 250, 278, //
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 334, 334, 570, 570, 570, 500, //
    931, 723, 667, 723, 723, 667, 611, 778, 778, 390, 500, 778, 667, 944, 723, 778, //
    611, 778, 723, 557, 667, 723, 723, 1000, 723, 723, 667, 334, 278, 334, 582, 500, //
    334, 500, 557, 444, 557, 444, 334, 500, 557, 278, 334, 557, 278, 834, 557, 500, //
    557, 557, 444, 390, 334, 557, 500, 723, 500, 500, 444, 480, 221, 480, 542,
];

/// Thousandths of an em a word processor closes each character of the title up by
/// (the body's 0.25 pt, which the title's style inherits, at 22 pt), and the space
/// it leaves between Chinese and Latin text (LibreOffice's measures 0.2 em).
const CONDENSED: usize = 11;
const AUTOSPACE: usize = 250;

/// Where the printed layout sets a title's punctuation, which decides the marks it
/// takes half a cell off at a line's edge: Taiwan's and Hong Kong's centred in their
/// cell, the mainland's (any other region) in its lower left, closing up after it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Marks {
    /// Centred in their cell (`tw`, `hk`).
    Centred,
    /// In the lower left of their cell (`cn`, any other region).
    Mainland,
}

impl Marks {
    /// The style of a region (`TW`, `cn`), as Typst picks it for Chinese.
    pub fn of(region: &str) -> Self {
        if ["tw", "hk"].contains(&region.to_ascii_lowercase().as_str()) { Self::Centred } else { Self::Mainland }
    }
}

/// An opening mark Typst's layout takes half a cell off at a line's start.
const HALF_OPENING: &str = "《（『「【〖〔〈［｛“‘";
/// A closing mark it takes half a cell off at a line's end, and those it does only in
/// the mainland's style.
const HALF_CLOSING: &str = "》）』」】〗〕〉］｝”’";
const HALF_CLOSING_MAINLAND: &str = "，。．、：；？！";

/// A Latin letter or digit, set apart from Chinese text by a quarter em.
fn latin(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// How wide a line `text` is, in thousandths of an em, as the printed layout measures
/// it (`measure` in `layout.typ`, no space between Chinese and Latin text): a Chinese
/// character or mark an em, a Latin one its Times width, half a cell off an opening
/// mark at its start and a closing one at its end, and in the mainland's style half
/// off the first of two marks meeting.
fn printed(text: &str, marks: Marks) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let punctuation =
        |c: char| HALF_OPENING.contains(c) || HALF_CLOSING.contains(c) || HALF_CLOSING_MAINLAND.contains(c);
    let mut width: usize = chars.iter().map(|&c| advance(c)).sum();
    for pair in chars.windows(2) {
        if marks == Marks::Mainland && punctuation(pair[0]) && punctuation(pair[1]) {
            width -= 500;
        }
    }
    let closing = |c: char| HALF_CLOSING.contains(c) || (marks == Marks::Mainland && HALF_CLOSING_MAINLAND.contains(c));
    if chars.len() > 1 && chars.first().is_some_and(|&c| HALF_OPENING.contains(c)) {
        width -= 500;
    }
    if chars.len() > 1 && chars.last().is_some_and(|&c| closing(c)) {
        width -= 500;
    }
    width
}

/// How wide a line of the title is in the Word file, in thousandths of an em: each
/// character whole (a word processor closes up no mark), closed up by
/// [`CONDENSED`], with [`AUTOSPACE`] between Chinese and Latin text.
fn set(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let spaces = chars
        .windows(2)
        .filter(|pair| latin(pair[0]) != latin(pair[1]) && !pair.iter().any(|c| c.is_ascii_punctuation() || *c == ' '))
        .count();
    chars.iter().map(|&c| advance(c) - CONDENSED).sum::<usize>() + spaces * AUTOSPACE
}

/// A character's advance, in thousandths of an em: an ASCII one its Times width,
/// any other an em.
fn advance(c: char) -> usize {
    let ascii = u32::from(c).checked_sub(0x20).and_then(|i| TIMES.get(i as usize));
    ascii.map_or(1000, |&w| usize::from(w))
}

/// The printed text block (GB/T 9704: 156 mm, 442.2 pt) in thousandths of an em of
/// the title's size (二號, 22 pt): the `width` the printed title is broken to.
pub const TITLE_BLOCK: usize = 20_100;

/// A title broken into the lines of a block `width` thousandths of an em of the
/// title's size wide, as the printed layout breaks it (`break-title` in `layout.typ`,
/// which measures each candidate line: [`printed`]): only between its words; onto
/// two lines at the break that balances them best, the upper line preferably the
/// longer and a poor break (after an enumeration comma, inside brackets) only when no
/// other fits; onto more, filled up to an equal share. Each line also fits the block
/// as a word processor sets it ([`set`]), which would otherwise break it again
/// wherever it is full. `given`: the series' own lines, when they read as the title
/// does.
pub fn title_lines(title: &str, given: &[String], width: usize, marks: Marks) -> Vec<String> {
    if given.len() > 1 && given.concat() == title {
        return given.to_vec();
    }
    let words = title_words(title);
    let fits = printed(title, marks) <= width && set(title) <= width;
    if fits || words.len() < 2 || words.concat() != title {
        return vec![title.to_string()];
    }
    let line = |range: Range<usize>| words[range].concat();
    let span = |range: Range<usize>| printed(&line(range), marks);
    let fit = |range: Range<usize>| span(range.clone()) <= width && set(&line(range)) <= width;
    let poorness = printed_poorness(&words);
    let n = words.len();
    let two = (1..n).filter(|&i| fit(0..i) && fit(i..n)).min_by_key(|&i| {
        let (upper, lower) = (span(0..i), span(i..n));
        upper.abs_diff(lower) + if upper < lower { 4000 } else { 0 } + 10_000 * poorness[i]
    });
    if let Some(i) = two {
        return vec![line(0..i), line(i..n)];
    }
    // Lines filled up to `limit`, none wider than the block as either measures it.
    let fill = |limit: usize| -> Vec<String> {
        let mut lines = vec![String::new()];
        for word in &words {
            let last = lines.last().expect("a line");
            let longer = format!("{last}{word}");
            if !last.is_empty() && (printed(&longer, marks) > limit || set(&longer) > width) {
                lines.push(String::new());
            }
            lines.last_mut().expect("a line").push_str(word);
        }
        lines
    };
    let least = fill(width).len();
    let mut limit = printed(title, marks) / least;
    while fill(limit).len() > least && limit < width {
        limit += 1000;
    }
    fill(limit.min(width))
}

/// How poor the printed layout takes a break before each word to be: one for each of
/// a break after an enumeration comma, after an enumeration's last item and inside
/// brackets (`poor` in `layout.typ`, with its marks).
fn printed_poorness(words: &[String]) -> Vec<usize> {
    let enumerated = |i: usize| words[i].ends_with('、');
    let (mut opened, mut closed) = (0, 0);
    let mut poorness = vec![0];
    for i in 1..words.len() {
        opened += words[i - 1].chars().filter(|c| "（《「『“".contains(*c)).count();
        closed += words[i - 1].chars().filter(|c| "）》」』”".contains(*c)).count();
        let last_item = i >= 2 && enumerated(i - 2) && !enumerated(i - 1);
        poorness.push(usize::from(enumerated(i - 1)) + usize::from(last_item) + usize::from(opened > closed));
    }
    poorness
}

/// Cuts `words[range]` before each word whose break is no poorer than `level`, and a
/// run still too long at the next level.
fn cut(words: &[String], poorness: &[usize], range: Range<usize>, level: usize, runs: &mut Vec<(String, usize)>) {
    let mut start = range.start;
    for end in range.start + 1..=range.end {
        if end < range.end && poorness[end] > level {
            continue;
        }
        let run = words[start..end].concat();
        let poorest = poorness[start + 1..end].iter().copied().max().unwrap_or(0);
        if run.chars().count() > LONGEST_RUN && level < poorest {
            cut(words, poorness, start..end, level + 1, runs);
        } else {
            runs.push((run, end - start));
        }
        start = end;
    }
}

/// Where a text must not break: each number with its unit (`956起`, `16.7億元`,
/// `19.8%以上`), a date whole (`2019年11月15日`, its numbers and units touching), and
/// the paragraph's last two characters with the marks after them when the text
/// ends its paragraph.
fn together(text: &str, ends_paragraph: bool) -> Vec<Range<usize>> {
    let mut ranges = numbers_with_units(text);
    let last = last_two(text);
    if ends_paragraph && last < text.len() {
        ranges.push(last..text.len());
    }
    ranges.sort_by_key(|range| range.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(previous) if range.start <= previous.end => previous.end = previous.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// Each number followed by its unit, the Chinese character after it (and after a
/// percent sign): the PDF's rule (`[0-9][0-9.,]*[%％]?\p{Han}`), with a magnitude's
/// next character as well.
fn numbers_with_units(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let end = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
    let mut ranges = vec![];
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while at(i).is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',') {
            i += 1;
        }
        if at(i).is_some_and(|c| c == '%' || c == '％') {
            i += 1;
        }
        if at(i).is_some_and(is_han) {
            i += 1;
            if at(i - 1).is_some_and(|c| MAGNITUDES.contains(c)) && at(i).is_some_and(is_han) {
                i += 1;
            }
            ranges.push(chars[start].0..end(i));
        }
    }
    ranges
}

/// A text as events, the `ranges` of it each in a span kept on one line.
fn wrapped(text: &str, ranges: &[Range<usize>], out: &mut Vec<Event<'_>>) {
    let mut at = 0;
    for range in ranges {
        if range.start > at {
            out.push(Event::Text(text[at..range.start].to_string().into()));
        }
        out.extend([
            Event::Html(KEEP.into()),
            Event::Text(text[range.clone()].to_string().into()),
            Event::Html(KEPT.into()),
        ]);
        at = range.end;
    }
    if at < text.len() {
        out.push(Event::Text(text[at..].to_string().into()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(markdown: &str) -> String {
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, kept(crate::core::markdown::events(markdown)).into_iter());
        out
    }

    #[test]
    fn a_title_breaks_between_its_words_and_keeps_an_enumeration_whole() {
        assert_eq!(
            html("# 陝西省打擊食品、藥品、環境犯罪工作情況通報\n"),
            "<h1>陝西省<wbr>打擊<wbr><span class=\"bulletin-keep\">食品、藥品、環境犯罪</span><wbr>工作<wbr>情況<wbr>通報</h1>\n"
        );
        // Brackets longer than a line open, at their best breaks first.
        assert_eq!(
            title_runs("關於《陝西省打擊食品、藥品、環境犯罪工作情況通報》的更正說明")
                .into_iter()
                .map(|(run, _)| run)
                .collect::<Vec<_>>(),
            ["關於", "《陝西省", "打擊", "食品、藥品、環境犯罪", "工作", "情況", "通報》", "的", "更正", "說明"]
        );
        // An enumeration too long for a line breaks after its commas.
        let runs = title_runs("關於甲乙丙丁、戊己庚辛、壬癸子丑、寅卯辰巳犯罪的通報");
        assert!(runs.iter().all(|(run, _)| run.chars().count() <= LONGEST_RUN), "{runs:?}");
        // A number with its unit, and a name the dictionary does not know, whole.
        let runs: Vec<String> =
            title_runs("2021年临江市公安局社会治安工作情况通报").into_iter().map(|(run, _)| run).collect();
        assert_eq!(runs, ["2021年临江市", "公安局", "社会", "治安", "工作", "情况", "通报"]);
        assert_eq!(
            html("# 第4季度治安形势通报 <b>\n").replace(BREAK, "").replace(KEEP, "").replace(KEPT, ""),
            "<h1>第4季度治安形势通报 &lt;b&gt;</h1>\n"
        );
    }

    /// The block of the printed title, 156 mm of 22 pt, in thousandths of an em.
    const BLOCK: usize = TITLE_BLOCK;

    fn lines(title: &str, marks: Marks) -> Vec<String> {
        let lines = title_lines(title, &[], BLOCK, marks);
        assert_eq!(lines.concat(), title);
        assert!(lines.iter().all(|line| set(line) <= BLOCK), "{lines:?}: a line a word processor breaks again");
        lines
    }

    #[test]
    fn a_titles_lines_are_the_printed_layouts_and_fit_the_word_processors_line() {
        // The shipped title: the enumeration whole, the upper line longer.
        assert_eq!(
            lines("陝西省打擊食品、藥品、環境犯罪工作情況通報", Marks::Centred),
            ["陝西省打擊食品、藥品、環境犯罪", "工作情況通報"]
        );
        // The layout measures a line with an opening mark at its start and a closing
        // one at its end half a cell narrower, and breaks inside brackets only when
        // no other break fits: the brackets stay on the upper line.
        let bracketed = "全省公安機關（食品藥品環境犯罪偵查部門）專項行動工作情況通報";
        assert_eq!(
            lines(bracketed, Marks::Centred),
            ["全省公安機關（食品藥品環境犯罪偵查部門）", "專項行動工作情況通報"]
        );
        // It keeps no one-character words together (`日｜全｜省`, as the web page
        // does): the date's line, not `…31日全省｜打擊…`.
        let dated = "2019年11月15日至2020年12月31日全省打擊環境犯罪工作情況通報";
        assert_eq!(lines(dated, Marks::Centred), ["2019年11月15日至2020年12月31日", "全省打擊環境犯罪工作情況通報"]);
        // Capitals are wider than half a cell: 34 half-cells a line, but wider than
        // the block (LibreOffice set `…NGO組｜織｜打擊…`).
        let capitals = "陝西省公安廳關於MWMWMWM等NGO組織打擊假冒偽劣食品犯罪的通報";
        assert_eq!(lines(capitals, Marks::Centred), ["陝西省公安廳關於MWMWMWM等NGO", "組織打擊假冒偽劣食品犯罪的通報"]);
        // Three lines and more are filled up to an equal share, the mainland's 、 at a
        // line's end half a cell narrower, as the PDF breaks them (the segmenter
        // takes 涉黑涉｜恶 for words).
        let listed = "关于打击食品、药品、农资、环境、野生动物、侵权假冒、文物、涉黑涉恶犯罪工作情况的通报";
        assert_eq!(
            lines(listed, Marks::Mainland),
            ["关于打击食品、药品、农资、环境、", "野生动物、侵权假冒、文物、涉黑涉", "恶犯罪工作情况的通报"]
        );
        assert_eq!(printed("食品、", Marks::Mainland), 2500);
        assert_eq!(printed("食品、", Marks::Centred), 3000);
        assert_eq!(Marks::of("HK"), Marks::Centred);
        assert_eq!(Marks::of("cn"), Marks::Mainland);
    }

    #[test]
    fn numbers_keep_their_units_dates_stay_whole_and_no_character_ends_alone() {
        assert_eq!(
            html("截止11月15日，共破案件956起，涉案金額16.7億元，提升19.8%。公安部督辦7起。\n"),
            "<p>截止<span class=\"bulletin-keep\">11月15日</span>，共破案件<span class=\"bulletin-keep\">956起</span>，\
             涉案金額<span class=\"bulletin-keep\">16.7億元</span>，提升19.8%。公安部督辦<span class=\"bulletin-keep\">7起。</span></p>\n"
        );
        // The last text of a paragraph that ends in bold; numbers in headings and
        // cells; nothing in code.
        assert_eq!(
            html("**一是強化打擊。**\n"),
            "<p><strong>一是強化<span class=\"bulletin-keep\">打擊。</span></strong></p>\n"
        );
        assert_eq!(html("## 2019年工作\n"), "<h2><span class=\"bulletin-keep\">2019年</span>工作</h2>\n");
        assert_eq!(html("```\n12起\n```\n"), "<pre><code>12起\n</code></pre>\n");
        assert_eq!(
            html("乙 <b>12</b>起。\n"),
            "<p>乙 &lt;b&gt;<span class=\"bulletin-keep\">12&lt;/b&gt;起。</span></p>\n"
        );
    }
}
