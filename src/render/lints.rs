//! What `check` says about a series' templates as text, before any figure is
//! rendered: arithmetic that would make a float (refused), numbers typed into the
//! prose and half-width punctuation between Chinese characters (warned).
//!
//! Tera's own parser does not keep the prose apart from the tags, so the tags are
//! found here: `{{ … }}`, `{% … %}` and `{# … #}`, a closing delimiter inside a string
//! not ending one, and a `{% raw %}` block's text not being one.

use std::ops::Range;
use std::sync::Arc;

use crate::diag::{Diagnostic, Source};
use crate::i18n::t;

/// Warnings about the templates' prose (Tera tags are left alone): every number
/// typed into it rather than taken from the figures (except the series'
/// `literals`), and punctuation that GB/T 15834 writes full-width: a half-width
/// `,` `;` `:` `(` `)` `!` `?` between Chinese characters, and a space between
/// Chinese characters.
pub fn prose(scanned: &[(&Arc<Source>, &str)], literals: &[String]) -> Vec<Diagnostic> {
    let mut warnings = typed_numbers(scanned, literals);
    for &(source, text) in scanned {
        let chars: Vec<(usize, char)> = outside_tags(text).collect();
        for window in chars.windows(3) {
            let [(_, before), (at, c), (_, after)] = window else { continue };
            // Only characters adjacent in the file count as "between".
            if !(is_chinese(*before) && is_chinese(*after)) || window[2].0 != at + c.len_utf8() {
                continue;
            }
            let full = match c {
                ',' => '，',
                ';' => '；',
                ':' => '：',
                '(' => '（',
                ')' => '）',
                '!' => '！',
                '?' => '？',
                ' ' => {
                    warnings.push(Diagnostic::warning(t!("lint-space")).at(
                        source,
                        *at..at + 1,
                        t!("lint-space-label"),
                    ));
                    continue;
                }
                _ => continue,
            };
            warnings.push(Diagnostic::warning(t!("lint-half-width", mark = c.to_string())).at(
                source,
                *at..at + 1,
                t!("lint-half-width-label", full = full.to_string()),
            ));
        }
    }
    warnings
}

/// Numbers typed into the prose: right in one period, wrong in the next.
fn typed_numbers(scanned: &[(&Arc<Source>, &str)], literals: &[String]) -> Vec<Diagnostic> {
    let mut warnings = vec![];
    for &(source, text) in scanned {
        // Where the literals the series means stand.
        let meant: Vec<Range<usize>> = literals
            .iter()
            .filter(|literal| !literal.is_empty())
            .flat_map(|literal| text.match_indices(literal.as_str()).map(|(at, l)| at..at + l.len()))
            .collect();
        // The prose, and the text of string literals in tags (`{{ "2021年" }}`).
        let mut chars: Vec<(usize, char)> = outside_tags(text).collect();
        chars.extend(string_literals(text));
        chars.sort_unstable();
        let mut runs = number_runs(text, &chars);
        runs.retain(|range| !is_entity(text, range) && !is_identifier(text, range));
        for range in runs {
            if meant.iter().any(|m| m.start <= range.start && range.end <= m.end) {
                continue;
            }
            let number = &text[range.clone()];
            let mut warning = Diagnostic::warning(t!("lint-typed-number", number = number)).at(
                source,
                range.clone(),
                t!("lint-typed-number-label"),
            );
            if number.len() == 4 && text[range.end..].starts_with('年') {
                warning = warning.help(t!("lint-year-help"));
            } else {
                let literal = surrounding(text, range);
                warning = warning.help(t!("lint-figure-help")).help(t!("lint-literal-help", literal = literal));
            }
            warnings.push(warning);
        }
    }
    warnings
}

/// Division, powers and decimal literals inside a template's tags: each would make a
/// float.
pub fn inexact_arithmetic(source: &Arc<Source>, text: &str) -> Vec<Diagnostic> {
    let mut found = vec![];
    for (start, tag) in tags(text) {
        for (range, inexact) in inexact_in(tag) {
            let (message, label, help) = match inexact {
                Inexact::Division => (t!("lint-division"), t!("lint-division-label"), t!("lint-division-help")),
                Inexact::Power => (t!("lint-power"), t!("lint-power-label"), t!("lint-power-help")),
                Inexact::Decimal => (t!("lint-decimal"), t!("lint-decimal-label"), t!("lint-decimal-help")),
            };
            found.push(Diagnostic::error(message).at(source, start + range.start..start + range.end, label).help(help));
        }
    }
    found
}

