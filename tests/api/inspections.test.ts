// The inspection API against real PostgreSQL and the real Temporal test server: every command's
// success, a request sent twice recorded once, a re-sent finding recognised, bad input answered
// with a typed error naming the field (in Vietnamese and English), and a hidden surprise
// inspection answering exactly as an inspection that does not exist.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkingCalendar, addDays, dayOfWeek, vietnamDate } from '../../workflows/src/calendar.ts';
import { createApiHarness } from '../helpers/api.ts';
import { createInspectionFixtures } from '../helpers/fixtures.ts';

let api: Awaited<ReturnType<typeof createApiHarness>>;
let people: Awaited<ReturnType<typeof createInspectionFixtures>>;
let calendar: WorkingCalendar;
let today: string;
/** A working day at least two working days ahead: inspections planned on it wait for a start. */
let day: string;
let cookies: Record<'steering' | 'inspector' | 'inspector2' | 'head' | 'staff' | 'outsider', string>;

beforeAll(async () => {
  api = await createApiHarness();
  people = await createInspectionFixtures(api.db.prisma, api.fixtures);
  const holidays = await api.db.prisma.holiday.findMany({ select: { date: true } });
  calendar = new WorkingCalendar(holidays.map((row) => row.date.toISOString().slice(0, 10)));
  today = vietnamDate(Date.now());
  day = calendar.addWorkingDays(today, 2);
  const [steering, inspector, inspector2, head, staff, outsider] = await Promise.all([
    api.login(api.fixtures.users.steering.email),
    api.login(people.inspector.email),
    api.login(people.inspector2.email),
    api.login(api.fixtures.users.head.email),
    api.login(people.staff.email),
    api.login(people.outsider.email),
  ]);
  cookies = { steering, inspector, inspector2, head, staff, outsider };
});
afterAll(() => api?.close());

const INSPECTION = `
  id kind status title scheduledOn windowStart windowEnd startedAt closedAt summary cancelReason minutesUrl
  targetUnit { id }
  inspectors { userId name lead }
  checklist { id sortOrder text result note evidence { id } }
  findings { id severity description requiresCorrection checklistItem { id } recordedByName evidence { id }
             correctiveAction { id } }
  correctiveActions { id }
  evidence { id }
  viewerCan { reschedule start record close cancel }`;

const RESULT = `
  __typename
  ... on Inspection { ${INSPECTION} }
  ... on Error { message }
  ... on InvalidInputError { issues { field message } }
  ... on NotFoundError { field }
  ... on CommandRejectedError { reason }`;

const mutation = (name: string, inputType: string) =>
  `mutation($input: ${inputType}!) { ${name}(input: $input) { ${RESULT} } }`;

const PLAN = mutation('planInspection', 'PlanInspectionInput');
const RESCHEDULE = mutation('rescheduleInspection', 'RescheduleInspectionInput');
const CANCEL = mutation('cancelInspection', 'CancelInspectionInput');
const START = mutation('startInspection', 'StartInspectionInput');
const CHECK = `mutation($input: RecordChecklistResultInput!) { recordChecklistResult(input: $input) {
  ${RESULT}
  ... on ChecklistItemChangedError { currentResult currentNote recordedByName recordedAt } } }`;
const FINDING = mutation('recordFinding', 'RecordFindingInput');
const CLOSE = mutation('closeInspection', 'CloseInspectionInput');

type Result = Record<string, unknown> & {
  __typename: string;
  id?: string;
  status?: string;
  issues?: { field: string; message: string }[];
};

/** The language chosen in the web app (its cookie) wins over the account's. */
const withLocale = (cookie: string, locale: string) => (locale === 'vi' ? `${cookie}; rt_locale=vi` : cookie);

async function send(
  document: string,
  input: Record<string, unknown>,
  cookie: string,
  locale = 'en',
): Promise<Result> {
  const response = await api.gql<Record<string, Result>>(
    document,
    { input },
    { cookie: withLocale(cookie, locale) },
  );
  expect(response.errors).toBeUndefined();
  return Object.values(response.data ?? {})[0]!;
}

const audits = (entityId: string, action: string) =>
  api.db.prisma.auditEvent.count({ where: { entityId, action } });

const planInput = (overrides: Record<string, unknown> = {}) => ({
  requestId: randomUUID(),
  kind: 'ANNOUNCED',
  targetUnitId: api.fixtures.units.commune.id,
  title: 'Kiểm tra bộ phận một cửa',
  scheduledOn: day,
  inspectorIds: [people.inspector.id, people.inspector2.id],
  leadInspectorId: people.inspector.id,
  checklist: ['Niêm yết thủ tục hành chính', 'Sổ theo dõi hồ sơ'],
  ...overrides,
});

async function planned(overrides: Record<string, unknown> = {}): Promise<Result> {
  const result = await send(PLAN, planInput(overrides), cookies.steering);
  expect(result.__typename).toBe('Inspection');
  return result;
}

async function started(): Promise<Result> {
  const inspection = await planned();
  const result = await send(START, { inspectionId: inspection.id }, cookies.inspector);
  expect(result).toMatchObject({ __typename: 'Inspection', status: 'IN_PROGRESS' });
  return result;
}

