// The `tasks` list's filters (plan, area, unit subtree, status, overdue, due range) against a real
// PostgreSQL: every filter narrows what the viewer sees and never widens it; bad filters are
// refused in the viewer's language, naming the field.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskStatus } from '../../prisma/client.ts';
import { createApi } from '../../api/src/yoga.ts';
import { lazyTemporalClient, temporalCommands } from '../../api/src/temporal.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createFixtures } from '../helpers/fixtures.ts';

let db: TestDatabase;
let fixtures: Awaited<ReturnType<typeof createFixtures>>;
let api: ReturnType<typeof createApi>;
const cookies = new Map<string, string>();
/** 2026-06-15 10:00 in Vietnam: today is 2026-06-15 there (03:00 UTC). */
const NOW = new Date('2026-06-15T03:00:00Z');

interface Answer {
  data?: { tasks: { totalCount: number; edges: { node: { id: string; title: string } }[] } };
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

async function list(
  who: string,
  filter: Record<string, unknown> | null,
  options: { locale?: string; includeClosed?: boolean; first?: number; after?: string } = {},
): Promise<Answer> {
  const response = await api.fetch('http://test/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      // The chosen language (cookie) comes before the user's own (en for the fixtures' users).
      cookie: `${cookies.get(who)!}; rt_locale=${options.locale ?? 'en'}`,
    },
    body: JSON.stringify({
      query: `query($filter: TaskFilter, $includeClosed: Boolean, $first: Int, $after: String) {
        tasks(filter: $filter, includeClosed: $includeClosed, first: $first, after: $after) {
          totalCount edges { node { id title } }
        }
      }`,
      variables: {
        filter,
        includeClosed: options.includeClosed ?? null,
        first: options.first ?? 50,
        after: options.after ?? null,
      },
    }),
  });
  return (await response.json()) as Answer;
}

async function titles(who: string, filter: Record<string, unknown> | null, includeClosed?: boolean) {
  const answer = await list(who, filter, { includeClosed });
  expect(answer.errors).toBeUndefined();
  const shown = answer.data!.tasks.edges.map((edge) => edge.node.title);
  expect(answer.data!.tasks.totalCount).toBe(shown.length);
  return shown.sort();
}

