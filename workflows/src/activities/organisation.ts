// Unit mergers: record the merger, then move the merged unit's open work through the
// workflows that carry it.
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { PrismaClient } from '../../../prisma/client.ts';
import {
  TaskFailure,
  mergerSelection,
  reassignTaskUpdate,
  taskWorkflowId,
  type UnitMergerInput,
} from '../contracts.ts';
import { claimsOf } from './authority.ts';
import { writeOnce } from './ledger.ts';
import { notify, usersOfUnit } from './notify.ts';
import type { Clock } from './task.ts';

export const MergerFailure = {
  /** Unknown unit, a unit merged into itself or into its own subtree, or into a merged unit. */
  InvalidMerger: 'UnitInvalidMerger',
} as const;

/** The update a refusal of which means "already moved or already closed": nothing to do. */
function alreadySettled(error: unknown, types: string[]): boolean {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    return types.includes(error.cause.type ?? '');
  }
  return false;
}

export function createOrganisationActivities({
  prisma,
  clock,
  temporal,
}: {
  prisma: PrismaClient;
  clock: Clock;
  temporal?: { client: Client; taskQueue: string };
}) {
  return {
    async recordUnitMerger(input: UnitMergerInput & { eventId: string }): Promise<void> {
      const [from, to] = await Promise.all([
        prisma.unit.findUnique({ where: { id: input.fromUnitId } }),
        prisma.unit.findUnique({ where: { id: input.toUnitId } }),
      ]);
      const invalid = (message: string) =>
        ApplicationFailure.nonRetryable(message, MergerFailure.InvalidMerger);
      if (!from || !to) throw invalid('Both units must exist.');
      if (from.id === to.id || to.path.startsWith(from.path)) {
        throw invalid('A unit cannot be merged into itself or into a unit under it.');
      }
      if (to.mergedIntoId) throw invalid(`${to.name} has itself been merged; merge into its successor.`);
      if (from.mergedIntoId && from.mergedIntoId !== to.id) throw invalid(`${from.name} is already merged.`);
      await writeOnce(
        prisma,
        {
          eventId: input.eventId,
          actorId: input.actorId,
          action: 'unit.merged',
          entityType: 'Unit',
          entityId: from.id,
        },
        async (tx) => {
          const after = await tx.unit.update({
            where: { id: from.id },
            data: { mergedIntoId: to.id, mergedAt: clock.now() },
          });
          // The merged unit's people now work for the successor: each role they held on it is
          // given on the successor too (so they see and report on the work that moves there);
          // their old roles stay for the record.
          const people = await tx.roleAssignment.findMany({
            where: mergerSelection(from.id).roles,
            select: { userId: true, role: true },
          });
          await tx.roleAssignment.createMany({
            data: people.map(({ userId, role }) => ({ userId, role, unitId: to.id })),
            skipDuplicates: true,
          });
          await notify(tx, {
            eventId: input.eventId,
            userIds: [
              ...(await usersOfUnit(tx, from.id, ['UNIT_HEAD'])),
              ...(await usersOfUnit(tx, to.id, ['UNIT_HEAD'])),
            ],
            kind: 'task.reassigned',
            params: { title: `${from.name} → ${to.name}`, unit: to.name },
            link: null,
          });
          return { before: from, after: { ...after, reason: input.reason } };
        },
      );
    },

    /**
     * Moves up to `limit` open tasks and corrective actions of the merged unit to its successor:
     * through the reassign Update of their workflow when they have one (which re-plans their
     * timers and tells the new unit), directly on the row for a draft plan's tasks. Safe to
     * repeat: work already moved or closed is refused by its workflow and skipped.
     */
    async moveOpenWork(
      input: UnitMergerInput & { limit: number },
    ): Promise<{ tasks: number; corrective: number; remaining: boolean }> {
      if (!temporal)
        throw new Error('moveOpenWork needs a Temporal client (createActivities({ temporal })).');
      // The merger's author (an administrator) is the reassigning actor, with their roles.
      const command = {
        actorId: input.actorId,
        actorRoles: await claimsOf(prisma, input.actorId),
        toUnitId: input.toUnitId,
        reason: input.reason,
      };
      const tasks = await prisma.task.findMany({
        where: mergerSelection(input.fromUnitId).tasks,
        select: { id: true, workflowStartedAt: true },
        orderBy: { id: 'asc' },
        take: input.limit,
      });
      let moved = 0;
      for (const task of tasks) {
        if (task.workflowStartedAt) {
          try {
            await temporal.client.workflow
              .getHandle(taskWorkflowId(task.id))
              .executeUpdate(reassignTaskUpdate, { args: [command] });
          } catch (error) {
            if (!alreadySettled(error, [TaskFailure.WrongUnit, TaskFailure.WrongStatus])) throw error;
          }
        } else {
          await writeOnce(
            prisma,
            {
              eventId: `merger-${input.fromUnitId}:task:${task.id}`,
              actorId: input.actorId,
              action: 'task.reassigned',
              entityType: 'Task',
              entityId: task.id,
            },
            async (tx) => ({
              after: await tx.task.update({
                where: { id: task.id },
                data: { assigneeUnitId: input.toUnitId },
              }),
            }),
          );
        }
        moved += 1;
        Context.current().heartbeat({ moved });
      }
      const corrective = await prisma.correctiveAction.findMany({
        where: mergerSelection(input.fromUnitId).corrective,
        select: { id: true },
        orderBy: { id: 'asc' },
        take: Math.max(0, input.limit - tasks.length),
      });
      let correctiveMoved = 0;
      for (const action of corrective) {
        try {
          await temporal.client.workflow.getHandle(`corrective-${action.id}`).executeUpdate('reassign', {
            args: [command],
          });
        } catch (error) {
          if (error instanceof WorkflowNotFoundError) {
            await prisma.correctiveAction.update({
              where: { id: action.id },
              data: { responsibleUnitId: input.toUnitId },
            });
          } else if (!(error instanceof WorkflowUpdateFailedError)) {
            throw error;
          }
        }
        correctiveMoved += 1;
        Context.current().heartbeat({ moved: moved + correctiveMoved });
      }
      return {
        tasks: moved,
        corrective: correctiveMoved,
        remaining: tasks.length + corrective.length >= input.limit,
      };
    },
  };
}

export type OrganisationActivities = ReturnType<typeof createOrganisationActivities>;
