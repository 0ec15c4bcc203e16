// Reference data every database needs (the six reform areas, the holiday calendar), and
// demo data for `npm start` on an empty database:
// - Nam Định → Trực Ninh and its communes with Trực Ninh's plan of the current year
//   (prisma/demo-trucninh.ts: written here as a DRAFT, then issued and driven through its
//   workflows by scripts/lib/demo-drive.ts once the worker runs);
// - Nam Định's provincial plan of the current year with overdue tasks in two more districts
//   (prisma/demo-namdinh.ts: written ISSUED, its workflow started by demo-drive);
// - the past years (prisma/demo-history.ts), CLOSED, rows only, with their quarterly completion
//   snapshots: Trực Ninh's 2025 plan with the closed 2025 inspection of Trực Đại
//   (prisma/demo-trucninh-2025.ts) and Nghệ An's 2024 plan (prisma/demo-nghean-2024.ts); no
//   workflow takes a closed plan over (scripts/lib/plan-workflows.ts);
// - Phú Thọ → Phù Ninh's one-stop units, Nghệ An's departments and districts, Bắc Ninh's service
//   centres, the 2024 district-level criteria set, one login per persona, and the inspection
//   checklist templates (prisma/demo-inspections.ts, whose inspections demo-drive drives).
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../api/src/passwords.ts';
import {
  createPrismaClient,
  type Prisma,
  type PrismaClient,
  type ScoringMethod,
  type UnitLevel,
} from './client.ts';
import { seedHolidays } from './reference/holidays.ts';
import { seedTrucNinhCurrentPlan, trucNinhHeads } from './demo-trucninh.ts';
import { seedInspectionTemplates } from './demo-inspections.ts';
import { writeHistoryPlan } from './demo-history.ts';
import { namDinhHeads, namDinhSteering, seedNamDinhCurrentPlan } from './demo-namdinh.ts';
import { ngheAn2024, ngheAnHeads } from './demo-nghean-2024.ts';
import { trucNinh2025, writeTrucDaiInspection } from './demo-trucninh-2025.ts';

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
  {
    persona: 'steering',
    email: 'steering.nghean@reform.demo',
    password: 'NgheAn-BCD-2024',
    name: 'Nguyễn Sỹ Thành',
    unitName: 'Tỉnh Nghệ An',
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
      { code: 'NA-VP', name: 'Văn phòng UBND tỉnh Nghệ An', level: 'DEPARTMENT' },
      { code: 'NA-STP', name: 'Sở Tư pháp tỉnh Nghệ An', level: 'DEPARTMENT' },
      { code: 'NA-STC', name: 'Sở Tài chính tỉnh Nghệ An', level: 'DEPARTMENT' },
      { code: 'NA-CA', name: 'Công an tỉnh Nghệ An', level: 'AGENCY' },
      {
        code: 'NA-VINH',
        name: 'Thành phố Vinh',
        level: 'DISTRICT',
        children: communes('NA-VINH', [
          ['HB', 'Phường Hưng Bình', 'WARD'],
          ['LL', 'Phường Lê Lợi', 'WARD'],
        ]),
      },
      { code: 'NA-NL', name: 'Huyện Nghi Lộc', level: 'DISTRICT' },
      { code: 'NA-DC', name: 'Huyện Diễn Châu', level: 'DISTRICT' },
      { code: 'NA-QL', name: 'Huyện Quỳnh Lưu', level: 'DISTRICT' },
      { code: 'NA-CC', name: 'Huyện Con Cuông', level: 'DISTRICT' },
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
] as const;

type AreaCode = (typeof reformAreas)[number]['code'];

/**
 * Writes the reference data every database needs, in production too: the six reform areas
 * and the holiday calendar. Rows already there are kept as they are (an administrator may
 * have renamed an area or a holiday), so it is safe to run on every start, from several
 * processes at once (INSERT … ON CONFLICT DO NOTHING on the unique code / date).
 */
