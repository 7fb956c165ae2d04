#!/usr/bin/env python3
"""Makes the Word and PDF test documents of the import from the seed texts, once.

For each seed protokoll and kallelse it writes an HTML document laid out as the paper is: the header
table as a real table (names one per paragraph, Beslutande in two columns read column by column),
paragraph and section titles as real headings, lists as lists, a running header and a page-number
footer. LibreOffice (headless) turns the HTML into .docx, and that .docx into .pdf, so the Word file
is a word processor's own and the PDF is the Word file as printed. It also makes the bad inputs: a
scanned PDF without a text layer, an encrypted PDF, a damaged PDF, a damaged .docx, a zip that is not
Word and an old binary .doc.

    python3 tests/import/make_documents.py [SEEDS_DIR]

Needs LibreOffice Writer (apt-get install libreoffice-writer-nogui), poppler-utils and qpdf; the tests
need none of them, only the files this writes under tests/import/documents/. Standard library only.
"""

import html
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "documents"
SEEDS = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[2] / ".." / "shared" / "seeds"


def seed(name, first=1, last=None):
    """Lines first..last (1-based, inclusive) of a seed file."""
    path = next(SEEDS.glob(name + "_*.txt"))
    lines = path.read_text(encoding="utf-8").split("\n")
    return lines[first - 1 : last]


def e(s):
    return html.escape(s, quote=False)


def inline(s):
    """The seed's own markup (Markdown emphasis, <b>/<i>, links) as HTML."""
    s = "\n".join(e(l.strip()) for l in s.strip().split("\n"))
    s = re.sub(r"&lt;(/?)(b|i)&gt;", r"<\1\2>", s)
    s = re.sub(r"\[([^\]]*)\]\(([^)]*)\)", r'<a href="https://example.org/">\1</a>', s)
    s = re.sub(r"\*\*\*(.+?)\*\*\*", r"<b><i>\1</i></b>", s)
    s = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)
    s = re.sub(r"(?<![\w*])\*(\S.*?\S|\S)\*(?![\w*])", r"<i>\1</i>", s, flags=re.S)
    s = s.replace("**", "").replace("\\*", "*").replace("\\_", "_")
    return s


def cells(values):
    """A cell's paragraphs, one per value, in the smaller type of a header table."""
    return "".join(f'<p><font size="2">{inline(v)}</font></p>' for v in values)


# Widths in pixels (680 = the text width of the page): LibreOffice's HTML import drops a percentage
# width once the document runs past its first page.


def header_table(rows):
    """rows: (label, [values]) spanning both value columns, or (label, [left], [right])."""
    out = ['<table width="680" cellpadding="4" cellspacing="0" border="0">']
    for row in rows:
        label = f'<td width="150" valign="top"><p><font size="2"><b>{e(row[0])}</b></font></p></td>'
        if len(row) == 2:
            out.append(f'<tr>{label}<td colspan="2" valign="top">{cells(row[1])}</td></tr>')
        else:
            out.append(f'<tr>{label}<td width="265" valign="top">{cells(row[1])}</td>'
                       f'<td width="265" valign="top">{cells(row[2])}</td></tr>')
    out.append("</table>")
    return "\n".join(out)


def two_columns(names):
    """A list of names as a two-column table, filled column by column as on paper."""
    half = (len(names) + 1) // 2
    left, right = names[:half], names[half:]
    rows = []
    for i in range(half):
        r = right[i] if i < len(right) else ""
        rows.append(f'<tr><td width="340" valign="top"><p>{inline(left[i])}</p></td>'
                    f'<td width="340" valign="top"><p>{inline(r)}</p></td></tr>')
    return '<table width="680" cellpadding="2" cellspacing="0" border="0">' + "".join(rows) + "</table>"


