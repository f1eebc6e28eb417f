//! Code generation: a docgen model in, a Rust crate's files out.
