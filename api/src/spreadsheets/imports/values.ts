// Values as offices type them: dates as 31/12/2026, 1/7/2026, 2026-12-31 or an Excel date cell;
// roles, levels and languages by code or by their Vietnamese or English name.
import type { Role, UnitLevel } from '../../../../prisma/client.ts';
import type { ReadCell } from '../read.ts';
import { comparable } from './columns.ts';

/** A cell as stored in the batch (JSON): Dates become YYYY-MM-DD, the rest stays. */
export type StoredCell = string | number | boolean | null;

const iso = (year: number, month: number, day: number): string | null => {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return date.toISOString().slice(0, 10);
};

/** A read cell as JSON for the batch; a date cell as its calendar day. */
export function storedCell(cell: ReadCell): StoredCell {
  return cell instanceof Date ? cell.toISOString().slice(0, 10) : cell;
}

/**
 * A calendar date (YYYY-MM-DD) from what was typed, or null when it is not one. Day first, as
 * Vietnam writes dates: 31/12/2026, 1/7/2026, 31-12-2026, 31.12.2026, "ngày 31 tháng 12 năm
 * 2026"; ISO 2026-12-31; an Excel date serial number.
 */
export function parseDate(cell: StoredCell): string | null {
  if (cell === null || typeof cell === 'boolean') return null;
  if (typeof cell === 'number') {
    // An Excel serial (days since 1899-12-30) in a cell without a date format.
    if (!Number.isInteger(cell) || cell < 20000 || cell > 80000) return null;
    return new Date(Date.UTC(1899, 11, 30) + cell * 86_400_000).toISOString().slice(0, 10);
  }
  const text = cell.trim().toLowerCase();
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text) ?? /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text);
  if (match) return iso(Number(match[1]), Number(match[2]), Number(match[3]));
  match =
    /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text) ??
    /^ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})$/.exec(text.normalize('NFC'));
  if (match) return iso(Number(match[3]), Number(match[2]), Number(match[1]));
  return null;
}

/** Text of a cell, or null when empty. Numbers typed in a text column (a code "123") count as text. */
export function textCell(cell: StoredCell): string | null {
  if (cell === null) return null;
  const text = String(cell).normalize('NFC').replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

const labels = <T extends string>(entries: Record<T, string[]>): Map<string, T> => {
  const map = new Map<string, T>();
  for (const [value, names] of Object.entries(entries) as [T, string[]][]) {
    for (const name of [value, ...names]) map.set(comparable(name), value);
  }
  return map;
};

const ROLE_LABELS = labels<Role>({
  ADMIN: ['Quản trị viên', 'Quản trị', 'Administrator', 'Admin'],
  STEERING: ['Ban chỉ đạo', 'Thành viên Ban chỉ đạo', 'Steering committee', 'Steering'],
  UNIT_HEAD: ['Trưởng đơn vị', 'Thủ trưởng đơn vị', 'Lãnh đạo đơn vị', 'Unit head', 'Head'],
  UNIT_STAFF: ['Cán bộ', 'Công chức', 'Cán bộ đơn vị', 'Unit staff', 'Staff'],
  INSPECTOR: ['Thanh tra', 'Kiểm tra viên', 'Thanh tra viên', 'Inspector'],
});

/** The roles of a cell listing one or more, separated by commas, semicolons or new lines; null if any is unknown. */
export function parseRoles(text: string): Role[] | null {
  const parts = text
    .split(/[,;\n]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  const roles: Role[] = [];
  for (const part of parts) {
    const role = ROLE_LABELS.get(comparable(part));
    if (!role) return null;
    if (!roles.includes(role)) roles.push(role);
  }
  return roles.length ? roles : null;
}

const LEVEL_LABELS = labels<UnitLevel>({
  PROVINCE: ['Tỉnh', 'Thành phố trực thuộc trung ương', 'Province'],
  DEPARTMENT: ['Sở', 'Sở, ngành', 'Ban, ngành', 'Department'],
  DISTRICT: ['Huyện', 'Quận', 'Thị xã', 'District'],
  COMMUNE: ['Xã', 'Commune'],
  TOWN: ['Thị trấn', 'Town'],
  WARD: ['Phường', 'Ward'],
  AGENCY: ['Cơ quan', 'Cơ quan, tổ chức', 'Agency'],
});

export function parseLevel(text: string): UnitLevel | null {
  return LEVEL_LABELS.get(comparable(text)) ?? null;
}

const LOCALE_LABELS = labels<'vi' | 'en'>({
  vi: ['Tiếng Việt', 'Vietnamese', 'VN'],
  en: ['Tiếng Anh', 'English', 'EN'],
});

export function parseLocale(text: string): 'vi' | 'en' | null {
  return LOCALE_LABELS.get(comparable(text)) ?? null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseEmail(text: string): string | null {
  const email = text.trim().toLowerCase();
  return EMAIL.test(email) && email.length <= 254 ? email : null;
}

/** A whole number from a cell ("2", 2, 2.0), or null. */
export function parseWhole(cell: StoredCell): number | null {
  const number =
    typeof cell === 'number' ? cell : typeof cell === 'string' ? Number(cell.trim().replace(',', '.')) : NaN;
  return Number.isInteger(number) ? number : null;
}
