// List exports (GET /export/<list>.<xlsx|csv>) against a real PostgreSQL, through the handler the
// web route mounts: files opened with ExcelJS and csv-parse; headers in Vietnamese and English; due
// dates as date cells; a filtered export holds exactly the tasks the GraphQL `tasks` list gives for
// the same filter; a surprise inspection not started exports nothing to its target unit's head; a
// large list arrives in several chunks, read in batches.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../api/src/auth.ts';
import { sessionCookieName } from '../../api/src/session-cookie.ts';
import { createSpreadsheetHandlers } from '../../api/src/spreadsheets/handlers.ts';
import { lazyTemporalClient, temporalCommands } from '../../api/src/temporal.ts';
import { createApi } from '../../api/src/yoga.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createFixtures } from '../helpers/fixtures.ts';

/** 2026-06-15 10:00 in Vietnam. */
const NOW = new Date('2026-06-15T03:00:00Z');
const ORIGIN = 'http://test';

let db: TestDatabase;
let fixtures: Awaited<ReturnType<typeof createFixtures>>;
let handlers: ReturnType<typeof createSpreadsheetHandlers>;
let api: ReturnType<typeof createApi>;
const cookies = new Map<string, string>();

async function cookieOf(userId: string): Promise<string> {
  return `${sessionCookieName(false)}=${await createSession(db.prisma, userId, NOW)}`;
}

async function download(who: string, path: string, locale = 'vi'): Promise<Response> {
  const url = new URL(path, ORIGIN);
  const file = url.pathname.split('/').pop()!;
  const dot = file.lastIndexOf('.');
  return handlers.exportList(
    new Request(url, { headers: { cookie: `${cookies.get(who)}; rt_locale=${locale}` } }),
    file.slice(0, dot),
    file.slice(dot + 1),
  );
}

async function sheetOf(response: Response): Promise<ExcelJS.Worksheet> {
  expect(response.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook.worksheets[0]!;
}

async function csvOf(response: Response): Promise<Record<string, string>[]> {
  expect(response.status).toBe(200);
  return parse<Record<string, string>>(Buffer.from(await response.arrayBuffer()), {
    bom: true,
    columns: true,
  });
}

async function listedTitles(who: string, filter: Record<string, unknown>): Promise<string[]> {
  const response = await api.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookies.get(who)! },
    body: JSON.stringify({
      query: `query($filter: TaskFilter) { tasks(filter: $filter, first: 200) { edges { node { title } } } }`,
      variables: { filter },
    }),
  });
  const answer = (await response.json()) as { data: { tasks: { edges: { node: { title: string } }[] } } };
  return answer.data.tasks.edges.map((edge) => edge.node.title).sort();
}

