//! What a Word document's `styles.xml` and `numbering.xml` say about its paragraphs: which styles
//! are headings and at what level (outline level, or the name `Heading N`, `Rubrik N`, `Title`,
//! followed through `basedOn`), which make text bold or italic, and how numbered and bulleted lists
//! print their labels.

use crate::import::block::Marker;
use crate::import::xml::{Xml, attr, val};
use quick_xml::events::Event;
use std::collections::HashMap;

#[derive(Debug, Default, Clone)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    bold: Option<bool>,
    italic: Option<bool>,
    num: Option<(String, u8)>,
}

/// The styles of a document, by style id.
#[derive(Debug, Default)]
pub struct Styles {
    map: HashMap<String, Style>,
    default_paragraph: Option<String>,
}

impl Styles {
    /// Reads `styles.xml`.
    pub fn parse(xml: &str) -> Result<Styles, String> {
        let mut styles = Styles::default();
        let mut x = Xml::new(xml);
        let mut cur: Option<(String, Style, bool)> = None;
        let (mut in_rpr, mut in_ppr) = (false, false);
        while let Some(ev) = x.event()? {
            match ev {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "style" => {
                        let id = attr(&e, "styleId").unwrap_or_default();
                        let is_default =
                            attr(&e, "default").is_some_and(|d| d == "1" || d == "true");
                        let paragraph = attr(&e, "type").is_none_or(|t| t == "paragraph");
                        if is_default && paragraph {
                            styles.default_paragraph = Some(id.clone());
                        }
                        cur = Some((id, Style::default(), false));
                    }
                    "name" => set(&mut cur, |s| s.name = val(&e).unwrap_or_default()),
                    "basedOn" => set(&mut cur, |s| s.based_on = val(&e)),
                    "outlineLvl" => set(&mut cur, |s| {
                        s.outline = val(&e).and_then(|v| v.parse().ok())
                    }),
                    "rPr" => in_rpr = true,
                    "pPr" => in_ppr = true,
                    "b" if in_rpr => set(&mut cur, |s| s.bold = Some(on(&e))),
                    "i" if in_rpr => set(&mut cur, |s| s.italic = Some(on(&e))),
                    "numId" if in_ppr => set(&mut cur, |s| {
                        let lvl = s.num.as_ref().map_or(0, |n| n.1);
                        s.num = val(&e).map(|v| (v, lvl));
                    }),
                    "ilvl" if in_ppr => set(&mut cur, |s| {
                        let lvl = val(&e).and_then(|v| v.parse().ok()).unwrap_or(0);
                        s.num = Some((s.num.take().map(|n| n.0).unwrap_or_default(), lvl));
                    }),
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    "style" => {
                        if let Some((id, s, _)) = cur.take() {
                            styles.map.insert(id, s);
                        }
                    }
                    "rPr" => in_rpr = false,
                    "pPr" => in_ppr = false,
                    _ => {}
                },
                _ => {}
            }
        }
        Ok(styles)
    }

    /// The chain of a style and the styles it is based on (at most ten deep).
    fn chain<'a>(&'a self, id: Option<&'a str>) -> impl Iterator<Item = &'a Style> + 'a {
        let mut next = id.or(self.default_paragraph.as_deref());
        let mut n = 0;
        std::iter::from_fn(move || {
            let s = self.map.get(next?)?;
            n += 1;
            next = if n < 10 { s.based_on.as_deref() } else { None };
            Some(s)
        })
    }

    /// The heading level (1 = highest) a paragraph style gives, if it is a heading style.
    pub fn heading_level(&self, id: Option<&str>) -> Option<u8> {
        id?;
        for s in self.chain(id) {
            if let Some(o) = s.outline {
                return (o < 9).then_some(o + 1);
            }
            if let Some(level) = level_from_name(&s.name) {
                return Some(level);
            }
        }
        None
    }

    /// Whether a style (followed through `basedOn`) sets bold.
    pub fn bold(&self, id: Option<&str>) -> Option<bool> {
        id?;
        self.chain(id).find_map(|s| s.bold)
    }

    /// Whether a style sets italic.
    pub fn italic(&self, id: Option<&str>) -> Option<bool> {
        id?;
        self.chain(id).find_map(|s| s.italic)
    }

    /// The list a paragraph style numbers its paragraphs with (numId, level).
    pub fn numbering(&self, id: Option<&str>) -> Option<(String, u8)> {
        id?;
        self.chain(id).find_map(|s| s.num.clone())
    }
}

