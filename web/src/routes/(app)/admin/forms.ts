// What the administration's forms show when the API refuses a command.
import { graphql } from '#lib/graphql.ts';

/** The message, each field's problem, and the field a NotFoundError or AdminRefusedError names. */
export const AdminErrorFields = graphql(`
  fragment AdminErrorFields on Error {
    message
    ... on InvalidInputError {
      issues {
        field
        message
      }
    }
    ... on NotFoundError {
      field
    }
    ... on AdminRefusedError {
      field
    }
  }
`);

/**
 * A refused command's errors: by field for the fields the form shows (said next to them), the
 * rest (a hidden ID the API names, the whole command) for the top of the form.
 */
export function adminFormErrors(
  result: { message?: string; issues?: readonly { field: string; message: string }[]; field?: string | null },
  shown: readonly string[],
) {
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  const problems =
    result.issues ?? (result.field ? [{ field: result.field, message: result.message ?? '' }] : []);
  for (const { field, message } of problems) {
    if (shown.includes(field)) fields[field] = message;
    else rest.push(message);
  }
  const message = problems.length ? rest.join(' ') : (result.message ?? '');
  return { message, fields };
}
