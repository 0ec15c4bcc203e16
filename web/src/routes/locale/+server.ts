import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isLocale } from '#lib/i18n.ts';
import { localPath, readForm } from '#lib/server/forms.ts';

/** Switches the interface language; a plain form post, so it works without JavaScript. */
export const POST: RequestHandler = async ({ request, cookies }) => {
  const { to, back } = await readForm(request);
  if (isLocale(to))
    cookies.set('rt_locale', to, { path: '/', maxAge: 60 * 60 * 24 * 365, httpOnly: false, sameSite: 'lax' });
  redirect(303, localPath(back));
};
