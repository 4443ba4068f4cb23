//! From policy text to a [`Document`] with validation errors, using a span-aware JSON parser.

use crate::finding::{aws, Finding, Sink};
use crate::json::{self, Array, Object, Prop, Spanned as _, Value};
use crate::kind::{quota_size, PolicyKind};
use crate::model::*;
use crate::operator::Operator;
use crate::span::{LineIndex, Span};
use crate::Code;

/// The result of reading one policy text: a best-effort document (absent when the text is not a JSON
/// object) and every finding, errors first in text order.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub document: Option<Document>,
    pub findings: Vec<Finding>,
    /// Characters counted toward size quotas (white space excluded).
    pub size: usize,
}

impl Parsed {
    /// True when AWS would reject the document (`MalformedPolicyDocument`).
    pub fn has_errors(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity == crate::Severity::Error)
    }

    /// The first error, for a one-line `MalformedPolicyDocument` message.
    pub fn first_error(&self) -> Option<&Finding> {
        self.findings
            .iter()
            .find(|f| f.severity == crate::Severity::Error)
    }

    /// The document, only when it is valid.
    pub fn valid_document(&self) -> Option<&Document> {
        if self.has_errors() {
            None
        } else {
            self.document.as_ref()
        }
    }
}

/// What a policy is and where it lives, for kind rules and lint.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    pub kind: Option<PolicyKind>,
    /// The account that owns the policy (the role's account for a trust policy), for cross-account lint.
    pub account: Option<String>,
}

impl ParseOptions {
    pub fn kind(kind: PolicyKind) -> Self {
        ParseOptions {
            kind: Some(kind),
            account: None,
        }
    }
}

/// A policy may have at most this many statements: the largest IAM quota (20,480 characters for a
/// resource policy) holds a few hundred, and the limit bounds the work a hostile document can ask for.
pub const MAX_STATEMENTS: usize = 1000;

/// Parses, validates and lints one policy text.
pub fn parse(text: &str, options: &ParseOptions) -> Parsed {
    let lines = LineIndex::new(text);
    let mut sink = Sink::new(&lines);
    check_characters(text, &mut sink);
    let document = match json::parse(text) {
        Err(e) => {
            sink.error(
                Code::InvalidJson,
                Span::new(e.start, e.end.max(e.start + 1).min(text.len().max(e.start))),
                format!("Invalid JSON: {}.", e.message),
                aws::SYNTAX,
            );
            None
        }
        Ok(value) => match value {
            Some(Value::Object(obj)) => {
                let mut reader = Reader {
                    sink: &mut sink,
                    kind: options.kind,
                    speller: crate::spelling::Speller::default(),
                };
                Some(reader.document(&obj, lines.clone()))
            }
            Some(other) => {
                sink.error(
                    Code::NotAnObject,
                    other.span(),
                    "A policy document must be a JSON object.".into(),
                    aws::SYNTAX,
                );
                None
            }
            None => {
                sink.error(
                    Code::EmptyDocument,
                    Span::new(0, text.len()),
                    "The policy document is empty.".into(),
                    aws::SYNTAX,
                );
                None
            }
        },
    };
    if let Some(doc) = &document {
        crate::lint::lint(doc, options, &mut sink);
    }
    let mut findings = sink.findings;
    findings.sort_by_key(|f| (f.severity, f.location.start));
    Parsed {
        document,
        findings,
        size: quota_size(text),
    }
}

/// Policies may contain only U+0009, U+000A, U+000D and U+0020–U+00FF (§1.1).
fn check_characters(text: &str, sink: &mut Sink) {
    // Over bytes (it vectorizes): U+0080–U+00FF are encoded with lead bytes 0xC2 and 0xC3, so a
    // control byte or a lead byte from 0xC4 starts the first character out of range.
    let bad = text
        .bytes()
        .position(|b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b >= 0xC4);
    if let Some((i, c)) = bad.and_then(|i| Some((i, text.get(i..)?.chars().next()?))) {
        sink.error(
            Code::InvalidCharacter,
            Span::new(i, i + c.len_utf8()),
            format!(
                "Character U+{:04X} is not allowed in a policy (only tab, line breaks and U+0020–U+00FF).",
                c as u32
            ),
            aws::SYNTAX,
        );
    }
}

fn span_of(node: &impl json::Spanned) -> Span {
    node.span()
}

