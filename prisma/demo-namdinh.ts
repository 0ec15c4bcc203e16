// Nam Định's provincial reform plan of the current year: a few tasks for two more districts
// (Hải Hậu, Giao Thủy) and the provincial Department of Home Affairs, so that a province-wide
// view of "who is late where" has more than Trực Ninh to show. Two of them are far overdue and
// escalated, one is just overdue, one is due ahead.
//
// prisma/seed.ts writes the plan as ISSUED with its task rows (status ASSIGNED, no workflow yet)
// and its past reporting periods already closed, so taking it over sends no reminder and takes
// no snapshot for a quarter that ended before the demo existed. scripts/lib/demo-drive.ts then
// starts the plan workflow (`plan-<id>`, as scripts/lib/plan-workflows.ts does for any issued plan
// without one): its fan-out starts one task workflow per task, and each catches up on the
// deadline event its past due date missed (the overdue notice or the escalation).
import { vietnamDate } from '../workflows/src/calendar.ts';
import type { Prisma } from './client.ts';
import { createUnitHeads, demoDueDate, derivedId, planBounds, type AreaCode } from './demo-trucninh.ts';
import { loadWorkingCalendar } from '../api/src/services/calendar-dates.ts';

export const provincePlanId = derivedId('reform-tracker-demo', 'nam-dinh', 'current-year-plan');
export const provinceTaskId = (key: string) => derivedId(provincePlanId, 'task', key);

/** Heads of the units that carry the provincial tasks: they act in the demo, no password is published. */
export const namDinhHeads: { unit: string; email: string; name: string }[] = [
  { unit: 'ND-HH', email: 'head.haihau@reform.demo', name: 'Trần Văn Khải' },
  { unit: 'ND-GT', email: 'head.giaothuy@reform.demo', name: 'Phạm Thị Thu Thủy' },
  { unit: 'ND-SNV', email: 'head.snv.namdinh@reform.demo', name: 'Nguyễn Minh Đức' },
];

/** The province's steering member who wrote the plan (no password is published: not a demo login). */
export const namDinhSteering = { email: 'steering.namdinh@reform.demo', name: 'Lê Quốc Khánh' };

export interface ProvinceTask {
  key: string;
  unit: string;
  area: AreaCode;
  title: string;
  description: string;
  indicatorTarget?: string;
  /** Working days from the day the demo is written; negative: already past. */
  dueIn: number;
  /** The escalation level its workflow reaches on taking the row over. */
  escalationLevel: 0 | 1 | 2;
}

export const provinceTasks: ProvinceTask[] = [
  {
    key: 'hh-land-dossiers',
    unit: 'ND-HH',
    area: 'ADMIN_PROCEDURES',
    title: 'Giải quyết đúng hạn hồ sơ đất đai tại Bộ phận Một cửa huyện; xin lỗi người dân khi trễ hạn',
    description:
      'Rà soát hồ sơ đất đai quá hạn trên Hệ thống thông tin giải quyết thủ tục hành chính tỉnh; gửi văn bản xin lỗi, hẹn lại ngày trả kết quả.',
    indicatorTarget: '≥ 98 % hồ sơ đúng hạn',
    dueIn: -12,
    escalationLevel: 2,
  },
  {
    key: 'hh-digitise',
    unit: 'ND-HH',
    area: 'DIGITAL_GOVERNMENT',
    title: 'Số hóa kết quả giải quyết thủ tục hành chính còn hiệu lực của UBND huyện',
    description: 'Quét, ký số và lưu kết quả giải quyết vào kho dữ liệu điện tử của tổ chức, cá nhân.',
    dueIn: -2,
    escalationLevel: 1,
  },
  {
    key: 'gt-online-payment',
    unit: 'ND-GT',
    area: 'DIGITAL_GOVERNMENT',
    title: 'Triển khai thanh toán trực tuyến phí, lệ phí thủ tục hành chính tại các xã, thị trấn',
    description: 'Mở tài khoản thu phí trực tuyến cho các xã; hướng dẫn người dân thanh toán tại quầy.',
    indicatorTarget: '100 % xã, thị trấn thu phí trực tuyến',
    dueIn: -15,
    escalationLevel: 2,
  },
  {
    key: 'snv-par-index',
    unit: 'ND-SNV',
    area: 'APPARATUS',
    title: 'Tổng hợp kết quả tự đánh giá Chỉ số cải cách hành chính của các huyện, thành phố',
    description: 'Thẩm định kết quả tự chấm điểm và tài liệu kiểm chứng; đề xuất điểm thẩm định.',
    dueIn: 10,
    escalationLevel: 0,
  },
];

/**
 * Writes the provincial plan as ISSUED with its tasks, its author on the province's steering
 * committee, and the heads of the units that carry them. Runs inside seedDemoData's transaction; scripts/lib/demo-drive.ts starts its workflow.
 */
export async function seedNamDinhCurrentPlan(
  tx: Prisma.TransactionClient,
  context: {
    unitOf: (code: string) => string;
    areaIds: Map<string, string>;
    /** Password hashes for the heads, one per namDinhHeads entry, then one for the steering member. */
    headHashes: string[];
    now: Date;
  },
): Promise<void> {
  const { unitOf, areaIds, headHashes, now } = context;
  // Plans are written by the steering committee (docs/authorization.md), not the administrator.
  const { id: createdById } = await tx.user.create({
    data: {
      ...namDinhSteering,
      passwordHash: headHashes[namDinhHeads.length] as string,
      roles: { create: { role: 'STEERING', unitId: unitOf('ND') } },
    },
  });
  await createUnitHeads(tx, namDinhHeads, headHashes, unitOf);
  const today = vietnamDate(now);
  const year = Number(today.slice(0, 4));
  const calendar = await loadWorkingCalendar(tx);
  const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
  await tx.reformPlan.create({
    data: {
      id: provincePlanId,
      year,
      title: `Kế hoạch cải cách hành chính tỉnh Nam Định năm ${year}`,
      issuingUnitId: unitOf('ND'),
      status: 'ISSUED',
      issuedAt: day(`${year}-01-06`),
      createdById,
      assessmentOpens: day(`${year}-12-01`),
      assessmentCloses: day(planBounds(year).last),
      periods: {
        create: [1, 2, 3, 4].map((quarter) => {
          const endsOn = new Date(Date.UTC(year, quarter * 3, 0));
          return {
            number: quarter,
            startsOn: new Date(Date.UTC(year, (quarter - 1) * 3, 1)),
            endsOn,
            // A quarter over before the demo existed has no snapshot to take.
            closedAt: endsOn.toISOString().slice(0, 10) < today ? now : null,
          };
        }),
      },
    },
  });
  for (const task of provinceTasks) {
    await tx.task.create({
      data: {
        id: provinceTaskId(task.key),
        planId: provincePlanId,
        areaId: areaIds.get(task.area)!,
        assigneeUnitId: unitOf(task.unit),
        title: task.title,
        description: task.description,
        dueDate: day(demoDueDate(calendar, today, year, task.dueIn)),
        indicatorTarget: task.indicatorTarget ?? null,
        createdById,
      },
    });
  }
}
