//! Completion: what fits where the cursor is — elements at the top level and in a statement,
//! `Effect` and `Version` values, principal types and forms, condition operators in a `Condition`
//! block, condition keys under an operator (trust-policy keys first in a trust policy), values of
//! well-known keys, and with the catalog: service prefixes, actions per service, the condition keys
//! of the statement's actions, and the ARN formats of the resources they act on.

use super::context::{Scan, Slot};
use super::docs;
use roleplay_catalog::Catalog;
use roleplay_policy::reference::{self, KeyScope, Term};
use roleplay_policy::{Family, Operator, PolicyKind};
use serde::Serialize;
use std::collections::HashSet;
use std::ops::Range;

/// How many ARN formats a resource list offers at most (an `Action: "*"` statement acts on all).
const MAX_ARNS: usize = 200;

/// Monaco's item kinds, as `js/monaco.js` maps them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    Property,
    Value,
    Operator,
    Key,
    Action,
    Service,
    Resource,
}

/// One completion item; its range is the list's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub label: String,
    pub kind: Kind,
    pub detail: String,
    /// Markdown.
    pub documentation: String,
    pub insert: String,
    /// `insert` is a Monaco snippet (`${1:Name}` placeholders).
    pub snippet: bool,
    /// Open the list again after inserting (a service prefix leads to its actions).
    pub retrigger: bool,
    /// What typing is matched against, when not the label.
    pub filter: Option<String>,
    /// What follows a key inserted outside a string (`"Effect": ` + this), as a snippet.
    after: &'static str,
}

impl Item {
    fn new(label: impl Into<String>, kind: Kind, detail: impl Into<String>, doc: String) -> Self {
        let label = label.into();
        Item {
            insert: label.clone(),
            label,
            kind,
            detail: detail.into(),
            documentation: doc,
            snippet: false,
            retrigger: false,
            filter: None,
            after: "\"$1\"",
        }
    }

    /// A value with `${Name}` placeholders becomes a snippet that visits each.
    fn template(mut self, fixed: &[(&str, &str)]) -> Self {
        if self.insert.contains("${") {
            self.insert = template_snippet(&self.insert, fixed);
            self.snippet = true;
        }
        self
    }

    fn after(mut self, after: &'static str) -> Self {
        self.after = after;
        self
    }
}

/// The items for the cursor at byte `cursor`, and the byte range they replace: the string's
/// content when the cursor is in a string, else nothing (an insertion at the cursor, with quotes).
pub fn complete(
    text: &str,
    cursor: usize,
    scan: &Scan,
    kind: PolicyKind,
    catalog: Option<&Catalog>,
) -> (Range<usize>, Vec<Item>) {
    let place = &scan.place;
    let Some(slot) = place.slot else {
        return (cursor..cursor, Vec::new());
    };
    let typed = place.typed(text, cursor);
    let keys = place.keys();
    let mut items = match (slot, keys.as_slice()) {
        (Slot::Key, []) => elements(reference::top_level_elements(Some(kind)), scan),
        (Slot::Key, ["Statement"]) => elements(reference::statement_elements(Some(kind)), scan),
        (Slot::Value, ["Version"]) => values(reference::VERSIONS, Kind::Value, "Version"),
        (Slot::Value, ["Statement", "Effect"]) => values(reference::EFFECTS, Kind::Value, "Effect"),
        (Slot::Key, ["Statement", "Principal" | "NotPrincipal"]) => principal_types(scan),
        (Slot::Value, ["Statement", "Principal" | "NotPrincipal"]) => {
            let everyone = reference::AWS_PRINCIPALS.iter().filter(|v| v.name == "*");
            values(everyone, Kind::Value, "Principal")
        }
        (Slot::Value, ["Statement", "Principal" | "NotPrincipal", ty]) => {
            let forms = match *ty {
                "AWS" => reference::AWS_PRINCIPALS,
                "Service" => reference::SERVICE_PRINCIPALS,
                "Federated" => reference::FEDERATED_PRINCIPALS,
                _ => &[],
            };
            values(forms, Kind::Value, "principal")
        }
        (Slot::Value, ["Statement", "Action" | "NotAction"]) => actions(kind, catalog, typed),
        (Slot::Value, ["Statement", "Resource" | "NotResource"]) => resources(scan, catalog),
        (Slot::Key, ["Statement", "Condition"]) => operators(scan),
        (Slot::Key, ["Statement", "Condition", _]) => condition_keys(scan, kind, catalog),
        (Slot::Value, ["Statement", "Condition", op, key]) => condition_values(op, key),
        _ => Vec::new(),
    };
    let Some(s) = &place.string else {
        quote(&mut items, slot, "\"", true);
        return (cursor..cursor, items);
    };
    let end = word_end(text, cursor, s.content.end);
    if s.closed && end == s.content.end {
        return (s.content.clone(), items);
    }
    let rest = text.get(end..s.content.end).unwrap_or_default().as_bytes();
    if s.closed && !(0..rest.len()).any(|i| stops(rest, i, false)) {
        // A string with spaces in it: the item replaces the word being typed.
        return (s.content.start..end, items);
    }
    // The string is open: what the scanner read as its rest is the text after it (`"Str|: {…`,
    // whose quote Monaco did not close) or the line end. The item closes it, and a key brings its
    // colon and value unless they follow already.
    let colon_follows = text
        .get(end..)
        .is_some_and(|rest| rest.trim_start().starts_with(':'));
    quote(&mut items, slot, "", !colon_follows);
    (s.content.start..end, items)
}

