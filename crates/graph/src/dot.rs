//! Words for the drawing: a node's short name, an edge's label (its kind and the conditions it
//! needs), and the whole graph in Graphviz's DOT language.

use crate::model::{Edge, Graph, Node, NodeKind, Privilege};
use std::fmt::Write;

/// `arn:aws:iam::111122223333:role/Deploy` → `Deploy (111122223333)`; services and providers by name.
pub fn short(node: &Node) -> String {
    let id = node.id.as_str();
    match node.kind {
        NodeKind::Service => id.trim_end_matches(".amazonaws.com").to_string(),
        NodeKind::Account => format!(
            "any principal of {}",
            crate::world::account_of(id).unwrap_or(id)
        ),
        _ => {
            let account = crate::world::account_of(id).unwrap_or("");
            let name = id.rsplit(['/', ':']).next().unwrap_or(id);
            format!("{name} ({account})")
        }
    }
}

/// The edge's kind and what it needs, one short line each: `assumeRole · ExternalId=7d1f · MFA`.
pub fn label(edge: &Edge) -> String {
    let mut out = edge.kind.as_str().to_string();
    for (key, value) in &edge.needs {
        let key = key.rsplit(['/', ':']).next().unwrap_or(key);
        match value {
            serde_json::Value::Bool(true) if key.starts_with("MultiFactor") => {
                out.push_str(" · MFA")
            }
            serde_json::Value::String(v) => {
                let _ = write!(out, " · {key}={}", clip(v));
            }
            other => {
                let _ = write!(out, " · {key}={other}");
            }
        }
    }
    if edge.limits.chained {
        out.push_str(" · chained ≤1h");
    }
    out
}

fn clip(v: &str) -> String {
    if v.chars().count() > 28 {
        let head: String = v.chars().take(27).collect();
        format!("{head}…")
    } else {
        v.to_string()
    }
}

/// The fill colour of a privilege class (the app uses the same classes, themed).
fn colour(p: Privilege) -> &'static str {
    match p {
        Privilege::Admin => "#f4b6b6",
        Privilege::CanEscalate => "#f7d59c",
        Privilege::Write => "#f3eeb0",
        Privilege::Read => "#c6e2f5",
        Privilege::None => "#e6e6e6",
    }
}

/// A DOT string literal: quotes, backslashes and line breaks escaped.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The graph for Graphviz (`roleplay graph FILE --dot | dot -Tsvg`); edges on a listed path bold.
pub fn dot(g: &Graph) -> String {
    let on_path: Vec<usize> = g
        .paths
        .iter()
        .flat_map(|p| p.edges.iter().copied())
        .collect();
    let mut out = String::from("digraph roleplay {\n  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n");
    for n in &g.nodes {
        let label = format!("{}\n{}", short(n), n.privilege.as_str());
        let _ = writeln!(
            out,
            "  {} [label={}, fillcolor={}];",
            quoted(&n.id),
            quoted(&label),
            quoted(colour(n.privilege))
        );
    }
    for (i, e) in g.edges.iter().enumerate() {
        let style = if on_path.contains(&i) {
            ", penwidth=3"
        } else if e.kind.is_escalation() {
            ", style=dashed"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {} -> {} [label={}{style}];",
            quoted(&e.from),
            quoted(&e.to),
            quoted(&label(e))
        );
    }
    out.push_str("}\n");
    out
}
