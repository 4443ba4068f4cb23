//! The page's components. Each is small and reads the store from context.

pub mod access;
mod boundaries;
mod code_area;
pub mod explanation;
mod form;
mod gallery;
mod header;
mod import;
mod organization;
mod policy_editor;
mod policy_field;
mod principals;
mod providers;
mod quiz;
mod resources;
mod sessions;
mod status_line;
mod step_form;
mod tabs;
mod timeline;
mod world;
mod world_panel;

pub use access::AccessPanel;
pub use code_area::CodeArea;
pub use explanation::ExplanationPanel;
pub use gallery::Gallery;
pub use header::Header;
pub use import::ImportDialog;
pub use policy_editor::PolicyEditor;
pub use quiz::Quiz;
pub use status_line::StatusLine;
pub use step_form::StepForm;
pub use tabs::Tabs;
pub use timeline::Timeline;
pub use world::{Banner, ConflictDialog, Description, Findings, ScenarioJson};
pub use world_panel::WorldPanel;
