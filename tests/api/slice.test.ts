import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIssuedPlan } from '../helpers/fixtures.ts';
import { createApiHarness } from '../helpers/api.ts';

let api: Awaited<ReturnType<typeof createApiHarness>>;
/** An issued plan far enough ahead that its tasks' due dates (inside its year) are never past. */
let futurePlanId: string;
beforeAll(async () => {
  api = await createApiHarness();
  futurePlanId = await createIssuedPlan(api.db.prisma, api.fixtures);
});
afterAll(() => api?.close());

const CREATE_PLAN = `mutation($input: CreatePlanInput!) {
  createPlan(input: $input) {
    __typename
    ... on ReformPlan { id title status }
    ... on Error { message }
    ... on InvalidInputError { issues { field message } }
  }
}`;
const CREATE_TASK = `mutation($input: CreateTaskInput!) {
  createTask(input: $input) {
    __typename
    ... on Task { id status progress dueDate assigneeUnit { name } }
    ... on Error { message }
    ... on InvalidInputError { issues { field message } }
    ... on NotFoundError { field }
  }
}`;
const REPORT = `mutation($input: ReportProgressInput!) {
  reportProgress(input: $input) {
    __typename
    ... on Task { id status progress reports { edges { node { percent note authorName } } } }
    ... on Error { message }
    ... on InvalidInputError { issues { field message } }
    ... on NotFoundError { field }
  }
}`;
const MY_TASKS = `{ tasks { edges { node { id title } } } }`;
type MyTasks = { tasks: { edges: { node: { id: string; title: string } }[] } };
const PLAN_DASHBOARD = `query($id: ID!) {
  plan(id: $id) { title completion unitProgress { unit { name } taskCount progress } tasks { totalCount } }
}`;

function taskInput(overrides: Record<string, unknown> = {}) {
  return {
    requestId: randomUUID(),
    planId: futurePlanId,
    areaId: api.fixtures.area.id,
    assigneeUnitId: api.fixtures.units.commune.id,
    title: 'Ký số 100 % văn bản điện tử',
    dueDate: '2099-06-30',
    indicatorTarget: '100 % văn bản được ký số',
    ...overrides,
  };
}

