//! Every explanation of the corpus tells one story: the decision-flow stages, the rule and the
//! deciding statements agree (issue 20, item 7).
#![cfg(test)]

use roleplay_eval::{stage_of, Decision, Explanation, FlowStatus, Rule};
use roleplay_policy::Effect;

include!("support/corpus_list.rs");

fn status(ex: &Explanation, stage: &str) -> FlowStatus {
    ex.flow
        .iter()
        .find(|f| f.stage == stage)
        .map(|f| f.status)
        .unwrap_or_else(|| panic!("no stage {stage}"))
}

/// Everything that contradicts itself in one explanation, in words.
fn contradictions(ex: &Explanation) -> Vec<String> {
    let mut out = Vec::new();
    for d in &ex.deciding {
        let p = &ex.policies[d.policy];
        let s = &p.statements[d.statement];
        let stage = stage_of(p.kind);
        let want = match s.effect {
            Effect::Allow => FlowStatus::Pass,
            Effect::Deny => FlowStatus::Fail,
        };
        if status(ex, stage) != want {
            out.push(format!(
                "deciding statement {} of {} ({:?}) but stage {stage} is {:?}",
                s.index,
                p.name,
                s.effect,
                status(ex, stage)
            ));
        }
    }
    let fails: Vec<&str> = ex
        .flow
        .iter()
        .filter(|f| f.status == FlowStatus::Fail)
        .map(|f| f.stage)
        .collect();
    match ex.decision {
        Decision::Allowed if !fails.is_empty() => {
            out.push(format!("allowed, yet {fails:?} failed"))
        }
        Decision::ExplicitDeny => {
            if status(ex, "explicitDeny") != FlowStatus::Fail {
                out.push("explicit deny, yet the explicit-deny stage did not fail".into());
            }
            if let Some(kind) = ex.responsible {
                if status(ex, stage_of(kind)) != FlowStatus::Fail {
                    out.push(format!(
                        "the deny came from {kind:?}, whose stage did not fail"
                    ));
                }
            }
        }
        Decision::ImplicitDeny if fails.len() != 1 => out.push(format!(
            "implicit deny must fail at one stage, not {fails:?}"
        )),
        _ => {}
    }
    // The rule sentence names a stage; that stage must say the same.
    let named = match ex.rule {
        Rule::ExplicitDeny => Some(("explicitDeny", FlowStatus::Fail)),
        Rule::NoResourceControlPolicyAllow => Some(("rcp", FlowStatus::Fail)),
        Rule::NoServiceControlPolicyAllow => Some(("scp", FlowStatus::Fail)),
        Rule::ResourcePolicyMustAllow | Rule::CrossAccountResourcePolicy => {
            Some(("resource", FlowStatus::Fail))
        }
        Rule::ResourcePolicyGrants | Rule::ResourcePolicyAllowsCaller => {
            Some(("resource", FlowStatus::Pass))
        }
        Rule::NoIdentityPolicyAllow => Some(("identity", FlowStatus::Fail)),
        Rule::NoBoundaryAllow => Some(("boundary", FlowStatus::Fail)),
        Rule::NoSessionPolicyAllow => Some(("session", FlowStatus::Fail)),
        Rule::IdentityPolicyAllows | Rule::RootUser => Some(("identity", FlowStatus::Pass)),
        Rule::NoPermissionNeeded | Rule::NotWithSessionCredentials => None,
        Rule::NoVpcEndpointPolicyAllow => Some(("vpce", FlowStatus::Fail)),
        Rule::ServiceRule => Some(("service", FlowStatus::Fail)),
    };
    if let Some((stage, want)) = named {
        if status(ex, stage) != want {
            out.push(format!(
                "rule {:?} names stage {stage} as {want:?}, the flow says {:?}",
                ex.rule,
                status(ex, stage)
            ));
        }
    }
    // "In the same account …" is said only of callers that have an account (identity policies).
    let identity = status(ex, "identity");
    match ex.rule {
        Rule::ResourcePolicyGrants if identity != FlowStatus::Skipped => out.push(format!(
            "a same-account resource grant leaves identity policies not needed, the flow says {identity:?}"
        )),
        Rule::ResourcePolicyAllowsCaller if identity != FlowStatus::NotApplicable => out.push(
            format!("a caller without identity policies, yet the identity stage is {identity:?}"),
        ),
        _ => {}
    }
    out
}

#[test]
fn every_explanation_of_the_corpus_agrees_with_itself() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (name, text) in CORPUS {
        let scenario = roleplay_sim::read(text).unwrap();
        let result = roleplay_sim::run(&scenario);
        for r in &result.steps {
            let Some(ex) = &r.explanation else { continue };
            checked += 1;
            for c in contradictions(ex) {
                failures.push(format!("{name} step {} ({}): {c}", r.index, r.action));
            }
        }
    }
    assert!(checked >= 300, "only {checked} explanations");
    assert!(
        failures.is_empty(),
        "{} contradictions:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn a_service_caller_is_not_told_about_the_same_account() {
    let (_, text) = CORPUS
        .iter()
        .find(|(n, _)| *n == "gallery/lambda-execution-role.json")
        .unwrap();
    let result = roleplay_sim::run(&roleplay_sim::read(text).unwrap());
    let ex = result.steps[0].explanation.as_ref().unwrap();
    assert_eq!(ex.rule, Rule::ResourcePolicyAllowsCaller);
    assert!(!ex.rule_text.contains("same account"), "{}", ex.rule_text);
}

#[test]
fn a_statement_that_names_someone_else_says_whom() {
    let mut seen = 0;
    for (name, text) in CORPUS {
        let result = roleplay_sim::run(&roleplay_sim::read(text).unwrap());
        for ex in result.steps.iter().filter_map(|r| r.explanation.as_ref()) {
            for s in ex.policies.iter().flat_map(|p| &p.statements) {
                if s.miss != Some(roleplay_eval::Miss::Principal) {
                    assert!(s.principals.is_empty(), "{name}: {s:?}");
                    continue;
                }
                for p in &s.principals {
                    seen += 1;
                    assert!(
                        text.contains(p.as_str()),
                        "{name}: {p} is not in the policy"
                    );
                }
            }
        }
    }
    assert!(seen >= 10, "only {seen} principals named");
}
