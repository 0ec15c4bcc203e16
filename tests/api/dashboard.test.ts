// Dashboards and the unit page (issue 11) through the API on a real PostgreSQL: the heat map's
// roll-up against figures computed by hand, the trend from completion snapshots, drill-down
// scope, "a unit sees its own", bad inputs answered as unknown ones, and a fixed number of SQL
// statements however many units the district holds.
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../prisma/client.ts';
import { createDashboardDownloads } from '../../api/src/services/dashboard-export.ts';
import { createApi } from '../../api/src/yoga.ts';
import { lazyTemporalClient, temporalCommands } from '../../api/src/temporal.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createFixtures } from '../helpers/fixtures.ts';

let db: TestDatabase;
let fixtures: Awaited<ReturnType<typeof createFixtures>>;
let pool: pg.Pool;
let prisma: PrismaClient;
let api: ReturnType<typeof createApi>;
let statements = 0;
const cookies: Record<string, string> = {};
let institutions: { id: string };
let staffEmail = '';

const past = new Date(Date.UTC(2026, 0, 15));
const future = new Date(Date.UTC(2099, 11, 1));

async function gql<T>(
  who: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
  const response = await api.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookies[who]! },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as never;
}

beforeAll(async () => {
  db = await createTestDatabase();
  fixtures = await createFixtures(db.prisma);
  pool = new pg.Pool({ connectionString: db.url, max: 3 });
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      statements += 1;
      return query(...args);
    };
  });
  prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  api = createApi({
    prisma,
    commands: temporalCommands(lazyTemporalClient({ address: '127.0.0.1:1', namespace: 'default' })),
    production: false,
  });
  const { units, users, plan, area } = fixtures;
  institutions = await db.prisma.reformArea.create({
    data: { code: 'INSTITUTIONS', nameVi: 'Cải cách thể chế', nameEn: 'Institutional reform', sortOrder: 1 },
  });
  const staff = await db.prisma.user.create({
    data: {
      email: 'dash-staff@test.demo',
      name: 'Bùi Văn Cán Bộ',
      passwordHash: (await db.prisma.user.findUniqueOrThrow({ where: { id: users.head.id } })).passwordHash,
      roles: { create: { role: 'UNIT_STAFF', unitId: units.commune.id } },
    },
  });
  staffEmail = staff.email;
  const task = (
    unitId: string,
    areaId: string,
    weight: number,
    progress: number,
    status: 'ASSIGNED' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED',
    dueDate: Date,
    escalationLevel = 0,
  ) => ({
    planId: plan.id,
    areaId,
    assigneeUnitId: unitId,
    title: `Nhiệm vụ ${randomUUID().slice(0, 6)}`,
    dueDate,
    weight,
    progress,
    status,
    escalationLevel,
    createdById: users.steering.id,
  });
  await db.prisma.task.createMany({
    data: [
      // Phương Định, digital government: (2 × 50 + 1 × 100) / 3 = 66.7; the cancelled task leaves out.
      task(units.commune.id, area.id, 2, 50, 'IN_PROGRESS', future),
      task(units.commune.id, area.id, 1, 100, 'COMPLETED', past),
      task(units.commune.id, area.id, 5, 0, 'CANCELLED', past),
      // Phương Định, institutions: 20, overdue and escalated to the committee.
      task(units.commune.id, institutions.id, 1, 20, 'ASSIGNED', past, 2),
      // Cát Thành, digital government: 10, overdue; institutions: no task ("no data").
      task(units.town.id, area.id, 3, 10, 'IN_PROGRESS', past, 1),
      // The district's own task: institutions 80.
      task(units.district.id, institutions.id, 1, 80, 'IN_PROGRESS', future),
      // Hải An (the other district) has a task in the plan too: never in Trực Ninh's figures.
      task(units.otherCommune.id, area.id, 1, 0, 'ASSIGNED', past),
    ],
  });
  // Two closed periods and one open; the snapshots the plan workflow writes at each close.
  const period = (number: number, closed: boolean) =>
    db.prisma.reportingPeriod.create({
      data: {
        planId: plan.id,
        number,
        startsOn: new Date(Date.UTC(2026, (number - 1) * 3, 1)),
        endsOn: new Date(Date.UTC(2026, number * 3, 0)),
        closedAt: closed ? new Date() : null,
      },
    });
  const [q1, q2] = [await period(1, true), await period(2, true)];
  await period(3, false);
  const snapshot = (
    periodId: string,
    unitId: string,
    areaId: string,
    taskCount: number,
    weight: number,
    progress: number,
  ) => ({ planId: plan.id, periodId, unitId, areaId, taskCount, completed: 0, overdue: 0, weight, progress });
  await db.prisma.completionSnapshot.createMany({
    data: [
      // Q1, digital government: (3 × 40 + 3 × 0) / 6 = 20; institutions: 10. Phương Định (120 + 10) / 4 = 32.5.
      snapshot(q1.id, units.commune.id, area.id, 2, 3, 40),
      snapshot(q1.id, units.town.id, area.id, 1, 3, 0),
      snapshot(q1.id, units.commune.id, institutions.id, 1, 1, 10),
      // Q2: a row written before snapshots kept their weight counts each task as 1: 60.
      snapshot(q2.id, units.commune.id, area.id, 2, 0, 60),
      snapshot(q1.id, units.otherCommune.id, area.id, 1, 1, 90),
    ],
  });
  for (const [who, email] of [
    ['steering', users.steering.email],
    ['head', users.head.email],
    ['staff', staff.email],
    ['townHead', users.townHead.email],
    ['otherSteering', users.otherSteering.email],
  ] as const) {
    const login = await api.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { __typename } }`,
        variables: { e: email, p: fixtures.password },
      }),
    });
    cookies[who] = login.headers.get('set-cookie')!.split(';')[0]!;
  }
});

afterAll(async () => {
  await prisma?.$disconnect();
  await pool?.end();
  await db?.drop();
});

const DASHBOARD = `query($planId: ID, $unitId: ID) {
  dashboard(planId: $planId, unitId: $unitId) {
    __typename
    ... on NotFoundError { message field }
    ... on Dashboard {
      plan { id }
      unit { id name }
      ancestors { name }
      areas { id code }
      rows { own drillable unit { name } cells { areaId completion taskCount completed overdue } total { completion taskCount overdue } }
      total { cells { completion } total { completion taskCount completed overdue } }
      periods { number label }
      areaTrend { label values }
      unitTrend { label values }
      laggards { unit { name } total { completion } }
      overdueTaskCount escalatedTaskCount
      overdueTasks { title assigneeUnit { name } }
      openFindings { id }
      lateCorrectiveActions { id }
      plansBeingIssued { id }
      xlsxUrl
    }
  }
}`;

interface Cell {
  areaId: string;
  completion: number | null;
  taskCount: number;
  completed: number;
  overdue: number;
}
interface DashboardAnswer {
  __typename: string;
  message?: string;
  field?: string;
  unit: { id: string; name: string };
  ancestors: { name: string }[];
  areas: { id: string; code: string }[];
  rows: { own: boolean; drillable: boolean; unit: { name: string }; cells: Cell[]; total: Cell }[];
  total: { cells: { completion: number | null }[]; total: Cell };
  periods: { number: number; label: string }[];
  areaTrend: { label: string; values: (number | null)[] }[];
  unitTrend: { label: string; values: (number | null)[] }[];
  laggards: { unit: { name: string }; total: { completion: number | null } }[];
  overdueTaskCount: number;
  escalatedTaskCount: number;
  overdueTasks: { title: string; assigneeUnit: { name: string } }[];
  xlsxUrl: string;
}

async function dashboardAs(who: string, variables: Record<string, unknown> = {}) {
  const result = await gql<{ dashboard: DashboardAnswer }>(who, DASHBOARD, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.dashboard;
}

const row = (answer: DashboardAnswer, name: string) => answer.rows.find((r) => r.unit.name === name)!;

describe('the committee’s heat map of its district', () => {
  it('rolls each unit × area up by task weight, cancelled tasks out, “no data” where nothing counts', async () => {
    const answer = await dashboardAs('steering', { planId: fixtures.plan.id });
    expect(answer.__typename).toBe('Dashboard');
    expect(answer.unit.name).toBe('Huyện Trực Ninh');
    expect(answer.areas.map((area) => area.code)).toEqual(['INSTITUTIONS', 'DIGITAL_GOVERNMENT']);
    // The district's own tasks first, then its communes by name; Hải An (other district) is not there.
    expect(answer.rows.map((r) => [r.unit.name, r.own])).toEqual([
      ['Huyện Trực Ninh', true],
      ['Thị trấn Cát Thành', false],
      ['Xã Phương Định', false],
    ]);
    const commune = row(answer, 'Xã Phương Định');
    expect(commune.cells.map((cell) => cell.completion)).toEqual([20, 66.7]);
    expect(commune.cells.map((cell) => [cell.taskCount, cell.completed, cell.overdue])).toEqual([
      [1, 0, 1],
      [2, 1, 0],
    ]);
    // (1 × 20 + 2 × 50 + 1 × 100) / 4 = 55
    expect(commune.total).toMatchObject({ completion: 55, taskCount: 3, overdue: 1 });
    const town = row(answer, 'Thị trấn Cát Thành');
    expect(town.cells.map((cell) => cell.completion)).toEqual([null, 10]);
    expect(town.cells[0]).toMatchObject({ taskCount: 0, overdue: 0 });
    expect(row(answer, 'Huyện Trực Ninh').cells.map((cell) => cell.completion)).toEqual([80, null]);
    // Whole district: (20 + 100 + 100 + 30 + 80) / (1 + 2 + 1 + 3 + 1) = 41.25 → 41.3;
    // institutions (20 + 80) / 2 = 50; digital government (100 + 100 + 30) / 6 = 38.3.
    expect(answer.total.total).toMatchObject({ completion: 41.3, taskCount: 5, completed: 1, overdue: 2 });
    expect(answer.total.cells.map((cell) => cell.completion)).toEqual([50, 38.3]);
    // The communes have nothing below them: no drill-down link.
    expect(answer.rows.map((r) => r.drillable)).toEqual([false, false, false]);
    expect(answer.ancestors).toEqual([]);
    expect(answer.xlsxUrl).toContain(`/dashboard/heatmap.xlsx?plan=${fixtures.plan.id}`);
  });

  it('lists the slowest units, and the overdue and escalated tasks by unit', async () => {
    const answer = await dashboardAs('steering');
    expect(answer.laggards.map((r) => [r.unit.name, r.total.completion])).toEqual([
      ['Thị trấn Cát Thành', 10],
      ['Xã Phương Định', 55],
      ['Huyện Trực Ninh', 80],
    ]);
    expect(answer.overdueTaskCount).toBe(2);
    expect(answer.escalatedTaskCount).toBe(1);
    expect(answer.overdueTasks.map((task) => task.assigneeUnit.name).sort()).toEqual([
      'Thị trấn Cát Thành',
      'Xã Phương Định',
    ]);
  });

  it('draws the trend of the closed periods from the snapshots, by area and by unit', async () => {
    const answer = await dashboardAs('steering');
    expect(answer.periods).toEqual([
      { number: 1, label: 'Q1' },
      { number: 2, label: 'Q2' },
    ]);
    expect(answer.areaTrend).toEqual([
      { label: 'Institutional reform', values: [10, null] },
      { label: 'Digital government', values: [20, 60] },
    ]);
    expect(answer.unitTrend).toEqual([
      { label: 'Huyện Trực Ninh', values: [null, null] },
      { label: 'Thị trấn Cát Thành', values: [0, null] },
      { label: 'Xã Phương Định', values: [32.5, 60] },
    ]);
  });

  it('drills down to a commune: its own tasks only, the district above it to go back', async () => {
    const answer = await dashboardAs('steering', { unitId: fixtures.units.commune.id });
    expect(answer.unit.name).toBe('Xã Phương Định');
    expect(answer.ancestors.map((unit) => unit.name)).toEqual(['Huyện Trực Ninh']);
    expect(answer.rows).toHaveLength(1);
    expect(answer.rows[0]!.cells.map((cell) => cell.completion)).toEqual([20, 66.7]);
    expect(answer.total.total.completion).toBe(55);
  });
});

describe('a unit sees its own', () => {
  for (const who of ['head', 'staff'] as const) {
    it(`the commune’s ${who}: its own row and figures only, by default`, async () => {
      const answer = await dashboardAs(who);
      expect(answer.unit.name).toBe('Xã Phương Định');
      expect(answer.rows.map((r) => r.unit.name)).toEqual(['Xã Phương Định']);
      expect(answer.total.total).toMatchObject({ completion: 55, taskCount: 3 });
      expect(answer.laggards.map((r) => r.unit.name)).toEqual(['Xã Phương Định']);
      expect(answer.overdueTasks.map((task) => task.assigneeUnit.name)).toEqual(['Xã Phương Định']);
      expect(answer.unitTrend.map((series) => series.label)).toEqual(['Xã Phương Định']);
      expect(answer.areaTrend.map((series) => series.values)).toEqual([
        [10, null],
        [40, 60],
      ]);
      expect(JSON.stringify(answer)).not.toContain('Cát Thành');
    });
  }

  it('the other district’s committee sees its own commune’s row of the same plan, nothing of Trực Ninh', async () => {
    const answer = await dashboardAs('otherSteering', { planId: fixtures.plan.id });
    expect(answer.unit.name).toBe('Huyện Hải Hậu');
    expect(answer.rows.map((r) => [r.unit.name, r.total.completion])).toEqual([['Xã Hải An', 0]]);
    expect(answer.areaTrend.map((series) => series.values)).toEqual([
      [null, null],
      [90, null],
    ]);
    expect(JSON.stringify(answer)).not.toMatch(/Phương Định|Cát Thành|Trực Ninh/);
  });
});

describe('bad inputs answer as unknown ones', () => {
  const notFound = async (who: string, variables: Record<string, unknown>) => {
    const answer = await dashboardAs(who, variables);
    return { __typename: answer.__typename, field: answer.field, message: answer.message };
  };

  it('a unit out of reach is the same NotFoundError as a made-up one', async () => {
    const unknown = await notFound('head', { unitId: randomUUID() });
    expect(unknown).toEqual({
      __typename: 'NotFoundError',
      field: 'unitId',
      message: 'There is no such unit.',
    });
    for (const unitId of [fixtures.units.district.id, fixtures.units.town.id, fixtures.units.province.id]) {
      expect(await notFound('head', { unitId })).toEqual(unknown);
    }
    expect(await notFound('otherSteering', { unitId: fixtures.units.commune.id })).toEqual(unknown);
    expect(await notFound('steering', { unitId: fixtures.units.otherCommune.id })).toEqual(unknown);
  });

  it('a plan that does not exist, a draft and a plan out of reach are the same NotFoundError', async () => {
    const unknown = await notFound('steering', { planId: randomUUID() });
    expect(unknown).toEqual({
      __typename: 'NotFoundError',
      field: 'planId',
      message: 'There is no such plan.',
    });
    const draft = await db.prisma.reformPlan.create({
      data: {
        year: 2027,
        title: 'Dự thảo',
        issuingUnitId: fixtures.units.district.id,
        createdById: fixtures.users.steering.id,
      },
    });
    expect(await notFound('steering', { planId: draft.id })).toEqual(unknown);
    // The town's head: the plan is issued but has no task for the town and is not issued by it.
    const other = await db.prisma.reformPlan.create({
      data: {
        year: 2026,
        title: 'Kế hoạch của Hải Hậu',
        issuingUnitId: fixtures.units.otherDistrict.id,
        createdById: fixtures.users.otherSteering.id,
        status: 'ISSUED',
      },
    });
    expect(await notFound('townHead', { planId: other.id })).toEqual(unknown);
  });

  it('asks for a session', async () => {
    const response = await api.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ dashboard { __typename } unitPage(id: "x") { __typename } }` }),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('the unit page', () => {
  const UNIT_PAGE = `query($id: ID!) { unitPage(id: $id) {
    unit { id name }
    parent { name } children { name } mergedInto { name } mergedFrom { unit { name } mergedAt }
    people { name email roles }
    taskCount tasks { title status }
    reports { taskTitle percent }
    inspections { id } correctiveActions { id }
  } }`;
  interface Page {
    unit: { name: string };
    parent: { name: string } | null;
    children: { name: string }[];
    mergedFrom: { unit: { name: string } }[];
    people: { name: string; email: string | null; roles: string[] }[];
    taskCount: number;
    tasks: { title: string; status: string }[];
  }
  const pageAs = async (who: string, id: string) => {
    const result = await gql<{ unitPage: Page | null }>(who, UNIT_PAGE, { id });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data!.unitPage;
  };

  it('shows the commune to its committee: tasks, people with e-mails, the units merged into it', async () => {
    const oldId = randomUUID();
    await db.prisma.unit.create({
      data: {
        id: oldId,
        code: 'ND-TN-CU',
        name: 'Xã Trực Cũ',
        level: 'COMMUNE',
        parentId: fixtures.units.district.id,
        path: `${fixtures.units.district.path}${oldId}/`,
        mergedIntoId: fixtures.units.commune.id,
        mergedAt: new Date(Date.UTC(2025, 6, 1)),
      },
    });
    const page = (await pageAs('steering', fixtures.units.commune.id))!;
    expect(page.unit.name).toBe('Xã Phương Định');
    expect(page.parent?.name).toBe('Huyện Trực Ninh');
    expect(page.mergedFrom.map((merged) => merged.unit.name)).toEqual(['Xã Trực Cũ']);
    // Cancelled tasks are the unit's record too.
    expect(page.taskCount).toBe(4);
    expect(page.people).toEqual([
      { name: 'Trần Thị Trưởng', email: fixtures.users.head.email, roles: ['Unit head'] },
      { name: 'Bùi Văn Cán Bộ', email: staffEmail, roles: ['Staff member'] },
    ]);
  });

  it('shows its own unit to a staff member without the people’s e-mails; other units are null', async () => {
    const page = (await pageAs('staff', fixtures.units.commune.id))!;
    expect(page.people.map((person) => person.email)).toEqual([null, null]);
    expect(page.parent).toBeNull();
    expect(await pageAs('staff', fixtures.units.town.id)).toBeNull();
    expect(await pageAs('staff', fixtures.units.district.id)).toBeNull();
    expect(await pageAs('staff', randomUUID())).toBeNull();
    expect(await pageAs('otherSteering', fixtures.units.commune.id)).toBeNull();
  });
});

