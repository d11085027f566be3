// Debian's Chromium as every Playwright run here launches it (e2e tests, benchmarks,
// screenshots): never a downloaded browser, and flags that keep it quiet on a build machine.
export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
