import type { Locale } from './i18n.ts';

const tag = (locale: Locale) => (locale === 'vi' ? 'vi-VN' : 'en-GB');

/** A calendar date (YYYY-MM-DD) as the page's locale writes it: 30/06/2025. */
export function formatDate(locale: Locale, date: string): string {
  // Noon in Hà Nội: the same calendar day whatever the server's timezone.
  return new Intl.DateTimeFormat(tag(locale), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(new Date(`${date}T12:00:00+07:00`));
}

/** A moment (ISO date-time) in Hà Nội time, in the page's locale. */
export function formatDateTime(locale: Locale, moment: string): string {
  return new Intl.DateTimeFormat(tag(locale), {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(new Date(moment));
}
