//! Charts: a bar chart of one figure across groups, declared in series.yaml and placed
//! by a template (`{{ charts.cases }}`), drawn from the same numbers as SVG on the web
//! page and in Typst in the PDF, each output only where the series asks for it.
//!
//! A template places a chart as a fenced block of its data (` ```chart `, JSON): the
//! Markdown carries the numbers and labels, and each output draws them its own way.

use std::sync::LazyLock;

use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};
use serde::{Deserialize, Serialize};
use tera::{Context, Tera, Value};

use crate::render::builtin::{Escape, built_in, render_built_in};

/// The chart's web page template.
static TEMPLATE: LazyLock<Tera> =
    LazyLock::new(|| built_in(&[("chart.html", include_str!("assets/chart.html"))], Escape::Html));

/// The info string of the fenced block that holds a chart.
pub const INFO: &str = "chart";

/// A chart's data, as the Markdown carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chart {
    /// Its caption.
    pub title: String,
    /// The unit of its numbers (`起`).
    pub unit: String,
    /// Where it is drawn: `html`, `pdf`.
    pub outputs: Vec<String>,
    /// The bars: a label and a whole number each.
    pub bars: Vec<(String, u64)>,
}

impl Chart {
    /// Reads a chart block's text; `None` if it is not one (the block is then shown
    /// as what it is).
    pub fn parse(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }

    /// The block a template places: ` ```chart ` and the data on one line.
    pub fn block(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_default();
        format!("```{INFO}\n{json}\n```\n")
    }

    /// Whether the chart is drawn in this output.
    pub fn drawn_in(&self, output: &str) -> bool {
        self.outputs.iter().any(|o| o == output)
    }

    fn max(&self) -> u64 {
        self.bars.iter().map(|(_, value)| *value).max().unwrap_or(0).max(1)
    }

    /// A bar's length in `units` of the longest bar's, in whole units, rounded half-up:
    /// integer arithmetic, so a figure never becomes a float.
    fn length(&self, value: u64, units: u64) -> u128 {
        let max = u128::from(self.max());
        (u128::from(value) * u128::from(units) * 2 + max) / (2 * max)
    }

    /// The chart as an SVG bar chart in a `<figure>`, with its numbers as a table for
    /// screen readers (the picture is marked as an image labelled by the caption).
    ///
    /// Its labels are [`FONT`] units high in a drawing 400 units wide (wider only for
    /// long labels): on a 390 px phone, whose article is 358 px wide, they are 13 px;
    /// the stylesheet draws it at most 28 em wide, its labels then about the text's size.
    pub fn html(&self) -> String {
        const WIDTH: u64 = 400;
        const ROW: u64 = 34;
        const BAR: u64 = 22;
        const GAP: u64 = 8;
        const PLOT: u64 = 160;
        let label = self.bars.iter().map(|(label, _)| text_width(label)).max().unwrap_or(0) + GAP;
        let value =
            self.bars.iter().map(|(_, value)| text_width(&format!("{value}{}", self.unit))).max().unwrap_or(0) + GAP;
        let width = WIDTH.max(label + value + PLOT);
        let plot = width - label - value;
        let bars: Vec<Value> = self
            .bars
            .iter()
            .enumerate()
            .map(|(i, (name, value))| {
                let y = i as u64 * ROW + 4;
                let length = self.length(*value, plot);
                let mut bar = tera::Map::new();
                bar.insert("label".into(), Value::from(name.as_str()));
                bar.insert("value".into(), Value::from(*value));
                bar.insert("y".into(), Value::from(y));
                bar.insert("base".into(), Value::from(y + BAR - 5));
                bar.insert("length".into(), Value::from(length));
                bar.insert("value_x".into(), Value::from(u128::from(label) + length + u128::from(GAP)));
                Value::from(bar)
            })
            .collect();
        let mut context = Context::new();
        context.insert("title", &self.title);
        context.insert("unit", &self.unit);
        context.insert("width", &width);
        context.insert("height", &(ROW * self.bars.len() as u64 + 8));
        context.insert("label_x", &(label - GAP));
        context.insert("plot_x", &label);
        context.insert("bar_height", &BAR);
        context.insert_value("bars", Value::from(bars));
        render_built_in(&TEMPLATE, "chart.html", &context)
    }

    /// The chart drawn in Typst: a caption, then for each bar its label, a bar of
    /// proportional length and its number, in the text's own face.
    pub fn typst(&self, string: &dyn Fn(&str) -> String) -> String {
        let caption = string(&self.title);
        let mut out = format!(
            "#block(width: 100%, breakable: false)[\n#align(center, text({caption}))\n#grid(columns: (7em, 1fr), row-gutter: 0.4em, column-gutter: 0.6em,\n"
        );
        for (label, value) in &self.bars {
            // Thousandths of the width.
            let share = self.length(*value, 1000);
            out.push_str(&format!(
                "  align(right, text({})), box(width: 100%)[#box(width: {}.{}% * 0.8, height: 0.8em, fill: black) #text({})],\n",
                string(label),
                share / 10,
                share % 10,
                string(&format!("{value}{}", self.unit)),
            ));
        }
        out.push_str(")\n]\n\n");
        out
    }
}

