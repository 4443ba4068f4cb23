//! Condition evaluation (§2): per-operator tests, missing keys, `…IfExists`, set qualifiers, negation as NOR.

use crate::compile::{arn_globs, ArnValue, CCondition, Values};
use crate::context::Context;
use roleplay_policy::value;
use roleplay_policy::{OperatorKind as K, SetQualifier};

/// Evaluates one condition against the request context.
pub(crate) fn holds(c: &CCondition, ctx: &Context) -> bool {
    let request = ctx.get(&c.key);
    let op = c.operator;
    if op.kind == K::Null {
        let present = request.is_some_and(|v| !v.is_empty());
        let Values::Null(wanted) = &c.values else {
            return false;
        };
        // `"true"` → the key must be absent; `"false"` → present; several values are OR-ed.
        return wanted.contains(&Some(!present));
    }
    let negated = op.kind.is_negated();
    let values = match request {
        Some(v) if !v.is_empty() => v,
        _ => {
            return match op.set {
                // Vacuously true (§2.5).
                Some(SetQualifier::ForAllValues) => true,
                // False on an absent key, IfExists or not (§2.4 UNCONFIRMED: re:Post answer and the peer).
                Some(SetQualifier::ForAnyValue) => false,
                None => op.if_exists || negated,
            };
        }
    };
    match op.set {
        // A key that resolves to an empty string (an empty tag) is vacuously true as well (§2.5, §2.3).
        Some(SetQualifier::ForAllValues) if values.iter().all(|v| v.is_empty()) => true,
        Some(SetQualifier::ForAllValues) => values.iter().all(|v| one_value(c, v, ctx, negated)),
        Some(SetQualifier::ForAnyValue) => values.iter().any(|v| one_value(c, v, ctx, negated)),
        // A multivalued key (or several request values) under a plain operator does not match, even
        // with one element (§2.5, the peer's reading citing AWS re:Inforce 2025 IAM431; UNCONFIRMED).
        None => match values {
            [single] if !c.multivalued => one_value(c, single, ctx, negated),
            _ => false,
        },
    }
}

/// The per-value test: for a positive operator, any policy value matches (OR); for a negated one,
/// none of the policy values matches (NOR).
fn one_value(c: &CCondition, request: &str, ctx: &Context, negated: bool) -> bool {
    let any = matches_any(c, request, ctx);
    if negated {
        !any
    } else {
        any
    }
}

fn matches_any(c: &CCondition, request: &str, ctx: &Context) -> bool {
    match &c.values {
        Values::Text {
            templates,
            fixed,
            wild,
            case_insensitive,
        } => templates.iter().zip(fixed).any(|(t, f)| match f {
            Some(g) => g.matches(request),
            // Unresolved variable: that value matches nothing (§3).
            None => t
                .glob(ctx, *wild, *case_insensitive)
                .is_some_and(|g| g.matches(request)),
        }),
        Values::Number(ns) => {
            let Some(r) = value::number(request) else {
                return false;
            };
            ns.iter()
                .flatten()
                .any(|p| compare(c.operator.kind, r.partial_cmp(p)))
        }
        Values::Date(ds) => {
            let Some(r) = value::instant(request) else {
                return false;
            };
            ds.iter()
                .flatten()
                .any(|p| compare(c.operator.kind, Some(r.cmp(p))))
        }
        Values::Binary(bs) => {
            let r = value::binary(request);
            bs.contains(&r)
        }
        Values::Ip(nets) => {
            let Some(addr) = value::address(request) else {
                return false;
            };
            nets.iter().flatten().any(|n| n.contains(&addr))
        }
        Values::Arn(arns) => {
            let Some(parts) = roleplay_policy::arn::split(request) else {
                return false;
            };
            arns.iter().any(|a| {
                let dynamic;
                let globs = match a {
                    ArnValue::Fixed(g) => g.as_ref(),
                    ArnValue::Dynamic(t) => {
                        dynamic = t.text(ctx).and_then(|s| arn_globs(&s));
                        dynamic.as_ref()
                    }
                };
                globs.is_some_and(|g| g.iter().zip(parts.iter()).all(|(g, p)| g.matches(p)))
            })
        }
        Values::Null(_) => false,
    }
}

/// Ordering operators compare request against policy value; the equality ones (and their negations,
/// which `one_value` applies) test equality.
fn compare(kind: K, ord: Option<std::cmp::Ordering>) -> bool {
    use std::cmp::Ordering::*;
    let Some(ord) = ord else { return false };
    match kind {
        K::NumericLessThan | K::DateLessThan => ord == Less,
        K::NumericLessThanEquals | K::DateLessThanEquals => ord != Greater,
        K::NumericGreaterThan | K::DateGreaterThan => ord == Greater,
        K::NumericGreaterThanEquals | K::DateGreaterThanEquals => ord != Less,
        _ => ord == Equal,
    }
}

/// The policy values as the explanation shows them: variables resolved where possible.
pub(crate) fn shown_values(c: &CCondition, ctx: &Context) -> Vec<String> {
    match &c.values {
        Values::Text { templates, .. } => templates.iter().map(|t| t.display(ctx)).collect(),
        Values::Arn(arns) => arns
            .iter()
            .zip(&c.written)
            .map(|(a, w)| match a {
                ArnValue::Dynamic(t) => t.display(ctx),
                ArnValue::Fixed(_) => w.clone(),
            })
            .collect(),
        _ => c.written.clone(),
    }
}