/// Where the word at `cursor` ends: at white space, a quote, a bracket or a comma, or a colon that
/// separates (followed by white space, a bracket or a quote) — never past `limit`.
fn word_end(text: &str, cursor: usize, limit: usize) -> usize {
    let rest = text.get(cursor..limit).unwrap_or_default().as_bytes();
    (0..rest.len())
        .find(|&i| stops(rest, i, true))
        .map_or(limit, |i| cursor + i)
}

/// Whether byte `i` of `text` ends a word: JSON punctuation, a separating colon, or (when
/// `space`) white space.
fn stops(text: &[u8], i: usize, space: bool) -> bool {
    match text.get(i) {
        Some(b'"' | b'{' | b'}' | b'[' | b']' | b',') => true,
        Some(b':') => text
            .get(i + 1)
            .is_some_and(|&n| n.is_ascii_whitespace() || b"{[\"".contains(&n)),
        Some(b) => space && b.is_ascii_whitespace(),
        None => false,
    }
}

/// Outside a string an item brings its quotes (and, for a key, the colon and a value skeleton when
/// `with_value`); in an open string, everything but the opening quote.
fn quote(items: &mut [Item], slot: Slot, open: &str, with_value: bool) {
    for item in items {
        let inner = if item.snippet {
            item.insert.clone()
        } else {
            escape_snippet(&item.insert)
        };
        item.insert = match slot {
            Slot::Key if with_value => format!("{open}{inner}\": {}", item.after),
            _ => format!("{open}{inner}\""),
        };
        item.snippet = true;
    }
}

fn elements<'a>(list: impl Iterator<Item = &'a reference::Term>, scan: &Scan) -> Vec<Item> {
    let present: HashSet<&str> = scan.sibling_keys().collect();
    list.filter(|e| !present.contains(e.name))
        .map(|e| {
            Item::new(
                e.name,
                Kind::Property,
                "policy element",
                docs::term(e, "policy element").body,
            )
            .after(skeleton(e.name))
        })
        .collect()
}

/// What an element's value looks like, typed for the user when the key is inserted whole.
fn skeleton(element: &str) -> &'static str {
    match element {
        "Version" => "\"2012-10-17\"",
        "Statement" => "[\n\t{\n\t\t\"Effect\": \"${1|Allow,Deny|}\",\n\t\t$0\n\t}\n]",
        "Effect" => "\"${1|Allow,Deny|}\"",
        "Principal" | "NotPrincipal" => "{\n\t\"${1|AWS,Service,Federated|}\": \"$2\"\n}",
        "Condition" => "{\n\t\"$1\": {\n\t\t\"$2\": \"$3\"\n\t}\n}",
        _ => "\"$1\"",
    }
}

