import type { RequestHandler } from './$types';
import { graphqlApi } from '#lib/server/runtime.ts';

// GraphQL is served by Yoga on the same port as the web app. Yoga may answer with its own
// fetch ponyfill's Response; SvelteKit wants the platform's, so copy it over.
const handle: RequestHandler = async ({ request, getClientAddress }) => {
  const response = await graphqlApi().fetch(request, { clientAddress: getClientAddress() });
  const headers = new Headers();
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie') headers.append(key, value);
  });
  for (const cookie of response.headers.getSetCookie?.() ?? []) headers.append('set-cookie', cookie);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
};

export const GET = handle;
export const POST = handle;
export const OPTIONS = handle;
