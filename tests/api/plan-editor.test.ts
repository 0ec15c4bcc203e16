// The committee's plan editor through the API, on the real schema, PostgreSQL, the Temporal test
// server and a worker: a draft's tasks edited and deleted, the draft plan edited, one task given
// to every commune of a district (preview first, then through the plan workflow), the plan
// issued with its progress, the phase dates moved and the next phase reached. And each
// operation's bad input (plan not DRAFT, a unit outside the plan, a date in the past or outside
// the plan's year, an empty title, no unit of that level, dates out of order, the wrong phase),
// answered with a typed error in the user's language that writes nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness } from '../helpers/api.ts';

let api: Awaited<ReturnType<typeof createApiHarness>>;
const cookies = { steering: '', otherSteering: '', head: '' };

/** Three more communes of the district and a merged one, so a bulk assignment has several units. */
let communes: { id: string; name: string }[] = [];

beforeAll(async () => {
  api = await createApiHarness();
  const { prisma } = api.db;
  const { district } = api.fixtures.units;
  const commune = async (code: string, name: string, mergedIntoId: string | null = null) => {
    const id = randomUUID();
    return prisma.unit.create({
      data: {
        id,
        code,
        name,
        level: 'COMMUNE',
        parentId: district.id,
        path: `${district.path}${id}/`,
        mergedIntoId,
      },
    });
  };
  const extra = [await commune('ND-TN-TC', 'Xã Trung Đông'), await commune('ND-TN-TT', 'Xã Trực Thanh')];
  await commune('ND-TN-CU', 'Xã Cũ (đã sáp nhập)', extra[0]!.id);
  communes = [api.fixtures.units.commune, ...extra];
  cookies.steering = await api.login(api.fixtures.users.steering.email);
  cookies.otherSteering = await api.login(api.fixtures.users.otherSteering.email);
  cookies.head = await api.login(api.fixtures.users.head.email);
});
afterAll(() => api?.close());

type Who = keyof typeof cookies;

interface Answer {
  __typename: string;
  message?: string;
  reason?: string;
  field?: string | null;
  issues?: { field: string; message: string }[];
  [key: string]: unknown;
}

const ERRORS = `__typename
  ... on Error { message }
  ... on InvalidInputError { issues { field message } }
  ... on NotFoundError { field }
  ... on CommandRejectedError { reason }`;

async function ask<T = Answer>(
  who: Who,
  query: string,
  variables: Record<string, unknown>,
  locale: 'en' | 'vi' = 'en',
): Promise<T> {
  const cookie = locale === 'vi' ? `${cookies[who]}; rt_locale=vi` : cookies[who];
  const result = await api.gql<Record<string, T>>(query, variables, { cookie });
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0]!;
}

const UPDATE_TASK = `mutation($input: UpdateDraftTaskInput!) {
  updateDraftTask(input: $input) { ${ERRORS} ... on Task { id title description dueDate weight indicatorTarget assigneeUnit { id } } }
}`;
const DELETE_TASK = `mutation($taskId: ID!) {
  deleteDraftTask(taskId: $taskId) { ${ERRORS} ... on ReformPlan { id tasks { totalCount } } }
}`;
const UPDATE_PLAN = `mutation($input: UpdateDraftPlanInput!) {
  updateDraftPlan(input: $input) { ${ERRORS} ... on ReformPlan { id title cadence } }
}`;
const PREVIEW = `query($input: BulkAssignTasksInput!) {
  bulkAssignPreview(input: $input) { ${ERRORS} ... on BulkAssignPreview { count alreadyAssigned units { id name } } }
}`;
const BULK = `mutation($input: BulkAssignTasksInput!) {
  bulkAssignTasks(input: $input) { ${ERRORS} ... on BulkAssignment { count plan { id tasks { totalCount } } } }
}`;
const SCHEDULE = `mutation($input: SchedulePlanPhasesInput!) {
  schedulePlanPhases(input: $input) { ${ERRORS} ... on ReformPlan { schedule { assessmentOpens appraisalOpens publishedOn closesOn } } }
}`;
const ADVANCE = `mutation($input: AdvancePlanPhaseInput!) {
  advancePlanPhase(input: $input) { ${ERRORS} ... on ReformPlan { status nextPhase } }
}`;
const ISSUE = `mutation($planId: ID!) { issuePlan(planId: $planId) { ${ERRORS} ... on ReformPlan { status } } }`;
const PLAN = `query($id: ID!) {
  plan(id: $id) {
    status viewerCanEdit viewerCanAssign issuingDone issuingTotal nextPhase
    schedule { assessmentOpens appraisalOpens publishedOn closesOn }
  }
}`;