fn values<'a>(list: impl IntoIterator<Item = &'a Term>, kind: Kind, what: &str) -> Vec<Item> {
    list.into_iter()
        .map(|v| Item::new(v.name, kind, what, v.meaning.to_owned()).template(&[]))
        .collect()
}

fn principal_types(scan: &Scan) -> Vec<Item> {
    let present: HashSet<&str> = scan.sibling_keys().collect();
    reference::PRINCIPAL_TYPES
        .iter()
        .filter(|e| !present.contains(e.name))
        .map(|e| {
            Item::new(
                e.name,
                Kind::Property,
                "principal type",
                docs::term(e, "principal type").body,
            )
        })
        .collect()
}

fn operators(scan: &Scan) -> Vec<Item> {
    let present: HashSet<&str> = scan.sibling_keys().collect();
    reference::all_operators()
        .filter(|op| !present.contains(op.name().as_str()))
        .map(|op| {
            Item::new(
                op.name(),
                Kind::Operator,
                format!("compares {}", reference::operator_type(op.kind)),
                docs::operator(&op).body,
            )
            .after("{\n\t\"$1\": \"$2\"\n}")
        })
        .collect()
}

/// The keys a condition of this statement can test: in a trust policy the AssumeRole keys first;
/// then, with the catalog, the keys of the statement's actions; then the global keys.
fn condition_keys(scan: &Scan, kind: PolicyKind, catalog: Option<&Catalog>) -> Vec<Item> {
    let present: HashSet<String> = scan.sibling_keys().map(str::to_ascii_lowercase).collect();
    let reference_items = |scope: KeyScope| {
        reference::KEYS
            .iter()
            .filter(move |k| k.scope == scope)
            .map(|k| {
                let scope = match k.scope {
                    KeyScope::Global => "global",
                    KeyScope::AssumeRole => "AssumeRole*",
                    KeyScope::Service => "service",
                };
                let detail = format!("{} · {scope}", k.type_name());
                Item::new(k.name, Kind::Key, detail, docs::key(k).body).template(&[])
            })
    };
    let mut items: Vec<Item> = Vec::new();
    if kind == PolicyKind::Trust {
        items.extend(reference_items(KeyScope::AssumeRole));
    }
    // A service's own keys of the table, when the statement's actions are of that service.
    let actions: Vec<String> = scan
        .values_of(scan.place.statement, "Action")
        .map(str::to_ascii_lowercase)
        .collect();
    items.extend(reference_items(KeyScope::Service).filter(|i| {
        let prefix = i.label.split(':').next().unwrap_or("").to_ascii_lowercase();
        actions
            .iter()
            .any(|a| a == "*" || a.split(':').next() == Some(prefix.as_str()))
    }));
    if let Some(catalog) = catalog {
        let mut seen = HashSet::new();
        let mut service_keys = Vec::new();
        for pattern in scan.values_of(scan.place.statement, "Action") {
            for action in catalog.expand(pattern) {
                for k in catalog.condition_keys(action) {
                    let known = reference::KEYS
                        .iter()
                        .any(|r| r.name.eq_ignore_ascii_case(k.name()));
                    if !known && seen.insert(k.name().to_ascii_lowercase()) {
                        service_keys.push(k);
                    }
                }
            }
        }
        service_keys.sort_by_key(|k| k.name().to_ascii_lowercase());
        items.extend(service_keys.into_iter().map(|k| {
            Item::new(
                k.name(),
                Kind::Key,
                k.type_name(),
                docs::catalog_key(catalog, k).hover(),
            )
            .template(&[])
        }));
    }
    items.extend(reference_items(KeyScope::Global));
    items.retain(|i| !present.contains(&i.label.to_ascii_lowercase()));
    items
}

fn condition_values(op: &str, key: &str) -> Vec<Item> {
    let presence =
        Operator::parse(op).is_some_and(|o| matches!(o.kind.family(), Family::Bool | Family::Null));
    let listed = reference::condition_key(key).map_or(&[][..], |k| k.values);
    let values: &[&str] = if presence { &["true", "false"] } else { listed };
    values
        .iter()
        .map(|v| Item::new(*v, Kind::Value, "value", String::new()))
        .collect()
}

