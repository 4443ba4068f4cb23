//! The Graph tab's job: the trust graph of the scenario (`roleplay-graph`), laid out by `layout-rs`
//! (layered: ranks, crossing reduction, placement) and sent to the page as positioned shapes — boxes,
//! SVG paths, label positions — so the page's wasm carries neither the graph engine nor the layout.

mod layout;

use roleplay_graph::{query, Graph, Path};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

/// The graph, drawn.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct GraphView {
    /// The drawing's extent (its top-left corner is 0,0).
    pub width: f64,
    pub height: f64,
    /// Why the graph is not drawn (too large: `layout::MAX_NODES`, `layout::MAX_EDGES`); its edges
    /// and paths are still listed.
    #[serde(default)]
    pub note: Option<String>,
    pub nodes: Vec<NodeView>,
    pub edges: Vec<EdgeView>,
    pub paths: Vec<PathView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NodeView {
    pub id: String,
    /// `Deploy (111122223333)`, `lambda`, …
    pub title: String,
    /// `user`, `role`, `oidcProvider`, `samlProvider`, `service`, `account`.
    pub kind: String,
    /// `admin-equivalent`, `can-escalate`, `write`, `read`, `none`.
    pub privilege: String,
    /// Top-left corner and size.
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EdgeView {
    pub from: usize,
    pub to: usize,
    pub kind: String,
    /// The kind and what it needs, one line (`assumeRole · ExternalId=… · MFA`).
    pub label: String,
    /// The SVG path of the arrow.
    pub d: String,
    /// Where the label's centre goes.
    pub lx: f64,
    pub ly: f64,
    pub escalation: bool,
    /// The step that proves the edge (contract format), to append to the timeline.
    pub step: Value,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PathView {
    /// `alice → OpsJump → DataExport`.
    pub title: String,
    pub edges: Vec<usize>,
    /// The steps that replay the path on the timeline: the edges' steps, each acting as the session
    /// the one before it started where the runner allows that (`roleplay_graph::replays`).
    pub steps: Vec<Value>,
}

/// The graph of `scenario` (laid out top to bottom when `vertical`) with the paths into `focus` (every path, shortest first) or, without a
/// focus, the escalation paths to admin.
pub fn view(scenario: &Value, focus: Option<&str>, vertical: bool) -> Result<GraphView, String> {
    let s: roleplay_sim::Scenario =
        serde_json::from_value(scenario.clone()).map_err(|e| e.to_string())?;
    let mut g = roleplay_graph::build(&s, roleplay_graph::SAMPLE).map_err(|e| e.to_string())?;
    g.paths = match focus {
        Some(id) => query::who_can_reach(&g, id),
        None => query::escalation(&g),
    };
    let mut view = draw(&g, vertical);
    let replays = roleplay_graph::replays(&s, &g, &g.paths);
    view.paths = g
        .paths
        .iter()
        .zip(replays)
        .map(|(p, steps)| PathView {
            title: title(&g, p),
            edges: p.edges.clone(),
            steps: steps
                .iter()
                .filter_map(|st| serde_json::to_value(st).ok())
                .collect(),
        })
        .collect();
    Ok(view)
}

/// `alice (111122223333) → Jump (111122223333) → Admin (111122223333)`.
fn title(g: &Graph, p: &Path) -> String {
    let mut names = vec![short_of(g, &p.from)];
    names.extend(
        p.edges
            .iter()
            .filter_map(|&i| g.edges.get(i))
            .map(|e| short_of(g, &e.to)),
    );
    names.join(" → ")
}

fn node_label(g: &Graph, i: usize) -> (String, String) {
    g.nodes.get(i).map_or_else(Default::default, |n| {
        (roleplay_graph::short(n), n.privilege.as_str().to_string())
    })
}

/// Lays the graph out (`layout`, guarded) and gathers what the page draws.
fn draw(g: &Graph, vertical: bool) -> GraphView {
    let titles: Vec<String> = (0..g.nodes.len())
        .map(|i| {
            let (title, privilege) = node_label(g, i);
            format!("{title}\n{privilege}")
        })
        .collect();
    let by_id: HashMap<&str, usize> = g
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let index = |id: &str| by_id.get(id).copied();
    // An edge whose end is no node (none is built so) gets `usize::MAX` and no position.
    let ends: Vec<(usize, usize, String)> = g
        .edges
        .iter()
        .map(|e| {
            let from = index(&e.from).unwrap_or(usize::MAX);
            let to = index(&e.to).unwrap_or(usize::MAX);
            (from, to, roleplay_graph::label(e))
        })
        .collect();
    let drawing = layout::lay_out(&titles, &ends, vertical);
    let nodes = g
        .nodes
        .iter()
        .zip(&drawing.nodes)
        .enumerate()
        .map(|(i, (n, r))| {
            let (title, privilege) = node_label(g, i);
            NodeView {
                id: n.id.clone(),
                title,
                kind: kind_name(n),
                privilege,
                x: r.x,
                y: r.y,
                w: r.w,
                h: r.h,
            }
        })
        .collect();
    let edges = g
        .edges
        .iter()
        .zip(ends)
        .zip(&drawing.edges)
        .map(|((e, (from, to, label)), line)| EdgeView {
            from,
            to,
            kind: e.kind.as_str().to_string(),
            label,
            d: line.d.clone(),
            lx: line.lx,
            ly: line.ly,
            escalation: e.kind.is_escalation(),
            step: serde_json::to_value(&e.step).unwrap_or(Value::Null),
        })
        .collect();
    GraphView {
        width: drawing.width,
        height: drawing.height,
        note: layout::too_large(g.nodes.len(), g.edges.len()),
        nodes,
        edges,
        paths: Vec::new(),
    }
}

fn short_of(g: &Graph, id: &str) -> String {
    g.node(id)
        .map_or_else(|| id.to_string(), roleplay_graph::short)
}

fn kind_name(n: &roleplay_graph::Node) -> String {
    serde_json::to_value(n.kind)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_gallery_graph_is_laid_out_inside_its_extent() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios/gallery");
        let mut drawn = 0;
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            let Ok(value) = serde_json::from_str::<Value>(&text) else {
                continue;
            };
            for vertical in [false, true] {
                let Ok(v) = view(&value, None, vertical) else {
                    continue;
                };
                drawn += 1;
                for n in &v.nodes {
                    assert!(
                        n.x >= 0.0 && n.y >= 0.0 && n.x + n.w <= v.width && n.y + n.h <= v.height,
                        "{n:?}"
                    );
                }
                for e in v.edges.iter().filter(|e| e.from != e.to) {
                    assert!(e.d.starts_with('M'), "{e:?}");
                }
                // Nodes do not overlap.
                for (i, a) in v.nodes.iter().enumerate() {
                    for b in v.nodes.iter().skip(i + 1) {
                        let apart = a.x + a.w <= b.x
                            || b.x + b.w <= a.x
                            || a.y + a.h <= b.y
                            || b.y + b.h <= a.y;
                        assert!(apart, "{} overlaps {}", a.id, b.id);
                    }
                }
            }
        }
        assert!(drawn >= 2 * 21, "{drawn}");
    }

    fn world(principals: Value) -> Value {
        serde_json::json!({"roleplay": 1, "principals": principals})
    }

    fn role(name: &str, trust: Value, policy: Value) -> Value {
        serde_json::json!({"type": "role", "arn": format!("arn:aws:iam::111122223333:role/{name}"),
            "trustPolicy": {"Version": "2012-10-17", "Statement": [trust]},
            "policies": [{"name": "p", "document": {"Version": "2012-10-17", "Statement": [policy]}}]})
    }

    #[test]
    fn degenerate_worlds_are_drawn_or_refused_without_a_panic() {
        let nobody = serde_json::json!({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"}, "Action": "sts:AssumeRole"});
        let read =
            serde_json::json!({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"});
        // Nothing at all.
        let empty = view(&world(serde_json::json!([])), None, false);
        assert!(
            empty
                .as_ref()
                .is_ok_and(|v| v.nodes.is_empty() && v.edges.is_empty()),
            "{empty:?}"
        );
        // One role, no edge to draw but the account that may assume it.
        let one = view(
            &world(serde_json::json!([role(
                "Solo",
                nobody.clone(),
                read.clone()
            )])),
            None,
            false,
        );
        assert!(one.is_ok_and(|v| !v.nodes.is_empty() && v.note.is_none()));
        // A role that rewrites its own policy: a self-loop.
        let own = serde_json::json!({"Effect": "Allow", "Action": "iam:PutRolePolicy", "Resource": "arn:aws:iam::111122223333:role/Self"});
        let selfish = serde_json::json!({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Self"}, "Action": "sts:AssumeRole"});
        let looped = view(
            &world(serde_json::json!([role("Self", selfish, own)])),
            None,
            false,
        );
        let Ok(looped) = looped else {
            panic!("{looped:?}")
        };
        let loops: Vec<&EdgeView> = looped.edges.iter().filter(|e| e.from == e.to).collect();
        assert!(!loops.is_empty(), "{:#?}", looped.edges);
        assert!(loops
            .iter()
            .all(|e| e.d.starts_with('M') && e.lx <= looped.width));
        // 500 roles trusting each other's account: refused by the graph's own limit, stated.
        let many: Vec<Value> = (0..500)
            .map(|i| role(&format!("R{i}"), nobody.clone(), read.clone()))
            .collect();
        let big = view(&world(Value::Array(many)), None, false);
        assert!(
            big.as_ref().is_err_and(|e| e.contains("at most")),
            "{big:?}"
        );
    }
}