/** A DRAFT plan of the district, created through the API (its reporting periods too). */
async function draftPlan(cadence: 'QUARTERLY' | 'HALF_YEARLY' = 'QUARTERLY'): Promise<string> {
  const created = await ask(
    'steering',
    `mutation($input: CreatePlanInput!) { createPlan(input: $input) { ${ERRORS} ... on ReformPlan { id } } }`,
    {
      input: {
        title: 'Kế hoạch CCHC 2099 (dự thảo)',
        year: 2099,
        issuingUnitId: api.fixtures.units.district.id,
        cadence,
      },
    },
  );
  expect(created.__typename).toBe('ReformPlan');
  return created.id as string;
}

async function draftTask(planId: string, assigneeUnitId = api.fixtures.units.commune.id): Promise<string> {
  const created = await ask(
    'steering',
    `mutation($input: CreateTaskInput!) { createTask(input: $input) { ${ERRORS} ... on Task { id } } }`,
    {
      input: {
        requestId: randomUUID(),
        planId,
        areaId: api.fixtures.area.id,
        assigneeUnitId,
        title: 'Rà soát thủ tục hành chính',
        dueDate: '2099-06-30',
      },
    },
  );
  expect(created.__typename).toBe('Task');
  return created.id as string;
}

const audits = (entityId: string) => api.db.prisma.auditEvent.findMany({ where: { entityId } });
const bulkInput = (planId: string, overrides: Record<string, unknown> = {}) => ({
  requestId: randomUUID(),
  planId,
  parentUnitId: api.fixtures.units.district.id,
  level: 'COMMUNE',
  areaId: api.fixtures.area.id,
  title: 'Niêm yết công khai thủ tục',
  dueDate: '2099-09-30',
  weight: 2,
  indicatorTarget: '100 %',
  ...overrides,
});

/** Sends bad input in both languages; checks the typed answer and that no audit event was written. */
async function refusedInBoth(
  who: Who,
  query: string,
  variables: Record<string, unknown>,
  expected: { en: Partial<Answer>; vi: Partial<Answer> },
  entityId?: string,
) {
  const before = entityId ? (await audits(entityId)).length : 0;
  expect(await ask(who, query, variables, 'en')).toMatchObject(expected.en);
  expect(await ask(who, query, variables, 'vi')).toMatchObject(expected.vi);
  if (entityId) expect((await audits(entityId)).length).toBe(before);
}

const fieldError = (field: string, en: string, vi: string) => ({
  en: { __typename: 'InvalidInputError', issues: [{ field, message: en }] },
  vi: { __typename: 'InvalidInputError', issues: [{ field, message: vi }] },
});
const notDraft = {
  en: {
    __typename: 'CommandRejectedError',
    reason: 'PlanWrongStatus',
    message:
      'The plan has been issued, so it can no longer be edited or deleted from; for an issued task, use reassign or cancel on its page.',
  },
  vi: {
    reason: 'PlanWrongStatus',
    message:
      'Kế hoạch đã ban hành nên không sửa hay xoá được nữa; với nhiệm vụ đã giao, hãy dùng chuyển giao hoặc huỷ trên trang nhiệm vụ.',
  },
};
const inPast = fieldError(
  'dueDate',
  'The due date cannot be in the past.',
  'Hạn hoàn thành không được ở trong quá khứ.',
);
const outsideYear = fieldError(
  'dueDate',
  'The due date must lie in the plan’s year (at the latest, the day its self-assessment closes).',
  'Hạn hoàn thành phải nằm trong năm của kế hoạch (muộn nhất là ngày kết thúc tự đánh giá).',
);
const emptyTitle = fieldError('title', 'This field is required.', 'Trường này là bắt buộc.');

