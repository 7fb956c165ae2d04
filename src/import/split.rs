//! Splitting a bundle (in progress).
use super::Source;
use std::ops::Range;
/// A kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Protokoll,
}
impl DocKind {
    /// name
    pub fn name(self) -> &'static str {
        "protokoll"
    }
}
/// A part.
pub struct Part {
    /// k
    pub kind: DocKind,
    /// t
    pub title: String,
    /// d
    pub date: Option<String>,
    /// b
    pub blocks: Range<usize>,
}
/// Split.
pub fn split(_s: &Source) -> Vec<Part> {
    vec![]
}
