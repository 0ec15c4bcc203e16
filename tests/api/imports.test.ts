// Spreadsheet imports (api/src/services/imports.ts) against a real PostgreSQL: files generated with
// ExcelJS or typed as CSV; every bad input reported by row (as Excel numbers it) and column; a dry
// run writes nothing but its batch; applying is all or nothing (also when the database fails
// mid-transaction) and happens once however often it is confirmed.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, viewerFromSession, type Viewer } from '../../api/src/auth.ts';
import { verifyPassword } from '../../api/src/passwords.ts';
import {
  confirmImport,
  discardImport,
  dryRunImport,
  ImportRefusedError,
  type ImportDependencies,
} from '../../api/src/services/imports.ts';
import type { ImportProblem } from '../../api/src/spreadsheets/imports/check.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createFixtures } from '../helpers/fixtures.ts';

/** 2026-06-15 10:00 in Vietnam. */
const NOW = new Date('2026-06-15T03:00:00Z');

let db: TestDatabase;
let fixtures: Awaited<ReturnType<typeof createFixtures>>;
let admin: Viewer;
let steering: Viewer;
let draftPlanId: string;

async function viewerOf(userId: string): Promise<Viewer> {
  const token = await createSession(db.prisma, userId, NOW);
  return (await viewerFromSession(db.prisma, token, NOW))!;
}

const deps = (viewer: Viewer): ImportDependencies => ({ prisma: db.prisma, viewer, now: () => NOW });

async function xlsx(rows: unknown[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Dữ liệu');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const csv = (text: string): Uint8Array => new TextEncoder().encode(`\uFEFF${text}`);

const problemsOf = (batch: { problems: unknown }) =>
  (batch.problems as ImportProblem[]).map((problem) => `${problem.row}:${problem.column}:${problem.code}`);

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImportRefusedError) return error.reason;
    if (error instanceof Error && error.name === 'NotFoundError') return 'NOT_FOUND';
    throw error;
  }
  throw new Error('Expected a refusal');
}

beforeAll(async () => {
  db = await createTestDatabase();
  fixtures = await createFixtures(db.prisma);
  const adminUser = await db.prisma.user.create({
    data: {
      email: 'admin.trucninh@test.demo',
      name: 'Quản trị Trực Ninh',
      passwordHash: 'x',
      roles: { create: { role: 'ADMIN', unitId: fixtures.units.district.id } },
    },
  });
  admin = await viewerOf(adminUser.id);
  steering = await viewerOf(fixtures.users.steering.id);
  await db.prisma.reformArea.create({
    data: {
      code: 'ADMIN_PROCEDURES',
      nameVi: 'Cải cách thủ tục hành chính',
      nameEn: 'Administrative procedures',
      sortOrder: 2,
    },
  });
  draftPlanId = (
    await db.prisma.reformPlan.create({
      data: {
        year: 2026,
        title: 'Kế hoạch CCHC 2026 (dự thảo)',
        issuingUnitId: fixtures.units.district.id,
        createdById: fixtures.users.steering.id,
        assessmentCloses: new Date('2027-01-15T00:00:00Z'),
      },
    })
  ).id;
});

afterAll(async () => {
  await db?.drop();
});