describe('draft tasks', () => {
  it('the committee edits a draft task; the audit event keeps before and after', async () => {
    const planId = await draftPlan();
    const taskId = await draftTask(planId);
    const edited = await ask('steering', UPDATE_TASK, {
      input: {
        taskId,
        title: '  Số hoá hồ sơ  ',
        description: 'Toàn bộ hồ sơ năm 2099',
        assigneeUnitId: api.fixtures.units.town.id,
        dueDate: '2099-10-31',
        weight: 3,
        indicatorTarget: '95 %',
      },
    });
    expect(edited).toMatchObject({
      __typename: 'Task',
      title: 'Số hoá hồ sơ',
      description: 'Toàn bộ hồ sơ năm 2099',
      dueDate: '2099-10-31',
      weight: 3,
      indicatorTarget: '95 %',
      assigneeUnit: { id: api.fixtures.units.town.id },
    });
    const event = (await audits(taskId)).find((e) => e.action === 'task.edited');
    expect(event).toMatchObject({
      actorId: api.fixtures.users.steering.id,
      before: { title: 'Rà soát thủ tục hành chính', assigneeUnitId: api.fixtures.units.commune.id },
      after: { title: 'Số hoá hồ sơ', assigneeUnitId: api.fixtures.units.town.id, weight: 3 },
    });
    // Fields left out stay; an empty target removes it.
    expect(await ask('steering', UPDATE_TASK, { input: { taskId, indicatorTarget: '' } })).toMatchObject({
      title: 'Số hoá hồ sơ',
      indicatorTarget: null,
      weight: 3,
    });
  });

  it('bad input: empty title, a date in the past or outside the plan year, a unit outside the issuing tree', async () => {
    const planId = await draftPlan();
    const taskId = await draftTask(planId);
    await refusedInBoth('steering', UPDATE_TASK, { input: { taskId, title: '   ' } }, emptyTitle, taskId);
    await refusedInBoth(
      'steering',
      UPDATE_TASK,
      { input: { taskId, dueDate: '2020-01-02' } },
      inPast,
      taskId,
    );
    await refusedInBoth(
      'steering',
      UPDATE_TASK,
      { input: { taskId, dueDate: '2100-03-01' } },
      outsideYear,
      taskId,
    );
    await refusedInBoth(
      'steering',
      UPDATE_TASK,
      { input: { taskId, assigneeUnitId: api.fixtures.units.otherCommune.id } },
      {
        en: { __typename: 'NotFoundError', field: 'assigneeUnitId', message: 'There is no such unit.' },
        vi: { __typename: 'NotFoundError', message: 'Không tìm thấy đơn vị này.' },
      },
      taskId,
    );
    // Another district's committee does not reach the plan: no such task.
    await refusedInBoth(
      'otherSteering',
      UPDATE_TASK,
      { input: { taskId, title: 'Của huyện khác' } },
      {
        en: { __typename: 'NotFoundError', field: 'taskId', message: 'There is no such task.' },
        vi: { __typename: 'NotFoundError', message: 'Không tìm thấy nhiệm vụ này.' },
      },
      taskId,
    );
    // A unit head is not the committee.
    const byHead = await api.gql(
      UPDATE_TASK,
      { input: { taskId, title: 'Của xã' } },
      { cookie: cookies.head },
    );
    expect(byHead.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.db.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).title).toBe(
      'Rà soát thủ tục hành chính',
    );
  });

  it('the committee deletes a draft task: the row goes, the audit event task.deleted keeps it', async () => {
    const planId = await draftPlan();
    const keep = await draftTask(planId);
    const taskId = await draftTask(planId, api.fixtures.units.town.id);
    expect(await ask('steering', DELETE_TASK, { taskId })).toMatchObject({
      __typename: 'ReformPlan',
      id: planId,
      tasks: { totalCount: 1 },
    });
    expect(await api.db.prisma.task.count({ where: { id: taskId } })).toBe(0);
    expect(await api.db.prisma.task.count({ where: { id: keep } })).toBe(1);
    const event = (await audits(taskId)).find((e) => e.action === 'task.deleted');
    expect(event).toMatchObject({ before: { id: taskId, assigneeUnitId: api.fixtures.units.town.id } });
    // Deleting it again: there is no such task.
    expect(await ask('steering', DELETE_TASK, { taskId })).toMatchObject({
      __typename: 'NotFoundError',
      field: 'taskId',
    });
  });

  it('once the plan is issued, its tasks are no longer edited or deleted here', async () => {
    const planId = await draftPlan();
    const taskId = await draftTask(planId);
    expect(await ask('steering', ISSUE, { planId })).toMatchObject({
      __typename: 'ReformPlan',
      status: 'ISSUED',
    });
    await refusedInBoth('steering', UPDATE_TASK, { input: { taskId, title: 'Muộn rồi' } }, notDraft);
    await refusedInBoth('steering', DELETE_TASK, { taskId }, notDraft);
    expect(await api.db.prisma.task.count({ where: { id: taskId } })).toBe(1);
  });
});