describe('every figure downloads as a spreadsheet', () => {
  const download = (who: string, path: string) =>
    createDashboardDownloads({ prisma, production: false }).download(
      new Request(`http://test${path}`, { headers: { cookie: cookies[who]! } }),
      path.split('/')[2]!.split('.')[0]!,
      path.split('?')[0]!.split('.').pop()!,
    );
  const sheetOf = async (response: Response) => {
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    return workbook.worksheets[0]!;
  };

  it('the heat map: a row per unit, percentages as numbers, “no data” empty, the total last', async () => {
    const sheet = await sheetOf(
      await download('steering', `/dashboard/heatmap.xlsx?plan=${fixtures.plan.id}&lang=vi`),
    );
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Đơn vị',
      'Cải cách thể chế',
      'Chính phủ số',
      'Chung',
      'Số nhiệm vụ',
      'Đã hoàn thành',
      'Quá hạn',
    ]);
    const commune = sheet.getRow(4);
    expect(commune.getCell(1).value).toBe('Xã Phương Định');
    expect(commune.getCell(2).value).toBeCloseTo(0.2);
    expect(commune.getCell(3).value).toBeCloseTo(0.667);
    expect(commune.getCell(4).value).toBeCloseTo(0.55);
    expect(commune.getCell(5).value).toBe(3);
    expect(sheet.getRow(3).getCell(2).value).toBeNull();
    expect(sheet.getRow(5).getCell(1).value).toBe('Tổng: Huyện Trực Ninh');
    expect(sheet.getRow(5).getCell(4).value).toBeCloseTo(0.413);
  });

  it('a commune head’s file holds its own row only; a unit out of reach is 404 as an unknown one', async () => {
    const sheet = await sheetOf(await download('head', '/dashboard/unit-trend.xlsx?lang=en'));
    expect(sheet.getRow(1).values).toEqual([undefined, 'Unit', 'Q1', 'Q2']);
    expect(sheet.getRow(2).values).toEqual([undefined, 'Xã Phương Định', 0.325, 0.6]);
    expect(sheet.rowCount).toBe(2);
    const outside = await download(
      'head',
      `/dashboard/heatmap.xlsx?unit=${fixtures.units.district.id}&lang=en`,
    );
    const unknown = await download('head', `/dashboard/heatmap.xlsx?unit=${randomUUID()}&lang=en`);
    expect(outside.status).toBe(404);
    expect(await outside.text()).toBe(await unknown.text());
    expect((await download('head', '/dashboard/secrets.xlsx')).status).toBe(404);
  });

  it('the plans being issued, with their progress', async () => {
    await db.prisma.reformPlan.update({
      where: { id: fixtures.plan.id },
      data: { issuingTotal: 8, issuingDone: 2 },
    });
    const answer = await gql<{ dashboard: { plansBeingIssued: { id: string }[] } }>(
      'steering',
      `{ dashboard { ... on Dashboard { plansBeingIssued { id } } } }`,
    );
    expect(answer.data?.dashboard.plansBeingIssued).toEqual([{ id: fixtures.plan.id }]);
    const sheet = await sheetOf(await download('steering', '/dashboard/plans-being-issued.xlsx?lang=en'));
    expect(sheet.getRow(2).values).toEqual([undefined, 'Kế hoạch CCHC 2026', 2026, 2, 8, 0.25]);
    await db.prisma.reformPlan.update({
      where: { id: fixtures.plan.id },
      data: { issuingTotal: 0, issuingDone: 0 },
    });
  });

  it('the overdue tasks with their due dates as dates', async () => {
    const sheet = await sheetOf(await download('steering', '/dashboard/overdue-tasks.xlsx?lang=en'));
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(2).getCell(3).value).toEqual(past);
  });
});

