// The inspection minutes (biên bản kiểm tra) as a PDF: data and a language in, the file's bytes
// out. Laid out on A4 after the national form of administrative documents (margins 30 mm left,
// 20 mm elsewhere; the country's name and motto, then the document's title), set in Noto Serif,
// whose TrueType files carry every Vietnamese letter; PDFKit embeds only the glyphs a document
// uses (a subset), so a typical minutes file stays small. Tables wrap long text, a row too long
// for what is left of a page is continued on the next one, and every page of a table starts
// with the table's header again; every page says "Trang 2/3" / "Page 2/3".
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Locale } from '../messages.ts';
import type { MinutesData } from './data.ts';
import { minutesTexts, type MinutesTexts } from './texts.ts';

const require = createRequire(import.meta.url);

const FONT_FILES = {
  regular: '@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf',
  italic: '@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
} as const;
type FontName = keyof typeof FONT_FILES;

let fontPaths: Record<FontName, string> | undefined;
/** Where the font files are (node_modules), found once per process. */
function fontPath(font: FontName): string {
  fontPaths ??= {
    regular: require.resolve(FONT_FILES.regular),
    bold: require.resolve(FONT_FILES.bold),
    italic: require.resolve(FONT_FILES.italic),
  };
  return fontPaths[font];
}

const MM = 72 / 25.4;
const PAGE = { width: 595.28, height: 841.89 };
const MARGINS = { top: 20 * MM, bottom: 22 * MM, left: 30 * MM, right: 20 * MM };
const CONTENT_WIDTH = PAGE.width - MARGINS.left - MARGINS.right;
const BOTTOM = PAGE.height - MARGINS.bottom;
const BODY_SIZE = 11;
const TABLE_SIZE = 9.5;
const LINE_GAP = 1.5;
const CELL_PADDING = 4;
const BORDER = '#555555';
const HEADER_FILL = '#e8e8e8';
const MUTED = '#555555';

