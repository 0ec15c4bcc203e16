// Inspections: who may do what (docs/authorization.md, "Inspections"), the checks only the
// database can make, and the commands sent to `inspection-<id>`. Every read goes through
// inspectionsVisibleTo: a hidden inspection answers exactly as one that does not exist.
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { InspectionKind, InspectionStatus, Prisma, Role } from '../../../prisma/client.ts';
import {
  ActorFailure,
  INSPECTION_START_HOUR,
  InspectionFailure,
  MAX_SURPRISE_WINDOW_DAYS,
  inspectionWorkflowId,
  type ChecklistResult,
  type FindingSeverity,
} from '../../../workflows/src/contracts.ts';
import {
  WorkingCalendar,
  addDays,
  atVietnamTime,
  compareDates,
  isCalendarDate,
} from '../../../workflows/src/calendar.ts';
import { hasRole, reachesUnit, type Viewer } from '../auth.ts';
import type { Context } from '../context.ts';
import { ChecklistItemChangedError } from '../checklist-conflict.ts';
import { CommandRejectedError, NotFoundError, invalidInput } from '../errors.ts';
import { INSPECTION_OVERSIGHT_ROLES, inspectionsVisibleTo } from '../inspection-visibility.ts';
import { translate } from '../messages.ts';
import { actorClaims } from '../temporal.ts';
import { dateOnly, loadWorkingCalendar, todayInVietnam } from './calendar-dates.ts';

type ViewerContext = Context & { viewer: Viewer };

export type InspectionAction = 'reschedule' | 'start' | 'record' | 'close' | 'cancel';

/** What the actions and the command checks need of an inspection. */
export const inspectionActionSelect = {
  id: true,
  kind: true,
  status: true,
  windowStart: true,
  windowEnd: true,
  inspectors: { select: { userId: true } },
  targetUnit: { select: { id: true, path: true, parent: { select: { id: true, path: true } } } },
} as const satisfies Prisma.InspectionSelect;

type ActionInspection = Prisma.InspectionGetPayload<{ select: typeof inspectionActionSelect }>;

const OPEN_STATUSES: readonly InspectionStatus[] = ['PLANNED', 'IN_PROGRESS'];

/**
 * Cancelling is the committee's or an inspector's over the target: STEERING or INSPECTOR
 * reaching the target's parent unit (the target itself at the root), as the activity checks.
 */
const mayCancel = (viewer: Viewer, inspection: ActionInspection): boolean =>
  reachesUnit(viewer, inspection.targetUnit.parent ?? inspection.targetUnit, INSPECTION_OVERSIGHT_ROLES);

const isInspectorOf = (viewer: Viewer, inspection: { inspectors: { userId: string }[] }): boolean =>
  inspection.inspectors.some((inspector) => inspector.userId === viewer.id);

/** The buttons to show: from the viewer's roles, the status and being one of its inspectors. */
export function inspectionActionsFor(
  viewer: Viewer,
  inspection: ActionInspection,
): Record<InspectionAction, boolean> {
  const inspector = isInspectorOf(viewer, inspection);
  const { status } = inspection;
  return {
    reschedule: inspector && status === 'PLANNED',
    start: inspector && status === 'PLANNED',
    record: inspector && status === 'IN_PROGRESS',
    close: inspector && status === 'IN_PROGRESS',
    cancel: OPEN_STATUSES.includes(status) && mayCancel(viewer, inspection),
  };
}

/** The inspection by ID if the viewer sees it; else the one answer for "no such inspection". */
async function visibleInspection(context: ViewerContext, inspectionId: string): Promise<ActionInspection> {
  const inspection = await context.prisma.inspection.findFirst({
    where: { AND: [{ id: inspectionId }, inspectionsVisibleTo(context.viewer)] },
    select: inspectionActionSelect,
  });
  if (!inspection) throw new NotFoundError('notFound.inspection', 'inspectionId');
  return inspection;
}