/// Actions: a trust policy's assume actions first; with the catalog, service prefixes until a
/// colon is typed, then that service's actions.
fn actions(kind: PolicyKind, catalog: Option<&Catalog>, typed: &str) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    if kind == PolicyKind::Trust {
        items.extend(reference::ASSUME_ACTIONS.iter().map(|v| {
            Item::new(
                v.name,
                Kind::Action,
                "trust policy action",
                v.meaning.to_owned(),
            )
        }));
    }
    let Some(catalog) = catalog else {
        return items;
    };
    match typed.split_once(':') {
        Some((prefix, _)) => {
            if let Some(service) = catalog.service(prefix) {
                for a in catalog.actions_of(service) {
                    if items
                        .iter()
                        .all(|i| !i.label.eq_ignore_ascii_case(a.full_name()))
                    {
                        // Its documentation is asked for when the item is focused
                        // (`describe`): writing it for every action of a service would cost more
                        // than the list itself.
                        items.push(Item::new(
                            a.full_name(),
                            Kind::Action,
                            a.access_level().as_str(),
                            String::new(),
                        ));
                    }
                }
            }
        }
        None => items.extend(catalog.services().iter().map(|s| {
            let mut item = Item::new(
                s.prefix(),
                Kind::Service,
                s.name(),
                format!("**{}** · service prefix of {}", s.prefix(), s.name()),
            );
            item.insert = format!("{}:", s.prefix());
            item.retrigger = true;
            item
        })),
    }
    items
}

/// `"*"`, then with the catalog the ARN formats of the resource types the statement's actions act on.
fn resources(scan: &Scan, catalog: Option<&Catalog>) -> Vec<Item> {
    let mut items = vec![Item::new(
        "*",
        Kind::Resource,
        "every resource",
        "Every resource; the only value that works for actions without resource-level permissions."
            .to_owned(),
    )];
    let Some(catalog) = catalog else {
        return items;
    };
    let mut seen = HashSet::new();
    'outer: for pattern in scan.values_of(scan.place.statement, "Action") {
        for action in catalog.expand(pattern) {
            for (rt, _) in catalog.resource_types(action) {
                if rt.arn_format().is_empty() || !seen.insert(rt.arn_format()) {
                    continue;
                }
                let service = catalog
                    .service_of_resource_type(rt)
                    .map_or("", |s| s.prefix());
                let mut item = Item::new(
                    rt.arn_format(),
                    Kind::Resource,
                    format!("{service} {}", rt.name()),
                    format!(
                        "**{}** · resource type of {service}\n\n{}",
                        rt.name(),
                        docs::code(rt.arn_format())
                    ),
                )
                .template(&[("Partition", "aws")]);
                // What the user types is `arn:aws:…`.
                item.filter = Some(rt.arn_format().replace("${Partition}", "aws"));
                items.push(item);
                if seen.len() >= MAX_ARNS {
                    break 'outer;
                }
            }
        }
    }
    items
}

/// `arn:${Partition}:s3:::${BucketName}` → `arn:aws:s3:::${1:BucketName}`: each placeholder a tab
/// stop, the fixed ones filled in, everything else escaped for Monaco's snippet syntax.
fn template_snippet(template: &str, fixed: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 8);
    let mut rest = template;
    let mut stop = 0;
    while let Some(at) = rest.find("${") {
        let (head, tail) = rest.split_at(at);
        out.push_str(&escape_snippet(head));
        let Some(close) = tail.find('}') else {
            rest = tail;
            break;
        };
        let name = tail.get(2..close).unwrap_or_default();
        match fixed.iter().find(|(n, _)| *n == name) {
            Some((_, v)) => out.push_str(&escape_snippet(v)),
            None => {
                stop += 1;
                out.push_str(&format!("${{{stop}:{}}}", escape_snippet(name)));
            }
        }
        rest = tail.get(close + 1..).unwrap_or_default();
    }
    out.push_str(&escape_snippet(rest));
    out
}

