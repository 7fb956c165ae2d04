//! A protokoll's header table: labels in the first column (`Organ`, `Plats och tid`,
//! `Beslutande`, `Utses att justera`, `Paragrafer`, `Justeringens plats och tid`), values beside
//! them. Each label is the format's: a front-matter key (`vocabulary::attendance::header_key`)
//! or an attendance group (`group_of_heading`).

use crate::import::block::{Place, Table};
use crate::model::attendance::GroupKind;
use crate::reading::vocabulary::attendance::{group_of_heading, header_key};

/// What a row's label is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// A front-matter key (`plats`, `justerare` …).
    Key(&'static str),
    /// An attendance group.
    Group(GroupKind),
    /// Not known.
    Unknown,
}

/// One row of a header table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderRow {
    /// The label as printed, without its colon.
    pub label: String,
    /// What it is.
    pub kind: Label,
    /// The value's lines (a cell's paragraphs and line breaks).
    pub lines: Vec<String>,
    /// The value's lines column by column (names beside a column of their functions).
    pub columns: Vec<Vec<String>>,
    /// Where the row stands.
    pub place: Place,
}

impl HeaderRow {
    /// The value on one line.
    pub fn value(&self) -> String {
        self.lines
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Reads a table as a header table: None unless it has at least two columns and two rows whose
/// label the format knows.
pub fn read(t: &Table) -> Option<Vec<HeaderRow>> {
    if t.width() < 2 {
        return None;
    }
    let mut rows = Vec::new();
    for r in &t.rows {
        let Some(first) = r.cells.iter().find(|c| c.col == 0) else {
            continue;
        };
        let label = first
            .plain()
            .trim()
            .trim_end_matches(':')
            .trim()
            .to_string();
        let columns: Vec<Vec<String>> = r
            .cells
            .iter()
            .filter(|c| c.col > 0)
            .map(|c| {
                c.paragraphs
                    .iter()
                    .map(|p| p.plain())
                    .flat_map(|p| p.lines().map(|l| l.trim().to_string()).collect::<Vec<_>>())
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<String>>()
            })
            .filter(|c| !c.is_empty())
            .collect();
        let lines: Vec<String> = columns.iter().flatten().cloned().collect();
        if label.is_empty() && lines.is_empty() {
            continue;
        }
        let kind = match (header_key(&label), group_of_heading(&label)) {
            (Some(k), _) => Label::Key(k),
            (None, Some(g)) => Label::Group(g),
            _ => Label::Unknown,
        };
        rows.push(HeaderRow {
            label,
            kind,
            lines,
            columns,
            place: r.place,
        });
    }
    let known = rows.iter().filter(|r| r.kind != Label::Unknown).count();
    (known >= 2).then_some(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{Kind, text};

    #[test]
    fn a_header_table() {
        let s = text::read(
            "Organ\tStyrelsen\nPlats och tid\tStadshuset \
                2024-06-13\nBeslutande\tAnna Ek (S)\nFärg\tblå",
        );
        let Kind::Table(t) = &s.blocks[0].kind else {
            panic!("{:?}", s.blocks)
        };
        let rows = read(t).unwrap();
        assert_eq!(rows[0].kind, Label::Key("organ"));
        assert_eq!(rows[1].kind, Label::Key("plats"));
        assert_eq!(rows[2].kind, Label::Group(GroupKind::Voting));
        assert_eq!(rows[3].kind, Label::Unknown);
        assert_eq!(rows[1].value(), "Stadshuset 2024-06-13");
        let s = text::read("Kommun\tLedamöter\nBorgholm\tAnna Ek (S)");
        let Kind::Table(t) = &s.blocks[0].kind else {
            panic!()
        };
        assert_eq!(read(t), None);
    }
}