def markdownish(lines, headings=(), bold_lines=()):
    """Seed lines to HTML: Markdown headings and lists as such, `headings` (level, text) pairs and
    `bold_lines` as given, blank-line separated paragraphs (a line break inside)."""
    heading_of = {text: level for level, text in headings}
    out, para, lst = [], [], None

    def flush():
        nonlocal para, lst
        if para:
            out.append("<p>" + inline("\n".join(para)).replace("\n", "<br/>") + "</p>")
            para = []
        if lst:
            tag = lst[0]
            out.append(f"<{tag}>" + "".join(f"<li><p>{x}</p></li>" for x in lst[1]) + f"</{tag}>")
            lst = None

    for raw in lines:
        line = raw.rstrip()
        s = line.strip()
        if not s:
            flush()
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", s)
        if m:
            flush()
            level = len(m.group(1))
            out.append(f"<h{level}>{inline(m.group(2))}</h{level}>")
            continue
        if s in heading_of:
            flush()
            out.append(f"<h{heading_of[s]}>{inline(s)}</h{heading_of[s]}>")
            continue
        if s in bold_lines:
            flush()
            out.append(f"<p><b>{inline(s)}</b></p>")
            continue
        m = re.match(r"^([-*•]|\d+\.)\s+(.*)$", s)
        if m and not para:
            tag = "ol" if m.group(1)[0].isdigit() else "ul"
            if lst and lst[0] != tag:
                flush()
            lst = lst or (tag, [])
            lst[1].append(inline(m.group(2)))
            continue
        if lst:
            flush()
        para.append(s)
    flush()
    return "\n".join(out)


def page(title, header, footer, body):
    return f"""<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>{e(title)}</title>
<style>body {{ font-family: 'Liberation Sans'; font-size: 11pt }} td p {{ margin: 0 }}</style></head><body>
<div title="header"><p>{e(header)}</p></div>
{body}
<div title="footer"><p>{footer}</p></div>
</body></html>
"""


PAGE = "Sida <sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield>"


def split_names(cell, names):
    """Checks that `names` are the seed cell's text, in order, and returns them."""
    joined = " ".join(names)
    assert re.sub(r"\s+", " ", cell.strip()) == joined, (cell, joined)
    return names


def doc_000():
    lines = seed("000")
    cell = dict(l.split("\t", 1) for l in lines[4:11])
    beslutande = split_names(cell["Beslutande"], [
        "Andreas Erlandsson (S), ordförande", "Anders Johansson (C), vice ordförande", "Ilko Corkovic (S)",
        "Johan Jonsson (C)", "Lars Rosander (C)", "Hanne Lindqvist (M)", "Matilda Wärenfalk (S)",
        "Tobias Fagergård (S)", "Henrik Nilsson Bokor (S)", "Helen Nilsson (S)", "Harald Hjalmarsson (M)"])
    ovriga = split_names(cell["Övriga deltagare"], [
        "Cecilia Frid, förbundschef", "Ulrika Ericsson, sekreterare", "Jessica Leksell", "Lennart Saxberg §33",
        "Matilda Tonentschuk §33"])
    ej = split_names(cell["Ej tjänstgörande"], ["Henric Gustavsson (C)", "Åke Bergh (M)"])
    table = header_table([
        ("Organ", [cell["Organ"]]),
        ("Plats och tid", ["Digitalt via Teams", "Torsdagen den 12 september 2024, kl. 09.00-10.30"]),
        ("Beslutande", beslutande[:6], beslutande[6:]),
        ("Ej tjänstgörande", ej),
        ("Övriga deltagare", ovriga),
        ("Utses att justera", [cell["Utses att justera"]]),
        ("Paragrafer", [cell["Paragrafer"]]),
    ])
    body = []
    for raw in lines[11:150]:
        s = raw.strip()
        # The page numbers of the PDF the seed was copied from are no part of the text.
        if re.fullmatch(r"\d{1,3}", s):
            continue
        body.append(s.replace("barn och unga, 35 psykisk", "barn och unga, psykisk"))
    paragraphs = [s for s in body if s.startswith("§ ")]
    text = markdownish(body, headings=[(1, s) for s in paragraphs] + [(2, "Bakgrund"), (2, "Beslut")])
    signatures = ('<table width="680" cellpadding="4"><tr>'
                  + "".join(f'<td valign="top"><p>{e(n)}<br/>{e(r)}</p></td>' for n, r in [
                      ("Andreas Erlandsson", "ordförande"), ("Henrik Nilsson Bokor", "justerare"),
                      ("Ulrika Ericsson", "sekreterare")])
                  + "</tr></table>")
    return page("Protokoll styrelsen 2024-09-12", "Kommunförbundet Kalmar län · Protokoll · Styrelsen 2024-09-12",
                PAGE, table + "\n" + text + "\n" + signatures)


