//! `roleplay graph`: the trust graph of a scenario — who can reach what, by which proved steps —
//! as text, the JSON document (`--json`) or Graphviz DOT (`--dot`), with the paths a question asks.

use roleplay_catalog::{AccessLevel, Catalog};
use roleplay_graph::{query, Graph, Leveled, Path};
use std::fmt::Write;

/// The questions asked on the command line.
pub struct Questions<'a> {
    pub who_can_reach: Option<&'a str>,
    pub reachable_from: Option<&'a str>,
    pub escalation: bool,
}

/// How privilege is classed: the catalog's actions by access level when one is given.
pub fn actions(catalog: Option<&Catalog>) -> Vec<Leveled<'_>> {
    match catalog {
        Some(c) => c
            .actions()
            .iter()
            .map(|a| {
                let read = matches!(a.access_level(), AccessLevel::List | AccessLevel::Read);
                (a.full_name(), read)
            })
            .collect(),
        None => roleplay_graph::SAMPLE.to_vec(),
    }
}

/// The graph with the paths the questions ask for; an error names a node the graph does not have.
pub fn answer(mut g: Graph, q: &Questions) -> Result<Graph, String> {
    let known = |id: &str| {
        if g.node(id).is_some() {
            Ok(())
        } else {
            Err(format!("{id} is not a node of the graph (a user, role, provider, service or account of the scenario)"))
        }
    };
    let mut paths: Vec<Path> = Vec::new();
    if let Some(to) = q.who_can_reach {
        known(to)?;
        paths.extend(query::who_can_reach(&g, to));
    }
    if let Some(from) = q.reachable_from {
        known(from)?;
        paths.extend(query::reachable_from(&g, from));
    }
    if q.escalation {
        paths.extend(query::escalation(&g));
    }
    g.paths = paths;
    Ok(g)
}

/// The readable report: nodes with their class, edges with what they need, then each path step by step.
pub fn text(g: &Graph) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} nodes, {} edges (each proved by the runner)",
        g.nodes.len(),
        g.edges.len()
    );
    for n in &g.nodes {
        let _ = writeln!(
            out,
            "  {:<18} {}  [{}]",
            format!("{:?}", n.kind).to_lowercase(),
            n.id,
            n.privilege.as_str()
        );
    }
    if !g.edges.is_empty() {
        out.push_str("edges:\n");
    }
    for e in &g.edges {
        let _ = writeln!(out, "  {}", edge_line(e));
    }
    for (i, p) in g.paths.iter().enumerate() {
        let _ = writeln!(
            out,
            "path {}: {} ⇒ {} ({} step{})",
            i + 1,
            p.from,
            p.to,
            p.edges.len(),
            if p.edges.len() == 1 { "" } else { "s" }
        );
        for (k, e) in p.edges.iter().filter_map(|&i| g.edges.get(i)).enumerate() {
            let _ = writeln!(out, "  {}. {}", k + 1, edge_line(e));
        }
    }
    out
}

fn edge_line(e: &roleplay_graph::Edge) -> String {
    let mut line = format!("{} → {}  {}", e.from, e.to, e.kind.as_str());
    if !e.needs.is_empty() {
        let needs: Vec<String> = e
            .needs
            .iter()
            .map(|(k, v)| match v {
                serde_json::Value::String(s) => format!("{k}={s}"),
                other => format!("{k}={other}"),
            })
            .collect();
        let _ = write!(line, "  needs {}", needs.join(", "));
    }
    if let Some(max) = e.limits.max_session_seconds {
        let _ = write!(line, "  sessions ≤{max}s");
    }
    if e.limits.chained {
        line.push_str(" (role chaining: one-hour cap)");
    }
    line
}