/** A command only its own inspectors give, in the statuses it applies to. */
async function inspectorsInspection(
  context: ViewerContext,
  inspectionId: string,
  statuses: readonly InspectionStatus[],
  requestId: string | null | undefined,
): Promise<ActionInspection> {
  const inspection = await visibleInspection(context, inspectionId);
  if (!isInspectorOf(context.viewer, inspection)) {
    throw new CommandRejectedError(
      'inspection.notAnInspector',
      InspectionFailure.NotAnInspector,
      'The viewer is not one of its inspectors.',
    );
  }
  await requireStatus(context, inspection, statuses, requestId);
  return inspection;
}

/**
 * Refuses a command in the wrong status, unless it is a request sent again: while the workflow
 * runs, a request with an ID goes to it (Temporal answers a repeated Update ID with the first
 * result, and its validator refuses a new command in the wrong status); once the inspection is
 * closed or cancelled, its audit trail tells whether this request was the one applied.
 */
async function requireStatus(
  context: ViewerContext,
  inspection: { id: string; status: InspectionStatus },
  statuses: readonly InspectionStatus[],
  requestId: string | null | undefined,
): Promise<void> {
  if (statuses.includes(inspection.status)) return;
  if (requestId && OPEN_STATUSES.includes(inspection.status)) return;
  if (requestId && (await appliedBefore(context, inspection.id, requestId))) return;
  if (!statuses.includes(inspection.status)) {
    throw new CommandRejectedError(
      'inspection.wrongStatus',
      InspectionFailure.WrongStatus,
      `The inspection is ${inspection.status}.`,
    );
  }
}

/** Whether this viewer's request was applied to the inspection already (its ledger event exists). */
async function appliedBefore(context: ViewerContext, inspectionId: string, requestId: string) {
  const event = await context.prisma.auditEvent.findUnique({
    where: { eventId: `${inspectionWorkflowId(inspectionId)}:update:${requestId}` },
    select: { actorId: true, entityId: true },
  });
  return event?.entityId === inspectionId && event.actorId === context.viewer.id;
}

/** Holidays and swapped working days, as the workflows count them. */
const workingCalendar = (context: Context): Promise<WorkingCalendar> => loadWorkingCalendar(context.prisma);

const startsAt = (date: string): number => atVietnamTime(date, INSPECTION_START_HOUR).getTime();

/** The units whose people count as the target's own: the target and every unit merged into it. */
async function targetAndMergedUnitIds(context: Context, targetUnitId: string): Promise<string[]> {
  const ids = new Set([targetUnitId]);
  let frontier = [targetUnitId];
  while (frontier.length) {
    const merged = await context.prisma.unit.findMany({
      where: { mergedIntoId: { in: frontier } },
      select: { id: true },
    });
    frontier = merged.map((unit) => unit.id).filter((id) => !ids.has(id));
    frontier.forEach((id) => ids.add(id));
  }
  return [...ids];
}

/** Active users holding INSPECTOR or STEERING at the target or a unit above it. */
const inspectorReachingWhere = (target: { path: string }): Prisma.UserWhereInput => {
  const ancestorPaths = target.path
    .split('/')
    .filter(Boolean)
    .map((_, index, parts) => `/${parts.slice(0, index + 1).join('/')}/`);
  return {
    active: true,
    roles: {
      some: { role: { in: [...INSPECTION_OVERSIGHT_ROLES] }, unit: { path: { in: ancestorPaths } } },
    },
  };
};

export interface PlanInspectionInput {
  requestId?: string | null;
  kind: InspectionKind;
  targetUnitId: string;
  title: string;
  scheduledOn?: string | null;
  windowStart?: string | null;
  windowEnd?: string | null;
  inspectorIds: string[];
  leadInspectorId?: string | null;
  templateId?: string | null;
  checklist?: string[] | null;
}

const MAX_CHECKLIST_ITEMS = 200;
const MAX_ITEM_LENGTH = 500;

/**
 * Plans an inspection: STEERING or INSPECTOR reaching a unit strictly above the target (for a
 * SELF inspection the target itself too). The request's ID is the inspection's: the workflow
 * `inspection-<id>` writes the row, and the same request sent again returns the same inspection.
 */
