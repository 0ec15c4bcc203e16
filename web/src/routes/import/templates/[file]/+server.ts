import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { spreadsheetsApi } from '#lib/server/runtime.ts';

// An import's template (/import/templates/users.xlsx): headers in the reader's language and an
// example row (api/src/spreadsheets/handlers.ts).
export const GET: RequestHandler = async ({ request, params, url }) => {
  const response = await spreadsheetsApi().template(request, params.file);
  if (response.status === 401) {
    redirect(303, `/login?expired=1&next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return response;
};