describe('users import', () => {
  it('names every bad row and column in a dry run and writes nothing else', async () => {
    const usersBefore = await db.prisma.user.count();
    const bytes = await xlsx([
      // Columns in another order than the template; Vietnamese headers, one typed without diacritics.
      ['Ho va ten', 'Email', 'Mã đơn vị', 'Vai trò', 'Ngôn ngữ'],
      ['Nguyễn Văn An', 'An.Nguyen@PhuongDinh.gov.vn', 'ND-TN-PD', 'Cán bộ', 'vi'],
      ['Trần Thị Bình', 'binh@phuongdinh.gov.vn', 'ND-TN-XX', 'UNIT_STAFF', ''],
      ['Lê Văn Cường', 'an.nguyen@phuongdinh.gov.vn', 'ND-TN-PD', 'Trưởng đơn vị', 'en'],
      ['Phạm Thị Dung', 'head@test.demo', 'ND-TN-PD', 'UNIT_STAFF', 'vi'],
      [null, 'e@phuongdinh.gov.vn', 'ND-TN-PD', 'UNIT_STAFF', 'vi'],
      ['Hoàng Văn Giang', 'giang@phuongdinh.gov.vn', 'ND-TN-PD', 'Giám đốc', 'vi'],
      ['Vũ Thị Hà', 'ha@haian.gov.vn', 'ND-HH-HA', 'UNIT_STAFF', 'vi'],
      ['Đỗ Văn Khoa', 'not-an-email', 'ND-TN-CT', 'Thanh tra', 'fr'],
    ]);
    const batch = await dryRunImport(deps(admin), { kind: 'USERS', fileName: 'Người dùng.xlsx', bytes });
    expect(batch.status).toBe('DRY_RUN');
    expect(batch.rowCount).toBe(8);
    expect(problemsOf(batch)).toEqual([
      '3:unitCode:xl.row.unknownUnit',
      '4:email:xl.row.duplicateEmail',
      '5:email:xl.row.emailTaken',
      '6:name:xl.row.required',
      '7:roles:xl.row.role',
      // Hải An lies outside the administrator's district: unknown, as everywhere.
      '8:unitCode:xl.row.unknownUnit',
      '9:email:xl.row.email',
      '9:locale:xl.row.locale',
    ]);
    expect(await db.prisma.user.count()).toBe(usersBefore);
    expect(await refusal(confirmImport(deps(admin), batch.id))).toBe('HAS_PROBLEMS');
    expect(await db.prisma.user.count()).toBe(usersBefore);
  });

  it('reports missing required columns on the header row', async () => {
    const batch = await dryRunImport(deps(admin), {
      kind: 'USERS',
      fileName: 'x.csv',
      bytes: csv('Email,Họ và tên\r\na@b.vn,An\r\n'),
    });
    expect(problemsOf(batch)).toEqual(['1:roles:xl.header.missing', '1:unitCode:xl.header.missing']);
  });

  it('reports a merged unit, a value too long and a column given twice', async () => {
    const merged = await db.prisma.unit.create({
      data: {
        id: 'merged-unit',
        code: 'ND-TN-CU',
        name: 'Xã Trực Cũ',
        level: 'COMMUNE',
        parentId: fixtures.units.district.id,
        path: `${fixtures.units.district.path}merged-unit/`,
        mergedIntoId: fixtures.units.commune.id,
        mergedAt: NOW,
      },
    });
    const batch = await dryRunImport(deps(admin), {
      kind: 'USERS',
      fileName: 'x.csv',
      bytes: csv(
        'Email,Họ và tên,Vai trò,Mã đơn vị\r\n' +
          `cu@pd.gov.vn,Người Cũ,Cán bộ,${merged.code}\r\n` +
          `dai@pd.gov.vn,${'Dài'.repeat(80)},Cán bộ,ND-TN-PD\r\n`,
      ),
    });
    expect(problemsOf(batch)).toEqual(['2:unitCode:xl.row.unitMerged', '3:name:xl.row.tooLong']);
    const twice = await dryRunImport(deps(admin), {
      kind: 'USERS',
      fileName: 'x.csv',
      bytes: csv('Email,E-mail,Họ và tên,Vai trò,Mã đơn vị\r\na@pd.gov.vn,b@pd.gov.vn,A,Cán bộ,ND-TN-PD\r\n'),
    });
    expect(problemsOf(twice)).toEqual(['1:email:xl.header.duplicate']);
  });

  it('refuses files that are not spreadsheets, empty ones, and non-administrators', async () => {
    expect(
      await refusal(
        dryRunImport(deps(admin), {
          kind: 'USERS',
          fileName: 'x.csv',
          bytes: new Uint8Array([0xff, 0xfe, 0x00]),
        }),
      ),
    ).toBe('UNREADABLE');
    expect(
      await refusal(dryRunImport(deps(admin), { kind: 'USERS', fileName: 'x.csv', bytes: csv('Email\r\n') })),
    ).toBe('EMPTY');
    expect(
      await refusal(
        dryRunImport(deps(admin), {
          kind: 'USERS',
          fileName: 'x.xlsx',
          bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]),
        }),
      ),
    ).toBe('UNREADABLE');
  });

  it('applies a CSV (semicolons, English headers) once: confirming again or at the same time writes nothing more', async () => {
    const bytes = csv(
      'E-mail;Full name;Roles;Unit code;Language\r\n' +
        // The name typed decomposed (as some keyboards send it): stored composed (NFC).
        `thu.nguyen@phuongdinh.gov.vn;${'Nguyễn Thị Thu'.normalize('NFD')};UNIT_HEAD, INSPECTOR;ND-TN-PD;en\r\n` +
        'MINH.TRAN@catthanh.gov.vn;Trần Văn Minh;Cán bộ;ND-TN-CT;\r\n',
    );
    const batch = await dryRunImport(deps(admin), { kind: 'USERS', fileName: 'people.csv', bytes });
    expect(problemsOf(batch)).toEqual([]);
    expect(
      await db.prisma.user.count({
        where: { email: { in: ['thu.nguyen@phuongdinh.gov.vn', 'minh.tran@catthanh.gov.vn'] } },
      }),
    ).toBe(0);
    const results = await Promise.all([1, 2, 3].map(() => confirmImport(deps(admin), batch.id)));
    expect(results.map((result) => result.created).sort()).toEqual([0, 0, 2]);
    const applied = results.find((result) => result.created === 2)!;
    expect(applied.passwords.map((p) => p.email).sort()).toEqual([
      'minh.tran@catthanh.gov.vn',
      'thu.nguyen@phuongdinh.gov.vn',
    ]);
    const thu = await db.prisma.user.findUniqueOrThrow({
      where: { email: 'thu.nguyen@phuongdinh.gov.vn' },
      include: { roles: true },
    });
    expect(thu.name).toBe('Nguyễn Thị Thu'.normalize('NFC'));
    expect(thu.name).not.toBe('Nguyễn Thị Thu'.normalize('NFD'));
    expect(thu.locale).toBe('en');
    expect(thu.mustChangePassword).toBe(true);
    expect(thu.roles.map((role) => role.role).sort()).toEqual(['INSPECTOR', 'UNIT_HEAD']);
    const password = applied.passwords.find((p) => p.email === thu.email)!.oneTimePassword;
    expect(await verifyPassword(thu.passwordHash, password)).toBe(true);
    expect((await confirmImport(deps(admin), batch.id)).created).toBe(0);
    expect(await db.prisma.user.count({ where: { email: 'minh.tran@catthanh.gov.vn' } })).toBe(1);
    expect(
      await db.prisma.auditEvent.count({ where: { eventId: { startsWith: `import-${batch.id}:` } } }),
    ).toBe(3);
    expect(await refusal(discardImport(deps(admin), batch.id))).toBe('APPLIED');
  });

  it('is all or nothing when the database fails in the middle of applying', async () => {
    const bytes = csv(
      'Email,Họ và tên,Vai trò,Mã đơn vị\r\nlan@pd.gov.vn,Đinh Thị Lan,Cán bộ,ND-TN-PD\r\nmai@pd.gov.vn,Lý Thị Mai,Cán bộ,ND-TN-PD\r\n',
    );
    const batch = await dryRunImport(deps(admin), { kind: 'USERS', fileName: 'x.csv', bytes });
    expect(problemsOf(batch)).toEqual([]);
    // The users are inserted, then the roles fail: the users must go too.
    await db.prisma.$executeRawUnsafe(`CREATE FUNCTION refuse_role() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'role table unavailable'; END $$ LANGUAGE plpgsql`);
    await db.prisma.$executeRawUnsafe(
      `CREATE TRIGGER refuse_role BEFORE INSERT ON "RoleAssignment" FOR EACH ROW EXECUTE FUNCTION refuse_role()`,
    );
    await expect(confirmImport(deps(admin), batch.id)).rejects.toThrow();
    expect(await db.prisma.user.count({ where: { email: { in: ['lan@pd.gov.vn', 'mai@pd.gov.vn'] } } })).toBe(
      0,
    );
    expect((await db.prisma.importBatch.findUniqueOrThrow({ where: { id: batch.id } })).status).toBe(
      'DRY_RUN',
    );
    await db.prisma.$executeRawUnsafe(`DROP TRIGGER refuse_role ON "RoleAssignment"`);
    expect((await confirmImport(deps(admin), batch.id)).created).toBe(2);
    expect(await db.prisma.user.count({ where: { email: { in: ['lan@pd.gov.vn', 'mai@pd.gov.vn'] } } })).toBe(
      2,
    );
  });

  it('refuses to apply when the database changed since the dry run, writing nothing', async () => {
    const bytes = csv(
      'Email,Họ và tên,Vai trò,Mã đơn vị\r\nquang@pd.gov.vn,Bùi Văn Quang,Cán bộ,ND-TN-PD\r\nson@pd.gov.vn,Ngô Văn Sơn,Cán bộ,ND-TN-PD\r\n',
    );
    const batch = await dryRunImport(deps(admin), { kind: 'USERS', fileName: 'x.csv', bytes });
    await db.prisma.user.create({ data: { email: 'son@pd.gov.vn', name: 'Someone', passwordHash: 'x' } });
    expect(await refusal(confirmImport(deps(admin), batch.id))).toBe('STALE');
    expect(await db.prisma.user.count({ where: { email: 'quang@pd.gov.vn' } })).toBe(0);
  });

  it('keeps batches to their author and discards a dry run', async () => {
    const batch = await dryRunImport(deps(admin), {
      kind: 'USERS',
      fileName: 'x.csv',
      bytes: csv('Email,Họ và tên,Vai trò,Mã đơn vị\r\nx@pd.gov.vn,X,Cán bộ,ND-TN-PD\r\n'),
    });
    expect(await refusal(confirmImport(deps(steering), batch.id))).toBe('NOT_FOUND');
    expect((await discardImport(deps(admin), batch.id)).status).toBe('DISCARDED');
    expect(await refusal(confirmImport(deps(admin), batch.id))).toBe('DISCARDED');
    expect(await db.prisma.user.count({ where: { email: 'x@pd.gov.vn' } })).toBe(0);
  });
});

