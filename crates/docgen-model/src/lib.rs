//! Merging page IRs into one API model.
//!
//! [`model`] holds the JSON contract; [`precedence`] the order in which pages win; [`merge()`]
//! the merge itself.

// Pages are untrusted input: nothing a page can reach may panic on `unwrap`, `expect`, an
// index or a string slice (`unwrap`/`expect` are allowed in tests by clippy.toml). Where an
// index stays, an `#[allow(clippy::indexing_slicing)]` with a `reason:` comment says why it
// is in bounds.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice
)]
// Tests index freely: a panic there is a failing test. The crate built without `cfg(test)`
// (what `clippy --all-targets` checks besides) keeps the denial.
#![cfg_attr(test, allow(clippy::indexing_slicing, clippy::string_slice))]

mod merge;
pub mod model;
mod parameters;
pub mod precedence;
mod resolve;
mod routes;

pub use merge::{merge, merge_owned, Merged};
pub use model::*;
