//! Where a paragraph's sections start: a heading line of its own (`Bakgrund`, `Beslut`,
//! `Förslag till beslut`, `Kommunfullmäktiges beslut`) or a decision written inline
//! (`Beslut: Läns gemensam ledning beslutar …`, `Förslag till beslut: …`). The section names
//! are the format's (`vocabulary::paragraph::SECTION_NAMES`).

use crate::reading::vocabulary::paragraph;

/// A section start: its heading as the draft writes it, and text printed after it on its line.
pub fn section_start(text: &str) -> Option<(String, Option<String>)> {
    let t = text.trim();
    let first = t.lines().next().unwrap_or("");
    if !t.contains('\n')
        && first.split_whitespace().count() <= 5
        && paragraph::section_kind(first, &[]).is_some()
    {
        return Some((paragraph::clean_heading(first), None));
    }
    let (_, head, rest) = paragraph::section_line(t, &[])?;
    Some((head, Some(rest)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_as_printed() {
        assert_eq!(section_start("Beslut"), Some(("Beslut".into(), None)));
        assert_eq!(
            section_start("Förslag till beslut:"),
            Some(("Förslag till beslut".into(), None))
        );
        assert_eq!(
            section_start("Beslut: Styrelsen beslutar att anta."),
            Some(("Beslut".into(), Some("Styrelsen beslutar att anta.".into())))
        );
        assert_eq!(section_start("Beslutet fattades enhälligt."), None);
    }
}