describe('the draft plan', () => {
  it('a new title and cadence: the reporting periods are rewritten, an audit event says so', async () => {
    const planId = await draftPlan('QUARTERLY');
    expect(
      await ask('steering', UPDATE_PLAN, {
        input: { planId, title: 'Kế hoạch CCHC 2099', cadence: 'HALF_YEARLY' },
      }),
    ).toMatchObject({ __typename: 'ReformPlan', title: 'Kế hoạch CCHC 2099', cadence: 'HALF_YEARLY' });
    const periods = await api.db.prisma.reportingPeriod.findMany({
      where: { planId },
      orderBy: { number: 'asc' },
    });
    expect(
      periods.map((p) => [p.startsOn.toISOString().slice(0, 10), p.endsOn.toISOString().slice(0, 10)]),
    ).toEqual([
      ['2099-01-01', '2099-06-30'],
      ['2099-07-01', '2099-12-31'],
    ]);
    const event = (await audits(planId)).find((e) => e.action === 'plan.edited');
    expect(event).toMatchObject({
      before: { title: 'Kế hoạch CCHC 2099 (dự thảo)', cadence: 'QUARTERLY' },
      after: { title: 'Kế hoạch CCHC 2099', cadence: 'HALF_YEARLY' },
    });
  });

  it('bad input: an empty title; a plan no longer DRAFT', async () => {
    const planId = await draftPlan();
    await refusedInBoth('steering', UPDATE_PLAN, { input: { planId, title: '' } }, emptyTitle, planId);
    await draftTask(planId);
    await ask('steering', ISSUE, { planId });
    await refusedInBoth('steering', UPDATE_PLAN, { input: { planId, title: 'Đổi tên' } }, notDraft);
  });
});

