//! Markdown events → a Word file (`.docx`) laid out after GB/T 9704 as Word users
//! set it: A4, the text block 22 lines of 28 characters on a grid of lines, named styles
//! that staff restyle in Word or WPS, and the same bytes for the same inputs.
//!
//! The document is built with `docx-rs`; its package is zipped here rather than by
//! the crate, so that the parts go in one fixed order with fixed times whatever
//! features `zip` is built with, and so that the parts the crate writes without our
//! values (the document properties, the font table) carry them.

use std::io::{Cursor, Write};
use std::sync::LazyLock;

use docx_rs::{
    AbstractNumbering, AlignmentType, BorderType, BreakType, BuildXML, DocGrid, DocGridType, Docx, FieldCharType,
    Footer, Header, HeightRule, IndentLevel, InstrPAGE, InstrText, Level, LevelJc, LevelOverride, LevelText,
    LineSpacing, LineSpacingType, NumberFormat, Numbering, NumberingId, PageMargin, PageOrientationType, PageSize,
    Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, SectionProperty,
    SpecialIndentType, Start, Style, StyleType, Table, TableBorder, TableBorderPosition, TableBorders, TableCell,
    TableCellBorder, TableCellBorderPosition, TableCellBorders, TableCellMargins, TableLayoutType,
    TablePositionProperty, TableRow, TextDirectionType, VAlignType, VMergeType, WidthType, create_footer_rid,
    create_header_rid,
};
use indexmap::IndexMap;
use pulldown_cmark::{Alignment, Event, HeadingLevel, Tag, TagEnd};
use tera::{Context, Tera, Value};

use crate::core::date::Date;
use crate::core::markdown::escape_xml;
use crate::core::schema::Face;
use crate::core::table::{Place, Shape, Step, Walker};
use crate::core::time::Moment;
use crate::diag::{self, Diagnostic};
use crate::i18n::t;
use crate::render::breaks;
use crate::render::builtin::{Escape, built_in, render_built_in};
use crate::render::signature::{self, Signature};

/// What the document says about itself (`docProps/core.xml`) besides its text.
#[derive(Debug, Clone, Copy)]
pub struct Properties<'a> {
    /// The bulletin's title.
    pub title: &'a str,
    /// The issuing office.
    pub author: &'a str,
    /// The date the figures are counted up to: a draft's date, never the day it was
    /// built.
    pub date: Date,
    /// When the document was published: its date (`None` for a draft).
    pub moment: Option<Moment>,
    /// The language of the text (`zh-TW`, `zh-CN`), for Word's proofing and its
    /// East Asian line breaking.
    pub lang: &'a str,
    /// A draft, not a published version: each page says so, above the text block.
    pub draft: bool,
    /// The title's lines, as the PDF's (`breaks::title_lines`: the series' own, or
    /// where its meaning allows, the upper line longer, GB/T 9704); with fewer than
    /// two, the title is broken here the same way, not where Word would find a line
    /// full.
    pub title_lines: &'a [String],
}

/// The events with the title broken into lines where the printed layout breaks it
/// ([`breaks::title_lines`]: between words, the upper line longer), a line break
/// between each; `None` for a title of one line or of anything but text.
/// `lang`: the edition's tag (`zh-TW`), whose region places the PDF's punctuation.
fn title_broken<'a>(events: &[Event<'a>], given: &[String], lang: &str) -> Option<Vec<Event<'a>>> {
    let start = events.iter().position(|e| matches!(e, Event::Start(Tag::Heading { level: HeadingLevel::H1, .. })))?;
    let length = events[start..].iter().position(|e| matches!(e, Event::End(TagEnd::Heading(HeadingLevel::H1))))?;
    let inside = &events[start + 1..start + length];
    let text: String = inside
        .iter()
        .map(|e| if let Event::Text(text) = e { Some(text.as_ref()) } else { None })
        .collect::<Option<_>>()?;
    // The block's width in thousandths of an em of the title's size (twips: 20 to a
    // point, the size in half-points).
    let width = usize::try_from(BLOCK.0).ok()? * 1000 / (TITLE_SIZE * 10);
    let region = lang.rsplit('-').next().unwrap_or_default();
    let lines = breaks::title_lines(&text, given, width, breaks::Marks::of(region));
    if lines.len() < 2 {
        return None;
    }
    let mut broken = events[..=start].to_vec();
    for (i, line) in lines.into_iter().enumerate() {
        if i > 0 {
            broken.push(Event::HardBreak);
        }
        broken.push(Event::Text(line.into()));
    }
    broken.extend_from_slice(&events[start + length..]);
    Some(broken)
}

/// Twentieths of a point in a millimetre as Word's dialogs count it (567 to the
/// centimetre), so a margin reads back as the round figure a user would type.
const fn twips(mm: i32) -> i32 {
    (mm * 567 + 5) / 10
}

/// A4, in twips.
const PAGE: (i32, i32) = (11906, 16838);
/// GB/T 9704: 37 mm at the top, 28 mm at the left, a block 156 × 225 mm.
const TOP: i32 = twips(37);
const LEFT: i32 = twips(28);
const RIGHT: i32 = twips(210 - 28 - 156);
const BOTTOM: i32 = twips(297 - 37 - 225);
const BLOCK: (i32, i32) = (PAGE.0 - LEFT - RIGHT, PAGE.1 - TOP - BOTTOM);
/// 三號 (16 pt), in half-points and in twips.
const BODY_SIZE: usize = 32;
const BODY_TWIPS: i32 = 320;
/// 二號 (22 pt), the title.
const TITLE_SIZE: usize = 44;
/// 四號 (14 pt), the page numbers.
const PAGE_NUMBER_SIZE: usize = 28;
const PAGE_NUMBER_TWIPS: i32 = 280;
/// 22 lines a page, 28 characters a line.
const LINES: i32 = 22;
const PER_LINE: i32 = 28;
/// Baseline to baseline: the most that fits 22 lines in the block.
const PITCH: i32 = BLOCK.1 / LINES;
/// How much each character is drawn closer to the next, in twips, so that 28 of
/// 三號 fill a line and 29 do not (156 mm hold 27.6 characters of 16 pt): the text's
/// own character spacing, which Word, WPS and LibreOffice read alike. The grid's
/// `charSpace` would say the same to Word, but LibreOffice gives a character wider
/// than the grid's pitch two cells, 14 to a line.
const CONDENSED: i32 = BODY_TWIPS - BLOCK.0 / PER_LINE;
/// One cell of the grid, in twips: a paragraph's first line is indented by two.
const CELL: i32 = (BLOCK.0 + PER_LINE / 2) / PER_LINE;
/// The page number's top 7 mm below the block: the footer's lower edge is one
/// number's line further down.
const FOOTER: i32 = BOTTOM - twips(7) - PAGE_NUMBER_TWIPS;
const HEADER: i32 = twips(15);

