import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isLocale } from '#lib/i18n.ts';
import { graphql } from '#lib/graphql.ts';
import { localPath, readForm } from '#lib/server/forms.ts';
import { execute } from '#lib/server/graphql.ts';

const SET_LANGUAGE = graphql(`
  mutation SetLanguage($locale: Locale!) {
    setLanguage(locale: $locale) {
      locale
    }
  }
`);

/**
 * Switches the interface language; a plain form post, so it works without JavaScript. Signed in,
 * the choice is also saved on the user (setLanguage): their e-mails are written in it and it is
 * their language on any browser that has not chosen one. The cookie is set either way: it keeps
 * the choice for anonymous visitors, and for this browser after sign-out (it wins over the saved
 * language, in hooks.server.ts and in the API, so this browser shows what was chosen on it last).
 */
export const POST: RequestHandler = async (event) => {
  const { to, back } = await readForm(event.request);
  if (isLocale(to)) {
    if (event.locals.user) {
      await execute(event, SET_LANGUAGE, { locale: to });
    }
    event.cookies.set('rt_locale', to, {
      path: '/',
      maxAge: 60 * 60 * 24 * 365,
      httpOnly: false,
      sameSite: 'lax',
    });
  }
  redirect(303, localPath(back));
};
