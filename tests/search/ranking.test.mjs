// The browser engine's top 10 equals tantivy's top 10 (the same pages, order, scores, match kinds
// and notes), for every kind of query, on the real site and on a synthetic corpus built from the
// sentences of content/; and on the real site every judged query of the relevance benchmark finds
// a wanted page in its first ten (node --test; needs the release binary).

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, compare, engine, missingStemmer, repo, tantivy } from './harness.mjs';
import { generate, random, sentences } from '../../scripts/search/corpus.mjs';

const judged = JSON.parse(fs.readFileSync(path.join(repo, 'scripts/search/relevance/real.json'), 'utf8')).queries;

// One query or more of each kind, beyond the judged ones; [query, filters].
const REAL = [
  ['medlemsavgiften'],
  ['ersättare'],
  ['verksamhetsplan och budget'],
  ['nära vård'],
  ['ansvarsfrihet för styrelsen'],
  ['val av justerare'],
  ['billig daglig maträtt'],
  ['årsredovisning 2023'],
  ['Cecilia Frid'],
  ['digitalt via Teams'],
  ['och'],
  ['att'],
  ['beslutar'],
  ['Kommunförbundet Kalmar län'],
  ['styrelsen', { organ: 'styrelsen' }],
  ['beslut', { year: 2024 }],
  ['ersättare', { type: 'beslut' }],
  ['budget', { organ: 'forbundsmotet', year: 2024 }],
  ['avgift', { type: 'beslut' }],
  ['årsred', { type: 'rapport' }],
  ['(C)', { type: 'person' }],
  ['finns inte alls xyzzy'],
  ['xyzzy'],
  ['gäng kriminell'],
  ['medlemsavgift 2020/06'],
  ['Dnr'],
  ['(S) ordförande'],
  ['ledamot Vimmerby (C)'],
  ['revisor'],
  ['arsredovisning 2023'],
];

async function check(out, queries) {
  const { engine: e } = await engine(out);
  const entry = await e.open();
  const problems = [];
  for (const [q, filters = {}] of queries) {
    const mine = await e.search(q, filters, 0, 10);
    problems.push(...compare(q, mine, tantivy(out, q, filters), entry.scale));
  }
  return problems;
}

test('the engine ranks like tantivy on the real site, for every kind of query', async (t) => {
  const out = build(repo);
  const why = missingStemmer(out);
  if (why) return t.skip(why);
  const queries = REAL.concat(judged.map((j) => [j.q]));
  assert.deepEqual(await check(out, queries), []);
});

test('every judged query of the real site finds a wanted page in its first ten', async (t) => {
  const out = build(repo);
  const why = missingStemmer(out);
  if (why) return t.skip(why);
  const { engine: e } = await engine(out);
  const misses = [];
  const kinds = new Set();
  for (const j of judged) {
    kinds.add(j.class);
    const urls = (await e.search(j.q, {}, 0, 10)).hits.map((h) => h.card.u);
    if (!urls.some((u) => j.want.includes(u))) misses.push(`${j.class} "${j.q}": ${urls.join(' ')}`);
  }
  assert.deepEqual(misses, []);
  assert.deepEqual([...kinds].sort(), ['compound', 'diacritics', 'dnr', 'names', 'partial', 'party', 'plain', 'prefix', 'typo']);
});

test('the engine ranks like tantivy on a synthetic corpus', async (t) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'protokoll-corpus-'));
  generate(root, 400, 7);
  const out = build(root);
  const why = missingStemmer(out);
  if (why) return t.skip(why);
  // Queries drawn from the corpus's own sentences: single words, pairs, the same with a letter
  // dropped or the diacritics taken away, a word's beginning, a Dnr in several forms, filters.
  const rnd = random(11);
  const words = sentences()
    .flatMap((s) => s.split(/\s+/))
    .map((w) => w.replace(/[^\p{L}\p{N}/]/gu, ''))
    .filter((w) => w.length > 2);
  const pick = () => words[Math.floor(rnd() * words.length)];
  const queries = [];
  for (let i = 0; i < 20; i++) queries.push([pick()]);
  for (let i = 0; i < 10; i++) queries.push([`${pick()} ${pick()}`]);
  for (let i = 0; i < 10; i++) {
    const w = [...pick().toLowerCase()].filter((c) => /\p{L}/u.test(c));
    if (w.length < 6) continue;
    const at = 1 + Math.floor(rnd() * (w.length - 2));
    queries.push([w.filter((_, j) => j !== at).join('')]);
    queries.push([w.join('').normalize('NFD').replace(/\p{M}/gu, '')]);
    queries.push([w.slice(0, 5).join('')]);
    queries.push([`${pick()} ${w.slice(0, 4).join('')}`]);
  }
  queries.push(['1990/05'], ['1990-5'], ['Dnr 1990/005'], ['(M)'], ['styrelsen', { year: 1990 }], ['beslut', { organ: 'forbundsmotet' }]);
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

