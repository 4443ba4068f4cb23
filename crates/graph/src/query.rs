//! Questions asked of the graph: who can reach a node (every path, shortest first), what a node
//! can reach, and the paths to admin ("privilege escalation").

use crate::model::{Graph, Path, Privilege};
use std::collections::{HashMap, VecDeque};

/// The most paths a question lists, and the longest: every simple path can be exponentially many,
/// so the listing stops there (and says so through its length).
pub const MAX_PATHS: usize = 256;
pub const MAX_LENGTH: usize = 8;

/// Every simple path into `to` (up to the limits), shortest first.
pub fn who_can_reach(g: &Graph, to: &str) -> Vec<Path> {
    let mut into: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, e) in g.edges.iter().enumerate().filter(|(_, e)| e.from != e.to) {
        into.entry(e.to.as_str()).or_default().push(i);
    }
    let mut out = Vec::new();
    let mut trail: Vec<usize> = Vec::new();
    let mut seen: Vec<&str> = vec![to];
    walk_back(g, &into, to, &mut trail, &mut seen, &mut out);
    out.sort_by_key(|p: &Path| p.edges.len());
    out
}

fn walk_back<'g>(
    g: &'g Graph,
    into: &HashMap<&str, Vec<usize>>,
    at: &'g str,
    trail: &mut Vec<usize>,
    seen: &mut Vec<&'g str>,
    out: &mut Vec<Path>,
) {
    let Some(incoming) = into.get(at) else {
        return;
    };
    for &i in incoming {
        let Some(e) = g.edges.get(i) else { continue };
        if out.len() >= MAX_PATHS || trail.len() >= MAX_LENGTH {
            return;
        }
        if seen.contains(&e.from.as_str()) {
            continue;
        }
        trail.push(i);
        let edges: Vec<usize> = trail.iter().rev().copied().collect();
        out.push(Path {
            from: e.from.clone(),
            to: seen.first().map_or_else(String::new, |s| s.to_string()),
            edges,
        });
        seen.push(&e.from);
        walk_back(g, into, &e.from, trail, seen, out);
        seen.pop();
        trail.pop();
    }
}

/// The shortest path from `from` to every node it reaches, nearest first.
pub fn reachable_from(g: &Graph, from: &str) -> Vec<Path> {
    let parent = shortest_tree(g, from);
    let mut out: Vec<Path> = parent
        .keys()
        .filter_map(|to| path_to(g, &parent, from, to))
        .collect();
    out.sort_by(|a, b| a.edges.len().cmp(&b.edges.len()).then(a.to.cmp(&b.to)));
    out
}

/// Breadth-first from `from`: for each node reached, the edge it was first reached by.
fn shortest_tree<'g>(g: &'g Graph, from: &str) -> HashMap<&'g str, usize> {
    let mut out_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, e) in g.edges.iter().enumerate().filter(|(_, e)| e.from != e.to) {
        out_of.entry(e.from.as_str()).or_default().push(i);
    }
    let mut parent: HashMap<&str, usize> = HashMap::new();
    let mut queue: VecDeque<&str> = VecDeque::from([from]);
    while let Some(at) = queue.pop_front() {
        for &i in out_of.get(at).into_iter().flatten() {
            let Some(e) = g.edges.get(i) else { continue };
            if e.to != from && !parent.contains_key(e.to.as_str()) {
                parent.insert(&e.to, i);
                queue.push_back(&e.to);
            }
        }
    }
    parent
}

fn path_to(g: &Graph, parent: &HashMap<&str, usize>, from: &str, to: &str) -> Option<Path> {
    let mut edges = Vec::new();
    let mut at = to;
    while at != from {
        let i = *parent.get(at)?;
        edges.push(i);
        at = g.edges.get(i)?.from.as_str();
        if edges.len() > g.edges.len() {
            return None;
        }
    }
    edges.reverse();
    Some(Path {
        from: from.into(),
        to: to.into(),
        edges,
    })
}

/// Paths by which a principal that is not admin-equivalent becomes so: to an admin-equivalent
/// node, or to a node that may give itself, or a node it reaches, any permission (a grant edge:
/// a policy attached, put or re-versioned, itself added to a group). Shortest first.
pub fn escalation(g: &Graph) -> Vec<Path> {
    let mut out = Vec::new();
    let starts = g.nodes.iter().filter(|n| {
        n.privilege != Privilege::Admin
            && matches!(
                n.kind,
                crate::model::NodeKind::User | crate::model::NodeKind::Role
            )
    });
    for start in starts {
        let parent = shortest_tree(g, &start.id);
        let reached = |id: &str| id == start.id || parent.contains_key(id);
        let path = |to: &str| path_to(g, &parent, &start.id, to);
        for n in g
            .nodes
            .iter()
            .filter(|n| n.privilege == Privilege::Admin && reached(&n.id))
        {
            out.extend(path(&n.id));
        }
        let grants = g
            .edges
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind.grants() && reached(&e.from) && reached(&e.to));
        for (i, e) in grants {
            if g.node(&e.to)
                .is_some_and(|n| n.privilege == Privilege::Admin)
            {
                continue;
            }
            if let Some(mut p) = path(&e.from) {
                p.edges.push(i);
                p.to = e.to.clone();
                out.push(p);
            }
        }
    }
    out.sort_by_key(|p| p.edges.len());
    out
}
