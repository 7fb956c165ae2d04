//! The command line's side of each command: it calls the library and turns its return values and
//! callbacks into text on stdout (search results) and stderr (everything else). Part of the binary,
//! not of the library.

pub mod build;
pub mod import;
pub mod new;
pub mod progress;
pub mod register;
pub mod search;
pub mod serve;
