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

use typst::layout::{Abs, Frame, FrameItem, Point, Ratio, Transform};
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

/// A face at a size, as a key: its font and its size to a hundredth of a point.
type Face = (u128, i64);

/// One glyph as printed: where its origin is, its face and its character.
struct Placed {
    x: f64,
    face: Face,
    size: f64,
    c: char,
}

/// The lines of every page set looser than [`LIMIT`], in reading order.
pub fn lines(document: &PagedDocument) -> Vec<Loose> {
    let pages: Vec<Vec<Vec<Placed>>> = document.pages().iter().map(|page| page_lines(&page.frame)).collect();
    let rest = rest_pitches(pages.iter().flatten());
    let mut loose = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        for line in page {
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

/// Every glyph of a frame and the frames it holds, placed on the page; not those of
/// a frame turned or scaled (a table set sideways), whose lines are not the page's.
fn walk(frame: &Frame, ts: Transform, lines: &mut BTreeMap<i64, Vec<Placed>>) {
    for (pos, item) in frame.items() {
        let at = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(group) if moved_only(group.transform) => {
                walk(&group.frame, at.pre_concat(group.transform), lines);
            }
            FrameItem::Text(text) => {
                let face = (typst::utils::hash128(text.font.font()), key(text.size.to_pt()));
                let mut x = Abs::zero();
                for glyph in &text.glyphs {
                    let origin = Point::new(x + glyph.x_offset.at(text.size), Abs::zero()).transform(at);
                    x += glyph.x_advance.at(text.size);
                    let Some(c) = text.text[glyph.range()].chars().next() else { continue };
                    // Baselines a tenth of a point apart are one line.
                    #[allow(clippy::cast_possible_truncation)]
                    let baseline = (origin.y.to_pt() * 10.0).round() as i64;
                    let placed = Placed { x: origin.x.to_pt(), face, size: text.size.to_pt(), c };
                    lines.entry(baseline).or_default().push(placed);
                }
            }
            _ => {}
        }
    }
}

/// Whether a transform only moves what it holds.
fn moved_only(ts: Transform) -> bool {
    ts.sx == Ratio::one() && ts.sy == Ratio::one() && ts.kx == Ratio::zero() && ts.ky == Ratio::zero()
}

/// A length, as a key: to a hundredth of a point.
#[allow(clippy::cast_possible_truncation)]
fn key(points: f64) -> i64 {
    (points * 100.0).round() as i64
}

/// The distances from one ideograph to the next beside it on a line, with the faces
/// of the two.
fn pitches(line: &[Placed]) -> impl Iterator<Item = (Face, Face, f64)> + '_ {
    line.windows(2).filter(|pair| is_han(pair[0].c) && is_han(pair[1].c)).filter_map(|pair| {
        let pitch = pair[1].x - pair[0].x;
        // Not two cells of a table's row, nor a line's two halves around a gap.
        (pitch > 0.0 && pitch < 1.5 * pair[0].size).then_some((pair[0].face, pair[1].face, pitch))
    })
}

/// In each face, the distance ideographs stand apart at rest: the least met three
/// times or more (a hundredth of a point apart counts as the same). A paragraph's last
/// line is never opened, so a document has it, however short, unless its only text in
/// that face is one opened line (then nothing in it tells the rest, and it is not
/// measured).
fn rest_pitches<'a>(lines: impl Iterator<Item = &'a Vec<Placed>>) -> HashMap<Face, f64> {
    let mut counts: HashMap<(Face, i64), usize> = HashMap::new();
    for line in lines {
        for (face, _, pitch) in pitches(line).filter(|(a, b, _)| a == b) {
            *counts.entry((face, key(pitch))).or_default() += 1;
        }
    }
    let mut rest: HashMap<Face, i64> = HashMap::new();
    for ((face, pitch), count) in counts {
        if count >= 3 {
            let least = rest.entry(face).or_insert(pitch);
            *least = (*least).min(pitch);
        }
    }
    #[allow(clippy::cast_precision_loss)]
    rest.into_iter().map(|(face, pitch)| (face, pitch as f64 / 100.0)).collect()
}

/// How far a line's ideographs stand apart beyond their rest, at most, and that
/// rest, in points: on a line justification opened, which opens its characters alike
/// (but those a box keeps, as a paragraph's last two): at least half of them by half
/// as much. None for a line with too few to tell (a heading's two words), or not so
/// opened: a row of a table, its cells apart, or a line at rest.
fn opening(line: &[Placed], rest: &HashMap<Face, f64>) -> Option<(f64, f64)> {
    // From one face to another (a bold run) only where both rest alike, as on a grid.
    let at_rest = |a: Face, b: Face| match (rest.get(&a), rest.get(&b)) {
        (Some(&a), Some(&b)) if (a - b).abs() < 0.05 => Some(a),
        _ => None,
    };
    let mut opened: Vec<(f64, f64)> =
        pitches(line).filter_map(|(a, b, pitch)| at_rest(a, b).map(|rest| (pitch - rest, rest))).collect();
    if opened.len() < 4 {
        return None;
    }
    opened.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (median, most) = (opened[opened.len() / 2], opened[opened.len() - 1]);
    (median.0 >= most.0 / 2.0).then_some(most)
}
