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
