// Selections that several operations share, as gql.tada fragments (pass them in the second
// argument of `graphql(…, [Fragment])`). Unmasked (see graphql.ts): their fields are part of the
// result they are spread into.
import { graphql } from './graphql.ts';

/** What a command's form shows when the API refuses it: the message, and each field's problem. */
export const CommandErrorFields = graphql(`
  fragment CommandErrorFields on Error {
    message
    ... on InvalidInputError {
      issues {
        field
        message
      }
    }
  }
`);