/** dd/mm/yyyy of a YYYY-MM-DD date. */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}/${month}/${year}`;
}

/** dd/mm/yyyy HH:mm of an instant, in Vietnam time (UTC+7, no daylight saving). */
export function formatVietnamTime(instant: Date): string {
  const local = new Date(instant.getTime() + 7 * 60 * 60 * 1000).toISOString();
  return `${formatDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

/** Text as typed, in the composed form the font's glyphs are mapped from (ư, ờ: one code point). */
const clean = (text: string): string =>
  text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    // Control and invisible formatting characters have no glyph; tabs read as spaces.
    .replace(/\t/g, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, (char) => (char === '\n' ? char : ''));

interface Column {
  header: string;
  width: number;
  align?: 'left' | 'center';
}

interface Cell {
  text: string;
  font?: FontName;
  color?: string;
}

type Row = (string | Cell)[];

const asCell = (cell: string | Cell): Cell => (typeof cell === 'string' ? { text: cell } : cell);

class MinutesWriter {
  readonly doc: PDFKit.PDFDocument;
  y = MARGINS.top;

  constructor(
    readonly data: MinutesData,
    readonly locale: Locale,
    readonly t: MinutesTexts,
  ) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGINS,
      bufferPages: true,
      // Given here, the standard Helvetica is never loaded. A font is read and parsed once per
      // document, when first used (PDFKit keeps it by its path), and written only if used.
      font: fontPath('regular'),
      lang: locale === 'vi' ? 'vi-VN' : 'en-GB',
      displayTitle: true,
      info: {
        Title: `${t.fileName} - ${clean(data.title)}`,
        Subject: clean(data.targetUnitName),
        Creator: 'Reform Tracker',
        Producer: 'Reform Tracker (PDFKit)',
      },
    });
  }

  private style(font: FontName, size: number, color = 'black'): PDFKit.PDFDocument {
    return this.doc.font(fontPath(font)).fontSize(size).fillColor(color);
  }

  private newPage(): void {
    this.doc.addPage();
    this.y = MARGINS.top + 6 * MM;
  }

  /** Starts a new page unless `height` fits on this one. */
  private ensure(height: number): void {
    if (this.y + height > BOTTOM) this.newPage();
  }

  private heightOf(text: string, width: number, options: PDFKit.Mixins.TextOptions = {}): number {
    return this.doc.heightOfString(text, { width, lineGap: LINE_GAP, ...options });
  }

  /** A paragraph over the whole width; continues on the next page by itself when long. */
  paragraph(text: string, font: FontName = 'regular', options: PDFKit.Mixins.TextOptions = {}): void {
    this.style(font, BODY_SIZE);
    this.ensure(this.doc.currentLineHeight(true) * 2);
    this.doc.text(clean(text), MARGINS.left, this.y, { width: CONTENT_WIDTH, lineGap: LINE_GAP, ...options });
    this.y = this.doc.y;
  }

  centred(text: string, font: FontName, size: number, gapAfter = 2): void {
    this.style(font, size);
    this.doc.text(clean(text), MARGINS.left, this.y, {
      width: CONTENT_WIDTH,
      align: 'center',
      lineGap: LINE_GAP,
    });
    this.y = this.doc.y + gapAfter;
  }

  heading(text: string): void {
    this.y += 10;
    // A heading is never left alone at the foot of a page.
    this.style('bold', BODY_SIZE + 0.5);
    this.ensure(this.heightOf(text, CONTENT_WIDTH) + 60);
    this.doc.text(text, MARGINS.left, this.y, { width: CONTENT_WIDTH, lineGap: LINE_GAP });
    this.y = this.doc.y + 5;
  }

  /**
   * The longest leading part of `text` that fits in `height` at `width` (whole words while any
   * fits, else whole characters), and the rest.
   */
  private split(text: string, width: number, height: number): [string, string] {
    if (this.heightOf(text, width) <= height) return [text, ''];
    const fits = (part: string) => this.heightOf(part, width) <= height;
    const words = text.split(/(?<=\s)/);
    let low = 0;
    let high = words.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (fits(words.slice(0, mid).join(''))) low = mid;
      else high = mid - 1;
    }
    if (low > 0) return [words.slice(0, low).join('').trimEnd(), words.slice(low).join('')];
    const chars = [...text];
    let count = 0;
    while (count < chars.length && fits(chars.slice(0, count + 1).join(''))) count += 1;
    return [chars.slice(0, count).join(''), chars.slice(count).join('')];
  }

  /**
   * A table. With `columns[i].header` set (bordered), the header row opens the table and every
   * page it continues on. A row that does not fit on what is left of a page starts the next
   * one; a row longer than a whole page is split between pages.
   */
  table(columns: Column[], rows: Row[], options: { bordered?: boolean } = {}): void {
    const bordered = options.bordered ?? true;
    const header: Row | null = bordered
      ? columns.map((column) => ({ text: column.header, font: 'bold' as const }))
      : null;
    const size = bordered ? TABLE_SIZE : BODY_SIZE;
    const pad = bordered ? CELL_PADDING : 2;
    const measure = (row: Row): number =>
      Math.max(
        ...row.map((cell, index) => {
          const { text, font = 'regular' } = asCell(cell);
          this.style(font, size);
          return this.heightOf(text, columns[index]!.width - 2 * pad);
        }),
      ) +
      2 * pad;

    const draw = (row: Row, height: number, fill?: string): void => {
      let x = MARGINS.left;
      row.forEach((cell, index) => {
        const column = columns[index]!;
        if (fill) this.doc.rect(x, this.y, column.width, height).fill(fill);
        if (bordered) this.doc.lineWidth(0.5).rect(x, this.y, column.width, height).stroke(BORDER);
        const { text, font = 'regular', color = 'black' } = asCell(cell);
        this.style(font, size, color);
        this.doc.text(text, x + pad, this.y + pad, {
          width: column.width - 2 * pad,
          // Never more than the row: PDFKit must not start a page of its own.
          height: height - 2 * pad + 1,
          align: column.align ?? 'left',
          lineGap: LINE_GAP,
        });
        x += column.width;
      });
      this.y += height;
    };

    const headerHeight = header ? measure(header) : 0;
    const drawHeader = (): void => {
      if (header) draw(header, headerHeight, HEADER_FILL);
    };
    const minimumRow = (() => {
      this.style('regular', size);
      return this.doc.currentLineHeight(true) * 2 + 2 * pad;
    })();

    this.ensure(headerHeight + minimumRow);
    drawHeader();
    for (const original of rows) {
      let row = original.map((cell) => {
        const value = asCell(cell);
        return { ...value, text: clean(value.text) };
      });
      for (;;) {
        const height = measure(row);
        if (this.y + height <= BOTTOM) {
          draw(row, height);
          break;
        }
        const room = BOTTOM - this.y;
        if (room < minimumRow || height <= BOTTOM - MARGINS.top - 6 * MM - headerHeight) {
          // It fits on a page of its own: move it whole.
          this.newPage();
          drawHeader();
          continue;
        }
        // Longer than a page: as much of each cell as fits here, the rest on the next page.
        const parts = row.map((cell, index) => {
          this.style(cell.font ?? 'regular', size);
          return this.split(cell.text, columns[index]!.width - 2 * pad, room - 2 * pad);
        });
        draw(
          row.map((cell, index) => ({ ...cell, text: parts[index]![0] })),
          room,
        );
        row = row.map((cell, index) => ({ ...cell, text: parts[index]![1] }));
        this.newPage();
        drawHeader();
      }
    }
  }

  /** The two signature places side by side, kept together on one page. */
  signatures(): void {
    const half = CONTENT_WIDTH / 2;
    const lead = this.data.inspectors.find((inspector) => inspector.lead);
    this.y += 18;
    this.ensure(150);
    const top = this.y;
    const place = (x: number, title: string, name: string | undefined): void => {
      this.style('bold', BODY_SIZE);
      this.doc.text(title, x, top, { width: half, align: 'center', lineGap: LINE_GAP });
      this.style('italic', BODY_SIZE - 1);
      this.doc.text(this.t.signHint, x, this.doc.y, { width: half, align: 'center', lineGap: LINE_GAP });
      if (name) {
        this.style('bold', BODY_SIZE);
        this.doc.text(clean(name), x, this.doc.y + 70, { width: half, align: 'center', lineGap: LINE_GAP });
      }
    };
    place(MARGINS.left, this.t.signatureTarget, undefined);
    place(MARGINS.left + half, this.t.signatureLead, lead?.name);
    this.y = this.doc.y;
  }

  /** Page numbers on every page, and the document's name atop every page after the first. */
  pageFurniture(): void {
    const range = this.doc.bufferedPageRange();
    const header = clean(`${this.t.runningHeader} - ${this.data.title}`);
    for (let index = 0; index < range.count; index += 1) {
      const page = this.doc.switchToPage(range.start + index);
      // Writing inside the margins must not open a page of its own.
      const margins = { ...page.margins };
      page.margins = { top: 0, bottom: 0, left: margins.left, right: margins.right };
      this.style('regular', 9, MUTED);
      this.doc.text(this.t.page(index + 1, range.count), MARGINS.left, PAGE.height - 14 * MM, {
        width: CONTENT_WIDTH,
        align: 'center',
        lineBreak: false,
      });
      if (index > 0) {
        this.doc.text(header, MARGINS.left, 10 * MM, {
          width: CONTENT_WIDTH,
          height: this.doc.currentLineHeight(true),
          ellipsis: true,
        });
        this.doc
          .lineWidth(0.5)
          .moveTo(MARGINS.left, 10 * MM + this.doc.currentLineHeight(true) + 2)
          .lineTo(MARGINS.left + CONTENT_WIDTH, 10 * MM + this.doc.currentLineHeight(true) + 2)
          .stroke('#999999');
      }
      page.margins = margins;
    }
  }

  async finish(): Promise<Uint8Array> {
    const chunks: Buffer[] = [];
    const done = new Promise<void>((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.doc.on('end', () => resolve());
      this.doc.on('error', reject);
    });
    this.doc.end();
    await done;
    return new Uint8Array(Buffer.concat(chunks));
  }
}

