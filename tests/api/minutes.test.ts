// The inspection minutes PDF (GET /inspections/<id>/minutes.pdf) end to end: inspections built by
// the real workflows and activities on Temporal's test server and a real PostgreSQL, the handler
// the web route mounts, and the PDF's text read back with a PDF library (unpdf, i.e. PDF.js).
import { randomUUID } from 'node:crypto';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../api/src/auth.ts';
import type { MinutesData } from '../../api/src/minutes/data.ts';
import { createMinutesHandlers } from '../../api/src/minutes/http.ts';
import { renderMinutesPdf } from '../../api/src/minutes/pdf.ts';
import { sessionCookieName } from '../../api/src/session-cookie.ts';
import { WorkingCalendar, addDays, vietnamDate } from '../../workflows/src/calendar.ts';
import {
  closeInspectionUpdate,
  inspectionRecordedUpdate,
  inspectionWorkflowId,
  recordChecklistResultUpdate,
  recordFindingUpdate,
  startInspectionUpdate,
  type InspectionState,
  type PlanInspectionInput,
} from '../../workflows/src/contracts.ts';
import type { inspectionWorkflow } from '../../workflows/src/workflows/inspection.ts';
import { createFixtures, createInspectionFixtures } from '../helpers/fixtures.ts';
import { startWorkflowHarness, type WorkflowHarness } from '../helpers/temporal.ts';

const taskQueue = 'minutes-test';
const FINDING_VI = 'Chưa niêm yết công khai thủ tục hành chính';
const OBSERVATION_VI = 'Bảng niêm yết đặt ở vị trí khó thấy, người dân phải hỏi cán bộ';
const CRITICAL_VI = 'Trả kết quả quá hạn không có văn bản xin lỗi';
const SUMMARY_VI =
  'Xã Phương Định cơ bản thực hiện đúng quy định; đề nghị khắc phục các tồn tại trong thời hạn.';

let harness: WorkflowHarness | undefined;
let fixtures: Awaited<ReturnType<typeof createFixtures>>;
let people: Awaited<ReturnType<typeof createInspectionFixtures>>;
let handlers: ReturnType<typeof createMinutesHandlers>;
let closedId: string;
let closedState: InspectionState;
let surpriseId: string;
let surpriseTitle: string;
let cookies: Record<
  'head' | 'staff' | 'steering' | 'inspector' | 'inspector2' | 'outsider' | 'otherHead' | 'otherSteering',
  string
>;

type Handle = Awaited<ReturnType<typeof planInspection>>;

async function planInspection(input: PlanInspectionInput) {
  const handle = await harness!.env.client.workflow.start<typeof inspectionWorkflow>('inspectionWorkflow', {
    taskQueue,
    workflowId: inspectionWorkflowId(input.inspectionId),
    args: [input],
  });
  await handle.executeUpdate(inspectionRecordedUpdate);
  return handle;
}

async function today(): Promise<string> {
  return vietnamDate(await harness!.env.currentTimeMs());
}

async function calendar(): Promise<WorkingCalendar> {
  const rows = await harness!.db.prisma.holiday.findMany();
  return new WorkingCalendar(rows.map((row) => row.date.toISOString().slice(0, 10)));
}

const ddmmyyyy = (iso: string): string => iso.split('-').reverse().join('/');

let surpriseHandle: Handle;

