//! Editions: the bulletin in another script, converted from the rendered Markdown
//! (Markdown → Markdown of another script), phrase by phrase with OpenCC's
//! dictionaries (the `ferrous-opencc` crate, Apache-2.0).
//!
//! Only the text is converted: the Markdown's own syntax, link targets, code and
//! every ASCII character (figures, URLs) pass through byte for byte. A series lists
//! terms that must never be converted (names of people and places) and terms
//! converted its own way; both win over the dictionaries.

use std::ops::Range;
use std::sync::OnceLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use pulldown_cmark::{CodeBlockKind, Event, LinkType, Tag, TagEnd};

use crate::core::format::Script;
use crate::core::language::Language;
use crate::core::markdown;

/// A converter from the script a series is written in to an edition's script.
pub struct Converter {
    /// The dictionaries, `None` when both scripts are the same.
    opencc: Option<&'static OpenCC>,
    /// Terms kept or replaced, longest first: (as written, as printed).
    terms: Vec<(String, String)>,
    /// Characters the dictionaries leave in a variant of the other script.
    mended: &'static [(char, char)],
}

/// What `ferrous-opencc`'s `tw2s` and `hk2s` leave Traditional: their first step
/// writes Taiwan's 抬 as OpenCC's standard 擡, which their Simplified dictionary
/// lacks (`哄抬` came out `哄擡`).
const MENDED_TO_SIMPLIFIED: &[(char, char)] = &[('擡', '抬')];

/// The converters, loaded once a process (their dictionaries take a while to open).
///
/// Traditional text follows its region's standard: Taiwan's (著 for the particle,
/// 著力; OpenCC's `tw` configurations) unless the region is Hong Kong or Macao
/// (`hk`). OpenCC's own standard would leave 著力 and 關係著 unconverted in
/// Simplified, where they are 着力 and 关系着.
fn opencc(from: Language, to: Language) -> Option<&'static OpenCC> {
    static CELLS: [OnceLock<OpenCC>; 4] = [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let hong_kong = |language: Language| matches!(language.region, "hk" | "mo");
    let (index, config) = match (from.script, to.script) {
        (Script::Hant, Script::Hans) if hong_kong(from) => (0, BuiltinConfig::Hk2s),
        (Script::Hant, Script::Hans) => (1, BuiltinConfig::Tw2s),
        (Script::Hans, Script::Hant) if hong_kong(to) => (2, BuiltinConfig::S2hk),
        (Script::Hans, Script::Hant) => (3, BuiltinConfig::S2tw),
        _ => return None,
    };
    let cell = &CELLS[index];
    Some(cell.get_or_init(|| {
        // The configurations are compiled into the crate: opening one fails only if
        // the crate itself is broken.
        OpenCC::from_config(config).unwrap_or_else(|err| panic!("the built-in OpenCC dictionaries: {err}"))
    }))
}

