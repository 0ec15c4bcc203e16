// Evidence files end to end: the upload route (type by content, size limits, who may upload), the
// content-addressed storage, the download route (who may see which file) and reportProgress
// attaching uploads. Real PostgreSQL, a real Temporal test server and worker, real files on disk.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_EVIDENCE_MAX_BYTES,
  MULTIPART_OVERHEAD_BYTES,
  attachmentDisposition,
  createEvidenceHandlers,
  evidenceMaxBytes,
  sanitiseFileName,
} from '../../api/src/evidence/http.ts';
import {
  evidenceDir,
  evidenceFilePath,
  sniffEvidenceType,
  storeEvidenceFile,
} from '../../api/src/evidence/storage.ts';
import { createApiHarness } from '../helpers/api.ts';
import { createInspectionFixtures, createIssuedPlan } from '../helpers/fixtures.ts';

const ORIGIN = 'http://test';

let api: Awaited<ReturnType<typeof createApiHarness>>;
let dir: string;
let handlers: ReturnType<typeof createEvidenceHandlers>;
let planId: string;
let staffEmail: string;
let cookies: Record<'head' | 'staff' | 'steering' | 'otherHead' | 'otherSteering' | 'townHead', string>;

beforeAll(async () => {
  api = await createApiHarness();
  dir = await mkdtemp(path.join(tmpdir(), 'rt-evidence-'));
  handlers = createEvidenceHandlers({ prisma: api.db.prisma, dir, origin: ORIGIN, production: false });
  const { staff } = await createInspectionFixtures(api.db.prisma, api.fixtures);
  staffEmail = staff.email;
  planId = await createIssuedPlan(api.db.prisma, api.fixtures);
  const { users } = api.fixtures;
  cookies = {
    head: await api.login(users.head.email),
    staff: await api.login(staffEmail),
    steering: await api.login(users.steering.email),
    otherHead: await api.login(users.otherHead.email),
    otherSteering: await api.login(users.otherSteering.email),
    townHead: await api.login(users.townHead.email),
  };
});
afterAll(async () => {
  await api?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  delete process.env.RT_EVIDENCE_MAX_BYTES;
});

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
};

/** A small but well-formed one-page PDF. */
function pdf(text = 'Bien ban kiem tra'): Uint8Array {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return encode(body);
}

/** The first bytes of a JPEG (JFIF) and of a PNG: what file-type reads. */
const JPEG = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01,
  0x00, 0x00, 0xff, 0xd9,
]);
const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
  0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xde,
]);
/** A Windows executable's header (MZ … PE). */
const EXE = concat(
  encode('MZ'),
  new Uint8Array(58),
  new Uint8Array([0x40, 0, 0, 0]),
  encode('PE\0\0'),
  new Uint8Array(64),
);

interface Part {
  name: string;
  bytes: Uint8Array;
  type?: string;
}

function uploadRequest(
  cookie: string | null,
  fields: Record<string, string>,
  files: Part[],
  headers: Record<string, string> = {},
): Request {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) {
    form.append(
      'file',
      new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type ?? '' }),
    );
  }
  return new Request(`${ORIGIN}/evidence`, {
    method: 'POST',
    headers: {
      origin: ORIGIN,
      'accept-language': 'en',
      ...(cookie ? { cookie } : {}),
      ...headers,
    },
    body: form,
  });
}

interface UploadAnswer {
  status: number;
  evidence?: { id: string; fileName: string; mimeType: string; sizeBytes: number }[];
  error?: { code: string; message: string; field: string | null };
}

async function upload(
  cookie: string | null,
  fields: Record<string, string>,
  files: Part[],
  options: { headers?: Record<string, string>; using?: typeof handlers } = {},
): Promise<UploadAnswer> {
  const response = await (options.using ?? handlers).upload(
    uploadRequest(cookie, fields, files, options.headers),
  );
  expect(response.headers.get('content-type')).toContain('application/json');
  return { status: response.status, ...((await response.json()) as object) };
}

async function download(cookie: string | null, id: string) {
  return handlers.download(
    new Request(`${ORIGIN}/evidence/${id}`, {
      headers: { 'accept-language': 'en', ...(cookie ? { cookie } : {}) },
    }),
    id,
  );
}

