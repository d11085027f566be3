// The defects found when the app was tried as a new user would (issue 11), each driven as a user
// meets it in the release build.
import { test, expect } from './fixtures.mjs';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Studio, Profiles, runShortSimulation, seriousA11yViolations } from './studio.mjs';

test.describe.configure({ timeout: 120_000 });

const sha = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function downloadPackage(page, as) {
  const download = page.waitForEvent('download');
  await page.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Download package' }).click();
  const file = await download;
  const path = test.info().outputPath(as);
  await file.saveAs(path);
  return path;
}

/** Cells whose text is wider than the cell, and tables wider than the box that holds them,
 *  among the visible tables of the page. */
async function clippedNumbers(page) {
  return page.evaluate(() => {
    const out = [];
    for (const table of document.querySelectorAll('table')) {
      if (!table.offsetParent) continue;
      const name = table.querySelector('caption')?.innerText || table.getAttribute('aria-label') || table.className;
      for (const cell of table.querySelectorAll('td, th')) {
        if (cell.scrollWidth > cell.clientWidth + 1) out.push(`${name}: cell "${cell.innerText}" is cut`);
      }
      const box = table.closest('.table-scroll, .result-scroll, .card');
      if (box && table.scrollWidth > box.clientWidth + 1) {
        out.push(`${name}: ${table.scrollWidth}px wide in a ${box.clientWidth}px box`);
      }
    }
    return out;
  });
}

test('two exports of an unchanged profile are byte for byte the same', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/packages');
  const first = await downloadPackage(page, 'first.zip');
  await page.waitForTimeout(1100); // a later second, which used to be written into the package
  const second = await downloadPackage(page, 'second.zip');
  expect(sha(second)).toBe(sha(first));
  app.expectNoErrors();
});

test('a profile duplicates with copied scopes, under a name that fits, and Undo removes it', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/profiles');
  const p = new Profiles(page);
  await p.duplicate({ copyScopes: true });
  await expect(p.name()).toHaveValue('Default 2');
  await expect(page.getByText('Duplicated \u201cDefault pr\u201d as \u201cDefault 2\u201d with its own copies of the scopes')).toBeVisible();
  await expect(p.offlineTables()).toContainText('1010 Customers (Default 2)');
  await expect(p.list().getByRole('button', { name: /^Default 2/ })).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('Control+z');
  await expect(p.list().getByRole('button', { name: /^Default 2/ })).toHaveCount(0);
  await expect(p.name()).toHaveValue('Default pr');
  // Shared scopes: the copy uses the very same ones.
  await p.general().getByRole('button', { name: 'Duplicate', exact: true }).click();
  await p.general().getByRole('button', { name: 'Duplicate profile' }).click();
  await expect(p.name()).toHaveValue('Default 2');
  await expect(p.offlineTables()).toContainText('1010 Customers');
  await expect(p.offlineTables()).not.toContainText('(Default 2)');
  app.expectNoErrors();
});

test('following the procedure, Offline scope opens the first line; a disabled button says why', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/profiles');
  const p = new Profiles(page);
  // Select a profile, then click Offline scope: the grid's first line is current.
  await expect(p.offlineTables().getByRole('radio').first()).toBeChecked();
  await p.offlineTables().getByRole('button', { name: 'Offline scope' }).click();
  await expect(p.scopeForm().getByLabel('Description', { exact: true })).toHaveValue('1000 Currency');
  // The first line, current without being clicked, stays current when it moves.
  await p.offlineTables().getByRole('button', { name: 'Move down' }).click();
  await expect(p.offlineTables().getByRole('radio', { name: '1000 Currency', exact: true })).toBeChecked();
  await expect(p.offlineTables().getByRole('radio', { name: '1000 Currency', exact: true })).toBeFocused();
  expect((await p.lines())[1][0]).toBe('1000 Currency');
  // The choice is kept per profile.
  await p.selectLine('1040 Products');
  await p.list().getByRole('button', { name: 'New' }).click();
  const offlineScope = p.offlineTables().getByRole('button', { name: 'Offline scope' });
  await expect(offlineScope).toBeDisabled();
  await expect(offlineScope).toHaveAccessibleDescription(/this profile has no line yet: click Add/);
  await expect(p.offlineTables().getByText(/this profile has no line yet/)).toBeVisible();
  await p.list().getByRole('button', { name: /^Default pr/ }).click();
  await expect(p.offlineTables().getByRole('radio', { name: '1040 Products', exact: true })).toBeChecked();
  app.expectNoErrors();
});

for (const width of [1280, 1400, 1920]) {
  test(`at ${width} px the Offline tables grid fits its card and no number is cut`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    const app = new Studio(page);
    await app.open('#/profiles');
    const p = new Profiles(page);
    const card = await p.offlineTables().boundingBox();
    const grid = await p.offlineTables().getByRole('table').boundingBox();
    expect(grid.x + grid.width).toBeLessThanOrEqual(card.x + card.width);
    const checks = await p.checks().boundingBox();
    expect(card.x + card.width).toBeLessThanOrEqual(checks.x);
    expect(await clippedNumbers(page)).toEqual([]);
    await app.goTo('Catalog');
    await app.openTable('CUSTTABLE');
    expect(await clippedNumbers(page)).toEqual([]);
    app.expectNoErrors();
  });
}

