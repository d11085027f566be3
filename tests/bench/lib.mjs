// Shared helpers of the browser benchmarks: where figures go, statistics, the generated
// all-tables profiles, and the few UI steps the benchmarks repeat.
import { expect } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const OUT = resolve(ROOT, process.env.BENCH_BROWSER_OUT ?? 'target/bench-browser.json');

/** Merges one figure into target/bench-browser.json (one worker, so no write races). */
export function record(id, figure) {
  let all = {};
  if (existsSync(OUT)) {
    try { all = JSON.parse(readFileSync(OUT, 'utf8')); } catch { all = {}; }
  }
  all[id] = { ...figure, recorded: new Date().toISOString() };
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(all, null, 2) + '\n');
  console.log(`bench: ${id} = ${JSON.stringify(figure)}`);
}

/** Runs `fn`; when it throws, records every id in `ids` as failed with the message, then rethrows. */
export async function recording(ids, fn) {
  try {
    return await fn();
  } catch (e) {
    const msg = String(e?.message ?? e).split('\n')[0].slice(0, 300);
    for (const id of ids) record(id, { error: msg });
    throw e;
  }
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const round = (x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The catalog's tables (data/channel_tables.json) as { name, job, direction }. */
export function catalogTables() {
  const raw = JSON.parse(readFileSync(resolve(ROOT, 'data/channel_tables.json'), 'utf8'));
  return Object.values(raw).map((t) => ({ name: t.name, job: t.job_inferred, direction: t.direction }));
}

// Sync order of the jobs, as in the default profile (src/model/defaults.rs), then the rest.
const JOB_ORDER = ['1000', '1010', '1020', '1040', '1050', '1060', '1070', '1080', '1090', '1110',
  '1120', '1130', '1150', 'download (job unknown)', 'P-0001', 'P-upload (async customer)', 'channel-local (crt)'];

/**
 * A profile.json holding catalog tables spread over about 30 scopes (each job's tables in
 * scopes of at most 16, in the default profile's job order; upload tables in Upload scopes).
 * `channelLocal`: include the 35 channel-local (crt) tables too, which makes all 438 tables but
 * also 35 errors (DIR-CHANNEL-LOCAL: they may not be synchronized at all); without them the
 * profile (403 tables) is valid and exportable. `base` is a profile.json exported by the app,
 * whose product, customer and device settings are kept.
 */
export function allTablesProfile(base, { name, channelLocal }) {
  const tables = catalogTables().filter((t) => channelLocal || t.direction !== 'channel-local');
  const jobs = [...new Set(tables.map((t) => t.job))]
    .sort((a, b) => (JOB_ORDER.indexOf(a) + 1 || 99) - (JOB_ORDER.indexOf(b) + 1 || 99));
  const scopes = [];
  for (const job of jobs) {
    const names = tables.filter((t) => t.job === job).map((t) => t.name).sort();
    const upload = tables.find((t) => t.job === job).direction === 'upload';
    const parts = Math.ceil(names.length / 16);
    const size = Math.ceil(names.length / parts);
    for (let i = 0; i < parts; i++) {
      scopes.push({
        description: `${name} ${job.replace(/[^A-Za-z0-9-]+/g, ' ').trim()} ${i + 1}`,
        synchronization_direction: upload ? 'Upload' : 'Download',
        synchronization_frequency_seconds: upload ? 300 : 3600,
        frequency_unit: 'Minutes',
        conflict_policy: 'StoreWins',
        tables: names.slice(i * size, (i + 1) * size),
      });
    }
  }
  return {
    ...base,
    profile: { ...base.profile, name, description: `Benchmark profile: ${tables.length} tables`, version: 1, scopes },
  };
}

/** The app's own profile.json of the default profile (Packages area, Download profile.json). */
export async function exportedDefaultProfile(page) {
  await page.goto('/#/packages');
  await engineReady(page);
  const download = page.waitForEvent('download');
  await page.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Download profile.json' }).click();
  const file = await download;
  const path = await file.path();
  return JSON.parse(readFileSync(path, 'utf8'));
}

export async function engineReady(page) {
  await expect(page.getByRole('status').filter({ hasText: 'SQLite engine' }))
    .toContainText('SQLite engine ready', { timeout: 60_000 });
}

/** Imports a profile.json through the Packages area (preview, then Import). */
export async function importProfile(page, doc, path) {
  writeFileSync(path, JSON.stringify(doc, null, 1));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Packages', exact: true }).click();
  const importCard = page.getByRole('region', { name: 'Import', exact: true });
  await importCard.getByLabel('Package or profile.json').setInputFiles(path);
  const preview = page.getByRole('region', { name: 'Import preview' });
  await expect(preview).toContainText(`Import preview: \u201c${doc.profile.name}\u201d`);
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(importCard.getByRole('status')).toContainText(`Imported \u201c${doc.profile.name}\u201d`);
}

/** Opens a profile of the Profiles area by name. */
export async function openProfile(page, name) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profiles', exact: true }).click();
  await page.getByRole('navigation', { name: 'Offline profiles' }).getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await expect(page.getByRole('region', { name: 'General' }).getByLabel('Name', { exact: true })).toHaveValue(name);
}

/** Sets the Simulation area's scenario and waits for the run to finish (returns the page text's seconds). */
export async function simulate(page, { profile, preset, hours, outages = '' }) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Simulation', exact: true }).click();
  const scenario = page.getByRole('form', { name: 'Scenario' });
  if (profile) await scenario.getByLabel('Profile', { exact: true }).selectOption({ label: profile });
  if (preset) await scenario.getByLabel('Preset', { exact: true }).selectOption({ label: preset });
  if (hours) await scenario.getByLabel('Simulated hours', { exact: true }).fill(String(hours));
  if (outages !== null) {
    await scenario.getByLabel(/Outages/).fill(outages);
    await scenario.getByLabel(/Outages/).blur();
  }
  await scenario.getByRole('button', { name: 'Run simulation' }).click();
  const done = page.getByText(/Simulation finished in/);
  await expect(done).toBeVisible({ timeout: 600_000 });
  return Number((await done.innerText()).match(/in ([\d.]+) s/)[1]);
}
