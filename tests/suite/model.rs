//! Facts the model keeps in one place, held against the model itself.

use crate::common::*;

/// `Meeting::names` is the one list of a meeting's names (people's spellings, their pages and the
/// preview's selection read it): every `Named` the meeting holds must be in it, so a new kind of
/// name added to the model without it fails here, on every site the tests build.
#[test]
fn every_name_a_meeting_holds_is_among_its_names() {
    let roots = [
        repo(),
        repo().join("tests/fixtures/kommun"),
        repo().join("tests/fixtures/minimal"),
        repo().join("tests/fixtures/fullmaktige"),
    ];
    let mut checked = 0;
    for root in roots {
        let site = protokoll::read_site(&root).unwrap_or_else(|e| panic!("{e}"));
        for m in &site.meetings {
            let held = format!("{m:?}").matches("Named {").count();
            let listed = m.names().count();
            assert_eq!(listed, held, "{} {}", site.organs[m.organ].id, m.date);
            checked += held;
        }
    }
    assert!(checked > 100, "{checked}");
}
