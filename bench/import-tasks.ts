// Bench section: importing 5,000 task assignment rows from a generated XLSX into a draft plan —
// the upload's read and checks (the dry run) and the confirmation's transaction, on a real
// PostgreSQL. Prints the figures; asserts nothing (tests/api/imports.test.ts checks the behaviour).
import ExcelJS from 'exceljs';
import { createSession, viewerFromSession } from '../api/src/auth.ts';
import { confirmImport, dryRunImport } from '../api/src/services/imports.ts';
import { createPrismaClient } from '../prisma/client.ts';
import { createFixtures } from '../tests/helpers/fixtures.ts';

/** An XLSX of `count` assignments as an office would type them (Vietnamese headers, d/m/yyyy dates). */
async function assignmentsWorkbook(count: number, year: number, unitCodes: string[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Giao nhiệm vụ');
  sheet.addRow(['Tên nhiệm vụ', 'Mã đơn vị', 'Lĩnh vực', 'Hạn hoàn thành', 'Trọng số', 'Chỉ tiêu']);
  for (let i = 0; i < count; i += 1) {
    const month = 1 + (i % 12);
    sheet.addRow([
      `Nhiệm vụ cải cách thủ tục hành chính số ${i + 1}`,
      unitCodes[i % unitCodes.length],
      'Chính phủ số',
      i % 2 ? `${1 + (i % 28)}/${month}/${year}` : new Date(Date.UTC(year, month - 1, 1 + (i % 28))),
      1 + (i % 5),
      'Hồ sơ trực tuyến ≥ 60 %',
    ]);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export async function importTasksBench(databaseUrl: string, count = 5000): Promise<void> {
  const prisma = createPrismaClient(databaseUrl, { poolSize: 5 });
  try {
    const fixtures = await createFixtures(prisma);
    const now = new Date();
    const year = now.getUTCFullYear() + 1;
    const plan = await prisma.reformPlan.create({
      data: {
        year,
        title: `Kế hoạch CCHC ${year} (nhập từ bảng tính)`,
        issuingUnitId: fixtures.units.district.id,
        createdById: fixtures.users.steering.id,
      },
    });
    const viewer = (await viewerFromSession(
      prisma,
      await createSession(prisma, fixtures.users.steering.id, now),
      now,
    ))!;
    const bytes = await assignmentsWorkbook(count, year, [
      fixtures.units.commune.code,
      fixtures.units.town.code,
    ]);
    const deps = { prisma, viewer, now: () => new Date() };
    const started = performance.now();
    const batch = await dryRunImport(deps, {
      kind: 'TASKS',
      planId: plan.id,
      fileName: 'giao-viec.xlsx',
      bytes,
    });
    const checked = performance.now();
    const problems = (batch.problems as unknown[]).length;
    if (problems) throw new Error(`The generated file has ${problems} problems`);
    const result = await confirmImport(deps, batch.id);
    const applied = performance.now();
    const written = await prisma.task.count({ where: { planId: plan.id } });
    const seconds = (applied - started) / 1000;
    console.log(
      `import ${count} task assignments (XLSX, ${(bytes.byteLength / 1024).toFixed(0)} KB): read + checked in ` +
        `${((checked - started) / 1000).toFixed(2)} s, applied in one transaction in ` +
        `${((applied - checked) / 1000).toFixed(2)} s; total ${seconds.toFixed(2)} s = ` +
        `${(count / seconds).toFixed(0)} rows/s (${result.created} created, ${written} in the plan)`,
    );
  } finally {
    await prisma.$disconnect();
  }
}
