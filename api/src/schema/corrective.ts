// The corrective part of the GraphQL schema (issue 10); see /work/briefs/contract.md.
import { z } from 'zod';
import { isCalendarDate } from '../../../workflows/src/calendar.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { forbidden } from '../errors.ts';
import { EvidenceType } from '../evidence/schema.ts';
import { hasRole } from '../auth.ts';
import { correctiveActionsVisibleTo } from '../inspection-visibility.ts';
import { translate } from '../messages.ts';
import {
  actionFactsSelect,
  correctiveActionsFor,
  correctiveListWhere,
  decideCorrectiveExtension,
  findingsOverview,
  isOverdue,
  OVERVIEW_ROLES,
  rejectCorrection,
  requestCorrectiveExtension,
  submitCorrection,
  userName,
  verifyCorrection,
  workingDaysLeft,
  type CorrectiveActionName,
  type UnitFindingsRow as UnitFindingsRowShape,
} from '../services/corrective.ts';
import { commandErrors } from './common.ts';
import { FindingSeverity, InspectionType } from './inspections.ts';
import { UnitType } from './organisation.ts';
import { PendingExtension, ReviewOutcome } from './tasks.ts';

/** The API's statuses; the database's REJECTED (a round turned down) reads as OPEN again. */
export const CorrectiveStatus = builder.enumType('CorrectiveStatus', {
  values: ['OPEN', 'SUBMITTED', 'VERIFIED', 'CANCELLED'] as const,
});

type DbCorrectiveStatus = 'OPEN' | 'SUBMITTED' | 'VERIFIED' | 'REJECTED' | 'CANCELLED';

export const apiCorrectiveStatus = (
  status: DbCorrectiveStatus,
): 'OPEN' | 'SUBMITTED' | 'VERIFIED' | 'CANCELLED' => (status === 'REJECTED' ? 'OPEN' : status);

const ACTION_NAMES: CorrectiveActionName[] = [
  'submit',
  'verify',
  'reject',
  'requestExtension',
  'decideExtension',
];

const CorrectiveActions = builder
  .objectRef<Record<CorrectiveActionName, boolean>>('CorrectiveActions')
  .implement({
    description: 'What the signed-in user may do with the corrective action now (the API checks again).',
    fields: (t) => Object.fromEntries(ACTION_NAMES.map((name) => [name, t.exposeBoolean(name)])),
  });

