//! roleplay-studio: the playground's logic, without a DOM. It talks about scenarios, offsets and
//! string labels, never about elements or events, so it builds and is tested natively with
//! `cargo test`; `roleplay-app` keeps the Yew components, the effects and the Monaco glue and renders
//! what these modules compute.
//!
//! - [`scenario`], [`scenario_json`]: the scenario as the page edits it (the default and the gallery,
//!   the focus role, the timeline's words; policies kept as typed text, and the JSON tab's layout).
//! - [`world`]: the world tabs' model (lists, "+ Add", renames that carry references along);
//!   [`service_settings`]: the settings services keep outside policies (VPC endpoints and the steps sent
//!   through them, S3 Block Public Access per account and bucket, bucket ABAC).
//! - [`analysis`], [`highlight`]: the editors' status lines and markers; the deciding statements and
//!   a pointed-at fix's changes as editor ranges.
//! - [`access`]: the Effective permissions tab's model (its computation runs in the worker).
//! - [`markdown`]: "Copy as Markdown".
//! - [`fix_it`]: which steps offer *Fix it*, the worker's job, the scenario a fix gives.
#![forbid(unsafe_code)]

pub mod access;
pub mod analysis;
pub mod fix_it;
pub mod highlight;
pub mod markdown;
pub mod scenario;
pub mod scenario_json;
pub mod service_settings;
pub mod world;
