//! Which statements of the two editors decided the selected step: the explanation's deciding
//! statements that live in the focus role's trust policy or its first permissions policy.

use crate::analysis::RolePolicy;
use crate::scenario::focus_role;
use roleplay_policy::{Effect, PolicyKind};
use roleplay_sim::{Scenario, StepResult};
use serde::Serialize;

/// One deciding statement, in the editor's 1-based lines and columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Decoration {
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    pub end_column: u32,
    /// `allow` or `deny`.
    pub kind: &'static str,
    /// 1-based statement number in its policy.
    #[serde(skip)]
    pub statement: usize,
}

impl Decoration {
    /// "Statement 1 (lines 4–8) decided: allow"
    pub fn note(&self) -> String {
        let lines = if self.start_line == self.end_line {
            format!("line {}", self.start_line)
        } else {
            format!("lines {}–{}", self.start_line, self.end_line)
        };
        format!(
            "Statement {} ({lines}) decided: {}",
            self.statement, self.kind
        )
    }
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
}
