import { randomUUID } from 'node:crypto';
import type { PrismaClient, Role, UnitLevel } from '../../prisma/client.ts';
import { hashPassword } from '../../api/src/passwords.ts';

/** A small slice of the Nam Định tree, with one user per role, for tests. */
export async function createFixtures(prisma: PrismaClient) {
  const unit = async (
    code: string,
    name: string,
    level: UnitLevel,
    parent?: { id: string; path: string },
  ) => {
    const id = randomUUID();
    return prisma.unit.create({
      data: { id, code, name, level, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/` },
    });
  };
  const province = await unit('ND', 'Tỉnh Nam Định', 'PROVINCE');
  const district = await unit('ND-TN', 'Huyện Trực Ninh', 'DISTRICT', province);
  const commune = await unit('ND-TN-PD', 'Xã Phương Định', 'COMMUNE', district);
  const town = await unit('ND-TN-CT', 'Thị trấn Cát Thành', 'TOWN', district);
  const otherDistrict = await unit('ND-HH', 'Huyện Hải Hậu', 'DISTRICT', province);
  const otherCommune = await unit('ND-HH-HA', 'Xã Hải An', 'COMMUNE', otherDistrict);

  const passwordHash = await hashPassword('correct horse battery');
  const user = async (key: string, name: string, role: Role, unitId: string) =>
    prisma.user.create({
      data: {
        email: `${key}@test.demo`,
        name,
        passwordHash,
        locale: 'en',
        roles: { create: { role, unitId } },
      },
    });
  const steering = await user('steering', 'Phạm Văn Chỉ Đạo', 'STEERING', district.id);
  const head = await user('head', 'Trần Thị Trưởng', 'UNIT_HEAD', commune.id);
  const townHead = await user('townhead', 'Lê Văn Thị Trấn', 'UNIT_HEAD', town.id);
  const otherHead = await user('otherhead', 'Vũ Văn Khác', 'UNIT_HEAD', otherCommune.id);
  const otherSteering = await user('othersteering', 'Đỗ Văn Ngoài', 'STEERING', otherDistrict.id);

  const area = await prisma.reformArea.create({
    data: { code: 'DIGITAL_GOVERNMENT', nameVi: 'Chính phủ số', nameEn: 'Digital government', sortOrder: 6 },
  });
  // Issued, so tasks added to it start their workflows at once.
  const plan = await prisma.reformPlan.create({
    data: {
      year: 2026,
      title: 'Kế hoạch CCHC 2026',
      issuingUnitId: district.id,
      createdById: steering.id,
      status: 'ISSUED',
      issuedAt: new Date(),
    },
  });
  return {
    units: { province, district, commune, town, otherDistrict, otherCommune },
    users: { steering, head, townHead, otherHead, otherSteering },
    password: 'correct horse battery',
    area,
    plan,
  };
}

/**
 * Inspectors and a commune staff member for the inspection and corrective-action tests, added
 * on top of createFixtures (which it leaves as it is).
 */
export async function createInspectionFixtures(
  prisma: PrismaClient,
  base: Awaited<ReturnType<typeof createFixtures>>,
) {
  const passwordHash = await hashPassword(base.password);
  const user = async (key: string, name: string, role: Role, unitId: string) =>
    prisma.user.create({
      data: {
        email: `${key}@test.demo`,
        name,
        passwordHash,
        locale: 'en',
        roles: { create: { role, unitId } },
      },
    });
  const inspector = await user('inspector', 'Ngô Văn Thanh Tra', 'INSPECTOR', base.units.district.id);
  const inspector2 = await user('inspector2', 'Hoàng Thị Kiểm', 'INSPECTOR', base.units.district.id);
  // An inspector of the other district: not on the inspections these tests run.
  const outsider = await user('outsideinspector', 'Đinh Văn Ngoài', 'INSPECTOR', base.units.otherDistrict.id);
  const staff = await user('staff', 'Bùi Văn Cán Bộ', 'UNIT_STAFF', base.units.commune.id);
  return { inspector, inspector2, outsider, staff };
}

/**
 * An ISSUED plan of the district for 2099 (far enough ahead that every due date a test picks is
 * in the future and inside the plan's year), written as a row: tests start its tasks' workflows
 * through the API.
 */
export async function createIssuedPlan(
  prisma: PrismaClient,
  fixtures: Awaited<ReturnType<typeof createFixtures>>,
): Promise<string> {
  const plan = await prisma.reformPlan.create({
    data: {
      year: 2099,
      title: 'Kế hoạch CCHC 2099',
      issuingUnitId: fixtures.units.district.id,
      createdById: fixtures.users.steering.id,
      status: 'ISSUED',
      issuedAt: new Date(),
    },
  });
  return plan.id;
}
