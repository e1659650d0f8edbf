//! A YAML document as a tree whose every key and value remembers where it stands in
//! the file, so that validation can point at the exact line and column.
//!
//! serde_yaml reads typed configuration (a series' schema); figure files need more:
//! every problem reported at once, each at its own position. The tree is built from
//! the parser's events in a loop (never by recursion), rejects aliases (no "billion
//! laughs") and stops at a fixed nesting depth, so hostile input fails fast.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::diag::{Diagnostic, Source};
use crate::i18n::{Text, t};

/// How deep a figure file may nest; ours need three levels.
const MAX_DEPTH: usize = 32;

/// A YAML value with its position.
#[derive(Debug)]
pub struct Node {
    /// Byte range in the source (for a scalar, the scalar itself; for a collection,
    /// its first character).
    pub span: Range<usize>,
    /// What the value is.
    pub kind: Kind,
}

/// The shape of a YAML value.
#[derive(Debug)]
pub enum Kind {
    /// A scalar.
    Scalar {
        /// Its text as written (without quotes).
        text: String,
        /// Whether it was quoted or a block scalar: then it is text, never a number.
        quoted: bool,
    },
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping in source order; keys are scalars.
    Map(Vec<(Key, Node)>),
}

/// A mapping key with its position.
#[derive(Debug)]
pub struct Key {
    /// The key's text.
    pub name: String,
    /// Byte range of the key in the source.
    pub span: Range<usize>,
}

impl Node {
    /// Whether this is an empty plain scalar (YAML's null), as in `food:` with nothing after.
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Scalar { text, quoted: false } if text.is_empty() || text == "~" || text == "null")
    }

    /// Where the value at `path` stands: each step a mapping key or a list index.
    pub fn locate(&self, path: &[&str]) -> Option<Range<usize>> {
        let mut node = self;
        for step in path {
            node = match &node.kind {
                Kind::Map(entries) => &entries.iter().find(|(key, _)| key.name == *step)?.1,
                Kind::Seq(items) => items.get(step.parse::<usize>().ok()?)?,
                Kind::Scalar { .. } => return None,
            };
        }
        Some(node.span.clone())
    }

    /// A word for the value's shape, for "expected …, found …" messages.
    pub fn describe(&self) -> String {
        match &self.kind {
            _ if self.is_null() => t!("yaml-nothing"),
            Kind::Scalar { quoted: true, .. } => t!("yaml-quoted-string"),
            Kind::Scalar { .. } => t!("yaml-value"),
            Kind::Seq(_) => t!("yaml-list"),
            Kind::Map(_) => t!("yaml-mapping"),
        }
        .text
    }
}

/// Parses one YAML document, reporting every structural problem found (syntax errors
/// stop the parse; duplicate keys and aliases do not).
pub fn parse(source: &Arc<Source>) -> Result<Node, Vec<Diagnostic>> {
    let offsets = CharOffsets::new(&source.text);
    let mut builder = Builder { source, offsets: &offsets, stack: vec![], root: None, errors: vec![] };
    let mut parser = Parser::new_from_str(&source.text);
    loop {
        let (event, mark) = match parser.next_token() {
            Ok(next) => next,
            Err(err) => {
                let mut at = offsets.byte(err.marker().index());
                // Point at the tab itself, not at what follows it.
                if err.info().contains("tab") {
                    let line_start = source.text[..at].rfind('\n').map_or(0, |i| i + 1);
                    at = source.text[line_start..at].find('\t').map_or(at, |i| line_start + i);
                }
                let diagnostic = builder.syntax_error(at, err.info());
                builder.errors.push(diagnostic);
                return Err(builder.errors);
            }
        };
        match event {
            Event::StreamEnd => break,
            // A second document would be read by nothing: refuse it rather than
            // let it hide the rest of the file from validation.
            Event::DocumentStart if builder.root.is_some() => {
                // A document starts on a line of its own; the parser's mark may be
                // past its first key.
                let at = offsets.byte(mark.index());
                let at = source.text[..at].rfind('\n').map_or(0, |i| i + 1);
                builder.errors.push(
                    Diagnostic::error(t!("yaml-second-document"))
                        .at(source, at..at + 1, t!("yaml-second-document-label"))
                        .help(t!("yaml-second-document-help")),
                );
                return Err(builder.errors);
            }
            event => {
                if let Err(fatal) = builder.event(event, mark) {
                    builder.errors.push(fatal);
                    return Err(builder.errors);
                }
            }
        }
    }
    match (builder.root, builder.errors.is_empty()) {
        (Some(root), true) => Ok(root),
        (None, true) => {
            Err(vec![Diagnostic::error(t!("yaml-empty")).at(source, 0..0, t!("expected-as-of-and-figures"))])
        }
        (_, false) => Err(builder.errors),
    }
}

