import { PothosValidationError } from '@pothos/core';
import { resolveCursorConnection } from '@pothos/plugin-relay';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../limits.ts';
import { translate } from '../messages.ts';
import { defaultDeadlinePolicy, nextDeadlineEvent } from '../../../workflows/src/workflows/deadlines.ts';
import {
  MY_WORK_ORDER,
  myWorkCounts,
  myWorkWhere,
  reviewQueueCounts,
  reviewQueuePage,
  scheduleOf,
  urgencyOf,
  type ReviewCounts,
  type ReviewItem,
  type ReviewPosition,
  type WorkCounts,
} from '../services/work.ts';

const Urgency = builder.enumType('Urgency', {
  description: 'OVERDUE: past its due date; DUE_SOON: at most 5 working days left; LATER: more.',
  values: ['OVERDUE', 'DUE_SOON', 'LATER'] as const,
});

/**
 * A closed task has no urgency: it is done, called off, or left unfinished when its plan closed
 * (docs/plan-closing.md), whatever its due date.
 */
const CLOSED = new Set(['COMPLETED', 'CANCELLED', 'NOT_COMPLETED']);

async function taskUrgency(task: { status: string; dueDate: Date }, context: Context) {
  if (CLOSED.has(task.status)) return null;
  return urgencyOf(await scheduleOf(context), task.dueDate.toISOString().slice(0, 10));
}

/** Computed for any open task the viewer sees, from today in Vietnam and the Holiday table. */
builder.prismaObjectFields('Task', (t) => ({
  urgency: t.field({
    type: Urgency,
    nullable: true,
    description: 'Null once the task is COMPLETED, CANCELLED or NOT_COMPLETED.',
    select: { dueDate: true, status: true },
    resolve: async (task, _args, context) => (await taskUrgency(task, context))?.urgency ?? null,
  }),
  workingDaysLeft: t.int({
    nullable: true,
    description:
      'Working days after today up to the due date (0: due today); negative: working days overdue. ' +
      'Null once the task is COMPLETED, CANCELLED or NOT_COMPLETED.',
    select: { dueDate: true, status: true },
    resolve: async (task, _args, context) => (await taskUrgency(task, context))?.workingDaysLeft ?? null,
  }),
}));

const DeadlineKind = builder.enumType('DeadlineKind', {
  description:
    'REMINDER: before the due date (5 and 1 working days); OVERDUE: the notice after it; ' +
    'ESCALATION: the steering committee is told (5 working days late, then weekly).',
  values: ['REMINDER', 'OVERDUE', 'ESCALATION'] as const,
});

const NextDeadline = builder
  .objectRef<{ kind: 'REMINDER' | 'OVERDUE' | 'ESCALATION'; on: string }>('NextDeadline')
  .implement({
    description: 'The next reminder, overdue notice or escalation the task’s workflow sends.',
    fields: (t) => ({
      kind: t.field({ type: DeadlineKind, resolve: (deadline) => deadline.kind }),
      on: t.exposeString('on', { description: 'The day it goes out (YYYY-MM-DD, Vietnam time).' }),
    }),
  });

builder.prismaObjectFields('Task', (t) => ({
  nextDeadline: t.field({
    type: NextDeadline,
    nullable: true,
    description:
      'What the task’s workflow sends next and when, by the same rule and working calendar it uses: ' +
      'it moves with an extension or a reassignment. Null once the task is closed.',
    select: { dueDate: true, status: true },
    resolve: async (task, _args, context) => {
      if (CLOSED.has(task.status)) return null;
      const { calendar } = await scheduleOf(context);
      const event = nextDeadlineEvent(
        task.dueDate.toISOString().slice(0, 10),
        context.now().getTime(),
        defaultDeadlinePolicy,
        calendar,
      );
      return { kind: event.kind.toUpperCase() as 'REMINDER' | 'OVERDUE' | 'ESCALATION', on: event.on };
    },
  }),
}));

const WorkCountsType = builder.objectRef<WorkCounts>('WorkCounts').implement({
  description: 'Open tasks of "my work" by urgency.',
  fields: (t) => ({
    overdue: t.exposeInt('overdue'),
    dueSoon: t.exposeInt('dueSoon'),
    later: t.exposeInt('later'),
  }),
});

builder.queryField('myWork', (t) =>
  t.prismaConnection(
    {
      type: 'Task',
      cursor: 'id',
      authScopes: { reporter: true },
      description:
        'Open tasks of issued plans assigned to the units where the signed-in user is unit head or ' +
        'staff: overdue first, then due within 5 working days, then later, each by due date. Pages ' +
        'of `first` (default 50, at most 200); `totalCount` and `counts` count them all.',
      totalCount: async (_parent, _args, context) => (await myWorkCounts(context)).total,
      resolve: (query, _root, _args, context) =>
        context.prisma.task.findMany({
          ...query,
          where: myWorkWhere(context.viewer!),
          orderBy: MY_WORK_ORDER,
        }),
    },
    {
      name: 'MyWorkConnection',
      fields: (t) => ({
        counts: t.field({
          type: WorkCountsType,
          resolve: (_connection, _args, context) => myWorkCounts(context),
        }),
      }),
    },
  ),
);