describe('bulk assignment', () => {
  it('the preview counts the live communes of the district and writes nothing', async () => {
    const planId = await draftPlan();
    const preview = await ask<Answer & { units: { id: string }[] }>('steering', PREVIEW, {
      input: bulkInput(planId),
    });
    expect(preview).toMatchObject({ __typename: 'BulkAssignPreview', count: 3, alreadyAssigned: 0 });
    expect(preview.units.map((u) => u.id).sort()).toEqual(communes.map((c) => c.id).sort());
    expect(await api.db.prisma.task.count({ where: { planId } })).toBe(0);
  });

  it('assigns one task per commune through the plan workflow; the same request again creates nothing more', async () => {
    const planId = await draftPlan();
    const input = bulkInput(planId);
    expect(await ask('steering', BULK, { input })).toMatchObject({
      __typename: 'BulkAssignment',
      count: 3,
      plan: { id: planId, tasks: { totalCount: 3 } },
    });
    const tasks = await api.db.prisma.task.findMany({ where: { planId } });
    expect(tasks.map((t) => t.assigneeUnitId).sort()).toEqual(communes.map((c) => c.id).sort());
    expect(tasks[0]).toMatchObject({
      title: 'Niêm yết công khai thủ tục',
      weight: 2,
      indicatorTarget: '100 %',
    });
    expect(await ask('steering', BULK, { input })).toMatchObject({ count: 3 });
    expect(await api.db.prisma.task.count({ where: { planId } })).toBe(3);
    // The preview now says the communes have that task already.
    expect(await ask('steering', PREVIEW, { input: bulkInput(planId) })).toMatchObject({
      count: 3,
      alreadyAssigned: 3,
    });
    expect((await audits(planId)).filter((e) => e.action === 'plan.bulkAssigned')).toHaveLength(1);
  });

  it('bad input: no unit of that level under the parent, a date in the past or outside the year, an empty title, a parent outside the plan', async () => {
    const planId = await draftPlan();
    const noUnits = fieldError(
      'level',
      'No unit of this level lies under the chosen unit; choose another level or parent unit.',
      'Không có đơn vị nào thuộc cấp này trực thuộc đơn vị đã chọn; hãy chọn cấp hoặc đơn vị khác.',
    );
    for (const query of [PREVIEW, BULK]) {
      await refusedInBoth(
        'steering',
        query,
        { input: bulkInput(planId, { level: 'WARD' }) },
        noUnits,
        planId,
      );
      await refusedInBoth(
        'steering',
        query,
        { input: bulkInput(planId, { parentUnitId: api.fixtures.units.commune.id }) },
        noUnits,
        planId,
      );
      await refusedInBoth(
        'steering',
        query,
        { input: bulkInput(planId, { dueDate: '2021-05-05' }) },
        inPast,
        planId,
      );
      await refusedInBoth(
        'steering',
        query,
        { input: bulkInput(planId, { dueDate: '2100-02-01' }) },
        outsideYear,
        planId,
      );
      await refusedInBoth(
        'steering',
        query,
        { input: bulkInput(planId, { title: ' ' }) },
        emptyTitle,
        planId,
      );
      await refusedInBoth(
        'steering',
        query,
        { input: bulkInput(planId, { parentUnitId: api.fixtures.units.otherDistrict.id }) },
        {
          en: { __typename: 'NotFoundError', field: 'parentUnitId', message: 'There is no such unit.' },
          vi: { __typename: 'NotFoundError', message: 'Không tìm thấy đơn vị này.' },
        },
        planId,
      );
    }
    expect(await api.db.prisma.task.count({ where: { planId } })).toBe(0);
  });

  it('an issued plan takes bulk tasks and starts their workflows; a plan in ASSESSMENT does not', async () => {
    const planId = await draftPlan();
    await draftTask(planId);
    await ask('steering', ISSUE, { planId });
    expect(await ask('steering', BULK, { input: bulkInput(planId) })).toMatchObject({ count: 3 });
    await expect
      .poll(async () => ask('steering', PLAN, { id: planId }), { timeout: 30_000, interval: 200 })
      .toMatchObject({ issuingDone: 4, issuingTotal: 4 });
    await ask('steering', ADVANCE, { input: { planId, from: 'ISSUED' } });
    await refusedInBoth(
      'steering',
      BULK,
      { input: bulkInput(planId) },
      {
        en: {
          __typename: 'CommandRejectedError',
          reason: 'PlanWrongStatus',
          message: 'Tasks can be added only to a draft or issued plan, before its assessment begins.',
        },
        vi: {
          message:
            'Chỉ thêm được nhiệm vụ vào kế hoạch dự thảo hoặc vừa ban hành, chưa sang giai đoạn đánh giá.',
        },
      },
    );
    // One task at a time is refused the same way, and the page is told not to offer the form.
    const tasksBefore = await api.db.prisma.task.count({ where: { planId } });
    await refusedInBoth(
      'steering',
      `mutation($input: CreateTaskInput!) { createTask(input: $input) { ${ERRORS} ... on Task { id } } }`,
      {
        input: {
          requestId: randomUUID(),
          planId,
          areaId: api.fixtures.area.id,
          assigneeUnitId: api.fixtures.units.commune.id,
          title: 'Thêm sau khi đã sang đánh giá',
          dueDate: '2099-06-30',
        },
      },
      {
        en: { __typename: 'CommandRejectedError', reason: 'PlanWrongStatus' },
        vi: { message: expect.stringContaining('chưa sang giai đoạn đánh giá') as string },
      },
    );
    expect(await api.db.prisma.task.count({ where: { planId } })).toBe(tasksBefore);
    // The committee still edits the plan (phase dates, next phase); it only adds no more tasks.
    expect(await ask('steering', PLAN, { id: planId })).toMatchObject({
      viewerCanAssign: false,
      viewerCanEdit: true,
    });
  });
});

describe('issuing', () => {
  it('a draft shows 0 / 0; issuing moves issuingDone up to issuingTotal, which stays there', async () => {
    const planId = await draftPlan();
    await ask('steering', BULK, { input: bulkInput(planId) });
    await draftTask(planId, api.fixtures.units.town.id);
    expect(await ask('steering', PLAN, { id: planId })).toMatchObject({
      status: 'DRAFT',
      issuingDone: 0,
      issuingTotal: 0,
      viewerCanEdit: true,
      nextPhase: null,
    });
    await ask('steering', ISSUE, { planId });
    const seen: number[] = [];
    await expect
      .poll(
        async () => {
          const plan = await ask<{ issuingDone: number; issuingTotal: number }>('steering', PLAN, {
            id: planId,
          });
          seen.push(plan.issuingDone);
          expect(plan.issuingTotal).toBe(4);
          return plan.issuingDone;
        },
        { timeout: 30_000, interval: 100 },
      )
      .toBe(4);
    // Never backwards, never past the total.
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(await api.db.prisma.task.count({ where: { planId, workflowStartedAt: null } })).toBe(0);
    expect(await ask('steering', PLAN, { id: planId })).toMatchObject({ issuingDone: 4, issuingTotal: 4 });
  });

  it('viewerCanEdit: the committee of the issuing unit only', async () => {
    const planId = await draftPlan();
    await draftTask(planId);
    await ask('steering', ISSUE, { planId });
    expect(await ask('steering', PLAN, { id: planId })).toMatchObject({ viewerCanEdit: true });
    // The commune head sees the issued plan through its task, and may not edit it.
    expect(await ask('head', PLAN, { id: planId })).toMatchObject({ viewerCanEdit: false });
  });
});

