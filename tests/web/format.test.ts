import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../../web/src/lib/format.ts';

// What the pages print, per language (Intl with the vi-VN and en-GB conventions).
describe('dates, times, numbers and percentages per locale', () => {
  it('a calendar day is dd/mm/yyyy in both languages, whatever the server time zone', () => {
    expect(formatDate('vi', '2025-06-30')).toBe('30/06/2025');
    expect(formatDate('en', '2025-06-30')).toBe('30/06/2025');
    expect(formatDate('vi', '2026-01-01')).toBe('01/01/2026');
  });

  it('a moment is shown in Vietnam time (UTC+7) by default, 24-hour clock, four-digit year', () => {
    // 23:31 UTC on 24 November is 06:31 on 25 November in Hà Nội.
    expect(formatDateTime('vi', '2026-11-24T23:31:00Z')).toBe('06:31 25/11/2026');
    expect(formatDateTime('en', '2026-11-24T23:31:00Z')).toBe('25/11/2026, 06:31');
    expect(formatDateTime('en', '2026-11-24T23:31:00Z', 'Europe/London')).toBe('24/11/2026, 23:31');
  });

  it('numbers group thousands and mark decimals as each language does', () => {
    expect(formatNumber('vi', 12345.5)).toBe('12.345,5');
    expect(formatNumber('en', 12345.5)).toBe('12,345.5');
  });

  it('percentages: 53,1 % in Vietnamese (no-break space), 53.1% in English, at most one decimal', () => {
    expect(formatPercent('vi', 53.1)).toBe('53,1\u00a0%');
    expect(formatPercent('en', 53.1)).toBe('53.1%');
    expect(formatPercent('vi', 100)).toBe('100\u00a0%');
    expect(formatPercent('en', 0)).toBe('0%');
    expect(formatPercent('en', 66.666)).toBe('66.7%');
  });
});
