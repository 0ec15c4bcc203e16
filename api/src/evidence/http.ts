// Evidence files over HTTP: the upload (POST /evidence, multipart/form-data) and the download
// (GET /evidence/<id>). Mounted by the web app's routes next to /graphql; the signed-in viewer
// comes from the same session cookie and the same check (auth.ts viewerFromSession) as the
// GraphQL context, and the language from the same rule (messages.ts localeFrom).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { isCalendarDate } from '../../../workflows/src/calendar.ts';
import { Prisma, type PrismaClient, type Role } from '../../../prisma/client.ts';
import { reachesUnit, viewerFromSession, type Viewer } from '../auth.ts';
import { correctiveActionsVisibleTo, inspectionsVisibleTo } from '../inspection-visibility.ts';
import { localeFrom, translate, type Locale, type MessageKey } from '../messages.ts';
import { dateOnly, todayInVietnam } from '../services/calendar-dates.ts';
import { reachesTaskFor, taskActionsFor } from '../services/task-actions.ts';
import { sessionCookieName } from '../session-cookie.ts';
import { tasksVisibleTo } from '../visibility.ts';
import {
  ACCEPTED_EVIDENCE_TYPES,
  evidenceDir,
  evidenceFilePath,
  sniffEvidenceType,
  storeEvidenceFile,
  type StoredEvidenceFile,
} from './storage.ts';
import { readBodyWithin } from '../read-body.ts';

const MB = 1024 * 1024;
/** The largest evidence file accepted unless RT_EVIDENCE_MAX_BYTES says otherwise: 20 MB. */
export const DEFAULT_EVIDENCE_MAX_BYTES = 20 * MB;
/** Files in one upload, and evidence IDs on one report. */
export const MAX_EVIDENCE_FILES = 10;
/**
 * Room for the multipart framing and the other fields on top of the files. One upload may carry
 * at most the largest file plus this: one file of the full size, or several smaller ones.
 */
export const MULTIPART_OVERHEAD_BYTES = 1 * MB;

/** The largest evidence file accepted, from RT_EVIDENCE_MAX_BYTES (bytes) or the default. */
export function evidenceMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const configured = env.RT_EVIDENCE_MAX_BYTES;
  if (configured === undefined || configured === '') return DEFAULT_EVIDENCE_MAX_BYTES;
  if (!/^\d+$/.test(configured) || Number(configured) < 1) {
    throw new Error(
      `RT_EVIDENCE_MAX_BYTES must be a whole number of bytes, e.g. 20971520; got "${configured}".`,
    );
  }
  return Number(configured);
}

/** A size in MB for messages: 20, 0.5, 1.25. */
const megabytes = (bytes: number): string => String(Math.round((bytes / MB) * 100) / 100);

export interface EvidenceDependencies {
  prisma: PrismaClient;
  clock?: () => Date;
  /** Production: the session cookie has the `__Host-` prefix. */
  production?: boolean;
  /**
   * The app's public origin (ORIGIN). A form post whose Origin header is not this one is refused;
   * unset, the origin of the request's own URL counts (SvelteKit's rule).
   */
  origin?: string;
  /** Where files are kept; evidenceDir() when unset. */
  dir?: string;
  /** The largest file accepted; evidenceMaxBytes() (read at each request) when unset. */
  maxBytes?: number;
}

export interface UploadedEvidence {
  id: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
}

interface RequestErrorBody {
  error: { code: string; message: string; field: string | null };
}

class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly key: MessageKey,
    readonly field: string | null = null,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

