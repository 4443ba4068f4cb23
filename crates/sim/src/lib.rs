//! roleplay-sim: the scenario and its timeline.
//!
//! Reads scenario format v1 ([`read`]; unknown fields and wrong types are errors with a JSON path and
//! a line/column), builds the world it describes (principals, resources, organization, every policy
//! parsed and compiled once), and runs its timeline ([`run`]) on a simulated clock: STS steps validate
//! parameters, evaluate the trust policy and the caller's side and mint deterministic sessions; API
//! steps derive the request context and ask `roleplay-eval`. Results carry AWS's responses and error
//! texts, explanations with source locations, the AWS CLI equivalent and findings. [`effective_access`]
//! lists what a principal or session may do over a whole action list (the catalog's).
//!
//! It never reads the real clock, never does I/O and never panics on any input.
//!
//! Comments cite AWS's rules as §N: section N of `docs/aws-rules.md`.
#![forbid(unsafe_code)]

mod access;
mod api;
mod awscli;
mod clock;
mod context;
mod denial;
mod finding;
mod format;
mod ids;
pub mod import;
pub mod label;
pub mod limits;
mod outcome;
mod probe;
mod read;
mod result;
mod rules;
mod run;
mod session;
pub mod share;
mod sts;
mod vpce;
pub mod world;

pub use access::{
    access_by_resource, access_diff, effective_access, policy_resources, Access, AccessDiff,
    AccessError, Subject,
};
pub use finding::ScenarioFinding;
pub use format::{
    AccountSettings, Attachment, CallerDef, CallerObject, ContextValue, DurationParam, GroupDef,
    OidcProviderDef, OrgPolicy, Organization, PolicyArn, PolicyDoc, PrincipalDef, ProvidedContext,
    PublicAccessBlock, ResourceDef, RoleDef, SamlDef, SamlProviderDef, Scenario, SessionDef, Step,
    StsParams, Tag, Tags, UserDef, Via, VpcEndpointDef, WebIdentityDef,
};
pub use outcome::StepError;
pub use probe::Probe;
pub use read::{locate, read, ReadError, VERSIONS};
pub use result::{Expectation, RunResult, SessionInfo, StepResult};
pub use run::{run, run_each, run_text, run_with_cache};
pub use world::{PolicyCache, World};