it('sends as many SQL statements for a district of 40 communes as for one of 2', async () => {
  const measure = async () => {
    const before = statements;
    const answer = await dashboardAs('steering', { planId: fixtures.plan.id });
    return { count: statements - before, rows: answer.rows.length };
  };
  const grow = async (to: number) => {
    const { district } = fixtures.units;
    const have = await db.prisma.unit.count({ where: { parentId: district.id } });
    for (let index = have; index < to; index++) {
      const id = randomUUID();
      await db.prisma.unit.create({
        data: {
          id,
          code: `Q-${index}`,
          name: `Xã Q${index}`,
          level: 'COMMUNE',
          parentId: district.id,
          path: `${district.path}${id}/`,
          tasks: {
            create: [0, 1].map((second) => ({
              planId: fixtures.plan.id,
              areaId: second ? institutions.id : fixtures.area.id,
              title: `Nhiệm vụ Q${index}-${second}`,
              dueDate: second ? past : future,
              progress: (index * 13) % 101,
              createdById: fixtures.users.steering.id,
            })),
          },
        },
      });
    }
  };
  const small = await measure();
  await grow(40);
  const large = await measure();
  expect(large.rows).toBeGreaterThan(small.rows + 30);
  expect(large.count).toBe(small.count);
  expect(small.count).toBeLessThanOrEqual(24);
});
