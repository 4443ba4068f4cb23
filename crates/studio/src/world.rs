//! The world tabs' model: what each tab lists, the things "+ Add" creates, and the edits its forms
//! make to principals, resources, the organization and session policies.
//!
//! Pure functions over `roleplay_sim` types; no DOM, so everything here is tested natively. Every
//! document the forms create or edit is stored as text (`PolicyDoc::Text`), byte for byte.

use crate::scenario::{arn_account, arn_name};
use roleplay_sim::{
    Attachment, CallerDef, GroupDef, OidcProviderDef, OrgPolicy, Organization, PolicyArn,
    PolicyDoc, PrincipalDef, ResourceDef, RoleDef, SamlProviderDef, Scenario, ScenarioFinding,
    Step, StsParams, UserDef,
};
use serde_json::json;

/// The account new things go in when the scenario names none.
pub const DEFAULT_ACCOUNT: &str = "111122223333";

/// A policy document as pretty-printed text.
fn doc(v: &serde_json::Value) -> PolicyDoc {
    PolicyDoc::Text(serde_json::to_string_pretty(v).unwrap_or_default())
}

pub(crate) fn statement(s: serde_json::Value) -> PolicyDoc {
    doc(&json!({ "Version": "2012-10-17", "Statement": [s] }))
}

/// `base`, or `base-2`, `base-3`, … : the first that `used` does not know.
pub(crate) fn fresh(base: &str, used: impl Fn(&str) -> bool) -> String {
    if !used(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|c| !used(c))
        .unwrap_or_else(|| base.to_owned())
}

/// The account new things go in: the first principal's, else the first resource's.
pub fn home_account(s: &Scenario) -> String {
    s.principals
        .iter()
        .map(|p| arn_account(p.arn()))
        .chain(s.resources.iter().filter_map(|r| r.account.as_deref()))
        .find(|a| !a.is_empty())
        .unwrap_or(DEFAULT_ACCOUNT)
        .to_owned()
}

/// Every account the scenario mentions (principals, resources), in order of appearance.
pub fn accounts(s: &Scenario) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let found = s
        .principals
        .iter()
        .map(|p| arn_account(p.arn()).to_owned())
        .chain(s.resources.iter().map(|r| {
            r.account
                .clone()
                .unwrap_or_else(|| arn_account(&r.arn).to_owned())
        }));
    for a in found {
        if !a.is_empty() && !out.contains(&a) {
            out.push(a);
        }
    }
    out
}

// ---- Principals -------------------------------------------------------------------------------

/// The kinds of principal the Principals and Identity providers tabs add.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewPrincipal {
    User,
    Group,
    Role,
    Oidc,
    Saml,
}

fn arn_used(s: &Scenario, arn: &str) -> bool {
    s.principals.iter().any(|p| p.arn() == arn)
}

/// A new principal of `kind` with a name not used yet, in the home account.
pub fn new_principal(s: &Scenario, kind: NewPrincipal) -> PrincipalDef {
    let account = home_account(s);
    let arn = |what: &str, base: &str| {
        let prefix = format!("arn:aws:iam::{account}:{what}/");
        let name = fresh(base, |n| arn_used(s, &format!("{prefix}{n}")));
        format!("{prefix}{name}")
    };
    match kind {
        NewPrincipal::User => PrincipalDef::User(UserDef {
            arn: arn("user", "new-user"),
            policies: Vec::new(),
            permissions_boundary: None,
            groups: Vec::new(),
            tags: Default::default(),
        }),
        NewPrincipal::Group => PrincipalDef::Group(GroupDef {
            arn: arn("group", "new-group"),
            policies: Vec::new(),
        }),
        NewPrincipal::Role => PrincipalDef::Role(RoleDef {
            arn: arn("role", "NewRole"),
            trust_policy: trust_document(&account),
            policies: Vec::new(),
            permissions_boundary: None,
            tags: Default::default(),
            max_session_duration: None,
            service_linked: None,
        }),
        NewPrincipal::Oidc => {
            let github = "token.actions.githubusercontent.com";
            let base = if arn_used(s, &format!("arn:aws:iam::{account}:oidc-provider/{github}")) {
                "oidc.example.com"
            } else {
                github
            };
            PrincipalDef::OidcProvider(OidcProviderDef {
                arn: arn("oidc-provider", base),
                audiences: vec!["sts.amazonaws.com".to_owned()],
            })
        }
        NewPrincipal::Saml => PrincipalDef::SamlProvider(SamlProviderDef {
            arn: arn("saml-provider", "NewIdP"),
        }),
    }
}

