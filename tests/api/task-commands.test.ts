// Task commands through the API that must not write twice or fail with a bare 500: a retried
// report, and a report on a task whose workflow is no longer there.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIssuedPlan } from '../helpers/fixtures.ts';
import { createApiHarness } from '../helpers/api.ts';

let api: Awaited<ReturnType<typeof createApiHarness>>;
let planId: string;
beforeAll(async () => {
  api = await createApiHarness();
  planId = await createIssuedPlan(api.db.prisma, api.fixtures);
});
afterAll(() => api?.close());

const CREATE_TASK = `mutation($input: CreateTaskInput!) {
  createTask(input: $input) { __typename ... on Task { id } ... on Error { message } }
}`;
const REPORT = `mutation($input: ReportProgressInput!) {
  reportProgress(input: $input) {
    __typename
    ... on Task { id status progress }
    ... on Error { message }
    ... on CommandRejectedError { reason }
  }
}`;

async function issuedTask(): Promise<string> {
  const steering = await api.login(api.fixtures.users.steering.email);
  const result = await api.gql(
    CREATE_TASK,
    {
      input: {
        requestId: randomUUID(),
        planId,
        areaId: api.fixtures.area.id,
        assigneeUnitId: api.fixtures.units.commune.id,
        title: 'Công khai thủ tục hành chính',
        dueDate: '2099-09-30',
      },
    },
    { cookie: steering },
  );
  expect(result.data?.createTask?.__typename).toBe('Task');
  return result.data?.createTask?.id as string;
}

/** A task row with no workflow behind it, like the demo data's (completed) tasks. */
async function taskWithoutWorkflow(status: 'COMPLETED' | 'IN_PROGRESS'): Promise<string> {
  const task = await api.db.prisma.task.create({
    data: {
      planId,
      areaId: api.fixtures.area.id,
      assigneeUnitId: api.fixtures.units.commune.id,
      title: 'Nhiệm vụ đã xong từ năm trước',
      dueDate: new Date('2099-03-31T00:00:00.000Z'),
      status,
      progress: status === 'COMPLETED' ? 100 : 40,
      createdById: api.fixtures.users.steering.id,
    },
  });
  return task.id;
}

describe('reportProgress', () => {
  it('the same request sent twice (a retried POST, a double click) records one report', async () => {
    const taskId = await issuedTask();
    const head = await api.login(api.fixtures.users.head.email);
    const input = { requestId: randomUUID(), taskId, percent: 40, note: 'Đã niêm yết 40 %' };
    const [first, second] = await Promise.all([
      api.gql(REPORT, { input }, { cookie: head }),
      api.gql(REPORT, { input }, { cookie: head }),
    ]);
    const third = await api.gql(REPORT, { input }, { cookie: head });
    for (const result of [first, second, third]) {
      expect(result.data?.reportProgress).toMatchObject({ __typename: 'Task', progress: 40 });
    }
    expect(await api.db.prisma.progressReport.count({ where: { taskId } })).toBe(1);
    expect(
      await api.db.prisma.auditEvent.count({ where: { entityId: taskId, action: 'task.progressReported' } }),
    ).toBe(1);

    // A new form (a new request ID) is a new report.
    const next = await api.gql(
      REPORT,
      { input: { ...input, requestId: randomUUID(), percent: 60 } },
      { cookie: head },
    );
    expect(next.data?.reportProgress).toMatchObject({ progress: 60 });
    const reports = await api.db.prisma.progressReport.findMany({
      where: { taskId },
      orderBy: { createdAt: 'asc' },
    });
    expect(reports.map((report) => [report.percent, report.requestId])).toEqual([
      [40, input.requestId],
      [60, expect.any(String)],
    ]);
  });

  it('a report on a completed task is refused with a typed error in the user’s language', async () => {
    const taskId = await taskWithoutWorkflow('COMPLETED');
    const head = await api.login(api.fixtures.users.head.email);
    const input = { requestId: randomUUID(), taskId, percent: 100 };
    const english = await api.gql(REPORT, { input }, { cookie: head });
    expect(english.errors).toBeUndefined();
    expect(english.data?.reportProgress).toEqual({
      __typename: 'CommandRejectedError',
      message: 'This task is closed: it takes no more reports or changes.',
      reason: 'TaskNotRunning',
    });
    // The language chosen in the web app (its cookie) wins over the account's.
    const vietnamese = await api.gql(REPORT, { input }, { cookie: `${head}; rt_locale=vi` });
    expect(vietnamese.data?.reportProgress).toMatchObject({
      message: 'Nhiệm vụ này đã kết thúc, không nhận thêm báo cáo hay thao tác nào.',
    });
    expect(await api.db.prisma.progressReport.count({ where: { taskId } })).toBe(0);
  });

  it('a report on an open task whose workflow is not running is refused the same way', async () => {
    const taskId = await taskWithoutWorkflow('IN_PROGRESS');
    const head = await api.login(api.fixtures.users.head.email);
    const result = await api.gql(REPORT, { input: { taskId, percent: 50 } }, { cookie: head });
    expect(result.errors).toBeUndefined();
    expect(result.data?.reportProgress).toMatchObject({
      __typename: 'CommandRejectedError',
      reason: 'TaskNotRunning',
    });
    expect(await api.db.prisma.progressReport.count({ where: { taskId } })).toBe(0);
    expect(await api.db.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({
      progress: 40,
    });
  });
});
