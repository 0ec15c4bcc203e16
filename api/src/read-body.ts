// Reading a request body within a size limit: the GraphQL endpoint (1 MB) and the evidence upload
// (20 MB per file) both refuse a larger body, whether its Content-Length announces it or it only
// turns out larger while streaming.

/**
 * The body's bytes, read up to `limit`. `tooLarge()` builds what is thrown when the body is
 * larger: announced by Content-Length, found while reading (the rest is not read), or refused by
 * the hosting server's own limit (adapter-node's BODY_SIZE_LIMIT errors the stream with 413).
 * A body-less request gives an empty array.
 */
export async function readBodyWithin(
  request: Request,
  limit: number,
  tooLarge: () => Error,
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limit) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if ((error as { status?: unknown }).status === 413) throw tooLarge();
    throw error;
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
