//! The Graph tab's job: the trust graph of the scenario (`roleplay-graph`), laid out by `layout-rs`
//! (layered: ranks, crossing reduction, placement) and sent to the page as positioned shapes — boxes,
//! SVG paths, label positions — so the page's wasm carries neither the graph engine nor the layout.

use layout::adt::dag::NodeHandle;
use layout::core::base::Orientation;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::StyleAttr;
use layout::std_shapes::render::get_shape_size;
use layout::std_shapes::shapes::{Arrow, Element, ShapeKind};
use layout::topo::layout::VisualGraph;
use roleplay_graph::{query, Graph, Path};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The font size the layout measures labels with; the page draws at the same size.
const FONT: usize = 13;

/// The graph, drawn.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct GraphView {
    /// The drawing's extent (its top-left corner is 0,0).
    pub width: f64,
    pub height: f64,
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
    Ok(draw(&g))
}

/// Records where the layout puts each arrow and each label.
#[derive(Default)]
struct Recorder {
    /// (edge index, SVG path).
    arrows: Vec<(usize, String)>,
}

impl RenderBackend for Recorder {
    fn draw_rect(
        &mut self,
        _: Point,
        _: Point,
        _: &StyleAttr,
        _: Option<String>,
        _: Option<ClipHandle>,
    ) {
    }
    fn draw_line(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}
    fn draw_circle(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}
    fn draw_text(&mut self, _: Point, _: &str, _: &StyleAttr) {}
    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        _: bool,
        _: (bool, bool),
        _: &StyleAttr,
        properties: Option<String>,
        _: &str,
    ) {
        let Some(index) = properties.and_then(|p| p.parse().ok()) else {
            return;
        };
        self.arrows.push((index, svg_path(path)));
    }
    fn create_clip(&mut self, _: Point, _: Point, _: usize) -> ClipHandle {
        0
    }
}

/// layout-rs's arrow: the exit vector of the first point, then the entry vector of each next point.
fn svg_path(path: &[(Point, Point)]) -> String {
    let mut d = String::new();
    let mut points = path.iter();
    if let (Some(a), Some(b)) = (points.next(), points.next()) {
        d = format!(
            "M{:.1} {:.1}C{:.1} {:.1},{:.1} {:.1},{:.1} {:.1}",
            a.0.x, a.0.y, a.1.x, a.1.y, b.0.x, b.0.y, b.1.x, b.1.y
        );
    }
    for p in points {
        d.push_str(&format!(
            "S{:.1} {:.1},{:.1} {:.1}",
            p.0.x, p.0.y, p.1.x, p.1.y
        ));
    }
    d
}

fn node_label(g: &Graph, i: usize) -> (String, String) {
    g.nodes.get(i).map_or_else(Default::default, |n| {
        (roleplay_graph::short(n), n.privilege.as_str().to_string())
    })
}

