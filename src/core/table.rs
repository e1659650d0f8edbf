//! Tables beyond GitHub's: more than one header row, and cells that span rows or
//! columns, written in plain Markdown so every output (HTML, Typst, Word) reads them
//! from the same events.
//!
//! - A body row whose every cell is a delimiter (`|---|---:|`) ends the header: the
//!   rows above it are header rows.
//! - A cell that is exactly `^^` belongs to the cell above it, `<<` to the cell on its
//!   left: that cell spans it (a tied rank printed once over its rows, a heading over
//!   the columns it names).
//!
//! [`Walker`] reads a document's events and tells each writer, event by event, what a
//! table's tag stands for once these are applied.

use pulldown_cmark::{Alignment, Event, Tag, TagEnd};

/// A cell that belongs to the cell above it.
pub const ROW_SPAN: &str = "^^";
/// A cell that belongs to the cell on its left.
pub const COLUMN_SPAN: &str = "<<";

/// What a cell of the source is in the table as drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A cell drawn.
    Cell {
        /// Its (first) column.
        column: usize,
        /// The rows it spans.
        rows: usize,
        /// The columns it spans.
        columns: usize,
        /// What its column is called (the header cells above it, for a body cell:
        /// `PM2.5 2024年`).
        label: String,
        /// What a figure lacks of its column's places (`0`, `.0`): set after it
        /// unseen, so that the column's figures line up on their decimal points.
        pad: String,
    },
    /// A cell another spans.
    Covered {
        /// Where the cell spanning it starts in a row above and this is that cell's
        /// first column: that cell (a Word file writes such a cell as a continued
        /// merge; a phone shows it again).
        continues: Option<Continued>,
    },
    /// A cell of the row that ends the header.
    Marker,
}

/// A cell spanning rows, as its later rows see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Continued {
    /// The columns it spans.
    pub columns: usize,
    /// Its text.
    pub text: String,
    /// What its column is called.
    pub label: String,
}

/// One table's shape: its header rows and each source cell's place.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shape {
    /// How many rows the header has.
    pub header_rows: usize,
    /// The row of the source that ends the header, if any (0 is the head).
    pub marker: Option<usize>,
    /// Each cell of the source, in order.
    pub places: Vec<Place>,
    /// Each cell's row in the source (0 is the head) and its text, in the same order.
    pub cells: Vec<(usize, String)>,
}

