import { proxyActivities } from '@temporalio/workflow';
import type { CalendarActivities } from '../activities/calendar.ts';
import type { CalendarChangeInput, CalendarChangeResult } from '../contracts.ts';

const fanOut = proxyActivities<CalendarActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * After an administrator changed the holidays (started by the API once the change is committed,
 * its ID derived from the change's AuditEvent): tells every running task, corrective-action and plan
 * workflow to re-plan its timers with the new calendar. A workflow, so that a restart of the API
 * or the worker halfway through still reaches every one of them.
 */
export async function calendarChangeWorkflow(input: CalendarChangeInput): Promise<CalendarChangeResult> {
  return fanOut.announceCalendarChange({ changeId: input.changeId });
}
