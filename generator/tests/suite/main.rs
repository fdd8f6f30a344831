//! The integration tests of the generator (`specforge`): one module per topic, compiled and linked as one test
//! binary rather than one each (see docs/testing.md).

mod common;

mod bad_specs;
mod cli;
mod constructs;
mod diff_atlas;
mod diff_cli;
mod diff_rules;
mod features;
mod fuzz_props;
mod interrupted;
mod item_streams;
mod names_and_types;
mod openapi32_methods;
mod overlays;
mod paging_atlas;
mod references;
mod tooling;
mod upgrade;
mod wire_constructs;
