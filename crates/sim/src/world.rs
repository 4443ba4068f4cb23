//! The world a scenario describes — users, groups, roles, identity providers, resources, the
//! organization — with every policy parsed, checked against its quotas and compiled once.

use crate::finding::ScenarioFinding;
use crate::format::{
    Attachment, Organization, PolicyDoc, PrincipalDef, PublicAccessBlock, RoleDef, Scenario, Tags,
    UserDef,
};
use crate::ids;
use roleplay_eval::CompiledPolicy;
use roleplay_policy::Code;
use roleplay_policy::{parse, Finding, ParseOptions, PolicyKind, Quota};
use std::collections::HashMap;
use std::sync::Arc;

/// One policy of the world: where it is, its text, and its compiled form when it is valid.
#[derive(Debug, Clone)]
pub struct PolicyEntry {
    pub name: String,
    pub arn: Option<String>,
    /// JSON path of the document in the scenario (`principals[2].trustPolicy`).
    pub path: String,
    pub text: String,
    pub size: usize,
    pub compiled: Option<Arc<CompiledPolicy>>,
    /// AWS's `MalformedPolicyDocument` message when the document is invalid.
    pub error: Option<String>,
    /// An S3 bucket policy that S3 Block Public Access judges public (F4.15).
    pub public: bool,
}

/// What reading one policy text produced; shared between runs through [`PolicyCache`].
#[derive(Debug)]
struct Reading {
    findings: Vec<Finding>,
    size: usize,
    compiled: Option<Arc<CompiledPolicy>>,
    error: Option<String>,
    public: bool,
}

/// Policies already parsed and compiled, by everything that decides the result (kind, owner, name, ARN,
/// account, text). The playground keeps one across runs, so a keystroke re-parses only the document
/// that changed; entries not used by the latest run are dropped.
#[derive(Debug, Default)]
pub struct PolicyCache {
    // Keys are not attacker-chosen beyond the user's own document: a fixed-seed fast hash will do.
    entries: HashMap<CacheKey, (u64, Arc<Reading>), foldhash::fast::FixedState>,
    generation: u64,
}

type CacheKey = (
    PolicyKind,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
);

impl PolicyCache {
    fn sweep(&mut self) {
        let current = self.generation;
        self.entries.retain(|_, (g, _)| *g == current);
        self.generation = current.wrapping_add(1);
    }
}

/// Findings of a world being built, and the cache it reads policies through.
pub struct Builder<'c> {
    pub findings: Vec<ScenarioFinding>,
    cache: &'c mut PolicyCache,
}

impl<'c> Builder<'c> {
    pub fn new(cache: &'c mut PolicyCache) -> Self {
        Builder {
            findings: Vec::new(),
            cache,
        }
    }

    pub fn push(&mut self, f: ScenarioFinding) {
        self.findings.push(f);
    }
}

impl PolicyEntry {
    pub fn new(
        name: &str,
        arn: Option<String>,
        kind: PolicyKind,
        path: String,
        doc: &PolicyDoc,
        (owner, account): (&str, Option<&str>),
        b: &mut Builder,
    ) -> PolicyEntry {
        let text = doc.text();
        let key: CacheKey = (
            kind,
            owner.to_string(),
            name.to_string(),
            arn.clone(),
            account.map(String::from),
            text,
        );
        let generation = b.cache.generation;
        let reading = match b.cache.entries.get_mut(&key) {
            Some((g, r)) => {
                *g = generation;
                Arc::clone(r)
            }
            None => {
                let options = ParseOptions {
                    kind: Some(kind),
                    account: account.map(String::from),
                };
                let parsed = parse(&key.5, &options);
                let bucket = kind == PolicyKind::Resource && owner.starts_with("arn:aws:s3:::");
                let reading = Arc::new(Reading {
                    public: bucket
                        && parsed
                            .valid_document()
                            .is_some_and(crate::rules::s3::is_public),
                    error: parsed
                        .first_error()
                        .map(|f| f.aws_message.clone().unwrap_or_else(|| f.message.clone())),
                    compiled: parsed.valid_document().map(|d| {
                        Arc::new(
                            CompiledPolicy::compile(d, kind, name, owner).with_arn(arn.clone()),
                        )
                    }),
                    size: parsed.size,
                    findings: parsed.findings,
                });
                b.cache
                    .entries
                    .insert(key.clone(), (generation, Arc::clone(&reading)));
                reading
            }
        };
        for f in &reading.findings {
            b.push(ScenarioFinding::from_policy(f, &path));
        }
        PolicyEntry {
            name: name.to_string(),
            arn,
            path,
            text: key.5,
            size: reading.size,
            compiled: reading.compiled.clone(),
            error: reading.error.clone(),
            public: reading.public,
        }
    }
}

