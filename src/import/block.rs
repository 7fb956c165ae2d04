//! The common form every reader gives a source document in: blocks in reading order (headings,
//! paragraphs, list items, tables, footnotes, page breaks), each with its place in the source, and
//! the lines the reader left out on purpose (page numbers, running headers), so an import can
//! account for every part of the source.

use std::fmt;

/// The kind of file a [`Source`] was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text (UTF-8), as pasted from Word or a PDF, light Markdown and HTML tags included.
    Text,
    /// A Word document (Office Open XML, `.docx`).
    Docx,
    /// A PDF with a text layer.
    Pdf,
}

impl Format {
    /// The word for the format in messages: `text`, `docx`, `pdf`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// What [`Place::first`] and [`Place::last`] count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Lines of a text file, 1-based, as an editor numbers them.
    Line,
    /// Paragraphs of a Word document's body in document order, 1-based; every `w:p` counts, empty
    /// ones and those inside table cells included.
    Paragraph,
    /// Lines of a PDF page, 1-based, counted from the top of the page (running headers included).
    PageLine,
}

/// Where a block (or a row, or a cell) stands in its source: from unit `first` on page `page` to
/// unit `last` on page `last_page` (a PDF paragraph or table can run on over a page break).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// What `first` and `last` count.
    pub unit: Unit,
    /// The page it starts on, 1-based: always for PDF; for docx the page as far as the document
    /// says (explicit page breaks and the breaks Word recorded when it last laid the document out);
    /// 0 for text.
    pub page: u32,
    /// The first unit, 1-based (on `page`).
    pub first: u32,
    /// The page it ends on (equal to `page` but for a PDF block that runs on over a page break).
    pub last_page: u32,
    /// The last unit, inclusive (on `last_page`).
    pub last: u32,
}

impl Place {
    /// Lines `first..=last` of a text file.
    pub fn lines(first: u32, last: u32) -> Place {
        Place {
            unit: Unit::Line,
            page: 0,
            first,
            last_page: 0,
            last,
        }
    }

    /// Units `first..=last` on one page.
    pub fn on_page(unit: Unit, page: u32, first: u32, last: u32) -> Place {
        Place {
            unit,
            page,
            first,
            last_page: page,
            last,
        }
    }

    /// The smallest place holding both.
    pub fn join(self, other: Place) -> Place {
        let (page, first) = (self.page, self.first).min((other.page, other.first));
        let (last_page, last) = (self.last_page, self.last).max((other.last_page, other.last));
        Place {
            unit: self.unit,
            page,
            first,
            last_page,
            last,
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (one, many) = match self.unit {
            Unit::Line | Unit::PageLine => ("line", "lines"),
            Unit::Paragraph => ("paragraph", "paragraphs"),
        };
        if self.unit == Unit::PageLine {
            if self.last_page != self.page {
                return write!(
                    f,
                    "page {}, line {} – page {}, line {}",
                    self.page, self.first, self.last_page, self.last
                );
            }
            write!(f, "page {}, ", self.page)?;
        }
        if self.first == self.last {
            write!(f, "{one} {}", self.first)
        } else {
            write!(f, "{many} {}–{}", self.first, self.last)
        }
    }
}

/// A piece of text with one style.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Run {
    /// The text; `\n` is a line break inside the paragraph, `\t` a tab.
    pub text: String,
    /// Bold (Word's `w:b`, its styles, `**…**` or `<b>` in text).
    pub bold: bool,
    /// Italic (`w:i`, `*…*`, `<i>`).
    pub italic: bool,
    /// The address the run links to (`[text](url)` in text, a Word hyperlink), as written.
    pub link: Option<String>,
}

/// Styled text: a paragraph, a heading, a list item, a table cell's paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    /// The runs in order; adjacent runs never have the same style and link.
    pub runs: Vec<Run>,
}

impl Text {
    /// Text of one unstyled run.
    pub fn plain_text(s: &str) -> Text {
        let mut t = Text::default();
        t.push(s, false, false);
        t
    }

