// Selections that several operations share, as gql.tada fragments (pass them in the second
// argument of `graphql(…, [Fragment])`). Unmasked (see graphql.ts): their fields are part of the
// result they are spread into.
import { graphql } from './graphql.ts';

/**
 * What a command's form shows when the API refuses it: the message, each field's problem, and
 * the field a NotFoundError names (a unit or area that is gone).
 */
export const CommandErrorFields = graphql(`
  fragment CommandErrorFields on Error {
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
  }
`);
