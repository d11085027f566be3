#!/usr/bin/env node
// `make bench`: every benchmark of issues #6 and #13 in one table. Runs the native benchmarks
// (`cargo bench`), measures the release wasm, runs the browser benchmarks (Playwright,
// tests/bench/, on its own port), then prints one table — figure | measured | target |
// baseline | met? — and writes the same to target/bench.json with the machine it ran on.
// A missed target never fails the run (figures are noisy); the exit code is non-zero only when
// something could not run (a build missing, a benchmark crashed, a browser step failed).
//
// Usage: node tools/bench.mjs [--dist DIR] [--skip-native] [--skip-browser] [--grep RE]
//   --dist DIR      the release build to measure (default dist/, built by `make build`)
//   --skip-native   no `cargo bench` (quick iterations on the browser figures)
//   --skip-browser  no Playwright
//   --grep RE       only the browser benchmarks whose title matches RE
// Native benchmarks may print machine-readable lines `BENCH name=value [unit]`; they are used
// when present, otherwise the human tables are parsed.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const DIST = resolve(ROOT, option('--dist', 'dist'));
const PORT = option('--port', process.env.BENCH_PORT ?? '4500');
const GREP = option('--grep', null);
const BROWSER_OUT = join(ROOT, 'target/bench-browser.json');
const problems = []; // what could not run

process.env.PATH = `${ROOT}/node_modules/.bin:${process.env.HOME}/.cargo/bin:${process.env.PATH}`;
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';

/** Runs a command, streaming its output to stderr, and returns { code, out }. */
function run(cmd, argv, env = {}) {
  return new Promise((done) => {
    console.error(`\n== ${cmd} ${argv.join(' ')}`);
    const child = spawn(cmd, argv, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; process.stderr.write(d); });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('error', (e) => done({ code: 127, out: String(e) }));
    child.on('close', (code) => done({ code, out }));
  });
}

// ---------------------------------------------------------------- machine
function machine() {
  const git = (...a) => { try { return execFileSync('git', a, { cwd: ROOT }).toString().trim(); } catch { return null; } };
  const commit = git('rev-parse', 'HEAD');
  const dirty = git('status', '--porcelain', '--untracked-files=no');
  let chromium = null;
  try { chromium = execFileSync(process.env.CHROMIUM ?? '/usr/bin/chromium', ['--version']).toString().trim(); } catch { /* none */ }
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memory_gb: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    chromium,
    date: new Date().toISOString(),
    commit: commit ? `${commit.slice(0, 12)}${dirty ? ' (+ uncommitted changes)' : ''}` : null,
    dist: DIST,
  };
}

