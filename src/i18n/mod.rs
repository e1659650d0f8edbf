//! The tool's own words in the user's language: Simplified Chinese, Traditional
//! Chinese or English, from one Project Fluent catalogue per language
//! (`locales/<tag>/bulletin.ftl`, embedded in the binary), looked up by a stable key
//! with named arguments ([`t!`]).
//!
//! The lowest layer: every other one, `diag` and `io` included, may use it; it uses
//! nothing of the crate. The language is chosen once, by `main` ([`set`]); code that
//! never sets it (the library's own tests, the benchmarks) speaks English.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// A language the tool speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English (`en`).
    En,
    /// Simplified Chinese (`zh-Hans`).
    ZhHans,
    /// Traditional Chinese (`zh-Hant`).
    ZhHant,
}

impl Lang {
    /// Every language, in the order of [`Lang::tag`]'s catalogues.
    pub const ALL: [Self; 3] = [Self::En, Self::ZhHans, Self::ZhHant];

    /// The BCP 47 tag: the name of its folder under `locales/` and the `lang` of a page.
    pub fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::ZhHans => "zh-Hans",
            Self::ZhHant => "zh-Hant",
        }
    }

    /// The catalogue's text, as shipped in the binary.
    pub fn catalogue(self) -> &'static str {
        match self {
            Self::En => include_str!("../../locales/en/bulletin.ftl"),
            Self::ZhHans => include_str!("../../locales/zh-Hans/bulletin.ftl"),
            Self::ZhHant => include_str!("../../locales/zh-Hant/bulletin.ftl"),
        }
    }

    /// The language a `--lang`/`BULLETIN_LANG` value names: a tag (`zh-Hans`,
    /// `zh-Hant`, `en`) or a locale (`zh_CN.UTF-8`); `None` for one the tool does not
    /// know, which the caller reports.
    pub fn named(value: &str) -> Option<Self> {
        let value = value.trim().replace('_', "-").to_ascii_lowercase();
        match value.as_str() {
            "en" | "english" => Some(Self::En),
            "zh-hans" | "zh-cn" | "zh-sg" | "zh" => Some(Self::ZhHans),
            "zh-hant" | "zh-tw" | "zh-hk" | "zh-mo" => Some(Self::ZhHant),
            _ => None,
        }
    }

    /// The language of a POSIX locale (`zh_CN.UTF-8`, `zh_TW`, `C`): Simplified for
    /// mainland China and Singapore, Traditional for Taiwan, Hong Kong and Macao,
    /// English for any other.
    pub fn of_locale(locale: &str) -> Self {
        let name = locale.split(['.', '@']).next().unwrap_or_default().replace('-', "_").to_ascii_lowercase();
        match name.as_str() {
            "zh_cn" | "zh_sg" | "zh_hans" | "zh" => Self::ZhHans,
            "zh_tw" | "zh_hk" | "zh_mo" | "zh_hant" => Self::ZhHant,
            _ => Self::En,
        }
    }

    /// The language the environment asks for when no `--lang` is given:
    /// `BULLETIN_LANG`, else the first set of `LC_ALL`, `LC_MESSAGES`, `LANG` (the
    /// order in which POSIX lets them override each other).
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Self {
        if let Some(named) = var("BULLETIN_LANG").as_deref().and_then(Self::named) {
            return named;
        }
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| var(name).filter(|value| !value.is_empty()))
            .map_or(Self::En, |locale| Self::of_locale(&locale))
    }
}

/// The language chosen for this run.
static CHOSEN: OnceLock<Lang> = OnceLock::new();

/// Chooses the language of this run; the first choice holds.
pub fn set(lang: Lang) {
    let _ = CHOSEN.set(lang);
}

/// The language of this run: English until [`set`] chose another.
pub fn lang() -> Lang {
    CHOSEN.get().copied().unwrap_or(Lang::En)
}

/// One catalogue, parsed once.
fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let index = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    BUNDLES[index].get_or_init(|| {
        let id: LanguageIdentifier = lang.tag().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // No invisible isolation marks around arguments: the text goes to terminals,
        // files and pages that would show them or trip over them.
        bundle.set_use_isolating(false);
        // A catalogue that does not parse is caught by the catalogue test; what parsed
        // of it is still used.
        let resource = FluentResource::try_new(lang.catalogue().to_string()).unwrap_or_else(|(partial, _)| partial);
        let _ = bundle.add_resource(resource);
        bundle
    })
}

/// A text of the catalogue with its key, so a diagnostic keeps which message it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The message's key in every catalogue, `None` for text from elsewhere.
    pub key: Option<&'static str>,
    /// The text in the chosen language.
    pub text: String,
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<Text> for String {
    fn from(text: Text) -> Self {
        text.text
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Self { key: None, text }
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Self { key: None, text: text.to_string() }
    }
}