impl Converter {
    /// A converter `from` → `to` that keeps each of `protect` as written and writes
    /// each key of `overrides` as its value.
    pub fn new(from: Language, to: Language, protect: &[String], overrides: &[(String, String)]) -> Self {
        let mut terms: Vec<(String, String)> = protect
            .iter()
            .map(|term| (term.clone(), term.clone()))
            .chain(overrides.iter().cloned())
            .filter(|(term, _)| !term.is_empty())
            .collect();
        // At any point the longest term wins.
        terms.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then_with(|| a.0.cmp(&b.0)));
        let mended = if to.script == Script::Hans { MENDED_TO_SIMPLIFIED } else { &[] };
        Self { opencc: opencc(from, to), terms, mended }
    }

    /// Whether this converts at all.
    pub fn converts(&self) -> bool {
        self.opencc.is_some()
    }

    /// Converts plain text, keeping the protected terms and applying the overrides.
    pub fn text(&self, text: &str) -> String {
        let Some(opencc) = self.opencc else { return text.to_string() };
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while !rest.is_empty() {
            // The earliest term, the longest at that place.
            let found = self
                .terms
                .iter()
                .filter_map(|(term, printed)| rest.find(term.as_str()).map(|at| (at, term, printed)))
                .min_by_key(|(at, term, _)| (*at, usize::MAX - term.len()));
            match found {
                Some((at, term, printed)) => {
                    out.push_str(&self.convert(opencc, &rest[..at]));
                    out.push_str(printed);
                    rest = &rest[at + term.len()..];
                }
                None => {
                    out.push_str(&self.convert(opencc, rest));
                    break;
                }
            }
        }
        out
    }

    /// The dictionaries' conversion, mended.
    fn convert(&self, opencc: &OpenCC, text: &str) -> String {
        let converted = opencc.convert(text);
        match self.mended.iter().any(|&(from, _)| converted.contains(from)) {
            true => converted.chars().map(|c| self.mended.iter().find(|m| m.0 == c).map_or(c, |m| m.1)).collect(),
            false => converted,
        }
    }

    /// Converts the text of a Markdown document; its syntax stays byte for byte.
    pub fn markdown(&self, md: &str) -> String {
        if !self.converts() {
            return md.to_string();
        }
        let mut out = String::with_capacity(md.len());
        let mut at = 0;
        for range in text_ranges(md) {
            out.push_str(&md[at..range.start]);
            out.push_str(&self.text(&md[range.clone()]));
            at = range.end;
        }
        out.push_str(&md[at..]);
        out
    }

    /// The terms of `text` that a conversion keeps or replaces, each once, in order.
    pub fn protected_in(&self, text: &str) -> Vec<&str> {
        let mut found: Vec<&str> =
            self.terms.iter().filter(|(term, _)| text.contains(term.as_str())).map(|(term, _)| term.as_str()).collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// Where a Markdown document's text stands (not its syntax, code or link targets),
/// in order and without overlaps.
fn text_ranges(md: &str) -> Vec<Range<usize>> {
    // Code and an autolink's text (which is its target) are never text to convert.
    let mut verbatim = 0usize;
    let mut ranges: Vec<Range<usize>> = vec![];
    for (event, range) in markdown::parser(md).into_offset_iter() {
        match &event {
            // A chart's data and a signature's are converted like text: its labels,
            // caption, office and day are words.
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if [crate::render::chart::INFO, crate::render::signature::INFO].contains(&info.as_ref()) => {}
            Event::End(TagEnd::CodeBlock) if verbatim == 0 => {}
            Event::Start(Tag::CodeBlock(_))
            | Event::Start(Tag::Link { link_type: LinkType::Autolink | LinkType::Email, .. }) => verbatim += 1,
            Event::End(TagEnd::CodeBlock) => verbatim = verbatim.saturating_sub(1),
            Event::End(TagEnd::Link) if verbatim > 0 && md[range.clone()].starts_with('<') => {
                verbatim = verbatim.saturating_sub(1);
            }
            // Raw HTML is printed as text (see `markdown::events`), so it is converted too.
            Event::Text(_) | Event::Html(_) | Event::InlineHtml(_)
                if verbatim == 0 && md[range.clone()].bytes().any(|b| b >= 0x80) =>
            {
                ranges.push(range);
            }
            _ => {}
        }
    }
    ranges.sort_by_key(|range| range.start);
    let mut merged: Vec<Range<usize>> = vec![];
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start < last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    const HANT: Language = Language { script: Script::Hant, region: "tw" };
    const HANS: Language = Language { script: Script::Hans, region: "cn" };

    fn t2s() -> Converter {
        Converter::new(HANT, HANS, &["胡明朗".to_string()], &[])
    }

    fn s2t() -> Converter {
        Converter::new(HANS, HANT, &[], &[])
    }

    /// Phrases a character-by-character converter gets wrong, in both directions.
    const HARD: [(&str, &str); 34] = [
        ("乾隆年間", "乾隆年间"),
        ("乾淨", "干净"),
        ("乾燥", "干燥"),
        ("幹部", "干部"),
        ("頭髮", "头发"),
        ("發展", "发展"),
        ("以後", "以后"),
        ("皇后", "皇后"),
        ("製造", "制造"),
        ("制度", "制度"),
        ("著作", "著作"),
        ("著力", "着力"),
        ("鬍鬚", "胡须"),
        ("胡先生", "胡先生"),
        ("理髮", "理发"),
        ("出發", "出发"),
        ("後來", "后来"),
        ("皇后娘娘", "皇后娘娘"),
        ("樹幹", "树干"),
        ("干擾", "干扰"),
        ("若干", "若干"),
        ("控制", "控制"),
        ("製作", "制作"),
        ("顯著", "显著"),
        ("著名", "著名"),
        ("一隻", "一只"),
        ("只有", "只有"),
        ("鐘錶", "钟表"),
        ("鍾情", "钟情"),
        ("麵條", "面条"),
        ("面對", "面对"),
        ("瞭解", "了解"),
        ("萬元", "万元"),
        ("億元", "亿元"),
    ];

    #[test]
    fn a_character_the_dictionaries_leave_traditional_is_mended() {
        // Taiwan's 抬 became OpenCC's 擡 on the way, which stayed in Simplified.
        assert_eq!(t2s().text("嚴厲打擊哄抬物價，抬頭"), "严厉打击哄抬物价，抬头");
        let hk = Language { script: Script::Hant, region: "hk" };
        assert_eq!(Converter::new(hk, HANS, &[], &[]).text("哄抬物價"), "哄抬物价");
        assert_eq!(s2t().text("哄抬物价"), "哄抬物價");
    }

    #[test]
    fn hard_phrases_convert_by_phrase_from_traditional() {
        let convert = t2s();
        for (traditional, simplified) in HARD {
            assert_eq!(convert.text(traditional), simplified, "{traditional}");
        }
    }

    #[test]
    fn hard_phrases_convert_by_phrase_from_simplified() {
        let convert = s2t();
        // The other direction is ambiguous for some (干 → 乾/幹/干, 只 → 隻/只):
        // each of these takes its phrase's character.
        let cases = [
            ("干净", "乾淨"),
            ("干燥", "乾燥"),
            ("干部", "幹部"),
            ("树干", "樹幹"),
            ("干扰", "干擾"),
            ("若干", "若干"),
            ("头发", "頭髮"),
            ("理发", "理髮"),
            ("发展", "發展"),
            ("出发", "出發"),
            ("以后", "以後"),
            ("皇后", "皇后"),
            ("制造", "製造"),
            ("制度", "制度"),
            ("制作", "製作"),
            ("著作", "著作"),
            ("着力", "著力"),
            ("显著", "顯著"),
            ("胡须", "鬍鬚"),
            ("一只", "一隻"),
            ("只有", "只有"),
            ("钟表", "鐘錶"),
            ("面条", "麵條"),
            ("面对", "面對"),
            ("万元", "萬元"),
            ("亿元", "億元"),
            ("乾隆", "乾隆"),
            ("后来", "後來"),
            ("了解", "瞭解"),
            ("发起", "發起"),
        ];
        for (simplified, traditional) in cases {
            assert_eq!(convert.text(simplified), traditional, "{simplified}");
        }
    }

    #[test]
    fn protected_terms_and_overrides_win() {
        let convert = t2s();
        assert_eq!(convert.text("廳長胡明朗任組長"), "厅长胡明朗任组长");
        let names = Converter::new(HANS, HANT, &["胡明朗".to_string()], &[("范某".into(), "范某".into())]);
        assert_eq!(names.text("胡明朗和范某"), "胡明朗和范某");
        let overrides = Converter::new(HANT, HANS, &[], &[("陝西".into(), "陕西".into())]);
        assert_eq!(overrides.text("陝西省"), "陕西省");
        assert_eq!(convert.protected_in("廳長胡明朗"), ["胡明朗"]);
    }

    #[test]
    fn only_the_markdown_text_is_converted() {
        let md = "# 陝西省通報\n\n**一是強化。**截止11月15日，涉案金額16.7億元。[連結](https://例.中國/後)`後`\n\n| 類別 | 案件數 |\n| --- | ---: |\n| 食品類 | 186 |\n";
        let out = t2s().markdown(md);
        assert_eq!(
            out,
            "# 陕西省通报\n\n**一是强化。**截止11月15日，涉案金额16.7亿元。[连结](https://例.中國/後)`後`\n\n| 类别 | 案件数 |\n| --- | ---: |\n| 食品类 | 186 |\n"
        );
        let code = "<https://例子.中國/後面>\n\n```\n後面的代碼\n```\n\n    縮進的代碼\n\n後來\n";
        assert_eq!(
            t2s().markdown(code),
            "<https://例子.中國/後面>\n\n```\n後面的代碼\n```\n\n    縮進的代碼\n\n后来\n"
        );
        let same = Converter::new(HANT, HANT, &[], &[]);
        assert_eq!(same.markdown(md), md);
    }
}
