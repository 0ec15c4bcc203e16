import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { TadaDocumentNode } from 'gql.tada';
import { print } from 'graphql';
import { LIMIT_CODES } from '../../../../api/src/limits.ts';

interface GraphQLResult<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Each document is printed once, the first time it is sent. */
const printed = new WeakMap<object, string>();

/**
 * Runs a typed operation (written with the `graphql` tag of #lib/graphql.ts) against this app's
 * own /graphql endpoint: the result and the variables are the document's own types, so a renamed
 * field or a missing variable fails type-checking here and in the page that uses the result.
 * Operations without variables take none; the rest take exactly the variables they declare.
 */
export async function execute<Result, Variables>(
  event: RequestEvent,
  document: TadaDocumentNode<Result, Variables>,
  ...[variables]: keyof Variables extends never ? [] : [variables: Variables]
): Promise<Result> {
  let query = printed.get(document);
  if (query === undefined) {
    query = print(document);
    printed.set(document, query);
  }
  return graphql<Result>(event, query, variables ?? {});
}

/**
 * Runs a GraphQL operation against this app's own /graphql endpoint, as any client would.
 * SvelteKit's fetch forwards the session cookie and applies cookies the API sets. A missing
 * or expired session sends the person to the login page.
 */
export async function graphql<T>(
  event: RequestEvent,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await event.fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      // The API's messages in the page's language (chosen language, then the user's), not in
      // the browser's Accept-Language, which SvelteKit would forward otherwise.
      'accept-language': event.locals.locale,
    },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as GraphQLResult<T>;
  const first = result.errors?.[0];
  if (first?.extensions?.code === 'UNAUTHENTICATED') {
    redirect(303, `/login?expired=1&next=${encodeURIComponent(event.url.pathname)}`);
  }
  if (first?.extensions?.code === 'FORBIDDEN') error(403, first.message);
  // A request the API refused as asked (a page position from an old link, a page too large):
  // the person sees the API's message in their language, as a bad request, not a server fault.
  if ((LIMIT_CODES as readonly (string | undefined)[]).includes(first?.extensions?.code)) {
    error(400, first!.message);
  }
  if (first || !result.data) error(500, first?.message ?? 'GraphQL returned no data');
  return result.data;
}

/**
 * The messages of a refused command (its result spread with CommandErrorFields), by field, for
 * the form to show next to each field; `message` is the one for the whole form.
 */
export function formErrors(result: {
  __typename: string;
  message?: string;
  issues?: readonly { field: string; message: string }[];
}) {
  const fields: Record<string, string> = {};
  for (const issue of result.issues ?? []) fields[issue.field] = issue.message;
  return { message: result.message ?? '', fields };
}
