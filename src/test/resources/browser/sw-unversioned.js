// MySay's service worker. It keeps only the app itself (HTML, scripts, styles, icons) so MySay opens with no
// signal. It never touches /api: nothing a child writes, and nothing about them, is ever put in a cache here.
const CACHE = 'app-shell-v1';
const SHELL = ['/', '/manifest.json', '/icon.svg', '/icon-192.png', '/icon-512.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(SHELL);
      // The page's own hashed scripts and styles, so the first visit is enough to open offline later.
      const html = await (await cache.match('/')).text();
      const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
      await cache.addAll(assets);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/q/')) return;

  if (request.mode === 'navigate') {
    // The newest app when online; the kept one when not. The address (and any code after '#') is never stored.
    event.respondWith(
      fetch(request)
        .then(async (response) => {
          if (response.ok && url.pathname === '/') (await caches.open(CACHE)).put('/', response.clone());
          return response;
        })
        .catch(async () => (await caches.match('/')) || Response.error()),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/') || SHELL.includes(url.pathname)) {
    // Hashed files never change, so the kept copy is always right.
    event.respondWith(
      caches.match(request).then(
        (kept) =>
          kept ||
          fetch(request).then(async (response) => {
            if (response.ok) (await caches.open(CACHE)).put(request, response.clone());
            return response;
          }),
      ),
    );
  }
});
