import { GraphQLError } from 'graphql';
import { InputValidationError } from '@pothos/plugin-validation';
import type { MessageKey } from './messages.ts';

/** A failure the user can fix; `messageKey` is translated for the viewer's language. */
export class DomainError extends Error {
  constructor(
    readonly messageKey: MessageKey,
    readonly field: string | null = null,
  ) {
    super(messageKey);
  }
}

export class NotFoundError extends DomainError {
  override name = 'NotFoundError';
}

/** A command the workflow refused (wrong status, …); `type` is the workflow's failure type. */
export class CommandRejectedError extends DomainError {
  override name = 'CommandRejectedError';
  constructor(
    messageKey: MessageKey,
    readonly type: string,
    readonly detail: string,
  ) {
    super(messageKey);
  }
}

export class LoginFailedError extends DomainError {
  override name = 'LoginFailedError';
}

/** Temporal did not answer; nothing was recorded and the user may retry. */
export class ServiceUnavailableError extends DomainError {
  override name = 'ServiceUnavailableError';
}

/** A field-level input error, reported the same way as the validation plugin's. */
export function invalidInput(field: string, messageKey: MessageKey): InputValidationError {
  return new InputValidationError({ issues: [{ message: messageKey, path: ['input', field] }] });
}

/** No valid session: clients should send the person to the login page. */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
}