/// Style ids. Word's built-in names where Word has the style (Word and WPS show
/// them in the user's language: 正文, 標題 1), so the navigation pane and a table of
/// contents find the headings.
const BODY: &str = "Normal";
const TITLE: &str = "Title";
const HEADINGS: [&str; 3] = ["Heading1", "Heading2", "Heading3"];
const LEAD: &str = "LeadSentence";
const NOTE: &str = "Note";
const NOTE_HEADING: &str = "NoteHeading";
const TABLE_HEADING: &str = "TableHeading";
const TABLE_TEXT: &str = "TableText";
const LIST: &str = "ListParagraph";
const CODE: &str = "Code";
const SIGNATURE: &str = "Signature";
const FOOTER_STYLE: &str = "Footer";

/// The abstract numbering of bullet lists and of numbered ones (docx-rs writes its
/// own as 1).
const BULLETS: usize = 2;
const NUMBERS: usize = 3;

/// Markdown events → the bytes of a `.docx`. `fonts` are the edition's font roles
/// as series.yaml lists them: each role is named by its first family, the office's
/// own font, as a Word user would pick it.
pub fn document(
    properties: &Properties<'_>,
    fonts: &IndexMap<String, Vec<Face>>,
    events: &[Event<'_>],
) -> diag::Result<Vec<u8>> {
    let faces = Faces::new(fonts);
    let broken = title_broken(events, properties.title_lines, properties.lang);
    let Writer { blocks, numberings, mut ids, .. } = written(broken.as_deref().unwrap_or(events));
    let mut docx = Docx::new()
        .page_size(PAGE.0.unsigned_abs(), PAGE.1.unsigned_abs())
        .page_margin(upright_margins())
        .default_fonts(faces.fonts("body"))
        .default_size(BODY_SIZE)
        // Odd pages at the right, even pages at the left, one character in.
        .footer(page_number(AlignmentType::Right, &mut ids))
        .even_footer(page_number(AlignmentType::Left, &mut ids));
    if properties.draft {
        // A draft says so on every page, above the text block.
        docx = docx.header(draft_mark(&mut ids)).even_header(draft_mark(&mut ids));
    }
    // A grid of lines only: 22 to a page, as Word's page set-up shows it; the 28
    // characters of a line come from the text's spacing (`CONDENSED`).
    docx.document =
        docx.document.doc_grid(DocGrid::new().grid_type(DocGridType::Lines).line_pitch(PITCH.unsigned_abs() as usize));
    for style in styles(&faces) {
        docx = docx.add_style(style);
    }
    docx = docx.add_abstract_numbering(list_levels(BULLETS, true)).add_abstract_numbering(list_levels(NUMBERS, false));
    for numbering in numberings {
        docx = docx.add_numbering(numbering);
    }
    let (docx, turned_footers) = with_blocks(docx, blocks, properties.draft, &mut ids);
    let mut xml = docx.build();
    xml.footers.extend(turned_footers.iter().map(BuildXML::build));
    xml.document = repeated_headers(&xml.document);
    let failed = |err: String| vec![Diagnostic::error(t!("docx-cannot-write", reason = err))];
    xml.styles = restyle(&xml.styles, properties.lang).map_err(failed)?;
    xml.doc_props.core = core(properties).into_bytes();
    xml.font_table = font_table(fonts).into_bytes();
    xml.settings = settings(properties.lang).into_bytes();
    package(xml, properties.date).map_err(|err| failed(err.to_string()))
}

/// GB/T 9704's margins of an upright page.
fn upright_margins() -> PageMargin {
    PageMargin { top: TOP, left: LEFT, bottom: BOTTOM, right: RIGHT, header: HEADER, footer: FOOTER, gutter: 0 }
}

/// The blocks added to the document, and the footers of its turned pages. A turned
/// table is a landscape section of its own (GB/T 9704 10: the page as the upright
/// ones turned a quarter, the table's head at the left of the sheet held upright):
/// an empty paragraph before it ends the upright section (with the document's page,
/// grid, footers and a draft's mark), one after it ends its own. Its footers are new
/// parts, numbered after the document's two.
fn with_blocks(mut docx: Docx, blocks: Vec<Block>, draft: bool, ids: &mut Ids) -> (Docx, Vec<Footer>) {
    let mut footers = vec![];
    for block in blocks {
        docx = match block {
            Block::Paragraph(paragraph) => docx.add_paragraph(*paragraph),
            Block::Table(table) => docx.add_table(*table),
            Block::Turned(table) => {
                let upright = SectionProperty::new()
                    .page_size(PageSize::new().size(PAGE.0.unsigned_abs(), PAGE.1.unsigned_abs()))
                    .page_margin(upright_margins())
                    .doc_grid(DocGrid::new().grid_type(DocGridType::Lines).line_pitch(PITCH.unsigned_abs() as usize));
                docx = docx.add_paragraph(ids.paragraph().section_property(with_marks(upright, draft, 1)));
                docx = docx.add_table(*table);
                let first = docx.document_rels.footer_count + 1;
                for side in [AlignmentType::Right, AlignmentType::Left] {
                    footers.push(turned_page_number(side, ids));
                    docx.document_rels.footer_count += 1;
                    docx.content_type = docx.content_type.add_footer();
                }
                let turned = SectionProperty::new()
                    .page_size(PageSize::new().size(PAGE.1.unsigned_abs(), PAGE.0.unsigned_abs()))
                    .page_orient(PageOrientationType::Landscape)
                    .page_margin(turned_margins());
                docx.add_paragraph(ids.paragraph().section_property(with_marks(turned, draft, first)))
            }
        };
    }
    (docx, footers)
}

/// A section's footers, `rIdFooter{first}` on odd pages and the next on even ones
/// (the document's are 1 and 2), and a draft's mark (the document's headers).
fn with_marks(section: SectionProperty, draft: bool, first: usize) -> SectionProperty {
    let section = section
        .footer(Footer::new(), &create_footer_rid(first))
        .even_footer(Footer::new(), &create_footer_rid(first + 1));
    if draft {
        section.header(Header::new(), &create_header_rid(1)).even_header(Header::new(), &create_header_rid(2))
    } else {
        section
    }
}

/// The margins of a turned page: the upright page's turned with it, its top margin at
/// the right and its left at the top.
fn turned_margins() -> PageMargin {
    PageMargin { top: LEFT, left: BOTTOM, bottom: RIGHT, right: TOP, header: HEADER, footer: FOOTER, gutter: 0 }
}

/// A turned page's number, `— N —`: in a box of one cell left of the block, whose
/// text runs down the page (`tbRl`), its top 7 mm from the block as on an upright
/// page, at the end of the line (the sheet's right) on an odd page, one character
/// in, and at its start on an even one.
fn turned_page_number(side: AlignmentType, ids: &mut Ids) -> Footer {
    let line = PAGE_NUMBER_TWIPS * 3 / 2;
    let inset = Some(PAGE_NUMBER_TWIPS);
    let (start, end) = if matches!(side, AlignmentType::Left) { (inset, None) } else { (None, inset) };
    let paragraph = numbered(ids.paragraph().style(FOOTER_STYLE).align(side).indent(start, None, end, None));
    let cell = TableCell::new().add_paragraph(paragraph).text_direction(TextDirectionType::TbRl);
    let row = TableRow::new(vec![cell]).row_height(BLOCK.0 as f32).height_rule(HeightRule::Exact);
    let place = TablePositionProperty::new()
        .horizontal_anchor("page")
        .vertical_anchor("page")
        .position_x(BOTTOM - twips(7) - line)
        .position_y(LEFT);
    let width = line.unsigned_abs() as usize;
    let table = Table::without_borders(vec![row])
        .position(place)
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
        .set_grid(vec![width])
        .width(width, WidthType::Dxa)
        .layout(TableLayoutType::Fixed);
    Footer::new().add_table(table).add_paragraph(ids.paragraph().style(FOOTER_STYLE))
}

/// The body's blocks and lists, written from the Markdown events.
fn written(events: &[Event<'_>]) -> Writer {
    let mut writer = Writer::default();
    // A Word file carries no chart: its blocks are left out.
    let no_chart = |_: &crate::render::chart::Chart| Event::SoftBreak;
    let events = crate::render::chart::drawn(events.to_vec(), "docx", &no_chart);
    // A signature arrives as its own block (raw HTML is text by now), set by the writer.
    let events = signature::drawn(events, &|signature| Event::Html(signature.block().into()));
    writer.tables = Walker::new(&events);
    for event in &events {
        writer.event(event);
    }
    writer
}

/// The East Asian face and the Latin face of each role.
struct Faces<'a> {
    roles: &'a IndexMap<String, Vec<Face>>,
    latin: &'a str,
}

impl<'a> Faces<'a> {
    fn new(roles: &'a IndexMap<String, Vec<Face>>) -> Self {
        Self { roles, latin: first(roles, "latin").unwrap_or("Times New Roman") }
    }

    /// A role's fonts: its own face for Chinese (and for the marks Chinese and
    /// Latin text share, such as “ ”), the Latin role's for ASCII.
    fn fonts(&self, role: &str) -> RunFonts {
        let east = first(self.roles, role).or_else(|| first(self.roles, "body")).unwrap_or(self.latin);
        RunFonts::new().east_asia(east).ascii(self.latin).hi_ansi(self.latin).cs(self.latin).hint("eastAsia")
    }
}

/// The first family a role lists.
fn first<'a>(roles: &'a IndexMap<String, Vec<Face>>, role: &str) -> Option<&'a str> {
    roles.get(role).and_then(|families| families.first()).map(|face| face.family.as_str())
}

