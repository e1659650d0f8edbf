//! A language tag read: the script filters write in and the region Typst sets
//! punctuation for (`zh-Hant` → Traditional, `tw`); and what a Chinese character is.

use crate::core::format::Script;
use crate::i18n::t;

/// A language tag read: the script filters write in, and the region Typst sets
/// punctuation for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    /// Traditional or Simplified.
    pub script: Script,
    /// `cn`, `tw`, `hk` or `mo`, lowercase as Typst takes it.
    pub region: &'static str,
}

impl Language {
    /// Reads `zh-Hant`, `zh-Hans`, `zh-Hant-HK`, `zh-CN`, `zh-TW` ….
    pub fn parse(tag: &str) -> Result<Self, String> {
        use Script::{Hans, Hant};
        let parts: Vec<String> = tag.split(['-', '_']).map(str::to_ascii_lowercase).collect();
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        let (script, region) = match parts.as_slice() {
            ["zh", "hant"] => (Hant, "tw"),
            ["zh", "hans"] => (Hans, "cn"),
            ["zh", "hant", "tw"] | ["zh", "tw"] => (Hant, "tw"),
            ["zh", "hant", "hk"] | ["zh", "hk"] => (Hant, "hk"),
            ["zh", "hant", "mo"] | ["zh", "mo"] => (Hant, "mo"),
            ["zh", "hans", "cn"] | ["zh", "cn"] => (Hans, "cn"),
            ["zh", "hans", "sg"] | ["zh", "sg"] => (Hans, "sg"),
            _ => {
                return Err(t!("language-unknown", tag = tag).text);
            }
        };
        Ok(Self { script, region })
    }
}

/// A Chinese character (the CJK Unified Ideographs and their extensions).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_give_script_and_region() {
        assert_eq!(Language::parse("zh-Hant"), Ok(Language { script: Script::Hant, region: "tw" }));
        assert_eq!(Language::parse("zh-Hans"), Ok(Language { script: Script::Hans, region: "cn" }));
        assert_eq!(Language::parse("zh-Hant-HK").map(|l| l.region), Ok("hk"));
        assert_eq!(Language::parse("zh-CN").map(|l| l.script), Ok(Script::Hans));
        assert!(Language::parse("en").is_err());
    }
}
