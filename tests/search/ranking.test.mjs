// The browser engine's top 10 equals tantivy's top 10, on the real site and on a synthetic corpus
// built from the sentences of content/ (node --test; needs the release binary and the JS stemmer).

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, compare, engine, missingStemmer, repo, tantivy } from './harness.mjs';
import { generate, random, sentences } from '../../scripts/search/corpus.mjs';

const REAL = [
  ['medlemsavgift'],
  ['medlemsavgiften'],
  ['ersättaren i Nybro'],
  ['ersättare'],
  ['2023/07'],
  ['Dnr 2020/06'],
  ['Marcus Fridlund'],
  ['skolmat'],
  ['budget'],
  ['verksamhetsplan och budget'],
  ['nära vård'],
  ['revisionsberättelse'],
  ['ansvarsfrihet för styrelsen'],
  ['val av justerare'],
  ['Länsstyrelsen'],
  ['motion'],
  ['gängkriminalitet'],
  ['billig daglig maträtt'],
  ['årsredovisning 2023'],
  ['Vimmerby'],
  ['förbundschef'],
  ['Cecilia Frid'],
  ['Andreas Erlandsson'],
  ['digitalt via Teams'],
  ['styrelsen'],
  ['och'],
  ['att'],
  ['beslutar'],
  ['Kommunförbundet Kalmar län'],
  ['negativt resultat'],
  ['styrelsen', { organ: 'styrelsen' }],
  ['beslut', { year: 2024 }],
  ['ersättare', { type: 'beslut' }],
  ['budget', { organ: 'forbundsmotet', year: 2024 }],
  ['finns inte alls xyzzy'],
];

async function check(out, queries) {
  const { engine: e } = await engine(out);
  const entry = await e.open();
  const problems = [];
  for (const [q, filters = {}] of queries) {
    const mine = await e.search(q, filters, 0, 10);
    problems.push(...compare(q, mine, tantivy(out, q, filters), entry.scale, mine.words));
  }
  return problems;
}

test('the engine ranks like tantivy on the real site', async (t) => {
  const out = build(repo);
  const why = missingStemmer(out);
  if (why) return t.skip(why);
  assert.deepEqual(await check(out, REAL), []);
});

test('the engine ranks like tantivy on a synthetic corpus', async (t) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'protokoll-corpus-'));
  generate(root, 400, 7);
  const out = build(root);
  const why = missingStemmer(out);
  if (why) return t.skip(why);
  // Queries drawn from the corpus's own sentences: single words, pairs, a Dnr, and filters.
  const rnd = random(11);
  const words = sentences()
    .flatMap((s) => s.split(/\s+/))
    .map((w) => w.replace(/[^\p{L}\p{N}/]/gu, ''))
    .filter((w) => w.length > 2);
  const pick = () => words[Math.floor(rnd() * words.length)];
  const queries = [];
  for (let i = 0; i < 20; i++) queries.push([pick()]);
  for (let i = 0; i < 10; i++) queries.push([`${pick()} ${pick()}`]);
  queries.push(['1990/05'], ['styrelsen', { year: 1990 }], ['beslut', { organ: 'forbundsmotet' }]);
  assert.deepEqual(await check(out, queries), []);
});

test('with no query every document is listed newest first', async (t) => {
  const out = build(repo);
  const why = missingStemmer(out);
  if (why) return t.skip(why);
  const { engine: e } = await engine(out);
  const r = await e.search('', {}, 0, 50);
  assert.equal(r.total, (await e.open()).docs);
  const dates = r.hits.map((h) => h.card.d).filter(Boolean);
  assert.deepEqual(dates, [...dates].sort().reverse());
});
