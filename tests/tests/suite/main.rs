//! The integration tests of specforge end to end: one module per topic, compiled and linked as one test
//! binary rather than one each (see docs/testing.md). Tests that measure the process's memory
//! have a process of their own (their own test binary beside this one).

mod atlas;
mod client_guide;
mod constructs;
mod forms;
mod item_streams;
mod layout;
mod layout_differential;
mod mocks;
mod new_methods;
mod paging;
mod patterns;
mod printed;
mod replace;
mod secret_parameters;
mod shapes;
mod shared_specs;
mod standalone;
mod unformatted;
mod upgraded;
mod variants;
