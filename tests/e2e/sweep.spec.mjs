// What-if sweep: a 5-point sweep of products on a short scenario runs the real simulation at
// each point (in parallel engine workers) and reads the crossing of the 8 GB guidance; a reversed range is refused inline.
import { test, expect } from './fixtures.mjs';
import { Studio, seriousA11yViolations } from './studio.mjs';

test('a 5-point sweep of products charts the measured size and says where it would cross 8 GB', async ({ page }) => {
  test.setTimeout(120_000);
  const app = new Studio(page);
  await app.open('#/simulation');
  const scenario = page.getByRole('form', { name: 'Scenario' });
  await scenario.getByLabel('Simulated hours', { exact: true }).fill('1');
  await scenario.getByLabel(/Outages/).fill('');
  await scenario.getByLabel(/Outages/).blur();
  const card = page.getByRole('region', { name: 'What-if sweep' });
  await card.getByLabel('Vary').selectOption({ label: 'Products (released items)' });
  await card.getByLabel('From').fill('5000');
  await card.getByLabel('From').press('Enter');
  await card.getByLabel('To').fill('1000');
  await card.getByLabel('To').press('Enter');
  await expect(card.getByRole('alert')).toContainText('The range is reversed: from 5000 to 1000');
  await expect(card.getByRole('button', { name: 'Run sweep' })).toBeDisabled();

  await card.getByLabel('From').fill('1000');
  await card.getByLabel('From').press('Enter');
  await card.getByLabel('To').fill('9000');
  await card.getByLabel('To').press('Enter');
  await card.getByLabel('Points').fill('5');
  await card.getByLabel('Points').press('Enter');
  // The points run at once, one engine worker per core (at most 4).
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const atOnce = Math.min(cores, 4, 5);
  await card.getByRole('button', { name: 'Run sweep' }).click();
  await expect(card.getByRole('status')).toContainText(atOnce > 1 ? `${atOnce} at once` : 'one at a time');
  await expect.poll(() => page.workers().filter((w) => w.url().endsWith('/engine-worker_loader.js')).length).toBe(atOnce);
  await expect(card.getByRole('status')).toHaveText('Sweep finished: 5 points.', { timeout: 100_000 });
  // The pool's workers are gone once the sweep is done.
  await expect.poll(() => page.workers().filter((w) => w.url().endsWith('/engine-worker_loader.js')).length).toBe(0);
  await expect(card.getByRole('note')).toContainText(/it would reach the 8 GB guidance at about [\d,]+ products \(released items\) — extrapolated/);
  const rows = card.getByRole('table', { name: 'Sweep of products (released items)' }).locator('tbody tr');
  await expect(rows).toHaveCount(5);
  await expect(rows.first().locator('th')).toHaveText('1,000');
  await expect(card.locator('svg.sweep')).toHaveCount(3);
  expect(await seriousA11yViolations(page)).toEqual([]);
});
