// The inspections part of the GraphQL schema (issue 10); see /work/briefs/contract.md.
import { z } from 'zod';
import { isCalendarDate } from '../../../workflows/src/calendar.ts';
import { hasRole } from '../auth.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { EvidenceType } from '../evidence/schema.ts';
import { correctiveActionsVisibleTo, inspectionsVisibleTo } from '../inspection-visibility.ts';
import {
  cancelInspection,
  closeInspection,
  createChecklistTemplate,
  inspectionActionSelect,
  inspectionActionsFor,
  inspectionCalendar,
  inspectionListOrder,
  inspectionListWhere,
  inspectorCandidates,
  isInspectionPlanner,
  planInspection,
  recordChecklistResult,
  recordFinding,
  rescheduleInspection,
  startInspection,
  type InspectionAction,
} from '../services/inspections.ts';
import { ChecklistItemChangedError, checklistChangedMessage } from '../checklist-conflict.ts';
import { ErrorInterface, commandErrors } from './common.ts';
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

export const InspectionBucket = builder.enumType('InspectionBucket', {
  values: {
    TODAY: { description: 'PLANNED or IN_PROGRESS, scheduled today (Vietnam time).' },
    UPCOMING: { description: 'PLANNED, scheduled after today.' },
    IN_PROGRESS: { description: 'Under way.' },
    CLOSED: { description: 'CLOSED or CANCELLED.' },
  } as const,
});

builder.prismaObject('InspectionInspector', {
  fields: (t) => ({
    userId: t.exposeID('userId'),
    name: t.string({
      select: { user: { select: { name: true } } },
      resolve: (inspector) => inspector.user.name,
    }),
    lead: t.exposeBoolean('lead'),
  }),
});

const INSPECTION_ACTIONS = [
  'reschedule',
  'start',
  'record',
  'close',
  'cancel',
] as const satisfies readonly InspectionAction[];

const InspectionActions = builder
  .objectRef<Record<InspectionAction, boolean>>('InspectionActions')
  .implement({
    description:
      'Which commands the signed-in user can send to the inspection now (their roles, its status, being one ' +
      'of its inspectors): the buttons to show. `record` covers checklist results and findings. The API ' +
      'checks again when a command comes.',
    fields: (t) => Object.fromEntries(INSPECTION_ACTIONS.map((action) => [action, t.exposeBoolean(action)])),
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
    inspectors: t.relation('inspectors', {
      description: 'The lead inspector first, then the others by name.',
      query: { orderBy: [{ lead: 'desc' }, { user: { name: 'asc' } }, { userId: 'asc' }] },
    }),
    checklist: t.relation('checklist', { query: { orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] } }),
    findings: t.relation('findings', { query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } }),
    correctiveActions: t.prismaField({
      type: ['CorrectiveAction'],
      description: 'The corrective actions its closing started, soonest due first.',
      select: { id: true },
      resolve: (query, inspection, _args, context) =>
        context.prisma.correctiveAction.findMany({
          ...query,
          where: {
            AND: [{ finding: { inspectionId: inspection.id } }, correctiveActionsVisibleTo(context.viewer!)],
          },
          orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
        }),
    }),
    evidence: t.relation('evidence', {
      type: EvidenceType,
      description:
        'The signed-in user’s own uploads for this inspection not attached to a checklist item or a finding yet ' +
        '(the photos taken, offline or online, before the result or finding is sent), oldest first.',
      query: (_args, context) => ({
        where: { uploadedById: context.viewer?.id ?? '', checklistItemId: null, findingId: null },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: 200,
      }),
    }),
    viewerCan: t.field({
      type: InspectionActions,
      select: inspectionActionSelect,
      resolve: (inspection, _args, context) => inspectionActionsFor(context.viewer!, inspection),
    }),
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
    correctiveAction: t.relation('correctiveAction', { nullable: true }),
    inspection: t.relation('inspection'),
  }),
});

builder.prismaObject('ChecklistTemplate', {
  description: 'A reusable checklist for one topic; planning an inspection copies its items.',
  fields: (t) => ({
    id: t.exposeID('id'),
    topic: t.exposeString('topic'),
    name: t.exposeString('name'),
    items: t.exposeStringList('items'),
  }),
});