// ---------------------------------------------------------------- figure 1: wasm size
function wasmSize() {
  if (!existsSync(DIST)) {
    problems.push(`no build in ${DIST} (run make build)`);
    return null;
  }
  // The app's wasm (hashed name) and the engine worker's (engine-worker_bg.wasm, loaded when a
  // simulation starts, not at start-up).
  const files = readdirSync(DIST).filter((f) => f.endsWith('_bg.wasm'));
  const app = files.filter((f) => !f.startsWith('engine-worker'));
  if (app.length !== 1) {
    problems.push(`expected one app *_bg.wasm in ${DIST}, found ${app.length}`);
    return null;
  }
  const measure = (file) => {
    const bytes = readFileSync(join(DIST, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  const worker = files.includes('engine-worker_bg.wasm') ? measure('engine-worker_bg.wasm') : null;
  return { ...measure(app[0]), worker, areas: areaChunks(measure) };
}

/** What opening each area fetches the first time (tools/split.mjs): its own chunk and the shared
 * chunks it needs, read from the chunks' loader; gzip -9 bytes. Null for a build not split. */
function areaChunks(measure) {
  const list = join(DIST, 'wasm-chunks.json');
  if (!existsSync(list)) return null;
  const files = JSON.parse(readFileSync(list, 'utf8'));
  const loader = readFileSync(join(DIST, files.find((f) => f.endsWith('.js'))), 'utf8');
  const size = new Map(files.filter((f) => f.endsWith('.wasm')).map((f) => [f, measure(f).gzip]));
  // `const __chunk_N = makeLoad(… "./chunk_N-<hash>.wasm" …)` and
  // `export const __wasm_split_load_AREA = wrapAsyncCb(makeLoad(… "./split_AREA-<hash>.wasm" …, [__chunk_N, …]))`.
  const file = new Map();
  for (const [, name, f] of loader.matchAll(/const (__chunk_\d+) = makeLoad\([\s\S]*?"\.\/([^"]+\.wasm)"/g)) file.set(name, f);
  const areas = {};
  for (const [, area, own, deps] of loader.matchAll(/__wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\([\s\S]*?"\.\/([^"]+\.wasm)"[\s\S]*?, \[([^\]]*)\]\)\)/g)) {
    const needed = [own, ...deps.split(',').map((d) => file.get(d.trim())).filter(Boolean)];
    areas[area] = { files: needed.length, gzip: needed.reduce((sum, f) => sum + (size.get(f) ?? 0), 0) };
  }
  const all = [...size.values()].reduce((a, b) => a + b, 0);
  return { chunks: size.size, gzip: all, areas };
}

// ---------------------------------------------------------------- native benchmarks
/** `BENCH name=value` lines, if the benchmark prints them. */
function benchLines(out) {
  const m = {};
  for (const line of out.split('\n')) {
    const r = line.match(/^BENCH\s+([\w.:-]+)=(-?[\d.eE+-]+)/);
    if (r) m[r[1]] = Number(r[2]);
  }
  return m;
}

/** A human table: a header line starting with "figure", then rows; columns are 2+ spaces apart. */
function humanTable(out) {
  const lines = out.split('\n').map((l) => l.replace(/\s+$/, '')).filter(Boolean);
  const rows = [];
  let header = null;
  for (const line of lines) {
    if (/^figure\b/i.test(line)) { header = line.split(/\s{2,}/); continue; }
    if (!header || /^(BENCH|\s*(Compiling|Finished|Running|warning|error))/.test(line)) continue;
    const cells = line.trim().split(/\s{2,}/);
    if (cells.length < 2 || !/\d/.test(cells.slice(1).join(' '))) continue;
    const row = { label: cells[0] };
    header.slice(1).forEach((h, i) => { if (cells[i + 1] !== undefined) row[h.trim()] = cells[i + 1]; });
    rows.push(row);
  }
  return rows;
}
const num = (s) => (s === undefined ? null : Number(String(s).replace(/[^\d.eE+-]/g, '')) || (String(s).match(/\d/) ? 0 : null));

async function native() {
  const res = {};
  for (const bench of ['validation', 'sim']) {
    const { code, out } = await run('cargo', ['bench', '--locked', '--bench', bench]);
    res[bench] = { code, lines: benchLines(out), rows: humanTable(out), out };
    if (code !== 0) problems.push(`cargo bench --bench ${bench} exited with ${code}`);
  }
  return res;
}

// ---------------------------------------------------------------- browser benchmarks
async function browser() {
  rmSync(BROWSER_OUT, { force: true });
  if (!existsSync(join(DIST, 'index.html'))) {
    problems.push(`no build in ${DIST}: browser benchmarks skipped`);
    return {};
  }
  const argv = ['test', '-c', 'tests/bench/playwright.config.mjs'];
  if (GREP) argv.push('--grep', GREP);
  const { code } = await run('playwright', argv, { BENCH_DIST: DIST, BENCH_PORT: PORT, BENCH_BROWSER_OUT: BROWSER_OUT });
  if (code !== 0) problems.push(`Playwright benchmarks exited with ${code} (see the log above)`);
  try { return JSON.parse(readFileSync(BROWSER_OUT, 'utf8')); } catch { return {}; }
}

// ---------------------------------------------------------------- the table
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const ms = (x) => (x >= 10_000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x * 10) / 10} ms`);
const mib = (b) => `${(b / 2 ** 20).toFixed(1)} MiB`;

/** One row. `value` null with `status` says why; `max`/`min` is the target. */
function row(id, figure, { value = null, shown, target = null, max, min, baseline = '', status, details } = {}) {
  let met = '—';
  if (status) met = status === 'error' ? 'error' : 'n/a';
  else if (value === null || value === undefined) met = 'error';
  else if (max !== undefined) met = value <= max ? 'yes' : 'NO';
  else if (min !== undefined) met = value >= min ? 'yes' : 'NO';
  return { id, figure, measured: status && value == null ? status : (shown ?? String(value)), value, target: target ?? '', baseline, met, details };
}

function browserRow(b, id) {
  const f = b[id];
  if (!f) return { missing: true, status: 'not run' };
  if (f.error) return { missing: true, status: 'error', details: f.error };
  if (f.unavailable) return { missing: true, status: 'not available yet', details: f };
  return f;
}

function figures(wasm, nat, b, skipped) {
  const rows = [];
  // 1. wasm size
  if (wasm) {
    rows.push(row('wasm_gzip', `release wasm of the first screen, gzip -9, sql.js excluded (${wasm.file.replace(/-[0-9a-f]+_bg/, '_bg')})`, { value: wasm.gzip / 1024, shown: kb(wasm.gzip), target: '≤ 350 KB', max: 350, details: wasm }));
    rows.push(row('wasm_raw', 'release wasm raw', { value: wasm.raw / 1024, shown: kb(wasm.raw) }));
    if (wasm.areas) {
      rows.push(row('wasm_chunks_gzip', `the areas' ${wasm.areas.chunks} wasm chunks together, gzip -9 (each fetched when an area first opens)`, { value: wasm.areas.gzip / 1024, shown: kb(wasm.areas.gzip) }));
      for (const [area, a] of Object.entries(wasm.areas.areas)) {
        rows.push(row(`wasm_area_${area}`, `opening ${area} the first time: ${a.files} chunk${a.files > 1 ? 's' : ''}, gzip -9`, { value: a.gzip / 1024, shown: kb(a.gzip) }));
      }
    }
    if (wasm.worker) rows.push(row('wasm_worker_gzip', 'engine worker wasm gzip -9 (loaded when a simulation starts)', { value: wasm.worker.gzip / 1024, shown: kb(wasm.worker.gzip), details: wasm.worker }));
  } else rows.push(row('wasm_gzip', 'release wasm gzip -9', { status: 'error' }));

  const br = (id, figure, spec) => {
    const f = skipped.browser ? { missing: true, status: 'skipped' } : browserRow(b, id);
    if (f.missing) return [row(id, figure, { status: f.status, target: spec.target, details: f.details })];
    return spec.rows(f);
  };
  // 2. cold load
  rows.push(...br('cold_load', 'cold load to first usable screen (median of 5)', {
    target: '≤ 250 ms',
    rows: (f) => [row('cold_load', 'cold load to first usable screen (median of 5)', { value: f.value, shown: ms(f.value), target: '≤ 250 ms', max: 250, details: f })],
  }));
  // 3. edit latency
  rows.push(...br('edit_latency', 'edit → diagnostics painted, 438 tables, p95', {
    target: '≤ 16 ms',
    rows: (f) => [
      row('edit_latency_p95', `edit → diagnostics painted, 438 tables, p95 of ${f.edits}`, { value: f.p95_ms, shown: ms(f.p95_ms), target: '≤ 16 ms', max: 16, details: f }),
      row('edit_latency_p50', 'edit → diagnostics painted, 438 tables, p50', { value: f.p50_ms, shown: ms(f.p50_ms) }),
    ],
  }));
  // 4. export
  rows.push(...br('export_seed', 'export all-tables package with seed database', {
    target: '≤ 2 s',
    rows: (f) => [row('export_seed', `export ${f.tables}-table package + seed db (median of ${f.samples.length})`, { value: f.value, shown: ms(f.value), target: '≤ 2 s', max: 2000, details: f })],
  }));
  // 5. long tasks
  rows.push(...br('longtask', 'longest main-thread task, Reference 24 h run', {
    target: '≤ 50 ms',
    rows: (f) => [
      row('longtask_max', 'longest main-thread task, Reference preset 24 h run from the UI', { value: f.value, shown: ms(f.value), target: '≤ 50 ms', max: 50, details: f }),
      row('longtask_count', 'main-thread tasks over 50 ms in that run', { value: f.over_50ms, shown: String(f.over_50ms) }),
    ],
  }));
  // 6. the bench route
  rows.push(...br('route_ratio', 'simulator ÷ raw INSERT…SELECT throughput', {
    target: '≥ 0.9',
    rows: (f) => {
      const ratio = f.ratio ?? (f.raw_ms && f.engine_ms ? f.raw_ms / f.engine_ms : null);
      return [row('sim_ratio', `initial download ÷ raw INSERT…SELECT throughput (median of ${f.runs ?? 1})`, { value: ratio, shown: ratio == null ? 'error' : ratio.toFixed(2), target: '≥ 0.9', min: 0.9, baseline: f.raw_ms != null ? `raw ${ms(f.raw_ms)}` : '', details: f })];
    },
  }));
  rows.push(...br('worker_week', 'reference scenario, 7 days, from the UI in a worker', {
    target: '≤ 4 s',
    rows: (f) => [row('worker_week', `reference scenario, default profile, 7 days, from the UI in a worker (median of ${f.runs})`, { value: f.value, shown: ms(f.value), target: '≤ 4 s', max: 4_000, details: f })],
  }));
  rows.push(...br('comparison', 'comparison of two profiles ÷ one profile', {
    target: '≤ 1.25',
    rows: (f) => [row('comparison_ratio', `comparison of two profiles ÷ one profile's run, Reference 24 h, in workers (${f.cores} cores)`, { value: f.value, shown: f.value.toFixed(2), target: '≤ 1.25', max: 1.25, baseline: `one profile ${f.single_s} s, two ${f.both_s} s`, details: f })],
  }));
  rows.push(...br('chain_2000', 'chain plan: 2,000 stores × 8 registers, 5 groups, 30 days, from the Chain area', {
    target: '≤ 30 s',
    rows: (f) => [row('chain_2000', `chain plan: 2,000 stores × 8 registers in 5 groups, 30 days, in workers (${f.cores} cores)`, { value: f.value, shown: `${f.value} s`, target: '≤ 30 s', max: 30, details: f })],
  }));
  rows.push(...br('chain_scale', 'chain plan: time(2,000 stores) ÷ time(10 stores)', {
    target: '≤ 1.5',
    rows: (f) => [row('chain_scale', 'chain plan: time(2,000 stores) ÷ time(10), same 5 groups', { value: f.value, shown: `${f.value.toFixed(2)}×`, target: '≤ 1.5', max: 1.5, baseline: `10 stores ${f.s10} s, 100 stores ${f.s100} s`, details: f })],
  }));
  rows.push(...br('chain_cli', 'chain plan: the CLI merge equals the browser results', {
    target: 'byte for byte',
    rows: (f) => [row('chain_cli', `chain plan: CLI, ${f.runs} runs in separate processes, merged = browser results (${f.bytes} bytes)`, { value: f.value ? 1 : 0, shown: f.value ? 'identical' : 'differs', target: 'identical', min: 1, baseline: `CLI ${f.cli_s} s`, details: f })],
  }));
  rows.push(...br('route_week', 'reference scenario, default profile, 7 days, on the page', {
    rows: (f) => [
      row('sim_week', `reference scenario, default profile, 7 days, on the page (bench route, median of ${f.runs ?? 1})`, { value: f.ms, shown: ms(f.ms), details: f }),
      row('sim_week_heap', 'peak memory of that run (app + sql.js wasm heaps)', { value: f.heap_bytes, shown: f.heap_bytes == null ? '—' : mib(f.heap_bytes), target: '≤ 256 MiB', max: 256 * 2 ** 20 }),
    ],
  }));
  const scale = {};
  for (const n of [1, 10, 50]) {
    const id = `route_scale-${n}`;
    rows.push(...br(id, `scale: ${n} register${n > 1 ? 's' : ''}`, {
      rows: (f) => {
        scale[n] = f;
        return [
          row(`scale_${n}_ms`, `scale: ${n} register${n > 1 ? 's' : ''}, time`, { value: f.ms, shown: ms(f.ms), details: f }),
          row(`scale_${n}_heap`, `scale: ${n} register${n > 1 ? 's' : ''}, peak wasm heap (app + sql.js)`, { value: f.heap_bytes, shown: f.heap_bytes == null ? '—' : mib(f.heap_bytes) }),
        ];
      },
    }));
  }
  if (scale[10] && scale[50]) {
    const t = scale[50].ms / scale[10].ms;
    rows.push(row('scale_time_ratio', 'scale: 50 ÷ 10 registers, time', { value: t, shown: `${t.toFixed(2)}×`, target: '≤ 1.3×', max: 1.3, baseline: `10 reg ${ms(scale[10].ms)}` }));
    if (scale[10].heap_bytes && scale[50].heap_bytes) {
      const m = scale[50].heap_bytes / scale[10].heap_bytes;
      rows.push(row('scale_heap_ratio', 'scale: 50 ÷ 10 registers, memory', { value: m, shown: `${m.toFixed(2)}×`, target: '≤ 3×', max: 3, baseline: `10 reg ${mib(scale[10].heap_bytes)}` }));
    }
  } else rows.push(row('scale_time_ratio', 'scale: 50 ÷ 10 registers, time', { status: skipped.browser ? 'skipped' : b['route_scale-50']?.unavailable || b['route_scale-10']?.unavailable ? 'not available yet' : 'not run', target: '≤ 1.3×' }));

  // 7. native
  if (skipped.native) {
    rows.push(row('native_validation', 'native validation, 438 tables (median)', { status: 'skipped', target: '≤ 1 ms' }));
  } else {
    const v = nat.validation;
    const byLine = v.lines['validation_438_us'];
    const all = v.rows.find((r) => /438/.test(r.label));
    const median = byLine ?? (all ? num(all.median) : null);
    rows.push(row('native_validation', 'native validation, 438 tables in 30 scopes (median)', { value: median, shown: median == null ? 'error' : `${median} µs`, target: '≤ 1000 µs', max: 1000, details: all }));
    for (const [k, val] of Object.entries(v.lines)) {
      if (k !== 'validation_438_us') rows.push(row(`native_${k}`, `native: ${k}`, { value: val, shown: String(val) }));
    }
    const def = Object.keys(v.lines).length ? null : v.rows.find((r) => /default/i.test(r.label));
    if (def) rows.push(row('native_validation_default', 'native validation, default profile (median)', { value: num(def.median), shown: `${num(def.median)} µs` }));
    // The simulator's native figures: no targets of their own (the targets are the browser's),
    // shown beside them to tell the engine's time from sql.js's.
    const s = nat.sim;
    for (const [k, val] of Object.entries(s.lines)) rows.push(row(`native_sim_${k}`, `native sim: ${k}`, { value: val, shown: String(val) }));
    if (!Object.keys(s.lines).length) {
      for (const r of s.rows) {
        const total = Object.entries(r).find(([h]) => /total/i.test(h));
        const unit = total ? (total[0].match(/\b(ms|s)$/)?.[1] ?? '') : '';
        const val = total ? num(total[1]) : null;
        const shown = total ? (unit === 'ms' ? ms(val) : `${val} ${unit}`.trim()) : Object.values(r).slice(1).join(' / ');
        rows.push(row(`native_sim_${r.label}`, `native sim: ${r.label}${total ? ', total' : ''}`, { value: val, shown, details: r }));
      }
      // Free-text lines of the rewritten benches/sim.rs ("…, ratio 1.03 (target >= 0.7)",
      // "scale: 50 registers / 10 registers = 1.49 (target <= 3)").
      const ratio = s.out.match(/^(.*?)\bratio\s+([\d.]+)/m);
      if (ratio) rows.push(row('native_sim_ratio', 'native sim: provisioning ÷ plain copy throughput', { value: Number(ratio[2]), shown: Number(ratio[2]).toFixed(2), baseline: (ratio[1].match(/raw\s+([\d.]+\s*m?s)/) ?? [])[1] ? `raw ${ratio[1].match(/raw\s+([\d.]+\s*m?s)/)[1]}` : '' }));
      const sc = s.out.match(/^.*\/\s*10 registers\s*=\s*([\d.]+)/m);
      if (sc) rows.push(row('native_sim_scale_ratio', 'native sim: 50 ÷ 10 registers, time', { value: Number(sc[1]), shown: `${Number(sc[1]).toFixed(2)}×` }));
      if (!s.rows.length && s.code === 0) rows.push(row('native_sim', 'native sim', { status: 'no figures parsed' }));
    }
  }
  return rows;
}

