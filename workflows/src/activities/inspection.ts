// Projections of the inspection workflow into PostgreSQL. Each call writes its row changes, its
// AuditEvent and its notifications in one transaction, once per event ID. A surprise
// inspection tells nobody of the target unit anything until it starts.
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../../prisma/client.ts';
import {
  INSPECTION_CANCEL_ROLES,
  inspectionWorkflowId,
  type ChecklistResult,
  type FindingSeverity,
  type PlanInspectionInput,
} from '../contracts.ts';
import { requireAuthority, requireListed } from './authority.ts';
import { ensureCorrectiveRow, startOnce } from './corrective.ts';
import { writeOnce } from './ledger.ts';
import type { Tx } from './ledger.ts';
import { notify, usersAbove, usersOfUnit, type NotifyInput } from './notify.ts';
import { dateOnly, isoDate } from './dates.ts';
import type { Clock } from './task.ts';

const link = (inspectionId: string) => `/inspections/${inspectionId}`;

type Message = Omit<NotifyInput, 'eventId'>;

interface Event {
  eventId: string;
  inspectionId: string;
  actorId: string | null;
}

export interface PlannedInspection extends PlanInspectionInput {
  eventId: string;
  scheduledOn: string;
  windowStart: string;
  windowEnd: string;
  /** IDs of the checklist items, in the order of `checklist`, chosen by the workflow. */
  checklistIds: string[];
}

async function loadInspection(tx: Tx, inspectionId: string) {
  return tx.inspection.findUniqueOrThrow({
    where: { id: inspectionId },
    include: { targetUnit: { select: { name: true } }, inspectors: { select: { userId: true } } },
  });
}

type LoadedInspection = Awaited<ReturnType<typeof loadInspection>>;

/** Everyone holding a role on the target unit itself: the people a surprise must not reach. */
async function targetUnitUsers(tx: Tx, unitId: string): Promise<Set<string>> {
  const rows = await tx.roleAssignment.findMany({ where: { unitId }, select: { userId: true } });
  return new Set(rows.map((row) => row.userId));
}

/**
 * The inspectors to tell about a planned inspection; for a hidden (surprise) one, without anyone
 * who also belongs to the target unit.
 */
async function inspectorsToTell(tx: Tx, inspection: LoadedInspection): Promise<string[]> {
  const ids = inspection.inspectors.map((inspector) => inspector.userId);
  if (inspection.visibleToTarget) return ids;
  const hidden = await targetUnitUsers(tx, inspection.targetUnitId);
  return ids.filter((id) => !hidden.has(id));
}

/**
 * Evidence a command may attach: uploaded by its actor for this inspection and attached to
 * nothing yet (no checklist item, finding, task report or corrective round).
 */
const unattachedUploadOf = (input: { actorId: string; inspectionId: string }) => ({
  uploadedById: input.actorId,
  inspectionId: input.inspectionId,
  checklistItemId: null,
  findingId: null,
  progressReportId: null,
  correctiveRoundId: null,
});

const targetPeople = (tx: Tx, unitId: string) => usersOfUnit(tx, unitId, ['UNIT_HEAD', 'UNIT_STAFF']);