fn set(cur: &mut Option<(String, Style, bool)>, f: impl FnOnce(&mut Style)) {
    if let Some((_, s, _)) = cur {
        f(s);
    }
}

/// A toggle property (`<w:b/>`, `<w:b w:val="0"/>`).
pub fn on(e: &quick_xml::events::BytesStart) -> bool {
    val(e).is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off" | "none"))
}

/// `Heading 2`, `heading 2`, `Rubrik 2` → 2; `Title`, `Rubrik` → 1.
fn level_from_name(name: &str) -> Option<u8> {
    let n = name.trim().to_lowercase();
    if n == "title" || n == "rubrik" {
        return Some(1);
    }
    let rest = n
        .strip_prefix("heading")
        .or_else(|| n.strip_prefix("rubrik"))?
        .trim();
    rest.parse::<u8>().ok().filter(|l| (1..=9).contains(l))
}

#[derive(Debug, Clone)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// The lists of a document (`numbering.xml`): how each level of each list prints its label.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, HashMap<u8, Level>>,
    /// numId → (abstractNumId, start overrides by level).
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
}

impl Numbering {
    /// Reads `numbering.xml`.
    pub fn parse(xml: &str) -> Result<Numbering, String> {
        let mut n = Numbering::default();
        let mut x = Xml::new(xml);
        let mut abs: Option<(String, HashMap<u8, Level>)> = None;
        let mut lvl: Option<(u8, Level)> = None;
        let mut num: Option<(String, String, HashMap<u8, u32>)> = None;
        let mut override_lvl: Option<u8> = None;
        while let Some(ev) = x.event()? {
            match ev {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "abstractNum" => {
                        abs = Some((
                            attr(&e, "abstractNumId").unwrap_or_default(),
                            HashMap::new(),
                        ))
                    }
                    "lvl" if abs.is_some() => {
                        let i = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        lvl = Some((
                            i,
                            Level {
                                format: "decimal".into(),
                                text: String::new(),
                                start: 1,
                            },
                        ));
                    }
                    "numFmt" => {
                        if let Some((_, l)) = &mut lvl {
                            l.format = val(&e).unwrap_or_default();
                        }
                    }
                    "lvlText" => {
                        if let Some((_, l)) = &mut lvl {
                            l.text = val(&e).unwrap_or_default();
                        }
                    }
                    "start" => {
                        if let Some((_, l)) = &mut lvl {
                            l.start = val(&e).and_then(|v| v.parse().ok()).unwrap_or(1);
                        }
                    }
                    "num" => {
                        num = Some((
                            attr(&e, "numId").unwrap_or_default(),
                            String::new(),
                            HashMap::new(),
                        ))
                    }
                    "abstractNumId" => {
                        if let Some(nm) = &mut num {
                            nm.1 = val(&e).unwrap_or_default();
                        }
                    }
                    "lvlOverride" => override_lvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()),
                    "startOverride" => {
                        if let (Some(nm), Some(i)) = (&mut num, override_lvl) {
                            nm.2.insert(i, val(&e).and_then(|v| v.parse().ok()).unwrap_or(1));
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    "lvl" => {
                        if let (Some((i, l)), Some((_, levels))) = (lvl.take(), &mut abs) {
                            levels.insert(i, l);
                        }
                    }
                    "abstractNum" => {
                        if let Some((id, levels)) = abs.take() {
                            n.abstracts.insert(id, levels);
                        }
                    }
                    "num" => {
                        if let Some((id, a, o)) = num.take() {
                            n.nums.insert(id, (a, o));
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        Ok(n)
    }

    /// The label of the next item of list `num_id` at level `ilvl`, counting with `counters`;
    /// `None` when the list prints nothing (`none`, or an unknown list).
    pub fn label(&self, counters: &mut Counters, num_id: &str, ilvl: u8) -> Option<Marker> {
        let (abs_id, overrides) = self.nums.get(num_id)?;
        let levels = self.abstracts.get(abs_id)?;
        let level = levels.get(&ilvl)?;
        let c = counters.0.entry(num_id.to_string()).or_insert([0; 9]);
        let i = usize::from(ilvl.min(8));
        c[i] = if c[i] == 0 {
            overrides.get(&ilvl).copied().unwrap_or(level.start)
        } else {
            c[i] + 1
        };
        for deeper in c.iter_mut().skip(i + 1) {
            *deeper = 0;
        }
        match level.format.as_str() {
            "bullet" => return Some(Marker::Bullet),
            "none" => return None,
            _ => {}
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(ch) = chars.next() {
            if ch == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
            {
                chars.next();
                let k = (d as usize).saturating_sub(1).min(8);
                let fmt = levels
                    .get(&(k as u8))
                    .map_or("decimal", |l| l.format.as_str());
                let n = if c[k] == 0 {
                    levels.get(&(k as u8)).map_or(1, |l| l.start)
                } else {
                    c[k]
                };
                out.push_str(&format_number(n, fmt));
            } else {
                out.push(ch);
            }
        }
        Some(Marker::Ordered(out.trim().to_string()))
    }
}

/// Where each list's counters stand while a document is read.
#[derive(Debug, Default)]
pub struct Counters(HashMap<String, [u32; 9]>);

fn format_number(n: u32, format: &str) -> String {
    match format {
        "lowerLetter" => letters(n).to_lowercase(),
        "upperLetter" => letters(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" => format!("{n:02}"),
        _ => n.to_string(),
    }
}

fn letters(n: u32) -> String {
    // Word repeats the letter past z: aa, bb, …
    let n = n.max(1) - 1;
    let ch = char::from(b'A' + (n % 26) as u8);
    std::iter::repeat_n(ch, (n / 26 + 1) as usize).collect()
}

fn roman(mut n: u32) -> String {
    const TABLE: &[(u32, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for &(v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn headings_by_outline_level_name_and_based_on() {
        let xml = format!(
            r#"<w:styles {W}>
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>
              </w:style>
            <w:style w:type="paragraph" w:styleId="Rubrik2"><w:name w:val="Rubrik 2"/></w:style>
            <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr>
              <w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="Paragraf"><w:name w:val="Paragrafrubrik"/>
              <w:basedOn w:val="Heading1"/></w:style>
            <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
            <w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr>
              <w:b w:val="true"/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="Body"><w:name w:val="Body Text"/><w:rPr>
              <w:b w:val="0"/></w:rPr></w:style>
            </w:styles>"#
        );
        let s = Styles::parse(&xml).unwrap();
        assert_eq!(s.heading_level(Some("Rubrik2")), Some(2));
        assert_eq!(s.heading_level(Some("Heading1")), Some(1));
        assert_eq!(s.heading_level(Some("Paragraf")), Some(1));
        assert_eq!(s.heading_level(Some("Title")), Some(1));
        assert_eq!(s.heading_level(Some("Normal")), None);
        assert_eq!(s.heading_level(None), None);
        assert_eq!(s.bold(Some("Strong")), Some(true));
        assert_eq!(s.bold(Some("Paragraf")), Some(true));
        assert_eq!(s.bold(Some("Body")), Some(false));
    }

    #[test]
    fn list_labels_count_and_reset() {
        let xml = format!(
            r#"<w:numbering {W}>
            <w:abstractNum w:abstractNumId="0">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
                <w:lvlText w:val="%1."/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>
                <w:lvlText w:val="%1.%2)"/></w:lvl>
            </w:abstractNum>
            <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>
              <w:lvlText w:val="•"/></w:lvl></w:abstractNum>
            <w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="28"/>
              <w:numFmt w:val="decimal"/><w:lvlText w:val="§ %1"/></w:lvl></w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
            <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
            <w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
            </w:numbering>"#
        );
        let n = Numbering::parse(&xml).unwrap();
        let mut c = Counters::default();
        let labels: Vec<Marker> = [
            ("1", 0),
            ("1", 1),
            ("1", 1),
            ("1", 0),
            ("1", 1),
            ("2", 0),
            ("3", 0),
            ("3", 0),
        ]
        .iter()
        .map(|(id, l)| n.label(&mut c, id, *l).unwrap())
        .collect();
        let o = |s: &str| Marker::Ordered(s.into());
        assert_eq!(
            labels,
            [
                o("1."),
                o("1.a)"),
                o("1.b)"),
                o("2."),
                o("2.a)"),
                Marker::Bullet,
                o("§ 28"),
                o("§ 29")
            ]
        );
        assert_eq!(n.label(&mut c, "99", 0), None);
    }
}
