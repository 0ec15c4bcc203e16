// Criteria sets administered in the app: view, copy from a previous year, edit while unpublished
// (a criterion's names, maximum points and scoring method; add and remove criteria and
// sub-criteria), publish. A criteria set belongs to a year and a level of units and scores
// every unit of that level, so only an administrator of a top-level unit changes one (the rule
// of the holiday calendar, services/admin-calendar.ts); a published set is never edited again:
// it is copied for the next year instead (DESIGN.md, "PAR-style scoring is versioned by year").
import { randomUUID } from 'node:crypto';
import { Prisma, type CriteriaSet, type ScoringMethod, type UnitLevel } from '../../../prisma/client.ts';
import type { Context } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { CalendarRefusedError, requireCalendarAdmin, type CalendarContext } from './admin-calendar.ts';

type Tx = Prisma.TransactionClient;

/** Points are kept to the hundredth; sums are compared in hundredths so 0.1 + 0.2 is 0.3. */
const hundredths = (value: Prisma.Decimal | number): number => Math.round(Number(value) * 100);

export function criteriaSetFilter(filter: { year?: number | null; level?: UnitLevel | null }) {
  return {
    where: {
      ...(filter.year != null ? { year: filter.year } : {}),
      ...(filter.level != null ? { level: filter.level } : {}),
    },
    orderBy: [{ year: 'desc' as const }, { level: 'asc' as const }],
  };
}

async function audit(
  tx: Tx,
  context: CalendarContext,
  event: { action: string; setId: string; before?: unknown; after?: unknown },
): Promise<void> {
  const json = (value: unknown) =>
    value === undefined ? Prisma.JsonNull : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
  await tx.auditEvent.create({
    data: {
      eventId: `admin-CriteriaSet-${event.setId}:${randomUUID()}`,
      actorId: context.viewer.id,
      action: event.action,
      entityType: 'CriteriaSet',
      entityId: event.setId,
      before: json(event.before),
      after: json(event.after),
      at: context.now(),
    },
  });
}

/**
 * Runs `change` on the unpublished set `setId` inside one transaction that holds the set's row
 * (two administrators editing one set take turns), then checks the points of the whole set:
 * the sub-criteria of a criterion add up to at most its maximum, and the criteria to at most
 * the set's. A change that breaks either is rolled back with OVER_PARENT / OVER_SET.
 */
