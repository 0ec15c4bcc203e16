import type { RequestHandler } from './$types';
import { spreadsheetsApi } from '#lib/server/runtime.ts';

// An import's upload (multipart: kind, planId, file): the dry run, stored as a batch whose
// problems the import page lists (api/src/spreadsheets/handlers.ts).
export const POST: RequestHandler = ({ request }) => spreadsheetsApi().upload(request);