/// A line of the grid: exactly one pitch, whatever the face's own line height, so
/// every page holds 22 lines.
fn exact(twips: i32) -> LineSpacing {
    LineSpacing::new().line_rule(LineSpacingType::Exact).line(twips).before(0).after(0)
}

/// The named styles: the body (Normal) and the title, the heading levels, the lead
/// sentence of a paragraph (`**一是……。**`), the correction note, tables, lists,
/// code and the page number.
fn styles(faces: &Faces<'_>) -> Vec<Style> {
    let indented = |style: Style| style.indent(Some(0), Some(SpecialIndentType::FirstLine(2 * CELL)), None, None);
    let mut body = indented(
        paragraph(BODY, "Normal")
            .fonts(faces.fonts("body"))
            .size(BODY_SIZE)
            .align(AlignmentType::Both)
            .line_spacing(exact(PITCH)),
    );
    // Every page is filled to 22 lines, as the printed bulletin is.
    body.paragraph_property = body.paragraph_property.widow_control(false);
    body.run_property = body.run_property.spacing(-CONDENSED);
    let heading = |id: &str, name: &str, role: &str, level: usize| {
        let mut style = paragraph(id, name).based_on(BODY).next(BODY).fonts(faces.fonts(role)).outline_lvl(level);
        style.paragraph_property = style.paragraph_property.keep_next(true);
        style
    };
    let mut title = flush(
        paragraph(TITLE, "Title")
            .based_on(BODY)
            .next(BODY)
            .fonts(faces.fonts("title"))
            .size(TITLE_SIZE)
            .align(AlignmentType::Center)
            // One blank line of the grid between the title and the body.
            .line_spacing(exact(PITCH).after(PITCH.unsigned_abs()))
            // Its lines one pitch apart: LibreOffice would give a line of 二號,
            // taller than the grid's pitch, two of the grid's lines.
            .snap_to_grid(false),
    );
    title.paragraph_property = title.paragraph_property.keep_next(true);
    vec![
        body,
        title,
        heading(HEADINGS[0], "heading 1", "heading", 0),
        heading(HEADINGS[1], "heading 2", "kai", 1),
        heading(HEADINGS[2], "heading 3", "body", 2),
        Style::new(LEAD, StyleType::Character).name("Lead Sentence").bold(),
        ruled(paragraph(NOTE, "Correction Note").based_on(BODY).next(NOTE)),
        ruled(heading(NOTE_HEADING, "Correction Note Heading", "heading", 0).next(NOTE)),
        flush(paragraph(TABLE_TEXT, "Table Text").based_on(BODY).align(AlignmentType::Left)),
        flush(paragraph(TABLE_HEADING, "Table Heading").based_on(TABLE_TEXT).fonts(faces.fonts("heading"))),
        paragraph(LIST, "List Paragraph").based_on(BODY),
        flush(paragraph(SIGNATURE, "Signature").based_on(BODY).align(AlignmentType::Right)),
        flush(paragraph(CODE, "Code").based_on(BODY).align(AlignmentType::Left).fonts(faces.fonts("latin"))),
        flush(
            paragraph(FOOTER_STYLE, "footer")
                .based_on(BODY)
                .fonts(faces.fonts("page_number"))
                .size(PAGE_NUMBER_SIZE)
                .line_spacing(exact(PAGE_NUMBER_TWIPS)),
        ),
    ]
}

