//! What an output format is, in one table: its name on the command line, its file
//! extension and media type, whether a build writes it, the link a web page offers to
//! it, where the site lists it and whether the preview shows it.
//!
//! Adding an output is one entry here and its renderer in `pipeline::render`.

/// An output of a bulletin. The order is the order outputs are listed and archived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// The bulletin as Markdown.
    Md,
    /// A standalone web page.
    Html,
    /// The archival PDF.
    Pdf,
    /// The generated Typst source, for typesetters.
    Typ,
    /// The web page's article alone, for a website's content system.
    Fragment,
    /// A Word file in official-document style, for the office's staff and the press.
    Docx,
}

/// Whether a build writes a format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// Always (`--without` cannot leave it out).
    Always,
    /// Unless `--without` names it.
    ByDefault,
    /// Only when `--format` names it.
    OnRequest,
}

/// How the site names a link to a format, in the series' script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteLabel {
    /// `網頁` / `网页`.
    WebPage,
    /// `網頁（CMS）`.
    WebPageForCms,
    /// The same in every script.
    Fixed(&'static str),
}

/// Everything the tool knows about one format.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// The format.
    pub format: Format,
    /// Its name on the command line (`--without docx`, `--format typ`).
    pub name: &'static str,
    /// The file extension (`fragment.html`).
    pub extension: &'static str,
    /// Its media type, without a charset.
    pub media_type: &'static str,
    /// Whether it is text (served with `charset=utf-8`).
    pub text: bool,
    /// Whether a build writes it.
    pub written: Written,
    /// The label of the web page's download link to it, if the page offers one.
    pub download: Option<&'static str>,
    /// Its place among a period's links on the site and how the link is named; `None`:
    /// not listed.
    pub site: Option<(u8, SiteLabel)>,
    /// Whether the live preview makes it.
    pub preview: bool,
}

/// The formats, in the order the command line lists them.
pub const TABLE: [Spec; 6] = [
    Spec {
        format: Format::Md,
        name: "md",
        extension: "md",
        media_type: "text/markdown",
        text: true,
        written: Written::Always,
        download: None,
        site: Some((3, SiteLabel::Fixed("Markdown"))),
        preview: true,
    },
    Spec {
        format: Format::Html,
        name: "html",
        extension: "html",
        media_type: "text/html",
        text: true,
        written: Written::ByDefault,
        download: None,
        site: Some((0, SiteLabel::WebPage)),
        preview: true,
    },
    Spec {
        format: Format::Fragment,
        name: "fragment",
        extension: "fragment.html",
        media_type: "text/html",
        text: true,
        written: Written::ByDefault,
        download: None,
        site: Some((4, SiteLabel::WebPageForCms)),
        preview: false,
    },
    Spec {
        format: Format::Pdf,
        name: "pdf",
        extension: "pdf",
        media_type: "application/pdf",
        text: false,
        written: Written::ByDefault,
        download: Some("PDF"),
        site: Some((1, SiteLabel::Fixed("PDF"))),
        preview: true,
    },
    Spec {
        format: Format::Docx,
        name: "docx",
        extension: "docx",
        media_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        text: false,
        written: Written::ByDefault,
        download: Some("Word"),
        site: Some((2, SiteLabel::Fixed("Word"))),
        preview: false,
    },
    Spec {
        format: Format::Typ,
        name: "typ",
        extension: "typ",
        media_type: "text/plain",
        text: true,
        written: Written::OnRequest,
        download: None,
        site: None,
        preview: true,
    },
];

impl Format {
    /// This format's entry in [`TABLE`].
    pub fn spec(self) -> &'static Spec {
        TABLE.iter().find(|spec| spec.format == self).unwrap_or(&TABLE[0])
    }

    /// The file extension of this output.
    pub fn extension(self) -> &'static str {
        self.spec().extension
    }

    /// The value of a `Content-Type` header for it.
    pub fn content_type(self) -> String {
        let spec = self.spec();
        if spec.text { format!("{}; charset=utf-8", spec.media_type) } else { spec.media_type.to_string() }
    }

    /// The format of a file extension (`fragment.html`), if it is one.
    pub fn of_extension(extension: &str) -> Option<Self> {
        TABLE.iter().find(|spec| spec.extension == extension).map(|spec| spec.format)
    }

    /// The format named on the command line (`docx`), if it is one.
    pub fn named(name: &str) -> Option<Self> {
        TABLE.iter().find(|spec| spec.name == name).map(|spec| spec.format)
    }
}

/// The formats a build writes unless told otherwise (what `publish` archives of
/// each edition), in the order of [`TABLE`].
pub fn defaults() -> Vec<Format> {
    written(|written| written != Written::OnRequest)
}

/// The formats whose writing is `which`, in the order of [`TABLE`].
pub fn written(which: impl Fn(Written) -> bool) -> Vec<Format> {
    TABLE.iter().filter(|spec| which(spec.written)).map(|spec| spec.format).collect()
}

/// The formats the live preview makes.
pub fn previewed() -> Vec<Format> {
    TABLE.iter().filter(|spec| spec.preview).map(|spec| spec.format).collect()
}

/// An output's file name: `2019-11-15.pdf`, `2019-11-15.zh-Hans.pdf`.
pub fn file_name(stem: &str, suffix: &str, format: Format) -> String {
    format!("{stem}{suffix}.{}", format.extension())
}

/// The other formats a web page links to: those of `formats` a reader downloads,
/// by label and file name beside the page.
pub fn links(stem: &str, suffix: &str, formats: &[Format]) -> Vec<(String, String)> {
    let mut formats = formats.to_vec();
    formats.sort();
    formats
        .into_iter()
        .filter_map(|format| Some((format.spec().download?.to_string(), file_name(stem, suffix, format))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_one_entry_and_a_name_of_its_own() {
        let all = [Format::Md, Format::Html, Format::Pdf, Format::Typ, Format::Fragment, Format::Docx];
        for format in all {
            assert_eq!(TABLE.iter().filter(|spec| spec.format == format).count(), 1, "{format:?}");
            assert_eq!(Format::named(format.spec().name), Some(format));
            assert_eq!(Format::of_extension(format.extension()), Some(format));
        }
        assert_eq!(defaults(), [Format::Md, Format::Html, Format::Fragment, Format::Pdf, Format::Docx]);
        assert_eq!(Format::Html.content_type(), "text/html; charset=utf-8");
        assert_eq!(
            links("a", ".zh-Hans", &defaults()),
            [("PDF".to_string(), "a.zh-Hans.pdf".to_string()), ("Word".to_string(), "a.zh-Hans.docx".to_string())]
        );
    }
}
