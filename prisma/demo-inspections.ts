// The demo's inspections in Trực Ninh (issue 10), written by `npm start` on an empty database:
//
// - a CLOSED ANNOUNCED inspection of Thị trấn Cát Thành's one-stop office (bộ phận một cửa), led
//   by inspector@reform.demo, its checklist copied from the template "Bộ phận một cửa", every item
//   given a result, two findings with photos: a MINOR one whose corrective action was answered,
//   rejected once with a reason, answered again and verified; a MAJOR one still OPEN and overdue;
// - a SELF inspection of Xã Trung Đông IN_PROGRESS (template "Kiểm tra công vụ"), some results in;
// - an upcoming SURPRISE inspection of Xã Phương Định by inspector@reform.demo whose window runs
//   from 14 to 28 days after the day the demo is written (the workflow picks the day), hidden
//   from Phương Định's logins until it starts.
//
// prisma/seed.ts writes the two checklist templates (seedInspectionTemplates, in the demo data's
// transaction); everything else goes through the real workflows once the worker runs
// (scripts/lib/demo-drive.ts calls driveDemoInspections): the inspections are started with the
// Temporal client as the API starts them (`inspection-<id>`, its start input, planned by the
// Trực Ninh steering member), and the inspector and the Cát Thành head send the workflows'
// Updates (workflows/src/contracts/inspection.ts, corrective.ts). Rows, audit events and notifications
// are written by the workflows' activities. Photos are small real PNG files made here, stored by
// the evidence storage, their Evidence rows made for the inspection (or the corrective action)
// by the person who took them, attached by the Update of the checklist result, the finding or
// the corrective round.
//
// Why the closed inspection's date lies in the past, and how the MAJOR action came to be overdue:
// time cannot be moved for workflows on a real Temporal server, and every due date a workflow
// computes (the close: MINOR 20, MAJOR 10 working days; a rejection; an extension) lies after
// today, so no corrective action can be overdue on the day the demo is written. A small
// correctionWorkingDays does not help (1 working day at the least: due tomorrow, overdue only
// the day after). So the demo does what the task demo does for its overdue tasks: a row carries
// the date in the past and a workflow takes the row over. The announced inspection is planned
// for 14 working days ago (the workflow refuses nothing there; the API would), so it starts at
// once; it is recorded and closed today. Then the MAJOR action's row is given the due date the
// close would have given it on the inspection's day (10 working days after it, i.e. 4 working
// days ago) and its workflow, started by the close, is started again under the same ID: the
// corrective workflow adopts an existing row when it opens ("an action started any other way",
// workflows/src/activities/corrective.ts), so the new run holds the past due date, the action
// is overdue, and its escalation to the committee fires on its own timer the next working day
// (the overdue notice of the past is not sent: a workflow opening an action looks ahead only).
// Its first run is terminated with a reason that says so; the notice of the opened action it
// sent the unit, and its audit event, keep the date the close gave (what really happened). The
// MINOR action keeps the due date the close gave it; its two rounds are driven through its
// workflow. Both actions run their deadline timers like any other.
//
// Exactly once: IDs and Update IDs are derived from fixed names (derivedId), each inspection
// gets an AuditEvent `demo:<inspection id>:driven` when it is done, and each step checks the
// rows first, so a start interrupted half-way goes on where it stopped and a later start
// changes nothing.
import { deflateSync } from 'node:zlib';
import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { evidenceDir, storeEvidenceFile } from '../api/src/evidence/storage.ts';
import { addDays, atVietnamTime, vietnamDate } from '../workflows/src/calendar.ts';
import {
  INSPECTION_START_HOUR,
  closeInspectionUpdate,
  correctiveRecordedUpdate,
  correctiveStateQuery,
  correctiveWorkflowId,
  defaultCorrectionWorkingDays,
  inspectionRecordedUpdate,
  inspectionStateQuery,
  inspectionWorkflowId,
  recordChecklistResultUpdate,
  recordFindingUpdate,
  rejectCorrectionUpdate,
  startInspectionUpdate,
  submitCorrectionUpdate,
  verifyCorrectionUpdate,
  type ChecklistResult,
  type InspectionKind,
  type InspectionState,
  type OpenCorrectiveInput,
  type PlanInspectionInput,
} from '../workflows/src/contracts.ts';
import type { Prisma, PrismaClient } from './client.ts';
import { derivedId } from './demo-trucninh.ts';
import { loadWorkingCalendar } from '../api/src/services/calendar-dates.ts';