/// A paragraph style.
fn paragraph(id: &str, name: &str) -> Style {
    Style::new(id, StyleType::Paragraph).name(name)
}

/// A style whose first line is not indented.
fn flush(style: Style) -> Style {
    style.indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
}

/// A style ruled all round (the correction note).
fn ruled(mut style: Style) -> Style {
    let border = |position| ParagraphBorder::new(position).val(BorderType::Single).size(5).space(4);
    style.paragraph_property = style.paragraph_property.set_borders(
        ParagraphBorders::with_empty()
            .set(border(ParagraphBorderPosition::Top))
            .set(border(ParagraphBorderPosition::Left))
            .set(border(ParagraphBorderPosition::Bottom))
            .set(border(ParagraphBorderPosition::Right)),
    );
    style
}

/// A footer with the page number, `— N —`, on one side, one character in.
fn page_number(side: AlignmentType, ids: &mut Ids) -> Footer {
    let inset = Some(PAGE_NUMBER_TWIPS);
    let (left, right) = if matches!(side, AlignmentType::Left) { (inset, None) } else { (None, inset) };
    Footer::new()
        .add_paragraph(numbered(ids.paragraph().style(FOOTER_STYLE).align(side).indent(left, None, right, None)))
}

/// A paragraph with the page's number, `— N —`.
fn numbered(paragraph: Paragraph) -> Paragraph {
    let number = Run::new()
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false);
    paragraph.add_run(Run::new().add_text("— ")).add_run(number).add_run(Run::new().add_text(" —"))
}

/// The mark of a draft, 草稿, at the right of the header, outside the text block.
fn draft_mark(ids: &mut Ids) -> Header {
    let mark = Run::new().add_text("草稿").bold();
    Header::new().add_paragraph(ids.paragraph().style(FOOTER_STYLE).align(AlignmentType::Right).add_run(mark))
}

/// The levels of a list: a bullet or a number, indented two characters a level.
fn list_levels(id: usize, bullets: bool) -> AbstractNumbering {
    let mut numbering = AbstractNumbering::new(id);
    for level in 0..9 {
        let (format, text) =
            if bullets { ("bullet", "•".to_string()) } else { ("decimal", format!("%{}.", level + 1)) };
        let indent = (level as i32 + 2) * 2 * CELL;
        numbering = numbering.add_level(
            Level::new(level, Start::new(1), NumberFormat::new(format), LevelText::new(text), LevelJc::new("left"))
                .indent(Some(indent), Some(SpecialIndentType::Hanging(2 * CELL)), None, None),
        );
    }
    numbering
}

/// A block of the body.
enum Block {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
    /// A table on a landscape page of its own.
    Turned(Box<Table>),
}

/// Paragraph ids (`w14:paraId`), numbered from 1 in each document: docx-rs would
/// take them from a counter per thread, which a second document on the same thread
/// continues.
#[derive(Default)]
struct Ids(u32);

impl Ids {
    fn paragraph(&mut self) -> Paragraph {
        self.0 += 1;
        Paragraph::new().id(format!("{:08X}", self.0))
    }
}

/// A table being read.
#[derive(Default)]
struct TableState {
    alignments: Vec<Alignment>,
    header_rows: usize,
    rows: Vec<TableRow>,
    cells: Vec<TableCell>,
    /// The cell being read: whether in the header, its row, its place.
    cell: Option<(bool, usize, Place)>,
    /// The size its text is set in (half-points) and its columns' widths (twips).
    size: usize,
    widths: Vec<usize>,
    /// Set on a landscape page of its own.
    turned: bool,
}

/// The sizes a table is set in, largest first, in half-points: 三號 16 pt, 四號 14 pt,
/// 小四 12 pt, 五號 10.5 pt (as the printed layout's `table-sizes`).
const TABLE_SIZES: [usize; 4] = [32, 28, 24, 21];

/// A cell's margins, left and right, as Word sets them by default (twips).
const CELL_MARGINS: usize = 2 * 108;

/// The size a table is set in and its columns' widths, as the printed layout chooses
/// them (layout.typ, `laid-out`), from the cells' texts: an ideograph is 1 em wide, an
/// ASCII character half of one (Times New Roman's figures). The largest size at which
/// no cell wraps; else the smallest, where each figure keeps its whole width and each
/// cell of text four characters a line (a heading two). A table too wide even so is
/// turned, on a landscape page of its own, and fitted across its 225 mm: the size,
/// the widths, and whether it is turned.
fn fitted(shape: &Shape, alignments: &[Alignment]) -> (usize, Vec<usize>, bool) {
    match fitted_in(shape, alignments, BLOCK.0.unsigned_abs() as usize) {
        (size, widths, true) => (size, widths, false),
        _ => {
            let (size, widths, _) = fitted_in(shape, alignments, BLOCK.1.unsigned_abs() as usize);
            (size, widths, true)
        }
    }
}