describe('phases', () => {
  it('the committee moves the phase dates and advances the plan phase by phase', async () => {
    const planId = await draftPlan();
    await draftTask(planId);
    await ask('steering', ISSUE, { planId });
    expect(await ask('steering', PLAN, { id: planId })).toMatchObject({
      nextPhase: 'ASSESSMENT',
      schedule: {
        assessmentOpens: '2099-12-01',
        appraisalOpens: '2100-01-15',
        publishedOn: '2100-03-01',
        closesOn: '2100-12-31',
      },
    });
    expect(
      await ask('steering', SCHEDULE, {
        input: { planId, assessmentOpens: '2099-11-20', publishedOn: '2100-03-15' },
      }),
    ).toMatchObject({
      __typename: 'ReformPlan',
      schedule: {
        assessmentOpens: '2099-11-20',
        appraisalOpens: '2100-01-15',
        publishedOn: '2100-03-15',
        closesOn: '2100-12-31',
      },
    });
    expect((await audits(planId)).some((e) => e.action === 'plan.scheduleChanged')).toBe(true);
    expect(await ask('steering', ADVANCE, { input: { planId, from: 'ISSUED' } })).toMatchObject({
      __typename: 'ReformPlan',
      status: 'ASSESSMENT',
      nextPhase: 'APPRAISAL',
    });
    // A double click: the second request still says ISSUED and is refused.
    await refusedInBoth(
      'steering',
      ADVANCE,
      { input: { planId, from: 'ISSUED' } },
      {
        en: {
          __typename: 'CommandRejectedError',
          reason: 'PlanWrongStatus',
          message: 'The plan has moved to another phase meanwhile; reload the page and check.',
        },
        vi: {
          message: 'Kế hoạch đã chuyển sang giai đoạn khác trong lúc bạn xem; hãy tải lại trang và kiểm tra.',
        },
      },
    );
    // The assessment has begun: its date no longer moves.
    await refusedInBoth(
      'steering',
      SCHEDULE,
      { input: { planId, assessmentOpens: '2099-11-25' } },
      fieldError(
        'assessmentOpens',
        'This phase has already begun; its start date can no longer change.',
        'Giai đoạn này đã bắt đầu; ngày bắt đầu của nó không thay đổi được nữa.',
      ),
      planId,
    );
    expect((await api.db.prisma.reformPlan.findUniqueOrThrow({ where: { id: planId } })).status).toBe(
      'ASSESSMENT',
    );
  });

  it('bad input: dates out of order or in the past; advancing a draft', async () => {
    const planId = await draftPlan();
    await draftTask(planId);
    await refusedInBoth(
      'steering',
      ADVANCE,
      { input: { planId, from: 'DRAFT' } },
      {
        en: {
          __typename: 'CommandRejectedError',
          reason: 'PlanWrongStatus',
          message: 'A plan in this phase has no next phase to move to.',
        },
        vi: { message: 'Kế hoạch ở giai đoạn này không có giai đoạn tiếp theo để chuyển sang.' },
      },
      planId,
    );
    await ask('steering', ISSUE, { planId });
    await refusedInBoth(
      'steering',
      SCHEDULE,
      { input: { planId, appraisalOpens: '2099-11-01' } },
      fieldError(
        'appraisalOpens',
        'The phases follow one another (assessment, appraisal, publication, close): this date must come after the one before it.',
        'Các giai đoạn phải nối tiếp nhau: tự đánh giá, thẩm định, công bố, kết thúc; ngày này phải sau ngày của giai đoạn trước.',
      ),
      planId,
    );
    await refusedInBoth(
      'steering',
      SCHEDULE,
      { input: { planId, assessmentOpens: '2021-01-04' } },
      fieldError(
        'assessmentOpens',
        'A phase cannot start in the past.',
        'Ngày bắt đầu giai đoạn không được ở trong quá khứ.',
      ),
      planId,
    );
    expect(await ask('steering', PLAN, { id: planId })).toMatchObject({
      schedule: { assessmentOpens: '2099-12-01', appraisalOpens: '2100-01-15' },
    });
  });
});
