// Corrective actions through the API: the list's filter, who may do what now, the commands (each
// checked here against the database, then sent to the action's workflow `corrective-<id>`), and
// the findings overview by unit. Every read goes through correctiveActionsVisibleTo /
// findingsVisibleTo (api/src/inspection-visibility.ts): an action the viewer does not see answers
// as one that does not exist.
import DataLoader from 'dataloader';
import type { Prisma, Role } from '../../../prisma/client.ts';
import { ActorFailure, CorrectiveFailure } from '../../../workflows/src/contracts.ts';
import { compareDates, isCalendarDate } from '../../../workflows/src/calendar.ts';
import { reachesUnit, unitsInScope, type Viewer } from '../auth.ts';
import type { Context } from '../context.ts';
import { CommandRejectedError, NotFoundError, invalidInput } from '../errors.ts';
import { correctiveActionsVisibleTo, findingsVisibleTo } from '../inspection-visibility.ts';
import { actorClaims } from '../temporal.ts';
import { scheduleOf } from './work.ts';

export type ApiCorrectiveStatus = 'OPEN' | 'SUBMITTED' | 'VERIFIED' | 'CANCELLED';
type DbCorrectiveStatus = ApiCorrectiveStatus | 'REJECTED';

/** The database's statuses behind one of the API's: a REJECTED row is open again (OPEN). */
const dbStatuses = (status: ApiCorrectiveStatus): DbCorrectiveStatus[] =>
  status === 'OPEN' ? ['OPEN', 'REJECTED'] : [status];

/** Waiting for the unit or for the inspectors: the statuses that can be late. */
export const OPEN_DB_STATUSES: DbCorrectiveStatus[] = ['OPEN', 'REJECTED', 'SUBMITTED'];

/** The responsible unit's people: they answer with a remedy. */
const UNIT_ROLES: readonly Role[] = ['UNIT_HEAD', 'UNIT_STAFF'];
/** Extensions are decided by the committee or an inspector reaching the unit. */
export const DECIDER_ROLES: readonly Role[] = ['STEERING', 'INSPECTOR'];
/** Who sees the findings overview. */
export const OVERVIEW_ROLES: readonly Role[] = ['STEERING', 'INSPECTOR', 'ADMIN'];

export interface CorrectiveFilterInput {
  unitId?: string | null;
  status?: ApiCorrectiveStatus[] | null;
  overdue?: boolean | null;
  inspectionId?: string | null;
  waitingForMe?: boolean | null;
}

/** The `correctiveActions` list's filter: visibility first, then every given field. */
export async function correctiveListWhere(
  context: Context & { viewer: Viewer },
  filter: CorrectiveFilterInput | null | undefined,
): Promise<Prisma.CorrectiveActionWhereInput> {
  const { viewer } = context;
  const and: Prisma.CorrectiveActionWhereInput[] = [correctiveActionsVisibleTo(viewer)];
  if (filter?.unitId) {
    const unit = await context.prisma.unit.findUnique({
      where: { id: filter.unitId },
      select: { path: true },
    });
    // An unknown unit gives no actions.
    and.push(unit ? { responsibleUnit: { path: { startsWith: unit.path } } } : { id: { in: [] } });
  }
  if (filter?.status?.length) and.push({ status: { in: filter.status.flatMap(dbStatuses) } });
  if (filter?.overdue != null) {
    const { today } = await scheduleOf(context);
    const late: Prisma.CorrectiveActionWhereInput = {
      status: { in: OPEN_DB_STATUSES },
      dueDate: { lt: new Date(`${today}T00:00:00.000Z`) },
    };
    and.push(filter.overdue ? late : { NOT: late });
  }
  if (filter?.inspectionId) and.push({ finding: { inspectionId: filter.inspectionId } });
  if (filter?.waitingForMe) {
    and.push({
      status: 'SUBMITTED',
      finding: { inspection: { inspectors: { some: { userId: viewer.id } } } },
    });
  }
  return { AND: and };
}

// ---------------------------------------------------------------------------------------------
// What the viewer may do now (the buttons); the commands check the same again.