/// What in a tag would make a float.
enum Inexact {
    Division,
    Power,
    Decimal,
}

/// Where a tag's text divides, raises to a power or writes a decimal number, outside
/// its strings.
fn inexact_in(tag: &str) -> Vec<(Range<usize>, Inexact)> {
    let bytes = tag.as_bytes();
    let mut found = vec![];
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let after_word = i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || matches!(bytes[i - 1], b'_' | b'.'));
        match quote {
            // A backslash escapes the next character inside a string.
            Some(_) if b == b'\\' => i += 1,
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if matches!(b, b'"' | b'\'' | b'`') => quote = Some(b),
            // `<tally …/>` and `</tally>` close a component.
            None if b == b'/' && bytes.get(i + 1) != Some(&b'>') && (i == 0 || bytes[i - 1] != b'<') => {
                let width = if bytes.get(i + 1) == Some(&b'/') { 2 } else { 1 };
                found.push((i..i + width, Inexact::Division));
                i += width;
                continue;
            }
            None if b == b'*' && bytes.get(i + 1) == Some(&b'*') => {
                found.push((i..i + 2, Inexact::Power));
                i += 2;
                continue;
            }
            None if b.is_ascii_digit() && !after_word => {
                let end = i + bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                // `1.5`, `1.` and `1e3` are floats to Tera.
                if matches!(bytes.get(end), Some(b'.' | b'e' | b'E')) {
                    let rest = bytes[end + 1..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'.');
                    let stop = end + 1 + rest.count();
                    found.push((i..stop, Inexact::Decimal));
                    i = stop;
                } else {
                    i = end;
                }
                continue;
            }
            None => {}
        }
        i += 1;
    }
    found
}

/// The inside of every `{{ … }}` and `{% … %}` tag, with its byte offset; a closing
/// delimiter inside a string does not end a tag, and a `{% raw %}` block's text is
/// not a tag.
fn tags(text: &str) -> Vec<(usize, &str)> {
    let mut tags = vec![];
    let mut at = 0;
    let mut raw = false;
    while let Some(open) = text[at..].find('{').map(|i| at + i) {
        let rest = &text[open..];
        let close = if rest.starts_with("{{") {
            "}}"
        } else if rest.starts_with("{%") {
            "%}"
        } else if rest.starts_with("{#") {
            "#}"
        } else {
            at = open + 1;
            continue;
        };
        let inner = open + 2;
        let Some(end) = tag_end(text, inner, close) else { break };
        let body = &text[inner..end];
        let words: Vec<&str> = body.trim_matches(['-', '+', ' ']).split_whitespace().collect();
        if close == "%}" && words.first() == Some(&"raw") {
            raw = true;
        } else if close == "%}" && words.first() == Some(&"endraw") {
            raw = false;
        } else if close != "#}" && !raw {
            tags.push((inner, body));
        }
        at = end + 2;
    }
    tags
}

/// Where a tag opened before `from` closes with `close`, outside its strings.
fn tag_end(text: &str, from: usize, close: &str) -> Option<usize> {
    if close == "#}" {
        return text[from..].find(close).map(|i| from + i);
    }
    let bytes = text.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = from;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            (Some(_), b'\\') => i += 1,
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b @ (b'"' | b'\'' | b'`')) => quote = Some(b),
            (None, _) if bytes[i..].starts_with(close.as_bytes()) => return Some(i),
            (None, _) => {}
        }
        i += 1;
    }
    None
}

/// The characters of a template outside its `{{ … }}`, `{% … %}` and `{# … #}` tags,
/// with their byte offsets.
pub fn outside_tags(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut close: Option<&'static str> = None;
    let mut skip_to = 0;
    text.char_indices().filter(move |&(i, _)| {
        if i < skip_to {
            return false;
        }
        let rest = &text[i..];
        match close {
            Some(end) if rest.starts_with(end) => {
                close = None;
                skip_to = i + end.len();
                false
            }
            Some(_) => false,
            None => {
                for (open, end) in [("{{", "}}"), ("{%", "%}"), ("{#", "#}")] {
                    if rest.starts_with(open) {
                        close = Some(end);
                        skip_to = i + open.len();
                        return false;
                    }
                }
                true
            }
        }
    })
}