beforeAll(async () => {
  db = await createTestDatabase();
  fixtures = await createFixtures(db.prisma);
  handlers = createSpreadsheetHandlers({ prisma: db.prisma, clock: () => NOW, origin: ORIGIN });
  api = createApi({
    prisma: db.prisma,
    commands: temporalCommands(lazyTemporalClient({ address: '127.0.0.1:1', namespace: 'default' })),
    production: false,
    clock: () => NOW,
  });
  const { prisma } = db;
  const { units, users, area, plan } = fixtures;
  const task = (title: string, unitId: string, dueDate: string, status = 'ASSIGNED' as const, progress = 0) =>
    prisma.task.create({
      data: {
        planId: plan.id,
        areaId: area.id,
        assigneeUnitId: unitId,
        title,
        dueDate: new Date(`${dueDate}T00:00:00Z`),
        status,
        progress,
        createdById: users.steering.id,
      },
    });
  await task('Niêm yết công khai thủ tục hành chính', units.commune.id, '2026-06-30', 'ASSIGNED', 40);
  await task('Số hoá hồ sơ một cửa', units.commune.id, '2026-05-31', 'ASSIGNED', 10);
  await task('Khảo sát SIPAS thị trấn', units.town.id, '2026-09-30', 'ASSIGNED', 0);
  await task('Hải Hậu: việc của huyện khác', units.otherCommune.id, '2026-06-30');

  for (const [key, id] of Object.entries({
    steering: users.steering.id,
    head: users.head.id,
    townHead: users.townHead.id,
  })) {
    cookies.set(key, await cookieOf(id));
  }
  const admin = await prisma.user.create({
    data: {
      email: 'admin@test.demo',
      name: 'Quản trị',
      passwordHash: 'x',
      roles: { create: { role: 'ADMIN', unitId: units.district.id } },
    },
  });
  cookies.set('admin', await cookieOf(admin.id));

  // A surprise inspection of the commune, not started, with a finding (recorded ahead, as the
  // offline queue may); an announced one, closed, with a finding and its corrective action.
  const inspector = await prisma.user.create({
    data: {
      email: 'inspector@test.demo',
      name: 'Thanh tra',
      passwordHash: 'x',
      roles: { create: { role: 'INSPECTOR', unitId: units.district.id } },
    },
  });
  cookies.set('inspector', await cookieOf(inspector.id));
  for (const [kind, visibleToTarget, description] of [
    ['SURPRISE', false, 'Bí mật: chưa niêm yết giá phí'],
    ['ANNOUNCED', true, 'Công khai: trả kết quả quá hạn'],
  ] as const) {
    const inspection = await prisma.inspection.create({
      data: {
        kind,
        targetUnitId: units.commune.id,
        title: `Kiểm tra ${kind}`,
        windowStart: new Date('2026-06-01T00:00:00Z'),
        windowEnd: new Date('2026-06-30T00:00:00Z'),
        visibleToTarget,
        status: visibleToTarget ? 'CLOSED' : 'PLANNED',
        createdById: inspector.id,
        inspectors: { create: { userId: inspector.id, lead: true } },
      },
    });
    const finding = await prisma.finding.create({
      data: {
        inspectionId: inspection.id,
        severity: 'MAJOR',
        description,
        requiresCorrection: true,
        recordedById: inspector.id,
      },
    });
    // Corrective actions exist once an inspection closed: only the announced one has one.
    if (visibleToTarget) {
      await prisma.correctiveAction.create({
        data: {
          findingId: finding.id,
          responsibleUnitId: units.commune.id,
          dueDate: new Date('2026-07-15T00:00:00Z'),
        },
      });
    }
  }
});

afterAll(async () => {
  await db?.drop();
});

describe('task export', () => {
  it('writes Vietnamese headers, due dates as date cells and progress as a percentage', async () => {
    const sheet = await sheetOf(await download('steering', '/export/tasks.xlsx'));
    expect(sheet.getRow(1).getCell(1).value).toBe('Tên nhiệm vụ');
    expect(sheet.getRow(1).getCell(7).value).toBe('Hạn hoàn thành');
    const rows = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row, number) => {
      if (number > 1) rows.set(row.getCell(1).text, row);
    });
    const posted = rows.get('Niêm yết công khai thủ tục hành chính')!;
    expect(posted.getCell(7).value).toEqual(new Date('2026-06-30T00:00:00Z'));
    expect(posted.getCell(7).numFmt).toBe('dd/mm/yyyy');
    expect(posted.getCell(8).value).toBe('Đã giao');
    expect(posted.getCell(9).value).toBe(0.4);
    expect(posted.getCell(5).value).toBe('Xã Phương Định');
    // Every task the committee's list shows, no other.
    expect([...rows.keys()].sort()).toEqual(await listedTitles('steering', {}));
    expect(rows.size).toBe(4);
  });

  it('writes English headers in English', async () => {
    const records = await csvOf(await download('steering', '/export/tasks.csv', 'en'));
    expect(Object.keys(records[0]!)).toContain('Due date');
    expect(records.find((r) => r.Task === 'Số hoá hồ sơ một cửa')).toMatchObject({
      'Due date': '2026-05-31',
      Status: 'Assigned',
      Progress: '10%',
    });
  });

  it('holds exactly what the tasks list shows for the same filter', async () => {
    const { units } = fixtures;
    const cases: [string, Record<string, unknown>][] = [
      [`unit=${units.commune.id}`, { unitId: units.commune.id }],
      ['overdue=1', { overdue: true }],
      [`unit=${units.town.id}&dueFrom=2026-07-01`, { unitId: units.town.id, dueFrom: '2026-07-01' }],
      ['status=COMPLETED', { status: ['COMPLETED'] }],
    ];
    for (const [query, filter] of cases) {
      for (const who of ['steering', 'head', 'townHead']) {
        const exported = (await csvOf(await download(who, `/export/tasks.csv?${query}`, 'en'))).map(
          (r) => r.Task!,
        );
        expect(exported.sort(), `${who} ${query}`).toEqual(await listedTitles(who, filter));
      }
    }
    // The commune's head sees the commune's tasks only.
    expect(await listedTitles('head', {})).toEqual([
      'Niêm yết công khai thủ tục hành chính',
      'Số hoá hồ sơ một cửa',
    ]);
  });

  it('refuses a filter the list refuses, in the reader’s language', async () => {
    const response = await download('steering', '/export/tasks.csv?dueFrom=2026-02-30');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { field: string; message: string } };
    expect(body.error.field).toBe('filter.dueFrom');
  });

  it('streams a large list in several chunks, reading it in batches', async () => {
    const { prisma } = db;
    const { plan, area, units, users } = fixtures;
    await prisma.task.createMany({
      data: Array.from({ length: 3000 }, (_, i) => ({
        id: randomUUID(),
        planId: plan.id,
        areaId: area.id,
        assigneeUnitId: units.town.id,
        title: `Nhiệm vụ hàng loạt ${i}`,
        dueDate: new Date('2026-12-31T00:00:00Z'),
        createdById: users.steering.id,
      })),
    });
    const response = await download('townHead', '/export/tasks.xlsx');
    const reader = response.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    expect(chunks.length).toBeGreaterThan(3);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.rowCount).toBe(3000 + 1 + 1);
  });
});

