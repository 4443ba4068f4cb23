//! Monaco as an IDE for IAM policies: completion and hover, computed in Rust from the editor's text
//! and a cursor offset, returned as plain data that `js/monaco.js` hands to Monaco's providers.
//! What the names mean comes from `roleplay_policy::reference`; services, actions, resource types
//! and their keys from the service catalog when it has loaded.
//!
//! Pure functions, no DOM: everything here is tested natively. Offsets crossing the boundary are in
//! UTF-16 code units, as Monaco counts them.

mod complete;
mod context;
mod docs;
mod hover;

pub use complete::Kind;
use roleplay_catalog::Catalog;
use roleplay_policy::PolicyKind;
use serde::Serialize;
use std::ops::Range;

/// One completion item for Monaco.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Completion {
    pub label: String,
    pub kind: Kind,
    pub detail: String,
    /// Markdown.
    pub documentation: String,
    pub insert_text: String,
    pub snippet: bool,
    /// Open the list again after inserting.
    pub retrigger: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter_text: Option<String>,
    /// The range the item replaces, as UTF-16 offsets.
    pub start: u32,
    pub end: u32,
}

/// A hover for Monaco: markdown and the range it describes (UTF-16 offsets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hover {
    pub contents: String,
    pub start: u32,
    pub end: u32,
}

/// The completion items at `offset` (UTF-16) in a policy of `kind`, in the order to show them.
pub fn completions(
    text: &str,
    offset: u32,
    kind: PolicyKind,
    catalog: Option<&Catalog>,
) -> Vec<Completion> {
    let cursor = byte_offset(text, offset);
    let scan = context::scan(text, cursor);
    let (range, items) = complete::complete(text, cursor, &scan, kind, catalog);
    let (start, end) = utf16_range(text, range);
    items
        .into_iter()
        .map(|i| Completion {
            label: i.label,
            kind: i.kind,
            detail: i.detail,
            documentation: i.documentation,
            insert_text: i.insert,
            snippet: i.snippet,
            retrigger: i.retrigger,
            filter_text: i.filter,
            start,
            end,
        })
        .collect()
}

/// The hover at `offset` (UTF-16), if the string there means something.
pub fn hover(text: &str, offset: u32, catalog: Option<&Catalog>) -> Option<Hover> {
    let cursor = byte_offset(text, offset);
    let (range, contents) = hover::hover(&context::scan(text, cursor), catalog)?;
    let (start, end) = utf16_range(text, range);
    Some(Hover {
        contents,
        start,
        end,
    })
}

/// The documentation of a completion item offered without it (an action of the catalog), asked for
/// when Monaco shows the item's details.
pub fn describe(label: &str, catalog: Option<&Catalog>) -> Option<String> {
    let catalog = catalog?;
    Some(docs::action(catalog, catalog.action(label)?).body)
}

/// The byte offset of a UTF-16 offset (clamped to the text; inside a character, its start).
fn byte_offset(text: &str, utf16: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        units += c.len_utf16() as u32;
        if units > utf16 {
            return i;
        }
    }
    text.len()
}

fn utf16_range(text: &str, range: Range<usize>) -> (u32, u32) {
    let units = |end: usize| {
        let count = text.get(..end).unwrap_or(text).encode_utf16().count();
        u32::try_from(count).unwrap_or(u32::MAX)
    };
    (units(range.start), units(range.end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_are_described_on_demand() {
        let catalog = roleplay_catalog::Catalog::from_json(include_str!(
            "../../../catalog/tests/fixtures/catalog.json"
        ))
        .ok();
        let text = r#"{"Statement": [{"Action": "s3:Get"}]}"#;
        let at = text.find("Get").unwrap_or(0) as u32 + 3;
        let items = completions(text, at, PolicyKind::Identity, catalog.as_ref());
        let get = items.iter().find(|i| i.label == "s3:GetObject");
        assert_eq!(get.map(|i| i.documentation.as_str()), Some(""));
        let doc = describe("s3:GetObject", catalog.as_ref()).unwrap_or_default();
        assert!(doc.starts_with("Access level: **Read**"), "{doc}");
        assert_eq!(describe("s3:Nope", catalog.as_ref()), None);
        assert_eq!(describe("s3:GetObject", None), None);
    }

    #[test]
    fn offsets_are_utf16_units() {
        let text = "{\"😀\": \"é\"}";
        // 😀 is two UTF-16 units and four bytes; é is one unit and two bytes.
        assert_eq!(byte_offset(text, 0), 0);
        assert_eq!(byte_offset(text, 2), 2);
        assert_eq!(byte_offset(text, 3), 2, "inside 😀: its start");
        assert_eq!(byte_offset(text, 4), 6);
        assert_eq!(byte_offset(text, 99), text.len());
        assert_eq!(utf16_range(text, 2..6), (2, 4));
    }

    #[test]
    fn completion_ranges_cross_as_utf16() {
        let text = "{\"Sid\": \"😀\", \"Statement\": [{\"Effect\": \"Al\"}]}";
        let at = text.find("Al").unwrap_or(0) + 2;
        let units = text[..at].encode_utf16().count() as u32;
        let items = completions(text, units, PolicyKind::Identity, None);
        assert_eq!(items.first().map(|i| i.label.as_str()), Some("Allow"));
        let first = &items[0];
        assert_eq!((first.start, first.end), (units - 2, units));
        let hover = hover(text, units - 1, None);
        assert_eq!(
            hover.map(|h| (h.start, h.end)),
            None,
            "a partial Effect value means nothing"
        );
    }
}
