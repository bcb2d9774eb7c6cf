// MySay's service worker. It keeps only the app itself (the page, scripts, styles, icons), so MySay opens with no
// signal. It never touches /api: nothing a child writes, and nothing about them, is ever put in a cache here.
//
// The build writes its own file list where __MYSAY_BUILD__ stands (sw/plugin.ts): { id, shell, assets, entry }.
// Every file of this build is kept at install, the Welsh, Arabic and staff chunks too, in caches named by the
// build's id, so a phone always runs one build whole: this one, or the one before it until the child says so.
const BUILD = __MYSAY_BUILD__;

const SHELL_CACHE = `mysay-shell-${BUILD.id}`;
const ASSET_CACHE = `mysay-assets-${BUILD.id}`;
/** The service worker before this one kept one cache, which may hold the app's page as a script. */
const UNVERSIONED_CACHE = 'app-shell-v1';
/** How long a page waits for the network before opening from what is kept. */
const NETWORK_TIMEOUT_MS = 4000;
/** Behind a load balancer during a deploy, the next try may reach an instance that has the file. */
const TRIES = 3;

/** What each kind of file must be. An answer of another type (the app's page for a missing script) is never kept. */
const TYPES = {
  '': ['text/html'],
  '.html': ['text/html'],
  '.js': ['javascript', 'ecmascript'],
  '.css': ['text/css'],
  '.json': ['application/json', 'application/manifest+json'],
  '.webmanifest': ['application/manifest+json', 'application/json'],
  '.svg': ['image/svg+xml'],
  '.png': ['image/png'],
  '.jpg': ['image/jpeg'],
  '.woff2': ['font/woff2'],
};

function extension(path) {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
}

/** An answer that can be kept for this address: a plain 200 of the type the address calls for. */
function rightKind(path, response) {
  if (!response || response.status !== 200 || response.type !== 'basic' || response.redirected) return false;
  const expected = TYPES[extension(path)];
  const type = (response.headers.get('content-type') || '').toLowerCase();
  return !!expected && expected.some((t) => type.includes(t));
}

/** This build's page names this build's scripts and styles; another build's page does not. */
async function thisBuildsPage(response) {
  const html = await response.clone().text();
  return BUILD.entry.every((file) => html.includes(`"${file}"`));
}

/** Fetches one file of this build, trying again (past the browser's HTTP cache) while the answer is not it. */
async function fetchOwn(path) {
  for (let attempt = 0; attempt < TRIES; attempt += 1) {
    try {
      const shell = BUILD.shell.includes(path);
      const response = await fetch(path, { cache: attempt > 0 ? 'reload' : shell ? 'no-cache' : 'default', credentials: 'same-origin' });
      if (rightKind(path, response) && (extension(path) !== '' || (await thisBuildsPage(response)))) return response;
    } catch {
      // no signal, or the connection dropped: try again
    }
  }
  throw new Error(`${path} did not come as this build's file`);
}

async function keep(cacheName, path) {
  const cache = await caches.open(cacheName);
  if (await cache.match(path)) return; // kept by an earlier try at installing this same build
  await cache.put(path, await fetchOwn(path));
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      // All or nothing: if any file does not come, this build is not installed, and the next check tries again.
      await Promise.all([
        ...BUILD.shell.map((path) => keep(SHELL_CACHE, path)),
        ...BUILD.assets.map((path) => keep(ASSET_CACHE, path)),
      ]);
      // The old worker's pages cannot say that a new version is ready, and its cache may hold the app's page kept
      // as a script (a blank app): take over from it at once. Otherwise the new build waits for the child's word.
      if (await caches.has(UNVERSIONED_CACHE)) await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name !== SHELL_CACHE && name !== ASSET_CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// "A new version of MySay is ready": the child pressed the button, so this build takes over and the page reloads.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  // Nothing under /api is ever answered or kept here (child content must never be cached), nor /q.
  if (url.pathname === '/api' || url.pathname.startsWith('/api/') || url.pathname.startsWith('/q/')) return;

  if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
    return;
  }
  const own = BUILD.shell.includes(url.pathname) || BUILD.assets.includes(url.pathname);
  if (own || url.pathname.startsWith('/assets/')) event.respondWith(file(request, url.pathname, own));
});

/** The newest page when the network answers in time; this build's kept page when it does not, or fails. */
async function navigation(request) {
  const network = fetch(request);
  network.catch(() => undefined);
  const timeout = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS, null));
  try {
    const answer = await Promise.race([network, timeout]);
    if (answer && answer.status < 500) return answer;
  } catch {
    // no signal
  }
  const kept = await (await caches.open(SHELL_CACHE)).match(BUILD.shell[0]);
  return kept || network;
}

/** This build's files from its caches; any other from the network, tried again while it is not of its type. */
async function file(request, path, own) {
  const cache = await caches.open(BUILD.shell.includes(path) ? SHELL_CACHE : ASSET_CACHE);
  const kept = await cache.match(path);
  if (kept) return kept;
  let response;
  for (let attempt = 0; attempt < TRIES; attempt += 1) {
    try {
      response = await fetch(request, attempt > 0 ? { cache: 'reload' } : undefined);
    } catch (error) {
      if (attempt === TRIES - 1) throw error;
      continue;
    }
    if (rightKind(path, response)) {
      if (own) await cache.put(path, response.clone());
      return response;
    }
  }
  return response;
}
