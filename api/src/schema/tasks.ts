import { z } from 'zod';
import { isCalendarDate } from '../../../workflows/src/calendar.ts';
import { builder } from '../builder.ts';
import { tasksVisibleTo } from '../visibility.ts';
import {
  acceptTask,
  cancelTask,
  createTask,
  decideTaskExtension,
  reassignTask,
  reportProgress,
  requestTaskExtension,
  reviewTask,
  submitTask,
} from '../services/tasks.ts';
import { taskActionsFor, type TaskAction } from '../services/task-actions.ts';
import { taskFilterOf, taskListWhere } from '../services/task-list.ts';
import { commandErrors } from './common.ts';
import { UnitType } from './organisation.ts';
import { EvidenceType } from '../evidence/schema.ts';

const TaskStatus = builder.enumType('TaskStatus', {
  values: [
    'ASSIGNED',
    'ACCEPTED',
    'IN_PROGRESS',
    'SUBMITTED',
    'RETURNED',
    'COMPLETED',
    'CANCELLED',
    // The plan closed while the task was open (docs/plan-closing.md).
    'NOT_COMPLETED',
  ] as const,
});

export const ReviewOutcome = builder.enumType('ReviewOutcome', { values: ['ACCEPTED', 'RETURNED'] as const });

builder.prismaObject('ProgressReport', {
  fields: (t) => ({
    id: t.exposeID('id'),
    percent: t.exposeInt('percent'),
    indicatorValue: t.exposeString('indicatorValue', { nullable: true }),
    note: t.exposeString('note'),
    authorName: t.string({
      select: { author: { select: { name: true } } },
      resolve: (report) => report.author.name,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    isCompletion: t.exposeBoolean('isCompletion', {
      description: 'The report the task was submitted for review with.',
    }),
    reviewOutcome: t.expose('reviewOutcome', {
      type: ReviewOutcome,
      nullable: true,
      description: 'The committee’s decision on a submitted report; null while waiting or for other reports.',
    }),
    reviewReason: t.exposeString('reviewReason', {
      nullable: true,
      description: 'Why the committee returned the report (or what it said when accepting it).',
    }),
    reviewedAt: t.expose('reviewedAt', { type: 'DateTime', nullable: true }),
    evidence: t.relation('evidence', {
      type: EvidenceType,
      description: 'The files attached to this report, in the order they were received.',
      query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    }),
  }),
});

interface PendingExtensionShape {
  requestedDueDate: Date;
  reason: string;
  createdAt: Date;
}

export const PendingExtension = builder.objectRef<PendingExtensionShape>('PendingExtension').implement({
  description: 'An extension request waiting for the committee’s decision.',
  fields: (t) => ({
    requestedDueDate: t.expose('requestedDueDate', { type: 'Date' }),
    reason: t.exposeString('reason'),
    requestedAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const TASK_ACTIONS = [
  'accept',
  'report',
  'submit',
  'review',
  'requestExtension',
  'decideExtension',
  'reassign',
  'cancel',
] as const satisfies readonly TaskAction[];

const TaskActions = builder.objectRef<Record<TaskAction, boolean>>('TaskActions').implement({
  description:
    'Which commands the signed-in user can send to the task now (their roles, its status, a waiting ' +
    'extension request): the buttons to show. The API checks again when a command comes.',
  fields: (t) => Object.fromEntries(TASK_ACTIONS.map((action) => [action, t.exposeBoolean(action)])),
});

const pendingExtensionSelect = {
  extensions: {
    where: { status: 'REQUESTED' as const },
    orderBy: { createdAt: 'desc' as const },
    take: 1,
    select: { requestedDueDate: true, reason: true, createdAt: true },
  },
};

builder.prismaObject('Task', {
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    description: t.exposeString('description'),
    status: t.expose('status', { type: TaskStatus }),
    progress: t.exposeInt('progress'),
    weight: t.exposeInt('weight'),
    dueDate: t.expose('dueDate', { type: 'Date' }),
    indicatorTarget: t.exposeString('indicatorTarget', { nullable: true }),
    plan: t.relation('plan'),
    area: t.relation('area'),
    assigneeUnit: t.relation('assigneeUnit', { type: UnitType }),
    responsibleName: t.string({
      nullable: true,
      description: 'The official the unit named to carry the task out, once it is accepted.',
      select: { responsibleUser: { select: { name: true } } },
      resolve: (task) => task.responsibleUser?.name ?? null,
    }),
    pendingExtension: t.field({
      type: PendingExtension,
      nullable: true,
      description: 'The extension request waiting for a decision, if any (none once the task is closed).',
      select: { ...pendingExtensionSelect, status: true },
      resolve: (task) =>
        task.status === 'COMPLETED' || task.status === 'CANCELLED' ? null : (task.extensions[0] ?? null),
    }),
    viewerCan: t.field({
      type: TaskActions,
      select: {
        ...pendingExtensionSelect,
        status: true,
        assigneeUnit: { select: { id: true, path: true } },
        plan: { select: { status: true, issuingUnit: { select: { id: true, path: true } } } },
      },
      resolve: (task, _args, context) => taskActionsFor(context.viewer!, task, task.extensions.length > 0),
    }),
    evidence: t.relation('evidence', {
      type: EvidenceType,
      description:
        'Evidence files uploaded for the task: those attached to its reports, and the signed-in user’s own ' +
        'not yet attached; newest first, at most 200.',
      query: (_args, context) => ({
        where: { OR: [{ progressReportId: { not: null } }, { uploadedById: context.viewer?.id ?? '' }] },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: 200,
      }),
    }),
    reports: t.relatedConnection('reports', {
      cursor: 'id',
      totalCount: true,
      description: 'Progress reports, newest first; pages of `first` (default 50, at most 200).',
      query: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] },
    }),
  }),
});

const TaskFilter = builder.inputType('TaskFilter', {
  description:
    'Narrows the `tasks` list; every given field must match. An unknown unit, plan or area, or a unit ' +
    'the signed-in user does not reach, gives no tasks.',
  fields: (t) => ({
    planId: t.id({ required: false }),
    areaId: t.id({ required: false }),
    unitId: t.id({ required: false, description: 'The unit and every unit under it.' }),
    status: t.field({
      type: [TaskStatus],
      required: false,
      description: 'Any of these statuses (closed ones included when named here).',
    }),
    overdue: t.boolean({
      required: false,
      description:
        'True: due before today (Vietnam time) and not COMPLETED, CANCELLED or NOT_COMPLETED; false: the others.',
    }),
    dueFrom: t.string({ required: false, description: 'YYYY-MM-DD: due on or after this day.' }),
    dueTo: t.string({ required: false, description: 'YYYY-MM-DD: due on or before this day.' }),
  }),
});

builder.queryField('tasks', (t) =>
  t.prismaConnection({
    type: 'Task',
    cursor: 'id',
    authScopes: { authenticated: true },
    description:
      'Open tasks of issued plans the signed-in user sees, soonest due first, narrowed by `filter` ' +
      '(closed ones too with `includeClosed` or a `status` filter); pages of `first` (default 50, at ' +
      'most 200), `totalCount` counts them all. A bad filter is refused with BAD_USER_INPUT ' +
      '(`extensions.field` names it).',
    args: {
      includeClosed: t.arg.boolean({ required: false }),
      filter: t.arg({ type: TaskFilter, required: false }),
    },
    totalCount: async (_parent, { includeClosed, filter }, context) =>
      context.prisma.task.count({ where: await taskListWhere(context, taskFilterOf(filter), includeClosed) }),
    resolve: async (query, _root, { includeClosed, filter }, context) =>
      context.prisma.task.findMany({
        ...query,
        where: await taskListWhere(context, taskFilterOf(filter), includeClosed),
        orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
      }),
  }),
);

builder.queryField('task', (t) =>
  t.prismaField({
    type: 'Task',
    nullable: true,
    authScopes: { authenticated: true },
    args: { id: t.arg.id() },
    resolve: (query, _root, { id }, context) =>
      context.prisma.task.findFirst({
        ...query,
        where: { AND: [{ id: String(id) }, tasksVisibleTo(context.viewer!)] },
      }),
  }),
);

// A date that exists: '2027-02-30' would otherwise be stored as 2027-03-02.
const isoDate = z.string().refine(isCalendarDate, 'input.date');

const CreateTaskInput = builder.inputType('CreateTaskInput', {
  fields: (t) => ({
    requestId: t.string({
      required: false,
      description: 'A UUID chosen by the client; sending the same request again creates nothing new.',
      validate: z.string().uuid('input.requestId'),
    }),
    planId: t.id(),
    areaId: t.id(),
    assigneeUnitId: t.id(),
    title: t.string({ validate: z.string().trim().min(1, 'input.required').max(300, 'input.tooLong') }),
    description: t.string({ required: false, validate: z.string().max(5000, 'input.tooLong') }),
    dueDate: t.string({ description: 'YYYY-MM-DD; today or later.', validate: isoDate }),
    weight: t.int({
      required: false,
      validate: z.number().int().min(1, 'input.weight').max(10, 'input.weight'),
    }),
    indicatorTarget: t.string({ required: false, validate: z.string().max(300, 'input.tooLong') }),
  }),
});

builder.mutationField('createTask', (t) =>
  t.prismaField({
    type: 'Task',
    description: 'Assigns a task to a unit and starts its workflow.',
    authScopes: { steering: true },
    errors: { types: commandErrors, directResult: true },
    args: { input: t.arg({ type: CreateTaskInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await createTask(
        { ...context, viewer: context.viewer! },
        {
          ...input,
          planId: String(input.planId),
          areaId: String(input.areaId),
          assigneeUnitId: String(input.assigneeUnitId),
        },
      );
      return context.prisma.task.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

const ReportProgressInput = builder.inputType('ReportProgressInput', {
  fields: (t) => ({
    requestId: t.string({
      required: false,
      description:
        'A UUID chosen by the client for this report (one per form); sending it again records nothing new.',
      validate: z.string().uuid('input.requestId'),
    }),
    taskId: t.id(),
    percent: t.int({ validate: z.number().int().min(0, 'input.percent').max(100, 'input.percent') }),
    indicatorValue: t.string({ required: false, validate: z.string().max(300, 'input.tooLong') }),
    note: t.string({ required: false, validate: z.string().max(5000, 'input.tooLong') }),
    reason: t.string({
      required: false,
      description: 'Why progress went down, when it did.',
      validate: z.string().max(2000, 'input.tooLong'),
    }),
    evidenceIds: t.idList({
      required: false,
      description:
        'Evidence files to attach (IDs from POST /evidence): the signed-in user’s own uploads for this task, ' +
        'not yet attached to a report; at most 10.',
      validate: z.array(z.string()).max(10, 'evidence.tooManyIds'),
    }),
  }),
});

builder.mutationField('reportProgress', (t) =>
  t.prismaField({
    type: 'Task',
    description: 'A unit head or staff member reports progress on a task of their unit.',
    authScopes: { reporter: true },
    errors: { types: commandErrors, directResult: true },
    args: { input: t.arg({ type: ReportProgressInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await reportProgress(
        { ...context, viewer: context.viewer! },
        { ...input, taskId: String(input.taskId), evidenceIds: input.evidenceIds?.map(String) ?? null },
      );
      return context.prisma.task.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

const requestIdField = (t: Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0]) =>
  t.string({
    required: false,
    description: 'A UUID chosen by the client per form; sending the same request again does nothing new.',
    validate: z.string().uuid('input.requestId'),
  });
const reasonSchema = z.string().trim().min(1, 'input.reasonMissing').max(2000, 'input.reasonMissing');

const AcceptTaskInput = builder.inputType('AcceptTaskInput', {
  fields: (t) => ({
    requestId: requestIdField(t),
    taskId: t.id(),
    responsibleUserId: t.id({
      required: false,
      description:
        'The official who carries the task out: a head or staff member of the assignee unit; the head ' +
        'accepting it when left out.',
    }),
  }),
});

const SubmitTaskInput = builder.inputType('SubmitTaskInput', {
  fields: (t) => ({
    requestId: requestIdField(t),
    taskId: t.id(),
    note: t.string({
      description: 'What was done: the committee reviews the task on it.',
      validate: z.string().trim().min(1, 'input.required').max(5000, 'input.tooLong'),
    }),
    indicatorValue: t.string({ required: false, validate: z.string().max(300, 'input.tooLong') }),
  }),
});

const ReviewDecision = builder.enumType('ReviewDecision', { values: ['ACCEPT', 'RETURN'] as const });

const ReviewTaskInput = builder.inputType('ReviewTaskInput', {
  fields: (t) => ({
    requestId: requestIdField(t),
    taskId: t.id(),
    decision: t.field({ type: ReviewDecision }),
    reason: t.string({
      required: false,
      description: 'Why the task goes back to the unit: required with RETURN.',
      validate: z.string().max(2000, 'input.reasonMissing'),
    }),
  }),
});

const RequestTaskExtensionInput = builder.inputType('RequestTaskExtensionInput', {
  fields: (t) => ({
    requestId: requestIdField(t),
    taskId: t.id(),
    newDueDate: t.string({
      description: 'YYYY-MM-DD; later than the current due date, within the plan’s year.',
      validate: isoDate,
    }),
    reason: t.string({ validate: reasonSchema }),
  }),
});

const DecideTaskExtensionInput = builder.inputType('DecideTaskExtensionInput', {
  fields: (t) => ({
    requestId: requestIdField(t),
    taskId: t.id(),
    grant: t.boolean({ description: 'True moves the due date to the requested one.' }),
    reason: t.string({ required: false, validate: z.string().max(2000, 'input.reasonMissing') }),
  }),
});

const ReassignTaskInput = builder.inputType('ReassignTaskInput', {
  fields: (t) => ({
    requestId: requestIdField(t),
    taskId: t.id(),
    assigneeUnitId: t.id({
      description: 'A live unit of the plan’s issuing tree, other than the current one.',
    }),
    reason: t.string({ validate: reasonSchema }),
  }),
});

const CancelTaskInput = builder.inputType('CancelTaskInput', {
  fields: (t) => ({
    requestId: requestIdField(t),
    taskId: t.id(),
    reason: t.string({ validate: reasonSchema }),
  }),
});

builder.mutationField('acceptTask', (t) =>
  t.prismaField({
    type: 'Task',
    description: 'The head of the assignee unit accepts an ASSIGNED task, naming who carries it out.',
    authScopes: { unitHead: true },
    errors: { types: commandErrors, directResult: true },
    args: { input: t.arg({ type: AcceptTaskInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await acceptTask(
        { ...context, viewer: context.viewer! },
        {
          ...input,
          taskId: String(input.taskId),
          responsibleUserId: input.responsibleUserId == null ? null : String(input.responsibleUserId),
        },
      );
      return context.prisma.task.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('submitTask', (t) =>
  t.prismaField({
    type: 'Task',
    description: 'The head of the assignee unit submits the finished task for the committee’s review.',
    authScopes: { unitHead: true },
    errors: { types: commandErrors, directResult: true },
    args: { input: t.arg({ type: SubmitTaskInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await submitTask(
        { ...context, viewer: context.viewer! },
        { ...input, taskId: String(input.taskId) },
      );
      return context.prisma.task.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('reviewTask', (t) =>
  t.prismaField({
    type: 'Task',
    description: 'The committee accepts a SUBMITTED task (COMPLETED) or returns it with a reason (RETURNED).',
    authScopes: { steering: true },
    errors: { types: commandErrors, directResult: true },
    args: { input: t.arg({ type: ReviewTaskInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await reviewTask(
        { ...context, viewer: context.viewer! },
        { ...input, taskId: String(input.taskId) },
      );
      return context.prisma.task.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('requestTaskExtension', (t) =>
  t.prismaField({
    type: 'Task',
    description: 'The head of the assignee unit asks for a later due date, with a reason.',
    authScopes: { unitHead: true },
    errors: { types: commandErrors, directResult: true },
    args: { input: t.arg({ type: RequestTaskExtensionInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await requestTaskExtension(
        { ...context, viewer: context.viewer! },
        { ...input, taskId: String(input.taskId) },
      );
      return context.prisma.task.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('decideTaskExtension', (t) =>
  t.prismaField({
    type: 'Task',
    description: 'The committee grants (the due date moves) or refuses the waiting extension request.',
    authScopes: { steering: true },
    errors: { types: commandErrors, directResult: true },
    args: { input: t.arg({ type: DecideTaskExtensionInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await decideTaskExtension(
        { ...context, viewer: context.viewer! },
        { ...input, taskId: String(input.taskId) },
      );
      return context.prisma.task.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('reassignTask', (t) =>
  t.prismaField({
    type: 'Task',
    description: 'The committee (or the administrator) moves an open task to another unit, with a reason.',
    authScopes: { reassigner: true },
    errors: { types: commandErrors, directResult: true },
    args: { input: t.arg({ type: ReassignTaskInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await reassignTask(
        { ...context, viewer: context.viewer! },
        { ...input, taskId: String(input.taskId), assigneeUnitId: String(input.assigneeUnitId) },
      );
      return context.prisma.task.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('cancelTask', (t) =>
  t.prismaField({
    type: 'Task',
    description: 'The committee cancels an open task, with a reason.',
    authScopes: { steering: true },
    errors: { types: commandErrors, directResult: true },
    args: { input: t.arg({ type: CancelTaskInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await cancelTask(
        { ...context, viewer: context.viewer! },
        { ...input, taskId: String(input.taskId) },
      );
      return context.prisma.task.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