const CREATE_TASK = `mutation($input: CreateTaskInput!) {
  createTask(input: $input) { __typename ... on Task { id } ... on Error { message } }
}`;
const REPORT = `mutation($input: ReportProgressInput!) {
  reportProgress(input: $input) {
    __typename
    ... on Task { id progress }
    ... on InvalidInputError { message issues { field message } }
    ... on Error { message }
  }
}`;
const TASK_EVIDENCE = `query($id: ID!) {
  task(id: $id) {
    evidence { id fileName mimeType sizeBytes aboutDate receivedAt attached downloadUrl }
    reports(first: 10) { edges { node { percent evidence { id fileName downloadUrl } } } }
  }
}`;

/** A task of the 2099 plan for Xã Phương Định, with its workflow running. */
async function issuedTask(assigneeUnitId = api.fixtures.units.commune.id): Promise<string> {
  const result = await api.gql(
    CREATE_TASK,
    {
      input: {
        requestId: randomUUID(),
        planId,
        areaId: api.fixtures.area.id,
        assigneeUnitId,
        title: 'Số hoá hồ sơ một cửa',
        dueDate: '2099-09-30',
      },
    },
    { cookie: cookies.steering },
  );
  expect(result.data?.createTask?.__typename).toBe('Task');
  return result.data?.createTask?.id as string;
}

/** A task row without a workflow, in a given status. */
async function taskInStatus(status: 'COMPLETED' | 'SUBMITTED' | 'IN_PROGRESS'): Promise<string> {
  const task = await api.db.prisma.task.create({
    data: {
      planId,
      areaId: api.fixtures.area.id,
      assigneeUnitId: api.fixtures.units.commune.id,
      title: `Nhiệm vụ ${status}`,
      dueDate: new Date('2099-06-30T00:00:00.000Z'),
      status,
      progress: status === 'IN_PROGRESS' ? 30 : 100,
      createdById: api.fixtures.users.steering.id,
    },
  });
  return task.id;
}

async function storedFiles(): Promise<string[]> {
  const found: string[] = [];
  for (const prefix of await readdir(dir)) {
    for (const name of await readdir(path.join(dir, prefix))) found.push(name);
  }
  return found.sort();
}

