// Splits the app's wasm into the first screen and one chunk per area (issue #12: a smaller app).
//
// The areas other than Profiles are split points (`src/ui/areas.rs`, `wasm_split`). Trunk 0.21
// cannot split a wasm, so this runs as part of the post_build hook (tools/postbuild.mjs), on the
// staging directory Trunk has just written, for release and debug builds alike:
//   1. `wasm-split-cli` (crate wasm_split_cli_support, installed by tools/setup.sh) reads the wasm
//      cargo linked (with --emit-relocs, build.rs) and writes the main module, the chunks and the
//      loader `__wasm_split.js`;
//   2. wasm-bindgen makes the main module's JS and wasm again, which replace Trunk's own pair
//      (it still imports the unsplit placeholders) under Trunk's hashed names. Bindgen runs
//      under a short name: the wasm names its JS module in each of its ~400 imports, and
//      Trunk's hashed name there cost 3 KB gzip of the first screen;
//   3. release builds: wasm-opt -Oz on the main module and on every chunk, as Trunk does, two at
//      a time on two cores (SPLIT_WASM_OPT=0 skips it: the crash-screen test's build);
//   4. chunks and the loader get content-hashed names (so no browser or service worker keeps an
//      old chunk beside a new app), `wasm-chunks.json` lists them for the service worker
//      (public/sw.js caches them for offline use), and index.html's integrity attributes are
//      recomputed for the files that changed.
// Idempotent: a directory already split (wasm-chunks.json present) is left as it is.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';

export const CHUNKS = 'wasm-chunks.json';
const APP = 'offline-profile-studio';
// The name wasm-bindgen writes under (the files are then renamed to Trunk's).
const BOUND = 'app';
// The features rustc's wasm32 target uses; wasm-opt must be told for the chunks (they carry no
// target_features section).
const FEATURES = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];

const hash16 = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
/** The subresource-integrity value of `bytes` (also used by tools/postbuild.mjs). */
export const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });

/** wasm-opt -Oz on each file in place, as many at once as there are cores (the main module
 * first: it takes longest). */
async function optimize(files) {
  const opt = promisify(execFile);
  const queue = [...files];
  const worker = async () => {
    for (let file; (file = queue.shift()) !== undefined;) {
      await opt('wasm-opt', ['-Oz', ...FEATURES, file, '-o', file]).catch((e) => {
        throw new Error(`wasm-opt ${file}: ${e.stderr || e.message}`);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, availableParallelism()) }, worker));
}

/** Splits the app in `dir` (a Trunk staging or dist directory); `release` runs wasm-opt. */
export async function split(dir, release) {
  if (existsSync(join(dir, CHUNKS))) return false;
  // Trunk writes its hash in hex without leading zeros: 16 digits, or fewer one time in 16.
  const js = readdirSync(dir).find((f) => new RegExp(`^${APP}-[0-9a-f]{1,16}\\.js$`).test(f));
  if (!js) throw new Error(`split: no ${APP}-<hash>.js in ${dir}`);
  const stem = js.slice(0, -3);
  const target = process.env.CARGO_TARGET_DIR ?? 'target';
  const linked = join(target, 'wasm32-unknown-unknown', release ? 'release' : 'debug', `${APP}.wasm`);
  const work = join(target, 'wasm-split');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'bindgen'), { recursive: true });

  run('wasm-split-cli', [linked, work, '--out-name', stem]);
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--no-demangle',
    '--out-dir', join(work, 'bindgen'), '--out-name', BOUND, join(work, `${stem}.wasm`)]);
  const chunks = readdirSync(work).filter((f) => f.endsWith('.wasm') && f !== `${stem}.wasm`);
  const main = join(work, 'bindgen', `${BOUND}_bg.wasm`);
  if (release && process.env.SPLIT_WASM_OPT !== '0') await optimize([main, ...chunks.map((c) => join(work, c))]);

  // Content-hashed chunk names, written into the loader; then the loader's own hashed name,
  // written into the main module's JS.
  let loader = readFileSync(join(work, '__wasm_split.js'), 'utf8');
  const files = [];
  for (const chunk of chunks) {
    const bytes = readFileSync(join(work, chunk));
    const named = `${chunk.slice(0, -5)}-${hash16(bytes)}.wasm`;
    if (!loader.includes(`"./${chunk}"`)) throw new Error(`split: the loader does not name ${chunk}`);
    loader = loader.replaceAll(`"./${chunk}"`, `"./${named}"`);
    writeFileSync(join(dir, named), bytes);
    files.push(named);
  }
  const loaderName = `__wasm_split-${hash16(loader)}.js`;
  writeFileSync(join(dir, loaderName), loader);
  files.push(loaderName);
  let glue = readFileSync(join(work, 'bindgen', `${BOUND}.js`), 'utf8');
  // The wasm's default address (when the page names none) is the file under Trunk's name.
  const wasmUrl = `new URL('${BOUND}_bg.wasm', import.meta.url)`;
  if (glue.split(wasmUrl).length !== 2) throw new Error(`split: the app JS does not name ${BOUND}_bg.wasm once`);
  glue = glue.replace(wasmUrl, `new URL('${stem}_bg.wasm', import.meta.url)`);
  // Only the `import … from` lines: the wasm's own import module keeps its name.
  const imports = /(\bfrom\s*)(["'])\.\/__wasm_split\.js\2/g;
  if (!imports.test(glue)) throw new Error('split: the app JS does not import ./__wasm_split.js');
  glue = glue.replace(imports, `$1"./${loaderName}"`);
  writeFileSync(join(dir, js), glue);
  copyFileSync(main, join(dir, `${stem}_bg.wasm`));

  // index.html names both files with their integrity.
  const page = join(dir, 'index.html');
  let html = readFileSync(page, 'utf8');
  for (const file of [js, `${stem}_bg.wasm`]) {
    const tag = html.match(new RegExp(`<link[^>]*href="[^"]*${file.replace('.', '\\.')}"[^>]*>`));
    if (!tag) continue;
    const bytes = readFileSync(join(dir, file));
    html = html.replace(tag[0], tag[0].replace(/integrity="[^"]*"/, `integrity="${sri(bytes)}"`));
  }
  writeFileSync(page, html);
  writeFileSync(join(dir, CHUNKS), `${JSON.stringify(files.sort(), null, 1)}\n`);
  console.log(`split: ${APP} → first screen + ${chunks.length} chunks (${CHUNKS})`);
  return true;
}
