// Demo data for `npm start` on an empty database: Nam Định → Trực Ninh and its communes,
// Phú Thọ → Phù Ninh's one-stop units, Nghệ An's 2024 plan, one user per persona.
// Seeded tasks are projections only: no Temporal workflow runs for them.
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../api/src/passwords.ts';
import { createPrismaClient, type UnitLevel } from './client.ts';

export interface DemoLogin {
  persona: 'admin' | 'steering' | 'unitHead' | 'unitStaff' | 'inspector';
  email: string;
  password: string;
  name: string;
  unitName: string;
}

export const demoLogins: DemoLogin[] = [
  {
    persona: 'admin',
    email: 'admin@reform.demo',
    password: 'NamDinh-Admin-2025',
    name: 'Nguyễn Văn Quản',
    unitName: 'Tỉnh Nam Định',
  },
  {
    persona: 'steering',
    email: 'steering@reform.demo',
    password: 'TrucNinh-BCD-2025',
    name: 'Phạm Trọng Đạo',
    unitName: 'Huyện Trực Ninh',
  },
  {
    persona: 'unitHead',
    email: 'head.phuongdinh@reform.demo',
    password: 'PhuongDinh-Head-2025',
    name: 'Trần Thị Hạnh',
    unitName: 'Xã Phương Định',
  },
  {
    persona: 'unitStaff',
    email: 'staff.phuongdinh@reform.demo',
    password: 'PhuongDinh-Staff-2025',
    name: 'Lê Văn Minh',
    unitName: 'Xã Phương Định',
  },
  {
    persona: 'inspector',
    email: 'inspector@reform.demo',
    password: 'TrucNinh-Inspect-2025',
    name: 'Vũ Thị Kiểm',
    unitName: 'Huyện Trực Ninh',
  },
];

const personaRole = {
  admin: 'ADMIN',
  steering: 'STEERING',
  unitHead: 'UNIT_HEAD',
  unitStaff: 'UNIT_STAFF',
  inspector: 'INSPECTOR',
} as const;

interface UnitSeed {
  code: string;
  name: string;
  level: UnitLevel;
  children?: UnitSeed[];
}

const communes = (prefix: string, names: [string, string, UnitLevel?][]): UnitSeed[] =>
  names.map(([code, name, level]) => ({ code: `${prefix}-${code}`, name, level: level ?? 'COMMUNE' }));

const tree: UnitSeed[] = [
  {
    code: 'ND',
    name: 'Tỉnh Nam Định',
    level: 'PROVINCE',
    children: [
      { code: 'ND-SNV', name: 'Sở Nội vụ tỉnh Nam Định', level: 'DEPARTMENT' },
      { code: 'ND-STTTT', name: 'Sở Thông tin và Truyền thông tỉnh Nam Định', level: 'DEPARTMENT' },
      {
        code: 'ND-TN',
        name: 'Huyện Trực Ninh',
        level: 'DISTRICT',
        children: communes('ND-TN', [
          ['PD', 'Xã Phương Định'],
          ['VH', 'Xã Việt Hùng'],
          ['TD', 'Xã Trung Đông'],
          ['TM', 'Xã Trực Mỹ'],
          ['CT', 'Thị trấn Cát Thành', 'TOWN'],
          ['TDA', 'Xã Trực Đại'],
          ['TH', 'Xã Trực Hùng'],
          ['TT', 'Xã Trực Thái'],
        ]),
      },
      { code: 'ND-HH', name: 'Huyện Hải Hậu', level: 'DISTRICT' },
      { code: 'ND-GT', name: 'Huyện Giao Thủy', level: 'DISTRICT' },
      { code: 'ND-NH', name: 'Huyện Nghĩa Hưng', level: 'DISTRICT' },
    ],
  },
  {
    code: 'PT',
    name: 'Tỉnh Phú Thọ',
    level: 'PROVINCE',
    children: [
      {
        code: 'PT-PN',
        name: 'Huyện Phù Ninh',
        level: 'DISTRICT',
        children: communes('PT-PN', [
          ['TG', 'Xã Trung Giáp'],
          ['PL', 'Xã Phú Lộc'],
          ['BP', 'Xã Bình Phú'],
          ['PN', 'Xã Phù Ninh'],
          ['AD', 'Xã An Đạo'],
          ['PNH', 'Xã Phú Nham'],
          ['TP', 'Xã Tiên Phú'],
          ['LH', 'Xã Liên Hoa'],
          ['BT', 'Xã Bảo Thanh'],
          ['PC', 'Thị trấn Phong Châu', 'TOWN'],
        ]),
      },
    ],
  },
  {
    code: 'NA',
    name: 'Tỉnh Nghệ An',
    level: 'PROVINCE',
    children: [
      { code: 'NA-SNV', name: 'Sở Nội vụ tỉnh Nghệ An', level: 'DEPARTMENT' },
      { code: 'NA-STTTT', name: 'Sở Thông tin và Truyền thông tỉnh Nghệ An', level: 'DEPARTMENT' },
      { code: 'NA-TTHCC', name: 'Trung tâm Phục vụ hành chính công tỉnh Nghệ An', level: 'AGENCY' },
    ],
  },
  {
    code: 'BN',
    name: 'Tỉnh Bắc Ninh',
    level: 'PROVINCE',
    children: [
      { code: 'BN-TTHCC', name: 'Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh', level: 'AGENCY' },
      { code: 'BN-KB', name: 'Phường Kinh Bắc', level: 'WARD' },
      { code: 'BN-TA', name: 'Phường Tân An', level: 'WARD' },
      { code: 'BN-TDI', name: 'Xã Tân Định', level: 'COMMUNE' },
    ],
  },
];

