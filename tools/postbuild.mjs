// Hardens a release build for the Content-Security-Policy (tools/csp.mjs), which allows no inline
// script: Trunk 0.21 starts the app with an inline <script type="module">, so this moves it into
// a file (init-<hash>.js, with its integrity) and adds the policy as a <meta> to index.html.
// Before that, in every build, it splits the app's wasm into chunks (tools/split.mjs).
//   node tools/postbuild.mjs DIR   hardens DIR/index.html (again: it only checks), fails if any
//                                  inline script is left; run by `make build` and tools/test.sh
//   node tools/postbuild.mjs       as Trunk's post_build hook (Trunk.toml): hardens the staging
//                                  directory of release builds, so a plain `trunk build --release`
//                                  is hardened too; debug builds (`trunk serve`, with its inline
//                                  autoreload script) are left as Trunk made them
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CSP } from './csp.mjs';
import { split, sri } from './split.mjs';

const hook = process.argv[2] === undefined;
const dir = hook ? process.env.TRUNK_STAGING_DIR : process.argv[2];
if (!dir) {
  console.error('usage: node tools/postbuild.mjs DIR (or run as a Trunk hook)');
  process.exit(2);
}
// First the app's wasm is split into the first screen and its areas (tools/split.mjs), in every
// build: Trunk's own JS would import the unsplit placeholders.
try {
  await split(dir, hook ? process.env.TRUNK_PROFILE === 'release' : true);
} catch (e) {
  console.error(`postbuild: ${e.message}`);
  process.exit(1);
}
if (hook && process.env.TRUNK_PROFILE !== 'release') {
  console.log('postbuild: debug build, left as Trunk made it (no Content-Security-Policy)');
  process.exit(0);
}

const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
const inline = (text) => [...text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
  .filter(([, attrs]) => !/\bsrc\s*=/i.test(attrs));

// Trunk's start-up script imports the app's hashed JS: `import init, * as bindings from '/app-<hash>.js'`.
const init = inline(html).find(([, , body]) => /\bimport\s+init\b/.test(body));
if (init) {
  const [tag, , body] = init;
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  // Served from where Trunk serves the app's JS (its public URL).
  const base = body.match(/from\s+'(.*\/)[^/']+'/)?.[1] ?? '/';
  const name = `init-${hash}.js`;
  writeFileSync(join(dir, name), body);
  const integrity = sri(body);
  html = html.replace(tag, () => `<script type="module" src="${base}${name}" integrity="${integrity}"></script>`);
}

const left = inline(html);
if (left.length > 0) {
  const what = `${left.length} inline script(s) left in ${file}, which the Content-Security-Policy would block`;
  if (hook) {
    // `trunk serve --release` injects its autoreload script inline: keep such a build working.
    console.warn(`postbuild: ${what}; no policy added`);
    writeFileSync(file, html);
    process.exit(0);
  }
  console.error(`postbuild: ${what}`);
  process.exit(1);
}

const meta = `<meta http-equiv="Content-Security-Policy" content="${CSP}" />`;
const existing = html.match(/<meta http-equiv="Content-Security-Policy"[^>]*>/i);
if (existing) {
  html = html.replace(existing[0], () => meta);
} else {
  // First in <head> after the charset: a policy in a <meta> covers only what follows it.
  const charset = html.match(/<meta charset[^>]*>/i);
  if (!charset) {
    console.error(`postbuild: no <meta charset> in ${file} to put the policy after`);
    process.exit(1);
  }
  html = html.replace(charset[0], () => `${charset[0]}\n    ${meta}`);
}
writeFileSync(file, html);
console.log(`postbuild: ${file}: ${init ? 'start-up script moved to a file, ' : ''}Content-Security-Policy in place`);
