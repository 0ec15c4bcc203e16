// Runs the built app (web/build) for `npm start`. adapter-node 6 no longer reads ORIGIN: it takes
// the request's origin from PROTOCOL_HEADER / HOST_HEADER, or assumes https. The app has one
// public address (ORIGIN, e.g. http://localhost:3000 or the https URL a reverse proxy serves), so
// every request is stamped with it here — set by this server, never taken from the client — and
// SvelteKit's CSRF check compares form posts against that origin.
import http from 'node:http';

const origin = new URL(process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`);
const PROTOCOL_HEADER = 'x-reform-tracker-origin-proto';
const HOST_HEADER = 'x-reform-tracker-origin-host';
process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
process.env.HOST_HEADER = HOST_HEADER;
// Request bodies: evidence files reach the task page's report form and /evidence, so the server takes
// the largest evidence file (RT_EVIDENCE_MAX_BYTES, 20 MB by default, as api/src/evidence/http.ts)
// plus 2 MB for the form's other fields and the multipart framing; /evidence itself refuses more
// than the file limit + 1 MB with its own 413 in the viewer's language. /graphql keeps its own 1 MB
// limit (api/src/limits.ts MAX_BODY_BYTES, a 413 "request too large"), whatever this one is.
const evidenceMaxSetting = process.env.RT_EVIDENCE_MAX_BYTES || String(20 * 1024 * 1024);
if (!/^\d+$/.test(evidenceMaxSetting) || Number(evidenceMaxSetting) < 1) {
  console.error(
    `RT_EVIDENCE_MAX_BYTES must be a whole number of bytes, e.g. 20971520; got "${evidenceMaxSetting}".`,
  );
  process.exit(1);
}
process.env.BODY_SIZE_LIMIT ??= String(Number(evidenceMaxSetting) + 2 * 1024 * 1024);
// Read after the environment above is set: the handler reads it when it is loaded. (A URL, not a
// literal path, so that type-checking the web app does not follow it into the built bundle.)
const { handler } = await import(new URL('./build/handler.js', import.meta.url).href);

const production = process.env.NODE_ENV === 'production';

const server = http.createServer((request, response) => {
  request.headers[PROTOCOL_HEADER] = origin.protocol.slice(0, -1);
  request.headers[HOST_HEADER] = origin.host;
  // Static files (scripts, styles) are served before SvelteKit's handle hook, which sets these
  // on pages; here every response gets them.
  response.setHeader('X-Content-Type-Options', 'nosniff');
  if (production) response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  handler(request, response, () => {
    response.statusCode = 404;
    response.end();
  });
});

server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
  console.log(`Listening on ${origin.origin}`);
});

function stop() {
  server.close(() => process.exit(0));
  // Open keep-alive connections would hold close() back.
  server.closeIdleConnections();
  setTimeout(() => server.closeAllConnections(), 5000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