beforeAll(async () => {
  harness = await startWorkflowHarness(taskQueue);
  const { prisma } = harness.db;
  fixtures = await createFixtures(prisma);
  people = await createInspectionFixtures(prisma, fixtures);
  handlers = createMinutesHandlers({ prisma, production: false });
  const cookie = async (userId: string) =>
    `${sessionCookieName(false)}=${await createSession(prisma, userId, new Date())}`;
  cookies = {
    head: await cookie(fixtures.users.head.id),
    staff: await cookie(people.staff.id),
    steering: await cookie(fixtures.users.steering.id),
    inspector: await cookie(people.inspector.id),
    inspector2: await cookie(people.inspector2.id),
    outsider: await cookie(people.outsider.id),
    otherHead: await cookie(fixtures.users.otherHead.id),
    otherSteering: await cookie(fixtures.users.otherSteering.id),
  };

  // An announced inspection of the commune, started early by its lead, recorded and closed.
  const day = (await calendar()).addWorkingDays(await today(), 3);
  closedId = randomUUID();
  const handle = await planInspection({
    inspectionId: closedId,
    kind: 'ANNOUNCED',
    targetUnitId: fixtures.units.commune.id,
    title: 'Kiểm tra công tác cải cách hành chính năm 2026',
    scheduledOn: day,
    inspectors: [{ userId: people.inspector.id, lead: true }, { userId: people.inspector2.id }],
    checklist: [
      'Niêm yết công khai thủ tục hành chính',
      'Tỷ lệ hồ sơ trực tuyến toàn trình',
      'Số hoá kết quả giải quyết thủ tục',
    ],
    actorId: fixtures.users.steering.id,
  });
  const planned = await handle.executeUpdate(startInspectionUpdate, {
    args: [{ actorId: people.inspector.id }],
  });
  const [first, second, third] = planned.checklist;
  const lead = { actorId: people.inspector.id };
  await handle.executeUpdate(recordChecklistResultUpdate, {
    args: [{ ...lead, checklistItemId: first!.id, result: 'FAIL', note: 'Bảng niêm yết cũ từ năm 2023' }],
  });
  await handle.executeUpdate(recordChecklistResultUpdate, {
    args: [{ ...lead, checklistItemId: second!.id, result: 'PASS', note: 'Đạt 72 %' }],
  });
  await handle.executeUpdate(recordChecklistResultUpdate, {
    args: [{ ...lead, checklistItemId: third!.id, result: 'NOT_APPLICABLE' }],
  });
  await handle.executeUpdate(recordFindingUpdate, {
    args: [
      {
        ...lead,
        severity: 'INFO',
        description: OBSERVATION_VI,
        requiresCorrection: false,
        checklistItemId: first!.id,
      },
    ],
  });
  await handle.executeUpdate(recordFindingUpdate, {
    args: [
      {
        ...lead,
        severity: 'MAJOR',
        description: FINDING_VI,
        requiresCorrection: true,
        checklistItemId: first!.id,
      },
    ],
  });
  await handle.executeUpdate(recordFindingUpdate, {
    args: [
      {
        actorId: people.inspector2.id,
        severity: 'CRITICAL',
        description: CRITICAL_VI,
        requiresCorrection: true,
      },
    ],
  });
  closedState = await handle.executeUpdate(closeInspectionUpdate, {
    args: [{ actorId: people.inspector.id, note: SUMMARY_VI }],
  });

  // A surprise inspection of the same commune, not started: hidden from the commune.
  surpriseId = randomUUID();
  surpriseTitle = 'Kiểm tra đột xuất bộ phận một cửa Phương Định';
  const windowStart = addDays(await today(), 10);
  surpriseHandle = await planInspection({
    inspectionId: surpriseId,
    kind: 'SURPRISE',
    targetUnitId: fixtures.units.commune.id,
    title: surpriseTitle,
    windowStart,
    windowEnd: addDays(windowStart, 20),
    inspectors: [{ userId: people.inspector.id, lead: true }],
    checklist: ['Niêm yết công khai thủ tục hành chính'],
    actorId: fixtures.users.steering.id,
  });
});

afterAll(() => harness?.stop());

function get(
  id: string,
  options: { cookie?: string; query?: string; acceptLanguage?: string; locale?: 'vi' | 'en' } = {},
): Promise<Response> {
  const cookie = [options.cookie, options.locale ? `rt_locale=${options.locale}` : undefined]
    .filter(Boolean)
    .join('; ');
  return handlers.download(
    new Request(`http://test/inspections/${id}/minutes.pdf${options.query ?? ''}`, {
      headers: {
        'accept-language': options.acceptLanguage ?? 'vi',
        ...(cookie ? { cookie } : {}),
      },
    }),
    id,
  );
}

