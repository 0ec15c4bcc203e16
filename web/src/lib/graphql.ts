import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

/**
 * The `graphql` tag of the web app's operations, typed against api/schema.graphql: gql.tada reads
 * each document at type-check time, so a field the API no longer has, a wrong argument or a
 * misspelt enum value fails `npm run typecheck`, and every result and variables type comes from
 * the document itself (ResultOf / VariablesOf). `npm run sync` writes graphql-env.d.ts from the
 * schema file (never edited by hand, not committed); `npm run schema` rewrites that file.
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  // Fragments (the repeated task selections, the error fields of a command's result) are plain
  // parts of the result: the load functions hand the data to pages as it is, with no readFragment.
  disableMasking: true;
  scalars: {
    /** A calendar day, YYYY-MM-DD. */
    Date: string;
    /** ISO 8601, e.g. 2026-12-02T08:30:00.000Z. */
    DateTime: string;
    /** A decimal number written as a string (indicator values), never rounded by JSON. */
    Decimal: string;
  };
}>();

export { readFragment } from 'gql.tada';
export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
