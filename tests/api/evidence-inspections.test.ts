// Evidence for inspections and corrective actions: who may upload (an inspection's own inspectors
// while it is in progress; the responsible unit's head and staff while an action is open), the
// surprise rule (a hidden inspection answers exactly as an ID that does not exist), one target
// per upload, the clientId that makes a re-sent upload exactly-once, and who may download. The
// inspections are made by the real inspection workflow on the Temporal test server (the
// inspection GraphQL commands are not used here), over real PostgreSQL and real files on disk.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvidenceHandlers } from '../../api/src/evidence/http.ts';
import { createActivities } from '../../workflows/src/activities/index.ts';
import { WorkingCalendar, vietnamDate } from '../../workflows/src/calendar.ts';
import {
  cancelCorrectiveUpdate,
  closeInspectionUpdate,
  inspectionRecordedUpdate,
  inspectionWorkflowId,
  recordChecklistResultUpdate,
  recordFindingUpdate,
  startInspectionUpdate,
  submitCorrectionUpdate,
  type InspectionState,
  type PlanInspectionInput,
} from '../../workflows/src/contracts.ts';
import { claimsOf } from '../../workflows/src/activities/authority.ts';
import type { inspectionWorkflow } from '../../workflows/src/workflows/inspection.ts';
import { createApiHarness } from '../helpers/api.ts';
import { createInspectionFixtures } from '../helpers/fixtures.ts';
import { workflowBundle } from '../helpers/temporal.ts';

const ORIGIN = 'http://test';
const taskQueue = `evidence-inspections-${Math.random().toString(36).slice(2, 8)}`;

type Who =
  | 'inspector'
  | 'inspector2'
  | 'outsider'
  | 'steering'
  | 'otherSteering'
  | 'head'
  | 'staff'
  | 'townHead'
  | 'otherHead';

let api: Awaited<ReturnType<typeof createApiHarness>>;
let people: Awaited<ReturnType<typeof createInspectionFixtures>>;
let dir: string;
let handlers: ReturnType<typeof createEvidenceHandlers>;
let cookies: Record<Who, string>;
let worker: Worker;
let running: Promise<void>;

beforeAll(async () => {
  api = await createApiHarness();
  people = await createInspectionFixtures(api.db.prisma, api.fixtures);
  // A worker of our own, so this file drives the inspection workflow directly.
  worker = await Worker.create({
    connection: api.env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities({ prisma: api.db.prisma, temporal: { client: api.env.client, taskQueue } }),
  });
  running = worker.run();
  dir = await mkdtemp(path.join(tmpdir(), 'rt-evidence-insp-'));
  handlers = createEvidenceHandlers({ prisma: api.db.prisma, dir, origin: ORIGIN, production: false });
  const { users } = api.fixtures;
  const emails: Record<Who, string> = {
    inspector: people.inspector.email,
    inspector2: people.inspector2.email,
    outsider: people.outsider.email,
    steering: users.steering.email,
    otherSteering: users.otherSteering.email,
    head: users.head.email,
    staff: people.staff.email,
    townHead: users.townHead.email,
    otherHead: users.otherHead.email,
  };
  cookies = Object.fromEntries(
    await Promise.all(Object.entries(emails).map(async ([who, email]) => [who, await api.login(email)])),
  ) as Record<Who, string>;
});

afterAll(async () => {
  if (worker) {
    worker.shutdown();
    await running;
  }
  await api?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The first bytes of a PNG (what file-type reads) and of a one-line PDF. */
const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
  0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xde,
]);
/** Another PNG (different bytes, so a different stored file). */
const png = (seed: number): Uint8Array => {
  const bytes = new Uint8Array(PNG.byteLength + 4);
  bytes.set(PNG);
  bytes.set([seed & 0xff, (seed >> 8) & 0xff, 1, 2], PNG.byteLength);
  return bytes;
};
const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

interface UploadAnswer {
  status: number;
  evidence?: { id: string; fileName: string; mimeType: string; sizeBytes: number }[];
  error?: { code: string; message: string; field: string | null };
}