/** An upload row as POST /evidence writes it, for the inspection, by `userId`. */
const upload = (inspectionId: string, userId: string, mimeType: string) =>
  api.db.prisma.evidence.create({
    data: {
      sha256: randomUUID().replace(/-/g, ''),
      fileName: mimeType === 'application/pdf' ? 'bien-ban.pdf' : 'anh.jpg',
      mimeType,
      sizeBytes: 1234,
      uploadedById: userId,
      inspectionId,
    },
  });

const nextWeekday = (from: string, weekday: number): string => {
  let date = addDays(from, 1);
  while (dayOfWeek(date) !== weekday) date = addDays(date, 1);
  return date;
};

describe('checklist templates and inspector candidates', () => {
  it('a template is saved by the committee and listed for planners, not for unit heads', async () => {
    const created = await api.gql<{ createChecklistTemplate: Record<string, unknown> }>(
      `mutation($input: CreateChecklistTemplateInput!) {
        createChecklistTemplate(input: $input) {
          __typename ... on ChecklistTemplate { id topic name items } ... on InvalidInputError { issues { field message } }
        }
      }`,
      {
        input: {
          topic: 'one-stop-office',
          name: 'Bộ phận một cửa',
          items: [' Niêm yết công khai ', 'Thái độ phục vụ'],
        },
      },
      { cookie: cookies.inspector },
    );
    expect(created.data?.createChecklistTemplate).toMatchObject({
      __typename: 'ChecklistTemplate',
      topic: 'one-stop-office',
      items: ['Niêm yết công khai', 'Thái độ phục vụ'],
    });
    const empty = await api.gql<{ createChecklistTemplate: Record<string, unknown> }>(
      `mutation($input: CreateChecklistTemplateInput!) {
        createChecklistTemplate(input: $input) { __typename ... on InvalidInputError { issues { field message } } }
      }`,
      { input: { topic: 'x', name: 'Trống', items: [] } },
      { cookie: cookies.steering },
    );
    expect(empty.data?.createChecklistTemplate).toEqual({
      __typename: 'InvalidInputError',
      issues: [
        { field: 'items', message: 'The checklist needs at least one item: choose a template or add items.' },
      ],
    });
    const listed = await api.gql<{ checklistTemplates: { name: string }[] }>(
      '{ checklistTemplates { id name items } }',
      {},
      { cookie: cookies.steering },
    );
    expect(listed.data?.checklistTemplates.map((template) => template.name)).toEqual(['Bộ phận một cửa']);
    const refused = await api.gql('{ checklistTemplates { id } }', {}, { cookie: cookies.head });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('candidates are the inspectors and committee above the target, not its own people or outsiders', async () => {
    const response = await api.gql<{ inspectorCandidates: { id: string; unitName: string }[] }>(
      'query($id: ID!) { inspectorCandidates(targetUnitId: $id) { id name unitName } }',
      { id: api.fixtures.units.commune.id },
      { cookie: cookies.steering },
    );
    const ids = response.data?.inspectorCandidates.map((candidate) => candidate.id);
    expect(new Set(ids)).toEqual(
      new Set([people.inspector.id, people.inspector2.id, api.fixtures.users.steering.id]),
    );
    expect(response.data?.inspectorCandidates[0]?.unitName).toBe('Huyện Trực Ninh');
    // A unit the viewer does not oversee has none.
    const outside = await api.gql<{ inspectorCandidates: unknown[] }>(
      'query($id: ID!) { inspectorCandidates(targetUnitId: $id) { id } }',
      { id: api.fixtures.units.otherCommune.id },
      { cookie: cookies.steering },
    );
    expect(outside.data?.inspectorCandidates).toEqual([]);
  });
});

describe('planInspection', () => {
  it('plans an announced inspection with a template’s items then the ad hoc ones; sent twice = one', async () => {
    const template = await api.db.prisma.checklistTemplate.create({
      data: {
        topic: 'records',
        name: 'Hồ sơ',
        items: ['Mẫu 1', 'Mẫu 2'],
        createdById: api.fixtures.users.steering.id,
      },
    });
    const input = planInput({ templateId: template.id, checklist: ['Thêm 1'] });
    const [first, second] = await Promise.all([
      send(PLAN, input, cookies.steering),
      send(PLAN, input, cookies.steering),
    ]);
    const third = await send(PLAN, input, cookies.steering);
    for (const result of [first, second, third]) {
      expect(result).toMatchObject({ __typename: 'Inspection', id: input.requestId });
    }
    expect(first).toMatchObject({
      kind: 'ANNOUNCED',
      status: 'PLANNED',
      scheduledOn: day,
      windowStart: day,
      windowEnd: day,
      minutesUrl: `/inspections/${input.requestId}/minutes.pdf`,
      inspectors: [
        { userId: people.inspector.id, name: 'Ngô Văn Thanh Tra', lead: true },
        { userId: people.inspector2.id, name: 'Hoàng Thị Kiểm', lead: false },
      ],
      viewerCan: { reschedule: false, start: false, record: false, close: false, cancel: true },
    });
    expect((first.checklist as { text: string }[]).map((item) => item.text)).toEqual([
      'Mẫu 1',
      'Mẫu 2',
      'Thêm 1',
    ]);
    expect(await api.db.prisma.inspection.count({ where: { id: input.requestId } })).toBe(1);
    expect(
      await api.db.prisma.inspection.findUniqueOrThrow({ where: { id: input.requestId } }),
    ).toMatchObject({ templateId: template.id });
    expect(await audits(input.requestId, 'inspection.planned')).toBe(1);

    // The same ID for something else is refused, naming the field.
    const reused = await send(PLAN, { ...input, title: 'Khác' }, cookies.steering);
    expect(reused).toMatchObject({ __typename: 'InvalidInputError', issues: [{ field: 'requestId' }] });

    // Its inspectors see their buttons; the unit head sees it, without buttons.
    const asInspector = await api.gql<{ inspection: Result }>(
      `query($id: ID!) { inspection(id: $id) { ${INSPECTION} } }`,
      { id: input.requestId },
      { cookie: cookies.inspector },
    );
    expect(asInspector.data?.inspection.viewerCan).toEqual({
      reschedule: true,
      start: true,
      record: false,
      close: false,
      cancel: true,
    });
    const asHead = await api.gql<{ inspection: Result }>(
      'query($id: ID!) { inspection(id: $id) { id viewerCan { reschedule start record close cancel } } }',
      { id: input.requestId },
      { cookie: cookies.head },
    );
    expect(asHead.data?.inspection.viewerCan).toEqual({
      reschedule: false,
      start: false,
      record: false,
      close: false,
      cancel: false,
    });
  });

  it('refuses bad input with the field to fix, in English and Vietnamese', async () => {
    const yesterday = addDays(today, -1);
    const saturday = nextWeekday(addDays(today, 1), 6);
    const cases: [Record<string, unknown>, string, string, string][] = [
      [
        { scheduledOn: yesterday },
        'scheduledOn',
        'The inspection day cannot be in the past: choose today or a later day.',
        'Ngày kiểm tra không được ở trong quá khứ: hãy chọn hôm nay hoặc một ngày sau.',
      ],
      [
        { scheduledOn: saturday },
        'scheduledOn',
        'This day is not a working day (a weekend or a public holiday): choose a working day.',
        'Ngày này không phải ngày làm việc (cuối tuần hoặc ngày nghỉ lễ): hãy chọn một ngày làm việc.',
      ],
      [
        { kind: 'SURPRISE', scheduledOn: null, windowStart: yesterday, windowEnd: addDays(today, 30) },
        'windowStart',
        'The window cannot start in the past: start it today or later.',
        'Khoảng thời gian kiểm tra không được bắt đầu trong quá khứ: hãy chọn từ hôm nay trở đi.',
      ],
      [
        { kind: 'SURPRISE', scheduledOn: null, windowStart: saturday, windowEnd: addDays(saturday, 1) },
        'windowEnd',
        'The window must hold at least one working day (whose 08:00 start is still ahead).',
        'Khoảng thời gian phải có ít nhất một ngày làm việc (chưa qua 8 giờ sáng).',
      ],
      [
        { kind: 'SURPRISE', scheduledOn: null, windowStart: addDays(day, 5), windowEnd: day },
        'windowEnd',
        'The window cannot end before it starts.',
        'Ngày kết thúc khoảng thời gian không được trước ngày bắt đầu.',
      ],
      [
        { inspectorIds: [people.inspector.id, api.fixtures.users.head.id] },
        'inspectorIds',
        'Each inspector must be an inspector or a steering committee member whose remit covers the inspected unit.',
        'Mỗi người kiểm tra phải là thanh tra viên hoặc thành viên Ban Chỉ đạo có thẩm quyền với đơn vị được kiểm tra.',
      ],
      [
        { inspectorIds: [people.outsider.id], leadInspectorId: null },
        'inspectorIds',
        'Each inspector must be an inspector or a steering committee member whose remit covers the inspected unit.',
        'Mỗi người kiểm tra phải là thanh tra viên hoặc thành viên Ban Chỉ đạo có thẩm quyền với đơn vị được kiểm tra.',
      ],
      [
        { leadInspectorId: api.fixtures.users.steering.id },
        'leadInspectorId',
        'The lead inspector must be one of the chosen inspectors.',
        'Trưởng đoàn phải là một trong những người kiểm tra đã chọn.',
      ],
      [
        { checklist: [] },
        'checklist',
        'The checklist needs at least one item: choose a template or add items.',
        'Danh mục kiểm tra cần ít nhất một mục: hãy chọn một mẫu hoặc thêm mục.',
      ],
    ];
    for (const [overrides, field, english, vietnamese] of cases) {
      const input = planInput(overrides);
      expect(await send(PLAN, input, cookies.steering)).toEqual({
        __typename: 'InvalidInputError',
        message: english,
        issues: [{ field, message: english }],
      });
      expect(await send(PLAN, input, cookies.steering, 'vi')).toMatchObject({
        issues: [{ field, message: vietnamese }],
      });
      expect(await api.db.prisma.inspection.count({ where: { id: input.requestId } })).toBe(0);
    }
  });

  it('nobody inspects their own unit, except in a SELF inspection', async () => {
    const own = await api.db.prisma.user.create({
      data: {
        email: 'communeinspector@test.demo',
        name: 'Lý Thị Nội Bộ',
        passwordHash: 'x',
        roles: { create: { role: 'INSPECTOR', unitId: api.fixtures.units.commune.id } },
      },
    });
    const refused = await send(
      PLAN,
      planInput({ inspectorIds: [own.id], leadInspectorId: null }),
      cookies.steering,
    );
    expect(refused).toEqual({
      __typename: 'InvalidInputError',
      message: 'An inspector cannot belong to the unit being inspected.',
      issues: [{ field: 'inspectorIds', message: 'An inspector cannot belong to the unit being inspected.' }],
    });
    const self = await send(
      PLAN,
      planInput({ kind: 'SELF', inspectorIds: [own.id], leadInspectorId: null }),
      cookies.steering,
    );
    expect(self).toMatchObject({
      __typename: 'Inspection',
      kind: 'SELF',
      inspectors: [{ userId: own.id, lead: true }],
    });
  });

  it('an unknown target and one not strictly below the planner are not found; unit heads are forbidden', async () => {
    for (const targetUnitId of [
      randomUUID(),
      api.fixtures.units.district.id,
      api.fixtures.units.otherCommune.id,
    ]) {
      expect(await send(PLAN, planInput({ targetUnitId }), cookies.steering)).toEqual({
        __typename: 'NotFoundError',
        message: 'There is no such unit.',
        field: 'targetUnitId',
      });
    }
    const response = await api.gql(PLAN, { input: planInput() }, { cookie: cookies.head });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a surprise inspection picks a working day inside its window', async () => {
    const windowEnd = calendar.addWorkingDays(day, 10);
    const result = await planned({ kind: 'SURPRISE', scheduledOn: null, windowStart: day, windowEnd });
    expect(result).toMatchObject({ kind: 'SURPRISE', status: 'PLANNED', windowStart: day, windowEnd });
    const picked = result.scheduledOn as string;
    expect(picked >= day && picked <= windowEnd && calendar.isWorkingDay(picked)).toBe(true);
  });
});

describe('a hidden surprise inspection answers as one that does not exist', () => {
  it('for the target unit’s people: the same error JSON by every command, null by query, absent from lists', async () => {
    const surprise = await planned({
      kind: 'SURPRISE',
      scheduledOn: null,
      windowStart: day,
      windowEnd: calendar.addWorkingDays(day, 20),
      title: 'Kiểm tra đột xuất xã Phương Định',
    });
    const unknown = randomUUID();
    const commands: [string, Record<string, unknown>][] = [
      [START, {}],
      [RESCHEDULE, { date: day }],
      [CANCEL, { reason: 'Thử' }],
      [CLOSE, { summary: 'Thử' }],
      [FINDING, { severity: 'MINOR', description: 'Thử', requiresCorrection: false }],
      [CHECK, { checklistItemId: randomUUID(), result: 'PASS' }],
    ];
    for (const cookie of [cookies.head, cookies.staff]) {
      for (const [document, rest] of commands) {
        for (const locale of ['en', 'vi']) {
          const hidden = await api.gql(
            document,
            { input: { inspectionId: surprise.id, ...rest } },
            { cookie: withLocale(cookie, locale) },
          );
          const missing = await api.gql(
            document,
            { input: { inspectionId: unknown, ...rest } },
            { cookie: withLocale(cookie, locale) },
          );
          expect(JSON.stringify(hidden.data)).toBe(JSON.stringify(missing.data));
          expect(Object.values(hidden.data ?? {})[0]).toMatchObject({
            __typename: 'NotFoundError',
            field: 'inspectionId',
            message: locale === 'en' ? 'There is no such inspection.' : 'Không tìm thấy cuộc kiểm tra này.',
          });
        }
      }
      const byId = await api.gql<{ inspection: unknown }>(
        'query($id: ID!) { inspection(id: $id) { id } }',
        { id: surprise.id },
        { cookie },
      );
      expect(byId.data).toEqual({ inspection: null });
      const list = await api.gql<{ inspections: { totalCount: number; edges: { node: { id: string } }[] } }>(
        '{ inspections(filter: { bucket: UPCOMING }) { totalCount edges { node { id } } } }',
        {},
        { cookie },
      );
      expect(list.data?.inspections.edges.map((edge) => edge.node.id)).not.toContain(surprise.id);
    }
    // The committee above sees it.
    const committee = await api.gql<{ inspection: { id: string } | null }>(
      'query($id: ID!) { inspection(id: $id) { id } }',
      { id: surprise.id },
      { cookie: cookies.steering },
    );
    expect(committee.data?.inspection?.id).toBe(surprise.id);
  });
});

describe('running an inspection', () => {
  it('start, checklist results with photos, findings, close: each request sent twice is recorded once', async () => {
    const inspection = await planned();
    const inspectionId = inspection.id!;
    const startInput = { requestId: randomUUID(), inspectionId };
    const [a, b] = await Promise.all([
      send(START, startInput, cookies.inspector),
      send(START, startInput, cookies.inspector),
    ]);
    expect([a.status, b.status]).toEqual(['IN_PROGRESS', 'IN_PROGRESS']);
    expect(await audits(inspectionId, 'inspection.started')).toBe(1);
    // Starting again under another request: the workflow's status rule.
    expect(await send(START, { inspectionId }, cookies.inspector)).toMatchObject({
      __typename: 'CommandRejectedError',
      reason: 'InspectionWrongStatus',
    });

    const [first, second] = a.checklist as { id: string }[];
    const photo = await upload(inspectionId, people.inspector.id, 'image/jpeg');
    const checkInput = {
      requestId: randomUUID(),
      inspectionId,
      checklistItemId: first!.id,
      result: 'FAIL',
      note: 'Chưa niêm yết',
      evidenceIds: [photo.id],
    };
    const checked = await send(CHECK, checkInput, cookies.inspector);
    expect(await send(CHECK, checkInput, cookies.inspector)).toEqual(checked);
    expect((checked.checklist as unknown[])[0]).toEqual({
      id: first!.id,
      sortOrder: 1,
      text: 'Niêm yết thủ tục hành chính',
      result: 'FAIL',
      note: 'Chưa niêm yết',
      evidence: [{ id: photo.id }],
    });
    expect(await audits(inspectionId, 'inspection.checklistRecorded')).toBe(1);

    // A PDF is not a photo; someone else's upload is not the viewer's to attach.
    const pdf = await upload(inspectionId, people.inspector.id, 'application/pdf');
    const notPhoto = { inspectionId, checklistItemId: second!.id, result: 'PASS', evidenceIds: [pdf.id] };
    expect(await send(CHECK, notPhoto, cookies.inspector)).toEqual({
      __typename: 'InvalidInputError',
      message: 'Only photos can be attached to a checklist item: one of the files is not a photo.',
      issues: [
        {
          field: 'evidenceIds',
          message: 'Only photos can be attached to a checklist item: one of the files is not a photo.',
        },
      ],
    });
    expect(await send(CHECK, notPhoto, cookies.inspector, 'vi')).toMatchObject({
      issues: [
        {
          field: 'evidenceIds',
          message: 'Chỉ đính kèm được ảnh chụp cho mục kiểm tra: có tệp không phải là ảnh.',
        },
      ],
    });
    const othersPhoto = await upload(inspectionId, people.inspector2.id, 'image/png');
    expect(
      await send(CHECK, { ...notPhoto, evidenceIds: [othersPhoto.id] }, cookies.inspector),
    ).toMatchObject({ __typename: 'InvalidInputError', issues: [{ field: 'evidenceIds' }] });
    expect(await api.db.prisma.evidence.findUniqueOrThrow({ where: { id: pdf.id } })).toMatchObject({
      checklistItemId: null,
    });
    // The viewer's own unattached uploads are listed on the inspection (the PDF, not the attached photo).
    const own = await api.gql<{ inspection: { evidence: { id: string }[] } }>(
      'query($id: ID!) { inspection(id: $id) { evidence { id } } }',
      { id: inspectionId },
      { cookie: cookies.inspector },
    );
    expect(own.data?.inspection.evidence).toEqual([{ id: pdf.id }]);

    // A finding with the client's ID: sent again under another request ID it is recognised.
    const findingId = randomUUID();
    const findingInput = {
      requestId: randomUUID(),
      findingId,
      inspectionId,
      severity: 'MAJOR',
      description: 'Không niêm yết thủ tục',
      checklistItemId: first!.id,
      requiresCorrection: true,
      evidenceIds: [pdf.id],
    };
    const found = await send(FINDING, findingInput, cookies.inspector);
    expect(found.findings).toEqual([
      {
        id: findingId,
        severity: 'MAJOR',
        description: 'Không niêm yết thủ tục',
        requiresCorrection: true,
        checklistItem: { id: first!.id },
        recordedByName: 'Ngô Văn Thanh Tra',
        evidence: [{ id: pdf.id }],
        correctiveAction: null,
      },
    ]);
    const again = await send(FINDING, { ...findingInput, requestId: randomUUID() }, cookies.inspector);
    expect(again.findings).toEqual(found.findings);
    expect(await send(FINDING, findingInput, cookies.inspector)).toEqual(found);
    expect(await api.db.prisma.finding.count({ where: { inspectionId } })).toBe(1);
    expect(await audits(inspectionId, 'inspection.findingRecorded')).toBe(1);

    // An observation never requires correction.
    expect(
      await send(
        FINDING,
        { inspectionId, severity: 'OBSERVATION', description: 'Ghi nhận', requiresCorrection: true },
        cookies.inspector2,
      ),
    ).toEqual({
      __typename: 'InvalidInputError',
      message: 'An observation never requires correction.',
      issues: [{ field: 'requiresCorrection', message: 'An observation never requires correction.' }],
    });
    const observed = await send(
      FINDING,
      { inspectionId, severity: 'OBSERVATION', description: 'Ghi nhận', requiresCorrection: false },
      cookies.inspector2,
    );
    expect((observed.findings as { severity: string }[]).map((finding) => finding.severity)).toEqual([
      'MAJOR',
      'OBSERVATION',
    ]);
    // Only its inspectors record: the committee sees it but is told so.
    expect(
      await send(
        FINDING,
        { inspectionId, severity: 'MINOR', description: 'x', requiresCorrection: false },
        cookies.steering,
      ),
    ).toEqual({
      __typename: 'CommandRejectedError',
      message: 'Only the inspectors assigned to this inspection can do this.',
      reason: 'InspectionNotAnInspector',
    });

    // Closing needs the conclusion; then it is CLOSED with one corrective action.
    expect(await send(CLOSE, { inspectionId, summary: '  ' }, cookies.inspector)).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: 'summary' }],
    });
    const closeInput = { requestId: randomUUID(), inspectionId, summary: 'Đơn vị cần khắc phục niêm yết.' };
    const closed = await send(CLOSE, closeInput, cookies.inspector);
    expect(await send(CLOSE, closeInput, cookies.inspector)).toMatchObject({ status: 'CLOSED' });
    expect(closed).toMatchObject({
      status: 'CLOSED',
      summary: 'Đơn vị cần khắc phục niêm yết.',
      viewerCan: { reschedule: false, start: false, record: false, close: false, cancel: false },
    });
    expect(closed.closedAt).toEqual(expect.any(String));
    expect(closed.correctiveActions).toHaveLength(1);
    expect((closed.findings as { correctiveAction: unknown }[])[0]?.correctiveAction).toEqual(
      (closed.correctiveActions as unknown[])[0],
    );
    expect(await audits(inspectionId, 'inspection.closed')).toBe(1);

    // A new finding on a CLOSED inspection is refused; the one recorded before is still recognised.
    const late = { inspectionId, severity: 'MINOR', description: 'Muộn', requiresCorrection: false };
    expect(await send(FINDING, late, cookies.inspector)).toEqual({
      __typename: 'CommandRejectedError',
      message:
        'The inspection is in a status that does not allow this (not started yet, closed or cancelled).',
      reason: 'InspectionWrongStatus',
    });
    expect(await send(FINDING, late, cookies.inspector, 'vi')).toMatchObject({
      message:
        'Cuộc kiểm tra đang ở trạng thái không cho phép thao tác này (chưa bắt đầu, đã kết thúc hoặc đã huỷ).',
    });
    expect(
      await send(FINDING, { ...findingInput, requestId: randomUUID() }, cookies.inspector),
    ).toMatchObject({
      __typename: 'Inspection',
      status: 'CLOSED',
    });
    expect(await api.db.prisma.finding.count({ where: { inspectionId } })).toBe(2);

    // The closed list shows it.
    const list = await api.gql<{ inspections: { edges: { node: { id: string } }[] } }>(
      '{ inspections(filter: { bucket: CLOSED, mine: true }) { totalCount edges { node { id } } } }',
      {},
      { cookie: cookies.inspector },
    );
    expect(list.data?.inspections.edges.map((edge) => edge.node.id)).toContain(inspectionId);
  });

  it('the same finding sent at once under four request IDs (devices’ queues) is recorded once', async () => {
    const inspection = await started();
    const findingId = randomUUID();
    const input = {
      findingId,
      inspectionId: inspection.id,
      severity: 'CRITICAL',
      description: 'Mất hồ sơ',
      requiresCorrection: true,
    };
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => send(FINDING, { ...input, requestId: randomUUID() }, cookies.inspector)),
    );
    for (const result of results) {
      expect(result.findings).toMatchObject([{ id: findingId, severity: 'CRITICAL' }]);
    }
    expect(await api.db.prisma.finding.count({ where: { inspectionId: inspection.id } })).toBe(1);
    expect(await audits(inspection.id!, 'inspection.findingRecorded')).toBe(1);
    // The ID of a finding of another inspection is not taken over.
    const other = await started();
    expect(
      await send(FINDING, { ...input, inspectionId: other.id, requestId: randomUUID() }, cookies.inspector),
    ).toMatchObject({ __typename: 'InvalidInputError', issues: [{ field: 'findingId' }] });
  });

  it('a checklist item of another inspection is not found', async () => {
    const inspection = await started();
    const other = await planned();
    const itemOfOther = (other.checklist as { id: string }[])[0]!.id;
    expect(
      await send(
        CHECK,
        { inspectionId: inspection.id, checklistItemId: itemOfOther, result: 'PASS' },
        cookies.inspector,
      ),
    ).toEqual({
      __typename: 'NotFoundError',
      message: 'This inspection has no such checklist item: choose one from its checklist.',
      field: 'checklistItemId',
    });
  });
});

