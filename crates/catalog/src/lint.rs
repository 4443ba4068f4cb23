//! Catalog-aware lint: findings a policy earns only when the service authorization data is known.
//! Same [`Finding`] type, severities and location rules as `roleplay_policy`'s own lint; stable codes:
//!
//! | code | where | what |
//! |---|---|---|
//! | `UNKNOWN_SERVICE` | action pattern | the service prefix is not in the catalog |
//! | `UNKNOWN_ACTION` | action pattern | no such action (with a "did you mean") |
//! | `ACTION_MATCHES_NOTHING` | action pattern | a wildcard pattern that matches no action |
//! | `RESOURCE_NOT_SUPPORTED` | action pattern | only `"Resource": "*"` works for these actions |
//! | `CONDITION_KEY_NOT_APPLICABLE` | condition key | no action of the statement has this key |
//! | `OPERATOR_TYPE_MISMATCH` | operator | the operator does not compare the key's type |
//! | `MISSING_SET_OPERATOR` | operator | a multivalued key tested without `ForAllValues`/`ForAnyValue` |
//!
//! Global `aws:` keys are always applicable, and the operator types of the keys `roleplay_policy`'s
//! reference describes (global, STS, SAML and OIDC keys) are its lint's business
//! (`OPERATOR_DOES_NOT_FIT_KEY`), so they are not judged here twice.

use crate::catalog::{Action, Catalog};
use crate::glob::has_wildcard;
use roleplay_policy::spelling::Speller;
use roleplay_policy::Code;
use roleplay_policy::{Condition, Document, Family, Finding, Severity, Span, Statement};

/// Catalog findings for one parsed document, in document order.
pub fn lint(document: &Document, catalog: &Catalog) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut push = |code: Code, span: Span, message: String, fix: Option<Suggestion>| {
        out.push(Finding {
            severity: Severity::Warning,
            code,
            message,
            location: document.lines.locate(span),
            aws_message: None,
            replacement: fix.as_ref().and_then(|f| f.replacement.clone()),
            fix: fix.map(|f| f.text),
        });
    };
    let mut speller = Speller::default();
    for st in &document.statements {
        statement(st, catalog, &mut speller, &mut push);
    }
    out
}

type Push<'p> = dyn FnMut(Code, Span, String, Option<Suggestion>) + 'p;

/// How to fix a finding, in words and, where it is one string, as the string's new text.
struct Suggestion {
    text: String,
    replacement: Option<String>,
}

impl Suggestion {
    fn words(text: String) -> Self {
        Suggestion {
            text,
            replacement: None,
        }
    }

    /// "Use `s3:GetObject`": `pattern` is the JSON string's new content, quoted here when it needs
    /// no escape (catalog names never do).
    fn replace_with(text: String, pattern: String) -> Self {
        let plain = !pattern.contains(['"', '\\']) && !pattern.chars().any(char::is_control);
        Suggestion {
            text,
            replacement: plain.then(|| format!("\"{pattern}\"")),
        }
    }
}

fn statement(st: &Statement, catalog: &Catalog, speller: &mut Speller, push: &mut Push) {
    let negated = st.action.as_ref().is_none_or(|a| a.negated);
    let (actions, complete) = actions(st, negated, catalog, speller, push);
    let judge_keys = !negated && complete && !actions.is_empty();
    for c in &st.conditions {
        condition(c, &actions, judge_keys, catalog, push);
    }
}

/// The actions the statement allows or denies, and whether every pattern is known (`complete`);
/// unknown services and actions, patterns that match nothing and specific resources on actions
/// without resource-level permissions are reported on the way.
fn actions<'c>(
    st: &Statement,
    negated: bool,
    catalog: &'c Catalog,
    speller: &mut Speller,
    push: &mut Push,
) -> (Vec<&'c Action>, bool) {
    let mut actions: Vec<&Action> = Vec::new();
    let mut complete = true;
    let any_resource = st
        .resource
        .as_ref()
        .is_none_or(|r| r.negated || r.patterns.iter().any(|p| p.value == "*"));
    let Some(element) = &st.action else {
        return (actions, complete);
    };
    for pattern in &element.patterns {
        let text = pattern.value.as_str();
        let Some((svc, act)) = text.split_once(':') else {
            // `*` alone is every action; anything else is the policy parser's business.
            if text == "*" {
                actions.extend(catalog.actions());
            } else {
                complete = false;
            }
            continue;
        };
        let Some(matched) = matched(text, svc, act, pattern.span, catalog, speller, push) else {
            complete = false;
            continue;
        };
        if matched.is_empty() {
            complete = false;
            push(
                Code::ActionMatchesNothing,
                pattern.span,
                format!("`{text}` matches no action in the catalog."),
                None,
            );
            continue;
        }
        if !negated && !any_resource && matched.iter().all(|a| !a.supports_resources()) {
            let what = match matched.as_slice() {
                [one] => format!("`{}` does not", one.full_name()),
                _ => format!("none of the {} actions `{text}` matches", matched.len()),
            };
            push(
                Code::ResourceNotSupported,
                pattern.span,
                format!(
                    "{what} support resource-level permissions, so this statement's specific resources never apply to it."
                ),
                Some(Suggestion::words(
                    "Put it in a statement with \"Resource\": \"*\".".to_string(),
                )),
            );
        }
        actions.extend(matched);
    }
    (actions, complete)
}

