import type { Handle } from '@sveltejs/kit/hooks';
import { isLocale } from '#lib/i18n.ts';
import { graphql } from '#lib/server/graphql.ts';

interface MeQuery {
  me: App.Locals['user'] & { locale: string };
}

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.user = null;
  event.locals.locale = 'vi';
  const path = event.url.pathname;
  if (path !== '/graphql' && event.cookies.get('rt_session')) {
    const { me } = await graphql<MeQuery>(
      event,
      '{ me { id name email locale roles { role unitId unitName } } }',
    );
    event.locals.user = me;
    if (me && isLocale(me.locale)) event.locals.locale = me.locale;
  }
  const chosen = event.cookies.get('rt_locale');
  if (isLocale(chosen)) event.locals.locale = chosen;
  return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale) });
};
