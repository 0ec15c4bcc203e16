// The administrator's unit tree: create, rename / recode / relevel, move (the whole subtree's
// materialised path in one transaction) and merge (through the merger workflow). An
// administrator acts only inside the subtree of a unit where they hold ADMIN.
import { randomUUID } from 'node:crypto';
import { Prisma, type Unit, type UnitLevel } from '../../../prisma/client.ts';
import { mergerSelection, type UnitMergerState } from '../../../workflows/src/contracts.ts';
import { reachesUnit, unitsInScope, type Viewer } from '../auth.ts';
import type { Context } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { AdminRefusedError } from './admin-errors.ts';

type AdminContext = Context & { viewer: Viewer };

export const ADMIN_ROLES = ['ADMIN'] as const;

/** A Prisma filter on Unit: the units the viewer administers (their ADMIN units' subtrees). */
export const administeredUnits = (viewer: Viewer): Prisma.UnitWhereInput => unitsInScope(viewer, ADMIN_ROLES);

export const administers = (viewer: Viewer, unit: { id: string; path: string }): boolean =>
  reachesUnit(viewer, unit, ADMIN_ROLES);

/** A unit the viewer administers, or NotFoundError naming `field` (outside reach reads as unknown). */
export async function administeredUnit(context: AdminContext, id: string, field: string): Promise<Unit> {
  const unit = await context.prisma.unit.findUnique({ where: { id } });
  if (!unit || !administers(context.viewer, unit)) throw new NotFoundError('notFound.unit', field);
  return unit;
}

/** Writes one audit event of an administrator's change, inside the change's transaction. */
export async function auditAdminChange(
  tx: Prisma.TransactionClient,
  context: AdminContext,
  event: { action: string; entityType: string; entityId: string; before?: unknown; after?: unknown },
): Promise<void> {
  const json = (value: unknown) =>
    value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
  await tx.auditEvent.create({
    data: {
      eventId: `admin-${event.entityType}-${event.entityId}:${randomUUID()}`,
      actorId: context.viewer.id,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      before: json(event.before),
      after: json(event.after),
      at: context.now(),
    },
  });
}

const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

async function requireFreeCode(context: AdminContext, code: string, exceptId?: string): Promise<void> {
  const taken = await context.prisma.unit.findUnique({ where: { code }, select: { id: true } });
  if (taken && taken.id !== exceptId)
    throw new AdminRefusedError('adm.codeTaken', 'CODE_TAKEN', 'code', { code });
}

function requireLive(unit: Unit, field: string): void {
  if (unit.mergedIntoId)
    throw new AdminRefusedError('adm.unitMerged', 'UNIT_MERGED', field, { name: unit.name });
}

export interface CreateUnitInput {
  name: string;
  code: string;
  level: UnitLevel;
  parentId: string;
}

