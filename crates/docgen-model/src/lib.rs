//! Merging page IRs into one API model.
//!
//! See [`model`] for the JSON contract and [`merge`] for the precedence between pages.

pub mod model;

pub use model::*;
