// Reference data every database needs (the six reform areas, the holiday calendar), and
// demo data for `npm start` on an empty database: Nam Định → Trực Ninh and its communes with
// Trực Ninh's plan of the current year (prisma/demo-trucninh.ts: written here as a DRAFT, then
// issued and driven through its workflows by scripts/lib/demo-drive.ts once the worker runs) and
// its 2025 plan (a past year, CLOSED, every task completed), Phú Thọ → Phù Ninh's one-stop
// units, Nghệ An's departments and districts with the province's 2024 plan, Bắc Ninh's service
// centres, the 2024 district-level criteria set, one login per persona, and the inspection
// checklist templates (prisma/demo-inspections.ts, whose inspections are driven by demo-drive).
// The 2025 and 2024 plans are past years, CLOSED, their tasks rows only (no workflow takes a
// closed plan over; see scripts/lib/plan-workflows.ts).
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../api/src/passwords.ts';
import {
  createPrismaClient,
  type Prisma,
  type PrismaClient,
  type ScoringMethod,
  type TaskStatus,
  type UnitLevel,
} from './client.ts';
import { seedHolidays } from './reference/holidays.ts';
import { seedTrucNinhCurrentPlan, trucNinhHeads } from './demo-trucninh.ts';
import { seedInspectionTemplates } from './demo-inspections.ts';

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

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
/** A moment of a working day in Vietnam (UTC+7). */
const at = (iso: string, time = '09:00') => new Date(`${iso}T${time}:00+07:00`);

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

// ── Nghệ An: the province's 2024 reform plan, from its ten solutions for 2024 ──────────

/** Heads of the Nghệ An units that carry the plan's tasks. They have no demo password. */
const ngheAnHeads: { unit: string; email: string; name: string }[] = [
  { unit: 'NA-SNV', email: 'head.snv.nghean@reform.demo', name: 'Nguyễn Thị Thanh Hương' },
  { unit: 'NA-STP', email: 'head.stp.nghean@reform.demo', name: 'Trần Văn Hải' },
  { unit: 'NA-VP', email: 'head.vp.nghean@reform.demo', name: 'Hồ Thị Minh Nguyệt' },
  { unit: 'NA-STC', email: 'head.stc.nghean@reform.demo', name: 'Phan Đức Toàn' },
  { unit: 'NA-STTTT', email: 'head.stttt.nghean@reform.demo', name: 'Lê Quang Huy' },
  { unit: 'NA-TTHCC', email: 'head.tthcc.nghean@reform.demo', name: 'Nguyễn Thị Hồng Nhung' },
  { unit: 'NA-CA', email: 'head.ca.nghean@reform.demo', name: 'Thái Văn Bình' },
  { unit: 'NA-VINH', email: 'head.vinh.nghean@reform.demo', name: 'Đặng Văn Lực' },
  { unit: 'NA-VINH-HB', email: 'head.hungbinh.nghean@reform.demo', name: 'Võ Thị Thu Trang' },
  { unit: 'NA-NL', email: 'head.nghiloc.nghean@reform.demo', name: 'Hoàng Văn Sơn' },
  { unit: 'NA-DC', email: 'head.dienchau.nghean@reform.demo', name: 'Cao Xuân Tùng' },
  { unit: 'NA-QL', email: 'head.quynhluu.nghean@reform.demo', name: 'Nguyễn Hữu Phúc' },
  { unit: 'NA-CC', email: 'head.concuong.nghean@reform.demo', name: 'Lô Thị Hoa' },
];

interface ReportSeed {
  /** Day the unit sent it (its reporting period follows from the date). */
  on: string;
  percent: number;
  indicatorValue?: string;
  note: string;
  /** A completion report, with the steering committee's review if it has one. */
  completion?: { reviewedOn?: string; returned?: string };
}

interface PlanTaskSeed {
  unit: string;
  area: AreaCode;
  /** Code of a sub-criterion of the 2024 district criteria set (district assignees only). */
  criterion?: string;
  title: string;
  description: string;
  due: string;
  weight?: number;
  indicatorTarget?: string;
  status: TaskStatus;
  progress: number;
  reports: ReportSeed[];
}