/** The size in bytes of the last PDF read by pdfPages. */
let lastSize = 0;

/** The PDF's text, page by page, with runs of white space (line ends inside a cell) as one space. */
async function pdfPages(response: Response): Promise<string[]> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
  expect(Number(response.headers.get('content-length'))).toBe(bytes.byteLength);
  lastSize = bytes.byteLength;
  return textOf(bytes);
}

async function textOf(bytes: Uint8Array): Promise<string[]> {
  const { text } = await extractText(bytes.slice(), { mergePages: false });
  return text.map((page) => page.replace(/\s+/g, ' ').trim());
}

/** A 404 as the client sees it: status, headers that matter, and the body. */
async function refusal(response: Response) {
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: await response.text(),
  };
}

describe('inspection minutes PDF: content', () => {
  it('in Vietnamese: the national heading, the facts, checklist results, findings with their diacritics intact, corrective actions with due dates, signature places and page numbers', async () => {
    const pages = await pdfPages(await get(closedId, { cookie: cookies.head, query: '?lang=vi' }));
    const text = pages.join(' ');
    expect(pages[0]).toMatch(
      /^CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc BIÊN BẢN KIỂM TRA /,
    );
    for (const expected of [
      'Kiểm tra công tác cải cách hành chính năm 2026',
      'Hình thức: Kiểm tra theo kế hoạch',
      'Đơn vị được kiểm tra: Xã Phương Định',
      'Tình trạng: Đã kết thúc',
      'Ngô Văn Thanh Tra (Trưởng đoàn)',
      'Hoàng Thị Kiểm',
      // Checklist: item, result, note.
      '1 Niêm yết công khai thủ tục hành chính Không đạt Bảng niêm yết cũ từ năm 2023',
      '2 Tỷ lệ hồ sơ trực tuyến toàn trình Đạt Đạt 72 %',
      '3 Số hoá kết quả giải quyết thủ tục Không áp dụng',
      // Findings, oldest first: severity (INFO reads as an observation), description, its item.
      `1 Ghi nhận ${OBSERVATION_VI} (Ghi nhận bởi Ngô Văn Thanh Tra) 1. Niêm yết công khai thủ tục hành chính Không`,
      `2 Lớn ${FINDING_VI} (Ghi nhận bởi Ngô Văn Thanh Tra) 1. Niêm yết công khai thủ tục hành chính Có`,
      `3 Nghiêm trọng ${CRITICAL_VI} (Ghi nhận bởi Hoàng Thị Kiểm) Có`,
      SUMMARY_VI,
      'ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA',
      'TRƯỞNG ĐOÀN KIỂM TRA',
    ]) {
      expect(text).toContain(expected);
    }
    // The corrective actions with the due dates the workflow gave them (dd/mm/yyyy).
    expect(closedState.corrective).toHaveLength(2);
    const rows = await harness!.db.prisma.correctiveAction.findMany({
      where: { finding: { inspectionId: closedId } },
      include: { finding: true },
    });
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const number = row.finding.description === FINDING_VI ? 2 : 3;
      const severity = number === 2 ? 'Lớn' : 'Nghiêm trọng';
      expect(text).toContain(
        `${number}. ${row.finding.description} ${severity} Xã Phương Định ${ddmmyyyy(row.dueDate.toISOString().slice(0, 10))} Đang khắc phục`,
      );
    }
    // The date of the inspection and its start and end, in Vietnam time.
    const inspection = await harness!.db.prisma.inspection.findUniqueOrThrow({ where: { id: closedId } });
    expect(text).toContain(`Ngày kiểm tra: ${ddmmyyyy(inspection.scheduledOn!.toISOString().slice(0, 10))}`);
    const vn = (instant: Date) => new Date(instant.getTime() + 7 * 3600_000).toISOString();
    const closed = vn(inspection.closedAt!);
    expect(text).toContain(`Kết thúc: ${ddmmyyyy(closed.slice(0, 10))} ${closed.slice(11, 16)}`);
    pages.forEach((page, index) => expect(page).toContain(`Trang ${index + 1}/${pages.length}`));
    // A typical minutes file: the fonts are subset (each Noto Serif file is about 500 KB whole).
    expect(lastSize).toBeLessThan(60_000);
    // Nothing English on the Vietnamese minutes.
    expect(text).not.toMatch(/INSPECTION MINUTES|Page \d|Observation/);
  });

  it('in English: English headings and labels; what people wrote stays as written', async () => {
    const response = await get(closedId, { cookie: cookies.inspector2, query: '?lang=en' });
    expect(response.headers.get('content-language')).toBe('en');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="Inspection minutes - Kiem tra cong tac cai cach hanh chinh nam 2026\.pdf"; filename\*=UTF-8''/,
    );
    const pages = await pdfPages(response);
    const text = pages.join(' ');
    expect(pages[0]).toMatch(
      /^SOCIALIST REPUBLIC OF VIET NAM Independence - Freedom - Happiness INSPECTION MINUTES /,
    );
    for (const expected of [
      'I. GENERAL INFORMATION',
      'Kind: Announced inspection',
      'Inspected unit: Xã Phương Định',
      'Ngô Văn Thanh Tra (lead inspector)',
      'II. CHECKLIST RESULTS',
      '1 Niêm yết công khai thủ tục hành chính Fail Bảng niêm yết cũ từ năm 2023',
      '3 Số hoá kết quả giải quyết thủ tục Not applicable',
      'III. FINDINGS',
      `1 Observation ${OBSERVATION_VI} (Recorded by Ngô Văn Thanh Tra)`,
      `2 Major ${FINDING_VI}`,
      'IV. CORRECTIVE ACTIONS',
      'Being corrected',
      'V. CONCLUSION',
      SUMMARY_VI,
      'FOR THE INSPECTED UNIT',
      'LEAD INSPECTOR',
    ]) {
      expect(text).toContain(expected);
    }
    pages.forEach((page, index) => expect(page).toContain(`Page ${index + 1}/${pages.length}`));
    expect(text).not.toMatch(/BIÊN BẢN|CỘNG HÒA|Trang \d|Ghi nhận bởi/);
  });

  it('without ?lang: the language switch’s cookie, else the user’s saved language, else the browser’s', async () => {
    const heading = async (response: Response) => (await pdfPages(response))[0]!.slice(0, 20);
    // The fixtures' users saved English.
    expect(await heading(await get(closedId, { cookie: cookies.head, acceptLanguage: 'vi' }))).toBe(
      'SOCIALIST REPUBLIC O',
    );
    expect(await heading(await get(closedId, { cookie: cookies.head, locale: 'vi' }))).toBe(
      'CỘNG HÒA XÃ HỘI CHỦ ',
    );
    await harness!.db.prisma.user.update({ where: { id: people.staff.id }, data: { locale: 'vi' } });
    expect(await heading(await get(closedId, { cookie: cookies.staff, acceptLanguage: 'en' }))).toBe(
      'CỘNG HÒA XÃ HỘI CHỦ ',
    );
    // ?lang wins over both; an unknown one is ignored.
    expect(await heading(await get(closedId, { cookie: cookies.staff, query: '?lang=en' }))).toBe(
      'SOCIALIST REPUBLIC O',
    );
    expect(await heading(await get(closedId, { cookie: cookies.staff, query: '?lang=fr' }))).toBe(
      'CỘNG HÒA XÃ HỘI CHỦ ',
    );
  });

  it('a long inspection pages over: the table header on every page it continues on, a note longer than a page split between pages, every page numbered; the font is subset', async () => {
    const note = Array.from({ length: 400 }, (_, index) => `ghi chú dài số ${index + 1}`).join(', ');
    const data: MinutesData = {
      id: 'long',
      kind: 'SELF',
      status: 'IN_PROGRESS',
      title: 'Tự kiểm tra công tác cải cách hành chính',
      targetUnitName: 'Huyện Trực Ninh',
      scheduledOn: '2026-12-03',
      windowStart: '2026-12-03',
      windowEnd: '2026-12-03',
      startedAt: new Date('2026-12-03T01:00:00Z'),
      closedAt: null,
      summary: null,
      cancelReason: null,
      inspectors: [{ name: 'Ngô Văn Thanh Tra', lead: true }],
      checklist: Array.from({ length: 80 }, (_, index) => ({
        number: index + 1,
        text: `Mục kiểm tra số ${index + 1}: hồ sơ được tiếp nhận và trả kết quả đúng hạn`,
        result: index % 2 ? 'PASS' : null,
        note: index === 40 ? note : null,
      })),
      findings: [],
      correctiveActions: [],
    };
    const bytes = await renderMinutesPdf(data, 'vi');
    const pages = await textOf(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(5);
    const tablePages = pages.filter((page) => /Mục kiểm tra số \d+/.test(page));
    expect(tablePages.length).toBeGreaterThanOrEqual(4);
    for (const page of tablePages) expect(page).toContain('STT Nội dung kiểm tra Kết quả Ghi chú');
    // Items keep their order, none lost; the long note arrives whole, over more than one page.
    const all = pages.join(' ');
    const numbers = [...all.matchAll(/Mục kiểm tra số (\d+):/g)].map((match) => Number(match[1]));
    expect(numbers).toEqual(Array.from({ length: 80 }, (_, index) => index + 1));
    expect(all).toContain('ghi chú dài số 1, ghi chú dài số 2,');
    expect(all).toContain('ghi chú dài số 400');
    expect(pages.filter((page) => page.includes('ghi chú dài số')).length).toBeGreaterThan(1);
    pages.forEach((page, index) => expect(page).toContain(`Trang ${index + 1}/${pages.length}`));
    // Not final yet, and says so; the document's name atop every page from the second on.
    expect(all).toContain('Cuộc kiểm tra chưa kết thúc: biên bản này chưa phải bản chính thức.');
    for (const page of pages.slice(1)) {
      expect(page).toContain('Biên bản kiểm tra - Tự kiểm tra công tác cải cách hành chính');
    }
    expect(pages[0]).not.toContain('Biên bản kiểm tra - ');
    // Each of the three Noto Serif files is about 500 KB; subset, the whole file is far smaller.
    expect(bytes.byteLength).toBeLessThan(120_000);
  });
});

