import { test, expect } from './fixtures.mjs';
import { Studio, Profiles, tabTo, seriousA11yViolations } from './studio.mjs';

test.beforeEach(async ({ page }) => {
  const app = new Studio(page);
  await app.open('#/profiles');
});

test('set up an offline profile and an offline scope, following the procedure literally', async ({ page }) => {
  const p = new Profiles(page);
  // Set up an offline profile, step 2: press CTRL+N to create a new offline profile.
  await page.keyboard.press('Control+N');
  await expect(p.name()).toBeFocused();
  await expect(p.name()).toHaveValue('New');
  // Step 3: Name and Description.
  await p.name().fill('Store N');
  await p.description().fill('North region stores');
  await expect(p.list().getByRole('button', { name: /Store N/ })).toBeVisible();
  // Steps 4-5: on the Offline tables FastTab, click Add, and in the Description field select an offline scope.
  await p.addScope('1060 Staff');
  await p.addScope('1070 Channel configuration');
  await p.addScope('1090 Registers');
  // Set up an offline scope, steps 3-6: a new scope through the Offline scope form.
  await p.addScope('Create a new offline scope');
  const form = p.scopeForm();
  await expect(form).toBeVisible();
  await form.getByLabel('Description', { exact: true }).fill('Sales upload');
  await form.getByLabel('Synchronization direction').selectOption('Upload');
  await form.getByLabel('Synchronization frequency').fill('5');
  await form.getByLabel('Frequency unit').selectOption('minutes');
  await p.addTables('RETAILTRANSACTIONTABLE', 'RETAILTRANSACTIONSALESTRANS', 'RETAILTRANSACTIONPAYMENTTRANS');
  await expect(p.lineDetails().getByRole('radio')).toHaveCount(3);
  // Select a database table, and then click Remove.
  await p.removeTable('RETAILTRANSACTIONPAYMENTTRANS');
  await expect(p.lineDetails().getByRole('radio')).toHaveCount(2);
  await form.getByRole('button', { name: 'Close' }).click();
  // Steps 6-8: Offline products, Offline customers, SQLite device configuration.
  await p.products().getByLabel('A limited set of products').check();
  await p.products().getByLabel('Limit products by').selectOption({ label: 'Top N by sales amount' });
  await p.products().getByLabel('Number of products (N)').fill('500');
  await p.products().getByLabel('Within the last (days)').fill('30');
  await p.customers().getByLabel('A limited set of customers').check();
  await p.customers().getByLabel('Limit customers by').selectOption({ label: 'By address' });
  await p.customers().getByLabel('City').fill('Seattle');
  await p.device().getByLabel('Offline timeout').fill('45');
  await p.device().getByLabel('Reconnect attempt interval').fill('2');
  await p.device().getByLabel('Upload transaction size').fill('250');
  await p.device().getByLabel('Data export folder').fill('D:\\Exports');
  await p.device().getByLabel('Database export schedule').selectOption('Daily');

  const expected = [
    ['1060 Staff', 'Download', 'every 1 hour'],
    ['1070 Channel configuration', 'Download', 'every 1 hour'],
    ['1090 Registers', 'Download', 'every 1 hour'],
    ['Sales upload', 'Upload', 'every 5 minutes'],
  ];
  expect(await p.lines()).toEqual(expected);
  await expect(p.checks().getByRole('status')).toContainText('0 errors');

  // A reload restores it exactly.
  await page.reload();
  await expect(page.getByText('SQLite engine ready')).toBeVisible();
  await p.list().getByRole('button', { name: /Store N/ }).click();
  await expect(p.name()).toHaveValue('Store N');
  await expect(p.description()).toHaveValue('North region stores');
  expect(await p.lines()).toEqual(expected);
  await expect(p.products().getByLabel('Number of products (N)')).toHaveValue('500');
  await expect(p.customers().getByLabel('City')).toHaveValue('Seattle');
  await expect(p.device().getByLabel('Offline timeout')).toHaveValue('45');
  await expect(p.device().getByLabel('Database export schedule')).toHaveValue('Daily');
  await p.selectLine('Sales upload');
  await p.offlineTables().getByRole('button', { name: 'Offline scope' }).click();
  await expect(p.lineDetails().getByRole('radio', { name: 'RETAILTRANSACTIONSALESTRANS' })).toBeVisible();
  await expect(p.scopeForm().getByText('Used by 1 profile: Store N.')).toBeVisible();
});