#[derive(Debug, Clone)]
pub struct User {
    pub arn: String,
    pub account: String,
    pub name: String,
    pub id: String,
    pub policies: Vec<PolicyEntry>,
    pub boundary: Option<PolicyEntry>,
    pub groups: Vec<usize>,
    pub tags: Tags,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub arn: String,
    pub policies: Vec<PolicyEntry>,
}

#[derive(Debug, Clone)]
pub struct Role {
    pub arn: String,
    pub account: String,
    /// The role name without its path.
    pub name: String,
    pub id: String,
    pub trust: PolicyEntry,
    pub policies: Vec<PolicyEntry>,
    pub boundary: Option<PolicyEntry>,
    pub tags: Tags,
    pub max_session_duration: i64,
    /// A service-linked role: path `/aws-service-role/`, or marked `serviceLinked` (an alias).
    pub service_linked: bool,
    /// Only AWS may modify it: a service-linked role or an IAM Identity Center role (`/aws-reserved/`).
    pub protected: bool,
}

#[derive(Debug, Clone)]
pub struct Resource {
    pub arn: String,
    pub account: Option<String>,
    pub policy: Option<PolicyEntry>,
    pub tags: Tags,
    /// The bucket's own S3 Block Public Access (all off when not given).
    pub block_public_access: PublicAccessBlock,
    /// S3 bucket ABAC: its tags are condition keys only when on (F5.4).
    pub abac: bool,
    /// An AWS managed KMS key (F3.8).
    pub aws_managed: bool,
}

/// A VPC endpoint requests may go through; its policy is AWS's default full access when none is given.
#[derive(Debug, Clone)]
pub struct VpcEndpoint {
    pub id: String,
    pub vpc: String,
    pub account: String,
    pub service: String,
    pub policy: PolicyEntry,
}

#[derive(Debug, Clone)]
pub struct OrgPolicy {
    pub targets: Vec<String>,
    pub entry: PolicyEntry,
}

#[derive(Debug, Clone)]
pub struct Org {
    pub id: String,
    pub management: String,
    pub accounts: std::collections::BTreeMap<String, Vec<String>>,
    pub scps: Vec<OrgPolicy>,
    pub rcps: Vec<OrgPolicy>,
    /// RCPFullAWSAccess, attached at every level when RCPs are in use (it cannot be detached).
    pub rcp_full_access: Option<CompiledPolicy>,
    /// `aws:PrincipalOrgPaths`-style path (`o-…/r-…/ou-…/`) of every account in the organization.
    pub paths: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default)]
pub struct World {
    pub users: Vec<User>,
    pub groups: Vec<Group>,
    pub roles: Vec<Role>,
    pub oidc_providers: Vec<(String, Vec<String>)>,
    pub saml_providers: Vec<String>,
    pub resources: Vec<Resource>,
    pub org: Option<Org>,
    pub vpc_endpoints: Vec<VpcEndpoint>,
    /// Account-level S3 Block Public Access by account.
    pub account_block_public_access: std::collections::BTreeMap<String, PublicAccessBlock>,
    /// Users, roles, resources and managed policies by ARN: every step looks its caller, role and
    /// resource up, so lookups must not scan the world (docs/reliability.md).
    index: Index,
}

/// Where each ARN first appears in the world's lists.
#[derive(Debug, Clone, Default)]
struct Index {
    users: HashMap<String, usize>,
    roles: HashMap<String, usize>,
    resources: HashMap<String, usize>,
    managed: HashMap<String, ManagedAt>,
}

/// Where a managed policy is attached (the first place it appears): its owner and the slot,
/// `None` for the permissions boundary.
#[derive(Debug, Clone, Copy)]
enum ManagedAt {
    User(usize, Option<usize>),
    Role(usize, Option<usize>),
    Group(usize, usize),
}

