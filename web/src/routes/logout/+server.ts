import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { graphql } from '#lib/server/graphql.ts';

export const POST: RequestHandler = async (event) => {
  await graphql(event, 'mutation { logout }');
  event.cookies.delete('rt_session', { path: '/' });
  redirect(303, '/login');
};
