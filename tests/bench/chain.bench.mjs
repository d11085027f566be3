// Issue #14: the chain planner. Five distinct store groups of 8 registers over 30 days, run from
// the Chain area on the engine workers: 2,000 stores (target ≤ 30 s), and the same groups with
// 10 and 100 stores (time(2,000) ÷ time(10) ≤ 1.5, cost follows groups, not stores). Then the
// command line runs the same plan, one process per run, and its merge must equal the browser's
// results byte for byte.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { engineReady, record, recording, ROOT, round } from './lib.mjs';

const SHAPES = [
  ['Small stores', 'small', {}],
  ['Small, wide range', 'small', { products: 10_000, customers: 20_000 }],
  ['Mid-size', 'reference', {}],
  ['Mid-size, short range', 'reference', { products: 8_000 }],
  ['Mid-size, few customers', 'reference', { customers: 10_000 }],
];

/** A plan file of the five groups with `stores` stores in all, every store live on day 1. */
export function planFile(stores) {
  const each = stores / SHAPES.length;
  const groups = SHAPES.map(([name, preset, overrides], i) => ({
    id: i + 1, name, stores: each, registers_per_store: 8, profile: 'Default pr', preset, overrides,
    wan_kbps: 10_000, wan_latency_ms: 60, lan_kbps: 100_000, lan_latency_ms: 2,
  }));
  const waves = groups.map((g) => ({
    group: g.id, day: 1,
    kind: { type: 'go_live', stores: each, minute: 360, paused_until_ready: true, full_sync_first: true },
  }));
  return {
    format: 'offline-profile-studio/chain-plan', version: 1, profiles: [],
    plan: {
      name: `Bench ${stores} stores`, days: 30, groups, waves, outages: [],
      cutoff: { day: 30, minute: 1439 }, storm_threshold: 100_000, days_since_full_sync: 60, drain_uploads: true, seed: 42,
    },
  };
}

/** Imports the plan and runs it from the Chain area: seconds from Run to the results shown. */
async function runPlan(page, stores) {
  await page.goto('/#/chain');
  await engineReady(page);
  const path = test.info().outputPath(`plan-${stores}.json`);
  writeFileSync(path, JSON.stringify(planFile(stores)));
  await page.getByLabel('Import plan…').setInputFiles(path);
  await expect(page.getByRole('region', { name: 'Run the plan' })).toContainText(`for ${stores} stores in 5 groups`);
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Run plan' }).click();
  await expect(page.getByRole('heading', { name: /^Results:/ })).toBeVisible({ timeout: 300_000 });
  const secs = (Date.now() - t0) / 1000;
  const status = await page.getByRole('region', { name: 'Run the plan' }).getByRole('status').innerText();
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  return { secs, status, cores };
}

test('chain plan: 2,000 stores in 5 groups over 30 days, and the same groups with 10 and 100', async ({ browser }) => {
  await recording(['chain_2000', 'chain_scale', 'chain_cli'], async () => {
    const times = {};
    for (const stores of [10, 100, 2000]) {
      const page = await browser.newPage(); // a fresh page each: wasm memory never shrinks
      times[stores] = await runPlan(page, stores);
      if (stores === 2000) {
        const dl = async (name, file) => {
          const d = page.waitForEvent('download');
          await page.getByRole('button', { name }).click();
          const p = test.info().outputPath(file);
          await (await d).saveAs(p);
          return p;
        };
        const result = await dl('Download the results (JSON)', 'result.json');
        const plan = await dl('Export plan (JSON)', 'plan.chain.json');
        times.files = { result, plan };
      }
      await page.close();
    }
    const t = times[2000];
    record('chain_2000', { value: round(t.secs, 1), status: t.status, cores: t.cores });
    record('chain_scale', { value: round(times[2000].secs / times[10].secs, 2), s10: round(times[10].secs, 1), s100: round(times[100].secs, 1), s2000: round(times[2000].secs, 1) });
    // The command line: each run its own process (here one after another), then the merge.
    execFileSync('cargo', ['build', '--release', '--locked', '--bin', 'profile-package'], { cwd: ROOT, stdio: 'inherit' });
    const bin = `${ROOT}/target/release/profile-package`;
    const { plan, result } = times.files;
    const t0 = Date.now();
    const runs = JSON.parse(execFileSync(bin, ['chain', 'runs', plan, '--json'], { encoding: 'utf8' }));
    const files = runs.map((r) => {
      const out = test.info().outputPath(`run-${r.run}.json`);
      execFileSync(bin, ['chain', 'run', plan, String(r.run), '-o', out]);
      return out;
    });
    const merged = execFileSync(bin, ['chain', 'merge', plan, ...files], { encoding: 'utf8', maxBuffer: 256 << 20 });
    const equal = merged === readFileSync(result, 'utf8');
    record('chain_cli', { value: equal, runs: runs.length, cli_s: round((Date.now() - t0) / 1000, 1), bytes: merged.length });
    expect(equal).toBe(true);
  });
});