export async function planInspection(context: ViewerContext, input: PlanInspectionInput): Promise<string> {
  const { prisma, viewer } = context;
  const target = await prisma.unit.findUnique({
    where: { id: input.targetUnitId },
    select: { id: true, path: true, mergedIntoId: true },
  });
  const plannerReaches =
    !!target &&
    !target.mergedIntoId &&
    viewer.roles.some(
      (assignment) =>
        INSPECTION_OVERSIGHT_ROLES.includes(assignment.role) &&
        target.path.startsWith(assignment.unitPath) &&
        (assignment.unitId !== target.id || input.kind === 'SELF'),
    );
  if (!target || !plannerReaches) throw new NotFoundError('notFound.unit', 'targetUnitId');

  const now = context.now();
  const today = todayInVietnam(now);
  const calendar = await workingCalendar(context);
  let scheduledOn: string | null = null;
  let windowStart: string | null = null;
  let windowEnd: string | null = null;
  if (input.kind === 'SURPRISE') {
    if (!input.windowStart) throw invalidInput('windowStart', 'input.windowRequired');
    if (!input.windowEnd) throw invalidInput('windowEnd', 'input.windowRequired');
    windowStart = input.windowStart;
    windowEnd = input.windowEnd;
    if (compareDates(windowStart, today) < 0) throw invalidInput('windowStart', 'input.windowInPast');
    if (compareDates(windowEnd, windowStart) < 0) throw invalidInput('windowEnd', 'input.windowOrder');
    if (compareDates(windowEnd, windowStart) >= MAX_SURPRISE_WINDOW_DAYS) {
      throw invalidInput('windowEnd', 'input.windowTooLong');
    }
    let workingDayAhead = false;
    for (
      let day = windowStart;
      !workingDayAhead && compareDates(day, windowEnd) <= 0;
      day = addDays(day, 1)
    ) {
      workingDayAhead = calendar.isWorkingDay(day) && startsAt(day) > now.getTime();
    }
    if (!workingDayAhead) throw invalidInput('windowEnd', 'input.windowNoWorkingDay');
  } else {
    if (!input.scheduledOn) throw invalidInput('scheduledOn', 'input.scheduledOnRequired');
    scheduledOn = input.scheduledOn;
    if (compareDates(scheduledOn, today) < 0) throw invalidInput('scheduledOn', 'input.inspectionDayInPast');
    if (!calendar.isWorkingDay(scheduledOn)) throw invalidInput('scheduledOn', 'input.notWorkingDay');
  }

  const inspectorIds = [...new Set(input.inspectorIds)];
  if (inspectorIds.length === 0) throw invalidInput('inspectorIds', 'input.inspectorsRequired');
  const qualified = await prisma.user.count({
    where: { AND: [{ id: { in: inspectorIds } }, inspectorReachingWhere(target)] },
  });
  if (qualified !== inspectorIds.length) throw invalidInput('inspectorIds', 'input.inspectorRole');
  if (input.kind !== 'SELF') {
    // Nobody inspects their own unit (and a surprise would be hidden from them anyway).
    const members = await prisma.roleAssignment.count({
      where: {
        userId: { in: inspectorIds },
        unitId: { in: await targetAndMergedUnitIds(context, target.id) },
      },
    });
    if (members > 0) throw invalidInput('inspectorIds', 'input.inspectorOfTarget');
  }
  const lead = input.leadInspectorId ?? inspectorIds[0];
  if (!inspectorIds.includes(lead!)) throw invalidInput('leadInspectorId', 'input.leadInspector');

  let templateItems: string[] = [];
  if (input.templateId) {
    const template = await prisma.checklistTemplate.findUnique({ where: { id: input.templateId } });
    if (!template) throw new NotFoundError('notFound.checklistTemplate', 'templateId');
    templateItems = template.items;
  }
  const adHoc = (input.checklist ?? []).map((item) => item.trim());
  if (adHoc.some((item) => !item || item.length > MAX_ITEM_LENGTH)) {
    throw invalidInput('checklist', 'input.checklistItem');
  }
  const checklist = [...templateItems, ...adHoc];
  if (checklist.length === 0) throw invalidInput('checklist', 'input.checklistEmpty');
  if (checklist.length > MAX_CHECKLIST_ITEMS) throw invalidInput('checklist', 'input.checklistItem');

  const inspectionId = input.requestId ?? randomUUID();
  const title = input.title.trim();
  const existing = await prisma.inspection.findUnique({
    where: { id: inspectionId },
    select: { createdById: true, kind: true, targetUnitId: true, title: true },
  });
  if (existing) {
    // The same person sending the same request again: the inspection it made. Anything else
    // using the ID gets one answer, whether or not the viewer sees that inspection.
    const same =
      existing.createdById === viewer.id &&
      existing.kind === input.kind &&
      existing.targetUnitId === target.id &&
      existing.title === title;
    if (!same) throw invalidInput('requestId', 'input.requestIdInUse');
    return inspectionId;
  }
  await context.commands.planInspection({
    inspectionId,
    kind: input.kind,
    targetUnitId: target.id,
    title,
    scheduledOn,
    windowStart,
    windowEnd,
    inspectors: inspectorIds.map((userId) => ({ userId, lead: userId === lead })),
    checklist,
    actorId: viewer.id,
    templateId: input.templateId ?? null,
  });
  return inspectionId;
}