test('every query takes three round trips, fallbacks and partial matches included', async (t) => {
  const out = build(repo);
  const why = missingStemmer(out);
  if (why) return t.skip(why);
  const trips = async (q) => {
    const { engine: e, stats } = await engine(out);
    const r = await e.search(q, {}, 0, 10);
    return { ...stats, r };
  };
  // Words the site has; then words it lacks, each read by a fallback (prefix, variant, suffix,
  // typo, split, two typos in one query, a word of digits only), or by no fallback at all, then
  // partial matches: the lexicon in the entry names the fallback's words before the second trip.
  for (const q of ['medlemsavgift', 'avgift', 'hemsjukvård avtal', '2020-26', '(C)', 'när fick styrelsen ansvarsfrihet']) {
    const s = await trips(q);
    assert.equal(s.trips, 3, `${q}: ${s.files.join(' ')}`);
  }
  const kinds = new Set();
  for (const q of [
    'medlemsavgit',
    'årsred',
    'Fagergard',
    'Fagergard ansvar',
    'skolmat',
    'kriminalitet',
    'medlemsavgit årsredovisnig',
    'tid 2024-03-14 151807',
    'kring laronätverk',
    'xyzzy styrelsen',
  ]) {
    const s = await trips(q);
    assert.ok(s.r.notes.length > 0, `${q} has a word the site lacks`);
    for (const n of s.r.notes) kinds.add(n.kind);
    assert.equal(s.trips, 3, `${q}: ${s.trips} trips: ${s.files.join(' ')}`);
  }
  assert.deepEqual([...kinds].sort(), ['missing', 'prefix', 'split', 'suffix', 'typo', 'variant']);
});

test('a title written decomposed (NFD) is found by a normal query, and the other way round', async (t) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'protokoll-nfd-'));
  fs.cpSync(path.join(repo, 'tests/fixtures/minimal'), root, { recursive: true });
  const title = 'Ny väg till Fagergård'.normalize('NFD');
  fs.writeFileSync(
    path.join(root, 'content/dokument/vag.md'),
    `+++\ntyp = "tjansteskrivelse"\nid = "ny-vag"\ntitel = "${title}"\ndatum = 2024-01-02\norganisation = "testforbundet"\n+++\nEtt beslut om en ny infart.\n`,
  );
  const out = build(root);
  const why = missingStemmer(out);
  if (why) return t.skip(why);
  const { engine: e } = await engine(out);
  const entry = await e.open();
  for (const q of ['Fagergård', 'väg', title, 'infart Fagergård'.normalize('NFD')]) {
    const mine = await e.search(q, {}, 0, 10);
    assert.equal(mine.hits[0]?.card.u, '/dokument/ny-vag/', q);
    assert.deepEqual(mine.notes, [], q);
    assert.deepEqual(compare(q, mine, tantivy(out, q), entry.scale), []);
  }
});

test('a lexicon too large for the entry goes in shards: fallbacks one round trip later, ranked like tantivy', async (t) => {
  // 8,000 invented words of letters only (consonant, vowel, …, k: no Swedish ending to strip),
  // more than the entry carries (ENTRY_WORDS in src/search/export.rs), in a document's text.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'protokoll-lexicon-'));
  fs.cpSync(path.join(repo, 'tests/fixtures/minimal'), root, { recursive: true });
  const [cons, vows] = ['bdfghjlmnprstvz', 'aeiou'];
  let seed = 7;
  const next = (n) => {
    seed = (seed * 48271) % 2147483647; // exact in a double: 48271 × 2³¹ < 2⁵³
    return seed % n;
  };
  const invented = new Set();
  while (invented.size < 8000) {
    let w = '';
    for (let i = 0; i < 3; i++) w += cons[next(cons.length)] + vows[next(vows.length)];
    invented.add(w + 'k');
  }
  const list = [...invented];
  const paragraphs = [];
  for (let i = 0; i < list.length; i += 80) paragraphs.push(list.slice(i, i + 80).join(' ') + '.');
  fs.writeFileSync(
    path.join(root, 'content/dokument/ordlista.md'),
    `+++\ntyp = "tjansteskrivelse"\nid = "ordlista"\ntitel = "Ordlista"\ndatum = 2024-01-02\norganisation = "testforbundet"\n+++\n${paragraphs.join('\n\n')}\n`,
  );
  const out = build(root);
  const why = missingStemmer(out);
  if (why) return t.skip(why);
  const entry = JSON.parse(fs.readFileSync(path.join(out, 'sok/index.json'), 'utf8'));
  assert.equal(entry.words, undefined, 'the lexicon is not in the entry');
  assert.ok(entry.lexicon.length > 1 && entry.reversed.length > 1, 'its shards are named');
  const word = list[4321];
  const typo = word.slice(0, 3) + (word[3] === 'a' ? 'e' : 'a') + word.slice(4);
  assert.ok(!invented.has(typo));
  const queries = [word, typo, word.slice(0, 5), `budget ${typo}`, 'budgett', 'verksamhetsplanen budget'];
  const kinds = new Set();
  for (const q of queries) {
    const { engine: e, stats } = await engine(out);
    const mine = await e.search(q, {}, 0, 10);
    assert.deepEqual(compare(q, mine, tantivy(out, q), entry.scale), [], q);
    assert.ok(mine.hits.length > 0, `${q} finds something`);
    for (const n of mine.notes) kinds.add(n.kind);
    // The lexicon shards are a round trip of their own, only for a word the site lacks.
    assert.equal(stats.trips, mine.notes.length ? 4 : 3, `${q}: ${stats.files.join(' ')}`);
    assert.equal(stats.files.some((f) => /\/[lr]\/\d+\.bin$/.test(f)), mine.notes.length > 0, q);
  }
  assert.ok(kinds.has('typo') && kinds.has('prefix'), [...kinds].join(' '));
});