/// The height of a chart's text in its SVG's units (the stylesheet's `font-size` of
/// `.bulletin-chart-bars`).
const FONT: u64 = 15;

/// How wide a label or a number is drawn, in the SVG's units, at most: a Chinese
/// character a square, a digit or a Latin letter three fifths of one.
fn text_width(text: &str) -> u64 {
    text.chars().map(|c| if c.is_ascii() { FONT * 3 / 5 } else { FONT }).sum()
}

/// The events with each chart block replaced: by `draw(chart)` where the chart is
/// drawn in `output`, else by nothing.
pub fn drawn<'a>(events: Vec<Event<'a>>, output: &str, draw: &dyn Fn(&Chart) -> Event<'a>) -> Vec<Event<'a>> {
    replaced(events, INFO, &|text| Chart::parse(text).filter(|chart| chart.drawn_in(output)).map(|chart| draw(&chart)))
}

/// The events with each fenced block of `info` (a chart's, a signature's) replaced
/// by what `replace` makes of its text (nothing, for `None`).
pub fn replaced<'a>(events: Vec<Event<'a>>, info: &str, replace: &dyn Fn(&str) -> Option<Event<'a>>) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut block: Option<String> = None;
    for event in events {
        match (&mut block, event) {
            (None, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(found)))) if found.as_ref() == info => {
                block = Some(String::new());
            }
            (Some(text), Event::Text(t)) => text.push_str(&t),
            (Some(_), Event::End(TagEnd::CodeBlock)) => out.extend(replace(&block.take().unwrap_or_default())),
            (Some(_), _) => {}
            (None, event) => out.push(event),
        }
    }
    out
}

/// Markdown without its chart blocks: the Markdown a person reads (the `.md`
/// output), in which a chart's data would be noise.
pub fn without_blocks(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut lines = md.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        if line.trim_end() == format!("```{INFO}") {
            for inner in lines.by_ref() {
                if inner.trim_end() == "```" {
                    break;
                }
            }
            // The blank line that separated the block from what follows.
            if lines.peek().is_some_and(|next| next.trim().is_empty()) {
                lines.next();
            }
            continue;
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> Chart {
        Chart {
            title: "各類案件破獲數".into(),
            unit: "起".into(),
            outputs: vec!["html".into()],
            bars: vec![("食品類".into(), 186), ("藥品類".into(), 93), ("<x>".into(), 0)],
        }
    }

    #[test]
    fn a_chart_travels_in_its_block_and_is_drawn_per_output() {
        let md = format!("前文。\n\n{}\n後文。\n", chart().block());
        let events = crate::core::markdown::events(&md);
        let html = drawn(events.clone(), "html", &|c| Event::Html(c.html().into()));
        assert!(html.iter().any(|e| matches!(e, Event::Html(h) if h.contains("<svg"))));
        let pdf = drawn(events, "pdf", &|c| Event::Html(c.html().into()));
        assert!(!pdf.iter().any(|e| matches!(e, Event::Html(_))), "not drawn in the PDF");
        assert!(pdf.iter().all(|e| !matches!(e, Event::Text(t) if t.contains("bars"))), "its data is not text");
    }

    #[test]
    fn the_markdown_for_people_has_no_chart_data() {
        let md = format!("前文。\n\n{}\n後文。\n", chart().block());
        assert_eq!(without_blocks(&md), "前文。\n\n後文。\n");
        assert_eq!(without_blocks("```rust\nx\n```\n"), "```rust\nx\n```\n");
    }

    #[test]
    fn bars_are_proportional_and_numbers_printed() {
        let html = chart().html();
        // 400 units: 53 for the labels (three characters and a gap), 50 for the
        // numbers (`186起`); the longest bar takes the plot's 297, 93 of 186 half of it.
        assert!(html.contains("viewBox=\"0 0 400 110\""), "{html}");
        assert!(html.contains("<text x=\"45\" y=\"21\" text-anchor=\"end\">食品類</text><rect x=\"53\""), "{html}");
        assert!(html.contains("width=\"297\"") && html.contains("width=\"149\""), "{html}");
        assert!(html.contains("<text x=\"358\" y=\"21\">186起</text>"), "{html}");
        // Long labels widen the drawing rather than leave the bars no room.
        let mut long = chart();
        long.bars[0].0 = "食品藥品環境違法犯罪案件數".into();
        assert!(long.html().contains("viewBox=\"0 0 413 110\""), "{}", long.html());
        assert!(html.contains(">186起</text>") && html.contains(">93起</text>"));
        assert!(html.contains("&lt;x&gt;") && !html.contains("<x>"));
        assert!(
            html.contains("<caption>各類案件破獲數</caption>")
                && html.contains("<th scope=\"row\">食品類</th><td>186起</td>")
        );
    }
}