/// A trust policy that lets the account's own principals (with IAM permission) assume the role.
pub fn trust_document(account: &str) -> PolicyDoc {
    statement(json!({
        "Effect": "Allow",
        "Principal": { "AWS": format!("arn:aws:iam::{account}:root") },
        "Action": "sts:AssumeRole"
    }))
}

/// Whether the principal is a user, group or role (the Principals tab), or a provider.
pub fn is_identity(p: &PrincipalDef) -> bool {
    matches!(
        p,
        PrincipalDef::User(_) | PrincipalDef::Group(_) | PrincipalDef::Role(_)
    )
}

pub fn is_provider(p: &PrincipalDef) -> bool {
    !is_identity(p)
}

/// Users and roles: the principals a permissions boundary can be set on.
pub fn takes_boundary(p: &PrincipalDef) -> bool {
    matches!(p, PrincipalDef::User(_) | PrincipalDef::Role(_))
}

/// What kind of principal, in the words the tabs use.
pub fn kind_word(p: &PrincipalDef) -> &'static str {
    match p {
        PrincipalDef::User(_) => "user",
        PrincipalDef::Group(_) => "group",
        PrincipalDef::Role(_) => "role",
        PrincipalDef::OidcProvider(_) => "OIDC provider",
        PrincipalDef::SamlProvider(_) => "SAML provider",
    }
}

/// The name lists show: the ARN's last segment; for an OIDC provider, its host.
pub fn display_name(p: &PrincipalDef) -> String {
    match p {
        PrincipalDef::OidcProvider(o) => o
            .arn
            .split_once(":oidc-provider/")
            .map_or_else(|| arn_name(&o.arn).to_owned(), |(_, h)| h.to_owned()),
        _ => arn_name(p.arn()).to_owned(),
    }
}

fn arn_mut(p: &mut PrincipalDef) -> &mut String {
    match p {
        PrincipalDef::User(u) => &mut u.arn,
        PrincipalDef::Group(g) => &mut g.arn,
        PrincipalDef::Role(r) => &mut r.arn,
        PrincipalDef::OidcProvider(o) => &mut o.arn,
        PrincipalDef::SamlProvider(x) => &mut x.arn,
    }
}

/// Renames principal `i`. The scenario's structured references to it follow — group memberships,
/// callers, `RoleArn`, `PrincipalArn`, `revokeSessions`, inline sessions' roles, SAML callers'
/// providers — as long as both names are unambiguous (policy texts are left as typed).
pub fn rename_principal(s: &mut Scenario, i: usize, arn: String) {
    let Some(old) = s.principals.get(i).map(|p| p.arn().to_owned()) else {
        return;
    };
    let unambiguous = s
        .principals
        .iter()
        .enumerate()
        .all(|(j, p)| j == i || (p.arn() != old && p.arn() != arn));
    if unambiguous && !old.is_empty() {
        rename_references(s, &old, &arn);
    }
    if let Some(p) = s.principals.get_mut(i) {
        *arn_mut(p) = arn;
    }
}

fn rename_references(s: &mut Scenario, old: &str, new: &str) {
    let follow = |slot: &mut String| {
        if slot == old {
            new.clone_into(slot);
        }
    };
    for p in &mut s.principals {
        if let PrincipalDef::User(u) = p {
            u.groups.iter_mut().for_each(follow);
        }
    }
    for st in &mut s.steps {
        match &mut st.caller {
            Some(CallerDef::Ref(r)) => follow(r),
            Some(CallerDef::Object(o)) => {
                if let Some(session) = o.session.as_mut() {
                    follow(&mut session.role);
                }
                if let Some(saml) = o.saml.as_mut() {
                    follow(&mut saml.provider);
                }
            }
            None => {}
        }
        if let Some(params) = st.params.as_mut() {
            params.role_arn.iter_mut().for_each(follow);
            params.principal_arn.iter_mut().for_each(follow);
        }
        st.revoke_sessions.iter_mut().for_each(follow);
    }
}