export function createInspectionActivities({
  prisma,
  clock,
  temporal,
}: {
  prisma: PrismaClient;
  clock: Clock;
  /** The client a verified correction starts its follow-up inspection with. */
  temporal?: { client: Client; taskQueue: string };
}) {
  /** One audited change to an inspection: `change` updates rows and says whom to tell. */
  /**
   * One audited change to an inspection. `byInspector`: a command only the inspection's own
   * inspectors may give; its actor is checked against the database's list (a deadline's change,
   * with no actor, is not a command).
   */
  const inspectionChange = (
    event: Event,
    action: string,
    byInspector: boolean,
    change: (tx: Tx, before: LoadedInspection) => Promise<{ after?: unknown; notify?: Message[] }>,
  ) =>
    writeOnce(
      prisma,
      {
        eventId: event.eventId,
        actorId: event.actorId,
        action,
        entityType: 'Inspection',
        entityId: event.inspectionId,
      },
      async (tx) => {
        const before = await loadInspection(tx, event.inspectionId);
        if (byInspector && event.actorId !== null) requireListed(before.inspectors, event.actorId);
        const { after, notify: messages = [] } = await change(tx, before);
        for (const message of messages) await notify(tx, { ...message, eventId: event.eventId });
        const { targetUnit: _unit, inspectors: _inspectors, ...row } = before;
        return { before: row, after };
      },
    );

  return {
    /** Starts `inspection-<id>` once (a follow-up inspection after a verified correction). */
    async startInspectionWorkflow(input: PlanInspectionInput): Promise<void> {
      if (!temporal) {
        throw new Error('startInspectionWorkflow needs a Temporal client (createActivities({ temporal })).');
      }
      await startOnce(temporal, 'inspectionWorkflow', inspectionWorkflowId(input.inspectionId), [input]);
    },

    /**
     * Writes the inspection's row with its inspectors and checklist (or takes over a row that
     * exists), tells the inspectors and, unless it is a surprise, the target unit.
     */
    async recordInspectionPlanned(input: PlannedInspection): Promise<void> {
      await writeOnce(
        prisma,
        {
          eventId: input.eventId,
          actorId: input.actorId,
          action: 'inspection.planned',
          entityType: 'Inspection',
          entityId: input.inspectionId,
        },
        async (tx) => {
          const existing = await tx.inspection.findUnique({ where: { id: input.inspectionId } });
          if (!existing) {
            await tx.inspection.create({
              data: {
                id: input.inspectionId,
                kind: input.kind,
                targetUnitId: input.targetUnitId,
                title: input.title,
                windowStart: dateOnly(input.windowStart),
                windowEnd: dateOnly(input.windowEnd),
                scheduledOn: dateOnly(input.scheduledOn),
                visibleToTarget: input.kind !== 'SURPRISE',
                createdById: input.actorId,
                templateId: input.templateId ?? null,
                inspectors: {
                  create: input.inspectors.map((inspector) => ({
                    userId: inspector.userId,
                    lead: inspector.lead ?? false,
                  })),
                },
                checklist: {
                  create: input.checklist.map((text, index) => ({
                    id: input.checklistIds[index],
                    sortOrder: index + 1,
                    text,
                  })),
                },
              },
            });
          }
          const inspection = await loadInspection(tx, input.inspectionId);
          const date = isoDate(inspection.scheduledOn ?? dateOnly(input.scheduledOn));
          const params = { title: inspection.title, unit: inspection.targetUnit.name, date };
          await notify(tx, {
            eventId: `${input.eventId}:inspectors`,
            userIds: await inspectorsToTell(tx, inspection),
            kind: 'inspection.assigned',
            params,
            link: link(inspection.id),
          });
          if (inspection.visibleToTarget) {
            await notify(tx, {
              eventId: input.eventId,
              userIds: await targetPeople(tx, inspection.targetUnitId),
              kind: 'inspection.scheduled',
              params,
              link: link(inspection.id),
            });
          }
          const { targetUnit: _unit, inspectors, ...after } = inspection;
          return { after: { ...after, inspectorIds: inspectors.map((i) => i.userId) } };
        },
      );
    },

    /** An inspector fixes (or moves) the day; a surprise stays hidden from the target unit. */
    async recordInspectionScheduled(input: Event & { actorId: string; date: string }): Promise<void> {
      await inspectionChange(input, 'inspection.scheduled', true, async (tx, before) => {
        const after = await tx.inspection.update({
          where: { id: input.inspectionId },
          data: { scheduledOn: dateOnly(input.date) },
        });
        const params = { title: before.title, unit: before.targetUnit.name, date: input.date };
        const messages: Message[] = [
          {
            userIds: (await inspectorsToTell(tx, before)).filter((id) => id !== input.actorId),
            kind: 'inspection.assigned',
            params,
            link: link(before.id),
          },
        ];
        if (before.visibleToTarget) {
          messages.push({
            userIds: await targetPeople(tx, before.targetUnitId),
            kind: 'inspection.scheduled',
            params,
            link: link(before.id),
          });
        }
        return { after, notify: messages };
      });
    },

    /** PLANNED → IN_PROGRESS, at the day's start or early by an inspector; the target sees it now. */
    async recordInspectionStarted(input: Event): Promise<void> {
      await inspectionChange(input, 'inspection.started', true, async (tx, before) => ({
        after: await tx.inspection.update({
          where: { id: input.inspectionId },
          data: { status: 'IN_PROGRESS', startedAt: clock.now(), visibleToTarget: true },
        }),
        notify: [
          {
            userIds: [
              ...(await targetPeople(tx, before.targetUnitId)),
              ...before.inspectors.map((i) => i.userId).filter((id) => id !== input.actorId),
            ],
            kind: 'inspection.started',
            params: { title: before.title, unit: before.targetUnit.name },
            link: link(before.id),
          },
        ],
      }));
    },

    async recordChecklistResult(
      input: Event & {
        actorId: string;
        checklistItemId: string;
        result: ChecklistResult;
        note: string | null;
        /** Photos of the item; only the actor's own unattached uploads for this inspection are taken. */
        evidenceIds?: string[];
      },
    ): Promise<void> {
      await inspectionChange(input, 'inspection.checklistRecorded', true, async (tx) => {
        const item = await tx.checklistItem.update({
          where: { id: input.checklistItemId, inspectionId: input.inspectionId },
          data: { result: input.result, note: input.note },
        });
        const evidenceIds = input.evidenceIds ?? [];
        if (evidenceIds.length) {
          await tx.evidence.updateMany({
            where: { id: { in: evidenceIds }, ...unattachedUploadOf(input) },
            data: { checklistItemId: item.id },
          });
        }
        return { after: evidenceIds.length ? { ...item, evidenceIds } : item };
      });
    },

    async recordFinding(
      input: Event & {
        actorId: string;
        findingId: string;
        severity: FindingSeverity;
        description: string;
        requiresCorrection: boolean;
        criterionId: string | null;
        checklistItemId: string | null;
        evidenceIds: string[];
      },
    ): Promise<void> {
      await inspectionChange(input, 'inspection.findingRecorded', true, async (tx) => {
        // A finding the client named is written once, whatever retried the write.
        const existing = await tx.finding.findUnique({ where: { id: input.findingId } });
        if (existing?.inspectionId === input.inspectionId) return { after: existing };
        const finding = await tx.finding.create({
          data: {
            id: input.findingId,
            inspectionId: input.inspectionId,
            severity: input.severity,
            description: input.description,
            requiresCorrection: input.requiresCorrection,
            criterionId: input.criterionId,
            checklistItemId: input.checklistItemId,
            recordedById: input.actorId,
          },
        });
        if (input.evidenceIds.length) {
          await tx.evidence.updateMany({
            where: { id: { in: input.evidenceIds }, ...unattachedUploadOf(input) },
            data: { findingId: finding.id },
          });
        }
        return { after: finding };
      });
    },

    /**
     * IN_PROGRESS → CLOSED, with one OPEN CorrectiveAction row per finding to correct, in the same
     * transaction; the workflow then starts their workflows. Tells the target unit and the
     * steering committee above it.
     */
    async recordInspectionClosed(
      input: Event & {
        actorId: string;
        note: string | null;
        findings: number;
        corrective: { correctiveActionId: string; findingId: string; dueDate: string }[];
      },
    ): Promise<void> {
      await inspectionChange(input, 'inspection.closed', true, async (tx, before) => {
        const inspection = await tx.inspection.update({
          where: { id: input.inspectionId },
          data: { status: 'CLOSED', closedAt: clock.now(), summary: input.note?.trim() || null },
        });
        const actions = [];
        for (const action of input.corrective) {
          actions.push(await ensureCorrectiveRow(tx, { ...action, responsibleUnitId: before.targetUnitId }));
        }
        return {
          after: { ...inspection, note: input.note, correctiveActions: actions },
          notify: [
            {
              userIds: [
                ...(await targetPeople(tx, before.targetUnitId)),
                ...(await usersAbove(tx, before.targetUnitId, 'STEERING')),
              ],
              kind: 'inspection.closed',
              params: { title: before.title, findings: input.findings, corrections: input.corrective.length },
              link: link(before.id),
            },
          ],
        };
      });
    },

    /** Cancelled by the steering committee; a hidden surprise stays hidden from the target. */
    async recordInspectionCancelled(input: Event & { reason: string }): Promise<void> {
      await inspectionChange(input, 'inspection.cancelled', false, async (tx, before) => {
        // STEERING or INSPECTOR reaching the target's parent unit (the target itself at the root).
        const target = await tx.unit.findUniqueOrThrow({
          where: { id: before.targetUnitId },
          select: { parentId: true },
        });
        await requireAuthority(
          tx,
          input.actorId,
          INSPECTION_CANCEL_ROLES,
          target.parentId ?? before.targetUnitId,
        );
        return {
          after: {
            ...(await tx.inspection.update({
              where: { id: input.inspectionId },
              data: { status: 'CANCELLED', cancelReason: input.reason },
            })),
            reason: input.reason,
          },
          notify: [
            {
              userIds: [
                ...(await inspectorsToTell(tx, before)),
                ...(before.visibleToTarget ? await targetPeople(tx, before.targetUnitId) : []),
              ],
              kind: 'inspection.cancelled',
              params: { title: before.title, reason: input.reason },
              link: link(before.id),
            },
          ],
        };
      });
    },
  };
}

export type InspectionActivities = ReturnType<typeof createInspectionActivities>;
