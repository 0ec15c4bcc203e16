// The database's word on a command's authority, checked inside the write's own transaction:
// the claims a command carries were checked by the API, but a second Temporal client could
// claim anything, so the activity that writes the command asks the RoleAssignment table.
import { ApplicationFailure } from '@temporalio/common';
import type { PrismaClient } from '../../../prisma/client.ts';
import { ActorFailure, SUBTREE_ROLES, type ActorClaim, type ActorRole } from '../contracts.ts';
import type { Tx } from './ledger.ts';

/**
 * Fails the activity, not retryably, unless `actorId` holds one of `roles` reaching `unitId`
 * (subtree roles on the unit or an ancestor, UNIT_HEAD / UNIT_STAFF on the unit itself). Runs
 * in the transaction of writeOnce, so a refused command writes nothing, not even its audit row.
 */
export async function requireAuthority(
  tx: Tx,
  actorId: string | null,
  roles: readonly ActorRole[],
  unitId: string,
): Promise<void> {
  const [unit, assignments] = await Promise.all([
    tx.unit.findUniqueOrThrow({ where: { id: unitId }, select: { id: true, path: true } }),
    actorId
      ? tx.roleAssignment.findMany({
          where: { userId: actorId, role: { in: [...roles] } },
          select: { role: true, unitId: true, unit: { select: { path: true } } },
        })
      : Promise.resolve([]),
  ]);
  const allowed = assignments.some((assignment) =>
    SUBTREE_ROLES.includes(assignment.role)
      ? unit.path.startsWith(assignment.unit.path)
      : assignment.unitId === unit.id,
  );
  if (!allowed) {
    throw ApplicationFailure.nonRetryable(
      `The actor holds no ${roles.join(' or ')} role reaching unit ${unitId}.`,
      ActorFailure.NotAllowed,
    );
  }
}

/** The role claims of a user, from the database: for commands the system sends on their behalf. */
export async function claimsOf(prisma: PrismaClient | Tx, userId: string): Promise<ActorClaim[]> {
  const assignments = await prisma.roleAssignment.findMany({
    where: { userId },
    select: { role: true, unitId: true, unit: { select: { path: true } } },
    orderBy: { id: 'asc' },
  });
  return assignments.map(({ role, unitId, unit }) => ({ role, unitId, unitPath: unit.path }));
}

/**
 * Fails the activity, not retryably, unless `actorId` is one of `inspectors` (an inspection's
 * own inspectors, as the database lists them): commands that belong to them alone.
 */
export function requireListed(inspectors: readonly { userId: string }[], actorId: string | null): void {
  if (!actorId || !inspectors.some((inspector) => inspector.userId === actorId)) {
    throw ApplicationFailure.nonRetryable(
      'The actor is not one of the inspection’s inspectors.',
      ActorFailure.NotAllowed,
    );
  }
}