describe('offline conflicts: a checklist result carries the value it was made on', () => {
  it('a change made on an item another inspector recorded since is refused with their value (vi and en); made on their value it is applied once', async () => {
    const inspection = await started();
    const inspectionId = inspection.id!;
    const [first] = inspection.checklist as { id: string; result: null; note: null }[];
    // Inspector 1 opened the page while the item was empty; inspector 2 records PASS meanwhile.
    const theirs = {
      requestId: randomUUID(),
      inspectionId,
      checklistItemId: first!.id,
      result: 'PASS',
      note: 'Đã niêm yết đầy đủ',
      base: { result: null, note: null },
    };
    expect(await send(CHECK, theirs, cookies.inspector2)).toMatchObject({ __typename: 'Inspection' });
    const recordedAt = (
      await api.db.prisma.auditEvent.findFirstOrThrow({
        where: { entityId: inspectionId, action: 'inspection.checklistRecorded' },
      })
    ).at;

    // Inspector 1's FAIL, made on the empty item, arrives later: refused, with what the item holds.
    const mine = {
      requestId: randomUUID(),
      inspectionId,
      checklistItemId: first!.id,
      result: 'FAIL',
      note: 'Chưa niêm yết',
      base: { result: null, note: null },
    };
    const refused = await send(CHECK, mine, cookies.inspector);
    const { message, ...fields } = refused;
    expect(message).toMatch(
      /^Since you opened the page, Hoàng Thị Kiểm recorded “Pass” with the note “Đã niêm yết đầy đủ” on this item at \d\d\/\d\d\/\d{4}, \d\d:\d\d\. Yours was not recorded: choose which to keep\.$/,
    );
    expect(fields).toEqual({
      __typename: 'ChecklistItemChangedError',
      currentResult: 'PASS',
      currentNote: 'Đã niêm yết đầy đủ',
      recordedByName: people.inspector2.name,
      recordedAt: recordedAt.toISOString(),
    });
    const vi = await send(CHECK, { ...mine, requestId: randomUUID() }, cookies.inspector, 'vi');
    expect(vi.message).toMatch(
      new RegExp(
        `^Sau khi bạn mở trang, ${people.inspector2.name} đã ghi mục này là “Đạt” với ghi chú “Đã niêm yết đầy đủ” lúc .+\\. Kết quả của bạn chưa được ghi: hãy chọn giữ kết quả nào\\.$`,
      ),
    );
    const item = () =>
      api.db.prisma.checklistItem.findUniqueOrThrow({
        where: { id: first!.id },
        select: { result: true, note: true },
      });
    expect(await item()).toEqual({ result: 'PASS', note: 'Đã niêm yết đầy đủ' });
    expect(await audits(inspectionId, 'inspection.checklistRecorded')).toBe(1);

    // "Keep mine": the same values as a new change, made on inspector 2's value: applied, once.
    const keep = { ...mine, requestId: randomUUID(), base: { result: 'PASS', note: 'Đã niêm yết đầy đủ' } };
    expect(await send(CHECK, keep, cookies.inspector)).toMatchObject({ __typename: 'Inspection' });
    expect(await send(CHECK, keep, cookies.inspector)).toMatchObject({ __typename: 'Inspection' });
    expect(await item()).toEqual({ result: 'FAIL', note: 'Chưa niêm yết' });
    expect(await audits(inspectionId, 'inspection.checklistRecorded')).toBe(2);
    // Inspector 2's queue sending its PASS again under a new request ID, still made on the
    // empty item: now a conflict the other way, and inspector 1's FAIL stays.
    expect(await send(CHECK, { ...theirs, requestId: randomUUID() }, cookies.inspector2)).toMatchObject({
      __typename: 'ChecklistItemChangedError',
      currentResult: 'FAIL',
      currentNote: 'Chưa niêm yết',
      recordedByName: people.inspector.name,
    });
    // Without a base (a client that does not send one): applied as before.
    const { base: _base, ...withoutBase } = theirs;
    expect(await send(CHECK, { ...withoutBase, requestId: randomUUID() }, cookies.inspector2)).toMatchObject({
      __typename: 'Inspection',
    });
    expect(await item()).toEqual({ result: 'PASS', note: 'Đã niêm yết đầy đủ' });
  });

  it('refuses a base with a result that does not exist or a note too long', async () => {
    const inspection = await started();
    const [first] = inspection.checklist as { id: string }[];
    const input = {
      inspectionId: inspection.id,
      checklistItemId: first!.id,
      result: 'PASS',
      base: { result: 'GOOD', note: null },
    };
    const response = await api.gql(CHECK, { input }, { cookie: cookies.inspector });
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0]?.message).toMatch(/GOOD/);
    expect(
      await send(
        CHECK,
        { ...input, base: { result: null, note: 'x'.repeat(5001) } },
        cookies.inspector,
        'vi',
      ),
    ).toEqual({
      __typename: 'InvalidInputError',
      message: 'Nội dung quá dài.',
      issues: [{ field: 'base.note', message: 'Nội dung quá dài.' }],
    });
    expect(
      await api.db.prisma.checklistItem.findUniqueOrThrow({
        where: { id: first!.id },
        select: { result: true },
      }),
    ).toEqual({ result: null });
  });
});