/// Runs of digits among `chars` (adjacent in the text), a decimal point inside a run
/// kept in it (`6.5`).
fn number_runs(text: &str, chars: &[(usize, char)]) -> Vec<Range<usize>> {
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let mut runs: Vec<Range<usize>> = vec![];
    let mut run: Option<Range<usize>> = None;
    for (i, &(at, c)) in chars.iter().enumerate() {
        let next_is_digit = chars.get(i + 1).is_some_and(|&(next, d)| next == at + 1 && is_digit(d));
        let joins = matches!(c, '.' | '．') && run.as_ref().is_some_and(|r| r.end == at) && next_is_digit;
        match &mut run {
            Some(r) if r.end == at && (is_digit(c) || joins) => r.end = at + c.len_utf8(),
            _ if is_digit(c) => runs.extend(run.replace(at..at + c.len_utf8())),
            _ => runs.extend(run.take()),
        }
    }
    runs.extend(run);
    runs.retain(|range| text[range.clone()].chars().any(is_digit));
    runs
}

/// Whether digits are part of a name or a unit, not a figure: after a letter (`PM2.5`,
/// `CO2`, `H1N1`, `μg/m3`, `COVID-19`), before one capital letter ending a word (`5G`,
/// `4K`, `3D`), or numbering a table, a chart or an annex (`表1`, `图2`, `附件3`). A
/// number before a unit in small letters (`3km`) is a figure.
fn is_identifier(text: &str, range: &Range<usize>) -> bool {
    let before = &text[..range.start];
    let mut back = before.chars().rev();
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_alphabetic() && !is_chinese(c));
    let previous = back.next();
    if letter(previous) || (previous == Some('-') && letter(back.next())) {
        return true;
    }
    let mut after = text[range.end..].chars();
    if after.next().is_some_and(|c| c.is_ascii_uppercase()) && !letter(after.next()) {
        return true;
    }
    ["表", "图", "圖", "附件", "附表", "注", "註"].iter().any(|label| before.ends_with(label))
}

/// Whether digits are a character reference such as `&#12288;`.
fn is_entity(text: &str, range: &Range<usize>) -> bool {
    text[..range.start].ends_with("&#") && text[range.end..].starts_with(';')
}

/// The characters inside the string literals of a template's tags, with their offsets.
fn string_literals(text: &str) -> Vec<(usize, char)> {
    let mut found = vec![];
    for (start, tag) in tags(text) {
        let mut quote: Option<char> = None;
        let mut escaped = false;
        for (i, c) in tag.char_indices() {
            match quote {
                Some(_) if escaped => escaped = false,
                Some(_) if c == '\\' => escaped = true,
                Some(q) if c == q => quote = None,
                Some(_) => found.push((start + i, c)),
                None if matches!(c, '"' | '\'' | '`') => quote = Some(c),
                None => {}
            }
        }
    }
    found
}

/// A number with the characters around it, as a literal to declare (`秦嶺6市`).
fn surrounding(text: &str, range: Range<usize>) -> String {
    let before: String = text[..range.start].chars().rev().take(2).take_while(|c| is_chinese(*c)).collect();
    let after: String = text[range.end..].chars().take(1).take_while(|c| is_chinese(*c)).collect();
    format!("{}{}{after}", before.chars().rev().collect::<String>(), &text[range])
}

/// Han characters and full-width CJK punctuation.
fn is_chinese(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3FFFF}' | '“' | '”' | '‘' | '’')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_units_are_not_typed_figures() {
        let numbers = |text: &str| -> Vec<String> {
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let runs = number_runs(text, &chars);
            runs.into_iter().filter(|range| !is_identifier(text, range)).map(|range| text[range].to_string()).collect()
        };
        let names = "PM2.5、PM10、CO2、H1N1、COVID-19、5G、4K、μg/m3、NO₂、表1、图2、圖3、附件4、附表5";
        assert_eq!(numbers(names), Vec::<String>::new(), "{names}");
        // Figures stay figures, a unit in small letters too.
        assert_eq!(numbers("破案58起，距离3km，共2021年，第3名，5Gbps"), ["58", "3", "2021", "3", "5"]);
    }

    #[test]
    fn division_and_decimal_literals_are_refused() {
        let source = Source::new(
            "t.md",
            "{{ a / b }} {{ a // 2 }} {{ \"1/2\" }} {{ x * 1.5 }} {{ v2.5 }} {# 1/2 #} 3/4 {{ 10 % 3 }} {{ <tally g={x}/> }}",
        );
        let found: Vec<String> =
            inexact_arithmetic(&source, &source.text).iter().map(Diagnostic::message).map(str::to_string).collect();
        assert_eq!(found, ["division in a template", "division in a template", "a decimal number in a template"]);
    }
}
