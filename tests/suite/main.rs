//! The integration tests, one binary (so the suite links once): a module per area, each building
//! fixture sites or the real `content/` into temporary directories and asserting on the output.

mod common;
#[path = "../../examples/synth/corpus/mod.rs"]
mod corpus;

mod architecture;
mod attendance;
mod bad_inputs;
mod base_path;
mod build_day;
mod check_command;
mod faults;
mod first_hour;
mod fixtures;
mod import;
mod incremental;
mod install;
mod model;
mod mutations;
mod oparl;
mod outputs;
mod paragraphs;
mod personnummer_props;
mod progress;
mod real_site;
mod register;
mod resident;
mod robustness;
mod runs;
mod scaffold;
mod search;
mod serve;
mod serve_clients;
mod streaming;
mod synth;
mod xss;
