//! Replaying a path on the timeline. Each edge's own step stands alone (its `as` is a user or an
//! inline session), which proves the edge but not the path: a role session that the path reaches
//! by an earlier step should be *that* step's session. So where an assume step lands on the role
//! the next step acts as, the next step's `as` becomes the earlier step's id, and what the inline
//! session carried (a source identity, session tags) is asked for by the earlier step instead.
//! Each link is kept only if the runner still allows every step of the path with it (a trust
//! policy that does not allow `sts:SetSourceIdentity`, say, keeps that edge's step self-contained).

use crate::model::{EdgeKind, Graph, Path};
use roleplay_sim::{CallerDef, PolicyCache, Probe, Scenario, Step, Tag};
use std::collections::HashSet;

/// The steps that replay each of `paths`, chained where the runner allows it.
pub fn replays(s: &Scenario, g: &Graph, paths: &[Path]) -> Vec<Vec<Step>> {
    let mut cache = PolicyCache::default();
    let mut probe = Probe::new(s, &mut cache);
    let taken: HashSet<&str> = s.steps.iter().filter_map(|st| st.id.as_deref()).collect();
    paths
        .iter()
        .map(|p| replay(&mut probe, &taken, g, p))
        .collect()
}

fn replay(probe: &mut Probe, taken: &HashSet<&str>, g: &Graph, path: &Path) -> Vec<Step> {
    let edges: Vec<_> = path.edges.iter().filter_map(|&i| g.edges.get(i)).collect();
    let alone: Vec<Step> = edges.iter().map(|e| e.step.clone()).collect();
    let links: Vec<usize> = (1..edges.len())
        .filter(|&k| {
            let (Some(before), Some(after)) = (edges.get(k - 1), edges.get(k)) else {
                return false;
            };
            lands_on(before.kind) && session_of(&after.step) == Some(before.to.as_str())
        })
        .collect();
    if links.is_empty() {
        return alone;
    }
    let ids = fresh_ids(taken, g, path, alone.len());
    let allowed = |probe: &mut Probe, steps: &[Step]| {
        probe
            .try_steps(steps)
            .iter()
            .all(|r| r.decision == "allowed")
    };
    // Every link at once, the usual case; else link by link, each kept if the path still runs.
    let all = chain(&alone, &links, &ids);
    if allowed(probe, &all) {
        return all;
    }
    let mut kept: Vec<usize> = Vec::new();
    for &k in &links {
        let mut with = kept.clone();
        with.push(k);
        if allowed(probe, &chain(&alone, &with, &ids)) {
            kept = with;
        }
    }
    chain(&alone, &kept, &ids)
}

/// Edges after which the caller holds a session of the edge's target role.
fn lands_on(kind: EdgeKind) -> bool {
    matches!(
        kind,
        EdgeKind::AssumeRole
            | EdgeKind::AssumeRoleWithWebIdentity
            | EdgeKind::AssumeRoleWithSaml
            | EdgeKind::ServiceAssumeRole
    )
}

/// The role of a step made as an inline session of it, and nothing else.
fn session_of(step: &Step) -> Option<&str> {
    match step.caller.as_ref()? {
        CallerDef::Object(o)
            if o.service.is_none() && o.web_identity.is_none() && o.saml.is_none() =>
        {
            o.session.as_ref().map(|s| s.role.as_str())
        }
        _ => None,
    }
}

/// `steps` with step `k` acting as step `k - 1`'s session for each `k` of `links`.
fn chain(steps: &[Step], links: &[usize], ids: &[String]) -> Vec<Step> {
    let mut out = steps.to_vec();
    for &k in links {
        let Some(id) = ids.get(k - 1) else { continue };
        let session = out.get(k).and_then(|st| match &st.caller {
            Some(CallerDef::Object(o)) => o.session.clone(),
            _ => None,
        });
        let Some(session) = session else { continue };
        if let Some(before) = out.get_mut(k - 1) {
            before.id = Some(id.clone());
            let params = before.params.get_or_insert_with(Default::default);
            if session.source_identity.is_some() {
                params.source_identity = session.source_identity.clone();
            }
            if !session.tags.is_empty() {
                let tags = params.tags.get_or_insert_with(Vec::new);
                for (key, value) in session.tags.iter() {
                    tags.retain(|t| !t.key.eq_ignore_ascii_case(key));
                    tags.push(Tag {
                        key: key.clone(),
                        value: value.clone(),
                    });
                }
            }
        }
        if let Some(after) = out.get_mut(k) {
            after.caller = Some(CallerDef::Ref(id.clone()));
        }
    }
    out
}

/// One step id per step, for the session it starts: `session-Jump`, unused by the scenario.
fn fresh_ids(taken: &HashSet<&str>, g: &Graph, path: &Path, n: usize) -> Vec<String> {
    let mut ids: Vec<String> = Vec::with_capacity(n);
    for &i in path.edges.iter().take(n) {
        let name = g
            .edges
            .get(i)
            .map(|e| e.to.rsplit(['/', ':']).next().unwrap_or("step").to_string())
            .unwrap_or_default();
        let base = format!("session-{name}");
        let mut id = base.clone();
        let mut k = 2;
        while taken.contains(id.as_str()) || ids.contains(&id) {
            id = format!("{base}-{k}");
            k += 1;
        }
        ids.push(id);
    }
    ids
}
