// The simulator's engine in a dedicated Web Worker: progress and results come from the worker,
// the page answers clicks while it runs, Cancel terminates it, a comparison runs two workers at
// once, the page runs the engine itself where no worker starts, and a crashed worker ends its
// run with a message while the workspace stays and a new run works.
import { test, expect } from './fixtures.mjs';
import { Studio, Profiles } from './studio.mjs';

test.describe.configure({ timeout: 180_000 });

const crashURL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4173) + 1}/`;
const form = (page) => page.getByRole('form', { name: 'Scenario' });
const engineWorkers = (page) => page.workers().filter((w) => w.url().endsWith('/engine-worker_loader.js'));

/** Sets the preset and the simulated hours, without outages. */
async function scenario(page, preset, hours) {
  await form(page).getByLabel('Preset').selectOption(preset);
  await form(page).getByLabel('Simulated hours', { exact: true }).fill(String(hours));
  await form(page).getByLabel(/Outages/).fill('');
  await form(page).getByLabel(/Outages/).blur();
}

test('a run happens in the worker: progress, results, and the page answers clicks meanwhile', async ({ page }) => {
  const app = new Studio(page);
  await page.addInitScript(() => {
    window.__clicks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'click') window.__clicks.push(e.duration);
    }).observe({ type: 'event', durationThreshold: 16, buffered: false });
  });
  await app.open('#/simulation');
  await scenario(page, 'Reference mid-size store', 12);
  const started = page.waitForEvent('worker');
  await form(page).getByRole('button', { name: 'Run simulation' }).click();
  expect((await started).url()).toMatch(/engine-worker_loader\.js$/);
  const progress = form(page).getByRole('progressbar');
  await expect(progress).toBeVisible();
  await expect(form(page).getByText(/Simulating: (generating|provisioning|synchronizing)/)).toBeVisible();
  // While the worker works, the page opens and closes the Help menu at once.
  const help = page.getByRole('button', { name: 'Help' });
  const latencies = [];
  for (let i = 0; i < 6; i++) {
    const t = Date.now();
    await help.click();
    await expect(help).toHaveAttribute('aria-expanded', i % 2 ? 'false' : 'true');
    latencies.push(Date.now() - t);
    await page.waitForTimeout(150);
  }
  const stillRunning = await progress.isVisible();
  const slowest = Math.max(0, ...(await page.evaluate(() => window.__clicks)));
  console.log(`click → paint while running: slowest event ${slowest} ms; round trips ${latencies.join(', ')} ms; still running: ${stillRunning}`);
  expect(stillRunning, 'the clicks happened during the run').toBe(true);
  // A generous bound: the figure itself belongs to `make bench`.
  expect(slowest).toBeLessThan(250);
  await expect(page.getByText(/Simulation finished in/)).toBeVisible({ timeout: 150_000 });
  await expect(page.getByRole('region', { name: 'Summary' })).toContainText('sync sessions');
  await expect(page.getByRole('region', { name: 'Timeline' }).locator('svg.timeline g.bar').first()).toBeAttached();
  expect(engineWorkers(page)).toHaveLength(1);
  // The measured sizes come from the same worker after the run.
  await expect(page.getByRole('region', { name: 'Offline database size' })).toContainText(/measured/i, { timeout: 60_000 });
  app.expectNoErrors();
});

test('Cancel terminates the worker at once, and the next run starts a new one', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/simulation');
  await scenario(page, 'Reference mid-size store', 24);
  const started = page.waitForEvent('worker');
  await form(page).getByRole('button', { name: 'Run simulation' }).click();
  const worker = await started;
  await expect(form(page).getByText(/Simulating: (provisioning|synchronizing)/)).toBeVisible({ timeout: 60_000 });
  const closed = new Promise((resolve) => worker.once('close', resolve));
  const t = Date.now();
  await form(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Simulation cancelled. Nothing was kept from it.')).toBeVisible();
  await closed;
  const ms = Date.now() - t;
  console.log(`cancel → worker closed and the page says so: ${ms} ms`);
  expect(ms).toBeLessThan(1000);
  await scenario(page, 'Small store', 2);
  await form(page).getByRole('button', { name: 'Run simulation' }).click();
  await expect(page.getByText(/Simulation finished in/)).toBeVisible({ timeout: 60_000 });
  expect(engineWorkers(page)).toHaveLength(1);
  app.expectNoErrors();
});

test('a comparison runs both profiles at once, in two workers', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/profiles');
  const p = new Profiles(page);
  await p.duplicate();
  await expect(p.name()).toHaveValue('Default 2');
  await app.goTo('Simulation');
  await scenario(page, 'Small store', 6);
  await form(page).getByLabel('Profile', { exact: true }).selectOption({ label: 'Default pr' });
  await form(page).getByLabel('Compare with').selectOption({ label: 'Default 2' });
  await form(page).getByRole('button', { name: 'Run simulation' }).click();
  await expect.poll(() => engineWorkers(page).length).toBe(2);
  await expect(form(page).getByText(/Simulating: “.+” \w+.*, “.+” \w+/)).toBeVisible();
  await expect(page.getByText(/Simulation finished in/)).toBeVisible({ timeout: 90_000 });
  const table = page.getByRole('region', { name: 'Comparison' }).getByRole('table', { name: 'Two profiles compared' });
  await expect(table).toContainText(/A “/);
  await expect(table).toContainText(/B “/);
  // The second worker is not needed once its figures are in.
  await expect.poll(() => engineWorkers(page).length).toBe(1);
  app.expectNoErrors();
});

test('a run that would not fit in memory is refused before any worker starts, and says what to change', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/simulation');
  await form(page).getByLabel('Preset').selectOption('Large flagship');
  await form(page).getByRole('button', { name: 'Run simulation' }).click();
  const alert = form(page).getByRole('alert');
  await expect(alert).toContainText(/This run would need about [\d,]+ MB of memory, more than the 1200 MB one run may use\. Try fewer products, customers, registers or simulated hours\./);
  expect(engineWorkers(page)).toHaveLength(0);
  app.expectNoErrors();
});

test.describe(() => {
  // The worker's script is refused, as a browser or a proxy might: the browser reports the failed load.
  test.use({ consoleErrorsExpected: /engine-worker_loader\.js|Failed to load resource/ });
  test('where the worker\'s script cannot load, the app says so and runs on the page', async ({ page, context }) => {
    const app = new Studio(page);
    await context.route('**/engine-worker_loader.js', (route) => route.abort());
    await app.open('#/simulation');
    await scenario(page, 'Small store', 2);
    await form(page).getByRole('button', { name: 'Run simulation' }).click();
    await expect(page.getByText(/Simulation finished in/)).toBeVisible({ timeout: 60_000 });
    await expect(form(page).getByRole('note')).toContainText('could not start its background engine');
    await expect(form(page).getByRole('note')).toContainText('runs on this page');
    // The inspector answers from the page's engine.
    const inspector = page.getByRole('region', { name: 'Register inspector' });
    await inspector.getByRole('button', { name: 'Run query' }).click();
    await expect(inspector.getByRole('table', { name: 'Query result' })).toBeVisible();
    expect(engineWorkers(page)).toHaveLength(0);
  });

  test('in a browser without Web Workers, the app says so and runs on the page', async ({ page }) => {
    const app = new Studio(page);
    await page.addInitScript(() => { delete window.Worker; });
    await app.open('#/simulation');
    await scenario(page, 'Small store', 2);
    await form(page).getByRole('button', { name: 'Run simulation' }).click();
    await expect(page.getByText(/Simulation finished in/)).toBeVisible({ timeout: 60_000 });
    await expect(form(page).getByRole('note')).toContainText('could not start its background engine');
    await expect(page.getByRole('region', { name: 'Summary' })).toContainText('sync sessions');
  });
});

test.describe(() => {
  // The forced panic is reported in the worker's console, and the worker stops.
  test.use({ consoleErrorsExpected: /crash-test: panic forced by the seed 404|unreachable/ });
  test('a worker that panics ends its run with a message; the workspace stays and a new run works', async ({ page }) => {
    await page.goto(`${crashURL}#/simulation`);
    await expect(page.getByText('SQLite engine ready')).toBeVisible();
    await scenario(page, 'Small store', 2);
    await form(page).getByLabel('Random seed', { exact: true }).fill('404');
    await form(page).getByRole('button', { name: 'Run simulation' }).click();
    const alert = form(page).getByRole('alert');
    await expect(alert).toContainText('internal error', { timeout: 60_000 });
    await expect(alert).toContainText('Your profiles are untouched; you can run again.');
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await form(page).getByLabel('Random seed', { exact: true }).fill('7');
    await form(page).getByRole('button', { name: 'Run simulation' }).click();
    await expect(page.getByText(/Simulation finished in/)).toBeVisible({ timeout: 60_000 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profiles', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByText('Default pr').first()).toBeVisible();
  });
});
