// Task.timeline and ReformPlan.timeline on the real stack: commands go through the task
// workflows (Temporal test server and a worker), whose activities write the audit events the
// timeline reads. Entries are newest first, name the person (null: the system) and say what
// happened, before → after in words, in the viewer's language; pages work; a list of tasks with
// their timelines sends as many SQL statements for 2 tasks as for 6.
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../prisma/client.ts';
import { createApi } from '../../api/src/yoga.ts';
import { lazyTemporalClient, temporalCommands } from '../../api/src/temporal.ts';
import { createApiHarness } from '../helpers/api.ts';
import { createInspectionFixtures, createIssuedPlan } from '../helpers/fixtures.ts';

let api: Awaited<ReturnType<typeof createApiHarness>>;
let staff: Awaited<ReturnType<typeof createInspectionFixtures>>['staff'];
let planId: string;
let steering: string;
let head: string;
let taskId: string;

const TIMELINE = `query($id: ID!, $first: Int, $after: String) {
  task(id: $id) {
    timeline(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id at action summary actor { id name } } }
    }
  }
}`;

interface Entry {
  id: string;
  at: string;
  action: string;
  summary: string;
  actor: { id: string; name: string } | null;
}
interface Timeline {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: Entry }[];
}

async function timeline(
  cookie: string,
  id: string,
  options: { locale?: string; first?: number; after?: string } = {},
) {
  const result = await api.gql<{ task: { timeline: Timeline } | null }>(
    TIMELINE,
    { id, first: options.first ?? 50, after: options.after ?? null },
    // The chosen language (cookie) comes before the user's own.
    { cookie: `${cookie}; rt_locale=${options.locale ?? 'en'}` },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.task?.timeline ?? null;
}

async function command(cookie: string, mutation: string, input: Record<string, unknown>) {
  const name = /^\s*(\w+)/.exec(mutation.replace(/^mutation[^{]*\{/, ''))![1]!;
  const result = await api.gql<Record<string, { __typename: string; message?: string }>>(
    `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) {
      ${name}(input: $input) { __typename ... on Error { message } }
    }`,
    { input },
    { cookie },
  );
  expect(result.errors).toBeUndefined();
  expect(result.data![name]!.__typename, JSON.stringify(result.data)).toBe('Task');
}

async function createTask(title: string, dueDate = '2099-06-30'): Promise<string> {
  const result = await api.gql<{ createTask: { __typename: string; id?: string } }>(
    `mutation($input: CreateTaskInput!) { createTask(input: $input) { __typename ... on Task { id } } }`,
    {
      input: {
        requestId: randomUUID(),
        planId,
        areaId: api.fixtures.area.id,
        assigneeUnitId: api.fixtures.units.commune.id,
        title,
        dueDate,
      },
    },
    { cookie: steering },
  );
  expect(result.data?.createTask.__typename).toBe('Task');
  return result.data!.createTask.id!;
}

beforeAll(async () => {
  api = await createApiHarness();
  ({ staff } = await createInspectionFixtures(api.db.prisma, api.fixtures));
  planId = await createIssuedPlan(api.db.prisma, api.fixtures);
  steering = await api.login(api.fixtures.users.steering.email);
  head = await api.login(api.fixtures.users.head.email);

  // One task through its whole story: assigned, accepted naming a staff member, 30 % then 60 %,
  // an extension asked for and granted, submitted, returned with a reason.
  taskId = await createTask('Số hoá hồ sơ một cửa');
  await command(head, 'acceptTask', { taskId, responsibleUserId: staff.id });
  await command(head, 'reportProgress', { taskId, percent: 30, note: 'Đã số hoá 30 %' });
  await command(head, 'reportProgress', { taskId, percent: 60, note: 'Đã số hoá 60 %' });
  await command(head, 'requestTaskExtension', {
    taskId,
    newDueDate: '2099-07-31',
    reason: 'Chờ cấp máy quét',
  });
  await command(steering, 'decideTaskExtension', { taskId, grant: true });
  await command(head, 'reportProgress', { taskId, percent: 100, note: 'Xong' });
  await command(head, 'submitTask', { taskId, note: 'Đã hoàn thành số hoá' });
  await command(steering, 'reviewTask', { taskId, decision: 'RETURN', reason: 'Thiếu biên bản nghiệm thu' });
  // A reminder, as the task workflow's deadline timer writes it (actor: the system).
  await api.db.prisma.auditEvent.create({
    data: {
      eventId: `task-${taskId}:deadline:test-reminder`,
      actorId: null,
      action: 'task.deadline.reminder',
      entityType: 'Task',
      entityId: taskId,
      after: {
        escalationLevel: 0,
        event: { kind: 'reminder', on: '2099-07-24', at: 0, workingDaysLeft: 5 },
      },
      at: new Date(Date.now() + 60_000),
    },
  });
}, 120_000);
afterAll(() => api?.close());

describe('Task.timeline', () => {
  it('says what happened, newest first, with who did it and before → after in words (English)', async () => {
    const entries = (await timeline(head, taskId))!.edges.map((edge) => edge.node);
    const { users } = api.fixtures;
    expect(entries.map((entry) => [entry.action, entry.actor?.name ?? null, entry.summary])).toEqual([
      ['task.deadline.reminder', null, 'Reminder sent: 5 working days left'],
      ['task.returned', users.steering.name, 'Returned: Thiếu biên bản nghiệm thu'],
      ['task.submitted', users.head.name, 'Submitted for review; Status: In progress → Submitted'],
      ['task.progressReported', users.head.name, 'Progress 60% → 100%'],
      [
        'task.extensionGranted',
        users.steering.name,
        'Extension granted: due date moved from 30/06/2099 to 31/07/2099',
      ],
      [
        'task.extensionRequested',
        users.head.name,
        'Extension requested from 30/06/2099 to 31/07/2099: Chờ cấp máy quét',
      ],
      ['task.progressReported', users.head.name, 'Progress 30% → 60%'],
      ['task.progressReported', users.head.name, 'Progress 0% → 30%; Status: Accepted → In progress'],
      ['task.accepted', users.head.name, `Accepted; responsible official: ${staff.name}`],
      ['task.assigned', users.steering.name, 'Assigned to Xã Phương Định, due 30/06/2099'],
    ]);
    for (let index = 1; index < entries.length; index += 1) {
      expect(Date.parse(entries[index - 1]!.at)).toBeGreaterThanOrEqual(Date.parse(entries[index]!.at));
    }
  });

  it('in Vietnamese: dates dd/mm/yyyy, percentages with a space', async () => {
    const summaries = (await timeline(head, taskId, { locale: 'vi' }))!.edges.map(
      (edge) => edge.node.summary,
    );
    expect(summaries).toContain('Nhắc hạn: còn 5 ngày làm việc');
    expect(summaries).toContain('Bị trả lại: Thiếu biên bản nghiệm thu');
    expect(summaries).toContain('Tiến độ 30\u00a0% → 60\u00a0%');
    expect(summaries).toContain('Tiến độ 0\u00a0% → 30\u00a0%; Trạng thái: Đã tiếp nhận → Đang thực hiện');
    expect(summaries).toContain('Đồng ý gia hạn: hạn hoàn thành chuyển từ 30/06/2099 sang 31/07/2099');
    expect(summaries).toContain('Giao cho Xã Phương Định, hạn 30/06/2099');
    expect(summaries).toContain(`Đã tiếp nhận; người phụ trách: ${staff.name}`);
  });

  it('pages with first / after; totalCount counts every entry', async () => {
    const all = (await timeline(steering, taskId))!;
    expect(all.totalCount).toBe(10);
    const first = (await timeline(steering, taskId, { first: 4 }))!;
    expect(first.totalCount).toBe(10);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await timeline(steering, taskId, { first: 4, after: first.pageInfo.endCursor! }))!;
    const third = (await timeline(steering, taskId, { first: 4, after: second.pageInfo.endCursor! }))!;
    expect(third.pageInfo.hasNextPage).toBe(false);
    expect([...first.edges, ...second.edges, ...third.edges].map((edge) => edge.node.id)).toEqual(
      all.edges.map((edge) => edge.node.id),
    );
  });

  it('a page over 200 and a made-up position are refused, in the viewer’s language', async () => {
    const tooLarge = await api.gql(TIMELINE, { id: taskId, first: 201 }, { cookie: `${head}; rt_locale=vi` });
    expect(tooLarge.errors?.[0]?.extensions?.code).toBe('PAGE_TOO_LARGE');
    expect(tooLarge.errors?.[0]?.message).toMatch(/tối đa là 200/);
    const badCursor = await api.gql(TIMELINE, { id: taskId, after: 'not-a-cursor' }, { cookie: head });
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_CURSOR');
    expect(badCursor.errors?.[0]?.message).toMatch(/not a valid page position/);
  });

  it('is seen exactly where its task is: not by another commune’s head or committee, nor signed out', async () => {
    const otherHead = await api.login(api.fixtures.users.otherHead.email);
    const otherSteering = await api.login(api.fixtures.users.otherSteering.email);
    expect(await timeline(otherHead, taskId)).toBeNull();
    expect(await timeline(otherSteering, taskId)).toBeNull();
    // Nor through the lists: the task is not in their `tasks`, and the plan is not theirs.
    const listed = await api.gql<{ tasks: { edges: { node: { id: string } }[] }; plan: unknown }>(
      `query($plan: ID!) {
        tasks(first: 200, includeClosed: true) { edges { node { id timeline(first: 1) { totalCount } } } }
        plan(id: $plan) { id timeline(first: 1) { totalCount } }
      }`,
      { plan: planId },
      { cookie: otherHead },
    );
    expect(listed.data!.tasks.edges.map((edge) => edge.node.id)).not.toContain(taskId);
    expect(listed.data!.plan).toBeNull();
    const anonymous = await api.gql(TIMELINE, { id: taskId });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
  it('a report that leaves the figure unchanged still says what was reported', async () => {
    const same = await createTask('Báo cáo không đổi');
    await command(head, 'acceptTask', { taskId: same, responsibleUserId: staff.id });
    await command(head, 'reportProgress', { taskId: same, percent: 55, note: 'Đang làm' });
    await command(head, 'reportProgress', { taskId: same, percent: 55, note: 'Chưa thêm được' });
    const en = (await timeline(steering, same))!.edges.map((edge) => edge.node.summary);
    expect(en[0]).toBe('Progress reported: 55%');
    const vi = (await timeline(steering, same, { locale: 'vi' }))!.edges.map((edge) => edge.node.summary);
    expect(vi[0]).toMatch(/^Báo cáo tiến độ: 55\s%$/);
  });
  it('a reassignment names both units; a cancellation says so; both give the reason', async () => {
    const moved = await createTask('Chuyển giao thử');
    await command(steering, 'reassignTask', {
      taskId: moved,
      assigneeUnitId: api.fixtures.units.town.id,
      reason: 'Thị trấn làm đầu mối',
    });
    await command(steering, 'cancelTask', { taskId: moved, reason: 'Không còn cần thiết' });
    const en = (await timeline(steering, moved))!.edges.map((edge) => [edge.node.action, edge.node.summary]);
    // Both say why: the reason the committee gave is in the audit trail.
    expect(en[0]).toEqual(['task.cancelled', expect.stringMatching(/^Cancelled.*Không còn cần thiết$/)]);
    expect(en[1]).toEqual([
      'task.reassigned',
      expect.stringMatching(/^Reassigned from Xã Phương Định to Thị trấn Cát Thành.*Thị trấn làm đầu mối$/),
    ]);
    const vi = (await timeline(steering, moved, { locale: 'vi' }))!.edges.map((edge) => edge.node.summary);
    expect(vi[1]).toMatch(/^Chuyển giao từ Xã Phương Định sang Thị trấn Cát Thành/);
    // The town's head now sees the task and its whole timeline; the commune's head no longer does.
    const townHead = await api.login(api.fixtures.users.townHead.email);
    expect((await timeline(townHead, moved))!.totalCount).toBe(3);
    expect(await timeline(head, moved)).toBeNull();
  });
});

describe('ReformPlan.timeline', () => {
  it('the plan’s own events: issued, phases, reports requested by the system', async () => {
    const at = (minutes: number) => new Date(Date.UTC(2099, 0, 1, 0, minutes));
    await api.db.prisma.auditEvent.createMany({
      data: [
        {
          eventId: `plan-${planId}:issued:test`,
          actorId: api.fixtures.users.steering.id,
          action: 'plan.issued',
          entityType: 'ReformPlan',
          entityId: planId,
          after: { status: 'ISSUED' },
          at: at(1),
        },
        {
          eventId: `plan-${planId}:reports:test`,
          actorId: null,
          action: 'plan.reportsRequested',
          entityType: 'ReformPlan',
          entityId: planId,
          after: { period: 2, notified: 3 },
          at: at(2),
        },
        {
          eventId: `plan-${planId}:phase:test`,
          actorId: null,
          action: 'plan.phase.ASSESSMENT',
          entityType: 'ReformPlan',
          entityId: planId,
          before: { status: 'ISSUED' },
          after: { status: 'ASSESSMENT' },
          at: at(3),
        },
        // Bookkeeping of the demo data, not something that happened to the plan.
        {
          eventId: `plan-${planId}:demo`,
          action: 'demo.driven',
          entityType: 'ReformPlan',
          entityId: planId,
          at: at(4),
        },
      ],
    });
    const result = await api.gql<{
      plan: { timeline: { totalCount: number; edges: { node: Entry }[] } } | null;
    }>(
      `query($id: ID!) { plan(id: $id) { timeline { totalCount edges { node { action summary actor { name } } } } } }`,
      { id: planId },
      { cookie: `${head}; rt_locale=vi` },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.plan!.timeline.totalCount).toBe(3);
    expect(
      result.data!.plan!.timeline.edges.map((edge) => [
        edge.node.action,
        edge.node.actor?.name ?? null,
        edge.node.summary,
      ]),
    ).toEqual([
      ['plan.phase.ASSESSMENT', null, 'Giai đoạn: Đã ban hành → Tự đánh giá'],
      ['plan.reportsRequested', null, 'Yêu cầu báo cáo kỳ 2: đã báo cho 3 người'],
      ['plan.issued', api.fixtures.users.steering.name, 'Ban hành kế hoạch'],
    ]);
  });
});

describe('SQL statements', () => {
  it('a list of tasks with their timelines sends as many statements with 4 more tasks', async () => {
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
          query: `{ tasks(first: 50, includeClosed: true) { edges { node { id
            timeline(first: 20) { totalCount edges { node { at action summary actor { id name } } } }
          } } } }`,
        }),
      });
      const body = (await response.json()) as {
        errors?: unknown;
        data: { tasks: { edges: { node: { timeline: { totalCount: number } } }[] } };
      };
      expect(body.errors).toBeUndefined();
      return { count: statements - before, tasks: body.data.tasks.edges.length };
    };
    try {
      await createTask('Niêm yết thủ tục');
      const small = await measure();
      for (const title of ['Một', 'Hai', 'Ba', 'Bốn']) {
        const id = await createTask(`Nhiệm vụ ${title}`);
        await command(head, 'acceptTask', { taskId: id, responsibleUserId: staff.id });
        await command(head, 'reportProgress', { taskId: id, percent: 40, note: 'Đang làm' });
      }
      const large = await measure();
      expect(small.tasks).toBeGreaterThanOrEqual(2);
      expect(large.tasks).toBe(small.tasks + 4);
      console.log(
        `SQL statements for tasks with timelines (${small.tasks} vs ${large.tasks} tasks):`,
        small.count,
        large.count,
      );
      expect(large.count).toBe(small.count);
      // Session, tasks, their events, counts, people, units, returned reports' reasons.
      expect(small.count).toBeLessThanOrEqual(12);
    } finally {
      await prisma.$disconnect();
      await pool.end();
    }
  }, 120_000);
});