async function upload(
  who: Who,
  fields: Record<string, string>,
  files: { name: string; bytes: Uint8Array }[] = [{ name: 'ảnh hiện trường.png', bytes: png(1) }],
  locale = 'en',
): Promise<UploadAnswer> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) form.append('file', new File([file.bytes as Uint8Array<ArrayBuffer>], file.name));
  const response = await handlers.upload(
    new Request(`${ORIGIN}/evidence`, {
      method: 'POST',
      // The signed-in user's language (en) wins over accept-language; rt_locale over both.
      headers: { origin: ORIGIN, 'accept-language': locale, cookie: `${cookies[who]}; rt_locale=${locale}` },
      body: form,
    }),
  );
  expect(response.headers.get('content-type')).toContain('application/json');
  return { status: response.status, ...((await response.json()) as object) };
}

async function download(who: Who, id: string): Promise<{ status: number; body: string }> {
  const response = await handlers.download(
    new Request(`${ORIGIN}/evidence/${id}`, { headers: { 'accept-language': 'en', cookie: cookies[who] } }),
    id,
  );
  return { status: response.status, body: await response.text() };
}

/** Who gets the file (200) and who gets 404, in one expectation. */
async function downloaders(id: string, everyone: Who[]): Promise<Record<string, number>> {
  const answers: Record<string, number> = {};
  for (const who of everyone) answers[who] = (await download(who, id)).status;
  return answers;
}
const EVERYONE: Who[] = [
  'inspector',
  'inspector2',
  'outsider',
  'steering',
  'otherSteering',
  'head',
  'staff',
  'townHead',
  'otherHead',
];

const INSPECTION_EVIDENCE = `query($id: ID!) {
  inspection(id: $id) {
    evidence { id attached }
    checklist { evidence { id attached downloadUrl } }
  }
}`;
const CORRECTIVE_EVIDENCE = `query($id: ID!) {
  correctiveAction(id: $id) {
    evidence { id attached }
    rounds { evidence { id attached } }
  }
}`;

const firstId = (answer: UploadAnswer): string => {
  expect(answer.status, JSON.stringify(answer)).toBe(201);
  return answer.evidence![0]!.id;
};

async function today(): Promise<string> {
  return vietnamDate(await api.env.currentTimeMs());
}
async function calendar(): Promise<WorkingCalendar> {
  const rows = await api.db.prisma.holiday.findMany();
  return new WorkingCalendar(rows.map((row) => row.date.toISOString().slice(0, 10)));
}

type Handle = WorkflowHandle<typeof inspectionWorkflow>;

/** An inspection of Xã Phương Định by the two district inspectors, planned by the committee. */
async function plan(
  overrides: Partial<PlanInspectionInput>,
): Promise<{ id: string; handle: Handle; state: InspectionState }> {
  const input: PlanInspectionInput = {
    inspectionId: randomUUID(),
    kind: 'ANNOUNCED',
    targetUnitId: api.fixtures.units.commune.id,
    title: 'Kiểm tra công tác một cửa',
    inspectors: [{ userId: people.inspector.id, lead: true }, { userId: people.inspector2.id }],
    checklist: ['Niêm yết công khai thủ tục hành chính', 'Sổ theo dõi hồ sơ'],
    actorId: api.fixtures.users.steering.id,
    ...overrides,
  };
  const handle = await api.env.client.workflow.start<typeof inspectionWorkflow>('inspectionWorkflow', {
    taskQueue,
    workflowId: inspectionWorkflowId(input.inspectionId),
    args: [input],
  });
  const state = await handle.executeUpdate(inspectionRecordedUpdate);
  return { id: input.inspectionId, handle, state };
}

async function announcedInProgress() {
  const day = (await calendar()).addWorkingDays(await today(), 3);
  const planned = await plan({ scheduledOn: day });
  await planned.handle.executeUpdate(startInspectionUpdate, { args: [{ actorId: people.inspector.id }] });
  return planned;
}

async function surprisePlanned() {
  const cal = await calendar();
  const now = await today();
  return plan({
    kind: 'SURPRISE',
    title: 'Kiểm tra đột xuất bộ phận một cửa',
    windowStart: cal.addWorkingDays(now, 5),
    windowEnd: cal.addWorkingDays(now, 15),
  });
}

