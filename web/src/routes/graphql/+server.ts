import type { RequestHandler } from './$types';
import { graphqlApi } from '$lib/server/runtime';

// GraphQL is served by Yoga on the same port as the web app.
const handle: RequestHandler = ({ request, getClientAddress }) =>
  Promise.resolve(graphqlApi().fetch(request, { clientAddress: getClientAddress() }));

export const GET = handle;
export const POST = handle;
export const OPTIONS = handle;
