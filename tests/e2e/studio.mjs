// Page-object helper: how a user reaches things in Offline Profile Studio, by role and label.
import { expect } from '@playwright/test';

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
