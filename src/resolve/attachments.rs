//! Bilagor made from what reading found on disk: each attachment a protokoll or kallelse names, for
//! the meeting or one of its paragraphs, with its title, type, size, SHA-256 and URL segment; two
//! different files of one meeting that would have the same URL are an error.

use crate::model::attachment::{self, Attachment, AttachmentRef};
use crate::model::meeting::Meeting;
use crate::reading::attachments as files;
use crate::reading::diagnostic::Diagnostic;
use crate::reading::load::SourceFile;

/// The attachments `refs` of content file `f`, as found on disk by `reading::attachments` (a
/// reference reading could not find was reported there and is left out).
pub fn of(f: &SourceFile, refs: &[AttachmentRef]) -> Vec<Attachment> {
    let mut out: Vec<Attachment> = Vec::new();
    for r in refs {
        let Ok(rel) = files::locate(&f.path, &r.file) else {
            continue;
        };
        let Some((_, facts)) = f.attachments.iter().find(|(p, _)| *p == rel) else {
            continue;
        };
        let source = rel.to_string_lossy().replace('\\', "/");
        if out.iter().any(|a| a.source == source) {
            continue;
        }
        let name = r.file.rsplit('/').next().unwrap_or(&r.file).to_string();
        out.push(Attachment {
            title: r.title.clone().unwrap_or_else(|| name.clone()),
            segment: attachment::segment(&name),
            media_type: attachment::media_type(&name),
            file_name: name,
            source,
            size: facts.size,
            sha256: facts.sha256.clone(),
            at: (r.line, r.col),
        });
    }
    out
}

/// The attachments of the front matter of `f` (`bilagor`).
pub fn of_front_matter(f: &SourceFile, list: &[toml::Spanned<String>]) -> Vec<Attachment> {
    let refs: Vec<AttachmentRef> = list.iter().map(|s| files::front_matter_ref(f, s)).collect();
    of(f, &refs)
}

/// Two different files of meeting `m` whose URLs would be the same (`Budget.pdf` and
/// `budget.pdf` in two folders): an error at the file of the meeting that names the second.
pub fn check_meeting(m: &Meeting, errors: &mut Vec<Diagnostic>) {
    let mut seen: Vec<&Attachment> = Vec::new();
    for a in attachment::of_meeting(m) {
        match seen.iter().find(|b| b.segment == a.segment) {
            Some(b) if b.source != a.source => {
                let path = m
                    .protokoll
                    .as_ref()
                    .map(|p| p.path.as_str())
                    .or(m.kallelse.as_ref().map(|k| k.path.as_str()))
                    .unwrap_or("");
                errors.push(
                    Diagnostic::error(
                        std::path::Path::new(path),
                        a.at.0,
                        a.at.1,
                        format!(
                            "the attachments {} and {} would have the same URL …/bilagor/{}",
                            b.source, a.source, a.segment
                        ),
                    )
                    .with_hint("rename one of the files"),
                );
            }
            Some(_) => {}
            None => seen.push(a),
        }
    }
}
