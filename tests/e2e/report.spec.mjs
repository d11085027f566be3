// The sign-off report: opened from a finished simulation, printed to PDF and read back with
// pdftotext (poppler-utils, installed by tools/setup.sh); the package's report.html opened from
// disk with the network cut and scripts off; a previous package's verdict and a bad file.
import { test, expect } from './fixtures.mjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { Studio, runShortSimulation, seriousA11yViolations } from './studio.mjs';

const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');
/** The value beside a term of the report's fact lists. */
const fact = (root, term) => root.locator('dt', { hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd[1]');

async function exportPackage(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Packages', exact: true }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Download package' }).click();
  const file = await download;
  const path = test.info().outputPath(file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

test('the report of Default pr after a simulation prints to PDF with its name, hash, scopes and largest size', async ({ page }) => {
  test.setTimeout(120_000);
  const app = new Studio(page);
  await app.open();
  const pkg = await exportPackage(page);
  await runShortSimulation(page, 4);
  const sizes = page.getByRole('region', { name: 'Offline database size' });
  // Each register's database is measured after the run (pages × page size); the headline then
  // compares the measured size with the guidance.
  await expect(sizes.getByRole('table', { name: 'Database size per register' }).getByText(/measuring/)).toHaveCount(0, { timeout: 30_000 });
  await expect(sizes.getByText(/^Largest register database: [\d.]+ [KMG]?B \(measured as SQLite stores it/)).toBeVisible();
  const largest = (await sizes.getByText(/^Largest register database:/).textContent()).match(/: ([\d.]+ [KMG]?B)/)[1];

  // The run as a simulation record, as `profile-package report --sim` reads it.
  const saving = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the results (JSON)' }).click();
  const saved = await saving;
  expect(saved.suggestedFilename()).toBe('Default-pr-simulation.json');
  const recordPath = test.info().outputPath('sim.json');
  await saved.saveAs(recordPath);
  const record = JSON.parse(readFileSync(recordPath, 'utf8'));
  expect(record.format).toBe('offline-profile-studio/simulation');
  expect(record.profile).toBe('Default pr');
  expect(record.profile_fingerprint).toMatch(/^[0-9a-f]{64}$/);
  expect(record.scenario.horizon_hours).toBe(4);

  await page.getByRole('link', { name: 'Sign-off report with this run' }).click();
  await expect(page).toHaveURL(/#\/report\/Default%20pr$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign-off report' })).toBeVisible();
  await page.getByLabel('Prepared by').fill('Ana Planner');
  const report = page.getByRole('article', { name: 'Sign-off report' });
  await expect(fact(report, 'Prepared by')).toHaveText('Ana Planner');
  // The hash on the cover is the package's own: the bytes the Packages area downloads.
  await expect(fact(report, 'Package SHA-256')).toHaveText(sha256(pkg));
  await expect(fact(report, 'Largest register database').first()).toContainText(`${largest} as SQLite stores it`);
  await expect(report.getByRole('heading', { name: 'Simulation: results' })).toBeVisible();
  const scopes = await report.locator('th.scope-name').allTextContents();
  expect(scopes.length).toBe(14);
  expect(await seriousA11yViolations(page)).toEqual([]);

  await page.emulateMedia({ media: 'print' });
  const pdfPath = test.info().outputPath('report.pdf');
  writeFileSync(pdfPath, await page.pdf({ format: 'A4', printBackground: true }));
  const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' });
  const flat = text.replace(/\s+/g, ' ');
  const missing = [...['Default pr', sha256(pkg), largest, 'Deployment-day checklist', 'Ana Planner'], ...scopes]
    .filter((must) => !flat.includes(must.replace(/\s+/g, ' ')));
  expect(missing, 'missing from the PDF text').toEqual([]);
  // Only the report prints: no navigation, no controls, no footer.
  const chrome = ['Skip to content', 'Print or save as PDF', 'All data stays in this browser'].filter((w) => flat.includes(w));
  expect(chrome, 'app chrome in the PDF').toEqual([]);
  const pages = Number(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)[1]);
  // The default profile with a simulation: 13–16 A4 pages (400 tables listed, every check, the
  // operations, the simulation); the bounds leave room for a wording change, not for a layout bug.
  expect(pages).toBeGreaterThanOrEqual(10);
  expect(pages).toBeLessThanOrEqual(20);
  // The Paper choice sets the page size the browser prints on.
  await page.emulateMedia({ media: 'screen' });
  await page.getByLabel('Paper').selectOption('Letter');
  const letterPath = test.info().outputPath('report-letter.pdf');
  writeFileSync(letterPath, await page.pdf({ preferCSSPageSize: true }));
  expect(execFileSync('pdfinfo', [letterPath], { encoding: 'utf8' })).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
  // The running header (profile and package hash) is on every page.
  for (let p = 1; p <= pages; p++) {
    const one = execFileSync('pdftotext', ['-f', String(p), '-l', String(p), pdfPath, '-'], { encoding: 'utf8' });
    expect(one, `page ${p}`).toContain('Sign-off report · Default pr v1');
    expect(one.replace(/\s+/g, ''), `page ${p}`).toContain(sha256(pkg));
  }
});

test("the package's report.html renders offline with scripts off, and reads like the view", async ({ page, browser }) => {
  const app = new Studio(page);
  await app.open();
  const pkg = await exportPackage(page);
  const html = execFileSync('unzip', ['-p', pkg, 'report.html']);
  const file = test.info().outputPath('report.html');
  writeFileSync(file, html);

  const context = await browser.newContext({ javaScriptEnabled: false, offline: true, viewport: { width: 1280, height: 900 } });
  const standalone = await context.newPage();
  const requests = [];
  standalone.on('request', (r) => requests.push(r.url()));
  await standalone.goto(`file://${file}`);
  const doc = standalone.getByRole('article', { name: 'Sign-off report' });
  await expect(doc.getByRole('heading', { level: 1, name: 'Default pr' })).toBeVisible();
  await expect(fact(doc, 'Package SHA-256')).toContainText('cannot hold its own hash');
  expect(requests).toEqual([`file://${file}`]);
  await standalone.screenshot({ path: test.info().outputPath('standalone-1280.png'), fullPage: true });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Report', exact: true }).click();
  const view = page.getByRole('article', { name: 'Sign-off report' });
  await expect(view.getByRole('heading', { level: 1, name: 'Default pr' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('view-1280.png'), fullPage: true });
  // Same sections, same scopes, same checks, same profile.json hash.
  const texts = async (root, selector) => root.locator(selector).allInnerTexts();
  expect(await texts(doc, 'h2')).toEqual(await texts(view, 'h2'));
  expect(await texts(doc, 'table.doc tbody tr')).toEqual(await texts(view, 'table.doc tbody tr'));
  expect(await fact(doc, 'profile.json SHA-256').textContent()).toBe(await fact(view, 'profile.json SHA-256').textContent());
  await context.close();
});

test('a previous package gives the verdict; a file that is not one is refused and the report stays', async ({ page }) => {
  const app = new Studio(page);
  await app.open();
  const pkg = await exportPackage(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Report', exact: true }).click();
  const report = page.getByRole('article', { name: 'Sign-off report' });
  await expect(report.getByText('No previous package was chosen')).toBeVisible();

  await page.getByLabel('Previous package (the version stores run now)').setInputFiles(pkg);
  await expect(report.getByText('No differences: nothing to deploy.')).toHaveCount(2);

  const junk = test.info().outputPath('junk.zip');
  writeFileSync(junk, 'not a zip at all');
  await page.getByLabel('Previous package (the version stores run now)').setInputFiles(junk);
  await expect(page.getByRole('alert')).toContainText('This file cannot be compared: junk.zip');
  await expect(report.getByRole('heading', { level: 1, name: 'Default pr' })).toBeVisible();
  await expect(report.getByText('No previous package was chosen')).toBeVisible();

  // Download report.html from the view: the same document, with today's date.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download report.html' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Default-pr-v1-report.html');
  const saved = test.info().outputPath('from-view.html');
  await file.saveAs(saved);
  const text = readFileSync(saved, 'utf8');
  expect(text).toContain('<h1>Default pr</h1>');
  expect(text).not.toContain('<script');
});
