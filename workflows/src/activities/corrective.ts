// Projections of the corrective-action workflow into PostgreSQL. Each call writes its row
// changes, its AuditEvent and its notifications in one transaction, once per event ID.
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { PrismaClient } from '../../../prisma/client.ts';
import {
  CORRECTIVE_COMMITTEE_ROLES,
  CORRECTIVE_REASSIGN_ROLES,
  correctiveWorkflowId,
  type ActorRole,
  type CorrectiveStatus,
  type OpenCorrectiveInput,
} from '../contracts.ts';
import { requireAuthority, requireListed } from './authority.ts';
import type { DeadlineEvent } from '../workflows/deadlines.ts';
import { writeOnce, type Tx } from './ledger.ts';
import { notify, usersAbove, usersOfUnit, type NotifyInput } from './notify.ts';
import { dateOnly, isoDate } from './dates.ts';
import type { Clock } from './task.ts';

/** Notification titles: the finding's description, cut to a subject line. */
export const shortTitle = (text: string, max = 80): string => {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
};

const link = (correctiveActionId: string) => `/corrective/${correctiveActionId}`;

type Message = Omit<NotifyInput, 'eventId'>;

interface Event {
  eventId: string;
  correctiveActionId: string;
  actorId: string | null;
}

/** The row state a corrective workflow adopts when it opens (or takes over an existing row). */
export interface OpenedCorrectiveRow {
  status: CorrectiveStatus;
  responsibleUnitId: string;
  dueDate: string;
  round: number;
  escalationLevel: number;
  reinspect: boolean;
}

/**
 * Creates the CorrectiveAction row unless it exists: used by the inspection's close (so the
 * actions appear with the closed inspection, in its transaction) and by the corrective workflow's
 * first activity (for an action started any other way).
 */
export async function ensureCorrectiveRow(
  tx: Tx,
  row: { correctiveActionId: string; findingId: string; responsibleUnitId: string; dueDate: string },
) {
  const existing = await tx.correctiveAction.findUnique({ where: { id: row.correctiveActionId } });
  if (existing) return existing;
  return tx.correctiveAction.create({
    data: {
      id: row.correctiveActionId,
      findingId: row.findingId,
      responsibleUnitId: row.responsibleUnitId,
      dueDate: dateOnly(row.dueDate),
    },
  });
}

async function loadAction(tx: Tx, correctiveActionId: string) {
  return tx.correctiveAction.findUniqueOrThrow({
    where: { id: correctiveActionId },
    include: {
      responsibleUnit: { select: { name: true } },
      finding: {
        select: {
          description: true,
          inspection: { select: { inspectors: { select: { userId: true } } } },
        },
      },
    },
  });
}

type LoadedAction = Awaited<ReturnType<typeof loadAction>>;

const unitPeople = (tx: Tx, unitId: string) => usersOfUnit(tx, unitId, ['UNIT_HEAD', 'UNIT_STAFF']);
const inspectorsOf = (action: LoadedAction) => action.finding.inspection.inspectors.map((i) => i.userId);

