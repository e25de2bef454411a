/*
 * Keeps the badge check working without a network: the page, its script and styles, the commission's keys and the
 * revocation list are cached when first loaded. Network first (a fresh revocation list matters more than speed),
 * the cached copy when the network fails; cached copies are marked so that the page can say how old they are.
 * Served from /accreditation/ so that its scope covers /accreditation/verify.
 */
const CACHE = 'electora-badge-check-v1';
const PAGE = '/accreditation/verify';
const FILES = [PAGE, '/assets/badge-verify.js', '/assets/badge-verify.css', '/assets/electora.css',
  '/webjars/htmx.org/dist/htmx.min.js', '/api/v1/public/accreditation/keys', '/api/v1/public/accreditation/revocations'];
const NETWORK_WAIT_MS = 4000;

/** A copy to keep: the same body, stamped with the time it was fetched. */
async function stamped(response) {
  const headers = new Headers(response.headers);
  headers.set('x-electora-fetched-at', new Date().toISOString());
  headers.delete('vary');
  return new Response(await response.clone().blob(), { status: response.status, statusText: response.statusText, headers });
}

async function keep(cache, key, response) {
  if (response && response.status === 200 && response.type === 'basic') {
    await cache.put(key, await stamped(response));
  }
}

self.addEventListener('install', event => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // one by one: a file that cannot be fetched now must not stop the others from being kept
    await Promise.all(FILES.map(async url => {
      try { await keep(cache, url, await fetch(url, { cache: 'no-store' })); } catch (e) { /* next start */ }
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', event => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

function withTimeout(promise) {
  return Promise.race([promise, new Promise((resolve, reject) => setTimeout(() => reject(new Error('timeout')), NETWORK_WAIT_MS))]);
}

self.addEventListener('fetch', event => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  const key = url.pathname === PAGE ? PAGE : url.pathname;
  if (!FILES.includes(key)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const response = await withTimeout(fetch(event.request));
      event.waitUntil(keep(cache, key, response));
      return response;
    } catch (e) {
      const cached = await cache.match(key, { ignoreSearch: true, ignoreVary: true });
      if (!cached) throw e;
      const headers = new Headers(cached.headers);
      headers.set('x-electora-offline-copy', 'true');
      return new Response(await cached.blob(), { status: cached.status, statusText: cached.statusText, headers });
    }
  })());
});