test('after a simulation: every register size in a table, whole row counts, the console per statement, no serious axe finding', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/profiles');
  await runShortSimulation(page, 4);

  await expect(page.getByRole('region', { name: 'Register inspector' })).toBeVisible();
  const sizes = page.getByRole('region', { name: 'Offline database size' });
  const table = sizes.getByRole('table', { name: 'Database size per register' });
  const registers = await page.getByRole('region', { name: 'Register inspector' }).getByLabel('Register', { exact: true }).locator('option').count();
  expect(registers).toBeGreaterThan(1);
  await expect(table.locator('tbody tr')).toHaveCount(registers);
  await expect(table.locator('tbody tr').first()).toContainText(/Register 1\s*[\d.]+ [KMG]?B/);
  await expect(table.locator('tbody tr').first()).toContainText(/%/);
  // The chart's end labels never overlap, and each register is named by one of them.
  const labels = await sizes.locator('svg.sizes text.line-label').evaluateAll((els) =>
    els.map((el) => { const r = el.getBBox(); return { text: el.textContent, y: r.y, h: r.height }; }));
  for (let i = 1; i < labels.length; i++) {
    expect(labels[i].y, `${labels[i].text} below ${labels[i - 1].text}`).toBeGreaterThanOrEqual(labels[i - 1].y + labels[i - 1].h - 1);
  }
  const named = labels.flatMap((l) => l.text.split(', ').flatMap((part) => {
    const [a, b] = part.replace(/R/g, '').split('\u2013').map(Number);
    return Array.from({ length: (b || a) - a + 1 }, (_, k) => a + k);
  })).sort((x, y) => x - y);
  expect(named).toEqual(Array.from({ length: registers }, (_, k) => k + 1));

  const inspector = page.getByRole('region', { name: 'Register inspector' });
  const counts = inspector.getByRole('table', { name: 'Rows per table, register and store' });
  const row = counts.getByRole('row', { name: /^CUSTTABLE / });
  const console_ = inspector.getByLabel(/SQL query/);
  await console_.fill('SELECT count(*) AS n FROM CUSTTABLE');
  await inspector.getByRole('button', { name: 'Run query' }).click();
  const n = Number(await inspector.getByRole('table', { name: 'Query result' }).locator('tbody td').first().innerText());
  expect(n).toBeGreaterThan(999);
  await expect(row.getByRole('cell').first()).toHaveText(n.toLocaleString('en-US'));
  await row.scrollIntoViewIfNeeded();
  await expect(row.getByRole('cell').nth(1)).toBeInViewport({ ratio: 1 });

  for (const width of [1280, 1400, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await clippedNumbers(page), `at ${width} px`).toEqual([]);
    const box = await inspector.getByRole('region', { name: 'Rows per table, register and store' }).boundingBox();
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath(`inspector-${width}.png`), fullPage: true });
    const store = await row.getByRole('cell').nth(1).boundingBox();
    expect(store.x + store.width, `store column visible at ${width} px`).toBeLessThanOrEqual(box.x + box.width);
  }

  // Several statements: each runs and shows its result; a write anywhere refuses them all.
  await console_.fill('SELECT 1 AS one; SELECT 2 AS two');
  await inspector.getByRole('button', { name: 'Run query' }).click();
  await expect(inspector.getByRole('table', { name: 'Result of statement 1 of 2' })).toContainText('one');
  await expect(inspector.getByRole('table', { name: 'Result of statement 2 of 2' })).toContainText('two');
  await console_.fill('SELECT 1; DELETE FROM CUSTTABLE');
  await inspector.getByRole('button', { name: 'Run query' }).click();
  await expect(inspector.getByRole('alert')).toContainText('Statement 2 starts with DELETE: only reading is allowed here');
  await console_.fill('PRAGMA query_only = 0; DELETE FROM CUSTTABLE');
  await inspector.getByRole('button', { name: 'Run query' }).click();
  await expect(inspector.getByRole('alert')).toContainText('Statement 1 sets PRAGMA query_only');
  await console_.fill('SELECT count(*) AS n FROM CUSTTABLE');
  await inspector.getByRole('button', { name: 'Run query' }).click();
  await expect(inspector.getByRole('table', { name: 'Query result' }).locator('tbody td').first()).toHaveText(String(n));

  // In every area, with the run's results about: every scrolling box is reachable by keyboard
  // and named, and axe finds nothing serious or critical.
  await page.setViewportSize({ width: 1400, height: 900 });
  for (const area of ['Simulation', 'Profiles', 'Packages', 'Report', 'Catalog']) {
    await app.goTo(area);
    if (area === 'Catalog') await app.openTable('CUSTTABLE');
    expect(await unreachableScrollBoxes(page), area).toEqual([]);
    expect(await seriousA11yViolations(page), area).toEqual([]);
  }
  app.expectNoErrors();
});

/** Elements that scroll but can be reached neither by focusing them nor anything inside. */
async function unreachableScrollBoxes(page) {
  return page.evaluate(() => [...document.querySelectorAll('*')]
    .filter((el) => {
      const s = getComputedStyle(el);
      const scrolls = (/(auto|scroll)/.test(s.overflowY) && el.scrollHeight > el.clientHeight + 1)
        || (/(auto|scroll)/.test(s.overflowX) && el.scrollWidth > el.clientWidth + 1);
      if (!scrolls || el === document.documentElement || el === document.body) return false;
      const focusable = el.tabIndex >= 0 || el.querySelector('a[href], button, input, select, textarea, [tabindex="0"]');
      return !focusable;
    })
    .map((el) => el.className || el.tagName));
}
