//! The scenario as JSON text, in the three forms the app writes it, and the one form it keeps.
//!
//! - **Kept**: every policy document as text (`PolicyDoc::Text`), byte for byte. A document a file
//!   wrote as a JSON object becomes the text the file wrote (`PolicyDoc::text`); so a gallery scenario,
//!   its autosave and its share link all hold the same texts and compare equal.
//! - **Link** ([`link_json`]): a share link compacts its JSON, which would squash a policy written as an
//!   object onto one line. So a text goes as an object only when it is laid out exactly as serde_json
//!   lays its value out, and [`from_link`] lays it out again, identically; any other text goes as a
//!   string, which compaction keeps byte for byte.
//! - **Read by people** ([`pretty`]: the Scenario JSON tab, an exported file): each policy text that is
//!   a JSON object is shown as one, indented to its place, when reading it back gives the same text to
//!   the byte; any other text (invalid JSON, white space around the object, a closing brace indented
//!   further than its first line) stays a string. Editing a policy there edits its text.
//!
//! Pure functions; no DOM, tested natively.

use roleplay_sim::{CallerDef, PolicyDoc, PrincipalDef, Scenario};
use serde_json::value::RawValue;

/// Every policy document of a scenario, in the order the format lists them.
fn docs_mut(s: &mut Scenario) -> Vec<&mut PolicyDoc> {
    let mut out: Vec<&mut PolicyDoc> = Vec::new();
    for p in &mut s.principals {
        let (trust, policies, boundary) = match p {
            PrincipalDef::User(u) => (None, &mut u.policies, u.permissions_boundary.as_mut()),
            PrincipalDef::Group(g) => (None, &mut g.policies, None),
            PrincipalDef::Role(r) => (
                Some(&mut r.trust_policy),
                &mut r.policies,
                r.permissions_boundary.as_mut(),
            ),
            PrincipalDef::OidcProvider(_) | PrincipalDef::SamlProvider(_) => continue,
        };
        out.extend(trust);
        out.extend(policies.iter_mut().map(|a| &mut a.document));
        out.extend(boundary.map(|b| &mut b.document));
    }
    out.extend(s.resources.iter_mut().filter_map(|r| r.policy.as_mut()));
    out.extend(s.vpc_endpoints.iter_mut().filter_map(|e| e.policy.as_mut()));
    if let Some(org) = &mut s.organization {
        out.extend(
            org.scps
                .iter_mut()
                .chain(org.rcps.iter_mut())
                .map(|p| &mut p.document),
        );
    }
    for st in &mut s.steps {
        out.extend(st.params.as_mut().and_then(|p| p.policy.as_mut()));
        if let Some(CallerDef::Object(o)) = &mut st.caller {
            out.extend(o.session.as_mut().and_then(|s| s.policy.as_mut()));
        }
    }
    out
}

/// The form the app keeps: documents read as objects become their text.
pub fn keep_as_text(s: &mut Scenario) {
    for doc in docs_mut(s) {
        if matches!(doc, PolicyDoc::Object(_)) {
            *doc = PolicyDoc::Text(doc.text());
        }
    }
}

/// A scenario read from a share link, in the kept form: a document the link carries as an object on
/// one line (as [`link_json`] sends a laid-out text, and as any compacted link carries objects) is
/// laid out again.
pub fn from_link(mut s: Scenario) -> Scenario {
    for doc in docs_mut(&mut s) {
        if let PolicyDoc::Object(raw) = doc {
            if !raw.get().contains('\n') {
                if let Some(text) = laid_out(raw.get()) {
                    *doc = PolicyDoc::Text(text);
                }
            }
        }
    }
    keep_as_text(&mut s);
    s
}

/// serde_json's layout of a JSON text (two spaces, one member per line), keys in their order.
fn laid_out(text: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    serde_json::to_string_pretty(&value).ok()
}

/// The scenario as a JSON value (for the worker's jobs), read from its compact text: the page then
/// carries one writer of the scenario rather than a second, serde_json's value serializer
/// (docs/benchmarks.md, page weight).
pub fn value(s: &Scenario) -> serde_json::Value {
    serde_json::from_str(&compact(s)).unwrap_or_default()
}

/// The scenario's compact JSON: the one writer of a scenario the page has.
pub fn compact(s: &Scenario) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// The scenario's JSON for a share link (see the module's notes).
pub fn link_json(s: &Scenario) -> String {
    let mut s = s.clone();
    for doc in docs_mut(&mut s) {
        if let PolicyDoc::Text(text) = doc {
            let compact = serde_json::from_str::<serde_json::Value>(text)
                .ok()
                .filter(|v| v.is_object() && laid_out(text).as_deref() == Some(text.as_str()))
                .and_then(|v| RawValue::from_string(v.to_string()).ok());
            if let Some(raw) = compact {
                *doc = PolicyDoc::Object(raw);
            }
        }
    }
    compact(&s)
}

