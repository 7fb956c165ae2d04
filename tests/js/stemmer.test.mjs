// The browser's Swedish stemmer (themes/default/static/sok/stemmer.js) against the Snowball reference
// vocabulary and against tantivy's own Stemmer(Language::Swedish), run through examples/stems.rs.
// Run from the repository root by scripts/test.sh: node --test tests/js/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stem } from '../../themes/default/static/sok/stemmer.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Beside the repository, where CI has it (see /work/shared/data/snowball-swedish/README.md).
const dataDir = path.resolve(root, '../shared/data/snowball-swedish');

function lines(file) {
  const text = fs.readFileSync(file, 'utf8');
  return text.split('\n').slice(0, text.endsWith('\n') ? -1 : undefined);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'inherit'] });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} failed (${r.error ?? 'exit ' + r.status})`);
  return r.stdout;
}

/** `token<TAB>stem` for every distinct token under `dirs`, from tantivy (examples/stems.rs). */
function rustStems(dirs) {
  const out = run('cargo', ['run', '--release', '--quiet', '--example', 'stems', '--', ...dirs]);
  return out.split('\n').filter(Boolean).map((l) => l.split('\t'));
}

/** The pairs whose JS stem differs from the expected one: [word, expected, js]. */
function mismatches(pairs) {
  return pairs.filter(([w, s]) => stem(w) !== s).map(([w, s]) => [w, s, stem(w)]);
}

test('equals the Snowball reference output on every word of voc.txt', (t) => {
  const voc = path.join(dataDir, 'voc.txt');
  const expected = path.join(dataDir, 'output.txt');
  assert.ok(
    fs.existsSync(voc) && fs.existsSync(expected),
    `Snowball test data missing: expected voc.txt and output.txt in ${dataDir} (../shared/data/snowball-swedish/ from the repository root)`,
  );
  const words = lines(voc);
  const stems = lines(expected);
  assert.equal(words.length, stems.length, 'voc.txt and output.txt differ in length');
  const bad = mismatches(words.map((w, i) => [w, stems[i]]));
  t.diagnostic(`${words.length - bad.length} of ${words.length} words equal`);
  assert.deepEqual(bad.slice(0, 20), [], `${bad.length} words differ (first 20 shown as [word, expected, js])`);
  assert.ok(words.length > 30000, `only ${words.length} words in voc.txt`);
});

test('equals tantivy on every distinct token of the built real site and its content', (t) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'protokoll-stems-'));
  try {
    const site = path.join(tmp, 'public');
    run('cargo', ['run', '--release', '--quiet', '--', 'build', '--output', site]);
    const pairs = rustStems([site, path.join(root, 'content')]);
    const bad = mismatches(pairs);
    t.diagnostic(`${pairs.length - bad.length} of ${pairs.length} distinct tokens equal`);
    assert.deepEqual(bad.slice(0, 20), [], `${bad.length} tokens differ (first 20 shown as [token, tantivy, js])`);
    // The comparison means something only if the corpus has real Swedish words that get stemmed.
    assert.ok(pairs.some(([w, s]) => w === 'beslutet' && s !== w), 'the site has no token "beslutet" that stemming changes');
    assert.ok(pairs.filter(([w, s]) => w !== s).length > 1000, 'fewer than 1000 tokens were changed by stemming');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('equals tantivy on seeded random words of tricky letters and the algorithm\'s suffixes', (t) => {
  // Letters outside ASCII (å ä ö é ü æ ø ß, a letter outside the BMP) around R1 and before suffixes,
  // so the code-point handling is checked where byte and character positions differ.
  const letters = [...'aeiouyäåöbcdfghjklmnprstvxzéüæøß', '𝐚'];
  const suffixes = ['', 'heterna', 'hetens', 'andet', 'arnas', 'heten', 'ornas', 'ades', 'aste', 'erns',
    'ade', 'ast', 'ens', 'het', 'ad', 'as', 'at', 'en', 'es', 'or', 'et', 'a', 'e', 's', 'ets', 'fullt',
    'lig', 'els', 'öst', 'ig', 'dd', 'gd', 'nn', 'dt', 'gt', 'kt', 'tt', 'kometet', 'kreditets', 'östs', 'ligts'];
  let seed = 20260821; // mulberry32: the same words on every run
  const rand = (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) % n;
  };
  const words = [];
  for (let i = 0; i < 20000; i++) {
    let w = '';
    for (let n = rand(7); n > 0; n--) w += letters[rand(letters.length)];
    w += suffixes[rand(suffixes.length)] + (rand(4) === 0 ? suffixes[rand(suffixes.length)] : '');
    words.push(w);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'protokoll-stems-'));
  try {
    fs.writeFileSync(path.join(tmp, 'words.txt'), words.join('\n'));
    const pairs = rustStems([tmp]);
    const bad = mismatches(pairs);
    t.diagnostic(`${pairs.length - bad.length} of ${pairs.length} distinct random tokens equal`);
    assert.deepEqual(bad.slice(0, 20), [], `${bad.length} tokens differ (first 20 shown as [token, tantivy, js])`);
    assert.ok(pairs.some(([w]) => w.includes('𝐚')), 'no token with a letter outside the BMP');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