struct Reader<'s, 'l> {
    sink: &'s mut Sink<'l>,
    kind: Option<PolicyKind>,
    speller: crate::spelling::Speller,
}

impl Reader<'_, '_> {
    fn syntax(&mut self, code: Code, span: Span, message: String) {
        self.sink.error(code, span, message, aws::SYNTAX);
    }

    /// Properties of an object, reporting duplicate keys (AWS rejects them, §1.1): a set, since a
    /// hostile object may have 100,000 keys (docs/reliability.md).
    fn props<'a, 'b>(&mut self, obj: &'b Object<'a>) -> &'b [Prop<'a>] {
        // Small objects (nearly all) are scanned without allocating.
        let mut seen = std::collections::HashSet::new();
        let small = obj.properties.len() <= 16;
        for (i, p) in obj.properties.iter().enumerate() {
            let name = p.name.as_str();
            let repeated = if small {
                obj.properties
                    .get(..i)
                    .is_some_and(|before| before.iter().any(|q| q.name.as_str() == name))
            } else {
                !seen.insert(name)
            };
            if repeated {
                self.syntax(
                    Code::DuplicateKey,
                    span_of(&p.name),
                    format!("Duplicate key \"{name}\" in one object."),
                );
            }
        }
        &obj.properties
    }

    fn document(&mut self, obj: &Object, lines: LineIndex) -> Document {
        let mut version = None;
        let mut id = None;
        let mut statements = Vec::new();
        let mut saw_statement = false;
        for p in self.props(obj) {
            match p.name.as_str() {
                "Version" => match &p.value {
                    Value::String(s) if s.value == "2012-10-17" => {
                        version = Some(Spanned::new(Version::V2012_10_17, span_of(s)))
                    }
                    Value::String(s) if s.value == "2008-10-17" => {
                        version = Some(Spanned::new(Version::V2008_10_17, span_of(s)))
                    }
                    v => self.sink.error(
                        Code::InvalidVersion,
                        span_of(v),
                        "Version must be \"2012-10-17\" or \"2008-10-17\".".into(),
                        aws::LEGACY,
                    ),
                },
                "Id" => match &p.value {
                    Value::String(s) => {
                        // §1.3: the grammar says Id belongs in resource-based policies only. AWS does not
                        // reject it elsewhere, so this is a warning, not an error.
                        if self.kind.is_some_and(|k| !k.has_principal()) {
                            self.sink.lint(
                                crate::Severity::Warning,
                                Code::IdInIdentityPolicy,
                                span_of(s),
                                "Id is for resource-based policies; the policy grammar says identity-based policies do not include it.".into(),
                                Some("Remove the Id element.".into()),
                            );
                        }
                        id = Some(Spanned::new(s.value.to_string(), span_of(s)));
                    }
                    v => self.syntax(Code::InvalidId, span_of(v), "Id must be a string.".into()),
                },
                "Statement" => {
                    saw_statement = true;
                    match &p.value {
                        Value::Object(o) => statements.push(self.statement(o, 0)),
                        Value::Array(a) if a.elements.len() > MAX_STATEMENTS => self.sink.error(
                            Code::TooManyStatements,
                            span_of(a),
                            format!(
                                "This policy has {} statements; roleplay reads at most {MAX_STATEMENTS} in one policy (IAM's size quotas allow far fewer).",
                                a.elements.len()
                            ),
                            aws::TOO_LARGE,
                        ),
                        Value::Array(a) => {
                            for (i, v) in a.elements.iter().enumerate() {
                                match v {
                                    Value::Object(o) => statements.push(self.statement(o, i)),
                                    v => self.syntax(
                                        Code::InvalidStatement,
                                        span_of(v),
                                        "Each statement must be a JSON object.".into(),
                                    ),
                                }
                            }
                        }
                        v => self.syntax(
                            Code::InvalidStatement,
                            span_of(v),
                            "Statement must be an object or an array of objects.".into(),
                        ),
                    }
                }
                other => self.syntax(
                    Code::UnknownElement,
                    span_of(&p.name),
                    format!(
                        "Unknown top-level element \"{other}\" (expected Version, Id, Statement)."
                    ),
                ),
            }
        }
        if !saw_statement {
            self.syntax(
                Code::MissingStatement,
                Span::new(obj.span.start, obj.span.start + 1),
                "The policy has no Statement element.".into(),
            );
        }
        self.check_sids(&statements);
        Document {
            version,
            id,
            statements,
            span: span_of(obj),
            lines,
        }
    }

    fn check_sids(&mut self, statements: &[Statement]) {
        let iam_rules = matches!(
            self.kind,
            Some(
                PolicyKind::Identity
                    | PolicyKind::Trust
                    | PolicyKind::PermissionsBoundary
                    | PolicyKind::Session
            )
        );
        let mut seen = std::collections::HashSet::new();
        for st in statements {
            let Some(sid) = &st.sid else { continue };
            if iam_rules && !sid.value.chars().all(|c| c.is_ascii_alphanumeric()) {
                self.sink.error(
                    Code::InvalidSid,
                    sid.span,
                    format!(
                        "Sid \"{}\" may contain only A–Z, a–z and 0–9 in IAM policies.",
                        sid.value
                    ),
                    aws::SID_CHARS,
                );
            }
            if !seen.insert(sid.value.as_str()) && !sid.value.is_empty() {
                self.sink.error(
                    Code::DuplicateSid,
                    sid.span,
                    format!("Sid \"{}\" is used by an earlier statement.", sid.value),
                    aws::SID_UNIQUE,
                );
            }
        }
    }

    fn statement(&mut self, obj: &Object, index: usize) -> Statement {
        let span = span_of(obj);
        let mut sid = None;
        let mut effect = None;
        let mut principal = None;
        let mut action: Option<ActionElement> = None;
        let mut resource: Option<ResourceElement> = None;
        let mut conditions = Vec::new();
        for p in self.props(obj) {
            let name = p.name.as_str();
            let pspan = span_of(p);
            match name {
                "Sid" => match &p.value {
                    Value::String(s) => sid = Some(Spanned::new(s.value.to_string(), span_of(s))),
                    v => self.syntax(Code::InvalidSid, span_of(v), "Sid must be a string.".into()),
                },
                "Effect" => match &p.value {
                    Value::String(s) if s.value == "Allow" => {
                        effect = Some(Spanned::new(Effect::Allow, span_of(s)))
                    }
                    Value::String(s) if s.value == "Deny" => {
                        effect = Some(Spanned::new(Effect::Deny, span_of(s)))
                    }
                    v => {
                        let shown = match v {
                            Value::String(s) => format!("\"{}\"", s.value),
                            _ => "a non-string value".into(),
                        };
                        self.sink.error(
                            Code::InvalidEffect,
                            span_of(v),
                            format!("Effect must be exactly \"Allow\" or \"Deny\" (case-sensitive), not {shown}."),
                            aws::LEGACY,
                        );
                        // "allow", "DENY": the intended word is plain; the editors offer it.
                        if let Value::String(s) = v {
                            let fixed = ["Allow", "Deny"]
                                .into_iter()
                                .find(|w| w.eq_ignore_ascii_case(s.value.trim()));
                            if let Some(w) = fixed {
                                self.sink.replace_last(format!("\"{w}\""));
                            }
                        }
                        effect = Some(Spanned::new(Effect::Deny, span_of(v)));
                    }
                },
                "Principal" | "NotPrincipal" => {
                    if principal.is_some() {
                        self.syntax(
                            Code::PrincipalAndNotprincipal,
                            span_of(&p.name),
                            "A statement may have Principal or NotPrincipal, not both.".into(),
                        );
                    }
                    principal = Some(PrincipalElement {
                        negated: name == "NotPrincipal",
                        value: self.principal(&p.value),
                        span: pspan,
                    });
                }
                "Action" | "NotAction" => {
                    if action.is_some() {
                        self.syntax(
                            Code::ActionAndNotaction,
                            span_of(&p.name),
                            "A statement may have Action or NotAction, not both.".into(),
                        );
                    }
                    let patterns = self.strings(&p.value, name);
                    for pat in &patterns {
                        self.check_action(pat);
                    }
                    action = Some(ActionElement {
                        negated: name == "NotAction",
                        patterns,
                        span: pspan,
                    });
                }
                "Resource" | "NotResource" => {
                    if resource.is_some() {
                        self.syntax(
                            Code::ResourceAndNotresource,
                            span_of(&p.name),
                            "A statement may have Resource or NotResource, not both.".into(),
                        );
                    }
                    let patterns = self.strings(&p.value, name);
                    for pat in &patterns {
                        self.check_resource(pat);
                    }
                    resource = Some(ResourceElement {
                        negated: name == "NotResource",
                        patterns,
                        span: pspan,
                    });
                }
                "Condition" => match &p.value {
                    Value::Object(o) => self.conditions(o, &mut conditions),
                    v => self.syntax(
                        Code::InvalidCondition,
                        span_of(v),
                        "Condition must be an object of operators.".into(),
                    ),
                },
                other => self.syntax(
                    Code::UnknownElement,
                    span_of(&p.name),
                    format!("Unknown statement element \"{other}\"."),
                ),
            }
        }
        let head = Span::new(span.start, span.start + 1);
        let effect = effect.unwrap_or_else(|| {
            self.syntax(
                Code::MissingEffect,
                head,
                "The statement has no Effect.".into(),
            );
            Spanned::new(Effect::Deny, head)
        });
        if action.is_none() {
            self.sink.error(
                Code::MissingAction,
                head,
                "The statement has neither Action nor NotAction.".into(),
                aws::ACTIONS_MISSING,
            );
        }
        let st = Statement {
            index,
            sid,
            effect,
            principal,
            action,
            resource,
            conditions,
            span,
        };
        self.kind_rules(&st, head);
        st
    }

    fn kind_rules(&mut self, st: &Statement, head: Span) {
        let Some(kind) = self.kind else { return };
        match (&st.principal, kind.has_principal()) {
            (Some(p), false) => self.sink.error(
                Code::PrincipalNotAllowed,
                p.span,
                format!("A {} may not name a principal; the principal is whoever the policy is attached to.", kind.aws_name()),
                aws::PRINCIPAL_FORBIDDEN,
            ),
            (None, true) => self.sink.error(
                Code::MissingPrincipal,
                head,
                format!("A {} statement must name a Principal.", kind.aws_name()),
                aws::PRINCIPAL_MISSING,
            ),
            _ => {}
        }
        if kind == PolicyKind::Trust {
            if let Some(p) = st.principal.as_ref().filter(|p| p.negated) {
                self.sink.error(
                    Code::NotprincipalInTrust,
                    p.span,
                    "NotPrincipal is not allowed in a role trust policy.".into(),
                    aws::NOT_PRINCIPAL_TRUST,
                );
            }
            if let Some(r) = &st.resource {
                self.sink.error(
                    Code::ResourceInTrust,
                    r.span,
                    "A role trust policy has no Resource: the role itself is the resource.".into(),
                    aws::RESOURCE_FORBIDDEN,
                );
            }
        } else if st.resource.is_none() {
            self.sink.error(
                Code::MissingResource,
                head,
                "The statement has neither Resource nor NotResource.".into(),
                aws::RESOURCES_MISSING,
            );
        }
        if kind == PolicyKind::ResourceControl {
            if let Some(p) = &st.principal {
                if p.negated || p.value != Principal::Any {
                    self.syntax(
                        Code::RcpPrincipal,
                        p.span,
                        "A resource control policy must use \"Principal\": \"*\" (narrow it with conditions).".into(),
                    );
                }
            }
            if let Some(a) = st.action.as_ref().filter(|a| a.negated) {
                self.syntax(
                    Code::RcpNotaction,
                    a.span,
                    "Resource control policies do not support NotAction.".into(),
                );
            }
        }
    }

    /// A string or an array of strings (Action, Resource and principal values).
    fn strings(&mut self, value: &Value, element: &str) -> Vec<Spanned<String>> {
        let mut out = Vec::new();
        match value {
            Value::String(s) => out.push(Spanned::new(s.value.to_string(), span_of(s))),
            Value::Array(Array { elements, span }) => {
                if elements.is_empty() {
                    self.syntax(
                        Code::EmptyList,
                        *span,
                        format!("{element} must list at least one value."),
                    );
                }
                for e in elements {
                    match e {
                        Value::String(s) => out.push(Spanned::new(s.value.to_string(), span_of(s))),
                        v => self.syntax(
                            Code::InvalidValue,
                            span_of(v),
                            format!("{element} values must be strings."),
                        ),
                    }
                }
            }
            v => self.syntax(
                Code::InvalidValue,
                span_of(v),
                format!("{element} must be a string or an array of strings."),
            ),
        }
        out
    }

    fn check_action(&mut self, pat: &Spanned<String>) {
        let a = pat.value.as_str();
        if a == "*" {
            return;
        }
        match a.split_once(':') {
            Some((prefix, name))
                if !prefix.is_empty()
                    && !name.is_empty()
                    && prefix
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-') => {}
            _ => self.sink.error(
                Code::InvalidAction,
                pat.span,
                format!("Action \"{a}\" must be \"*\" or \"service:Action\" (e.g. s3:GetObject)."),
                aws::VENDOR,
            ),
        }
    }

    fn check_resource(&mut self, pat: &Spanned<String>) {
        let r = pat.value.as_str();
        if r == "*" {
            return;
        }
        let Some(rest) = r.strip_prefix("arn:") else {
            self.sink.error(
                Code::InvalidResource,
                pat.span,
                format!("Resource \"{r}\" must be an ARN (arn:partition:service:region:account:resource) or \"*\"."),
                format!("Resource {r} must be in ARN format or \"*\"."),
            );
            return;
        };
        let parts: Vec<&str> = rest.splitn(5, ':').collect();
        if parts.get(1).is_some_and(|svc| svc.contains(['*', '?'])) {
            self.sink.error(
                Code::WildcardInService,
                pat.span,
                format!("Resource \"{r}\": the service part of an ARN may not contain a wildcard."),
                format!("Resource {r} must be in ARN format or \"*\"."),
            );
        } else if let Some(kind) = parts
            .get(4)
            .filter(|_| parts.get(1).is_some_and(|svc| typed_resources(svc)))
            .and_then(|res| res.split(['/', ':']).next())
            .filter(|kind| *kind != "*" && kind.contains(['*', '?']))
        {
            // §1.9: `arn:aws:iam::123:u*` is invalid; `arn:aws:iam::123:*` and `user/*` are not.
            self.sink.error(
                Code::WildcardInResourceType,
                pat.span,
                format!("Resource \"{r}\": the resource type (\"{kind}\") may not contain a wildcard; write the type in full (user/*, instance/*…)."),
                format!("Resource {r} can not contain a wildcard in the resource type."),
            );
        } else if parts.len() < 5 {
            self.sink.lint(
                crate::Severity::Warning,
                Code::ShortArn,
                pat.span,
                format!("Resource \"{r}\" has fewer than six ARN parts; missing parts are read as \"*\"."),
                Some("Write all six parts: arn:partition:service:region:account:resource.".into()),
            );
        }
    }

    fn principal(&mut self, value: &Value) -> Principal {
        match value {
            Value::String(s) if s.value == "*" => Principal::Any,
            Value::Object(o) => {
                let mut entries = Vec::new();
                for p in self.props(o) {
                    let kind = match p.name.as_str() {
                        "AWS" => PrincipalType::Aws,
                        "Service" => PrincipalType::Service,
                        "Federated" => PrincipalType::Federated,
                        "CanonicalUser" => PrincipalType::CanonicalUser,
                        other => {
                            self.sink.error(
                                Code::InvalidPrincipal,
                                span_of(&p.name),
                                format!("Unknown principal type \"{other}\" (expected AWS, Service, Federated or CanonicalUser)."),
                                format!("{}: \"{other}\"", aws::INVALID_PRINCIPAL),
                            );
                            continue;
                        }
                    };
                    for v in self.strings(&p.value, kind.as_str()) {
                        self.check_principal(kind, &v);
                        entries.push(PrincipalEntry {
                            kind,
                            value: v.value,
                            span: v.span,
                        });
                    }
                }
                Principal::Map(entries)
            }
            v => {
                self.sink.error(
                    Code::InvalidPrincipal,
                    span_of(v),
                    "Principal must be \"*\" or an object such as {\"AWS\": \"arn:aws:iam::111122223333:root\"}.".into(),
                    aws::INVALID_PRINCIPAL,
                );
                Principal::Map(Vec::new())
            }
        }
    }

    fn check_principal(&mut self, kind: PrincipalType, v: &Spanned<String>) {
        let s = v.value.as_str();
        let ok = match kind {
            PrincipalType::Aws => s == "*" || (!s.contains(['*', '?']) && valid_aws_principal(s)),
            PrincipalType::Service => !s.is_empty() && !s.contains(['*', '?']),
            PrincipalType::Federated => {
                !s.is_empty()
                    && !s.contains(['*', '?'])
                    && (s.contains(":saml-provider/")
                        || s.contains(":oidc-provider/")
                        || !s.starts_with("arn:"))
            }
            PrincipalType::CanonicalUser => {
                s.len() == 64 && s.chars().all(|c| c.is_ascii_hexdigit())
            }
        };
        if !ok {
            let why = if s.contains(['*', '?']) && s != "*" {
                "partial wildcards are not allowed in principals"
            } else {
                "not a valid principal of this type"
            };
            self.sink.error(
                Code::InvalidPrincipal,
                v.span,
                format!("\"{}\": \"{s}\" — {why}.", kind.as_str()),
                format!("{}: \"{}\":\"{s}\"", aws::INVALID_PRINCIPAL, kind.as_str()),
            );
        }
    }

    fn conditions(&mut self, block: &Object, out: &mut Vec<Condition>) {
        for op_prop in self.props(block) {
            let op_name = op_prop.name.as_str();
            let operator_span = span_of(&op_prop.name);
            let operator = Operator::parse(op_name);
            if operator.is_none() {
                // The likely intended operator (`StringEqualz`, `stringequals`): named, and offered
                // by the editors as the property name's replacement.
                let near = self
                    .speller
                    .nearest(crate::reference::all_operators().map(|o| o.name()), op_name);
                let hint = near
                    .as_ref()
                    .map(|n| format!("; did you mean \"{n}\"?"))
                    .unwrap_or_else(|| ".".into());
                self.sink.error(
                    Code::UnknownOperator,
                    operator_span,
                    format!(
                        "Unknown condition operator \"{op_name}\" (operators are case-sensitive){hint}"
                    ),
                    format!("{} : {op_name}", aws::CONDITION_TYPE),
                );
                if let Some(n) = near {
                    self.sink.replace_last(format!("\"{n}\""));
                }
            }
            let Value::Object(keys) = &op_prop.value else {
                self.syntax(
                    Code::InvalidCondition,
                    span_of(&op_prop.value),
                    format!("\"{op_name}\" must map condition keys to values."),
                );
                continue;
            };
            for kp in self.props(keys) {
                let values = self.condition_values(&kp.value);
                if let Some(operator) = operator {
                    out.push(Condition {
                        operator,
                        operator_span,
                        key: kp.name.as_str().to_string(),
                        key_span: span_of(&kp.name),
                        values,
                        span: span_of(kp),
                    });
                }
            }
        }
    }

    fn condition_values(&mut self, value: &Value) -> Vec<Spanned<String>> {
        let mut out = Vec::new();
        let mut one = |me: &mut Self, v: &Value| match v {
            Value::String(s) => out.push(Spanned::new(s.value.to_string(), span_of(s))),
            Value::Number(n) => out.push(Spanned::new(n.value.to_string(), span_of(n))),
            Value::Bool(b) => out.push(Spanned::new(b.value.to_string(), span_of(b))),
            v => me.syntax(
                Code::InvalidConditionValue,
                span_of(v),
                "Condition values must be strings, numbers or booleans.".into(),
            ),
        };
        match value {
            Value::Array(a) => {
                for e in &a.elements {
                    one(self, e);
                }
            }
            v => one(self, v),
        }
        out
    }
}

