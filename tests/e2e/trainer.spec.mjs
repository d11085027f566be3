// Simulation, continued: trainer mode, volumes per table, two profiles compared.
import { test, expect } from './fixtures.mjs';
import { Studio, Profiles } from './studio.mjs';

test.describe.configure({ timeout: 180_000 });

async function runSmall(page, hours) {
  const scenario = page.getByRole('form', { name: 'Scenario' });
  await scenario.getByLabel('Preset').selectOption('Small store');
  await scenario.getByLabel('Simulated hours', { exact: true }).fill(String(hours));
  await scenario.getByLabel(/Outages/).fill('');
  await scenario.getByLabel(/Outages/).blur();
  await scenario.getByRole('button', { name: 'Run simulation' }).click();
  await expect(page.getByText(/Simulation finished in/)).toBeVisible({ timeout: 90_000 });
}

test('trainer mode steps session by session and plays at a chosen speed', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/simulation');
  await runSmall(page, 3);
  const trainer = page.getByRole('region', { name: 'Trainer mode' });
  const controls = trainer.getByRole('toolbar', { name: 'Trainer controls' });
  await expect(trainer).toContainText(/Before the first session\. \d+ sessions to step through/);
  await expect(controls.getByRole('button', { name: 'Previous session' })).toBeDisabled();

  // Step 1: provisioning, the first scope's initial download, with the rows it moved.
  await controls.getByRole('button', { name: 'Next session' }).click();
  await expect(trainer).toContainText(/Session 1 of \d+: register 1, scope 1/);
  await expect(trainer).toContainText('initial download');
  const moved = trainer.getByRole('table', { name: 'Rows moved in this step' });
  await expect(moved).toContainText('\u2193 to the register');
  await expect(trainer).toContainText(/Register 1 so far: 1 session, [\d,]+ rows moved/);
  // Told in plain words: who, why now, how much (an estimate), and what it means.
  const told = trainer.getByRole('note', { name: 'What happens in this session' });
  await expect(told).toContainText(/At 00:00, register 1 is being provisioned: this first download of \u201c1000 Currency\u201d fills its new offline database \u2014 [\d,]+ rows came down \(about .+, an estimate\)/);
  await expect(told).toContainText('the cashier cannot work offline with this data');
  // Its domain words link to the glossary.
  await expect(told.getByRole('link', { name: 'offline database' })).toHaveAttribute('href', '#/glossary/offline-database');
  // Register status as the session starts, in the real screens' words.
  const status = trainer.getByRole('table', { name: 'Register status' });
  await expect(status.getByRole('row', { name: /^Register 1 Online never 0/ })).toBeVisible();
  const scopes = trainer.getByRole('table', { name: 'Scopes of register 1' });
  await expect(scopes.getByRole('row', { name: /^1000 Currency never None/ })).toBeVisible();
  // The timeline marks the current session.
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.locator('g.bar.current')).toHaveCount(1);

  await controls.getByRole('button', { name: 'Next session' }).click();
  await expect(trainer).toContainText(/Session 2 of/);
  await controls.getByRole('button', { name: 'Previous session' }).click();
  await expect(trainer).toContainText(/Session 1 of/);

  // The scrubber jumps; an upload shows rows going to the store.
  const total = Number((await trainer.innerText()).match(/Session 1 of (\d+)/)[1]);
  await controls.getByRole('button', { name: 'Last' }).click();
  await expect(trainer).toContainText(`Session ${total} of ${total}`);
  await expect(controls.getByRole('button', { name: 'Next session' })).toBeDisabled();

  // Play at 25 sessions per second from the start, then pause: it moved on and stays put.
  await controls.getByRole('button', { name: 'First' }).click();
  await controls.getByLabel('Speed').selectOption({ label: '25 sessions per second' });
  await controls.getByRole('button', { name: 'Play' }).click();
  await expect(trainer).toContainText(/Session (1\d|[2-9]\d|\d{3,}) of/, { timeout: 10_000 });
  await controls.getByRole('button', { name: 'Pause' }).click();
  const at = (await trainer.innerText()).match(/Session (\d+) of/)[1];
  await page.waitForTimeout(400);
  await expect(trainer).toContainText(`Session ${at} of`);
  // Find an upload step with the scrubber and see rows go up.
  const scrub = trainer.getByRole('slider', { name: 'Session' });
  let found = false;
  for (let i = Number(at); i < Math.min(total, Number(at) + 400) && !found; i++) {
    await scrub.fill(String(i));
    found = (await trainer.innerText()).includes('\u2191 to the store');
  }
  expect(found).toBe(true);
  app.expectNoErrors();
});

