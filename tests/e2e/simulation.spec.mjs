import { test, expect } from './fixtures.mjs';
import { execFileSync } from 'node:child_process';
import { Studio } from './studio.mjs';

test.describe.configure({ timeout: 180_000 });

async function field(page, label) {
  return page.getByRole('form', { name: 'Scenario' }).getByLabel(label, { exact: true });
}

test('run the reference preset, read the timeline, query and download a register database', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/simulation');
  const scenario = page.getByRole('form', { name: 'Scenario' });
  await scenario.getByLabel('Preset').selectOption('Reference mid-size store');
  await expect(await field(page, 'Customers')).toHaveValue('50000');
  // Half a day keeps the test short; the full week is a benchmark figure.
  await (await field(page, 'Simulated hours')).fill('12');
  await scenario.getByRole('button', { name: 'Run simulation' }).click();
  await expect(page.getByText(/Simulation finished in/)).toBeVisible({ timeout: 150_000 });

  const timeline = page.getByRole('region', { name: 'Timeline' });
  const bars = timeline.locator('svg.timeline g.bar');
  expect(await bars.count()).toBeGreaterThan(50);
  await bars.first().focus();
  await expect(timeline.locator('.session-detail')).toContainText(/Register \d+, scope \d+/);
  await expect(page.getByRole('region', { name: 'Volumes per register' })).toContainText('1040 Products');
  await expect(page.getByRole('region', { name: 'Offline database size' })).toContainText('of the 8 GB guidance');

  const inspector = page.getByRole('region', { name: 'Register inspector' });
  await inspector.getByLabel('Register', { exact: true }).selectOption('2');
  await expect(inspector.getByRole('table', { name: 'Rows per table, register and store' })).toContainText('CUSTTABLE');
  await inspector.getByLabel(/SQL query/).fill('SELECT count(*) AS customers FROM CUSTTABLE');
  await inspector.getByRole('button', { name: 'Run query' }).click();
  const result = inspector.getByRole('table', { name: 'Query result' });
  await expect(result).toContainText('customers');
  const n = Number(await result.locator('tbody td').first().innerText());
  expect(n).toBeGreaterThanOrEqual(50000);
  // Writes are refused and change nothing.
  await inspector.getByLabel(/SQL query/).fill('DELETE FROM CUSTTABLE');
  await inspector.getByRole('button', { name: 'Run query' }).click();
  await expect(inspector.getByRole('alert')).toContainText('Statement 1 starts with DELETE: only reading is allowed here');
  await inspector.getByLabel(/SQL query/).fill('SELECT * FROM no_such_table');
  await inspector.getByRole('button', { name: 'Run query' }).click();
  await expect(inspector.getByRole('alert')).toContainText('no such table: no_such_table');

  const download = page.waitForEvent('download');
  await inspector.getByRole('button', { name: 'Download database' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('register-2-offline.sqlite');
  const path = test.info().outputPath(file.suggestedFilename());
  await file.saveAs(path);
  expect(execFileSync('sqlite3', [path, 'PRAGMA integrity_check']).toString().trim()).toBe('ok');
  expect(Number(execFileSync('sqlite3', [path, 'SELECT count(*) FROM CUSTTABLE']).toString().trim())).toBe(n);
  app.expectNoErrors();
});

test('cancel a running simulation and start another', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/simulation');
  const scenario = page.getByRole('form', { name: 'Scenario' });
  await scenario.getByLabel('Preset').selectOption('Reference mid-size store');
  await scenario.getByRole('button', { name: 'Run simulation' }).click();
  await expect(page.getByText(/Simulating/)).toBeVisible();
  await scenario.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Simulation cancelled. Nothing was kept from it.')).toBeVisible({ timeout: 60_000 });
  await scenario.getByLabel('Preset').selectOption('Small store');
  await scenario.getByRole('button', { name: 'Run simulation' }).click();
  await expect(page.getByText(/Simulation finished in/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('region', { name: 'Summary' })).toContainText('sync sessions');
  app.expectNoErrors();
});

test('scenario values out of range get inline errors and no run', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/simulation');
  const scenario = page.getByRole('form', { name: 'Scenario' });
  await (await field(page, 'Registers per store')).fill('0');
  await expect(scenario.getByText('Registers per store must be between 1 and 100; it is 0.')).toBeVisible();
  await expect(scenario.getByRole('button', { name: 'Run simulation' })).toBeDisabled();
  await (await field(page, 'Registers per store')).fill('two');
  await expect(scenario.getByText('\u201ctwo\u201d is not a whole number in range.')).toBeVisible();
  await (await field(page, 'Registers per store')).fill('2');
  await scenario.getByLabel(/Outages/).fill('9: 10-5');
  await scenario.getByLabel(/Outages/).blur();
  await expect(scenario.getByText('Outage 1: register 9 does not exist (there are 2).')).toBeVisible();
  await scenario.getByLabel(/Outages/).fill('nonsense');
  await scenario.getByLabel(/Outages/).blur();
  await expect(scenario.getByText(/Outage line 1: write/)).toBeVisible();
  await expect(scenario.getByRole('button', { name: 'Run simulation' })).toBeDisabled();
});