export interface ActionFacts {
  status: DbCorrectiveStatus;
  responsibleUnit: { id: string; path: string };
  finding: { inspection: { inspectors: { userId: string }[] } };
  /** The waiting extension request, if any (at most one is taken). */
  extensions: unknown[];
}

/** The select that gives ActionFacts. */
export const actionFactsSelect = {
  status: true,
  responsibleUnit: { select: { id: true, path: true } },
  finding: { select: { inspection: { select: { inspectors: { select: { userId: true } } } } } },
  extensions: { where: { status: 'REQUESTED' as const }, select: { id: true }, take: 1 },
} satisfies Prisma.CorrectiveActionSelect;

const holdsOn = (viewer: Viewer, roles: readonly Role[], unitId: string) =>
  viewer.roles.some((assignment) => roles.includes(assignment.role) && assignment.unitId === unitId);
const isInspector = (viewer: Viewer, action: Pick<ActionFacts, 'finding'>) =>
  action.finding.inspection.inspectors.some((inspector) => inspector.userId === viewer.id);

export type CorrectiveActionName = 'submit' | 'verify' | 'reject' | 'requestExtension' | 'decideExtension';

export function correctiveActionsFor(
  viewer: Viewer,
  action: ActionFacts,
): Record<CorrectiveActionName, boolean> {
  const open = action.status === 'OPEN' || action.status === 'REJECTED';
  const pending = action.extensions.length > 0;
  return {
    submit: open && holdsOn(viewer, UNIT_ROLES, action.responsibleUnit.id),
    verify: action.status === 'SUBMITTED' && isInspector(viewer, action),
    reject: action.status === 'SUBMITTED' && isInspector(viewer, action),
    requestExtension: open && !pending && holdsOn(viewer, ['UNIT_HEAD'], action.responsibleUnit.id),
    decideExtension:
      (open || action.status === 'SUBMITTED') &&
      pending &&
      reachesUnit(viewer, action.responsibleUnit, DECIDER_ROLES),
  };
}

// ---------------------------------------------------------------------------------------------
// Working days and lateness, by the Holiday calendar (read once per request).

const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/** Working days from today (Vietnam) to the due date; negative: overdue by that many. */
export async function workingDaysLeft(context: Context, dueDate: Date): Promise<number> {
  const schedule = await scheduleOf(context);
  return schedule.calendar.workingDaysBetween(schedule.today, isoDay(dueDate));
}

/** Open (waiting for the unit or the inspectors) and due before today. */
export async function isOverdue(
  context: Context,
  action: { status: string; dueDate: Date },
): Promise<boolean> {
  if (!(OPEN_DB_STATUSES as string[]).includes(action.status)) return false;
  const { today } = await scheduleOf(context);
  return compareDates(isoDay(action.dueDate), today) < 0;
}

// ---------------------------------------------------------------------------------------------
// People's names (rounds name who submitted and who verified), loaded once per request.

const nameLoaders = new WeakMap<Context, DataLoader<string, string>>();

export function userName(context: Context, userId: string): Promise<string> {
  let loader = nameLoaders.get(context);
  if (!loader) {
    loader = new DataLoader(async (ids: readonly string[]) => {
      const users = await context.prisma.user.findMany({
        where: { id: { in: [...ids] } },
        select: { id: true, name: true },
      });
      const byId = new Map(users.map((user) => [user.id, user.name]));
      return ids.map((id) => byId.get(id) ?? '—');
    });
    nameLoaders.set(context, loader);
  }
  return loader.load(userId);
}

// ---------------------------------------------------------------------------------------------
// The commands.

type Ctx = Context & { viewer: Viewer };

interface CommandInput {
  /** A UUID per form, sent as the Update's ID: a retried request is one command. */
  requestId?: string | null;
  correctiveActionId: string;
}

const notFound = () => new NotFoundError('notFound.correctiveAction', 'correctiveActionId');

