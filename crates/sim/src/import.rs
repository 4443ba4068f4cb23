//! Import from a real AWS account: the JSON output of `aws iam get-role`, `aws iam get-role-policy`,
//! `aws iam get-policy-version` and `aws iam get-account-authorization-details` becomes a scenario
//! with that world. What cannot be imported is reported, never silently dropped.

use crate::format::{
    Attachment, GroupDef, PolicyDoc, PrincipalDef, RoleDef, Scenario, Tags, UserDef,
};
use serde_json::{Map, Value};

/// The scenario built from an AWS CLI output, and what was left out and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub scenario: Scenario,
    pub skipped: Vec<String>,
}

/// Reads one AWS CLI JSON output, or an AccessDenied error (`crate::denial`). Errors say what the
/// text is not.
pub fn from_aws(text: &str) -> Result<Imported, String> {
    // An AccessDenied message, a CloudTrail event or a decoded authorization message.
    if let Some(imported) = crate::denial::import(text) {
        return imported;
    }
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let mut out = Builder::default();
    if let Some(role) = value.get("Role") {
        out.role(role, &Map::new());
    } else if value.get("PolicyDocument").is_some() && value.get("RoleName").is_some() {
        out.inline_only(&value);
    } else if let Some(version) = value.get("PolicyVersion") {
        out.policy_version(version);
    } else if value.get("RoleDetailList").is_some() || value.get("UserDetailList").is_some() {
        out.authorization_details(&value);
    } else {
        return Err("not an output of aws iam get-role, get-role-policy, get-policy-version or get-account-authorization-details".into());
    }
    Ok(out.finish())
}

/// An output added to an existing world: the world after it, what changed, and what was left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub scenario: Scenario,
    pub message: String,
    pub skipped: Vec<String>,
}

/// Adds an output to `world` when it describes part of it, as the AWS CLI is used one call at a
/// time: `get-role-policy` for a role the world has (by the name the output gives) puts the policy
/// on that role, replacing an inline policy of the same name; `get-role` for a role the world has
/// (same ARN) takes the role's trust policy, tags and maximum session duration from the output and
/// keeps its policies. `None`: the output builds a world of its own ([`from_aws`]).
pub fn merge(world: &Scenario, text: &str) -> Option<Merged> {
    let value: Value = serde_json::from_str(text).ok()?;
    let mut scenario = world.clone();
    if value.get("PolicyDocument").is_some() {
        let role_name = self::text(&value, "RoleName")?;
        let name = self::text(&value, "PolicyName").unwrap_or("inline");
        let document = document(value.get("PolicyDocument"))?;
        let role = roles_mut(&mut scenario).find(|r| role_name_of(&r.arn) == role_name)?;
        let policy = Attachment {
            name: name.to_string(),
            document,
            arn: None,
            inline: None,
        };
        let verb = match role
            .policies
            .iter_mut()
            .find(|p| p.name == name && p.is_inline())
        {
            Some(existing) => {
                *existing = policy;
                "Replaced"
            }
            None => {
                role.policies.push(policy);
                "Added"
            }
        };
        return Some(Merged {
            scenario,
            message: format!("{verb} the inline policy {name} on role {role_name}."),
            skipped: Vec::new(),
        });
    }
    let mut built = Builder::default();
    built.role(value.get("Role")?, &Map::new());
    let Some(PrincipalDef::Role(new)) = built.principals.pop() else {
        return None;
    };
    let name = role_name_of(&new.arn).to_string();
    let role = roles_mut(&mut scenario).find(|r| r.arn == new.arn)?;
    role.trust_policy = new.trust_policy;
    role.tags = new.tags;
    role.max_session_duration = new.max_session_duration;
    role.service_linked = new.service_linked;
    Some(Merged {
        scenario,
        message: format!("Updated role {name}: its trust policy, tags and maximum session duration come from get-role; its policies are kept."),
        skipped: built.skipped,
    })
}

fn roles_mut(s: &mut Scenario) -> impl Iterator<Item = &mut RoleDef> {
    s.principals.iter_mut().filter_map(|p| match p {
        PrincipalDef::Role(r) => Some(r),
        _ => None,
    })
}

/// A role's name: the last segment of its ARN's path.
fn role_name_of(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}

#[derive(Default)]
struct Builder {
    principals: Vec<PrincipalDef>,
    skipped: Vec<String>,
    title: Option<String>,
}

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// A policy document as the CLI prints it: an object, or (raw API) URL-encoded JSON text.
fn document(v: Option<&Value>) -> Option<PolicyDoc> {
    match v? {
        Value::Object(_) => v.map(PolicyDoc::from_value),
        Value::String(s) => {
            let decoded = percent_encoding::percent_decode_str(s)
                .decode_utf8_lossy()
                .into_owned();
            Some(match serde_json::from_str::<Value>(&decoded) {
                Ok(parsed) if parsed.is_object() => PolicyDoc::from_value(&parsed),
                _ => PolicyDoc::Text(decoded),
            })
        }
        _ => None,
    }
}

