import { z } from 'zod';
import { builder } from '../builder.ts';
import { reachesUnit, unitsInScope } from '../auth.ts';
import { PLANNING_ROLES, plansVisibleTo, tasksVisibleTo } from '../visibility.ts';
import { MAX_UNITS, limitError } from '../limits.ts';
import { isCalendarDate } from '../../../workflows/src/calendar.ts';
import {
  PREVIEW_UNITS,
  advancePlanPhase,
  bulkAssignPreview,
  bulkAssignTasks,
  createPlan,
  deleteDraftTask,
  issuePlan,
  nextPlanPhase,
  planSchedule,
  schedulePlanPhases,
  updateDraftPlan,
  updateDraftTask,
} from '../services/plans.ts';
import { planProgress, unitById, type UnitProgressRow } from '../services/progress.ts';
import { commandErrors } from './common.ts';
import { UnitLevel, UnitType } from './organisation.ts';

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

const PhaseScheduleType = builder
  .objectRef<{ assessmentOpens: string; appraisalOpens: string; publishedOn: string; closesOn: string }>(
    'PhaseSchedule',
  )
  .implement({
    description:
      'The day each year-end phase begins (Vietnam time, at midnight): self-assessment, appraisal, ' +
      'publication of the scores, close.',
    fields: (t) => ({
      assessmentOpens: t.string({ description: 'YYYY-MM-DD', resolve: (s) => s.assessmentOpens }),
      appraisalOpens: t.string({ description: 'YYYY-MM-DD', resolve: (s) => s.appraisalOpens }),
      publishedOn: t.string({ description: 'YYYY-MM-DD', resolve: (s) => s.publishedOn }),
      closesOn: t.string({ description: 'YYYY-MM-DD', resolve: (s) => s.closesOn }),
    }),
  });

/** Plans whose fan-out is running: the rows already started count, not the last batch's figure. */
async function issuingFigures(
  plan: { id: string; status: string; issuingDone: number; issuingTotal: number },
  context: { prisma: import('../context.ts').Context['prisma'] },
) {
  if (plan.status === 'DRAFT') return { done: 0, total: 0 };
  if (plan.issuingDone >= plan.issuingTotal) return { done: plan.issuingDone, total: plan.issuingTotal };
  const started = await context.prisma.task.count({
    where: { planId: plan.id, workflowStartedAt: { not: null } },
  });
  const done = Math.max(started, plan.issuingDone);
  return { done, total: Math.max(plan.issuingTotal, done) };
}

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
        'Whether the signed-in user may assign tasks in this plan (the committee of the issuing unit, ' +
        'while the plan is DRAFT or ISSUED), ' +
        'so a client offers the form only where createTask can succeed.',
      select: { status: true, issuingUnit: { select: { id: true, path: true } } },
      resolve: (plan, _args, context) =>
        (plan.status === 'DRAFT' || plan.status === 'ISSUED') &&
        reachesUnit(context.viewer!, plan.issuingUnit, PLANNING_ROLES),
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
    issuingDone: t.int({
      description:
        'Task workflows started so far while the plan is being issued (counted from the tasks while the ' +
        'fan-out runs); 0 for a DRAFT.',
      select: { id: true, status: true, issuingDone: true, issuingTotal: true },
      resolve: async (plan, _args, context) => (await issuingFigures(plan, context)).done,
    }),
    issuingTotal: t.int({
      description: 'Task workflows to start when issuing; 0 for a DRAFT (nothing is being issued yet).',
      select: { id: true, status: true, issuingDone: true, issuingTotal: true },
      resolve: async (plan, _args, context) => (await issuingFigures(plan, context)).total,
    }),
    schedule: t.field({
      type: PhaseScheduleType,
      description: 'When each year-end phase begins; the committee moves the dates with schedulePlanPhases.',
      select: {
        year: true,
        assessmentOpens: true,
        assessmentCloses: true,
        appraisalCloses: true,
        closesOn: true,
      },
      resolve: (plan) => planSchedule(plan),
    }),
    nextPhase: t.field({
      type: PlanStatus,
      nullable: true,
      description:
        'The phase advancePlanPhase moves an issued plan to; null for a DRAFT (issue it) or CLOSED.',
      select: { status: true },
      resolve: (plan) => nextPlanPhase(plan.status),
    }),
    viewerCanEdit: t.boolean({
      description:
        'Whether the signed-in user is the plan’s editor (STEERING reaching the issuing unit): edits a ' +
        'DRAFT’s tasks and title, bulk-assigns, issues, moves the phase dates and advances the phase.',
      select: { issuingUnit: { select: { id: true, path: true } } },
      resolve: (plan, _args, context) => reachesUnit(context.viewer!, plan.issuingUnit, PLANNING_ROLES),
    }),
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