/** The action a command is for, as the viewer sees it; a hidden or unknown one is not there. */
async function commandedAction(context: Ctx, correctiveActionId: string) {
  const action = await context.prisma.correctiveAction.findFirst({
    where: { AND: [{ id: correctiveActionId }, correctiveActionsVisibleTo(context.viewer)] },
    select: { id: true, round: true, dueDate: true, ...actionFactsSelect },
  });
  if (!action) throw notFound();
  return action;
}

/**
 * Whether this request was carried out already: its workflow wrote the command's ledger event
 * (`corrective-<id>:update:<requestId>:…`). A retried request then answers with the action as it
 * is, also once the workflow has finished (a verified action).
 */
async function alreadyApplied(context: Ctx, correctiveActionId: string, requestId?: string | null) {
  if (!requestId) return false;
  const found = await context.prisma.auditEvent.count({
    where: { eventId: { startsWith: `corrective-${correctiveActionId}:update:${requestId}:` } },
  });
  return found > 0;
}

/** A verified or cancelled action's workflow has finished: answered here, without Temporal. */
function requireNotClosed(action: { status: DbCorrectiveStatus }) {
  if (action.status === 'VERIFIED' || action.status === 'CANCELLED') {
    throw new CommandRejectedError(
      'corrective.closed',
      CorrectiveFailure.WrongStatus,
      `The corrective action is ${action.status}.`,
    );
  }
}

const unitIdsWith = (viewer: Viewer, roles: readonly Role[]) =>
  viewer.roles.filter((assignment) => roles.includes(assignment.role)).map((assignment) => assignment.unitId);

/** The workflow's WrongStatus, said for the command that met it. */
async function send(
  run: () => Promise<unknown>,
  wrongStatusKey: 'corrective.notAnswered' | 'corrective.notOpen',
) {
  try {
    await run();
  } catch (error) {
    if (error instanceof CommandRejectedError && error.type === CorrectiveFailure.WrongStatus) {
      throw new CommandRejectedError(wrongStatusKey, error.type, error.detail);
    }
    throw error;
  }
}

/** The head or staff of the responsible unit reports the remedy, with their own files. */
export async function submitCorrection(
  context: Ctx,
  input: CommandInput & { remedy: string; evidenceIds?: string[] | null },
): Promise<string> {
  const action = await commandedAction(context, input.correctiveActionId);
  if (await alreadyApplied(context, action.id, input.requestId)) return action.id;
  if (!holdsOn(context.viewer, UNIT_ROLES, action.responsibleUnit.id)) {
    throw new CommandRejectedError('corrective.wrongUnit', CorrectiveFailure.WrongUnit, 'Not of the unit.');
  }
  requireNotClosed(action);
  const remedy = input.remedy.trim();
  if (!remedy) throw invalidInput('remedy', 'corrective.remedyRequired');
  const evidenceIds = [...new Set(input.evidenceIds ?? [])];
  if (evidenceIds.length) {
    // Only the viewer's own uploads for this action that no round carries yet.
    const own = await context.prisma.evidence.count({
      where: {
        id: { in: evidenceIds },
        correctiveActionId: action.id,
        uploadedById: context.viewer.id,
        correctiveRoundId: null,
      },
    });
    if (own !== evidenceIds.length) throw invalidInput('evidenceIds', 'corrective.evidenceNotYours');
  }
  await send(
    () =>
      context.commands.submitCorrection(
        action.id,
        {
          actorId: context.viewer.id,
          actorUnitIds: unitIdsWith(context.viewer, UNIT_ROLES),
          remedy,
          evidenceIds,
        },
        input.requestId,
      ),
    'corrective.notOpen',
  );
  return action.id;
}

function requireInspector(context: Ctx, action: Pick<ActionFacts, 'finding'>) {
  if (!isInspector(context.viewer, action)) {
    throw new CommandRejectedError(
      'corrective.notAnInspector',
      CorrectiveFailure.NotAnInspector,
      'Not an inspector of the inspection.',
    );
  }
}