test('volumes per table, filtered, with the initial load apart from later traffic', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/simulation');
  await runSmall(page, 2);
  const volumes = page.getByRole('region', { name: 'Volumes per register' });
  await expect(volumes.getByRole('table', { name: 'Volumes per scope' })).toBeVisible();
  await volumes.getByRole('radio', { name: 'Per table' }).check();
  const perTable = volumes.getByRole('table', { name: 'Volumes per table' });
  await expect(perTable).toBeVisible();
  await expect(volumes.getByRole('table', { name: 'Volumes per scope' })).toBeHidden();
  await volumes.getByLabel('Filter tables').fill('inventtable');
  const headers = await perTable.locator('tbody tr th').allInnerTexts();
  expect(headers.length).toBeGreaterThan(0);
  expect(headers.every((h) => h.includes('INVENTTABLE'))).toBe(true);
  await expect(volumes).toContainText(`${headers.length} of `);
  const row = perTable.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: 'INVENTTABLE', exact: true }) });
  await expect(row).toContainText('1040 Products');
  expect(Number((await row.locator('td').nth(1).innerText()).replace(/,/g, ''))).toBeGreaterThan(0);
  await expect(row.getByRole('img')).toHaveAttribute('aria-label', /^initial .* and later /);
  // Uploaded tables show rows going up and no initial load.
  await volumes.getByLabel('Filter tables').fill('RETAILTRANSACTIONSALESTRANS');
  const sales = perTable.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: 'RETAILTRANSACTIONSALESTRANS', exact: true }) });
  await expect(sales.locator('td').nth(1)).toHaveText('0');
  expect(Number((await sales.locator('td').nth(4).innerText()).replace(/,/g, ''))).toBeGreaterThan(0);
  app.expectNoErrors();
});

test('compare two profiles on the same scenario side by side', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/profiles');
  const p = new Profiles(page);
  await page.keyboard.press('Control+N');
  await p.name().fill('Lean');
  await p.addScope('1040 Products');
  await p.addScope('1090 Registers');
  await p.products().getByLabel('A limited set of products').check();
  await p.products().getByLabel('Limit products by').selectOption({ label: 'Top N by sales amount' });
  await p.products().getByLabel('Number of products (N)').fill('500');
  await app.goTo('Simulation');
  const scenario = page.getByRole('form', { name: 'Scenario' });
  await scenario.getByLabel('Profile', { exact: true }).selectOption({ label: 'Default pr' });
  await scenario.getByLabel('Compare with').selectOption({ label: 'Lean' });
  await runSmall(page, 2);
  const compare = page.getByRole('region', { name: 'Comparison' });
  const table = compare.getByRole('table', { name: 'Two profiles compared' });
  await expect(table).toContainText('A \u201cDefault pr\u201d');
  await expect(table).toContainText('B \u201cLean\u201d');
  const initial = table.getByRole('row', { name: /Initial download rows, per register/ });
  const cells = initial.getByRole('cell');
  const a = Number(await cells.nth(0).innerText());
  const b = Number(await cells.nth(1).innerText());
  expect(b).toBeLessThan(a);
  await expect(cells.nth(2)).toContainText('\u2212');
  await expect(compare.getByRole('img', { name: /Bytes per register/ })).toContainText('B ');
  // The summary, timeline and inspector belong to the first profile.
  await expect(page.getByRole('region', { name: 'Summary' })).toContainText('Profile \u201cDefault pr\u201d');
  // No comparison: the card goes away on the next run.
  await scenario.getByLabel('Compare with').selectOption({ label: 'No comparison' });
  await scenario.getByRole('button', { name: 'Run simulation' }).click();
  await expect(page.getByText(/Simulation finished in/)).toBeVisible({ timeout: 90_000 });
  await expect(compare).toHaveCount(0);
  app.expectNoErrors();
});
