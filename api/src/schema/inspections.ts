// The inspections part of the GraphQL schema (issue 10); see /work/briefs/contract.md.
import { builder } from '../builder.ts';
import { EvidenceType } from '../evidence/schema.ts';
import { UnitType } from './organisation.ts';

export const InspectionKind = builder.enumType('InspectionKind', {
  values: ['ANNOUNCED', 'SELF', 'SURPRISE'] as const,
});

export const InspectionStatus = builder.enumType('InspectionStatus', {
  values: ['PLANNED', 'IN_PROGRESS', 'CLOSED', 'CANCELLED'] as const,
});

export const ChecklistResult = builder.enumType('ChecklistResult', {
  values: ['PASS', 'FAIL', 'NOT_APPLICABLE'] as const,
});

/** The API's severities; OBSERVATION is the database's and the workflow's INFO. */
export const FindingSeverity = builder.enumType('FindingSeverity', {
  values: {
    CRITICAL: { value: 'CRITICAL' },
    MAJOR: { value: 'MAJOR' },
    MINOR: { value: 'MINOR' },
    OBSERVATION: { value: 'INFO', description: 'Noted only; never requires correction.' },
  } as const,
});

export const InspectionType = builder.prismaObject('Inspection', {
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: InspectionKind }),
    status: t.expose('status', { type: InspectionStatus }),
    title: t.exposeString('title'),
    targetUnit: t.relation('targetUnit', { type: UnitType }),
    scheduledOn: t.expose('scheduledOn', {
      type: 'Date',
      nullable: true,
      description: 'The day it happens (for a surprise: the day the workflow picked).',
    }),
    windowStart: t.expose('windowStart', { type: 'Date' }),
    windowEnd: t.expose('windowEnd', { type: 'Date' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    summary: t.exposeString('summary', { nullable: true }),
    cancelReason: t.exposeString('cancelReason', { nullable: true }),
    checklist: t.relation('checklist', { query: { orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] } }),
    findings: t.relation('findings', { query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } }),
    minutesUrl: t.string({
      select: { id: true },
      resolve: (inspection) => `/inspections/${encodeURIComponent(inspection.id)}/minutes.pdf`,
    }),
  }),
});

export const ChecklistItemType = builder.prismaObject('ChecklistItem', {
  fields: (t) => ({
    id: t.exposeID('id'),
    sortOrder: t.exposeInt('sortOrder'),
    text: t.exposeString('text'),
    result: t.expose('result', { type: ChecklistResult, nullable: true }),
    note: t.exposeString('note', { nullable: true }),
    evidence: t.relation('evidence', {
      type: EvidenceType,
      description: 'Photos of this item, oldest first.',
      query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    }),
  }),
});

export const FindingType = builder.prismaObject('Finding', {
  fields: (t) => ({
    id: t.exposeID('id'),
    severity: t.expose('severity', { type: FindingSeverity }),
    description: t.exposeString('description'),
    requiresCorrection: t.exposeBoolean('requiresCorrection'),
    checklistItem: t.relation('checklistItem', { nullable: true }),
    recordedByName: t.string({
      select: { recordedBy: { select: { name: true } } },
      resolve: (finding) => finding.recordedBy.name,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    evidence: t.relation('evidence', {
      type: EvidenceType,
      query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    }),
    inspection: t.relation('inspection'),
  }),
});
