//! Search: a tantivy index of the site, built in memory while the pages render and written with
//! them to `sok/tantivy/`, and the static export for the browser read from that index (`sok/`).
//! `protokoll search` opens the written index; [`query`] holds the query rule both sides follow,
//! with its fallbacks in [`lexicon`] and [`compound`].

pub mod codec;
pub mod compound;
pub mod documents;
pub mod export;
pub mod lexicon;
pub mod parts;
pub mod query;
pub mod schema;
pub mod shards;
pub mod spellings;
pub mod stats;
pub mod words;

use crate::model::site::Site;
use crate::output::OutFile;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use tantivy::directory::Directory;
use tantivy::schema::TantivyDocument;
use tantivy::{Index, IndexWriter};

/// Where the tantivy index is written, relative to the output root.
pub const INDEX_DIR: &str = "sok/tantivy";

/// Memory for the index writer, shared by its threads.
const WRITER_MEMORY: usize = 200_000_000;

/// Builds the index of `site` and the static export; returns both as files for the writer.
pub fn build(site: &Site) -> tantivy::Result<Vec<OutFile>> {
    let docs = documents::collect(site);
    let index = index(&docs)?;
    let mut files = index_files(&index)?;
    let organ_names = site
        .organs
        .iter()
        .map(|o| (o.id.clone(), o.short.clone()))
        .collect();
    files.extend(export::export(&index, &organ_names)?);
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// An in-memory tantivy index of `docs`; each document's `order` is its position in `docs`.
pub fn index(docs: &[documents::SearchDoc]) -> tantivy::Result<Index> {
    let index = Index::create_in_ram(schema::schema());
    schema::register(&index);
    let f = schema::Fields::of(&index.schema())?;
    let compounds = parts::SiteParts::learn(docs);
    let doc_parts: Vec<[String; 3]> = docs
        .par_iter()
        .map_init(String::new, |a, d| {
            [&d.title, &d.decision, &d.text].map(|t| compounds.of(a, t))
        })
        .collect();
    let mut writer: IndexWriter = index.writer(WRITER_MEMORY)?;
    for (i, (d, p)) in docs.iter().zip(doc_parts).enumerate() {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.url, &d.url);
        doc.add_u64(f.order, i as u64);
        doc.add_text(f.title, &d.title);
        doc.add_text(f.label, &d.label);
        doc.add_text(f.decision, &d.decision);
        doc.add_text(f.text, &d.text);
        for p in &d.people {
            doc.add_text(f.people, p);
        }
        for x in &d.dnr {
            doc.add_text(f.dnr, x);
        }
        doc.add_text(f.organ, &d.organ);
        if let Some(y) = d.year {
            doc.add_u64(f.year, y.max(0) as u64);
        }
        doc.add_text(f.date, d.date.map(|x| x.to_string()).unwrap_or_default());
        doc.add_text(f.kind, d.kind);
        for (field, text) in [f.title_parts, f.decision_parts, f.text_parts]
            .into_iter()
            .zip(p)
        {
            if !text.is_empty() {
                doc.add_text(field, text);
            }
        }
        for k in &d.keys {
            doc.add_text(f.keys, k);
        }
        for k in &d.own {
            doc.add_text(f.own, k);
        }
        writer.add_document(doc)?;
    }
    writer.commit()?;
    writer.garbage_collect_files().wait()?;
    writer.wait_merging_threads()?;
    Ok(index)
}

/// The files of an in-memory index, under [`INDEX_DIR`].
fn index_files(index: &Index) -> tantivy::Result<Vec<OutFile>> {
    let dir = index.directory();
    let mut names: Vec<PathBuf> = dir.list_managed_files().into_iter().collect();
    names.extend([PathBuf::from("meta.json"), PathBuf::from(".managed.json")]);
    names.sort();
    names.dedup();
    let mut out = Vec::new();
    for name in names {
        match dir.atomic_read(&name) {
            Ok(bytes) => out.push((Path::new(INDEX_DIR).join(&name), bytes)),
            Err(tantivy::directory::error::OpenReadError::FileDoesNotExist(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(out)
}

/// Opens the index a build wrote into `output`.
pub fn open(output: &Path) -> tantivy::Result<Index> {
    let index = Index::open_in_dir(output.join(INDEX_DIR))?;
    schema::register(&index);
    Ok(index)
}
