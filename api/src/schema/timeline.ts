// Task.timeline, ReformPlan.timeline, Inspection.timeline and CorrectiveAction.timeline: what
// happened, newest first, from the audit events. They are fields of an object the viewer already
// sees (inspections and corrective actions through inspectionsVisibleTo /
// correctiveActionsVisibleTo), so they see exactly as far as their parent does.
import { PothosValidationError } from '@pothos/core';
import { resolveCursorConnection } from '@pothos/plugin-relay';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../limits.ts';
import { translate } from '../messages.ts';
import {
  timelineActor,
  timelineCount,
  timelinePage,
  timelineSummary,
  type TimelineEntity,
  type TimelineEvent,
  type TimelinePosition,
} from '../services/timeline.ts';

const TimelineActor = builder.objectRef<{ id: string; name: string }>('TimelineActor').implement({
  description: 'The person who did it.',
  fields: (t) => ({ id: t.exposeID('id'), name: t.exposeString('name') }),
});

const TimelineEntry = builder.objectRef<TimelineEvent>('TimelineEntry').implement({
  description: 'One thing that happened to a task, plan, inspection or corrective action.',
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.expose('at', { type: 'DateTime' }),
    actor: t.field({
      type: TimelineActor,
      nullable: true,
      description: 'Who did it; null for the system (reminders, escalations, phase dates reached).',
      resolve: (event, _args, context) => timelineActor(context, event),
    }),
    action: t.exposeString('action', {
      description: 'Stable key of what happened, e.g. task.accepted, task.progressReported, plan.issued.',
    }),
    summary: t.string({
      description:
        'What happened in the viewer’s language, before → after in words, e.g. “Progress 30 % → 60 %”, ' +
        '“Extension granted: due date moved from 30/06/2027 to 31/07/2027”, “Returned: <reason>”.',
      resolve: (event, _args, context) => timelineSummary(context, event),
    }),
  }),
});

// Cursors look like the other connections' (limits.ts lets only those through): "GPC:J:" + JSON.
const CURSOR_PREFIX = 'GPC:J:';
const toCursor = (event: TimelineEvent): string =>
  Buffer.from(`${CURSOR_PREFIX}${JSON.stringify([event.at.toISOString(), event.id])}`).toString('base64');

function fromCursor(
  cursor: string | undefined,
  argument: string,
  context: Context,
): TimelinePosition | undefined {
  if (cursor === undefined) return undefined;
  try {
    const text = Buffer.from(cursor, 'base64').toString('utf8');
    if (text.startsWith(CURSOR_PREFIX)) {
      const [at, id] = JSON.parse(text.slice(CURSOR_PREFIX.length)) as unknown[];
      const date = new Date(String(at));
      if (typeof at === 'string' && !Number.isNaN(date.getTime()) && typeof id === 'string') {
        return { at: date, id };
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

interface Owned {
  entityType: TimelineEntity;
  entityId: string;
}

const DESCRIPTION =
  'What happened, newest first, from the audit trail: who did it (null: the system), when, and ' +
  'before → after in words. Pages of `first` (default 50, at most 200) with `after`; `totalCount` ' +
  'counts every entry.';

interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

async function timelineConnection(
  context: Context,
  entityType: TimelineEntity,
  entityId: string,
  args: PageArgs,
) {
  const connection = await resolveCursorConnection<Promise<TimelineEvent[]>>(
    { args, toCursor, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE },
    ({ before, after, limit, inverted }) =>
      timelinePage(context, entityType, entityId, {
        after: fromCursor(after, 'after', context),
        before: fromCursor(before, 'before', context),
        limit,
        inverted,
      }),
  );
  // The connection carries whose timeline it is, for its totalCount.
  return { ...connection, entityType, entityId } satisfies Owned;
}

const totalCountField = {
  description: 'Every entry of the timeline.',
  resolve: (connection: object, _args: object, context: Context) => {
    const { entityType, entityId } = connection as Owned;
    return timelineCount(context, entityType, entityId);
  },
};

builder.prismaObjectFields('Task', (t) => ({
  timeline: t.connection(
    {
      type: TimelineEntry,
      description: DESCRIPTION,
      resolve: (task, args, context) => timelineConnection(context, 'Task', task.id, args),
    },
    { name: 'TaskTimelineConnection', fields: (c) => ({ totalCount: c.int(totalCountField) }) },
  ),
}));

builder.prismaObjectFields('ReformPlan', (t) => ({
  timeline: t.connection(
    {
      type: TimelineEntry,
      description: `${DESCRIPTION} The plan’s own events (its tasks have their own timelines).`,
      resolve: (plan, args, context) => timelineConnection(context, 'ReformPlan', plan.id, args),
    },
    { name: 'ReformPlanTimelineConnection', fields: (c) => ({ totalCount: c.int(totalCountField) }) },
  ),
}));

builder.prismaObjectFields('Inspection', (t) => ({
  timeline: t.connection(
    {
      type: TimelineEntry,
      description: `${DESCRIPTION} The inspection's own events (its corrective actions have their own timelines).`,
      select: { id: true },
      resolve: (inspection, args, context) => timelineConnection(context, 'Inspection', inspection.id, args),
    },
    { name: 'InspectionTimelineConnection', fields: (c) => ({ totalCount: c.int(totalCountField) }) },
  ),
}));

builder.prismaObjectFields('CorrectiveAction', (t) => ({
  timeline: t.connection(
    {
      type: TimelineEntry,
      description: DESCRIPTION,
      select: { id: true },
      resolve: (action, args, context) => timelineConnection(context, 'CorrectiveAction', action.id, args),
    },
    { name: 'CorrectiveActionTimelineConnection', fields: (c) => ({ totalCount: c.int(totalCountField) }) },
  ),
}));