describe('uploading for an inspection', () => {
  it('its inspectors upload photos and documents while it is in progress; anyone else is told it does not exist', async () => {
    const { id, state } = await announcedInProgress();
    const answer = await upload('inspector', { inspectionId: id }, [
      { name: 'ảnh hiện trường.png', bytes: png(10) },
      { name: 'biên bản.pdf', bytes: PDF },
    ]);
    expect(answer).toMatchObject({
      status: 201,
      evidence: [
        { fileName: 'ảnh hiện trường.png', mimeType: 'image/png' },
        { fileName: 'biên bản.pdf', mimeType: 'application/pdf' },
      ],
    });
    const rows = await api.db.prisma.evidence.findMany({ where: { inspectionId: id } });
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatchObject({
        uploadedById: people.inspector.id,
        taskId: null,
        correctiveActionId: null,
        checklistItemId: null,
        clientId: null,
      });
    }
    expect((await upload('inspector2', { inspectionId: id })).status).toBe(201);

    // Not on it: an inspector of the other district, the committee above (which sees it), the
    // target unit's head (who sees it too, announced). Each answer is the one for no such ID.
    const missing = await upload('inspector', { inspectionId: randomUUID() });
    expect(missing).toEqual({
      status: 404,
      error: { code: 'NOT_FOUND', field: 'inspectionId', message: 'There is no such inspection.' },
    });
    for (const who of ['outsider', 'steering', 'head', 'staff', 'otherHead'] as const) {
      expect(await upload(who, { inspectionId: id }), who).toEqual(missing);
    }
    expect((await upload('head', { inspectionId: id }, undefined, 'vi')).error?.message).toBe(
      'Không tìm thấy cuộc kiểm tra này.',
    );
    expect(await api.db.prisma.evidence.count({ where: { inspectionId: id } })).toBe(3);

    // Photos taken during the inspection: only its inspectors' own files are attached.
    const photo = rows.find((row) => row.mimeType === 'image/png')!;
    expect(state.checklist).toHaveLength(2);
    expect(await download('inspector2', photo.id)).toMatchObject({ status: 404 });
    expect(await downloaders(photo.id, EVERYONE)).toEqual({
      inspector: 200,
      inspector2: 404,
      outsider: 404,
      steering: 404,
      otherSteering: 404,
      head: 404,
      staff: 404,
      townHead: 404,
      otherHead: 404,
    });
  });

  it('a file attached to a checklist item is downloaded by everyone who sees the inspection and is attached in GraphQL', async () => {
    const { id, handle, state } = await announcedInProgress();
    const photoId = firstId(
      await upload('inspector', { inspectionId: id }, [{ name: 'bảng niêm yết.png', bytes: png(20) }]),
    );
    await handle.executeUpdate(recordChecklistResultUpdate, {
      args: [
        {
          actorId: people.inspector.id,
          checklistItemId: state.checklist[0]!.id,
          result: 'FAIL',
          note: 'Bảng niêm yết cũ',
          evidenceIds: [photoId],
        },
      ],
    });
    const row = await api.db.prisma.evidence.findUniqueOrThrow({ where: { id: photoId } });
    expect(row.checklistItemId).toBe(state.checklist[0]!.id);
    const answer = await download('head', photoId);
    expect(answer.status).toBe(200);
    expect(answer.body.length).toBeGreaterThan(0);
    expect(await downloaders(photoId, EVERYONE)).toEqual({
      inspector: 200,
      inspector2: 200,
      outsider: 404,
      steering: 200,
      otherSteering: 404,
      head: 200,
      staff: 200,
      townHead: 404,
      otherHead: 404,
    });

    // Through GraphQL: the item carries the photo (attached), and a photo not sent with a result
    // yet is the uploader's own, unattached, on Inspection.evidence.
    const loose = firstId(
      await upload('inspector', { inspectionId: id }, [{ name: 'chưa gửi.png', bytes: png(21) }]),
    );
    const seen = await api.gql<{
      inspection: {
        evidence: { id: string; attached: boolean }[];
        checklist: { evidence: { id: string; attached: boolean; downloadUrl: string }[] }[];
      };
    }>(INSPECTION_EVIDENCE, { id }, { cookie: cookies.inspector });
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.inspection.checklist[0]!.evidence).toEqual([
      { id: photoId, attached: true, downloadUrl: `/evidence/${photoId}` },
    ]);
    expect(seen.data?.inspection.evidence).toEqual([{ id: loose, attached: false }]);
    const theirs = await api.gql<{ inspection: { evidence: unknown[] } }>(
      INSPECTION_EVIDENCE,
      { id },
      { cookie: cookies.inspector2 },
    );
    expect(theirs.data?.inspection.evidence).toEqual([]);
  });

  it('a surprise inspection not yet started answers its target unit exactly as a random ID; its inspectors hear it has not started', async () => {
    const { id } = await surprisePlanned();
    const random = await upload('head', { inspectionId: randomUUID() });
    expect(random.status).toBe(404);
    expect(await upload('head', { inspectionId: id })).toEqual(random);
    expect(await upload('staff', { inspectionId: id })).toEqual(random);
    // The committee above sees it but is not on it.
    expect(await upload('steering', { inspectionId: id })).toEqual(random);
    expect(await upload('inspector', { inspectionId: id })).toEqual({
      status: 409,
      error: {
        code: 'WRONG_STATUS',
        field: 'inspectionId',
        message:
          'The inspection has not started or is closed: files can be uploaded only while it is in progress.',
      },
    });
    expect(await api.db.prisma.evidence.count({ where: { inspectionId: id } })).toBe(0);
  });

  it('a hidden inspection’s file is 404 to the target unit like an unknown ID, and served to the committee above', async () => {
    const { id, state } = await surprisePlanned();
    // Uploads are refused before the start, so this row is written as the workflow's activity
    // would have: a photo of its first checklist item.
    const row = await api.db.prisma.evidence.create({
      data: {
        sha256: 'a'.repeat(64),
        fileName: 'bí mật.png',
        mimeType: 'image/png',
        sizeBytes: PNG.byteLength,
        inspectionId: id,
        checklistItemId: state.checklist[0]!.id,
        uploadedById: people.inspector.id,
      },
    });
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(path.join(dir, 'aa'), { recursive: true });
    await writeFile(path.join(dir, 'aa', 'a'.repeat(64)), PNG);
    const unknown = await download('head', randomUUID());
    expect(unknown.status).toBe(404);
    expect(await download('head', row.id)).toEqual(unknown);
    expect(await download('staff', row.id)).toEqual(unknown);
    expect(await downloaders(row.id, EVERYONE)).toEqual({
      inspector: 200,
      inspector2: 200,
      outsider: 404,
      steering: 200,
      otherSteering: 404,
      head: 404,
      staff: 404,
      townHead: 404,
      otherHead: 404,
    });
  });
});

