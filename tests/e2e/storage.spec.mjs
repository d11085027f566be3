import { test, expect } from './fixtures.mjs';
import { Studio, Profiles } from './studio.mjs';

const KEY = 'offline-profile-studio.workspace';

test('localStorage disabled: a banner, and the app keeps working in memory', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    });
  });
  const app = new Studio(page);
  await app.open('#/profiles');
  await expect(page.getByRole('alert').filter({ hasText: 'does not allow the app to save' })).toBeVisible();
  await expect(page.getByText('Not saved')).toBeVisible();
  const p = new Profiles(page);
  await p.name().fill('Memory');
  await expect(p.list().getByRole('button', { name: /Memory/ })).toBeVisible();
  app.expectNoErrors();
});

test('storage full mid-save: a banner, the work stays in memory, the last save is intact', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/profiles');
  const p = new Profiles(page);
  await p.description().fill('saved before the disk filled');
  const saved = await page.evaluate((k) => localStorage.getItem(k), KEY);
  expect(saved).toContain('saved before the disk filled');
  await page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    };
  });
  await p.description().fill('typed after the disk filled');
  await expect(page.getByRole('alert').filter({ hasText: 'storage for this app is full' })).toBeVisible();
  await expect(p.description()).toHaveValue('typed after the disk filled');
  expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBe(saved);
});

test('unreadable stored data is kept untouched and offered for download', async ({ page }) => {
  await page.addInitScript((k) => {
    if (!sessionStorage.getItem('planted')) {
      localStorage.setItem(k, '{"schema_version": 2, "workspace": {"profiles": "oops"');
      sessionStorage.setItem('planted', '1');
    }
  }, KEY);
  const app = new Studio(page);
  await app.open('#/profiles');
  const banner = page.getByRole('alert').filter({ hasText: 'could not be opened' });
  await expect(banner).toContainText('kept untouched');
  const p = new Profiles(page);
  await p.description().fill('work while the old data waits');
  expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBe('{"schema_version": 2, "workspace": {"profiles": "oops"');
  const download = page.waitForEvent('download');
  await banner.getByRole('button', { name: 'Download the stored data' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^offline-profile-studio-unreadable-.*\.json$/);
  await banner.getByRole('button', { name: 'Discard it and save my current work' }).click();
  await expect(banner).toHaveCount(0);
  expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toContain('work while the old data waits');
});

test('an older stored schema is migrated with a notice', async ({ page }) => {
  await page.addInitScript((k) => {
    if (!sessionStorage.getItem('planted')) {
      localStorage.setItem(k, JSON.stringify({
        schema_version: 1,
        profiles: [{ name: 'Legacy', description: 'from the prototype',
          scopes: [{ description: 'Staff', direction: 0, frequency_minutes: 60, tables: ['RETAILSTAFFTABLE'] }] }],
      }));
      sessionStorage.setItem('planted', '1');
    }
  }, KEY);
  const app = new Studio(page);
  await app.open('#/profiles');
  await expect(page.getByRole('status').filter({ hasText: 'upgraded from schema 1' })).toBeVisible();
  const p = new Profiles(page);
  await expect(p.name()).toHaveValue('Legacy');
  expect(await p.lines()).toEqual([['Staff', 'Download', 'every 60 minutes']]);
});
