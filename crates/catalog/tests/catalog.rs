//! The catalog model against the hand-written fixture: loading, lookups, expansion, bad input.
#![cfg(test)]
use proptest::prelude::*;
use roleplay_catalog::{AccessLevel, Catalog, Error, ValueType};

const FIXTURE: &str = include_str!("fixtures/catalog.json");

fn fixture() -> Catalog {
    match Catalog::from_json(FIXTURE) {
        Ok(c) => c,
        Err(e) => panic!("fixture does not load: {e}"),
    }
}

fn names<'a>(it: impl Iterator<Item = &'a roleplay_catalog::Action>) -> Vec<&'a str> {
    it.map(|a| a.full_name()).collect()
}

#[test]
fn lookups_are_case_insensitive() {
    let c = fixture();
    assert_eq!(c.services().len(), 4);
    let s3 = c.service("S3").map(|s| s.name());
    assert_eq!(s3, Some("Amazon S3"));
    let a = c.action("S3:getobject");
    assert_eq!(a.map(|a| a.full_name()), Some("s3:GetObject"));
    assert_eq!(a.map(|a| a.name()), Some("GetObject"));
    assert_eq!(a.map(|a| a.service_prefix()), Some("s3"));
    assert_eq!(a.map(|a| a.access_level()), Some(AccessLevel::Read));
    assert_eq!(
        c.action("s3:PutObjectTagging").map(|a| a.access_level()),
        Some(AccessLevel::Tagging)
    );
    assert!(c.action("s3:GetObjet").is_none());
    assert!(c.action("s4:GetObject").is_none());
    assert!(c.service("nope").is_none());
}

#[test]
fn resource_types_and_arn_formats() {
    let c = fixture();
    let Some(get) = c.action("s3:GetObject") else {
        panic!("s3:GetObject")
    };
    let rts: Vec<(&str, &str, bool)> = c
        .resource_types(get)
        .map(|(r, req)| (r.name(), r.arn_format(), req))
        .collect();
    assert_eq!(
        rts,
        vec![(
            "object",
            "arn:${Partition}:s3:::${BucketName}/${ObjectName}",
            true
        )]
    );
    let Some(list_all) = c.action("s3:ListAllMyBuckets") else {
        panic!("s3:ListAllMyBuckets")
    };
    assert!(!list_all.supports_resources());
    assert_eq!(c.resource_types(list_all).count(), 0);
    let Some(s3) = c.service("s3") else {
        panic!("s3")
    };
    assert_eq!(c.resource_types_of(s3).len(), 2);
}

#[test]
fn condition_keys_with_types_and_templates() {
    let c = fixture();
    let Some(put) = c.action("s3:PutObject") else {
        panic!("s3:PutObject")
    };
    let mut keys: Vec<String> = c
        .condition_keys(put)
        .map(|k| format!("{}={}", k.name(), k.type_name()))
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "aws:RequestTag/${TagKey}=String",
            "aws:TagKeys=ArrayOfString",
            "s3:ExistingObjectTag/${TagKey}=String",
            "s3:TlsVersion=Numeric",
            "s3:x-amz-acl=String"
        ]
    );
    let tag = c.condition_key("S3:ExistingObjectTag/Owner");
    assert_eq!(
        tag.map(|k| k.name()),
        Some("s3:ExistingObjectTag/${TagKey}")
    );
    let date = c.condition_key("ec2:snapshottime");
    assert_eq!(date.and_then(|k| k.value_type()), Some(ValueType::Date));
    let keys = c.condition_key("aws:TagKeys");
    assert_eq!(keys.map(|k| k.multivalued()), Some(true));
    assert!(c.condition_key("s3:nosuchkey").is_none());
}

