// Playwright drives the release build (dist/, built by `make build`) in Debian's Chromium, and
// the crash-screen test's build (dist-crash/, `make build-crash`) on the next port.
// Browsers are never downloaded: PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 and executablePath below.
import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';

const port = Number(process.env.E2E_PORT ?? 4173);
const crashPort = port + 1;
// Without dist-crash/ only the crash-screen test fails (saying how to build it); the rest runs.
const crashBuilt = existsSync(new URL('../../dist-crash/index.html', import.meta.url));

export default defineConfig({
  testDir: '.',
  outputDir: './.artifacts',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: 'only-on-failure',
    trace: 'off',
    viewport: { width: 1400, height: 900 },
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
  },
  webServer: [
    {
      command: `node ../../tools/serve.mjs ../../dist ${port}`,
      url: `http://127.0.0.1:${port}/index.html`,
      reuseExistingServer: false,
      timeout: 20_000,
    },
    ...(crashBuilt ? [{
      command: `node ../../tools/serve.mjs ../../dist-crash ${crashPort}`,
      url: `http://127.0.0.1:${crashPort}/index.html`,
      reuseExistingServer: false,
      timeout: 20_000,
    }] : []),
  ],
});
