// The demo's past years: plans that ran and closed before the first start (Trực Ninh 2025 in
// prisma/demo-trucninh-2025.ts, Nghệ An 2024 in prisma/demo-nghean-2024.ts), so the dashboards
// have trends, late units and findings to show on the first login.
//
// History cannot be driven through live timers, so it is written as the rows the workflows
// would have left behind, dated in the past: the plan (CLOSED), its reporting periods (closed
// the day after they ended), the tasks with their final status (COMPLETED, or NOT_COMPLETED as
// closing a plan leaves unfinished work, docs/plan-closing.md), their progress reports and
// reviews, one CompletionSnapshot per unit × area × period as the plan workflow's snapshotPeriod
// activity computes it, and the AuditEvents of all of it. A CLOSED plan has no workflow and never
// gets one (scripts/lib/plan-workflows.ts skips CLOSED plans; no task of it has
// workflowStartedAt), and its tasks are out of every "my work" and review queue.
//
// Every figure follows from the reports: a task's progress on a day is its latest report's
// percent up to that day, 100 from the day its completion report was accepted; a completion
// report returned or never reviewed leaves the progress where it was. So the last period's
// snapshot is what the roll-up (api/src/services/rollup.ts) computes from the final tasks.
//
// Once: every ID is derived from fixed names (derivedId), and a plan whose ID is already there
// is skipped, so writing the history again writes nothing.
import type { Prisma, TaskStatus } from './client.ts';
import { derivedId, type AreaCode } from './demo-trucninh.ts';

export interface HistoryReport {
  /** Day the unit sent it. */
  on: string;
  percent: number;
  indicatorValue?: string;
  note: string;
  /** A completion report, with the steering committee's review if it had one. */
  completion?: { reviewedOn?: string; returned?: string };
}

export interface HistoryTask {
  /** Names the task's derived ID within its plan. */
  key: string;
  unit: string;
  area: AreaCode;
  /** Code of a sub-criterion of the 2024 district criteria set. */
  criterion?: string;
  title: string;
  description: string;
  due: string;
  weight?: number;
  indicatorTarget?: string;
  reports: HistoryReport[];
  /** Cancelled by the committee on that day, with its reason (it leaves every roll-up). */
  cancelled?: { on: string; reason: string };
}

export interface HistoryPlan {
  key: string;
  year: number;
  title: string;
  /** Code of the issuing unit. */
  issuingUnit: string;
  createdOn: string;
  issuedOn: string;
  assessmentOpens: string;
  assessmentCloses: string;
  appraisalCloses: string;
  closesOn: string;
  tasks: HistoryTask[];
}

export const historyPlanId = (plan: Pick<HistoryPlan, 'key'>) =>
  derivedId('reform-tracker-demo', 'history', plan.key);
