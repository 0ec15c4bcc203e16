// Corrective actions through the API, on a closed inspection built by the real workflows: rounds
// of answers (with files), rejection and verification, extensions, the typed refusals, the list,
// the findings overview, working days by the holiday calendar, and both timelines in vi and en.
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkingCalendar, addDays, vietnamDate } from '../../workflows/src/calendar.ts';
import {
  cancelCorrectiveUpdate,
  cancelInspectionUpdate,
  closeInspectionUpdate,
  correctiveRecordedUpdate,
  inspectionRecordedUpdate,
  inspectionWorkflowId,
  recordChecklistResultUpdate,
  recordFindingUpdate,
  scheduleInspectionUpdate,
  startInspectionUpdate,
  type InspectionState,
  type PlanInspectionInput,
} from '../../workflows/src/contracts.ts';
import { claimsOf } from '../../workflows/src/activities/authority.ts';
import type { inspectionWorkflow } from '../../workflows/src/workflows/inspection.ts';
import { PrismaClient } from '../../prisma/client.ts';
import { createApi } from '../../api/src/yoga.ts';
import { lazyTemporalClient, temporalCommands } from '../../api/src/temporal.ts';
import { createApiHarness } from '../helpers/api.ts';
import { createInspectionFixtures } from '../helpers/fixtures.ts';

let api: Awaited<ReturnType<typeof createApiHarness>>;
let people: Awaited<ReturnType<typeof createInspectionFixtures>>;

beforeAll(async () => {
  api = await createApiHarness();
  people = await createInspectionFixtures(api.db.prisma, api.fixtures);
});
afterAll(() => api?.close());

const iso = (date: Date): string => date.toISOString().slice(0, 10);
const today = () => vietnamDate(Date.now());
async function calendar(): Promise<WorkingCalendar> {
  const rows = await api.db.prisma.holiday.findMany();
  return new WorkingCalendar(rows.map((row) => iso(row.date)));
}
/** dd/mm/yyyy, as the timelines write a day. */
const dmy = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/**
 * An announced inspection of the commune run through its workflow: started early by its lead
 * inspector, findings recorded, closed; the close starts one corrective workflow per finding
 * to correct. Returns the inspection and its actions (waited for until their rows are there).
 */
