import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { evidenceApi } from '#lib/server/runtime.ts';

// Downloads of an evidence file, for viewers of its task, inspection or corrective action
// (api/src/evidence/http.ts). Someone whose session ended is sent to sign in and brought back to
// the file.
export const GET: RequestHandler = async ({ request, params, url }) => {
  const response = await evidenceApi().download(request, params.id);
  if (response.status === 401) redirect(303, `/login?expired=1&next=${encodeURIComponent(url.pathname)}`);
  return response;
};
