//! The attachment files (bilagor) copied into the site, each once, at its meeting's URL
//! (`/<organ>/<datum>/bilagor/<fil>`): the manifest and the archive list them with their SHA-256
//! like every other output file.

use crate::build::BuildError;
use crate::model::attachment;
use crate::model::site::Site;
use crate::model::urls;
use crate::output::OutFile;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Every attachment of every meeting: its output path and its bytes, read from under `root`.
pub fn files(site: &Site, root: &Path) -> Result<Vec<OutFile>, BuildError> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (m, meeting) in site.meetings.iter().enumerate() {
        for a in attachment::of_meeting(meeting) {
            let url = urls::attachment(site, m, &a.segment);
            if !seen.insert(url.clone()) {
                continue;
            }
            let bytes = std::fs::read(root.join(&a.source)).map_err(|e| {
                BuildError::Content(vec![crate::reading::diagnostic::Diagnostic::error(
                    Path::new(&a.source),
                    0,
                    0,
                    format!("cannot read the attachment: {e}"),
                )])
            })?;
            out.push((PathBuf::from(url.trim_start_matches('/')), bytes));
        }
    }
    Ok(out)
}