impl Index {
    fn of(w: &World) -> Index {
        let by_arn = |arns: &mut dyn Iterator<Item = &String>| {
            let mut map = HashMap::new();
            for (i, arn) in arns.enumerate() {
                map.entry(arn.clone()).or_insert(i);
            }
            map
        };
        let mut managed = HashMap::new();
        let mut note = |p: &PolicyEntry, at: ManagedAt| {
            if let Some(arn) = &p.arn {
                managed.entry(arn.clone()).or_insert(at);
            }
        };
        for (i, u) in w.users.iter().enumerate() {
            u.policies
                .iter()
                .enumerate()
                .for_each(|(j, p)| note(p, ManagedAt::User(i, Some(j))));
            u.boundary
                .iter()
                .for_each(|p| note(p, ManagedAt::User(i, None)));
        }
        for (i, r) in w.roles.iter().enumerate() {
            r.policies
                .iter()
                .enumerate()
                .for_each(|(j, p)| note(p, ManagedAt::Role(i, Some(j))));
            r.boundary
                .iter()
                .for_each(|p| note(p, ManagedAt::Role(i, None)));
        }
        for (i, g) in w.groups.iter().enumerate() {
            g.policies
                .iter()
                .enumerate()
                .for_each(|(j, p)| note(p, ManagedAt::Group(i, j)));
        }
        Index {
            users: by_arn(&mut w.users.iter().map(|u| &u.arn)),
            roles: by_arn(&mut w.roles.iter().map(|r| &r.arn)),
            resources: by_arn(&mut w.resources.iter().map(|r| &r.arn)),
            managed,
        }
    }
}

/// Whether two IAM ARNs name the same user, group or role up to case and path (same account).
/// Account, kind and name of a user, group or role ARN: IAM names are unique case-insensitively
/// within an account and kind, whatever the path (§1.9).
fn name_key(arn: &str) -> Option<(&str, &str, &str)> {
    let (account, resource) = arn.strip_prefix("arn:aws:iam::")?.split_once(':')?;
    let (kind, rest) = resource.split_once('/')?;
    let name = rest.rsplit('/').next()?;
    matches!(kind, "user" | "group" | "role").then_some((account, kind, name))
}

/// Principals defined twice, and names that repeat up to letter case (§1.9: user, group and role
/// names are unique case-insensitively in an account, whatever the path). One finding per repeated
/// ARN or name, at its second definition, with the count: a hostile scenario of 18,000 copies of
/// one principal gets one finding, not 160 million (docs/reliability.md).
fn duplicates(s: &Scenario, findings: &mut Builder) {
    let mut arns: HashMap<&str, Seen> = HashMap::new();
    let mut names: HashMap<(&str, &str, String), Seen> = HashMap::new();
    for (i, p) in s.principals.iter().enumerate() {
        if arns.entry(p.arn()).or_insert_with(|| Seen::new(i)).see(i) > 1 {
            continue;
        }
        if let Some((account, kind, name)) = name_key(p.arn()) {
            let key = (account, kind, name.to_ascii_lowercase());
            names.entry(key).or_insert_with(|| Seen::new(i)).see(i);
        }
    }
    let mut repeated: Vec<_> = arns.into_iter().filter(|(_, s)| s.count > 1).collect();
    repeated.sort_unstable_by_key(|(_, seen)| seen.second);
    for (arn, seen) in repeated {
        let times = match seen.count {
            2 => "twice".to_string(),
            n => format!("{} times", crate::limits::thousands(n)),
        };
        findings.push(ScenarioFinding::error(
            Code::DuplicatePrincipal,
            format!("principals[{}].arn", seen.second),
            format!("{arn} is defined {times}."),
        ));
    }
    let mut clashes: Vec<Seen> = names.into_values().filter(|s| s.count > 1).collect();
    clashes.sort_unstable_by_key(|seen| seen.second);
    let arn = |i: usize| s.principals.get(i).map(|p| p.arn()).unwrap_or_default();
    for seen in clashes {
        let others = match seen.count {
            2 => String::new(),
            n => format!(" (and {} more)", crate::limits::thousands(n - 2)),
        };
        findings.push(ScenarioFinding::error(
            Code::DuplicateName,
            format!("principals[{}].arn", seen.second),
            format!("{} and {}{others} have the same name up to letter case; IAM names are unique case-insensitively in an account.", arn(seen.first), arn(seen.second)),
        ));
    }
}

