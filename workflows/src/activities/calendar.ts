// The fan-out after a change of the working-day calendar: every open task and corrective action
// whose workflow runs is told to re-plan its reminders and escalations.
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { PrismaClient } from '../../../prisma/client.ts';
import {
  calendarChangedSignal,
  correctiveWorkflowId,
  taskWorkflowId,
  type CalendarChangeResult,
} from '../contracts.ts';

/** Statuses whose workflows still run their deadline timers (REJECTED: rows written before rounds). */
const OPEN_TASK_STATUSES = ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED', 'RETURNED'] as const;
const OPEN_CORRECTIVE_STATUSES = ['OPEN', 'SUBMITTED', 'REJECTED'] as const;

/** Where a retried attempt resumes: the last task ID, then the last corrective-action ID, signalled. */
interface Progress {
  phase: 'tasks' | 'corrective';
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
     * Sends `calendarChanged` to the workflow of every open task (started) and open corrective
     * action, `chunk` at a time in ID order, heartbeating the last ID so that a retried attempt
     * resumes after it (a workflow signalled twice re-plans twice, harmlessly). A workflow that
     * has finished while its row still says open is skipped: it has no timers left to move.
     */
    async announceCalendarChange(input: { changeId: string; chunk?: number }): Promise<CalendarChangeResult> {
      const chunk = input.chunk ?? 100;
      const resumed = Context.current().info.heartbeatDetails as Progress | undefined;
      const progress: Progress = resumed ?? {
        phase: 'tasks',
        after: '',
        signalled: { tasks: 0, correctiveActions: 0 },
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
      for (;;) {
        const ids =
          progress.phase === 'tasks'
            ? await prisma.task.findMany({
                where: {
                  status: { in: [...OPEN_TASK_STATUSES] },
                  workflowStartedAt: { not: null },
                  id: { gt: progress.after },
                },
                orderBy: { id: 'asc' },
                take: chunk,
                select: { id: true },
              })
            : await prisma.correctiveAction.findMany({
                where: { status: { in: [...OPEN_CORRECTIVE_STATUSES] }, id: { gt: progress.after } },
                orderBy: { id: 'asc' },
                take: chunk,
                select: { id: true },
              });
        if (ids.length === 0) {
          if (progress.phase === 'corrective') return progress.signalled;
          Object.assign(progress, { phase: 'corrective', after: '' });
          continue;
        }
        const phase = progress.phase;
        const sent = await Promise.all(
          ids.map(({ id }) => signal(phase === 'tasks' ? taskWorkflowId(id) : correctiveWorkflowId(id))),
        );
        const count = sent.filter(Boolean).length;
        if (phase === 'tasks') progress.signalled.tasks += count;
        else progress.signalled.correctiveActions += count;
        progress.after = ids[ids.length - 1]!.id;
        Context.current().heartbeat(progress);
      }
    },
  };
}

export type CalendarActivities = ReturnType<typeof createCalendarActivities>;
