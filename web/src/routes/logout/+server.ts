import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { readForm } from '#lib/server/forms.ts';
import { graphql } from '#lib/server/graphql.ts';
import { SESSION_COOKIE } from '#lib/server/runtime.ts';

/** Signs out of this browser, or with `everywhere=1` out of every device at once. */
export const POST: RequestHandler = async (event) => {
  const { everywhere } = await readForm(event.request);
  if (everywhere) await graphql(event, 'mutation { logoutEverywhere }');
  else await graphql(event, 'mutation { logout }');
  event.cookies.delete(SESSION_COOKIE, { path: '/' });
  redirect(303, '/login');
};

/**
 * Signing in again after a session ran out returns here with GET (`next=/logout`): nothing is
 * signed out by a GET, so the person lands on the home page and may press the button again.
 */
export const GET: RequestHandler = () => redirect(303, '/');