/// [`fitted`] in `available` twips: the size, the widths and whether they fit.
fn fitted_in(shape: &Shape, alignments: &[Alignment], available: usize) -> (usize, Vec<usize>, bool) {
    let columns = alignments.len();
    let measured = |size: usize| {
        // Twips: a half-point is 10 twips.
        let width =
            |text: &str| text.chars().map(|c| if c.is_ascii() { 5 } else { 10 }).sum::<usize>() * size + CELL_MARGINS;
        let (mut natural, mut least) = (vec![0; columns], vec![0; columns]);
        let cells = shape.places.iter().zip(&shape.cells);
        for (place, (row, text)) in cells.clone() {
            let Place::Cell { column, columns: 1, .. } = place else { continue };
            let (head, w) = (*row < shape.header_rows, width(text));
            let figure = !head && alignments.get(*column) == Some(&Alignment::Right);
            let wrapped = if figure { w } else { w.min((if head { 2 } else { 4 }) * 10 * size + CELL_MARGINS) };
            natural[*column] = natural[*column].max(w);
            least[*column] = least[*column].max(wrapped);
        }
        for (place, (_, text)) in cells {
            let Place::Cell { column, columns: span @ 2.., .. } = place else { continue };
            let last = (column + span - 1).min(columns - 1);
            let lacking = width(text).saturating_sub(natural[*column..=last].iter().sum());
            natural[last] += lacking;
        }
        (natural, least)
    };
    let size = TABLE_SIZES.into_iter().find(|&size| measured(size).0.iter().sum::<usize>() <= available);
    let size = size.unwrap_or(TABLE_SIZES[TABLE_SIZES.len() - 1]);
    let (natural, least) = measured(size);
    let (total, floor) = (natural.iter().sum::<usize>(), least.iter().sum::<usize>());
    let widths = if total <= available {
        natural.iter().map(|w| w + (available - total) / columns.max(1)).collect()
    } else {
        let spare = available.saturating_sub(floor);
        let wanted = (total - floor).max(1);
        natural.iter().zip(&least).map(|(w, l)| l + (w - l) * spare / wanted).collect()
    };
    (size, widths, floor <= available)
}

/// A drawn cell's place, as much as its end needs.
fn place_of(column: usize, columns: usize) -> Place {
    Place::Cell { column, rows: 1, columns, label: String::new(), pad: String::new() }
}

/// A header cell with the light rule under it.
fn under_header(cell: TableCell) -> TableCell {
    let rule = TableCellBorder::new(TableCellBorderPosition::Bottom).border_type(BorderType::Single).size(6);
    cell.set_borders(TableCellBorders::with_empty().set(rule))
}

/// The document's XML with each header row marked to repeat at the top of every page
/// its table runs onto (`w:tblHeader`, which docx-rs does not write): the rows whose
/// cells are in the header's style, each already kept whole (`w:cantSplit`).
fn repeated_headers(document: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(document);
    let mut out = String::with_capacity(text.len() + 256);
    for (i, row) in text.split("<w:tr>").enumerate() {
        if i > 0 {
            out.push_str("<w:tr>");
        }
        let end = row.find("</w:tr>").unwrap_or(row.len());
        if i > 0 && row[..end].contains(&format!("<w:pStyle w:val=\"{TABLE_HEADING}\" />")) {
            out.push_str(&row.replacen("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />", 1));
        } else {
            out.push_str(row);
        }
    }
    out.into_bytes()
}

/// Walks the events as `typeset::markup` does, building paragraphs and tables.
#[derive(Default)]
struct Writer {
    blocks: Vec<Block>,
    numberings: Vec<Numbering>,
    ids: Ids,
    /// The paragraph being written.
    paragraph: Option<Paragraph>,
    /// Whether it has text yet.
    written: bool,
    /// Open strong, emphasis and strikethrough spans.
    strong: usize,
    emphasis: usize,
    strike: usize,
    /// How deep in block quotes.
    quotes: usize,
    /// Open lists, each with its numbering id.
    lists: Vec<usize>,
    /// The table being read, if any.
    table: Option<TableState>,
    /// The document's tables, header rows and spans applied.
    tables: Walker,
    /// Inside a code block.
    code: bool,
    /// A line break of the source was passed: a space, unless Chinese text meets
    /// on both sides of it.
    soft_break: bool,
    /// The last character written.
    last: Option<char>,
}

