// One table written as a spreadsheet, XLSX or CSV, as a stream: rows are pulled from an async
// iterable (e.g. a database cursor read in batches by id) and written out as they come, so a large
// list is never held in memory. Headers are in the reader's language; dates are real dates in XLSX
// cells (a number format, not text) and ISO dates in CSV, which Excel and LibreOffice read as dates.
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { attachmentDisposition } from '../evidence/http.ts';
import type { Locale } from '../messages.ts';

/**
 * - `text`: a string (other values are turned into one).
 * - `number`: a number.
 * - `date`: a calendar date — a `YYYY-MM-DD` string or a Date whose UTC day is the date (as Prisma
 *   returns `@db.Date` columns).
 * - `datetime`: an instant (Date or ISO string), written in Vietnam's time (UTC+7, no DST).
 * - `percent`: a number from 0 to 100 (progress 45 → 45 %).
 */
export type SpreadsheetCellType = 'text' | 'number' | 'date' | 'datetime' | 'percent';

export type SpreadsheetCellValue = string | number | boolean | Date | null | undefined;

export interface SpreadsheetColumn {
  /** The row's property this column shows. */
  key: string;
  header: Record<Locale, string>;
  type: SpreadsheetCellType;
  /** Width in characters (XLSX only); a default from the type otherwise. */
  width?: number;
}

export type SpreadsheetRow = Record<string, SpreadsheetCellValue>;

export type SpreadsheetFormat = 'xlsx' | 'csv';

export interface SpreadsheetTable {
  columns: readonly SpreadsheetColumn[];
  rows: AsyncIterable<SpreadsheetRow> | Iterable<SpreadsheetRow>;
  locale: Locale;
  /** The XLSX sheet's name (cut to Excel's 31 characters, forbidden characters replaced). */
  sheetName?: string;
}

export const SPREADSHEET_CONTENT_TYPES: Record<SpreadsheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DATE_FORMAT: Record<Locale, string> = { vi: 'dd/mm/yyyy', en: 'yyyy-mm-dd' };
const DATETIME_FORMAT: Record<Locale, string> = { vi: 'dd/mm/yyyy hh:mm', en: 'yyyy-mm-dd hh:mm' };
const DEFAULT_WIDTH: Record<SpreadsheetCellType, number> = {
  text: 30,
  number: 12,
  date: 12,
  datetime: 17,
  percent: 10,
};

/** `format` if the path's extension or a query value names one, else null. */
export function spreadsheetFormatOf(value: string | null | undefined): SpreadsheetFormat | null {
  const ext = value?.toLowerCase().split('.').pop();
  return ext === 'xlsx' || ext === 'csv' ? ext : null;
}

/** A calendar date as a Date at 00:00 UTC of that day, or null when the value is none. */
function calendarDate(value: SpreadsheetCellValue): Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) {
    return new Date(Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate()));
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value));
  if (!match) return null;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** An instant shifted to Vietnam's wall clock, as a Date whose UTC fields read that time. */
function vietnamWallClock(value: SpreadsheetCellValue): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const instant = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(instant.getTime())) return null;
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS);
}

function numberOf(value: SpreadsheetCellValue): number | null {
  if (value === null || value === undefined || value === '') return null;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}

function textOf(value: SpreadsheetCellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value).normalize('NFC');
}