describe('units import', () => {
  it('checks codes, levels and parents, then creates the units with their paths', async () => {
    const bad = await dryRunImport(deps(admin), {
      kind: 'UNITS',
      fileName: 'units.csv',
      bytes: csv(
        'Mã đơn vị,Tên đơn vị,Cấp,Mã đơn vị cấp trên\r\n' +
          'ND-TN-PD,Xã Phương Định,Xã,ND-TN\r\n' +
          'ND-TN-TC-1,Thôn 1,Thôn,ND-TN-TC\r\n' +
          'ND-TN-TC,Xã Trực Chính,Xã,ND-TN\r\n' +
          'ND-HH-X,Xã ngoài phạm vi,Xã,ND-HH\r\n',
      ),
    });
    expect(problemsOf(bad)).toEqual([
      '2:code:xl.row.unitCodeTaken',
      '3:level:xl.row.level',
      '3:parentCode:xl.row.parentAfter',
      '5:parentCode:xl.row.unknownUnit',
    ]);
    const good = await dryRunImport(deps(admin), {
      kind: 'UNITS',
      fileName: 'units.xlsx',
      bytes: await xlsx([
        ['Unit code', 'Unit name', 'Level', 'Parent unit code'],
        ['ND-TN-TC', 'Xã Trực Chính', 'Xã', 'ND-TN'],
        ['ND-TN-TC-VP', 'Văn phòng UBND xã Trực Chính', 'Cơ quan', 'ND-TN-TC'],
      ]),
    });
    expect(problemsOf(good)).toEqual([]);
    expect((await confirmImport(deps(admin), good.id)).created).toBe(2);
    const parent = await db.prisma.unit.findUniqueOrThrow({ where: { code: 'ND-TN-TC' } });
    const child = await db.prisma.unit.findUniqueOrThrow({ where: { code: 'ND-TN-TC-VP' } });
    expect(parent.path).toBe(`${fixtures.units.district.path}${parent.id}/`);
    expect(child.parentId).toBe(parent.id);
    expect(child.path).toBe(`${parent.path}${child.id}/`);
    expect(child.level).toBe('AGENCY');
  });

  it('is refused to someone who is not an administrator of the parent', async () => {
    const batch = await dryRunImport(deps(steering), {
      kind: 'UNITS',
      fileName: 'units.csv',
      bytes: csv('Mã đơn vị,Tên đơn vị,Cấp,Mã đơn vị cấp trên\r\nND-TN-Z,Xã Z,Xã,ND-TN\r\n'),
    });
    expect(problemsOf(batch)).toEqual(['2:parentCode:xl.row.unknownUnit']);
  });
});