interface CalendarDayShape {
  date: Date;
  inspections: Awaited<ReturnType<Context['prisma']['inspection']['findMany']>>;
}

const CalendarDay = builder.objectRef<CalendarDayShape>('CalendarDay').implement({
  description: 'One day of the inspection calendar and the inspections scheduled on it.',
  fields: (t) => ({
    date: t.expose('date', { type: 'Date' }),
    inspections: t.field({ type: [InspectionType], resolve: (day) => day.inspections }),
  }),
});

const InspectorCandidate = builder
  .objectRef<{ id: string; name: string; unitName: string }>('InspectorCandidate')
  .implement({
    description: 'Someone who may inspect the target unit: an inspector or steering member above it.',
    fields: (t) => ({
      id: t.exposeID('id'),
      name: t.exposeString('name'),
      unitName: t.exposeString('unitName', { description: 'The unit of the role that reaches the target.' }),
    }),
  });

const InspectionFilter = builder.inputType('InspectionFilter', {
  description:
    'Narrows the `inspections` list; every given field must match. An unknown unit gives no inspections.',
  fields: (t) => ({
    bucket: t.field({ type: InspectionBucket, required: false }),
    unitId: t.id({ required: false, description: 'The target unit and every unit under it.' }),
    kind: t.field({ type: InspectionKind, required: false }),
    status: t.field({ type: [InspectionStatus], required: false, description: 'Any of these statuses.' }),
    mine: t.boolean({ required: false, description: 'True: the signed-in user is one of its inspectors.' }),
    from: t.string({ required: false, description: 'YYYY-MM-DD: scheduled on or after this day.' }),
    to: t.string({ required: false, description: 'YYYY-MM-DD: scheduled on or before this day.' }),
  }),
});

const inspectionFilterOf = (filter: typeof InspectionFilter.$inferInput | null | undefined) =>
  filter && {
    ...filter,
    unitId: filter.unitId == null ? null : String(filter.unitId),
  };

builder.queryField('inspections', (t) =>
  t.prismaConnection({
    type: 'Inspection',
    cursor: 'id',
    authScopes: { authenticated: true },
    description:
      'Inspections the signed-in user sees, narrowed by `filter`: TODAY, UPCOMING and by default soonest first, ' +
      'CLOSED most recently closed first; pages of `first` (default 50, at most 200), `totalCount` counts them ' +
      'all. A bad date is refused with BAD_USER_INPUT (`extensions.field` names it).',
    args: { filter: t.arg({ type: InspectionFilter, required: false }) },
    totalCount: async (_parent, { filter }, context) =>
      context.prisma.inspection.count({
        where: await inspectionListWhere({ ...context, viewer: context.viewer! }, inspectionFilterOf(filter)),
      }),
    resolve: async (query, _root, { filter }, context) =>
      context.prisma.inspection.findMany({
        ...query,
        where: await inspectionListWhere({ ...context, viewer: context.viewer! }, inspectionFilterOf(filter)),
        orderBy: inspectionListOrder(filter),
      }),
  }),
);

builder.queryField('inspection', (t) =>
  t.prismaField({
    type: 'Inspection',
    nullable: true,
    authScopes: { authenticated: true },
    description: 'An inspection the signed-in user sees; null for one that does not exist or is hidden.',
    args: { id: t.arg.id() },
    resolve: (query, _root, { id }, context) =>
      context.prisma.inspection.findFirst({
        ...query,
        where: { AND: [{ id: String(id) }, inspectionsVisibleTo(context.viewer!)] },
      }),
  }),
);

builder.queryField('inspectionCalendar', (t) =>
  t.field({
    type: [CalendarDay],
    authScopes: { authenticated: true },
    description:
      'The days of `month` (YYYY-MM) with inspections the signed-in user sees, cancelled ones left out; ' +
      '`unitId` narrows to a unit’s subtree. A bad month is refused with BAD_USER_INPUT (field "month").',
    args: { month: t.arg.string(), unitId: t.arg.id({ required: false }) },
    resolve: (_root, { month, unitId }, context) =>
      inspectionCalendar(
        { ...context, viewer: context.viewer! },
        month,
        unitId == null ? null : String(unitId),
      ),
  }),
);

