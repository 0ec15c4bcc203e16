// What the service worker keeps for reopening without a connection, shared by the worker
// (src/service-worker/index.ts) and the page that asks it to keep a fresh copy (page-cache.ts).
// No DOM and no worker globals here: both compile it.

/** The message the service worker answers by fetching and keeping an inspection page. */
export interface KeepPageMessage {
  type: 'keep-inspection-page';
  /** The page's path, /inspections/<id>. */
  path: string;
}

/** Sub-pages of /inspections that are not one inspection. */
const NOT_AN_INSPECTION = new Set(['new', 'overview']);

/**
 * The inspection a path shows, for /inspections/<id> and its SvelteKit data request
 * /inspections/<id>/__data.json; null for every other path.
 */
export function inspectionPageOf(pathname: string): { id: string; data: boolean } | null {
  const match = /^\/inspections\/([^/]+)(\/__data\.json)?$/.exec(pathname);
  if (!match || NOT_AN_INSPECTION.has(match[1]!)) return null;
  return { id: decodeURIComponent(match[1]!), data: match[2] !== undefined };
}

/** Paths the service worker never answers from a cache (and never stores). */
export const NEVER_CACHED = ['/graphql', '/evidence', '/login', '/logout', '/locale'];

/** Whether a path is one of NEVER_CACHED or below it. */
export const neverCached = (pathname: string): boolean =>
  NEVER_CACHED.some((path) => pathname === path || pathname.startsWith(`${path}/`));
