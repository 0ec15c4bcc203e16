// Reading an uploaded spreadsheet (XLSX or CSV) into a header row and data rows of plain cells,
// with row numbers as Excel shows them (the header is row 1). Text is NFC-normalised (Vietnamese
// typed on different keyboards composes differently); date cells stay Dates.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';

/** A cell as read: text, a number, a Date (an Excel date cell), a boolean, or empty (null). */
export type ReadCell = string | number | Date | boolean | null;

export interface ReadSheet {
  headers: string[];
  /** Data rows only, blank rows left out. `row` is the row number Excel shows. */
  rows: { row: number; cells: ReadCell[] }[];
}

export class UnreadableFile extends Error {}

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** XLSX (a zip) by its first bytes, CSV otherwise. */
export function fileKindOf(bytes: Uint8Array): 'xlsx' | 'csv' {
  return XLSX_MAGIC.every((byte, index) => bytes[index] === byte) ? 'xlsx' : 'csv';
}

function textOf(value: string): string | null {
  const text = value.normalize('NFC').trim();
  return text === '' ? null : text;
}

/** An ExcelJS cell value as a plain cell: formulas give their result, rich text and links their text. */
function plainCell(value: ExcelJS.CellValue): ReadCell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'string') return textOf(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object') {
    if ('richText' in value) return textOf(value.richText.map((part) => part.text).join(''));
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null || typeof result === 'object') {
        return result instanceof Date ? result : null;
      }
      return typeof result === 'string' ? textOf(result) : result;
    }
    if ('hyperlink' in value) {
      const text = value.text;
      return typeof text === 'string' ? textOf(text) : null;
    }
    if ('error' in value) return null;
  }
  return textOf(String(value));
}

const isBlank = (cells: ReadCell[]): boolean => cells.every((cell) => cell === null);

async function readXlsx(bytes: Uint8Array, maxRows: number): Promise<ReadSheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableFile();
  }
  const sheet = workbook.worksheets.find((candidate) => candidate.rowCount > 0) ?? workbook.worksheets[0];
  if (!sheet) throw new UnreadableFile();
  const header = sheet.getRow(1);
  const width = header.cellCount;
  const headers = Array.from({ length: width }, (_, index) => {
    const value = plainCell(header.getCell(index + 1).value);
    return value === null ? '' : String(value);
  });
  const rows: ReadSheet['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1 || rows.length > maxRows) return;
    const cells = Array.from({ length: width }, (_, index) => plainCell(row.getCell(index + 1).value));
    if (!isBlank(cells)) rows.push({ row: number, cells });
  });
  return { headers, rows };
}

function readCsv(bytes: Uint8Array, maxRows: number): ReadSheet {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: Excel's "CSV" on a Vietnamese Windows is often Windows-1258; ask for UTF-8.
    throw new UnreadableFile();
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Excel in locales with a decimal comma (Vietnamese among them) saves CSV with semicolons.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      to: maxRows + 2,
    });
  } catch {
    throw new UnreadableFile();
  }
  const [header = [], ...data] = records;
  const headers = header.map((cell) => cell.normalize('NFC').trim());
  const rows: ReadSheet['rows'] = [];
  data.forEach((record, index) => {
    const cells = headers.map((_, column) => textOf(record[column] ?? ''));
    if (!isBlank(cells)) rows.push({ row: index + 2, cells });
  });
  return { headers, rows };
}

/** The file's first sheet; at most `maxRows + 1` data rows are read (the caller reports too many). */
export async function readSpreadsheet(bytes: Uint8Array, maxRows: number): Promise<ReadSheet> {
  return fileKindOf(bytes) === 'xlsx' ? readXlsx(bytes, maxRows) : readCsv(bytes, maxRows);
}
