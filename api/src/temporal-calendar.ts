// The command the API sends after an administrator changed the holiday calendar (part of
// WorkflowCommands in temporal.ts): start the fan-out that tells running workflows to re-plan.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { TASK_QUEUE, calendarChangeWorkflowId } from '../../workflows/src/contracts.ts';

export interface CalendarCommands {
  /**
   * Starts the fan-out for the committed change `changeId` (its AuditEvent ID) and returns
   * without waiting for it; starting it twice finds the first.
   */
  announceCalendarChange(changeId: string): Promise<void>;
}

export function calendarCommands(client: Client, taskQueue = TASK_QUEUE): CalendarCommands {
  return {
    async announceCalendarChange(changeId) {
      try {
        await client.workflow.start('calendarChangeWorkflow', {
          taskQueue,
          workflowId: calendarChangeWorkflowId(changeId),
          args: [{ changeId }],
        });
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
    },
  };
}
