// The pages' queries send a fixed number of SQL statements, however many plans, tasks and units
// there are: aggregates are batched per request, relations loaded per level. Statements are
// counted on the pg connections Prisma's driver adapter uses.
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PrismaClient, type Unit } from '../../prisma/client.ts';
import { createApi } from '../../api/src/yoga.ts';
import { lazyTemporalClient, temporalCommands } from '../../api/src/temporal.ts';
import { print } from 'graphql';
import { DASHBOARD_QUERY, PLAN_PAGE_QUERY, TASK_LIST_QUERY } from '../../web/src/lib/queries.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createFixtures } from '../helpers/fixtures.ts';

let db: TestDatabase;
let fixtures: Awaited<ReturnType<typeof createFixtures>>;
let pool: pg.Pool;
let prisma: PrismaClient;
let api: ReturnType<typeof createApi>;
let cookie: string;
let statements = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  fixtures = await createFixtures(db.prisma);
  pool = new pg.Pool({ connectionString: db.url, max: 3 });
  // Every statement Prisma sends goes through a pooled client's query().
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      statements += 1;
      return query(...args);
    };
  });
  prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  // Reads only: the Temporal client is never connected.
  api = createApi({
    prisma,
    commands: temporalCommands(lazyTemporalClient({ address: '127.0.0.1:1', namespace: 'default' })),
    production: true,
  });
  const login = await api.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { __typename } }`,
      variables: { e: fixtures.users.steering.email, p: fixtures.password },
    }),
  });
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
});
afterAll(async () => {
  await prisma?.$disconnect();
  await pool?.end();
  await db?.drop();
});

const units: Unit[] = [];
const planIds: string[] = [];

/** Grows the district's world to `size` communes and `size` issued plans, each plan with two tasks per commune. */
async function growTo(size: number): Promise<void> {
  const { district } = fixtures.units;
  while (units.length < size) {
    const id = randomUUID();
    units.push(
      await db.prisma.unit.create({
        data: {
          id,
          code: `Q-${units.length}`,
          name: `Xã ${units.length}`,
          level: 'COMMUNE',
          parentId: district.id,
          path: `${district.path}${id}/`,
        },
      }),
    );
  }
  while (planIds.length < size) {
    const plan = await db.prisma.reformPlan.create({
      data: {
        title: `Kế hoạch ${planIds.length}`,
        year: 2030 + planIds.length,
        issuingUnitId: district.id,
        createdById: fixtures.users.steering.id,
        status: 'ISSUED',
        issuedAt: new Date(),
      },
    });
    planIds.push(plan.id);
  }
  const have = await db.prisma.task.findMany({ select: { planId: true, assigneeUnitId: true } });
  const present = new Set(have.map((task) => `${task.planId}/${task.assigneeUnitId}`));
  await db.prisma.task.createMany({
    data: planIds.flatMap((planId) =>
      units
        .filter((unit) => !present.has(`${planId}/${unit.id}`))
        .flatMap((unit, index) =>
          [0, 1].map((second) => ({
            planId,
            areaId: fixtures.area.id,
            assigneeUnitId: unit.id,
            title: `Nhiệm vụ ${unit.code}-${second}`,
            dueDate: new Date(Date.UTC(2031, index % 12, 1 + second)),
            progress: (index * 17 + second * 40) % 101,
            weight: 1 + ((index + second) % 3),
            status: second ? ('IN_PROGRESS' as const) : ('ASSIGNED' as const),
            createdById: fixtures.users.steering.id,
          })),
        ),
    ),
  });
}

/** SQL statements sent while one page's query is answered. */
async function statementsFor(query: string, variables: Record<string, unknown>) {
  const before = statements;
  const response = await api.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown[]; data?: Record<string, unknown> };
  expect(body.errors).toBeUndefined();
  return { count: statements - before, data: body.data! };
}

async function measure() {
  return {
    dashboard: await statementsFor(print(DASHBOARD_QUERY), {}),
    'plan page': await statementsFor(print(PLAN_PAGE_QUERY), { id: planIds[0], after: null }),
    'task list': await statementsFor(print(TASK_LIST_QUERY), { after: null }),
    // What a client needs to choose a task's buttons, on every task of the list.
    'task buttons': await statementsFor(
      `{ tasks(first: 50) { edges { node {
        id responsibleName pendingExtension { requestedDueDate reason }
        viewerCan { accept report submit review requestExtension decideExtension reassign cancel }
      } } } }`,
      {},
    ),
  };
}

it('the dashboard, the plan page and the task list send as many statements for 5× the rows', async () => {
  await growTo(3);
  const small = await measure();
  await growTo(15);
  const large = await measure();

  // The larger world is really there in the answers.
  type Plans = { plans: { totalCount: number } };
  type Plan = { plan: { unitProgress: unknown[]; tasks: { totalCount: number } } };
  expect((small.dashboard.data as Plans).plans.totalCount).toBe(3 + 1);
  expect((large.dashboard.data as Plans).plans.totalCount).toBe(15 + 1);
  expect((small['plan page'].data as Plan).plan.unitProgress).toHaveLength(3);
  expect((large['plan page'].data as Plan).plan.unitProgress).toHaveLength(15);
  expect((large['plan page'].data as Plan).plan.tasks.totalCount).toBe(30);

  const counts = Object.fromEntries(
    Object.keys(small).map((page) => [
      page,
      { small: small[page as keyof typeof small].count, large: large[page as keyof typeof large].count },
    ]),
  );
  console.log('SQL statements per page (3 plans/units vs 15):', counts);
  for (const { small: few, large: many } of Object.values(counts)) {
    expect(many).toBe(few);
    expect(few).toBeLessThanOrEqual(12);
  }
});
