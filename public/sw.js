// The service worker that lets Offline Profile Studio start with the network cut.
//
// Trunk gives the app's files hashed names (offline-profile-studio-<hash>.js, main-<hash>.css, ...)
// that change with every build, so there is no fixed list to precache: on install it fetches
// index.html and caches every file the page references, plus sql.js's wasm (loaded by sql-wasm.js,
// not by the page) and the icons the manifest names.
//
// Requests are answered by rule:
// - the page itself: network first, so a new build shows at once; the cached page when offline;
// - hashed files: cache first, since a hashed name never changes content;
// - every other file of the app (sql.js, the manifest, icons): network first, cache when offline.
// Each time the page is fetched, the files it references are cached and hashed files of older
// builds are dropped.

const CACHE = 'offline-profile-studio-v1';
const PAGE = new URL('index.html', self.registration.scope).href;
// sql.js's wasm is loaded by sql-wasm.js, the engine's worker by the app: not referenced by the page.
const EXTRA = ['sqljs/sql-wasm.wasm', 'engine-worker_loader.js', 'engine-worker.js', 'engine-worker_bg.wasm'];
// The areas' wasm chunks and their loader (tools/split.mjs), fetched by the app when an area first
// opens: the build lists them here, so that every area opens offline too.
const CHUNKS = 'wasm-chunks.json';
// Trunk writes its hash without leading zeros (fewer than 16 digits one time in 16).
const HASHED = /-[0-9a-f]{10,16}(_bg)?\.[a-z0-9]+$/;

/** The same-origin files an HTML page references through script src and link href. */
function referenced(html, base) {
  const urls = new Set();
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = tag.match(/\b(?:src|href)\s*=\s*"([^"]+)"/i);
    if (!attr) continue;
    const url = new URL(attr[1], base);
    if (url.origin === self.location.origin) urls.add(url.href.split('#')[0]);
  }
  return urls;
}

/** Everything the app needs to start, read from the page `html`. */
async function appFiles(html) {
  const urls = referenced(html, PAGE);
  for (const extra of EXTRA) urls.add(new URL(extra, self.registration.scope).href);
  // Without the list (a build that was not split) the areas load from the network as they open.
  const list = await fetch(new URL(CHUNKS, self.registration.scope).href, { cache: 'no-cache' })
    .then((r) => (r.ok ? r.json() : []), () => []);
  for (const file of list) urls.add(new URL(file, self.registration.scope).href);
  // The manifest's icons, so the installed app has them offline too.
  for (const url of [...urls]) {
    if (!url.endsWith('.webmanifest')) continue;
    try {
      const manifest = await (await fetch(url, { cache: 'no-cache' })).json();
      for (const icon of manifest.icons ?? []) urls.add(new URL(icon.src, url).href);
    } catch {
      // Without the manifest the app still starts; the icons are cached when first used.
    }
  }
  return urls;
}

/** Caches the page `html` and every file it needs; drops hashed files it no longer uses. */
async function cacheApp(cache, page) {
  const html = await page.clone().text();
  const wanted = await appFiles(html);
  // Files already cached stay: hashed ones never change, the others are refreshed whenever the
  // app fetches them online.
  const missing = [];
  for (const url of wanted) if (!(await cache.match(url))) missing.push(url);
  await cache.addAll(missing);
  await cache.put(PAGE, page);
  for (const request of await cache.keys()) {
    if (HASHED.test(new URL(request.url).pathname) && !wanted.has(request.url)) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const page = await fetch(PAGE, { cache: 'no-cache' });
    if (!page.ok) throw new Error(`index.html: HTTP ${page.status}`);
    await cacheApp(await caches.open(CACHE), page);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
    // Serve the page that registered us right away, not only from its next load.
    await self.clients.claim();
  })());
});

async function networkFirst(request, key, event) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) {
      if (key === PAGE) event.waitUntil(cacheApp(cache, response.clone()).catch(() => {}));
      else event.waitUntil(cache.put(key, response.clone()));
    }
    return response;
  } catch (error) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request, event) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) event.waitUntil(cache.put(request, response.clone()));
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' || url.href === PAGE) {
    event.respondWith(networkFirst(request, PAGE, event));
  } else if (HASHED.test(url.pathname)) {
    event.respondWith(cacheFirst(request, event));
  } else {
    event.respondWith(networkFirst(request, url.href.split('#')[0], event));
  }
});
