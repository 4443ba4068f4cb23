//! `roleplay access`: the effective permissions of a session, role or user over the whole service
//! catalog, as the playground's view shows them — by service and access level, risky classes first.

use roleplay_catalog::{AccessSummary, Catalog};
use roleplay_sim::{access_by_resource, PolicyCache, Scenario, Subject};

/// The subject named on the command line: a step id (or 0-based index) for a session, else an ARN.
pub fn subject(
    s: &Scenario,
    session: Option<&str>,
    role: Option<&str>,
    user: Option<&str>,
) -> Result<Subject, String> {
    match (session, role, user) {
        (Some(id), None, None) => s
            .steps
            .iter()
            .position(|st| st.id.as_deref() == Some(id))
            .or_else(|| id.parse().ok())
            .map(Subject::Session)
            .ok_or_else(|| format!("no step has the id \"{id}\"")),
        (None, Some(arn), None) => Ok(Subject::Role(arn.to_string())),
        (None, None, Some(arn)) => Ok(Subject::User(arn.to_string())),
        _ => Err("name exactly one of --session STEP, --role ARN, --user ARN".into()),
    }
}

/// The readable report: a headline, the flagged classes, then every allowed action by service.
pub fn report(
    principal: &str,
    resource: &str,
    catalog: &Catalog,
    summary: &AccessSummary,
) -> String {
    let mut out = format!(
        "{principal} on {resource}: {} of {} catalog actions allowed\n",
        summary.allowed,
        catalog.actions().len()
    );
    let flag = |out: &mut String, label: &str, actions: &[&roleplay_catalog::Action]| {
        if actions.is_empty() {
            return;
        }
        let shown: Vec<&str> = actions.iter().take(8).map(|a| a.full_name()).collect();
        let more = actions.len().saturating_sub(shown.len());
        out.push_str(&format!(
            "  ! {label}: {} ({}",
            actions.len(),
            shown.join(", ")
        ));
        out.push_str(&if more > 0 {
            format!(", … {more} more)\n")
        } else {
            ")\n".into()
        });
    };
    flag(
        &mut out,
        "Permissions management",
        &summary.permissions_management,
    );
    flag(
        &mut out,
        "Write on every resource",
        &summary.write_on_everything,
    );
    for s in &summary.services {
        out.push_str(&format!(
            "\n{} — {} ({})\n",
            s.service.prefix(),
            s.service.name(),
            s.count()
        ));
        for (level, actions) in &s.levels {
            let names: Vec<&str> = actions.iter().map(|a| a.name()).collect();
            out.push_str(&format!("  {:<23} {}\n", level.as_str(), names.join(", ")));
        }
    }
    out
}

/// What the subject may do on each resource its own policies name, asked only about the actions
/// that act on that resource's type: the answer to "on which resources", before the `*` report.
pub fn by_resource(s: &Scenario, subject: &Subject, catalog: &Catalog) -> Result<String, String> {
    let acting = |r: &str| -> Vec<&str> {
        catalog
            .actions_acting_on(r)
            .into_iter()
            .map(|a| a.full_name())
            .collect()
    };
    let found = access_by_resource(s, &mut PolicyCache::default(), subject, acting)
        .map_err(|e| e.message)?;
    let mut out = String::new();
    for (access, actions) in &found {
        let allowed = access.allowed(actions);
        let listed = if allowed.is_empty() {
            "nothing allowed".to_owned()
        } else {
            allowed.join(", ")
        };
        out.push_str(&format!("on {}: {listed}\n", access.resource));
    }
    if !out.is_empty() {
        out.insert_str(0, "Resources its policies name:\n");
        out.push('\n');
    }
    Ok(out)
}