const ReviewKind = builder.enumType('ReviewKind', {
  description:
    'REPORT: a completion report waiting for review; EXTENSION: an extension request waiting for a decision.',
  values: ['REPORT', 'EXTENSION'] as const,
});

const ReviewItemType = builder.objectRef<ReviewItem>('ReviewItem').implement({
  description: 'Something on the committee’s desk: a submitted report or an extension request.',
  fields: (t) => ({
    kind: t.field({ type: ReviewKind, resolve: (item) => item.kind }),
    since: t.expose('since', {
      type: 'DateTime',
      description: 'When the report was submitted or the extension asked for.',
    }),
    // One findUnique per item: Prisma batches those of one tick into one statement.
    task: t.prismaField({
      type: 'Task',
      resolve: async (query, item, _args, context) =>
        (await context.prisma.task.findUnique({ ...query, where: { id: item.taskId } }))!,
    }),
    report: t.prismaField({
      type: 'ProgressReport',
      nullable: true,
      description: 'REPORT: the completion report waiting for review.',
      resolve: (query, item, _args, context) => {
        const selection = { ...query }; // read either way: an extension request simply has no report
        return item.kind === 'REPORT'
          ? context.prisma.progressReport.findUnique({ ...selection, where: { id: item.itemId } })
          : null;
      },
    }),
    requestedDueDate: t.expose('requestedDueDate', {
      type: 'Date',
      nullable: true,
      description: 'EXTENSION: the due date asked for.',
    }),
    reason: t.exposeString('reason', { nullable: true, description: 'EXTENSION: why more time is needed.' }),
  }),
});

const ReviewCountsType = builder.objectRef<ReviewCounts>('ReviewCounts').implement({
  description: 'Items waiting in the review queue, by kind.',
  fields: (t) => ({
    reports: t.exposeInt('reports'),
    extensions: t.exposeInt('extensions'),
  }),
});

// Cursors look like the other connections' (limits.ts lets only those through): "GPC:J:" + JSON.
const CURSOR_PREFIX = 'GPC:J:';
const toCursor = (item: ReviewItem): string =>
  Buffer.from(
    `${CURSOR_PREFIX}${JSON.stringify([item.since.toISOString(), item.kind, item.itemId])}`,
  ).toString('base64');

function fromCursor(
  cursor: string | undefined,
  argument: string,
  context: Context,
): ReviewPosition | undefined {
  if (cursor === undefined) return undefined;
  try {
    const text = Buffer.from(cursor, 'base64').toString('utf8');
    if (text.startsWith(CURSOR_PREFIX)) {
      const [since, kind, itemId] = JSON.parse(text.slice(CURSOR_PREFIX.length)) as unknown[];
      const date = new Date(String(since));
      if (
        typeof since === 'string' &&
        !Number.isNaN(date.getTime()) &&
        (kind === 'REPORT' || kind === 'EXTENSION') &&
        typeof itemId === 'string'
      ) {
        return { since: date, kind, itemId };
      }
    }
  } catch {
    // not JSON: refused below
  }
  throw new PothosValidationError(
    translate(context.locale, 'limits.badCursor').replaceAll('{argument}', argument),
    {
      extensions: { code: 'BAD_CURSOR', argument, http: { status: 400 } },
    },
  );
}

builder.queryField('reviewQueue', (t) =>
  t.connection(
    {
      type: ReviewItemType,
      authScopes: { steering: true },
      description:
        'For the steering committee: completion reports waiting for review and extension requests ' +
        'waiting for a decision, on tasks of issued plans of the units it reaches, oldest first. ' +
        'Pages of `first` (default 50, at most 200); `totalCount` and `counts` count them all.',
      resolve: (_root, args, context) =>
        resolveCursorConnection<Promise<ReviewItem[]>>(
          { args, toCursor, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE },
          ({ before, after, limit, inverted }) =>
            reviewQueuePage(context, {
              after: fromCursor(after, 'after', context),
              before: fromCursor(before, 'before', context),
              limit,
              inverted,
            }),
        ),
    },
    {
      name: 'ReviewQueueConnection',
      fields: (t) => ({
        totalCount: t.int({
          resolve: async (_connection, _args, context) => (await reviewQueueCounts(context)).total,
        }),
        counts: t.field({
          type: ReviewCountsType,
          resolve: (_connection, _args, context) => reviewQueueCounts(context),
        }),
      }),
    },
  ),
);