impl Writer {
    fn event(&mut self, event: &Event<'_>) {
        match self.tables.step(event) {
            Step::Pass => {}
            Step::Skip => return,
            step => return self.table_step(step),
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(*tag),
            Event::Text(text) if self.code => self.code_text(text),
            Event::Text(text) | Event::Code(text) => self.text(text),
            Event::SoftBreak => self.soft_break = true,
            Event::HardBreak => self.run(Run::new().add_break(BreakType::TextWrapping)),
            Event::Html(block) => {
                if let Some(signature) = block.lines().nth(1).and_then(Signature::parse) {
                    self.signature(&signature);
                }
            }
            Event::Rule => {
                self.finish();
                let rule = ParagraphBorder::new(ParagraphBorderPosition::Bottom).val(BorderType::Single).size(6);
                let mut paragraph = self.ids.paragraph().style(BODY);
                paragraph.property = paragraph.property.set_borders(ParagraphBorders::with_empty().set(rule));
                self.blocks.push(Block::Paragraph(Box::new(paragraph)));
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: &Tag<'_>) {
        match tag {
            Tag::Heading { level, .. } => {
                let style = match (level, self.quotes > 0) {
                    (HeadingLevel::H1, _) => TITLE,
                    (_, true) => NOTE_HEADING,
                    (HeadingLevel::H2, false) => HEADINGS[0],
                    (HeadingLevel::H3, false) => HEADINGS[1],
                    _ => HEADINGS[2],
                };
                self.open(style);
            }
            Tag::Paragraph => {
                // A tight list item's text comes without a paragraph; a loose one's
                // first paragraph is the item's own.
                if self.paragraph.is_some() && !self.written {
                    return;
                }
                let style = if self.quotes > 0 {
                    NOTE
                } else if self.lists.is_empty() {
                    BODY
                } else {
                    LIST
                };
                self.open(style);
            }
            Tag::Strong => self.strong += 1,
            Tag::Emphasis => self.emphasis += 1,
            Tag::Strikethrough => self.strike += 1,
            Tag::BlockQuote(_) => {
                self.finish();
                self.quotes += 1;
            }
            Tag::List(start) => self.list(*start),
            Tag::Item => {
                self.open(LIST);
                let (Some(&id), level) = (self.lists.last(), self.lists.len().saturating_sub(1).min(8)) else { return };
                self.paragraph =
                    self.paragraph.take().map(|p| p.numbering(NumberingId::new(id), IndentLevel::new(level)));
            }
            Tag::CodeBlock(_) => {
                self.open(CODE);
                self.code = true;
            }
            _ => {}
        }
    }

    /// The 落款: a blank line, then the office centred over the day, the day's end four
    /// characters in from the right (widths counted in cells, a Latin character half
    /// of one).
    fn signature(&mut self, signature: &Signature) {
        self.finish();
        let cells = |text: &str| -> i32 { text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum() };
        let (office, date) = (cells(&signature.office), cells(&signature.date));
        // The office moves left by half of what the day is longer (in half cells).
        let inset = |halves: i32| Some((4 * CELL + halves * CELL / 4).max(0));
        self.blocks.push(Block::Paragraph(Box::new(self.ids.paragraph().style(BODY))));
        for (text, right) in [(&signature.office, inset(date - office)), (&signature.date, inset(0))] {
            let paragraph =
                self.ids.paragraph().style(SIGNATURE).align(AlignmentType::Right).indent(None, None, right, None);
            self.blocks.push(Block::Paragraph(Box::new(paragraph.add_run(Run::new().add_text(text)))));
        }
    }

    /// A list opens: a numbering of its own, bullets or numbers from its start.
    fn list(&mut self, start: Option<u64>) {
        self.finish();
        let id = self.numberings.len() + 2;
        let numbering = match start {
            None => Numbering::new(id, BULLETS),
            Some(start) => Numbering::new(id, NUMBERS)
                .add_override(LevelOverride::new(self.lists.len()).start(usize::try_from(start).unwrap_or(1))),
        };
        self.numberings.push(numbering);
        self.lists.push(id);
    }

    /// A table's tag, as [`Walker`] reads it: header rows, spans, each row kept
    /// whole on its page and the header rows repeated on each (`tblHeader`, set on the
    /// written XML by [`repeated_headers`]).
    fn table_step(&mut self, step: Step) {
        match step {
            Step::Table { alignments, header_rows } => {
                self.finish();
                let (size, widths, turned) =
                    self.tables.shape().map_or((BODY_SIZE, vec![], false), |shape| fitted(shape, &alignments));
                self.table =
                    Some(TableState { alignments, header_rows, size, widths, turned, ..TableState::default() });
            }
            Step::Cell { head, row, place: Place::Cell { column, columns, .. } } => {
                let alignment = self.table.as_ref().and_then(|t| t.alignments.get(column).copied());
                self.open(if head { TABLE_HEADING } else { TABLE_TEXT });
                let align = match alignment {
                    _ if head && columns > 1 => Some(AlignmentType::Center),
                    Some(Alignment::Center) => Some(AlignmentType::Center),
                    Some(Alignment::Right) => Some(AlignmentType::Right),
                    _ => None,
                };
                if let Some(align) = align {
                    self.paragraph = self.paragraph.take().map(|p| p.align(align));
                }
                if let Some(table) = &mut self.table {
                    table.cell = Some((head, row, place_of(column, columns)));
                }
            }
            Step::Cell { head, row, place: Place::Covered { continues: Some(continued) } } => {
                // A cell spanning rows, continued: Word merges it with the one above.
                let paragraph = self.ids.paragraph().style(if head { TABLE_HEADING } else { TABLE_TEXT });
                if let Some(table) = &mut self.table {
                    let cell = TableCell::new().add_paragraph(paragraph).vertical_merge(VMergeType::Continue);
                    let cell = if continued.columns > 1 { cell.grid_span(continued.columns) } else { cell };
                    let last = head && row + 1 == table.header_rows;
                    table.cells.push(if last { under_header(cell) } else { cell });
                }
            }
            Step::CellEnd { place: Place::Cell { rows, columns, .. }, .. } => self.cell_end(rows, columns),
            Step::RowEnd { .. } => {
                if let Some(table) = &mut self.table {
                    table.rows.push(TableRow::new(std::mem::take(&mut table.cells)).cant_split());
                }
            }
            Step::TableEnd => self.table_end(),
            _ => {}
        }
    }

    /// A drawn cell ends: its paragraph in a cell spanning its rows and columns.
    fn cell_end(&mut self, rows: usize, columns: usize) {
        let paragraph = self.paragraph.take().unwrap_or_else(|| self.ids.paragraph().style(TABLE_TEXT));
        self.written = false;
        let Some(table) = &mut self.table else { return };
        let (head, row) = table.cell.take().map_or((false, 0), |(head, row, _)| (head, row));
        // Centred between its rules, as the PDF's (a rank over two rows between them).
        let mut cell = TableCell::new().add_paragraph(paragraph).vertical_align(VAlignType::Center);
        if columns > 1 {
            cell = cell.grid_span(columns);
        }
        if rows > 1 {
            cell = cell.vertical_merge(VMergeType::Restart);
        }
        // The rule under the header, across every column, under its last row.
        table.cells.push(if head && row + rows == table.header_rows { under_header(cell) } else { cell });
    }

    fn table_end(&mut self) {
        let Some(table) = self.table.take() else { return };
        let columns = table.alignments.len().max(1);
        let turned = table.turned;
        let width = if turned { BLOCK.1 } else { BLOCK.0 }.unsigned_abs() as usize;
        let grid = if table.widths.len() == columns { table.widths } else { vec![width / columns; columns] };
        // A three-line table, as official documents print them: heavy rules
        // above and below, a light one under the header, no vertical rules.
        let rule = |position| TableBorder::new(position).border_type(BorderType::Single).size(12);
        let borders =
            TableBorders::with_empty().set(rule(TableBorderPosition::Top)).set(rule(TableBorderPosition::Bottom));
        let table = Table::without_borders(table.rows)
            .set_borders(borders)
            .set_grid(grid)
            .width(width, WidthType::Dxa)
            .layout(TableLayoutType::Fixed);
        self.blocks.push(if turned { Block::Turned } else { Block::Table }(Box::new(table)));
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item => self.finish(),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Emphasis => self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            TagEnd::BlockQuote(_) => {
                self.finish();
                self.quotes = self.quotes.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.finish();
                self.lists.pop();
            }
            TagEnd::CodeBlock => {
                self.finish();
                self.code = false;
            }
            _ => {}
        }
    }

    /// Starts a paragraph of a style, ending the one before.
    fn open(&mut self, style: &str) {
        self.finish();
        self.paragraph = Some(self.ids.paragraph().style(style));
    }

    /// Ends the paragraph being written (a table cell's is kept for its cell).
    fn finish(&mut self) {
        if self.table.is_some() {
            return;
        }
        if let Some(paragraph) = self.paragraph.take() {
            self.blocks.push(Block::Paragraph(Box::new(paragraph)));
        }
        self.written = false;
        self.soft_break = false;
        self.last = None;
    }

    fn text(&mut self, text: &str) {
        if std::mem::take(&mut self.soft_break)
            && let (Some(before), Some(after)) = (self.last, text.chars().next())
            && !(wide(before) && wide(after))
        {
            self.run(Run::new().add_text(" "));
        }
        let mut run = Run::new().add_text(text);
        if self.strong > 0 {
            run = run.style(LEAD);
        }
        if self.emphasis > 0 {
            run = run.italic();
        }
        if self.strike > 0 {
            run = run.strike();
        }
        if let Some(table) = self.table.as_ref().filter(|table| table.size != BODY_SIZE) {
            run = run.size(table.size);
        }
        self.run(run);
        self.last = text.chars().next_back().or(self.last);
    }

    /// A code block's text: its lines, broken where the source breaks them.
    fn code_text(&mut self, text: &str) {
        let mut run = Run::new();
        for (i, line) in text.strip_suffix('\n').unwrap_or(text).split('\n').enumerate() {
            if i > 0 {
                run = run.add_break(BreakType::TextWrapping);
            }
            run = run.add_text(line);
        }
        self.run(run);
    }

    fn run(&mut self, run: Run) {
        let paragraph = self.paragraph.take().unwrap_or_else(|| self.ids.paragraph().style(BODY));
        self.paragraph = Some(paragraph.add_run(run));
        self.written = true;
    }
}

/// A character of Chinese text (or a full-width mark), between which a line break
/// of the source is no space.
fn wide(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FFEF}')
}

