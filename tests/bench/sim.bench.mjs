// Figure 5: the longest main-thread task while a simulation runs (Reference mid-size store,
// default profile, 24 simulated hours, started from the Simulation area), from the Long Tasks
// API (every task over 50 ms); and figure 6: the simulator figures of the hidden #/bench route.
import { test, expect } from '@playwright/test';
import { engineReady, median, record, recording, round, simulate } from './lib.mjs';

function watchLongTasks() {
  const b = (window.__long = []);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

test('longest main-thread task during a simulation', async ({ page }) => {
  await recording(['longtask'], async () => {
    await page.addInitScript(watchLongTasks);
    await page.goto('/#/simulation');
    await engineReady(page);
    const t0 = await page.evaluate(() => performance.now());
    const simSeconds = await simulate(page, { preset: 'Reference mid-size store', hours: 24, outages: '' });
    const tasks = await page.evaluate((t) => window.__long.filter((e) => e.start >= t), t0);
    const longest = Math.max(0, ...tasks.map((e) => e.duration));
    record('longtask', {
      value: round(longest, 0),
      unit: 'ms',
      over_50ms: tasks.length,
      over_100ms: tasks.filter((e) => e.duration > 100).length,
      simulation_s: simSeconds,
    });
  });
});

// The hidden bench route's cases, each in a fresh context (wasm memory never shrinks).
// Contract: <pre id="bench-result"> holds the result as JSON once the case is done. The route
// counts as missing when the app falls back to its Profiles area (how it treats unknown routes)
// or shows no heading within the grace period; otherwise the case may run for minutes (and may
// block the main thread all along, so the page's first heading is noted by a MutationObserver).
const CASES = ['ratio', 'week', 'scale-1', 'scale-10', 'scale-50'];
const ROUTE_GRACE_MS = Number(process.env.BENCH_ROUTE_GRACE_MS ?? 60_000);

// Installed before any page script: remembers every WebAssembly memory the page instantiates
// (the app's and sql.js's). A memory only grows, so its size at the end is its peak.
function watchWasmMemory() {
  const route = (window.__route = { seen: null });
  new MutationObserver(() => {
    if (route.seen) return;
    if (document.getElementById('bench-result')) route.seen = 'route';
    const h = document.querySelector('h1');
    if (h && h.textContent.includes('Offline profiles')) route.seen = 'fallback';
    else if (h && h.textContent.trim()) route.seen = 'route';
  }).observe(document, { childList: true, subtree: true, characterData: true });
  const mems = (window.__wasmMemories = []);
  const note = (label, result) => {
    const instance = result instanceof WebAssembly.Instance ? result : result?.instance;
    for (const v of Object.values(instance?.exports ?? {})) {
      if (v instanceof WebAssembly.Memory) mems.push({ label, memory: v });
    }
    return result;
  };
  const { instantiate, instantiateStreaming } = WebAssembly;
  WebAssembly.instantiate = function (source, imports) {
    return instantiate.call(this, source, imports).then((r) => note('instantiate', r));
  };
  if (instantiateStreaming) {
    WebAssembly.instantiateStreaming = function (source, imports) {
      const label = Promise.resolve(source).then((r) => String(r?.url ?? '').split('/').pop(), () => '');
      return instantiateStreaming.call(this, source, imports)
        .then(async (r) => note(await label, r));
    };
  }
}

/** One run of a case in a fresh context: its JSON with the wasm memories, or { unavailable }. */
async function runCase(browser, name) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  try {
    await page.addInitScript(watchWasmMemory);
    await page.goto(`/#/bench?case=${name}`);
    // The first heading the page shows, noted by the init script as soon as it is in the DOM:
    // a case may block the main thread for its whole run, so polling alone can miss it.
    const seen = await page.waitForFunction(() => window.__route.seen, null, { timeout: ROUTE_GRACE_MS, polling: 100 })
      .then((h) => h.jsonValue(), () => 'nothing');
    if (seen !== 'route') {
      return { unavailable: true, note: `not available yet (${seen === 'fallback' ? 'the app does not know #/bench' : 'no #bench-result'})` };
    }
    const handle = await page.waitForFunction(() => {
      const el = document.getElementById('bench-result');
      if (!el) return null;
      try {
        const v = JSON.parse(el.textContent);
        return v && typeof v === 'object' && ('ms' in v || 'ratio' in v || 'error' in v) ? v : null;
      } catch { return null; }
    }, null, { timeout: 600_000, polling: 250 });
    const v = await handle.jsonValue();
    const wasm = await page.evaluate(() => window.__wasmMemories.map((m) => ({ label: m.label, bytes: m.memory.buffer.byteLength })));
    const wasm_heap_bytes = wasm.reduce((n, m) => n + m.bytes, 0) || null;
    const js_heap_bytes = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
    return { ...v, heap_bytes: v.heap_bytes ?? wasm_heap_bytes, wasm_memories: wasm, js_heap_bytes };
  } finally {
    await context.close();
  }
}