test('planted errors show their diagnostics and the one-click fixes clear them', async ({ page }) => {
  const p = new Profiles(page);
  await p.selectLine('1010 Customers');
  await p.offlineTables().getByRole('button', { name: 'Offline scope' }).click();
  const form = p.scopeForm();
  // A sync storm: every 10 seconds.
  await form.getByLabel('Frequency unit').selectOption('seconds');
  await form.getByLabel('Synchronization frequency').fill('10');
  const storm = p.checks().getByRole('listitem').filter({ hasText: 'FRQ-STORM' });
  await expect(storm).toContainText('8,640 sync sessions per register per day');
  await expect(form.getByText(/runs every 10 seconds/)).toBeVisible();
  await storm.getByRole('button', { name: 'Sync every 5 minutes' }).click();
  await expect(storm).toHaveCount(0);
  await expect(form.getByLabel('Synchronization frequency')).toHaveValue('5');
  // A download table in an upload scope.
  await form.getByLabel('Synchronization direction').selectOption('Upload');
  const wrong = p.checks().getByRole('listitem').filter({ hasText: 'CUSTTABLE has no replication counter' }).or(
    p.checks().getByRole('listitem').filter({ hasText: 'uploads, but CUSTTABLE' }));
  await expect(wrong.first()).toBeVisible();
  await expect(p.checks().getByRole('status')).not.toContainText('0 errors');
  await form.getByLabel('Synchronization direction').selectOption('Download');
  await expect(p.checks().getByRole('status')).toContainText('0 errors');
  // Not a number: the field says so and the profile keeps its last valid value.
  await form.getByLabel('Synchronization frequency').fill('ten');
  await expect(form.getByText('\u201cten\u201d is not a whole number; the last valid value is kept.')).toBeVisible();
  await expect(form.getByLabel('Synchronization frequency')).toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('Description', { exact: true }).click();
  await expect(form.getByLabel('Synchronization frequency')).toHaveValue('5');
  // A profile missing what a register needs to go offline, fixed by adding the scope.
  await p.selectLine('1060 Staff');
  await p.offlineTables().getByRole('button', { name: 'Remove' }).click();
  const staff = p.checks().getByRole('listitem').filter({ hasText: 'Registers cannot switch offline' });
  await expect(staff).toContainText('RETAILSTAFFTABLE');
  await expect(p.checks().getByRole('status')).toContainText('1 error');
  await staff.getByRole('button', { name: 'Add scope \u201c1060 Staff\u201d' }).click();
  await expect(p.checks().getByRole('status')).toContainText('0 errors');
  // Go to field focuses the field a diagnostic concerns.
  await p.name().fill('');
  const nameIssue = p.checks().getByRole('listitem').filter({ hasText: 'The profile needs a name.' });
  await nameIssue.getByRole('button', { name: 'Go to field' }).click();
  await expect(p.name()).toBeFocused();
  await expect(p.general().getByText('The profile needs a name.')).toBeVisible();
});

test('an order warning is fixed by moving the parent scope, and scopes move by button and keyboard', async ({ page }) => {
  const p = new Profiles(page);
  const warning = p.checks().getByRole('listitem').filter({ hasText: 'ORD-CHILD-BEFORE-PARENT' }).first();
  const fix = warning.getByRole('button', { name: /^Move / });
  const label = await fix.innerText();
  const [, parent, child] = label.match(/^Move \u201c(.+)\u201d before \u201c(.+)\u201d$/);
  await fix.click();
  const order = (await p.lines()).map((l) => l[0]);
  expect(order.indexOf(parent)).toBeLessThan(order.indexOf(child));

  await p.selectLine('1000 Currency');
  await p.offlineTables().getByRole('button', { name: 'Move down' }).click();
  expect((await p.lines())[1][0]).toBe('1000 Currency');
  await page.keyboard.press('Alt+ArrowDown');
  expect((await p.lines())[2][0]).toBe('1000 Currency');
  await page.keyboard.press('Alt+ArrowUp');
  await p.offlineTables().getByRole('button', { name: 'Move up' }).click();
  expect((await p.lines())[0][0]).toBe('1000 Currency');
});

test('keyboard only: create a profile and a scope with its table', async ({ page }) => {
  const p = new Profiles(page);
  await page.keyboard.press('Control+N');
  // Typing before the new profile's name field has focus would type into nothing (seen under
  // load, with simulations running in the other test worker).
  await expect(p.name()).toBeFocused();
  await expect(p.name()).toHaveValue('New');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Kiosk');
  await tabTo(page, 'Add');
  await page.keyboard.press('Enter');
  await expect(p.offlineTables().getByLabel('Description', { exact: true })).toBeFocused();
  await page.keyboard.press('End'); // "Create a new offline scope"
  const form = p.scopeForm();
  await expect(form.getByLabel('Description', { exact: true })).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Kiosk staff');
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Synchronization direction')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2');
  await page.keyboard.press('Tab');
  await page.keyboard.press('End'); // hours
  await tabTo(page, 'Add');
  await page.keyboard.press('Enter');
  await page.keyboard.type('RETAILSTAFFTABLE');
  await tabTo(page, /^RETAILSTAFFTABLE\b/);
  await page.keyboard.press('Space');
  await tabTo(page, 'Add 1 table');
  await page.keyboard.press('Enter');
  await expect(p.lineDetails().getByRole('radio', { name: 'RETAILSTAFFTABLE' })).toBeVisible();
  expect(await p.lines()).toEqual([['Kiosk staff', 'Download', 'every 2 hours']]);
  await expect(p.name()).toHaveValue('Kiosk');
});