/** A new unit under a live parent the viewer administers; the code must be free. */
export async function createUnit(context: AdminContext, input: CreateUnitInput): Promise<Unit> {
  const parent = await administeredUnit(context, input.parentId, 'parentId');
  requireLive(parent, 'parentId');
  await requireFreeCode(context, input.code);
  const id = randomUUID();
  try {
    return await context.prisma.$transaction(async (tx) => {
      const unit = await tx.unit.create({
        data: {
          id,
          name: input.name,
          code: input.code,
          level: input.level,
          parentId: parent.id,
          path: `${parent.path}${id}/`,
        },
      });
      await auditAdminChange(tx, context, {
        action: 'unit.created',
        entityType: 'Unit',
        entityId: id,
        after: unit,
      });
      return unit;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AdminRefusedError('adm.codeTaken', 'CODE_TAKEN', 'code', { code: input.code });
    throw error;
  }
}

export interface UpdateUnitInput {
  id: string;
  name?: string | null;
  code?: string | null;
  level?: UnitLevel | null;
}

/** Renames a unit, changes its code or level; a merged unit keeps its history unchanged. */
export async function updateUnit(context: AdminContext, input: UpdateUnitInput): Promise<Unit> {
  const unit = await administeredUnit(context, input.id, 'id');
  requireLive(unit, 'id');
  if (input.code && input.code !== unit.code) await requireFreeCode(context, input.code, unit.id);
  const data = {
    ...(input.name ? { name: input.name } : {}),
    ...(input.code ? { code: input.code } : {}),
    ...(input.level ? { level: input.level } : {}),
  };
  try {
    return await context.prisma.$transaction(async (tx) => {
      const after = await tx.unit.update({ where: { id: unit.id }, data });
      await auditAdminChange(tx, context, {
        action: 'unit.updated',
        entityType: 'Unit',
        entityId: unit.id,
        before: { name: unit.name, code: unit.code, level: unit.level },
        after: { name: after.name, code: after.code, level: after.level },
      });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AdminRefusedError('adm.codeTaken', 'CODE_TAKEN', 'code', { code: input.code ?? '' });
    throw error;
  }
}

/**
 * Moves a unit (and its whole subtree) under another parent: every `path` below it is rewritten
 * in the same transaction, so subtree checks never see half a move. Refused for a merged unit,
 * a merged parent, and a parent inside the unit's own subtree (a cycle).
 */
export async function moveUnit(
  context: AdminContext,
  input: { id: string; parentId: string },
): Promise<Unit> {
  const unit = await administeredUnit(context, input.id, 'id');
  const parent = await administeredUnit(context, input.parentId, 'parentId');
  requireLive(unit, 'id');
  requireLive(parent, 'parentId');
  if (parent.path.startsWith(unit.path)) throw new AdminRefusedError('adm.moveCycle', 'CYCLE', 'parentId');
  if (unit.parentId === parent.id) return unit;
  const newPath = `${parent.path}${unit.id}/`;
  return context.prisma.$transaction(async (tx) => {
    // One statement for the subtree: the old prefix is replaced by the new one on every row.
    await tx.$executeRaw`
      UPDATE "Unit" SET "path" = ${newPath}::text || substr("path", ${unit.path.length + 1}::int), "updatedAt" = now()
      WHERE "path" LIKE ${`${unit.path}%`}`;
    const after = await tx.unit.update({ where: { id: unit.id }, data: { parentId: parent.id } });
    await auditAdminChange(tx, context, {
      action: 'unit.moved',
      entityType: 'Unit',
      entityId: unit.id,
      before: { parentId: unit.parentId, path: unit.path },
      after: { parentId: parent.id, path: newPath },
    });
    return after;
  });
}

export interface MergerPreview {
  from: Unit;
  to: Unit;
  openTasks: { id: string; title: string; status: string; dueDate: Date }[];
  openTaskCount: number;
  openCorrectiveCount: number;
  /** People whose roles on the merged unit are given on the successor too. */
  people: { userId: string; name: string; role: string }[];
  /** Planned or running inspections of the merged unit: they stay with it (not moved). */
  inspectionsStaying: number;
}

const PREVIEW_TASKS = 50;

/** Checks a merger the way the workflow will, plus what the workflow cannot do alone. */
async function mergerPair(context: AdminContext, fromUnitId: string, toUnitId: string) {
  const from = await administeredUnit(context, fromUnitId, 'fromUnitId');
  const to = await administeredUnit(context, toUnitId, 'toUnitId');
  if (from.id === to.id || to.path.startsWith(from.path)) {
    throw new AdminRefusedError('adm.mergeIntoSelf', 'MERGE_INTO_SELF', 'toUnitId');
  }
  requireLive(to, 'toUnitId');
  if (from.mergedIntoId && from.mergedIntoId !== to.id) requireLive(from, 'fromUnitId');
  const liveChildren = await context.prisma.unit.count({ where: { parentId: from.id, mergedIntoId: null } });
  if (liveChildren > 0)
    throw new AdminRefusedError('adm.mergeHasChildren', 'HAS_CHILDREN', 'fromUnitId', { name: from.name });
  // The workflow moves each task as its author (the task's reassign needs the plan's issuer in
  // reach); a task of a plan issued above the administrator would stop the merger half-way.
  const beyond = await context.prisma.task.count({
    where: {
      ...mergerSelection(from.id).tasks,
      plan: { issuingUnit: { NOT: administeredUnits(context.viewer) } },
    },
  });
  if (beyond > 0)
    throw new AdminRefusedError('adm.mergeBeyondReach', 'TASKS_BEYOND_REACH', 'fromUnitId', {
      count: String(beyond),
    });
  return { from, to };
}

/** What a merger would move, read-only, with the workflow's own selection rules. */
export async function previewMerger(
  context: AdminContext,
  input: { fromUnitId: string; toUnitId: string },
): Promise<MergerPreview> {
  const { from, to } = await mergerPair(context, input.fromUnitId, input.toUnitId);
  const selection = mergerSelection(from.id);
  const { prisma } = context;
  const [openTasks, openTaskCount, openCorrectiveCount, roles, inspectionsStaying] = await Promise.all([
    prisma.task.findMany({
      where: selection.tasks,
      select: { id: true, title: true, status: true, dueDate: true },
      orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
      take: PREVIEW_TASKS,
    }),
    prisma.task.count({ where: selection.tasks }),
    prisma.correctiveAction.count({ where: selection.corrective }),
    prisma.roleAssignment.findMany({
      where: selection.roles,
      select: { userId: true, role: true, user: { select: { name: true } } },
      orderBy: [{ role: 'asc' }, { userId: 'asc' }],
    }),
    prisma.inspection.count({ where: { targetUnitId: from.id, status: { in: ['PLANNED', 'IN_PROGRESS'] } } }),
  ]);
  return {
    from,
    to,
    openTasks,
    openTaskCount,
    openCorrectiveCount,
    people: roles.map((row) => ({ userId: row.userId, name: row.user.name, role: row.role })),
    inspectionsStaying,
  };
}

export interface MergeUnitsInput {
  fromUnitId: string;
  toUnitId: string;
  reason: string;
}

/**
 * Starts the merger workflow (its ID derives from the merged unit, so a repeated request finds
 * the first) and waits a little for it, so the page usually shows the work already moved.
 */
export async function mergeUnits(context: AdminContext, input: MergeUnitsInput): Promise<UnitMergerState> {
  const { from, to } = await mergerPair(context, input.fromUnitId, input.toUnitId);
  return context.commands.mergeUnits({
    fromUnitId: from.id,
    toUnitId: to.id,
    actorId: context.viewer.id,
    reason: input.reason,
  });
}
