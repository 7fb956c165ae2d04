//! The key lines of a paragraph or document as printed: `Dnr 2023/07`, `Diarienummer: …`,
//! `Föredragande: Cecilia Frid, Kommunförbundet` (also `Föredragare:`, and in italics over two
//! lines). The labels are the format's (`vocabulary::paragraph`).

use crate::reading::vocabulary::paragraph;

/// A key line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meta {
    /// Diarienummer as written, without the label.
    Dnr(Vec<String>),
    /// Who presented the matter.
    Presenter(String),
}

/// The labels a presenter is printed after.
const PRESENTER: &[&str] = &["Föredragande", "Föredragare"];

/// Reads a block's text as a key line.
pub fn meta_line(text: &str) -> Option<Meta> {
    let t = text.trim().trim_matches(['*', '_']).trim();
    if paragraph::looks_like_dnr_line(t) && !t.contains('\n') && t.split_whitespace().count() <= 8 {
        let list = paragraph::dnr_list(paragraph::strip_dnr_label(t));
        if !list.is_empty() {
            return Some(Meta::Dnr(list));
        }
    }
    for label in PRESENTER {
        if let Some(rest) = t.strip_prefix(label)
            && let Some(rest) = rest.trim_start().strip_prefix(':')
        {
            let v = rest.split_whitespace().collect::<Vec<_>>().join(" ");
            let v = v.trim_matches(['*', '_', ' ']).to_string();
            if !v.is_empty() {
                return Some(Meta::Presenter(v));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_lines() {
        assert_eq!(
            meta_line("Dnr 2023/07"),
            Some(Meta::Dnr(vec!["2023/07".into()]))
        );
        assert_eq!(
            meta_line("Föredragande: Cecilia Frid, Kommunförbundet"),
            Some(Meta::Presenter("Cecilia Frid, Kommunförbundet".into()))
        );
        assert_eq!(
            meta_line("Föredragare: Kristina Dahlberg, processledare.\nMarie Ragnarsson, Region."),
            Some(Meta::Presenter(
                "Kristina Dahlberg, processledare. Marie Ragnarsson, Region.".into()
            ))
        );
        assert_eq!(
            meta_line("Dnr-frågan diskuterades länge i styrelsen."),
            None
        );
    }
}