describe('findings and corrective action exports', () => {
  it('never give a surprise inspection not started to the target unit’s people', async () => {
    const headFindings = (await csvOf(await download('head', '/export/findings.csv', 'en'))).map(
      (r) => r.Finding,
    );
    expect(headFindings).toEqual(['Công khai: trả kết quả quá hạn']);
    const headActions = (await csvOf(await download('head', '/export/corrective-actions.csv', 'en'))).map(
      (r) => r.Finding,
    );
    expect(headActions).toEqual(['Công khai: trả kết quả quá hạn']);
    const inspectorFindings = (await csvOf(await download('inspector', '/export/findings.csv', 'en'))).map(
      (r) => r.Finding,
    );
    expect(inspectorFindings.sort()).toEqual([
      'Bí mật: chưa niêm yết giá phí',
      'Công khai: trả kết quả quá hạn',
    ]);
  });

  it('writes the corrective actions’ due dates as dates and statuses in Vietnamese', async () => {
    const sheet = await sheetOf(await download('inspector', '/export/corrective-actions.xlsx'));
    expect(sheet.getRow(1).getCell(6).value).toBe('Hạn khắc phục');
    expect(sheet.getRow(2).getCell(6).value).toEqual(new Date('2026-07-15T00:00:00Z'));
    expect(sheet.getRow(2).getCell(7).value).toBe('Đang khắc phục');
  });
});

describe('units and users exports', () => {
  it('give an administrator their subtree, and nobody else anything', async () => {
    const units = (await csvOf(await download('admin', '/export/units.csv', 'en'))).map(
      (r) => r['Unit code'],
    );
    expect(units.sort()).toEqual(['ND-TN', 'ND-TN-CT', 'ND-TN-PD']);
    const users = (await csvOf(await download('admin', '/export/users.csv', 'vi'))).map((r) => r.Email);
    expect(users).toContain('head@test.demo');
    expect(users).not.toContain('otherhead@test.demo');
    expect((await download('steering', '/export/users.csv')).status).toBe(403);
    expect((await download('head', '/export/units.xlsx')).status).toBe(403);
  });

  it('asks for a session', async () => {
    const response = await handlers.exportList(new Request(`${ORIGIN}/export/tasks.csv`), 'tasks', 'csv');
    expect(response.status).toBe(401);
  });
});
