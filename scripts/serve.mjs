#!/usr/bin/env node
// A tiny static file server for the page (no dependencies): serves the repository root on
// 127.0.0.1 only, GET and HEAD only, with the MIME types the page needs (application/wasm
// for streaming instantiation, text/javascript for modules). Refuses paths outside the root
// and hidden files or folders (.git, .venv, ...). Cross-origin isolation headers are set so
// that the page may measure its memory (performance.measureUserAgentSpecificMemory).
//
//   node scripts/serve.mjs [--port N] [--root DIR]     (PORT from the environment, default 8080)
//   import { startServer } from './scripts/serve.mjs'; const { url, close } = await startServer({ port: 0 });
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HOST = '127.0.0.1';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.jsonl': 'application/jsonl; charset=utf-8',
  '.gz': 'application/gzip',
  '.zip': 'application/zip',
  '.ts': 'text/plain; charset=utf-8',
};

const defaultRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Maps a URL path to a file under `root`, or null when it is outside or hidden. */
export function resolvePath(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const parts = decoded.split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '..' || p.startsWith('.'))) return null;
  const file = path.resolve(root, ...parts);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

function handler(root) {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
    }
    let file = resolvePath(root, req.url || '/');
    if (!file) return send(res, 404, 'not found\n');
    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) {
        if (!req.url.split('?')[0].endsWith('/')) {
          return send(res, 301, '', { Location: req.url.split('?')[0] + '/' });
        }
        file = path.join(file, 'index.html');
        return fs.stat(file, (err2, st2) => serveFile(req, res, file, err2 ? null : st2));
      }
      serveFile(req, res, file, err ? null : st);
    });
  };
}

function serveFile(req, res, file, st) {
  if (!st || !st.isFile()) return send(res, 404, 'not found\n');
  const type = MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': st.size,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
  });
  if (req.method === 'HEAD') return res.end();
  fs.createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/** Starts the server; resolves to `{url, port, server, close()}`. Port 0 picks a free port. */
export function startServer({ root = defaultRoot, port = 8080, host = HOST } = {}) {
  const server = http.createServer(handler(path.resolve(root)));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = server.address().port;
      resolve({
        url: `http://${host}:${actual}/`,
        port: actual,
        server,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const flag = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const port = Number(flag('--port') ?? process.env.PORT ?? 8080);
  const root = flag('--root') ?? defaultRoot;
  startServer({ root, port })
    .then(({ url }) => {
      console.log(`[serve] textclf is at ${url}  (serving ${root}; Ctrl-C stops)`);
    })
    .catch((e) => {
      console.error(`[serve] cannot listen on ${HOST}:${port}: ${e.message}`);
      process.exit(1);
    });
}
