// The words of a query, read as src/search/words.rs and src/search/schema.rs read them: Unicode
// NFC, tantivy's simple tokenizer, long tokens dropped, lower case, Swedish stems; case numbers
// (`2020-26`, `Dnr 2020/26`), party codes in parentheses (`(C)`), stop words. Also diacritic
// folding and the edit distance of the typo rule.

import { stem } from './stemmer.js';

const ALNUM = /[\p{Alphabetic}\p{N}]/u;
const MAX_TOKEN_BYTES = 40;
const utf8 = new TextEncoder();

/** Words that only say "case number"; left out when the query has a case number. */
export const DNR_MARKERS = ['dnr', 'diarienummer', 'diarienumret', 'diarienr', 'ärende', 'ärendet', 'ärendenummer'];

/** Lower case, one code point at a time (as tantivy's LowerCaser: no context rules). */
function lower(s) {
  let out = '';
  for (const c of s) out += c.toLowerCase();
  return out;
}

/** tantivy's SimpleTokenizer over NFC text + RemoveLongFilter(40) + LowerCaser, no stemming. */
export function tokens(text) {
  const out = [];
  let cur = '';
  const push = () => {
    if (cur && utf8.encode(cur).length < MAX_TOKEN_BYTES) out.push(lower(cur));
    cur = '';
  };
  for (const c of text.normalize('NFC')) {
    if (ALNUM.test(c)) cur += c;
    else push();
  }
  push();
  return out;
}

/** The stems of `text`, as the index has them. */
export function stems(text) {
  return tokens(text).map(stem);
}

/** `text` without diacritics: decomposed, combining marks dropped. */
export function fold(text) {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

/** Whether `s` is letters only (the words the lexicon holds). */
export function isWord(s) {
  return /^\p{Alphabetic}+$/u.test(s);
}

/** The key a case number is matched by (src/search/words.rs `dnr_key`), or null. */
export function dnrKey(text) {
  const runs = text
    .split(/[^\p{Alphabetic}\p{N}]+/u)
    .filter(Boolean)
    .map((r) => (/^[0-9]+$/.test(r) ? r.replace(/^0+/, '') || '0' : r.toLowerCase()));
  return runs.length >= 2 && runs.some((r) => /[0-9]/.test(r)) ? runs.join('/') : null;
}

function partyCode(word, parties) {
  const w = word.replace(/[,.;:]+$/, '');
  if (!w.startsWith('(') || !w.endsWith(')') || w.length < 2) return null;
  const code = w.slice(1, -1).trim().toLowerCase();
  return code && isWord(code) && parties.includes(code) ? code : null;
}

/**
 * The words of a query: [{ text, dnr, party, slots: [{ token, stem }] }]. Words without any
 * token are dropped; so are stop words unless nothing else remains, and words like `Dnr` when a
 * case number is in the query. `stopWords` is a Set, `parties` the site's party codes.
 */
export function words(query, stopWords = new Set(), parties = []) {
  const all = [];
  for (const raw of query.normalize('NFC').split(/\s+/u).filter(Boolean)) {
    const party = partyCode(raw, parties);
    if (party) {
      all.push({ word: { text: raw, dnr: null, party, slots: [] }, stop: false, marker: false });
      continue;
    }
    const t = tokens(raw);
    if (!t.length) continue;
    const trimmed = raw.replace(/^[^\p{Alphabetic}\p{N}]+|[^\p{Alphabetic}\p{N}]+$/gu, '');
    const dnr = /[/\-.:]/.test(trimmed) ? dnrKey(trimmed) : null;
    all.push({
      word: { text: raw, dnr, party: null, slots: t.map((token) => ({ token, stem: stem(token) })) },
      stop: t.every((x) => stopWords.has(x)),
      marker: DNR_MARKERS.includes(trimmed.toLowerCase()),
    });
  }
  const hasDnr = all.some((w) => w.word.dnr);
  const kept = all.filter((w) => !(hasDnr && w.marker));
  const onlyStop = kept.every((w) => w.stop);
  return kept.filter((w) => onlyStop || !w.stop).map((w) => w.word);
}

/** The optimal string alignment distance of two arrays of characters, or null above `max`. */
export function distance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return null;
  const w = b.length + 1;
  const d = new Array((a.length + 1) * w).fill(0);
  for (let j = 0; j < w; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    d[i * w] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * w + j - 2] + 1);
      d[i * w + j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return null;
  }
  const v = d[a.length * w + b.length];
  return v <= max ? v : null;
}