async function closedInspection(
  findings: {
    severity: 'CRITICAL' | 'MAJOR' | 'MINOR' | 'INFO';
    description: string;
    requiresCorrection: boolean;
  }[],
) {
  const input: PlanInspectionInput = {
    inspectionId: randomUUID(),
    kind: 'ANNOUNCED',
    targetUnitId: api.fixtures.units.commune.id,
    title: 'Kiểm tra công tác CCHC tại xã Phương Định',
    scheduledOn: (await calendar()).addWorkingDays(today(), 2),
    inspectors: [{ userId: people.inspector.id, lead: true }, { userId: people.inspector2.id }],
    checklist: ['Niêm yết công khai thủ tục hành chính', 'Tỷ lệ hồ sơ trực tuyến toàn trình'],
    actorId: api.fixtures.users.steering.id,
  };
  const handle = await api.env.client.workflow.start<typeof inspectionWorkflow>('inspectionWorkflow', {
    taskQueue: api.taskQueue,
    workflowId: inspectionWorkflowId(input.inspectionId),
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  await handle.executeUpdate(inspectionRecordedUpdate);
  await handle.executeUpdate(startInspectionUpdate, { args: [{ actorId: people.inspector.id }] });
  for (const finding of findings) {
    await handle.executeUpdate(recordFindingUpdate, { args: [{ actorId: people.inspector.id, ...finding }] });
  }
  const state: InspectionState = await handle.executeUpdate(closeInspectionUpdate, {
    args: [{ actorId: people.inspector.id, note: 'Kết thúc làm việc tại xã' }],
  });
  for (const action of state.corrective) {
    await api.env.client.workflow.getHandle(action.workflowId).executeUpdate(correctiveRecordedUpdate);
  }
  return { inspectionId: input.inspectionId, corrective: state.corrective };
}

/** Stops an action's workflow (its timers would otherwise outlive the test). */
async function cancel(correctiveActionId: string) {
  const steeringClaims = await claimsOf(api.db.prisma, api.fixtures.users.steering.id);
  await api.env.client.workflow
    .getHandle(`corrective-${correctiveActionId}`)
    .executeUpdate(cancelCorrectiveUpdate, {
      args: [
        {
          actorId: api.fixtures.users.steering.id,
          actorRoles: steeringClaims,
          reason: 'Kết thúc thử nghiệm',
        },
      ],
    });
}

async function upload(correctiveActionId: string, uploadedById: string, fileName = 'so-theo-doi.pdf') {
  return api.db.prisma.evidence.create({
    data: {
      sha256: randomUUID().replaceAll('-', '').padEnd(64, '0'),
      fileName,
      mimeType: 'application/pdf',
      sizeBytes: 2048,
      uploadedById,
      correctiveActionId,
    },
  });
}

const ACTION_FIELDS = `
  id status round dueDate severity escalationLevel reinspect verifiedAt workingDaysLeft overdue lastRejection
  finding { id description } inspection { id title } responsibleUnit { id name }
  rounds { number remedy submittedByName verdict verdictReason verifiedByName evidence { id fileName } }
  pendingExtension { requestedDueDate reason }
  evidence { id }
  viewerCan { submit verify reject requestExtension decideExtension }
`;
const RESULT = `__typename
  ... on CorrectiveAction { ${ACTION_FIELDS} }
  ... on Error { message }
  ... on CommandRejectedError { reason }
  ... on NotFoundError { field }
  ... on InvalidInputError { issues { field message } }`;
const SUBMIT = `mutation($input: SubmitCorrectionInput!) { submitCorrection(input: $input) { ${RESULT} } }`;
const VERIFY = `mutation($input: VerifyCorrectionInput!) { verifyCorrection(input: $input) { ${RESULT} } }`;
const REJECT = `mutation($input: RejectCorrectionInput!) { rejectCorrection(input: $input) { ${RESULT} } }`;
const REQUEST = `mutation($input: RequestCorrectiveExtensionInput!) {
  requestCorrectiveExtension(input: $input) { ${RESULT} } }`;
const DECIDE = `mutation($input: DecideCorrectiveExtensionInput!) {
  decideCorrectiveExtension(input: $input) { ${RESULT} } }`;
const ACTION = `query($id: ID!) { correctiveAction(id: $id) { ${ACTION_FIELDS} } }`;
const TIMELINE = `query($id: ID!) { correctiveAction(id: $id) {
  timeline(first: 50) { totalCount edges { node { action summary actor { name } } } } } }`;
const INSPECTION_TIMELINE = `query($id: ID!) { inspection(id: $id) {
  timeline(first: 50) { totalCount edges { node { action summary } } } } }`;

type Row = Record<string, unknown>;
const summaries = (result: { data?: Row }, root: string) =>
  (
    (result.data?.[root] as { timeline: { edges: { node: { action: string; summary: string } }[] } }).timeline
      .edges ?? []
  ).map((edge) => [edge.node.action, edge.node.summary]);

let head: string;
let staff: string;
let inspector: string;
let inspector2: string;
let steering: string;
let otherHead: string;
let otherSteering: string;
beforeAll(async () => {
  [head, staff, inspector, inspector2, steering, otherHead, otherSteering] = await Promise.all([
    api.login(api.fixtures.users.head.email),
    api.login(people.staff.email),
    api.login(people.inspector.email),
    api.login(people.inspector2.email),
    api.login(api.fixtures.users.steering.email),
    api.login(api.fixtures.users.otherHead.email),
    api.login(api.fixtures.users.otherSteering.email),
  ]);
});

describe('a corrective action’s rounds', () => {
  it('answer with a file → rejected with a reason (round 2, new due date) → answered again → verified', async () => {
    const { inspectionId, corrective } = await closedInspection([
      {
        severity: 'MAJOR',
        description: 'Tỷ lệ hồ sơ trực tuyến dưới chỉ tiêu 60 %',
        requiresCorrection: true,
      },
      { severity: 'INFO', description: 'Bảng niêm yết đặt ở vị trí khó thấy', requiresCorrection: false },
    ]);
    expect(corrective).toHaveLength(1);
    const id = corrective[0]!.correctiveActionId;

    const opened = await api.gql(ACTION, { id }, { cookie: head });
    expect(opened.errors).toBeUndefined();
    expect(opened.data?.correctiveAction).toMatchObject({
      status: 'OPEN',
      round: 1,
      severity: 'MAJOR',
      dueDate: corrective[0]!.dueDate,
      overdue: false,
      lastRejection: null,
      finding: { description: 'Tỷ lệ hồ sơ trực tuyến dưới chỉ tiêu 60 %' },
      inspection: { id: inspectionId },
      responsibleUnit: { id: api.fixtures.units.commune.id },
      rounds: [],
      pendingExtension: null,
      viewerCan: {
        submit: true,
        verify: false,
        reject: false,
        requestExtension: true,
        decideExtension: false,
      },
    });
    const inspectorView = await api.gql(ACTION, { id }, { cookie: inspector });
    expect(inspectorView.data?.correctiveAction).toMatchObject({
      viewerCan: {
        submit: false,
        verify: false,
        reject: false,
        requestExtension: false,
        decideExtension: false,
      },
    });

    // Verifying before the unit answered: refused, in the user's language.
    const early = await api.gql(VERIFY, { input: { correctiveActionId: id } }, { cookie: inspector });
    expect(early.data?.verifyCorrection).toEqual({
      __typename: 'CommandRejectedError',
      message: 'The unit has not reported its remedy yet, so it cannot be verified or rejected.',
      reason: 'CorrectiveWrongStatus',
    });
    const earlyVi = await api.gql(
      VERIFY,
      { input: { correctiveActionId: id } },
      { cookie: `${inspector}; rt_locale=vi` },
    );
    expect(earlyVi.data?.verifyCorrection).toMatchObject({
      message: 'Đơn vị chưa báo cáo kết quả khắc phục nên chưa thể xác nhận hay trả lại.',
      reason: 'CorrectiveWrongStatus',
    });

    // Another unit's head: the action is not there for them.
    const foreign = await api.gql(
      SUBMIT,
      { input: { correctiveActionId: id, remedy: 'Đã khắc phục' } },
      { cookie: otherHead },
    );
    expect(foreign.data?.submitCorrection).toEqual({
      __typename: 'NotFoundError',
      message: 'There is no such corrective action.',
      field: 'correctiveActionId',
    });

    // A file someone else uploaded for it cannot be sent by the head; nor an empty remedy.
    const staffFile = await upload(id, people.staff.id, 'anh-chup.pdf');
    const notMine = await api.gql(
      SUBMIT,
      { input: { correctiveActionId: id, remedy: 'Đã bổ sung sổ', evidenceIds: [staffFile.id] } },
      { cookie: head },
    );
    expect(notMine.data?.submitCorrection).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [
        {
          field: 'evidenceIds',
          message:
            'Only files you uploaded for this corrective action and not yet attached to a round can be attached; upload the file again.',
        },
      ],
    });
    const empty = await api.gql(
      SUBMIT,
      { input: { correctiveActionId: id, remedy: '  ' } },
      { cookie: head },
    );
    expect(empty.data?.submitCorrection).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: 'remedy', message: 'Describe what the unit did to correct it.' }],
    });

    // The head answers with their own file; the same request sent twice is one answer.
    const headFile = await upload(id, api.fixtures.users.head.id);
    const submit = {
      requestId: randomUUID(),
      correctiveActionId: id,
      remedy: 'Đã bổ sung sổ theo dõi hồ sơ trực tuyến',
      evidenceIds: [headFile.id],
    };
    const [first, second] = await Promise.all([
      api.gql(SUBMIT, { input: submit }, { cookie: head }),
      api.gql(SUBMIT, { input: submit }, { cookie: head }),
    ]);
    const third = await api.gql(SUBMIT, { input: submit }, { cookie: head });
    for (const result of [first, second, third]) {
      expect(result.data?.submitCorrection).toMatchObject({
        __typename: 'CorrectiveAction',
        status: 'SUBMITTED',
        rounds: [
          {
            number: 1,
            remedy: 'Đã bổ sung sổ theo dõi hồ sơ trực tuyến',
            submittedByName: api.fixtures.users.head.name,
            verdict: null,
            evidence: [{ id: headFile.id, fileName: 'so-theo-doi.pdf' }],
          },
        ],
      });
    }
    expect(
      await api.db.prisma.auditEvent.count({ where: { entityId: id, action: 'corrective.submitted' } }),
    ).toBe(1);
    // The staff member's file stays theirs, unattached.
    expect(
      (await api.db.prisma.evidence.findUniqueOrThrow({ where: { id: staffFile.id } })).correctiveRoundId,
    ).toBe(null);
    // The inspectors are told, with a link to the action's page.
    const told = await api.db.prisma.notification.findMany({
      where: { kind: 'corrective.submitted', link: `/corrective/${id}` },
    });
    expect(told.map((notification) => notification.userId).sort()).toEqual(
      [people.inspector.id, people.inspector2.id].sort(),
    );
    const submitted = await api.gql(ACTION, { id }, { cookie: inspector2 });
    expect(submitted.data?.correctiveAction).toMatchObject({
      viewerCan: { verify: true, reject: true, submit: false },
    });

    // Rejecting needs a reason, and a due date after today.
    const noReason = await api.gql(REJECT, { input: { correctiveActionId: id } }, { cookie: inspector2 });
    expect(noReason.data?.rejectCorrection).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: 'reason' }],
    });
    const blankVi = await api.gql(
      REJECT,
      { input: { correctiveActionId: id, reason: '   ' } },
      { cookie: `${inspector2}; rt_locale=vi` },
    );
    expect(blankVi.data?.rejectCorrection).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: 'reason', message: 'Hãy nêu lý do (tối đa 2000 ký tự).' }],
    });
    const pastDue = await api.gql(
      REJECT,
      { input: { correctiveActionId: id, reason: 'Chưa đủ', dueDate: addDays(today(), -1) } },
      { cookie: inspector2 },
    );
    expect(pastDue.data?.rejectCorrection).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: 'dueDate', message: 'This date must be after today.' }],
    });
    // The unit cannot judge its own answer.
    const byHead = await api.gql(
      REJECT,
      { input: { correctiveActionId: id, reason: 'Tự trả lại' } },
      { cookie: head },
    );
    expect(byHead.data?.rejectCorrection).toMatchObject({
      __typename: 'CommandRejectedError',
      reason: 'CorrectiveNotAnInspector',
    });

    const round2Due = (await calendar()).addWorkingDays(today(), 7);
    const rejected = await api.gql(
      REJECT,
      {
        input: {
          requestId: randomUUID(),
          correctiveActionId: id,
          reason: 'Sổ chưa ghi đủ hồ sơ quý III',
          dueDate: round2Due,
        },
      },
      { cookie: inspector2 },
    );
    expect(rejected.data?.rejectCorrection).toMatchObject({
      __typename: 'CorrectiveAction',
      status: 'OPEN',
      round: 2,
      dueDate: round2Due,
      lastRejection: 'Sổ chưa ghi đủ hồ sơ quý III',
      rounds: [
        {
          number: 1,
          verdict: 'RETURNED',
          verdictReason: 'Sổ chưa ghi đủ hồ sơ quý III',
          verifiedByName: people.inspector2.name,
        },
      ],
    });

    // The staff member answers round 2 (with their earlier upload).
    const again = await api.gql(
      SUBMIT,
      { input: { correctiveActionId: id, remedy: 'Đã ghi đủ hồ sơ quý III', evidenceIds: [staffFile.id] } },
      { cookie: staff },
    );
    expect(again.data?.submitCorrection).toMatchObject({
      status: 'SUBMITTED',
      round: 2,
      lastRejection: null,
      rounds: [
        { number: 1 },
        { number: 2, submittedByName: people.staff.name, evidence: [{ id: staffFile.id }] },
      ],
    });

    const verified = await api.gql(
      VERIFY,
      { input: { requestId: randomUUID(), correctiveActionId: id, note: 'Đạt yêu cầu' } },
      { cookie: inspector },
    );
    expect(verified.data?.verifyCorrection).toMatchObject({
      __typename: 'CorrectiveAction',
      status: 'VERIFIED',
      reinspect: false,
      verifiedAt: expect.any(String) as string,
      overdue: false,
      rounds: [
        { number: 1, verdict: 'RETURNED' },
        {
          number: 2,
          verdict: 'ACCEPTED',
          verdictReason: 'Đạt yêu cầu',
          verifiedByName: people.inspector.name,
        },
      ],
      viewerCan: {
        submit: false,
        verify: false,
        reject: false,
        requestExtension: false,
        decideExtension: false,
      },
    });
    // Verified: nothing more is taken.
    const late = await api.gql(
      SUBMIT,
      { input: { correctiveActionId: id, remedy: 'Thêm nữa' } },
      { cookie: head },
    );
    expect(late.data?.submitCorrection).toMatchObject({
      __typename: 'CommandRejectedError',
      reason: 'CorrectiveWrongStatus',
      message: 'The corrective action is closed (verified or cancelled).',
    });

    // Its timeline, newest first, in both languages.
    const english = await api.gql(TIMELINE, { id }, { cookie: head });
    expect(english.errors).toBeUndefined();
    expect(summaries(english, 'correctiveAction')).toEqual([
      ['corrective.verified', 'Correction verified'],
      ['corrective.submitted', 'Remedy reported (round 2): Đã ghi đủ hồ sơ quý III'],
      [
        'corrective.rejected',
        `Rejected: correct again (round 2), due ${dmy(round2Due)}: Sổ chưa ghi đủ hồ sơ quý III`,
      ],
      ['corrective.submitted', 'Remedy reported (round 1): Đã bổ sung sổ theo dõi hồ sơ trực tuyến'],
      ['corrective.opened', `Correction required of Xã Phương Định, due ${dmy(corrective[0]!.dueDate)}`],
    ]);
    const vietnamese = await api.gql(TIMELINE, { id }, { cookie: `${head}; rt_locale=vi` });
    expect(summaries(vietnamese, 'correctiveAction')).toEqual([
      ['corrective.verified', 'Xác nhận đã khắc phục'],
      ['corrective.submitted', 'Báo cáo kết quả khắc phục (lần 2): Đã ghi đủ hồ sơ quý III'],
      [
        'corrective.rejected',
        `Chưa đạt, khắc phục lại (lần 2), hạn ${dmy(round2Due)}: Sổ chưa ghi đủ hồ sơ quý III`,
      ],
      ['corrective.submitted', 'Báo cáo kết quả khắc phục (lần 1): Đã bổ sung sổ theo dõi hồ sơ trực tuyến'],
      ['corrective.opened', `Yêu cầu Xã Phương Định khắc phục, hạn ${dmy(corrective[0]!.dueDate)}`],
    ]);

    // The inspection's timeline, in both languages.
    const inspectionEn = await api.gql(INSPECTION_TIMELINE, { id: inspectionId }, { cookie: head });
    expect(inspectionEn.errors).toBeUndefined();
    expect(summaries(inspectionEn, 'inspection')).toEqual([
      ['inspection.closed', 'Inspection closed; 1 corrective action(s): Kết thúc làm việc tại xã'],
      ['inspection.findingRecorded', 'Finding recorded (observation): Bảng niêm yết đặt ở vị trí khó thấy'],
      ['inspection.findingRecorded', 'Finding recorded (major): Tỷ lệ hồ sơ trực tuyến dưới chỉ tiêu 60 %'],
      ['inspection.started', 'Inspection started'],
      [
        'inspection.planned',
        expect.stringMatching(/^Inspection of Xã Phương Định planned for \d\d\/\d\d\/\d{4}$/),
      ],
    ]);
    const inspectionVi = await api.gql(
      INSPECTION_TIMELINE,
      { id: inspectionId },
      { cookie: `${inspector}; rt_locale=vi` },
    );
    expect(summaries(inspectionVi, 'inspection')).toEqual([
      ['inspection.closed', 'Kết thúc kiểm tra; 1 yêu cầu khắc phục: Kết thúc làm việc tại xã'],
      ['inspection.findingRecorded', 'Ghi nhận phát hiện (ghi nhận): Bảng niêm yết đặt ở vị trí khó thấy'],
      ['inspection.findingRecorded', 'Ghi nhận phát hiện (lớn): Tỷ lệ hồ sơ trực tuyến dưới chỉ tiêu 60 %'],
      ['inspection.started', 'Bắt đầu kiểm tra'],
      [
        'inspection.planned',
        expect.stringMatching(/^Lên kế hoạch kiểm tra Xã Phương Định, ngày \d\d\/\d\d\/\d{4}$/),
      ],
    ]);
  });
});

