"""The index opens in tantivy-py 0.27 (as an archivist would use it) and the query rule finds there the
same documents as `protokoll search`. The scores differ: `protokoll search` averages a field's
length over the documents that have the field (src/search/stats.rs), tantivy-py over all of them.

Run: python3 -m unittest tests/search/test_tantivy_py.py (needs the release binary; PROTOKOLL_BIN
overrides its path).
"""

import json
import os
import subprocess
import tempfile
import unittest

import tantivy

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("PROTOKOLL_BIN", os.path.join(REPO, "target", "release", "protokoll"))
# The fields a query searches and their boosts, as src/search/schema.rs has them: whole words,
# compound parts (half a whole word), and the keys of case numbers.
TEXT_FIELDS = [("title", 3.0), ("decision", 2.0), ("people", 1.5), ("text", 1.0)]
PART_FIELDS = [("title_parts", 1.5), ("decision_parts", 1.0), ("text_parts", 0.5)]
KEY_BOOST = 10.0
OWN_BOOST = 10.0
DNR_MARKERS = {"dnr", "diarienummer", "diarienumret", "diarienr", "ärende", "ärendet", "ärendenummer"}


def swedish():
    """The analyzer the schema names "sv", built from tantivy-py's parts."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stemmer("swedish"))
        .build()
    )


def dnr_key(text):
    """src/search/words.rs `dnr_key`: runs of letters and digits, numbers without leading zeros."""
    runs, cur = [], ""
    for c in text + " ":
        if c.isalnum():
            cur += c
        elif cur:
            runs.append(cur)
            cur = ""
    runs = [(r.lstrip("0") or "0") if r.isdigit() else r.lower() for r in runs]
    return "/".join(runs) if len(runs) >= 2 and any(ch.isdigit() for r in runs for ch in r) else None


def query(index, analyzer, plain, stop_words, text):
    """The query rule of src/search/query.rs for words the index has: every word as its case
    number, or all of its stems, each whole or as a compound part; stop words (the list the build
    exported in sok/index.json) left out unless there is nothing else, and words like Dnr when a
    case number follows."""
    schema = index.schema
    Q, O = tantivy.Query, tantivy.Occur
    read = []
    for word in text.split():
        if not plain.analyze(word):
            continue
        trimmed = word.strip("".join(c for c in word if not c.isalnum()))
        dnr = dnr_key(trimmed) if any(c in trimmed for c in "/-.:") else None
        stop = all(t in stop_words for t in plain.analyze(word))
        read.append((word, dnr, stop, trimmed.lower() in DNR_MARKERS))
    if any(dnr for _, dnr, _, _ in read):
        read = [r for r in read if not r[3]]
    content = [r for r in read if not r[2]]
    words = []
    for word, dnr, _, _ in content or read:
        every_stem = Q.boolean_query(
            [
                (
                    O.Must,
                    Q.boolean_query(
                        [
                            (O.Should, Q.boost_query(Q.term_query(schema, f, s, "freq"), b))
                            for f, b in TEXT_FIELDS + PART_FIELDS
                        ]
                    ),
                )
                for s in analyzer.analyze(word)
            ]
        )
        either = [(O.Should, every_stem)]
        if dnr:
            for f, b in [("keys", KEY_BOOST), ("own", OWN_BOOST)]:
                either.insert(0, (O.Should, Q.boost_query(Q.term_query(schema, f, "dnr:" + dnr, "freq"), b)))
        words.append((O.Must, Q.boolean_query(either)))
    return Q.boolean_query(words)


class TantivyPy(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.out = os.path.join(cls.tmp.name, "public")
        subprocess.run([BIN, "build", "--root", REPO, "--output", cls.out], check=True,
                       stderr=subprocess.DEVNULL)
        cls.index = tantivy.Index.open(os.path.join(cls.out, "sok", "tantivy"))
        cls.analyzer = swedish()
        cls.plain = (
            tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.remove_long(40))
            .filter(tantivy.Filter.lowercase())
            .build()
        )
        cls.index.register_tokenizer("sv", cls.analyzer)
        with open(os.path.join(cls.out, "sok", "index.json"), encoding="utf-8") as f:
            cls.stop_words = set(json.load(f)["stop_words"])

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def cli(self, q, limit=5):
        out = subprocess.run([BIN, "search", q, "--output", self.out, "--json", "--limit", str(limit)],
                             check=True, capture_output=True, text=True).stdout
        return json.loads(out)

    def test_every_document_is_there(self):
        searcher = self.index.searcher()
        count = searcher.search(tantivy.Query.all_query(), 1).count
        self.assertEqual(searcher.num_docs, count)
        self.assertGreater(count, 200)

    def test_the_query_rule_finds_the_documents_protokoll_search_finds(self):
        searcher = self.index.searcher()
        for q in ["medlemsavgift", "ersättaren i Nybro", "2023/07", "Dnr 2020-26",
                  "verksamhetsplan och budget", "Marcus Fridlund", "nära vård", "och", "avgift"]:
            with self.subTest(q=q):
                ours = {h["url"] for h in self.cli(q, 1000)}
                hits = searcher.search(
                    query(self.index, self.analyzer, self.plain, self.stop_words, q), 1000).hits
                theirs = {searcher.doc(a)["url"][0] for _, a in hits}
                self.assertTrue(ours, q)
                self.assertEqual(theirs, ours)

    def test_query_parser_finds_word_forms(self):
        # An archivist's own query through tantivy's parser, with the same analyzer.
        q = self.index.parse_query("ersättaren", [f for f, _ in TEXT_FIELDS])
        titles = [self.index.searcher().doc(a)["title"][0]
                  for _, a in self.index.searcher().search(q, 50).hits]
        self.assertTrue(any("ersättare " in t + " " for t in titles), titles)


if __name__ == "__main__":
    unittest.main()
