// Everything spreadsheet-shaped the web app mounts: downloads of any table (dashboards use
// `download` with their own builder), the list exports (GET /export/<list>.<xlsx|csv>), the
// import templates (GET /import/templates/<kind>.xlsx) and the upload that runs an import's dry
// run (POST /import, multipart: kind, planId for task assignments, file).
import { NotFoundError } from '../errors.ts';
import { translate, type Locale } from '../messages.ts';
import {
  dryRunImport,
  IMPORT_KINDS,
  IMPORT_MAX_BYTES,
  ImportRefusedError,
  mayImport,
} from '../services/imports.ts';
import { readBodyWithin } from '../read-body.ts';
import { EXPORT_LISTS, listExport, type ExportList } from './exports.ts';
import { jsonError, spreadsheetRequests, SpreadsheetRefusal, type SpreadsheetDependencies } from './http.ts';
import { IMPORT_COLUMNS, type ImportKindName } from './imports/columns.ts';
import type { SpreadsheetColumn } from './table.ts';

const TEMPLATE_NAMES: Record<ImportKindName, Record<Locale, string>> = {
  UNITS: { vi: 'Mẫu nhập đơn vị', en: 'Units import template' },
  USERS: { vi: 'Mẫu nhập người dùng', en: 'Users import template' },
  TASKS: { vi: 'Mẫu giao nhiệm vụ', en: 'Task assignments template' },
};

/** `units` / `users` / `tasks` (a URL's spelling) as an import kind, or null. */
export function importKindOf(value: string | null | undefined): ImportKindName | null {
  const kind = value
    ?.trim()
    .toUpperCase()
    .replace(/\.XLSX$/, '');
  return (IMPORT_KINDS as readonly string[]).includes(kind ?? '') ? (kind as ImportKindName) : null;
}

export function createSpreadsheetHandlers(deps: SpreadsheetDependencies) {
  const requests = spreadsheetRequests(deps);
  const now = deps.clock ?? (() => new Date());

  /** GET /export/<list>.<format>?<the list page's filters>: the list as the viewer sees it. */
  function exportList(request: Request, list: string, format: string): Promise<Response> {
    return requests.download(request, format, (viewer, locale) => {
      if (!(EXPORT_LISTS as readonly string[]).includes(list)) throw new SpreadsheetRefusal(404, 'xl.format');
      return listExport(
        list as ExportList,
        { prisma: deps.prisma, viewer, locale, now },
        new URL(request.url).searchParams,
      );
    });
  }

  /** GET /import/templates/<kind>.xlsx: the header row in the viewer's language and an example row. */
  function template(request: Request, kind: string): Promise<Response> {
    return requests.download(request, 'xlsx', (viewer, locale) => {
      const chosen = importKindOf(kind);
      if (!chosen) throw new SpreadsheetRefusal(404, 'xl.kind', 'kind');
      if (!mayImport(viewer, chosen)) throw new SpreadsheetRefusal(403, 'auth.forbidden');
      const columns: SpreadsheetColumn[] = IMPORT_COLUMNS[chosen].map((column) => ({
        key: column.key,
        header: column.header,
        type:
          column.example[locale] instanceof Date
            ? 'date'
            : typeof column.example[locale] === 'number'
              ? 'number'
              : 'text',
        width: column.width ?? Math.max(16, column.header[locale].length + 4),
      }));
      const example = Object.fromEntries(
        IMPORT_COLUMNS[chosen].map((column) => [column.key, column.example[locale]]),
      );
      return {
        fileName: TEMPLATE_NAMES[chosen][locale],
        table: { columns, rows: [example], sheetName: TEMPLATE_NAMES[chosen][locale] },
      };
    });
  }

  /**
   * POST /import (multipart/form-data: `kind` = UNITS | USERS | TASKS, `planId` for TASKS, `file`):
   * reads and checks the file and stores the dry run. 201 `{ batch: { id, rowCount, problems } }`;
   * a refusal is 4xx `{ error: { code, message, field } }` in the request's language.
   */
  async function upload(request: Request): Promise<Response> {
    const { viewer, locale } = await requests.who(request);
    if (request.method !== 'POST') return jsonError(405, 'METHOD_NOT_ALLOWED', 'POST only.', null);
    // A form post is accepted only from the app's own origin (SvelteKit's rule, kept here too).
    const self = deps.origin ?? new URL(request.url).origin;
    if (request.headers.get('origin') !== self) {
      return jsonError(403, 'FORBIDDEN', translate(locale, 'auth.foreignOrigin'), null);
    }
    if (!viewer) return jsonError(401, 'UNAUTHENTICATED', translate(locale, 'auth.required'), null);
    const contentType = request.headers.get('content-type') ?? '';
    if (!/^multipart\/form-data\b/i.test(contentType.trim())) {
      return jsonError(415, 'NOT_MULTIPART', translate(locale, 'xl.file.missing'), 'file');
    }
    const tooLarge = new ImportRefusedError('xl.file.tooLarge', 'FILE_TOO_LARGE', 'file');
    try {
      const body = await readBodyWithin(request, IMPORT_MAX_BYTES + 1024 * 1024, () => tooLarge);
      let form: FormData;
      try {
        form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
      } catch {
        return jsonError(400, 'BAD_REQUEST', translate(locale, 'xl.file.missing'), 'file');
      }
      const kindField = form.get('kind');
      const kind = importKindOf(typeof kindField === 'string' ? kindField : null);
      if (!kind) return jsonError(400, 'BAD_USER_INPUT', translate(locale, 'xl.kind'), 'kind');
      if (!mayImport(viewer, kind))
        return jsonError(403, 'FORBIDDEN', translate(locale, 'auth.forbidden'), null);
      const file = form.get('file');
      if (!file || typeof file === 'string' || file.size === 0) {
        return jsonError(400, 'FILE_MISSING', translate(locale, 'xl.file.missing'), 'file');
      }
      const planField = form.get('planId');
      const batch = await dryRunImport(
        { prisma: deps.prisma, viewer, now },
        {
          kind,
          planId: typeof planField === 'string' ? planField.trim() || null : null,
          fileName: file.name || 'import',
          bytes: new Uint8Array(await file.arrayBuffer()),
        },
      );
      return new Response(
        JSON.stringify({
          batch: { id: batch.id, rowCount: batch.rowCount, problems: (batch.problems as unknown[]).length },
        }),
        {
          status: 201,
          headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        },
      );
    } catch (error) {
      if (error instanceof ImportRefusedError) {
        const status = error.reason === 'FILE_TOO_LARGE' ? 413 : 400;
        return jsonError(status, error.reason, translate(locale, error.messageKey), error.field);
      }
      if (error instanceof NotFoundError) {
        return jsonError(404, 'NOT_FOUND', translate(locale, error.messageKey), error.field);
      }
      throw error;
    }
  }

  return { ...requests, exportList, template, upload };
}

export type SpreadsheetHandlers = ReturnType<typeof createSpreadsheetHandlers>;
