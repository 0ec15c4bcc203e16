// Administration of the unit tree (docs/authorization.md, "Administration"): ADMIN only, inside
// the subtree of a unit where they hold it. Outside it a unit reads as unknown.
import { z } from 'zod';
import { InputValidationError } from '@pothos/plugin-validation';
import { hasRole } from '../auth.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { NotFoundError, ServiceUnavailableError } from '../errors.ts';
import { translate } from '../messages.ts';
import { AdminRefusedError } from '../services/admin-errors.ts';
import {
  administeredUnits,
  administers,
  createUnit,
  mergeUnits,
  moveUnit,
  previewMerger,
  updateUnit,
  type MergerPreview,
} from '../services/admin-units.ts';
import { ErrorInterface } from './common.ts';
import { UnitLevel } from './organisation.ts';
import { RoleEnum } from './auth.ts';

/** Only administrators reach these fields; anonymous callers are told to sign in. */
export const adminOnly = (_parent: unknown, _args: unknown, context: Context) =>
  hasRole(context.viewer, 'ADMIN');

export const adminContext = (context: Context) => ({ ...context, viewer: context.viewer! });

builder.objectType(AdminRefusedError, {
  name: 'AdminRefusedError',
  description:
    'The change breaks a rule of the unit tree or of accounts; `reason` is a stable code (CODE_TAKEN, ' +
    'CYCLE, UNIT_MERGED, MERGE_INTO_SELF, HAS_CHILDREN, TASKS_BEYOND_REACH, INVALID_MERGER, EMAIL_TAKEN, ' +
    'BEYOND_REACH, SELF, LAST_ADMIN, LAST_ROLE, ROLE_EXISTS), `field` the input it concerns.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    reason: t.exposeString('reason'),
    field: t.string({ nullable: true, resolve: (error) => error.field }),
    message: t.string({
      resolve: (error, _args, context) =>
        Object.entries(error.params).reduce(
          (text, [name, value]) => text.replaceAll(`{${name}}`, value),
          translate(context.locale, error.messageKey),
        ),
    }),
  }),
});

export const adminErrors = [InputValidationError, NotFoundError, AdminRefusedError];

export const AdminRoleAssignment = builder.prismaObject('RoleAssignment', {
  name: 'AdminRoleAssignment',
  description: 'A role of a person on a unit, as the administrator sees it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    role: t.expose('role', { type: RoleEnum }),
    roleLabel: t.string({
      select: { role: true },
      resolve: (assignment, _args, context) => translate(context.locale, `role.${assignment.role}`),
    }),
  }),
});

const UnitRef = builder
  .objectRef<{ id: string; name: string; code: string; path: string }>('UnitRef')
  .implement({
    description: 'Another unit named by an administered one (its parent, its successor).',
    fields: (t) => ({
      id: t.exposeID('id'),
      name: t.exposeString('name'),
      code: t.exposeString('code'),
      administered: t.boolean({
        description: 'Whether the administrator keeps it too (then adminUnit opens it).',
        resolve: (unit, _args, context) => administers(context.viewer!, unit),
      }),
    }),
  });

export const AdminUnit = builder.prismaObject('Unit', {
  variant: 'AdminUnit',
  description: 'A unit as its administrator sees it: place in the tree, children, people, merger.',
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    level: t.expose('level', { type: UnitLevel }),
    mergedAt: t.expose('mergedAt', { type: 'DateTime', nullable: true }),
    depth: t.int({
      description: 'How deep the unit lies (a province is 0).',
      select: { path: true },
      resolve: (unit) => unit.path.split('/').filter(Boolean).length - 1,
    }),
    parent: t.field({
      type: UnitRef,
      nullable: true,
      select: { parent: { select: { id: true, name: true, code: true, path: true } } },
      resolve: (unit) => unit.parent,
    }),
    mergedInto: t.field({
      type: UnitRef,
      nullable: true,
      description: 'The successor, for a merged unit.',
      select: { mergedInto: { select: { id: true, name: true, code: true, path: true } } },
      resolve: (unit) => unit.mergedInto,
    }),
  }),
});

// Declared here (not in admin-people.ts) because units and people refer to each other.
export const AdminUser = builder.prismaObject('User', {
  name: 'AdminUser',
  description: 'A person as the administrator sees them (never their password or its hash).',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    email: t.exposeString('email'),
    locale: t.exposeString('locale'),
    active: t.exposeBoolean('active'),
    mustChangePassword: t.exposeBoolean('mustChangePassword', {
      description: 'True until the person replaces their one-time password.',
    }),
    otherRoleCount: t.relationCount('roles', {
      description:
        'Roles on units outside the administrator’s reach (then only an administrator above manages the account).',
      where: (_args, context) => ({ unit: { NOT: administeredUnits(context.viewer!) } }),
    }),
  }),
});

// The references between units, people and roles, added once all three types exist.
builder.prismaObjectFields(AdminRoleAssignment, (t) => ({
  unit: t.relation('unit', { type: AdminUnit }),
  user: t.relation('user', { type: AdminUser }),
}));

