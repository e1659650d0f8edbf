//! Markdown events → Typst markup (all escaping lives here), the compiler's `World`,
//! and compile → PDF/A.
//!
//! The generated markup imports the series' `layout.typ` by its path from the project
//! root, so the same file compiles with the `typst` command-line tool given
//! `--root <project>`. The compiler reads only a snapshot of the series' templates
//! (its own folder and `templates/_shared/`): whatever the text of a bulletin says,
//! it cannot reach anything else, and what it read is recorded.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use pulldown_cmark::{Alignment, Event, HeadingLevel, Tag, TagEnd};
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diag::{self, Diagnostic};
use crate::fault;
use crate::figures::Date;
use crate::fonts::{Fonts, Role};
use crate::snapshot::SeriesFiles;

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
    /// The issuing office (PDF metadata).
    pub author: &'a str,
    /// The date the figures are counted up to (PDF metadata).
    pub date: Date,
    /// The region whose typographic conventions the text follows (`cn`, `tw`, `hk`),
    /// from series.yaml's `lang`: it places the punctuation and gives the PDF's
    /// language (`zh-CN`).
    pub region: &'a str,
    /// The published version, if this is one (PDF metadata).
    pub version: Option<u32>,
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
    out.push_str("// Generated by bulletin. Edit the figure file or the template, not this file.\n");
    out.push_str(&format!("#import {}: bulletin\n", string(&format!("/templates/{}/{LAYOUT_FILE}", head.series))));
    if let Some(version) = head.version {
        // Before the layout's own `set document`, which leaves these alone.
        out.push_str(&format!(
            "#set document(description: {}, keywords: ({},))\n",
            string(&format!("第{version}版")),
            string(&format!("version {version}"))
        ));
    }
    out.push_str(&format!(
        "#show: bulletin.with(\n  title: {},\n  author: {},\n  date: datetime(year: {}, month: {}, day: {}),\n  region: {},\n",
        string(head.title),
        string(head.author),
        head.date.year,
        head.date.month,
        head.date.day,
        string(head.region)
    ));
    let accepts = head.accepts;
    // Where the printed title may break: the series' own lines, when the printed
    // title is the series' (a correction notice prints another), or its words.
    let heading = crate::markdown::title(events).unwrap_or_else(|| head.title.to_string());
    let (key, pieces) = if !head.title_lines.is_empty() && head.title_lines.concat() == heading {
        ("title-lines", head.title_lines.to_vec())
    } else {
        ("title-words", title_words(&heading))
    };
    if accepts.has(key) {
        let pieces: Vec<String> = pieces.iter().map(|piece| string(piece)).collect();
        out.push_str(&format!("  {key}: ({},),\n", pieces.join(", ")));
    }
    if !head.fonts.is_empty() && accepts.has("fonts") {
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
    // Charts drawn in the PDF become Typst drawing, the others nothing.
    let drawn;
    let events = if events.iter().any(|e| matches!(e, Event::Start(Tag::CodeBlock(_)))) {
        drawn = crate::chart::drawn(events.to_vec(), "pdf", &|chart| Event::Html(chart.typst(&string).into()));
        drawn.as_slice()
    } else {
        events
    };
    let mut lists: Vec<Option<u64>> = vec![];
    // The text of the code block being read, if any: written whole as one string.
    let mut code: Option<String> = None;
    // The columns' alignments of the table being read, and the column of the next cell.
    let mut table: (&[Alignment], usize) = (&[], 0);
    let mut events = events.iter().peekable();
    while let Some(event) = events.next() {
        match event {
            Event::Start(tag) => match tag {
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
                Tag::List(start) => lists.push(*start),
                Tag::Item => {
                    let indent = "  ".repeat(lists.len().saturating_sub(1));
                    let marker = if matches!(lists.last(), Some(Some(_))) { "+ " } else { "- " };
                    out.push_str(&indent);
                    out.push_str(marker);
                }
                Tag::CodeBlock(_) => code = Some(String::new()),
                // Only what the Markdown says: the number of columns, the header and
                // the alignment a column asks for (`---:`). Widths, rules and faces
                // are the layout's (`show table` in layout.typ).
                Tag::Table(alignments) => {
                    table = (alignments, 0);
                    out.push_str(&format!("#table(\n  columns: {},\n", alignments.len()));
                }
                Tag::TableHead => {
                    table.1 = 0;
                    out.push_str("  table.header(");
                }
                Tag::TableRow => {
                    table.1 = 0;
                    out.push_str("  ");
                }
                Tag::TableCell => {
                    if table.1 > 0 {
                        out.push_str(", ");
                    }
                    match table.0.get(table.1) {
                        Some(Alignment::Left) => out.push_str("table.cell(align: left)["),
                        Some(Alignment::Center) => out.push_str("table.cell(align: center)["),
                        Some(Alignment::Right) => out.push_str("table.cell(align: right)["),
                        Some(Alignment::None) | None => out.push('['),
                    }
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) | TagEnd::Paragraph => out.push_str("\n\n"),
                TagEnd::Strong | TagEnd::Emphasis | TagEnd::Strikethrough | TagEnd::Link => out.push(']'),
                TagEnd::BlockQuote(_) => out.push_str("]\n\n"),
                TagEnd::List(_) => {
                    lists.pop();
                    out.push('\n');
                }
                TagEnd::Item => out.push('\n'),
                TagEnd::CodeBlock => {
                    let text = code.take().unwrap_or_default();
                    out.push_str(&format!("#raw(block: true, {})\n\n", string(&text)));
                }
                TagEnd::Table => out.push_str(")\n\n"),
                // The rule under the header, which the layout styles (`set table.hline`).
                TagEnd::TableHead => out.push_str(", table.hline()),\n"),
                TagEnd::TableRow => out.push_str(",\n"),
                TagEnd::TableCell => {
                    table.1 += 1;
                    out.push(']');
                }
                _ => {}
            },
            Event::Text(text) => match code.as_mut() {
                Some(code) => code.push_str(text),
                // A paragraph never ends with one character alone on its last line:
                // its last two characters (with the marks after them) are kept
                // together, so they go down as one when the last would be alone. The
                // label lets the layout space the pair as it spaces the text.
                None if ends_paragraph(events.clone()) => {
                    let (text, last) = text.split_at(last_two(text));
                    escape_into(&mut out, text);
                    if !last.is_empty() {
                        out.push_str("#box[");
                        escape_into(&mut out, last);
                        out.push_str("]<keep>");
                    }
                }
                None => escape_into(&mut out, text),
            },
            Event::Code(text) => out.push_str(&format!("#raw({})", string(text))),
            // Only a chart's drawing arrives as markup (raw HTML is text by now).
            Event::Html(markup) => out.push_str(markup),
            Event::SoftBreak => out.push('\n'),
            Event::HardBreak => out.push_str("\\\n"),
            Event::Rule => out.push_str("#line(length: 100%)\n\n"),
            _ => {}
        }
    }
    out
}