builder.queryField('checklistTemplates', (t) =>
  t.prismaField({
    type: ['ChecklistTemplate'],
    description:
      'The checklist templates, by topic and name (steering committee, inspectors, administrators).',
    authScopes: (_root, _args, context) => hasRole(context.viewer, 'STEERING', 'INSPECTOR', 'ADMIN'),
    resolve: (query, _root, _args, context) =>
      context.prisma.checklistTemplate.findMany({
        ...query,
        orderBy: [{ topic: 'asc' }, { name: 'asc' }, { id: 'asc' }],
        take: 500,
      }),
  }),
);

builder.queryField('inspectorCandidates', (t) =>
  t.field({
    type: [InspectorCandidate],
    description:
      'For the planner: active users holding INSPECTOR or STEERING at the target unit or above it, without the ' +
      'target’s own people; empty for a unit the signed-in user does not oversee.',
    authScopes: (_root, _args, context) => isInspectionPlanner(context.viewer),
    args: { targetUnitId: t.arg.id() },
    resolve: (_root, { targetUnitId }, context) =>
      inspectorCandidates({ ...context, viewer: context.viewer! }, String(targetUnitId)),
  }),
);

// ---- Commands ----

const isoDate = z.string().refine(isCalendarDate, 'input.date');
type FieldBuilder = Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0];
const requestIdField = (t: FieldBuilder) =>
  t.string({
    required: false,
    description: 'A UUID chosen by the client per form; sending the same request again does nothing new.',
    validate: z.string().uuid('input.requestId'),
  });
const evidenceIdsField = (t: FieldBuilder, description: string) =>
  t.idList({
    required: false,
    description,
    validate: z.array(z.string()).max(20, 'evidence.tooManyIds'),
  });

const PlanInspectionInput = builder.inputType('PlanInspectionInput', {
  fields: (t) => ({
    requestId: t.string({
      required: false,
      description:
        'A UUID chosen by the client: the inspection’s ID. Sending the same request again returns the same ' +
        'inspection.',
      validate: z.string().uuid('input.requestId'),
    }),
    kind: t.field({ type: InspectionKind }),
    targetUnitId: t.id(),
    title: t.string({ validate: z.string().trim().min(1, 'input.required').max(300, 'input.tooLong') }),
    scheduledOn: t.string({
      required: false,
      description: 'ANNOUNCED / SELF: the day, YYYY-MM-DD; today or later, a working day.',
      validate: isoDate,
    }),
    windowStart: t.string({
      required: false,
      description: 'SURPRISE: the window’s first day, today or later.',
      validate: isoDate,
    }),
    windowEnd: t.string({
      required: false,
      description: 'SURPRISE: the window’s last day; the window must hold a working day still ahead.',
      validate: isoDate,
    }),
    inspectorIds: t.idList({
      description: 'Users holding INSPECTOR or STEERING reaching the target (inspectorCandidates).',
      validate: z.array(z.string()).max(20, 'input.tooLong'),
    }),
    leadInspectorId: t.id({ required: false, description: 'One of inspectorIds; the first when left out.' }),
    templateId: t.id({ required: false, description: 'Its items come first in the checklist.' }),
    checklist: t.stringList({
      required: false,
      description: 'Ad hoc items, appended after the template’s.',
    }),
  }),
});