describe('rescheduling and cancelling', () => {
  it('an inspector moves the day (once per request); a weekend is refused', async () => {
    const inspection = await planned();
    const newDay = calendar.addWorkingDays(day, 3);
    const input = { requestId: randomUUID(), inspectionId: inspection.id, date: newDay };
    const moved = await send(RESCHEDULE, input, cookies.inspector2);
    expect(moved).toMatchObject({ __typename: 'Inspection', scheduledOn: newDay, status: 'PLANNED' });
    expect(await send(RESCHEDULE, input, cookies.inspector2)).toEqual(moved);
    expect(await audits(inspection.id!, 'inspection.scheduled')).toBe(1);

    const saturday = nextWeekday(day, 6);
    expect(
      await send(RESCHEDULE, { inspectionId: inspection.id, date: saturday }, cookies.inspector),
    ).toEqual({
      __typename: 'InvalidInputError',
      message: 'This day is not a working day (a weekend or a public holiday): choose a working day.',
      issues: [
        {
          field: 'date',
          message: 'This day is not a working day (a weekend or a public holiday): choose a working day.',
        },
      ],
    });
    // The committee is not one of its inspectors.
    expect(
      await send(RESCHEDULE, { inspectionId: inspection.id, date: day }, cookies.steering),
    ).toMatchObject({
      __typename: 'CommandRejectedError',
      reason: 'InspectionNotAnInspector',
    });
  });

  it('the committee cancels with a reason, stored; the unit head may not; a cancelled one takes no start', async () => {
    const inspection = await planned();
    expect(await send(CANCEL, { inspectionId: inspection.id, reason: 'Lý do' }, cookies.head)).toMatchObject({
      __typename: 'CommandRejectedError',
      reason: 'ActorNotAllowed',
    });
    expect(await send(CANCEL, { inspectionId: inspection.id, reason: ' ' }, cookies.steering)).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: 'reason' }],
    });
    const input = {
      requestId: randomUUID(),
      inspectionId: inspection.id,
      reason: 'Trùng lịch tiếp công dân',
    };
    const cancelled = await send(CANCEL, input, cookies.steering);
    expect(await send(CANCEL, input, cookies.steering)).toEqual(cancelled);
    expect(cancelled).toMatchObject({
      status: 'CANCELLED',
      cancelReason: 'Trùng lịch tiếp công dân',
      viewerCan: { cancel: false },
    });
    expect(await audits(inspection.id!, 'inspection.cancelled')).toBe(1);
    expect(await send(START, { inspectionId: inspection.id }, cookies.inspector)).toMatchObject({
      __typename: 'CommandRejectedError',
      reason: 'InspectionWrongStatus',
    });
    const closedList = await api.gql<{ inspections: { edges: { node: { id: string } }[] } }>(
      '{ inspections(filter: { bucket: CLOSED }) { edges { node { id status } } } }',
      {},
      { cookie: cookies.steering },
    );
    expect(closedList.data?.inspections.edges.map((edge) => edge.node.id)).toContain(inspection.id);
  });
});

