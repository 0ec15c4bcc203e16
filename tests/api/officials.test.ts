// Unit.officials: the live heads and staff of a unit, for naming who carries a task out; shown
// only to viewers who reach the unit, whichever way they got to it; one statement per level.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../api/src/yoga.ts';
import { lazyTemporalClient, temporalCommands } from '../../api/src/temporal.ts';
import { hashPassword } from '../../api/src/passwords.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createFixtures } from '../helpers/fixtures.ts';

let db: TestDatabase;
let fixtures: Awaited<ReturnType<typeof createFixtures>>;
let api: ReturnType<typeof createApi>;
let taskId: string;
const ids: Record<string, string> = {};

async function ask<T>(
  email: string | null,
  query: string,
  variables: Record<string, unknown> = {},
  locale = 'en',
) {
  let cookie = `rt_locale=${locale}`;
  if (email) {
    const login = await api.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { __typename } }`,
        variables: { e: email, p: fixtures.password },
      }),
    });
    cookie = `${login.headers.get('set-cookie')!.split(';')[0]!}; ${cookie}`;
  }
  const response = await api.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
}

interface Official {
  id: string;
  name: string;
  role: string;
  roleLabel: string;
}

const TASK_UNIT = `query($id: ID!) { task(id: $id) { assigneeUnit { id officials { id name role roleLabel } } } }`;
const officialsOnTask = async (email: string, locale = 'en') => {
  const result = await ask<{ task: { assigneeUnit: { officials: Official[] } } | null }>(
    email,
    TASK_UNIT,
    { id: taskId },
    locale,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.task?.assigneeUnit.officials ?? null;
};

beforeAll(async () => {
  db = await createTestDatabase();
  fixtures = await createFixtures(db.prisma);
  api = createApi({
    prisma: db.prisma,
    commands: temporalCommands(lazyTemporalClient({ address: '127.0.0.1:1', namespace: 'default' })),
    production: false,
  });
  const { prisma } = db;
  const { commune, district } = fixtures.units;
  const passwordHash = await hashPassword(fixtures.password);
  const user = async (
    key: string,
    name: string,
    roles: { role: 'UNIT_HEAD' | 'UNIT_STAFF' | 'INSPECTOR'; unitId: string }[],
    active = true,
  ) => {
    const created = await prisma.user.create({
      data: {
        email: `${key}@officials.demo`,
        name,
        passwordHash,
        locale: 'en',
        active,
        roles: { create: roles },
      },
    });
    ids[key] = created.id;
    return created;
  };
  await user('staffa', 'An Văn Cán', [{ role: 'UNIT_STAFF', unitId: commune.id }]);
  await user('staffb', 'Bùi Thị Bộ', [{ role: 'UNIT_STAFF', unitId: commune.id }]);
  // Head and staff both: listed once, as head.
  await user('deputy', 'Đặng Văn Phó', [
    { role: 'UNIT_HEAD', unitId: commune.id },
    { role: 'UNIT_STAFF', unitId: commune.id },
  ]);
  // Not officials of the commune: a deactivated account, an inspector, the district's staff.
  await user('gone', 'Cựu Cán Bộ', [{ role: 'UNIT_STAFF', unitId: commune.id }], false);
  await user('inspector', 'Thanh Tra Huyện', [{ role: 'INSPECTOR', unitId: district.id }]);
  await user('districtstaff', 'Cán Bộ Huyện', [{ role: 'UNIT_STAFF', unitId: district.id }]);
  const task = await prisma.task.create({
    data: {
      id: randomUUID(),
      planId: fixtures.plan.id,
      areaId: fixtures.area.id,
      assigneeUnitId: commune.id,
      title: 'Niêm yết thủ tục',
      dueDate: new Date('2026-12-31T00:00:00Z'),
      createdById: fixtures.users.steering.id,
    },
  });
  taskId = task.id;
});
afterAll(async () => {
  await db?.drop();
});

describe('Unit.officials', () => {
  it('the live heads (first) and staff of the unit, each once, with the role in words', async () => {
    const officials = await officialsOnTask(fixtures.users.head.email);
    expect(officials!.map((o) => [o.name, o.role, o.roleLabel])).toEqual([
      ['Đặng Văn Phó', 'UNIT_HEAD', 'Unit head'],
      [fixtures.users.head.name, 'UNIT_HEAD', 'Unit head'],
      ['An Văn Cán', 'UNIT_STAFF', 'Staff member'],
      ['Bùi Thị Bộ', 'UNIT_STAFF', 'Staff member'],
    ]);
    expect(officials!.map((o) => o.id)).toContain(ids.staffa);
    const vi = await officialsOnTask(fixtures.users.head.email, 'vi');
    expect(vi!.map((o) => o.roleLabel)).toEqual(['Trưởng đơn vị', 'Trưởng đơn vị', 'Cán bộ', 'Cán bộ']);
  });

  it('the committee and an inspector over the unit see them too', async () => {
    expect(await officialsOnTask(fixtures.users.steering.email)).toHaveLength(4);
    expect(await officialsOnTask('inspector@officials.demo')).toHaveLength(4);
  });

  it('a unit the viewer does not reach shows no officials, whichever way it is reached', async () => {
    // The commune head reaches the district's plan (it has their task) and so its issuing unit,
    // but not the district itself: its staff are not listed.
    const viaPlan = await ask<{ plan: { issuingUnit: { id: string; officials: Official[] } } | null }>(
      fixtures.users.head.email,
      `query($id: ID!) { plan(id: $id) { issuingUnit { id officials { id } } } }`,
      { id: fixtures.plan.id },
    );
    expect(viaPlan.errors).toBeUndefined();
    expect(viaPlan.data!.plan!.issuingUnit.id).toBe(fixtures.units.district.id);
    expect(viaPlan.data!.plan!.issuingUnit.officials).toEqual([]);
    // The committee reaches the district: its staff are listed.
    const committee = await ask<{ plan: { issuingUnit: { officials: Official[] } } }>(
      fixtures.users.steering.email,
      `query($id: ID!) { plan(id: $id) { issuingUnit { officials { name } } } }`,
      { id: fixtures.plan.id },
    );
    expect(committee.data!.plan.issuingUnit.officials.map((o) => o.name)).toEqual(['Cán Bộ Huyện']);
    // Another district's committee does not see the task at all.
    expect(await officialsOnTask(fixtures.users.otherSteering.email)).toBeNull();
    // `units` lists only the units a viewer reaches; each with its officials.
    const units = await ask<{ units: { id: string; officials: Official[] }[] }>(
      fixtures.users.townHead.email,
      `{ units { id officials { name } } }`,
    );
    expect(units.data!.units.map((unit) => unit.id)).toEqual([fixtures.units.town.id]);
    expect(units.data!.units[0]!.officials.map((o) => o.name)).toEqual([fixtures.users.townHead.name]);
  });

  it('signed out: UNAUTHENTICATED', async () => {
    const result = await ask(null, `{ units { officials { id } } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