/// The parts of the package the tool writes itself, with its values.
static PARTS: LazyLock<Tera> = LazyLock::new(|| {
    built_in(
        &[
            ("core.xml", include_str!("assets/docx-core.xml")),
            ("fontTable.xml", include_str!("assets/docx-fonts.xml")),
            ("settings.xml", include_str!("assets/docx-settings.xml")),
        ],
        Escape::Xml,
    )
});

/// The core properties: title, author, language and the document's date (when it was
/// published, or for a draft the day its figures count to) as both created and
/// modified (docx-rs writes the epoch and no title); no version number, which the
/// public never sees.
fn core(properties: &Properties<'_>) -> String {
    let (Date { year, month, day }, (hour, minute, second)) = match properties.moment {
        Some(moment) => (moment.date, (moment.hour, moment.minute, moment.second)),
        None => (properties.date, (0, 0, 0)),
    };
    let mut context = Context::new();
    context.insert("title", properties.title);
    context.insert("author", properties.author);
    context.insert("lang", properties.lang);
    context.insert("date", &format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z"));
    render_built_in(&PARTS, "core.xml", &context)
}

/// The font table: each role's face, with the next family the role lists as its
/// alternative name, which Word and WPS try when the first is not installed.
fn font_table(roles: &IndexMap<String, Vec<Face>>) -> String {
    let mut seen: Vec<&str> = vec![];
    let mut fonts = vec![];
    for families in roles.values() {
        let Some(name) = families.first().map(|face| face.family.as_str()).filter(|name| !seen.contains(name)) else {
            continue;
        };
        seen.push(name);
        let mut font = tera::Map::new();
        font.insert("name".into(), Value::from(name));
        let alternative = families.get(1).map_or(Value::none(), |face| Value::from(face.family.as_str()));
        font.insert("alternative".into(), alternative);
        fonts.push(Value::from(font));
    }
    let mut context = Context::new();
    context.insert_value("fonts", Value::from(fonts));
    render_built_in(&PARTS, "fontTable.xml", &context)
}

/// The styles as docx-rs writes them, made the document's own: docx-rs puts an
/// empty `Normal` before ours, which goes, ours becomes the default paragraph style
/// (which docx-rs cannot say), and the text's language is given, so Word breaks and
/// spaces the lines as Chinese. No punctuation hangs past the block (docx-rs cannot
/// say that either): a line holds 28 characters, as the printed bulletin's. An error
/// if docx-rs wrote something else.
fn restyle(styles: &[u8], lang: &str) -> Result<Vec<u8>, String> {
    let text = std::str::from_utf8(styles).map_err(|err| err.to_string())?;
    let open = format!("<w:style w:type=\"paragraph\" w:styleId=\"{BODY}\">");
    let empty = format!("{open}<w:name w:val=\"Normal\" /><w:rPr /><w:pPr><w:rPr /></w:pPr><w:qFormat /></w:style>");
    let defaults = "<w:rPrDefault><w:rPr>";
    let paragraphs = "<w:pPrDefault><w:pPr>";
    if text.matches(&empty).count() != 1
        || text.matches(&open).count() != 2
        || !text.contains(defaults)
        || !text.contains(paragraphs)
    {
        return Err("docx-rs wrote its styles in a shape this version does not know".to_string());
    }
    let lang = format!("{defaults}<w:lang w:val=\"en-US\" w:eastAsia=\"{}\" />", escape_xml(lang));
    let default = format!("<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"{BODY}\">");
    let no_hanging = format!("{paragraphs}<w:overflowPunct w:val=\"0\" />");
    Ok(text
        .replacen(&empty, "", 1)
        .replacen(&open, &default, 1)
        .replacen(defaults, &lang, 1)
        .replacen(paragraphs, &no_hanging, 1)
        .into_bytes())
}

/// The document settings, in the order the schema gives them (docx-rs writes some
/// out of order): different footers on even pages, every punctuation mark in its
/// full cell (as the printed bulletin sets them), Word 2013's layout.
fn settings(lang: &str) -> String {
    let mut context = Context::new();
    context.insert("tab", &(2 * CELL));
    context.insert("lang", lang);
    render_built_in(&PARTS, "settings.xml", &context)
}

/// Zips the parts in a fixed order, each dated with the bulletin's date, so the same
/// document gives the same bytes.
fn package(xml: docx_rs::XMLDocx, date: Date) -> zip::result::ZipResult<Vec<u8>> {
    let time = zip::DateTime::from_date_and_time(date.year, date.month, date.day, 0, 0, 0).unwrap_or_default();
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), xml.content_type),
        ("_rels/.rels".into(), xml.rels),
        ("docProps/app.xml".into(), xml.doc_props.app),
        ("docProps/core.xml".into(), xml.doc_props.core),
        ("docProps/custom.xml".into(), xml.doc_props.custom),
        ("word/document.xml".into(), xml.document),
        ("word/_rels/document.xml.rels".into(), xml.document_rels),
        ("word/styles.xml".into(), xml.styles),
        ("word/settings.xml".into(), xml.settings),
        ("word/fontTable.xml".into(), xml.font_table),
        ("word/numbering.xml".into(), xml.numberings),
        ("word/comments.xml".into(), xml.comments),
        ("word/commentsExtended.xml".into(), xml.comments_extended),
        ("word/footnotes.xml".into(), xml.footnotes),
    ];
    for (i, header) in xml.headers.into_iter().enumerate() {
        let rels = xml.header_rels.get(i).cloned();
        parts.push((format!("word/header{}.xml", i + 1), header));
        if let Some(rels) = rels {
            parts.push((format!("word/_rels/header{}.xml.rels", i + 1), rels));
        }
    }
    for (i, footer) in xml.footers.into_iter().enumerate() {
        let rels = xml.footer_rels.get(i).cloned();
        parts.push((format!("word/footer{}.xml", i + 1), footer));
        if let Some(rels) = rels {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels));
        }
    }
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(name, options)?;
        zip.write_all(&bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn the_page_is_gb_t_9704_as_word_stores_it() {
        assert_eq!((TOP, LEFT, RIGHT, BOTTOM, BLOCK), (2098, 1588, 1474, 1985, (8844, 12755)));
        assert_eq!((PITCH, CONDENSED, CELL, FOOTER), (579, 5, 316, 1308));
        // 28 characters fit a line, 29 do not.
        assert!(PER_LINE * (BODY_TWIPS - CONDENSED) <= BLOCK.0 && (PER_LINE + 1) * (BODY_TWIPS - CONDENSED) > BLOCK.0);
    }

    fn part(docx: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip archive");
        let mut text = String::new();
        archive.by_name(name).expect("the part").read_to_string(&mut text).expect("text");
        text
    }

    #[test]
    fn every_construct_is_written_the_same_every_time() {
        let fonts = IndexMap::from([("body".to_string(), vec![Face::from("仿宋")])]);
        let properties = Properties {
            title: "標題 <&>",
            author: "測試",
            date: Date { year: 2019, month: 11, day: 15 },
            moment: Moment::parse("2019-11-18T02:00:00Z"),
            lang: "zh-TW",
            draft: false,
            title_lines: &[],
        };
        let events = crate::core::markdown::events(crate::core::markdown::tests::SAMPLE);
        let docx = document(&properties, &fonts, &events).expect("a Word file");
        // A second document on the same thread continues no counter of the first.
        assert!(document(&properties, &fonts, &events).expect("a Word file") == docx);
        let body = part(&docx, "word/document.xml");
        for expected in [
            "<w:pStyle w:val=\"Title\" />",
            "<w:rStyle w:val=\"LeadSentence\" /></w:rPr><w:t xml:space=\"preserve\">一是強化打擊危害食品安全犯罪。</w:t>",
            "<w:pStyle w:val=\"Heading2\" />",
            "<w:numPr><w:numId w:val=\"2\" /><w:ilvl w:val=\"0\" /></w:numPr>",
            "<w:pStyle w:val=\"Code\" />",
            "#read(&quot;/etc/passwd&quot;)</w:t><w:br w:type=\"textWrapping\" /><w:t xml:space=\"preserve\">第二行",
            "文字中的 *星號* 與 &lt;b&gt;標記&lt;/b&gt; 和 </w:t></w:r><w:r><w:rPr /><w:t xml:space=\"preserve\">code",
        ] {
            assert!(body.contains(expected), "{expected}: {body}");
        }
        let core = part(&docx, "docProps/core.xml");
        assert!(core.contains("<dc:title>標題 &lt;&amp;&gt;</dc:title>"), "{core}");
        assert!(core.contains("<dc:language>zh-TW</dc:language><cp:revision>1</cp:revision>"), "{core}");
        assert!(core.contains(">2019-11-18T02:00:00Z</dcterms:created>") && !core.contains("版"), "{core}");
        let styles = part(&docx, "word/styles.xml");
        assert!(styles.contains("w:eastAsia=\"仿宋\""), "{styles}");
        assert!(styles.contains("<w:lang w:val=\"en-US\" w:eastAsia=\"zh-TW\" />"), "{styles}");
    }

    #[test]
    fn the_title_breaks_as_the_printed_layout_breaks_it() {
        let md = "# 陝西省打擊食品、藥品、環境犯罪工作情況通報\n\n正文。\n";
        let events: Vec<Event<'_>> = pulldown_cmark::Parser::new(md).collect();
        let texts = |events: &[Event<'_>]| -> Vec<String> {
            events[1..4]
                .iter()
                .map(|e| match e {
                    Event::Text(text) => text.to_string(),
                    other => format!("{other:?}"),
                })
                .collect()
        };
        let broken = title_broken(&events, &[], "zh-TW").expect("broken");
        assert_eq!(texts(&broken), ["陝西省打擊食品、藥品、環境犯罪", "HardBreak", "工作情況通報"]);
        assert_eq!(broken.len(), events.len() + 2);
        // The series' own lines, when they read as the title does.
        let given = ["陝西省打擊食品、藥品、".to_string(), "環境犯罪工作情況通報".to_string()];
        assert_eq!(texts(&title_broken(&events, &given, "zh-TW").expect("broken"))[2], "環境犯罪工作情況通報");
        // A notice's title, broken inside its brackets as the PDF breaks it.
        let notice = "# 關於《陝西省打擊食品、藥品、環境犯罪工作情況通報》的更正說明\n";
        let notice: Vec<Event<'_>> = pulldown_cmark::Parser::new(notice).collect();
        let lines = texts(&title_broken(&notice, &[], "zh-TW").expect("broken"));
        assert_eq!(lines, ["關於《陝西省打擊食品、藥品、環境犯罪", "HardBreak", "工作情況通報》的更正說明"]);
        // A title that fits on a line stays as it is.
        let short: Vec<Event<'_>> = pulldown_cmark::Parser::new("# 工作情況通報\n").collect();
        assert!(title_broken(&short, &[], "zh-TW").is_none());
    }
}
