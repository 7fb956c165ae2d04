//! From words to visual lines: words on one baseline make a line, numbered from the top of the
//! page; a wide gap cuts a line into fragments (the cells of a table row, the columns of a list);
//! lines that repeat at the top or bottom of most pages (running headers and footers) and page
//! numbers are taken out, with their place, so the import can say what it left out and why.

use super::bbox::{Page, Word};
use crate::import::block::{Dropped, Place, Unit};

/// A run of words on one line with no wide gap inside.
#[derive(Debug, Clone, PartialEq)]
pub struct Frag {
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// The words, joined by single spaces.
    pub text: String,
    /// The width of its first word (to tell a wrapped line from a broken one).
    pub first_word: f32,
    /// The left and right edges of its words.
    pub words: Vec<(f32, f32)>,
}

impl Frag {
    /// Cuts the fragment before every word that starts at one of `starts` (a table's column
    /// starts): a cell filled to its edge leaves too narrow a gap to the next one to be seen.
    pub fn split_at(&self, starts: &[f32]) -> Vec<Frag> {
        let tokens: Vec<&str> = self.text.split(' ').collect();
        if tokens.len() != self.words.len() {
            return vec![self.clone()];
        }
        let mut out: Vec<Frag> = Vec::new();
        for (i, (&(x0, x1), t)) in self.words.iter().zip(tokens).enumerate() {
            let cut = i > 0
                && starts
                    .iter()
                    .any(|&s| (s - x0).abs() < 3.0 && s > self.x0 + 6.0);
            match out.last_mut() {
                Some(f) if !cut => {
                    f.text.push(' ');
                    f.text.push_str(t);
                    f.x1 = x1;
                    f.words.push((x0, x1));
                }
                _ => out.push(Frag {
                    x0,
                    x1,
                    text: t.to_string(),
                    first_word: x1 - x0,
                    words: vec![(x0, x1)],
                }),
            }
        }
        out
    }
}

/// A visual line of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The page, 1-based.
    pub page: u32,
    /// The line's number on its page, 1-based from the top.
    pub no: u32,
    /// Top edge.
    pub y0: f32,
    /// Bottom edge.
    pub y1: f32,
    /// Its fragments, left to right.
    pub frags: Vec<Frag>,
}

impl Line {
    /// The line's height.
    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }

    /// Left edge of the first fragment.
    pub fn x0(&self) -> f32 {
        self.frags.first().map_or(0.0, |f| f.x0)
    }

    /// Right edge of the last fragment.
    pub fn x1(&self) -> f32 {
        self.frags.last().map_or(0.0, |f| f.x1)
    }

    /// The text, fragments joined by a space.
    pub fn text(&self) -> String {
        self.frags
            .iter()
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Its place.
    pub fn place(&self) -> Place {
        Place::on_page(Unit::PageLine, self.page, self.no, self.no)
    }
}

/// The lines of one page, top to bottom.
pub fn page_lines(page: &Page, page_no: u32) -> Vec<Line> {
    let mut words: Vec<&Word> = page.words.iter().collect();
    words.sort_by(|a, b| mid(a).total_cmp(&mid(b)).then(a.x0.total_cmp(&b.x0)));
    let mut groups: Vec<Vec<&Word>> = Vec::new();
    for w in words {
        let h = w.y1 - w.y0;
        match groups.last_mut() {
            Some(g)
                if (mid(w) - g.iter().map(|x| mid(x)).sum::<f32>() / g.len() as f32).abs()
                    <= 0.35 * h.max(1.0) =>
            {
                g.push(w)
            }
            _ => groups.push(vec![w]),
        }
    }
    groups
        .into_iter()
        .enumerate()
        .map(|(i, mut g)| {
            g.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let y0 = g.iter().map(|w| w.y0).fold(f32::MAX, f32::min);
            let y1 = g.iter().map(|w| w.y1).fold(f32::MIN, f32::max);
            Line {
                page: page_no,
                no: i as u32 + 1,
                y0,
                y1,
                frags: frags(&g, y1 - y0),
            }
        })
        .collect()
}

fn mid(w: &Word) -> f32 {
    (w.y0 + w.y1) / 2.0
}

/// Cuts a line's words at gaps wider than most of a line's height: a word space is a quarter of
/// it, even a stretched one in justified text rarely half; the gutter between cells is wider.
fn frags(words: &[&Word], height: f32) -> Vec<Frag> {
    let mut out: Vec<Frag> = Vec::new();
    let mut prev_x1 = f32::MIN;
    for w in words {
        let gap = w.x0 - prev_x1;
        match out.last_mut() {
            Some(f) if gap <= 0.9 * height => {
                f.text.push(' ');
                f.text.push_str(&w.text);
                f.x1 = w.x1;
                f.words.push((w.x0, w.x1));
            }
            _ => out.push(Frag {
                x0: w.x0,
                x1: w.x1,
                text: w.text.clone(),
                first_word: w.x1 - w.x0,
                words: vec![(w.x0, w.x1)],
            }),
        }
        prev_x1 = w.x1;
    }
    out
}

