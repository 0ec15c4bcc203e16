import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { dashboardDownloadsApi } from '#lib/server/runtime.ts';

// A dashboard figure as XLSX or CSV (?plan=…&unit=…&lang=vi|en), as the viewer sees it on the
// dashboard (api/src/services/dashboard-export.ts). Someone whose session ended is sent to sign in
// and brought back to the same file.
export const GET: RequestHandler = async ({ request, params, url }) => {
  const response = await dashboardDownloadsApi().download(request, params.figure, params.format);
  if (response.status === 401) {
    redirect(303, `/login?expired=1&next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return response;
};
