//! The words of the paper: how Swedish minutes print attendance groups, roles, paragraph headings,
//! meta lines, decisions, votes and case numbers. The parser of the format (`reading::body`, the
//! front matter) and the import's recognizers read them from here, so both understand the same
//! forms.

pub mod attendance;
pub mod paragraph;
pub mod qualifiers;
