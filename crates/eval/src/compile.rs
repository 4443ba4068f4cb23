//! Policies compiled once into a form that evaluates without re-parsing: lower-cased action globs,
//! pre-split ARN patterns, parsed numbers, instants, networks, and pre-parsed variables.

use crate::glob::Glob;
use crate::template::Template;
use ipnet::IpNet;
use roleplay_policy::arn;
use roleplay_policy::value;
use roleplay_policy::{
    Document, Effect, Family, Location, Operator, PolicyKind, Principal, PrincipalType,
};
use std::sync::Arc;

/// One policy, ready to evaluate, with what the explanation needs to name it.
#[derive(Debug, Clone)]
pub struct CompiledPolicy {
    pub kind: PolicyKind,
    // Shared strings: explanations name the policy on every evaluation without copying.
    pub name: Arc<str>,
    /// Who the policy is attached to (a principal ARN, a resource ARN, an OU …).
    pub owner: Arc<str>,
    pub arn: Option<Arc<str>>,
    pub(crate) statements: Vec<CStatement>,
}

#[derive(Debug, Clone)]
pub(crate) struct CStatement {
    pub index: usize,
    pub sid: Option<Arc<str>>,
    pub effect: Effect,
    /// Located once here: every explanation of every request shows it.
    pub location: Location,
    pub principal: Option<CPrincipal>,
    pub actions: Option<(bool, Vec<Glob>)>,
    pub resources: Option<(bool, Vec<ResourcePattern>)>,
    pub conditions: Vec<CCondition>,
}

#[derive(Debug, Clone)]
pub(crate) struct CPrincipal {
    pub negated: bool,
    pub any: bool,
    pub entries: Vec<(PrincipalType, String)>,
}

#[derive(Debug, Clone)]
#[allow(
    clippy::large_enum_variant,
    reason = "stored once per statement; boxing would add a pointer chase to every match"
)]
pub(crate) enum ResourcePattern {
    Any,
    /// Partition, service, region and account compare case-insensitively; the resource part
    /// case-sensitively (§1.9, the peer's reading: UNCONFIRMED for the first four parts).
    Arn {
        head: [Glob; 5],
        tail: Tail,
    },
}

