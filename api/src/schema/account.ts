// The signed-in user's own account: the language the app and the e-mails use, and the password.
import { randomUUID } from 'node:crypto';
import { InputValidationError } from '@pothos/plugin-validation';
import { deleteOtherSessions } from '../auth.ts';
import { builder } from '../builder.ts';
import { DomainError, invalidInput } from '../errors.ts';
import type { Locale } from '../messages.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';
import { ViewerType } from './auth.ts';
import { ErrorInterface } from './common.ts';

const LocaleEnum = builder.enumType('Locale', { values: ['vi', 'en'] as const });

builder.mutationField('setLanguage', (t) =>
  t.field({
    type: ViewerType,
    description:
      'Saves the language the user reads the app and their e-mails in (the outbox renders each e-mail in it).',
    authScopes: { authenticated: true },
    args: { locale: t.arg({ type: LocaleEnum }) },
    resolve: async (_root, { locale }, context) => {
      const viewer = context.viewer!;
      await context.prisma.user.update({ where: { id: viewer.id }, data: { locale } });
      // The rest of this answer is already in the new language.
      context.locale = locale satisfies Locale;
      context.viewer = { ...viewer, locale };
      return context.viewer;
    },
  }),
);

/** The current password was wrong; counted against sign-ins to the account. */
export class WrongPasswordError extends DomainError {
  override name = 'WrongPasswordError';
}

/** Too many wrong passwords for this account (the sign-in throttle): nothing was checked. */
export class TooManyAttemptsError extends DomainError {
  override name = 'TooManyAttemptsError';
}

builder.objectType(WrongPasswordError, {
  name: 'WrongPasswordError',
  description: 'The current password is wrong; nothing was changed.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ field: t.string({ nullable: true, resolve: (error) => error.field }) }),
});

builder.objectType(TooManyAttemptsError, {
  name: 'TooManyAttemptsError',
  description: 'Too many wrong passwords (the same limit as sign-in); try again after the window.',
  interfaces: [ErrorInterface],
  fields: () => ({}),
});

/** Policy for a new password (ASVS level 2, 2.1): length in characters, not bytes; no composition rules. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 1024;

/** The first rule the new password breaks, or null. Typed text is compared as typed (no trimming). */
export function newPasswordProblem(
  newPassword: string,
  currentPassword: string,
  email: string,
): 'password.tooShort' | 'password.tooLong' | 'password.sameAsCurrent' | 'password.isEmail' | null {
  const length = [...newPassword].length;
  if (length < PASSWORD_MIN) return 'password.tooShort';
  if (length > PASSWORD_MAX) return 'password.tooLong';
  if (newPassword === currentPassword) return 'password.sameAsCurrent';
  const lowered = newPassword.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  if (lowered === address || lowered === address.split('@')[0]) return 'password.isEmail';
  return null;
}

const PasswordChanged = builder.objectRef<{ otherSessionsEnded: number }>('PasswordChanged').implement({
  fields: (t) => ({
    otherSessionsEnded: t.exposeInt('otherSessionsEnded', {
      description: 'Sessions on other devices that were signed out; this one stays signed in.',
    }),
  }),
});

builder.mutationField('changePassword', (t) =>
  t.field({
    type: PasswordChanged,
    description:
      'Checks the current password, stores the new one (argon2id) and signs out every other session of the user.',
    authScopes: { authenticated: true },
    errors: { types: [InputValidationError, WrongPasswordError, TooManyAttemptsError], directResult: true },
    args: { currentPassword: t.arg.string(), newPassword: t.arg.string() },
    resolve: async (_root, { currentPassword, newPassword }, context) => {
      const viewer = context.viewer!;
      if (currentPassword.length === 0) throw invalidInput('currentPassword', 'input.required');
      if (currentPassword.length > PASSWORD_MAX) throw invalidInput('currentPassword', 'input.tooLong');
      const problem = newPasswordProblem(newPassword, currentPassword, viewer.email);
      if (problem) throw invalidInput('newPassword', problem);

      // A wrong current password counts as a failed sign-in to the account (same keys, same
      // limits): a stolen session must not become a way to guess the password without limit.
      const now = context.now();
      const attempt = { email: viewer.email, address: context.clientAddress };
      if (!(await context.throttle.admit(attempt, now))) throw new TooManyAttemptsError('password.throttled');
      const user = await context.prisma.user.findUniqueOrThrow({
        where: { id: viewer.id },
        select: { passwordHash: true },
      });
      if (!(await verifyPassword(user.passwordHash, currentPassword))) {
        throw new WrongPasswordError('password.wrongCurrent', 'currentPassword');
      }
      await context.throttle.succeeded(attempt, now);

      const passwordHash = await hashPassword(newPassword);
      const otherSessionsEnded = await context.prisma.$transaction(async (tx) => {
        await tx.user.update({ where: { id: viewer.id }, data: { passwordHash, mustChangePassword: false } });
        await tx.auditEvent.create({
          data: {
            eventId: `user-${viewer.id}:password:${randomUUID()}`,
            actorId: viewer.id,
            action: 'user.passwordChanged',
            entityType: 'User',
            entityId: viewer.id,
            at: now,
          },
        });
        // Whoever may hold another session (a shared computer, a stolen cookie) is signed out.
        return context.sessionToken ? deleteOtherSessions(tx, viewer.id, context.sessionToken) : 0;
      });
      return { otherSessionsEnded };
    },
  }),
);
