// Timelines of tasks, plans, inspections and corrective actions, read from their AuditEvent rows: who did what, when, with the
// before and after in words in the viewer's language. Everything a page of timelines needs is
// loaded in a fixed number of statements, however many tasks or plans are on the page: their
// events (one statement per page shape), their counts, the people and units the events name,
// and the reasons given when reports were returned.
import DataLoader from 'dataloader';
import { Prisma } from '../../../prisma/client.ts';
import type { Context } from '../context.ts';
import { translate, type Locale } from '../messages.ts';

export type TimelineEntity = 'Task' | 'ReformPlan' | 'Inspection' | 'CorrectiveAction';

export interface TimelineEvent {
  id: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  at: Date;
}

/** A page position: the (at, id) of an entry, newest first. */
export interface TimelinePosition {
  at: Date;
  id: string;
}

export interface TimelinePage {
  after?: TimelinePosition;
  before?: TimelinePosition;
  /** Rows to read (the connection helper asks for one more than it shows). */
  limit: number;
  /** Read oldest first (for `last` / `before`); the helper turns the page around again. */
  inverted: boolean;
}

/** Bookkeeping rows that are not things that happened to the task or plan. */
const HIDDEN_ACTIONS = ['demo.%'];

interface PageKey extends TimelinePage {
  entityType: TimelineEntity;
  entityId: string;
}

interface Loaders {
  pages: DataLoader<PageKey, TimelineEvent[], string>;
  counts: DataLoader<string, number>;
  users: DataLoader<string, { id: string; name: string } | null>;
  units: DataLoader<string, string | null>;
  /** Per task: the reason given with each `task.returned` event, by event id. */
  returns: DataLoader<string, Map<string, string | null>>;
  /** Per corrective action: the reason each rejected round was given, by round number. */
  rejections: DataLoader<string, Map<number, string | null>>;
}

const perRequest = new WeakMap<Context, Loaders>();

const positionSql = (position: TimelinePosition) =>
  Prisma.sql`(${position.at.toISOString()}::timestamp, ${position.id}::text)`;