/// Lays the graph out and gathers the shapes, shifted so the drawing starts at 0,0.
fn draw(g: &Graph) -> GraphView {
    let dir = Orientation::LeftToRight;
    let mut vg = VisualGraph::new(dir);
    let handles: Vec<NodeHandle> = (0..g.nodes.len())
        .map(|i| {
            let (title, privilege) = node_label(g, i);
            let shape = ShapeKind::new_box(&format!("{title}\n{privilege}"));
            let mut look = StyleAttr::simple();
            look.font_size = FONT;
            let size = get_shape_size(dir, &shape, FONT, false);
            vg.add_node(Element::create(shape, look, dir, size))
        })
        .collect();
    let index = |id: &str| g.nodes.iter().position(|n| n.id == id);
    let mut labelled: Vec<usize> = Vec::new();
    for (i, e) in g.edges.iter().enumerate() {
        let (Some(a), Some(b)) = (index(&e.from), index(&e.to)) else {
            continue;
        };
        let (Some(&ha), Some(&hb)) = (handles.get(a), handles.get(b)) else {
            continue;
        };
        let mut arrow = Arrow::simple_with_properties(&roleplay_graph::label(e), i.to_string());
        arrow.look.font_size = FONT;
        if a == b {
            arrow.text = String::new();
        } else {
            labelled.push(i);
        }
        vg.add_edge(arrow, ha, hb);
    }
    let mut rec = Recorder::default();
    if !g.nodes.is_empty() {
        vg.do_it(false, false, false, &mut rec);
    }
    let mut nodes: Vec<NodeView> = g
        .nodes
        .iter()
        .zip(&handles)
        .enumerate()
        .map(|(i, (n, &h))| {
            let pos = vg.pos(h);
            let (c, size) = (pos.center(), pos.size(false));
            let (title, privilege) = node_label(g, i);
            NodeView {
                id: n.id.clone(),
                title,
                kind: kind_name(n),
                privilege,
                x: c.x - size.x / 2.0,
                y: c.y - size.y / 2.0,
                w: size.x,
                h: size.y,
            }
        })
        .collect();
    // Labelled edges got a connector node each, in the order they were added.
    let connectors: Vec<Point> = (handles.len()..vg.num_nodes())
        .map(NodeHandle::new)
        .filter(|&h| matches!(&vg.element(h).shape, ShapeKind::Connector(Some(t)) if !t.is_empty()))
        .map(|h| vg.pos(h).center())
        .collect();
    let mut edges: Vec<EdgeView> = g
        .edges
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let from = index(&e.from).unwrap_or(0);
            let to = index(&e.to).unwrap_or(0);
            let d = rec
                .arrows
                .iter()
                .filter(|(k, _)| *k == i)
                .map(|(_, d)| d.as_str())
                .collect::<Vec<_>>()
                .join("");
            let at = labelled
                .iter()
                .position(|&k| k == i)
                .and_then(|k| connectors.get(k).copied())
                .unwrap_or_else(|| {
                    let n = nodes.get(from);
                    Point::new(
                        n.map_or(0.0, |n| n.x + n.w / 2.0),
                        n.map_or(0.0, |n| n.y - 12.0),
                    )
                });
            EdgeView {
                from,
                to,
                kind: e.kind.as_str().to_string(),
                label: roleplay_graph::label(e),
                d,
                lx: at.x,
                ly: at.y,
                escalation: e.kind.is_escalation(),
                step: serde_json::to_value(&e.step).unwrap_or(Value::Null),
            }
        })
        .collect();
    let (width, height) = normalise(&mut nodes, &mut edges);
    let title = |p: &Path| {
        let mut names = vec![short_of(g, &p.from)];
        names.extend(
            p.edges
                .iter()
                .filter_map(|&i| g.edges.get(i))
                .map(|e| short_of(g, &e.to)),
        );
        names.join(" → ")
    };
    GraphView {
        width,
        height,
        nodes,
        edges,
        paths: g
            .paths
            .iter()
            .map(|p| PathView {
                title: title(p),
                edges: p.edges.clone(),
            })
            .collect(),
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

/// Shifts everything so the drawing's top-left is at a margin from 0,0; returns its size. Arrow paths
/// are shifted through an SVG transform on the page: here their extent is taken from the nodes and labels.
fn normalise(nodes: &mut [NodeView], edges: &mut [EdgeView]) -> (f64, f64) {
    const MARGIN: f64 = 24.0;
    let xs = nodes
        .iter()
        .map(|n| n.x)
        .chain(edges.iter().map(|e| e.lx - 80.0));
    let ys = nodes
        .iter()
        .map(|n| n.y)
        .chain(edges.iter().map(|e| e.ly - 20.0));
    let min_x = xs.fold(f64::INFINITY, f64::min);
    let min_y = ys.fold(f64::INFINITY, f64::min);
    let (dx, dy) = if min_x.is_finite() && min_y.is_finite() {
        (MARGIN - min_x, MARGIN - min_y)
    } else {
        (0.0, 0.0)
    };
    let mut w: f64 = 0.0;
    let mut h: f64 = 0.0;
    for n in nodes.iter_mut() {
        n.x += dx;
        n.y += dy;
        w = w.max(n.x + n.w);
        h = h.max(n.y + n.h);
    }
    for e in edges.iter_mut() {
        e.lx += dx;
        e.ly += dy;
        e.d = shift_path(&e.d, dx, dy);
        w = w.max(e.lx + 80.0);
        h = h.max(e.ly + 20.0);
    }
    (w + MARGIN, h + MARGIN)
}

/// Moves every point of a path written by `svg_path` (commands then x y pairs).
fn shift_path(d: &str, dx: f64, dy: f64) -> String {
    let mut out = String::with_capacity(d.len() + 16);
    let mut number = String::new();
    let mut is_x = true;
    let flush = |number: &mut String, out: &mut String, is_x: &mut bool| {
        if let Ok(v) = number.parse::<f64>() {
            let moved = if *is_x { v + dx } else { v + dy };
            out.push_str(&format!("{moved:.1}"));
            *is_x = !*is_x;
        }
        number.clear();
    };
    for c in d.chars() {
        if c.is_ascii_digit() || c == '.' || (c == '-' && number.is_empty()) {
            number.push(c);
        } else {
            flush(&mut number, &mut out, &mut is_x);
            out.push(c);
        }
    }
    flush(&mut number, &mut out, &mut is_x);
    out
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
            let Ok(v) = view(&value, None) else {
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
        assert!(drawn >= 19, "{drawn}");
    }

    #[test]
    fn shifting_a_path_moves_x_and_y() {
        assert_eq!(
            shift_path("M1 2C3 4,5 6,7 8", 10.0, 100.0),
            "M11.0 102.0C13.0 104.0,15.0 106.0,17.0 108.0"
        );
        assert_eq!(
            shift_path("M-5.5 2S1 1,2 2", 5.5, 0.0),
            "M0.0 2.0S6.5 1.0,7.5 2.0"
        );
    }
}
