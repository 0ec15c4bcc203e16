// The service worker: lets an inspection page that was opened online reopen without a connection
// (docs/offline.md). It keeps the built app (every immutable JS/CSS file and the static assets)
// and, network first, the last good copy of each inspection page and its __data.json. Nothing
// else is answered from a cache: /graphql, /evidence, /login, /logout and every POST go to the
// network as they are. Caches are named by the build's version and old ones go on activate.
import { self } from '$app/service-worker';
import { assets, immutable } from '$app/manifest';
import { version } from '$app/env';
import { inspectionPageOf, neverCached, type KeepPageMessage } from '../lib/offline/inspection-pages.ts';

const APP_CACHE = `reform-tracker-app-${version}`;
/** Inspection pages (private data): emptied on every sign-in and sign-out in this browser. */
const PAGES_CACHE = `reform-tracker-inspections-${version}`;
const OUR_CACHES = new Set([APP_CACHE, PAGES_CACHE]);

/** Paths relative to the worker's own folder (the app's base path) made absolute. */
const absolute = (path: string) => new URL(path, self.location.href).pathname;
const APP_FILES = [...immutable, ...assets].map((file) => absolute(file.path));
const appFiles = new Set(APP_FILES);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(APP_CACHE);
      await cache.addAll(APP_FILES);
      // The new worker takes over at once: the app files it keeps are this build's.
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('reform-tracker-') && !OUR_CACHES.has(name)) await caches.delete(name);
      }
      // Pages open before this worker existed are served by it from now on.
      await self.clients.claim();
    })(),
  );
});

/** A response worth keeping: this origin's own 200 (no redirect to the login page, no error). */
const keepable = (response: Response) => response.status === 200 && response.type === 'basic';

/** Fetches an inspection page (or its data) and keeps the answer if it is a good one. */
async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(PAGES_CACHE);
  // The last copy of exactly this request, else of the same path (a data request's query says
  // which parts changed; a full copy answers any of them).
  const kept = async () =>
    (await cache.match(request)) ??
    (await cache.match(new URL(request.url).pathname, { ignoreSearch: true, ignoreVary: true }));
  let response: Response;
  try {
    response = await fetch(request);
  } catch (error) {
    // No connection.
    const copy = await kept();
    if (copy) return copy;
    throw error;
  }
  if (keepable(response)) await cache.put(request, response.clone());
  // A gateway or server failing on a weak connection: the kept copy is better than an error page.
  else if (response.status >= 502) return (await kept()) ?? response;
  return response;
}

async function appFile(request: Request): Promise<Response> {
  const cache = await caches.open(APP_CACHE);
  return (await cache.match(request)) ?? fetch(request);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== 'GET') {
    // Signing in or out: another person may use this browser next; their pages are not kept.
    if (url.pathname === '/login' || url.pathname === '/logout') {
      event.waitUntil(caches.delete(PAGES_CACHE));
    }
    return;
  }
  if (neverCached(url.pathname)) return;
  if (appFiles.has(url.pathname)) {
    event.respondWith(appFile(request));
    return;
  }
  if (inspectionPageOf(url.pathname)) event.respondWith(networkFirst(request));
});

/** Keeps a fresh copy of an inspection page and its full data (asked by the page itself). */
async function keepPage(path: string): Promise<void> {
  const page = inspectionPageOf(path);
  if (!page || page.data) return;
  const cache = await caches.open(PAGES_CACHE);
  for (const url of [path, `${path}/__data.json`]) {
    const request = new Request(url, { headers: { accept: url === path ? 'text/html' : '*/*' } });
    try {
      const response = await fetch(request);
      if (keepable(response)) await cache.put(url, response);
    } catch {
      // Offline again: the copy kept before stays.
    }
  }
}

self.addEventListener('message', (event) => {
  const message = event.data as KeepPageMessage | null;
  if (message?.type === 'keep-inspection-page' && event.origin === self.location.origin) {
    event.waitUntil(keepPage(message.path));
  }
});