#[test]
fn expansion() {
    let c = fixture();
    let cases: &[(&str, &[&str])] = &[
        (
            "s3:Get*",
            &["s3:GetBucketPolicy", "s3:GetObject", "s3:GetObjectAcl"],
        ),
        ("S3:GET*ACL", &["s3:GetObjectAcl"]),
        (
            "iam:*AccessKey*",
            &[
                "iam:CreateAccessKey",
                "iam:DeleteAccessKey",
                "iam:ListAccessKeys",
                "iam:UpdateAccessKey",
            ],
        ),
        ("s3:?etObject", &["s3:GetObject"]),
        ("s3:GetObject", &["s3:GetObject"]),
        (
            "*:Describe*",
            &["ec2:DescribeInstances", "ec2:DescribeSnapshots"],
        ),
        (
            "s*:Get*",
            &[
                "s3:GetBucketPolicy",
                "s3:GetObject",
                "s3:GetObjectAcl",
                "sts:GetCallerIdentity",
            ],
        ),
        ("s3:Nothing*", &[]),
        ("nope:*", &[]),
        ("s3", &[]),
        ("", &[]),
    ];
    for (pattern, expected) in cases {
        let mut got = names(c.expand(pattern));
        got.sort();
        assert_eq!(&got, expected, "{pattern}");
    }
    assert_eq!(c.expand("*").count(), c.actions().len());
    assert_eq!(c.expand("*:*").count(), c.actions().len());
    assert_eq!(c.expand("s3:*").count(), 7);
}

