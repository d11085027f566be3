// Operations offline: removing a table makes an operation unavailable, with the reason and a
// one-click fix; the package carries operations.json; the report lists them.
import { test, expect } from './fixtures.mjs';
import { execFileSync } from 'node:child_process';
import { Studio, Profiles, seriousA11yViolations } from './studio.mjs';

test('remove a table: sign in becomes unavailable offline; the fix brings it back', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/profiles');
  const p = new Profiles(page);
  const ops = page.getByRole('region', { name: 'Operations offline' });
  await expect(ops.locator('p.counts')).toHaveText('17 available · 1 degraded · 0 unavailable');
  const signIn = ops.getByRole('listitem').filter({ hasText: /^Available Sign in/ });
  await expect(signIn).toBeVisible();

  await p.selectLine('1060 Staff');
  await p.offlineTables().getByRole('button', { name: 'Offline scope' }).click();
  await p.removeTable('RETAILSTAFFCREDENTIALTABLE');
  await expect(ops.locator('p.counts')).toHaveText('16 available · 1 degraded · 1 unavailable');
  const broken = ops.getByRole('listitem').filter({ hasText: /^Unavailable Sign in/ });
  await expect(broken).toContainText('RETAILSTAFFCREDENTIALTABLE (the password or credential checked at sign-in) is in no scope of this profile');
  await ops.getByLabel('Only those that do not fully work').check();
  await expect(ops.locator('li.operation')).toHaveCount(2);
  expect(await seriousA11yViolations(page)).toEqual([]);

  await broken.getByRole('button', { name: 'Add RETAILSTAFFCREDENTIALTABLE to its scope' }).click();
  await expect(ops.locator('p.counts')).toHaveText('17 available · 1 degraded · 0 unavailable');
  await expect(p.lineDetails().getByRole('radio', { name: 'RETAILSTAFFCREDENTIALTABLE', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Undo: / })).toBeEnabled();
});

test('the package carries operations.json and the report lists every operation', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/packages');
  const download = page.waitForEvent('download');
  await page.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Download package' }).click();
  const path = test.info().outputPath('pkg.zip');
  await (await download).saveAs(path);
  const json = JSON.parse(execFileSync('unzip', ['-p', path, 'operations.json'], { encoding: 'utf8' }));
  expect(json.operations.length).toBe(18);
  expect(json.operations.find((o) => o.key === 'gift-card').availability).toBe('degraded');
  const manifest = JSON.parse(execFileSync('unzip', ['-p', path, 'manifest.json'], { encoding: 'utf8' }));
  expect(manifest.files.map((f) => f.name)).toContain('operations.json');

  await app.goTo('Report');
  const report = page.getByRole('article', { name: 'Sign-off report' });
  await expect(report.getByRole('heading', { name: 'Operations offline' })).toBeVisible();
  await expect(report.getByRole('row', { name: /Cash-and-carry sale \(test list\) Available/ })).toBeVisible();
});
