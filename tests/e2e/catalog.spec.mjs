import { test, expect } from './fixtures.mjs';
import { Studio, seriousA11yViolations } from './studio.mjs';

test('the app loads with no console error and the SQLite engine ready', async ({ page }) => {
  const app = new Studio(page);
  await app.open();
  await expect(page).toHaveTitle('Offline Profile Studio');
  await expect(page.getByRole('banner')).toContainText('Offline Profile Studio');
  for (const area of ['Simulation', 'Packages', 'Profiles', 'Catalog']) {
    await app.goTo(area);
  }
  app.expectNoErrors();
});

test('every area opens from the navigation and marks itself current', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/simulation');
  await expect(page.getByRole('heading', { level: 1, name: 'Simulation' })).toBeVisible();
  await expect(app.nav('Simulation')).toHaveAttribute('aria-current', 'page');
  await app.goTo('Packages');
  await expect(app.nav('Packages')).toHaveAttribute('aria-current', 'page');
  app.expectNoErrors();
});

test('the catalog search finds CUSTTABLE and shows its columns and parents', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/catalog');
  await expect(app.resultCount()).toHaveText('438 of 438 tables');
  await app.search().fill('custtable');
  await expect(app.results().getByRole('link', { name: 'CUSTTABLE', exact: true })).toBeVisible();
  await app.openTable('CUSTTABLE');
  const detail = app.detail();
  await expect(detail).toContainText('ACCOUNTNUM, DATAAREAID');
  await expect(detail.getByRole('heading', { name: 'Columns (', exact: false })).toBeVisible();
  await expect(detail.getByRole('rowheader', { name: 'ACCOUNTNUM', exact: true })).toBeVisible();
  const parents = detail.getByRole('region', { name: /^Parents/ });
  await expect(parents.getByRole('link')).toHaveCount(13);
  await expect(parents.getByRole('link', { name: 'DIRPARTYTABLE', exact: true })).toBeVisible();
  await expect(detail.getByRole('note')).toContainText('INVENTLOCATION');
  await expect(page).toHaveURL(/#\/catalog\/CUSTTABLE$/);
  app.expectNoErrors();
});

test('filters narrow by direction and job, and parents link through', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/catalog');
  await app.directionFilter().selectOption({ label: 'Upload' });
  await expect(app.resultCount()).toHaveText('46 of 438 tables');
  await app.directionFilter().selectOption({ label: 'All directions' });
  await app.jobFilter().selectOption({ label: '1060 Staff' });
  await expect(app.resultCount()).toHaveText('12 of 438 tables');
  await app.jobFilter().selectOption({ label: 'All jobs' });

  await app.openTable('RETAILTRANSACTIONTABLE');
  await expect(app.detail()).toContainText('REPLICATIONCOUNTERFROMORIGIN');
  await app.openTable('CUSTTABLE');
  await app.detail().getByRole('link', { name: 'DIRPARTYTABLE', exact: true }).click();
  await expect(app.detail().getByRole('heading', { level: 2, name: 'DIRPARTYTABLE' })).toBeVisible();
  await expect(app.search(), 'the search survives opening a table').toHaveValue('CUSTTABLE');
  await page.goBack();
  await expect(app.detail().getByRole('heading', { level: 2, name: 'CUSTTABLE' })).toBeVisible();
  app.expectNoErrors();
});

test('a link to a table the catalog lacks says so', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/catalog/NOSUCHTABLE');
  await expect(page.getByRole('alert')).toContainText('no table named NOSUCHTABLE');
  await app.search().fill('zzzz');
  await expect(page.getByText('No table matches.')).toBeVisible();
});

test('nothing is fetched from anywhere but the app itself', async ({ page, baseURL }) => {
  const origin = new URL(baseURL).origin;
  const foreign = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  const app = new Studio(page);
  await app.open('#/catalog/CUSTTABLE');
  await app.goTo('Profiles');
  await app.goTo('Catalog');
  expect(foreign).toEqual([]);
  app.expectNoErrors();
});

test('a documented job shows with its source and wins; the job source filter narrows the list', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/catalog');
  await expect(page.getByText(/A public vendor document names the job of 18 tables/)).toBeVisible();
  await app.openTable('RETAILOPERATIONS');
  const job = app.detail().locator('.job-fact');
  await expect(job).toContainText('1090 Registers \u2014 documented: a public document names the table.');
  await expect(job).toContainText('Source: D365 Commerce docs');
  await expect(job).toContainText('The table name alone suggests 1110 Global configuration; the document wins.');
  await expect(app.detail()).toContainText('Job 1090 Registers');
  await app.openTable('CUSTTABLE');
  await expect(app.detail().locator('.job-fact')).toContainText('inferred from the table name');

  await app.search().fill('');
  const source = page.getByLabel('Job source');
  await source.selectOption({ label: 'Documented jobs only' });
  await expect(app.resultCount()).toHaveText('18 of 438 tables');
  await expect(app.results().getByRole('link', { name: 'RETAILOPERATIONS', exact: true })).toBeVisible();
  await source.selectOption({ label: 'Inferred jobs only' });
  await expect(app.resultCount()).toHaveText('420 of 438 tables');
  await expect(app.results().getByRole('link', { name: 'RETAILOPERATIONS', exact: true })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('catalog-documented.png') });
  // The list's header lines up with its rows (it once sat apart, squeezed to the left).
  const header = await app.results().getByRole('columnheader', { name: 'Job' }).boundingBox();
  const cell = await app.results().locator('tbody tr').first().locator('td').nth(1).boundingBox();
  expect(Math.abs(header.x - cell.x)).toBeLessThan(2);

  // The default profile's Offline tables say how many of its tables have a documented job.
  await app.goTo('Profiles');
  await expect(page.getByRole('region', { name: 'Offline tables' })).toContainText(/Jobs: \d+ of the \d+ tables in this profile have their job named by a public vendor document/);
  app.expectNoErrors();
});

test('the glossary says where each word is met in both systems, and links open their entry', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/glossary/replication-counter');
  await expect(page.getByRole('heading', { level: 1, name: 'Glossary' })).toBeVisible();
  const entry = page.locator('#glossary-replication-counter');
  await expect(entry).toHaveClass(/current/);
  await expect(entry).toContainText('Replication counter');
  await expect(entry).toContainText('AX 2012 R3: REPLICATIONCOUNTERFROMORIGIN');
  await expect(entry).toContainText('Dynamics 365 Commerce:');
  await expect(entry).toBeInViewport();
  await expect(app.nav('Glossary')).toHaveAttribute('aria-current', 'page');
  expect(await seriousA11yViolations(page)).toEqual([]);
  app.expectNoErrors();
});