/// The characters each font role will set, as the layout assigns them: the title
/// (level-1 heading), `heading` (level 2 and a table's header row), `kai` (level 3),
/// `body` (everything else, a table's cells too), `page_number` (`— 1 —`), and
/// `latin` for ASCII letters, digits and marks.
pub fn role_text(events: &[Event<'_>]) -> BTreeMap<&'static str, BTreeSet<char>> {
    let mut roles: BTreeMap<&'static str, BTreeSet<char>> = BTreeMap::new();
    let mut role = "body";
    for event in events {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                role = match level {
                    HeadingLevel::H1 => "title",
                    HeadingLevel::H2 => "heading",
                    HeadingLevel::H3 => "kai",
                    _ => "body",
                };
            }
            Event::Start(Tag::TableHead) => role = "heading",
            Event::End(TagEnd::Heading(_) | TagEnd::TableHead) => role = "body",
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
fn ends_paragraph<'e>(rest: impl Iterator<Item = &'e Event<'e>>) -> bool {
    let mut rest = rest.skip_while(|e| {
        matches!(e, Event::End(TagEnd::Strong | TagEnd::Emphasis | TagEnd::Strikethrough | TagEnd::Link))
    });
    matches!(rest.next(), Some(Event::End(TagEnd::Paragraph)))
}

/// Where a paragraph's last two Chinese characters start in its last text, or its
/// end when it has fewer than two.
fn last_two(text: &str) -> usize {
    let han = |c: char| matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}');
    text.char_indices().rev().filter(|&(_, c)| han(c)).nth(1).map_or(text.len(), |(at, _)| at)
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

/// What every compile shares: the standard library and the fonts.
pub struct Compiler {
    library: LazyHash<Library>,
    fonts: Arc<Fonts>,
}

impl Compiler {
    /// A compiler using `fonts`.
    pub fn new(fonts: Arc<Fonts>) -> Self {
        Self { library: LazyHash::new(Library::builder().build()), fonts }
    }

    /// Compiles a generated document (`shown` is its path under the project, used for
    /// its id, its PDF identifier and in diagnostics) to PDF/A-2a, or 3a when the
    /// document carries attachments, and PDF/UA-1. The compiler reads only `files`, a snapshot of
    /// the series' templates, and reports which of them it read.
    pub fn pdf(
        &self,
        files: &SeriesFiles,
        shown: &Path,
        markup: String,
        date: Date,
        archival: Archival,
    ) -> diag::Result<Typeset> {
        fault::point("compile").map_err(|err| vec![Diagnostic::error(format!("typst: {err}"))])?;
        let path = shown.to_string_lossy().replace('\\', "/");
        let vpath = VirtualPath::new(format!("/{path}"))
            .map_err(|err| vec![Diagnostic::error(format!("cannot compile `{path}`: {err:?}"))])?;
        let id = RootedPath::new(VirtualRoot::Project, vpath).intern();
        let world = BulletinWorld {
            compiler: self,
            files,
            main: Source::new(id, markup),
            sources: Mutex::default(),
            read: Mutex::default(),
        };
        let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
        let document = output.map_err(|errors| world.diagnostics(&errors))?;
        let warnings = world.diagnostics(&warnings);
        let timestamp = Datetime::from_ymd(i32::from(date.year), date.month, date.day).map(Timestamp::new_utc);
        let standard = match archival {
            Archival::A2a => PdfStandard::A_2a,
            Archival::A3a => PdfStandard::A_3a,
        };
        let standards = PdfStandards::new(&[standard, PdfStandard::Ua_1])
            .map_err(|err| vec![Diagnostic::error(format!("pdf standard: {}", err.message()))])?;
        let options = PdfOptions {
            // A fixed identifier and timestamp make the same inputs give the same bytes.
            ident: Smart::Custom(path.clone()),
            timestamp,
            standards,
            ..PdfOptions::default()
        };
        let pdf = typst_pdf::pdf(&document, &options).map_err(|errors| world.diagnostics(&errors))?;
        let read = world.read.into_inner().unwrap_or_else(PoisonError::into_inner);
        Ok(Typeset { pdf, fonts: fonts_used(&document), warnings, read })
    }
}

/// Drops what recent compiles did not reuse from Typst's memo cache. Typst memoizes
/// across compiles (layouts, shaping, the layout module): what every bulletin shares
/// stays, and a long build's memory stays flat instead of growing with each file.
pub fn evict() {
    typst::comemo::evict(4);
}

/// Which PDF/A part to conform to; each is also PDF/UA-1 (accessible: tagged, its
/// title shown by viewers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Archival {
    /// PDF/A-2a: the built bulletins.
    A2a,
    /// PDF/A-3a: published versions, which carry their figure file and manifest.
    A3a,
}

/// A compiled PDF and the fonts its text is set in.
pub struct Typeset {
    /// The PDF file.
    pub pdf: Vec<u8>,
    /// Every font used, in the order first used.
    pub fonts: Vec<Font>,
    /// The compiler's warnings (an unknown font family, say).
    pub warnings: Vec<Diagnostic>,
    /// The template files the compiler read, by path from the project root.
    pub read: BTreeSet<String>,
}

/// The fonts a document's text uses, each once, in the order first used.
fn fonts_used(document: &PagedDocument) -> Vec<Font> {
    fn walk(frame: &typst::layout::Frame, fonts: &mut Vec<Font>) {
        for (_, item) in frame.items() {
            match item {
                typst::layout::FrameItem::Group(group) => walk(&group.frame, fonts),
                typst::layout::FrameItem::Text(text) if !fonts.contains(text.font.font()) => {
                    fonts.push(text.font.font().clone());
                }
                _ => {}
            }
        }
    }
    let mut fonts = vec![];
    for page in document.pages() {
        walk(&page.frame, &mut fonts);
    }
    fonts
}

/// One document being compiled.
struct BulletinWorld<'a> {
    compiler: &'a Compiler,
    files: &'a SeriesFiles,
    main: Source,
    sources: Mutex<HashMap<FileId, FileResult<Source>>>,
    /// The snapshot's files this compile asked for.
    read: Mutex<BTreeSet<String>>,
}