interface InspectionCommandInput {
  /** A UUID per form, sent as the Update's ID: a retried request is one command. */
  requestId?: string | null;
  inspectionId: string;
}

/** One of its inspectors moves the day of a PLANNED inspection (inside its window, for a surprise). */
export async function rescheduleInspection(
  context: ViewerContext,
  input: InspectionCommandInput & { date: string },
): Promise<string> {
  const inspection = await inspectorsInspection(context, input.inspectionId, ['PLANNED'], input.requestId);
  if (compareDates(input.date, todayInVietnam(context.now())) < 0) {
    throw invalidInput('date', 'input.inspectionDayInPast');
  }
  if (startsAt(input.date) <= context.now().getTime()) throw invalidInput('date', 'input.dayInPast');
  if (!(await workingCalendar(context)).isWorkingDay(input.date)) {
    throw invalidInput('date', 'input.notWorkingDay');
  }
  const iso = (date: Date) => date.toISOString().slice(0, 10);
  if (
    inspection.kind === 'SURPRISE' &&
    (input.date < iso(inspection.windowStart) || input.date > iso(inspection.windowEnd))
  ) {
    throw invalidInput('date', 'input.dayOutsideWindow');
  }
  await context.commands.scheduleInspection(
    inspection.id,
    { actorId: context.viewer.id, date: input.date },
    input.requestId,
  );
  return inspection.id;
}

/** The committee or an inspector over the target cancels an open inspection, with a reason. */
export async function cancelInspection(
  context: ViewerContext,
  input: InspectionCommandInput & { reason: string },
): Promise<string> {
  const inspection = await visibleInspection(context, input.inspectionId);
  if (!mayCancel(context.viewer, inspection)) {
    throw new CommandRejectedError('auth.forbidden', ActorFailure.NotAllowed, 'Cannot cancel.');
  }
  await requireStatus(context, inspection, OPEN_STATUSES, input.requestId);
  await context.commands.cancelInspection(
    inspection.id,
    { actorId: context.viewer.id, actorRoles: actorClaims(context.viewer), reason: input.reason.trim() },
    input.requestId,
  );
  return inspection.id;
}

/** One of its inspectors starts it before 08:00 on its day (it starts by itself then). */
export async function startInspection(
  context: ViewerContext,
  input: InspectionCommandInput,
): Promise<string> {
  const inspection = await inspectorsInspection(context, input.inspectionId, ['PLANNED'], input.requestId);
  await context.commands.startInspection(inspection.id, { actorId: context.viewer.id }, input.requestId);
  return inspection.id;
}

/**
 * Evidence a command may attach: the viewer's own uploads for this inspection, not attached to
 * anything else (`alreadyOn`: attached by this very command sent before, which is fine).
 */