/// The message `key` in the chosen language with its arguments filled in.
pub fn text(key: &'static str, args: Vec<(&'static str, Arg)>) -> Text {
    Text { key: Some(key), text: text_in(lang(), key, args) }
}

/// The message `key` in `lang`; a key missing from that catalogue (which the
/// catalogue test forbids) falls back to English, then to the key itself.
pub fn text_in(lang: Lang, key: &str, args: Vec<(&'static str, Arg)>) -> String {
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        fluent.set(name, value.0);
    }
    for lang in [lang, Lang::En] {
        let bundle = bundle(lang);
        if let Some(pattern) = bundle.get_message(key).and_then(|message| message.value()) {
            let mut errors = vec![];
            return bundle.format_pattern(pattern, Some(&fluent), &mut errors).into_owned();
        }
    }
    key.to_string()
}

/// One argument of a message: a count (which the English text may choose its plural
/// by) or a text (a name, a path, a figure as the series prints it).
pub struct Arg(FluentValue<'static>);

macro_rules! count_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Self(FluentValue::from(n))
            }
        }
        impl From<&$t> for Arg {
            fn from(n: &$t) -> Self {
                Self(FluentValue::from(*n))
            }
        }
    )*};
}
count_args!(usize, u64, u32, u16, u8, i64, i32);

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Self(FluentValue::from(text))
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Self(FluentValue::from(text.clone()))
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Self(FluentValue::from(text.to_string()))
    }
}

impl From<&&str> for Arg {
    fn from(text: &&str) -> Self {
        Self(FluentValue::from((*text).to_string()))
    }
}

impl From<Cow<'_, str>> for Arg {
    fn from(text: Cow<'_, str>) -> Self {
        Self(FluentValue::from(text.into_owned()))
    }
}

impl From<&Path> for Arg {
    fn from(path: &Path) -> Self {
        Self(FluentValue::from(path.display().to_string()))
    }
}

impl From<PathBuf> for Arg {
    fn from(path: PathBuf) -> Self {
        Self(FluentValue::from(path.display().to_string()))
    }
}

impl From<&PathBuf> for Arg {
    fn from(path: &PathBuf) -> Self {
        Self(FluentValue::from(path.display().to_string()))
    }
}

impl From<Text> for Arg {
    fn from(text: Text) -> Self {
        Self(FluentValue::from(text.text))
    }
}

impl From<&Text> for Arg {
    fn from(text: &Text) -> Self {
        Self(FluentValue::from(text.text.clone()))
    }
}

/// `t!("key", name = value, …)`: the message `key` of the catalogue in the chosen
/// language, as a [`Text`] that remembers its key.
#[macro_export]
macro_rules! __t {
    ($key:literal $(,)?) => { $crate::i18n::text($key, ::std::vec::Vec::new()) };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::text($key, ::std::vec![$((::std::stringify!($name), $crate::i18n::Arg::from($value))),+])
    };
}
pub use __t as t;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_choose_the_script() {
        for (locale, lang) in [
            ("zh_CN.UTF-8", Lang::ZhHans),
            ("zh_SG", Lang::ZhHans),
            ("zh_TW.UTF-8", Lang::ZhHant),
            ("zh_HK.Big5", Lang::ZhHant),
            ("zh_MO", Lang::ZhHant),
            ("C", Lang::En),
            ("C.UTF-8", Lang::En),
            ("fr_FR.UTF-8", Lang::En),
        ] {
            assert_eq!(Lang::of_locale(locale), lang, "{locale}");
        }
    }

    #[test]
    fn bulletin_lang_then_lc_all_then_lc_messages_then_lang() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_string())
        };
        assert_eq!(Lang::from_env(env(&[("LANG", "zh_TW.UTF-8")])), Lang::ZhHant);
        assert_eq!(Lang::from_env(env(&[("LANG", "zh_TW.UTF-8"), ("LC_MESSAGES", "zh_CN")])), Lang::ZhHans);
        assert_eq!(Lang::from_env(env(&[("LC_MESSAGES", "zh_CN"), ("LC_ALL", "C")])), Lang::En);
        assert_eq!(Lang::from_env(env(&[("LC_ALL", ""), ("LANG", "zh_HK")])), Lang::ZhHant);
        assert_eq!(Lang::from_env(env(&[("LANG", "zh_CN"), ("BULLETIN_LANG", "en")])), Lang::En);
        assert_eq!(Lang::from_env(env(&[])), Lang::En);
    }
}
