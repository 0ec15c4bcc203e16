// Who may send which command to a task: one rule for the API's reach checks and for
// `Task.viewerCan`, which tells a client which buttons to show. The workflow still decides on
// the status (a command sent anyway gets its typed refusal); see docs/authorization.md.
import type { Role } from '../../../prisma/client.ts';
import { COMMITTEE_ROLES, REASSIGN_ROLES, type TaskStatus } from '../../../workflows/src/contracts.ts';
import { reachesUnit, type Viewer } from '../auth.ts';

export type TaskAction =
  'accept' | 'report' | 'submit' | 'requestExtension' | 'review' | 'decideExtension' | 'reassign' | 'cancel';

/** The roles that may send each command, over the assignee unit or over the plan's issuing unit. */
export const TASK_ACTION_ROLES: Record<TaskAction, { roles: readonly Role[]; over: 'assignee' | 'issuer' }> =
  {
    // A real office: the head accepts the task (naming who carries it out), submits the result and
    // asks for more time; the head and the staff report progress.
    accept: { roles: ['UNIT_HEAD'], over: 'assignee' },
    report: { roles: ['UNIT_HEAD', 'UNIT_STAFF'], over: 'assignee' },
    submit: { roles: ['UNIT_HEAD'], over: 'assignee' },
    requestExtension: { roles: ['UNIT_HEAD'], over: 'assignee' },
    review: { roles: COMMITTEE_ROLES, over: 'issuer' },
    decideExtension: { roles: COMMITTEE_ROLES, over: 'issuer' },
    reassign: { roles: REASSIGN_ROLES, over: 'issuer' },
    cancel: { roles: COMMITTEE_ROLES, over: 'issuer' },
  };

const OPEN: readonly TaskStatus[] = ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED', 'RETURNED'];
const REPORTABLE: readonly TaskStatus[] = ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'RETURNED'];

/** The statuses in which the task's workflow takes each command (as workflows/src/workflows/task.ts). */
const TASK_ACTION_STATUSES: Record<TaskAction, readonly TaskStatus[]> = {
  accept: ['ASSIGNED'],
  report: REPORTABLE,
  submit: ['ACCEPTED', 'IN_PROGRESS', 'RETURNED'],
  requestExtension: REPORTABLE,
  review: ['SUBMITTED'],
  decideExtension: OPEN,
  reassign: OPEN,
  cancel: OPEN,
};

export interface TaskForActions {
  status: TaskStatus;
  assigneeUnit: { id: string; path: string };
  plan: { status: string; issuingUnit: { id: string; path: string } };
}

/** Whether the viewer's roles reach the task for this command (the status left aside). */
export function reachesTaskFor(viewer: Viewer, task: TaskForActions, action: TaskAction): boolean {
  if (task.plan.status === 'DRAFT') return false;
  const { roles, over } = TASK_ACTION_ROLES[action];
  return reachesUnit(viewer, over === 'assignee' ? task.assigneeUnit : task.plan.issuingUnit, roles);
}

/** What the viewer can do with the task now: reach, status, and a waiting extension request. */
export function taskActionsFor(
  viewer: Viewer,
  task: TaskForActions,
  extensionPending: boolean,
): Record<TaskAction, boolean> {
  const can = (action: TaskAction) =>
    reachesTaskFor(viewer, task, action) && TASK_ACTION_STATUSES[action].includes(task.status);
  return {
    accept: can('accept'),
    report: can('report'),
    submit: can('submit'),
    requestExtension: can('requestExtension') && !extensionPending,
    review: can('review'),
    decideExtension: can('decideExtension') && extensionPending,
    reassign: can('reassign'),
    cancel: can('cancel'),
  };
}