const ngheAnTasks: PlanTaskSeed[] = [
  {
    unit: 'NA-SNV',
    area: 'APPARATUS',
    title: 'Kiện toàn Ban Chỉ đạo cải cách hành chính tỉnh, ban hành quy chế hoạt động năm 2024',
    description:
      'Phát huy vai trò của Ban Chỉ đạo cải cách hành chính các cấp; phân công thành viên theo dõi từng lĩnh vực cải cách.',
    due: '2024-03-31',
    weight: 2,
    status: 'COMPLETED',
    progress: 100,
    reports: [
      {
        on: '2024-03-22',
        percent: 100,
        note: 'UBND tỉnh đã ban hành quyết định kiện toàn Ban Chỉ đạo và quy chế hoạt động; 6 thành viên được phân công theo dõi 6 lĩnh vực cải cách.',
        completion: { reviewedOn: '2024-03-27' },
      },
    ],
  },
  {
    unit: 'NA-SNV',
    area: 'APPARATUS',
    title: 'Thẩm định đề án sắp xếp đơn vị hành chính cấp huyện, cấp xã giai đoạn 2023–2025',
    description: 'Tham mưu UBND tỉnh hoàn thiện hồ sơ đề án, lấy ý kiến cử tri và trình cấp có thẩm quyền.',
    due: '2024-08-31',
    weight: 2,
    status: 'COMPLETED',
    progress: 100,
    reports: [
      {
        on: '2024-06-26',
        percent: 60,
        note: 'Đã hoàn thành lấy ý kiến cử tri tại các xã thuộc diện sắp xếp; đang tổng hợp hồ sơ đề án.',
      },
      {
        on: '2024-08-23',
        percent: 100,
        note: 'Hồ sơ đề án đã được HĐND tỉnh thông qua và trình Chính phủ đúng thời hạn.',
        completion: { reviewedOn: '2024-08-28' },
      },
    ],
  },
  {
    unit: 'NA-SNV',
    area: 'CIVIL_SERVICE',
    title:
      'Kiểm tra công tác cải cách hành chính, kỷ luật, kỷ cương hành chính tại các sở, ngành và UBND cấp huyện',
    description:
      'Kết hợp kiểm tra theo kế hoạch và kiểm tra đột xuất; theo dõi việc khắc phục tồn tại sau kiểm tra.',
    due: '2024-11-30',
    weight: 2,
    indicatorTarget: 'Kiểm tra ≥ 30 % cơ quan, đơn vị; 100 % kết luận được theo dõi khắc phục',
    status: 'IN_PROGRESS',
    progress: 80,
    reports: [
      {
        on: '2024-06-25',
        percent: 45,
        indicatorValue: '12 cơ quan, đơn vị (29 %)',
        note: 'Đã kiểm tra 8 sở, ngành và 4 UBND cấp huyện, trong đó có 2 cuộc kiểm tra đột xuất tại Bộ phận Một cửa.',
      },
      {
        on: '2024-09-26',
        percent: 80,
        indicatorValue: '17 cơ quan, đơn vị (41 %)',
        note: 'Đã ban hành thông báo kết luận; yêu cầu 3 đơn vị khắc phục tồn tại về công khai thủ tục hành chính trước ngày 31/10.',
      },
    ],
  },
  {
    unit: 'NA-SNV',
    area: 'CIVIL_SERVICE',
    title: 'Xác định, công bố Chỉ số cải cách hành chính năm 2023 của các sở, ban, ngành và UBND cấp huyện',
    description:
      'Đánh giá khách quan, xếp hạng chính xác; dùng kết quả làm căn cứ đánh giá trách nhiệm người đứng đầu.',
    due: '2024-04-30',
    weight: 2,
    status: 'COMPLETED',
    progress: 100,
    reports: [
      {
        on: '2024-04-19',
        percent: 100,
        note: 'UBND tỉnh đã công bố Chỉ số cải cách hành chính năm 2023; kết quả được đưa vào đánh giá, xếp loại người đứng đầu.',
        completion: { reviewedOn: '2024-04-24' },
      },
    ],
  },
  {
    unit: 'NA-SNV',
    area: 'CIVIL_SERVICE',
    title: 'Bồi dưỡng kỹ năng cho công chức làm công tác cải cách hành chính và Bộ phận Một cửa các cấp',
    description:
      'Làm rõ vai trò, trách nhiệm của từng cán bộ, công chức; nâng cao năng lực thực thi nhiệm vụ cải cách.',
    due: '2024-10-31',
    indicatorTarget: '≥ 600 lượt công chức được bồi dưỡng',
    status: 'COMPLETED',
    progress: 100,
    reports: [
      {
        on: '2024-06-20',
        percent: 50,
        indicatorValue: '310 lượt',
        note: 'Đã mở 3 lớp bồi dưỡng cho công chức cấp huyện, cấp xã.',
      },
      {
        on: '2024-10-25',
        percent: 100,
        indicatorValue: '645 lượt',
        note: 'Hoàn thành 6 lớp bồi dưỡng; 100 % học viên đạt yêu cầu.',
        completion: { reviewedOn: '2024-10-30' },
      },
    ],
  },
  {
    unit: 'NA-SNV',
    area: 'CIVIL_SERVICE',
    title:
      'Khen thưởng kịp thời tập thể, cá nhân làm tốt cải cách hành chính; xử lý nghiêm công chức vi phạm kỷ luật, kỷ cương',
    description:
      'Động viên người làm tốt; xử lý nghiêm người không hoàn thành nhiệm vụ, gây phiền hà trong giải quyết thủ tục hành chính.',
    due: '2024-12-31',
    status: 'IN_PROGRESS',
    progress: 60,
    reports: [
      {
        on: '2024-07-10',
        percent: 60,
        note: 'Đã khen thưởng 12 tập thể, 25 cá nhân; khiển trách 2 công chức cấp xã để hồ sơ quá hạn mà không xin lỗi người dân.',
      },
    ],
  },
  {
    unit: 'NA-STP',
    area: 'INSTITUTIONS',
    title:
      'Tham mưu ban hành đúng tiến độ các nghị quyết, quyết định quy phạm pháp luật theo Chương trình công tác năm 2024 của UBND tỉnh',
    description:
      'Khắc phục tình trạng dự thảo nghị quyết, quyết định trình chậm so với chương trình công tác đã đề ra.',
    due: '2024-12-15',
    weight: 2,
    indicatorTarget: '100 % văn bản ban hành đúng tiến độ',
    status: 'IN_PROGRESS',
    progress: 85,
    reports: [
      {
        on: '2024-06-28',
        percent: 40,
        indicatorValue: '18/21 văn bản đúng tiến độ',
        note: 'Đã thẩm định 21 dự thảo; 3 dự thảo chậm do cơ quan chủ trì trình muộn.',
      },
      {
        on: '2024-09-27',
        percent: 70,
        indicatorValue: '30/34 văn bản đúng tiến độ',
        note: 'Đã đôn đốc các sở chủ trì soạn thảo; tổ chức 2 cuộc họp liên ngành về các dự thảo còn vướng.',
      },
      {
        on: '2024-12-10',
        percent: 85,
        indicatorValue: '41/45 văn bản đúng tiến độ (91 %)',
        note: 'Còn 4 văn bản chậm tiến độ; đã đề nghị UBND tỉnh điều chỉnh chương trình công tác.',
      },
    ],
  },
  {
    unit: 'NA-STP',
    area: 'INSTITUTIONS',
    title: 'Rà soát, hệ thống hóa văn bản quy phạm pháp luật của HĐND, UBND tỉnh kỳ 2019–2023',
    description: 'Công bố danh mục văn bản hết hiệu lực, cần sửa đổi, bổ sung hoặc thay thế.',
    due: '2024-06-30',
    status: 'COMPLETED',
    progress: 100,
    reports: [
      {
        on: '2024-06-21',
        percent: 100,
        note: 'Đã rà soát 1.126 văn bản; công bố 87 văn bản hết hiệu lực toàn bộ hoặc một phần.',
        completion: { reviewedOn: '2024-06-26' },
      },
    ],
  },
  {
    unit: 'NA-VP',
    area: 'ADMIN_PROCEDURES',
    title:
      'Công bố, công khai đầy đủ thủ tục hành chính và quy trình nội bộ trên Cổng Dịch vụ công quốc gia và Hệ thống thông tin giải quyết TTHC tỉnh',
    description:
      'Tăng cường công khai, minh bạch trong tiếp nhận, giải quyết thủ tục hành chính của các cơ quan, đơn vị.',
    due: '2024-06-30',
    indicatorTarget: '100 % thủ tục hành chính được công khai đúng hạn',
    status: 'COMPLETED',
    progress: 100,
    reports: [
      {
        on: '2024-03-28',
        percent: 60,
        indicatorValue: '64 %',
        note: 'Đã công bố, công khai thủ tục thuộc 11 lĩnh vực; các lĩnh vực đất đai, xây dựng đang chờ quyết định của bộ, ngành.',
      },
      {
        on: '2024-06-24',
        percent: 100,
        indicatorValue: '100 %',
        note: 'Toàn bộ thủ tục và quy trình nội bộ đã được công khai, đồng bộ trên Cổng Dịch vụ công quốc gia.',
        completion: { reviewedOn: '2024-06-28' },
      },
    ],
  },
  {
    unit: 'NA-VP',
    area: 'ADMIN_PROCEDURES',
    title: 'Rà soát, đề xuất phương án đơn giản hóa thủ tục hành chính, cắt giảm chi phí tuân thủ',
    description:
      'Rà soát thủ tục có nhiều phản ánh của người dân, doanh nghiệp; đề xuất cắt giảm thành phần hồ sơ.',
    due: '2024-09-30',
    indicatorTarget: '≥ 20 thủ tục được đề xuất đơn giản hóa',
    status: 'SUBMITTED',
    progress: 100,
    reports: [
      {
        on: '2024-06-27',
        percent: 50,
        indicatorValue: '14 thủ tục',
        note: 'Đã rà soát 46 thủ tục thuộc 8 lĩnh vực; dự kiến đề xuất đơn giản hóa 14 thủ tục.',
      },
      {
        on: '2024-09-30',
        percent: 100,
        indicatorValue: '23 thủ tục',
        note: 'Đã trình UBND tỉnh phương án đơn giản hóa 23 thủ tục, cắt giảm khoảng 18 % chi phí tuân thủ.',
        completion: {},
      },
    ],
  },
  {
    unit: 'NA-TTHCC',
    area: 'ADMIN_PROCEDURES',
    title:
      'Lấy ý kiến đánh giá sự hài lòng của người dân, tổ chức tại Trung tâm Phục vụ hành chính công tỉnh (6 tháng và cả năm)',
    description:
      'Khảo sát tinh thần, thái độ, trách nhiệm của công chức tiếp nhận và trả kết quả; công khai kết quả khảo sát.',
    due: '2024-12-20',
    indicatorTarget: '2 đợt khảo sát; mức độ hài lòng ≥ 90 %',
    status: 'IN_PROGRESS',
    progress: 50,
    reports: [
      {
        on: '2024-07-05',
        percent: 50,
        indicatorValue: '1/2 đợt; 94,6 % hài lòng',
        note: 'Hoàn thành đợt khảo sát 6 tháng đầu năm với 1.200 phiếu; góp ý chủ yếu về thời gian chờ tại quầy đất đai.',
      },
    ],
  },
  {
    unit: 'NA-TTHCC',
    area: 'DIGITAL_GOVERNMENT',
    title:
      'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính ngay khi tiếp nhận tại Trung tâm Phục vụ hành chính công tỉnh',
    description: 'Nâng cao chất lượng vận hành Trung tâm; bố trí thêm thiết bị quét tại các quầy tiếp nhận.',
    due: '2024-12-31',
    weight: 2,
    indicatorTarget: '≥ 80 % hồ sơ được số hóa khi tiếp nhận',
    status: 'RETURNED',
    progress: 90,
    reports: [
      {
        on: '2024-06-27',
        percent: 60,
        indicatorValue: '71 %',
        note: 'Tỷ lệ số hóa hồ sơ quý II đạt 71 %; đã bố trí thêm 2 máy quét tại quầy.',
      },
      {
        on: '2024-12-20',
        percent: 100,
        indicatorValue: '83 %',
        note: 'Tỷ lệ số hóa hồ sơ khi tiếp nhận cả năm đạt 83 %.',
        completion: {
          reviewedOn: '2024-12-26',
          returned:
            'Chưa có số liệu trích xuất từ Hệ thống thông tin giải quyết TTHC tỉnh để đối chiếu tỷ lệ 83 %; đề nghị bổ sung báo cáo thống kê.',
        },
      },
    ],
  },
  {
    unit: 'NA-STTTT',
    area: 'DIGITAL_GOVERNMENT',
    title:
      'Nâng tỷ lệ hồ sơ dịch vụ công trực tuyến toàn trình; hướng dẫn các sở, ngành cấu hình quy trình điện tử',
    description:
      'Khắc phục tình trạng tỷ lệ hồ sơ trực tuyến toàn trình còn thấp; ưu tiên các lĩnh vực hộ tịch, đất đai.',
    due: '2024-12-31',
    weight: 3,
    indicatorTarget: '≥ 50 % hồ sơ trực tuyến toàn trình',
    status: 'IN_PROGRESS',
    progress: 55,
    reports: [
      {
        on: '2024-03-29',
        percent: 20,
        indicatorValue: '28 %',
        note: 'Đã rà soát 412 dịch vụ công đủ điều kiện cung cấp trực tuyến toàn trình.',
      },
      {
        on: '2024-06-28',
        percent: 35,
        indicatorValue: '36 %',
        note: 'Đã hướng dẫn 12 sở, ngành cấu hình quy trình điện tử; nhiều hồ sơ đất đai vẫn nộp trực tiếp.',
      },
      {
        on: '2024-09-27',
        percent: 55,
        indicatorValue: '42 %',
        note: 'Phối hợp bưu điện hỗ trợ người dân nộp hồ sơ trực tuyến tại 50 điểm bưu điện văn hóa xã.',
      },
    ],
  },
  {
    unit: 'NA-STTTT',
    area: 'DIGITAL_GOVERNMENT',
    title:
      'Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính tỉnh, kết nối Cổng Dịch vụ công quốc gia và tài khoản VNeID',
    description: 'Đồng bộ trạng thái hồ sơ với Cổng Dịch vụ công quốc gia; đăng nhập một lần bằng VNeID.',
    due: '2024-09-30',
    status: 'COMPLETED',
    progress: 100,
    reports: [
      {
        on: '2024-06-25',
        percent: 70,
        note: 'Đã kết nối thử nghiệm và đồng bộ trạng thái hồ sơ của 5 sở với Cổng Dịch vụ công quốc gia.',
      },
      {
        on: '2024-09-20',
        percent: 100,
        note: 'Hệ thống đã đồng bộ hồ sơ của toàn tỉnh; người dân đăng nhập bằng tài khoản định danh điện tử mức 2.',
        completion: { reviewedOn: '2024-09-25' },
      },
    ],
  },
  {
    unit: 'NA-CA',
    area: 'DIGITAL_GOVERNMENT',
    title:
      'Triển khai Đề án 06: làm sạch dữ liệu dân cư, khai thác dữ liệu trên VNeID trong giải quyết thủ tục hành chính',
    description:
      'Ưu tiên đầu tư cơ sở vật chất, ứng dụng công nghệ thông tin để đạt các chỉ tiêu Đề án 06 của Thủ tướng Chính phủ.',
    due: '2024-10-31',
    weight: 2,
    indicatorTarget: 'Dữ liệu dân cư bảo đảm “đúng, đủ, sạch, sống”',
    status: 'IN_PROGRESS',
    progress: 75,
    reports: [
      {
        on: '2024-06-24',
        percent: 50,
        note: 'Đã làm sạch dữ liệu hộ tịch, cư trú tại 21 huyện, thành phố, thị xã; tiếp tục đối soát dữ liệu bảo hiểm xã hội.',
      },
      {
        on: '2024-09-25',
        percent: 75,
        note: 'Người dân đã dùng thông tin trên VNeID thay giấy tờ trong 11 thủ tục; còn vướng kết nối dữ liệu đất đai.',
      },
    ],
  },
  {
    unit: 'NA-STC',
    area: 'PUBLIC_FINANCE',
    title: 'Bố trí kinh phí thực hiện nhiệm vụ cải cách hành chính năm 2024 trong dự toán ngân sách các cấp',
    description: 'Ưu tiên nguồn lực tài chính cho các nhiệm vụ cải cách hành chính trọng tâm.',
    due: '2024-02-29',
    status: 'COMPLETED',
    progress: 100,
    reports: [
      {
        on: '2024-02-26',
        percent: 100,
        note: 'Dự toán năm 2024 đã bố trí kinh phí cải cách hành chính cho 100 % cơ quan cấp tỉnh và UBND cấp huyện.',
        completion: { reviewedOn: '2024-02-28' },
      },
    ],
  },
  {
    unit: 'NA-STC',
    area: 'PUBLIC_FINANCE',
    title: 'Đẩy nhanh tiến độ giải ngân kế hoạch vốn đầu tư công năm 2024',
    description: 'Theo dõi từng dự án chậm giải ngân; báo cáo UBND tỉnh điều chuyển vốn khi cần.',
    due: '2024-12-31',
    weight: 2,
    indicatorTarget: 'Giải ngân ≥ 95 % kế hoạch vốn được giao',
    status: 'IN_PROGRESS',
    progress: 80,
    reports: [
      {
        on: '2024-06-28',
        percent: 35,
        indicatorValue: '38,2 %',
        note: 'Giải ngân 6 tháng đầu năm đạt 38,2 % kế hoạch vốn.',
      },
      {
        on: '2024-09-30',
        percent: 60,
        indicatorValue: '61,5 %',
        note: 'Đã đề xuất điều chuyển vốn từ 7 dự án chậm giải ngân sang các dự án có khối lượng hoàn thành.',
      },
      {
        on: '2024-12-27',
        percent: 80,
        indicatorValue: '84,7 %',
        note: 'Một số dự án còn vướng giải phóng mặt bằng; tiếp tục giải ngân đến hết tháng 01/2025.',
      },
    ],
  },
  {
    unit: 'NA-STC',
    area: 'PUBLIC_FINANCE',
    title:
      'Hướng dẫn, thẩm định phương án tự chủ tài chính của đơn vị sự nghiệp công lập giai đoạn 2023–2025',
    description: 'Giao quyền tự chủ tài chính theo Nghị định 60/2021/NĐ-CP cho các đơn vị đủ điều kiện.',
    due: '2024-08-31',
    status: 'ASSIGNED',
    progress: 0,
    reports: [],
  },
  {
    unit: 'NA-VINH',
    area: 'ADMIN_PROCEDURES',
    criterion: '3.2',
    title:
      'Giải quyết hồ sơ thủ tục hành chính đúng hạn tại Bộ phận Một cửa thành phố; xin lỗi người dân khi hồ sơ trễ hạn',
    description: 'Theo dõi hồ sơ sắp đến hạn hằng ngày; công khai hồ sơ trễ hạn và lý do.',
    due: '2024-12-31',
    weight: 2,
    indicatorTarget: '≥ 98 % hồ sơ giải quyết đúng hạn',
    status: 'IN_PROGRESS',
    progress: 90,
    reports: [
      {
        on: '2024-03-28',
        percent: 30,
        indicatorValue: '97,4 %',
        note: 'Tiếp nhận 9.850 hồ sơ; đã gửi thư xin lỗi đối với 100 % hồ sơ trễ hạn.',
      },
      {
        on: '2024-09-26',
        percent: 90,
        indicatorValue: '98,3 %',
        note: 'Tỷ lệ đúng hạn tăng nhờ nhắc hạn tự động trên phần mềm một cửa điện tử.',
      },
    ],
  },
  {
    unit: 'NA-VINH-HB',
    area: 'ADMIN_PROCEDURES',
    title:
      'Niêm yết công khai đầy đủ thủ tục hành chính, mức phí, lệ phí và số điện thoại đường dây nóng tại Bộ phận Một cửa phường',
    description: 'Thay bảng niêm yết cũ; bổ sung mã QR tra cứu thủ tục trên Cổng Dịch vụ công quốc gia.',
    due: '2024-04-30',
    status: 'COMPLETED',
    progress: 100,
    reports: [
      {
        on: '2024-04-22',
        percent: 100,
        note: 'Đã niêm yết 112 thủ tục cấp xã, mức phí, lệ phí và số điện thoại đường dây nóng của UBND phường.',
        completion: { reviewedOn: '2024-04-25' },
      },
    ],
  },
  {
    unit: 'NA-DC',
    area: 'DIGITAL_GOVERNMENT',
    criterion: '7.3',
    title: 'Thanh toán trực tuyến phí, lệ phí thủ tục hành chính tại Bộ phận Một cửa huyện và các xã',
    description:
      'Hướng dẫn người dân thanh toán qua Cổng Dịch vụ công quốc gia; mở tài khoản thu phí cho các xã.',
    due: '2024-11-30',
    indicatorTarget: '≥ 30 % hồ sơ có phí, lệ phí được thanh toán trực tuyến',
    status: 'IN_PROGRESS',
    progress: 40,
    reports: [
      {
        on: '2024-06-27',
        percent: 25,
        indicatorValue: '14 %',
        note: 'Nhiều xã chưa mở tài khoản thu phí trực tuyến; đã đề nghị Kho bạc hỗ trợ.',
      },
      {
        on: '2024-09-27',
        percent: 40,
        indicatorValue: '22 %',
        note: 'Thêm 15 xã triển khai thu phí trực tuyến; tổ công nghệ số cộng đồng hướng dẫn người dân tại chỗ.',
      },
    ],
  },
  {
    unit: 'NA-QL',
    area: 'APPARATUS',
    criterion: '4.3',
    title:
      'Áp dụng, duy trì hệ thống quản lý chất lượng TCVN ISO 9001:2015 tại UBND huyện và UBND các xã, thị trấn',
    description: 'Cập nhật quy trình ISO theo danh mục thủ tục hành chính mới công bố.',
    due: '2024-10-31',
    indicatorTarget: '100 % UBND cấp xã áp dụng ISO 9001:2015',
    status: 'ASSIGNED',
    progress: 0,
    reports: [],
  },
  {
    unit: 'NA-CC',
    area: 'DIGITAL_GOVERNMENT',
    criterion: '7.1',
    title:
      'Tuyên truyền, hướng dẫn người dân các xã vùng cao sử dụng dịch vụ công trực tuyến và tài khoản VNeID',
    description:
      'Phối hợp đoàn thanh niên, tổ công nghệ số cộng đồng hướng dẫn tại bản; tuyên truyền bằng tiếng Thái.',
    due: '2024-09-30',
    status: 'ASSIGNED',
    progress: 0,
    reports: [],
  },
  {
    unit: 'NA-NL',
    area: 'CIVIL_SERVICE',
    criterion: '5.4',
    title: 'Lấy ý kiến người dân về tinh thần, thái độ phục vụ của công chức cấp xã và công khai kết quả',
    description: 'Đánh giá 2 lần trong năm (6 tháng và cuối năm); xử lý công chức bị phản ánh.',
    due: '2024-12-20',
    indicatorTarget: '2 đợt lấy ý kiến (6 tháng và cả năm)',
    status: 'IN_PROGRESS',
    progress: 50,
    reports: [
      {
        on: '2024-07-12',
        percent: 50,
        indicatorValue: '1/2 đợt',
        note: 'Hoàn thành đợt 1 tại các xã, thị trấn với 3.000 phiếu; 2 công chức bị phản ánh về thái độ đã được nhắc nhở.',
      },
    ],
  },
];

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

