// Every end-to-end test imports `test` from here: it fails on any console error or uncaught page
// error of its page, unless the test declares the ones it expects:
//   test.describe(() => { test.use({ consoleErrorsExpected: /pattern|other/ }); test(...); });
// (One RegExp, not a list: Playwright reads an array there as a value with options.)
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  consoleErrorsExpected: [null, { option: true }],
  consoleGuard: [
    async ({ page, consoleErrorsExpected }, use) => {
      const errors = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
      });
      page.on('pageerror', (err) => errors.push(`page: ${err.message}`));
      await use(errors);
      const unexpected = errors.filter((e) => !consoleErrorsExpected?.test(e));
      expect(unexpected, `console errors:\n${unexpected.join('\n')}`).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
