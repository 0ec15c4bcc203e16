// The fan-out after a change of the working-day calendar: every open task and corrective action
// whose workflow runs is told to re-plan its reminders and escalations.
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { PrismaClient } from '../../../prisma/client.ts';
import {
  calendarChangedSignal,
  correctiveWorkflowId,
  planWorkflowId,
  taskWorkflowId,
  type CalendarChangeResult,
} from '../contracts.ts';

/** Statuses whose workflows still run their deadline timers (REJECTED: rows written before rounds). */
const OPEN_TASK_STATUSES = ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED', 'RETURNED'] as const;
const OPEN_CORRECTIVE_STATUSES = ['OPEN', 'SUBMITTED', 'REJECTED'] as const;
/** Plans between issue and close: their period reminders are counted in working days. */
const RUNNING_PLAN_STATUSES = ['ISSUED', 'ASSESSMENT', 'APPRAISAL', 'PUBLISHED'] as const;
const PHASES = ['tasks', 'corrective', 'plans'] as const;

/** Where a retried attempt resumes: the last task ID, then the last corrective-action ID, signalled. */
interface Progress {
  phase: (typeof PHASES)[number];
  after: string;
  signalled: CalendarChangeResult;
}

export function createCalendarActivities({
  prisma,
  temporal,
}: {
  prisma: PrismaClient;
  temporal?: { client: Client; taskQueue: string };
}) {
  return {
    /**
     * Sends `calendarChanged` to the workflow of every open task (started), open corrective
     * action and running plan, `chunk` at a time in ID order, heartbeating the last ID so that a retried attempt
     * resumes after it (a workflow signalled twice re-plans twice, harmlessly). A workflow that
     * has finished while its row still says open is skipped: it has no timers left to move.
     */
    async announceCalendarChange(input: { changeId: string; chunk?: number }): Promise<CalendarChangeResult> {
      const chunk = input.chunk ?? 100;
      const resumed = Context.current().info.heartbeatDetails as Progress | undefined;
      const progress: Progress = resumed ?? {
        phase: 'tasks',
        after: '',
        signalled: { tasks: 0, correctiveActions: 0, plans: 0 },
      };
      if (!temporal) return progress.signalled;
      const signal = async (workflowId: string): Promise<boolean> => {
        try {
          await temporal.client.workflow
            .getHandle(workflowId)
            .signal(calendarChangedSignal, { changeId: input.changeId });
          return true;
        } catch (error) {
          if (error instanceof WorkflowNotFoundError) return false;
          throw error;
        }
      };
      /** Each phase: the next `chunk` IDs after `after`, the workflow ID of one, its counter. */
      const phases = {
        tasks: {
          next: (after: string) =>
            prisma.task.findMany({
              where: {
                status: { in: [...OPEN_TASK_STATUSES] },
                workflowStartedAt: { not: null },
                id: { gt: after },
              },
              orderBy: { id: 'asc' },
              take: chunk,
              select: { id: true },
            }),
          workflowId: taskWorkflowId,
          counter: 'tasks',
        },
        corrective: {
          next: (after: string) =>
            prisma.correctiveAction.findMany({
              where: { status: { in: [...OPEN_CORRECTIVE_STATUSES] }, id: { gt: after } },
              orderBy: { id: 'asc' },
              take: chunk,
              select: { id: true },
            }),
          workflowId: correctiveWorkflowId,
          counter: 'correctiveActions',
        },
        plans: {
          next: (after: string) =>
            prisma.reformPlan.findMany({
              where: { status: { in: [...RUNNING_PLAN_STATUSES] }, id: { gt: after } },
              orderBy: { id: 'asc' },
              take: chunk,
              select: { id: true },
            }),
          workflowId: planWorkflowId,
          counter: 'plans',
        },
      } satisfies Record<
        (typeof PHASES)[number],
        {
          next: (after: string) => Promise<{ id: string }[]>;
          workflowId: (id: string) => string;
          counter: keyof CalendarChangeResult;
        }
      >;
      for (;;) {
        const phase = phases[progress.phase];
        const ids = await phase.next(progress.after);
        if (ids.length === 0) {
          const following = PHASES[PHASES.indexOf(progress.phase) + 1];
          if (!following) return progress.signalled;
          Object.assign(progress, { phase: following, after: '' });
          continue;
        }
        const sent = await Promise.all(ids.map(({ id }) => signal(phase.workflowId(id))));
        progress.signalled[phase.counter] += sent.filter(Boolean).length;
        progress.after = ids[ids.length - 1]!.id;
        Context.current().heartbeat(progress);
      }
    },
  };
}

export type CalendarActivities = ReturnType<typeof createCalendarActivities>;
