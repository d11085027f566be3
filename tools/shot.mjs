// Takes a headless-Chromium screenshot of the built app, to look at what users see.
// Usage: node tools/shot.mjs DIST FRAGMENT OUT.png [WIDTH] [HEIGHT] [--full]
import { chromium } from '@playwright/test';
import { staticServer } from './serve.mjs';
import { chromiumArgs, chromiumPath } from '../tests/chromium.mjs';

const [dist = 'dist', fragment = '', out = 'target/screenshot.png', w = '1400', h = '900'] =
  process.argv.slice(2).filter((a) => !a.startsWith('--'));
const full = process.argv.includes('--full');
const server = staticServer(dist).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const { port } = server.address();
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } });
page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
page.on('pageerror', (e) => console.log('page error:', e.message));
await page.goto(`http://127.0.0.1:${port}/${fragment}`);
await page.getByText('SQLite engine ready').waitFor({ timeout: 15000 }).catch(() => {});
await page.screenshot({ path: out, fullPage: full });
console.log(`screenshot: ${out}`);
await browser.close();
server.close();