/// Collections under construction, innermost last.
enum Open {
    Seq(Node),
    /// A mapping, the key waiting for its value, and where each key is among the
    /// entries (so a duplicate is found without a scan).
    Map(Node, Option<Key>, HashMap<String, usize>),
}

struct Builder<'a> {
    source: &'a Arc<Source>,
    offsets: &'a CharOffsets,
    stack: Vec<Open>,
    root: Option<Node>,
    errors: Vec<Diagnostic>,
}

impl Builder<'_> {
    /// The error for the scanner's message `info` at byte `at`. An unclosed bracket is
    /// shown where it opened, then where that was noticed.
    fn syntax_error(&self, at: usize, info: &str) -> Diagnostic {
        let message = syntax_message(info);
        let diagnostic = match self.unclosed(info) {
            Some((opened, bracket)) => Diagnostic::error(message).at(
                self.source,
                opened,
                t!("yaml-never-closed", bracket = bracket.to_string()),
            ),
            None => Diagnostic::error(message),
        };
        let diagnostic = match self.missing_colon(at, info) {
            Some(key) => diagnostic.at(self.source, key, t!("yaml-colon-missing-here")),
            None => diagnostic,
        };
        let diagnostic = diagnostic.at(self.source, at..at + 1, syntax_label(info));
        match Syntax::of(info) {
            // The scanner's own words, as a last resort, for a mistake the tool
            // does not know by name.
            Syntax::Other => diagnostic.noting(info.trim().to_string()),
            Syntax::Marker => diagnostic.help(t!("yaml-marker-help")),
            _ => diagnostic,
        }
    }

    /// For a key the scanner found running on to a later line (`figures` with no
    /// `:`, then `  food:`): the line before, whose `:` is missing.
    fn missing_colon(&self, at: usize, info: &str) -> Option<Range<usize>> {
        if Syntax::of(info) != Syntax::Colon {
            return None;
        }
        let text = &self.source.text[..at];
        let line_start = text.rfind('\n')?;
        let before = text[..line_start].trim_end();
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        let previous = &before[start..];
        let start = start + previous.len() - previous.trim_start().len();
        (!previous.contains(':') && !previous.trim_start().starts_with('#') && start < before.len())
            .then_some(start..before.len())
    }

    /// For the scanner's message of an unclosed `{` or `[` (`did not find expected
    /// ',' or '}'`): where the innermost open one of that kind opened, and the bracket.
    fn unclosed(&self, info: &str) -> Option<(Range<usize>, char)> {
        let bracket = if info.contains("'}'") && !info.contains('\t') && !info.contains("tabs") {
            '{'
        } else if info.contains("']'") && !info.contains('\t') && !info.contains("tabs") {
            '['
        } else {
            return None;
        };
        self.stack.iter().rev().find_map(|open| {
            let (Open::Seq(node) | Open::Map(node, ..)) = open;
            let at = node.span.start;
            (self.source.text[at..].starts_with(bracket)).then(|| (at..at + 1, bracket))
        })
    }

    /// Takes one parser event; an `Err` is fatal and ends the parse at once.
    fn event(&mut self, event: Event, mark: Marker) -> Result<(), Diagnostic> {
        let at = self.offsets.byte(mark.index());
        if let Event::Scalar(_, _, _, Some(_)) | Event::SequenceStart(_, Some(_)) | Event::MappingStart(_, Some(_)) =
            &event
        {
            // `!!str 5` would make a number text, `!!float` a float: the kind of a
            // value is the schema's to say, never the file's.
            let line_start = self.source.text[..at].rfind('\n').map_or(0, |i| i + 1);
            let tag_at = self.source.text[line_start..at].rfind('!').map_or(at, |i| line_start + i);
            self.errors.push(Diagnostic::error(t!("yaml-tag")).at(
                self.source,
                tag_at..tag_at + 1,
                t!("yaml-tag-label"),
            ));
        }
        match event {
            Event::Scalar(text, style, _, _) => {
                let quoted = !matches!(style, TScalarStyle::Plain);
                let width = text.len()
                    + if matches!(style, TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted) { 2 } else { 0 };
                let node = Node { span: at..at + width.max(1), kind: Kind::Scalar { text, quoted } };
                self.push(node);
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if self.stack.len() >= MAX_DEPTH {
                    return Err(Diagnostic::error(t!("yaml-too-deep")).at(
                        self.source,
                        at..at + 1,
                        t!("yaml-too-deep-label"),
                    ));
                }
                let open = match event {
                    Event::SequenceStart(..) => Open::Seq(Node { span: at..at + 1, kind: Kind::Seq(vec![]) }),
                    _ => Open::Map(Node { span: at..at + 1, kind: Kind::Map(vec![]) }, None, HashMap::new()),
                };
                self.stack.push(open);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match self.stack.pop() {
                    Some(Open::Seq(node) | Open::Map(node, ..)) => node,
                    None => return Ok(()),
                };
                self.push(node);
            }
            Event::Alias(_) => {
                return Err(Diagnostic::error(t!("yaml-alias")).at(self.source, at..at + 1, t!("yaml-alias-label")));
            }
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentStart | Event::DocumentEnd => {}
        }
        Ok(())
    }

    /// Places a finished node: as the root, a sequence item, a key or a value.
    fn push(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Open::Seq(Node { kind: Kind::Seq(items), .. })) => items.push(node),
            Some(Open::Map(map, pending, seen)) => match pending.take() {
                None => {
                    let name = match node.kind {
                        Kind::Scalar { text, .. } => text,
                        _ => {
                            self.errors.push(Diagnostic::error(t!("yaml-key-not-plain")).at(
                                self.source,
                                node.span.clone(),
                                t!("yaml-key-not-plain-label"),
                            ));
                            String::new()
                        }
                    };
                    *pending = Some(Key { name, span: node.span });
                }
                Some(key) => {
                    let Kind::Map(entries) = &mut map.kind else { return };
                    if let Some((first, _)) = seen.get(&key.name).and_then(|&i| entries.get(i)) {
                        // `{cases: 1,362,000,000}` reads as keys 362, 000, 000.
                        if !key.name.is_empty() && key.name.bytes().all(|b| b.is_ascii_digit()) {
                            self.errors.push(
                                Diagnostic::error(t!("yaml-commas"))
                                    .at(self.source, first.span.clone(), t!("yaml-commas-label"))
                                    .help(t!("yaml-commas-help")),
                            );
                            return;
                        }
                        self.errors.push(
                            Diagnostic::error(t!("yaml-duplicate-key", key = &key.name))
                                .at(self.source, key.span.clone(), t!("yaml-duplicate-key-second"))
                                .at(self.source, first.span.clone(), t!("yaml-duplicate-key-first"))
                                .help(t!("yaml-duplicate-key-help")),
                        );
                    } else {
                        seen.insert(key.name.clone(), entries.len());
                        entries.push((key, node));
                    }
                }
            },
            Some(Open::Seq(_)) => {}
        }
    }
}

