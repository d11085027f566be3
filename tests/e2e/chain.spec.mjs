// The Chain area (issue #14): a 3-group plan with go-live waves, a profile change and an outage,
// bad input refused inline, the run on engine workers, every chart and table with numbers, the
// plan and results downloaded, and the command line's merge of the same plan equal byte for byte.
import { test, expect } from './fixtures.mjs';
import { Studio, Profiles, seriousA11yViolations } from './studio.mjs';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url).pathname;

/** The profile-package binary, built (or brought up to date) by cargo first. */
function cli() {
  execFileSync('cargo', ['build', '--locked', '--bin', 'profile-package'], { cwd: root, stdio: 'inherit' });
  return root + 'target/debug/profile-package';
}

async function setNumber(scope, label, value) {
  const field = scope.getByLabel(label, { exact: true });
  await field.fill(String(value));
  await field.blur();
}

async function download(page, click, name) {
  const file = page.waitForEvent('download');
  await click();
  const path = test.info().outputPath(name);
  await (await file).saveAs(path);
  return path;
}

test('a 3-group plan with waves, a profile change and an outage runs; its results match the command line', async ({ page }) => {
  test.setTimeout(240_000);
  const app = new Studio(page);
  await app.open('#/profiles');
  // A second profile to change to.
  const p = new Profiles(page);
  await p.duplicate({ copyScopes: true });
  await expect(p.name()).toHaveValue('Default 2');

  await app.goTo('Chain');
  await page.getByRole('button', { name: 'New rollout plan' }).click();
  const plan = page.getByRole('region', { name: 'Plan', exact: true });
  await setNumber(plan, 'Days', 7);
  await setNumber(plan, 'Period-close cut-off: day', 7);
  const groups = page.getByRole('region', { name: 'Store groups' });
  for (const [name, products] of [['Small stores', 500], ['Mid-size stores', 1000]]) {
    const g = groups.getByRole('group', { name: `Group: ${name}` });
    await setNumber(g, 'Products', products);
    await setNumber(g, 'Customers', products);
  }
  await groups.getByRole('button', { name: 'Add a store group' }).click();
  const third = groups.getByRole('group', { name: 'Group: Group 3' });
  await third.getByLabel('Name', { exact: true }).fill('Kiosks');
  const kiosks = groups.getByRole('group', { name: 'Group: Kiosks' });
  await setNumber(kiosks, 'Stores', 5);
  await setNumber(kiosks, 'Registers per store', 1);
  await setNumber(kiosks, 'Products', 300);
  await setNumber(kiosks, 'Customers', 300);

  // Bad input: zero stores is refused beside the field, a negative count is kept as typed.
  await setNumber(kiosks, 'Stores', 0);
  await expect(kiosks).toContainText('A group has 1 to 10000 stores.');
  await expect(page.getByRole('button', { name: 'Run plan' })).toBeDisabled();
  await kiosks.getByLabel('Stores', { exact: true }).fill('-3');
  await expect(kiosks).toContainText('\u201c-3\u201d is below 0, the least this can be; the last valid value is kept.');
  await setNumber(kiosks, 'Stores', 5);
  await expect(kiosks).not.toContainText('A group has 1 to');

  const waves = page.getByRole('region', { name: 'Waves' });
  await waves.getByRole('button', { name: 'Add a go-live wave' }).click();
  const w4 = waves.getByRole('group', { name: 'Wave 4: go-live' });
  await w4.getByLabel('Group', { exact: true }).selectOption({ label: 'Kiosks' });
  await setNumber(w4, 'Day', 2);
  await setNumber(w4, 'Stores going live', 5);
  await waves.getByRole('button', { name: 'Add a profile change' }).click();
  const w5 = waves.getByRole('group', { name: 'Wave 5: profile change' });
  await w5.getByLabel('Group', { exact: true }).selectOption({ label: 'Mid-size stores' });
  // A wave outside the plan is refused at its day.
  await setNumber(w5, 'Day', 9);
  await expect(w5).toContainText('Wave 5: day 9 is outside the plan (days 1 to 7).');
  await setNumber(w5, 'Day', 5);
  await expect(w5.getByLabel('New profile')).toHaveValue('Default 2');
  const outages = page.getByRole('region', { name: 'Outages' });
  await outages.getByRole('button', { name: 'Add an outage' }).click();
  const o1 = outages.getByRole('group', { name: 'Outage 1' });
  await setNumber(o1, 'Day', 7);
  await o1.getByLabel('Starts').fill('20:00');
  await setNumber(o1, 'Register (0: the whole store)', 1);

  const runCard = page.getByRole('region', { name: 'Run the plan' });
  await expect(runCard).toContainText(/\d+ distinct runs for 55 stores in 3 groups/);
  await runCard.getByRole('button', { name: 'Run plan' }).click();
  await expect(page.getByRole('heading', { name: /^Results:/ })).toBeVisible({ timeout: 200_000 });
  await expect(runCard.getByRole('status')).toContainText(/Last run: \d+ runs in [\d.]+ s/);

  // Every result: a chart and a table with numbers.
  for (const [region, table] of [
    ['Sessions: head office and store databases', 'Sessions per group'],
    ['Store links', 'Link load per group'],
    ['Onboarding', 'First sync per wave'],
    ['Period-close readiness', 'Registers holding unsent transactions at the cut-off'],
    ['Reprovisioning', 'Reprovisioning waves'],
  ]) {
    const r = page.getByRole('region', { name: region });
    await expect(r.getByRole('img').first()).toBeVisible();
    const rows = r.getByRole('table', { name: table }).locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    await expect(rows.first()).toContainText(/\d/);
  }
  await expect(page.getByRole('region', { name: 'Sessions: head office and store databases' })).toContainText(/Peak at head office: [\d,]+ sessions an hour, day \d+/);
  const close = page.getByRole('region', { name: 'Period-close readiness' });
  await expect(close).toContainText(/Not ready: at the cut-off \(day 7, 23:59\) 40 of [\d,]+ live registers hold [\d,]+ unsent transactions/);
  await expect(close.getByRole('table')).toContainText('Small stores, register 1');
  const repro = page.getByRole('region', { name: 'Reprovisioning' });
  await expect(repro.getByRole('table')).toContainText('Default pr \u2192 Default 2');
  await expect(page.getByRole('table', { name: 'Days simulated and days reused' })).toContainText(/repeat day \d/);
  expect(await seriousA11yViolations(page)).toEqual([]);
  // Printed, the results stand alone: the editor is hidden, every result and the day table show.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('region', { name: 'Store groups' })).toBeHidden();
  await expect(page.getByRole('heading', { name: /^Results:/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Head office, day by day' }).locator('tbody tr')).toHaveCount(7);
  await expect(page.getByRole('button', { name: 'Print the results' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  const resultPath = await download(page, () => page.getByRole('button', { name: 'Download the results (JSON)' }).click(), 'result.json');
  const planPath = await download(page, () => page.getByRole('button', { name: 'Export plan (JSON)' }).click(), 'plan.chain.json');
  const result = JSON.parse(readFileSync(resultPath, 'utf8'));
  expect(result.format).toBe('offline-profile-studio/chain-result');
  expect(result.groups).toHaveLength(3);

  // The command line: one process per run, then the merge — the same bytes.
  const bin = cli();
  const runs = JSON.parse(execFileSync(bin, ['chain', 'runs', planPath, '--json'], { encoding: 'utf8' }));
  expect(runs.length).toBe(result.runs);
  const files = runs.map((r) => {
    const out = test.info().outputPath(`run-${r.run}.json`);
    execFileSync(bin, ['chain', 'run', planPath, String(r.run), '-o', out]);
    return out;
  });
  const merged = execFileSync(bin, ['chain', 'merge', planPath, ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  expect(merged === readFileSync(resultPath, 'utf8'), 'the command line merges to the browser\'s bytes').toBe(true);

  // Undo says what it undoes; the plan survives a reload (autosaved).
  await expect(page.getByRole('button', { name: /^Undo/ })).toHaveAttribute('title', 'Undo: register of outage 1 \u2192 1 (Ctrl+Z)');
  await page.reload();
  await expect(page.getByLabel('Rollout plan')).toHaveValue('0');
  await expect(page.getByRole('group', { name: 'Group: Kiosks' })).toBeVisible();
});

test('a broken plan file is refused with where it breaks; the plans stay as they were', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/chain');
  await page.getByRole('button', { name: 'New rollout plan' }).click();
  await page.getByLabel('Import plan…').setInputFiles({ name: 'broken.chain.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"offline-profile-studio/chain-plan","version":1,"plan":{"name":"x","days":-2}}') });
  await expect(page.getByRole('alert')).toContainText('broken.chain.json was not imported: The plan file does not fit the chain-plan schema at line 1');
  await expect(page.getByRole('alert')).toContainText('Your plans are unchanged.');
  await expect(page.getByLabel('Rollout plan').locator('option')).toHaveCount(1);
});

test('a package carries a chain plan, checksummed, and importing it brings the plan along', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/chain');
  await page.getByRole('button', { name: 'New rollout plan' }).click();
  await page.getByRole('region', { name: 'Plan', exact: true }).getByLabel('Plan name').fill('Spring rollout');
  await app.goTo('Packages');
  const exportCard = page.getByRole('region', { name: 'Export' });
  await exportCard.getByLabel('Chain plan in the package').selectOption({ label: 'Spring rollout' });
  const path = await download(page, () => exportCard.getByRole('button', { name: 'Download package' }).click(), 'with-plan.zip');
  const plan = JSON.parse(execFileSync('unzip', ['-p', path, 'chain-plan.json'], { encoding: 'utf8' }));
  expect(plan.plan.name).toBe('Spring rollout');
  const manifest = JSON.parse(execFileSync('unzip', ['-p', path, 'manifest.json'], { encoding: 'utf8' }));
  expect(manifest.files.map((f) => f.name)).toEqual(expect.arrayContaining(['chain-plan.json', 'chain-plan.schema.json']));

  const importCard = page.getByRole('region', { name: 'Import', exact: true });
  await importCard.getByLabel('Package or profile.json').setInputFiles(path);
  const preview = page.getByRole('region', { name: 'Import preview' });
  await expect(preview).toContainText('carries the chain plan \u201cSpring rollout\u201d (2 groups, 3 waves)');
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(/Its chain plan \u201cSpring rollout\u201d is in the Chain area/)).toBeVisible();
  await app.goTo('Chain');
  await expect(page.getByLabel('Rollout plan').locator('option')).toHaveText(['Spring rollout', 'Spring rollout 2']);
});

test('a group whose profile was deleted says so at its profile, and the plan cannot run', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/profiles');
  const p = new Profiles(page);
  await p.duplicate();
  await expect(p.name()).toHaveValue('Default 2');
  await app.goTo('Chain');
  await page.getByRole('button', { name: 'New rollout plan' }).click();
  const small = page.getByRole('group', { name: 'Group: Small stores' });
  await small.getByLabel('Profile').selectOption('Default 2');
  await expect(page.getByRole('button', { name: 'Run plan' })).toBeEnabled();
  await app.goTo('Profiles');
  await p.general().getByRole('button', { name: 'Delete profile' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete', exact: true }).click();
  await app.goTo('Chain');
  await expect(small.getByLabel('Profile')).toHaveValue('Default 2');
  await expect(small.getByLabel('Profile').locator('option:checked')).toHaveText('Default 2 (missing)');
  await expect(small).toContainText('The profile \u201cDefault 2\u201d is not in this workspace (deleted or renamed?); pick another.');
  await expect(page.getByRole('button', { name: 'Run plan' })).toBeDisabled();
  // Undo brings the profile back, and the plan runs again.
  await page.getByRole('button', { name: /^Undo/ }).click();
  await expect(small).not.toContainText('is not in this workspace');
  await expect(page.getByRole('button', { name: 'Run plan' })).toBeEnabled();
});

test('Cancel stops a running plan at once, nothing of it appears later, and the next run works', async ({ page }) => {
  test.setTimeout(120_000);
  const app = new Studio(page);
  await app.open('#/chain');
  await page.getByRole('button', { name: 'New rollout plan' }).click();
  const runCard = page.getByRole('region', { name: 'Run the plan' });
  await runCard.getByRole('button', { name: 'Run plan' }).click();
  await expect(runCard.getByRole('status')).toContainText(/Running: 0 of 2 runs done/);
  await expect.poll(() => page.workers().filter((w) => w.url().endsWith('/engine-worker_loader.js')).length).toBeGreaterThan(0);
  await runCard.getByRole('button', { name: 'Cancel' }).click();
  await expect(runCard.getByRole('status')).toHaveText('Cancelled: nothing was changed.');
  await expect.poll(() => page.workers().filter((w) => w.url().endsWith('/engine-worker_loader.js')).length).toBe(0);
  await expect(page.getByRole('heading', { name: /^Results:/ })).toHaveCount(0);
  await expect(runCard.getByRole('button', { name: 'Run plan' })).toBeEnabled();
  await expect(page.getByRole('group', { name: 'Group: Small stores' })).toBeVisible();
  await page.waitForTimeout(3_000); // had the cancelled runs gone on, they would finish by now
  await expect(page.getByRole('heading', { name: /^Results:/ })).toHaveCount(0);
  await runCard.getByRole('button', { name: 'Run plan' }).click();
  await expect(page.getByRole('heading', { name: /^Results:/ })).toBeVisible({ timeout: 90_000 });
  await expect(runCard.getByRole('status')).toContainText('Last run: 2 runs');
});
