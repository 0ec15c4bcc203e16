// The streaming table writer (api/src/spreadsheets/table.ts): files read back with ExcelJS and
// csv-parse, headers in both languages, dates as date cells, Vietnamese text intact, and a large
// table streamed in chunks while its rows are still being produced.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  spreadsheetResponse,
  spreadsheetStream,
  type SpreadsheetColumn,
  type SpreadsheetRow,
} from '../../api/src/spreadsheets/table.ts';

const columns: SpreadsheetColumn[] = [
  { key: 'title', header: { vi: 'Tên nhiệm vụ', en: 'Task' }, type: 'text' },
  { key: 'due', header: { vi: 'Hạn hoàn thành', en: 'Due date' }, type: 'date' },
  { key: 'at', header: { vi: 'Thời điểm', en: 'At' }, type: 'datetime' },
  { key: 'weight', header: { vi: 'Trọng số', en: 'Weight' }, type: 'number' },
  { key: 'progress', header: { vi: 'Tiến độ', en: 'Progress' }, type: 'percent' },
];

const rows: SpreadsheetRow[] = [
  {
    title: 'Niêm yết công khai thủ tục hành chính, "một cửa"',
    due: '2026-12-31',
    at: new Date('2026-12-03T01:30:00Z'),
    weight: 2,
    progress: 45,
  },
  { title: '=HYPERLINK("x")', due: new Date('2027-01-05T00:00:00Z'), at: null, weight: null, progress: null },
];

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

async function workbookOf(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

describe('spreadsheet table writer', () => {
  it('writes XLSX with headers in Vietnamese, dates as date cells and percentages as numbers', async () => {
    const sheet = await workbookOf(
      await bytesOf(spreadsheetStream({ columns, rows, locale: 'vi', sheetName: 'Nhiệm vụ' }, 'xlsx')),
    );
    expect(sheet.name).toBe('Nhiệm vụ');
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Tên nhiệm vụ',
      'Hạn hoàn thành',
      'Thời điểm',
      'Trọng số',
      'Tiến độ',
    ]);
    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toBe('Niêm yết công khai thủ tục hành chính, "một cửa"');
    expect(first.getCell(2).value).toEqual(new Date('2026-12-31T00:00:00Z'));
    expect(first.getCell(2).numFmt).toBe('dd/mm/yyyy');
    // 01:30 UTC is 08:30 in Vietnam.
    expect(first.getCell(3).value).toEqual(new Date('2026-12-03T08:30:00Z'));
    expect(first.getCell(4).value).toBe(2);
    expect(first.getCell(5).value).toBe(0.45);
    expect(first.getCell(5).numFmt).toBe('0%');
    const second = sheet.getRow(3);
    expect(second.getCell(1).value).toBe('=HYPERLINK("x")');
    expect(second.getCell(2).value).toEqual(new Date('2027-01-05T00:00:00Z'));
    expect(second.getCell(4).value).toBeNull();
  });

  it('writes XLSX headers in English with ISO date format', async () => {
    const sheet = await workbookOf(await bytesOf(spreadsheetStream({ columns, rows, locale: 'en' }, 'xlsx')));
    expect(sheet.getRow(1).getCell(2).value).toBe('Due date');
    expect(sheet.getRow(2).getCell(2).numFmt).toBe('yyyy-mm-dd');
  });

  it('writes CSV with a UTF-8 byte-order mark, quoted fields, ISO dates and formulas made text', async () => {
    const bytes = await bytesOf(spreadsheetStream({ columns, rows, locale: 'en' }, 'csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(bytes, { bom: true });
    expect(records).toEqual([
      ['Task', 'Due date', 'At', 'Weight', 'Progress'],
      ['Niêm yết công khai thủ tục hành chính, "một cửa"', '2026-12-31', '2026-12-03 08:30', '2', '45%'],
      [`'=HYPERLINK("x")`, '2027-01-05', '', '', ''],
    ]);
  });

  it('answers with a download named in Vietnamese', async () => {
    const response = spreadsheetResponse({ columns, rows, locale: 'vi' }, 'xlsx', 'Nhiệm vụ: kế hoạch 2026');
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('Nhiệm vụ_ kế hoạch 2026.xlsx')}`,
    );
    await response.arrayBuffer();
  });

  for (const format of ['xlsx', 'csv'] as const) {
    it(`streams a large ${format} table: bytes arrive while rows are still being produced`, async () => {
      const total = 60_000;
      let produced = 0;
      async function* generate(): AsyncGenerator<SpreadsheetRow> {
        for (let i = 0; i < total; i += 1) {
          produced += 1;
          if (i % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
          yield {
            title: `Nhiệm vụ số ${i} — ${'x'.repeat(i % 50)}`,
            due: '2026-06-30',
            weight: i % 10,
            progress: i % 101,
          };
        }
      }
      const reader = spreadsheetStream({ columns, rows: generate(), locale: 'vi' }, format).getReader();
      const producedAtChunk: number[] = [];
      const chunks: Uint8Array[] = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        producedAtChunk.push(produced);
        chunks.push(value);
      }
      expect(chunks.length).toBeGreaterThan(5);
      // The first bytes came out when only part of the rows had been read.
      expect(producedAtChunk[0]).toBeLessThan(total);
      const bytes = Buffer.concat(chunks);
      if (format === 'xlsx') {
        const sheet = await workbookOf(bytes);
        expect(sheet.rowCount).toBe(total + 1);
        expect(sheet.getRow(total + 1).getCell(1).value).toBe(
          `Nhiệm vụ số ${total - 1} — ${'x'.repeat((total - 1) % 50)}`,
        );
      } else {
        const records = parse(bytes, { bom: true });
        expect(records).toHaveLength(total + 1);
      }
    });
  }

  it('ends the stream with the error when reading rows fails', async () => {
    async function* failing(): AsyncGenerator<SpreadsheetRow> {
      yield { title: 'một' };
      await Promise.resolve();
      throw new Error('database went away');
    }
    await expect(
      bytesOf(spreadsheetStream({ columns, rows: failing(), locale: 'vi' }, 'csv')),
    ).rejects.toThrow();
  });
});
