//! A proposed change before it is verified: its patch, its words and what ranks it.

use crate::report::{Layer, Pattern, PolicyRef};
use serde_json::Value;

/// How much new access a change gives, least first (the second ranking key after the edit count).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Looseness {
    /// The request changes (a parameter, a context key, the time): no policy grants more.
    Request,
    /// A grant of exactly the request, a value added to a condition, an exception to a deny.
    Specific,
    /// An existing statement widened to more actions or resources.
    Widened,
    /// A condition removed, an action taken out of a deny for everyone.
    Unconditional,
    /// A deny statement deleted.
    Deleted,
}

#[derive(Debug, Clone)]
pub struct Candidate {
    pub summary: String,
    pub layer: Layer,
    pub policy: Option<PolicyRef>,
    /// RFC 6902 operations.
    pub ops: Vec<Op>,
    pub edits: usize,
    pub looseness: Looseness,
    pub patterns: Vec<Pattern>,
    /// A step inserted at this index (before the target step), shifting the later ones.
    pub inserted: Option<usize>,
}

impl Candidate {
    pub fn new(summary: String, layer: Layer, ops: Vec<Op>, looseness: Looseness) -> Candidate {
        Candidate {
            summary,
            layer,
            policy: None,
            edits: 1,
            ops,
            looseness,
            patterns: Vec::new(),
            inserted: None,
        }
    }

    pub fn with_policy(mut self, policy: PolicyRef) -> Candidate {
        self.policy = Some(policy);
        self
    }

    pub fn with_patterns(mut self, patterns: Vec<Pattern>) -> Candidate {
        self.patterns = patterns;
        self
    }

    pub fn with_edits(mut self, edits: usize) -> Candidate {
        self.edits = edits;
        self
    }

    /// Two changes made together (both sides of a cross-account call, a deny and an allow).
    pub fn and(&self, other: &Candidate) -> Candidate {
        let mut ops = self.ops.clone();
        ops.extend(other.ops.iter().cloned());
        let mut patterns = self.patterns.clone();
        patterns.extend(other.patterns.iter().cloned());
        // The caller's own side is named first.
        let (first, second) = if other.layer < self.layer {
            (other, self)
        } else {
            (self, other)
        };
        Candidate {
            summary: format!("{}; and {}", first.summary, lower_first(&second.summary)),
            layer: self.layer.min(other.layer),
            policy: self.policy.clone().or_else(|| other.policy.clone()),
            ops,
            edits: self.edits + other.edits,
            looseness: self.looseness.max(other.looseness),
            patterns,
            inserted: self.inserted.or(other.inserted),
        }
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A JSON Pointer (RFC 6901) for a path as findings write it: `principals[2].trustPolicy`.
pub fn pointer(path: &str) -> String {
    let mut out = String::new();
    for seg in path.split('.').filter(|s| !s.is_empty()) {
        let (name, rest) = match seg.find('[') {
            Some(i) => (seg.get(..i).unwrap_or(seg), seg.get(i..).unwrap_or("")),
            None => (seg, ""),
        };
        if !name.is_empty() {
            out.push('/');
            out.push_str(&escape(name));
        }
        for index in rest.split(['[', ']']).filter(|s| !s.is_empty()) {
            out.push('/');
            out.push_str(index);
        }
    }
    out
}

/// A key as one reference token of a JSON Pointer.
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// One RFC 6902 operation.
pub type Op = json_patch::PatchOperation;

/// Paths are built here from escaped parts, so they always parse; an unparsable one would name
/// the document's root, which no candidate writes whole, and fail verification.
fn pointer_buf(path: &str) -> json_patch::jsonptr::PointerBuf {
    json_patch::jsonptr::PointerBuf::parse(path).unwrap_or_default()
}

pub fn add(path: &str, value: Value) -> Op {
    Op::Add(json_patch::AddOperation {
        path: pointer_buf(path),
        value,
    })
}

pub fn remove(path: &str) -> Op {
    Op::Remove(json_patch::RemoveOperation {
        path: pointer_buf(path),
    })
}

pub fn replace(path: &str, value: Value) -> Op {
    Op::Replace(json_patch::ReplaceOperation {
        path: pointer_buf(path),
        value,
    })
}

#[cfg(test)]
mod tests {
    use super::pointer;

    #[test]
    fn paths_become_pointers() {
        assert_eq!(
            pointer("principals[2].trustPolicy"),
            "/principals/2/trustPolicy"
        );
        assert_eq!(
            pointer("organization.scps[0].document"),
            "/organization/scps/0/document"
        );
        assert_eq!(
            pointer("steps[1].as.session.policy"),
            "/steps/1/as/session/policy"
        );
        assert_eq!(pointer("a/b"), "/a~1b");
    }
}