// ── Checklist templates ─────────────────────────────────────────────────────────────────────

export interface DemoTemplate {
  topic: string;
  name: string;
  items: string[];
}

export const oneStopTemplate: DemoTemplate = {
  topic: 'one-stop-office',
  name: 'Bộ phận một cửa',
  items: [
    'Niêm yết công khai, đầy đủ, đúng quy định danh mục thủ tục hành chính, mức phí, lệ phí tại bộ phận một cửa',
    'Tiếp nhận, giải quyết và trả kết quả hồ sơ đúng hạn; có giấy tiếp nhận hồ sơ và hẹn trả kết quả, sổ theo dõi hồ sơ',
    'Hồ sơ quá hạn có văn bản xin lỗi người dân, ghi rõ thời hạn trả kết quả',
    'Hồ sơ trả kết quả trực tuyến có tệp kết quả điện tử đính kèm trên Hệ thống thông tin giải quyết thủ tục hành chính',
    'Áp dụng, duy trì hệ thống quản lý chất lượng TCVN ISO 9001:2015; lưu đủ hồ sơ ISO (quy trình, biểu mẫu, hồ sơ đánh giá nội bộ)',
    'Công chức tại bộ phận một cửa đeo thẻ, có biển chức danh, thái độ giao tiếp đúng quy tắc ứng xử',
    'Công khai số điện thoại đường dây nóng, hòm thư góp ý; tiếp nhận, xử lý phản ánh, kiến nghị đúng thời hạn',
    'Trang thiết bị phục vụ người dân: ghế ngồi chờ, máy tính tra cứu, máy lấy số thứ tự',
  ],
};

export const civilServiceTemplate: DemoTemplate = {
  topic: 'civil-service-discipline',
  name: 'Kiểm tra công vụ',
  items: [
    'Chấp hành thời giờ làm việc; không đi muộn, về sớm, không làm việc riêng trong giờ làm việc',
    'Đeo thẻ công chức, viên chức trong khi thi hành công vụ',
    'Thực hiện quy tắc ứng xử, văn hóa công sở; thái độ giao tiếp với người dân, doanh nghiệp',
    'Không uống rượu, bia trong giờ làm việc, giờ nghỉ trưa của ngày làm việc',
    'Thực hiện nội quy, quy chế làm việc của cơ quan; phân công nhiệm vụ bằng văn bản',
    'Xử lý văn bản, hồ sơ công việc đúng thời hạn trên phần mềm quản lý văn bản',
    'Quản lý, sử dụng tài sản công, trang thiết bị đúng mục đích, tiết kiệm',
  ],
};

export const demoTemplates: DemoTemplate[] = [oneStopTemplate, civilServiceTemplate];

export const demoTemplateId = (template: DemoTemplate) =>
  derivedId('reform-tracker-demo', 'checklist-template', template.topic);

/** Writes the demo's checklist templates; runs inside seedDemoData's transaction. */
export async function seedInspectionTemplates(
  tx: Prisma.TransactionClient,
  createdById: string,
): Promise<void> {
  for (const template of demoTemplates) {
    await tx.checklistTemplate.create({
      data: {
        id: demoTemplateId(template),
        topic: template.topic,
        name: template.name,
        items: template.items,
        createdById,
      },
    });
  }
}

// ── Photos ──────────────────────────────────────────────────────────────────────────────────

