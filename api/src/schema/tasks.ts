import { z } from 'zod';
import { isCalendarDate } from '../../../workflows/src/calendar.ts';
import { builder } from '../builder.ts';
import type { Prisma } from '../../../prisma/client.ts';
import { unitsInScope, type Viewer } from '../auth.ts';
import { tasksVisibleTo } from '../visibility.ts';
import { createTask, reportProgress } from '../services/tasks.ts';
import { commandErrors } from './common.ts';
import { UnitType } from './organisation.ts';

const TaskStatus = builder.enumType('TaskStatus', {
  values: ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED', 'RETURNED', 'COMPLETED', 'CANCELLED'] as const,
});

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
  }),
});

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
    reports: t.relatedConnection('reports', {
      cursor: 'id',
      totalCount: true,
      description: 'Progress reports, newest first; pages of `first` (default 50, at most 200).',
      query: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] },
    }),
  }),
});

/** The `tasks` list: tasks of issued plans assigned to units the viewer reaches. */
const myTasks = (viewer: Viewer, includeClosed?: boolean | null): Prisma.TaskWhereInput => ({
  assigneeUnit: unitsInScope(viewer),
  plan: { status: { not: 'DRAFT' as const } },
  ...(includeClosed ? {} : { status: { notIn: ['COMPLETED' as const, 'CANCELLED' as const] } }),
});

builder.queryField('tasks', (t) =>
  t.prismaConnection({
    type: 'Task',
    cursor: 'id',
    authScopes: { authenticated: true },
    description:
      'Open tasks of issued plans assigned to the units the signed-in user reaches, soonest due first; ' +
      'pages of `first` (default 50, at most 200), `totalCount` counts them all.',
    args: { includeClosed: t.arg.boolean({ required: false }) },
    totalCount: (_parent, { includeClosed }, context) =>
      context.prisma.task.count({ where: myTasks(context.viewer!, includeClosed) }),
    resolve: (query, _root, { includeClosed }, context) =>
      context.prisma.task.findMany({
        ...query,
        where: myTasks(context.viewer!, includeClosed),
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
        { ...input, taskId: String(input.taskId) },
      );
      return context.prisma.task.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
