//! What pages other than a meeting's own show of it: its card (organ, year, home and person pages),
//! its feed entry and calendar event, its reference in the JSON lists, its posting on the notice
//! board; and of each paragraph or agenda item its card, feed entry, reference and row in the
//! decisions CSV. Each is made by the very function those pages and files use, so `serve`
//! compares them before and after an edit to find what changed elsewhere: a field a template
//! starts to show is compared with no list to keep up to date.

use super::api::refs;
use super::{calendar, collections, feeds, noticeboard, views};
use crate::model::meeting::{ItemRef, Part};
use crate::model::site::Site;
use serde_json::Value;

/// What other pages show of one meeting.
#[derive(Debug, PartialEq)]
pub struct Shown {
    /// Everything but the items: card, feed entry, calendar event, reference, posting.
    card: (Value, feeds::Entry, Vec<String>, Vec<u8>, Option<Value>),
    /// Each item of the protokoll, then of the kallelse.
    items: [Vec<ItemShown>; 2],
}

/// What other pages show of one paragraph or agenda item.
#[derive(Debug, PartialEq)]
pub struct ItemShown {
    /// Its card (case, person, year, home, document pages), feed entry, reference, CSV row.
    shown: (Value, feeds::Entry, Vec<u8>, String),
    /// Where it is listed: its Dnr (case pages), presenters and people named (person pages),
    /// documents handled and adopted (document pages), memberships it made.
    listed: ItemLinks,
}

type ItemLinks = (
    Vec<String>,
    Vec<usize>,
    Vec<usize>,
    Vec<usize>,
    Vec<usize>,
    Vec<usize>,
);

impl Shown {
    /// What other pages show of meeting `m` of `site`.
    pub fn of(site: &Site, m: usize) -> Shown {
        let base = site.config.bas_url.as_deref().unwrap_or("");
        let meeting = &site.meetings[m];
        let posting = crate::model::noticeboard::posting_of(site, m)
            .map(|p| noticeboard::posting_view(site, &p));
        let reference = serde_json::to_vec(&refs::meeting_ref(site, m)).unwrap_or_default();
        let items = [Part::Protokoll, Part::Kallelse].map(|part| {
            (0..meeting.items(part).len())
                .map(|index| {
                    ItemShown::of(
                        site,
                        ItemRef {
                            meeting: m,
                            part,
                            index,
                        },
                    )
                })
                .collect()
        });
        Shown {
            card: (
                views::meeting_card(site, m),
                feeds::meeting_entry(site, m),
                calendar::event(site, base, m),
                reference,
                posting,
            ),
            items,
        }
    }

    /// Whether the meeting itself (not its items) shows the same on other pages.
    pub fn same_card(&self, other: &Shown) -> bool {
        self.card == other.card
    }

    /// What other pages show of item `index` of `part`, if there is one.
    pub fn item(&self, part: Part, index: usize) -> Option<&ItemShown> {
        let i = usize::from(part == Part::Kallelse);
        self.items[i].get(index)
    }
}

impl ItemShown {
    fn of(site: &Site, r: ItemRef) -> ItemShown {
        let p = site.item(r);
        let mut row = String::new();
        if r.part == Part::Protokoll && p.item.is_decision() {
            collections::decision_row(site, r, &mut row);
        }
        ItemShown {
            shown: (
                views::item_card(site, r),
                feeds::item_entry(site, r),
                serde_json::to_vec(&refs::item_ref(site, r)).unwrap_or_default(),
                row,
            ),
            listed: (
                p.dnr.clone(),
                p.presenters.clone(),
                p.mentions.clone(),
                p.documents.clone(),
                p.adopted.clone(),
                p.memberships.clone(),
            ),
        }
    }
}
