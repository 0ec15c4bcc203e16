// The demo's living plan: Trực Ninh's reform plan of the CURRENT year (Vietnam time, taken when
// the demo is written), with tasks that end up in every state a task can be in.
//
// How it is made real (the robust way): prisma/seed.ts writes the plan as a DRAFT with its task
// rows (a draft may carry due dates in the past, which the API would refuse), and the heads of
// the communes that carry them. Then, once the worker runs, scripts/lib/demo-drive.ts issues the
// plan through the plan workflow, whose fan-out starts one task workflow per task (each takes
// its row over and catches up on the latest deadline event it missed: the overdue notice or the
// escalation), and sends each task the commands of its `steps` below through the task
// workflows' Updates, as the unit head and the steering committee would: accept, report (with
// evidence files), submit, return or accept the report, ask for an extension. So every row,
// report, review, notification and audit event is written by the workflows themselves, and every
// task takes the next command a user gives it.
//
// IDs are derived from fixed names (derivedId), so the driver finds the plan and its tasks again
// after a restart and sends each command with the same Update ID: nothing is done twice.
import { createHash } from 'node:crypto';
import { WorkingCalendar, addDays, vietnamDate } from '../workflows/src/calendar.ts';
import type { Prisma, TaskStatus } from './client.ts';
import { loadWorkingCalendar } from '../api/src/services/calendar-dates.ts';

