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

/// The graph, drawn. The page needs no node or edge as data: each shape carries what a click on it
/// does (`data-kind`/`data-id` for a user or role, `data-step` for an edge), so the page's wasm
/// holds no reader for them.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct GraphView {
    /// The drawing's extent (its top-left corner is 0,0).
    pub width: f64,
    pub height: f64,
    /// `<svg>…</svg>` (empty when not drawn): each node and edge a focusable shape with its index in
    /// `data-node` / `data-edge`.
    pub svg: String,
    /// Why the graph is not drawn (too large: `layout::MAX_NODES`, `layout::MAX_EDGES`); its paths
    /// are still listed.
    pub note: Option<String>,
    /// The roles, (ARN, title), for the question "who can reach …".
    pub roles: Vec<(String, String)>,
    pub paths: Vec<PathView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PathView {
    /// `alice → OpsJump → DataExport`.
    pub title: String,
    /// Its edges and nodes, by their `data-edge` / `data-node` index, to highlight.
    pub edges: Vec<usize>,
    pub nodes: Vec<usize>,
    /// Each edge's label (`assumeRole · ExternalId=…`).
    pub labels: Vec<String>,
    /// The steps that replay the path on the timeline, as a JSON array: the edges' steps, each acting
    /// as the session the one before it started where the runner allows that
    /// (`roleplay_graph::replays`).
    pub steps: String,
}

/// The graph of `scenario` (laid out plainly when `plain`: the page asks so after the layered
/// layout aborted the worker) with the paths into `focus` (every path, shortest first) or, without a
/// focus, the escalation paths to admin.
pub fn view(scenario: &Value, focus: Option<&str>, plain: bool) -> Result<GraphView, String> {
    let s = crate::scenario_of(scenario)?;
    let mut g = roleplay_graph::build(&s, roleplay_graph::SAMPLE).map_err(|e| e.to_string())?;
    g.paths = match focus {
        Some(id) => query::who_can_reach(&g, id),
        None => query::escalation(&g),
    };
    let ends = ends(&g);
    let mut view = draw(&g, &ends, plain);
    let replays = roleplay_graph::replays(&s, &g, &g.paths);
    view.paths = g
        .paths
        .iter()
        .zip(replays)
        .map(|(p, steps)| {
            let on: Vec<&(usize, usize, String)> =
                p.edges.iter().filter_map(|&i| ends.get(i)).collect();
            PathView {
                title: title(&g, p),
                edges: p.edges.clone(),
                nodes: on.iter().flat_map(|(a, b, _)| [*a, *b]).collect(),
                labels: on.iter().map(|(_, _, l)| l.clone()).collect(),
                steps: serde_json::to_string(&steps).unwrap_or_default(),
            }
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

fn drawing(g: &Graph, ends: &[(usize, usize, String)], plain: bool) -> layout::Drawing {
    let titles: Vec<String> = (0..g.nodes.len())
        .map(|i| {
            let (title, privilege) = node_label(g, i);
            format!("{title}\n{privilege}")
        })
        .collect();
    layout::lay_out(&titles, ends, plain)
}

/// Lays the graph out (`layout`, guarded), draws it (`svg`) and keeps what the page needs.
fn draw(g: &Graph, ends: &[(usize, usize, String)], plain: bool) -> GraphView {
    let drawing = drawing(g, ends, plain);
    let note = layout::too_large(g.nodes.len(), g.edges.len());
    let labels: Vec<(String, String)> = (0..g.nodes.len()).map(|i| node_label(g, i)).collect();
    let roles = g
        .nodes
        .iter()
        .zip(&labels)
        .filter(|(n, _)| n.kind == roleplay_graph::NodeKind::Role)
        .map(|(n, (title, _))| (n.id.clone(), title.clone()))
        .collect();
    let svg = if note.is_some() || g.nodes.is_empty() {
        String::new()
    } else {
        let shapes: Vec<svg::NodeShape> = g
            .nodes
            .iter()
            .zip(&labels)
            .map(|(n, (title, privilege))| svg::NodeShape {
                id: &n.id,
                kind: kind_name(n),
                title,
                privilege,
            })
            .collect();
        let title_of = |i: usize| labels.get(i).map_or("", |(t, _)| t.as_str());
        let arrows: Vec<svg::EdgeShape> = g
            .edges
            .iter()
            .zip(ends)
            .map(|(e, (from, to, label))| svg::EdgeShape {
                label,
                escalation: e.kind.is_escalation(),
                name: format!(
                    "Edge from {} to {}: {label}. Enter runs it on the timeline.",
                    title_of(*from),
                    title_of(*to)
                ),
                step: serde_json::to_string(&e.step).unwrap_or_default(),
            })
            .collect();
        svg::svg(&drawing, &shapes, &arrows)
    };
    GraphView {
        width: drawing.width,
        height: drawing.height,
        svg,
        note,
        roles,
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
                let v = drawing(&g, &ends(&g), false);
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
        let empty = view(&world(serde_json::json!([])), None, false);
        assert!(empty.as_ref().is_ok_and(|v| v.svg.is_empty()), "{empty:?}");
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
        assert!(one.is_ok_and(|v| v.svg.contains("data-node=\"0\"") && v.note.is_none()));
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
        // Its one edge, from the role to itself, drawn as a loop.
        let drawn = "aria-label=\"Edge from Self (111122223333) to Self (111122223333)";
        assert!(looped.svg.contains(drawn), "{}", looped.svg);
        assert!(looped.svg.contains("<path d=\"M"), "{}", looped.svg);
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
