//! Reading content: the site root's files in, parsed sources out. `load` walks `content/` and
//! parses every file (front matter, body) in parallel; `scan` reads the Markdown's links and raw
//! HTML with positions. Every problem is a [`diagnostic::Diagnostic`] at its file, line and column.

pub mod attachments;
pub mod body;
pub mod config;
pub mod decision_line;
pub mod diagnostic;
pub mod frontmatter;
pub mod load;
pub mod nesting;
pub mod personnummer;
pub mod room;
pub mod scan;
pub mod source;
pub mod vocabulary;