/// The first two places a key was seen, and how often.
struct Seen {
    first: usize,
    second: usize,
    count: usize,
}

impl Seen {
    fn new(first: usize) -> Seen {
        Seen {
            first,
            second: first,
            count: 0,
        }
    }

    /// Counts one more sighting, at `i`; returns the count.
    fn see(&mut self, i: usize) -> usize {
        self.count += 1;
        if self.count == 2 {
            self.second = i;
        }
        self.count
    }
}

/// `role/path/Name` → `Name`.
fn last_name(arn: &str) -> String {
    arn.rsplit(['/', ':']).next().unwrap_or(arn).to_string()
}

impl World {
    /// Builds the world; `findings` collects what is wrong with it and holds the policy cache.
    pub fn build(s: &Scenario, findings: &mut Builder) -> World {
        let mut w = World::default();
        principals(s, &mut w, findings);
        duplicates(s, findings);
        w.resources = resources(s, findings);
        w.org = s.organization.as_ref().map(|o| organization(o, findings));
        w.vpc_endpoints = vpc_endpoints(s, findings);
        w.account_block_public_access = s
            .accounts
            .iter()
            .filter_map(|(a, settings)| Some((a.clone(), settings.s3_block_public_access?)))
            .collect();
        crate::rules::s3::default_block_public_access(&w, findings);
        findings.cache.sweep();
        w.index = Index::of(&w);
        w
    }

    pub fn vpc_endpoint(&self, id: &str) -> Option<&VpcEndpoint> {
        self.vpc_endpoints.iter().find(|e| e.id == id)
    }

    /// The S3 Block Public Access in force for a bucket: the bucket's and its account's settings,
    /// the most restrictive combination (F4.1).
    pub fn block_public_access(&self, bucket: &Resource) -> PublicAccessBlock {
        let account = bucket
            .account
            .as_ref()
            .and_then(|a| self.account_block_public_access.get(a))
            .copied()
            .unwrap_or_default();
        bucket.block_public_access.and(account)
    }

    pub fn user(&self, arn: &str) -> Option<&User> {
        self.index.users.get(arn).and_then(|&i| self.users.get(i))
    }

    pub fn role_index(&self, arn: &str) -> Option<usize> {
        self.index.roles.get(arn).copied()
    }

    /// A managed policy by ARN, wherever it is attached in the scenario (users first, then roles,
    /// then groups, as they are listed).
    pub fn managed_policy(&self, arn: &str) -> Option<&PolicyEntry> {
        match *self.index.managed.get(arn)? {
            ManagedAt::User(i, slot) => {
                let u = self.users.get(i)?;
                slot.map_or(u.boundary.as_ref(), |j| u.policies.get(j))
            }
            ManagedAt::Role(i, slot) => {
                let r = self.roles.get(i)?;
                slot.map_or(r.boundary.as_ref(), |j| r.policies.get(j))
            }
            ManagedAt::Group(i, j) => self.groups.get(i)?.policies.get(j),
        }
    }

    /// The resource whose policy governs a request on `arn`: the same ARN, or an S3 bucket for its objects.
    pub fn resource_for(&self, arn: &str) -> Option<&Resource> {
        let bucket = || {
            let rest = arn.strip_prefix("arn:aws:s3:::")?;
            let (name, _) = rest.split_once('/')?;
            arn.get(..arn.len() - rest.len() + name.len())
        };
        let at = self
            .index
            .resources
            .get(arn)
            .or_else(|| self.index.resources.get(bucket()?))?;
        self.resources.get(*at)
    }
}

/// A principal's identity-based policies, each at `{base}.policies[i].document`.
fn attachments(
    list: &[Attachment],
    base: &str,
    owner: &str,
    account: &str,
    b: &mut Builder,
) -> Vec<PolicyEntry> {
    list.iter()
        .enumerate()
        .map(|(i, a)| {
            PolicyEntry::new(
                &a.name,
                a.arn.clone(),
                PolicyKind::Identity,
                format!("{base}.policies[{i}].document"),
                &a.document,
                (owner, Some(account)),
                b,
            )
        })
        .collect()
}