export const reformAreas = [
  { code: 'INSTITUTIONS', nameVi: 'Cải cách thể chế', nameEn: 'Institutional reform' },
  { code: 'ADMIN_PROCEDURES', nameVi: 'Cải cách thủ tục hành chính', nameEn: 'Administrative procedures' },
  { code: 'APPARATUS', nameVi: 'Cải cách tổ chức bộ máy', nameEn: 'State apparatus' },
  { code: 'CIVIL_SERVICE', nameVi: 'Cải cách chế độ công vụ', nameEn: 'Civil service' },
  { code: 'PUBLIC_FINANCE', nameVi: 'Cải cách tài chính công', nameEn: 'Public finance' },
  {
    code: 'DIGITAL_GOVERNMENT',
    nameVi: 'Xây dựng Chính phủ điện tử, Chính phủ số',
    nameEn: 'E-government and digital government',
  },
];

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/** Writes the demo data in one transaction, unless the database already has users. */
export async function seedDemoData(databaseUrl: string): Promise<{ seeded: boolean }> {
  if (process.env.NODE_ENV === 'production' && process.env.RT_SEED_DEMO !== '1') {
    throw new Error(
      'Demo data with published passwords is not written in production; set RT_SEED_DEMO=1 to force it.',
    );
  }
  const prisma = createPrismaClient(databaseUrl, { poolSize: 2 });
  try {
    if ((await prisma.user.count()) > 0) return { seeded: false };
    const hashes = await Promise.all(demoLogins.map((entry) => hashPassword(entry.password)));
    await prisma.$transaction(
      async (tx) => {
        const units = new Map<string, { id: string; path: string }>();
        const byName = new Map<string, string>();
        const insert = async (seed: UnitSeed, parent?: { id: string; path: string }) => {
          const id = randomUUID();
          const unit = { id, path: `${parent?.path ?? '/'}${id}/` };
          await tx.unit.create({
            data: {
              ...unit,
              code: seed.code,
              name: seed.name,
              level: seed.level,
              parentId: parent?.id ?? null,
            },
          });
          units.set(seed.code, unit);
          byName.set(seed.name, id);
          for (const child of seed.children ?? []) await insert(child, unit);
        };
        for (const seed of tree) await insert(seed);
        const areaIds = new Map<string, string>();
        for (const [index, area] of reformAreas.entries()) {
          const created = await tx.reformArea.create({ data: { ...area, sortOrder: index + 1 } });
          areaIds.set(area.code, created.id);
        }
        const users = new Map<string, string>();
        for (const [index, entry] of demoLogins.entries()) {
          const user = await tx.user.create({
            data: {
              email: entry.email,
              name: entry.name,
              passwordHash: hashes[index] as string,
              roles: {
                create: { role: personaRole[entry.persona], unitId: byName.get(entry.unitName) as string },
              },
            },
          });
          users.set(entry.persona, user.id);
        }
        const unitOf = (code: string) => units.get(code)!.id;
        const plan = await tx.reformPlan.create({
          data: {
            year: 2025,
            title: 'Kế hoạch cải cách hành chính huyện Trực Ninh năm 2025',
            issuingUnitId: unitOf('ND-TN'),
            status: 'ISSUED',
            issuedAt: day('2025-01-06'),
            createdById: users.get('steering')!,
            periods: {
              create: [1, 2, 3, 4].map((quarter) => ({
                number: quarter,
                startsOn: new Date(Date.UTC(2025, (quarter - 1) * 3, 1)),
                endsOn: new Date(Date.UTC(2025, quarter * 3, 0)),
              })),
            },
          },
        });
        const tasks: [string, string, string, string, number, 'ASSIGNED' | 'IN_PROGRESS' | 'COMPLETED'][] = [
          [
            'ND-TN-PD',
            'DIGITAL_GOVERNMENT',
            'Đính kèm đầy đủ hồ sơ ở từng bước trên phần mềm một cửa điện tử',
            '2025-12-31',
            60,
            'IN_PROGRESS',
          ],
          [
            'ND-TN-PD',
            'ADMIN_PROCEDURES',
            'Niêm yết công khai đầy đủ danh mục thủ tục hành chính và mức phí tại bộ phận một cửa',
            '2025-06-30',
            100,
            'COMPLETED',
          ],
          [
            'ND-TN-CT',
            'DIGITAL_GOVERNMENT',
            'Ký số 100 % văn bản điện tử gửi, nhận qua phần mềm quản lý văn bản',
            '2025-09-30',
            100,
            'COMPLETED',
          ],
          [
            'ND-TN-VH',
            'DIGITAL_GOVERNMENT',
            'Nâng tỷ lệ thanh toán trực tuyến phí, lệ phí thủ tục hành chính',
            '2025-12-31',
            45,
            'IN_PROGRESS',
          ],
          [
            'ND-TN-TD',
            'APPARATUS',
            'Áp dụng, duy trì hệ thống quản lý chất lượng TCVN ISO 9001:2015',
            '2025-11-30',
            30,
            'IN_PROGRESS',
          ],
          [
            'ND-TN-TM',
            'CIVIL_SERVICE',
            'Bố trí đúng người, đúng vị trí việc làm tại bộ phận tiếp nhận và trả kết quả',
            '2025-08-31',
            0,
            'ASSIGNED',
          ],
          [
            'ND-TN-TDA',
            'DIGITAL_GOVERNMENT',
            'Tạo lập và nộp lưu hồ sơ điện tử vào lưu trữ cơ quan',
            '2025-12-31',
            20,
            'IN_PROGRESS',
          ],
          [
            'ND-TN-TH',
            'INSTITUTIONS',
            'Cập nhật thông tin trên trang thông tin điện tử của xã',
            '2025-10-31',
            70,
            'IN_PROGRESS',
          ],
        ];
        for (const [unit, area, title, due, progress, status] of tasks) {
          await tx.task.create({
            data: {
              planId: plan.id,
              areaId: areaIds.get(area)!,
              assigneeUnitId: unitOf(unit),
              title,
              dueDate: day(due),
              progress,
              status,
              indicatorTarget: area === 'DIGITAL_GOVERNMENT' ? '100 %' : null,
              completedAt: status === 'COMPLETED' ? day(due) : null,
              createdById: users.get('steering')!,
            },
          });
        }
      },
      { timeout: 60_000 },
    );
    return { seeded: true };
  } finally {
    await prisma.$disconnect();
  }
}