// A date that exists: '2027-02-30' would otherwise be stored as 2027-03-02.
const isoDate = z.string().refine(isCalendarDate, 'input.date');
const titleSchema = z.string().trim().min(1, 'input.required').max(300, 'input.tooLong');

const UpdateDraftTaskInput = builder.inputType('UpdateDraftTaskInput', {
  description: 'A draft task’s fields to change; those left out (or null) stay as they are.',
  fields: (t) => ({
    taskId: t.id(),
    title: t.string({ required: false, validate: titleSchema }),
    description: t.string({ required: false, validate: z.string().max(5000, 'input.tooLong') }),
    areaId: t.id({ required: false }),
    assigneeUnitId: t.id({ required: false }),
    dueDate: t.string({ required: false, description: 'YYYY-MM-DD; today or later.', validate: isoDate }),
    weight: t.int({
      required: false,
      validate: z.number().int().min(1, 'input.weight').max(10, 'input.weight'),
    }),
    indicatorTarget: t.string({
      required: false,
      description: 'An empty text removes the target.',
      validate: z.string().max(300, 'input.tooLong'),
    }),
  }),
});

builder.mutationField('updateDraftTask', (t) =>
  t.prismaField({
    type: 'Task',
    description:
      'Edits a task of a DRAFT plan (the committee of the issuing unit), with the checks of createTask. ' +
      'Once the plan is issued: CommandRejectedError PlanWrongStatus.',
    authScopes: { steering: true },
    errors: { types: commandErrors, directResult: true },
    args: { input: t.arg({ type: UpdateDraftTaskInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await updateDraftTask(
        { ...context, viewer: context.viewer! },
        {
          ...input,
          taskId: String(input.taskId),
          areaId: input.areaId == null ? null : String(input.areaId),
          assigneeUnitId: input.assigneeUnitId == null ? null : String(input.assigneeUnitId),
        },
      );
      return context.prisma.task.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('deleteDraftTask', (t) =>
  t.prismaField({
    type: 'ReformPlan',
    description:
      'Deletes a task of a DRAFT plan and returns the plan. Once the plan is issued: PlanWrongStatus.',
    authScopes: { steering: true },
    errors: { types: commandErrors, directResult: true },
    args: { taskId: t.arg.id() },
    resolve: async (query, _root, { taskId }, context) => {
      const id = await deleteDraftTask({ ...context, viewer: context.viewer! }, String(taskId));
      return context.prisma.reformPlan.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

const UpdateDraftPlanInput = builder.inputType('UpdateDraftPlanInput', {
  fields: (t) => ({
    planId: t.id(),
    title: t.string({ required: false, validate: titleSchema }),
    cadence: t.field({
      type: ReportingCadence,
      required: false,
      description: 'A new cadence rewrites the reporting periods.',
    }),
  }),
});

builder.mutationField('updateDraftPlan', (t) =>
  t.prismaField({
    type: 'ReformPlan',
    description: 'Edits a DRAFT plan’s title or reporting cadence.',
    authScopes: { steering: true },
    errors: { types: commandErrors, directResult: true },
    args: { input: t.arg({ type: UpdateDraftPlanInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await updateDraftPlan(
        { ...context, viewer: context.viewer! },
        { planId: String(input.planId), title: input.title ?? null, cadence: input.cadence ?? null },
      );
      return context.prisma.reformPlan.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

const BulkAssignTasksInput = builder.inputType('BulkAssignTasksInput', {
  description: 'One task template for every live unit of `level` under `parentUnitId`.',
  fields: (t) => ({
    requestId: t.string({
      required: false,
      description:
        'A UUID chosen by the client when the preview is shown; sending the same request again creates ' +
        'the same tasks once.',
      validate: z.string().uuid('input.requestId'),
    }),
    planId: t.id(),
    parentUnitId: t.id(),
    level: t.field({ type: UnitLevel }),
    areaId: t.id(),
    title: t.string({ validate: titleSchema }),
    description: t.string({ required: false, validate: z.string().max(5000, 'input.tooLong') }),
    dueDate: t.string({ description: 'YYYY-MM-DD; today or later.', validate: isoDate }),
    weight: t.int({
      required: false,
      validate: z.number().int().min(1, 'input.weight').max(10, 'input.weight'),
    }),
    indicatorTarget: t.string({ required: false, validate: z.string().max(300, 'input.tooLong') }),
  }),
});

const bulkInput = (input: typeof BulkAssignTasksInput.$inferInput) => ({
  ...input,
  planId: String(input.planId),
  parentUnitId: String(input.parentUnitId),
  areaId: String(input.areaId),
});

const BulkAssignPreview = builder
  .objectRef<{
    count: number;
    units: Awaited<ReturnType<typeof bulkAssignPreview>>['units'];
    alreadyAssigned: number;
  }>('BulkAssignPreview')
  .implement({
    description: 'What bulkAssignTasks would create; nothing is written.',
    fields: (t) => ({
      count: t.exposeInt('count', { description: 'Tasks it would create: one per unit.' }),
      units: t.field({
        type: [UnitType],
        description: `The first ${PREVIEW_UNITS} of those units, in tree order.`,
        complexity: { field: 1, multiplier: PREVIEW_UNITS },
        resolve: (preview) => preview.units,
      }),
      alreadyAssigned: t.exposeInt('alreadyAssigned', {
        description: 'Of those units, how many already have an open task of that title in the plan.',
      }),
    }),
  });

builder.queryField('bulkAssignPreview', (t) =>
  t.field({
    type: BulkAssignPreview,
    description:
      'How many tasks bulkAssignTasks would create, and for which units, after the same checks; writes nothing.',
    authScopes: { steering: true },
    errors: { types: commandErrors, directResult: true },
    args: { input: t.arg({ type: BulkAssignTasksInput }) },
    resolve: (_root, { input }, context) =>
      bulkAssignPreview({ ...context, viewer: context.viewer! }, bulkInput(input)),
  }),
);

const BulkAssignment = builder.objectRef<{ planId: string; count: number }>('BulkAssignment').implement({
  fields: (t) => ({
    count: t.exposeInt('count', { description: 'Tasks created.' }),
    plan: t.prismaField({
      type: 'ReformPlan',
      resolve: (query, result, _args, context) =>
        context.prisma.reformPlan.findUniqueOrThrow({ ...query, where: { id: result.planId } }),
    }),
  }),
});

builder.mutationField('bulkAssignTasks', (t) =>
  t.field({
    type: BulkAssignment,
    description:
      'Gives one task template to every live unit of a level under a parent, through the plan workflow ' +
      '(DRAFT or ISSUED plans; an issued plan starts the new tasks’ workflows at once).',
    authScopes: { steering: true },
    errors: { types: commandErrors, directResult: true },
    args: { input: t.arg({ type: BulkAssignTasksInput }) },
    resolve: (_root, { input }, context) =>
      bulkAssignTasks({ ...context, viewer: context.viewer! }, bulkInput(input)),
  }),
);

const SchedulePlanPhasesInput = builder.inputType('SchedulePlanPhasesInput', {
  description: 'The phase dates to move (YYYY-MM-DD); those left out stay. They must follow one another.',
  fields: (t) => ({
    planId: t.id(),
    assessmentOpens: t.string({ required: false, validate: isoDate }),
    appraisalOpens: t.string({ required: false, validate: isoDate }),
    publishedOn: t.string({ required: false, validate: isoDate }),
    closesOn: t.string({ required: false, validate: isoDate }),
  }),
});

builder.mutationField('schedulePlanPhases', (t) =>
  t.prismaField({
    type: 'ReformPlan',
    description:
      'Moves the year-end phase dates through the plan workflow: in order, not in the past, not a phase ' +
      'already begun.',
    authScopes: { steering: true },
    errors: { types: commandErrors, directResult: true },
    args: { input: t.arg({ type: SchedulePlanPhasesInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await schedulePlanPhases(
        { ...context, viewer: context.viewer! },
        { ...input, planId: String(input.planId) },
      );
      return context.prisma.reformPlan.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

const AdvancePlanPhaseInput = builder.inputType('AdvancePlanPhaseInput', {
  fields: (t) => ({
    planId: t.id(),
    from: t.field({
      type: PlanStatus,
      description: 'The phase the plan is in as the client saw it: a double click does not skip a phase.',
    }),
  }),
});

builder.mutationField('advancePlanPhase', (t) =>
  t.prismaField({
    type: 'ReformPlan',
    description: 'Moves an issued plan to its next phase now (ISSUED → ASSESSMENT → … → CLOSED).',
    authScopes: { steering: true },
    errors: { types: commandErrors, directResult: true },
    args: { input: t.arg({ type: AdvancePlanPhaseInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await advancePlanPhase(
        { ...context, viewer: context.viewer! },
        { planId: String(input.planId), from: input.from },
      );
      return context.prisma.reformPlan.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