/// A principal's permissions boundary, at `{base}.permissionsBoundary.document`.
fn boundary(
    a: Option<&Attachment>,
    base: &str,
    owner: &str,
    account: &str,
    b: &mut Builder,
) -> Option<PolicyEntry> {
    a.map(|a| {
        PolicyEntry::new(
            &a.name,
            a.arn.clone(),
            PolicyKind::PermissionsBoundary,
            format!("{base}.permissionsBoundary.document"),
            &a.document,
            (owner, Some(account)),
            b,
        )
    })
}

/// Principals: groups first, so users can refer to them (by ARN, through a map: linear in principals),
/// then users, roles and identity providers in their order.
fn principals(s: &Scenario, w: &mut World, findings: &mut Builder) {
    let mut group_index: HashMap<&str, usize> = HashMap::new();
    for (i, p) in s.principals.iter().enumerate() {
        if let PrincipalDef::Group(g) = p {
            let base = format!("principals[{i}]");
            let account = roleplay_policy::arn::account(&g.arn)
                .unwrap_or_default()
                .to_string();
            let policies = attachments(&g.policies, &base, &g.arn, &account, findings);
            inline_quota(&policies, Quota::GROUP_INLINE, &base, findings);
            group_index.entry(&g.arn).or_insert(w.groups.len());
            w.groups.push(Group {
                arn: g.arn.clone(),
                policies,
            });
        }
    }
    for (i, p) in s.principals.iter().enumerate() {
        let base = format!("principals[{i}]");
        match p {
            PrincipalDef::User(u) => w.users.push(user(u, &group_index, &base, findings)),
            PrincipalDef::Role(r) => w.roles.push(role(r, &base, findings)),
            PrincipalDef::OidcProvider(o) => {
                w.oidc_providers.push((o.arn.clone(), o.audiences.clone()))
            }
            PrincipalDef::SamlProvider(p) => w.saml_providers.push(p.arn.clone()),
            PrincipalDef::Group(_) => {}
        }
        let tags = match p {
            PrincipalDef::User(u) => u.tags.len(),
            PrincipalDef::Role(r) => r.tags.len(),
            _ => 0,
        };
        if tags > 50 {
            findings.push(ScenarioFinding::error(
                Code::QuotaTagsPerPrincipal,
                format!("{base}.tags"),
                format!("{tags} tags; the quota \"Tags per IAM user or role\" is 50."),
            ));
        }
    }
}

fn user(
    u: &UserDef,
    group_index: &HashMap<&str, usize>,
    base: &str,
    findings: &mut Builder,
) -> User {
    let account = roleplay_policy::arn::account(&u.arn)
        .unwrap_or_default()
        .to_string();
    let groups = u
        .groups
        .iter()
        .enumerate()
        .filter_map(|(gi, g)| {
            let found = group_index.get(g.as_str()).copied();
            if found.is_none() {
                findings.push(ScenarioFinding::warning(
                    Code::UnknownGroup,
                    format!("{base}.groups[{gi}]"),
                    format!(
                        "Group {g} is not defined in principals; its policies are not applied."
                    ),
                ));
            }
            found
        })
        .collect();
    let user = User {
        name: last_name(&u.arn),
        id: ids::unique_id("AIDA", &u.arn),
        policies: attachments(&u.policies, base, &u.arn, &account, findings),
        boundary: boundary(
            u.permissions_boundary.as_ref(),
            base,
            &u.arn,
            &account,
            findings,
        ),
        arn: u.arn.clone(),
        account,
        groups,
        tags: u.tags.clone(),
    };
    inline_quota(&user.policies, Quota::USER_INLINE, base, findings);
    user
}

