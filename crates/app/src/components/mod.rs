//! The page's components. Each is small and reads the store from context.

mod header;
mod policy_editor;
mod status_line;
mod timeline;

pub use header::Header;
pub use policy_editor::PolicyEditor;
pub use status_line::StatusLine;
pub use timeline::Timeline;
