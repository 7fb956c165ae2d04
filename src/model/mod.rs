//! The model: the resolved record (organisations, organs, people, meetings, paragraphs, cases,
//! documents) and the facts about it that every output shares: dates and the clock of the build,
//! names as written, the appeal period, the URL scheme. Made by `resolve`, read by `render`,
//! `search`, `serve` and `archive`; read-only once made. Knows nothing of templates or files.

pub mod appeal;
pub mod attachment;
pub mod attendance;
pub mod clock;
pub mod config;
pub mod date;
pub mod item;
pub mod kinds;
pub mod meeting;
pub mod names;
pub mod noticeboard;
pub mod parties;
pub mod party_periods;
pub mod plural;
pub mod site;
pub mod sitting;
pub mod urls;
pub mod vote;
