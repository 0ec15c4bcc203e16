import { z } from 'zod';
import { builder } from '../builder.ts';
import { reachesUnit, unitsInScope } from '../auth.ts';
import { PLANNING_ROLES, plansVisibleTo, tasksVisibleTo } from '../visibility.ts';
import { MAX_UNITS, limitError } from '../limits.ts';
import { createPlan, issuePlan } from '../services/plans.ts';
import { planProgress, unitById, type UnitProgressRow } from '../services/progress.ts';
import { commandErrors } from './common.ts';
import { UnitType } from './organisation.ts';

const PlanStatus = builder.enumType('PlanStatus', {
  values: ['DRAFT', 'ISSUED', 'ASSESSMENT', 'APPRAISAL', 'PUBLISHED', 'CLOSED'] as const,
});
const ReportingCadence = builder.enumType('ReportingCadence', {
  values: ['QUARTERLY', 'HALF_YEARLY'] as const,
});

const UnitProgress = builder.objectRef<UnitProgressRow>('UnitProgress').implement({
  description:
    "One assignee unit's tasks in a plan: weighted progress (0–100), completed and overdue counts.",
  fields: (t) => ({
    unit: t.field({ type: UnitType, resolve: (row, _args, context) => unitById(context, row.unitId) }),
    taskCount: t.exposeInt('taskCount', { description: 'Tasks that count: all but cancelled ones.' }),
    completed: t.exposeInt('completed'),
    overdue: t.exposeInt('overdue'),
    progress: t.exposeFloat('progress', {
      nullable: true,
      description: 'Weighted progress of the tasks that count, 0–100; null when none counts ("no data").',
    }),
  }),
});

builder.prismaObject('ReformPlan', {
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    year: t.exposeInt('year'),
    status: t.expose('status', { type: PlanStatus }),
    cadence: t.expose('cadence', { type: ReportingCadence }),
    issuingUnit: t.relation('issuingUnit', { type: UnitType }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    tasks: t.relatedConnection('tasks', {
      cursor: 'id',
      totalCount: true,
      query: (_args, context) => ({
        // Only the tasks the viewer may see: a commune head sees their commune's, not the plan's all.
        where: tasksVisibleTo(context.viewer!),
        orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
      }),
    }),
    unitProgress: t.field({
      type: [UnitProgress],
      description:
        'Completion per assignee unit, for the steering dashboard: only the units the viewer reaches, in tree order.',
      // One row per unit at most: bounded by the units of the tree (limits.ts MAX_UNITS).
      complexity: { field: 2, multiplier: MAX_UNITS },
      resolve: async (plan, _args, context) => (await planProgress(context, plan.id)).units,
    }),
    viewerCanAssign: t.boolean({
      description:
        'Whether the signed-in user may assign tasks in this plan (the committee of the issuing unit), ' +
        'so a client offers the form only where createTask can succeed.',
      select: { issuingUnit: { select: { id: true, path: true } } },
      resolve: (plan, _args, context) => reachesUnit(context.viewer!, plan.issuingUnit, PLANNING_ROLES),
    }),
    assignableUnits: t.prismaField({
      type: ['Unit'],
      description:
        'Live units the signed-in user may assign this plan’s tasks to: the issuing unit’s tree within ' +
        `their reach, in tree order; empty when they may not assign. At most ${MAX_UNITS}.`,
      complexity: { field: 1, multiplier: MAX_UNITS },
      select: { issuingUnit: { select: { id: true, path: true } } },
      resolve: async (query, plan, _args, context) => {
        const viewer = context.viewer!;
        if (!reachesUnit(viewer, plan.issuingUnit, PLANNING_ROLES)) return [];
        const units = await context.prisma.unit.findMany({
          ...query,
          where: {
            AND: [
              unitsInScope(viewer, PLANNING_ROLES),
              { path: { startsWith: plan.issuingUnit.path } },
              { mergedIntoId: null },
            ],
          },
          orderBy: [{ path: 'asc' }],
          take: MAX_UNITS + 1,
        });
        if (units.length > MAX_UNITS) {
          throw limitError(context.locale, 'LIST_TOO_LONG', 'limits.tooManyUnits', { max: MAX_UNITS });
        }
        return units;
      },
    }),
    issuingDone: t.exposeInt('issuingDone', {
      description: 'Task workflows started so far while the plan is being issued.',
    }),
    issuingTotal: t.exposeInt('issuingTotal', { description: 'Task workflows to start when issuing.' }),
    completion: t.float({
      nullable: true,
      description:
        'Weighted progress (by task weight) of the plan’s tasks assigned to units the viewer reaches, ' +
        'cancelled ones left out, 0–100; null when no task counts ("no data").',
      complexity: 2,
      resolve: async (plan, _args, context) => (await planProgress(context, plan.id)).completion,
    }),
  }),
});