/// Maps the parser's character indices to byte offsets.
struct CharOffsets(Vec<usize>);

impl CharOffsets {
    fn new(text: &str) -> Self {
        let mut offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        offsets.push(text.len());
        Self(offsets)
    }

    fn byte(&self, char_index: usize) -> usize {
        self.0.get(char_index).copied().unwrap_or_else(|| self.0.last().copied().unwrap_or(0))
    }
}

/// The kinds of YAML mistake the scanner reports, recognised by its message (its
/// words are English and not the user's, so each kind is said from the catalogue).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    Tabs,
    TooDeep,
    Unclosed(char),
    Indentation,
    Quote,
    Colon,
    ColonSpace,
    Escape,
    Comment,
    Marker,
    NoValue,
    /// A message the tool does not know: its words are kept, in a note.
    Other,
}

impl Syntax {
    /// The kind of the scanner's message `info`.
    fn of(info: &str) -> Self {
        let has = |words: &[&str]| words.iter().any(|w| info.contains(w));
        if has(&["tabs", "\t", "a tab"]) {
            Self::Tabs
        } else if has(&["recursion limit exceeded"]) {
            Self::TooDeep
        } else if has(&["expected ',' or ']'"]) {
            Self::Unclosed('[')
        } else if has(&["expected ',' or '}'"]) {
            Self::Unclosed('{')
        } else if has(&["quoted scalar, found unexpected", "indentation in quoted scalar", "after double-quoted"]) {
            Self::Quote
        } else if has(&["escape", "hexadecimal number"]) {
            Self::Escape
        } else if has(&["simple key expect", "could not find expected ':'"]) {
            Self::Colon
        } else if has(&["':' must be followed", "illegal placement of ':'"]) {
            Self::ColonSpace
        } else if has(&["did not find expected key", "mapping values are not allowed", "indentation", "indented"])
            || has(&["block sequence entries are not allowed", "expected '-' indicator", "mapping keys are not"])
        {
            Self::Indentation
        } else if has(&["comments must be separated"]) {
            Self::Comment
        } else if has(&["anchor", "alias", "tag", "directive", "handle", "document"]) {
            Self::Marker
        } else if has(&["expected node content", "unexpected eof"]) {
            Self::NoValue
        } else {
            Self::Other
        }
    }

