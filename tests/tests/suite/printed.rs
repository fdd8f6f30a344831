//! Code printed two ways, compared: by items (`items`: the layout against unformatted tokens,
//! the fast path against the pretty one) and by tokens (`tokens`: the layout's contract, shared
//! with the `layout` fuzz target).
//!
//! These tests live in the end-to-end crate rather than in the generator's suite because they
//! need syn's visitors: a generator dev-dependency on syn with `visit-mut` is unified by cargo
//! into the generator built for build scripts during `cargo test`, and not during `cargo doc`,
//! so the docs build compiled the generator a second time.

pub mod items;
pub mod tokens;
