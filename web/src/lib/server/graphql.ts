import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { TadaDocumentNode } from 'gql.tada';
import { print } from 'graphql';
import { LIMIT_CODES } from '../../../../api/src/limits.ts';

interface GraphQLResult<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

/** The variables argument of `execute`: none for an operation without variables. */
type VariablesArgument<Variables> = keyof Variables extends never ? [] : [variables: Variables];

/** Each document is printed once, the first time it is sent. */
const printed = new WeakMap<object, string>();

/**
 * Sends an operation to this app's own /graphql endpoint, as any client would. SvelteKit's
 * fetch forwards the session cookie and applies cookies the API sets.
 */
async function send<Result>(
  event: RequestEvent,
  document: TadaDocumentNode<Result, never> | TadaDocumentNode<Result, object>,
  variables: unknown,
): Promise<GraphQLResult<Result>> {
  let query = printed.get(document);
  if (query === undefined) {
    query = print(document);
    printed.set(document, query);
  }
  const response = await event.fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      // The API's messages in the page's language (chosen language, then the user's), not in
      // the browser's Accept-Language, which SvelteKit would forward otherwise.
      'accept-language': event.locals.locale,
    },
    body: JSON.stringify({ query, variables: variables ?? {} }),
  });
  return (await response.json()) as GraphQLResult<Result>;
}

/**
 * The data of an answer; a missing or expired session sends the person to the login page, and
 * any other error becomes the page's error in the person's language.
 */
function dataOf<Result>(event: RequestEvent, result: GraphQLResult<Result>): Result {
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
 * Runs a typed operation (written with the `graphql` tag of #lib/graphql.ts): the result and the
 * variables are the document's own types, so a renamed field or a missing variable fails
 * type-checking here and in the page that uses the result. Operations without variables take
 * none; the rest take exactly the variables they declare.
 */
export async function execute<Result, Variables>(
  event: RequestEvent,
  document: TadaDocumentNode<Result, Variables>,
  ...[variables]: VariablesArgument<Variables>
): Promise<Result> {
  return dataOf(event, await send(event, document, variables));
}

/**
 * Like `execute`, but input the API refuses as such (BAD_USER_INPUT: a filter date that does not
 * exist, a "from" after the "to") comes back as `refused`, with the variable it names
 * (`extensions.field`, e.g. "filter.dueFrom"), for the form to show next to that field.
 */
export async function executeOrRefused<Result, Variables>(
  event: RequestEvent,
  document: TadaDocumentNode<Result, Variables>,
  ...[variables]: VariablesArgument<Variables>
): Promise<{ data: Result; refused: null } | { data: null; refused: { message: string; field: string } }> {
  const result = await send(event, document, variables);
  const refused = result.errors?.find((e) => e.extensions?.code === 'BAD_USER_INPUT');
  if (refused)
    return { data: null, refused: { message: refused.message, field: refused.extensions?.field ?? '' } };
  return { data: dataOf(event, result), refused: null };
}

/**
 * A refused command's result (spread with CommandErrorFields): whichever error it is, its message,
 * the input problems of an InvalidInputError and the field a NotFoundError names.
 */
export interface Refusal {
  __typename: string;
  message?: string;
  issues?: readonly { field: string; message: string }[];
  field?: string | null;
}

/**
 * The messages of a refused command, by field, for the form to show next to each field; `message`
 * is the one for the whole form.
 */
export function formErrors(result: Refusal) {
  const fields: Record<string, string> = {};
  for (const issue of result.issues ?? []) fields[issue.field] = issue.message;
  // Each error is said once: next to its field, not again at the top of the form.
  const message = result.message ?? '';
  return { message: Object.values(fields).includes(message) ? '' : message, fields };
}