builder.prismaObject('CorrectiveRound', {
  description: 'One answer of the unit (its remedy and files) and the inspectors’ verdict on it.',
  fields: (t) => ({
    number: t.exposeInt('number'),
    remedy: t.exposeString('remedy'),
    submittedByName: t.string({
      select: { submittedById: true },
      resolve: (round, _args, context) => userName(context, round.submittedById),
    }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime' }),
    verdict: t.expose('verdict', {
      type: ReviewOutcome,
      nullable: true,
      description: 'ACCEPTED: verified; RETURNED: rejected (the next round followed); null: waiting.',
    }),
    verdictReason: t.exposeString('verdictReason', {
      nullable: true,
      description: 'Why it was rejected, or the inspector’s note when verifying.',
    }),
    verifiedByName: t.string({
      nullable: true,
      select: { verifiedById: true },
      resolve: (round, _args, context) => (round.verifiedById ? userName(context, round.verifiedById) : null),
    }),
    verifiedAt: t.expose('verifiedAt', { type: 'DateTime', nullable: true }),
    evidence: t.relation('evidence', {
      type: EvidenceType,
      description: 'The files sent with this answer, in the order they were received.',
      query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    }),
  }),
});

builder.prismaObject('CorrectiveAction', {
  description: 'What a unit must do about a finding, checked by the inspection’s inspectors.',
  fields: (t) => ({
    id: t.exposeID('id'),
    status: t.field({
      type: CorrectiveStatus,
      select: { status: true },
      resolve: (action) => apiCorrectiveStatus(action.status),
    }),
    round: t.exposeInt('round', { description: 'The round of answer and verification under way, from 1.' }),
    dueDate: t.expose('dueDate', { type: 'Date' }),
    severity: t.field({
      type: FindingSeverity,
      select: { finding: { select: { severity: true } } },
      resolve: (action) => action.finding.severity,
    }),
    escalationLevel: t.exposeInt('escalationLevel', {
      description: '0 none, 1 overdue (the unit was told), 2 escalated to the steering committee.',
    }),
    reinspect: t.exposeBoolean('reinspect', {
      description: 'Verified with a follow-up inspection of the unit.',
    }),
    verifiedAt: t.expose('verifiedAt', { type: 'DateTime', nullable: true }),
    workingDaysLeft: t.int({
      description:
        'Working days from today (Vietnam time) to the due date by the holiday calendar; negative: overdue by that many.',
      select: { dueDate: true },
      resolve: (action, _args, context) => workingDaysLeft(context, action.dueDate),
    }),
    overdue: t.boolean({
      description: 'OPEN or SUBMITTED and due before today (Vietnam time).',
      select: { status: true, dueDate: true },
      resolve: (action, _args, context) => isOverdue(context, action),
    }),
    lastRejection: t.string({
      nullable: true,
      description: 'Why the last answer was rejected, while the action is OPEN again for the next round.',
      select: {
        status: true,
        round: true,
        rounds: {
          where: { verdict: 'RETURNED' },
          orderBy: { number: 'desc' },
          take: 1,
          select: { number: true, verdictReason: true },
        },
      },
      resolve: (action) => {
        const last = action.rounds[0];
        const open = action.status === 'OPEN' || action.status === 'REJECTED';
        return open && last && last.number === action.round - 1 ? last.verdictReason : null;
      },
    }),
    finding: t.relation('finding'),
    inspection: t.field({
      type: InspectionType,
      description: 'The inspection whose finding this corrects.',
      select: (_args, _context, nestedSelection) => ({
        finding: { select: { inspection: nestedSelection(true) } },
      }),
      resolve: (action) => action.finding.inspection,
    }),
    responsibleUnit: t.relation('responsibleUnit', { type: UnitType }),
    rounds: t.relation('rounds', {
      description: 'The unit’s answers and the verdicts, oldest first.',
      query: { orderBy: [{ number: 'asc' }] },
    }),
    pendingExtension: t.field({
      type: PendingExtension,
      nullable: true,
      description: 'The extension request waiting for a decision, if any (none once verified or cancelled).',
      select: {
        status: true,
        extensions: {
          where: { status: 'REQUESTED' },
          orderBy: { createdAt: 'desc' },
          take: 1,
          select: { requestedDueDate: true, reason: true, createdAt: true },
        },
      },
      resolve: (action) =>
        action.status === 'VERIFIED' || action.status === 'CANCELLED' ? null : (action.extensions[0] ?? null),
    }),
    evidence: t.relation('evidence', {
      type: EvidenceType,
      description:
        'The signed-in user’s own uploads for this action not yet sent with an answer (the files of answers are on `rounds`).',
      query: (_args, context) => ({
        where: { correctiveRoundId: null, uploadedById: context.viewer?.id ?? '' },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: 200,
      }),
    }),
    viewerCan: t.field({
      type: CorrectiveActions,
      select: actionFactsSelect,
      resolve: (action, _args, context) => correctiveActionsFor(context.viewer!, action),
    }),
  }),
});

const UnitFindingsRow = builder
  .objectRef<UnitFindingsRowShape & { unit: { id: string } }>('UnitFindingsRow')
  .implement({
    description: 'One unit’s open findings and corrective actions.',
    fields: (t) => ({
      unit: t.field({ type: UnitType, resolve: (row) => row.unit as never }),
      openFindings: t.exposeInt('openFindings', {
        description:
          'Findings requiring correction on an inspection under way, or whose corrective action is not yet verified or cancelled.',
      }),
      openCorrectiveActions: t.exposeInt('openCorrectiveActions', { description: 'OPEN or SUBMITTED.' }),
      lateCorrectiveActions: t.exposeInt('lateCorrectiveActions', {
        description: 'OPEN or SUBMITTED and due before today.',
      }),
    }),
  });

const CorrectiveFilter = builder.inputType('CorrectiveFilter', {
  description: 'Narrows the `correctiveActions` list; every given field must match.',
  fields: (t) => ({
    unitId: t.id({ required: false, description: 'The responsible unit and every unit under it.' }),
    status: t.field({ type: [CorrectiveStatus], required: false }),
    overdue: t.boolean({ required: false, description: 'True: OPEN or SUBMITTED and due before today.' }),
    inspectionId: t.id({ required: false }),
    waitingForMe: t.boolean({
      required: false,
      description: 'SUBMITTED and the signed-in user is one of its inspectors.',
    }),
  }),
});

builder.queryField('correctiveActions', (t) =>
  t.prismaConnection({
    type: 'CorrectiveAction',
    cursor: 'id',
    authScopes: { authenticated: true },
    description:
      'Corrective actions the signed-in user sees, soonest due first, narrowed by `filter`; pages of ' +
      '`first` (default 50, at most 200), `totalCount` counts them all.',
    args: { filter: t.arg({ type: CorrectiveFilter, required: false }) },
    totalCount: async (_parent, { filter }, context) =>
      context.prisma.correctiveAction.count({
        where: await correctiveListWhere({ ...context, viewer: context.viewer! }, filterOf(filter)),
      }),
    resolve: async (query, _root, { filter }, context) =>
      context.prisma.correctiveAction.findMany({
        ...query,
        where: await correctiveListWhere({ ...context, viewer: context.viewer! }, filterOf(filter)),
        orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
      }),
  }),
);

function filterOf(filter: typeof CorrectiveFilter.$inferInput | null | undefined) {
  if (!filter) return null;
  return {
    unitId: filter.unitId == null ? null : String(filter.unitId),
    status: filter.status ?? null,
    overdue: filter.overdue ?? null,
    inspectionId: filter.inspectionId == null ? null : String(filter.inspectionId),
    waitingForMe: filter.waitingForMe ?? null,
  };
}

builder.queryField('correctiveAction', (t) =>
  t.prismaField({
    type: 'CorrectiveAction',
    nullable: true,
    authScopes: { authenticated: true },
    args: { id: t.arg.id() },
    resolve: (query, _root, { id }, context) =>
      context.prisma.correctiveAction.findFirst({
        ...query,
        where: { AND: [{ id: String(id) }, correctiveActionsVisibleTo(context.viewer!)] },
      }),
  }),
);

builder.queryField('findingsOverview', (t) =>
  t.field({
    type: [UnitFindingsRow],
    authScopes: { authenticated: true },
    description:
      'Units under `unitId` (default: every unit the signed-in user reaches) with open findings or open ' +
      'corrective actions, worst first (late actions, then open ones, then findings). STEERING, INSPECTOR, ADMIN.',
    args: { unitId: t.arg.id({ required: false }) },
    resolve: (_root, { unitId }, context: Context) => {
      if (!hasRole(context.viewer, ...OVERVIEW_ROLES))
        throw forbidden(translate(context.locale, 'auth.forbidden'));
      return findingsOverview(
        { ...context, viewer: context.viewer! },
        unitId == null ? null : String(unitId),
      );
    },
  }),
);

// ---------------------------------------------------------------------------------------------
// The commands.

const isoDate = z.string().refine(isCalendarDate, 'input.date');
const requestIdField = (t: Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0]) =>
  t.string({
    required: false,
    description:
      'A UUID chosen by the client per form (the Workflow Update ID): sending it again does nothing new.',
    validate: z.string().uuid('input.requestId'),
  });