/// The scenario as people read and edit it (see the module's notes): serde_json's pretty layout,
/// each policy shown as an object put in place of a placeholder string with its lines indented to
/// the placeholder's (serde_json's own writer, so the app carries no second one).
pub fn pretty(s: &Scenario) -> String {
    let mut shown = s.clone();
    let mut objects = Vec::new();
    for doc in docs_mut(&mut shown) {
        if let PolicyDoc::Text(text) = doc {
            if shows_as_object(text) {
                let placeholder = format!("\u{1}policy {}\u{1}", objects.len());
                objects.push(std::mem::replace(text, placeholder));
            }
        }
    }
    // serde_json's pretty layout, through the compact text (see [`compact`]).
    let plain = || laid_out(&compact(s)).unwrap_or_default();
    let mut out = laid_out(&compact(&shown)).unwrap_or_default();
    for (i, text) in objects.iter().enumerate() {
        // How serde_json writes the placeholder; a scenario's own text holding it too is left as is.
        let token = format!("\"\\u0001policy {i}\\u0001\"");
        let (Some(at), 1) = (out.find(&token), out.matches(&token).count()) else {
            return plain();
        };
        let line = out
            .get(..at)
            .and_then(|b| b.rfind('\n'))
            .map_or(0, |n| n + 1);
        let indent = out
            .get(line..at)
            .map_or(0, |l| l.len() - l.trim_start().len());
        let placed = text.replace('\n', &format!("\n{}", " ".repeat(indent)));
        out.replace_range(at..at + token.len(), &placed);
    }
    out
}

/// Whether a policy text shows as the object it holds: indented (as [`pretty`] places it) and
/// read back (`PolicyDoc::text` takes the indentation off), it is the same text, byte for byte.
fn shows_as_object(text: &str) -> bool {
    // A JSON value read from a document never carries the white space around it.
    if !text.starts_with('{') || !text.ends_with('}') {
        return false;
    }
    RawValue::from_string(text.replace('\n', "\n  "))
        .is_ok_and(|placed| PolicyDoc::Object(placed).text() == text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{default_scenario, GALLERY};

    fn texts(s: &Scenario) -> Vec<String> {
        let mut s = s.clone();
        docs_mut(&mut s).into_iter().map(|d| d.text()).collect()
    }

    fn kept(text: &str) -> Scenario {
        let mut s = roleplay_sim::read(text).expect("reads");
        keep_as_text(&mut s);
        s
    }

    /// What a share link does to the JSON: compacted through a value.
    fn through_link(s: &Scenario) -> Scenario {
        let json = link_json(s);
        let compact = serde_json::from_str::<serde_json::Value>(&json)
            .expect("valid")
            .to_string();
        from_link(roleplay_sim::read(&compact).expect("reads"))
    }

    #[test]
    fn every_gallery_scenario_survives_a_link_with_its_policies_laid_out() {
        for (name, text) in GALLERY
            .iter()
            .chain([&("default", crate::scenario::DEFAULT_SCENARIO)])
        {
            let s = kept(text);
            assert!(!texts(&s).is_empty(), "{name}");
            let back = through_link(&s);
            assert_eq!(back, s, "{name}: the link gives the same scenario");
            for t in texts(&back) {
                assert!(t.lines().count() > 3, "{name}: a policy on one line: {t}");
            }
        }
    }

    #[test]
    fn a_link_keeps_odd_layouts_and_numbers_as_typed() {
        let mut s = default_scenario();
        for odd in [
            "{\"Version\":\"2012-10-17\"}",
            "{\n    \"a\": 1e3\n}",
            "{ broken",
            "{\n  \"a\": 1\n}\n",
        ] {
            crate::scenario::set_trust(&mut s, odd);
            assert_eq!(crate::scenario::trust_text(&through_link(&s)), odd);
        }
    }

    #[test]
    fn the_json_tab_shows_policies_as_objects_and_reads_back_the_same_texts() {
        for (name, text) in GALLERY
            .iter()
            .chain([&("default", crate::scenario::DEFAULT_SCENARIO)])
        {
            let s = kept(text);
            let shown = pretty(&s);
            assert!(
                !shown.contains("\": \"{"),
                "{name}: a policy shown as a string"
            );
            assert_eq!(
                kept(&shown),
                s,
                "{name}: the tab reads back as the same scenario"
            );
        }
        let shown = pretty(&default_scenario());
        assert!(
            shown.contains("      \"trustPolicy\": {\n        \"Version\": \"2012-10-17\",\n"),
            "indented to its place:\n{shown}"
        );
    }

    #[test]
    fn texts_that_cannot_be_shown_as_objects_stay_strings() {
        let mut s = default_scenario();
        for odd in [
            "{ broken",
            "  {\n  \"a\": 1\n}",
            "{\n  \"a\": 1\n  }",
            "[]",
            "{\"a\": 1} {}",
        ] {
            crate::scenario::set_trust(&mut s, odd);
            let shown = pretty(&s);
            let back = kept(&shown);
            assert_eq!(crate::scenario::trust_text(&back), odd, "{shown}");
        }
    }

    #[test]
    fn a_scenario_holding_the_placeholder_itself_is_shown_plainly() {
        let mut s = default_scenario();
        s.title = Some("\u{1}policy 0\u{1}".into());
        assert_eq!(kept(&pretty(&s)), s);
    }

    #[test]
    fn an_edit_in_the_tab_is_the_new_text() {
        let s = default_scenario();
        let shown = pretty(&s).replace("user/alice\"", "user/bob\"");
        let trust = crate::scenario::trust_text(&kept(&shown));
        assert!(
            trust.contains("user/bob") && trust.starts_with("{\n  \"Version\""),
            "{trust}"
        );
    }
}