describe('inspection minutes PDF: other states', () => {
  const cancelled: MinutesData = {
    id: 'cancelled',
    kind: 'SURPRISE',
    status: 'CANCELLED',
    title: 'Kiểm tra đột xuất\u0007 việc trả kết quả',
    targetUnitName: 'Thị trấn Cát Thành',
    scheduledOn: null,
    windowStart: '2026-12-07',
    windowEnd: '2026-12-24',
    startedAt: null,
    closedAt: null,
    summary: null,
    cancelReason: 'Trùng lịch thanh tra của tỉnh',
    inspectors: [
      { name: 'Hoàng Thị Kiểm', lead: false },
      { name: 'Ngô Văn Thanh Tra', lead: true },
    ],
    checklist: [],
    findings: [],
    correctiveActions: [],
  };

  it('a cancelled surprise: its window, the day not fixed, why it was cancelled, empty sections said so, not final', async () => {
    const vi = (await textOf(await renderMinutesPdf(cancelled, 'vi'))).join(' ');
    for (const expected of [
      // A control character typed into the title is left out, not drawn as a box.
      'BIÊN BẢN KIỂM TRA Kiểm tra đột xuất việc trả kết quả',
      'Hình thức: Kiểm tra đột xuất',
      'Khoảng thời gian kiểm tra: 07/12/2026 - 24/12/2026',
      'Ngày kiểm tra: chưa xác định',
      'Tình trạng: Đã hủy',
      'Lý do hủy: Trùng lịch thanh tra của tỉnh',
      'Thành phần đoàn kiểm tra: Ngô Văn Thanh Tra (Trưởng đoàn) Hoàng Thị Kiểm',
      'Danh mục kiểm tra không có nội dung nào.',
      'Không có phát hiện nào.',
      'Không có yêu cầu khắc phục nào.',
      'Chưa có kết luận.',
      'Cuộc kiểm tra chưa kết thúc: biên bản này chưa phải bản chính thức.',
      'Trang 1/1',
    ]) {
      expect(vi).toContain(expected);
    }
    expect(vi).not.toContain('Bắt đầu:');
    const en = (await textOf(await renderMinutesPdf(cancelled, 'en'))).join(' ');
    for (const expected of [
      'Inspection window: 07/12/2026 - 24/12/2026',
      'Date of inspection: not fixed yet',
      'Status: Cancelled',
      'Reason for cancelling: Trùng lịch thanh tra của tỉnh',
      'No findings.',
      'The inspection is not closed: these minutes are not final.',
      'Page 1/1',
    ]) {
      expect(en).toContain(expected);
    }
  });
});