fn role(r: &RoleDef, base: &str, findings: &mut Builder) -> Role {
    let account = roleplay_policy::arn::account(&r.arn)
        .unwrap_or_default()
        .to_string();
    let trust = PolicyEntry::new(
        "trust policy",
        None,
        PolicyKind::Trust,
        format!("{base}.trustPolicy"),
        &r.trust_policy,
        (&r.arn, Some(&account)),
        findings,
    );
    if trust.size > Quota::TRUST.limit {
        findings.push(ScenarioFinding::quota(
            &format!("{base}.trustPolicy"),
            Quota::TRUST,
            trust.size,
        ));
    }
    let max = r.max_session_duration.unwrap_or(3600);
    if !(3600..=43200).contains(&max) {
        findings.push(ScenarioFinding::error(Code::MaxSessionDurationRange, format!("{base}.maxSessionDuration"), format!("maxSessionDuration must be 3600–43200 seconds (1–12 hours); {max} is out of range.")));
    }
    let role = Role {
        name: last_name(&r.arn),
        id: ids::unique_id("AROA", &r.arn),
        trust,
        policies: attachments(&r.policies, base, &r.arn, &account, findings),
        boundary: boundary(
            r.permissions_boundary.as_ref(),
            base,
            &r.arn,
            &account,
            findings,
        ),
        tags: r.tags.clone(),
        max_session_duration: max,
        service_linked: r.service_linked.unwrap_or(false)
            || role_path(&r.arn, "/aws-service-role/"),
        protected: r.service_linked.unwrap_or(false)
            || role_path(&r.arn, "/aws-service-role/")
            || role_path(&r.arn, "/aws-reserved/"),
        arn: r.arn.clone(),
        account,
    };
    inline_quota(&role.policies, Quota::ROLE_INLINE, base, findings);
    role_limits(r, &role, base, findings);
    role
}

/// Managed policies per role, the role name's characters and the console's path length.
fn role_limits(r: &RoleDef, role: &Role, base: &str, findings: &mut Builder) {
    let managed = r.policies.iter().filter(|a| !a.is_inline()).count();
    if managed > 10 {
        findings.push(ScenarioFinding::error(Code::QuotaManagedPoliciesPerRole, format!("{base}.policies"), format!("{managed} managed policies are attached; the quota \"Managed policies attached per role\" is 10.")));
    }
    let name_len = r
        .arn
        .split(":role")
        .nth(1)
        .map(|p| p.trim_start_matches('/').len())
        .unwrap_or(0);
    if role.name.len() > 64
        || !role
            .name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c))
    {
        findings.push(ScenarioFinding::error(
            Code::InvalidRoleName,
            format!("{base}.arn"),
            format!(
                "Role name \"{}\" must be 1–64 characters of letters, digits and + = , . @ _ -.",
                role.name
            ),
        ));
    } else if name_len > 64 {
        findings.push(ScenarioFinding::warning(Code::RolePathTooLongForSwitchRole, format!("{base}.arn"), "Path and role name together exceed 64 characters: the console's Switch Role cannot use this role.".into()));
    }
}

/// Resources with their owning account and resource-based policy.
fn resources(s: &Scenario, findings: &mut Builder) -> Vec<Resource> {
    let mut out = Vec::with_capacity(s.resources.len());
    for (i, r) in s.resources.iter().enumerate() {
        let base = format!("resources[{i}]");
        let account = r.account.clone().or_else(|| {
            Some(
                roleplay_policy::arn::account(&r.arn)
                    .unwrap_or_default()
                    .to_string(),
            )
            .filter(|a| !a.is_empty())
        });
        if r.policy.is_some() && account.is_none() {
            findings.push(ScenarioFinding::warning(Code::ResourceAccountMissing, format!("{base}.account"), format!("{} carries no account in its ARN: give \"account\" so same- and cross-account requests are told apart.", r.arn)));
        }
        out.push(Resource {
            policy: r.policy.as_ref().map(|d| {
                PolicyEntry::new(
                    "resource policy",
                    None,
                    PolicyKind::Resource,
                    format!("{base}.policy"),
                    d,
                    (&r.arn, account.as_deref()),
                    findings,
                )
            }),
            arn: r.arn.clone(),
            account,
            tags: r.tags.clone(),
            block_public_access: r.s3_block_public_access.unwrap_or_default(),
            abac: r.abac.unwrap_or(false),
            aws_managed: r.aws_managed.unwrap_or(false),
        });
    }
    out
}

/// Whether a role ARN's path starts with `prefix` (`/aws-service-role/`, `/aws-reserved/`).
pub fn role_path(arn: &str, prefix: &str) -> bool {
    arn.split_once(":role")
        .is_some_and(|(_, path)| path.starts_with(prefix))
}

/// AWS's default endpoint policy: full access (F6.3).
const FULL_ACCESS: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#;