#[derive(Debug, Clone)]
pub(crate) enum Tail {
    Fixed(Glob),
    /// Variables resolve per request; `prefix` rejects most resources without resolving them.
    Dynamic {
        template: Template,
        prefix: String,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct CCondition {
    pub operator: Operator,
    pub key: Arc<str>,
    /// The key's request value is a list (`aws:TagKeys`, …).
    pub multivalued: bool,
    pub location: Location,
    pub values: Values,
    /// The values as written, for explanations.
    pub written: Vec<String>,
}

#[derive(Debug, Clone)]
pub(crate) enum Values {
    /// String operators (and Bool, compared case-insensitively): a template per value.
    Text {
        templates: Vec<Template>,
        fixed: Vec<Option<Glob>>,
        wild: bool,
        case_insensitive: bool,
    },
    Number(Vec<Option<f64>>),
    Date(Vec<Option<i128>>),
    Binary(Vec<Vec<u8>>),
    Ip(Vec<Option<IpNet>>),
    Arn(Vec<ArnValue>),
    Null(Vec<Option<bool>>),
}

#[derive(Debug, Clone)]
pub(crate) enum ArnValue {
    Fixed(Option<[Glob; 6]>),
    Dynamic(Template),
}

impl CompiledPolicy {
    pub fn compile(doc: &Document, kind: PolicyKind, name: &str, owner: &str) -> CompiledPolicy {
        let vars = doc.variables_enabled();
        let statements = doc
            .statements
            .iter()
            .map(|st| CStatement {
                index: st.index,
                sid: st.sid.as_ref().map(|s| Arc::from(s.value.as_str())),
                effect: st.effect.value,
                location: doc.lines.locate(st.span),
                principal: st.principal.as_ref().map(|p| CPrincipal {
                    negated: p.negated,
                    any: p.value == Principal::Any,
                    entries: match &p.value {
                        Principal::Any => Vec::new(),
                        Principal::Map(es) => {
                            es.iter().map(|e| (e.kind, e.value.clone())).collect()
                        }
                    },
                }),
                actions: st.action.as_ref().map(|a| {
                    (
                        a.negated,
                        a.patterns
                            .iter()
                            .map(|p| Glob::new(&p.value, true))
                            .collect(),
                    )
                }),
                resources: st.resource.as_ref().map(|r| {
                    (
                        r.negated,
                        r.patterns
                            .iter()
                            .map(|p| resource_pattern(&p.value, vars))
                            .collect(),
                    )
                }),
                conditions: st
                    .conditions
                    .iter()
                    .map(|c| CCondition {
                        operator: c.operator,
                        key: Arc::from(c.key.as_str()),
                        multivalued: roleplay_policy::is_multivalued_key(&c.key),
                        location: doc.lines.locate(c.span),
                        values: compile_values(c.operator, &c.values, vars),
                        written: c.values.iter().map(|v| v.value.clone()).collect(),
                    })
                    .collect(),
            })
            .collect();
        CompiledPolicy {
            kind,
            name: Arc::from(name),
            owner: Arc::from(owner),
            arn: None,
            statements,
        }
    }

    pub fn with_arn(mut self, arn: Option<String>) -> Self {
        self.arn = arn.map(Arc::from);
        self
    }

    pub fn statement_count(&self) -> usize {
        self.statements.len()
    }
}

fn resource_pattern(p: &str, vars: bool) -> ResourcePattern {
    if p == "*" {
        return ResourcePattern::Any;
    }
    let parts = arn::split_pattern(p);
    let g = |s: &str| Glob::new(s, true);
    let template = Template::parse(parts[5], vars);
    ResourcePattern::Arn {
        head: [
            g(parts[0]),
            g(parts[1]),
            g(parts[2]),
            g(parts[3]),
            g(parts[4]),
        ],
        tail: if template.has_variables() {
            Tail::Dynamic {
                prefix: template.literal_prefix().to_string(),
                template,
            }
        } else {
            Tail::Fixed(Glob::new(parts[5], false))
        },
    }
}

fn compile_values(op: Operator, values: &[roleplay_policy::Spanned<String>], vars: bool) -> Values {
    use roleplay_policy::OperatorKind as K;
    let texts = || values.iter().map(|v| v.value.as_str());
    let vars = vars && op.kind.accepts_variables();
    match op.kind.family() {
        Family::String | Family::Bool => {
            let wild = matches!(op.kind, K::StringLike | K::StringNotLike);
            let case_insensitive = matches!(
                op.kind,
                K::StringEqualsIgnoreCase | K::StringNotEqualsIgnoreCase | K::Bool
            );
            let templates: Vec<Template> = texts().map(|t| Template::parse(t, vars)).collect();
            let fixed = templates
                .iter()
                .map(|t| {
                    (!t.has_variables())
                        .then(|| t.glob(&crate::Context::new(), wild, case_insensitive))
                        .flatten()
                })
                .collect();
            Values::Text {
                templates,
                fixed,
                wild,
                case_insensitive,
            }
        }
        Family::Numeric => Values::Number(texts().map(value::number).collect()),
        Family::Date => Values::Date(texts().map(value::instant).collect()),
        Family::Binary => Values::Binary(texts().map(value::binary).collect()),
        Family::Ip => Values::Ip(texts().map(value::network).collect()),
        Family::Arn => Values::Arn(
            texts()
                .map(|t| {
                    let template = Template::parse(t, vars);
                    if template.has_variables() {
                        ArnValue::Dynamic(template)
                    } else {
                        ArnValue::Fixed(arn_globs(t))
                    }
                })
                .collect(),
        ),
        Family::Null => Values::Null(texts().map(value::boolean).collect()),
    }
}

/// An ARN condition value as six case-sensitive globs (ArnEquals ≡ ArnLike, §2.1).
pub(crate) fn arn_globs(t: &str) -> Option<[Glob; 6]> {
    let p = arn::split(t)?;
    let g = |s: &str| Glob::new(s, false);
    Some([g(p[0]), g(p[1]), g(p[2]), g(p[3]), g(p[4]), g(p[5])])
}
