//! Integration and snapshot tests across docgen's crates, and the helpers they share.
//!
//! The library holds renderers that turn one markdown reference page into the other forms the
//! docs site gives it — text copied out of a browser ([`render_text()`]) and the site's HTML
//! ([`render_html()`]) — so that tests can check that every reader gives the same facts for the
//! same page whatever its form (`tests/invariance.rs`).

mod prepare;
pub mod render_html;
pub mod render_text;

pub use render_html::render_html;
pub use render_text::render_text;
