import { z } from 'zod';
import { builder } from '../builder.ts';
import {
  SESSION_ABSOLUTE_MS,
  checkCredentials,
  createSession,
  deleteAllSessions,
  deleteSession,
  purgeExpiredSessions,
  type Viewer,
  type ViewerRole,
} from '../auth.ts';
import { LoginFailedError } from '../errors.ts';
import { InputValidationError } from '@pothos/plugin-validation';

export const RoleEnum = builder.enumType('Role', {
  values: ['ADMIN', 'STEERING', 'UNIT_HEAD', 'UNIT_STAFF', 'INSPECTOR'] as const,
});

const RoleAssignment = builder.objectRef<ViewerRole>('RoleAssignment').implement({
  fields: (t) => ({
    role: t.field({ type: RoleEnum, resolve: (assignment) => assignment.role }),
    unitId: t.exposeID('unitId'),
    unitName: t.exposeString('unitName'),
  }),
});

export const ViewerType = builder.objectRef<Viewer>('Viewer').implement({
  description: 'The signed-in user.',
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    locale: t.exposeString('locale'),
    mustChangePassword: t.exposeBoolean('mustChangePassword', {
      description: 'True after signing in with a one-time password, until the person chooses their own.',
    }),
    roles: t.field({ type: [RoleAssignment], resolve: (viewer) => viewer.roles }),
  }),
});

builder.queryField('me', (t) =>
  t.field({
    type: ViewerType,
    nullable: true,
    description: 'The signed-in user, or null without a valid session.',
    resolve: (_root, _args, context) => context.viewer,
  }),
);

const LoginSuccess = builder.objectRef<{ userId: string; name: string }>('LoginSuccess').implement({
  fields: (t) => ({ userId: t.exposeID('userId'), name: t.exposeString('name') }),
});

builder.mutationField('login', (t) =>
  t.field({
    type: LoginSuccess,
    description: 'Checks e-mail and password and sets the HttpOnly session cookie.',
    errors: { types: [LoginFailedError, InputValidationError], directResult: true },
    args: {
      email: t.arg.string({ validate: z.string().trim().email('input.email').max(254, 'input.tooLong') }),
      password: t.arg.string({ validate: z.string().min(1, 'input.required').max(1024, 'input.tooLong') }),
    },
    resolve: async (_root, { email, password }, context) => {
      const now = context.now();
      const attempt = { email, address: context.clientAddress };
      // Counted before the password is checked, so parallel guesses cannot pass the limit.
      if (!(await context.throttle.admit(attempt, now))) throw new LoginFailedError('login.throttled');
      const user = await checkCredentials(context.prisma, email, password);
      // The same answer whether or not the e-mail exists.
      if (!user) throw new LoginFailedError('login.failed');
      await context.throttle.succeeded(attempt, now);
      await purgeExpiredSessions(context.prisma, now);
      // Always a new token: a session cookie planted before sign-in is never promoted.
      const token = await createSession(context.prisma, user.id, now);
      context.cookies.set(context.sessionCookie, token, {
        maxAgeSeconds: SESSION_ABSOLUTE_MS / 1000,
        httpOnly: true,
      });
      return { userId: user.id, name: user.name };
    },
  }),
);

builder.mutationField('logout', (t) =>
  t.boolean({
    description: 'Ends the current session.',
    resolve: async (_root, _args, context) => {
      if (context.sessionToken) await deleteSession(context.prisma, context.sessionToken);
      context.cookies.delete(context.sessionCookie);
      return true;
    },
  }),
);

builder.mutationField('logoutEverywhere', (t) =>
  t.boolean({
    description:
      'Ends every session of the signed-in user on every device, this one included (e.g. after a lost laptop or a shared computer).',
    authScopes: { authenticated: true },
    resolve: async (_root, _args, context) => {
      await deleteAllSessions(context.prisma, context.viewer!.id);
      context.cookies.delete(context.sessionCookie);
      return true;
    },
  }),
);