export async function seedReferenceData(
  databaseUrl: string,
): Promise<{ areasWritten: number; holidaysWritten: number }> {
  const prisma = createPrismaClient(databaseUrl, { poolSize: 2 });
  try {
    return await writeReferenceData(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

async function writeReferenceData(
  prisma: PrismaClient,
): Promise<{ areasWritten: number; holidaysWritten: number }> {
  // An upsert by code that never overwrites: createMany skips the codes already present.
  const { count: areasWritten } = await prisma.reformArea.createMany({
    data: reformAreas.map((area, index) => ({ ...area, sortOrder: index + 1 })),
    skipDuplicates: true,
  });
  const holidaysWritten = await seedHolidays(prisma);
  return { areasWritten, holidaysWritten };
}

// ── The 2024 district-level criteria set, PAR-Index style ──────────────────────────────

type SubCriterion = [code: string, nameVi: string, nameEn: string, maxPoints: number, method: ScoringMethod];

interface CriterionSeed {
  code: string;
  /** null: direction and impact of the reform, which none of the six areas covers. */
  area: AreaCode | null;
  nameVi: string;
  nameEn: string;
  children: SubCriterion[];
}

const districtCriteria2024: CriterionSeed[] = [
  {
    code: '1',
    area: null,
    nameVi: 'Công tác chỉ đạo, điều hành cải cách hành chính',
    nameEn: 'Direction and management of administrative reform',
    children: [
      [
        '1.1',
        'Ban hành kế hoạch cải cách hành chính năm đầy đủ, đúng thời hạn',
        'Annual reform plan issued in full and on time',
        2,
        'SELF_ASSESSED',
      ],
      [
        '1.2',
        'Tỷ lệ nhiệm vụ trong kế hoạch cải cách hành chính hoàn thành đúng hạn',
        'Share of reform-plan tasks completed on time',
        3,
        'COMPUTED',
      ],
      [
        '1.3',
        'Tỷ lệ tồn tại sau kiểm tra cải cách hành chính được khắc phục đúng hạn',
        'Share of inspection findings corrected on time',
        2.5,
        'COMPUTED',
      ],
      [
        '1.4',
        'Tuyên truyền cải cách hành chính; sáng kiến, mô hình mới được áp dụng',
        'Reform communication; new initiatives and models in use',
        2.5,
        'SELF_ASSESSED',
      ],
    ],
  },
  {
    code: '2',
    area: 'INSTITUTIONS',
    nameVi: 'Cải cách thể chế',
    nameEn: 'Institutional reform',
    children: [
      [
        '2.1',
        'Ban hành văn bản quy phạm pháp luật thuộc thẩm quyền đúng trình tự, thủ tục',
        "Legal documents within the district's remit issued by the prescribed procedure",
        2.5,
        'SELF_ASSESSED',
      ],
      [
        '2.2',
        'Rà soát, hệ thống hóa văn bản quy phạm pháp luật',
        'Review and systematisation of legal documents',
        2,
        'SELF_ASSESSED',
      ],
      [
        '2.3',
        'Theo dõi thi hành pháp luật và xử lý văn bản sau kiểm tra',
        'Monitoring of law enforcement and follow-up of document checks',
        2.5,
        'SELF_ASSESSED',
      ],
    ],
  },
  {
    code: '3',
    area: 'ADMIN_PROCEDURES',
    nameVi: 'Cải cách thủ tục hành chính',
    nameEn: 'Administrative procedure reform',
    children: [
      [
        '3.1',
        'Công khai đầy đủ, đúng quy định danh mục, nội dung thủ tục hành chính và mức phí, lệ phí tại Bộ phận Một cửa',
        'Full and correct posting of procedures, their content and fees at the one-stop unit',
        3,
        'SELF_ASSESSED',
      ],
      [
        '3.2',
        'Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn; xin lỗi người dân khi trễ hạn',
        'Share of dossiers settled on time; apologies to citizens for late ones',
        5,
        'SELF_ASSESSED',
      ],
      [
        '3.3',
        'Rà soát, đề xuất đơn giản hóa thủ tục hành chính',
        'Review of procedures and proposals to simplify them',
        2.5,
        'SELF_ASSESSED',
      ],
      [
        '3.4',
        'Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về thủ tục hành chính',
        "Handling of citizens' and organisations' feedback on procedures",
        3.5,
        'SELF_ASSESSED',
      ],
    ],
  },
  {
    code: '4',
    area: 'APPARATUS',
    nameVi: 'Cải cách tổ chức bộ máy hành chính nhà nước',
    nameEn: 'Reform of the state administrative apparatus',
    children: [
      [
        '4.1',
        'Sắp xếp tổ chức bộ máy, đơn vị hành chính cấp xã theo quy định',
        'Reorganisation of the apparatus and of commune-level units as prescribed',
        3,
        'SELF_ASSESSED',
      ],
      [
        '4.2',
        'Thực hiện phân cấp, ủy quyền quản lý nhà nước',
        'Decentralisation and delegation of state management',
        2.5,
        'SELF_ASSESSED',
      ],
      [
        '4.3',
        'Áp dụng, duy trì hệ thống quản lý chất lượng TCVN ISO 9001:2015',
        'Application and upkeep of the TCVN ISO 9001:2015 quality management system',
        2.5,
        'SELF_ASSESSED',
      ],
    ],
  },
  {
    code: '5',
    area: 'CIVIL_SERVICE',
    nameVi: 'Cải cách chế độ công vụ',
    nameEn: 'Civil service reform',
    children: [
      [
        '5.1',
        'Xác định, quản lý vị trí việc làm và cơ cấu ngạch công chức',
        'Job positions and the civil-service grade structure',
        2.5,
        'SELF_ASSESSED',
      ],
      [
        '5.2',
        'Tuyển dụng, bố trí, đánh giá, xếp loại công chức đúng quy định',
        'Recruitment, placement and appraisal of civil servants as prescribed',
        2.5,
        'SELF_ASSESSED',
      ],
      [
        '5.3',
        'Đào tạo, bồi dưỡng cán bộ, công chức',
        'Training of officials and civil servants',
        2,
        'SELF_ASSESSED',
      ],
      [
        '5.4',
        'Chấp hành kỷ luật, kỷ cương hành chính; tinh thần, thái độ phục vụ của công chức',
        "Administrative discipline; civil servants' attitude to the public",
        3,
        'SELF_ASSESSED',
      ],
    ],
  },
  {
    code: '6',
    area: 'PUBLIC_FINANCE',
    nameVi: 'Cải cách tài chính công',
    nameEn: 'Public finance reform',
    children: [
      [
        '6.1',
        'Thực hiện cơ chế tự chủ tài chính tại đơn vị sự nghiệp công lập',
        'Financial autonomy of public service units',
        2.5,
        'SELF_ASSESSED',
      ],
      [
        '6.2',
        'Tỷ lệ giải ngân kế hoạch vốn đầu tư công',
        'Disbursement rate of the public investment plan',
        2.5,
        'SELF_ASSESSED',
      ],
      [
        '6.3',
        'Công khai ngân sách; thực hiện kết luận thanh tra, kiểm toán',
        'Budget transparency; follow-up of inspection and audit conclusions',
        2,
        'SELF_ASSESSED',
      ],
    ],
  },
  {
    code: '7',
    area: 'DIGITAL_GOVERNMENT',
    nameVi: 'Xây dựng và phát triển chính quyền điện tử, chính quyền số',
    nameEn: 'E-government and digital government',
    children: [
      [
        '7.1',
        'Tỷ lệ hồ sơ thủ tục hành chính tiếp nhận, giải quyết trực tuyến toàn trình',
        'Share of dossiers received and settled fully online',
        5,
        'SELF_ASSESSED',
      ],
      [
        '7.2',
        'Gửi, nhận văn bản điện tử có ký số; lập và nộp lưu hồ sơ điện tử',
        'Digitally signed electronic documents; electronic files created and archived',
        4.5,
        'SELF_ASSESSED',
      ],
      [
        '7.3',
        'Tỷ lệ thanh toán trực tuyến phí, lệ phí thủ tục hành chính',
        'Share of procedure fees paid online',
        3.75,
        'SELF_ASSESSED',
      ],
      [
        '7.4',
        'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính',
        'Digitisation of dossiers and of their results',
        3.5,
        'SELF_ASSESSED',
      ],
    ],
  },
  {
    code: '8',
    area: null,
    nameVi: 'Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội',
    nameEn: 'Impact of the reform on citizens, organisations and socio-economic development',
    children: [
      [
        '8.1',
        'Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)',
        'Satisfaction Index of Public Administrative Services (SIPAS)',
        13,
        'SURVEY',
      ],
      [
        '8.2',
        'Điều tra xã hội học lấy ý kiến lãnh đạo, công chức về cải cách hành chính',
        'Sociological survey of leaders and civil servants on the reform',
        8,
        'SURVEY',
      ],
      [
        '8.3',
        'Mức độ hoàn thành các chỉ tiêu phát triển kinh tế - xã hội của năm',
        "Achievement of the year's socio-economic targets",
        6.25,
        'SELF_ASSESSED',
      ],
    ],
  },
];

/** A criterion's points are the sum of its sub-criteria's; its method is that of most of them. */
function criterionTotals(criterion: CriterionSeed): { maxPoints: number; method: ScoringMethod } {
  const byMethod = new Map<ScoringMethod, number>();
  let cents = 0;
  for (const [, , , points, method] of criterion.children) {
    cents += Math.round(points * 100);
    byMethod.set(method, (byMethod.get(method) ?? 0) + points);
  }
  const [method] = [...byMethod.entries()].sort((a, b) => b[1] - a[1])[0]!;
  return { maxPoints: cents / 100, method };
}

async function seedCriteriaSet(
  tx: Prisma.TransactionClient,
  areaIds: Map<string, string>,
): Promise<Map<string, string>> {
  const totals = districtCriteria2024.map(criterionTotals);
  const maxPoints = totals.reduce((sum, total) => sum + Math.round(total.maxPoints * 100), 0) / 100;
  if (maxPoints !== 100) throw new Error(`The 2024 district criteria add up to ${maxPoints}, not 100.`);
  const set = await tx.criteriaSet.create({
    data: {
      year: 2024,
      level: 'DISTRICT',
      name: 'Bộ Chỉ số cải cách hành chính cấp huyện năm 2024',
      maxPoints,
      // Used for 2024's assessments: published then, so it is copied for a later year, not edited.
      publishedAt: new Date('2024-01-15T00:00:00.000Z'),
    },
  });
  const ids = new Map<string, string>();
  for (const [index, criterion] of districtCriteria2024.entries()) {
    const areaId = criterion.area ? areaIds.get(criterion.area)! : null;
    const parent = await tx.criterion.create({
      data: {
        criteriaSetId: set.id,
        areaId,
        code: criterion.code,
        nameVi: criterion.nameVi,
        nameEn: criterion.nameEn,
        ...totals[index]!,
        sortOrder: index + 1,
      },
    });
    ids.set(criterion.code, parent.id);
    for (const [childIndex, [code, nameVi, nameEn, points, method]] of criterion.children.entries()) {
      const child = await tx.criterion.create({
        data: {
          criteriaSetId: set.id,
          areaId,
          parentId: parent.id,
          code,
          nameVi,
          nameEn,
          maxPoints: points,
          method,
          sortOrder: childIndex + 1,
        },
      });
      ids.set(code, child.id);
    }
  }
  return ids;
}

/**
 * The demo's past years (prisma/demo-history.ts): Trực Ninh's 2025 plan with the closed 2025
 * inspection of Trực Đại, and Nghệ An's 2024 plan. Reads the units, areas, criteria and people
 * it needs from the database; what is already there is skipped, so a second call writes nothing.
 */
export async function seedDemoHistory(
  tx: Prisma.TransactionClient,
): Promise<{ plans: number; inspections: number }> {
  const [units, areas, criteria, heads] = await Promise.all([
    tx.unit.findMany({ select: { id: true, code: true } }),
    tx.reformArea.findMany({ select: { id: true, code: true } }),
    tx.criterion.findMany({
      where: { criteriaSet: { year: 2024, level: 'DISTRICT' } },
      select: { id: true, code: true },
    }),
    tx.roleAssignment.findMany({
      where: { role: 'UNIT_HEAD' },
      orderBy: { createdAt: 'asc' },
      select: { userId: true, unit: { select: { code: true } } },
    }),
  ]);
  const unitIds = new Map(units.map((unit) => [unit.code, unit.id]));
  const headIds = new Map<string, string>();
  for (const head of heads) if (!headIds.has(head.unit.code)) headIds.set(head.unit.code, head.userId);
  const required = (map: Map<string, string>, what: string) => (code: string) => {
    const id = map.get(code);
    if (!id) throw new Error(`Demo history: no ${what} ${code}.`);
    return id;
  };
  const unitOf = required(unitIds, 'unit');
  const headOf = required(headIds, 'head of unit');
  const userId = async (email: string) => (await tx.user.findUniqueOrThrow({ where: { email } })).id;
  const areaIds = new Map(areas.map((area) => [area.code, area.id]));
  const criterionIds = new Map(criteria.map((criterion) => [criterion.code, criterion.id]));
  const trucNinhSteering = await userId('steering@reform.demo');
  const written = { plans: 0, inspections: 0 };
  const plans = [
    { plan: trucNinh2025, steeringId: trucNinhSteering },
    { plan: ngheAn2024, steeringId: await userId('steering.nghean@reform.demo') },
  ];
  for (const { plan, steeringId } of plans) {
    const context = { unitOf, areaIds, criterionIds, steeringId, headOf };
    if (await writeHistoryPlan(tx, plan, context)) written.plans += 1;
  }
  const inspection = await writeTrucDaiInspection(tx, {
    unitOf,
    steeringId: trucNinhSteering,
    inspectorId: await userId('inspector@reform.demo'),
    headId: headOf('ND-TN-TDA'),
  });
  if (inspection) written.inspections += 1;
  return written;
}

/** Writes the demo data in one transaction, unless the database already has users. */
export async function seedDemoData(databaseUrl: string): Promise<{ seeded: boolean }> {
  if (process.env.NODE_ENV === 'production' && process.env.RT_SEED_DEMO !== '1') {
    throw new Error(
      'Demo data with published passwords is not written in production; set RT_SEED_DEMO=1 to force it.',
    );
  }
  await seedReferenceData(databaseUrl);
  const prisma = createPrismaClient(databaseUrl, { poolSize: 2 });
  try {
    if ((await prisma.user.count()) > 0) return { seeded: false };
    const hashes = await Promise.all(demoLogins.map((entry) => hashPassword(entry.password)));
    // The Nghệ An unit heads get a random password nobody knows: they author the seeded
    // reports but are not demo logins.
    const headHashes = await Promise.all(ngheAnHeads.map(() => hashPassword(randomUUID())));
    // So do the heads of the Trực Ninh communes other than Phương Định, who act in the demo plan.
    const trucNinhHashes = await Promise.all(trucNinhHeads.map(() => hashPassword(randomUUID())));
    // And the heads of the Nam Định units with tasks in the province's plan, and its author.
    const namDinhHashes = await Promise.all(
      [...namDinhHeads, namDinhSteering].map(() => hashPassword(randomUUID())),
    );
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
        const areas = await tx.reformArea.findMany({
          where: { code: { in: reformAreas.map((area) => area.code) } },
        });
        for (const area of areas) areaIds.set(area.code, area.id);
        const missing = reformAreas.filter((area) => !areaIds.has(area.code));
        if (missing.length) {
          throw new Error(`Reform areas missing: ${missing.map((area) => area.code).join(', ')}.`);
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
          // The first login of a persona is the one the Trực Ninh data uses.
          if (!users.has(entry.persona)) users.set(entry.persona, user.id);
          users.set(entry.email, user.id);
        }
        const unitOf = (code: string) => units.get(code)!.id;
        await seedTrucNinhCurrentPlan(tx, {
          unitOf,
          areaIds,
          steeringId: users.get('steering')!,
          headHashes: trucNinhHashes,
          now: new Date(),
        });
        await seedNamDinhCurrentPlan(tx, {
          unitOf,
          areaIds,
          headHashes: namDinhHashes,
          now: new Date(),
        });
        await seedInspectionTemplates(tx, users.get('steering')!);

        for (const [index, head] of ngheAnHeads.entries()) {
          await tx.user.create({
            data: {
              email: head.email,
              name: head.name,
              passwordHash: headHashes[index] as string,
              roles: { create: { role: 'UNIT_HEAD', unitId: unitOf(head.unit) } },
            },
          });
        }
        await seedCriteriaSet(tx, areaIds);
        await seedDemoHistory(tx);
      },
      { timeout: 60_000 },
    );
    return { seeded: true };
  } finally {
    await prisma.$disconnect();
  }
}
