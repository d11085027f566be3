import { test, expect } from '@playwright/test';
import { Studio } from './studio.mjs';

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