function fill(locale: Locale, key: MessageKey, params: Record<string, string | number>): string {
  return Object.entries(params).reduce(
    (text, [name, value]) => text.replaceAll(`{${name}}`, String(value)),
    translate(locale, key),
  );
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

function readCookie(header: string | null, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

const isFormContentType = (contentType: string): boolean =>
  /^(multipart\/form-data|application\/x-www-form-urlencoded|text\/plain)\b/i.test(contentType.trim());

/**
 * A name safe to store and to send back in Content-Disposition: no folders, no control or
 * formatting characters, at most 200 characters, and an extension that matches the content (a
 * PNG named "report.pdf" is kept as "report.pdf.png", so the receiving computer opens it as what
 * it is).
 */
export function sanitiseFileName(name: string, ext: string): string {
  const base = (name.split(/[/\\]/).pop() ?? '')
    .normalize('NFC')
    // Control characters, bidirectional overrides and other invisible formatting characters.
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/["<>|:*?]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const extensions = EXTENSIONS_OF[ext] ?? [ext];
  const dot = base.lastIndexOf('.');
  const ownExt = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  const stem = base || 'evidence';
  const named = extensions.includes(ownExt) ? stem : `${stem}.${ext}`;
  if (named.length <= 200) return named;
  const suffix = `.${extensions.includes(ownExt) ? ownExt : ext}`;
  return `${[...named].slice(0, 200 - suffix.length).join('')}${suffix}`;
}

/** Extensions a file of each sniffed type may carry (file-type's `ext` first). */
const EXTENSIONS_OF: Record<string, string[]> = {
  jpg: ['jpg', 'jpeg', 'jfif'],
  heic: ['heic', 'heif'],
  heif: ['heif', 'heic'],
  doc: ['doc', 'xls', 'ppt'],
};

/** Content-Disposition for a download: an ASCII fallback name and the UTF-8 name (RFC 6266). */
export function attachmentDisposition(fileName: string): string {
  const fallback =
    fileName
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '_') || 'evidence';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Who answers a corrective action: the responsible unit's head and staff. */
const CORRECTION_ROLES: readonly Role[] = ['UNIT_HEAD', 'UNIT_STAFF'];

/** What an upload answers with, per file. */
const UPLOADED_FIELDS = { id: true, fileName: true, mimeType: true, sizeBytes: true } as const;

/** The field an upload names what its files are for by. */
const TARGET_FIELDS = ['taskId', 'inspectionId', 'correctiveActionId'] as const;
type EvidenceTarget = { field: (typeof TARGET_FIELDS)[number]; id: string };

/** Exactly one of taskId, inspectionId, correctiveActionId; none or several is a 400 naming one. */
function readTarget(form: FormData): EvidenceTarget {
  const given = TARGET_FIELDS.flatMap((field) => {
    const value = form.get(field);
    if (value === null || value === '') return [];
    // A file sent under the name is an ID that exists nowhere.
    return [{ field, id: typeof value === 'string' ? value.trim() : '' }];
  });
  if (given.length !== 1) {
    // Several: the second one named is the one to take away; none: the usual one, taskId.
    throw new RequestError(400, 'BAD_USER_INPUT', 'evidence.oneTarget', given[1]?.field ?? 'taskId');
  }
  return given[0]!;
}

/** An earlier upload with the same clientId is the answer only when it was for the same target. */
function sameTarget<Row extends Record<EvidenceTarget['field'], string | null>>(
  row: Row,
  target: EvidenceTarget,
): Omit<Row, EvidenceTarget['field']> {
  if (row[target.field] !== target.id) {
    throw new RequestError(400, 'BAD_USER_INPUT', 'evidence.clientIdInUse', 'clientId');
  }
  const { taskId: _task, inspectionId: _inspection, correctiveActionId: _action, ...uploaded } = row;
  return uploaded;
}

/** The upload and download handlers over one database and storage folder. */
export function createEvidenceHandlers(deps: EvidenceDependencies) {
  const now = deps.clock ?? (() => new Date());
  const sessionCookie = sessionCookieName(deps.production ?? process.env.NODE_ENV === 'production');
  const dir = () => deps.dir ?? evidenceDir();
  const maxBytes = () => deps.maxBytes ?? evidenceMaxBytes();

  async function who(request: Request): Promise<{ viewer: Viewer | null; locale: Locale }> {
    const cookieHeader = request.headers.get('cookie');
    const viewer = await viewerFromSession(deps.prisma, readCookie(cookieHeader, sessionCookie), now());
    const locale = localeFrom(
      request.headers.get('accept-language'),
      readCookie(cookieHeader, 'rt_locale') ?? viewer?.locale,
    );
    return { viewer, locale };
  }

  function failure(error: RequestError, locale: Locale): Response {
    const body: RequestErrorBody = {
      error: { code: error.code, message: fill(locale, error.key, error.params), field: error.field },
    };
    return json(error.status, body);
  }

  async function receive(request: Request, viewer: Viewer): Promise<UploadedEvidence[]> {
    const largest = maxBytes();
    const total = largest + MULTIPART_OVERHEAD_BYTES;
    const contentType = request.headers.get('content-type') ?? '';
    if (!/^multipart\/form-data\b/i.test(contentType.trim())) {
      throw new RequestError(415, 'NOT_MULTIPART', 'evidence.notMultipart', 'file');
    }
    const body = await readBodyWithin(
      request,
      total,
      () =>
        new RequestError(413, 'PAYLOAD_TOO_LARGE', 'evidence.requestTooLarge', 'file', {
          max: megabytes(largest),
          total: megabytes(total),
        }),
    );
    let form: FormData;
    try {
      form = await new Response(body, {
        headers: { 'content-type': contentType },
      }).formData();
    } catch {
      throw new RequestError(400, 'BAD_REQUEST', 'evidence.notMultipart', 'file');
    }

    const target = readTarget(form);
    // An empty field is no clientId (a form's blank input); anything else must be a UUID.
    const clientIdField = form.get('clientId');
    const clientId = typeof clientIdField === 'string' ? clientIdField.trim().toLowerCase() || null : null;
    if ((clientIdField !== null && typeof clientIdField !== 'string') || (clientId && !UUID.test(clientId))) {
      throw new RequestError(400, 'BAD_USER_INPUT', 'evidence.clientId', 'clientId');
    }
    const aboutDateField = form.get('aboutDate');
    const aboutDate =
      typeof aboutDateField === 'string' && aboutDateField.trim() ? aboutDateField.trim() : null;
    if (aboutDate !== null) {
      if (!isCalendarDate(aboutDate))
        throw new RequestError(400, 'BAD_USER_INPUT', 'input.date', 'aboutDate');
      if (aboutDate > todayInVietnam(now())) {
        throw new RequestError(400, 'BAD_USER_INPUT', 'evidence.aboutDateFuture', 'aboutDate');
      }
    }

    // The same upload sent again (an offline queue retrying after a lost answer): the first row,
    // whatever has happened to its task, inspection or action since. Only the uploader's own rows
    // are looked at, so the answer tells nothing about anyone else's.
    if (clientId !== null) {
      const earlier = await findByClientId(viewer, clientId);
      if (earlier) return [sameTarget(earlier, target)];
    }

    await checkTarget(viewer, target);

    const files = form
      .getAll('file')
      .filter((value): value is File => typeof value !== 'string' && (value.size > 0 || value.name !== ''));
    if (files.length === 0) throw new RequestError(400, 'NO_FILE', 'evidence.noFile', 'file');
    if (files.length > MAX_EVIDENCE_FILES) {
      throw new RequestError(400, 'TOO_MANY_FILES', 'evidence.tooManyFiles', 'file', {
        max: MAX_EVIDENCE_FILES,
      });
    }
    // Every file is checked before any is kept: one refused file refuses the upload.
    const checked: { bytes: Uint8Array; fileName: string; mimeType: string }[] = [];
    for (const file of files) {
      const displayName = file.name || 'file';
      if (file.size > largest) {
        throw new RequestError(413, 'PAYLOAD_TOO_LARGE', 'evidence.fileTooLarge', 'file', {
          name: displayName,
          max: megabytes(largest),
        });
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      const type = bytes.byteLength > 0 ? await sniffEvidenceType(bytes) : null;
      if (!type) {
        throw new RequestError(415, 'UNSUPPORTED_TYPE', 'evidence.refusedType', 'file', {
          name: displayName,
        });
      }
      checked.push({ bytes, fileName: sanitiseFileName(file.name, type.ext), mimeType: type.mime });
    }
    if (clientId !== null && checked.length > 1) {
      throw new RequestError(400, 'BAD_USER_INPUT', 'evidence.clientIdOneFile', 'clientId');
    }
    const folder = dir();
    const stored: ((typeof checked)[number] & StoredEvidenceFile)[] = [];
    for (const file of checked) stored.push({ ...file, ...(await storeEvidenceFile(folder, file.bytes)) });
    const data = (file: (typeof stored)[number]) => ({
      sha256: file.sha256,
      fileName: file.fileName,
      mimeType: file.mimeType,
      sizeBytes: file.sizeBytes,
      aboutDate: aboutDate === null ? null : dateOnly(aboutDate),
      taskId: target.field === 'taskId' ? target.id : null,
      inspectionId: target.field === 'inspectionId' ? target.id : null,
      correctiveActionId: target.field === 'correctiveActionId' ? target.id : null,
      uploadedById: viewer.id,
      clientId,
    });
    if (clientId !== null) {
      try {
        return [await deps.prisma.evidence.create({ data: data(stored[0]!), select: UPLOADED_FIELDS })];
      } catch (error) {
        // Two copies of the same upload at once: the one that lost answers with the winner's row.
        if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
        const winner = await findByClientId(viewer, clientId);
        if (!winner) throw error;
        return [sameTarget(winner, target)];
      }
    }
    return deps.prisma.$transaction(
      stored.map((file) => deps.prisma.evidence.create({ data: data(file), select: UPLOADED_FIELDS })),
    );
  }

  function findByClientId(viewer: Viewer, clientId: string) {
    return deps.prisma.evidence.findUnique({
      where: { uploadedById_clientId: { uploadedById: viewer.id, clientId } },
      select: { ...UPLOADED_FIELDS, taskId: true, inspectionId: true, correctiveActionId: true },
    });
  }

  /**
   * Whether the viewer may upload for the target now. One out of reach is answered exactly as
   * one that does not exist (404, docs/authorization.md); one within reach but not taking files
   * now is 409.
   */
  async function checkTarget(viewer: Viewer, target: EvidenceTarget): Promise<void> {
    if (target.field === 'taskId') {
      // The reportProgress rule: a head or staff member of the assignee unit, while the task
      // takes reports.
      const task = await deps.prisma.task.findUnique({
        where: { id: target.id },
        select: {
          id: true,
          status: true,
          assigneeUnit: { select: { id: true, path: true } },
          plan: { select: { status: true, issuingUnit: { select: { id: true, path: true } } } },
        },
      });
      if (!task || !reachesTaskFor(viewer, task, 'report')) {
        throw new RequestError(404, 'NOT_FOUND', 'notFound.task', 'taskId');
      }
      // Within reach but closed, or submitted and waiting for review: say so.
      if (!taskActionsFor(viewer, task, false).report) {
        throw new RequestError(409, 'WRONG_STATUS', 'task.wrongStatus', 'taskId');
      }
      return;
    }
    if (target.field === 'inspectionId') {
      // One of its inspectors, who also sees it (the surprise rule: a member of the target unit
      // listed as an inspector still does not), while it is in progress.
      const inspection = await deps.prisma.inspection.findFirst({
        where: {
          AND: [{ id: target.id, inspectors: { some: { userId: viewer.id } } }, inspectionsVisibleTo(viewer)],
        },
        select: { status: true },
      });
      if (!inspection) {
        throw new RequestError(404, 'NOT_FOUND', 'evidence.notFoundInspection', 'inspectionId');
      }
      if (inspection.status !== 'IN_PROGRESS') {
        throw new RequestError(409, 'WRONG_STATUS', 'evidence.inspectionWrongStatus', 'inspectionId');
      }
      return;
    }
    // A head or staff member of the responsible unit, while the action waits for its correction.
    const action = await deps.prisma.correctiveAction.findFirst({
      where: { AND: [{ id: target.id }, correctiveActionsVisibleTo(viewer)] },
      select: { status: true, responsibleUnit: { select: { id: true, path: true } } },
    });
    if (!action || !reachesUnit(viewer, action.responsibleUnit, CORRECTION_ROLES)) {
      throw new RequestError(404, 'NOT_FOUND', 'evidence.notFoundCorrective', 'correctiveActionId');
    }
    if (action.status !== 'OPEN') {
      throw new RequestError(409, 'WRONG_STATUS', 'evidence.correctiveWrongStatus', 'correctiveActionId');
    }
  }

  /**
   * POST /evidence: multipart/form-data with exactly one of `taskId` (head or staff of the
   * assignee unit, while the task takes reports), `inspectionId` (one of its inspectors, while it
   * is IN_PROGRESS) or `correctiveActionId` (head or staff of the responsible unit, while it is
   * OPEN); one or more `file`; an optional `aboutDate` (YYYY-MM-DD, not in the future) and an
   * optional `clientId` (a UUID the device chose; with it, one file): the same uploader sending
   * the same clientId again gets the first row back and nothing new is stored. 201 with
   * `{ evidence: [{ id, fileName, mimeType, sizeBytes }] }`; a refusal is 4xx with
   * `{ error: { code, message, field } }`, the message in the request's language.
   */
  async function upload(request: Request): Promise<Response> {
    const { viewer, locale } = await who(request);
    if (request.method !== 'POST') {
      return json(
        405,
        { error: { code: 'METHOD_NOT_ALLOWED', message: 'POST only.', field: null } },
        { allow: 'POST' },
      );
    }
    // SvelteKit's rule for form posts, kept here too (it is off under the dev server): a form
    // content type is accepted only from the app's own origin, and a browser always names it.
    const contentType = request.headers.get('content-type') ?? '';
    const self = deps.origin ?? new URL(request.url).origin;
    if ((!contentType || isFormContentType(contentType)) && request.headers.get('origin') !== self) {
      return failure(new RequestError(403, 'FORBIDDEN', 'auth.foreignOrigin'), locale);
    }
    if (!viewer) return failure(new RequestError(401, 'UNAUTHENTICATED', 'auth.required'), locale);
    try {
      const evidence = await receive(request, viewer);
      return json(201, { evidence });
    } catch (error) {
      if (error instanceof RequestError) return failure(error, locale);
      throw error;
    }
  }

  /**
   * GET /evidence/<id>: the file, to viewers who may see what it was uploaded for — its task
   * (tasksVisibleTo), its inspection (inspectionsVisibleTo: a surprise's files stay hidden from
   * the target unit until it starts) or its corrective action (correctiveActionsVisibleTo) —
   * once a report, a checklist item, a finding or a corrective round carries it; before that only
   * to the person who uploaded it (who must still see the task, inspection or action). Anything
   * else is 404, the same as an unknown ID.
   */
  async function download(request: Request, id: string): Promise<Response> {
    const { viewer, locale } = await who(request);
    if (!viewer) return failure(new RequestError(401, 'UNAUTHENTICATED', 'auth.required'), locale);
    const notFound = () => failure(new RequestError(404, 'NOT_FOUND', 'notFound.evidence', 'id'), locale);
    const evidence = await deps.prisma.evidence.findFirst({
      where: {
        id,
        OR: [
          {
            task: tasksVisibleTo(viewer),
            OR: [{ progressReportId: { not: null } }, { uploadedById: viewer.id }],
          },
          {
            inspection: inspectionsVisibleTo(viewer),
            OR: [
              { checklistItemId: { not: null } },
              { findingId: { not: null } },
              { uploadedById: viewer.id },
            ],
          },
          {
            correctiveAction: correctiveActionsVisibleTo(viewer),
            OR: [{ correctiveRoundId: { not: null } }, { uploadedById: viewer.id }],
          },
        ],
      },
      select: { sha256: true, fileName: true, mimeType: true, sizeBytes: true },
    });
    if (!evidence) return notFound();
    const file = evidenceFilePath(dir(), evidence.sha256);
    try {
      const info = await stat(file);
      if (!info.isFile()) return notFound();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        console.error(`Evidence ${id}: its file ${file} is missing from the storage folder.`);
        return notFound();
      }
      throw error;
    }
    const body =
      request.method === 'HEAD'
        ? null
        : (Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>);
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': ACCEPTED_EVIDENCE_TYPES.has(evidence.mimeType)
          ? evidence.mimeType
          : 'application/octet-stream',
        'content-length': String(evidence.sizeBytes),
        'content-disposition': attachmentDisposition(evidence.fileName),
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
        // Opened in a tab anyway (a PDF viewer), it runs nothing and reaches nothing.
        'content-security-policy': "default-src 'none'; sandbox",
      },
    });
  }

  return { upload, download };
}

export type EvidenceHandlers = ReturnType<typeof createEvidenceHandlers>;
