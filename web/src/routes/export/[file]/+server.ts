import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { spreadsheetsApi } from '#lib/server/runtime.ts';

// A list as a spreadsheet: /export/tasks.xlsx?plan=…&status=…, /export/corrective-actions.csv,
// /export/findings.xlsx, /export/units.xlsx, /export/users.csv (api/src/spreadsheets/exports.ts).
// Someone whose session ended is sent to sign in and brought back to the same file.
export const GET: RequestHandler = async ({ request, params, url }) => {
  const dot = params.file.lastIndexOf('.');
  const list = dot > 0 ? params.file.slice(0, dot) : params.file;
  const format = dot > 0 ? params.file.slice(dot + 1) : '';
  const response = await spreadsheetsApi().exportList(request, list, format);
  if (response.status === 401) {
    redirect(303, `/login?expired=1&next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return response;
};