/** What a demo photo shows: a notice board or a register on a desk, with lines of "text". */
export interface DemoPhoto {
  fileName: string;
  /** Board (wall notice board) or book (an open register on a desk). */
  scene: 'board' | 'book';
  /** Lines of text drawn on it. */
  lines: number;
  /** Lines circled in red (what the inspector points at), 0-based. */
  marked?: number[];
  /** A green tick in the corner: the corrected state. */
  tick?: boolean;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.byteLength);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/**
 * A 400 × 300 PNG of the scene, as a phone camera would frame it: a wall (or desk) with a
 * slight light gradient, the board or register, its lines of text, red rings around the marked
 * lines, a green tick when it shows the corrected state.
 */
export function demoPhotoPng(photo: DemoPhoto): Uint8Array {
  const width = 400;
  const height = 300;
  const stride = width * 3 + 1;
  const pixels = Buffer.alloc(stride * height);
  const board =
    photo.scene === 'board' ? { x0: 60, y0: 30, x1: 340, y1: 270 } : { x0: 40, y0: 60, x1: 360, y1: 250 };
  const lineTop = (line: number) => board.y0 + 24 + line * 20;
  for (let y = 0; y < height; y++) {
    pixels[y * stride] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const shade = Math.round(18 * (x / width) + 12 * (y / height));
      let rgb: [number, number, number] =
        photo.scene === 'board'
          ? [226 - shade, 220 - shade, 205 - shade]
          : [150 - shade, 105 - shade, 70 - shade];
      const inBoard = x >= board.x0 && x < board.x1 && y >= board.y0 && y < board.y1;
      if (inBoard) {
        const edge = x < board.x0 + 6 || x >= board.x1 - 6 || y < board.y0 + 6 || y >= board.y1 - 6;
        rgb = edge ? [120, 40, 30] : [250, 250, 244];
        if (photo.scene === 'book' && Math.abs(x - (board.x0 + board.x1) / 2) < 2) rgb = [180, 180, 175];
        for (let line = 0; line < photo.lines; line++) {
          const top = lineTop(line);
          if (top + 8 > board.y1 - 10) break;
          const right = board.x1 - 24 - ((line * 37) % 90);
          if (y >= top && y < top + 6 && x >= board.x0 + 20 && x < right) rgb = [70, 70, 80];
        }
      }
      for (const line of photo.marked ?? []) {
        // A hand-drawn ring around the line, about 3 px wide (distance to the ellipse by its gradient).
        const dx = x - (board.x0 + board.x1) / 2;
        const dy = y - (lineTop(line) + 3);
        const rx = (board.x1 - board.x0) / 2 - 14;
        const ry = 14;
        const value = (dx / rx) ** 2 + (dy / ry) ** 2 - 1;
        const gradient = 2 * Math.hypot(dx / rx ** 2, dy / ry ** 2);
        if (gradient > 0 && Math.abs(value / gradient) < 1.6) rgb = [210, 30, 30];
      }
      if (photo.tick) {
        const tx = x - (board.x1 - 70);
        const ty = y - (board.y1 - 60);
        const onShort = tx >= 0 && tx < 18 && Math.abs(ty - (22 + tx)) < 4;
        const onLong = tx >= 18 && tx < 52 && Math.abs(ty - (40 - (tx - 18) * 1.2)) < 4;
        if (onShort || onLong) rgb = [30, 150, 60];
      }
      pixels.set(rgb, y * stride + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour RGB
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(pixels)),
      chunk('IEND', new Uint8Array()),
    ]),
  );
}

// ── The inspections ─────────────────────────────────────────────────────────────────────────

export const INSPECTOR_EMAIL = 'inspector@reform.demo';
const STEERING_EMAIL = 'steering@reform.demo';

export const demoInspectionId = (key: string) =>
  derivedId('reform-tracker-demo', 'truc-ninh', 'inspection', key);

export interface DemoFinding {
  key: string;
  severity: 'MINOR' | 'MAJOR';
  /** Index of the checklist item it came from. */
  item: number;
  description: string;
  photo: DemoPhoto;
}