/** One of the inspection's inspectors accepts the remedy, optionally with a re-inspection. */
export async function verifyCorrection(
  context: Ctx,
  input: CommandInput & { note?: string | null; reinspect?: boolean | null; reinspectOn?: string | null },
): Promise<string> {
  const action = await commandedAction(context, input.correctiveActionId);
  if (await alreadyApplied(context, action.id, input.requestId)) return action.id;
  requireInspector(context, action);
  if (action.status === 'VERIFIED' || action.status === 'CANCELLED') {
    throw new CommandRejectedError('corrective.closed', CorrectiveFailure.WrongStatus, action.status);
  }
  if (action.status !== 'SUBMITTED') {
    throw new CommandRejectedError('corrective.notAnswered', CorrectiveFailure.WrongStatus, action.status);
  }
  if (input.reinspectOn) {
    if (!input.reinspect) throw invalidInput('reinspectOn', 'corrective.reinspectOnWithoutReinspect');
    const { today } = await scheduleOf(context);
    if (input.reinspectOn <= today) throw invalidInput('reinspectOn', 'corrective.dateNotFuture');
  }
  await send(
    () =>
      context.commands.verifyCorrection(
        action.id,
        {
          actorId: context.viewer.id,
          note: input.note?.trim() || null,
          reinspect: input.reinspect === true,
          reinspectOn: input.reinspectOn ?? null,
        },
        input.requestId,
      ),
    'corrective.notAnswered',
  );
  return action.id;
}

/** One of the inspection's inspectors turns the remedy down: a new round, a new due date. */
export async function rejectCorrection(
  context: Ctx,
  input: CommandInput & { reason?: string | null; dueDate?: string | null },
): Promise<string> {
  const reason = input.reason?.trim() ?? '';
  if (!reason) throw invalidInput('reason', 'input.reasonMissing');
  if (input.dueDate) {
    if (!isCalendarDate(input.dueDate)) throw invalidInput('dueDate', 'input.date');
  }
  const action = await commandedAction(context, input.correctiveActionId);
  if (await alreadyApplied(context, action.id, input.requestId)) return action.id;
  requireInspector(context, action);
  if (action.status === 'VERIFIED' || action.status === 'CANCELLED') {
    throw new CommandRejectedError('corrective.closed', CorrectiveFailure.WrongStatus, action.status);
  }
  if (action.status !== 'SUBMITTED') {
    throw new CommandRejectedError('corrective.notAnswered', CorrectiveFailure.WrongStatus, action.status);
  }
  if (input.dueDate) {
    // The next round's due date: after today (the workflow's rule as well).
    const { today } = await scheduleOf(context);
    if (input.dueDate <= today) throw invalidInput('dueDate', 'corrective.dateNotFuture');
  }
  await send(
    () =>
      context.commands.rejectCorrection(
        action.id,
        { actorId: context.viewer.id, reason, dueDate: input.dueDate ?? null },
        input.requestId,
      ),
    'corrective.notAnswered',
  );
  return action.id;
}

/** The head of the responsible unit asks for a later due date, with a reason. */
export async function requestCorrectiveExtension(
  context: Ctx,
  input: CommandInput & { requestedDueDate: string; reason: string },
): Promise<string> {
  const action = await commandedAction(context, input.correctiveActionId);
  if (await alreadyApplied(context, action.id, input.requestId)) return action.id;
  if (!holdsOn(context.viewer, ['UNIT_HEAD'], action.responsibleUnit.id)) {
    throw new CommandRejectedError('corrective.headOnly', CorrectiveFailure.WrongUnit, 'Not the unit head.');
  }
  requireNotClosed(action);
  if (compareDates(input.requestedDueDate, isoDay(action.dueDate)) <= 0) {
    throw invalidInput('requestedDueDate', 'corrective.extensionNotLater');
  }
  await send(
    () =>
      context.commands.requestCorrectiveExtension(
        action.id,
        {
          actorId: context.viewer.id,
          actorUnitIds: unitIdsWith(context.viewer, ['UNIT_HEAD']),
          requestedDueDate: input.requestedDueDate,
          reason: input.reason.trim(),
        },
        input.requestId,
      ),
    'corrective.notOpen',
  );
  return action.id;
}

