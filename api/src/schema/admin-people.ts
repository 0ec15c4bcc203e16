// Administration of people (docs/authorization.md, "Administration"): accounts, one-time
// passwords, deactivation and roles per unit. ADMIN only, inside their subtree.
import { z } from 'zod';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import {
  administeredPeople,
  assignRole,
  createUser,
  peopleSearch,
  removeRole,
  resetPassword,
  setUserActive,
  type IssuedPassword,
} from '../services/admin-people.ts';
import { adminContext, adminErrors, adminOnly, AdminUser } from './admin-units.ts';
import { RoleEnum } from './auth.ts';

builder.queryField('adminUsers', (t) =>
  t.prismaConnection({
    type: AdminUser,
    cursor: 'id',
    authScopes: adminOnly,
    description:
      'People holding a role in a unit the administrator keeps, by name, narrowed by a search on ' +
      'name or e-mail and by active; pages of `first`.',
    args: {
      search: t.arg.string({ required: false, validate: z.string().max(200, 'input.tooLong') }),
      active: t.arg.boolean({ required: false }),
    },
    totalCount: (_parent, args, context) => context.prisma.user.count({ where: peopleWhere(context, args) }),
    resolve: (query, _root, args, context) =>
      context.prisma.user.findMany({
        ...query,
        where: peopleWhere(context, args),
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      }),
  }),
);

const peopleWhere = (context: Context, args: { search?: string | null; active?: boolean | null }) => ({
  AND: [
    administeredPeople(context.viewer!),
    peopleSearch(args.search),
    args.active == null ? {} : { active: args.active },
  ],
});

builder.queryField('adminUser', (t) =>
  t.prismaField({
    type: AdminUser,
    nullable: true,
    authScopes: adminOnly,
    description: 'A person holding a role in a unit the administrator keeps, or null.',
    args: { id: t.arg.id() },
    resolve: (query, _root, { id }, context) =>
      context.prisma.user.findFirst({
        ...query,
        where: { AND: [{ id: String(id) }, administeredPeople(context.viewer!)] },
      }),
  }),
);

const IssuedPasswordType = builder.objectRef<IssuedPassword>('IssuedPassword').implement({
  description:
    'A one-time password, shown here once (never stored in clear, never shown again) unless it was ' +
    'e-mailed to the person; they choose their own at first sign-in.',
  fields: (t) => ({
    user: t.prismaField({
      type: AdminUser,
      resolve: (query, issued, _args, context) =>
        context.prisma.user.findUniqueOrThrow({ ...query, where: { id: issued.userId } }),
    }),
    oneTimePassword: t.exposeString('oneTimePassword', { nullable: true }),
    emailed: t.exposeBoolean('emailed'),
  }),
});

const LocaleChoice = builder.enumType('AdminLocale', { values: ['vi', 'en'] as const });

const CreateUserInput = builder.inputType('CreateUserInput', {
  fields: (t) => ({
    name: t.string({ validate: z.string().trim().min(1, 'adm.nameRequired').max(200, 'adm.nameRequired') }),
    email: t.string({ validate: z.string().trim().email('input.email').max(254, 'input.tooLong') }),
    locale: t.field({ type: LocaleChoice, defaultValue: 'vi' }),
    role: t.field({ type: RoleEnum, description: 'The first role…' }),
    unitId: t.id({ description: '…on this live unit.' }),
  }),
});

builder.mutationField('createUser', (t) =>
  t.field({
    type: IssuedPasswordType,
    description: 'A new account with one role and a one-time password (e-mailed when SMTP is configured).',
    authScopes: adminOnly,
    errors: { types: adminErrors, directResult: true },
    args: { input: t.arg({ type: CreateUserInput }) },
    resolve: (_root, { input }, context) =>
      createUser(adminContext(context), {
        name: input.name.trim(),
        email: input.email,
        locale: input.locale ?? 'vi',
        role: input.role,
        unitId: String(input.unitId),
      }),
  }),
);

builder.mutationField('resetUserPassword', (t) =>
  t.field({
    type: IssuedPasswordType,
    description: 'A new one-time password for someone else; every session of theirs ends.',
    authScopes: adminOnly,
    errors: { types: adminErrors, directResult: true },
    args: { userId: t.arg.id() },
    resolve: (_root, { userId }, context) => resetPassword(adminContext(context), String(userId)),
  }),
);

builder.mutationField('setUserActive', (t) =>
  t.prismaField({
    type: AdminUser,
    description:
      'Deactivates (every session ends at once and sign-in is refused) or reactivates an account; ' +
      'never one’s own, never the province’s last administrator.',
    authScopes: adminOnly,
    errors: { types: adminErrors, directResult: true },
    args: { userId: t.arg.id(), active: t.arg.boolean() },
    resolve: async (query, _root, { userId, active }, context) => {
      const id = await setUserActive(adminContext(context), String(userId), active);
      return context.prisma.user.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

const AssignRoleInput = builder.inputType('AssignRoleInput', {
  fields: (t) => ({ userId: t.id(), role: t.field({ type: RoleEnum }), unitId: t.id() }),
});

builder.mutationField('assignRole', (t) =>
  t.prismaField({
    type: AdminUser,
    description: 'Gives a person a role on a live unit the administrator keeps (not twice).',
    authScopes: adminOnly,
    errors: { types: adminErrors, directResult: true },
    args: { input: t.arg({ type: AssignRoleInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await assignRole(adminContext(context), {
        userId: String(input.userId),
        role: input.role,
        unitId: String(input.unitId),
      });
      return context.prisma.user.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('removeRole', (t) =>
  t.prismaField({
    type: AdminUser,
    description:
      'Removes a role on a unit the administrator keeps; never a person’s last role, never the ' +
      'province’s last administrator.',
    authScopes: adminOnly,
    errors: { types: adminErrors, directResult: true },
    args: { roleAssignmentId: t.arg.id() },
    resolve: async (query, _root, { roleAssignmentId }, context) => {
      const id = await removeRole(adminContext(context), String(roleAssignmentId));
      return context.prisma.user.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
