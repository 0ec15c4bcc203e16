// Shared by every lifecycle: the task queue, the actor's role claims and their refusal.
export const TASK_QUEUE = 'reform-tracker';

export type ActorRole = 'ADMIN' | 'STEERING' | 'UNIT_HEAD' | 'UNIT_STAFF' | 'INSPECTOR';

/**
 * A role assignment of the actor, as the API checked it (from the session's user). Commands
 * carry them so that the workflow's validators refuse a command the role does not allow; the
 * activity that writes the command checks the same against the database, because a second
 * Temporal client could claim anything.
 */
export interface ActorClaim {
  role: ActorRole;
  unitId: string;
  /** The unit's materialised path; a subtree role reaches every unit whose path starts with it. */
  unitPath: string;
}

export const ActorFailure = {
  /** The actor's roles do not allow this command on this entity. */
  NotAllowed: 'ActorNotAllowed',
} as const;

/** Roles that reach their unit's whole subtree; UNIT_HEAD and UNIT_STAFF reach their own unit. */
export const SUBTREE_ROLES: readonly ActorRole[] = ['ADMIN', 'STEERING', 'INSPECTOR'];

/** The steering committee's commands on plans and tasks (review, decisions, cancel, issue). */
export const COMMITTEE_ROLES: readonly ActorRole[] = ['STEERING'];
/** Reassignment: the committee, or the administrator moving work after a unit merger. */
export const REASSIGN_ROLES: readonly ActorRole[] = ['STEERING', 'ADMIN'];

/** Whether one of `claims` with one of `roles` reaches `unit` (see SUBTREE_ROLES). */
export function claimsReach(
  claims: readonly ActorClaim[] | null | undefined,
  roles: readonly ActorRole[],
  unit: { id: string; path?: string | null },
): boolean {
  // A forged or old command may carry anything, or nothing, here.
  const list: readonly ActorClaim[] = Array.isArray(claims) ? (claims as readonly ActorClaim[]) : [];
  return list.some(
    (claim) =>
      roles.includes(claim.role) &&
      (SUBTREE_ROLES.includes(claim.role)
        ? // Without the unit's path (a workflow started before paths were kept), the role alone
          // is checked here; the write activity checks the scope against the database.
          unit.path == null || unit.path.startsWith(claim.unitPath)
        : unit.id === claim.unitId),
  );
}