/** Starts a workflow once: a running or finished one with the same ID is left as it is. */
export async function startOnce(
  temporal: { client: Client; taskQueue: string },
  workflowType: string,
  workflowId: string,
  args: unknown[],
): Promise<void> {
  try {
    await temporal.client.workflow.start(workflowType, {
      taskQueue: temporal.taskQueue,
      workflowId,
      args,
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/** The responsible unit's own commands (submit a remedy, ask for more time). */
const RESPONSIBLE_UNIT_ROLES: readonly ActorRole[] = ['UNIT_HEAD', 'UNIT_STAFF'];

export function createCorrectiveActivities({
  prisma,
  clock,
  temporal,
}: {
  prisma: PrismaClient;
  clock: Clock;
  /** The client the inspection's close starts corrective workflows with. */
  temporal?: { client: Client; taskQueue: string };
}) {
  /** One audited change to a corrective action: `change` updates rows and says whom to tell. */
  const correctiveChange = (
    event: Event,
    action: string,
    change: (tx: Tx, before: LoadedAction, title: string) => Promise<{ after?: unknown; notify?: Message[] }>,
  ) =>
    writeOnce(
      prisma,
      {
        eventId: event.eventId,
        actorId: event.actorId,
        action,
        entityType: 'CorrectiveAction',
        entityId: event.correctiveActionId,
      },
      async (tx) => {
        const before = await loadAction(tx, event.correctiveActionId);
        const title = shortTitle(before.finding.description);
        const { after, notify: messages = [] } = await change(tx, before, title);
        for (const message of messages) await notify(tx, { ...message, eventId: event.eventId });
        const { responsibleUnit: _unit, finding: _finding, ...row } = before;
        return { before: row, after };
      },
    );

  return {
    /**
     * Starts one `corrective-<id>` workflow per action (the inspection's close, after its rows
     * are written). Idempotent: the IDs are the actions', a repeated start finds them there.
     */
    async startCorrectiveWorkflows(inputs: OpenCorrectiveInput[]): Promise<number> {
      if (!temporal) {
        throw new Error('startCorrectiveWorkflows needs a Temporal client (createActivities({ temporal })).');
      }
      let started = 0;
      for (const input of inputs) {
        await startOnce(temporal, 'correctiveWorkflow', correctiveWorkflowId(input.correctiveActionId), [
          input,
        ]);
        started += 1;
        Context.current().heartbeat({ started });
      }
      return started;
    },

    /**
     * Creates the action's row (or finds the one the inspection's close wrote) and tells the
     * responsible unit. Returns the row's state, which the workflow adopts.
     */
    async recordCorrectiveOpened(
      input: OpenCorrectiveInput & { eventId: string },
    ): Promise<OpenedCorrectiveRow> {
      await writeOnce(
        prisma,
        {
          eventId: input.eventId,
          actorId: input.actorId,
          action: 'corrective.opened',
          entityType: 'CorrectiveAction',
          entityId: input.correctiveActionId,
        },
        async (tx) => {
          await ensureCorrectiveRow(tx, input);
          const action = await loadAction(tx, input.correctiveActionId);
          await notify(tx, {
            eventId: input.eventId,
            userIds: await unitPeople(tx, action.responsibleUnitId),
            kind: 'corrective.opened',
            params: { title: shortTitle(action.finding.description), dueDate: isoDate(action.dueDate) },
            link: link(action.id),
          });
          const { responsibleUnit: _unit, finding: _finding, ...after } = action;
          return { after };
        },
      );
      const row = await prisma.correctiveAction.findUniqueOrThrow({
        where: { id: input.correctiveActionId },
      });
      return {
        // A row left REJECTED (by older code or by hand) is open again for the next round.
        status: row.status === 'REJECTED' ? 'OPEN' : row.status,
        responsibleUnitId: row.responsibleUnitId,
        dueDate: isoDate(row.dueDate),
        round: row.round,
        escalationLevel: row.escalationLevel,
        reinspect: row.reinspect,
      };
    },

    /** The unit reports its remedy for the round: a CorrectiveRound row, evidence attached. */
    async recordCorrectionSubmitted(
      input: Event & { actorId: string; round: number; remedy: string; evidenceIds: string[] },
    ): Promise<void> {
      await correctiveChange(input, 'corrective.submitted', async (tx, before, title) => {
        await requireAuthority(tx, input.actorId, RESPONSIBLE_UNIT_ROLES, before.responsibleUnitId);
        // The round's row exists already only when the workflow was reset to before an earlier
        // submission of this round: the submission made now replaces it (the audit keeps both).
        const submission = { remedy: input.remedy, submittedById: input.actorId, submittedAt: clock.now() };
        const round = await tx.correctiveRound.upsert({
          where: {
            correctiveActionId_number: { correctiveActionId: input.correctiveActionId, number: input.round },
          },
          create: { correctiveActionId: input.correctiveActionId, number: input.round, ...submission },
          update: { ...submission, verdict: null, verdictReason: null, verifiedById: null, verifiedAt: null },
        });
        if (input.evidenceIds.length) {
          // Exactly the submitter's own uploads for this action that no round carries yet (the
          // API refuses any other ID before the command is sent).
          await tx.evidence.updateMany({
            where: {
              id: { in: input.evidenceIds },
              correctiveActionId: input.correctiveActionId,
              uploadedById: input.actorId,
              correctiveRoundId: null,
            },
            data: { correctiveRoundId: round.id },
          });
        }
        const action = await tx.correctiveAction.update({
          where: { id: input.correctiveActionId },
          data: { status: 'SUBMITTED' },
        });
        return {
          after: { action, round },
          notify: [
            {
              userIds: inspectorsOf(before),
              kind: 'corrective.submitted',
              params: { title, unit: before.responsibleUnit.name },
              link: link(before.id),
            },
          ],
        };
      });
    },

    /** An inspector accepts the round's remedy; optionally a follow-up inspection is started. */
    async recordCorrectionVerified(
      input: Event & {
        actorId: string;
        round: number;
        note: string | null;
        reinspect: boolean;
        reinspectionId: string | null;
        reinspectOn: string | null;
      },
    ): Promise<void> {
      await correctiveChange(input, 'corrective.verified', async (tx, before, title) => {
        requireListed(before.finding.inspection.inspectors, input.actorId);
        const now = clock.now();
        await tx.correctiveRound.update({
          where: {
            correctiveActionId_number: { correctiveActionId: input.correctiveActionId, number: input.round },
          },
          data: {
            verdict: 'ACCEPTED',
            verdictReason: input.note,
            verifiedById: input.actorId,
            verifiedAt: now,
          },
        });
        const action = await tx.correctiveAction.update({
          where: { id: input.correctiveActionId },
          data: { status: 'VERIFIED', verifiedAt: now, reinspect: input.reinspect, escalationLevel: 0 },
        });
        return {
          after: { ...action, reinspectionId: input.reinspectionId, reinspectOn: input.reinspectOn },
          notify: [
            {
              userIds: await unitPeople(tx, before.responsibleUnitId),
              kind: 'corrective.verified',
              params: { title },
              link: link(before.id),
            },
          ],
        };
      });
    },

    /** An inspector rejects the round's remedy: the next round opens with a new due date. */
    async recordCorrectionRejected(
      input: Event & { actorId: string; round: number; reason: string; dueDate: string },
    ): Promise<void> {
      await correctiveChange(input, 'corrective.rejected', async (tx, before, title) => {
        requireListed(before.finding.inspection.inspectors, input.actorId);
        const now = clock.now();
        await tx.correctiveRound.update({
          where: {
            correctiveActionId_number: { correctiveActionId: input.correctiveActionId, number: input.round },
          },
          data: {
            verdict: 'RETURNED',
            verdictReason: input.reason,
            verifiedById: input.actorId,
            verifiedAt: now,
          },
        });
        // A waiting extension request concerned the round that is over.
        await tx.extension.updateMany({
          where: { correctiveActionId: input.correctiveActionId, status: 'REQUESTED' },
          data: { status: 'REFUSED', decidedAt: now, decisionNote: input.reason },
        });
        const next = input.round + 1;
        const action = await tx.correctiveAction.update({
          where: { id: input.correctiveActionId },
          data: { status: 'OPEN', round: next, dueDate: dateOnly(input.dueDate), escalationLevel: 0 },
        });
        return {
          after: action,
          notify: [
            {
              userIds: await unitPeople(tx, before.responsibleUnitId),
              kind: 'corrective.rejected',
              params: { title, reason: input.reason, dueDate: input.dueDate, round: next },
              link: link(before.id),
            },
          ],
        };
      });
    },

    async recordCorrectiveExtensionRequest(
      input: Event & { actorId: string; requestedDueDate: string; reason: string },
    ): Promise<void> {
      await correctiveChange(input, 'corrective.extensionRequested', async (tx, before, title) => {
        await requireAuthority(tx, input.actorId, RESPONSIBLE_UNIT_ROLES, before.responsibleUnitId);
        return {
          after: await tx.extension.create({
            data: {
              correctiveActionId: input.correctiveActionId,
              requestedById: input.actorId,
              requestedDueDate: dateOnly(input.requestedDueDate),
              reason: input.reason,
            },
          }),
          notify: [
            {
              userIds: [
                ...inspectorsOf(before),
                ...(await usersAbove(tx, before.responsibleUnitId, 'STEERING')),
              ],
              kind: 'corrective.extensionRequested',
              params: {
                title,
                unit: before.responsibleUnit.name,
                requestedDueDate: input.requestedDueDate,
                reason: input.reason,
              },
              link: link(before.id),
            },
          ],
        };
      });
    },

    /** Grants (the due date moves, escalation starts over) or refuses the waiting request. */
    async recordCorrectiveExtensionDecision(
      input: Event & { actorId: string; grant: boolean; note: string | null },
    ): Promise<void> {
      await correctiveChange(
        input,
        input.grant ? 'corrective.extensionGranted' : 'corrective.extensionRefused',
        async (tx, before, title) => {
          await requireAuthority(tx, input.actorId, CORRECTIVE_COMMITTEE_ROLES, before.responsibleUnitId);
          const request = await tx.extension.findFirstOrThrow({
            where: { correctiveActionId: input.correctiveActionId, status: 'REQUESTED' },
            orderBy: { createdAt: 'desc' },
          });
          const extension = await tx.extension.update({
            where: { id: request.id },
            data: {
              status: input.grant ? 'GRANTED' : 'REFUSED',
              decidedById: input.actorId,
              decidedAt: clock.now(),
              decisionNote: input.note,
            },
          });
          const dueDate = input.grant
            ? (
                await tx.correctiveAction.update({
                  where: { id: input.correctiveActionId },
                  data: { dueDate: request.requestedDueDate, escalationLevel: 0 },
                })
              ).dueDate
            : before.dueDate;
          return {
            after: { extension, dueDate: isoDate(dueDate) },
            notify: [
              {
                userIds: await unitPeople(tx, before.responsibleUnitId),
                kind: 'corrective.extensionDecided',
                params: {
                  title,
                  decision: input.grant ? isoDate(request.requestedDueDate) : (input.note ?? '—'),
                },
                link: link(before.id),
              },
            ],
          };
        },
      );
    },

    /** Moves the action to another unit (e.g. after a merger); its escalation starts over. */
    async recordCorrectiveReassigned(input: Event & { toUnitId: string; reason: string }): Promise<void> {
      await correctiveChange(input, 'corrective.reassigned', async (tx, before, title) => {
        await requireAuthority(tx, input.actorId, CORRECTIVE_REASSIGN_ROLES, before.responsibleUnitId);
        await tx.extension.updateMany({
          where: { correctiveActionId: input.correctiveActionId, status: 'REQUESTED' },
          data: { status: 'REFUSED', decidedAt: clock.now(), decisionNote: input.reason },
        });
        const action = await tx.correctiveAction.update({
          where: { id: input.correctiveActionId },
          data: { responsibleUnitId: input.toUnitId, escalationLevel: 0 },
          include: { responsibleUnit: { select: { name: true } } },
        });
        return {
          after: { ...action, reason: input.reason },
          notify: [
            {
              userIds: [
                ...(await usersOfUnit(tx, input.toUnitId, ['UNIT_HEAD', 'UNIT_STAFF'])),
                ...(await usersOfUnit(tx, before.responsibleUnitId, ['UNIT_HEAD'])),
              ],
              kind: 'corrective.reassigned',
              params: { title, unit: action.responsibleUnit.name, dueDate: isoDate(action.dueDate) },
              link: link(before.id),
            },
          ],
        };
      });
    },

    async recordCorrectiveCancelled(input: Event & { reason: string }): Promise<void> {
      await correctiveChange(input, 'corrective.cancelled', async (tx, before, title) => {
        await requireAuthority(tx, input.actorId, CORRECTIVE_COMMITTEE_ROLES, before.responsibleUnitId);
        await tx.extension.updateMany({
          where: { correctiveActionId: input.correctiveActionId, status: 'REQUESTED' },
          data: { status: 'REFUSED', decidedAt: clock.now(), decisionNote: input.reason },
        });
        return {
          after: {
            ...(await tx.correctiveAction.update({
              where: { id: input.correctiveActionId },
              data: { status: 'CANCELLED' },
            })),
            reason: input.reason,
          },
          notify: [
            {
              userIds: [...(await unitPeople(tx, before.responsibleUnitId)), ...inspectorsOf(before)],
              kind: 'corrective.cancelled',
              params: { title, reason: input.reason },
              link: link(before.id),
            },
          ],
        };
      });
    },

    /** A reminder, the overdue notice or an escalation, with the action's escalation level. */
    async recordCorrectiveDeadline(
      input: Event & { event: DeadlineEvent; escalationLevel: number },
    ): Promise<void> {
      const { event } = input;
      await correctiveChange(input, `corrective.deadline.${event.kind}`, async (tx, before, title) => {
        const after =
          before.escalationLevel === input.escalationLevel
            ? before.escalationLevel
            : (
                await tx.correctiveAction.update({
                  where: { id: input.correctiveActionId },
                  data: { escalationLevel: input.escalationLevel },
                })
              ).escalationLevel;
        const dueDate = isoDate(before.dueDate);
        const message: Message =
          event.kind === 'escalation'
            ? {
                userIds: await usersAbove(tx, before.responsibleUnitId, 'STEERING'),
                kind: 'corrective.escalated',
                params: {
                  title,
                  unit: before.responsibleUnit.name,
                  dueDate,
                  workingDays: event.workingDaysLate,
                },
                link: link(before.id),
              }
            : {
                userIds: await unitPeople(tx, before.responsibleUnitId),
                kind: event.kind === 'reminder' ? 'corrective.reminder' : 'corrective.overdue',
                params:
                  event.kind === 'reminder'
                    ? { title, dueDate, workingDays: event.workingDaysLeft }
                    : { title, dueDate },
                link: link(before.id),
              };
        return { after: { escalationLevel: after, event }, notify: [message] };
      });
    },
  };
}

export type CorrectiveActivities = ReturnType<typeof createCorrectiveActivities>;