pub fn policies(p: &PrincipalDef) -> &[Attachment] {
    match p {
        PrincipalDef::User(u) => &u.policies,
        PrincipalDef::Group(g) => &g.policies,
        PrincipalDef::Role(r) => &r.policies,
        _ => &[],
    }
}

pub fn policies_mut(p: &mut PrincipalDef) -> Option<&mut Vec<Attachment>> {
    match p {
        PrincipalDef::User(u) => Some(&mut u.policies),
        PrincipalDef::Group(g) => Some(&mut g.policies),
        PrincipalDef::Role(r) => Some(&mut r.policies),
        _ => None,
    }
}

pub fn boundary(p: &PrincipalDef) -> Option<&Attachment> {
    match p {
        PrincipalDef::User(u) => u.permissions_boundary.as_ref(),
        PrincipalDef::Role(r) => r.permissions_boundary.as_ref(),
        _ => None,
    }
}

pub fn boundary_mut(p: &mut PrincipalDef) -> Option<&mut Option<Attachment>> {
    match p {
        PrincipalDef::User(u) => Some(&mut u.permissions_boundary),
        PrincipalDef::Role(r) => Some(&mut r.permissions_boundary),
        _ => None,
    }
}

pub fn tags_mut(p: &mut PrincipalDef) -> Option<&mut roleplay_sim::Tags> {
    match p {
        PrincipalDef::User(u) => Some(&mut u.tags),
        PrincipalDef::Role(r) => Some(&mut r.tags),
        _ => None,
    }
}

/// A new identity policy for `p`, named so it does not clash with the ones it has.
pub fn new_policy(p: &PrincipalDef) -> Attachment {
    let existing = policies(p);
    Attachment {
        name: fresh("NewPolicy", |n| existing.iter().any(|a| a.name == n)),
        document: statement(json!({
            "Effect": "Allow",
            "Action": "s3:ListAllMyBuckets",
            "Resource": "*"
        })),
        arn: None,
        inline: None,
    }
}

/// A permissions boundary that caps the principal at S3 (it grants nothing by itself).
pub fn new_boundary() -> Attachment {
    Attachment {
        name: "Boundary".to_owned(),
        document: statement(json!({ "Effect": "Allow", "Action": "s3:*", "Resource": "*" })),
        arn: None,
        inline: None,
    }
}

/// One change a policy attachment's form makes.
#[derive(Debug, Clone, PartialEq)]
pub enum AttachmentChange {
    Name(String),
    Document(String),
    /// Managed (with an ARN in `account`) or inline.
    Managed(bool, String),
    Arn(String),
}

pub fn apply(a: &mut Attachment, change: AttachmentChange) {
    match change {
        AttachmentChange::Name(n) => a.name = n,
        AttachmentChange::Document(t) => a.document = PolicyDoc::Text(t),
        AttachmentChange::Managed(true, account) => {
            if a.arn.is_none() {
                a.arn = Some(format!("arn:aws:iam::{account}:policy/{}", a.name));
            }
            a.inline = None;
        }
        AttachmentChange::Managed(false, _) => {
            a.arn = None;
            a.inline = None;
        }
        AttachmentChange::Arn(arn) => a.arn = Some(arn),
    }
}

/// Managed policy ARNs attached anywhere in the world (what a session's PolicyArns can name).
pub fn managed_arns(s: &Scenario) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in &s.principals {
        for a in policies(p).iter().chain(boundary(p)) {
            if let Some(arn) = &a.arn {
                if !out.contains(arn) {
                    out.push(arn.clone());
                }
            }
        }
    }
    out
}

/// Users whose `groups` name this group.
pub fn members(s: &Scenario, group: &str) -> Vec<String> {
    s.principals
        .iter()
        .filter_map(|p| match p {
            PrincipalDef::User(u) if u.groups.iter().any(|g| g == group) => {
                Some(arn_name(&u.arn).to_owned())
            }
            _ => None,
        })
        .collect()
}