export interface DemoInspection {
  key: string;
  kind: InspectionKind;
  unit: string;
  title: string;
  template: DemoTemplate;
  /** Results recorded, by checklist item index. */
  results: { item: number; result: ChecklistResult; note?: string; photo?: DemoPhoto }[];
  findings: DemoFinding[];
  /** Closes with this summary (the minutes' conclusion). */
  summary?: string;
}

export const closedInspection: DemoInspection = {
  key: 'ct-one-stop',
  kind: 'ANNOUNCED',
  unit: 'ND-TN-CT',
  title: 'Kiểm tra công tác cải cách thủ tục hành chính tại bộ phận một cửa thị trấn Cát Thành',
  template: oneStopTemplate,
  results: [
    {
      item: 0,
      result: 'FAIL',
      note: 'Bảng niêm yết mức phí, lệ phí chưa cập nhật theo Nghị quyết của HĐND tỉnh; còn 03 thủ tục đã bãi bỏ.',
      photo: { fileName: 'Bảng niêm yết tại bộ phận một cửa.png', scene: 'board', lines: 10 },
    },
    {
      item: 1,
      result: 'PASS',
      note: 'Kiểm tra ngẫu nhiên 30 hồ sơ: có đủ giấy tiếp nhận và hẹn trả kết quả.',
    },
    {
      item: 2,
      result: 'FAIL',
      note: '12/85 hồ sơ quý này trả quá hạn, không có văn bản xin lỗi.',
    },
    { item: 3, result: 'PASS', note: '40/40 hồ sơ trực tuyến kiểm tra có tệp kết quả.' },
    {
      item: 4,
      result: 'PASS',
      note: 'Có quyết định công bố lại; biên bản đánh giá nội bộ năm nay đã lưu.',
      photo: { fileName: 'Hồ sơ ISO 9001 - biên bản đánh giá nội bộ.png', scene: 'book', lines: 8 },
    },
    { item: 5, result: 'PASS' },
    { item: 6, result: 'PASS', note: 'Hòm thư mở hằng tháng, có sổ ghi nhận.' },
    {
      item: 7,
      result: 'NOT_APPLICABLE',
      note: 'Thị trấn chưa được cấp máy lấy số thứ tự (theo kế hoạch năm sau).',
    },
  ],
  findings: [
    {
      key: 'fees-board',
      severity: 'MINOR',
      item: 0,
      description:
        'Bảng niêm yết mức phí, lệ phí tại bộ phận một cửa chưa cập nhật theo Nghị quyết của HĐND tỉnh; còn niêm yết 03 thủ tục hành chính đã bãi bỏ.',
      photo: { fileName: 'Bảng niêm yết thủ tục, mức phí.png', scene: 'board', lines: 10, marked: [2, 6] },
    },
    {
      key: 'late-apologies',
      severity: 'MAJOR',
      item: 2,
      description:
        '12/85 hồ sơ đất đai, hộ tịch trong quý trả kết quả quá hạn nhưng không có văn bản xin lỗi người dân, không cập nhật trên Hệ thống thông tin giải quyết thủ tục hành chính; sổ theo dõi hồ sơ ghi chép không đầy đủ.',
      photo: { fileName: 'Sổ theo dõi hồ sơ bộ phận một cửa.png', scene: 'book', lines: 9, marked: [4] },
    },
  ],
  summary:
    'Bộ phận một cửa thị trấn Cát Thành cơ bản thực hiện đúng quy định về tiếp nhận, giải quyết và trả kết quả thủ tục hành chính. Còn 02 tồn tại phải khắc phục: bảng niêm yết mức phí, lệ phí chưa cập nhật (mức nhẹ); hồ sơ trả quá hạn không có văn bản xin lỗi người dân (mức nghiêm trọng).',
};