let otherPlanId: string;
let draftPlanId: string;
let otherAreaId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  fixtures = await createFixtures(db.prisma);
  api = createApi({
    prisma: db.prisma,
    commands: temporalCommands(lazyTemporalClient({ address: '127.0.0.1:1', namespace: 'default' })),
    production: false,
    clock: () => NOW,
  });
  const { prisma } = db;
  const { units, users, area, plan } = fixtures;
  otherAreaId = (
    await prisma.reformArea.create({
      data: {
        code: 'ADMIN_PROCEDURES',
        nameVi: 'Thủ tục hành chính',
        nameEn: 'Administrative procedures',
        sortOrder: 2,
      },
    })
  ).id;
  const otherPlan = await prisma.reformPlan.create({
    data: {
      year: 2026,
      title: 'Kế hoạch chuyển đổi số 2026',
      issuingUnitId: units.district.id,
      createdById: users.steering.id,
      status: 'ISSUED',
      issuedAt: new Date(),
    },
  });
  otherPlanId = otherPlan.id;
  const draft = await prisma.reformPlan.create({
    data: {
      year: 2026,
      title: 'Dự thảo',
      issuingUnitId: units.district.id,
      createdById: users.steering.id,
    },
  });
  draftPlanId = draft.id;
  const task = (
    title: string,
    planId: string,
    unitId: string,
    dueDate: string,
    status: TaskStatus,
    areaId = area.id,
  ) => ({
    id: randomUUID(),
    planId,
    areaId,
    assigneeUnitId: unitId,
    title,
    dueDate: new Date(`${dueDate}T00:00:00Z`),
    status,
    createdById: users.steering.id,
  });
  await prisma.task.createMany({
    data: [
      // Due yesterday in Vietnam, open: overdue.
      task('commune overdue', plan.id, units.commune.id, '2026-06-14', 'IN_PROGRESS'),
      // Due today: not overdue yet.
      task('commune due today', plan.id, units.commune.id, '2026-06-15', 'ASSIGNED'),
      task('commune done late', plan.id, units.commune.id, '2026-06-01', 'COMPLETED'),
      task('commune not completed', plan.id, units.commune.id, '2026-05-01', 'NOT_COMPLETED'),
      task('town later', plan.id, units.town.id, '2026-09-30', 'ACCEPTED', otherAreaId),
      task('district own', otherPlan.id, units.district.id, '2026-07-31', 'SUBMITTED'),
      task('town other plan', otherPlan.id, units.town.id, '2026-06-10', 'RETURNED'),
      task('draft task', draft.id, units.commune.id, '2026-06-10', 'ASSIGNED'),
    ],
  });
  // The other district's plan and task: never in the Trực Ninh viewers' lists.
  const foreign = await prisma.reformPlan.create({
    data: {
      year: 2026,
      title: 'Kế hoạch Hải Hậu',
      issuingUnitId: units.otherDistrict.id,
      createdById: users.otherSteering.id,
      status: 'ISSUED',
      issuedAt: new Date(),
    },
  });
  await prisma.task.create({
    data: task('hai an overdue', foreign.id, units.otherCommune.id, '2026-06-01', 'IN_PROGRESS'),
  });

  for (const [who, user] of Object.entries(users)) {
    const login = await api.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { __typename } }`,
        variables: { e: user.email, p: fixtures.password },
      }),
    });
    cookies.set(who, login.headers.get('set-cookie')!.split(';')[0]!);
  }
});
afterAll(async () => {
  await db?.drop();
});

const OPEN_TRUC_NINH = [
  'commune due today',
  'commune overdue',
  'district own',
  'town later',
  'town other plan',
];

describe('filters', () => {
  it('without a filter: the open tasks of issued plans the viewer sees', async () => {
    expect(await titles('steering', null)).toEqual(OPEN_TRUC_NINH);
    expect(await titles('steering', {})).toEqual(OPEN_TRUC_NINH);
    expect(await titles('head', null)).toEqual(['commune due today', 'commune overdue']);
    expect(await titles('otherSteering', null)).toEqual(['hai an overdue']);
  });

  it('by plan and by area', async () => {
    expect(await titles('steering', { planId: fixtures.plan.id })).toEqual([
      'commune due today',
      'commune overdue',
      'town later',
    ]);
    expect(await titles('steering', { planId: otherPlanId })).toEqual(['district own', 'town other plan']);
    expect(await titles('steering', { areaId: otherAreaId })).toEqual(['town later']);
    expect(await titles('steering', { planId: fixtures.plan.id, areaId: fixtures.area.id })).toEqual([
      'commune due today',
      'commune overdue',
    ]);
  });

  it('by unit: the unit and its whole subtree', async () => {
    expect(await titles('steering', { unitId: fixtures.units.district.id })).toEqual(OPEN_TRUC_NINH);
    expect(await titles('steering', { unitId: fixtures.units.town.id })).toEqual([
      'town later',
      'town other plan',
    ]);
    expect(await titles('steering', { unitId: fixtures.units.commune.id })).toEqual([
      'commune due today',
      'commune overdue',
    ]);
    expect(await titles('head', { unitId: fixtures.units.commune.id })).toEqual([
      'commune due today',
      'commune overdue',
    ]);
  });

  it('by status: named closed statuses are listed too', async () => {
    expect(await titles('steering', { status: ['SUBMITTED', 'RETURNED'] })).toEqual([
      'district own',
      'town other plan',
    ]);
    expect(await titles('steering', { status: ['COMPLETED'] })).toEqual(['commune done late']);
    expect(await titles('steering', { status: [] })).toEqual(OPEN_TRUC_NINH);
    expect(await titles('steering', null, true)).toEqual(
      [...OPEN_TRUC_NINH, 'commune done late', 'commune not completed'].sort(),
    );
  });

  it('overdue: due before today in Vietnam and not closed; false gives the rest', async () => {
    expect(await titles('steering', { overdue: true })).toEqual(['commune overdue', 'town other plan']);
    expect(await titles('steering', { overdue: true }, true)).toEqual(['commune overdue', 'town other plan']);
    expect(await titles('steering', { overdue: false })).toEqual([
      'commune due today',
      'district own',
      'town later',
    ]);
    expect(await titles('steering', { overdue: false }, true)).toEqual([
      'commune done late',
      'commune due today',
      'commune not completed',
      'district own',
      'town later',
    ]);
    expect(await titles('head', { overdue: true })).toEqual(['commune overdue']);
  });

  it('due range, inclusive at both ends, combined with the other filters', async () => {
    expect(await titles('steering', { dueFrom: '2026-06-14', dueTo: '2026-07-31' })).toEqual([
      'commune due today',
      'commune overdue',
      'district own',
    ]);
    expect(await titles('steering', { dueFrom: '2026-07-01' })).toEqual(['district own', 'town later']);
    expect(await titles('steering', { dueTo: '2026-06-14' })).toEqual(['commune overdue', 'town other plan']);
    expect(await titles('steering', { dueFrom: '2026-06-15', dueTo: '2026-06-15' })).toEqual([
      'commune due today',
    ]);
    expect(
      await titles('steering', {
        planId: fixtures.plan.id,
        unitId: fixtures.units.commune.id,
        status: ['IN_PROGRESS', 'ASSIGNED'],
        overdue: true,
        dueFrom: '2026-06-01',
      }),
    ).toEqual(['commune overdue']);
  });

  it('pages keep the filter and the total', async () => {
    const filter = { unitId: fixtures.units.district.id };
    const first = await list('steering', filter, { first: 2 });
    expect(first.data!.tasks.totalCount).toBe(5);
    const seen = first.data!.tasks.edges.map((edge) => edge.node.title);
    expect(seen).toEqual(['town other plan', 'commune overdue']); // soonest due first
    const page = await api.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookies.get('steering')! },
      body: JSON.stringify({
        query: `query($filter: TaskFilter) { tasks(filter: $filter, first: 2) {
          pageInfo { endCursor } } }`,
        variables: { filter },
      }),
    });
    const { endCursor } = ((await page.json()) as { data: { tasks: { pageInfo: { endCursor: string } } } })
      .data.tasks.pageInfo;
    const second = await list('steering', filter, { first: 10, after: endCursor });
    expect(second.data!.tasks.totalCount).toBe(5);
    expect(second.data!.tasks.edges.map((edge) => edge.node.title)).toEqual([
      'commune due today',
      'district own',
      'town later',
    ]);
  });
});

describe('filters never widen what the viewer sees', () => {
  it('a unit the viewer does not reach gives no rows, the same as an unknown one', async () => {
    // The commune head names their own district: it holds their commune, but they do not reach it.
    expect(await titles('head', { unitId: fixtures.units.district.id })).toEqual([]);
    expect(await titles('head', { unitId: fixtures.units.town.id })).toEqual([]);
    expect(await titles('steering', { unitId: fixtures.units.otherCommune.id })).toEqual([]);
    expect(await titles('steering', { unitId: fixtures.units.province.id })).toEqual([]);
    expect(await titles('steering', { unitId: randomUUID() })).toEqual([]);
  });

  it('another tree’s plan, an unknown plan or area, a draft plan: no rows', async () => {
    const foreignPlan = await db.prisma.reformPlan.findFirstOrThrow({ where: { title: 'Kế hoạch Hải Hậu' } });
    expect(await titles('steering', { planId: foreignPlan.id })).toEqual([]);
    expect(await titles('otherSteering', { planId: fixtures.plan.id })).toEqual([]);
    expect(await titles('head', { planId: otherPlanId })).toEqual([]);
    expect(await titles('steering', { planId: randomUUID() })).toEqual([]);
    expect(await titles('steering', { areaId: randomUUID() })).toEqual([]);
    expect(await titles('steering', { planId: draftPlanId }, true)).toEqual([]);
  });

  it('signed out: UNAUTHENTICATED, whatever the filter', async () => {
    const response = await api.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ tasks(filter: { overdue: true }) { totalCount } }`,
      }),
    });
    const body = (await response.json()) as Answer;
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('bad filters are refused, naming the field, in the viewer’s language', () => {
  const refusal = async (filter: Record<string, unknown>, locale: string) => {
    const answer = await list('steering', filter, { locale });
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors).toHaveLength(1);
    return answer.errors![0]!;
  };

  it('a date that is not YYYY-MM-DD or does not exist', async () => {
    for (const [field, value] of [
      ['dueFrom', '30/06/2026'],
      ['dueTo', '2026-02-30'],
      ['dueFrom', 'tomorrow'],
    ] as const) {
      const en = await refusal({ [field]: value }, 'en');
      expect(en.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: `filter.${field}` });
      expect(en.message).toBe('Enter a date that exists, as YYYY-MM-DD.');
      const vi = await refusal({ [field]: value }, 'vi');
      expect(vi.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: `filter.${field}` });
      expect(vi.message).toBe('Nhập một ngày có thật theo dạng NNNN-TT-NN.');
    }
  });

  it('due from after due to', async () => {
    const en = await refusal({ dueFrom: '2026-07-01', dueTo: '2026-06-30' }, 'en');
    expect(en.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.dueTo' });
    expect(en.message).toMatch(/“due from” date is after the “due to” date/);
    const vi = await refusal({ dueFrom: '2026-07-01', dueTo: '2026-06-30' }, 'vi');
    expect(vi.message).toMatch(/“hạn từ” đang muộn hơn ngày “hạn đến”/);
  });

  it('an empty or overlong ID', async () => {
    for (const field of ['planId', 'areaId', 'unitId']) {
      const en = await refusal({ [field]: ' ' }, 'en');
      expect(en.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: `filter.${field}` });
      expect(en.message).toBe('This ID is not valid: choose again from the list.');
    }
    const vi = await refusal({ unitId: 'x'.repeat(101) }, 'vi');
    expect(vi.message).toBe('Mã này không hợp lệ: hãy chọn lại từ danh sách.');
  });

  it('an unknown status is refused by GraphQL itself', async () => {
    const answer = await list('steering', { status: ['LOST'] });
    expect(answer.errors?.[0]?.message).toMatch(/TaskStatus/);
  });
});