/// Account id, account root, user, role, assumed-role session, federated user, or a unique id.
fn valid_aws_principal(s: &str) -> bool {
    if s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    if s.len() >= 16 && s.starts_with('A') && s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return true;
    }
    let parts: Vec<&str> = s.splitn(6, ':').collect();
    let [arn, partition, service, region, account, resource] = parts.as_slice() else {
        return false;
    };
    let account_ok = account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit());
    *arn == "arn"
        && matches!(*partition, "aws" | "aws-cn" | "aws-us-gov")
        && region.is_empty()
        && account_ok
        && match *service {
            "iam" => {
                *resource == "root"
                    || resource.starts_with("user/")
                    || resource.starts_with("role/")
            }
            "sts" => {
                resource
                    .strip_prefix("assumed-role/")
                    .is_some_and(|r| r.split('/').count() == 2)
                    || resource.starts_with("federated-user/")
            }
            _ => false,
        }
}

/// Services whose every resource ARN starts with a resource type (`user/…`, `instance/…`, `key/…`,
/// `log-group:…`), so a wildcard there is a wildcard in the type (§1.9). S3, SNS and SQS name resources
/// directly and are not listed.
fn typed_resources(service: &str) -> bool {
    const TYPED: &[&str] = &[
        "iam",
        "sts",
        "ec2",
        "lambda",
        "dynamodb",
        "kms",
        "logs",
        "rds",
        "secretsmanager",
        "ecs",
        "ecr",
        "cloudformation",
        "states",
    ];
    TYPED.iter().any(|t| t.eq_ignore_ascii_case(service))
}