describe('extensions', () => {
  it('the unit head asks for more time; the committee grants it and the due date moves', async () => {
    const { corrective } = await closedInspection([
      { severity: 'MINOR', description: 'Thiếu sổ theo dõi hồ sơ', requiresCorrection: true },
    ]);
    const id = corrective[0]!.correctiveActionId;
    const due = corrective[0]!.dueDate;
    const later = addDays(due, 14);

    // Staff cannot ask; nor a date that is not later.
    const byStaff = await api.gql(
      REQUEST,
      { input: { correctiveActionId: id, requestedDueDate: later, reason: 'Thiếu cán bộ' } },
      { cookie: staff },
    );
    expect(byStaff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const notLater = await api.gql(
      REQUEST,
      { input: { correctiveActionId: id, requestedDueDate: due, reason: 'Thiếu cán bộ' } },
      { cookie: head },
    );
    expect(notLater.data?.requestCorrectiveExtension).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: 'requestedDueDate', message: 'The new due date must be after the current one.' }],
    });

    const asked = await api.gql(
      REQUEST,
      {
        input: {
          requestId: randomUUID(),
          correctiveActionId: id,
          requestedDueDate: later,
          reason: 'Thiếu cán bộ',
        },
      },
      { cookie: head },
    );
    expect(asked.data?.requestCorrectiveExtension).toMatchObject({
      __typename: 'CorrectiveAction',
      dueDate: due,
      pendingExtension: { requestedDueDate: later, reason: 'Thiếu cán bộ' },
      viewerCan: { requestExtension: false, submit: true },
    });
    const twice = await api.gql(
      REQUEST,
      { input: { correctiveActionId: id, requestedDueDate: addDays(later, 1), reason: 'Lần nữa' } },
      { cookie: head },
    );
    expect(twice.data?.requestCorrectiveExtension).toMatchObject({
      __typename: 'CommandRejectedError',
      reason: 'CorrectiveExtensionPending',
      message: 'An extension request is already waiting for a decision.',
    });

    // The committee of another district does not see it; the district's committee decides.
    const foreign = await api.gql(
      DECIDE,
      { input: { correctiveActionId: id, grant: true } },
      { cookie: otherSteering },
    );
    expect(foreign.data?.decideCorrectiveExtension).toMatchObject({
      __typename: 'NotFoundError',
      field: 'correctiveActionId',
    });
    const committee = await api.gql(ACTION, { id }, { cookie: steering });
    expect(committee.data?.correctiveAction).toMatchObject({ viewerCan: { decideExtension: true } });
    const granted = await api.gql(
      DECIDE,
      { input: { requestId: randomUUID(), correctiveActionId: id, grant: true, note: 'Đồng ý' } },
      { cookie: steering },
    );
    expect(granted.data?.decideCorrectiveExtension).toMatchObject({
      __typename: 'CorrectiveAction',
      dueDate: later,
      pendingExtension: null,
      viewerCan: { decideExtension: false },
    });
    const none = await api.gql(
      DECIDE,
      { input: { correctiveActionId: id, grant: false } },
      { cookie: steering },
    );
    expect(none.data?.decideCorrectiveExtension).toMatchObject({
      __typename: 'CommandRejectedError',
      reason: 'CorrectiveNoExtensionPending',
    });

    const english = await api.gql(TIMELINE, { id }, { cookie: head });
    expect(summaries(english, 'correctiveAction').slice(0, 2)).toEqual([
      ['corrective.extensionGranted', `Extension granted: due date moved from ${dmy(due)} to ${dmy(later)}`],
      [
        'corrective.extensionRequested',
        `Extension requested from ${dmy(due)} to ${dmy(later)}: Thiếu cán bộ`,
      ],
    ]);
    const vietnamese = await api.gql(TIMELINE, { id }, { cookie: `${steering}; rt_locale=vi` });
    expect(summaries(vietnamese, 'correctiveAction').slice(0, 2)).toEqual([
      ['corrective.extensionGranted', `Đồng ý gia hạn: hạn khắc phục từ ${dmy(due)} sang ${dmy(later)}`],
      ['corrective.extensionRequested', `Đề nghị gia hạn từ ${dmy(due)} đến ${dmy(later)}: Thiếu cán bộ`],
    ]);
    await cancel(id);
  });
});

