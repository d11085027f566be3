// The presenter view: large type, keyboard stepping, and a bookmarkable address.
import { test, expect } from './fixtures.mjs';
import { Studio, runShortSimulation, seriousA11yViolations } from './studio.mjs';

test.describe.configure({ timeout: 120_000 });

test('the presenter view steps with the keyboard and reopens at the same moment from its address', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/profiles');
  await runShortSimulation(page, 2);
  const trainer = page.getByRole('region', { name: 'Trainer mode' });
  for (let i = 0; i < 3; i++) await trainer.getByRole('button', { name: 'Next session' }).click();
  await expect(trainer).toContainText(/Session 3 of (\d+)/);
  await trainer.getByRole('link', { name: 'Presenter view' }).click();

  const presenter = page.getByRole('region', { name: 'Presenter view' });
  await expect(presenter).toContainText(/Session 3 of \d+ \u2014 paused/);
  const told = presenter.getByRole('note', { name: 'What happens in this session' });
  await expect(told).toContainText('first download of \u201c1020 Prices and discounts\u201d');
  await expect(presenter.getByRole('table', { name: 'Register status' })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(presenter).toContainText(/Session 4 of/);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(presenter).toContainText(/Session 2 of/);
  await expect(page).toHaveURL(/#\/present\/[\w-]+\/1\/[\w-]+$/);
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Space plays and pauses.
  await page.keyboard.press('Space');
  await expect(presenter).toContainText(/Session [3-9] of .* playing/);
  await page.keyboard.press('Space');
  await expect(presenter).toContainText(/paused/);

  // The address reopens the same moment: the run is simulated again.
  const url = page.url().replace(/\/\d+\/([\w-]+)$/, '/1/$1');
  await page.goto(url);
  await expect(page.getByRole('region', { name: 'Presenter view' })).toContainText(/Session 2 of \d+ \u2014 paused/, { timeout: 60_000 });
  await expect(page.getByRole('note', { name: 'What happens in this session' })).toContainText('first download of \u201c1010 Customers\u201d');
  app.expectNoErrors();
});

test('a damaged presenter link says what is wrong', async ({ page }) => {
  const app = new Studio(page);
  // The presenter view hides the footer (and its engine status): open it directly.
  await page.goto('/#/present/S2lvc2s/one/xyz');
  await expect(page.getByRole('alert')).toContainText("This presenter link cannot be opened: the link's session \u201cone\u201d is not a number.");
  await expect(page.getByRole('link', { name: 'Leave presenter view' })).toBeVisible();
  app.expectNoErrors();
});