describe('storage', () => {
  it('sniffs the allowed types from the bytes and refuses everything else', async () => {
    expect(await sniffEvidenceType(pdf())).toEqual({ mime: 'application/pdf', ext: 'pdf' });
    expect(await sniffEvidenceType(JPEG)).toEqual({ mime: 'image/jpeg', ext: 'jpg' });
    expect(await sniffEvidenceType(PNG)).toEqual({ mime: 'image/png', ext: 'png' });
    for (const refused of [
      EXE,
      encode('<!doctype html><script>alert(1)</script>'),
      encode('plain text'),
      new Uint8Array(),
    ]) {
      expect(await sniffEvidenceType(refused)).toBeNull();
    }
  });

  it('keeps a file under its SHA-256 once, however often it is stored', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'rt-evidence-store-'));
    try {
      const bytes = pdf('once');
      const first = await storeEvidenceFile(folder, bytes);
      const second = await storeEvidenceFile(folder, bytes);
      expect(second).toEqual(first);
      expect(first.path).toBe(evidenceFilePath(folder, first.sha256));
      expect(path.relative(folder, first.path)).toBe(path.join(first.sha256.slice(0, 2), first.sha256));
      expect(new Uint8Array(await readFile(first.path))).toEqual(bytes);
      // No temporary file is left behind.
      expect(await readdir(path.dirname(first.path))).toEqual([first.sha256]);
      expect(() => evidenceFilePath(folder, '../../etc/passwd')).toThrow(/SHA-256/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('finds its folder from RT_EVIDENCE_DIR, else RT_DATA_DIR, else the repository’s .data', () => {
    const saved = { evidence: process.env.RT_EVIDENCE_DIR, data: process.env.RT_DATA_DIR };
    try {
      delete process.env.RT_EVIDENCE_DIR;
      delete process.env.RT_DATA_DIR;
      expect(evidenceDir()).toBe(path.resolve(import.meta.dirname, '../../.data/evidence'));
      process.env.RT_DATA_DIR = '/srv/rt-data';
      expect(evidenceDir()).toBe('/srv/rt-data/evidence');
      process.env.RT_EVIDENCE_DIR = '/srv/evidence';
      expect(evidenceDir()).toBe('/srv/evidence');
    } finally {
      for (const [name, value] of [
        ['RT_EVIDENCE_DIR', saved.evidence],
        ['RT_DATA_DIR', saved.data],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('gives files safe names with the extension of their content', () => {
    expect(sanitiseFileName('Biên bản kiểm tra.pdf', 'pdf')).toBe('Biên bản kiểm tra.pdf');
    expect(sanitiseFileName('C:\\Users\\an\\ảnh.JPEG', 'jpg')).toBe('ảnh.JPEG');
    expect(sanitiseFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(sanitiseFileName('scan.pdf', 'png')).toBe('scan.pdf.png');
    expect(sanitiseFileName('evil\u202Egnp.exe', 'png')).toBe('evilgnp.exe.png');
    expect(sanitiseFileName('', 'pdf')).toBe('evidence.pdf');
    expect(sanitiseFileName(`${'a'.repeat(300)}.pdf`, 'pdf')).toHaveLength(200);
    expect(attachmentDisposition('Biên bản "số 1".pdf')).toBe(
      `attachment; filename="Bien ban _so 1_.pdf"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20%22s%E1%BB%91%201%22.pdf`,
    );
    // The ASCII name keeps đ as d (it has no decomposition of its own).
    expect(attachmentDisposition('Tiến độ Đồng.png')).toMatch(/^attachment; filename="Tien do Dong.png"; /);
  });
});

describe('upload', () => {
  it('takes a PDF, a JPEG and a PNG from a unit head, typed by content, with the day it is about', async () => {
    const taskId = await issuedTask();
    const answer = await upload(cookies.head, { taskId, aboutDate: '2026-11-30' }, [
      { name: 'Biên bản kiểm tra.pdf', bytes: pdf(), type: 'application/octet-stream' },
      { name: 'ảnh hiện trường.jpg', bytes: JPEG, type: 'image/jpeg' },
      // Named .pdf by mistake: the content says PNG, and so does the stored name.
      { name: 'sơ đồ.pdf', bytes: PNG, type: 'application/pdf' },
    ]);
    expect(answer.status).toBe(201);
    expect(answer.evidence).toEqual([
      {
        id: expect.any(String) as string,
        fileName: 'Biên bản kiểm tra.pdf',
        mimeType: 'application/pdf',
        sizeBytes: pdf().byteLength,
      },
      {
        id: expect.any(String) as string,
        fileName: 'ảnh hiện trường.jpg',
        mimeType: 'image/jpeg',
        sizeBytes: JPEG.byteLength,
      },
      {
        id: expect.any(String) as string,
        fileName: 'sơ đồ.pdf.png',
        mimeType: 'image/png',
        sizeBytes: PNG.byteLength,
      },
    ]);
    const rows = await api.db.prisma.evidence.findMany({ where: { taskId }, orderBy: { fileName: 'asc' } });
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row).toMatchObject({ uploadedById: api.fixtures.users.head.id, progressReportId: null, taskId });
      expect(row.aboutDate?.toISOString().slice(0, 10)).toBe('2026-11-30');
      expect(await readFile(evidenceFilePath(dir, row.sha256))).toHaveLength(row.sizeBytes);
    }
  });

  it('a staff member of the unit may upload too; without an about date it stays empty', async () => {
    const taskId = await issuedTask();
    const answer = await upload(cookies.staff, { taskId }, [{ name: 'báo cáo.pdf', bytes: pdf('staff') }]);
    expect(answer.status).toBe(201);
    const row = await api.db.prisma.evidence.findUniqueOrThrow({ where: { id: answer.evidence![0]!.id } });
    expect(row.aboutDate).toBeNull();
  });

  it('refuses an executable, HTML and plain text named .pdf (415), in the request’s language, keeping nothing', async () => {
    const taskId = await issuedTask();
    const before = await storedFiles();
    for (const bytes of [
      EXE,
      encode('<html><body><script>alert(1)</script></body></html>'),
      encode('Just some text'),
    ]) {
      const answer = await upload(cookies.head, { taskId }, [
        { name: 'good.pdf', bytes: pdf('good') },
        { name: 'renamed.pdf', bytes, type: 'application/pdf' },
      ]);
      expect(answer.status).toBe(415);
      expect(answer.error).toEqual({
        code: 'UNSUPPORTED_TYPE',
        field: 'file',
        message: expect.stringContaining(
          '“renamed.pdf” was not accepted: only PDF, photos (JPEG, PNG, WebP, HEIC, GIF), Word, Excel',
        ) as string,
      });
    }
    // The language chosen in the web app (its cookie) wins over the account's.
    const vietnamese = await upload(`${cookies.head}; rt_locale=vi`, { taskId }, [
      { name: 'x.pdf', bytes: EXE },
    ]);
    expect(vietnamese.error?.message).toMatch(/^Không nhận tệp “x.pdf”: chỉ nhận PDF/);
    expect(await api.db.prisma.evidence.count({ where: { taskId } })).toBe(0);
    expect(await storedFiles()).toEqual(before);
  });

  it('refuses a file over RT_EVIDENCE_MAX_BYTES (413, saying the limit in MB) and takes one of exactly that size', async () => {
    process.env.RT_EVIDENCE_MAX_BYTES = String(1024 * 1024);
    const taskId = await issuedTask();
    const header = pdf('limit');
    const exactly = concat(header, new Uint8Array(1024 * 1024 - header.byteLength).fill(0x20));
    const over = concat(exactly, encode(' '));
    const refused = await upload(cookies.head, { taskId }, [{ name: 'lớn.pdf', bytes: over }]);
    expect(refused.status).toBe(413);
    expect(refused.error).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      field: 'file',
      message: 'The file “lớn.pdf” is larger than 1 MB, the most one file may be; compress or split it.',
    });
    expect(await api.db.prisma.evidence.count({ where: { taskId } })).toBe(0);
    const taken = await upload(cookies.head, { taskId }, [{ name: 'vừa.pdf', bytes: exactly }]);
    expect(taken.status).toBe(201);
    expect(taken.evidence?.[0]?.sizeBytes).toBe(1024 * 1024);
  });

  it('refuses a body over the limit from its Content-Length before reading it, and while streaming one without', async () => {
    process.env.RT_EVIDENCE_MAX_BYTES = String(1024 * 1024);
    const taskId = await issuedTask();
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const announced = await handlers.upload(
      new Request(`${ORIGIN}/evidence`, {
        method: 'POST',
        headers: {
          origin: ORIGIN,
          cookie: cookies.head,
          'accept-language': 'en',
          'content-type': 'multipart/form-data; boundary=x',
          'content-length': String(50 * 1024 * 1024),
        },
        body: endless,
        duplex: 'half',
      } as RequestInit),
    );
    expect(announced.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1);
    expect(((await announced.json()) as UploadAnswer).error?.message).toBe(
      'The files are too large: each may be at most 1 MB, and all files sent at once at most 2 MB; send fewer at a time.',
    );

    const streamed = await handlers.upload(
      new Request(`${ORIGIN}/evidence`, {
        method: 'POST',
        headers: { origin: ORIGIN, cookie: cookies.head, 'content-type': 'multipart/form-data; boundary=x' },
        body: new ReadableStream<Uint8Array>({
          pull(controller) {
            controller.enqueue(new Uint8Array(256 * 1024));
          },
        }),
        duplex: 'half',
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect(await api.db.prisma.evidence.count({ where: { taskId } })).toBe(0);
  });

  it('the default limit is 20 MB per file (21 MB per upload), and a bad RT_EVIDENCE_MAX_BYTES is refused', async () => {
    expect(DEFAULT_EVIDENCE_MAX_BYTES).toBe(20 * 1024 * 1024);
    expect(evidenceMaxBytes({})).toBe(DEFAULT_EVIDENCE_MAX_BYTES);
    expect(evidenceMaxBytes({ RT_EVIDENCE_MAX_BYTES: '5242880' })).toBe(5 * 1024 * 1024);
    expect(() => evidenceMaxBytes({ RT_EVIDENCE_MAX_BYTES: '20MB' })).toThrow(/whole number of bytes/);
    const taskId = await issuedTask();
    const answer = await handlers.upload(
      new Request(`${ORIGIN}/evidence`, {
        method: 'POST',
        headers: {
          origin: ORIGIN,
          cookie: cookies.head,
          'accept-language': 'en',
          'content-type': 'multipart/form-data; boundary=x',
          'content-length': String(DEFAULT_EVIDENCE_MAX_BYTES + MULTIPART_OVERHEAD_BYTES + 1),
        },
        body: new ReadableStream<Uint8Array>({
          pull: (controller) => controller.enqueue(new Uint8Array(1024)),
        }),
        duplex: 'half',
      } as RequestInit),
    );
    expect(answer.status).toBe(413);
    expect(((await answer.json()) as UploadAnswer).error?.message).toContain('each may be at most 20 MB');
    expect(await api.db.prisma.evidence.count({ where: { taskId } })).toBe(0);
  });

  it('the same file twice is stored once and recorded twice', async () => {
    const taskId = await issuedTask();
    const bytes = pdf(`twice ${randomUUID()}`);
    const first = await upload(cookies.head, { taskId }, [{ name: 'lần 1.pdf', bytes }]);
    const second = await upload(cookies.staff, { taskId }, [{ name: 'lần 2.pdf', bytes }]);
    expect([first.status, second.status]).toEqual([201, 201]);
    const rows = await api.db.prisma.evidence.findMany({ where: { taskId } });
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((row) => row.sha256)).size).toBe(1);
    const sha256 = rows[0]!.sha256;
    expect((await storedFiles()).filter((name) => name === sha256)).toHaveLength(1);
  });

  it('another unit’s head, the committee and an outsider get 404; no session 401; another site 403', async () => {
    const taskId = await issuedTask();
    for (const cookie of [cookies.otherHead, cookies.townHead, cookies.steering, cookies.otherSteering]) {
      const answer = await upload(cookie, { taskId }, [{ name: 'a.pdf', bytes: pdf() }]);
      expect(answer).toMatchObject({
        status: 404,
        error: { code: 'NOT_FOUND', field: 'taskId', message: 'There is no such task.' },
      });
    }
    const unknown = await upload(cookies.head, { taskId: 'no-such-task' }, [{ name: 'a.pdf', bytes: pdf() }]);
    expect(unknown.status).toBe(404);
    const anonymous = await upload(null, { taskId }, [{ name: 'a.pdf', bytes: pdf() }]);
    expect(anonymous).toMatchObject({ status: 401, error: { code: 'UNAUTHENTICATED' } });
    const foreign = await upload(cookies.head, { taskId }, [{ name: 'a.pdf', bytes: pdf() }], {
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign).toMatchObject({
      status: 403,
      error: {
        code: 'FORBIDDEN',
        message: 'This request comes from another website and was not carried out.',
      },
    });
    // A form post always names its origin; one without is refused as well.
    const request = uploadRequest(cookies.head, { taskId }, [{ name: 'a.pdf', bytes: pdf() }]);
    request.headers.delete('origin');
    expect((await handlers.upload(request)).status).toBe(403);
    expect(await api.db.prisma.evidence.count({ where: { taskId } })).toBe(0);
  });

  it('refuses a task that takes no reports (409), no file, a day in the future or one that does not exist (400)', async () => {
    for (const status of ['SUBMITTED', 'COMPLETED'] as const) {
      const closed = await taskInStatus(status);
      const answer = await upload(cookies.head, { taskId: closed }, [{ name: 'a.pdf', bytes: pdf() }]);
      expect(answer).toMatchObject({ status: 409, error: { code: 'WRONG_STATUS', field: 'taskId' } });
    }
    const taskId = await taskInStatus('IN_PROGRESS');
    expect(await upload(cookies.head, { taskId }, [])).toMatchObject({
      status: 400,
      error: { code: 'NO_FILE', field: 'file', message: 'Choose at least one file.' },
    });
    // An empty file input still sends a part with no name and no bytes.
    expect(await upload(cookies.head, { taskId }, [{ name: '', bytes: new Uint8Array() }])).toMatchObject({
      status: 400,
      error: { code: 'NO_FILE' },
    });
    expect(
      await upload(cookies.head, { taskId, aboutDate: '2999-01-01' }, [{ name: 'a.pdf', bytes: pdf() }]),
    ).toMatchObject({
      status: 400,
      error: { field: 'aboutDate', message: 'The date the evidence is about cannot be in the future.' },
    });
    expect(
      await upload(cookies.head, { taskId, aboutDate: '2026-02-30' }, [{ name: 'a.pdf', bytes: pdf() }]),
    ).toMatchObject({
      status: 400,
      error: { field: 'aboutDate', message: 'Enter a date that exists, as YYYY-MM-DD.' },
    });
    const tooMany = Array.from({ length: 11 }, (_, index) => ({
      name: `${index}.pdf`,
      bytes: pdf(String(index)),
    }));
    expect(await upload(cookies.head, { taskId }, tooMany)).toMatchObject({
      status: 400,
      error: { code: 'TOO_MANY_FILES', message: 'At most 10 files can be sent at once.' },
    });
    const json = await handlers.upload(
      new Request(`${ORIGIN}/evidence`, {
        method: 'POST',
        headers: { origin: ORIGIN, cookie: cookies.head, 'content-type': 'application/json' },
        body: JSON.stringify({ taskId }),
      }),
    );
    expect(json.status).toBe(415);
    expect(await api.db.prisma.evidence.count({ where: { taskId } })).toBe(0);
  });
});

describe('download and reports', () => {
  it('the uploader downloads the bytes; others see the file once a report carries it; outsiders never', async () => {
    const taskId = await issuedTask();
    const bytes = pdf(`download ${randomUUID()}`);
    const uploaded = await upload(cookies.head, { taskId, aboutDate: '2026-12-01' }, [
      { name: 'Biên bản nghiệm thu.pdf', bytes },
    ]);
    const id = uploaded.evidence![0]!.id;

    const own = await download(cookies.head, id);
    expect(own.status).toBe(200);
    expect(new Uint8Array(await own.arrayBuffer())).toEqual(bytes);
    expect(Object.fromEntries(own.headers)).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(bytes.byteLength),
      'content-disposition': `attachment; filename="Bien ban nghiem thu.pdf"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20nghi%E1%BB%87m%20thu.pdf`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
    // Not attached yet: the uploader's own, even to colleagues and the committee.
    for (const cookie of [cookies.staff, cookies.steering, cookies.otherHead]) {
      const answer = await download(cookie, id);
      expect(answer.status).toBe(404);
      expect(await answer.json()).toEqual({
        error: { code: 'NOT_FOUND', field: 'id', message: 'There is no such evidence file.' },
      });
    }
    const hidden = await api.gql(TASK_EVIDENCE, { id: taskId }, { cookie: cookies.steering });
    expect(hidden.data?.task).toMatchObject({ evidence: [] });

    const report = await api.gql(
      REPORT,
      {
        input: {
          requestId: randomUUID(),
          taskId,
          percent: 60,
          note: 'Đã nghiệm thu 60 %',
          evidenceIds: [id],
        },
      },
      { cookie: cookies.head },
    );
    expect(report.data?.reportProgress).toMatchObject({ __typename: 'Task', progress: 60 });
    const row = await api.db.prisma.evidence.findUniqueOrThrow({
      where: { id },
      include: { progressReport: true },
    });
    expect(row.progressReport).toMatchObject({ taskId, percent: 60, authorId: api.fixtures.users.head.id });

    for (const cookie of [cookies.head, cookies.staff, cookies.steering]) {
      const answer = await download(cookie, id);
      expect(answer.status).toBe(200);
      expect(new Uint8Array(await answer.arrayBuffer())).toEqual(bytes);
    }
    for (const cookie of [cookies.otherHead, cookies.townHead, cookies.otherSteering]) {
      expect((await download(cookie, id)).status).toBe(404);
    }
    const anonymous = await download(null, id);
    expect(anonymous.status).toBe(401);
    expect((await download(cookies.head, 'no-such-evidence')).status).toBe(404);

    const seen = await api.gql(TASK_EVIDENCE, { id: taskId }, { cookie: cookies.steering });
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.task).toEqual({
      evidence: [
        {
          id,
          fileName: 'Biên bản nghiệm thu.pdf',
          mimeType: 'application/pdf',
          sizeBytes: bytes.byteLength,
          aboutDate: '2026-12-01',
          receivedAt: row.createdAt.toISOString(),
          attached: true,
          downloadUrl: `/evidence/${id}`,
        },
      ],
      reports: {
        edges: [
          {
            node: {
              percent: 60,
              evidence: [{ id, fileName: 'Biên bản nghiệm thu.pdf', downloadUrl: `/evidence/${id}` }],
            },
          },
        ],
      },
    });
  });

  it('a report refuses evidence that is not the reporter’s own unattached upload for this task', async () => {
    const taskId = await issuedTask();
    const otherTaskId = await issuedTask();
    const mine = (await upload(cookies.head, { taskId }, [{ name: 'mine.pdf', bytes: pdf('mine') }]))
      .evidence![0]!.id;
    const colleagues = (await upload(cookies.staff, { taskId }, [{ name: 'staff.pdf', bytes: pdf('staff') }]))
      .evidence![0]!.id;
    const otherTasks = (
      await upload(cookies.head, { taskId: otherTaskId }, [{ name: 'other.pdf', bytes: pdf('o') }])
    ).evidence![0]!.id;

    for (const evidenceIds of [[colleagues], [otherTasks], [mine, 'no-such-evidence']]) {
      const refused = await api.gql(
        REPORT,
        { input: { requestId: randomUUID(), taskId, percent: 20, evidenceIds } },
        { cookie: cookies.head },
      );
      expect(refused.data?.reportProgress).toEqual({
        __typename: 'InvalidInputError',
        message:
          'Only files you uploaded for this task and not yet attached to a report can be attached; upload the file again.',
        issues: [{ field: 'evidenceIds', message: expect.any(String) as string }],
      });
    }
    expect(await api.db.prisma.progressReport.count({ where: { taskId } })).toBe(0);

    const tooMany = await api.gql(
      REPORT,
      { input: { taskId, percent: 20, evidenceIds: Array.from({ length: 11 }, () => mine) } },
      { cookie: cookies.head },
    );
    expect(tooMany.data?.reportProgress).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ field: 'evidenceIds', message: 'A report can have at most 10 files attached.' }],
    });

    // Attached once; the same request sent again is the same report, a new one may not take it.
    const input = { requestId: randomUUID(), taskId, percent: 30, evidenceIds: [mine] };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const sent = await api.gql(REPORT, { input }, { cookie: cookies.head });
      expect(sent.data?.reportProgress).toMatchObject({ __typename: 'Task', progress: 30 });
    }
    const again = await api.gql(
      REPORT,
      { input: { ...input, requestId: randomUUID(), percent: 40 } },
      { cookie: cookies.head },
    );
    expect(again.data?.reportProgress).toMatchObject({ __typename: 'InvalidInputError' });
    const reports = await api.db.prisma.progressReport.findMany({
      where: { taskId },
      include: { evidence: true },
    });
    expect(reports.map((report) => report.evidence.map((file) => file.id))).toEqual([[mine]]);
    // In Vietnamese too.
    const vietnamese = await api.gql(
      REPORT,
      { input: { requestId: randomUUID(), taskId, percent: 40, evidenceIds: [colleagues] } },
      { cookie: `${cookies.head}; rt_locale=vi` },
    );
    expect(vietnamese.data?.reportProgress).toMatchObject({
      message:
        'Chỉ đính kèm được các tệp chính bạn đã tải lên cho nhiệm vụ này và chưa gắn vào báo cáo nào; hãy tải tệp lên lại.',
    });
  });
});
