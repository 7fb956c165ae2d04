// The judgments of the relevance benchmark, read from the Markdown of a site's content/ (never from
// a search engine): every protokoll paragraph, kallelse item and document with its URL, title and
// text, and the resolution of a query's `want` (explicit URLs) and `rule` (patterns over headings,
// paragraph text and document titles, for the synthetic corpus whose pages repeat by design).

import fs from 'node:fs';
import path from 'node:path';

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.md')) out.push(p);
  }
  return out;
}

function split(text) {
  const m = /^\+\+\+\n([\s\S]*?)\n\+\+\+\n?([\s\S]*)$/.exec(text);
  return m ? { front: m[1], body: m[2] } : { front: '', body: text };
}

const field = (front, key) => {
  const m = new RegExp(`^${key}\\s*=\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'm').exec(front);
  return m ? m[1].replace(/\\"/g, '"') : null;
};

/**
 * Every judged unit of the content under `root`: { url, kind, title, text, meeting } where kind is
 * `paragraph` (a protokoll's § or numbered item), `punkt` (a kallelse item) or `dokument`, and
 * `meeting` the URL of the meeting page that prints the paragraph or item in full.
 */
export function units(root) {
  const content = path.join(root, 'content');
  const out = [];
  for (const file of walk(content)) {
    const rel = path.relative(content, file).split(path.sep);
    const { front, body } = split(fs.readFileSync(file, 'utf8'));
    if (rel[0] === 'dokument') {
      const id = field(front, 'id') || path.basename(file, '.md');
      out.push({ url: `/dokument/${id}/`, kind: 'dokument', title: field(front, 'titel') || '', text: front + '\n' + body, meeting: null });
      continue;
    }
    if (rel.length !== 3) continue;
    const [organ, date, name] = rel;
    const meeting = `/${organ}/${date}/`;
    const kallelse = name === 'kallelse.md';
    const parts = body.split(/^## /m).slice(1);
    for (const part of parts) {
      const [heading, ...rest] = part.split('\n');
      const m = /^(?:§\s*)?(\d+[a-z]?)\.?\s+(.*)$/.exec(heading.trim());
      if (!m) continue;
      const url = kallelse ? `${meeting}#punkt-${m[1]}` : `${meeting}${m[1]}/`;
      out.push({ url, kind: kallelse ? 'punkt' : 'paragraph', title: m[2], text: rest.join('\n'), meeting });
    }
  }
  return out;
}

/**
 * The wanted URLs of a query: its explicit `want`, plus what its `rule` selects:
 * `heading` (regex on paragraph and item titles), `text` (regex their text must also match),
 * `kinds` (which units, default all), `doc_title` (regex on document titles), `meetings` (also the
 * meeting pages that print a selected paragraph or item).
 */
export function wanted(query, all) {
  const set = new Set(query.want || []);
  const r = query.rule;
  if (r) {
    const re = (s) => (s ? new RegExp(s, 'iu') : null);
    const heading = re(r.heading);
    const text = re(r.text);
    const docTitle = re(r.doc_title);
    for (const u of all) {
      if (r.kinds && !r.kinds.includes(u.kind)) continue;
      let hit = false;
      if (u.kind === 'dokument') hit = docTitle ? docTitle.test(u.title) && (!text || text.test(u.text)) : false;
      else if (heading) hit = heading.test(u.title) && (!text || text.test(u.text));
      if (!hit) continue;
      set.add(u.url);
      if (r.meetings && u.meeting) set.add(u.meeting);
    }
  }
  return set;
}
