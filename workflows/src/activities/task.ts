// Projections of the task workflow into PostgreSQL. Each call writes its row changes, its
// AuditEvent and its notifications in one transaction, once per event ID.
import type { PrismaClient, TaskStatus } from '../../../prisma/client.ts';
import { ApplicationFailure } from '@temporalio/common';
import {
  COMMITTEE_ROLES,
  REASSIGN_ROLES,
  TaskFailure,
  type ActorRole,
  type AssignTaskInput,
} from '../contracts.ts';
import { requireAuthority } from './authority.ts';
import type { DeadlineEvent } from '../workflows/deadlines.ts';
import { dateOnly, isoDate } from './dates.ts';
import { calendarEntry } from '../calendar.ts';
import { writeOnce, type Tx } from './ledger.ts';
import { notify, usersAbove, usersOfUnit, type NotifyInput } from './notify.ts';

export interface AssignedTaskRow {
  /** The row was there before the workflow (a draft plan's task, demo data). */
  adopted: boolean;
  status: TaskStatus;
  progress: number;
  dueDate: string;
  assigneeUnitId: string;
  responsibleUserId: string | null;
  escalationLevel: number;
  /** For the validators of the committee's commands. */
  issuingUnitId: string;
  issuingUnitPath: string;
}

/** A notification to write with the change; its event ID is the change's. */
type Message = Omit<NotifyInput, 'eventId'>;

export interface Clock {
  now(): Date;
}

interface Event {
  eventId: string;
  taskId: string;
  actorId: string | null;
}

export interface RecordProgressInput extends Event {
  actorId: string;
  /** The client's request ID, unique per task: a second row for it cannot be written. */
  requestId?: string | null;
  percent: number;
  indicatorValue: string | null;
  note: string;
  reason: string | null;
  evidenceIds: string[];
  status: TaskStatus;
  /** The completion report that moves the task to SUBMITTED. */
  isCompletion: boolean;
  /** Set when a report on an ASSIGNED task accepts it implicitly, naming the reporter. */
  responsibleUserId: string | null;
}

async function loadTask(tx: Tx, taskId: string) {
  return tx.task.findUniqueOrThrow({
    where: { id: taskId },
    include: { assigneeUnit: { select: { name: true } }, plan: { select: { issuingUnitId: true } } },
  });
}

const link = (taskId: string) => `/tasks/${taskId}`;

/** Who may command a task: the committee over the plan's issuing unit, or the assignee unit. */
interface Authority {
  roles: readonly ActorRole[];
  over: 'issuingUnit' | 'assigneeUnit';
}
const COMMITTEE: Authority = { roles: COMMITTEE_ROLES, over: 'issuingUnit' };
const REASSIGNER: Authority = { roles: REASSIGN_ROLES, over: 'issuingUnit' };
const ASSIGNEE: Authority = { roles: ['UNIT_HEAD', 'UNIT_STAFF'], over: 'assigneeUnit' };