def doc_001():
    lines = seed("001")
    items = [l.strip() for l in lines if re.match(r"^\d{1,2}\. [A-ZÅÄÖN]", l.strip())]
    subs = ["Överenskommelse ungdomsmottagningar", "Byte av deltagare i samordnande grupp",
            "Slutrapport handlingsplan 13–29", "Brukarstyrd brukarrevision", "Informationsöverföringsgruppens uppdrag"]
    # The running footer block (lines 76-84, 221-228) and header (213) of the original PDF go to
    # the page header and footer, and the attendance to two-column tables.
    main = [l for i, l in enumerate(lines[:150], 1) if not 74 <= i <= 84]
    body = []
    for l in main:
        if l.strip().startswith("Beslut:"):
            body.append("**Beslut:**" + l.strip()[len("Beslut:"):])
        else:
            body.append(l)
    text = markdownish(body, headings=[(1, lines[2].strip())] + [(2, s) for s in items] + [(3, s) for s in subs])
    present = [l.strip() for l in lines[152:196] if l.strip()]
    others = [l.strip() for l in lines[198:218] if l.strip() and l.strip() != "RS 2022/195"]
    attendance = (f"<h2>{e(lines[150].strip())}</h2>\n{two_columns(present)}\n"
                  f"<h2>{e(lines[196].strip())}</h2>\n{two_columns(others)}")
    footer = ("Länsgemensam ledning i samverkan<br/>Inom socialtjänst och angränsande område hälso- och sjukvård samt "
              "skolan i Kalmar län<br/>" + PAGE)
    return page(lines[2].strip(), "RS 2022/195", footer, text + "\n" + attendance)


def doc_003():
    lines = seed("003")
    titles = ["Välkommen", "Inledning", "Coronapandemin och fortsatt arbete [Bildspel 1](#)",
              "Fakta om Kalmar län [Bildspel 2](#)", "Regionala styrdokumentet 2021-2022", "Beslut"]
    text = markdownish(lines[:88], headings=[(1, lines[2].strip())] + [(2, t) for t in titles])
    people = [l.split("\t") for l in lines[89:162] if "\t" in l]
    rows = "".join(f'<tr><td width="340"><p>{e(n)}</p></td><td width="340"><p>{e(o)}</p></td></tr>' for n, o in people)
    table = f'<table width="680" cellpadding="2" cellspacing="0">{rows}</table>'
    tail = markdownish(lines[162:])
    return page(lines[2].strip(), "Presidiekonferens Läns gemensam ledning 2020-10-02", PAGE,
                text + "\n" + table + "\n" + tail)


