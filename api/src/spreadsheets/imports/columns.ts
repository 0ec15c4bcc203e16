// The columns of each import, their headers in both languages (the template's), and the matching
// of an uploaded header row to them: any column order, headers in vi or en, case, spacing and
// diacritics aside ("Ma don vi" matches "Mã đơn vị"), an optional "*" for required ones.
import type { Locale } from '../../messages.ts';

export type ImportKindName = 'UNITS' | 'USERS' | 'TASKS';

export interface ImportColumn {
  key: string;
  header: Record<Locale, string>;
  required: boolean;
  /** An example value for the template's second row, per language. */
  example: Record<Locale, string | number | Date>;
  /** Width in characters in the template. */
  width?: number;
}

const future = (): Date => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), 11, 15));
};

export const IMPORT_COLUMNS: Record<ImportKindName, readonly ImportColumn[]> = {
  UNITS: [
    {
      key: 'code',
      header: { vi: 'Mã đơn vị', en: 'Unit code' },
      required: true,
      example: { vi: 'ND-TN-TC', en: 'ND-TN-TC' },
    },
    {
      key: 'name',
      header: { vi: 'Tên đơn vị', en: 'Unit name' },
      required: true,
      example: { vi: 'Xã Trực Chính', en: 'Xã Trực Chính' },
      width: 40,
    },
    {
      key: 'level',
      header: { vi: 'Cấp', en: 'Level' },
      required: true,
      example: { vi: 'Xã', en: 'COMMUNE' },
    },
    {
      key: 'parentCode',
      header: { vi: 'Mã đơn vị cấp trên', en: 'Parent unit code' },
      required: true,
      example: { vi: 'ND-TN', en: 'ND-TN' },
    },
  ],
  USERS: [
    {
      key: 'email',
      header: { vi: 'Email', en: 'E-mail' },
      required: true,
      example: { vi: 'nguyen.van.an@phuongdinh.gov.vn', en: 'nguyen.van.an@phuongdinh.gov.vn' },
      width: 34,
    },
    {
      key: 'name',
      header: { vi: 'Họ và tên', en: 'Full name' },
      required: true,
      example: { vi: 'Nguyễn Văn An', en: 'Nguyễn Văn An' },
      width: 28,
    },
    {
      key: 'roles',
      header: { vi: 'Vai trò', en: 'Roles' },
      required: true,
      example: { vi: 'Cán bộ', en: 'UNIT_STAFF' },
      width: 22,
    },
    {
      key: 'unitCode',
      header: { vi: 'Mã đơn vị', en: 'Unit code' },
      required: true,
      example: { vi: 'ND-TN-PD', en: 'ND-TN-PD' },
    },
    {
      key: 'locale',
      header: { vi: 'Ngôn ngữ', en: 'Language' },
      required: false,
      example: { vi: 'vi', en: 'en' },
    },
  ],
  TASKS: [
    {
      key: 'title',
      header: { vi: 'Tên nhiệm vụ', en: 'Task title' },
      required: true,
      example: {
        vi: 'Niêm yết công khai thủ tục hành chính tại bộ phận một cửa',
        en: 'Post administrative procedures at the one-stop desk',
      },
      width: 50,
    },
    {
      key: 'unitCode',
      header: { vi: 'Mã đơn vị', en: 'Unit code' },
      required: true,
      example: { vi: 'ND-TN-PD', en: 'ND-TN-PD' },
    },
    {
      key: 'area',
      header: { vi: 'Lĩnh vực', en: 'Reform area' },
      required: true,
      example: { vi: 'Cải cách thủ tục hành chính', en: 'ADMIN_PROCEDURES' },
      width: 30,
    },
    {
      key: 'dueDate',
      header: { vi: 'Hạn hoàn thành', en: 'Due date' },
      required: true,
      example: { vi: future(), en: future() },
    },
    { key: 'weight', header: { vi: 'Trọng số', en: 'Weight' }, required: false, example: { vi: 1, en: 1 } },
    {
      key: 'indicatorTarget',
      header: { vi: 'Chỉ tiêu', en: 'Indicator target' },
      required: false,
      example: { vi: 'Hồ sơ trực tuyến ≥ 60 %', en: 'Online dossiers ≥ 60 %' },
      width: 28,
    },
    {
      key: 'description',
      header: { vi: 'Mô tả', en: 'Description' },
      required: false,
      example: { vi: '', en: '' },
      width: 40,
    },
  ],
};

/** Lower case, no diacritics (đ → d), no spaces or punctuation: how headers and labels are compared. */
export function comparable(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export interface HeaderMatch {
  /** Column key → index in the uploaded header row. */
  index: Map<string, number>;
  /** Required columns not found (by key). */
  missing: string[];
  /** Columns found twice (by key). */
  duplicated: string[];
}

/** Which uploaded column holds which of the kind's columns; unknown extra columns are ignored. */
export function matchHeaders(kind: ImportKindName, headers: readonly string[]): HeaderMatch {
  const index = new Map<string, number>();
  const duplicated: string[] = [];
  const byLabel = new Map<string, string>();
  for (const column of IMPORT_COLUMNS[kind]) {
    for (const label of [column.header.vi, column.header.en, column.key])
      byLabel.set(comparable(label), column.key);
  }
  headers.forEach((header, position) => {
    const key = byLabel.get(comparable(header));
    if (!key) return;
    if (index.has(key)) duplicated.push(key);
    else index.set(key, position);
  });
  const missing = IMPORT_COLUMNS[kind]
    .filter((column) => column.required && !index.has(column.key))
    .map((c) => c.key);
  return { index, missing, duplicated };
}

/** A column's header in a language, for problems and the template. */
export function columnHeader(kind: ImportKindName, key: string, locale: Locale): string {
  return IMPORT_COLUMNS[kind].find((column) => column.key === key)?.header[locale] ?? key;
}
