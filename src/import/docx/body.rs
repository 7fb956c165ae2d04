//! The walk over a Word document's body (`word/document.xml`): paragraphs with their runs (bold and
//! italic from the run, its character style and the paragraph style), headings by style, numbered
//! and bulleted list items with their printed labels, tables with merged cells (`gridSpan`,
//! `vMerge`), line and page breaks, tabs, footnote references; and the footnotes' own text.

use super::styles::{Counters, Numbering, Styles, on};
use crate::import::block::{Block, Cell, Kind, Marker, Place, Row, Table, Text, Unit};
use crate::import::xml::{Xml, attr, entity, val};
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;

/// A paragraph being read.
#[derive(Default)]
struct Para {
    style: Option<String>,
    num: Option<(String, u8)>,
    outline: Option<u8>,
    text: Text,
    no: u32,
    page: u32,
    break_before: bool,
    break_after: bool,
}

/// The run being read: its own properties.
#[derive(Default)]
struct RunProps {
    bold: Option<bool>,
    italic: Option<bool>,
    style: Option<String>,
}

/// A cell being read.
struct CellState {
    paragraphs: Vec<Text>,
    col: usize,
    colspan: usize,
    /// `Some(true)` for a cell that continues the merged cell above.
    continues: bool,
    first: u32,
    last: u32,
}

#[derive(Default)]
struct TableState {
    rows: Vec<Row>,
    row: Vec<Cell>,
    row_first: u32,
    col: usize,
    cell: Option<CellState>,
    first: u32,
}

/// Everything the walk keeps.
struct Walk<'a> {
    styles: &'a Styles,
    numbering: &'a Numbering,
    counters: Counters,
    blocks: Vec<Block>,
    paras: Vec<Para>,
    tables: Vec<TableState>,
    run: RunProps,
    no: u32,
    page: u32,
    in_ppr: bool,
    in_rpr: bool,
    in_run: bool,
    in_text: bool,
    /// Depth inside an element whose content is not text of the document (`mc:Fallback`, a
    /// deleted run).
    skip: u32,
    /// Footnote references in reading order.
    refs: Refs,
    /// The package's relationships (id → target), for hyperlinks.
    links: &'a HashMap<String, String>,
    /// The address of the hyperlink being read.
    link: Option<String>,
}

/// Footnote references in reading order: the footnote's id and the place of its paragraph.
pub type Refs = Vec<(String, Place)>;

/// Reads the body of `document.xml`: blocks in order, and the footnote references.
pub fn walk(
    xml: &str,
    styles: &Styles,
    numbering: &Numbering,
    links: &HashMap<String, String>,
) -> Result<(Vec<Block>, Refs), String> {
    let mut w = Walk {
        styles,
        numbering,
        counters: Counters::default(),
        blocks: Vec::new(),
        paras: Vec::new(),
        tables: Vec::new(),
        run: RunProps::default(),
        no: 0,
        page: 1,
        in_ppr: false,
        in_rpr: false,
        in_run: false,
        in_text: false,
        skip: 0,
        refs: Vec::new(),
        links,
        link: None,
    };
    let mut x = Xml::new(xml);
    while let Some(ev) = x.event()? {
        match ev {
            Event::Start(e) => w.start(&e, false),
            Event::Empty(e) => w.start(&e, true),
            Event::End(e) => w.end(e.local_name().as_ref()),
            Event::Text(t) if w.in_text && w.skip == 0 => w.push_text(&t),
            Event::GeneralRef(r) if w.in_text && w.skip == 0 => {
                if let Some(c) = entity(&r) {
                    w.push_text(c.encode_utf8(&mut [0; 4]));
                }
            }
            _ => {}
        }
    }
    Ok((w.blocks, w.refs))
}