describe('one target and the clientId', () => {
  it('none or two of taskId / inspectionId / correctiveActionId is a 400 naming the field', async () => {
    const { id } = await announcedInProgress();
    expect(await upload('inspector', {})).toEqual({
      status: 400,
      error: {
        code: 'BAD_USER_INPUT',
        field: 'taskId',
        message:
          'Say what the files are for, exactly one of: a task (taskId), an inspection (inspectionId) or a corrective action (correctiveActionId).',
      },
    });
    expect(await upload('inspector', { taskId: randomUUID(), inspectionId: id })).toMatchObject({
      status: 400,
      error: { code: 'BAD_USER_INPUT', field: 'inspectionId' },
    });
    const both = await upload(
      'inspector',
      { inspectionId: id, correctiveActionId: randomUUID() },
      undefined,
      'vi',
    );
    expect(both).toMatchObject({ status: 400, error: { field: 'correctiveActionId' } });
    expect(both.error?.message).toContain('đúng một việc');
    expect(await api.db.prisma.evidence.count({ where: { inspectionId: id } })).toBe(0);
  });

  it('the same clientId sent again gets the first row back and stores nothing new, even sent twice at once', async () => {
    const { id } = await announcedInProgress();
    const clientId = randomUUID();
    const first = await upload('inspector', { inspectionId: id, clientId }, [
      { name: 'lần 1.png', bytes: png(30) },
    ]);
    const again = await upload('inspector', { inspectionId: id, clientId: clientId.toUpperCase() }, [
      { name: 'lần 1.png', bytes: png(30) },
    ]);
    expect(again).toEqual(first);
    expect(await api.db.prisma.evidence.count({ where: { inspectionId: id } })).toBe(1);
    const row = await api.db.prisma.evidence.findFirstOrThrow({ where: { inspectionId: id } });
    expect(row).toMatchObject({ id: firstId(first), clientId, uploadedById: people.inspector.id });

    // Two copies racing: one row, both answers name it.
    const racing = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        upload('inspector', { inspectionId: id, clientId: racing }, [{ name: 'đua.png', bytes: png(31) }]),
      ),
    );
    const ids = new Set(answers.map(firstId));
    expect(ids.size).toBe(1);
    expect(await api.db.prisma.evidence.count({ where: { clientId: racing } })).toBe(1);

    // Another person's clientId is theirs: the same UUID from inspector2 is a new row.
    const theirs = await upload('inspector2', { inspectionId: id, clientId }, [
      { name: 'lần 1.png', bytes: png(30) },
    ]);
    expect(firstId(theirs)).not.toBe(firstId(first));

    // The same clientId for another target is refused; a clientId that is not a UUID too; and a
    // clientId names one file.
    const other = await announcedInProgress();
    expect(await upload('inspector', { inspectionId: other.id, clientId })).toMatchObject({
      status: 400,
      error: { code: 'BAD_USER_INPUT', field: 'clientId' },
    });
    expect(await upload('inspector', { inspectionId: id, clientId: 'photo-1' })).toEqual({
      status: 400,
      error: {
        code: 'BAD_USER_INPUT',
        field: 'clientId',
        message: 'The upload ID (clientId) must be a UUID.',
      },
    });
    // A blank clientId (a form's empty input) is no clientId: a plain upload.
    expect(
      (await upload('inspector', { inspectionId: id, clientId: ' ' }, [{ name: 'c.png', bytes: png(34) }]))
        .status,
    ).toBe(201);
    expect(
      await upload('inspector', { inspectionId: id, clientId: randomUUID() }, [
        { name: 'a.png', bytes: png(32) },
        { name: 'b.png', bytes: png(33) },
      ]),
    ).toMatchObject({ status: 400, error: { field: 'clientId' } });
    expect(await api.db.prisma.evidence.count({ where: { inspectionId: other.id } })).toBe(0);
    expect(await api.db.prisma.evidence.count({ where: { inspectionId: id } })).toBe(4);
  });
});