impl BulletinWorld<'_> {
    /// A file of the snapshot; only `templates/` is there, so nothing else of the
    /// project, and nothing outside it, can be read.
    fn read(&self, id: FileId) -> FileResult<Bytes> {
        let rooted = id.get();
        let path = rooted.vpath().get_without_slash();
        if !matches!(rooted.root(), VirtualRoot::Project) || !path.starts_with("templates/") {
            return Err(FileError::AccessDenied);
        }
        self.read.lock().unwrap_or_else(PoisonError::into_inner).insert(path.to_string());
        self.files.get(path).cloned().ok_or_else(|| FileError::NotFound(PathBuf::from(path)))
    }
}

impl World for BulletinWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.compiler.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.compiler.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let mut sources = self.sources.lock().unwrap_or_else(PoisonError::into_inner);
        sources
            .entry(id)
            .or_insert_with(|| {
                let bytes = self.read(id)?;
                let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
                Ok(Source::new(id, text.to_string()))
            })
            .clone()
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        self.read(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.compiler.fonts.font(index)
    }

    fn today(&self, _: Option<Duration>) -> Option<Datetime> {
        // A bulletin is dated by its figures, never by the day it was built.
        None
    }
}

impl BulletinWorld<'_> {
    /// Typst's diagnostics as ours, pointing into the generated file or the layout.
    fn diagnostics(&self, errors: &[SourceDiagnostic]) -> Vec<Diagnostic> {
        errors
            .iter()
            .map(|error| {
                let message = format!("typst: {}", error.message);
                let mut diagnostic = match error.severity {
                    Severity::Error => Diagnostic::error(message),
                    Severity::Warning => Diagnostic::warning(message),
                };
                let located = error.span.id().and_then(|id| Some((id, self.source(id).ok()?, self.range(error.span)?)));
                if let Some((id, source, range)) = located {
                    let shown = id.get().vpath().get_without_slash().to_string();
                    diagnostic = diagnostic.at(&diag::Source::new(shown, source.text()), range, "here");
                }
                for hint in &error.hints {
                    diagnostic = diagnostic.note(format!("hint: {}", hint.v));
                }
                diagnostic
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use proptest::prelude::Strategy;

    use super::*;

    #[test]
    fn escapes_every_markup_character() {
        let mut out = String::new();
        escape_into(&mut out, "#read(\"/etc/passwd\") $x$ <l> @r // c /* d */ \\ *b* _e_ `r` = - + 1. 互聯網+");
        assert_eq!(
            out,
            "\\#read\\(\\\"\\/etc\\/passwd\\\"\\) \\$x\\$ \\<l\\> \\@r \\/\\/ c \\/\\* d \\*\\/ \\\\ \\*b\\* \\_e\\_ \\`r\\` \\= \\- \\+ 1\\. 互聯網\\+"
        );
    }

    /// The fonts of the tests: links to the Noto CJK faces Debian's `fonts-noto-cjk`
    /// installs, and nothing else, so another installed font changes no result.
    static TEST_FONTS: LazyLock<tempfile::TempDir> = LazyLock::new(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        for name in ["NotoSerifCJK-Regular.ttc", "NotoSerifCJK-Bold.ttc", "NotoSansCJK-Regular.ttc"] {
            let file = Path::new("/usr/share/fonts/opentype/noto").join(name);
            std::os::unix::fs::symlink(file, dir.path().join(name)).expect("link");
        }
        dir
    });

    /// A compiler over the test fonts, shared by the tests as the binary shares one
    /// per process.
    static COMPILER: LazyLock<Compiler> = LazyLock::new(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        Compiler::new(Arc::new(Fonts::discover(&root.join("fonts"), &[TEST_FONTS.path().to_path_buf()], false)))
    });

    /// The shipped series' templates.
    static FILES: LazyLock<SeriesFiles> = LazyLock::new(|| {
        let project = crate::project::Project { root: PathBuf::from(env!("CARGO_MANIFEST_DIR")) };
        SeriesFiles::read(&project, "shiyaohuan").unwrap_or_else(|errors| panic!("{}", errors[0]))
    });

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
    fn noto(role: &str) -> Role {
        Role { role: role.to_string(), families: vec!["Noto Serif CJK TC".to_string()], weight: None, bold: true }
    }

    const HEAD: Head<'static> = Head {
        series: "shiyaohuan",
        title_lines: &[],
        title: "測試",
        author: "測試",
        date: Date { year: 2019, month: 11, day: 15 },
        region: "tw",
        version: None,
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

    /// Markdown → Typst → PDF → text, as pdftotext reads it back.
    fn round_trip(markdown: &str) -> Result<String, String> {
        let events = crate::markdown::events(markdown);
        let markup = markup(&HEAD, &events);
        let pdf = COMPILER
            .pdf(&FILES, Path::new("out/test/round-trip.typ"), markup, HEAD.date, Archival::A2a)
            .map(|typeset| typeset.pdf)
            .map_err(|errors| errors.iter().map(ToString::to_string).collect::<String>())?;
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let path = dir.path().join("t.pdf");
        std::fs::write(&path, &pdf).map_err(|e| e.to_string())?;
        let output = std::process::Command::new("pdftotext")
            .args(["-raw", "-enc", "UTF-8"])
            .arg(&path)
            .arg("-")
            .output()
            .map_err(|e| format!("pdftotext: {e}"))?;
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// The text without white space (pdftotext breaks lines where the page does) and
    /// without the layout's page number, `— 1 —`.
    fn squeeze(text: &str) -> String {
        let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        text.strip_suffix("—1—").map(str::to_string).unwrap_or(text)
    }

    /// Text fragments that mean something to Typst or Markdown.
    const HOSTILE: &[&str] = &[
        "#read(\"/etc/passwd\")",
        "#import \"/etc/x.typ\": *",
        "$x^2$",
        "<label>",
        "@ref",
        "// comment",
        "/* block */",
        "\\",
        "\\u{41}",
        "#{1 + 1}",
        "#set text(red)",
        "*strong* _emph_ `raw`",
        "**bold**",
        "[link](https://example.org)",
        "# heading",
        "- item",
        "+ item",
        "1. item",
        "/ term: x",
        "= heading",
        "```rust",
        "---",
        "...",
        "~",
        "'quote' \"quote\"",
        "&amp; &lt;",
        "<b>html</b>",
        "]",
        "[",
        "}",
        "互聯網+",
        "19.8%",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Whatever a template or figure puts in the text, the PDF shows exactly that
        /// text: no character acts as Typst markup.
        #[test]
        fn text_reaches_the_pdf_verbatim(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(HOSTILE).prop_map(str::to_string),
                    "[!-~]{1,6}",
                    "[一-龥，。、“”（）]{1,6}",
                    proptest::strategy::Just(" ".to_string()),
                ],
                1..12,
            )
        ) {
            let text = parts.concat();
            let text = text.trim();
            proptest::prop_assume!(!text.is_empty());
            let extracted = round_trip(&format!("{}\n", crate::markdown::escape(text)));
            proptest::prop_assert_eq!(extracted.map(|t| squeeze(&t)), Ok(squeeze(text)));
        }
    }

    #[test]
    fn every_ascii_mark_survives() {
        let text: String = (b'!'..=b'~').map(char::from).filter(char::is_ascii_punctuation).collect();
        let extracted = round_trip(&format!("{}\n", crate::markdown::escape(&text))).unwrap();
        assert_eq!(squeeze(&extracted), text);
        assert!(extracted.contains("—"), "the page number is there to be stripped");
    }

    #[test]
    fn the_compiler_reads_nothing_outside_templates() {
        let compile = |source: &str| {
            // A title, which an accessible PDF (PDF/UA-1) must have.
            let markup = format!("#set document(title: \"t\")\n#set text(lang: \"zh\")\n{source}\n");
            COMPILER.pdf(&FILES, Path::new("out/test/access.typ"), markup, HEAD.date, Archival::A2a).map(|_| ())
        };
        for path in
            ["/etc/passwd", "../../../../etc/passwd", "/data/shiyaohuan/2019-11-15.yaml", "/Cargo.toml", "/out/x"]
        {
            let errors = compile(&format!("#read(\"{path}\")")).unwrap_err();
            let message = errors[0].to_string();
            assert!(
                message.starts_with("error: typst: failed to load file (access denied)")
                    || message.starts_with("error: typst: cannot access file system from here")
                    || message.contains("would escape the project root"),
                "{path}: {message}"
            );
        }
        assert!(compile("#read(\"/templates/shiyaohuan/series.yaml\")").is_ok());
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
        let accepts = Accepts::of(include_str!("../templates/shiyaohuan/layout.typ"));
        let head = Head { version: Some(2), attachments: &attachments, fonts: &fonts, accepts: &accepts, ..HEAD };
        insta::assert_snapshot!(markup(&head, &crate::markdown::events(crate::markdown::tests::SAMPLE)));
    }

    #[test]
    fn every_construct_compiles() {
        let roles = ["title", "body", "heading", "kai", "page_number", "latin"];
        let fonts: Vec<Role> = roles.iter().map(|role| noto(role)).collect();
        let head = Head { fonts: &fonts, ..HEAD };
        let markup = markup(&head, &crate::markdown::events(crate::markdown::tests::SAMPLE));
        let typeset = COMPILER.pdf(&FILES, Path::new("out/test/sample.typ"), markup, HEAD.date, Archival::A2a);
        let typeset =
            typeset.unwrap_or_else(|errors| panic!("{}", errors.iter().map(ToString::to_string).collect::<String>()));
        let warnings: Vec<String> = typeset.warnings.iter().map(ToString::to_string).collect();
        assert!(warnings.is_empty(), "{}", warnings.concat());
        assert!(typeset.pdf.starts_with(b"%PDF-"));
    }

    /// A Markdown table with every alignment and text that means something to Typst.
    const TABLE: &str = "| 地區 | 案件數 | 說明 |\n|---|---:|:-:|\n| #甲 | 1,520 | a * b $x$ |\n| 乙]、[ | 85 |\n";

    #[test]
    fn tables_become_typst_tables() {
        let markup = markup(&HEAD, &crate::markdown::events(TABLE));
        let (_, body) = markup.split_once(")\n\n").expect("the head");
        assert_eq!(
            body,
            "#table(\n  columns: 3,\n  \
             table.header([地區], table.cell(align: right)[案件數], table.cell(align: center)[說明], table.hline()),\n  \
             [\\#甲], table.cell(align: right)[1\\,520], table.cell(align: center)[a \\* b \\$x\\$],\n  \
             [乙\\]、\\[], table.cell(align: right)[85], table.cell(align: center)[],\n\
             )\n\n"
        );
    }

    #[test]
    fn tables_compile_and_read_back_in_order() {
        let roles = ["title", "body", "heading", "kai", "page_number", "latin"];
        let fonts: Vec<Role> = roles.iter().map(|role| noto(role)).collect();
        let head = Head { fonts: &fonts, ..HEAD };
        let markdown = format!("段落。\n\n{TABLE}\n表後。\n");
        let markup = markup(&head, &crate::markdown::events(&markdown));
        let typeset = COMPILER.pdf(&FILES, Path::new("out/test/table.typ"), markup, HEAD.date, Archival::A2a);
        let typeset =
            typeset.unwrap_or_else(|errors| panic!("{}", errors.iter().map(ToString::to_string).collect::<String>()));
        let warnings: Vec<String> = typeset.warnings.iter().map(ToString::to_string).collect();
        assert!(warnings.is_empty(), "{}", warnings.concat());
        let text = squeeze(&round_trip(&markdown).expect("compiles"));
        assert_eq!(text, "段落。地區案件數說明#甲1,520a*b$x$乙]、[85表後。");
    }

    #[test]
    fn role_text_sets_a_tables_header_in_the_heading_face() {
        let roles = role_text(&crate::markdown::events(TABLE));
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
