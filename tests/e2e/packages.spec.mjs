import { test, expect } from './fixtures.mjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { Studio, Profiles, runShortSimulation } from './studio.mjs';

const KEY = 'offline-profile-studio.workspace';
const workspace = (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k)).workspace, KEY);

async function exportPackage(page) {
  const exportCard = page.getByRole('region', { name: 'Export' });
  const download = page.waitForEvent('download');
  await exportCard.getByRole('button', { name: 'Download package' }).click();
  const file = await download;
  const path = test.info().outputPath(file.suggestedFilename());
  await file.saveAs(path);
  return { path, name: file.suggestedFilename() };
}

test('export the default profile, import it back: the diff is empty and nothing changes', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/packages');
  const exportCard = page.getByRole('region', { name: 'Export' });
  await expect(exportCard.getByLabel('Profile')).toHaveValue(/\d+/);
  await expect(exportCard.getByRole('status').first()).toContainText('0 errors');
  const pkg = await exportPackage(page);
  expect(pkg.name).toBe('Default-pr-v1.zip');
  expect(readFileSync(pkg.path).subarray(0, 2).toString()).toBe('PK');
  const before = await workspace(page);

  const importCard = page.getByRole('region', { name: 'Import', exact: true });
  await importCard.getByLabel('Package or profile.json').setInputFiles(pkg.path);
  const preview = page.getByRole('region', { name: 'Import preview' });
  await expect(preview).toContainText('Import preview: \u201cDefault pr\u201d, version 1');
  await expect(preview).toContainText('A profile named \u201cDefault pr\u201d already exists');
  await expect(preview.getByRole('note')).toContainText('No differences: nothing to deploy.');
  await expect(preview).toContainText('\u201c1010 Customers\u201d: identical scope in the library, shared');
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(importCard.getByRole('status')).toContainText('Imported \u201cDefault pr\u201d');
  const after = await workspace(page);
  expect(after.scopes).toEqual(before.scopes);
  expect(after.profiles.map((p) => [p.name, p.scopes])).toEqual(before.profiles.map((p) => [p.name, p.scopes]));
  app.expectNoErrors();
});

test('export a modified profile and see the reprovisioning verdict', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/packages');
  const v1 = await exportPackage(page);
  // Change the profile: a table removed and a frequency changed.
  await app.goTo('Profiles');
  const p = new Profiles(page);
  await p.selectLine('1040 Products');
  await p.offlineTables().getByRole('button', { name: 'Offline scope' }).click();
  await p.scopeForm().getByLabel('Synchronization frequency').fill('45');
  await p.removeTable('INVENTTABLE');
  await app.goTo('Packages');
  const compare = page.getByRole('region', { name: 'Compare versions' });
  await compare.getByLabel('Package deployed now').setInputFiles(v1.path);
  const result = compare.getByRole('region', { name: 'Comparison' });
  await expect(result).toContainText('From package \u201cDefault pr\u201d v1 to the current profile \u201cDefault pr\u201d: 2 changes');
  await expect(result.getByRole('note')).toContainText('Reprovision every register of the stores using this profile');
  await expect(result).toContainText('Table INVENTTABLE removed from \u201c1040 Products\u201d');
  await expect(result).toContainText('frequency every 30 minutes \u2192 every 45 minutes');
  // The new export is version 2; comparing the two packages gives the same verdict.
  const v2 = await exportPackage(page);
  expect(v2.name).toBe('Default-pr-v2.zip');
  await compare.getByLabel('or with another package').setInputFiles(v2.path);
  await expect(result).toContainText('to package \u201cDefault pr\u201d v2: 2 changes');
});

test('a corrupted or foreign file is refused with its reason and the workspace is unchanged', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/packages');
  const pkg = await exportPackage(page);
  const before = await page.evaluate((k) => localStorage.getItem(k), KEY);
  const importCard = page.getByRole('region', { name: 'Import', exact: true });
  const bytes = readFileSync(pkg.path);
  const cut = test.info().outputPath('truncated.zip');
  writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
  await importCard.getByLabel('Package or profile.json').setInputFiles(cut);
  const alert = importCard.getByRole('alert');
  await expect(alert).toContainText('truncated.zip: not a readable zip file; it may be truncated or damaged');
  await expect(alert).toContainText('Your workspace is unchanged.');
  const notJson = test.info().outputPath('profile.json');
  writeFileSync(notJson, '{"format": "offline-profile-studio/profile", "format_version": 1, "profile": {"name": 3}}');
  await importCard.getByLabel('Package or profile.json').setInputFiles(notJson);
  await expect(alert).toContainText('profile.json, profile.name: does not match');
  const future = test.info().outputPath('future.json');
  writeFileSync(future, '{"format": "offline-profile-studio/profile", "format_version": 9}');
  await importCard.getByLabel('Package or profile.json').setInputFiles(future);
  await expect(alert).toContainText('made by a newer version');
  expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBe(before);
});

