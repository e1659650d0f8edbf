//! Lines set loose: read back from the laid-out pages, the lines whose characters
//! stand further apart than a press accepts (issue 24: 5 % of a character at most).
//!
//! The layout opens a line only as far as it must; a line opens past that limit
//! where what follows it cannot part (a date, a number with its unit, a paragraph's
//! last two characters) and does not fit on it, in a paragraph too short for its
//! other lines to make room. No setting avoids that, but a word more or less in the
//! sentence does: the build names each such line, so that the office can reword it
//! before the press sees it.

use std::collections::{BTreeMap, HashMap};

use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst_layout::PagedDocument;

use crate::core::language::is_han;

/// How far a line's characters may stand apart beyond their rest, as a share of the
/// distance between them at rest (a cell, in a layout on a grid).
const LIMIT: f64 = 0.05;

/// What is allowed past the limit for rounding, in points (the tests' tolerance).
const ROUNDING: f64 = 0.05;

/// A line set loose.
#[derive(Debug, Clone, PartialEq)]
pub struct Loose {
    /// Its page, from 1.
    pub page: usize,
    /// Its text as printed.
    pub text: String,
    /// How far its characters stand apart beyond their rest, in percent of a
    /// character's distance at rest, to a tenth (`5.5`).
    pub percent: String,
}

/// One glyph as printed: where its origin and its end are, its size and its character.
struct Placed {
    x: f64,
    end: f64,
    size: f64,
    c: char,
}

/// The lines of every page set looser than [`LIMIT`], in reading order.
pub fn lines(document: &PagedDocument) -> Vec<Loose> {
    let pages: Vec<Vec<Vec<Placed>>> = document.pages().iter().map(|page| page_lines(&page.frame)).collect();
    let edge = right_edge(pages.iter().flatten());
    let rest = rest_pitches(pages.iter().flatten().filter(|line| full(line, edge)));
    let mut loose = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        // Only a full line is justified: not a paragraph's last, nor a row of a table.
        for line in page.iter().filter(|line| full(line, edge)) {
            let Some((opened, pitch)) = opening(line, &rest) else { continue };
            if opened > LIMIT * pitch + ROUNDING {
                let text = line.iter().map(|glyph| glyph.c).collect();
                let percent = format!("{:.1}", opened / pitch * 100.0);
                loose.push(Loose { page: i + 1, text, percent });
            }
        }
    }
    loose
}

/// A page's glyphs, gathered into lines by their baseline, each left to right.
fn page_lines(frame: &Frame) -> Vec<Vec<Placed>> {
    let mut by_baseline: BTreeMap<i64, Vec<Placed>> = BTreeMap::new();
    walk(frame, Transform::identity(), &mut by_baseline);
    by_baseline
        .into_values()
        .map(|mut line| {
            line.sort_by(|a, b| a.x.total_cmp(&b.x));
            line
        })
        .collect()
}

/// Every glyph of a frame and the frames it holds, placed on the page.
fn walk(frame: &Frame, ts: Transform, lines: &mut BTreeMap<i64, Vec<Placed>>) {
    for (pos, item) in frame.items() {
        let at = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(group) => walk(&group.frame, at.pre_concat(group.transform), lines),
            FrameItem::Text(text) => {
                let mut x = Abs::zero();
                for glyph in &text.glyphs {
                    let origin = Point::new(x + glyph.x_offset.at(text.size), Abs::zero()).transform(at);
                    x += glyph.x_advance.at(text.size);
                    let Some(c) = text.text[glyph.range()].chars().next() else { continue };
                    // Baselines a tenth of a point apart are one line.
                    let baseline = tenths(origin.y.to_pt());
                    let (x, size) = (origin.x.to_pt(), text.size.to_pt());
                    let end = x + glyph.x_advance.at(text.size).to_pt();
                    lines.entry(baseline).or_default().push(Placed { x, end, size, c });
                }
            }
            _ => {}
        }
    }
}

/// Where most lines end, in tenths of a point: the right edge of the text block.
fn right_edge<'a>(lines: impl Iterator<Item = &'a Vec<Placed>>) -> Option<i64> {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for line in lines {
        if let Some(last) = line.last() {
            *counts.entry(tenths(last.end)).or_default() += 1;
        }
    }
    counts.into_iter().max_by_key(|&(end, count)| (count, end)).map(|(end, _)| end)
}

/// Whether a line reaches the right edge (within half a character) in one piece: no
/// two of its glyphs further apart than two characters, as the cells of a table's row.
fn full(line: &[Placed], edge: Option<i64>) -> bool {
    let (Some(last), Some(edge)) = (line.last(), edge) else { return false };
    #[allow(clippy::cast_precision_loss)]
    let reaches = ((tenths(last.end) - edge).abs() as f64) <= last.size * 5.0;
    reaches && line.windows(2).all(|pair| pair[1].x - pair[0].x <= 2.0 * pair[0].size)
}

/// A position, as a key: to a tenth of a point.
#[allow(clippy::cast_possible_truncation)]
fn tenths(points: f64) -> i64 {
    (points * 10.0).round() as i64
}

/// A size, as a key: to a hundredth of a point.
#[allow(clippy::cast_possible_truncation)]
fn key(size: f64) -> i64 {
    (size * 100.0).round() as i64
}

/// The distances from one ideograph to the next beside it on a line, at one size.
fn pitches(line: &[Placed]) -> impl Iterator<Item = (i64, f64)> + '_ {
    line.windows(2).filter(|pair| is_han(pair[0].c) && is_han(pair[1].c) && pair[0].size == pair[1].size).filter_map(
        |pair| {
            let pitch = pair[1].x - pair[0].x;
            // Not two cells of a table's row, nor a line's two halves around a gap.
            (pitch > 0.0 && pitch < 1.5 * pair[0].size).then_some((key(pair[0].size), pitch))
        },
    )
}

/// At each size, the distance ideographs stand apart at rest on a full line: the one
/// most have (a hundredth of a point apart counts as the same); a cell, in a layout on
/// a grid.
fn rest_pitches<'a>(lines: impl Iterator<Item = &'a Vec<Placed>>) -> HashMap<i64, f64> {
    let mut counts: HashMap<(i64, i64), usize> = HashMap::new();
    for line in lines {
        for (size, pitch) in pitches(line) {
            *counts.entry((size, key(pitch))).or_default() += 1;
        }
    }
    let mut rest: HashMap<i64, (usize, i64)> = HashMap::new();
    for ((size, pitch), count) in counts {
        let best = rest.entry(size).or_insert((count, pitch));
        if (count, pitch) > *best {
            *best = (count, pitch);
        }
    }
    #[allow(clippy::cast_precision_loss)]
    rest.into_iter().map(|(size, (_, pitch))| (size, pitch as f64 / 100.0)).collect()
}

/// How far a line's ideographs stand apart beyond their rest, at most, and that
/// rest, in points. None for a line with too few to tell (a heading's two words).
fn opening(line: &[Placed], rest: &HashMap<i64, f64>) -> Option<(f64, f64)> {
    let opened: Vec<(f64, f64)> =
        pitches(line).filter_map(|(size, pitch)| rest.get(&size).map(|rest| (pitch - rest, *rest))).collect();
    if opened.len() < 4 {
        return None;
    }
    opened.into_iter().max_by(|a, b| a.0.total_cmp(&b.0))
}
