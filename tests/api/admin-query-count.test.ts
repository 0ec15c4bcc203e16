// The administration pages' queries send a fixed number of SQL statements however many units and
// people there are (relations loaded per level, never per row). Statements are counted on the pg
// connections Prisma's driver adapter uses, as in query-count.test.ts.
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PrismaClient } from '../../prisma/client.ts';
import { createApi } from '../../api/src/yoga.ts';
import { lazyTemporalClient, temporalCommands } from '../../api/src/temporal.ts';
import { hashPassword } from '../../api/src/passwords.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createFixtures } from '../helpers/fixtures.ts';

let db: TestDatabase;
let fixtures: Awaited<ReturnType<typeof createFixtures>>;
let pool: pg.Pool;
let prisma: PrismaClient;
let api: ReturnType<typeof createApi>;
let cookie: string;
let statements = 0;
let communes = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  fixtures = await createFixtures(db.prisma);
  await db.prisma.user.create({
    data: {
      email: 'admin@admin-count.demo',
      name: 'Quản Trị',
      passwordHash: await hashPassword(fixtures.password),
      roles: { create: { role: 'ADMIN', unitId: fixtures.units.province.id } },
    },
  });
  pool = new pg.Pool({ connectionString: db.url, max: 3 });
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
      variables: { e: 'admin@admin-count.demo', p: fixtures.password },
    }),
  });
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
});
afterAll(async () => {
  await prisma?.$disconnect();
  await pool?.end();
  await db?.drop();
});

/** Grows the district to `size` communes, each with a head and a staff member. */
async function growTo(size: number): Promise<void> {
  const { district } = fixtures.units;
  for (; communes < size; communes += 1) {
    const id = randomUUID();
    await db.prisma.unit.create({
      data: {
        id,
        code: `AQ-${communes}`,
        name: `Xã ${communes}`,
        level: 'COMMUNE',
        parentId: district.id,
        path: `${district.path}${id}/`,
        roleAssignments: {
          create: (['UNIT_HEAD', 'UNIT_STAFF'] as const).map((role) => ({
            role,
            user: {
              create: {
                email: `${role}-${communes}@admin-count.demo`,
                name: `Người ${communes}`,
                passwordHash: 'x',
              },
            },
          })),
        },
      },
    });
  }
}

async function statementsFor(query: string, variables: Record<string, unknown> = {}) {
  const before = statements;
  const response = await api.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown[]; data?: Record<string, unknown> };
  expect(body.errors).toBeUndefined();
  return statements - before;
}

const UNIT_PAGE = `query($id: ID!) { adminUnit(id: $id) { id name parent { name administered } mergedInto { name }
  children { id name code level childCount } people { id role user { id name email active } } } }`;
const UNIT_LIST = `{ adminUnits(first: 200) { totalCount edges { node { id name code level depth childCount mergedInto { name } } } } }`;
const PEOPLE = `{ adminUsers(first: 200) { totalCount edges { node { id name email active otherRoleCount
  roles { id role unit { id name } } } } } }`;

async function measure() {
  return {
    'unit page': await statementsFor(UNIT_PAGE, { id: fixtures.units.district.id }),
    'unit list': await statementsFor(UNIT_LIST),
    people: await statementsFor(PEOPLE),
  };
}

it('the unit page, the unit list and the people list send as many statements for 40 communes as for 2', async () => {
  await growTo(2);
  await measure(); // the session's first request may touch it
  const small = await measure();
  await growTo(40);
  const large = await measure();
  expect(large).toEqual(small);
  expect(Math.max(...Object.values(large))).toBeLessThanOrEqual(12);
});