    /// Appends text with a style, merging it into the last run when the style is the same.
    pub fn push(&mut self, s: &str, bold: bool, italic: bool) {
        self.push_link(s, bold, italic, None);
    }

    /// Appends the text of a link (or, with `None`, plain text) with a style; runs merge only when
    /// style and link are the same.
    pub fn push_link(&mut self, s: &str, bold: bool, italic: bool, link: Option<&str>) {
        if s.is_empty() {
            return;
        }
        if let Some(last) = self.runs.last_mut()
            && last.bold == bold
            && last.italic == italic
            && last.link.as_deref() == link
        {
            last.text.push_str(s);
            return;
        }
        self.runs.push(Run {
            text: s.to_string(),
            bold,
            italic,
            link: link.map(str::to_string),
        });
    }

    /// Appends another text's runs.
    pub fn append(&mut self, other: &Text) {
        for r in &other.runs {
            self.push_link(&r.text, r.bold, r.italic, r.link.as_deref());
        }
    }

    /// The text without styles, trimmed.
    pub fn plain(&self) -> String {
        let mut s = String::new();
        for r in &self.runs {
            s.push_str(&r.text);
        }
        s.trim().to_string()
    }

    /// True when there is no visible character.
    pub fn is_blank(&self) -> bool {
        self.runs.iter().all(|r| r.text.trim().is_empty())
    }

    /// True when every visible character is bold.
    pub fn all_bold(&self) -> bool {
        !self.is_blank() && self.runs.iter().all(|r| r.bold || r.text.trim().is_empty())
    }

    /// The bold text the paragraph starts with, trimmed (`Beslut:` of `**Beslut:** Styrelsen …`).
    pub fn bold_prefix(&self) -> Option<String> {
        let mut s = String::new();
        for r in &self.runs {
            if r.bold {
                s.push_str(&r.text);
            } else if r.text.trim().is_empty() && !s.is_empty() {
                continue;
            } else {
                break;
            }
        }
        let s = s.trim();
        (!s.is_empty()).then(|| s.to_string())
    }

    /// Removes whitespace at both ends (keeping styles).
    pub fn trim(&mut self) {
        while self.runs.first().is_some_and(|r| r.text.trim().is_empty()) {
            self.runs.remove(0);
        }
        while self.runs.last().is_some_and(|r| r.text.trim().is_empty()) {
            self.runs.pop();
        }
        if let Some(r) = self.runs.first_mut() {
            r.text = r.text.trim_start().to_string();
        }
        if let Some(r) = self.runs.last_mut() {
            r.text = r.text.trim_end().to_string();
        }
    }
}

/// How a list item is marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// A bullet (•, -, –, », …).
    Bullet,
    /// A number or letter as printed, with its punctuation: `1.`, `a)`, `iv.`.
    Ordered(String),
}

/// One cell of a [`Table`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The cell's paragraphs (a name per paragraph in most attendance cells); blank ones left out.
    pub paragraphs: Vec<Text>,
    /// The grid column the cell starts at, 0-based (merged cells before it counted by their span).
    pub col: usize,
    /// Grid columns it covers (Word's `gridSpan`, HTML's `colspan`), at least 1.
    pub colspan: usize,
    /// Rows it covers (Word's `vMerge`, HTML's `rowspan`), at least 1. The rows below hold no cell
    /// for the columns it covers.
    pub rowspan: usize,
    /// Where the cell's text stands.
    pub place: Place,
}

impl Cell {
    /// The cell's text, paragraphs joined with `\n`.
    pub fn plain(&self) -> String {
        self.paragraphs
            .iter()
            .map(Text::plain)
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// True when the cell holds no text.
    pub fn is_blank(&self) -> bool {
        self.paragraphs.iter().all(Text::is_blank)
    }
}

/// One row of a [`Table`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The cells that start in this row, left to right.
    pub cells: Vec<Cell>,
    /// Where the row stands.
    pub place: Place,
}

/// A table: rows of cells on a grid of columns.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    /// The rows, top to bottom.
    pub rows: Vec<Row>,
}