describe('verification with a follow-up inspection', () => {
  it('reinspectOn needs reinspect and a day after today; verified with it, the follow-up inspection is planned', async () => {
    const { corrective } = await closedInspection([
      { severity: 'MAJOR', description: 'Chưa công khai đường dây nóng', requiresCorrection: true },
    ]);
    const id = corrective[0]!.correctiveActionId;
    await api.gql(
      SUBMIT,
      { input: { correctiveActionId: id, remedy: 'Đã niêm yết đường dây nóng' } },
      { cookie: head },
    );
    const day = (await calendar()).addWorkingDays(today(), 5);
    const withoutFlag = await api.gql(
      VERIFY,
      { input: { correctiveActionId: id, reinspectOn: day } },
      { cookie: inspector },
    );
    expect(withoutFlag.data?.verifyCorrection).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [
        { field: 'reinspectOn', message: 'Pick a re-inspection day only when asking for a re-inspection.' },
      ],
    });
    const todayToo = await api.gql(
      VERIFY,
      { input: { correctiveActionId: id, reinspect: true, reinspectOn: today() } },
      { cookie: `${inspector}; rt_locale=vi` },
    );
    expect(todayToo.data?.verifyCorrection).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: 'reinspectOn', message: 'Ngày này phải sau hôm nay.' }],
    });
    const verified = await api.gql(
      VERIFY,
      { input: { correctiveActionId: id, reinspect: true, reinspectOn: day } },
      { cookie: inspector },
    );
    expect(verified.data?.verifyCorrection).toMatchObject({ status: 'VERIFIED', reinspect: true });
    // The follow-up's ID is in the verification's audit row; its workflow writes its row.
    const event = await api.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: id, action: 'corrective.verified' },
    });
    const reinspectionId = (event.after as { reinspectionId: string }).reinspectionId;
    await api.env.client.workflow
      .getHandle(inspectionWorkflowId(reinspectionId))
      .executeUpdate(inspectionRecordedUpdate);
    const followUp = await api.db.prisma.inspection.findUnique({
      where: { id: reinspectionId },
      include: { inspectors: true },
    });
    expect(followUp?.targetUnitId).toBe(api.fixtures.units.commune.id);
    expect(followUp && iso(followUp.scheduledOn!)).toBe(day);
    expect(followUp).toMatchObject({ kind: 'ANNOUNCED', status: 'PLANNED' });
    expect(followUp!.inspectors.find((row) => row.lead)?.userId).toBe(people.inspector.id);
    const english = await api.gql(TIMELINE, { id }, { cookie: head });
    expect(summaries(english, 'correctiveAction')[0]).toEqual([
      'corrective.verified',
      `Correction verified; re-inspection on ${dmy(day)}`,
    ]);
    const vietnamese = await api.gql(TIMELINE, { id }, { cookie: `${head}; rt_locale=vi` });
    expect(summaries(vietnamese, 'correctiveAction')[0]).toEqual([
      'corrective.verified',
      `Xác nhận đã khắc phục; tái kiểm tra ngày ${dmy(day)}`,
    ]);
  });
});

