// The inspection page asks the service worker (src/service-worker/index.ts) to keep a fresh copy
// of itself, so that it reopens without a connection: on a first visit the page was loaded before
// the worker controlled it, and after changes were sent the kept copy would show the old state.
import type { KeepPageMessage } from './inspection-pages.ts';

/** Asks the active service worker to keep this page (HTML and its __data.json) for offline use. */
export async function keepPageForOffline(path = location.pathname): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const registration = await navigator.serviceWorker.ready;
  const message: KeepPageMessage = { type: 'keep-inspection-page', path };
  registration.active?.postMessage(message);
}