/// Takes out running headers and footers (a line in the top or bottom eighth of the page that
/// repeats, digits aside, on at least half of the pages and on two or more) and page numbers
/// (`3`, `Sida 3`, `3 (12)`, `Sida 3 av 12`, `- 3 -` in those margins, on any page).
pub fn drop_margins(pages: &mut [Vec<Line>], heights: &[f32]) -> Vec<Dropped> {
    let n = pages.len();
    let zone = |l: &Line, h: f32| -> Option<bool> {
        if l.y1 < h * 0.125 {
            Some(true)
        } else if l.y0 > h * 0.875 {
            Some(false)
        } else {
            None
        }
    };
    let mut count: std::collections::HashMap<(bool, String), usize> =
        std::collections::HashMap::new();
    for (p, lines) in pages.iter().enumerate() {
        let mut seen = std::collections::HashSet::new();
        for l in lines {
            if let Some(top) = zone(l, heights[p])
                && seen.insert((top, shape(&l.text())))
            {
                *count.entry((top, shape(&l.text()))).or_default() += 1;
            }
        }
    }
    let mut dropped = Vec::new();
    for (p, lines) in pages.iter_mut().enumerate() {
        lines.retain(|l| {
            let Some(top) = zone(l, heights[p]) else {
                return true;
            };
            let text = l.text();
            let why = if is_page_number(&text) {
                "page number"
            } else if n >= 2
                && count
                    .get(&(top, shape(&text)))
                    .is_some_and(|&c| c >= 2 && c * 2 >= n)
            {
                if top {
                    "running header"
                } else {
                    "running footer"
                }
            } else {
                return true;
            };
            dropped.push(Dropped {
                place: l.place(),
                text,
                why,
            });
            false
        });
    }
    dropped
}

/// A line's text with every run of digits as `#`, for comparing headers that carry page numbers.
fn shape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else if !c.is_whitespace() || !out.ends_with(' ') {
            out.push(if c.is_whitespace() { ' ' } else { c });
        }
    }
    out.trim().to_lowercase()
}

fn is_page_number(s: &str) -> bool {
    let t = shape(s);
    let t = t.trim_matches(|c: char| c == '-' || c == '–' || c == ' ');
    let t = t
        .strip_prefix("sida")
        .or_else(|| t.strip_prefix("page"))
        .or_else(|| t.strip_prefix("s."))
        .unwrap_or(t)
        .trim();
    matches!(
        t,
        "#" | "# (#)" | "# av #" | "# of #" | "#/#" | "# / #" | "(#)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(x0: f32, y0: f32, text: &str) -> Word {
        Word {
            x0,
            y0,
            x1: x0 + 6.0 * text.chars().count() as f32,
            y1: y0 + 13.0,
            text: text.into(),
        }
    }

    #[test]
    fn words_make_lines_and_gaps_make_fragments() {
        let page = Page {
            width: 595.0,
            height: 842.0,
            words: vec![
                word(175.8, 147.0, "Andreas"),
                word(59.8, 147.0, "Beslutande"),
                word(222.0, 147.5, "Erlandsson"),
                word(372.7, 147.0, "Matilda"),
                word(175.8, 172.7, "Anders"),
            ],
        };
        let lines = page_lines(&page, 1);
        assert_eq!(lines.len(), 2);
        let texts: Vec<&str> = lines[0].frags.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts, ["Beslutande", "Andreas Erlandsson", "Matilda"]);
        assert_eq!(lines[1].no, 2);
    }

    #[test]
    fn running_headers_and_page_numbers_go() {
        let page = |n: u32| Page {
            width: 595.0,
            height: 842.0,
            words: vec![
                word(56.0, 28.0, "Protokoll"),
                word(120.0, 28.0, "2024-09-12"),
                word(56.0, 400.0, "Text"),
                word(56.0, 786.0, &format!("{n}")),
            ],
        };
        let mut pages: Vec<Vec<Line>> = (1..=3).map(|n| page_lines(&page(n), n)).collect();
        let dropped = drop_margins(&mut pages, &[842.0; 3]);
        assert!(pages.iter().all(|p| p.len() == 1 && p[0].text() == "Text"));
        let whys: Vec<&str> = dropped.iter().map(|d| d.why).collect();
        assert_eq!(
            whys,
            [
                "running header",
                "page number",
                "running header",
                "page number",
                "running header",
                "page number"
            ]
        );
        assert!(
            is_page_number("Sida 2 av 5") && is_page_number("3 (12)") && is_page_number("- 4 -")
        );
        assert!(!is_page_number("§ 28"));
    }
}