test('export is refused while the profile has errors, each linking to its field', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/profiles');
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await new Profiles(page).name().fill('Broken');
  await app.goTo('Packages');
  const exportCard = page.getByRole('region', { name: 'Export' });
  await exportCard.getByLabel('Profile').selectOption({ label: 'Broken (version 1)' });
  const refusal = exportCard.getByRole('alert');
  await expect(refusal).toContainText('Export is refused while the profile has errors.');
  await expect(refusal).toContainText('The profile has no offline scopes');
  await expect(exportCard.getByRole('button', { name: 'Download package' })).toBeDisabled();
  await refusal.getByRole('listitem').filter({ hasText: 'no offline scopes' }).getByRole('button', { name: 'Go to field' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Offline profiles' })).toBeVisible();
  await expect(page.locator('#offline-tables')).toBeFocused();
});

test('a profile.json export imports as a new profile under another name', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/packages');
  const download = page.waitForEvent('download');
  await page.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Download profile.json' }).click();
  const file = await download;
  const path = test.info().outputPath(file.suggestedFilename());
  await file.saveAs(path);
  expect(JSON.parse(readFileSync(path, 'utf8')).format).toBe('offline-profile-studio/profile');
  const importCard = page.getByRole('region', { name: 'Import', exact: true });
  await importCard.getByLabel('Package or profile.json').setInputFiles(path);
  const preview = page.getByRole('region', { name: 'Import preview' });
  await preview.getByLabel('Add as a new profile').check();
  await preview.getByLabel('New name').fill('Copy');
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  await app.goTo('Profiles');
  await expect(new Profiles(page).list().getByRole('button', { name: /^Copy/ })).toBeVisible();
});

test('a share link opened in another browser shows an import preview', async ({ page, browser }) => {
  const app = new Studio(page);
  await app.open('#/packages');
  await page.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Create share link' }).click();
  const link = await page.getByLabel('Share link').inputValue();
  expect(link).toMatch(/#\/import\/[A-Za-z0-9_-]+$/);
  const other = await browser.newContext();
  const page2 = await other.newPage();
  const app2 = new Studio(page2);
  await page2.goto(link);
  await expect(page2.getByText('SQLite engine ready')).toBeVisible();
  const preview = page2.getByRole('region', { name: 'Import preview' });
  await expect(preview).toContainText('Import preview: \u201cDefault pr\u201d');
  await expect(preview).toContainText('Shared link');
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page2.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();
  app2.expectNoErrors();
  await other.close();
});

test('a package can carry the offline database of a simulated register', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/packages');
  const exportCard = page.getByRole('region', { name: 'Export' });
  await expect(exportCard.getByLabel('Include an offline seed database (offline-seed.sqlite)')).toBeDisabled();
  await expect(exportCard).toContainText('Available once this profile has been simulated');
  await runShortSimulation(page);
  await app.goTo('Packages');
  await exportCard.getByLabel('Include an offline seed database (offline-seed.sqlite)').check();
  await exportCard.getByLabel('Seed from').selectOption('2');
  const download = page.waitForEvent('download');
  await exportCard.getByRole('button', { name: 'Download package' }).click();
  const file = await download;
  const path = test.info().outputPath(file.suggestedFilename());
  await file.saveAs(path);
  await expect(exportCard).toContainText('with the offline database of register 2');
  const seed = test.info().outputPath('offline-seed.sqlite');
  const listing = execFileSync('python3', ['-c', `
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
manifest = json.loads(z.read('manifest.json'))
open(sys.argv[2], 'wb').write(z.read('offline-seed.sqlite'))
print(json.dumps({'names': names, 'listed': [f['name'] for f in manifest['files']]}))
`, path, seed]).toString();
  const { names, listed } = JSON.parse(listing);
  expect(names).toContain('offline-seed.sqlite');
  expect(listed).toContain('offline-seed.sqlite');
  expect(execFileSync('sqlite3', [seed, 'PRAGMA integrity_check']).toString().trim()).toBe('ok');
  expect(Number(execFileSync('sqlite3', [seed, 'SELECT count(*) FROM INVENTTABLE']).toString().trim())).toBe(3000);
  // The package still imports, seed and all.
  await page.getByRole('region', { name: 'Import', exact: true }).getByLabel('Package or profile.json').setInputFiles(path);
  await expect(page.getByRole('region', { name: 'Import preview' })).toContainText('Import preview: \u201cDefault pr\u201d');
});
