//! Merging page IRs into one API model.
//!
//! [`model`] holds the JSON contract; [`precedence`] the order in which pages win; [`merge()`]
//! the merge itself.

mod merge;
pub mod model;
mod parameters;
pub mod precedence;
mod resolve;
mod routes;

pub use merge::{merge, Merged};
pub use model::*;