/** A UUID (version-5 layout) derived from `parts`: the same parts give the same ID. */
export function derivedId(...parts: string[]): string {
  const hex = createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** The current-year Trực Ninh plan of the demo (one per database, whatever the year). */
export const demoPlanId = derivedId('reform-tracker-demo', 'truc-ninh', 'current-year-plan');
export const demoTaskId = (key: string) => derivedId(demoPlanId, 'task', key);

/** Heads of the Trực Ninh communes other than Phương Định: they act in the demo, no password is published. */
export const trucNinhHeads: { unit: string; email: string; name: string }[] = [
  { unit: 'ND-TN-VH', email: 'head.viethung@reform.demo', name: 'Đỗ Văn Hưng' },
  { unit: 'ND-TN-TD', email: 'head.trungdong@reform.demo', name: 'Nguyễn Thị Lan' },
  { unit: 'ND-TN-TM', email: 'head.trucmy@reform.demo', name: 'Phạm Văn Thắng' },
  { unit: 'ND-TN-CT', email: 'head.catthanh@reform.demo', name: 'Vũ Thị Thu Hà' },
  { unit: 'ND-TN-TDA', email: 'head.trucdai@reform.demo', name: 'Trần Quốc Việt' },
  { unit: 'ND-TN-TH', email: 'head.truchung@reform.demo', name: 'Lê Thị Ngọc' },
  { unit: 'ND-TN-TT', email: 'head.tructhai@reform.demo', name: 'Hoàng Văn Tiến' },
];

/** An evidence file of the demo, made by prisma/demo-files.ts. */
export type DemoEvidence =
  | { kind: 'pdf'; fileName: string; rows: { cells: [string, string]; percent: number }[] }
  | { kind: 'png'; fileName: string; bars: number[] };

/** One command sent to the task's workflow, by the unit's head (or the committee for reviews). */
export type DemoStep =
  /** The head accepts, naming the head or the staff member (Phương Định only has staff). */
  | { command: 'accept'; responsible: 'head' | 'staff' }
  | { command: 'report'; percent: number; indicatorValue?: string; note: string; evidence?: DemoEvidence }
  | { command: 'submit'; note: string; indicatorValue?: string; evidence?: DemoEvidence }
  /** The steering committee returns the completion report with a reason. */
  | { command: 'return'; reason: string }
  /** The steering committee accepts the completion report: the task is COMPLETED. */
  | { command: 'approve' }
  /** The head asks to move the due date `workingDays` later (at most the plan's last day). */
  | { command: 'requestExtension'; workingDays: number; reason: string };

export type AreaCode =
  | 'INSTITUTIONS'
  | 'ADMIN_PROCEDURES'
  | 'APPARATUS'
  | 'CIVIL_SERVICE'
  | 'PUBLIC_FINANCE'
  | 'DIGITAL_GOVERNMENT';

export interface DemoTask {
  key: string;
  unit: string;
  area: AreaCode;
  title: string;
  description: string;
  indicatorTarget?: string;
  weight?: number;
  /** Working days from the day the demo is written; negative: already past. */
  dueIn: number;
  steps: DemoStep[];
  /** What the task shows once its steps are done (the demo test checks it). */
  expected: { status: TaskStatus; escalationLevel: 0 | 1 | 2; extensionPending?: boolean };
}

export const demoTasks: DemoTask[] = [
  // ── Xã Phương Định: the unit head's "my work" ──────────────────────────────────────────
  {
    key: 'pd-digitise',
    unit: 'ND-TN-PD',
    area: 'ADMIN_PROCEDURES',
    title: 'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực tại bộ phận một cửa xã',
    description:
      'Quét, ký số và lưu vào kho dữ liệu của Hệ thống thông tin giải quyết thủ tục hành chính tỉnh các hồ sơ hộ tịch, chứng thực còn hiệu lực.',
    indicatorTarget: '100 % hồ sơ còn hiệu lực được số hóa',
    weight: 2,
    dueIn: -12,
    steps: [
      { command: 'accept', responsible: 'staff' },
      {
        command: 'report',
        percent: 40,
        indicatorValue: '1.260/3.150 hồ sơ (40 %)',
        note: 'Đã số hóa xong sổ hộ tịch giai đoạn 2016–2020; máy quét của bộ phận một cửa hỏng 2 tuần nên chậm so với kế hoạch.',
        evidence: { kind: 'png', fileName: 'Tiến độ số hóa hồ sơ hộ tịch.png', bars: [100, 65, 20, 0] },
      },
    ],
    expected: { status: 'IN_PROGRESS', escalationLevel: 2 },
  },
  {
    key: 'pd-online-results',
    unit: 'ND-TN-PD',
    area: 'DIGITAL_GOVERNMENT',
    title: 'Đính kèm tệp kết quả khi trả hồ sơ trực tuyến trên Cổng dịch vụ công',
    description:
      'Mỗi hồ sơ trực tuyến trả kết quả đều có tệp kết quả điện tử đính kèm; cập nhật trạng thái đúng thời gian xử lý.',
    indicatorTarget: '100 % hồ sơ trực tuyến có tệp kết quả',
    dueIn: -2,
    steps: [
      { command: 'accept', responsible: 'head' },
      {
        command: 'report',
        percent: 70,
        indicatorValue: '184/262 hồ sơ (70 %)',
        note: 'Đã hướng dẫn công chức tư pháp – hộ tịch đính kèm tệp kết quả; còn các hồ sơ tháng trước chưa bổ sung.',
      },
    ],
    expected: { status: 'IN_PROGRESS', escalationLevel: 1 },
  },
  {
    key: 'pd-simplify',
    unit: 'ND-TN-PD',
    area: 'ADMIN_PROCEDURES',
    title: 'Rà soát, đề xuất đơn giản hóa thủ tục hành chính thuộc thẩm quyền giải quyết của xã',
    description:
      'Rà soát thành phần hồ sơ, thời hạn giải quyết của các thủ tục cấp xã; đề xuất cắt giảm gửi Văn phòng HĐND và UBND huyện.',
    indicatorTarget: 'Ít nhất 5 thủ tục được đề xuất đơn giản hóa',
    dueIn: 9,
    steps: [
      { command: 'accept', responsible: 'head' },
      {
        command: 'report',
        percent: 60,
        note: 'Đã rà soát 38 thủ tục lĩnh vực hộ tịch, chứng thực, đất đai.',
      },
      {
        command: 'submit',
        indicatorValue: '6 thủ tục',
        note: 'Hoàn thành rà soát 52 thủ tục; đề xuất đơn giản hóa 6 thủ tục, kèm biên bản rà soát.',
        evidence: {
          kind: 'pdf',
          fileName: 'Biên bản rà soát thủ tục hành chính xã Phương Định.pdf',
          rows: [
            { cells: ['52', '100 %'], percent: 100 },
            { cells: ['6 / 52', '11,5 %'], percent: 12 },
          ],
        },
      },
      {
        command: 'return',
        reason:
          'Biên bản chưa nêu thời gian và chi phí tiết kiệm được của từng thủ tục đề xuất; đề nghị bổ sung bảng tính và gửi lại.',
      },
    ],
    expected: { status: 'RETURNED', escalationLevel: 0 },
  },
  {
    key: 'pd-hotline',
    unit: 'ND-TN-PD',
    area: 'CIVIL_SERVICE',
    title: 'Công khai số điện thoại đường dây nóng và hòm thư góp ý tại bộ phận một cửa',
    description:
      'Niêm yết số điện thoại của Chủ tịch UBND xã và hòm thư góp ý; mỗi tháng mở hòm thư, trả lời ý kiến của người dân.',
    dueIn: 24,
    steps: [],
    expected: { status: 'ASSIGNED', escalationLevel: 0 },
  },
  {
    key: 'pd-self-check',
    unit: 'ND-TN-PD',
    area: 'INSTITUTIONS',
    title: 'Tự kiểm tra việc thực hiện quy chế văn hóa công sở tại UBND xã',
    description: 'Lập biên bản tự kiểm tra; khắc phục ngay tồn tại về đeo thẻ công chức và giờ làm việc.',
    dueIn: 3,
    steps: [
      { command: 'accept', responsible: 'staff' },
      {
        command: 'report',
        percent: 80,
        note: 'Đã tự kiểm tra 4/5 bộ phận; còn bộ phận địa chính – xây dựng.',
      },
    ],
    expected: { status: 'IN_PROGRESS', escalationLevel: 0 },
  },
  {
    key: 'pd-iso',
    unit: 'ND-TN-PD',
    area: 'APPARATUS',
    title: 'Công bố lại hệ thống quản lý chất lượng TCVN ISO 9001:2015 sau khi cập nhật quy trình',
    description:
      'Cập nhật quy trình nội bộ theo danh mục thủ tục mới công bố; ban hành quyết định công bố lại.',
    dueIn: 15,
    steps: [
      { command: 'accept', responsible: 'head' },
      { command: 'report', percent: 50, note: 'Đã cập nhật 21 quy trình nội bộ.' },
      {
        command: 'submit',
        note: 'UBND xã đã ban hành quyết định công bố lại hệ thống quản lý chất lượng với 43 quy trình.',
        evidence: {
          kind: 'png',
          fileName: 'Quyết định công bố lại ISO (ảnh chụp).png',
          bars: [100, 100, 100],
        },
      },
      { command: 'approve' },
    ],
    expected: { status: 'COMPLETED', escalationLevel: 0 },
  },
  // ── The other communes: the committee's review queue and the plan's spread ───────────────
  {
    key: 'vh-online-payment',
    unit: 'ND-TN-VH',
    area: 'DIGITAL_GOVERNMENT',
    title: 'Nâng tỷ lệ thanh toán trực tuyến phí, lệ phí thủ tục hành chính',
    description:
      'Hướng dẫn người dân thanh toán qua Cổng dịch vụ công; đặt mã QR thanh toán tại bộ phận một cửa.',
    indicatorTarget: 'Ít nhất 50 % giao dịch thanh toán trực tuyến',
    dueIn: 6,
    steps: [
      { command: 'accept', responsible: 'head' },
      {
        command: 'report',
        percent: 60,
        indicatorValue: '38 %',
        note: 'Đã đặt mã QR tại quầy; tỷ lệ tăng từ 21 % lên 38 %.',
      },
      {
        command: 'submit',
        indicatorValue: '52 %',
        note: 'Tỷ lệ thanh toán trực tuyến quý này đạt 52 %, vượt chỉ tiêu; gửi kèm số liệu trích từ Cổng dịch vụ công.',
        evidence: {
          kind: 'pdf',
          fileName: 'Số liệu thanh toán trực tuyến xã Việt Hùng.pdf',
          rows: [
            { cells: ['21 %', '38 %'], percent: 38 },
            { cells: ['38 %', '52 %'], percent: 52 },
          ],
        },
      },
    ],
    expected: { status: 'SUBMITTED', escalationLevel: 0 },
  },
  {
    key: 'ct-signatures',
    unit: 'ND-TN-CT',
    area: 'DIGITAL_GOVERNMENT',
    title: 'Ký số toàn bộ văn bản đi trên phần mềm quản lý văn bản',
    description: 'Văn bản đi của UBND thị trấn được ký số và gửi hoàn toàn qua phần mềm, trừ văn bản mật.',
    indicatorTarget: '100 % văn bản đi được ký số',
    dueIn: 11,
    steps: [
      { command: 'accept', responsible: 'head' },
      {
        command: 'submit',
        indicatorValue: '100 %',
        note: 'Từ tháng này 100 % văn bản đi của thị trấn được ký số; đã cấp chứng thư số cho 3 công chức mới.',
      },
    ],
    expected: { status: 'SUBMITTED', escalationLevel: 0 },
  },
  {
    key: 'td-iso',
    unit: 'ND-TN-TD',
    area: 'APPARATUS',
    title: 'Áp dụng, duy trì hệ thống quản lý chất lượng TCVN ISO 9001:2015',
    description: 'Đánh giá nội bộ, xem xét của lãnh đạo và cải tiến các quy trình giải quyết thủ tục.',
    dueIn: 4,
    steps: [
      { command: 'accept', responsible: 'head' },
      { command: 'report', percent: 30, note: 'Đã thành lập tổ ISO và rà soát 12 quy trình.' },
      {
        command: 'requestExtension',
        workingDays: 20,
        reason:
          'Đơn vị tư vấn chưa bố trí được chuyên gia đánh giá nội bộ trong tháng; xin lùi hạn để hoàn thành đánh giá.',
      },
    ],
    expected: { status: 'IN_PROGRESS', escalationLevel: 0, extensionPending: true },
  },
  {
    key: 'tm-staffing',
    unit: 'ND-TN-TM',
    area: 'CIVIL_SERVICE',
    title: 'Bố trí công chức đúng vị trí việc làm tại bộ phận tiếp nhận và trả kết quả',
    description:
      'Rà soát vị trí việc làm; bố trí công chức có chuyên môn phù hợp, luân phiên trực tại bộ phận một cửa.',
    dueIn: -15,
    steps: [],
    expected: { status: 'ASSIGNED', escalationLevel: 2 },
  },
  {
    key: 'tda-archive',
    unit: 'ND-TN-TDA',
    area: 'DIGITAL_GOVERNMENT',
    title: 'Tạo lập hồ sơ điện tử và nộp lưu vào lưu trữ cơ quan',
    description: 'Lập hồ sơ công việc trên phần mềm quản lý văn bản; nộp lưu hồ sơ điện tử năm trước.',
    indicatorTarget: 'Ít nhất 80 % hồ sơ công việc được lập trên phần mềm',
    dueIn: 20,
    steps: [{ command: 'accept', responsible: 'head' }],
    expected: { status: 'ACCEPTED', escalationLevel: 0 },
  },
  {
    key: 'th-website',
    unit: 'ND-TN-TH',
    area: 'INSTITUTIONS',
    title: 'Cập nhật thông tin trên trang thông tin điện tử của xã',
    description:
      'Đăng tải đầy đủ văn bản chỉ đạo, lịch tiếp công dân và kết quả giải quyết thủ tục hành chính.',
    dueIn: 8,
    steps: [
      { command: 'accept', responsible: 'head' },
      {
        command: 'submit',
        note: 'Trang thông tin điện tử của xã đã có đủ các chuyên mục; cập nhật hằng tuần.',
        evidence: {
          kind: 'png',
          fileName: 'Trang thông tin điện tử xã Trực Hùng.png',
          bars: [100, 100, 90, 100],
        },
      },
      { command: 'approve' },
    ],
    expected: { status: 'COMPLETED', escalationLevel: 0 },
  },
  {
    key: 'tt-survey',
    unit: 'ND-TN-TT',
    area: 'ADMIN_PROCEDURES',
    title: 'Khảo sát mức độ hài lòng của người dân khi giải quyết thủ tục tại bộ phận một cửa',
    description: 'Phát phiếu khảo sát cho người dân đến giao dịch; tổng hợp ý kiến và đề xuất khắc phục.',
    indicatorTarget: 'Ít nhất 300 phiếu khảo sát',
    dueIn: 16,
    steps: [
      { command: 'accept', responsible: 'head' },
      { command: 'report', percent: 25, indicatorValue: '82 phiếu', note: 'Đã thu 82 phiếu khảo sát.' },
    ],
    expected: { status: 'IN_PROGRESS', escalationLevel: 0 },
  },
];

/** The demo plan's year and its last due date (the day the appraisal opens: 15 January after). */
export const planBounds = (year: number) => ({ first: `${year}-01-01`, last: `${year + 1}-01-15` });

/**
 * The due date of a task `dueIn` working days from `today`. Days ahead stop 10 days before the
 * plan's last due date, so an extension still has room; days behind stay as they are (in the
 * first weeks of January an overdue task is one carried over from December).
 */
export function demoDueDate(calendar: WorkingCalendar, today: string, year: number, dueIn: number): string {
  const date = calendar.addWorkingDays(today, dueIn);
  const cap = addDays(planBounds(year).last, -10);
  return dueIn > 0 && date > cap ? cap : date;
}

/** The demo's commune heads, each with its password hash (same order) and UNIT_HEAD on its unit. */
export async function createUnitHeads(
  tx: Prisma.TransactionClient,
  heads: { unit: string; email: string; name: string }[],
  hashes: string[],
  unitOf: (code: string) => string,
): Promise<void> {
  for (const [index, head] of heads.entries()) {
    await tx.user.create({
      data: {
        email: head.email,
        name: head.name,
        passwordHash: hashes[index] as string,
        roles: { create: { role: 'UNIT_HEAD', unitId: unitOf(head.unit) } },
      },
    });
  }
}

/**
 * Writes the current-year Trực Ninh plan as a DRAFT with its tasks (status ASSIGNED, no
 * workflow yet) and the heads of the communes that carry them. Runs inside seedDemoData's
 * transaction; scripts/lib/demo-drive.ts brings it to life.
 */
export async function seedTrucNinhCurrentPlan(
  tx: Prisma.TransactionClient,
  context: {
    unitOf: (code: string) => string;
    areaIds: Map<string, string>;
    steeringId: string;
    /** Password hashes for the commune heads, one per trucNinhHeads entry. */
    headHashes: string[];
    now: Date;
  },
): Promise<{ planId: string; year: number }> {
  const { unitOf, areaIds, steeringId, headHashes, now } = context;
  await createUnitHeads(tx, trucNinhHeads, headHashes, unitOf);
  const today = vietnamDate(now);
  const year = Number(today.slice(0, 4));
  const calendar = await loadWorkingCalendar(tx);
  const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
  await tx.reformPlan.create({
    data: {
      id: demoPlanId,
      year,
      title: `Kế hoạch cải cách hành chính huyện Trực Ninh năm ${year}`,
      issuingUnitId: unitOf('ND-TN'),
      createdById: steeringId,
      assessmentOpens: day(`${year}-12-01`),
      assessmentCloses: day(planBounds(year).last),
      periods: {
        create: [1, 2, 3, 4].map((quarter) => ({
          number: quarter,
          startsOn: new Date(Date.UTC(year, (quarter - 1) * 3, 1)),
          endsOn: new Date(Date.UTC(year, quarter * 3, 0)),
        })),
      },
    },
  });
  for (const task of demoTasks) {
    await tx.task.create({
      data: {
        id: demoTaskId(task.key),
        planId: demoPlanId,
        areaId: areaIds.get(task.area)!,
        assigneeUnitId: unitOf(task.unit),
        title: task.title,
        description: task.description,
        dueDate: day(demoDueDate(calendar, today, year, task.dueIn)),
        weight: task.weight ?? 1,
        indicatorTarget: task.indicatorTarget ?? null,
        createdById: steeringId,
      },
    });
  }
  return { planId: demoPlanId, year };
}