// ---- Resources --------------------------------------------------------------------------------

/// A new S3 bucket in the home account with a policy that lets that account read its objects.
pub fn new_resource(s: &Scenario) -> ResourceDef {
    let name = fresh("new-bucket", |n| {
        s.resources
            .iter()
            .any(|r| r.arn == format!("arn:aws:s3:::{n}"))
    });
    let arn = format!("arn:aws:s3:::{name}");
    let account = home_account(s);
    ResourceDef {
        policy: Some(resource_document(&arn, &account)),
        arn,
        account: Some(account),
        tags: Default::default(),
        s3_block_public_access: None,
        abac: None,
        aws_managed: None,
    }
}

/// A resource policy granting `account` a typical read of the resource.
pub fn resource_document(arn: &str, account: &str) -> PolicyDoc {
    let service = roleplay_policy::arn::service(arn).unwrap_or_default();
    let (action, resource) = match service {
        "s3" => ("s3:GetObject".to_owned(), format!("{arn}/*")),
        "kms" => ("kms:Decrypt".to_owned(), "*".to_owned()),
        "sqs" => ("sqs:SendMessage".to_owned(), arn.to_owned()),
        "lambda" => ("lambda:InvokeFunction".to_owned(), arn.to_owned()),
        "" => ("s3:GetObject".to_owned(), arn.to_owned()),
        other => (format!("{other}:*"), arn.to_owned()),
    };
    statement(json!({
        "Effect": "Allow",
        "Principal": { "AWS": format!("arn:aws:iam::{account}:root") },
        "Action": action,
        "Resource": resource
    }))
}

/// Whether the ARN carries no account (S3), so the resource needs `account`.
pub fn needs_account(arn: &str) -> bool {
    arn_account(arn).is_empty()
}

// ---- Organization -----------------------------------------------------------------------------

/// The SCP AWS attaches to the root and to every new OU and account.
pub const FULL_ACCESS: &str = "FullAWSAccess";

/// As AWS does: a new OU or account gets `FullAWSAccess` (when the organization still has it), so
/// adding one does not silently deny everything below it.
fn attach_full_access(org: &mut Organization, target: &str) {
    if let Some(full) = org.scps.iter_mut().find(|p| p.name == FULL_ACCESS) {
        if !full.targets.iter().any(|t| t == target) {
            full.targets.push(target.to_owned());
        }
    }
}

/// Adds a member account directly under the root.
pub fn add_member(org: &mut Organization, account: String) {
    attach_full_access(org, &account);
    org.accounts.insert(account, Vec::new());
}

/// Moves an account to the OU path typed (`ou-a / ou-b`); new OUs get `FullAWSAccess`.
pub fn set_ou_path(org: &mut Organization, account: &str, text: &str) {
    let path = parse_ou_path(text);
    let known: Vec<String> = org.accounts.values().flatten().cloned().collect();
    for ou in path.iter().filter(|ou| !known.contains(ou)) {
        attach_full_access(org, ou);
    }
    if let Some(slot) = org.accounts.get_mut(account) {
        *slot = path;
    }
}

/// An organization over every account the scenario mentions, each directly under the root, with
/// AWS's default `FullAWSAccess` SCP on the root and every account (so nothing changes until an
/// SCP denies: SCPs must allow at every level from the root to the account).
pub fn new_organization(s: &Scenario) -> Organization {
    let members = accounts(s);
    let management = ["999988887777", "999999999999", "123456789012"]
        .into_iter()
        .find(|a| !members.iter().any(|m| m == a))
        .unwrap_or("999988887777")
        .to_owned();
    let mut org = Organization {
        id: "o-a1b2c3d4e5".to_owned(),
        management_account: management,
        accounts: Default::default(),
        scps: vec![OrgPolicy {
            name: FULL_ACCESS.to_owned(),
            targets: vec!["root".to_owned()],
            document: statement(json!({ "Effect": "Allow", "Action": "*", "Resource": "*" })),
        }],
        rcps: Vec::new(),
    };
    for a in members {
        add_member(&mut org, a);
    }
    org
}