export const selfInspection: DemoInspection = {
  key: 'td-self',
  kind: 'SELF',
  unit: 'ND-TN-TD',
  title: 'Tự kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính tại UBND xã Trung Đông',
  template: civilServiceTemplate,
  results: [
    { item: 0, result: 'PASS', note: 'Điểm danh đầu giờ sáng: 18/18 công chức có mặt đúng giờ.' },
    { item: 1, result: 'FAIL', note: '02 công chức bộ phận địa chính không đeo thẻ khi tiếp dân.' },
    { item: 2, result: 'PASS' },
  ],
  findings: [],
};

export const surpriseInspection: DemoInspection = {
  key: 'pd-surprise',
  kind: 'SURPRISE',
  unit: 'ND-TN-PD',
  title: 'Kiểm tra đột xuất việc giải quyết thủ tục hành chính tại bộ phận một cửa xã Phương Định',
  template: oneStopTemplate,
  results: [],
  findings: [],
};

export const demoInspections = [closedInspection, selfInspection, surpriseInspection];

/** Calendar days from the day the demo is written to the surprise window's first and last day. */
export const SURPRISE_WINDOW_DAYS = { from: 14, to: 28 } as const;
/** Working days before the day the demo is written on which the closed inspection took place. */
export const CLOSED_INSPECTION_WORKING_DAYS_AGO = 14;

/** The MINOR action's two rounds: the first answer is rejected with this reason. */
export const minorRounds = {
  first: {
    remedy: 'Đã tháo bỏ 03 thủ tục hành chính đã bãi bỏ khỏi bảng niêm yết tại bộ phận một cửa.',
    photo: {
      fileName: 'Bảng niêm yết sau khi tháo bỏ thủ tục đã bãi bỏ.png',
      scene: 'board',
      lines: 8,
      marked: [2],
    } satisfies DemoPhoto,
  },
  rejection:
    'Bảng mức phí, lệ phí vẫn chưa cập nhật theo Nghị quyết của HĐND tỉnh; ảnh chụp chưa thể hiện bảng phí mới. Đề nghị cập nhật và gửi lại ảnh chụp toàn bộ bảng niêm yết.',
  second: {
    remedy:
      'Đã in và niêm yết lại toàn bộ danh mục thủ tục hành chính kèm mức phí, lệ phí theo Nghị quyết mới của HĐND tỉnh; gửi kèm ảnh chụp bảng niêm yết.',
    photo: {
      fileName: 'Bảng niêm yết mức phí, lệ phí đã cập nhật.png',
      scene: 'board',
      lines: 10,
      tick: true,
    } satisfies DemoPhoto,
  },
  verification:
    'Đã đối chiếu ảnh chụp và kiểm tra trực tiếp tại bộ phận một cửa: bảng niêm yết đúng quy định.',
};

// ── The driver ──────────────────────────────────────────────────────────────────────────────

export type DemoInspectionsOutcome = 'driven' | 'already' | 'none';

interface Person {
  id: string;
  unitIds: string[];
}