export const historyTaskId = (plan: Pick<HistoryPlan, 'key'>, task: Pick<HistoryTask, 'key'>) =>
  derivedId(historyPlanId(plan), 'task', task.key);

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
/** A moment of a day in Vietnam (UTC+7). */
export const at = (iso: string, time = '09:00') => new Date(`${iso}T${time}:00+07:00`);
const addDays = (iso: string, days: number) =>
  new Date(day(iso).getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** The quarters of a year: number, first and last day. */
export function quarters(year: number): { number: number; startsOn: string; endsOn: string }[] {
  return [1, 2, 3, 4].map((number) => ({
    number,
    startsOn: new Date(Date.UTC(year, (number - 1) * 3, 1)).toISOString().slice(0, 10),
    endsOn: new Date(Date.UTC(year, number * 3, 0)).toISOString().slice(0, 10),
  }));
}

const sorted = (reports: HistoryReport[]) => [...reports].sort((a, b) => a.on.localeCompare(b.on));

/** The day the committee accepted the task's completion report, if it did. */
export function completedOn(task: HistoryTask): string | null {
  const accepted = task.reports.find((r) => r.completion?.reviewedOn && !r.completion.returned);
  return accepted?.completion?.reviewedOn ?? null;
}

/** The task's progress at the end of `iso` (see the file's head). */
export function progressOn(task: HistoryTask, iso: string): number {
  let progress = 0;
  for (const report of sorted(task.reports)) {
    if (report.on > iso) break;
    if (!report.completion) progress = report.percent;
  }
  const done = completedOn(task);
  return done !== null && done <= iso ? 100 : progress;
}

/** The task's row at the end of `iso`: status, progress, and whether it was overdue then. */
export function taskOn(
  task: HistoryTask,
  iso: string,
): { status: TaskStatus; progress: number; overdue: boolean } {
  const done = completedOn(task);
  if (task.cancelled && task.cancelled.on <= iso) {
    return { status: 'CANCELLED', progress: progressOn(task, iso), overdue: false };
  }
  if (done !== null && done <= iso) return { status: 'COMPLETED', progress: 100, overdue: false };
  const progress = progressOn(task, iso);
  const reported = task.reports.some((report) => report.on <= iso);
  return { status: reported ? 'IN_PROGRESS' : 'ASSIGNED', progress, overdue: task.due <= iso };
}

/** The task as the closed plan left it. */
export function finalTask(plan: HistoryPlan, task: HistoryTask): { status: TaskStatus; progress: number } {
  const row = taskOn(task, plan.closesOn);
  const open = row.status !== 'COMPLETED' && row.status !== 'CANCELLED';
  return { status: open ? 'NOT_COMPLETED' : row.status, progress: row.progress };
}

export interface SnapshotRow {
  period: number;
  unit: string;
  area: AreaCode;
  taskCount: number;
  completed: number;
  overdue: number;
  /** Weighted mean progress, two decimals (as the snapshotPeriod activity rounds it). */
  progress: number;
  /** The counted tasks' total weight, so snapshots of several units roll up by task weight. */
  weight: number;
}

/**
 * The CompletionSnapshot rows of every period, as the plan workflow's snapshotPeriod activity
 * writes them at each close: per unit and area, the tasks not cancelled, how many were
 * completed, how many were open past their due date, and the mean progress weighted by weight.
 */
export function snapshotRows(plan: HistoryPlan): SnapshotRow[] {
  const rows: SnapshotRow[] = [];
  for (const period of quarters(plan.year)) {
    const groups = new Map<string, SnapshotRow & { weighted: number }>();
    for (const task of plan.tasks) {
      const row = taskOn(task, period.endsOn);
      if (row.status === 'CANCELLED') continue;
      const key = `${task.unit}\u0000${task.area}`;
      const group = groups.get(key) ?? {
        period: period.number,
        unit: task.unit,
        area: task.area,
        taskCount: 0,
        completed: 0,
        overdue: 0,
        progress: 0,
        weight: 0,
        weighted: 0,
      };
      const weight = task.weight ?? 1;
      group.taskCount += 1;
      if (row.status === 'COMPLETED') group.completed += 1;
      if (row.overdue) group.overdue += 1;
      group.weight += weight;
      group.weighted += row.progress * weight;
      groups.set(key, group);
    }
    for (const { weighted, ...row } of groups.values()) {
      rows.push({ ...row, progress: Math.round((weighted / row.weight) * 100) / 100 });
    }
  }
  return rows;
}

/** What the history writer needs from the rest of the demo data. */
export interface HistoryContext {
  unitOf: (code: string) => string;
  areaIds: Map<string, string>;
  criterionIds?: Map<string, string>;
  /** The steering member who issued the plan and reviewed its reports. */
  steeringId: string;
  /** The head of each unit that carries a task (authors of its reports). */
  headOf: (code: string) => string;
}

type AuditRow = Prisma.AuditEventCreateManyInput;

/** Working days late, counted roughly (weekdays only): enough for an audit sentence. */
function weekdaysBetween(from: string, to: string): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
    const weekday = day(d).getUTCDay();
    if (weekday !== 0 && weekday !== 6) count += 1;
  }
  return count;
}