describe('lists and the calendar', () => {
  it('upcoming soonest first with a total; the calendar groups the month’s days; a bad month names the field', async () => {
    const later = calendar.addWorkingDays(day, 1);
    const laterOne = await planned({ scheduledOn: later, title: 'Sau' });
    const sooner = await planned({ scheduledOn: day, title: 'Trước' });
    const upcoming = await api.gql<{
      inspections: { totalCount: number; edges: { node: { id: string; scheduledOn: string } }[] };
    }>(
      `query($unit: ID) { inspections(filter: { bucket: UPCOMING, unitId: $unit, from: "${day}", to: "${later}" }) {
        totalCount edges { node { id scheduledOn } } } }`,
      { unit: api.fixtures.units.district.id },
      { cookie: cookies.steering },
    );
    const nodes = upcoming.data!.inspections.edges.map((edge) => edge.node);
    expect(upcoming.data?.inspections.totalCount).toBe(nodes.length);
    expect(nodes.map((node) => node.scheduledOn)).toEqual([...nodes.map((node) => node.scheduledOn)].sort());
    expect(nodes.map((node) => node.id)).toEqual(expect.arrayContaining([sooner.id, laterOne.id]));
    const otherUnit = await api.gql<{ inspections: { totalCount: number } }>(
      'query($unit: ID) { inspections(filter: { unitId: $unit }) { totalCount } }',
      { unit: api.fixtures.units.town.id },
      { cookie: cookies.steering },
    );
    expect(otherUnit.data?.inspections.totalCount).toBe(0);

    // CLOSED: most recently closed first (cancelled ones, never closed, after them), page by page.
    const CLOSED_PAGE = `query($after: String) {
      inspections(filter: { bucket: CLOSED }, first: 1, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id status closedAt } } } }`;
    const seen: { id: string; status: string; closedAt: string | null }[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const response: {
        data?: {
          inspections: {
            totalCount: number;
            pageInfo: { hasNextPage: boolean; endCursor: string };
            edges: { node: { id: string; status: string; closedAt: string | null } }[];
          };
        };
        errors?: unknown;
      } = await api.gql(CLOSED_PAGE, { after }, { cookie: cookies.steering });
      expect(response.errors).toBeUndefined();
      seen.push(...response.data!.inspections.edges.map((edge) => edge.node));
      if (!response.data!.inspections.pageInfo.hasNextPage) {
        expect(seen).toHaveLength(response.data!.inspections.totalCount);
        break;
      }
      after = response.data!.inspections.pageInfo.endCursor;
    }
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(new Set(seen.map((node) => node.id)).size).toBe(seen.length);
    expect(seen.every((node) => ['CLOSED', 'CANCELLED'].includes(node.status))).toBe(true);
    const closedFirst = seen.findIndex((node) => node.closedAt === null);
    expect(
      seen.slice(closedFirst === -1 ? seen.length : closedFirst).every((node) => node.closedAt === null),
    ).toBe(true);

    const month = later.slice(0, 7);
    const days = await api.gql<{ inspectionCalendar: { date: string; inspections: { id: string }[] }[] }>(
      'query($month: String!) { inspectionCalendar(month: $month) { date inspections { id title status } } }',
      { month },
      { cookie: cookies.inspector },
    );
    const laterDay = days.data?.inspectionCalendar.find((entry) => entry.date === later);
    expect(laterDay?.inspections.map((entry) => entry.id)).toContain(laterOne.id);
    expect(days.data?.inspectionCalendar.every((entry) => entry.date.startsWith(month))).toBe(true);

    for (const [locale, message] of [
      ['en', 'Enter the month as YYYY-MM (e.g. 2027-03).'],
      ['vi', 'Nhập tháng theo dạng NNNN-TT (ví dụ 2027-03).'],
    ] as const) {
      const bad = await api.gql(
        '{ inspectionCalendar(month: "2027-13") { date } }',
        {},
        { cookie: withLocale(cookies.inspector, locale) },
      );
      expect(bad.errors?.[0]).toMatchObject({
        message,
        extensions: { code: 'BAD_USER_INPUT', field: 'month' },
      });
    }
  });
});