builder.mutationField('planInspection', (t) =>
  t.prismaField({
    type: 'Inspection',
    description:
      'The committee or an inspector above the target (or at it, for a SELF inspection) plans an inspection ' +
      'and starts its workflow.',
    authScopes: (_root, _args, context) => isInspectionPlanner(context.viewer),
    errors: { types: commandErrors, directResult: true },
    args: { input: t.arg({ type: PlanInspectionInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await planInspection(
        { ...context, viewer: context.viewer! },
        {
          ...input,
          targetUnitId: String(input.targetUnitId),
          inspectorIds: input.inspectorIds.map(String),
          leadInspectorId: input.leadInspectorId == null ? null : String(input.leadInspectorId),
          templateId: input.templateId == null ? null : String(input.templateId),
        },
      );
      return context.prisma.inspection.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

const RescheduleInspectionInput = builder.inputType('RescheduleInspectionInput', {
  fields: (t) => ({
    requestId: requestIdField(t),
    inspectionId: t.id(),
    date: t.string({
      description: 'The new day, YYYY-MM-DD: a working day still ahead (inside the window, for a surprise).',
      validate: isoDate,
    }),
  }),
});

const CancelInspectionInput = builder.inputType('CancelInspectionInput', {
  fields: (t) => ({
    requestId: requestIdField(t),
    inspectionId: t.id(),
    reason: t.string({
      validate: z.string().trim().min(1, 'input.reasonMissing').max(2000, 'input.reasonMissing'),
    }),
  }),
});

const StartInspectionInput = builder.inputType('StartInspectionInput', {
  fields: (t) => ({ requestId: requestIdField(t), inspectionId: t.id() }),
});

const ChecklistItemValueInput = builder.inputType('ChecklistItemValueInput', {
  description: 'A checklist item’s result and note as the client saw them (both null: not recorded yet).',
  fields: (t) => ({
    result: t.field({ type: ChecklistResult, required: false }),
    note: t.string({ required: false, validate: z.string().max(5000, 'input.tooLong') }),
  }),
});

const RecordChecklistResultInput = builder.inputType('RecordChecklistResultInput', {
  fields: (t) => ({
    requestId: requestIdField(t),
    base: t.field({
      type: ChecklistItemValueInput,
      required: false,
      description:
        'The item’s result and note the inspector saw when making this change (on the page, or set by their own ' +
        'earlier change of the item). Given, the change is refused with ChecklistItemChangedError when the item ' +
        'holds neither this value nor the change’s own: someone recorded it since. Left out: the change is ' +
        'applied whatever the item holds.',
    }),
    inspectionId: t.id(),
    checklistItemId: t.id(),
    result: t.field({ type: ChecklistResult }),
    note: t.string({ required: false, validate: z.string().max(5000, 'input.tooLong') }),
    evidenceIds: evidenceIdsField(
      t,
      'Photos of the item (IDs from POST /evidence): the signed-in user’s own uploads for this inspection, ' +
        'images only, not attached yet.',
    ),
  }),
});

const RecordFindingInput = builder.inputType('RecordFindingInput', {
  fields: (t) => ({
    requestId: requestIdField(t),
    findingId: t.string({
      required: false,
      description:
        'A UUID chosen by the client: the finding’s ID. Sent again (even in another request) it is recognised ' +
        'and nothing new is recorded.',
      validate: z.string().uuid('input.requestId'),
    }),
    inspectionId: t.id(),
    severity: t.field({ type: FindingSeverity }),
    description: t.string({
      validate: z.string().trim().min(1, 'input.required').max(5000, 'input.tooLong'),
    }),
    checklistItemId: t.id({ required: false }),
    requiresCorrection: t.boolean({
      description:
        'The unit must correct it (a corrective action when the inspection closes); never for OBSERVATION.',
    }),
    evidenceIds: evidenceIdsField(
      t,
      'Files (IDs from POST /evidence): the signed-in user’s own uploads for this inspection, not attached yet.',
    ),
  }),
});

const CloseInspectionInput = builder.inputType('CloseInspectionInput', {
  fields: (t) => ({
    requestId: requestIdField(t),
    inspectionId: t.id(),
    summary: t.string({
      description: 'The conclusion, written into the minutes.',
      validate: z.string().trim().min(1, 'input.summaryRequired').max(5000, 'input.summaryRequired'),
    }),
  }),
});

const CreateChecklistTemplateInput = builder.inputType('CreateChecklistTemplateInput', {
  fields: (t) => ({
    topic: t.string({
      description: 'A short code of the topic, e.g. "one-stop-office".',
      validate: z.string().trim().min(1, 'input.required').max(100, 'input.tooLong'),
    }),
    name: t.string({ validate: z.string().trim().min(1, 'input.required').max(300, 'input.tooLong') }),
    items: t.stringList({ description: 'The items, in order; at least one.' }),
  }),
});

/** One command on an inspection: the service's checks, then the inspection as it is now. */
const inspectionCommand = <Input extends { inspectionId: string | number }>(
  name: string,
  description: string,
  input: { $inferInput: Input },
  run: (
    context: Context & { viewer: NonNullable<Context['viewer']> },
    input: Omit<Input, 'inspectionId'> & { inspectionId: string },
  ) => Promise<string>,
  errors: (new (...args: never[]) => Error)[] = commandErrors,
) =>
  builder.mutationField(name, (t) =>
    t.prismaField({
      type: 'Inspection',
      description,
      authScopes: { authenticated: true },
      errors: { types: errors, directResult: true },
      args: { input: t.arg({ type: input as never, required: true }) },
      resolve: async (query, _root, args, context) => {
        const given = args.input as Input;
        const id = await run(
          { ...context, viewer: context.viewer! },
          { ...given, inspectionId: String(given.inspectionId) },
        );
        return context.prisma.inspection.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
  );

inspectionCommand(
  'rescheduleInspection',
  'One of its inspectors moves a PLANNED inspection to another working day.',
  RescheduleInspectionInput,
  rescheduleInspection,
);
inspectionCommand(
  'cancelInspection',
  'The committee or an inspector over the target cancels an open inspection, with a reason.',
  CancelInspectionInput,
  cancelInspection,
);
inspectionCommand(
  'startInspection',
  'One of its inspectors starts a PLANNED inspection (it starts by itself at 08:00 on its day).',
  StartInspectionInput,
  startInspection,
);
builder.objectType(ChecklistItemChangedError, {
  name: 'ChecklistItemChangedError',
  description:
    'The change was made on a value the item no longer holds (`base`): someone recorded another result or note ' +
    'since. Nothing was recorded; the fields say what the item holds now, for the client to show both and let ' +
    'the inspector choose (sending theirs again with this value as the base overwrites it knowingly).',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    currentResult: t.field({
      type: ChecklistResult,
      nullable: true,
      resolve: (error) => error.current.result,
    }),
    currentNote: t.string({ nullable: true, resolve: (error) => error.current.note }),
    recordedByName: t.string({
      nullable: true,
      description: 'Who recorded the current value.',
      resolve: (error) => error.recordedBy?.name ?? null,
    }),
    recordedAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (error) => error.recordedBy?.at ?? null,
    }),
    message: t.string({ resolve: (error, _args, context) => checklistChangedMessage(error, context.locale) }),
  }),
});

inspectionCommand(
  'recordChecklistResult',
  'One of its inspectors records an item’s result, note and photos while it is IN_PROGRESS; with `base`, ' +
    'only if nobody recorded the item since (else ChecklistItemChangedError).',
  RecordChecklistResultInput,
  (context, input) =>
    recordChecklistResult(context, {
      ...input,
      checklistItemId: String(input.checklistItemId),
      evidenceIds: input.evidenceIds?.map(String) ?? null,
    }),
  [...commandErrors, ChecklistItemChangedError],
);
inspectionCommand(
  'recordFinding',
  'One of its inspectors records a finding while it is IN_PROGRESS; a re-sent findingId is recognised.',
  RecordFindingInput,
  (context, input) =>
    recordFinding(context, {
      ...input,
      checklistItemId: input.checklistItemId == null ? null : String(input.checklistItemId),
      evidenceIds: input.evidenceIds?.map(String) ?? null,
    }),
);
inspectionCommand(
  'closeInspection',
  'One of its inspectors closes it with the conclusion; findings to correct become corrective actions.',
  CloseInspectionInput,
  closeInspection,
);

builder.mutationField('createChecklistTemplate', (t) =>
  t.prismaField({
    type: 'ChecklistTemplate',
    description: 'The committee or an inspector saves a reusable checklist.',
    authScopes: (_root, _args, context) => isInspectionPlanner(context.viewer),
    errors: { types: commandErrors, directResult: true },
    args: { input: t.arg({ type: CreateChecklistTemplateInput }) },
    resolve: async (query, _root, { input }, context) => {
      const template = await createChecklistTemplate({ ...context, viewer: context.viewer! }, input);
      return context.prisma.checklistTemplate.findUniqueOrThrow({ ...query, where: { id: template.id } });
    },
  }),
);