def doc_002_protokoll():
    lines = seed("002", 281, 507)
    cell = {}
    for l in lines[:6]:
        parts = l.split("\t")
        cell[re.sub(r"</?b>", "", parts[0])] = parts[1:]
    beslutande = split_names(cell["Beslutande"][0], [
        "Leif Karlsson (M)", "Folke Pleijert (KD)", "Åke Gustavsson (S)", "Roger Holmberg (S)",
        "Michael Granstedt (S)", "Marie Holmgren (S)", "Lars Johansson (V)", "Maria Nordensten (M)"])
    names = split_names(cell["Övriga deltagare"][0], [
        "Andreas Erlandsson (S)", "Cecilia Frid", "Caroline Kamnert", "Ulrika Ericsson", "Jessica Lekselius",
        "Klaus Leidecker"])
    functions = split_names(cell["Övriga deltagare"][1], [
        "ordf styrelsen", "förbundschef", "ekonom", "förbundssekreterare", "verksamhetschef", "revisor"])
    table = header_table([
        ("Organ", [cell["Organ"][0]]),
        ("Plats och tid", ["Digitalt via Teams", "Torsdagen den 25 april, kl. 09.00-10.00"]),
        ("Beslutande", beslutande[:4], beslutande[4:]),
        ("Övriga deltagare", names, functions),
        ("Utses att justera", [cell["Utses att justera"][0]]),
        ("Paragrafer", [cell["Paragrafer"][0]]),
    ])
    text = markdownish(lines[6:], bold_lines=[l.strip() for l in lines if re.fullmatch(r"§ \d+", l.strip())])
    return page("Protokoll förbundsmöte 2024-04-25", "Kommunförbundet Kalmar län · Protokoll · Förbundsmöte 2024-04-25",
                PAGE, table + "\n" + text)