/// Each table of a document, in order.
pub fn shapes(events: &[Event<'_>]) -> Vec<Shape> {
    let mut tables = vec![];
    let mut rows: Vec<Vec<String>> = vec![];
    let mut cell: Option<String> = None;
    for event in events {
        match event {
            Event::Start(Tag::Table(_)) => rows.clear(),
            Event::Start(Tag::TableHead | Tag::TableRow) => rows.push(vec![]),
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::Text(text) | Event::Code(text) => {
                if let Some(cell) = cell.as_mut() {
                    cell.push_str(text);
                }
            }
            Event::End(TagEnd::TableCell) => {
                let text = cell.take().unwrap_or_default();
                if let Some(row) = rows.last_mut() {
                    row.push(text.trim().to_string());
                }
            }
            Event::End(TagEnd::Table) => tables.push(shape(&rows)),
            _ => {}
        }
    }
    tables
}

/// Whether a cell's text is a delimiter (`---`, `:--`, `--:`).
fn is_delimiter(text: &str) -> bool {
    let dashes = text.trim_start_matches(':').trim_end_matches(':');
    dashes.len() >= 3 && dashes.chars().all(|c| c == '-')
}

/// The places of a figure (`-25.8`: 1, `1,520`: 0), or `None` for anything else.
fn decimal_places(text: &str) -> Option<usize> {
    let digits = text.strip_prefix(['-', '+', '−']).unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let whole_ok =
        whole.starts_with(|c: char| c.is_ascii_digit()) && whole.chars().all(|c| c.is_ascii_digit() || c == ',');
    let fraction_ok = fraction.chars().all(|c| c.is_ascii_digit()) && (fraction.is_empty() != digits.contains('.'));
    (whole_ok && fraction_ok).then_some(fraction.len())
}

/// The most places of each column's figures, where every cell of its body (the drawn
/// rows from `header_rows` on) that is not empty is a figure.
fn column_places(rows: &[Vec<String>], drawn: &[usize], header_rows: usize) -> Vec<Option<usize>> {
    let body: Vec<&Vec<String>> = drawn.iter().filter(|&&r| r >= header_rows).map(|&r| &rows[r]).collect();
    (0..rows.iter().map(Vec::len).max().unwrap_or(0))
        .map(|c| {
            let cells = body.iter().filter_map(|row| row.get(c)).filter(|text| !text.is_empty());
            let places: Option<Vec<usize>> = cells.map(|text| decimal_places(text)).collect();
            places.and_then(|places| places.into_iter().max())
        })
        .collect()
}

/// What `text` lacks of `places` decimal places: `.0` for `3` of 1, `0` for `7.5` of 2.
fn pad(text: &str, places: Option<usize>) -> String {
    match (decimal_places(text), places) {
        (Some(have), Some(want)) if have < want => {
            format!("{}{}", if have == 0 { "." } else { "" }, "0".repeat(want - have))
        }
        _ => String::new(),
    }
}

/// The cell each drawn position belongs to (its own or one spanning it), as (drawn
/// row, column): `drawn` are the source rows drawn, the rows above `header_rows` the
/// header, which a span never leaves.
fn origins(rows: &[Vec<String>], drawn: &[usize], header_rows: usize) -> Vec<Vec<(usize, usize)>> {
    let head = |r: usize| r < header_rows;
    let mut origin: Vec<Vec<(usize, usize)>> = vec![];
    for (i, &r) in drawn.iter().enumerate() {
        let mut row = vec![];
        for (c, text) in rows[r].iter().enumerate() {
            let above = i.checked_sub(1).filter(|&j| head(drawn[j]) == head(r)).and_then(|j| origin[j].get(c).copied());
            let left = c.checked_sub(1).map(|c| row[c]);
            row.push(match (text.as_str(), above, left) {
                (ROW_SPAN, Some(cell), _) | (COLUMN_SPAN, _, Some(cell)) => cell,
                _ => (i, c),
            });
        }
        origin.push(row);
    }
    origin
}

/// The shape of a table whose cells' texts are `rows` (the head first).
fn shape(rows: &[Vec<String>]) -> Shape {
    let marker = (1..rows.len()).find(|&r| !rows[r].is_empty() && rows[r].iter().all(|text| is_delimiter(text)));
    let header_rows = marker.unwrap_or(1).min(rows.len());
    // The rows drawn (without the marker), each source row's index among them.
    let drawn: Vec<usize> = (0..rows.len()).filter(|&r| Some(r) != marker).collect();
    let head = |r: usize| r < header_rows;
    let origin = origins(rows, &drawn, header_rows);
    // How far each cell reaches.
    let mut reach = std::collections::BTreeMap::<(usize, usize), (usize, usize)>::new();
    for (i, row) in origin.iter().enumerate() {
        for (c, &cell) in row.iter().enumerate() {
            let end = reach.entry(cell).or_insert((i, c));
            *end = (end.0.max(i), end.1.max(c));
        }
    }
    let text = |(i, c): (usize, usize)| rows[drawn[i]][c].clone();
    let label = |column: usize| -> String {
        let mut words: Vec<String> = vec![];
        for row in origin.iter().take(header_rows) {
            if let Some(&cell) = row.get(column) {
                let word = text(cell);
                if !word.is_empty() && words.last() != Some(&word) {
                    words.push(word);
                }
            }
        }
        words.join(" ")
    };
    let places_of = column_places(rows, &drawn, header_rows);
    let mut places = vec![];
    for (r, row) in rows.iter().enumerate() {
        let Some(i) = drawn.iter().position(|&d| d == r) else {
            places.extend(row.iter().map(|_| Place::Marker));
            continue;
        };
        for (c, &cell) in origin[i].iter().enumerate() {
            let (last_row, last_column) = reach[&cell];
            let label = if head(r) { String::new() } else { label(c) };
            places.push(if cell == (i, c) {
                let pad = if head(r) { String::new() } else { pad(&row[c], places_of[c]) };
                Place::Cell { column: c, rows: last_row - i + 1, columns: last_column - c + 1, label, pad }
            } else {
                let continues = (cell.0 < i && cell.1 == c).then(|| Continued {
                    columns: last_column - c + 1,
                    text: text(cell),
                    label,
                });
                Place::Covered { continues }
            });
        }
    }
    let cells = rows.iter().enumerate().flat_map(|(r, row)| row.iter().map(move |text| (r, text.clone()))).collect();
    Shape { header_rows, marker, places, cells }
}

/// A text's width in half-ems: a wide (CJK) character two, anything else one.
fn half_ems(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() || ('\u{2000}'..='\u{206f}').contains(&c) { 1 } else { 2 }).sum()
}