/// SCP or RCP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgKind {
    Scp,
    Rcp,
}

impl OrgKind {
    pub fn word(self) -> &'static str {
        match self {
            OrgKind::Scp => "SCP",
            OrgKind::Rcp => "RCP",
        }
    }

    pub fn list(self, org: &Organization) -> &[OrgPolicy] {
        match self {
            OrgKind::Scp => &org.scps,
            OrgKind::Rcp => &org.rcps,
        }
    }

    pub fn list_mut(self, org: &mut Organization) -> &mut Vec<OrgPolicy> {
        match self {
            OrgKind::Scp => &mut org.scps,
            OrgKind::Rcp => &mut org.rcps,
        }
    }
}

/// A new SCP or RCP on the root, with a common guard-rail as its text.
pub fn new_org_policy(org: &Organization, kind: OrgKind) -> OrgPolicy {
    let (base, document) = match kind {
        OrgKind::Scp => (
            "DenyLeaveOrganization",
            statement(json!({
                "Effect": "Deny",
                "Action": "organizations:LeaveOrganization",
                "Resource": "*"
            })),
        ),
        OrgKind::Rcp => (
            "EnforceSecureTransport",
            statement(json!({
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:*",
                "Resource": "*",
                "Condition": { "BoolIfExists": { "aws:SecureTransport": "false" } }
            })),
        ),
    };
    let list = kind.list(org);
    OrgPolicy {
        name: fresh(base, |n| list.iter().any(|p| p.name == n)),
        targets: vec!["root".to_owned()],
        document,
    }
}

/// An account not in the organization yet: one the scenario mentions, else a made-up one.
pub fn new_member_account(s: &Scenario, org: &Organization) -> String {
    let taken = |a: &str| org.accounts.contains_key(a) || org.management_account == a;
    accounts(s)
        .into_iter()
        .find(|a| !taken(a))
        .unwrap_or_else(|| {
            (1..)
                .map(|n: u64| format!("{:012}", 210_987_654_321 + n * 1_111_111))
                .find(|a| !taken(a))
                .unwrap_or_default()
        })
}