impl Table {
    /// The number of grid columns.
    pub fn width(&self) -> usize {
        self.rows
            .iter()
            .flat_map(|r| r.cells.iter().map(|c| c.col + c.colspan))
            .max()
            .unwrap_or(0)
    }

    /// The cells that start in grid column `col`, top to bottom.
    pub fn column(&self, col: usize) -> Vec<&Cell> {
        self.rows
            .iter()
            .flat_map(|r| r.cells.iter().filter(move |c| c.col == col))
            .collect()
    }

    /// True when the table is a grid of names (an attendance list laid out in columns): at least
    /// two columns, no header row, every cell's every paragraph a name as [`looks_like_name`] says.
    pub fn is_name_grid(&self) -> bool {
        let cells: Vec<&Cell> = self
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .filter(|c| !c.is_blank())
            .collect();
        self.width() >= 2
            && cells.len() >= 2
            && cells.iter().all(|c| {
                c.paragraphs
                    .iter()
                    .filter(|p| !p.is_blank())
                    .all(|p| looks_like_name(&p.plain()))
            })
            && !self.rows[0]
                .cells
                .iter()
                .all(|c| c.paragraphs.iter().all(Text::all_bold))
    }

    /// The cells in reading order: column by column (left column top to bottom, then the next) for
    /// a name grid, as a two-column attendance list is read on paper; row by row otherwise.
    pub fn reading_order(&self) -> Vec<&Cell> {
        if self.is_name_grid() {
            (0..self.width()).flat_map(|c| self.column(c)).collect()
        } else {
            self.rows.iter().flat_map(|r| &r.cells).collect()
        }
    }
}

/// True when `s` reads like one entry of an attendance list: a name of two to five words, each
/// starting with a capital letter, optionally followed by a party in parentheses and a function
/// after a comma (`Andreas Erlandsson (S), ordförande`, `Sofia Hartz, Region Kalmar län`); or
/// `Vakant`.
pub fn looks_like_name(s: &str) -> bool {
    let s = s.trim();
    if s.eq_ignore_ascii_case("vakant") {
        return true;
    }
    let name = s.split([',', '(']).next().unwrap_or("").trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '.' || c == '\'')
        })
        && s.chars().count() <= 80
}

/// What a block is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A heading with its level, 1 the highest. docx: by style (outline level, `Heading N`, `Rubrik
    /// N`, `Title`); text: Markdown `#`; PDF: a short line set clearly larger than the body.
    Heading {
        /// 1 to 9.
        level: u8,
        /// The heading's text.
        text: Text,
    },
    /// A paragraph; a line break inside it is `\n` in its runs.
    Paragraph(Text),
    /// An item of a list.
    ListItem {
        /// 0 for a top-level item.
        depth: u8,
        /// Its bullet or number.
        marker: Marker,
        /// The item's text, without the marker.
        text: Text,
    },
    /// A table.
    Table(Table),
    /// A footnote's text, with its label (`2`, `¹`); the reference in the text is written
    /// `[^label]`.
    Footnote {
        /// The label as the reference names it.
        label: String,
        /// The footnote's text.
        text: Text,
    },
    /// An explicit page break (docx), or the start of the next page (PDF).
    PageBreak,
}

/// One block of a source document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Where it stands in the source.
    pub place: Place,
    /// What it is.
    pub kind: Kind,
}

impl Block {
    /// The block's text without styles (a table's cells in reading order, one per line; empty for
    /// a page break).
    pub fn plain(&self) -> String {
        match &self.kind {
            Kind::Heading { text, .. } | Kind::Paragraph(text) | Kind::ListItem { text, .. } => {
                text.plain()
            }
            Kind::Footnote { text, .. } => text.plain(),
            Kind::Table(t) => t
                .reading_order()
                .iter()
                .map(|c| c.plain())
                .collect::<Vec<_>>()
                .join("\n"),
            Kind::PageBreak => String::new(),
        }
    }
}

