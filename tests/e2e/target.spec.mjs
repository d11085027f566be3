// Target systems: switching a profile to AX 2012 R3 (as released) marks the settings that
// release ignores, says so once in the checks, is undoable with its words, and the simulation
// and the sign-off report state what the system does instead.
import { test, expect } from './fixtures.mjs';
import { Studio, Profiles, runShortSimulation, seriousA11yViolations } from './studio.mjs';

test('a profile for AX 2012 R3 as released: notices beside fields, one check, the simulation says what it assumed', async ({ page }) => {
  test.setTimeout(90_000);
  const app = new Studio(page);
  await app.open('#/profiles');
  const p = new Profiles(page);
  const target = p.general().getByLabel('Target system');
  await expect(target).toHaveValue('ax2012r3-essentials');
  await expect(p.device().getByText('not implemented in this release')).toHaveCount(0);

  await target.selectOption({ label: 'AX 2012 R3 (as released)' });
  // Five of the seven device settings, the two limits, and a scope's frequency say so.
  await expect(p.device().getByText('not implemented in this release')).toHaveCount(5);
  await expect(p.device().getByRole('note')).toContainText('only the offline timeout and the reconnect interval work');
  await expect(p.products().getByText('not implemented in this release')).toBeVisible();
  await expect(p.customers().getByRole('note')).toContainText('every product and customer goes offline');
  await p.selectLine('1040 Products');
  await p.offlineTables().getByRole('button', { name: 'Offline scope' }).click();
  await expect(p.scopeForm().getByText('not implemented in this release')).toBeVisible();
  await expect(p.scopeForm().getByRole('note')).toContainText('the offline sync service does not follow it');
  // Once in the checks, as a warning: the default profile relies on its frequencies.
  const check = p.checks().getByText(/AX 2012 R3 \(as released\) does not implement/);
  await expect(check).toHaveCount(1);
  await expect(check).toContainText('frequency of its 14 scopes');
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Undo says what it undoes.
  await expect(page.getByRole('button', { name: /^Undo: / })).toHaveAccessibleName(/target system .*AX 2012 R3 \(as released\)/);

  // The simulator runs every scope on the one interval and says so where results are shown.
  await runShortSimulation(page, 2);
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary.getByRole('note').first()).toContainText('every scope was simulated as synchronizing every 15 minutes');
  await page.getByRole('link', { name: 'Sign-off report with this run' }).click();
  const report = page.getByRole('article', { name: 'Sign-off report' });
  await expect(report.locator('dt', { hasText: /^Target system$/ }).locator('xpath=following-sibling::dd[1]')).toHaveText('AX 2012 R3 (as released)');
  await expect(report.getByRole('heading', { name: 'Simulation: what the target system does instead' })).toBeVisible();

  // Back to the documented system: the notices go.
  await app.goTo('Profiles');
  await p.general().getByLabel('Target system').selectOption({ label: 'AX 2012 R3 Retail essentials (as documented)' });
  await expect(p.device().getByText('not implemented in this release')).toHaveCount(0);
  await expect(p.checks().getByText(/does not implement/)).toHaveCount(0);
});

test('Dynamics 365 Commerce: frequencies are schedule recurrences, limits have no effect', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/profiles');
  const p = new Profiles(page);
  await p.general().getByLabel('Target system').selectOption({ label: 'Dynamics 365 Commerce' });
  await expect(p.products().getByText('no effect in this system')).toBeVisible();
  await expect(p.device().getByText('no effect in this system')).toHaveCount(5);
  await p.selectLine('1010 Customers');
  await p.offlineTables().getByRole('button', { name: 'Offline scope' }).click();
  await expect(p.scopeForm().getByText('set on the distribution schedule in this system')).toBeVisible();
  // A note, not a warning: the default profile relies on nothing Commerce lacks.
  await expect(p.checks().getByText(/Dynamics 365 Commerce does not implement/)).toHaveCount(0);
  await p.checks().getByLabel('Show info').check();
  await expect(p.checks().getByText(/Dynamics 365 Commerce does not implement/)).toContainText('relies on none of them');
});
