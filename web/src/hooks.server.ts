import type { Handle } from '@sveltejs/kit/hooks';
import { isLocale } from '#lib/i18n.ts';
import { graphql } from '#lib/server/graphql.ts';
import { SESSION_COOKIE, production } from '#lib/server/runtime.ts';

interface MeQuery {
  me: App.Locals['user'] & { locale: string };
}

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
    const { me } = await graphql<MeQuery>(
      event,
      '{ me { id name email locale unreadNotifications roles { role unitId unitName } } }',
    );
    event.locals.user = me;
    if (me && isLocale(me.locale) && !isLocale(chosen)) event.locals.locale = me.locale;
  }
  const response = await resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale),
  });
  for (const [name, value] of Object.entries(securityHeaders)) response.headers.set(name, value);
  return response;
};