describe('inspection minutes PDF: who gets it', () => {
  it('the target unit, the committee above and the inspectors get the minutes; anyone else the same 404 as a made-up ID; no session, 401', async () => {
    for (const cookie of [cookies.head, cookies.staff, cookies.steering, cookies.inspector]) {
      expect((await get(closedId, { cookie })).status).toBe(200);
    }
    const missing = await refusal(await get(randomUUID(), { cookie: cookies.otherHead, query: '?lang=en' }));
    expect(missing).toEqual({
      status: 404,
      type: 'application/json; charset=utf-8',
      body: JSON.stringify({
        error: { code: 'NOT_FOUND', message: 'There is no such inspection.', field: 'id' },
      }),
    });
    expect(await refusal(await get(closedId, { cookie: cookies.otherHead, query: '?lang=en' }))).toEqual(
      missing,
    );
    expect(await refusal(await get(closedId, { cookie: cookies.otherSteering, query: '?lang=en' }))).toEqual(
      missing,
    );
    const missingVi = await refusal(await get('not-an-id', { cookie: cookies.otherHead, query: '?lang=vi' }));
    expect(JSON.parse(missingVi.body)).toEqual({
      error: { code: 'NOT_FOUND', message: 'Không tìm thấy cuộc kiểm tra này.', field: 'id' },
    });

    const anonymous = await get(closedId, { query: '?lang=en' });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      error: {
        code: 'UNAUTHENTICATED',
        message: 'Your session has expired. Please sign in again.',
        field: null,
      },
    });
    expect((await get(closedId, { cookie: `${sessionCookieName(false)}=forged` })).status).toBe(401);
  });

  it('a surprise inspection not yet started: its target unit’s head and staff get exactly the 404 of a made-up ID; the committee above and its inspector get it; once started, the unit does too', async () => {
    for (const lang of ['?lang=vi', '?lang=en', '']) {
      for (const cookie of [cookies.head, cookies.staff]) {
        const hidden = await refusal(await get(surpriseId, { cookie, query: lang }));
        const made = await refusal(await get(randomUUID(), { cookie, query: lang }));
        expect(hidden.status).toBe(404);
        expect(hidden).toEqual(made);
      }
    }
    for (const cookie of [cookies.steering, cookies.inspector]) {
      const text = (await pdfPages(await get(surpriseId, { cookie, query: '?lang=vi' }))).join(' ');
      expect(text).toContain(surpriseTitle);
      expect(text).toContain('Hình thức: Kiểm tra đột xuất');
      expect(text).toContain('Khoảng thời gian kiểm tra:');
      expect(text).toContain('Tình trạng: Đã lên kế hoạch');
    }
    // The other district's inspector and committee: 404 too.
    expect((await get(surpriseId, { cookie: cookies.otherSteering })).status).toBe(404);
    expect((await get(surpriseId, { cookie: cookies.outsider })).status).toBe(404);

    await surpriseHandle.executeUpdate(startInspectionUpdate, { args: [{ actorId: people.inspector.id }] });
    const text = (await pdfPages(await get(surpriseId, { cookie: cookies.head, query: '?lang=vi' }))).join(
      ' ',
    );
    expect(text).toContain(surpriseTitle);
    expect(text).toContain('Tình trạng: Đang kiểm tra');
  });
});
