// Areas load on demand (issue #12): the first screen is the app's first module only; every other
// area's code (a wasm chunk, tools/split.mjs) arrives when the area first opens, and an area whose
// code does not arrive says so, keeps the work, and opens on a second try.
import { test, expect } from './fixtures.mjs';
import { readFileSync } from 'node:fs';
import { Studio, Profiles } from './studio.mjs';

const chunks = JSON.parse(readFileSync(new URL('../../dist/wasm-chunks.json', import.meta.url), 'utf8'));
const AREAS = [
  ['Simulation', 'Simulation'], ['Chain', 'Chain'], ['Packages', 'Packages'],
  ['Report', 'Sign-off report'], ['Catalog', 'Catalog'], ['Glossary', 'Glossary'],
];

test('the first screen fetches only the profile editor\'s chunk; each other area fetches its own when first opened', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => {
    const file = new URL(r.url()).pathname.slice(1);
    if (file.endsWith('.wasm') && chunks.includes(file)) fetched.push(file);
  });
  const app = new Studio(page);
  await app.open('#/profiles');
  await expect(page.getByRole('heading', { level: 1, name: 'Offline profiles' })).toBeVisible();
  // The editor below the first screen (scope form, limits, device, scope library) arrives right after.
  await expect(page.getByRole('region', { name: 'Offline products' })).toBeVisible();
  expect(fetched.filter((f) => f.startsWith('split_')), 'split points fetched for the first screen').toEqual([
    expect.stringMatching(/^split_profile_more-[0-9a-f]{16}\.wasm$/),
  ]);
  for (const [link, heading] of AREAS) {
    const area = link.toLowerCase();
    await app.nav(link).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    expect(fetched.some((f) => f.startsWith(`split_${area}-`)), `${link}: its chunk`).toBe(true);
  }
  // Every chunk the build made is one the areas use (none is dead weight), and a second visit
  // fetches nothing again.
  const before = fetched.length;
  await app.nav('Chain').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Chain' })).toBeVisible();
  expect(fetched.length).toBe(before);
  expect(chunks.filter((c) => c.startsWith('split_')).length).toBeGreaterThanOrEqual(AREAS.length);
});

test.describe(() => {
  // No service worker: it would answer the chunk's request before the test's route sees it.
  test.use({ serviceWorkers: 'block', consoleErrorsExpected: /Failed to (fetch|load resource)|net::ERR_FAILED/ });
  test('an area whose code does not arrive says so, keeps the work, and opens on Try again', async ({ page }) => {
    const app = new Studio(page);
    const profiles = new Profiles(page);
    await app.open('#/profiles');
    await profiles.description().fill('Kept while the Chain area failed');
    let refused = 0;
    await page.route(/\/split_chain-[0-9a-f]{16}\.wasm$/, (route) => { refused += 1; return route.abort('failed'); });
    await app.nav('Chain').click();
    const alert = page.getByRole('alert').filter({ hasText: 'The Chain area could not be loaded' });
    await expect(alert).toContainText('Your work is saved and untouched');
    await expect(page.getByRole('heading', { level: 1, name: 'Chain' })).toHaveCount(0);
    expect(refused).toBe(1);
    // Still broken: a second failure says the same. (Wait for the retry's request itself: the
    // first alert may still show before the retry has begun.)
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => refused).toBe(2);
    await expect(page.getByRole('alert').filter({ hasText: 'The Chain area could not be loaded' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Chain' })).toHaveCount(0);
    await page.unroute(/\/split_chain-[0-9a-f]{16}\.wasm$/);
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Chain' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'New rollout plan' })).toBeVisible();
    await app.nav('Profiles').click();
    await expect(profiles.description()).toHaveValue('Kept while the Chain area failed');
  });
});
