// Lesson scenarios: one click loads and runs each, and trainer mode opens at its moment.
import { test, expect } from './fixtures.mjs';
import { Studio, seriousA11yViolations } from './studio.mjs';

test.describe.configure({ timeout: 150_000 });

const LESSONS = [
  ['A child table before its parent', 'arrived before any row of'],
  ['An outage and its catch-up', 'is back after being offline from 00:30 to 02:00'],
  ['A conflict: the store wins', "the store's version was kept each time"],
  ['A conflict: the register wins', "the register's version was kept each time"],
  ['A conflict: the newest edit wins', '(a conflict)'],
  ['A sync storm', 'due every 30 seconds'],
  ['A new register joining late', 'joins the store late and is provisioned now'],
  ['A profile change that forces reprovisioning', 'is being reprovisioned'],
];

test('every lesson loads in one click and opens trainer mode at its moment', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/simulation');
  const lessons = page.getByRole('region', { name: 'Lessons' });
  for (const [title, words] of LESSONS) {
    await lessons.getByRole('button', { name: title }).click();
    await expect(page.getByText(/Simulation finished in/)).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('status').filter({ hasText: `Lesson \u201c${title}\u201d` })).toContainText('Trainer mode below is at the session that shows it (session');
    const told = page.getByRole('region', { name: 'Trainer mode' }).getByRole('note', { name: 'What happens in this session' });
    await expect(told).toContainText(words);
    if (title === 'A sync storm') {
      // The storm shows in the summary too; the lesson's values are in the scenario form.
      await expect(page.getByRole('region', { name: 'Summary' })).toContainText('Sync storm');
      await expect(page.getByRole('form', { name: 'Scenario' }).getByLabel('Simulated hours', { exact: true })).toHaveValue('1');
    }
  }
  expect(await seriousA11yViolations(page)).toEqual([]);
  app.expectNoErrors();
});

test('a lesson\'s late register and reprovisioning show in the form and can be removed', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/simulation');
  await page.getByRole('region', { name: 'Lessons' }).getByRole('button', { name: 'A new register joining late' }).click();
  await expect(page.getByText(/Simulation finished in/)).toBeVisible({ timeout: 60_000 });
  const form = page.getByRole('form', { name: 'Scenario' });
  const events = form.getByRole('group', { name: 'Events' });
  await expect(events).toContainText(/Register 2 joins the store at minute \d+\./);
  await events.getByRole('button', { name: 'Remove these events' }).click();
  await expect(events).toHaveCount(0);
  await page.getByRole('region', { name: 'Lessons' }).getByRole('button', { name: 'A profile change that forces reprovisioning' }).click();
  await expect(page.getByText(/Simulation finished in/)).toBeVisible({ timeout: 60_000 });
  await expect(events).toContainText('The store\'s profile changes at minute 120: every register is reprovisioned.');
  // Choosing a preset replaces the scenario, events included.
  await form.getByLabel('Preset').selectOption({ label: 'Small store' });
  await expect(events).toHaveCount(0);
  expect(await seriousA11yViolations(page)).toEqual([]);
  app.expectNoErrors();
});