/** Writes one past plan with everything it left behind; nothing when it is already there. */
export async function writeHistoryPlan(
  tx: Prisma.TransactionClient,
  plan: HistoryPlan,
  context: HistoryContext,
): Promise<boolean> {
  const planId = historyPlanId(plan);
  if (await tx.reformPlan.findUnique({ where: { id: planId }, select: { id: true } })) return false;
  const { unitOf, areaIds, criterionIds, steeringId, headOf } = context;
  const periods = quarters(plan.year);
  // The last period's snapshot is the plan's final record only when nothing happened after it.
  const yearEnd = periods[periods.length - 1]!.endsOn;
  for (const task of plan.tasks) {
    const late = task.reports.find((r) => r.on > yearEnd || (r.completion?.reviewedOn ?? '') > yearEnd);
    if (late) throw new Error(`Demo history: "${task.key}" has a report after ${yearEnd}.`);
  }
  const periodId = (number: number) => derivedId(planId, 'period', String(number));
  const periodOf = (iso: string) => periods.find((p) => iso >= p.startsOn && iso <= p.endsOn)?.number;
  await tx.reformPlan.create({
    data: {
      id: planId,
      year: plan.year,
      title: plan.title,
      issuingUnitId: unitOf(plan.issuingUnit),
      status: 'CLOSED',
      issuedAt: at(plan.issuedOn, '08:00'),
      issuingTotal: plan.tasks.length,
      issuingDone: plan.tasks.length,
      assessmentOpens: day(plan.assessmentOpens),
      assessmentCloses: day(plan.assessmentCloses),
      appraisalCloses: day(plan.appraisalCloses),
      closesOn: day(plan.closesOn),
      createdById: steeringId,
      createdAt: at(plan.createdOn, '15:00'),
      periods: {
        create: periods.map((period) => ({
          id: periodId(period.number),
          number: period.number,
          startsOn: day(period.startsOn),
          endsOn: day(period.endsOn),
          closedAt: at(addDays(period.endsOn, 1), '00:00'),
        })),
      },
    },
  });

  const audit: AuditRow[] = [];
  const event = (key: string, row: Omit<AuditRow, 'eventId' | 'at' | 'createdAt'> & { on: Date }): void => {
    const { on, ...rest } = row;
    audit.push({ ...rest, eventId: `demo-history:${planId}:${key}`, at: on, createdAt: on });
  };
  event('created', {
    actorId: steeringId,
    action: 'plan.created',
    entityType: 'ReformPlan',
    entityId: planId,
    after: { title: plan.title, year: plan.year },
    on: at(plan.createdOn, '15:00'),
  });
  event('issued', {
    actorId: steeringId,
    action: 'plan.issued',
    entityType: 'ReformPlan',
    entityId: planId,
    before: { status: 'DRAFT' },
    after: { status: 'ISSUED', tasks: plan.tasks.length },
    on: at(plan.issuedOn, '08:00'),
  });

  const reports: Prisma.ProgressReportCreateManyInput[] = [];
  const unfinishedUnits = new Map<string, number>();
  for (const seed of plan.tasks) {
    const taskId = historyTaskId(plan, seed);
    const assigneeUnitId = unitOf(seed.unit);
    const head = headOf(seed.unit);
    const final = finalTask(plan, seed);
    const done = completedOn(seed);
    const accepted = seed.reports.length > 0;
    const lateUntil = final.status === 'NOT_COMPLETED' ? plan.closesOn : (done ?? seed.due);
    const daysLate = done && done <= seed.due ? 0 : weekdaysBetween(seed.due, lateUntil);
    // Late: the head was told the next working day, the committee ten working days on. The
    // committee's acceptance of a completion report clears the level, as the task workflow does.
    const escalated = seed.cancelled ? 0 : daysLate >= 10 ? 2 : daysLate > 0 ? 1 : 0;
    const escalationLevel = final.status === 'NOT_COMPLETED' ? escalated : 0;
    await tx.task.create({
      data: {
        id: taskId,
        planId,
        areaId: areaIds.get(seed.area)!,
        criterionId: seed.criterion ? criterionIds!.get(seed.criterion)! : null,
        assigneeUnitId,
        responsibleUserId: accepted ? head : null,
        title: seed.title,
        description: seed.description,
        dueDate: day(seed.due),
        weight: seed.weight ?? 1,
        indicatorTarget: seed.indicatorTarget ?? null,
        status: final.status,
        progress: final.progress,
        escalationLevel,
        completedAt: done ? at(done, '16:00') : null,
        createdById: steeringId,
        createdAt: at(plan.issuedOn, '08:00'),
      },
    });
    const taskEvent = (key: string, row: Omit<Parameters<typeof event>[1], 'entityType' | 'entityId'>) =>
      event(`${seed.key}:${key}`, { ...row, entityType: 'Task', entityId: taskId });
    taskEvent('assigned', {
      actorId: steeringId,
      action: 'task.assigned',
      after: { assigneeUnitId, dueDate: seed.due, status: 'ASSIGNED', progress: 0 },
      on: at(plan.issuedOn, '08:00'),
    });
    const first = sorted(seed.reports)[0];
    if (first) {
      taskEvent('accepted', {
        actorId: head,
        action: 'task.accepted',
        before: { status: 'ASSIGNED' },
        after: { status: 'ACCEPTED', responsibleUserId: head },
        on: at(first.on < addDays(plan.issuedOn, 3) ? first.on : addDays(plan.issuedOn, 3), '08:30'),
      });
    }
    // The status each report found the task in: accepted, then as the last report and review left it.
    let previous: TaskStatus = 'ACCEPTED';
    for (const [index, report] of sorted(seed.reports).entries()) {
      const reportId = derivedId(taskId, 'report', String(index));
      const review = report.completion?.reviewedOn;
      const returned = report.completion?.returned;
      reports.push({
        id: reportId,
        taskId,
        periodId: periodId(periodOf(report.on)!),
        authorId: head,
        percent: report.percent,
        indicatorValue: report.indicatorValue ?? null,
        note: report.note,
        isCompletion: report.completion !== undefined,
        reviewOutcome: review ? (returned ? 'RETURNED' : 'ACCEPTED') : null,
        reviewReason: returned ?? null,
        reviewedById: review ? steeringId : null,
        reviewedAt: review ? at(review, '16:00') : null,
        createdAt: at(report.on, '10:30'),
      });
      const before = taskOn(seed, addDays(report.on, -1));
      const status = previous;
      previous = report.completion
        ? review
          ? returned
            ? 'RETURNED'
            : 'COMPLETED'
          : 'SUBMITTED'
        : 'IN_PROGRESS';
      taskEvent(`report:${index}`, {
        actorId: head,
        action: report.completion ? 'task.submitted' : 'task.progressReported',
        before: { status, progress: before.progress },
        after: {
          reportId,
          task: {
            status: report.completion ? 'SUBMITTED' : 'IN_PROGRESS',
            progress: report.completion ? before.progress : report.percent,
          },
        },
        on: at(report.on, '10:30'),
      });
      if (review) {
        taskEvent(`review:${index}`, {
          actorId: steeringId,
          action: returned ? 'task.returned' : 'task.completed',
          before: { status: 'SUBMITTED' },
          after: returned ? { status: 'RETURNED', reason: returned } : { status: 'COMPLETED', progress: 100 },
          on: at(review, '16:00'),
        });
      }
    }
    if (daysLate > 0 && !seed.cancelled) {
      taskEvent('overdue', {
        actorId: null,
        action: 'task.deadline.overdue',
        after: { event: { kind: 'overdue', workingDaysLate: 1 }, escalationLevel: 1 },
        on: at(addDays(seed.due, 1), '08:00'),
      });
      if (escalated === 2) {
        taskEvent('escalation', {
          actorId: null,
          action: 'task.deadline.escalation',
          after: { event: { kind: 'escalation', workingDaysLate: 10 }, escalationLevel: 2 },
          on: at(addDays(seed.due, 14), '08:00'),
        });
      }
    }
    if (seed.cancelled) {
      taskEvent('cancelled', {
        actorId: steeringId,
        action: 'task.cancelled',
        before: { status: taskOn(seed, addDays(seed.cancelled.on, -1)).status },
        after: { status: 'CANCELLED', reason: seed.cancelled.reason },
        on: at(seed.cancelled.on, '15:00'),
      });
    }
    if (final.status === 'NOT_COMPLETED') {
      const before = taskOn(seed, plan.closesOn);
      taskEvent('not-completed', {
        actorId: null,
        action: 'task.notCompleted',
        // SUBMITTED or RETURNED as its last report left it; its progress stays (docs/plan-closing.md).
        before: { status: seed.reports.length ? previous : 'ASSIGNED', progress: before.progress },
        after: { status: 'NOT_COMPLETED', progress: final.progress },
        on: at(plan.closesOn, '00:05'),
      });
      unfinishedUnits.set(assigneeUnitId, (unfinishedUnits.get(assigneeUnitId) ?? 0) + 1);
    }
  }
  await tx.progressReport.createMany({ data: reports });

  const snapshots = snapshotRows(plan);
  await tx.completionSnapshot.createMany({
    data: snapshots.map((row) => ({
      id: derivedId(planId, 'snapshot', String(row.period), row.unit, row.area),
      planId,
      periodId: periodId(row.period),
      unitId: unitOf(row.unit),
      areaId: areaIds.get(row.area)!,
      taskCount: row.taskCount,
      completed: row.completed,
      overdue: row.overdue,
      progress: row.progress.toFixed(2),
      weight: row.weight,
      createdAt: at(addDays(quarters(plan.year)[row.period - 1]!.endsOn, 1), '00:00'),
    })),
  });
  for (const period of periods) {
    event(`period:${period.number}`, {
      actorId: null,
      action: 'plan.periodClosed',
      entityType: 'ReformPlan',
      entityId: planId,
      after: {
        period: period.number,
        snapshots: snapshots.filter((row) => row.period === period.number).length,
      },
      on: at(addDays(period.endsOn, 1), '00:00'),
    });
  }
  const phases: [string, string, string][] = [
    ['ISSUED', 'ASSESSMENT', plan.assessmentOpens],
    ['ASSESSMENT', 'APPRAISAL', plan.assessmentCloses],
    ['APPRAISAL', 'PUBLISHED', plan.appraisalCloses],
    ['PUBLISHED', 'CLOSED', plan.closesOn],
  ];
  for (const [from, to, on] of phases) {
    event(`phase:${to}`, {
      actorId: null,
      action: `plan.phase.${to}`,
      entityType: 'ReformPlan',
      entityId: planId,
      before: { status: from },
      after: { status: to },
      on: at(on, '00:00'),
    });
  }
  if (unfinishedUnits.size) {
    event('unfinished', {
      actorId: null,
      action: 'plan.unfinishedTasksClosed',
      entityType: 'ReformPlan',
      entityId: planId,
      after: {
        unfinished: [...unfinishedUnits.values()].reduce((sum, count) => sum + count, 0),
        units: [...unfinishedUnits].map(([unitId, count]) => ({ unitId, count })),
      },
      on: at(plan.closesOn, '00:01'),
    });
  }
  await tx.auditEvent.createMany({ data: audit });
  return true;
}
