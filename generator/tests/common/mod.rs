//! Helpers shared by the integration tests that include this module.

pub mod items;