async function checkEvidence(
  context: ViewerContext,
  inspectionId: string,
  evidenceIds: string[],
  options: { photosOnly: boolean; alreadyOn?: Prisma.EvidenceWhereInput },
): Promise<void> {
  if (!evidenceIds.length) return;
  const rows = await context.prisma.evidence.findMany({
    where: {
      id: { in: evidenceIds },
      uploadedById: context.viewer.id,
      inspectionId,
      progressReportId: null,
      correctiveRoundId: null,
      OR: [{ checklistItemId: null, findingId: null }, ...(options.alreadyOn ? [options.alreadyOn] : [])],
    },
    select: { mimeType: true },
  });
  if (rows.length !== evidenceIds.length) throw invalidInput('evidenceIds', 'input.evidenceNotForInspection');
  if (options.photosOnly && rows.some((row) => !row.mimeType.startsWith('image/'))) {
    throw invalidInput('evidenceIds', 'input.notPhoto');
  }
}

async function checklistItemOf(context: Context, inspectionId: string, checklistItemId: string) {
  const item = await context.prisma.checklistItem.findFirst({
    where: { id: checklistItemId, inspectionId },
    select: { id: true },
  });
  if (!item) throw new NotFoundError('notFound.checklistItem', 'checklistItemId');
  return item;
}

/** PASS / FAIL / NOT_APPLICABLE for one item, with a note and photos, while IN_PROGRESS. */
export async function recordChecklistResult(
  context: ViewerContext,
  input: InspectionCommandInput & {
    checklistItemId: string;
    result: ChecklistResult;
    note?: string | null;
    evidenceIds?: string[] | null;
    /** The item's value the change was made on; given, another value recorded since refuses it. */
    base?: { result?: ChecklistResult | null; note?: string | null } | null;
  },
): Promise<string> {
  const inspection = await inspectorsInspection(
    context,
    input.inspectionId,
    ['IN_PROGRESS'],
    input.requestId,
  );
  const item = await checklistItemOf(context, inspection.id, input.checklistItemId);
  const evidenceIds = [...new Set(input.evidenceIds ?? [])];
  await checkEvidence(context, inspection.id, evidenceIds, {
    photosOnly: true,
    alreadyOn: { checklistItemId: item.id },
  });
  try {
    await context.commands.recordChecklistResult(
      inspection.id,
      {
        actorId: context.viewer.id,
        checklistItemId: item.id,
        result: input.result,
        note: input.note?.trim() || null,
        evidenceIds,
        ...(input.base
          ? { base: { result: input.base.result ?? null, note: input.base.note?.trim() || null } }
          : {}),
      },
      input.requestId,
    );
  } catch (error) {
    if (error instanceof ChecklistItemChangedError) {
      throw new ChecklistItemChangedError(error.current, await lastRecorded(context, inspection.id, item.id));
    }
    throw error;
  }
  return inspection.id;
}

/** Who recorded an item's current result and when: its latest result event in the audit trail. */
async function lastRecorded(
  context: Context,
  inspectionId: string,
  checklistItemId: string,
): Promise<{ name: string; at: Date } | null> {
  const event = await context.prisma.auditEvent.findFirst({
    where: {
      entityType: 'Inspection',
      entityId: inspectionId,
      action: 'inspection.checklistRecorded',
      after: { path: ['id'], equals: checklistItemId },
    },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    select: { actorId: true, at: true },
  });
  if (!event?.actorId) return null;
  const actor = await context.prisma.user.findUnique({
    where: { id: event.actorId },
    select: { name: true },
  });
  return actor ? { name: actor.name, at: event.at } : null;
}

/**
 * A finding while IN_PROGRESS. `findingId` is the client's (an offline phone's): sent again, in
 * any status, it is recognised and nothing new is recorded.
 */
