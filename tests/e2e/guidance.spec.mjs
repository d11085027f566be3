// Rules from the vendors' guidance, end to end: a return window longer than the days registers
// keep transactions is a warning naming its source, and its fix keeps them as long.
import { test, expect } from './fixtures.mjs';
import { Studio, Profiles } from './studio.mjs';

test('a 60-day return window against 30 days kept offline: a warning, fixed in one click', async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/profiles');
  const p = new Profiles(page);
  const window = p.device().getByLabel('Return window');
  await window.fill('60');
  await window.press('Enter');
  const warning = p.checks().getByRole('listitem').filter({ hasText: 'GDN-RETURN-WINDOW' });
  await expect(warning).toContainText('customers may return a sale up to 60 days old');
  await expect(warning).toContainText('Source: Dynamics 365 Commerce guidance');
  await warning.getByRole('button', { name: 'Keep 60 days offline' }).click();
  await expect(p.device().getByLabel('Days transactions kept')).toHaveValue('60');
  await expect(p.checks().getByRole('listitem').filter({ hasText: 'GDN-RETURN-WINDOW' })).toHaveCount(0);
});