/// Something a reader left out on purpose, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// Where it stood.
    pub place: Place,
    /// What it said.
    pub text: String,
    /// Why it was left out: `page number`, `running header`, `running footer`.
    pub why: &'static str,
}

/// A source document as read: its blocks in reading order and what was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// What it was read from.
    pub format: Format,
    /// The blocks in reading order.
    pub blocks: Vec<Block>,
    /// What the reader left out (page numbers, running headers and footers), in source order.
    pub dropped: Vec<Dropped>,
}

impl Source {
    /// Every block's text, one block per line (a table's cells one per line), for tests and dumps.
    pub fn plain(&self) -> String {
        self.blocks
            .iter()
            .map(Block::plain)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The words of [`Source::plain`], for comparing the reading order of two formats.
    pub fn words(&self) -> Vec<String> {
        self.plain()
            .split_whitespace()
            .map(str::to_string)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(col: usize, s: &str) -> Cell {
        Cell {
            paragraphs: s.split('\n').map(Text::plain_text).collect(),
            col,
            colspan: 1,
            rowspan: 1,
            place: Place::lines(1, 1),
        }
    }

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            rows: rows
                .iter()
                .map(|r| Row {
                    cells: r.iter().enumerate().map(|(i, s)| cell(i, s)).collect(),
                    place: Place::lines(1, 1),
                })
                .collect(),
        }
    }

    #[test]
    fn a_name_grid_is_read_column_by_column() {
        let t = table(&[
            &["Anna Svensson (S)", "Bo Ek (M)"],
            &["Cecilia Frid, förbundschef", "Vakant"],
        ]);
        assert!(t.is_name_grid());
        let order: Vec<String> = t.reading_order().iter().map(|c| c.plain()).collect();
        assert_eq!(
            order,
            [
                "Anna Svensson (S)",
                "Cecilia Frid, förbundschef",
                "Bo Ek (M)",
                "Vakant"
            ]
        );
    }

    #[test]
    fn a_label_table_is_read_row_by_row() {
        let t = table(&[
            &["Organ", "Kommunförbundet Kalmar län styrelse"],
            &["Paragrafer", "§§ 28-35"],
        ]);
        assert!(!t.is_name_grid());
        let order: Vec<String> = t.reading_order().iter().map(|c| c.plain()).collect();
        assert_eq!(
            order,
            [
                "Organ",
                "Kommunförbundet Kalmar län styrelse",
                "Paragrafer",
                "§§ 28-35"
            ]
        );
    }

    #[test]
    fn names_and_not_names() {
        assert!(looks_like_name("Andreas Erlandsson (S), ordförande"));
        assert!(looks_like_name("Anna Hasselbom Trofast, Borgholm kommun"));
        assert!(!looks_like_name("Organ"));
        assert!(!looks_like_name("§§ 28-35"));
        assert!(!looks_like_name(
            "Digitalt via Teams Torsdagen den 12 september 2024"
        ));
    }

    #[test]
    fn runs_merge_and_bold_prefix() {
        let mut t = Text::default();
        t.push("Beslut:", true, false);
        t.push(" Styrelsen", false, false);
        t.push(" beslutar", false, false);
        assert_eq!(t.runs.len(), 2);
        assert_eq!(t.bold_prefix().as_deref(), Some("Beslut:"));
        assert!(!t.all_bold());
        assert_eq!(t.plain(), "Beslut: Styrelsen beslutar");
    }

    #[test]
    fn places_print_as_a_person_counts() {
        assert_eq!(Place::lines(3, 3).to_string(), "line 3");
        assert_eq!(Place::lines(3, 9).to_string(), "lines 3–9");
        let p = Place::on_page(Unit::PageLine, 2, 4, 7);
        assert_eq!(p.to_string(), "page 2, lines 4–7");
        let q = Place::on_page(Unit::PageLine, 3, 1, 2);
        assert_eq!(p.join(q).to_string(), "page 2, line 4 – page 3, line 2");
        let d = Place::on_page(Unit::Paragraph, 1, 12, 12);
        assert_eq!(d.to_string(), "paragraph 12");
    }
}