const SubmitCorrectionInput = builder.inputType('SubmitCorrectionInput', {
  fields: (t) => ({
    requestId: requestIdField(t),
    correctiveActionId: t.id(),
    remedy: t.string({
      description: 'What the unit did.',
      validate: z.string().trim().min(1, 'corrective.remedyRequired').max(5000, 'input.tooLong'),
    }),
    evidenceIds: t.idList({
      required: false,
      description:
        'Files to send with the answer (IDs from POST /evidence with correctiveActionId): the signed-in user’s ' +
        'own uploads for this action not yet sent; at most 10.',
      validate: z.array(z.string()).max(10, 'corrective.tooManyFiles'),
    }),
  }),
});

const VerifyCorrectionInput = builder.inputType('VerifyCorrectionInput', {
  fields: (t) => ({
    requestId: requestIdField(t),
    correctiveActionId: t.id(),
    note: t.string({ required: false, validate: z.string().max(2000, 'input.tooLong') }),
    reinspect: t.boolean({
      required: false,
      description: 'Start a follow-up announced inspection of the unit.',
    }),
    reinspectOn: t.field({
      type: 'Date',
      required: false,
      description: 'Its day, after today; default 10 working days from now.',
    }),
  }),
});

const RejectCorrectionInput = builder.inputType('RejectCorrectionInput', {
  fields: (t) => ({
    requestId: requestIdField(t),
    correctiveActionId: t.id(),
    reason: t.string({
      required: false,
      description: 'Why the remedy is not enough (required).',
      validate: z.string().max(2000, 'input.tooLong'),
    }),
    dueDate: t.string({
      required: false,
      description:
        'YYYY-MM-DD, after today: the next round’s due date (default: the severity’s working days).',
      validate: isoDate,
    }),
  }),
});

