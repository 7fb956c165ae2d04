//! Markup: text into HTML, plain text and ids. Markdown goes in (pulldown-cmark, with a fast path
//! for plain prose), sanitized HTML and plain text come out. Knows nothing of the record.

pub mod chart;
pub mod html;
pub mod ids;
pub mod markdown;
pub mod prose;
pub mod rebase;
pub mod sanitize;
pub mod table;