describe('task assignments import', () => {
  it('reads dates as offices type them and reports each bad value by row and column', async () => {
    const bytes = await xlsx([
      ['Tên nhiệm vụ', 'Mã đơn vị', 'Lĩnh vực', 'Hạn hoàn thành', 'Trọng số', 'Chỉ tiêu'],
      [
        'Niêm yết thủ tục hành chính',
        'ND-TN-PD',
        'Cải cách thủ tục hành chính',
        '31/12/2026',
        2,
        'Hồ sơ trực tuyến ≥ 60 %',
      ],
      ['Số hoá hồ sơ', 'ND-TN-CT', 'DIGITAL_GOVERNMENT', new Date(Date.UTC(2026, 8, 30)), null, null],
      ['Họp giao ban', 'ND-TN-PD', 'Chính phủ số', '1/7/2026', '3', null],
      ['Việc đã qua hạn', 'ND-TN-PD', 'Chính phủ số', '14/06/2026', 1, null],
      ['Việc năm sau', 'ND-TN-PD', 'Chính phủ số', '2027-03-01', 1, null],
      ['Ngày không có', 'ND-TN-PD', 'Chính phủ số', '31/02/2026', 1, null],
      ['Trọng số lớn', 'ND-TN-PD', 'Chính phủ số', '2026-08-01', 11, null],
      ['Lĩnh vực lạ', 'ND-TN-PD', 'Văn hoá', '2026-08-01', 1, null],
      ['Niêm yết thủ tục hành chính', 'ND-TN-PD', 'Chính phủ số', '2026-08-01', 1, null],
      ['Ngoài huyện', 'ND-HH-HA', 'Chính phủ số', '2026-08-01', 1, null],
      [null, 'ND-TN-PD', null, null, 1, null],
    ]);
    const batch = await dryRunImport(deps(steering), {
      kind: 'TASKS',
      planId: draftPlanId,
      fileName: 't.xlsx',
      bytes,
    });
    expect(problemsOf(batch)).toEqual([
      '5:dueDate:xl.row.dateInPast',
      '6:dueDate:xl.row.dateOutsidePlan',
      '7:dueDate:xl.row.date',
      '8:weight:xl.row.weight',
      '9:area:xl.row.area',
      '10:title:xl.row.duplicateTask',
      '11:unitCode:xl.row.unknownUnit',
      '12:title:xl.row.required',
      '12:area:xl.row.required',
      '12:dueDate:xl.row.required',
    ]);
    expect(await db.prisma.task.count({ where: { planId: draftPlanId } })).toBe(0);
  });

  it('applies good rows into the draft plan in one go, with dates as typed', async () => {
    const bytes = await xlsx([
      ['Hạn hoàn thành', 'Tên nhiệm vụ', 'Mã đơn vị', 'Lĩnh vực', 'Trọng số'],
      ['31/12/2026', 'Niêm yết thủ tục hành chính', 'ND-TN-PD', 'Cải cách thủ tục hành chính', 2],
      [new Date(Date.UTC(2026, 8, 30)), 'Số hoá hồ sơ', 'ND-TN-CT', 'Digital government', null],
      ['ngày 1 tháng 7 năm 2026', 'Họp giao ban', 'ND-TN-PD', 'Chính phủ số', '3'],
    ]);
    const batch = await dryRunImport(deps(steering), {
      kind: 'TASKS',
      planId: draftPlanId,
      fileName: 't.xlsx',
      bytes,
    });
    expect(problemsOf(batch)).toEqual([]);
    const [first, second] = await Promise.all([
      confirmImport(deps(steering), batch.id),
      confirmImport(deps(steering), batch.id),
    ]);
    expect(first.created + second.created).toBe(3);
    const tasks = await db.prisma.task.findMany({
      where: { planId: draftPlanId },
      orderBy: { dueDate: 'asc' },
    });
    expect(
      tasks.map((task) => [task.title, task.dueDate.toISOString().slice(0, 10), task.weight, task.status]),
    ).toEqual([
      ['Họp giao ban', '2026-07-01', 3, 'ASSIGNED'],
      ['Số hoá hồ sơ', '2026-09-30', 1, 'ASSIGNED'],
      ['Niêm yết thủ tục hành chính', '2026-12-31', 2, 'ASSIGNED'],
    ]);
  });

  it('takes task imports into draft plans of the committee only', async () => {
    const bytes = csv(
      'Tên nhiệm vụ,Mã đơn vị,Lĩnh vực,Hạn hoàn thành\r\nA,ND-TN-PD,Chính phủ số,31/12/2026\r\n',
    );
    expect(
      await refusal(
        dryRunImport(deps(steering), { kind: 'TASKS', planId: fixtures.plan.id, fileName: 'x.csv', bytes }),
      ),
    ).toBe('PLAN_NOT_DRAFT');
    expect(
      await refusal(
        dryRunImport(deps(admin), { kind: 'TASKS', planId: draftPlanId, fileName: 'x.csv', bytes }),
      ),
    ).toBe('NOT_FOUND');
  });
});
