import type { RequestHandler } from './$types';
import { evidenceApi } from '#lib/server/runtime.ts';

// Evidence uploads (multipart/form-data) are handled by the API module, like /graphql: the task
// page's form action posts its files here with event.fetch. See api/src/evidence/http.ts.
export const POST: RequestHandler = ({ request }) => evidenceApi().upload(request);