describe('uploading for a corrective action', () => {
  it('the responsible unit’s head and staff upload while it is open; other units are told it does not exist; a round’s files are seen by its viewers', async () => {
    const { id, handle } = await announcedInProgress();
    const photoClientId = randomUUID();
    const findingPhoto = firstId(
      await upload('inspector', { inspectionId: id, clientId: photoClientId }, [
        { name: 'sổ.png', bytes: png(40) },
      ]),
    );
    await handle.executeUpdate(recordFindingUpdate, {
      args: [
        {
          actorId: people.inspector.id,
          severity: 'MAJOR',
          description: 'Thiếu sổ theo dõi hồ sơ',
          requiresCorrection: true,
          evidenceIds: [findingPhoto],
        },
      ],
    });
    const closed = await handle.executeUpdate(closeInspectionUpdate, {
      args: [{ actorId: people.inspector.id, note: 'Kết thúc làm việc' }],
    });
    expect(closed.corrective).toHaveLength(1);
    const actionId = closed.corrective[0]!.correctiveActionId;
    const action = await api.db.prisma.correctiveAction.findUniqueOrThrow({ where: { id: actionId } });
    expect(action).toMatchObject({ status: 'OPEN', responsibleUnitId: api.fixtures.units.commune.id });

    // The finding's photo: everyone who sees the inspection (now closed) downloads it.
    expect((await download('head', findingPhoto)).status).toBe(200);
    expect((await download('otherHead', findingPhoto)).status).toBe(404);

    // The inspection no longer takes files, but a photo the device sends again (its first answer
    // lost) still gets its row back: the offline queue does not stall on a closed inspection.
    expect(await upload('inspector', { inspectionId: id })).toMatchObject({
      status: 409,
      error: { code: 'WRONG_STATUS', field: 'inspectionId' },
    });
    const resent = await upload('inspector', { inspectionId: id, clientId: photoClientId }, [
      { name: 'sổ.png', bytes: png(40) },
    ]);
    expect(firstId(resent)).toBe(findingPhoto);
    expect(await api.db.prisma.evidence.count({ where: { inspectionId: id } })).toBe(1);

    const staffFile = firstId(
      await upload('staff', { correctiveActionId: actionId }, [{ name: 'sổ theo dõi.pdf', bytes: PDF }]),
    );
    expect(await api.db.prisma.evidence.findUniqueOrThrow({ where: { id: staffFile } })).toMatchObject({
      correctiveActionId: actionId,
      uploadedById: people.staff.id,
      inspectionId: null,
      taskId: null,
    });
    const headFile = firstId(await upload('head', { correctiveActionId: actionId }));
    const missing = await upload('otherHead', { correctiveActionId: randomUUID() });
    expect(missing).toEqual({
      status: 404,
      error: {
        code: 'NOT_FOUND',
        field: 'correctiveActionId',
        message: 'There is no such corrective action.',
      },
    });
    // Another unit, and the inspectors and committee (who see the action but do not answer it).
    for (const who of ['otherHead', 'townHead', 'inspector', 'steering'] as const) {
      expect(await upload(who, { correctiveActionId: actionId }), who).toEqual(missing);
    }

    // Before a round carries it, only its uploader downloads it.
    expect(await downloaders(staffFile, EVERYONE)).toEqual({
      inspector: 404,
      inspector2: 404,
      outsider: 404,
      steering: 404,
      otherSteering: 404,
      head: 404,
      staff: 200,
      townHead: 404,
      otherHead: 404,
    });

    const correctiveHandle = api.env.client.workflow.getHandle(closed.corrective[0]!.workflowId);
    await correctiveHandle.executeUpdate(submitCorrectionUpdate, {
      args: [
        {
          actorId: people.staff.id,
          actorUnitIds: [api.fixtures.units.commune.id],
          remedy: 'Đã lập sổ theo dõi hồ sơ',
          evidenceIds: [staffFile],
        },
      ],
    });
    expect(
      (await api.db.prisma.evidence.findUniqueOrThrow({ where: { id: staffFile } })).correctiveRoundId,
    ).not.toBeNull();
    expect(await downloaders(staffFile, EVERYONE)).toEqual({
      inspector: 200,
      inspector2: 200,
      outsider: 404,
      steering: 200,
      otherSteering: 404,
      head: 200,
      staff: 200,
      townHead: 404,
      otherHead: 404,
    });

    // Through GraphQL: the round carries the staff member's file (attached); the head's upload
    // not sent with an answer is theirs alone, unattached.
    type CorrectiveEvidence = {
      correctiveAction: { evidence: { id: string; attached: boolean }[]; rounds: { evidence: unknown[] }[] };
    };
    const asStaff = await api.gql<CorrectiveEvidence>(
      CORRECTIVE_EVIDENCE,
      { id: actionId },
      { cookie: cookies.staff },
    );
    expect(asStaff.errors).toBeUndefined();
    expect(asStaff.data?.correctiveAction).toEqual({
      evidence: [],
      rounds: [{ evidence: [{ id: staffFile, attached: true }] }],
    });
    const asHead = await api.gql<CorrectiveEvidence>(
      CORRECTIVE_EVIDENCE,
      { id: actionId },
      { cookie: cookies.head },
    );
    expect(asHead.data?.correctiveAction.evidence).toEqual([{ id: headFile, attached: false }]);

    // Submitted: no more files until it is open again.
    expect(await upload('staff', { correctiveActionId: actionId })).toMatchObject({
      status: 409,
      error: { code: 'WRONG_STATUS', field: 'correctiveActionId' },
    });

    await correctiveHandle.executeUpdate(cancelCorrectiveUpdate, {
      args: [
        {
          actorId: api.fixtures.users.steering.id,
          actorRoles: await claimsOf(api.db.prisma, api.fixtures.users.steering.id),
          reason: 'Kết thúc thử nghiệm',
        },
      ],
    });
  });
});