def sandlista(rows, header):
    out = ['<table width="680" cellpadding="3" cellspacing="0">',
           "<tr>" + "".join(f'<td width="{w}"><p><b>{e(h)}</b></p></td>' for h, w in zip(header, ["160", "260", "260"])) + "</tr>"]
    for r in rows:
        out.append(f"<tr><td><p><b>{inline(r[0])}</b></p></td>" + "".join(f"<td><p>{inline(c)}</p></td>" for c in r[1:]) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def agenda(items):
    """Agenda items as a numbered list: the title in bold, its lines as paragraphs of the item."""
    out = ["<ol>"]
    for title, more in items:
        out.append(f"<li><p><b>{inline(title)}</b></p>" + "".join(f"<p>{inline(m)}</p>" for m in more) + "</li>")
    out.append("</ol>")
    return "\n".join(out)


def doc_002_kallelse():
    lines = seed("002", 513, 583)
    head = markdownish([l.replace("  ", "") for l in lines[:29]])
    rows = [[re.sub(r"</?[bi]>", "", c) for c in l.split("\t")] for l in lines[32:44]]
    table = sandlista(rows, ["", "Ombud förbundsmöte", "Ersättare för kännedom"])
    items = []
    for l in lines[47:]:
        s = l.strip()
        m = re.match(r"^- \d+\. (.*?)\*\*\s*$", l)
        if m:
            items.append((m.group(1), []))
        elif s and items:
            items[-1][1].append(s)
    body = (head + "\n<h2>Sändlista</h2>\n" + table + f"\n<h2>{inline(lines[45].strip()[3:])}</h2>\n" + agenda(items))
    return page("Kallelse förbundsmöte 2024-04-25", "Kommunförbundet Kalmar län · Kallelse · Förbundsmöte", PAGE, body)


def doc_004_kallelse():
    lines = seed("004", 1, 80)
    head = markdownish(lines[:31], headings=[(1, "Styrelsemöte"), (2, "Kommunförbundet Kalmar län"), (3, "Information")])
    rows = [l.split("\t") for l in lines[36:48]]
    table = sandlista(rows, lines[35].split("\t"))
    items = []
    for l in lines[53:]:
        s = l.strip()
        m = re.match(r"^\d+\. (.*)$", s)
        if m:
            items.append((m.group(1), []))
        elif s and items:
            items[-1][1].append(s)
    body = (head + f"\n<h2>{e(lines[33].strip())}</h2>\n" + table + f"\n<h2>{e(lines[51].strip())}</h2>\n" + agenda(items))
    return page("Kallelse styrelsen 2024-06-13", "Kommunförbundet Kalmar län · Kallelse · Styrelsen 2024-06-13", PAGE, body)


DOCUMENTS = {
    "000-styrelsen-protokoll-2024-09-12": doc_000,
    "001-lansgemensam-ledning-protokoll-2022-11-25": doc_001,
    "002-forbundsmotet-protokoll-2024-04-25": doc_002_protokoll,
    "002-forbundsmotet-kallelse-2024-04-25": doc_002_kallelse,
    "003-presidiekonferensen-protokoll-2020-10-02": doc_003,
    "004-styrelsen-kallelse-2024-06-13": doc_004_kallelse,
}


def image_pdf(pgm):
    """A one-page PDF holding only a grayscale image (a binary PGM from pdftoppm), as a scanner
    makes it: no text layer."""
    magic, width, height, maxval, pixels = pgm.split(maxsplit=4)
    assert magic == b"P5" and maxval == b"255"
    width, height = int(width), int(height)
    idat = zlib.compress(pixels[: width * height])
    w, h = 595, round(595 * height / width)
    content = f"q {w} 0 0 {h} 0 {842 - h} cm /Im0 Do Q".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        (f"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray "
         f"/BitsPerComponent 8 /Filter /FlateDecode /Length {len(idat)} >>\nstream\n").encode() + idat + b"\nendstream",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def soffice(args, cwd):
    subprocess.run(["soffice", "--headless", *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def main():
    OUT.mkdir(exist_ok=True)
    bad = OUT / "bad"
    bad.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name, make in DOCUMENTS.items():
            (tmp / f"{name}.html").write_text(make(), encoding="utf-8")
            soffice(["--convert-to", 'docx:MS Word 2007 XML', f"{name}.html"], tmp)
            soffice(["--convert-to", "pdf", f"{name}.docx"], tmp)
            for ext in ("docx", "pdf"):
                shutil.copy(tmp / f"{name}.{ext}", OUT / f"{name}.{ext}")
            with zipfile.ZipFile(OUT / f"{name}.docx") as z:
                xml = z.read("word/document.xml").decode()
            assert 'w:pStyle w:val="Heading1"' in xml or 'w:pStyle w:val="Heading2"' in xml, name
            print(f"{name}: docx {len(xml)} B of XML, headings "
                  f"{len(re.findall(r'w:pStyle w:val=.Heading[0-9]', xml))}, tables {xml.count('<w:tbl>')}")

        # Bad inputs. A scan: the first page of 000 as an image, in a PDF without text.
        first = OUT / "000-styrelsen-protokoll-2024-09-12.pdf"
        subprocess.run(["pdftoppm", "-gray", "-r", "60", "-f", "1", "-l", "1", str(first), str(tmp / "scan")], check=True)
        pgm = next(tmp.glob("scan*.pgm"))
        (bad / "scanned.pdf").write_bytes(image_pdf(pgm.read_bytes()))
        subprocess.run(["qpdf", "--encrypt", "hemligt", "hemligt", "256", "--", str(first), str(bad / "encrypted.pdf")],
                       check=True)
        data = first.read_bytes()
        (bad / "corrupt.pdf").write_bytes(data[:800] + b"\n%% cut off here\n")
        docx = (OUT / "000-styrelsen-protokoll-2024-09-12.docx").read_bytes()
        (bad / "corrupt.docx").write_bytes(docx[: len(docx) // 2])
        with zipfile.ZipFile(bad / "not-word.docx", "w") as z:
            z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            z.writestr("content.xml", "<office:document-content/>")
        soffice(["--convert-to", "doc:MS Word 97", str(OUT / "000-styrelsen-protokoll-2024-09-12.docx")], tmp)
        shutil.copy(tmp / "000-styrelsen-protokoll-2024-09-12.doc", bad / "old-word.doc")
    print("written to", OUT)


if __name__ == "__main__":
    main()
