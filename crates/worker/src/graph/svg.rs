//! The drawing as SVG markup, written here so the page's wasm carries no code per shape: the page
//! inserts it, highlights a path by marking the shapes (`data-on`) and finds what was clicked or
//! keyed by the `data-node` / `data-edge` index on each shape. Every text from the scenario (ARNs,
//! labels) is escaped: the world comes from links anyone can write.

use super::layout::{self, Drawing};
use crate::markup::escape;
use std::fmt::Write;

/// One node as drawn: its id and kind (what a click opens), title and privilege class.
pub struct NodeShape<'a> {
    pub id: &'a str,
    pub kind: String,
    pub title: &'a str,
    pub privilege: &'a str,
}

/// One edge as drawn.
pub struct EdgeShape<'a> {
    pub label: &'a str,
    pub escalation: bool,
    /// A sentence for screen readers.
    pub name: String,
    /// The step that proves it, JSON: what a click appends to the timeline.
    pub step: String,
}

/// `<svg>…</svg>`: nodes first (the tab order), then edges.
pub fn svg(d: &Drawing, nodes: &[NodeShape], edges: &[EdgeShape]) -> String {
    let mut out = String::with_capacity(512 + 400 * (nodes.len() + edges.len()));
    let _ = write!(
        out,
        "<svg class=\"graph-svg\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {:.0} {:.0}\" role=\"group\" aria-label=\"Trust graph: nodes, then edges\">\
         <defs><marker id=\"graph-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">\
         <path d=\"M0 0L10 5L0 10z\" class=\"graph-arrowhead\"/></marker></defs>",
        d.width, d.height
    );
    for (i, (n, r)) in nodes.iter().zip(&d.nodes).enumerate() {
        let (cx, cy) = (r.x + r.w / 2.0, r.y + r.h / 2.0);
        let _ = write!(
            out,
            "<g class=\"graph-node priv-{}\" tabindex=\"0\" role=\"button\" data-node=\"{i}\" data-kind=\"{}\" data-id=\"{}\" aria-label=\"{} ({}, {}).{}\">\
             <rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"8\"/>\
             <text x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" dominant-baseline=\"middle\" class=\"graph-node-title\">{}</text>\
             <text x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" dominant-baseline=\"middle\" class=\"graph-node-class\">{}</text></g>",
            escape(n.privilege),
            escape(&n.kind),
            escape(n.id),
            escape(n.id),
            escape(&n.kind),
            escape(n.privilege),
            if matches!(n.kind.as_str(), "user" | "role") {
                " Enter opens its effective permissions."
            } else {
                ""
            },
            r.x,
            r.y,
            r.w,
            r.h,
            cy - 8.0,
            escape(n.title),
            cy + 10.0,
            escape(n.privilege),
        );
    }
    for (i, (e, line)) in edges.iter().zip(&d.edges).enumerate() {
        if line.d.is_empty() {
            continue;
        }
        let escalation = if e.escalation { " escalation" } else { "" };
        let _ = write!(
            out,
            "<g class=\"graph-edge{escalation}\" tabindex=\"0\" role=\"button\" data-edge=\"{i}\" data-label=\"{}\" data-step=\"{}\" aria-label=\"{}\">\
             <path d=\"{}\" marker-end=\"url(#graph-arrow)\"/>\
             <text text-anchor=\"middle\" dominant-baseline=\"middle\">",
            escape(e.label),
            escape(&e.step),
            escape(&e.name),
            line.d,
        );
        // One line for the kind, one for each thing the edge needs, centred on the label's point.
        let n = layout::lines(e.label).count();
        for (k, text) in layout::lines(e.label).enumerate() {
            let y = line.ly + (k as f64 - (n as f64 - 1.0) / 2.0) * layout::LABEL_LINE;
            let _ = write!(
                out,
                "<tspan x=\"{:.1}\" y=\"{y:.1}\">{}</tspan>",
                line.lx,
                escape(text)
            );
        }
        out.push_str("</text></g>");
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::layout::{Line, Rect};

    #[test]
    fn scenario_text_cannot_write_markup() {
        let d = Drawing {
            width: 100.0,
            height: 50.0,
            nodes: vec![Rect {
                x: 1.0,
                y: 2.0,
                w: 30.0,
                h: 20.0,
            }],
            edges: vec![Line {
                d: "M0 0C1 1,2 2,3 3".into(),
                lx: 5.0,
                ly: 6.0,
            }],
        };
        let hostile = "arn:aws:iam::1:role/<script>\"x'&";
        let text = svg(
            &d,
            &[NodeShape {
                id: hostile,
                kind: "role".into(),
                title: hostile,
                privilege: "read",
            }],
            &[EdgeShape {
                label: hostile,
                escalation: true,
                name: format!("to {hostile}"),
                step: format!("{{\"as\": \"{hostile}\"}}"),
            }],
        );
        assert!(
            !text.contains("<script>") && !text.contains("\"x'"),
            "{text}"
        );
        assert!(text.contains("&lt;script&gt;&quot;x&#39;&amp;"));
        assert!(text.contains("data-node=\"0\"") && text.contains("data-edge=\"0\""));
        assert!(text.starts_with("<svg") && text.ends_with("</svg>"));
    }
}