async function editSet(
  context: CalendarContext,
  setId: string,
  field: string,
  change: (tx: Tx, set: CriteriaSet) => Promise<{ action: string; before?: unknown; after?: unknown }>,
): Promise<string> {
  requireCalendarAdmin(context.viewer);
  await context.prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "CriteriaSet" WHERE id = ${setId} FOR UPDATE`;
    if (locked.length === 0) throw new NotFoundError('crit.notFound', field);
    const set = await tx.criteriaSet.findUniqueOrThrow({ where: { id: setId } });
    if (set.publishedAt) throw new CalendarRefusedError('crit.published', 'PUBLISHED', field);
    const event = await change(tx, set);
    await checkPoints(tx, setId);
    await audit(tx, context, { ...event, setId });
  });
  return setId;
}

async function checkPoints(tx: Tx, setId: string): Promise<void> {
  const set = await tx.criteriaSet.findUniqueOrThrow({ where: { id: setId } });
  const criteria = await tx.criterion.findMany({ where: { criteriaSetId: setId } });
  const top = criteria.filter((criterion) => !criterion.parentId);
  const sum = (list: typeof criteria) => list.reduce((total, c) => total + hundredths(c.maxPoints), 0);
  for (const parent of top) {
    const children = criteria.filter((criterion) => criterion.parentId === parent.id);
    if (children.length > 0 && sum(children) > hundredths(parent.maxPoints)) {
      throw new CalendarRefusedError('crit.overParent', 'OVER_PARENT', 'maxPoints');
    }
  }
  if (sum(top) > hundredths(set.maxPoints))
    throw new CalendarRefusedError('crit.overSet', 'OVER_SET', 'maxPoints');
}

/** The criterion `id` of an editable set, or NotFoundError. */
async function criterionOf(context: Context, id: string) {
  const criterion = await context.prisma.criterion.findUnique({ where: { id } });
  if (!criterion) throw new NotFoundError('crit.notFound', 'id');
  return criterion;
}

/**
 * A copy of the set for `toYear`: same level, name with the year replaced, every criterion and
 * sub-criterion with its points and method; unpublished, so it can be edited.
 */
export async function copyCriteriaSet(
  context: CalendarContext,
  input: { fromId: string; toYear: number },
): Promise<string> {
  requireCalendarAdmin(context.viewer);
  const from = await context.prisma.criteriaSet.findUnique({
    where: { id: input.fromId },
    include: { criteria: { orderBy: [{ parentId: { sort: 'asc', nulls: 'first' } }, { sortOrder: 'asc' }] } },
  });
  if (!from) throw new NotFoundError('crit.notFound', 'fromId');
  const taken = () => new CalendarRefusedError('crit.yearTaken', 'YEAR_TAKEN', 'toYear');
  if (
    await context.prisma.criteriaSet.findUnique({
      where: { year_level: { year: input.toYear, level: from.level } },
    })
  ) {
    throw taken();
  }
  const id = randomUUID();
  try {
    await context.prisma.$transaction(async (tx) => {
      await tx.criteriaSet.create({
        data: {
          id,
          year: input.toYear,
          level: from.level,
          name: from.name.includes(String(from.year))
            ? from.name.replaceAll(String(from.year), String(input.toYear))
            : `${from.name} (${input.toYear})`,
          maxPoints: from.maxPoints,
        },
      });
      const newIds = new Map(from.criteria.map((criterion) => [criterion.id, randomUUID()]));
      // Parents first (ordered above), so each child's parent exists when it is written.
      await tx.criterion.createMany({
        data: from.criteria.map((criterion) => ({
          id: newIds.get(criterion.id)!,
          criteriaSetId: id,
          areaId: criterion.areaId,
          parentId: criterion.parentId ? newIds.get(criterion.parentId)! : null,
          code: criterion.code,
          nameVi: criterion.nameVi,
          nameEn: criterion.nameEn,
          maxPoints: criterion.maxPoints,
          method: criterion.method,
          sortOrder: criterion.sortOrder,
        })),
      });
      await audit(tx, context, {
        action: 'criteriaSet.copied',
        setId: id,
        after: { fromId: from.id, fromYear: from.year, year: input.toYear, criteria: from.criteria.length },
      });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw taken();
    throw error;
  }
  return id;
}

export interface CriterionChange {
  id: string;
  nameVi?: string | null;
  nameEn?: string | null;
  maxPoints?: number | null;
  method?: ScoringMethod | null;
}

export async function updateCriterion(context: CalendarContext, input: CriterionChange): Promise<string> {
  const criterion = await criterionOf(context, input.id);
  return editSet(context, criterion.criteriaSetId, 'id', async (tx) => {
    const after = await tx.criterion.update({
      where: { id: criterion.id },
      data: {
        ...(input.nameVi != null ? { nameVi: input.nameVi } : {}),
        ...(input.nameEn != null ? { nameEn: input.nameEn } : {}),
        ...(input.maxPoints != null ? { maxPoints: input.maxPoints } : {}),
        ...(input.method != null ? { method: input.method } : {}),
      },
    });
    return { action: 'criterion.updated', before: criterion, after };
  });
}

export interface NewCriterion {
  criteriaSetId: string;
  parentId?: string | null;
  areaId?: string | null;
  code: string;
  nameVi: string;
  nameEn: string;
  maxPoints: number;
  method: ScoringMethod;
}

/** A criterion (or, under `parentId`, a sub-criterion: one level only) at the end of its list. */
export async function addCriterion(context: CalendarContext, input: NewCriterion): Promise<string> {
  return editSet(context, input.criteriaSetId, 'criteriaSetId', async (tx) => {
    let areaId = input.areaId ?? null;
    if (input.parentId) {
      const parent = await tx.criterion.findUnique({ where: { id: input.parentId } });
      if (!parent || parent.criteriaSetId !== input.criteriaSetId)
        throw new NotFoundError('crit.notFound', 'parentId');
      if (parent.parentId) throw new CalendarRefusedError('crit.depth', 'TOO_DEEP', 'parentId');
      areaId = parent.areaId;
    } else if (areaId && !(await tx.reformArea.findUnique({ where: { id: areaId } }))) {
      throw new NotFoundError('crit.notFound', 'areaId');
    }
    const code = await tx.criterion.findUnique({
      where: { criteriaSetId_code: { criteriaSetId: input.criteriaSetId, code: input.code } },
    });
    if (code) throw new CalendarRefusedError('crit.code', 'CODE_TAKEN', 'code');
    const last = await tx.criterion.aggregate({
      where: { criteriaSetId: input.criteriaSetId, parentId: input.parentId ?? null },
      _max: { sortOrder: true },
    });
    const after = await tx.criterion.create({
      data: {
        criteriaSetId: input.criteriaSetId,
        parentId: input.parentId ?? null,
        areaId,
        code: input.code,
        nameVi: input.nameVi,
        nameEn: input.nameEn,
        maxPoints: input.maxPoints,
        method: input.method,
        sortOrder: (last._max.sortOrder ?? 0) + 1,
      },
    });
    return { action: 'criterion.added', after };
  });
}

/** Removes a criterion without sub-criteria that nothing refers to yet. */
export async function removeCriterion(context: CalendarContext, id: string): Promise<string> {
  const criterion = await criterionOf(context, id);
  return editSet(context, criterion.criteriaSetId, 'id', async (tx) => {
    if (await tx.criterion.count({ where: { parentId: id } })) {
      throw new CalendarRefusedError('crit.hasChildren', 'HAS_CHILDREN', 'id');
    }
    const uses =
      (await tx.task.count({ where: { criterionId: id } })) +
      (await tx.finding.count({ where: { criterionId: id } })) +
      (await tx.assessmentScore.count({ where: { criterionId: id } }));
    if (uses > 0) throw new CalendarRefusedError('crit.inUse', 'IN_USE', 'id');
    await tx.criterion.delete({ where: { id } });
    return { action: 'criterion.removed', before: criterion };
  });
}

/** Publishes the set: from now on it is read-only (copied for the next year instead). */
export async function publishCriteriaSet(context: CalendarContext, id: string): Promise<string> {
  return editSet(context, id, 'id', async (tx, set) => {
    if ((await tx.criterion.count({ where: { criteriaSetId: id } })) === 0) {
      throw new CalendarRefusedError('crit.empty', 'EMPTY', 'id');
    }
    const after = await tx.criteriaSet.update({ where: { id }, data: { publishedAt: context.now() } });
    return { action: 'criteriaSet.published', before: set, after };
  });
}