test('undo and redo walk every edit; delete asks first and can be undone', async ({ page }) => {
  const p = new Profiles(page);
  await p.description().fill('changed');
  await page.keyboard.press('Control+Z');
  await expect(p.description()).toHaveValue('Default offline profile: one scope per scheduler job');
  await page.keyboard.press('Control+Shift+Z');
  await expect(p.description()).toHaveValue('changed');
  // The buttons say what they undo and redo; typing in one field is one step.
  await expect(page.getByRole('button', { name: 'Undo: description of \u201cDefault pr\u201d \u2192 \u201cchanged\u201d' })).toBeVisible();
  await page.getByRole('button', { name: /^Undo/ }).click();
  await expect(p.description()).toHaveValue('Default offline profile: one scope per scheduler job');
  await expect(page.getByRole('button', { name: 'Redo: description of \u201cDefault pr\u201d \u2192 \u201cchanged\u201d' })).toBeEnabled();
  await page.keyboard.press('Control+Y');
  await expect(p.description()).toHaveValue('changed');
  await p.selectLine('1010 Customers');
  await p.offlineTables().getByRole('button', { name: 'Offline scope' }).click();
  await p.scopeForm().getByLabel('Synchronization frequency').fill('10');
  await p.scopeForm().getByLabel('Synchronization frequency').blur();
  await expect(page.getByRole('button', { name: /^Undo/ })).toHaveAttribute('title', 'Undo: frequency of 1010 Customers \u2192 10 minutes (Ctrl+Z)');
  await page.getByRole('button', { name: /^Undo/ }).click();
  await expect(p.scopeForm().getByLabel('Synchronization frequency')).toHaveValue('15');

  await p.general().getByRole('button', { name: 'Delete profile' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('Delete the profile \u201cDefault pr\u201d?');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(p.name()).toHaveValue('Default pr');
  await p.general().getByRole('button', { name: 'Delete profile' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(p.list().getByRole('button', { name: /Default pr/ })).toHaveCount(0);
  await page.keyboard.press('Control+Z');
  await expect(p.list().getByRole('button', { name: /Default pr/ })).toBeVisible();
});

test('a provisioned profile lists its changes and says which need reprovisioning', async ({ page }) => {
  const p = new Profiles(page);
  await p.general().getByRole('button', { name: 'Mark as provisioned' }).click();
  await expect(page.getByText(/No changes since\./)).toBeVisible();
  await p.selectLine('1040 Products');
  await p.offlineTables().getByRole('button', { name: 'Offline scope' }).click();
  await p.scopeForm().getByLabel('Synchronization frequency').fill('45');
  const notice = page.getByRole('alert').filter({ hasText: 'since it was provisioned' });
  await expect(notice).toContainText('no reprovisioning is needed');
  await expect(notice).toContainText('frequency every 30 minutes \u2192 every 45 minutes');
  await p.removeTable('INVENTTABLE');
  await expect(notice).toContainText('Every register of the stores using this profile must be reprovisioned');
  await expect(notice).toContainText('Table INVENTTABLE removed from \u201c1040 Products\u201d');
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'since it was provisioned' })).toContainText('INVENTTABLE');
});

test('restore default brings Default pr back to the catalog defaults', async ({ page }) => {
  const p = new Profiles(page);
  await p.selectLine('1000 Currency');
  await p.offlineTables().getByRole('button', { name: 'Remove' }).click();
  expect((await p.lines()).length).toBe(13);
  await p.general().getByRole('button', { name: 'Restore default' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Restore', exact: true }).click();
  expect((await p.lines()).length).toBe(14);
  expect((await p.lines())[0]).toEqual(['1000 Currency', 'Download', 'every 24 hours']);
});

test('no serious or critical accessibility violation', async ({ page }) => {
  const p = new Profiles(page);
  await p.selectLine('1010 Customers');
  await p.offlineTables().getByRole('button', { name: 'Offline scope' }).click();
  await p.lineDetails().getByRole('button', { name: 'Add', exact: true }).click();
  await p.products().getByLabel('A limited set of products').check();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.goto('/#/catalog/CUSTTABLE');
  await expect(page.getByRole('heading', { level: 2, name: 'CUSTTABLE' })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test('the scope library shows which profiles use a scope, creates and deletes scopes', async ({ page }) => {
  const p = new Profiles(page);
  const library = page.getByRole('region', { name: 'Offline scope library' });
  await expect(library.getByRole('row', { name: /1060 Staff/ })).toContainText('Default pr');
  await library.getByRole('button', { name: 'New offline scope' }).click();
  await expect(p.scopeForm().getByLabel('Description', { exact: true })).toBeFocused();
  await p.scopeForm().getByLabel('Description', { exact: true }).fill('Spare scope');
  await expect(p.scopeForm().getByText('Not used by any profile.')).toBeVisible();
  await expect(library.getByRole('row', { name: /Spare scope/ })).toContainText('\u2014');
  await library.getByRole('button', { name: 'Delete 1060 Staff' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('It is removed from Default pr.');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete', exact: true }).click();
  expect((await p.lines()).map((l) => l[0])).not.toContain('1060 Staff');
  await page.keyboard.press('Control+Z');
  expect((await p.lines()).map((l) => l[0])).toContain('1060 Staff');
});
