//! What the two editors light: the explanation's deciding statements of the selected step that live
//! in the focus role's trust policy or its first permissions policy, and the ranges a *Fix it* fix
//! would change while the user points at it.

use crate::analysis::RolePolicy;
use crate::scenario::focus_role;
use roleplay_fix::diff::Change;
use roleplay_policy::{Effect, PolicyKind};
use roleplay_sim::{PrincipalDef, Scenario, StepResult};
use serde::Serialize;

/// One deciding statement, in the editor's 1-based lines and columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Decoration {
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    pub end_column: u32,
    /// `allow` or `deny` for a deciding statement, `fix` for what a fix changes.
    pub kind: &'static str,
    /// 1-based statement number in its policy.
    #[serde(skip)]
    pub statement: usize,
}

impl Decoration {
    /// "Statement 1 (lines 4–8) decided: allow"; "The fix you point at changes line 7"
    pub fn note(&self) -> String {
        let lines = if self.start_line == self.end_line {
            format!("line {}", self.start_line)
        } else {
            format!("lines {}–{}", self.start_line, self.end_line)
        };
        if self.kind == "fix" {
            return format!("The fix you point at changes {lines}");
        }
        format!(
            "Statement {} ({lines}) decided: {}",
            self.statement, self.kind
        )
    }
}

/// The JSON Pointer of an editor's policy in the scenario document: what a fix's patch names.
fn pointer(s: &Scenario, policy: RolePolicy) -> Option<String> {
    let i = s
        .principals
        .iter()
        .position(|p| matches!(p, PrincipalDef::Role(_)))?;
    Some(match policy {
        RolePolicy::Trust => format!("/principals/{i}/trustPolicy"),
        RolePolicy::Permissions => format!("/principals/{i}/policies/0/document"),
    })
}

/// The ranges of this editor's text that a fix's changes touch.
pub fn previewed(s: &Scenario, policy: RolePolicy, changes: &[Change]) -> Vec<Decoration> {
    let Some(pointer) = pointer(s, policy) else {
        return Vec::new();
    };
    changes
        .iter()
        .filter(|c| c.path == pointer)
        .flat_map(|c| &c.marks)
        .map(|m| Decoration {
            start_line: m.start_line,
            start_column: m.start_column,
            end_line: m.end_line,
            end_column: m.end_column,
            kind: "fix",
            statement: 0,
        })
        .collect()
}

pub fn deciding(s: &Scenario, step: Option<&StepResult>, policy: RolePolicy) -> Vec<Decoration> {
    let (Some(step), Some(role)) = (step, focus_role(s)) else {
        return Vec::new();
    };
    let Some(ex) = step.explanation.as_ref() else {
        return Vec::new();
    };
    let permissions = role.policies.first().map(|p| p.name.as_str());
    ex.deciding
        .iter()
        .filter_map(|r| {
            let p = ex.policies.get(r.policy)?;
            let ours = *p.owner == *role.arn
                && match policy {
                    RolePolicy::Trust => p.kind == PolicyKind::Trust,
                    RolePolicy::Permissions => {
                        p.kind == PolicyKind::Identity && Some(&*p.name) == permissions
                    }
                };
            if !ours {
                return None;
            }
            let st = p.statements.get(r.statement)?;
            Some(Decoration {
                start_line: st.location.start_line,
                start_column: st.location.start_column,
                end_line: st.location.end_line,
                end_column: st.location.end_column,
                kind: if st.effect == Effect::Deny {
                    "deny"
                } else {
                    "allow"
                },
                statement: st.index + 1,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::default_scenario;

    #[test]
    fn get_object_is_decided_by_the_permissions_statement() {
        let s = default_scenario();
        let r = roleplay_sim::run(&s);
        let d = deciding(&s, r.steps.get(1), RolePolicy::Permissions);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].note(), "Statement 1 (lines 4–8) decided: allow");
        assert!(deciding(&s, r.steps.get(1), RolePolicy::Trust).is_empty());
        let t = deciding(&s, r.steps.first(), RolePolicy::Trust);
        assert_eq!(t[0].note(), "Statement 1 (lines 4–10) decided: allow");
        assert!(deciding(&s, r.steps.get(2), RolePolicy::Permissions).is_empty());
    }

    #[test]
    fn a_fix_lights_the_lines_it_changes_in_its_own_editor_only() {
        use crate::scenario::{set_trust, trust_text};
        let mut s = default_scenario();
        let broken = trust_text(&s).replace("alice", "bob");
        assert!(set_trust(&mut s, &broken));
        let found = crate::fix_it::compute(&s, 0).expect("fixes");
        let first = found.fixes.first().expect("a fix");
        let lit = previewed(&s, RolePolicy::Trust, &first.changes);
        let bob = broken
            .lines()
            .position(|l| l.contains("bob"))
            .map(|i| i + 1);
        assert!(
            lit.iter()
                .any(|d| Some(d.start_line as usize) == bob && d.kind == "fix"),
            "{lit:?} in\n{broken}"
        );
        assert!(previewed(&s, RolePolicy::Permissions, &first.changes).is_empty());
    }
}