/// An OU path as typed (`ou-ab12-prod / ou-ab12-web`), split into OU ids.
pub fn parse_ou_path(text: &str) -> Vec<String> {
    text.split(['/', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// What an SCP or RCP can target: the root, every OU on an account's path, every account.
/// (target, what it is)
pub fn targets(org: &Organization) -> Vec<(String, &'static str)> {
    let mut out = vec![("root".to_owned(), "root")];
    for path in org.accounts.values() {
        for ou in path {
            if !out.iter().any(|(t, _)| t == ou) {
                out.push((ou.clone(), "OU"));
            }
        }
    }
    for account in org.accounts.keys() {
        out.push((account.clone(), "account"));
    }
    out
}

/// One row of the organization's tree: the root, an OU or an account, at its depth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeRow {
    pub depth: usize,
    pub target: String,
    pub kind: &'static str,
    /// The SCPs and RCPs that name this node as a target.
    pub policies: Vec<String>,
}

/// The root, its OUs and accounts, depth first (OUs before accounts at each level).
pub fn tree(org: &Organization) -> Vec<TreeRow> {
    let attached = |target: &str| -> Vec<String> {
        OrgKind::Scp
            .list(org)
            .iter()
            .map(|p| (p, "SCP"))
            .chain(OrgKind::Rcp.list(org).iter().map(|p| (p, "RCP")))
            .filter(|(p, _)| p.targets.iter().any(|t| t == target))
            .map(|(p, kind)| format!("{kind} {}", p.name))
            .collect()
    };
    let mut rows = vec![TreeRow {
        depth: 0,
        target: "root".to_owned(),
        kind: "root",
        policies: attached("root"),
    }];
    fn walk(
        org: &Organization,
        prefix: &[String],
        rows: &mut Vec<TreeRow>,
        attached: &dyn Fn(&str) -> Vec<String>,
    ) {
        let depth = prefix.len() + 1;
        let mut ous: Vec<&String> = Vec::new();
        for path in org.accounts.values() {
            if path.len() > prefix.len() && path.starts_with(prefix) {
                if let Some(next) = path.get(prefix.len()) {
                    if !ous.contains(&next) {
                        ous.push(next);
                    }
                }
            }
        }
        for ou in ous {
            rows.push(TreeRow {
                depth,
                target: ou.clone(),
                kind: "OU",
                policies: attached(ou),
            });
            let mut deeper = prefix.to_vec();
            deeper.push(ou.clone());
            walk(org, &deeper, rows, attached);
        }
        for (account, path) in &org.accounts {
            if path.as_slice() == prefix {
                rows.push(TreeRow {
                    depth,
                    target: account.clone(),
                    kind: "account",
                    policies: attached(account),
                });
            }
        }
    }
    walk(org, &[], &mut rows, &attached);
    rows
}

// ---- Session policies -------------------------------------------------------------------------

/// Where a step's session policies live: the STS call's `Policy`/`PolicyArns` parameters, or the
/// inline session object of a step's caller (`as: {"session": …}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionSlot {
    Params,
    Caller,
}

/// Steps that carry session policies, with where.
pub fn session_steps(s: &Scenario) -> Vec<(usize, SessionSlot)> {
    s.steps
        .iter()
        .enumerate()
        .filter_map(|(i, st)| {
            if st
                .action
                .as_deref()
                .is_some_and(|a| a.starts_with("sts:AssumeRole"))
            {
                Some((i, SessionSlot::Params))
            } else if inline_session(st).is_some() {
                Some((i, SessionSlot::Caller))
            } else {
                None
            }
        })
        .collect()
}

fn inline_session(st: &Step) -> Option<&roleplay_sim::SessionDef> {
    match &st.caller {
        Some(CallerDef::Object(o)) => o.session.as_ref(),
        _ => None,
    }
}

fn inline_session_mut(st: &mut Step) -> Option<&mut roleplay_sim::SessionDef> {
    match &mut st.caller {
        Some(CallerDef::Object(o)) => o.session.as_mut(),
        _ => None,
    }
}

pub fn session_policy(st: &Step, slot: SessionSlot) -> Option<&PolicyDoc> {
    match slot {
        SessionSlot::Params => st.params.as_ref()?.policy.as_ref(),
        SessionSlot::Caller => inline_session(st)?.policy.as_ref(),
    }
}

pub fn session_policy_arns(st: &Step, slot: SessionSlot) -> Vec<String> {
    let arns = match slot {
        SessionSlot::Params => st.params.as_ref().and_then(|p| p.policy_arns.as_deref()),
        SessionSlot::Caller => inline_session(st).map(|x| x.policy_arns.as_slice()),
    };
    arns.unwrap_or_default()
        .iter()
        .map(|a| a.arn.clone())
        .collect()
}

/// Sets (or with `None` removes) the session policy text.
pub fn set_session_policy(st: &mut Step, slot: SessionSlot, text: Option<String>) {
    let doc = text.map(PolicyDoc::Text);
    match slot {
        SessionSlot::Params => {
            let params = st.params.get_or_insert_with(StsParams::default);
            params.policy = doc;
        }
        SessionSlot::Caller => {
            if let Some(session) = inline_session_mut(st) {
                session.policy = doc;
            }
        }
    }
}

/// Sets the managed session policy ARNs; none removes the parameter.
pub fn set_session_policy_arns(st: &mut Step, slot: SessionSlot, arns: Vec<String>) {
    let arns: Vec<PolicyArn> = arns.into_iter().map(|arn| PolicyArn { arn }).collect();
    match slot {
        SessionSlot::Params => {
            let params = st.params.get_or_insert_with(StsParams::default);
            params.policy_arns = (!arns.is_empty()).then_some(arns);
        }
        SessionSlot::Caller => {
            if let Some(session) = inline_session_mut(st) {
                session.policy_arns = arns;
            }
        }
    }
}

/// A session policy that narrows the session to reading one bucket's objects.
pub fn new_session_policy() -> String {
    serde_json::to_string_pretty(&json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::reports-bucket/*"
        }]
    }))
    .unwrap_or_default()
}

// ---- Findings ---------------------------------------------------------------------------------

/// The run's findings about the thing at `path` (`principals[2]`, `resources[0]`, …) and inside it.
pub fn findings_under<'a>(
    findings: &'a [ScenarioFinding],
    path: &'a str,
) -> impl Iterator<Item = &'a ScenarioFinding> + 'a {
    findings.iter().filter(move |f| {
        f.path
            .strip_prefix(path)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::default_scenario;

    fn gallery(name: &str) -> Scenario {
        let text = crate::scenario::GALLERY
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| *t)
            .expect("a gallery scenario");
        roleplay_sim::read(text).expect("it reads")
    }

    #[test]
    fn new_principals_get_fresh_names_in_the_home_account() {
        let mut s = default_scenario();
        let user = new_principal(&s, NewPrincipal::User);
        assert_eq!(user.arn(), "arn:aws:iam::111122223333:user/new-user");
        s.principals.push(user);
        assert_eq!(
            new_principal(&s, NewPrincipal::User).arn(),
            "arn:aws:iam::111122223333:user/new-user-2"
        );
        let role = new_principal(&s, NewPrincipal::Role);
        let PrincipalDef::Role(r) = &role else {
            panic!("a role")
        };
        assert!(r
            .trust_policy
            .text()
            .contains("arn:aws:iam::111122223333:root"));
        s.principals.push(new_principal(&s, NewPrincipal::Oidc));
        assert_eq!(
            display_name(&new_principal(&s, NewPrincipal::Oidc)),
            "oidc.example.com"
        );
        // Everything the forms create runs without read errors or policy errors.
        s.principals.push(role);
        s.principals.push(new_principal(&s, NewPrincipal::Saml));
        s.resources.push(new_resource(&s));
        let text = serde_json::to_string(&s).expect("serializes");
        let back = roleplay_sim::read(&text).expect("reads back");
        let result = roleplay_sim::run(&back);
        let errors: Vec<_> = result
            .findings
            .iter()
            .filter(|f| f.severity == roleplay_policy::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
    }

    fn role_arn(s: &Scenario) -> Option<&str> {
        s.steps[0].params.as_ref()?.role_arn.as_deref()
    }

    #[test]
    fn renaming_a_role_renames_the_steps_that_assume_it() {
        let mut s = default_scenario();
        let before: Vec<_> = roleplay_sim::run(&s)
            .steps
            .iter()
            .map(|r| r.decision)
            .collect();
        let role = s
            .principals
            .iter()
            .position(|p| matches!(p, PrincipalDef::Role(_)))
            .expect("a role");
        rename_principal(
            &mut s,
            role,
            "arn:aws:iam::111122223333:role/Readers".into(),
        );
        assert_eq!(role_arn(&s), Some("arn:aws:iam::111122223333:role/Readers"));
        let after: Vec<_> = roleplay_sim::run(&s)
            .steps
            .iter()
            .map(|r| r.decision)
            .collect();
        assert_eq!(before, after);
        // A name another principal has is not followed: references stay where they were.
        let user = s
            .principals
            .iter()
            .position(|p| matches!(p, PrincipalDef::User(_)))
            .expect("a user");
        let taken = s.principals[user].arn().to_owned();
        rename_principal(&mut s, role, taken);
        assert_eq!(role_arn(&s), Some("arn:aws:iam::111122223333:role/Readers"));
    }

    #[test]
    fn attachments_switch_between_inline_and_managed() {
        let mut a = new_boundary();
        apply(
            &mut a,
            AttachmentChange::Managed(true, "444455556666".into()),
        );
        assert_eq!(
            a.arn.as_deref(),
            Some("arn:aws:iam::444455556666:policy/Boundary")
        );
        assert!(!a.is_inline());
        apply(&mut a, AttachmentChange::Document("{ broken".into()));
        assert_eq!(a.document, PolicyDoc::Text("{ broken".into()));
        apply(&mut a, AttachmentChange::Managed(false, String::new()));
        assert!(a.is_inline() && a.arn.is_none());
    }

    #[test]
    fn a_new_organization_changes_no_verdict() {
        let mut s = default_scenario();
        let before = roleplay_sim::run(&s);
        let org = new_organization(&s);
        assert_eq!(
            org.accounts.keys().collect::<Vec<_>>(),
            ["111122223333"],
            "the scenario's account is a member"
        );
        assert_ne!(org.management_account, "111122223333");
        s.organization = Some(org);
        let after = roleplay_sim::run(&s);
        let decisions =
            |r: &roleplay_sim::RunResult| r.steps.iter().map(|s| s.decision).collect::<Vec<_>>();
        assert_eq!(decisions(&before), decisions(&after));
    }

    #[test]
    fn new_accounts_and_ous_get_full_aws_access() {
        let mut s = default_scenario();
        let mut org = new_organization(&s);
        let account = new_member_account(&s, &org);
        assert!(!org.accounts.contains_key(&account));
        add_member(&mut org, account.clone());
        set_ou_path(&mut org, "111122223333", "ou-ab12-prod / ou-ab12-web");
        assert_eq!(
            org.accounts["111122223333"],
            ["ou-ab12-prod", "ou-ab12-web"]
        );
        let full = &org.scps[0].targets;
        for t in [
            "root",
            "111122223333",
            account.as_str(),
            "ou-ab12-prod",
            "ou-ab12-web",
        ] {
            assert!(full.iter().any(|x| x == t), "{t} in {full:?}");
        }
        s.organization = Some(org);
        let verdicts: Vec<_> = roleplay_sim::run(&s)
            .steps
            .iter()
            .map(|r| r.decision)
            .collect();
        assert_eq!(verdicts, ["allowed", "allowed", "implicitDeny", "error"]);
    }

    #[test]
    fn the_tree_nests_ous_and_lists_what_is_attached() {
        let s = gallery("scp-region-deny");
        let org = s.organization.expect("an organization");
        let rows = tree(&org);
        assert_eq!(rows[0].target, "root");
        assert!(rows[0].policies.iter().any(|p| p == "SCP FullAWSAccess"));
        for row in rows.iter().skip(1) {
            assert!(row.depth >= 1);
        }
        let kinds: Vec<_> = targets(&org).into_iter().map(|(_, k)| k).collect();
        assert_eq!(kinds.first(), Some(&"root"));
        assert!(kinds.contains(&"account"));
        assert_eq!(
            parse_ou_path(" ou-ab12-prod / ou-ab12-web,"),
            ["ou-ab12-prod", "ou-ab12-web"]
        );
    }

    #[test]
    fn session_policies_are_set_and_removed_on_the_step() {
        let mut s = default_scenario();
        let steps = session_steps(&s);
        assert_eq!(steps, [(0, SessionSlot::Params)]);
        let st = &mut s.steps[0];
        set_session_policy(st, SessionSlot::Params, Some("{ typed".into()));
        assert_eq!(
            session_policy(st, SessionSlot::Params),
            Some(&PolicyDoc::Text("{ typed".into()))
        );
        set_session_policy_arns(
            st,
            SessionSlot::Params,
            vec!["arn:aws:iam::aws:policy/X".into()],
        );
        assert_eq!(
            session_policy_arns(st, SessionSlot::Params),
            ["arn:aws:iam::aws:policy/X"]
        );
        set_session_policy(st, SessionSlot::Params, None);
        set_session_policy_arns(st, SessionSlot::Params, Vec::new());
        let params = st.params.as_ref().expect("params stay");
        assert!(params.policy.is_none() && params.policy_arns.is_none());
        assert!(params.role_arn.is_some());
    }

    #[test]
    fn findings_are_matched_by_path_prefix() {
        let f = |path: &str| {
            ScenarioFinding::warning(
                roleplay_policy::Code::UnknownGroup,
                path.into(),
                String::new(),
            )
        };
        let all = [
            f("principals[1].arn"),
            f("principals[10]"),
            f("principals[1]"),
        ];
        assert_eq!(findings_under(&all, "principals[1]").count(), 2);
    }
}
