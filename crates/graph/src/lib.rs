//! roleplay-graph: the trust graph of a scenario's world — who can reach what.
//!
//! Nodes are the world's users and roles (each with a privilege class), its identity providers, the
//! AWS services and the accounts its trust policies name. Edges are the ways one reaches another:
//! `sts:AssumeRole*` (users, role chaining with its one-hour cap, services, web identities, SAML,
//! other accounts) and the IAM escalations PMapper's edge checkers describe (`iam:PassRole` to a
//! service that runs code, `UpdateAssumeRolePolicy`, policies attached, put or re-versioned, access
//! keys and login profiles of another user, a group joined). No edge is inferred from reading a
//! policy: each is a step tried after the scenario's timeline by the real runner (identity and trust
//! sides, SCPs, RCPs, boundaries, session limits), with the condition values it had to carry
//! (`needs`); the step is kept on the edge, so anyone can append it and see it allowed.
//!
//! No I/O, no clock, no panic on input; the cost is a few hundred tried steps for a gallery-sized
//! world (principals squared), stated in `docs/benchmarks.md`.
#![forbid(unsafe_code)]

mod dot;
mod edges;
mod model;
mod needs;
mod privilege;
mod prove;
pub mod query;
mod replay;
mod world;

pub use dot::{dot, label, short};
pub use model::{Edge, EdgeKind, Graph, Limits, Node, NodeKind, Path, Privilege};
pub use privilege::{Leveled, SAMPLE};
pub use replay::replays;

use roleplay_sim::{PolicyCache, Probe, Scenario, Subject};

/// The largest world drawn: every pair of principals is tried several ways, so the work grows with
/// the square of this.
pub const MAX_PRINCIPALS: usize = 200;

/// Why there is no graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLarge {
    pub principals: usize,
}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(
            f,
            "the world has {} users and roles; the graph is drawn for at most {MAX_PRINCIPALS}",
            self.principals
        )
    }
}

/// The graph of `s`'s world as its timeline leaves it, privilege classes decided over `actions`
/// ([`SAMPLE`] without the service catalog). No paths: ask [`query`].
pub fn build(s: &Scenario, actions: &[Leveled]) -> Result<Graph, TooLarge> {
    let facts = world::Facts::of(s);
    let principals = facts.users.len() + facts.roles.len();
    if principals > MAX_PRINCIPALS {
        return Err(TooLarge { principals });
    }
    let mut cache = PolicyCache::default();
    let nodes: Vec<Node> = facts
        .nodes()
        .into_iter()
        .map(|(id, kind)| {
            let subject = match kind {
                NodeKind::User => Some(Subject::User(id.clone())),
                NodeKind::Role => Some(Subject::Role(id.clone())),
                _ => None,
            };
            let privilege = subject.map_or(Privilege::None, |sub| {
                privilege::classify(s, &mut cache, &sub, actions)
            });
            Node {
                id,
                kind,
                privilege,
            }
        })
        .collect();
    let admins: Vec<&str> = nodes
        .iter()
        .filter(|n| n.privilege == Privilege::Admin)
        .map(|n| n.id.as_str())
        .collect();
    let mut probe = Probe::new(s, &mut cache);
    let mut edges = edges::edges(&facts, &mut probe, &admins);
    // PassRole reaches the role only through a service the role trusts (proved by its own edge).
    let trusted: Vec<(String, String)> = edges
        .iter()
        .filter(|e| e.kind == EdgeKind::ServiceAssumeRole)
        .map(|e| (e.from.clone(), e.to.clone()))
        .collect();
    edges.retain(|e| {
        e.kind != EdgeKind::PassRole
            || e.step.context.get("iam:PassedToService").is_some_and(|s| {
                s.as_slice()
                    .iter()
                    .any(|s| trusted.contains(&(s.clone(), e.to.clone())))
            })
    });
    let mut g = Graph {
        nodes,
        edges,
        paths: Vec::new(),
    };
    // Can escalate: some path of its own ends at admin (an escalation edge to a weaker role is none).
    let starts: Vec<String> = query::escalation(&g).into_iter().map(|p| p.from).collect();
    for n in g.nodes.iter_mut().filter(|n| starts.contains(&n.id)) {
        n.privilege = Privilege::CanEscalate;
    }
    Ok(g)
}