export function createTaskActivities({ prisma, clock }: { prisma: PrismaClient; clock: Clock }) {
  /**
   * One audited change to a task: `change` updates rows and says whom to tell. A user's command
   * names the `authority` it needs, checked against the database in the same transaction.
   */
  const taskChange = (
    event: Event,
    action: string,
    authority: Authority | null,
    change: (
      tx: Tx,
      before: Awaited<ReturnType<typeof loadTask>>,
    ) => Promise<{ after?: unknown; notify?: Message[] }>,
  ) =>
    writeOnce(
      prisma,
      { eventId: event.eventId, actorId: event.actorId, action, entityType: 'Task', entityId: event.taskId },
      async (tx) => {
        const before = await loadTask(tx, event.taskId);
        if (authority) {
          const unitId = authority.over === 'issuingUnit' ? before.plan.issuingUnitId : before.assigneeUnitId;
          await requireAuthority(tx, event.actorId, authority.roles, unitId);
        }
        const { after, notify: messages = [] } = await change(tx, before);
        for (const message of messages) await notify(tx, { ...message, eventId: event.eventId });
        const { assigneeUnit: _unit, plan: _plan, ...row } = before;
        return { before: row, after };
      },
    );

  return {
    /**
     * The Holiday table as entries of the workflows' working-day calendar: a holiday's date, or
     * 'W:' + date for a swapped working day (see WORKING_DAY_PREFIX: histories recorded before
     * swapped days existed hold plain dates only, and replay unchanged).
     */
    async loadHolidays(): Promise<string[]> {
      const rows = await prisma.holiday.findMany({
        select: { date: true, kind: true },
        orderBy: { date: 'asc' },
      });
      return rows.map((row) => calendarEntry(isoDate(row.date), row.kind));
    },

    /**
     * Creates the task's row (or finds the one a draft plan or the demo data holds) and tells
     * the unit head. Returns the row's state, which the workflow adopts.
     */
    async recordTaskAssigned(input: AssignTaskInput & { eventId: string }): Promise<AssignedTaskRow> {
      let adopted = false;
      await writeOnce(
        prisma,
        {
          eventId: input.eventId,
          actorId: input.actorId,
          action: 'task.assigned',
          entityType: 'Task',
          entityId: input.taskId,
        },
        async (tx) => {
          const existing = await tx.task.findUnique({ where: { id: input.taskId } });
          adopted = existing !== null;
          // workflowStartedAt says the task has its workflow, whichever way it was started
          // (the plan's fan-out, or the API for a task added to an issued plan).
          if (existing && !existing.workflowStartedAt) {
            await tx.task.update({ where: { id: existing.id }, data: { workflowStartedAt: clock.now() } });
          }
          const task =
            existing ??
            (await tx.task.create({
              data: {
                id: input.taskId,
                planId: input.planId,
                areaId: input.areaId,
                criterionId: input.criterionId,
                assigneeUnitId: input.assigneeUnitId,
                title: input.title,
                description: input.description,
                dueDate: dateOnly(input.dueDate),
                weight: input.weight,
                indicatorTarget: input.indicatorTarget,
                createdById: input.actorId,
                workflowStartedAt: clock.now(),
              },
            }));
          await notify(tx, {
            eventId: input.eventId,
            userIds: await usersOfUnit(tx, task.assigneeUnitId, ['UNIT_HEAD']),
            kind: 'task.assigned',
            params: { title: task.title, dueDate: isoDate(task.dueDate) },
            link: link(task.id),
          });
          return { after: task };
        },
      );
      const row = await prisma.task.findUniqueOrThrow({
        where: { id: input.taskId },
        include: { plan: { select: { issuingUnit: { select: { id: true, path: true } } } } },
      });
      return {
        // A retried call finds the row it wrote itself: only the first call can tell.
        adopted: adopted || row.createdAt.getTime() < clock.now().getTime() - 60_000,
        status: row.status,
        progress: row.progress,
        dueDate: isoDate(row.dueDate),
        assigneeUnitId: row.assigneeUnitId,
        responsibleUserId: row.responsibleUserId,
        escalationLevel: row.escalationLevel,
        issuingUnitId: row.plan.issuingUnit.id,
        issuingUnitPath: row.plan.issuingUnit.path,
      };
    },

    async recordTaskAccepted(input: Event & { responsibleUserId: string }): Promise<void> {
      await taskChange(input, 'task.accepted', ASSIGNEE, async (tx, before) => ({
        after: await tx.task.update({
          where: { id: input.taskId },
          data: { status: 'ACCEPTED', responsibleUserId: input.responsibleUserId },
        }),
        notify: [
          {
            userIds: await usersAbove(tx, before.plan.issuingUnitId, 'STEERING'),
            kind: 'task.accepted',
            params: { title: before.title, unit: before.assigneeUnit.name },
            link: link(before.id),
          },
        ],
      }));
    },

    async recordProgress(input: RecordProgressInput): Promise<void> {
      await taskChange(
        input,
        input.isCompletion ? 'task.submitted' : 'task.progressReported',
        ASSIGNEE,
        async (tx, before) => {
          if (input.requestId) {
            // The same request under another event ID: only a client that sends a request ID
            // without using it as the Update's ID gets here. Refused, never retried.
            const seen = await tx.progressReport.findUnique({
              where: { taskId_requestId: { taskId: input.taskId, requestId: input.requestId } },
              select: { id: true },
            });
            if (seen) {
              throw ApplicationFailure.nonRetryable(
                'This report was recorded already under the same requestId.',
                TaskFailure.DuplicateRequest,
              );
            }
          }
          const today = clock.now();
          const period = await tx.reportingPeriod.findFirst({
            where: { planId: before.planId, startsOn: { lte: today }, endsOn: { gte: today } },
            select: { id: true },
          });
          const report = await tx.progressReport.create({
            data: {
              taskId: input.taskId,
              periodId: period?.id ?? null,
              authorId: input.actorId,
              requestId: input.requestId ?? null,
              percent: input.percent,
              indicatorValue: input.indicatorValue,
              note: input.reason ? `${input.note}\n${input.reason}`.trim() : input.note,
              isCompletion: input.isCompletion,
            },
          });
          if (input.evidenceIds.length) {
            await tx.evidence.updateMany({
              // Only the reporter's own files uploaded for this task (the API refuses others first).
              where: {
                id: { in: input.evidenceIds },
                progressReportId: null,
                uploadedById: input.actorId,
                taskId: input.taskId,
              },
              data: { progressReportId: report.id },
            });
          }
          const task = await tx.task.update({
            where: { id: input.taskId },
            data: {
              progress: input.percent,
              status: input.status,
              ...(input.responsibleUserId ? { responsibleUserId: input.responsibleUserId } : {}),
            },
          });
          return {
            after: { task, reportId: report.id },
            notify: input.isCompletion
              ? [
                  {
                    userIds: await usersAbove(tx, before.plan.issuingUnitId, 'STEERING'),
                    kind: 'task.submitted',
                    params: { title: before.title, unit: before.assigneeUnit.name },
                    link: link(before.id),
                  },
                ]
              : [],
          };
        },
      );
    },

    /** Accepts the completion report (COMPLETED) or returns it with a reason (RETURNED). */
    async recordReview(
      input: Event & {
        actorId: string;
        outcome: 'ACCEPT' | 'RETURN';
        reason: string | null;
        progress: number;
      },
    ): Promise<void> {
      await taskChange(
        input,
        input.outcome === 'ACCEPT' ? 'task.completed' : 'task.returned',
        COMMITTEE,
        async (tx, before) => {
          const report = await tx.progressReport.findFirst({
            where: { taskId: input.taskId, isCompletion: true, reviewOutcome: null },
            orderBy: { createdAt: 'desc' },
          });
          if (report) {
            await tx.progressReport.update({
              where: { id: report.id },
              data: {
                reviewOutcome: input.outcome === 'ACCEPT' ? 'ACCEPTED' : 'RETURNED',
                reviewReason: input.reason,
                reviewedById: input.actorId,
                reviewedAt: clock.now(),
              },
            });
          }
          const accepted = input.outcome === 'ACCEPT';
          return {
            after: await tx.task.update({
              where: { id: input.taskId },
              data: accepted
                ? { status: 'COMPLETED', progress: 100, completedAt: clock.now(), escalationLevel: 0 }
                : { status: 'RETURNED', progress: input.progress },
            }),
            notify: [
              {
                userIds: await usersOfUnit(tx, before.assigneeUnitId, ['UNIT_HEAD']),
                kind: accepted ? 'task.completed' : 'task.returned',
                params: { title: before.title, reason: input.reason ?? '' },
                link: link(before.id),
              },
            ],
          };
        },
      );
    },

    async recordExtensionRequest(
      input: Event & { actorId: string; requestedDueDate: string; reason: string },
    ): Promise<void> {
      await taskChange(input, 'task.extensionRequested', ASSIGNEE, async (tx, before) => ({
        after: await tx.extension.create({
          data: {
            taskId: input.taskId,
            requestedById: input.actorId,
            requestedDueDate: dateOnly(input.requestedDueDate),
            reason: input.reason,
          },
        }),
        notify: [
          {
            userIds: await usersAbove(tx, before.plan.issuingUnitId, 'STEERING'),
            kind: 'task.extensionRequested',
            params: {
              title: before.title,
              unit: before.assigneeUnit.name,
              requestedDueDate: input.requestedDueDate,
              reason: input.reason,
            },
            link: link(before.id),
          },
        ],
      }));
    },

    /** Grants (the due date moves, escalation starts over) or refuses the waiting request. */
    async recordExtensionDecision(
      input: Event & { actorId: string; grant: boolean; note: string | null },
    ): Promise<void> {
      await taskChange(
        input,
        input.grant ? 'task.extensionGranted' : 'task.extensionRefused',
        COMMITTEE,
        async (tx, before) => {
          const request = await tx.extension.findFirstOrThrow({
            where: { taskId: input.taskId, status: 'REQUESTED' },
            orderBy: { createdAt: 'desc' },
          });
          const extension = await tx.extension.update({
            where: { id: request.id },
            data: {
              status: input.grant ? 'GRANTED' : 'REFUSED',
              decidedById: input.actorId,
              decidedAt: clock.now(),
              decisionNote: input.note,
            },
          });
          const task = input.grant
            ? await tx.task.update({
                where: { id: input.taskId },
                data: { dueDate: request.requestedDueDate, escalationLevel: 0 },
              })
            : before;
          return {
            after: { extension, dueDate: isoDate(task.dueDate) },
            notify: [
              {
                userIds: await usersOfUnit(tx, before.assigneeUnitId, ['UNIT_HEAD']),
                kind: 'task.extensionDecided',
                params: {
                  title: before.title,
                  decision: input.grant ? isoDate(request.requestedDueDate) : (input.note ?? '—'),
                },
                link: link(before.id),
              },
            ],
          };
        },
      );
    },

    /** Moves the task to another unit: it must be accepted again, its escalation starts over. */
    async recordReassignment(input: Event & { toUnitId: string; reason: string }): Promise<void> {
      await taskChange(input, 'task.reassigned', REASSIGNER, async (tx, before) => {
        await tx.extension.updateMany({
          where: { taskId: input.taskId, status: 'REQUESTED' },
          data: { status: 'REFUSED', decidedAt: clock.now(), decisionNote: input.reason },
        });
        const task = await tx.task.update({
          where: { id: input.taskId },
          data: {
            assigneeUnitId: input.toUnitId,
            status: 'ASSIGNED',
            responsibleUserId: null,
            escalationLevel: 0,
          },
          include: { assigneeUnit: { select: { name: true } } },
        });
        return {
          // The reason goes into the audit trail with the new state, for the task's timeline.
          after: { ...task, reason: input.reason },
          notify: [
            {
              userIds: [
                ...(await usersOfUnit(tx, input.toUnitId, ['UNIT_HEAD'])),
                ...(await usersOfUnit(tx, before.assigneeUnitId, ['UNIT_HEAD'])),
              ],
              kind: 'task.reassigned',
              params: { title: before.title, unit: task.assigneeUnit.name },
              link: link(before.id),
            },
          ],
        };
      });
    },

    async recordTaskCancelled(input: Event & { reason: string }): Promise<void> {
      await taskChange(input, 'task.cancelled', COMMITTEE, async (tx, before) => ({
        after: {
          ...(await tx.task.update({ where: { id: input.taskId }, data: { status: 'CANCELLED' } })),
          reason: input.reason,
        },
        notify: [
          {
            userIds: await usersOfUnit(tx, before.assigneeUnitId, ['UNIT_HEAD']),
            kind: 'task.cancelled',
            params: { title: before.title, reason: input.reason },
            link: link(before.id),
          },
        ],
      }));
    },

    /**
     * The task's plan has closed while the task was open: it becomes NOT_COMPLETED with
     * `progress` (see closeTaskNotCompleted). Written by the task workflow on `planClosed`.
     */
    async recordTaskNotCompleted(input: NotCompletedInput): Promise<void> {
      await closeTaskNotCompleted(prisma, clock, input);
    },

    /**
     * A reminder, the overdue notice or an escalation, with the task's escalation level. When the
     * task's plan has closed meanwhile (a plan closed before its workflow told its tasks, or whose
     * message was lost) nothing is written or sent, and `planClosed` tells the workflow to close.
     */
    async recordDeadlineEvent(
      input: Event & { event: DeadlineEvent; escalationLevel: number },
    ): Promise<{ planClosed: boolean }> {
      const { event } = input;
      const task = await prisma.task.findUnique({
        where: { id: input.taskId },
        select: { plan: { select: { status: true } } },
      });
      if (task?.plan.status === 'CLOSED') return { planClosed: true };
      await taskChange(input, `task.deadline.${event.kind}`, null, async (tx, before) => {
        const after =
          before.escalationLevel === input.escalationLevel
            ? before
            : await tx.task.update({
                where: { id: input.taskId },
                data: { escalationLevel: input.escalationLevel },
              });
        const dueDate = isoDate(before.dueDate);
        const params = { title: before.title, dueDate, unit: before.assigneeUnit.name };
        return {
          after: { escalationLevel: after.escalationLevel, event },
          notify: [
            event.kind === 'escalation'
              ? {
                  userIds: await usersAbove(tx, before.plan.issuingUnitId, 'STEERING'),
                  kind: 'task.escalated',
                  params: { ...params, workingDays: event.workingDaysLate },
                  link: link(before.id),
                }
              : {
                  userIds: await usersOfUnit(tx, before.assigneeUnitId, ['UNIT_HEAD', 'UNIT_STAFF']),
                  kind: event.kind === 'reminder' ? 'task.reminder' : 'task.overdue',
                  params:
                    event.kind === 'reminder' ? { ...params, workingDays: event.workingDaysLeft } : params,
                  link: link(before.id),
                },
          ],
        };
      });
      return { planClosed: false };
    },
  };
}