impl Shape {
    /// The least width of the table as a web page sets it, in half-ems of its text,
    /// each column's padding counted as one em: a header cell and a cell of an
    /// aligned column (a figure) whole, since they never wrap; a cell of text wrapped
    /// to four characters at most. A cell spanning columns leaves them as they are.
    pub fn least_width(&self, alignments: &[Alignment]) -> usize {
        let mut columns = vec![0; alignments.len()];
        for (place, (row, text)) in self.places.iter().zip(&self.cells) {
            let Place::Cell { column, columns: 1, pad, .. } = place else { continue };
            let aligned = alignments.get(*column).is_some_and(|a| *a != Alignment::None);
            let whole = half_ems(text) + half_ems(pad);
            let width = if *row < self.header_rows || aligned { whole } else { whole.min(8) };
            if let Some(widest) = columns.get_mut(*column) {
                *widest = (*widest).max(width);
            }
        }
        columns.iter().map(|width| width + 2).sum()
    }
}

/// What an event of a document stands for in its table, once header rows and spans
/// are applied.
#[derive(Debug, PartialEq)]
pub enum Step {
    /// Not a table's tag: the writer's own (a cell's text, anything outside a table).
    Pass,
    /// Left out: the row that ends the header, the text of a spanned cell.
    Skip,
    /// A table opens.
    Table {
        /// Its columns' alignments.
        alignments: Vec<Alignment>,
        /// How many header rows it has.
        header_rows: usize,
    },
    /// A row opens.
    Row {
        /// In the header (else the body).
        head: bool,
        /// The first row of its part.
        first: bool,
    },
    /// A row ends.
    RowEnd {
        /// In the header.
        head: bool,
        /// The header's last row (the body's last ends with the table).
        last: bool,
    },
    /// A cell opens: drawn, or spanned by another ([`Place::Covered`]).
    Cell {
        /// In the header.
        head: bool,
        /// Its row in its part, from 0.
        row: usize,
        /// Where it is.
        place: Place,
    },
    /// A cell ends (drawn or spanned, as it opened).
    CellEnd {
        /// In the header.
        head: bool,
        /// Where it is.
        place: Place,
    },
    /// The table ends.
    TableEnd,
}

/// Reads a document's tables as [`Step`]s, event by event, in the order of
/// [`shapes`].
#[derive(Debug, Default)]
pub struct Walker {
    shapes: Vec<Shape>,
    /// The table being read (its index in `shapes`), the source row and the next cell.
    table: Option<usize>,
    tables: usize,
    row: usize,
    cell: usize,
    /// Inside a spanned cell or the marker row: its events are skipped.
    skipping: bool,
}

