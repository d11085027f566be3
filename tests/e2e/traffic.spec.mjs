import { test, expect } from './fixtures.mjs';
import { Studio, Profiles, runShortSimulation } from './studio.mjs';

test('a whole session (edit, simulate, export, import) requests nothing but the app’s own files', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL).origin;
  const foreign = [];
  const own = [];
  page.on('request', (r) => {
    const url = r.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    (url.startsWith(origin) ? own : foreign).push(url);
  });
  const app = new Studio(page);
  await app.open('#/profiles');
  const p = new Profiles(page);
  await p.description().fill('edited in the traffic test');
  await runShortSimulation(page);
  await app.goTo('Packages');
  const download = page.waitForEvent('download');
  await page.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Download package' }).click();
  const file = await download;
  const path = test.info().outputPath(file.suggestedFilename());
  await file.saveAs(path);
  await page.getByRole('region', { name: 'Import', exact: true }).getByLabel('Package or profile.json').setInputFiles(path);
  await page.getByRole('region', { name: 'Import preview' }).getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();
  expect(foreign).toEqual([]);
  expect(own.length).toBeGreaterThan(3);
  app.expectNoErrors();
});
