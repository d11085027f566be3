// The guided tour: offered on a first visit, replayable from Help, and done step by step by
// using the real controls.
import { test, expect } from './fixtures.mjs';
import { Studio, Profiles, runShortSimulation, seriousA11yViolations } from './studio.mjs';

test.describe.configure({ timeout: 120_000 });

test('the tour is offered once, follows the procedure to an export, and can be replayed from Help', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/profiles');
  const welcome = page.getByRole('region', { name: 'Welcome' });
  await welcome.getByRole('button', { name: 'Take the tour' }).click();
  await expect(welcome).toHaveCount(0);
  const tour = page.getByRole('complementary', { name: 'Tour' });
  await expect(tour).toContainText('Tour, step 1 of 6');
  await expect(page.locator('#new-profile')).toHaveAttribute('data-tour', 'current');
  expect(await seriousA11yViolations(page)).toEqual([]);

  const p = new Profiles(page);
  await p.list().getByRole('button', { name: 'New' }).click();
  await expect(tour).toContainText('Name it');
  await p.name().fill('Kiosk');
  await expect(tour).toContainText('Add an offline scope');
  await p.addScope('1060 Staff');
  await expect(tour).toContainText('Open the Offline scope form');
  await p.offlineTables().getByRole('button', { name: 'Offline scope' }).click();
  await expect(tour).toContainText('Simulate it');
  await tour.getByRole('link', { name: 'Show me' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Simulation' })).toBeVisible();
  await runShortSimulation(page, 1);
  await expect(tour).toContainText('Export a package');
  await tour.getByRole('link', { name: 'Show me' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Download profile.json' }).click();
  await download;
  await expect(tour).toContainText('Tour complete');
  await tour.getByRole('button', { name: 'Close' }).click();
  await expect(tour).toHaveCount(0);

  // Offered once: not again after a reload; Help replays it.
  await page.reload();
  await expect(page.getByText('SQLite engine ready')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Welcome' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Help' }).click();
  await page.getByRole('group', { name: 'Help' }).getByRole('button', { name: 'Take the tour' }).click();
  await expect(tour).toContainText('Tour, step 1 of 6');
  await tour.getByRole('button', { name: 'End the tour' }).click();
  await expect(tour).toHaveCount(0);
  app.expectNoErrors();
});

test('Not now dismisses the offer for good', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/catalog');
  await page.getByRole('region', { name: 'Welcome' }).getByRole('button', { name: 'Not now' }).click();
  await page.reload();
  await expect(page.getByText('SQLite engine ready')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Welcome' })).toHaveCount(0);
  app.expectNoErrors();
});
