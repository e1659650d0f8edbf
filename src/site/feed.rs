//! A series' Atom feed (`out/<series>/feed.xml`), written with `atom_syndication`:
//! an entry per published period, ids that never change.

use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text, WriteConfig};
use percent_encoding::utf8_percent_encode;
use sha2::{Digest, Sha256};

use crate::core::time::chinese_date;
use crate::diag::{self, Diagnostic};
use crate::i18n::t;
use crate::site::pages::{
    SEGMENT, Words, format_name, media_type, period_date, row_label, script, several_editions, words_in,
};
use crate::site::{FEED, INDEX, Output, Series, State};

/// A series' Atom feed: an entry per published period (drafts are never in it),
/// its `updated` the latest publication, so the same archive gives the same feed.
/// `None` for a series with drafts only.
pub(super) fn feed(series: &Series) -> diag::Result<Option<Vec<u8>>> {
    let script = script(&series.lang);
    let words = words_in(script);
    let time = |text: &str| {
        FixedDateTime::parse_from_rfc3339(text).map_err(|err| {
            vec![Diagnostic::error(t!("feed-bad-time", time = text, series = &series.name, reason = err.to_string()))]
        })
    };
    let mut entries = vec![];
    let mut updated: Option<FixedDateTime> = None;
    for period in &series.periods {
        let State::Published { version, first, latest, reason } = &period.state else { continue };
        let at = time(latest)?;
        updated = updated.max(Some(at));
        let mut summary =
            format!("{} · {}{}", period_date(&period.as_of, script), chinese_date(first), words.published);
        if *version > 1 {
            summary.push_str(&format!(" · {}{}", chinese_date(latest), words.corrected));
            if let Some(reason) = reason {
                summary.push_str(&format!(" · {}：{reason}", words.reason));
            }
        }
        let several = several_editions(period);
        // One `alternate` per media type and language (RFC 4287 4.2.7.2): the web page
        // is the bulletin's HTML alternate, the fragment and the notices are related.
        let mut alternates = std::collections::BTreeSet::new();
        let links = period
            .files
            .iter()
            .map(|file| {
                let (lang, kind) = (file.edition.clone().unwrap_or_else(|| series.lang.clone()), media_type(&file.ext));
                let alternate = file.notice.is_none() && alternates.insert((lang.clone(), kind));
                Link {
                    href: utf8_percent_encode(&file.name, SEGMENT).to_string(),
                    rel: if alternate { "alternate" } else { "related" }.to_string(),
                    hreflang: Some(lang),
                    mime_type: kind.map(str::to_string),
                    title: Some(xml_chars(&link_title(series, file, several, words))),
                    length: None,
                }
            })
            .collect();
        entries.push(Entry {
            title: Text::plain(xml_chars(&period.title)),
            id: urn(&[&series.name, &period.as_of]),
            updated: at,
            published: Some(time(first)?),
            summary: Some(Text::plain(xml_chars(&summary))),
            links,
            ..Entry::default()
        });
    }
    let Some(updated) = updated else { return Ok(None) };
    let feed = Feed {
        title: Text::plain(xml_chars(&series.heading)),
        id: urn(&[&series.name]),
        updated,
        authors: vec![Person { name: xml_chars(&series.author), ..Person::default() }],
        links: vec![
            Link {
                href: FEED.to_string(),
                rel: "self".to_string(),
                mime_type: Some("application/atom+xml".to_string()),
                ..Link::default()
            },
            Link { href: INDEX.to_string(), mime_type: Some("text/html".to_string()), ..Link::default() },
        ],
        entries,
        lang: Some(series.lang.clone()),
        ..Feed::default()
    };
    let config = WriteConfig { write_document_declaration: true, indent_size: Some(2) };
    let mut bytes = feed.write_with_config(Vec::new(), config).map_err(|err| {
        vec![Diagnostic::error(t!("feed-cannot-write", series = &series.name, reason = err.to_string()))]
    })?;
    bytes.push(b'\n');
    Ok(Some(bytes))
}

/// Text without the characters XML 1.0 cannot hold even escaped (control characters
/// but tab and line breaks, unpaired surrogates' stand-ins U+FFFE and U+FFFF): one in a
/// record's reason made the whole feed unreadable to every reader.
fn xml_chars(text: &str) -> String {
    text.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..))
        .collect()
}

/// A link's title in a feed: `更正說明 简体 PDF`.
fn link_title(series: &Series, file: &Output, several: bool, words: &Words) -> String {
    let (label, edition) = row_label(series, file, several, words);
    let format = format_name(&file.ext, words);
    [label.as_str(), edition.as_str(), format.as_str()]
        .iter()
        .filter(|part| !part.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A permanent identifier for a feed or an entry, from its names alone: a UUID
/// (RFC 9562, version 8) made of their SHA-256, so it is the same on every run and
/// needs no domain the office may not have.
fn urn(names: &[&str]) -> String {
    let mut hash = Sha256::new();
    hash.update(b"bulletin site");
    for name in names {
        hash.update([0]);
        hash.update(name.as_bytes());
    }
    let mut bytes: [u8; 16] = hash.finalize()[..16].try_into().unwrap_or_default();
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("urn:uuid:{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_a_feed_cannot_hold_is_left_out() {
        assert_eq!(xml_chars("更正\u{1}原因\u{b}：\u{fffe}甲\t乙"), "更正原因：甲\t乙");
    }

    #[test]
    fn identifiers_are_stable_uuids() {
        let id = urn(&["shiyaohuan", "2019-11-15"]);
        assert_eq!(id, urn(&["shiyaohuan", "2019-11-15"]));
        assert_ne!(id, urn(&["shiyaohuan", "2019-11-16"]));
        assert_ne!(urn(&["a", "bc"]), urn(&["ab", "c"]));
        let uuid = id.strip_prefix("urn:uuid:").unwrap();
        let groups: Vec<usize> = uuid.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert!(uuid[14..15] == *"8", "version 8: {uuid}");
        assert!("89ab".contains(&uuid[19..20]), "RFC variant: {uuid}");
    }
}
