import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isLocale } from '$lib/i18n';

/** Switches the interface language; a plain form post, so it works without JavaScript. */
export const POST: RequestHandler = async ({ request, cookies }) => {
  const form = await request.formData();
  const to = form.get('to');
  if (isLocale(to)) cookies.set('rt_locale', to, { path: '/', maxAge: 60 * 60 * 24 * 365, httpOnly: false, sameSite: 'lax' });
  const back = String(form.get('back') ?? '/');
  redirect(303, back.startsWith('/') && !back.startsWith('//') ? back : '/');
};