/** The minutes of one inspection as a PDF in the given language. */
export async function renderMinutesPdf(data: MinutesData, locale: Locale): Promise<Uint8Array> {
  const t = minutesTexts[locale];
  const w = new MinutesWriter(data, locale, t);
  const { doc } = w;

  // The national heading: the country, its motto underlined by a short rule, the document.
  w.centred(t.country, 'bold', 12, 1);
  w.centred(t.motto, 'bold', 12.5, 0);
  doc.font(fontPath('bold')).fontSize(12.5);
  const mottoWidth = doc.widthOfString(t.motto);
  const centre = MARGINS.left + CONTENT_WIDTH / 2;
  doc
    .lineWidth(0.6)
    .moveTo(centre - mottoWidth / 2, w.y + 1)
    .lineTo(centre + mottoWidth / 2, w.y + 1)
    .stroke('black');
  w.y += 24;
  w.centred(t.documentTitle, 'bold', 15, 4);
  w.centred(data.title, 'bold', 12, 6);

  w.heading(t.generalHeading);
  const general: [label: string, value: string][] = [
    [t.titleLabel, data.title],
    [t.kindLabel, t.kinds[data.kind]],
    [t.targetLabel, data.targetUnitName],
  ];
  if (data.kind === 'SURPRISE') {
    general.push([t.windowLabel, `${formatDate(data.windowStart)} - ${formatDate(data.windowEnd)}`]);
  }
  general.push([t.dateLabel, data.scheduledOn ? formatDate(data.scheduledOn) : t.notFixed]);
  if (data.startedAt) general.push([t.startedLabel, formatVietnamTime(data.startedAt)]);
  if (data.closedAt) general.push([t.closedLabel, formatVietnamTime(data.closedAt)]);
  general.push([t.statusLabel, t.statuses[data.status]]);
  if (data.status === 'CANCELLED' && data.cancelReason)
    general.push([t.cancelReasonLabel, data.cancelReason]);
  general.push([
    t.inspectorsLabel,
    // The lead first, the others as given.
    [...data.inspectors]
      .sort((a, b) => Number(b.lead) - Number(a.lead))
      .map((inspector) => (inspector.lead ? `${inspector.name} (${t.lead})` : inspector.name))
      .join('\n'),
  ]);
  w.table(
    [
      { header: '', width: 168 },
      { header: '', width: CONTENT_WIDTH - 168 },
    ],
    general.map(([label, value]) => [{ text: `${label}:`, font: 'bold' }, value]),
    { bordered: false },
  );

  w.heading(t.checklistHeading);
  if (data.checklist.length === 0) w.paragraph(t.noChecklist, 'italic');
  else {
    w.table(
      [
        { header: t.number, width: 32, align: 'center' },
        { header: t.itemColumn, width: 196 },
        { header: t.resultColumn, width: 78 },
        { header: t.noteColumn, width: CONTENT_WIDTH - 32 - 196 - 78 },
      ],
      data.checklist.map((item) => [
        String(item.number),
        item.text,
        item.result
          ? { text: t.results[item.result], font: item.result === 'FAIL' ? 'bold' : 'regular' }
          : { text: t.results.NONE, font: 'italic', color: MUTED },
        item.note ?? '',
      ]),
    );
  }

  w.heading(t.findingsHeading);
  if (data.findings.length === 0) w.paragraph(t.noFindings, 'italic');
  else {
    w.table(
      [
        { header: t.number, width: 30, align: 'center' },
        { header: t.severityColumn, width: 70 },
        { header: t.descriptionColumn, width: 183 },
        { header: t.fromItemColumn, width: 110 },
        { header: t.correctionColumn, width: CONTENT_WIDTH - 30 - 70 - 183 - 110, align: 'center' },
      ],
      data.findings.map((finding) => [
        String(finding.number),
        { text: t.severities[finding.severity], font: 'bold' },
        `${finding.description}\n(${t.recordedBy(finding.recordedByName)})`,
        finding.checklistItem ? `${finding.checklistItem.number}. ${finding.checklistItem.text}` : '',
        finding.requiresCorrection ? t.yes : t.no,
      ]),
    );
  }

  w.heading(t.correctiveHeading);
  if (data.correctiveActions.length === 0) w.paragraph(t.noCorrective, 'italic');
  else {
    w.table(
      [
        { header: t.findingColumn, width: 168 },
        { header: t.severityColumn, width: 62 },
        { header: t.responsibleColumn, width: 92 },
        { header: t.dueColumn, width: 62, align: 'center' },
        { header: t.correctiveStatusColumn, width: CONTENT_WIDTH - 168 - 62 - 92 - 62 },
      ],
      data.correctiveActions.map((action) => [
        `${action.findingNumber}. ${action.findingDescription}`,
        t.severities[action.severity],
        action.responsibleUnitName,
        { text: formatDate(action.dueDate), font: 'bold' },
        t.correctiveStatuses[action.status],
      ]),
    );
  }

  w.heading(t.conclusionHeading);
  if (data.summary) w.paragraph(data.summary);
  else w.paragraph(t.noSummary, 'italic');
  if (data.status !== 'CLOSED') w.paragraph(t.notClosed, 'italic');

  w.signatures();
  w.pageFurniture();
  return w.finish();
}