impl Walk<'_> {
    fn start(&mut self, e: &BytesStart, empty: bool) {
        let name = e.local_name();
        let name = name.as_ref();
        if self.skip > 0 {
            if !empty {
                self.skip += 1;
            }
            return;
        }
        match name {
            "Fallback" | "del" | "moveFrom" if !empty => self.skip = 1,
            "p" => {
                self.no += 1;
                self.paras.push(Para {
                    no: self.no,
                    page: self.page,
                    ..Para::default()
                });
                if empty {
                    self.end("p");
                }
            }
            "pPr" => self.in_ppr = !empty,
            "rPr" => self.in_rpr = !empty,
            "pStyle" if self.in_ppr => self.para(|p| p.style = val(e)),
            "numId" if self.in_ppr => self.para(|p| {
                let lvl = p.num.as_ref().map_or(0, |n| n.1);
                p.num = val(e).map(|v| (v, lvl));
            }),
            "ilvl" if self.in_ppr => self.para(|p| {
                let lvl = val(e).and_then(|v| v.parse().ok()).unwrap_or(0);
                p.num = Some((p.num.take().map(|n| n.0).unwrap_or_default(), lvl));
            }),
            "outlineLvl" if self.in_ppr && !self.in_rpr => {
                self.para(|p| p.outline = val(e).and_then(|v| v.parse().ok()))
            }
            "pageBreakBefore" if self.in_ppr && on(e) => self.para(|p| p.break_before = true),
            "hyperlink" if !empty => {
                self.link = attr(e, "id")
                    .and_then(|id| self.links.get(&id).cloned())
                    .or_else(|| attr(e, "anchor").map(|a| format!("#{a}")));
            }
            "r" => {
                self.in_run = !empty;
                self.run = RunProps::default();
            }
            "b" if self.in_rpr && self.in_run => self.run.bold = Some(on(e)),
            "i" if self.in_rpr && self.in_run => self.run.italic = Some(on(e)),
            "rStyle" if self.in_rpr && self.in_run => self.run.style = val(e),
            "t" => self.in_text = !empty,
            "tab" if self.in_run && !self.in_ppr => self.push_text("\t"),
            "cr" if self.in_run => self.push_text("\n"),
            "noBreakHyphen" if self.in_run => self.push_text("-"),
            "br" if self.in_run => {
                if attr(e, "type").as_deref() == Some("page") {
                    self.page += 1;
                    self.para(|p| {
                        if p.text.is_blank() {
                            p.break_before = true
                        } else {
                            p.break_after = true
                        }
                    });
                } else {
                    self.push_text("\n");
                }
            }
            "lastRenderedPageBreak" => self.page += 1,
            "footnoteReference" => {
                if let Some(id) = attr(e, "id") {
                    self.push_text(&format!("[^{id}]"));
                    let place = self.place(self.no, self.no);
                    self.refs.push((id, place));
                }
            }
            "tbl" => self.tables.push(TableState {
                first: self.no + 1,
                ..TableState::default()
            }),
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row.clear();
                    t.col = 0;
                    t.row_first = self.no + 1;
                }
            }
            "gridBefore" => {
                if let Some(t) = self.tables.last_mut() {
                    t.col += val(e).and_then(|v| v.parse().ok()).unwrap_or(0);
                }
            }
            "tc" => {
                let first = self.no + 1;
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(CellState {
                        paragraphs: vec![],
                        col: t.col,
                        colspan: 1,
                        continues: false,
                        first,
                        last: first,
                    });
                }
            }
            "gridSpan" => {
                self.cell(|c| c.colspan = val(e).and_then(|v| v.parse().ok()).unwrap_or(1).max(1))
            }
            "vMerge" => {
                let continues = val(e).is_none_or(|v| v != "restart");
                self.cell(|c| c.continues = continues);
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match name {
            "pPr" => self.in_ppr = false,
            "rPr" => self.in_rpr = false,
            "r" => self.in_run = false,
            "t" => self.in_text = false,
            "p" => {
                if let Some(p) = self.paras.pop() {
                    self.close_para(p);
                }
            }
            "tc" => self.close_cell(),
            "hyperlink" => self.link = None,
            "tr" => {
                if let Some(t) = self.tables.last_mut()
                    && !t.row.is_empty()
                {
                    let place = Place::on_page(Unit::Paragraph, self.page, t.row_first, self.no);
                    let cells = std::mem::take(&mut t.row);
                    t.rows.push(Row { cells, place });
                }
            }
            "tbl" => {
                if let Some(t) = self.tables.pop() {
                    let place = self.place(t.first, self.no);
                    let table = Table { rows: t.rows };
                    if let Some(outer) = self.tables.last_mut().and_then(|o| o.cell.as_mut()) {
                        // A table inside a cell: its cells become paragraphs of the outer cell.
                        for c in table.rows.iter().flat_map(|r| &r.cells) {
                            outer.paragraphs.extend(c.paragraphs.iter().cloned());
                        }
                    } else if !table.rows.is_empty() {
                        self.blocks.push(Block {
                            place,
                            kind: Kind::Table(table),
                        });
                    }
                }
            }
            _ => {}
        }
    }

    fn para(&mut self, f: impl FnOnce(&mut Para)) {
        if let Some(p) = self.paras.last_mut() {
            f(p);
        }
    }

    fn cell(&mut self, f: impl FnOnce(&mut CellState)) {
        if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            f(c);
        }
    }

    fn place(&self, first: u32, last: u32) -> Place {
        Place::on_page(Unit::Paragraph, self.page, first, last.max(first))
    }

    fn push_text(&mut self, s: &str) {
        let Some(p) = self.paras.last() else { return };
        let style = p.style.clone();
        let bold = self
            .run
            .bold
            .or_else(|| self.styles.bold(self.run.style.as_deref()))
            .or_else(|| self.styles.bold(style.as_deref()));
        let italic = self
            .run
            .italic
            .or_else(|| self.styles.italic(self.run.style.as_deref()))
            .or_else(|| self.styles.italic(style.as_deref()));
        // The soft hyphen only shows where Word breaks the line.
        let s = s.replace('\u{ad}', "");
        let link = self.link.clone();
        self.para(|p| {
            p.text.push_link(
                &s,
                bold.unwrap_or(false),
                italic.unwrap_or(false),
                link.as_deref(),
            )
        });
    }

    fn close_para(&mut self, p: Para) {
        let Para {
            style,
            num,
            outline,
            mut text,
            no,
            page,
            break_before,
            break_after,
        } = p;
        let place = Place::on_page(Unit::Paragraph, page, no, no);
        let level = outline
            .filter(|&o| o < 9)
            .map(|o| o + 1)
            .or_else(|| self.styles.heading_level(style.as_deref()));
        let num = num
            .or_else(|| self.styles.numbering(style.as_deref()))
            .filter(|(id, _)| !id.is_empty() && id != "0");
        let marker = num
            .and_then(|(id, lvl)| Some((self.numbering.label(&mut self.counters, &id, lvl)?, lvl)));
        text.trim();
        let in_cell = self.tables.last().is_some_and(|t| t.cell.is_some()) && self.paras.is_empty();
        if in_cell {
            if let Some((Marker::Ordered(label), _)) = &marker {
                let mut t = Text::plain_text(&format!("{label} "));
                t.append(&text);
                text = t;
            }
            if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                c.last = no;
                if !text.is_blank() {
                    c.paragraphs.push(text);
                }
            }
            return;
        }
        if break_before {
            self.blocks.push(Block {
                place,
                kind: Kind::PageBreak,
            });
        }
        if !text.is_blank() {
            let kind = match (level, marker) {
                (Some(level), marker) => {
                    if let Some((Marker::Ordered(label), _)) = marker {
                        let mut t = Text::plain_text(&format!("{label} "));
                        t.append(&text);
                        text = t;
                    }
                    Kind::Heading { level, text }
                }
                (None, Some((marker, depth))) => Kind::ListItem {
                    depth,
                    marker,
                    text,
                },
                (None, None) => Kind::Paragraph(text),
            };
            self.blocks.push(Block { place, kind });
        }
        if break_after {
            self.blocks.push(Block {
                place,
                kind: Kind::PageBreak,
            });
        }
    }

    fn close_cell(&mut self) {
        let page = self.page;
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        let Some(c) = t.cell.take() else { return };
        t.col = c.col + c.colspan;
        let place = Place::on_page(Unit::Paragraph, page, c.first, c.last);
        if c.continues {
            // Find the cell above that this one continues, and stretch it.
            let origin = t
                .rows
                .iter_mut()
                .rev()
                .flat_map(|r| r.cells.iter_mut())
                .find(|o| o.col == c.col);
            if let Some(o) = origin {
                o.rowspan += 1;
                o.paragraphs.extend(c.paragraphs);
                o.place = o.place.join(place);
                return;
            }
        }
        t.row.push(Cell {
            paragraphs: c.paragraphs,
            col: c.col,
            colspan: c.colspan,
            rowspan: 1,
            place,
        });
    }
}

