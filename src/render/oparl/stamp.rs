//! `created` and `modified` from the content, never the clock: the first and the last day the
//! record states for an object (a kallelse issued, a meeting held, a protokoll justerat, posted or
//! corrected, a document dated), as RFC 3339 at midnight in Stockholm.

use crate::model::clock;
use crate::model::date::Date;
use crate::model::site::Site;
use serde::Serialize;

/// The first and last day the content states for an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub first: Date,
    pub last: Date,
}

impl Span {
    /// The span of these days, if there are any.
    pub fn of(days: impl IntoIterator<Item = Date>) -> Option<Span> {
        days.into_iter().fold(None, |acc, d| {
            Some(match acc {
                None => Span { first: d, last: d },
                Some(s) => Span {
                    first: s.first.min(d),
                    last: s.last.max(d),
                },
            })
        })
    }
}

/// The two keys as serialized: `created`, `modified`.
#[derive(Serialize, Default)]
pub struct Stamps {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
}

impl From<Option<Span>> for Stamps {
    fn from(s: Option<Span>) -> Stamps {
        Stamps {
            created: s.map(|s| clock::rfc3339(s.first, None)),
            modified: s.map(|s| clock::rfc3339(s.last, None)),
        }
    }
}

/// Every day meeting `m` states: held, the kallelse issued, the protokoll justerat, posted and
/// corrected.
pub fn meeting(site: &Site, m: usize) -> Option<Span> {
    let x = &site.meetings[m];
    let mut days = vec![x.date, x.last_date()];
    if let Some(k) = &x.kallelse {
        days.extend(k.issued);
    }
    if let Some(p) = &x.protokoll {
        days.extend(p.approved);
        days.extend(p.posted);
        days.extend(p.corrections.iter().map(|c| c.date));
    }
    Span::of(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn a_span_is_its_first_and_last_day_in_stockholm_time() {
        let s = Span::of([d("2024-09-20"), d("2024-01-05"), d("2024-06-13")]);
        let stamps = Stamps::from(s);
        assert_eq!(stamps.created.as_deref(), Some("2024-01-05T00:00:00+01:00"));
        assert_eq!(
            stamps.modified.as_deref(),
            Some("2024-09-20T00:00:00+02:00")
        );
        assert_eq!(Span::of([]), None);
    }
}
