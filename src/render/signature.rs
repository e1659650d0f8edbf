//! The 落款 of a correction notice, and of a bulletin whose series asks for one: the
//! issuing office and the day, under the text after a blank line, the day four
//! characters in from the right and the office centred over it (GB/T 9704 7.3.5).
//!
//! The Markdown carries it as a fenced block of its data (` ```signature `, JSON), as
//! it carries a chart, and each output sets it its own way; the `.md` a person reads
//! has the two lines as paragraphs.

use std::sync::LazyLock;

use pulldown_cmark::Event;
use serde::{Deserialize, Serialize};
use tera::{Context, Tera};

use crate::render::builtin::{Escape, built_in, render_built_in};
use crate::render::chart;

/// The info string of the fenced block that holds a signature.
pub const INFO: &str = "signature";

/// The web page's template of a signature.
static TEMPLATE: LazyLock<Tera> =
    LazyLock::new(|| built_in(&[("signature.html", include_str!("assets/signature.html"))], Escape::Html));

/// An office's name and a day in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    /// The issuing office (`陝西省公安廳`).
    pub office: String,
    /// The day (`2019年11月18日`).
    pub date: String,
}

impl Signature {
    /// The block a document places: ` ```signature ` and the data on one line.
    pub fn block(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_default();
        format!("```{INFO}\n{json}\n```\n")
    }

    /// Reads a signature block's text; `None` if it is not one.
    pub fn parse(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }

    /// The signature on a web page: two lines, right-aligned as a block, centred in it.
    pub fn html(&self) -> String {
        let mut context = Context::new();
        context.insert("office", &self.office);
        context.insert("date", &self.date);
        render_built_in(&TEMPLATE, "signature.html", &context)
    }

    /// The signature in Typst: a blank line of the grid, then the office centred over
    /// the day, the day's end four characters from the right of the block (a
    /// character's cell measured in the text's own face and spacing, as a layout
    /// spaces it). Each on a line of its own, so the lines keep the grid.
    pub fn typst(&self, string: &dyn Fn(&str) -> String) -> String {
        format!(
            "#context {{\n  let cell = measure[中中].width - measure[中].width\n  let (office, date) = ({}, {})\n  \
             let (o, d) = (measure(office).width, measure(date).width)\n  \
             set par(first-line-indent: 0pt, justify: false)\n  v(par.leading + 1em)\n  \
             align(right, pad(right: 4 * cell + (d - o) / 2, office))\n  \
             align(right, pad(right: 4 * cell, date))\n}}\n\n",
            string(&self.office),
            string(&self.date)
        )
    }
}

/// The events with each signature block replaced by `draw(signature)`.
pub fn drawn<'a>(events: Vec<Event<'a>>, draw: &dyn Fn(&Signature) -> Event<'a>) -> Vec<Event<'a>> {
    chart::replaced(events, INFO, &|text| Signature::parse(text).map(|signature| draw(&signature)))
}

/// Markdown with each signature block as the two paragraphs a person reads.
pub fn as_paragraphs(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut lines = md.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        if line.trim_end() == format!("```{INFO}") {
            let data = lines.next().unwrap_or_default();
            if lines.peek().is_some_and(|end| end.trim_end() == "```") {
                lines.next();
            }
            if let Some(signature) = Signature::parse(data.trim()) {
                out.push_str(&format!("{}\n\n{}\n", signature.office, signature.date));
                continue;
            }
            out.push_str(line);
            out.push_str(data);
            continue;
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_travels_in_its_block() {
        let signature = Signature { office: "陝西省公安廳".into(), date: "2019年11月18日".into() };
        let md = format!("正文。\n\n{}", signature.block());
        assert_eq!(as_paragraphs(&md), "正文。\n\n陝西省公安廳\n\n2019年11月18日\n");
        let events = drawn(crate::core::markdown::events(&md), &|s| Event::Html(s.html().into()));
        assert!(
            events
                .iter()
                .any(|e| matches!(e, Event::Html(h) if h.contains("bulletin-signature-date\">2019年11月18日")))
        );
    }
}
