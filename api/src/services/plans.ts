import { randomUUID } from 'node:crypto';
import type { ReformPlan, ReportingCadence } from '../../../prisma/client.ts';
import { Prisma } from '../../../prisma/client.ts';
import { reachesUnit, type Viewer } from '../auth.ts';
import { actorClaims } from '../temporal.ts';
import { PLANNING_ROLES, plansVisibleTo } from '../visibility.ts';
import type { Context } from '../context.ts';
import { NotFoundError, invalidInput } from '../errors.ts';
import { dateOnly } from './calendar-dates.ts';

export interface CreatePlanInput {
  requestId?: string | null;
  title: string;
  year: number;
  issuingUnitId: string;
  cadence: ReportingCadence;
}

/** Reporting periods of a year: four quarters or two halves. */
export function reportingPeriods(year: number, cadence: ReportingCadence) {
  const months = cadence === 'QUARTERLY' ? 3 : 6;
  return Array.from({ length: 12 / months }, (_, index) => {
    const start = new Date(Date.UTC(year, index * months, 1));
    const end = new Date(Date.UTC(year, (index + 1) * months, 0));
    return { number: index + 1, startsOn: start, endsOn: end };
  });
}

/**
 * Creates a DRAFT plan with its reporting periods and audit event. A repeated request with
 * the same requestId returns the plan created the first time; a requestId already used for
 * anything else is refused without saying what it was used for.
 */
export async function createPlan(context: Context & { viewer: Viewer }, input: CreatePlanInput) {
  const { prisma, viewer } = context;
  const unit = await prisma.unit.findUnique({ where: { id: input.issuingUnitId } });
  if (!unit || !reachesUnit(viewer, unit, PLANNING_ROLES)) {
    throw new NotFoundError('notFound.unit', 'issuingUnitId');
  }
  if (unit.mergedIntoId) throw invalidInput('issuingUnitId', 'notFound.unit');
  const id = input.requestId ?? randomUUID();
  const existing = await prisma.reformPlan.findUnique({ where: { id } });
  if (existing) return replayedPlan(context, existing, input);
  try {
    return await prisma.$transaction(async (tx) => {
      const plan = await tx.reformPlan.create({
        data: {
          id,
          title: input.title.trim(),
          year: input.year,
          issuingUnitId: unit.id,
          cadence: input.cadence,
          createdById: viewer.id,
          assessmentOpens: dateOnly(`${input.year}-12-01`),
          assessmentCloses: dateOnly(`${input.year + 1}-01-15`),
          periods: { create: reportingPeriods(input.year, input.cadence) },
        },
      });
      await tx.auditEvent.create({
        data: {
          eventId: `plan-${id}:created`,
          actorId: viewer.id,
          action: 'plan.created',
          entityType: 'ReformPlan',
          entityId: id,
          after: JSON.parse(JSON.stringify(plan)) as Prisma.InputJsonValue,
        },
      });
      return plan;
    });
  } catch (error) {
    // The same request arriving twice at once: the second insert loses, the first stands.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return replayedPlan(context, await prisma.reformPlan.findUniqueOrThrow({ where: { id } }), input);
    }
    throw error;
  }
}

/**
 * The plan a request created before, when this is the same person sending the same request
 * again and they may still see it. Any other use of the ID gets one answer, whether or not the
 * viewer may see the plan, so a guessed ID reveals nothing.
 */
async function replayedPlan(
  context: Context & { viewer: Viewer },
  plan: ReformPlan,
  input: CreatePlanInput,
): Promise<ReformPlan> {
  const sameRequest =
    plan.createdById === context.viewer.id &&
    plan.issuingUnitId === input.issuingUnitId &&
    plan.title === input.title.trim() &&
    plan.year === input.year &&
    plan.cadence === input.cadence;
  const visible =
    sameRequest &&
    (await context.prisma.reformPlan.count({
      where: { AND: [{ id: plan.id }, plansVisibleTo(context.viewer)] },
    })) === 1;
  if (!visible) throw invalidInput('requestId', 'input.requestIdInUse');
  return plan;
}

/** Issues a DRAFT plan through its workflow, which starts one task workflow per task. */
export async function issuePlan(context: Context & { viewer: Viewer }, planId: string): Promise<string> {
  const plan = await context.prisma.reformPlan.findUnique({
    where: { id: planId },
    include: { issuingUnit: true },
  });
  if (!plan || !reachesUnit(context.viewer, plan.issuingUnit, PLANNING_ROLES)) {
    throw new NotFoundError('notFound.plan', 'planId');
  }
  await context.commands.issuePlan(plan.id, {
    actorId: context.viewer.id,
    actorRoles: actorClaims(context.viewer),
  });
  return plan.id;
}