fn escape_snippet(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '$' | '}' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::context::scan;
    use super::*;

    const FIXTURE: &str = include_str!("../../../catalog/tests/fixtures/catalog.json");

    fn fixture() -> Catalog {
        Catalog::from_json(FIXTURE).expect("the fixture loads")
    }

    /// The items offered with the cursor at `|` (removed from the text), and the text they replace.
    fn at(text: &str, kind: PolicyKind, catalog: Option<&Catalog>) -> (String, Vec<Item>) {
        let cursor = text.find('|').expect("a | marks the cursor");
        let clean = text.replacen('|', "", 1);
        let (range, items) = complete(&clean, cursor, &scan(&clean, cursor), kind, catalog);
        (clean[range].to_owned(), items)
    }

    /// The labels offered at `|`, and the text they replace.
    fn offer(text: &str, kind: PolicyKind, catalog: Option<&Catalog>) -> (Vec<String>, String) {
        let (replaced, items) = at(text, kind, catalog);
        (items.into_iter().map(|i| i.label).collect(), replaced)
    }

    fn labels(text: &str, kind: PolicyKind) -> Vec<String> {
        offer(text, kind, None).0
    }

    /// The text inserted by the item labelled `label` at `|` (no catalog), and what it replaces.
    fn inserts(text: &str, label: &str) -> (String, String) {
        let (replaced, items) = at(text, PolicyKind::Identity, None);
        let item = items
            .into_iter()
            .find(|i| i.label == label)
            .expect("offered");
        (item.insert, replaced)
    }

    #[test]
    fn elements_where_they_belong() {
        assert_eq!(
            labels("{|}", PolicyKind::Identity),
            ["Version", "Statement"]
        );
        assert_eq!(
            labels("{\"Version\": \"2012-10-17\", \"|\"}", PolicyKind::Trust),
            ["Id", "Statement"]
        );
        let trust = labels(
            r#"{"Statement": [{"Effect": "Allow", "|"}]}"#,
            PolicyKind::Trust,
        );
        assert_eq!(
            trust,
            ["Sid", "Principal", "Action", "NotAction", "Condition"]
        );
        let identity = labels(r#"{"Statement": [{"|"}]}"#, PolicyKind::Identity);
        assert!(
            identity.contains(&"Resource".to_owned())
                && !identity.contains(&"Principal".to_owned())
        );
        assert_eq!(
            labels(r#"{"Statement": [{"Effect": "|"}]}"#, PolicyKind::Identity),
            ["Allow", "Deny"]
        );
    }

    #[test]
    fn principal_forms() {
        let doc = |inner: &str| {
            format!(r#"{{"Statement": [{{"Effect": "Allow", "Principal": {inner}}}]}}"#)
        };
        assert_eq!(
            labels(&doc("{\"|\"}"), PolicyKind::Trust),
            ["AWS", "Service", "Federated", "CanonicalUser"]
        );
        assert_eq!(labels(&doc("\"|\""), PolicyKind::Trust), ["*"]);
        let aws = labels(&doc("{\"AWS\": \"|\"}"), PolicyKind::Trust);
        assert!(
            aws.contains(&"arn:aws:iam::${Account}:role/${RoleName}".to_owned()),
            "{aws:?}"
        );
        let fed = labels(&doc("{\"Federated\": \"|\"}"), PolicyKind::Trust);
        assert!(fed
            .iter()
            .any(|l| l.ends_with("token.actions.githubusercontent.com")));
        assert!(labels(&doc("{\"Service\": \"|\"}"), PolicyKind::Trust)
            .contains(&"ec2.amazonaws.com".to_owned()));
    }

    #[test]
    fn operators_in_a_condition_block_with_every_form() {
        let (ops, replaced) = offer(
            r#"{"Statement": [{"Condition": {"StringEquals": {}, "Str|ing"}}]}"#,
            PolicyKind::Identity,
            None,
        );
        assert_eq!(replaced, "String", "the whole string is replaced");
        assert_eq!(ops.len(), 157 - 1, "every form but the one already present");
        for op in [
            "StringLike",
            "StringLikeIfExists",
            "ForAnyValue:StringLike",
            "ForAllValues:ArnLikeIfExists",
            "Null",
        ] {
            assert!(ops.contains(&op.to_owned()), "{op}");
        }
        assert!(!ops.contains(&"StringEquals".to_owned()));
        assert!(!ops.contains(&"NullIfExists".to_owned()));
    }

    #[test]
    fn trust_policies_offer_assume_role_keys_first() {
        let text = r#"{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"|"}}}]}"#;
        let trust = labels(text, PolicyKind::Trust);
        assert_eq!(trust.first().map(String::as_str), Some("sts:ExternalId"));
        assert!(
            trust.contains(&"saml:sub".to_owned())
                && trust.contains(&"token.actions.githubusercontent.com:sub".to_owned())
        );
        let identity = labels(text, PolicyKind::Identity);
        assert_eq!(
            identity.first().map(String::as_str),
            Some("aws:PrincipalArn")
        );
        assert!(!identity.contains(&"sts:ExternalId".to_owned()));
        assert!(identity.contains(&"aws:SourceIp".to_owned()));
    }

    #[test]
    fn a_services_own_keys_only_for_its_actions() {
        let s3 = r#"{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Condition": {"StringEquals": {"|"}}}]}"#;
        assert!(labels(s3, PolicyKind::Identity).contains(&"s3:BucketTag/${TagKey}".to_owned()));
        let kms = r#"{"Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Condition": {"StringEquals": {"|"}}}]}"#;
        assert!(!labels(kms, PolicyKind::Identity).contains(&"s3:BucketTag/${TagKey}".to_owned()));
    }

    #[test]
    fn values_of_well_known_keys() {
        let doc = |op: &str, key: &str| {
            format!(r#"{{"Statement": [{{"Condition": {{"{op}": {{"{key}": "|"}}}}}}]}}"#)
        };
        assert_eq!(
            labels(&doc("Bool", "aws:SecureTransport"), PolicyKind::Identity),
            ["true", "false"]
        );
        assert_eq!(
            labels(&doc("Null", "aws:TagKeys"), PolicyKind::Identity),
            ["true", "false"]
        );
        assert_eq!(
            labels(
                &doc("StringEquals", "token.actions.githubusercontent.com:aud"),
                PolicyKind::Trust
            ),
            ["sts.amazonaws.com"]
        );
    }

    #[test]
    fn actions_without_and_with_the_catalog() {
        let doc = r#"{"Statement": [{"Effect": "Allow", "Action": "s3:Get|"}]}"#;
        assert!(labels(doc, PolicyKind::Identity).is_empty());
        assert_eq!(labels(doc, PolicyKind::Trust)[0], "sts:AssumeRole");
        let c = fixture();
        let (s3, replaced) = offer(doc, PolicyKind::Identity, Some(&c));
        assert_eq!(replaced, "s3:Get");
        assert!(s3.contains(&"s3:GetObject".to_owned()) && s3.contains(&"s3:PutObject".to_owned()));
        assert!(s3.iter().all(|a| a.starts_with("s3:")));
        let (services, _) = offer(
            r#"{"Statement": [{"Action": "s|"}]}"#,
            PolicyKind::Identity,
            Some(&c),
        );
        assert_eq!(services, ["s3", "iam", "ec2", "sts"]);
        let (_, items) = at(
            r#"{"Statement": [{"Action": "s|"}]}"#,
            PolicyKind::Identity,
            Some(&c),
        );
        assert_eq!(items[0].insert, "s3:");
        assert!(items[0].retrigger);
    }

    #[test]
    fn condition_keys_of_the_statements_actions() {
        let c = fixture();
        let text = r#"{"Statement": [{"Effect": "Allow", "Action": ["s3:ListBucket", "s3:Get*"], "Resource": "*", "Condition": {"StringLike": {"aws:SourceIp": "", "|"}}}]}"#;
        let (keys, _) = offer(text, PolicyKind::Identity, Some(&c));
        let service: Vec<&str> = keys
            .iter()
            .map(String::as_str)
            .take_while(|k| !k.starts_with("aws:"))
            .collect();
        assert_eq!(
            service,
            [
                "s3:BucketTag/${TagKey}",
                "s3:ExistingObjectTag/${TagKey}",
                "s3:prefix",
                "s3:TlsVersion"
            ]
        );
        assert!(
            !keys.contains(&"aws:SourceIp".to_owned()),
            "already written"
        );
        assert!(keys.contains(&"aws:PrincipalArn".to_owned()));
    }

    #[test]
    fn resource_arn_formats_of_the_statements_actions() {
        let c = fixture();
        let text =
            r#"{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "|"}]}"#;
        let (_, items) = at(text, PolicyKind::Identity, Some(&c));
        let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(
            labels,
            ["*", "arn:${Partition}:s3:::${BucketName}/${ObjectName}"]
        );
        assert_eq!(
            items[1].insert,
            "arn:aws:s3:::${1:BucketName}/${2:ObjectName}"
        );
        assert!(items[1].snippet);
    }

    #[test]
    fn outside_a_string_items_bring_their_quotes() {
        let (insert, replaced) = inserts("{\n  |\n}", "Version");
        assert_eq!(
            (insert.as_str(), replaced.as_str()),
            ("\"Version\": \"2012-10-17\"", "")
        );
        let (insert, _) = inserts(r#"{"Statement": {"Effect": |}}"#, "Allow");
        assert_eq!(insert, "\"Allow\"");
    }

    #[test]
    fn an_unclosed_string_is_closed_by_the_item() {
        let (insert, replaced) = inserts(
            "{\"Statement\": [{\"Condition\": {\n  \"StringLik|\n}}]}",
            "StringLike",
        );
        assert_eq!(replaced, "StringLik");
        assert_eq!(insert, "StringLike\": {\n\t\"$1\": \"$2\"\n}");
        let (insert, _) = inserts("{\"Statement\": [{\"Effect\": \"Al|\n}]}", "Allow");
        assert_eq!(insert, "Allow\"");
    }

    #[test]
    fn a_quote_monaco_did_not_close_ends_at_the_word() {
        // The scanner reads `ForAnyValue:StringL: {` as the string (up to the next quote).
        let text =
            r#"{"Statement": [{"Condition": {"ForAnyValue:StringL|: {"aws:SourceIp": "x"}}}]}"#;
        let (insert, replaced) = inserts(text, "ForAnyValue:StringLike");
        assert_eq!(replaced, "ForAnyValue:StringL");
        assert_eq!(
            insert, "ForAnyValue:StringLike\"",
            "the colon follows already"
        );
        // A value typed before a comma.
        let text = r#"{"Statement": [{"Effect": "Al|, "Action": "s3:GetObject"}]}"#;
        assert_eq!(
            inserts(text, "Allow"),
            ("Allow\"".to_owned(), "Al".to_owned())
        );
        // A closed string with a space: the word is replaced, the rest kept.
        let text = r#"{"Statement": [{"Effect": "Al| now"}]}"#;
        assert_eq!(
            inserts(text, "Allow"),
            ("Allow".to_owned(), "Al".to_owned())
        );
        // Colons inside a key or an ARN are part of the word.
        assert_eq!(word_end("aws:Sour:x\"", 0, 10), 10);
        assert_eq!(word_end("arn:aws:s3:::b ", 0, 15), 14);
        assert_eq!(word_end("arn:aws:s3:::", 4, 13), 13);
    }

    #[test]
    fn snippets_escape_what_is_not_a_placeholder() {
        assert_eq!(
            template_snippet(
                "arn:${Partition}:iam::${Account}:role/${RoleName}",
                &[("Partition", "aws")]
            ),
            "arn:aws:iam::${1:Account}:role/${2:RoleName}"
        );
        assert_eq!(template_snippet("a$b}c\\", &[]), "a\\$b\\}c\\\\");
        assert_eq!(template_snippet("x${open", &[]), "x\\${open");
    }
}