export async function recordFinding(
  context: ViewerContext,
  input: InspectionCommandInput & {
    findingId?: string | null;
    severity: FindingSeverity;
    description: string;
    checklistItemId?: string | null;
    requiresCorrection: boolean;
    evidenceIds?: string[] | null;
  },
): Promise<string> {
  const inspection = await visibleInspection(context, input.inspectionId);
  const findingId = input.findingId ?? randomUUID();
  const existing = await context.prisma.finding.findUnique({
    where: { id: findingId },
    select: { inspectionId: true, recordedById: true },
  });
  if (existing) {
    if (existing.inspectionId === inspection.id && existing.recordedById === context.viewer.id) {
      return inspection.id;
    }
    throw invalidInput('findingId', 'input.findingIdInUse');
  }
  await inspectorsInspection(context, inspection.id, ['IN_PROGRESS'], input.requestId);
  if (input.severity === 'INFO' && input.requiresCorrection) {
    throw invalidInput('requiresCorrection', 'input.observationNoCorrection');
  }
  const checklistItemId = input.checklistItemId
    ? (await checklistItemOf(context, inspection.id, input.checklistItemId)).id
    : null;
  const evidenceIds = [...new Set(input.evidenceIds ?? [])];
  await checkEvidence(context, inspection.id, evidenceIds, { photosOnly: false });
  await context.commands.recordFinding(
    inspection.id,
    {
      actorId: context.viewer.id,
      findingId,
      severity: input.severity,
      description: input.description.trim(),
      requiresCorrection: input.requiresCorrection,
      checklistItemId,
      evidenceIds,
    },
    input.requestId,
  );
  return inspection.id;
}

/** One of its inspectors closes it with the conclusion; its findings to correct become actions. */
export async function closeInspection(
  context: ViewerContext,
  input: InspectionCommandInput & { summary: string },
): Promise<string> {
  const inspection = await inspectorsInspection(
    context,
    input.inspectionId,
    ['IN_PROGRESS'],
    input.requestId,
  );
  await context.commands.closeInspection(
    inspection.id,
    { actorId: context.viewer.id, note: input.summary.trim() },
    input.requestId,
  );
  return inspection.id;
}

export async function createChecklistTemplate(
  context: ViewerContext,
  input: { topic: string; name: string; items: string[] },
) {
  const items = input.items.map((item) => item.trim());
  if (items.length === 0) throw invalidInput('items', 'input.checklistEmpty');
  if (items.length > MAX_CHECKLIST_ITEMS || items.some((item) => !item || item.length > MAX_ITEM_LENGTH)) {
    throw invalidInput('items', 'input.checklistItem');
  }
  return context.prisma.checklistTemplate.create({
    data: { topic: input.topic.trim(), name: input.name.trim(), items, createdById: context.viewer.id },
  });
}

/** The roles that plan and run inspections (and see checklist templates, with ADMIN). */
export const isInspectionPlanner = (viewer: Viewer | null): boolean =>
  hasRole(viewer, ...(INSPECTION_OVERSIGHT_ROLES as Role[]));

/** Candidates for the planner: who may inspect the target, without the target's own people. */
export async function inspectorCandidates(context: ViewerContext, targetUnitId: string) {
  const target = await context.prisma.unit.findFirst({
    where: { id: targetUnitId, mergedIntoId: null },
    select: { id: true, path: true },
  });
  // An unknown target, or one the viewer does not oversee, has no candidates (nothing leaks).
  if (!target || !reachesUnit(context.viewer, target, INSPECTION_OVERSIGHT_ROLES)) return [];
  const own = await targetAndMergedUnitIds(context, target.id);
  const users = await context.prisma.user.findMany({
    where: { AND: [inspectorReachingWhere(target), { roles: { none: { unitId: { in: own } } } }] },
    select: {
      id: true,
      name: true,
      roles: {
        where: { role: { in: [...INSPECTION_OVERSIGHT_ROLES] } },
        select: { unit: { select: { name: true, path: true } } },
      },
    },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: 500,
  });
  return users.map((user) => ({
    id: user.id,
    name: user.name,
    unitName: user.roles.find((role) => target.path.startsWith(role.unit.path))?.unit.name ?? '',
  }));
}

export type InspectionBucket = 'TODAY' | 'UPCOMING' | 'IN_PROGRESS' | 'CLOSED';

export interface InspectionListFilter {
  bucket?: InspectionBucket | null;
  unitId?: string | null;
  kind?: InspectionKind | null;
  status?: readonly InspectionStatus[] | null;
  mine?: boolean | null;
  from?: string | null;
  to?: string | null;
}

