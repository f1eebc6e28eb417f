//! Integration and snapshot tests across docgen's crates.