describe('sign-in', () => {
  it('a wrong password and an unknown e-mail get the same answer', async () => {
    const query = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { __typename ... on Error { message } } }`;
    const wrong = await api.gql(query, { e: api.fixtures.users.head.email, p: 'nope' });
    const unknown = await api.gql(query, { e: 'nobody@test.demo', p: 'nope' });
    expect(wrong.data?.login).toEqual({
      __typename: 'LoginFailedError',
      message: 'Wrong e-mail or password.',
    });
    expect(unknown.data?.login).toEqual(wrong.data?.login);
    expect(wrong.setCookie).toBeNull();
  });

  it('answers in Vietnamese when the browser asks for it', async () => {
    const result = await api.gql(
      `mutation { login(email: "nobody@test.demo", password: "x") { ... on Error { message } } }`,
      {},
      { locale: 'vi-VN' },
    );
    expect(result.data?.login?.message).toBe('Email hoặc mật khẩu không đúng.');
  });

  it('sets an HttpOnly, SameSite session cookie that identifies the user', async () => {
    const result = await api.gql(
      `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { __typename } }`,
      {
        e: api.fixtures.users.steering.email,
        p: api.fixtures.password,
      },
    );
    expect(result.setCookie).toMatch(/rt_session=[^;]+/);
    expect(result.setCookie).toMatch(/HttpOnly/i);
    expect(result.setCookie).toMatch(/SameSite=Lax/i);
    const cookie = result.setCookie!.split(';')[0]!;
    const me = await api.gql(`{ me { name roles { role unitName } } }`, {}, { cookie });
    expect(me.data?.me).toEqual({
      name: 'Phạm Văn Chỉ Đạo',
      roles: [{ role: 'STEERING', unitName: 'Huyện Trực Ninh' }],
    });
  });

  it('without a session, protected data is refused with UNAUTHENTICATED and a 401', async () => {
    const result = await api.gql(`{ tasks { totalCount } }`, {}, { cookie: 'rt_session=expired-or-forged' });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.status).toBe(401);
  });
});

describe('the vertical slice', () => {
  it('steering creates a plan and a task; the commune head reports 50 %; the dashboard shows it', async () => {
    const steering = await api.login(api.fixtures.users.steering.email);
    const plan = await api.gql(
      CREATE_PLAN,
      { input: { title: 'Kế hoạch CCHC 2099', year: 2099, issuingUnitId: api.fixtures.units.district.id } },
      { cookie: steering },
    );
    expect(plan.data?.createPlan).toMatchObject({ __typename: 'ReformPlan', status: 'DRAFT' });
    const planId = plan.data?.createPlan?.id as string;

    const task = await api.gql(CREATE_TASK, { input: taskInput({ planId }) }, { cookie: steering });
    expect(task.data?.createTask).toMatchObject({
      __typename: 'Task',
      status: 'ASSIGNED',
      progress: 0,
      dueDate: '2099-06-30',
      assigneeUnit: { name: 'Xã Phương Định' },
    });
    const taskId = task.data?.createTask?.id as string;

    // A draft's tasks stay with the committee until the plan is issued.
    const head = await api.login(api.fixtures.users.head.email);
    const before = await api.gql<MyTasks>(MY_TASKS, {}, { cookie: head });
    expect(before.data?.tasks.edges.map((edge) => edge.node)).not.toContainEqual(
      expect.objectContaining({ id: taskId }),
    );
    const issued = await api.gql(
      `mutation($planId: ID!) { issuePlan(planId: $planId) { __typename ... on ReformPlan { status issuingTotal } } }`,
      { planId },
      { cookie: steering },
    );
    expect(issued.data?.issuePlan).toEqual({ __typename: 'ReformPlan', status: 'ISSUED', issuingTotal: 1 });
    await expect
      .poll(async () => {
        const progress = await api.gql(
          `query($id: ID!) { plan(id: $id) { issuingDone } }`,
          { id: planId },
          {
            cookie: steering,
          },
        );
        return progress.data?.plan?.issuingDone;
      })
      .toBe(1);
    const mine = await api.gql<MyTasks>(MY_TASKS, {}, { cookie: head });
    expect(mine.data?.tasks.edges.map((edge) => edge.node)).toContainEqual({
      id: taskId,
      title: 'Ký số 100 % văn bản điện tử',
    });

    const report = await api.gql(
      REPORT,
      { input: { taskId, percent: 50, note: 'Đã ký số 512/1024 văn bản' } },
      { cookie: head },
    );
    expect(report.data?.reportProgress).toMatchObject({
      __typename: 'Task',
      status: 'IN_PROGRESS',
      progress: 50,
      reports: {
        edges: [{ node: { percent: 50, note: 'Đã ký số 512/1024 văn bản', authorName: 'Trần Thị Trưởng' } }],
      },
    });
    const audit = await api.db.prisma.auditEvent.findMany({
      where: { entityId: taskId },
      orderBy: { at: 'asc' },
    });
    expect(audit.map((event) => [event.action, event.actorId])).toEqual([
      ['task.drafted', api.fixtures.users.steering.id],
      ['task.assigned', api.fixtures.users.steering.id],
      ['task.progressReported', api.fixtures.users.head.id],
    ]);

    const dashboard = await api.gql(PLAN_DASHBOARD, { id: planId }, { cookie: steering });
    expect(dashboard.data?.plan).toEqual({
      title: 'Kế hoạch CCHC 2099',
      completion: 50,
      unitProgress: [{ unit: { name: 'Xã Phương Định' }, taskCount: 1, progress: 50 }],
      tasks: { totalCount: 1 },
    });
  });

  it('the same createTask request sent twice creates one task', async () => {
    const steering = await api.login(api.fixtures.users.steering.email);
    const input = taskInput();
    const [first, second] = await Promise.all([
      api.gql(CREATE_TASK, { input }, { cookie: steering }),
      api.gql(CREATE_TASK, { input }, { cookie: steering }),
    ]);
    expect(first.data?.createTask?.id).toBe(input.requestId);
    expect(second.data?.createTask?.id).toBe(input.requestId);
    expect(await api.db.prisma.task.count({ where: { id: input.requestId } })).toBe(1);
  });
});

describe('bad input is refused with a typed error naming the field, and nothing is written', () => {
  it('progress outside 0–100', async () => {
    const steering = await api.login(api.fixtures.users.steering.email);
    const task = await api.gql(CREATE_TASK, { input: taskInput() }, { cookie: steering });
    const taskId = task.data?.createTask?.id as string;
    const head = await api.login(api.fixtures.users.head.email);
    for (const percent of [101, -1]) {
      const result = await api.gql(REPORT, { input: { taskId, percent } }, { cookie: head });
      expect(result.data?.reportProgress).toEqual({
        __typename: 'InvalidInputError',
        message: 'Progress must be a whole number from 0 to 100.',
        issues: [{ field: 'percent', message: 'Progress must be a whole number from 0 to 100.' }],
      });
    }
    expect(await api.db.prisma.progressReport.count({ where: { taskId } })).toBe(0);
  });

  it('a due date in the past', async () => {
    const steering = await api.login(api.fixtures.users.steering.email);
    const input = taskInput({ dueDate: '2020-01-01' });
    const result = await api.gql(CREATE_TASK, { input }, { cookie: steering });
    expect(result.data?.createTask).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: 'dueDate', message: 'The due date cannot be in the past.' }],
    });
    expect(await api.db.prisma.task.count({ where: { id: input.requestId } })).toBe(0);
  });

  it('a date that does not exist, and a due date outside the plan’s year', async () => {
    const steering = await api.login(api.fixtures.users.steering.email);
    const cases = [
      ['2099-02-30', 'Enter a date that exists, as YYYY-MM-DD.'],
      ['2099-13-01', 'Enter a date that exists, as YYYY-MM-DD.'],
      [
        '2100-03-01',
        'The due date must lie in the plan’s year (at the latest, the day its self-assessment closes).',
      ],
    ];
    for (const [dueDate, message] of cases) {
      const input = taskInput({ dueDate });
      const result = await api.gql(CREATE_TASK, { input }, { cookie: steering });
      expect(result.data?.createTask).toMatchObject({
        __typename: 'InvalidInputError',
        issues: [{ field: 'dueDate', message }],
      });
      expect(await api.db.prisma.task.count({ where: { id: input.requestId } })).toBe(0);
    }
    const vietnamese = await api.gql(
      CREATE_TASK,
      { input: taskInput({ dueDate: '2099-02-30' }) },
      { cookie: `${steering}; rt_locale=vi` },
    );
    expect(vietnamese.data?.createTask).toMatchObject({
      issues: [{ field: 'dueDate', message: 'Nhập một ngày có thật theo dạng NNNN-TT-NN.' }],
    });
  });

  it('an unknown unit, and a unit outside the steering member’s district', async () => {
    const steering = await api.login(api.fixtures.users.steering.email);
    for (const assigneeUnitId of ['no-such-unit', api.fixtures.units.otherCommune.id]) {
      const input = taskInput({ assigneeUnitId });
      const result = await api.gql(CREATE_TASK, { input }, { cookie: steering });
      expect(result.data?.createTask).toEqual({
        __typename: 'NotFoundError',
        message: 'There is no such unit.',
        field: 'assigneeUnitId',
      });
      expect(await api.db.prisma.task.count({ where: { id: input.requestId } })).toBe(0);
    }
  });
});

describe('unit scoping', () => {
  it('a unit head cannot see or report on another unit’s task, nor create tasks', async () => {
    const steering = await api.login(api.fixtures.users.steering.email);
    const task = await api.gql(CREATE_TASK, { input: taskInput() }, { cookie: steering });
    const taskId = task.data?.createTask?.id as string;

    const townHead = await api.login(api.fixtures.users.townHead.email);
    const seen = await api.gql(
      `query($id: ID!) { task(id: $id) { id } }`,
      { id: taskId },
      { cookie: townHead },
    );
    expect(seen.data?.task).toBeNull();
    const report = await api.gql(REPORT, { input: { taskId, percent: 10 } }, { cookie: townHead });
    expect(report.data?.reportProgress).toMatchObject({ __typename: 'NotFoundError', field: 'taskId' });

    const create = await api.gql(CREATE_TASK, { input: taskInput() }, { cookie: townHead });
    expect(create.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('another district’s steering member does not see the plan', async () => {
    const other = await api.login(api.fixtures.users.otherSteering.email);
    const result = await api.gql(PLAN_DASHBOARD, { id: api.fixtures.plan.id }, { cookie: other });
    expect(result.data?.plan).toBeNull();
  });
});