const driven = (entityId: string) => `demo:${entityId}:driven`;
const stepId = (inspectionId: string, ...step: string[]) => derivedId(inspectionId, 'step', ...step);

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`The demo inspections: ${what} did not happen within ${timeoutMs / 1000} s.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/**
 * Drives the demo's inspections (see the file's head). 'none' when the database has no demo
 * templates (production, or demo data from a version without inspections), 'already' when
 * every inspection was driven before.
 */
export async function driveDemoInspections(options: {
  prisma: PrismaClient;
  client: Client;
  taskQueue: string;
  now?: () => Date;
}): Promise<DemoInspectionsOutcome> {
  const { prisma, client, taskQueue } = options;
  const now = options.now ?? (() => new Date());
  const templates = await prisma.checklistTemplate.count({
    where: { id: { in: demoTemplates.map(demoTemplateId) } },
  });
  if (templates !== demoTemplates.length) return 'none';
  const markers = await prisma.auditEvent.count({
    where: { eventId: { in: demoInspections.map((inspection) => driven(demoInspectionId(inspection.key))) } },
  });
  if (markers === demoInspections.length) return 'already';

  const person = async (email: string): Promise<Person> => {
    const user = await prisma.user.findUniqueOrThrow({ where: { email }, include: { roles: true } });
    return { id: user.id, unitIds: user.roles.map((role) => role.unitId) };
  };
  const inspector = await person(INSPECTOR_EMAIL);
  const steering = await person(STEERING_EMAIL);
  const unitId = async (code: string) => (await prisma.unit.findUniqueOrThrow({ where: { code } })).id;
  const calendar = await loadWorkingCalendar(prisma);
  const today = vietnamDate(now());

  /** Stores a photo and records its Evidence row (ID derived from `key`, so a repeat finds it). */
  const storePhoto = async (
    key: string[],
    photo: DemoPhoto,
    owner: { inspectionId: string } | { correctiveActionId: string },
    uploadedById: string,
  ): Promise<string> => {
    const stored = await storeEvidenceFile(evidenceDir(), demoPhotoPng(photo));
    const id = derivedId('reform-tracker-demo', 'photo', ...key);
    await prisma.evidence.upsert({
      where: { id },
      update: {},
      create: {
        id,
        sha256: stored.sha256,
        fileName: photo.fileName,
        mimeType: 'image/png',
        sizeBytes: stored.sizeBytes,
        aboutDate: new Date(`${today}T00:00:00.000Z`),
        uploadedById,
        ...owner,
      },
    });
    return id;
  };

  /** Starts `inspection-<id>` with its start input (once) and waits for its row. */
  const plan = async (
    spec: DemoInspection,
    input: Omit<PlanInspectionInput, 'inspectionId' | 'kind' | 'title' | 'targetUnitId' | 'checklist'>,
  ) => {
    const inspectionId = demoInspectionId(spec.key);
    const start: PlanInspectionInput = {
      inspectionId,
      kind: spec.kind,
      title: spec.title,
      targetUnitId: await unitId(spec.unit),
      checklist: spec.template.items,
      // The planner's choice of template, kept on the row (the items are copied, not linked).
      templateId: demoTemplateId(spec.template),
      ...input,
    };
    try {
      await client.workflow.start('inspectionWorkflow', {
        taskQueue,
        workflowId: inspectionWorkflowId(inspectionId),
        args: [start],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    const handle = client.workflow.getHandle(inspectionWorkflowId(inspectionId));
    const state = await handle.executeUpdate(inspectionRecordedUpdate);
    return { inspectionId, handle, state };
  };

  /** On site: started (by the day's timer, or early by the lead), then the results recorded. */
  const record = async (
    spec: DemoInspection,
    handle: WorkflowHandle,
    state: InspectionState,
  ): Promise<InspectionState> => {
    const inspectionId = demoInspectionId(spec.key);
    if (state.status === 'PLANNED' && atVietnamTime(state.scheduledOn, INSPECTION_START_HOUR) > now()) {
      // Before 08:00 of its day the lead starts it on arrival; from 08:00 its timer does.
      await handle
        .executeUpdate(startInspectionUpdate, {
          args: [{ actorId: inspector.id }],
          updateId: stepId(inspectionId, 'start'),
        })
        .catch(async (error: unknown) => {
          // Refused only when the timer came first (08:00 passed meanwhile).
          if ((await handle.query(inspectionStateQuery)).status === 'PLANNED') throw error;
        });
    }
    await waitUntil(`starting "${spec.title}"`, async () => {
      state = await handle.query(inspectionStateQuery);
      return state.status !== 'PLANNED';
    });
    // Sent together: the workflow applies them one at a time in the order they arrive, and the
    // round trips overlap (quicker start-up than one after the other).
    const checklist = state.checklist;
    const results = spec.results.map(async (result) => {
      const photos = result.photo
        ? [
            await storePhoto(
              [inspectionId, 'item', String(result.item)],
              result.photo,
              { inspectionId },
              inspector.id,
            ),
          ]
        : [];
      return handle.executeUpdate(recordChecklistResultUpdate, {
        args: [
          {
            actorId: inspector.id,
            checklistItemId: checklist[result.item]!.id,
            result: result.result,
            note: result.note ?? null,
            evidenceIds: photos,
          },
        ],
        updateId: stepId(inspectionId, 'result', String(result.item)),
      });
    });
    const findings = spec.findings.map(async (finding) => {
      const photoId = await storePhoto(
        [inspectionId, finding.key],
        finding.photo,
        { inspectionId },
        inspector.id,
      );
      return handle.executeUpdate(recordFindingUpdate, {
        args: [
          {
            actorId: inspector.id,
            // Chosen here, as a device chooses it: the finding's ID on every start.
            findingId: derivedId(inspectionId, 'finding', finding.key),
            severity: finding.severity,
            description: finding.description,
            requiresCorrection: true,
            checklistItemId: checklist[finding.item]!.id,
            evidenceIds: [photoId],
          },
        ],
        updateId: stepId(inspectionId, 'finding', finding.key),
      });
    });
    await Promise.all([...results, ...findings]);
    return state;
  };

  const markDone = (inspectionId: string) =>
    prisma.auditEvent.upsert({
      where: { eventId: driven(inspectionId) },
      update: {},
      create: {
        eventId: driven(inspectionId),
        action: 'demo.driven',
        entityType: 'Inspection',
        entityId: inspectionId,
      },
    });
  const isDone = async (inspectionId: string) =>
    (await prisma.auditEvent.findUnique({ where: { eventId: driven(inspectionId) } })) !== null;

  // ── The closed announced inspection of Cát Thành's one-stop office ───────────────────────
  const driveClosed = async () => {
    const spec = closedInspection;
    const inspectionId = demoInspectionId(spec.key);
    if (await isDone(inspectionId)) return;
    const scheduledOn = calendar.addWorkingDays(today, -CLOSED_INSPECTION_WORKING_DAYS_AGO);
    const row = await prisma.inspection.findUnique({ where: { id: inspectionId } });
    // A start interrupted after the close: the inspection's workflow has ended.
    if (row?.status !== 'CLOSED') {
      const planned = await plan(spec, {
        scheduledOn,
        inspectors: [{ userId: inspector.id, lead: true }],
        actorId: steering.id,
      });
      await record(spec, planned.handle, planned.state);
      await planned.handle.executeUpdate(closeInspectionUpdate, {
        args: [{ actorId: inspector.id, note: spec.summary ?? null }],
        updateId: stepId(inspectionId, 'close'),
      });
    }
    await waitUntil('opening the corrective actions of the closed inspection', async () => {
      const opened = await prisma.auditEvent.count({
        where: {
          action: 'corrective.opened',
          entityId: {
            in: (
              await prisma.correctiveAction.findMany({
                where: { finding: { inspectionId } },
                select: { id: true },
              })
            ).map((action) => action.id),
          },
        },
      });
      return opened === spec.findings.length;
    });
    const actions = await prisma.correctiveAction.findMany({
      where: { finding: { inspectionId } },
      include: { finding: true },
    });
    const head = await prisma.roleAssignment.findFirstOrThrow({
      where: { unitId: await unitId(spec.unit), role: 'UNIT_HEAD' },
      orderBy: { createdAt: 'asc' },
      select: { userId: true, unitId: true },
    });
    const unit = { actorId: head.userId, actorUnitIds: [head.unitId] };

    // MINOR: answered, rejected with a reason, answered again, verified.
    const driveMinor = async () => {
      const minor = actions.find((action) => action.finding.severity === 'MINOR')!;
      if (minor.status === 'VERIFIED') return;
      const handle = client.workflow.getHandle(correctiveWorkflowId(minor.id));
      await handle.executeUpdate(correctiveRecordedUpdate);
      const answer = async (round: 'first' | 'second') => {
        const photoId = await storePhoto(
          [minor.id, round],
          minorRounds[round].photo,
          { correctiveActionId: minor.id },
          head.userId,
        );
        await handle.executeUpdate(submitCorrectionUpdate, {
          args: [{ ...unit, remedy: minorRounds[round].remedy, evidenceIds: [photoId] }],
          updateId: stepId(minor.id, 'submit', round),
        });
      };
      await answer('first');
      await handle.executeUpdate(rejectCorrectionUpdate, {
        args: [{ actorId: inspector.id, reason: minorRounds.rejection }],
        updateId: stepId(minor.id, 'reject'),
      });
      await answer('second');
      await handle.executeUpdate(verifyCorrectionUpdate, {
        args: [{ actorId: inspector.id, note: minorRounds.verification, reinspect: false }],
        updateId: stepId(minor.id, 'verify'),
      });
    };

    // MAJOR: OPEN and overdue, due 10 working days after the inspection's day (see the head).
    const driveMajor = async () => {
      const major = actions.find((action) => action.finding.severity === 'MAJOR')!;
      const day = (await prisma.inspection.findUniqueOrThrow({ where: { id: inspectionId } })).scheduledOn!;
      const dueDate = calendar.addWorkingDays(
        day.toISOString().slice(0, 10),
        defaultCorrectionWorkingDays.MAJOR,
      );
      const workflowId = correctiveWorkflowId(major.id);
      const current = await client.workflow.getHandle(workflowId).query(correctiveStateQuery);
      if (current.dueDate === dueDate) return;
      await prisma.correctiveAction.update({
        where: { id: major.id },
        data: { dueDate: new Date(`${dueDate}T00:00:00.000Z`) },
      });
      const input: OpenCorrectiveInput = {
        correctiveActionId: major.id,
        findingId: major.findingId,
        inspectionId,
        responsibleUnitId: major.responsibleUnitId,
        severity: 'MAJOR',
        dueDate,
        title: major.finding.description.slice(0, 200),
        inspectorIds: [inspector.id],
        actorId: inspector.id,
      };
      try {
        await client.workflow
          .getHandle(workflowId)
          .terminate(
            'Demo data: started again to take over its row, whose due date is the one the inspection’s day gave it (prisma/demo-inspections.ts).',
          );
      } catch (error) {
        // Already ended by an earlier, interrupted attempt: start it again all the same.
        if (!(error instanceof Error && /not found|already completed/i.test(error.message))) throw error;
      }
      await client.workflow.start('correctiveWorkflow', {
        taskQueue,
        workflowId,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      });
      await client.workflow.getHandle(workflowId).executeUpdate(correctiveRecordedUpdate);
    };
    await Promise.all([driveMinor(), driveMajor()]);
    await markDone(inspectionId);
  };

  // ── The self inspection of Xã Trung Đông, in progress ────────────────────────────────────
  const driveSelf = async () => {
    const spec = selfInspection;
    const inspectionId = demoInspectionId(spec.key);
    if (await isDone(inspectionId)) return;
    // Its day: today when it is a working day, else the last working day before it.
    const planned = await plan(spec, {
      scheduledOn: calendar.previousWorkingDay(today),
      inspectors: [{ userId: inspector.id, lead: true }],
      actorId: steering.id,
    });
    await record(spec, planned.handle, planned.state);
    await markDone(inspectionId);
  };

  // ── The surprise inspection of Xã Phương Định, two to four weeks ahead ───────────────────
  const driveSurprise = async () => {
    const spec = surpriseInspection;
    const inspectionId = demoInspectionId(spec.key);
    if (await isDone(inspectionId)) return;
    await plan(spec, {
      windowStart: addDays(today, SURPRISE_WINDOW_DAYS.from),
      windowEnd: addDays(today, SURPRISE_WINDOW_DAYS.to),
      inspectors: [{ userId: inspector.id, lead: true }],
      actorId: steering.id,
    });
    await markDone(inspectionId);
  };

  await Promise.all([driveClosed(), driveSelf(), driveSurprise()]);
  return 'driven';
}