/** Reporting quarter (1–4) of a YYYY-MM-DD date. */
const quarterOf = (iso: string) => Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1;

async function seedNgheAnPlan(
  tx: Prisma.TransactionClient,
  context: {
    unitOf: (code: string) => string;
    areaIds: Map<string, string>;
    criterionIds: Map<string, string>;
    steeringId: string;
    headOf: Map<string, string>;
  },
): Promise<void> {
  const { unitOf, areaIds, criterionIds, steeringId, headOf } = context;
  const issuedAt = at('2024-01-05', '08:00');
  const plan = await tx.reformPlan.create({
    data: {
      year: 2024,
      title: 'Kế hoạch cải cách hành chính nhà nước tỉnh Nghệ An năm 2024',
      issuingUnitId: unitOf('NA'),
      // A past year, closed on its default date (31 December of the next year): no workflow takes
      // it over, and the tasks it left unfinished are NOT_COMPLETED, as closing a plan leaves them.
      status: 'CLOSED',
      issuedAt,
      assessmentOpens: day('2024-12-01'),
      assessmentCloses: day('2025-01-15'),
      appraisalCloses: day('2025-03-01'),
      closesOn: day('2025-12-31'),
      createdById: steeringId,
      createdAt: at('2023-12-27', '15:00'),
      periods: {
        create: [1, 2, 3, 4].map((quarter) => ({
          number: quarter,
          startsOn: new Date(Date.UTC(2024, (quarter - 1) * 3, 1)),
          endsOn: new Date(Date.UTC(2024, quarter * 3, 0)),
        })),
      },
    },
    include: { periods: true },
  });
  const periodOf = new Map(plan.periods.map((period) => [period.number, period.id]));
  const today = new Date().toISOString().slice(0, 10);
  for (const seed of ngheAnTasks) {
    const head = headOf.get(seed.unit)!;
    const accepted = seed.reports.find(
      (report) => report.completion?.reviewedOn && !report.completion.returned,
    );
    const open = seed.status !== 'COMPLETED' && seed.status !== 'CANCELLED';
    const task = await tx.task.create({
      data: {
        planId: plan.id,
        areaId: areaIds.get(seed.area)!,
        criterionId: seed.criterion ? criterionIds.get(seed.criterion)! : null,
        assigneeUnitId: unitOf(seed.unit),
        responsibleUserId: seed.status === 'ASSIGNED' ? null : head,
        title: seed.title,
        description: seed.description,
        dueDate: day(seed.due),
        weight: seed.weight ?? 1,
        indicatorTarget: seed.indicatorTarget ?? null,
        status: open ? 'NOT_COMPLETED' : seed.status,
        progress: seed.progress,
        // Past due and left open: the unit head and then the steering committee were told.
        escalationLevel: open && seed.due < today ? 2 : 0,
        completedAt: accepted?.completion?.reviewedOn ? at(accepted.completion.reviewedOn, '16:00') : null,
        createdById: steeringId,
        createdAt: issuedAt,
      },
    });
    for (const report of seed.reports) {
      const review = report.completion?.reviewedOn;
      await tx.progressReport.create({
        data: {
          taskId: task.id,
          periodId: periodOf.get(quarterOf(report.on))!,
          authorId: head,
          percent: report.percent,
          indicatorValue: report.indicatorValue ?? null,
          note: report.note,
          isCompletion: report.completion !== undefined,
          reviewOutcome: review ? (report.completion?.returned ? 'RETURNED' : 'ACCEPTED') : null,
          reviewReason: report.completion?.returned ?? null,
          reviewedById: review ? steeringId : null,
          reviewedAt: review ? at(review, '16:00') : null,
          createdAt: at(report.on, '10:30'),
        },
      });
    }
  }
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
        const plan = await tx.reformPlan.create({
          data: {
            year: 2025,
            title: 'Kế hoạch cải cách hành chính huyện Trực Ninh năm 2025',
            issuingUnitId: unitOf('ND-TN'),
            // A past year: closed, every task completed, so nobody is given 2025 work to do (and
            // npm start starts no workflow for it).
            status: 'CLOSED',
            issuedAt: day('2025-01-06'),
            assessmentOpens: day('2025-12-01'),
            assessmentCloses: day('2026-01-15'),
            appraisalCloses: day('2026-03-01'),
            closesOn: day('2026-11-30'),
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
        const tasks: [string, string, string, string][] = [
          [
            'ND-TN-PD',
            'DIGITAL_GOVERNMENT',
            'Đính kèm đầy đủ hồ sơ ở từng bước trên phần mềm một cửa điện tử',
            '2025-12-31',
          ],
          [
            'ND-TN-PD',
            'ADMIN_PROCEDURES',
            'Niêm yết công khai đầy đủ danh mục thủ tục hành chính và mức phí tại bộ phận một cửa',
            '2025-06-30',
          ],
          [
            'ND-TN-CT',
            'DIGITAL_GOVERNMENT',
            'Ký số 100 % văn bản điện tử gửi, nhận qua phần mềm quản lý văn bản',
            '2025-09-30',
          ],
          [
            'ND-TN-VH',
            'DIGITAL_GOVERNMENT',
            'Nâng tỷ lệ thanh toán trực tuyến phí, lệ phí thủ tục hành chính',
            '2025-12-31',
          ],
          [
            'ND-TN-TD',
            'APPARATUS',
            'Áp dụng, duy trì hệ thống quản lý chất lượng TCVN ISO 9001:2015',
            '2025-11-30',
          ],
          [
            'ND-TN-TM',
            'CIVIL_SERVICE',
            'Bố trí đúng người, đúng vị trí việc làm tại bộ phận tiếp nhận và trả kết quả',
            '2025-08-31',
          ],
          [
            'ND-TN-TDA',
            'DIGITAL_GOVERNMENT',
            'Tạo lập và nộp lưu hồ sơ điện tử vào lưu trữ cơ quan',
            '2025-12-31',
          ],
          [
            'ND-TN-TH',
            'INSTITUTIONS',
            'Cập nhật thông tin trên trang thông tin điện tử của xã',
            '2025-10-31',
          ],
        ];
        for (const [unit, area, title, due] of tasks) {
          await tx.task.create({
            data: {
              planId: plan.id,
              areaId: areaIds.get(area)!,
              assigneeUnitId: unitOf(unit),
              title,
              dueDate: day(due),
              progress: 100,
              status: 'COMPLETED',
              indicatorTarget: area === 'DIGITAL_GOVERNMENT' ? '100 %' : null,
              completedAt: at(due, '16:00'),
              createdById: users.get('steering')!,
            },
          });
        }

        await seedTrucNinhCurrentPlan(tx, {
          unitOf,
          areaIds,
          steeringId: users.get('steering')!,
          headHashes: trucNinhHashes,
          now: new Date(),
        });
        await seedInspectionTemplates(tx, users.get('steering')!);

        const headOf = new Map<string, string>();
        for (const [index, head] of ngheAnHeads.entries()) {
          const user = await tx.user.create({
            data: {
              email: head.email,
              name: head.name,
              passwordHash: headHashes[index] as string,
              roles: { create: { role: 'UNIT_HEAD', unitId: unitOf(head.unit) } },
            },
          });
          headOf.set(head.unit, user.id);
        }
        const criterionIds = await seedCriteriaSet(tx, areaIds);
        await seedNgheAnPlan(tx, {
          unitOf,
          areaIds,
          criterionIds,
          steeringId: users.get('steering.nghean@reform.demo')!,
          headOf,
        });
      },
      { timeout: 60_000 },
    );
    return { seeded: true };
  } finally {
    await prisma.$disconnect();
  }
}