/** The XLSX cell value of a row's field. */
function xlsxValue(column: SpreadsheetColumn, value: SpreadsheetCellValue): ExcelJS.CellValue {
  switch (column.type) {
    case 'date':
      return calendarDate(value);
    case 'datetime':
      return vietnamWallClock(value);
    case 'number':
      return numberOf(value);
    case 'percent': {
      const number = numberOf(value);
      return number === null ? null : number / 100;
    }
    case 'text': {
      const text = textOf(value);
      return text === '' ? null : text;
    }
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The CSV text of a row's field (before quoting). */
function csvText(column: SpreadsheetColumn, value: SpreadsheetCellValue): string {
  switch (column.type) {
    case 'date':
      return calendarDate(value)?.toISOString().slice(0, 10) ?? '';
    case 'datetime': {
      const wall = vietnamWallClock(value);
      if (!wall) return '';
      return `${wall.toISOString().slice(0, 10)} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
    }
    case 'number':
      return String(numberOf(value) ?? '');
    case 'percent': {
      const number = numberOf(value);
      return number === null ? '' : `${number}%`;
    }
    case 'text': {
      const text = textOf(value);
      // A cell starting like a formula would run as one when the CSV is opened (CSV injection):
      // an apostrophe makes it text.
      return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    }
  }
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** Excel's sheet-name rules: at most 31 characters, none of []:*?/\. */
export function sheetNameOf(name: string | undefined): string {
  const cleaned = (name ?? 'Sheet1').replace(/[[\]:*?/\\]/g, ' ').trim() || 'Sheet1';
  return [...cleaned].slice(0, 31).join('');
}

/** Waits until the stream's reader has taken what was written, so memory stays bounded. */
async function drained(stream: PassThrough): Promise<void> {
  if (stream.writableNeedDrain || stream.readableLength > stream.readableHighWaterMark) {
    await Promise.race([once(stream, 'drain'), once(stream, 'close')]);
  }
}

async function writeCsv(table: SpreadsheetTable, out: PassThrough): Promise<void> {
  // The byte-order mark makes Excel read the file as UTF-8 (Vietnamese letters intact).
  out.write(`\uFEFF${csvLine(table.columns.map((column) => column.header[table.locale]))}`);
  let pending = '';
  for await (const row of table.rows) {
    if (out.destroyed) return;
    pending += csvLine(table.columns.map((column) => csvText(column, row[column.key])));
    if (pending.length >= 16 * 1024) {
      out.write(pending);
      pending = '';
      await drained(out);
    }
  }
  if (pending) out.write(pending);
  out.end();
}

async function writeXlsx(table: SpreadsheetTable, out: PassThrough): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetNameOf(table.sheetName), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = table.columns.map((column) => ({
    key: column.key,
    header: column.header[table.locale],
    width: column.width ?? Math.max(DEFAULT_WIDTH[column.type], column.header[table.locale].length + 2),
    style:
      column.type === 'date'
        ? { numFmt: DATE_FORMAT[table.locale] }
        : column.type === 'datetime'
          ? { numFmt: DATETIME_FORMAT[table.locale] }
          : column.type === 'percent'
            ? { numFmt: '0%' }
            : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let count = 0;
  for await (const row of table.rows) {
    if (out.destroyed) return;
    const values: Record<string, ExcelJS.CellValue> = {};
    for (const column of table.columns) values[column.key] = xlsxValue(column, row[column.key]);
    sheet.addRow(values).commit();
    count += 1;
    if (count % 500 === 0) {
      // Let the zip writer compress what is committed before reading the next batch.
      await new Promise((resolve) => setImmediate(resolve));
      await drained(out);
    }
  }
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, count + 1), column: table.columns.length },
  };
  sheet.commit();
  await workbook.commit();
}

/**
 * The table as a byte stream of the chosen format. Rows are read as the reader takes bytes; an
 * error while reading them ends the stream with that error (the download fails rather than
 * looking complete).
 */
export function spreadsheetStream(
  table: SpreadsheetTable,
  format: SpreadsheetFormat,
): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 64 * 1024 });
  const write = format === 'csv' ? writeCsv : writeXlsx;
  write(table, out).catch((error: unknown) => {
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

/** A file name without characters file systems refuse, with the format's extension. */
export function spreadsheetFileName(stem: string, format: SpreadsheetFormat): string {
  const cleaned = stem
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[/\\"<>|:*?]/g, '_')
    .replace(/\s+/g, ' ')
    .trim();
  return `${[...(cleaned || 'export')].slice(0, 120).join('').trimEnd()}.${format}`;
}

/** An HTTP response that downloads the table as `<fileName>.<format>`. */
export function spreadsheetResponse(
  table: SpreadsheetTable,
  format: SpreadsheetFormat,
  fileName: string,
): Response {
  return new Response(spreadsheetStream(table, format), {
    status: 200,
    headers: {
      'content-type': SPREADSHEET_CONTENT_TYPES[format],
      'content-disposition': attachmentDisposition(spreadsheetFileName(fileName, format)),
      'content-language': table.locale,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    },
  });
}
