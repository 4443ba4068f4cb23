//! Hover: what the string under the pointer means — an element or principal type, a condition
//! operator (with its qualifiers), a condition key with its type, an `Effect` or `Version` value,
//! and with the catalog an action (access level, resource types) or what a wildcard matches.

use super::context::{Scan, Slot};
use super::docs;
use roleplay_catalog::Catalog;
use roleplay_policy::reference::{self, Term};
use roleplay_policy::Operator;
use std::ops::Range;

/// The markdown for the string under the pointer, and the range it describes.
pub fn hover(scan: &Scan, catalog: Option<&Catalog>) -> Option<(Range<usize>, String)> {
    let s = scan.place.string.as_ref()?;
    let name = s.value.as_str();
    let keys = scan.place.keys();
    let text = match (s.slot, keys.as_slice()) {
        (Slot::Key, []) => term(reference::TOP_LEVEL, name, "policy element"),
        (Slot::Key, ["Statement"]) => term(reference::STATEMENT, name, "policy element"),
        (Slot::Key, ["Statement", "Principal" | "NotPrincipal"]) => {
            term(reference::PRINCIPAL_TYPES, name, "principal type")
        }
        (Slot::Key, ["Statement", "Condition"]) => {
            Operator::parse(name).map(|o| docs::operator(&o).hover())
        }
        (Slot::Key, ["Statement", "Condition", _]) => match reference::condition_key(name) {
            Some(k) => Some(docs::key(k).hover()),
            None => {
                catalog.and_then(|c| Some(docs::catalog_key(c, c.condition_key(name)?).hover()))
            }
        },
        (Slot::Value, ["Statement", "Action" | "NotAction"]) => action(name, catalog),
        (Slot::Value, ["Statement", "Effect"]) => term(reference::EFFECTS, name, "Effect"),
        (Slot::Value, ["Version"]) => term(reference::VERSIONS, name, "Version"),
        _ => None,
    }?;
    Some((s.content.clone(), text))
}

fn term(list: &[Term], name: &str, what: &str) -> Option<String> {
    list.iter()
        .find(|t| t.name == name)
        .map(|t| docs::term(t, what).hover())
}

fn action(pattern: &str, catalog: Option<&Catalog>) -> Option<String> {
    if let Some(c) = catalog {
        if pattern.contains(['*', '?']) {
            let matched: Vec<_> = c.expand(pattern).collect();
            return Some(docs::expansion(c, pattern, &matched));
        }
        if let Some(a) = c.action(pattern) {
            return Some(docs::action(c, a).hover());
        }
    }
    reference::ASSUME_ACTIONS
        .iter()
        .find(|v| v.name.eq_ignore_ascii_case(pattern))
        .map(|v| docs::term(v, "trust policy action").hover())
}

#[cfg(test)]
mod tests {
    use super::super::context::scan;
    use super::*;

    const FIXTURE: &str = include_str!("../../../catalog/tests/fixtures/catalog.json");

    /// The hover with the pointer on the first character of `word` (its `nth` occurrence).
    fn hover_on(text: &str, word: &str, catalog: Option<&Catalog>) -> Option<String> {
        let at = text.find(word).expect("the word is in the text") + 1;
        hover(&scan(text, at), catalog).map(|(range, md)| {
            assert_eq!(
                text.get(range),
                Some(word.trim_matches('"')),
                "the range is the string"
            );
            md
        })
    }

    const POLICY: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"},
        "Action": ["s3:GetObject", "s3:Get*", "sts:AssumeRole", "s3:Nope*"],
        "Condition": {"ForAnyValue:StringLikeIfExists": {"aws:PrincipalTag/team": "x", "s3:prefix": "p", "sts:ExternalId": "e"}}}]}"#;

    #[test]
    fn operators_keys_and_elements_without_the_catalog() {
        let op = hover_on(POLICY, "\"ForAnyValue:StringLikeIfExists\"", None).expect("operator");
        assert!(
            op.starts_with(
                "**ForAnyValue:StringLikeIfExists** · condition operator · compares String"
            ),
            "{op}"
        );
        assert!(op.contains("IfExists:") && op.contains("ForAnyValue:"));
        let key = hover_on(POLICY, "\"aws:PrincipalTag/team\"", None).expect("key");
        assert!(
            key.starts_with("**aws:PrincipalTag/${TagKey}** · String · global condition key"),
            "{key}"
        );
        let sts = hover_on(POLICY, "\"sts:ExternalId\"", None).expect("sts key");
        assert!(
            sts.contains("AssumeRole* requests") && sts.contains("confused deputy"),
            "{sts}"
        );
        assert!(
            hover_on(POLICY, "\"s3:prefix\"", None).is_none(),
            "a service key needs the catalog"
        );
        let effect = hover_on(POLICY, "\"Effect\"", None).expect("element");
        assert!(effect.contains("\"Allow\" or \"Deny\""));
        assert!(hover_on(POLICY, "\"AWS\"", None).is_some_and(|t| t.contains("principal type")));
        assert!(hover_on(POLICY, "\"sts:AssumeRole\"", None)
            .is_some_and(|t| t.contains("trust policy action")));
        assert!(hover_on(POLICY, "\"s3:GetObject\"", None).is_none());
    }

    #[test]
    fn actions_and_wildcards_with_the_catalog() {
        let c = Catalog::from_json(FIXTURE).expect("fixture");
        let get = hover_on(POLICY, "\"s3:GetObject\"", Some(&c)).expect("action");
        assert!(get.contains("Access level: **Read**"), "{get}");
        assert!(
            get.contains("`object` (required) `arn:${Partition}:s3:::${BucketName}/${ObjectName}`"),
            "{get}"
        );
        let wild = hover_on(POLICY, "\"s3:Get*\"", Some(&c)).expect("wildcard");
        assert_eq!(
            wild,
            "**`s3:Get*` → 3 actions** · Amazon S3\n\n**Read** (3): `GetBucketPolicy`, `GetObject`, `GetObjectAcl`"
        );
        // Across services: full names, grouped by access level.
        let all: Vec<_> = c.expand("*").collect();
        let every = docs::expansion(&c, "*", &all);
        assert!(
            every.starts_with(
                "**`*` → 24 actions**\n\n**List** (6): `s3:ListAllMyBuckets`, `s3:ListBucket`"
            ),
            "{every}"
        );
        assert!(
            every.contains("**Permissions management** (1): `ec2:ModifySnapshotAttribute`"),
            "{every}"
        );
        let none = hover_on(POLICY, "\"s3:Nope*\"", Some(&c)).expect("no match");
        assert!(none.contains("→ 0 actions"));
        let key = hover_on(POLICY, "\"s3:prefix\"", Some(&c)).expect("service key");
        assert!(
            key.starts_with("**s3:prefix** · String · condition key of Amazon S3"),
            "{key}"
        );
    }

    #[test]
    fn user_text_stays_in_code_spans() {
        let c = Catalog::from_json(FIXTURE).expect("fixture");
        let text = r#"{"Statement": {"Action": "<b>*</b>`x"}}"#;
        let md = hover_on(text, "\"<b>*</b>`x\"", Some(&c)).expect("hover");
        assert!(md.starts_with("**``<b>*</b>`x`` →"), "{md}");
    }
}