/// The catalog's actions one `service:action` pattern matches; `None` (reported) for an unknown
/// service, or an unknown action named without a wildcard.
fn matched<'c>(
    text: &str,
    svc: &str,
    act: &str,
    span: Span,
    catalog: &'c Catalog,
    speller: &mut Speller,
    push: &mut Push,
) -> Option<Vec<&'c Action>> {
    Some(if !has_wildcard(svc) {
        let Some(service) = catalog.service(svc) else {
            let near = speller.nearest(catalog.services().iter().map(|s| s.prefix()), svc);
            push(
                Code::UnknownService,
                span,
                match near {
                    Some(n) => {
                        format!("`{svc}` is not a known service prefix; did you mean `{n}`?")
                    }
                    None => format!("`{svc}` is not a known service prefix."),
                },
                near.map(|n| {
                    Suggestion::replace_with(
                        format!("Use the service prefix `{n}`."),
                        format!("{n}:{act}"),
                    )
                }),
            );
            return None;
        };
        if !has_wildcard(act) {
            if let Some(a) = catalog.action(text) {
                vec![a]
            } else {
                let near =
                    speller.nearest(catalog.actions_of(service).iter().map(|a| a.name()), act);
                push(
                    Code::UnknownAction,
                    span,
                    match near {
                        Some(n) => format!(
                            "`{text}` is not an action of {}; did you mean `{}:{n}`?",
                            service.name(),
                            service.prefix()
                        ),
                        None => {
                            format!("`{text}` is not an action of {}.", service.name())
                        }
                    },
                    near.map(|n| {
                        let fixed = format!("{}:{n}", service.prefix());
                        Suggestion::replace_with(format!("Replace it with `{fixed}`."), fixed)
                    }),
                );
                return None;
            }
        } else {
            catalog.expand(text).collect()
        }
    } else {
        catalog.expand(text).collect()
    })
}

/// One condition: a service key no action of the statement has, and operators that do not fit the
/// key's type or its multivalued nature.
fn condition(
    c: &Condition,
    actions: &[&Action],
    judge_keys: bool,
    catalog: &Catalog,
    push: &mut Push,
) {
    let lower = c.key.to_ascii_lowercase();
    let global = lower.starts_with("aws:");
    let ids: Vec<u32> = catalog.key_ids(&c.key).collect();
    if judge_keys && !global {
        let prefix_known = lower
            .split_once(':')
            .is_some_and(|(p, _)| catalog.service(p).is_some());
        let applicable = ids
            .iter()
            .any(|&id| actions.iter().any(|a| catalog.action_has_key(a, id)));
        if !applicable && (prefix_known || !ids.is_empty()) {
            push(
                Code::ConditionKeyNotApplicable,
                c.key_span,
                format!(
                    "`{}` is not a condition key of any action in this statement, so the condition never sees a value.",
                    c.key
                ),
                None,
            );
        }
    }
    let family = c.operator.kind.family();
    if family == Family::Null {
        return;
    }
    let Some(key) = catalog.condition_key(&c.key) else {
        return;
    };
    let Some(ty) = key.value_type() else { return };
    // Keys the policy crate's reference describes (global, STS, SAML, OIDC) are typed by its
    // lint (`OPERATOR_DOES_NOT_FIT_KEY`): one finding, not two.
    let described = roleplay_policy::reference::condition_key(&c.key).is_some();
    if !described && !ty.accepts(family) {
        push(
            Code::OperatorTypeMismatch,
            c.operator_span,
            format!(
                "{} compares {family:?} values, but `{}` is of type {}.",
                c.operator.name(),
                c.key,
                key.type_name()
            ),
            Some(Suggestion::words(format!("Use {}.", ty.operators()))),
        );
    } else if key.multivalued() && c.operator.set.is_none() {
        push(
            Code::MissingSetOperator,
            c.operator_span,
            format!(
                "`{}` is multivalued ({}), but {} has no ForAllValues or ForAnyValue qualifier.",
                c.key,
                key.type_name(),
                c.operator.name()
            ),
            Some(Suggestion::words(format!(
                "Use ForAnyValue:{} (any value matches) or ForAllValues:{} (every value matches).",
                c.operator.name(),
                c.operator.name()
            ))),
        );
    }
}