function badArgument(context: Context, field: string, key: Parameters<typeof translate>[1]): GraphQLError {
  return new GraphQLError(translate(context.locale, key), { extensions: { code: 'BAD_USER_INPUT', field } });
}

/** A unit's subtree, or nothing for an unknown unit (a filter never widens what the viewer sees). */
async function subtreeWhere(context: Context, unitId: string): Promise<Prisma.InspectionWhereInput> {
  const unit = await context.prisma.unit.findUnique({ where: { id: unitId }, select: { path: true } });
  return unit ? { targetUnit: { path: { startsWith: unit.path } } } : { id: { in: [] } };
}

/** The `inspections` list's filter as one Prisma where, ANDed with what the viewer sees. */
export async function inspectionListWhere(
  context: ViewerContext,
  filter: InspectionListFilter | null | undefined,
): Promise<Prisma.InspectionWhereInput> {
  const where: Prisma.InspectionWhereInput[] = [inspectionsVisibleTo(context.viewer)];
  if (!filter) return { AND: where };
  for (const field of ['from', 'to'] as const) {
    const value = filter[field];
    if (value != null && !isCalendarDate(value)) throw badArgument(context, `filter.${field}`, 'input.date');
  }
  const today = dateOnly(todayInVietnam(context.now()));
  switch (filter.bucket) {
    case 'TODAY':
      where.push({ status: { in: ['PLANNED', 'IN_PROGRESS'] }, scheduledOn: today });
      break;
    case 'UPCOMING':
      where.push({ status: 'PLANNED', scheduledOn: { gt: today } });
      break;
    case 'IN_PROGRESS':
      where.push({ status: 'IN_PROGRESS' });
      break;
    case 'CLOSED':
      where.push({ status: { in: ['CLOSED', 'CANCELLED'] } });
      break;
  }
  if (filter.unitId) where.push(await subtreeWhere(context, filter.unitId));
  if (filter.kind) where.push({ kind: filter.kind });
  if (filter.status?.length) where.push({ status: { in: [...filter.status] } });
  if (filter.mine) where.push({ inspectors: { some: { userId: context.viewer.id } } });
  if (filter.from) where.push({ scheduledOn: { gte: dateOnly(filter.from) } });
  if (filter.to) where.push({ scheduledOn: { lte: dateOnly(filter.to) } });
  return { AND: where };
}

/** TODAY / UPCOMING (and by default) soonest first; CLOSED most recently closed first. */
export function inspectionListOrder(
  filter: InspectionListFilter | null | undefined,
): Prisma.InspectionOrderByWithRelationInput[] {
  if (filter?.bucket === 'CLOSED') {
    return [{ closedAt: { sort: 'desc', nulls: 'last' } }, { updatedAt: 'desc' }, { id: 'desc' }];
  }
  return [{ scheduledOn: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }];
}

/** The month's inspections by day (cancelled left out), for the calendar. */
export async function inspectionCalendar(
  context: ViewerContext,
  month: string,
  unitId: string | null | undefined,
) {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw badArgument(context, 'month', 'input.month');
  const first = `${month}-01`;
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const next =
    monthNumber === 12 ? `${year + 1}-01-01` : `${year}-${String(monthNumber + 1).padStart(2, '0')}-01`;
  const where: Prisma.InspectionWhereInput[] = [
    inspectionsVisibleTo(context.viewer),
    { status: { not: 'CANCELLED' }, scheduledOn: { gte: dateOnly(first), lt: dateOnly(next) } },
  ];
  if (unitId) where.push(await subtreeWhere(context, unitId));
  const rows = await context.prisma.inspection.findMany({
    where: { AND: where },
    orderBy: [{ scheduledOn: 'asc' }, { title: 'asc' }, { id: 'asc' }],
    take: 1000,
  });
  const days = new Map<string, typeof rows>();
  for (const row of rows) {
    const day = row.scheduledOn!.toISOString().slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), row]);
  }
  return [...days].map(([date, inspections]) => ({ date: dateOnly(date), inspections }));
}
