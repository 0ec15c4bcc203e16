// "My work" and the committee's review queue, through yoga.fetch on the real schema and a real
// PostgreSQL, with the API's clock set by the test (today is a day in Vietnam, UTC+7).
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../prisma/client.ts';
import { createAuthApi } from '../helpers/auth-api.ts';

let api: Awaited<ReturnType<typeof createAuthApi>>;

beforeAll(async () => {
  api = await createAuthApi();
});
afterAll(() => api?.close());

const day = (date: string) => new Date(`${date}T00:00:00.000Z`);

/** A task row of an issued or draft plan (reads need no workflow). */
async function task(
  title: string,
  dueDate: string,
  options: {
    unitId?: string;
    planId?: string;
    status?: 'ASSIGNED' | 'IN_PROGRESS' | 'SUBMITTED' | 'RETURNED' | 'COMPLETED' | 'CANCELLED';
  } = {},
) {
  const { fixtures } = api;
  return api.db.prisma.task.create({
    data: {
      planId: options.planId ?? fixtures.plan.id,
      areaId: fixtures.area.id,
      assigneeUnitId: options.unitId ?? fixtures.units.commune.id,
      title,
      dueDate: day(dueDate),
      status: options.status ?? 'IN_PROGRESS',
      createdById: fixtures.users.steering.id,
    },
  });
}

async function as<T>(email: string, query: string, variables: Record<string, unknown> = {}) {
  const cookie = await api.signIn(email);
  const { body } = await api.gql(query, variables, { cookie });
  return body as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
}

const MY_WORK = `query($first: Int, $after: String) {
  myWork(first: $first, after: $after) {
    totalCount
    counts { overdue dueSoon later }
    pageInfo { hasNextPage endCursor }
    edges { node { title dueDate urgency workingDaysLeft } }
  }
}`;

interface MyWork {
  myWork: {
    totalCount: number;
    counts: { overdue: number; dueSoon: number; later: number };
    pageInfo: { hasNextPage: boolean; endCursor: string };
    edges: { node: { title: string; dueDate: string; urgency: string; workingDaysLeft: number } }[];
  };
}