/** The committee or an inspector reaching the unit grants or refuses the waiting request. */
export async function decideCorrectiveExtension(
  context: Ctx,
  input: CommandInput & { grant: boolean; note?: string | null },
): Promise<string> {
  const action = await commandedAction(context, input.correctiveActionId);
  if (await alreadyApplied(context, action.id, input.requestId)) return action.id;
  if (!reachesUnit(context.viewer, action.responsibleUnit, DECIDER_ROLES)) {
    throw new CommandRejectedError('corrective.notDecider', ActorFailure.NotAllowed, 'Not a decider.');
  }
  requireNotClosed(action);
  if (action.extensions.length === 0) {
    throw new CommandRejectedError(
      'corrective.noExtensionPending',
      CorrectiveFailure.NoExtensionPending,
      'No request waiting.',
    );
  }
  await send(
    () =>
      context.commands.decideCorrectiveExtension(
        action.id,
        {
          actorId: context.viewer.id,
          actorRoles: actorClaims(context.viewer),
          grant: input.grant,
          note: input.note?.trim() || null,
        },
        input.requestId,
      ),
    'corrective.notOpen',
  );
  return action.id;
}

// ---------------------------------------------------------------------------------------------
// Open findings and late actions by unit.

export interface UnitFindingsRow {
  unitId: string;
  openFindings: number;
  openCorrectiveActions: number;
  lateCorrectiveActions: number;
}

/**
 * Per unit the viewer reaches (under `unitId` when given): findings still to be corrected
 * (requiring correction, on an inspection under way or with an action not yet verified or
 * cancelled), open actions and late ones; worst first. Three statements, however many units.
 * A finding counts for the unit its action is with (the inspection's target before there is one).
 */
export async function findingsOverview(context: Ctx, unitId?: string | null) {
  const { viewer, prisma } = context;
  let scope: Prisma.UnitWhereInput = unitsInScope(viewer, OVERVIEW_ROLES);
  if (unitId) {
    const unit = await prisma.unit.findUnique({ where: { id: unitId }, select: { path: true } });
    if (!unit) return [];
    scope = { AND: [scope, { path: { startsWith: unit.path } }] };
  }
  const { today } = await scheduleOf(context);
  const [findings, actions] = await Promise.all([
    prisma.finding.findMany({
      where: {
        AND: [
          findingsVisibleTo(viewer),
          { requiresCorrection: true },
          {
            OR: [
              { inspection: { status: 'IN_PROGRESS' } },
              { correctiveAction: { status: { in: OPEN_DB_STATUSES } } },
            ],
          },
        ],
      },
      select: {
        inspection: { select: { targetUnitId: true } },
        correctiveAction: { select: { responsibleUnitId: true } },
      },
    }),
    prisma.correctiveAction.findMany({
      where: { AND: [correctiveActionsVisibleTo(viewer), { status: { in: OPEN_DB_STATUSES } }] },
      select: { responsibleUnitId: true, dueDate: true },
    }),
  ]);
  const rows = new Map<string, UnitFindingsRow>();
  const row = (id: string) => {
    let found = rows.get(id);
    if (!found) {
      found = { unitId: id, openFindings: 0, openCorrectiveActions: 0, lateCorrectiveActions: 0 };
      rows.set(id, found);
    }
    return found;
  };
  for (const finding of findings) {
    row(finding.correctiveAction?.responsibleUnitId ?? finding.inspection.targetUnitId).openFindings += 1;
  }
  for (const action of actions) {
    const counts = row(action.responsibleUnitId);
    counts.openCorrectiveActions += 1;
    if (compareDates(isoDay(action.dueDate), today) < 0) counts.lateCorrectiveActions += 1;
  }
  if (rows.size === 0) return [];
  const units = await prisma.unit.findMany({ where: { AND: [{ id: { in: [...rows.keys()] } }, scope] } });
  return units
    .map((unit) => ({ ...(rows.get(unit.id) as UnitFindingsRow), unit }))
    .sort(
      (a, b) =>
        b.lateCorrectiveActions - a.lateCorrectiveActions ||
        b.openCorrectiveActions - a.openCorrectiveActions ||
        b.openFindings - a.openFindings ||
        a.unit.name.localeCompare(b.unit.name, 'vi'),
    );
}
