// What the inspection minutes show, read for one viewer. Every read goes through the visibility
// filters of inspection-visibility.ts: an inspection the viewer may not see (a surprise not yet
// started, seen from its target unit; another district's) loads as null, exactly like an ID
// that does not exist.
import type { PrismaClient } from '../../../prisma/client.ts';
import type { Viewer } from '../auth.ts';
import {
  correctiveActionsVisibleTo,
  findingsVisibleTo,
  inspectionsVisibleTo,
} from '../inspection-visibility.ts';

export type MinutesKind = 'ANNOUNCED' | 'SURPRISE' | 'SELF';
export type MinutesStatus = 'PLANNED' | 'IN_PROGRESS' | 'CLOSED' | 'CANCELLED';
export type MinutesResult = 'PASS' | 'FAIL' | 'NOT_APPLICABLE';
/** The API's severities: the workflow's INFO is OBSERVATION. */
export type MinutesSeverity = 'CRITICAL' | 'MAJOR' | 'MINOR' | 'OBSERVATION';
/** The API's statuses: a round turned down (REJECTED) reads as OPEN again. */
export type MinutesCorrectiveStatus = 'OPEN' | 'SUBMITTED' | 'VERIFIED' | 'CANCELLED';

export interface MinutesChecklistItem {
  /** 1, 2, 3… in the checklist's order. */
  number: number;
  text: string;
  result: MinutesResult | null;
  note: string | null;
}

export interface MinutesFinding {
  /** 1, 2, 3… oldest first. */
  number: number;
  severity: MinutesSeverity;
  description: string;
  requiresCorrection: boolean;
  /** The checklist item it came from. */
  checklistItem: { number: number; text: string } | null;
  recordedByName: string;
}

export interface MinutesCorrectiveAction {
  findingNumber: number;
  findingDescription: string;
  severity: MinutesSeverity;
  responsibleUnitName: string;
  /** YYYY-MM-DD. */
  dueDate: string;
  status: MinutesCorrectiveStatus;
}

export interface MinutesData {
  id: string;
  kind: MinutesKind;
  status: MinutesStatus;
  title: string;
  targetUnitName: string;
  /** YYYY-MM-DD: the day (a surprise's day once the workflow picked it). */
  scheduledOn: string | null;
  /** YYYY-MM-DD. */
  windowStart: string;
  windowEnd: string;
  startedAt: Date | null;
  closedAt: Date | null;
  summary: string | null;
  cancelReason: string | null;
  /** The lead first, then by name. */
  inspectors: { name: string; lead: boolean }[];
  checklist: MinutesChecklistItem[];
  findings: MinutesFinding[];
  correctiveActions: MinutesCorrectiveAction[];
}

const isoDate = (date: Date): string => date.toISOString().slice(0, 10);

const apiSeverity = (severity: 'INFO' | 'MINOR' | 'MAJOR' | 'CRITICAL'): MinutesSeverity =>
  severity === 'INFO' ? 'OBSERVATION' : severity;

const apiCorrectiveStatus = (
  status: 'OPEN' | 'SUBMITTED' | 'VERIFIED' | 'REJECTED' | 'CANCELLED',
): MinutesCorrectiveStatus => (status === 'REJECTED' ? 'OPEN' : status);

/** The minutes of one inspection as the viewer may see it; null when it is not there for them. */
export async function loadMinutes(
  prisma: PrismaClient,
  viewer: Viewer,
  inspectionId: string,
): Promise<MinutesData | null> {
  const inspection = await prisma.inspection.findFirst({
    where: { AND: [{ id: inspectionId }, inspectionsVisibleTo(viewer)] },
    select: {
      id: true,
      kind: true,
      status: true,
      title: true,
      scheduledOn: true,
      windowStart: true,
      windowEnd: true,
      startedAt: true,
      closedAt: true,
      summary: true,
      cancelReason: true,
      targetUnit: { select: { name: true } },
      inspectors: { select: { lead: true, user: { select: { name: true } } } },
      checklist: {
        orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
        select: { id: true, text: true, result: true, note: true },
      },
    },
  });
  if (!inspection) return null;

  const [findings, actions] = await Promise.all([
    prisma.finding.findMany({
      where: { AND: [{ inspectionId: inspection.id }, findingsVisibleTo(viewer)] },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: {
        id: true,
        severity: true,
        description: true,
        requiresCorrection: true,
        checklistItemId: true,
        recordedBy: { select: { name: true } },
      },
    }),
    prisma.correctiveAction.findMany({
      where: { AND: [{ finding: { inspectionId: inspection.id } }, correctiveActionsVisibleTo(viewer)] },
      select: {
        findingId: true,
        dueDate: true,
        status: true,
        responsibleUnit: { select: { name: true } },
      },
    }),
  ]);

  const checklist = inspection.checklist.map((item, index) => ({
    id: item.id,
    number: index + 1,
    text: item.text,
    result: item.result,
    note: item.note,
  }));
  const itemById = new Map(checklist.map((item) => [item.id, item]));
  const minutesFindings = findings.map((finding, index) => {
    const item = finding.checklistItemId ? itemById.get(finding.checklistItemId) : undefined;
    return {
      id: finding.id,
      number: index + 1,
      severity: apiSeverity(finding.severity),
      description: finding.description,
      requiresCorrection: finding.requiresCorrection,
      checklistItem: item ? { number: item.number, text: item.text } : null,
      recordedByName: finding.recordedBy.name,
    };
  });
  const findingById = new Map(minutesFindings.map((finding) => [finding.id, finding]));
  const correctiveActions = actions
    .flatMap((action) => {
      const finding = findingById.get(action.findingId);
      if (!finding) return [];
      return [
        {
          findingNumber: finding.number,
          findingDescription: finding.description,
          severity: finding.severity,
          responsibleUnitName: action.responsibleUnit.name,
          dueDate: isoDate(action.dueDate),
          status: apiCorrectiveStatus(action.status),
        },
      ];
    })
    .sort((a, b) => a.findingNumber - b.findingNumber);

  return {
    id: inspection.id,
    kind: inspection.kind,
    status: inspection.status,
    title: inspection.title,
    targetUnitName: inspection.targetUnit.name,
    scheduledOn: inspection.scheduledOn ? isoDate(inspection.scheduledOn) : null,
    windowStart: isoDate(inspection.windowStart),
    windowEnd: isoDate(inspection.windowEnd),
    startedAt: inspection.startedAt,
    closedAt: inspection.closedAt,
    summary: inspection.summary,
    cancelReason: inspection.cancelReason,
    inspectors: inspection.inspectors
      .map((inspector) => ({ name: inspector.user.name, lead: inspector.lead }))
      .sort((a, b) => Number(b.lead) - Number(a.lead) || a.name.localeCompare(b.name, 'vi')),
    checklist: checklist.map(({ id: _id, ...item }) => item),
    findings: minutesFindings.map(({ id: _id, ...finding }) => finding),
    correctiveActions,
  };
}
