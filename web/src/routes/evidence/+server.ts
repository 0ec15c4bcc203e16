import type { RequestHandler } from './$types';
import { evidenceApi } from '#lib/server/runtime.ts';

// Evidence uploads (multipart/form-data) are handled by the API module, like /graphql: the task,
// inspection and corrective-action pages' form actions post their files here with event.fetch,
// and the offline queue posts photos with a clientId. See api/src/evidence/http.ts.
export const POST: RequestHandler = ({ request }) => evidenceApi().upload(request);