function loaders(context: Context): Loaders {
  let found = perRequest.get(context);
  if (found) return found;
  const { prisma } = context;
  found = {
    // Keys of one tick with the same page shape (the same arguments on every task of a list) are
    // read in one statement: the newest `limit` rows of each entity, by a window function.
    pages: new DataLoader<PageKey, TimelineEvent[], string>(
      async (keys) => {
        const groups = new Map<string, PageKey[]>();
        for (const key of keys) {
          const shape = JSON.stringify([key.entityType, key.limit, key.inverted, key.after, key.before]);
          groups.set(shape, [...(groups.get(shape) ?? []), key]);
        }
        const rows = new Map<string, TimelineEvent[]>();
        for (const group of groups.values()) {
          const [{ entityType, limit, inverted, after, before }] = group as [PageKey];
          const ids = [...new Set(group.map((key) => key.entityId))];
          const bounds = [
            after ? Prisma.sql`AND (e."at", e."id") < ${positionSql(after)}` : Prisma.empty,
            before ? Prisma.sql`AND (e."at", e."id") > ${positionSql(before)}` : Prisma.empty,
          ];
          const direction = inverted ? Prisma.sql`ASC` : Prisma.sql`DESC`;
          const found = await prisma.$queryRaw<TimelineEvent[]>`
            SELECT q."id", q."actorId", q."action", q."entityType", q."entityId", q."before", q."after", q."at"
              FROM (
                SELECT e.*, row_number() OVER (
                         PARTITION BY e."entityId" ORDER BY e."at" ${direction}, e."id" ${direction}) AS rn
                  FROM "AuditEvent" e
                 WHERE e."entityType" = ${entityType}
                   AND e."entityId" = ANY(${ids})
                   AND NOT (e."action" LIKE ANY(${HIDDEN_ACTIONS}))
                   ${bounds[0]} ${bounds[1]}
              ) q
             WHERE q.rn <= ${limit}
             ORDER BY q."entityId", q.rn`;
          const byEntity = new Map<string, TimelineEvent[]>();
          for (const row of found) byEntity.set(row.entityId, [...(byEntity.get(row.entityId) ?? []), row]);
          for (const key of group) rows.set(pageKeyOf(key), byEntity.get(key.entityId) ?? []);
        }
        return keys.map((key) => rows.get(pageKeyOf(key)) ?? []);
      },
      { cacheKeyFn: pageKeyOf },
    ),
    counts: new DataLoader(async (keys: readonly string[]) => {
      const byType = new Map<string, string[]>();
      for (const key of keys) {
        const [type, id] = key.split('|') as [string, string];
        byType.set(type, [...(byType.get(type) ?? []), id]);
      }
      const counts = new Map<string, number>();
      for (const [type, ids] of byType) {
        const rows = await prisma.$queryRaw<{ entityId: string; count: number }[]>`
          SELECT e."entityId", count(*)::int AS count
            FROM "AuditEvent" e
           WHERE e."entityType" = ${type} AND e."entityId" = ANY(${ids})
             AND NOT (e."action" LIKE ANY(${HIDDEN_ACTIONS}))
           GROUP BY e."entityId"`;
        for (const row of rows) counts.set(`${type}|${row.entityId}`, row.count);
      }
      return keys.map((key) => counts.get(key) ?? 0);
    }),
    users: new DataLoader(async (ids: readonly string[]) => {
      const rows = await prisma.user.findMany({
        where: { id: { in: [...ids] } },
        select: { id: true, name: true },
      });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    units: new DataLoader(async (ids: readonly string[]) => {
      const rows = await prisma.unit.findMany({
        where: { id: { in: [...ids] } },
        select: { id: true, name: true },
      });
      const byId = new Map(rows.map((row) => [row.id, row.name]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    // The audit row of a returned report holds the task, not the reason: the reason is on the
    // completion report the committee returned. The n-th return of a task is its n-th returned report.
    returns: new DataLoader(async (taskIds: readonly string[]) => {
      const [events, reports] = await Promise.all([
        prisma.auditEvent.findMany({
          where: { entityType: 'Task', entityId: { in: [...taskIds] }, action: 'task.returned' },
          select: { id: true, entityId: true },
          orderBy: [{ at: 'asc' }, { id: 'asc' }],
        }),
        prisma.progressReport.findMany({
          where: { taskId: { in: [...taskIds] }, reviewOutcome: 'RETURNED' },
          select: { taskId: true, reviewReason: true },
          orderBy: [{ reviewedAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
        }),
      ]);
      return taskIds.map((taskId) => {
        const reasons = reports
          .filter((report) => report.taskId === taskId)
          .map((report) => report.reviewReason);
        return new Map(
          events
            .filter((event) => event.entityId === taskId)
            .map((event, index) => [event.id, reasons[index] ?? null] as const),
        );
      });
    }),
    // A rejection's audit row holds the action, not the reason: the reason is the round's verdict.
    rejections: new DataLoader(async (actionIds: readonly string[]) => {
      const rounds = await prisma.correctiveRound.findMany({
        where: { correctiveActionId: { in: [...actionIds] }, verdict: 'RETURNED' },
        select: { correctiveActionId: true, number: true, verdictReason: true },
      });
      return actionIds.map(
        (id) =>
          new Map(
            rounds
              .filter((round) => round.correctiveActionId === id)
              .map((round) => [round.number, round.verdictReason] as const),
          ),
      );
    }),
  };
  perRequest.set(context, found);
  return found;
}

function pageKeyOf(key: PageKey): string {
  return JSON.stringify([
    key.entityType,
    key.entityId,
    key.limit,
    key.inverted,
    key.after ? [key.after.at.toISOString(), key.after.id] : null,
    key.before ? [key.before.at.toISOString(), key.before.id] : null,
  ]);
}

/** One page of an entity's timeline, newest first (oldest first when `inverted`). */
export function timelinePage(
  context: Context,
  entityType: TimelineEntity,
  entityId: string,
  page: TimelinePage,
): Promise<TimelineEvent[]> {
  return loaders(context).pages.load({ entityType, entityId, ...page });
}

export function timelineCount(
  context: Context,
  entityType: TimelineEntity,
  entityId: string,
): Promise<number> {
  return loaders(context).counts.load(`${entityType}|${entityId}`);
}

/** The person who did it; null for the system (reminders, escalations, phase timers). */
export async function timelineActor(context: Context, event: TimelineEvent) {
  return event.actorId ? loaders(context).users.load(event.actorId) : null;
}

// ---------------------------------------------------------------------------------------------
// The words.

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

const tag = (locale: Locale) => (locale === 'vi' ? 'vi-VN' : 'en-GB');
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();
const percentFormats = new Map<Locale, Intl.NumberFormat>();

/** A calendar date (YYYY-MM-DD, or a date column's midnight-UTC ISO string) as 30/06/2027. */
export function formatDay(locale: Locale, value: string): string {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(tag(locale), {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    dateFormats.set(locale, format);
  }
  // The day itself, read at noon in Vietnam so no time zone moves it.
  return format.format(new Date(`${value.slice(0, 10)}T12:00:00+07:00`));
}

/** 0–100 as "60 %" in Vietnamese (no-break space), "60%" in English. */
export function formatPercentage(locale: Locale, value: number): string {
  let format = percentFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(tag(locale), { style: 'percent', maximumFractionDigits: 1 });
    percentFormats.set(locale, format);
  }
  const parts = format.formatToParts(value / 100);
  if (locale !== 'vi') return parts.map((part) => part.value).join('');
  const number = parts.filter((part) => part.type !== 'percentSign' && part.value.trim() !== '');
  return `${number.map((part) => part.value).join('')}\u00a0%`;
}

function say(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  return Object.entries(params).reduce(
    (text, [name, value]) => text.replaceAll(`{${name}}`, String(value)),
    translate(locale, key),
  );
}

const statusWord = (locale: Locale, status: unknown) =>
  typeof status === 'string' ? translate(locale, `taskStatus.${status}`) : '—';
const phaseWord = (locale: Locale, status: unknown) =>
  typeof status === 'string' ? translate(locale, `planStatus.${status}`) : '—';

/** The task row an event carries (recordProgress wraps it as { task, reportId }). */
const taskRow = (image: unknown): Json => {
  const object = asObject(image);
  return 'task' in object ? asObject(object.task) : object;
};

/** A sentence in the viewer's language saying what the event did, with before → after in words. */
export async function timelineSummary(context: Context, event: TimelineEvent): Promise<string> {
  const { locale } = context;
  const load = loaders(context);
  const before = asObject(event.before);
  const after = asObject(event.after);
  const unitName = async (id: unknown) => (str(id) ? ((await load.units.load(id as string)) ?? '—') : '—');
  const userName = async (id: unknown) =>
    str(id) ? ((await load.users.load(id as string))?.name ?? '—') : '—';
  const statusChange = (from: unknown, to: unknown) =>
    from !== to && from !== undefined && to !== undefined
      ? say(locale, 'timeline.statusChange', { from: statusWord(locale, from), to: statusWord(locale, to) })
      : null;
  const withReason = (text: string, reason: unknown) => (str(reason) ? `${text}: ${str(reason)}` : text);
  const join = (...parts: (string | null)[]) => parts.filter(Boolean).join('; ');

  switch (event.action) {
    case 'task.drafted':
    case 'task.assigned': {
      const row = taskRow(event.after);
      return say(
        locale,
        event.action === 'task.drafted' ? 'timeline.task.drafted' : 'timeline.task.assigned',
        {
          unit: await unitName(row.assigneeUnitId),
          due: str(row.dueDate) ? formatDay(locale, row.dueDate as string) : '—',
        },
      );
    }
    case 'task.edited':
      return (await taskEdits(locale, before, after, unitName)) || say(locale, 'timeline.task.edited');
    case 'task.deleted':
      return say(locale, 'timeline.task.deleted');
    case 'task.accepted':
      return say(locale, 'timeline.task.accepted', { name: await userName(after.responsibleUserId) });
    case 'task.progressReported':
    case 'task.submitted': {
      const row = taskRow(event.after);
      const from = num(before.progress);
      const to = num(row.progress);
      const progress =
        from !== null && to !== null && from !== to
          ? say(locale, 'timeline.progress', {
              from: formatPercentage(locale, from),
              to: formatPercentage(locale, to),
            })
          : null;
      const status = statusChange(before.status, row.status);
      if (event.action === 'task.submitted')
        return join(say(locale, 'timeline.task.submitted'), progress, status);
      // A report that leaves the figure where it was still says what was reported.
      return (
        join(progress, status) ||
        (to !== null
          ? say(locale, 'timeline.progressReported', { percent: formatPercentage(locale, to) })
          : '')
      );
    }
    case 'task.completed':
      return join(say(locale, 'timeline.task.completed'), statusChange(before.status, after.status));
    case 'task.returned': {
      const reason = str(after.reason) ?? (await returnReason(context, event));
      return withReason(say(locale, 'timeline.task.returned'), reason);
    }
    case 'task.extensionRequested':
      return withReason(
        say(locale, 'timeline.task.extensionRequested', {
          from: str(before.dueDate) ? formatDay(locale, before.dueDate as string) : '—',
          to: str(after.requestedDueDate) ? formatDay(locale, after.requestedDueDate as string) : '—',
        }),
        after.reason,
      );
    case 'task.extensionGranted':
      return say(locale, 'timeline.task.extensionGranted', {
        from: str(before.dueDate) ? formatDay(locale, before.dueDate as string) : '—',
        to: str(after.dueDate) ? formatDay(locale, after.dueDate as string) : '—',
      });
    case 'task.extensionRefused':
      return withReason(
        say(locale, 'timeline.task.extensionRefused'),
        asObject(after.extension).decisionNote,
      );
    case 'task.reassigned': {
      const to = await unitName(taskRow(event.after).assigneeUnitId);
      // A unit merger's move records only the new row; a command's records the old one too.
      const text = str(before.assigneeUnitId)
        ? say(locale, 'timeline.task.reassigned', { from: await unitName(before.assigneeUnitId), to })
        : say(locale, 'timeline.task.reassignedTo', { to });
      return withReason(text, after.reason);
    }
    case 'task.cancelled':
      return withReason(say(locale, 'timeline.task.cancelled'), after.reason);
    case 'task.notCompleted':
      return after.unchanged
        ? say(locale, 'timeline.task.notCompletedUnchanged')
        : join(say(locale, 'timeline.task.notCompleted'), statusChange(before.status, after.status));
    case 'task.deadline.reminder': {
      const deadline = asObject(after.event);
      return say(locale, 'timeline.task.reminder', { days: num(deadline.workingDaysLeft) ?? '—' });
    }
    case 'task.deadline.overdue':
      return say(locale, 'timeline.task.overdue');
    case 'task.deadline.escalation': {
      const deadline = asObject(after.event);
      return say(locale, 'timeline.task.escalated', { days: num(deadline.workingDaysLate) ?? '—' });
    }
    case 'plan.created':
      return say(locale, 'timeline.plan.created');
    case 'plan.edited':
      return (await planEdits(locale, before, after)) || say(locale, 'timeline.plan.edited');
    case 'plan.issued':
      return say(locale, 'timeline.plan.issued');
    case 'plan.bulkAssigned':
      return say(locale, 'timeline.plan.bulkAssigned', {
        count: Array.isArray(after.taskIds) ? after.taskIds.length : 0,
        title: str(after.title) ?? '—',
      });
    case 'plan.reportsRequested':
      return say(locale, 'timeline.plan.reportsRequested', {
        period: num(after.period) ?? '—',
        people: num(after.notified) ?? 0,
      });
    case 'plan.periodClosed':
      return say(locale, 'timeline.plan.periodClosed', { period: num(after.period) ?? '—' });
    case 'plan.scheduleChanged':
      return (await planEdits(locale, before, after)) || say(locale, 'timeline.plan.scheduleChanged');
    case 'plan.unfinishedTasksClosed':
      return say(locale, 'timeline.plan.unfinishedTasksClosed', {
        count: num(after.unfinished) ?? 0,
        units: Array.isArray(after.units) ? after.units.length : 0,
      });
  }
  if (event.action.startsWith('inspection.')) {
    const text = await inspectionSummary(context, event, unitName);
    if (text !== null) return text;
  }
  if (event.action.startsWith('corrective.')) {
    const text = await correctiveSummary(context, event, unitName);
    if (text !== null) return text;
  }
  if (event.action.startsWith('plan.phase.')) {
    return say(locale, 'timeline.plan.phase', {
      from: phaseWord(locale, before.status),
      to: phaseWord(locale, after.status ?? event.action.slice('plan.phase.'.length)),
    });
  }
  if (event.action.startsWith('plan.phaseEnding.')) {
    return say(locale, 'timeline.plan.phaseEnding', {
      phase: phaseWord(locale, after.phase ?? event.action.slice('plan.phaseEnding.'.length)),
      date: str(after.endsOn) ? formatDay(locale, after.endsOn as string) : '—',
    });
  }
  // An action written after this list was: its stable key, said plainly.
  return say(locale, 'timeline.other', { action: event.action });
}

async function returnReason(context: Context, event: TimelineEvent): Promise<string | null> {
  return (await loaders(context).returns.load(event.entityId)).get(event.id) ?? null;
}

/** "Due date moved from 30/06/2027 to 31/07/2027; title changed; …" for an edit of a draft task. */
async function taskEdits(
  locale: Locale,
  before: Json,
  after: Json,
  unitName: (id: unknown) => Promise<string>,
): Promise<string> {
  const changes: string[] = [];
  if (str(before.dueDate) && str(after.dueDate) && before.dueDate !== after.dueDate) {
    changes.push(
      say(locale, 'timeline.dueDateMoved', {
        from: formatDay(locale, before.dueDate as string),
        to: formatDay(locale, after.dueDate as string),
      }),
    );
  }
  if (before.title !== after.title && str(after.title)) {
    changes.push(say(locale, 'timeline.titleChanged', { title: after.title as string }));
  }
  if (before.assigneeUnitId !== after.assigneeUnitId && str(after.assigneeUnitId)) {
    changes.push(
      say(locale, 'timeline.unitChanged', {
        from: await unitName(before.assigneeUnitId),
        to: await unitName(after.assigneeUnitId),
      }),
    );
  }
  if (num(before.weight) !== null && num(after.weight) !== null && before.weight !== after.weight) {
    changes.push(
      say(locale, 'timeline.weightChanged', { from: before.weight as number, to: after.weight as number }),
    );
  }
  if (before.description !== after.description && after.description !== undefined) {
    changes.push(say(locale, 'timeline.descriptionChanged'));
  }
  if (before.indicatorTarget !== after.indicatorTarget && after.indicatorTarget !== undefined) {
    changes.push(say(locale, 'timeline.indicatorChanged'));
  }
  return changes.join('; ');
}

const PLAN_DATES = ['assessmentOpens', 'assessmentCloses', 'appraisalCloses', 'closesOn'] as const;

async function planEdits(locale: Locale, before: Json, after: Json): Promise<string> {
  const changes: string[] = [];
  if (before.title !== after.title && str(after.title)) {
    changes.push(say(locale, 'timeline.titleChanged', { title: after.title as string }));
  }
  if (before.cadence !== after.cadence && str(after.cadence)) {
    changes.push(say(locale, `timeline.cadence.${after.cadence as string}`));
  }
  for (const field of PLAN_DATES) {
    if (str(before[field]) && str(after[field]) && before[field] !== after[field]) {
      changes.push(
        say(locale, `timeline.planDate.${field}`, {
          from: formatDay(locale, before[field] as string),
          to: formatDay(locale, after[field] as string),
        }),
      );
    }
  }
  return Promise.resolve(changes.join('; '));
}

const day = (locale: Locale, value: unknown): string =>
  str(value) ? formatDay(locale, value as string) : '—';
const severityWord = (locale: Locale, value: unknown) =>
  str(value) ? translate(locale, `timeline.severity.${value as string}`) : '—';
const resultWord = (locale: Locale, value: unknown) =>
  str(value) ? translate(locale, `timeline.checklistResult.${value as string}`) : '—';
/** "text: detail", the detail cut to a line. */
const withDetail = (text: string, detail: unknown): string => {
  const line = str(detail)?.trim().split('\n')[0];
  if (!line) return text;
  return `${text}: ${line.length > 200 ? `${line.slice(0, 199).trimEnd()}…` : line}`;
};

/** An inspection's events (workflows/src/activities/inspection.ts); null for one not known here. */
async function inspectionSummary(
  context: Context,
  event: TimelineEvent,
  unitName: (id: unknown) => Promise<string>,
): Promise<string | null> {
  const { locale } = context;
  const before = asObject(event.before);
  const after = asObject(event.after);
  switch (event.action) {
    case 'inspection.planned':
      return after.kind === 'SURPRISE'
        ? say(locale, 'timeline.inspection.plannedWindow', {
            unit: await unitName(after.targetUnitId),
            from: day(locale, after.windowStart),
            to: day(locale, after.windowEnd),
          })
        : say(locale, 'timeline.inspection.planned', {
            unit: await unitName(after.targetUnitId),
            date: day(locale, after.scheduledOn),
          });
    case 'inspection.scheduled':
      return str(before.scheduledOn) && before.scheduledOn !== after.scheduledOn
        ? say(locale, 'timeline.inspection.rescheduled', {
            from: day(locale, before.scheduledOn),
            to: day(locale, after.scheduledOn),
          })
        : say(locale, 'timeline.inspection.scheduled', { date: day(locale, after.scheduledOn) });
    case 'inspection.started':
      return say(locale, 'timeline.inspection.started');
    case 'inspection.checklistRecorded':
      return withDetail(
        say(locale, 'timeline.inspection.checklistRecorded', {
          item: str(after.text) ?? '—',
          result: resultWord(locale, after.result),
        }),
        after.note,
      );
    case 'inspection.findingRecorded':
      return say(locale, 'timeline.inspection.findingRecorded', {
        severity: severityWord(locale, after.severity),
        description: str(after.description) ?? '—',
      });
    case 'inspection.closed':
      return withDetail(
        say(locale, 'timeline.inspection.closed', {
          count: Array.isArray(after.correctiveActions) ? after.correctiveActions.length : 0,
        }),
        after.summary ?? after.note,
      );
    case 'inspection.cancelled':
      return withDetail(say(locale, 'timeline.inspection.cancelled'), after.reason ?? after.cancelReason);
  }
  return null;
}

/** A corrective action's events (workflows/src/activities/corrective.ts); null for one not known here. */
async function correctiveSummary(
  context: Context,
  event: TimelineEvent,
  unitName: (id: unknown) => Promise<string>,
): Promise<string | null> {
  const { locale } = context;
  const before = asObject(event.before);
  const after = asObject(event.after);
  switch (event.action) {
    case 'corrective.opened':
      return say(locale, 'timeline.corrective.opened', {
        unit: await unitName(after.responsibleUnitId),
        due: day(locale, after.dueDate),
      });
    case 'corrective.submitted': {
      const round = asObject(after.round);
      return withDetail(
        say(locale, 'timeline.corrective.submitted', {
          round: num(round.number) ?? num(before.round) ?? '—',
        }),
        round.remedy,
      );
    }
    case 'corrective.verified': {
      const text = say(locale, 'timeline.corrective.verified');
      const reinspect =
        after.reinspect === true && str(after.reinspectOn)
          ? say(locale, 'timeline.corrective.reinspect', { date: day(locale, after.reinspectOn) })
          : null;
      return [text, reinspect].filter(Boolean).join('; ');
    }
    case 'corrective.rejected': {
      const rejected = num(before.round);
      const reason =
        rejected === null
          ? null
          : ((await loaders(context).rejections.load(event.entityId)).get(rejected) ?? null);
      return withDetail(
        say(locale, 'timeline.corrective.rejected', {
          round: num(after.round) ?? '—',
          due: day(locale, after.dueDate),
        }),
        reason,
      );
    }
    case 'corrective.extensionRequested':
      return withDetail(
        say(locale, 'timeline.corrective.extensionRequested', {
          from: day(locale, before.dueDate),
          to: day(locale, after.requestedDueDate),
        }),
        after.reason,
      );
    case 'corrective.extensionGranted':
      return say(locale, 'timeline.corrective.extensionGranted', {
        from: day(locale, before.dueDate),
        to: day(locale, after.dueDate),
      });
    case 'corrective.extensionRefused':
      return withDetail(
        say(locale, 'timeline.corrective.extensionRefused'),
        asObject(after.extension).decisionNote,
      );
    case 'corrective.reassigned':
      return withDetail(
        say(locale, 'timeline.corrective.reassigned', {
          from: await unitName(before.responsibleUnitId),
          to: await unitName(after.responsibleUnitId),
        }),
        after.reason,
      );
    case 'corrective.cancelled':
      return withDetail(say(locale, 'timeline.corrective.cancelled'), after.reason);
    case 'corrective.deadline.reminder':
      return say(locale, 'timeline.corrective.reminder', {
        days: num(asObject(after.event).workingDaysLeft) ?? '—',
      });
    case 'corrective.deadline.overdue':
      return say(locale, 'timeline.corrective.overdue');
    case 'corrective.deadline.escalation':
      return say(locale, 'timeline.corrective.escalated', {
        days: num(asObject(after.event).workingDaysLate) ?? '—',
      });
  }
  return null;
}
