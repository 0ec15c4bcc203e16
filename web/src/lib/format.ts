// Dates, times, numbers and percentages as the page's language writes them, with Intl: in
// Vietnamese 30/06/2025, 12.345 and 53,1 %; in English (British) 30/06/2025, 12,345 and 53.1%.
// Accounts have no time zone of their own yet: every moment is shown in Vietnam's time.
/** The app's two languages (i18n.ts re-exports it). */
export type Locale = 'vi' | 'en';

/** The time zone moments are shown in. */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const tag = (locale: Locale) => (locale === 'vi' ? 'vi-VN' : 'en-GB');

// Intl formatters are costly to build and these are used on every row of a list: one per option set.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

/** A calendar date (YYYY-MM-DD) as the page's locale writes it: 30/06/2025. */
export function formatDate(locale: Locale, date: string): string {
  const format = cached(
    `date:${locale}`,
    () =>
      new Intl.DateTimeFormat(tag(locale), {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        timeZone: DEFAULT_TIME_ZONE,
      }),
  );
  // A calendar day, not a moment: read at noon in Vietnam, so no time zone moves it to another day.
  return format.format(new Date(`${date}T12:00:00+07:00`));
}

/**
 * A moment (ISO date-time) in the user's time zone: "14:05 02/12/2026" in Vietnamese,
 * "02/12/2026, 14:05" in English. Four-digit years, 24-hour clock.
 */
export function formatDateTime(locale: Locale, moment: string, timeZone = DEFAULT_TIME_ZONE): string {
  return cached(
    `datetime:${locale}:${timeZone}`,
    () =>
      new Intl.DateTimeFormat(tag(locale), {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone,
      }),
  ).format(new Date(moment));
}

/** A whole or decimal number: 12.345,5 in Vietnamese, 12,345.5 in English. */
export function formatNumber(locale: Locale, value: number): string {
  return cached(
    `number:${locale}`,
    () => new Intl.NumberFormat(tag(locale), { maximumFractionDigits: 1 }),
  ).format(value);
}

/**
 * A percentage given from 0 to 100 (as the API sends progress and completion), with at most one
 * decimal: "53,1 %" in Vietnamese (a space before the sign, written as a no-break space so the
 * sign never wraps to the next line), "53.1%" in English.
 */
export function formatPercent(locale: Locale, value: number): string {
  const parts = cached(
    `percent:${locale}`,
    () => new Intl.NumberFormat(tag(locale), { style: 'percent', maximumFractionDigits: 1 }),
  ).formatToParts(value / 100);
  if (locale !== 'vi') return parts.map((part) => part.value).join('');
  const number = parts.filter((part) => part.type !== 'percentSign' && part.value.trim() !== '');
  return `${number.map((part) => part.value).join('')}\u00a0%`;
}
