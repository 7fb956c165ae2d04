//! Build progress, reported through a callback so the library never prints: the command line turns
//! it into a progress bar on a terminal and into plain lines elsewhere.

/// A step of the build, in the order they happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Content loaded and resolved: what the site holds.
    Checked {
        /// Meetings.
        meetings: usize,
        /// People in the register.
        people: usize,
        /// Documents and reports.
        documents: usize,
    },
    /// One more page rendered, with its JSON twin (reported from the rendering threads).
    Rendered {
        /// Pages rendered so far.
        done: usize,
        /// Pages to render.
        total: usize,
    },
    /// Every internal link of the rendered files checked.
    LinksChecked {
        /// Files checked.
        files: usize,
    },
    /// The output written and swapped in.
    Written {
        /// Files written.
        files: usize,
    },
}

/// A callback that ignores progress.
pub fn none(_: Progress) {}
