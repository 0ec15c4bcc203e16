import { InputValidationError, type StandardSchemaV1 } from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import { isCalendarDate } from '../../../workflows/src/calendar.ts';
import { builder } from '../builder.ts';
import { CommandRejectedError, LoginFailedError, NotFoundError, ServiceUnavailableError } from '../errors.ts';
import type { Context } from '../context.ts';
import { translate } from '../messages.ts';

builder.scalarType('Date', {
  description: 'A calendar date, YYYY-MM-DD.',
  serialize: (value) => value.toISOString().slice(0, 10),
  parseValue: (value) => {
    // Date.parse would accept 2027-02-30 (as March 2): only dates that exist pass.
    if (!isCalendarDate(value)) {
      throw new GraphQLError('Enter the date as YYYY-MM-DD.');
    }
    return value;
  },
});

builder.scalarType('DateTime', {
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const parsed = new Date(String(value));
    if (Number.isNaN(parsed.getTime())) throw new GraphQLError('Enter a date and time in ISO 8601.');
    return parsed;
  },
});

builder.scalarType('Decimal', {
  serialize: (value) => value,
  parseValue: () => {
    throw new GraphQLError('Decimal is output only.');
  },
});

// Duck-typed rather than `instanceof DomainError`: under some loaders (vitest's) the error
// classes can come from another module instance.
const translatedMessage = (error: Error, locale: Context['locale']): string =>
  'messageKey' in error && typeof error.messageKey === 'string'
    ? translate(locale, error.messageKey)
    : error.message;

/** Every typed error has a translated message; clients can rely on `... on Error { message }`. */
export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  fields: (t) => ({
    message: t.string({ resolve: (error, _args, context) => translatedMessage(error, context.locale) }),
  }),
});

const InputIssue = builder.objectRef<StandardSchemaV1.Issue>('InputIssue').implement({
  description: 'One invalid field: `field` names it (e.g. "dueDate"), `message` says what to fix.',
  fields: (t) => ({
    field: t.string({
      resolve: (issue) => {
        const path = issue.path?.map((part) => String(typeof part === 'object' ? part.key : part)) ?? [];
        return path.filter((part) => part !== 'input').join('.');
      },
    }),
    message: t.string({ resolve: (issue, _args, context) => translate(context.locale, issue.message) }),
  }),
});

builder.objectType(InputValidationError, {
  name: 'InvalidInputError',
  description: 'Some fields are invalid; each issue names its field and says what to fix.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    issues: t.field({ type: [InputIssue], resolve: (error) => error.issues }),
    message: t.string({
      resolve: (error, _args, context) =>
        error.issues.map((issue) => translate(context.locale, issue.message)).join(' '),
    }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    field: t.string({ nullable: true, resolve: (error) => error.field }),
  }),
});

builder.objectType(CommandRejectedError, {
  name: 'CommandRejectedError',
  description: 'The workflow refused the command in its current state; `reason` is its stable failure type.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    reason: t.string({ resolve: (error) => error.type }),
  }),
});

builder.objectType(LoginFailedError, {
  name: 'LoginFailedError',
  interfaces: [ErrorInterface],
  fields: () => ({}),
});

builder.objectType(ServiceUnavailableError, {
  name: 'ServiceUnavailableError',
  description: 'Nothing was recorded; retrying is safe.',
  interfaces: [ErrorInterface],
  fields: () => ({}),
});

/** The errors every command mutation can return. */
export const commandErrors = [
  InputValidationError,
  NotFoundError,
  CommandRejectedError,
  ServiceUnavailableError,
];