function printTable(rows) {
  const head = ['figure', 'measured', 'target', 'baseline', 'met?'];
  const cells = rows.map((r) => [r.figure, r.measured, r.target, r.baseline, r.met]);
  const w = head.map((h, i) => Math.max(h.length, ...cells.map((c) => String(c[i]).length)));
  const line = (c) => c.map((x, i) => String(x).padEnd(w[i])).join(' | ');
  console.log(line(head));
  console.log(w.map((n) => '-'.repeat(n)).join('-|-'));
  for (const c of cells) console.log(line(c));
}

// ---------------------------------------------------------------- main
const skipped = { native: flag('--skip-native'), browser: flag('--skip-browser') };
const info = machine();
const wasm = wasmSize();
const nat = skipped.native ? null : await native();
const b = skipped.browser ? {} : await browser();
const rows = figures(wasm, nat, b, skipped);
for (const r of rows) if (r.met === 'error') problems.push(`${r.figure}: could not be measured${r.details && typeof r.details === 'string' ? `: ${r.details}` : ''}`);

console.log(`\nBenchmarks — ${info.cpu}, ${info.cores} cores, ${info.date}, commit ${info.commit}`);
console.log(`build: ${DIST}\n`);
printTable(rows);
const missed = rows.filter((r) => r.met === 'NO').length;
console.log(`\n${rows.filter((r) => r.met === 'yes').length} targets met, ${missed} missed` +
  (problems.length ? `; could not run:\n  - ${[...new Set(problems)].join('\n  - ')}` : '; everything ran.'));
mkdirSync(join(ROOT, 'target'), { recursive: true });
writeFileSync(join(ROOT, 'target/bench.json'), JSON.stringify({
  machine: info,
  skipped,
  figures: rows,
  problems: [...new Set(problems)],
  raw: { wasm, native: nat, browser: b },
}, null, 2) + '\n');
console.log('written: target/bench.json');
process.exit(problems.length ? 1 : 0);
