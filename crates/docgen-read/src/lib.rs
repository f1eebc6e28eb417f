//! Readers: documentation pages in, page IR out.

pub mod blocks;
pub mod text;