builder.prismaObjectFields(AdminUnit, (t) => ({
  children: t.relation('children', {
    type: AdminUnit,
    description: 'Live units directly under it, by name.',
    query: { where: { mergedIntoId: null }, orderBy: [{ name: 'asc' }, { id: 'asc' }] },
    complexity: { field: 1, multiplier: 100 },
  }),
  childCount: t.relationCount('children', { where: { mergedIntoId: null } }),
  people: t.relation('roleAssignments', {
    type: AdminRoleAssignment,
    description: 'Role assignments on this unit, by role, of active and inactive people.',
    query: { orderBy: [{ role: 'asc' }, { id: 'asc' }] },
    complexity: { field: 1, multiplier: 100 },
  }),
}));

builder.prismaObjectFields(AdminUser, (t) => ({
  roles: t.relation('roles', {
    type: AdminRoleAssignment,
    description: 'Their roles on units the administrator reaches.',
    query: (_args, context) => ({
      where: { unit: administeredUnits(context.viewer!) },
      orderBy: [{ role: 'asc' }, { id: 'asc' }],
    }),
    complexity: { field: 1, multiplier: 10 },
  }),
}));

builder.queryField('adminUnits', (t) =>
  t.prismaConnection({
    type: AdminUnit,
    cursor: 'id',
    authScopes: adminOnly,
    description:
      'Units the administrator keeps, in tree order (a parent before its children), narrowed by a ' +
      'search on name or code and a level; merged units only with includeMerged. Pages of `first`.',
    args: {
      search: t.arg.string({ required: false, validate: z.string().max(200, 'input.tooLong') }),
      level: t.arg({ type: UnitLevel, required: false }),
      includeMerged: t.arg.boolean({ required: false }),
    },
    totalCount: (_parent, args, context) =>
      context.prisma.unit.count({ where: unitListWhere(context, args) }),
    resolve: (query, _root, args, context) =>
      context.prisma.unit.findMany({
        ...query,
        where: unitListWhere(context, args),
        orderBy: [{ path: 'asc' }, { id: 'asc' }],
      }),
  }),
);

function unitListWhere(
  context: Context,
  args: { search?: string | null; level?: string | null; includeMerged?: boolean | null },
) {
  const search = args.search?.trim();
  return {
    AND: [
      administeredUnits(context.viewer!),
      args.includeMerged ? {} : { mergedIntoId: null },
      args.level ? { level: args.level as never } : {},
      search
        ? {
            OR: [
              { name: { contains: search, mode: 'insensitive' as const } },
              { code: { contains: search, mode: 'insensitive' as const } },
            ],
          }
        : {},
    ],
  };
}

builder.queryField('adminUnit', (t) =>
  t.prismaField({
    type: AdminUnit,
    nullable: true,
    authScopes: adminOnly,
    description: 'A unit the administrator keeps (merged ones too), or null.',
    args: { id: t.arg.id() },
    resolve: (query, _root, { id }, context) =>
      context.prisma.unit.findFirst({
        ...query,
        where: { AND: [{ id: String(id) }, administeredUnits(context.viewer!)] },
      }),
  }),
);

const unitName = z.string().trim().min(1, 'adm.nameRequired').max(200, 'adm.nameRequired');
const unitCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'adm.codeFormat');

const CreateUnitInput = builder.inputType('CreateUnitInput', {
  fields: (t) => ({
    name: t.string({ validate: unitName }),
    code: t.string({ validate: unitCode }),
    level: t.field({ type: UnitLevel }),
    parentId: t.id(),
  }),
});

builder.mutationField('createUnit', (t) =>
  t.prismaField({
    type: AdminUnit,
    description: 'A new unit under a live unit the administrator keeps; its code must be free.',
    authScopes: adminOnly,
    errors: { types: adminErrors, directResult: true },
    args: { input: t.arg({ type: CreateUnitInput }) },
    resolve: async (query, _root, { input }, context) => {
      const unit = await createUnit(adminContext(context), {
        name: input.name.trim(),
        code: input.code.trim(),
        level: input.level,
        parentId: String(input.parentId),
      });
      return context.prisma.unit.findUniqueOrThrow({ ...query, where: { id: unit.id } });
    },
  }),
);

const UpdateUnitInput = builder.inputType('UpdateUnitInput', {
  description: 'What to change; fields left out stay as they are.',
  fields: (t) => ({
    id: t.id(),
    name: t.string({ required: false, validate: unitName }),
    code: t.string({ required: false, validate: unitCode }),
    level: t.field({ type: UnitLevel, required: false }),
  }),
});

builder.mutationField('updateUnit', (t) =>
  t.prismaField({
    type: AdminUnit,
    description: 'Renames a live unit, changes its code (must be free) or level.',
    authScopes: adminOnly,
    errors: { types: adminErrors, directResult: true },
    args: { input: t.arg({ type: UpdateUnitInput }) },
    resolve: async (query, _root, { input }, context) => {
      const unit = await updateUnit(adminContext(context), {
        id: String(input.id),
        name: input.name?.trim() ?? null,
        code: input.code?.trim() ?? null,
        level: input.level ?? null,
      });
      return context.prisma.unit.findUniqueOrThrow({ ...query, where: { id: unit.id } });
    },
  }),
);

