// The app's two languages and the labels of the API's enum values. Every text itself is a
// Paraglide message (web/messages/{vi,en}.json, compiled to #lib/paraglide/messages.js) called as
// m.key(params); the request's language comes from hooks.server.ts (hooks.client.ts in the
// browser). A label map below must name every value of its enum, so a value the API adds fails
// the type check until it has its words in both languages.
import { formatNumber, type Locale } from './format.ts';
import type { graphql } from './graphql.ts';
import { m } from './paraglide/messages.js';
import { getLocale } from './paraglide/runtime.js';

export type { Locale };

export const isLocale = (value: unknown): value is Locale => value === 'vi' || value === 'en';

/** The values of one of the schema's enums (api/schema.graphql), e.g. Enum<'TaskStatus'>. */
export type Enum<Name extends string> = ReturnType<typeof graphql.scalar<Name>>;
export type TaskStatus = Enum<'TaskStatus'>;
export type PlanStatus = Enum<'PlanStatus'>;
export type DeadlineKind = Enum<'DeadlineKind'>;
export type Role = Enum<'Role'>;
export type Urgency = Enum<'Urgency'>;
export type ReviewKind = Enum<'ReviewKind'>;
export type ReportingCadence = Enum<'ReportingCadence'>;
export type UnitLevel = Enum<'UnitLevel'>;

type Messages<Value extends string> = Record<Value, () => string>;
const labelOf =
  <Value extends string>(messages: Messages<Value>) =>
  (value: Value): string =>
    messages[value]();

export const taskStatusLabel = labelOf<TaskStatus>({
  ASSIGNED: m.status_assigned,
  ACCEPTED: m.status_accepted,
  IN_PROGRESS: m.status_in_progress,
  SUBMITTED: m.status_submitted,
  RETURNED: m.status_returned,
  COMPLETED: m.status_completed,
  CANCELLED: m.status_cancelled,
  NOT_COMPLETED: m.status_not_completed,
});

export const planStatusLabel = labelOf<PlanStatus>({
  DRAFT: m.plan_status_draft,
  ISSUED: m.plan_status_issued,
  ASSESSMENT: m.plan_status_assessment,
  APPRAISAL: m.plan_status_appraisal,
  PUBLISHED: m.plan_status_published,
  CLOSED: m.plan_status_closed,
});

export const roleLabel = labelOf<Role>({
  ADMIN: m.role_admin,
  STEERING: m.role_steering,
  INSPECTOR: m.role_inspector,
  UNIT_HEAD: m.role_unit_head,
  UNIT_STAFF: m.role_unit_staff,
});

export const deadlineKindLabel = labelOf<DeadlineKind>({
  REMINDER: m.deadline_reminder,
  OVERDUE: m.deadline_overdue,
  ESCALATION: m.deadline_escalation,
});

export const urgencyLabel = labelOf<Urgency>({
  OVERDUE: m.urgency_overdue,
  DUE_SOON: m.urgency_due_soon,
  LATER: m.urgency_later,
});

export const reviewKindLabel = labelOf<ReviewKind>({
  REPORT: m.review_kind_report,
  EXTENSION: m.review_kind_extension,
});

export const cadenceLabel = labelOf<ReportingCadence>({
  QUARTERLY: m.plan_cadence_quarterly,
  HALF_YEARLY: m.plan_cadence_half_yearly,
});

export const unitLevelLabel = labelOf<UnitLevel>({
  PROVINCE: m.level_province,
  DEPARTMENT: m.level_department,
  DISTRICT: m.level_district,
  COMMUNE: m.level_commune,
  TOWN: m.level_town,
  WARD: m.level_ward,
  AGENCY: m.level_agency,
});

const doneMessages = {
  accepted: m.task_done_accepted,
  submitted: m.task_done_submitted,
  extensionRequested: m.task_done_extension_requested,
  'accepted-review': m.task_done_accepted_review,
  returned: m.task_done_returned,
  granted: m.task_done_granted,
  refused: m.task_done_refused,
  reassigned: m.task_done_reassigned,
  cancelled: m.task_done_cancelled,
} satisfies Record<string, () => string>;
export type Done = keyof typeof doneMessages;

