// Projections and fan-out of the plan workflow.
import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { Prisma, type PrismaClient } from '../../../prisma/client.ts';
import {
  COMMITTEE_ROLES,
  planClosedSignal,
  taskWorkflowId,
  type AssignTaskInput,
  type BulkAssignInput,
  type PeriodState,
  type PhaseSchedule,
  type PlanStatus,
} from '../contracts.ts';
import { requireAuthority } from './authority.ts';
import { writeOnce, type Tx } from './ledger.ts';
import { notify, usersAbove, usersOfUnit } from './notify.ts';
import { dateOnly, isoDate } from './dates.ts';
import { closeTaskNotCompleted, type Clock } from './task.ts';

/** A UUID derived from `parts` (version-5 layout), so a repeated request yields the same IDs. */
export function derivedUuid(...parts: string[]): string {
  const hex = createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** The default year-end calendar of a plan for `year`: self-assessment in December. */
export function defaultSchedule(year: number): PhaseSchedule {
  return {
    assessmentOpens: `${year}-12-01`,
    appraisalOpens: `${year + 1}-01-15`,
    publishedOn: `${year + 1}-03-01`,
    closesOn: `${year + 1}-12-31`,
  };
}

export interface PlanSnapshot {
  year: number;
  title: string;
  status: PlanStatus;
  issuingUnitId: string;
  issuingUnitPath: string;
  periods: PeriodState[];
  schedule: PhaseSchedule;
}

/** The committee's commands on a plan need STEERING reaching its issuing unit (in the database). */
async function requireCommittee(tx: Tx, actorId: string | null, planId: string): Promise<void> {
  const plan = await tx.reformPlan.findUniqueOrThrow({
    where: { id: planId },
    select: { issuingUnitId: true },
  });
  await requireAuthority(tx, actorId, COMMITTEE_ROLES, plan.issuingUnitId);
}

const OPEN: Prisma.TaskWhereInput['status'] = {
  in: ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED', 'RETURNED'],
};

export function createPlanActivities({
  prisma,
  clock,
  temporal,
}: {
  prisma: PrismaClient;
  clock: Clock;
  temporal?: { client: Client; taskQueue: string };
}) {
  const planLink = (planId: string) => `/plans/${planId}`;
  /** Unit heads of every unit with an open task in the plan. */
  const headsWithOpenTasks = async (tx: Prisma.TransactionClient, planId: string) => {
    const units = await tx.task.findMany({
      where: { planId, status: OPEN },
      distinct: ['assigneeUnitId'],
      select: { assigneeUnitId: true },
    });
    const heads = await tx.roleAssignment.findMany({
      where: { unitId: { in: units.map((u) => u.assigneeUnitId) }, role: 'UNIT_HEAD' },
      select: { userId: true },
    });
    return heads.map((h) => h.userId);
  };

  return {
    async loadPlan(planId: string): Promise<PlanSnapshot> {
      const plan = await prisma.reformPlan.findUniqueOrThrow({
        where: { id: planId },
        include: { periods: { orderBy: { number: 'asc' } }, issuingUnit: { select: { path: true } } },
      });
      const defaults = defaultSchedule(plan.year);
      return {
        year: plan.year,
        title: plan.title,
        status: plan.status,
        issuingUnitId: plan.issuingUnitId,
        issuingUnitPath: plan.issuingUnit.path,
        periods: plan.periods.map((period) => ({
          number: period.number,
          startsOn: isoDate(period.startsOn),
          endsOn: isoDate(period.endsOn),
          reminded: false,
          closed: period.closedAt !== null,
        })),
        schedule: {
          assessmentOpens: plan.assessmentOpens ? isoDate(plan.assessmentOpens) : defaults.assessmentOpens,
          appraisalOpens: plan.assessmentCloses ? isoDate(plan.assessmentCloses) : defaults.appraisalOpens,
          publishedOn: plan.appraisalCloses ? isoDate(plan.appraisalCloses) : defaults.publishedOn,
          closesOn: plan.closesOn ? isoDate(plan.closesOn) : defaults.closesOn,
        },
      };
    },

    async countOpenTasks(planId: string): Promise<number> {
      return prisma.task.count({ where: { planId, status: OPEN } });
    },

    /** DRAFT → ISSUED, with the number of task workflows to start. */
    async recordPlanIssued(input: { eventId: string; planId: string; actorId: string }): Promise<number> {
      let total = 0;
      await writeOnce(
        prisma,
        {
          eventId: input.eventId,
          actorId: input.actorId,
          action: 'plan.issued',
          entityType: 'ReformPlan',
          entityId: input.planId,
        },
        async (tx) => {
          await requireCommittee(tx, input.actorId, input.planId);
          total = await tx.task.count({ where: { planId: input.planId, status: OPEN } });
          const plan = await tx.reformPlan.update({
            where: { id: input.planId },
            data: { status: 'ISSUED', issuedAt: clock.now(), issuingTotal: total, issuingDone: 0 },
          });
          await notify(tx, {
            eventId: input.eventId,
            userIds: await usersAbove(tx, plan.issuingUnitId, 'STEERING'),
            kind: 'plan.issued',
            params: { title: plan.title },
            link: planLink(plan.id),
          });
          return { after: plan };
        },
      );
      return total;
    },

    /**
     * Starts the task workflows of the plan's open tasks that have none yet, `chunk` at a time,
     * heartbeating after each chunk, until `limit` are started or none are left. Resumable: the
     * rows marked with workflowStartedAt are the cursor, and a start repeated after a crash
     * finds the workflow already there (idempotent IDs).
     */
    async startTaskWorkflows(input: {
      planId: string;
      /** Who issued the plan or added the tasks; the plan's author when unknown. */
      actorId: string | null;
      limit: number;
      chunk?: number;
    }): Promise<{ started: number; remaining: boolean; done: number; total: number }> {
      if (!temporal)
        throw new Error('startTaskWorkflows needs a Temporal client (createActivities({ temporal })).');
      const chunk = input.chunk ?? 50;
      const actorId =
        input.actorId ??
        (
          await prisma.reformPlan.findUniqueOrThrow({
            where: { id: input.planId },
            select: { createdById: true },
          })
        ).createdById;
      let started = 0;
      let remaining = true;
      while (started < input.limit) {
        const rows = await prisma.task.findMany({
          where: { planId: input.planId, workflowStartedAt: null, status: OPEN },
          orderBy: { id: 'asc' },
          take: Math.min(chunk, input.limit - started),
        });
        if (rows.length === 0) {
          remaining = false;
          break;
        }
        await Promise.all(
          rows.map(async (row) => {
            const args: AssignTaskInput = {
              taskId: row.id,
              planId: row.planId,
              areaId: row.areaId,
              criterionId: row.criterionId,
              assigneeUnitId: row.assigneeUnitId,
              title: row.title,
              description: row.description,
              dueDate: isoDate(row.dueDate),
              weight: row.weight,
              indicatorTarget: row.indicatorTarget,
              actorId,
            };
            try {
              await temporal.client.workflow.start('taskWorkflow', {
                taskQueue: temporal.taskQueue,
                workflowId: taskWorkflowId(row.id),
                args: [args],
                workflowIdConflictPolicy: 'USE_EXISTING',
                workflowIdReusePolicy: 'REJECT_DUPLICATE',
              });
            } catch (error) {
              // Already started and finished earlier: nothing to do.
              if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
            }
          }),
        );
        await prisma.task.updateMany({
          where: { id: { in: rows.map((row) => row.id) } },
          data: { workflowStartedAt: clock.now() },
        });
        started += rows.length;
        Context.current().heartbeat({ started });
      }
      const [done, plan] = await Promise.all([
        prisma.task.count({ where: { planId: input.planId, workflowStartedAt: { not: null } } }),
        prisma.reformPlan.findUniqueOrThrow({ where: { id: input.planId }, select: { issuingTotal: true } }),
      ]);
      const total = Math.max(plan.issuingTotal, done);
      await prisma.reformPlan.update({
        where: { id: input.planId },
        data: { issuingDone: done, issuingTotal: total },
      });
      return { started, remaining, done, total };
    },

    /** Writes one task per unit of `level` under the parent, with IDs derived from the request. */
    async createBulkTasks(input: BulkAssignInput & { eventId: string; planId: string }): Promise<string[]> {
      const parent = await prisma.unit.findUniqueOrThrow({ where: { id: input.parentUnitId } });
      const units = await prisma.unit.findMany({
        where: {
          path: { startsWith: parent.path },
          id: { not: parent.id },
          level: input.level,
          mergedIntoId: null,
        },
        orderBy: { code: 'asc' },
        select: { id: true },
      });
      const taskIds = units.map((unit) => derivedUuid(input.requestId, unit.id));
      await writeOnce(
        prisma,
        {
          eventId: input.eventId,
          actorId: input.actorId,
          action: 'plan.bulkAssigned',
          entityType: 'ReformPlan',
          entityId: input.planId,
        },
        async (tx) => {
          await requireCommittee(tx, input.actorId, input.planId);
          await tx.task.createMany({
            data: units.map((unit, index) => ({
              id: taskIds[index]!,
              planId: input.planId,
              areaId: input.areaId,
              criterionId: input.criterionId ?? null,
              assigneeUnitId: unit.id,
              title: input.title,
              description: input.description ?? '',
              dueDate: dateOnly(input.dueDate),
              weight: input.weight ?? 1,
              indicatorTarget: input.indicatorTarget ?? null,
              createdById: input.actorId,
            })),
            skipDuplicates: true,
          });
          await tx.reformPlan.update({
            where: { id: input.planId },
            data: { issuingTotal: { increment: units.length } },
          });
          return {
            after: { title: input.title, level: input.level, parentUnitId: input.parentUnitId, taskIds },
          };
        },
      );
      return taskIds;
    },

    /** Asks the head of every unit with open tasks for its period report. */
    async requestPeriodReports(input: {
      eventId: string;
      planId: string;
      period: PeriodState;
    }): Promise<void> {
      await writeOnce(
        prisma,
        {
          eventId: input.eventId,
          actorId: null,
          action: 'plan.reportsRequested',
          entityType: 'ReformPlan',
          entityId: input.planId,
        },
        async (tx) => {
          const plan = await tx.reformPlan.findUniqueOrThrow({ where: { id: input.planId } });
          const written = await notify(tx, {
            eventId: input.eventId,
            userIds: await headsWithOpenTasks(tx, input.planId),
            kind: 'plan.reportDue',
            params: { title: plan.title, period: input.period.number, closesOn: input.period.endsOn },
            link: planLink(plan.id),
          });
          return { after: { period: input.period.number, notified: written } };
        },
      );
    },

    /** At a period's close: completion per unit and area, for trends and computed criteria. */
    async snapshotPeriod(input: { eventId: string; planId: string; period: PeriodState }): Promise<void> {
      await writeOnce(
        prisma,
        {
          eventId: input.eventId,
          actorId: null,
          action: 'plan.periodClosed',
          entityType: 'ReformPlan',
          entityId: input.planId,
        },
        async (tx) => {
          const period = await tx.reportingPeriod.findUniqueOrThrow({
            where: { planId_number: { planId: input.planId, number: input.period.number } },
          });
          const rows = await tx.$executeRaw`
            INSERT INTO "CompletionSnapshot"
              ("id", "planId", "periodId", "unitId", "areaId", "taskCount", "completed", "overdue", "progress", "weight", "updatedAt")
            SELECT gen_random_uuid()::text, t."planId", ${period.id}, t."assigneeUnitId", t."areaId",
                   count(*)::int,
                   count(*) FILTER (WHERE t.status = 'COMPLETED')::int,
                   count(*) FILTER (WHERE t.status <> 'COMPLETED' AND t."dueDate" <= ${period.endsOn})::int,
                   round(sum(t.progress * t.weight)::numeric / nullif(sum(t.weight), 0), 2),
                   sum(CASE WHEN t.weight > 0 THEN t.weight ELSE 1 END)::int,
                   now()
              FROM "Task" t
             WHERE t."planId" = ${input.planId} AND t.status <> 'CANCELLED'
             GROUP BY t."planId", t."assigneeUnitId", t."areaId"
            ON CONFLICT ("periodId", "unitId", "areaId") DO UPDATE
               SET "taskCount" = EXCLUDED."taskCount", "completed" = EXCLUDED."completed",
                   "overdue" = EXCLUDED."overdue", "progress" = EXCLUDED."progress",
                   "weight" = EXCLUDED."weight", "updatedAt" = now()`;
          await tx.reportingPeriod.update({ where: { id: period.id }, data: { closedAt: clock.now() } });
          return { after: { period: input.period.number, snapshots: rows } };
        },
      );
    },

    /** Moves the plan to a year-end phase and tells the units and the committee. */
    async recordPlanPhase(input: {
      eventId: string;
      planId: string;
      status: PlanStatus;
      actorId: string | null;
      /** Set for the committee's advancePhase command (not for a phase date reached). */
      byCommand?: boolean;
    }): Promise<void> {
      await writeOnce(
        prisma,
        {
          eventId: input.eventId,
          actorId: input.actorId,
          action: `plan.phase.${input.status}`,
          entityType: 'ReformPlan',
          entityId: input.planId,
        },
        async (tx) => {
          if (input.byCommand) await requireCommittee(tx, input.actorId, input.planId);
          const before = await tx.reformPlan.findUniqueOrThrow({ where: { id: input.planId } });
          const plan = await tx.reformPlan.update({
            where: { id: input.planId },
            data: { status: input.status },
          });
          const units = await tx.task.findMany({
            where: { planId: input.planId },
            distinct: ['assigneeUnitId'],
            select: { assigneeUnitId: true },
          });
          const heads = await Promise.all(units.map((u) => usersOfUnit(tx, u.assigneeUnitId, ['UNIT_HEAD'])));
          await notify(tx, {
            eventId: input.eventId,
            userIds: [...heads.flat(), ...(await usersAbove(tx, plan.issuingUnitId, 'STEERING'))],
            kind: 'plan.phaseChanged',
            params: { title: plan.title, phase: input.status },
            link: planLink(plan.id),
          });
          return { before: { status: before.status }, after: { status: plan.status } };
        },
      );
    },

    /**
     * The plan has CLOSED: every unfinished task (open status) becomes NOT_COMPLETED.
     *
     * First, once (event `eventId`), the summary: each unit's head is told how many of the unit's
     * tasks closed unfinished (one notification per unit, not per task), the committee over the
     * issuing unit once for the whole plan, and the plan's AuditEvent counts them per unit. Then
     * each open task's workflow gets the `planClosed` signal, `chunk` at a time in task-ID order,
     * heartbeating the last ID so that a retried attempt resumes after it; the task workflow
     * writes its own NOT_COMPLETED row and AuditEvent. A task without a running workflow (never
     * started, or finished while its row still said open) is closed here directly, under the
     * same event ID the workflow would use. Repeating any of it changes nothing.
     */
    async closeUnfinishedTasks(input: {
      eventId: string;
      planId: string;
      chunk?: number;
    }): Promise<{ signalled: number; closedHere: number }> {
      const chunk = input.chunk ?? 100;
      await writeOnce(
        prisma,
        {
          eventId: input.eventId,
          actorId: null,
          action: 'plan.unfinishedTasksClosed',
          entityType: 'ReformPlan',
          entityId: input.planId,
        },
        async (tx) => {
          const plan = await tx.reformPlan.findUniqueOrThrow({ where: { id: input.planId } });
          const groups = await tx.task.groupBy({
            by: ['assigneeUnitId'],
            where: { planId: input.planId, status: OPEN },
            _count: { _all: true },
            orderBy: { assigneeUnitId: 'asc' },
          });
          const units = await tx.unit.findMany({
            where: { id: { in: groups.map((g) => g.assigneeUnitId) } },
            select: { id: true, name: true },
          });
          const names = new Map(units.map((u) => [u.id, u.name]));
          let total = 0;
          for (const group of groups) {
            const count = group._count._all;
            total += count;
            await notify(tx, {
              eventId: `${input.eventId}:unit:${group.assigneeUnitId}`,
              userIds: await usersOfUnit(tx, group.assigneeUnitId, ['UNIT_HEAD']),
              kind: 'plan.tasksNotCompleted',
              params: { title: plan.title, count, unit: names.get(group.assigneeUnitId) ?? '' },
              link: planLink(plan.id),
            });
          }
          if (total > 0) {
            await notify(tx, {
              eventId: input.eventId,
              userIds: await usersAbove(tx, plan.issuingUnitId, 'STEERING'),
              kind: 'plan.closedUnfinished',
              params: { title: plan.title, count: total, units: groups.length },
              link: planLink(plan.id),
            });
          }
          return {
            after: {
              unfinished: total,
              units: groups.map((g) => ({ unitId: g.assigneeUnitId, tasks: g._count._all })),
            },
          };
        },
      );

      let after = (Context.current().info.heartbeatDetails as { after?: string } | undefined)?.after ?? '';
      let signalled = 0;
      let closedHere = 0;
      for (;;) {
        const rows = await prisma.task.findMany({
          where: { planId: input.planId, status: OPEN, id: { gt: after } },
          orderBy: { id: 'asc' },
          take: chunk,
          select: { id: true, workflowStartedAt: true },
        });
        if (rows.length === 0) break;
        await Promise.all(
          rows.map(async (row) => {
            const closeHere = () =>
              closeTaskNotCompleted(prisma, clock, {
                eventId: `${taskWorkflowId(row.id)}:plan-closed`,
                taskId: row.id,
                progress: null,
              });
            if (!row.workflowStartedAt || !temporal) {
              await closeHere();
              closedHere += 1;
              return;
            }
            try {
              await temporal.client.workflow
                .getHandle(taskWorkflowId(row.id))
                .signal(planClosedSignal, { planId: input.planId });
              signalled += 1;
            } catch (error) {
              // The workflow has finished (or was terminated) while its row still says open.
              if (!(error instanceof WorkflowNotFoundError)) throw error;
              await closeHere();
              closedHere += 1;
            }
          }),
        );
        after = rows[rows.length - 1]!.id;
        Context.current().heartbeat({ after });
      }
      return { signalled, closedHere };
    },

    /**
     * Before ASSESSMENT ends, the units with tasks in the plan are reminded to finish their
     * self-assessment; before APPRAISAL ends, the steering committee its appraisal.
     */
    async remindPhaseEnding(input: {
      eventId: string;
      planId: string;
      phase: PlanStatus;
      endsOn: string;
    }): Promise<void> {
      await writeOnce(
        prisma,
        {
          eventId: input.eventId,
          actorId: null,
          action: `plan.phaseEnding.${input.phase}`,
          entityType: 'ReformPlan',
          entityId: input.planId,
        },
        async (tx) => {
          const plan = await tx.reformPlan.findUniqueOrThrow({ where: { id: input.planId } });
          let userIds: string[];
          if (input.phase === 'ASSESSMENT') {
            const units = await tx.task.findMany({
              where: { planId: input.planId },
              distinct: ['assigneeUnitId'],
              select: { assigneeUnitId: true },
            });
            userIds = (
              await Promise.all(units.map((u) => usersOfUnit(tx, u.assigneeUnitId, ['UNIT_HEAD'])))
            ).flat();
          } else {
            userIds = await usersAbove(tx, plan.issuingUnitId, 'STEERING');
          }
          const notified = await notify(tx, {
            eventId: input.eventId,
            userIds,
            kind: 'plan.phaseEnding',
            params: { title: plan.title, phase: input.phase, endsOn: input.endsOn },
            link: planLink(plan.id),
          });
          return { after: { phase: input.phase, endsOn: input.endsOn, notified } };
        },
      );
    },

    async recordPhaseSchedule(input: {
      eventId: string;
      planId: string;
      actorId: string;
      schedule: PhaseSchedule;
    }): Promise<void> {
      await writeOnce(
        prisma,
        {
          eventId: input.eventId,
          actorId: input.actorId,
          action: 'plan.scheduleChanged',
          entityType: 'ReformPlan',
          entityId: input.planId,
        },
        async (tx) => {
          await requireCommittee(tx, input.actorId, input.planId);
          const before = await tx.reformPlan.findUniqueOrThrow({ where: { id: input.planId } });
          const after = await tx.reformPlan.update({
            where: { id: input.planId },
            data: {
              assessmentOpens: dateOnly(input.schedule.assessmentOpens),
              assessmentCloses: dateOnly(input.schedule.appraisalOpens),
              appraisalCloses: dateOnly(input.schedule.publishedOn),
              closesOn: dateOnly(input.schedule.closesOn),
            },
          });
          return { before, after };
        },
      );
    },
  };
}

export type PlanActivities = ReturnType<typeof createPlanActivities>;
