//! The policy cache the playground keeps across keystrokes never changes a result: a cached run equals
//! a fresh one, and an edited policy is read anew.
#![cfg(test)]

use roleplay_sim::{read, run, run_with_cache, PolicyCache, PolicyDoc, PrincipalDef};

fn json(r: &roleplay_sim::RunResult) -> String {
    serde_json::to_string(r).unwrap_or_default()
}

#[test]
fn cached_runs_equal_fresh_runs_and_edits_are_seen() {
    let text = include_str!("../../../tests/scenarios/timeline/working-day.json");
    let Ok(mut scenario) = read(text) else {
        panic!("corpus file unreadable")
    };
    let mut cache = PolicyCache::default();
    let fresh = json(&run(&scenario));
    assert_eq!(json(&run_with_cache(&scenario, &mut cache)), fresh);
    assert_eq!(json(&run_with_cache(&scenario, &mut cache)), fresh);

    // Break the Deploy role's trust policy: the cached reading must not be reused.
    let Some(PrincipalDef::Role(deploy)) = scenario.principals.get_mut(3) else {
        panic!("no role")
    };
    deploy.trust_policy = PolicyDoc::Text("{\"Statement\": [".into());
    let edited = run_with_cache(&scenario, &mut cache);
    assert_eq!(json(&edited), json(&run(&scenario)));
    assert_eq!(
        edited.steps[0].error.as_ref().map(|e| e.code.as_str()),
        Some("MalformedPolicyDocument")
    );
}
