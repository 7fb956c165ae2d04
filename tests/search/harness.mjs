// Shared by the search tests: build a site with the protokoll binary, query it with tantivy
// (`protokoll search --json`) and with the browser engine over the exported files.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

export const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const bin = process.env.PROTOKOLL_BIN || path.join(repo, 'target', 'release', 'protokoll');

/** Builds the site at `root` into a fresh temporary output; returns the output directory. */
export function build(root) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'protokoll-search-')), 'public');
  execFileSync(bin, ['build', '--root', root, '--output', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  return out;
}

/** Why the engine cannot run yet, or null: the stemmer module comes from its own branch. */
export function missingStemmer(out) {
  const p = path.join(out, 'sok', 'stemmer.js');
  return fs.existsSync(p) ? null : `${p} is missing (the JS Swedish stemmer is not merged yet)`;
}

/** tantivy's ranking via the CLI. */
export function tantivy(out, q, filters = {}, limit = 30) {
  const args = ['search', q, '--output', out, '--json', '--limit', String(limit)];
  if (filters.organ) args.push('--organ', filters.organ);
  if (filters.year) args.push('--year', String(filters.year));
  if (filters.type) args.push('--type', filters.type);
  return JSON.parse(execFileSync(bin, args, { encoding: 'utf8' }));
}

/** The browser engine over the files of `out`, counting requests and bytes. */
export async function engine(out) {
  const { Engine } = await import(pathToFileURL(path.join(out, 'sok', 'engine.js')).href);
  const stats = { requests: 0, bytes: 0, files: [] };
  const load = async (url, kind) => {
    const bytes = fs.readFileSync(path.join(out, decodeURIComponent(url)));
    stats.requests += 1;
    stats.bytes += bytes.length;
    stats.files.push(url);
    return kind === 'json' ? JSON.parse(bytes.toString('utf8')) : new Uint8Array(bytes);
  };
  return { engine: new Engine(load), stats };
}

/**
 * Checks that the engine's top 10 is tantivy's top 10. Scores are quantized to 1/scale per term,
 * so two documents whose tantivy scores differ by less than the quantization bound may swap; every
 * other difference is reported. Returns a list of problems (empty when equal).
 */
export function compare(q, mine, theirs, scale, words) {
  const terms = words.reduce((n, w) => n + w.stems.length + 1, 0);
  const tol = terms / scale + 1e-4;
  const problems = [];
  const score = new Map(theirs.map((h) => [h.url, h.score]));
  const top = theirs.slice(0, 10);
  const mineUrls = mine.hits.map((h) => h.card.u);
  if (mineUrls.length !== top.length) problems.push(`${q}: ${mineUrls.length} hits, tantivy ${top.length}`);
  if (theirs.length < 30 && mine.total !== theirs.length) problems.push(`${q}: total ${mine.total}, tantivy ${theirs.length}`);
  const tenth = top.length ? top[top.length - 1].score : 0;
  for (const h of top) {
    if (!mineUrls.includes(h.url) && Math.abs(h.score - tenth) > tol) {
      problems.push(`${q}: tantivy's ${h.url} (${h.score}) missing from the engine's top 10`);
    }
  }
  let prev = Infinity;
  for (const h of mine.hits) {
    const t = score.get(h.card.u);
    if (t === undefined) {
      if (h.score < tenth - tol || h.score > tenth + tol) problems.push(`${q}: engine's ${h.card.u} is not in tantivy's results`);
      continue;
    }
    if (Math.abs(t - h.score) > tol) problems.push(`${q}: ${h.card.u} scores ${h.score}, tantivy ${t}`);
    if (t > prev + tol) problems.push(`${q}: ${h.card.u} (${t}) ranked after a lower tantivy score (${prev})`);
    prev = Math.min(prev, t);
  }
  return problems;
}