/// Reads `footnotes.xml`: each footnote's text by id (separators left out).
pub fn footnotes(
    xml: &str,
    styles: &Styles,
    numbering: &Numbering,
    links: &HashMap<String, String>,
) -> Result<HashMap<String, Text>, String> {
    // Each footnote is walked as a small body of its own, so its runs get the same treatment.
    let mut out = HashMap::new();
    let mut x = Xml::new(xml);
    let mut current: Option<(String, usize)> = None;
    while let Some(ev) = x.event()? {
        match ev {
            Event::Start(e) if e.local_name().as_ref() == "footnote" => {
                let kind = attr(&e, "type");
                if kind.is_none() || kind.as_deref() == Some("normal") {
                    current = Some((attr(&e, "id").unwrap_or_default(), x.position()));
                }
            }
            Event::End(e) if e.local_name().as_ref() == "footnote" => {
                if let Some((id, start)) = current.take() {
                    let inner = &xml[start..x.position()];
                    let (blocks, _) = walk(inner, styles, numbering, links)?;
                    let mut text = Text::default();
                    for b in blocks {
                        if let Kind::Paragraph(t)
                        | Kind::Heading { text: t, .. }
                        | Kind::ListItem { text: t, .. } = b.kind
                        {
                            if !text.is_blank() {
                                text.push(" ", false, false);
                            }
                            text.append(&t);
                        }
                    }
                    out.insert(id, text);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn body(inner: &str) -> Vec<Block> {
        let xml = format!(r#"<w:document {W}><w:body>{inner}</w:body></w:document>"#);
        walk(
            &xml,
            &Styles::default(),
            &Numbering::default(),
            &HashMap::new(),
        )
        .unwrap()
        .0
    }

    #[test]
    fn runs_keep_bold_breaks_and_tabs() {
        let b = body(
            r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Beslut:</w:t></w:r>
              <w:r><w:t xml:space="preserve"> Styrelsen &amp; förbundet</w:t></w:r>
               <w:r><w:br/><w:t>rad två</w:t><w:tab/><w:t>kolumn</w:t></w:r></w:p>
               <w:p/><w:p><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>Vanlig</w:t></w:r></w:p>"#,
        );
        assert_eq!(b.len(), 2);
        let Kind::Paragraph(t) = &b[0].kind else {
            panic!()
        };
        assert_eq!(t.bold_prefix().as_deref(), Some("Beslut:"));
        assert_eq!(t.plain(), "Beslut: Styrelsen & förbundet\nrad två\tkolumn");
        assert_eq!(b[1].place.first, 3, "the empty paragraph is counted");
        assert!(!matches!(&b[1].kind, Kind::Paragraph(t) if t.all_bold()));
    }

    #[test]
    fn merged_cells_span_and_continue() {
        let b = body(
            r#"<w:tbl>
              <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p>
                <w:r><w:t>Beslutande</w:t></w:r></w:p></w:tc>
                    <w:tc><w:p><w:r><w:t>Anna Ek (S)</w:t></w:r></w:p></w:tc><w:tc><w:p>
                      <w:r><w:t>Bo Ek (M)</w:t></w:r></w:p></w:tc></w:tr>
              <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>
                    <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Cecilia Frid</w:t>
                      </w:r></w:p></w:tc></w:tr>
            </w:tbl>"#,
        );
        let Kind::Table(t) = &b[0].kind else {
            panic!("{b:?}")
        };
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells[0].rowspan, 2);
        assert_eq!(t.rows[1].cells.len(), 1);
        let c = &t.rows[1].cells[0];
        assert_eq!(
            (c.col, c.colspan, c.plain().as_str()),
            (1, 2, "Cecilia Frid")
        );
        assert_eq!(t.width(), 3);
        assert_eq!(b[0].place.first, 1);
        assert_eq!(b[0].place.last, 5);
    }

    #[test]
    fn deleted_text_and_fallbacks_are_not_read() {
        let b = body(
            r#"<w:p><w:r><w:t>Kvar</w:t></w:r><w:del><w:r><w:delText>Borta</w:delText></w:r></w:del>
               <w:r><mc:AlternateContent xmlns:mc="m"><mc:Fallback><w:t>Dubbel</w:t></mc:Fallback>
                 </mc:AlternateContent></w:r></w:p>"#,
        );
        assert_eq!(b[0].plain(), "Kvar");
    }

    #[test]
    fn page_breaks_and_footnote_references() {
        let b = body(
            r#"<w:p><w:r><w:t>Ett</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r>
              <w:br w:type="page"/></w:r></w:p>
               <w:p><w:r><w:t>Två</w:t></w:r></w:p>"#,
        );
        assert_eq!(b[0].plain(), "Ett[^2]");
        assert_eq!(b[1].kind, Kind::PageBreak);
        assert_eq!(b[2].place.page, 2);
    }
}