describe('an inspection’s timeline', () => {
  it('says a new day, a checklist result with its note and a cancellation with its reason, in vi and en', async () => {
    const cal = await calendar();
    const first = cal.addWorkingDays(today(), 2);
    const second = cal.addWorkingDays(today(), 3);
    const inspectionId = randomUUID();
    const handle = await api.env.client.workflow.start<typeof inspectionWorkflow>('inspectionWorkflow', {
      taskQueue: api.taskQueue,
      workflowId: inspectionWorkflowId(inspectionId),
      args: [
        {
          inspectionId,
          kind: 'ANNOUNCED',
          targetUnitId: api.fixtures.units.commune.id,
          title: 'Kiểm tra bộ phận một cửa',
          scheduledOn: first,
          inspectors: [{ userId: people.inspector.id, lead: true }],
          checklist: ['Niêm yết công khai thủ tục hành chính'],
          actorId: api.fixtures.users.steering.id,
        },
      ],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    await handle.executeUpdate(inspectionRecordedUpdate);
    await handle.executeUpdate(scheduleInspectionUpdate, {
      args: [{ actorId: people.inspector.id, date: second }],
    });
    const started = await handle.executeUpdate(startInspectionUpdate, {
      args: [{ actorId: people.inspector.id }],
    });
    await handle.executeUpdate(recordChecklistResultUpdate, {
      args: [
        {
          actorId: people.inspector.id,
          checklistItemId: started.checklist[0]!.id,
          result: 'FAIL',
          note: 'Thiếu 3 thủ tục',
        },
      ],
    });
    await handle.executeUpdate(cancelInspectionUpdate, {
      args: [
        {
          actorId: api.fixtures.users.steering.id,
          actorRoles: await claimsOf(api.db.prisma, api.fixtures.users.steering.id),
          reason: 'Trùng lịch họp tỉnh',
        },
      ],
    });

    const english = await api.gql(INSPECTION_TIMELINE, { id: inspectionId }, { cookie: steering });
    expect(english.errors).toBeUndefined();
    expect(summaries(english, 'inspection')).toEqual([
      ['inspection.cancelled', 'Inspection cancelled: Trùng lịch họp tỉnh'],
      [
        'inspection.checklistRecorded',
        'Checklist item “Niêm yết công khai thủ tục hành chính”: Fail: Thiếu 3 thủ tục',
      ],
      ['inspection.started', 'Inspection started'],
      ['inspection.scheduled', `Inspection day moved from ${dmy(first)} to ${dmy(second)}`],
      ['inspection.planned', `Inspection of Xã Phương Định planned for ${dmy(first)}`],
    ]);
    const vietnamese = await api.gql(
      INSPECTION_TIMELINE,
      { id: inspectionId },
      { cookie: `${head}; rt_locale=vi` },
    );
    expect(summaries(vietnamese, 'inspection')).toEqual([
      ['inspection.cancelled', 'Huỷ cuộc kiểm tra: Trùng lịch họp tỉnh'],
      [
        'inspection.checklistRecorded',
        'Kết quả mục “Niêm yết công khai thủ tục hành chính”: Không đạt: Thiếu 3 thủ tục',
      ],
      ['inspection.started', 'Bắt đầu kiểm tra'],
      ['inspection.scheduled', `Đổi ngày kiểm tra từ ${dmy(first)} sang ${dmy(second)}`],
      ['inspection.planned', `Lên kế hoạch kiểm tra Xã Phương Định, ngày ${dmy(first)}`],
    ]);
  });
});

describe('working days, lists and the overview', () => {
  it('workingDaysLeft counts by the holiday calendar; a holiday before the due date takes one day off', async () => {
    const { corrective } = await closedInspection([
      {
        severity: 'CRITICAL',
        description: 'Trả kết quả quá hạn không có văn bản xin lỗi',
        requiresCorrection: true,
      },
    ]);
    const id = corrective[0]!.correctiveActionId;
    const due = corrective[0]!.dueDate;
    const before = await api.gql(ACTION, { id }, { cookie: head });
    const left = (await calendar()).workingDaysBetween(today(), due);
    expect(before.data?.correctiveAction).toMatchObject({ workingDaysLeft: left, overdue: false });

    // A holiday on the next working day, before the due date.
    const holiday = (await calendar()).addWorkingDays(today(), 1);
    expect(holiday < due).toBe(true);
    await api.db.prisma.holiday.create({
      data: { date: new Date(`${holiday}T00:00:00Z`), nameVi: 'Ngày nghỉ bù', nameEn: 'Day off in lieu' },
    });
    try {
      const after = await api.gql(ACTION, { id }, { cookie: head });
      expect(after.data?.correctiveAction).toMatchObject({ workingDaysLeft: left - 1 });
      expect((await calendar()).workingDaysBetween(today(), due)).toBe(left - 1);
    } finally {
      await api.db.prisma.holiday.delete({ where: { date: new Date(`${holiday}T00:00:00Z`) } });
    }

    // Moved into the past (by hand, as days pass): overdue, negative working days.
    const past = (await calendar()).addWorkingDays(today(), -3);
    await api.db.prisma.correctiveAction.update({
      where: { id },
      data: { dueDate: new Date(`${past}T00:00:00Z`) },
    });
    const overdue = await api.gql(ACTION, { id }, { cookie: head });
    expect(overdue.data?.correctiveAction).toMatchObject({
      overdue: true,
      workingDaysLeft: (await calendar()).workingDaysBetween(today(), past),
    });
    expect((overdue.data?.correctiveAction as Row).workingDaysLeft as number).toBeLessThan(0);

    // The lists: the unit's own, the late ones, the inspector's queue.
    const LIST = `query($filter: CorrectiveFilter) {
      correctiveActions(filter: $filter, first: 50) { totalCount edges { node { id status overdue } } } }`;
    const late = await api.gql(LIST, { filter: { overdue: true } }, { cookie: steering });
    expect(late.errors).toBeUndefined();
    const lateIds = (late.data?.correctiveActions as { edges: { node: { id: string } }[] }).edges.map(
      (edge) => edge.node.id,
    );
    expect(lateIds).toContain(id);
    expect(late.data?.correctiveActions).toMatchObject({ totalCount: lateIds.length });
    const foreign = await api.gql(LIST, {}, { cookie: otherHead });
    expect(foreign.data?.correctiveActions).toMatchObject({ totalCount: 0, edges: [] });
    const open = await api.gql(
      LIST,
      { filter: { status: ['OPEN'], unitId: api.fixtures.units.commune.id } },
      {
        cookie: head,
      },
    );
    expect(
      (open.data?.correctiveActions as { edges: { node: { id: string; status: string } }[] }).edges.every(
        (edge) => edge.node.status === 'OPEN',
      ),
    ).toBe(true);

    // Submitted: it waits for its inspectors, and only theirs.
    await api.gql(
      SUBMIT,
      { input: { correctiveActionId: id, remedy: 'Đã gửi văn bản xin lỗi' } },
      { cookie: head },
    );
    const waiting = await api.gql(LIST, { filter: { waitingForMe: true } }, { cookie: inspector });
    expect(waiting.data?.correctiveActions).toMatchObject({
      totalCount: 1,
      edges: [{ node: { id, status: 'SUBMITTED', overdue: true } }],
    });
    const notMine = await api.gql(LIST, { filter: { waitingForMe: true } }, { cookie: steering });
    expect(notMine.data?.correctiveActions).toMatchObject({ totalCount: 0 });

    // The overview: the commune, with this late action counted; not for the unit's people.
    const OVERVIEW = `query($unitId: ID) { findingsOverview(unitId: $unitId) {
      unit { id name } openFindings openCorrectiveActions lateCorrectiveActions } }`;
    const overview = await api.gql(OVERVIEW, {}, { cookie: steering });
    expect(overview.errors).toBeUndefined();
    const rows = overview.data?.findingsOverview as unknown as {
      unit: { id: string };
      openFindings: number;
      openCorrectiveActions: number;
      lateCorrectiveActions: number;
    }[];
    const commune = rows.find((row) => row.unit.id === api.fixtures.units.commune.id);
    const openActions = await api.db.prisma.correctiveAction.count({
      where: {
        responsibleUnitId: api.fixtures.units.commune.id,
        status: { in: ['OPEN', 'SUBMITTED', 'REJECTED'] },
      },
    });
    expect(commune).toMatchObject({
      openCorrectiveActions: openActions,
      openFindings: openActions,
      lateCorrectiveActions: 1,
    });
    const outside = await api.gql(OVERVIEW, {}, { cookie: otherSteering });
    expect(outside.data?.findingsOverview).toEqual([]);
    const byHead = await api.gql(OVERVIEW, {}, { cookie: head });
    expect(byHead.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    await cancel(id);
  });
});

describe('SQL statements', () => {
  it('the list of actions with their rounds, buttons, inspection and timeline: as many statements with 2 more', async () => {
    // A client of its own whose statements are counted (reads only: Temporal is never asked).
    let statements = 0;
    const pool = new pg.Pool({ connectionString: api.db.url, max: 3 });
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        statements += 1;
        return query(...args);
      };
    });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    const reader = createApi({
      prisma,
      commands: temporalCommands(lazyTemporalClient({ address: '127.0.0.1:1', namespace: 'default' })),
      production: true,
    });
    const login = await reader.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { __typename } }`,
        variables: { e: api.fixtures.users.steering.email, p: api.fixtures.password },
      }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const measure = async () => {
      const before = statements;
      const response = await reader.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({
          query: `{ correctiveActions(first: 50) { totalCount edges { node { ${ACTION_FIELDS}
            timeline(first: 20) { totalCount edges { node { at action summary actor { id name } } } }
          } } } }`,
        }),
      });
      const body = (await response.json()) as {
        errors?: unknown;
        data: { correctiveActions: { edges: unknown[] } };
      };
      expect(body.errors).toBeUndefined();
      return { count: statements - before, actions: body.data.correctiveActions.edges.length };
    };
    const started: string[] = [];
    try {
      const first = await closedInspection([
        { severity: 'MINOR', description: 'Thiếu sổ theo dõi hồ sơ', requiresCorrection: true },
      ]);
      started.push(...first.corrective.map((action) => action.correctiveActionId));
      const small = await measure();
      const more = await closedInspection([
        { severity: 'MAJOR', description: 'Chưa số hoá kết quả', requiresCorrection: true },
        { severity: 'MINOR', description: 'Thiếu hòm thư góp ý', requiresCorrection: true },
      ]);
      started.push(...more.corrective.map((action) => action.correctiveActionId));
      const large = await measure();
      expect(small.actions).toBeGreaterThanOrEqual(1);
      expect(large.actions).toBe(small.actions + 2);
      console.log(
        `SQL statements for corrective actions with timelines (${small.actions} vs ${large.actions}):`,
        small.count,
        large.count,
      );
      expect(large.count).toBe(small.count);
    } finally {
      await prisma.$disconnect();
      await pool.end();
      for (const id of started) await cancel(id);
    }
  }, 120_000);
});
