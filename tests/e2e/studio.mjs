// Page-object helper: how a user reaches things in Offline Profile Studio, by role and label.
import { expect } from '@playwright/test';
import { readFileSync } from 'node:fs';

export class Studio {
  constructor(page) {
    this.page = page;
    this.errors = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.errors.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => this.errors.push(`page: ${err.message}`));
  }

  /** Opens the app (optionally at a fragment) and waits until the SQLite engine is ready. */
  async open(fragment = '') {
    await this.page.goto(`/${fragment}`);
    await expect(this.page.getByRole('status').filter({ hasText: 'SQLite engine' }))
      .toContainText('SQLite engine ready');
  }

  nav(name) {
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
  }

  async goTo(area) {
    await this.nav(area).click();
    await expect(this.page.getByRole('heading', { level: 1, name: area })).toBeVisible();
  }

  // Catalog
  search() { return this.page.getByLabel('Search tables'); }
  jobFilter() { return this.page.getByLabel('Job', { exact: true }); }
  directionFilter() { return this.page.getByLabel('Direction', { exact: true }); }
  resultCount() { return this.page.locator('.result-count'); }
  results() { return this.page.getByRole('table', { name: 'Matching tables' }); }
  detail() { return this.page.getByRole('article'); }

  async openTable(name) {
    await this.search().fill(name);
    await this.results().getByRole('link', { name, exact: true }).click();
    await expect(this.detail().getByRole('heading', { level: 2, name, exact: true })).toBeVisible();
  }

  expectNoErrors() {
    expect(this.errors, this.errors.join('\n')).toEqual([]);
  }
}

/** The Profiles area, by the procedure's words. */
export class Profiles {
  constructor(page) {
    this.page = page;
  }
  general() { return this.page.getByRole('region', { name: 'General' }); }
  name() { return this.general().getByLabel('Name', { exact: true }); }
  description() { return this.general().getByLabel('Description', { exact: true }); }
  offlineTables() { return this.page.getByRole('region', { name: 'Offline tables' }); }
  scopeForm() { return this.page.getByRole('region', { name: 'Offline scope', exact: true }); }
  lineDetails() { return this.page.getByRole('region', { name: 'Line details' }); }
  products() { return this.page.getByRole('region', { name: 'Offline products' }); }
  customers() { return this.page.getByRole('region', { name: 'Offline customers' }); }
  device() { return this.page.getByRole('region', { name: 'SQLite device configuration' }); }
  checks() { return this.page.getByRole('complementary', { name: 'Checks' }); }
  list() { return this.page.getByRole('navigation', { name: 'Offline profiles' }); }

  /** General: Duplicate, optionally choosing to copy the scopes, then confirm. */
  async duplicate({ copyScopes = false } = {}) {
    await this.general().getByRole('button', { name: 'Duplicate', exact: true }).click();
    const choice = this.general().getByRole('group', { name: 'Duplicate this profile. Its scopes:' });
    if (copyScopes) await choice.getByLabel(/^Copy them/).check();
    await choice.getByRole('button', { name: 'Duplicate profile' }).click();
  }

  /** Offline tables FastTab: Add, then pick the scope in the Description field. */
  async addScope(description) {
    await this.offlineTables().getByRole('button', { name: 'Add', exact: true }).click();
    await this.offlineTables().getByLabel('Description', { exact: true }).selectOption({ label: description });
  }

  /** Selects a line of the Offline tables grid. */
  async selectLine(description) {
    await this.offlineTables().getByRole('radio', { name: description, exact: true }).check();
  }

  /** Line details: Add, search, tick each table, confirm. */
  async addTables(...names) {
    await this.lineDetails().getByRole('button', { name: 'Add', exact: true }).click();
    const picker = this.lineDetails().getByRole('group', { name: 'Add tables' });
    for (const name of names) {
      await picker.getByLabel('Search tables').fill(name);
      await picker.getByRole('checkbox', { name: new RegExp(`^${name} `) }).check();
    }
    await picker.getByRole('button', { name: /^Add \d+ tables?$/ }).click();
  }

  async removeTable(name) {
    await this.lineDetails().getByRole('radio', { name, exact: true }).check();
    await this.lineDetails().getByRole('button', { name: 'Remove', exact: true }).click();
  }

  /** The Offline tables grid as [description, direction, frequency] rows. */
  async lines() {
    const rows = this.offlineTables().locator('tbody tr');
    const n = await rows.count();
    const out = [];
    for (let i = 0; i < n; i++) {
      const cells = rows.nth(i).locator('td');
      out.push([
        (await cells.nth(1).innerText()).trim(),
        (await cells.nth(2).innerText()).trim(),
        (await cells.nth(3).innerText()).trim().replace(/\s*default$/, ''),
      ]);
    }
    return out;
  }
}

/** Presses Tab until the focused element's name is `name` (a string, or a RegExp to match). */
export async function tabTo(page, name, max = 60) {
  for (let i = 0; i < max; i++) {
    const label = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el) return '';
      const byLabel = el.labels && el.labels.length ? el.labels[0].innerText : '';
      return (el.getAttribute('aria-label') || byLabel || el.innerText || '').replace(/\s+/g, ' ').trim();
    });
    if (name instanceof RegExp ? name.test(label) : label === name) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached "${name}"`);
}

/** Runs axe-core in the page and returns serious and critical violations. */
export async function seriousA11yViolations(page) {
  // Evaluated by the test runner, not added as a <script>: the app's Content-Security-Policy
  // blocks inline scripts, and the audit must run against the page as users get it.
  await page.evaluate(readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8'));
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
}

/** Runs a short simulation of the current profile from the Simulation area (Small store preset,
 *  no outages) and waits for it to finish. */
export async function runShortSimulation(page, hours = 2) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Simulation', exact: true }).click();
  const scenario = page.getByRole('form', { name: 'Scenario' });
  await scenario.getByLabel('Simulated hours', { exact: true }).fill(String(hours));
  await scenario.getByLabel(/Outages/).fill('');
  await scenario.getByLabel(/Outages/).blur();
  await scenario.getByRole('button', { name: 'Run simulation' }).click();
  await expect(page.getByText(/Simulation finished in/)).toBeVisible({ timeout: 60_000 });
}
