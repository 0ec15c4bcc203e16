// The working-day calendar changed (an administrator added or removed a holiday or a swapped
// working day): the running workflows that count working days re-plan their timers.
import { defineSignal } from '@temporalio/workflow';

/** One fan-out per change: `changeId` is the change's AuditEvent ID, so a retried start finds it. */
export const calendarChangeWorkflowId = (changeId: string): string => `calendar-change-${changeId}`;

export interface CalendarChangeInput {
  changeId: string;
}

export interface CalendarChangeResult {
  tasks: number;
  correctiveActions: number;
  plans: number;
}

/**
 * Sent to every open task, corrective-action and plan workflow after a change of the Holiday
 * table: the workflow reloads the calendar and re-plans its reminders and escalations, without
 * sending again what it already sent. A signal, so the sender never waits; repeating it is
 * harmless.
 */
export const calendarChangedSignal = defineSignal<[CalendarChangedInput]>('calendarChanged');

export interface CalendarChangedInput {
  changeId: string;
}
