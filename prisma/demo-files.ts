// Small real evidence files for the demo data, made in code: a one-page PDF (a table of the
// figures a unit reports, drawn with lines and digits) and a PNG bar chart. Both are files a
// viewer opens and file-type recognises by their bytes (PDF, PNG), so the demo's evidence goes
// through the same storage and type checks as an upload.
import { deflateSync } from 'node:zlib';

/** A file as the evidence storage receives it. */
export interface DemoFile {
  fileName: string;
  mimeType: 'application/pdf' | 'image/png';
  bytes: Uint8Array;
}

/** Characters the PDF's standard font draws without an embedded font. */
const PDF_TEXT = /^[0-9 %/.,:+\-()]*$/;

/**
 * A one-page A4 PDF: a heading band, then one table row per entry of `rows` (two cells of
 * figures each, e.g. `['412 / 412', '100 %']`) with a progress bar drawn to `percent`. Only
 * digits and punctuation are written as text: the standard fonts cannot draw Vietnamese, and the
 * file's name carries the words.
 */
export function demoPdf(rows: { cells: [string, string]; percent: number }[]): Uint8Array {
  for (const row of rows) {
    for (const cell of row.cells) {
      if (!PDF_TEXT.test(cell)) throw new Error(`demoPdf writes digits and punctuation only: "${cell}"`);
    }
  }
  const content: string[] = [
    // Heading band and a frame around the table.
    '0.11 0.33 0.6 rg 56 760 483 40 re f',
    '0 0 0 RG 0.8 w',
  ];
  rows.forEach((row, index) => {
    const y = 720 - index * 36;
    const width = Math.round((Math.max(0, Math.min(100, row.percent)) / 100) * 180);
    content.push(
      `56 ${y - 10} 483 32 re S`,
      `0.2 0.6 0.3 rg 340 ${y - 2} ${width} 16 re f`,
      `0 0 0 rg BT /F1 12 Tf 66 ${y + 2} Td (${String(index + 1)}) Tj ET`,
      `BT /F1 12 Tf 110 ${y + 2} Td (${row.cells[0]}) Tj ET`,
      `BT /F1 12 Tf 250 ${y + 2} Td (${row.cells[1]}) Tj ET`,
    );
  });
  const stream = content.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
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

function pngChunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.byteLength);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/**
 * A 320 × 200 PNG bar chart: one bar per value of `percents` (0–100), green for 100 and blue
 * otherwise, on a light grid, as a unit would photograph a wall chart of its progress.
 */
export function demoPng(percents: number[]): Uint8Array {
  const width = 320;
  const height = 200;
  const pixels = Buffer.alloc((width * 3 + 1) * height);
  const barWidth = Math.floor((width - 40) / Math.max(1, percents.length)) - 10;
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    pixels[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      let rgb: [number, number, number] = [250, 250, 247];
      if (y % 40 === 0 || x === 20 || y === height - 20) rgb = [200, 200, 200];
      const bar = Math.floor((x - 30) / (barWidth + 10));
      const inBar = x >= 30 && (x - 30) % (barWidth + 10) < barWidth && bar < percents.length;
      if (inBar) {
        const percent = Math.max(0, Math.min(100, percents[bar] ?? 0));
        const top = height - 20 - Math.round((percent / 100) * (height - 40));
        if (y >= top && y < height - 20) rgb = percent === 100 ? [46, 139, 87] : [28, 84, 153];
      }
      pixels.set(rgb, row + 1 + x * 3);
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
      pngChunk('IHDR', header),
      pngChunk('IDAT', deflateSync(pixels)),
      pngChunk('IEND', new Uint8Array()),
    ]),
  );
}
