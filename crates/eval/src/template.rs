//! Policy variables (§3): `${key}`, `${key, 'default'}` and the escapes `${*}`, `${?}`, `${$}`, parsed once
//! into parts and resolved against the request context.

use crate::context::Context;
use crate::glob::Glob;

#[derive(Debug, Clone, PartialEq)]
enum Part {
    /// Text in which `*` and `?` keep their wildcard meaning.
    Pattern(String),
    /// Text that is literal even for `*` and `?` (escapes).
    Literal(String),
    Variable {
        key: String,
        default: Option<String>,
    },
}

/// A value as written in a policy, with variables pre-parsed when the document enables them.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    parts: Vec<Part>,
}

impl Template {
    /// Parses `${…}` only when `variables` is true (Version 2012-10-17); otherwise all text is pattern text.
    pub fn parse(text: &str, variables: bool) -> Template {
        if !variables || !text.contains("${") {
            return Template {
                parts: vec![Part::Pattern(text.to_string())],
            };
        }
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find("${") {
            let Some(close) = rest.get(open..).and_then(|r| r.find('}')).map(|c| c + open) else {
                break;
            };
            if let Some(before) = rest.get(..open).filter(|b| !b.is_empty()) {
                parts.push(Part::Pattern(before.to_string()));
            }
            let inner = rest.get(open + 2..close).unwrap_or("").trim();
            parts.push(match inner {
                "*" | "?" | "$" => Part::Literal(inner.to_string()),
                _ => {
                    let (key, default) = match inner.split_once(',') {
                        Some((k, d)) => {
                            let d = d.trim();
                            let d = d
                                .strip_prefix('\'')
                                .and_then(|d| d.strip_suffix('\''))
                                .unwrap_or(d);
                            (k.trim(), Some(d.to_string()))
                        }
                        None => (inner, None),
                    };
                    Part::Variable {
                        key: key.to_ascii_lowercase(),
                        default,
                    }
                }
            });
            rest = rest.get(close + 1..).unwrap_or("");
        }
        if !rest.is_empty() {
            parts.push(Part::Pattern(rest.to_string()));
        }
        Template { parts }
    }

    /// The literal text every match must start with: the pattern text before the first wildcard,
    /// escape or variable. Lets a matcher reject most values before resolving anything.
    pub fn literal_prefix(&self) -> &str {
        match self.parts.first() {
            Some(Part::Pattern(t)) => t.find(['*', '?']).and_then(|i| t.get(..i)).unwrap_or(t),
            _ => "",
        }
    }

    pub fn has_variables(&self) -> bool {
        self.parts.iter().any(|p| !matches!(p, Part::Pattern(_)))
    }

    /// The glob this template stands for once variables are resolved; `None` when a variable has no
    /// value and no default (then nothing matches, §3). `wild` false makes the whole value literal.
    pub fn glob(&self, ctx: &Context, wild: bool, case_insensitive: bool) -> Option<Glob> {
        let mut g = Glob::empty(case_insensitive);
        for part in &self.parts {
            match part {
                Part::Pattern(t) if wild => g.push_pattern(t),
                Part::Pattern(t) | Part::Literal(t) => g.push_literal(t),
                Part::Variable { key, default } => g.push_literal(&resolve(ctx, key, default)?),
            }
        }
        Some(g)
    }

    /// The text with variables resolved (escapes become their character).
    pub fn text(&self, ctx: &Context) -> Option<String> {
        let mut s = String::new();
        for part in &self.parts {
            match part {
                Part::Pattern(t) | Part::Literal(t) => s.push_str(t),
                Part::Variable { key, default } => s.push_str(&resolve(ctx, key, default)?),
            }
        }
        Some(s)
    }

    /// The text for display, resolving what can be resolved and showing the rest as written.
    pub fn display(&self, ctx: &Context) -> String {
        let mut s = String::new();
        for part in &self.parts {
            match part {
                Part::Pattern(t) | Part::Literal(t) => s.push_str(t),
                Part::Variable { key, default } => match resolve(ctx, key, default) {
                    Some(v) => s.push_str(&v),
                    None => {
                        s.push_str("${");
                        s.push_str(key);
                        s.push('}');
                    }
                },
            }
        }
        s
    }
}

/// Only single-valued keys can be variables; a multivalued one resolves like an absent key.
fn resolve(ctx: &Context, key: &str, default: &Option<String>) -> Option<String> {
    match ctx.get(key) {
        Some([one]) => Some(one.clone()),
        _ => default.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_defaults_and_escapes() {
        let mut ctx = Context::new();
        ctx.set_one("aws:username", "alice", true);
        let t = Template::parse("home/${aws:UserName}/*", true);
        assert!(t
            .glob(&ctx, true, false)
            .is_some_and(|g| g.matches("home/alice/x")));
        let t = Template::parse("${aws:PrincipalTag/team, 'none'}", true);
        assert_eq!(t.text(&ctx).as_deref(), Some("none"));
        let t = Template::parse("a${*}b", true);
        let g = t.glob(&ctx, true, false);
        assert!(g.as_ref().is_some_and(|g| g.matches("a*b")));
        assert!(g.as_ref().is_some_and(|g| !g.matches("axb")));
        let t = Template::parse("${aws:missing}", true);
        assert!(t.glob(&ctx, true, false).is_none());
        let t = Template::parse("${aws:username}", false);
        assert!(t
            .glob(&ctx, true, false)
            .is_some_and(|g| g.matches("${aws:username}")));
    }
}