const MoveUnitInput = builder.inputType('MoveUnitInput', {
  fields: (t) => ({ id: t.id(), parentId: t.id({ description: 'The new parent.' }) }),
});

builder.mutationField('moveUnit', (t) =>
  t.prismaField({
    type: AdminUnit,
    description:
      'Moves a live unit with its whole subtree under another live unit the administrator keeps; ' +
      'never under itself or its own subtree.',
    authScopes: adminOnly,
    errors: { types: adminErrors, directResult: true },
    args: { input: t.arg({ type: MoveUnitInput }) },
    resolve: async (query, _root, { input }, context) => {
      const unit = await moveUnit(adminContext(context), {
        id: String(input.id),
        parentId: String(input.parentId),
      });
      return context.prisma.unit.findUniqueOrThrow({ ...query, where: { id: unit.id } });
    },
  }),
);

const MergerPerson = builder.objectRef<MergerPreview['people'][number]>('MergerPerson').implement({
  description: 'A role on the merged unit that the successor gives the person too.',
  fields: (t) => ({
    userId: t.exposeID('userId'),
    name: t.exposeString('name'),
    role: t.field({ type: RoleEnum, resolve: (person) => person.role as never }),
    roleLabel: t.string({
      resolve: (person, _args, context) => translate(context.locale, `role.${person.role}`),
    }),
  }),
});

const MergerTask = builder.objectRef<MergerPreview['openTasks'][number]>('MergerTask').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    status: t.exposeString('status'),
    statusLabel: t.string({
      resolve: (task, _args, context) => translate(context.locale, `taskStatus.${task.status}`),
    }),
    dueDate: t.field({ type: 'Date', resolve: (task) => task.dueDate }),
  }),
});

const MergerPreviewType = builder.objectRef<MergerPreview>('MergerPreview').implement({
  description:
    'What a merger would move, read with the merger workflow’s own selection: open tasks and open ' +
    'corrective actions go to the successor, the people’s roles are given on it too; planned or ' +
    'running inspections stay with the merged unit.',
  fields: (t) => ({
    from: t.field({ type: AdminUnit, resolve: (preview) => preview.from }),
    to: t.field({ type: AdminUnit, resolve: (preview) => preview.to }),
    openTaskCount: t.exposeInt('openTaskCount'),
    openTasks: t.field({
      type: [MergerTask],
      description: 'The first 50 open tasks, soonest due first.',
      resolve: (preview) => preview.openTasks,
    }),
    openCorrectiveCount: t.exposeInt('openCorrectiveCount'),
    people: t.field({ type: [MergerPerson], resolve: (preview) => preview.people }),
    inspectionsStaying: t.exposeInt('inspectionsStaying'),
  }),
});

builder.queryField('unitMergerPreview', (t) =>
  t.field({
    type: MergerPreviewType,
    authScopes: adminOnly,
    description: 'Read-only: what merging `fromUnitId` into `toUnitId` would move, or why it is refused.',
    errors: { types: adminErrors, directResult: true },
    args: { fromUnitId: t.arg.id(), toUnitId: t.arg.id() },
    resolve: (_root, args, context) =>
      previewMerger(adminContext(context), {
        fromUnitId: String(args.fromUnitId),
        toUnitId: String(args.toUnitId),
      }),
  }),
);

const UnitMergerResult = builder
  .objectRef<{
    fromUnitId: string;
    toUnitId: string;
    tasksMoved: number;
    correctiveMoved: number;
    done: boolean;
  }>('UnitMerger')
  .implement({
    description: 'The merger workflow’s state when the answer was given; `done` once all work moved.',
    fields: (t) => ({
      fromUnitId: t.exposeID('fromUnitId'),
      toUnitId: t.exposeID('toUnitId'),
      tasksMoved: t.exposeInt('tasksMoved'),
      correctiveMoved: t.exposeInt('correctiveMoved'),
      done: t.exposeBoolean('done'),
    }),
  });

const MergeUnitsInput = builder.inputType('MergeUnitsInput', {
  fields: (t) => ({
    fromUnitId: t.id({ description: 'The unit merged (it keeps its history).' }),
    toUnitId: t.id({ description: 'The successor.' }),
    reason: t.string({
      validate: z.string().trim().min(1, 'adm.reasonRequired').max(500, 'adm.reasonRequired'),
    }),
  }),
});

builder.mutationField('mergeUnits', (t) =>
  t.field({
    type: UnitMergerResult,
    description:
      'Runs the merger workflow (one per merged unit: sending it again finds the first) and waits up ' +
      'to 20 s for it; the same checks as unitMergerPreview.',
    authScopes: adminOnly,
    errors: { types: [...adminErrors, ServiceUnavailableError], directResult: true },
    args: { input: t.arg({ type: MergeUnitsInput }) },
    resolve: (_root, { input }, context) =>
      mergeUnits(adminContext(context), {
        fromUnitId: String(input.fromUnitId),
        toUnitId: String(input.toUnitId),
        reason: input.reason.trim(),
      }),
  }),
);
