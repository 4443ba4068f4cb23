//! The Graph tab's job: the trust graph of the scenario (`roleplay-graph`), laid out by `layout-rs`
//! (layered: ranks, crossing reduction, placement; `layout`) and drawn as SVG markup (`svg`), with
//! each path's replay — so the page's wasm carries neither the graph engine, nor the layout, nor code
//! per shape: it inserts the drawing and keeps what a click or a key needs.

mod layout;
mod svg;

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
    /// `<svg>…</svg>` (empty when not drawn): each node and edge a focusable shape with its index in
    /// `data-node` / `data-edge`.
    pub svg: String,
    /// Why the graph is not drawn (too large: `layout::MAX_NODES`, `layout::MAX_EDGES`); its edges
    /// and paths are still listed.
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
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EdgeView {
    /// Node indexes.
    pub from: usize,
    pub to: usize,
    /// The kind and what it needs, one line (`assumeRole · ExternalId=… · MFA`).
    pub label: String,
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

/// The graph of `scenario` with the paths into `focus` (every path, shortest first) or, without a
/// focus, the escalation paths to admin.
pub fn view(scenario: &Value, focus: Option<&str>) -> Result<GraphView, String> {
    let s: roleplay_sim::Scenario =
        serde_json::from_value(scenario.clone()).map_err(|e| e.to_string())?;
    let mut g = roleplay_graph::build(&s, roleplay_graph::SAMPLE).map_err(|e| e.to_string())?;
    g.paths = match focus {
        Some(id) => query::who_can_reach(&g, id),
        None => query::escalation(&g),
    };
    let mut view = draw(&g);
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

/// Where each edge goes: node indexes (`usize::MAX` for an end that is no node: none is built so)
/// and its label.
fn ends(g: &Graph) -> Vec<(usize, usize, String)> {
    let by_id: HashMap<&str, usize> = g
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let index = |id: &str| by_id.get(id).copied().unwrap_or(usize::MAX);
    g.edges
        .iter()
        .map(|e| (index(&e.from), index(&e.to), roleplay_graph::label(e)))
        .collect()
}

fn drawing(g: &Graph, ends: &[(usize, usize, String)]) -> layout::Drawing {
    let titles: Vec<String> = (0..g.nodes.len())
        .map(|i| {
            let (title, privilege) = node_label(g, i);
            format!("{title}\n{privilege}")
        })
        .collect();
    layout::lay_out(&titles, ends)
}

/// Lays the graph out (`layout`, guarded), draws it (`svg`) and keeps what the page needs.
fn draw(g: &Graph) -> GraphView {
    let ends = ends(g);
    let drawing = drawing(g, &ends);
    let note = layout::too_large(g.nodes.len(), g.edges.len());
    let labels: Vec<(String, String)> = (0..g.nodes.len()).map(|i| node_label(g, i)).collect();
    let nodes: Vec<NodeView> = g
        .nodes
        .iter()
        .zip(&labels)
        .map(|(n, (title, _))| NodeView {
            id: n.id.clone(),
            title: title.clone(),
            kind: kind_name(n),
        })
        .collect();
    let svg = if note.is_some() || g.nodes.is_empty() {
        String::new()
    } else {
        let shapes: Vec<svg::NodeShape> = g
            .nodes
            .iter()
            .zip(&labels)
            .map(|(n, (title, privilege))| svg::NodeShape {
                title,
                privilege,
                name: format!("{} ({}, {}).", n.id, kind_name(n), privilege),
            })
            .collect();
        let title_of = |i: usize| labels.get(i).map_or("", |(t, _)| t.as_str());
        let arrows: Vec<svg::EdgeShape> = g
            .edges
            .iter()
            .zip(&ends)
            .map(|(e, (from, to, label))| svg::EdgeShape {
                label,
                escalation: e.kind.is_escalation(),
                name: format!(
                    "Edge from {} to {}: {label}. Enter runs it on the timeline.",
                    title_of(*from),
                    title_of(*to)
                ),
            })
            .collect();
        svg::svg(&drawing, &shapes, &arrows)
    };
    let edges = g
        .edges
        .iter()
        .zip(ends)
        .map(|(e, (from, to, label))| EdgeView {
            from,
            to,
            label,
            step: serde_json::to_value(&e.step).unwrap_or(Value::Null),
        })
        .collect();
    GraphView {
        width: drawing.width,
        height: drawing.height,
        svg,
        note,
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
            let Ok(s) = roleplay_sim::read(&text) else {
                continue;
            };
            let Ok(g) = roleplay_graph::build(&s, roleplay_graph::SAMPLE) else {
                continue;
            };
            {
                let v = drawing(&g, &ends(&g));
                drawn += 1;
                for n in &v.nodes {
                    assert!(
                        n.x >= 0.0 && n.y >= 0.0 && n.x + n.w <= v.width && n.y + n.h <= v.height,
                        "{n:?}"
                    );
                }
                for e in &v.edges {
                    assert!(e.d.starts_with('M'), "{e:?}");
                    assert!(e.lx > 0.0 && e.lx < v.width && e.ly > 0.0 && e.ly < v.height);
                }
                // Nodes do not overlap.
                for (i, a) in v.nodes.iter().enumerate() {
                    for b in v.nodes.iter().skip(i + 1) {
                        let apart = a.x + a.w <= b.x
                            || b.x + b.w <= a.x
                            || a.y + a.h <= b.y
                            || b.y + b.h <= a.y;
                        assert!(apart, "{a:?} overlaps {b:?}");
                    }
                }
            }
        }
        assert!(drawn >= 21, "{drawn}");
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
        let empty = view(&world(serde_json::json!([])), None);
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
        );
        assert!(one.is_ok_and(|v| !v.nodes.is_empty() && v.note.is_none()));
        // A role that rewrites its own policy: a self-loop.
        let own = serde_json::json!({"Effect": "Allow", "Action": "iam:PutRolePolicy", "Resource": "arn:aws:iam::111122223333:role/Self"});
        let selfish = serde_json::json!({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Self"}, "Action": "sts:AssumeRole"});
        let looped = view(
            &world(serde_json::json!([role("Self", selfish, own)])),
            None,
        );
        let Ok(looped) = looped else {
            panic!("{looped:?}")
        };
        let loops: Vec<usize> = (0..looped.edges.len())
            .filter(|&i| looped.edges.get(i).is_some_and(|e| e.from == e.to))
            .collect();
        assert!(!loops.is_empty(), "{:#?}", looped.edges);
        for i in loops {
            // An edge without a path is not drawn at all.
            let drawn = format!("data-edge=\"{i}\"");
            assert!(looped.svg.contains(&drawn), "{}", looped.svg);
        }
        // 500 roles trusting each other's account: refused by the graph's own limit, stated.
        let many: Vec<Value> = (0..500)
            .map(|i| role(&format!("R{i}"), nobody.clone(), read.clone()))
            .collect();
        let big = view(&world(Value::Array(many)), None);
        assert!(
            big.as_ref().is_err_and(|e| e.contains("at most")),
            "{big:?}"
        );
    }
}
