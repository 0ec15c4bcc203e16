import type { PrismaClient } from '../../../prisma/client.ts';
import type { AssignTaskInput, TaskStatus } from '../contracts.ts';
import { writeOnce } from './ledger.ts';

export interface ActivityDependencies {
  prisma: PrismaClient;
  clock?: { now(): Date };
}

export interface RecordProgressInput {
  eventId: string;
  taskId: string;
  actorId: string;
  percent: number;
  indicatorValue: string | null;
  note: string;
  reason: string | null;
  status: TaskStatus;
}

const dateOnly = (isoDate: string): Date => new Date(`${isoDate}T00:00:00.000Z`);

/** Activities project workflow state into PostgreSQL; each write is idempotent by event ID. */
export function createActivities({ prisma, clock = { now: () => new Date() } }: ActivityDependencies) {
  return {
    async recordTaskAssigned(input: AssignTaskInput & { eventId: string }): Promise<void> {
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
          const task = await tx.task.create({
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
            },
          });
          const heads = await tx.roleAssignment.findMany({
            where: { unitId: input.assigneeUnitId, role: 'UNIT_HEAD' },
            select: { userId: true },
          });
          await tx.notification.createMany({
            data: heads.map(({ userId }) => ({
              eventId: `${input.eventId}:notify:${userId}`,
              userId,
              kind: 'task.assigned',
              params: { title: input.title, dueDate: input.dueDate },
              link: `/tasks/${input.taskId}`,
            })),
          });
          return { after: task };
        },
      );
    },

    async recordProgress(input: RecordProgressInput): Promise<void> {
      await writeOnce(
        prisma,
        {
          eventId: input.eventId,
          actorId: input.actorId,
          action: 'task.progressReported',
          entityType: 'Task',
          entityId: input.taskId,
        },
        async (tx) => {
          const before = await tx.task.findUniqueOrThrow({ where: { id: input.taskId } });
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
              percent: input.percent,
              indicatorValue: input.indicatorValue,
              note: input.reason ? `${input.note}\n${input.reason}`.trim() : input.note,
            },
          });
          const after = await tx.task.update({
            where: { id: input.taskId },
            data: { progress: input.percent, status: input.status },
          });
          return { before, after: { task: after, reportId: report.id } };
        },
      );
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