    /// The message of an error of this kind.
    fn message(self) -> Text {
        match self {
            Self::Tabs => t!("yaml-tabs"),
            Self::TooDeep => t!("yaml-too-deep"),
            Self::Unclosed(bracket) => t!("yaml-unclosed", bracket = bracket.to_string()),
            Self::Indentation => t!("yaml-indentation"),
            Self::Quote => t!("yaml-quote"),
            Self::Colon => t!("yaml-colon"),
            Self::ColonSpace => t!("yaml-colon-space"),
            Self::Escape => t!("yaml-escape"),
            Self::Comment => t!("yaml-comment"),
            Self::Marker => t!("yaml-marker"),
            Self::NoValue => t!("yaml-no-value"),
            Self::Other => t!("yaml-invalid"),
        }
    }

    /// What to write under the caret.
    fn label(self) -> Text {
        match self {
            Self::Tabs => t!("yaml-tabs-label"),
            Self::Unclosed(']' | '[') => t!("yaml-expected-comma-or", bracket = "]"),
            Self::Unclosed(_) => t!("yaml-expected-comma-or", bracket = "}"),
            Self::Indentation => t!("yaml-indentation-label"),
            Self::Quote => t!("yaml-quote-label"),
            Self::Colon => t!("yaml-colon-label"),
            Self::ColonSpace => t!("yaml-colon-space-label"),
            Self::Escape => t!("yaml-escape-label"),
            Self::Comment => t!("yaml-comment-label"),
            Self::TooDeep | Self::Marker | Self::NoValue | Self::Other => t!("yaml-here"),
        }
    }
}

/// The scanner's message, made to read like ours: plain words in the user's language.
fn syntax_message(info: &str) -> Text {
    Syntax::of(info.trim()).message()
}

/// What to write under the caret for a syntax error.
fn syntax_label(info: &str) -> Text {
    Syntax::of(info.trim()).label()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Node, Vec<Diagnostic>> {
        parse(&Source::new("t.yaml", text))
    }

    #[test]
    fn spans_point_at_keys_and_values() {
        let text = "as_of: 2019-11-15\nfigures:\n  food: {cases: 186}\n";
        let root = parse_str(text).unwrap();
        let Kind::Map(entries) = &root.kind else { panic!("not a map") };
        assert_eq!(entries[0].0.name, "as_of");
        assert_eq!(&text[entries[0].1.span.clone()], "2019-11-15");
        let Kind::Map(groups) = &entries[1].1.kind else { panic!("not a map") };
        let Kind::Map(fields) = &groups[0].1.kind else { panic!("not a map") };
        assert_eq!(&text[fields[0].0.span.clone()], "cases");
        assert_eq!(&text[fields[0].1.span.clone()], "186");
    }

    #[test]
    fn spans_count_bytes_after_chinese_comments() {
        let text = "# 食品\nas_of: 2019-11-15\n";
        let root = parse_str(text).unwrap();
        let Kind::Map(entries) = &root.kind else { panic!("not a map") };
        assert_eq!(&text[entries[0].1.span.clone()], "2019-11-15");
    }

    #[test]
    fn duplicate_keys_and_aliases_are_errors() {
        let errors = parse_str("a: 1\na: 2\n").unwrap_err();
        assert_eq!(errors[0].message(), "duplicate key `a`");
        let errors = parse_str("a: &x 1\nb: *x\n").unwrap_err();
        assert_eq!(errors[0].message(), "aliases are not allowed in a figure file");
    }

    #[test]
    fn deep_nesting_stops_early() {
        let text = "[".repeat(10_000);
        let errors = parse_str(&text).unwrap_err();
        assert_eq!(errors[0].message(), "the file nests too deeply");
    }
}