/// VPC endpoints with their policies (F6.1–F6.3).
fn vpc_endpoints(s: &Scenario, findings: &mut Builder) -> Vec<VpcEndpoint> {
    let default = PolicyDoc::Text(FULL_ACCESS.into());
    s.vpc_endpoints
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let path = format!("vpcEndpoints[{i}].policy");
            let name = if e.policy.is_some() {
                "VPC endpoint policy"
            } else {
                "default VPC endpoint policy (full access)"
            };
            let before = findings.findings.len();
            let policy = PolicyEntry::new(
                name,
                None,
                PolicyKind::VpcEndpoint,
                path.clone(),
                e.policy.as_ref().unwrap_or(&default),
                (&e.id, Some(&e.account)),
                findings,
            );
            if e.policy.is_none() {
                // The default policy is AWS's, not the scenario's: its findings are not reported.
                findings.findings.truncate(before);
            }
            if policy.size > Quota::VPC_ENDPOINT.limit {
                findings.push(ScenarioFinding::quota(
                    &path,
                    Quota::VPC_ENDPOINT,
                    policy.size,
                ));
            }
            VpcEndpoint {
                id: e.id.clone(),
                vpc: e.vpc.clone(),
                account: e.account.clone(),
                service: e.service.clone(),
                policy,
            }
        })
        .collect()
}

/// The organization: SCPs and RCPs with their targets, and every account's OU path.
fn organization(o: &Organization, findings: &mut Builder) -> Org {
    let scps = org_policies(o, &o.scps, "scps", PolicyKind::ServiceControl, findings);
    let rcps = org_policies(o, &o.rcps, "rcps", PolicyKind::ResourceControl, findings);
    let rcp_full_access = (!rcps.is_empty()).then(rcp_full_access);
    let root = format!(
        "r-{}",
        o.id.trim_start_matches("o-")
            .chars()
            .take(4)
            .collect::<String>()
    );
    let mut paths = std::collections::BTreeMap::new();
    let no_ous = Vec::new();
    let management = std::iter::once((&o.management_account, &no_ous));
    for (account, ous) in o.accounts.iter().chain(management) {
        let mut path = format!("{}/{root}/", o.id);
        for ou in ous {
            path.push_str(ou);
            path.push('/');
        }
        paths.entry(account.clone()).or_insert(path);
    }
    Org {
        paths,
        id: o.id.clone(),
        management: o.management_account.clone(),
        accounts: o.accounts.clone(),
        scps,
        rcps,
        rcp_full_access: rcp_full_access.flatten(),
    }
}

fn org_policies(
    o: &Organization,
    list: &[crate::format::OrgPolicy],
    field: &str,
    kind: PolicyKind,
    findings: &mut Builder,
) -> Vec<OrgPolicy> {
    list.iter()
        .enumerate()
        .map(|(i, p)| {
            let path = format!("organization.{field}[{i}]");
            let entry = PolicyEntry::new(
                &p.name,
                None,
                kind,
                format!("{path}.document"),
                &p.document,
                (&o.id, None),
                findings,
            );
            if entry.size > Quota::ORGANIZATIONS.limit {
                findings.push(ScenarioFinding::quota(
                    &format!("{path}.document"),
                    Quota::ORGANIZATIONS,
                    entry.size,
                ));
            }
            OrgPolicy {
                targets: p.targets.clone(),
                entry,
            }
        })
        .collect()
}

fn inline_quota(policies: &[PolicyEntry], quota: Quota, base: &str, findings: &mut Builder) {
    let total: usize = policies
        .iter()
        .filter(|p| p.arn.is_none())
        .map(|p| p.size)
        .sum();
    if total > quota.limit {
        findings.push(ScenarioFinding::quota(
            &format!("{base}.policies"),
            quota,
            total,
        ));
    }
    for (i, p) in policies.iter().enumerate() {
        if p.arn.is_some() && p.size > Quota::MANAGED.limit {
            findings.push(ScenarioFinding::quota(
                &format!("{base}.policies[{i}].document"),
                Quota::MANAGED,
                p.size,
            ));
        }
    }
}

fn rcp_full_access() -> Option<CompiledPolicy> {
    let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#;
    let parsed = parse(text, &ParseOptions::kind(PolicyKind::ResourceControl));
    parsed.valid_document().map(|d| {
        CompiledPolicy::compile(
            d,
            PolicyKind::ResourceControl,
            "RCPFullAWSAccess",
            "every level",
        )
    })
}
