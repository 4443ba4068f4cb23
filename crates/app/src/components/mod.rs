//! The page's components. Each is small and reads the store from context.

pub mod explanation;
mod gallery;
mod header;
mod import;
mod policy_editor;
mod quiz;
mod status_line;
mod step_form;
mod timeline;
mod world;

pub use explanation::ExplanationPanel;
pub use gallery::Gallery;
pub use header::Header;
pub use import::ImportDialog;
pub use policy_editor::PolicyEditor;
pub use quiz::Quiz;
pub use status_line::StatusLine;
pub use step_form::StepForm;
pub use timeline::Timeline;
pub use world::{Banner, ConflictDialog, Description, Findings, ScenarioJson};