#[test]
fn escaped_names_load_too() {
    let text = r#"{"format": 1, "services": [{"p": "s3", "a": [["\u0047etObject", "R"], ["ListBucket", "L"]]}]}"#;
    let c = match Catalog::from_json(text) {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(
        c.action("s3:getobject").map(|a| a.name()),
        Some("GetObject")
    );
    assert_eq!(
        c.action("s3:LISTBUCKET").map(|a| a.name()),
        Some("ListBucket")
    );
    assert!(c.action("s3:").is_none());
    assert!(c.action("s3").is_none());
}

#[test]
fn loading_in_steps_gives_the_same_catalog() {
    let whole = fixture();
    let mut loader = match Catalog::loader(FIXTURE) {
        Ok(l) => l,
        Err(e) => panic!("fixture does not read: {e}"),
    };
    let mut steps = 0;
    while !loader.load(1).unwrap_or(true) {
        steps += 1;
    }
    assert_eq!(steps, whole.services().len() - 1, "one service per step");
    let stepped = match loader.finish() {
        Ok(c) => c,
        Err(e) => panic!("finish: {e}"),
    };
    assert_eq!(stepped.services(), whole.services());
    assert_eq!(stepped.actions(), whole.actions());
    assert_eq!(
        names(stepped.expand("s3:Get*")),
        names(whole.expand("s3:Get*"))
    );
    assert!(stepped.condition_key("aws:RequestTag/Owner").is_some());
    // A bad service is an error from the step that reaches it.
    let bad = r#"{"format": 1, "services": [{"p": "s3"}, {"p": "S3"}]}"#;
    let mut loader = match Catalog::loader(bad) {
        Ok(l) => l,
        Err(e) => panic!("the envelope reads: {e}"),
    };
    assert_eq!(loader.load(1), Ok(false));
    assert!(loader.load(1).is_err());
}

#[test]
fn bad_input_is_an_error() {
    let bad = [
        "",
        "null",
        "[]",
        "{",
        r#"{"format": 2, "services": []}"#,
        r#"{"format": 1, "services": [{"p": "s3", "a": [["GetObject"]]}]}"#,
        r#"{"format": 1, "services": [{"p": "s3", "a": [["GetObject", "X"]]}]}"#,
        r#"{"format": 1, "services": [{"p": "s3", "a": [["GetObject", "R", [4]]]}]}"#,
        r#"{"format": 1, "services": [{"p": "s3", "a": [["GetObject", "R", [], [0]]]}]}"#,
        r#"{"format": 1, "services": [{"p": "s3", "a": [["GetObject", "R", [], [], 5]]}]}"#,
        r#"{"format": 1, "services": [{"p": "s3", "k": [["s3:x", "Q"]]}]}"#,
        r#"{"format": 1, "services": [{"p": "s3"}, {"p": "S3"}]}"#,
        r#"{"format": 1, "services": [{"p": "s*"}]}"#,
        r#"{"format": 1, "services": [{"p": "s3", "a": [["Get:Object", "R"]]}]}"#,
        r#"{"format": 1, "services": [{"p": "s3", "r": [["bucket"]]}]}"#,
        r#"{"format": 1, "extra": true}"#,
    ];
    for text in bad {
        assert!(Catalog::from_json(text).is_err(), "{text}");
    }
    assert_eq!(
        Catalog::from_json(r#"{"format": 7}"#).err(),
        Some(Error::Format(7))
    );
    assert!(Catalog::from_json(r#"{"format": 1}"#).is_ok());
}

/// A generated catalog big enough for the trigram path: 12 services × 400 actions.
fn big() -> &'static Catalog {
    static BIG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    BIG.get_or_init(build_big)
}

fn build_big() -> Catalog {
    let words = [
        "Get", "Put", "List", "Describe", "Tag", "Delete", "Access", "Key", "Object", "Et",
    ];
    let mut services = Vec::new();
    for s in 0..12 {
        let actions: Vec<String> = (0..400)
            .map(|i| {
                let a = words.get(i % words.len()).copied().unwrap_or("X");
                let b = words
                    .get((i / words.len()) % words.len())
                    .copied()
                    .unwrap_or("Y");
                format!("[\"{a}{b}{i}\", \"R\"]")
            })
            .collect();
        services.push(format!(
            "{{\"p\": \"svc{s}{}\", \"a\": [{}]}}",
            if s % 2 == 0 { "get" } else { "x" },
            actions.join(",")
        ));
    }
    let text = format!("{{\"format\": 1, \"services\": [{}]}}", services.join(","));
    match Catalog::from_json(&text) {
        Ok(c) => c,
        Err(e) => panic!("generated catalog: {e}"),
    }
}

proptest! {
    #[test]
    fn big_expansion_agrees_with_a_plain_scan(pattern in "[sgetvcdlikyaox0-9:*?]{0,12}") {
        let c = big();
        let fast = names(c.expand(&pattern));
        let lower = pattern.to_ascii_lowercase();
        let slow = names(c.actions().iter().filter(|a| {
            glob_match(lower.as_bytes(), a.full_name().to_ascii_lowercase().as_bytes())
        }));
        prop_assert_eq!(fast, slow);
    }
}

/// How many actions `pattern` matches, each action's name matched on its own (what the expansion's
/// index must agree with).
fn matched_one_by_one(c: &Catalog, pattern: &str) -> usize {
    let lower = pattern.to_ascii_lowercase();
    c.actions()
        .iter()
        .filter(|a| {
            glob_match(
                lower.as_bytes(),
                a.full_name().to_ascii_lowercase().as_bytes(),
            )
        })
        .count()
}

#[test]
fn big_expansion_through_trigrams() {
    let c = big();
    assert_eq!(c.actions().len(), 4800);
    for pattern in [
        "*:*get*",
        "*:*keyobject*",
        "svc*get:list*",
        "*:get*1?",
        "*et*",
        "*:*",
    ] {
        let slow = matched_one_by_one(c, pattern);
        assert!(slow > 0, "{pattern}");
        assert_eq!(c.expand(pattern).count(), slow, "{pattern}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn garbage_never_panics(text in "\\PC{0,200}") {
        let _ = Catalog::from_json(&text);
    }

    #[test]
    fn mutated_fixture_never_panics(cut in 0usize..3000, byte in 0u8..128) {
        let mut bytes = FIXTURE.as_bytes().to_vec();
        let at = cut % bytes.len();
        bytes[at] = byte;
        if let Ok(text) = String::from_utf8(bytes) {
            if let Ok(c) = Catalog::from_json(&text) {
                let _ = c.expand("*").count();
                let _ = c.expand("s3:G?t*").count();
            }
        }
    }

    #[test]
    fn expansion_agrees_with_a_plain_scan(pattern in "[sgetobjaclisu3:*?]{0,10}") {
        let c = fixture();
        let fast = names(c.expand(&pattern));
        let lower = pattern.to_ascii_lowercase();
        let slow = names(c.actions().iter().filter(|a| {
            glob_match(lower.as_bytes(), a.full_name().to_ascii_lowercase().as_bytes())
        }));
        prop_assert_eq!(fast, slow);
    }

    #[test]
    fn expansion_never_panics(pattern in "[a-z0-9:*?]{0,20}") {
        let c = fixture();
        let _ = c.expand(&pattern).count();
    }
}

/// Facts about the real catalog, when `make catalog` has built it; skipped quietly otherwise.
#[test]
fn real_catalog_facts() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../target/catalog/catalog.json"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    let c = match Catalog::from_json(&text) {
        Ok(c) => c,
        Err(e) => panic!("{path}: {e}"),
    };
    assert!(c.actions().len() > 15_000);
    assert_eq!(
        c.action("s3:GetObject").map(|a| a.access_level()),
        Some(AccessLevel::Read)
    );
    assert!(c.expand("s3:Get*").count() > 30);
    for pattern in [
        "*:*Get*",
        "s*:List*",
        "*:?et*",
        "ec2:Describe?nstances",
        "*Tag*",
        "iam:*",
    ] {
        let slow = matched_one_by_one(&c, pattern);
        assert_eq!(c.expand(pattern).count(), slow, "{pattern}");
    }
    assert!(c.expand("iam:*AccessKey*").count() >= 4);
    let tag = c.condition_key("aws:TagKeys");
    assert_eq!(tag.map(|k| k.multivalued()), Some(true));
    let roles = c
        .action("iam:PassRole")
        .map(|a| c.resource_types(a).count());
    assert_eq!(roles, Some(1));
}

/// The reference matcher: the evaluator's own.
fn glob_match(p: &[u8], t: &[u8]) -> bool {
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    roleplay_eval::Glob::new(&text(p), false).matches(&text(t))
}

/// The summary groups by service, then by access level, and counts the risky classes apart.
#[test]
fn an_allowed_set_summarizes_by_service_and_level() {
    let c = fixture();
    let wanted = [
        "s3:GetObject",
        "s3:PutObject",
        "s3:ListBucket",
        "iam:PassRole",
    ];
    let allowed = |i: usize| {
        c.actions()
            .get(i)
            .is_some_and(|a| wanted.contains(&a.full_name()))
    };
    let on_star = c.summarize(allowed, true);
    assert_eq!(on_star.allowed, 4);
    type Levels<'a> = Vec<(&'a str, Vec<&'a str>)>;
    let shape: Vec<(&str, Levels)> = on_star
        .services
        .iter()
        .map(|s| {
            (
                s.service.prefix(),
                s.levels
                    .iter()
                    .map(|(l, a)| (l.as_str(), names(a.iter().copied())))
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            (
                "s3",
                vec![
                    ("List", vec!["s3:ListBucket"]),
                    ("Read", vec!["s3:GetObject"]),
                    ("Write", vec!["s3:PutObject"])
                ]
            ),
            ("iam", vec![("Write", vec!["iam:PassRole"])]),
        ]
    );
    assert_eq!(
        names(on_star.write_on_everything.iter().copied()),
        ["s3:PutObject", "iam:PassRole"]
    );
    // For one chosen resource, writes are not "on everything".
    assert!(c.summarize(allowed, false).write_on_everything.is_empty());
    assert_eq!(
        c.summarize(|_| false, true),
        roleplay_catalog::AccessSummary::default()
    );
    let everything = c.summarize(|_| true, false);
    assert_eq!(everything.allowed, c.actions().len());
    assert_eq!(
        names(everything.permissions_management.iter().copied()),
        ["ec2:ModifySnapshotAttribute"]
    );
}

#[test]
fn an_action_is_said_to_act_on_an_arn_only_if_it_acts_on_its_type() {
    let c = fixture();
    let acting = |arn: &str| -> Vec<&str> {
        c.acting_on(arn)
            .iter()
            .zip(c.actions())
            .filter(|(on, _)| **on)
            .map(|(_, a)| a.full_name())
            .collect()
    };
    let on_object = acting("arn:aws:s3:::reports-bucket/2026/q1.csv");
    assert!(on_object.contains(&"s3:GetObject"), "{on_object:?}");
    assert!(on_object.contains(&"s3:PutObject"));
    assert!(
        !on_object.contains(&"s3:ListBucket"),
        "a bucket action on an object"
    );
    assert!(
        !on_object.contains(&"s3:ListAllMyBuckets"),
        "an action that takes no resource"
    );
    let on_bucket = acting("arn:aws:s3:::reports-bucket");
    assert!(on_bucket.contains(&"s3:ListBucket"));
    assert!(!on_bucket.contains(&"s3:GetObject"));
    let on_role = acting("arn:aws:iam::111122223333:role/Deployer");
    assert!(on_role.contains(&"iam:PassRole"), "{on_role:?}");
    assert!(acting("arn:aws:nothing:::x").is_empty());
    assert_eq!(acting("*").len(), c.actions().len());
    let types: Vec<&str> = c
        .resource_types_of_arn("arn:aws:s3:::b/k")
        .iter()
        .map(|t| t.name())
        .collect();
    assert_eq!(types, ["object"]);
}
