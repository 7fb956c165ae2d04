// Shared by the page tests, the search tests and scripts/lighthouse.mjs: a static file server for a
// built site on 127.0.0.1 (folders serve their index.html, a missing file the site's 404 page), at
// the root or under a base path as a larger site's web server would, and headless Chromium.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the files of `root` on 127.0.0.1 at a free port, at `base` (a path such as
 * "/kommun/protokoll", or "" for the root): any other path is not found. Resolves to the server.
 */
export function serve(root, base = '') {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const inside = url.startsWith(base + '/');
    let p = path.join(root, inside ? url.slice(base.length) : '/.not-served');
    if (!p.startsWith(root)) p = root;
    if (fs.existsSync(p) && fs.statSync(p).isDirectory()) p = path.join(p, 'index.html');
    fs.readFile(p, (err, data) => {
      if (err) {
        res.writeHead(404, { 'content-type': TYPES['.html'] });
        res.end(fs.existsSync(path.join(root, '404.html')) ? fs.readFileSync(path.join(root, '404.html')) : '');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(p)] || 'application/octet-stream' });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Headless Chromium (CHROMIUM or /usr/bin/chromium). */
export async function launch() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
