import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { graphql } from '#lib/graphql.ts';
import { readForm } from '#lib/server/forms.ts';
import { execute } from '#lib/server/graphql.ts';
import { SESSION_COOKIE } from '#lib/server/runtime.ts';

const LOGOUT = graphql(`
  mutation Logout {
    logout
  }
`);

const LOGOUT_EVERYWHERE = graphql(`
  mutation LogoutEverywhere {
    logoutEverywhere
  }
`);

/** Signs out of this browser, or with `everywhere=1` out of every device at once. */
export const POST: RequestHandler = async (event) => {
  const { everywhere } = await readForm(event.request);
  if (everywhere) await execute(event, LOGOUT_EVERYWHERE);
  else await execute(event, LOGOUT);
  event.cookies.delete(SESSION_COOKIE, { path: '/' });
  redirect(303, '/login');
};

/**
 * Signing in again after a session ran out returns here with GET (`next=/logout`): nothing is
 * signed out by a GET, so the person lands on the home page and may press the button again.
 */
export const GET: RequestHandler = () => redirect(303, '/');