export interface NotCompletedInput {
  /** `task-<id>:plan-closed`, whoever writes it (the task workflow or the plan's closing activity). */
  eventId: string;
  taskId: string;
  /**
   * The progress the task keeps; null keeps the row's own, except that a completion report still
   * waiting for review does not count (the progress of the last report before it).
   */
  progress: number | null;
}

/**
 * Closes an open task of a closed plan: status NOT_COMPLETED with the progress it had, a waiting
 * extension request closed undecided (REFUSED, nobody as decider, the audit says why), one
 * AuditEvent `task.notCompleted`. No notification per task: the plan's closing activity sends
 * one summary per unit and one to the committee. A task that is no longer open is left alone
 * (the audit row then records that nothing changed). Idempotent by event ID.
 */
export async function closeTaskNotCompleted(
  prisma: PrismaClient,
  clock: Clock,
  input: NotCompletedInput,
): Promise<void> {
  await writeOnce(
    prisma,
    {
      eventId: input.eventId,
      actorId: null,
      action: 'task.notCompleted',
      entityType: 'Task',
      entityId: input.taskId,
    },
    async (tx) => {
      const before = await tx.task.findUniqueOrThrow({ where: { id: input.taskId } });
      if (!OPEN_STATUSES.includes(before.status)) {
        return { before: { status: before.status }, after: { status: before.status, unchanged: true } };
      }
      const progress = input.progress ?? (await progressBeforeReview(tx, before));
      const extensions = await tx.extension.findMany({
        where: { taskId: input.taskId, status: 'REQUESTED' },
        select: { id: true },
      });
      if (extensions.length) {
        await tx.extension.updateMany({
          where: { id: { in: extensions.map((e) => e.id) } },
          data: { status: 'REFUSED', decidedAt: clock.now() },
        });
      }
      const after = await tx.task.update({
        where: { id: input.taskId },
        data: { status: 'NOT_COMPLETED', progress },
      });
      return {
        before: { status: before.status, progress: before.progress },
        after: {
          status: after.status,
          progress: after.progress,
          reason: 'plan.closed',
          extensionsClosed: extensions.map((e) => e.id),
        },
      };
    },
  );
}

const OPEN_STATUSES: readonly TaskStatus[] = ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED', 'RETURNED'];

/** A SUBMITTED task's progress without its unreviewed completion report; others keep theirs. */
async function progressBeforeReview(
  tx: Tx,
  task: { id: string; status: TaskStatus; progress: number },
): Promise<number> {
  if (task.status !== 'SUBMITTED') return task.progress;
  const last = await tx.progressReport.findFirst({
    where: { taskId: task.id, isCompletion: false },
    orderBy: { createdAt: 'desc' },
    select: { percent: true },
  });
  return last?.percent ?? 0;
}

export type TaskActivities = ReturnType<typeof createTaskActivities>;
