//! Documents (tjänsteskrivelser, reports, decisions of other authorities …) and free pages, each
//! made from its file.

use super::Resolver;
use crate::model::site::*;
use crate::reading::load::{Parsed, SourceFile};
use std::collections::HashMap;

impl Resolver {
    /// Every document, ordered by id.
    pub(super) fn documents(&mut self, files: &[SourceFile]) {
        let mut ids: HashMap<String, String> = HashMap::new();
        for f in files {
            let Parsed::Document(fm, _) = &f.parsed else {
                continue;
            };
            if let Some(prev) = ids.insert(fm.id.get_ref().clone(), f.path.display().to_string()) {
                self.errors.push(
                    f.at(
                        &fm.id,
                        format!("duplicate document id \"{}\"", fm.id.get_ref()),
                    )
                    .with_hint(format!("{prev} already uses it")),
                );
            }
            if let Some(doc) = self.document(f) {
                self.site.documents.push(doc);
            }
        }
        self.site.documents.sort_by(|a, b| a.id.cmp(&b.id));
    }

    /// A document made from its file (its meeting and adopting decision are linked later).
    pub(super) fn document(&mut self, f: &SourceFile) -> Option<Document> {
        let Parsed::Document(fm, body) = &f.parsed else {
            return None;
        };
        self.check_id(f, &fm.id);
        let organisation = fm.organisation.as_ref().and_then(|o| self.lookup_org(f, o));
        let organ = fm.organ.as_ref().and_then(|o| self.lookup_organ(f, o));
        // A party printed in a document is the party of its date (any organ's membership).
        self.pending.on = fm.datum.map(|d| (d, None));
        let authors = self.name_list(f, &fm.forfattare, false);
        let signatures = self.signatures(f, &fm.underskrift);
        self.pending.on = None;
        Some(Document {
            id: fm.id.get_ref().clone(),
            kind: fm.typ,
            title: fm.titel.clone(),
            date: fm.datum,
            year: fm.ar,
            organisation,
            organ,
            dnr: fm
                .dnr
                .iter()
                .map(|d| d.get_ref().trim().to_string())
                .collect(),
            meeting: None,
            item: fm.punkt.as_ref().map(|p| p.get_ref().clone()),
            adopted_by: None,
            authors,
            signatures,
            body: body.clone(),
            path: f.path.display().to_string(),
        })
    }

    /// Every free page, ordered by id.
    pub(super) fn pages(&mut self, files: &[SourceFile]) {
        for f in files {
            if let Some(p) = self.page(f) {
                self.site.pages.push(p);
            }
        }
        self.site.pages.sort_by(|a, b| a.id.cmp(&b.id));
    }

    /// A free page made from its file.
    pub(super) fn page(&mut self, f: &SourceFile) -> Option<FreePage> {
        let Parsed::Page(fm, body) = &f.parsed else {
            return None;
        };
        self.check_id(f, &fm.id);
        Some(FreePage {
            id: fm.id.get_ref().clone(),
            title: fm.titel.clone(),
            description: fm.beskrivning.clone(),
            body: body.clone(),
        })
    }
}
