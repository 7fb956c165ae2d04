#!/usr/bin/env python3
"""Makes the Word and PDF test documents of an imported vote, once: a one-paragraph protokoll with a
header table, a Votering section whose roll-call is a real table (Ledamot, Parti, Ja, Nej, Avstår,
marked X, and a Summa row) and a result line. LibreOffice (headless) turns the HTML into .docx and the
.docx into .pdf, as tests/import/make_documents.py does for the seeds; tests/suite/import/vote.rs
imports both and checks the vote.

    python3 tests/import/make_vote_documents.py

Needs LibreOffice Writer; the tests need only the files this writes under tests/import/documents/.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent / "documents"
NAME = "vote-styrelsen-protokoll-2024-09-12"

ROWS = [("Anna Ek", "S", 0), ("Bo Ek", "M", 1), ("Cia Berg", "L", 2), ("Dan Ek", "S", 0)]


def roll_call():
    head = "".join(f"<th>{h}</th>" for h in ["Ledamot", "Parti", "Ja", "Nej", "Avstår"])
    rows = [f"<tr>{head}</tr>"]
    for name, party, choice in ROWS:
        marks = "".join(f"<td>{'X' if i == choice else ''}</td>" for i in range(3))
        rows.append(f"<tr><td>{name}</td><td>{party}</td>{marks}</tr>")
    rows.append("<tr><td>Summa</td><td></td><td>2</td><td>1</td><td>1</td></tr>")
    return '<table border="1">' + "".join(rows) + "</table>"


HTML = f"""<html><head><meta charset="utf-8"></head><body>
<h1>Protokoll</h1>
<table border="1"><tr><td>Organ</td><td>Kommunförbundet Kalmar läns styrelse</td></tr>
<tr><td>Plats och tid</td><td>Kalmar, torsdagen den 12 september 2024, kl. 09.00-10.30</td></tr>
<tr><td>Beslutande</td><td><p>Anna Ek (S), ordförande</p><p>Bo Ek (M)</p><p>Cia Berg (L)</p>
<p>Dan Ek (S)</p></td></tr>
<tr><td>Utses att justera</td><td>Bo Ek (M)</td></tr></table>
<h2>§ 28 Budget 2025</h2>
<p>Dnr 2024/12</p>
<p><b>Propositionsordning</b></p>
<p>Ordföranden ställer proposition på förslagen. Votering begärs.</p>
<p><b>Votering</b></p>
<p>Ja-röst för förslaget, nej-röst för avslag.</p>
{roll_call()}
<p>Med 2 ja-röster mot 1 nej-röst och 1 som avstår bifaller styrelsen förslaget.</p>
<p><b>Beslut</b></p>
<p>Styrelsen beslutar att anta budget 2025.</p>
</body></html>
"""


def soffice(args, cwd):
    subprocess.run(["soffice", "--headless", *args], cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / f"{NAME}.html").write_text(HTML, encoding="utf-8")
        soffice(["--convert-to", "docx:MS Word 2007 XML", f"{NAME}.html"], tmp)
        soffice(["--convert-to", "pdf", f"{NAME}.docx"], tmp)
        for ext in ["docx", "pdf"]:
            shutil.copy(Path(tmp) / f"{NAME}.{ext}", OUT / f"{NAME}.{ext}")


if __name__ == "__main__":
    main()
