// The plan lifecycle's contract: ID, inputs, updates and queries.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ActorClaim } from './common.ts';

/** One workflow per reform plan. */
export const planWorkflowId = (planId: string): string => `plan-${planId}`;

export type PlanStatus = 'DRAFT' | 'ISSUED' | 'ASSESSMENT' | 'APPRAISAL' | 'PUBLISHED' | 'CLOSED';
export const PLAN_PHASES: readonly PlanStatus[] = [
  'ISSUED',
  'ASSESSMENT',
  'APPRAISAL',
  'PUBLISHED',
  'CLOSED',
];

export const PlanFailure = {
  WrongStatus: 'PlanWrongStatus',
  InvalidInput: 'PlanInvalidInput',
  /** A plan is issued with at least one task. */
  NoTasks: 'PlanNoTasks',
  /** Phase dates must follow one another and not lie in the past. */
  BadSchedule: 'PlanBadSchedule',
  /** Bulk assignment found no unit of that level under that parent. */
  NoUnits: 'PlanNoUnits',
} as const;

/**
 * The due dates a plan's tasks may have: from 1 January of the plan's year up to the day its
 * self-assessment closes (`assessmentCloses`, by default 15 January of the next year), so the
 * work counts for the year it is assessed in. A task due in another year belongs to that
 * year's plan. Returns the bounds, for messages.
 */
export function planDueDateBounds(year: number, assessmentCloses?: string | null): [string, string] {
  return [`${String(year).padStart(4, '0')}-01-01`, assessmentCloses || `${year + 1}-01-15`];
}

export interface PlanWorkflowInput {
  planId: string;
  /** Task workflows started per fan-out activity call (default 500). */
  fanOutBatch?: number;
  /** Working days before a period closes on which units are asked to report (default 5). */
  reportReminderWorkingDays?: number;
  /** History length after which the workflow continues as new (default 2,000 events). */
  historyLimit?: number;
  carried?: PlanState;
}

/** When each year-end phase begins (YYYY-MM-DD, Vietnam time, at midnight). */
export interface PhaseSchedule {
  /** ASSESSMENT: units assess themselves. */
  assessmentOpens: string;
  /** APPRAISAL: the council appraises the self-assessments. */
  appraisalOpens: string;
  /** PUBLISHED: scores and ranking are out. */
  publishedOn: string;
  /** CLOSED: the plan is archived. */
  closesOn: string;
}

export interface PeriodState {
  number: number;
  startsOn: string;
  endsOn: string;
  reminded: boolean;
  closed: boolean;
}

export interface PlanState {
  planId: string;
  year: number;
  title: string;
  status: PlanStatus;
  /** Task workflows started / tasks to start, for the issuing progress bar. */
  issuing: { done: number; total: number; running: boolean };
  periods: PeriodState[];
  schedule: PhaseSchedule;
  /** Phase reminders already sent, by phase. */
  phaseReminders: PlanStatus[];
  commandCount: number;
  /** The issuing unit, whose committee commands the plan (absent in older runs). */
  issuingUnitId?: string;
  issuingUnitPath?: string;
}

/**
 * The committee's commands on a plan carry the actor's role claims: the validator refuses the
 * command unless a STEERING claim reaches the plan's issuing unit (ActorFailure.NotAllowed).
 */
interface CommitteeCommand {
  actorId: string;
  actorRoles: ActorClaim[];
}

export type IssuePlanInput = CommitteeCommand;

/** One task template given to every unit of a level under a parent, e.g. all communes of a district. */
export interface BulkAssignInput extends CommitteeCommand {
  /** A UUID chosen by the client: the same request creates the same tasks once. */
  requestId: string;
  parentUnitId: string;
  level: 'DEPARTMENT' | 'DISTRICT' | 'COMMUNE' | 'TOWN' | 'WARD' | 'AGENCY';
  areaId: string;
  criterionId?: string | null;
  title: string;
  description?: string;
  dueDate: string;
  weight?: number;
  indicatorTarget?: string | null;
}

export interface BulkAssignResult {
  taskIds: string[];
  state: PlanState;
}

export interface SchedulePhasesInput extends CommitteeCommand {
  schedule: Partial<PhaseSchedule>;
}

export interface AdvancePhaseInput extends CommitteeCommand {
  /** The phase the committee believes it is moving from, so a double click does not skip one. */
  from: PlanStatus;
}

export const issuePlanUpdate = defineUpdate<PlanState, [IssuePlanInput]>('issue');
export const bulkAssignUpdate = defineUpdate<BulkAssignResult, [BulkAssignInput]>('bulkAssign');
export const schedulePhasesUpdate = defineUpdate<PlanState, [SchedulePhasesInput]>('schedulePhases');
export const advancePhaseUpdate = defineUpdate<PlanState, [AdvancePhaseInput]>('advancePhase');
export const planStateQuery = defineQuery<PlanState>('planState');