const RequestCorrectiveExtensionInput = builder.inputType('RequestCorrectiveExtensionInput', {
  fields: (t) => ({
    requestId: requestIdField(t),
    correctiveActionId: t.id(),
    requestedDueDate: t.string({ description: 'YYYY-MM-DD, after the current due date.', validate: isoDate }),
    reason: t.string({
      validate: z.string().trim().min(1, 'input.reasonMissing').max(2000, 'input.tooLong'),
    }),
  }),
});

const DecideCorrectiveExtensionInput = builder.inputType('DecideCorrectiveExtensionInput', {
  fields: (t) => ({
    requestId: requestIdField(t),
    correctiveActionId: t.id(),
    grant: t.boolean(),
    note: t.string({ required: false, validate: z.string().max(2000, 'input.tooLong') }),
  }),
});

type Ctx = Parameters<typeof submitCorrection>[0];
const asCtx = (context: Context): Ctx => ({ ...context, viewer: context.viewer! });

builder.mutationField('submitCorrection', (t) =>
  t.prismaField({
    type: 'CorrectiveAction',
    description: 'The head or staff of the responsible unit reports its remedy, with files.',
    authScopes: { reporter: true },
    errors: { types: commandErrors, directResult: true },
    args: { input: t.arg({ type: SubmitCorrectionInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await submitCorrection(asCtx(context), {
        ...input,
        correctiveActionId: String(input.correctiveActionId),
        evidenceIds: input.evidenceIds?.map(String) ?? null,
      });
      return context.prisma.correctiveAction.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('verifyCorrection', (t) =>
  t.prismaField({
    type: 'CorrectiveAction',
    description:
      'One of the inspection’s inspectors accepts the unit’s answer (optionally with a re-inspection).',
    authScopes: { authenticated: true },
    errors: { types: commandErrors, directResult: true },
    args: { input: t.arg({ type: VerifyCorrectionInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await verifyCorrection(asCtx(context), {
        ...input,
        correctiveActionId: String(input.correctiveActionId),
      });
      return context.prisma.correctiveAction.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('rejectCorrection', (t) =>
  t.prismaField({
    type: 'CorrectiveAction',
    description: 'One of the inspection’s inspectors rejects the answer, with a reason: a new round opens.',
    authScopes: { authenticated: true },
    errors: { types: commandErrors, directResult: true },
    args: { input: t.arg({ type: RejectCorrectionInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await rejectCorrection(asCtx(context), {
        ...input,
        correctiveActionId: String(input.correctiveActionId),
      });
      return context.prisma.correctiveAction.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('requestCorrectiveExtension', (t) =>
  t.prismaField({
    type: 'CorrectiveAction',
    description: 'The head of the responsible unit asks for a later due date.',
    authScopes: { unitHead: true },
    errors: { types: commandErrors, directResult: true },
    args: { input: t.arg({ type: RequestCorrectiveExtensionInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await requestCorrectiveExtension(asCtx(context), {
        ...input,
        correctiveActionId: String(input.correctiveActionId),
      });
      return context.prisma.correctiveAction.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('decideCorrectiveExtension', (t) =>
  t.prismaField({
    type: 'CorrectiveAction',
    description:
      'The steering committee or an inspector over the unit grants or refuses the waiting request.',
    authScopes: { authenticated: true },
    errors: { types: commandErrors, directResult: true },
    args: { input: t.arg({ type: DecideCorrectiveExtensionInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await decideCorrectiveExtension(asCtx(context), {
        ...input,
        correctiveActionId: String(input.correctiveActionId),
      });
      return context.prisma.correctiveAction.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
