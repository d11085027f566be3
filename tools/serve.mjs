// Serves a built app (default: dist/) on loopback with the right MIME types, no caching
// surprises, no directory listings, and the app's Content-Security-Policy (tools/csp.mjs).
// Usage: node tools/serve.mjs [DIR] [PORT] [HOST]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { realpathSync } from 'node:fs';
import { CSP_HEADER } from './csp.mjs';


const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** A static file server for the built app in `root`. */
export function staticServer(root) {
  root = resolve(root);
  return createServer(async (req, res) => {
  res.setHeader('content-security-policy', CSP_HEADER);
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path = normalize(decodeURIComponent(url.pathname));
    if (path.endsWith(sep) || path === '/') path = join(path, 'index.html');
    const file = join(root, path);
    if (!file.startsWith(root + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    const info = await stat(file).catch(() => null);
    if (!info || !info.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (e) {
    res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(String(e));
  }
  });
}

if (process.argv[1] && realpathSync(process.argv[1]) === new URL(import.meta.url).pathname) {
  const root = resolve(process.argv[2] ?? 'dist');
  const port = Number(process.argv[3] ?? 8080);
  const host = process.argv[4] ?? '127.0.0.1';
  staticServer(root).listen(port, host, () => {
    console.log(`Offline Profile Studio: serving ${root} at http://${host}:${port}/`);
  });
}
