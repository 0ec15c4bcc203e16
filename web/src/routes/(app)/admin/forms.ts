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

/** A refused command's errors: by field (shown next to it), and the rest for the whole form. */
export function adminFormErrors(result: {
  message?: string;
  issues?: readonly { field: string; message: string }[];
  field?: string | null;
}) {
  const fields: Record<string, string> = {};
  for (const issue of result.issues ?? []) fields[issue.field] = issue.message;
  if (!result.issues && result.field && result.message) fields[result.field] = result.message;
  const message = result.message ?? '';
  return { message: Object.values(fields).includes(message) ? '' : message, fields };
}