/** Whether `value` (a page's ?done=) names a task command carried out. */
export const isDone = (value: unknown): value is Done =>
  typeof value === 'string' && Object.hasOwn(doneMessages, value);

/** The confirmation of a task command carried out (?done= after the redirect). */
export const doneMessage = (done: Done): string => doneMessages[done]();

/** "3 working days left" / "due today" / "2 working days overdue", in the page's language. */
export function workingDaysText(days: number): string {
  const locale = getLocale();
  if (days === 0) return m.my_work_due_today();
  if (days < 0) return m.my_work_days_overdue({ count: formatNumber(locale, -days) });
  return m.my_work_days_left({ count: formatNumber(locale, days) });
}

// Corrective actions (issue 10).
export type CorrectiveStatus = Enum<'CorrectiveStatus'>;

export const correctiveStatusLabel = labelOf<CorrectiveStatus>({
  OPEN: m.corr_status_open,
  SUBMITTED: m.corr_status_submitted,
  VERIFIED: m.corr_status_verified,
  CANCELLED: m.corr_status_cancelled,
});

const correctiveDoneMessages = {
  submitted: m.corr_done_submitted,
  extensionRequested: m.corr_done_extension,
  verified: m.corr_done_verified,
  rejected: m.corr_done_rejected,
  granted: m.corr_done_granted,
  refused: m.corr_done_refused,
} satisfies Record<string, () => string>;
export type CorrectiveDone = keyof typeof correctiveDoneMessages;

/** Whether `value` (the corrective-action page's ?done=) names a command carried out. */
export const isCorrectiveDone = (value: unknown): value is CorrectiveDone =>
  typeof value === 'string' && Object.hasOwn(correctiveDoneMessages, value);

/** The confirmation of a corrective-action command carried out. */
export const correctiveDoneMessage = (done: CorrectiveDone): string => correctiveDoneMessages[done]();

// Inspections (issue 10).
export type InspectionKind = Enum<'InspectionKind'>;
export type InspectionStatus = Enum<'InspectionStatus'>;
export type ChecklistResult = Enum<'ChecklistResult'>;
export type FindingSeverity = Enum<'FindingSeverity'>;

export const inspectionKindLabel = labelOf<InspectionKind>({
  ANNOUNCED: m.insp_kind_announced,
  SELF: m.insp_kind_self,
  SURPRISE: m.insp_kind_surprise,
});

export const inspectionStatusLabel = labelOf<InspectionStatus>({
  PLANNED: m.insp_status_planned,
  IN_PROGRESS: m.insp_status_in_progress,
  CLOSED: m.insp_status_closed,
  CANCELLED: m.insp_status_cancelled,
});

export const checklistResultLabel = labelOf<ChecklistResult>({
  PASS: m.insp_result_pass,
  FAIL: m.insp_result_fail,
  NOT_APPLICABLE: m.insp_result_not_applicable,
});

export const findingSeverityLabel = labelOf<FindingSeverity>({
  CRITICAL: m.insp_severity_critical,
  MAJOR: m.insp_severity_major,
  MINOR: m.insp_severity_minor,
  OBSERVATION: m.insp_severity_observation,
});

const inspectionDoneMessages = {
  started: m.insp_done_started,
  rescheduled: m.insp_done_rescheduled,
  cancelled: m.insp_done_cancelled,
  closed: m.insp_done_closed,
  recorded: m.insp_done_recorded,
  findingRecorded: m.insp_done_finding_recorded,
} satisfies Record<string, () => string>;
export type InspectionDone = keyof typeof inspectionDoneMessages;

/** Whether `value` (the inspection page's ?done=) names an inspection command carried out. */
export const isInspectionDone = (value: unknown): value is InspectionDone =>
  typeof value === 'string' && Object.hasOwn(inspectionDoneMessages, value);

/** The confirmation of an inspection command carried out. */
export const inspectionDoneMessage = (done: InspectionDone): string => inspectionDoneMessages[done]();