describe('my work', () => {
  let closedId = '';
  beforeAll(async () => {
    const { fixtures } = api;
    // 1 and 2 September 2026 (Tuesday, Wednesday): National Day.
    await api.db.prisma.holiday.createMany({
      data: [
        { date: day('2026-09-01'), nameVi: 'Nghỉ Quốc khánh', nameEn: 'National Day holiday' },
        { date: day('2026-09-02'), nameVi: 'Quốc khánh', nameEn: 'National Day' },
      ],
    });
    // Made in a shuffled order, so the answer's order is the API's.
    await task('g: due Wednesday 9 September', '2026-09-09');
    await task('c: due today, Friday 28 August', '2026-08-28');
    await task('a: due Friday 21 August', '2026-08-21');
    await task('f: due Tuesday 8 September', '2026-09-08');
    await task('d: due Sunday 30 August', '2026-08-30');
    await task('b: due Thursday 27 August', '2026-08-27');
    await task('e: due on National Day', '2026-09-02');
    // Not "my work": closed, another unit's, a draft's.
    closedId = (await task('closed', '2026-08-20', { status: 'COMPLETED' })).id;
    await task('cancelled', '2026-08-20', { status: 'CANCELLED' });
    await task('the town’s', '2026-08-20', { unitId: fixtures.units.town.id });
    const draft = await api.db.prisma.reformPlan.create({
      data: {
        year: 2026,
        title: 'Dự thảo',
        issuingUnitId: fixtures.units.district.id,
        createdById: fixtures.users.steering.id,
      },
    });
    await task('a draft’s', '2026-08-20', { planId: draft.id });
    // 00:30 on Friday 28 August in Vietnam (still Thursday in UTC).
    api.clock.now = new Date('2026-08-27T17:30:00Z');
  });

  it('puts overdue tasks first, then those due within 5 working days, then later ones, counting in working days around a weekend and a holiday', async () => {
    const result = await as<MyWork>('head@test.demo', MY_WORK, { first: 50 });
    expect(result.errors).toBeUndefined();
    expect(result.data!.myWork.edges.map((edge) => edge.node)).toEqual([
      { title: 'a: due Friday 21 August', dueDate: '2026-08-21', urgency: 'OVERDUE', workingDaysLeft: -5 },
      { title: 'b: due Thursday 27 August', dueDate: '2026-08-27', urgency: 'OVERDUE', workingDaysLeft: -1 },
      {
        title: 'c: due today, Friday 28 August',
        dueDate: '2026-08-28',
        urgency: 'DUE_SOON',
        workingDaysLeft: 0,
      },
      { title: 'd: due Sunday 30 August', dueDate: '2026-08-30', urgency: 'DUE_SOON', workingDaysLeft: 0 },
      // Monday 31 August is the only working day up to it.
      { title: 'e: due on National Day', dueDate: '2026-09-02', urgency: 'DUE_SOON', workingDaysLeft: 1 },
      // 31 Aug, 3, 4, 7, 8 Sep: five working days thanks to the holidays (seven without them).
      { title: 'f: due Tuesday 8 September', dueDate: '2026-09-08', urgency: 'DUE_SOON', workingDaysLeft: 5 },
      { title: 'g: due Wednesday 9 September', dueDate: '2026-09-09', urgency: 'LATER', workingDaysLeft: 6 },
    ]);
    expect(result.data!.myWork.counts).toEqual({ overdue: 2, dueSoon: 4, later: 1 });
    expect(result.data!.myWork.totalCount).toBe(7);
  });

  it('pages with a cursor, the total and the counts the same on every page', async () => {
    const titles: string[][] = [];
    let after: string | null = null;
    for (;;) {
      const result: { data?: MyWork } = await as<MyWork>('head@test.demo', MY_WORK, { first: 3, after });
      const page: MyWork['myWork'] = result.data!.myWork;
      expect(page.totalCount).toBe(7);
      expect(page.counts).toEqual({ overdue: 2, dueSoon: 4, later: 1 });
      titles.push(page.edges.map((edge) => edge.node.title[0]!));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(titles).toEqual([['a', 'b', 'c'], ['d', 'e', 'f'], ['g']]);
  });

  it('on a Saturday, a task due the day before is overdue by no working day yet', async () => {
    api.clock.now = new Date('2026-08-29T03:00:00Z'); // Saturday 10:00 in Vietnam
    try {
      const result = await as<MyWork>('head@test.demo', MY_WORK, { first: 4 });
      expect(
        result.data!.myWork.edges.map((edge) => [
          edge.node.title[0],
          edge.node.urgency,
          edge.node.workingDaysLeft,
        ]),
      ).toEqual([
        ['a', 'OVERDUE', -5],
        ['b', 'OVERDUE', -1],
        ['c', 'OVERDUE', 0],
        ['d', 'DUE_SOON', 0],
      ]);
      expect(result.data!.myWork.counts).toEqual({ overdue: 3, dueSoon: 3, later: 1 });
    } finally {
      api.clock.now = new Date('2026-08-27T17:30:00Z');
    }
  });

  it('reads the Holiday table at each request: without the National Day holidays, 8 September is later', async () => {
    const holidays = await api.db.prisma.holiday.findMany();
    await api.db.prisma.holiday.deleteMany();
    try {
      const result = await as<MyWork>('head@test.demo', MY_WORK, { first: 50 });
      const f = result.data!.myWork.edges.find((edge) => edge.node.title.startsWith('f'))!.node;
      expect([f.urgency, f.workingDaysLeft]).toEqual(['LATER', 7]);
      expect(result.data!.myWork.counts).toEqual({ overdue: 2, dueSoon: 3, later: 2 });
    } finally {
      await api.db.prisma.holiday.createMany({ data: holidays });
    }
  });

  it('gives a closed task no urgency, wherever a task is shown', async () => {
    const result = await as<{
      task: { status: string; urgency: string | null; workingDaysLeft: number | null };
    }>('head@test.demo', `query($id: ID!) { task(id: $id) { status urgency workingDaysLeft } }`, {
      id: closedId,
    });
    expect(result.data!.task).toEqual({ status: 'COMPLETED', urgency: null, workingDaysLeft: null });
  });

  it('is each unit’s own: the town’s head sees the town’s task only', async () => {
    const result = await as<MyWork>('townhead@test.demo', MY_WORK, { first: 50 });
    expect(result.data!.myWork.edges.map((edge) => edge.node.title)).toEqual(['the town’s']);
    expect(result.data!.myWork.counts).toEqual({ overdue: 1, dueSoon: 0, later: 0 });
  });

  it('is refused to a role that has no unit work of its own (the committee)', async () => {
    const result = await as<MyWork>('steering@test.demo', MY_WORK, { first: 50 });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(result.data?.myWork).toBeUndefined();
  });
});

const REVIEW_QUEUE = `query($first: Int, $after: String) {
  reviewQueue(first: $first, after: $after) {
    totalCount
    counts { reports extensions }
    pageInfo { hasNextPage endCursor }
    edges { node { kind since task { title } report { id percent } requestedDueDate reason } }
  }
}`;

interface ReviewQueue {
  reviewQueue: {
    totalCount: number;
    counts: { reports: number; extensions: number };
    pageInfo: { hasNextPage: boolean; endCursor: string };
    edges: {
      node: {
        kind: string;
        since: string;
        task: { title: string };
        report: { id: string; percent: number } | null;
        requestedDueDate: string | null;
        reason: string | null;
      };
    }[];
  };
}

describe('the review queue', () => {
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const { fixtures } = api;
    const prisma = api.db.prisma;
    const report = (taskId: string, at: string, fields: Record<string, unknown> = {}) =>
      prisma.progressReport.create({
        data: {
          taskId,
          authorId: fixtures.users.head.id,
          percent: 100,
          isCompletion: true,
          createdAt: new Date(at),
          ...fields,
        },
      });
    const second = await task('submitted second', '2026-10-30', { status: 'SUBMITTED' });
    await report(second.id, '2026-08-10T02:00:00Z', { percent: 60, isCompletion: false });
    ids.second = (await report(second.id, '2026-08-20T02:00:00Z')).id;
    const third = await task('submitted third', '2026-10-30', {
      status: 'SUBMITTED',
      unitId: fixtures.units.town.id,
    });
    ids.third = (await report(third.id, '2026-08-25T02:00:00Z')).id;
    const first = await task('extension asked first', '2026-09-15');
    await prisma.extension.create({
      data: {
        taskId: first.id,
        requestedById: fixtures.users.head.id,
        requestedDueDate: day('2026-10-15'),
        reason: 'Chờ phần mềm một cửa',
        createdAt: new Date('2026-08-18T02:00:00Z'),
      },
    });
    // Not waiting: a decided extension, a returned report, a closed task's request.
    const decided = await task('extension decided', '2026-09-15');
    await prisma.extension.create({
      data: {
        taskId: decided.id,
        requestedById: fixtures.users.head.id,
        requestedDueDate: day('2026-10-15'),
        reason: 'Đã quyết',
        status: 'GRANTED',
      },
    });
    const returned = await task('returned', '2026-09-15', { status: 'RETURNED' });
    await report(returned.id, '2026-08-19T02:00:00Z', {
      reviewOutcome: 'RETURNED',
      reviewReason: 'Thiếu minh chứng',
    });
    const cancelled = await task('cancelled with a request', '2026-09-15', { status: 'CANCELLED' });
    await prisma.extension.create({
      data: {
        taskId: cancelled.id,
        requestedById: fixtures.users.head.id,
        requestedDueDate: day('2026-10-15'),
        reason: '—',
      },
    });
    // Another district's plan: its committee's queue, not this one's.
    const otherPlan = await prisma.reformPlan.create({
      data: {
        year: 2026,
        title: 'Kế hoạch Hải Hậu',
        issuingUnitId: fixtures.units.otherDistrict.id,
        createdById: fixtures.users.otherSteering.id,
        status: 'ISSUED',
        issuedAt: new Date('2026-01-05T00:00:00Z'),
      },
    });
    const other = await task('Hải An submitted', '2026-10-30', {
      status: 'SUBMITTED',
      planId: otherPlan.id,
      unitId: fixtures.units.otherCommune.id,
    });
    await report(other.id, '2026-08-01T02:00:00Z');
  });

  it('lists the issuing unit’s waiting reports and extension requests, oldest first, with counts', async () => {
    const result = await as<ReviewQueue>('steering@test.demo', REVIEW_QUEUE, { first: 50 });
    expect(result.errors).toBeUndefined();
    expect(result.data!.reviewQueue.edges.map((edge) => edge.node)).toEqual([
      {
        kind: 'EXTENSION',
        since: '2026-08-18T02:00:00.000Z',
        task: { title: 'extension asked first' },
        report: null,
        requestedDueDate: '2026-10-15',
        reason: 'Chờ phần mềm một cửa',
      },
      {
        kind: 'REPORT',
        since: '2026-08-20T02:00:00.000Z',
        task: { title: 'submitted second' },
        report: { id: ids.second, percent: 100 },
        requestedDueDate: null,
        reason: null,
      },
      {
        kind: 'REPORT',
        since: '2026-08-25T02:00:00.000Z',
        task: { title: 'submitted third' },
        report: { id: ids.third, percent: 100 },
        requestedDueDate: null,
        reason: null,
      },
    ]);
    expect(result.data!.reviewQueue.counts).toEqual({ reports: 2, extensions: 1 });
    expect(result.data!.reviewQueue.totalCount).toBe(3);
  });

  it('pages with a cursor', async () => {
    const first = await as<ReviewQueue>('steering@test.demo', REVIEW_QUEUE, { first: 2 });
    const page1 = first.data!.reviewQueue;
    expect(page1.edges.map((edge) => edge.node.task.title)).toEqual([
      'extension asked first',
      'submitted second',
    ]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const next = await as<ReviewQueue>('steering@test.demo', REVIEW_QUEUE, {
      first: 2,
      after: page1.pageInfo.endCursor,
    });
    const page2 = next.data!.reviewQueue;
    expect(page2.edges.map((edge) => edge.node.task.title)).toEqual(['submitted third']);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect(page2.totalCount).toBe(3);
  });

  it('pages backwards with last and before, still oldest first within a page', async () => {
    const LAST = `query($before: String) {
      reviewQueue(last: 2, before: $before) { pageInfo { hasPreviousPage startCursor } edges { node { task { title } } } }
    }`;
    type Back = {
      reviewQueue: {
        pageInfo: { hasPreviousPage: boolean; startCursor: string };
        edges: { node: { task: { title: string } } }[];
      };
    };
    const last = (await as<Back>('steering@test.demo', LAST)).data!.reviewQueue;
    expect(last.edges.map((edge) => edge.node.task.title)).toEqual(['submitted second', 'submitted third']);
    expect(last.pageInfo.hasPreviousPage).toBe(true);
    const earlier = (await as<Back>('steering@test.demo', LAST, { before: last.pageInfo.startCursor })).data!
      .reviewQueue;
    expect(earlier.edges.map((edge) => edge.node.task.title)).toEqual(['extension asked first']);
    expect(earlier.pageInfo.hasPreviousPage).toBe(false);
  });

  it('a forged page position is refused by name', async () => {
    const forged = Buffer.from('GPC:J:["yesterday","REPORT",1]').toString('base64');
    const result = await as<ReviewQueue>('steering@test.demo', REVIEW_QUEUE, { first: 2, after: forged });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_CURSOR');
  });

  it('another district’s committee sees its own plan’s items only', async () => {
    const result = await as<ReviewQueue>('othersteering@test.demo', REVIEW_QUEUE, { first: 50 });
    expect(result.data!.reviewQueue.edges.map((edge) => edge.node.task.title)).toEqual(['Hải An submitted']);
    expect(result.data!.reviewQueue.counts).toEqual({ reports: 1, extensions: 0 });
  });

  it('is refused to unit heads', async () => {
    const result = await as<ReviewQueue>('head@test.demo', REVIEW_QUEUE, { first: 50 });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('limits and SQL statements', () => {
  const MY_WORK_PAGE = `{ myWork(first: 50) {
    totalCount counts { overdue dueSoon later }
    edges { node { id title dueDate urgency workingDaysLeft plan { title } assigneeUnit { name } } }
  } }`;
  const REVIEW_PAGE = `{ reviewQueue(first: 50) {
    totalCount counts { reports extensions }
    edges { node { kind since requestedDueDate reason task { id title assigneeUnit { name } plan { title } } report { percent authorName } } }
  } }`;

  it('a page over 200 is refused, never clamped, on both queries', async () => {
    const head = await as('head@test.demo', `{ myWork(first: 201) { totalCount } }`);
    expect(head.errors?.[0]?.extensions?.code).toBe('PAGE_TOO_LARGE');
    const steering = await as('steering@test.demo', `{ reviewQueue(first: 201) { totalCount } }`);
    expect(steering.errors?.[0]?.extensions?.code).toBe('PAGE_TOO_LARGE');
  });

  it('each page sends the same number of SQL statements with 20 more items of each kind', async () => {
    const pool = new pg.Pool({ connectionString: api.db.url, max: 3 });
    let statements = 0;
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        statements += 1;
        return query(...args);
      };
    });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    const yoga = api.api({ prisma });
    try {
      const count = async (email: string, query: string) => {
        const cookie = await api.signIn(email, { yoga });
        statements = 0;
        const { body } = await api.gql(query, {}, { cookie, yoga });
        expect(body.errors).toBeUndefined();
        return statements;
      };
      const before = [
        await count('head@test.demo', MY_WORK_PAGE),
        await count('steering@test.demo', REVIEW_PAGE),
      ];
      for (let i = 0; i < 20; i += 1) {
        await task(`more work ${i}`, '2026-09-30');
        const submitted = await task(`more submitted ${i}`, '2026-09-30', { status: 'SUBMITTED' });
        await api.db.prisma.progressReport.create({
          data: {
            taskId: submitted.id,
            authorId: api.fixtures.users.head.id,
            percent: 100,
            isCompletion: true,
          },
        });
      }
      const after = [
        await count('head@test.demo', MY_WORK_PAGE),
        await count('steering@test.demo', REVIEW_PAGE),
      ];
      expect(after).toEqual(before);
      console.log(
        `SQL statements per page (session lookup included): myWork ${before[0]}, reviewQueue ${before[1]}`,
      );
    } finally {
      await prisma.$disconnect();
      await pool.end();
    }
  });
});
