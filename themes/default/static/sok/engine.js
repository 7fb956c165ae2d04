// The search engine of /sok/: reads the static export (docs/SEARCH.md) and ranks documents exactly
// as `protokoll search` does with tantivy: same analyzer, same query rule, BM25 precomputed per
// (term, document). No DOM here, so node runs it in the tests against the exported files.

import { stem } from './stemmer.js';

const ALNUM = /[\p{Alphabetic}\p{N}]/u;
const MAX_TOKEN_BYTES = 40;
const utf8 = new TextEncoder();

/** Lower case, one code point at a time (as tantivy's LowerCaser: no context rules). */
function lower(s) {
  let out = '';
  for (const c of s) out += c.toLowerCase();
  return out;
}

/** tantivy's SimpleTokenizer + RemoveLongFilter(40) + LowerCaser, without stemming. */
export function tokens(text) {
  const out = [];
  let cur = '';
  const push = () => {
    if (cur && utf8.encode(cur).length < MAX_TOKEN_BYTES) out.push(lower(cur));
    cur = '';
  };
  for (const c of text) {
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

/**
 * The words of a query (see src/search/query.rs): whitespace-separated, each with its Dnr form and
 * stems; stop words (`stopWords`, a Set from the entry) left out unless there is nothing else.
 */
export function words(query, stopWords = new Set()) {
  const all = query
    .split(/\s+/u)
    .filter(Boolean)
    .map((w) => {
      const t = tokens(w);
      return {
        dnr: w.replace(/^[^\p{Alphabetic}\p{N}]+|[^\p{Alphabetic}\p{N}]+$/gu, ''),
        stems: t.map(stem),
        stop: t.length > 0 && t.every((x) => stopWords.has(x)),
      };
    })
    .filter((w) => w.stems.length > 0);
  const onlyStop = all.every((w) => w.stop);
  return all.filter((w) => onlyStop || !w.stop).map(({ dnr, stems }) => ({ dnr, stems }));
}

/** Compares strings by code point, as Rust orders the term dictionary. */
function cmp(a, b) {
  const x = a[Symbol.iterator]();
  const y = b[Symbol.iterator]();
  for (;;) {
    const p = x.next();
    const q = y.next();
    if (p.done || q.done) return p.done && q.done ? 0 : p.done ? -1 : 1;
    const d = p.value.codePointAt(0) - q.value.codePointAt(0);
    if (d) return d;
  }
}

function reader(bytes) {
  let pos = 0;
  return {
    varint() {
      let v = 0;
      let mul = 1;
      for (;;) {
        const b = bytes[pos++];
        v += (b & 0x7f) * mul;
        if (b < 0x80) return v;
        mul *= 128;
      }
    },
    bytes(n) {
      const s = bytes.subarray(pos, pos + n);
      pos += n;
      return s;
    },
  };
}

/** Doc deltas then scores: one posting list, as [docs, scores]. */
function readPostings(r, n) {
  const docs = new Uint32Array(n);
  const scores = new Uint32Array(n);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    prev = i === 0 ? r.varint() : prev + r.varint();
    docs[i] = prev;
  }
  for (let i = 0; i < n; i++) scores[i] = r.varint();
  return { docs, scores };
}

const text = new TextDecoder();

function readShard(bytes) {
  const r = reader(bytes);
  const terms = new Map();
  let prev = new Uint8Array(0);
  const count = r.varint();
  for (let i = 0; i < count; i++) {
    const shared = r.varint();
    const suffix = r.bytes(r.varint());
    const key = new Uint8Array(shared + suffix.length);
    key.set(prev.subarray(0, shared));
    key.set(suffix, shared);
    prev = key;
    const df = r.varint();
    terms.set(text.decode(key), readPostings(r, df));
  }
  return terms;
}

function readTop(bytes) {
  const r = reader(bytes);
  const df = r.varint();
  const n = r.varint();
  const docs = new Uint32Array(n);
  const scores = new Uint32Array(n);
  for (let i = 0; i < n; i++) docs[i] = r.varint();
  for (let i = 0; i < n; i++) scores[i] = r.varint();
  return { docs, scores, df };
}

function readColumn(bytes, n) {
  const r = reader(bytes);
  const col = new Uint16Array(n);
  let at = 0;
  while (at < n) {
    const v = r.varint();
    const len = r.varint();
    col.fill(v, at, at + len);
    at += len;
  }
  return col;
}

function toMap({ docs, scores }) {
  const m = new Map();
  for (let i = 0; i < docs.length; i++) m.set(docs[i], scores[i]);
  return m;
}

/** The filter names of the URL and the columns they read. */
export const FILTERS = [
  ['organ', 'organ'],
  ['ar', 'year'],
  ['typ', 'type'],
];

/**
 * A search over one export. `load(url, kind)` returns a Promise of a Uint8Array ('bin') or parsed
 * JSON ('json'); it is the only I/O, so tests and the browser bring their own.
 */
export class Engine {
  constructor(load, entryUrl = '/sok/index.json') {
    this.load = load;
    this.entryUrl = entryUrl;
    this.cache = new Map();
    this.entry = null;
  }

  /** Fetches the entry file (once). */
  async open() {
    if (!this.entry) {
      this.entry = await this.load(this.entryUrl, 'json');
      this.commonIndex = new Map(this.entry.common.map((t, i) => [t, i]));
      this.stopWords = new Set(this.entry.stop_words || []);
    }
    return this.entry;
  }

  fetch(path, kind, parse) {
    if (!this.cache.has(path)) {
      this.cache.set(path, this.load(this.entry.base + path, kind).then(parse));
    }
    return this.cache.get(path);
  }

  shardOf(key) {
    const b = this.entry.shards;
    let lo = 0;
    let hi = b.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cmp(b[mid], key) <= 0) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** A Promise of the postings of `key` as [docs, scores], or null when the index lacks it. */
  postings(key, topOnly) {
    const c = this.commonIndex.get(key);
    if (c !== undefined) {
      return topOnly
        ? this.fetch(`t/${c}.bin`, 'bin', readTop)
        : this.fetch(`p/${c}.bin`, 'bin', (b) => {
            const r = reader(b);
            return readPostings(r, r.varint());
          });
    }
    if (!this.entry.shards.length) return Promise.resolve(null);
    const s = this.shardOf(key);
    return this.fetch(`s/${s}.bin`, 'bin', readShard).then((m) => m.get(key) || null);
  }

  /** The filter column `name` (organ, year, type): per document 0 (none) or 1 + index. */
  column(name) {
    return this.fetch(`f/${name}.bin`, 'bin', (b) => readColumn(b, this.entry.docs));
  }

  /** Result cards of documents `ids`, fetched by bucket. */
  async cards(ids) {
    const size = this.entry.bucket;
    const buckets = await Promise.all(
      ids.map((d) => this.fetch(`c/${Math.floor(d / size)}.json`, 'json', (x) => x)),
    );
    return ids.map((d, i) => buckets[i][d % size]);
  }

  /**
   * Runs a query. `filters` has organ (id), year (number) and type (key); `offset` and `limit`
   * page the hits. Returns { total, hits: [{ doc, score, card }], words }.
   */
  async search(q, filters = {}, offset = 0, limit = 10) {
    const entry = await this.open();
    const ws = words(q || '', this.stopWords);
    const active = FILTERS.filter(([, col]) => filters[col] != null && filters[col] !== '');
    const columns = Promise.all(active.map(([, col]) => this.column(col)));
    let matches; // [doc, score] in rank order
    if (ws.length === 0) {
      matches = null;
    } else {
      const single =
        ws.length === 1 && ws[0].stems.length === 1 && active.length === 0 &&
        offset + limit <= entry.top_k && this.commonIndex.has(ws[0].stems[0]);
      matches = await this.rank(ws, single);
    }
    const cols = await columns;
    const want = active.map(([, col]) => this.wanted(col, filters[col]));
    const keep = (d) => cols.every((c, i) => c[d] === want[i]);
    let total;
    let page;
    if (matches === null) {
      const ids = [];
      for (let d = 0; d < entry.docs; d++) if (keep(d)) ids.push(d);
      total = ids.length;
      page = ids.slice(offset, offset + limit).map((d) => [d, 0]);
    } else {
      const kept = active.length ? matches.list.filter(([d]) => keep(d)) : matches.list;
      total = active.length ? kept.length : matches.total;
      page = kept.slice(offset, offset + limit);
    }
    const cards = await this.cards(page.map(([d]) => d));
    return {
      total,
      words: ws,
      hits: page.map(([doc, s], i) => ({ doc, score: s / entry.scale, card: cards[i] })),
    };
  }

  /** The column value a filter wants (1 + index in the entry's list; 0 matches nothing). */
  wanted(col, value) {
    const e = this.entry;
    if (col === 'organ') return e.organs.findIndex(([id]) => id === value) + 1;
    if (col === 'year') return e.years.indexOf(Number(value)) + 1;
    return e.types.findIndex(([k]) => k === value) + 1;
  }

  /** Every matching document with its quantized score, best first (ties: newest first). */
  async rank(ws, topOnly) {
    const keys = new Set();
    for (const w of ws) {
      keys.add('#' + w.dnr);
      for (const s of w.stems) keys.add(s);
    }
    const lists = new Map();
    await Promise.all(
      [...keys].map(async (k) => {
        lists.set(k, await this.postings(k, topOnly && !k.startsWith('#')));
      }),
    );
    if (topOnly && lists.get('#' + ws[0].dnr)) return this.rank(ws, false);
    let result = null;
    for (const w of ws) {
      const scores = this.wordScores(w, lists);
      if (result === null) result = scores;
      else {
        const next = new Map();
        for (const [d, s] of result) {
          const t = scores.get(d);
          if (t !== undefined) next.set(d, s + t);
        }
        result = next;
      }
      if (result.size === 0) break;
    }
    const list = [...result].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const total = topOnly ? lists.get(ws[0].stems[0]).df : list.length;
    return { list, total };
  }

  /** One word: documents with its Dnr, or with all its stems; scores summed. */
  wordScores(w, lists) {
    const stemLists = w.stems.map((s) => lists.get(s));
    let all = null;
    if (stemLists.every(Boolean)) {
      const sorted = [...stemLists].sort((a, b) => a.docs.length - b.docs.length);
      all = toMap(sorted[0]);
      for (const l of sorted.slice(1)) {
        const m = toMap(l);
        const next = new Map();
        for (const [d, s] of all) {
          const t = m.get(d);
          if (t !== undefined) next.set(d, s + t);
        }
        all = next;
      }
    }
    const out = all || new Map();
    const dnr = lists.get('#' + w.dnr);
    if (dnr) {
      for (let i = 0; i < dnr.docs.length; i++) {
        const d = dnr.docs[i];
        out.set(d, (out.get(d) || 0) + dnr.scores[i]);
      }
    }
    return out;
  }

  /**
   * Counts per filter value among the documents matching `q` and the other filters, for the
   * filter menus: { organ: Map(index → n), year: …, type: … }. Loads all three columns.
   */
  async counts(q, filters = {}) {
    const entry = await this.open();
    const ws = words(q || '', this.stopWords);
    const [matches, ...cols] = await Promise.all([
      ws.length ? this.rank(ws, false) : null,
      ...FILTERS.map(([, c]) => this.column(c)),
    ]);
    const want = FILTERS.map(([, c]) =>
      filters[c] != null && filters[c] !== '' ? this.wanted(c, filters[c]) : null,
    );
    const out = FILTERS.map(() => new Map());
    const each = (d) => {
      for (let f = 0; f < FILTERS.length; f++) {
        let ok = true;
        for (let g = 0; g < FILTERS.length && ok; g++) {
          if (g !== f && want[g] !== null && cols[g][d] !== want[g]) ok = false;
        }
        if (ok) out[f].set(cols[f][d], (out[f].get(cols[f][d]) || 0) + 1);
      }
    };
    if (matches) for (const [d] of matches.list) each(d);
    else for (let d = 0; d < entry.docs; d++) each(d);
    return Object.fromEntries(FILTERS.map(([, c], i) => [c, out[i]]));
  }
}
