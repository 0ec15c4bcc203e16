// Who may see which plans and tasks: the rule of docs/authorization.md as Prisma filters.
// "Reach" is auth.ts's: ADMIN, STEERING and INSPECTOR reach their unit's subtree, UNIT_HEAD and
// UNIT_STAFF their own unit; several role assignments reach the union.
import type { Prisma, Role } from '../../prisma/client.ts';
import { unitsInScope, type Viewer } from './auth.ts';

/** Roles that write, assign and issue plans (the administrator keeps the tree, not the reform). */
export const PLANNING_ROLES: readonly Role[] = ['STEERING'];
/** Roles that see DRAFT plans and their tasks, in their subtree. */
export const DRAFT_READER_ROLES: readonly Role[] = ['STEERING', 'ADMIN'];
/** Roles that see every task of an issued plan whose issuing unit they reach. */
export const OVERSIGHT_ROLES: readonly Role[] = ['STEERING', 'ADMIN', 'INSPECTOR'];

const issued = { not: 'DRAFT' as const };

/**
 * A DRAFT plan: STEERING or ADMIN reaching its issuing unit. An issued plan (any other status):
 * anyone reaching its issuing unit or a unit that has a task in it.
 */
export const plansVisibleTo = (viewer: Viewer): Prisma.ReformPlanWhereInput => ({
  OR: [
    { status: 'DRAFT', issuingUnit: unitsInScope(viewer, DRAFT_READER_ROLES) },
    { status: issued, issuingUnit: unitsInScope(viewer) },
    { status: issued, tasks: { some: { assigneeUnit: unitsInScope(viewer) } } },
  ],
});

/**
 * A task of a DRAFT plan: as its plan. A task of an issued plan: anyone reaching its assignee
 * unit, and STEERING, ADMIN or INSPECTOR reaching the plan's issuing unit.
 */
export const tasksVisibleTo = (viewer: Viewer): Prisma.TaskWhereInput => ({
  OR: [
    { plan: { status: 'DRAFT', issuingUnit: unitsInScope(viewer, DRAFT_READER_ROLES) } },
    { plan: { status: issued }, assigneeUnit: unitsInScope(viewer) },
    { plan: { status: issued, issuingUnit: unitsInScope(viewer, OVERSIGHT_ROLES) } },
  ],
});