fn tags(v: &Value) -> Tags {
    v.get("Tags")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|t| {
                    Some((
                        text(t, "Key")?.to_string(),
                        text(t, "Value").unwrap_or("").to_string(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}

impl Builder {
    /// The entries of list `key` in `v`; a `key` that is there but not a list is reported as left out.
    fn list<'a>(&mut self, v: &'a Value, key: &str) -> std::slice::Iter<'a, Value> {
        match v.get(key) {
            Some(Value::Array(items)) => items.iter(),
            Some(other) => {
                let found = match other {
                    Value::Object(_) => "an object",
                    Value::String(_) => "a string",
                    Value::Number(_) => "a number",
                    Value::Bool(_) => "true or false",
                    _ => "null",
                };
                self.skipped.push(format!(
                    "{key} is {found}, not a list: its entries are left out"
                ));
                [].iter()
            }
            None => [].iter(),
        }
    }

    /// Inline policies of a principal (`RolePolicyList`, `UserPolicyList`, `GroupPolicyList`).
    fn inline(&mut self, v: &Value, list: &str, owner: &str) -> Vec<Attachment> {
        let mut out = Vec::new();
        for p in self.list(v, list) {
            let name = text(p, "PolicyName").unwrap_or("inline").to_string();
            match document(p.get("PolicyDocument")) {
                Some(document) => out.push(Attachment {
                    name,
                    document,
                    arn: None,
                    inline: None,
                }),
                None => self
                    .skipped
                    .push(format!("{owner}: inline policy {name} has no document")),
            }
        }
        out
    }

    /// Attached managed policies, with their default version's document when the output carries it.
    fn managed(&mut self, v: &Value, owner: &str, managed: &Map<String, Value>) -> Vec<Attachment> {
        let mut out = Vec::new();
        for p in self.list(v, "AttachedManagedPolicies") {
            let Some(arn) = text(p, "PolicyArn") else {
                continue;
            };
            let name = text(p, "PolicyName").unwrap_or(arn).to_string();
            match managed.get(arn).and_then(|d| document(Some(d))) {
                Some(document) => out.push(Attachment { name, document, arn: Some(arn.to_string()), inline: None }),
                None => self.skipped.push(format!(
                    "{owner}: managed policy {arn} is attached but its document is not in this output (add it with get-policy-version, or export with --filter LocalManagedPolicy AWSManagedPolicy)"
                )),
            }
        }
        out
    }

    fn boundary(
        &mut self,
        v: &Value,
        owner: &str,
        managed: &Map<String, Value>,
    ) -> Option<Attachment> {
        let arn = v
            .get("PermissionsBoundary")
            .and_then(|b| text(b, "PermissionsBoundaryArn"))?;
        match managed.get(arn).and_then(|d| document(Some(d))) {
            Some(document) => Some(Attachment {
                name: arn.rsplit('/').next().unwrap_or(arn).to_string(),
                document,
                arn: Some(arn.to_string()),
                inline: None,
            }),
            None => {
                self.skipped.push(format!("{owner}: permissions boundary {arn} is not in this output, so it is left out (the role is less limited here than in AWS)"));
                None
            }
        }
    }

    fn role(&mut self, v: &Value, managed: &Map<String, Value>) {
        let Some(arn) = text(v, "Arn") else {
            self.skipped.push("a role without an Arn".into());
            return;
        };
        let Some(trust_policy) = document(v.get("AssumeRolePolicyDocument")) else {
            self.skipped
                .push(format!("{arn}: no AssumeRolePolicyDocument, role left out"));
            return;
        };
        let mut policies = self.inline(v, "RolePolicyList", arn);
        policies.extend(self.managed(v, arn, managed));
        let boundary = self.boundary(v, arn, managed);
        if v.get("InstanceProfileList")
            .and_then(Value::as_array)
            .is_some_and(|l| !l.is_empty())
        {
            self.skipped.push(format!("{arn}: instance profiles are not part of a scenario (call as {{\"service\": \"ec2.amazonaws.com\"}})"));
        }
        self.title.get_or_insert_with(|| {
            format!("Imported role {}", arn.rsplit('/').next().unwrap_or(arn))
        });
        self.principals.push(PrincipalDef::Role(RoleDef {
            arn: arn.to_string(),
            trust_policy,
            policies,
            permissions_boundary: boundary,
            tags: tags(v),
            max_session_duration: v.get("MaxSessionDuration").and_then(Value::as_i64),
            service_linked: text(v, "Path")
                .map(|p| p.starts_with("/aws-service-role/"))
                .filter(|s| *s),
        }));
    }

    /// `get-role-policy`: the policy alone; the role's ARN is not in the output.
    fn inline_only(&mut self, v: &Value) {
        let role = text(v, "RoleName").unwrap_or("Imported");
        self.skipped.push(format!(
            "get-role-policy does not carry the role's ARN or trust policy: the policy is put on role {role} in account 111122223333 with a trust policy that trusts that account; import get-role as well for the real one"
        ));
        let trust = serde_json::json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}]});
        let policies = self.inline(
            &serde_json::json!({"RolePolicyList": [v]}),
            "RolePolicyList",
            role,
        );
        self.title = Some(format!(
            "Imported policy {} of {role}",
            text(v, "PolicyName").unwrap_or("")
        ));
        self.principals.push(PrincipalDef::Role(RoleDef {
            arn: format!("arn:aws:iam::111122223333:role/{role}"),
            trust_policy: PolicyDoc::from_value(&trust),
            policies,
            permissions_boundary: None,
            tags: Tags::new(),
            max_session_duration: None,
            service_linked: None,
        }));
    }

    /// `get-policy-version`: a managed policy's document; its ARN is not in the output.
    fn policy_version(&mut self, v: &Value) {
        let Some(document) = document(v.get("Document")) else {
            self.skipped.push("PolicyVersion has no Document".into());
            return;
        };
        self.skipped.push("get-policy-version does not carry the policy's ARN: it is attached to a placeholder user arn:aws:iam::111122223333:user/imported".into());
        self.title = Some("Imported managed policy".into());
        self.principals.push(PrincipalDef::User(UserDef {
            arn: "arn:aws:iam::111122223333:user/imported".into(),
            policies: vec![Attachment {
                name: format!("imported-{}", text(v, "VersionId").unwrap_or("v1")),
                document,
                arn: None,
                inline: None,
            }],
            permissions_boundary: None,
            groups: Vec::new(),
            tags: Tags::new(),
        }));
    }

    fn authorization_details(&mut self, v: &Value) {
        // Managed policies: ARN → default version's document.
        let mut managed = Map::new();
        for p in self.list(v, "Policies") {
            let (Some(arn), Some(default)) = (text(p, "Arn"), text(p, "DefaultVersionId")) else {
                continue;
            };
            let doc = p
                .get("PolicyVersionList")
                .and_then(Value::as_array)
                .and_then(|vs| {
                    vs.iter().find(|x| {
                        text(x, "VersionId") == Some(default)
                            || x.get("IsDefaultVersion") == Some(&Value::Bool(true))
                    })
                })
                .and_then(|x| x.get("Document"));
            if let Some(d) = doc {
                managed.insert(arn.to_string(), d.clone());
            }
        }
        let account = v
            .get("RoleDetailList")
            .or_else(|| v.get("UserDetailList"))
            .and_then(Value::as_array)
            .and_then(|l| l.first())
            .and_then(|x| text(x, "Arn"))
            .and_then(roleplay_policy::arn::account)
            .unwrap_or("")
            .to_string();
        // Roles first: the playground's editors show the first role.
        for r in self.list(v, "RoleDetailList") {
            self.role(r, &managed);
        }
        for g in self.list(v, "GroupDetailList") {
            let Some(arn) = text(g, "Arn") else { continue };
            let mut policies = self.inline(g, "GroupPolicyList", arn);
            policies.extend(self.managed(g, arn, &managed));
            self.principals.push(PrincipalDef::Group(GroupDef {
                arn: arn.to_string(),
                policies,
            }));
        }
        for u in self.list(v, "UserDetailList") {
            let Some(arn) = text(u, "Arn") else { continue };
            let mut policies = self.inline(u, "UserPolicyList", arn);
            policies.extend(self.managed(u, arn, &managed));
            let boundary = self.boundary(u, arn, &managed);
            let groups = self
                .list(u, "GroupList")
                .filter_map(Value::as_str)
                .map(|g| format!("arn:aws:iam::{account}:group/{g}"))
                .collect();
            self.principals.push(PrincipalDef::User(UserDef {
                arn: arn.to_string(),
                policies,
                permissions_boundary: boundary,
                groups,
                tags: tags(u),
            }));
        }
        self.title = Some(format!("Imported account {account}"));
    }

    fn finish(self) -> Imported {
        let description =
            (!self.skipped.is_empty()).then(|| description("the AWS CLI", &self.skipped));
        Imported {
            scenario: Scenario {
                roleplay: 1,
                title: self.title,
                description,
                rules: Vec::new(),
                exam: None,
                start: None,
                organization: None,
                principals: self.principals,
                resources: Vec::new(),
                vpc_endpoints: Vec::new(),
                accounts: Default::default(),
                steps: Vec::new(),
            },
            skipped: self.skipped,
        }
    }
}

/// An imported scenario's description: a first paragraph that reads whole where only it is shown
/// (the page's lead line), then what the import left out and why.
pub(crate) fn description(source: &str, skipped: &[String]) -> String {
    let lead = match skipped.len() {
        0 => return format!("Imported from {source}."),
        1 => format!("Imported from {source}; one thing was left out."),
        n => format!("Imported from {source}; {n} things were left out."),
    };
    let list: Vec<String> = skipped.iter().map(|s| format!("- {s}")).collect();
    format!("{lead}\n\nLeft out:\n\n{}", list.join("\n"))
}