// Runs per case (after one warm-up run of the first case); the figure is the run with the
// median time (the median ratio for `ratio`), with every run's value in `samples`.
const ROUTE_RUNS = Number(process.env.BENCH_ROUTE_RUNS ?? 3);

for (const [i, name] of CASES.entries()) {
  test(`bench route: ${name}`, async ({ browser }) => {
    await recording([`route_${name}`], async () => {
      if (i === 0) {
        const warm = await runCase(browser, name);
        if (warm.unavailable) return record(`route_${name}`, warm);
      }
      const runs = [];
      for (let r = 0; r < ROUTE_RUNS; r++) {
        const v = await runCase(browser, name);
        if (v.unavailable) return record(`route_${name}`, v);
        if (v.error) return record(`route_${name}`, { error: String(v.error), result: v });
        runs.push(v);
      }
      const key = name === 'ratio' ? 'ratio' : 'ms';
      const sorted = [...runs].sort((a, b) => a[key] - b[key]);
      const mid = sorted[(sorted.length - 1) >> 1];
      record(`route_${name}`, {
        ...mid,
        [key]: median(runs.map((v) => v[key])),
        ...(name === 'ratio' ? { raw_ms: median(runs.map((v) => v.raw_ms)), engine_ms: median(runs.map((v) => v.engine_ms)) } : {}),
        heap_bytes: Math.max(...runs.map((v) => v.heap_bytes ?? 0)) || null,
        samples: runs.map((v) => v[key]),
        runs: runs.length,
      });
    });
  });
}

// Issue #13: the engine in workers. A comparison of two profiles runs both at once, in two
// workers: its wall time over one profile's run, both measured in this test, alternating, on
// the Reference preset (24 simulated hours); and the reference week from the UI, in a worker.
const UI_RUNS = Number(process.env.BENCH_UI_RUNS ?? 3);

/** Runs the form as it is set and returns the app's own "finished in" seconds. */
async function runForm(page) {
  const scenario = page.getByRole('form', { name: 'Scenario' });
  await scenario.getByRole('button', { name: 'Run simulation' }).click();
  await expect(scenario.getByRole('progressbar')).toBeVisible();
  const done = page.getByText(/Simulation finished in/);
  await expect(done).toBeVisible({ timeout: 600_000 });
  return Number((await done.innerText()).match(/in ([\d.]+) s/)[1]);
}

test('comparison of two profiles ÷ one profile, in workers', async ({ page }) => {
  await recording(['comparison'], async () => {
    await page.goto('/#/profiles');
    await engineReady(page);
    const general = page.getByRole('region', { name: 'General' });
    await general.getByRole('button', { name: 'Duplicate', exact: true }).click();
    await general.getByRole('group', { name: 'Duplicate this profile. Its scopes:' }).getByRole('button', { name: 'Duplicate profile' }).click();
    await simulate(page, { profile: 'Default pr', preset: 'Reference mid-size store', hours: 24, outages: '' });
    const scenario = page.getByRole('form', { name: 'Scenario' });
    const single = [], both = [];
    for (let r = 0; r < UI_RUNS; r++) {
      await scenario.getByLabel('Compare with').selectOption({ label: 'No comparison' });
      single.push(await runForm(page));
      await scenario.getByLabel('Compare with').selectOption({ label: 'Default 2' });
      both.push(await runForm(page));
    }
    const ratio = median(both) / median(single);
    record('comparison', { value: round(ratio, 2), single_s: median(single), both_s: median(both), samples_single: single, samples_both: both, cores: await page.evaluate(() => navigator.hardwareConcurrency) });
  });
});

test('reference week from the UI, in a worker', async ({ page }) => {
  await recording(['worker_week'], async () => {
    await page.goto('/#/simulation');
    await engineReady(page);
    const runs = [];
    for (let r = 0; r < UI_RUNS; r++) {
      runs.push(await simulate(page, { preset: 'Reference mid-size store', hours: 168, outages: null }));
    }
    record('worker_week', { value: median(runs) * 1000, samples: runs.map((s) => s * 1000), runs: runs.length });
  });
});