builder.queryField('plans', (t) =>
  t.prismaConnection({
    type: 'ReformPlan',
    cursor: 'id',
    authScopes: { authenticated: true },
    description:
      'Reform plans the signed-in user may see, newest year first; pages of `first` (default 50, at most 200).',
    totalCount: (_parent, _args, context) =>
      context.prisma.reformPlan.count({ where: plansVisibleTo(context.viewer!) }),
    resolve: (query, _root, _args, context) =>
      context.prisma.reformPlan.findMany({
        ...query,
        where: plansVisibleTo(context.viewer!),
        orderBy: [{ year: 'desc' }, { createdAt: 'desc' }, { id: 'asc' }],
      }),
  }),
);

builder.queryField('plan', (t) =>
  t.prismaField({
    type: 'ReformPlan',
    nullable: true,
    authScopes: { authenticated: true },
    args: { id: t.arg.id() },
    resolve: (query, _root, { id }, context) =>
      context.prisma.reformPlan.findFirst({
        ...query,
        where: { AND: [{ id: String(id) }, plansVisibleTo(context.viewer!)] },
      }),
  }),
);

const CreatePlanInput = builder.inputType('CreatePlanInput', {
  fields: (t) => ({
    requestId: t.string({
      required: false,
      description: 'A UUID chosen by the client; sending the same request again returns the same plan.',
      validate: z.string().uuid('input.requestId'),
    }),
    title: t.string({ validate: z.string().trim().min(1, 'input.required').max(300, 'input.tooLong') }),
    year: t.int({ validate: z.number().int().min(2020, 'input.year').max(2100, 'input.year') }),
    issuingUnitId: t.id(),
    cadence: t.field({ type: ReportingCadence, defaultValue: 'QUARTERLY' }),
  }),
});

builder.mutationField('createPlan', (t) =>
  t.prismaField({
    type: 'ReformPlan',
    description: 'Creates a DRAFT reform plan with its reporting periods.',
    authScopes: { steering: true },
    errors: { types: commandErrors, directResult: true },
    args: { input: t.arg({ type: CreatePlanInput }) },
    resolve: async (query, _root, { input }, context) => {
      const plan = await createPlan(
        { ...context, viewer: context.viewer! },
        {
          ...input,
          issuingUnitId: String(input.issuingUnitId),
          cadence: input.cadence ?? 'QUARTERLY',
        },
      );
      return context.prisma.reformPlan.findUniqueOrThrow({ ...query, where: { id: plan.id } });
    },
  }),
);

builder.mutationField('issuePlan', (t) =>
  t.prismaField({
    type: 'ReformPlan',
    description:
      'Issues a DRAFT plan: its tasks reach their units, each carried by its own workflow. ' +
      'issuingDone / issuingTotal follow the fan-out.',
    authScopes: { steering: true },
    errors: { types: commandErrors, directResult: true },
    args: { planId: t.arg.id() },
    resolve: async (query, _root, { planId }, context) => {
      const id = await issuePlan({ ...context, viewer: context.viewer! }, String(planId));
      return context.prisma.reformPlan.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
