// Playwright configuration of the browser benchmarks (`make bench`, tools/bench.mjs), apart from
// the end-to-end tests: its own port (BENCH_PORT, default 4500), one worker so figures are not
// disturbed by a second browser, long timeouts, and the build under test from BENCH_DIST
// (default dist/). Each spec writes its figures to target/bench-browser.json (tests/bench/lib.mjs).
import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';

const root = resolve(new URL('../..', import.meta.url).pathname);
const port = Number(process.env.BENCH_PORT ?? 4500);
const dist = resolve(root, process.env.BENCH_DIST ?? 'dist');

export default defineConfig({
  testDir: '.',
  testMatch: '*.bench.mjs',
  outputDir: '../../target/bench-artifacts',
  timeout: 600_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: 'off',
    trace: 'off',
    viewport: { width: 1400, height: 900 },
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        ...chromiumArgs,
        // Figures must not depend on whether the window is considered visible.
        '--disable-renderer-backgrounding',
        '--disable-background-timer-throttling',
        '--disable-backgrounding-occluded-windows',
        // performance.memory with exact figures (heap of the JS side, for the bench route).
        '--enable-precise-memory-info',
      ],
    },
  },
  webServer: {
    command: `node ${JSON.stringify(resolve(root, 'tools/serve.mjs'))} ${JSON.stringify(dist)} ${port}`,
    url: `http://127.0.0.1:${port}/index.html`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
