//! Output: where the files that `render` and `search` make go. The sink writes each file as it is
//! made (into a staging directory, nowhere for `check`, or memory for tests) and keeps its hash and
//! links; `links` checks every internal link; `manifest` lists every file with its SHA-256;
//! `staging` swaps the finished site in. Knows nothing of the record.

pub mod ledger;
pub mod links;
pub mod lock;
pub mod manifest;
pub mod pagelinks;
pub mod sink;
pub mod staging;

pub use staging::{
    MARKER, MARKER_TEXT, OutFile, Staging, WriteError, check_replaceable, write_all,
};
