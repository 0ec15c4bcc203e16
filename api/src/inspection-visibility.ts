// Who may see which inspections, findings and corrective actions: the rule of
// docs/authorization.md ("Inspections") as Prisma filters. The one hard rule: a SURPRISE
// inspection that has not started (visibleToTarget false) is invisible to the target unit's
// people by every path — the people holding any role on the target unit, or on a unit merged
// into it (Viewer.memberOfUnitIds) — even when they also hold an oversight role above it or are
// listed among its inspectors. Asking for it answers exactly as for an ID that does not exist.
import type { Prisma, Role } from '../../prisma/client.ts';
import { unitsInScope, type Viewer } from './auth.ts';

/** Roles that plan inspections and see every inspection of the units they reach. */
export const INSPECTION_OVERSIGHT_ROLES: readonly Role[] = ['STEERING', 'INSPECTOR'];
/** Roles that see announced (and started) inspections of the units they reach. */
export const INSPECTION_READER_ROLES: readonly Role[] = [
  'ADMIN',
  'STEERING',
  'INSPECTOR',
  'UNIT_HEAD',
  'UNIT_STAFF',
];

/**
 * The units strictly below the viewer's STEERING / INSPECTOR units: a hidden inspection is seen
 * from above its target only ("the committee of the parent scope").
 */
function unitsStrictlyBelow(viewer: Viewer, roles: readonly Role[]): Prisma.UnitWhereInput {
  const assignments = viewer.roles.filter((assignment) => roles.includes(assignment.role));
  return {
    OR: assignments.map((assignment) => ({
      path: { startsWith: assignment.unitPath },
      id: { not: assignment.unitId },
    })),
  };
}

/**
 * Inspections the viewer sees:
 *  - visible to its target (announced, self, or a surprise that has started): anyone reaching
 *    the target unit (heads and staff their own unit; ADMIN, STEERING, INSPECTOR their subtree),
 *    and its own inspectors;
 *  - a surprise not yet started: STEERING or INSPECTOR reaching a unit strictly above the target,
 *    and its own inspectors — never anyone who belongs to the target (memberOfUnitIds).
 */
export const inspectionsVisibleTo = (viewer: Viewer): Prisma.InspectionWhereInput => ({
  OR: [
    {
      visibleToTarget: true,
      OR: [
        { targetUnit: unitsInScope(viewer, INSPECTION_READER_ROLES) },
        { inspectors: { some: { userId: viewer.id } } },
      ],
    },
    {
      visibleToTarget: false,
      targetUnitId: { notIn: viewer.memberOfUnitIds },
      OR: [
        { targetUnit: unitsStrictlyBelow(viewer, INSPECTION_OVERSIGHT_ROLES) },
        { inspectors: { some: { userId: viewer.id } } },
      ],
    },
  ],
});

/** Findings: as their inspection. */
export const findingsVisibleTo = (viewer: Viewer): Prisma.FindingWhereInput => ({
  inspection: inspectionsVisibleTo(viewer),
});

/**
 * Corrective actions (they exist only once their inspection closed, so none is secret): anyone
 * reaching the responsible unit, and anyone who sees the inspection that found it (its
 * inspectors, the committee above).
 */
export const correctiveActionsVisibleTo = (viewer: Viewer): Prisma.CorrectiveActionWhereInput => ({
  OR: [
    { responsibleUnit: unitsInScope(viewer, INSPECTION_READER_ROLES) },
    { finding: { inspection: inspectionsVisibleTo(viewer) } },
  ],
});
