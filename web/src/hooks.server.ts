import { AsyncLocalStorage } from 'node:async_hooks';
import type { Handle } from '@sveltejs/kit/hooks';
import { graphql } from '#lib/graphql.ts';
import { isLocale, type Locale } from '#lib/i18n.ts';
import { baseLocale, overwriteGetLocale } from '#lib/paraglide/runtime.js';
import { execute } from '#lib/server/graphql.ts';
import { SESSION_COOKIE, production } from '#lib/server/runtime.ts';

const ME = graphql(`
  query Me {
    me {
      id
      name
      email
      locale
      mustChangePassword
      unreadNotifications
      roles {
        role
        unitId
        unitName
      }
    }
  }
`);

/**
 * The language of the request being answered, for Paraglide's message functions. Requests are
 * answered concurrently, so it lives in AsyncLocalStorage (each request's own), never in a module
 * variable. (Paraglide's own paraglideMiddleware would do the same but clones every request,
 * buffering the body of each evidence upload twice; the app chooses the language itself anyway.)
 */
const requestLocale = new AsyncLocalStorage<Locale>();
overwriteGetLocale(() => requestLocale.getStore() ?? baseLocale);

/**
 * Headers on everything the server answers (pages, form actions, /graphql). The
 * Content-Security-Policy of pages comes from `csp` in vite.config.ts, with a nonce per page.
 */
const securityHeaders: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  // For browsers without CSP frame-ancestors; the policy says 'none' as well.
  'x-frame-options': 'DENY',
  // Nothing rendered here may be kept: after sign-out, Back must not show a private page.
  'cache-control': 'no-store',
  ...(production ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
};

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.user = null;
  event.locals.locale = 'vi';
  const chosen = event.cookies.get('rt_locale');
  if (isLocale(chosen)) event.locals.locale = chosen;
  const path = event.url.pathname;
  if (path !== '/graphql' && event.cookies.get(SESSION_COOKIE)) {
    const { me } = await execute(event, ME);
    event.locals.user = me;
    if (me && isLocale(me.locale) && !isLocale(chosen)) event.locals.locale = me.locale;
  }
  // Messages rendered for this request (pages, form actions, load functions) are in its language;
  // <html lang> says the same, and the browser renders in it after hydration (hooks.client.ts).
  const locale = event.locals.locale;
  const response = await requestLocale.run(locale, () =>
    resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) }),
  );
  for (const [name, value] of Object.entries(securityHeaders)) response.headers.set(name, value);
  return response;
};