impl Walker {
    /// A walker over the tables of `events` (the events it will then be given).
    pub fn new(events: &[Event<'_>]) -> Self {
        Self { shapes: shapes(events), ..Self::default() }
    }

    /// What `event` stands for.
    pub fn step(&mut self, event: &Event<'_>) -> Step {
        match event {
            Event::Start(Tag::Table(alignments)) => {
                self.table = Some(self.tables);
                self.tables += 1;
                (self.row, self.cell) = (0, 0);
                let header_rows = self.shape().map_or(1, |shape| shape.header_rows);
                Step::Table { alignments: alignments.clone(), header_rows }
            }
            Event::End(TagEnd::Table) => {
                self.table = None;
                Step::TableEnd
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => self.row_start(),
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => self.row_end(),
            Event::Start(Tag::TableCell) => self.cell_start(),
            Event::End(TagEnd::TableCell) => self.cell_end(),
            _ if self.skipping => Step::Skip,
            _ => Step::Pass,
        }
    }

    /// The shape of the table being read.
    pub fn shape(&self) -> Option<&Shape> {
        self.shapes.get(self.table?)
    }

    fn row_start(&mut self) -> Step {
        let Some(shape) = self.shape() else { return Step::Pass };
        let row = self.row;
        if shape.marker == Some(row) {
            return Step::Skip;
        }
        let head = row < shape.header_rows;
        let first = row == 0 || (row == shape.header_rows + usize::from(shape.marker.is_some()));
        Step::Row { head, first }
    }

    fn row_end(&mut self) -> Step {
        let row = self.row;
        self.row += 1;
        let Some(shape) = self.shape() else { return Step::Pass };
        if shape.marker == Some(row) {
            return Step::Skip;
        }
        let head = row < shape.header_rows;
        Step::RowEnd { head, last: head && row + 1 == shape.header_rows }
    }

    fn cell_start(&mut self) -> Step {
        let row = self.row;
        let Some(shape) = self.table.and_then(|t| self.shapes.get(t)) else { return Step::Pass };
        let Some(place) = shape.places.get(self.cell) else { return Step::Pass };
        self.skipping = !matches!(place, Place::Cell { .. });
        match place {
            Place::Marker => Step::Skip,
            place => {
                let head = row < shape.header_rows;
                // The body's rows counted from 0 too, after the header and its marker.
                let skipped = if head { 0 } else { shape.header_rows + usize::from(shape.marker.is_some()) };
                Step::Cell { head, row: row - skipped, place: place.clone() }
            }
        }
    }

    fn cell_end(&mut self) -> Step {
        let row = self.row;
        let index = self.cell;
        self.cell += 1;
        self.skipping = false;
        let Some(shape) = self.table.and_then(|t| self.shapes.get(t)) else { return Step::Pass };
        match shape.places.get(index) {
            Some(Place::Marker) | None => Step::Skip,
            Some(place) => Step::CellEnd { head: row < shape.header_rows, place: place.clone() },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::markdown::events;

    /// Two header rows (a heading over two columns, two headings over both rows), a
    /// tied rank over two rows.
    const RANKING: &str = "| 排名 | 區 | PM2.5 | << |\n|---|---|---:|---:|\n| ^^ | ^^ | 2024年 | 同比 |\n\
        |---|---|---|---|\n| 1 | 甲 | 20 | 25.0 |\n| ^^ | 乙 | 20 | 5.3 |\n| 3 | 丙 | 21 | 5.0 |\n";

    fn cell(column: usize, rows: usize, columns: usize, label: &str) -> Place {
        Place::Cell { column, rows, columns, label: label.into(), pad: String::new() }
    }

    #[test]
    fn a_tables_least_width_counts_figures_and_headers_whole_and_text_wrapped() {
        let least = |markdown: &str| {
            let events = events(markdown);
            let Some(Event::Start(Tag::Table(alignments))) =
                events.iter().find(|e| matches!(e, Event::Start(Tag::Table(_))))
            else {
                panic!("no table")
            };
            shapes(&events)[0].least_width(alignments)
        };
        // 地区 (4) over a name of ten characters wrapped to four (8); 收入（元） (10)
        // over 1,234,567 (9): 8 + 10, and an em of padding each.
        assert_eq!(least("| 地区 | 收入（元） |\n|---|---:|\n| 医药高新区（高港区） | 1,234,567 |\n"), 22);
        // Spanned cells leave their columns alone; a figure padded counts its padding.
        assert_eq!(least("| a | << |\n|---|---:|\n| 甲 | 7.5 |\n| 乙 | 10.25 |\n"), 2 + 2 + 5 + 2);
    }

    #[test]
    fn figures_of_fewer_places_are_padded_to_their_columns() {
        let events =
            events("| a | b | c |\n|---|---:|---:|\n| 甲 | 7.25 | 3 |\n| 乙 | 58.1 | -12.5 |\n| 丙 | 100 | — |\n");
        let pads: Vec<String> = shapes(&events)[0]
            .places
            .iter()
            .filter_map(|place| match place {
                Place::Cell { pad, .. } => Some(pad.clone()),
                _ => None,
            })
            .collect();
        // A column with a cell that is no figure (`—`) is left as it is.
        assert_eq!(pads, ["", "", "", "", "", "", "", "0", "", "", ".00", ""]);
        assert_eq!((decimal_places("1,520"), decimal_places("1.2.3"), decimal_places("25%")), (Some(0), None, None));
    }

    #[test]
    fn a_marker_row_ends_the_header_and_spans_are_resolved() {
        let events = events(RANKING);
        let shapes = shapes(&events);
        assert_eq!(shapes.len(), 1);
        let shape = &shapes[0];
        assert_eq!((shape.header_rows, shape.marker), (2, Some(2)));
        let covered = Place::Covered { continues: None };
        let rank = Continued { columns: 1, text: "1".into(), label: "排名".into() };
        assert_eq!(
            shape.places,
            [
                cell(0, 2, 1, ""),
                cell(1, 2, 1, ""),
                cell(2, 1, 2, ""),
                covered.clone(),
                // The second header row: the first two spanned from above.
                Place::Covered {
                    continues: Some(Continued { columns: 1, text: "排名".into(), label: String::new() })
                },
                Place::Covered { continues: Some(Continued { columns: 1, text: "區".into(), label: String::new() }) },
                cell(2, 1, 1, ""),
                cell(3, 1, 1, ""),
                Place::Marker,
                Place::Marker,
                Place::Marker,
                Place::Marker,
                cell(0, 2, 1, "排名"),
                cell(1, 1, 1, "區"),
                cell(2, 1, 1, "PM2.5 2024年"),
                cell(3, 1, 1, "PM2.5 同比"),
                Place::Covered { continues: Some(rank) },
                cell(1, 1, 1, "區"),
                cell(2, 1, 1, "PM2.5 2024年"),
                cell(3, 1, 1, "PM2.5 同比"),
                cell(0, 1, 1, "排名"),
                cell(1, 1, 1, "區"),
                cell(2, 1, 1, "PM2.5 2024年"),
                cell(3, 1, 1, "PM2.5 同比"),
            ]
        );
    }

    #[test]
    fn a_plain_table_has_one_header_row_and_no_span() {
        let events = events("| a | b |\n|---|---|\n| ^^ x | << |\n");
        let shape = &shapes(&events)[0];
        assert_eq!((shape.header_rows, shape.marker), (1, None));
        // `^^` under the header does not reach into it; `<<` joins its left cell.
        assert_eq!(
            shape.places,
            [cell(0, 1, 1, ""), cell(1, 1, 1, ""), cell(0, 1, 2, "a"), Place::Covered { continues: None }]
        );
    }

    #[test]
    fn the_walker_skips_the_marker_row_and_spanned_cells() {
        let events = events(RANKING);
        let mut walker = Walker::new(&events);
        let mut steps = vec![];
        for event in &events {
            let step = walker.step(event);
            steps.push(match step {
                Step::Pass => match event {
                    Event::Text(text) => text.to_string(),
                    _ => continue,
                },
                Step::Skip => continue,
                Step::Table { header_rows, .. } => format!("table {header_rows}"),
                Step::Row { head, first } => format!("row {head} {first}"),
                Step::RowEnd { head, last } => format!("end {head} {last}"),
                Step::Cell { place: Place::Covered { .. }, .. } => "covered".into(),
                Step::Cell { place: Place::Cell { rows, columns, .. }, row, .. } if row > 0 => {
                    format!("cell {rows}x{columns} in {row}")
                }
                Step::Cell { place: Place::Cell { rows, columns, .. }, .. } => format!("cell {rows}x{columns}"),
                Step::Cell { .. } => "?".into(),
                Step::CellEnd { .. } => continue,
                Step::TableEnd => "table end".into(),
            });
        }
        let text = steps.join(", ");
        assert_eq!(
            text,
            "table 2, row true true, cell 2x1, 排名, cell 2x1, 區, cell 1x2, PM2.5, covered, end true false, \
             row true false, covered, covered, cell 1x1 in 1, 2024年, cell 1x1 in 1, 同比, end true true, \
             row false true, cell 2x1, 1, cell 1x1, 甲, cell 1x1, 20, cell 1x1, 25.0, end false false, \
             row false false, covered, cell 1x1 in 1, 乙, cell 1x1 in 1, 20, cell 1x1 in 1, 5.3, end false false, \
             row false false, cell 1x1 in 2, 3, cell 1x1 in 2, 丙, cell 1x1 in 2, 21, cell 1x1 in 2, 5.0, end false false, table end"
        );
    }
}
