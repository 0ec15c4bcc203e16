import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { minutesApi } from '#lib/server/runtime.ts';

// The inspection minutes as a PDF (?lang=vi|en), for viewers of the inspection
// (api/src/minutes/http.ts). Someone whose session ended is sent to sign in and brought back to
// the same file.
export const GET: RequestHandler = async ({ request, params, url }) => {
  const response = await minutesApi().download(request, params.id);
  if (response.status === 401) {
    redirect(303, `/login?expired=1&next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return response;
};
