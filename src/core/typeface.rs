//! The styles of Chinese typefaces an official document names (小标宋, 仿宋, 楷, 黑,
//! 宋), read from a family's name, and the faces that have each: so that a role set
//! in a face of another style (仿宋 → 宋 on a machine without a 仿宋) is said, not
//! silent.

use crate::i18n::t;

/// A typeface style, as GB/T 9704 names them for a document's parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Style {
    /// 小标宋: the title.
    XiaoBiaoSong,
    /// 仿宋: the body.
    FangSong,
    /// 楷: second-level headings.
    Kai,
    /// 黑: first-level headings.
    Hei,
    /// 宋: page numbers, and what stands in for the others on most machines.
    Song,
}

impl Style {
    /// The style a family's name says (`FangSong_GB2312`, `cwTeXFangSong`, `AR PL UKai`,
    /// `Noto Sans CJK SC`, `SimSun`…), if it says one.
    pub fn of(family: &str) -> Option<Self> {
        let name = family.to_lowercase();
        let has = |words: &[&str]| words.iter().any(|word| name.contains(word));
        if has(&["xiaobiaosong", "小标宋", "小標宋"]) {
            Some(Self::XiaoBiaoSong)
        } else if has(&["fangsong", "仿宋"]) {
            Some(Self::FangSong)
        } else if has(&["kai", "楷"]) {
            Some(Self::Kai)
        } else if has(&["hei", "黑", "sans"]) {
            Some(Self::Hei)
        } else if has(&["song", "simsun", "宋", "serif", "ming", "明"]) {
            Some(Self::Song)
        } else {
            None
        }
    }

    /// The style's name, as an office says it.
    pub fn name(self) -> String {
        match self {
            Self::XiaoBiaoSong => t!("style-xiaobiaosong"),
            Self::FangSong => t!("style-fangsong"),
            Self::Kai => t!("style-kai"),
            Self::Hei => t!("style-hei"),
            Self::Song => t!("style-song"),
        }
        .text
    }

    /// Faces of this style an office can install, licensed and free, each with where it
    /// comes from.
    pub fn faces(self) -> Vec<String> {
        let faces = match self {
            Self::XiaoBiaoSong => vec![t!("face-fzxiaobiaosong"), t!("face-no-free-xiaobiaosong")],
            Self::FangSong => vec![t!("face-fangsong-licensed"), t!("face-cwtex-fangsong"), t!("face-zhuque")],
            Self::Kai => vec![t!("face-kai-licensed"), t!("face-ukai"), t!("face-lxgw")],
            Self::Hei => vec![t!("face-simhei"), t!("face-noto-sans")],
            Self::Song => vec![t!("face-simsun"), t!("face-noto-serif")],
        };
        faces.into_iter().map(|face| face.text).collect()
    }
}

/// A role set in a face of another style than the one its first family has.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StandIn {
    /// The role (`body`, `title`, …).
    pub role: String,
    /// The style its first family has: what the layout asks for.
    pub wanted: Style,
    /// The face it is set in.
    pub face: String,
    /// That face's style.
    pub style: Style,
}

impl StandIn {
    /// The stand-in, when `face` (the family a role resolved to) is of another style
    /// than `first` (the first family the role lists). A face whose name says no style
    /// (Times New Roman) is never one.
    pub fn of(role: &str, first: &str, face: &str) -> Option<Self> {
        let (wanted, style) = (Style::of(first)?, Style::of(face)?);
        (wanted != style).then(|| Self { role: role.to_string(), wanted, face: face.to_string(), style })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_their_style() {
        let cases = [
            ("FZXiaoBiaoSong-B05", Some(Style::XiaoBiaoSong)),
            ("方正小標宋簡體", Some(Style::XiaoBiaoSong)),
            ("FangSong_GB2312", Some(Style::FangSong)),
            ("cwTeXFangSong", Some(Style::FangSong)),
            ("仿宋", Some(Style::FangSong)),
            ("AR PL UKai TW", Some(Style::Kai)),
            ("LXGW WenKai", Some(Style::Kai)),
            ("SimHei", Some(Style::Hei)),
            ("Noto Sans CJK SC", Some(Style::Hei)),
            ("SimSun", Some(Style::Song)),
            ("Noto Serif CJK TC", Some(Style::Song)),
            ("Times New Roman", None),
        ];
        for (family, style) in cases {
            assert_eq!(Style::of(family), style, "{family}");
        }
    }

    #[test]
    fn a_face_of_the_same_style_or_of_none_stands_in_for_nothing() {
        let stand_in = StandIn::of("body", "FangSong_GB2312", "Noto Serif CJK SC").expect("仿宋 → 宋");
        assert_eq!((stand_in.wanted, stand_in.style), (Style::FangSong, Style::Song));
        assert_eq!(StandIn::of("body", "FangSong_GB2312", "cwTeXFangSong"), None);
        assert_eq!(StandIn::of("latin", "Times New Roman", "Noto Serif CJK SC"), None);
        assert_eq!(StandIn::of("heading", "SimHei", "Noto Sans CJK TC"), None);
    }
}
