//! The tool's own templates: the pages, the site, the preview, the chart and the
//! parts of the Word file the tool writes itself, as Tera templates compiled into the
//! binary (`include_str!`), every value escaped for the markup it goes into.

use tera::{Context, Tera};

use crate::core::markdown::{escape_html, escape_xml};

/// How the tool's own templates escape the values they are given.
#[derive(Debug, Clone, Copy)]
pub enum Escape {
    /// For HTML: `& < > " '`.
    Html,
    /// For XML: `& < > "`.
    Xml,
}

/// A Tera instance over the tool's own templates (`(name, text)`, compiled into the
/// binary with `include_str!`): the pages, the site, the preview and the parts of
/// the Word file the tool writes itself. Names ending in `.html` or `.xml` escape
/// every value unless it is marked `safe` (a body already made HTML).
///
/// # Panics
///
/// When one of them does not parse: they are the binary's own, and the tests render
/// every one.
pub fn built_in(templates: &[(&str, &str)], escape: Escape) -> Tera {
    let mut tera = Tera::default();
    match escape {
        Escape::Html => tera.set_escape_fn(|text, out| out.write_all(escape_html(text).as_bytes())),
        Escape::Xml => tera.set_escape_fn(|text, out| out.write_all(escape_xml(text).as_bytes())),
    }
    tera.add_raw_templates(templates.iter().copied()).unwrap_or_else(|err| panic!("a built-in template: {err}"));
    tera
}

/// Renders one of the tool's own templates (see [`built_in`]).
///
/// # Panics
///
/// When it fails to render: the context is the tool's own, the tests render every
/// template with it.
pub fn render_built_in(tera: &Tera, name: &str, context: &Context) -> String {
    tera.render(name, context).unwrap_or_else(|err| panic!("the built-in template `{name}`: {err}"))
}
